"""The scheduler's way in (issue 17): `python scheduler.py` is `gongkai schedule run`, on the one engine the CLI
opens for every command; no module of ops/ builds an engine of its own."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

from gongkai.store.migrate import head
from tests.support import store_made_ahead_of_this_code

REPO = Path(__file__).resolve().parents[1]


def _database_ahead(data: Path) -> None:
    store_made_ahead_of_this_code(f"sqlite:///{data / 'gongkai.sqlite3'}", data / "raw")


def test_the_scheduler_script_opens_the_engine_as_every_command_does(tmp_path: Path) -> None:
    # A database newer than this code: the CLI's engine refuses it with its message and exit code 1 before
    # any job starts (the script's own engine used to fail later, inside the scheduler, with a traceback).
    data = tmp_path / "data"
    data.mkdir()
    _database_ahead(data)
    env = {name: value for name, value in os.environ.items() if not name.startswith("GONGKAI_")}
    done = subprocess.run([sys.executable, str(REPO / "scheduler.py"), "--data-dir", str(data)], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=120)
    output = done.stdout + done.stderr
    assert done.returncode == 1, output
    assert "9999_future" in output and head() in output and "Traceback" not in output


def test_the_script_says_what_it_runs() -> None:
    done = subprocess.run([sys.executable, str(REPO / "scheduler.py"), "--help"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and "--data-dir" in done.stdout


def test_no_module_of_ops_builds_an_engine() -> None:
    # ops/ is the scheduler: it runs on the engine a shell hands it (gongkai.engine.Engine, opened once).
    built = []
    for path in sorted((REPO / "ops").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and ast.unparse(node.func).split(".")[-1] == "Engine":
                built.append(f"{path.relative_to(REPO)}:{node.lineno}")
    assert not built, "ops/ builds an engine of its own: " + ", ".join(built)
