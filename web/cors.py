"""Cross-origin reading of the public data (CORS), for the routes that serve it and no others.

The national platform's and other sites' browser clients (a provincial portal's search widget, a library catalogue
page, a map of outages) read the API, the feeds and OAI-PMH from pages of another origin: without CORS headers a
browser hands them nothing. The data is public and these routes change nothing, so any origin may read them, without
credentials (`Access-Control-Allow-Origin: *`: a browser then sends no cookie nor HTTP auth with the request and reads
no answer that needs them). The operators' and agencies' routes (/admin, POST /api/ingest, /api/sources, alerts,
subscriptions) get no CORS headers: a page of another site reads nothing of them.

The protocol (preflight, allowed methods and headers, exposed headers) is Starlette's CORSMiddleware; this module only
chooses the routes it applies to.
"""

from __future__ import annotations

from starlette.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp, Receive, Scope, Send

#: path prefixes of the public read-only routes (the JSON API's reading routes, the feeds, OAI-PMH, the API document)
PUBLIC_PREFIXES = ("/api/search", "/api/suggest", "/api/documents/", "/api/lookup", "/api/notices/", "/api/stats", "/feeds/",
                   "/oai", "/openapi.json", "/healthz")


def is_public(path: str) -> bool:
    return path.startswith(PUBLIC_PREFIXES)


class PublicCorsMiddleware:
    """Starlette's CORS on the public routes only; every other request goes by untouched."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.cors = CORSMiddleware(
            app,
            allow_origins=["*"],
            allow_credentials=False,
            allow_methods=["GET", "HEAD", "POST"],  # POST: OAI-PMH's form requests (the routes allow what they allow)
            # Any header a page's script adds (X-Requested-With from jQuery and many widget kits, a tracing header, Range,
            # If-None-Match …): the preflight names the headers asked for. A list of the ones we read answered a widget
            # sending X-Requested-With with Starlette's 400 "Disallowed CORS headers", and the browser then refused the
            # GET itself (session 17, clients7). No credentials are allowed (above), so a header grants nothing the
            # data is not public for; the routes read only the headers they know.
            allow_headers=["*"],
            # read by clients that poll, download or resume (Content-Range, Accept-Ranges: web/conditional.py's ranges)
            expose_headers=["ETag", "Content-Disposition", "Retry-After", "Content-Range", "Accept-Ranges"],
            max_age=86400,
            # Private Network Access (Chrome): a page of a public site read by a browser inside the network where gongkai
            # runs (a government intranet, a 10.x address) sends `Access-Control-Request-Private-Network: true`; it was
            # Starlette's 400 "Disallowed CORS private-network" (session 17, clients7 round 3), and the browser refused
            # the GET. These routes serve the public data and change nothing, as for any origin above.
            allow_private_network=True,
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and is_public(scope.get("path", "")):
            await self.cors(scope, receive, send)
        else:
            await self.app(scope, receive, send)
