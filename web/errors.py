"""Every failure becomes a clear answer: JSON for /api and /healthz, a Chinese page for the site.

Expected problems (bad parameters, unparseable queries, unknown ids, withdrawn records) are mapped
to 4xx by exception handlers. Anything else is a bug: `CatchAllMiddleware` logs it with its traceback
and answers 500 itself, without re-raising, so the server keeps the connection and never leaks internals.
One exception to that: the errors only hostile input causes (see `client_caused`: a RecursionError from
deep nesting, Python's 4,300-digit limit on integers) that a route failed to catch are answered 422 with a
message, still logged with their traceback as errors, since the route that let one out has a gap to close.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import ClientDisconnect
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from gongkai.errors import SearchIndexError
from gongkai.search_params import ParameterError
from gongkai.validation_messages import chinese_first
from gongkai.web.api import Gone, NotFound, UnknownParameters, error_json
from gongkai.web.service import BadQuery

log = logging.getLogger("gongkai.web")

#: Machine routes: their errors are JSON (feeds, OAI-PMH, sitemaps and robots.txt are read by programs, not people).
_JSON_PREFIXES = ("/api/", "/healthz", "/openapi", "/feeds/", "/oai", "/sitemap", "/robots.txt")
#: Starlette's own details ("Not Found" for a path no route takes, its form parser's "Field exceeded maximum size of
#: 1024KB."), said Chinese first like the routes' messages (`/api/documents/a%2Fb` and `/feeds/Search.atom` answered
#: "Not Found" alone; clients4, session 14).
_CHINESE_FIRST = {400: "请求无法读取", 404: "没有这个地址", 405: "这个地址不接受此请求方法（见 Allow）", 413: "请求内容过大"}
_HAN = re.compile(r"[\u3400-\u9fff]")
_PAGE_422 = "<!doctype html><meta charset=utf-8><title>请求无法处理</title><p>请求中的数据无法读取：{message}</p>"
_PAGE_500 = "<!doctype html><meta charset=utf-8><title>服务器错误</title><p>服务器内部错误，已记录，请稍后再试。</p>"


def client_caused(exc: BaseException) -> str | None:
    """Why `exc` can only come from what the client sent, or None (then it is a server bug: 500)."""
    if isinstance(exc, RecursionError):
        return "the request holds data nested too deeply to be read"
    if isinstance(exc, ValueError) and "integer string conversion" in str(exc):
        return "the request holds a number too long to be read (over 4,300 digits)"
    return None


def wants_json(path: str) -> bool:
    return path.startswith(_JSON_PREFIXES) or path == "/api"


class CatchAllMiddleware:
    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except ClientDisconnect:
            # the client left before its body was whole (a harvester's timeout, a phone off the network, a body the
            # parser refused midway): no one to answer, and no bug: it was logged as one, with a traceback (clients12)
            log.info("client gone before its request body was whole: %s %s", scope.get("method"), scope.get("path", ""))
        except Exception as exc:
            path = scope.get("path", "")
            why = client_caused(exc)
            # Logged either way: a client-caused error that reached here is a route's gap, not noise.
            log.exception("unhandled error on %s %s%s", scope.get("method"), path, " (answered 422: client input)" if why else "")
            if started:  # too late for a clean answer; the server closes the connection
                raise
            response: Response
            if why and wants_json(path):
                response = error_json(422, "unprocessable_input", why)
            elif why:
                response = HTMLResponse(_PAGE_422.format(message=why), status_code=422)
            elif wants_json(path):
                response = error_json(500, "internal_error", "internal server error; it has been logged")
            else:
                response = HTMLResponse(_PAGE_500, status_code=500)
            await response(scope, receive, send)


def install_error_handlers(app: FastAPI, templates: Any) -> None:
    def page_error(request: Request, status: int, title: str, message: str) -> Response:
        return templates.TemplateResponse(request, "error.html", {"title": title, "message": message}, status_code=status)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> Response:
        detail = [
            {"parameter": ".".join(str(p) for p in item.get("loc", ())[1:]) or "request", "message": chinese_first(item)}
            for item in exc.errors()
        ]
        message = "; ".join(f"{d['parameter']}: {d['message']}" for d in detail) or "请求无效 / invalid request"
        if not wants_json(request.url.path):
            return page_error(request, 422, "请求参数有误", message)
        return JSONResponse({"error": "invalid_parameter", "message": message, "detail": detail}, status_code=422)

    @app.exception_handler(ParameterError)
    async def invalid_parameter(request: Request, exc: ParameterError) -> Response:
        detail = [{"parameter": exc.name, "message": exc.message}]
        return JSONResponse({"error": "invalid_parameter", "message": str(exc), "detail": detail}, status_code=422)

    @app.exception_handler(UnknownParameters)
    async def unknown_parameters(request: Request, exc: UnknownParameters) -> Response:
        names = ", ".join(repr(name[:40]) for name in exc.names[:5])
        if exc.repeated:
            return error_json(400, "repeated_parameter", f"参数 {names} 重复：每个参数只能给一次 / parameter(s) {names} given more than once: "
                              "each takes one value", detail=[{"parameter": name[:40], "message": "重复的参数 / repeated parameter"} for name in exc.names[:5]])
        known = ", ".join(exc.known)
        detail = [{"parameter": name[:40], "message": "未知参数 / unknown parameter"} for name in exc.names[:5]]
        return error_json(400, "unknown_parameter", f"未知参数 {names}（可用：{known}） / unknown parameter(s) {names}: this operation takes {known}",
                          detail=detail)

    @app.exception_handler(BadQuery)
    async def bad_query(request: Request, exc: BadQuery) -> Response:
        return error_json(400, "bad_query", f"the query could not be run: {exc}")

    @app.exception_handler(NotFound)
    async def not_found(request: Request, exc: NotFound) -> Response:
        return error_json(404, "not_found", "没有这个编号的记录 / no record with this id")

    @app.exception_handler(Gone)
    async def gone(request: Request, exc: Gone) -> Response:
        record = exc.record
        if exc.replaced_by:  # superseded: the same document lives on under another id (probe4)
            return error_json(410, "withdrawn", f"已由新记录取代 / this record was replaced by record {exc.replaced_by}", id=record.id,
                              title=record.title, source_url=record.url, replaced_by=exc.replaced_by,
                              replaced_by_url=f"/api/documents/{exc.replaced_by}")
        return error_json(
            410, "withdrawn", "已撤销 / this record has been withdrawn", id=record.id, title=record.title, source_url=record.url
        )

    @app.exception_handler(SearchIndexError)
    async def index_unavailable(request: Request, exc: SearchIndexError) -> Response:
        # Outdated, corrupt or locked index: the server is fine, the operator has to act (the message says how).
        log.error("search index unavailable: %s", exc)
        if not wants_json(request.url.path):
            return page_error(request, 503, "检索暂时不可用", "搜索索引正在重建或需要维护，请稍后再试。")
        return JSONResponse({"error": "index_unavailable", "message": str(exc)}, status_code=503, headers={"Retry-After": "60"})

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        path = request.url.path
        if exc.status_code == 404 and not wants_json(path) and not path.startswith("/static/"):
            return page_error(request, 404, "找不到这个页面", "地址可能有误。请从首页重新搜索。")
        message = exc.detail if isinstance(exc.detail, str) else "request failed"
        if exc.status_code in _CHINESE_FIRST and not _HAN.search(message):  # Starlette's own English (a path no route takes)
            message = f"{_CHINESE_FIRST[exc.status_code]} / {message}"
        code = {404: "not_found", 405: "method_not_allowed", 429: "rate_limited"}.get(exc.status_code, "http_error")
        headers = getattr(exc, "headers", None)
        if exc.status_code == 405:
            headers = {**(headers or {}), "Allow": allowed_methods(request)}
        return JSONResponse({"error": code, "message": message}, status_code=exc.status_code, headers=headers)


def allowed_methods(request: Request) -> str:
    """Every method some route takes at this path (RFC 9110 §15.5.6: a 405 lists them in Allow). Starlette names only
    the first route's: GET /healthz and HEAD /healthz are two routes, so OPTIONS got `Allow: HEAD` (schemathesis)."""
    from fastapi.routing import iter_route_contexts  # the routes of included routers too (FastAPI includes them lazily)
    from starlette.routing import compile_path

    path = request.scope.get("path", "")
    methods: set[str] = set()
    for route in iter_route_contexts(request.app.router.routes):
        if route.methods and route.path and compile_path(route.path)[0].match(path):
            methods |= set(route.methods)
    if "GET" in methods:
        methods.add("HEAD")  # web/head.py answers HEAD wherever GET is
    return ", ".join(sorted(methods))
