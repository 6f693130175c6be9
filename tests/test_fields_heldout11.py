"""Held-out documents of session 17 (fields11), written before the parsers ran on them (the round's material committed
first): disclosure pages of CMSs of provinces not used before (天津, 陕西, 黑龙江, 河北, 内蒙古, 宁夏 in GB18030 without a
charset, 广东's 繁體 portal, 重庆, a 大汉 county page, 上海, 吉林, 广西, 西藏, 江西, 海南, 甘肃: their fixtures and expectations are
tests/fixtures/heldout17/fields11/pages), validity statements in forms not tried before, 厦门日报 notice columns of every
type with Traditional characters and Chinese numerals, bare texts (GB18030, Traditional, dates in Chinese numerals), DOCX and
PDFs printed by Chromium (tests/fixtures/heldout17/fields11/pdfs/make_pdfs.py).

Every expectation is what a person reads on the page."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest

from gongkai.parsers import Capture, parse
from gongkai.parsers.validity import read_statements
from gongkai.settings import load_settings
from tests.test_notice_fields_heldout import parsed, wrong_fields

HERE = Path(__file__).parent / "fixtures" / "heldout17" / "fields11"
PAGES = [json.loads(line) for line in (HERE / "pages" / "index.jsonl").read_text(encoding="utf-8").splitlines()]


def _settings():
    return load_settings().parsers


@pytest.mark.parametrize("case", PAGES, ids=[case["file"] for case in PAGES])
def test_a_held_out_page_gives_its_printed_fields(case: dict) -> None:
    record = parse(Capture((HERE / "pages" / case["file"]).read_bytes(), url=case["url"]), _settings())
    got = {name: str(getattr(record, name) or "") for name in case["expect"]}
    assert got == case["expect"]


# --- validity statements ---------------------------------------------------------------------------------------------------

V: list[tuple[str, str, str, date, dict]] = []


def v(name: str, title: str, body: str, pub: date, **exp: object) -> None:
    V.append((name, title, body, pub, exp))


# round 1
v(
    "chinese_numeral_effective_day",
    "辽宁省城市供水管理办法",
    "第四十条　本办法自二〇二五年一月一日起施行。",
    date(2024, 11, 20),
    eff=date(2025, 1, 1),
)
v(
    "auto_lapse_day",
    "沈阳市促进楼宇经济发展若干政策",
    "本政策自2025年1月1日起施行，至2027年12月31日自动失效。",
    date(2024, 12, 10),
    eff=date(2025, 1, 1),
    exp=date(2027, 12, 31),
)
v(
    "period_range_zi_zhi",
    "天津市支持民营经济发展若干措施",
    "本措施有效期自2025年1月1日至2027年12月31日。",
    date(2024, 12, 20),
    eff=date(2025, 1, 1),
    exp=date(2027, 12, 31),
)
v(
    "zhixingqi_zhi",
    "关于做好2025年城乡居民医疗保险参保缴费工作的通知",
    "本通知自2025年2月1日起执行，执行期至2025年12月31日。",
    date(2025, 1, 20),
    eff=date(2025, 2, 1),
    exp=date(2025, 12, 31),
)
v(
    "repeal_from_this_ones_day",
    "陕西省实验动物管理办法",
    "第三十六条　本办法自2025年3月1日起施行。《陕西省实验动物管理暂行办法》（陕政发〔2015〕12号）自本办法施行之日起废止。",
    date(2025, 1, 10),
    eff=date(2025, 3, 1),
    repeals=["陕政发〔2015〕12号"],
)
v(
    "yuan_title_tongshi_shixiao",
    "哈尔滨市城市供热管理办法",
    "第六十条　本办法自2025年10月1日起施行，原《哈尔滨市城市供热管理暂行办法》同时失效。",
    date(2025, 8, 1),
    eff=date(2025, 10, 1),
    repeals=["哈尔滨市城市供热管理暂行办法"],
)
v(
    "traditional_until",
    "廣州市物業管理辦法",
    "第五十條　本辦法自2025年1月1日起施行，有效期至2029年12月31日。",
    date(2024, 12, 1),
    eff=date(2025, 1, 1),
    exp=date(2029, 12, 31),
)
v(
    "thirty_days_then_three_years",
    "河北省关于促进民营经济发展壮大的实施意见",
    "本意见自印发之日起30日后施行，有效期3年。",
    date(2025, 3, 1),
    eff=date(2025, 3, 31),
    exp=date(2028, 3, 30),
    period="3年",
)
v(
    "shishi_qixian_zhi",
    "内蒙古自治区加快推进新型储能发展实施方案",
    "本方案自发布之日起实施，实施期限至2026年12月31日。",
    date(2024, 6, 5),
    on_publish=True,
    exp=date(2026, 12, 31),
)
v(
    "two_years_and_review",
    "西安市支持科技成果转化若干措施",
    "本措施自2025年1月1日起施行，有效期两年，到期前由市科技局组织评估。",
    date(2024, 12, 25),
    eff=date(2025, 1, 1),
    exp=date(2026, 12, 31),
    period="2年",
)
v(
    "congqi_guiding_not_repeal",
    "呼和浩特市城市道路管理办法",
    "第五十条　本办法自2025年7月1日起施行。国家和自治区对城市道路管理另有规定的，从其规定。",
    date(2025, 5, 20),
    eff=date(2025, 7, 1),
    repeals=[],
)
v(
    "until_and_repeal_number",
    "关于调整全市最低工资标准的通知",
    "本通知自2025年1月1日起施行，有效期至2025年12月31日。《关于调整全市最低工资标准的通知》（石人社发〔2023〕5号）同时废止。",
    date(2024, 12, 15),
    eff=date(2025, 1, 1),
    exp=date(2025, 12, 31),
    repeals=["石人社发〔2023〕5号"],
)
v(
    "decision_repeals_two_decrees",
    "吉林省人民政府关于废止部分省政府规章的决定",
    "经省政府第18次常务会议审议，决定废止下列规章：\n一、《吉林省城市市容和环境卫生管理办法》（省政府令第121号）\n"
    "二、《吉林省森林防火管理办法》（省政府令第156号）\n本决定自公布之日起施行。",
    date(2025, 4, 10),
    on_publish=True,
    repeals=["吉林省城市市容和环境卫生管理办法", "吉林省森林防火管理办法"],
)
v(
    "regulation_tiaoli",
    "宁夏回族自治区湿地保护条例",
    "第四十五条　本条例自2025年3月1日起施行。",
    date(2024, 12, 28),
    eff=date(2025, 3, 1),
)
v(
    "fullwidth_digits_day",
    "银川市养犬管理规定",
    "第三十条　本规定自２０２５年３月１日起施行。",
    date(2025, 1, 5),
    eff=date(2025, 3, 1),
)
v(
    "until_zhi_after_yinfa",
    "海口市促进会展业发展扶持办法",
    "本办法自印发之日起施行，有效期至2027年6月30日止。",
    date(2025, 1, 15),
    on_publish=True,
    exp=date(2027, 6, 30),
)
v(
    "jiezhi_until",
    "关于延续实施重点群体创业就业税收政策的通知",
    "本通知自2025年1月1日起施行，有效期截至2027年12月31日。",
    date(2024, 12, 20),
    eff=date(2025, 1, 1),
    exp=date(2027, 12, 31),
)
v(
    "youxiao_qixian_wei_5",
    "南宁市城市地下综合管廊管理办法",
    "第四十条　本办法自2025年10月1日起施行，有效期限为5年。",
    date(2025, 8, 30),
    eff=date(2025, 10, 1),
    exp=date(2030, 9, 30),
    period="5年",
)
v(
    "zhi_zhi_range_after_zi",
    "关于实施2025年度稳岗返还政策的通知",
    "本政策自2025年1月1日起施行，至2025年12月31日止。",
    date(2024, 12, 31),
    eff=date(2025, 1, 1),
    exp=date(2025, 12, 31),
)
v(
    "chinese_numeral_expiry",
    "拉萨市支持高原特色农业发展若干措施",
    "本措施自印发之日起施行，有效期至二〇二七年十二月三十一日。",
    date(2025, 2, 10),
    on_publish=True,
    exp=date(2027, 12, 31),
)
v(
    "explain_then_effective",
    "太原市停车场管理办法",
    "第五十条　本办法由市交通运输局负责解释，自2025年1月1日起施行。",
    date(2024, 12, 1),
    eff=date(2025, 1, 1),
)
v(
    "amend_decision",
    "陕西省人民政府关于修改《陕西省道路交通安全条例实施办法》的决定",
    "省人民政府决定对《陕西省道路交通安全条例实施办法》作如下修改：\n一、第十条修改为……\n本决定自2025年5月1日起施行。",
    date(2025, 4, 1),
    eff=date(2025, 5, 1),
    amends=["陕西省道路交通安全条例实施办法"],
)
v(
    "on_publish_repeal_title",
    "兰州市城市供水管理办法",
    "第四十条　本办法自公布之日起施行，《兰州市城市供水管理规定》同时废止。",
    date(2025, 6, 1),
    on_publish=True,
    repeals=["兰州市城市供水管理规定"],
)
v(
    "continuing_old_rule_not_repeal",
    "西宁市城市绿化管理办法",
    "第四十二条　本办法自2025年7月1日起施行，有效期5年。本办法施行前已批准的项目，继续按原规定执行。",
    date(2025, 6, 1),
    eff=date(2025, 7, 1),
    exp=date(2030, 6, 30),
    period="5年",
    repeals=[],
)


V_R1 = list(V)


@pytest.mark.parametrize(("name", "title", "body", "published", "expected"), V_R1, ids=[case[0] for case in V_R1])
def test_a_statement_is_read_as_printed(name: str, title: str, body: str, published: date, expected: dict) -> None:
    st = read_statements(title, body, published)
    got = {"eff": st.effective_date, "exp": st.expiry_date, "period": st.period, "on_publish": st.effective_on_publish}
    for key, want in expected.items():
        if key in ("repeals", "amends", "extends"):
            named = [(ref.title, ref.doc_number) for ref in st.references if ref.kind == key]
            assert all(any(w in pair for pair in named) for w in want), (key, named)  # type: ignore[attr-defined]
            assert want or not named, (key, named)
        else:
            assert got[key] == want, (key, got[key])


# --- notices ---------------------------------------------------------------------------------------------------------------

COL1 = """遗失声明
厦门市集美区禾丰农资店（统一社会信用代码：92350211MA8TQX3J2E）遗失食品经营许可证正本，许可证编号：JY13502110123456，声明作废。
苏雅琴遗失厦门市居住证，证号：350206198803153327，声明作废。
厦门启航教育咨询有限公司遗失发票专用章一枚（编码：3502060123456），声明作废。
郑文彬遗失坐落于厦门市湖里区金湖路128号1502室的不动产权证书，证号：闽（2021）厦门市不动产权第0098765号，声明作废。
注销公告
厦门海韵餐饮管理有限公司（统一社会信用代码：91350203MA8UL2XK7K）经股东决定，拟向登记机关申请注销登记，请债权人自本公告见报之日起四十五日内向本公司清算组申报债权。
厦门海韵餐饮管理有限公司清算组
2026年12月5日
减资公告
厦门嘉禾智能科技有限公司经股东会决议，公司注册资本由人民币3000万元减至人民币1500万元，债权人自本公告发布之日起45日内，有权要求本公司清偿债务或提供相应担保。
联系人：周先生　电话：0592-5551234
厦门嘉禾智能科技有限公司
2026年12月6日
"""
EXP1 = [
    {
        "type": "lost",
        "holder": "厦门市集美区禾丰农资店",
        "items": ["食品经营许可证正本"],
        "credit_codes": ["92350211MA8TQX3J2E"],
        "numbers": [("编号", "JY13502110123456")],  # the listed kind (README Known gaps: a longer label keeps it)
        "declared_void": True,
    },
    {"type": "lost", "holder": "苏雅琴", "items": ["厦门市居住证"], "numbers": [("证号", "350206198803153327")]},
    {
        "type": "lost",
        "holder": "厦门启航教育咨询有限公司",
        "items": ["发票专用章"],
        "numbers": [("编码", "3502060123456")],
    },
    {"type": "lost", "holder": "郑文彬", "numbers": [("证号", "闽(2021)厦门市不动产权第0098765号")]},
    {
        "type": "business_tax",
        "company": "厦门海韵餐饮管理有限公司",
        "credit_code": "91350203MA8UL2XK7K",
        "action": "注销",
        "claim_period_days": 45,
        "claim_deadline": "2027-01-20",
    },
    {
        "type": "business_tax",
        "company": "厦门嘉禾智能科技有限公司",
        "action": "减资",
        "capital_from": "3000万元",
        "capital_to": "1500万元",
        "claim_period_days": 45,
        "claim_deadline": "2027-01-20",
    },
]
COL2 = """拍卖公告
受厦门市集美区人民法院委托，我公司定于2026年12月29日上午10时在厦门市思明区鹭江道2号第一广场20层拍卖厅，对位于集美区杏林湾路488号2号楼601室的房产（建筑面积128.35平方米）进行公开拍卖。参考价：320万元，竞买保证金：30万元。有意竞买者请于2026年12月27日16时前办理竞买登记手续。
厦门国际拍卖有限公司
2026年12月6日
国有建设用地使用权挂牌出让公告
厦自然资告〔2026〕52号
经厦门市人民政府批准，厦门市自然资源和规划局决定以挂牌方式出让2026TP05地块国有建设用地使用权。该地块位于同安区西柯街道洪塘路与美峰路交叉口东南侧，用地面积18650.3平方米，土地用途为商住用地。挂牌起始时间：2027年1月8日9时；挂牌截止时间：2027年1月19日16时。竞买申请截止时间：2027年1月17日17时。
厦门市自然资源和规划局
2026年12月6日
房屋征收决定公告
根据《国有土地上房屋征收与补偿条例》，为实施集美区后溪镇城内片区旧村改造项目，集美区人民政府决定对该项目范围内的国有土地上房屋实施征收。征收范围：后溪镇城内村东至城内路、西至后溪溪、南至前场路、北至规划路围合区域。签约期限为2027年1月1日至2027年3月31日。
厦门市集美区人民政府
2026年12月5日
厦门市集美区市政园林局2027年市政道路维修工程施工招标公告
一、招标条件：本招标项目已由集美区发展和改革局批准建设，招标人为厦门市集美区市政园林局。
二、投标文件递交的截止时间为2027年1月5日9时30分。
厦门市集美区市政园林局
2026年12月6日
迁坟公告
因翔安区新店街道浦边片区道路建设需要，凡在项目用地范围内的坟墓，请坟主于2027年2月28日前自行迁移，逾期未迁移的按无主坟处理。联系电话：0592-7891234。
厦门市翔安区新店街道办事处
2026年12月6日
"""
EXP2 = [
    {
        "type": "land_housing",
        "location": "集美区杏林湾路488号2号楼601室",
        "action": "拍卖",
        "deadlines": ["2026-12-27"],
    },
    {
        "type": "land_housing",
        "project": "2026TP05地块",
        "location": "同安区西柯街道洪塘路与美峰路交叉口东南侧",
        "action": "出让",
        "sale_method": "挂牌",
        "deadlines": ["2027-01-19", "2027-01-17"],
    },
    {
        "type": "land_housing",
        "project": "集美区后溪镇城内片区旧村改造项目",
        "action": "征收",
        "location": "后溪镇城内村东至城内路、西至后溪溪、南至前场路、北至规划路围合区域",
        "deadlines": ["2027-03-31"],
    },
    {"type": "other"},
    {
        "type": "grave_relocation",
        "project": "翔安区新店街道浦边片区道路建设",
        "deadline": "2027-02-28",
        "contact": "0592-7891234",
        "issuer": "厦门市翔安区新店街道办事处",
    },
]
COL3 = """遺失聲明
廈門市思明區福來茶莊遺失營業執照副本，統一社會信用代碼：92350203MA2Y5G8K1A，聲明作廢。
减资公告
厦门宏图建设工程有限公司经股东会决议，注册资本由人民币伍仟万元减少至人民币壹仟万元，请债权人自本公告见报之日起四十五日内向本公司申报债权。
厦门宏图建设工程有限公司
二〇二六年十二月六日
清算公告
厦门鹏程物流有限公司（统一社会信用代码：91350206MA8W3RTQ52）股东会决议解散公司，并成立清算组，请债权人于2027年1月20日前向清算组申报债权。
厦门鹏程物流有限公司清算组
2026年12月6日
"""
EXP3 = [
    {
        "type": "lost",
        "holder": "廈門市思明區福來茶莊",
        "items": ["營業執照副本"],
        "credit_codes": ["92350203MA2Y5G8K1A"],
        "declared_void": True,
    },
    {
        "type": "business_tax",
        "company": "厦门宏图建设工程有限公司",
        "action": "减资",
        "capital_from": "伍仟万元",
        "capital_to": "壹仟万元",
        "claim_period_days": 45,
    },
    {
        "type": "business_tax",
        "company": "厦门鹏程物流有限公司",
        "credit_code": "91350206MA8W3RTQ52",
        "action": "清算",
        "claim_deadline": "2027-01-20",
    },
]
NOTICE_COLUMNS = [
    ("r1 lost cancel reduce", COL1, EXP1),
    ("r1 auction land expropriation tender graves", COL2, EXP2),
    ("r1 traditional chinese numerals", COL3, EXP3),
]


@pytest.mark.parametrize(("name", "column", "expected"), NOTICE_COLUMNS, ids=[c[0] for c in NOTICE_COLUMNS])
def test_each_notice_is_split_typed_and_read(name: str, column: str, expected: list[dict]) -> None:
    records = parsed(column)
    assert len(records) == len(expected), [r.title for r in records]
    assert [wrong for record, want in zip(records, expected) for wrong in wrong_fields(record, want)] == []


# --- bare texts ------------------------------------------------------------------------------------------------------------

BARE = [
    (
        "fujian_decree_gb18030",
        "gb18030",
        "福建省人民政府令\n第245号\n《福建省历史文化名城名镇名村保护办法》已经2025年1月10日省人民政府第52次常务会议通过，现予公布，自2025年3月1日起施行。\n"
        "省长　赵　龙\n2025年1月20日\n",
        {
            "doc_number": "福建省人民政府令第245号",
            "title": "福建省历史文化名城名镇名村保护办法",
            "written_date": date(2025, 1, 20),
        },
    ),
    (
        "quanzhou_chinese_numeral_date",
        "utf-8",
        "泉州市人民政府\n泉政〔2024〕15号\n泉州市人民政府关于公布第二批市级历史建筑名录的通知\n各县（市、区）人民政府，泉州开发区、泉州台商投资区管委会，市直有关单位：\n"
        "现将第二批市级历史建筑名录予以公布，请认真做好保护工作。\n泉州市人民政府\n二〇二四年十二月三十日\n",
        {
            "doc_number": "泉政〔2024〕15号",
            "title": "泉州市人民政府关于公布第二批市级历史建筑名录的通知",
            "issuer": "泉州市人民政府",
            "written_date": date(2024, 12, 30),
        },
    ),
    (
        "title_over_two_lines",
        "utf-8",
        "漳州市人民政府办公室文件\n漳政办〔2025〕3号\n漳州市人民政府办公室关于印发《漳州市城市更新\n专项资金管理办法》的通知\n各县（区）人民政府，市直有关单位：\n"
        "现将《漳州市城市更新专项资金管理办法》印发给你们，请认真贯彻执行。\n漳州市人民政府办公室\n2025年1月8日\n",
        {
            "doc_number": "漳政办〔2025〕3号",
            "title": "漳州市人民政府办公室关于印发《漳州市城市更新专项资金管理办法》的通知",
            "issuer": "漳州市人民政府办公室",
            "written_date": date(2025, 1, 8),
        },
    ),
    (
        "samr_announcement_year_number",
        "utf-8",
        "国家市场监督管理总局公告\n2024年第12号\n为规范网络交易经营活动，市场监管总局制定了《网络交易平台规则监督管理办法》，现予公布。\n"
        "市场监管总局\n2024年4月2日\n",
        {"doc_number": "国家市场监督管理总局公告2024年第12号", "written_date": date(2024, 4, 2)},
    ),
    (
        "xiamen_traditional",
        "utf-8",
        "廈門市人民政府辦公廳文件\n廈府辦〔2024〕88號\n廈門市人民政府辦公廳關於進一步加強城市管理工作的通知\n各區人民政府，市直各委、辦、局：\n"
        "為進一步加強城市管理工作，經市政府同意，現將有關事項通知如下。\n廈門市人民政府辦公廳\n二〇二四年十月九日\n",
        {
            "doc_number": "厦府办〔2024〕88号",
            "title": "廈門市人民政府辦公廳關於進一步加強城市管理工作的通知",
            "issuer": "廈門市人民政府辦公廳",
            "written_date": date(2024, 10, 9),
        },
    ),
]


@pytest.mark.parametrize(("name", "encoding", "text", "expected"), BARE, ids=[b[0] for b in BARE])
def test_a_bare_text_gives_its_header_fields(name: str, encoding: str, text: str, expected: dict) -> None:
    record = parse(Capture(text.encode(encoding), filename=f"{name}.txt"), _settings())
    assert {key: getattr(record, key) for key in expected} == expected


# --- DOCX ------------------------------------------------------------------------------------------------------------------


def _docx(lines: list[str], card: list[list[str]] | None = None) -> bytes:
    from docx import Document

    document = Document()
    if card:
        table = document.add_table(rows=len(card), cols=len(card[0]))
        for r, row in enumerate(card):
            for c, text in enumerate(row):
                table.cell(r, c).text = text
    for text in lines:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


DOCX = [
    (
        "putian_chinese_date_31",
        None,
        [
            "莆田市人民政府",
            "莆政文〔2024〕33号",
            "莆田市人民政府关于同意设立莆田市城厢区华亭镇的批复",
            "城厢区人民政府：",
            "　　你区《关于撤乡设镇的请示》（城政〔2024〕21号）收悉。经研究，现批复如下：",
            "莆田市人民政府",
            "二〇二四年十二月三十一日",
        ],
        {
            "doc_number": "莆政文〔2024〕33号",
            "title": "莆田市人民政府关于同意设立莆田市城厢区华亭镇的批复",
            "issuer": "莆田市人民政府",
            "written_date": date(2024, 12, 31),
        },
    ),
    (
        "nanping_catalogue_card",
        [
            ["索引号", "NP00101-0200-2025-00012", "发布机构", "南平市人民政府办公室"],
            ["文号", "南政办〔2025〕6号", "成文日期", "2025-02-14"],
        ],
        [
            "南平市人民政府办公室关于印发南平市武夷山国家公园周边生态保护办法的通知",
            "各县（市、区）人民政府，市直有关单位：",
            "　　现将《南平市武夷山国家公园周边生态保护办法》印发给你们，请认真贯彻执行。",
            "南平市人民政府办公室",
            "2025年2月14日",
        ],
        {
            "doc_number": "南政办〔2025〕6号",
            "index_number": "NP00101-0200-2025-00012",
            "title": "南平市人民政府办公室关于印发南平市武夷山国家公园周边生态保护办法的通知",
            "issuer": "南平市人民政府办公室",
            "written_date": date(2025, 2, 14),
        },
    ),
]


@pytest.mark.parametrize(("name", "card", "lines", "expected"), DOCX, ids=[d[0] for d in DOCX])
def test_a_docx_gives_its_fields(name: str, card: list | None, lines: list[str], expected: dict) -> None:
    record = parse(Capture(_docx(lines, card), filename=f"{name}.docx"), _settings())
    assert {key: getattr(record, key) for key in expected} == expected


# --- PDFs printed by Chromium ------------------------------------------------------------------------------------------------

PDFS = [
    (
        "r1_liaoning_signer_chinese_date",
        {
            "doc_number": "辽政办发〔2024〕14号",
            "title": "辽宁省人民政府办公厅关于进一步加强城市地下管线建设管理的通知",
            "issuer": "辽宁省人民政府办公厅",
            "written_date": date(2024, 5, 8),
        },
    ),
    (
        "r1_qinghai_joint_header",
        {
            "doc_number": "青财农字〔2024〕312号",
            "title": "青海省财政厅青海省农业农村厅关于印发《青海省农业保险保费补贴管理办法》的通知",
            "issuer": "青海省财政厅、青海省农业农村厅",
            "written_date": date(2024, 4, 15),
        },
    ),
]


@pytest.mark.parametrize(("name", "expected"), PDFS, ids=[p[0] for p in PDFS])
def test_a_printed_pdf_gives_its_fields(name: str, expected: dict) -> None:
    record = parse(Capture((HERE / "pdfs" / f"{name}.pdf").read_bytes(), filename=f"{name}.pdf"), _settings())
    assert {key: getattr(record, key) for key in expected} == expected


# --- the rules round 1 fixed, each on its own ------------------------------------------------------------------------------


def test_a_lone_wen_jian_after_the_number_is_the_joint_headers_not_the_titles() -> None:
    from gongkai.parsers.textmeta import heading_title

    # a PDF gave the joint header's 文件, printed beside the two bodies, after the 文号 under them: the title began 文件…
    lines = [
        "青海省财政厅",
        "青海省农业农村厅",
        "青财农字〔2024〕312号",
        "文件",
        "青海省财政厅 青海省农业农村厅关于印发《青海省",
        "农业保险保费补贴管理办法》的通知",
        "各市州财政局、农业农村局：",
    ]
    assert heading_title(lines) == "青海省财政厅青海省农业农村厅关于印发《青海省农业保险保费补贴管理办法》的通知"
    assert heading_title(["文件", "关于做好防汛工作的通知", "各单位："]) == "关于做好防汛工作的通知"


def test_a_card_above_the_title_is_skipped_to_the_title() -> None:
    from gongkai.parsers.textmeta import text_metadata

    text = "索引号：NP00101-0200-2025-00012\n文号：南政办〔2025〕6号\n成文日期：2025-02-14\n关于做好春耕备耕工作的通知\n各县（市、区）人民政府：\n现将有关事项通知如下。\n"
    assert text_metadata(text)["title"] == "关于做好春耕备耕工作的通知"
    # a line of another label (a tender's 联系人：…) still ends the search: no title is made of what follows it
    assert text_metadata("联系人：李明\n厦门市某某局\n2025年3月1日\n").get("title") != "厦门市某某局"


def test_a_traditional_text_is_read_in_simplified_and_kept_as_printed() -> None:
    from gongkai.parsers.textmeta import text_metadata

    # 辦公廳 ends as no body's name does, 文件 under it was no red header: the header was the title, the issuer the 文号's owner
    text = (
        "廈門市人民政府辦公廳文件\n廈府辦〔2024〕12號\n廈門市人民政府辦公廳 廈門市財政局關於印發《廈門市學生資助資金管理辦法》的通知\n"
        "各區人民政府，市直各委、辦、局：\n現將《廈門市學生資助資金管理辦法》印發給你們，請遵照執行。\n廈門市人民政府辦公廳　　廈門市財政局\n二〇二四年三月五日\n"
    )
    fields = text_metadata(text)
    assert fields["title"] == "廈門市人民政府辦公廳廈門市財政局關於印發《廈門市學生資助資金管理辦法》的通知"
    assert (fields["issuer"], fields["written_date"]) == ("廈門市人民政府辦公廳、廈門市財政局", date(2024, 3, 5))
    # Simplified text is read as it was
    assert (
        text_metadata("厦门市财政局文件\n厦财教〔2024〕12号\n关于某事的通知\n各单位：\n")["title"] == "关于某事的通知"
    )


def test_the_next_labels_jiezhi_does_not_make_a_start_a_deadline() -> None:
    (record,) = parsed(
        "国有建设用地使用权挂牌出让公告\n厦门市自然资源和规划局决定以挂牌方式出让2026TP09地块。挂牌起始时间：2027年2月1日9时；挂牌截止时间："
        "2027年2月12日16时。\n厦门市自然资源和规划局\n2026年12月6日\n"
    )
    assert record.notice.deadlines == [date(2027, 2, 12)]
    # a day before its own 止 or 前 is still one
    (other,) = parsed(
        "国有土地上房屋征收补偿方案公告\n为实施某某片区改造项目，现予公布。意见请于2027年1月5日前书面提出，登记至2027年1月10日止。\n"
        "厦门市某区人民政府\n2026年12月6日\n"
    )
    assert other.notice.deadlines == [date(2027, 1, 5), date(2027, 1, 10)]


# --- round 2: written after round 1's fixes, before the parsers ran on them ---------------------------------------------------

v(
    "r2_list_of_repeals_numbered",
    "湖北省人民政府关于印发湖北省农业产业化龙头企业认定和监测管理办法的通知",
    "本办法自2025年2月1日起施行。下列文件同时废止：1.《湖北省农业产业化龙头企业认定办法》（鄂政办发〔2019〕3号）；"
    "2.《湖北省农业产业化龙头企业监测办法》（鄂政办发〔2020〕8号）。",
    date(2025, 1, 10),
    eff=date(2025, 2, 1),
    repeals=["鄂政办发〔2019〕3号", "鄂政办发〔2020〕8号"],
)
v(
    "r2_repeal_on_a_day",
    "关于调整城乡低保标准的通知",
    "本通知自2025年1月1日起执行。《关于调整城乡低保标准的通知》（漳民〔2023〕12号）自2025年1月1日起废止。",
    date(2024, 12, 20),
    eff=date(2025, 1, 1),
    repeals=["漳民〔2023〕12号"],
)
v(
    "r2_until_then_congqi",
    "关于延续实施小微企业融资担保降费奖补政策的通知",
    "本通知有效期至2026年6月30日，执行期间如国家有新规定，从其规定。",
    date(2025, 1, 15),
    exp=date(2026, 6, 30),
)
v(
    "r2_trial_one_year",
    "莆田市网络预约出租汽车管理实施细则",
    "第四十条　本细则自2025年1月1日起施行，试行期一年。",
    date(2024, 12, 15),
    eff=date(2025, 1, 1),
    exp=date(2025, 12, 31),
    period="1年",
)
v(
    "r2_youxiao_qixian_no_wei",
    "宁德市海上养殖管理办法",
    "第三十条　本办法自2025年4月1日起施行，有效期限3年。",
    date(2025, 3, 1),
    eff=date(2025, 4, 1),
    exp=date(2028, 3, 31),
    period="3年",
)
v(
    "r2_announcement_on_publish",
    "国家税务总局关于优化纳税缴费服务配合做好个人养老金有关工作的公告",
    "本公告自发布之日起施行。\n特此公告。",
    date(2024, 7, 2),
    on_publish=True,
)
v(
    "r2_five_years_and_explain",
    "福建省关于支持民营经济发展壮大的若干措施",
    "本措施自2025年1月1日起施行，有效期五年，由省发展改革委负责解释。",
    date(2024, 12, 30),
    eff=date(2025, 1, 1),
    exp=date(2029, 12, 31),
    period="5年",
)
v(
    "r2_old_regulation_chinese_year",
    "福建省森林条例",
    "第四十五条　本条例自一九九八年十月一日起施行。",
    date(1998, 8, 1),
    eff=date(1998, 10, 1),
)
v(
    "r2_repeal_decree_title",
    "三明市城市供水管理办法",
    "第五十条　本办法自2025年3月1日起施行。《三明市城市供水管理暂行办法》（三明市人民政府令第12号）同时废止。",
    date(2025, 1, 20),
    eff=date(2025, 3, 1),
    repeals=["三明市城市供水管理暂行办法"],
)
v(
    "r2_traditional_repeal",
    "廈門市城市綠化條例實施辦法",
    "第四十條　本辦法自2025年1月1日起施行。《廈門市城市綠化管理辦法》（廈府〔2015〕12號）同時廢止。",
    date(2024, 12, 1),
    eff=date(2025, 1, 1),
    repeals=["厦府〔2015〕12号"],
)
v(
    "r2_ji_xing_fei_zhi",
    "南平市城市燃气管理办法",
    "第五十五条　本办法自2025年5月1日起施行，原《南平市燃气管理暂行规定》即行废止。",
    date(2025, 3, 25),
    eff=date(2025, 5, 1),
    repeals=["南平市燃气管理暂行规定"],
)
v(
    "r2_yi_ben_tongzhi_wei_zhun",
    "关于调整失业保险金标准的通知",
    "本通知自2025年1月1日起执行，有效期至2025年12月31日，原有关规定与本通知不一致的，以本通知为准。",
    date(2024, 12, 25),
    eff=date(2025, 1, 1),
    exp=date(2025, 12, 31),
    repeals=[],
)
v(
    "r2_cong_you_bu_chongfu",
    "龙岩市促进消费若干措施",
    "本措施自印发之日起施行，有效期至2027年12月31日。此前出台的同类政策与本措施不一致的，按照从优不重复的原则执行。",
    date(2025, 2, 1),
    on_publish=True,
    exp=date(2027, 12, 31),
    repeals=[],
)
v(
    "r2_fullwidth_until",
    "泉州市鼓励企业上市若干措施",
    "本措施自２０２５年１月１日起施行，有效期至２０２７年１２月３１日。",
    date(2024, 12, 20),
    eff=date(2025, 1, 1),
    exp=date(2027, 12, 31),
)
v(
    "r2_zhixing_qi_wei_range",
    "关于实施2025年消费品以旧换新补贴的通知",
    "本通知执行期为2025年1月1日至2025年12月31日。",
    date(2024, 12, 30),
    eff=date(2025, 1, 1),
    exp=date(2025, 12, 31),
)
v(
    "r2_shixiao_after_years",
    "厦门市促进跨境电商发展若干措施",
    "本措施自2025年1月1日起施行，有效期三年，期满后自动失效。",
    date(2024, 12, 10),
    eff=date(2025, 1, 1),
    exp=date(2027, 12, 31),
    period="3年",
)

V_R2 = V[len(V_R1) :]


@pytest.mark.parametrize(("name", "title", "body", "published", "expected"), V_R2, ids=[case[0] for case in V_R2])
def test_a_round2_statement_is_read_as_printed(
    name: str, title: str, body: str, published: date, expected: dict
) -> None:
    test_a_statement_is_read_as_printed(name, title, body, published, expected)


COL4 = """遗失声明
厦门市思明区小白鹭幼儿园遗失《民办学校办学许可证》副本，证号：教民135020370000123号，声明作废。
厦门鑫盛达贸易有限公司不慎遗失公章一枚，声明作废。
陈丽华遗失厦门市社会保障卡，卡号：Ｅ３５０２０３１２３４，声明作废。
注销公告
厦门市湖里区盛世茶行（个人独资企业）经投资人决定，拟向登记机关申请注销登记，请债权人自本公告见报之日起四十五日内向本企业申报债权。
厦门市湖里区盛世茶行
2026年12月6日
减资公告
厦门联创智造科技有限公司经股东会决议，注册资本由2000万元人民币减少至800万元人民币，请债权人自本公告见报之日起45日内向本公司申报债权。
厦门联创智造科技有限公司
2026年12月6日
註銷公告
廈門市海滄區興旺五金商行經投資人決定，擬向登記機關申請註銷登記，請債權人自本公告見報之日起四十五日內向本商行申報債權。
廈門市海滄區興旺五金商行
2026年12月6日
"""
EXP4 = [
    {
        "type": "lost",
        "holder": "厦门市思明区小白鹭幼儿园",
        "items": ["民办学校办学许可证副本"],
        "numbers": [("证号", "教民135020370000123号")],
    },
    {"type": "lost", "holder": "厦门鑫盛达贸易有限公司", "items": ["公章"], "declared_void": True},
    {"type": "lost", "holder": "陈丽华", "items": ["厦门市社会保障卡"], "numbers": [("卡号", "E3502031234")]},
    {
        "type": "business_tax",
        "company": "厦门市湖里区盛世茶行",
        "action": "注销",
        "claim_period_days": 45,
        "claim_deadline": "2027-01-20",
    },
    {
        "type": "business_tax",
        "company": "厦门联创智造科技有限公司",
        "action": "减资",
        "capital_from": "2000万元",
        "capital_to": "800万元",
        "claim_period_days": 45,
    },
    {"type": "business_tax", "company": "廈門市海滄區興旺五金商行", "action": "注销", "claim_period_days": 45},
]
COL5 = """国有建设用地使用权拍卖出让公告
厦自然资告〔2026〕55号
经厦门市人民政府批准，厦门市自然资源和规划局决定以拍卖方式出让一宗国有建设用地使用权。
宗地编号：2026HP02
宗地位置：海沧区新阳街道新景路与新阳大道交叉口东北侧
拍卖时间：2027年1月28日10时
竞买报名截止时间：2027年1月25日17时
厦门市自然资源和规划局
2026年12月6日
房屋征收补偿签约公告
为实施思明区湖滨片区改造提升项目，区人民政府已作出房屋征收决定。被征收房屋位于思明区湖滨东路与湖滨南路之间片区，被征收人应于2027年2月28日前与房屋征收部门签订补偿协议。
厦门市思明区人民政府
2026年12月6日
迁坟公告
因集美区灌口镇东辉片区道路建设需要，需迁移用地范围内的坟墓。请坟主自本公告发布之日起30日内到灌口镇人民政府办理迁坟登记手续。联系电话：0592-6281234。
厦门市集美区灌口镇人民政府
2026年12月6日
车辆拍卖公告
受委托，我公司定于2026年12月26日上午10时在厦门市湖里区江头北路100号拍卖厅公开拍卖罚没车辆一批。
厦门天和拍卖有限公司
2026年12月6日
"""
EXP5 = [
    {
        "type": "land_housing",
        "project": "2026HP02",
        "location": "海沧区新阳街道新景路与新阳大道交叉口东北侧",
        "action": "出让",
        "sale_method": "拍卖",
        "deadlines": ["2027-01-25"],
    },
    {
        "type": "land_housing",
        "project": "思明区湖滨片区改造提升项目",
        "location": "思明区湖滨东路与湖滨南路之间片区",
        "action": "征收",
        "deadlines": ["2027-02-28"],
    },
    {
        "type": "grave_relocation",
        "project": "集美区灌口镇东辉片区道路建设",
        "deadline": "2027-01-05",
        "contact": "0592-6281234",
        "issuer": "厦门市集美区灌口镇人民政府",
    },
    {"type": "other"},
]
NOTICE_COLUMNS_R2 = [
    ("r2 lost cancel reduce traditional", COL4, EXP4),
    ("r2 land expropriation graves car auction", COL5, EXP5),
]


@pytest.mark.parametrize(("name", "column", "expected"), NOTICE_COLUMNS_R2, ids=[c[0] for c in NOTICE_COLUMNS_R2])
def test_each_round2_notice_is_split_typed_and_read(name: str, column: str, expected: list[dict]) -> None:
    records = parsed(column)
    assert len(records) == len(expected), [r.title for r in records]
    assert [wrong for record, want in zip(records, expected) for wrong in wrong_fields(record, want)] == []


def test_a_notice_page_pdf_in_two_columns_gives_each_notice() -> None:
    from gongkai.parsers import parse_notices

    pdf = (HERE / "pdfs" / "r2_notice_page_two_columns.pdf").read_bytes()
    records = parse_notices(
        Capture(data=pdf, filename="A15.pdf", source="xmrb", sidecar={"publish_date": "2026-12-06"})
    )
    want = [
        {
            "type": "lost",
            "holder": "厦门市湖里区乐家便利店",
            "items": ["食品经营许可证副本"],
            "numbers": [("编号", "JY13502060056789")],
        },
        {
            "type": "lost",
            "holder": "林志强",
            "items": ["厦门市残疾人证"],
            "numbers": [("证号", "35020319750312123X42")],
        },
        {"type": "lost", "holder": "厦门蓝鲸网络科技有限公司", "items": ["公章", "财务专用章"]},
        {"type": "lost", "holder": "张美玲", "items": ["导游证"], "numbers": [("证号", "DGN-350000-067890")]},
        {
            "type": "lost",
            "holder": "厦门市集美区福顺汽车修理厂",
            "items": ["营业执照正本"],
            "credit_codes": ["92350211MA8RQWXY3D"],
        },
        {"type": "business_tax", "company": "厦门星河文化传播有限公司", "action": "注销", "claim_period_days": 45},
        {
            "type": "business_tax",
            "company": "厦门东方明珠贸易有限公司",
            "action": "减资",
            "capital_from": "800万元",
            "capital_to": "200万元",
        },
    ]
    assert len(records) == len(want), [r.title for r in records]
    assert [wrong for record, w in zip(records, want) for wrong in wrong_fields(record, w)] == []


BARE_R2 = [
    (
        "r2_county_trailing_publicity_note",
        "utf-8",
        "永春县人民政府文件\n永政〔2025〕1号\n永春县人民政府关于公布县级非物质文化遗产代表性项目名录的通知\n各乡镇人民政府，县直有关单位：\n"
        "现将县级非物质文化遗产代表性项目名录予以公布。\n永春县人民政府\n2025年1月6日\n（此件公开发布）\n",
        {
            "doc_number": "永政〔2025〕1号",
            "title": "永春县人民政府关于公布县级非物质文化遗产代表性项目名录的通知",
            "issuer": "永春县人民政府",
            "written_date": date(2025, 1, 6),
        },
    ),
    (
        "r2_title_qualifier_next_line",
        "gb18030",
        "德化县人民政府办公室文件\n德政办〔2025〕4号\n德化县人民政府办公室关于印发德化县陶瓷产业发展扶持办法\n（试行）的通知\n各乡镇人民政府，县直各单位：\n"
        "现将《德化县陶瓷产业发展扶持办法（试行）》印发给你们，请认真贯彻执行。\n德化县人民政府办公室\n2025年2月10日\n",
        {
            "doc_number": "德政办〔2025〕4号",
            "title": "德化县人民政府办公室关于印发德化县陶瓷产业发展扶持办法（试行）的通知",
            "issuer": "德化县人民政府办公室",
            "written_date": date(2025, 2, 10),
        },
    ),
    (
        "r2_traditional_joint_signature",
        "big5",
        "臺灣地區與大陸地區人民關係條例施行細則\n第一條　本細則依臺灣地區與大陸地區人民關係條例第九十五條之四規定訂定之。\n",
        {"title": "臺灣地區與大陸地區人民關係條例施行細則"},
    ),
]


@pytest.mark.parametrize(("name", "encoding", "text", "expected"), BARE_R2, ids=[b[0] for b in BARE_R2])
def test_a_round2_bare_text_gives_its_header_fields(name: str, encoding: str, text: str, expected: dict) -> None:
    record = parse(Capture(text.encode(encoding), filename=f"{name}.txt"), _settings())
    assert {key: getattr(record, key) for key in expected} == expected


DOCX_R2 = [
    (
        "r2_traditional_docx",
        None,
        [
            "廈門市思明區人民政府辦公室文件",
            "思政辦〔2025〕7號",
            "廈門市思明區人民政府辦公室關於做好2025年防汛防颱工作的通知",
            "各街道辦事處，區直各部門：",
            "　　為做好2025年防汛防颱工作，現將有關事項通知如下。",
            "廈門市思明區人民政府辦公室",
            "二〇二五年四月三日",
        ],
        {
            "doc_number": "思政办〔2025〕7号",
            "title": "廈門市思明區人民政府辦公室關於做好2025年防汛防颱工作的通知",
            "issuer": "廈門市思明區人民政府辦公室",
            "written_date": date(2025, 4, 3),
        },
    ),
    (
        "r2_number_in_brackets_under_title",
        None,
        [
            "厦门市人民政府办公厅关于印发厦门市既有住宅增设电梯管理办法的通知",
            "（厦府办规〔2025〕3号）",
            "各区人民政府，市直各委、办、局：",
            "　　现将《厦门市既有住宅增设电梯管理办法》印发给你们，请认真贯彻执行。",
            "厦门市人民政府办公厅",
            "2025年3月12日",
        ],
        {
            "doc_number": "厦府办规〔2025〕3号",
            "title": "厦门市人民政府办公厅关于印发厦门市既有住宅增设电梯管理办法的通知",
            "issuer": "厦门市人民政府办公厅",
            "written_date": date(2025, 3, 12),
        },
    ),
]


@pytest.mark.parametrize(("name", "card", "lines", "expected"), DOCX_R2, ids=[d[0] for d in DOCX_R2])
def test_a_round2_docx_gives_its_fields(name: str, card: list | None, lines: list[str], expected: dict) -> None:
    record = parse(Capture(_docx(lines, card), filename=f"{name}.docx"), _settings())
    assert {key: getattr(record, key) for key in expected} == expected


def test_a_decree_pdf_with_a_spaced_number_and_a_chinese_date() -> None:
    pdf = (HERE / "pdfs" / "r2_decree_spaced_number_chinese_date.pdf").read_bytes()
    record = parse(Capture(pdf, filename="r2_decree.pdf"), _settings())
    got = (record.doc_number, record.title, record.written_date)
    assert got == ("厦门市人民政府令第206号", "厦门市公共停车场管理办法", date(2025, 1, 10))


def test_a_number_moved_whole_to_the_next_line_joins_its_label() -> None:
    from gongkai.parsers.formats.pdf import join_wrapped_lines

    full = "厦门蓝鲸网络科技有限公司遗失公章、财务专用章各一枚，声明作废。"
    text = f"{full}\n厦门市湖里区乐家便利店遗失食品经营许可证副本，编号：\nJY13502060056789，声明作废。\n{full}"
    assert (
        join_wrapped_lines(text).split("\n")[1]
        == "厦门市湖里区乐家便利店遗失食品经营许可证副本，编号：JY13502060056789，声明作废。"
    )
    # a heading's colon, or a label whose value would have fitted, ends its line
    assert join_wrapped_lines(f"{full}\n现将有关事项通知如下：\nAB12345678，声明作废。\n{full}").count("\n") == 3
    assert join_wrapped_lines(f"{full}\n林志强遗失残疾人证，证号：\n350203，声明作废。\n{full}").count("\n") == 3


def test_the_papers_edition_line_is_no_part_of_the_first_title() -> None:
    from gongkai.parsers.notices.split import split_column

    blocks = split_column(
        [
            "厦门日报 公告 2026年12月6日 A15",
            "注销公告",
            "厦门某某有限公司经股东会决议，拟申请注销登记，请债权人申报债权。",
            "厦门某某有限公司",
            "2026年12月6日",
        ]
    )
    assert [b.title for b in blocks] == ["注销公告"]
    # a title's first line printed alone above it still joins it
    blocks = split_column(
        ["关于湖里区部分路段", "停水的通知", "因管道施工，湖里区部分路段停水。", "厦门水务集团", "2026年12月6日"]
    )
    assert [b.title for b in blocks] == ["关于湖里区部分路段停水的通知"]


# --- round 3: written after round 2's fixes, before the parsers ran on them ---------------------------------------------------

V_R2_END = len(V)
v(
    "r3_repeal_with_yinfa_day",
    "江苏省企业技术中心认定管理办法",
    "第三十条　本规定自2025年1月1日起施行，有效期至2029年12月31日。2019年12月30日印发的《江苏省企业技术中心认定管理暂行办法》（苏工信规〔2019〕30号）同时废止。",
    date(2024, 12, 10),
    eff=date(2025, 1, 1),
    exp=date(2029, 12, 31),
    repeals=["苏工信规〔2019〕30号"],
)
v(
    "r3_on_publish_two_years",
    "徐州市支持首台套装备推广应用办法",
    "本办法自印发之日起施行，有效期2年。",
    date(2025, 2, 14),
    on_publish=True,
    exp=date(2027, 2, 13),
    period="2年",
)
v(
    "r3_repeal_and_yi_wei_zhun",
    "浙江省人民政府关于进一步推动民营经济高质量发展的意见",
    "本意见自2025年3月1日起施行，有效期至2030年2月28日。《浙江省人民政府关于促进民营经济发展的意见》（浙政发〔2020〕5号）同时废止，此前规定与本意见不一致的，以本意见为准。",
    date(2025, 2, 1),
    eff=date(2025, 3, 1),
    exp=date(2030, 2, 28),
    repeals=["浙政发〔2020〕5号"],
)
v(
    "r3_until_then_adjust",
    "关于延续执行创业担保贷款贴息政策的通知",
    "本通知自印发之日起施行，有效期至2026年12月31日。政策到期后，视情况予以调整。",
    date(2025, 1, 8),
    on_publish=True,
    exp=date(2026, 12, 31),
)
v(
    "r3_rules_five_years_repeal_trial",
    "温州市城市道路挖掘管理实施细则",
    "第三十五条　本细则自2025年6月1日起施行，有效期五年。《温州市城市道路挖掘管理实施细则（试行）》同时废止。",
    date(2025, 4, 20),
    eff=date(2025, 6, 1),
    exp=date(2030, 5, 31),
    period="5年",
    repeals=["温州市城市道路挖掘管理实施细则（试行）"],
)
v(
    "r3_repeal_by_starting_day",
    "嘉兴市城市排水管理办法",
    "第四十条　本办法自2025年7月1日起施行。2015年5月1日起施行的《嘉兴市城市排水管理暂行办法》同时废止。",
    date(2025, 5, 30),
    eff=date(2025, 7, 1),
    repeals=["嘉兴市城市排水管理暂行办法"],
)
v(
    "r3_decision_rows_without_quotes",
    "绍兴市人民政府关于废止部分行政规范性文件的决定",
    "经研究，决定对下列2件行政规范性文件予以废止：\n1.绍兴市人民政府关于加快发展现代物流业的若干意见（绍政发〔2018〕12号）\n"
    "2.绍兴市人民政府办公室关于进一步加强城市管理的通知（绍政办发〔2019〕3号）\n本决定自公布之日起施行。",
    date(2025, 3, 1),
    on_publish=True,
    repeals=["绍政发〔2018〕12号", "绍政办发〔2019〕3号"],
)
v(
    "r3_stop_executing",
    "湖州市农村宅基地管理实施办法",
    "本实施办法自发布之日起施行，原《湖州市农村宅基地管理办法》（湖政发〔2016〕1号）停止执行。",
    date(2025, 4, 1),
    on_publish=True,
    repeals=["湖政发〔2016〕1号"],
)
v(
    "r3_tax_announcement_repeal",
    "国家税务总局关于个人所得税综合所得汇算清缴有关事项的公告",
    "本公告自2025年1月1日起施行，《国家税务总局关于办理2019年度个人所得税综合所得汇算清缴事项的公告》（国家税务总局公告2019年第44号）同时废止。",
    date(2024, 12, 20),
    eff=date(2025, 1, 1),
    repeals=["国家税务总局公告2019年第44号"],
)
v(
    "r3_plan_shishi_until",
    "台州市制造业数字化转型行动方案",
    "本方案自2025年1月1日起实施，有效期至2027年12月31日。",
    date(2024, 12, 25),
    eff=date(2025, 1, 1),
    exp=date(2027, 12, 31),
)
v(
    "r3_three_years_national_change",
    "金华市促进服务业发展若干措施",
    "本措施自印发之日起实施，有效期3年，有效期内如遇国家政策调整，按新政策执行。",
    date(2025, 3, 10),
    on_publish=True,
    exp=date(2028, 3, 9),
    period="3年",
)
v(
    "r3_traditional_guiding_five_years",
    "衢州市城市綠化管理規定",
    "第三十條　本規定自2025年3月1日起施行，有效期五年。",
    date(2025, 1, 20),
    eff=date(2025, 3, 1),
    exp=date(2030, 2, 28),
    period="5年",
)
v(
    "r3_until_zhi_then_lapse",
    "丽水市生态产品价值实现奖补办法",
    "本办法自2025年1月1日起施行，有效期至2025年12月31日止，逾期自动失效。",
    date(2024, 12, 28),
    eff=date(2025, 1, 1),
    exp=date(2025, 12, 31),
)
V_R3 = V[V_R2_END:]


@pytest.mark.parametrize(("name", "title", "body", "published", "expected"), V_R3, ids=[case[0] for case in V_R3])
def test_a_round3_statement_is_read_as_printed(
    name: str, title: str, body: str, published: date, expected: dict
) -> None:
    test_a_statement_is_read_as_printed(name, title, body, published, expected)


COL6 = """遗失声明
厦门恒通达物流有限公司遗失闽D·9K7J2号重型半挂牵引车道路运输证，证号：闽交运管厦字350211098765号，声明作废。
许文杰遗失厦门大学附属中山医院医疗收费票据一张，票据号码：0012345678，声明作废。
作废声明
厦门华美装饰工程有限公司原合同专用章因损坏，现声明作废。
股权转让公告
厦门鹭岛投资有限公司拟将其持有的厦门鹭岛酒店管理有限公司51%股权转让给厦门海天集团有限公司，请相关债权人自本公告见报之日起四十五日内与本公司联系。
厦门鹭岛投资有限公司
2026年12月6日
分立公告
厦门宏远实业有限公司经股东会决议，分立为厦门宏远实业有限公司和厦门宏远物业管理有限公司。请债权人自本公告之日起四十五日内向本公司申报债权。
厦门宏远实业有限公司
2026年12月6日
"""
EXP6 = [
    {"type": "lost", "holder": "厦门恒通达物流有限公司", "numbers": [("证号", "闽交运管厦字350211098765号")]},
    {"type": "lost", "holder": "许文杰", "numbers": [("号码", "0012345678")]},
    {"type": "lost", "holder": "厦门华美装饰工程有限公司", "items": ["合同专用章"], "declared_void": True},
    {"type": "business_tax", "company": "厦门鹭岛酒店管理有限公司", "action": "股权转让"},
    {"type": "business_tax", "company": "厦门宏远实业有限公司", "action": "分立", "claim_period_days": 45},
]
COL7 = """国有建设用地使用权网上挂牌出让公告
经厦门市人民政府批准，厦门市自然资源和规划局决定以网上挂牌方式出让2026JP11地块国有建设用地使用权。该地块位于集美区杏林街道杏锦路与兑山路交叉口西南侧，土地用途为工业用地。网上挂牌时间为2027年2月1日9时至2027年2月12日15时。申请人可于2027年2月10日17时前提交竞买申请。
厦门市自然资源和规划局
2026年12月6日
拍卖公告
受委托，我公司定于2027年1月8日10时在厦门市思明区湖滨北路10号拍卖厅，对坐落于海沧区沧林路2号之五101室的商业房产进行公开拍卖。有意竞买者请于2027年1月6日17时前办理竞买手续。
厦门金厦拍卖有限公司
2026年12月6日
集体土地征收补偿安置方案公告
因翔安区新店街道洪前片区安置房建设项目需要，拟征收集体土地。征收范围：翔安区新店街道洪前村部分集体土地。被征收人应于2027年1月31日前持相关材料办理补偿登记。
厦门市翔安区人民政府
2026年12月6日
厦门市海沧区教育局办公设备采购公告
采购项目编号：XMHC-2026-0123，投标截止时间：2027年1月5日9时30分。
厦门市海沧区教育局
2026年12月6日
"""
EXP7 = [
    {
        "type": "land_housing",
        "project": "2026JP11地块",
        "location": "集美区杏林街道杏锦路与兑山路交叉口西南侧",
        "action": "出让",
        "sale_method": "挂牌",
        "deadlines": ["2027-02-12", "2027-02-10"],
    },
    {"type": "land_housing", "location": "海沧区沧林路2号之五101室", "action": "拍卖", "deadlines": ["2027-01-06"]},
    {
        "type": "land_housing",
        "project": "翔安区新店街道洪前片区安置房建设项目",
        "location": "翔安区新店街道洪前村部分集体土地",
        "action": "征收",
        "deadlines": ["2027-01-31"],
    },
    {"type": "other"},
]
NOTICE_COLUMNS_R3 = [
    ("r3 lost voided equity split", COL6, EXP6),
    ("r3 online sale auction land procurement", COL7, EXP7),
]


@pytest.mark.parametrize(("name", "column", "expected"), NOTICE_COLUMNS_R3, ids=[c[0] for c in NOTICE_COLUMNS_R3])
def test_each_round3_notice_is_split_typed_and_read(name: str, column: str, expected: list[dict]) -> None:
    test_each_round2_notice_is_split_typed_and_read(name, column, expected)


BARE_R3 = [
    (
        "r3_police_notice_bracket_di",
        "utf-8",
        "厦门市公安局通告\n〔2025〕第2号\n为加强城市道路交通管理，根据有关法律法规，现通告如下：\n一、……\n本通告自2025年3月1日起施行。\n厦门市公安局\n2025年2月20日\n",
        {"doc_number": "厦门市公安局通告〔2025〕2号", "written_date": date(2025, 2, 20)},
    ),
    (
        "r3_gb18030_ext_a_char",
        "gb18030",
        "厦门市翔安区人民政府\n翔政〔2025〕9号\n厦门市翔安区人民政府关于公布㙟头村历史建筑名录的通知\n各镇人民政府、街道办事处，区直有关单位：\n"
        "现将㙟头村历史建筑名录予以公布。\n厦门市翔安区人民政府\n2025年3月3日\n",
        {
            "doc_number": "翔政〔2025〕9号",
            "title": "厦门市翔安区人民政府关于公布㙟头村历史建筑名录的通知",
            "issuer": "厦门市翔安区人民政府",
            "written_date": date(2025, 3, 3),
        },
    ),
]


@pytest.mark.parametrize(("name", "encoding", "text", "expected"), BARE_R3, ids=[b[0] for b in BARE_R3])
def test_a_round3_bare_text_gives_its_header_fields(name: str, encoding: str, text: str, expected: dict) -> None:
    test_a_bare_text_gives_its_header_fields(name, encoding, text, expected)


def test_a_docx_dated_with_the_circle_zero() -> None:
    # ○ (U+25CB, a white circle), not 〇, is what many offices type for the zero of a year
    lines = [
        "厦门市湖里区人民政府办公室文件",
        "湖政办〔2025〕11号",
        "厦门市湖里区人民政府办公室关于印发湖里区老旧小区改造",
        "实施方案的通知",
        "各街道办事处，区直各部门：",
        "　　现将《湖里区老旧小区改造实施方案》印发给你们，请认真贯彻执行。",
        "厦门市湖里区人民政府办公室",
        "二○二五年三月五日",
    ]
    record = parse(Capture(_docx(lines), filename="r3_circle_zero.docx"), _settings())
    got = (record.doc_number, record.title, record.issuer, record.written_date)
    assert got == (
        "湖政办〔2025〕11号",
        "厦门市湖里区人民政府办公室关于印发湖里区老旧小区改造实施方案的通知",
        "厦门市湖里区人民政府办公室",
        date(2025, 3, 5),
    )


# --- round 4: what a document says of other documents' validity (written before running) ------------------------------------

V_R3_END = len(V)
v(
    "r4_extends_one_with_number",
    "厦门市人民政府办公厅关于延长《厦门市促进外贸稳定增长若干措施》有效期的通知",
    "《厦门市人民政府办公厅关于印发厦门市促进外贸稳定增长若干措施的通知》（厦府办规〔2022〕5号）有效期延长至2026年12月31日。",
    date(2025, 12, 20),
    extends=["厦府办规〔2022〕5号"],
)
v(
    "r4_extends_list",
    "泉州市人民政府关于延长部分行政规范性文件有效期的通知",
    "经研究，决定将下列文件有效期延长至2027年12月31日：\n1.《泉州市工业企业技术改造专项资金管理办法》（泉政规〔2021〕3号）\n"
    "2.《泉州市促进总部经济发展若干措施》（泉政规〔2021〕8号）\n本通知自印发之日起施行。",
    date(2025, 12, 1),
    on_publish=True,
    extends=["泉政规〔2021〕3号", "泉政规〔2021〕8号"],
    repeals=[],
)
v(
    "r4_no_longer_executed",
    "漳州市城市照明管理办法",
    "第三十条　本办法自2025年9月1日起施行。自本办法施行之日起，《漳州市城市照明管理暂行办法》（漳政〔2017〕3号）不再执行。",
    date(2025, 7, 20),
    eff=date(2025, 9, 1),
    repeals=["漳政〔2017〕3号"],
)
v(
    "r4_unnamed_old_rules_stop",
    "关于调整全市职工基本医疗保险门诊待遇的通知",
    "本通知自2025年1月1日起执行，我市原有关规定同时停止执行。",
    date(2024, 12, 20),
    eff=date(2025, 1, 1),
    repeals=[],
)
v(
    "r4_two_titles_he_no_numbers",
    "龙岩市城市市容和环境卫生管理办法",
    "第六十条　本办法自2025年10月1日起施行。《龙岩市城市市容管理办法》和《龙岩市城市环境卫生管理办法》同时废止。",
    date(2025, 8, 28),
    eff=date(2025, 10, 1),
    repeals=["龙岩市城市市容管理办法", "龙岩市城市环境卫生管理办法"],
)
v(
    "r4_amend_one_article",
    "三明市人民政府关于修改《三明市城市房屋安全管理办法》的决定",
    "市人民政府决定对《三明市城市房屋安全管理办法》作如下修改：\n将第十二条修改为……\n本决定自2025年6月1日起施行。",
    date(2025, 5, 10),
    eff=date(2025, 6, 1),
    amends=["三明市城市房屋安全管理办法"],
    repeals=[],
)
v(
    "r4_extension_of_own",
    "关于延续实施支持小微企业发展税费政策的公告",
    "《关于支持小微企业发展税费政策的公告》规定的税费优惠政策，执行期限延长至2027年12月31日。",
    date(2025, 1, 2),
    extends=["关于支持小微企业发展税费政策的公告"],
)
V_R4 = V[V_R3_END:]


@pytest.mark.parametrize(("name", "title", "body", "published", "expected"), V_R4, ids=[case[0] for case in V_R4])
def test_a_round4_statement_is_read_as_printed(
    name: str, title: str, body: str, published: date, expected: dict
) -> None:
    test_a_statement_is_read_as_printed(name, title, body, published, expected)


@pytest.mark.parametrize("case", [0, 6])
def test_an_extension_gives_its_new_last_day(case: int) -> None:
    from gongkai.parsers.validity import extended_expiry

    # the day is read from the extension's sentence when the extended document is known (Reference.date is its own date)
    st = read_statements(V_R4[case][1], V_R4[case][2], V_R4[case][3])
    (ref,) = [ref for ref in st.references if ref.kind == "extends"]
    assert extended_expiry(ref.statement, ref.title, None) == (date(2026, 12, 31) if case == 0 else date(2027, 12, 31))


# --- round 5: written before running ---------------------------------------------------------------------------------------

COL8 = """遺失聲明
陳美玲遺失身分證，號碼：350203199205061234，聲明作廢。
厦门市思明区鹭江道壹号咖啡馆遗失食品经营许可证正副本，声明作废。
注销公告
厦门市同安区新民镇惠民农资店（统一社会信用代码：92350212MA8UQ3FX1C）经营者决定注销，请债权人自本公告刊登之日起45日内申报债权。
厦门市同安区新民镇惠民农资店
2026年12月6日
厦门市思明区人民法院拍卖公告
（2026）闽0203执恢123号
本院定于2027年1月10日10时起至2027年1月11日10时止（延时除外）在淘宝网司法拍卖网络平台公开拍卖被执行人名下位于思明区嘉禾路268号1502室的房产。
厦门市思明区人民法院
2026年12月6日
"""
EXP8 = [
    {
        "type": "lost",
        "holder": "陳美玲",
        "items": ["身分證"],
        "numbers": [("号码", "350203199205061234")],
        "declared_void": True,
    },
    {"type": "lost", "holder": "厦门市思明区鹭江道壹号咖啡馆", "items": ["食品经营许可证正副本"]},
    {"type": "business_tax", "company": "厦门市同安区新民镇惠民农资店", "action": "注销", "claim_period_days": 45},
    {"type": "land_housing", "location": "思明区嘉禾路268号1502室", "action": "拍卖"},
]


def test_round5_notices_are_split_typed_and_read() -> None:
    test_each_round2_notice_is_split_typed_and_read("r5", COL8, EXP8)


@pytest.mark.parametrize(
    ("url", "day"),
    [
        ("http://www.zhangzhou.gov.cn/cms/html/zzsrmzf/2019-03-20/1234567.html", date(2019, 3, 20)),
        ("https://www.henan.gov.cn/2022/09-30/2615234.html", date(2022, 9, 30)),
        (
            "http://www.example.gov.cn/2019-03-20/index.html",
            None,
        ),  # a day's folder over no numbered page: an archive's index
        ("http://www.example.gov.cn/2019-13-40/1234567.html", None),  # no such day
    ],
)
def test_a_days_folder_over_a_numbered_page_is_its_publication_day(url: str, day: date | None) -> None:
    from gongkai.parsers.url_dates import cms_publish_date

    assert cms_publish_date(url) == day


# --- round 6: written before running ---------------------------------------------------------------------------------------

PDFS_R6 = [
    (
        "r6_guifan_three_line_title_pages",
        {
            "doc_number": "漳政规〔2025〕1号",
            "title": "漳州市人民政府关于印发漳州市城市公共停车设施建设管理办法的通知",
            "issuer": "漳州市人民政府",
            "written_date": date(2025, 1, 6),
        },
    ),
    (
        "r6_publicity_table_after_signature",
        {
            "doc_number": "",
            "title": "厦门市海沧区民政局关于2025年第一批社会救助对象名单的公示",
            "issuer": "厦门市海沧区民政局",
            "written_date": date(2025, 3, 10),
        },
    ),
]


@pytest.mark.parametrize(("name", "expected"), PDFS_R6, ids=[p[0] for p in PDFS_R6])
def test_a_round6_pdf_gives_its_fields(name: str, expected: dict) -> None:
    test_a_printed_pdf_gives_its_fields(name, expected)


def test_a_round6_pdf_says_its_own_validity() -> None:
    record = parse(
        Capture((HERE / "pdfs" / "r6_guifan_three_line_title_pages.pdf").read_bytes(), filename="r6.pdf"), _settings()
    )
    st = read_statements(record.title, record.body, record.written_date)
    assert (st.effective_date, st.expiry_date) == (date(2025, 2, 1), date(2030, 1, 31))


def _docx_table_header(rows: list[str], lines: list[str]) -> bytes:
    from docx import Document

    document = Document()
    table = document.add_table(rows=len(rows), cols=1)
    for r, text in enumerate(rows):
        table.cell(r, 0).text = text
    for text in lines:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_docx_header_printed_in_a_table() -> None:
    lines = [
        "厦门市财政局关于做好2025年部门预算执行工作的通知",
        "市直各预算单位：",
        "　　为做好2025年部门预算执行工作，现将有关事项通知如下。",
        "厦门市财政局",
        "2025年2月8日",
    ]
    record = parse(
        Capture(_docx_table_header(["厦门市财政局文件", "厦财预〔2025〕8号"], lines), filename="r6_table_header.docx"),
        _settings(),
    )
    assert (record.doc_number, record.title, record.issuer, record.written_date) == (
        "厦财预〔2025〕8号",
        lines[0],
        "厦门市财政局",
        date(2025, 2, 8),
    )


def test_a_docx_signed_with_a_month_only_has_no_written_day() -> None:
    lines = [
        "厦门市集美区人民政府办公室关于2024年政府信息公开工作年度报告",
        "一、总体情况",
        "　　2024年，集美区认真贯彻落实政府信息公开条例。",
        "厦门市集美区人民政府办公室",
        "2025年1月",
    ]
    record = parse(Capture(_docx(lines), filename="r6_month.docx"), _settings())
    assert (record.title, record.issuer, record.written_date) == (lines[0], "厦门市集美区人民政府办公室", None)


def test_a_bureau_announcement_keeps_its_own_number() -> None:
    text = (
        "厦门市自然资源和规划局公告\n厦资源规划告〔2025〕12号\n根据《中华人民共和国土地管理法》有关规定，现将有关事项公告如下：\n一、……\n"
        "厦门市自然资源和规划局\n2025年3月20日\n"
    )
    record = parse(Capture(text.encode(), filename="r6_announcement.txt"), _settings())
    assert (record.doc_number, record.title, record.written_date) == (
        "厦资源规划告〔2025〕12号",
        "厦门市自然资源和规划局公告",
        date(2025, 3, 20),
    )


@pytest.mark.parametrize(
    ("line", "value"),
    [
        ("来源：莆田市自然资源局 【打印】【关闭】", "莆田市自然资源局"),
        ("来源：莆田市自然资源局　[打印本页] [关闭窗口]", "莆田市自然资源局"),
        ("文号：冀政字【2024】5号", "冀政字【2024】5号"),  # its own brackets: digits, no space before them
    ],
)
def test_a_toolbar_item_after_a_space_ends_the_value(line: str, value: str) -> None:
    from gongkai.parsers.labels import pairs_in_line

    assert [v for _, v in pairs_in_line(line)] == [value]


# --- round 8: written before running ---------------------------------------------------------------------------------------

V_R4_END = len(V)
v(
    "r8_lapse_day_fei_zhi",
    "厦门市海域使用金减免管理规定",
    "第二十条　本规定自2025年5月1日起施行，2030年4月30日废止。",
    date(2025, 3, 20),
    eff=date(2025, 5, 1),
    exp=date(2030, 4, 30),
)
v(
    "r8_period_then_range",
    "厦门市数字经济产业园认定管理办法",
    "第二十八条　本办法有效期5年，自2025年1月1日起至2029年12月31日止。",
    date(2024, 12, 20),
    eff=date(2025, 1, 1),
    exp=date(2029, 12, 31),
)
v(
    "r8_repeal_started_day_number",
    "关于调整城乡居民基础养老金标准的通知",
    "本通知自2025年1月1日起施行，有效期至2025年12月31日。2024年1月1日起执行的《关于调整城乡居民基础养老金标准的通知》（厦人社〔2023〕9号）同时废止。",
    date(2024, 12, 25),
    eff=date(2025, 1, 1),
    exp=date(2025, 12, 31),
    repeals=["厦人社〔2023〕9号"],
)
v(
    "r8_an_ben_banfa_zhixing",
    "厦门市电动自行车停放充电管理办法",
    "第三十条　本办法自2025年3月1日起施行，此前本市有关规定与本办法不一致的，按本办法执行。",
    date(2025, 1, 20),
    eff=date(2025, 3, 1),
    repeals=[],
)
v(
    "r8_from_until_one_clause",
    "关于延续实施残疾人就业保障金优惠政策的公告",
    "本公告自2025年1月1日起执行至2027年12月31日。",
    date(2024, 12, 30),
    eff=date(2025, 1, 1),
    exp=date(2027, 12, 31),
)
v(
    "r8_thirty_days_after_yinfa_no_period",
    "厦门市物业服务企业信用管理办法",
    "第三十五条　本办法自印发之日起30日后施行。",
    date(2025, 4, 3),
    eff=date(2025, 5, 3),
)
V_R8 = V[V_R4_END:]


@pytest.mark.parametrize(("name", "title", "body", "published", "expected"), V_R8, ids=[case[0] for case in V_R8])
def test_a_round8_statement_is_read_as_printed(
    name: str, title: str, body: str, published: date, expected: dict
) -> None:
    test_a_statement_is_read_as_printed(name, title, body, published, expected)


COL9 = """遗失声明
厦门永盛贸易有限公司遗失营业执照正、副本及公章各一枚，声明作废。
减资公告
厦门华夏远景科技有限公司经股东会决议，注册资本由人民币1,000万元减少至人民币500万元。请债权人自本公告见报之日起四十五日内向本公司申报债权。
厦门华夏远景科技有限公司
2026年12月6日
迁坟公告
因思明区东坪山片区生态修复项目建设需要，请有关坟主自本公告发布之日起至2027年3月31日止到所在社区居委会登记并自行迁移。
厦门市思明区莲前街道办事处
2026年12月6日
房屋征收决定公告
为实施思明区西堤片区城市更新项目，思明区人民政府决定对该项目范围内的国有土地上房屋实施征收，征收范围为思明区湖滨西路以东、湖滨北路以南区域。
厦门市思明区人民政府
2026年12月6日
"""
EXP9 = [
    {"type": "lost", "holder": "厦门永盛贸易有限公司", "declared_void": True},
    {
        "type": "business_tax",
        "company": "厦门华夏远景科技有限公司",
        "action": "减资",
        "capital_from": "1,000万元",
        "capital_to": "500万元",
        "claim_period_days": 45,
    },
    {
        "type": "grave_relocation",
        "project": "思明区东坪山片区生态修复项目建设",
        "deadline": "2027-03-31",
        "issuer": "厦门市思明区莲前街道办事处",
    },
    {
        "type": "land_housing",
        "project": "思明区西堤片区城市更新项目",
        "action": "征收",
        "location": "思明区湖滨西路以东、湖滨北路以南区域",
    },
]


def test_round8_notices_are_split_typed_and_read() -> None:
    test_each_round2_notice_is_split_typed_and_read("r8", COL9, EXP9)


# --- round 9: a page's own validity, read from its card or text (written before running) -------------------------------------


@pytest.mark.parametrize(
    ("page", "validity", "effective", "expiry"),
    [
        ("r9_card_shishi_shixiao_li", "失效", date(2019, 8, 1), date(2024, 7, 31)),
        ("r9_card_shengxiao_table_chinese_day", "有效", date(2024, 4, 1), None),
        ("r9_text_clause_wins_over_none", "", date(2025, 2, 1), date(2028, 1, 31)),
    ],
)
def test_a_pages_own_validity_is_read(page: str, validity: str, effective: date, expiry: date | None) -> None:
    html = (HERE / "pages_validity" / f"{page}.html").read_bytes()
    record = parse(Capture(html, url="http://www.example.gov.cn/a.html"), _settings())
    st = read_statements(record.title, record.body, record.publish_date or record.written_date)
    assert (record.stated_validity, st.effective_date, st.expiry_date) == (validity, effective, expiry)


COL10 = """遗失声明
厦门市湖里区禾山街道办事处遗失行政事业单位国有资产登记证，编号：350206000123，声明作废。
黄志明、黄志伟遗失坐落于思明区莲花南路15号之二302室的不动产权证书，证号：闽（2018）厦门市不动产权第0045678号，声明作废。
简易注销公告
厦门市翔安区阿明小吃店（统一社会信用代码：92350213MA8U1C2B3D），经营者决定简易注销，公告期：2026年12月6日至2026年12月25日。
厦门市翔安区阿明小吃店
2026年12月6日
"""
EXP10 = [
    {
        "type": "lost",
        "holder": "厦门市湖里区禾山街道办事处",
        "items": ["行政事业单位国有资产登记证"],
        "numbers": [("编号", "350206000123")],
    },
    {"type": "lost", "holder": "黄志明、黄志伟", "numbers": [("证号", "闽(2018)厦门市不动产权第0045678号")]},
    {
        "type": "business_tax",
        "company": "厦门市翔安区阿明小吃店",
        "credit_code": "92350213MA8U1C2B3D",
        "action": "注销",
        "claim_deadline": "2026-12-25",
    },
]


def test_round9_notices_are_split_typed_and_read() -> None:
    test_each_round2_notice_is_split_typed_and_read("r9", COL10, EXP10)
