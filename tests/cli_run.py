"""One CLI command run the way an operator runs it, each in a fresh CLI state (settings changed in the environment
between commands are read again, the previous command's engine is closed). Modules using it also mark their tests
with the `fresh_cli_state` fixture (tests/conftest.py)."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner, Result

from gongkai.cli.main import app

runner = CliRunner()


def run(data_dir: Path, *args: str) -> Result:
    from gongkai.cli.context import state

    if state._engine is not None:
        state._engine.close()
    state._settings = state._engine = None
    return runner.invoke(app, ["--data-dir", str(data_dir), *args], catch_exceptions=False)
