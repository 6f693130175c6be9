"""Validity benchmark (issue 19): how well the statements are read, how fast, and what statuses cost at scale.

    python bench/validity_accuracy.py                 # accuracy + extraction speed + 100,000-record store
    python bench/validity_accuracy.py --n 10000       # a quicker store
    python bench/validity_accuracy.py --n 0           # accuracy and extraction speed only

1. Accuracy on the real texts (and, reported apart, on the held-out phrasings of tests/data/validity_heldout.json): the 48 regulations of ../shared/corpus/lawrefbook_regulations, the 40 gov.cn
   policies, and the period statements of tests/data/validity_truth.json (the corpus prints no period of a
   document's own), against the truth labelled by hand in that file: precision and recall of repeal edges,
   amendment edges (amended_by and amends), effective dates and validity periods.
2. Extraction speed: `read_statements` over the 88 real texts, repeated, in documents per second (one core).
3. At scale: `--n` generated records (bench/corpus_gen.py, seed 7) of which 30% carry an effective clause with
   a period and 10% repeal an earlier record by title and 文号, stored through Store.write_batch (the
   statements read and resolved in the same transaction); the ingest cost with and without validity on the
   first 10,000; then the time to derive every status again for a new day (the daily job), and once more
   when nothing changes.
4. Ingest end to end (`--ingest-n`, default 20,000 of the same generated records, as one JSON Lines file):
   `Engine.ingest_paths` (the worker process reads the statements, the store resolves them, tantivy indexes)
   with validity and with it switched off, each in a fresh process, alternating `--rounds` times (the machine
   is shared: compare within one run). Each run also reports its CPU seconds, of the main process and of its
   worker (the JSON Lines reader), which a loaded machine moves much less than the wall time.

Results are printed and written as JSON to bench/results/validity-<n>-<time>.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from index_search import bench_records  # noqa: E402

from gongkai.parsers.validity import read_statements  # noqa: E402
from tests.validity_truth import cases, heldout_cases, score_all  # noqa: E402


def accuracy(held_out: bool = False) -> dict[str, Any]:
    """Precision and recall on the first labelled set, or (`held_out`) on tests/data/validity_heldout.json alone."""
    out = {}
    for name, tally in (score_all(base=heldout_cases()) if held_out else score_all()).items():
        out[name] = {"precision": round(tally.precision, 4), "recall": round(tally.recall, 4), "tp": tally.tp, "fp": tally.fp, "fn": tally.fn, "misses": tally.misses}
    return out


def extraction_speed(min_seconds: float = 3.0) -> dict[str, Any]:
    docs = cases()
    chars = sum(len(c.body) for c in docs)
    done, start = 0, time.perf_counter()
    while time.perf_counter() - start < min_seconds:
        for case in docs:
            read_statements(case.title, case.body, case.publish_date)
        done += len(docs)
    elapsed = time.perf_counter() - start
    return {"documents": done, "seconds": round(elapsed, 2), "docs_per_second": round(done / elapsed, 1), "mean_chars": round(chars / len(docs))}


def scale_records(n: int, seed: int = 7):
    """Generated records; some say when they take effect and for how long, some repeal an earlier one."""
    rng = random.Random(seed)
    earlier: list[dict[str, Any]] = []
    for record in bench_records(n, seed):
        roll = rng.random()
        if record["kind"] == "disclosure" and roll < 0.3:
            day = date.fromisoformat(record["publish_date"])
            record["body"] += f"\n本意见自{day.year}年{day.month}月{day.day}日起施行，有效期{rng.choice([2, 3, 5])}年。"
        elif record["kind"] == "disclosure" and roll < 0.4 and earlier:
            target = rng.choice(earlier[-2000:])
            record["body"] += f"\n本意见自印发之日起施行。《{target['title']}》（{target['doc_number']}）同时废止。"
        if record["kind"] == "disclosure":
            earlier.append(record)
        yield record


def at_scale(n: int, batch: int = 500) -> dict[str, Any]:
    from gongkai.record import Record
    from gongkai.store import validity as store_validity
    from gongkai.store.store import Store

    result: dict[str, Any] = {"records": n}
    with tempfile.TemporaryDirectory(prefix="validity-bench-") as tmp:
        # the ingest cost of validity: the first 10,000 stored with and without it
        sample = [Record.model_validate(r) for r in scale_records(min(n, 10_000))]
        timings = {}
        for label in ("without", "with"):
            store = Store(f"sqlite:///{tmp}/{label}.db", Path(tmp) / f"raw-{label}")
            saved = store_validity.refresh
            if label == "without":
                store_validity.refresh = lambda *a, **k: None
            try:
                start = time.perf_counter()
                for i in range(0, len(sample), batch):
                    store.write_batch(sample[i:i + batch])
                timings[label] = time.perf_counter() - start
            finally:
                store_validity.refresh = saved
                store.close()
        result["ingest_sample"] = len(sample)
        result["ingest_records_per_second_without_validity"] = round(len(sample) / timings["without"], 1)
        result["ingest_records_per_second_with_validity"] = round(len(sample) / timings["with"], 1)

        store = Store(f"sqlite:///{tmp}/scale.db", Path(tmp) / "raw")
        start = time.perf_counter()
        pending: list[Record] = []
        for record in scale_records(n):
            pending.append(Record.model_validate(record))
            if len(pending) == batch:
                store.write_batch(pending)
                pending = []
        if pending:
            store.write_batch(pending)
        result["ingest_seconds"] = round(time.perf_counter() - start, 1)
        from sqlalchemy import func, select

        from gongkai.store.schema import validity_docs, validity_edges

        with store.read_engine.connect() as conn:
            result["edges"] = conn.execute(select(func.count()).select_from(validity_edges)).scalar()
            result["resolved_edges"] = conn.execute(select(func.count()).select_from(validity_edges).where(validity_edges.c.dst_id.is_not(None))).scalar()
            result["statuses_before"] = dict(conn.execute(select(validity_docs.c.status, func.count()).group_by(validity_docs.c.status)).all())
        for label, day in (("recompute_new_day", date(2031, 1, 1)), ("recompute_unchanged", date(2031, 1, 1))):
            start = time.perf_counter()
            changed = store.validity_recompute(day)
            result[label] = {"seconds": round(time.perf_counter() - start, 2), "changed": changed}
        with store.read_engine.connect() as conn:
            result["statuses_after"] = dict(conn.execute(select(validity_docs.c.status, func.count()).group_by(validity_docs.c.status)).all())
        store.close()
    return result


def _ingest_once(mode: str, jsonl: Path, work: Path) -> None:
    """One ingest in this (fresh) process; prints its seconds as JSON. `off`: no validity at all."""
    if mode == "off":
        import gongkai.validity
        from gongkai.store import validity as store_validity

        store_validity.refresh = lambda *a, **k: None
        gongkai.validity.read_record = lambda record: None  # the worker, forked from here, reads nothing either
    import resource

    from gongkai.engine import Engine
    from gongkai.settings import load_settings

    engine = Engine(load_settings(data_dir=work))
    start, cpu = time.perf_counter(), time.process_time()
    report = engine.ingest_paths([jsonl])
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    worker = resource.getrusage(resource.RUSAGE_CHILDREN)  # the worker, ended by now
    print(json.dumps({"seconds": seconds, "cpu_main": cpu, "cpu_worker": worker.ru_utime + worker.ru_stime, "counts": dict(report.counts)}))


def ingest_cost(n: int, rounds: int) -> dict[str, Any]:
    import subprocess

    with tempfile.TemporaryDirectory(prefix="validity-ingest-") as tmp:
        jsonl = Path(tmp) / "records.jsonl"
        with jsonl.open("w", encoding="utf-8") as handle:
            for record in scale_records(n):
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        runs: dict[str, list[float]] = {"off": [], "on": []}
        cpu: dict[str, list[tuple[float, float]]] = {"off": [], "on": []}
        for round_ in range(rounds):
            for mode in ("off", "on"):
                out = subprocess.run([sys.executable, __file__, "--ingest-once", mode, str(jsonl), f"{tmp}/{mode}{round_}"],
                                     check=True, capture_output=True, text=True).stdout
                run = json.loads(out.splitlines()[-1])
                runs[mode].append(run["seconds"])
                cpu[mode].append((round(run["cpu_main"], 2), round(run["cpu_worker"], 2)))
                print(f"  ingest {n:,} records, validity {mode}: {n / runs[mode][-1]:,.0f} docs/s, "
                      f"CPU {run['cpu_main']:.1f} s main + {run['cpu_worker']:.1f} s worker, load {os.getloadavg()[0]:.1f}", flush=True)
    rate = {mode: [round(n / s) for s in seconds] for mode, seconds in runs.items()}
    return {"records": n, "docs_per_second": rate,
            "with_over_without": [round(on / off, 3) for on, off in zip(rate["on"], rate["off"])],
            "cpu_seconds_main_worker": cpu,
            "main_cpu_without_over_with": [round(off[0] / on[0], 3) for on, off in zip(cpu["on"], cpu["off"])]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="records of the store at scale (0: skip)")
    parser.add_argument("--ingest-n", type=int, default=20_000, help="records ingested end to end, validity on and off (0: skip)")
    parser.add_argument("--rounds", type=int, default=2, help="alternating on/off ingest runs")
    parser.add_argument("--ingest-once", nargs=3, metavar=("MODE", "JSONL", "DIR"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.ingest_once:
        mode, jsonl, work = args.ingest_once
        _ingest_once(mode, Path(jsonl), Path(work))
        return
    report: dict[str, Any] = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "load": os.getloadavg()},
        "accuracy": accuracy(),
        "accuracy_held_out": accuracy(held_out=True),
        "extraction": extraction_speed(),
    }
    for label, key in (("labelled set", "accuracy"), ("held-out set (tests/data/validity_heldout.json)", "accuracy_held_out")):
        print(label)
        for name, row in report[key].items():
            print(f"{name:18} precision {row['precision']:.3f}  recall {row['recall']:.3f}  (tp {row['tp']}, fp {row['fp']}, fn {row['fn']})")
            for miss in row["misses"]:
                print(f"    {miss}")
    print(f"extraction: {report['extraction']['docs_per_second']} docs/s (mean {report['extraction']['mean_chars']} characters)")
    if args.ingest_n:
        report["ingest"] = ingest_cost(args.ingest_n, args.rounds)
        print(json.dumps(report["ingest"], ensure_ascii=False))
    if args.n:
        report["scale"] = at_scale(args.n)
        print(json.dumps(report["scale"], ensure_ascii=False, indent=1))
    out = HERE / "results" / f"validity-{args.n}-{datetime.now().strftime('%Y%m%d-%H%M%S')}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"written to {out}")


if __name__ == "__main__":
    main()
