"""The operators' admin page: status, jobs (run now, stop, pause/resume), run history with tracebacks, takedowns. Not public.

Login: HTTP Basic against settings.scheduler.admin_user / admin_password_hash (PBKDF2, see gongkai.ops.auth).
Without a configured hash the page stays closed (401 for everyone). Forms carry a CSRF token derived from
the password hash, because a browser resends Basic credentials on a cross-site form post by itself.

Include it in the app:  app.include_router(gongkai.web.routes_admin.router)
It finds the engine at app.state.engine, or app.state.ctx.engine (the web app's WebContext).

The 下架 takedowns section lists the operator takedowns in force and takes a record down or lifts one, in
the logged-in operator's name, through Engine.withdraw / Engine.restore (the same as `gongkai withdraw [--undo]`).

"Run now" starts the job in a background thread of this server process through gongkai.ops.control (the same
JobRunner as the scheduler and `gongkai jobs run`: same lease, same history). "Stop" sends the same stop request
whichever process runs the job. Both answer 303 back to /admin?notice=…, which the page shows (no JavaScript).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import threading
from collections.abc import Callable, Coroutine
from datetime import UTC, datetime, tzinfo
from html import escape
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.routing import APIRoute

from gongkai.errors import IndexLockedError, ScheduleError
from gongkai.facades import Facades
from gongkai.facades.jobs import verify_password
from gongkai.web.login_throttle import LoginThrottle
from gongkai.web.public_prefix import request_prefix

if TYPE_CHECKING:  # for annotations only: at run time the engine is handed in, never imported here
    from gongkai.engine import Engine



class _UnderPublicPrefix(APIRoute):
    """The admin answers under `feeds.public_base_url`'s path, as the citizens' pages (web/public_prefix.py): each
    root-relative link, form action and stylesheet of an admin page, and a redirect back to /admin, are rewritten
    once here, whichever section wrote them (jobs, takedowns, alerts, sources). They named the root, and an operator
    behind https://portal/gongkai/admin pressing a button posted to the portal's /admin (clients9, session 19)."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handle = super().get_route_handler()

        async def under_prefix(request: Request) -> Response:
            response = await handle(request)
            prefix = request_prefix(request)
            if not prefix:
                return response
            location = response.headers.get("location", "")
            if location.startswith("/") and not location.startswith("//"):
                response.headers["location"] = quote(prefix, safe="/%") + location  # a header is ASCII
            if isinstance(response, HTMLResponse):
                body = _ROOT_RELATIVE.sub(lambda m: m.group(1) + escape(prefix) + "/", bytes(response.body).decode("utf-8"))
                response.body = body.encode("utf-8")
                response.headers["content-length"] = str(len(response.body))
            return response

        return under_prefix


#: An attribute naming a root-relative URL (`href="/admin"`, not `href="//host"` nor `href="#takedowns"`).
_ROOT_RELATIVE = re.compile(r'(\b(?:href|action|src)=")/(?!/)')

router = APIRouter(prefix="/admin", include_in_schema=False, route_class=_UnderPublicPrefix)
_NO_STORE = {"Cache-Control": "no-store"}
_runner_lock = threading.Lock()
_throttle_lock = threading.Lock()


def _engine(request: Request) -> Any:
    engine = getattr(request.app.state, "engine", None)
    if engine is None and getattr(request.app.state, "ctx", None) is not None:
        engine = request.app.state.ctx.engine
    if engine is None:
        raise HTTPException(503, "the admin page has no engine")
    return engine


def _facades(request: Request) -> Facades:
    return Facades.of(_engine(request))


def _unauthorized(message: str) -> HTTPException:
    return HTTPException(401, message, headers={"WWW-Authenticate": 'Basic realm="gongkai admin", charset="UTF-8"', **_NO_STORE})


def basic_credentials(request: Request) -> tuple[str, str] | None:
    """(user, password) from an HTTP Basic header, decoded as UTF-8 (RFC 7617 charset="UTF-8", which the
    challenge announces), so that a Chinese password works; FastAPI's HTTPBasic only accepts ASCII."""
    scheme, _, param = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "basic" or not param:
        return None
    try:
        decoded = base64.b64decode(param.strip(), validate=True).decode("utf-8")
    except (ValueError, UnicodeDecodeError):
        return None
    user, sep, password = decoded.partition(":")
    return (user, password) if sep else None


def require_operator(request: Request) -> str:
    """The logged-in operator's name, or 401."""
    conf = _engine(request).settings.scheduler
    if not conf.admin_password_hash:
        raise _unauthorized("管理页未开放：请设置 scheduler.admin_password_hash（用 python -m gongkai.ops.auth 生成） / the admin page is "
                            "closed: set scheduler.admin_password_hash (python -m gongkai.ops.auth)")
    credentials = basic_credentials(request)
    if credentials is None:
        raise _unauthorized("请以运维人员身份登录 / log in as an operator")
    username, password = credentials
    address = request.client.host if request.client else ""
    throttle = _login_throttle(request)
    refusal = throttle.refusal(address, username, conf)
    if refusal is not None:  # before the password is checked: no PBKDF2 work, and no answer to the guess
        raise HTTPException(
            429,
            f"登录失败次数过多，请 {refusal.retry_after} 秒后再试 / too many failed logins; retry after {refusal.retry_after} s "
            f"(settings scheduler.{refusal.limit})",
            headers={"Retry-After": str(refusal.retry_after), **_NO_STORE},
        )
    user_ok = hmac.compare_digest(username.encode("utf-8"), conf.admin_user.encode("utf-8"))
    password_ok = verify_password(password, conf.admin_password_hash)
    if not (user_ok and password_ok):
        throttle.failed(address, username, conf)
        raise _unauthorized("用户名或密码错误 / wrong user name or password")
    return username


def _login_throttle(request: Request) -> LoginThrottle:
    """The app's login throttle, made on first use (counts are per server process)."""
    state = request.app.state
    with _throttle_lock:  # require_operator runs in the thread pool: two first requests must not make two
        throttle = getattr(state, "login_throttle", None)
        if throttle is None:
            throttle = state.login_throttle = LoginThrottle()
    return throttle


def _csrf_token(request: Request, user: str) -> str:
    key = _engine(request).settings.scheduler.admin_password_hash.encode("utf-8")
    return hmac.new(key, f"csrf:{user}".encode(), hashlib.sha256).hexdigest()


def _page(title: str, body: str, status_code: int = 200) -> HTMLResponse:
    html = f"""<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>{escape(title)} · gongkai 运维</title><link rel="stylesheet" href="/static/style.css"></head>
<body><header class="site-header"><div class="wrap"><a class="brand" href="/admin">gongkai 运维 admin</a>
<nav class="site-nav"><a href="/admin">状态 status</a><a href="/admin/status.json">JSON</a><a href="/">检索 search</a></nav></div></header>
<main class="wrap admin" id="main">{body}</main></body></html>"""
    return HTMLResponse(html, status_code=status_code, headers=_NO_STORE)


def _zone(request: Request) -> tzinfo:
    """The scheduler's timezone: the operators' clock."""
    try:
        return _facades(request).jobs.timezone()
    except ScheduleError:
        return UTC


def _when(iso: str | None, zone: tzinfo) -> str:
    if not iso:
        return "—"
    try:
        moment = datetime.fromisoformat(iso)
        moment = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
        return escape(moment.astimezone(zone).strftime("%Y-%m-%d %H:%M:%S"))
    except ValueError:
        return escape(iso[:19].replace("T", " "))


def _counts(run: dict[str, Any]) -> str:
    return f"{run['new']}/{run['changed']}/{run['errors']}" if run else "—"


def _job_form(job_name: str, action: str, label: str, token: str, css_class: str = "") -> str:
    """One button posting to /admin/jobs/NAME/ACTION; its accessible name says which job it acts on."""
    path = escape(quote(job_name, safe=":@"))
    klass = f' class="{css_class}"' if css_class else ""
    return (f"<form method=\"post\" action=\"/admin/jobs/{path}/{action}\"><input type=\"hidden\" name=\"csrf\" value=\"{token}\">"
            f"<button type=\"submit\"{klass} aria-label=\"{escape(label)}: {escape(job_name)}\">{escape(label)}</button></form>")


def _job_actions(job: dict[str, Any], token: str) -> str:
    forms = [_job_form(job["name"], "run", "立即运行 run now", token)]
    if job.get("running"):
        forms.append(_job_form(job["name"], "stop", "停止 stop", token, "secondary"))
    if job["schedule"].strip().lower() != "off" or job["paused"]:
        forms.append(_job_form(job["name"], "resume", "恢复 resume", token) if job["paused"]
                     else _job_form(job["name"], "pause", "暂停 pause", token))
    return "".join(forms)


def _jobs_table(jobs: list[dict[str, Any]], token: str, zone: tzinfo) -> str:
    rows = []
    for job in jobs:
        last = job.get("last_run") or {}
        next_run = "已暂停 paused" if job["paused"] else _when(job.get("next_run"), zone)
        running = f"running (pid {job['running']['pid']})" if job.get("running") else ""
        name = escape(job["name"])
        rows.append(
            f"<tr><td>{name}</td><td><code>{escape(job['schedule'])}</code></td><td>{next_run}</td>"
            f"<td>{_when(last.get('started_at'), zone)}</td><td class=\"outcome-{escape(last.get('outcome', 'none'))}\">{escape(last.get('outcome', '—'))} {escape(running)}</td>"
            f"<td>{_counts(last)}</td><td>{_job_actions(job, token)}</td></tr>"
        )
    return ("<table><caption>任务 jobs</caption><thead><tr><th>作业 job</th><th>计划 schedule</th><th>下次运行 next run</th><th>上次运行 last run</th>"
            "<th>结果 outcome</th><th>新增/变更/错误 new/changed/errors</th><th>操作 actions</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>")


def _notice(request: Request, jobs: list[dict[str, Any]]) -> str:
    """The answer to the last button pressed (carried by the 303 back to /admin), for a configured job only."""
    kind, job_name = request.query_params.get("notice", ""), request.query_params.get("job", "")
    job = next((j for j in jobs if j["name"] == job_name), None)
    if job is None:
        return ""
    name = f"<strong>{escape(job_name)}</strong>"
    holder = job.get("running")
    where = f" (pid {escape(str(holder['pid']))} on {escape(str(holder['host']))})" if holder else ""
    run = request.query_params.get("run", "")
    if kind == "started" and run.isdigit():
        return (f"<div class=\"notice-box\" role=\"status\">已启动 started: {name}, "
                f"<a href=\"/admin/runs/{run}\">run {run}</a>; reload this page to see how it goes.</div>")
    if kind == "busy":
        return (f"<div class=\"notice-box warn\" role=\"status\">已在运行 already running: {name}{where}; "
                "not started a second time.</div>")
    if kind == "stopping":
        return (f"<div class=\"notice-box\" role=\"status\">已请求停止 stop requested: {name}{where}; "
                "it stops at its next safe point (after the batch in hand is committed) and its run is recorded as interrupted.</div>")
    if kind == "not-running":
        return f"<div class=\"notice-box warn\" role=\"status\">未在运行 not running: {name}; nothing to stop.</div>"
    return ""


def _crawl_counts(counts: dict[str, Any]) -> str:
    """'pages 16, new 1, … errors: http_404 1; URLs: gone 2, failed 1, …' (every URL's outcome: gongkai crawl history)."""
    plain = ", ".join(f"{k} {v}" for k, v in counts.items() if not isinstance(v, (dict, list)))
    nested = "; ".join(f"{'URLs' if k == 'urls' else k}: " + ", ".join(f"{a} {b}" for a, b in v.items())
                       for k, v in counts.items() if isinstance(v, dict) and v)
    return f"{plain}; {nested}" if nested else plain


def _runs_table(caption: str, runs: list[dict[str, Any]], zone: tzinfo) -> str:
    if not runs:
        return f"<p>{escape(caption)}: none.</p>"
    rows = "".join(
        f"<tr><td><a href=\"/admin/runs/{run['id']}\">{run['id']}</a></td><td>{escape(run['job'])}</td><td>{_when(run['started_at'], zone)}</td>"
        f"<td>{escape(run['outcome'])}</td><td>{_counts(run)}</td><td>{escape((run.get('message') or '')[:200])}</td></tr>"
        for run in runs
    )
    return (f"<table><caption>{escape(caption)}</caption><thead><tr><th>运行 run</th><th>作业 job</th><th>开始 started</th><th>结果 outcome</th>"
            f"<th>新增/变更/错误 new/changed/errors</th><th>消息 message</th></tr></thead><tbody>{rows}</tbody></table>")


@router.get("", response_class=HTMLResponse)
def admin_home(request: Request, user: str = Depends(require_operator)) -> HTMLResponse:
    engine = _engine(request)
    facades = Facades.of(engine)
    zone = _zone(request)
    status = facades.status.collect()
    try:
        takedown_list = facades.status.active_takedowns()
    except Exception as exc:  # noqa: BLE001 - the rest of the page still shows; the problem is named at the top
        takedown_list = []
        status.setdefault("problems", []).append(f"takedowns: {type(exc).__name__}: {exc}")
    active_count = (status.get("takedowns") or {}).get("active")
    recent = [r.as_dict(with_traceback=False) for r in facades.jobs.history(limit=30)]
    scheduler = status.get("scheduler") or {}
    index = status.get("index") or {}
    sync = status.get("sync") or {}
    problems = "".join(f"<div class=\"notice-box warn\">{escape(p)}</div>" for p in status.get("problems") or [])
    failed = status.get("failed_jobs_24h") or []
    summary = f"""
<h1>运行状态 Status</h1>
{'<div class="notice-box error">' + str(len(failed)) + ' 次失败 failed runs in the last 24 h</div>' if failed else ''}
{problems}
<dl>
<dt>调度 scheduler</dt><dd>{'running, pid ' + escape(str(scheduler.get('pid'))) + ' on ' + escape(str(scheduler.get('host'))) + ' since ' + _when(scheduler.get('since'), zone) if scheduler.get('running') else 'not running'}</dd>
<dt>记录 records</dt><dd>{escape(str(status.get('records', '?')))} ({escape(', '.join(f'{k} {v}' for k, v in (status.get('by_kind') or {}).items()))})</dd>
<dt>来源 by source</dt><dd>{escape(', '.join(f'{k} {v}' for k, v in (status.get('by_source') or {}).items())) or '—'}</dd>
<dt>已撤下 withdrawn</dt><dd>{escape(str(status.get('withdrawn', '?')))} (来源撤回 by source {escape(str(status.get('withdrawn_by_source', '?')))}, 人工下架 by operator takedown {escape(str(status.get('withdrawn_by_takedown', '?')))})</dd>
<dt>索引 index</dt><dd>{escape(str(index.get('documents', '?')))} documents, last commit {_when(index.get('last_commit'), zone)}, behind {escape(str(index.get('behind', '?')))}</dd>
<dt>同步 sync</dt><dd>{escape(str(sync.get('pending', '?')))} pending, {escape(str(sync.get('failed', '?')))} failed, last sent {_when(sync.get('last_sent'), zone)}</dd>
<dt>隔离 quarantine</dt><dd>{escape(str((status.get('quarantine') or {}).get('open', '?')))} open</dd>
<dt>下架 takedowns</dt><dd><a href="#takedowns">{escape(str('?' if active_count is None else active_count))} active</a></dd>
</dl>"""
    crawl_rows = "".join(
        f"<tr><td>{escape(site['site'])}</td><td>{_when((site.get('last_crawl') or {}).get('finished_at') or (site.get('last_job_run') or {}).get('started_at'), zone)}</td>"
        f"<td>{escape(_crawl_counts((site.get('last_crawl') or {}).get('counts') or {}))}</td></tr>"
        for site in status.get("crawl") or []
    )
    crawls = (f"<table><caption>采集 crawls</caption><thead><tr><th>站点 site</th><th>上次抓取 last crawl</th><th>统计 counts</th></tr></thead>"
              f"<tbody>{crawl_rows}</tbody></table>") if crawl_rows else ""
    jobs = status.get("jobs") or []
    token = _csrf_token(request, user)
    body = (_notice(request, jobs) + _takedown_notice(request, engine, zone) + summary + _jobs_table(jobs, token, zone) + crawls
            + _takedown_section(takedown_list, active_count, token, zone)
            + _alerts_section(engine, status, zone)
            + _sources_section(engine, zone)
            + _runs_table("24 小时内失败 failed in the last 24 h", failed, zone) + _runs_table("最近运行 recent runs", recent, zone))
    return _page("运行状态", body)


def _sources_section(engine: Engine, zone: tzinfo) -> str:
    """Issue 22: every source's freshness (web/routes_sources.py)."""
    try:
        from gongkai.web.routes_sources import sources_section

        return sources_section(engine, zone)
    except Exception as exc:  # noqa: BLE001 - a broken part is named, the page still shows
        return f'<div class="notice-box warn">sources: {escape(type(exc).__name__)}: {escape(str(exc))}</div>'


def _alerts_section(engine: Engine, status: dict[str, Any], zone: tzinfo) -> str:
    """Issue 22: the alerts with their receipts (web/routes_alerts.py); a broken part is named, the page still shows."""
    try:
        from gongkai.web.routes_alerts import alerts_section

        return alerts_section(engine, zone)
    except Exception as exc:  # noqa: BLE001 - a broken part is named, the page still shows
        return f'<div class="notice-box warn">alerts: {escape(type(exc).__name__)}: {escape(str(exc))}</div>'


@router.get("/status.json")
def admin_status(request: Request, _user: str = Depends(require_operator)) -> JSONResponse:
    return JSONResponse(_facades(request).status.collect(), headers=_NO_STORE)


@router.get("/runs/{run_id}", response_class=HTMLResponse)
def admin_run(run_id: int, request: Request, _user: str = Depends(require_operator)) -> HTMLResponse:
    run = _facades(request).jobs.run(run_id)
    if run is None:
        return _page("not found", f"<h1>No run {run_id}</h1>", 404)
    data = run.as_dict()
    items = "".join(f"<dt>{escape(k)}</dt><dd>{escape(str(v))}</dd>" for k, v in data.items() if k != "traceback")
    trace = f"<h2>Traceback</h2><pre>{escape(run.traceback)}</pre>" if run.traceback else ""
    return _page(f"run {run_id}", f"<h1>{escape(run.job)} · run {run_id}</h1><dl>{items}</dl>{trace}")


def _csrf_refusal(request: Request, csrf: str, user: str) -> HTMLResponse | None:
    """None when the form's token is this page's; else the 403 page to answer with (nothing done)."""
    # compared as bytes: compare_digest refuses str with non-ASCII characters (a 500 for a forged Chinese token)
    if hmac.compare_digest(csrf.encode("utf-8"), _csrf_token(request, user).encode("utf-8")):
        return None
    return _page("forbidden", "<h1>403 · 表单已过期 stale form</h1><p>The form is stale or not from this page "
                              "(CSRF token mismatch); nothing was done. <a href=\"/admin\">Reload the admin page</a>.</p>", 403)


def _job_form_target(request: Request, name: str, csrf: str, user: str) -> tuple[Any, HTMLResponse | None]:
    """(the job's spec, None) for a button press to act on; or (None, the 403 or 404 page to answer with)."""
    from gongkai.errors import UnknownJobError

    refusal = _csrf_refusal(request, csrf, user)
    if refusal is not None:
        return None, refusal
    try:
        return _facades(request).jobs.spec(name), None
    except UnknownJobError:
        return None, _page("not found", f"<h1>404 · 没有这个任务 no job named {escape(name)}</h1>"
                                        "<p><a href=\"/admin\">Back to the jobs</a>.</p>", 404)


def _job_runner(request: Request) -> Any:
    """This server process's JobRunner for the jobs started from the page: one per app, made on first use.
    When the process ends its running jobs are asked to stop at a safe point and waited for (a while)."""
    import atexit
    from multiprocessing import util as mp_util

    state = request.app.state
    with _runner_lock:
        runner = getattr(state, "admin_job_runner", None)
        if runner is None:
            runner = state.admin_job_runner = _facades(request).jobs.runner()
            atexit.register(runner.close, 30.0)
            # `serve --workers N` runs workers as multiprocessing children, which exit without atexit handlers
            mp_util.Finalize(None, runner.close, args=(30.0,), exitpriority=10)
        return runner


def _back(**params: Any) -> RedirectResponse:
    return RedirectResponse("/admin?" + urlencode(params), status_code=303, headers=_NO_STORE)


def _switch(request: Request, name: str, csrf: str, user: str, paused: bool) -> Response:
    _spec, refusal = _job_form_target(request, name, csrf, user)
    if refusal is not None:
        return refusal
    _facades(request).jobs.set_paused(name, paused)
    return RedirectResponse("/admin", status_code=303, headers=_NO_STORE)


@router.post("/jobs/{name}/pause")
def admin_pause(name: str, request: Request, csrf: str = Form(""), user: str = Depends(require_operator)) -> Response:
    return _switch(request, name, csrf, user, True)


@router.post("/jobs/{name}/resume")
def admin_resume(name: str, request: Request, csrf: str = Form(""), user: str = Depends(require_operator)) -> Response:
    return _switch(request, name, csrf, user, False)


@router.post("/jobs/{name}/run")
def admin_run_job(name: str, request: Request, csrf: str = Form(""), user: str = Depends(require_operator)) -> Response:
    """Start the job now in a background thread; refused (not queued) if it is running anywhere."""
    from gongkai.facades.jobs import JobBusyError

    spec, refusal = _job_form_target(request, name, csrf, user)
    if refusal is not None:
        return refusal
    try:
        run_id = _facades(request).jobs.start(_job_runner(request), spec, trigger="admin")
    except JobBusyError:
        return _back(notice="busy", job=name)
    return _back(notice="started", job=name, run=run_id)


@router.post("/jobs/{name}/stop")
def admin_stop_job(name: str, request: Request, csrf: str = Form(""), user: str = Depends(require_operator)) -> Response:
    """Ask the running job to stop at its next safe point, whichever process runs it."""
    _spec, refusal = _job_form_target(request, name, csrf, user)
    if refusal is not None:
        return refusal
    holder = _facades(request).jobs.stop(name, requested_by=f"admin:{user}")
    return _back(notice="stopping" if holder is not None else "not-running", job=name)


# -- takedowns: the same Engine.withdraw / Engine.restore as `gongkai withdraw [--undo]` ---------------------

#: a record id is at most 128 characters (store/schema.py); longer input is no record's id
_MAX_ID = 128
_MAX_REASON = 2000


def _takedown_section(takedowns: list[dict[str, Any]], active: int | None, token: str, zone: tzinfo) -> str:
    """The active takedowns (newest first), a form to take a record down and one per row to lift it."""
    form = (
        "<form method=\"post\" action=\"/admin/takedowns\" class=\"outage-row\">"
        f"<input type=\"hidden\" name=\"csrf\" value=\"{token}\">"
        f"<div><label for=\"takedown-id\">记录 id record id</label><input type=\"text\" id=\"takedown-id\" name=\"record_id\" "
        f"required maxlength=\"{_MAX_ID}\" autocomplete=\"off\" spellcheck=\"false\"></div>"
        f"<div><label for=\"takedown-reason\">理由 reason (required)</label><input type=\"text\" id=\"takedown-reason\" name=\"reason\" "
        f"required maxlength=\"{_MAX_REASON}\"></div>"
        "<div><button type=\"submit\">下架 take down</button></div></form>"
    )
    intro = ("<p>A takedown hides a record from search, its page and the API (410), deletes it on the national platform, "
             "and keeps it down when crawls or feeds bring it again, until it is lifted (撤销下架). "
             "Who, when and why are kept, lifted ones too.</p>")
    if not takedowns:
        listing = "<p>没有生效的下架 no active takedowns.</p>"
    else:
        rows = []
        for number, item in enumerate(takedowns, 1):
            record_id = item["record_id"]
            field_id = f"lift-reason-{number}"
            lift = (
                "<form method=\"post\" action=\"/admin/takedowns/lift\">"
                f"<input type=\"hidden\" name=\"csrf\" value=\"{token}\">"
                f"<input type=\"hidden\" name=\"record_id\" value=\"{escape(record_id)}\">"
                f"<label for=\"{field_id}\">撤销理由 reason to lift</label> "
                f"<input type=\"text\" id=\"{field_id}\" name=\"reason\" required maxlength=\"{_MAX_REASON}\"> "
                f"<button type=\"submit\" class=\"secondary\" aria-label=\"撤销下架 lift: {escape(record_id)}\">撤销下架 lift</button></form>"
            )
            rows.append(
                f"<tr><td><a href=\"/documents/{escape(quote(record_id, safe=''))}\"><code>{escape(record_id)}</code></a></td>"
                f"<td>{escape(item['title'] or '—')}</td><td>{escape(item['reason'] or '—')}</td>"
                f"<td>{escape(item['taken_down_by'])}</td><td>{_when(item['taken_down_at'], zone)}</td><td>{lift}</td></tr>"
            )
        more = f" (the newest {len(takedowns)} of {active})" if active is not None and active > len(takedowns) else ""
        listing = (f"<table><caption>生效的下架 active takedowns, newest first{escape(more)}</caption><thead><tr><th>记录 record</th>"
                   "<th>标题 title</th><th>原因 reason</th><th>操作人 by</th><th>时间 when</th><th>撤销下架 lift</th></tr></thead>"
                   f"<tbody>{''.join(rows)}</tbody></table>")
    return (f"<section id=\"takedowns\" aria-labelledby=\"takedowns-heading\"><h2 id=\"takedowns-heading\">下架 takedowns</h2>"
            f"{intro}{form}{listing}</section>")


def _takedown_notice(request: Request, engine: Engine, zone: tzinfo) -> str:
    """The answer to the last takedown form (carried by the 303 back to /admin). Shown only when it is still
    true of the record, so that a crafted link cannot make the page claim something that did not happen."""
    kind, record_id = request.query_params.get("notice", ""), request.query_params.get("record", "")[:_MAX_ID]
    if kind == "no-reason":
        return "<div class=\"notice-box warn\" role=\"status\">请填写理由 a reason is required; nothing was done.</div>"
    if not record_id:
        return ""
    record = engine.get(record_id)
    shown = f"<strong><code>{escape(record_id)}</code></strong>"
    if record is None:
        return (f"<div class=\"notice-box warn\" role=\"status\">没有这条记录 unknown id: {shown}; nothing was done.</div>"
                if kind == "unknown-id" else "")
    title = escape(record.title)
    current = engine.takedown(record_id)
    lag = _INDEX_BUSY if request.query_params.get("index") == "busy" else ""
    if kind == "taken-down" and current is not None:
        return (f"<div class=\"notice-box{' warn' if lag else ''}\" role=\"status\">已下架 taken down: {shown} {title}. "
                f"It is hidden from search, its page and the API, and stays down when its source brings it again.{lag}</div>")
    if kind == "already-down" and current is not None:
        return (f"<div class=\"notice-box warn\" role=\"status\">已下架 already taken down: {shown} "
                f"(by {escape(current.taken_down_by)}, {_when(current.taken_down_at.isoformat(), zone)}); nothing was done.</div>")
    if kind == "lifted" and not record.withdrawn:
        return (f"<div class=\"notice-box{' warn' if lag else ''}\" role=\"status\">已撤销下架 lifted: "
                f"<a href=\"/documents/{escape(quote(record_id, safe=''))}\"><code>{escape(record_id)}</code></a> {title} "
                f"is visible and searchable again.{lag}</div>")
    if kind == "not-withdrawn" and not record.withdrawn:
        return f"<div class=\"notice-box warn\" role=\"status\">未下架 not withdrawn: {shown}; nothing to lift.</div>"
    return ""


_INDEX_BUSY = (" <strong>The search index was busy</strong> (another writer: an ingest or a reindex), so search may "
               "still show it as before until the index catches up with the store (at the next ingest; the status "
               "shows how far behind the index is). The store, the record's page and the API already do.")


def _takedown_back(notice: str, record_id: str, index_busy: bool = False) -> RedirectResponse:
    params = {"notice": notice, "record": record_id[:_MAX_ID], **({"index": "busy"} if index_busy else {})}
    return RedirectResponse(f"/admin?{urlencode(params)}#takedowns", status_code=303, headers=_NO_STORE)


def _takedown_action(request: Request, csrf: str, record_id: str, reason: str, user: str, lift: bool) -> Response:
    """Take a record down (Engine.withdraw) or lift its takedown (Engine.restore) in the logged-in
    operator's name, as `gongkai withdraw [--undo]` does; back to the page with what happened."""
    refusal = _csrf_refusal(request, csrf, user)
    if refusal is not None:
        return refusal
    record_id, reason = record_id.strip(), reason.strip()[:_MAX_REASON]
    if not reason:
        return _takedown_back("no-reason", record_id)
    engine = _engine(request)
    if len(record_id) > _MAX_ID or engine.get(record_id) is None:
        return _takedown_back("unknown-id", record_id)
    done, refused = ("lifted", "not-withdrawn") if lift else ("taken-down", "already-down")
    change = engine.restore if lift else engine.withdraw
    try:
        if not change(record_id, reason, operator=user):
            return _takedown_back(refused, record_id)
    except IndexLockedError:  # raised after the store committed the change: it is done, search lags
        return _takedown_back(done, record_id, index_busy=True)
    return _takedown_back(done, record_id)


@router.post("/takedowns")
def admin_take_down(
    request: Request, csrf: str = Form(""), record_id: str = Form(""), reason: str = Form(""),
    user: str = Depends(require_operator),
) -> Response:
    """Take a record down in the logged-in operator's name (Engine.withdraw with operator=, as the CLI)."""
    return _takedown_action(request, csrf, record_id, reason, user, lift=False)


@router.post("/takedowns/lift")
def admin_lift_takedown(
    request: Request, csrf: str = Form(""), record_id: str = Form(""), reason: str = Form(""),
    user: str = Depends(require_operator),
) -> Response:
    """Lift a takedown (撤销下架) in the logged-in operator's name (Engine.restore, as `gongkai withdraw --undo`)."""
    return _takedown_action(request, csrf, record_id, reason, user, lift=True)
