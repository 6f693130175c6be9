"""Rate limits of POST /api/ingest over a real socket: per agency, bursts, bad tokens per address, off."""

from __future__ import annotations

import time

import httpx
import pytest
from fastapi import FastAPI

from gongkai.engine import Engine
from gongkai.feeds.tokens import TokenStore
from gongkai.settings import SettingsError, load_settings
from gongkai.web.routes_feeds import router
from gongkai.web.server import serve_in_thread as serving
from tests.conftest import govcn_records

OFFICE, COUNCIL = "国务院办公厅", "国务院"
XML = {"Content-Type": "application/xml"}  # answered 415 without touching the store: a cheap counted request


def make_server(settings, **limits):
    settings.feeds = settings.feeds.model_copy(update=limits)
    engine = Engine(settings)
    app = FastAPI()
    app.include_router(router)
    app.state.engine = engine
    tokens = TokenStore(engine.store)
    return engine, app, tokens.create(OFFICE)[0], tokens.create(COUNCIL)[0]


@pytest.fixture
def limited(settings, request):
    engine, app, office, council = make_server(settings, **request.param)
    with serving(app) as base, httpx.Client(base_url=base, timeout=30) as client:
        yield client, engine, office, council
    engine.close()


def auth(token: str, **headers: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}", **headers}


def record(issuer: str, n: int) -> dict:
    source = next(r for r in govcn_records() if r["issuer"] == issuer)
    return {**{k: v for k, v in source.items() if k != "source"}, "summary": f"第{n}次推送"}


def assert_rate_limited(response: httpx.Response, limit: str, window: int) -> int:
    assert response.status_code == 429, response.text
    retry_after = int(response.headers["Retry-After"])
    assert 1 <= retry_after <= window
    body = response.json()
    assert body["error"] == "rate_limited" and f"feeds.{limit}" in body["message"] and body["retry_after"] == retry_after
    return retry_after


@pytest.mark.parametrize("limited", [{"push_rate_limit": 3, "push_rate_window_seconds": 2, "push_rate_burst": 0}], indirect=True)
def test_an_agency_over_its_limit_gets_429_others_do_not_and_it_passes_again_after_the_window(limited):
    client, engine, office, council = limited
    assert client.post("/api/ingest", json=record(COUNCIL, 0), headers=auth(council)).status_code == 201  # warm-up, council's 1st
    started = time.monotonic()
    codes = [client.post("/api/ingest", json=record(OFFICE, n), headers=auth(office)).status_code for n in range(3)]
    assert codes == [201, 200, 200]
    refused = client.post("/api/ingest", json=record(OFFICE, 3), headers=auth(office))
    assert time.monotonic() - started < 2, "the four requests must fall in one window for this test to mean anything"
    retry_after = assert_rate_limited(refused, "push_rate_limit", 2)
    assert "国务院办公厅" in refused.json()["message"]
    [stored] = [r for r in engine.export() if r.issuer == OFFICE]
    assert stored.summary == "第2次推送", "the refused push stored nothing"

    # Another agency has its own count.
    assert client.post("/api/ingest", json=record(COUNCIL, 1), headers=auth(council)).status_code == 200

    time.sleep(retry_after + 0.1)
    again = client.post("/api/ingest", json=record(OFFICE, 4), headers=auth(office))
    assert again.status_code == 200 and again.json()["results"][0]["status"] == "updated"


@pytest.mark.parametrize("limited", [{"push_rate_limit": 100, "push_rate_window_seconds": 60, "push_rate_burst": 2}], indirect=True)
def test_a_burst_over_the_per_second_cap_gets_429_for_a_second(limited):
    client, _, office, _ = limited
    started = time.monotonic()
    codes = [client.post("/api/ingest", content=b"<x/>", headers=auth(office, **XML)).status_code for _ in range(2)]
    refused = client.post("/api/ingest", content=b"<x/>", headers=auth(office, **XML))
    assert time.monotonic() - started < 1, "three requests within one second"
    assert codes == [415, 415]
    assert assert_rate_limited(refused, "push_rate_burst", 1) == 1
    time.sleep(1.1)
    assert client.post("/api/ingest", json=record(OFFICE, 0), headers=auth(office)).status_code == 201


@pytest.mark.parametrize("limited", [{"push_bad_token_limit": 3, "push_rate_window_seconds": 2}], indirect=True)
def test_wrong_tokens_are_limited_per_address_before_any_token_is_checked(limited):
    client, engine, office, _ = limited
    guesses = [office[:-4] + f"{n:04d}" for n in range(3)]
    started = time.monotonic()
    assert [client.post("/api/ingest", json=record(OFFICE, 0), headers=auth(g)).status_code for g in guesses] == [401] * 3
    # Over the limit, this address is refused even with the right token: a guesser cannot find out it was right.
    refused = client.post("/api/ingest", json=record(OFFICE, 0), headers=auth(office))
    assert time.monotonic() - started < 2
    retry_after = assert_rate_limited(refused, "push_bad_token_limit", 2)
    assert "127.0.0.1" in refused.json()["message"] and engine.store.count() == 0
    assert client.post("/api/ingest", json=record(OFFICE, 0)).status_code == 429, "no token at all: refused too"

    time.sleep(retry_after + 0.1)
    assert client.post("/api/ingest", json=record(OFFICE, 0), headers=auth(office)).status_code == 201
    assert engine.store.count() == 1


@pytest.mark.parametrize("limited", [{"push_rate_limit": 0, "push_rate_burst": 0, "push_bad_token_limit": 0}], indirect=True)
def test_zero_turns_the_limits_off(limited):
    client, _, office, _ = limited
    assert {client.post("/api/ingest", content=b"<x/>", headers=auth(office, **XML)).status_code for _ in range(40)} == {415}
    assert {client.post("/api/ingest", content=b"{}", headers=auth(office[:-2] + "xx")).status_code for _ in range(40)} == {401}


def test_the_defaults_limit_and_bad_values_are_refused_at_start(settings):
    feeds = settings.feeds
    assert (feeds.push_rate_limit, feeds.push_rate_window_seconds, feeds.push_rate_burst, feeds.push_bad_token_limit) == (120, 60, 20, 20)
    for bad in ({"push_rate_limit": -1}, {"push_rate_window_seconds": 0}, {"push_rate_burst": -5}, {"push_bad_token_limit": -1}):
        with pytest.raises(SettingsError, match=f"feeds.{next(iter(bad))}"):
            load_settings(data_dir=settings.data_dir, feeds=bad)
