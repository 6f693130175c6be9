"""`gongkai db restore BACKUP`: a backup put back, and the index rebuilt from it (probe3). The README said "restore the
backup" and no more: with the backup copied over the database, the index kept a record the backup lacks (a hit that
opens on 404) and, worse, the restored sequence numbers ran below the index's watermark, so a record stored after
the restore was never indexed (`gongkai index follow --once`: "indexed 0"): stored, not searchable.
Real SQLite (the scheduler's own online backup), real Tantivy, the real CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli_run import run

pytestmark = pytest.mark.usefixtures("fresh_cli_state")  # tests/conftest.py


def ingest(data: Path, tmp_path: Path, title: str) -> None:
    path = tmp_path / f"{title}.jsonl"
    path.write_text(json.dumps({"title": title, "body": "正文"}, ensure_ascii=False) + "\n", encoding="utf-8")
    assert run(data, "ingest", str(path)).exit_code == 0


def found(data: Path, title: str) -> bool:
    answer = json.loads(run(data, "search", f'"{title}"', "--json").stdout)
    return any(hit["title"] == title for hit in answer["hits"])


def test_a_restored_backup_is_searchable_as_it_was_and_what_comes_after_too(tmp_path):
    data = tmp_path / "data"
    ingest(data, tmp_path, "备份之前的通知")
    maintained = run(data, "jobs", "run", "maintenance")  # the scheduler's nightly online backup
    assert maintained.exit_code == 0
    [backup] = sorted((data / "backups").glob("gongkai-*.sqlite3"))
    assert f"备份 backup: {backup}" in maintained.stdout, maintained.stdout  # said where it is (it was not: newuser2)
    ingest(data, tmp_path, "备份之后的通知")

    restored = run(data, "db", "restore", "--json", str(backup))
    assert restored.exit_code == 0, restored.output
    answer = json.loads(restored.stdout)
    assert answer["indexed"] == 1 and Path(answer["replaced_kept_as"]).is_file()  # nothing lost: the replaced one kept
    assert found(data, "备份之前的通知") and not found(data, "备份之后的通知")  # no hit the store no longer has
    ingest(data, tmp_path, "恢复之后的新通知")
    assert found(data, "恢复之后的新通知")  # indexed: without the rebuild it was stored but never searchable


def test_what_is_not_a_backup_is_refused_and_nothing_changes(tmp_path):
    data = tmp_path / "data"
    ingest(data, tmp_path, "原有的通知")
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"not a database at all" * 100)
    refused = run(data, "db", "restore", str(junk))
    assert refused.exit_code == 2 and "junk.sqlite3" in refused.stderr
    assert run(data, "db", "restore", str(tmp_path / "missing.sqlite3")).exit_code == 2
    assert found(data, "原有的通知") and not list((data / "backups").glob("replaced-*"))
