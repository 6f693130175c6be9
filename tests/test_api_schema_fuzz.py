"""Schemathesis against the served app's OpenAPI document (issue 16): every operation, bounded examples of
valid and invalid data over a real socket, with an agency token for POST /api/ingest; no 5xx, and every
answer's status, media type and JSON body as documented. The hand-written hostile cases are test_api_fuzz.py."""

from __future__ import annotations

import pytest

from gongkai.feeds.tokens import TokenStore
from tests.api_schema_fuzz import fuzz_api
from tests.support import sample_records, served_engine

#: Cases per operation: about 600 in all, some 10 s on 2 cores (the bench runs more: bench/hostile.py).
MAX_EXAMPLES = 30


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    no_limits = {"push_rate_limit": 0, "push_rate_burst": 0}  # every case must reach the receiver, not a 429
    with served_engine(tmp_path_factory.mktemp("schemathesis") / "data", sample_records()[:80], feeds=no_limits) as (engine, base):
        token, _ = TokenStore(engine.store).create("厦门市财政局")
        yield engine, base, token


def test_every_operation_answers_as_documented_and_never_5xx(served):
    engine, base, token = served
    report = fuzz_api(base, token, max_examples=MAX_EXAMPLES)
    assert report.operations >= 15 and "POST /api/ingest" in report.by_operation
    assert report.cases >= report.operations * 5
    assert report.statuses["5xx"] == 0
    assert report.failures == [], "\n".join(f"{op} [{status}] {what}" for op, status, what in report.failures[:20])
    # the fuzzer really reached the server: valid searches answered 200, invalid ones 4xx
    assert report.statuses["2xx"] > 0 and report.statuses["4xx"] > 0
    assert engine.index.doc_count() >= 80  # and the pushes it made did not break the index
