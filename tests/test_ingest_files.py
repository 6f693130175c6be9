"""`gongkai ingest` of documents: real pages, PDFs and DOCX by content, notice columns, bad files quarantined."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from gongkai.engine import Engine
from gongkai.indexer.models import SearchRequest
from gongkai.ingest import ItemResult
from gongkai.settings import load_settings

FIXTURES = Path(__file__).parent / "fixtures" / "parsers"


def ingest(engine: Engine, *paths: Path, notices: bool = False) -> dict[str, ItemResult]:
    results: list[ItemResult] = []
    engine.ingest_paths(list(paths), notices=notices, on_item=results.append)
    return {Path(r.input.split("#")[0]).name + ("#" + r.input.split("#")[1] if "#" in r.input else ""): r for r in results}


def test_a_folder_of_real_documents_by_content(settings, corpus, tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    files = corpus / "pdf_docx" / "govcn_as_files"
    truth = {row["file"]: row for row in map(json.loads, (files / "index.jsonl").read_text(encoding="utf-8").splitlines())}
    for name in ("govcn-5338761.docx", "govcn-5339579.pdf"):
        # Misleading extensions: the type is read from the content.
        shutil.copy(files / name, inbox / (name + ".bin"))
    page = corpus / "govcn_state_council_policies" / "html" / "govcn-5338761.html"
    html = page.read_text(encoding="utf-8")
    (inbox / "page-gbk.htm").write_bytes(html.replace('charset="utf-8"', "").encode("gbk", errors="ignore"))
    (inbox / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog" )  # truncated
    (inbox / "old.doc").write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 600)
    engine = Engine(settings)
    results = ingest(engine, inbox)
    assert results["govcn-5338761.docx.bin"].status == "new"
    assert results["govcn-5339579.pdf.bin"].status == "new"
    assert results["page-gbk.htm"].status == "new"
    assert results["broken.pdf"].status == "quarantined" and results["broken.pdf"].error
    # an OLE2 file with no document in it: unsupported without a converter, unreadable with one; never stored
    old_doc = results["old.doc"]
    assert old_doc.status == "quarantined" and ("unsupported format: doc" in old_doc.error or "cannot read old.doc" in old_doc.error)
    assert "/tmp/tmp" not in old_doc.error  # the converter's temporary copy is not the file's name

    pdf = engine.get(results["govcn-5339579.pdf.bin"].id)
    assert pdf.doc_number == truth["govcn-5339579.pdf"]["doc_number"] and pdf.issuer == truth["govcn-5339579.pdf"]["issuer"]
    gbk = engine.get(results["page-gbk.htm"].id)
    assert gbk.index_number and "政府网站集约化" in gbk.title  # decoded right although nothing declares GBK
    for doc_number in (pdf.doc_number, gbk.doc_number):
        assert engine.search(SearchRequest(q=doc_number.replace("〔", "[").replace("〕", "]"))).hits[0].doc_number == doc_number
    # Raw bytes are kept for re-parsing, bad ones included.
    assert engine.store.captures_of(pdf.id)
    assert {entry["input_ref"].split("/")[-1] for entry in engine.store.quarantine_list()} == {"broken.pdf", "old.doc"}


def test_sidecar_fields_win_and_the_sidecar_is_not_a_record_of_its_own(settings, corpus, tmp_path):
    folder = tmp_path / "drop"
    folder.mkdir()
    shutil.copy(corpus / "pdf_docx" / "govcn_as_files" / "govcn-5342665.docx", folder / "notice.docx")
    (folder / "notice.docx.json").write_text(json.dumps({"index_number": "XM00100-0200-2019-00001", "topic": "综合政务"}, ensure_ascii=False), encoding="utf-8")
    engine = Engine(settings)
    results = ingest(engine, folder)
    assert list(results) == ["notice.docx"]
    record = engine.get(results["notice.docx"].id)
    assert record.index_number == "XM00100-0200-2019-00001" and record.topic == "综合政务"


def test_notice_columns_become_one_record_per_notice(settings):
    engine = Engine(settings)
    results = ingest(engine, FIXTURES / "notices_xmrb_column.txt", notices=True)
    assert len(results) >= 3 and all(r.status == "new" for r in results.values())
    records = [engine.get(r.id) for r in results.values()]
    assert {r.kind for r in records} == {"notice"}
    assert len({r.notice_type for r in records}) >= 2
    outage = next(r for r in records if r.notice_type == "outage")
    assert outage.notice.events and outage.notice.events[0].areas
    area = outage.notice.area_texts()[0]
    assert engine.search(SearchRequest(q=area[:4], notice_type="outage")).total >= 1


def test_a_too_large_file_is_quarantined_unread_and_retried_after_the_limit_is_raised(tmp_path, corpus, monkeypatch):
    monkeypatch.chdir(tmp_path)
    big = tmp_path / "big.pdf"
    shutil.copy(corpus / "pdf_docx" / "govcn_as_files" / "govcn-5343366.pdf", big)
    small = load_settings(data_dir=tmp_path / "data", parsers={"max_file_bytes": 2048})
    engine = Engine(small)
    results = ingest(engine, big)
    assert results["big.pdf"].status == "quarantined" and "too large" in results["big.pdf"].error
    [entry] = engine.store.quarantine_list()
    assert engine.retry_quarantined(entry["id"]).status == "quarantined"  # still too large
    engine.close()

    engine = Engine(load_settings(data_dir=tmp_path / "data"))
    [entry] = engine.store.quarantine_list()  # the failed retry replaced the entry, it did not add one
    result = engine.retry_quarantined(entry["id"])
    assert result.status == "new"
    assert engine.get(result.id).doc_number
    assert engine.store.quarantine_list() == []


def test_reparse_from_kept_captures_after_a_settings_change(tmp_path, corpus, monkeypatch):
    monkeypatch.chdir(tmp_path)
    page = corpus / "govcn_state_council_policies" / "html" / "govcn-5338761.html"
    column = FIXTURES / "notices_xmrb_column.txt"
    engine = Engine(load_settings(data_dir=tmp_path / "data"))
    [page_result] = ingest(engine, page).values()
    notice_results = list(ingest(engine, column, notices=True).values())
    json_only = tmp_path / "one.jsonl"
    json_only.write_text(json.dumps({"title": "结构化记录", "body": "无原始文件"}, ensure_ascii=False) + "\n", encoding="utf-8")
    [json_result] = ingest(engine, json_only).values()
    issuer = engine.get(page_result.id).issuer
    engine.close()

    # Nothing changed: every record comes out the same, the column is split again (not parsed as one document).
    engine = Engine(load_settings(data_dir=tmp_path / "data"))
    report, skipped = engine.reparse()
    assert report.as_dict() == {"new": 0, "updated": 0, "unchanged": 1 + len(notice_results), "quarantined": 0}
    assert skipped == [json_result.id]
    engine.close()

    # An alias configured afterwards: re-parsing gives the page a new version with the canonical issuer.
    aliased = load_settings(data_dir=tmp_path / "data", parsers={"issuer_aliases": {issuer: "中华人民共和国国务院办公厅"}})
    engine = Engine(aliased)
    report, _ = engine.reparse([page_result.id])
    assert report.as_dict()["updated"] == 1
    record = engine.get(page_result.id)
    assert record.issuer == "中华人民共和国国务院办公厅" and record.version == 2


def test_record_files_in_every_shape_and_encoding(settings, tmp_path):
    folder = tmp_path / "records"
    folder.mkdir()
    one = {"title": "厦门市财政局关于预算公开的通知", "issuer": "厦门市财政局", "body": "预算"}
    (folder / "array.json").write_text(json.dumps([one, {**one, "title": "第二条"}], ensure_ascii=False), encoding="utf-8")
    (folder / "pretty.json").write_text(json.dumps({**one, "title": "格式化的单条记录"}, ensure_ascii=False, indent=2), encoding="utf-8")
    gbk_line = json.dumps({**one, "title": "国标编码的记录"}, ensure_ascii=False).encode("gb18030")
    (folder / "export.jsonl").write_bytes(gbk_line + b"\n" + b'{"title": "\xff\xfe\xfa"}\n')
    engine = Engine(settings)
    results = ingest(engine, folder)
    assert {name: r.status for name, r in results.items()} == {
        "array.json[1]": "new", "array.json[2]": "new", "pretty.json": "new", "export.jsonl:1": "new", "export.jsonl:2": "quarantined",
    }
    assert engine.get(results["export.jsonl:1"].id).title == "国标编码的记录"
    [entry] = engine.store.quarantine_list()
    assert "UTF-8" in entry["reason"] and engine.store.quarantine_get(entry["id"])["payload"].startswith(b'{"title": "\xff')


def test_an_unreadable_input_fails_alone(settings, tmp_path):
    import socket

    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "a.jsonl").write_text(json.dumps({"title": "可读的记录"}, ensure_ascii=False) + "\n", encoding="utf-8")
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(folder / "b.html"))  # a socket where a file was expected
    try:
        results = ingest(Engine(settings), folder)
    finally:
        server.close()
    assert results["a.jsonl:1"].status == "new"
    assert results["b.html"].status == "quarantined" and "not a regular file" in results["b.html"].error


def test_a_quarantined_notice_column_is_retried_as_a_column(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    column = tmp_path / "column.txt"
    column.write_bytes((FIXTURES / "notices_xmrb_column.txt").read_bytes())
    strict = load_settings(data_dir=tmp_path / "data", parsers={"timeout_seconds": 30, "max_file_bytes": 1024 * 1024})
    engine = Engine(strict)
    # Quarantine the column's capture as a parser failure would, then retry it.
    sha = engine.store.put_capture(column.read_bytes(), source="xmrb", meta={"filename": "column.txt", "sidecar": {}, "notice_column": True})
    qid = engine.store.quarantine(input_ref="xmrb:column", reason="simulated parser bug", source="xmrb", capture_sha256=sha)
    result = engine.retry_quarantined(qid)
    assert result.status == "new"
    assert engine.get(result.id).kind == "notice"
    assert engine.store.stats()["records"] >= 3  # split into its notices again, not parsed as one document


def test_one_bad_notice_does_not_cost_the_column(settings, tmp_path, monkeypatch):
    import gongkai.parsers.notices as notices

    real = notices.extract_fields

    def flaky(notice_type, title, text, *args, **kwargs):
        if notice_type == "lost":
            raise RuntimeError("extractor bug")
        return real(notice_type, title, text, *args, **kwargs)

    monkeypatch.setattr(notices, "extract_fields", flaky)  # a parser bug that only lost-item notices trigger
    results = ingest(Engine(settings), FIXTURES / "notices_xmrb_column.txt", notices=True)
    statuses = [r.status for r in results.values()]
    assert "new" in statuses and "quarantined" in statuses
    assert all("extractor bug" in r.error for r in results.values() if r.status == "quarantined")


def test_reparse_skips_a_record_whose_kept_bytes_were_damaged_and_goes_on(settings, corpus):
    engine = Engine(settings)
    pages = corpus / "govcn_state_council_policies" / "html"
    first, second = (ingest(engine, pages / name) for name in ("govcn-5338761.html", "govcn-5339579.html"))
    [damaged] = first.values()
    [intact] = second.values()
    sha = engine.store.captures_of(damaged.id)[-1]
    blob = next(settings.raw_dir.rglob(sha))
    blob.write_bytes(b"not what was fetched")
    report, skipped = engine.reparse([damaged.id, intact.id])
    assert skipped == [damaged.id]
    assert report.as_dict()["unchanged"] == 1


def test_brackets_inside_strings_do_not_refuse_a_shallow_record_and_deep_nesting_is_refused():
    """The depth walk is skipped when the text holds too few brackets to nest deeper than the limit; brackets in
    strings only send it to the walk, which decides (gongkai.recordfiles._brackets_over)."""
    from gongkai.recordfiles import BadRecord, RecordLimits, parse_text

    limits = RecordLimits(max_depth=4)
    shallow = json.dumps({"title": "括号" + "{[" * 10, "keywords": ["[", "{"]}, ensure_ascii=False)
    assert parse_text(shallow, limits) == json.loads(shallow)
    deep = '{"title": "深", "notice": {"a": [[{"b": 1}]]}}'  # five levels
    assert isinstance(parse_text(deep, limits), BadRecord) and "levels deep" in parse_text(deep, limits).reason
    assert parse_text('{"title": "浅", "notice": {"a": [{"b": 1}]}}', limits) == {"title": "浅", "notice": {"a": [{"b": 1}]}}


def test_a_line_reads_as_json_loads_reads_it_whichever_parser_takes_it():
    """parse_bytes tries orjson first (recordfiles._plain_object): every line gives json.loads' value or the old
    way's refusal, the lines orjson reads otherwise (a 30-digit integer, floats) or refuses included."""
    from gongkai.recordfiles import BadRecord, RecordLimits, parse_bytes

    limits = RecordLimits(max_depth=4)
    lines = [
        '{"title": "大数", "attachments": [{"size": 123456789012345678901234567890}]}',  # orjson: a float
        '{"title": "小数", "ocr": {"mean_confidence": 0.1, "pages": [{"page": 1, "confidence": 1e2}]}}',
        '{"title": "非数", "x": NaN}',
        '{"title": "\\ud800"}',  # a lone surrogate escape
        '\ufeff{"title": "带BOM"}',
    ]
    for text in lines:
        assert parse_bytes(text.encode("utf-8"), limits) == json.loads(text.lstrip("\ufeff")), text
    gb = '{"title": "国标编码"}'.encode("gb18030")
    assert parse_bytes(gb, limits) == {"title": "国标编码"}
    deep = parse_bytes(b'{"title": "d", "notice": {"a": [[{"b": 1}]]}}', limits)
    assert isinstance(deep, BadRecord) and "levels deep" in deep.reason
    assert isinstance(parse_bytes(b'{"title": "x",}', limits), BadRecord)
    assert isinstance(parse_bytes(b'["not", "an object"]', limits), BadRecord)
    # a key given twice with two values is refused, whichever parser reads it (json.loads kept the last: doors, session 10)
    twice = parse_bytes('{"title": "同键", "title": "后者"}'.encode(), limits)
    assert isinstance(twice, BadRecord) and "gives 'title' twice" in twice.reason


def test_reparse_parses_the_same_bytes_found_at_two_urls_for_each_record(tmp_path, corpus):
    """The same page at two URLs is two records sharing one kept capture (its row keeps the first URL); a
    reparse gives each its own new version, the second parsed under its own URL (not skipped)."""
    from gongkai.parsers import Capture

    data = (corpus / "pdf_docx" / "govcn_as_files" / "govcn-5342665.docx").read_bytes()  # no 索引号: ids from URLs
    urls = ["http://www.gov.cn/zhengce/content/P020181109.docx", "http://www.gov.cn/zhengce/mirror/P020181109.docx"]
    engine = Engine(load_settings(data_dir=tmp_path / "data"))
    report = engine.ingest_captures([Capture(data=data, url=url) for url in urls])
    assert report.as_dict()["new"] == 2
    ids = [record.id for record in engine.store.iter_records()]
    assert len(ids) == 2 and engine.store.captures_of(ids[0]) == engine.store.captures_of(ids[1])
    issuer = engine.get(ids[0]).issuer
    engine.close()

    engine = Engine(load_settings(data_dir=tmp_path / "data", parsers={"issuer_aliases": {issuer: "中华人民共和国国务院办公厅"}}))
    report, skipped = engine.reparse()
    assert report.as_dict() == {"new": 0, "updated": 2, "unchanged": 0, "quarantined": 0} and skipped == []
    assert sorted(engine.get(record_id).url for record_id in ids) == sorted(urls)
    assert {engine.get(record_id).issuer for record_id in ids} == {"中华人民共和国国务院办公厅"}
    engine.close()


def test_a_json_error_names_its_column_once():
    # The probe read "Unterminated string starting at at column 29": json's message already ends in "at".
    from gongkai.recordfiles import BadRecord, RecordLimits, parse_text

    limits = RecordLimits()
    bad = parse_text('{"title": "停电", "body": "半截', limits)
    assert isinstance(bad, BadRecord)
    assert bad.reason == "not valid JSON: Unterminated string starting at column 25"
    assert parse_text('{"title" "停电"}', limits).reason == "not valid JSON: Expecting ':' delimiter at column 10"
