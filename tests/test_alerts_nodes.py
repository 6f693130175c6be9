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
