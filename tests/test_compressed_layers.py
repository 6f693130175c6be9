"""Exports compressed twice over (doors5, session 14): a gzip of a gzip (`export.jsonl.gz.gz`), a zip of gzipped exports
(`十二月.zip` of `一日.jsonl.gz` …) and a zip of exports with last year's zip among them. Each was `不支持的文件格式`, refused
whole, none of its records read. Now each layer is unpacked as it is read, checked first by the archive-safety limits
(a bomb in an inner layer refused as the outer one is), and a member no reader takes (a zip inside the zip) is its own
entry while the rest go in. Real files, a real drop folder and store, the push over a socket, the CLI's own code."""

from __future__ import annotations

import gzip
import json

from gongkai.feeds.inbox import archive_dir, inbox_dir, process_inbox
from gongkai.quarantine_reasons import explain
from tests.support import agency_push_client, inbox_engine, zip_bytes

AGENCY = "厦门市财政局"
NOW = 4_000_000_000.0


def _records(first: int, count: int) -> bytes:
    return "".join(json.dumps({"title": f"厦门市财政局关于2027年第{i}批政府采购意向的公告", "publish_date": "2027-01-12",
                               "index_number": f"XM00104-0302-2027-{i:05d}", "body": "根据《政府采购法》有关规定，现将采购意向公开如下。"},
                              ensure_ascii=False) + "\n" for i in range(first, first + count)).encode()


def _bomb() -> bytes:
    return gzip.compress(b"{" + b" " * (16 << 20))  # 16 MiB of almost nothing: far over the ratio limit


def _open_reasons(engine) -> dict[str, str]:
    return {entry["input_ref"]: entry["reason"] for entry in engine.store.quarantine_list("open")}


def test_a_gzip_of_a_gzip_is_its_records_and_a_bomb_inside_one_is_refused_unread(settings):
    with inbox_engine(settings) as engine:
        folder = inbox_dir(engine) / AGENCY
        folder.mkdir()
        (folder / "export.jsonl.gz.gz").write_bytes(gzip.compress(gzip.compress(_records(1, 3))))
        (folder / "bomb.jsonl.gz.gz").write_bytes(gzip.compress(_bomb()))  # the outer layer is modest, the inner a bomb
        whole = gzip.compress(gzip.compress(_records(10, 60)))
        (folder / "cut.jsonl.gz.gz").write_bytes(whole[: len(whole) * 2 // 3])  # the transfer broke off
        report = process_inbox(engine, now=NOW)
        cut_read = engine.store.count() - 3
        assert 0 < cut_read < 60 and report.counts["new"] == 3 + cut_read, report.as_dict()
        reasons = _open_reasons(engine)
        assert explain(reasons[f"inbox:{AGENCY}/bomb.jsonl.gz.gz"]).code == "zip_bomb", reasons
        assert f"{cut_read} records before the cut were read" in reasons[f"inbox:{AGENCY}/cut.jsonl.gz.gz"], reasons
        assert len(reasons) == 2
        kept = sorted(p.name for p in archive_dir(engine).rglob("*.gz") if "failed" not in p.parts)
        assert kept == ["export.jsonl.gz.gz"]


def test_gongkai_ingest_and_the_push_read_a_gzip_of_a_gzip(settings, tmp_path):
    from gongkai.inputs import iter_record_file

    path = tmp_path / "导出.json.gz.gz"
    path.write_bytes(gzip.compress(gzip.compress(json.dumps([json.loads(line) for line in _records(1, 2).splitlines()],
                                                            ensure_ascii=False).encode("gb18030"))))
    items = list(iter_record_file(path, source=AGENCY))
    assert [item.error for item in items] == [None, None] and items[1].record.index_number == "XM00104-0302-2027-00002"
    with agency_push_client(settings, AGENCY) as (engine, client):
        pushed = client.post("/api/ingest", files={"file": ("export.jsonl.gz.gz", gzip.compress(gzip.compress(_records(5, 1))), "application/gzip")})
        assert pushed.status_code == 201, pushed.text
        refused = client.post("/api/ingest", files={"file": ("bomb.jsonl.gz.gz", gzip.compress(_bomb()), "application/gzip")})
        assert refused.status_code == 422 and refused.json()["results"][0]["error_code"] == "zip_bomb", refused.text
        assert engine.store.count() == 1


def test_a_zip_of_gzipped_exports_is_their_records_a_bomb_member_refused_alone_and_a_line_retried(settings):
    with inbox_engine(settings) as engine:
        folder = inbox_dir(engine) / AGENCY
        folder.mkdir()
        day_two = _records(4, 2) + '{"title": "半行\n'.encode()
        (folder / "十二月.zip").write_bytes(zip_bytes({"一日.jsonl.gz": gzip.compress(_records(1, 3)), "二日.jsonl.gz": gzip.compress(day_two),
                                                  "三日.jsonl.gz": _bomb()}))
        process_inbox(engine, now=NOW)
        assert engine.store.count() == 5
        reasons = _open_reasons(engine)
        assert explain(reasons[f"inbox:{AGENCY}/十二月.zip/三日.jsonl.gz"]).code == "zip_bomb", reasons
        line = f"inbox:{AGENCY}/十二月.zip/二日.jsonl.gz#3"
        assert explain(reasons[line]).code == "bad_json", reasons
        assert len(reasons) == 2
        # a retry reads the record again from the archived zip's gzipped member
        entry = next(e for e in engine.store.quarantine_list("open") if e["input_ref"] == line)
        engine.retry_quarantined(entry["id"])
        assert explain(_open_reasons(engine)[line]).code == "bad_json"


def test_a_zip_inside_a_zip_of_exports_is_its_own_entry_and_the_exports_go_in(settings):
    with inbox_engine(settings) as engine:
        folder = inbox_dir(engine) / AGENCY
        folder.mkdir()
        (folder / "2027年度.zip").write_bytes(zip_bytes({"一月.jsonl": _records(1, 2), "二月.json": b"[" + _records(3, 1).strip() + b"]",
                                                    "2026年度.zip": zip_bytes({"十二月.jsonl": _records(9, 1)})}))
        process_inbox(engine, now=NOW)
        assert engine.store.count() == 3
        [(ref, reason)] = _open_reasons(engine).items()
        assert ref == f"inbox:{AGENCY}/2027年度.zip/2026年度.zip" and explain(reason).code == "unsupported_format", reason
        assert "压缩包内的压缩包" in explain(reason).text()


def test_a_pushed_zip_of_exports_with_a_zip_among_them_is_sent_to_the_drop_folder_and_a_docx_renamed_zip_stays_a_document(settings):
    from tests.support import agency_push_client

    with agency_push_client(settings, AGENCY) as (engine, client):
        mixed = zip_bytes({"一月.jsonl": _records(1, 1), "2026年度.zip": zip_bytes({"十二月.jsonl": _records(2, 1)})})
        refused = client.post("/api/ingest", files={"file": ("2027年度.zip", mixed, "application/zip")})
        assert refused.status_code == 422 and refused.json()["results"][0]["error_code"] == "several_files", refused.text
        one = client.post("/api/ingest", files={"file": ("一日.zip", zip_bytes({"一日.jsonl.gz": gzip.compress(_records(3, 1))}), "application/zip")})
        assert one.status_code == 201, one.text
        docx = zip_bytes({"[Content_Types].xml": b'<?xml version="1.0"?><Types/>', "word/document.xml": b"<w:document/>"})
        parsed = client.post("/api/ingest", files={"file": ("方案.zip", docx, "application/zip")})
        assert parsed.status_code == 422 and parsed.json()["results"][0]["error_code"] != "several_files", parsed.text
        assert engine.store.count() == 1
