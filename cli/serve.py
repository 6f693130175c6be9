"""`gongkai serve`: the HTTP API and the search page. Registered in cli/main.py as `app.command()(serve)`.

The data directory comes from the global option: `gongkai --data-dir DIR serve --port 8080`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from gongkai.cli.context import fail, state

if TYPE_CHECKING:
    from gongkai.settings import Settings


def serve(
    host: Annotated[str | None, typer.Option(help="监听地址 / Address to listen on (default: settings.server.host, 127.0.0.1).")] = None,
    port: Annotated[int | None, typer.Option(min=1, max=65535, help="端口 / Port (default: settings.server.port, 8000).")] = None,
    access_log: Annotated[bool, typer.Option("--access-log/--no-access-log", help="记录每个请求 / Log every request.")] = True,
    workers: Annotated[int, typer.Option(min=1, max=64, help="服务进程数 / Server processes (one engine each); more than 1 uses more cores.")] = 1,
    with_scheduler: Annotated[bool, typer.Option("--with-scheduler", help="同时在本进程运行定时作业 / Also run the scheduled jobs in this process (a one-process install).")] = False,
) -> None:
    """启动搜索页和 API / Serve the search page (/) and the JSON API (/api/…, schema at /docs) until Ctrl-C."""
    from gongkai.web.app import RouterImportError, run_server

    settings = state.settings
    host = host or settings.server.host
    port = port or settings.server.port
    _refuse_a_taken_port(host, port)  # before the scheduler starts and before "serving …" is said
    _links_to_this_server(settings, host, port)
    stop_scheduler = None
    if with_scheduler:
        from gongkai.errors import SchedulerAlreadyRunning

        try:
            stop_scheduler = state.facades.jobs.start_background_scheduler()
        except SchedulerAlreadyRunning as exc:
            raise fail(f"无法启动调度器 / cannot start the scheduler: {exc}") from None
        typer.echo("scheduler running in this process (gongkai jobs list shows its jobs)")
    typer.echo(f"搜索页 http://{host}:{port}/ ，API 说明 /docs，按 Ctrl+C 停止 / serving http://{host}:{port}/  (API schema: "
               f"http://{host}:{port}/docs; Ctrl+C stops)")
    try:
        run_server(state.engine, host, port, access_log=access_log, workers=workers)
    except OSError as exc:  # port taken, address not available: say so instead of a traceback
        raise fail(f"无法监听 / cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    except RouterImportError as exc:  # never serve half the app: say which router is broken, exit 1
        raise fail(str(exc)) from None
    finally:
        if stop_scheduler is not None:
            stop_scheduler()


def _links_to_this_server(settings: Settings, host: str, port: int) -> None:
    """With feeds.public_base_url unset, the feeds, OAI-PMH and sitemaps link to this server's own address: they linked
    to http://localhost:8000 whatever the port (a harvester of `gongkai serve --port 8731` was sent to port 8000 by
    Identify's baseURL, every Atom link dead; newuser2). Never the request's Host (anyone can send one); said at start."""
    import os

    if settings.feeds.public_base_url:
        return
    shown = "localhost" if host in ("", "0.0.0.0", "::") else f"[{host}]" if ":" in host else host
    base = f"http://{shown}:{port}"
    settings.feeds = settings.feeds.model_copy(update={"public_base_url": base})
    os.environ["GONGKAI_FEEDS__PUBLIC_BASE_URL"] = base  # the worker processes of --workers build their own settings
    typer.echo(f"未设置 feeds.public_base_url：订阅源、OAI-PMH 和网站地图的链接指向本服务的地址 {base}，对外服务前请设置 / "
               f"feeds.public_base_url is not set: feeds, OAI-PMH and sitemaps link to this server, {base} (set "
               "GONGKAI_FEEDS__PUBLIC_BASE_URL before the public uses them)", err=True)


def _refuse_a_taken_port(host: str, port: int) -> None:
    """It said "serving http://…" (and started the scheduler) and only then failed on a port another process holds."""
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError:
        return  # an address uvicorn will refuse with its own words
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds: a port in TIME_WAIT is free
        try:
            probe.bind(address)
        except OSError as exc:
            raise fail(f"端口已被占用 / cannot listen on {host}:{port}: {exc.strerror or exc} (another gongkai serve? --port)") from None

