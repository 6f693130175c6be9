"""The fixture sites' server answers like a real CMS: validators, 304, robots.txt, GBK, changes, removals."""

from __future__ import annotations

import time

import httpx
import pytest

from gongkai.crawlers.fixture_server import FixtureSites

FGW_DETAIL = "/xxgk/zfxxgk/202404/t20240418_2843190.htm"
FGW_REMOVED = "/xxgk/zfxxgk/202403/t20240326_2839011.htm"
ZRZY_GONE = "/zwgk/gsgg/202402/t20240220_1005.html"


@pytest.fixture
def sites():
    with FixtureSites.from_folder(slow_seconds=0.3) as running:
        yield running


def test_etag_and_last_modified_give_304(sites):
    base = sites.base_urls["xm-fgw"]
    first = httpx.get(base + FGW_DETAIL)
    assert first.status_code == 200 and "厦门市发展和改革委员会关于开展2024年度节能监察工作的通知" in first.text
    etag, modified = first.headers["ETag"], first.headers["Last-Modified"]
    assert httpx.get(base + FGW_DETAIL, headers={"If-None-Match": etag}).status_code == 304
    assert httpx.get(base + FGW_DETAIL, headers={"If-Modified-Since": modified}).status_code == 304
    assert httpx.get(base + FGW_DETAIL, headers={"If-None-Match": '"other"'}).status_code == 200
    sites.switch("changed")
    changed = httpx.get(base + FGW_DETAIL, headers={"If-None-Match": etag, "If-Modified-Since": modified})
    assert changed.status_code == 200 and "2024年6月28日" in changed.text and changed.headers["ETag"] != etag
    assert httpx.get(base + FGW_REMOVED).status_code == 404


def test_gbk_site_serves_gbk_bytes_and_a_410(sites):
    base = sites.base_urls["xm-zrzy"]
    page = httpx.get(base + "/zwgk/gsgg/index.html")
    assert page.headers["Content-Type"] == "text/html; charset=gbk" and "ETag" not in page.headers
    assert "国有建设用地使用权挂牌出让".encode("gbk") in page.content
    with pytest.raises(UnicodeDecodeError):
        page.content.decode("utf-8")
    assert httpx.get(base + ZRZY_GONE).status_code == 200
    sites.switch("changed")
    assert httpx.get(base + ZRZY_GONE).status_code == 410


def test_robots_slow_flaky_and_the_log(sites):
    base = sites.base_urls["xm-fgw"]
    assert "Disallow: /admin/" in httpx.get(base + "/robots.txt").text
    started = time.monotonic()
    assert httpx.get(base + "/xxgk/zfxxgk/202403/t20240311_2835507.htm").status_code == 200
    assert time.monotonic() - started >= 0.3
    flaky = "/xxgk/zfxxgk/202401/t20240115_2826733.htm"
    assert [httpx.get(base + flaky).status_code for _ in range(3)] == [503, 503, 200]
    assert httpx.get(base + "/no/such/page.htm").status_code == 404
    logged = [(r.path, r.status) for r in sites.requests("xm-fgw")]
    assert (flaky, 503) in logged and ("/no/such/page.htm", 404) in logged


def test_phase_switch_over_http_for_the_demo(sites):
    base = sites.base_urls["sm-gov"]
    assert httpx.get(base + "/__fixture__/phase/changed").status_code == 200
    assert sites.state.phase == "changed"
    assert httpx.get(base + "/__fixture__/phase/bogus").status_code == 400
