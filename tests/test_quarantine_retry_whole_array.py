"""An entry made before session 10 for a whole JSON array read as one line (`export.jsonl#1`, "a record must be a JSON
object, got list") is retried as the array's records (doors2, session 11). Its retry read the file's archived copy,
which the reader now takes as an array, stored the first element alone and marked the entry resolved: the other
records were lost without a word. An array on a later line is refused with what to do. Real files, a real store, the
real `gongkai quarantine retry` (Typer's runner)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from gongkai.cli.main import app
from gongkai.engine import Engine
from gongkai.feeds.inbox import archive_dir
from gongkai.quarantine_reasons import explain

pytestmark = pytest.mark.usefixtures("fresh_cli_state")
AGENCY = "厦门市财政局"
OLD_REASON = "a record must be a JSON object, got list"


def records(n: int) -> list[dict]:
    return [{"title": f"厦门市财政局关于下达第{i}批专项资金的通知", "index_number": f"XM00200-0100-2020-{i:05d}", "body": "各区财政局：现下达专项资金。"}
            for i in range(1, n + 1)]


def old_entry(engine: Engine, ref: str, array: list[dict], source: str) -> int:
    """The entry as the reader before session 10 wrote it: the array whole, its reason, its payload the line."""
    engine.store.quarantine(input_ref=ref, reason=f"{ref}: {OLD_REASON}", payload=json.dumps(array, ensure_ascii=False), source=source)
    [entry] = [e for e in engine.store.quarantine_list("open") if e["input_ref"] == ref]
    return int(entry["id"])


def retry(data_dir, qid: int) -> str:
    result = CliRunner().invoke(app, ["--data-dir", str(data_dir), "quarantine", "retry", str(qid)])
    return result.output


def test_an_old_whole_array_entry_of_the_drop_folder_is_retried_as_all_its_records(tmp_path):
    from gongkai.settings import load_settings

    data = tmp_path / "data"
    engine = Engine(load_settings(data_dir=data))
    array = records(3) + [{"title": ""}]  # three records and a bad one
    copy = archive_dir(engine) / "failed" / "2025-01-02" / "20250102T000000-abcd1234" / AGENCY
    copy.mkdir(parents=True)
    (copy / "export.jsonl").write_text(json.dumps(array, ensure_ascii=False) + "\n", encoding="utf-8")
    qid = old_entry(engine, f"inbox:{AGENCY}/export.jsonl#1", array, f"inbox:{AGENCY}")
    engine.close()

    retry(data, qid)
    engine = Engine(load_settings(data_dir=data))
    try:
        assert engine.store.count() == 3  # it was 1: the first element alone
        assert engine.store.quarantine_get(qid)["status"] == "retried"  # not resolved: one of its records failed
        [bad] = engine.store.quarantine_list("open")
        assert bad["input_ref"] == f"inbox:{AGENCY}/export.jsonl#4", bad  # numbered as a read of the file numbers it now
        # that one's own retry reads the archived copy's 4th record (the clerk may fix it there)
        array[3]["title"] = "厦门市财政局关于下达第4批专项资金的通知"
        (copy / "export.jsonl").write_text(json.dumps(array, ensure_ascii=False) + "\n", encoding="utf-8")
        assert engine.retry_quarantined(bad["id"]).status == "new" and engine.store.count() == 4
    finally:
        engine.close()


def test_an_old_whole_array_entry_of_gongkai_ingest_is_retried_as_its_records(tmp_path):
    from gongkai.settings import load_settings

    data = tmp_path / "data"
    engine = Engine(load_settings(data_dir=data))
    qid = old_entry(engine, str(tmp_path / "gone.jsonl") + ":1", records(2), "")
    engine.close()
    retry(data, qid)
    engine = Engine(load_settings(data_dir=data))
    try:
        assert engine.store.count() == 2 and engine.store.quarantine_get(qid)["status"] == "resolved"
    finally:
        engine.close()


def test_an_old_whole_array_entry_of_a_later_line_is_refused_with_what_to_do(tmp_path):
    from gongkai.settings import load_settings

    data = tmp_path / "data"
    engine = Engine(load_settings(data_dir=data))
    qid = old_entry(engine, f"inbox:{AGENCY}/daily.jsonl#3", records(2), f"inbox:{AGENCY}")
    engine.close()
    said = " ".join(retry(data, qid).split())
    engine = Engine(load_settings(data_dir=data))
    try:
        assert engine.store.count() == 0  # nothing stored under numbers a read of the file would not give
        [again] = engine.store.quarantine_list("open")
        assert f"gongkai quarantine resolve {qid}" in again["reason"]
        assert explain(again["reason"]).code == "whole_array_entry" and "此条目是旧版本把整个 JSON 数组当作一行隔离的" in said, said
    finally:
        engine.close()


def test_an_old_entry_of_cr_ended_lines_is_retried_as_all_its_records(tmp_path):
    """Before session 11 a JSON Lines file ended by lone CRs was one line, one entry `not valid JSON: Extra data`, its
    payload the whole file. Read now as its lines, the retry took the first record alone and closed the entry."""
    from gongkai.settings import load_settings

    data = tmp_path / "data"
    engine = Engine(load_settings(data_dir=data))
    text = "\r".join(json.dumps(r, ensure_ascii=False) for r in records(3)) + "\r"
    copy = archive_dir(engine) / "failed" / "2025-01-02" / "20250102T000000-abcd1234" / AGENCY
    copy.mkdir(parents=True)
    (copy / "mac.jsonl").write_text(text, encoding="utf-8")
    ref = f"inbox:{AGENCY}/mac.jsonl#1"
    engine.store.quarantine(input_ref=ref, reason=f"{ref}: not valid JSON: Extra data at column 121", payload=text.strip(), source=f"inbox:{AGENCY}")
    [entry] = engine.store.quarantine_list("open")
    engine.close()
    retry(data, int(entry["id"]))
    engine = Engine(load_settings(data_dir=data))
    try:
        assert engine.store.count() == 3 and engine.store.quarantine_get(entry["id"])["status"] == "resolved"
    finally:
        engine.close()
