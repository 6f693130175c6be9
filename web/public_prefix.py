"""The public path the pages are served under: a portal's path (`feeds.public_base_url` https://portal/gongkai, its
reverse proxy passing /gongkai/… on with the prefix stripped). The routes stay where they are; what the pages print
(links, forms, scripts, stylesheets), their redirects and the search box's script name their paths under the prefix,
else a reader following /search from https://portal/gongkai/ landed on the portal's /search (clients8, session 18).
With no path in public_base_url (the default) the prefix is empty and every link is as it was. A proxy that does not
strip the prefix works too: PublicPrefixMiddleware strips it here."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from urllib.parse import unquote

from starlette.requests import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from gongkai.uris import path_prefix


def request_prefix(request: Request) -> str:
    """The public prefix of the app serving `request` (its settings' feeds.public_base_url)."""
    ctx = getattr(request.app.state, "ctx", None)
    return path_prefix(ctx.settings.feeds.public_base_url) if ctx is not None else ""


def page_context(request: Request) -> dict[str, Any]:
    """The templates' `base`: every root-relative link of a page is written `{{ base }}/…`."""
    return {"base": request_prefix(request)}


def public_path(request: Request, path: str) -> str:
    """`path` (root-relative, "/documents/…") as the reader's browser must ask for it: under the public prefix."""
    return request_prefix(request) + path


class PublicPrefixMiddleware:
    """Serves the app under its public prefix as well as at the root: a portal's proxy that passes /gongkai/search on
    without stripping /gongkai reached no route (every answer a 404; lead, session 19). The request is seen by the
    routes exactly as a stripping proxy would pass it (path and raw_path without the prefix), so the answers, their
    links and their caches are the same either way. A prefix whose first segment is one of the app's own (a
    public_base_url of https://portal/api) is not stripped: /api/search must stay the API's."""

    def __init__(self, app: ASGIApp, prefix: str, own_first_segments: frozenset[str]) -> None:
        self.app = app
        first = prefix.strip("/").split("/", 1)[0]
        # the path as the server decodes it: public_base_url may print its path percent-encoded (/%E5%85%AC%E5%BC%80)
        self.prefix = unquote(prefix) if prefix and unquote(first) not in own_first_segments else ""
        self._raw_prefix = self.prefix.encode("utf-8")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.prefix and scope["type"] == "http":
            path: str = scope["path"]
            if path == self.prefix or path.startswith(self.prefix + "/"):
                raw: bytes = scope.get("raw_path") or path.encode("utf-8")
                raw = raw[_raw_length(raw, self._raw_prefix):]
                scope = {**scope, "path": path[len(self.prefix):] or "/", "raw_path": raw or b"/"}
        await self.app(scope, receive, send)


def _raw_length(raw: bytes, prefix: bytes) -> int:
    """How many bytes of the raw path spell `prefix` (its UTF-8 bytes) however a client percent-encoded it: upper or
    lower case hex (/%e5%85%ac…, review19), some characters encoded and some not; 0 when the raw path does not begin
    with it (then only the decoded path is stripped)."""
    decoded = bytearray()
    at = 0
    while len(decoded) < len(prefix) and at < len(raw):
        escape = raw[at + 1 : at + 3]
        if raw[at] == ord("%") and len(escape) == 2 and all(c in b"0123456789abcdefABCDEF" for c in escape):
            decoded.append(int(escape, 16))
            at += 3
        else:
            decoded.append(raw[at])
            at += 1
    return at if bytes(decoded) == prefix else 0


def own_first_segments(routes: Iterable[Any]) -> frozenset[str]:
    """The first path segments the app's own routes and mounts answer under ("api", "search", "static" …)."""
    from fastapi.routing import iter_route_contexts  # included routers' routes too (FastAPI includes them lazily)

    segments = set()
    for route in iter_route_contexts(list(routes)):
        path = getattr(route, "path", "") or ""
        first = path.strip("/").split("/", 1)[0]
        if first and not first.startswith("{"):
            segments.add(first)
    return frozenset(segments)
