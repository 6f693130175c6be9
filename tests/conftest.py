"""Shared fixtures: the real corpus beside the repo, fresh settings on a temporary data dir."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"


def govcn_records() -> list[dict]:
    """The 40 real 国务院 policy records, in the project's record format."""
    records = []
    with (CORPUS / "govcn_state_council_policies" / "records.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            raw = json.loads(line)
            records.append(
                {
                    "kind": "disclosure",
                    "title": raw["title"],
                    "doc_number": raw["doc_no"],
                    "index_number": raw["index_no"],
                    "issuer": raw["issuer"],
                    "topic": raw["topic_category"],
                    "keywords": raw.get("keywords") or [],
                    "written_date": raw["written_date"],
                    "publish_date": raw["publish_date"],
                    "body": raw["body_text"],
                    "url": raw["source_url"],
                    "source": "govcn",
                }
            )
    return records


@pytest.fixture
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.fail(f"the shared corpus is missing: expected it at {CORPUS}")
    return CORPUS


@pytest.fixture
def settings(tmp_path, monkeypatch):
    from gongkai.settings import load_settings

    monkeypatch.delenv("GONGKAI_CONFIG", raising=False)
    monkeypatch.chdir(tmp_path)  # no stray gongkai.toml from the working directory
    return load_settings(data_dir=tmp_path / "data")


@pytest.fixture
def pg_database(request):
    """A new empty PostgreSQL database for one test, dropped after (tests.support.throwaway_pg_database);
    skipped with the reason where GONGKAI_TEST_POSTGRES_URL is not set."""
    from tests.support import throwaway_pg_database

    with throwaway_pg_database(request.module.__name__.rsplit(".", 1)[-1].removeprefix("test_")) as url:
        yield url


@pytest.fixture(autouse=True)
def _no_outside_settings(monkeypatch):
    """Tests never pick up an operator's GONGKAI_* environment (a real database URL, a config file)."""
    import os

    for name in list(os.environ):
        if name.startswith("GONGKAI_") and name != "GONGKAI_TEST_POSTGRES_URL":
            monkeypatch.delenv(name)


@pytest.fixture
def fresh_cli_state(monkeypatch, tmp_path):
    """The CLI keeps its engine in a module-level state: a CLI test starts clean, in an empty folder, and its
    engine is closed after it (modules of CLI tests use it: pytestmark = pytest.mark.usefixtures(...))."""
    from gongkai.cli.context import state

    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GONGKAI_DATA_DIR", raising=False)
    state._settings = state._engine = None
    yield
    if state._engine is not None:
        state._engine.close()
    state._settings = state._engine = None
