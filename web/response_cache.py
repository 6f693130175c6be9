"""Repeated GETs of the search API answered from memory, bytes and all (pure ASGI middleware).

The engine already caches search answers; what is left of a repeated request is FastAPI's work:
parameter parsing, building the response models, validating and serialising them (measured: most of
the ~0.6 ms of CPU a cached search still cost). For the JSON endpoints whose answer depends only on
the query string and the index, this middleware keeps the finished 200 response per (index state,
path, query string) and replays it, the way a reverse proxy's micro-cache would, but with exact
invalidation: the key carries the index's generation and commit counter, so any commit or reindex,
in this process or another, makes every stored answer unreachable at once.

Only successful answers are kept; errors, other methods and other paths always reach the app.
The page (/search) is not cached here: it shows how long the search took.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Hashable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from gongkai import dates
from gongkai.result_cache import ResultCache

log = logging.getLogger("gongkai.web")

#: Endpoints whose 200 answer is a function of the query string, the index state and the day (Beijing) alone.
CACHED_PATHS = frozenset({"/api/search", "/api/notices/outages"})
#: Larger answers are not kept (a page of 100 hits with long snippets is about 60 KB).
MAX_BODY_BYTES = 256 * 1024


class ResponseCacheMiddleware:
    def __init__(self, app: ASGIApp, index_state: Callable[[], Hashable], max_entries: int) -> None:
        self.app = app
        self.index_state = index_state  # refreshes the index view and names its state (WebContext.index_state)
        self.cache = ResultCache(max_entries)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope["method"] != "GET"
            or scope["path"] not in CACHED_PATHS
            or self.cache.max_entries == 0
        ):
            await self.app(scope, receive, send)
            return
        try:
            # Taken before the answer is made: an answer made during a commit is filed under the older
            # state (never read again once the commit is seen), not the newer one.
            # And the day: 湖滨南路明天停电吗, date=明天 and 下周 are read from today in Beijing, so an answer kept
            # before midnight is another question's after it (the index may take no commit all night).
            key = (self.index_state(), dates.beijing_today(), scope["path"], scope.get("query_string", b""))
        except Exception:  # an index that cannot be opened: the app answers with its own error
            log.debug("response cache skipped: index state unavailable", exc_info=True)
            await self.app(scope, receive, send)
            return
        stored = self.cache.get(key)
        if stored is not None:
            headers, body = stored
            # A fresh list each time: the compression middleware above edits the headers in place.
            await send({"type": "http.response.start", "status": 200, "headers": list(headers)})
            await send({"type": "http.response.body", "body": body})
            return

        start_headers: list[tuple[bytes, bytes]] | None = None
        chunks: list[bytes] = []
        keep = True

        async def recording_send(message: Message) -> None:
            nonlocal start_headers, keep
            if message["type"] == "http.response.start":
                # Copied now, before the middleware above rewrites them for its own answer (gzip).
                start_headers = [tuple(pair) for pair in message.get("headers", [])]
                keep = message["status"] == 200
            elif message["type"] == "http.response.body" and keep:
                chunks.append(message.get("body", b""))
                if sum(map(len, chunks)) > MAX_BODY_BYTES:
                    keep = False
                    chunks.clear()
                elif not message.get("more_body", False) and start_headers is not None:
                    self.cache.put(key, (start_headers, b"".join(chunks)))
            await send(message)

        await self.app(scope, receive, recording_send)
