"""Index and search benchmark: gongkai (store + Tantivy) against bare tantivy-py and SQLite FTS5 trigram.

    python bench/index_search.py              # 100,000 records, about 1,000 characters of body on average
    python bench/index_search.py --n 5000     # a quick run

One run generates N records with bench/corpus_gen.py into a temporary folder (JSON Lines), then measures,
each part in its own process so that the peak memory (ru_maxrss) of one does not hide another's:

- gongkai: ingest docs/s end to end (JSONL -> validation -> SQLite store -> Tantivy index, `Engine.ingest_paths`),
  query latency p50/p99 of a fixed query set (and on their own, of its queries typed without spaces,
  "segmented", of those holding a word no record has, "relaxed", and of long questions and pasted titles no record
  holds whole, "natural": issue 14) through `Engine.search(SearchRequest(...))` with the result cache
  off, the latency of search-box suggestions (`Engine.suggest`, what /api/suggest calls, for every prefix
  bench/suggest.py types), store and index size, and the recall of 2-character queries against a ground truth computed with
  Python's `in`; ingest CPU includes the worker process that validates large record files;
- bare tantivy-py: docs/s for the same documents, the same schema and the same analyzer, without validation
  or the store (the ceiling the engine can approach);
- SQLite FTS5 with the trigram tokenizer: ingest docs/s, latency of the same queries, size, and 2-character
  recall, with MATCH (trigram cannot match a 2-character string) and with the LIKE '%xx%' fallback a user
  would write (a full scan).

The results are printed as a table and written as JSON to bench/results/.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # run as a script: corpus_gen sits next to it

from corpus_gen import CorpusGenerator, write_jsonl  # noqa: E402

RESULTS_DIR = HERE / "results"
DEFAULT_SEED = 100_000
#: Disclosure body lengths that make the average body of the whole corpus about 1,000 characters
#: (notices are short: a 遗失声明 is under 150 characters).
BENCH_BODY_CHARS = (950, 1900)
TWO_CHAR_QUERIES = ("停电", "停水", "遗失", "公章", "注销", "减资", "出让", "征收", "债权", "检修", "湖里", "思明", "教育",
                    "环境", "通知", "厦门")
#: Recall is checked as an exact set of ids when a query has at most this many true hits (paging is cheap),
#: otherwise by comparing hit counts.
EXACT_RECALL_LIMIT = 5000
LATENCY_REPEATS = 5


@dataclass(frozen=True)
class BenchQuery:
    label: str  # what kind of query it is (for the table)
    q: str
    kind: str | None = None
    year: int | None = None
    issuer: str | None = None
    notice_type: str | None = None


def fixed_queries(doc_number: str, index_number: str) -> list[BenchQuery]:
    """The query set: 1 to 4 words, identifiers, phrases, filters. Two identifiers come from the data."""
    return [
        BenchQuery("1 word", "停电"),
        BenchQuery("1 word", "通知"),
        BenchQuery("1 word", "营业执照"),
        BenchQuery("1 word", "湖滨南路"),
        BenchQuery("1 word", "遗失声明"),
        BenchQuery("1 word", "国有建设用地"),
        BenchQuery("2 words", "湖滨南路 停电"),
        BenchQuery("2 words", "营业执照 遗失"),
        BenchQuery("2 words", "注销 债权人"),
        BenchQuery("2 words", "义务教育 招生"),
        BenchQuery("3 words", "思明区 停水 管网"),
        BenchQuery("3 words", "湖里区 征收 补偿"),
        BenchQuery("4 words", "财政 专项资金 绩效 评价"),
        BenchQuery("4 words", "厦门 食品安全 监督抽检 通知"),
        BenchQuery("文号", doc_number),
        BenchQuery("文号 [] variant", doc_number.replace("〔", "[").replace("〕", "]")),
        BenchQuery("索引号", index_number),
        BenchQuery("phrase", '"线路检修"'),
        BenchQuery("phrase", '"声明作废"'),
        BenchQuery("phrase", '"统一社会信用代码"'),
        BenchQuery("filter kind", "停电", kind="notice"),
        BenchQuery("filter year", "通知", year=2020),
        BenchQuery("filter issuer", "专项资金", issuer="厦门市财政局"),
        BenchQuery("filter type", "湖里区", notice_type="outage"),
        # Issue 14: typed without spaces (segmented), and with a word no record holds (relaxed).
        BenchQuery("segmented", "思明区停电"),
        BenchQuery("segmented", "营业执照遗失"),
        BenchQuery("segmented", "湖滨南路停水"),
        BenchQuery("segmented", "停水通知湖里区"),
        BenchQuery("segmented", "厦门市财政局专项资金绩效评价"),
        BenchQuery("segmented", f"请问{doc_number}文件的内容"),
        # (2024年5月8日停电 is an outage question now: its date is the question's day, no search word, so it measured no
        # date segment; 检修 asks no outage and keeps the date a segment the search requires)
        BenchQuery("segmented", "2024年5月8日检修"),
        BenchQuery("segmented", "社保卡遗失声明"),
        BenchQuery("relaxed", "思明区停电火星基地"),
        BenchQuery("relaxed", "营业执照遗失量子纠缠"),
        BenchQuery("relaxed", "湖里区停水天文望远镜"),
        BenchQuery("relaxed", "财政专项资金绩效评价冥王星"),
        BenchQuery("relaxed", "义务教育招生恐龙化石"),
        BenchQuery("relaxed", "国有建设用地出让珊瑚礁潜水"),
        # Natural relaxed queries (session 15): a citizen's long question or a pasted title that no record holds whole.
        # Measured apart: the relaxed step-down runs one search per step, so these cost 3-4x the ones above.
        BenchQuery("natural", "思明区莲前街道前埔社区居委会办公地点在哪里"),
        BenchQuery("natural", "营业执照正本副本公章财务章遗失"),
        BenchQuery("natural", "翔安区马巷镇舫山村征地补偿安置方案公告"),
        BenchQuery("natural", "道路交通安全违法行为处理程序规定"),
        BenchQuery("natural", "集美区杏林街道杏北路计划停水通知"),
        BenchQuery("natural", "社会保障卡遗失补办需要带什么材料"),
        BenchQuery("natural", "关于2023年度市级财政专项资金绩效评价结果的公示"),
        BenchQuery("natural", "厦门市人民政府办公厅关于进一步加强城市道路管理工作的通知"),
    ]


#: Query groups reported on their own (issue 14 targets: p99 <= 30 ms each at 100,000 records, caches off).
GROUP_LABELS = ("segmented", "relaxed", "natural")


# ---------------------------------------------------------------------------------------------------------------
# Corpus and ground truth (parent process)


def bench_records(n: int, seed: int) -> Iterator[dict[str, Any]]:
    generator = CorpusGenerator(seed=seed, disclosure_share=0.625, body_chars=BENCH_BODY_CHARS)
    for number, record in enumerate(generator.records(n)):
        # Explicit ids: row number and id map one to one, so the ground truth is a list of row numbers.
        yield {"id": f"b{number:07d}", **record}


def searched_text(record: dict[str, Any]) -> str:
    """Every text field the engine searches (indexer/schema.py TEXT_FIELD_BOOSTS), one per line."""
    return "\n".join((record["title"], record["doc_number"], record["index_number"], record["issuer"],
                      record["summary"], " ".join(record["keywords"]), record["body"]))


def ground_truth(jsonl: Path) -> dict[str, Any]:
    """Rows (line numbers) whose title+body contain each 2-character query, plus corpus facts.

    `rows_any_field`: rows that contain the query in any field the engine searches (a hit outside them
    is a false positive; a hit inside them but outside `rows` is a legitimate summary/keyword match).
    """
    rows: dict[str, list[int]] = {q: [] for q in TWO_CHAR_QUERIES}
    rows_any_field: dict[str, list[int]] = {q: [] for q in TWO_CHAR_QUERIES}
    body_chars = 0
    first_doc: dict[str, Any] | None = None
    count = 0
    with jsonl.open(encoding="utf-8") as handle:
        for row, line in enumerate(handle):
            record = json.loads(line)
            text = record["title"] + "\n" + record["body"]
            body_chars += len(record["body"])
            every_field = searched_text(record)
            for q in TWO_CHAR_QUERIES:
                if q in text:
                    rows[q].append(row)
                if q in every_field:
                    rows_any_field[q].append(row)
            if first_doc is None and record["doc_number"].startswith("厦府〔"):
                first_doc = record
            count += 1
    assert first_doc is not None, "no 厦府 document in the corpus"
    return {
        "records": count,
        "avg_body_chars": round(body_chars / max(count, 1)),
        "rows": rows,
        "rows_any_field": rows_any_field,
        "doc_number": first_doc["doc_number"],
        "index_number": first_doc["index_number"],
    }


# ---------------------------------------------------------------------------------------------------------------
# Helpers shared by the workers


@dataclass
class PartResult:
    part: str
    ingest_seconds: float = 0.0
    ingest_cpu_seconds: float = 0.0  # user+system time of the process (all threads) and its children during ingest
    docs_per_second: float = 0.0
    docs_per_cpu_second: float = 0.0  # steadier than docs/s when other processes share the cores
    size_bytes: dict[str, int] = field(default_factory=dict)
    peak_rss_mb: float = 0.0
    latency_ms: dict[str, Any] = field(default_factory=dict)
    recall: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the engine reads large record files in a worker)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def load_rows(truth: dict[str, Any]) -> dict[str, Any]:
    """The ground-truth row lists, kept in their own file so that a worker loads them only for the recall check."""
    return json.loads(Path(truth["rows_path"]).read_text(encoding="utf-8"))


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def folder_bytes(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def percentile(samples: list[float], pct: float) -> float:
    ordered = sorted(samples)
    if not ordered:
        return float("nan")
    rank = max(0, min(len(ordered) - 1, round(pct / 100 * len(ordered) + 0.5) - 1))  # nearest-rank
    return ordered[rank]


def time_queries(queries: list[BenchQuery], run: Callable[[BenchQuery], int], repeats: int) -> dict[str, Any]:
    """One warm-up pass, then `repeats` timed passes; p50/p99 over all timed calls, and per query."""
    totals = [run(query) for query in queries]
    samples: list[float] = []
    cpu_samples: list[float] = []  # CPU time of the process (all threads): steadier than wall time on a loaded machine
    per_query: list[dict[str, Any]] = []
    for query, total in zip(queries, totals):
        own, own_cpu = [], []
        for _ in range(repeats):
            start, cpu_start = time.perf_counter(), time.process_time()
            run(query)
            own.append((time.perf_counter() - start) * 1000)
            own_cpu.append((time.process_time() - cpu_start) * 1000)
        samples += own
        cpu_samples += own_cpu
        per_query.append({"label": query.label, "q": query.q, "filters": _filters(query), "hits": total,
                          "median_ms": round(statistics.median(own), 3), "cpu_median_ms": round(statistics.median(own_cpu), 3)})
    groups = {}
    for label in GROUP_LABELS:
        own = [ms for query, start in zip(queries, range(0, len(samples), repeats)) if query.label == label
               for ms in samples[start : start + repeats]]
        cpu = [ms for query, start in zip(queries, range(0, len(cpu_samples), repeats)) if query.label == label
               for ms in cpu_samples[start : start + repeats]]
        if own:
            groups[label] = {"p50": round(percentile(own, 50), 3), "p99": round(percentile(own, 99), 3), "calls": len(own),
                             "cpu_p50": round(percentile(cpu, 50), 3), "cpu_p99": round(percentile(cpu, 99), 3)}
    return {"p50": round(percentile(samples, 50), 3), "p99": round(percentile(samples, 99), 3),
            "cpu_p50": round(percentile(cpu_samples, 50), 3), "cpu_p99": round(percentile(cpu_samples, 99), 3),
            "max": round(max(samples), 3), "calls": len(samples), "groups": groups, "queries": per_query,
            "load_average": os.getloadavg()[0]}


def time_suggestions(engine: Any, repeats: int = 1) -> dict[str, Any]:
    """Issue 14: `Engine.suggest(prefix, 8)` (what /api/suggest calls) for every prefix bench/suggest.py types
    (1-8 characters of sampled issuers, titles, 文号 and streets, also in Traditional characters and with []
    brackets), after the word list's first build; wall and CPU time of the calling thread per lookup."""
    from suggest import TARGET_P99_MS, typed_prefixes  # bench/suggest.py imports this module: imported when needed

    started, cpu_started = time.perf_counter(), time.thread_time()
    engine.suggester.refresh()
    build = (time.perf_counter() - started, time.thread_time() - cpu_started)
    words = {name: engine.suggester.words(name) for name in ("issuer", "title", "doc_number", "street")}
    prefixes = typed_prefixes(words, DEFAULT_SEED)
    for prefix in prefixes[:200]:  # warm the interpreter's caches, as a serving process is
        engine.suggest(prefix, 8)
    samples: list[float] = []
    cpu_samples: list[float] = []
    empty = 0
    for _ in range(repeats):
        for prefix in prefixes:
            c0, t0 = time.thread_time(), time.perf_counter()
            found = engine.suggest(prefix, 8)
            samples.append((time.perf_counter() - t0) * 1000)
            cpu_samples.append((time.thread_time() - c0) * 1000)
            empty += not found
    return {"p50": round(percentile(samples, 50), 3), "p99": round(percentile(samples, 99), 3), "max": round(max(samples), 3),
            "cpu_p50": round(percentile(cpu_samples, 50), 3), "cpu_p99": round(percentile(cpu_samples, 99), 3),
            "calls": len(samples), "empty_answers": empty, "target_p99": TARGET_P99_MS,
            "first_build_seconds": round(build[0], 3), "first_build_cpu_seconds": round(build[1], 3),
            "keys": {name: len(texts) for name, texts in words.items()}, "load_average": os.getloadavg()[0]}


def _filters(query: BenchQuery) -> dict[str, Any]:
    return {k: v for k, v in (("kind", query.kind), ("year", query.year), ("issuer", query.issuer),
                              ("notice_type", query.notice_type)) if v is not None}


def recall_summary(per_query: dict[str, dict[str, Any]]) -> dict[str, Any]:
    found = sum(item["found"] for item in per_query.values())
    truth = sum(item["truth"] for item in per_query.values())
    return {"recall": round(found / truth, 4) if truth else 1.0, "found": found, "truth": truth, "queries": per_query}


# ---------------------------------------------------------------------------------------------------------------
# Worker: gongkai engine


def run_engine(jsonl: Path, work: Path, truth: dict[str, Any], repeats: int) -> PartResult:
    from gongkai.engine import Engine
    from gongkai.indexer.models import SearchRequest
    from gongkai.settings import load_settings

    # No result cache: the timed passes repeat each query, and a cached answer would time the cache, not the search.
    settings = load_settings(data_dir=work / "gongkai", search={"cache_entries": 0})
    engine = Engine(settings)
    # The store and the index are opened (made) before the clock starts, as bare tantivy-py's index is made before
    # its clock: both parts time the ingest itself, from the first record read to the last commit.
    engine.store, engine.index  # noqa: B018 - opened for their side effect
    result = PartResult("gongkai")
    start, cpu_start = time.perf_counter(), cpu_seconds()
    report = engine.ingest_paths([jsonl])
    result.ingest_seconds = time.perf_counter() - start
    result.ingest_cpu_seconds = cpu_seconds() - cpu_start
    counts = dict(report.counts)
    result.notes.append(f"ingest report: {counts}")
    if counts.get("new", 0) != truth["records"]:
        result.notes.append(f"WARNING: expected {truth['records']} new records, the report says {counts}")

    def request(query: BenchQuery) -> SearchRequest:
        # Defaults otherwise (10 hits with snippets, facets on): what the search page asks for.
        return SearchRequest(q=query.q, kind=query.kind, year=query.year, issuer=query.issuer,
                             notice_type=query.notice_type)

    queries = fixed_queries(truth["doc_number"], truth["index_number"])
    result.latency_ms = time_queries(queries, lambda query: engine.search(request(query)).total, repeats)
    result.latency_ms["suggestions"] = time_suggestions(engine)

    result.peak_rss_mb = peak_rss_mb()  # ingest and queries; the recall check below holds big id sets
    truth_rows = load_rows(truth)
    page = settings.search.max_page_size
    per_query: dict[str, dict[str, Any]] = {}
    for q, rows in truth_rows["rows"].items():
        wanted = {f"b{row:07d}" for row in rows}
        anywhere = {f"b{row:07d}" for row in truth_rows["rows_any_field"][q]}
        total = engine.search(SearchRequest(q=q, limit=1, facets=False)).total
        if len(anywhere) <= EXACT_RECALL_LIMIT and total <= settings.search.max_offset:
            got: set[str] = set()
            for offset in range(0, total, page):
                got |= {hit.id for hit in engine.search(SearchRequest(q=q, limit=page, offset=offset, facets=False)).hits}
            # Hits outside title+body are fine when the query is in another searched field (summary, keywords...);
            # hits whose searched text does not contain the query at all are false positives.
            false_positives = sorted(got - anywhere)
            per_query[q] = {"truth": len(wanted), "found": len(wanted & got), "hits": total, "method": "id sets",
                            "false_positives": len(false_positives), "false_positive_ids": false_positives[:5]}
        else:
            # Too many to page through: the hit count must equal the number of records containing the query.
            # When it does not, count every missing hit as a missed title+body record (a lower bound on recall).
            exact = total == len(anywhere)
            missing = max(0, len(anywhere) - total)
            per_query[q] = {"truth": len(wanted), "found": len(wanted) if exact else max(0, len(wanted) - missing),
                            "hits": total, "hits_expected": len(anywhere), "method": "counts" if exact else "counts (differ)"}
    result.recall = recall_summary(per_query)
    result.size_bytes = {"index": folder_bytes(settings.index_dir),
                         "store": sum(folder_bytes(p) for p in settings.data_dir.glob("gongkai.sqlite3*")),
                         "data_dir": folder_bytes(settings.data_dir)}
    engine.close()
    result.notes.append(f"peak RSS including the recall check: {peak_rss_mb():.0f} MB")
    return result


# ---------------------------------------------------------------------------------------------------------------
# Worker: bare tantivy-py with the project's schema and analyzer


def _register_tokenizers(index: Any) -> None:
    from gongkai.indexer import schema

    register = getattr(schema, "register_tokenizers", None)
    if register is None:
        from gongkai.indexer.analysis import register
    register(index)


def run_tantivy(jsonl: Path, work: Path, truth: dict[str, Any]) -> PartResult:
    import tantivy

    from gongkai.indexer.analysis import positioned_tokens
    from gongkai.indexer.schema import PAYLOAD_KEYS, build_document, build_schema
    from gongkai.settings import load_settings

    settings = load_settings(data_dir=work / "bare")
    path = work / "bare_tantivy"
    path.mkdir()
    index = tantivy.Index(build_schema(), str(path), reuse=False)
    _register_tokenizers(index)
    result = PartResult("bare tantivy-py")
    start, cpu_start = time.perf_counter(), cpu_seconds()
    writer = index.writer(settings.index.writer_heap_mb * 1024 * 1024, settings.index.writer_threads)
    with jsonl.open(encoding="utf-8") as handle:
        for line in handle:
            raw = json.loads(line)
            # The same document the project indexes (indexer/schema.build_document), built straight from
            # the dict: no validation, no 文号 normalisation, no store.
            day = raw["publish_date"] or raw["written_date"]
            payload = {key: raw.get(key) for key in PAYLOAD_KEYS}
            doc = build_document(
                id=raw["id"], kind=raw["kind"], notice_type=raw["notice_type"], issuer=raw["issuer"], topic=raw["topic"],
                doc_number=raw["doc_number"], index_number=raw["index_number"], title=raw["title"], summary=raw["summary"],
                keywords=raw["keywords"], body=raw["body"], year=int(day[:4]) if day else None,
                publish_date=date.fromisoformat(raw["publish_date"]) if raw["publish_date"] else None, url=raw.get("url") or "",
                payload=json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8"),
            )
            writer.add_document(doc)
    writer.commit()
    writer.wait_merging_threads()
    result.ingest_seconds = time.perf_counter() - start
    result.ingest_cpu_seconds = cpu_seconds() - cpu_start
    index.reload()
    searcher = index.searcher()
    result.notes.append(f"documents in index: {searcher.num_docs}")
    # Recall with the same analyzer: a phrase of the query's tokens over the indexed text.
    result.peak_rss_mb = peak_rss_mb()
    per_query: dict[str, dict[str, Any]] = {}
    schema = build_schema()
    for q, rows in load_rows(truth)["rows"].items():
        query = tantivy.Query.phrase_query(schema, "all_text", [token for _, token in positioned_tokens(q)])
        count = searcher.search(query, 1, count=True).count
        per_query[q] = {"truth": len(rows), "found": min(count, len(rows)), "hits": count, "method": "counts"}
    result.recall = recall_summary(per_query)
    result.size_bytes = {"index": folder_bytes(path)}
    result.notes.append(f"peak RSS including the recall check: {peak_rss_mb():.0f} MB")
    return result


# ---------------------------------------------------------------------------------------------------------------
# Worker: SQLite FTS5 trigram

FTS_COLUMNS = ("title", "summary", "keywords", "issuer", "identifiers", "body")


def run_fts5(jsonl: Path, work: Path, truth: dict[str, Any], repeats: int) -> PartResult:
    path = work / "fts5.sqlite3"
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    db.execute(
        "CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, kind UNINDEXED, notice_type UNINDEXED, "
        f"issuer_exact UNINDEXED, year UNINDEXED, {', '.join(FTS_COLUMNS)}, tokenize='trigram')"
    )
    result = PartResult(f"SQLite {sqlite3.sqlite_version} FTS5 trigram")
    start, cpu_start = time.perf_counter(), cpu_seconds()
    batch: list[tuple[Any, ...]] = []
    with jsonl.open(encoding="utf-8") as handle:
        for line in handle:
            raw = json.loads(line)
            day = raw["publish_date"] or raw["written_date"]
            batch.append((raw["id"], raw["kind"], raw["notice_type"], raw["issuer"], int(day[:4]) if day else None,
                          raw["title"], raw["summary"], " ".join(raw["keywords"]), raw["issuer"],
                          f"{raw['doc_number']} {raw['index_number']}", raw["body"]))
            if len(batch) == 1000:
                db.executemany("INSERT INTO docs VALUES (?,?,?,?,?,?,?,?,?,?,?)", batch)
                batch.clear()
    db.executemany("INSERT INTO docs VALUES (?,?,?,?,?,?,?,?,?,?,?)", batch)
    db.commit()
    result.ingest_seconds = time.perf_counter() - start
    result.ingest_cpu_seconds = cpu_seconds() - cpu_start
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    queries = fixed_queries(truth["doc_number"], truth["index_number"])
    result.latency_ms = time_queries(queries, lambda query: fts5_search(db, query), repeats)
    result.latency_ms["strategy"] = ("terms of 3+ characters: MATCH (phrase per term, AND); terms of 1-2 characters: "
                                     "LIKE '%term%' over every text column (a full scan); filters: WHERE on columns")

    result.peak_rss_mb = peak_rss_mb()
    match_recall: dict[str, dict[str, Any]] = {}
    like_recall: dict[str, dict[str, Any]] = {}
    like_ms: list[float] = []
    for q, rows in load_rows(truth)["rows"].items():
        wanted = {f"b{row:07d}" for row in rows}
        matched = {r[0] for r in db.execute("SELECT id FROM docs WHERE docs MATCH ?", (f'"{q}"',))}
        match_recall[q] = {"truth": len(wanted), "found": len(wanted & matched), "hits": len(matched), "method": "id sets"}
        start = time.perf_counter()
        liked = {r[0] for r in db.execute("SELECT id FROM docs WHERE title LIKE ? OR body LIKE ?", (f"%{q}%",) * 2)}
        like_ms.append((time.perf_counter() - start) * 1000)
        like_recall[q] = {"truth": len(wanted), "found": len(wanted & liked), "hits": len(liked), "method": "id sets"}
    result.recall = {"match": recall_summary(match_recall), "like": recall_summary(like_recall),
                     "like_latency_ms": {"p50": round(percentile(like_ms, 50), 3),
                                         "p99": round(percentile(like_ms, 99), 3)}}
    db.close()
    result.size_bytes = {"database": sum(folder_bytes(p) for p in work.glob("fts5.sqlite3*"))}
    result.notes.append(f"peak RSS including the recall check: {peak_rss_mb():.0f} MB")
    return result


def fts5_search(db: sqlite3.Connection, query: BenchQuery) -> int:
    """What a hand-written FTS5 search would do: count, plus the first 10 hits with a snippet."""
    terms = [t.strip('"') for t in query.q.split()] if not query.q.startswith('"') else [query.q.strip('"')]
    long_terms = [t for t in terms if len(t) >= 3]
    short_terms = [t for t in terms if len(t) < 3]
    where: list[str] = []
    params: list[Any] = []
    if long_terms:
        where.append("docs MATCH ?")
        params.append(" AND ".join('"' + t.replace('"', '""') + '"' for t in long_terms))
    for term in short_terms:
        where.append("(" + " OR ".join(f"{column} LIKE ?" for column in FTS_COLUMNS) + ")")
        params += [f"%{term}%"] * len(FTS_COLUMNS)
    for column, value in (("kind", query.kind), ("year", query.year), ("issuer_exact", query.issuer),
                          ("notice_type", query.notice_type)):
        if value is not None:
            where.append(f"{column} = ?")
            params.append(value)
    clause = " AND ".join(where)
    total = db.execute(f"SELECT count(*) FROM docs WHERE {clause}", params).fetchone()[0]
    if long_terms:
        rows = db.execute(f"SELECT id, title, snippet(docs, 10, '<em>', '</em>', '…', 24) FROM docs WHERE {clause} "
                          "ORDER BY rank LIMIT 10", params).fetchall()
    else:
        rows = db.execute(f"SELECT id, title, substr(body, 1, 120) FROM docs WHERE {clause} LIMIT 10", params).fetchall()
    assert len(rows) <= 10
    return total


# ---------------------------------------------------------------------------------------------------------------
# Orchestration


def _finish(result: PartResult, records: int) -> PartResult:
    result.docs_per_second = records / result.ingest_seconds
    result.docs_per_cpu_second = records / max(result.ingest_cpu_seconds, 1e-9)
    return result


def worker_main(args: argparse.Namespace) -> int:
    truth = json.loads(Path(args.truth).read_text(encoding="utf-8"))
    jsonl, work = Path(args.jsonl), Path(args.work)
    if args.worker == "engine":
        result = run_engine(jsonl, work, truth, args.repeats)
    elif args.worker == "tantivy":
        result = run_tantivy(jsonl, work, truth)
    else:
        result = run_fts5(jsonl, work, truth, args.repeats)
    _finish(result, truth["records"])
    Path(args.result).write_text(json.dumps(asdict(result), ensure_ascii=False), encoding="utf-8")
    return 0


def run_part(part: str, jsonl: Path, work: Path, truth_path: Path, repeats: int) -> dict[str, Any]:
    result_path = work / f"result-{part}.json"
    command = [sys.executable, str(Path(__file__).resolve()), "--worker", part, "--jsonl", str(jsonl), "--work",
               str(work), "--truth", str(truth_path), "--result", str(result_path), "--repeats", str(repeats)]
    print(f"[{datetime.now():%H:%M:%S}] running {part} ...", flush=True)
    completed = subprocess.run(command, cwd=HERE.parent)
    if completed.returncode != 0:
        return {"part": part, "error": f"worker exited with {completed.returncode}"}
    return json.loads(result_path.read_text(encoding="utf-8"))


def mb(value: int | None) -> str:
    return "-" if value is None else f"{value / 1024 / 1024:.1f} MB"


def print_table(run: dict[str, Any]) -> None:
    corpus = run["corpus"]
    print(f"\n{corpus['records']:,} records, average body {corpus['avg_body_chars']} characters, "
          f"JSONL {mb(corpus['jsonl_bytes'])}, {run['machine']['cpus']} CPUs")
    rows = [("", "ingest docs/s", "wall/CPU s", "docs/CPU-s", "p50 ms", "p99 ms", "2-char recall", "size on disk", "peak RSS")]
    for part in run["parts"]:
        if "error" in part:
            rows.append((part["part"], part["error"], "", "", "", "", "", "", ""))
            continue
        latency = part.get("latency_ms") or {}
        recall = part.get("recall") or {}
        if "match" in recall:
            recall_text = f"MATCH {recall['match']['recall']:.0%}, LIKE {recall['like']['recall']:.0%}"
        else:
            recall_text = f"{recall.get('recall', float('nan')):.1%}"
        size = part["size_bytes"]
        size_text = " + ".join(f"{name} {mb(value)}" for name, value in size.items() if name != "data_dir")
        rows.append((part["part"], f"{part['docs_per_second']:,.0f}",
                     f"{part['ingest_seconds']:.1f} / {part['ingest_cpu_seconds']:.1f}",
                     f"{part['docs_per_cpu_second']:,.0f}", str(latency.get("p50", "-")),
                     str(latency.get("p99", "-")), recall_text, size_text, f"{part['peak_rss_mb']:.0f} MB"))
    widths = [max(len(str(row[i])) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        print("  ".join(str(cell).ljust(width) for cell, width in zip(row, widths)))
    for part in run["parts"]:
        recall = part.get("recall") or {}
        if "like_latency_ms" in recall:
            print(f"\nFTS5 LIKE '%xx%' fallback for 2-character queries: p50 {recall['like_latency_ms']['p50']} ms, "
                  f"p99 {recall['like_latency_ms']['p99']} ms (full scan)")
    for part in run["parts"]:
        for label, group in ((part.get("latency_ms") or {}).get("groups") or {}).items():
            print(f"{part['part']} {label} queries: p50 {group['p50']} ms, p99 {group['p99']} ms ({group['calls']} calls); "
                  f"CPU time p50 {group.get('cpu_p50', '-')} ms, p99 {group.get('cpu_p99', '-')} ms")
        suggestions = (part.get("latency_ms") or {}).get("suggestions")
        if suggestions:
            print(f"{part['part']} suggestions: p50 {suggestions['p50']} ms, p99 {suggestions['p99']} ms, max {suggestions['max']} ms "
                  f"({suggestions['calls']:,} prefixes, {suggestions['empty_answers']} without a suggestion); CPU time p50 "
                  f"{suggestions['cpu_p50']} ms, p99 {suggestions['cpu_p99']} ms; word list built in "
                  f"{suggestions['first_build_seconds']} s ({suggestions['first_build_cpu_seconds']} s of CPU)")
        latency = part.get("latency_ms") or {}
        if "cpu_p50" in latency:
            print(f"{part['part']} all queries: CPU time p50 {latency['cpu_p50']} ms, p99 {latency['cpu_p99']} ms "
                  f"(load average {latency.get('load_average', 0):.1f} at the end)")
    targets = run.get("targets", {})
    if targets:
        print("\nTargets: " + "; ".join(f"{name}: {'met' if ok else 'NOT met'}" for name, ok in targets.items()))


def check_targets(parts: list[dict[str, Any]]) -> dict[str, bool]:
    by_name = {p["part"]: p for p in parts if "error" not in p}
    engine, bare = by_name.get("gongkai"), by_name.get("bare tantivy-py")
    targets: dict[str, bool] = {}
    if engine:
        targets["ingest >= 2,500 docs/s"] = engine["docs_per_second"] >= 2500
        targets["p99 <= 30 ms"] = engine["latency_ms"]["p99"] <= 30
        targets["2-char recall 100%"] = engine["recall"]["recall"] >= 1.0
        for label, group in engine["latency_ms"].get("groups", {}).items():
            targets[f"{label} p99 <= 30 ms"] = group["p99"] <= 30
        suggestions = engine["latency_ms"].get("suggestions")
        if suggestions:
            targets[f"suggestions p99 <= {suggestions['target_p99']:g} ms"] = suggestions["p99"] <= suggestions["target_p99"]
        if bare:
            # issue 17 raised the ratio from 60% to 80% (with one ingest session and one parser pool a run)
            targets["ingest >= 80% of bare tantivy-py"] = engine["docs_per_second"] >= 0.8 * bare["docs_per_second"]
    return targets


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="records to generate (default 100,000)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--parts", default="engine,tantivy,fts5", help="comma-separated: engine, tantivy, fts5")
    parser.add_argument("--repeats", type=int, default=LATENCY_REPEATS, help="timed runs of each query")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (its path is printed)")
    parser.add_argument("--out", type=Path, default=None, help="result JSON (default bench/results/index_search-<n>-<time>.json)")
    # Internal: a worker process runs one part.
    parser.add_argument("--worker", choices=("engine", "tantivy", "fts5"), help=argparse.SUPPRESS)
    parser.add_argument("--jsonl", help=argparse.SUPPRESS)
    parser.add_argument("--work", help=argparse.SUPPRESS)
    parser.add_argument("--truth", help=argparse.SUPPRESS)
    parser.add_argument("--result", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        return worker_main(args)
    if args.n < 100:
        parser.error("--n must be at least 100")
    parts = [p.strip() for p in args.parts.split(",") if p.strip()]
    unknown = set(parts) - {"engine", "tantivy", "fts5"}
    if unknown:
        parser.error(f"unknown parts: {', '.join(sorted(unknown))}")

    work = Path(tempfile.mkdtemp(prefix="gongkai-bench-"))
    try:
        jsonl = work / "records.jsonl"
        start = time.perf_counter()
        write_jsonl(bench_records(args.n, args.seed), jsonl)
        generate_seconds = time.perf_counter() - start
        truth = ground_truth(jsonl)
        truth_path, rows_path = work / "truth.json", work / "truth_rows.json"
        rows_path.write_text(json.dumps({key: truth.pop(key) for key in ("rows", "rows_any_field")}), encoding="utf-8")
        truth["rows_path"] = str(rows_path)
        truth_path.write_text(json.dumps(truth, ensure_ascii=False), encoding="utf-8")
        print(f"generated {truth['records']:,} records in {generate_seconds:.1f} s into {jsonl}", flush=True)

        results = [run_part(part, jsonl, work, truth_path, args.repeats) for part in parts]
        run = {
            "started": datetime.now(UTC).isoformat(timespec="seconds"),
            "corpus": {"records": truth["records"], "avg_body_chars": truth["avg_body_chars"], "seed": args.seed,
                       "jsonl_bytes": jsonl.stat().st_size, "generate_seconds": round(generate_seconds, 1),
                       "two_char_truth": {q: len(rows) for q, rows in load_rows(truth)["rows"].items()}},
            "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
                        "sqlite": sqlite3.sqlite_version},
            "parts": results,
        }
        run["targets"] = check_targets(results)
        print_table(run)
        out = args.out or RESULTS_DIR / f"index_search-{args.n}-{datetime.now():%Y%m%dT%H%M%S}.json"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(run, ensure_ascii=False, indent=1), encoding="utf-8")
        print(f"\nwrote {out}")
    finally:
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
