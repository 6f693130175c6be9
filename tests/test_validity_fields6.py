"""Validity statements left unread or misread until session 12 (fields6), on texts as other provinces' pages print them: a
policy's 解读/问答/图解 page (or a draft) took the policy's dates and repeals as its own; a notice telling of another
document's effective day (《X条例》自…起施行) took that day; a licence's 决定书 whose fields are not among the labels known read
the licence's 有效期 as its own; a lapse printed in a sentence of its own (本办法2028年12月31日废止。, 本公告执行至…。),
有效期5年。 after the effective sentence, and 试行期限为2年 were not read."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.parsers.validity import extended_expiry, read_statements
from tests.support import build_engine


def dates(title: str, body: str, published: date = date(2023, 12, 20)) -> tuple[date | None, bool, date | None]:
    st = read_statements(title, body, published)
    return st.effective_date, st.effective_on_publish, st.expiry_date


POLICY = "本措施自2024年1月1日起施行，有效期至2025年12月31日。《厦门市促进外贸发展若干措施》（厦府规〔2021〕3号）同时废止。"


@pytest.mark.parametrize("title", [
    "《福建省促进民营经济高质量发展若干措施》政策解读",
    "关于《厦门市促进外贸发展若干措施》的解读",
    "图解：厦门市进一步促进消费扩容提质若干措施",
    "一图读懂《江苏省城市供水管理办法》",
    "《浙江省公共数据授权运营管理办法（试行）》问答",
    "市商务局负责人就《若干措施》答记者问",
    "关于《成都市停车场管理条例（草案）》的说明",
    "厦门市促进外贸发展若干措施（征求意见稿）",
])
def test_a_page_about_a_policy_takes_none_of_its_dates_nor_repeals(title):
    st = read_statements(title, "四、施行时间\n" + POLICY, date(2023, 12, 25))
    assert (st.effective_date, st.effective_on_publish, st.expiry_date, st.period) == (None, False, None, "")
    # what it names, it cites: the page repeals nothing (the policy does); the policy its title names is cited too (fields10)
    assert {r.kind for r in st.references} == {"cites"}
    assert [r.doc_number for r in st.references if r.doc_number] == ["厦府规〔2021〕3号"]


@pytest.mark.parametrize("title", ["厦门市政策解读工作规范", "关于做好政策解读工作的通知", "关于印发《厦门市政策问答编写指引》的通知"])
def test_a_document_about_commentary_work_keeps_its_own_dates(title):
    assert dates(title, "本规范自2024年1月1日起施行，有效期5年。") == (date(2024, 1, 1), False, date(2028, 12, 31))


def test_another_documents_effective_day_is_not_the_notices():
    assert dates("关于做好《福建省物业管理条例》宣传贯彻工作的通知",
                 "各区人民政府：\n《福建省物业管理条例》自2024年8月1日起施行，有效期至2029年7月31日。为做好宣传贯彻工作，现通知如下：") == (None, False, None)
    assert dates("关于做好X工作的通知", "省政府印发《某省X办法》后，该办法自2024年1月1日起施行。请各单位做好衔接。") == (None, False, None)
    # the notice's own clause after it still counts
    assert dates("关于做好X工作的通知", "《某省X条例》自2024年1月1日起施行。本通知自印发之日起执行。") == (date(2023, 12, 20), True, None)


@pytest.mark.parametrize("body", [
    "现将《厦门市既有住宅增设电梯实施办法》印发给你们，请认真贯彻执行。《厦门市既有住宅增设电梯实施办法》自2024年4月1日起施行，有效期5年。",
    "现将《厦门市既有住宅增设电梯实施办法》（以下简称《办法》）印发给你们。《办法》自2024年4月1日起施行，有效期5年。",
    "现将《厦门市既有住宅增设电梯实施办法》印发给你们，该办法自2024年4月1日起施行，有效期5年。",
])
def test_a_carrier_notice_gives_the_day_of_the_document_it_carries(body):
    assert dates("厦门市人民政府关于印发厦门市既有住宅增设电梯实施办法的通知", body) == (date(2024, 4, 1), False, date(2029, 3, 31))


def test_a_licences_period_is_the_licences_whatever_its_fields_are_called():
    body = ("厦门某水务有限公司：\n你单位提交的取水许可申请收悉。经审查，决定准予取水许可。\n取水地点：同安区汀溪水库\n"
            "取水量：年取水量500万立方米\n取水用途：城镇生活\n有效期：2024年1月1日至2028年12月31日\n")
    assert dates("取水许可决定书", body) == (None, False, None)
    assert dates("行政许可决定书", "经营方式：批发（无仓储）\n许可范围：硫酸、盐酸\n有效期：2024年4月2日至2027年4月1日") == (None, False, None)


@pytest.mark.parametrize("title", ["关于准予厦门某运输有限公司道路运输经营许可的决定", "行政许可决定书", "厦门市生态环境局关于核准某公司排污许可证延续的批复"])
def test_a_licence_granted_to_one_party_prints_the_licences_period(title):
    # its only label line, among sentences: the title says it grants a licence (it was read in force until the licence ends)
    assert dates(title, "经审查，你单位申请符合规定，决定准予许可。\n有效期：2024年5月1日—2028年4月30日。") == (None, False, None)


def test_a_policy_card_with_its_period_is_read():
    body = ("索引号：XM00105-0300-2024-00003\n发布单位：厦门市商务局\n文号：厦商务规〔2024〕1号\n有效期：2024年1月1日至2026年12月31日\n"
            "为推动外贸稳规模优结构，制定以下措施。")
    assert dates("厦门市促进外贸稳规模优结构若干措施", body) == (date(2024, 1, 1), False, date(2026, 12, 31))


@pytest.mark.parametrize(("body", "until"), [
    ("第三十条 本办法自2024年1月1日起施行。\n第三十一条 本办法2028年12月31日废止。", date(2028, 12, 31)),
    ("第二十六条 本办法自2024年1月1日起施行。\n第二十七条 本办法于2029年2月28日自动失效。", date(2029, 2, 28)),
    ("第二十六条 本办法自2024年1月1日起施行。\n第二十七条 本办法自2029年1月1日起废止。", date(2028, 12, 31)),
    ("一、……\n二、本公告自2024年1月1日起施行。\n三、本公告执行至2027年12月31日。", date(2027, 12, 31)),
    ("第三十条 本办法自2024年1月1日起施行。有效期5年。", date(2028, 12, 31)),
    ("本办法自2024年1月1日起试行，试行期限为2年。", date(2025, 12, 31)),
])
def test_a_documents_end_said_in_a_sentence_of_its_own(body, until):
    assert dates("某省某某管理办法", body)[2] == until


@pytest.mark.parametrize(("body", "effective", "on_publish", "until"), [
    ("本实施细则有效期三年，自印发之日起计算。", date(2023, 12, 20), True, date(2026, 12, 19)),
    ("本实施细则有效期6个月，自2024年4月1日起算。", date(2024, 4, 1), False, date(2024, 9, 30)),
])
def test_a_periods_start_printed_after_it_is_the_effective_date(body, effective, on_publish, until):
    assert dates("某市城市公共汽车客运管理实施细则", body) == (effective, on_publish, until)


def test_a_body_with_no_other_statement_word_reads_its_end():
    assert dates("关于延续实施小微企业房租减免政策的通知", "一、对承租国有房屋的小微企业减免租金。\n二、本政策执行至2025年12月31日。") == (
        None, False, date(2025, 12, 31))


@pytest.mark.parametrize(("body", "until"), [
    ("一、总体要求：贯彻落实《某省数字经济发展规划》……\n五、本方案实施期限为2024—2026年。", date(2026, 12, 31)),
    ("本方案执行期限至2025年12月31日。", date(2025, 12, 31)),
])
def test_a_plans_period_is_read_without_an_effective_clause(body, until):
    # a 方案 often prints no 自…起实施: its 实施期限 was looked for only in a text with one
    assert dates("某省数字经济发展三年行动方案", body) == (None, False, until)
    assert dates("某省数字经济发展三年行动方案", body.replace("本方案", "项目")) == (None, False, None)  # a project's


@pytest.mark.parametrize("body", [
    "第三十条 本办法自2024年1月1日起施行。\n第三十一条 《某市旧办法》2028年12月31日废止。",  # another's lapse
    "本办法自2024年1月1日起施行。项目实施至2026年12月31日。",  # a project's end
    "本办法自2024年1月1日起施行。\n第五条 项目有效期5年。",  # not right after the effective sentence
])
def test_an_end_not_said_of_the_document_is_not_its_own(body):
    assert dates("某省某某管理办法", body)[2] is None


def test_through_the_store_a_commentary_page_neither_repeals_nor_expires(tmp_path):
    def record(record_id: str, title: str, doc_number: str, published: str, body: str) -> dict:
        return {"id": record_id, "kind": "disclosure", "title": title, "doc_number": doc_number, "publish_date": published,
                "body": body, "issuer": "厦门市商务局"}

    engine = build_engine(tmp_path, [
        record("old", "厦门市促进外贸发展若干措施", "厦府规〔2021〕3号", "2021-01-01", "本措施自印发之日起施行。"),
        record("jiedu", "《厦门市促进外贸发展新十条》政策解读", "", "2021-12-25", "四、施行时间\n" + POLICY.replace("2025", "2022")),
    ])
    assert engine.validity("old")["validity"]["status"] == "in_force"  # the 解读 said the policy repeals it, not itself
    jiedu = engine.validity("jiedu")["validity"]
    assert jiedu["status"] == "unknown" and jiedu["expiry_date"] is None


def test_kept_in_force_with_a_new_end_extends_the_document():
    # a review's result: 继续有效，有效期至… (only 继续有效至… was read)
    st = read_statements("某市人民政府关于规范性文件清理结果的通知", "《某市城市绿化管理办法》（某政〔2017〕9号）继续有效，有效期至2027年12月31日。",
                         date(2024, 1, 1))
    (extends,) = st.of_kind("extends")
    assert (extends.title, extends.doc_number) == ("某市城市绿化管理办法", "某政〔2017〕9号")
    assert extended_expiry(extends.statement, extends.title, date(2024, 12, 31)) == date(2027, 12, 31)
    assert st.expiry_date is None  # the new end is the kept document's, not the notice's
