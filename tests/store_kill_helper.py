"""Writer process for the store's crash and concurrency tests (tests/test_store_durability.py).

Ingests `--batches` batches into the store. Batch i holds `--size` new records `<prefix>-<i>-<j>`
made from the real gov.cn corpus, plus a changed copy of every record of batch i-1 (which makes
them version 2), so a half-applied batch would show as records of batch i missing or batch i-1
records with the wrong version. Prints `begin i` before and `committed i` after each
upsert_batch call, flushed, so the parent knows exactly which batches were committed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from gongkai.record import Record
from gongkai.store import Store
from tests.conftest import govcn_records


def make_record(base: list[dict], prefix: str, batch: int, j: int, size: int, revised: bool = False) -> Record:
    source = base[(batch * size + j) % len(base)]
    return Record(
        **{
            **source,
            "id": f"{prefix}-{batch}-{j}",
            "title": f"{source['title']}（{prefix}第{batch}批第{j}件）",
            "body": source["body"] + ("\n（修订）" if revised else ""),
        }
    )


def batch_records(base: list[dict], prefix: str, batch: int, size: int) -> list[Record]:
    fresh = [make_record(base, prefix, batch, j, size) for j in range(size)]
    revised = [make_record(base, prefix, batch - 1, j, size, revised=True) for j in range(size)] if batch else []
    return fresh + revised


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("database_url")
    parser.add_argument("raw_dir")
    parser.add_argument("--batches", type=int, default=50)
    parser.add_argument("--size", type=int, default=200)
    parser.add_argument("--prefix", default="k")
    args = parser.parse_args()

    base = govcn_records()
    store = Store(args.database_url, Path(args.raw_dir))
    for batch in range(args.batches):
        records = batch_records(base, args.prefix, batch, args.size)
        print(f"begin {batch}", flush=True)
        store.upsert_batch(records)
        print(f"committed {batch}", flush=True)
    store.close()
    print("done", flush=True)


if __name__ == "__main__":
    main()
