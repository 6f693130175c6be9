"""Nothing is lost, whatever an agency sends (issue 16): the one record reader (gongkai.recordfiles) behind
`gongkai ingest`, the drop folder, push and quarantine retry; per-record failures quarantined while the run
goes on; a drop-folder run that fails or is SIGKILLed loses no file; parse workers die with their parent;
an index catch-up killed part-way still moves the index forward.

Every test counts its inputs: stored + quarantined + left in place = what was given.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from gongkai.engine import Engine
from gongkai.feeds.inbox import archive_dir, inbox_dir, process_inbox
from tests.conftest import CORPUS, govcn_records
from tests.support import inbox_engine

HTML = CORPUS / "govcn_state_council_policies" / "html"
LATER = time.time() + 3600  # "now" for drop-folder runs that should see every file as old enough
HUGE_NUMBER = '{"title": "巨大数字", "version": ' + "9" * 5000 + "}"
DEEP = "[" * 3000 + "]" * 3000


def line(record: dict) -> str:
    return json.dumps(record, ensure_ascii=False)


@pytest.fixture
def engine(settings):
    with inbox_engine(settings) as engine:
        yield engine


def files_under(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file() and not p.name.endswith(".lock"))


def reasons(engine: Engine) -> dict[str, str]:
    return {entry["input_ref"]: entry["reason"] for entry in engine.store.quarantine_list(limit=10_000)}


def ingest(engine: Engine, *paths: Path) -> dict[str, str]:
    results = []
    engine.ingest_paths(list(paths), on_item=results.append)
    return {Path(r.input).name: r.status for r in results}


# ------------------------------------------------------------------------------ gongkai ingest


@pytest.mark.parametrize("bad, reason", [
    (HUGE_NUMBER, "a number has more than 4300 digits"),
    (DEEP, "nested more than 32 levels deep (setting records.max_depth)"),
    ('{"title": "嵌套", "notice": ' + "[" * 40 + "]" * 40 + "}", "nested more than 32 levels deep"),
])
def test_a_bad_line_is_quarantined_and_the_lines_around_it_go_in(engine, tmp_path, bad, reason):
    good = govcn_records()[:3]
    path = tmp_path / "four.jsonl"
    path.write_text("\n".join([line(good[0]), bad, line(good[1]), line(good[2])]) + "\n", encoding="utf-8")
    results = ingest(engine, path)
    assert results == {"four.jsonl:1": "new", "four.jsonl:2": "quarantined", "four.jsonl:3": "new", "four.jsonl:4": "new"}
    assert engine.store.count() == 3
    assert reason in reasons(engine)[f"{path}:2"]


def test_the_worker_process_path_reads_on_after_a_bad_line(engine, tmp_path):
    """Files of 1 MB and more are read in a worker process: a line that raised there ended the file."""
    records = govcn_records()
    lines = []
    for n in range(400):
        lines.append(line({**records[n % 40], "id": f"w-{n}", "summary": "填充" * 600}))
        if n == 10:
            lines += [HUGE_NUMBER, DEEP]
    path = tmp_path / "big.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert path.stat().st_size >= 1024 * 1024
    results = ingest(engine, path)
    assert sum(status == "new" for status in results.values()) == 400 and engine.store.count() == 400
    assert [ref for ref, status in results.items() if status == "quarantined"] == ["big.jsonl:12", "big.jsonl:13"]


def test_a_60_mb_line_is_quarantined_unread_at_small_memory(tmp_path):
    """Checked while reading, before json.loads: the line is never held (it cost ~1 GB of RSS)."""
    path = tmp_path / "huge.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        handle.write(line(govcn_records()[0]) + "\n")
        handle.write('{"title": "巨大", "body": "' + "字" * (20 * 1024 * 1024) + '"}\n')  # 60 MB of UTF-8
        handle.write(line(govcn_records()[1]) + "\n")
    script = (
        "import json, sys\n"
        "from gongkai.engine import Engine\nfrom gongkai.settings import load_settings\n"
        "engine = Engine(load_settings(data_dir=sys.argv[1]))\nout = []\n"
        "engine.ingest_paths([sys.argv[2]], on_item=out.append)\n"
        # VmHWM, not ru_maxrss: that one carries over the parent's (this test's) peak across fork and exec
        "hwm = next(l for l in open('/proc/self/status') if l.startswith('VmHWM')).split()[1]\n"
        "print(json.dumps({'results': [(r.status, r.error) for r in out], 'rss_kb': int(hwm)}))\n"
    )
    run = subprocess.run([sys.executable, "-c", script, str(tmp_path / "data"), str(path)], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    answer = json.loads(run.stdout.strip().splitlines()[-1])
    statuses = [status for status, _ in answer["results"]]
    assert statuses == ["new", "quarantined", "new"]
    assert "over the limit (setting records.max_record_bytes)" in answer["results"][1][1]
    assert answer["rss_kb"] < 300 * 1024, f"peak RSS {answer['rss_kb'] // 1024} MB"


def test_an_xml_record_over_the_size_limit_is_quarantined_and_its_neighbours_go_in(tmp_path, monkeypatch):
    """The size limit holds for XML record files as for JSON: the over-long record is refused by name."""
    from gongkai.settings import load_settings

    monkeypatch.chdir(tmp_path)
    settings = load_settings(data_dir=tmp_path / "data", records={"max_record_bytes": 64 * 1024})
    one, two = govcn_records()[:2]
    path = tmp_path / "records.xml"
    path.write_text(
        "<records>"
        f"<record><title>{one['title']}</title><body>短正文</body></record>"
        f"<record><title>超长记录</title><body>{'字' * 40_000}</body></record>"  # 120 KB of UTF-8
        f"<record><title>{two['title']}</title><body>短正文</body></record>"
        "</records>", encoding="utf-8")
    with inbox_engine(settings) as engine:
        results = ingest(engine, path)
        assert results == {"records.xml[1]": "new", "records.xml[2]": "quarantined", "records.xml[3]": "new"}
        assert "over the limit (setting records.max_record_bytes)" in reasons(engine)[f"{path}[2]"]
        assert sorted(r.title for r in engine.store.iter_records()) == sorted([one["title"], two["title"]])


def test_json_arrays_and_gbk_files_by_the_same_rules(engine, tmp_path):
    one, two = govcn_records()[:2]
    array = tmp_path / "array.json"
    array.write_text("[" + ", ".join([line(one), HUGE_NUMBER, DEEP, line({**two, "title": "国标编码"})]) + "]", encoding="gb18030")
    results = ingest(engine, array)
    assert results == {"array.json[1]": "new", "array.json[2]": "quarantined", "array.json[3]": "quarantined", "array.json[4]": "new"}
    assert any(r.title == "国标编码" for r in engine.store.iter_records())


# ------------------------------------------------------------------------------ drop folder


def test_the_issue_16_drop_folder_loses_nothing(engine):
    """inbox/agencyA/x.jsonl with a 5,000-digit number beside inbox/agencyB/ with two HTML files and 950
    records: the run used to exit 1 and leave no file anywhere."""
    inbox = inbox_dir(engine)
    (inbox / "agencyA").mkdir()
    (inbox / "agencyA" / "x.jsonl").write_text(HUGE_NUMBER + "\n", encoding="utf-8")
    # an agency's folder stores that agency's records (gongkai/ownership.py): they name its source or none
    (inbox / "agencyA" / "deep.jsonl").write_text(DEEP + "\n" + line({**govcn_records()[5], "source": "inbox:agencyA"}) + "\n", encoding="utf-8")
    (inbox / "agencyB").mkdir()
    for name in ("govcn-5338761.html", "govcn-5339579.html"):
        (inbox / "agencyB" / name).write_bytes((HTML / name).read_bytes())
    records = [line({**govcn_records()[n % 40], "id": f"b-{n}", "source": "inbox:agencyB"}) for n in range(950)]
    (inbox / "agencyB" / "export.jsonl").write_text("\n".join(records), encoding="utf-8")
    (inbox / "agencyB" / "doc.html").write_bytes((HTML / "govcn-5342665.html").read_bytes())
    (inbox / "agencyB" / "doc.html.json").write_text('{"topic": "综合", "written_date": ' + "9" * 5000 + "}", encoding="utf-8")
    given = files_under(inbox)

    report = process_inbox(engine, now=LATER).as_dict()
    assert report["new"] == 2 + 950 + 1 and report["quarantined"] == 3, report
    assert engine.store.count() == 953
    why = reasons(engine)
    assert "more than 4300 digits" in why["inbox:agencyA/x.jsonl"] if "inbox:agencyA/x.jsonl" in why else "more than 4300 digits" in why["inbox:agencyA/x.jsonl#1"]
    assert "nested more than" in why["inbox:agencyA/deep.jsonl#1"]
    assert "sidecar doc.html.json is not valid JSON: a number has more than 4300 digits" in why["inbox:agencyB/doc.html"]
    archived = files_under(archive_dir(engine))
    assert sorted(Path(p).name for p in archived) == sorted(Path(p).name for p in given)  # every input, archived
    assert sum(p.startswith("failed/") for p in archived) == 4  # x.jsonl, deep.jsonl, doc.html and its sidecar
    assert files_under(inbox) == []


def test_a_gbk_json_lines_file_in_the_drop_folder_keeps_its_chinese(engine):
    inbox = inbox_dir(engine)
    record = {**govcn_records()[0], "title": "厦门市财政局关于公布收费项目的通知"}
    (inbox / "gbk.jsonl").write_bytes((line(record) + "\n").encode("gbk"))
    (inbox / "bad-bytes.jsonl").write_bytes(b'{"title": "\xff\xfe\xfa"}\n' + (line(govcn_records()[1]) + "\n").encode("utf-8"))
    report = process_inbox(engine, now=LATER).as_dict()
    assert report["new"] == 2 and report["quarantined"] == 1
    titles = {r.title for r in engine.store.iter_records()}
    assert record["title"] in titles and not any("\ufffd" in t for t in titles)
    assert "neither UTF-8 nor GB18030 text" in reasons(engine)["inbox:bad-bytes.jsonl#1"]


def test_a_json_lines_export_over_the_document_limit_is_streamed_and_retry_brings_back_an_old_refusal(engine):
    """parsers.max_file_bytes is for documents to parse; a record file is streamed whatever its size. An
    export refused whole by the old drop folder (quarantined without bytes, archived as failed) comes back
    with `gongkai quarantine retry`."""
    engine.settings.parsers = engine.settings.parsers.model_copy(update={"max_file_bytes": 64 * 1024})
    inbox = inbox_dir(engine)
    records = [line({**govcn_records()[n % 40], "id": f"e-{n}"}) for n in range(300)]
    (inbox / "export.jsonl").write_text("\n".join(records), encoding="utf-8")
    assert (inbox / "export.jsonl").stat().st_size > 64 * 1024
    report = process_inbox(engine, now=LATER).as_dict()
    assert report["new"] == 300 and report["quarantined"] == 0

    # The old refusal: the whole file quarantined by name, no bytes kept, the file under archive/failed/.
    old = archive_dir(engine) / "failed" / "2026-01-01" / "20260101T000000-old" / "@root" / "old-export.jsonl"
    old.parent.mkdir(parents=True)
    old.write_text("\n".join(line({**govcn_records()[n % 40], "id": f"old-{n}"}) for n in range(120)), encoding="utf-8")
    engine.store.quarantine(input_ref="inbox:old-export.jsonl", reason="inbox:old-export.jsonl: cannot read the file: over the limit", payload=None, source="inbox")
    [entry] = [e for e in engine.store.quarantine_list() if e["input_ref"] == "inbox:old-export.jsonl"]
    result = engine.retry_quarantined(entry["id"])
    assert result.status == "new" and engine.store.count() == 420
    assert engine.store.quarantine_get(entry["id"])["status"] == "resolved"


def test_a_run_that_fails_as_a_whole_puts_every_claimed_file_back(engine):
    inbox = inbox_dir(engine)
    (inbox / "agencyA").mkdir()
    for n in range(3):
        (inbox / "agencyA" / f"r{n}.jsonl").write_text(line({**govcn_records()[10 + n], "source": "inbox:agencyA"}), encoding="utf-8")
    (inbox / "page.html").write_bytes((HTML / "govcn-5338761.html").read_bytes())
    given = files_under(inbox)
    original = engine.ingest_session

    def session_failing_midway(*args, **kwargs):
        session = original(*args, **kwargs)
        ingest = session.ingest

        def fail_midway(items, on_item=None):
            ingest(list(items)[:1], on_item)
            raise OSError("disk full")

        session.ingest = fail_midway
        return session

    engine.ingest_session = session_failing_midway
    with pytest.raises(OSError, match="disk full"):
        process_inbox(engine, now=LATER)
    assert files_under(inbox) == given  # back where the agencies put them, none under .processing/
    engine.ingest_session = original
    report = process_inbox(engine, now=LATER).as_dict()
    assert report["new"] + report["unchanged"] == 4 and files_under(inbox) == [], (report, reasons(engine))
    assert len(files_under(archive_dir(engine))) == 4


def test_the_scheduled_inbox_job_keeps_the_files_too(engine):
    from gongkai.feeds import process_inbox as job

    engine.settings.feeds = engine.settings.feeds.model_copy(update={"inbox_min_age_seconds": 0})
    inbox = inbox_dir(engine)
    (inbox / "x.jsonl").write_text(HUGE_NUMBER + "\n" + line(govcn_records()[0]) + "\n", encoding="utf-8")
    assert job(engine=engine).as_dict()["new"] == 1
    assert engine.store.quarantine_list()[0]["input_ref"] == "inbox:x.jsonl#1"
    assert files_under(inbox) == [] and [Path(p).name for p in files_under(archive_dir(engine))] == ["x.jsonl"]


# ------------------------------------------------------------------------------ killed runs

HANGING = """
import sys, time
from gongkai.parsers.registry import FormatSpec, register

def hang(capture, settings):
    time.sleep(60)

register(FormatSpec("hang", (), (".hang",), lambda data: data.startswith(b"HANG"), hang))

from gongkai.engine import Engine
from gongkai.settings import load_settings
engine = Engine(load_settings(data_dir=sys.argv[1]))
if sys.argv[2] == "inbox":
    from gongkai.feeds.inbox import process_inbox
    process_inbox(engine, now=float(sys.argv[3]))
else:
    engine.ingest_paths([sys.argv[3]])
"""


def children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found |= {int(c) for c in (task / "children").read_text().split()}
        except OSError:
            pass
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


def start_and_kill(args: list[str], workers_expected: int = 1) -> set[int]:
    """Start the hanging run, wait for its parse workers, SIGKILL it; the workers it had."""
    process = subprocess.Popen([sys.executable, "-c", HANGING, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 30
    workers: set[int] = set()
    while time.monotonic() < deadline and len(workers) < workers_expected:
        time.sleep(0.1)
        workers = children(process.pid)
        assert process.poll() is None, process.stderr.read().decode()
    assert workers, "no parse worker was started"
    time.sleep(0.3)  # the worker is inside the parser now
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=10)
    return workers


def wait_gone(pids: set[int], seconds: float = 5.0) -> set[int]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and any(alive(p) for p in pids):
        time.sleep(0.05)
    return {p for p in pids if alive(p)}


@pytest.fixture
def hanging_format():
    from gongkai.parsers.registry import FormatSpec, registered

    with registered(FormatSpec("hang", (), (".hang",), lambda data: data.startswith(b"HANG"), lambda c, s: time.sleep(30))):
        yield


def test_a_sigkilled_drop_folder_run_leaves_no_worker_and_the_next_run_recovers_its_files(engine, settings, monkeypatch, hanging_format):
    inbox = inbox_dir(engine)
    (inbox / "stuck.hang").write_bytes(b"HANG forever")
    (inbox / "records.jsonl").write_text(line(govcn_records()[0]) + "\n", encoding="utf-8")
    given = files_under(inbox)
    workers = start_and_kill([str(settings.data_dir), "inbox", str(LATER)])
    assert wait_gone(workers) == set(), "parse workers outlived their killed run (and held its lock)"
    assert all(p.startswith(".processing/") for p in files_under(inbox)) and len(files_under(inbox)) == len(given)

    # The next run: the dead run's lock is free, its files are put back and processed (the hanging
    # document now quarantined after a short time limit, in this process's own pool).
    # (the fixture hanging_format registers the format in this process too)
    engine.settings.parsers = engine.settings.parsers.model_copy(update={"timeout_seconds": 1.0})
    report = process_inbox(engine, now=LATER).as_dict()
    assert report["recovered"] == 2 and report["new"] == 1 and report["quarantined"] == 1, report
    assert files_under(inbox) == [] and sorted(Path(p).name for p in files_under(archive_dir(engine))) == ["records.jsonl", "stuck.hang"]


def test_a_sigkilled_ingest_of_documents_leaves_no_worker(settings, tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    for n in range(2):
        (folder / f"stuck{n}.hang").write_bytes(b"HANG forever")
    workers = start_and_kill([str(settings.data_dir), "ingest", str(folder)], workers_expected=2)
    assert wait_gone(workers) == set(), "parse workers outlived the killed gongkai ingest"


CATCH_UP = """
import sys, time
from gongkai.engine import Engine
from gongkai.ingest import IndexFeeder
from gongkai.settings import load_settings

engine = Engine(load_settings(data_dir=sys.argv[1]))
IndexFeeder.CATCH_UP_COMMIT_SECONDS = 0.2
add = engine.index.add_or_replace

def slow_add(records, *args, **kwargs):
    time.sleep(0.3)  # a big backlog: each chunk of 2,000 takes a while
    return add(records, *args, **kwargs)

engine.index.add_or_replace = slow_add
print("indexed", engine.catch_up_index(), flush=True)
"""


def test_a_catch_up_killed_part_way_still_moves_the_index_forward(engine, settings):
    """Crash loop: each run catches up the index from the store first; it used to commit only at the end
    (or every 60 s), so runs killed every few seconds left the index at 0 documents forever."""
    from gongkai.record import Record

    records = [Record(id=f"c-{n}", title=f"积压记录第{n}号", issuer="厦门市财政局", body="正文" * 20) for n in range(6_000)]
    for start in range(0, len(records), 2000):
        engine.store.write_batch(records[start:start + 2000])  # in the store, not yet in the index
    total = engine.store.max_seq()
    assert engine.index.watermark == 0
    process = subprocess.Popen([sys.executable, "-c", CATCH_UP, str(settings.data_dir)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while engine.index.watermark == 0 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
    os.kill(process.pid, signal.SIGKILL)  # right after its first commit
    process.wait(timeout=10)
    reached = engine.index.watermark
    assert 0 < reached < total, (reached, total)  # killed part-way, and what it did is kept

    fresh = Engine(settings)
    fresh.refresh()
    assert fresh.index.doc_count() > 0
    fresh.catch_up_index()  # the next run finishes
    assert fresh.index.watermark == total and fresh.index.doc_count() == 6_000
    fresh.close()


@pytest.mark.parametrize("chunk", [1, 2, 7, 1 << 20])
def test_json_elements_are_cut_out_the_same_at_any_chunk_boundary(monkeypatch, chunk):
    """The array scan works on chunks: strings with brackets, escaped quotes and multi-byte characters
    split across chunks must give the same records."""
    import io

    import gongkai.recordfiles as recordfiles

    monkeypatch.setattr(recordfiles, "CHUNK_CHARS", chunk)
    text = '[{"title": "括号]}在字符串里"}, {"title": "转义\\\\\\"引号,]}"} ,{"title": "第三"}] {"title": "之后的对象"} 尾巴'
    values = [v for _, _, v in recordfiles.read_values(io.BytesIO(text.encode("gb18030")), "a.json", "json", recordfiles.RecordLimits())]
    assert [v["title"] if isinstance(v, dict) else v.reason[:40] for v in values] == [
        "括号]}在字符串里", '转义\\"引号,]}', "第三", "之后的对象", "not valid JSON: unexpected text '尾巴'"]


def test_a_memory_error_or_a_validator_crash_is_that_records_failure(engine, tmp_path, monkeypatch):
    import gongkai.recordfiles as recordfiles
    from gongkai.record import Record

    real_loads, real_validate = json.loads, Record.model_validate

    class Json:  # json.loads runs out of memory on one line only
        JSONDecodeError = json.JSONDecodeError

        @staticmethod
        def loads(text):
            if "内存不足" in text:
                raise MemoryError
            return real_loads(text)

        dumps = staticmethod(json.dumps)

    def validate(data, *args, **kwargs):
        if data.get("title") == "校验崩溃":
            raise TypeError("a validator bug")
        return real_validate(data, *args, **kwargs)

    real_orjson_loads = recordfiles.orjson.loads

    class Orjson:  # the fast reader (recordfiles._plain_object) runs out of memory on it too: the old way decides
        @staticmethod
        def loads(raw):
            if "内存不足".encode() in raw:
                raise MemoryError
            return real_orjson_loads(raw)

    monkeypatch.setattr(recordfiles, "json", Json)
    monkeypatch.setattr(recordfiles, "orjson", Orjson)
    monkeypatch.setattr(Record, "model_validate", validate)
    good = govcn_records()[:2]
    path = tmp_path / "faults.jsonl"
    path.write_text("\n".join([line(good[0]), '{"title": "内存不足"}', '{"title": "校验崩溃"}', line(good[1])]) + "\n", encoding="utf-8")
    results = ingest(engine, path)
    assert list(results.values()) == ["new", "quarantined", "quarantined", "new"]
    why = reasons(engine)
    assert why[f"{path}:2"].endswith("too large to read in memory")
    assert why[f"{path}:3"].endswith("cannot be read as a record: TypeError: a validator bug")


def test_json_lines_in_a_json_file_keep_a_broken_line_to_itself(engine, tmp_path):
    one, two, three = govcn_records()[:3]
    path = tmp_path / "export.json"
    path.write_text("\n".join([line(one), '{"title": "断行', line(two), line(three)]) + "\n", encoding="utf-8")
    results = ingest(engine, path)
    assert results == {"export.json:1": "new", "export.json:2": "quarantined", "export.json:3": "new", "export.json:4": "new"}
    pretty = tmp_path / "pretty.json"
    pretty.write_text(json.dumps({**one, "id": "pretty-1", "title": "格式化的单条"}, ensure_ascii=False, indent=2), encoding="utf-8")
    assert ingest(engine, pretty) == {"pretty.json": "new"}


def test_an_xml_record_file_is_streamed_past_the_document_limit_and_a_bad_record_is_quarantined_alone(engine):
    engine.settings.parsers = engine.settings.parsers.model_copy(update={"max_file_bytes": 64 * 1024})
    inbox = inbox_dir(engine)
    record = "<record><信息名称>第{n}号通知</信息名称><发布机构>厦门市财政局</发布机构><正文>{body}</正文></record>"
    items = [record.format(n=n, body="正文" * 200) for n in range(300)]
    items.insert(150, "<record><信息名称>坏记录</信息名称><version>3</version></record>")  # a field only the store sets
    (inbox / "export.xml").write_bytes(('<?xml version="1.0" encoding="GBK"?>\n<records>' + "".join(items) + "</records>").encode("gbk"))
    assert (inbox / "export.xml").stat().st_size > 64 * 1024
    report = process_inbox(engine, now=LATER).as_dict()
    assert report["new"] == 300 and report["quarantined"] == 1, report
    assert "sets fields only the store sets: version" in reasons(engine)["inbox:export.xml#151"]
    assert any(r.title == "第299号通知" for r in engine.store.iter_records())


def test_xml_broken_part_way_keeps_the_records_before_and_quarantines_the_rest(engine, tmp_path):
    path = tmp_path / "broken.xml"
    path.write_text("<records><record><title>第一条</title></record><record><title>第二条</title></record><record><title>断", encoding="utf-8")
    results = ingest(engine, path)
    assert results == {"broken.xml[1]": "new", "broken.xml[2]": "new", "broken.xml[3]": "quarantined"}
    assert "after record 2" in reasons(engine)[f"{path}[3]"] and "not well-formed XML" in reasons(engine)[f"{path}[3]"]


def test_sidecars_follow_the_records_settings(engine, tmp_path):
    """The sidecar reader applies settings.records too, on both paths (gongkai ingest, the drop folder)."""
    engine.settings.records = engine.settings.records.model_copy(update={"max_depth": 4})
    nested = '{"topic": "综合", "notice": {"a": {"b": {"c": {"d": 1}}}}}'
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "doc.html").write_bytes((HTML / "govcn-5342665.html").read_bytes())
    (folder / "doc.html.json").write_text(nested, encoding="utf-8")
    assert ingest(engine, folder) == {"doc.html": "quarantined"}
    (inbox_dir(engine) / "doc.html").write_bytes((HTML / "govcn-5342665.html").read_bytes())
    (inbox_dir(engine) / "doc.html.json").write_text(nested, encoding="utf-8")
    assert process_inbox(engine, now=LATER).as_dict()["quarantined"] == 1
    assert "nested more than 4 levels deep (setting records.max_depth)" in reasons(engine)["inbox:doc.html"]
