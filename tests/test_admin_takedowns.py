"""Takedowns from the operators' admin page, over a real socket with a real engine (SQLite store and
tantivy index on disk, the 40 real gov.cn records): take down → gone from search, its page 410; the
same document ingested again → still down and listed; lift → searchable again. CSRF, login, notices,
and the takedown counts in the admin status, `gongkai status --json` and not in the public /api/stats.
"""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from lxml import html
from typer.testing import CliRunner

from gongkai.indexer.models import SearchRequest
from gongkai.ops.auth import hash_password
from gongkai.record import Record
from gongkai.web.app import create_app
from gongkai.web.routes_admin import router
from gongkai.web.server import serve_in_thread
from tests.conftest import govcn_records
from tests.support import build_engine
from tests.test_sched_service import ALL_OFF

USER = "值班-alice"  # a Chinese login name: it is the operator recorded on the takedown
PASSWORD = "运维-secret-2026"
AUTH = (USER, PASSWORD)


@pytest.fixture
def served(tmp_path):
    records = [Record.model_validate(data) for data in govcn_records()]
    scheduler = {**ALL_OFF, "admin_user": USER, "admin_password_hash": hash_password(PASSWORD, iterations=10_000)}
    engine = build_engine(tmp_path / "data", records, scheduler=scheduler)
    app = create_app(engine)
    app.include_router(router)
    try:
        with serve_in_thread(app) as base_url, httpx.Client(base_url=base_url, timeout=10, auth=AUTH) as client:
            yield engine, client, records
    finally:
        engine.close()


def found(engine, record: Record) -> bool:
    response = engine.search(SearchRequest(q=record.title, limit=50, facets=False))
    return record.id in [hit.id for hit in response.hits]


def admin_page(client: httpx.Client, url: str = "/admin") -> html.HtmlElement:
    response = client.get(url)
    assert response.status_code == 200 and response.headers["cache-control"] == "no-store"
    return html.fromstring(response.text)


def form_fields(page: html.HtmlElement, action: str, record_id: str | None = None) -> dict[str, str]:
    """The hidden fields of the page's form posting to `action` (the one for `record_id`, if given)."""
    for form in page.xpath(f'//form[@action="{action}"]'):
        hidden = {i.get("name"): i.get("value") for i in form.xpath('.//input[@type="hidden"]')}
        if record_id is None or hidden.get("record_id") == record_id:
            return hidden
    raise AssertionError(f"no form posting to {action} for {record_id}")


def notices(page: html.HtmlElement) -> list[str]:
    return [" ".join(box.text_content().split()) for box in page.xpath('//div[contains(@class, "notice-box")]')]


def listed_ids(page: html.HtmlElement) -> list[str]:
    return [code.text for code in page.xpath('//section[@id="takedowns"]//tbody/tr/td[1]/a/code')]


def post_and_follow(client: httpx.Client, action: str, data: dict[str, str]) -> tuple[dict[str, list[str]], html.HtmlElement]:
    response = client.post(action, data=data)
    assert response.status_code == 303, response.text
    location = response.headers["location"]
    assert location.startswith("/admin?") and location.endswith("#takedowns")
    return parse_qs(urlsplit(location).query), admin_page(client, location)


def test_take_down_from_the_page_survives_re_ingest_and_is_lifted_from_the_page(served):
    engine, client, records = served
    target = records[5]
    page = admin_page(client)
    section = page.xpath('//section[@id="takedowns"]')[0]
    assert "no active takedowns" in section.text_content()
    # accessible: every field has its label, the actions are real buttons
    for field in section.xpath(".//input[not(@type='hidden')]"):
        assert section.xpath(f'.//label[@for="{field.get("id")}"]'), field.get("name")
    assert section.xpath('.//form[@action="/admin/takedowns"]//button[@type="submit"]')
    assert not page.xpath("//script")
    token = form_fields(page, "/admin/takedowns")["csrf"]

    query, page = post_and_follow(client, "/admin/takedowns", {"csrf": token, "record_id": target.id, "reason": "误发：含个人信息"})
    assert query == {"notice": ["taken-down"], "record": [target.id]}
    assert any(n.startswith("已下架 taken down") and target.id in n for n in notices(page))
    assert listed_ids(page) == [target.id]
    row = page.xpath('//section[@id="takedowns"]//tbody/tr')[0].text_content()
    assert target.title in row and "误发：含个人信息" in row and USER in row
    assert page.xpath(f'//section[@id="takedowns"]//a[@href="/documents/{target.id}"]')
    assert "1 active" in page.xpath('//dt[contains(., "takedowns")]/following-sibling::dd[1]')[0].text_content()

    assert not found(engine, target)
    assert client.get(f"/documents/{target.id}").status_code == 410
    assert client.get(f"/api/documents/{target.id}").status_code == 410
    current = engine.takedown(target.id)
    assert current.taken_down_by == USER and current.reason == "误发：含个人信息"

    # the crawl brings the very same document again: still down, still listed, counted as withheld
    report = engine.ingest_records([target])
    assert report.withheld == 1 and report.as_dict()["withheld"] == 1 and report.counts["unchanged"] == 1
    assert not found(engine, target) and client.get(f"/documents/{target.id}").status_code == 410
    assert listed_ids(admin_page(client)) == [target.id]

    # taking it down twice says so and records nothing new
    query, page = post_and_follow(client, "/admin/takedowns", {"csrf": token, "record_id": target.id, "reason": "again"})
    assert query["notice"] == ["already-down"]
    assert any(n.startswith("已下架 already taken down") and f"by {USER}" in n for n in notices(page))
    assert len(engine.store.takedowns_of(target.id)) == 1

    lift = form_fields(page, "/admin/takedowns/lift", target.id)
    query, page = post_and_follow(client, "/admin/takedowns/lift", {**lift, "reason": "核实无误"})
    assert query["notice"] == ["lifted"]
    assert any(n.startswith("已撤销下架 lifted") and target.id in n for n in notices(page))
    assert listed_ids(page) == [] and "no active takedowns" in page.xpath('//section[@id="takedowns"]')[0].text_content()
    assert found(engine, target) and client.get(f"/documents/{target.id}").status_code == 200
    (history,) = engine.store.takedowns_of(target.id)
    assert (history.lifted_by, history.lift_reason, history.active) == (USER, "核实无误", False)

    # lifting what is not down: nothing to do, said so
    query, page = post_and_follow(client, "/admin/takedowns/lift", {**lift, "reason": "again"})
    assert query["notice"] == ["not-withdrawn"] and any(n.startswith("未下架 not withdrawn") for n in notices(page))
    assert engine.get(target.id).version == 2  # one restore, not two


def test_newest_takedown_first(served):
    _, client, records = served
    token = form_fields(admin_page(client), "/admin/takedowns")["csrf"]
    for record in records[:3]:
        assert client.post("/admin/takedowns", data={"csrf": token, "record_id": record.id, "reason": "测试"}).status_code == 303
    assert listed_ids(admin_page(client)) == [records[2].id, records[1].id, records[0].id]
    assert client.get("/admin/status.json").json()["takedowns"] == {"active": 3}


def test_refused_forms_change_nothing(served):
    engine, client, records = served
    target = records[0]
    token = form_fields(admin_page(client), "/admin/takedowns")["csrf"]

    query, page = post_and_follow(client, "/admin/takedowns", {"csrf": token, "record_id": "no-such-id", "reason": "x"})
    assert query["notice"] == ["unknown-id"] and any(n.startswith("没有这条记录 unknown id") for n in notices(page))
    query, page = post_and_follow(client, "/admin/takedowns", {"csrf": token, "record_id": target.id, "reason": "  "})
    assert query["notice"] == ["no-reason"] and any("a reason is required" in n for n in notices(page))
    query, _ = post_and_follow(client, "/admin/takedowns/lift", {"csrf": token, "record_id": target.id, "reason": ""})
    assert query["notice"] == ["no-reason"]
    query, _ = post_and_follow(client, "/admin/takedowns/lift", {"csrf": token, "record_id": "x" * 500, "reason": "r"})
    assert query["notice"] == ["unknown-id"]

    for forged in ("0" * 64, "", "伪造的令牌"):  # a non-ASCII token is a 403 too, not a 500
        for action in ("/admin/takedowns", "/admin/takedowns/lift"):
            response = client.post(action, data={"csrf": forged, "record_id": target.id, "reason": "x"})
            assert response.status_code == 403 and "CSRF" in response.text, (action, forged)
    for auth in (None, (USER, "wrong"), ("admin", PASSWORD)):
        for action in ("/admin/takedowns", "/admin/takedowns/lift"):
            response = client.post(action, data={"csrf": token, "record_id": target.id, "reason": "x"}, auth=auth)
            assert response.status_code == 401 and response.headers["www-authenticate"].startswith("Basic")
    assert client.get("/admin/takedowns").status_code in (404, 405)
    assert engine.takedown(target.id) is None and found(engine, target) and not engine.store.takedowns_of(target.id)


def test_a_crafted_notice_link_claims_nothing(served):
    engine, client, records = served
    live = records[1].id
    for kind in ("taken-down", "already-down", "unknown-id"):
        assert notices(admin_page(client, f"/admin?notice={kind}&record={live}")) == []
    engine.withdraw(live, "测试", operator="bob")
    assert notices(admin_page(client, f"/admin?notice=lifted&record={live}")) == []
    assert notices(admin_page(client, f"/admin?notice=not-withdrawn&record={live}")) == []


def test_takedown_counts_for_operators_only(served, monkeypatch):
    engine, client, records = served
    for record in records[:2]:
        assert engine.withdraw(record.id, "隐私投诉", operator="bob")
    engine.withdraw(records[2].id, "the page answered HTTP 404")  # source-driven: not a takedown
    assert client.get("/admin/status.json").json()["takedowns"] == {"active": 2}
    public = client.get("/api/stats", auth=None)
    assert public.status_code == 200 and "takedowns" not in public.json() and "bob" not in public.text
    assert public.json()["withdrawn"] == 3

    from gongkai.cli.context import state
    from gongkai.cli.main import app

    monkeypatch.delenv("GONGKAI_DATA_DIR", raising=False)
    state._settings = state._engine = None
    try:
        result = CliRunner().invoke(app, ["--data-dir", str(engine.settings.data_dir), "status", "--json"], catch_exceptions=False)
    finally:
        if state._engine is not None:
            state._engine.close()
        state._settings = state._engine = None
    assert result.exit_code == 0 and json.loads(result.stdout)["takedowns"] == {"active": 2}


def test_a_busy_index_does_not_hide_that_the_takedown_is_done(served):
    """Another writer (a running ingest) holds the index: the takedown is still made in the store, and the
    page says search lags instead of answering 500."""
    from gongkai.indexer.search_index import SearchIndex

    engine, client, records = served
    target = records[3]
    token = form_fields(admin_page(client), "/admin/takedowns")["csrf"]
    other = SearchIndex(engine.settings.index_dir, engine.settings.index, engine.settings.search)
    other.add_or_replace([])  # takes the writer lock, as an ingest in another process would
    engine.index.lock_timeout = 0.3
    try:
        query, page = post_and_follow(client, "/admin/takedowns", {"csrf": token, "record_id": target.id, "reason": "隐私"})
        assert query == {"notice": ["taken-down"], "record": [target.id], "index": ["busy"]}
        assert any(n.startswith("已下架 taken down") and "search index was busy" in n for n in notices(page))
        assert engine.takedown(target.id) is not None and listed_ids(page) == [target.id]
        assert client.get(f"/documents/{target.id}").status_code == 410
    finally:
        other.release_writer()
    engine.catch_up_index()  # what the next ingest does first
    assert not found(engine, target)
