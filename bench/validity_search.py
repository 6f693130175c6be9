"""Validity in search (issue 19): what the index's validity field costs and what following a status change costs.

    python bench/validity_search.py                 # 20,000 generated records
    python bench/validity_search.py --n 5000 --rounds 1

1. Ingest end to end (`Engine.ingest_paths` of one JSON Lines file of `--n` generated records, bench/corpus_gen
   via validity_accuracy.scale_records: 30% with an effective clause and a period, 10% repealing an earlier
   one): as built (the index given each record's status by the store, records whose status changes
   renumbered) and `off` (no status lookup, no renumbering: the index as before), each in a fresh process,
   alternating `--rounds` times (the machine is shared: compare within one run).
2. The daily job on a day when many periods have ended: the recompute (statuses written, changed records
   renumbered) and the catch-up that re-indexes them.
3. Search latency (median of 30 runs after a warm-up, result cache off) of a word query alone, with
   `validity:in_force`, and with `validity=repealed`, facets on; and the word query with
   `search.ranking.repealed_factor` 1 (`factor=1`: the scoring query is not split by status), which is what
   demoting repealed documents in tantivy's scoring costs.

Results are printed and written as JSON to bench/results/validity-search-<n>-<time>.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from validity_accuracy import scale_records  # noqa: E402

QUERIES = ("意见", "管理办法", "通知 实施")


def _ingest_once(mode: str, jsonl: Path, work: Path) -> None:
    """One ingest in this (fresh) process; prints its seconds as JSON. `off`: the index gets no statuses and
    no record is renumbered when its status changes."""
    if mode == "off":
        from gongkai.store import validity as store_validity

        store_validity.renumber = lambda conn, ids, at=None: 0
    from gongkai.engine import Engine
    from gongkai.settings import load_settings

    engine = Engine(load_settings(data_dir=work))
    if mode == "off":
        engine.index.validity = None
    start = time.perf_counter()
    report = engine.ingest_paths([jsonl])
    seconds = time.perf_counter() - start
    out: dict[str, Any] = {"seconds": seconds, "counts": dict(report.counts)}
    if mode == "on":
        out.update(_daily_and_search(engine))
    engine.close()
    print(json.dumps(out))


def _daily_and_search(engine) -> dict[str, Any]:
    from gongkai.indexer.models import SearchRequest

    out: dict[str, Any] = {"facet_before": engine.search(SearchRequest()).facets["validity"]}
    seq = engine.store.max_seq()
    start = time.perf_counter()
    changed = engine.store.validity_recompute(date(2031, 1, 1))  # many periods have ended by then
    recompute = time.perf_counter() - start
    start = time.perf_counter()
    reindexed = engine.catch_up_index()
    out["daily"] = {"changed": changed, "renumbered": engine.store.max_seq() - seq, "recompute_seconds": round(recompute, 2),
                    "reindexed": reindexed, "catch_up_seconds": round(time.perf_counter() - start, 2)}
    out["facet_after"] = engine.search(SearchRequest()).facets["validity"]
    latency: dict[str, float] = {}
    ranking = engine.index.search_settings.ranking
    factor = ranking.repealed_factor
    for q in QUERIES:
        for label, request in ((q, SearchRequest(q=q)), (f"validity:in_force {q}", SearchRequest(q=f"validity:in_force {q}")),
                               (f"{q} validity=repealed", SearchRequest(q=q, validity="repealed")), (f"{q} factor=1", SearchRequest(q=q))):
            ranking.repealed_factor = 1.0 if label.endswith("factor=1") else factor
            engine.index.search(request)
            times = []
            for _ in range(30):
                engine.index._answers.clear()  # every run searches
                engine.index._facet_counts.clear()
                start = time.perf_counter()
                engine.index.search(request)
                times.append((time.perf_counter() - start) * 1000)
            latency[label] = round(statistics.median(times), 2)
    out["search_ms_p50"] = latency
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--ingest-once", nargs=3, metavar=("MODE", "JSONL", "DIR"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.ingest_once:
        mode, jsonl, work = args.ingest_once
        _ingest_once(mode, Path(jsonl), Path(work))
        return
    report: dict[str, Any] = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"), "records": args.n,
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "load": os.getloadavg()},
    }
    runs: dict[str, list[float]] = {"off": [], "on": []}
    with tempfile.TemporaryDirectory(prefix="validity-search-") as tmp:
        jsonl = Path(tmp) / "records.jsonl"
        with jsonl.open("w", encoding="utf-8") as handle:
            for record in scale_records(args.n):
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        for round_ in range(args.rounds):
            for mode in ("off", "on"):
                out = subprocess.run([sys.executable, __file__, "--ingest-once", mode, str(jsonl), f"{tmp}/{mode}{round_}"],
                                     check=True, capture_output=True, text=True).stdout
                result = json.loads(out.splitlines()[-1])
                runs[mode].append(result["seconds"])
                print(f"ingest {args.n:,} records, index statuses {mode}: {args.n / result['seconds']:,.0f} docs/s", flush=True)
                if mode == "on":
                    report.setdefault("on_runs", []).append({k: v for k, v in result.items() if k not in ("seconds", "counts")})
                    print(json.dumps(report["on_runs"][-1], ensure_ascii=False), flush=True)
    report["ingest_docs_per_second"] = {mode: [round(args.n / s) for s in seconds] for mode, seconds in runs.items()}
    report["machine"]["load_after"] = os.getloadavg()
    (HERE / "results").mkdir(exist_ok=True)
    path = HERE / "results" / f"validity-search-{args.n}-{datetime.now().strftime('%Y%m%d-%H%M%S')}.json"
    path.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    print(json.dumps(report["ingest_docs_per_second"]), "->", path)


if __name__ == "__main__":
    main()
