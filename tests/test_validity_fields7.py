"""Validity statements misread until session 13 (fields7), held out: texts written before the rules ran on them (50, of
which 12 were read wrong). A 报告 quoting a bill (草案规定，本条例自…起施行) took the bill's day; a page card's 有效期 line right
above the line addressing the notice's bodies (各区人民政府：现将…) was taken for a thing's field; a card's 施行日期/失效日期 lines
and its dates with dashes (有效期：2024-03-01至2027-02-28) were not read; a permit decision's 本许可决定有效期五年 was read as the
decision's own term; a 新闻发布会 page and a 一问一答 page took the policy's dates."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.parsers.validity import read_statements

PUBLISHED = date(2024, 3, 15)


def dates(title: str, body: str) -> tuple[date | None, bool, date | None]:
    st = read_statements(title, body, PUBLISHED)
    return st.effective_date, st.effective_on_publish, st.expiry_date


@pytest.mark.parametrize(("title", "body"), [
    ("市人大法制委员会关于《厦门市养犬管理条例》审议结果的报告",
     "主任、各位副主任、秘书长、各位委员：\n……经研究，建议删去草案第十二条。草案第六十条规定，本条例自2025年1月1日起施行。法制委员会建议维持。"),
    ("关于厦门市物业管理若干规定修订情况的汇报", "修订草案共五章四十条。草案规定，本规定自2025年3月1日起施行，有效期五年。"),
    ("关于X办法起草情况的汇报", "送审稿明确，本办法自2025年1月1日起施行，有效期至2029年12月31日。"),
])
def test_a_report_quoting_a_draft_takes_none_of_its_dates(title, body):
    assert dates(title, body) == (None, False, None)


def test_the_documents_own_clause_after_a_sentence_about_its_draft_still_counts():
    body = "本办法征求意见稿于2023年10月公开征求意见。本办法自2024年4月1日起施行，有效期5年。"
    assert dates("厦门市X管理办法", body) == (date(2024, 4, 1), False, date(2029, 3, 31))


@pytest.mark.parametrize("addressee", [
    "各区人民政府：现将《厦门市促进服务业高质量发展若干措施》印发给你们，请认真贯彻执行。",
    "市直各单位：现将有关事项通知如下。",
    "市财政局：根据《X办法》，现就有关事项通知如下。",
])
def test_a_card_period_above_the_line_addressing_the_bodies_is_the_documents(addressee):
    body = ("索引号：XM00100-0200-2024-00012\n发布机构：厦门市人民政府\n有效期：2024年3月1日至2026年2月28日\n" + addressee)
    assert dates("厦门市人民政府关于印发X的通知", body) == (date(2024, 3, 1), False, date(2026, 2, 28))


def test_a_period_among_a_licences_fields_is_still_the_licences():
    # a field whose label ends as a body's name (建设单位) is no addressee: its value is no sentence
    body = "建设单位：厦门某某置业有限公司\n有效期：2024年3月1日至2026年2月28日\n建设地点：湖里区"
    assert dates("关于X项目的通知", body) == (None, False, None)


CARD = ("标　　题：福建省人民政府关于进一步优化营商环境的若干意见\n发文机关：福建省人民政府\n发文字号：闽政〔2024〕5号\n"
        "成文日期：2024-01-20\n施行日期：{start}\n失效日期：{end}\n有 效 性：有效\n"
        "各市、县（区）人民政府，平潭综合实验区管委会：为进一步优化营商环境，提出以下意见。")


@pytest.mark.parametrize(("start", "end"), [("2024-02-01", "2029-01-31"), ("2024年02月01日", "2029年1月31日"),
                                            ("2024/2/1", "2029.01.31")])
def test_a_cards_effective_and_last_days_are_read(start, end):
    assert dates("福建省人民政府关于进一步优化营商环境的若干意见", CARD.format(start=start, end=end)) == (
        date(2024, 2, 1), False, date(2029, 1, 31))


@pytest.mark.parametrize("label", ["生效日期", "实施日期", "【施行日期】"])
def test_a_cards_effective_day_alone(label):
    assert dates("关于X的通知", f"{label}：2024-03-01\n时效性：有效\n各区人民政府：现就有关事项通知如下。") == (date(2024, 3, 1), False, None)


def test_the_texts_clause_wins_over_the_card():
    body = "施行日期：2024-02-01\n各有关单位：现就有关事项通知如下。本通知自2024年4月1日起施行。"
    assert dates("关于X的通知", body) == (date(2024, 4, 1), False, None)


@pytest.mark.parametrize(("title", "body"), [
    # a licence's card in a 公示 of licences, and its dates among the fields of a thing
    ("关于X公司危险废物经营许可证核发的公示", "许可证编号：闽危废第123号\n施行日期：2024-03-01\n失效日期：2029-02-28"),
    ("关于X的通知", "证书编号：A123\n发证机关：某局\n失效日期：2029-02-28"),
    # a date in a sentence, not a card's line
    ("关于X的通知", "请于施行日期：2024-03-01前完成备案。"),
])
def test_a_things_card_dates_are_not_the_documents(title, body):
    assert dates(title, body) == (None, False, None)


@pytest.mark.parametrize("period", ["2024-03-01至2027-02-28", "2024/3/1—2027/2/28", "2024.03.01-2027.02.28"])
def test_a_card_period_printed_with_dashes(period):
    body = f"发文字号：厦工信规〔2024〕2号\n有效期：{period}\n各有关单位：现将《X专项资金管理办法》印发给你们，请遵照执行。"
    assert dates("厦门市工业和信息化局关于印发X专项资金管理办法的通知", body) == (date(2024, 3, 1), False, date(2027, 2, 28))


@pytest.mark.parametrize("sentence", ["本许可决定有效期五年。", "本行政许可决定有效期为3年。"])
def test_a_permits_term_is_not_the_decisions(sentence):
    body = "厦门某某化工有限公司：\n你单位提交的排污许可申请材料齐全，经审查，决定准予许可。" + sentence
    assert dates("厦门市生态环境局行政许可决定书", body) == (None, False, None)
    # the same words of the document itself still count
    assert dates("厦门市X管理办法", "本办法自2024年4月1日起施行，有效期五年。") == (date(2024, 4, 1), False, date(2029, 3, 31))


@pytest.mark.parametrize("title", ["《福建省X条例》新闻发布会", "一问一答看懂《厦门市X办法》", "《厦门市X办法》问与答"])
def test_a_press_conference_or_question_page_takes_none_of_the_policys_dates(title):
    body = "问：什么时候施行？答：本办法自2024年3月1日起施行，有效期5年。《厦门市X暂行办法》（厦府〔2019〕3号）同时废止。"
    st = read_statements(title, body, PUBLISHED)
    assert (st.effective_date, st.expiry_date) == (None, None)
    assert {r.kind for r in st.references} == {"cites"}  # and the policy its title names (fields10)
    assert [r.doc_number for r in st.references if r.doc_number] == ["厦府〔2019〕3号"]


def test_a_decisions_amending_item_after_its_list_of_repeals_is_no_repeal():
    # round 2 (18 more texts, 2 read wrong): 二、对《C》作如下修改 was read as the list's third item (C repealed)
    body = ("省人民政府决定：\n一、废止下列规章：《浙江省甲办法》（省政府令第120号）；《浙江省乙规定》（省政府令第156号）。\n"
            "二、对《浙江省丙办法》作如下修改：将第五条修改为：……\n本决定自公布之日起施行。")
    st = read_statements("浙江省人民政府关于废止和修改部分规章的决定", body, PUBLISHED)
    assert [r.title for r in st.of_kind("repeals")] == ["浙江省甲办法", "浙江省乙规定"]
    assert [r.title for r in st.of_kind("amends")] == ["浙江省丙办法"]


def test_a_one_picture_page_takes_none_of_the_policys_dates():
    st = read_statements("一张图看懂厦门市促进消费若干措施", "本措施自2024年1月1日起施行，有效期至2025年12月31日。", PUBLISHED)
    assert (st.effective_date, st.expiry_date) == (None, None)


def test_a_list_of_rules_printed_without_brackets_keeps_its_titles_clean():
    # round 3 (15 more texts, 2 read wrong): the bracket holding the 令 number and its publication was glued to the title
    # (厦门市甲管理办法（1998年3月1), so the repeal resolved by its number only
    body = ("市人民政府决定废止下列规章：\n1.厦门市甲管理办法（1998年3月1日厦门市人民政府令第70号发布）\n"
            "2.厦门市乙管理规定（2002年5月10日厦门市人民政府令第98号发布）\n本决定自公布之日起施行。")
    st = read_statements("厦门市人民政府关于废止部分规章的决定", body, PUBLISHED)
    assert [(r.title, r.doc_number, r.date, r.issuer) for r in st.of_kind("repeals")] == [
        ("厦门市甲管理办法", "厦门市人民政府令第70号", date(1998, 3, 1), "厦门市人民政府"),
        ("厦门市乙管理规定", "厦门市人民政府令第98号", date(2002, 5, 10), "厦门市人民政府")]


def test_a_legislative_explanation_takes_none_of_the_bills_dates():
    st = read_statements("关于《厦门市X条例》的立法说明", "本条例自2025年1月1日起施行。", PUBLISHED)
    assert st.effective_date is None
