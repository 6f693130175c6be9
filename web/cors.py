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
            # what a reader sends: conditional GET (web/conditional.py), content negotiation, OAI-PMH's form
            allow_headers=["If-None-Match", "If-Modified-Since", "Accept-Language", "Content-Type"],
            expose_headers=["ETag", "Content-Disposition", "Retry-After"],  # read by clients that poll or download
            max_age=86400,
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and is_public(scope.get("path", "")):
            await self.cors(scope, receive, send)
        else:
            await self.app(scope, receive, send)
