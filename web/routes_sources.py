"""Freshness routes (issue 22): GET /api/sources for operators (the admin login), and the public /status page.

The operators' view names every source with its runs, cadence and overdue state (ops/freshness.py); the
public page shows only, per issuing agency, the date of its newest document and when it was last checked.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, JSONResponse

from gongkai.web.routes_admin import _engine, require_operator

router = APIRouter()
_templates: Any = None


@router.get("/api/sources", tags=["operations"], summary="Freshness of every source (operators: the admin login)")
def api_sources(request: Request, _user: str = Depends(require_operator)) -> JSONResponse:
    from gongkai.ops.freshness import sources_status

    rows = [entry.as_dict() for entry in sources_status(_engine(request))]
    return JSONResponse({"sources": rows, "overdue": sum(1 for row in rows if row["overdue"])}, headers={"Cache-Control": "no-store"})


@router.get("/status", response_class=HTMLResponse, include_in_schema=False)
def public_status(request: Request) -> HTMLResponse:
    global _templates
    from gongkai.ops.freshness import public_agencies
    from gongkai.ops.schedules import timezone_of
    from gongkai.web.pages import make_templates

    engine = _engine(request)
    zone = timezone_of(engine.settings.scheduler.timezone)
    agencies = public_agencies(engine)
    for row in agencies:
        seen = row["last_checked"]
        row["last_checked_local"] = datetime.fromisoformat(seen).astimezone(zone).strftime("%Y-%m-%d %H:%M") if seen else None
    if _templates is None:
        _templates = make_templates()
    return _templates.TemplateResponse(request, "sources_status.html", {"agencies": agencies})
