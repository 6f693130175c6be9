"""A pick-up of the drop folder that fails as a whole says so Chinese first (doors2, session 11): a second `gongkai inbox
process` while one runs, and a data directory whose disk is full. Both said only English (`job 'inbox' is already
running`, `StoreError … database or disk is full`) where every other operator's message is `中文 / English`.
The real `gongkai` command in a child process, a real SQLite store, a real full disk (a small tmpfs; root only)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from gongkai.run_failures import run_failure_chinese, said_chinese_first

GONGKAI = Path(sys.executable).parent / "gongkai"
AGENCY = "厦门市思明区人民政府"


def gongkai(data_dir: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(GONGKAI), "--data-dir", str(data_dir), *args], capture_output=True, text=True, timeout=180,
                          env={**os.environ, "GONGKAI_FEEDS__INBOX_MIN_AGE_SECONDS": "0", **env}, check=False)


def records(n: int) -> str:
    body = "根据《厦门市老旧小区改造实施方案》，现将思明区改造项目公示如下：莲前街道、嘉莲街道、筼筜街道的小区。" * 40
    return "".join(json.dumps({"title": f"思明区关于第{i}批老旧小区改造项目的公示", "index_number": f"XM10200-0301-2025-{i:05d}",
                               "body": body}, ensure_ascii=False) + "\n" for i in range(n))


def test_a_second_pick_up_while_one_runs_is_refused_chinese_first(tmp_path):
    from gongkai.engine import Engine
    from gongkai.ops import locks
    from gongkai.ops.db import ops_engine
    from gongkai.settings import load_settings

    data = tmp_path / "data"
    settings = load_settings(data_dir=data)
    Engine(settings).close()  # the store exists
    db = ops_engine(settings.resolved_database_url)
    assert isinstance(locks.acquire(db, "job:inbox", locks.new_owner_id(), 600), locks.Acquired)  # a run holds it
    try:
        busy = gongkai(data, "inbox", "process")
    finally:
        db.dispose()
    assert busy.returncode == 1
    said = " ".join(busy.stderr.split())
    assert said.startswith("error: 任务 inbox 正在运行") and "job 'inbox' is already running" in said, said
    assert "放回" not in said  # it never started: no file was taken


def test_a_full_disk_fails_the_pick_up_chinese_first_and_the_files_wait_whole(tmp_path):
    data = tmp_path / "small-disk"
    data.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1600k", "tmpfs", str(data)], capture_output=True, check=False)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        inbox = tmp_path / "inbox"  # on the big disk: the store and its index fill the small one
        (inbox / AGENCY).mkdir(parents=True)
        export = records(150)  # about 1.3 MB of records: more than the store's disk has left
        (inbox / AGENCY / "export.jsonl").write_text(export, encoding="utf-8")
        failed = gongkai(data, "inbox", "process", GONGKAI_FEEDS__INBOX_DIR=str(inbox))
        assert failed.returncode == 1, failed.stdout + failed.stderr
        said = " ".join(failed.stderr.split())
        assert " ".join(failed.stderr[failed.stderr.index("error:"):].split()).startswith("error: 磁盘已满，本次运行整体失败"), said
        assert "收件箱本次运行提前结束，1 个已取走的文件已放回收件箱" in said and "run that died" not in said, said  # its own run, alive
        assert "已取走的文件都已放回收件箱" in said and "database or disk is full" in said and "inbox: failed:" in said, said
        assert (inbox / AGENCY / "export.jsonl").read_text(encoding="utf-8") == export  # back, whole, for the next run
    finally:
        subprocess.run(["umount", str(data)], check=False)


def test_each_whole_run_failure_is_said_and_an_unknown_one_too():
    assert run_failure_chinese("OSError: [Errno 28] No space left on device: 'raw/ab'").startswith("磁盘已满")
    assert run_failure_chinese("StoreError: (sqlite3.OperationalError) database is locked").startswith("数据库被其他进程占用")
    assert run_failure_chinese("stopped on request after a committed batch").startswith("运行已按请求中止")
    assert said_chinese_first("KeyError: 'x'") == "本次运行整体失败 / KeyError: 'x'"
