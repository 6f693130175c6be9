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


def test_a_withdrawn_record_is_not_brought_back_by_reparse(settings, corpus):
    """`gongkai reparse ID` of a withdrawn record stored it again as a live new version (probe4): a record superseded by
    its agency's sending with a 索引号 stood beside its successor again, a takedown came back. It is left withdrawn and
    named among those not parsed again."""
    files = corpus / "pdf_docx" / "govcn_as_files"
    engine = Engine(settings)
    results = []
    engine.ingest_paths([files / "govcn-5339579.pdf", files / "govcn-5338761.docx"], on_item=results.append)
    superseded, taken_down = (r.id for r in results)
    engine.withdraw(superseded, "superseded: the same file was sent again by its agency as record 0123456789abcdef0123")
    engine.withdraw(taken_down, "personal data", operator="admin")
    report, skipped = engine.reparse([superseded, taken_down])
    assert report.as_dict() == {"new": 0, "updated": 0, "unchanged": 0, "quarantined": 0}
    assert sorted(skipped) == sorted([superseded, taken_down])
    assert engine.get(superseded).withdrawn and engine.get(taken_down).withdrawn
    assert engine.search(SearchRequest(q="全国污染源普查领导小组")).hits == []
    engine.close()
