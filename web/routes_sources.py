"""Freshness routes (issue 22): GET /api/sources for operators (the admin login), and the public /status page.

The operators' view names every source with its runs, cadence and overdue state (ops/freshness.py); the
public page shows only, per issuing agency, the date of its newest document and when it was last checked.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Depends, Request, Security
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.security.http import HTTPBase

from gongkai.web.routes_admin import _engine, require_operator
from gongkai.web.schemas import ErrorResponse

if TYPE_CHECKING:  # for annotations only: at run time the engine is handed in, never imported here
    from gongkai.engine import Engine

router = APIRouter()
_templates: Any = None


#: What the operators' login answers besides the list (JSON errors, like every /api/ route).
_LOGIN_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorResponse, "description": "not logged in as an operator (HTTP Basic), or the admin page is closed"},
    429: {"model": ErrorResponse, "description": "too many failed logins; see Retry-After"},
}


# The operators' login, declared in the OpenAPI document for API clients; it never answers for the route
# (auto_error=False): require_operator checks it.
_OPERATOR_LOGIN = HTTPBase(scheme="basic", auto_error=False, scheme_name="operatorLogin", description="an operator's admin login (HTTP Basic)")


@router.get("/api/sources", tags=["operations"], summary="Freshness of every source (operators: the admin login)",
            responses=_LOGIN_ERRORS, dependencies=[Security(_OPERATOR_LOGIN)])
def api_sources(request: Request, _user: str = Depends(require_operator)) -> JSONResponse:
    from gongkai.facades import Facades

    rows = [entry.as_dict() for entry in Facades.of(_engine(request)).status.sources()]
    return JSONResponse({"sources": rows, "overdue": sum(1 for row in rows if row["overdue"])}, headers={"Cache-Control": "no-store"})


@router.get("/status", response_class=HTMLResponse, include_in_schema=False)
def public_status(request: Request) -> HTMLResponse:
    global _templates
    from gongkai.facades import Facades
    from gongkai.web.pages import make_templates

    facades = Facades.of(_engine(request))
    zone = facades.jobs.timezone()
    agencies = facades.status.public_agencies()
    for row in agencies:
        seen = row["last_checked"]
        row["last_checked_local"] = datetime.fromisoformat(seen).astimezone(zone).strftime("%Y-%m-%d %H:%M") if seen else None
    if _templates is None:
        _templates = make_templates()
    return _templates.TemplateResponse(request, "sources_status.html", {"agencies": agencies})


def sources_section(engine: Engine, zone: Any) -> str:
    """The admin page's freshness table: overdue sources first, with their reasons."""
    from html import escape

    from gongkai.facades import Facades

    def when(value: Any) -> str:
        return escape(value.astimezone(zone).strftime("%Y-%m-%d %H:%M")) if value else "—"

    rows = []
    for entry in Facades.of(engine).status.sources():
        cadence = f"{entry.cadence_days:g} d ({entry.cadence_from})" if entry.cadence_days else "unknown"
        overdue = f'<strong class="error">since {when(entry.overdue_since)}</strong>' if entry.overdue else "暂停 paused" if entry.paused_since else "no"
        missing = f"; {len(entry.missing_editions)} editions missing (60 d)" if entry.missing_editions else ""
        rows.append(f"<tr><td>{escape(entry.name)}</td><td>{escape(entry.kind)}</td><td>{entry.records}</td><td>{when(entry.last_run)}</td>"
                    f"<td>{when(entry.last_new_record)}</td><td>{escape(cadence)}</td><td>{overdue}</td>"
                    f"<td>{escape('; '.join(entry.reasons))}{escape(missing) if not entry.reasons else ''}</td></tr>")
    if not rows:
        return ""
    return ('<table id="sources"><caption>来源更新 source freshness</caption><thead><tr><th>来源 source</th><th>类型 kind</th><th>记录 records</th>'
            '<th>上次运行 last run</th><th>最近新记录 last new record</th><th>应有频率 cadence</th><th>逾期 overdue</th><th>原因 why</th></tr></thead><tbody>'
            + "".join(rows) + "</tbody></table>")
