"""Sync to the national platform against a local receiver on 127.0.0.1 that fails on purpose."""

from __future__ import annotations

import json

import httpx
import pytest

from gongkai.engine import Engine
from gongkai.feeds import sync
from gongkai.feeds.sync_receiver import SyncReceiver
from gongkai.record import Record
from gongkai.store import outbox as queue
from tests.conftest import govcn_records

CLIENT_TIMEOUT = 0.6


@pytest.fixture
def engine(settings):
    engine = Engine(settings)
    yield engine
    engine.close()


def configure(engine: Engine, receiver: SyncReceiver, **extra) -> None:
    values = {
        "sync_url": receiver.url,
        "sync_token": receiver.token,
        "sync_timeout_seconds": CLIENT_TIMEOUT,
        "sync_backoff_seconds": 0.01,
        "sync_backoff_max_seconds": 0.05,
        **extra,
    }
    engine.settings.feeds = engine.settings.feeds.model_copy(update=values)


def ingest_with_history(engine: Engine) -> list[Record]:
    """20 real records; 5 of them get a second and a third version, 2 are withdrawn afterwards."""
    records = [Record.model_validate(data) for data in govcn_records()[:20]]
    engine.ingest_records(records)
    for round_ in (1, 2):
        engine.ingest_records([r.model_copy(update={"summary": f"修订 {round_}"}) for r in records[:5]])
    engine.withdraw(records[0].id, "撤销")
    engine.withdraw(records[7].id)
    return records


def expected_states(engine: Engine) -> list[tuple[str, int, str]]:
    return [(e.record_id, e.version, e.change) for e in queue.entries(engine.store, limit=10_000)]


def assert_exactly_once_in_order(engine: Engine, receiver: SyncReceiver) -> None:
    got = [(record_id, version, change) for _, record_id, version, change in receiver.received]
    assert sorted(got) == sorted(expected_states(engine)), "every record state exactly once"
    assert len(set(key for key, *_ in receiver.received)) == len(receiver.received)
    by_record: dict[str, list[tuple[int, str]]] = {}
    for _, record_id, version, change in receiver.received:
        by_record.setdefault(record_id, []).append((version, change))
    for record_id, states in by_record.items():
        order = [(v, 1 if c == "withdrawn" else 0) for v, c in states]
        assert order == sorted(order), f"{record_id} arrived out of version order: {states}"


def test_happy_path_sends_every_state_once_with_its_record_json(engine):
    records = ingest_with_history(engine)
    with SyncReceiver(token="s3cret") as receiver:
        configure(engine, receiver, sync_batch_size=7)
        report = sync.push(engine)
        assert report.sent == 20 + 10 + 2 and report.parked == 0
        assert_exactly_once_in_order(engine, receiver)
        # the JSON sent for version 2 is version 2's content, not the current one
        v2 = receiver.records[f"{records[1].id}:2"]
        assert v2["summary"] == "修订 1" and v2["version"] == 2 and v2["withdrawn"] is False
        assert receiver.records[f"{records[0].id}:3:withdrawn"]["withdrawn"] is True
        assert receiver.records[f"{records[3].id}:1"]["title"] == records[3].title
        # nothing left: a second push sends nothing at all
        requests = receiver.requests
        assert sync.push(engine).sent == 0 and receiver.requests == requests
    info = sync.status(engine)
    assert info["pending"] == 0 and info["sent"] == 32 and info["failed"] == 0 and info["last_success"] is not None


def test_a_record_holding_unicode_line_separators_is_delivered_whole(engine):
    """U+2028/U+2029 are legal inside JSON strings and were written raw; a receiver that splits the body by Unicode line
    boundaries (Python's str.splitlines, as the stand-in does) cut the line in two, answered 400, and the batch was parked
    with every record in it (clients2, session 12). They are written as escapes: the same JSON value."""
    odd = Record(title="第一段\u2028第二段\u2029第三段", summary="行\u2028分隔", source="hostile")
    plain = Record(title="普通记录", source="hostile")
    engine.ingest_records([odd, plain])
    with SyncReceiver() as receiver:
        configure(engine, receiver)
        report = sync.push(engine)
    assert (report.sent, report.parked) == (2, 0)
    assert receiver.records[f"{odd.id}:1"]["title"] == odd.title and receiver.records[f"{odd.id}:1"]["summary"] == odd.summary
    assert json.loads(sync.json_line({"t": "\u2028\u2029\x85"})) == {"t": "\u2028\u2029\x85"} and "\u2028" not in sync.json_line({"t": "\u2028"})


def test_every_kind_of_failure_still_delivers_exactly_once_in_version_order(engine):
    ingest_with_history(engine)
    faults = ["500", "timeout", "ok", "drop", "lost_ack", "slow", "500", "lost_ack", "drop", "ok", "timeout"]
    with SyncReceiver(faults=faults, hang_seconds=CLIENT_TIMEOUT * 2) as receiver:
        configure(engine, receiver, sync_batch_size=4, sync_max_attempts=20)
        report = sync.push(engine)
        assert report.parked == 0 and report.failed_attempts > 0
        assert_exactly_once_in_order(engine, receiver)
        assert queue.status_counts(engine.store)["pending"] == 0


def test_acknowledged_entries_are_never_resent_after_a_crash(engine):
    ingest_with_history(engine)
    with SyncReceiver() as receiver:
        configure(engine, receiver, sync_batch_size=5)
        # a run that stops after two batches, like a process killed between batches
        first = sync.push(engine, max_batches=2)
        assert first.sent == 10
        sent_keys = [key for key, *_ in receiver.received]
        # a fresh pusher (a new process) resumes where the first stopped
        with SyncReceiver() as second_receiver:
            configure(engine, second_receiver, sync_batch_size=5)
            sync.push(engine)
            resent = {key for key, *_ in second_receiver.received} & set(sent_keys)
            assert resent == set(), "an acknowledged entry was sent again"
            assert len(sent_keys) + len(second_receiver.received) == 32


def test_entries_are_parked_after_max_attempts_and_retry_brings_them_back(engine):
    records = [Record.model_validate(data) for data in govcn_records()[:3]]
    engine.ingest_records(records)
    sleeps: list[float] = []
    with SyncReceiver(faults=["500"] * 3) as receiver:
        configure(engine, receiver, sync_max_attempts=3, sync_backoff_seconds=1.0, sync_backoff_max_seconds=3.0)
        with sync.SyncPusher(engine.store, engine.settings.feeds, sleep=sleeps.append) as pusher:
            report = pusher.push()
        assert report.parked == 3 and report.sent == 0
        assert sleeps == [1.0, 2.0, 3.0], "exponential backoff, capped"
        info = sync.status(engine)
        assert info["failed"] == 3 and info["pending"] == 0
        assert {p["record_id"] for p in info["parked"]} == {r.id for r in records}
        assert all(p["attempts"] == 3 and "500" in p["last_error"] for p in info["parked"])
        # a parked entry blocks the later versions of its record, so order survives the outage
        engine.ingest_records([records[0].model_copy(update={"summary": "新版本"})])
        assert sync.push(engine).sent == 0
        assert sync.retry(engine) == 3
        report = sync.push(engine)
        assert report.sent == 4
        assert [(r, v) for _, r, v, _ in receiver.received if r == records[0].id] == [(records[0].id, 1), (records[0].id, 2)]


def test_an_entry_the_receiver_rejects_is_parked_without_holding_back_others(engine):
    records = [Record.model_validate(data) for data in govcn_records()[:4]]
    engine.ingest_records(records)
    with SyncReceiver(faults=[f"reject:{records[2].id}:1"]) as receiver:
        configure(engine, receiver)
        report = sync.push(engine)
        assert report.sent == 3 and report.parked == 1
        parked = sync.status(engine)["parked"]
        assert parked[0]["record_id"] == records[2].id and "refused on purpose" in parked[0]["last_error"]


def test_refused_credentials_stop_the_run_without_counting_attempts(engine):
    engine.ingest_records([Record.model_validate(govcn_records()[0])])
    with SyncReceiver(token="right") as receiver:
        configure(engine, receiver)
        engine.settings.feeds = engine.settings.feeds.model_copy(update={"sync_token": "wrong"})
        with pytest.raises(sync.SyncError, match="credentials"):
            sync.push(engine)
    assert queue.entries(engine.store)[0].attempts == 0


def test_no_endpoint_is_a_clear_error(engine):
    with pytest.raises(sync.SyncError, match="sync_url"):
        sync.push(engine)


PUSH_IN_A_CHILD = """
import sys
from gongkai.engine import Engine
from gongkai.feeds import sync
from gongkai.settings import load_settings

settings = load_settings(data_dir=sys.argv[1])
settings.feeds = settings.feeds.model_copy(update={"sync_url": sys.argv[2], "sync_batch_size": 5, "sync_timeout_seconds": 30})
sync.push(Engine(settings))
"""


def test_a_pusher_killed_while_waiting_for_the_ack_resumes_without_duplicates(engine, settings):
    import os
    import signal
    import subprocess
    import sys
    import time

    from tests.conftest import REPO

    ingest_with_history(engine)
    # the first batch is stored by the receiver, whose answer then takes 10 s: the child is killed meanwhile
    with SyncReceiver(faults=["ok", "slow"], slow_seconds=10) as receiver:
        env = {**os.environ, "PYTHONPATH": str(REPO.parent)}
        child = subprocess.Popen([sys.executable, "-c", PUSH_IN_A_CHILD, str(settings.data_dir), receiver.url], env=env, cwd=settings.data_dir.parent)
        deadline = time.monotonic() + 60
        while len(receiver.received) < 10 and time.monotonic() < deadline:
            time.sleep(0.05)
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        assert len(receiver.received) == 10, "two batches reached the receiver before the kill"
        assert queue.status_counts(engine.store)["sent"] == 5, "only the acknowledged batch is marked sent"
        configure(engine, receiver, sync_batch_size=5)
        report = sync.push(engine)
        assert report.sent == 27 and report.parked == 0
        assert_exactly_once_in_order(engine, receiver)


def test_scheduler_job_target_skips_quietly_without_an_endpoint_and_pushes_with_one(engine):
    from gongkai.feeds import sync_push

    engine.ingest_records([Record.model_validate(govcn_records()[0])])
    assert sync_push(engine=engine) == {"sent": 0, "skipped": "feeds.sync_url is not set"}
    with SyncReceiver() as receiver:
        configure(engine, receiver)
        assert sync_push(engine=engine).as_dict()["sent"] == 1


def test_two_pushers_at_once_post_each_entry_once(engine):
    """sendable_entries() does not claim: without the job:sync-push lease a second pusher re-posts the batch in flight."""
    import threading
    import time

    ingest_with_history(engine)
    # The receiver stores the one big batch, then takes 2 s to answer: the first pusher is mid-push meanwhile.
    with SyncReceiver(faults=["slow"], slow_seconds=2.0) as receiver:
        configure(engine, receiver, sync_batch_size=100, sync_timeout_seconds=30)
        reports: list[sync.PushReport] = []
        first = threading.Thread(target=lambda: reports.append(sync.push(engine)))
        first.start()
        deadline = time.monotonic() + 30
        while not receiver.posted and time.monotonic() < deadline:
            time.sleep(0.01)
        assert receiver.posted, "the first pusher posted its batch"
        with pytest.raises(sync.SyncBusyError, match="already running"):
            sync.push(engine)
        first.join(timeout=60)
        assert reports and reports[0].sent == 32
        assert sorted(receiver.posted) == sorted(set(receiver.posted)), "no entry was posted twice"
        assert len(receiver.posted) == 32
        assert_exactly_once_in_order(engine, receiver)
        assert sync.push(engine).sent == 0, "the lease is released after a push"


def test_a_pusher_in_another_process_is_refused_while_one_runs(engine, settings):
    import os
    import subprocess
    import sys

    from tests.conftest import REPO

    ingest_with_history(engine)
    with SyncReceiver() as receiver:
        configure(engine, receiver)
        env = {**os.environ, "PYTHONPATH": str(REPO.parent)}
        with sync.sync_lease(engine):  # this process is pushing
            child = subprocess.run(
                [sys.executable, "-c", PUSH_IN_A_CHILD, str(settings.data_dir), receiver.url],
                env=env, cwd=settings.data_dir.parent, capture_output=True, text=True, timeout=120,
            )
        assert child.returncode != 0 and "SyncBusyError" in child.stderr and "already running" in child.stderr
        assert receiver.posted == [], "the refused pusher posted nothing"
        assert sync.push(engine).sent == 32


def test_the_public_stats_show_the_last_sync(engine):
    from gongkai.web.app import create_app
    from gongkai.web.server import serve_in_thread

    ingest_with_history(engine)
    with serve_in_thread(create_app(engine)) as base_url:
        assert httpx.get(f"{base_url}/api/stats").json()["last_sync"] is None
        with SyncReceiver() as receiver:
            configure(engine, receiver)
            sync.push(engine)
        stats = httpx.get(f"{base_url}/api/stats").json()
    assert stats["last_sync"] is not None and "hosts" not in stats and "data_dir" not in stats
