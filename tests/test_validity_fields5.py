"""Validity statements left unread until session 11 (fields5), on texts as other provinces' 规范性文件 print them: several
repeal days in one sentence (each document's own day, in the status and on the page), a 废止 catalogue whose rows print
no 文号 (序号 文件名称 发文日期), and a 执行期限/实施期限 far from the effective clause, never a project's."""

from __future__ import annotations

from datetime import date

import httpx

from gongkai.parsers.validity import read_statements, repeal_day
from gongkai.record import Record
from gongkai.validity import Incoming, derive, record_repeal_day
from tests.support import served_engine

TWO_DAYS = ("本办法自2024年1月1日起施行。《某市物业管理办法》（甲政〔2018〕1号）自2024年1月1日起废止，"
            "《某市住宅专项维修资金管理办法》（甲政〔2019〕2号）自2099年7月1日起废止。")


def repeals(body: str, title: str = "某决定") -> list[tuple[str, str]]:
    return [(r.title, r.doc_number) for r in read_statements(title, body, date(2023, 9, 1)).of_kind("repeals")]


def test_each_verb_of_a_sentence_repeals_the_titles_before_it():
    assert repeals(TWO_DAYS) == [("某市物业管理办法", "甲政〔2018〕1号"), ("某市住宅专项维修资金管理办法", "甲政〔2019〕2号")]
    # a part of the first (中…的规定) stays no repeal; the second, after its own verb, is one
    assert repeals("《甲市条例》（甲政〔2010〕1号）中关于收费的规定停止执行，《乙市办法》（甲政〔2011〕2号）同时废止。") == [
        ("乙市办法", "甲政〔2011〕2号")]


def test_each_document_has_its_own_day():
    assert repeal_day(TWO_DAYS, "某市物业管理办法") == date(2024, 1, 1)
    assert repeal_day(TWO_DAYS, "某市住宅专项维修资金管理办法") == date(2099, 7, 1)
    assert repeal_day(TWO_DAYS, "", "甲政〔2019〕2号") == date(2099, 7, 1)  # an edge read by its number alone
    # the record's own title and number (a 印发 notice's title names the document it carries)
    assert record_repeal_day(TWO_DAYS, "某市人民政府关于印发某市住宅专项维修资金管理办法的通知", "") == date(2099, 7, 1)
    assert record_repeal_day(TWO_DAYS, "另一个标题", "甲政〔2019〕2号") == date(2099, 7, 1)
    # printed without a day of its own: none (its repealing document's effective date counts), not the other's
    assert record_repeal_day("《A办法》同时废止，《B办法》自2099年7月1日起废止。", "A办法", "") is None
    # a chain shares the day printed after it or before it
    assert repeal_day("《A办法》（甲政〔2019〕1号）、《B办法》自2024年1月1日起废止。", "A办法") == date(2024, 1, 1)
    assert repeal_day("自2024年1月1日起，《A办法》和《B办法》废止。", "B办法") == date(2024, 1, 1)


def test_the_status_counts_from_each_day():
    incoming = [Incoming("src", "repeals", "", "甲政〔2019〕2号", date(2024, 1, 1), TWO_DAYS)]
    assert derive(date(2025, 1, 1), None, None, False, incoming, True).status == "in_force"
    assert derive(date(2099, 7, 2), None, None, False, incoming, True).status == "repealed"


TARGET = Record(title="某市住宅专项维修资金管理办法", doc_number="甲政〔2019〕2号", issuer="某市人民政府", publish_date="2019-05-01",
                body="第一条 为加强住宅专项维修资金管理，制定本办法。\n本办法自2019年6月1日起施行。")
REPEALER = Record(title="某市物业管理条例实施办法", doc_number="甲政〔2023〕9号", issuer="某市人民政府", publish_date="2023-11-01",
                  body=TWO_DAYS)


def test_the_page_names_the_records_own_day(tmp_path):
    with served_engine(tmp_path / "data", [TARGET, REPEALER]) as (_, base_url):
        html = httpx.get(f"{base_url}/documents/{TARGET.id}", timeout=10).text
        assert "将于 2099-07-01 起废止" in html and "将于 2024-01-01" not in html


def test_gongkai_show_names_the_records_own_day(tmp_path, fresh_cli_state):
    import json

    from tests.cli_run import run

    lines = tmp_path / "records.jsonl"
    lines.write_text("".join(json.dumps(r.model_dump(mode="json", exclude={"content_hash"}), ensure_ascii=False) + "\n"
                             for r in (TARGET, REPEALER)), encoding="utf-8")
    assert run(tmp_path / "data", "ingest", str(lines)).exit_code == 0
    shown = run(tmp_path / "data", "show", TARGET.id).output
    assert "将于 2099-07-01 起废止" in shown and "2024-01-01 起废止" not in shown


CATALOGUE = ("经清理，市人民政府决定废止部分规范性文件。本决定自公布之日起施行。\n附件1：废止的规范性文件目录\n"
             "序号 文件名称 发文日期\n1 某市城市道路挖掘管理办法 2008年5月6日\n2 某市人民政府关于加强户外广告设置管理的通知 2010年3月1日\n"
             "附件2：继续有效的规范性文件目录\n序号 文件名称 发文日期\n1 某市城市绿化管理办法 2012年1月1日\n")


def test_a_catalogue_row_without_a_number_is_read_by_its_title():
    assert repeals(CATALOGUE) == [("某市城市道路挖掘管理办法", ""), ("某市人民政府关于加强户外广告设置管理的通知", "")]
    # the same table read cell by cell (the HTML parser's lines), no 文号 column
    cells = "附件：失效的规范性文件目录\n序号\n文件名称\n发文日期\n1\n某市散装水泥管理办法\n2005年3月1日\n2\n某市燃气管理办法\n2008年5月1日\n"
    assert repeals("本决定自印发之日起施行。\n" + cells) == [("某市散装水泥管理办法", ""), ("某市燃气管理办法", "")]


FILLER = "各区、各有关部门要结合实际抓好落实，加强政策宣传解读，确保各项政策措施及时落地见效，让企业和群众充分享受政策红利，" * 2


def test_a_period_said_of_the_document_far_from_its_effective_clause():
    st = read_statements("某市支持外贸发展若干措施", "本措施自2024年1月1日起施行。" + FILLER + "\n本措施执行期限至2025年12月31日。")
    assert st.expiry_date == date(2025, 12, 31)
    st = read_statements("某市行动方案", "二、实施期限。本方案的实施期限为2024年至2026年。\n" + FILLER + "\n本方案自印发之日起实施。",
                         date(2024, 2, 1))
    assert st.expiry_date == date(2026, 12, 31)


def test_a_projects_period_is_not_the_documents():
    for body in ("本办法自2023年5月1日起施行，项目实施期限为3年。",
                 "本办法自2023年5月1日起施行。" + FILLER + "\n专项资金支持的项目实施期限为2年。",
                 "本办法自2023年5月1日起施行。本办法支持的项目实施期限为2年。"):
        st = read_statements("某市科技专项资金管理办法", body)
        assert (st.period, st.expiry_date) == ("", None), body


def period_of(title: str, body: str) -> tuple[date | None, date | None]:
    st = read_statements(title, body, date(2024, 5, 8))
    return st.effective_date, st.expiry_date


def test_a_licences_validity_label_line_is_no_period_of_the_notice_listing_it():
    # review (session 11): a 公示 of licences printing each one's 有效期：A—B line was read in force A to B, then
    # expired with the licence; the label line is the document's only in a policy, not among a thing's fields
    assert period_of("某市生态环境局关于2024年第3批排污许可证核发情况的公示",
                     "我局对以下单位核发排污许可证，现予公示。\n单位名称：某某化工有限公司。\n证书编号：91350200MA0001XXXX001P。\n"
                     "有效期：2024年5月1日—2029年4月30日。\n") == (None, None)
    assert period_of("某市交通运输局道路运输经营许可公示", "经审查，准予许可。\n有效期：2024年5月1日—2028年4月30日。") == (None, None)
    assert period_of("关于某某公司食品经营许可事项的通知",
                     "经营者名称：某某超市。\n许可事项：食品销售。\n有效期：2024年5月1日—2029年4月30日") == (None, None)


def test_a_policys_label_line_after_a_serial_or_a_plain_line_is_its_period():
    assert period_of("某区关于支持夜间经济发展的若干政策", "一、对夜间经济示范街区给予奖励。\n二、本政策由区商务局负责解释。\n"
                     "三、有效期：2024年1月1日—2026年12月31日。") == (date(2024, 1, 1), date(2026, 12, 31))
    assert period_of("某县支持农业龙头企业发展的若干措施", "（一）对新认定的省级龙头企业奖励20万元。\n（二）对新建冷链仓储给予补助\n"
                     "（三）有效期：2024年3月1日至2026年2月28日") == (date(2024, 3, 1), date(2026, 2, 28))


def test_a_list_of_clauses_to_repeal_repeals_no_whole_document():
    # review (session 11): 废止下列文件中的部分条款： listed documents only some clauses of which go; each was repealed whole
    assert repeals("市政府决定废止下列文件中的部分条款：\n序号 文件名称 废止条款\n1 某市城市道路管理办法 第五条\n"
                   "2 某市户外广告管理规定 第八条、第九条\n本决定自公布之日起施行。") == []
    assert repeals("市政府决定废止下列文件中的部分条款：\n1 某市城市道路管理办法（某政〔2010〕1号）第五条\n") == []


def test_a_heading_after_a_list_is_no_row_of_it():
    # a text printed after the list (its heading, then 第一条 …) or an 附件： line was taken for a row without 文号
    assert repeals("本办法自2024年1月1日起施行，下列文件同时废止：\n1 某市城市道路管理办法\n2 某市户外广告管理规定\n"
                   "某市城市绿化管理办法\n第一条 为了加强城市绿化管理，制定本办法。") == [
        ("某市城市道路管理办法", ""), ("某市户外广告管理规定", "")]
    assert repeals("经评估，下列文件废止：\n1. 某市城市道路管理办法\n附件：某市城市绿化管理办法\n") == [("某市城市道路管理办法", "")]


def test_a_table_read_cell_by_cell_with_a_reason_cell_keeps_its_rows():
    assert repeals("决定宣布下列文件失效：\n序号\n文件名称\n失效理由\n1\n某省农业机械化促进办法\n调整对象已消失\n2\n"
                   "某省现代物流业发展规定\n已被新规定替代\n") == [("某省农业机械化促进办法", ""), ("某省现代物流业发展规定", "")]


def test_the_day_a_cited_document_took_effect_is_not_the_citing_ones():
    # review (session 11): 根据自2024年1月1日起实行的《X》 gave the notice citing X that effective date (尚未施行 till then)
    notice = read_statements("某市人社局关于做好最低工资调整工作的通知",
                             "根据自2024年1月1日起实行的《某市最低工资标准》，现将有关事项通知如下：一、各单位应按时足额支付工资。",
                             date(2023, 12, 20))
    assert notice.effective_date is None and not notice.effective_on_publish
    cited = read_statements("某通知", "根据自2024年1月1日起施行的《某市物业管理条例》，现通知如下。本通知自印发之日起执行。", date(2023, 12, 20))
    assert cited.effective_on_publish  # its own clause, not the cited one's
