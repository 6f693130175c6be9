"""The HTTP/1.1 message rules the parser lets through, applied before a request reaches the app (RFC 9112).

httptools (llhttp) frames requests but leaves some of RFC 9112's MUSTs to the server: an HTTP/1.1 request without
exactly one valid Host (§3.2: 400), a Transfer-Encoding in an HTTP/1.0 request (§6.1: faulty framing) or one naming a
coding other than chunked (§6.1: 501; the body was otherwise handed on still gzip-coded, an OAI-PMH form read as
`badVerb`), and the asterisk-form target (§3.2.4: `OPTIONS *` asks about the server itself; it was a 404 page).
Each refusal is the API's JSON error, Chinese first; a framing one closes the connection, since where its body ends
cannot be known (clients12, session 22: found by raw requests, `tests/test_clients_heldout16.py`).

And one rule uvicorn leaves out: a request saying `Expect: 100-continue` answered before the app asked for its body (a
push refused for its token or its declared length) gets no 100, so the client never sends that body (RFC 9110
§10.1.1); the connection is closed after the answer, where it was kept and the client's next request read as the
body it never sent (the client hung; clients12).
"""

from __future__ import annotations

import json
import re

from starlette.types import ASGIApp, Message, Receive, Scope, Send

#: RFC 9110 §7.2: Host = uri-host [ ":" port ] (RFC 3986: an IP literal, or a reg-name of unreserved, pct-encoded and
#: sub-delims characters, which an IPv4 address also is); empty is allowed (a target with no authority).
_HOST = re.compile(
    r"(?:\[(?:[0-9A-Fa-f:.]+|v[0-9A-Fa-f]+\.[A-Za-z0-9\-._~!$&'()*+,;=:]+)\]"
    r"|(?:[A-Za-z0-9\-._~!$&'()*+,;=]|%[0-9A-Fa-f]{2})*)(?::[0-9]*)?"
)
#: The methods some route of this server takes: `OPTIONS *` names them (RFC 9110 §9.3.7).
SERVER_METHODS = "GET, HEAD, POST, OPTIONS"


def _refusal(status: int, error: str, message: str, *, close: bool) -> tuple[list[tuple[bytes, bytes]], bytes]:
    body = json.dumps({"error": error, "message": message}, ensure_ascii=False).encode("utf-8")
    headers = [(b"content-type", b"application/json; charset=utf-8"), (b"content-length", b"%d" % len(body)),
               (b"x-content-type-options", b"nosniff")]
    return headers + ([(b"connection", b"close")] if close else []), body


def broken_rule(scope: Scope) -> tuple[int, str, str, bool] | None:
    """(status, error, message, close the connection) for a request breaking one of the rules above, else None."""
    version = scope.get("http_version", "1.1")
    hosts = [value for name, value in scope["headers"] if name == b"host"]
    if version == "1.1" and (len(hosts) != 1 or not _HOST.fullmatch(hosts[0].decode("latin-1"))):
        return (400, "bad_host", "HTTP/1.1 请求须有且只有一个有效的 Host 请求头 / an HTTP/1.1 request needs exactly one valid "
                "Host header (RFC 9112 §3.2)", False)
    codings = [c.strip().lower() for name, value in scope["headers"] if name == b"transfer-encoding"
               for c in value.decode("latin-1").split(",") if c.strip()]
    if codings and version == "1.0":
        return (400, "bad_framing", "HTTP/1.0 请求不能使用 Transfer-Encoding / an HTTP/1.0 request cannot use "
                "Transfer-Encoding (RFC 9112 §6.1)", True)
    if codings and codings != ["chunked"]:
        if codings[-1] != "chunked" or "chunked" in codings[:-1]:
            return (400, "bad_framing", "Transfer-Encoding 须以 chunked 结尾且只用一次 / chunked must be the final transfer "
                    "coding, applied once (RFC 9112 §6.1, §6.3)", True)
        return (501, "transfer_coding_not_implemented", "只接受 chunked 传输编码（gzip 等请用 Content-Encoding）/ only the "
                "chunked transfer coding is implemented (RFC 9112 §6.1)", True)
    if scope.get("raw_path") == b"*" and scope["method"] != "OPTIONS":
        return (400, "bad_target", "只有 OPTIONS 请求可用 * 作目标 / only OPTIONS may target * (RFC 9112 §3.2.4)", False)
    return None


class MessageRules:
    """ASGI middleware: a request breaking a rule above is answered here; `OPTIONS *` is answered 204 with the
    server's methods in Allow; every other request goes on to the app unchanged."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        broken = broken_rule(scope)
        expects_continue = any(name == b"expect" and value.lower() == b"100-continue" for name, value in scope["headers"])
        if broken is not None:
            status, error, message, close = broken
            # refused before any 100: the body was never sent either (review22b: a bad Host's next request was read as it)
            headers, body = _refusal(status, error, message, close=close or expects_continue)
        elif scope.get("raw_path") == b"*":  # OPTIONS *: the server's no-op ping
            status, headers, body = 204, [(b"allow", SERVER_METHODS.encode())], b""
            headers += [(b"connection", b"close")] if expects_continue else []
        elif expects_continue:
            await self.app(scope, *_closing_unless_body_asked(receive, send))
            return
        else:
            await self.app(scope, receive, send)
            return
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})


def _closing_unless_body_asked(receive: Receive, send: Send) -> tuple[Receive, Send]:
    """`receive` and `send` for a request expecting 100-continue: an answer begun before the body was asked for (so
    before the server's 100) says `Connection: close`, which uvicorn then does."""
    asked = False

    async def receive_noted() -> Message:
        nonlocal asked
        asked = True
        return await receive()

    async def send_closing(message: Message) -> None:
        if message["type"] == "http.response.start" and not asked:
            message = {**message, "headers": [*message.get("headers", []), (b"connection", b"close")]}
        await send(message)

    return receive_noted, send_closing
