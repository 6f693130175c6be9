"""Leases: a named lock held by one process at a time across every process that shares the database.

Several machines (issue 20): every scheduler process fires every job; the lease "job:<name>" keeps two runs
of one job from overlapping, claim_slot() keeps a slot from running twice one after the other, and a run
whose machine died (its lease expired, or its pid gone on this host) is run again by one other scheduler
(claim_once("takeover:<run id>"), see ops.service). There is no "one scheduler per database" any more.

Why a table and not an OS file lock: the scheduler, `gongkai jobs run` from a shell and a web server
may run on different machines against one PostgreSQL database; a row works everywhere the store does.

A lease expires unless renewed (a Heartbeat renews held leases every lease/3 seconds), so a process
that died without releasing it does not block the job forever. On the same host the holder's pid is
also checked: a lease of a dead process (e.g. after SIGKILL) is taken over at once, without waiting.

Stop requests: request_stop() leaves a row naming the current holder; the holder's Heartbeat, which polls
for them every STOP_POLL_SECONDS, calls the run's stop callback. So a stop pressed on the admin page (in
any server worker) reaches a job run by the scheduler, by `gongkai jobs run` or by another worker alike.
"""

from __future__ import annotations

import logging
import os
import secrets
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Connection, Engine, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from gongkai.ops.db import read_only
from gongkai.ops.tables import job_locks, job_stop_requests
from gongkai.store.timeutil import database_now, from_db, to_db

log = logging.getLogger("gongkai.ops.locks")

HOST = socket.gethostname()
#: how often a process holding job leases looks for stop requests addressed to it
STOP_POLL_SECONDS = 1.0

# Owner ids made by this process: a lease of our own pid under another id is an earlier incarnation's.
_live_owners: set[str] = set()
_live_lock = threading.Lock()


def _owned_by_live_object(owner: str) -> bool:
    with _live_lock:
        return owner in _live_owners


def new_owner_id() -> str:
    """host:pid:token — unique per process incarnation even when a pid is reused."""
    owner = f"{HOST}:{os.getpid()}:{secrets.token_hex(4)}"
    with _live_lock:
        _live_owners.add(owner)
    return owner


def forget_owner(owner: str) -> None:
    """An owner id made for one short hold (an alerts run) is done with: no longer one of this process's live ones."""
    with _live_lock:
        _live_owners.discard(owner)


@dataclass
class LeaseHolder:
    """Who holds a lease (for the operator's message "running in pid 123 on host since ...")."""

    name: str
    owner: str
    host: str
    pid: int
    run_id: int | None
    acquired_at: datetime | None
    expires_at: datetime | None

    def describe(self) -> str:
        since = self.acquired_at.isoformat(timespec="seconds") if self.acquired_at else "?"
        return f"pid {self.pid} on {self.host} since {since}"


@dataclass
class Acquired:
    """A lease just taken; `taken_over` names the dead holder it replaced, if any."""

    name: str
    owner: str
    taken_over: LeaseHolder | None = None


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def db_now(conn: Connection) -> datetime:
    """The clock leases are taken, renewed and judged by: the database's own (timeutil.database_now; PostgreSQL's
    server clock, SQLite's `now`), read in the transaction that writes the lease, which every process sharing the
    database reads alike; a node's own clock may be minutes off (alerts4: a node 2 minutes ahead took every live lease
    of 120 s, and one 2 minutes behind wrote leases the others found expired at once; nodes7: the same on SQLite, where
    each process's clock was read)."""
    return database_now(conn)


def _holder_from_row(row) -> LeaseHolder:
    return LeaseHolder(
        name=row.name, owner=row.owner, host=row.host, pid=row.pid, run_id=row.run_id,
        acquired_at=from_db(row.acquired_at), expires_at=from_db(row.expires_at),
    )


def acquire(db: Engine, name: str, owner: str, lease_seconds: float, run_id: int | None = None) -> Acquired | LeaseHolder:
    """Take the lease `name` for `owner`; returns Acquired, or the LeaseHolder who has it."""
    host, pid = owner.split(":")[0], int(owner.split(":")[1])
    try:
        with db.begin() as conn:  # BEGIN IMMEDIATE on SQLite: no other writer between our read and write
            row = conn.execute(select(job_locks).where(job_locks.c.name == name).with_for_update()).first()
            now = db_now(conn)
            expires = now + timedelta(seconds=lease_seconds)
            values = dict(owner=owner, host=host, pid=pid, run_id=run_id, acquired_at=to_db(now), expires_at=to_db(expires))
            if row is None:
                conn.execute(delete(job_stop_requests).where(job_stop_requests.c.name == name))  # for no one now
                conn.execute(insert(job_locks).values(name=name, **values))
                return Acquired(name, owner)
            holder = _holder_from_row(row)
            if holder.owner == owner:
                conn.execute(update(job_locks).where(job_locks.c.name == name).values(expires_at=to_db(expires)))
                return Acquired(name, owner)
            if not _is_stale(holder, now):
                return holder
            conn.execute(delete(job_stop_requests).where(job_stop_requests.c.name == name))  # was for the dead holder
            conn.execute(update(job_locks).where(job_locks.c.name == name).values(**values))
            log.warning("lease %s: took over from %s (%s), which is gone", name, holder.owner, holder.describe())
            return Acquired(name, owner, taken_over=holder)
    except IntegrityError:  # another process inserted the row between our select and insert (not on SQLite)
        return holder_of(db, name) or LeaseHolder(name, "?", "?", 0, None, None, None)


def _is_stale(holder: LeaseHolder, now: datetime) -> bool:
    """Expired, or held by a process of this host that no longer exists."""
    if holder.expires_at is not None and holder.expires_at <= now:
        return True
    if holder.host != HOST:
        return False
    if holder.pid == os.getpid():
        # Our pid but another owner token: an earlier incarnation (a container restarted with the same pid).
        # Leases of this very process are only ever held under the one owner id of the holding object.
        return not _owned_by_live_object(holder.owner)
    return not pid_alive(holder.pid)


def claim_slot(db: Engine, job: str, slot: datetime, owner: str) -> bool:
    """Claim the run of `job` due at `slot` (aware); True for the first claimant only (issue 20: several
    schedulers, on several machines, each fire every job; the one that claims the slot runs it).

    One row per job, "slot:<job>", holding the latest claimed slot in acquired_at (its expires_at is the
    slot too, in the past: never a live lease). A claim of the same or an earlier slot loses."""
    name = f"slot:{job}"
    at = to_db(slot)
    host, pid = owner.split(":")[0], int(owner.split(":")[1])
    values = dict(owner=owner, host=host, pid=pid, run_id=None, acquired_at=at, expires_at=at)
    try:
        with db.begin() as conn:  # BEGIN IMMEDIATE on SQLite, the row locked on PostgreSQL
            row = conn.execute(select(job_locks.c.acquired_at).where(job_locks.c.name == name).with_for_update()).first()
            if row is None:
                conn.execute(insert(job_locks).values(name=name, **values))
                return True
            if row.acquired_at is not None and row.acquired_at >= at:
                return False
            conn.execute(update(job_locks).where(job_locks.c.name == name).values(**values))
            return True
    except IntegrityError:  # another scheduler inserted the first claim between our select and insert
        return False


def slot_taken(db: Engine, job: str, slot: datetime) -> bool:
    """Has some scheduler claimed the run of `job` due at `slot` (or a later one)?"""
    with read_only(db).connect() as conn:
        claimed = conn.execute(select(job_locks.c.acquired_at).where(job_locks.c.name == f"slot:{job}")).scalar()
    return claimed is not None and from_db(claimed) >= slot


def offer_slot(db: Engine, job: str, slot: datetime, owner: str) -> None:
    """A scheduler whose workers are all busy offers the run of `job` due at `slot` to the others (issue 20:
    crawls of different sites run on different workers at once): one row per job, "offer:<job>", holding the
    slot in acquired_at (never a live lease). An idle scheduler claims it (open_offers, claim_slot)."""
    name = f"offer:{job}"
    at = to_db(slot)
    host, pid = owner.split(":")[0], int(owner.split(":")[1])
    values = dict(owner=owner, host=host, pid=pid, run_id=None, acquired_at=at, expires_at=at)
    try:
        with db.begin() as conn:
            if conn.execute(update(job_locks).where(job_locks.c.name == name).values(**values)).rowcount == 0:
                conn.execute(insert(job_locks).values(name=name, **values))
    except IntegrityError:  # another busy scheduler offered it at the same moment: one row is enough
        pass


def open_offers(db: Engine, since: datetime, taker: str) -> list[tuple[str, datetime]]:
    """(job, slot) of the offers made at or after `since`, by others than `taker`, whose slot nobody has
    claimed yet, oldest first (a scheduler runs its own offers itself once a worker of its own is free)."""
    with read_only(db).connect() as conn:
        rows = conn.execute(select(job_locks.c.name, job_locks.c.acquired_at, job_locks.c.owner).where(
            job_locks.c.name.startswith("offer:") | job_locks.c.name.startswith("slot:"))).all()
    claimed = {name.split(":", 1)[1]: from_db(at) for name, at, _ in rows if name.startswith("slot:") and at is not None}
    offers = [(name.split(":", 1)[1], from_db(at)) for name, at, owner in rows
              if name.startswith("offer:") and at is not None and owner != taker]
    return sorted(((job, slot) for job, slot in offers
                   if slot >= since and (job not in claimed or claimed[job] < slot)), key=lambda offer: offer[1])


#: a takeover claim row is kept this long (it only has to outlive the window in which its lost run is seen)
CLAIM_KEEP = timedelta(days=7)


def claim_once(db: Engine, name: str, owner: str) -> bool:
    """Insert-once claim (e.g. "takeover:<run id>"): True for the first caller only, ever."""
    host, pid = owner.split(":")[0], int(owner.split(":")[1])
    prefix = name.split(":", 1)[0] + ":"
    try:
        with db.begin() as conn:
            now = db_now(conn)
            conn.execute(delete(job_locks).where(job_locks.c.name.startswith(prefix),
                                                 job_locks.c.acquired_at < to_db(now - CLAIM_KEEP)))
            if conn.execute(select(job_locks.c.name).where(job_locks.c.name == name).with_for_update()).first() is not None:
                return False
            conn.execute(insert(job_locks).values(name=name, owner=owner, host=host, pid=pid, run_id=None,
                                                  acquired_at=to_db(now), expires_at=to_db(now)))
            return True
    except IntegrityError:
        return False


def renew(db: Engine, name: str, owner: str, lease_seconds: float) -> bool:
    """Extend a held lease; False if it is no longer ours (expired and taken over)."""
    with db.begin() as conn:
        expires = to_db(db_now(conn) + timedelta(seconds=lease_seconds))
        result = conn.execute(
            update(job_locks).where(job_locks.c.name == name, job_locks.c.owner == owner).values(expires_at=expires)
        )
        return result.rowcount == 1


def release(db: Engine, name: str, owner: str) -> None:
    with db.begin() as conn:
        conn.execute(delete(job_stop_requests).where(job_stop_requests.c.name == name, job_stop_requests.c.owner == owner))
        conn.execute(delete(job_locks).where(job_locks.c.name == name, job_locks.c.owner == owner))


def request_stop(db: Engine, name: str, requested_by: str = "") -> LeaseHolder | None:
    """Ask the live holder of lease `name` to stop; returns that holder, or None if nothing holds it.

    Read and written in one transaction with the lease row locked (BEGIN IMMEDIATE on SQLite, FOR UPDATE
    elsewhere), so the holder cannot release between the two and leave a request behind for nobody."""
    with db.begin() as conn:
        row = conn.execute(select(job_locks).where(job_locks.c.name == name).with_for_update()).first()
        if row is None:
            return None
        holder = _holder_from_row(row)
        now = db_now(conn)
        if _is_stale(holder, now):
            return None
        conn.execute(delete(job_stop_requests).where(job_stop_requests.c.name == name))
        conn.execute(insert(job_stop_requests).values(name=name, owner=holder.owner, run_id=holder.run_id,
                                                      requested_at=to_db(now), requested_by=requested_by))
        return holder


def stop_requests_for(db: Engine, held: dict[str, str]) -> set[str]:
    """Which of the held leases (name -> our owner id) have a stop request addressed to us."""
    if not held:
        return set()
    with read_only(db).connect() as conn:
        rows = conn.execute(select(job_stop_requests.c.name, job_stop_requests.c.owner)
                            .where(job_stop_requests.c.name.in_(list(held)))).all()
    return {row.name for row in rows if held.get(row.name) == row.owner}


def set_run_id(db: Engine, name: str, owner: str, run_id: int) -> None:
    with db.begin() as conn:
        conn.execute(update(job_locks).where(job_locks.c.name == name, job_locks.c.owner == owner).values(run_id=run_id))


def holder_of(db: Engine, name: str) -> LeaseHolder | None:
    """The current live holder of `name`, or None (free, expired or dead)."""
    with read_only(db).connect() as conn:
        row = conn.execute(select(job_locks).where(job_locks.c.name == name)).first()
        now = db_now(conn) if row is not None else None
    if row is None or now is None:
        return None
    holder = _holder_from_row(row)
    return None if _is_stale(holder, now) else holder


def held_by(db: Engine, name: str, owner: str) -> bool:
    """Does `owner` still hold the lease `name`, alive? False when the lease is free, expired, taken over,
    or held by a process of this host that is gone (killed): how a 'running' run is known to be lost."""
    holder = holder_of(db, name)
    return holder is not None and holder.owner == owner


def all_holders(db: Engine) -> list[LeaseHolder]:
    """Every live lease (stale rows left by dead processes are not listed)."""
    with read_only(db).connect() as conn:
        rows = conn.execute(select(job_locks).order_by(job_locks.c.name)).all()
        now = db_now(conn)
    return [h for h in (_holder_from_row(r) for r in rows) if not _is_stale(h, now)]


class Heartbeat:
    """A daemon thread renewing this process's held leases every lease/3 seconds, and delivering stop
    requests for them (request_stop) to their holders' callbacks within STOP_POLL_SECONDS."""

    def __init__(self, db: Engine, lease_seconds: float) -> None:
        self.db, self.lease_seconds = db, lease_seconds
        self._held: dict[str, str] = {}  # name -> owner
        self._on_stop: dict[str, Callable[[], None]] = {}  # name -> what to call when asked to stop
        self._on_beat: dict[str, Callable[[], None]] = {}  # name -> called after each renewal ("still alive")
        self.lost: set[str] = set()  # leases found taken over by another process: their holder must stop
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="gongkai-lease-heartbeat", daemon=True)
        self._thread.start()

    def hold(self, name: str, owner: str, on_stop: Callable[[], None] | None = None) -> None:
        with self._lock:
            self._held[name] = owner
            if on_stop is not None:
                self._on_stop[name] = on_stop

    def on_beat(self, name: str, callback: Callable[[], None]) -> None:
        """Call `callback` after each renewal of the held lease `name` (a run records it was seen alive)."""
        with self._lock:
            self._on_beat[name] = callback

    def drop(self, name: str) -> None:
        with self._lock:
            self._held.pop(name, None)
            self._on_stop.pop(name, None)
            self._on_beat.pop(name, None)

    def _loop(self) -> None:
        renew_every = max(self.lease_seconds / 3, 0.5)
        next_renewal = time.monotonic() + renew_every
        while not self._stop.wait(min(renew_every, STOP_POLL_SECONDS)):
            self._deliver_stop_requests()
            if time.monotonic() >= next_renewal:
                next_renewal = time.monotonic() + renew_every
                self._renew_all()

    def _deliver_stop_requests(self) -> None:
        with self._lock:
            callbacks = {name: cb for name, cb in self._on_stop.items() if name in self._held}
            stoppable = {name: self._held[name] for name in callbacks}
        if not stoppable:
            return
        try:
            asked = stop_requests_for(self.db, stoppable)
        except Exception:  # a busy database must not kill the heartbeat; the next poll tries again
            log.exception("could not read stop requests")
            return
        for name in asked:
            with self._lock:
                # delivered once, and only to the run that held the lease when we read the request
                if self._on_stop.get(name) is not callbacks[name] or self._held.get(name) != stoppable[name]:
                    continue
                del self._on_stop[name]
            log.info("lease %s: stop requested by an operator", name)
            callbacks[name]()

    def _renew_all(self) -> None:
        with self._lock:
            held = list(self._held.items())
        for name, owner in held:
            try:
                if not renew(self.db, name, owner, self.lease_seconds):
                    log.error("lease %s was lost (expired and taken over by another process)", name)
                    with self._lock:
                        self.lost.add(name)
                        self._held.pop(name, None)
                    continue
            except Exception:  # a busy database must not kill the heartbeat
                log.exception("could not renew lease %s", name)
                continue
            with self._lock:
                beat = self._on_beat.get(name) if self._held.get(name) == owner else None
            if beat is not None:
                try:
                    beat()
                except Exception:  # the run goes on; its last-seen time is only older
                    log.exception("lease %s: could not record the heartbeat", name)

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
