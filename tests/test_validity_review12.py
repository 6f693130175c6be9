"""Review of session 12's validity readings: held-out texts whose record must NOT take another document's dates.

Written before running (review helper): an ordinary notice naming 《…基本医疗保险办法》 (基本 holds 本, which read as
本…办法, the record's own name), a decision whose listed documents lapse (本决定所列文件自…起废止: the listed files',
not the decision's end), a period in a sentence of its own after ANOTHER document's effective sentence."""

from __future__ import annotations

from datetime import date

from gongkai.parsers.validity import read_statements

PUBLISHED = date(2025, 2, 10)


def test_a_word_holding_ben_is_no_name_of_the_record():
    # 基本医疗保险办法, 定价成本监审办法, 资本…规定: 本 inside a word, not 本办法
    st = read_statements("关于做好2025年度城镇职工基本医疗保险缴费工作的通知",
                         "根据《某省职工基本医疗保险办法》（某政〔2021〕5号），该办法自2021年7月1日起施行，有效期5年。现就有关事项通知如下：",
                         PUBLISHED)
    assert (st.effective_date, st.expiry_date, st.period) == (None, None, "")
    st = read_statements("关于开展成本监审工作的通知", "《某省定价成本监审办法》自2024年3月1日起施行。请各地抓紧开展监审。", PUBLISHED)
    assert st.effective_date is None
    # the record's own 本办法 still is
    own = read_statements("某市基本医疗保险办法", "第四十条 本办法自2025年3月1日起施行，有效期5年。", PUBLISHED)
    assert (own.effective_date, own.expiry_date) == (date(2025, 3, 1), date(2030, 2, 28))


def test_what_a_decision_lists_lapsing_is_not_the_decision_lapsing():
    st = read_statements("某县人民政府关于宣布失效一批规范性文件的决定",
                         "县政府对2020年以前印发的规范性文件进行了清理。本决定所列文件自2025年3月1日起废止。本决定自印发之日起施行。",
                         PUBLISHED)
    assert st.effective_on_publish and st.expiry_date is None
    st = read_statements("某市住房和城乡建设局关于清理住房保障文件的通知",
                         "本通知所涉文件于2025年6月30日自动失效。本通知自2025年1月1日起施行。", PUBLISHED)
    assert (st.effective_date, st.expiry_date) == (date(2025, 1, 1), None)
    # the decision's own end in a sentence of its own still is
    own = read_statements("某决定", "本决定自2025年1月1日起施行。本决定2027年12月31日废止。", PUBLISHED)
    assert own.expiry_date == date(2027, 12, 31)


def test_a_period_after_another_documents_effective_sentence_is_that_documents():
    st = read_statements("关于转发省人社厅养老保险文件的通知",
                         "各县（市、区）人社局：\n《某省城乡居民养老保险实施办法》自2024年1月1日起施行。有效期5年。请各地认真组织实施。",
                         PUBLISHED)
    assert (st.effective_date, st.expiry_date, st.period) == (None, None, "")
    own = read_statements("某办法", "第三十条 本办法自2024年1月1日起施行。有效期5年。", PUBLISHED)
    assert own.expiry_date == date(2028, 12, 31)


def test_a_citys_own_regulation_is_no_name_of_the_record():
    # 本市X办法 is the city's regulation (the record itself says 本办法), as 本省X条例 is the province's
    st = read_statements("关于做好物业服务收费工作的通知", "本市物业服务收费管理办法自2024年3月1日起施行，请各区做好宣传。", PUBLISHED)
    assert st.effective_date is None
    assert read_statements("某通知", "本省实施办法自2024年5月1日起施行。").effective_date is None


def test_a_policy_cards_period_is_the_documents_before_a_line_addressing_one_body():
    # 市财政局： (the one body a notice is sent to, nothing after its colon) is no field of a licence
    body = ("索引号：XM00100-0200-2024-00001\n发布机构：厦门市人民政府\n有效期：2024年2月1日至2025年12月31日\n市财政局：\n"
            "现将《若干措施》印发给你们。")
    st = read_statements("厦门市人民政府关于印发厦门市促进外贸稳增长若干措施的通知", body, PUBLISHED)
    assert (st.effective_date, st.expiry_date) == (date(2024, 2, 1), date(2025, 12, 31))


def test_a_quiz_notice_is_no_page_about_another_document():
    # 知识问答竞赛 is an event the notice announces, not a 问答 page about a policy: its own clause is read
    st = read_statements("关于举办2024年全市安全生产知识问答竞赛活动的通知", "各单位：定于2024年3月举办知识问答竞赛。本通知自印发之日起施行。",
                         date(2024, 1, 5))
    assert st.effective_on_publish and st.effective_date == date(2024, 1, 5)


def test_a_licence_the_notice_lists_is_not_the_notice():
    # 本公告所列企业的…许可证，有效期至…: the licences' end (the 公告 would have expired with them)
    st = read_statements("某市市场监督管理局关于食品经营许可证延续换证的公告",
                         "根据《食品经营许可和备案管理办法》，本公告所列企业的食品经营许可证，有效期至2027年12月31日。请企业按时办理延续手续。",
                         PUBLISHED)
    assert st.expiry_date is None
    assert read_statements("某公告", "本公告自2024年5月1日起生效，有效期至2027年4月30日。").expiry_date == date(2027, 4, 30)


def test_a_call_for_comments_states_nothing_of_its_own():
    # the notice carries the draft's text (本规定自…起施行: the draft's, if it is ever adopted) without 征求意见稿 in its title
    for title in ("某市司法局关于某市养犬管理规定公开征求意见的公告", "关于对《某市电动自行车管理办法》征求意见的函"):
        st = read_statements(title, "征求意见时间：2025年2月10日至2025年3月10日。\n第四十条 本规定自2025年7月1日起施行。", PUBLISHED)
        assert (st.effective_date, st.expiry_date) == (None, None), title
    # a 征收 or 征集 notice is no call for comments
    st = read_statements("关于征集2025年民生实事项目的通知", "本通知自印发之日起施行。", PUBLISHED)
    assert st.effective_on_publish
