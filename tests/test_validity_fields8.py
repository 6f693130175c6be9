"""Validity statements of ministries and provinces, held out (fields8, session 14): 20 texts written before the rules ran
on them (施行/废止/有效期/暂行/试行, 修改决定, 废止目录), 1 read wrong first: a 废止 catalogue announced by a sentence ending
in 。 (决定废止以下规范性文件，自本通知印发之日起停止执行。) with the table on the next lines (序号 文件名称 文号 / 1 …) gave no
repeal: a list's header had to end in a colon."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.parsers.validity import read_statements

V: list[tuple[str, str, str, date, dict]] = []


def v(name: str, title: str, body: str, pub: date, **exp: object) -> None:
    V.append((name, title, body, pub, exp))


v("ministry_order_shixing", "交通运输部关于修改《道路旅客运输及客运站管理规定》的决定",
  "《交通运输部关于修改〈道路旅客运输及客运站管理规定〉的决定》已于2023年10月20日经第24次部务会议通过，现予公布，自2023年12月1日起施行。\n部长　李小鹏\n2023年11月2日",
  date(2023, 11, 10), eff=date(2023, 12, 1), amends=["道路旅客运输及客运站管理规定"])
v("province_rule_repeal_old", "浙江省生活垃圾管理条例实施办法",
  "第三十条　本办法自2024年3月1日起施行。2012年6月1日浙江省人民政府发布的《浙江省城市市容和环境卫生管理办法》同时废止。",
  date(2024, 1, 20), eff=date(2024, 3, 1), repeals=["浙江省城市市容和环境卫生管理办法"])
v("interim_two_years", "广东省促进新型储能产业高质量发展暂行办法",
  "第二十五条　本办法自2024年5月1日起施行，有效期2年。", date(2024, 4, 10), eff=date(2024, 5, 1), exp=date(2026, 4, 30), period="2年")
v("trial_three_years_from_print", "湖南省科技创新平台管理办法（试行）",
  "第四十条　本办法自印发之日起试行，试行期三年。", date(2024, 6, 3), on_publish=True, exp=date(2027, 6, 2), period="3年")
v("valid_until_date", "关于延续实施小微企业融资担保降费奖补政策的通知",
  "各市财政局：\n为支持小微企业发展，现就有关事项通知如下。\n一、……\n本通知自2024年1月1日起执行，有效期至2025年12月31日。", date(2024, 1, 5),
  eff=date(2024, 1, 1), exp=date(2025, 12, 31))
v("repeal_by_number", "江苏省人民政府关于印发江苏省工业企业技术改造专项资金管理办法的通知",
  "各设区市人民政府，省各委办厅局，省各直属单位：\n现将《江苏省工业企业技术改造专项资金管理办法》印发给你们，请认真贯彻执行。本办法自2024年7月1日起施行，《省政府关于印发江苏省工业企业技术改造专项资金管理暂行办法的通知》（苏政发〔2019〕33号）同时废止。",
  date(2024, 6, 20), eff=date(2024, 7, 1), repeals=["苏政发〔2019〕33号"])
v("repeal_list_decision", "四川省人民政府关于废止部分省政府规章的决定",
  "为维护法制统一，经2024年5月20日省政府第50次常务会议审议通过，决定对下列3件省政府规章予以废止：\n1.《四川省实施〈中华人民共和国水土保持法〉办法》（1995年8月10日四川省人民政府令第58号）\n2.《四川省城市排水管理办法》（2008年4月15日四川省人民政府令第222号）\n3.《四川省农村五保供养工作办法》（2007年3月1日四川省人民政府令第211号）\n本决定自公布之日起施行。",
  date(2024, 6, 1), on_publish=True, repeals=["四川省实施〈中华人民共和国水土保持法〉办法", "四川省城市排水管理办法", "四川省农村五保供养工作办法"])
v("expire_with_end_words", "厦门市支持新能源汽车推广应用若干措施",
  "九、本措施自2024年3月1日起施行，至2026年2月28日止。", date(2024, 2, 20), eff=date(2024, 3, 1), exp=date(2026, 2, 28))
v("valid_five_years_from_date", "福建省海洋渔业安全生产管理办法",
  "第三十二条　本办法自2024年9月1日起施行，有效期五年。", date(2024, 8, 1), eff=date(2024, 9, 1), exp=date(2029, 8, 31), period="5年")
v("amend_decision_content", "国务院关于修改和废止部分行政法规的决定",
  "为了全面贯彻落实党的二十大精神，国务院对涉及的行政法规进行了清理。经过清理，国务院决定：\n一、对14部行政法规的部分条款予以修改。（附件1）\n二、对《国务院关于印发城镇国有土地使用权出让和转让暂行条例的通知》予以废止。\n本决定自公布之日起施行。",
  date(2024, 3, 10), on_publish=True)
v("notice_extend_validity", "关于延长《厦门市加快推进智能制造发展若干措施》有效期的通知",
  "各区人民政府，市直各单位：\n《厦门市加快推进智能制造发展若干措施》（厦府办规〔2021〕5号）有效期延长至2026年12月31日。\n特此通知。", date(2024, 12, 20),
  extends=["厦门市加快推进智能制造发展若干措施"])
v("ministry_rule_replace", "自然资源部关于发布《不动产登记暂行条例实施细则》的公告",
  "本细则自2024年8月1日起施行。原国土资源部2016年1月1日发布的《不动产登记暂行条例实施细则》（国土资源部令第63号）同时废止。", date(2024, 7, 1),
  eff=date(2024, 8, 1), repeals=["不动产登记暂行条例实施细则"])
v("period_from_to", "广州市推动消费品以旧换新实施方案",
  "本方案有效期自2024年6月1日至2025年12月31日。", date(2024, 5, 28), eff=date(2024, 6, 1), exp=date(2025, 12, 31))
v("publish_effective_valid_three", "贵州省人民政府办公厅关于进一步规范住房公积金管理的通知",
  "本通知自发布之日起施行，有效期3年。", date(2024, 4, 15), on_publish=True, exp=date(2027, 4, 14), period="3年")
v("repeal_no_longer_execute", "关于调整城乡居民基本养老保险基础养老金标准的通知",
  "本通知自2024年1月1日起执行。《关于提高城乡居民基本养老保险基础养老金标准的通知》（闽人社文〔2022〕88号）不再执行。", date(2024, 1, 8),
  eff=date(2024, 1, 1), repeals=["闽人社文〔2022〕88号"])
v("traditional_effective", "廈門市公共停車場管理辦法",
  "第三十條　本辦法自2024年10月1日起施行，有效期5年。", date(2024, 9, 1), eff=date(2024, 10, 1), exp=date(2029, 9, 30), period="5年")
v("ganzhou_chinese_date", "赣州市城市绿化管理办法",
  "第四十一条　本办法自二〇二四年八月一日起施行。", date(2024, 7, 5), eff=date(2024, 8, 1))
v("repeal_catalogue_table", "关于公布废止和失效规范性文件目录的通知",
  "各县（市、区）人民政府：\n经清理，决定废止以下规范性文件，自本通知印发之日起停止执行。\n序号 文件名称 文号\n1 关于印发泉州市城市道路挖掘管理办法的通知 泉政文〔2015〕88号\n2 关于加强城市养犬管理的通告 泉政〔2016〕12号",
  date(2024, 11, 1), repeals=["泉政文〔2015〕88号", "泉政〔2016〕12号"])
v("interim_effective_on_date_period_month", "湖北省电动自行车管理暂行办法",
  "本办法自2024年10月1日起施行，有效期6个月。", date(2024, 9, 20), eff=date(2024, 10, 1), exp=date(2025, 3, 31), period="6个月")
v("shixing_and_yuan_abolish", "南京市既有住宅增设电梯实施办法",
  "第二十八条　本办法自2024年4月1日起施行。原《南京市既有住宅增设电梯实施办法》（宁政规字〔2019〕9号）同时废止。", date(2024, 3, 15),
  eff=date(2024, 4, 1), repeals=["宁政规字〔2019〕9号"])

# round 2: 15 more, 1 wrong first (鄂政发〔2011〕15号 printed after 省人民政府此前发布的: the number took the prose before it)
v("shixing_from_month_day_only", "上海市促进人工智能产业发展条例实施办法",
  "第三十五条　本办法自2024年10月1日起施行，有效期至2029年9月30日。", date(2024, 9, 1), eff=date(2024, 10, 1), exp=date(2029, 9, 30))
v("effective_and_repeal_two_docs", "江西省河道采砂管理办法",
  "第四十条　本办法自2024年6月1日起施行。2007年3月1日省人民政府发布的《江西省河道采砂管理办法》和2015年5月10日省人民政府发布的《江西省河道采砂收费管理办法》同时废止。",
  date(2024, 5, 1), eff=date(2024, 6, 1), repeals=["江西省河道采砂管理办法", "江西省河道采砂收费管理办法"])
v("trial_two_years_period_word", "深圳市低空经济产业促进办法（试行）",
  "第三十条　本办法自2024年3月1日起试行，试行期为两年。", date(2024, 2, 1), eff=date(2024, 3, 1), exp=date(2026, 2, 28), period="2年")
v("zixing_shixiao", "关于实施2024年稳就业惠民生政策措施的通知",
  "本通知自印发之日起实施，有效期至2024年12月31日，到期后自行失效。", date(2024, 3, 20), on_publish=True, exp=date(2024, 12, 31))
v("amend_by_decision_list", "国务院关于修改和废止部分行政法规的决定",
  "为贯彻实施新修订的《中华人民共和国公司法》，国务院对涉及的行政法规进行了清理。国务院决定：\n一、对《中华人民共和国市场主体登记管理条例》作出修改。\n二、废止《中华人民共和国公司登记管理条例》。\n本决定自2024年7月1日起施行。",
  date(2024, 6, 10), eff=date(2024, 7, 1), amends=["中华人民共和国市场主体登记管理条例"], repeals=["中华人民共和国公司登记管理条例"])
v("extend_via_notice_body", "关于继续实施农村饮水安全工程税收优惠政策的公告",
  "为支持农村饮水安全工程巩固提升，《财政部 税务总局关于继续实施农村饮水安全工程税收优惠政策的公告》（财政部 税务总局公告2019年第67号）规定的税收优惠政策，执行期限延长至2027年12月31日。",
  date(2024, 1, 10))
v("dash_period_card", "关于印发厦门市促进服务业高质量发展若干措施的通知",
  "有效期：2024-03-01至2026-12-31\n各区人民政府，市直各委、办、局：\n现将《厦门市促进服务业高质量发展若干措施》印发给你们，请认真贯彻执行。", date(2024, 2, 25),
  eff=date(2024, 3, 1), exp=date(2026, 12, 31))
v("traditional_repeal", "廈門市人民政府關於廢止部分規範性文件的決定",
  "經清理，市人民政府決定廢止以下規範性文件：\n1.《廈門市城市綠化管理辦法》（廈府〔2010〕11號）\n2.《廈門市戶外廣告設置管理辦法》（廈府〔2012〕35號）\n本決定自公布之日起施行。",
  date(2024, 4, 1), on_publish=True, repeals=["厦府〔2010〕11号", "厦府〔2012〕35号"])
v("effective_expiry_sentence_order", "福州市中心城区停车收费管理办法",
  "第二十六条　本办法有效期5年，自2024年8月1日起施行。", date(2024, 7, 10), eff=date(2024, 8, 1), exp=date(2029, 7, 31), period="5年")
v("repeal_by_decree_number", "海南省人民政府关于废止《海南省城镇从业人员基本医疗保险条例实施细则》的决定",
  "经2024年3月10日七届省政府第30次常务会议审议通过，决定废止《海南省城镇从业人员基本医疗保险条例实施细则》（2006年9月7日海南省人民政府令第201号）。本决定自公布之日起施行。",
  date(2024, 3, 20), on_publish=True, repeals=["海南省城镇从业人员基本医疗保险条例实施细则"])
v("no_statement_news", "我市召开2024年安全生产工作会议",
  "3月5日，市政府召开2024年安全生产工作会议。会议强调，要认真贯彻落实《中华人民共和国安全生产法》，压实安全责任。", date(2024, 3, 6))
v("interim_until_new", "关于明确建设项目环评审批权限的通知",
  "本通知自2024年5月1日起施行，有效期至2026年4月30日。原《关于调整建设项目环境影响评价文件审批权限的通知》（厦环〔2019〕12号）同时废止。", date(2024, 4, 20),
  eff=date(2024, 5, 1), exp=date(2026, 4, 30), repeals=["厦环〔2019〕12号"])
v("chinese_numeral_period_years", "浙江省海塘安澜工程建设管理办法",
  "本办法自二〇二四年九月一日起施行，有效期十年。", date(2024, 8, 15), eff=date(2024, 9, 1), exp=date(2034, 8, 31), period="10年")
v("effective_from_jan_valid_until_text_month", "关于进一步减轻企业负担的若干措施",
  "本措施自2024年1月1日起执行，执行期限至2025年12月31日止。", date(2023, 12, 28), eff=date(2024, 1, 1), exp=date(2025, 12, 31))
v("two_repeals_number_only", "湖北省城乡规划条例实施办法",
  "本办法自2024年11月1日起施行。省人民政府此前发布的鄂政发〔2011〕15号、鄂政办发〔2016〕32号文件同时废止。", date(2024, 10, 8),
  eff=date(2024, 11, 1), repeals=["鄂政发〔2011〕15号", "鄂政办发〔2016〕32号"])
# round 3: 10 more, 1 wrong first (本通知执行期限为2024年1月1日至2024年12月31日。 alone gave neither day)
v("effective_and_repeal_day", "厦门市城市供水节水条例实施细则", "本细则自2024年1月1日起施行，2028年12月31日废止。", date(2023, 12, 1),
  eff=date(2024, 1, 1), exp=date(2028, 12, 31))
v("thirty_days_after", "福建省安全生产条例实施办法", "本办法自公布之日起30日后施行。", date(2024, 5, 10), eff=date(2024, 6, 9))
v("only_valid_until", "关于2024年春节期间烟花爆竹燃放管理的通告", "一、……\n本通告有效期至2024年2月29日。", date(2024, 1, 20), exp=date(2024, 2, 29))
v("yuan_repealed_from_effective", "厦门市公共租赁住房管理办法",
  "第四十条　本办法自2024年9月1日起施行。原《厦门市公共租赁住房管理暂行办法》（厦府〔2018〕2号）自本办法施行之日起废止。", date(2024, 8, 1),
  eff=date(2024, 9, 1), repeals=["厦府〔2018〕2号"])
v("explain_then_effective", "厦门市工业企业技术改造资金管理实施细则",
  "第二十条　本细则由市工业和信息化局负责解释，自2024年5月1日起施行，有效期至2029年4月30日。", date(2024, 4, 10), eff=date(2024, 5, 1), exp=date(2029, 4, 30))
v("two_titles_repealed", "厦门市餐厨垃圾管理办法",
  "本办法自2024年7月1日起施行。《厦门市餐厨垃圾收运处置管理办法》（厦府〔2015〕66号）、《厦门市餐厨垃圾处理收费规定》（厦府办〔2016〕12号）同时废止。", date(2024, 6, 1),
  eff=date(2024, 7, 1), repeals=["厦府〔2015〕66号", "厦府办〔2016〕12号"])
v("transition_not_repeal", "厦门市物业服务收费管理办法",
  "本办法自2024年3月1日起施行。本办法施行前已签订的物业服务合同，按原合同约定执行。", date(2024, 2, 1), eff=date(2024, 3, 1), repeals=[])
v("effective_days_after_print", "关于进一步加强城市道路占道施工管理的意见", "本意见自印发之日起30日后施行，有效期5年。", date(2024, 3, 1),
  eff=date(2024, 3, 31), exp=date(2029, 3, 30), period="5年")
v("period_years_chinese_from_print", "厦门市加快发展海洋经济若干措施", "本措施自印发之日起施行，有效期两年。", date(2024, 6, 15),
  on_publish=True, exp=date(2026, 6, 14), period="2年")
v("expire_at_end_of_year", "关于阶段性降低失业保险费率的通知", "本通知执行期限为2024年1月1日至2024年12月31日。", date(2024, 1, 5),
  eff=date(2024, 1, 1), exp=date(2024, 12, 31))

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


def test_a_list_announced_by_a_sentence_needs_its_following_words_and_a_table_under_it() -> None:
    row = "\n序号 文件名称 文号\n1 关于印发厦门市城市道路挖掘管理办法的通知 厦府〔2015〕88号"
    # no 以下/下列 before or in the sentence: the table is no list of what it repeals
    assert read_statements("关于X的通知", "原有关规定同时废止。" + row, date(2024, 11, 1)).of_kind("repeals") == []
    # a sentence, then running text (no header row, no serial 1): no list
    said = read_statements("关于X的通知", "决定废止下列文件，自印发之日起停止执行。\n各单位要做好衔接工作。\n厦府〔2015〕88号", date(2024, 11, 1))
    assert said.of_kind("repeals") == []
    listed = read_statements("关于X的通知", "决定废止下列文件，自印发之日起停止执行。" + row, date(2024, 11, 1)).of_kind("repeals")
    assert [(ref.title, ref.doc_number) for ref in listed] == [("关于印发厦门市城市道路挖掘管理办法的通知", "厦府〔2015〕88号")]


def test_a_transition_clause_repeals_nothing() -> None:
    st = read_statements("厦门市物业服务收费管理办法", "本办法自2024年3月1日起施行。本办法施行前已签订的物业服务合同，按原合同约定执行。", date(2024, 2, 1))
    assert st.effective_date == date(2024, 3, 1) and st.references == []
