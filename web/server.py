"""Running an ASGI app with uvicorn: in the foreground (`gongkai serve`) or in a thread (tests, bench)."""

from __future__ import annotations

import contextlib
import gc
import json
import signal
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import uvicorn
from uvicorn.protocols.http.auto import AutoHTTPProtocol

#: What a request the HTTP parser refuses is answered (curl sends a URL's Chinese raw: `curl "…/api/search?q=停电"`; a
#: header holding a control character): uvicorn's plain `Invalid HTTP request received.`, English only and in no
#: format of ours, told neither what was wrong nor how to send it. The app never sees such a request, so the answer is
#: written here, in the API's JSON error form, Chinese first.
BAD_REQUEST_BODY = json.dumps({
    "error": "bad_request",
    "message": "无法解析的 HTTP 请求：网址中的汉字等非 ASCII 字符须先百分号编码（停电 写作 %E5%81%9C%E7%94%B5；"
               "curl 可用 -G --data-urlencode \"q=停电\"），请求头不能含控制字符 / invalid HTTP request: percent-encode "
               "non-ASCII characters in the URL; header values may not hold control characters",
}, ensure_ascii=False).encode("utf-8")


def _send_400_response(self: Any, msg: str) -> None:
    """uvicorn's protocols call this when their parser refuses the bytes (h11's and httptools' alike); the connection
    is closed after it, as uvicorn's own answer closes it."""
    head = [b"HTTP/1.1 400 Bad Request\r\n"]
    head += [name + b": " + value + b"\r\n" for name, value in self.server_state.default_headers]  # date, server
    head += [b"content-type: application/json; charset=utf-8\r\n", b"content-length: %d\r\n" % len(BAD_REQUEST_BODY),
             b"x-content-type-options: nosniff\r\n", b"connection: close\r\n\r\n"]
    self.transport.write(b"".join(head) + BAD_REQUEST_BODY)
    self.transport.close()


#: uvicorn's own protocol (httptools where installed, else h11) answering refused requests as above.
JsonBadRequestProtocol = type("JsonBadRequestProtocol", (AutoHTTPProtocol,), {"send_400_response": _send_400_response})


def _config(app: Any, *, log_level: str, access_log: bool) -> uvicorn.Config:
    # One event loop; sync routes run in its thread pool. No lifespan: the app has no startup work.
    # No WebSocket (ws="none"): the app has no WebSocket route, and with it on a GET saying `Upgrade: websocket` (a
    # proxy's or monitor's probe) got the websockets library's plain-text English 400 or a 403 instead of the document;
    # now that header is ignored as h2c's is (RFC 9110 §7.8) and the GET answered (clients8).
    return uvicorn.Config(app, log_level=log_level, access_log=access_log, lifespan="off", timeout_keep_alive=30,
                          http=JsonBadRequestProtocol, ws="none")


def _bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(2048)
    return sock


def tune_gc_for_serving() -> None:
    """Make the garbage collector's pauses rare and short in a long-running server process.

    Under load the cyclic collector's full passes stalled every request in flight: with 50 clients on
    100,000 records, p99 fell from 67 to 38 ms with this (bench/load_api.py, 2 workers). Freezing moves
    what startup made (modules, the app) out of the collector's sight for good; a larger first
    threshold means fewer passes, so fewer request objects that happen to be alive during one are
    promoted into the older generations, whose passes are the long ones.
    """
    gc.collect()
    gc.freeze()
    gc.set_threshold(50_000, 50, 100)


def run_app(app: Any, host: str, port: int, *, access_log: bool = True, log_level: str = "info") -> None:
    """Serve `app` until Ctrl-C or SIGTERM, then return (the caller stops its scheduler and follower; the
    process exits 0). Binding first means a taken port fails here, as an OSError the CLI reports."""
    sock = _bind(host, port)
    tune_gc_for_serving()
    server = uvicorn.Server(_config(app, log_level=log_level, access_log=access_log))
    with _sigterm_stops(server):
        server.run(sockets=[sock])


@contextlib.contextmanager
def _sigterm_stops(server: uvicorn.Server) -> Iterator[None]:
    """SIGTERM ends `server` the way Ctrl-C does, and the process then ends normally.

    uvicorn (0.29+) shuts down on SIGTERM and then raises the signal again for the handler it found: with
    the default one the process died right there (exit -15), before `gongkai serve` stopped its scheduler
    (running jobs asked to stop, leases released) and its index follower. This handler is the one it finds:
    the server has stopped by then, so it does nothing and `run` returns. A SIGTERM before uvicorn listens
    for signals (while it starts) asks it to stop as soon as it has started. Restored afterwards, so a
    second SIGTERM during the caller's stop ends the process at once."""
    if threading.current_thread() is not threading.main_thread():  # only the main thread may set handlers
        yield
        return

    def stop(signum: int, frame: Any) -> None:
        server.should_exit = True  # already set when uvicorn hands its SIGTERM back: nothing left to do

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@contextlib.contextmanager
def serve_in_thread(app: Any, host: str = "127.0.0.1", port: int = 0, *, log_level: str = "warning") -> Iterator[str]:
    """Run `app` on a real socket in a background thread; yields its base URL (http://127.0.0.1:PORT).

    port=0 takes a free port. Used by the tests and the load benchmark.
    """
    sock = _bind(host, port)
    actual_port = sock.getsockname()[1]
    server = uvicorn.Server(_config(app, log_level=log_level, access_log=False))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, name=f"uvicorn-{actual_port}", daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the HTTP server did not start")
        time.sleep(0.02)
    try:
        yield f"http://{host}:{actual_port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()
