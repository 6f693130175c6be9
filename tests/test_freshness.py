"""Freshness watch (issue 22): per source cadence, overdue, missing newspaper editions; CLI, operators' API,
public /status page. Real SQLite store, the built-in site definitions, a real socket."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import httpx
from typer.testing import CliRunner

from gongkai.engine import Engine
from gongkai.ops.auth import hash_password
from gongkai.ops.freshness import learned_cadence, sources_status
from gongkai.record import Record
from gongkai.settings import load_settings
from gongkai.store.timeutil import utc_now
from gongkai.web.server import serve_in_thread


def today_cn() -> date:
    return datetime.now(ZoneInfo("Asia/Shanghai")).date()


def make_engine(tmp_path, **overrides) -> Engine:
    settings = load_settings(
        data_dir=tmp_path / "data",
        feeds={"agency_feeds": [{"name": "水务", "url": "http://127.0.0.1:9/feed.xml"}]},
        scheduler={"admin_user": "ops", "admin_password_hash": hash_password("pw", iterations=10_000)},
        **overrides,
    )
    return Engine(settings)


def seed(engine: Engine) -> list[date]:
    today = today_cn()
    gaps = [today - timedelta(days=n) for n in range(20, 0, -2)]  # every second day
    engine.ingest_records(
        [Record(kind="notice", notice_type="outage", title=f"停水通知{d}", publish_date=d, source="feed:水务", issuer="厦门水务集团",
                url=f"https://water.example/{d}") for d in gaps]
    )
    missing = {today - timedelta(days=n) for n in (3, 17, 40)}
    editions = [today - timedelta(days=n) for n in range(1, 61) if today - timedelta(days=n) not in missing]
    engine.ingest_records(
        [Record(kind="notice", notice_type="lost", title=f"遗失声明{d}", publish_date=d, source="site:xmrb", url=f"https://xmrb.example/{d}")
         for d in editions]
    )
    engine.ingest_records([Record(kind="disclosure", title="关于规划的通知", issuer="厦门市人民政府", publish_date=today - timedelta(days=5),
                                  source="demo", url="https://xm.gov.example/1")])
    return sorted(missing)


def test_learned_cadence_is_the_median_gap():
    d = date(2026, 1, 1)
    assert learned_cadence([d, d + timedelta(days=2), d + timedelta(days=4), d + timedelta(days=10)]) == 2.0
    assert learned_cadence([d, d + timedelta(days=1)]) is None  # too little history
    assert learned_cadence([d, d, d + timedelta(days=3), d + timedelta(days=6)]) == 3.0  # one date once


def test_sources_status_cadence_overdue_and_missing_editions(tmp_path):
    from gongkai.feeds.tokens import TokenStore

    engine = make_engine(tmp_path)
    missing = seed(engine)
    TokenStore(engine.store).create("厦门市财政局")
    now = utc_now()
    by_name = {s.name: s for s in sources_status(engine, now=now)}
    feed = by_name["feed:水务"]
    assert feed.kind == "feed" and feed.records == 10
    assert feed.cadence_days == 2.0 and feed.cadence_from == "learned"
    # never polled to the end although scheduled every 15 minutes: overdue
    assert feed.overdue and feed.run_interval_hours == 0.25 and "从未完整运行 / never ran to the end" in feed.reasons
    paper = by_name["xmrb"]
    assert paper.kind == "newspaper" and paper.cadence_days == 1.0
    assert paper.missing_editions == missing
    assert by_name["厦门市财政局"].kind == "push" and by_name["厦门市财政局"].records == 0
    assert by_name["demo"].kind == "other"

    # ten days on, with no new record: overdue on records too, since last new record + 2 × cadence
    later = {s.name: s for s in sources_status(engine, now=now + timedelta(days=10))}
    demo_feed = later["feed:水务"]
    assert demo_feed.overdue and any("no new record since" in r for r in demo_feed.reasons)
    assert any("no new record" in r for r in later["xmrb"].reasons)
    # a cadence set in the settings wins over the learned one
    engine2 = make_engine(tmp_path, freshness={"cadence_days": {"feed:水务": 30}})
    feed2 = {s.name: s for s in sources_status(engine2, now=now + timedelta(days=10))}["feed:水务"]
    assert feed2.cadence_days == 30.0 and feed2.cadence_from == "setting"
    assert not any("no new record" in r for r in feed2.reasons)


def test_a_site_definition_states_its_own_cadence_and_the_setting_wins_over_it(tmp_path):
    sites = tmp_path / "sites"
    sites.mkdir()
    definition = (Path(__file__).parents[1] / "crawlers" / "sites" / "xm-fgw.toml").read_text(encoding="utf-8")
    (sites / "weekly-site.toml").write_text("cadence_days = 7\n" + definition, encoding="utf-8")  # top level, before any [table]
    engine = make_engine(tmp_path, crawl={"sites_dirs": [sites]})
    site = {s.name: s for s in sources_status(engine)}["weekly-site"]
    assert (site.cadence_days, site.cadence_from) == (7.0, "definition")
    engine2 = make_engine(tmp_path, crawl={"sites_dirs": [sites]}, freshness={"cadence_days": {"weekly-site": 3}})
    site2 = {s.name: s for s in sources_status(engine2)}["weekly-site"]
    assert (site2.cadence_days, site2.cadence_from) == (3.0, "setting")


def test_cli_api_and_public_status_page(tmp_path):
    from gongkai.cli.context import state
    from gongkai.cli.main import app
    from gongkai.web.app import create_app

    engine = make_engine(tmp_path)
    seed(engine)
    result = CliRunner().invoke(app, ["--data-dir", str(tmp_path / "data"), "sources", "status", "--json"])
    state.data_dir, state._settings, state._engine = None, None, None
    rows = json.loads(result.output)
    assert result.exit_code == 1  # some source is overdue: a script or monitor sees it in the exit code
    assert {row["name"] for row in rows} >= {"feed:水务", "xmrb", "demo"}
    assert next(r for r in rows if r["name"] == "xmrb")["missing_editions"]
    with serve_in_thread(create_app(engine)) as base, httpx.Client(base_url=base, timeout=10) as client:
        assert client.get("/api/sources").status_code == 401
        answer = client.get("/api/sources", auth=("ops", "pw"))
        assert answer.status_code == 200 and answer.json()["overdue"] >= 1
        assert {s["name"] for s in answer.json()["sources"]} >= {"feed:水务", "xmrb"}
        admin = client.get("/admin", auth=("ops", "pw"))
        assert admin.status_code == 200 and 'id="sources"' in admin.text and "editions missing" in admin.text
        page = client.get("/status")
        assert page.status_code == 200 and "数据更新情况" in page.text
        assert "厦门市人民政府" in page.text and (today_cn() - timedelta(days=5)).isoformat() in page.text
        assert "feed:水务" not in page.text and "遗失" not in page.text  # operators' details stay off the public page


def test_overdue_sources_notify_operators_once_through_an_alert(tmp_path):
    from gongkai.feeds import alerts as A
    from tests.alert_receiver import Receiver

    engine = make_engine(tmp_path)
    seed(engine)
    with Receiver() as receiver:
        ops_alert = A.add_alert(engine, "运维", {}, "webhook", receiver.url)
        engine = make_engine(tmp_path, freshness={"notify_alert": ops_alert.id})
        first = A.run_alerts(engine)
        assert not first.errors and first.delivered == 1
        A.run_alerts(engine)  # still overdue: not told again
        [notice] = receiver.accepted.values()
        assert notice["kind"] == "sources_overdue" and notice["alert_id"] == ops_alert.id
        named = {s["name"] for s in notice["sources"]}
        assert {"xmrb", "feed:水务"} <= named
        assert all(s["overdue"] and s["reasons"] for s in notice["sources"])
    bad = make_engine(tmp_path, freshness={"notify_alert": "nope"})
    assert any("notify_alert" in e for e in A.run_alerts(bad).errors)


def test_a_crawled_site_is_judged_on_the_records_its_crawls_store(tmp_path):
    """A crawl stores its records under the site definition's source, `site:NAME` (crawlers/sitedef.py), not
    the bare NAME the site is listed by: the watch found no record of any crawled site ("no record yet",
    every newspaper edition missing) and listed them again as an unknown source."""
    engine = make_engine(tmp_path)
    today = today_cn()
    editions = [today - timedelta(days=n) for n in range(1, 61) if n != 7]
    engine.ingest_records(
        [Record(kind="notice", notice_type="lost", title=f"遗失声明{d}", publish_date=d, source="site:xmrb",
                url=f"https://epaper.example/xmrb/{d}.htm") for d in editions]
    )
    by_name = {s.name: s for s in sources_status(engine)}
    paper = by_name["xmrb"]
    assert paper.kind == "newspaper" and paper.records == 59
    assert paper.newest_publish_date == today - timedelta(days=1)
    assert paper.missing_editions == [today - timedelta(days=7)]
    assert "尚无记录 / no record yet" not in paper.reasons
    assert "site:xmrb" not in by_name  # one entry per source, not a second one of kind "other"
    assert by_name["xm-fgw"].records == 0  # a defined site with nothing stored yet


def test_the_operators_email_of_overdue_sources_is_chinese_first_in_beijing_time(tmp_path):
    """alerts2 (session 12): the notice listed `xmrb (newspaper) since 2026-12-06T15:14:35.941053+00:00: never ran to
    the end; …` — the kind, the time and every reason in English, the time in UTC to the microsecond."""
    import re

    from gongkai.feeds.alert_delivery import email_text

    engine = make_engine(tmp_path)
    seed(engine)
    overdue = [entry.as_dict() for entry in sources_status(engine) if entry.overdue]
    subject, text = email_text({"kind": "sources_overdue", "sources": overdue, "alert_id": "a1"})
    assert subject == f"gongkai 运维：{len(overdue)} 个来源逾期未更新"
    [line] = [line for line in text.splitlines() if line.startswith("· xmrb")]
    assert re.fullmatch(r"· xmrb（报纸），\d{4}-\d\d-\d\d \d\d:\d\d（北京时间）起逾期：从未完整运行 / never ran to the end；"
                        r"近 60 天缺 3 期 / 3 editions missing in the last 60 days", line), line
    [feed] = [line for line in text.splitlines() if line.startswith("· feed:水务")]
    assert "（订阅源）" in feed and "起无新记录" not in feed  # its records are recent: only its runs are late
    for entry in overdue:  # every reason starts in Chinese
        assert all(re.match(r"[\u4e00-\u9fff]", reason) for reason in entry["reasons"]), entry["reasons"]


def test_a_newspaper_quiet_over_the_spring_festival_is_neither_missing_editions_nor_overdue(tmp_path):
    """alerts3 (session 14): 厦门日报 prints no edition from 除夕 (2027-02-05) to 初三; the watch listed those 5 days as
    missing editions and, asked on 初二, called the paper overdue (no new record for 2 days). A day missing outside the
    holiday week still counts, and a paper silent past it is overdue again."""
    from datetime import UTC

    from gongkai.store.schema import records
    from gongkai.store.timeutil import to_db

    engine = make_engine(tmp_path)
    pause = {date(2027, 2, 5) + timedelta(days=n) for n in range(5)}  # 除夕 .. 初三
    days = [date(2027, 2, 19) - timedelta(days=n) for n in range(70)]
    engine.ingest_records([Record(kind="notice", notice_type="lost", title=f"遗失声明{d}", publish_date=d, source="site:xmrb",
                                  url=f"https://xmrb.example/{d}") for d in days if d not in pause and d != date(2027, 1, 20)])
    after = {s.name: s for s in sources_status(engine, now=datetime(2027, 2, 20, 4, tzinfo=UTC))}["xmrb"]
    assert after.missing_editions == [date(2027, 1, 20)]  # not the five days of 春节

    # asked on 初二 (02-07), its last new record seen on 02-04 (腊月廿八): not overdue; on 02-16, silent since: overdue
    with engine.store._engine.begin() as conn:
        conn.execute(records.update().values(first_seen=to_db(datetime(2027, 2, 4, 2, tzinfo=UTC))))
    on_holiday = {s.name: s for s in sources_status(engine, now=datetime(2027, 2, 7, 4, tzinfo=UTC))}["xmrb"]
    assert not any("无新记录" in r for r in on_holiday.reasons), on_holiday.reasons
    weeks_on = {s.name: s for s in sources_status(engine, now=datetime(2027, 2, 16, 4, tzinfo=UTC))}["xmrb"]
    assert any("无新记录" in r for r in weeks_on.reasons)


def _agency_doc(source: str, n: int, day: date) -> Record:
    return Record(kind="disclosure", title=f"关于印发湖里区第{n}批政府信息公开目录的通知", issuer="厦门市湖里区人民政府办公室",
                  body=f"各街道办事处：现将第{n}批目录印发给你们，请认真贯彻执行。", publish_date=day,
                  url=f"https://www.huli.example/zwgk/{source}/{n}.htm", source=source)


def test_new_records_whose_dates_stopped_moving_are_overdue(tmp_path):
    """alerts4 (session 15): a site that keeps bringing new pages (first seen today) all dated a month ago (its list stuck
    on an archive page) was never overdue: its clock was the last new record. The newest date not after today is a second
    clock; one page misdated next year does not stop it; a backfill whose newest page is from yesterday is fine."""
    engine = make_engine(tmp_path)
    today = today_cn()
    engine.ingest_records([_agency_doc("site:stuck", n, today - timedelta(days=30 + 2 * n)) for n in range(20)]
                          + [_agency_doc("site:misdated", n, today - timedelta(days=40 + 2 * n)) for n in range(10)]
                          + [_agency_doc("site:misdated", 99, today + timedelta(days=300))]
                          + [_agency_doc("site:backfill", n, today - timedelta(days=1 + 3 * n)) for n in range(20)])
    status = {s.name: s for s in sources_status(engine)}
    assert status["site:stuck"].overdue and status["site:misdated"].overdue and not status["site:backfill"].overdue
    [reason] = status["site:stuck"].reasons
    assert reason.startswith(f"新记录的发布日期停在 {today - timedelta(days=30):%Y-%m-%d}"), reason


def test_an_agency_quiet_over_a_holiday_week_is_not_overdue(tmp_path):
    """alerts4: government offices publish nothing from 除夕 (2027-02-05) through 初七, nor in the 国庆 week; a feed
    expected daily, its last new record on 除夕's morning, was called overdue on 初三. Past the week it is overdue."""
    from datetime import UTC

    from gongkai.store.schema import records
    from gongkai.store.timeutil import to_db

    engine = make_engine(tmp_path, freshness={"cadence_days": {"feed:水务": 1}})
    engine.ingest_records([_agency_doc("feed:水务", 1, date(2027, 2, 5))])
    with engine.store._engine.begin() as conn:
        conn.execute(records.update().values(first_seen=to_db(datetime(2027, 2, 5, 1, tzinfo=UTC))))

    def told(now: datetime) -> list[str]:
        return [r for r in {s.name: s for s in sources_status(engine, now=now)}["feed:水务"].reasons if "新" in r]

    assert told(datetime(2027, 2, 8, 4, tzinfo=UTC)) == []  # 初三
    assert told(datetime(2027, 2, 16, 4, tzinfo=UTC))  # a week after 初七
