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

from gongkai.web.message_rules import MessageRules

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


#: A request head the parser refuses for its size (httptools past 80 KB, h11 past 16 KB) is not malformed: a request line
#: longer than LONG_LINE is answered 414 (RFC 9112 §3: a server MUST, for a target longer than it wishes to parse), other
#: heads past it 431 (RFC 6585 §5); both said the non-ASCII advice of the 400 above, for a URL all ASCII (clients10).
LONG_LINE = 8 * 1024
_KEPT = 2 * LONG_LINE  # of the current head, its first bytes only: enough to measure its request line
_TOO_LONG = {
    414: (b"URI Too Long", "uri_too_long", "网址过长：请缩短搜索词或参数（搜索词最多几百字） / the request target is too long: shorten the query"),
    431: (b"Request Header Fields Too Large", "header_fields_too_large",
          "请求头过大：请减少或缩短请求头（如 Cookie） / the request header fields are too large: send fewer or shorter ones"),
}


def _data_received(self: Any, data: bytes) -> None:
    """Keep the first bytes of the request head being received (after the last blank line before it), and its size, for
    `_send_400_response` (a parser may refuse a head once it is whole: httptools a URL past 64 KB); then uvicorn's own
    parsing, after which a head ended in `data` gives way to what follows it."""
    kept, size = getattr(self, "_head_kept", b""), getattr(self, "_head_size", 0)
    seam = kept[-3:] if len(kept) < _KEPT else b""  # a blank line split over two reads
    end = (seam + data).rfind(b"\r\n\r\n")
    head = data if end < 0 else data[: end - len(seam) + 4]
    self._head_kept, self._head_size = (kept + head[: _KEPT - len(kept)]) if len(kept) < _KEPT else kept, size + len(head)
    AutoHTTPProtocol.data_received(self, data)
    if end >= 0:
        rest = data[end - len(seam) + 4 :]
        self._head_kept, self._head_size = rest[:_KEPT], len(rest)


def _refused_for_size(self: Any) -> int | None:
    """414 or 431 when the head being received is past the sizes above, else None (a malformed request: 400)."""
    kept, size = getattr(self, "_head_kept", b""), getattr(self, "_head_size", 0)
    if size <= LONG_LINE:
        return None
    line = kept.split(b"\r\n", 1)[0]
    return 414 if len(line) > LONG_LINE else 431


def _send_400_response(self: Any, msg: str) -> None:
    """uvicorn's protocols call this when their parser refuses the bytes (h11's and httptools' alike); the connection
    is closed after it, as uvicorn's own answer closes it."""
    status = _refused_for_size(self)
    if status is None:
        head, body = [b"HTTP/1.1 400 Bad Request\r\n"], BAD_REQUEST_BODY
    else:
        reason, code, message = _TOO_LONG[status]
        head = [b"HTTP/1.1 %d %s\r\n" % (status, reason)]
        body = json.dumps({"error": code, "message": message}, ensure_ascii=False).encode("utf-8")
    head += [name + b": " + value + b"\r\n" for name, value in self.server_state.default_headers]  # date, server
    head += [b"content-type: application/json; charset=utf-8\r\n", b"content-length: %d\r\n" % len(body),
             b"x-content-type-options: nosniff\r\n", b"connection: close\r\n\r\n"]
    self.transport.write(b"".join(head) + body)
    self.transport.close()


def _init(self: Any, *args: Any, **kwargs: Any) -> None:
    """uvicorn's own set-up, then the app behind the message rules the parser leaves to the server (Host, transfer
    codings, `OPTIONS *`: `web/message_rules.py`), here so that one process and `--workers N` both apply them."""
    AutoHTTPProtocol.__init__(self, *args, **kwargs)
    self.app = MessageRules(self.app)


#: uvicorn's own protocol (httptools where installed, else h11) answering refused requests as above.
JsonBadRequestProtocol = type("JsonBadRequestProtocol", (AutoHTTPProtocol,),
                              {"__init__": _init, "send_400_response": _send_400_response, "data_received": _data_received})


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
