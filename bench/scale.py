"""The cost curve (issue 20): what one node costs at 10,000, 100,000, … records, and a second node's lag.

    python bench/scale.py                          # 10,000 and 100,000 records on SQLite
    python bench/scale.py --sizes 10000 100000 1000000 --database-url postgresql+psycopg://…/db
    python bench/scale.py --sizes 5000 --lag-seconds 10   # a quick run

Each size runs in its own process (peak RSS is its own): N generated records (bench/corpus_gen.py, the
records of bench/index_search.py) as JSON Lines, then
- ingest docs/s end to end (`Engine.ingest_paths`: validation, store, index) and its CPU;
- store size (SQLite file; on PostgreSQL pg_database_size) and index size on disk; peak RSS;
- query p50/p99 of the fixed query set of bench/index_search.py, result caches off;
- `reindex` time (a new generation built from the store);
- follower lag on node B (a second data directory on the same database, its Follower thread as
  `gongkai serve` runs it) under a steady ingest of --rate records/s through node A for --lag-seconds:
  for each batch, the time from its store commit to node B's index watermark reaching it.
The results are printed and written as JSON to bench/results/scale-<timestamp>.json; with matplotlib
installed, the curve is drawn to bench/results/scale-<timestamp>.png.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus_gen import write_jsonl  # noqa: E402
from index_search import (  # noqa: E402
    BenchQuery,
    bench_records,
    cpu_seconds,
    fixed_queries,
    folder_bytes,
    peak_rss_mb,
    percentile,
    time_queries,
)

RESULTS_DIR = HERE / "results"


def progress(message: str) -> None:
    """A line on stderr for a long run's log (a 1,000,000-record run takes an hour): time, load, CPU so far."""
    load = os.getloadavg()[0]
    print(f"{datetime.now(UTC):%H:%M:%S} load {load:.1f} cpu {cpu_seconds():.0f}s rss {peak_rss_mb():.0f}MB  {message}",
          file=sys.stderr, flush=True)


def _identifiers(jsonl: Path) -> tuple[str, str]:
    """A 文号 and a 索引号 from the data, for the identifier queries of the fixed set."""
    with jsonl.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if record.get("doc_number", "").startswith("厦府〔") and record.get("index_number"):
                return record["doc_number"], record["index_number"]
    return "厦府〔2014〕12号", "XM00100-0200-2014-00012"


def _store_bytes(settings: Any) -> int:
    url = settings.resolved_database_url
    if url.startswith("sqlite"):
        database = Path(url.split("///", 1)[1])
        return sum(folder_bytes(p) for p in database.parent.glob(database.name + "*"))  # with -wal and -shm
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.connect() as conn:
        size = int(conn.execute(text("select pg_database_size(current_database())")).scalar_one())
    engine.dispose()
    return size


def _reset_postgres(url: str) -> None:
    from sqlalchemy import MetaData, create_engine

    engine = create_engine(url)
    metadata = MetaData()
    metadata.reflect(engine)
    metadata.drop_all(engine)
    engine.dispose()


def measure_size(n: int, work: Path, database_url: str, rate: int, lag_seconds: float, seed: int) -> dict[str, Any]:
    from gongkai.engine import Engine
    from gongkai.follow import Follower
    from gongkai.indexer.models import SearchRequest
    from gongkai.settings import load_settings

    jsonl = work / "records.jsonl"
    started = time.perf_counter()
    progress(f"{n:,} records: generating")
    write_jsonl(bench_records(n, seed), jsonl)
    generate_seconds = time.perf_counter() - started
    progress(f"generated in {generate_seconds:.0f} s; ingesting")
    if database_url and not database_url.startswith("sqlite"):
        _reset_postgres(database_url)
    url = database_url or f"sqlite:///{work / 'shared' / 'gongkai.sqlite3'}"
    settings_a = load_settings(data_dir=work / "a", database_url=url, search={"cache_entries": 0})
    a = Engine(settings_a)
    result: dict[str, Any] = {"records": n, "database": url.split(":", 1)[0], "generate_seconds": round(generate_seconds, 1)}

    start, cpu_start = time.perf_counter(), cpu_seconds()
    report = a.ingest_paths([jsonl])
    seconds = time.perf_counter() - start
    result["ingest"] = {"seconds": round(seconds, 1), "docs_per_s": round(n / seconds), "cpu_seconds": round(cpu_seconds() - cpu_start, 1),
                        "report": dict(report.counts)}
    result["size_bytes"] = {"store": _store_bytes(settings_a), "index": folder_bytes(settings_a.index_dir)}
    progress(f"ingested in {seconds:.0f} s ({n / seconds:.0f} docs/s); sizes {result['size_bytes']}; querying")

    doc_number, index_number = _identifiers(jsonl)
    queries = fixed_queries(doc_number, index_number)

    def run(query: BenchQuery) -> int:
        return a.search(SearchRequest(q=query.q, kind=query.kind, year=query.year, issuer=query.issuer,
                                      notice_type=query.notice_type)).total

    latency = time_queries(queries, run, 5)
    result["query_ms"] = {k: latency[k] for k in ("p50", "p99", "cpu_p50", "cpu_p99", "max", "calls", "load_average")}

    progress(f"queries p50 {latency['p50']} p99 {latency['p99']} ms; reindexing")
    start = time.perf_counter()
    a.reindex()
    result["reindex_seconds"] = round(time.perf_counter() - start, 1)
    result["peak_rss_mb_node_a"] = round(peak_rss_mb())

    # Node B: a new data directory on the same database: it builds its index from the store, then follows.
    progress(f"reindexed in {result['reindex_seconds']} s; node B builds its index from the store")
    b = Engine(load_settings(data_dir=work / "b", database_url=url, search={"cache_entries": 0}))
    start = time.perf_counter()
    follower = Follower(b).start()
    while b.index.watermark < a.store.max_seq():
        time.sleep(0.05)
    result["new_node_build_seconds"] = round(time.perf_counter() - start, 1)
    progress(f"node B built in {result['new_node_build_seconds']} s; steady ingest for the lag")
    result["lag"] = steady_ingest_lag(a, b, rate, lag_seconds, seed)
    progress(f"lag {result['lag']}")
    follower.stop()
    result["peak_rss_mb_process"] = round(peak_rss_mb())
    a.close()
    b.close()
    return result


#: Written beside a kept index (--keep): what it was built from, so a later run reuses it only for the same records.
KEPT_FILE = "built.json"


def measure_index_only(n: int, work: Path, seed: int) -> dict[str, Any]:
    """--index-only: the index of N generated records built straight from them (SearchIndex.rebuild, as a
    reindex does, without the store), then the same query timings as a full run. What query latency and
    index size cost at a size whose full ingest takes hours on a loaded 2-core machine. With --keep, `work`
    is kept, and an index already built there from the same records is queried without building it again
    (so query code is re-timed in minutes, not the 1,000,000 build's quarter of an hour)."""
    from gongkai.engine import Engine
    from gongkai.indexer.models import SearchRequest
    from gongkai.indexer.schema import SCHEMA_VERSION
    from gongkai.record import Record
    from gongkai.settings import load_settings

    engine = Engine(load_settings(data_dir=work / "a", search={"cache_entries": 0}))
    kept_file = work / KEPT_FILE
    built_from = {"records": n, "seed": seed, "schema_version": SCHEMA_VERSION}
    if kept_file.exists():
        kept = json.loads(kept_file.read_text())
        if {k: kept.get(k) for k in built_from} == built_from and engine.index.doc_count() == n:
            progress(f"{n:,} records: reusing the index kept in {work}")
            return _time_queries(engine, kept, kept["first"], SearchRequest, reused=True)
    first: dict[str, str] = {}

    def records() -> Any:
        for raw in bench_records(n, seed):
            if not first and raw.get("doc_number", "").startswith("厦府〔") and raw.get("index_number"):
                first.update(doc_number=raw["doc_number"], index_number=raw["index_number"])
            yield Record(**raw)

    def step(count: int) -> None:
        if count % 100_000 == 0:
            progress(f"built {count:,}")

    progress(f"{n:,} records: building the index from generated records")
    start, cpu_start = time.perf_counter(), cpu_seconds()
    engine.index.rebuild(records(), n, step)
    build = time.perf_counter() - start
    result: dict[str, Any] = {"records": n, "mode": "index-only", "build_seconds": round(build, 1),
                              "build_cpu_seconds": round(cpu_seconds() - cpu_start, 1),
                              "size_bytes": {"index": folder_bytes(engine.settings.index_dir)}}
    progress(f"built in {build:.0f} s; querying")
    kept_file.write_text(json.dumps({**built_from, "first": first, **result}))  # read again only with --keep
    return _time_queries(engine, result, first, SearchRequest, reused=False)


def _time_queries(engine: Any, built: dict[str, Any], first: dict[str, str], SearchRequest: Any, reused: bool) -> dict[str, Any]:
    """The fixed query set timed on the engine's index; `built` holds the build's figures (reported again on reuse)."""
    result: dict[str, Any] = {k: built[k] for k in ("records", "mode", "build_seconds", "build_cpu_seconds", "size_bytes")}
    result["reused"] = reused
    queries = fixed_queries(first.get("doc_number", "厦府〔2014〕12号"), first.get("index_number", "XM00100-0200-2014-00012"))

    def run(query: BenchQuery) -> int:
        return engine.search(SearchRequest(q=query.q, kind=query.kind, year=query.year, issuer=query.issuer,
                                           notice_type=query.notice_type)).total

    latency = time_queries(queries, run, 5)
    result["query_ms"] = {k: latency[k] for k in ("p50", "p99", "cpu_p50", "cpu_p99", "max", "calls", "load_average")}
    result["groups"], result["queries"] = latency.get("groups"), latency.get("queries")  # which queries make the p99
    result["peak_rss_mb_process"] = round(peak_rss_mb())
    progress(f"queries p50 {latency['p50']} p99 {latency['p99']} ms (CPU p99 {latency['cpu_p99']} ms)")
    engine.close()
    return result


def steady_ingest_lag(a: Any, b: Any, rate: int, seconds: float, seed: int) -> dict[str, Any]:
    """Ingest `rate` records/s through node A, one call of `rate` records a second (each ingest call
    commits node A's index once: smaller calls cost more commits than this 2-core machine can do); for
    each batch, the time from its store commit until node B's index watermark reaches it."""
    from gongkai.record import Record

    batch = max(1, rate)
    records = [Record(**{**raw, "id": f"lag{n:07d}"}) for n, raw in enumerate(bench_records(int(rate * seconds) + batch, seed + 1))]
    commits: list[tuple[float, int]] = []  # (time of the store commit, change number it reached)
    seen: list[tuple[float, int]] = []  # (time, node B's watermark)
    done = threading.Event()

    def watch() -> None:
        while not done.is_set() or (commits and (not seen or seen[-1][1] < commits[-1][1])):
            seen.append((time.perf_counter(), b.index.watermark))
            time.sleep(0.02)
            if done.is_set() and time.perf_counter() - commits[-1][0] > 60:
                break

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    start = time.perf_counter()
    # commits[] is appended after each call; the watcher reads it from its thread (a list append is atomic)
    for number, offset in enumerate(range(0, len(records) - batch + 1, batch)):
        target = start + number * 1.0
        if time.perf_counter() < target:
            time.sleep(target - time.perf_counter())
        if time.perf_counter() - start >= seconds:
            break
        a.ingest_records(records[offset : offset + batch])
        commits.append((time.perf_counter(), a.store.max_seq()))
    achieved = len(commits) * batch / (time.perf_counter() - start)
    done.set()
    watcher.join(90)
    lags = []
    for at, seq in commits:
        # B may reach it before A's ingest call returns (A commits its own index after the store): lag 0.
        reached = next((t for t, mark in seen if mark >= seq), None)
        lags.append(max(0.0, reached - at) if reached is not None else math.inf)
    return {"rate_asked": rate, "rate_achieved": round(achieved), "batches": len(commits),
            "p50_s": round(percentile(lags, 50), 3), "p99_s": round(percentile(lags, 99), 3), "max_s": round(max(lags), 3)}


def plot(results: list[dict[str, Any]], path: Path) -> bool:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return False
    sizes = [r["records"] for r in results]
    full = [r for r in results if "ingest" in r]  # --index-only results have queries and the index size only
    full_sizes = [r["records"] for r in full]
    fig, axes = plt.subplots(1, 3, figsize=(13, 4))
    for key in ("p50", "p99", "cpu_p99"):
        axes[0].plot(sizes, [r["query_ms"][key] for r in results], "o-", label=key)
    axes[0].set_title("query ms (caches off)")
    axes[1].plot(full_sizes, [r["size_bytes"]["store"] / 2**20 for r in full], "o-", label="store MB")
    axes[1].plot(sizes, [r["size_bytes"]["index"] / 2**20 for r in results], "o-", label="index MB")
    axes[1].plot(sizes, [r.get("peak_rss_mb_node_a", r.get("peak_rss_mb_process", 0)) for r in results], "o-", label="peak RSS MB")
    axes[1].set_title("disk and memory")
    axes[2].plot(full_sizes, [r["ingest"]["docs_per_s"] for r in full], "o-", label="ingest docs/s")
    axes[2].plot(full_sizes, [r["reindex_seconds"] for r in full], "o-", label="reindex s")
    built = [r for r in results if "build_seconds" in r]
    axes[2].plot([r["records"] for r in built], [r["build_seconds"] for r in built], "o-", label="index build s (--index-only)")
    axes[2].set_title("ingest and reindex")
    for axis in axes:
        axis.set_xscale("log")
        axis.set_xlabel("records")
        axis.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    return True


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--database-url", default="", help="empty: a SQLite file per size; PostgreSQL: its tables are dropped first")
    parser.add_argument("--rate", type=int, default=500, help="records/s of the steady ingest for the follower lag")
    parser.add_argument("--lag-seconds", type=float, default=20.0)
    parser.add_argument("--seed", type=int, default=100_000)
    parser.add_argument("--index-only", action="store_true",
                        help="only build the index from generated records and time the queries (no store, ingest, reindex or lag)")
    parser.add_argument("--keep", default="", metavar="DIR",
                        help="--index-only: build each size's index in DIR/<size> and keep it; a later run with the same DIR "
                             "(and --seed) queries the kept index without building it again")
    parser.add_argument("--merge", nargs="*", default=[], help="earlier bench/results/scale-*.json whose sizes are drawn too (not re-run)")
    parser.add_argument("--worker", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--work", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker is not None and args.index_only:
        print(json.dumps(measure_index_only(args.worker, Path(args.work), args.seed)))
        return
    if args.worker is not None:  # one size, in a process of its own
        result = measure_size(args.worker, Path(args.work), args.database_url, args.rate, args.lag_seconds, args.seed)
        print(json.dumps(result))
        return

    results = []
    for n in args.sizes:
        if args.keep and args.index_only:
            work = Path(args.keep).resolve() / str(n)
            work.mkdir(parents=True, exist_ok=True)
        else:
            work = Path(tempfile.mkdtemp(prefix=f"gongkai-scale-{n}-"))
        try:
            command = [sys.executable, __file__, "--worker", str(n), "--work", str(work), "--rate", str(args.rate),
                       "--lag-seconds", str(args.lag_seconds), "--seed", str(args.seed), "--database-url", args.database_url,
                       *(["--index-only"] if args.index_only else [])]
            # stderr (the worker's progress lines) goes straight through, to the terminal or a log
            out = subprocess.run(command, check=True, stdout=subprocess.PIPE, text=True).stdout
            result = json.loads(out.strip().splitlines()[-1])
        finally:
            if not (args.keep and args.index_only):
                shutil.rmtree(work, ignore_errors=True)
        results.append(result)
        if args.index_only:
            print(f"{n:>9,} records (index only): {'reused, ' if result.get('reused') else ''}built in {result['build_seconds']} s, index {result['size_bytes']['index'] / 2**20:.0f} MB, "
                  f"query p50 {result['query_ms']['p50']} ms p99 {result['query_ms']['p99']} ms (CPU p99 {result['query_ms']['cpu_p99']} ms), "
                  f"load {result['query_ms']['load_average']}", flush=True)
            continue
        print(f"{n:>9,} records: ingest {result['ingest']['docs_per_s']:,} docs/s, store {result['size_bytes']['store'] / 2**20:.0f} MB, "
              f"index {result['size_bytes']['index'] / 2**20:.0f} MB, RSS {result['peak_rss_mb_node_a']} MB, "
              f"query p50 {result['query_ms']['p50']} ms p99 {result['query_ms']['p99']} ms, reindex {result['reindex_seconds']} s, "
              f"new node {result['new_node_build_seconds']} s, lag p50 {result['lag']['p50_s']} s p99 {result['lag']['p99_s']} s "
              f"at {result['lag']['rate_achieved']}/s", flush=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    RESULTS_DIR.mkdir(exist_ok=True)
    machine = {"cpus": os.cpu_count(), "python": platform.python_version(), "load_average": os.getloadavg()}
    (RESULTS_DIR / f"scale-{stamp}.json").write_text(json.dumps({"machine": machine, "results": results}, indent=2))
    earlier = [r for name in args.merge for r in json.loads(Path(name).read_text())["results"]]
    drawn = plot(sorted(earlier + results, key=lambda r: r["records"]), RESULTS_DIR / f"scale-{stamp}.png")
    print(f"written bench/results/scale-{stamp}.json" + (" and .png" if drawn else " (no plot: matplotlib is not installed)"))


if __name__ == "__main__":
    main()
