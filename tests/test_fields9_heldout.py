"""Held-out documents of session 15 (fields9), written before the parsers ran on them: DOCX with tables, validity statements
of other provinces (施行/有效期/同时废止/不再执行, 修改决定, 废止和失效 catalogues) and newspaper notices with fields (遗失声明 of
seals, invoices and licences; 注销, 减资, 合并, 分立, 清算组 and tax notices). The disclosure pages and PDFs of the round are
fixtures of tests/test_parse_provincial_pages.py (f9_*) and tests/test_parse_chrome_pdfs.py.

Wrong first: a DOCX metadata table of label cells without colons (发文单位 | X | 文号 | Y) gave the title as all its cells
and the 文号 with a value before it; a 废止 decision's second section (二、宣布失效的规范性文件（1件）) ended the list, its rows
unread; a lost card's 卡号：… (a label outside the list) gave no number; a 注销公告 of a name of no usual end (…美容院) printed
with its credit code in brackets had no company; a tax office's 公告 of 欠缴税款 was no business notice; (round 2) a notice on
carrying out a law took the law's day of taking effect, printed in a sentence opening with the law's title, as its own."""

from __future__ import annotations

import io
from datetime import date

import pytest

from gongkai.parsers import Capture, parse
from gongkai.parsers.validity import read_statements
from gongkai.settings import load_settings
from tests.test_notice_fields_heldout import parsed, wrong_fields

V: list[tuple[str, str, str, date, dict]] = []


def v(name: str, title: str, body: str, pub: date, **exp: object) -> None:
    V.append((name, title, body, pub, exp))


v("zj_rule_two_years_repeal_yuan", "浙江省人民政府办公厅关于印发浙江省促进低空经济发展若干措施的通知",
  "各市、县（市、区）人民政府，省政府直属各单位：\n《浙江省促进低空经济发展若干措施》已经省政府同意，现印发给你们，请结合实际认真贯彻落实。\n本若干措施自2024年7月1日起施行，有效期2年。原《浙江省人民政府办公厅关于促进通用航空产业发展的若干意见》（浙政办发〔2019〕41号）不再执行。",
  date(2024, 6, 20), eff=date(2024, 7, 1), exp=date(2026, 6, 30), period="2年", repeals=["浙政办发〔2019〕41号"])
v("gd_trial_period_from_print_3y", "广东省生态环境厅关于印发《广东省排污许可管理办法（试行）》的通知",
  "各地级以上市生态环境局：\n现将《广东省排污许可管理办法（试行）》印发给你们，请遵照执行。\n本办法自印发之日起施行，有效期3年。",
  date(2024, 3, 8), on_publish=True, exp=date(2027, 3, 7), period="3年")
v("js_same_time_repeal_two_numbers", "江苏省财政厅关于印发《江苏省省级政府采购管理办法》的通知",
  "本办法自2024年1月1日起施行。《江苏省省级政府采购管理暂行办法》（苏财购〔2017〕12号）和《关于进一步规范省级政府采购工作的通知》（苏财购〔2019〕55号）同时废止。",
  date(2023, 12, 15), eff=date(2024, 1, 1), repeals=["苏财购〔2017〕12号", "苏财购〔2019〕55号"])
v("sc_valid_until_month_end", "四川省人民政府办公厅关于支持个体工商户纾困发展的若干措施",
  "以上措施自印发之日起实施，有效期至2025年6月30日。", date(2024, 1, 10), on_publish=True, exp=date(2025, 6, 30))
v("amend_decision_xiuzheng_title", "厦门市人民政府关于修改《厦门市城市道路管理办法》的决定",
  "市人民政府决定对《厦门市城市道路管理办法》作如下修改：\n一、将第十条修改为……\n本决定自公布之日起施行。《厦门市城市道路管理办法》根据本决定作相应修改，重新公布。",
  date(2024, 5, 6), on_publish=True, amends=["厦门市城市道路管理办法"])
v("xiuzheng_in_body_effective_date", "福建省人民政府关于修改部分省政府规章的决定",
  "省人民政府决定对《福建省消防条例实施办法》等3件规章的部分条款予以修改。\n一、对《福建省消防条例实施办法》作出修改……\n二、对《福建省城市供水管理办法》作出修改……\n本决定自2024年9月1日起施行。",
  date(2024, 8, 1), eff=date(2024, 9, 1), amends=["福建省消防条例实施办法", "福建省城市供水管理办法"])
v("repeal_catalogue_rows_numbers", "厦门市人民政府关于废止和宣布失效部分规范性文件的决定",
  "为维护法制统一，市人民政府对规范性文件进行了清理，决定对以下规范性文件予以废止或宣布失效：\n一、决定废止的规范性文件（2件）\n1. 厦门市人民政府关于印发厦门市城市管理相对集中行政处罚权实施办法的通知（厦府〔2008〕310号）\n2. 厦门市人民政府办公厅关于进一步加强出租汽车管理的通知（厦府办〔2012〕88号）\n二、宣布失效的规范性文件（1件）\n1. 厦门市人民政府关于印发厦门市2015年为民办实事项目的通知（厦府〔2015〕45号）\n本决定自公布之日起施行。",
  date(2024, 10, 8), on_publish=True, repeals=["厦府〔2008〕310号", "厦府办〔2012〕88号", "厦府〔2015〕45号"])
v("catalogue_table_with_column_head_date", "关于公布继续有效、废止和失效规范性文件目录的通知",
  "各区人民政府，市直各单位：\n根据规范性文件清理工作安排，现将清理结果公布如下：\n废止的规范性文件目录\n序号 文件名称 文号 发文日期\n1 关于印发漳州市城区渣土运输管理办法的通知 漳政〔2016〕21号 2016年5月10日\n2 关于加强城市燃气安全管理的通知 漳政办〔2018〕77号 2018年9月3日",
  date(2024, 12, 1), repeals=["漳政〔2016〕21号", "漳政办〔2018〕77号"])
v("effective_chinese_next_month_valid_until_date", "南京市推进城市更新行动实施办法",
  "第四十二条　本办法自2024年11月1日起施行，有效期至2029年10月31日。", date(2024, 10, 10), eff=date(2024, 11, 1), exp=date(2029, 10, 31))
v("shixing_30_days_after_publish", "宁波市养犬管理规定实施细则",
  "第二十条　本细则自发布之日起30日后施行。", date(2024, 4, 1), eff=date(2024, 5, 1))
v("yuan_bu_zai_zhixing_title_only", "关于调整厦门市最低工资标准的通知",
  "一、调整后的最低工资标准自2024年7月1日起执行。\n二、原《关于调整厦门市最低工资标准的通知》（厦人社〔2022〕120号）自2024年7月1日起不再执行。",
  date(2024, 6, 25), eff=date(2024, 7, 1), repeals=["厦人社〔2022〕120号"])
v("period_five_years_counted_from", "四川省科技成果转化专项资金管理办法",
  "第三十条　本办法由省科技厅、省财政厅负责解释，自2024年5月1日起施行，有效期5年。", date(2024, 4, 20), eff=date(2024, 5, 1), exp=date(2029, 4, 30), period="5年")
v("trad_repeal_same_time", "臺灣地區人民來廈投資辦法",
  "第二十條　本辦法自2024年3月1日起施行。1999年5月6日發布的《廈門市台灣同胞投資保障辦法》同時廢止。", date(2024, 2, 1), eff=date(2024, 3, 1), repeals=["厦门市台湾同胞投资保障办法"])
v("decision_repeal_orders_gz", "广州市人民政府关于废止部分市政府规章的决定",
  "经2024年6月3日市人民政府第16届第80次常务会议审议通过，决定废止下列市政府规章：\n一、《广州市城市绿化管理条例实施办法》（1998年广州市人民政府令第12号公布）\n二、《广州市房屋租赁管理规定》（2005年广州市人民政府令第6号公布）\n本决定自公布之日起施行。",
  date(2024, 6, 10), on_publish=True, repeals=["广州市城市绿化管理条例实施办法", "广州市房屋租赁管理规定"])
v("valid_three_years_chinese_num_with_wei", "杭州市促进跨境电子商务高质量发展若干政策",
  "十、本政策自2024年1月1日起施行，有效期为三年。", date(2023, 12, 20), eff=date(2024, 1, 1), exp=date(2026, 12, 31), period="3年")
v("effective_and_expire_range_zhi", "江苏省农业保险保费补贴管理办法",
  "第二十八条　本办法自2024年1月1日起施行，至2028年12月31日止。", date(2023, 12, 28), eff=date(2024, 1, 1), exp=date(2028, 12, 31))
v("jiang_yu_expire_self", "关于延续实施支持文化企业发展增值税政策的公告",
  "一、对电影主管部门按照职能权限批准从事电影制片、发行、放映的电影集团公司……免征增值税。\n二、本公告执行至2027年12月31日。", date(2023, 10, 23), exp=date(2027, 12, 31))
v("repeal_title_decision_single", "成都市人民政府关于废止《成都市城市房屋拆迁管理条例实施细则》的决定",
  "市人民政府决定，废止《成都市城市房屋拆迁管理条例实施细则》（成都市人民政府令第98号）。\n本决定自公布之日起施行。", date(2024, 2, 5), on_publish=True,
  repeals=["成都市城市房屋拆迁管理条例实施细则"])
v("xiuding_hou_effective", "深圳市住房公积金管理暂行办法",
  "第六十条　本办法自2024年2月1日起施行。2010年12月3日深圳市人民政府令第221号发布的《深圳市住房公积金管理暂行办法》同时废止。", date(2024, 1, 15),
  eff=date(2024, 2, 1), repeals=["深圳市住房公积金管理暂行办法"])
v("yiju_effective_shishi_valid_until_year", "福州市老旧小区改造提升工作方案",
  "本方案自印发之日起实施，有效期至2025年底。", date(2024, 3, 1), on_publish=True, exp=date(2025, 12, 31))

# round 2: 12 more, 2 read otherwise first: 《福建省物业管理条例》已由…修订通过，自2024年8月1日起施行 in a notice on carrying the law
# out gave the notice the law's day (the sentence opens with the law, farther back than the words before 自 were read); the
# other, 新票价自2024年3月1日起执行 read as the notice's own day, was an expectation of mine
v("xiuzheng_decision_reissue", "浙江省人民政府关于修改《浙江省城市房屋使用安全管理条例实施办法》的决定",
  "省人民政府决定对《浙江省城市房屋使用安全管理条例实施办法》作如下修改：\n一、第八条第二款修改为……\n本决定自2024年12月1日起施行。",
  date(2024, 10, 30), eff=date(2024, 12, 1), amends=["浙江省城市房屋使用安全管理条例实施办法"])
v("effective_sixty_days", "广东省安全生产条例实施细则", "第五十条　本细则自公布之日起60日后施行。", date(2024, 7, 1), eff=date(2024, 8, 30))
v("valid_until_end_of_year_chinese", "关于继续实施小微企业“六税两费”减免政策的公告",
  "一、……\n二、本公告执行期限为2023年1月1日至2027年12月31日。", date(2023, 8, 2), eff=date(2023, 1, 1), exp=date(2027, 12, 31))
v("period_then_repeal_yuan_number", "四川省人民政府办公厅关于印发四川省城镇燃气安全管理办法的通知",
  "本办法自2024年9月1日起施行，有效期5年。原《四川省城镇燃气安全管理暂行办法》（川办发〔2019〕60号）同时废止。",
  date(2024, 8, 5), eff=date(2024, 9, 1), exp=date(2029, 8, 31), repeals=["川办发〔2019〕60号"])
v("trial_one_year", "深圳市无人驾驶航空器飞行管理暂行办法", "第三十条　本办法自2024年5月1日起试行，试行期一年。",
  date(2024, 4, 1), eff=date(2024, 5, 1), exp=date(2025, 4, 30), period="1年")
v("repeal_list_semicolon_items", "江苏省人民政府关于废止部分省政府规范性文件的决定",
  "经研究，省人民政府决定废止以下规范性文件：《省政府关于加强城市道路管理的通知》（苏政发〔2010〕45号）；《省政府办公厅关于加快发展家政服务业的意见》（苏政办发〔2012〕101号）。\n本决定自发布之日起施行。",
  date(2024, 3, 1), on_publish=True, repeals=["苏政发〔2010〕45号", "苏政办发〔2012〕101号"])
v("trad_valid_until", "臺北市公有路外停車場管理辦法", "第二十條　本辦法自2024年1月1日起施行，有效期至2028年12月31日。",
  date(2023, 12, 20), eff=date(2024, 1, 1), exp=date(2028, 12, 31))
v("not_own_cites_law_shixing", "关于做好《福建省物业管理条例》贯彻实施工作的通知",
  "各设区市住建局：\n《福建省物业管理条例》已由福建省第十四届人民代表大会常务委员会第九次会议修订通过，自2024年8月1日起施行。现就做好贯彻实施工作通知如下。",
  date(2024, 7, 10), eff=None, on_publish=False)
v("catalogue_fail_table_chinese_serials", "关于宣布失效一批市政府文件的通知",
  "各区人民政府，市直各单位：\n经清理，下列市政府文件宣布失效：\n一、关于印发福州市2018年为民办实事项目的通知（榕政综〔2018〕12号）\n二、关于做好2019年春运工作的通知（榕政办〔2019〕3号）\n特此通知。",
  date(2024, 9, 1), repeals=["榕政综〔2018〕12号", "榕政办〔2019〕3号"])
v("effective_date_with_dots_sentence_only", "关于调整城市公交票价的通知", "新票价自2024年3月1日起执行。", date(2024, 2, 20), eff=date(2024, 3, 1))
v("shixing_xiuding_history_brackets", "厦门经济特区生活垃圾分类管理办法",
  "（2017年8月25日厦门市第十五届人民代表大会常务委员会第八次会议通过　根据2024年6月25日厦门市第十六届人民代表大会常务委员会第二十次会议《关于修改〈厦门经济特区生活垃圾分类管理办法〉的决定》修正）\n第四十五条　本办法自2017年9月10日起施行。",
  date(2024, 7, 1), eff=date(2017, 9, 10))
v("repeal_by_title_no_number_yuan", "宁波市人民政府关于印发宁波市工程建设项目审批制度改革实施方案的通知",
  "本方案自印发之日起施行。原《宁波市人民政府关于印发宁波市工程建设项目审批管理办法的通知》同时废止。", date(2024, 2, 1), on_publish=True,
  repeals=["宁波市人民政府关于印发宁波市工程建设项目审批管理办法的通知"])

# round 3: 10 more, 2 wrong first: 实施期2年 (实施期 without 限 was no period word) and a list item's 令 number after a year
# alone, 1994年北京市人民政府令第16号发布 (read 年北京市人民政府令第16号)
v("effective_next_line_after_title_yiju", "重庆市城市供水节水管理办法实施细则",
  "第四十条　本细则自2024年12月1日起施行，有效期5年。《重庆市城市供水节水管理办法实施细则（试行）》（渝府办发〔2019〕108号）同时废止。",
  date(2024, 11, 1), eff=date(2024, 12, 1), exp=date(2029, 11, 30), repeals=["渝府办发〔2019〕108号"])
v("expire_on_date_sentence_own", "关于支持首台（套）重大技术装备推广应用的若干措施",
  "本措施自2024年1月1日起施行，2026年12月31日废止。", date(2023, 12, 25), eff=date(2024, 1, 1), exp=date(2026, 12, 31))
v("abolish_old_with_book_and_date", "天津市生活垃圾管理条例实施办法",
  "第五十条　本办法自2024年7月1日起施行。2008年市人民政府发布的《天津市城市生活垃圾管理规定》（2008年市人民政府令第5号）同时废止。",
  date(2024, 6, 1), eff=date(2024, 7, 1), repeals=["天津市城市生活垃圾管理规定"])
v("implement_two_years_period_word_shishiqi", "陕西省支持民营经济发展若干措施",
  "本措施自印发之日起施行，实施期2年。", date(2024, 5, 10), on_publish=True, exp=date(2026, 5, 9), period="2年")
v("valid_to_year_month", "关于2024年度企业稳岗返还政策的通知",
  "本通知自印发之日起执行，有效期至2025年6月。", date(2024, 6, 1), on_publish=True, exp=date(2025, 6, 30))
v("measures_expire_with_zhi_hou_zidong", "厦门市促进服务业扩大开放若干措施",
  "本措施自2024年3月1日起施行，有效期3年，期满后自动失效。", date(2024, 2, 20), eff=date(2024, 3, 1), exp=date(2027, 2, 28), period="3年")
v("notice_yi_ci_wei_zhun", "关于调整全市最低工资标准的通知",
  "本通知自2024年7月1日起执行。此前发布的有关规定与本通知不一致的，以本通知为准。", date(2024, 6, 20), eff=date(2024, 7, 1))
v("repeal_multiple_laws_fenhao", "北京市人民政府关于废止部分政府规章的决定",
  "市人民政府决定，对下列3项政府规章予以废止：\n一、北京市城市道路管理办法（1994年北京市人民政府令第16号发布）；\n二、北京市机动车停车管理办法（2001年北京市人民政府令第89号发布）；\n三、北京市户外广告设置管理规定（2004年北京市人民政府令第150号发布）。\n本决定自公布之日起施行。",
  date(2024, 5, 1), on_publish=True, repeals=["北京市人民政府令第16号", "北京市人民政府令第89号", "北京市人民政府令第150号"])
v("trial_half_year", "杭州市共享单车停放管理试行办法", "本办法自2024年4月1日起试行，试行期6个月。", date(2024, 3, 20), eff=date(2024, 4, 1), exp=date(2024, 9, 30), period="6个月")
v("shixing_zhi_fei_zhi_same", "关于实行城市道路临时停车泊位收费的通告", "本通告自2024年5月1日起施行，至2025年4月30日止。", date(2024, 4, 20), eff=date(2024, 5, 1), exp=date(2025, 4, 30))


@pytest.mark.parametrize(("name", "title", "body", "published", "expected"), V, ids=[case[0] for case in V])
def test_a_statement_is_read_as_printed(name: str, title: str, body: str, published: date, expected: dict) -> None:
    st = read_statements(title, body, published)
    got = {"eff": st.effective_date, "exp": st.expiry_date, "period": st.period, "on_publish": st.effective_on_publish}
    for key, want in expected.items():
        if key in ("repeals", "amends", "extends"):
            named = [(ref.title, ref.doc_number) for ref in st.references if ref.kind == key]
            assert all(any(w in pair for pair in named) for w in want), (key, named)  # type: ignore[attr-defined]
        else:
            assert got[key] == want, key


def test_a_second_section_of_a_repeal_decision_is_read_too() -> None:
    # 一、决定废止的…（2件） / 二、宣布失效的…（1件）: the second heading ended the list and 厦府〔2015〕45号 went unread
    _name, title, body, published, _ = next(case for case in V if case[0] == "repeal_catalogue_rows_numbers")
    numbers = [ref.doc_number for ref in read_statements(title, body, published).references if ref.kind == "repeals"]
    assert numbers == ["厦府〔2008〕310号", "厦府办〔2012〕88号", "厦府〔2015〕45号"]
    # a section of documents kept is still no list of repeals
    kept = body.replace("二、宣布失效的规范性文件（1件）", "二、继续有效的规范性文件（1件）")
    assert "厦府〔2015〕45号" not in [ref.doc_number for ref in read_statements(title, kept, published).references if ref.kind == "repeals"]


COLA = """遗失声明
厦门鼎盛建设工程有限公司遗失公章一枚，编号：3502000123456，声明作废。
厦门市集美区乐活便利店遗失增值税普通发票一张，发票代码：035021900111，发票号码：12345678，声明作废。
厦门华瑞医疗器械有限公司遗失中国建设银行厦门分行开户许可证，核准号：J3930012345601，开户许可证编号：3910-01234567，声明作废。
厦门蓝天物业服务有限公司不慎遗失发票专用章一枚，声明作废。
厦门市思明区禾香餐厅遗失食品经营许可证正本，许可证编号：JY13502030123456，声明作废。
郑丽华遗失厦门市住房公积金联名卡，卡号：6217001930012345678，特此声明。
厦门远航国际货运代理有限公司遗失合同专用章一枚，声明作废。
厦门市同安区鑫旺建材商行遗失税务登记证副本，税号：350212198805061234，声明作废。
"""
EXPA = [
    {"type": "lost", "holder": "厦门鼎盛建设工程有限公司", "items": ["公章"], "numbers": [("编号", "3502000123456")], "declared_void": True},
    {"type": "lost", "holder": "厦门市集美区乐活便利店", "items": ["增值税普通发票"], "numbers": [("发票代码", "035021900111"), ("发票号码", "12345678")]},
    {"type": "lost", "holder": "厦门华瑞医疗器械有限公司", "items": ["中国建设银行厦门分行开户许可证"], "numbers": [("核准号", "J3930012345601"), ("编号", "3910-01234567")]},
    {"type": "lost", "holder": "厦门蓝天物业服务有限公司", "items": ["发票专用章"], "declared_void": True},
    {"type": "lost", "holder": "厦门市思明区禾香餐厅", "items": ["食品经营许可证正本"], "numbers": [("编号", "JY13502030123456")]},
    {"type": "lost", "holder": "郑丽华", "items": ["厦门市住房公积金联名卡"], "numbers": [("卡号", "6217001930012345678")]},
    {"type": "lost", "holder": "厦门远航国际货运代理有限公司", "items": ["合同专用章"]},
    {"type": "lost", "holder": "厦门市同安区鑫旺建材商行", "items": ["税务登记证副本"], "credit_codes": ["350212198805061234"], "numbers": []},
]

COLB = """注销公告
厦门海纳百川电子商务有限公司（统一社会信用代码：91350206MA8RT6YU2K）股东决定解散公司，已成立清算组。请债权人于本公告刊登之日起四十五日内向清算组申报债权。
清算组联系人：吴先生　电话：0592-5123456
厦门海纳百川电子商务有限公司清算组
2026年12月6日
减资公告
经厦门卓远信息技术有限公司股东会决议，公司注册资本由人民币3000万元减少为人民币1000万元。债权人自本公告发布之日起45日内，有权要求本公司清偿债务或提供相应担保。
厦门卓远信息技术有限公司
2026年12月6日
合并公告
根据厦门鹭岛食品有限公司与厦门鹭味餐饮管理有限公司股东会决议，厦门鹭岛食品有限公司吸收合并厦门鹭味餐饮管理有限公司，合并后厦门鹭味餐饮管理有限公司注销。请债权人自本公告见报之日起四十五日内向公司申报债权。
厦门鹭岛食品有限公司
厦门鹭味餐饮管理有限公司
2026年12月6日
清算组成立公告
厦门恒通机械设备有限公司经股东会决议解散，于2026年11月30日成立清算组，清算组成员：王建华、林志强。请公司债权人自接到通知书之日起三十日内，未接到通知书的自本公告之日起四十五日内，向清算组申报债权。
厦门恒通机械设备有限公司清算组
2026年12月6日
注销公告
厦门市湖里区美佳美容院（统一社会信用代码：92350206MA2Y3KXX4B）拟向登记机关申请注销登记，请债权人自本公告之日起20日内申报债权。
厦门市湖里区美佳美容院
2026年12月6日
减资公告
厦门星耀文化传播有限公司（统一社会信用代码：91350203MA31ABCD9X）股东会决议减少注册资本，注册资本由伍佰万元减至壹佰万元。请债权人于2027年1月20日前向本公司申报债权。
厦门星耀文化传播有限公司
2026年12月6日
"""
EXPB = [
    {"type": "business_tax", "company": "厦门海纳百川电子商务有限公司", "action": "注销", "credit_code": "91350206MA8RT6YU2K", "claim_period_days": 45, "claim_deadline": "2027-01-20"},
    {"type": "business_tax", "company": "厦门卓远信息技术有限公司", "action": "减资", "capital_from": "3000万元", "capital_to": "1000万元", "claim_period_days": 45, "claim_deadline": "2027-01-20"},
    {"type": "business_tax", "company": "厦门鹭岛食品有限公司", "action": "合并", "claim_period_days": 45},
    {"type": "business_tax", "company": "厦门恒通机械设备有限公司", "action": "清算", "claim_period_days": 45},
    {"type": "business_tax", "company": "厦门市湖里区美佳美容院", "action": "注销", "credit_code": "92350206MA2Y3KXX4B", "claim_period_days": 20, "claim_deadline": "2026-12-26"},
    {"type": "business_tax", "company": "厦门星耀文化传播有限公司", "action": "减资", "capital_from": "伍佰万元", "capital_to": "壹佰万元", "claim_deadline": "2027-01-20"},
]

COLC = """分立公告
根据厦门锦程投资集团有限公司股东会决议，公司拟分立为厦门锦程投资集团有限公司和厦门锦程置业有限公司。分立前的债务由分立后的公司承担连带责任。请债权人自本公告发布之日起四十五日内向公司申报债权。
厦门锦程投资集团有限公司
2026年12月6日
公告
厦门宏发贸易有限公司：因你公司欠缴税款，现依法予以公告。
国家税务总局厦门市思明区税务局
2026年12月6日
遗失声明
厦门市海沧区顺达汽车修理厂遗失营业执照副本及公章、财务章各一枚，统一社会信用代码：92350205MA31XYW12P，声明作废。
"""
EXPC = [
    {"type": "business_tax", "company": "厦门锦程投资集团有限公司", "action": "分立", "claim_period_days": 45},
    {"type": "business_tax", "company": "厦门宏发贸易有限公司", "action": "欠税"},
    {"type": "lost", "holder": "厦门市海沧区顺达汽车修理厂", "items": ["营业执照副本", "公章", "财务章"], "credit_codes": ["92350205MA31XYW12P"]},
]

# round 2: 10 more, none wrong but an expectation of mine (清算公告 of a 注销: its title's 清算)
COLD = """遗失声明
厦门市思明区佳佳乐母婴用品店遗失营业执照正本，统一社会信用代码：92350203MA8TWQ6L0B，声明作废。
厦门东海岸房地产开发有限公司遗失财务专用章、法定代表人名章（陈国强）各一枚，声明作废。
林志远遗失护照，护照号：E12345678，特此声明。
厦门市湖里区金鼎汽车美容中心遗失机动车销售统一发票（发票联）一份，发票代码：135021920221，发票号码：00234567，声明作废。
厦门九州通医药有限公司遗失《药品经营许可证》副本，证号：闽AA5920123，声明作废。
黄美玲遗失教师资格证书，资格证书编码：20233502122001234，声明作废。
"""
EXPD = [
    {"type": "lost", "holder": "厦门市思明区佳佳乐母婴用品店", "items": ["营业执照正本"], "credit_codes": ["92350203MA8TWQ6L0B"], "numbers": []},
    {"type": "lost", "holder": "厦门东海岸房地产开发有限公司", "items": ["财务专用章", "法定代表人名章"]},
    {"type": "lost", "holder": "林志远", "items": ["护照"], "numbers": [("护照号", "E12345678")]},
    {"type": "lost", "holder": "厦门市湖里区金鼎汽车美容中心", "items": ["机动车销售统一发票"], "numbers": [("发票代码", "135021920221"), ("发票号码", "00234567")]},
    {"type": "lost", "holder": "厦门九州通医药有限公司", "items": ["药品经营许可证副本"], "numbers": [("证号", "闽AA5920123")]},
    {"type": "lost", "holder": "黄美玲", "items": ["教师资格证书"], "numbers": [("资格证书编码", "20233502122001234")]},
]
COLE = """注销公告
厦门市集美区小鱼儿餐饮管理有限公司经股东决定，决定解散公司，现已成立清算组。请公司债权人自接到通知之日起三十日内，未接到通知的自本公告刊登之日起四十五日内，向公司清算组申报债权。
清算组负责人：陈小鱼，联系电话：13800001111
2026年12月6日
减资公告
厦门联创智造科技股份有限公司（统一社会信用代码：91350200MA2XQ8R5XN）于2026年11月28日召开股东大会，决议将公司注册资本由人民币8,000万元减少至人民币5,000万元。
请债权人自本公告发布之日起45日内，凭有效债权文件及凭证向公司要求清偿债务或提供相应担保。
联系人：郭女士　联系电话：0592-6012345
厦门联创智造科技股份有限公司
2026年12月6日
吸收合并公告
根据厦门建发物产有限公司与厦门建发纸业有限公司签订的合并协议，厦门建发物产有限公司吸收合并厦门建发纸业有限公司。合并后，厦门建发纸业有限公司解散注销，其债权债务由厦门建发物产有限公司承继。债权人可于本公告刊登之日起45日内要求公司清偿债务或提供担保。
厦门建发物产有限公司
厦门建发纸业有限公司
2026年12月6日
清算公告
厦门市思明区阿强水果摊（统一社会信用代码：92350203MA32ABCD1E）经营者决定注销，请债权人于本公告之日起20日内申报债权。
2026年12月6日
"""
EXPE = [
    {"type": "business_tax", "company": "厦门市集美区小鱼儿餐饮管理有限公司", "action": "注销", "claim_period_days": 45, "claim_deadline": "2027-01-20"},
    {"type": "business_tax", "company": "厦门联创智造科技股份有限公司", "action": "减资", "capital_from": "8,000万元", "capital_to": "5,000万元", "claim_period_days": 45},
    {"type": "business_tax", "company": "厦门建发物产有限公司", "action": "合并", "claim_period_days": 45},
    {"type": "business_tax", "company": "厦门市思明区阿强水果摊", "action": "清算", "claim_period_days": 20},
]

# round 3: 9 more, 1 wrong first: a 合伙企业（有限合伙） lost its bracket (the name's end was matched in full-width brackets on the
# folded text, whose brackets are half-width)
COLF = """遗失声明
厦门市翔安区新圩镇惠民农资经营部遗失营业执照副本，统一社会信用代码：92350213MA2YF5K08Q，声明作废。厦门星辰网络科技有限公司遗失开户许可证（核准号：J3930098765402）及公章一枚，声明作废。
厦门万家福超市有限公司遗失2026年11月开具的增值税专用发票三份，发票代码：3502262130，发票号码：00345678、00345679、00345680，声明作废。
陈建华遗失厦门市不动产权证书，证号：闽（2021）厦门市不动产权第0098765号，特此声明。
厦门海湾装饰工程有限公司遗失建筑业企业资质证书正本，证书编号：D235012345，声明作废。
"""
EXPF = [
    {"type": "lost", "holder": "厦门市翔安区新圩镇惠民农资经营部", "items": ["营业执照副本"], "credit_codes": ["92350213MA2YF5K08Q"]},
    {"type": "lost", "holder": "厦门星辰网络科技有限公司", "items": ["开户许可证", "公章"], "numbers": [("核准号", "J3930098765402")]},
    {"type": "lost", "holder": "厦门万家福超市有限公司", "items": ["增值税专用发票"], "numbers": [("发票代码", "3502262130"), ("发票号码", "00345678"),
     ("发票号码", "00345679"), ("发票号码", "00345680")]},  # each of the list (the first only until fields10)
    {"type": "lost", "holder": "陈建华", "items": ["厦门市不动产权证书"], "numbers": [("证号", "闽(2021)厦门市不动产权第0098765号")]},
    {"type": "lost", "holder": "厦门海湾装饰工程有限公司", "items": ["建筑业企业资质证书正本"], "numbers": [("编号", "D235012345")]},
]
COLG = """减资公告
厦门亚太国际物流有限公司（统一社会信用代码：91350200MA31G7Q8X3）经董事会决议，注册资本由500万美元减少至200万美元，请债权人自本公告之日起四十五日内向本公司申报债权。
厦门亚太国际物流有限公司
2026年12月6日
简易注销公告
企业名称：厦门市思明区晨光文具店
统一社会信用代码：92350203MA8UE2KX5R
公告期：2026年12月6日至2026年12月25日
全体投资人承诺：企业不存在未结清清偿费用、职工工资、社会保险费用、法定补偿金和未交清的应缴纳税款等。
注销公告
经厦门市鼎鑫投资合伙企业（有限合伙）全体合伙人决定，本企业解散并成立清算人，请债权人于本公告刊登之日起四十五日内向清算人申报债权。
2026年12月6日
债权申报公告
厦门宏远实业有限公司已被本院裁定宣告破产，债权人应于2027年2月6日前向管理人申报债权。
厦门市中级人民法院
2026年12月6日
"""
EXPG = [
    {"type": "business_tax", "company": "厦门亚太国际物流有限公司", "action": "减资", "capital_from": "500万美元", "capital_to": "200万美元", "claim_period_days": 45},
    {"type": "business_tax", "company": "厦门市思明区晨光文具店", "action": "注销", "credit_code": "92350203MA8UE2KX5R", "claim_deadline": "2026-12-25"},
    {"type": "business_tax", "company": "厦门市鼎鑫投资合伙企业（有限合伙）", "action": "注销", "claim_period_days": 45},
    {"type": "business_tax", "company": "厦门宏远实业有限公司", "claim_deadline": "2027-02-06"},
]

NOTICE_COLUMNS = [("lost seals, invoices, licences", COLA, EXPA), ("business", COLB, EXPB), ("split, tax, lost", COLC, EXPC),
                  ("round 2 lost", COLD, EXPD), ("round 2 business", COLE, EXPE), ("round 3 lost", COLF, EXPF),
                  ("round 3 business", COLG, EXPG)]


@pytest.mark.parametrize(("name", "column", "expected"), NOTICE_COLUMNS, ids=[c[0] for c in NOTICE_COLUMNS])
def test_each_notice_is_split_typed_and_read(name: str, column: str, expected: list[dict]) -> None:
    records = parsed(column)
    assert len(records) == len(expected), [r.title for r in records]
    assert [wrong for record, want in zip(records, expected) for wrong in wrong_fields(record, want)] == []


def _docx(paragraphs_before: list[str], rows: list[tuple[str, ...]], paragraphs_after: list[str]) -> bytes:
    from docx import Document

    document = Document()
    for text in paragraphs_before:
        document.add_paragraph(text)
    table = document.add_table(rows=len(rows), cols=max(len(row) for row in rows))
    for row, values in zip(table.rows, rows):
        for cell, value in zip(row.cells, values):
            cell.text = value
    for text in paragraphs_after:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


_HEADER_TABLE = [("发文单位", "江苏省人力资源和社会保障厅", "文号", "苏人社规〔2024〕3号"), ("成文日期", "2024年2月26日", "有效性", "有效"),
                 ("标题", "江苏省人力资源和社会保障厅关于进一步做好技能人才评价工作的通知", "", "")]
_LETTER = ["各设区市人力资源社会保障局：", "　　为进一步做好技能人才评价工作，现就有关事项通知如下。", "　　本通知自2024年4月1日起施行，有效期5年。",
           "江苏省人力资源和社会保障厅", "2024年2月26日"]


def test_a_docx_metadata_table_of_label_cells_gives_its_fields() -> None:
    record = parse(Capture(_docx([], _HEADER_TABLE, _LETTER), filename="f9.docx"), load_settings().parsers)
    assert (record.title, record.doc_number, record.issuer, record.written_date, record.stated_validity) == (
        "江苏省人力资源和社会保障厅关于进一步做好技能人才评价工作的通知", "苏人社规〔2024〕3号", "江苏省人力资源和社会保障厅",
        date(2024, 2, 26), "有效")
    assert "文号：苏人社规〔2024〕3号" in record.body  # one pair a line, as the card printed it
    st = read_statements(record.title, record.body, record.written_date)
    assert (st.effective_date, st.expiry_date) == (date(2024, 4, 1), date(2029, 3, 31))


def test_a_docx_catalogue_table_stays_rows_and_its_repeals_are_read() -> None:
    # 序号 | 文件名称 | 文号: labels side by side are a catalogue's header, not a card; its rows stay rows
    rows = [("序号", "文件名称", "文号"), ("1", "杭州市人民政府关于印发杭州市城市道路临时占用管理办法的通知", "杭政〔2012〕9号"),
            ("2", "杭州市人民政府办公厅关于加强建筑垃圾管理的通知", "杭政办函〔2016〕102号")]
    before = ["杭州市人民政府文件", "杭政〔2024〕31号", "杭州市人民政府关于公布规范性文件清理结果的通知", "各区、县（市）人民政府，市政府各部门、各直属单位：",
              "　　经清理，决定废止以下规范性文件，自本通知印发之日起停止执行。"]
    record = parse(Capture(_docx(before, rows, ["杭州市人民政府", "2024年8月20日"]), filename="f9b.docx"), load_settings().parsers)
    assert (record.title, record.doc_number, record.written_date) == ("杭州市人民政府关于公布规范性文件清理结果的通知", "杭政〔2024〕31号", date(2024, 8, 20))
    st = read_statements(record.title, record.body, record.written_date)
    assert [ref.doc_number for ref in st.references if ref.kind == "repeals"] == ["杭政〔2012〕9号", "杭政办函〔2016〕102号"]


def test_a_repeal_naming_a_numbered_announcement_by_its_year_number_finds_it(tmp_path) -> None:
    # （国家税务总局公告2019年第44号）: a 公告 numbered within its year carried no number, so a page titled by its number alone (as
    # the 税务总局's are listed) was never found by the repeal, whose title keys another way
    from gongkai.record import Record
    from gongkai.store.store import Store

    old = Record(id="tax-2019-44", kind="disclosure", title="国家税务总局公告2019年第44号", doc_number="国家税务总局公告2019年第44号",
                 publish_date="2019-12-31", body="现将2019年度个人所得税综合所得汇算清缴有关事项公告如下。")
    new = Record(id="tax-2024-1", kind="disclosure", title="国家税务总局关于个人所得税综合所得汇算清缴有关事项的公告", publish_date="2024-01-05",
                 body="本公告自2024年1月1日起施行。《国家税务总局关于办理2019年度个人所得税综合所得汇算清缴事项的公告》（国家税务总局公告2019年第44号）同时废止。")
    st = read_statements(new.title, new.body, date(2024, 1, 5))
    assert [(ref.kind, ref.doc_number) for ref in st.references] == [("repeals", "国家税务总局公告2019年第44号")]
    store = Store(f"sqlite:///{tmp_path / 's.db'}", tmp_path / "raw")
    try:
        store.write_batch([old, new])
        assert store.validity(old.id)["validity"]["status"] == "repealed"
    finally:
        store.close()


@pytest.mark.parametrize(("paren", "number"), [
    ("（2016年9月2日交通运输部令2016年第51号公布）", "交通运输部令2016年第51号"),  # after a day: not 日交通…
    ("（财政部 税务总局公告2023年第12号）", "财政部税务总局公告2023年第12号"),  # joint bodies: the space is no part of it
    ("（中华人民共和国交通运输部令2016年第51号）", "交通运输部令2016年第51号"),
])
def test_a_year_numbered_announcement_or_order_is_read_as_printed(paren: str, number: str) -> None:
    st = read_statements("某规定", f"本规定自2024年5月1日起施行。原《某某规定》{paren}同时废止。", date(2024, 4, 1))
    assert [ref.doc_number for ref in st.references if ref.kind == "repeals"] == [number]


def test_a_ministry_decree_numbered_within_its_year_gives_its_number() -> None:
    # 中华人民共和国交通运输部令 / 2016年第51号 over the decree: no 文号 was read (only 第N号 under a 令 header was); now the form
    # a repeal prints it in, so the two meet
    text = ("中华人民共和国交通运输部令\n2016年第51号\n《道路运输车辆技术管理规定》已于2016年1月14日经第1次部务会议通过，现予公布，"
            "自2016年3月1日起施行。\n部长　杨传堂\n2016年1月22日\n").encode()
    record = parse(Capture(text, filename="交通运输部令2016年第51号.txt"), load_settings().parsers)
    assert (record.doc_number, record.title, record.written_date) == ("交通运输部令2016年第51号", "道路运输车辆技术管理规定", date(2016, 1, 22))
    st = read_statements("X规定", "本规定自2024年5月1日起施行。原《道路运输车辆技术管理规定》（交通运输部令2016年第51号）同时废止。", date(2024, 4, 1))
    assert [ref.doc_number for ref in st.references] == [record.doc_number]


def test_a_notice_page_printed_in_two_columns_is_read_column_by_column() -> None:
    # tests/fixtures/chrome_pdfs/f9_notice_two_columns.pdf (make_pdfs_session15.py): pdfminer put the right column's lines among
    # the left column's, so the 注销公告's last words and signature went to a 减资公告 heading and an empty 遗失声明 came first
    from pathlib import Path

    from gongkai.parsers import parse_notices

    pdf = Path(__file__).parent / "fixtures" / "chrome_pdfs" / "f9_notice_two_columns.pdf"
    records = parse_notices(Capture(data=pdf.read_bytes(), url="https://epaper.xmnn.cn/xmrb/20261206/A15.pdf", source="xmrb",
                                    filename="A15.pdf", sidecar={"publish_date": "2026-12-06"}))
    expected = [
        {"type": "lost", "holder": "厦门市湖里区好运来便利店", "items": ["营业执照正本"], "credit_codes": ["92350206MA2Y8QWE1T"]},
        {"type": "lost", "holder": "厦门启航教育咨询有限公司", "items": ["公章", "财务专用章"]},
        {"type": "lost", "holder": "王建国", "items": ["身份证"], "numbers": [("号码", "350206198501011234")]},
        {"type": "business_tax", "company": "厦门鸿运来贸易有限公司", "action": "注销", "claim_deadline": "2027-01-20"},
        {"type": "business_tax", "company": "厦门晟达机电设备有限公司", "action": "减资", "capital_from": "1000万元", "capital_to": "300万元"},
    ]
    assert len(records) == len(expected), [r.title for r in records]
    assert [wrong for record, want in zip(records, expected) for wrong in wrong_fields(record, want)] == []


def test_columns_are_read_only_where_a_page_stands_in_columns() -> None:
    from gongkai.parsers.formats.pdf_columns import Box, column_order

    def para(x0: float, top: float, lines: int, x1: float, chars: int = 40) -> Box:
        return Box(x0, top - 14 * lines, x1, top, chars)

    # two columns of paragraphs under a masthead: the left column first, each top to bottom, the masthead before both
    page = [para(50, 800, 1, 550), para(300, 760, 2, 550), para(50, 760, 3, 290), para(300, 720, 4, 550), para(50, 700, 2, 290),
            para(300, 650, 1, 550), para(50, 660, 3, 290)]
    assert column_order(page) == [0, 2, 4, 6, 1, 3, 5]
    # a table: its cells stand side by side in rows, read across as pdfminer reads them
    table = [Box(50, 700 - 20 * r, 150, 712 - 20 * r, 30) if c == 0 else Box(300, 700 - 20 * r, 500, 712 - 20 * r, 30) for r in range(4) for c in (0, 1)]
    assert column_order(table) is None
    # an official document: full-width paragraphs, a signature and a date at the right, the 此件主动公开 note at the left
    letter = [para(50, 800, 3, 550), para(50, 740, 4, 550), para(380, 660, 1, 550, 12), para(400, 640, 1, 550, 10), para(50, 620, 1, 200, 8),
              para(50, 600, 2, 550)]
    assert column_order(letter) is None
