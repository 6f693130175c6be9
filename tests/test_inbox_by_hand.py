"""`gongkai inbox process` run by hand is the inbox job's run (probe5): it is in the job history and the freshness
watch counts it. The drop folder's sources showed "overdue: never ran to the end" right after a good pick-up by
hand. The real `gongkai` command in a child process, a real SQLite store and drop folder."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import CORPUS

GONGKAI = Path(sys.executable).parent / "gongkai"
DOCUMENTS = sorted((CORPUS / "pdf_docx" / "govcn_as_files").glob("*.docx"))


def gongkai(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "GONGKAI_FEEDS__INBOX_MIN_AGE_SECONDS": "0"}
    return subprocess.run([str(GONGKAI), "--data-dir", str(data_dir), *args], capture_output=True, text=True,
                          env=env, timeout=120, check=False)


def test_a_pick_up_by_hand_is_the_inbox_job_s_run_and_counts_for_freshness(tmp_path):
    data = tmp_path / "data"
    inbox = data / "inbox"
    inbox.mkdir(parents=True)
    for document in DOCUMENTS[:2]:  # documents: their records' source is the drop folder's ("inbox")
        shutil.copy(document, inbox / document.name)
    picked = gongkai(data, "inbox", "process", "--json")
    assert picked.returncode == 0, picked.stderr
    report = json.loads(picked.stdout)
    assert (report["new"], report["files"], report["refused"]) == (2, 2, [])

    runs = [json.loads(line) for line in gongkai(data, "jobs", "history", "inbox", "--json").stdout.splitlines()]
    assert [(run["job"], run["trigger"], run["outcome"], run["new"]) for run in runs] == [("inbox", "manual", "ok", 2)]

    status = gongkai(data, "sources", "status", "--json")
    [drop] = [source for source in json.loads(status.stdout) if source["kind"] == "drop-folder"]
    assert drop["last_run"] is not None and not any("never ran" in reason for reason in drop["reasons"]), drop

    # the plain output says what it did, as before
    shutil.copy(DOCUMENTS[2], inbox / DOCUMENTS[2].name)
    again = gongkai(data, "inbox", "process")
    assert again.returncode == 0, again.stderr
    assert "files 1" in again.stdout and "new 1" in again.stdout
