"""The operators' admin page over a real socket: closed without a login, status and jobs with one."""

from __future__ import annotations

import re

import httpx
import pytest
from fastapi import FastAPI

from gongkai.engine import Engine
from gongkai.ops.auth import hash_password, verify_password
from gongkai.ops.db import ops_engine
from gongkai.ops.jobs import build_job_specs, find_spec
from gongkai.ops.runner import JobRunner
from gongkai.ops.service import paused_jobs
from gongkai.settings import load_settings
from gongkai.web.routes_admin import router
from gongkai.web.server import serve_in_thread
from tests.test_sched_service import ALL_OFF, ingest_job, write_jsonl

PASSWORD = "运维-secret-2026"


def make_engine(tmp_path, password_hash: str) -> Engine:
    drop = write_jsonl(tmp_path / "drop.jsonl")
    settings = load_settings(data_dir=tmp_path / "data", scheduler={
        **ALL_OFF, "admin_user": "ops", "admin_password_hash": password_hash,
        "admin_login_max_failures": 100,  # these tests fail logins on purpose; the throttle has its own tests
        "extra_jobs": {"drop": ingest_job([drop], "every 5m"), "broken": ingest_job([tmp_path / "gone.jsonl"], "0 * * * *")},
    })
    engine = Engine(settings)
    runner = JobRunner(engine)
    specs, _ = build_job_specs(settings)
    runner.run(find_spec(specs, "drop"))
    runner.run(find_spec(specs, "broken"))
    runner.close()
    return engine


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """The real web app with the admin router included, as `gongkai serve` will have it."""
    from gongkai.web.app import create_app

    tmp_path = tmp_path_factory.mktemp("admin")
    engine = make_engine(tmp_path, hash_password(PASSWORD, iterations=50_000))
    app = create_app(engine)
    app.include_router(router)
    with serve_in_thread(app) as base_url:
        yield engine, base_url
    engine.close()


@pytest.fixture
def client(served):
    with httpx.Client(base_url=served[1], timeout=10) as client:
        yield client


AUTH = ("ops", PASSWORD)


@pytest.mark.parametrize("path", ["/admin", "/admin/status.json", "/admin/runs/1"])
def test_without_a_login_every_admin_page_is_401(client, path):
    for auth in (None, ("ops", "wrong"), ("admin", PASSWORD), ("ops", "")):
        response = client.get(path, auth=auth)
        assert response.status_code == 401, (path, auth)
        assert response.headers["www-authenticate"].startswith("Basic")
        assert PASSWORD not in response.text and "records" not in response.text
        assert response.json()["message"].startswith(("请以运维人员身份登录 / ", "用户名或密码错误 / ")), response.text


def test_posts_need_the_login_too(client):
    assert client.post("/admin/jobs/drop/pause", data={"csrf": "x"}).status_code == 401


def test_status_json_with_a_login(client, served):
    response = client.get("/admin/status.json", auth=AUTH)
    assert response.status_code == 200 and response.headers["cache-control"] == "no-store"
    status = response.json()
    assert status["records"] == 40 and status["index"]["documents"] == 40
    assert (status["withdrawn"], status["withdrawn_by_source"], status["withdrawn_by_takedown"]) == (0, 0, 0)
    assert [r["job"] for r in status["failed_jobs_24h"]] == ["broken"]
    assert {"drop", "broken", "maintenance"} <= {job["name"] for job in status["jobs"]}


def test_admin_page_shows_status_jobs_and_failures(client):
    response = client.get("/admin", auth=AUTH)
    assert response.status_code == 200
    page = response.text
    for part in ("运行状态", "drop", "broken", "FileNotFoundError", "gone.jsonl", "not running", "quarantine",
                 "来源撤回 by source 0, 人工下架 by operator takedown 0"):
        assert part in page, part
    # its tables' headers Chinese first, as the CLI's (they were English only: newuser2)
    assert "<th>作业 job</th>" in page and "<th>上次运行 last run</th>" in page and "<th>消息 message</th>" in page
    assert "content-security-policy" in response.headers  # the web app's security headers apply here too
    run_id = re.search(r'href="/admin/runs/(\d+)">\d+</a></td><td>broken', page).group(1)
    detail = client.get(f"/admin/runs/{run_id}", auth=AUTH)
    assert detail.status_code == 200 and "Traceback" in detail.text and "FileNotFoundError" in detail.text
    assert client.get("/admin/runs/99999", auth=AUTH).status_code == 404


def test_pause_and_resume_from_the_page_need_its_csrf_token(client, served):
    engine = served[0]
    page = client.get("/admin", auth=AUTH).text
    token = re.search(r'action="/admin/jobs/drop/pause"><input type="hidden" name="csrf" value="([0-9a-f]+)"', page).group(1)
    forged = client.post("/admin/jobs/drop/pause", data={"csrf": "0" * 64}, auth=AUTH)
    assert forged.status_code == 403
    db = ops_engine(engine.settings.resolved_database_url)
    assert "drop" not in paused_jobs(db)

    response = client.post("/admin/jobs/drop/pause", data={"csrf": token}, auth=AUTH)
    assert response.status_code == 303 and response.headers["location"] == "/admin"
    assert "drop" in paused_jobs(db)
    page = client.get("/admin", auth=AUTH).text
    assert 'action="/admin/jobs/drop/resume"' in page and "已暂停" in page
    assert client.post("/admin/jobs/drop/resume", data={"csrf": token}, auth=AUTH).status_code == 303
    assert "drop" not in paused_jobs(db)
    assert client.post("/admin/jobs/no-such-job/pause", data={"csrf": token}, auth=AUTH).status_code == 404


def test_without_a_configured_password_the_page_stays_closed(tmp_path):
    engine = make_engine(tmp_path, "")
    app = FastAPI()
    app.include_router(router)
    app.state.engine = engine  # how a bare app hands the engine over
    with serve_in_thread(app) as base_url:
        response = httpx.get(base_url + "/admin", auth=("admin", ""))
        assert response.status_code == 401 and "admin_password_hash" in response.text
        assert "管理页未开放" in response.text, response.text  # English only before (newuser2)
        response = httpx.get(base_url + "/admin", auth=("admin", "anything"))
        assert response.status_code == 401
    engine.close()


def test_password_hashes():
    stored = hash_password("密码 with spaces", iterations=10_000)
    assert stored.startswith("pbkdf2_sha256$10000$") and "密码" not in stored
    assert verify_password("密码 with spaces", stored)
    assert not verify_password("密码 with space", stored)
    assert not verify_password("x", "md5$1$abc$def") and not verify_password("x", "garbage")
    assert hash_password("same", iterations=10_000) != hash_password("same", iterations=10_000)  # salted
    with pytest.raises(ValueError):
        hash_password("")
