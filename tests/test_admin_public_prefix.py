"""The operators' /admin under a portal's path (feeds.public_base_url https://portal.example/gongkai/, its proxy passing
/gongkai/… on with the prefix stripped), as the citizens' pages are (tests/test_web_public_prefix.py): every link, form
action and stylesheet the admin page prints, and each 303 back to it, name their paths under /gongkai (clients9,
session 19: they named the root, so a button pressed on https://portal.example/gongkai/admin posted to the portal's
/admin). Real app and jobs over a socket; the operator's browser is played by following each link stripped."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import httpx
import pytest

from gongkai.engine import Engine
from gongkai.ops.auth import hash_password
from gongkai.settings import load_settings
from gongkai.web.routes_admin import router
from gongkai.web.server import serve_in_thread
from tests.test_sched_service import ALL_OFF, ingest_job, write_jsonl

PREFIX = "/gongkai"
PASSWORD = "运维-口令-2026"
AUTH = ("ops", PASSWORD)


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found += [value for name, value in attrs if name in ("href", "src", "action") and value and value.startswith("/")]


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    from gongkai.web.app import create_app

    tmp_path = tmp_path_factory.mktemp("admin_prefix")
    settings = load_settings(data_dir=tmp_path / "data", feeds={"public_base_url": f"https://portal.example{PREFIX}/"}, scheduler={
        **ALL_OFF, "admin_user": "ops", "admin_password_hash": hash_password(PASSWORD, iterations=50_000),
        "extra_jobs": {"drop": ingest_job([write_jsonl(tmp_path / "drop.jsonl")], "every 5m")},
    })
    engine = Engine(settings)
    app = create_app(engine)
    app.include_router(router)
    try:
        with serve_in_thread(app) as base, httpx.Client(base_url=base, timeout=30) as client:
            yield client
    finally:
        engine.close()


def test_every_root_relative_link_of_the_admin_page_is_under_the_prefix_and_leads_somewhere(client) -> None:
    page = client.get("/admin", auth=AUTH)
    assert page.status_code == 200
    parser = _Links()
    parser.feed(page.text)
    assert f'{PREFIX}/admin/jobs/drop/pause' in parser.found and f"{PREFIX}/static/style.css" in parser.found
    outside = [link for link in parser.found if not link.startswith(PREFIX + "/")]
    assert not outside, outside[:5]
    for link in {link.split("#")[0] for link in parser.found if "/jobs/" not in link and "/takedowns" not in link}:
        assert client.get(link[len(PREFIX):], auth=AUTH).status_code < 400, link  # as the stripping proxy passes it on


def test_a_button_pressed_comes_back_to_the_admin_page_under_the_prefix(client) -> None:
    page = client.get("/admin", auth=AUTH).text
    token = re.search(rf'action="{PREFIX}/admin/jobs/drop/pause"><input type="hidden" name="csrf" value="([0-9a-f]+)"', page).group(1)
    paused = client.post("/admin/jobs/drop/pause", data={"csrf": token}, auth=AUTH)
    assert paused.status_code == 303 and paused.headers["location"] == f"{PREFIX}/admin"
    assert f'action="{PREFIX}/admin/jobs/drop/resume"' in client.get("/admin", auth=AUTH).text
    resumed = client.post("/admin/jobs/drop/resume", data={"csrf": token}, auth=AUTH)
    assert resumed.status_code == 303 and resumed.headers["location"] == f"{PREFIX}/admin"
    taken = client.post("/admin/takedowns", data={"csrf": token, "record_id": "no-such-record", "reason": "测试"}, auth=AUTH)
    assert taken.status_code == 303 and taken.headers["location"].startswith(f"{PREFIX}/admin?notice=unknown-id")
    assert client.get("/admin/runs/99999", auth=AUTH).status_code == 404
