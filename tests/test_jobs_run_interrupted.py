"""`gongkai jobs run` stopped before its end exits 130 (session 10): a run stopped by Ctrl-C (or SIGTERM) was recorded
`interrupted` and the command exited 0, as for a run that finished, so a script went on as if the ingest were done.
A real `gongkai jobs run` process with a long ingest job, interrupted by SIGINT."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.test_sched_service import ALL_OFF, write_jsonl

pytestmark = pytest.mark.slow


def test_ctrl_c_is_not_a_success(tmp_path):
    big = write_jsonl(tmp_path / "big.jsonl", copies=60)  # 2,400 records: many seconds
    lines = [f'data_dir = "{tmp_path / "data"}"', "[scheduler]"] + [f'{k} = "{v}"' for k, v in ALL_OFF.items()]
    lines += ["[scheduler.extra_jobs.big]", 'target = "gongkai.ops.tasks:ingest_paths"', 'schedule = "0 3 * * *"',
              f'kwargs = {{ paths = ["{big}"] }}']
    (tmp_path / "gongkai.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    env = {**os.environ, "GONGKAI_CONFIG": str(tmp_path / "gongkai.toml")}
    env.pop("GONGKAI_DATA_DIR", None)
    gongkai = str(Path(sys.executable).parent / "gongkai")
    process = subprocess.Popen([gongkai, "jobs", "run", "big", "--json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, env=env, cwd=tmp_path)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:  # into the ingest: its run recorded and storing
        listed = subprocess.run([gongkai, "jobs", "history", "big", "--json"], capture_output=True, text=True, env=env, cwd=tmp_path)
        runs = [json.loads(line) for line in listed.stdout.splitlines()]
        if runs and runs[0]["outcome"] == "running":
            break
        time.sleep(0.3)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=120)
    run = json.loads(out)
    assert run["outcome"] == "interrupted", (out, err)
    assert process.returncode == 130
