"""Structured fields of one notice, per type (models in gongkai/notices.py, imported from there).

A notice type is recognised by the rules its model declares (classify.py). Its fields are read by the reader
registered for it here with `@reads("type")`; a type without one gets its printed `标签：值` lines, each field
read by its Chinese label (labelled.py), so a new notice type whose fields are printed that way needs no code here."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from gongkai.dates import cn_number, find_dates
from gongkai.notices import (  # the models, from where they are declared: a new type's reader imports its own here
    NOTICE_MODELS,
    BusinessTaxNotice,
    GraveRelocationNotice,
    IdentifierNumber,
    LandHousingNotice,
    LostNotice,
    NoticeFields,
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
# A certificate number may open with its province and year in brackets: 闽（2019）厦门市不动产权第0012345号
# (不动产权证书), 厦国土房证第00123456号 (房屋所有权证): read whole, as printed (folded: half-width brackets).
_NUMBER_RE = re.compile(
    r"(?P<label>身份证号码?|证件号码?|不动产权证号|权证号|证号|编号|注册号|登记证号|登记号|备案号|许可证号|发票代码|发票号码|号码|执照号|代码证号|车牌号"
    r"|核准号|学号|工号|准考证号|票号|账号|字号|证书号)"
    r"\s*[为:]?\s*(?P<value>[0-9A-Za-z][0-9A-Za-z\-—]{4,40}"
    r"|[\u4e00-\u9fff]{1,4}\(\d{4}\)[\u4e00-\u9fff]{0,12}第\s*[0-9A-Za-z]{4,20}\s*号"  # 集国用(2003)字第01234号 too
    r"|[\u4e00-\u9fff]{2,10}[第字]\s*[0-9A-Za-z]{4,20}\s*号"  # 道路运输证: 闽交运管厦字350203012345号
    # a licence numbered by its province, kind and year: 安全生产许可证 (闽)JZ安许证字〔2020〕020123
    r"|[(（][\u4e00-\u9fff]{1,2}[)）][0-9A-Za-z\u4e00-\u9fff]{1,12}?[〔\[(（]\d{4}[〕\])）]\s*[0-9A-Za-z]{4,20}(?:\s*号)?"
    # a plate or a provincial number: 闽D·12345, 闽厦2019123; its 号 when printed (办学许可证 教民135020370000123号, fields11)
    r"|[\u4e00-\u9fff]{1,2}[A-Za-z]?[·・]?[0-9A-Za-z]{4,20}(?:号(?=[，,。；;)）\s]|$))?)"
)
_QUANTITY = re.compile(r"(?:各|共)?[一二两三四五六七八九十壹贰叁\d]+(?:枚|本|张|份|个|套|页|册|联)$")
# What an item is qualified by before its 的: who issued it (由…市场监督管理局核发的), where the thing is (位于…301室的购房合同),
# when it was made out (2025年11月开具的增值税普通发票). The item is what follows.
_ISSUED_BY = re.compile(r"^(?:(?:由)?[\u4e00-\u9fff（）()]{2,40}?(?:核发|颁发|签发|发放|出具|开具|办理)|(?:位于|坐落于|座落于)[^的]{2,40}"
                        r"|(?:19|20)\d{2}年(?:\d{1,2}月)?(?:\d{1,2}日)?(?:开具|开出|购买|办理|签订)?)的")
_ORG_END = (r"(?:有限责任公司|股份有限公司|有限公司|分公司|合伙企业[（(]有限合伙[）)]|合伙企业|个体工商户|商行|商店|经营部|服务部|工作室|店|厂"
            r"|中心|事务所|门市部|合作社|馆)")  # 馆: 咖啡馆, 茶馆, 照相馆 (个体户 print no 店)
# Words of the sentence a company name is printed in (本院…于2026年11月20日裁定受理厦门恒达置业有限公司破产清算一案):
# the name starts after the last of them (words no name holds); one-character ones only where the run starts
# (厦门经济…, 厦门对外贸易… hold 经 and 对).
_BEFORE_COMPANY = re.compile(r"^(?:.*(?:受理|裁定|决定|认定|宣告|申请|同意|批准|关于|根据|兹有|吊销|撤销|注销)|现对|对|经|兹)")


def valid_credit_code(code: str) -> bool:
    """The check character of a 统一社会信用代码 is right."""
    if len(code) != 18 or any(ch not in _CODE_ALPHABET for ch in code):
        return False
    total = sum(_CODE_ALPHABET.index(ch) * weight for ch, weight in zip(code, _CODE_WEIGHTS))
    return _CODE_ALPHABET[(31 - total % 31) % 31] == code[17]


_RESIDENT_ID = re.compile(r"\d{6}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}X")


def credit_codes(text: str) -> list[str]:
    """Every 统一社会信用代码 in the text (upper-cased, in order, no repeats): a code whose check character
    is right, or any 18-character code printed after its label. An 18-digit 身份证号 is neither."""
    found: dict[str, None] = {}
    upper = fold(text).upper()
    for match in CREDIT_CODE_RE.finditer(upper):
        code = match.group(0)
        before = upper[max(0, match.start() - 14):match.start()]
        labelled = re.search(r"(?:信用代码|纳税人识别号|税号)\s*[:为]?\s*$", before)
        # 证书编号：103841202302000123 (a diploma's 18 digits) passes the check by chance one time in 31: another label says what it
        # is. Not with a letter in it (营业执照，证号：92350203MA32QK5R16: a licence's 证号 is its code; no diploma has one)
        other = not labelled and code.isdigit() and re.search(r"(?:编号|号码|证号|身份证号码?|学号|准考证号|票号|账号)\s*[:为]?\s*$", before)
        # a 身份证号 ending in X passes the check one time in 31 too (何丽珍（身份证号：35052419871203006X）, notices9): 17 digits,
        # a birth date among them and X is a person's number unless a credit-code label says otherwise
        if not labelled and _RESIDENT_ID.fullmatch(code):
            continue
        if (valid_credit_code(code) and not other) or labelled:
            found.setdefault(code, None)
    return list(found)


# what was lost printed before the verb: 张建国不慎将身份证遗失 (将), 厦门恒丰贸易有限公司的公章（编号：…）于2026年12月1日遗失 (its
# 的): the holder before 将 or 的, the items after it (the holder and items were taken as one holder, no item)
_LOST_BEFORE_VERB_RE = re.compile(
    r"(?:^|\n|。)\s*(?P<holder>[^，,。\n的将遗丢]{2,80}?)\s*(?:(?:不慎)?将|的)(?P<items>(?:[^，,。；;\n（(遗丢]|[（(][^）)\n]*[）)]){1,60}?)"
    r"\s*(?:于[^，,。\n遗丢]{0,24}?)?(?:不慎)?(?:遗失|丢失|遗落)")


def _lost_items(listed: str) -> list[str]:
    """The items of a 遗失 as printed (营业执照正副本, 公章, 身份证和户口本 …), each without what qualifies it."""
    items: list[str] = []
    # "营业执照正、副本" is one item, not "营业执照正" and "副本".
    # 正本及副本, 正本和副本, 正本、副本 too: one licence, printed as 正副本.
    listed = re.sub(r"正(?:本)?\s*(?:、|及|和|与)\s*副本", "正副本", listed)
    # 和 joins two items (身份证和户口本), never inside a name that holds it (中华人民共和国残疾人证, 和平路店, 和谐…)
    for item in re.split(r"、|(?<!共)和(?![国平谐睦美])|以及|及", listed):
        item = re.sub(r"[《》〈〉<>]", "", item)  # 《办学许可证》正副本: the title marks are no part of the item
        # 郭晓东遗失厦门市居住证声明作废。: the closing words printed without a comma before them
        item = re.sub(r"(?:特此|现|现予|予以)?(?:声明)?作废$|(?:特此)?声明$", "", item.strip())
        item = _QUANTITY.sub("", re.sub(r"[(（][^)）]*[)）]", "", item).strip()).strip()
        item = _ISSUED_BY.sub("", item)  # 由厦门市思明区市场监督管理局核发的营业执照正本: the licence, not who issued it
        if item and item not in items:
            items.append(item)
    return items


def extract_lost(text: str) -> LostNotice:
    folded = fold(text)
    before = _LOST_BEFORE_VERB_RE.search(folded)
    # 刘美华于2026年11月28日在湖里区遗失…: when and where, between the holder and the verb
    match = before or re.search(r"(?:^|\n|。)\s*(?P<holder>[^，,。\n]{2,80}?)(?:不慎|于[^，,。\n遗丢]{0,24}?)?(?:遗失|丢失|遗落)", folded)
    # Matched on folded text, taken from the original (same positions): names keep their case and script.
    holder = text[match.start("holder"):match.end("holder")].strip() if match else ""
    holder = re.sub(r"[(（][^)）]*[)）]", "", holder)  # "（统一社会信用代码：…）" after the name
    # 本公司厦门某某有限公司不慎遗失…: the writer's word for itself before its name (notices9)
    holder = re.sub(r"^(?:遗失声明\s*[:：]?|声明\s*[:：]|本人|本公司|我公司|本单位|我单位|本店|现|兹有|今)", "", holder).strip()
    holder = re.sub(r"不慎$", "", holder).strip()
    if not holder:
        # 本人李娜，身份证号码…，不慎遗失… and 遗失声明：陈美玲，身份证号…，遗失…: the person named at the start, before the
        # clause of the 遗失
        named = re.match(r"\s*(?:遗失声明\s*[:：]?\s*(?:本人|兹有)?|本人|兹有)\s*(?P<name>[\u4e00-\u9fff·]{2,20}?)\s*[，,（(]", folded)
        holder = text[named.start("name"):named.end("name")] if named else ""
    if before:
        items = _lost_items(text[before.start("items"):before.end("items")])
    else:
        # the first 遗失 that is not the heading word 遗失声明; a bracket (发票代码…，号码…) is part of its item
        match = re.search(r"(?:遗失|丢失|遗落)(?!声明)(?P<items>(?:[^，,。；;\n（(]|[（(][^）)\n]*[）)])+)", folded)
        items = _lost_items(text[match.start("items"):match.end("items")]) if match else []
    if not holder and not items:
        holder, items = _voided_without_loss(text, folded)
    codes = credit_codes(text)
    return LostNotice(holder=holder, items=items, credit_codes=codes, numbers=_numbers(folded, codes), declared_void="作废" in folded)


#: any other label of a number, printed after a comma or bracket and before its colon: 卡号：, 税号：, 护照号：, 资格证书编码：
#: (a label outside _NUMBER_RE's list gave no number: fields9 found 卡号 and 税号 of a lost card and licence unread)
_OTHER_NUMBER_RE = re.compile(r"(?<![\u4e00-\u9fff])(?P<label>[\u4e00-\u9fff]{0,5}(?:号码?|编码|代码))\s*:\s*(?P<value>[0-9A-Za-z][0-9A-Za-z\-—]{4,40})")


def _numbers(folded: str, codes: list[str]) -> list[IdentifierNumber]:
    """The numbers a notice prints with their labels, in print order: a label of _NUMBER_RE's list, else any label ending
    in 号, 号码, 编码 or 代码 printed before a colon; never a credit code (`codes`: the notice's credit_codes)."""
    found = [(m.start(), m["label"], m["value"].upper(), m.end()) for m in _NUMBER_RE.finditer(folded) if m["value"].upper() not in codes]
    if ":" in folded:
        taken = {value for _, _, value, _ in found}
        for m in _OTHER_NUMBER_RE.finditer(folded):
            value = m["value"].upper()
            if value not in taken and value not in codes:
                found.append((m.start(), m["label"], value, m.end()))
        found.sort()
    numbers = []
    for _, label, value, end in found:
        numbers.append(IdentifierNumber(label=label, value=value))
        # 发票号码：00345678、00345679、00345680: each number of the list under its label (the first only was kept, fields9), a
        # number of the same length as the first (a list of one kind), never a credit code
        more = _MORE_NUMBERS.match(folded, end) if end < len(folded) and folded[end] in "、,/，" else None
        while more is not None and len(more["v"]) == len(value) and more["v"].upper() not in codes:
            numbers.append(IdentifierNumber(label=label, value=more["v"].upper()))
            more = _MORE_NUMBERS.match(folded, more.end())
    return numbers


_MORE_NUMBERS = re.compile(r"\s*[、,/，]\s*(?P<v>[0-9A-Za-z][0-9A-Za-z\-]{3,40})(?![0-9A-Za-z\-])")


# 作废声明 of a seal or licence not lost (损坏, 更换, 停用): 厦门宏图装饰工程有限公司原合同专用章（编号：…）因损坏，声明作废。
_VOIDED = re.compile(
    rf"(?P<holder>[\u4e00-\u9fff（）()]{{2,40}}?{_ORG_END})(?:原|的|原有的?)?(?P<item>[\u4e00-\u9fff]{{2,20}}?)"
    r"(?:[(（][^)）\n]*[)）])?\s*(?:[一二两三四五六七八九十\d]+[枚本张份个])?[，,]?\s*(?:因[^，,。\n]{1,20}[，,]?)?\s*(?:现|特此|现予|予以)?(?:声明)?作废"
)


def _voided_without_loss(text: str, folded: str) -> tuple[str, list[str]]:
    """(holder, [item]) of a declaration voiding something that was not lost, as printed; ("", []) if none."""
    match = _VOIDED.search(folded)
    if match is None:
        return "", []
    holder = re.sub(r"^(?:作废声明|声明)\s*", "", text[match.start("holder"):match.end("holder")].strip())
    return holder, [text[match.start("item"):match.end("item")]]


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


# A printed date: 2027年1月20日, or in Chinese numerals (二〇二七年一月二十日, 二○二七年; zeros as 0 or O too).
_PRINTED_DATE = r"(?:(?:19|20)\d{2}|[一二][〇○零0oO一二三四五六七八九]{3})年[\d一二三四五六七八九十]{1,3}月[\d一二三四五六七八九十]{1,3}日"
# An amount of registered capital: 1000万元, 1,000.5 万元, or in Chinese (capital) numerals 壹仟万元, 五百万元.
#: an amount in yuan or in a foreign currency (a foreign-invested company's capital: 5000万美元, 300万欧元, 100万港元)
_AMOUNT = r"(?:[\d.,]+\s*|[零〇一二两三四五六七八九十百千壹贰叁肆伍陆柒捌玖拾佰仟]+)(?:万|亿)?(?:美元|欧元|港元|港币|日元|英镑|元)"
# 股权出质 first: a 股权出质注销登记公告 cancels a pledge, the company is not deregistered (fields14)
_ACTIONS = ("股权出质", "注销", "减资", "增资", "合并", "分立", "清算", "吊销", "迁移", "迁址", "欠税", "欠缴税", "非正常户", "股权转让")
#: a word of the title or text that names an action by another of its words: 迁址公告 is a 迁移 (the model's word)
_ACTION_WORDS = {"迁址": "迁移", "欠缴税": "欠税"}


_NAME_GOES_ON = re.compile(r"(?<!公司)[\u4e00-\u9fff]{1,12}?(?:有限责任公司|股份有限公司|有限公司)")
_JOINS_NAMES = re.compile(r"[与和及同跟向对将把的经拟于在为由]")


def extract_business(title: str, text: str, publish: date | None) -> BusinessTaxNotice:
    original = title + "\n" + text
    folded = fold(original)  # same length: a name found in it is taken from the original, as printed (廈門…有限公司)
    company = ""
    match = re.search(rf"[\u4e00-\u9fff（）()]{{2,40}}?{_ORG_END}", folded[:len(title)]) or re.search(
        rf"[\u4e00-\u9fff（）()]{{2,40}}?{_ORG_END}", folded
    )
    if match:
        cut = _BEFORE_COMPANY.match(match.group(0)[:-2])
        start = match.start() + (cut.end() if cut else 0)
        # 厦门鹭岛酒店集团有限公司: a name's 店, 厂, 馆 or 中心 may be inside it, the name going on to its legal form
        # (notices9: 厦门鹭岛酒店 was the company); not across a word joining two names (某某店与某某有限公司)
        whole = _NAME_GOES_ON.match(folded, match.end())
        end = whole.end() if whole and not _JOINS_NAMES.search(whole.group(0)) else match.end()
        # …有限公司湖里分公司: the branch is the company of the notice, not the head office its name begins with
        branch = re.match(r"[\u4e00-\u9fff]{1,12}?(?:分公司|分店|营业部|办事处)", folded[end:])
        company = original[start:end + (branch.end() if branch else 0)].strip()
        company = re.sub(r"^(?:现|本)", "", company)
    if not company:
        # a name of no usual end (厦门市湖里区美佳美容院, 某某小吃摊) printed with its credit code in brackets after it: that
        # bracket says it is the registered name (fields9: a 注销公告 of a 美容院 had no company); so does its legal form
        # (厦门市湖里区盛世茶行（个人独资企业）: fields11)
        coded = re.search(r"(?P<c>[\u4e00-\u9fff（）()]{2,40}?)\s*[（(]\s*(?:统一社会信用代码|注册号|纳税人识别号|个人独资企业|个体工商户|普通合伙|有限合伙)", folded)
        if coded:
            cut = _BEFORE_COMPANY.match(coded["c"])
            company = original[coded.start("c") + (cut.end() if cut else 0):coded.end("c")].strip()
    action = next((a for a in _ACTIONS if a in fold(title)), "") or next((a for a in _ACTIONS if a in folded), "")
    action = _ACTION_WORDS.get(action, action)
    if action == "股权转让":
        # A拟将其持有的B公司51%股权转让给C: the notice is B's (its shares change hands; 本公司 when B signs it), not the seller's
        held = re.search(rf"(?:持有|所持)的?(?P<c>[\u4e00-\u9fff（）()]{{2,40}}?{_ORG_END})的?\s*[\d.]+\s*[%％]的?股权", folded)
        if held:
            company = original[held.start("c"):held.end("c")]
    codes = credit_codes(text)
    days = None
    # Creditors who got no letter count from the publication: that is the period a notice announces.
    match = re.search(r"(?:公告|见报|刊登|登报|发布)之日起\s*(?P<n>\d{1,3}|[一二三四五六七八九十]{1,3})\s*[日天]内", folded) \
        or re.search(r"(?:之日起|起)\s*(?P<n>\d{1,3}|[一二三四五六七八九十]{1,3})\s*[日天]内", folded)
    if match:
        raw = match["n"]
        days = cn_number(raw)
    deadline = publish + timedelta(days=days) if publish and days else None
    # A printed deadline wins: 于2027年1月20日前…申报 (also in Chinese numerals, 于二〇二七年一月二十日前), or the end of a
    # 简易注销's 公告期：2026年12月6日至2026年12月25日.
    match = re.search(rf"(?:于|在)(?P<d>{_PRINTED_DATE})(?:前|之前)[^。]{{0,20}}申报", folded) or re.search(
        rf"公告期(?:限|为)?\s*[:为]?\s*(?:自)?\s*{_PRINTED_DATE}\s*(?:起)?\s*(?:至|到|—|-|~)\s*(?P<d>{_PRINTED_DATE})", folded)
    if match:
        found = find_dates(match["d"])
        deadline = found[0] if found else deadline
    capital_from = capital_to = ""
    # 拟减少注册资本，由原来的1000万元减少至500万元 (notices9): a comma and 原来的 before the old amount
    match = re.search(rf"注册资本[，,]?\s*(?:由|从)?(?:原来的?|原有的?|原)?(?:人民币)?\s*(?P<a>{_AMOUNT})\s*(?:减少?至|减少?到|减少?为|变更为|增加?至|增加?到|增加?为)\s*(?:人民币)?\s*"
                      rf"(?P<b>{_AMOUNT})", re.sub(r"元(?:人民币|整)+", "元", folded))  # 由1000万元人民币减少至…, 人民币3000万元整
    if match:  # as printed: 壹仟万元 stays in capitals (a cheque's numerals), full-width digits are folded
        capital_from, capital_to = match["a"].replace(" ", ""), match["b"].replace(" ", "")
    return BusinessTaxNotice(
        company=company, credit_code=codes[0] if codes else "", action=action or "其他", claim_period_days=days,
        claim_deadline=deadline, capital_from=capital_from, capital_to=capital_to,
    )


# 公示 last: it is how a thing is made public (商品房预售许可公示 is a 预售, 出让结果公示 a 出让), the action only when nothing else is named
_LAND_ACTIONS = ("征收", "征地", "拍卖", "挂牌", "出让", "预售", "登记", "补偿", "拆迁", "招标", "招租", "公示")
# What follows an address in the sentence: 位于思明区湖滨北路88号1201室房产一套, 坐落于…501室的不动产权证书(证号…); not a
# place's own 之间, 之内, 之东 (位于思明区湖滨东路与湖滨南路之间片区: the address was cut at 之, fields11).
_AFTER_ADDRESS = re.compile(r"(?:的(?![一二三四五六七八九十\d])|之(?![一二三四五六七八九十\d间内东西南北])).*$|(?:房产|房屋|住宅|商铺|店面|厂房|车位|(?:商业|办公|住宅|工业|综合)?用房|公寓|写字楼|仓库)(?:[一两二三四五六七八九十\d]+[套处间宗])?$")


# the street word ends the street: not a district's name ending in 里 (厦门市湖里区人民政府 of a signature gave 厦门市湖里) nor
# 道路, the common noun (同安区五显镇道路拓宽工程 gave 同安区五显镇道)
# a 街道, 镇 or 乡 on the way goes on to the 社区 or 村 under it (翔安区大嶝街道田墘社区 ended at 大嶝街: fields14)
_STREET_ADDRESS_RE = re.compile(r"[\u4e00-\u9fff]{1,4}[区县市](?:[\u4e00-\u9fff]{1,8}?(?:街道|镇|乡))?(?:[\u4e00-\u9fff]{1,12}?(?:(?<!道)路|街(?!道)|道(?!路)|巷|里|村|社区))(?![区县市镇乡])[0-9之\-]*(?:号)?(?:[0-9A-Za-z之\-]+(?:室|栋|幢|单元))*")
#: where a sale names what it sells: 公开拍卖：…, 拍卖标的：…, 公开拍卖位于… (the address after it is the thing's)
_SOLD_RE = re.compile(r"(?:公开)?拍卖(?:标的)?(?:为|如下)?\s*[:：]|公开拍卖|拍卖标的")


#: a bracket after the address saying how large the thing is: 1号厂房（建筑面积5620平方米）, 301室（约89㎡）
_SIZE_BRACKET = re.compile(r"\s*[（(][^（）()]*(?:面积|平方米|㎡|m²|亩|公顷)[^（）()]*[）)]?.*$")


def _address_only(location: str) -> str:
    """The address of a 位于/坐落于 phrase without the sentence after it (2号之三 keeps its 之), nor its size in brackets."""
    # (the size's bracket cut, what stood before it may be the thing let or sold: 舫山南路12号的3号厂房（建筑面积…）, fields14)
    return _THING_AT_ADDRESS.sub("", _SIZE_BRACKET.sub("", _AFTER_ADDRESS.sub("", location))).strip() or location


#: the building at an address, numbered (…12号的3号厂房): a thing, not the place (an address's 1号楼 or 1201室 is the place's)
_THING_AT_ADDRESS = re.compile(r"的[0-9A-Za-z#\-一二三四五六七八九十]+[号#]?(?:厂房|仓库|车间|店面|商铺|用房)$")
#: how large the land or building is, as printed: 土地面积：12345.67平方米, 宗地面积38210.5平方米, （建筑面积86.5平方米）
_AREA_RE = re.compile(r"面积\s*(?:[:：]|为|约|共)?\s*(?:约)?\s*(?P<a>\d[\d,]*(?:\.\d+)?\s*(?:平方米|平方公里|㎡|m²|公顷|亩))")
#: …or in the sentence taking it: 征收…集体土地3.2568公顷, 拟征收土地2.35公顷 (no 面积 printed)
_LAND_SIZE_RE = re.compile(r"(?:土地|用地|农用地|耕地)[^，。；;\n\d]{0,6}?(?P<a>\d[\d,]*(?:\.\d+)?\s*(?:平方米|㎡|公顷|亩))")


def extract_land(title: str, text: str) -> LandHousingNotice:
    original = title + "\n" + text
    folded = fold(original)  # same length as `original`: positions found in one hold in the other
    project = ""
    match = (
        re.search(r"(?P<p>[0-9A-Za-z\-]{4,20}(?:号)?地块)", folded)
        or re.search(r"(?:地块|宗地)编号\s*[:为]?\s*(?P<p>[0-9A-Za-z][0-9A-Za-z\-]{3,19})", folded)  # 宗地编号2026JP03
        # on the colon's line: 公开拍卖：at a line's end took the next line, 拍卖时间：2026年12月30日上午10时, for the thing sold
        or re.search(r"(?:拍卖|挂牌|出让|征收)(?:标的)?[:：][ \t\u3000]*(?P<p>[^，,。；;\n]{2,60})", folded)
        or re.search(r"项目名称\s*[:：]\s*(?P<p>[^，,。；;\n]{2,60})", folded)  # a 预售许可's field: 项目名称：某某苑1#-3#楼
        # a project before the 片区 it lies in: 思明区莲坂片区旧城改造项目, not 思明区莲坂片区
        or re.search(r"(?P<p>[\u4e00-\u9fff0-9（）()]{2,40}?项目)", folded)
        # no 项目: the works the land is taken for, 因同安区五显镇道路拓宽工程需要 (as a 迁坟公告 names its project)
        or re.search(r"(?:因|为)(?P<p>[\u4e00-\u9fff0-9（）()]{2,40}?(?:工程|建设))(?:的)?需要", folded)
        or re.search(r"(?P<p>[\u4e00-\u9fff0-9（）()]{2,40}?(?:片区|地块|宗地))", folded)
    )
    if match:
        project = original[match.start("p"):match.end("p")]
        project = re.sub(r"^(?:为实施|为推进|为|因|实施|关于|对|经|将|就|拟用于|用于|以挂牌方式出让|以拍卖方式出让)", "", project)
        # 厦门国贸地产集团有限公司开发的…国贸天成二期项目 (notices9): the developer is who builds it, not the project's name
        project = re.sub(r"^[^，,。；;]{2,40}?(?:开发建设|投资建设|开发|承建)的", "", project)
    location = ""
    # 坐落：湖里区金湖路88号 (a 登记公告's field): the colon is no part of the place
    # 征收范围：殿前街道高殿社区部分区域 (a 征收's field: where the houses taken are; 征收范围为… said in a sentence, fields11)
    match = re.search(r"(?:位于|坐落于|座落于|坐落|座落|土地位置|地块位置|宗地位置|房屋坐落|征收范围(?:为|是)?)\s*[:：]?\s*(?P<l>[^，,。；;\n]{2,60})", folded)
    if match:
        location = _address_only(original[match.start("l"):match.end("l")].strip())
    else:
        # No "位于": the first street address printed (思明区嘉禾路318号1801室), after what is sold when the notice says it (公开拍卖：
        # 福州市仓山区…店面一间; the auction's venue before it, 在福州市鼓楼区某路1号拍卖厅, is no place of the thing)
        sold = _SOLD_RE.search(folded)
        match = (sold and _STREET_ADDRESS_RE.search(folded, sold.end())) or _STREET_ADDRESS_RE.search(folded)
        location = original[match.start():match.end()] if match else ""
        # 因湖里区东部旧村改造…, 征收翔安区内厝镇黄厝村集体土地: the sentence's word, not the place
        location = re.sub(r"^(?:因|为|对|在|经|将|就|于|拟征收|征收|拟征用|征用)", "", location)
    action = next((a for a in _LAND_ACTIONS if a in fold(title)), "") or next((a for a in _LAND_ACTIONS if a in folded), "")
    action = "征收" if action == "征地" else action  # 征地补偿安置方案公告: the land is taken (征收), the 补偿 follows from it
    # 挂牌出让, 以拍卖方式出让: what happens is a 出让 (the land is sold), the way of sale is kept apart (it was the action)
    sale = _SALE_METHOD_RE.search(fold(title)) or _SALE_METHOD_RE.search(folded)
    sale_method = (sale["m"] or sale["m2"]) if sale else ""
    if sale_method:
        action = "出让"
    deadlines: list[date] = []
    for match in re.finditer(
        r"(?:截止(?:时间|日期)?为?|截至)\s*[:：]?\s*(?P<d>(?:19|20)\d{2}年\d{1,2}月\d{1,2}日)"
        # a day before its 前 or 止 in its own clause: 挂牌起始时间：2027年1月8日9时；挂牌截止时间：… (the 止 of the next label's 截止
        # made the start a deadline)
        r"|(?P<d2>(?:19|20)\d{2}年\d{1,2}月\d{1,2}日)[^，。；;]{0,8}?(?:前|(?<!截)止)"
        # the end of a period the public has to act in, printed A至B (征求意见期限为2026年12月6日至2027年1月5日, 公示期为…至…);
        # a 挂牌时间/拍卖时间 is when the sale happens, no deadline
        r"|(?:期限|期)为?[:：]?\s*(?:自)?\s*(?:19|20)\d{2}年\d{1,2}月\d{1,2}日[^，。至]{0,8}?(?:至|到)\s*(?P<d3>(?:19|20)\d{2}年\d{1,2}月\d{1,2}日)"
        # a 挂牌时间's end: the last moment a bid is taken (an auction's 拍卖时间 is one moment, no deadline)
        r"|(?:挂牌|网上挂牌|竞价)(?:时间|期间)为?[:：]?\s*(?:自)?\s*(?:19|20)\d{2}年\d{1,2}月\d{1,2}日[^，。；;至]{0,12}?(?:至|到)\s*"
        r"(?P<d4>(?:19|20)\d{2}年\d{1,2}月\d{1,2}日)",
        folded,
    ):
        found = find_dates(match["d"] or match["d2"] or match["d3"] or match["d4"])
        if found and found[0] not in deadlines:
            deadlines.append(found[0])
    size = _AREA_RE.search(folded) or _LAND_SIZE_RE.search(folded)
    area = original[size.start("a"):size.end("a")].replace(" ", "") if size else ""
    return LandHousingNotice(project=project, location=location, action=action, sale_method=sale_method, deadlines=deadlines,
                             area=area)


_SALE_METHOD_RE = re.compile(r"(?P<m>挂牌|拍卖|招标|协议)(?:方式)?出让|以(?P<m2>挂牌|拍卖|招标|协议)(?:的)?方式(?:公开)?出让")
_GRAVE_NEED_RE = re.compile(r"(?:因|为|由于)(?P<p>[^，,。；;\n]{2,40}?)(?:的)?需要")  # 因…道路建设需要
_GRAVE_PROJECT_RE = re.compile(r"(?P<p>[\u4e00-\u9fff0-9（）()]{2,40}?(?:项目|工程))")
_GRAVE_PLACE_RE = re.compile(r"(?:位于|坐落于)?(?P<l>[^，,。；;\n请的]{2,30}?范围内)")  # 项目红线范围内, 用地范围内
_GRAVE_DAY = r"(?:19|20)\d{2}年\d{1,2}月\d{1,2}日"
#: a period counted from the notice instead of a day: 自本公告发布之日起30日内, 自公告之日起三十天内
_GRAVE_WITHIN_RE = re.compile(r"(?:公告|发布|刊登|见报|张贴)之日起\s*(?P<n>\d{1,3}|[一二三四五六七八九十]{1,3})\s*(?:个)?(?:日|天)内")


def extract_grave(title: str, text: str, issuer: str, published: date | None = None) -> GraveRelocationNotice:
    """迁坟公告: the project (因…建设需要, …项目), where, the day graves must be moved or registered by, the phone."""
    original = title + "\n" + text
    folded = fold(original)  # same length: what is found is taken from the original, as printed
    project = ""
    # the text after the title (a column's notice text starts with its title line): the body names the project first
    body = len(title) + 1 + (len(title) if title and text.startswith(title) else 0)
    match = _GRAVE_NEED_RE.search(folded) or _GRAVE_PROJECT_RE.search(folded, body) or _GRAVE_PROJECT_RE.search(folded)
    if match:
        project = re.sub(r"^(?:关于|对|实施|推进)", "", original[match.start("p"):match.end("p")].strip())
    match = _GRAVE_PLACE_RE.search(folded, body)
    location = re.sub(r"^(?:凡在|凡|在|对)", "", original[match.start("l"):match.end("l")]) if match else ""
    deadline = None
    # the day the graves must be moved by (请墓主于A前登记，并于B前自行迁出: B), else the first day printed with 前/止
    days = list(re.finditer(rf"(?:于|在)?\s*(?P<d>{_GRAVE_DAY})\s*(?:前|之前|以前|止)|(?:至|到)\s*(?P<d2>{_GRAVE_DAY})", folded))
    moving = [m for m in days if re.search(r"迁|搬", folded[m.end():m.end() + 16].split("，")[0].split("。")[0])]
    match = (moving or days)[0] if days else None
    if match:
        found = find_dates(match["d"] or match["d2"])
        deadline = found[0] if found else None
    elif published is not None and (within := _GRAVE_WITHIN_RE.search(folded)) and (period := cn_number(within["n"])):
        deadline = published + timedelta(days=period)  # 自本公告发布之日起30日内…迁移: from the issue, as a claim period is
    match = re.search(r"(?:联系电话|咨询电话|电话)\s*[:：]?\s*(?P<c>[0-9][0-9\-—、，, ]{5,40}[0-9])", folded)
    contact = original[match.start("c"):match.end("c")] if match else ""
    return GraveRelocationNotice(project=project, location=location, deadline=deadline, contact=contact, issuer=issuer)


@reads("grave_relocation")
def _read_grave(title: str, text: str, reference: date | None, issuer: str) -> NoticeFields:
    return extract_grave(title, text, issuer, reference)


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
