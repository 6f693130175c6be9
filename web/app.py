"""The FastAPI application: JSON API + server-rendered search page, bound to one engine.

    from gongkai.web.app import create_app, run_server
    app = create_app(engine)             # an ASGI app (tests, other servers)
    run_server(engine, "127.0.0.1", 8000) # blocks: uvicorn serving that app
"""


from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi_offline import FastAPIOffline
from starlette.middleware.gzip import DEFAULT_EXCLUDED_CONTENT_TYPES

from gongkai.uris import path_prefix
from gongkai.web import originals
from gongkai.web.api import build_api_router
from gongkai.web.conditional import COMPRESS_FROM, ConditionalGetMiddleware, GZipUnlessRangeMiddleware
from gongkai.web.conditional import declare as declare_conditional_get
from gongkai.web.cors import PublicCorsMiddleware
from gongkai.web.errors import CatchAllMiddleware, install_error_handlers
from gongkai.web.head import HeadAsGetMiddleware
from gongkai.web.pages import build_page_router, make_templates
from gongkai.web.public_prefix import PublicPrefixMiddleware, own_first_segments
from gongkai.web.query_charset import QueryCharsetMiddleware
from gongkai.web.response_cache import ResponseCacheMiddleware
from gongkai.web.security import SecurityHeadersMiddleware
from gongkai.web.service import WebContext

if TYPE_CHECKING:  # for annotations only: at run time the engine is handed in, never imported here
    from gongkai.engine import Engine
    from gongkai.follow import Follower
    from gongkai.settings import Settings
STATIC_DIR = Path(__file__).resolve().parent / "static"

DESCRIPTION = """
Search Chinese government information-disclosure documents (政府信息公开) and newspaper public notices
(便民公告: 遗失声明, 停水停电通知, 工商税务公告, 国土房产公告).

Errors are JSON `{"error": code, "message": text}`: 422 for an invalid or out-of-bounds parameter,
400 for a query the engine cannot parse, 404 for an unknown id, 410 for a withdrawn record.
"""


def create_app(engine: Engine, settings: Settings | None = None) -> FastAPI:
    """An app serving `engine`. `settings` defaults to the engine's own (engine.settings) or load_settings()."""
    if settings is None:
        settings = getattr(engine, "settings", None)
    if settings is None:
        from gongkai.settings import load_settings

        settings = load_settings()
    ctx = WebContext(engine=engine, settings=settings)
    templates = make_templates()
    _announce_public_base(settings)

    # FastAPIOffline: /docs and /redoc load Swagger UI and ReDoc from files bundled in the package,
    # not from a CDN, so the API documentation works on an intranet or offline machine.
    app = FastAPIOffline(
        title="gongkai 公开",
        description=DESCRIPTION,
        version="0.1.0",
        openapi_tags=[
            {"name": "search", "description": "Full-text search with filters and facets"},
            {"name": "documents", "description": "Single records and exact identifier lookup"},
            {"name": "notices", "description": "Answers from the structured fields of notices"},
            {"name": "service", "description": "Health and statistics"},
        ],
    )
    app.state.ctx = ctx
    app.state.engine = engine  # the feeds and admin routers look for it here
    app.include_router(build_api_router(ctx))
    app.include_router(build_page_router(ctx, templates))
    _include_neighbour_routers(app)
    app.mount("/static", StaticFiles(directory=str(STATIC_DIR)), name="static")
    # Added first = innermost: replays finished API answers, below the headers and compression.
    app.add_middleware(ResponseCacheMiddleware, index_state=ctx.index_state, max_entries=settings.search.cache_entries)
    # A query percent-encoded in GBK (older Chinese sites' links) read as such, not as U+FFFD (web/query_charset.py).
    app.add_middleware(QueryCharsetMiddleware)
    # Added last = outermost: security headers go on every answer, the catch-all's 500 included.
    app.add_middleware(CatchAllMiddleware)
    # Inside the compression: ETags of the documents' own bytes, 304 for a reader that has them (web/conditional.py).
    app.add_middleware(ConditionalGetMiddleware, data_state=ctx.data_state)  # pages, API, OAI-PMH: by their data
    # Result pages are 20-40 KB of Chinese HTML; compressed they load fast on a phone.
    # Not a kept original: sent as stored, so its byte ranges count the same bytes (web/ranges.py).
    # A byte range of a published document goes uncompressed: it counts the document's bytes (web/conditional.py).
    app.add_middleware(GZipUnlessRangeMiddleware, minimum_size=COMPRESS_FROM, compresslevel=5,
                       exclude_content_types=(*DEFAULT_EXCLUDED_CONTENT_TYPES, *originals.sent_as_stored()))
    # Other sites' pages may read the public data (web/cors.py); inside the security headers, which its preflights get too.
    app.add_middleware(PublicCorsMiddleware)
    app.add_middleware(SecurityHeadersMiddleware)
    # Outermost: a HEAD is a GET without its body on every route (RFC 9110 §9.1; the routes are GET only).
    app.add_middleware(HeadAsGetMiddleware)
    # Outermost of all: a portal's proxy passing /gongkai/… on unstripped reaches the same routes (web/public_prefix.py).
    app.add_middleware(PublicPrefixMiddleware, prefix=path_prefix(settings.feeds.public_base_url),
                       own_first_segments=own_first_segments(app.routes))
    install_error_handlers(app, templates)
    _complete_openapi(app)
    return app


#: Feed routes read their query themselves (for their own messages), so FastAPI does not see their parameters: they
#: take those of an API route, and the document names them there too (API clients and generated SDKs had no `area`
#: for a street's calendar, no `q` for a search feed). (route, method) -> (the route whose parameters, which names).
BORROWED_PARAMETERS = {
    ("/feeds/search.atom", "get"): ("/api/search", ("q", "kind", "issuer", "notice_type", "topic", "year", "date_from", "date_to", "validity", "from", "to")),
    ("/feeds/outages.ics", "get"): ("/api/notices/outages", ("area",)),
    ("/feeds/outages.atom", "get"): ("/api/notices/outages", ("area",)),
}


def _complete_openapi(app: FastAPI) -> None:
    """The OpenAPI document with what FastAPI cannot see: the feed routes' borrowed parameters, and at its root that
    an operation needs no login unless it names one (`security: []`; POST /api/ingest and GET /api/sources do):
    Redocly's `security-defined` flagged each public operation."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is not None:
            return app.openapi_schema
        schema = build()
        schema.setdefault("security", [])
        paths = schema.get("paths", {})
        for (path, method), (source, names) in BORROWED_PARAMETERS.items():
            operation, given = paths.get(path, {}).get(method), paths.get(source, {}).get("get")
            if operation is None or given is None:
                continue
            have = {p["name"] for p in operation.get("parameters", [])}
            operation.setdefault("parameters", []).extend(p for p in given.get("parameters", []) if p["name"] in names and p["name"] not in have)
        declare_conditional_get(paths)  # the documents' If-None-Match, ETag and 304 (web/conditional.py)
        return schema

    app.openapi = openapi  # type: ignore[method-assign]


#: Routers other parts of the project keep in web/: feeds (Atom, OAI-PMH, sitemaps, POST /api/ingest), the
#: operators' admin page, alerts. None is optional: if one fails to import the app does not start (a server
#: running half, say without POST /api/ingest, looks healthy while agencies' pushes fail).
NEIGHBOUR_ROUTERS = ("gongkai.web.routes_feeds", "gongkai.web.routes_admin", "gongkai.web.routes_alerts", "gongkai.web.routes_sources",
                     "gongkai.web.routes_subscriptions")


def _include_neighbour_routers(app: FastAPI) -> None:
    import importlib

    for module_name in NEIGHBOUR_ROUTERS:
        try:
            module = importlib.import_module(module_name)
        except Exception as exc:
            raise RouterImportError(f"the web app does not start: its router {module_name} failed to import "
                                    f"({type(exc).__name__}: {exc})") from exc
        app.include_router(module.router)


class RouterImportError(RuntimeError):
    """A router of the app failed to import: the server refuses to start rather than run without it."""


def _announce_public_base(settings: Settings) -> None:
    """Feeds, OAI-PMH and sitemaps link to feeds.public_base_url, never to the request's Host: say which base is used."""
    import logging

    feeds = settings.feeds
    if not feeds.public_base_url:
        logging.getLogger("gongkai.web").warning(
            "未设置 feeds.public_base_url：订阅源、OAI-PMH 和网站地图的链接指向 %s / feeds.public_base_url is not set: feeds, "
            "OAI-PMH and sitemaps link to %s (set GONGKAI_FEEDS__PUBLIC_BASE_URL)", feeds.public_base(), feeds.public_base(),
        )
    if feeds.oai_admin_email == type(feeds).model_fields["oai_admin_email"].default:  # harvesters write to it
        logging.getLogger("gongkai.web").warning(
            "feeds.oai_admin_email 仍是占位地址 %s，OAI-PMH 会把它告诉采集方，请设置 / feeds.oai_admin_email is the placeholder %s: "
            "OAI-PMH Identify gives it to harvesters (set GONGKAI_FEEDS__OAI_ADMIN_EMAIL)", feeds.oai_admin_email, feeds.oai_admin_email,
        )


def create_app_from_settings() -> FastAPI:
    """App factory for uvicorn worker processes: each opens its own engine from the settings
    (GONGKAI_* environment, gongkai.toml). Readers in several processes share one index safely."""
    from gongkai.engine import Engine
    from gongkai.settings import load_settings
    from gongkai.web.server import tune_gc_for_serving

    engine = Engine(load_settings())
    engine.warm_suggestions()
    engine.warm_search()  # issue 14: the segmenter's dictionary and the domain word list, before the first search
    _start_follower(engine)  # issue 20: this node's index follows the shared store
    app = create_app(engine)
    tune_gc_for_serving()
    return app


def run_server(engine: Engine, host: str = "127.0.0.1", port: int = 8000, *, access_log: bool = True, workers: int = 1) -> None:
    """Serve the search page and the API for `engine` with uvicorn until interrupted (Ctrl-C).

    workers > 1 starts that many processes (one engine each, on engine.settings.data_dir) to use
    more than one core; the Python request handling is otherwise bound to one core by the GIL.
    """
    if workers > 1:
        import inspect
        import os

        import uvicorn

        # The workers build their settings from the environment: hand them this engine's data dir.
        os.environ["GONGKAI_DATA_DIR"] = str(Path(engine.settings.data_dir).resolve())
        # uvicorn (0.30+) kills a worker not serving within timeout_worker_healthcheck, 5 s by default, and starts
        # another: a worker opening gongkai takes longer on a busy machine, so `--workers 2` never came up, its
        # workers dying and restarted for ever (newuser2, at load 9)
        patience: dict[str, Any] = {"timeout_worker_healthcheck": 120} if "timeout_worker_healthcheck" in inspect.signature(uvicorn.run).parameters else {}
        uvicorn.run("gongkai.web.app:create_app_from_settings", factory=True, host=host, port=port,
                    # a request the HTTP parser refuses is answered in JSON, as with one process (web/server.py)
                    http="gongkai.web.server:JsonBadRequestProtocol", ws="none",  # no WebSocket route (web/server.py)
                    workers=workers, access_log=access_log, lifespan="off", **patience)  # fmt: skip
        return
    from gongkai.web.server import run_app

    engine.warm_suggestions()
    engine.warm_search()  # issue 14: the segmenter's dictionary and the domain word list, before the first search
    follower = _start_follower(engine)  # issue 20: this node's index follows the shared store
    try:
        run_app(create_app(engine), host, port, access_log=access_log)
    finally:
        if follower is not None:
            follower.stop()


def _start_follower(engine: Engine) -> Follower | None:
    from gongkai.follow import start_for_server

    return start_for_server(engine)
