"""Politeness settings, retry backoff, crawl state keys and run statistics, without a crawl."""

from __future__ import annotations

import pytest
from scrapy import Request, Spider
from scrapy.utils.test import get_crawler

from gongkai.crawlers.in_process import USER_AGENT, CrawlOptions, scrapy_settings
from gongkai.crawlers.middlewares import BackoffRetryMiddleware
from gongkai.crawlers.sitedef import Politeness
from gongkai.crawlers.state import CrawlState
from gongkai.crawlers.stats import RunStats, summary_line


def test_polite_settings_obey_robots_and_throttle_per_domain():
    settings = scrapy_settings(Politeness(concurrency=2, delay_seconds=3, timeout_seconds=20, retries=4), CrawlOptions())
    assert settings["ROBOTSTXT_OBEY"] is True and settings["AUTOTHROTTLE_ENABLED"] is True
    assert settings["CONCURRENT_REQUESTS_PER_DOMAIN"] == 2 and settings["DOWNLOAD_DELAY"] == 3
    assert settings["AUTOTHROTTLE_START_DELAY"] == 3 and settings["DOWNLOAD_TIMEOUT"] == 20 and settings["RETRY_TIMES"] == 4
    assert settings["USER_AGENT"] == USER_AGENT and USER_AGENT.isascii() and USER_AGENT.startswith("gongkai/")
    fast = scrapy_settings(Politeness(), CrawlOptions(polite=False, timeout_seconds=5))
    assert fast["AUTOTHROTTLE_ENABLED"] is False and fast["DOWNLOAD_DELAY"] == 0 and fast["CONCURRENT_REQUESTS_PER_DOMAIN"] == 8
    assert fast["ROBOTSTXT_OBEY"] is True and fast["DOWNLOAD_TIMEOUT"] == 5


def test_retries_back_off_exponentially_then_give_up():
    crawler = get_crawler(Spider, {"RETRY_TIMES": 3, "RETRY_BACKOFF_BASE": 0.5, "RETRY_BACKOFF_MAX": 1.5})
    crawler.spider = Spider.from_crawler(crawler, "t")
    middleware = BackoffRetryMiddleware.from_crawler(crawler)
    request, delays = Request("http://127.0.0.1/a"), []
    for _ in range(4):
        request = middleware._retry(request, "503 Service Unavailable")
        if request is None:
            break
        delays.append(request.meta["backoff_delay"])
    assert delays == [0.5, 1.0, 1.5] and request is None


def test_http_and_https_are_one_page_in_the_crawl_state(tmp_path):
    state = CrawlState(f"sqlite:///{tmp_path / 'state.sqlite3'}")
    try:
        state.record_fetch("xm-fgw", "http://fgw.xm.gov.cn:80/xxgk/a.htm", status=200, outcome="new",
                           etag='"abc"', last_modified="Fri, 10 May 2024 08:00:00 GMT", content_sha256="f" * 64, record_ids=["r1"])
        page = state.get("https://fgw.xm.gov.cn/xxgk/a.htm#top")
        assert page is not None and page.record_ids == ("r1",)
        assert page.conditional_headers() == {"If-None-Match": '"abc"', "If-Modified-Since": "Fri, 10 May 2024 08:00:00 GMT"}
        state.record_fetch("xm-fgw", "https://fgw.xm.gov.cn/xxgk/a.htm", status=304, outcome="unchanged")
        again = state.pages_of("xm-fgw")
        assert len(again) == 1 and next(iter(again.values())).record_ids == ("r1",)  # None leaves columns as they were
        assert state.page_counts("xm-fgw") == {"unchanged": 1}
        state.touch(["//fgw.xm.gov.cn/xxgk/a.htm", "//fgw.xm.gov.cn/unknown.htm"], 304, "unchanged")
        touched = state.get("http://fgw.xm.gov.cn/xxgk/a.htm")
        assert touched.last_status == 304 and touched.etag == '"abc"' and touched.record_ids == ("r1",)
        assert state.get("http://fgw.xm.gov.cn/unknown.htm") is None  # touch never invents a page
    finally:
        state.close()


def test_run_statistics_round_trip(tmp_path):
    stats = RunStats("xm-fgw")
    stats.add(pages=3, downloaded_bytes=100)
    stats.outcome("new", 2)
    stats.outcome("updated")
    stats.error("http_404")
    counts = stats.as_dict()
    assert (counts["pages"], counts["new"], counts["changed"], counts["errors"]) == (3, 2, 1, {"http_404": 1})
    assert summary_line(counts) == ("页面 3  新增 2  变更 1  未变 0  撤下 0  隔离 0  错误 http_404=1 / "
                                    "pages 3  new 2  changed 1  unchanged 0  withdrawn 0  quarantined 0  errors http_404=1")
    state = CrawlState(f"sqlite:///{tmp_path / 'state.sqlite3'}")
    try:
        row = state.start_run("run1", "xm-fgw")
        state.finish_run(row, counts)
        [run] = state.runs("xm-fgw")
        assert run["counts"] == counts and run["run_id"] == "run1" and state.last_run("sm-gov") is None
    finally:
        state.close()


def test_live_progress_counts_events_per_site():
    from rich.console import Console

    from gongkai.cli.crawl import LiveProgress

    progress = LiveProgress(["xm-fgw", "sm-gov"])
    for kind, data in (("page", {"url": "http://127.0.0.1/a.htm"}), ("record", {"status": "new"}), ("record", {"status": "updated"}),
                       ("record", {"status": "unchanged"}), ("error", {"kind": "http_404"})):
        progress.on_event("xm-fgw", kind, data)
    assert progress.rows["xm-fgw"] == {"pages": 1, "new": 1, "changed": 1, "unchanged": 1, "withdrawn": 0, "quarantined": 0, "errors": 1}
    console = Console(width=120, record=True)
    console.print(progress)
    text = console.export_text()
    assert "xm-fgw" in text and "sm-gov" in text and "http://127.0.0.1/a.htm" in text


def test_the_user_agent_comes_from_the_settings(tmp_path, monkeypatch):
    from gongkai.crawlers.in_process import _with_user_agent
    from gongkai.settings import SettingsError, load_settings

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GONGKAI_CRAWL__USER_AGENT", "xmlib-gongkai/1.0 (+https://www.xmlib.net/)")
    options = _with_user_agent(CrawlOptions(), load_settings())
    assert scrapy_settings(Politeness(), options)["USER_AGENT"] == "xmlib-gongkai/1.0 (+https://www.xmlib.net/)"
    monkeypatch.setenv("GONGKAI_CRAWL__USER_AGENT", "厦门图书馆")  # not ASCII: refused at start, naming the setting
    with pytest.raises(SettingsError, match=r"crawl\.user_agent"):
        load_settings()


def test_list_page_links_skip_script_anchor_and_mail_links_for_spider_and_check_alike():
    from scrapy.selector import Selector

    from gongkai.crawlers.disclosure_spider import detail_hrefs
    from gongkai.crawlers.sitedef import DisclosureSite

    site = DisclosureSite.model_validate({"name": "t", "title": "t", "base_url": "http://127.0.0.1", "start_urls": ["/"], "detail_links": "ul a"})
    page = Selector(text='<ul><li><a href=" /a.htm ">甲</a></li><li><a href="javascript:void(0)">乙</a></li>'
                         '<li><a href="#top">丙</a></li><li><a href="mailto:x@xm.gov.cn">丁</a></li><li><a>戊</a></li></ul>')
    assert [href for _, href in detail_hrefs(page, site)] == ["/a.htm"]


def test_no_spider_callback_is_a_generator_that_returns_a_value():
    """Scrapy's run-time check of this is off (WARN_ON_GENERATOR_RETURN_VALUE: it re-parsed callback sources,
    a tenth of a re-crawl's CPU); the check is made here instead, on every spider class the crawlers ship."""
    import importlib
    import inspect
    import pkgutil

    from scrapy.utils.misc import is_generator_with_return_value

    import gongkai.crawlers
    from gongkai.crawlers.in_process import BASE_SETTINGS
    from gongkai.crawlers.spider_base import GongkaiSpider

    assert BASE_SETTINGS["WARN_ON_GENERATOR_RETURN_VALUE"] is False
    checked = []
    for info in pkgutil.iter_modules(gongkai.crawlers.__path__, "gongkai.crawlers."):
        module = importlib.import_module(info.name)
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if not issubclass(cls, GongkaiSpider) or cls.__module__ != module.__name__:
                continue
            for attr, function in vars(cls).items():
                if inspect.isgeneratorfunction(function):
                    checked.append(f"{cls.__name__}.{attr}")
                    assert not is_generator_with_return_value(function), f"{cls.__name__}.{attr} returns a value from a generator"
    assert {"DisclosureSpider.parse_list", "DisclosureSpider.parse_detail", "GongkaiSpider.document_outcome"} <= set(checked)


def test_a_generator_returning_a_value_is_caught_by_that_check():
    from scrapy.utils.misc import is_generator_with_return_value

    def bad(response):  # the mistake the check is for: `return x` inside a generator drops x silently
        yield 1
        return 2

    def good(response):
        yield 1
        return

    assert is_generator_with_return_value(bad) and not is_generator_with_return_value(good)


def test_meta_refresh_is_followed_and_not_looked_for_in_a_304():
    from scrapy.http import HtmlResponse

    from gongkai.crawlers.middlewares import BodyMetaRefreshMiddleware

    crawler = get_crawler(Spider)
    crawler.spider = Spider.from_crawler(crawler, "t")
    middleware = BodyMetaRefreshMiddleware.from_crawler(crawler)
    request = Request("http://127.0.0.1/old.htm")
    moved = HtmlResponse(request.url, body=b'<html><head><meta http-equiv="refresh" content="0;url=/new.htm"></head></html>',
                         request=request)
    redirected = middleware.process_response(request, moved)
    assert isinstance(redirected, Request) and redirected.url == "http://127.0.0.1/new.htm"
    not_modified = HtmlResponse(request.url, status=304, body=b"", request=request)
    assert middleware.process_response(request, not_modified) is not_modified


def test_outcome_rows_of_a_sites_older_runs_are_pruned_and_no_other(tmp_path):
    from gongkai.crawlers.state import now_utc

    state = CrawlState(f"sqlite:///{tmp_path / 'state.sqlite3'}")

    def rows(run_id: str, site: str, n: int) -> list[dict]:
        return [{"run_id": run_id, "site": site, "url": f"http://a.test/{site}/{i}.htm", "role": "detail", "outcome": "not_modified",
                 "status": 304, "reason": "", "record_ids": "", "at": now_utc()} for i in range(n)]

    try:
        for number in range(6):  # runs 0..5 of site a; run 2 also crawled site b (one run id for all sites of a run)
            state.start_run(f"run{number}", "a")
            state.add_outcomes(rows(f"run{number}", "a", 3))
        state.start_run("run2", "b")
        state.add_outcomes(rows("run2", "b", 2))
        assert state.prune_outcomes("a", keep=4) == 6  # runs 0 and 1
        assert sorted(state.outcome_counts(f"run{n}", "a").get("not_modified", 0) for n in range(6)) == [0, 0, 3, 3, 3, 3]
        assert state.outcome_counts("run2", "b") == {"not_modified": 2}  # the other site's rows of a shared run id stay
        assert state.prune_outcomes("a", keep=4) == 0 and state.prune_outcomes("b", keep=1) == 0
    finally:
        state.close()


def test_a_crawl_collects_garbage_less_often_and_puts_the_thresholds_back():
    import gc

    from gongkai.crawlers.in_process import CRAWL_GC_THRESHOLD, _fewer_collections

    before = gc.get_threshold()
    with pytest.raises(RuntimeError), _fewer_collections():
        assert gc.get_threshold() == CRAWL_GC_THRESHOLD and CRAWL_GC_THRESHOLD[0] > before[0]
        raise RuntimeError("a crawl that fails")
    assert gc.get_threshold() == before


@pytest.mark.slow
def test_a_crawl_runs_no_remote_control_server(tmp_path):
    # Scrapy's RemoteControl extension (on by default since 2.19) serves code execution on 127.0.0.1 while a crawl
    # runs and names its port and token in a job file under $XDG_STATE_HOME/scrapy/job_files. Looked for every
    # half second during a crawl that takes a few seconds (the fixture site's slow page): never there.
    from gongkai.crawlers.child_process import run_crawl_process
    from gongkai.crawlers.fixture_server import FixtureSites, fixture_sites_dir

    jobs = tmp_path / "state" / "scrapy" / "job_files"
    seen: list[str] = []
    ticks = []
    with FixtureSites.from_folder(fixture_sites_dir(), names=["xm-fgw"], slow_seconds=2.0) as sites:
        home = sites.base_urls["xm-fgw"] + "/"
        [result], _ = run_crawl_process(["--start-url", home, "--max-depth", "5", "--fast"], tmp_path / "data",
                                        env={"XDG_STATE_HOME": str(tmp_path / "state")}, drop_env=("GONGKAI_CONFIG",),
                                        on_tick=lambda: (ticks.append(1), seen.extend(p.name for p in jobs.glob("*.json"))))
    assert result["counts"]["new"] == 10 and len(ticks) >= 4  # the crawl ran, and was looked at while it did
    assert seen == []
