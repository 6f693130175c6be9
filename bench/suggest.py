"""Search-box suggestions benchmark: /api/suggest's engine call at 100,000 records, in process.

    python bench/suggest.py                          # 100,000 generated records in a temporary folder
    python bench/suggest.py --data-dir /tmp/sg-100k  # reuse (or fill, when empty) a data directory
    python bench/suggest.py --n 5000                 # a quick run
    python bench/suggest.py --data-dir DIR --http    # also over HTTP (GET /api/suggest on 127.0.0.1)

The records are bench/index_search.py's corpus (bench/corpus_gen.py, same seed). Measured:

- the first build of the word list from the store (`Suggester.refresh()`), its time and the memory it adds;
- latency of `Engine.suggest(prefix, 8)` (what the route calls: a stat of the index, the state check, the
  lookup) for every prefix a person typing would send: 1 to 8 characters of 600 sampled issuers, titles,
  文号 and streets, also in Traditional characters and with [] brackets, each timed `--repeats` times; p50,
  p99 and max, overall and by prefix length;
- the refresh after a change: 100 new records ingested, then the first suggest call (it reads only the
  changed rows and rebuilds the snapshot). A reused data directory keeps those 100 records.

Results are printed and written as JSON to bench/results/suggest-<n>-<time>.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from index_search import DEFAULT_SEED, bench_records  # noqa: E402

RESULTS_DIR = HERE / "results"
SAMPLED_TEXTS = 600
MAX_PREFIX = 8
TARGET_P99_MS = 10.0
HTTP_LOOKUPS = 3000


def http_latency(engine: Any, prefixes: list[str]) -> dict[str, Any]:
    """GET /api/suggest for each prefix from one keep-alive client (the route, JSON and uvicorn on top of the lookup)."""
    import httpx

    from gongkai.web.app import create_app
    from gongkai.web.server import serve_in_thread

    samples: list[float] = []
    with serve_in_thread(create_app(engine)) as base_url, httpx.Client(base_url=base_url) as client:
        for prefix in prefixes[:100]:
            client.get("/api/suggest", params={"q": prefix})
        for prefix in prefixes:
            t0 = time.perf_counter()
            response = client.get("/api/suggest", params={"q": prefix})
            samples.append((time.perf_counter() - t0) * 1000)
            assert response.status_code == 200, response.text
    return {"lookups": len(samples), "p50_ms": round(statistics.median(samples), 3), "p99_ms": round(percentile(samples, 99), 3)}


def percentile(samples: list[float], pct: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, max(0, round(pct / 100 * len(ordered)) - 1))]


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def fill(data_dir: Path, n: int) -> float:
    """Ingest n generated records into an empty data directory; returns seconds."""
    from gongkai.engine import Engine
    from gongkai.settings import load_settings

    work = Path(tempfile.mkdtemp(prefix="bench-suggest-"))
    jsonl = work / "records.jsonl"
    with jsonl.open("w", encoding="utf-8") as handle:
        for record in bench_records(n, DEFAULT_SEED):
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    engine = Engine(load_settings(data_dir=data_dir))
    started = time.perf_counter()
    engine.ingest_paths([jsonl])
    engine.close()
    jsonl.unlink()
    work.rmdir()
    return time.perf_counter() - started


def typed_prefixes(words: dict[str, list[str]], seed: int) -> list[str]:
    """Every prefix of sampled suggestion texts, as typed: plain, in Traditional characters, with [] brackets."""
    import zhconv

    rng = random.Random(seed)
    per_type = SAMPLED_TEXTS // len(words)
    sample = [text for texts in words.values() for text in rng.sample(texts, min(per_type, len(texts)))]
    prefixes: list[str] = []
    for text in sample:
        variants = {text, zhconv.convert(text, "zh-hant"), text.replace("〔", "[").replace("〕", "]")}
        for variant in variants:
            prefixes.extend(variant[:length] for length in range(1, min(MAX_PREFIX, len(variant)) + 1))
    rng.shuffle(prefixes)
    return prefixes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="records to generate when the data directory is empty")
    parser.add_argument("--data-dir", type=Path, default=None, help="data directory to use (default: a temporary one)")
    parser.add_argument("--repeats", type=int, default=3, help="timed calls of each prefix")
    parser.add_argument("--http", action="store_true", help=f"also time {HTTP_LOOKUPS:,} GET /api/suggest over a real socket")
    parser.add_argument("--out", type=Path, default=None, help="result JSON (default bench/results/suggest-<n>-<time>.json)")
    args = parser.parse_args(argv)

    from gongkai.engine import Engine
    from gongkai.record import Record
    from gongkai.settings import load_settings

    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="bench-suggest-data-"))
    ingest_seconds = None
    if not (data_dir / "gongkai.sqlite3").exists():
        print(f"ingesting {args.n:,} generated records into {data_dir} …", flush=True)
        ingest_seconds = fill(data_dir, args.n)
    # The result caches play no part in suggestions; off all the same, as in index_search.py.
    engine = Engine(load_settings(data_dir=data_dir, search={"cache_entries": 0}))
    records = engine.store.count()

    rss_before = rss_mb()
    started, cpu_started = time.perf_counter(), time.process_time()
    snapshot = engine.suggester.refresh()
    build_seconds = time.perf_counter() - started
    build_cpu_seconds = time.process_time() - cpu_started
    build_rss_mb = rss_mb() - rss_before

    words = {name: engine.suggester.words(name) for name in ("issuer", "title", "doc_number", "street")}
    prefixes = typed_prefixes(words, DEFAULT_SEED)
    for prefix in prefixes[:200]:  # warm the interpreter's caches, as a serving process is
        engine.suggest(prefix, 8)
    samples: list[float] = []
    cpu_samples: list[float] = []  # CPU time of the calling thread: what the lookup costs, whatever else the machine runs
    by_length: dict[int, list[float]] = {}
    empty = 0
    load_before = os.getloadavg()[0]
    for _ in range(args.repeats):
        for prefix in prefixes:
            c0 = time.thread_time()
            t0 = time.perf_counter()
            found = engine.suggest(prefix, 8)
            elapsed = (time.perf_counter() - t0) * 1000
            cpu_samples.append((time.thread_time() - c0) * 1000)
            samples.append(elapsed)
            by_length.setdefault(len(prefix), []).append(elapsed)
            empty += not found

    http = http_latency(engine, prefixes[:HTTP_LOOKUPS]) if args.http else None

    # A change: 100 new records, then the first suggestion call catches up (reads only the changed rows).
    # Ids and issuer unique to this run, so that a reused data directory sees a real change (it keeps them).
    run = f"{time.time_ns():x}"
    issuer = f"厦门市基准测试局{run}"
    new = [Record(id=f"bench-suggest-{run}-{i}", kind="disclosure", title=f"关于基准测试第{i}批事项的通知", issuer=issuer,
                  doc_number=f"厦基测〔2026〕{i}号", body="基准测试。") for i in range(1, 101)]
    engine.ingest_records(new)
    t0 = time.perf_counter()
    after = engine.suggest(issuer, 8)
    refresh_ms = (time.perf_counter() - t0) * 1000
    assert after and after[0].text == issuer and after[0].count == 100, after

    result: dict[str, Any] = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform()},
        "records": records,
        "ingest_seconds": ingest_seconds,
        "keys": len(snapshot),
        "suggestions": {name: len(texts) for name, texts in words.items()},
        "first_build_seconds": round(build_seconds, 3),
        "first_build_cpu_seconds": round(build_cpu_seconds, 3),
        "first_build_rss_mb": round(build_rss_mb, 1),
        "lookups": len(samples),
        "empty_answers": empty,
        "p50_ms": round(statistics.median(samples), 3),
        "p99_ms": round(percentile(samples, 99), 3),
        "max_ms": round(max(samples), 3),
        "cpu_p50_ms": round(statistics.median(cpu_samples), 3),
        "cpu_p99_ms": round(percentile(cpu_samples, 99), 3),
        "load_average_1min": [round(load_before, 2), round(os.getloadavg()[0], 2)],
        "p99_ms_by_prefix_length": {n: round(percentile(s, 99), 3) for n, s in sorted(by_length.items())},
        "refresh_after_100_new_records_ms": round(refresh_ms, 1),
        "http": http,
        "target_p99_ms": TARGET_P99_MS,
    }
    result["meets_target"] = result["p99_ms"] <= TARGET_P99_MS
    print(f"records {records:,}: {len(snapshot):,} keys ({', '.join(f'{k} {v:,}' for k, v in result['suggestions'].items())})")
    print(f"first build {build_seconds:.2f} s ({build_cpu_seconds:.2f} s of CPU), +{build_rss_mb:.0f} MB; "
          f"refresh after 100 new records {refresh_ms:.1f} ms")
    print(f"{len(samples):,} lookups (prefixes 1-{MAX_PREFIX} characters): p50 {result['p50_ms']} ms, p99 {result['p99_ms']} ms, "
          f"max {result['max_ms']} ms; target p99 <= {TARGET_P99_MS} ms: {'met' if result['meets_target'] else 'MISSED'}")
    print(f"CPU time per lookup: p50 {result['cpu_p50_ms']} ms, p99 {result['cpu_p99_ms']} ms; "
          f"load average before/after: {result['load_average_1min']} on {os.cpu_count()} CPUs")
    print("p99 by prefix length (ms):", result["p99_ms_by_prefix_length"])
    if http:
        print(f"over HTTP (one keep-alive client, uvicorn on 127.0.0.1, {http['lookups']:,} GET /api/suggest): "
              f"p50 {http['p50_ms']} ms, p99 {http['p99_ms']} ms")
    out = args.out or RESULTS_DIR / f"suggest-{records}-{datetime.now():%Y%m%d-%H%M%S}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"written {out}")
    engine.close()
    return 0 if result["meets_target"] else 1


if __name__ == "__main__":
    sys.exit(main())
