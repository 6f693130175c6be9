"""`gongkai sources check SITE`: for an operator adding a site definition.

Fetches one list page and the first detail page it links to (honouring robots.txt, with the
crawler's User-Agent, no crawl state, nothing stored), parses the detail page with the same parser
and the same loaded settings (crawl.user_agent, parsers.*) as the crawl, and reports what was found:
the detail links, the next-page link, the record's fields, the attachments. A newspaper gets the
issue page of the given day and its first notice column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx
from scrapy.selector import Selector

from gongkai.crawlers.disclosure_spider import MAX_FRAMES, detail_hrefs, framed_document, framed_pages
from gongkai.crawlers.json_lists import ApiRequest, answer_links, answer_of, api_request, next_request
from gongkai.crawlers.list_links import PostBack, next_list_target, page_base, script_calls
from gongkai.crawlers.list_scripts import has_datastore, jpage_first_group, rendered_list
from gongkai.crawlers.loaded_scripts import MAX_SCRIPTS, loaded_script_urls, page_script_urls
from gongkai.crawlers.pagetext import says_not_found
from gongkai.crawlers.sitedef import AnySite, DisclosureSite, NewspaperSite, parser_settings
from gongkai.dates import beijing_today
from gongkai.parsers import Capture, ParseError, parse, parse_notices
from gongkai.settings import Settings


@dataclass
class CheckReport:
    site: str
    list_url: str = ""
    list_status: int = 0
    detail_links: list[str] = field(default_factory=list)
    next_page: str = ""
    detail_url: str = ""
    detail_status: int = 0
    fields: dict[str, Any] = field(default_factory=dict)
    records: int = 0  # a newspaper column: notices found
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


class _Fetcher:
    def __init__(self, timeout: float, user_agent: str) -> None:
        self.user_agent = user_agent
        self.client = httpx.Client(headers={"User-Agent": user_agent}, timeout=timeout, follow_redirects=True)
        self.robots: dict[str, RobotFileParser] = {}

    def get(self, url: str, api: ApiRequest | None = None) -> httpx.Response:
        """GET the URL, or send a JSON list's API request (`api`, for that URL) as a crawl does."""
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self.robots:
            parser = RobotFileParser()
            try:
                answer = self.client.get(origin + "/robots.txt")
                parser.parse(answer.text.splitlines() if answer.status_code == 200 else [])
            except httpx.HTTPError:
                parser.parse([])
            self.robots[origin] = parser
        if not self.robots[origin].can_fetch(self.user_agent, url):
            raise PermissionError(f"robots.txt of {origin} forbids {url}")
        if api is not None and api.method == "POST":
            return self.client.post(url, content=api.body, headers={"Content-Type": api.content_type})
        return self.client.get(url)

    def close(self) -> None:
        self.client.close()


def check_site(site: AnySite, settings: Settings, day: date | None = None) -> CheckReport:
    """The report of one site, fetched and parsed as a crawl with these (the loaded) settings would."""
    fetcher = _Fetcher(site.politeness.timeout_seconds, settings.crawl.user_agent)
    try:
        if isinstance(site, NewspaperSite):
            return _check_newspaper(site, day or beijing_today(), fetcher, settings)  # editions go by Beijing's day
        return _check_disclosure(site, fetcher, settings)
    finally:
        fetcher.close()


def _fetch(fetcher: _Fetcher, url: str, report: CheckReport, api: ApiRequest | None = None) -> httpx.Response | None:
    try:
        return fetcher.get(url, api)
    except PermissionError as exc:
        report.problems.append(str(exc))
    except httpx.HTTPError as exc:
        report.problems.append(f"{url}: {type(exc).__name__}: {exc}")
    return None


def _loaded_scripts(page: Any, page_url: str, site: DisclosureSite, fetcher: _Fetcher, report: CheckReport) -> str:
    """The text of the page's own .js files when its rows or 下一页 call a function the page does not hold
    (crawlers/loaded_scripts.py)."""
    if not script_calls(page, site.detail_links, "" if site.page_url else site.next_page):
        return ""
    texts: list[str] = []
    urls = page_script_urls(page, page_url)
    for url in urls:  # grows as it goes: a file's own loads are read after it, as a crawl reads them
        if len(texts) >= MAX_SCRIPTS:
            break
        answer = _fetch(fetcher, url, report)
        if answer is not None and answer.status_code == 200:
            texts.append(answer.text)
            urls += [more for more in loaded_script_urls(answer.text, url) if more not in urls]
    return "\n".join(texts)


def _check_disclosure(site: DisclosureSite, fetcher: _Fetcher, settings: Settings) -> CheckReport:
    report = CheckReport(site.name, list_url=site.absolute_start_urls[0])
    spec = site.json_list
    api = api_request(spec, site.base_url, spec.first_page) if spec is not None else None
    listing = _fetch(fetcher, report.list_url, report, api)
    if listing is None:
        return report
    report.list_status = listing.status_code
    if listing.status_code != 200:
        report.problems.append(f"the list page answered HTTP {listing.status_code}")
        return report
    pattern = re.compile(site.detail_url_pattern) if site.detail_url_pattern else None
    if spec is not None and api is not None:  # a JSON list: its rows as a crawl reads them (crawlers/json_lists.py)
        answer = answer_of(listing.content)
        if answer is None:
            report.problems.append("the list API answered no JSON")
            return report
        # the rows as a crawl reads them: JSON rows, or an HTML fragment's by the definition's selector
        rows, found = answer_links(spec, answer, lambda fragment: [(href, None) for _, href in detail_hrefs(Selector(text=fragment), site)])
        if not rows:
            where = f"json_list.html {spec.html!r} found no link of detail_links {site.detail_links!r}" if spec.html \
                else f"json_list.rows {spec.rows!r} found no rows"
            report.problems.append(f"{where} in the answer")
        links = [link for link, _ in found]
        if rows and not links:
            report.problems.append(f"json_list.link {spec.link!r} gave no URL for any row")
        page: Any = None
        hrefs = links
        next_api = next_request(spec, site.base_url, api, rows, answer)
        if next_api is not None:
            report.next_page = f"{next_api.method} {next_api.url}" + (f" {next_api.body.decode()}" if next_api.body else "")
    else:
        # A Hanweb list's rows are written in by a script: the check reads them as a crawl does (crawlers/list_scripts.py).
        page = Selector(text=rendered_list(listing.text) if has_datastore(listing.text) else listing.text)
        scripts = _loaded_scripts(page, str(listing.url), site, fetcher, report)  # functions in a .js file, as a crawl reads them
        hrefs = [href for _, href in detail_hrefs(page, site, scripts)]
        if not hrefs:  # a list in a frame of the page (an older site): read as a crawl does (disclosure_spider.framed_pages)
            for framed_url in framed_pages(page, str(listing.url)):
                framed = _fetch(fetcher, framed_url, report)
                if framed is not None and framed.status_code == 200:
                    hrefs = [urljoin(framed_url, href) for _, href in detail_hrefs(Selector(text=framed.text), site)]
                    if hrefs:
                        break
    base = site.base_url + "/" if spec is not None and site.base_url else page_base(page, str(listing.url))
    for href in hrefs:
        url = urljoin(base, href)
        if (not pattern or pattern.search(url)) and url not in report.detail_links:
            report.detail_links.append(url)
    group = jpage_first_group(str(listing.url), listing.text) if page is not None and has_datastore(listing.text) else None
    if group is not None:  # a Hanweb list: its next rows come from the proxy (crawlers/list_scripts.py)
        report.next_page = f"POST {group.url}"
    elif page is not None:  # read as a crawl reads it: a link, a clicked row, a pager script, a postback (crawlers/list_links.py)
        following = next_list_target(page, str(listing.url), listing.text + "\n" + scripts, site.next_page, site.page_url, 1)
        report.next_page = following.label if isinstance(following, PostBack) else (following or "")
        if site.next_page and following is None and not page.css(site.next_page):
            report.problems.append(f"next_page {site.next_page!r} matched no link on the first list page")
    if not report.detail_links and spec is not None:
        report.problems.append("the JSON list gave no detail link" + (f" matching {site.detail_url_pattern!r}" if pattern else ""))
        return report
    if not report.detail_links:
        report.problems.append(f"detail_links {site.detail_links!r} found no detail link" + (f" matching {site.detail_url_pattern!r}" if pattern else ""))
        return report
    report.detail_url = report.detail_links[0]
    detail = _fetch(fetcher, report.detail_url, report)
    if detail is None:
        return report
    report.detail_status = detail.status_code
    if detail.status_code != 200:
        report.problems.append(f"the detail page answered HTTP {detail.status_code}")
        return report
    content_type = detail.headers.get("content-type", "")
    if says_not_found(detail.content, content_type):
        report.problems.append("the detail page answered 200 with a 页面不存在 page (a crawl takes it as a 404)")
        return report
    data = detail.content
    # its 信息索引 card in a frame on its host: written into the page as a crawl writes it (DisclosureSpider.read_detail)
    frames: dict[str, str] = {}
    for url in framed_pages(Selector(text=detail.text), str(detail.url))[:MAX_FRAMES]:
        answer = _fetch(fetcher, url, report)
        if answer is not None and answer.status_code == 200:
            frames[url] = answer.text
    if frames:
        data = framed_document(detail.text, str(detail.url), detail.encoding or "utf-8", frames)
    capture = Capture(data=data, url=str(detail.url), content_type=content_type, source=site.source)
    try:
        record = parse(capture, parser_settings(settings.parsers, [site]))
    except ParseError as exc:
        report.problems.append(f"the detail page does not parse: {exc.reason}")
        return report
    report.fields = _fields(record)
    report.records = 1
    for name in ("index_number", "issuer", "publish_date"):
        if not report.fields.get(name):
            report.problems.append(f"no {name} found on the detail page (label_overrides may help)")
    return report


def _check_newspaper(site: NewspaperSite, day: date, fetcher: _Fetcher, settings: Settings) -> CheckReport:
    report = CheckReport(site.name, list_url=site.issue_url_for(day))
    issue = _fetch(fetcher, report.list_url, report)
    if issue is None:
        return report
    report.list_status = issue.status_code
    if issue.status_code != 200:
        report.problems.append(f"no issue for {day}: HTTP {issue.status_code}")
        return report
    pages = Selector(text=issue.text).css(site.page_links)
    candidates = []
    for anchor in pages:
        name = " ".join(anchor.css("::text").getall())
        url = urljoin(str(issue.url), anchor.attrib.get("href", ""))
        report.detail_links.append(f"{name.strip()} {url}")
        if re.search(site.notice_pages, name):
            candidates.append(url)
    if not candidates:
        report.problems.append(f"no page of the issue matches notice_pages {site.notice_pages!r}")
        return report
    page = _fetch(fetcher, candidates[0], report)
    if page is None:
        return report
    articles = Selector(text=page.text).css(site.article_links).xpath("@href").getall()
    if not articles:
        report.problems.append(f"article_links {site.article_links!r} found no article on {candidates[0]}")
        return report
    report.detail_url = urljoin(str(page.url), articles[0])
    article = _fetch(fetcher, report.detail_url, report)
    if article is None:
        return report
    report.detail_status = article.status_code
    try:
        records = parse_notices(Capture(data=article.content, url=str(article.url), content_type=article.headers.get("content-type", ""),
                                        source=site.source, sidecar={"publish_date": day.isoformat()}), settings.parsers)
    except ParseError as exc:
        report.problems.append(f"the column does not split into notices: {exc.reason}")
        return report
    report.records = len(records)
    if records:
        report.fields = _fields(records[0])
    else:
        report.problems.append("the notice splitter found no notice in the first column")
    return report


def _fields(record: Any) -> dict[str, Any]:
    data = record.model_dump(mode="json", exclude={"body", "content_hash", "first_seen", "last_seen", "version", "withdrawn"})
    data["body"] = (record.body[:120] + "…") if len(record.body) > 120 else record.body
    return {k: v for k, v in data.items() if v not in (None, "", [], {})}
