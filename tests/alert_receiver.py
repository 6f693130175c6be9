"""A real webhook receiver on 127.0.0.1 for the alert tests: it verifies signatures, deduplicates by
delivery id (as the README tells receivers to), and can fail on purpose or answer slowly."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from gongkai.feeds.alert_delivery import DELIVERY_HEADER, SIGNATURE_HEADER, verify


class Receiver:
    def __init__(self, secret: str = "", fail_every: int = 0, always_fail: bool = False, delay: float = 0.0) -> None:
        self.secret = secret
        self.fail_every = fail_every  # 2: every second request answers 500
        self.always_fail = always_fail
        self.delay = delay
        self.requests = 0
        self.accepted: dict[str, dict[str, Any]] = {}  # delivery id -> body, first accepted copy
        self.repeats = 0  # accepted again under an id already accepted (a resend after a crash)
        self.bad_signatures = 0
        self.lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                if receiver.delay:
                    time.sleep(receiver.delay)
                with receiver.lock:
                    receiver.requests += 1
                    failing = receiver.always_fail or (receiver.fail_every and receiver.requests % receiver.fail_every == 0)
                    if receiver.secret and not verify(receiver.secret, body, self.headers.get(SIGNATURE_HEADER, "")):
                        receiver.bad_signatures += 1
                        failing = True
                    if not failing:
                        delivery = self.headers.get(DELIVERY_HEADER, "")
                        if delivery in receiver.accepted:
                            receiver.repeats += 1
                        else:
                            receiver.accepted[delivery] = json.loads(body)
                self.send_response(500 if failing else 204)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *_args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def record_ids(self) -> list[str]:
        """Every record id in the accepted deliveries (a record in two deliveries appears twice)."""
        return [record["id"] for body in self.accepted.values() for record in body["records"]]

    def __enter__(self) -> Receiver:
        self.thread.start()
        return self

    def __exit__(self, *_exc: Any) -> None:
        self.server.shutdown()
        self.server.server_close()

