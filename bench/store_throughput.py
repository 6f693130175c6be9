"""Store bulk-upsert speed: N records with 1,000-character Chinese bodies in batches of 500.

    python bench/store_throughput.py --n 100000

Reports new / unchanged / changed upserts per second (wall clock and per CPU-second, which depends
less on how busy a shared machine is) and iter_records speed, on a real SQLite file.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus" / "govcn_state_council_policies" / "records.jsonl"
sys.path.insert(0, str(REPO))

from gongkai.record import Record  # noqa: E402
from gongkai.store import Store  # noqa: E402

BATCH = 500


def make_records(count: int) -> list[Record]:
    """Real gov.cn records' metadata with 1,000-character windows of their real body text."""
    bases = [json.loads(line) for line in CORPUS.open(encoding="utf-8")]
    text = "".join(base["body_text"].replace("\n", "") for base in bases)
    records = []
    for i in range(count):
        base = bases[i % len(bases)]
        start = (i * 37) % (len(text) - 1000)
        records.append(
            Record(
                title=base["title"], doc_number=base["doc_no"], issuer=base["issuer"], topic=base["topic_category"],
                publish_date=base["publish_date"], url=f"{base['source_url']}?n={i}", body=text[start : start + 1000],
            )
        )
    return records


def timed_upsert(store: Store, records: list[Record]) -> tuple[float, float]:
    started, started_cpu = time.perf_counter(), time.process_time()
    for start in range(0, len(records), BATCH):
        store.upsert_batch(records[start : start + BATCH])
    return len(records) / (time.perf_counter() - started), len(records) / (time.process_time() - started_cpu)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000)
    args = parser.parse_args(argv)
    records = make_records(args.n)
    with tempfile.TemporaryDirectory() as tmp, Store(f"sqlite:///{Path(tmp) / 'gongkai.sqlite3'}", Path(tmp) / "raw") as store:
        new = timed_upsert(store, records)
        unchanged = timed_upsert(store, records)
        changed = timed_upsert(store, [Record.model_validate({**r.model_dump(), "body": r.body + "（修订）"}) for r in records])
        started = time.perf_counter()
        streamed = sum(1 for _ in store.iter_records())
        iterate = streamed / (time.perf_counter() - started)
        assert store.count() == args.n and store.stats()["versions"] == 2 * args.n
    print(f"store, {args.n:,} records of 1,000 chars, batches of {BATCH}:")
    for name, (wall, cpu) in (("new", new), ("unchanged", unchanged), ("changed", changed)):
        print(f"  {name:<10} {wall:>9,.0f}/s   ({cpu:,.0f}/s of CPU time)")
    print(f"  iter_records {iterate:>7,.0f}/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
