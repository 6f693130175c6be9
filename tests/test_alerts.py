"""Saved-search alerts (issue 22) with real parts: SQLite store, Tantivy, a webhook receiver on 127.0.0.1,
an aiosmtpd SMTP server, a SIGKILLed run in a child process."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gongkai.engine import Engine
from gongkai.feeds import alerts as A
from gongkai.feeds.alert_delivery import verify
from gongkai.record import Record
from gongkai.settings import load_settings
from tests.alert_receiver import Receiver

HERE = Path(__file__).parent


def outage(n: int, district: str = "湖里区", what: str = "停水", issuer: str = "厦门水务集团", body: str = "") -> Record:
    return Record(kind="notice", notice_type="outage", title=f"{district}{what}通知（第{n}号）", issuer=issuer,
                  body=body or f"因管道检修，{district}金山街道{what}，请做好准备。", publish_date="2026-12-01",
                  url=f"https://www.xmwater.example/n/{district}{what}{n}")


def make_engine(tmp_path: Path, **alerts) -> Engine:
    conf = {"backoff_seconds": 0, **alerts}
    return Engine(load_settings(data_dir=tmp_path / "data", alerts=conf))


def test_webhook_sends_new_matches_once_signed_not_the_backlog(tmp_path):
    engine = make_engine(tmp_path)
    engine.ingest_records([outage(n) for n in range(5)])  # backlog: made before the alert
    with Receiver() as receiver:
        alert = A.add_alert(engine, "湖里区停水", {"notice_type": "outage"}, "webhook", receiver.url)
        other = A.add_alert(engine, "停电", {"issuer": "国网厦门供电公司"}, "webhook", receiver.url)
        receiver.secret = alert.secret
        engine.ingest_records([outage(n) for n in range(5, 8)]
                              + [outage(n, "思明区") for n in range(3)]  # another district: no match
                              + [outage(n, "思明区", "停电", "某物业公司") for n in range(2)])  # another issuer: no match for `other`
        report = A.run_alerts(engine, [alert.id])
        assert report.delivered == 1 and not report.errors
        assert receiver.bad_signatures == 0
        [body] = receiver.accepted.values()
        assert sorted(r["title"] for r in body["records"]) == [f"湖里区停水通知（第{n}号）" for n in (5, 6, 7)]
        first = body["records"][0]
        assert first["url"].startswith("http://localhost:8000/documents/") and first["publish_date"] == "2026-12-01"
        assert body["delivery_id"] in receiver.accepted and body["alert_id"] == alert.id
        # a second run: nothing new, nothing sent again
        assert A.run_alerts(engine).delivered == 0
        assert len(receiver.accepted) == 1
        # the other alert (issuer filter) ran too, found nothing of its issuer
        assert next(a for a in A.list_alerts(engine) if a["id"] == other.id)["records_sent"] == 0

        # a new version of a sent record: not again (no --updates); a new record: yes
        engine.ingest_records([outage(5, body="湖里区停水时间改为明天。"), outage(9)])
        A.run_alerts(engine)
        titles = [r["title"] for b in receiver.accepted.values() for r in b["records"]]
        assert sorted(titles) == [f"湖里区停水通知（第{n}号）" for n in (5, 6, 7, 9)]
        assert receiver.repeats == 0
    listed = {a["id"]: a for a in A.list_alerts(engine)}[alert.id]
    assert listed["records_sent"] == 4 and listed["deliveries"] == {"pending": 0, "sent": 2, "failed": 0}
    assert listed["last_run_at"] and not listed["failing"] and "secret" not in listed


def test_updates_alert_sends_each_new_version(tmp_path):
    engine = make_engine(tmp_path)
    engine.ingest_records([outage(1)])
    with Receiver() as receiver:
        alert = A.add_alert(engine, "停水", {}, "webhook", receiver.url, updates=True)
        engine.ingest_records([outage(1, body="湖里区停水，时间有变。"), outage(2)])  # a backlog record's new version, a new one
        A.run_alerts(engine)
        engine.ingest_records([outage(2, body="湖里区停水延长一天。")])
        A.run_alerts(engine)
        A.run_alerts(engine)
        sent = sorted((r["title"][-4:], r["version"], r["change"]) for b in receiver.accepted.values() for r in b["records"])
    assert sent == [("第1号）", 2, "updated"), ("第2号）", 1, "new"), ("第2号）", 2, "updated")]
    assert alert.updates


def test_receiver_failing_half_the_time_gets_every_match_once(tmp_path):
    engine = make_engine(tmp_path, max_records_per_delivery=10)
    with Receiver(fail_every=2) as receiver:
        alert = A.add_alert(engine, "停水", {"notice_type": "outage"}, "webhook", receiver.url)
        receiver.secret = alert.secret
        engine.ingest_records([outage(n) for n in range(120)] + [outage(n, what="停电") for n in range(30)])
        runs = 0
        while runs < 40:
            runs += 1
            A.run_alerts(engine)
            if not A.list_alerts(engine)[0]["deliveries"]["pending"]:
                break
        ids = receiver.record_ids()
        assert len(ids) == 120 == len(set(ids))
        assert receiver.requests > len(receiver.accepted)  # failures happened and were retried
        assert receiver.bad_signatures == 0
    receipts = A.list_alerts(engine)[0]
    assert receipts["deliveries"] == {"pending": 0, "sent": 12, "failed": 0} and receipts["records_sent"] == 120


def test_dead_receiver_is_given_up_after_max_attempts_and_shows_in_status(tmp_path):
    from gongkai.ops.status import collect_status

    engine = make_engine(tmp_path, max_attempts=3)
    with Receiver(always_fail=True) as receiver:
        alert = A.add_alert(engine, "停水", {}, "webhook", receiver.url)
        engine.ingest_records([outage(1)])
        reports = [A.run_alerts(engine) for _ in range(4)]
        assert receiver.requests == 3  # the fourth run finds nothing due: given up
    assert [r.given_up for r in reports] == [0, 0, 1, 0]
    row = A.list_alerts(engine)[0]
    assert row["failing"] and row["deliveries"]["failed"] == 1
    assert "HTTP 500" in row["last_error"] and "given up" in row["last_error"]
    status = collect_status(engine)
    assert [a["id"] for a in status["alerts"]["failing"]] == [alert.id]
    # receiver fixed: retry puts it back, the next run delivers, the alert is healthy again
    with Receiver() as fixed:
        from gongkai.feeds.alert_store import get_alerts, retry_failed
        from gongkai.store.outbox import sql_engine
        from gongkai.store.schema import alerts as alerts_table

        with sql_engine(engine.store).begin() as conn:
            conn.execute(alerts_table.update().values(target=fixed.url))
        assert retry_failed(engine.store, alert.id) == 1
        assert A.run_alerts(engine).delivered == 1
        assert len(fixed.accepted) == 1 and get_alerts(engine.store)[0].last_error is None
    assert not A.list_alerts(engine)[0]["failing"]


def test_email_alert_through_a_local_smtp_server(tmp_path):
    from aiosmtpd.controller import Controller
    from aiosmtpd.handlers import Message

    got = []

    class Keep(Message):
        def handle_message(self, message):
            got.append(message)

    import socket

    with socket.socket() as probe:  # aiosmtpd's Controller cannot take port 0: pick a free one
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(Keep(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        engine = make_engine(tmp_path, smtp_host="127.0.0.1", smtp_port=port, mail_from="alerts@xmlib.example")
        alert = A.add_alert(engine, "停水", {}, "email", "resident@example.cn")
        engine.ingest_records([outage(1), outage(2)])
        assert A.run_alerts(engine).delivered == 1
        assert A.run_alerts(engine).delivered == 0
    finally:
        controller.stop()
    import email
    import email.policy

    [raw] = got
    message = email.message_from_bytes(raw.as_bytes(), policy=email.policy.default)  # headers decoded
    assert message["To"] == "resident@example.cn" and message["From"] == "alerts@xmlib.example"
    assert "停水" in message["Subject"] and "2 条新结果" in message["Subject"]
    text = message.get_body(("plain",)).get_content()
    assert "湖里区停水通知（第1号）" in text and "http://localhost:8000/documents/" in text
    assert message["X-Gongkai-Delivery"].startswith(alert.id)


def test_sigkill_in_the_middle_of_a_run_loses_nothing_and_sends_nothing_twice(tmp_path):
    engine = make_engine(tmp_path, max_records_per_delivery=25)
    with Receiver(delay=0.15) as receiver:
        alert = A.add_alert(engine, "停水", {}, "webhook", receiver.url)
        records = [outage(n) if n % 2 else outage(n, what="停电") for n in range(1000)]
        engine.ingest_records(records)
        expected = {r.id for r in engine.store.get_many([x.id for x in records]).values() if "停水" in r.title}
        assert len(expected) == 500
        child = subprocess.Popen([sys.executable, str(HERE / "alerts_kill_helper.py"), str(tmp_path / "data")],
                                 stdout=subprocess.PIPE, stderr=subprocess.STDOUT, cwd=str(HERE.parent),
                                 env={**os.environ, "PYTHONPATH": str(HERE.parent)})
        deadline = time.monotonic() + 60
        while receiver.requests < 4 and time.monotonic() < deadline and child.poll() is None:
            time.sleep(0.02)
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        assert 4 <= receiver.requests < 20, child.stdout.read().decode()  # killed part-way, with deliveries left
        report = A.run_alerts(engine)
        assert not report.errors
        ids = receiver.record_ids()
        assert set(ids) == expected and len(ids) == len(expected)  # no loss, each once
    assert A.list_alerts(engine)[0]["deliveries"]["pending"] == 0
    assert alert.id


def test_bad_alerts_are_refused_with_a_reason(tmp_path):
    engine = make_engine(tmp_path)
    for args, message in [
        (("x", {"notice_type": "nope"}, "atom"), "notice_type"),
        (("x", {"colour": "red"}, "atom"), "unknown filter"),
        (("x", {}, "webhook", "ftp://example"), "http"),
        (("x", {}, "email", "not-an-address"), "email"),
        (("x", {}, "email", "a@b.cn"), "smtp_host"),
        (("x", {}, "pigeon"), "channel"),
    ]:
        with pytest.raises(A.AlertError, match=message):
            A.add_alert(engine, *args)


def test_cli_add_list_run_remove(tmp_path):
    from gongkai.cli.context import state
    from gongkai.cli.main import app

    runner = CliRunner()
    data = ["--data-dir", str(tmp_path / "data")]

    def invoke(*args: str):
        return runner.invoke(app, [*data, "alerts", *args])

    try:
        result = invoke("add", "--query", "停水", "--notice-type", "outage", "--atom", "--json")
        assert result.exit_code == 0, result.output
        added = json.loads(result.output)
        assert added["secret"] and added["feed_url"].endswith(f"/alerts/{added['id']}/feed.atom?key={added['secret']}")
        result = invoke("add", "--query", "停水", "--atom", "--webhook", "http://127.0.0.1:9/x")
        assert result.exit_code == 2 and "exactly one" in result.output
        make_engine(tmp_path).ingest_records([outage(1)])
        result = invoke("run", "--json")
        assert result.exit_code == 0 and json.loads(result.output)["matched"] == 1, result.output
        listed = json.loads(invoke("list", "--json").output)
        assert [a["id"] for a in listed] == [added["id"]] and listed[0]["records_sent"] == 1
        assert "secret" not in listed[0]
        assert invoke("remove", added["id"]).exit_code == 0
        assert invoke("remove", added["id"]).exit_code == 1
        assert invoke("run", "nope").exit_code == 1
        # a place's outage alert (what a street's subscription is): the outage lookup's rule, no query beside it
        result = invoke("add", "--area", "湖滨南路200号", "--atom", "--json")
        assert result.exit_code == 0 and json.loads(result.output)["filters"] == {"area": "湖滨南路200号"}, result.output
        result = invoke("add", "--area", "湖滨南路", "--query", "停水", "--atom")
        assert result.exit_code == 2 and "area alert takes no query" in result.output
    finally:
        state.data_dir, state._settings, state._engine = None, None, None


def test_alerts_job_is_scheduled_every_five_minutes(tmp_path):
    from gongkai.ops.alert_runs import alerts_job
    from gongkai.ops.jobs import build_job_specs, resolve_target

    specs, _ = build_job_specs(load_settings(data_dir=tmp_path / "data", scheduler={"crawl": "off", "newspaper": "off"}))
    spec = next(s for s in specs if s.name == "alerts")
    assert spec.schedule == "every 5m" and resolve_target(spec.target) is alerts_job


def test_signature_helper():
    assert verify("k", b"{}", "sha256=" + __import__("hmac").new(b"k", b"{}", "sha256").hexdigest())
    assert not verify("k", b"{}", "sha256=00")


@pytest.mark.parametrize("database", ["sqlite", "postgresql"])
def test_two_runs_at_once_send_each_delivery_once(tmp_path, request, database):
    """alerts3 (session 14): `gongkai alerts run` typed while the scheduler's run was sending (or two nodes' runs on one
    PostgreSQL, each with its own data folder) each sent the same pending delivery: the receiver got one delivery id
    twice. One run at a time now (the lease ops.alert_runs.RUN_LEASE, across every process of the database, taken by
    the scheduler's job and `gongkai alerts run`); the second waits, then finds nothing left."""
    import threading

    from gongkai.ops.alert_runs import run_alerts_alone

    url = request.getfixturevalue("pg_database") if database == "postgresql" else None
    node = {"database_url": url} if url else {}
    engine = Engine(load_settings(data_dir=tmp_path / "a", alerts={"backoff_seconds": 0}, **node))
    other = Engine(load_settings(data_dir=(tmp_path / "b") if url else (tmp_path / "a"), alerts={"backoff_seconds": 0}, **node))
    with Receiver(delay=0.4) as receiver:
        for district in ("湖里区", "思明区", "集美区", "海沧区"):  # four alerts, one delivery each (no signature check here)
            A.add_alert(engine, district, {"notice_type": "outage"}, "webhook", receiver.url)
        engine.ingest_records([outage(n, district) for n in range(2) for district in ("湖里区", "思明区", "集美区", "海沧区")])
        reports: list = []
        runs = [threading.Thread(target=lambda e=e: reports.append(run_alerts_alone(e))) for e in (engine, other)]
        for run in runs:
            run.start()
        for run in runs:
            run.join(60)
        assert len(reports) == 2, "a run failed"  # on PostgreSQL the second run died planning the same deliveries
        assert receiver.repeats == 0 and len(receiver.accepted) == 4, [r.as_dict() for r in reports]
        assert not any(r.errors for r in reports)
    other.close()
    engine.close()
