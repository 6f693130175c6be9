"""doors11's held-out deliveries (session 19): tests/doors11_cases.py through the drop folder, the push over a socket,
`gongkai ingest` and polling, each stored, quarantined with its reason, refused with a 4xx, or left in place, never lost;
then what needs a closer look or the machine: what a CSV row's cells are read as, the row number a bad row is named by and
its file kept, a bad row fixed in the archive and retried, one document sent by two agencies through two doors, and a
SIGKILL of `gongkai inbox process` mid-way through a large CSV with a rerun. Expectations were written before the
product was run on them."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.doors11_cases import CASES, DOCUMENT_CASES, HEADER, catalogue_row, crlf, csv_bytes, line, rec
from tests.support import assert_delivered, cli_ingest_json, deliver_old, delivery_pairs, engine_at, files_under

PAIRS = delivery_pairs([*CASES, *DOCUMENT_CASES], ("ingest", "inbox", "push", "poll"))
AGENCY = "厦门市交通运输局"
OTHER = "厦门市市场监督管理局"
GONGKAI = Path(sys.executable).parent / "gongkai"


@pytest.mark.parametrize("case, entry", PAIRS, ids=[f"{entry.name}-{case.name}" for case, entry in PAIRS])
def test_delivery_is_stored_quarantined_or_left_never_lost(case, entry, tmp_path, monkeypatch):
    assert_delivered(case, entry, tmp_path, monkeypatch)




# ------------------------------------------------------------------ what a CSV row's cells are read as


def test_a_csv_rows_cells_are_its_records_fields(tmp_path):
    """信息名称/文号/发布日期/发布机构/全文/原文链接 are title, doc_number, publish_date, issuer, body and url; Excel's short
    date 2031/2/11 is that day; a cell's line breaks (Alt+Enter) stay in the body."""
    given = deliver_old(tmp_path / "given", {"目录.csv": csv_bytes([catalogue_row(i) for i in range(0, 3)])})
    code, out = cli_ingest_json(tmp_path / "data", str(given))
    assert code == 0, out
    engine = engine_at(tmp_path / "data")
    try:
        got = {r.title: r for r in engine.export()}
    finally:
        engine.close()
    assert len(got) == 3, list(got)
    first = got[rec(1)["title"]]
    assert first.doc_number == rec(1)["doc_number"]
    assert str(first.publish_date) == rec(1)["publish_date"]
    assert first.issuer == "厦门市交通运输局"
    assert str(first.url) == "http://jtj.xm.gov.cn/zwgk/tzgg/2031/t2031_00001.htm"
    assert "现将有关事项通告如下" in first.body and "二、请遵照执行" in first.body


# ------------------------------------------------------------------ a bad row: named by its row, the file kept


def test_a_bad_csv_row_is_quarantined_by_its_row_number_and_the_file_kept(tmp_path):
    """The row Excel shows as row 4 (header row 1; row 2's body spans lines) is refused alone, named `目录.csv:4`; the file is
    archived under failed/, the other rows in. Fixed in the archive and retried, it goes in."""
    from gongkai.feeds.inbox import archive_dir, inbox_dir, process_inbox

    rows = [catalogue_row(4), catalogue_row(5), catalogue_row(6, 发布日期="2031/13/45"), catalogue_row(7)]
    engine = engine_at(tmp_path / "data")
    try:
        deliver_old(inbox_dir(engine) / AGENCY, {"目录.csv": csv_bytes(rows, encoding="utf-8", bom=True)})
        process_inbox(engine, now=time.time() + 3600)
        assert len(list(engine.export())) == 3
        [entry] = engine.store.quarantine_list(None, limit=10)
        # (my expectation `目录.csv:4` was wrong for this door: the drop folder numbers a file's records `NAME#N`, as for JSON Lines)
        assert entry["input_ref"].endswith("目录.csv#4"), entry  # (the key is input_ref: my slip)
        assert "publish_date" in entry["reason"], entry
        [kept] = [p for p in files_under(archive_dir(engine)) if p.name == "目录.csv"]
        assert "failed" in kept.parts, kept
        kept.write_bytes(csv_bytes([*rows[:2], catalogue_row(6), rows[3]], encoding="utf-8", bom=True))
        engine.retry_quarantined(entry["id"])
    finally:
        engine.close()
    engine = engine_at(tmp_path / "data")
    try:
        titles = {r.title for r in engine.export()}
        assert rec(6)["title"] in titles, titles
        assert len(titles) == 4
    finally:
        engine.close()


# ------------------------------------------------------------------ one document, two agencies, two doors


def test_one_document_dropped_by_one_agency_and_pushed_by_another_is_stored_once(tmp_path):
    """A joint notice of 交通运输局 and 市场监督管理局: the first drops it, the second pushes it (the same 索引号 and content).
    One record, kept by the first; the push is answered 4xx naming the owner, never 500, and the record is not doubled."""
    import httpx

    from gongkai.feeds.inbox import inbox_dir, process_inbox
    from gongkai.feeds.tokens import TokenStore
    from gongkai.web.app import create_app
    from gongkai.web.server import serve_in_thread

    joint = rec(60)
    engine = engine_at(tmp_path / "data", feeds={"push_rate_limit": 0, "push_rate_burst": 0})
    try:
        deliver_old(inbox_dir(engine) / AGENCY, {"联合通告.jsonl": crlf(line(joint))})
        process_inbox(engine, now=time.time() + 3600)
        token, _ = TokenStore(engine.store).create(OTHER)
        with serve_in_thread(create_app(engine)) as base, httpx.Client(base_url=base, timeout=60) as client:
            answer = client.post(
                "/api/ingest",
                content=line(joint).encode(),
                headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
            )
        assert 400 <= answer.status_code < 500, answer.text
        assert AGENCY in answer.text, answer.text
        records = list(engine.export())
        assert len(records) == 1 and records[0].source == f"inbox:{AGENCY}", records
    finally:
        engine.close()


# ------------------------------------------------------------------ a SIGKILL mid-way through a large CSV, then a rerun


@pytest.mark.slow
def test_a_sigkill_mid_csv_then_a_rerun_stores_every_row_once(tmp_path):
    """`kill -9` of `gongkai inbox process` while it reads a 1,500-row GBK CSV export: the rerun reads it whole; every row
    once, no entry, the file archived once, nothing left behind."""
    data = tmp_path / "data"
    n = 1500
    rows = [catalogue_row(2000 + i, 全文="各有关单位：\n现将有关事项通告如下。" + "道路运输" * 60) for i in range(n)]
    deliver_old(data / "inbox" / AGENCY, {"大目录.csv": csv_bytes(rows)})
    env = {**os.environ, "GONGKAI_STORE__BATCH_SIZE": "100"}
    child = subprocess.Popen(
        [str(GONGKAI), "--data-dir", str(data), "inbox", "process"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    deadline = time.time() + 90
    while time.time() < deadline and child.poll() is None and not list(data.glob("inbox/.processing/*/*/大目录.csv")):
        time.sleep(0.02)
    while time.time() < deadline and child.poll() is None and not (data / "index").exists():
        time.sleep(0.02)
    time.sleep(0.3)
    if child.poll() is not None:
        pytest.skip("the run finished before it could be killed")
    child.send_signal(signal.SIGKILL)
    child.communicate(timeout=30)
    again = subprocess.run(
        [str(GONGKAI), "--data-dir", str(data), "inbox", "process"],
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
        check=False,
    )
    assert "Traceback" not in again.stderr, again.stderr[-3000:]
    engine = engine_at(data)
    try:
        records = list(engine.export())
        assert len(records) == len({r.id for r in records}) == n, len(records)
        assert engine.store.quarantine_list(None, limit=10) == []
    finally:
        engine.close()
    assert files_under(data / "inbox") == []
    assert len([p for p in files_under(data / "inbox-archive") if p.name == "大目录.csv"]) == 1


def test_the_header_is_the_one_label_table():
    """The CSV header's labels are the record files' labels (parsers.sidecar.field_of), not a table of their own."""
    from gongkai.parsers.sidecar import field_of

    assert [field_of(h) for h in HEADER] == ["title", "doc_number", "publish_date", "issuer", "body", "url"]


# ================================================================== round 2 (written after round 1's fixes, before running)

from tests.doors11_cases import CASES2  # noqa: E402 - the round's cases beside its tests

PAIRS2 = delivery_pairs(CASES2, ("ingest", "inbox", "push", "poll"))


@pytest.mark.parametrize("case, entry", PAIRS2, ids=[f"{entry.name}-{case.name}" for case, entry in PAIRS2])
def test_round2_delivery_is_stored_quarantined_or_left_never_lost(case, entry, tmp_path, monkeypatch):
    assert_delivered(case, entry, tmp_path, monkeypatch)


def test_a_catalogue_csvs_index_number_and_validity_are_read(tmp_path):
    """索引号 makes the record's id, 有效性 its stated validity; 公开方式 is ignored, never refused."""
    from tests.doors11_cases import _catalogue_columns

    given = deliver_old(tmp_path / "given", {"公开目录.csv": _catalogue_columns()})
    code, out = cli_ingest_json(tmp_path / "data", str(given))
    assert code == 0, out
    engine = engine_at(tmp_path / "data")
    try:
        got = {r.index_number: r for r in engine.export()}
    finally:
        engine.close()
    assert set(got) == {rec(73)["index_number"], rec(74)["index_number"]}
    assert got[rec(73)["index_number"]].stated_validity == "有效"


def test_one_link_twice_in_a_csv_is_one_record_two_versions_the_later_live(tmp_path):
    from tests.doors11_cases import _same_link_two_bodies

    given = deliver_old(tmp_path / "given", {"两稿.csv": _same_link_two_bodies()})
    code, out = cli_ingest_json(tmp_path / "data", str(given))
    assert code == 0, out
    engine = engine_at(tmp_path / "data")
    try:
        [live] = [r for r in engine.export() if str(r.url).endswith("t2031_00078.htm")]
        assert live.body.startswith("修订稿"), live.body
        assert live.version == 2
    finally:
        engine.close()


@pytest.mark.slow
def test_a_sigkill_of_gongkai_ingest_mid_csv_then_a_rerun(tmp_path):
    """`kill -9` of `gongkai ingest` reading a 1,500-row UTF-8 CSV: the rerun stores every row once, no entry."""
    given = tmp_path / "given"
    n = 1500
    rows = [catalogue_row(3000 + i, 全文="各有关单位：\n现将有关事项通告如下。" + "市场监管" * 60) for i in range(n)]
    deliver_old(given, {"全量.csv": csv_bytes(rows, encoding="utf-8", bom=True)})
    data = tmp_path / "data"
    env = {**os.environ, "GONGKAI_STORE__BATCH_SIZE": "100"}
    child = subprocess.Popen(
        [str(GONGKAI), "--data-dir", str(data), "ingest", str(given)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    deadline = time.time() + 90
    while time.time() < deadline and child.poll() is None and not (data / "index").exists():
        time.sleep(0.02)
    time.sleep(0.5)
    if child.poll() is not None:
        pytest.skip("the run finished before it could be killed")
    child.send_signal(signal.SIGKILL)
    child.communicate(timeout=30)
    again = subprocess.run(
        [str(GONGKAI), "--data-dir", str(data), "ingest", str(given)],
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
        check=False,
    )
    assert again.returncode == 0, again.stderr[-3000:]
    engine = engine_at(data)
    try:
        records = list(engine.export())
        assert len(records) == len({r.id for r in records}) == n, len(records)
        assert engine.store.quarantine_list(None, limit=10) == []
    finally:
        engine.close()


# ================================================================== round 3 (machine checks on CSV exports, written before running)


def test_a_csv_still_being_copied_waits_then_goes_in_whole(tmp_path):
    """A CSV just written (Explorer still copying it onto the share) waits for a later run; once quiet it goes in whole,
    every row once, nothing in the quarantine."""
    from gongkai.feeds.inbox import inbox_dir, process_inbox

    engine = engine_at(tmp_path / "data")
    try:
        folder = inbox_dir(engine) / AGENCY
        folder.mkdir(parents=True)
        (folder / "新目录.csv").write_bytes(csv_bytes([catalogue_row(i) for i in range(90, 94)]))
        process_inbox(engine, now=time.time())
        assert list(engine.export()) == [] and (folder / "新目录.csv").exists()
        os.utime(folder / "新目录.csv", (time.time() - 3600, time.time() - 3600))
        process_inbox(engine, now=time.time() + 60)
        assert len(list(engine.export())) == 4
        assert engine.store.quarantine_list(None, limit=10) == []
        assert files_under(folder) == []
    finally:
        engine.close()


def test_a_csv_rewritten_while_it_is_read_goes_back_and_is_read_whole(tmp_path, monkeypatch):
    """The agency's export job rewrites 目录.csv (a corrected, shorter sheet) while a run reads it: not archived half read;
    put back and read whole by the next run: the corrected rows live, nothing open in the quarantine."""
    import gongkai.inputs as inputs
    from gongkai.feeds.inbox import process_inbox

    data = tmp_path / "data"
    first = csv_bytes([catalogue_row(i) for i in range(100, 130)])
    final = csv_bytes([catalogue_row(i, 文号=f"厦交〔2031〕{i}号（更正）") for i in range(100, 115)])
    folder = deliver_old(data / "inbox" / AGENCY, {"目录.csv": first})
    real = inputs.iter_record_file
    done: list[bool] = []

    def reading(path, *args, **kwargs):
        for n, item in enumerate(real(path, *args, **kwargs)):
            if n == 5 and not done:
                with open(path, "r+b") as handle:
                    handle.truncate(0)
                    handle.write(final)
                done.append(True)
            yield item

    monkeypatch.setattr(inputs, "iter_record_file", reading)
    engine = engine_at(data)
    try:
        process_inbox(engine, now=time.time() + 60)
        assert done and (folder / "目录.csv").exists(), "changed while read, yet not put back"
        os.utime(folder / "目录.csv", (time.time() - 3600, time.time() - 3600))
        process_inbox(engine, now=time.time() + 60)
        live = {str(r.url): r.doc_number for r in engine.export() if not r.withdrawn}
        corrected = [url for url, number in live.items() if number and "更正" in number]
        assert len(corrected) == 15, live
        assert engine.store.quarantine_list("open", limit=10) == []
        assert files_under(data / "inbox") == []
    finally:
        engine.close()


def test_a_csv_with_a_bad_row_sent_twice_is_quarantined_once(tmp_path):
    """The same sheet with one bad row (a date 2031/13/45) dropped on two days: its good rows unchanged, the bad row's
    entry touched, not doubled."""
    from gongkai.feeds.inbox import inbox_dir, process_inbox

    sheet = csv_bytes([catalogue_row(140), catalogue_row(141, 发布日期="2031/13/45"), catalogue_row(142)])
    engine = engine_at(tmp_path / "data")
    try:
        for _ in range(2):
            deliver_old(inbox_dir(engine) / AGENCY, {"日报.csv": sheet})
            process_inbox(engine, now=time.time() + 3600)
        assert len(list(engine.export())) == 2
        entries = engine.store.quarantine_list(None, limit=10)
        assert len(entries) == 1, [e["reason"] for e in entries]
        assert entries[0]["input_ref"].endswith("日报.csv#3")
    finally:
        engine.close()


def test_one_csv_dropped_by_two_agencies_is_stored_once_each_row_owned(tmp_path):
    """A joint sheet of 交通运输局 and 市场监督管理局 dropped by both in one run: each row stored once, owned by one agency;
    the other's rows are entries naming the owner."""
    from gongkai.feeds.inbox import inbox_dir, process_inbox

    sheet = csv_bytes([catalogue_row(150), catalogue_row(151)])
    engine = engine_at(tmp_path / "data")
    try:
        deliver_old(inbox_dir(engine) / AGENCY, {"联合.csv": sheet})
        deliver_old(inbox_dir(engine) / OTHER, {"联合目录.csv": sheet})
        process_inbox(engine, now=time.time() + 3600)
        records = list(engine.export())
        assert len(records) == 2, records
        owner = records[0].source.removeprefix("inbox:")
        entries = engine.store.quarantine_list(None, limit=10)
        assert len(entries) == 2 and all(owner in e["reason"] for e in entries), [e["reason"] for e in entries]
        assert files_under(inbox_dir(engine)) == []
    finally:
        engine.close()
