"""Hostile deliveries of session 11 (doors2) that lost or dropped data: a JSON Lines export whose lines end with a lone
CR (classic Mac OS, old export tools) was one "line", all its records one quarantine entry (`Extra data`), by the drop
folder, `gongkai ingest` and the push alike; a multipart push with two `metadata` parts kept the last and lost the
first without a word. Real files, a real drop folder and store, the push over a socket."""

from __future__ import annotations

import json

from gongkai.feeds.inbox import archive_dir, inbox_dir, process_inbox
from tests.support import agency_push_client, inbox_engine

AGENCY = "厦门市思明区人民政府"


def record(n: int, **fields: object) -> dict:
    return {"title": f"思明区关于第{n}批老旧小区改造项目的公示", "index_number": f"XM10200-0301-2025-{n:05d}",
            "body": f"现将思明区第{n}批改造项目公示如下：莲前街道、嘉莲街道共{n + 3}个小区。", **fields}


def cr_lines(*records: dict) -> bytes:
    return "".join(json.dumps(r, ensure_ascii=False) + "\r" for r in records).encode("gb18030")


def test_lines_ended_by_a_lone_cr_are_lines_in_the_drop_folder(settings):
    with inbox_engine(settings) as engine:
        folder = inbox_dir(engine) / AGENCY
        folder.mkdir()
        (folder / "export.jsonl").write_bytes(cr_lines(record(1), {"title": ""}, record(3)))
        report = process_inbox(engine, now=4_000_000_000.0)
        assert (report.counts["new"], report.counts["quarantined"]) == (2, 1), report.as_dict()
        [entry] = engine.store.quarantine_list("open")
        assert entry["input_ref"] == f"inbox:{AGENCY}/export.jsonl#2", entry  # the bad line alone, by its number
        assert [p.name for p in archive_dir(engine).rglob("*") if p.is_file()] == ["export.jsonl"]


def test_a_pretty_printed_record_with_cr_line_ends_is_still_one_record(settings, tmp_path):
    """Only a file of CR-ended lines is read by CR: one pretty-printed object written with CR line ends is no such file
    (its first line is "{" alone) — read as before, one record."""
    from gongkai.inputs import iter_record_file

    path = tmp_path / "one.jsonl"
    path.write_bytes(json.dumps(record(7), ensure_ascii=False, indent=2).replace("\n", "\r").encode())
    items = list(iter_record_file(path, "inbox"))
    assert [item.error for item in items] == [None] and items[0].record is not None


def test_a_push_of_cr_ended_json_lines_is_each_record(settings):
    with agency_push_client(settings, AGENCY) as (engine, client):
        answer = client.post("/api/ingest", content=cr_lines(record(11), record(12)), headers={"Content-Type": "application/x-ndjson"})
        assert answer.status_code == 200, answer.text
        assert [item["status"] for item in answer.json()["results"]] == ["new", "new"]
        assert engine.store.count() == 2


def test_a_push_with_two_metadata_parts_is_refused_not_half_read(settings):
    page = ("<html><head><meta charset='gbk'><title>思明区人民政府关于开展2025年防汛演练的通知</title></head><body>"
            "<h1>思明区人民政府关于开展2025年防汛演练的通知</h1><p>定于2025年6月10日在筼筜湖周边开展防汛演练。</p></body></html>").encode("gbk")
    with agency_push_client(settings, AGENCY) as (engine, client):
        answer = client.post("/api/ingest", files=[("file", ("防汛.html", page, "text/html"))],
                             data={"metadata": [json.dumps({"index_number": "XM10200-0301-2025-07001"}), json.dumps({"topic": "防汛"})]})
        assert answer.status_code == 422, answer.text
        body = answer.json()
        assert body["error"] == "repeated_part" and body["message"].startswith("表单字段 'metadata' 重复"), body
        assert engine.store.count() == 0  # nothing stored on half the agency's metadata
        one = client.post("/api/ingest", files=[("file", ("防汛.html", page, "text/html"))],
                          data={"metadata": json.dumps({"index_number": "XM10200-0301-2025-07001", "topic": "防汛"})})
        assert one.status_code == 201, one.text


def test_an_empty_sidecar_is_said_to_be_empty(settings):
    """A sidecar cut off before its first byte (an upload that failed) read `不是有效的 JSON / … not valid JSON: Expecting
    value`: the clerk looked for a syntax error in an empty file. Its document waits in failed/ for a retry."""
    from gongkai.quarantine_reasons import explain
    from tests.hostile_cases import FILES

    with inbox_engine(settings) as engine:
        folder = inbox_dir(engine) / AGENCY
        folder.mkdir()
        (folder / "通知.docx").write_bytes((FILES / "govcn-5342665.docx").read_bytes())
        (folder / "通知.docx.json").write_bytes(b"")
        (folder / "公告.docx").write_bytes((FILES / "govcn-5338761.docx").read_bytes())
        (folder / "公告.docx.xml").write_bytes(b"\xef\xbb\xbf\r\n")
        report = process_inbox(engine, now=4_000_000_000.0)
        assert report.counts["quarantined"] == 2, report.as_dict()
        for entry in engine.store.quarantine_list("open"):
            said = explain(entry["reason"])
            assert said.code == "empty_file" and "is empty" in entry["reason"], entry["reason"]


def test_a_push_of_json_text_sequences_is_each_record(settings):
    """`application/json-seq` (RFC 7464: each record opens with RS, 0x1E) was accepted as a content type and every record
    rejected, `not valid JSON: Expecting value` (the RS was read as the line's first character)."""
    with agency_push_client(settings, AGENCY) as (engine, client):
        body = "".join("\x1e" + json.dumps(record(n), ensure_ascii=False) + "\n" for n in (21, 22, 23)).encode("gb18030")
        answer = client.post("/api/ingest", content=body, headers={"Content-Type": "application/json-seq"})
        assert answer.status_code == 200, answer.text
        assert [item["status"] for item in answer.json()["results"]] == ["new", "new", "new"] and engine.store.count() == 3


def test_a_file_dated_ahead_is_taken_once_it_has_been_still(settings):
    """A file whose date is a year ahead (an agency PC's clock wrong, a zip's stored dates) waited a year, reported
    `waiting` at every run as if still being written. Its age is now this machine's: when it arrived or was last written."""
    import os
    import time

    with inbox_engine(settings) as engine:
        folder = inbox_dir(engine) / AGENCY
        folder.mkdir()
        path = folder / "export.jsonl"
        path.write_text(json.dumps(record(31), ensure_ascii=False) + "\n", encoding="utf-8")
        ahead = time.time() + 365 * 86400
        os.utime(path, (ahead, ahead))
        assert process_inbox(engine, now=time.time()).waiting == 1  # just arrived: it may still be written
        report = process_inbox(engine, now=time.time() + 600)
        assert (report.counts["new"], report.waiting) == (1, 0), report.as_dict()


def test_an_upload_left_unfinished_holds_back_its_document_only_for_a_while(settings):
    """An upload that died as 报告.docx.part held back the 报告.docx sent whole later, for ever (`waiting` at each run), and
    neither it nor Word's lock file `~$报告.docx` was named. Past feeds.inbox_sidecar_wait_seconds untouched they hold
    back nothing and are named, left in place."""
    import time

    from tests.hostile_cases import FILES

    whole = (FILES / "govcn-5342665.docx").read_bytes()
    with inbox_engine(settings) as engine:
        folder = inbox_dir(engine) / AGENCY
        folder.mkdir()
        (folder / "报告.docx.part").write_bytes(whole[:1000])
        (folder / "报告.docx").write_bytes(whole)
        (folder / "~$报告.docx").write_bytes(b"\x00" * 162)
        assert process_inbox(engine, now=time.time() + 600).waiting == 1  # the upload may still be going on
        report = process_inbox(engine, now=time.time() + engine.settings.feeds.inbox_sidecar_wait_seconds + 600)
        assert (report.counts["new"], report.waiting) == (1, 0), report.as_dict()
        refused = "\n".join(report.refused)
        assert f"{AGENCY}/报告.docx.part: 未完成的上传或临时文件" in refused and f"{AGENCY}/~$报告.docx: 未完成的上传" in refused, refused
        assert (folder / "报告.docx.part").exists() and (folder / "~$报告.docx").exists()  # left where they are


def test_an_xml_sidecar_with_a_stale_gbk_declaration_is_read_as_the_utf8_it_is(settings):
    """An XML sidecar saved again as UTF-8 with its `encoding="GB2312"` header kept was decoded as GB18030 and refused,
    `not well-formed (invalid token)`, its document held in failed/. A real GBK one is still read as GBK."""
    from tests.hostile_cases import FILES

    stale = '<?xml version="1.0" encoding="GB2312"?><record><主题分类>城乡建设</主题分类></record>'.encode()
    real = '<?xml version="1.0" encoding="GBK"?><record><主题分类>财政金融</主题分类></record>'.encode("gbk")
    with inbox_engine(settings) as engine:
        folder = inbox_dir(engine) / AGENCY
        folder.mkdir()
        (folder / "通知.docx").write_bytes((FILES / "govcn-5342665.docx").read_bytes())
        (folder / "通知.docx.xml").write_bytes(stale)
        (folder / "公告.docx").write_bytes((FILES / "govcn-5338761.docx").read_bytes())
        (folder / "公告.docx.xml").write_bytes(real)
        report = process_inbox(engine, now=4_000_000_000.0)
        assert (report.counts["new"], report.counts["quarantined"]) == (2, 0), report.as_dict()
        assert sorted(record.topic for record in engine.store.iter_records()) == ["城乡建设", "财政金融"]
