"""Ingest process for tests/test_ingest_crash.py: SIGKILLs itself inside an ingest batch's transaction.

Keeps one raw capture per input first, then ingests ITEMS items in batches of BATCH through the one
ingest path (an ingest session, gongkai.ingest_session): most are real gov.cn records parsed "from" their capture,
every fourth is a bad input with that capture (it goes to the quarantine). A SQLAlchemy hook kills
the process with SIGKILL right after the `--nth` execution of a statement starting with `--after`
(e.g. "INSERT INTO outbox": the batch's records are written, its capture links and quarantine rows
are not yet), i.e. before that batch commits. With `--after ''` it runs to the end and prints "done";
`--skip` resumes after the batches a killed run committed.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import event

from gongkai.engine import Engine
from gongkai.ingest import IngestItem
from gongkai.ingest_session import IngestSession
from gongkai.record import Record
from gongkai.settings import load_settings
from tests.conftest import govcn_records

ITEMS = 30
BATCH = 10


def is_bad(n: int) -> bool:
    return n % 4 == 3


def record_id(n: int) -> str:
    return f"crash-{n}"


def input_ref(n: int) -> str:
    return f"capture:{n}"


def make_items(engine: Engine) -> list[IngestItem]:
    base = govcn_records()
    items = []
    for n in range(ITEMS):
        fields = base[n % len(base)]
        sha = engine.store.put_capture(f"<html><h1>{fields['title']}</h1>{n}</html>".encode(), url=f"https://www.gov.cn/{n}.htm")
        if is_bad(n):
            items.append(IngestItem(input_ref(n), error=f"{input_ref(n)}: no title found", payload=f"坏输入 {n}", capture_sha256=sha))
        else:
            items.append(IngestItem(input_ref(n), record=Record(**{**fields, "id": record_id(n)}), capture_sha256=sha))
    return items


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("data_dir")
    parser.add_argument("--after", default="")
    parser.add_argument("--nth", type=int, default=1)
    parser.add_argument("--skip", type=int, default=0, help="leave out the first SKIP items (a rerun resuming after them)")
    args = parser.parse_args()

    engine = Engine(load_settings(data_dir=Path(args.data_dir)))
    items = make_items(engine)[args.skip :]
    if args.after:
        seen = 0

        @event.listens_for(engine.store.engine, "after_cursor_execute")
        def _kill_inside_the_batch(_conn, _cursor, statement, *_rest) -> None:
            nonlocal seen
            if statement.lstrip().startswith(args.after):
                seen += 1
                if seen == args.nth:
                    os.kill(os.getpid(), signal.SIGKILL)

    with IngestSession(engine.store, engine.index, engine.settings, batch_size=BATCH) as session:
        session.ingest(items)
    engine.close()
    print("done", flush=True)


if __name__ == "__main__":
    main()
