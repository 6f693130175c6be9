"""A local stand-in for the national platform's receiver, for tests, the benchmark and trying sync out.

It speaks the wire format of gongkai.feeds.sync, dedupes by idempotency key as the platform would,
and can misbehave on purpose, one planned fault per request:

    "ok"        answer normally
    "500"       answer 500 without storing anything
    "timeout"   sleep past the client's timeout, store nothing
    "drop"      close the connection without an answer, store nothing
    "slow"      store, then answer after a delay shorter than the client's timeout
    "lost_ack"  store everything, then close the connection without an answer (the ack is lost)
    "reject:K"  answer normally but reject the entry whose key is K

    with SyncReceiver(faults=["500", "lost_ack"]) as receiver:
        ... receiver.url ...
        receiver.received  # [(key, record_id, version, change)], in arrival order, duplicates dropped
        receiver.posted    # every key posted, duplicates included
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from collections.abc import Iterable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class SyncReceiver:
    def __init__(self, faults: Iterable[str] = (), token: str = "", hang_seconds: float = 3.0, slow_seconds: float = 0.3) -> None:
        self.faults: deque[str] = deque(faults)
        self.token = token
        self.hang_seconds = hang_seconds
        self.slow_seconds = slow_seconds
        self.received: list[tuple[str, str, int, str]] = []
        self.records: dict[str, dict[str, Any]] = {}  # idempotency key -> record JSON
        self.requests = 0
        self.posted: list[str] = []  # every idempotency key POSTed, duplicates included (how often was each sent?)
        self._keys: set[str] = set()
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._server.block_on_close = False  # a request still sleeping on purpose must not hold up the test
        self._thread = threading.Thread(target=self._server.serve_forever, name="sync-receiver", daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        host = host.decode() if isinstance(host, bytes) else host  # typed str | bytes; an IPv4 server gives str
        return f"http://{host}:{port}/sync"

    def __enter__(self) -> SyncReceiver:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _next_fault(self) -> str:
        with self._lock:
            self.requests += 1
            return self.faults.popleft() if self.faults else "ok"

    def _store(self, lines: list[dict[str, Any]], reject: str | None) -> list[dict[str, Any]]:
        results = []
        with self._lock:  # one batch at a time, in its order: that is what keeps versions in order
            for line in lines:
                key = line["idempotency_key"]
                self.posted.append(key)
                if key == reject:
                    results.append({"idempotency_key": key, "status": "rejected", "error": "refused on purpose"})
                elif key in self._keys:
                    results.append({"idempotency_key": key, "status": "duplicate"})
                else:
                    self._keys.add(key)
                    self.received.append((key, line["record_id"], int(line["version"]), line["change"]))
                    self.records[key] = line["record"]
                    results.append({"idempotency_key": key, "status": "accepted"})
        return results

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *_args: Any) -> None:  # keep test output quiet
                pass

            def do_POST(self) -> None:  # http.server naming
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                if receiver.token and self.headers.get("Authorization") != f"Bearer {receiver.token}":
                    self._answer(401, {"error": "bad token"})
                    return
                fault = receiver._next_fault()
                if fault == "500":
                    self._answer(500, {"error": "failing on purpose"})
                    return
                if fault == "timeout":
                    time.sleep(receiver.hang_seconds)
                    self.close_connection = True
                    return
                if fault == "drop":
                    self._drop()
                    return
                try:
                    lines = [json.loads(line) for line in body.decode("utf-8").splitlines() if line.strip()]
                except (UnicodeDecodeError, ValueError, RecursionError) as exc:  # ValueError: JSON errors, 4,300-digit numbers
                    self._answer(400, {"error": f"bad body: {exc}"})
                    return
                reject = fault.removeprefix("reject:") if fault.startswith("reject:") else None
                results = receiver._store(lines, reject)
                if fault == "lost_ack":
                    self._drop()
                    return
                if fault == "slow":
                    time.sleep(receiver.slow_seconds)
                self._answer(200, {"results": results})

            def _drop(self) -> None:
                self.close_connection = True
                self.connection.shutdown(2)  # SHUT_RDWR: the client sees the connection end with no answer

            def _answer(self, status: int, data: dict[str, Any]) -> None:
                payload = json.dumps(data).encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

        return Handler
