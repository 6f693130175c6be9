"""A feeds poll's errors are the run's errors, and `gongkai poll` by hand is the feeds-poll job's run (probe5). A
scheduled poll of an unreachable feed was recorded `ok` with errors 0 and its error lines dropped (the run's counts
took the report's list of errors for a number it is not), and a poll by hand was in no history: the freshness
watch never counted it. The real `gongkai` command in child processes, a real closed port, a real SQLite store."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

GONGKAI = Path(sys.executable).parent / "gongkai"


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # nothing listens once it is closed


def gongkai(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    feeds = json.dumps([{"name": "水务", "url": f"http://127.0.0.1:{closed_port()}/feed.xml"}])
    env = {**os.environ, "GONGKAI_FEEDS__AGENCY_FEEDS": feeds}
    return subprocess.run([str(GONGKAI), "--data-dir", str(data_dir), *args], capture_output=True, text=True,
                          env=env, timeout=120, check=False)


def test_a_poll_of_an_unreachable_feed_counts_its_error_and_a_poll_by_hand_is_a_run(tmp_path):
    data = tmp_path / "data"
    scheduled = json.loads(gongkai(data, "jobs", "run", "feeds-poll", "--json").stdout)
    assert scheduled["errors"] == 1 and "水务" in " ".join(scheduled["counts"]["error_messages"]), scheduled
    assert "水务" in scheduled["message"]  # jobs history shows why

    by_hand = gongkai(data, "poll", "--json")
    report = json.loads(by_hand.stdout)
    assert report["feeds"] == 1 and len(report["errors"]) == 1 and "水务" in report["errors"][0]
    runs = [json.loads(line) for line in gongkai(data, "jobs", "history", "feeds-poll", "--json").stdout.splitlines()]
    assert [(run["trigger"], run["errors"]) for run in runs] == [("manual", 1), ("manual", 1)]
    plain = gongkai(data, "poll")
    assert "feeds 1" in plain.stdout and "水务" in plain.stderr
