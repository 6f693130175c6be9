"""Nothing-lost holes found after the session's gaps (lost): a write that fails while standard input is kept (a disk
full, a file size limit), and copies of standard input a killed `gongkai ingest -` left half-made. The real `gongkai`
executable in a subprocess with a real pipe and a real file size limit (RLIMIT_FSIZE: the kernel refuses the write,
as on a full disk); real files for the prune."""

from __future__ import annotations

import io
import json
import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

from gongkai.engine import Engine
from gongkai.kept_inputs import prune_kept_inputs
from gongkai.stdin_input import STDIN_FOLDER

GONGKAI = Path(sys.executable).parent / "gongkai"
GOOD = {"title": "厦门市财政局关于预算公开的通知", "issuer": "厦门市财政局", "body": "预算公开" * 100, "publish_date": "2024-03-01"}


def _limited(size: int):
    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # the write fails with EFBIG instead of killing the process
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))
    return limit


def test_standard_input_that_cannot_be_kept_is_refused_whole_with_a_message(tmp_path):
    data = tmp_path / "data"
    piped = "".join(json.dumps({**GOOD, "title": f"厦门市财政局关于第{n}批资金的通知"}, ensure_ascii=False) + "\n" for n in range(200)).encode()
    done = subprocess.run([str(GONGKAI), "--data-dir", str(data), "ingest", "-"], input=piped, capture_output=True, timeout=120,
                          cwd=tmp_path, check=False, preexec_fn=_limited(64 * 1024))
    assert done.returncode == 1, done.stderr.decode()
    said = done.stderr.decode()
    assert "无法保存标准输入，未导入任何记录" in said and "nothing was ingested" in said and "Traceback" not in said
    assert not list((data / STDIN_FOLDER).iterdir())  # no half copy left behind


def test_half_made_copies_of_a_killed_ingest_are_pruned_once_old(settings):
    engine = Engine(settings)
    try:
        folder = settings.data_dir / STDIN_FOLDER
        folder.mkdir(parents=True)
        half = folder / ".piped-abc123"
        half.write_bytes(b'{"title": "half')  # what a SIGKILLed copy leaves: no record reads it, no entry names it
        kept = folder / ("0" * 32 + ".jsonl")
        kept.write_bytes(io.BytesIO(b"{}\n").read())
        assert prune_kept_inputs(settings, engine.store, 1).deleted == []  # young: perhaps being copied right now
        report = prune_kept_inputs(settings, engine.store, 1, now=time.time() + 2 * 86400)
        assert str(half) in report.deleted and str(kept) in report.deleted
        assert not os.listdir(folder)
    finally:
        engine.close()


def test_a_record_file_that_grows_while_gongkai_ingest_reads_it_is_said(settings, tmp_path, caplog):
    """The drop folder puts a file written on during its run back (tests/test_inbox_slow_writer.py); `gongkai ingest`
    read to the end it saw and said nothing, so the operator took the rest as read."""
    from gongkai.inputs import iter_path_items

    path = tmp_path / "export.jsonl"
    path.write_text("".join(json.dumps({**GOOD, "title": f"厦门市财政局关于第{n}批资金的通知"}, ensure_ascii=False) + "\n" for n in range(3)), encoding="utf-8")
    engine = Engine(settings)
    try:
        with engine.ingest_session() as session, caplog.at_level("WARNING", logger="gongkai.inputs"):
            items = iter_path_items([path], session)
            next(items)
            with path.open("a", encoding="utf-8") as more:  # its writer goes on
                more.write(json.dumps({**GOOD, "title": "厦门市财政局关于第9批资金的通知"}, ensure_ascii=False) + "\n")
            list(items)
        assert "changed while it was read" in caplog.text and "在读取时发生了变化" in caplog.text
        caplog.clear()
        with engine.ingest_session() as session, caplog.at_level("WARNING", logger="gongkai.inputs"):
            list(iter_path_items([path], session))  # read whole, unchanged: nothing to say
        assert "changed while it was read" not in caplog.text
    finally:
        engine.close()


def test_an_archive_on_a_full_disk_keeps_no_half_copy(settings, tmp_path):
    """feeds.archive_dir on another filesystem that is full: the claimed file goes back to the inbox whole and the archive
    holds no half copy under its name (shutil.move left one, which a quarantine retry would read as the file). A real
    64 KiB tmpfs (root only: skipped elsewhere)."""
    import pytest

    from gongkai.feeds.inbox import archive_dir, inbox_dir, process_inbox

    small = tmp_path / "small-disk"
    small.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(small)], capture_output=True, check=False)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        settings.feeds = settings.feeds.model_copy(update={"archive_dir": small})
        engine = Engine(settings)
        try:
            folder = inbox_dir(engine) / "厦门市财政局"
            folder.mkdir(parents=True)
            body = "".join(json.dumps({**GOOD, "title": f"厦门市财政局关于第{n}批资金的通知"}, ensure_ascii=False) + "\n" for n in range(150))
            (folder / "export.jsonl").write_text(body, encoding="utf-8")  # about 190 KB: more than the archive's disk holds
            try:
                process_inbox(engine, now=time.time() + 3600)
            except OSError as exc:
                assert exc.errno == 28  # ENOSPC: the run fails as a whole
            assert (folder / "export.jsonl").read_text(encoding="utf-8") == body  # back in the inbox, whole
            assert [p for p in archive_dir(engine).rglob("*") if p.is_file()] == []  # no half copy, no .part left
            assert engine.store.count() == 150  # the records went in; the next run finds them unchanged
        finally:
            engine.close()
    finally:
        subprocess.run(["umount", str(small)], check=False)
