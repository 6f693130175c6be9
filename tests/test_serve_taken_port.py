"""`gongkai serve` on a port another process holds (session 10): it printed "serving http://127.0.0.1:8766/", started the
scheduler with --with-scheduler, and only then failed. Now it refuses first, exit 1, and says nothing is served.
A real listening socket on 127.0.0.1; the real CLI."""

from __future__ import annotations

import socket

import pytest

from tests.cli_run import run

pytestmark = pytest.mark.usefixtures("fresh_cli_state")


def test_a_taken_port_is_refused_before_anything_starts(tmp_path):
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        result = run(tmp_path / "data", "serve", "--host", "127.0.0.1", "--port", str(port), "--with-scheduler")
    assert result.exit_code == 1
    assert "端口已被占用" in result.stderr and str(port) in result.stderr
    assert "serving" not in result.stdout and "scheduler running" not in result.stdout
