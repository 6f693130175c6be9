"""Hostile input through every entry point (issue 16): stored / quarantined / lost per entry point, the peak
memory of each case, and a schemathesis run against the served API.

    ./dev bench hostile [--examples 100] [--skip-big]
    (or .venv/bin/python bench/hostile.py …)

The cases and entry points are the test suite's tables (tests/hostile_cases.py), plus what is too big for
the tests: one JSON Lines line of 500 MB, through `gongkai ingest` and the drop folder. Each (case, entry
point) pair runs in a process of its own so that its peak RSS (the process, or its largest child: parse
workers, the crawl) is its own. `lost` counts items neither stored, quarantined, answered 4xx nor left in
place: the target is 0 everywhere. The full result is written to bench/results/hostile.json.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def run_one(index: int, tmp: Path) -> dict:
    """Run pair `index` here (a child process of the main run) and describe its outcome."""
    import os

    from tests.hostile_cases import check, expected, pairs

    case, entry = pairs(include_bench_only=True)[index]
    os.chdir(tmp)
    started = time.monotonic()
    try:
        outcome = entry.run(case, tmp)
        problems = check(case, entry.name, outcome)
        stored, reasons, left = expected(case, entry.name)
        lost = max(0, stored + len(reasons) + left - outcome.accounted)
        result = {"stored": outcome.stored, "quarantined": len(outcome.quarantined), "refused": len(outcome.refused),
                  "left": outcome.left, "items": stored + len(reasons) + left, "lost": lost, "problems": problems}
    except Exception as exc:  # noqa: BLE001 - a crash of the pair is a finding, not the end of the benchmark
        result = {"stored": 0, "quarantined": 0, "refused": 0, "left": 0, "items": case.items, "lost": case.items,
                  "problems": [f"{type(exc).__name__}: {exc}"[:500]]}
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    result.update(seconds=round(time.monotonic() - started, 2), peak_rss_mib=round(max(own, children) / 1024, 1))
    return result


def fuzz(examples: int) -> dict:
    from gongkai.feeds.tokens import TokenStore
    from tests.api_schema_fuzz import fuzz_api
    from tests.support import sample_records, served_engine

    with tempfile.TemporaryDirectory(prefix="gongkai-fuzz-") as tmp:
        no_limits = {"push_rate_limit": 0, "push_rate_burst": 0}
        with served_engine(Path(tmp) / "data", sample_records(), feeds=no_limits) as (engine, base):
            token, _ = TokenStore(engine.store).create("厦门市财政局")
            return fuzz_api(base, token, max_examples=examples).as_dict()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=100, help="schemathesis cases per operation")
    parser.add_argument("--skip-big", action="store_true", help="leave out the 500 MB file")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--tmp", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one is not None:
        print(json.dumps(run_one(args.one, Path(args.tmp))))
        return

    from tests.hostile_cases import pairs

    rows = []
    for index, (case, entry) in enumerate(pairs(include_bench_only=True)):
        if case.bench_only and args.skip_big:
            continue
        with tempfile.TemporaryDirectory(prefix="gongkai-hostile-") as tmp:
            done = subprocess.run([sys.executable, __file__, "--one", str(index), "--tmp", tmp], capture_output=True, text=True, timeout=1800)
        lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
        result = json.loads(lines[-1]) if lines else {"items": case.items, "lost": case.items, "problems": [done.stderr[-500:]]}
        rows.append({"entry": entry.name, "case": case.name, **result})
        print(f"{entry.name:8} {case.name:48} stored {result.get('stored', 0):3} quarantined {result.get('quarantined', 0) + result.get('refused', 0):3} "
              f"lost {result['lost']}  {result.get('peak_rss_mib', '?'):>7} MiB  {result.get('seconds', '?')} s  {'; '.join(result['problems'])[:200]}", flush=True)

    by_entry: dict[str, dict] = defaultdict(lambda: {"cases": 0, "items": 0, "stored": 0, "quarantined": 0, "left": 0, "lost": 0, "problems": 0, "peak_rss_mib": 0.0})
    for row in rows:
        total = by_entry[row["entry"]]
        total["cases"] += 1
        total["items"] += row["items"]
        total["stored"] += row.get("stored", 0)
        total["quarantined"] += row.get("quarantined", 0) + row.get("refused", 0)
        total["left"] += row.get("left", 0)
        total["lost"] += row["lost"]
        total["problems"] += bool(row["problems"])
        total["peak_rss_mib"] = max(total["peak_rss_mib"], row.get("peak_rss_mib", 0.0))

    print("\n| entry point | cases | items | stored | quarantined (push: or answered 4xx) | left in place | lost | cases off their expectation | largest peak RSS |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for name, total in by_entry.items():
        print(f"| {name} | {total['cases']} | {total['items']} | {total['stored']} | {total['quarantined']} | {total['left']} | "
              f"**{total['lost']}** | {total['problems']} | {total['peak_rss_mib']:.0f} MiB |")
    entries = list(by_entry)
    print("\nPeak RSS per case (MiB; the process or its largest child):\n")
    print("| case | " + " | ".join(entries) + " |")
    print("| --- | " + " | ".join("---" for _ in entries) + " |")
    for case_name in dict.fromkeys(row["case"] for row in rows):
        cells = {row["entry"]: row.get("peak_rss_mib") for row in rows if row["case"] == case_name}
        print(f"| {case_name} | " + " | ".join(f"{cells[e]:.0f}" if cells.get(e) is not None else "–" for e in entries) + " |")

    figures = fuzz(args.examples)
    print(f"\nschemathesis: {figures['operations']} operations, {figures['cases']} cases, {figures['failures']} failures, "
          f"{figures['seconds']} s, answers {figures['statuses']}")
    for failure in figures["failed"][:20]:
        print("  ", failure)

    out = REPO / "bench" / "results" / "hostile.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"pairs": rows, "by_entry": by_entry, "schemathesis": figures,
                               "measured": time.strftime("%Y-%m-%d %H:%M:%S %Z")}, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"\nwritten: {out}")


if __name__ == "__main__":
    main()
