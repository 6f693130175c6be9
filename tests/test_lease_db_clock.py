"""Leases judged by the database's own clock on SQLite as on PostgreSQL (nodes7, session 19). Each node here is a
process whose clock (everything gongkai reads through gongkai.store.timeutil.utc_now) is moved, as on a machine whose
clock jumped: 65 minutes behind, 3 hours ahead. On SQLite a lease was taken, renewed and judged by the reading process's
clock, so a run started on the node behind wrote a lease the others found long expired and both sent one delivery
(tests/test_nodes_heldout6.py round 2, worked around by starting its runs one after the other). A lease's taking,
renewal and expiry read SQLite's own `now` (strftime in the transaction that takes it) as they read PostgreSQL's."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from gongkai.ops import locks
from gongkai.ops.db import ops_engine
from gongkai.ops.tables import job_locks
from gongkai.store.timeutil import from_db
from tests.alert_receiver import Receiver
from tests.nodes7_harness import ROOT, Nodes, finish, store_url, wait_for

BEHIND, AHEAD = -3900.0, 10800.0

#: A node whose clock is off by argv[2] s, on a host of its own (no pid check across hosts): it tries the lease argv[3]
#: of argv[4] s, prints what it got, and if it took it holds it for argv[5] s, renewed by a heartbeat (argv[6] "beat"),
#: then ends without giving it back (a machine that died).
NODE = r"""
import os, sys, time
from datetime import timedelta
from gongkai.store import timeutil

off, real = timedelta(seconds=float(sys.argv[2])), timeutil.utc_now
for module in list(sys.modules.values()):
    if getattr(module, "utc_now", None) is real:
        module.utc_now = lambda: real() + off
from gongkai.ops import locks
from gongkai.ops.db import ops_engine
from gongkai.ops.tables import job_locks
from gongkai.store.timeutil import from_db

locks.HOST = "node" + sys.argv[2]
db, name, lease = ops_engine(sys.argv[1]), sys.argv[3], float(sys.argv[4])
owner = locks.new_owner_id()
got = locks.acquire(db, name, owner, lease)
print("acquired" if isinstance(got, locks.Acquired) else "held", flush=True)
if isinstance(got, locks.Acquired) and float(sys.argv[5]):
    if sys.argv[6] == "beat":
        locks.Heartbeat(db, lease).hold(name, owner)
    time.sleep(float(sys.argv[5]))
os._exit(0)
"""


def node(url: str, clock: float, name: str, lease: float, hold: float = 0.0, beat: bool = False) -> subprocess.Popen[str]:
    argv = [sys.executable, "-c", NODE, url, str(clock), name, str(lease), str(hold), "beat" if beat else "no"]
    return subprocess.Popen(argv, stdout=subprocess.PIPE, text=True, cwd=ROOT)


def tries(url: str, clock: float, name: str, lease: float = 120) -> str:
    process = node(url, clock, name, lease)
    return process.communicate(timeout=120)[0].strip()


@pytest.mark.parametrize("database", ["sqlite", "postgresql"])
def test_a_lease_is_taken_renewed_and_expires_by_the_databases_clock(tmp_path, database, request):
    url = store_url(database, tmp_path, request)
    ops = ops_engine(url)
    # taken by the node behind, renewed by its heartbeat (lease 10 s, renewed every 3.3 s) past its first expiry: live to
    # this node, to one 3 hours ahead, and to the node behind's own clock
    holder = node(url, BEHIND, "alerts:run", 10, hold=120, beat=True)
    try:
        assert holder.stdout.readline().strip() == "acquired"
        time.sleep(11)  # past the first expiry: only the renewals keep it
        assert tries(url, 0, "alerts:run") == "held"
        assert tries(url, AHEAD, "alerts:run") == "held"
        assert isinstance(locks.acquire(ops, "alerts:run", locks.new_owner_id(), 120), locks.LeaseHolder)
        assert locks.holder_of(ops, "alerts:run").host == f"node{BEHIND}"
    finally:
        holder.kill()
        holder.wait()
    # taken by the node ahead for 5 s, which then died: it expires 5 s later by the database's clock (not 3 hours and 5 s,
    # as the node ahead's clock said), to the node behind as to any
    assert tries(url, AHEAD, "job:crawl-huli", lease=5) == "acquired"
    with ops.connect() as conn:
        expires = conn.execute(select(job_locks.c.expires_at).where(job_locks.c.name == "job:crawl-huli")).scalar_one()
        assert from_db(expires) <= locks.db_now(conn) + timedelta(seconds=5)
    wait_for(lambda: tries(url, BEHIND, "job:crawl-huli") == "acquired", 60, "the dead node's lease to expire")


class GatedReceiver(Receiver):
    """The webhook receiver holding every delivery unanswered until `gate` is set; `arrived` counts those that came."""

    def __init__(self) -> None:
        super().__init__()
        self.gate, self.arrived = threading.Event(), 0
        handler, receiver = self.server.RequestHandlerClass, self
        answer = handler.do_POST  # type: ignore[attr-defined]

        def gated(request: Any) -> None:
            with receiver.lock:
                receiver.arrived += 1
            receiver.gate.wait(120)
            answer(request)

        handler.do_POST = gated  # type: ignore[attr-defined]


def notice(n: int) -> dict[str, Any]:
    shop = ["鹭江道眼镜店", "湖滨北路干洗店", "莲花五村便利店", "集美学村书店", "海沧马銮湾渔具店", "同安西柯五金店"][n]
    return {
        "kind": "notice",
        "title": f"厦门市{shop}遗失营业执照正本声明",
        "issuer": f"厦门市{shop}",
        "publish_date": "2026-12-07",
        "body": f"厦门市{shop}不慎遗失营业执照正本一份，声明作废。",
        "url": f"https://epaper.xmrb.example/2026-12-07/B3/lease-{n}",
    }


@pytest.mark.parametrize("database", ["sqlite", "postgresql"])
def test_alerts_runs_started_at_once_on_nodes_65_minutes_apart_send_each_delivery_once(tmp_path, database, request):
    """Each round: a notice stored, nodes' `alerts run` started, the receiver holding the first delivery until every
    other run has given up waiting for the lease (scheduler.lease_seconds 8 s, renewed every 2.7 s) or sent one of its
    own. Round 1 starts the node behind and the node on time at once; round 2 starts the node behind first (the order
    that sent twice on SQLite), then the node on time and the node 3 hours ahead."""
    url = store_url(database, tmp_path, request)
    nodes = Nodes(tmp_path, url, {"A": 0, "B": BEHIND, "C": AHEAD}, GONGKAI_SCHEDULER__LEASE_SECONDS="8")
    with GatedReceiver() as receiver:
        nodes.ingest("A", [notice(5)])  # the backlog: not sent
        nodes.add_alert("A", "遗失 营业执照", receiver.url)
        for round_, (first, others, at_once) in enumerate([("B", ["A"], True), ("B", ["A", "C"], False)], start=1):
            nodes.ingest(first, [notice(round_)])
            receiver.gate.clear()
            arrived = receiver.arrived
            runs = [nodes.start(first, "alerts", "run", "--json")]
            if not at_once:
                wait_for(lambda a=arrived: receiver.arrived > a, 120, f"round {round_}: {first}'s delivery")
            runs += [nodes.start(node, "alerts", "run", "--json") for node in others]
            wait_for(
                lambda a=arrived, rs=runs: receiver.arrived > a + 1 or sum(r.poll() is not None for r in rs) == len(rs) - 1,
                120,
                f"round {round_}: the others to give up or to send",
            )
            receiver.gate.set()
            outs = [r.communicate(timeout=120)[0] for r in runs]
            reports = [json.loads(out[out.index("{") :]) for out in outs]
            assert receiver.arrived == arrived + 1, (round_, outs)  # one delivery, by one run
            assert sum(1 for out in outs if "another alerts run is under way" in out) == len(others), outs
            assert sum(r.get("delivered", 0) for r in reports) == 1, reports
        finish(nodes.start("C", "alerts", "run", "--json"), "a last run")  # nothing left to send
        told = sorted(record["title"] for body in receiver.accepted.values() for record in body["records"])
        assert receiver.repeats == 0
    assert told == sorted(notice(n)["title"] for n in (1, 2))
