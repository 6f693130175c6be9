"""Many readers while the index is written or rebuilt: answers stay correct, and the running server
sees commits and generation swaps made by another process without a restart."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time

import httpx

from gongkai.record import Record
from tests.conftest import govcn_records
from tests.support import sample_records, served_engine

QUERIES = [
    {"q": "停电"},
    {"q": "国务院"},
    {"q": "国办函〔2018〕71号"},
    {"q": "营业执照 遗失", "kind": "notice"},
    {"q": "", "notice_type": "outage"},
    {"q": "", "year": 2019, "sort": "date"},
    {"q": "厦门", "page": 3, "page_size": 5},
]


def ranking(hits: list[dict]) -> list[tuple[object, frozenset[str] | int]]:
    """The hits as (rank key, ids with that key) groups, in order.

    Documents with equal scores (or, sorted by date, equal dates) may come in another order from a
    rebuilt index, since tantivy breaks ties by document address; so a group is compared as a set.
    The last group may be cut by the page end: only its size counts.
    """
    by_date = all(h["score"] == 0 for h in hits)
    groups: list[tuple[object, set[str]]] = []
    for hit in hits:
        key = hit["publish_date"] if by_date else round(hit["score"], 4)
        if groups and groups[-1][0] == key:
            groups[-1][1].add(hit["id"])
        else:
            groups.append((key, {hit["id"]}))
    return [(key, frozenset(ids)) for key, ids in groups[:-1]] + [(key, len(ids)) for key, ids in groups[-1:]]


def hammer(base_url: str, expected: dict[int, tuple[int, list[str]]], stop: threading.Event, log: list, check_ids: bool) -> None:
    """Cycle through QUERIES until told to stop; record every error or wrong answer.

    With check_ids, the hits must be the same ranking (see `ranking`); without (while records are
    added), only the totals: new documents change the collection statistics and so the BM25 order.
    """
    with httpx.Client(base_url=base_url, timeout=30) as client:
        n = 0
        while not stop.is_set():
            i = n % len(QUERIES)
            n += 1
            try:
                response = client.get("/api/search", params={**QUERIES[i], "facets": "false"})
            except httpx.HTTPError as exc:
                log.append(("transport", i, repr(exc)))
                continue
            if response.status_code != 200:
                log.append(("status", i, response.status_code, response.text[:200]))
                continue
            body = response.json()
            total, ids = expected[i]
            if body["total"] != total or (check_ids and ranking(body["hits"]) != ids):
                log.append(("wrong", i, body["total"], total))
            log.append(("ok", time.monotonic()))


def unrelated_records(round_: int, count: int) -> list[Record]:
    return [
        Record(kind="disclosure", title=f"并发写入测试记录{round_}-{n}", body="并发写入测试。", publish_date="2031-01-01",
               url=f"https://demo.gongkai.invalid/concurrency/{round_}/{n}", source="concurrency-test")
        for n in range(count)
    ]  # fmt: skip


def test_readers_get_correct_answers_while_the_index_is_written_and_rebuilt(tmp_path):
    records = sample_records() + [Record(**r) for r in govcn_records()]
    with served_engine(tmp_path / "data", records) as (engine, base_url):
        expected = {}
        for i, params in enumerate(QUERIES):
            body = httpx.get(f"{base_url}/api/search", params={**params, "facets": "false"}).json()
            expected[i] = (body["total"], ranking(body["hits"]))
        assert all(total > 0 for total, _ in expected.values())

        entries, windows = [], []

        def while_hammering(check_ids: bool, work) -> None:
            stop, logs = threading.Event(), [[] for _ in range(8)]
            threads = [threading.Thread(target=hammer, args=(base_url, expected, stop, log, check_ids)) for log in logs]
            for thread in threads:
                thread.start()
            time.sleep(0.3)
            try:
                work()
            finally:
                stop.set()
                for thread in threads:
                    thread.join(timeout=30)
                entries.extend(entry for log in logs for entry in log)

        def rebuilds() -> None:  # each swaps in a new generation under the readers
            for _ in range(3):
                started = time.monotonic()
                assert engine.reindex() == len(records)
                windows.append((started, time.monotonic()))
                time.sleep(0.1)

        def writes_and_rebuilds() -> None:  # commits of records none of QUERIES matches: totals stay put
            for round_ in range(4):
                started = time.monotonic()
                assert engine.ingest_records(unrelated_records(round_, 20)).as_dict()["new"] == 20
                assert engine.reindex() == len(records) + 20 * (round_ + 1)
                windows.append((started, time.monotonic()))
                time.sleep(0.1)

        while_hammering(True, rebuilds)
        while_hammering(False, writes_and_rebuilds)
        assert httpx.get(f"{base_url}/api/search", params={"q": '"并发写入测试记录"'}).json()["total"] == 80

    problems = [entry for entry in entries if entry[0] != "ok"]
    assert problems == []
    during = sum(1 for entry in entries if any(start <= entry[1] <= end for start, end in windows))
    print(f"{len(entries)} requests, {during} during rebuilds")
    assert during >= 20, f"only {during} requests overlapped a rebuild: the test did not test anything"


WRITER = """
import json, sys
from gongkai.engine import Engine
from gongkai.record import Record
from gongkai.settings import load_settings
engine = Engine(load_settings(data_dir=sys.argv[1]))
if sys.argv[2] == "reindex":
    engine.reindex()
else:
    report = engine.ingest_records([Record(**json.loads(sys.argv[2]))])
    assert report.as_dict()["new"] == 1, report.as_dict()
engine.close()
"""


def run_in_other_process(data_dir, arg: str) -> None:
    subprocess.run([sys.executable, "-c", WRITER, str(data_dir), arg], check=True, timeout=120)


def wait_for(predicate, seconds: float = 10.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def test_server_picks_up_other_processes_commits_and_reindex_without_restart(tmp_path):
    data_dir = tmp_path / "data"
    with served_engine(data_dir, sample_records()[:50]) as (_, base_url), httpx.Client(base_url=base_url) as client:
        def total(q: str) -> int:
            return client.get("/api/search", params={"q": q}).json()["total"]

        assert total("鼓浪屿钢琴码头") == 0
        new = {
            "kind": "notice", "notice_type": "outage", "title": "鼓浪屿钢琴码头停水通知", "issuer": "厦门水务集团",
            "publish_date": "2024-06-01", "body": "因管道维修，鼓浪屿钢琴码头周边6月3日8:00至18:00停水。",
            "url": "https://demo.gongkai.invalid/water/1", "source": "other-process",
            "notice": {"utility": "water", "areas": ["鼓浪屿钢琴码头"], "windows": [{"start": "2024-06-03T08:00", "end": "2024-06-03T18:00"}]},
        }  # fmt: skip
        run_in_other_process(data_dir, json.dumps(new, ensure_ascii=False))
        assert wait_for(lambda: total("鼓浪屿钢琴码头") == 1), "the server did not see another process's commit"
        # The place as printed: a part of a name (钢琴码头) is not the place.
        outage = client.get("/api/notices/outages", params={"area": "鼓浪屿钢琴码头", "date": "2024-06-03"}).json()
        assert outage["affected"] is True

        before = client.get("/api/search", params={"q": "", "page_size": 100}).json()
        run_in_other_process(data_dir, "reindex")  # a new generation, swapped in by another process
        after = client.get("/api/search", params={"q": "", "page_size": 100}).json()
        assert after["total"] == before["total"] == 51
        assert [h["id"] for h in after["hits"]] == [h["id"] for h in before["hits"]]
        assert total("鼓浪屿钢琴码头") == 1
