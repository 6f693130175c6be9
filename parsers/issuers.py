"""The issuing body implied by a 文号 prefix, for documents that print a 文号 but no issuer.

A 文号 prefix is assigned to one body (国办发 is 国务院办公厅's, 厦府办 is 厦门市人民政府办公厅's),
so this is knowledge, not a guess. It is used last, after the metadata block and the signature.
Names here are canonical; settings.parsers.issuer_aliases still applies afterwards.
"""

from __future__ import annotations

import re

DOC_PREFIX_ISSUERS: dict[str, str] = {
    # 国务院
    "国发": "国务院", "国函": "国务院", "国令": "国务院",
    "国办发": "国务院办公厅", "国办函": "国务院办公厅", "国办发明电": "国务院办公厅",
    # 福建省
    "闽政": "福建省人民政府", "闽政文": "福建省人民政府", "闽政规": "福建省人民政府",
    "闽政办": "福建省人民政府办公厅", "闽政办函": "福建省人民政府办公厅", "闽政办规": "福建省人民政府办公厅",
    # 厦门市
    "厦府": "厦门市人民政府", "厦府规": "厦门市人民政府", "厦府函": "厦门市人民政府", "厦府令": "厦门市人民政府",
    "厦府办": "厦门市人民政府办公厅", "厦府办规": "厦门市人民政府办公厅", "厦府办函": "厦门市人民政府办公厅",
}


def issuer_from_doc_number(doc_number: str) -> str:
    """厦府〔2021〕57号 -> 厦门市人民政府; '' for a prefix not in the table."""
    match = re.match(r"(.+?)〔", doc_number)
    return DOC_PREFIX_ISSUERS.get(match.group(1), "") if match else ""


#: each province-level region's 简称, as its own bodies' 文号 open with it (鄂政发, 豫财预, 新政办发); the first is the usual one
PROVINCE_ABBREVIATIONS: dict[str, str] = {
    "北京": "京", "天津": "津", "上海": "沪", "重庆": "渝", "河北": "冀", "山西": "晋", "辽宁": "辽", "吉林": "吉", "黑龙江": "黑",
    "江苏": "苏", "浙江": "浙", "安徽": "皖", "福建": "闽", "江西": "赣", "山东": "鲁", "河南": "豫", "湖北": "鄂", "湖南": "湘",
    "广东": "粤", "海南": "琼", "四川": "川蜀", "贵州": "黔贵", "云南": "云滇", "陕西": "陕秦", "甘肃": "甘陇", "青海": "青",
    "内蒙古": "内", "广西": "桂", "西藏": "藏", "宁夏": "宁", "新疆": "新",
}
_ALL_ABBREVIATIONS = frozenset("".join(PROVINCE_ABBREVIATIONS.values()))
_PROVINCE_BODY = re.compile(r"(?P<p>" + "|".join(sorted(PROVINCE_ABBREVIATIONS, key=len, reverse=True)) + r")"
                            r"(?:省|市|(?:壮族|回族|维吾尔)?自治区)(?P<rest>[^市县区州盟旗]*)$")


def mend_scanned_province_number(doc_number: str, issuer: str) -> str:
    """A 文号 read by OCR whose first character, the province's 简称, came out as another character (鄂政发 read 骂政发 off a
    greyed red cover, 豫财预 read 驳财预: fields10), given back the 简称 of the province-level body that signs it. Only a
    province's own body (湖北省人民政府, 河南省财政厅; not 湖北省武汉市…, whose 文号 open with the city's) and only a first
    character that is no region's 简称 at all: a 文号 of another region's body stays as read."""
    body = _PROVINCE_BODY.match(issuer.replace(" ", ""))
    if not body or not doc_number or doc_number[0] in _ALL_ABBREVIATIONS or doc_number[0] in "国中" or "〔" not in doc_number[2:8]:
        return doc_number
    return PROVINCE_ABBREVIATIONS[body["p"]][0] + doc_number[1:]


#: a body named by its level alone, as a page's byline shortens it (市政府办公厅, 区教育局, 县人社局): no place before it
_LEVEL_ONLY = re.compile(r"[省市区县州镇乡][^省市区县州镇乡]")


def fuller_signed_body(named: str, signed: str) -> str | None:
    """The body a document signs (厦门市人民政府办公厅) where the page names it by its level alone (来源：市政府办公厅):
    the short name's characters stand in the signed name in order and end it. A byline's short name was the
    record's issuer over the document's own signature (lead, session 19). None when they are not one body so."""
    if not named or not signed or named == signed or not _LEVEL_ONLY.match(named) or len(signed) <= len(named):
        return None
    if signed[-2:] != named[-2:]:
        return None
    position = 0
    for character in named:
        position = signed.find(character, position) + 1
        if position == 0:
            return None
    return signed


#: a ministry's department named as a page's 来源 (税政司, 关税征管司): a part of the body, never one that signs (no 公司)
_DEPARTMENT = re.compile(r"[\u4e00-\u9fff]{1,8}(?<!公)司")
_OFFICE = ("办公厅", "办公室")
#: …or a national commission's 局 (国家发展改革委's 运行局, 价格局): named so under a central body only, a local page's 来源：规划局 being
#: another body of the city
_BUREAU = re.compile(r"(?![省市区县州镇乡])[\u4e00-\u9fff]{2,4}局")
_CENTRAL = re.compile(r"^(?:国家|国务院|中华人民共和国|中国人民银行)|(?:部|总署|总局|改革委)$")


def publishing_part_of_signer(named: str, signed: str) -> str | None:
    """The body a document signs where a page's byline names the part of it that put the page up: a ministry's department
    (来源：税政司 over 财政部 税务总局's 公告, 关税征管司 over 海关总署's) or the signer's own office by its level (来源：自治区人民
    政府办公厅 over 新疆维吾尔自治区人民政府's 意见; fields14). None when the byline names another body (市教育局 over a 厦门市财政局
    document stays)."""
    if not named or not signed or named == signed:
        return None
    if _DEPARTMENT.fullmatch(named) or (_BUREAU.fullmatch(named) and _CENTRAL.search(signed)):
        return signed
    if named.endswith(_OFFICE) and not signed.endswith(_OFFICE):
        base = named[:-3]
        if base and (signed.endswith(base) or fuller_signed_body(base, signed)):
            return signed
    return None
