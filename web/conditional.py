"""Conditional GET for the published documents (feeds, calendars, sitemaps, robots.txt, the OAI schema): each 200
answer carries a weak ETag of its bytes, and a request whose If-None-Match names it is answered 304 with no body
(RFC 9110 §8.8.3, §13.1.2). Feed readers and crawlers poll these documents (feedparser's `etag=`, gongkai's own
poller against the agencies): without validators every poll downloaded the whole feed again.

Weak (W/"…"): the bytes are those before compression, and the same document gzipped is another representation.

Documents read from the store alone (an issuer's or a notice type's feed, the sitemaps, robots.txt, the schema) also
carry Last-Modified, set by their route (`last_modified`), and a request with If-Modified-Since and no If-None-Match
is answered 304 when that date is not older (§13.1.3): a client polling by date alone (wget -N, some feed readers)
downloaded each time. Documents read through the search index (the search and street feeds) carry none: the index
follows the store with a lag, and a street's lookup depends on today's date, so no stored time bounds their changes.

Byte ranges (RFC 9110 §14, session 17): a 200 of these documents says `Accept-Ranges: bytes`, and a request for one
range (`bytes=0-99`, `bytes=500-`, `bytes=-50`; web/ranges.py reads it) gets 206 with its Content-Range, one past the
end 416: a download tool resuming a sitemap or a feed (`curl -C -`, wget `-c`) got the whole document again, which it
appended to the part it held. If-Range is honoured with a date equal to the Last-Modified sent (a strong validator of
a store document, §8.8.2.2); our ETags are weak, which If-Range never matches (§13.1.5), so the whole document is sent.
Such a request is not compressed (`GZipUnlessRangeMiddleware`): the range counts the bytes of the document itself.

If-Match and If-Unmodified-Since (§13.1.1, §13.1.4, session 18) are evaluated first (§13.2.2): 412 when they do not hold.

The pages, the JSON API and OAI-PMH (`STATE_KEYED`, session 19) go through the same middleware, with one difference: their
bytes carry a moment of their own (the search page's timing, OAI-PMH's responseDate), so a tag of the bytes would never
match twice. Their 200s are a function of the data they read (the search index's state, the store's last change number),
the day in Beijing (明天, a repeal still to come), the settings and code of this process, and the request (path and
query): their weak ETag names those (`state_etag`), read before the answer is built and again after it: an answer during
which the state moved (a commit landing, a word list rebuilt) is sent with no tag, since it may hold parts of both (clients10).
Any change of either, in this process or another, gives every answer a new tag; a cache holding a page of an older state
gets a 200, never a 304. The state is named alike in every process over one data directory with the same settings and code
(WebContext.data_state, web/app_identity), so a client moving between the workers of `serve --workers N` gets its 304. They say `Cache-Control: no-cache` (store, but ask before each use: a heuristic freshness would
serve an old state unasked) and no byte ranges (the bytes differ between two answers of one tag).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Hashable
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime, parsedate_to_datetime
from typing import Any, Literal

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers, MutableHeaders
from starlette.middleware.gzip import GZipMiddleware, IdentityResponder
from starlette.types import ASGIApp, Message, Receive, Scope, Send

#: The paths whose GET answers are validated (small documents, bought whole before they are sent).
PREFIXES = ("/feeds/", "/sitemap", "/robots.txt", "/oai/gongkai-record.xsd", "/alerts/")


#: The compression's minimum size (GZipUnlessRangeMiddleware below): a 200 of this many bytes or more is chosen by
#: Accept-Encoding and says `Vary: Accept-Encoding`, so its 304, 206 and 416 must say it too (RFC 9110 §15.4.5, §15.3.7).
COMPRESS_FROM = 1024

#: Settings and code change only with a restart: a document's bytes are no older than the server's start.
STARTED = datetime.now(UTC)
#: Longest a write is taken to stay uncommitted after it took its change time (an ingest batch takes one `now`
#: for all its records, then writes them): a change committed after a poll can be up to this much older than it.
SETTLE = timedelta(seconds=60)

#: Answers validated by the data state they were built from (`state_etag`): the citizens' pages, the public JSON API
#: (not /api/stats nor /healthz: crawl and sync times, liveness) and OAI-PMH's GET. Exact paths, then prefixes.
STATE_KEYED_PATHS = frozenset({"/", "/search", "/outages", "/api/search", "/api/suggest", "/api/lookup", "/api/notices/outages", "/oai"})
STATE_KEYED_PREFIXES = ("/documents/", "/api/documents/")
#: A kept original is a file, validated by its own strong tag (web/ranges.py), not by the data state.
_NOT_STATE_KEYED_ENDINGS = ("/original",)
#: Cache-Control of an answer validated by its data state: a cache may keep it, and must ask (with its ETag) each time.
STATE_CACHE_CONTROL = "no-cache"


def state_keyed(path: str) -> bool:
    """Whether GET `path` is validated by the data state (`state_etag`) rather than by its bytes."""
    if path in STATE_KEYED_PATHS:
        return True
    return path.startswith(STATE_KEYED_PREFIXES) and not path.endswith(_NOT_STATE_KEYED_ENDINGS)


def state_etag(state: Hashable, path: str, query_string: bytes) -> str:
    """The weak ETag of the answer to GET `path?query_string` built from data state `state` (settings and code included)."""
    key = repr((state, path, query_string)).encode("utf-8", "backslashreplace")
    return 'W/"s' + hashlib.sha256(key).hexdigest()[:31] + '"'


def last_modified(changed: datetime | None, now: datetime) -> dict[str, str]:
    """The Last-Modified header of a document built after `now` from a store whose newest change is `changed`
    (read before building it), or no header. A date is only sent once no write still open can fall in or before
    its second (`SETTLE`): a batch committing later with an older change time would otherwise be answered 304
    to a client that never saw it (HTTP dates have one-second resolution)."""
    moment = max(changed or STARTED, STARTED).astimezone(UTC).replace(microsecond=0)
    if moment + timedelta(seconds=1) + SETTLE > now:
        return {}
    return {"Last-Modified": format_datetime(moment, usegmt=True)}


def _http_date(value: str) -> datetime | None:
    """An HTTP-date in any of its three forms (§5.6.7), or None when it is not one."""
    if value.count(",") > 1:  # a list of dates (each form has at most one comma): not one valid date
        return None
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)  # asctime's form has no zone: HTTP dates are GMT


def not_modified_since(if_modified_since: str, last_modified_value: str, now: datetime) -> bool:
    """RFC 9110 §13.1.3: the document's date is not later than the one the client holds; an invalid date, or
    one in the future (no copy can be from then), is ignored."""
    held, date = _http_date(if_modified_since), _http_date(last_modified_value)
    if held is None or date is None or held > now:
        return False
    return date <= held


def precondition_failed(asked: Headers, etag: str, last_modified_value: str | None) -> bool:
    """RFC 9110 §13.2.2 steps 1-2, which a server MUST evaluate before answering (§13.1.1, §13.1.4): If-Match fails
    unless it lists `*` or our tag compared strongly (a weak tag, as ours are, never matches); without If-Match,
    If-Unmodified-Since fails when the document changed after it (ignored with no Last-Modified or no valid date).
    A client updating only the copy it holds sent them, and was given a newer document as if nothing had changed."""
    if "if-match" in asked:
        listed = {tag.strip() for tag in asked["if-match"].split(",")}
        return "*" not in listed and (etag.startswith("W/") or etag not in listed)
    if "if-unmodified-since" in asked and last_modified_value:
        held, date = _http_date(asked["if-unmodified-since"]), _http_date(last_modified_value)
        return held is not None and date is not None and date > held
    return False


def declare(paths: dict[str, dict[str, Any]]) -> None:
    """Say in the OpenAPI document what the middleware does on these paths: each GET that answers 200 takes
    `If-None-Match`, names its ETag and may answer 304. Undeclared, a client checking answers against the document
    (openapi-core) refused the 304 a feed reader polling with its ETag gets."""
    for path, operations in paths.items():
        operation = operations.get("get")
        if operation is None or "200" not in operation.get("responses", {}):
            continue
        if not path.startswith(PREFIXES):
            if state_keyed(path):
                _declare_state_keyed(operation)
            continue
        parameters = operation.setdefault("parameters", [])
        if not any(p.get("in") == "header" and p.get("name", "").lower() == "if-none-match" for p in parameters):
            parameters.append({"name": "If-None-Match", "in": "header", "required": False, "schema": {"type": "string"},
                               "description": "the ETag of the copy the client holds: 304 with no body while it is current"})
        if not any(p.get("in") == "header" and p.get("name", "").lower() == "if-modified-since" for p in parameters):
            parameters.append({"name": "If-Modified-Since", "in": "header", "required": False, "schema": {"type": "string"},
                               "description": "the Last-Modified of the copy the client holds (HTTP-date): 304 with no body while it is current; ignored with If-None-Match"})
        responses = operation["responses"]
        headers = responses["200"].setdefault("headers", {})
        headers["ETag"] = {"description": "weak validator of the document's bytes", "schema": {"type": "string"}}
        headers["Last-Modified"] = {"description": "documents read from the store alone: the store's last change (HTTP-date)", "schema": {"type": "string"}}
        responses.setdefault("304", {"description": "Not Modified: If-None-Match named the current ETag, or If-Modified-Since is not older than Last-Modified; no body"})
        if not any(p.get("in") == "header" and p.get("name", "").lower() == "range" for p in parameters):
            parameters.append({"name": "Range", "in": "header", "required": False, "schema": {"type": "string"},
                               "description": "one byte range (`bytes=0-99`, `bytes=500-`, `bytes=-50`): 206 with that part, uncompressed"})
        for name, what in (("If-Match", "`*`, or entity tags compared strongly (ours are weak: only `*` matches): 412 otherwise"),
                           ("If-Unmodified-Since", "HTTP-date: 412 when the document changed after it; ignored with If-Match")):
            if not any(p.get("in") == "header" and p.get("name", "").lower() == name.lower() for p in parameters):
                parameters.append({"name": name, "in": "header", "required": False, "schema": {"type": "string"}, "description": what})
        responses.setdefault("412", {"description": "Precondition Failed: If-Match or If-Unmodified-Since does not hold (RFC 9110 §13.1.1, §13.1.4); no body"})
        headers["Accept-Ranges"] = {"description": "`bytes`: one byte range a request is answered", "schema": {"type": "string"}}
        content = responses["200"].get("content", {})
        responses.setdefault("206", {"description": "Partial Content: the byte range asked for (Content-Range)", "content": content,
                                     "headers": {"Content-Range": {"description": "bytes FIRST-LAST/LENGTH", "schema": {"type": "string"}}}})
        responses.setdefault("416", {"description": "Range Not Satisfiable: no byte of the range is in the document (Content-Range: bytes */LENGTH); no body"})


def _declare_state_keyed(operation: dict[str, Any]) -> None:
    """An API or OAI-PMH GET validated by its data state: If-None-Match (304), If-Match (412), its ETag and Cache-Control;
    no dates, no ranges (`state_etag`)."""
    parameters = operation.setdefault("parameters", [])
    for name, what in (("If-None-Match", "the ETag of the copy the client holds: 304 with no body while the data it was built from is current"),
                       ("If-Match", "`*`, or entity tags compared strongly (ours are weak: only `*` matches): 412 otherwise")):
        if not any(p.get("in") == "header" and p.get("name", "").lower() == name.lower() for p in parameters):
            parameters.append({"name": name, "in": "header", "required": False, "schema": {"type": "string"}, "description": what})
    responses = operation["responses"]
    headers = responses["200"].setdefault("headers", {})
    headers["ETag"] = {"description": "weak validator: the data state (search index, store) and the request the answer was built from",
                       "schema": {"type": "string"}}
    headers["Cache-Control"] = {"description": "`no-cache`: a cache may keep the answer and must revalidate it (ETag) before each use",
                                "schema": {"type": "string"}}
    responses.setdefault("304", {"description": "Not Modified: If-None-Match named the current ETag (the data is as it was); no body"})
    responses.setdefault("412", {"description": "Precondition Failed: If-Match does not hold (RFC 9110 §13.1.1); no body"})


def etag_of(body: bytes) -> str:
    return 'W/"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def matches(if_none_match: str, etag: str) -> bool:
    """RFC 9110 §13.1.2: "*" or any listed tag, compared weakly (W/ ignored on both sides)."""
    wanted = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
    return "*" in wanted or etag.removeprefix("W/") in wanted


class ConditionalGetMiddleware:
    """`data_state` names what an answer built now can read (WebContext.data_state); without it only the published
    documents (PREFIXES) are validated."""

    def __init__(self, app: ASGIApp, data_state: Callable[[str], Hashable] | None = None) -> None:
        self.app = app
        self.data_state = data_state

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET":
            await self.app(scope, receive, send)
            return
        by_state: str | None = None  # the state's tag, read before the answer is built
        if not scope["path"].startswith(PREFIXES):
            if self.data_state is None or not state_keyed(scope["path"]):
                await self.app(scope, receive, send)
                return
            try:
                by_state = await self._state_etag(scope)
            except Exception:  # noqa: BLE001 - an index or store that cannot be read: the route answers its own error, untagged
                await self.app(scope, receive, send)
                return
        start: Message | None = None
        chunks: list[bytes] = []

        async def buffer(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
                if message["status"] != 200:  # errors and redirects go as they are
                    await send(message)
                return
            if start is None or start["status"] != 200:
                await send(message)
                return
            chunks.append(message.get("body", b""))
            if message.get("more_body", False):
                return
            body = b"".join(chunks)
            etag = by_state or etag_of(body)
            headers = MutableHeaders(scope=start)
            headers["ETag"] = etag
            if by_state is not None and "cache-control" not in headers:
                headers["Cache-Control"] = STATE_CACHE_CONTROL
            asked = Headers(scope=scope)
            if precondition_failed(asked, etag, headers.get("last-modified")):
                del headers["content-type"]
                headers["Content-Length"] = "0"
                await send({**start, "status": 412, "headers": headers.raw})
                await send({"type": "http.response.body", "body": b""})
                return
            if "if-none-match" in asked:  # §13.1.3: If-Modified-Since is then ignored
                fresh = matches(asked["if-none-match"], etag)
            else:
                date = headers.get("last-modified")
                fresh = date is not None and not_modified_since(asked.get("if-modified-since", ""), date, datetime.now(UTC))
            if fresh:
                _vary_as_the_whole(headers, len(body))
                for name in ("content-length", "content-type"):
                    del headers[name]
                await send({**start, "status": 304})
                await send({"type": "http.response.body", "body": b""})
                return
            if by_state is not None:  # no byte ranges: two answers of one tag may differ in their bytes
                if await self._state_moved(scope, by_state):
                    del headers["etag"]  # built across two states: no tag names it (it could match an answer of either)
                await send(start)
                await send({"type": "http.response.body", "body": body})
                return
            headers["Accept-Ranges"] = "bytes"
            part = _range_of(asked, headers, len(body))
            if part is not None:
                _vary_as_the_whole(headers, len(body))
            if part is False:  # §14.4: no byte of it is in the document
                del headers["content-type"]
                headers["Content-Length"] = "0"
                headers["Content-Range"] = f"bytes */{len(body)}"
                await send({**start, "status": 416, "headers": headers.raw})
                await send({"type": "http.response.body", "body": b""})
                return
            if part is not None:
                first, last = part
                headers["Content-Range"] = f"bytes {first}-{last}/{len(body)}"
                headers["Content-Length"] = str(last - first + 1)
                await send({**start, "status": 206, "headers": headers.raw})
                await send({"type": "http.response.body", "body": body[first : last + 1]})
                return
            await send(start)
            await send({"type": "http.response.body", "body": body})

        await self.app(scope, receive, buffer)

    async def _state_etag(self, scope: Scope) -> str:
        assert self.data_state is not None
        # in a worker thread: it asks the store, which on PostgreSQL is a round trip the event loop must not wait on
        state = await run_in_threadpool(self.data_state, scope["path"])
        return state_etag(state, scope["path"], scope.get("query_string", b""))

    async def _state_moved(self, scope: Scope, before: str) -> bool:
        try:
            return await self._state_etag(scope) != before
        except Exception:  # noqa: BLE001 - unreadable now: it cannot be vouched for
            return True


def _vary_as_the_whole(headers: MutableHeaders, length: int) -> None:
    """A 304, 206 or 416 carries the Vary its 200 would (RFC 9110 §15.4.5, §15.3.7): the compression, which adds it to
    a 200 of COMPRESS_FROM bytes or more, leaves these alone (no body, or a part it must not compress)."""
    if length >= COMPRESS_FROM:
        headers.add_vary_header("Accept-Encoding")


# One byte range (RFC 9110 §14.1.2), read for the documents here and for the kept originals (web/ranges.py).
_ONE_RANGE = re.compile(r"bytes=[ \t]*([0-9]{0,18})-([0-9]{0,18})[ \t]*", re.IGNORECASE)


def requested(range_header: str, length: int) -> tuple[int, int] | Literal[False] | None:
    """(first, last) byte of the one range asked for; None when the header is to be ignored (the whole file);
    False when no byte of it is in the file (416)."""
    found = _ONE_RANGE.fullmatch(range_header)
    if not found or found.group(1) == found.group(2) == "":
        return None
    first_text, last_text = found.groups()
    if first_text == "":  # a suffix: the last N bytes
        suffix = int(last_text)
        return (max(length - suffix, 0), length - 1) if suffix and length else False
    first = int(first_text)
    if last_text and int(last_text) < first:
        return None  # invalid: ignored (§14.1.1)
    if first >= length:
        return False
    return first, min(int(last_text), length - 1) if last_text else length - 1


def _range_of(asked: Headers, headers: MutableHeaders, length: int) -> tuple[int, int] | Literal[False] | None:
    """The (first, last) byte a request's Range asks of a document of `length` bytes, False when none is in it (416),
    None for the whole (no Range, one ignored by §14.2, or an If-Range naming another version: §13.1.5)."""
    if "range" not in asked:
        return None
    if "if-range" in asked:
        held = asked["if-range"].strip()
        # an entity tag is compared strongly, and ours are weak: never a match; a date must be the Last-Modified sent
        if held.startswith(('"', "W/")) or held != headers.get("last-modified"):
            return None
    return requested(asked["range"], length)


def accepts_gzip(accept_encoding: str) -> bool:
    """Whether Accept-Encoding lets us send gzip (RFC 9110 §12.5.3): gzip (or its alias x-gzip) listed with a weight
    above 0. `gzip;q=0` refuses it (a tool or proxy turning compression off), and Starlette, which looks for the
    letters "gzip" anywhere in the header, sent it gzipped all the same. An unreadable weight counts as 1."""
    weight: float | None = None
    for item in accept_encoding.split(","):
        coding, *params = (part.strip() for part in item.split(";"))
        if coding.lower() not in ("gzip", "x-gzip"):
            continue
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value.strip())
                except ValueError:
                    q = 1.0
        weight = max(weight or 0.0, q)
    return weight is not None and weight > 0


class GZipUnlessRangeMiddleware(GZipMiddleware):
    """Starlette's compression, except for a request asking a published document (PREFIXES) for a byte range: its 206
    counts the document's own bytes (the ranges above), and gzip would have sent a compressed slice as if it were them;
    and gzip only where Accept-Encoding gives it a weight above 0 (`accepts_gzip`)."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        headers = Headers(scope=scope)
        if scope["path"].startswith(PREFIXES) and "range" in headers:
            await self.app(scope, receive, send)
            return
        if "gzip" in headers.get("accept-encoding", "") and not accepts_gzip(headers["accept-encoding"]):
            # refused: answered as to a client that never named gzip (uncompressed, still saying Vary)
            identity = IdentityResponder(self.app, self.minimum_size, exclude_content_types=self.exclude_content_types)
            await identity(scope, receive, send)
            return
        await super().__call__(scope, receive, send)
