"""Polling the RSS/Atom feeds of agencies (settings feeds.agency_feeds).

For each feed: a conditional GET (ETag / Last-Modified kept per feed in the store's meta table),
a safety check of the XML by the one rule for XML from outside (gongkai.xml_safety: a
billion-laughs, XXE or XInclude feed is refused and quarantined), parsing with feedparser, then for every
entry not seen before (or updated since) a fetch of the linked page or file, handed with the
entry's title and date as sidecar to the one ingest path (an ingest session, gongkai.ingest_session).

Entries are remembered only after their records are stored, and the feed's validators only when
no entry failed for a passing reason (timeout, 5xx): otherwise a 304 would hide that entry forever.
A link that answers 404/410/… is quarantined with the reason, once.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

import feedparser
import httpx

from gongkai.errors import StoreError
from gongkai.feed_files import item_day
from gongkai.ingest import IngestItem, ItemResult
from gongkai.json_feed import read_json_feed
from gongkai.uris import is_web_url
from gongkai.xml_safety import unsafe_xml_reason

if TYPE_CHECKING:
    from gongkai.engine import Engine
    from gongkai.ingest_session import IngestSession
    from gongkai.settings import AgencyFeed

log = logging.getLogger("gongkai.feeds.poll")

SEEN_LIMIT = 5000  # entry keys remembered per feed
PERMANENT_FAILURES = frozenset({400, 401, 403, 404, 410, 451})


class UnsafeFeed(ValueError):
    """The feed's XML declares entities or external references; it is not parsed."""


@dataclass
class PollReport:
    feeds: int = 0
    not_modified: int = 0
    entries: int = 0  # entries new or updated since the last poll
    counts: Counter[str] = field(default_factory=Counter)  # ingest outcomes
    errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "feeds": self.feeds,
            "not_modified": self.not_modified,
            "entries": self.entries,
            **{k: self.counts.get(k, 0) for k in ("new", "updated", "unchanged", "quarantined")},
            "errors": self.errors,
        }


def check_xml_safety(data: bytes) -> None:
    """Raise UnsafeFeed for what the one rule for XML from outside refuses (gongkai.xml_safety: entity declarations,
    external entity references, XInclude); a DOCTYPE that declares nothing is read, its DTD never fetched."""
    if (reason := unsafe_xml_reason(data)) is not None:
        raise UnsafeFeed(reason)


_DECLARED_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["'][^>]*\?>""")


def _undeclared_gb18030(data: bytes, content_type: str) -> tuple[bytes, str]:
    """A feed that names no encoding (no XML declaration's, no BOM, no charset in `Content-Type`), or names UTF-8, and
    is not UTF-8, read by the record files' rule: GB18030, returned as UTF-8 so labelled (doors8: a Chinese CMS serving
    its GBK feed as `text/xml`, or from a template declaring UTF-8, had every entry's title, which wins over its page's,
    stored as latin-1 mojibake, 厦门市… as ÏÃÃÅÊÐ…). A feed that is mostly UTF-8 with a stray bad byte stays UTF-8 (its
    characters of three bytes outnumber the bytes UTF-8 refuses); another named encoding is left as it is."""
    declared = _DECLARED_ENCODING.match(data)
    charset = next((part.partition("=")[2].strip().strip('"').lower() for part in content_type.split(";")[1:]
                    if part.strip().lower().startswith("charset=")), None)
    named = charset or (declared.group(1).decode("ascii").lower() if declared else None)
    if named not in (None, "utf-8", "utf8") or data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return data, content_type
    try:
        data.decode("utf-8")
        return data, content_type
    except UnicodeDecodeError:
        pass
    as_utf8 = data.decode("utf-8", "replace")
    if sum(1 for c in as_utf8 if "\u0800" <= c < "\ufffd") >= as_utf8.count("\ufffd"):
        return data, content_type
    try:
        text = (data[declared.end():] if declared else data).decode("gb18030")
    except UnicodeDecodeError:
        return data, content_type
    head = '<?xml version="1.0" encoding="utf-8"?>' if declared else ""
    return (head + text).encode("utf-8"), f"{content_type.split(';')[0].strip() or 'application/xml'}; charset=utf-8"


class FeedPoller:
    def __init__(self, engine: Engine, client: httpx.Client | None = None) -> None:
        self.engine = engine
        self.max_bytes = engine.settings.parsers.max_file_bytes
        self._client = client or httpx.Client(
            timeout=engine.settings.feeds.poll_timeout_seconds, follow_redirects=True,
            # the one configured User-Agent (crawl.user_agent): agencies see the same name from the crawler and the poller
            headers={"User-Agent": engine.settings.crawl.user_agent},
        )
        self._own_client = client is None

    def close(self) -> None:
        if self._own_client:
            self._client.close()

    def __enter__(self) -> FeedPoller:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def poll_all(self) -> PollReport:
        report = PollReport()
        for feed in self.engine.settings.feeds.agency_feeds:
            try:
                self.poll(feed, report)
            except StoreError:
                raise  # the store is down: the run fails as a whole (the job says so), not feed by feed
            except Exception as exc:  # one feed's surprise must not keep the feeds after it from being polled
                log.exception("polling %s (%s) failed", feed.name, feed.url)
                report.errors.append(f"{feed.name}: polling failed: {type(exc).__name__}: {exc}")
        return report

    def poll(self, feed: AgencyFeed, report: PollReport | None = None) -> PollReport:
        report = report if report is not None else PollReport()
        report.feeds += 1
        state = self._load_state(feed.url)
        headers = {}
        if state.get("etag"):
            headers["If-None-Match"] = state["etag"]
        if state.get("modified"):
            headers["If-Modified-Since"] = state["modified"]
        try:
            status, data, response_headers = self._get(feed.url, headers)
        except (httpx.HTTPError, TooLarge) as exc:
            report.errors.append(f"{feed.name}: cannot fetch the feed: {exc}")
            return report
        if status == 304:
            report.not_modified += 1
            return report
        if status >= 400:
            report.errors.append(f"{feed.name}: the feed answered HTTP {status}")
            return report
        validators = {"etag": response_headers.get("etag"), "modified": response_headers.get("last-modified")}
        source = f"feed:{feed.name}"
        parsed: Any = read_json_feed(data, feed.url)  # a JSON Feed's items as feedparser's entries (gongkai/json_feed.py)
        if parsed is None:
            try:
                check_xml_safety(data)
            except UnsafeFeed as exc:
                self.engine.store.quarantine(input_ref=feed.url, reason=f"{feed.url}: {exc}", payload=data, source=source)
                report.counts["quarantined"] += 1
                report.errors.append(f"{feed.name}: {exc}")
                self._save_state(feed.url, {**state, **validators})  # the same bytes are not quarantined again
                return report
            data, content_type = _undeclared_gb18030(data, response_headers.get("content-type", "application/xml"))
            parsed = feedparser.parse(data, response_headers={"content-location": feed.url, "content-type": content_type})
            if parsed.bozo and not parsed.entries:
                report.errors.append(f"{feed.name}: not a readable RSS, Atom or JSON feed: {parsed.get('bozo_exception')}")
                return report

        seen: dict[str, str] = dict(state.get("seen", {}))
        fresh = [(key, stamp, entry) for key, stamp, entry in _entries(parsed) if seen.get(key) != stamp]
        report.entries += len(fresh)
        transient_failures = 0
        done: dict[str, str] = {}

        def items(session: IngestSession) -> Iterator[IngestItem]:
            nonlocal transient_failures
            for key, stamp, entry in fresh:
                produced = list(self._entry_items(feed, entry, source, report, session))
                if None in produced:
                    transient_failures += 1
                    continue
                done[key] = stamp
                yield from (item for item in produced if item is not None)  # (none is: checked above)

        def collect(result: ItemResult) -> None:
            report.counts[result.status] += 1

        # One session for the feed's entries: one parser pool (kept between entries), one index commit.
        with self.engine.ingest_session(on_item=collect) as session:
            session.ingest(items(session))
        seen.update(done)
        new_state: dict[str, Any] = {"seen": dict(list(seen.items())[-SEEN_LIMIT:])}
        new_state.update(validators if not transient_failures else {"etag": None, "modified": None})
        self._save_state(feed.url, new_state)
        return report

    # ------------------------------------------------------------------------------ entries

    def _entry_items(
        self, feed: AgencyFeed, entry: Any, source: str, report: PollReport, session: IngestSession
    ) -> Iterator[IngestItem | None]:
        """The entry's ingest items; a single None when it failed for a passing reason (retry later)."""
        from gongkai.parsers import Capture, passing_error_page

        link = str(entry.get("link") or "")
        sidecar = _entry_fields(entry, link)
        ref = link or f"{feed.url}#{entry.get('id') or entry.get('title', '')}"
        if is_web_url(link):
            try:
                status, data, headers = self._get(link, {})
            except TooLarge as exc:
                yield IngestItem(ref, error=f"{ref}: {exc}", payload=json.dumps(sidecar, ensure_ascii=False), source=source)
                return
            except httpx.HTTPError as exc:
                report.errors.append(f"{feed.name}: {link}: {type(exc).__name__}: {exc}; retried at the next poll")
                yield None
                return
            if status in PERMANENT_FAILURES:
                yield IngestItem(ref, error=f"{ref}: the linked page answered HTTP {status}", payload=json.dumps(sidecar, ensure_ascii=False), source=source)
                return
            if status >= 300:
                report.errors.append(f"{feed.name}: {link}: HTTP {status}; retried at the next poll")
                yield None
                return
            if (passing := passing_error_page(data)) is not None:
                # a proxy's 504 page answered 200 while the site is overloaded: a 5xx in all but its status line; it was
                # quarantined, the entry marked seen and its page never fetched (doors10)
                report.errors.append(f"{feed.name}: {link}: answered HTTP 200 with an error page ({passing}); retried at the next poll")
                yield None
                return
            capture = Capture(
                data=data,
                url=link,
                content_type=headers.get("content-type", ""),
                filename=_filename(link),
                source=source,
                fetched_at=datetime.now(UTC),
                sidecar=sidecar,
            )
        else:
            content = entry.get("content") or [{}]
            html = content[0].get("value") or entry.get("summary") or ""
            if not html.strip():
                yield IngestItem(ref, error=f"{ref}: the feed entry has neither a link nor content", payload=json.dumps(sidecar, ensure_ascii=False), source=source)
                return
            capture = Capture(data=html.encode("utf-8"), url="", content_type="text/html; charset=utf-8", filename="entry.html", source=source, fetched_at=datetime.now(UTC), sidecar=sidecar)
        # Documents are parsed in a worker process killed after settings.parsers.timeout_seconds, so a hostile
        # page or PDF cannot hang the scheduler's job (notice columns are always parsed in-process).
        yield from session.capture_items([capture], notices=feed.notices, parallel=True)

    # --------------------------------------------------------------------------------- http

    def _get(self, url: str, headers: dict[str, str]) -> tuple[int, bytes, httpx.Headers]:
        with self._client.stream("GET", url, headers=headers) as response:
            declared = response.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > self.max_bytes:
                raise TooLarge(f"{url} is {declared} bytes, over the limit of {self.max_bytes}")
            chunks, size = [], 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > self.max_bytes:
                    raise TooLarge(f"{url} is over the limit of {self.max_bytes} bytes")
                chunks.append(chunk)
            return response.status_code, b"".join(chunks), response.headers

    # -------------------------------------------------------------------------------- state

    def _key(self, url: str) -> str:
        return "feeds:poll:" + hashlib.sha256(url.encode("utf-8")).hexdigest()[:24]

    def _load_state(self, url: str) -> dict[str, Any]:
        raw = self.engine.store.meta_get(self._key(url))
        try:
            return json.loads(raw) if raw else {}
        except json.JSONDecodeError:
            return {}

    def _save_state(self, url: str, state: dict[str, Any]) -> None:
        self.engine.store.meta_set(self._key(url), json.dumps({"url": url, **state}, ensure_ascii=False))


class TooLarge(ValueError):
    pass


def poll_feeds(engine: Engine) -> PollReport:
    """Poll every feed in settings.feeds.agency_feeds once."""
    with FeedPoller(engine) as poller:
        return poller.poll_all()


def _entries(parsed: Any) -> Iterator[tuple[str, str, Any]]:
    for entry in parsed.entries:
        key = str(entry.get("id") or entry.get("link") or hashlib.sha256(json.dumps(entry.get("title", ""), ensure_ascii=False).encode()).hexdigest())
        # dict.get: FeedParserDict maps a missing `updated` to `published` with a deprecation warning
        stamp = str(dict.get(entry, "updated") or dict.get(entry, "published") or "")
        yield key, stamp, entry


def _entry_fields(entry: Any, link: str) -> dict[str, Any]:
    """What the feed says about the document; these fields win over what the page yields."""
    fields: dict[str, Any] = {}
    title = str(entry.get("title") or "").strip()
    if title:
        fields["title"] = title
    day = item_day(str(dict.get(entry, "published") or dict.get(entry, "updated") or ""))
    parsed = dict.get(entry, "published_parsed") or dict.get(entry, "updated_parsed")
    if day is None and parsed:
        day = date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
    if day is not None:
        fields["publish_date"] = day.isoformat()
    if link:
        fields["url"] = link
    return fields


def _filename(url: str) -> str:
    name = unquote(urlsplit(url).path.rsplit("/", 1)[-1])
    return name or "index.html"
