"""A crawl job that reached nothing is a failed run (session 10): `gongkai jobs run crawl:xm-fgw` on a machine that
cannot reach the site (DNS, connection refused) was recorded "ok in 26.6 s — new 0, changed 0, errors 1", exit 0,
and `gongkai status` listed no failed job, so no one looked. Now: failed, with the errors by kind in its message,
exit 1, among status's failed jobs. The real job (a crawl child process) on a closed port of 127.0.0.1."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest

from tests.cli_run import run

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("fresh_cli_state")]

SITES = Path(__file__).parent / "fixtures" / "sites"


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_a_crawl_that_fetched_nothing_fails(tmp_path, monkeypatch):
    config = tmp_path / "gongkai.toml"
    config.write_text(
        "[scheduler]\ncrawl = \"off\"\nnewspaper = \"off\"\n[scheduler.extra_jobs.dead-site]\n"
        'target = "gongkai.ops.crawl_jobs:crawl_site"\nschedule = "0 3 * * *"\n'
        f'kwargs = {{ site = "xm-fgw", sites_dir = "{SITES}", base_url = "http://127.0.0.1:{_closed_port()}" }}\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("GONGKAI_CONFIG", str(config))
    monkeypatch.setenv("GONGKAI_CRAWL__SITES_DIRS", json.dumps([str(SITES)]))
    data = tmp_path / "data"
    result = run(data, "jobs", "run", "dead-site", "--json")
    assert result.exit_code == 1
    [recorded] = [json.loads(line) for line in run(data, "jobs", "history", "dead-site", "--json").stdout.splitlines()]
    assert recorded["outcome"] == "failed" and recorded["errors"] >= 1
    assert "nothing answered from xm-fgw" in recorded["message"] and "connection" in recorded["message"]
    status = json.loads(run(data, "status", "--json").stdout)
    assert [r["job"] for r in status["failed_jobs_24h"]] == ["dead-site"]


def test_gongkai_crawl_of_a_site_that_answers_nothing_exits_1(tmp_path):
    """`gongkai crawl xm-fgw` printed 'pages 0 … errors dns=1' and exited 0."""
    import subprocess
    import sys

    done = subprocess.run(
        [str(Path(sys.executable).parent / "gongkai"), "--data-dir", str(tmp_path / "data"), "crawl", "xm-fgw",
         "--sites-dir", str(SITES), "--base-url", f"xm-fgw=http://127.0.0.1:{_closed_port()}"],
        capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert "nothing answered from xm-fgw" in done.stderr and "connection" in done.stderr
