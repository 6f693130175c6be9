"""The demo data set gongkai/data/sample_records.jsonl: valid records, every kind present, reproducible."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from gongkai.identifiers import looks_like_doc_number, looks_like_index_number
from gongkai.record import NOTICE_TYPES, Record

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "gongkai" / "data" / "sample_records.jsonl"
AGENCIES = ("厦门市人民政府", "厦门市人民政府办公厅", "厦门市发展和改革委员会", "厦门市财政局", "厦门市教育局",
            "厦门市自然资源和规划局", "厦门市生态环境局", "厦门市市场监督管理局", "思明区人民政府", "湖里区人民政府")


def _load_script(name: str):
    """Import a bench/ script by path (bench/ is not a package)."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, REPO / "bench" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def lines() -> list[dict]:
    return [json.loads(line) for line in SAMPLE.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def records(lines: list[dict]) -> list[Record]:
    return [Record.model_validate(raw) for raw in lines]


def test_file_is_small_and_sized_as_promised(lines: list[dict]) -> None:
    assert SAMPLE.stat().st_size < 1_000_000
    kinds = Counter(raw["kind"] for raw in lines)
    assert kinds == {"disclosure": 250, "notice": 150}


def test_every_line_is_a_valid_record_with_its_own_stable_id(lines: list[dict], records: list[Record]) -> None:
    ids = [record.id for record in records]
    assert len(set(ids)) == len(ids)
    # The id written in the file is the one the Record derives, so reloading never renames a record.
    assert [raw["id"] for raw in lines] == ids


def test_every_kind_and_notice_type_is_present(records: list[Record]) -> None:
    assert {r.kind for r in records} == {"disclosure", "notice"}
    # The file holds every built-in notice type; `gongkai demo` loads the example each model declares beside it
    # (gongkai.notices.examples_column), so a notice type added later is in the demo without a sample record.
    from gongkai.notices import NOTICE_MODELS

    in_file = {r.notice_type for r in records if r.kind == "notice"}
    assert in_file == {"lost", "outage", "business_tax", "land_housing", "other"} and in_file <= set(NOTICE_TYPES)
    assert all(model.example for model in NOTICE_MODELS.values())
    assert {r.notice.utility for r in records if r.notice_type == "outage"} >= {"power", "water"}


def test_disclosures_carry_doc_and_index_numbers(lines: list[dict], records: list[Record]) -> None:
    disclosures = [r for r in records if r.kind == "disclosure"]
    for record in disclosures:
        assert looks_like_doc_number(record.doc_number), record.doc_number
        assert record.doc_number.count("〔") == 1 and record.doc_number.endswith("号")
        assert looks_like_index_number(record.index_number), record.index_number
        assert record.topic and record.issuer and record.keywords and record.summary
        assert record.written_date is not None and record.publish_date is not None
        assert date(2008, 1, 1) <= record.written_date <= record.publish_date <= date(2026, 12, 31)
        # The 落款 closes the body with the issuer and the written date in Chinese.
        signature = f"{record.written_date.year}年{record.written_date.month}月{record.written_date.day}日"
        assert record.issuer in record.body[-60:] and signature in record.body[-40:]
        assert "一、" in record.body
    # Reprints write [] or （） around the year; the file keeps them as written, the Record normalises them.
    variants = [raw["doc_number"] for raw in lines if raw["kind"] == "disclosure" and "〔" not in raw["doc_number"]]
    assert len(variants) >= 5
    assert any("[" in v for v in variants) and any("（" in v for v in variants)
    assert len({r.index_number for r in disclosures}) == len(disclosures)
    assert len({r.doc_number for r in disclosures}) == len(disclosures)


def test_the_example_document_of_the_docs_and_the_demo_is_there(records: list[Record]) -> None:
    found = [r for r in records if r.doc_number == "厦府〔2014〕12号"]
    assert len(found) == 1 and records[-1] is found[0]  # last, so the random records keep their places
    assert found[0].index_number == "XM00100-0200-2014-00012" and found[0].issuer == "厦门市人民政府"
    assert found[0].written_date == date(2014, 5, 6) and "2014年5月6日" in found[0].body


def test_at_least_one_disclosure_per_agency(records: list[Record]) -> None:
    issuers = Counter(r.issuer for r in records if r.kind == "disclosure")
    for agency in AGENCIES:
        assert issuers[agency] >= 1, agency


def test_notice_fields_have_the_agreed_shape(records: list[Record]) -> None:
    for record in (r for r in records if r.kind == "notice"):
        notice = record.notice
        assert notice is not None and notice.type == record.notice_type, record.title
        if record.notice_type == "lost":
            assert notice.holder in record.body and notice.items and isinstance(notice.declared_void, bool)
            assert all(n.value in record.body.upper() for n in notice.numbers) and all(c in record.body for c in notice.credit_codes)
            assert ("声明作废" in record.body) == notice.declared_void
        elif record.notice_type == "outage":
            assert notice.utility in ("power", "water", "gas") and notice.reason in record.body
            assert notice.events and all(event.areas for event in notice.events)
            for event in notice.events:
                assert event.start < event.end and event.effect == "cut" and event.line in record.body
                assert all(area.text in record.body and area.name in area.text for area in event.areas)
        elif record.notice_type == "business_tax":
            assert notice.company in record.body and notice.credit_code in record.body
            assert len(notice.credit_code) == 18 and notice.credit_code.startswith("91")
            assert notice.action in record.title and "45日" in record.body and notice.claim_period_days == 45
            assert (notice.claim_deadline - record.publish_date).days == 45
        elif record.notice_type == "land_housing":
            assert notice.project and notice.location in record.body and notice.action
            assert notice.deadlines == sorted(notice.deadlines)


def test_sample_notices_use_only_the_models_keys(lines: list[dict]) -> None:
    """The demo data is written with the same models as parsed notices: a key no model has fails here
    (and the Record refuses it on every ingest path)."""
    from gongkai.notices import model_keys

    allowed = model_keys()

    def keys(value):
        if isinstance(value, dict):
            for key, inner in value.items():
                yield key
                yield from keys(inner)
        elif isinstance(value, list):
            for inner in value:
                yield from keys(inner)

    notices = [line["notice"] for line in lines if line.get("notice") is not None]
    assert len(notices) == 150
    unknown = {key for notice in notices for key in keys(notice)} - allowed
    assert unknown == set()
    with pytest.raises(ValueError, match="subject"):
        Record.model_validate({"title": "交通管制", "kind": "notice", "notice_type": "other", "notice": {"subject": "交通管制"}})


def test_sample_outage_events_are_what_the_parser_reads(records: list[Record]) -> None:
    """Each demo outage notice, parsed from its own text, gives the events it carries."""
    from gongkai.parsers import Capture, parse_notices

    outages = [r for r in records if r.notice_type == "outage"]
    assert len(outages) >= 30
    for record in outages:
        capture = Capture(data=f"{record.title}\n{record.body}".encode(), url=record.url,
                          sidecar={"publish_date": record.publish_date.isoformat()})
        [parsed] = parse_notices(capture)
        assert parsed.notice.events == record.notice.events, record.title


def test_bodies_vary_in_length_and_some_titles_are_long(records: list[Record]) -> None:
    disclosure_lengths = [len(r.body) for r in records if r.kind == "disclosure"]
    assert min(disclosure_lengths) >= 250 and max(disclosure_lengths) <= 1000
    assert max(disclosure_lengths) - min(disclosure_lengths) > 400
    assert sum(len(r.title) > 20 for r in records) >= 10


def test_generator_reproduces_the_committed_file(tmp_path: Path) -> None:
    make_sample_data = _load_script("make_sample_data")
    out = tmp_path / "sample.jsonl"
    assert make_sample_data.main(["--out", str(out)]) == 0
    assert out.read_bytes() == SAMPLE.read_bytes(), "run `python bench/make_sample_data.py` and commit the result"


def test_benchmark_corpus_is_valid_and_averages_about_1000_characters() -> None:
    index_search = _load_script("index_search")
    records = list(index_search.bench_records(400, seed=7))
    assert records == list(index_search.bench_records(400, seed=7))  # seeded: same records every time
    validated = [Record.model_validate(raw) for raw in records]
    assert [r.id for r in validated] == [f"b{n:07d}" for n in range(400)]
    average = sum(len(r.body) for r in validated) / len(validated)
    assert 850 <= average <= 1150, average


def test_benchmark_runs_end_to_end_on_a_small_corpus(tmp_path: Path) -> None:
    out = tmp_path / "result.json"
    completed = subprocess.run(
        [sys.executable, str(REPO / "bench" / "index_search.py"), "--n", "300", "--repeats", "1", "--out", str(out)],
        cwd=REPO, capture_output=True, text=True, timeout=120,
    )
    assert completed.returncode == 0, completed.stderr
    run = json.loads(out.read_text(encoding="utf-8"))
    parts = {part["part"].split(" ")[0]: part for part in run["parts"]}
    assert set(parts) == {"gongkai", "bare", "SQLite"} and not any("error" in p for p in run["parts"])
    engine, fts5 = parts["gongkai"], parts["SQLite"]
    assert engine["notes"][0] == "ingest report: {'new': 300}" and "WARNING" not in str(engine["notes"])
    assert engine["recall"]["recall"] == 1.0 and parts["bare"]["recall"]["recall"] == 1.0
    assert all(q["false_positives"] == 0 for q in engine["recall"]["queries"].values())
    # Trigram MATCH cannot find 2-character strings; the LIKE fallback finds them all.
    assert fts5["recall"]["match"]["found"] == 0 and fts5["recall"]["like"]["recall"] == 1.0
    assert 0 < engine["latency_ms"]["p50"] <= engine["latency_ms"]["p99"]
    assert engine["size_bytes"]["index"] > 0 and fts5["size_bytes"]["database"] > 0
    assert "gongkai" in completed.stdout and "docs/s" in completed.stdout
