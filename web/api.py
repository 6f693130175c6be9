"""The JSON API: /api/search, /api/suggest, /api/documents/{id}, /api/lookup, /api/notices/outages, /api/stats, /healthz."""

# No `from __future__ import annotations`: the Query bounds below are read from `limits` when the routes are built.

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse

from gongkai.asked_days import read_listed_days
from gongkai.asked_hours import lookup_hours
from gongkai.dates import beijing_today
from gongkai.identifiers import normalize_index_number, typed_doc_number
from gongkai.outages import answer_json, on_days
from gongkai.record import NOTICE_TYPES
from gongkai.search_params import (
    NAME_MAX_CHARS,
    WORD_MAX_CHARS,
    ParameterError,
    SearchParams,
    build_params,
    clean_query,
    nothing_searchable_note,
    parse_lookup_days,
)
from gongkai.search_types import SUGGESTION_TYPES
from gongkai.web import schemas, succession
from gongkai.web.service import WebContext

#: /api/suggest bounds: a completion is for a prefix being typed, not a query.
SUGGEST_MAX_QUERY = 100
SUGGEST_DEFAULT_LIMIT = 8
SUGGEST_MAX_LIMIT = 20

_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": schemas.ErrorResponse, "description": "a parameter this operation does not take (unknown_parameter) or given twice "
          "(repeated_parameter), or a query the engine cannot take"},
    422: {"model": schemas.ErrorResponse, "description": "a parameter is invalid or out of bounds"},
}


#: Query parameters every operation takes and ignores: jQuery's cache buster (`$.ajax({cache: false})` adds `_=1733…`).
IGNORED_PARAMETERS = frozenset({"_"})


class UnknownParameters(Exception):
    """Query parameters an operation does not take (`limt=5`, `size=`): refused (400), not ignored, since an ignored
    one answers another question than the client asked (a `keyword=` search answered every record)."""

    def __init__(self, names: list[str], known: list[str], repeated: bool = False) -> None:
        super().__init__(", ".join(names))
        self.names, self.known, self.repeated = names, known, repeated


def known_parameters_only(request: Request) -> None:
    """A route's dependency: every query parameter is one the route declares (by its name in the query: `from`)."""
    route = request.scope.get("route")
    dependant = getattr(route, "dependant", None)
    if dependant is None:
        return
    known = [param.alias for param in dependant.query_params]
    unknown = [name for name in dict.fromkeys(request.query_params.keys()) if name not in known and name not in IGNORED_PARAMETERS]
    if unknown:
        raise UnknownParameters(unknown, known)
    # every parameter holds one value: of `kind=notice&kind=disclosure` the last was taken, the first dropped unsaid
    names = [name for name, _ in request.query_params.multi_items() if name not in IGNORED_PARAMETERS]
    repeated = [name for name in dict.fromkeys(names) if names.count(name) > 1]
    if repeated:
        raise UnknownParameters(repeated, known, repeated=True)


_STRICT = [Depends(known_parameters_only)]


class NotFound(LookupError):
    """An id the store does not know."""


class Gone(Exception):
    """A withdrawn record (已撤销): the API answers 410 with the record's id and title only, and the id of the record
    that replaced it when it was superseded (the same file sent again with a 索引号: web/succession.py, probe4)."""

    def __init__(self, record: Any, replaced_by: str | None = None):
        super().__init__(record.id)
        self.record = record
        self.replaced_by = replaced_by


def hit_to_schema(hit: Any) -> schemas.SearchHit:
    return schemas.SearchHit(
        id=hit.id,
        title=hit.title,
        doc_number=getattr(hit, "doc_number", "") or "",
        index_number=getattr(hit, "index_number", "") or "",
        issuer=getattr(hit, "issuer", "") or "",
        publish_date=getattr(hit, "publish_date", None),
        kind=hit.kind,
        notice_type=getattr(hit, "notice_type", None),
        url=getattr(hit, "url", "") or "",
        snippet_html=getattr(hit, "snippet_html", "") or "",
        snippet_text=getattr(hit, "snippet_text", "") or "",
        score=float(getattr(hit, "score", 0.0) or 0.0),
        detail_url=f"/api/documents/{hit.id}",
        explain=getattr(hit, "explain", None),
        validity=getattr(hit, "validity", None) or "unknown",
        partial=bool(getattr(hit, "partial", False)),
    )


def search_result(params: SearchParams, response: Any, settings: Any) -> schemas.SearchResult:
    return schemas.SearchResult(
        q=params.q,
        total=response.total,
        page=params.page,
        page_size=params.page_size,
        pages=params.last_page(response.total, settings.search),
        sort=params.sort,
        hits=[hit_to_schema(hit) for hit in response.hits],
        facets={name: dict(counts) for name, counts in (response.facets or {}).items()} if params.facets else {},
        relaxed=bool(getattr(response, "relaxed", False)),
        dropped=list(getattr(response, "dropped", []) or []),
        did_you_mean=list(getattr(response, "did_you_mean", []) or []),
        approximate=bool(getattr(response, "approximate", False)),
        nothing_searchable=bool(getattr(response, "nothing_searchable", False)),
        message=nothing_searchable_note(params.q) if getattr(response, "nothing_searchable", False) else "",
    )


def build_api_router(ctx: WebContext) -> APIRouter:
    """Routes bound to one engine; the limits in the OpenAPI schema are the configured ones."""
    limits = ctx.settings.search
    router = APIRouter()

    @router.get("/healthz", response_model=schemas.Health, tags=["service"], summary="Liveness and readiness")
    @router.head("/healthz", include_in_schema=False)  # uptime monitors ask with HEAD
    def healthz() -> schemas.Health:
        # Touch both parts: the store (a lookup of an id that cannot exist) and the index (a one-hit search).
        ctx.get("healthz-probe")
        probe = ctx.search(SearchParams(page_size=1, facets=False))
        return schemas.Health(status="ok", documents=probe.total)

    @router.get(
        "/api/search",
        response_model=schemas.SearchResult,
        responses=_ERRORS,
        dependencies=_STRICT,
        tags=["search"],
        summary="Full-text search (same semantics as `gongkai search`)",
        description="Chinese full-text search over disclosures and notices. A query that is a 文号 or 索引号 "
        "(any bracket variant) finds that document first. Filters combine with AND.",
    )
    def search(
        request: Request,
        q: Annotated[str, Query(max_length=limits.max_query_length, description="words, a 文号, a 索引号, a company or a street")] = "",
        kind: Annotated[str | None, Query(description="disclosure (政府信息公开) or notice (便民公告)")] = None,
        issuer: Annotated[str | None, Query(max_length=NAME_MAX_CHARS, description="发布机构, exact name")] = None,
        notice_type: Annotated[str | None, Query(description=", ".join(NOTICE_TYPES))] = None,
        topic: Annotated[str | None, Query(max_length=NAME_MAX_CHARS, description="主题分类, exact value")] = None,
        # the year and sort as text, read by build_params as the page, the feed and the CLI read them (review20: 2014年,
        # ２０１４ and 发布日期 were refused here as no integer and no pattern match)
        year: Annotated[str | None, Query(max_length=WORD_MAX_CHARS, description="publication year, 1900-2100: 2014, 2014年 or ２０１４")] = None,
        date_from: Annotated[str | None, Query(max_length=WORD_MAX_CHARS, description="published on or after (2024-05-06, 2024年5月6日)")] = None,
        date_to: Annotated[str | None, Query(max_length=WORD_MAX_CHARS, description="published on or before")] = None,
        validity: Annotated[str | None, Query(max_length=WORD_MAX_CHARS, description="in_force, amended, repealed, expired, not_yet_in_force, suspended, unknown (or 现行有效, 已修改, 已废止, 已失效, 尚未施行, 暂停执行)")] = None,
        from_: Annotated[str | None, Query(alias="from", max_length=WORD_MAX_CHARS, description="same as date_from (the CLI's --from)")] = None,
        to: Annotated[str | None, Query(max_length=WORD_MAX_CHARS, description="same as date_to (the CLI's --to)")] = None,
        sort: Annotated[str, Query(max_length=WORD_MAX_CHARS, description="relevance or date (newest first), or the page's words 相关度, 发布日期")] = "relevance",
        page: Annotated[int, Query(ge=1, le=1_000_000, description=f"1-based; page × page_size may not pass {limits.max_offset}")] = 1,
        page_size: Annotated[int, Query(ge=1, le=limits.max_page_size, description="results per page")] = limits.default_page_size,
        limit: Annotated[int | None, Query(ge=1, le=limits.max_page_size, description="same as page_size (the name many clients send)")] = None,
        facets: Annotated[bool, Query(description="include facet counts")] = True,
        explain: Annotated[bool, Query(description="each hit says why it ranks where it does (its ranking factors)")] = False,
    ) -> Any:
        if limit is not None:  # `limit` is page_size by another name; the two naming different sizes is no question
            if "page_size" in request.query_params and page_size != limit:
                raise ParameterError("limit", f"与 page_size 不一致 / limit={limit} and page_size={page_size}: give one of them")
            page_size = limit
        raw = {
            "q": q, "kind": kind, "issuer": issuer, "notice_type": notice_type, "topic": topic,
            "year": year, "date_from": date_from, "date_to": date_to, "from": from_, "to": to,
            "validity": validity, "sort": sort, "page": str(page), "page_size": str(page_size), "facets": "true" if facets else "false",
            "explain": "true" if explain else "false",
        }  # fmt: skip
        params = build_params(raw, limits, strict=True)
        result = search_result(params, ctx.search(params), ctx.settings)
        # 湖滨南路明天停电吗: the outage lookup's answer beside the results, as the page shows it (first page)
        answer = ctx.outage_answer(params.q) if params.page == 1 else None
        result.outage = schemas.QuestionAnswer.model_validate(answer.as_json()) if answer is not None else None
        return result

    @router.get(
        "/api/suggest",
        response_model=schemas.SuggestResult,
        responses=_ERRORS,
        dependencies=_STRICT,
        tags=["search"],
        summary="Completions for the search box: issuers, titles, 文号, streets",
        description="Prefix matching on folded text (full-width/half-width, 繁/简, brackets ignored: 厦府[2014 and "
        "厦府2014 both find 厦府〔2014〕…); issuers also by their name without the place (财政局 → 厦门市财政局), titles "
        "also by the words after 关于. Built from the store in memory and refreshed on each index commit. "
        "Lost-property notices (遗失声明) name private persons and give no suggestions.",
    )
    def suggest(  # sync: the first request of a process may wait for the word list to be built from the store
        q: Annotated[str, Query(min_length=1, max_length=SUGGEST_MAX_QUERY, description="what has been typed so far")],
        limit: Annotated[int, Query(ge=1, le=SUGGEST_MAX_LIMIT, description="at most this many suggestions")] = SUGGEST_DEFAULT_LIMIT,
        types: Annotated[str | None, Query(max_length=100, description="comma-separated subset of issuer,title,doc_number,street (default: all)")] = None,
    ) -> Any:
        prefix = clean_query(q)
        wanted = parse_suggestion_types(types)
        found = ctx.suggest(prefix, limit, wanted) if prefix else []
        return schemas.SuggestResult(
            q=prefix, suggestions=[schemas.Suggestion(text=s.text, type=s.type, count=s.count) for s in found]
        )

    @router.get(
        "/api/documents/{record_id}",
        response_model=schemas.DocumentResponse,
        responses={404: {"model": schemas.ErrorResponse}, 410: {"model": schemas.WithdrawnResponse}},
        tags=["documents"],
        summary="One record in full: metadata, body, attachments, versions, source URL",
    )
    # async: run on the event loop, not in the thread pool. The work is one indexed store read and
    # serialisation, under a millisecond; in the pool, 40 threads taking turns on the GIL made these
    # requests wait behind each other (bench/load_api.py, 50 clients: p99 of documents 52 -> 16-29 ms).
    async def document(record_id: str) -> Any:
        # One store read: the last version is the current record.
        all_versions = ctx.versions(record_id)
        if not all_versions:
            raise NotFound(record_id)
        record = all_versions[-1]
        if record.withdrawn:
            raise Gone(record, succession.successor(ctx.engine, record.id))
        versions = [
            schemas.VersionSummary(
                version=v.version, content_hash=v.content_hash, title=v.title,
                first_seen=v.first_seen, last_seen=v.last_seen, withdrawn=v.withdrawn,
            )
            for v in all_versions
        ]  # fmt: skip
        view = ctx.engine.validity(record.id)  # issue 19: derived in the store, one indexed read
        return schemas.DocumentResponse(
            record=record, versions=versions, source_url=record.url, page_url=f"/documents/{record.id}",
            validity=view["validity"], cites=view["cites"], cited_by=view["cited_by"], cited_by_total=view.get("cited_by_total", 0),
        )

    @router.get(
        "/api/documents/{record_id}/diff",
        response_model=schemas.DiffResponse,
        response_model_by_alias=True,
        responses={404: {"model": schemas.ErrorResponse}, 410: {"model": schemas.WithdrawnResponse}, 422: {"model": schemas.ErrorResponse}},
        tags=["documents"],
        summary="What changed between two stored versions (fields, and the body word by word); default: the last change",
    )
    def document_diff(
        record_id: str,
        from_: Annotated[int | None, Query(alias="from", ge=1, le=1_000_000, description="older version (default: the one before `to`)")] = None,
        to: Annotated[int | None, Query(ge=1, le=1_000_000, description="newer version (default: the current one)")] = None,
    ) -> Any:
        record = ctx.get(record_id)
        if record is None:
            raise NotFound(record_id)
        if record.withdrawn:
            raise Gone(record)
        try:
            return ctx.engine.diff(record_id, from_, to)
        except KeyError:
            raise NotFound(record_id) from None
        except ValueError as exc:
            raise ParameterError("from" if from_ and str(from_) in str(exc) else "to", f"没有这个版本 / {exc}") from None

    @router.get(
        "/api/lookup",
        response_model=schemas.LookupResponse,
        responses=_ERRORS,
        dependencies=_STRICT,
        tags=["documents"],
        summary="Exact lookup by 文号 or 索引号 (any bracket or width variant)",
    )
    async def lookup(  # async for the same reason as document(): one short index search and store read
        doc_number: Annotated[str | None, Query(max_length=100, description="文号, e.g. 厦府〔2014〕12号 or 厦府[2014]12号")] = None,
        index_number: Annotated[str | None, Query(max_length=100, description="索引号, e.g. XM00100-0200-2014-00012")] = None,
    ) -> Any:
        doc_number = clean_query(doc_number or "") or None
        index_number = clean_query(index_number or "") or None
        if not doc_number and not index_number:
            raise ParameterError("doc_number", "请提供文号或索引号 / give doc_number or index_number")
        records = [r for r in ctx.lookup(doc_number, index_number) if not r.withdrawn]
        return schemas.LookupResponse(
            doc_number=typed_doc_number(doc_number) if doc_number else None,  # the 文号 the lookup asked for: 厦府2014年12号 → 厦府〔2014〕12号
            index_number=normalize_index_number(index_number) if index_number else None,
            count=len(records),
            records=records,
        )

    @router.get(
        "/api/notices/outages",
        response_model=schemas.OutageAnswer,
        responses=_ERRORS,
        dependencies=_STRICT,
        tags=["notices"],
        summary="Is this street affected by a water/power outage on this day?",
        description="Answers from the events of 停水停电 notices (each window with the places printed with it): "
        "affected when an event naming the area covers the day. A road matches its sections and house-number ranges, "
        "a community its own name; full-width/Traditional differences are ignored.",
    )
    def outages(
        area: Annotated[str, Query(min_length=1, max_length=100, description="street, community or building, e.g. 湖滨南路")],
        date: Annotated[str | None, Query(max_length=40, description="the day (2024-05-06, 2024年5月6日, 5月6日, 12/7, 明天, 周一: from today in Beijing) or the days (下周, 周末, 国庆, 12月7日至9日: `date` is the first, `until` the last); omitted: any day")] = None,
    ) -> Any:
        area = clean_query(area)
        if not area:
            raise ParameterError("area", "请填写街道或小区 / must not be blank")
        day, until = parse_lookup_days("date", date)
        found = ctx.outages(area, day, until, lookup_hours(date))  # 2037-12-08下午: those hours (outages12)
        if date and (listed := read_listed_days(date, beijing_today())):  # 12月7日和12月9日: those two days' windows alone
            found = on_days(found, listed)
        return schemas.OutageAnswer.model_validate(answer_json(area, day, found, until))

    @router.get("/api/stats", response_model=schemas.Stats, tags=["service"], summary="Records by kind and source, index size, last crawl and sync")
    def stats() -> Any:
        stats = ctx.stats()
        stats.pop("data_dir", None)  # a server path is nobody's business over HTTP
        return schemas.Stats(**stats)

    return router


def parse_suggestion_types(value: str | None) -> list[str] | None:
    """`issuer,street` -> ['issuer', 'street']; None or blank: every type. An unknown name is a 422."""
    if value is None or not value.strip():
        return None
    names = [name.strip() for name in value.split(",") if name.strip()]
    unknown = [name for name in names if name not in SUGGESTION_TYPES]
    if unknown or not names:
        raise ParameterError("types", f"未知类型 / unknown type {unknown[0][:30] if unknown else value[:30]!r}; use {', '.join(SUGGESTION_TYPES)}")
    return list(dict.fromkeys(names))


def error_json(status: int, error: str, message: str, **extra: Any) -> JSONResponse:
    return JSONResponse({"error": error, "message": message, **extra}, status_code=status)
