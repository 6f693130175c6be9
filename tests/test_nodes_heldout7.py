"""nodes7's held-out multi-node round (session 19, issue 20), written before its first run. Four `gongkai` nodes as real
processes on one store (a SQLite file; a throwaway PostgreSQL), each with its own data directory and clock
(tests/nodes7_harness.py): A on time, B 65 minutes behind, C 3 hours ahead whose clock is then stepped back to 10 minutes
behind (an NTP step), D a node restored from a backup of A's data directory taken early (its index older than the store).
At once: A ingests a 厦门日报 classified column of 40 遗失声明, B rebuilds its index (reindex) and runs the alerts, C pushes
the outbox to the national platform (sync-push) and is killed -9 while it holds the job's lease, mid-batch. Then A takes
the push over, C stores three outage notices and a reprinted notice (a second version), A and B run the alerts at once,
B's and C's followers catch up from behind, and D starts serving on its old index.

Measured: nothing lost (every record stored, every version sent to the platform), nothing doubled (one document per
record in every node's index, one hit per notice), no alert delivery sent twice and each matching record told once, the
killed push recorded lost once and taken over once. Material: tests/fixtures/heldout19/nodes7/round1.json."""

from __future__ import annotations

import json
import shutil
import signal
from pathlib import Path
from typing import Any

import httpx
import pytest

from gongkai.engine import Engine
from gongkai.feeds.sync_receiver import SyncReceiver
from gongkai.settings import load_settings
from tests.alert_receiver import Receiver
from tests.nodes7_harness import Nodes, finish, store_url, wait_for
from tests.test_alert_mail import free_port

MATERIAL = Path(__file__).resolve().parent / "fixtures" / "heldout19" / "nodes7" / "round1.json"


def material() -> dict[str, Any]:
    return json.loads(MATERIAL.read_text(encoding="utf-8"))


def told(hooks: Receiver, alert_id: str) -> list[tuple[str, str]]:
    return sorted(
        (record["source_url"], record["change"])
        for body in hooks.accepted.values()
        if body["alert_id"] == alert_id
        for record in body["records"]
    )


def stored_versions(url: str, tmp_path: Path) -> dict[str, int]:
    engine = Engine(load_settings(data_dir=tmp_path / "reader", database_url=url))
    try:
        return {record.url: record.version for record in engine.store.iter_records(include_withdrawn=True)}
    finally:
        engine.close()


@pytest.mark.parametrize("database", ["sqlite", "postgresql"])
def test_round1_a_busy_morning_on_four_nodes(tmp_path, database, request):
    spec = material()
    url = store_url(database, tmp_path, request)
    problems: list[str] = []  # every check's failure, so that a run counts them all

    def check(ok: bool, what: str) -> None:
        if not ok:
            problems.append(what)

    # the platform answers the first pushes slowly (stored, then acknowledged 1.5 s later): C is killed inside one
    with Receiver() as hooks, SyncReceiver(faults=["slow"] * 3, slow_seconds=1.5) as platform:
        nodes = Nodes(
            tmp_path,
            url,
            dict(spec["clocks"]),
            GONGKAI_FEEDS__SYNC_URL=platform.url,
            GONGKAI_FEEDS__SYNC_BATCH_SIZE="5",
            GONGKAI_FEEDS__SYNC_BACKOFF_SECONDS="0.01",
            GONGKAI_FEEDS__SYNC_TIMEOUT_SECONDS="20",
        )
        nodes.ingest("A", spec["backlog"])
        shutil.copytree(tmp_path / "A", tmp_path / "D")  # D's backup: A's data directory with its index of 6 records

        made = {a["key"]: nodes.start(a["made_on"], "alerts", "add", "--query", a["query"], *a["filters"], "--webhook",
                                      hooks.url, "--json") for a in spec["alerts"]}
        alert_ids = {key: json.loads(finish(p, f"alert {key}").strip().splitlines()[-1])["id"] for key, p in made.items()}

        # at once: A's column, B's reindex and alerts run, C's push (killed -9 in the middle of a batch)
        column = nodes.start("A", "ingest", str(nodes.write_jsonl(spec["column"])))
        reindex = nodes.start("B", "reindex")
        alerts_b = nodes.start("B", "alerts", "run", "--json")
        push_c = nodes.start("C", "jobs", "run", "sync-push")
        wait_for(lambda: platform.requests >= 2 or push_c.poll() is not None, 120, "C's second batch")
        push_c.send_signal(signal.SIGKILL)
        push_c.wait(30)
        for process, what in ((column, "A's column"), (reindex, "B's reindex"), (alerts_b, "B's alerts run")):
            finish(process, what)

        finish(nodes.start("A", "jobs", "run", "sync-push"), "A's push after C died")
        runs = nodes.start("A", "jobs", "history", "sync-push", "--json")
        nodes.clocks[spec["clock_jump"]["node"]] = spec["clock_jump"]["to"]  # C's clock stepped back
        wave2_said = nodes.ingest("C", spec["wave2"])
        outcomes = sorted(json.loads(line)["outcome"] for line in finish(runs, "A's jobs history").splitlines()
                          if line.strip().startswith("{"))
        check(outcomes.count("lost") == 1 and "running" not in outcomes, f"sync-push runs: {outcomes}")

        both = [nodes.start(node, "alerts", "run", "--json") for node in ("A", "B")]
        for process in both:
            finish(process, "the alerts runs of A and B")
        last = [nodes.start("C", "alerts", "run", "--json"), nodes.start("B", "jobs", "run", "sync-push")]
        for process in last:
            finish(process, "C's last alerts run and B's last push")

        # the followers behind catch up; D starts on its old index
        follows = [nodes.start(node, "index", "follow", "--once", "--json") for node in ("B", "C")]
        port = free_port()
        server = nodes.start("D", "serve", "--port", str(port), "--no-access-log")
        try:
            for process in follows:
                finish(process, "a follower's round")
            base = f"http://127.0.0.1:{port}"
            wait_for(lambda: _caught_up(base) or server.poll() is not None, 120, "D to serve and catch up")
            check(server.poll() is None, "D's server died")
            served = httpx.get(base + "/api/stats", timeout=30).json()
            hits = {}
            for row in (spec["column"][0], spec["column"][3], spec["column"][-1], spec["wave2"][1], spec["backlog"][4]):
                answer = httpx.get(base + "/api/search", params={"q": row["title"]}, timeout=30).json()
                hits[row["title"]] = [hit["url"] for hit in answer["hits"] if hit["title"] == row["title"]]
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(30)

        alerts_told = {key: told(hooks, alert_id) for key, alert_id in alert_ids.items()}
        check(hooks.repeats == 0, f"deliveries sent twice: {hooks.repeats}")
        states = [(record_id, version, change) for _, record_id, version, change in platform.received]

    expect = spec["expect"]
    versions = stored_versions(url, tmp_path)
    check(len(versions) == expect["records"], f"records stored: {len(versions)} of {expect['records']}")
    check(sum(versions.values()) == expect["versions"], f"versions: {sum(versions.values())} of {expect['versions']} (C's ingest: {wave2_said.strip()})")
    for key in ("lost", "power"):
        wanted = sorted((u, "new") for u in expect[key])
        check(alerts_told[key] == wanted, f"alert {key}: told {alerts_told[key]}, wanted {wanted}")
    check(len(states) == expect["versions"] and len(set(states)) == len(states),
          f"versions sent to the platform: {len(states)} ({len(set(states))} distinct) of {expect['versions']}")
    looks = {node: nodes.start(node, "stats", "--json") for node in ("B", "C")}
    for node, process in looks.items():
        out = finish(process, f"node {node}'s stats")
        index = json.loads(out[out.index("{") :])["index"]
        check(index["documents"] == expect["records"] and index["watermark"] == index["store_seq"],
              f"node {node}'s index after its follower's round: {index}")
    index = served["index"]
    check(index["documents"] == expect["records"] and index["watermark"] == index["store_seq"],
          f"node D's index served: {index}")
    for title, urls in hits.items():
        check(len(urls) == 1, f"D's hits for {title}: {urls}")
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)


def _caught_up(base: str) -> bool:
    try:
        index = httpx.get(base + "/api/stats", timeout=5).json()["index"]
    except (httpx.HTTPError, ValueError, KeyError):
        return False
    return bool(index["store_seq"]) and index["watermark"] == index["store_seq"]
