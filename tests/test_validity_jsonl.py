"""Issue 19: a record line carrying the `validity` of `gongkai export --validity` is read whole by the JSONL
format parser (gongkai.parsers.formats.jsonl: captures, `parse`) as by the record-file reader: the key is
dropped, never refused, and the receiving store derives its own status from the text (validity is derived
data: a status claimed by the line is ignored)."""

from __future__ import annotations

import json

from gongkai.engine import Engine
from gongkai.parsers import parse, parse_records
from gongkai.parsers.capture import Capture, CorruptFile
from gongkai.record import Record
from gongkai.settings import load_settings

LINE = {"id": "xm-2010-12", "title": "厦门市城市道路管理办法", "doc_number": "厦府〔2010〕12号", "issuer": "厦门市人民政府",
        "publish_date": "2010-02-01", "body": "本办法自2010年3月1日起施行。"}
CLAIM = {"status": "repealed", "effective_date": "2010-03-01", "expiry_date": None,
         "repealed_by": [{"id": "xm-2024-3", "title": "厦门市城市道路管理办法", "doc_number": "厦府〔2024〕3号", "date": "2024-03-20", "statement": "同时废止"}],
         "amended_by": [], "repeals": [], "amends": []}


def capture(*lines: dict) -> Capture:
    data = "\n".join(json.dumps(line, ensure_ascii=False) for line in lines).encode()
    return Capture(data=data, filename="export.jsonl", source="file")


def test_the_validity_key_is_dropped_and_the_record_is_the_same():
    plain = parse(capture(LINE))
    exported = parse(capture({**LINE, "validity": CLAIM}))
    assert isinstance(exported, Record)
    assert exported.current_content_hash() == plain.current_content_hash()
    both = list(parse_records(capture({**LINE, "validity": CLAIM}, {**LINE, "id": "b", "validity": None})))
    assert [type(r) for r in both] == [Record, Record]


def test_other_unknown_keys_and_bad_lines_are_still_refused_with_their_line():
    results = list(parse_records(capture({**LINE, "valid_until": "2030-01-01"}, LINE)))
    assert isinstance(results[0], CorruptFile) and "line 1" in str(results[0]) and "valid_until" in str(results[0])
    assert isinstance(results[1], Record)
    bad = Capture(data=b'{"title": "x"\n' + b"[" * 100_000 + b"\n" + json.dumps(LINE).encode(), filename="bad.jsonl")
    results = list(parse_records(bad))
    assert [type(r) for r in results] == [CorruptFile, CorruptFile, Record]
    assert "line 1 of bad.jsonl is not valid JSON" in str(results[0]) and "line 2" in str(results[1])


def test_a_claimed_status_is_ignored_the_store_derives_its_own(tmp_path):
    engine = Engine(load_settings(data_dir=tmp_path / "data"))
    try:
        report = engine.ingest_captures([capture({**LINE, "validity": CLAIM})], parallel=False)
        assert engine.store.quarantine_list() == [], report
        assert engine.get(LINE["id"]) is not None
        view = engine.validity(LINE["id"])["validity"]
        assert view["status"] == "in_force" and view["repealed_by"] == []  # no repealing document is held here
    finally:
        engine.close()
