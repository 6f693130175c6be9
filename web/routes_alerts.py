"""Alert routes (issue 22): an alert's own Atom feed, and the alerts table of the admin page.

The feed's URL carries the alert's secret (`?key=`), since feed readers cannot send headers; a wrong
key and an unknown alert get the same 404, so that ids cannot be probed.
"""

from __future__ import annotations

import hmac
from datetime import tzinfo
from html import escape
from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response

if TYPE_CHECKING:  # for annotations only: at run time the engine is handed in, never imported here
    from gongkai.engine import Engine

router = APIRouter()
ATOM_TYPE = "application/atom+xml; charset=utf-8"


def _engine(request: Request) -> Any:
    state = request.app.state
    engine = getattr(state, "engine", None)
    if engine is None and getattr(state, "ctx", None) is not None:
        engine = state.ctx.engine
    return engine


@router.get("/alerts/{alert_id}/feed.atom", tags=["feeds"], summary="Atom feed of one saved-search alert (its secret as ?key=)",
            response_class=Response, responses={200: {"description": "an Atom feed", "content": {"application/atom+xml": {"schema": {"type": "string"}}}},
                                                404: {"description": "no such alert, or a wrong key"}})
def alert_feed(request: Request, alert_id: str, key: str = "") -> Response:
    from gongkai.facades import Facades

    engine = _engine(request)
    facades = Facades.of(engine) if engine is not None else None
    alert = facades.alerts.find(alert_id) if facades is not None else None
    if facades is None or alert is None or not hmac.compare_digest(alert.secret.encode(), key.encode()):
        return JSONResponse({"error": "not_found", "message": "没有这个提醒，或密钥不对 / no such alert, or a wrong key"}, status_code=404)
    sent = facades.alerts.sent_records(alert.id, engine.settings.feeds.atom_entries)
    records = engine.store.get_many([record_id for record_id, _ in sent])
    changed = facades.feeds.change_times(list(records))
    entries = [(records[i], changed.get(i, when)) for i, when in sent if i in records and not records[i].withdrawn]
    what = alert.query or "全部"
    body = facades.feeds.atom_feed(
        title=f"提醒：{what} — 公开 gongkai", subtitle="订阅的搜索有新结果时更新",
        feed_url=facades.feeds.public_base() + f"/alerts/{alert.id}/feed.atom", entries=entries, mark_validity=False,
    )
    return Response(body, media_type=ATOM_TYPE, headers={"Cache-Control": "no-store"})


def _when(iso: str | None, zone: tzinfo) -> str:
    from datetime import datetime

    if not iso:
        return "—"
    return escape(datetime.fromisoformat(iso).astimezone(zone).strftime("%Y-%m-%d %H:%M"))


def alerts_section(engine: Engine, zone: tzinfo) -> str:
    """The admin page's alerts table: each alert's last run, what it sent, what failed and why."""
    from gongkai.facades import Facades

    rows = []
    for alert in Facades.of(engine).alerts.overview():
        counts = alert["deliveries"]
        filters = " ".join(f"{k}={v}" for k, v in alert["filters"].items())
        state = '<strong class="error">失败 failing</strong>' if alert["failing"] else "正常 ok"
        rows.append(
            f"<tr><td>{escape(alert['id'])}</td><td>{escape(alert['query'] or '（全部）')} {escape(filters)}</td>"
            f"<td>{escape(alert['channel'])} {escape(alert['target'])}</td><td>{_when(alert['last_run_at'], zone)}</td>"
            f"<td>{counts['sent']} ({alert['records_sent']} records)</td><td>{counts['pending']}</td><td>{counts['failed']}</td>"
            f"<td>{state}</td><td>{escape(alert['last_error'] or '')}</td></tr>")
    if not rows:
        return ""
    return ('<table id="alerts"><caption>提醒 alerts</caption><thead><tr><th>id</th><th>search</th><th>delivery</th><th>last run</th>'
            '<th>sent</th><th>pending</th><th>given up</th><th>state</th><th>last error</th></tr></thead><tbody>'
            + "".join(rows) + "</tbody></table>")
