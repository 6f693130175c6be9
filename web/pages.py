"""The citizens' pages: search (/ and /search), record detail (/documents/{id}), outage check (/outages)."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from gongkai import labels, withdrawal_reasons
from gongkai.asked_days import read_listed_days
from gongkai.asked_hours import lookup_hours
from gongkai.dates import beijing_today
from gongkai.outage_question import lookup_fields, merged_answers
from gongkai.outages import on_days
from gongkai.search_params import ParameterError, SearchParams, build_params, clean_query, parse_lookup_days
from gongkai.web import originals, presenters, ranges, succession
from gongkai.web.highlight import highlight_terms, safe_snippet, safe_url
from gongkai.web.public_prefix import page_context, public_path
from gongkai.web.service import BadQuery, WebContext

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
#: The search box's placeholder: queries as citizens type them, each of which finds something on the demo data (tested).
SEARCH_EXAMPLES = ("厦府〔2014〕12号", "营业执照遗失", "湖滨南路停水")


def make_templates() -> Jinja2Templates:
    # `base`: the public path prefix every root-relative link is written under (web/public_prefix.py)
    templates = Jinja2Templates(directory=str(TEMPLATES_DIR), context_processors=[page_context])
    env = templates.env
    env.add_extension("jinja2.ext.do")
    env.globals.update(labels=labels, search_examples=SEARCH_EXAMPLES)
    env.filters.update(
        snippet=safe_snippet,
        highlight=highlight_terms,
        safe_url=safe_url,
        day=presenters.format_day,
        shorten=presenters.shorten,
        window=presenters.format_window,
        kind_label=labels.kind_label,
        notice_type_label=labels.notice_type_label,
    )
    return templates


def build_page_router(ctx: WebContext, templates: Jinja2Templates) -> APIRouter:
    # HEAD too: link checkers and uptime monitors ask with it.
    router = APIRouter(include_in_schema=False)
    limits = ctx.settings.search

    def render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
        return templates.TemplateResponse(request, name, context, status_code=status)

    @router.api_route("/", methods=["GET", "HEAD"], response_class=HTMLResponse)
    @router.api_route("/search", methods=["GET", "HEAD"], response_class=HTMLResponse)
    def search_page(request: Request) -> HTMLResponse:
        raw = {key: request.query_params.get(key) for key in request.query_params}
        try:
            params = build_params(raw, limits, strict=False)
        except ParameterError as error:  # only an over-long query gets here
            params = SearchParams(q=(raw.get("q") or "")[: limits.max_query_length], page_size=limits.default_page_size)
            return render(request, "search.html", 400, params=params, result=None, error=error.message, feed_url=None)
        started = time.perf_counter()
        try:
            result = ctx.search(params)
        except BadQuery as error:
            return render(request, "search.html", 400, params=params, result=None, error=f"无法理解这个查询：{error}", feed_url=None)
        elapsed_ms = (time.perf_counter() - started) * 1000
        last_page = params.last_page(result.total, limits)
        return render(
            request,
            "search.html",
            params=params,
            result=result,
            error=None,
            elapsed_ms=elapsed_ms,
            groups=presenters.facet_groups(params, result.facets or {}),
            # issue 19: each hit's validity badge (one indexed read for the page's ids)
            validity=ctx.engine.store.validity_statuses([hit.id for hit in result.hits]),
            marks=ctx.engine.marks(params.q),  # the query's words, marked in each hit's title
            pages=presenters.page_links(params, last_page),
            last_page=last_page,
            first_rank=params.offset + 1,
            # The Atom feed of this search (web/routes_feeds.py) takes the same query string, so a reader subscribes to what they see.
            feed_url=params.url("/feeds/search.atom", page=1),
            # 湖滨南路明天停电吗: the outage lookup's answer above the results (first page only)
            outage=ctx.outage_answer(params.q) if params.page == 1 else None,
            outage_rows=presenters.event_rows,
            outage_windows_shown=OUTAGE_WINDOWS_SHOWN,
        )

    @router.api_route("/documents/{record_id}", methods=["GET", "HEAD"], response_class=HTMLResponse)
    def detail_page(request: Request, record_id: str) -> Response:
        q = clean_query(request.query_params.get("q") or "")[: limits.max_query_length]
        record = ctx.get(record_id)
        if record is None:
            return render(request, "error.html", 404, title="找不到这条信息", message="没有这个编号的文件或公告，它可能从未收录。")
        if record.withdrawn:
            # Replaced by the same file sent again with its 索引号: the reader goes on to it (probe4), not 已撤销.
            if (replaced_by := succession.successor(ctx.engine, record.id)) is not None:
                return RedirectResponse(public_path(request, f"/documents/{replaced_by}") + (f"?{urlencode({'q': q})}" if q else ""),
                                        status_code=301)
            # who withdrew it, in the reader's words (probe5: a column reparse's leftover was "revoked by its issuer")
            gone_words = withdrawal_reasons.words_zh(ctx.engine.store.withdrawn_reason(record.id),
                                                     taken_down=ctx.engine.store.takedown(record.id) is not None)
            return render(request, "gone.html", 410, record=record, gone_words=gone_words)
        back = public_path(request, f"/search?{urlencode({'q': q})}" if q else "/")
        return render(
            request,
            "detail.html",
            record=record,
            q=q,
            marks=ctx.engine.marks(q),  # what the search matched, marked in the title and the text
            back_url=back,
            notice_fields=presenters.notice_fields(record.notice),
            outage_events=presenters.outage_events(record.notice),
            paragraphs=presenters.paragraphs(record.body),
            versions=(versions := ctx.versions(record.id)),
            # issue 19: is it in force, what it names and is named by, and what its last change was
            validity=(view := ctx.engine.validity(record.id))["validity"],
            # a repeal still to come (probe4), on the day the sentence prints for this record
            pending_repeals=presenters.pending_repeals(ctx.engine, view["validity"], record.title, record.doc_number),
            cites=view["cites"],
            cited_by=view["cited_by"],
            cited_by_total=view.get("cited_by_total", len(view["cited_by"])),
            last_change=ctx.engine.diff(record.id) if len(versions) > 1 else None,
            # probe4: the file as published (a pushed PDF has no source link), and each attachment's own page here
            original=originals.original_of(ctx.engine, record) if originals.may_have_original(record) else None,  # reads the file
            attachment_pages=originals.attachment_pages(ctx.engine, record),
        )

    @router.api_route("/documents/{record_id}/original", methods=["GET", "HEAD"])
    def original_file(request: Request, record_id: str) -> Response:
        """The kept file a record was read from: a scan read by OCR (issue 21), so a reader can check the reading, or
        a PDF or Office file as published (probe4). By the bytes' type (web/originals.py), with nosniff: never kept
        HTML or text."""
        record = ctx.get(record_id)
        kept = originals.original_of(ctx.engine, record) if record is not None and not record.withdrawn else None
        if kept is None or record is None:
            return render(request, "error.html", 404, title="没有原件", message="这条信息没有可供查看或下载的原件（网页和文本以本页正文为准）。")
        # byte ranges and a strong ETag (web/ranges.py): curl -C -, a viewer asking for the pages it shows
        return ranges.file_response(request, kept.data, kept.sha256, kept.media_type, {
            "X-Content-Type-Options": "nosniff", "Content-Disposition": originals.disposition(kept, record),
            "Cache-Control": "private, max-age=3600",
        })

    @router.api_route("/outages", methods=["GET", "HEAD"], response_class=HTMLResponse)
    def outage_page(request: Request) -> HTMLResponse:
        area = clean_query(request.query_params.get("area") or "")
        day_text = (request.query_params.get("date") or "").strip()[:40]
        typed = area
        areas, day_text = lookup_fields(area, day_text, beijing_today())  # 湖滨南路和仙岳路明天停电吗 typed in the place box
        area = areas[0]
        until_text = (request.query_params.get("until") or "").strip()[:40]  # the picker's second day: from date to until
        error, day, until, found = None, None, None, None
        listed: tuple[date, ...] = ()
        if until_text and until_text != day_text:  # read as the search box reads 12月7日至12月9日: the same range rules (at most 31 days, in order)
            day_text = f"{day_text}至{until_text}" if day_text else until_text
        try:
            day, until = parse_lookup_days("date", day_text)  # 下周, 国庆, 2026-12-07至2026-12-13: the days
            listed = read_listed_days(day_text, beijing_today())  # 2026-12-07和2026-12-09: those two days alone
        except ParameterError:
            error = (f"日期范围“{day_text}”无法识别：结束日期须在开始日期之后，且最多 31 天。" if until_text else
                     f"日期“{day_text}”无法识别，请写成 2024-05-06、2024年5月6日、5月6日或明天。")
        if len(area) > OUTAGE_AREA_MAX:  # as /api/notices/outages: refused, not cut (a cut name is another place)
            error = f"街道、小区或路名最多 {OUTAGE_AREA_MAX} 个字，请只写街道或小区的名称，例如：湖滨南路200号。"
            area = area[:OUTAGE_AREA_MAX]
            areas = (area, *areas[1:])
        if area and not error:
            try:
                # several places asked at once: each looked up, each notice once (as the search box's answer, outages15)
                hours = lookup_hours(day_text)  # 2037-12-08下午: those hours (outages12)
                answer = merged_answers([ctx.outages(place, day, until, hours) for place in areas])
                found = [(record, presenters.event_rows(events)) for record, events in (on_days(answer, listed) if listed else answer)]
            except ParameterError:
                error = f"“{area}”不是街道、小区或路名，请写完整的名称，例如：湖滨南路。"
        # each place's calendar and feed (a subscription is to one street)
        feeds = [{"area": place, "ics": public_path(request, f"/feeds/outages.ics?{urlencode({'area': place})}"),
                  "atom": public_path(request, f"/feeds/outages.atom?{urlencode({'area': place})}")} for place in areas if place]
        # the box keeps a question of several places as typed (asked again as it was); the answer says them all back
        return render(request, "outages.html", 400 if error else 200, area="、".join(areas), box=typed if len(areas) > 1 else area,
                      day=day, until=until, day_text=day_text, error=error, found=found, feeds=feeds, listed=listed, several=len(areas) > 1)

    return router


#: The outage windows the search page lists above its results for an outage question; the rest are on /outages.
OUTAGE_WINDOWS_SHOWN = 10

#: The longest place the outage page asks about (the API's `area` limit, web/api.py).
OUTAGE_AREA_MAX = 100
