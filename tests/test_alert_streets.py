"""A citizen's street subscription as they meet it (alerts3, session 14): 湖滨南路 typed with a district, in
Traditional characters, with a house number; one mail per new notice naming the place, none for a street sharing a
name part, none after a re-crawl or a corrected notice, none after unsubscribing; the mail read from the wire bytes
of a real SMTP conversation and its links opened over real HTTP. 国网厦门供电公司's layout: the window's sentence
ends 对下列线路停电： and each power line heads its places on a line of its own (10kV湖滨Ⅰ回线：思明区湖滨南路…)."""

from __future__ import annotations

import email
import email.policy
import re

import httpx

from gongkai.engine import Engine
from gongkai.feeds import alerts as A
from gongkai.feeds.alert_store import get_alerts
from gongkai.parsers import Capture, parse_notices
from gongkai.record import Record
from gongkai.settings import load_settings
from gongkai.web.server import serve_in_thread
from tests.test_alert_mail import smtp_server  # noqa: F401 - the fixture
from tests.test_subscriptions import link_in

GRID = """国网厦门供电公司停电公告
因电力设施检修，为确保安全，定于2026年12月{day}日（星期四）{hours}对下列线路停电：
10kV湖滨Ⅰ回线：思明区湖滨南路188号至266号（双号）、湖滨北路101号至160号。
10kV湖滨I回线：思明区湖滨中路1号至9号。
停电期间请用户做好准备，给您带来不便，敬请谅解。
国网厦门供电公司
2026年12月{published}日"""
EAST = """国网厦门供电公司停电公告
因线路改造，定于2026年12月11日09:00至16:00对下列区域停电：
湖里区湖滨东路1号至99号、湖滨西路沿线用户。
国网厦门供电公司
2026年12月6日"""


def notice(text: str, url: str) -> Record:
    [record] = [r for r in parse_notices(Capture(data=text.encode("utf-8"), url=url, source="web")) if r.notice_type == "outage"]
    return record


def test_the_line_headed_places_below_a_window_are_read():
    """10kV湖滨Ⅰ回线：… (and 湖滨I回线 with a Latin I) under …对下列线路停电：: the colon ended the list, the notice had no place."""
    record = notice(GRID.format(day=10, hours="08:30至17:30", published=6), "https://www.xm.sgcc.example/n/1")
    assert [[a.text for a in event.areas] for event in record.notice.events] == [
        ["思明区湖滨南路188号至266号（双号）", "湖滨北路101号至160号", "思明区湖滨中路1号至9号"]]


def test_a_streets_subscriber_gets_one_mail_per_new_notice_naming_the_place(tmp_path, smtp_server):  # noqa: F811
    from gongkai.web.app import create_app

    port, wire = smtp_server()
    engine = Engine(load_settings(data_dir=tmp_path / "data", alerts={"smtp_host": "127.0.0.1", "smtp_port": port, "backoff_seconds": 0}))
    asked = {"district@example.cn": "思明区湖滨南路", "traditional@example.cn": "湖濱南路200號", "house@example.cn": "湖滨南路200号",
             "odd@example.cn": "湖滨南路201号", "east@example.cn": "湖滨东路", "part@example.cn": "湖滨"}

    def mails() -> list:
        return [email.message_from_bytes(raw, policy=email.policy.default) for raw in wire.raw]

    with serve_in_thread(create_app(engine)) as base, httpx.Client(base_url=base, timeout=10) as client:
        for address, area in asked.items():
            assert client.post("/subscriptions", data={"email": address, "area": area}).status_code == 200, area
        confirmations = {m["To"]: m for m in mails()}
        for mail in confirmations.values():
            page = client.get(link_in(mail, "/subscriptions/confirm"))
            fields = dict(re.findall(r'name="(id|key)" value="([^"]+)"', page.text))
            assert client.post("/subscriptions/confirm", data=fields).status_code == 200
        wire.raw.clear()

        first = notice(GRID.format(day=10, hours="08:30至17:30", published=6), "https://www.xm.sgcc.example/n/1")
        engine.ingest_records([first, notice(EAST, "https://www.xm.sgcc.example/n/2")])
        assert not A.run_alerts(engine).errors
        got = {m["To"]: m for m in mails()}
        assert sorted(got) == ["district@example.cn", "east@example.cn", "house@example.cn", "traditional@example.cn"]
        assert len(wire.raw) == 4  # one each
        for address in ("district@example.cn", "house@example.cn", "traditional@example.cn"):
            text = got[address].get_body(("plain",)).get_content()
            assert "湖滨东路" not in text and "2026-12-10 08:30 至 17:30 停电" in text, text
        # the mail on the wire: encoded-word subject, UTF-8 body, List-Unsubscribe on one line
        raw = next(r for r in wire.raw if b"house@example.cn" in r).replace(b"\r\n", b"\n")
        assert re.search(rb"\nSubject: [^\n]*=\?utf-8\?", raw) and re.search(rb"\nList-Unsubscribe: <http://\S+>\n", raw)
        mail = got["house@example.cn"]
        assert mail.get_body(("plain",)).get_content_charset() == "utf-8" and "湖滨南路200号" in mail["Subject"]
        # the record's link opens its page
        link = re.search(r"http://localhost:8000(/documents/\S+)", mail.get_body(("plain",)).get_content()).group(1)
        page = client.get(link)
        assert page.status_code == 200 and "湖滨南路188号至266号" in page.text

        # a re-crawl (the same notice again) and a corrected notice (a new version of it): no second mail
        wire.raw.clear()
        engine.ingest_records([notice(GRID.format(day=10, hours="08:30至17:30", published=6), "https://www.xm.sgcc.example/n/1")])
        A.run_alerts(engine)
        engine.ingest_records([notice(GRID.format(day=10, hours="09:00至17:30", published=6), "https://www.xm.sgcc.example/n/1")])
        A.run_alerts(engine)
        assert wire.raw == []

        # the house subscriber unsubscribes (one click); the next notice goes to the others only
        unsubscribe = mail["List-Unsubscribe"].strip().strip("<>").removeprefix("http://localhost:8000")
        assert client.post(unsubscribe, data={"List-Unsubscribe": "One-Click"}).status_code == 200
        engine.ingest_records([notice(GRID.format(day=17, hours="08:00至12:00", published=13), "https://www.xm.sgcc.example/n/3")])
        A.run_alerts(engine)
        assert sorted(m["To"] for m in mails()) == ["district@example.cn", "traditional@example.cn"]
    assert len(get_alerts(engine.store)) == 5  # 湖滨 (part of a name) is subscribed, and told nothing


def test_a_roads_direction_section_before_its_bracket_is_the_road(tmp_path):
    """思明区湖滨南路东段（湖滨一里至湖东路）停电: the name was read as 湖滨南路东段, so a subscriber to 湖滨南路 (or a house
    on it) was not told; the road is 湖滨南路, its section 东段 between 湖滨一里 and 湖东路."""
    from tests.alert_receiver import Receiver

    engine = Engine(load_settings(data_dir=tmp_path / "data", alerts={"backoff_seconds": 0}))
    text = "停电通知\n因配网改造，2026年12月13日8:30-17:00，思明区湖滨南路东段（湖滨一里至湖东路）停电。\n国网厦门供电公司\n2026年12月7日"
    with Receiver() as receiver:
        watching = {area: A.add_alert(engine, "", {"area": area}, "webhook", receiver.url) for area in ("思明区湖滨南路", "湖滨南路200号", "湖滨北路")}
        engine.ingest_records([notice(text, "https://www.xm.sgcc.example/n/east")])
        assert not A.run_alerts(engine).errors
        told = {body["alert_id"] for body in receiver.accepted.values()}
    assert told == {watching["思明区湖滨南路"].id, watching["湖滨南路200号"].id}
    assert [record.title for record, _ in engine.outages("湖滨南路")] == ["停电通知"]


def test_one_outage_reprinted_by_other_sources_is_told_once(tmp_path):
    """alerts3: the power company's notice, the same on the government site and in 厦门日报's 便民公告 (three records: other
    URLs, another title) reached a subscriber of 湖滨南路200号 three times for one cut. A window already told (same
    start, end, effect and utility) is the same outage; another window of the place, or its cancellation, is news."""
    from tests.alert_receiver import Receiver

    engine = Engine(load_settings(data_dir=tmp_path / "data", alerts={"backoff_seconds": 0}))
    text = GRID.format(day=10, hours="08:30至17:30", published=6)
    with Receiver() as receiver:
        A.add_alert(engine, "", {"area": "湖滨南路200号"}, "webhook", receiver.url)
        engine.ingest_records([notice(text, "https://www.xm.sgcc.example/n/1")])
        A.run_alerts(engine)
        engine.ingest_records([notice(text, "http://www.xm.gov.cn/bmgz/tdtz/202612/t20261206_1.htm"),
                               notice(text.replace("国网厦门供电公司停电公告", "停电公告"), "https://epaper.xmnn.cn/xmrb/20261207/A08.htm")])
        A.run_alerts(engine)
        assert len(receiver.accepted) == 1
        engine.ingest_records([notice(GRID.format(day=17, hours="08:00至12:00", published=13), "http://www.xm.gov.cn/bmgz/tdtz/202612/t20261213_2.htm")])
        A.run_alerts(engine)
        windows = [w["start"] for body in receiver.accepted.values() for r in body["records"] for w in r["windows"]]
    assert sorted(windows) == ["2026-12-10T08:30:00", "2026-12-17T08:00:00"]


def test_the_search_pages_form_for_an_outage_question_subscribes_to_the_place(tmp_path, smtp_server):  # noqa: F811
    """湖滨南路200号停电 typed in the search box is answered by the outage lookup; its form subscribed to the words, an alert
    no later notice printing 湖滨南路188号至266号 ever matched. It subscribes to the place now, and the citizen is told."""
    from gongkai.web.app import create_app

    port, wire = smtp_server()
    engine = Engine(load_settings(data_dir=tmp_path / "data", alerts={"smtp_host": "127.0.0.1", "smtp_port": port, "backoff_seconds": 0}))
    engine.ingest_records([notice(GRID.format(day=10, hours="08:30至17:30", published=6), "https://www.xm.sgcc.example/n/1")])
    with serve_in_thread(create_app(engine)) as base, httpx.Client(base_url=base, timeout=10) as client:
        page = client.get("/search", params={"q": "湖滨南路200号停电吗"}).text
        form = page[page.index('action="/subscriptions"'):]
        fields = dict(re.findall(r'name="(\w+)" value="([^"]*)"', form.split("</form>")[0]))
        assert fields == {"area": "湖滨南路200号"}
        assert client.post("/subscriptions", data={**fields, "email": "resident@example.cn"}).status_code == 200
        confirmation = email.message_from_bytes(wire.raw[-1], policy=email.policy.default)
        confirm = client.get(link_in(confirmation, "/subscriptions/confirm"))
        assert client.post("/subscriptions/confirm", data=dict(re.findall(r'name="(id|key)" value="([^"]+)"', confirm.text))).status_code == 200
        wire.raw.clear()
        engine.ingest_records([notice(GRID.format(day=17, hours="08:00至12:00", published=13), "https://www.xm.sgcc.example/n/3")])
        A.run_alerts(engine)
    assert len(wire.raw) == 1 and b"resident@example.cn" in wire.raw[0]


XIAOQU = """湖里区金尚小区计划停电通知
因配电设备检修，国网厦门供电公司定于2026年12月15日08:00至12:00对以下区域停电：湖里区金尚小区1号楼至20号楼、金尚路88号。
请相关用户提前做好准备。
国网厦门供电公司
2026年12月9日"""
VILLAGE = """集美区后溪镇计划停水公告
因后溪水厂出水管改造，定于2026年12月16日22:00至次日6:00对集美区后溪镇岩内村、城内村部分用户停止供水，届时后溪工业园区水压降低。
厦门水务集团有限公司
2026年12月10日"""


def test_an_estates_building_or_a_village_is_told_as_a_street_is(tmp_path):
    """alerts4 (session 15): subscriptions to an estate (小区), one of its buildings, a village (村) with or without its town.
    金尚小区5号楼 lies in the printed 1号楼至20号楼: the range was read as two buildings, 1号楼 and 20号楼, so its subscriber
    (and the lookup) missed the cut; 21号楼 is outside it, 金山小区 another estate, 岩内 part of a name."""
    from tests.alert_receiver import Receiver

    engine = Engine(load_settings(data_dir=tmp_path / "data", alerts={"backoff_seconds": 0}))
    areas = ["金尚小区", "湖里区金尚小区", "金尚小区5号楼", "金尚小区21号楼", "金山小区", "岩内村", "集美区后溪镇城内村", "岩内"]
    with Receiver() as receiver:
        watching = {area: A.add_alert(engine, "", {"area": area}, "webhook", receiver.url) for area in areas}
        engine.ingest_records([notice(XIAOQU, "https://www.xm.sgcc.example/n/jinshang"), notice(VILLAGE, "https://www.xmwater.example/n/houxi")])
        assert not A.run_alerts(engine).errors
        told = {body["alert_id"]: [r["title"] for r in body["records"]] for body in receiver.accepted.values()}
    assert {area: told.get(alert.id, []) for area, alert in watching.items()} == {
        "金尚小区": ["湖里区金尚小区计划停电通知"], "湖里区金尚小区": ["湖里区金尚小区计划停电通知"],
        "金尚小区5号楼": ["湖里区金尚小区计划停电通知"], "金尚小区21号楼": [], "金山小区": [],
        "岩内村": ["集美区后溪镇计划停水公告"], "集美区后溪镇城内村": ["集美区后溪镇计划停水公告"], "岩内": []}
    assert [record.title for record, _ in engine.outages("金尚小区5号楼")] == ["湖里区金尚小区计划停电通知"]
