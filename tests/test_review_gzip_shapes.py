"""Review (session 12) of the doors' new shapes together: a pretty-printed export (an `indent=2` tool) under a .jsonl name
was read as JSON (doors3), but the same file gzipped (export.jsonl.gz, the nightly job's compression) was read line by line
again: every line a quarantine entry, no record in. Real files, a real drop folder and store."""

from __future__ import annotations

import gzip
import json

from gongkai.feeds.inbox import inbox_dir, process_inbox
from tests.support import inbox_engine

AGENCY = "厦门市思明区人民政府"


def rec(n: int) -> dict:
    return {"title": f"思明区关于2026年第{n}批老旧小区改造项目的公示", "index_number": f"sm-0300-2026-{n:05d}",
            "publish_date": "2026-10-09", "body": f"现将思明区第{n}批老旧小区改造项目公示如下。"}


def test_a_gzipped_pretty_printed_jsonl_export_is_its_records(settings):
    pretty = "".join(json.dumps(rec(n), ensure_ascii=False, indent=2) + "\n" for n in (1, 2)).encode("utf-8")
    with inbox_engine(settings) as engine:
        folder = inbox_dir(engine) / AGENCY
        folder.mkdir()
        (folder / "export.jsonl.gz").write_bytes(gzip.compress(pretty))
        report = process_inbox(engine, now=4_000_000_000.0)
        assert (report.counts["new"], report.counts["quarantined"]) == (2, 0), report.as_dict()
