"""Job leases between nodes whose clocks disagree (alerts4, session 15), on a real PostgreSQL: node A is this process,
node B a child process on "another host" whose clock (the one gongkai.ops.locks reads) is 2 minutes off. With the
default lease of 120 s, a node 2 minutes ahead found every live lease expired and took it (two crawls of one site at
once), and a node 2 minutes behind wrote leases the others found expired at once. Leases are timed by the database
server's clock now."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from gongkai.ops import locks
from gongkai.ops.db import ops_engine

ROOT = Path(__file__).resolve().parents[1]

#: Node B: its clock is off by argv[2] seconds; it tries (or takes and holds for argv[5] s) the lease argv[3].
NODE_B = r"""
import sys, time
from datetime import timedelta
from gongkai.ops import locks
from gongkai.ops.db import ops_engine
from gongkai.store import timeutil

off, real = timedelta(seconds=float(sys.argv[2])), timeutil.utc_now
locks.utc_now = lambda: real() + off
locks.HOST = "node-b"
got = locks.acquire(ops_engine(sys.argv[1]), sys.argv[3], locks.new_owner_id(), 120)
print("acquired" if isinstance(got, locks.Acquired) else "held", flush=True)
if sys.argv[4] == "hold" and isinstance(got, locks.Acquired):
    time.sleep(float(sys.argv[5]))
"""


def node_b(url: str, off_seconds: int, name: str, hold: float = 0.0) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", NODE_B, url, str(off_seconds), name, "hold" if hold else "try", str(hold)],
                            stdout=subprocess.PIPE, text=True, cwd=ROOT)


def test_a_node_whose_clock_is_two_minutes_off_neither_takes_nor_loses_a_live_lease(pg_database):
    ops = ops_engine(pg_database)
    owner = locks.new_owner_id()
    assert isinstance(locks.acquire(ops, "job:crawl-huli", owner, 120), locks.Acquired)
    for off in (120, -120):  # B ahead, B behind: A's lease is live
        answer = node_b(pg_database, off, "job:crawl-huli").communicate(timeout=60)[0].strip()
        assert answer == "held", off
    assert locks.holder_of(ops, "job:crawl-huli").owner == owner
    locks.release(ops, "job:crawl-huli", owner)

    holding = node_b(pg_database, -120, "job:crawl-siming", hold=8)  # B behind holds: its lease is live to A
    try:
        assert holding.stdout.readline().strip() == "acquired"
        time.sleep(0.3)
        assert isinstance(locks.acquire(ops, "job:crawl-siming", locks.new_owner_id(), 120), locks.LeaseHolder)
        assert locks.holder_of(ops, "job:crawl-siming").host == "node-b"
    finally:
        holding.kill()
        holding.wait()
