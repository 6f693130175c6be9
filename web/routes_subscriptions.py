"""Citizens' email subscriptions (issue 22; feeds/subscriptions.py): subscribe, confirm, one-click unsubscribe.

Confirm and unsubscribe links open a page with one button that POSTs (a mail scanner fetching the link
changes nothing); the mail client's RFC 8058 one-click POST to the unsubscribe URL unsubscribes at once.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

router = APIRouter()
_templates: Any = None
FILTERS = ("kind", "issuer", "notice_type", "topic", "year", "date_from", "date_to", "area")  # area: a street's outages


def _page(request: Request, title: str, message: str, status: int = 200, *, action: str = "", fields: Sequence[tuple[str, str]] = (),
          button: str = "") -> HTMLResponse:
    global _templates
    if _templates is None:
        from gongkai.web.pages import make_templates

        _templates = make_templates()
    context = {"title": title, "message": message, "failed": status >= 400, "action": action, "fields": list(fields), "button": button}
    return _templates.TemplateResponse(request, "subscription.html", context, status_code=status,
                                       headers={"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"})


def _engine(request: Request) -> Any:
    return request.app.state.engine


def _alerts(request: Request) -> Any:
    from gongkai.facades import Facades

    return Facades.of(_engine(request)).alerts


async def _form(request: Request) -> dict[str, str]:
    form: Mapping[str, Any]
    try:
        form = await request.form()
    except Exception:  # noqa: BLE001 - a body that is not a form: the query string alone
        form = {}
    values = {k: v for k, v in request.query_params.items()}
    values.update({k: v for k, v in form.items() if isinstance(v, str)})
    return values


@router.post("/subscriptions", response_class=HTMLResponse, include_in_schema=False)
async def subscribe_form(request: Request) -> HTMLResponse:
    from fastapi.concurrency import run_in_threadpool

    from gongkai.errors import AlertError
    from gongkai.facades import Facades

    values = await _form(request)
    filters = {name: values.get(name) for name in FILTERS}
    try:
        await run_in_threadpool(Facades.of(_engine(request)).alerts.subscribe, values.get("email", ""), values.get("q", ""), filters)
    except AlertError as exc:
        return _page(request, "订阅未成功", str(exc), 422)
    sent_to = Facades.of(_engine(request)).alerts.typed_address(values.get("email", ""))
    return _page(request, "请查收确认邮件", f"确认邮件已发往 {sent_to}。打开邮件中的链接后，订阅才会生效。")


@router.get("/subscriptions/confirm", response_class=HTMLResponse, include_in_schema=False)
def confirm_page(request: Request, id: str = "", key: str = "") -> HTMLResponse:
    from gongkai.facades import Facades

    state, says = Facades.of(_engine(request)).alerts.link_state(id, key)
    if state == "confirmed":  # the link opened again (from the mail, a second tab): no error, it is done
        return _page(request, "订阅已确认", says)
    if state != "pending":
        return _page(request, "链接已过期" if state == "expired" else "链接无效", says, 404)
    return _page(request, "确认订阅", "点击下面的按钮确认订阅。", action="/subscriptions/confirm", fields=[("id", id), ("key", key)], button="确认订阅")


@router.post("/subscriptions/confirm", response_class=HTMLResponse, include_in_schema=False)
async def confirm_post(request: Request) -> HTMLResponse:
    from fastapi.concurrency import run_in_threadpool

    from gongkai.errors import AlertError
    from gongkai.facades import Facades

    values = await _form(request)
    try:
        await run_in_threadpool(Facades.of(_engine(request)).alerts.confirm, values.get("id", ""), values.get("key", ""))
    except AlertError as exc:
        return _page(request, "链接无效", str(exc), 404)
    return _page(request, "订阅成功", "从现在起有新结果时，我们会发邮件通知您；每封邮件都带一键退订链接。")


@router.get("/subscriptions/unsubscribe", response_class=HTMLResponse, include_in_schema=False)
def unsubscribe_page(request: Request, alert: str = "", key: str = "") -> HTMLResponse:
    if _alerts(request).unsubscribed_already(alert):  # opened again: it is done, no button
        return _page(request, "已退订", "此提醒已退订，您不会再收到它，您的邮箱已删除。")
    return _page(request, "退订", "点击下面的按钮退订此提醒，您的邮箱将被删除。", action="/subscriptions/unsubscribe",
                 fields=[("alert", alert), ("key", key)], button="退订")


@router.post("/subscriptions/unsubscribe", response_class=HTMLResponse, include_in_schema=False)
async def unsubscribe_post(request: Request) -> HTMLResponse:
    from fastapi.concurrency import run_in_threadpool

    values = await _form(request)  # RFC 8058: the URL carries alert and key, the body List-Unsubscribe=One-Click
    if not await run_in_threadpool(_alerts(request).unsubscribe, values.get("alert", ""), values.get("key", "")):
        return _page(request, "链接无效", "退订链接无效。", 404)
    return _page(request, "已退订", "您不会再收到此提醒，您的邮箱已删除。")
