"""review22b (session 22): bugs found reading the session's server, intake and store changes, each a failing test first.

1. A catalogue pushed a month after a file of the same name went in (pushed or dropped: one agency, two doors) retitled
   that old file, where doors14's rule (README: a late catalogue takes an archived or pushed file only within
   feeds.inbox_sidecar_wait_seconds before it arrived) held only for a catalogue dropped in the folder; the new file sent
   after its catalogue then found no line waiting.
2. A request saying `Expect: 100-continue` refused by the message rules themselves (a Host the rules refuse) kept its
   connection: the client, never told 100, does not send the body, and its next request was read as that body (it hung).
"""

from __future__ import annotations

import json
import socket
import time
from datetime import date

import pytest
from sqlalchemy import update

from tests.doors14_cases import AGENCY, page
from tests.support import agency_push_client, deliver_old

OLD_PAGE = page("通知公告", ["关于2031年3月土地市场动态监测工作的通知正文。"], "2031年3月2日")
NEW_PAGE = page("通知公告", ["关于开展2031年度地质灾害隐患点汛前排查的通知正文。"], "2031年4月26日")
NEW_TITLE = "厦门市自然资源和规划局关于开展2031年度地质灾害隐患点汛前排查的通知"


def _catalogue(name: str, title: str, day: str) -> bytes:
    return (json.dumps({"file": name, "title": title, "publish_date": day,
                        "source_url": f"http://zygh.xm.gov.cn/zwgk/tzgg/{day.replace('-', '')}/tzgg_9001.htm"},
                       ensure_ascii=False) + "\n").encode()


def _push(client, name: str, data: bytes):
    answer = client.post("/api/ingest", files={"file": (name, data)})
    assert answer.status_code < 500, answer.text
    return answer


def _age_captures(engine, seconds: float) -> None:
    """Every capture kept so far stored `seconds` earlier, and every record last seen so (a month passes between two
    sendings; my first version aged the captures alone: a record read from one is seen again at each sending)."""
    from datetime import timedelta

    from gongkai.store.schema import captures, records

    with engine.store._engine.begin() as conn:
        for rid, seen in conn.execute(records.select().with_only_columns(records.c.id, records.c.last_seen)).all():
            conn.execute(update(records).where(records.c.id == rid).values(last_seen=seen - timedelta(seconds=seconds)))
        for sha, created in conn.execute(captures.select().with_only_columns(captures.c.sha256, captures.c.created_at)).all():
            conn.execute(update(captures).where(captures.c.sha256 == sha).values(created_at=created - timedelta(seconds=seconds)))


@pytest.mark.parametrize("door", ["push", "inbox"])
def test_a_catalogue_pushed_a_month_later_leaves_last_months_file_of_that_name(door, settings):
    """通知.html sent last month (pushed, or dropped in the folder); this month the sync tool pushes its catalogue first,
    naming 通知.html, then the new 通知.html: the line is the new page's, last month's record keeps its own title."""
    from gongkai.feeds.inbox import inbox_dir, process_inbox

    with agency_push_client(settings, AGENCY) as (engine, client):
        if door == "push":
            _push(client, "通知.html", OLD_PAGE)
        else:
            deliver_old(inbox_dir(engine) / AGENCY, {"通知.html": OLD_PAGE})
            process_inbox(engine, now=time.time() + 3600)
        _age_captures(engine, 31 * 86400)
        answer = _push(client, "index.jsonl", _catalogue("通知.html", NEW_TITLE, "2031-04-26"))
        assert answer.status_code == 202, answer.text
        _push(client, "通知.html", NEW_PAGE)
        live = {r.title: r for r in engine.export() if not r.withdrawn}
        assert NEW_TITLE in live and "地质灾害" in live[NEW_TITLE].body, sorted(live)
        assert live[NEW_TITLE].publish_date == date(2031, 4, 26)
        assert "通知公告" in live and "土地市场动态监测" in live["通知公告"].body, sorted(live)
        assert engine.store.quarantine_list("open", limit=100) == []


# ------------------------------------------------------------------ Expect: 100-continue refused by the rules


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    from tests.support import served_engine

    record = {"id": "review22b-1", "title": "厦门市人民政府办公厅关于印发测试方案的通知", "body": "正文。",
              "source": "厦门市人民政府办公厅", "publish_date": "2026-03-02", "url": "http://www.xm.gov.cn/a/1.htm"}
    with served_engine(tmp_path_factory.mktemp("review22b"), [record]) as (_engine, url):
        yield url


@pytest.mark.parametrize("host", ["厦门.gov.cn".encode(), b"www.xm.gov.cn bad"])
def test_a_refused_request_expecting_100_continue_does_not_read_the_next_as_its_body(served, host):
    """A push whose Host the rules refuse (a raw IDN, a space), saying Expect: 100-continue: answered 400 with no 100, so
    the client sends no body and sends its next request: that is answered as itself, or the connection is closed; it
    must not hang waiting for 600 bytes of a body never sent."""
    address = served.removeprefix("http://").rstrip("/")
    hostname, port = address.split(":")
    with socket.create_connection((hostname, int(port)), timeout=20) as sock:  # a hang, not a speed, is tested
        sock.sendall(b"POST /api/ingest HTTP/1.1\r\nHost: " + host + b"\r\nContent-Type: application/json\r\n"
                     b"Content-Length: 600\r\nExpect: 100-continue\r\n\r\n")
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = sock.recv(65536)
            assert chunk, "closed with no answer"
            data += chunk
        head, _, rest = data.partition(b"\r\n\r\n")
        assert head.startswith(b"HTTP/1.1 400"), head
        length = int(next(line.split(b":")[1] for line in head.split(b"\r\n") if line.lower().startswith(b"content-length")))
        while len(rest) < length:
            chunk = sock.recv(65536)
            if not chunk:
                break
            rest += chunk
        try:
            sock.sendall(b"GET /api/documents/review22b-1 HTTP/1.1\r\nHost: " + address.encode() + b"\r\nConnection: close\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):
            return  # closed after the refusal: right
        following = b""
        try:
            while chunk := sock.recv(65536):
                following += chunk
        except ConnectionResetError:
            pass
        except TimeoutError:
            pytest.fail(f"the next request hung, read as the refused request's body: {following[:200]!r}")
        assert following == b"" or (following.startswith(b"HTTP/1.1 200") and b"review22b-1" in following), following[:300]


def test_a_file_sent_again_unchanged_just_before_its_catalogue_takes_the_line(settings):
    """通知.html pushed last month and pushed again, unchanged, today (its capture row keeps last month's time), then the
    catalogue naming it: the file sent today is within the wait, so the line is applied, nothing waits."""
    with agency_push_client(settings, AGENCY) as (engine, client):
        _push(client, "通知.html", NEW_PAGE)
        _age_captures(engine, 31 * 86400)
        _push(client, "通知.html", NEW_PAGE)
        answer = _push(client, "index.jsonl", _catalogue("通知.html", NEW_TITLE, "2031-04-26"))
        assert answer.status_code == 202, answer.text
        live = {r.title: r for r in engine.export() if not r.withdrawn}
        assert sorted(live) == [NEW_TITLE], sorted(live)
        assert engine.store.quarantine_list("open", limit=100) == []


def test_a_file_pushed_again_unchanged_just_before_a_dropped_catalogue_takes_the_line(settings):
    """The other door: 通知.html pushed last month and again, unchanged, today; the sync tool then drops the catalogue in
    the agency's folder: the file pushed today is within the wait, so its line is applied, nothing left open."""
    from gongkai.feeds.inbox import inbox_dir, process_inbox

    with agency_push_client(settings, AGENCY) as (engine, client):
        _push(client, "通知.html", NEW_PAGE)
        _age_captures(engine, 31 * 86400)
        _push(client, "通知.html", NEW_PAGE)
        deliver_old(inbox_dir(engine) / AGENCY, {"index.jsonl": _catalogue("通知.html", NEW_TITLE, "2031-04-26")})
        process_inbox(engine, now=time.time() + 3600)
        live = {r.title: r for r in engine.export() if not r.withdrawn}
        assert sorted(live) == [NEW_TITLE], sorted(live)
        assert engine.store.quarantine_list("open", limit=100) == []
