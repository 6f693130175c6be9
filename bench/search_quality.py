"""Search quality on real judged web queries (QBQTC), gongkai against a plain jieba + bm25s index.

    python bench/search_quality.py                       # ../shared/corpus/ir_eval_qbqtc/qbqtc_dev_sample.jsonl
    python bench/search_quality.py --jsonl FILE --limit 500
    python bench/search_quality.py --half A              # only the queries of half A (B: the other half)

Every distinct judged title becomes one record (kind disclosure, the title as title and body); the records
are ingested into a fresh data directory with `gongkai ingest`, the app is served on 127.0.0.1, and every
query, as typed, is sent to /api/search (page_size 10). In the same run the peer indexes the same titles
with jieba `lcut_for_search` tokens and `bm25s` (default parameters) and answers the same queries.

Reported for both: zero-result rate; success@10 for label 2 (a very relevant title in the top 10, over the
queries that have one) and for label >= 1; NDCG@10 with gain 2^label - 1, unjudged titles gain 0, the ideal
ranking made from the query's judged titles, averaged over every query (a query none of whose titles is
relevant scores 0, as the issue counted it) and over the queries with a relevant title. Nothing is tuned on these queries (the rules are general:
README, Search). Needs the bench extra (`pip install -e .[bench]`: jieba, bm25s).

Against over-fitting, the queries fall in two halves by a fixed hash of their text (`half()`: the first byte of
their SHA-1, even A, odd B): rules are chosen looking at half A only and kept when they do not lose on half B.
Every run reports both halves and all queries side by side; `--half` runs one half only.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR))
from load_api import free_port, start_server, wait_ready  # noqa: E402

DEFAULT_JSONL = BENCH_DIR.parent.parent / "shared" / "corpus" / "ir_eval_qbqtc" / "qbqtc_dev_sample.jsonl"
RESULTS_DIR = BENCH_DIR / "results"
K = 10


def load_judgements(path: Path, limit: int | None) -> tuple[dict[str, dict[str, int]], list[str]]:
    """{query: {title: label}} and the distinct titles, in file order."""
    judged: dict[str, dict[str, int]] = defaultdict(dict)
    titles: dict[str, None] = {}
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            query, title = row["query"], row["title"].strip()
            if not title or not query.strip():
                continue
            judged[query][title] = max(int(row["label"]), judged[query].get(title, 0))
            titles.setdefault(title, None)
    queries = list(judged)
    if limit:
        queries = queries[:limit]
    return {q: judged[q] for q in queries}, list(titles)


def half(query: str) -> str:
    """"A" or "B": the query's half, fixed by its text alone (not by the file's order or size)."""
    return "A" if hashlib.sha1(query.encode("utf-8")).digest()[0] % 2 == 0 else "B"


def title_id(title: str) -> str:
    return "qbqtc-" + hashlib.sha1(title.encode("utf-8")).hexdigest()[:16]


def gongkai_answers(titles: list[str], queries: list[str], workers: int) -> tuple[dict[str, list[str]], float]:
    """Top-10 titles per query from a served gongkai; also the seconds the searches took."""
    import httpx

    data_dir = Path(tempfile.mkdtemp(prefix="gongkai-quality-"))
    records = data_dir / "qbqtc.jsonl"
    with records.open("w", encoding="utf-8") as out:
        for title in titles:
            out.write(json.dumps({"id": title_id(title), "kind": "disclosure", "title": title, "body": title,
                                  "source": "qbqtc"}, ensure_ascii=False) + "\n")
    gongkai = Path(sys.executable).with_name("gongkai")  # the venv's command
    subprocess.run([str(gongkai), "--data-dir", str(data_dir), "ingest", str(records)], check=True, stdout=subprocess.DEVNULL)
    port = free_port()
    server = start_server(data_dir, port, workers, cache=False)
    base = f"http://127.0.0.1:{port}"
    answers: dict[str, list[str]] = {}
    try:
        wait_ready(base, server)
        with httpx.Client(base_url=base, timeout=30) as client:
            started = time.perf_counter()
            for query in queries:
                response = client.get("/api/search", params={"q": query, "page_size": K, "facets": "false"})
                if response.status_code != 200:
                    raise SystemExit(f"{query!r}: HTTP {response.status_code} {response.text[:200]}")
                answers[query] = [hit["title"] for hit in response.json()["hits"]]
            elapsed = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(data_dir, ignore_errors=True)
    return answers, elapsed


def peer_answers(titles: list[str], queries: list[str]) -> tuple[dict[str, list[str]], float]:
    """jieba lcut_for_search + bm25s over the same titles; a title with score 0 is no result."""
    import bm25s
    import jieba

    jieba.setLogLevel(60)
    corpus_tokens = [jieba.lcut_for_search(t) for t in titles]
    retriever = bm25s.BM25()
    retriever.index(bm25s.tokenization.Tokenized(*_vocab_ids(corpus_tokens)), show_progress=False)
    vocab = retriever.vocab_dict
    answers: dict[str, list[str]] = {}
    started = time.perf_counter()
    for query in queries:
        tokens = [vocab[t] for t in jieba.lcut_for_search(query) if t in vocab]
        if not tokens:
            answers[query] = []
            continue
        scores = retriever.get_scores(tokens)
        order = sorted(range(len(titles)), key=lambda i: -scores[i])[:K]
        answers[query] = [titles[i] for i in order if scores[i] > 0]
    return answers, time.perf_counter() - started


def _vocab_ids(token_lists: list[list[str]]) -> tuple[list[list[int]], dict[str, int]]:
    vocab: dict[str, int] = {}
    ids = [[vocab.setdefault(t, len(vocab)) for t in tokens] for tokens in token_lists]
    return ids, vocab


def evaluate(answers: dict[str, list[str]], judged: dict[str, dict[str, int]]) -> dict[str, float]:
    zero = success2 = success1 = have2 = have1 = 0
    ndcg_sum = 0.0
    for query, labels in judged.items():
        top = answers.get(query, [])[:K]
        zero += not top
        if any(v == 2 for v in labels.values()):
            have2 += 1
            success2 += any(labels.get(t) == 2 for t in top)
        if any(v >= 1 for v in labels.values()):
            have1 += 1
            success1 += any(labels.get(t, 0) >= 1 for t in top)
        dcg = sum((2 ** labels.get(t, 0) - 1) / math.log2(rank + 2) for rank, t in enumerate(top))
        ideal = sorted(labels.values(), reverse=True)[:K]
        idcg = sum((2**label - 1) / math.log2(rank + 2) for rank, label in enumerate(ideal))
        ndcg_sum += dcg / idcg if idcg else 0.0
    n = len(judged)
    return {
        "queries": n,
        "zero_result_rate": zero / n,
        "success_at_10_label2": success2 / max(have2, 1),
        "success_at_10_label_ge1": success1 / max(have1, 1),
        # As the issue counts it: over every query, a query without any relevant title scoring 0.
        "ndcg_at_10": ndcg_sum / n,
        "ndcg_at_10_relevant_only": ndcg_sum / max(1, sum(1 for labels in judged.values() if any(labels.values()))),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--jsonl", type=Path, default=DEFAULT_JSONL)
    parser.add_argument("--limit", type=int, default=None, help="only the first N distinct queries")
    parser.add_argument("--workers", type=int, default=1, help="server processes")
    parser.add_argument("--dump", type=Path, default=None, help="write every query's top titles (both systems) to this JSON file")
    parser.add_argument("--half", choices=("A", "B"), default=None, help="only the queries of this half (every title is still a record)")
    args = parser.parse_args(argv)

    judged, titles = load_judgements(args.jsonl, args.limit)
    if args.half:
        judged = {q: labels for q, labels in judged.items() if half(q) == args.half}
    queries = list(judged)
    print(f"{len(queries)} queries, {len(titles)} distinct titles ({args.jsonl})")
    ours, our_seconds = gongkai_answers(titles, queries, args.workers)
    theirs, their_seconds = peer_answers(titles, queries)
    result = {
        "gongkai": {**evaluate(ours, judged), "seconds": round(our_seconds, 2)},
        "jieba_bm25s": {**evaluate(theirs, judged), "seconds": round(their_seconds, 2)},
    }
    halves = {name: {q: labels for q, labels in judged.items() if half(q) == name} for name in ("A", "B")}
    result["halves"] = {
        name: {"gongkai": evaluate(ours, part), "jieba_bm25s": evaluate(theirs, part)} for name, part in halves.items() if part
    }
    columns = [("all", result["gongkai"], result["jieba_bm25s"])]
    columns += [(f"half {name}", r["gongkai"], r["jieba_bm25s"]) for name, r in result["halves"].items()]
    heads = [f"{label} ({g['queries']} queries)" for label, g, _ in columns]
    print(f"{'':26}" + "".join(f"{head:>28}" for head in heads))
    print(f"{'':26}" + "".join(f"{'gongkai':>14}{'jieba+bm25s':>14}" for _ in columns))
    for key in ("zero_result_rate", "success_at_10_label2", "success_at_10_label_ge1", "ndcg_at_10", "ndcg_at_10_relevant_only"):
        print(f"{key:26}" + "".join(f"{g[key]:14.3f}{p[key]:14.3f}" for _, g, p in columns))
    RESULTS_DIR.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    out = RESULTS_DIR / f"search_quality-{stamp}.json"
    out.write_text(json.dumps({"args": {k: str(v) for k, v in vars(args).items()}, **result}, indent=2), encoding="utf-8")
    print(f"written: {out}")
    if args.dump:
        args.dump.write_text(json.dumps({"gongkai": ours, "peer": theirs}, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
