"""One alerts run at a time across every process of the database: the lease around `feeds.alerts.run_alerts`.

alerts3 (session 14): `gongkai alerts run` typed while the scheduler's run was sending, or two nodes' runs, each sent the
same pending delivery (one email twice). The lease (ops.locks, the scheduler's own lease table) is taken here, by the
callers of a run (the scheduler's `alerts` job and `Facades.alerts.run`), not inside feeds/: a source never imports
the scheduler (README, the layers).
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from gongkai.feeds.alerts import RunReport, job_result, run_alerts
from gongkai.ops import locks
from gongkai.ops.db import ops_engine

if TYPE_CHECKING:
    from gongkai.engine import Engine

#: The lease one alerts run holds.
RUN_LEASE = "alerts:run"
#: How often a run waiting for another one asks again.
_POLL_SECONDS = 0.2


def run_alerts_alone(engine: Engine, ids: list[str] | None = None) -> RunReport:
    """`run_alerts` holding the alerts lease: a second run waits for the first (up to scheduler.lease_seconds; a dead
    holder's lease is taken over), then runs; one that waited too long does nothing and says why."""
    lease = float(engine.settings.scheduler.lease_seconds)
    ops = ops_engine(engine.settings.resolved_database_url)
    owner = locks.new_owner_id()
    waited_until = time.monotonic() + lease
    while not isinstance(held := locks.acquire(ops, RUN_LEASE, owner, lease), locks.Acquired):
        if time.monotonic() > waited_until:
            locks.forget_owner(owner)
            return RunReport(errors=[f"另一次提醒运行未结束（{held.describe()}），本次未运行 / another alerts run is under way "
                                     f"({held.describe()}): this one did nothing"])
        time.sleep(_POLL_SECONDS)
    beat = locks.Heartbeat(ops, lease)
    beat.hold(RUN_LEASE, owner)
    try:
        return run_alerts(engine, ids)
    finally:
        beat.drop(RUN_LEASE)
        beat.close()
        locks.release(ops, RUN_LEASE, owner)
        locks.forget_owner(owner)


def alerts_job(engine: Engine) -> dict[str, Any]:
    """The scheduler's `alerts` job target: one run over every alert, holding the lease."""
    return job_result(run_alerts_alone(engine))
