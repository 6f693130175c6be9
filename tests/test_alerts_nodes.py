"""Alerts on several nodes (alerts4, session 15): the alerts job runs on whichever node's scheduler claims it, and that node's
index may lag the store (back after a day down, its follower not round yet). Two engines with their own data directories
on one SQLite store stand for two machines (tests/test_follow.py does the same); a real webhook receiver."""

from __future__ import annotations

from gongkai.engine import Engine
from gongkai.feeds import alerts as A
from gongkai.follow import follow_once
from gongkai.settings import load_settings
from tests.alert_receiver import Receiver
from tests.test_alerts_called_off import BY_LINE, LINE_MOVED, notices


def test_a_node_back_after_a_day_tells_a_correction_of_a_notice_it_never_indexed(tmp_path):
    """Node B was down while node A stored the notice (10kV文兴Ⅱ回线: 文兴东路1号至50号 on the 22nd) and told it; the
    correction printing only the line came next and B's scheduler ran the alerts job before its follower's first round.
    The correction is matched against the earlier notices of the live index: B's had none, so 文兴东路20号's watcher
    was never told the cut moved (and the cursor moved past it). A run brings its node's index up to the store first."""
    url = f"sqlite:///{tmp_path}/store.db"

    def node(name: str) -> Engine:
        return Engine(load_settings(data_dir=tmp_path / name, database_url=url, alerts={"backoff_seconds": 0}))

    a, b = node("a"), node("b")
    with Receiver() as receiver:
        street = A.add_alert(a, "", {"area": "文兴东路20号"}, "webhook", receiver.url)
        follow_once(b)
        b.close()  # B goes down
        a.ingest_records(notices(BY_LINE, "https://www.xm.sgcc.example/n/wx"))
        assert A.run_alerts(a).delivered == 1
        a.ingest_records(notices(LINE_MOVED, "https://www.xm.sgcc.example/n/wx-moved"))
        b = node("b")  # back: the alerts job runs here first
        assert not A.run_alerts(b).errors
        windows = [[(w["start"][:16], w["effect"]) for r in body["records"] for w in r["windows"]]
                   for body in receiver.accepted.values() if body["alert_id"] == street.id]
    assert sorted(windows) == [[("2026-12-22T08:00", "cancelled"), ("2026-12-23T08:00", "cut")], [("2026-12-22T08:00", "cut")]]
    assert b.index.watermark == b.store.max_seq()


def test_a_record_stored_by_a_node_whose_clock_is_behind_is_not_taken_for_backlog(tmp_path):
    """alerts4: a subscription confirmed on node B at 10:00:00, a new notice stored a minute later by node A whose clock is 2
    minutes behind (first_seen 09:59:00): the alert took it for a record the store held before it was made and never
    sent it. Backlog is what the store held more than alerts' CLOCK_SLACK (5 minutes) before; a backlog record's new
    version (first seen an hour before) is still not news."""
    from datetime import timedelta

    from sqlalchemy import update

    from gongkai.store.outbox import sql_engine
    from gongkai.store.schema import records
    from gongkai.store.timeutil import to_db
    from tests.test_alerts import outage

    engine = Engine(load_settings(data_dir=tmp_path / "data", alerts={"backoff_seconds": 0}))
    engine.ingest_records([outage(1)])
    with Receiver() as receiver:
        alert = A.add_alert(engine, "湖里区停水", {}, "webhook", receiver.url)
        with sql_engine(engine.store).begin() as conn:
            conn.execute(update(records).where(records.c.id == outage(1).id).values(first_seen=to_db(alert.created_at - timedelta(hours=1))))
        engine.ingest_records([outage(2), outage(1, body="湖里区停水，时间有变。")])
        with sql_engine(engine.store).begin() as conn:  # as node A, 2 minutes behind, wrote it a minute after the alert was made
            conn.execute(update(records).where(records.c.id == outage(2).id).values(first_seen=to_db(alert.created_at - timedelta(minutes=1))))
        assert not A.run_alerts(engine).errors
        titles = [r["title"] for body in receiver.accepted.values() for r in body["records"]]
    assert titles == ["湖里区停水通知（第2号）"]
