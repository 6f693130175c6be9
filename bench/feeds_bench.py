"""Throughput of the feeds package, small runs on real gov.cn texts (varied so every record is new).

    /work/venv/bin/python bench/feeds_bench.py [--records 2000] [--documents 200] [--batch 500]

Measures, each on a fresh data dir in a temporary folder:
- drop folder: HTML documents (the 40 real gov.cn pages, made distinct) picked up, parsed, stored, indexed;
- drop folder: JSON Lines record files;
- HTTP push: POST /api/ingest of JSON Lines batches over uvicorn on 127.0.0.1;
- sync: the outbox sent to the local receiver (feeds.sync_receiver) on 127.0.0.1;
- OAI-PMH: ListRecords pages (100 records each) harvested over HTTP.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"
sys.path.insert(0, str(REPO))


def govcn_records(count: int) -> list[dict]:
    from tests.conftest import govcn_records as base

    originals = base()
    records = []
    for n in range(count):
        record = dict(originals[n % len(originals)])
        record.pop("source", None)
        record["title"] = f"{record['title']}（第{n}号）"
        record["index_number"] = f"000014349/2099-{n:05d}"
        record["url"] = f"http://www.gov.cn/bench/{n}.htm"
        record["issuer"] = "国务院办公厅"
        records.append(record)
    return records


def fresh_engine(root: Path, name: str, **feeds: object):
    from gongkai.engine import Engine
    from gongkai.settings import load_settings

    settings = load_settings(data_dir=root / name)
    settings.feeds = settings.feeds.model_copy(update={
        "inbox_min_age_seconds": 0, "push_max_items": 100_000, "push_max_bytes": 200 * 1024 * 1024,
        "push_rate_limit": 0, "push_rate_burst": 0, **feeds,  # measuring throughput, not the rate limits
    })
    return Engine(settings)


def bench_inbox_documents(root: Path, documents: int) -> float:
    from gongkai.feeds.inbox import inbox_dir, process_inbox

    engine = fresh_engine(root, "inbox-docs")
    inbox = inbox_dir(engine)
    inbox.mkdir(parents=True)
    pages = sorted((CORPUS / "govcn_state_council_policies" / "html").glob("*.html"))
    for n in range(documents):
        html = pages[n % len(pages)].read_text(encoding="utf-8")
        # a distinct 索引号 per copy: the record id derives from it
        html = re.sub(r"\d{9}/\d{4}-\d{5}", f"000014349/2099-{n:05d}", html, count=1)
        (inbox / f"doc-{n:05d}.html").write_text(html, encoding="utf-8")
    started = time.perf_counter()
    report = process_inbox(engine)
    elapsed = time.perf_counter() - started
    stored = report.counts["new"]
    engine.close()
    print(f"drop folder, HTML documents: {stored}/{documents} records in {elapsed:.2f}s = {stored / elapsed:.0f} records/s "
          f"(quarantined {report.counts['quarantined']})")
    return stored / elapsed


def bench_inbox_records(root: Path, records: list[dict], batch: int) -> float:
    from gongkai.feeds.inbox import inbox_dir, process_inbox

    engine = fresh_engine(root, "inbox-jsonl")
    inbox = inbox_dir(engine)
    inbox.mkdir(parents=True)
    for start in range(0, len(records), batch):
        lines = "\n".join(json.dumps(r, ensure_ascii=False) for r in records[start : start + batch])
        (inbox / f"batch-{start:06d}.jsonl").write_text(lines, encoding="utf-8")
    started = time.perf_counter()
    report = process_inbox(engine)
    elapsed = time.perf_counter() - started
    engine.close()
    print(f"drop folder, JSON Lines files: {report.counts['new']} records in {elapsed:.2f}s = {report.counts['new'] / elapsed:.0f} records/s")
    return report.counts["new"] / elapsed


def bench_push(root: Path, records: list[dict], batch: int):
    from fastapi import FastAPI

    from gongkai.feeds.tokens import TokenStore
    from gongkai.web.routes_feeds import router
    from gongkai.web.server import serve_in_thread as serving

    engine = fresh_engine(root, "push")
    token, _ = TokenStore(engine.store).create("国务院办公厅")
    app = FastAPI()
    app.include_router(router)
    app.state.engine = engine
    with serving(app) as base, httpx.Client(base_url=base, timeout=300) as client:
        headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/x-ndjson"}
        bodies = [
            "\n".join(json.dumps(r, ensure_ascii=False) for r in records[start : start + batch]).encode("utf-8")
            for start in range(0, len(records), batch)
        ]
        started = time.perf_counter()
        new = 0
        for body in bodies:
            response = client.post("/api/ingest", content=body, headers=headers)
            response.raise_for_status()
            new += response.json()["counts"]["new"]
        elapsed = time.perf_counter() - started
        print(f"HTTP push, batches of {batch}: {new} records in {elapsed:.2f}s = {new / elapsed:.0f} records/s")
        started = time.perf_counter()
        for body in bodies:
            client.post("/api/ingest", content=body, headers=headers).raise_for_status()
        again = time.perf_counter() - started
        print(f"HTTP push, the same batches retried (all unchanged): {len(records) / again:.0f} records/s")
        oai_pages, oai_elapsed = harvest(client, base)
        print(f"OAI-PMH ListRecords: {oai_pages} pages of 100 in {oai_elapsed:.2f}s = {oai_pages / oai_elapsed:.1f} pages/s")
    return engine, new / elapsed


def harvest(client: httpx.Client, base: str) -> tuple[int, float]:
    from lxml import etree

    ns = {"oai": "http://www.openarchives.org/OAI/2.0/"}
    params: dict[str, str] = {"verb": "ListRecords", "metadataPrefix": "oai_dc"}
    pages = 0
    started = time.perf_counter()
    while True:
        root = etree.fromstring(client.get(base + "/oai", params=params).content)
        pages += 1
        token = root.find(".//oai:resumptionToken", ns)
        if token is None or not token.text:
            break
        params = {"verb": "ListRecords", "resumptionToken": token.text}
    return pages, time.perf_counter() - started


def bench_sync(engine, batch: int) -> float:
    from gongkai.feeds import sync
    from gongkai.feeds.sync_receiver import SyncReceiver

    with SyncReceiver() as receiver:
        engine.settings.feeds = engine.settings.feeds.model_copy(update={"sync_url": receiver.url, "sync_batch_size": batch})
        started = time.perf_counter()
        report = sync.push(engine)
        elapsed = time.perf_counter() - started
    print(f"sync, batches of {batch}: {report.sent} entries in {elapsed:.2f}s = {report.sent / elapsed:.0f} records/s "
          f"(receiver holds {len(receiver.received)})")
    return report.sent / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, default=2000)
    parser.add_argument("--documents", type=int, default=200)
    parser.add_argument("--batch", type=int, default=500)
    args = parser.parse_args()
    import logging

    logging.disable(logging.WARNING)
    records = govcn_records(args.records)
    with tempfile.TemporaryDirectory(prefix="gongkai-feeds-bench-") as tmp:
        root = Path(tmp)
        bench_inbox_documents(root, args.documents)
        bench_inbox_records(root, records, args.batch)
        engine, _ = bench_push(root, records, args.batch)
        bench_sync(engine, args.batch)
        engine.close()


if __name__ == "__main__":
    main()
