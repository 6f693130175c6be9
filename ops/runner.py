"""Running one job once: take its lease, record the run, call its function, record how it ended.

The same code runs a job for the scheduler, for `gongkai jobs run NAME` and for the admin page's "run now"
(JobRunner.start: the same run in a background thread), so all are recorded the same way and the lease keeps
them from overlapping (one run of a job at a time, across processes).

Stopping: each run has its own stop event (RunStopEvent). It is set by a stop for everything the runner runs
(SIGTERM, Ctrl-C, the scheduler stopping: the runner's stop_event) or by an operator's stop request for this
one job (locks.request_stop, delivered by the heartbeat, from any process). Jobs honour it at safe points.

Calling convention for job functions: keyword arguments from the job's `kwargs`, plus any of these the
function declares by name: engine, settings, ctx, on_item, should_stop, stop_event, progress.
The return value gives the counts: an IngestReport, a dict of counts, an object with as_dict(), or None
(then the counts come from the on_item callbacks).
"""

from __future__ import annotations

import gc
import inspect
import logging
import os
import threading
import time
import traceback
import weakref
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from gongkai.ops import locks
from gongkai.ops.db import ops_engine
from gongkai.ops.history import JobRun, RunLog
from gongkai.ops.jobs import JobSpec, resolve_target

if TYPE_CHECKING:  # for annotations only: at run time the engine is handed in, never imported here
    from gongkai.engine import Engine

log = logging.getLogger("gongkai.ops.runner")
T = TypeVar("T")

#: job functions that do their work in a child process (with its own engine)
CHILD_PROCESS_TARGETS = ("gongkai.ops.crawl_jobs:",)
#: names a job function may declare to receive from the runner
INJECTABLE = ("engine", "settings", "ctx", "on_item", "should_stop", "stop_event", "progress")


class JobStopped(Exception):
    """Raised by a job at a safe point after a stop was requested; the run is recorded as interrupted."""


class RunStopEvent(threading.Event):
    """The stop signal of one run: set for this run alone (an operator's stop request), or seen as set when
    the runner's stop for all runs is. A job sees both through the one event it is given."""

    def __init__(self, stop_all: threading.Event) -> None:
        super().__init__()
        self._stop_all = stop_all

    def is_set(self) -> bool:
        return super().is_set() or self._stop_all.is_set()

    def wait(self, timeout: float | None = None) -> bool:
        deadline = None if timeout is None else time.monotonic() + timeout
        while not self.is_set():
            remaining = 0.1 if deadline is None else min(0.1, deadline - time.monotonic())
            if remaining <= 0:
                return False
            super().wait(remaining)  # wakes at once for our own set(); the stop for all is polled
        return True


# Jobs of one process share its Engine (one index writer) and take turns writing through it, whichever
# runner started them (the scheduler's, the admin page's). Crawls run in child processes and do not wait.
_engine_turns: weakref.WeakKeyDictionary[Any, threading.Lock] = weakref.WeakKeyDictionary()
_engine_turns_lock = threading.Lock()
# Runners of this process by owner id: a stop request for one of them is delivered at once, not at the next poll.
_runners: weakref.WeakValueDictionary[str, JobRunner] = weakref.WeakValueDictionary()


def engine_turn(engine: Engine) -> threading.Lock:
    """The lock jobs of this process hold while they write through `engine`."""
    with _engine_turns_lock:
        try:
            turn = _engine_turns.get(engine)
            if turn is None:
                turn = _engine_turns[engine] = threading.Lock()
        except TypeError:  # an engine that cannot be weakly referenced: its own runner's lock
            turn = threading.Lock()
        return turn


def local_runner(owner: str) -> JobRunner | None:
    """The runner of this process with this owner id, if any."""
    return _runners.get(owner)


@dataclass
class StartedRun:
    """A run whose lease is held and whose history row exists."""

    job: str
    lease: str
    run_id: int
    stop: RunStopEvent
    counts: Counter = field(default_factory=Counter)  # the job's committed counts, shared with its JobContext


class JobBusyError(RuntimeError):
    """The job is already running (in this or another process)."""

    def __init__(self, job: str, holder: locks.LeaseHolder) -> None:
        super().__init__(f"job {job!r} is already running ({holder.describe()})")
        self.job, self.holder = job, holder


@dataclass
class JobContext:
    """What a running job can use: the engine, a stop signal to honour, a progress callback."""

    job: str
    engine: Engine
    stop_event: threading.Event
    progress_callback: Callable[[str, Mapping[str, int]], None] | None = None
    counts: Counter = field(default_factory=Counter)
    stopped_early: bool = False

    @property
    def settings(self) -> Any:
        return self.engine.settings

    def should_stop(self) -> bool:
        return self.stop_event.is_set()

    def check_stop(self) -> None:
        """Call between units of work (after a committed batch): raises JobStopped if asked to stop."""
        if self.stop_event.is_set():
            self.stopped_early = True
            raise JobStopped(f"{self.job}: stopped on request")

    def progress(self, message: str = "", **counts: int) -> None:
        for key, value in counts.items():
            self.counts[key] += value
        if self.progress_callback is not None:
            self.progress_callback(message, dict(self.counts))

    def on_item(self, result: Any) -> None:
        """An ingest on_item callback: counts statuses (new, updated, unchanged, quarantined)."""
        status = getattr(result, "status", None) or (result.get("status") if isinstance(result, dict) else None)
        self.progress(str(getattr(result, "input", "") or ""), **{str(status or "item"): 1})

    def until_stopped(self, items: Iterable[T]) -> Iterator[T]:
        """Yield items until a stop is requested. Feeding ingest through this stops it at a batch boundary:
        the batch in hand is completed and committed, nothing is half-written."""
        for item in items:
            if self.stop_event.is_set():
                self.stopped_early = True
                return
            yield item


def _committed(counts: Counter) -> dict[str, Any] | None:
    """A snapshot of a running job's counts for its heartbeat (read from another thread: retried once if the
    job added a key meanwhile; None if it keeps changing, then only the time is written)."""
    for _ in range(2):
        try:
            snapshot = dict(counts)
        except RuntimeError:
            continue
        return summarize_counts(snapshot, None) if snapshot else None
    return None


#: error lines of a run kept in its counts (a poll's unreachable feeds); the count says how many there were
MAX_ERROR_MESSAGES = 50


def summarize_counts(result: Any, ctx: JobContext | None) -> dict[str, Any]:
    """Counts of a run: new / changed / errors (the columns) plus everything the job reported."""
    raw: dict[str, Any] = {}
    if isinstance(result, Mapping):
        raw = dict(result)
    elif hasattr(result, "as_dict") and callable(result.as_dict) and isinstance(data := result.as_dict(), Mapping):
        raw = dict(data)  # reports of the feeds and the ingest path: every count they keep
    elif hasattr(result, "counts") and isinstance(result.counts, Mapping):
        raw = dict(result.counts)
    numbers = {k: v for k, v in raw.items() if isinstance(v, (int, float)) and not isinstance(v, bool)}
    if not numbers and ctx is not None:
        numbers = dict(ctx.counts)
    extra = {k: v for k, v in raw.items() if k not in numbers}
    summary: dict[str, Any] = dict(numbers)
    summary.update({k: v for k, v in extra.items() if isinstance(v, (str, int, float, bool, list, dict)) or v is None})
    summary["new"] = int(numbers.get("new", 0))
    summary["changed"] = int(numbers.get("changed", 0) or 0) + int(numbers.get("updated", 0)) + int(numbers.get("withdrawn", 0))
    errors_by_kind = raw.get("errors")
    error_total = int(numbers.get("errors", 0))
    if isinstance(errors_by_kind, Mapping):  # a crawl reports its errors by kind (http_404, timeout, ...)
        error_total = sum(int(n) for n in errors_by_kind.values() if isinstance(n, (int, float)))
        summary["errors_by_kind"] = dict(errors_by_kind)
    elif isinstance(errors_by_kind, list):  # a poll's, one line each (an unreachable feed): counted and kept (probe5)
        error_total = len(errors_by_kind)
        summary["error_messages"] = [str(line) for line in errors_by_kind[:MAX_ERROR_MESSAGES]]
    # quarantined items, failed ones, and sync entries parked after too many attempts all need an operator
    summary["errors"] = error_total + sum(int(numbers.get(k, 0)) for k in ("quarantined", "failed", "parked"))
    return summary


def call_job_function(func: Callable[..., Any], ctx: JobContext, kwargs: Mapping[str, Any]) -> Any:
    available: dict[str, Callable[[], Any]] = {
        "engine": lambda: ctx.engine, "settings": lambda: ctx.settings, "ctx": lambda: ctx, "on_item": lambda: ctx.on_item,
        "should_stop": lambda: ctx.should_stop, "stop_event": lambda: ctx.stop_event, "progress": lambda: ctx.progress,
    }
    parameters: Mapping[str, inspect.Parameter]
    try:
        parameters = inspect.signature(func).parameters
    except (TypeError, ValueError):
        parameters = {}
    injected = {name: get() for name, get in available.items() if name in parameters and name not in kwargs}
    return func(**kwargs, **injected)


class JobRunner:
    """Runs jobs of one process; holds its owner id and the heartbeat that renews its leases."""

    def __init__(self, engine: Engine, stop_event: threading.Event | None = None) -> None:
        self.engine = engine
        self.settings = engine.settings
        self.db = ops_engine(self.settings.resolved_database_url)
        self.runs = RunLog(self.db)
        self.owner = locks.new_owner_id()
        self.stop_event = stop_event or threading.Event()
        self.lease_seconds = self.settings.scheduler.lease_seconds
        self.heartbeat = locks.Heartbeat(self.db, self.lease_seconds)
        self._engine_turn = engine_turn(engine)
        self._lock = threading.Lock()
        self._running: dict[str, RunStopEvent] = {}  # job name -> its run's stop event
        self._threads: dict[threading.Thread, RunStopEvent] = {}  # runs started in the background
        _runners[self.owner] = self

    def close(self, wait_seconds: float = 60.0) -> None:
        """Stop: background runs are asked to stop at a safe point and waited for, then the heartbeat ends."""
        self.stop_background(wait_seconds)
        self.heartbeat.close()

    def stop_background(self, wait_seconds: float = 60.0) -> None:
        with self._lock:
            threads = list(self._threads.items())
        for _thread, stop in threads:
            stop.set()
        deadline = time.monotonic() + wait_seconds
        for thread, _stop in threads:
            thread.join(max(deadline - time.monotonic(), 0))

    def running(self) -> list[str]:
        """Jobs this runner is running now."""
        with self._lock:
            return sorted(self._running)

    def stop_run(self, job: str) -> bool:
        """Ask this runner's run of `job` to stop at its next safe point; False if it runs no such job."""
        with self._lock:
            stop = self._running.get(job)
        if stop is None:
            return False
        stop.set()
        return True

    def run(
        self,
        spec: JobSpec,
        trigger: str = "scheduled",
        progress: Callable[[str, Mapping[str, int]], None] | None = None,
    ) -> JobRun:
        """Run `spec` now. Raises JobBusyError if it is running elsewhere; any other failure is recorded."""
        started = self.begin(spec, trigger)
        try:
            self._execute(spec, started, progress)
        finally:
            self._end(started)
        run = self.runs.get(started.run_id)
        assert run is not None
        return run

    def start(self, spec: JobSpec, trigger: str = "manual") -> int:
        """Run `spec` in a background thread of this process, exactly as run() does; returns the run id as
        soon as the lease is held and the run recorded. Raises JobBusyError if it is running elsewhere."""
        started = self.begin(spec, trigger)

        def work() -> None:
            try:
                self._execute(spec, started, None)
            except BaseException:  # _execute records every failure; nothing may escape a thread
                log.exception("job %s: the run could not be recorded", spec.name)
            finally:
                self._end(started)
                with self._lock:
                    self._threads.pop(threading.current_thread(), None)

        thread = threading.Thread(target=work, name=f"gongkai-job:{spec.name}", daemon=True)
        with self._lock:
            self._threads[thread] = started.stop
        thread.start()
        return started.run_id

    def begin(self, spec: JobSpec, trigger: str) -> StartedRun:
        """Take the job's lease and record the run as running; raises JobBusyError if it is running here or
        elsewhere. (The lease alone would let this runner in twice: it renews a lease its owner holds.)"""
        lease_name = f"job:{spec.name}"
        stop = RunStopEvent(self.stop_event)
        with self._lock:
            busy_here = spec.name in self._running
            if not busy_here:
                self._running[spec.name] = stop  # reserved: a second start in this process is refused
        if busy_here:
            holder = locks.holder_of(self.db, lease_name)
            raise JobBusyError(spec.name, holder or locks.LeaseHolder(lease_name, self.owner, locks.HOST, os.getpid(), None, None, None))
        try:
            got = locks.acquire(self.db, lease_name, self.owner, self.lease_seconds)
            if isinstance(got, locks.LeaseHolder):
                raise JobBusyError(spec.name, got)
        except BaseException:
            self._unreserve(spec.name, stop)
            raise
        try:
            if got.taken_over is not None:
                lost = self.runs.mark_lost(spec.name, got.taken_over.owner)
                if lost:
                    log.warning("job %s: %d run(s) of a dead process marked lost", spec.name, lost)
            self.heartbeat.hold(lease_name, self.owner, on_stop=stop.set)
            run_id = self.runs.start(spec.name, trigger, self.owner)
            locks.set_run_id(self.db, lease_name, self.owner, run_id)
            started = StartedRun(spec.name, lease_name, run_id, stop)
            # Each renewal of the lease also says "alive now, with these counts committed": a run killed
            # later is shown lost at that time with those counts (history.reap_lost).
            self.heartbeat.on_beat(lease_name, lambda: self.runs.beat(run_id, _committed(started.counts)))
        except BaseException:
            self._unreserve(spec.name, stop)
            self.heartbeat.drop(lease_name)
            locks.release(self.db, lease_name, self.owner)
            raise
        return started

    def _unreserve(self, job: str, stop: RunStopEvent) -> None:
        with self._lock:
            if self._running.get(job) is stop:
                del self._running[job]

    def _end(self, started: StartedRun) -> None:
        self.heartbeat.drop(started.lease)
        try:
            locks.release(self.db, started.lease, self.owner)
        finally:
            self._unreserve(started.job, started.stop)  # after the release: no second start slips in before it

    def _execute(self, spec: JobSpec, started: StartedRun, progress: Callable[[str, Mapping[str, int]], None] | None) -> None:
        run_id = started.run_id
        ctx = JobContext(spec.name, self.engine, started.stop, progress, counts=started.counts)
        log.info("job %s: started (run %d)", spec.name, run_id)
        try:
            func = resolve_target(spec.target)
        except Exception as exc:  # noqa: BLE001 - a job that cannot load is a failed run with its reason, not a dead scheduler
            message = f"cannot load {spec.target}: {type(exc).__name__}: {exc}"
            self.runs.finish(run_id, "failed", dict(ctx.counts), message, traceback.format_exc())
            log.error("job %s: %s", spec.name, message)
            return
        try:
            if spec.target.startswith(CHILD_PROCESS_TARGETS):
                result = call_job_function(func, ctx, spec.kwargs)
            else:
                with self._engine_turn:
                    ctx.check_stop()  # a stop requested while it waited for its turn: do not start
                    result = call_job_function(func, ctx, spec.kwargs)
        except JobStopped as exc:
            self.runs.finish(run_id, "interrupted", summarize_counts(None, ctx), str(exc))
            log.info("job %s: interrupted at a safe point", spec.name)
        except (KeyboardInterrupt, SystemExit) as exc:  # the operator aborted `jobs run` (a second Ctrl-C), SIGTERM: record, then go
            trace = traceback.format_exc()
            # An interrupt landing between a store transaction's BEGIN IMMEDIATE and its `with` (or in a generator
            # suspended inside one) leaves that connection, with SQLite's write lock, alive in the traceback's frames:
            # the run log's own transaction below then waited out the busy timeout (30 s; doors7's SIGTERM test, about
            # one stop in ten). Freed, the pool rolls it back and takes it in.
            traceback.clear_frames(exc.__traceback__)
            gc.collect()
            self.runs.finish(run_id, "interrupted", summarize_counts(None, ctx), "aborted by the operator", trace)
            raise
        except BaseException as exc:  # noqa: BLE001 - a job failure of any kind is recorded, never propagated
            message = f"{type(exc).__name__}: {exc}"
            self.runs.finish(run_id, "failed", summarize_counts(None, ctx), message, traceback.format_exc())
            log.error("job %s failed: %s", spec.name, message)
        else:
            counts = summarize_counts(result, ctx)
            if ctx.stopped_early or (started.stop.is_set() and counts.get("stopped")):
                self.runs.finish(run_id, "interrupted", counts, "stopped on request after a committed batch")
            else:  # a run that went on past errors says the first of them (jobs history's message)
                self.runs.finish(run_id, "ok", counts, "; ".join(counts.get("error_messages", [])[:3]))
            log.info("job %s: %s", spec.name, {k: counts[k] for k in ("new", "changed", "errors")})
