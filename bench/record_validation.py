"""CPU time of Record.model_validate per record (the bundled sample records), for A/B runs of the core modules.

    .venv/bin/python bench/record_validation.py                      # this checkout
    git archive REV gongkai | tar x -C /tmp/rev && .venv/bin/python bench/record_validation.py --root /tmp/rev
        # the core modules (gongkai/) of another revision: gongkai.record imports only the core

Run the two back to back and compare (CPU time, best of --repeat; the machine is shared, so wall time is noise).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", type=Path, default=None, help="a folder holding gongkai/ (default: the installed package)")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--rounds", type=int, default=10, help="passes over the records per repeat")
    args = parser.parse_args()
    if args.root:
        # The editable install's finder would serve this checkout's gongkai: take it out, put ROOT first.
        sys.meta_path[:] = [f for f in sys.meta_path if "editable" not in type(f).__module__.lower()]
        sys.path.insert(0, str(args.root.resolve()))
    import gongkai.record as record

    samples = HERE / "gongkai" / "data" / "sample_records.jsonl"
    rows = [json.loads(line) for line in samples.open(encoding="utf-8") if line.strip()]
    for row in rows:  # what the store sets, and fields an older revision may not know
        for name in ("content_hash", "first_seen", "last_seen", "version", "withdrawn", "stated_validity"):
            row.pop(name, None)
    best = float("inf")
    for _ in range(args.repeat):
        started = time.process_time()
        for _ in range(args.rounds):
            for row in rows:
                record.Record.model_validate(row)
        best = min(best, (time.process_time() - started) / (args.rounds * len(rows)))
    print(f"{Path(record.__file__).parent}: Record.model_validate {best * 1e6:.1f} µs CPU a record "
          f"(best of {args.repeat}, {len(rows)} sample records, {sum(1 for r in rows if r.get('notice'))} with notice fields)")


if __name__ == "__main__":
    main()
