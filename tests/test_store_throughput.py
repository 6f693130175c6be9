"""Bulk upsert speed: 1,000-character Chinese bodies in batches of 500 (marked slow).

GONGKAI_STORE_BENCH_N sets how many records (default 10,000; the target was measured at
100,000). The floor asserted here is below the 5,000 records/s target to leave room for a
busy shared machine; the test prints the measured rates.
"""

from __future__ import annotations

import os
import time

import pytest

from gongkai.record import Record
from gongkai.store import Store
from tests.conftest import govcn_records

BATCH = 500


def make_records(count: int) -> list[Record]:
    bases = govcn_records()
    text = "".join(base["body"].replace("\n", "") for base in bases)
    records = []
    for i in range(count):
        base = bases[i % len(bases)]
        start = (i * 37) % (len(text) - 1000)
        records.append(Record(**{**base, "index_number": "", "url": f"{base['url']}?n={i}", "body": text[start : start + 1000]}))
    return records


def timed_upsert(store: Store, records: list[Record], cpu: list[float] | None = None) -> float:
    """Records per second of wall time; appends records per second of this process's CPU time to `cpu`
    (the number that does not depend on how busy the shared machine is)."""
    started, started_cpu = time.perf_counter(), time.process_time()
    for start in range(0, len(records), BATCH):
        store.upsert_batch(records[start : start + BATCH])
    if cpu is not None:
        cpu.append(len(records) / (time.process_time() - started_cpu))
    return len(records) / (time.perf_counter() - started)


@pytest.mark.slow
def test_bulk_upsert_rate(tmp_path, corpus, capsys):
    count = int(os.environ.get("GONGKAI_STORE_BENCH_N", "10000"))
    records = make_records(count)
    assert len({r.id for r in records}) == count

    with Store(f"sqlite:///{tmp_path / 'gongkai.sqlite3'}", tmp_path / "raw") as store:
        cpu_rates: list[float] = []
        new_rate = timed_upsert(store, records, cpu_rates)
        unchanged_rate = timed_upsert(store, records)
        changed = [r.model_copy(update={"body": r.body + "（修订）"}) for r in records]
        updated_rate = timed_upsert(store, changed)
        started = time.perf_counter()
        streamed = sum(1 for _ in store.iter_records())
        iter_rate = streamed / (time.perf_counter() - started)
        assert store.count() == count and store.stats()["versions"] == 2 * count

    with capsys.disabled():
        print(
            f"\nstore, {count} records of 1,000 chars, batches of {BATCH}: new {new_rate:,.0f}/s "
            f"({cpu_rates[0]:,.0f}/s of CPU time), "
            f"unchanged {unchanged_rate:,.0f}/s, changed {updated_rate:,.0f}/s, iter_records {iter_rate:,.0f}/s"
        )
    assert new_rate >= 2_500
