"""Shapes of real exports that lost records or made false quarantine entries (doors3, session 12, held-out probe): a UTF-16
XML file (`encoding="UTF-16"`, what .NET's XmlWriter writes by default) was taken for a document and stored as ONE record
titled by its file name, the XML as its body; a pretty-printed export under a .jsonl name (an `indent=2` tool) was read
line by line, every line a quarantine entry and no record in; a DOS end-of-file mark (Ctrl-Z) after the last line was a
quarantine entry of its own, the good file archived under failed/. Real files, a real drop folder and store."""

from __future__ import annotations

import json

from gongkai.feeds.inbox import archive_dir, inbox_dir, process_inbox
from tests.support import inbox_engine

AGENCY = "厦门市湖里区人民政府"


def rec(n: int, **fields: object) -> dict:
    return {"title": f"湖里区关于2026年第{n}批城市更新项目的公示", "index_number": f"hl-0300-2026-{n:05d}", "publish_date": "2026-10-08",
            "body": f"现将湖里区第{n}批城市更新项目公示如下。", **fields}


def _deliver(engine, files: dict[str, bytes]):
    folder = inbox_dir(engine) / AGENCY
    folder.mkdir()
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return process_inbox(engine, now=4_000_000_000.0)


def _titles(engine) -> list[str]:
    return sorted(record.title for record in engine.store.iter_records())


def test_a_utf16_xml_record_file_is_its_record(settings):
    xml = (f'<?xml version="1.0" encoding="UTF-16"?><records><record><title>{rec(1)["title"]}</title>'
           f'<index_number>{rec(1)["index_number"]}</index_number><body>正文</body></record></records>')
    with inbox_engine(settings) as engine:
        report = _deliver(engine, {"records.xml": xml.encode("utf-16")})
        assert report.counts["new"] == 1 and report.counts["quarantined"] == 0, report.as_dict()
        assert _titles(engine) == [rec(1)["title"]]  # not "records", the XML as its body


def test_a_pretty_printed_jsonl_export_is_its_records_and_a_bad_one_is_retried_from_the_archive(settings):
    pretty = "".join(json.dumps(r, ensure_ascii=False, indent=2) + "\n" for r in (rec(2), rec(3, title=""), rec(4)))
    with inbox_engine(settings) as engine:
        report = _deliver(engine, {"export.jsonl": pretty.encode("utf-8")})
        assert (report.counts["new"], report.counts["quarantined"]) == (2, 1), report.as_dict()
        [entry] = engine.store.quarantine_list("open")
        assert entry["input_ref"] == f"inbox:{AGENCY}/export.jsonl#2", entry  # the record, not a line of it
        # the clerk fixes the record in the archived copy, then retries it: read as the run read it (the JSON reader)
        archived = next(archive_dir(engine).rglob("export.jsonl"))
        archived.write_text(pretty.replace('"title": ""', '"title": "湖里区关于更正第3批公示的说明"'), encoding="utf-8")
        assert engine.retry_quarantined(entry["id"]).status == "new"
        assert "湖里区关于更正第3批公示的说明" in _titles(engine)


def test_a_dos_end_of_file_mark_is_no_record(settings):
    lines = "".join(json.dumps(r, ensure_ascii=False) + "\r\n" for r in (rec(5), rec(6))).encode("gb18030") + b"\x1a"
    with inbox_engine(settings) as engine:
        report = _deliver(engine, {"dos.jsonl": lines})
        assert (report.counts["new"], report.counts["quarantined"]) == (2, 0), report.as_dict()
        assert not any("failed" in p.parts for p in archive_dir(engine).rglob("dos.jsonl"))
