"""parse_many: real documents over a process pool; a hanging or crashing parser costs one item only."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from gongkai.parsers import Capture, ParseError, ParseTimeout, parse_many
from gongkai.parsers.registry import FormatSpec, registered
from gongkai.record import Record
from gongkai.settings import ParserSettings

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


def real_captures() -> list[Capture]:
    html = sorted((CORPUS / "govcn_state_council_policies" / "html").glob("*.html"))[:12]
    files = sorted((CORPUS / "pdf_docx" / "govcn_as_files").glob("*.*"))
    return [Capture.from_path(p) for p in html + [f for f in files if f.suffix in (".pdf", ".docx")]]


def test_every_capture_comes_back_parsed() -> None:
    captures = real_captures()
    results = list(parse_many(captures, ParserSettings(timeout_seconds=30), workers=2))
    assert sorted(c.filename for c, _ in results) == sorted(c.filename for c in captures)
    by_name = {c.filename: r for c, r in results}
    assert all(isinstance(r, Record) for r in by_name.values()), [r for r in by_name.values() if not isinstance(r, Record)]
    assert by_name["govcn-5339579.pdf"].doc_number == "国办函〔2018〕74号"
    assert by_name["govcn-5338761.html"].index_number == "000014349/2018-00204"


def _hang(capture, settings):
    time.sleep(3600)


def _die(capture, settings):
    os._exit(3)  # what a segfault in a C library looks like from outside


@pytest.fixture
def misbehaving_formats(monkeypatch):
    """Two extra formats whose parsers hang or kill their process (workers are forked: they see these)."""
    hang = FormatSpec("hang", (), (".hang",), lambda data: data.startswith(b"HANG"), _hang)
    die = FormatSpec("die", (), (".die",), lambda data: data.startswith(b"DIE!"), _die)
    with registered(hang, die):
        yield


def test_hanging_and_crashing_parsers_are_contained(misbehaving_formats) -> None:
    good = real_captures()[:6]
    hanging = Capture(data=b"HANG forever", filename="stuck.hang")
    dying = Capture(data=b"DIE! now", filename="crash.die")
    bad_pdf = Capture(data=b"%PDF-1.4\nnot really", filename="bad.pdf")
    captures = [hanging, *good[:3], dying, bad_pdf, *good[3:]]
    started = time.monotonic()
    results = dict((c.filename, r) for c, r in parse_many(captures, ParserSettings(timeout_seconds=1.5), workers=2))
    elapsed = time.monotonic() - started
    assert set(results) == {c.filename for c in captures}
    assert isinstance(results["stuck.hang"], ParseTimeout)
    assert "1.5 s" in results["stuck.hang"].reason
    assert isinstance(results["crash.die"], ParseError) and "died" in results["crash.die"].reason
    assert isinstance(results["bad.pdf"], ParseError)
    assert all(isinstance(results[c.filename], Record) for c in good)
    assert elapsed < 10  # the hang cost its timeout, not an hour


def test_stopping_early_kills_busy_workers(misbehaving_formats) -> None:
    import multiprocessing

    good = real_captures()[:2]
    captures = [good[0], Capture(data=b"HANG", filename="1.hang"), Capture(data=b"HANG", filename="2.hang"), good[1]]
    iterator = parse_many(captures, ParserSettings(timeout_seconds=600), workers=2)
    first_capture, first_result = next(iterator)
    assert first_capture.filename == good[0].filename and isinstance(first_result, Record)
    started = time.monotonic()
    iterator.close()  # the caller gives up while a worker is stuck in a 600 s parse
    assert time.monotonic() - started < 5
    assert not [p for p in multiprocessing.active_children() if p.name == "gongkai-parser"]


def test_workers_must_not_be_negative() -> None:
    with pytest.raises(ValueError):
        list(parse_many([], ParserSettings(), workers=-1))


def _in_a_thread(function):
    """Run `function` in a non-main thread, as the server's request threads and scheduler jobs do."""
    import threading

    outcome: dict = {}

    def run() -> None:
        try:
            outcome["value"] = function()
        except BaseException as exc:  # noqa: BLE001 - handed to the test below
            outcome["error"] = exc

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(timeout=120)
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def test_workers_come_from_the_fork_server_only_on_request() -> None:
    from gongkai.parsers.pool import _context

    assert _context().get_start_method() == "fork"  # fast, and re-imports nobody's __main__
    assert _context(fork_server=True).get_start_method() == "forkserver"


def test_a_scheduler_process_gets_fork_server_workers_in_its_job_threads(monkeypatch) -> None:
    from gongkai.parsers import pool

    monkeypatch.setattr(pool, "_fork_server_for_threads", False)  # a plain process: fork, from any thread
    assert not pool._wants_fork_server(False) and not _in_a_thread(lambda: pool._wants_fork_server(False))
    pool.use_fork_server_from_threads()  # what gongkai.ops.main and `serve --with-scheduler` call
    assert pool._wants_fork_server(False) is False  # the main thread still forks (fast)
    assert _in_a_thread(lambda: pool._wants_fork_server(False)) is True
    good = real_captures()[:2]
    results = _in_a_thread(lambda: list(parse_many(good, ParserSettings(timeout_seconds=60), workers=1)))
    assert all(isinstance(r, Record) for _, r in results) and len(results) == 2


def test_the_time_limit_holds_for_callers_in_other_threads() -> None:
    """A pushed document is parsed from a server thread: a parse that overruns is stopped there too."""
    good = real_captures()[:4]
    slow = Capture.from_path(CORPUS / "pdf_docx" / "中华人民共和国民法典.pdf")  # 231 pages: seconds to parse
    # The first call starts the fork server (imports the parsers once); the measured one forks from it.
    _in_a_thread(lambda: list(parse_many(good[:1], ParserSettings(timeout_seconds=60), workers=1, fork_server=True)))
    started = time.monotonic()
    results = _in_a_thread(
        lambda: dict(
            (c.filename, r) for c, r in parse_many([slow, *good], ParserSettings(timeout_seconds=1.0), workers=2, fork_server=True)
        )
    )
    assert isinstance(results[slow.filename], ParseTimeout)
    assert all(isinstance(results[c.filename], Record) for c in good)
    assert time.monotonic() - started < 10


def test_notice_columns_are_split_in_the_workers_under_the_time_limit() -> None:
    from gongkai.parsers import parse_notices_each

    fixtures = Path(__file__).resolve().parent / "fixtures" / "parsers"
    columns = [Capture.from_path(fixtures / name) for name in ("notices_xmrb_column.html", "notices_xmrb_column_2.txt")]
    results = dict((c.filename, r) for c, r in parse_many(columns, ParserSettings(timeout_seconds=30), workers=2, notices=True))
    for column in columns:
        in_process = parse_notices_each(column, ParserSettings())
        assert len(in_process) > 1
        from_worker = results[column.filename]
        assert isinstance(from_worker, list)
        assert [r.model_dump() if isinstance(r, Record) else r.reason for r in from_worker] == [
            r.model_dump() if isinstance(r, Record) else r.reason for r in in_process
        ]
    # A column that overruns the limit is one ParseTimeout for the whole page (nothing half-split).
    [(_, late)] = list(parse_many(columns[:1], ParserSettings(timeout_seconds=0.001), workers=1, notices=True))
    assert isinstance(late, ParseTimeout)
