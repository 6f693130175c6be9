"""CORS headers (web/cors.py) over a socket: the public reading routes answer any origin, without credentials, and
their preflights allow a conditional GET; the agencies' and operators' routes answer no origin."""

from __future__ import annotations

from pathlib import Path

import httpx

from tests.support import sample_records, served_engine

ORIGIN = {"Origin": "https://www.fujian.gov.cn"}


def test_public_routes_answer_any_origin_and_private_ones_none(tmp_path: Path) -> None:
    with served_engine(tmp_path / "data", sample_records()[:20]) as (_, base):
        for path in ("/api/search?q=通知", "/api/suggest?q=厦门", "/api/stats", "/feeds/search.atom?q=通知", "/oai?verb=Identify",
                     "/openapi.json"):
            answer = httpx.get(base + path, headers=ORIGIN)
            assert answer.status_code == 200, path
            assert answer.headers.get("access-control-allow-origin") == "*", path
            assert "access-control-allow-credentials" not in answer.headers, path
            assert "ETag" in answer.headers.get("access-control-expose-headers", ""), path
        preflight = httpx.options(base + "/feeds/search.atom?q=通知", headers={
            **ORIGIN, "Access-Control-Request-Method": "GET", "Access-Control-Request-Headers": "if-none-match"})
        assert preflight.status_code == 200
        assert preflight.headers["access-control-allow-origin"] == "*"
        assert "if-none-match" in preflight.headers["access-control-allow-headers"].lower()
        assert preflight.headers["x-content-type-options"] == "nosniff"  # the security headers wrap the preflight too
        # a method the public routes do not take is not allowed by the preflight
        assert httpx.options(base + "/api/search", headers={**ORIGIN, "Access-Control-Request-Method": "DELETE"}).status_code == 400
        for path in ("/api/sources", "/admin", "/"):
            assert "access-control-allow-origin" not in httpx.get(base + path, headers=ORIGIN).headers, path
        push = httpx.options(base + "/api/ingest", headers={**ORIGIN, "Access-Control-Request-Method": "POST"})
        assert "access-control-allow-origin" not in push.headers
        # without an Origin (a harvester, curl) nothing changes
        assert "access-control-allow-origin" not in httpx.get(base + "/api/search?q=通知").headers
