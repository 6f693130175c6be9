"""Alerts over a real socket (issue 22): an Atom alert's own feed, and the alerts table of the admin page."""

from __future__ import annotations

import httpx
from lxml import etree

from gongkai.engine import Engine
from gongkai.feeds import alerts as A
from gongkai.ops.auth import hash_password
from gongkai.settings import load_settings
from gongkai.web.server import serve_in_thread
from tests.alert_receiver import Receiver
from tests.test_alerts import outage

ATOM = "{http://www.w3.org/2005/Atom}"


def test_atom_alert_feed_and_admin_table(tmp_path):
    from gongkai.web.app import create_app

    settings = load_settings(data_dir=tmp_path / "data", alerts={"backoff_seconds": 0, "max_attempts": 1},
                             scheduler={"admin_user": "ops", "admin_password_hash": hash_password("pw", iterations=10_000)})
    engine = Engine(settings)
    engine.ingest_records([outage(1)])  # backlog
    feed_alert = A.add_alert(engine, "湖里区停水", {}, "atom")
    with Receiver(always_fail=True) as dead:
        broken = A.add_alert(engine, "停水", {}, "webhook", dead.url)
        engine.ingest_records([outage(2), outage(3), outage(4, "思明区")])
        A.run_alerts(engine)
    with serve_in_thread(create_app(engine)) as base, httpx.Client(base_url=base, timeout=10) as client:
        response = client.get(f"/alerts/{feed_alert.id}/feed.atom", params={"key": feed_alert.secret})
        assert response.status_code == 200 and response.headers["content-type"].startswith("application/atom+xml")
        titles = {node.text for node in etree.fromstring(response.content).iter(f"{ATOM}title")}
        assert titles == {"湖里区停水通知（第2号）", "湖里区停水通知（第3号）", "提醒：湖里区停水 — 公开 gongkai"}
        assert client.get(f"/alerts/{feed_alert.id}/feed.atom", params={"key": "wrong"}).status_code == 404
        assert client.get("/alerts/nope/feed.atom", params={"key": feed_alert.secret}).status_code == 404
        page = client.get("/admin", auth=("ops", "pw"))
        assert page.status_code == 200
        assert 'id="alerts"' in page.text and broken.id in page.text and "failing" in page.text and "HTTP 500" in page.text
        assert client.get("/admin").status_code == 401
