"""`gongkai jobs history NAME --json` on a name no job has (session 10): a site's name typed for its job
(`xm-fgw` for `crawl:xm-fgw`) or a typo printed nothing at all and exit 0, as if the job had never run; the
operator's script read "no runs". Now such a name is an error that names the job meant, and a job with no run
yet says so on standard error (JSON Lines of no run stay no line on standard output). Real CLI, SQLite."""

from __future__ import annotations

import json

import pytest

from tests.cli_run import run

pytestmark = pytest.mark.usefixtures("fresh_cli_state")


def test_a_sites_name_is_an_error_naming_its_job(tmp_path, monkeypatch):
    monkeypatch.setenv("GONGKAI_CRAWL__SITES_DIRS", '["tests/fixtures/sites"]')
    result = run(tmp_path, "jobs", "history", "xm-fgw", "--json")
    assert result.exit_code == 1 and result.stdout == ""
    assert "no job named 'xm-fgw'" in result.stderr and "did you mean crawl:xm-fgw?" in result.stderr
    result = run(tmp_path, "jobs", "history", "inbx")  # the table too
    assert result.exit_code == 1 and "没有这个任务" in result.stderr and "inbox" in result.stderr


def test_a_job_that_never_ran_is_no_line_and_says_so(tmp_path):
    result = run(tmp_path, "jobs", "history", "inbox", "--json")
    assert result.exit_code == 0 and result.stdout == ""
    assert "no runs recorded for inbox" in result.stderr
    result = run(tmp_path, "jobs", "history", "--json")
    assert result.exit_code == 0 and result.stdout == "" and "no runs recorded" in result.stderr


def test_runs_are_json_lines_and_a_pattern_is_no_error(tmp_path):
    assert run(tmp_path, "jobs", "run", "inbox", "--json").exit_code == 0
    assert run(tmp_path, "jobs", "run", "validity").exit_code == 0
    result = run(tmp_path, "jobs", "history", "--json")
    assert [json.loads(line)["job"] for line in result.stdout.splitlines()] == ["validity", "inbox"]
    result = run(tmp_path, "jobs", "history", "inbox", "--failed", "--json")
    assert result.exit_code == 0 and result.stdout == "" and "no runs recorded for inbox (--failed)" in result.stderr
    result = run(tmp_path, "jobs", "history", "crawl:*", "--json")  # a pattern matching no run: none, no error
    assert result.exit_code == 0 and result.stdout == ""


def test_a_limit_below_one_is_refused(tmp_path):
    """`--limit 0` said "no runs recorded" with runs there, and `--limit -1` listed every run (SQLite's LIMIT -1)."""
    assert run(tmp_path, "jobs", "run", "inbox").exit_code == 0
    for limit in ("0", "-1"):
        result = run(tmp_path, "jobs", "history", "--limit", limit, "--json")
        assert result.exit_code == 2 and result.stdout == ""
        assert run(tmp_path, "crawl", "history", "--limit", limit).exit_code == 2
