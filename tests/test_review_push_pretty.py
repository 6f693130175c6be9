"""Review (session 12): a pretty-printed record (an `indent=2` tool) under a .jsonl name, pushed as a file, plain or gzipped,
is its one record, as the drop folder and `gongkai ingest` read it since doors3 (it was 422 "the file holds 13 records":
each line of the pretty JSON read as a record). A real socket, the real push route."""

from __future__ import annotations

import gzip
import json

import pytest

from tests.test_push_record_files import push_file, records, server  # noqa: F401  (server: the fixture)


@pytest.mark.parametrize("name, pack", [("one.jsonl", lambda data: data), ("one.jsonl.gz", gzip.compress)])
def test_a_pushed_pretty_printed_jsonl_file_is_its_record(server, name, pack):  # noqa: F811
    engine, client = server
    record = records()[0]
    response = push_file(client, name, pack(json.dumps(record, ensure_ascii=False, indent=2).encode("utf-8")))
    assert response.status_code == 201, response.text
    assert engine.get(response.json()["results"][0]["id"]).title == record["title"]
