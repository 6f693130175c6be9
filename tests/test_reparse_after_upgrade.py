"""After an upgrade whose parsing rules differ (a parser fix), the nightly maintenance parses the stored records again from
their kept raw bytes, once: before, a fix reached only pages fetched after it, and the records stored before kept what the
old rules read until an operator thought of `gongkai reparse` (session 13). The rules are a hash of the parsing code
(gongkai.parsers.fingerprint), stamped in the store when a whole pass is done or when the store is made empty."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest

from gongkai.engine import PARSING_RULES_KEY, Engine
from gongkai.ops.runner import JobContext
from gongkai.ops.tasks import maintenance
from gongkai.parsers import fingerprint
from gongkai.settings import load_settings

DOCUMENT = ("pdf_docx", "govcn_as_files", "govcn-5339579.pdf")


def _maintenance(engine: Engine, stop: threading.Event | None = None) -> dict:
    engine.settings.scheduler = engine.settings.scheduler.model_copy(update={"maintenance_reindex": False})
    return maintenance(engine, JobContext("maintenance", engine, stop or threading.Event()))


def test_a_new_store_is_stamped_with_the_rules_it_is_filled_by(settings) -> None:
    engine = Engine(settings)
    assert engine.store.meta_get(PARSING_RULES_KEY) == fingerprint.parsing_fingerprint()
    assert not engine.parsing_rules_changed()
    assert "reparsed" not in _maintenance(engine)  # nothing to parse again
    engine.close()


def test_records_parsed_by_other_rules_are_parsed_again_by_the_nightly_maintenance(settings, corpus, tmp_path) -> None:
    engine = Engine(settings)
    results = []
    engine.ingest_paths([corpus.joinpath(*DOCUMENT)], on_item=results.append)
    [first] = results
    assert engine.get(first.id).issuer == "国务院办公厅"
    engine.close()

    # The next release reads the issuer otherwise (an alias here stands for a changed rule) and its rules differ.
    upgraded = load_settings(data_dir=settings.data_dir, parsers={"issuer_aliases": {"国务院办公厅": "中华人民共和国国务院办公厅"}})
    engine = Engine(upgraded)
    engine.store.meta_set(PARSING_RULES_KEY, "rules-of-an-older-release")
    assert engine.parsing_rules_changed()
    result = _maintenance(engine)
    assert result["reparsed"]["updated"] == 1 and result["reparsed"]["left_no_site_definition"] == []
    record = engine.get(first.id)
    assert record.issuer == "中华人民共和国国务院办公厅" and record.version == 2
    assert engine.store.meta_get(PARSING_RULES_KEY) == fingerprint.parsing_fingerprint()
    assert "reparsed" not in _maintenance(engine)  # once: the next night has nothing to do
    assert engine.get(first.id).version == 2
    engine.close()


def test_a_store_filled_before_the_stamp_is_parsed_again(settings, corpus) -> None:
    engine = Engine(settings)
    engine.ingest_paths([corpus.joinpath(*DOCUMENT)])
    with engine.store._engine.begin() as conn:  # a store made by a gongkai from before the stamp has no such row
        conn.exec_driver_sql("DELETE FROM meta WHERE key = ?", (PARSING_RULES_KEY,))
    engine.close()
    engine = Engine(settings)  # opening a store that holds records stamps nothing
    assert engine.parsing_rules_changed()
    assert _maintenance(engine)["reparsed"]["unchanged"] == 1
    assert not engine.parsing_rules_changed()
    engine.close()


def test_a_pass_stopped_half_way_is_made_again(settings, corpus) -> None:
    engine = Engine(settings)
    engine.ingest_paths([corpus.joinpath(*DOCUMENT)])
    engine.store.meta_set(PARSING_RULES_KEY, "rules-of-an-older-release")
    report = engine.reparse_if_rules_changed(should_stop=lambda: True)
    assert report is not None and report.as_dict()["unchanged"] == 0
    assert engine.parsing_rules_changed()  # not stamped: the next night parses them all
    engine.settings.scheduler = engine.settings.scheduler.model_copy(update={"maintenance_reparse": False})
    assert "reparsed" not in maintenance(engine, JobContext("maintenance", engine, threading.Event()))  # switched off
    engine.close()


def test_the_rules_hash_follows_the_parsing_code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    copy = tmp_path / "parsers"
    shutil.copytree(fingerprint._PARSERS, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(fingerprint, "_PARSERS", copy)
    fingerprint.parsing_fingerprint.cache_clear()
    try:
        before = fingerprint.parsing_fingerprint()
        assert len(before) == 16 and before == fingerprint.parsing_fingerprint.__wrapped__()
        (copy / "__pycache__").mkdir()
        (copy / "__pycache__" / "x.cpython-311.pyc").write_bytes(b"compiled")  # not the rules
        fingerprint.parsing_fingerprint.cache_clear()
        assert fingerprint.parsing_fingerprint() == before
        textmeta = copy / "textmeta.py"
        textmeta.write_text(textmeta.read_text(encoding="utf-8") + "\n# a fix\n", encoding="utf-8")
        fingerprint.parsing_fingerprint.cache_clear()
        assert fingerprint.parsing_fingerprint() != before
    finally:
        fingerprint.parsing_fingerprint.cache_clear()
