"""A drop-folder run killed at each step, two runs at once, a file replaced or deleted under a run, a folder of 2,000
files (doors6, session 15). Each ends with the law: every file archived exactly once (the one with a bad line under
failed/), none left in the inbox or a processing folder nor half-copied, every record stored once and indexed once,
the bad line quarantined once. The kills are SIGKILLs of a real `gongkai inbox process` (tests/inbox_kill_helper.py:
the CLI itself, with the kill added at the step), the re-runs real `gongkai` processes too."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.doors6_cases import line, lines, rec
from tests.support import deliver_old, files_under

GONGKAI = Path(sys.executable).parent / "gongkai"
HELPER = Path(__file__).resolve().parent / "inbox_kill_helper.py"
AGENCY = "厦门市人力资源和社会保障局"
ENV = {**os.environ, "GONGKAI_STORE__BATCH_SIZE": "10"}
_PAGE = ("<html><head><meta charset=\"utf-8\"><title>厦门市人力资源和社会保障局关于2027年度职称评审工作安排的通知</title></head><body>"
         "<h1>厦门市人力资源和社会保障局关于2027年度职称评审工作安排的通知</h1><p>各有关单位：</p><p>现将2027年度职称评审工作安排通知如下。"
         "一、申报时间为2027年4月1日至4月30日。二、各单位请按时报送材料。</p><p>厦门市人力资源和社会保障局</p><p>2027年3月10日</p></body></html>")

#: what the drop folder holds: name -> bytes; 19 + 20 + 15 + 1 records, and one bad line
FILES = {
    "a.jsonl": lines(*(line(rec(i)) for i in range(100, 110)), '{"title": "断了的一行', *(line(rec(i)) for i in range(110, 119))),
    "b.jsonl": lines(*(line(rec(i)) for i in range(120, 140))),
    # no 索引号 nor URL: their ids are their content's, so a record read twice would show as two if the id drifted
    "c.jsonl": lines(*(line({"title": f"关于2027年第{i}批就业见习基地认定的公示", "body": f"经单位申报、区人社局初审，拟认定第{i}批就业见习基地，现予公示。"})
                      for i in range(1, 16))),
    "职称评审.html": _PAGE.encode(),
    "职称评审.html.json": json.dumps({"doc_number": "厦人社〔2027〕31号", "publish_date": "2027-03-10"}, ensure_ascii=False).encode(),
}
STORED = 19 + 20 + 15 + 1


def deliver(data: Path, files: dict[str, bytes] = FILES, agency: str = AGENCY) -> Path:
    return deliver_old(data / "inbox" / agency, files)  # written an hour ago: complete


def gongkai(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(GONGKAI), "--data-dir", str(data), *args], capture_output=True, text=True, env=ENV, timeout=300, check=False)


def killed_at(data: Path, step: str, n: int) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(HELPER), step, str(n), "--", "--data-dir", str(data), "inbox", "process", "--json"],
                          capture_output=True, text=True, env=ENV, timeout=300, check=False)


def assert_nothing_lost_nothing_doubled(data: Path, files: dict[str, bytes] = FILES, stored: int = STORED, bad: int = 1) -> None:
    from gongkai.engine import Engine
    from gongkai.settings import load_settings

    inbox, archive = data / "inbox", data / "inbox-archive"
    assert files_under(inbox) == [], f"left in the inbox or a processing folder: {files_under(inbox)}"
    archived = files_under(archive)
    assert sorted(p.name for p in archived) == sorted(files), f"archived: {[str(p.relative_to(archive)) for p in archived]}"
    for path in archived:
        assert path.read_bytes() == files[path.name], f"{path} is not the file delivered (half copied?)"
    failed = sorted(p.name for p in archived if "failed" in p.relative_to(archive).parts)
    assert failed == (["a.jsonl"] if bad else []), failed
    sidecar = next(p for p in archived if p.name.endswith(".html.json"))
    assert (sidecar.parent / sidecar.name.removesuffix(".json")).is_file(), "the sidecar is not beside its document"
    engine = Engine(load_settings(data_dir=data))
    try:
        records = list(engine.export())
        assert len(records) == len({r.id for r in records}) == stored, f"{len(records)} records stored, {stored} delivered"
        stats = engine.stats()["index"]
        assert stats["documents"] == stored and stats["watermark"] == stats["store_seq"], stats
        entries = engine.store.quarantine_list(None, limit=1000)
        assert len(entries) == bad, [e["reason"] for e in entries]
        page = next(r for r in records if r.title.startswith("厦门市人力资源和社会保障局关于2027年度职称评审"))
        assert page.doc_number == "厦人社〔2027〕31号", "the document went in without its sidecar's fields"
    finally:
        engine.close()


STEPS = [("read", 25), ("commit", 1), ("meta", 1), ("archive", 1), ("archive", 2)]


@pytest.mark.parametrize("step, n", STEPS, ids=[f"{step}-{n}" for step, n in STEPS])
def test_a_run_killed_at_each_step_then_run_again_loses_and_doubles_nothing(tmp_path, step, n):
    data = tmp_path / "data"
    deliver(data)
    first = killed_at(data, step, n)
    assert first.returncode == -signal.SIGKILL, (first.returncode, first.stdout, first.stderr[-2000:])
    again = gongkai(data, "inbox", "process", "--json")
    assert again.returncode == 0, again.stderr
    assert_nothing_lost_nothing_doubled(data)
    last = gongkai(data, "inbox", "process", "--json")
    assert last.returncode == 0 and json.loads(last.stdout)["files"] == 0, last.stdout


@pytest.mark.parametrize("step, n", [("copied", 3), ("replaced", 1), ("replaced", 3)])
def test_a_run_killed_while_archiving_to_another_disk(tmp_path, step, n):
    """feeds.archive_dir on another filesystem (here /dev/shm): a file is archived by a copy under a hidden name, a
    rename, then the removal of the claimed file. Killed after the copy, the hidden half-done copy was left in the
    archive for ever; killed after the rename, the claimed file went back to the inbox and was archived a second time."""
    import shutil
    import uuid

    other_disk = Path("/dev/shm") / f"gongkai-doors6-{uuid.uuid4().hex[:8]}"
    if not Path("/dev/shm").is_dir() or os.stat("/dev/shm").st_dev == os.stat(tmp_path).st_dev:
        pytest.skip("no second filesystem at /dev/shm")
    data = tmp_path / "data"
    deliver(data)
    env = {**ENV, "GONGKAI_FEEDS__ARCHIVE_DIR": str(other_disk)}
    try:
        first = subprocess.run([sys.executable, str(HELPER), step, str(n), "--", "--data-dir", str(data), "inbox", "process", "--json"],
                               capture_output=True, text=True, env=env, timeout=300, check=False)
        assert first.returncode == -signal.SIGKILL, (first.returncode, first.stderr[-2000:])
        again = subprocess.run([str(GONGKAI), "--data-dir", str(data), "inbox", "process", "--json"], capture_output=True, text=True,
                               env=env, timeout=300, check=False)
        assert again.returncode == 0, again.stderr
        (data / "inbox-archive").symlink_to(other_disk)  # where assert_nothing_lost_nothing_doubled looks
        assert_nothing_lost_nothing_doubled(data)
    finally:
        shutil.rmtree(other_disk, ignore_errors=True)


def test_two_runs_started_at_once_on_one_folder(tmp_path):
    """Two `gongkai inbox process` at the same instant (an operator's by hand as the scheduler's starts): one takes the
    job's lease, the other is refused with why (exit 1); the files are read once."""
    data = tmp_path / "data"
    deliver(data)
    gongkai(data, "stats")  # the data directory made first: both runs meet the same store
    runs = [subprocess.Popen([str(GONGKAI), "--data-dir", str(data), "inbox", "process", "--json"], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, env=ENV) for _ in range(2)]
    outs = [run.communicate(timeout=300) for run in runs]
    codes = sorted(run.returncode for run in runs)
    assert codes in ([0, 0], [0, 1]), (codes, outs)
    for run, (_, err) in zip(runs, outs):
        if run.returncode == 1:
            assert "inbox" in err, err
    assert_nothing_lost_nothing_doubled(data)


def test_two_pick_ups_without_the_lease_claim_each_file_once(tmp_path):
    """Two processes calling the pick-up itself (no job lease: two schedulers on one shared folder): each file is claimed
    by one rename only."""
    data = tmp_path / "data"
    deliver(data)
    gongkai(data, "stats")
    script = ("import sys; from gongkai.engine import Engine; from gongkai.settings import load_settings; "
              "from gongkai.feeds.inbox import process_inbox; e = Engine(load_settings(data_dir=sys.argv[1])); "
              "print(process_inbox(e).as_dict()); e.close()")
    runs = [subprocess.Popen([sys.executable, "-c", script, str(data)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV)
            for _ in range(2)]
    outs = [run.communicate(timeout=300) for run in runs]
    assert all(run.returncode == 0 for run in runs), outs
    assert_nothing_lost_nothing_doubled(data)


def _engine(data: Path):
    from gongkai.engine import Engine
    from gongkai.settings import load_settings

    return Engine(load_settings(data_dir=data))


def test_a_file_replaced_by_the_agency_while_it_is_read(tmp_path, monkeypatch):
    """The agency saves b.jsonl again (same name, new bytes: two records corrected, one added) while the run reads the
    copy it claimed: the claimed one is archived as read, the new one waits in the inbox and the next run reads it."""
    import gongkai.inputs as inputs
    from gongkai.feeds.inbox import process_inbox

    data = tmp_path / "data"
    folder = deliver(data)
    newer = lines(*(line(rec(i, title=rec(i)["title"] + "（更正）")) if i < 122 else line(rec(i)) for i in range(120, 141)))
    real_read = inputs.iter_record_file

    def reading(path, *args, **kwargs):
        for n, item in enumerate(real_read(path, *args, **kwargs)):
            if path.name == "b.jsonl" and n == 5:
                (folder / "b.jsonl.tmp").write_bytes(newer)  # as an export tool saves: a temporary file, then a rename
                os.replace(folder / "b.jsonl.tmp", folder / "b.jsonl")
            yield item

    monkeypatch.setattr(inputs, "iter_record_file", reading)
    engine = _engine(data)
    try:
        process_inbox(engine, now=time.time() + 60)
        assert (folder / "b.jsonl").read_bytes() == newer  # the agency's new file, untouched, waiting
        monkeypatch.setattr(inputs, "iter_record_file", real_read)
        report = process_inbox(engine, now=time.time() + 60)
        assert (report.counts["updated"], report.counts["new"]) == (2, 1), report
        titles = {r.title for r in engine.export()}
        assert rec(120)["title"] + "（更正）" in titles and rec(140)["title"] in titles
        assert len(list(engine.export())) == STORED + 1
        archived = [p for p in files_under(data / "inbox-archive") if p.name == "b.jsonl"]
        assert sorted(p.read_bytes() for p in archived) == sorted([FILES["b.jsonl"], newer])
    finally:
        engine.close()


def test_files_deleted_while_queued(tmp_path, monkeypatch):
    """The agency deletes a record file and a document's sidecar after the run listed them, before it claimed them: the
    run goes on, nothing is quarantined for them, the rest goes in and is archived."""
    from gongkai.feeds import inbox

    data = tmp_path / "data"
    folder = deliver(data)
    real_claim = inbox.InboxRun._claim_group

    def claim(self, where, group, report=None):
        for gone in ("b.jsonl", "职称评审.html.json"):
            (folder / gone).unlink(missing_ok=True)
        return real_claim(self, where, group, report)

    monkeypatch.setattr(inbox.InboxRun, "_claim_group", claim)
    engine = _engine(data)
    try:
        report = inbox.process_inbox(engine, now=time.time() + 60)
        assert report.files == 3 and report.counts["new"] == 19 + 15 + 1, report
        assert len(engine.store.quarantine_list(None, limit=100)) == 1  # a.jsonl's bad line only
        assert sorted(p.name for p in files_under(data / "inbox-archive")) == ["a.jsonl", "c.jsonl", "职称评审.html"]
        assert files_under(data / "inbox") == []
    finally:
        engine.close()


def test_a_folder_of_2000_small_files_with_one_bad_line(tmp_path):
    """2,000 files of two records each (a CMS exporting one file per document), one line broken in one of them: one
    run takes them all, the bad line is one entry, its file goes to failed/, nothing else stops or is left."""
    from gongkai.feeds.inbox import process_inbox

    data = tmp_path / "data"
    files = {f"{n:04d}.jsonl": lines(line(rec(1000 + 2 * n)), line(rec(1001 + 2 * n))) for n in range(2000)}
    files["1234.jsonl"] = lines(line(rec(1000 + 2 * 1234)), line(rec(1001 + 2 * 1234))[:-9])
    deliver(data, files)
    engine = _engine(data)
    try:
        started = time.monotonic()
        report = process_inbox(engine, now=time.time() + 60)
        took = time.monotonic() - started
        assert report.files == 2000 and report.counts["new"] == 3999 and report.counts["quarantined"] == 1, report
        assert files_under(data / "inbox") == []
        archived = files_under(data / "inbox-archive")
        assert len(archived) == 2000 and [p.name for p in archived if "failed" in p.parts] == ["1234.jsonl"]
        [entry] = engine.store.quarantine_list(None, limit=10)
        assert "1234.jsonl#2" in entry["input_ref"], entry
        assert took < 120, took
    finally:
        engine.close()


def test_a_dead_run_s_long_named_file_delivered_again_meanwhile(tmp_path):
    """A run SIGKILLed holding `关于…目录.jsonl` (246 bytes: a long Chinese title as the file's name), and the agency
    delivering that name again before the next run: the recovery puts the claimed one back beside it as `RUN-NAME`, which
    was over 255 bytes: the run failed as a whole, and every later run the same way (the drop folder stuck). Now the
    stem is cut to fit; both files are read, nothing is left."""
    data = tmp_path / "data"
    name = "关于" * 39 + "目录.jsonl"
    folder = deliver(data, {name: lines(line(rec(502)))})
    first = killed_at(data, "commit", 1)
    assert first.returncode == -signal.SIGKILL, first.stderr[-2000:]
    deliver(data, {name: lines(line(rec(502)), line(rec(503)))})
    again = gongkai(data, "inbox", "process", "--json")
    assert again.returncode == 0, again.stderr[-1500:]
    assert files_under(data / "inbox") == [] and not any(folder.iterdir())
    archived = files_under(data / "inbox-archive")
    assert len(archived) == 2 and all(len(p.name.encode()) <= 255 for p in archived), archived
    engine = _engine(data)
    try:
        assert {r.title for r in engine.export()} == {rec(502)["title"], rec(503)["title"]}
    finally:
        engine.close()


@pytest.mark.parametrize("folder_name", ["厦门市财政局 ", "厦门市财政局\u3000", " 厦门市财政局"])
def test_an_agency_folder_named_with_spaces_around_is_that_agency(tmp_path, folder_name):
    """`inbox/厦门市财政局 /` (a Mac or Samba user's trailing space; a Chinese IME's full-width one): its records are the
    agency's (source `inbox:厦门市财政局`). Every record of it was quarantined, `names source 'inbox:厦门市财政局'`:
    the record's source is stripped, the folder's name was not."""
    from gongkai.feeds.inbox import process_inbox

    data = tmp_path / "data"
    deliver(data, {"目录.jsonl": lines(line(rec(510)), line(rec(511)))}, agency=folder_name)
    engine = _engine(data)
    try:
        report = process_inbox(engine, now=time.time() + 60)
        assert report.counts["new"] == 2 and report.counts["quarantined"] == 0, (report, engine.store.quarantine_list(None, limit=5))
        assert {r.source for r in engine.export()} == {"inbox:厦门市财政局"}
        assert files_under(data / "inbox") == [] and len(files_under(data / "inbox-archive")) == 1
    finally:
        engine.close()


def test_a_sidecar_that_comes_after_its_document_was_read(tmp_path):
    """An upload in name order, 通知.html then 通知.html.json, with a run between the two: the document went in without
    its fields, and the sidecar, alone, waited an hour and was quarantined (`title: Field required`). It is read with
    the archived document now: the record gets its fields (its 索引号 gives it its id; the record of the same bytes
    without them is withdrawn as superseded), nothing is quarantined, both files are archived together."""
    from gongkai.feeds.inbox import process_inbox

    data = tmp_path / "data"
    folder = deliver(data, {"职称评审.html": FILES["职称评审.html"]})
    engine = _engine(data)
    try:
        assert process_inbox(engine, now=time.time() + 60).counts["new"] == 1
        sidecar = {"doc_number": "厦人社〔2027〕31号", "index_number": "XM00112-0205-2027-31000"}
        (folder / "职称评审.html.json").write_text(json.dumps(sidecar, ensure_ascii=False), encoding="utf-8")
        report = process_inbox(engine, now=time.time() + 60)
        assert report.files == 1 and report.waiting == 0 and report.counts["quarantined"] == 0, report
        assert engine.store.quarantine_list(None, limit=5) == []
        live = [r for r in engine.export() if not r.withdrawn]
        assert [(r.doc_number, r.index_number) for r in live] == [("厦人社〔2027〕31号", "XM00112-0205-2027-31000")], live
        assert files_under(data / "inbox") == []
        [pair] = {p.parent for p in files_under(data / "inbox-archive") if p.name.endswith(".html.json")}
        assert (pair / "职称评审.html").read_bytes() == FILES["职称评审.html"]
    finally:
        engine.close()


def test_a_sidecar_long_after_its_document_waits_for_a_document_of_its_own(tmp_path):
    """Only a document archived within feeds.inbox_sidecar_wait_seconds of the sidecar's arrival is read with it: an
    older one (here, the wait 1 s) is no reason to take a sidecar that may have come before its own new document."""
    from gongkai.engine import Engine
    from gongkai.feeds.inbox import process_inbox
    from gongkai.settings import load_settings

    data = tmp_path / "data"
    folder = deliver(data, {"职称评审.html": FILES["职称评审.html"]})
    engine = Engine(load_settings(data_dir=data, feeds={"inbox_sidecar_wait_seconds": 1}))
    try:
        process_inbox(engine, now=time.time() + 60)
        time.sleep(1.5)
        (folder / "职称评审.html.json").write_text('{"doc_number": "厦人社〔2027〕32号"}', encoding="utf-8")
        report = process_inbox(engine, now=time.time() + 60)
        assert report.counts["updated"] == report.counts["new"] == 0 and report.counts["quarantined"] == 1, report
        assert [r.doc_number for r in engine.export()] == [""]
    finally:
        engine.close()


@contextmanager
def _mounted_share(folder: Path):
    """`folder` made a mount of another filesystem (a bind mount of a fresh /dev/shm folder: root only, else skipped),
    as an agency's own share mounted under the inbox; its files moved onto it."""
    import shutil
    import uuid

    share = Path("/dev/shm") / f"gongkai-doors6-share-{uuid.uuid4().hex[:8]}"
    share.mkdir()
    for path in folder.iterdir():
        shutil.copy2(path, share / path.name)
        path.unlink()
    mounted = subprocess.run(["mount", "--bind", str(share), str(folder)], capture_output=True, check=False)
    try:
        if mounted.returncode != 0 or os.stat(folder).st_dev == os.stat(folder.parent).st_dev:
            pytest.skip(f"cannot bind-mount another filesystem here: {mounted.stderr.decode().strip()}")
        yield
    finally:
        if mounted.returncode == 0:
            subprocess.run(["umount", str(folder)], check=False)
        shutil.rmtree(share, ignore_errors=True)


def test_an_agency_folder_mounted_on_its_own_is_read(tmp_path):
    """Each agency's share mounted under the inbox: a claim is a rename into inbox/.processing/, which fails across
    filesystems, and every run left the files, "cannot be claimed: Invalid cross-device link". They are claimed into the
    share's own FOLDER/.processing/RUN/ now, read, and archived on the inbox's disk by a copy; nothing stays on the share."""
    from gongkai.feeds.inbox import process_inbox

    data = tmp_path / "data"
    folder = deliver(data)
    with _mounted_share(folder):
        engine = _engine(data)
        try:
            report = process_inbox(engine, now=time.time() + 60)
        finally:
            engine.close()
        assert report.files == len(FILES) and report.refused == [], report
        assert list(folder.iterdir()) == []
        assert_nothing_lost_nothing_doubled(data)


@pytest.mark.parametrize("step, n", [("read", 25), ("archive", 2)])
def test_a_run_killed_while_an_agency_folder_mounted_on_its_own_is_claimed(tmp_path, step, n):
    """SIGKILLed while reading the share's files, or between archiving a document and its sidecar: the next run puts
    them back from the share's own processing folder and reads them once."""
    data = tmp_path / "data"
    folder = deliver(data)
    with _mounted_share(folder):
        first = killed_at(data, step, n)
        assert first.returncode == -signal.SIGKILL, first.stderr[-2000:]
        again = gongkai(data, "inbox", "process", "--json")
        assert again.returncode == 0, again.stderr[-2000:]
        assert list(folder.iterdir()) == [], list(folder.iterdir())
        assert_nothing_lost_nothing_doubled(data)


@pytest.mark.parametrize("step, n", [("read", 25), ("meta", 1)])
def test_gongkai_ingest_killed_at_each_step_then_run_again(tmp_path, step, n):
    """`gongkai ingest FOLDER` (the same files) SIGKILLed while reading, at its index commit and inside it, then run
    again: every record stored and indexed once, the bad line quarantined once; the given files untouched."""
    data, given = tmp_path / "data", tmp_path / "given"
    given.mkdir()
    for name, data_bytes in FILES.items():
        (given / name).write_bytes(data_bytes)
    first = subprocess.run([sys.executable, str(HELPER), step, str(n), "--", "--data-dir", str(data), "ingest", str(given)],
                           capture_output=True, text=True, env=ENV, timeout=300, check=False)
    assert first.returncode == -signal.SIGKILL, (first.returncode, first.stderr[-2000:])
    again = gongkai(data, "ingest", str(given))
    assert again.returncode in (0, 1), again.stderr[-2000:]  # 1: a line was quarantined
    assert {p.name: p.read_bytes() for p in given.iterdir()} == FILES
    engine = _engine(data)
    try:
        records = list(engine.export())
        assert len(records) == len({r.id for r in records}) == STORED, len(records)
        stats = engine.stats()["index"]
        assert stats["documents"] == STORED and stats["watermark"] == stats["store_seq"], stats
        assert len(engine.store.quarantine_list(None, limit=100)) == 1
    finally:
        engine.close()


def test_a_late_sidecar_brings_the_title_a_quarantined_document_lacked(tmp_path):
    """A scan saved as a page with no text (quarantined: no title), then its sidecar with the title: the document is read
    again with it and stored, and its entry is resolved (it stayed open beside the stored record)."""
    from gongkai.feeds.inbox import process_inbox

    data = tmp_path / "data"
    folder = deliver(data, {"扫描件.html": b"<html><body><img src='p1.png'></body></html>"})
    engine = _engine(data)
    try:
        assert process_inbox(engine, now=time.time() + 60).counts["quarantined"] == 1
        sidecar = {"title": "厦门市人力资源和社会保障局关于2027年度人力资源市场工资指导价位的公告", "publish_date": "2027-03-01"}
        (folder / "扫描件.html.json").write_text(json.dumps(sidecar, ensure_ascii=False), encoding="utf-8")
        report = process_inbox(engine, now=time.time() + 60)
        assert report.counts["new"] == 1 and report.counts["quarantined"] == 0, report
        assert [r.title for r in engine.export()] == [sidecar["title"]]
        assert [e["status"] for e in engine.store.quarantine_list(None, limit=5)] == ["resolved"]
    finally:
        engine.close()
