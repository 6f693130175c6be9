"""The operator's tables at 80 columns, the width rich takes when the output is a pipe or a cron mail (session 10):
`jobs list` printed job names cut to "crawl:xm…" and "newspape…" (what `jobs run NAME` takes), `jobs history` times
cut to "2026…", and `quarantine list` a Chinese reason cut to "文件已损坏或不完 …" (rich takes text without spaces
for one long word, and cut it). Now names are whole and the rest is folded onto the next line, never cut.
Real CLI, SQLite."""

from __future__ import annotations

import pytest

from tests.cli_run import run

pytestmark = pytest.mark.usefixtures("fresh_cli_state")


def test_nothing_is_cut_at_80_columns(tmp_path, monkeypatch):
    monkeypatch.setenv("GONGKAI_CRAWL__SITES_DIRS", '["tests/fixtures/sites"]')
    data = tmp_path / "data"
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.4 broken, no objects")
    assert run(data, "ingest", str(bad)).exit_code == 1  # quarantined: 文件已损坏或不完整，无法读取
    assert run(data, "jobs", "run", "inbox").exit_code == 0

    listed = run(data, "jobs", "list").stdout
    for name in ("crawl:xm-fgw", "newspaper:xmrb", "maintenance", "feeds-poll"):
        assert name in listed, listed
    for args in (("jobs", "list"), ("jobs", "history"), ("quarantine", "list")):
        text = run(data, *args).stdout
        assert "…" not in text, text
    quarantined = run(data, "quarantine", "list").stdout
    assert "文件已损坏" in quarantined and "无法读取" in quarantined


def test_a_runs_counts_read_as_counts(tmp_path):
    """`jobs show RUN` printed its counts as a Python dict ({'files': 0, 'new': 0, …, 'refused': []})."""
    data = tmp_path / "data"
    assert run(data, "jobs", "run", "inbox").exit_code == 0
    text = run(data, "jobs", "show", "1").stdout
    assert "counts: files 0, new 0" in text and "{" not in text and "'" not in text
