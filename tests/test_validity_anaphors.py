"""Issue 19 (validity4, session 19): a document named by an anaphor (上述文件 after a list, 该办法 after the sentence naming
it, 本规定 in a notice whose title names it), the part a notice suspends as printed, a title nested in a title, and a
suspension that ends with the notice stating it (repealed, or its own period over), on the real store."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.parsers.validity import read_statements, suspended_part
from gongkai.record import Record
from gongkai.store.store import Store


def _refs(title: str, body: str) -> list[tuple[str, str, str]]:
    return [(r.kind, r.title, r.doc_number) for r in read_statements(title, body, None).references if r.kind != "cites"]


@pytest.mark.parametrize(
    ("title", "body", "expected"),
    [
        # 该办法 after the sentence naming 《X办法》: X, with the 文号 printed there
        ("关于恢复执行厦门市甲办法的通知", "《厦门市甲办法》（厦府〔2019〕7号）于2023年暂停执行。经研究，该办法自2026年1月1日起恢复执行。",
         [("resumes", "厦门市甲办法", "厦府〔2019〕7号")]),
        # 上述文件 after a list of titles, and after a catalogue's rows without 《》
        ("关于恢复执行部分文件的通知", "一、《甲办法》（厦府〔2019〕7号）\n二、《乙规定》（厦府〔2019〕8号）\n上述文件自2026年1月1日起恢复执行。",
         [("resumes", "甲办法", "厦府〔2019〕7号"), ("resumes", "乙规定", "厦府〔2019〕8号")]),
        ("关于停止执行有关收费的通知",
         "现将有关事项通知如下：\n1.厦门市城市道路挖掘收费标准（厦价〔2012〕5号）\n2.厦门市占道费标准（厦价〔2013〕9号）\n以上文件自2025年1月1日起停止执行。",
         [("repeals", "厦门市城市道路挖掘收费标准", "厦价〔2012〕5号"), ("repeals", "厦门市占道费标准", "厦价〔2013〕9号")]),
        # 本规定 in a 通知 titled after another 规定: that one, repealed
        ("关于停止执行《厦门市丙规定》的通知", "《厦门市丙规定》（厦府〔2016〕11号）已不适应管理需要。经研究，本规定自2025年5月1日起停止执行。",
         [("repeals", "厦门市丙规定", "厦府〔2016〕11号")]),
        # not an anaphor of another document: a regulation's own 本办法, a 印发 notice's 该办法, a project, 恢复执行时间另行通知
        ("厦门市甲办法", "第三十条 本办法自2020年1月1日起施行。\n本办法自2025年1月1日起停止执行。", []),
        ("厦门市人民政府关于印发厦门市甲办法的通知", "现将《厦门市甲办法》印发给你们。该办法自2020年1月1日起施行，2026年1月1日起废止。", []),
        ("关于X的通知", "经研究，该项目自2025年1月1日起暂停实施。", []),
        ("关于暂缓执行《厦门市丁办法》的通知", "经研究，决定暂缓执行该办法，恢复执行时间另行通知。", [("suspends", "厦门市丁办法", "")]),
        # a title nested in the title: the notice it names is repealed, the document that notice suspended is not
        ("关于废止《关于暂缓执行〈厦门市丁办法〉的通知》的通知", "经研究，决定废止该通知。",
         [("repeals", "关于暂缓执行〈厦门市丁办法〉的通知", "")]),
    ],
)
def test_an_anaphor_names_the_document_just_before(title, body, expected):
    assert _refs(title, body) == expected


def test_the_notice_s_own_end_is_not_the_end_of_the_document_it_stops():
    st = read_statements("关于停止执行《厦门市丙规定》的通知", "经研究，本规定自2025年5月1日起停止执行。\n本通知自印发之日起施行。", date(2025, 4, 10))
    assert st.expiry_date is None
    own = read_statements("厦门市丙规定", "第二十条 本规定自2020年1月1日起施行。本规定自2025年1月1日起废止。", None)
    assert own.expiry_date == date(2024, 12, 31)


@pytest.mark.parametrize(
    ("statement", "title", "part"),
    [
        ("自2025年10月1日起，暂停执行《甲办法》（厦府〔2019〕40号）第十二条、第十五条第二款。", "甲办法", "第十二条、第十五条第二款"),
        ("《甲办法》中关于收费标准的规定自2025年1月1日起暂停执行。", "甲办法", "关于收费标准的规定"),
        ("下列文件中的部分条款自2026年2月1日起暂停执行： 1.《甲办法》（厦人社〔2020〕6号）第八条", "甲办法", "第八条"),
        ("暂停执行《甲办法》（厦府〔2019〕40号）。", "甲办法", ""),
    ],
)
def test_the_part_suspended_is_said_as_printed(statement, title, part):
    assert suspended_part(statement, title) == part


def test_a_list_header_naming_parts_suspends_each_item_in_part():
    body = "下列文件中的部分条款暂停执行：\n1.《甲办法》（厦府〔2019〕7号）第八条；\n2.《乙规定》（厦府〔2019〕8号）第三条、第四条。"
    assert _refs("关于暂停执行部分文件有关条款的通知", body) == [
        ("suspends_part", "甲办法", "厦府〔2019〕7号"), ("suspends_part", "乙规定", "厦府〔2019〕8号")]


FEE = Record(id="fee", kind="disclosure", title="厦门市甲收费办法", doc_number="厦发改〔2019〕88号", publish_date="2019-11-20",
             body="第二十条 本办法自2020年1月1日起施行。")
PAUSE = Record(id="pause", kind="disclosure", title="关于暂停执行《厦门市甲收费办法》的通知", doc_number="厦发改〔2024〕2号",
               publish_date="2024-01-05", body="自2024年1月15日起暂停执行《厦门市甲收费办法》（厦发改〔2019〕88号）。\n本通知自印发之日起施行，有效期一年。")
LIFT = Record(id="lift", kind="disclosure", title="关于废止部分规范性文件的通知", doc_number="厦发改〔2024〕9号", publish_date="2024-06-01",
              body="决定废止《关于暂停执行〈厦门市甲收费办法〉的通知》（厦发改〔2024〕2号），自2024年7月1日起施行。")


def test_a_suspension_ends_when_its_notice_runs_out(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'a.db'}", tmp_path / "raw")
    try:
        store.write_batch([FEE, PAUSE])
        store.validity_recompute(date(2024, 12, 31))
        assert store.validity("fee")["validity"]["status"] == "suspended"
        store.validity_recompute(date(2025, 1, 5))  # the day after the notice's year
        view = store.validity("fee")["validity"]
        assert (view["status"], view.get("resumed_on")) == ("in_force", "2025-01-05")
    finally:
        store.close()


def test_a_suspension_ends_on_the_day_its_notice_is_repealed(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'b.db'}", tmp_path / "raw")
    try:
        store.write_batch([LIFT, FEE, PAUSE])
        store.validity_recompute(date(2024, 6, 30))
        assert store.validity("fee")["validity"]["status"] == "suspended"  # the repeal takes effect on 1 July
        store.validity_recompute(date(2024, 7, 1))
        view = store.validity("fee")["validity"]
        assert (view["status"], view.get("resumed_on")) == ("in_force", "2024-07-01")
        assert store.validity("pause")["validity"]["status"] == "repealed"
    finally:
        store.close()


PARK = Record(id="park", kind="disclosure", title="厦门市道路停车管理办法", doc_number="厦府〔2019〕40号", publish_date="2019-09-01",
              body="第十二条 道路停车泊位实行计时收费。\n第三十二条 本办法自2019年10月1日起施行。")
PARK_PART = Record(id="park-part", kind="disclosure", title="厦门市人民政府关于暂停执行《厦门市道路停车管理办法》部分条款的通知",
                   doc_number="厦府〔2025〕71号", publish_date="2025-09-15",
                   body="市人民政府决定，自2025年10月1日起，暂停执行《厦门市道路停车管理办法》（厦府〔2019〕40号）第十二条、第十五条第二款。")


def test_the_api_and_the_page_say_which_part_is_suspended(tmp_path):
    import httpx

    from tests.support import served_engine

    with served_engine(tmp_path, [PARK, PARK_PART]) as (_engine, base):
        body = httpx.get(f"{base}/api/documents/park", timeout=10).json()
        assert body["validity"]["status"] == "in_force"
        assert [(i["id"], i["part"]) for i in body["validity"]["suspended_in_part_by"]] == [("park-part", "第十二条、第十五条第二款")]
        page = httpx.get(f"{base}/documents/park", timeout=10).text
        assert "暂停执行（第十二条、第十五条第二款）" in page


def test_the_page_says_the_suspension_ended_with_its_notice(tmp_path):
    import httpx

    from tests.support import served_engine

    with served_engine(tmp_path, [FEE, PAUSE, LIFT]) as (_engine, base):
        body = httpx.get(f"{base}/api/documents/fee", timeout=10).json()["validity"]
        assert (body["status"], body["resumed_on"], body["resumed_by"]) == ("in_force", "2024-07-01", [])
        assert "暂停执行的文件已废止或失效，自 2024-07-01 起恢复执行" in httpx.get(f"{base}/documents/fee", timeout=10).text


@pytest.mark.parametrize(
    ("body", "days"),
    [
        ("自2025年1月1日起，暂停执行《甲办法》（厦府〔2019〕7号），期限至2025年12月31日。", (date(2025, 1, 1), date(2025, 12, 31))),
        ("自2025年1月1日起至2025年12月31日，暂停执行《甲办法》（厦府〔2019〕7号）。", (date(2025, 1, 1), date(2025, 12, 31))),
        ("2025年1月1日至2025年12月31日期间，暂停执行《甲办法》（厦府〔2019〕7号）。", (date(2025, 1, 1), date(2025, 12, 31))),
        ("《甲办法》（厦府〔2019〕7号）自2025年1月1日起暂停执行，暂停期限为一年。", (date(2025, 1, 1), date(2025, 12, 31))),
        ("暂停执行《甲办法》（厦府〔2019〕7号）至2025年12月31日。", (None, date(2025, 12, 31))),
        # a comma then a number of months that is no term of the suspension, and a resumption left to a later notice
        ("自2025年1月1日起暂停执行《甲办法》（厦府〔2019〕7号），3个月内完成整改。", (date(2025, 1, 1), None)),
        ("自2025年1月1日起暂停执行《甲办法》（厦府〔2019〕7号），恢复执行时间另行通知。", (date(2025, 1, 1), None)),
    ],
)
def test_a_suspension_s_term_printed_around_the_title(body, days):
    from gongkai.parsers.validity import suspension_days

    (ref,) = [r for r in read_statements("关于暂停执行《甲办法》的通知", body, None).references if r.kind == "suspends"]
    assert suspension_days(ref.statement, ref.title, ref.doc_number) == days
