"""The scheduler process: APScheduler 3 with a persistent job store, the jobs of ops.jobs, the runner.

Choices, and why:
- Job store: APScheduler's SQLAlchemyJobStore in the store's database (table ops_scheduler_jobs). The next run
  time of every job survives a restart; APScheduler advances it as soon as a run is handed to a worker, so a
  process killed mid-run does not run that slot again after the restart (the killed run is marked 'lost').
- On start, a stored job whose schedule is unchanged is kept as it is (not re-added), so a run that fell due
  while the scheduler was down is still seen as due: it runs once if it is less than misfire_grace_seconds late.
- coalesce=True: a job that missed several slots (the server was down for three nights) runs once, not three
  times back to back; every job here catches up on everything in one run (crawls are incremental, the inbox and
  the outbox are queues), so extra runs would only repeat work.
- misfire_grace_seconds (6 h by default): a nightly crawl missed because the machine was down at 02:00 still
  runs when it is back in the morning; one later than that waits for its next slot instead of starting in the
  middle of the working day.
- max_instances=1 inside the process, plus a lease per job in ops_job_locks across processes, so
  `gongkai jobs run NAME` in a shell never overlaps the scheduler's run of NAME.
- Any number of schedulers per database, on any machines (issue 20): each one fires every job; the first to
  claim a slot (locks.claim_slot) runs it, the job's lease keeps runs from overlapping, and a run whose process
  died (its lease expired, or its pid is gone on this host) is run again by one surviving scheduler
  (take_over_lost, every RECONCILE_SECONDS). Each scheduler holds a presence lease "scheduler:<owner>" (status).
- Stop (SIGTERM/SIGINT or stop_fn): no new runs start, running jobs are asked to stop at a safe point (after a
  committed batch) and are waited for; the run is recorded 'interrupted' with its counts.
"""

from __future__ import annotations

import logging
import math
import os
import signal
import threading
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from apscheduler.events import EVENT_JOB_MAX_INSTANCES, EVENT_JOB_MISSED, JobEvent
from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.jobstores.base import ConflictingIdError, JobLookupError
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.interval import IntervalTrigger
from sqlalchemy import insert, inspect, select, text, update
from sqlalchemy.exc import DBAPIError

from gongkai.errors import SchedulerAlreadyRunning  # defined in the core, where the shells catch it (issue 17)
from gongkai.ops import locks
from gongkai.ops.db import read_only
from gongkai.ops.jobs import JobSpec, build_job_specs
from gongkai.ops.runner import JobBusyError, JobRunner
from gongkai.ops.schedules import ScheduleError, make_trigger, timezone_of, trigger_key
from gongkai.ops.tables import SCHEDULER_JOBS_TABLE, job_runs, job_state
from gongkai.store.database import make_engine
from gongkai.store.timeutil import to_db, utc_now

if TYPE_CHECKING:  # for annotations only: at run time the engine is handed in, never imported here
    from gongkai.engine import Engine

log = logging.getLogger("gongkai.ops.scheduler")
_APSCHEDULER_LOG = logging.getLogger("apscheduler.scheduler")


class _DueAtStop(logging.Filter):
    """A job due at the instant of a stop is not started: one line, not a traceback. APScheduler checks for a pause
    before taking its job stores' lock, so a wake-up that checked just before stop() paused it submits after shutdown()
    closed the executor ("Error submitting job", RuntimeError: cannot schedule new futures after shutdown; seen under
    load in `gongkai serve --with-scheduler`'s stop)."""

    def __init__(self) -> None:
        super().__init__()
        #: (job id, the run time it was due at) of each job not started: APScheduler advances a job's next run time after
        #: a failed submission as after a good one, so the slot would be lost, not waiting for the next start (_keep_due)
        self.not_started: list[tuple[str, datetime]] = []

    def filter(self, record: logging.LogRecord) -> bool:
        if record.getMessage().startswith("Error submitting job") and record.exc_info and isinstance(record.exc_info[1], RuntimeError):
            log.info("not started, the scheduler is stopping: %s", record.getMessage().removeprefix("Error submitting job "))
            job = record.args[0] if isinstance(record.args, tuple) and record.args else None
            due = getattr(job, "next_run_time", None)  # logged before APScheduler advances it
            if isinstance(due, datetime):
                self.not_started.append((str(getattr(job, "id", "")), due))
            return False
        return True


def _keep_due(jobstore: Any, not_started: list[tuple[str, datetime]]) -> None:
    """Put back the run time of each job a stop kept from starting (_DueAtStop), so the next start finds its slot due (and
    runs it within misfire grace), as it does for a slot that fell due while the scheduler was down."""
    for job_id, due in not_started:
        try:
            job = jobstore.lookup_job(job_id)
            if job is not None and job.next_run_time is not None and job.next_run_time > due:
                job.next_run_time = due
                jobstore.update_job(job)
                log.info("job %s: the run due at %s stays due for the next start", job_id, due)
        except Exception:  # a stop must finish; the slot is then lost as before
            log.exception("could not keep the run of %s due at %s for the next start", job_id, due)

SCHEDULER_LEASE = "scheduler"  # presence leases: "scheduler:<owner>", one per scheduler process
#: a lost run is taken over if its process was last seen at most lease_seconds + this long ago
TAKEOVER_WINDOW_SECONDS = 300
FIRE_FUNC = "gongkai.ops.service:fire"  # stored as text in the job store: survives code changes
#: how often the scheduler applies pause/resume made from the CLI or the admin page
RECONCILE_SECONDS = 3.0
#: a busy scheduler offering a slot looks this often whether another one took it or a worker of its own is free
OFFER_POLL_SECONDS = 0.5
#: how often a scheduler looks for slots offered by busy ones (one small SELECT on ops_job_locks)
OFFER_TAKE_SECONDS = 1.0
#: a second stop signal within this many seconds is the same stop delivered twice, not "stop now"
DUPLICATE_SIGNAL_SECONDS = 2.0

_active: SchedulerService | None = None
_active_lock = threading.Lock()


def slot_of(schedule: str, timezone: Any, grace_seconds: float, now: datetime | None = None) -> datetime | None:
    """The slot a firing of `schedule` now belongs to: its latest fire time at or before now (the same in
    every scheduler process, whichever fires first). None: no fire time within the grace (or a day)."""
    try:
        trigger = make_trigger(schedule, timezone)
    except ScheduleError:
        return None
    now = now or datetime.now(timezone)
    if isinstance(trigger, IntervalTrigger):  # a fixed start (schedules.make_trigger): plain arithmetic
        start, step = trigger.start_date, trigger.interval.total_seconds()
        return start + timedelta(seconds=step * math.floor((now - start).total_seconds() / step))
    if trigger is None:
        return None
    window = timedelta(seconds=min(grace_seconds, 86_400) + 1)
    latest, moment = None, trigger.get_next_fire_time(None, now - window)
    while moment is not None and moment <= now:
        latest, moment = moment, trigger.get_next_fire_time(moment, moment + timedelta(seconds=1))
    return latest


def fire(job_name: str) -> None:
    """What APScheduler calls (by its text reference); runs the job with the active service's runner."""
    service = _active
    if service is None:
        log.error("job %s fired but no scheduler service is active in this process", job_name)
        return
    service.run_scheduled(job_name)


def paused_jobs(db: Any) -> set[str]:
    with read_only(db).connect() as conn:
        return {row.job for row in conn.execute(select(job_state.c.job).where(job_state.c.paused == True))}  # noqa: E712


def set_paused(db: Any, job: str, paused: bool) -> None:
    """The operator's switch (`gongkai jobs pause|resume`, the admin page); kept across restarts."""
    with db.begin() as conn:
        result = conn.execute(update(job_state).where(job_state.c.job == job).values(paused=paused, updated_at=to_db(utc_now())))
        if result.rowcount == 0:
            conn.execute(insert(job_state).values(job=job, paused=paused, updated_at=to_db(utc_now())))


def jobstore_url(settings: Any) -> str:
    return settings.scheduler.jobstore_url or settings.resolved_database_url


class SchedulerService:
    def __init__(self, engine: Engine, specs: list[JobSpec] | None = None) -> None:
        self.engine = engine
        self.settings = engine.settings
        conf = self.settings.scheduler
        self.timezone = timezone_of(conf.timezone)
        if specs is None:
            specs, warnings = build_job_specs(self.settings)
            for warning in warnings:
                log.warning(warning)
        self.specs = {spec.name: spec for spec in specs}
        self.stop_event = threading.Event()
        self.runner = JobRunner(engine, self.stop_event)
        self.db = self.runner.db
        self._scheduler: BackgroundScheduler | None = None
        self.lease_lost = threading.Event()
        self.lease_name = f"{SCHEDULER_LEASE}:{self.runner.owner}"
        self._switches: threading.Thread | None = None
        self._switches_stop = threading.Event()
        # This process's workers (scheduler.max_workers): a scheduled run, a takeover or a run offered by another
        # scheduler holds one while it runs. APScheduler's pool is larger, so that a job firing while every
        # worker is busy can offer its slot to the other schedulers at once instead of queueing here.
        self._workers = threading.BoundedSemaphore(conf.max_workers)

    # ------------------------------------------------------------------ lifecycle

    def start(self) -> None:
        global _active
        with _active_lock:
            if _active is not None:
                self.runner.close()
                raise SchedulerAlreadyRunning("a scheduler service is already active in this process")
            _active = self
        try:
            # A presence lease of this scheduler alone: others on the database run beside it (issue 20).
            locks.acquire(self.db, self.lease_name, self.runner.owner, self.runner.lease_seconds)
        except BaseException:
            self._deactivate()
            raise
        self.runner.heartbeat.hold(self.lease_name, self.runner.owner)
        conf = self.settings.scheduler
        url = jobstore_url(self.settings)
        # The store's engine when APScheduler's table lives in the store's database (the default): one pool.
        store_engine = self.db if url == self.settings.resolved_database_url else make_engine(url)
        jobstore = SQLAlchemyJobStore(engine=store_engine, tablename=SCHEDULER_JOBS_TABLE)
        _create_jobstore_table(jobstore)
        scheduler = BackgroundScheduler(
            jobstores={"default": jobstore},
            executors={"default": ThreadPoolExecutor(max_workers=conf.max_workers + len(self.specs) + 2)},
            job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": conf.misfire_grace_seconds},
            timezone=self.timezone,
        )
        scheduler.add_listener(self._on_missed, EVENT_JOB_MISSED | EVENT_JOB_MAX_INSTANCES)
        scheduler.start(paused=True)  # job stores are open; nothing runs until the jobs are reconciled
        self._scheduler = scheduler
        try:
            self.reconcile()
        except BaseException:
            self.stop(wait=False)
            raise
        # The switches are applied by a thread of our own, not by an APScheduler job: shutdown() holds the job
        # stores' lock while it waits for running jobs, so a job that touches the scheduler would deadlock it.
        self._switches = threading.Thread(target=self._switch_loop, name="gongkai-job-switches", daemon=True)
        self._switches.start()
        scheduler.resume()
        log.info("scheduler started: %d jobs (%s)", len(self.scheduled_jobs()), ", ".join(sorted(self.scheduled_jobs())))

    def stop(self, wait: bool = True) -> None:
        """Stop: no new runs; running jobs are asked to stop at a safe point and (wait=True) waited for."""
        self.stop_event.set()
        self._switches_stop.set()
        if self._switches is not None:
            self._switches.join(timeout=30)
        if self._scheduler is not None and self._scheduler.running:
            self._scheduler.pause()  # no new submissions while the running jobs finish
            quiet = _DueAtStop()
            _APSCHEDULER_LOG.addFilter(quiet)
            try:
                self._scheduler.shutdown(wait=wait)
            finally:
                _APSCHEDULER_LOG.removeFilter(quiet)
            if quiet.not_started:
                _keep_due(self._scheduler._lookup_jobstore("default"), quiet.not_started)
        self.runner.heartbeat.drop(self.lease_name)
        try:
            locks.release(self.db, self.lease_name, self.runner.owner)
        finally:
            self._deactivate()
        log.info("scheduler stopped")

    def _deactivate(self) -> None:
        global _active
        self.runner.close()
        with _active_lock:
            if _active is self:
                _active = None

    # ------------------------------------------------------------------ jobs

    def reconcile(self) -> None:
        """Make the job store hold exactly the configured jobs, keeping the stored next run of unchanged ones."""
        scheduler = self._scheduler
        assert scheduler is not None
        grace = self.settings.scheduler.misfire_grace_seconds
        stored = {job.id: job for job in scheduler.get_jobs(jobstore="default")}
        paused = paused_jobs(self.db)
        for spec in self.specs.values():
            try:
                trigger = make_trigger(spec.schedule, self.timezone)
            except ScheduleError as exc:
                # One bad schedule must not keep the other jobs from running: it is recorded as a failed
                # run (so `gongkai status` shows it) and its stored job, if any, is kept as it was.
                stored.pop(spec.name, None)
                log.error("job %s not scheduled: %s", spec.name, exc)
                self.runner.runs.note(spec.name, "scheduled", "failed", f"not scheduled: {exc}", self.runner.owner)
                continue
            job = stored.pop(spec.name, None)
            if trigger is None:
                if job is not None:
                    scheduler.remove_job(spec.name, jobstore="default")
                continue
            if job is None:
                try:
                    scheduler.add_job(FIRE_FUNC, trigger, args=[spec.name], id=spec.name, name=spec.name, jobstore="default",
                                      misfire_grace_time=grace, coalesce=True, max_instances=1,
                                      next_run_time=None if spec.name in paused else trigger.get_next_fire_time(None, datetime.now(self.timezone)))
                except ConflictingIdError:
                    continue  # another scheduler on this database stored it a moment ago (issue 20)
                log.info("job %s added (%s)", spec.name, spec.schedule)
                continue
            if trigger_key(job.trigger) != trigger_key(trigger):
                scheduler.reschedule_job(spec.name, jobstore="default", trigger=trigger)
                log.info("job %s rescheduled (%s)", spec.name, spec.schedule)
            if job.misfire_grace_time != grace or job.func_ref != FIRE_FUNC or list(job.args) != [spec.name]:
                scheduler.modify_job(spec.name, jobstore="default", misfire_grace_time=grace, func=FIRE_FUNC, args=[spec.name])
        for job_id in stored:  # a site or job that is no longer configured
            try:
                scheduler.remove_job(job_id, jobstore="default")
            except JobLookupError:
                continue  # another scheduler removed it first
            log.info("job %s removed (no longer configured)", job_id)
        self.apply_pauses()

    def _switch_loop(self) -> None:
        ticks = 0
        while not self._switches_stop.wait(OFFER_TAKE_SECONDS):
            ticks += 1
            if ticks * OFFER_TAKE_SECONDS >= RECONCILE_SECONDS:
                ticks = 0
                self.apply_pauses()
                self.take_over_lost()
            self.take_offers()  # more often: an offered crawl should start elsewhere at once, not 3 s later

    def take_offers(self) -> list[str]:
        """Run here, while a worker of this process is free, the slots other (busy) schedulers offered
        (run_scheduled): so crawls of different sites due together run on different machines at once.
        Returns the jobs started."""
        if self.stop_event.is_set() or self.lease_lost.is_set():
            return []
        started: list[str] = []
        try:
            since = utc_now() - timedelta(seconds=self.settings.scheduler.misfire_grace_seconds)
            offers = locks.open_offers(self.db, since, self.runner.owner)
            paused = paused_jobs(self.db) if offers else set()
            for job, slot in offers:
                spec = self.specs.get(job)
                if spec is None or job in paused or job in self.runner.running():
                    continue
                if not self._workers.acquire(blocking=False):
                    break  # busy too
                if not locks.claim_slot(self.db, job, slot, self.runner.owner):
                    self._workers.release()
                    continue
                threading.Thread(target=self._run_holding_worker, args=(spec,), name=f"gongkai-offered-{job}", daemon=True).start()
                started.append(job)
                log.info("job %s: the slot %s offered by a busy scheduler runs here", job, slot)
        except Exception:
            log.exception("could not look for offered slots")
        return started

    def _run_holding_worker(self, spec: JobSpec) -> None:
        try:
            self.runner.run(spec, trigger="scheduled")
        except JobBusyError as exc:
            self.runner.runs.note(spec.name, "scheduled", "skipped", str(exc), self.runner.owner)
        except Exception:
            log.exception("job %s: the run could not be recorded", spec.name)
        finally:
            self._workers.release()

    def take_over_lost(self) -> list[int]:
        """Run again, here, the scheduled runs whose process died within the last lease + TAKEOVER_WINDOW
        (another machine's scheduler killed mid-job: its lease expired; on this host, its pid is gone).
        One scheduler takes each lost run (claim_once); returns the ids of the runs started here."""
        if self.stop_event.is_set() or self.lease_lost.is_set():
            return []
        started: list[int] = []
        try:
            self.runner.runs.reap_lost()  # 'running' runs of dead processes become 'lost' (history.reap_lost)
            with read_only(self.db).connect() as conn:
                # the database's clock, as the runs' heartbeats are written (history._now): a node's own may have jumped
                since = locks.db_now(conn) - timedelta(seconds=self.runner.lease_seconds + TAKEOVER_WINDOW_SECONDS)
                rows = conn.execute(select(job_runs.c.id, job_runs.c.job).where(
                    job_runs.c.outcome == "lost", job_runs.c.trigger.in_(("scheduled", "takeover")),
                    job_runs.c.started_at >= to_db(since - timedelta(days=1)), job_runs.c.ended_at >= to_db(since),
                ).order_by(job_runs.c.id)).all()
            paused = paused_jobs(self.db) if rows else set()
            for row in rows:
                spec = self.specs.get(row.job)
                if spec is None or row.job in paused or row.job in self.runner.running() or self._ran_since(row.job, row.id):
                    continue
                if not locks.claim_once(self.db, f"takeover:{row.id}", self.runner.owner):
                    continue  # another scheduler took it
                try:
                    started.append(self.runner.start(spec, trigger="takeover"))
                    log.warning("job %s: run %d was lost with its process; taken over here", row.job, row.id)
                except JobBusyError:
                    pass  # it runs again already (its next slot, elsewhere): nothing was left undone
        except Exception:
            log.exception("could not look for lost runs to take over")
        return started

    def apply_pauses(self) -> None:
        """Pause/resume the stored jobs as the operators switched them (from any process); and stand down
        if our scheduler lease was taken over (we stalled past lease_seconds and another scheduler started)."""
        scheduler = self._scheduler
        if scheduler is None:
            return
        if self.lease_name in self.runner.heartbeat.lost and not self.lease_lost.is_set():
            log.critical("this scheduler lost its lease to another scheduler process: no new runs start here")
            self.lease_lost.set()
            self.stop_event.set()
            scheduler.pause()
            return
        try:
            paused = paused_jobs(self.db)
            for job in scheduler.get_jobs(jobstore="default"):
                if job.id in paused and job.next_run_time is not None:
                    scheduler.pause_job(job.id, jobstore="default")
                    log.info("job %s paused", job.id)
                elif job.id not in paused and job.next_run_time is None:
                    scheduler.resume_job(job.id, jobstore="default")
                    log.info("job %s resumed", job.id)
        except Exception:
            log.exception("could not apply pause/resume switches")

    def scheduled_jobs(self) -> dict[str, datetime | None]:
        """Job name -> next run time (None: paused)."""
        if self._scheduler is None:
            return {}
        return {job.id: job.next_run_time for job in self._scheduler.get_jobs(jobstore="default")}

    def _ran_since(self, job: str, run_id: int) -> bool:
        """Did `job` start again after run `run_id` (its next slot, by hand)? Then that run redid its work."""
        with read_only(self.db).connect() as conn:
            return conn.execute(select(job_runs.c.id).where(
                job_runs.c.job == job, job_runs.c.id > run_id, job_runs.c.outcome.not_in(("skipped", "missed")),
            ).limit(1)).first() is not None

    def run_scheduled(self, job_name: str) -> None:
        spec = self.specs.get(job_name)
        if spec is None:
            log.warning("job %s fired but is no longer configured", job_name)
            return
        if self.stop_event.is_set():
            return
        if job_name in paused_jobs(self.db):  # paused a moment ago, before apply_pauses saw it
            return
        if job_name in self.runner.running():  # a run here that APScheduler does not count (an offered slot's)
            return
        slot = slot_of(spec.schedule, self.timezone, self.settings.scheduler.misfire_grace_seconds)
        if not self._wait_for_a_worker(job_name, slot):
            return
        try:
            if slot is not None and not locks.claim_slot(self.db, job_name, slot, self.runner.owner):
                log.debug("job %s: the slot %s was run by another scheduler", job_name, slot)
                return
            self.runner.run(spec, trigger="scheduled")
        except JobBusyError as exc:
            self.runner.runs.note(job_name, "scheduled", "skipped", str(exc), self.runner.owner)
            log.warning("%s", exc)
        except Exception:
            log.exception("job %s: the run could not be recorded", job_name)
        finally:
            self._workers.release()

    def _wait_for_a_worker(self, job_name: str, slot: datetime | None) -> bool:
        """Hold a worker of this process for the run; False if another scheduler took the slot meanwhile.

        Every worker busy: the slot is offered to the other schedulers (a free one takes it within
        OFFER_TAKE_SECONDS, take_offers) and runs here only if none has when a worker of ours frees up."""
        if self._workers.acquire(blocking=False):
            return True
        if slot is None:
            self._workers.acquire()
            return True
        locks.offer_slot(self.db, job_name, slot, self.runner.owner)
        log.info("job %s: every worker here is busy; the slot %s is offered to the other schedulers", job_name, slot)
        while not self.stop_event.is_set():
            if self._workers.acquire(timeout=OFFER_POLL_SECONDS):
                return True
            if locks.slot_taken(self.db, job_name, slot):
                return False
        return False

    def _on_missed(self, event: JobEvent) -> None:
        if event.jobstore != "default":
            return
        try:
            if event.code == EVENT_JOB_MISSED:
                when = getattr(event, "scheduled_run_time", None)
                self.runner.runs.note(event.job_id, "scheduled", "missed",
                                      f"the run due at {when} was more than {self.settings.scheduler.misfire_grace_seconds} s late; it waits for its next slot",
                                      self.runner.owner)
            else:
                self.runner.runs.note(event.job_id, "scheduled", "skipped", "the previous run had not finished", self.runner.owner)
        except Exception:
            log.exception("could not record a missed run of %s", event.job_id)

    # ------------------------------------------------------------------ foreground

    def run_forever(self, install_signals: bool = True) -> int:
        """Start, wait for SIGTERM/SIGINT, stop cleanly. Returns the process exit code."""
        stop_requested = threading.Event()
        first_signal_at: float | None = None

        def on_signal(signum: int, _frame: Any) -> None:
            nonlocal first_signal_at
            now = time.monotonic()
            if first_signal_at is None:
                first_signal_at = now
                log.info("%s received: finishing the running jobs at a safe point, then stopping", signal.Signals(signum).name)
                self.stop_event.set()  # running jobs see it at once
                stop_requested.set()
            elif now - first_signal_at < DUPLICATE_SIGNAL_SECONDS:
                # `timeout`, some init systems and terminals deliver one stop to the process and to its group.
                log.info("%s received again; already stopping", signal.Signals(signum).name)
            else:
                # The store commits per batch, so even a hard stop loses at most the uncommitted batch.
                log.warning("second %s: stopping now without waiting for the running jobs", signal.Signals(signum).name)
                logging.shutdown()
                os._exit(130)

        previous = {}
        if install_signals:
            for signum in (signal.SIGTERM, signal.SIGINT):
                previous[signum] = signal.signal(signum, on_signal)
        try:
            self.start()
            while not stop_requested.wait(1.0):
                if self.lease_lost.is_set():
                    break
            self.stop(wait=True)
            return 1 if self.lease_lost.is_set() else 0
        finally:
            for signum, handler in previous.items():
                signal.signal(signum, handler)


#: PostgreSQL advisory lock held while APScheduler's table is made ("gksched"), apart from the migrations' one.
_JOBSTORE_LOCK_KEY = 0x676B7363686564


def _create_jobstore_table(jobstore: SQLAlchemyJobStore) -> None:
    """Make APScheduler's job table before the scheduler starts, one scheduler at a time.

    APScheduler makes it at start (a check, then CREATE TABLE): two schedulers starting at once on a new
    database both created it and one died (PostgreSQL: duplicate key in pg_type_typname_nsp_index; the
    two-node test lost a node so 1 run in 5). Here the check and the CREATE run under an advisory lock on
    PostgreSQL; elsewhere a lost race is passed when the table is there after all. APScheduler's own
    check at start then finds it."""
    engine = jobstore.engine
    try:
        with engine.begin() as conn:
            if engine.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _JOBSTORE_LOCK_KEY})
            jobstore.jobs_t.create(conn, checkfirst=True)
    except DBAPIError:
        if not inspect(engine).has_table(jobstore.jobs_t.name, schema=jobstore.jobs_t.schema):
            raise


def start_background_scheduler(engine: Engine) -> Callable[[], None]:
    """Start the scheduler in this process (e.g. inside `gongkai serve --with-scheduler`); returns stop_fn.

    stop_fn() asks running jobs to stop at a safe point and waits for them. Raises SchedulerAlreadyRunning
    when a scheduler is already active in this process (others, in other processes, run beside it).
    """
    service = SchedulerService(engine)
    service.start()
    stopped = threading.Event()

    def stop_fn() -> None:
        if not stopped.is_set():
            stopped.set()
            service.stop(wait=True)

    return stop_fn
