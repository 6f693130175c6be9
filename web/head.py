"""HEAD answered as GET without its body, on every route (RFC 9110 §9.1: a general-purpose server MUST support GET and
HEAD; §9.3.2: HEAD is GET without content). FastAPI routes are GET only, so HEAD was a 405 on the feeds, the
sitemaps, robots.txt, OAI-PMH and the API: link checkers, sitemap tools and `curl -I` use HEAD.

The app sees a GET (its own copy of the scope: the server keeps the HEAD it received, so uvicorn leaves the body
out too); the headers, Content-Length included, are the GET's, and the body is dropped here as well.

Range and If-Range are left out of that GET (§14.2: range handling is defined for GET only, and a server MUST ignore Range
on any other method): `curl -I -r 0-9` and link checkers sending their GET's headers with HEAD got a 206 with the part's
length instead of the whole document's headers (clients10, session 20).
"""

from __future__ import annotations

from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

#: Request headers whose meaning is defined for GET only (RFC 9110 §14.2, §13.1.5): a HEAD's are not passed on.
_GET_ONLY = frozenset({b"range", b"if-range"})


class HeadAsGetMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def send_without_body(message: Message) -> None:
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        headers = [(name, value) for name, value in scope["headers"] if name.lower() not in _GET_ONLY]
        get: dict[str, Any] = {**scope, "method": "GET", "headers": headers}
        await self.app(get, receive, send_without_body)
