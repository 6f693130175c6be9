"""`gongkai reparse` after a parser fix or a new alias gives the record parsed again a new version under its own id
(probe4). A document that came without a URL or 索引号 (`gongkai ingest` of a file, the drop folder, a push) has an
id made from its content: parsed again with different fields, it was stored as a second record beside the first,
so the search listed the wrong old title and the right new one (医疗器械注册与备案管理办法 after the title fix)."""

from __future__ import annotations

from gongkai.engine import Engine
from gongkai.indexer.models import SearchRequest
from gongkai.settings import load_settings


def test_a_document_without_url_or_index_number_keeps_its_id_when_parsed_again(settings, corpus, tmp_path):
    document = corpus / "pdf_docx" / "govcn_as_files" / "govcn-5339579.pdf"
    engine = Engine(settings)
    results = []
    engine.ingest_paths([document], on_item=results.append)
    [first] = results
    record = engine.get(first.id)
    assert record.url == "" and record.index_number == "" and record.issuer == "国务院办公厅"
    engine.close()

    # A new alias (the README's reason to reparse): the issuer, and so the content, changes.
    aliased = load_settings(data_dir=tmp_path / "data", parsers={"issuer_aliases": {"国务院办公厅": "中华人民共和国国务院办公厅"}})
    engine = Engine(aliased)
    report, skipped = engine.reparse([first.id])
    assert skipped == []
    assert report.as_dict() == {"new": 0, "updated": 1, "unchanged": 0, "quarantined": 0}
    again = engine.get(first.id)
    assert again.issuer == "中华人民共和国国务院办公厅" and again.version == 2
    # One record, not two: the search finds it once.
    hits = engine.search(SearchRequest(q="全国污染源普查领导小组")).hits
    assert [hit.id for hit in hits] == [first.id]
    # Parsed again unchanged: nothing new either.
    report, _ = engine.reparse([first.id])
    assert report.as_dict()["unchanged"] == 1
    engine.close()
