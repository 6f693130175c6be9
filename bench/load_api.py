"""Load benchmark of the HTTP API: N concurrent clients against a real index, for a fixed time.

    python bench/load_api.py --n 100000 --clients 50 --duration 30
    python bench/load_api.py --data-dir /path/to/prepared/data --clients 50 --duration 30
    python bench/load_api.py --n 5000 --duration 10              # a quick check

The server runs in its own process (uvicorn, `gongkai.web.app.run_server`), the clients in this one:
one asyncio loop with a minimal keep-alive HTTP/1.1 client, so that the load generator costs little
CPU on a small machine. Each client sends its next request as soon as the last one is answered
(closed loop; `--think-ms` adds a pause, as a person reading results would). The request mix is
mostly /api/search (1-4 words, 文号 and 索引号, filters, deeper pages, sort by date, facets on), plus
document, lookup and outage requests. Reports requests/s, latency percentiles and errors (any
status other than 200, any transport failure), overall and per endpoint, and writes a JSON result
to bench/results/. Targets: zero errors, p99 <= 50 ms.

The server runs one process per core by default (`--workers`), with its result cache on as deployed:
the mix repeats its ~250 distinct requests, as citizens repeat popular searches, so after warm-up
most searches are answered from memory. `--no-cache` measures the worst case, every answer computed; `--fresh-share 0.1` replaces that share of
the plain searches by never-asked ones (two random title words, a random page), a long tail of rare
queries that no cache holds.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

BENCH_DIR = Path(__file__).resolve().parent
RESULTS_DIR = BENCH_DIR / "results"
P99_TARGET_MS = 50.0

SEARCHES: list[dict[str, Any]] = [
    {"q": "停电"}, {"q": "通知"}, {"q": "营业执照"}, {"q": "湖滨南路"}, {"q": "遗失声明"}, {"q": "国有建设用地"},
    {"q": "湖滨南路 停电"}, {"q": "营业执照 遗失"}, {"q": "注销 债权人"}, {"q": "义务教育 招生"},
    {"q": "思明区 停水 管网"}, {"q": "湖里区 征收 补偿"}, {"q": "财政 专项资金 绩效 评价"},
    {"q": '"声明作废"'}, {"q": '"统一社会信用代码"'},
    {"q": "停电", "kind": "notice"}, {"q": "通知", "year": 2020}, {"q": "专项资金", "issuer": "厦门市财政局"},
    {"q": "湖里区", "notice_type": "outage"}, {"q": "通知", "sort": "date"}, {"q": "厦门", "page": 5},
    {"q": "", "kind": "disclosure", "sort": "date"}, {"q": "停水", "date_from": "2020-01-01", "date_to": "2022-12-31"},
]  # fmt: skip


# ------------------------------------------------------------------------------------------------ data


def prepare_data(data_dir: Path, n: int, seed: int) -> dict[str, Any]:
    """Reuse a prepared data dir, or generate n records with bench/corpus_gen.py and ingest them."""
    from gongkai.engine import Engine
    from gongkai.indexer.errors import IndexCorruptError
    from gongkai.settings import load_settings

    engine = Engine(load_settings(data_dir=data_dir))
    try:
        existing = engine.stats()["records"]
    except IndexCorruptError as exc:  # outdated by a newer gongkai, or broken: rebuild from the store
        print(f"{exc}\nreindexing {data_dir} ...", flush=True)
        started = time.perf_counter()
        engine.reindex()
        print(f"reindexed in {time.perf_counter() - started:.0f} s", flush=True)
        existing = engine.stats()["records"]
    if existing == 0:
        if not n:
            raise SystemExit(f"{data_dir} holds no records; give --n to generate some")
        sys.path.insert(0, str(BENCH_DIR))
        from corpus_gen import CorpusGenerator

        jsonl = data_dir / "bench-records.jsonl"
        generator = CorpusGenerator(seed=seed)
        with jsonl.open("w", encoding="utf-8") as handle:
            for record in generator.records(n):
                handle.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
        started = time.perf_counter()
        report = engine.ingest_paths([jsonl])
        print(f"ingested {report.as_dict()} in {time.perf_counter() - started:.1f} s", flush=True)
        jsonl.unlink()
    stats = engine.stats()
    engine.close()
    return stats


def sample_identifiers(base: str, count: int = 200) -> dict[str, list[str]]:
    """Real ids, 文号 and 索引号 from the index, fetched once before the timed run."""
    import httpx

    ids, doc_numbers, index_numbers, titles = [], [], [], []
    with httpx.Client(base_url=base, timeout=60) as client:
        for page in range(1, 6):
            body = client.get("/api/search", params={"q": "", "kind": "disclosure", "page": page, "page_size": 40, "facets": "false"}).json()
            for hit in body["hits"]:
                ids.append(hit["id"])
                titles.append(hit["title"])
                if hit["doc_number"]:
                    doc_numbers.append(hit["doc_number"])
                if hit["index_number"]:
                    index_numbers.append(hit["index_number"])
    return {"ids": ids[:count], "doc_numbers": doc_numbers[:count], "index_numbers": index_numbers[:count], "titles": titles}


def title_words(titles: list[str]) -> list[str]:
    """Every 2-character Han word of the sampled titles: the vocabulary of the fresh searches."""
    words = {title[i : i + 2] for title in titles for i in range(len(title) - 1)}
    return sorted(w for w in words if all("\u4e00" <= ch <= "\u9fff" for ch in w))


def fresh_search(words: list[str], rng: random.Random) -> str:
    """A search nobody asked before (two title words ANDed, a random page): never in any cache."""
    params = {"q": f"{rng.choice(words)} {rng.choice(words)}", "page": rng.randint(1, 3)}
    return "/api/search?" + urlencode(params)


def request_mix(identifiers: dict[str, list[str]], rng: random.Random) -> list[tuple[str, str]]:
    """(endpoint label, path) pairs, shuffled: 80 % search, then documents, lookups, outages."""
    paths: list[tuple[str, str]] = []
    for params in SEARCHES * 8:
        paths.append(("search", "/api/search?" + urlencode(params)))
    for doc_number in identifiers["doc_numbers"][:20]:
        paths.append(("search 文号", "/api/search?" + urlencode({"q": doc_number.replace("〔", "[").replace("〕", "]")})))
    for index_number in identifiers["index_numbers"][:10]:
        paths.append(("search 索引号", "/api/search?" + urlencode({"q": index_number})))
    for record_id in identifiers["ids"][:25]:
        paths.append(("document", f"/api/documents/{record_id}"))
    for doc_number in identifiers["doc_numbers"][20:30]:
        paths.append(("lookup", "/api/lookup?" + urlencode({"doc_number": doc_number})))
    for area in ("湖滨南路", "仙岳路", "莲前西路", "嘉禾路", "同安大道"):
        paths.append(("outages", "/api/notices/outages?" + urlencode({"area": area, "date": "2020-05-06"})))
    rng.shuffle(paths)
    return paths


# ------------------------------------------------------------------------------------------------ server


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(data_dir: Path, port: int, workers: int, cache: bool = True) -> subprocess.Popen:
    code = (
        "import sys; from gongkai.engine import Engine; from gongkai.settings import load_settings; "
        "from gongkai.web.app import run_server; "
        "run_server(Engine(load_settings(data_dir=sys.argv[1])), '127.0.0.1', int(sys.argv[2]), access_log=False, workers=int(sys.argv[3]))"
    )
    env = dict(os.environ)
    if not cache:  # every search and outage answer computed: the server's worst case
        env["GONGKAI_SEARCH__CACHE_ENTRIES"] = "0"
    return subprocess.Popen([sys.executable, "-c", code, str(data_dir), str(port), str(workers)], stdout=subprocess.DEVNULL, env=env)


def wait_ready(base: str, server: subprocess.Popen, seconds: float = 120) -> None:
    import httpx

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server exited with {server.returncode}")
        try:
            if httpx.get(base + "/healthz", timeout=5).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise SystemExit("the server did not become ready")


# ------------------------------------------------------------------------------------------------ clients


@dataclass
class Samples:
    latencies: dict[str, list[float]] = field(default_factory=dict)  # endpoint -> seconds
    errors: dict[str, int] = field(default_factory=dict)  # description -> count

    def error(self, what: str) -> None:
        self.errors[what] = self.errors.get(what, 0) + 1


async def http_get(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, path: str) -> tuple[int, bytes]:
    """One keep-alive HTTP/1.1 GET: just enough of the protocol for uvicorn's answers."""
    writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/json\r\n\r\n".encode("ascii"))
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:] if line)}
    if "content-length" in headers:
        body = await reader.readexactly(int(headers["content-length"]))
    else:  # chunked
        chunks = []
        while True:
            size = int((await reader.readuntil(b"\r\n")).strip(), 16)
            chunk = await reader.readexactly(size + 2)
            if size == 0:
                break
            chunks.append(chunk[:-2])
        body = b"".join(chunks)
    return status, body


@dataclass
class Fresh:
    """A share of the searches replaced by never-asked ones (a long tail of rare queries)."""

    share: float = 0.0
    words: list[str] = field(default_factory=list)


async def client_loop(port: int, mix: list[tuple[str, str]], start: int, stop_at: float, measure_from: float,
                      think: float, samples: Samples, fresh: Fresh) -> None:  # fmt: skip
    reader = writer = None
    n = start
    rng = random.Random(start)
    while time.perf_counter() < stop_at:
        label, path = mix[n % len(mix)]
        n += 1
        if fresh.share and label == "search" and rng.random() < fresh.share:
            label, path = "search fresh", fresh_search(fresh.words, rng)
        try:
            if writer is None:
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
            sent = time.perf_counter()
            status, _ = await http_get(reader, writer, path)
            elapsed = time.perf_counter() - sent
        except (OSError, asyncio.IncompleteReadError, ValueError) as exc:
            if sent >= measure_from:
                samples.error(f"{label}: {type(exc).__name__}")
            if writer is not None:
                writer.close()
            reader = writer = None
            continue
        if sent >= measure_from:
            samples.latencies.setdefault(label, []).append(elapsed)
            if status != 200:
                samples.error(f"{label}: HTTP {status}")
        if think:
            await asyncio.sleep(think * (0.5 + random.random()))
    if writer is not None:
        writer.close()


async def run_clients(port: int, mix: list[tuple[str, str]], clients: int, duration: float, warmup: float, think: float,
                      fresh: Fresh) -> Samples:  # fmt: skip
    samples = Samples()
    now = time.perf_counter()
    measure_from, stop_at = now + warmup, now + warmup + duration
    step = max(1, len(mix) // clients)
    await asyncio.gather(*(client_loop(port, mix, i * step, stop_at, measure_from, think, samples, fresh) for i in range(clients)))
    return samples


# ------------------------------------------------------------------------------------------------ report


def percentile(sorted_values: list[float], pct: float) -> float:
    if not sorted_values:
        return float("nan")
    rank = min(len(sorted_values) - 1, max(0, round(pct / 100 * len(sorted_values) + 0.5) - 1))
    return sorted_values[rank]


def summarise(values: list[float], duration: float) -> dict[str, float]:
    values = sorted(values)
    ms = [v * 1000 for v in values]
    return {"requests": len(ms), "rps": round(len(ms) / duration, 1), "p50_ms": round(percentile(ms, 50), 2),
            "p90_ms": round(percentile(ms, 90), 2), "p99_ms": round(percentile(ms, 99), 2),
            "max_ms": round(ms[-1], 2) if ms else float("nan")}  # fmt: skip


def process_tree(pid: int) -> list[int]:
    """pid and all its descendants (uvicorn workers are children of the supervisor), from /proc."""
    pids, todo = [], [pid]
    while todo:
        current = todo.pop()
        pids.append(current)
        for task in Path(f"/proc/{current}/task").glob("*/children"):
            try:
                todo += [int(child) for child in task.read_text().split()]
            except OSError:
                continue
    return pids


def cpu_of(pid: int) -> float:
    """CPU seconds (user + system) a process and its children have used, from /proc (Linux)."""
    total = 0.0
    for member in process_tree(pid):
        try:
            fields = Path(f"/proc/{member}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except (OSError, IndexError, ValueError):
            continue
    return total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="records to generate when the data dir is empty (default 100,000)")
    parser.add_argument("--data-dir", type=Path, help="prepared data dir (store + index); built there when empty. Default: a temporary folder")
    parser.add_argument("--seed", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=50, help="concurrent clients (default 50)")
    parser.add_argument("--duration", type=float, default=30.0, help="measured seconds (default 30)")
    parser.add_argument("--warmup", type=float, default=3.0, help="unmeasured seconds first (default 3)")
    parser.add_argument("--think-ms", type=float, default=0.0, help="mean pause between a client's requests (default 0: closed loop)")
    parser.add_argument("--only", default="", help="comma-separated endpoints to keep from the mix: search, document, lookup, outages")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="server processes (default: one per core, as a deployment would run)")
    parser.add_argument("--fresh-share", type=float, default=0.0, help="share of the plain searches replaced by never-asked ones (0-1; default 0)")
    parser.add_argument("--no-cache", action="store_true", help="turn the server's result cache off (search.cache_entries=0): every answer computed")
    parser.add_argument("--out", type=Path, help="result JSON (default bench/results/load_api-<records>-<time>.json)")
    args = parser.parse_args(argv)

    temp = None
    data_dir = args.data_dir
    if data_dir is None:
        temp = tempfile.TemporaryDirectory(prefix="gongkai-load-")
        data_dir = Path(temp.name) / "data"
    stats = prepare_data(data_dir, args.n, args.seed)
    records = stats["records"]
    print(f"data dir {data_dir}: {records} records, index {stats['index']['size_bytes'] / 1e6:.0f} MB", flush=True)

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_server(data_dir, port, args.workers, cache=not args.no_cache)
    try:
        wait_ready(base, server)
        identifiers = sample_identifiers(base)
        mix = request_mix(identifiers, random.Random(args.seed))
        if args.only:
            wanted = {label.strip() for label in args.only.split(",")}
            mix = [(label, path) for label, path in mix if label.split()[0] in wanted]
        print(f"{args.clients} clients, {args.warmup:.0f} s warm-up + {args.duration:.0f} s measured, {len(mix)} distinct requests, "
              f"{args.workers} server process(es), result cache {'off' if args.no_cache else 'on'}, "
              f"{args.fresh_share:.0%} of plain searches never asked before", flush=True)
        cpu_before, own_before, wall_before = cpu_of(server.pid), time.process_time(), time.perf_counter()
        fresh = Fresh(args.fresh_share, title_words(identifiers["titles"]))
        samples = asyncio.run(run_clients(port, mix, args.clients, args.duration, args.warmup, args.think_ms / 1000, fresh))
        wall = time.perf_counter() - wall_before
        server_cpu = (cpu_of(server.pid) - cpu_before) / wall
        client_cpu = (time.process_time() - own_before) / wall
    finally:
        server.send_signal(signal.SIGTERM)  # uvicorn shuts down gracefully, without a KeyboardInterrupt trace
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
        if temp is not None:
            temp.cleanup()

    everything = [v for values in samples.latencies.values() for v in values]
    overall = summarise(everything, args.duration)
    errors = sum(samples.errors.values())
    result = {
        "benchmark": "load_api", "time": datetime.now(UTC).isoformat(timespec="seconds"),
        "records": records, "workers": args.workers, "result_cache": not args.no_cache, "fresh_share": args.fresh_share, "only": args.only or "all", "clients": args.clients, "duration_s": args.duration, "think_ms": args.think_ms,
        "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0], "load_average_1m_after": round(os.getloadavg()[0], 2)},
        "server_cpu_cores_used": round(server_cpu, 2), "client_cpu_cores_used": round(client_cpu, 2),
        "overall": overall, "errors": errors, "error_kinds": samples.errors,
        "by_endpoint": {label: summarise(values, args.duration) for label, values in sorted(samples.latencies.items())},
        "targets": {"zero_errors": errors == 0, "p99_le_50ms": overall["p99_ms"] <= P99_TARGET_MS},
    }  # fmt: skip

    print(f"\n{'endpoint':<14} {'requests':>9} {'req/s':>8} {'p50 ms':>8} {'p90 ms':>8} {'p99 ms':>8} {'max ms':>8}")
    for label, row in [*result["by_endpoint"].items(), ("ALL", overall)]:
        print(f"{label:<14} {row['requests']:>9} {row['rps']:>8} {row['p50_ms']:>8} {row['p90_ms']:>8} {row['p99_ms']:>8} {row['max_ms']:>8}")
    print(f"\nerrors: {errors} {samples.errors or ''}   CPU cores used: server {server_cpu:.2f}, load generator {client_cpu:.2f}; "
          f"machine load average (1 min) {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"targets: zero errors {'met' if errors == 0 else 'MISSED'}; p99 <= {P99_TARGET_MS:.0f} ms "
          f"{'met' if result['targets']['p99_le_50ms'] else 'MISSED'} (p99 {overall['p99_ms']} ms)")  # fmt: skip

    out = args.out or RESULTS_DIR / f"load_api-{records}-{datetime.now(UTC):%Y%m%dT%H%M%S}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"result: {out}")
    return 0 if errors == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
