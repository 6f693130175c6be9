"""Held-out records of session 14 (clients4) read by clients nobody here wrote: record ids holding the characters an
id may have besides letters and digits (`:` `.` `-` `_`), named by one address at every door (the site's links, the
sitemaps validated against sitemaps.org's XSDs, the Atom feeds as feedparser reads them)."""

from __future__ import annotations

from urllib.parse import quote, urljoin

import feedparser
import httpx
import pytest
from lxml import etree, html

from gongkai.record import Record
from tests import xml_schemas
from tests.support import served_engine

IDS = ["Ab:c.d-e_f", "oai:other.repo:1", "x.atom", "a..b", "0"]
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    records = [Record(id=rid, title=f"编号为{rid}的记录", issuer="厦门市编号局", body=f"编号 {rid}", publish_date=f"2025-03-0{n + 1}", source="heldout4")
               for n, rid in enumerate(IDS)]
    with served_engine(tmp_path_factory.mktemp("heldout4") / "data", records, feeds={"sitemap_page_size": 2}) as (engine, base):
        engine.settings.feeds = engine.settings.feeds.model_copy(update={"public_base_url": base})
        with httpx.Client(base_url=base, timeout=20) as client:
            yield {"base": base, "client": client}


def site_links(site) -> set[str]:
    """The record pages' addresses as the site's own search page links them (absolute)."""
    page = html.fromstring(site["client"].get("/search", params={"issuer": "厦门市编号局"}).content)
    return {urljoin(site["base"] + "/", href.split("?")[0]) for href in page.xpath("//a/@href") if "/documents/" in href}


def test_the_sitemaps_name_each_page_by_the_address_the_site_links(site):
    """`:` was written `%3A` in the sitemaps and feeds, and the site links `/documents/Ab:c.d-e_f`: a reserved character and
    its percent-encoding make two URIs (RFC 3986 §6.2.2.2), so a crawler was given a second address of each such page."""
    xml_schemas.require("sitemap.xsd", "siteindex.xsd")
    index = site["client"].get("/sitemap.xml").content
    assert xml_schemas.errors(xml_schemas.siteindex(), index) == []
    locs = []
    for loc in etree.fromstring(index).iter(f"{SM}loc"):
        page = site["client"].get(loc.text.removeprefix(site["base"])).content
        assert xml_schemas.errors(xml_schemas.sitemap(), page) == []
        locs += [node.text for node in etree.fromstring(page).iter(f"{SM}loc")]
    assert sorted(locs) == sorted(site_links(site)) == sorted(f"{site['base']}/documents/{rid}" for rid in IDS)


def test_the_feed_links_each_entry_by_the_address_the_site_links(site):
    feed = feedparser.parse(site["client"].get("/feeds/issuer/" + quote("厦门市编号局") + ".atom").content)
    assert not feed.bozo
    assert {entry.link for entry in feed.entries} == site_links(site)
    assert all(site["client"].get(entry.link.removeprefix(site["base"])).status_code == 200 for entry in feed.entries)
