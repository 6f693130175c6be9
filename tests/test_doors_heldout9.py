"""doors9's held-out deliveries (session 17): tests/doors9_cases.py through the drop folder, the push over a socket and
`gongkai ingest`, each stored, quarantined with its reason, refused with a 4xx, or left in place, never lost; then what
needs the machine itself: 2,000 tiny files in one folder, a symlink loop in the drop folder, a file still being written,
a GBK-byte file name given to `gongkai ingest`. Expectations were written before the product was run on them."""

from __future__ import annotations

import json
import os
import time

import pytest

from tests.doors9_cases import CASES, CASES2, CASES3, crlf, line, rec
from tests.support import assert_delivered, cli_ingest_json, deliver_old, delivery_pairs, engine_at, files_under

PAIRS = delivery_pairs(CASES, ("ingest", "inbox", "push"))
AGENCY = "厦门市水利局"


@pytest.mark.parametrize("case, entry", PAIRS, ids=[f"{entry.name}-{case.name}" for case, entry in PAIRS])
def test_delivery_is_stored_quarantined_or_left_never_lost(case, entry, tmp_path, monkeypatch):
    assert_delivered(case, entry, tmp_path, monkeypatch)




# ------------------------------------------------------------------ 2,000 tiny files


@pytest.mark.slow  # (2,000 files twice: about 5 s)
def test_a_folder_of_2000_tiny_files_each_stored_once_and_never_twice(tmp_path):
    """An agency's script writes one file per record: 2,000 files of one line each in one drop folder. One run stores
    them all, archives them all, leaves nothing; a second delivery of the same files is `unchanged`, one record each."""
    from gongkai.feeds.inbox import inbox_dir, process_inbox

    data = tmp_path / "data"
    n = 2000
    engine = engine_at(data)
    try:
        folder = inbox_dir(engine) / AGENCY
        deliver_old(folder, {f"记录{i:04d}.jsonl": crlf(line(rec(100 + i))) for i in range(n)})
        process_inbox(engine, now=time.time() + 3600)
        assert files_under(folder) == []
        assert sum(1 for _ in engine.export()) == n
        assert engine.store.quarantine_list(None, limit=10) == []
        deliver_old(folder, {f"记录{i:04d}.jsonl": crlf(line(rec(100 + i))) for i in range(n)})
        process_inbox(engine, now=time.time() + 3600)
        assert files_under(folder) == []
        assert sum(1 for _ in engine.export()) == n
        assert engine.store.quarantine_list(None, limit=10) == []
    finally:
        engine.close()


# ------------------------------------------------------------------ a symlink loop in the drop folder


def test_a_symlink_loop_in_the_drop_folder_is_left_and_the_rest_goes_in(tmp_path):
    """Two links pointing at each other (and a folder link to its own parent) beside a good export: the run does not
    hang or fail, the good records go in, the loop is left where it is (never archived, never quarantined twice)."""
    from gongkai.feeds.inbox import inbox_dir, process_inbox

    data = tmp_path / "data"
    engine = engine_at(data)
    try:
        folder = inbox_dir(engine) / AGENCY
        deliver_old(folder, {"好的.jsonl": crlf(line(rec(40)), line(rec(41)))})
        os.symlink("环B.jsonl", folder / "环A.jsonl")
        os.symlink("环A.jsonl", folder / "环B.jsonl")
        os.symlink(".", folder / "自己")
        for _ in range(2):
            process_inbox(engine, now=time.time() + 3600)
        assert sum(1 for _ in engine.export()) == 2
        assert (folder / "环A.jsonl").is_symlink() and (folder / "环B.jsonl").is_symlink()
        reasons = [entry["reason"] for entry in engine.store.quarantine_list(None, limit=100)]
        assert len(reasons) == len(set(reasons)), reasons
    finally:
        engine.close()


# ------------------------------------------------------------------ a file still being written


def test_a_file_still_being_written_waits_then_goes_in_whole(tmp_path):
    """An export half written (its last line cut, modified just now) is left in place; once written whole and quiet
    it goes in whole: every record once, no entry for the half line."""
    from gongkai.feeds.inbox import inbox_dir, process_inbox

    data = tmp_path / "data"
    engine = engine_at(data)
    try:
        folder = inbox_dir(engine) / AGENCY
        folder.mkdir(parents=True)
        whole = crlf(*(line(rec(i)) for i in range(50, 54)))
        path = folder / "正在写.jsonl"
        path.write_bytes(whole[: len(whole) - 40])
        process_inbox(engine)
        assert path.exists()
        assert sum(1 for _ in engine.export()) == 0
        path.write_bytes(whole)
        old = time.time() - 3600
        os.utime(path, (old, old))
        process_inbox(engine)
        assert not path.exists()
        assert sum(1 for _ in engine.export()) == 4
        assert engine.store.quarantine_list(None, limit=10) == []
    finally:
        engine.close()


# ------------------------------------------------------------------ GBK-byte names given to `gongkai ingest`


def test_gongkai_ingest_reads_a_gbk_byte_name_as_the_drop_folder_does(tmp_path):
    """A folder unzipped from Windows: `水利通知.txt` and `目录.jsonl` named in GBK bytes. `gongkai ingest` names them as
    the drop folder does, in Chinese (its reference and a document's title taken from its name), not `\\udcXX`."""
    given = tmp_path / "given"
    given.mkdir()
    doc = os.fsencode(given) + b"/" + "水利通知.txt".encode("gbk")
    with open(doc, "wb") as handle:
        handle.write("各区水利部门：请做好2029年汛前检查工作。\n".encode())
    records = os.fsencode(given) + b"/" + "目录.jsonl".encode("gbk")
    with open(records, "wb") as handle:
        handle.write(crlf(line(rec(60)), '{"title": ""}'))
    code, out = cli_ingest_json(tmp_path / "data", str(given))
    assert code in (0, 1), out
    inputs = [json.loads(row)["input"] for row in out.splitlines() if row.startswith('{"input"')]
    assert len(inputs) == 3, out  # (a reference keeps the name's bytes, `\udcXX`, so that a retry finds the file)
    engine = engine_at(tmp_path / "data")
    try:
        titles = sorted(r.title for r in engine.export())
        refs = [entry["reason"] for entry in engine.store.quarantine_list(None, limit=10)]
    finally:
        engine.close()
    assert len(titles) == 2, titles
    assert "水利通知" in titles, titles  # the document's title is its name, read as the drop folder reads it
    assert len(refs) == 1, refs


# ------------------------------------------------------------------ a file of several records pushed as a file


def test_a_pushed_file_of_several_records_is_kept_once_and_a_retry_stores_them(tmp_path):
    """doors8's leftover: `file=@目录.json` holding a GB18030 array of three records was 422 "push them as the body" and
    nothing was kept. It is kept in the quarantine (its bytes), once however often it is sent, and
    `gongkai quarantine retry` of that entry stores its three records."""
    import httpx

    from gongkai.engine import Engine
    from gongkai.feeds.tokens import TokenStore
    from gongkai.settings import load_settings
    from gongkai.web.app import create_app
    from gongkai.web.server import serve_in_thread
    from tests.doors9_cases import _array_file

    engine = Engine(load_settings(data_dir=tmp_path / "data", feeds={"push_rate_limit": 0, "push_rate_burst": 0}))
    try:
        token, _ = TokenStore(engine.store).create(AGENCY)
        with serve_in_thread(create_app(engine)) as base, httpx.Client(base_url=base, timeout=60) as client:
            for _ in range(2):
                response = client.post(
                    "/api/ingest",
                    files={"file": ("目录.json", _array_file())},
                    headers={"Authorization": f"Bearer {token}"},
                )
                assert response.status_code == 422, response.text
                assert "push them as" in response.json()["message"]
        entries = engine.store.quarantine_list(None, limit=10)
        assert len(entries) == 1, entries
        assert sum(1 for _ in engine.export()) == 0
        engine.retry_quarantined(entries[0]["id"])
        assert sorted(r.index_number for r in engine.export()) == [rec(i)["index_number"] for i in range(17, 20)]
    finally:
        engine.close()


# ------------------------------------------------------------------ a zip of records named .docx


def test_gongkai_ingest_reads_a_zip_of_records_named_docx_and_a_real_docx_stays_a_document(tmp_path):
    """doors8's leftover: a clerk zipped the day's export and typed the Word file's name, 公开目录.docx: its records go in
    (it was quarantined `rename it .zip`, none read). A real DOCX beside it is still its document, and a zip named .docx
    holding a record file and something else is still refused with what it holds."""
    from tests.doors9_cases import _zip_named_docx
    from tests.hostile_cases import FILES
    from tests.support import zip_bytes

    given = tmp_path / "given"
    given.mkdir()
    (given / "公开目录.docx").write_bytes(_zip_named_docx())
    (given / "真的.docx").write_bytes((FILES / "govcn-5344146.docx").read_bytes())
    (given / "混合.docx").write_bytes(zip_bytes({"目录.jsonl": crlf(line(rec(30))), "说明.bmp": b"BM" + b"\0" * 60}))
    code, out = cli_ingest_json(tmp_path / "data", str(given))
    assert code in (0, 1), out
    engine = engine_at(tmp_path / "data")
    try:
        numbers = sorted(r.index_number for r in engine.export() if (r.index_number or "").startswith("XM00203"))
        stored = sum(1 for _ in engine.export())
        reasons = [entry["reason"] for entry in engine.store.quarantine_list(None, limit=10)]
    finally:
        engine.close()
    assert numbers == [rec(i)["index_number"] for i in range(20, 23)], numbers
    assert stored == 4, stored  # and the real DOCX
    assert len(reasons) == 1 and "混合.docx" in reasons[0] and "rename it .zip" in reasons[0], reasons


# ================================================================== round 2 (written after round 1's fixes, before running)

PAIRS2 = delivery_pairs(CASES2, ("ingest", "inbox", "push"))


@pytest.mark.parametrize("case, entry", PAIRS2, ids=[f"{entry.name}-{case.name}" for case, entry in PAIRS2])
def test_round2_delivery_is_stored_quarantined_or_left_never_lost(case, entry, tmp_path, monkeypatch):
    assert_delivered(case, entry, tmp_path, monkeypatch)


@pytest.mark.slow  # (2,000 files twice: about 5 s)
def test_gongkai_ingest_of_2000_tiny_files_then_again_stores_each_once(tmp_path):
    """`gongkai ingest` of a folder of 2,000 one-record files, twice: 2,000 records, the second run all `unchanged`."""
    given = tmp_path / "given"
    deliver_old(given, {f"r{i:04d}.jsonl": crlf(line(rec(3000 + i))) for i in range(2000)})
    for attempt in range(2):
        code, out = cli_ingest_json(tmp_path / "data", str(given))
        assert code == 0, out[-2000:]
        statuses = [json.loads(row)["status"] for row in out.splitlines() if row.startswith('{"input"')]
        assert len(statuses) == 2000
        assert set(statuses) == ({"new"} if attempt == 0 else {"unchanged"}), set(statuses)
    engine = engine_at(tmp_path / "data")
    try:
        assert sum(1 for _ in engine.export()) == 2000
    finally:
        engine.close()


def test_gongkai_ingest_of_a_folder_holding_a_symlink_loop(tmp_path):
    """A folder given to `gongkai ingest` holding two links to each other and a link to itself beside a good export:
    the good records go in, each broken link is named (an entry or left), the run ends, nothing is read twice."""
    given = tmp_path / "given"
    deliver_old(given, {"好的.jsonl": crlf(line(rec(47)), line(rec(48)))})
    os.symlink("环B.jsonl", given / "环A.jsonl")
    os.symlink("环A.jsonl", given / "环B.jsonl")
    os.symlink(".", given / "自己")
    code, out = cli_ingest_json(tmp_path / "data", str(given))
    assert code in (0, 1), out
    inputs = [json.loads(row)["input"] for row in out.splitlines() if row.startswith('{"input"')]
    assert len(inputs) == len(set(inputs)), inputs
    engine = engine_at(tmp_path / "data")
    try:
        assert sum(1 for _ in engine.export()) == 2
        reasons = [entry["reason"] for entry in engine.store.quarantine_list(None, limit=100)]
    finally:
        engine.close()
    assert all("环" in reason for reason in reasons), reasons


# ------------------------------------------------------------------ a glued line's entry made before doors8, retried


@pytest.mark.parametrize("ref", ["/srv/exports/粘连.jsonl:2", "inbox:厦门市水利局/粘连.jsonl#2"])
def test_a_glued_line_entry_made_before_doors8_is_retried_as_its_records(tmp_path, ref):
    """doors8's leftover: an entry made before doors8 for a line of records glued together (`{…}{…}{…}`, quarantined whole
    as `Extra data`, its bytes kept; the file gone) was retried as one record and refused again. The retry stores its
    three records and resolves the entry; a line of one record and text after it stays refused."""
    from gongkai.ingest import IngestItem

    engine = engine_at(tmp_path / "data")
    try:
        glued = (line(rec(80)) + line(rec(81)) + line(rec(82))).encode()
        engine.ingest_items(
            [
                IngestItem(
                    ref,
                    error=f"{ref}: not valid JSON: Extra data: line 1 column 400 (char 399)",
                    payload=glued,
                    source="",
                )
            ]
        )
        other = ref.replace("粘连", "备注")
        noted = (line(rec(83)) + " 待核实").encode()
        engine.ingest_items(
            [
                IngestItem(
                    other,
                    error=f"{other}: not valid JSON: Extra data: line 1 column 300 (char 299)",
                    payload=noted,
                    source="",
                )
            ]
        )
        entries = {e["input_ref"]: e for e in engine.store.quarantine_list(None, limit=10)}
        result = engine.retry_quarantined(entries[ref]["id"])
        assert result.status == "new", result
        assert sorted(r.index_number for r in engine.export()) == [rec(i)["index_number"] for i in (80, 81, 82)]
        assert engine.retry_quarantined(entries[other]["id"]).status == "quarantined"
        still = {e["input_ref"]: e["status"] for e in engine.store.quarantine_list(None, limit=10)}
        assert still[ref] == "resolved", still
    finally:
        engine.close()


# ================================================================== round 3 (written after round 2, before running)

PAIRS3 = delivery_pairs(CASES3, ("ingest", "inbox", "push", "poll"))


@pytest.mark.parametrize("case, entry", PAIRS3, ids=[f"{entry.name}-{case.name}" for case, entry in PAIRS3])
def test_round3_delivery_is_stored_quarantined_or_left_never_lost(case, entry, tmp_path, monkeypatch):
    assert_delivered(case, entry, tmp_path, monkeypatch)
