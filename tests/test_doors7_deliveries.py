"""doors7's held-out deliveries (tests/doors7_cases.py) through the drop folder, the push over a socket and `gongkai
ingest`: each stored, quarantined with its reason, refused with a 4xx, or left in place; never lost."""

from __future__ import annotations

import pytest

from tests.doors7_cases import CASES
from tests.support import assert_delivered, delivery_pairs

PAIRS = delivery_pairs(CASES, ("ingest", "inbox", "push"))


@pytest.mark.parametrize("case, entry", PAIRS, ids=[f"{entry.name}-{case.name}" for case, entry in PAIRS])
def test_delivery_is_stored_quarantined_or_left_never_lost(case, entry, tmp_path, monkeypatch):
    assert_delivered(case, entry, tmp_path, monkeypatch)


# ------------------------------------------------------------------ the machine itself: disks, permissions, signals
# Expectations written before the run: whatever the machine does under a run (a disk filling, a folder it may not write,
# a file it may not read, a signal), every delivered file ends archived once or back in the inbox whole, never deleted,
# never half copied; every record is stored once after a re-run; a file the run cannot read is left with why.

import json  # noqa: E402
import os  # noqa: E402
import shutil  # noqa: E402
import signal  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from contextlib import contextmanager  # noqa: E402
from pathlib import Path  # noqa: E402

from tests.doors5_cases import line, lines  # noqa: E402
from tests.doors7_cases import rec  # noqa: E402
from tests.support import deliver_old, files_under  # noqa: E402

AGENCY = "厦门市卫生健康委员会"
GONGKAI = Path(sys.executable).parent / "gongkai"


def _engine(data: Path, **feeds):
    from gongkai.engine import Engine
    from gongkai.settings import load_settings

    return Engine(load_settings(data_dir=data, feeds=feeds) if feeds else load_settings(data_dir=data))


@contextmanager
def _tmpfs(folder: Path, size: str):
    """`folder` a tmpfs of `size` (root only, else skipped): a disk that fills."""
    folder.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)], capture_output=True, check=False)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def _batch(start: int, n: int, pad: int = 0) -> bytes:
    return lines(*(line(rec(i, body=rec(i)["body"] + "附：" + "内容" * pad)) for i in range(start, start + n)))


def test_an_archive_disk_that_fills_during_a_run(tmp_path):
    """feeds.archive_dir on its own small disk, filled by the run's third file: the files not archived stay in the inbox
    whole (no half copy anywhere), their records stored once; the next run, with room again, archives them."""
    data = tmp_path / "data"
    files = {f"{n}.jsonl": _batch(100 + 10 * n, 10, pad=1500) for n in range(5)}  # ~ 40 KB each
    deliver_old(data / "inbox" / AGENCY, files)
    with _tmpfs(tmp_path / "archive", "100k") as archive:
        from gongkai.feeds.inbox import process_inbox

        engine = _engine(data, archive_dir=str(archive))
        try:
            try:
                process_inbox(engine, now=time.time() + 60)
            except OSError:
                pass  # the run may end on the full disk; what it must not do is lose or halve a file
            archived = {p.name: p for p in files_under(archive)}
            left = {p.name: p for p in files_under(data / "inbox")}
            assert not [n for n in archived if n.startswith(".")], f"a half copy stayed: {archived}"
            assert sorted([*archived, *left]) == sorted(files), (archived, left)
            assert all(p.read_bytes() == files[n] for n, p in [*archived.items(), *left.items()])
            assert all(p.parent.parent == data / "inbox" for p in left.values()), f"not back in the agency folder: {left}"
            assert len(list(engine.export())) == 50
        finally:
            engine.close()
        subprocess.run(["mount", "-o", "remount,size=2m", str(archive)], check=True)
        engine = _engine(data, archive_dir=str(archive))
        try:
            process_inbox(engine, now=time.time() + 60)
            assert files_under(data / "inbox") == [] and sorted(p.name for p in files_under(archive)) == sorted(files)
            assert len(list(engine.export())) == 50 and engine.store.quarantine_list(None, limit=10) == []
        finally:
            engine.close()


def test_a_data_disk_that_fills_during_a_run(tmp_path):
    """The whole data folder (store, index, inbox) on a small disk that a large export fills while it is stored: the run
    fails with a word, not a traceback; its files go back to the inbox whole; with room again the next run stores every
    record once."""
    with _tmpfs(tmp_path / "data", "12m") as data:
        files = {"大.jsonl": _batch(1000, 1500, pad=400)}  # ~ 2.7 MB of records: the store and index need more than what is left
        deliver_old(data / "inbox" / AGENCY, {"小.jsonl": _batch(900, 5)})
        first = subprocess.run([str(GONGKAI), "--data-dir", str(data), "inbox", "process"], capture_output=True, text=True, timeout=300, check=False)
        assert first.returncode == 0, first.stderr
        deliver_old(data / "inbox" / AGENCY, files)
        filler = data / "filler"
        filler.write_bytes(bytes(max(shutil.disk_usage(data).free - 1024 * 1024, 0)))  # 1 MB left: less than storing it takes
        full = subprocess.run([str(GONGKAI), "--data-dir", str(data), "inbox", "process"], capture_output=True, text=True, timeout=300, check=False)
        assert "Traceback" not in full.stderr, full.stderr[-3000:]
        left = files_under(data / "inbox")
        archived = files_under(data / "inbox-archive")
        assert "大.jsonl" in [p.name for p in [*left, *archived]], (left, archived)
        for p in [*left, *archived]:
            if p.name == "大.jsonl":
                assert p.read_bytes() == files["大.jsonl"]
        filler.unlink()
        subprocess.run(["mount", "-o", "remount,size=64m", str(data)], check=True)
        again = subprocess.run([str(GONGKAI), "--data-dir", str(data), "inbox", "process"], capture_output=True, text=True, timeout=300, check=False)
        assert again.returncode in (0, 1), again.stderr[-3000:]
        engine = _engine(data)
        try:
            records = list(engine.export())
            assert len(records) == len({r.id for r in records}) == 1505, len(records)
            assert engine.stats()["index"]["documents"] == 1505
        finally:
            engine.close()
        assert files_under(data / "inbox") == []


def _without_root_powers(*args: str) -> subprocess.CompletedProcess[str]:
    """A gongkai command as root without the powers that pass file permissions (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH),
    as the service's own user meets them; skipped where setpriv is missing."""
    setpriv = shutil.which("setpriv")
    if setpriv is None or os.geteuid() != 0:
        pytest.skip("needs root and setpriv to drop the permission powers")
    return subprocess.run([setpriv, "--bounding-set=-dac_override,-dac_read_search", "--inh-caps=-dac_override,-dac_read_search",
                           str(GONGKAI), *args], capture_output=True, text=True, timeout=300, check=False)


def test_a_file_the_run_may_not_read_is_left_with_why_and_the_others_go_in(tmp_path):
    data = tmp_path / "data"
    folder = deliver_old(data / "inbox" / AGENCY, {"可读.jsonl": _batch(200, 3), "不可读.jsonl": _batch(210, 3), "不可读.html": b"<html><title>x</title></html>"})
    (folder / "不可读.jsonl").chmod(0)
    (folder / "不可读.html").chmod(0)
    result = _without_root_powers("--data-dir", str(data), "inbox", "process", "--json")
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    engine = _engine(data)
    try:
        assert len(list(engine.export())) == 3
        reasons = [e["reason"] for e in engine.store.quarantine_list(None, limit=10)]
    finally:
        engine.close()
    # left in place (said in the run's report) or quarantined with why; never archived unread, never lost
    still = {p.name for p in files_under(data / "inbox")}
    said = result.stdout + result.stderr + " ".join(reasons)
    for name in ("不可读.jsonl", "不可读.html"):
        assert name in still or any(name in r for r in reasons), (still, reasons)
        assert name in said and ("ermission" in said or "权限" in said), said[-2000:]


def test_gongkai_ingest_of_an_unreadable_file_says_so_and_goes_on(tmp_path):
    given = tmp_path / "given"
    given.mkdir()
    (given / "a.jsonl").write_bytes(_batch(220, 2))
    (given / "b.jsonl").write_bytes(_batch(230, 2))
    (given / "b.jsonl").chmod(0)
    locked = given / "锁住"
    locked.mkdir()
    (locked / "c.jsonl").write_bytes(_batch(240, 2))
    locked.chmod(0)
    try:
        result = _without_root_powers("--data-dir", str(tmp_path / "data"), "ingest", "--json", str(given))
    finally:
        locked.chmod(0o755)
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    said = [json.loads(out) for out in result.stdout.splitlines() if out.startswith("{")]
    assert sorted(s["status"] for s in said if "a.jsonl" in s["input"]) == ["new", "new"], said
    assert any("b.jsonl" in s["input"] and s["status"] != "new" for s in said), said
    assert any("锁住" in s["input"] for s in said) or "锁住" in result.stderr, (said, result.stderr)


def test_a_read_only_archive_folder(tmp_path):
    """The archive folder made read-only (an operator's chmod, a share mounted ro): records stored, every file back in
    the inbox whole (none deleted, none lost), a word said; made writable again, the next run archives them."""
    data = tmp_path / "data"
    files = {"a.jsonl": _batch(250, 3), "b.jsonl": _batch(260, 2)}
    deliver_old(data / "inbox" / AGENCY, files)
    archive = data / "inbox-archive"
    archive.mkdir(parents=True)
    archive.chmod(0o555)
    try:
        result = _without_root_powers("--data-dir", str(data), "inbox", "process")
    finally:
        archive.chmod(0o755)
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    assert sorted(p.name for p in files_under(data / "inbox")) == sorted(files), files_under(data)
    assert all(p.read_bytes() == files[p.name] for p in files_under(data / "inbox"))
    again = subprocess.run([str(GONGKAI), "--data-dir", str(data), "inbox", "process"], capture_output=True, text=True, timeout=300, check=False)
    assert again.returncode == 0, again.stderr[-2000:]
    assert files_under(data / "inbox") == [] and sorted(p.name for p in files_under(archive)) == sorted(files)
    engine = _engine(data)
    try:
        assert len(list(engine.export())) == 5 and engine.store.quarantine_list(None, limit=10) == []
    finally:
        engine.close()


def test_symlinks_out_of_the_folder_and_in_a_loop(tmp_path):
    """In the drop folder: a symlink to /etc/passwd, a symlink to a record file outside, a link to itself, two links to
    each other, a folder link to its parent: none followed, all left and named; the real file beside them goes in.
    `gongkai ingest` of the folder: the loops named as such, never followed for ever."""
    from gongkai.feeds.inbox import process_inbox

    data = tmp_path / "data"
    outside = tmp_path / "外面.jsonl"
    outside.write_bytes(_batch(270, 2))
    folder = deliver_old(data / "inbox" / AGENCY, {"真.jsonl": _batch(280, 2)})
    os.symlink("/etc/passwd", folder / "passwd.jsonl")
    os.symlink(outside, folder / "外面.jsonl")
    os.symlink("自己.jsonl", folder / "自己.jsonl")
    os.symlink("乙.jsonl", folder / "甲.jsonl")
    os.symlink("甲.jsonl", folder / "乙.jsonl")
    os.symlink("..", folder / "上级")
    engine = _engine(data)
    try:
        report = process_inbox(engine, now=time.time() + 60)
        assert [r.title for r in engine.export()] == [rec(280)["title"], rec(281)["title"]] or len(list(engine.export())) == 2
        for name in ("passwd.jsonl", "外面.jsonl", "自己.jsonl", "甲.jsonl", "乙.jsonl", "上级"):
            assert (folder / name).is_symlink() and any(name in said for said in report.refused), (name, report.refused)
        assert outside.read_bytes() == _batch(270, 2)
    finally:
        engine.close()
    given = tmp_path / "given"
    given.mkdir()
    (given / "真.jsonl").write_bytes(_batch(290, 2))
    os.symlink("..", given / "上级")
    os.symlink("自己", given / "自己")
    result = subprocess.run([str(GONGKAI), "--data-dir", str(tmp_path / "data2"), "ingest", "--json", str(given)], capture_output=True, text=True, timeout=120, check=False)
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    said = [json.loads(out) for out in result.stdout.splitlines() if out.startswith("{")]
    assert sorted(s["status"] for s in said if "真.jsonl" in s["input"]) == ["new", "new"], said
    assert not any("外面" in s["input"] for s in said), "followed a folder link out of the folder given"


# ------------------------------------------------------------------ the push: retried, empty


def _pushing(tmp_path):
    from tests.test_doors6_deliveries import _pushing as doors6_pushing

    return doors6_pushing(tmp_path)


def test_a_push_retried_after_a_timeout_is_one_record(tmp_path):
    """A client gives up waiting (its timeout shorter than the server's work) and sends the same bytes again, twice: one
    record, version 1; the retried answers say unchanged, never a second record nor a 5xx."""
    import httpx

    record = json.dumps(rec(310), ensure_ascii=False).encode()
    batch = lines(*(line(rec(i)) for i in range(311, 316)))
    with _pushing(tmp_path) as push:
        headers = {"Authorization": f"Bearer {push.tokens['厦门市财政局']}"}
        for body, kind in ((record, "application/json"), (batch, "application/x-ndjson")):
            try:
                httpx.post(push.base + "/api/ingest", content=body, headers={**headers, "Content-Type": kind}, timeout=0.001)
            except httpx.TimeoutException:
                pass  # what the client saw; the server may have finished
            for _ in range(2):
                again = push.post(body, kind)
                assert again.status_code in (200, 201, 207), again.text
        time.sleep(0.5)
        records = list(push.engine.export())
        assert len(records) == len({r.id for r in records}) == 6, [r.title for r in records]
        assert all(r.version == 1 for r in records), [(r.title, r.version) for r in records]
        page = (b"<html><head><title>t</title></head><body><h1>" + rec(317)["title"].encode() + b"</h1><p>" + rec(317)["body"].encode()
                + b"</p></body></html>")
        for _ in range(2):
            sent = httpx.post(push.base + "/api/ingest", headers=headers, files={"file": ("通知.html", page)}, timeout=60)
            assert sent.status_code in (200, 201), sent.text
        assert len(list(push.engine.export())) == 7


@pytest.mark.parametrize("how", ["json", "ndjson", "multipart", "multipart-json", "gzip"])
def test_a_push_of_zero_bytes_is_a_4xx_saying_so(tmp_path, how):
    import gzip

    import httpx

    with _pushing(tmp_path) as push:
        headers = {"Authorization": f"Bearer {push.tokens['厦门市财政局']}"}
        if how.startswith("multipart"):
            name = "空.json" if how == "multipart-json" else "空.pdf"
            answer = httpx.post(push.base + "/api/ingest", headers=headers, files={"file": (name, b"")}, timeout=30)
        elif how == "gzip":
            answer = httpx.post(push.base + "/api/ingest", content=gzip.compress(b""), timeout=30,
                                headers={**headers, "Content-Type": "application/x-ndjson", "Content-Encoding": "gzip"})
        else:
            answer = httpx.post(push.base + "/api/ingest", content=b"", timeout=30,
                                headers={**headers, "Content-Type": "application/json" if how == "json" else "application/x-ndjson"})
        assert 400 <= answer.status_code < 500, answer.text
        assert "空" in answer.text or (how == "gzip" and "压缩" in answer.text), answer.text  # (a gzip body: 415, send it uncompressed)
        assert list(push.engine.export()) == []


# ------------------------------------------------------------------ SIGTERM during a run


@pytest.mark.parametrize("command", [["inbox", "process"], ["ingest", "--json"]])
def test_sigterm_during_a_run_stops_it_cleanly_and_a_rerun_finishes(tmp_path, command):
    """SIGTERM (systemd stopping the service, `kill`) while a large export is read: the process ends within seconds with a
    word and no traceback; no file is deleted or left in a processing folder; the re-run stores every record once."""
    data = tmp_path / "data"
    # large enough to be still read when the signal comes on a quiet machine: 4,000 short records were read whole in the
    # 1.5 s a fresh-clone CI run waited (the file archived, the process finishing: a stopped run was not what it tested)
    n = 8_000
    files = {"大导出.jsonl": _batch(10_000, n, pad=100)}
    if command[0] == "inbox":
        deliver_old(data / "inbox" / AGENCY, files)
        args = command
    else:
        given = deliver_old(tmp_path / "given", files)
        args = [*command, str(given)]
    env = {**os.environ, "GONGKAI_STORE__BATCH_SIZE": "200"}
    child = subprocess.Popen([str(GONGKAI), "--data-dir", str(data), *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    # wait until some records are stored (the store's file grows), then stop it
    deadline = time.time() + 60
    while time.time() < deadline and child.poll() is None:
        stored = sum(p.stat().st_size for p in data.rglob("*.db*")) if data.exists() else 0
        if stored > 1_000_000 or list(data.glob("inbox/.processing/*/*/大导出.jsonl")):
            time.sleep(0.5)
            break
        time.sleep(0.05)
    if child.poll() is not None:
        pytest.skip("the run finished before it could be stopped")
    child.send_signal(signal.SIGTERM)
    try:
        _, err = child.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        child.kill()
        _, err = child.communicate()
        pytest.fail("a SIGTERM did not stop the run within 30 s")
    assert "Traceback" not in err, err[-3000:]
    assert child.returncode == 143 and "SIGTERM" in err, (child.returncode, err[-2000:])  # stopped, said so
    if command[0] == "inbox":
        assert [p.name for p in files_under(data / "inbox")] == ["大导出.jsonl"], files_under(data / "inbox")
        assert (data / "inbox" / AGENCY / "大导出.jsonl").is_file(), "a stopped run leaves its files claimed, not put back"
    again = subprocess.run([str(GONGKAI), "--data-dir", str(data), *args], capture_output=True, text=True, timeout=300, check=False, env=env)
    assert again.returncode == 0, again.stderr[-3000:]
    engine = _engine(data)
    try:
        records = list(engine.export())
        assert len(records) == len({r.id for r in records}) == n
        assert engine.stats()["index"]["documents"] == n
    finally:
        engine.close()
    if command[0] == "inbox":
        assert files_under(data / "inbox") == []


@pytest.mark.parametrize("at_end", [False, True], ids=["while-read", "after-its-end-was-read"])
@pytest.mark.parametrize("cut", ["mid-line", "line-end", "mid-character"])
def test_an_export_written_on_while_its_records_are_read(tmp_path, monkeypatch, cut, at_end):
    """The writer paused past inbox_min_age_seconds (the run took the file) and wrote on while the run read it, or just
    after the run read its end (a half line, a character cut): the claimed file changed under the reader, is put back,
    and read whole by the next run; every record stored once, and the half line the first run met closed with it (it
    stayed open beside the record its line went in as: a fault of the moment, not of the file)."""
    import gongkai.inputs as inputs
    from gongkai.feeds.inbox import process_inbox

    data = tmp_path / "data"
    whole = _batch(400, 60)
    at = {"mid-line": len(whole) // 2 + 11, "line-end": whole.index(b"\n", len(whole) // 2) + 1,
          "mid-character": whole.index(rec(430)["title"].encode()) + 1}[cut]  # (inside 厦's three bytes)
    folder = deliver_old(data / "inbox" / AGENCY, {"导出.jsonl": whole[:at]})
    real = inputs.iter_record_file
    claimed: list[Path] = []

    def write_on(path: Path) -> None:
        claimed.append(path)
        with open(path, "ab") as handle:
            handle.write(whole[at:])

    def reading(path, *args, **kwargs):
        for n, item in enumerate(real(path, *args, **kwargs)):
            if n == 3 and not at_end and not claimed:  # the agency's copy goes on: the rest lands in the file being read
                write_on(path)
            yield item
        if at_end and not claimed:
            write_on(path)

    monkeypatch.setattr(inputs, "iter_record_file", reading)
    engine = _engine(data)
    try:
        process_inbox(engine, now=time.time() + 60)
        assert claimed, "the file was not read"
        assert (folder / "导出.jsonl").exists(), "changed while read, yet not put back"
        os.utime(folder / "导出.jsonl", (time.time() - 3600, time.time() - 3600))
        process_inbox(engine, now=time.time() + 60)
        records = list(engine.export())
        assert len(records) == len({r.id for r in records}) == 60, len(records)
        assert engine.store.quarantine_list("open", limit=10) == [], [e["reason"] for e in engine.store.quarantine_list("open", limit=10)]
        assert files_under(data / "inbox") == []
    finally:
        engine.close()


# ------------------------------------------------------------------ a late sidecar named STEM.json (doors6's gap)

_LATE_PAGE = ("<html><head><meta charset=\"utf-8\"><title>厦门市卫生健康委员会关于2027年度乡村医生培训的通知</title></head><body>"
              "<h1>厦门市卫生健康委员会关于2027年度乡村医生培训的通知</h1><p>各区卫生健康局：</p><p>现将2027年度乡村医生培训安排通知如下，"
              "请认真组织实施。</p><p>厦门市卫生健康委员会</p><p>2027年4月2日</p></body></html>").encode()


@pytest.mark.parametrize("sidecar_name", ["培训.json", "培训.xml"])
def test_a_late_sidecar_named_by_the_stem_is_read_with_its_archived_document(tmp_path, sidecar_name):
    """培训.html went in alone; its fields came a run later as 培训.json (the other name a sidecar may have): read alone it
    was a record file without a title, quarantined. Read with the archived page now, as 培训.html.json is: one live record
    with the fields, nothing quarantined, both files archived together."""
    from gongkai.feeds.inbox import process_inbox

    data = tmp_path / "data"
    folder = deliver_old(data / "inbox" / AGENCY, {"培训.html": _LATE_PAGE})
    engine = _engine(data)
    try:
        assert process_inbox(engine, now=time.time() + 60).counts["new"] == 1
        fields = {"doc_number": "厦卫〔2027〕88号", "index_number": "XM00109-0400-2027-08800"}
        body = (json.dumps(fields, ensure_ascii=False) if sidecar_name.endswith(".json") else
                "<record>" + "".join(f"<{k}>{v}</{k}>" for k, v in fields.items()) + "</record>")
        (folder / sidecar_name).write_text(body, encoding="utf-8")
        report = process_inbox(engine, now=time.time() + 60)
        assert report.counts["quarantined"] == 0 and engine.store.quarantine_list(None, limit=5) == [], report
        live = [r for r in engine.export() if not r.withdrawn]
        assert [(r.doc_number, r.index_number) for r in live] == [("厦卫〔2027〕88号", "XM00109-0400-2027-08800")], live
        assert files_under(data / "inbox") == []
        [pair] = {p.parent for p in files_under(data / "inbox-archive") if p.name == sidecar_name}
        assert (pair / "培训.html").read_bytes() == _LATE_PAGE
    finally:
        engine.close()


def test_a_stem_json_export_beside_no_archived_document_is_still_records(tmp_path):
    """A record file 培训.json whose stem names no archived document (or names one of another agency) is read as the
    record file it is."""
    from gongkai.feeds.inbox import process_inbox

    data = tmp_path / "data"
    deliver_old(data / "inbox" / "厦门市财政局", {"培训.html": _LATE_PAGE})
    engine = _engine(data)
    try:
        process_inbox(engine, now=time.time() + 60)
        deliver_old(data / "inbox" / AGENCY, {"培训.json": json.dumps(rec(500), ensure_ascii=False).encode()})
        report = process_inbox(engine, now=time.time() + 60)
        assert report.counts["new"] == 1 and report.counts["quarantined"] == 0, report
        assert rec(500)["title"] in [r.title for r in engine.export()]
    finally:
        engine.close()
