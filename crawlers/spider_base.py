"""What every gongkai spider shares: incremental fetching of documents and the error bookkeeping.

A document URL (detail page, attachment, newspaper article) is requested conditionally when it is
known (If-None-Match / If-Modified-Since from the crawl state). The answer decides the item:
  304, or 200 with the same body hash   -> unchanged (FetchItem: state only, nothing parsed)
  200 with a new body                   -> CaptureItem (the ingest path parses and stores it)
  404/410 of a page that made a record  -> WithdrawItem (the record becomes a tombstone)
  404/410 of an unknown page, timeouts, refused connections, robots.txt -> counted as errors by kind.
A page's attachment links are read when its bytes are new and remembered in the crawl state; when it is not
parsed (304, same bytes) the remembered ones are requested again, conditionally (`remembered_attachments`).
Every URL also gets an outcome row with its reason (crawlers.outcomes: `note`, `skip`), so an operator can
name what a run did with each one; links decided against are noted too.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from functools import lru_cache
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote_plus, urlsplit

import scrapy
import tldextract
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.response import get_base_url
from twisted.internet.error import ConnectError, DNSLookupError, TCPTimedOutError
from twisted.internet.error import TimeoutError as TwistedTimeoutError

from gongkai.crawlers.items import CaptureItem, FetchItem, Validators, WithdrawItem
from gongkai.crawlers.outcomes import OutcomeLog, outcome_of_error
from gongkai.crawlers.pagetext import says_not_found
from gongkai.crawlers.state import CrawlState, PageState, url_key
from gongkai.crawlers.stats import RunStats
from gongkai.parsers import Capture
from gongkai.parsers.file_links import download_name, file_kind, file_links
from gongkai.parsers.registry import attachment_extensions

if TYPE_CHECKING:  # for annotations only: at run time the engine is handed in, never imported here
    from gongkai.engine import Engine
    from gongkai.ingest_session import IngestSession

logger = logging.getLogger(__name__)

DOCUMENT_STATUSES = [304, 404, 410]


def header_text(response: Response, name: str) -> str:
    """A response header as text ('' when absent); header bytes are Latin-1 by HTTP's rules."""
    return (response.headers.get(name) or b"").decode("latin-1")


@lru_cache(maxsize=1)
def _public_suffixes() -> tldextract.TLDExtract:
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)  # the list bundled with it: no fetch, no cache file


def _same_registrable(host: str, domain: str) -> bool:
    """Both under one registrable domain (x.gov.cn: gov.cn is a public suffix); never for IPs or single labels."""
    extract = _public_suffixes()
    mine, theirs = extract(host), extract(domain.lstrip("."))
    return bool(mine.suffix) and bool(mine.domain) and (mine.domain, mine.suffix) == (theirs.domain, theirs.suffix)


class GongkaiSpider(scrapy.Spider):
    """Base: set by the runner through spider kwargs: engine, crawl_state, run_stats, site_name, source,
    ingest_session, max_pages (0: no limit), on_event (optional callback for live progress)."""

    engine: Engine
    crawl_state: CrawlState
    run_stats: RunStats
    site_name: str
    source: str = ""
    max_pages: int = 0
    on_event: Callable[[str, dict[str, Any]], None] | None = None
    ingest_executor: Any = None  # the run's one database thread (see in_process.run_jobs)
    ingest_session: IngestSession | None = None  # the run's one ingest session, used on that thread (see in_process.run_jobs)
    outcome_log: OutcomeLog | None = None  # per-URL outcomes of this run (see crawlers.outcomes)

    TOUCH_BATCH = 500

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.known: dict[str, PageState] = self.crawl_state.pages_of(self.site_name)
        self.requested: set[str] = set()  # canonical URLs of documents already requested in this run
        self.documents_requested = 0
        self.touched: list[str] = []  # 304s of known pages, written in bulk

    def touch_later(self, url: str) -> None:
        """A 304 whose validators we already hold: only its 'last checked' changes. Bulk-written on the
        run's database thread, without an item going through Scrapy's pipeline (the main cost of a re-crawl)."""
        self.touched.append(url_key(url))
        if len(self.touched) >= self.TOUCH_BATCH:
            self.flush_touched()

    def flush_touched(self) -> None:
        keys, self.touched = self.touched, []
        if keys:
            self.ingest_executor.submit(_touch_quietly, self.crawl_state, keys, self.run_stats)

    def closed(self, reason: str) -> None:
        self.flush_touched()

    # ------------------------------------------------------------------ outcomes
    def note(self, url: str, outcome: str, **fields: Any) -> None:
        """This URL's outcome in this run (crawlers.outcomes)."""
        if self.outcome_log is not None:
            self.outcome_log.note(url, outcome, **fields)

    def skip(self, url: str, reason: str, *, outcome: str = "skipped", role: str = "link") -> None:
        """A link the crawler decides not to fetch, named once per run with the reason."""
        if self.outcome_log is not None and not self.outcome_log.seen(url):
            self.outcome_log.note(url, outcome, role=role, reason=reason)

    def will_request(self, url: str) -> None:
        if self.outcome_log is not None:
            self.outcome_log.requested(url)

    # ------------------------------------------------------------------ requests
    def _on_site(self, url: str) -> bool:
        """Is the URL's host one of the spider's allowed_domains, under one, or of one's registrable domain (no domains:
        every host is)? An agency's site keeps its disclosure documents on a sibling host (www.x.gov.cn lists
        xxgk.x.gov.cn's): the same agency; another agency's is another registrable domain (jyt.fujian.gov.cn from
        www.fjnj.gov.cn) (review21b: siblings were skipped)."""
        domains = self._domains()
        host = (urlsplit(url).hostname or "").lower()
        return not domains or any(host == d or host.endswith("." + d) or _same_registrable(host, d) for d in domains)

    def _domains(self) -> list[str]:
        return [str(d).lower() for d in getattr(self, "allowed_domains", None) or ()]

    def budget_left(self) -> bool:
        return not self.max_pages or self.documents_requested < self.max_pages

    def document_request(self, url: str, callback: Callable[..., Any], role: str = "detail", **meta: Any) -> scrapy.Request | None:
        """A conditional request for a document URL, or None when already requested or over budget
        (then noted: over_limit)."""
        key = url_key(url)
        if key in self.requested:
            return None
        if role == "detail" and not self._on_site(url):
            # Scrapy's offsite filter passes dont_filter requests: a list's row into another agency's site (福建省教育厅信息公开)
            # was fetched as the site's document (crawl8); a site's files may still sit on another host
            self.skip(url, f"another host: not in the site's domains {', '.join(self._domains())}", role=role)
            return None
        if role == "detail" and not self.budget_left():
            self.skip(url, f"max_pages={self.max_pages} reached: not fetched", outcome="over_limit", role=role)
            return None
        self.requested.add(key)
        self.will_request(url)
        if role == "detail":
            self.documents_requested += 1
        known = self.known.get(key)
        headers = known.conditional_headers() if known and known.last_status in (200, 304) else {}
        meta.update(role=role, handle_httpstatus_list=DOCUMENT_STATUSES)
        return scrapy.Request(url, callback=callback, errback=self.on_error, headers=headers, meta=meta, dont_filter=True)

    def list_request(self, url: str, callback: Callable[..., Any], **meta: Any) -> scrapy.Request:
        """List pages are fetched every time: that is where new documents show up."""
        self.will_request(url)
        meta.setdefault("listing", True)
        return scrapy.Request(url, callback=callback, errback=self.on_error, meta=meta)

    # ------------------------------------------------------------------ responses
    def count_response(self, response: Response) -> None:
        self.run_stats.add(pages=1, downloaded_bytes=len(response.body))
        self.emit("page", {"url": response.url, "status": response.status})
        self._note_redirects(response.meta, response.url)
        if response.meta.get("listing"):
            self.note(response.url, "listed", role="list", status=response.status, reason=_posted(response.request))

    def _note_redirects(self, meta: Any, final_url: str) -> None:
        """Each URL that redirected on the way to `final_url` (Scrapy's redirect_urls, with their statuses)."""
        chain = list(meta.get("redirect_urls") or [])
        statuses = list(meta.get("redirect_reasons") or [])
        for n, url in enumerate(chain):
            target = chain[n + 1] if n + 1 < len(chain) else final_url
            status = statuses[n] if n < len(statuses) and isinstance(statuses[n], int) else 0
            self.note(url, "redirected", role=meta.get("role", ""), status=status, reason=f"to {target}")

    def document_outcome(
        self, response: Response, *, notices: bool = False, sidecar: dict[str, Any] | None = None, parent_url: str = "",
        attachment_links: tuple[tuple[str, str], ...] | None = None,
    ) -> Iterator[Any]:
        """The item for a fetched document; yields nothing more. See the module docstring."""
        role = response.meta.get("role", "detail")
        key = url_key(response.url)
        asked = response.request.url if response.request is not None else response.url  # before redirects
        known = self.known.get(key) or self.known.get(url_key(asked))
        if response.status == 304:
            self.run_stats.add(not_modified=1)
            self.run_stats.outcome("unchanged", max(1, len(known.record_ids)) if known else 1)
            # A 304 need not repeat the validators: keep the ones we have when it does not.
            fresh = self._validators(response, known.content_sha256 if known else "")
            if known:
                fresh.etag, fresh.last_modified = fresh.etag or known.etag, fresh.last_modified or known.last_modified
            same = known is not None and (fresh.etag, fresh.last_modified) == (known.etag, known.last_modified)
            self.emit("record", {"url": response.url, "status": "unchanged", "id": None, "error": None})
            self.note(response.url, "not_modified", role=role, status=304, record_ids=known.record_ids if known else ())
            if same and self.ingest_executor is not None:
                self.touch_later(response.url)
            else:
                yield FetchItem(response.url, 304, "unchanged", role, fresh, known=same)
            return
        # a "页面不存在" page answered 200 (a CMS's soft 404) is a 404: no record of it, and a document that was there is gone
        soft = response.status == 200 and role == "detail" and says_not_found(response.body, header_text(response, "Content-Type"))
        if response.status in (404, 410) or soft:
            status = 404 if soft else response.status
            if known and known.known_record:
                yield WithdrawItem(response.url, status, known.record_ids, role)
            else:
                kind = "not_found_page" if soft else f"http_{status}"
                self.run_stats.error(kind)
                self.emit("error", {"url": response.url, "kind": kind})
                self.note(response.url, "missing", role=role, status=response.status,
                          reason=("a 页面不存在 page answered 200" if soft else kind)
                          + (f", linked from {response.meta['parent_url']}" if response.meta.get("parent_url") else ""))
                yield FetchItem(response.url, status, "error", role)
            return
        # a page with its frames written in is known by its own bytes (page_sha256), not by the composed ones
        sha = response.meta.get("page_sha256") or hashlib.sha256(response.body).hexdigest()
        validators = self._validators(response, sha)
        if known and known.content_sha256 == sha and known.last_outcome != "withdrawn":
            self.run_stats.add(same_hash=1)
            self.run_stats.outcome("unchanged", max(1, len(known.record_ids)))
            self.emit("record", {"url": response.url, "status": "unchanged", "id": None, "error": None})
            self.note(response.url, "unchanged", role=role, status=response.status, reason="same bytes as the last crawl",
                      record_ids=known.record_ids)
            yield FetchItem(response.url, response.status, "unchanged", role, validators)
            return
        capture = Capture(
            data=response.body,
            url=response.url,
            content_type=header_text(response, "Content-Type"),
            filename=download_name(response.url, response.headers.get("Content-Disposition") or b"", response.meta.get("link_text", "")),
            source=self.source,
            fetched_at=datetime.now(UTC).replace(microsecond=0),
            sidecar=dict(sidecar or {}),
        )
        yield CaptureItem(capture, response.status, validators, role=role, parent_url=parent_url, notices=notices,
                          attachment_links=attachment_links)

    def changed_document(self, response: Response) -> bool:
        """True when this response carries new bytes (its links are worth following)."""
        if response.status != 200:
            return False
        known = self.known.get(url_key(response.url))
        return not (known and known.content_sha256 == hashlib.sha256(response.body).hexdigest())

    @staticmethod
    def _validators(response: Response, sha: str) -> Validators:
        return Validators(
            etag=header_text(response, "ETag"),
            last_modified=header_text(response, "Last-Modified"),
            sha256=sha,
        )

    # ------------------------------------------------------------------ links
    def attachment_links(self, response: Response, types: list[str]) -> list[tuple[str, str]]:
        """(absolute URL, link text) of the files of the given types linked from a page."""
        found: list[tuple[str, str]] = []
        seen: set[str] = set()
        # <a> links typed by their path, a parameter or their text, and files the page shows (gongkai.parsers.file_links)
        if not isinstance(response, TextResponse):
            return found  # a file has no links
        for url, text, kind in file_links(response, get_base_url(response)):
            if kind is None or kind not in types or url in seen:
                continue
            seen.add(url)
            found.append((url, text))
        return found

    def page_attachment_links(self, response: Response, types: list[str]) -> tuple[tuple[str, str], ...]:
        """Every file a parsed page links that is an attachment type (the site's, or any the parser registry
        knows agencies attach): what the crawl state remembers of the page for its next 304."""
        return tuple(self.attachment_links(response, list(dict.fromkeys([*types, *attachment_extensions()]))))

    def attachment_requests(self, links: tuple[tuple[str, str], ...], types: list[str], callback: Callable[..., Any],
                            page_url: str) -> Iterator[scrapy.Request]:
        """Conditional requests for the links of the attachment types; the files of other types are not fetched:
        each named, with the reason."""
        for url, text in links:
            kind = file_kind(url, text) or "?"
            if kind in types:
                request = self.document_request(url, callback, role="attachment", parent_url=page_url, link_text=text)
                if request is not None:
                    yield request
            else:
                self.skip(url, f"file type .{kind} is not among the attachment types ({', '.join(types)}), linked from {page_url}",
                          role="attachment")

    def remembered_attachments(self, response: Response, types: list[str], callback: Callable[..., Any]) -> Iterator[scrapy.Request]:
        """A page not parsed this time (304, or the same bytes) still has its files asked again, conditionally, from
        the links the crawl state kept when it was last parsed: an agency may replace a PDF at the same URL and
        leave the page as it was. Unchanged files answer 304; a page without attachments costs nothing more."""
        if response.status not in (200, 304):
            return
        known = self.known.get(url_key(response.url))
        if known is None and response.request is not None:
            known = self.known.get(url_key(response.request.url))
        if known is not None and known.attachment_links:
            yield from self.attachment_requests(known.attachment_links, types, callback, response.url)

    # ------------------------------------------------------------------ errors
    def on_error(self, failure: Any) -> None:
        kind = error_kind(failure)
        self.run_stats.error(kind)
        url = getattr(getattr(failure, "request", None), "url", "")
        self.emit("error", {"url": url, "kind": kind})
        self.note_failure(getattr(failure, "request", None), kind, failure.getErrorMessage())
        if kind != "robots":
            logger.warning("%s: %s (%s)", kind, url, failure.getErrorMessage())

    def note_failure(self, request: Any, kind: str, message: str = "") -> None:
        """The outcome of a request that got no usable answer: missing, failed, skipped or over_limit by kind."""
        if request is None:
            return
        self._note_redirects(request.meta, request.url)
        status = int(kind[5:]) if kind.startswith("http_") and kind[5:].isdigit() else 0
        reason = kind if not message or message in kind else f"{kind}: {message[:300]}"
        if request.meta.get("parent_url"):
            reason += f", linked from {request.meta['parent_url']}"
        self.note(request.url, outcome_of_error(kind), role=request.meta.get("role", "list" if request.meta.get("listing") else ""),
                  status=status, reason=reason)

    def emit(self, kind: str, data: dict[str, Any]) -> None:
        if self.on_event:
            self.on_event(kind, data)


def _touch_quietly(state: CrawlState, keys: list[str], stats: RunStats) -> None:
    try:
        state.touch(keys, 304, "unchanged")
    except Exception:  # the pages are only re-checked next time; count it
        logger.exception("could not update the crawl state of %d pages", len(keys))
        stats.error("state_write")


def error_kind(failure: Any) -> str:
    """A short name for why a request failed: http_500, timeout, connection, dns, robots, ..."""
    if failure.check(HttpError):
        return f"http_{failure.value.response.status}"
    if failure.check(TwistedTimeoutError, TCPTimedOutError):
        return "timeout"
    if failure.check(DNSLookupError):
        return "dns"
    if failure.check(ConnectError):
        return "connection"
    if failure.check(IgnoreRequest):
        message = str(failure.value).lower()
        if "redirect loop" in message or "max redirections" in message:
            return "redirect_loop"
        return "robots" if "robots" in message else "ignored"
    # Scrapy's own download errors (DownloadTimeoutError, DownloadConnectionRefusedError, ...) by name.
    name = type(failure.value).__name__.lower()
    for word, kind in (("timeout", "timeout"), ("dns", "dns"), ("resolve", "dns"), ("connect", "connection"),
                       ("cancel", "too_large"), ("dataloss", "truncated")):
        if word in name:
            return kind
    return name


def attachment_title(link_text: str) -> str:
    """'附件1：厦门市…计划表.pdf' -> '厦门市…计划表' (the name an agency gave the file)."""
    text = re.sub(r"^\s*(?:附件\s*[0-9０-９一二三四五六七八九十]*\s*[：:.、]?\s*|\d+\s*[.、]\s*)", "", link_text)
    extension = re.search(r"\.([A-Za-z0-9]{1,5})\s*$", text)
    if extension and extension.group(1).lower() in attachment_extensions():
        text = text[: extension.start()]
    return text.strip()


def _posted(request: Any) -> str:
    """What a list page POSTed says besides its URL (a form POST pager, a Hanweb proxy group, an API page: one URL for
    every page), so that its row names which page it was: `POST channelId=3301&pageNo=2`. A GET: ""."""
    if request is None or request.method != "POST":
        return ""
    return "POST " + unquote_plus(request.body.decode("utf-8", "replace"))[:300]
