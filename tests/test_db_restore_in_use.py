"""`gongkai db restore` refuses a database someone works on (session 10): with `gongkai schedule run` going, the
restore swapped the database under the scheduler (the README said "stop the servers and the scheduler first";
nothing checked), whose next job wrote on a content it did not know. A live lease (a scheduler, a job running)
now refuses it, exit 2, naming who; once they stop, it restores. Real SQLite, the real leases, the real CLI."""

from __future__ import annotations

import json

import pytest

from gongkai.ops import locks
from gongkai.store.database import make_engine
from tests.cli_run import run

pytestmark = pytest.mark.usefixtures("fresh_cli_state")


def test_a_live_scheduler_lease_refuses_the_restore(tmp_path):
    data = tmp_path / "data"
    records = tmp_path / "r.jsonl"
    records.write_text(json.dumps({"title": "备份前的通知", "body": "正文"}, ensure_ascii=False) + "\n", encoding="utf-8")
    assert run(data, "ingest", str(records)).exit_code == 0
    assert run(data, "jobs", "run", "maintenance").exit_code == 0
    [backup] = sorted((data / "backups").glob("gongkai-*.sqlite3"))

    db = make_engine(f"sqlite:///{data / 'gongkai.sqlite3'}")
    owner = "node2:4242:6a24e6d0"  # a scheduler on another node: its lease is live until it expires
    try:
        assert isinstance(locks.acquire(db, f"scheduler:{owner}", owner, 120), locks.Acquired)
        refused = run(data, "db", "restore", str(backup))
        assert refused.exit_code == 2
        assert "数据库正在使用" in refused.stderr and "pid 4242 on node2" in refused.stderr and "scheduler" in refused.stderr
        assert not list((data / "backups").glob("replaced-*"))  # nothing changed
        locks.release(db, f"scheduler:{owner}", owner)
    finally:
        db.dispose()
    restored = run(data, "db", "restore", str(backup), "--json")
    assert restored.exit_code == 0, restored.output
    assert json.loads(restored.stdout)["indexed"] == 1


def test_the_backups_own_run_is_restored_as_it_ended(tmp_path):
    """The nightly backup is taken while its maintenance run is going: restored, that run read `running`, and the next
    look recorded it `lost` ("killed or crashed"), a failed job in `status` for a backup that went fine."""
    data = tmp_path / "data"
    assert run(data, "jobs", "run", "maintenance").exit_code == 0
    [backup] = sorted((data / "backups").glob("gongkai-*.sqlite3"))
    assert run(data, "db", "restore", str(backup)).exit_code == 0
    [maintenance] = [json.loads(line) for line in run(data, "jobs", "history", "maintenance", "--json").stdout.splitlines()]
    assert maintenance["outcome"] == "ok" and maintenance["ended_at"] is not None
    assert json.loads(run(data, "status", "--json").stdout)["failed_jobs_24h"] == []
