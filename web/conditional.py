"""Conditional GET for the published documents (feeds, calendars, sitemaps, robots.txt, the OAI schema): each 200
answer carries a weak ETag of its bytes, and a request whose If-None-Match names it is answered 304 with no body
(RFC 9110 §8.8.3, §13.1.2). Feed readers and crawlers poll these documents (feedparser's `etag=`, gongkai's own
poller against the agencies): without validators every poll downloaded the whole feed again.

Weak (W/"…"): the bytes are those before compression, and the same document gzipped is another representation.
"""

from __future__ import annotations

import hashlib
from typing import Any

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

#: The paths whose GET answers are validated (small documents, bought whole before they are sent).
PREFIXES = ("/feeds/", "/sitemap", "/robots.txt", "/oai/gongkai-record.xsd", "/alerts/")


def declare(paths: dict[str, dict[str, Any]]) -> None:
    """Say in the OpenAPI document what the middleware does on these paths: each GET that answers 200 takes
    `If-None-Match`, names its ETag and may answer 304. Undeclared, a client checking answers against the document
    (openapi-core) refused the 304 a feed reader polling with its ETag gets."""
    for path, operations in paths.items():
        operation = operations.get("get")
        if operation is None or not path.startswith(PREFIXES) or "200" not in operation.get("responses", {}):
            continue
        parameters = operation.setdefault("parameters", [])
        if not any(p.get("in") == "header" and p.get("name", "").lower() == "if-none-match" for p in parameters):
            parameters.append({"name": "If-None-Match", "in": "header", "required": False, "schema": {"type": "string"},
                               "description": "the ETag of the copy the client holds: 304 with no body while it is current"})
        responses = operation["responses"]
        responses["200"].setdefault("headers", {})["ETag"] = {"description": "weak validator of the document's bytes", "schema": {"type": "string"}}
        responses.setdefault("304", {"description": "Not Modified: If-None-Match named the current ETag; no body"})


def etag_of(body: bytes) -> str:
    return 'W/"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def matches(if_none_match: str, etag: str) -> bool:
    """RFC 9110 §13.1.2: "*" or any listed tag, compared weakly (W/ ignored on both sides)."""
    wanted = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
    return "*" in wanted or etag.removeprefix("W/") in wanted


class ConditionalGetMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET" or not scope["path"].startswith(PREFIXES):
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
            etag = etag_of(body)
            headers = MutableHeaders(scope=start)
            headers["ETag"] = etag
            if matches(Headers(scope=scope).get("if-none-match", ""), etag):
                for name in ("content-length", "content-type"):
                    del headers[name]
                await send({**start, "status": 304})
                await send({"type": "http.response.body", "body": b""})
                return
            await send(start)
            await send({"type": "http.response.body", "body": body})

        await self.app(scope, receive, buffer)
