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


# Modules the parsers import that hold no parsing rule: settings (an operator's values, and the defaults: see the module's
# docstring), reading record files and sidecars' bytes, a child process's housekeeping.
_NO_RULES = {"settings", "recordfiles", "childproc"}


def test_every_core_module_the_parsing_rules_import_is_in_the_hash() -> None:
    # review s13: gongkai/outage_areas.py (clean_area: what an outage notice's places are) was left out, so a fix there, as
    # outages6 made this session, changed what a parse gives with the hash unchanged: no nightly pass.
    import ast

    seen, todo = set(), [path for path in fingerprint._PARSERS.rglob("*.py") if "__pycache__" not in path.parts]
    todo += [fingerprint._CORE_DIR / name for name in fingerprint._CORE]
    while todo:
        path = todo.pop()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [node.module or ""] if isinstance(node, ast.ImportFrom) else [a.name for a in node.names] if isinstance(node, ast.Import) else []
            for name in names:
                parts = name.split(".")
                if parts[0] == "gongkai" and len(parts) > 1 and parts[1] != "parsers" and parts[1] not in seen | _NO_RULES:
                    seen.add(parts[1])
                    if (fingerprint._CORE_DIR / f"{parts[1]}.py").is_file():
                        todo.append(fingerprint._CORE_DIR / f"{parts[1]}.py")
    assert {f"{name}.py" for name in seen} <= set(fingerprint._CORE), sorted(seen)


def test_a_pass_out_of_time_goes_on_where_it_stopped(settings, corpus) -> None:
    """At most scheduler.maintenance_reparse_seconds a night (the drop folder and the polls wait for the engine meanwhile):
    the next night takes the pass up after the last record it parsed, not from the first (review s13: at a million
    records a pass that starts again every night never ends)."""
    files = corpus / "pdf_docx" / "govcn_as_files"
    engine = Engine(settings)
    engine.ingest_paths(sorted(files.glob("*.pdf"))[:3])
    engine.store.meta_set(PARSING_RULES_KEY, "rules-of-an-older-release")
    answers = iter([False, True])  # asked before each record: the first goes, then the time is up
    first = engine.reparse_if_rules_changed(should_stop=lambda: next(answers, True))
    assert first is not None and first.as_dict()["unchanged"] == 1
    assert engine.parsing_rules_changed()
    second = engine.reparse_if_rules_changed()
    assert second is not None and second.as_dict()["unchanged"] == 2  # the other two, not all three again
    assert not engine.parsing_rules_changed()
    assert engine.reparse_if_rules_changed() is None
    engine.close()


def test_an_empty_store_that_cannot_be_written_still_opens(settings, monkeypatch: pytest.MonkeyPatch) -> None:
    from gongkai.store.store import Store

    def refuse(self, key, value):  # a store opened read-only
        raise PermissionError("read-only")

    monkeypatch.setattr(Store, "meta_set", refuse)
    engine = Engine(settings)
    assert engine.store.count() == 0 and engine.parsing_rules_changed()
    engine.close()
