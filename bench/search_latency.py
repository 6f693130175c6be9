"""Query latency only, on a data directory already ingested (no new ingest): the query set of index_search.py.

    python bench/index_search.py --n 100000 --parts engine --keep    # once: prints the kept folder
    python bench/search_latency.py --data-dir FOLDER/gongkai --jsonl FOLDER/records.jsonl

Result cache off, as in index_search.py; wall time and CPU time (all threads of the process) per call,
p50/p99 over all queries and for the segmented and relaxed groups (issue 14), with the load average, so
that figures taken on a shared machine can be told apart from the machine's other work.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from index_search import fixed_queries, time_queries, time_suggestions


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, required=True, help="an ingested gongkai data directory")
    parser.add_argument("--jsonl", type=Path, required=True, help="the records it holds (a 厦府 文号 and 索引号 are taken from it)")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--suggest", action="store_true", help="also time search-box suggestions (Engine.suggest)")
    args = parser.parse_args(argv)

    from gongkai.engine import Engine
    from gongkai.indexer.models import SearchRequest
    from gongkai.settings import load_settings

    first = None
    with args.jsonl.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if record.get("doc_number", "").startswith("厦府〔"):
                first = record
                break
    if first is None:
        raise SystemExit("no 厦府 document in the records")
    engine = Engine(load_settings(data_dir=args.data_dir, search={"cache_entries": 0}))

    def run(query) -> int:
        request = SearchRequest(q=query.q, kind=query.kind, year=query.year, issuer=query.issuer, notice_type=query.notice_type)
        return engine.search(request).total

    result = time_queries(fixed_queries(first["doc_number"], first["index_number"]), run, args.repeats)
    print(f"all queries: p50 {result['p50']} ms, p99 {result['p99']} ms; CPU p50 {result['cpu_p50']} ms, "
          f"p99 {result['cpu_p99']} ms ({result['calls']} calls, load average {result['load_average']:.1f})")
    for label, group in result["groups"].items():
        print(f"{label}: p50 {group['p50']} ms, p99 {group['p99']} ms; CPU p50 {group['cpu_p50']} ms, p99 {group['cpu_p99']} ms")
    for query in result["queries"]:
        print(f"  {query['label']:16} {query['q']:32} {query['hits']:>7} hits  median {query['median_ms']} ms, "
              f"CPU {query['cpu_median_ms']} ms")
    if args.suggest:
        s = time_suggestions(engine)
        print(f"suggestions: p50 {s['p50']} ms, p99 {s['p99']} ms, max {s['max']} ms; CPU p50 {s['cpu_p50']} ms, "
              f"p99 {s['cpu_p99']} ms ({s['calls']:,} prefixes, load average {s['load_average']:.1f})")
    engine.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
