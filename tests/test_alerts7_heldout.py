"""alerts7's held-out material (session 21): notices and citizens' inputs written for it (not the corpus's, nor alerts4's to
alerts6's), modelled on 厦门市水务集团's and 国网厦门供电公司's notices and 厦门日报's 遗失声明 (tests/fixtures/heldout21/alerts7/):
a water cut crossing midnight and its postponement to another week, a power line's cut printed as 停电时间/停电线路/停电范围
fields; places typed as citizens type them; saved searches with spaces and a filter; receivers failing then recovering
(down then up, 429 then 204, too slow then quick, a mail server down then up); the freshness watch over the State Council's
real 2025 holiday notice (国办发明电〔2024〕12号: 端午 a Saturday to Monday, 国庆节、中秋节 8 days, 调休 Sundays). Real SMTP
(aiosmtpd), real HTTP on 127.0.0.1. Expectations were written before the first run."""

from __future__ import annotations

import email
import email.policy
import json
import socket
import threading
import time
from datetime import UTC, date, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from gongkai.engine import Engine
from gongkai.feeds import alerts as A
from gongkai.record import Record
from gongkai.settings import load_settings
from tests.alert_receiver import Receiver
from tests.test_alert_mail import Wire
from tests.test_alert_streets import notice

HERE = Path(__file__).parent / "fixtures" / "heldout21" / "alerts7"


def _text(name: str) -> str:
    return (HERE / f"{name}.txt").read_text(encoding="utf-8")


def _engine(tmp_path: Path, **alerts: Any) -> Engine:
    return Engine(load_settings(data_dir=tmp_path / "data", alerts={"backoff_seconds": 0, **alerts}))


def _lost(n: int, title: str, body: str, day: str) -> Record:
    return Record(kind="notice", notice_type="lost", title=title, issuer="", body=body, publish_date=day,
                  url=f"https://epaper.xmnn.cn/xmrb/{day.replace('-', '')}/a7-yishi-{n}.htm")


#: (as typed, records told): the water cut (12-29 22:00 to 06:00) and its postponement reach 杏林湾路's 1-199; the 海沧 line's
#: cut reaches 兴港六里 1-45, 霞阳村 and 新阳路's shops. 杏林湾 is part of a name; 杏林湾路200号 and 兴港六里50号 are outside.
STREETS = [("杏林湾路88号", 2), ("集美区杏林湾路１２３号", 2), ("杏林灣路88號", 2), ("杏林湾路200号", 0), ("杏林湾", 0),
           ("兴港六里20号", 1), ("海沧区兴港六里1号", 1), ("兴港六里50号", 0), ("海沧区霞阳村", 1), ("新阳路", 1)]


def test_round1_places_typed_as_citizens_type_them_over_a_water_cut_its_postponement_and_a_power_cut(tmp_path):
    engine = _engine(tmp_path)
    with Receiver() as receiver:
        watching = {area: A.add_alert(engine, "", {"area": area}, "webhook", receiver.url) for area, _ in STREETS}
        for n, name in enumerate(["water_cut", "water_postponed", "grid_cut_haicang"]):  # one run a day
            host = "www.xmwater.example" if name.startswith("water") else "www.xm.sgcc.example"
            engine.ingest_records([notice(_text(name), f"https://{host}/a7/{n}/{name}")])
            assert not A.run_alerts(engine).errors
        told: dict[str, list[dict[str, Any]]] = {}
        for body in receiver.accepted.values():
            told.setdefault(body["alert_id"], []).extend(body["records"])
    assert {area: len(told.get(alert.id, [])) for area, alert in watching.items()} == dict(STREETS)
    cut, postponed = told[watching["杏林湾路88号"].id]
    assert any(w["start"].startswith("2026-12-29T22:00") and w["end"].startswith("2026-12-30T06:00") and w["effect"] == "cut"
               for w in cut["windows"]), cut["windows"]
    assert any(w["start"].startswith("2027-01-05T22:00") and w["effect"] == "cut" for w in postponed["windows"]), postponed["windows"]
    assert any(w["start"].startswith("2026-12-29T22:00") and w["effect"] == "cancelled" for w in postponed["windows"])
    [grid] = told[watching["兴港六里20号"].id]
    assert any(w["start"].startswith("2027-01-06T07:30") and w["end"].startswith("2027-01-06T18:00") for w in grid["windows"])


def test_round1_saved_searches_with_spaces_and_a_notice_type(tmp_path):
    """集美 停水 (two words, a space: both in each water notice); 遗失 公章 restricted to 遗失声明: the seals lost, in either
    order of the words, not a licence, not a water notice."""
    engine = _engine(tmp_path)
    with Receiver() as receiver:
        jimei = A.add_alert(engine, "集美 停水", {}, "webhook", receiver.url)
        seals = A.add_alert(engine, "遗失 公章", {"notice_type": "lost"}, "webhook", receiver.url)
        days = [
            [notice(_text("water_cut"), "https://www.xmwater.example/a7/s/1"),
             _lost(1, "厦门闽晟建材有限公司遗失声明", _text("paper_lost_seal"), "2026-12-26"),
             _lost(2, "厦门市集美区永和五金店遗失营业执照声明", "厦门市集美区永和五金店遗失营业执照正本，声明作废。", "2026-12-26")],
            [notice(_text("water_postponed"), "https://www.xmwater.example/a7/s/2"),
             _lost(3, "公章遗失声明", "厦门市翔安区海晟水产养殖专业合作社公章遗失，特此声明作废。", "2026-12-28"),
             notice(_text("grid_cut_haicang"), "https://www.xm.sgcc.example/a7/s/3")],
        ]
        for batch in days:
            engine.ingest_records(batch)
            assert not A.run_alerts(engine).errors
        sent = {aid: sorted(r["title"] for b in receiver.accepted.values() if b["alert_id"] == aid for r in b["records"])
                for aid in (jimei.id, seals.id)}
    assert sent[jimei.id] == sorted(["厦门市水务集团有限公司停水通知", "关于集美区杏林湾路停水延期的通知"])
    assert sent[seals.id] == sorted(["厦门闽晟建材有限公司遗失声明", "公章遗失声明"])


class Scripted:
    """A webhook receiver on a given port answering each request by a script of (status, seconds to wait, headers); the
    last answer repeats. It keeps each request's delivery header and each accepted body."""

    def __init__(self, port: int, script: list[tuple[int, float, dict[str, str]]]) -> None:
        self.script, self.seen, self.bodies = script, [], []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                receiver.seen.append(self.headers.get("X-Gongkai-Delivery", ""))
                status, wait, headers = receiver.script[min(len(receiver.seen), len(receiver.script)) - 1]
                if wait:
                    time.sleep(wait)
                if 200 <= status < 300:
                    receiver.bodies.append(json.loads(body))
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *_args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.url = f"http://127.0.0.1:{port}/gongkai/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _one_lost(engine: Engine, n: int) -> None:
    engine.ingest_records([_lost(n, f"厦门市思明区第{n}号便民店遗失营业执照声明", f"思明区第{n}号便民店遗失营业执照正本，声明作废。", "2026-12-29")])


def test_round2_a_receiver_down_then_up_gets_the_delivery_once(tmp_path):
    """The receiving service is restarting: nothing listens on its port at the first run (connection refused); at the next
    run it is up. The delivery goes once, the alert is not failing after it."""
    engine, port = _engine(tmp_path), _closed_port()
    alert = A.add_alert(engine, "营业执照遗失", {}, "webhook", f"http://127.0.0.1:{port}/gongkai/hook")
    _one_lost(engine, 41)
    first = A.run_alerts(engine)
    listed = {a["id"]: a for a in A.list_alerts(engine)}[alert.id]
    assert (first.delivered, first.failed_tries, first.given_up) == (0, 1, 0)
    assert listed["last_error"] and listed["deliveries"]["pending"] == 1
    up = Scripted(port, [(200, 0, {})])
    try:
        second, third = A.run_alerts(engine), A.run_alerts(engine)
    finally:
        up.close()
    assert (second.delivered, third.delivered, len(up.bodies)) == (1, 0, 1)
    assert [r["title"] for r in up.bodies[0]["records"]] == ["厦门市思明区第41号便民店遗失营业执照声明"]
    assert {a["id"]: a for a in A.list_alerts(engine)}[alert.id]["failing"] is False


def test_round2_a_receiver_answering_429_then_204_gets_the_delivery_once_under_one_id(tmp_path):
    """A rate-limited gateway answers 429 Too Many Requests (Retry-After: 0), then 204 No Content: 204 is success."""
    engine = _engine(tmp_path)
    receiver = Scripted(_closed_port(), [(429, 0, {"Retry-After": "0"}), (204, 0, {})])
    try:
        alert = A.add_alert(engine, "营业执照遗失", {}, "webhook", receiver.url)
        _one_lost(engine, 42)
        first, second, third = A.run_alerts(engine), A.run_alerts(engine), A.run_alerts(engine)
    finally:
        receiver.close()
    assert (first.delivered, first.failed_tries, second.delivered, third.delivered) == (0, 1, 1, 0)
    assert len(receiver.seen) == 2 and receiver.seen[0] == receiver.seen[1] != ""
    listed = {a["id"]: a for a in A.list_alerts(engine)}[alert.id]
    assert listed["deliveries"]["sent"] == 1 and listed["failing"] is False


def test_round2_a_receiver_too_slow_then_quick_is_sent_the_same_delivery_id(tmp_path):
    """The receiver takes 3 s at the first try (alerts.timeout_seconds = 1): a failed try; the next run's try carries the same
    delivery id, so a receiver that did take the first copy late deduplicates it."""
    engine = _engine(tmp_path, timeout_seconds=1.0)
    receiver = Scripted(_closed_port(), [(200, 3.0, {}), (200, 0, {})])
    try:
        alert = A.add_alert(engine, "营业执照遗失", {}, "webhook", receiver.url)
        _one_lost(engine, 43)
        first, second = A.run_alerts(engine), A.run_alerts(engine)
    finally:
        receiver.close()
    assert (first.delivered, first.failed_tries, second.delivered) == (0, 1, 1)
    assert len(set(receiver.seen)) == 1 and receiver.seen[0] != ""
    assert {a["id"]: a for a in A.list_alerts(engine)}[alert.id]["deliveries"]["sent"] == 1


def test_round2_a_mail_server_down_then_up_mails_once(tmp_path):
    from aiosmtpd.controller import Controller

    port = _closed_port()
    engine = _engine(tmp_path, smtp_host="127.0.0.1", smtp_port=port)
    alert = A.add_alert(engine, "营业执照遗失", {}, "email", "clerk@example.cn")
    _one_lost(engine, 44)
    first = A.run_alerts(engine)
    listed = {a["id"]: a for a in A.list_alerts(engine)}[alert.id]
    assert (first.delivered, first.failed_tries) == (0, 1)
    assert "无法连接邮件服务器" in (listed["last_error"] or ""), listed["last_error"]
    wire = Wire()
    controller = Controller(wire, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        second, third = A.run_alerts(engine), A.run_alerts(engine)
    finally:
        controller.stop()
    assert (second.delivered, third.delivered, len(wire.raw)) == (1, 0, 1)
    mail = email.message_from_bytes(wire.raw[0], policy=email.policy.default)
    assert "第44号便民店" in mail.get_body(("plain",)).get_content()


def _state_council_2025(engine: Engine) -> None:
    text = _text("sc_2025")
    engine.ingest_records([Record(kind="disclosure", title=text.splitlines()[0], issuer="国务院办公厅", doc_number="国办发明电〔2024〕12号",
                                  body=text, publish_date="2024-11-12", written_date="2024-11-12",
                                  url="https://www.gov.cn/zhengce/content/202411/content_6986382.htm", source="feed:国务院")])


def _quiet_since(tmp_path: Path, last_seen: datetime, last_day: date) -> Engine:
    from gongkai.store.schema import records
    from gongkai.store.timeutil import to_db

    engine = Engine(load_settings(data_dir=tmp_path / "data", freshness={"cadence_days": {"feed:水务": 1}}))
    _state_council_2025(engine)
    engine.ingest_records([Record(kind="disclosure", title="厦门市水务局关于供水设施改造项目的公示", issuer="厦门市水务局", body="项目公示。",
                                  publish_date=last_day, url="https://sw.xm.example/gs/a7.htm", source="feed:水务")])
    with engine.store._engine.begin() as conn:
        conn.execute(records.update().where(records.c.source == "feed:水务").values(first_seen=to_db(last_seen)))
    return engine


def _told(engine: Engine, now: datetime) -> list[str]:
    from gongkai.ops.freshness import sources_status

    return [r for r in {s.name: s for s in sources_status(engine, now=now)}["feed:水务"].reasons if "新" in r]


def test_round3_duanwu_2025_saturday_to_monday_is_quiet(tmp_path):
    """端午 2025: 05-31 (Sat) to 06-02 (Mon) off, as the notice says. A daily feed last heard Friday 05-30 17:00 is not
    overdue on Tuesday 06-03 at 20:00 (one working day silent); on Thursday 06-05 at 10:00 it is."""
    engine = _quiet_since(tmp_path, datetime(2025, 5, 30, 9, tzinfo=UTC), date(2025, 5, 30))
    assert _told(engine, datetime(2025, 6, 3, 12, tzinfo=UTC)) == []
    assert _told(engine, datetime(2025, 6, 5, 2, tzinfo=UTC))


def test_round3_the_tiaoxiu_sunday_before_guoqing_is_a_working_day(tmp_path):
    """09-28 (Sun) is a make-up working day: a daily feed last heard Friday 09-26 17:00, silent on Sunday and Monday, is
    overdue on Monday 09-29 at 20:00."""
    engine = _quiet_since(tmp_path, datetime(2025, 9, 26, 9, tzinfo=UTC), date(2025, 9, 26))
    assert _told(engine, datetime(2025, 9, 28, 12, tzinfo=UTC)) == []  # Sunday evening: one working day silent
    assert _told(engine, datetime(2025, 9, 29, 12, tzinfo=UTC))


def test_round3_the_eight_day_guoqing_zhongqiu_week_is_quiet(tmp_path):
    """国庆节、中秋节 2025: 10-01 to 10-08 off. Last heard Tuesday 09-30 17:00; on Thursday 10-09 at 10:00 not overdue; on
    Saturday 10-11 (a make-up working day) at 20:00, silent three working days, it is."""
    engine = _quiet_since(tmp_path, datetime(2025, 9, 30, 9, tzinfo=UTC), date(2025, 9, 30))
    assert _told(engine, datetime(2025, 10, 9, 2, tzinfo=UTC)) == []
    assert _told(engine, datetime(2025, 10, 11, 12, tzinfo=UTC))


def test_round3_yuandan_2025_one_day_no_tiaoxiu(tmp_path):
    """元旦 2025: 01-01 (Wed) alone. Last heard Tuesday 12-31 17:00: not overdue Thursday 01-02 at 20:00; overdue Friday
    01-03 at 20:00 (two working days silent)."""
    engine = _quiet_since(tmp_path, datetime(2024, 12, 31, 9, tzinfo=UTC), date(2024, 12, 31))
    assert _told(engine, datetime(2025, 1, 2, 12, tzinfo=UTC)) == []
    assert _told(engine, datetime(2025, 1, 3, 12, tzinfo=UTC))


#: round 4 (written before its first run): 国网厦门供电公司's weekly plan, one table row per line and window; each place is
#: told its own row's window, not the others'. 海天路128号 is one door (130号 is not it); 高林中路 520-588 even doors only.
WEEKLY = [("东渡路88号", "2027-01-11T08:00"), ("海天路128号", "2027-01-11T08:00"), ("海天路130号", None),
          ("高林中路530号", "2027-01-12T09:00"), ("高林中路531号", None), ("高林居住区一期", "2027-01-12T09:00"),
          ("岩内村", "2027-01-13T07:00"), ("后溪镇城内村", "2027-01-13T07:00"), ("东渡路101号", None)]


def test_round4_a_weekly_plan_table_tells_each_place_its_own_rows_window(tmp_path):
    engine = _engine(tmp_path)
    with Receiver() as receiver:
        watching = {area: A.add_alert(engine, "", {"area": area}, "webhook", receiver.url) for area, _ in WEEKLY}
        engine.ingest_records([notice(_text("weekly_plan"), "https://www.xm.sgcc.example/a7/r4/week2")])
        assert not A.run_alerts(engine).errors
        told: dict[str, list[dict[str, Any]]] = {}
        for body in receiver.accepted.values():
            told.setdefault(body["alert_id"], []).extend(body["records"])
    for area, start in WEEKLY:
        records = told.get(watching[area].id, [])
        if start is None:
            assert records == [], area
            continue
        assert len(records) == 1, area
        assert {w["start"][:16] for w in records[0]["windows"]} == {start}, (area, records[0]["windows"])


def test_round4_the_holiday_notice_as_gov_cn_serves_its_page_sets_the_calendar(tmp_path):
    """gov.cn's page (its chrome, the 索引号 table, the text in <p>): dropped in as a file, it is read and the 调休 Sunday
    09-20 runs a daily feed's clock (last heard Friday 09-18 17:00: overdue Monday 09-21 at 20:00)."""
    engine = Engine(load_settings(data_dir=tmp_path / "data", freshness={"cadence_days": {"feed:水务": 1}}))
    engine.ingest_paths([HERE / "govcn_2026.html"])
    from gongkai.store.schema import holiday_days, records
    from gongkai.store.timeutil import to_db

    with engine.store.read_engine.connect() as conn:
        kinds = [row.kind for row in conn.execute(holiday_days.select())]
    assert kinds.count("off") == 33 and kinds.count("work") == 6
    engine.ingest_records([Record(kind="disclosure", title="厦门市水务局关于供水设施改造项目的公示", issuer="厦门市水务局", body="项目公示。",
                                  publish_date="2026-09-18", url="https://sw.xm.example/gs/a7r4.htm", source="feed:水务")])
    with engine.store._engine.begin() as conn:
        conn.execute(records.update().where(records.c.source == "feed:水务").values(first_seen=to_db(datetime(2026, 9, 18, 9, tzinfo=UTC))))
    assert _told(engine, datetime(2026, 9, 20, 12, tzinfo=UTC)) == []
    assert _told(engine, datetime(2026, 9, 21, 12, tzinfo=UTC))


def test_round4_the_city_governments_forwarding_copy_sets_the_year(tmp_path):
    """厦门市人民政府办公厅's 转发 (its own 文号 and lines, then the State Council's text): 2027's 端午 Wednesday to Friday is
    quiet, the 调休 Saturday 06-12 is a working day."""
    engine = Engine(load_settings(data_dir=tmp_path / "data", freshness={"cadence_days": {"feed:水务": 1}}))
    text = _text("xm_forward_2027")
    engine.ingest_records([Record(kind="disclosure", title=text.splitlines()[0], issuer="厦门市人民政府办公厅", doc_number="厦府办〔2026〕88号",
                                  body=text, publish_date="2026-11-13", url="https://www.xm.gov.cn/zwgk/flfg/sfbwj/202611/t20261113_a7.htm")])
    from gongkai.store.schema import records
    from gongkai.store.timeutil import to_db

    engine.ingest_records([Record(kind="disclosure", title="厦门市水务局关于供水设施改造项目的公示", issuer="厦门市水务局", body="项目公示。",
                                  publish_date="2027-06-08", url="https://sw.xm.example/gs/a7r4b.htm", source="feed:水务")])
    with engine.store._engine.begin() as conn:
        conn.execute(records.update().where(records.c.source == "feed:水务").values(first_seen=to_db(datetime(2027, 6, 8, 9, tzinfo=UTC))))
    assert _told(engine, datetime(2027, 6, 11, 12, tzinfo=UTC)) == []  # Friday 20:00, the holiday's last day
    assert _told(engine, datetime(2027, 6, 14, 2, tzinfo=UTC)) == []  # Monday 10:00: only Saturday 06-12 at work, silent
    assert _told(engine, datetime(2027, 6, 15, 12, tzinfo=UTC))  # Tuesday 20:00: Saturday, Monday and Tuesday silent


def test_round4_an_email_subscriber_of_one_row_is_mailed_its_window_only(tmp_path):
    from aiosmtpd.controller import Controller

    from gongkai.web.app import create_app
    from gongkai.web.server import serve_in_thread
    from tests.test_alerts5_heldout import _confirm_all

    port, wire = _closed_port(), Wire()
    controller = Controller(wire, hostname="127.0.0.1", port=port, enable_SMTPUTF8=True)
    controller.start()
    try:
        engine = _engine(tmp_path, smtp_host="127.0.0.1", smtp_port=port)
        import httpx

        with serve_in_thread(create_app(engine)) as base, httpx.Client(base_url=base, timeout=10) as client:
            answer = client.post("/subscriptions", data={"email": "zheng.wei@163.com", "area": "高林中路５３０号"})
            assert answer.status_code == 200, answer.text
            _confirm_all(client, wire)
            engine.ingest_records([notice(_text("weekly_plan"), "https://www.xm.sgcc.example/a7/r4/mail")])
            A.run_alerts(engine)
    finally:
        controller.stop()
    [raw] = wire.raw
    text = email.message_from_bytes(raw, policy=email.policy.default).get_body(("plain",)).get_content()
    assert "2027-01-12 09:00" in text and "17:30" in text
    assert "2027-01-11" not in text and "2027-01-13" not in text


#: round 5 (written before its first run): the weekly plan, then its adjustment calling row 2 off by its line's name only.
ADJUSTED = [("高林中路530号", [False, True]), ("高林居住区一期", [False, True]), ("东渡路88号", [False]), ("岩内村", [False])]


def test_round5_an_adjustment_calling_off_one_row_by_its_line_reaches_that_rows_places_only(tmp_path):
    engine = _engine(tmp_path)
    with Receiver() as receiver:
        watching = {area: A.add_alert(engine, "", {"area": area}, "webhook", receiver.url) for area, _ in ADJUSTED}
        for n, name in enumerate(["weekly_plan", "weekly_adjusted"]):
            engine.ingest_records([notice(_text(name), f"https://www.xm.sgcc.example/a7/r5/{n}")])
            assert not A.run_alerts(engine).errors
        told: dict[str, list[dict[str, Any]]] = {}
        for body in receiver.accepted.values():
            told.setdefault(body["alert_id"], []).extend(body["records"])
    assert {area: [r["called_off"] for r in told.get(alert.id, [])] for area, alert in watching.items()} == dict(ADJUSTED)
    _, off = told[watching["高林中路530号"].id]
    assert any(w["start"].startswith("2027-01-12T09:00") and w["effect"] == "cancelled" for w in off["windows"]), off["windows"]


def test_round5_a_dingtalk_style_webhook_url_keeps_its_query_string(tmp_path):
    """A group robot's URL (钉钉, 企业微信) carries its token in the query string: the POST goes to that path and query, as
    JSON the receiver reads in UTF-8."""
    got: list[tuple[str, str, dict[str, Any]]] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            got.append((self.path, self.headers.get("Content-Type", ""), json.loads(body.decode("utf-8"))))
            answer = b'{"errcode":0,"errmsg":"ok"}'
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, *_args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/robot/send?access_token=6f1c0a9e2b&sign=a%2Bb%3D"
        engine = _engine(tmp_path)
        A.add_alert(engine, "营业执照遗失", {}, "webhook", url)
        _one_lost(engine, 51)
        assert A.run_alerts(engine).delivered == 1
    finally:
        server.shutdown()
        server.server_close()
    [(path, content_type, body)] = got
    assert path == "/robot/send?access_token=6f1c0a9e2b&sign=a%2Bb%3D"
    assert content_type.startswith("application/json")
    assert [r["title"] for r in body["records"]] == ["厦门市思明区第51号便民店遗失营业执照声明"]


def test_round5_a_saved_search_typed_with_a_question_mark_and_a_year(tmp_path):
    """停电？ (the full-width question mark a phone adds) with year=2027: the week's plan published in 2027, not the 海沧
    cut published on 2026-12-30."""
    engine = _engine(tmp_path)
    with Receiver() as receiver:
        alert = A.add_alert(engine, "停电？", {"year": 2027}, "webhook", receiver.url)
        engine.ingest_records([notice(_text("grid_cut_haicang"), "https://www.xm.sgcc.example/a7/r5/y1"),
                               notice(_text("weekly_plan"), "https://www.xm.sgcc.example/a7/r5/y2")])
        assert not A.run_alerts(engine).errors
        titles = sorted(r["title"] for b in receiver.accepted.values() if b["alert_id"] == alert.id for r in b["records"])
    assert titles == ["国网厦门供电公司2027年1月第2周计划停电公告"]


def _days(first: str, last: str) -> set[date]:
    a, b = date.fromisoformat(first), date.fromisoformat(last)
    return {date.fromordinal(n) for n in range(a.toordinal(), b.toordinal() + 1)}


#: round 6 (written before its first run): the real 2023 and 2024 notices, as gov.cn printed them: 元旦 2023 from 2022-12-31
#: (each end printing its year), 星期 for 周, a single day off (清明 2023), 与周末连休, the 8-day 中秋节、国庆节 followed by a
#: Saturday and a Sunday at work, and 2024's encouragement to rest on 除夕 (鼓励…安排职工在除夕（2月9日）休息), no holiday.
NOTICES = {
    "sc_2023": (_days("2022-12-31", "2023-01-02") | _days("2023-01-21", "2023-01-27") | {date(2023, 4, 5)}
                | _days("2023-04-29", "2023-05-03") | _days("2023-06-22", "2023-06-24") | _days("2023-09-29", "2023-10-06"),
                {date(2023, 1, 28), date(2023, 1, 29), date(2023, 4, 23), date(2023, 5, 6), date(2023, 6, 25), date(2023, 10, 7),
                 date(2023, 10, 8)}),
    "sc_2024": ({date(2024, 1, 1)} | _days("2024-02-10", "2024-02-17") | _days("2024-04-04", "2024-04-06")
                | _days("2024-05-01", "2024-05-05") | {date(2024, 6, 10)} | _days("2024-09-15", "2024-09-17")
                | _days("2024-10-01", "2024-10-07"),
                {date(2024, 2, 4), date(2024, 2, 18), date(2024, 4, 7), date(2024, 4, 28), date(2024, 5, 11), date(2024, 9, 14),
                 date(2024, 9, 29), date(2024, 10, 12)}),
}


def test_round6_the_2023_and_2024_notices_stored_give_their_days(tmp_path):
    from gongkai.store.schema import holiday_days

    engine = Engine(load_settings(data_dir=tmp_path / "data"))
    for name in NOTICES:
        text = _text(name)
        engine.ingest_records([Record(kind="disclosure", title=text.splitlines()[0], issuer="国务院办公厅", body=text,
                                      url=f"https://www.gov.cn/zhengce/content/{name}.htm")])
    with engine.store.read_engine.connect() as conn:
        rows = conn.execute(holiday_days.select()).all()
    for name, (off, work) in NOTICES.items():
        year = int(name[-4:])
        assert {r.day for r in rows if r.year == year and r.kind == "off"} == off, name
        assert {r.day for r in rows if r.year == year and r.kind == "work"} == work, name


def test_round6_the_weekend_at_work_after_the_2023_golden_week_runs_the_clock(tmp_path):
    """Last heard Thursday 2023-09-28 17:00; 09-29 to 10-06 off; Saturday 10-07 and Sunday 10-08 at work: quiet on Friday
    10-06 evening, overdue on Sunday 10-08 at 20:00 (two working days silent; the fixed rules waited for Tuesday)."""
    from gongkai.store.schema import records
    from gongkai.store.timeutil import to_db

    engine = Engine(load_settings(data_dir=tmp_path / "data", freshness={"cadence_days": {"feed:水务": 1}}))
    text = _text("sc_2023")
    engine.ingest_records([Record(kind="disclosure", title=text.splitlines()[0], issuer="国务院办公厅", body=text,
                                  url="https://www.gov.cn/zhengce/content/sc_2023.htm"),
                           Record(kind="disclosure", title="厦门市水务局关于供水设施改造项目的公示", issuer="厦门市水务局", body="项目公示。",
                                  publish_date="2023-09-28", url="https://sw.xm.example/gs/a7r6.htm", source="feed:水务")])
    with engine.store._engine.begin() as conn:
        conn.execute(records.update().where(records.c.source == "feed:水务").values(first_seen=to_db(datetime(2023, 9, 28, 9, tzinfo=UTC))))
    assert _told(engine, datetime(2023, 10, 6, 12, tzinfo=UTC)) == []
    assert _told(engine, datetime(2023, 10, 8, 12, tzinfo=UTC))


def test_round7_a_feed_reader_polling_an_alerts_atom_feed(tmp_path):
    """Round 7 (written before its first run). A feed reader (NetNewsWire, Inoreader, Thunderbird) polls the alert's Atom
    feed: the matched notice is an entry whose id stays the same from poll to poll (the reader keeps what it showed by it);
    a repeat poll sends back the ETag the feed gave and, nothing new, gets 304 with no body; after a new match it gets the
    feed with both entries. A key pasted with a trailing space is a wrong key: 404 with a message, not 500."""
    import re as _re

    import httpx

    from gongkai.web.app import create_app
    from gongkai.web.server import serve_in_thread

    engine = _engine(tmp_path)
    alert = A.add_alert(engine, "营业执照遗失", {}, "atom", "")
    _one_lost(engine, 71)
    assert not A.run_alerts(engine).errors
    path = f"/alerts/{alert.id}/feed.atom"
    with serve_in_thread(create_app(engine)) as base, httpx.Client(base_url=base, timeout=10) as reader:
        first = reader.get(path, params={"key": alert.secret})
        assert first.status_code == 200 and first.headers["content-type"].startswith("application/atom+xml")
        ids = _re.findall(r"<entry>.*?<id>([^<]+)</id>", first.text, _re.S)
        assert len(ids) == 1 and "第71号便民店" in first.text
        tag = first.headers.get("etag")
        assert tag, first.headers
        again = reader.get(path, params={"key": alert.secret}, headers={"If-None-Match": tag})
        assert again.status_code == 304 and again.content == b""
        _one_lost(engine, 72)
        assert not A.run_alerts(engine).errors
        later = reader.get(path, params={"key": alert.secret}, headers={"If-None-Match": tag})
        assert later.status_code == 200
        later_ids = _re.findall(r"<entry>.*?<id>([^<]+)</id>", later.text, _re.S)
        assert len(later_ids) == 2 and ids[0] in later_ids
        wrong = reader.get(path, params={"key": alert.secret + " "})
        assert wrong.status_code == 404 and "密钥" in wrong.text
