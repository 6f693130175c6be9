"""Nodes as processes on one store, each with its clock moved (nodes7, session 19): the harness of
tests/test_lease_db_clock.py and tests/test_nodes_heldout7.py. Every node command is a fresh `gongkai` process started
through tests/nodes6_node.py (the command line with every time gongkai reads moved by the node's offset, as on a machine
whose clock jumped), with its own data directory; SQLite is one file of the test's folder, PostgreSQL a throwaway
database (the `pg_database` fixture)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text

ROOT = Path(__file__).resolve().parents[1]
NODE = ROOT / "tests" / "nodes6_node.py"


def store_url(database: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    return f"sqlite:///{tmp_path}/store.db" if database == "sqlite" else request.getfixturevalue("pg_database")


class Nodes:
    """Nodes on one store: each a data directory and a clock offset (seconds); every command a fresh process."""

    def __init__(self, root: Path, url: str, clocks: dict[str, float], **env: str) -> None:
        self.root, self.url, self.clocks = root, url, clocks
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith("GONGKAI_")},
            "GONGKAI_DATABASE_URL": url,
            "GONGKAI_ALERTS__BACKOFF_SECONDS": "0",
            **env,
        }

    def argv(self, node: str, *args: str) -> list[str]:
        return [sys.executable, str(NODE), str(self.clocks[node]), "--data-dir", str(self.root / node), *args]

    def run(self, node: str, *args: str, check: bool = True) -> str:
        done = subprocess.run(self.argv(node, *args), env=self.env, cwd=self.root, capture_output=True, text=True, timeout=180)
        if check and done.returncode != 0:
            raise AssertionError(f"node {node} {' '.join(args)}: exit {done.returncode}\n{done.stdout}\n{done.stderr}")
        return done.stdout

    def start(self, node: str, *args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
        return subprocess.Popen(
            self.argv(node, *args), env={**self.env, **(env or {})}, cwd=self.root,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )

    def write_jsonl(self, rows: list[dict[str, Any]]) -> Path:
        path = self.root / f"ingest-{time.monotonic_ns()}.jsonl"
        path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")
        return path

    def ingest(self, node: str, rows: list[dict[str, Any]]) -> str:
        return self.run(node, "ingest", str(self.write_jsonl(rows)))

    def add_alert(self, node: str, query: str, webhook: str, *filters: str) -> str:
        return json.loads(self.run(node, "alerts", "add", "--query", query, *filters, "--webhook", webhook, "--json"))["id"]


def finish(process: subprocess.Popen[str], what: str, timeout: float = 180) -> str:
    out = process.communicate(timeout=timeout)[0]
    assert process.returncode == 0, f"{what}: exit {process.returncode}\n{out}"
    return out


def scalar(url: str, sql: str, **params: Any) -> Any:
    """One value read from the store at `url` (None while the table is not made yet)."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(text(sql), params).scalar()
    except Exception:  # noqa: BLE001 - the schema is made by the first node
        return None
    finally:
        engine.dispose()


def lease_pid(url: str, name: str) -> int | None:
    """The pid written as the holder of the lease `name` (live or not)."""
    return scalar(url, "SELECT pid FROM ops_job_locks WHERE name = :name", name=name)


def wait_for(condition: Callable[[], object], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)
