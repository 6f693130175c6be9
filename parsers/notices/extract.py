"""Structured fields of one notice, per type (models in gongkai/notices.py, re-exported by fields.py).

A notice type is recognised by the rules its model declares (classify.py). Its fields are read by the reader
registered for it here with `@reads("type")`; a type without one gets its printed `标签：值` lines, each field
read by its Chinese label (labelled.py), so a new notice type whose fields are printed that way needs no code here."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from gongkai.dates import cn_number, find_dates
from gongkai.notices import NOTICE_MODELS, NoticeFields
from gongkai.parsers.notices.fields import (
    BusinessTaxNotice,
    IdentifierNumber,
    LandHousingNotice,
    LostNotice,
    OtherNotice,
    OutageNotice,
)
from gongkai.parsers.notices.labelled import read_labelled
from gongkai.parsers.notices.normal import fold_all as fold
from gongkai.parsers.notices.outages import find_events

#: (title, text, issue date, issuer) -> the notice's model.
Reader = Callable[[str, str, date | None, str], NoticeFields]
#: notice type -> its reader, for the types whose fields need more than labelled values.
READERS: dict[str, Reader] = {}


def reads(notice_type: str) -> Callable[[Reader], Reader]:
    """Register a function as the reader of a notice type's fields."""

    def register(reader: Reader) -> Reader:
        READERS[notice_type] = reader
        return reader

    return register

# 统一社会信用代码 (GB 32100-2015): 18 characters of 0-9 and upper-case letters without I, O, S, V, Z.
CREDIT_CODE_RE = re.compile(r"(?<![0-9A-Z])[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}(?![0-9A-Z])")
_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_NUMBER_RE = re.compile(
    r"(?P<label>身份证号码?|证件号码?|证号|编号|注册号|登记证号|许可证号|发票代码|发票号码|号码|执照号|代码证号|车牌号)"
    r"\s*[为:]?\s*(?P<value>[0-9A-Za-z][0-9A-Za-z\-—]{4,40})"
)
_QUANTITY = re.compile(r"(?:各|共)?[一二两三四五六七八九十壹贰叁\d]+(?:枚|本|张|份|个|套|页|册|联)$")
_ISSUED_BY = re.compile(r"^(?:由)?[\u4e00-\u9fff（）()]{2,40}?(?:核发|颁发|签发|发放|出具|开具|办理)的")
_ORG_END = r"(?:有限责任公司|股份有限公司|有限公司|分公司|合伙企业（有限合伙）|合伙企业|个体工商户|商行|商店|经营部|工作室|店|厂|中心|事务所|门市部)"


def valid_credit_code(code: str) -> bool:
    """The check character of a 统一社会信用代码 is right."""
    if len(code) != 18 or any(ch not in _CODE_ALPHABET for ch in code):
        return False
    total = sum(_CODE_ALPHABET.index(ch) * weight for ch, weight in zip(code, _CODE_WEIGHTS))
    return _CODE_ALPHABET[(31 - total % 31) % 31] == code[17]


def credit_codes(text: str) -> list[str]:
    """Every 统一社会信用代码 in the text (upper-cased, in order, no repeats): a code whose check character
    is right, or any 18-character code printed after its label. An 18-digit 身份证号 is neither."""
    found: dict[str, None] = {}
    upper = fold(text).upper()
    for match in CREDIT_CODE_RE.finditer(upper):
        code = match.group(0)
        labelled = re.search(r"(?:信用代码|纳税人识别号|税号)\s*[:为]?\s*$", upper[max(0, match.start() - 14):match.start()])
        if valid_credit_code(code) or labelled:
            found.setdefault(code, None)
    return list(found)


def extract_lost(text: str) -> LostNotice:
    folded = fold(text)
    match = re.search(r"(?:^|\n|。)\s*(?P<holder>[^，,。\n]{2,80}?)(?:不慎|于\S{0,12})?(?:遗失|丢失|遗落)", folded)
    # Matched on folded text, taken from the original (same positions): names keep their case and script.
    holder = text[match.start("holder"):match.end("holder")].strip() if match else ""
    holder = re.sub(r"[(（][^)）]*[)）]", "", holder)  # "（统一社会信用代码：…）" after the name
    holder = re.sub(r"^(?:遗失声明\s*[:：]?|声明\s*[:：]|本人|现|兹有|今)", "", holder).strip()
    if not holder:
        # 本人李娜，身份证号码…，不慎遗失…: the person named at the start, before the clause of the 遗失
        named = re.match(r"\s*(?:遗失声明\s*[:：]?\s*)?(?:本人|兹有)\s*(?P<name>[\u4e00-\u9fff·]{2,20}?)\s*[，,（(]", folded)
        holder = text[named.start("name"):named.end("name")] if named else ""
    items: list[str] = []
    # the first 遗失 that is not the heading word 遗失声明; a bracket (发票代码…，号码…) is part of its item
    match = re.search(r"(?:遗失|丢失|遗落)(?!声明)(?P<items>(?:[^，,。；;\n（(]|[（(][^）)\n]*[）)])+)", folded)
    if match:
        # "营业执照正、副本" is one item, not "营业执照正" and "副本".
        listed = re.sub(r"正\s*、\s*副本", "正副本", text[match.start("items"):match.end("items")])
        # 和 joins two items (身份证和户口本), never inside a name that holds it (中华人民共和国残疾人证, 和平路店, 和谐…)
        for item in re.split(r"、|(?<!共)和(?![国平谐睦美])|以及|及", listed):
            item = _QUANTITY.sub("", re.sub(r"[(（][^)）]*[)）]", "", item).strip()).strip()
            item = _ISSUED_BY.sub("", item)  # 由厦门市思明区市场监督管理局核发的营业执照正本: the licence, not who issued it
            if item and item not in items:
                items.append(item)
    codes = credit_codes(text)
    numbers = [
        IdentifierNumber(label=m["label"], value=m["value"].upper())
        for m in _NUMBER_RE.finditer(folded)
        if m["value"].upper() not in codes
    ]
    return LostNotice(holder=holder, items=items, credit_codes=codes, numbers=numbers, declared_void="作废" in folded)


def _utility(title: str, text: str) -> str:
    for scope in (fold(title), fold(text)):
        counts = {
            "water": len(re.findall(r"停水|供水|自来水|水务|水压", scope)),
            "power": len(re.findall(r"停电|供电|电力|线路|kv|配电", scope)),
            "gas": len(re.findall(r"停气|燃气|天然气|供气|煤气", scope)),
        }
        best = max(counts, key=lambda k: counts[k])
        if counts[best]:
            return best
    return "unknown"


def extract_outage(title: str, text: str, reference: date | None, issuer: str) -> OutageNotice:
    folded = fold(text)
    reason = ""
    match = re.search(r"(?:因|由于|为配合|为了|为)(?P<reason>[^，,。\n]{2,60})", folded) or re.search(
        r"受[^，,。\n]{2,40}?影响", folded
    )
    if match:
        reason = text[match.start():match.end()]
    utility = _utility(title, text)
    return OutageNotice(
        utility=utility,
        events=find_events(text, reference, utility),
        reason=reason.strip(),
        issuer=issuer,
    )


_ACTIONS = ("注销", "减资", "增资", "合并", "分立", "清算", "吊销", "迁移", "欠税", "非正常户", "股权转让")


def extract_business(title: str, text: str, publish: date | None) -> BusinessTaxNotice:
    folded = fold(title + "\n" + text)
    company = ""
    match = re.search(rf"[\u4e00-\u9fff（）()]{{2,40}}?{_ORG_END}", fold(title)) or re.search(
        rf"(?P<c>[\u4e00-\u9fff（）()]{{2,40}}?{_ORG_END})", folded
    )
    if match:
        company = (match.groupdict().get("c") or match.group(0)).strip()
        company = re.sub(r"^(?:关于|现对|对|经|现|本|根据|兹有|兹)", "", company)
    action = next((a for a in _ACTIONS if a in fold(title)), "") or next((a for a in _ACTIONS if a in folded), "")
    codes = credit_codes(text)
    days = None
    # Creditors who got no letter count from the publication: that is the period a notice announces.
    match = re.search(r"(?:公告|见报|刊登|登报|发布)之日起\s*(?P<n>\d{1,3}|[一二三四五六七八九十]{1,3})\s*[日天]内", folded) \
        or re.search(r"(?:之日起|起)\s*(?P<n>\d{1,3}|[一二三四五六七八九十]{1,3})\s*[日天]内", folded)
    if match:
        raw = match["n"]
        days = cn_number(raw)
    deadline = publish + timedelta(days=days) if publish and days else None
    match = re.search(r"(?:于|在)(?P<d>(?:19|20)\d{2}年\d{1,2}月\d{1,2}日)(?:前|之前)[^。]{0,20}申报", folded)
    if match:
        found = find_dates(match["d"])
        deadline = found[0] if found else deadline
    capital_from = capital_to = ""
    match = re.search(r"注册资本(?:由|从)?(?:人民币)?\s*(?P<a>[\d.,]+\s*万?元)\s*(?:减少?至|减为|变更为|增加?至)\s*(?:人民币)?\s*(?P<b>[\d.,]+\s*万?元)", folded)
    if match:
        capital_from, capital_to = match["a"].replace(" ", ""), match["b"].replace(" ", "")
    return BusinessTaxNotice(
        company=company, credit_code=codes[0] if codes else "", action=action or "其他", claim_period_days=days,
        claim_deadline=deadline, capital_from=capital_from, capital_to=capital_to,
    )


_LAND_ACTIONS = ("征收", "拍卖", "挂牌", "出让", "公示", "预售", "登记", "补偿", "拆迁", "招标")


def extract_land(title: str, text: str) -> LandHousingNotice:
    original = title + "\n" + text
    folded = fold(original)  # same length as `original`: positions found in one hold in the other
    project = ""
    match = (
        re.search(r"(?P<p>[0-9A-Za-z\-]{4,20}(?:号)?地块)", folded)
        or re.search(r"(?:拍卖|挂牌|出让|征收)(?:标的)?[:：]\s*(?P<p>[^，,。；;\n]{2,60})", folded)
        or re.search(r"(?P<p>[\u4e00-\u9fff0-9（）()]{2,40}?(?:项目|片区|地块|宗地))", folded)
    )
    if match:
        project = original[match.start("p"):match.end("p")]
        project = re.sub(r"^(?:为实施|为推进|为|因|实施|关于|对|经|将|就|以挂牌方式出让|以拍卖方式出让)", "", project)
    location = ""
    match = re.search(r"(?:位于|坐落于|座落于|土地位置\s*[:：]|地块位置\s*[:：]|房屋坐落\s*[:：])\s*(?P<l>[^，,。；\n]{2,60})", folded)
    if match:
        location = match["l"].strip()
    else:
        # No "位于": the first street address printed (思明区嘉禾路318号1801室).
        match = re.search(r"[\u4e00-\u9fff]{1,4}[区县市](?:[\u4e00-\u9fff]{1,12}?(?:路|街|道|巷|里|村|社区))[0-9之\-]*(?:号)?(?:[0-9A-Za-z之\-]+(?:室|栋|幢|单元))*", folded)
        location = original[match.start():match.end()] if match else ""
        location = re.sub(r"^(?:因|为|对|在|经|将|就|于)", "", location)  # 因湖里区东部旧村改造…: the sentence's word, not the place
    action = next((a for a in _LAND_ACTIONS if a in fold(title)), "") or next((a for a in _LAND_ACTIONS if a in folded), "")
    deadlines: list[date] = []
    for match in re.finditer(
        r"(?:截止(?:时间|日期)?为?|截至)\s*(?P<d>(?:19|20)\d{2}年\d{1,2}月\d{1,2}日)|(?P<d2>(?:19|20)\d{2}年\d{1,2}月\d{1,2}日)[^，。]{0,8}?(?:前|止)",
        folded,
    ):
        found = find_dates(match["d"] or match["d2"])
        if found and found[0] not in deadlines:
            deadlines.append(found[0])
    return LandHousingNotice(project=project, location=location, action=action, deadlines=deadlines)


@reads("lost")
def _read_lost(title: str, text: str, reference: date | None, issuer: str) -> NoticeFields:
    return extract_lost(text)


reads("outage")(extract_outage)


@reads("business_tax")
def _read_business(title: str, text: str, reference: date | None, issuer: str) -> NoticeFields:
    return extract_business(title, text, reference)


@reads("land_housing")
def _read_land(title: str, text: str, reference: date | None, issuer: str) -> NoticeFields:
    return extract_land(title, text)


def extract_fields(notice_type: str, title: str, text: str, reference: date | None, issuer: str) -> NoticeFields:
    reader = READERS.get(notice_type)
    if reader is not None:
        return reader(title, text, reference, issuer)
    return read_labelled(NOTICE_MODELS.get(notice_type, OtherNotice), title, text, issuer)
