"""Crawl jobs against the crawlers' fixture sites on 127.0.0.1: scheduled by the real scheduler, crawled
by real Scrapy in a child process, recorded in the run history with the crawl's counts."""

from __future__ import annotations

import pytest

from gongkai.crawlers.fixture_server import FixtureSites, fixture_sites_dir
from gongkai.engine import Engine
from gongkai.indexer.models import SearchRequest
from gongkai.ops.jobs import build_job_specs, find_spec
from gongkai.ops.runner import JobRunner
from gongkai.ops.service import SchedulerService
from gongkai.ops.status import collect_status
from gongkai.settings import load_settings
from tests.test_sched_service import ALL_OFF, runs_of, wait_for

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def sites():
    sites = FixtureSites.from_folder(fixture_sites_dir(), names=["xm-fgw", "xmrb"])
    sites.start()
    yield sites.base_urls
    sites.stop()


@pytest.fixture(autouse=True)
def _no_stray_config(monkeypatch, tmp_path):
    monkeypatch.delenv("GONGKAI_CONFIG", raising=False)
    monkeypatch.chdir(tmp_path)


def crawl_job(site: str, base_url: str, target: str, schedule: str, **kwargs) -> dict:
    return {"target": target, "schedule": schedule,
            "kwargs": {"site": site, "sites_dir": str(fixture_sites_dir()), "base_url": base_url, **kwargs}}


def test_scheduled_crawl_of_a_fixture_site_is_run_and_recorded(sites, tmp_path):
    settings = load_settings(data_dir=tmp_path / "data", scheduler={**ALL_OFF, "extra_jobs": {
        "crawl-fixture": crawl_job("xm-fgw", sites["xm-fgw"], "gongkai.ops.crawl_jobs:crawl_site", "every 2s"),
    }})
    engine = Engine(settings)
    service = SchedulerService(engine)
    service.start()
    try:
        runs = wait_for(lambda: [r for r in runs_of(engine, "crawl-fixture") if r.outcome not in ("running", "skipped")],
                        timeout=90, what="a finished crawl run")
    finally:
        service.stop()
    run = runs[0]
    assert run.outcome == "ok", (run.message, run.traceback)
    assert run.new > 0 and run.counts["pages"] > run.new and run.counts.get("crawl_run_id")
    assert "errors_by_kind" in run.counts  # the fixture site has a broken link: counted by kind
    stored = [r for r in engine.export() if r.source and "fgw" in r.source]
    assert len(stored) >= run.new
    # The whole title: a cut through an ASCII run (2024 -> "202") is not a word the index knows.
    assert engine.search(SearchRequest(q=stored[0].title, limit=5)).total > 0
    status = collect_status(engine)
    assert status["last_crawl"] is not None
    assert status["records"] == len(list(engine.export(include_withdrawn=False)))
    engine.close()


def test_newspaper_job_crawls_an_issue_and_stores_one_record_per_notice(sites, tmp_path):
    settings = load_settings(data_dir=tmp_path / "data", scheduler={**ALL_OFF, "extra_jobs": {
        "paper": crawl_job("xmrb", sites["xmrb"], "gongkai.ops.crawl_jobs:crawl_newspaper", "off", day="2024-05-06"),
    }})
    engine = Engine(settings)
    runner = JobRunner(engine)
    run = runner.run(find_spec(build_job_specs(settings)[0], "paper"), trigger="manual")
    runner.close()
    assert run.outcome == "ok", (run.message, run.traceback)
    notices = [r for r in engine.export() if r.kind == "notice"]
    assert run.new == len(notices) > 1
    engine.close()


def test_a_crawl_that_cannot_start_fails_with_the_reason(tmp_path):
    settings = load_settings(data_dir=tmp_path / "data", scheduler={**ALL_OFF, "extra_jobs": {
        "nowhere": {"target": "gongkai.ops.crawl_jobs:crawl_site", "schedule": "off", "kwargs": {"site": "no-such-site"}},
    }})
    engine = Engine(settings)
    runner = JobRunner(engine)
    run = runner.run(find_spec(build_job_specs(settings)[0], "nowhere"), trigger="manual")
    runner.close()
    assert run.outcome == "failed"
    assert "no site definition named no-such-site" in run.message
    engine.close()


def test_a_stop_request_reaches_the_crawl_child_and_the_run_is_recorded_interrupted(tmp_path):
    import threading

    slow = FixtureSites.from_folder(fixture_sites_dir(), names=["xm-fgw"], slow_seconds=8)
    slow.start()
    try:
        settings = load_settings(data_dir=tmp_path / "data", scheduler={**ALL_OFF, "extra_jobs": {
            "crawl-slow": crawl_job("xm-fgw", slow.base_urls["xm-fgw"], "gongkai.ops.crawl_jobs:crawl_site", "off"),
        }})
        engine = Engine(settings)
        stop = threading.Event()
        runner = JobRunner(engine, stop)
        done = []
        thread = threading.Thread(target=lambda: done.append(runner.run(find_spec(build_job_specs(settings)[0], "crawl-slow"))))
        thread.start()
        wait_for(lambda: slow.requests(), timeout=30, what="the crawl child's first request")
        stop.set()  # what SIGTERM to the scheduler does
        thread.join(90)
        runner.close()
    finally:
        slow.stop()
    [run] = done
    assert run.outcome == "interrupted", (run.outcome, run.message, run.traceback)
    # The child itself reports that it stopped at a safe point (how fast is bench/'s business, not a test's).
    assert run.counts.get("stopped") is True and run.counts.get("crawl_run_id")
    engine.close()
