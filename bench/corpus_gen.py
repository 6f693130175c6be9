"""Deterministic generator of Xiamen-style sample records (信息公开 documents and 便民公告 notices).

Everything here is invented for the project: agencies and streets are real Xiamen names, but every
document, 文号, company and credit code is made up. The output is dicts in the JSON Lines record
format of `gongkai.record.Record` (fields as written by a source: 文号 bracket variants are kept as
"written", the Record normalises them on load).

Used by `make_sample_data.py` (the demo data set shipped in gongkai/data/) and by
`index_search.py` (the benchmark corpus). Same seed, same output: no clock, no network.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

FIRST_DAY = date(2008, 1, 1)
LAST_DAY = date(2026, 10, 31)
#: Reserved top-level domain: the URLs look like a portal's but can never resolve to a real page.
URL_BASE = "https://demo.gongkai.invalid"
DISCLOSURE_SOURCE = "demo-xm-gov"
NOTICE_SOURCE = "demo-xmrb-notices"


@dataclass(frozen=True)
class Agency:
    name: str
    doc_prefixes: tuple[str, ...]  # 厦府, 厦府函 ... (the 文号 issuer abbreviation)
    code: str  # first part of the 索引号
    subjects: tuple[str, ...]  # what this agency writes about
    topics: tuple[str, ...]  # 主题分类 names (keys of TOPIC_CODES)
    district: str = ""


TOPIC_CODES: dict[str, str] = {
    "综合政务": "0100",
    "国民经济管理、国有资产监管": "0200",
    "财政、金融、审计": "0300",
    "国土资源、能源": "0400",
    "城乡建设、环境保护": "0500",
    "市场监管、安全生产监管": "0600",
    "教育": "0700",
    "卫生、体育": "0800",
    "劳动、人事、监察": "0900",
    "交通": "1000",
    "民政、扶贫、救灾": "1100",
}

AGENCIES: tuple[Agency, ...] = (
    Agency("厦门市人民政府", ("厦府", "厦府函"), "XM00100",
           ("城市总体规划实施", "营商环境建设", "跨岛发展战略", "重点项目建设", "防汛防台风工作", "海洋经济发展",
            "对台经贸合作", "社会信用体系建设", "政务服务改革"),
           ("综合政务", "国民经济管理、国有资产监管", "城乡建设、环境保护")),
    Agency("厦门市人民政府办公厅", ("厦府办", "厦府办函"), "XM00101",
           ("政务公开工作", "12345便民服务热线管理", "安全生产大检查", "电子政务建设", "公共数据开放", "应急预案管理",
            "养老服务体系建设", "菜篮子工程", "春运工作"),
           ("综合政务", "民政、扶贫、救灾", "市场监管、安全生产监管")),
    Agency("厦门市发展和改革委员会", ("厦发改", "厦发改投资"), "XM00102",
           ("重点建设项目计划", "居民阶梯电价", "管道天然气价格", "社会信用体系建设", "节能降耗", "服务业发展专项资金",
            "粮食安全保障", "自来水价格调整"),
           ("国民经济管理、国有资产监管", "国土资源、能源")),
    Agency("厦门市财政局", ("厦财", "厦财预", "厦财采"), "XM00103",
           ("政府采购管理", "财政专项资金管理", "预算绩效管理", "国有资产管理", "行政事业性收费", "政府债券资金使用",
            "会计信息质量检查"),
           ("财政、金融、审计",)),
    Agency("厦门市教育局", ("厦教", "厦教基"), "XM00104",
           ("义务教育阶段学校招生", "校外培训机构管理", "中小学校园安全", "学前教育发展", "教师队伍建设",
            "中考改革", "学生资助工作", "课后服务工作"),
           ("教育",)),
    Agency("厦门市自然资源和规划局", ("厦资源规划", "厦资源规划函"), "XM00105",
           ("国有建设用地供应计划", "不动产登记", "城市更新", "控制性详细规划", "耕地保护", "海域使用管理",
            "地质灾害防治"),
           ("国土资源、能源", "城乡建设、环境保护")),
    Agency("厦门市生态环境局", ("厦环", "厦环评"), "XM00106",
           ("大气污染防治", "九龙江流域水环境保护", "近岸海域水质监测", "建设项目环境影响评价", "固体废物污染防治",
            "噪声污染防治", "排污许可管理"),
           ("城乡建设、环境保护",)),
    Agency("厦门市市场监督管理局", ("厦市监", "厦市监规"), "XM00107",
           ("食品安全监督抽检", "特种设备安全", "个体工商户登记", "计量器具检定", "网络交易监管", "药品零售企业检查",
            "商事主体登记"),
           ("市场监管、安全生产监管",)),
    Agency("思明区人民政府", ("思政", "思政办"), "XM10100",
           ("老旧小区改造", "中山路片区提升", "社区网格化管理", "鼓浪屿周边环境整治", "背街小巷改造", "防汛防台风工作"),
           ("综合政务", "城乡建设、环境保护", "民政、扶贫、救灾"), district="思明区"),
    Agency("湖里区人民政府", ("湖政", "湖政办"), "XM10200",
           ("旧村改造", "湖里创新园建设", "社区养老服务", "五缘湾片区开发", "征地拆迁补偿", "安全生产大检查"),
           ("综合政务", "城乡建设、环境保护", "劳动、人事、监察"), district="湖里区"),
    Agency("集美区人民政府", ("集政", "集政办"), "XM10300",
           ("集美新城建设", "学村周边交通组织", "农村人居环境整治", "杏林湾生态保护"),
           ("综合政务", "城乡建设、环境保护"), district="集美区"),
    Agency("海沧区人民政府", ("海政", "海政办"), "XM10400",
           ("港口物流发展", "海沧湾公园管理", "征地拆迁补偿", "工业园区安全生产"),
           ("综合政务", "国民经济管理、国有资产监管"), district="海沧区"),
)

#: Streets and communities by district, so that a notice names places that lie together.
STREETS_BY_DISTRICT: dict[str, tuple[str, ...]] = {
    "思明区": ("湖滨南路", "湖滨北路", "厦禾路", "莲前西路", "莲前东路", "思明南路", "思明北路", "鹭江道", "中山路",
             "禾祥西路", "湖光路", "环岛路", "槟榔路", "莲花北路", "松岳路", "文屏路", "嘉禾路", "仙岳路"),
    "湖里区": ("嘉禾路", "仙岳路", "吕岭路", "枋湖路", "江头北路", "蔡塘路", "金尚路", "长青路", "湖里大道", "兴湖路"),
    "集美区": ("集美大道", "杏林湾路", "同集南路", "杏林路"),
    "海沧区": ("海沧大道", "新阳大道", "马青路"),
    "同安区": ("同集中路", "环城南路", "同安大道"),
    "翔安区": ("翔安南路", "翔安大道", "新店路"),
}
COMMUNITIES_BY_DISTRICT: dict[str, tuple[str, ...]] = {
    "思明区": ("莲花新村", "槟榔社区", "滨北社区", "开元社区", "何厝社区", "前埔北社区", "瑞景社区", "洪文社区"),
    "湖里区": ("江头社区", "塘边社区", "金山社区", "殿前社区", "高殿社区", "东渡社区", "湖边社区", "兴隆社区", "枋湖社区",
             "金鸡亭社区", "后埔社区"),
    "集美区": ("侨英社区", "乐海社区", "杏滨社区"),
    "海沧区": ("新阳社区", "海沧社区", "东孚社区"),
    "同安区": ("城东社区", "西柯社区"),
    "翔安区": ("新店社区", "马巷社区"),
}
DISTRICTS = tuple(STREETS_BY_DISTRICT)
STREETS = tuple(dict.fromkeys(street for streets in STREETS_BY_DISTRICT.values() for street in streets))
COMMUNITIES = tuple(c for communities in COMMUNITIES_BY_DISTRICT.values() for c in communities)
SURNAMES = "陈林黄张李王吴刘蔡杨许郑谢洪郭邱曾廖赖周叶苏庄吕江何罗高"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华建国志文斌鹏宇晨欣怡婷雪梅海峰"
COMPANY_WORDS = ("鑫源达", "鹭岛", "嘉禾", "海沧港", "金鹭", "宏盛", "联发", "恒通", "瑞祥", "华辉", "建发兴", "信达昌",
                 "同创", "鼎泰", "银鹭", "百利", "海晟", "闽南", "永昇", "厦航兴", "嘉益", "万利", "盛世华", "天泽",
                 "国贸通", "星海", "翔鹭", "凯瑞", "东方鑫", "富源")
COMPANY_TRADES = ("贸易", "进出口", "科技", "物流", "餐饮管理", "建筑工程", "装饰工程", "电子商务", "信息技术", "文化传媒",
                  "投资咨询", "供应链管理", "机械设备", "食品", "房地产经纪", "物业管理", "汽车服务", "教育咨询")

ADDRESSEES = {
    "city": "各区人民政府，市直各委、办、局，各开发区管委会，各有关单位：",
    "bureau": "各区{field}主管部门，局属各单位，各有关单位：",
    "district": "各街道办事处，区直各部门，各有关单位：",
    "report": "市人民政府：",
}
REQUESTERS = ("市教育局", "市财政局", "市生态环境局", "市市场监督管理局", "市自然资源和规划局", "思明区人民政府",
              "湖里区人民政府", "厦门火炬高技术产业开发区管委会", "厦门港口管理局", "市城市管理行政执法局")

#: Title forms, each with the kind of opening paragraph a document of that form starts with.
TITLE_FORMS: tuple[tuple[str, str], ...] = (
    ("关于印发《厦门市{subject}管理办法》的通知", "issue"),
    ("关于印发厦门市{subject}实施方案的通知", "issue"),
    ("关于印发《厦门市{subject}三年行动计划（{year}—{year2}年）》的通知", "issue"),
    ("关于进一步加强{subject}工作的通知", "notice"),
    ("关于做好{year}年{subject}工作的通知", "notice"),
    ("关于公布{year}年{subject}有关事项的通知", "notice"),
    ("关于下达{year}年{subject}专项资金的通知", "notice"),
    ("关于开展{subject}专项检查的通知", "notice"),
    ("关于调整{subject}有关政策并做好新旧政策衔接工作的通知", "notice"),
    ("关于{subject}的实施意见", "opinion"),
    ("转发省政府办公厅关于{subject}若干措施的通知", "forward"),
    ("关于{year}年{subject}工作情况的报告", "report"),
    ("关于{subject}有关问题的批复", "reply"),
)
OPENINGS: dict[str, tuple[str, ...]] = {
    "issue": (
        "为贯彻落实《{higher}》（{higher_no}）精神，进一步做好{subject}工作，结合我市实际，经市政府同意，"
        "现将《{doc}》印发给你们，请认真贯彻执行。",
        "《{doc}》已经{agency}研究同意，现印发给你们，请结合实际认真组织实施。",
    ),
    "notice": (
        "为进一步规范{subject}，提升{place}{field}工作水平，根据有关法律法规规定，现就有关事项通知如下：",
        "根据《{higher}》（{higher_no}）要求，经研究，决定在全市范围内开展{subject}工作。现将有关事项通知如下：",
    ),
    "opinion": (
        "{year}年以来，全市{subject}工作取得了积极进展，但仍存在{weakness}等问题。为切实解决上述问题，现提出以下意见：",
    ),
    "forward": (
        "现将《{higher}》（{higher_no}）转发给你们，并结合我市实际提出以下贯彻意见，请一并抓好落实。",
    ),
    "report": (
        "根据市政府工作部署，现将{year}年{subject}工作情况报告如下：",
    ),
    "reply": (
        "你单位《关于{subject}有关问题的请示》收悉。经研究，现批复如下：",
    ),
}
#: Section headings in the order official documents use them.
SECTION_HEADS = ("总体要求", "工作目标", "适用范围", "主要任务", "重点工作", "实施步骤", "职责分工", "资金安排", "监督管理",
                 "保障措施", "工作要求", "附则")
REPORT_HEADS = ("基本情况", "主要做法", "取得成效", "存在问题", "下一步工作打算")
REPLY_HEADS = ("原则同意", "有关要求", "其他事项")
SENTENCES = (
    "各区、各部门要充分认识{subject}的重要意义，切实加强组织领导，明确责任分工，确保各项任务落到实处。",
    "到{year2}年底，全市{subject}覆盖率达到{pct}%以上，{place}率先完成阶段性目标。",
    "{place}要结合辖区实际，制定具体实施方案，于{month}月{day}日前报送{agency}。",
    "建立{subject}联席会议制度，由{agency}牵头，相关部门配合，每季度召开一次会议，协调解决重大问题。",
    "对{place}{street}沿线、{community}等重点区域开展排查，发现问题及时整改，整改情况纳入年度绩效考核。",
    "市财政每年安排专项资金{money}万元，用于支持{subject}，资金使用情况向社会公开，接受社会监督。",
    "严格执行《中华人民共和国政府信息公开条例》，除涉及国家秘密、商业秘密和个人隐私外，相关信息应当主动公开。",
    "加强{field}信息化建设，依托“i厦门”平台实现网上申报、网上审批，群众办事“最多跑一次”。",
    "对工作推进不力、造成不良影响的单位和个人，依法依规严肃追究责任。",
    "各有关单位要加强宣传引导，通过厦门日报、厦门广播电视集团及政府网站等渠道做好政策解读，营造良好社会氛围。",
    "申请人应当提交申请表、营业执照复印件、法定代表人身份证明等材料，对材料的真实性负责。",
    "{agency}应当自受理之日起{days}个工作日内作出决定；不予批准的，应当书面说明理由。",
    "本{doc_kind}自{effective}起施行，有效期{valid}年。此前有关规定与本{doc_kind}不一致的，以本{doc_kind}为准。",
    "执行中遇到的问题，请及时向{agency}反映。联系电话：0592-{phone}。",
    "要坚持问题导向，聚焦{weakness}等突出问题，逐项建立台账，实行销号管理。",
    "鼓励社会资本参与{subject}，对符合条件的项目给予不超过总投资{pct}%的补助，单个项目最高不超过{money}万元。",
    "{place}{community}作为试点，先行先试，及时总结经验，{year2}年起在全市推广。",
    "各责任单位要于每季度末将工作进展情况书面报送{agency}，由{agency}汇总后报市政府。",
    "加强与金门、漳州、泉州等周边地区的协作，推动厦漳泉{subject}一体化发展。",
    "对{street}、{street2}等主干道两侧的建设项目，实行规划、建设、验收全过程监管。",
    "{year}年全市共受理{subject}相关申请{count}件，办结率{pct}%，群众满意度较上年有所提升。",
    "{place}结合{street}片区实际，探索“街道吹哨、部门报到”工作机制，推动问题就地解决。",
    "严格落实安全生产责任制，汛期前对{community}周边边坡、地下空间等重点部位开展隐患排查。",
    "健全投诉举报处理机制，畅通12345政务服务便民热线，对群众反映的问题限时办理、及时反馈。",
    "依法保障当事人的知情权、参与权和监督权，涉及群众切身利益的事项应当公开征求意见，征求意见期限不少于{days}日。",
    "{agency}会同市审计局对资金使用情况进行绩效评价，评价结果作为下一年度预算安排的重要依据。",
    "推进“放管服”改革，压缩审批时限，办理时间由{days2}个工作日压缩至{days}个工作日。",
    "加强队伍建设，定期组织业务培训，提高{field}工作人员依法行政能力和服务水平。",
    "各区应当建立{subject}工作档案，做到一户一档、一事一档，确保资料完整、可追溯。",
    "对在{subject}工作中成绩突出的单位和个人，按照有关规定给予表彰奖励。",
)
WEAKNESSES = ("部门协同不够顺畅", "基层力量相对薄弱", "资金保障不足", "信息共享程度不高", "群众知晓率偏低",
              "执法监管存在薄弱环节", "项目推进进度不平衡")
HIGHER_DOCS = (("国务院办公厅关于进一步做好{subject}工作的意见", "国办发〔{year}〕{num}号"),
               ("福建省人民政府关于加强{subject}的通知", "闽政〔{year}〕{num}号"),
               ("福建省人民政府办公厅关于印发{subject}工作方案的通知", "闽政办〔{year}〕{num}号"),
               ("国务院关于{subject}的指导意见", "国发〔{year}〕{num}号"))
FIELD_BY_TOPIC = {
    "综合政务": "政务", "国民经济管理、国有资产监管": "经济", "财政、金融、审计": "财政", "国土资源、能源": "自然资源",
    "城乡建设、环境保护": "生态环境", "市场监管、安全生产监管": "市场监管", "教育": "教育", "卫生、体育": "卫生健康",
    "劳动、人事、监察": "人力资源", "交通": "交通运输", "民政、扶贫、救灾": "民政",
}

# Notices -------------------------------------------------------------------------------------------------------
LOST_ITEMS = ("营业执照正本", "营业执照副本", "公章", "财务专用章", "合同专用章", "发票专用章", "法定代表人私章",
              "增值税专用发票", "增值税普通发票", "开户许可证", "食品经营许可证", "道路运输经营许可证", "税务登记证副本")
PERSON_LOST_ITEMS = ("居民身份证", "不动产权证书", "房屋所有权证", "机动车行驶证", "出生医学证明", "教师资格证书",
                     "厦门市社会保障卡", "购房发票")
OUTAGE_REASONS = {
    "power": ("线路检修", "配电设备检修", "线路迁改", "变电站设备检修", "配网改造工程施工", "电缆更换"),
    "water": ("供水管道检修", "管网改造施工", "阀门更换", "新建管道接驳", "市政道路施工迁改管线"),
    "gas": ("燃气管道检修", "调压设备维护", "管网碰口施工"),
}
UTILITIES = {
    "power": ("国网厦门供电公司", "停电", "供电"),
    "water": ("厦门水务集团有限公司", "停水", "供水"),
    "gas": ("厦门华润燃气有限公司", "停气", "供气"),
}
BUSINESS_ACTIONS = ("注销", "减资", "合并", "清算", "分立")
LAND_ACTIONS = ("国有建设用地使用权挂牌出让", "国有建设用地使用权拍卖出让", "房屋征收决定", "房屋征收补偿方案征求意见",
                "集体土地征收预公告")
LAND_USES = ("商服用地", "住宅用地", "工业用地", "科研用地", "公共管理与公共服务用地", "仓储用地")


def _cn_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


class CorpusGenerator:
    """Seeded generator: `records(n)` yields the same n dicts for the same seed and settings."""

    def __init__(
        self,
        seed: int = 20140506,
        disclosure_share: float = 0.625,
        body_chars: tuple[int, int] = (300, 900),
    ) -> None:
        self.rng = random.Random(seed)
        self.disclosure_share = disclosure_share
        self.body_chars = body_chars
        self._serials: dict[tuple[str, int], int] = {}  # (doc prefix, year) -> last 文号 serial
        self._index_serials: dict[tuple[str, int], int] = {}  # (agency code, year) -> last 索引号 serial
        self._notice_serial = 0
        self._credit_codes: set[str] = set()

    # helpers ----------------------------------------------------------------------------------------------------
    def _day(self, first: date = FIRST_DAY, last: date = LAST_DAY) -> date:
        return first + timedelta(days=self.rng.randrange((last - first).days + 1))

    def _person(self) -> str:
        return self.rng.choice(SURNAMES) + "".join(self.rng.choices(GIVEN, k=self.rng.choice((1, 2))))

    def _company(self) -> str:
        district = self.rng.choice(("", "", "", "市思明区", "市湖里区", "市集美区", "市海沧区"))
        return f"厦门{district}{self.rng.choice(COMPANY_WORDS)}{self.rng.choice(COMPANY_TRADES)}有限公司"

    def _address(self) -> str:
        district = self.rng.choice(DISTRICTS)
        return f"{district}{self.rng.choice(STREETS_BY_DISTRICT[district])}{self.rng.randint(1, 999)}号。"

    def _credit_code(self) -> str:
        # 91 (enterprise) + 350200-ish region + 10 characters; unique within one generated corpus.
        alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
        while True:
            code = "91" + self.rng.choice(("350200", "350203", "350205", "350206", "350211", "350212", "350213"))
            code += "".join(self.rng.choices(alphabet, k=10))
            if code not in self._credit_codes:
                self._credit_codes.add(code)
                return code

    def _sentence_context(self, agency: Agency, subject: str, topic: str, written: date) -> dict[str, Any]:
        rng = self.rng
        place = agency.district or rng.choice(DISTRICTS)
        street, street2 = rng.sample(STREETS_BY_DISTRICT[place], 2)
        days = rng.choice((5, 7, 10, 15, 20))
        return {
            "subject": subject,
            "agency": agency.name,
            "field": FIELD_BY_TOPIC[topic],
            "place": place,
            "street": street,
            "street2": street2,
            "community": rng.choice(COMMUNITIES_BY_DISTRICT[place]),
            "year": written.year,
            "year2": written.year + rng.choice((1, 2, 3)),
            "month": rng.randint(1, 12),
            "day": rng.randint(1, 28),
            "effective": _cn_date(written + timedelta(days=rng.choice((0, 15, 30, 31)))),
            "pct": rng.choice((30, 50, 60, 80, 85, 90, 95)),
            "money": rng.choice((200, 500, 800, 1000, 1500, 3000, 5000)),
            "count": rng.randint(120, 98000),
            "days": days,
            "days2": days * rng.choice((2, 3, 4)),
            "valid": rng.choice((3, 5)),
            "phone": f"{rng.randint(2000000, 8999999)}",
            "weakness": rng.choice(WEAKNESSES),
            "doc_kind": rng.choice(("办法", "通知", "意见", "规定")),
        }

    # disclosures ------------------------------------------------------------------------------------------------
    def _doc_number(self, prefix: str, year: int, serial: int | None = None) -> tuple[str, str]:
        """(canonical, as written): a few reprints write [2014] or （2014） instead of 〔2014〕.

        A given `serial` is used as is (and later numbers of that prefix and year continue above it).
        """
        key = (prefix, year)
        if serial is None:
            serial = self._serials.get(key, 0) + self.rng.randint(1, 9)
            style = self.rng.random()
        else:
            style = 1.0
        self._serials[key] = max(self._serials.get(key, 0), serial)
        canonical = f"{prefix}〔{year}〕{serial}号"
        if style < 0.05:
            return canonical, f"{prefix}[{year}]{serial}号"
        if style < 0.09:
            return canonical, f"{prefix}（{year}）{serial}号"
        return canonical, canonical

    def serial_taken(self, prefix: str, year: int, serial: int) -> bool:
        """Whether a 文号 of this prefix and year with a number >= serial may have been given out."""
        return self._serials.get((prefix, year), 0) >= serial

    def index_serial_taken(self, agency_code: str, year: int, serial: int) -> bool:
        return self._index_serials.get((agency_code, year), 0) >= serial

    def _index_number(self, agency: Agency, topic: str, year: int, serial: int | None = None) -> str:
        key = (agency.code, year)
        serial = self._index_serials.get(key, 0) + 1 if serial is None else serial
        self._index_serials[key] = max(self._index_serials.get(key, 0), serial)
        return f"{agency.code}-{TOPIC_CODES[topic]}-{year}-{serial:05d}"

    def disclosure(
        self,
        agency_name: str | None = None,
        topic: str | None = None,
        written: date | None = None,
        doc_serial: int | None = None,
        index_serial: int | None = None,
    ) -> dict[str, Any]:
        """A random disclosure; the arguments pin one down (the demo's 厦府〔2014〕12号, for instance)."""
        rng = self.rng
        agency = next(a for a in AGENCIES if a.name == agency_name) if agency_name else rng.choice(AGENCIES)
        topic = topic or rng.choice(agency.topics)
        subject = rng.choice(agency.subjects)
        written = written or self._day()
        published = min(written + timedelta(days=rng.randint(0, 20)), LAST_DAY)
        ctx = self._sentence_context(agency, subject, topic, written)
        form, opening_kind = rng.choice(TITLE_FORMS)
        title = form.format(**ctx)
        if rng.random() < 0.08 and opening_kind not in ("reply", "report"):
            # Joint documents name their issuers in the title, which makes them long.
            partner = rng.choice(("厦门市财政局", "厦门市发展和改革委员会", "厦门市市场监督管理局"))
            if partner != agency.name:
                title = f"{agency.name}、{partner}{title}"
        prefix = agency.doc_prefixes[0] if doc_serial is not None else rng.choice(agency.doc_prefixes)
        _doc_no, doc_no_written = self._doc_number(prefix, written.year, doc_serial)
        higher_title, higher_no = rng.choice(HIGHER_DOCS)
        ctx |= {
            "higher": higher_title.format(subject=subject),
            "higher_no": higher_no.format(year=max(written.year - rng.randint(0, 2), 2006), num=rng.randint(1, 120)),
            "doc": title.split("《")[-1].split("》")[0] if "《" in title else f"厦门市{subject}工作方案",
        }
        body = self._disclosure_body(agency, topic, ctx, opening_kind, written, doc_no_written)
        candidates = [word for word in dict.fromkeys([FIELD_BY_TOPIC[topic], *title_keywords(title)]) if word != subject]
        keywords = [subject, *rng.sample(candidates, k=min(len(candidates), rng.randint(0, 2)))]
        summary = (f"{agency.name}发布《{title}》，"
                   f"明确了{subject}的{rng.choice(('工作目标', '主要任务', '适用范围', '申报条件', '办理程序'))}"
                   f"和{rng.choice(('保障措施', '职责分工', '实施步骤', '监督管理要求'))}。")
        index_number = self._index_number(agency, topic, written.year, index_serial)
        url = f"{URL_BASE}/zwgk/{agency.code.lower()}/{published:%Y%m}/t{published:%Y%m%d}_{index_number[-10:]}.htm"
        attachments = []
        if rng.random() < 0.2:
            extension = rng.choice(("xlsx", "docx", "pdf"))
            name = f"附件：{rng.choice(('任务分解表', '申报表', '名单', '实施细则'))}.{extension}"
            attachments.append({"name": name, "url": url.replace(".htm", f"_fj1.{extension}")})
        return {
            "kind": "disclosure",
            "title": title,
            "summary": summary,
            "doc_number": doc_no_written,
            "index_number": index_number,
            "issuer": agency.name,
            "keywords": keywords,
            "topic": topic,
            "written_date": written.isoformat(),
            "publish_date": published.isoformat(),
            "body": body,
            "url": url,
            "source": DISCLOSURE_SOURCE,
            "notice_type": None,
            "notice": None,
            "attachments": attachments,
        }

    def _addressee(self, agency: Agency, opening_kind: str, field: str) -> str:
        if opening_kind == "report":
            return ADDRESSEES["report"]
        if opening_kind == "reply":
            return self.rng.choice(REQUESTERS) + "："
        if agency.district:
            return ADDRESSEES["district"]
        if agency.name.startswith("厦门市人民政府"):
            return ADDRESSEES["city"]
        return ADDRESSEES["bureau"].format(field=field)

    def _disclosure_body(self, agency: Agency, topic: str, ctx: dict[str, Any], opening_kind: str,
                         written: date, doc_no: str) -> str:
        """文号 line (sometimes), addressee, opening, numbered sections 一、二、…, 落款 with issuer and date."""
        rng = self.rng
        target = rng.randint(*self.body_chars)
        lines = [doc_no] if rng.random() < 0.5 else []
        lines += [self._addressee(agency, opening_kind, ctx["field"]), rng.choice(OPENINGS[opening_kind]).format(**ctx)]
        signature = [agency.name, _cn_date(written),
                     rng.choice(("（此件主动公开）", "（此件主动公开）", "（此件依申请公开）"))]
        heads_pool = {"report": REPORT_HEADS, "reply": REPLY_HEADS}.get(opening_kind, SECTION_HEADS)
        wanted = max(2, min(len(heads_pool), 10, target // 180))
        heads = sorted(rng.sample(heads_pool, k=wanted), key=heads_pool.index)
        sections: list[list[str]] = [[] for _ in heads]
        length = sum(map(len, lines)) + sum(map(len, signature)) + sum(len(h) + 3 for h in heads)
        # Reports and replies do not "take effect from" a date; other documents may say so.
        sentence_forms = [form for form in SENTENCES if opening_kind not in ("report", "reply") or "{effective}" not in form]
        pool: list[str] = []
        turn = 0
        # One sentence at a time, round robin over the sections, so a body overshoots its target by < 1 sentence.
        while length < target or turn < len(heads):
            if not pool:
                pool = rng.sample(sentence_forms, k=len(sentence_forms))
            context = ctx | {k: v for k, v in self._sentence_context(agency, ctx["subject"], topic, written).items()
                             if k not in ("subject", "year")}
            sentence = pool.pop().format(**context)
            sections[turn % len(heads)].append(sentence)
            length += len(sentence)
            turn += 1
        numerals = "一二三四五六七八九十"
        for number, (head, sentences) in enumerate(zip(heads, sections)):
            lines.append(f"{numerals[number]}、{head}\n{''.join(sentences)}")
        return "\n".join(lines + signature)

    # notices ----------------------------------------------------------------------------------------------------
    def _notice_url(self, published: date) -> str:
        self._notice_serial += 1
        page = self.rng.choice(("A10", "A11", "B06", "B07", "C04"))
        return f"{URL_BASE}/xmrb/{published:%Y-%m/%d}/{page}/content_{self._notice_serial:07d}.htm"

    def _notice_base(self, notice_type: str, title: str, issuer: str, published: date, body: str,
                     notice: dict[str, Any], keywords: list[str], summary: str) -> dict[str, Any]:
        return {
            "kind": "notice",
            "title": title,
            "summary": summary,
            "doc_number": "",
            "index_number": "",
            "issuer": issuer,
            "keywords": keywords,
            "topic": "",
            "written_date": None,
            "publish_date": published.isoformat(),
            "body": body,
            "url": self._notice_url(published),
            "source": NOTICE_SOURCE,
            "notice_type": notice_type,
            "notice": notice,
            "attachments": [],
        }

    def lost_notice(self) -> dict[str, Any]:
        rng = self.rng
        published = self._day()
        if rng.random() < 0.7:
            holder = self._company()
            code = self._credit_code()
            items = rng.sample(LOST_ITEMS, k=rng.randint(1, 3))
            numbers = [code]
            if any("发票" in item for item in items):
                numbers.append(f"{rng.randint(10000000, 99999999):08d}")
            who = f"{holder}（统一社会信用代码：{code}）"
        else:
            holder = self._person()
            items = [rng.choice(PERSON_LOST_ITEMS)]
            numbers = [f"3502{rng.randint(10, 99)}{rng.randint(1960, 2005)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
                       f"{rng.randint(100, 999)}{rng.choice('0123456789X')}"] if items[0] == "居民身份证" else \
                      [f"闽（{published.year - rng.randint(0, 5)}）厦门市不动产权第{rng.randint(1000000, 9999999)}号"] \
                      if items[0] == "不动产权证书" else [f"{rng.choice('ABCDEFGH')}{rng.randint(100000000, 999999999)}"]
            who = holder
        declared_void = rng.random() < 0.93
        number_text = "，".join(numbers[1:] if who != holder else numbers)
        body = f"{who}不慎遗失{'、'.join(items)}" + (f"，编号：{number_text}" if number_text else "") + \
               ("，声明作废。" if declared_void else "，特此声明。如有拾获者请与本人联系。")
        if rng.random() < 0.4:
            body += f"\n特此声明。\n{holder}\n{_cn_date(published)}"
        title = rng.choice(("遗失声明", f"{holder}遗失声明", f"{holder}遗失{items[0]}声明"))
        codes = numbers[:1] if who != holder else []  # a company's 统一社会信用代码; the rest are printed after 编号
        notice = {"holder": holder, "items": items, "credit_codes": codes,
                  "numbers": [{"label": "编号", "value": number.upper()} for number in numbers[len(codes):]],
                  "declared_void": declared_void}
        return self._notice_base("lost", title, holder, published, body, notice, ["遗失声明", items[0]],
                                 f"{holder}遗失{'、'.join(items)}" + ("，声明作废" if declared_void else ""))

    def outage_notice(self) -> dict[str, Any]:
        rng = self.rng
        utility = rng.choices(("power", "water", "gas"), weights=(6, 3, 1))[0]
        company, verb, service = UTILITIES[utility]
        published = self._day()
        reason = rng.choice(OUTAGE_REASONS[utility])
        district = rng.choice(DISTRICTS)
        blocks = []
        day = published + timedelta(days=rng.randint(1, 5))
        for _ in range(rng.randint(1, 4)):
            start = datetime(day.year, day.month, day.day, rng.choice((7, 8, 9, 13, 22)), rng.choice((0, 30)))
            end = start + timedelta(hours=rng.choice((3, 4, 6, 8, 10)), minutes=rng.choice((0, 30)))
            local_streets, local_communities = STREETS_BY_DISTRICT[district], COMMUNITIES_BY_DISTRICT[district]
            streets = rng.sample(local_streets, k=rng.randint(1, min(3, len(local_streets))))
            communities = rng.sample(local_communities, k=rng.randint(1, min(3, len(local_communities))))
            line = f"10kV{rng.choice(('莲坂', '湖滨', '江头', '禾山', '殿前', '杏林', '新阳', '前埔'))}{rng.randint(1, 9)}号线" \
                if utility == "power" else f"DN{rng.choice((200, 300, 400, 600, 800))}管道"
            blocks.append((start, end, streets, communities, line))
            day += timedelta(days=rng.choice((0, 1, 1, 2)))
        events = [
            {"utility": utility, "effect": "cut", "start": start.isoformat(timespec="minutes"), "end": end.isoformat(timespec="minutes"),
             "line": line, "areas": _areas_as_printed(district, streets, communities),
             "text": f"{start.month}月{start.day}日{start:%H:%M}至{'' if end.date() == start.date() else f'{end.month}月{end.day}日'}{end:%H:%M}"}
            for start, end, streets, communities, line in blocks
        ]
        paragraphs = [f"尊敬的{service}客户：",
                      f"因{reason}需要，{company}计划对以下区域暂停{service}，{verb}期间给您带来不便，敬请谅解。具体安排如下："]
        for number, (start, end, streets, communities, line) in enumerate(blocks, start=1):
            paragraphs.append(
                f"{number}.{verb}时间：{start.month}月{start.day}日{start:%H:%M}至"
                f"{'' if end.date() == start.date() else f'{end.month}月{end.day}日'}{end:%H:%M}；"
                f"{'检修线路' if utility == 'power' else '施工管段'}：{line}；"
                f"影响范围：{district}{'、'.join(streets)}沿线，{'、'.join(communities)}及周边单位、居民。")
        paragraphs.append(f"如遇雷雨等恶劣天气，{verb}计划将顺延，恢复{service}时间视施工进度可能提前，请用户做好准备，"
                          f"{verb}期间请勿私自接入临时{('电源', '水源', '气源')[('power', 'water', 'gas').index(utility)]}。"
                          f"咨询电话：{('95598', '0592-96303', '0592-96777')[('power', 'water', 'gas').index(utility)]}。")
        paragraphs.append(f"{company}\n{_cn_date(published)}")
        title = rng.choice((f"{verb}通知", f"{company}{verb}公告", f"关于{district}部分区域{reason}{verb}的通知",
                            f"{blocks[0][0].month}月{blocks[0][0].day}日{district}{blocks[0][2][0]}等片区计划{verb}通知"))
        notice = {"utility": utility, "events": events, "reason": reason, "issuer": company}
        return self._notice_base("outage", title, company, published, "\n".join(paragraphs), notice,
                                 [f"{verb}通知", reason, district],
                                 f"因{reason}，{blocks[0][0].month}月{blocks[0][0].day}日起{district}{'、'.join(blocks[0][2])}等区域{verb}")

    def business_tax_notice(self) -> dict[str, Any]:
        rng = self.rng
        published = self._day()
        company = self._company()
        code = self._credit_code()
        action = rng.choice(BUSINESS_ACTIONS)
        deadline = published + timedelta(days=45)
        decision = rng.choice(("股东会决议", "股东决定", "董事会决议"))
        contact = f"联系人：{self._person()}，联系电话：{rng.choice(('138', '139', '159', '186'))}{rng.randint(10000000, 99999999)}。"
        if action == "注销":
            text = (f"{company}（统一社会信用代码：{code}）经{decision}，拟向厦门市市场监督管理局申请注销登记，"
                    f"现已成立清算组。请债权人自本公告发布之日起45日内向本公司清算组申报债权。")
        elif action == "减资":
            before, after = sorted(rng.sample((100, 200, 300, 500, 800, 1000, 2000, 5000), 2), reverse=True)
            text = (f"{company}（统一社会信用代码：{code}）经{decision}，注册资本由人民币{before}万元减少至人民币{after}万元。"
                    f"请债权人自本公告发布之日起45日内要求本公司清偿债务或者提供相应的担保。")
        elif action == "合并":
            other = self._company()
            text = (f"经{decision}，{company}（统一社会信用代码：{code}）吸收合并{other}，合并后{other}解散。"
                    f"合并前各方的债权债务由合并后存续的{company}承继。请债权人自本公告发布之日起45日内向本公司申报债权。")
        elif action == "分立":
            text = (f"{company}（统一社会信用代码：{code}）经{decision}，拟分立为两家公司，分立前的债务由分立后的公司承担连带责任。"
                    f"请债权人自本公告发布之日起45日内向本公司申报债权。")
        else:
            text = (f"{company}（统一社会信用代码：{code}）已于{_cn_date(published - timedelta(days=rng.randint(1, 10)))}"
                    f"经{decision}解散并成立清算组，请债权人自本公告发布之日起45日内向清算组申报债权，逾期不申报的，视为放弃。")
        extra = rng.choice(("", "债权人申报债权时应当说明债权的有关事项，并提供证明材料。", "清算组地址：厦门市" +
                            self._address()))
        body = "\n".join(part for part in (text, extra, contact, f"特此公告。\n{company}\n{_cn_date(published)}") if part)
        title = rng.choice((f"{action}公告", f"{company}{action}公告", f"{company}关于{action}的债权人公告"))
        notice = {"company": company, "credit_code": code, "action": action, "claim_period_days": 45,
                  "claim_deadline": deadline.isoformat()}
        return self._notice_base("business_tax", title, company, published, body, notice, [f"{action}公告", "债权申报"],
                                 f"{company}{action}，债权人于{_cn_date(deadline)}前申报债权")

    def land_housing_notice(self) -> dict[str, Any]:
        rng = self.rng
        published = self._day()
        action = rng.choice(LAND_ACTIONS)
        district = rng.choice(DISTRICTS)
        local_streets = STREETS_BY_DISTRICT[district]
        street = rng.choice(local_streets)
        if "出让" in action:
            parcel = f"{published.year}{rng.choice('PGHY')}{rng.randint(1, 60):02d}"
            project = f"{parcel}地块"
            location = f"{district}{street}与{rng.choice([x for x in local_streets if x != street])}交叉口{rng.choice('东南西北')}侧"
            start = published + timedelta(days=20)
            end = start + timedelta(days=10)
            deadlines = [start.isoformat(), end.isoformat()]
            use = rng.choice(LAND_USES)
            area = rng.randint(3000, 90000)
            body = "\n".join((
                f"经厦门市人民政府批准，厦门市自然资源和规划局决定以{'挂牌' if '挂牌' in action else '拍卖'}方式出让"
                f"{project}国有建设用地使用权。现将有关事项公告如下：",
                f"一、出让地块基本情况：地块编号{parcel}，位于{location}，土地面积{area}平方米，土地用途为{use}，"
                f"出让年限{50 if use == '工业用地' else (70 if use == '住宅用地' else 40)}年，起始价{rng.randint(2, 900) * 100}万元。",
                f"二、竞买申请：中华人民共和国境内外的法人和其他组织均可申请参加（法律另有规定者除外），"
                f"申请人应于{_cn_date(start)}至{_cn_date(end)}期间办理竞买报名手续。",
                f"三、挂牌时间：{_cn_date(start)}9时至{_cn_date(end)}15时，挂牌地点：厦门市公共资源交易中心。",
                "四、其他事项：竞得人须在签订成交确认书后10个工作日内签订《国有建设用地使用权出让合同》。",
                f"厦门市自然资源和规划局\n{_cn_date(published)}",
            ))
            issuer = "厦门市自然资源和规划局"
            title = f"厦门市自然资源和规划局国有建设用地使用权{'挂牌' if '挂牌' in action else '拍卖'}出让公告（{parcel}）"
        else:
            project = f"{district}{rng.choice(('旧村改造', '道路拓宽', '片区综合开发', '棚户区改造', '轨道交通配套'))}项目"
            location = f"{district}{street}{rng.choice(COMMUNITIES_BY_DISTRICT[district])}"
            issuer = f"厦门市{district}人民政府"
            first = published + timedelta(days=rng.choice((15, 30)))
            second = first + timedelta(days=rng.choice((30, 60, 90)))
            deadlines = [first.isoformat(), second.isoformat()]
            law = ("《中华人民共和国土地管理法》《福建省实施〈中华人民共和国土地管理法〉办法》" if "集体土地" in action
                   else "《国有土地上房屋征收与补偿条例》《厦门市国有土地上房屋征收与补偿实施办法》")
            lead, last = {
                "房屋征收决定": (f"{issuer}决定对下列范围内的房屋实施征收",
                           "被征收人对房屋征收决定不服的，可在60日内申请行政复议，或在6个月内提起行政诉讼。"),
                "房屋征收补偿方案征求意见": (f"{issuer}组织拟定了征收补偿方案，现公开征求意见",
                                 f"公众可于{_cn_date(first)}前以书面形式向{district}房屋征收办公室提出意见和建议。"),
                "集体土地征收预公告": (f"{issuer}拟征收下列范围内的集体土地，现发布征收预公告",
                              "自本公告发布之日起，任何单位和个人不得在拟征收范围内抢栽抢建；违反规定的，对抢栽抢建部分不予补偿。"),
            }[action]
            body = "\n".join((
                f"因{project}建设需要，根据{law}等规定，{lead}。现将有关事项公告如下：",
                f"一、征收范围：{location}，东至{rng.choice(local_streets)}，西至{rng.choice(local_streets)}，具体以红线图为准。",
                f"二、征收部门：{district}房屋征收办公室；征收实施单位：{district}土地房屋征收服务中心。",
                f"三、被征收人应于{_cn_date(first)}前到征收现场指挥部办理评估机构选定及产权核实手续，"
                f"签约期限至{_cn_date(second)}止。",
                f"四、自本公告发布之日起，征收范围内暂停办理新建、扩建、改建房屋和改变房屋用途等手续。{last}",
                f"{issuer}\n{_cn_date(published)}",
            ))
            title = f"{issuer}关于{project}{action}的公告"
        notice = {"project": project, "location": location, "action": action, "deadlines": deadlines}
        return self._notice_base("land_housing", title, issuer, published, body, notice, [action, district],
                                 f"{project}，{action}，位于{location}")

    def traffic_notice(self) -> dict[str, Any]:
        """A notice of type 'other': 交通管制通告 of the traffic police, common among 便民公告 too."""
        rng = self.rng
        published = self._day()
        local_streets = STREETS_BY_DISTRICT[rng.choice(("思明区", "湖里区"))]
        street, other, third = rng.sample(local_streets, 3)
        start = published + timedelta(days=rng.randint(2, 7))
        end = start + timedelta(days=rng.choice((1, 3, 30, 90)))
        reason = rng.choice(("地铁施工", "市政管线施工", "道路改造提升", "马拉松赛事", "桥梁检测"))
        issuer = "厦门市公安局交通警察支队"
        body = "\n".join((
            f"因{reason}需要，根据《中华人民共和国道路交通安全法》第三十九条规定，决定对{street}部分路段实施交通管制。现通告如下：",
            f"一、管制时间：{_cn_date(start)}至{_cn_date(end)}。",
            f"二、管制路段：{street}（{other}路口至{third}路口）双向车道，禁止机动车通行，行人和非机动车按现场指示通行。",
            f"三、途经车辆请绕行{other}、{rng.choice([x for x in local_streets if x != street])}等道路。",
            "四、执行任务的警车、消防车、救护车、工程救险车不受上述限制。",
            f"特此通告。\n{issuer}\n{_cn_date(published)}",
        ))
        notice = {"issuer": issuer}  # the type 'other' carries no more (gongkai.notices.OtherNotice)
        return self._notice_base("other", f"关于{street}部分路段实施交通管制的通告", issuer, published, body, notice,
                                 ["交通管制", street], f"因{reason}，{_cn_date(start)}起{street}部分路段实施交通管制")

    def notice(self) -> dict[str, Any]:
        kind = self.rng.choices(("lost", "outage", "business_tax", "land_housing", "other"), weights=(8, 6, 5, 4, 1))[0]
        return {"lost": self.lost_notice, "outage": self.outage_notice, "business_tax": self.business_tax_notice,
                "land_housing": self.land_housing_notice, "other": self.traffic_notice}[kind]()

    def records(self, n: int) -> Iterator[dict[str, Any]]:
        """n records; the share of disclosures is exact (rounded), their order interleaved."""
        disclosures = round(n * self.disclosure_share)
        kinds = ["disclosure"] * disclosures + ["notice"] * (n - disclosures)
        self.rng.shuffle(kinds)
        for kind in kinds:
            yield self.disclosure() if kind == "disclosure" else self.notice()


def _areas_as_printed(district: str, streets: list[str], communities: list[str]) -> list[dict[str, str]]:
    """The places of "影响范围：{district}{streets}沿线，{communities}及周边单位、居民" as the notice parser
    reads them (gongkai.notices.OutageArea): the district printed with the first street heads every place,
    沿线 after the last street."""
    printed = [f"{district}{streets[0]}" + ("沿线" if len(streets) == 1 else ""), *streets[1:-1]]
    if len(streets) > 1:
        printed.append(f"{streets[-1]}沿线")
    areas = []
    for index, text in enumerate([*printed, *communities]):
        name = (streets + communities)[index]
        areas.append({"name": name, "district": district, "subdistrict": "", "section": "",
                      "numbers": "", "text": text})
    return areas


def title_keywords(title: str) -> list[str]:
    """Cheap keyword candidates from a title: the words between 关于/印发 and 的通知."""
    core = title.replace("关于", " ").replace("印发", " ").replace("的通知", " ").replace("《", " ").replace("》", " ")
    return [word for word in core.split() if 2 <= len(word) <= 12]


def write_jsonl(records: Iterator[dict[str, Any]], path: Path) -> int:
    """Write records one JSON object per line (UTF-8, Chinese unescaped); return how many."""
    count = 0
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="\n") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")
            count += 1
    return count
