"""Where ingest CPU goes, per thread: gongkai's `Engine.ingest_paths` against bare tantivy-py, back to back.

    .venv/bin/python bench/ingest_cpu.py [--n 20000] [--rounds 3] [--parts bare,gongkai]

`index_search.py` reports each part's CPU as one figure (the process and its children); on a shared machine those
figures move by a third between identical runs, so a change of a few per cent cannot be told from noise there. This
probe runs the parts alternately in ONE process (round 1: bare, gongkai; round 2: bare, gongkai; ...) on the same
bench records and splits each run's CPU by who spent it:

- `python`: the calling thread (`time.thread_time`): bare's json.loads and build_document; gongkai's store batches,
  validity resolution, index documents and the receiving of the worker's chunks;
- `worker`: gongkai's JSON Lines worker process (RUSAGE_CHILDREN: parse, validation, index text, validity reading);
- `tantivy`: every other thread of the process (RUSAGE_SELF minus the calling thread: tantivy's indexing and merge
  threads).

It prints one JSON line per run and, at the end, each part's minimum over the rounds (the least disturbed run) and
gongkai's share of bare's CPU (bare CPU / gongkai CPU: the docs/s ratio when both keep two cores busy). Bare's
document is index_search.py's (`build_document` from the raw dict, the same payload); the records are its records.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # run as a script: index_search and corpus_gen sit next to it

from index_search import DEFAULT_SEED, _register_tokenizers, bench_records  # noqa: E402


def _cpu() -> tuple[float, float, float]:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.thread_time(), own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


def _split(before: tuple[float, float, float], after: tuple[float, float, float]) -> dict[str, float]:
    python, process, children = (b - a for a, b in zip(before, after))
    return {"python": python, "tantivy": process - python, "worker": children, "cpu": process + children}


def run_bare(jsonl: Path, work: Path) -> dict[str, Any]:
    import tantivy

    from gongkai.indexer.schema import PAYLOAD_KEYS, build_document, build_schema
    from gongkai.settings import load_settings

    settings = load_settings(data_dir=work / "bare")
    path = work / "bare_tantivy"
    path.mkdir(parents=True)
    index = tantivy.Index(build_schema(), str(path), reuse=False)
    _register_tokenizers(index)
    before, started = _cpu(), time.perf_counter()
    writer = index.writer(settings.index.writer_heap_mb * 1024 * 1024, settings.index.writer_threads)
    with jsonl.open(encoding="utf-8") as handle:
        for line in handle:  # as index_search.run_tantivy
            raw = json.loads(line)
            day = raw["publish_date"] or raw["written_date"]
            payload = {key: raw.get(key) for key in PAYLOAD_KEYS}
            writer.add_document(build_document(
                id=raw["id"], kind=raw["kind"], notice_type=raw["notice_type"], issuer=raw["issuer"], topic=raw["topic"],
                doc_number=raw["doc_number"], index_number=raw["index_number"], title=raw["title"], summary=raw["summary"],
                keywords=raw["keywords"], body=raw["body"], year=int(day[:4]) if day else None,
                publish_date=date.fromisoformat(raw["publish_date"]) if raw["publish_date"] else None, url=raw.get("url") or "",
                payload=json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8"),
            ))
    writer.commit()
    writer.wait_merging_threads()
    return {"wall": time.perf_counter() - started, **_split(before, _cpu())}


def run_gongkai(jsonl: Path, work: Path) -> dict[str, Any]:
    from gongkai.engine import Engine
    from gongkai.settings import load_settings

    engine = Engine(load_settings(data_dir=work / "gongkai", search={"cache_entries": 0}))
    engine.store, engine.index  # noqa: B018 - opened before the clock, as index_search.run_engine does
    before, started = _cpu(), time.perf_counter()
    report = engine.ingest_paths([jsonl])
    result = {"wall": time.perf_counter() - started, **_split(before, _cpu())}
    return result | {"counts": dict(report.counts)}


PARTS: dict[str, Callable[[Path, Path], dict[str, Any]]] = {"bare": run_bare, "gongkai": run_gongkai}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--parts", default="bare,gongkai")
    parser.add_argument("--jsonl", type=Path, help="the records (default: made from index_search's generator)")
    args = parser.parse_args(argv)
    parts = args.parts.split(",")
    with tempfile.TemporaryDirectory(prefix="ingest_cpu_") as tmp:
        root = Path(tmp)
        jsonl = args.jsonl or root / "records.jsonl"
        if args.jsonl is None:
            with jsonl.open("w", encoding="utf-8") as out:
                for record in bench_records(args.n, DEFAULT_SEED):
                    out.write(json.dumps(record, ensure_ascii=False) + "\n")
        warm = root / "warm.jsonl"  # imports and first-use tables outside the timed runs
        warm.write_text("".join(line for _, line in zip(range(200), jsonl.open(encoding="utf-8"))), encoding="utf-8")
        for part in parts:
            PARTS[part](warm, root / f"warm-{part}")
        best: dict[str, dict[str, Any]] = {}
        for number in range(args.rounds):
            for part in parts:
                work = root / f"{part}-{number}"
                result = PARTS[part](jsonl, work)
                shutil.rmtree(work, ignore_errors=True)
                print(json.dumps({"part": part, "round": number, **_rounded(result)}, ensure_ascii=False), flush=True)
                if part not in best or result["cpu"] < best[part]["cpu"]:
                    best[part] = result
        records = sum(1 for _ in jsonl.open(encoding="utf-8"))
        for part, result in best.items():
            per = {key: round(result[key] / records * 1e6) for key in ("python", "worker", "tantivy", "cpu")}
            print(json.dumps({"part": part, "best": _rounded(result), "us_per_record": per}), flush=True)
        if {"bare", "gongkai"} <= best.keys():
            print(json.dumps({"gongkai_share_of_bare_cpu": round(best["bare"]["cpu"] / best["gongkai"]["cpu"], 3)}))
    return 0


def _rounded(result: dict[str, Any]) -> dict[str, Any]:
    return {key: round(value, 2) if isinstance(value, float) else value for key, value in result.items()}


if __name__ == "__main__":
    raise SystemExit(main())
