"""Outage areas: a printed place cleaned into its parts, and the rule for "does this place name it".

Cleaned, not rewritten: `思明区湖滨南路（禾祥西路至湖滨一里段）停电` → district 思明区, name 湖滨南路,
section 禾祥西路至湖滨一里段; `湖滨南路188号至266号` → name 湖滨南路, numbers 188号至266号;
trailing words that say how, not where (停电, 停水, 部分用户, 沿线, 及周边, 两侧用户 …) leave the name.

Matching (`area_matches`): the asked place is cleaned the same way; a road matches every section and
house-number range of it (a number asked for must fall in a printed range), a community or building
only its own name (高殿社区 does not match 高殿; 湖滨 does not match 湖滨南路).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from gongkai.dates import cn_number
from gongkai.notices import OutageArea
from gongkai.textnorm import FULLWIDTH_ASCII_AND_SPACE, fold

# How, not where: dropped from the end of a name, repeatedly (金尚小区部分楼栋停电 → 金尚小区).
_TRAILING = re.compile(
    r"(?:停电|停水|停气|暂停供水|暂停供电|暂停供气|停止供水|停止供电|停止供气|降压供水|水压下降|将|无水|无电|无气|用电|用水|用气|"  # 金尚路的用电将于
    r"部分用户|部分楼栋|部分路段|部分区域|部分|高低压用户|低压用户|高压用户|两侧用户|两侧商铺|两侧商户|沿线用户|沿线商户|沿线商铺|沿街商铺|沿街店面|沿街门面|店面|门面|商户|客户|管道燃气用户|管道天然气用户|燃气用户|天然气用户|管道燃气|沿街|两侧|沿线|"
    r"及周边单位|及周边区域|及周边|周边区域|周边片区|周边单位|周边|一带|等用户|等单位|等区域|等村庄|等村居|等社区|等小区|等片区|等路段|等村|等地|等处|用户|居民|等|沿途单位|沿途用户|沿途|(?<=[\u4e00-\u9fff])的|"
    r"全体住户|全体业主|全体居民|住户|业主|不再|取消|照常|进行|临时|紧急|全域|全境|全天|全日|整天|内各企业|内企业|内企事业单位|内单位|分时段|分段|轮流|"  # 兑山社区全域, 内林工业区内企业, 郑坂村分时段停电, 岩内村全天停电
    # which side or stretch of a road (湖滨南路东侧, 以东区域, 全线, 附近, 湖滨南路段, 湖滨南路路段, 莲花路交叉口, 湖滨南路口)
    r"(?<=[路街道巷])(?:[东西南北]侧|[东西南北]面|以[东西南北](?:区域|地块|片区)?|全路段|全线|全段|附近|路段|段|交叉口|交汇处|口)|"  # 全路段: outages9
    # how it happens again or together, said between the place and its outage word (新垵村再次停电, 囷瑶村同时停电, 湖滨一里也停电):
    # only after a place's last character, so a name ending so keeps it (成都, 京都; outages10)
    r"(?<=[路街道巷村里区园苑城楼号栋幢座弄湾府庄])(?:再次|再度|同时|一并|同样|继续|也|亦|均|都|又|还))$"
)
_DISTRICT = re.compile(r"^(?P<d>[\u4e00-\u9fff]{2,3}?(?<![小片园校社景厂商营])(?:区|县))[:：]?(?=[\u4e00-\u9fff0-9A-Za-z])")
#: A district or subdistrict asked for by itself (思明区, 殿前街道); not 金山小区, 莲前片区, 高殿社区.
_WHOLE_DISTRICT = re.compile(r"^[\u4e00-\u9fff]{2,4}(?<![小片园校社景厂商营])(?:区|县|街道|镇)$")
#: 佛山's subdistricts keep the town's name they grew from (禅城区石湾镇街道东风路, outages8): 镇街道 is one ending, so the road is 东风路
_SUBDISTRICT = re.compile(r"^(?P<s>[\u4e00-\u9fff]{2,4}?(?:镇街道|街道|镇|乡))[:：]?(?=[\u4e00-\u9fff0-9A-Za-z])")
#: A subdistrict printed 街 for 街道 after its district (天河区棠下街华景新城, 白云区同和街蟾蜍石东路: 广州's notices, outages7),
#: only before a road's or an estate's name (思明区台湾街 alone, 中山路步行街, 八市街道 stay as they were).
_STREET_SUBDISTRICT = re.compile(r"^(?P<s>[\u4e00-\u9fff]{2,4}?街)(?![道巷])"
                                 r"(?=[\u4e00-\u9fff0-9]{1,10}?(?:路|大道|大街|新城|村|社区|小区|花园|苑)(?![\u4e00-\u9fff]))")
#: An island, park or new town printed before a road (鼓浪屿龙头路, 火炬园区创新路, 集美新城杏林湾路): where the road lies, not
#: its name (龙头路 asked alone is that road). Only before a road (two or more characters ending 路/街/巷/道), so 鼓浪屿
#: or 火炬园区 alone, and 鼓浪屿路, keep their names.
_LOCALITY_NAME = r"[\u4e00-\u9fff]{2,5}?(?:屿|岛|园区|工业区|工业园|工业集中区|产业区|产业园|开发区|片区|新城|新区|保税区|园[一二三四五六七八九]期)"  # 软件园二期观日路, 火炬翔安产业区舫山北路
_LOCALITY = re.compile(rf"^(?P<l>{_LOCALITY_NAME}(?=[\u4e00-\u9fff0-9]{{1,}}[\u4e00-\u9fff][路街巷道])"
                       # a bay's area before a road of its own name (五缘湾泗水道, outages5); not a direction of it (五缘湾北二路)
                       r"|[\u4e00-\u9fff]{2,4}湾(?=(?![东南西北中])[\u4e00-\u9fff]{2,}[路街巷道](?![\u4e00-\u9fff])))")
#: A community printed before an estate in it (院前社区东瑶小区1-5号楼): where the estate lies, not its name.
#: 叶厝社区的侨英新城小区 too (outages11: the estate was 的侨英新城小区, found by no one asking for it).
#: Only a 社区: 西太平村安置小区 is one estate's name (a village's 安置小区), and so is 社区安置小区.
_COMMUNITY = re.compile(r"^(?P<c>[\u4e00-\u9fff]{2,5}?社区)(?!安置|回迁|拆迁)的?(?=[\u4e00-\u9fff0-9]{1,12}?(?:小区|花园|苑|公寓|家园|山庄|新村|[村社](?![\u4e00-\u9fff])))")  # 潘涂社区潘涂村 too; 田墘社区东埕社 (a 社 of it, outages15)
_COMMUNITY_ALONE = re.compile(r"[\u4e00-\u9fff]{2,5}社区")
#: A locality asked for by itself (鼓浪屿, 火炬园区): every road printed under it.
_WHOLE_LOCALITY = re.compile(rf"^{_LOCALITY_NAME}$")
_BRACKET = re.compile(r"[（(](?P<b>[^）)]*)[）)]")
_NUMBERS = re.compile(
    r"(?P<n>\d+(?:号楼?)?\s*(?:至|到|-|—+|–|~|～)\s*\d+号(?:楼)?|\d+号(?:楼)?|[单双]号"
    r"|\d+\s*(?:(?:至|到|-|—+|–|~|～)\s*\d+\s*)?[栋幢座](?:(?:、|,|，)\d+[栋幢座]?)*"  # 金林湾花园3-5栋: its buildings
    r"|\d+\s*#(?:\s*(?:至|到|-|—+|–|~|～)\s*\d+\s*#)?\s*楼?"  # 1#楼, 1#-3#楼
    r"|[A-Za-z]\d?\s*[栋幢座](?:(?:、|,|，)[A-Za-z]\d?[栋幢座]?)*"  # 华美空间A座 (outages11: the name was 华美空间A座, 华美空间 found nothing)
    r"|除\d+号?(?:\s*(?:至|到|-|—+|–|~|～|、|,|，)\s*\d+号?)*)"  # 除35号 (kept from （除35号外）: the numbers not cut)
)
#: A bracket of house numbers only, in pieces (1-299号单号, 2-40号、48号: outages6, the section was 1-299号单号, so every number was cut).
_ONLY_NUMBERS = re.compile(rf"(?:{_NUMBERS.pattern}|[、,，\s])+")
_EXCEPT_NUMBERS = re.compile(r"(?:除|不含|不包括|除去)(?P<x>\d+号?(?:\s*(?:至|到|-|—+|–|~|～|、|,|，)\s*\d+号?)*)(?:外|以外)?")
_SECTION_TAIL = re.compile(
    r"(?<=[路街道巷])(?P<s>[东西南北中]段|[\u4e00-\u9fff0-9]{1,12}?(?:至|到)[\u4e00-\u9fff0-9]{1,12}?段?"
    # 莲前东路万达广场(一带): the stretch of the road at a landmark printed after it
    r"|[\u4e00-\u9fff]{2,8}(?:广场|大厦|商场|中心|酒店|公园|医院|学校|小学|中学|大学|小区|花园|公寓|新村|家园|山庄))$"
)
#: A village's group (村民小组): 3组, 一组, 第三村民小组, 1-3组.
VILLAGE_GROUP = r"第?[一二三四五六七八九十\d]{1,3}(?:\s*(?:至|到|-|—|~|～|、)\s*[一二三四五六七八九十\d]{1,3})?(?:村民小组|小组|组)"
# One side of a road said otherwise: 1-59号（奇数）, 2-40号偶数号, 美湖路（单）1-77号 are 单号/双号; 门牌2-40号 is 2-40号.
_SIDE_WORDS = re.compile(r"奇数号?|偶数号?|(?<=[（(])[单双](?=[)）])")
_DIRECTION_TAIL = re.compile(r"(?<=[路街道巷])[东西南北中]段$")
_PART_TAIL = re.compile(r"(?<=[\u4e00-\u9fff])(?:[A-Za-z]\d?区|[一二三四五六七八九十\d]{1,3}期)$"  # 保利叁仟栋A区, 前埔社区一期
                        r"|(?<=村)" + VILLAGE_GROUP + "$")  # 许厝村3组: a group of the village (outages9: it was a village 许厝村3组)
_ONWARDS = re.compile(r"(\d+)号(?:及)?(?:以后|以上|之后|往后)")
_DOORPLATE = re.compile(r"门牌(?:号)?(?=\d)")
_NOT_PLACES = frozenset({"取消", "照常", "不变", "正常", "周边", "周边商户", "用户", "客户", "部分客户", "部分", "居民", "单位", "区域", "周边单位", "周边居民", "周边用户", "沿线用户", "商铺", "以下区域", "下列区域", "周边区域", "上述区域", "相关区域", "部分区域"})
#: A cause said before the day (受台风影响，7月25日的停水取消: outages6): no place.
_CAUSE = re.compile(r"(?:受|因|由于)[\u4e00-\u9fff]{1,10}(?:影响|原因)")
#: How long, said as a clause of its own (…至次日5:00，连续三天，钟宅社区停气: outages7): no place.
_LASTING = re.compile(r"[（(]?(?:连续|共|为期)?[两二三四五六七八九十\d]{1,3}天[)）]?")  # （共两天） too
_BRACKETED_SUBDISTRICT = re.compile(r"^(?P<d>[\u4e00-\u9fff]{2,3}(?:区|县))[（(](?P<s>[\u4e00-\u9fff]{2,6}(?:街道|镇|乡))[)）](?=[\u4e00-\u9fff])")
_ORDINAL_FIRST = frozenset("0123456789一二三四五六七八九十（(")
_ORDINAL = re.compile(r"^(?:(?:\d{1,2}|[一二三四五六七八九十]{1,3})[.．、)）]|[（(]\d{1,2}[)）][.．、]?)(?=[\u4e00-\u9fff])")
_SUFFIXES = ("居委会", "村委会", "片区", "一带", "区域")
#: 188号至266号, 188-266号; an estate's buildings 1号楼至20号楼 (alerts4: read as 1号楼 and 20号楼, so 5号楼 was not in it)
#: A power line said where a place would be (原定于12月22日08:00至18:00的10kV文兴Ⅱ回线停电，调整为…): the line, not a place; its
#: places are those of the notice it corrects (alerts4: 的10kV文兴Ⅱ回线停电 was a place, so the line's watchers were not told).
_POWER_LINE = re.compile(r"的?\d+(?:\.\d+)?[kK][vV][\u4e00-\u9fff0-9A-Za-zⅠ-Ⅻ#＃]{1,16}?线(?:路)?(?:停电|检修|施工)?")
_RANGE = re.compile(r"(\d+)\s*(?:号楼?)?\s*(?:至|到|-|—+|–|~|～)\s*(\d+)\s*号")
_ONE_NUMBER = re.compile(r"(\d+)\s*号")


#: A place's own outage and what a change says of it, after its 的 (…莲岳社区的停水推迟一周进行, 思明区文屏路的计划停电因故取消,
#: outages10: read as places 莲岳社区的停水推迟一周 and 文屏路的计划停电因故, which called nothing off): no part of the place.
_OWN_OUTAGE_AFTER = re.compile(r"(?<=[\u4e00-\u9fff0-9）)])的(?:计划|检修|临时|原定)*(?:停电|停水|停气|(?:暂停|停止)(?:供电|供水|供气)|计划|检修)"
                               r"[\u4e00-\u9fff0-9]*$")


#: A building's number in Chinese numerals (国贸新城五号楼, 十二栋): as its digits, which the notices print (1号楼至12号楼); a
#: citizen types either (alerts6: 国贸新城五号楼 was told nothing of a cut of 1号楼至12号楼).
#: A phase printed after an estate's number (五缘湾1号二期, 观音山1号3期).
_PHASE_AFTER_NUMBER = re.compile(r"(?<=\d号)[一二三四五六七八九十\d]{1,3}期$")
#: A building numbered with # (1#楼, 1#-8#楼, 12#、15#楼), as estates' notices print them: N号楼. Not before a character (1#线: a line).
_BUILDING_HASH = re.compile(r"(?<![\dA-Za-z])(?P<n>\d{1,3})\s*#\s*(?:楼|(?![\u4e00-\u9fff\d]))")
_BUILDING_NUMERAL = re.compile(r"(?<=[\u4e00-\u9fff])(?<![一二两三四五六七八九十百零〇])(?P<n>[一二两三四五六七八九十百零〇]{1,4})(?=号楼|号院|栋|幢|座|#楼)")


def _strip_trailing(text: str) -> str:
    while True:
        shorter = _TRAILING.sub("", text).rstrip("，,、。；; ")
        if shorter[-1:] in ")）" and not re.search(r"[（(]", shorter):
            shorter = shorter[:-1]  # 通知（7月8日镇邦社区停水）取消: the bracket round the day and places closes, none of the place (outages6)
        if shorter == text or len(shorter) < 2:
            return text
        text = shorter


def clean_area(printed: str) -> OutageArea | None:
    """The parts of one printed place; None when nothing place-like is left (a bare 用户)."""
    # a backslash is an export's escape, never a place's (文园路\1号 was the street 文园路\, found by no lookup; outages7)
    text = re.sub(r"\s+|\\", "", printed.translate(FULLWIDTH_ASCII_AND_SPACE)).strip("，,、。；;：:")
    # Read in Simplified characters (思明區鷺江道 → district 思明区, name 鹭江道); nothing else folded (10kV湖滨Ⅰ路). `text` keeps the print.
    text = "".join(simple if "\u4e00" <= original <= "\u9fff" else original for original, simple in zip(text, fold(text), strict=True))
    text = _BUILDING_NUMERAL.sub(lambda m: str(cn_number(m["n"]) or m["n"]), text)  # 国贸新城五号楼: building 5 (alerts6)
    text = _BUILDING_HASH.sub(r"\g<n>号楼", text)  # 万科城1#-8#楼, 杏林湾一号12#: buildings 1 to 8, building 12 (outages15)
    if text[:1] in _ORDINAL_FIRST:  # 1. 翔安区新圩镇凤路村（8月13日…）, 二、集美区…: a list's ordinal, no part of the place (outages8)
        text = _ORDINAL.sub("", text)
    if "（" in text or "(" in text:  # 湖里区（金山街道）金湖路: the subdistrict in brackets after its district heads the place (outages8)
        text = _BRACKETED_SUBDISTRICT.sub(r"\g<d>\g<s>", text)
    text = _CITY.sub("", text)  # 福建省厦门市思明区湖滨南路 (the 95598 system's full address): the city is no part of the place
    text = _OTHER_CITY.sub("", text)  # 广州市天河区林和西路 (another city's notice): as 厦门市 before a district
    text = _other_city_short().sub("", text)  # 漳州延安北路, 广州白云区齐富路: its short name (data) as 漳州市
    text = re.sub(r"^(?:整个|整片|全体)(?=[\u4e00-\u9fff]{2})", "", text)  # 整个鼓锣社区: how much of it, not where
    text = re.sub(r"^(?:辐射|波及)(?=[\u4e00-\u9fff]{2})", "", text)  # 辐射周边区域用户水压下降: reaching around, no place
    # 湖里区禾山街道（部分）：枋湖社区: the bracket says how much of the heading, the place follows its colon
    text = re.sub(r"^(?P<h>[\u4e00-\u9fff]{2,12}?(?:区|县|街道|镇|乡))[（(][^）)]{1,8}[)）](?=[:：])", r"\g<h>", text)
    text = _SIDE_WORDS.sub(lambda m: "单号" if m.group(0)[0] in "奇单" else "双号", _DOORPLATE.sub("", text))
    text = _ONWARDS.sub(r"\1号至99999号", text)  # 东芳路88号以后: every number from 88 on
    if len(text) < 2:
        return None
    if "为准" in text and "为准" in _BRACKET.sub("", text):
        return None  # 停水区域调整以实际为准: a caveat printed among the places, no place (review s16: 停水区 was a district)
    section = numbers = ""
    bracket = _BRACKET.search(text)
    if bracket and bracket.start() >= 2:
        section = bracket["b"].strip()
        rest = text[bracket.end():]
        text = text[: bracket.start()]
        if _ONLY_NUMBERS.fullmatch(section):  # 湖滨北路（双号）, 湖滨南路（1-99号）, 厦禾路（1-299号单号）: numbers, not a section
            section, rest = "", section + rest
        elif excepted := _EXCEPT_NUMBERS.fullmatch(section):  # 大同路1-99号（除35号外）: those numbers are not cut
            section, rest = "", "除" + excepted["x"] + rest
        # After the bracket: house numbers are kept (（双号）188-266号: both); words saying how (两侧用户, 停电) are not a place.
        numbers = "".join(match["n"] for match in _NUMBERS.finditer(rest))
    text = _strip_trailing(_OWN_OUTAGE_AFTER.sub("", text))
    district = subdistrict = ""
    match = _DISTRICT.match(text)
    if match:
        district, text = match["d"], text[match.end():]
    match = (_SUBDISTRICT.match(text) or (_STREET_SUBDISTRICT.match(text) if district else None) or _LOCALITY.match(text)
             or _COMMUNITY.match(text))
    if match:
        subdistrict, text = match.group(1), text[match.end():]
        locality = _LOCALITY.match(text)
        if locality:  # 新阳街道新阳工业区新阳路: the road, in its subdistrict (the area it lies in was one name with it)
            text = text[locality.end():]
        community = _COMMUNITY.match(text)
        if community:  # 西柯街道潘涂社区潘涂村: the village in its community, the nearer place (院前社区东瑶小区 as printed alone)
            subdistrict, text = community["c"], text[community.end():]
    phase = _PHASE_AFTER_NUMBER.search(text)
    if phase and not section:  # 五缘湾1号二期: the estate 五缘湾1号's phase (outages15: lost, so 一期 asked was cut)
        section, text = phase.group(0), text[: phase.start()]
    match = _NUMBERS.search(text)
    if match and match.start() >= 2:  # 湖滨南路188-266号双号, 湖滨南路188-266号（双号）: every piece
        numbers, text = "".join(m["n"] for m in _NUMBERS.finditer(text, match.start())) + numbers, text[: match.start()]
    part = _PART_TAIL.search(text)
    if part and part.start() >= 2 and not section:  # 保利叁仟栋A区: a part of the estate, as a section of a road
        section, text = part.group(0), text[: part.start()]
    if not section:
        match = _SECTION_TAIL.search(text)
        if match and match.start() >= 2:
            section, text = match["s"], text[: match.start()]
    elif (direction := _DIRECTION_TAIL.search(text)) is not None and direction.start() >= 2:
        # 湖滨南路东段（湖滨一里至湖东路）: the bracket says where the east section runs; the road is 湖滨南路 (alerts3: the
        # name was 湖滨南路东段, and no one asking for 湖滨南路 was told)
        section, text = direction.group(0) + section, text[: direction.start()]
    text = _strip_trailing(text)
    if not text:  # "湖里区殿前街道": the subdistrict (or district) is the place
        text, subdistrict = (subdistrict, "") if subdistrict else (district, "")
        district = district if text != district else ""
    if len(text) < 2 or text in _NOT_PLACES or _CAUSE.fullmatch(text) or _LASTING.fullmatch(text) or _POWER_LINE.fullmatch(text):
        return None
    return OutageArea(name=text, district=district, subdistrict=subdistrict, section=section.replace(" ", ""),
                      numbers=numbers, text=printed.strip())


def _same_name(asked: str, printed: str) -> bool:
    if asked == printed:
        return True
    # 迎胜社区 names 迎胜社区居委会; 湖边水库 names 湖边水库片区.
    if printed.startswith(asked) and printed[len(asked):] in _SUFFIXES:
        return True
    # 湖滨一里 and 湖滨一里小区 are one estate, typed either way; 金山 is no estate of 金山小区 (a name of its own is asked).
    asked, printed = _ESTATE.sub("", asked), _ESTATE.sub("", printed)
    if asked == printed:
        return True
    if _NEIGHBOURHOOD.fullmatch(asked) and printed in (asked + "社区", asked + "村"):
        return True  # 曾厝垵 is 曾厝垵社区 (outages13: found nothing), as citizens name it; 高殿 is still no 高殿社区
    # 海沧区未来海岸蓝月湾, 五缘湾国贸天琴湾: an estate printed after the larger estate or area it lies in, no marker between;
    # asked by its own name (蓝月湾). Only a name of three characters or more that ends as estates' names do, after two
    # characters or more (金山, 湖滨一里, 高殿社区 are never found inside a longer name).
    if len(asked) >= 3:
        return printed.endswith(asked) and len(printed) - len(asked) >= 2 and bool(_ESTATE_END.search(asked))
    # 五缘湾蓝湾3号 (outages13; outages12 found it only asked with its number): a two-character estate alone is found after an
    # area that is a place's whole name (a bay, a new town), never after any two characters (海湾 is no estate of 五缘海湾)
    return (len(asked) == 2 and printed.endswith(asked) and bool(_ESTATE_END.search(asked))
            and bool(_AREA_BEFORE_ESTATE.fullmatch(printed[: -len(asked)])))


#: A Minnan neighbourhood's own name (曾厝垵, 何厝, 前埔, 莲坂, 后埭, 后墩): a place by itself, the 社区 or 村 of that name.
#: 尾 and 寮 too (沙坡尾, 店仔尾, 鸡母寮; outages14: 沙坡尾明天停电吗 found nothing).
_NEIGHBOURHOOD = re.compile(r"[\u4e00-\u9fff]{1,3}[厝垵埔坂埭墩尾寮]")
#: The area an estate of two characters is printed after (五缘湾蓝湾): a bay's or a new town's whole name.
_AREA_BEFORE_ESTATE = re.compile(r"[\u4e00-\u9fff]{2,4}(?:湾|新城|新区|片区|园区)")


_ESTATE_END = re.compile(r"(?:[湾苑园府郡邸墅庭城]|花园|公馆|山庄|家园|公寓|华庭|学府|别墅|小区|(?<=[\u4e00-\u9fff]{2})[一二三四五六七八九十]号)$")  # 海峡一号


def _numbered_estate_within(asked: OutageArea, area: OutageArea) -> bool:
    """An estate of two characters asked with its number as printed after the area it lies in (蓝湾3号 asked, 五缘湾蓝湾3号 printed;
    outages12: found nothing, as a two-character name is never looked for inside a longer one): the number makes it that
    estate (金山 alone still does not find 湖滨金山)."""
    asked_name, printed = fold(asked.name), fold(area.name)
    return (bool(asked.numbers) and fold(asked.numbers) == fold(area.numbers) and len(asked_name) == 2
            and printed.endswith(asked_name) and len(printed) >= 4 and bool(_ESTATE_END.search(asked_name)))


# An estate's name before 小区: three characters ending as estates' names do (湖滨一里), or any four or more (未来海岸,
# 东方山庄): a two-character place (金山) or a three-character one of another kind stays a name of its own.
_ESTATE = re.compile(r"(?:(?<=^[\u4e00-\u9fff]{2}[里苑园城村庄湾府居阁轩邸坊])|(?<=[\u4e00-\u9fff]{4}))小区$")


def printed_name(asked: OutageArea) -> str:
    """What a notice naming the asked place prints at least (the index's phrase): 湖滨一里小区 may be printed 湖滨一里."""
    return _ESTATE.sub("", asked.name)


def _number_listed(number: int, listed: str) -> bool:
    """Whether `number` is one of `35号、37号` or in `30-40号` (the numbers a place's exception names)."""
    if any(int(low) <= number <= int(high) for low, high in re.findall(r"(\d+)\s*号?\s*(?:至|到|-|—+|–|~|～)\s*(\d+)", listed)):
        return True
    return number in {int(n) for n in re.findall(r"\d+", listed)} and not re.search(r"\d\s*号?\s*(?:至|到|-|—+|–|~|～)", listed)


def _number_in(asked: str, printed: str) -> bool:
    """A house number asked for (200号) lies in a printed range (188号至266号) or is the printed number; a range asked
    (895至905号, a block's doors) when one of its numbers does (alerts6: its last number alone was asked, 905, not cut)."""
    span = _RANGE.search(asked)
    if span and 0 <= int(span.group(2)) - int(span.group(1)) <= 1000:
        range_sides = [side for side in ("单号", "双号") if side in asked]
        side = range_sides[0] if len(range_sides) == 1 else ""  # 895至905号（单号）: its odd doors alone
        return any(_number_in(f"{n}号{side}", printed) for n in range(int(span.group(1)), int(span.group(2)) + 1)
                   if not side or (n % 2 == 1) == (side == "单号"))
    wanted = _ONE_NUMBER.search(asked)
    if not wanted:  # a side asked without a number (解放路双号) is not the other side printed alone (解放路单号（1-151号）; outages9)
        asked_sides = {side for side in ("单号", "双号") if side in asked}
        printed_sides = {side for side in ("单号", "双号") if side in printed}
        return not (len(asked_sides) == len(printed_sides) == 1 and asked_sides != printed_sides)
    number = int(wanted.group(1))
    printed, _, excepted = printed.partition("除")  # 1-99号除35号: 35 is not cut
    if excepted and _number_listed(number, excepted):
        return False
    sides = {side for side in ("单号", "双号") if side in printed}
    if len(sides) == 1 and (number % 2 == 1) != ("单号" in sides):
        return False  # one side of the road: odd or even numbers (with a range: 188-266号双号, both must hold)
    ranges = _RANGE.findall(printed)
    if ranges:
        return any(int(low) <= number <= int(high) for low, high in ranges)
    singles = _ONE_NUMBER.findall(printed)
    return not singles or any(int(n) == number for n in singles)


#: The city before a district or a road (厦门市湖滨南路): notices print the place without it. 厦门大学 and 厦门北站 keep it.
_CITY = re.compile(r"^(?:福建省)?厦门市?(?=(?:思明|湖里|集美|海沧|同安|翔安)(?:区|$)|.{2,}[路街巷](?:[0-9]+号)?$)")


#: Another city before its district or county (广州市天河区, 广东省深圳市福田区): notices of other cities print it so.
#: A county-level city before its subdistrict or town (晋江市青阳街道, 福清市龙山街道: outages6) likewise. Without 市, any city's
#: short name before one of its districts of two characters and a place in it (杭州西湖区文新街道, 武汉洪山区珞南街道): a district's
#: name has two before 区/县 (西湖区, 洪山区); a zone's has more or ends otherwise (高新区, 开发区, 工业区, 保税区 keep theirs).
_OTHER_CITY = re.compile(r"^(?:[\u4e00-\u9fff]{2,3}省)?(?:[\u4e00-\u9fff]{2,3}市(?=[\u4e00-\u9fff]{2,3}?(?<![小片园校社景厂商营])(?:区|县)[:：]?[\u4e00-\u9fff0-9]"
                         r"|[\u4e00-\u9fff]{2,4}(?:街道|镇)[\u4e00-\u9fff0-9])"
                         r"|(?!厦门)[\u4e00-\u9fff]{2}(?=[\u4e00-\u9fff]{2}(?<![小片园校社景厂商营新发业税城湾岛])(?:区|县)(?:[\u4e00-\u9fff]{2,6}(?:街道|镇|乡)|[\u4e00-\u9fff]{2,8}(?:路|街|大道))))")


def without_city(area: str) -> str:
    """The place as notices print it: a leading 厦门市 (or 福建省厦门市) before a district or a road taken off, and a
    district said by its short name (思明, 厦门湖里) named in full (data/outage_area_groups.toml [short_names])."""
    area = _CITY.sub("", area)
    return _short_names().get(fold(area.strip()), area)


@lru_cache(maxsize=1)
def _other_city_short() -> re.Pattern[str]:
    """Another city's short name (data/outage_area_groups.toml [other_cities]) before one of its districts or a whole road's
    name (two characters or more before 路/街/巷/大道: 漳州路 keeps its name)."""
    data = tomllib.loads(resources.files("gongkai.data").joinpath("outage_area_groups.toml").read_text(encoding="utf-8"))
    names = "|".join(map(re.escape, data.get("other_cities", {}).get("names", []))) or "(?!)"
    return re.compile(rf"^(?:{names})(?=[\u4e00-\u9fff]{{2,3}}?(?<![小片园校社景厂商营])(?:区|县)[:：]?[\u4e00-\u9fff0-9]"
                      rf"|[\u4e00-\u9fff0-9]{{2,}}(?:路|街|巷|大道|社区|村|小区))")  # 漳州朝阳社区 (outages5)


def without_other_city(name: str) -> str:
    """A name without another city's short name before it (福州东街口 → 东街口: [other_cities]), three characters or more left;
    the outage question asks the notices for such a name when no rule reads it (outage_question.printed_place)."""
    return _other_city_short_before_any().sub("", name)


@lru_cache(maxsize=1)
def _other_city_short_before_any() -> re.Pattern[str]:
    data = tomllib.loads(resources.files("gongkai.data").joinpath("outage_area_groups.toml").read_text(encoding="utf-8"))
    names = "|".join(map(re.escape, data.get("other_cities", {}).get("names", []))) or "(?!)"
    return re.compile(rf"^(?:{names})(?=[\u4e00-\u9fff]{{3,}}$)")


@lru_cache(maxsize=1)
def _short_names() -> dict[str, str]:
    data = tomllib.loads(resources.files("gongkai.data").joinpath("outage_area_groups.toml").read_text(encoding="utf-8"))
    return {fold(short): full for short, full in data.get("short_names", {}).items()}


@dataclass(frozen=True)
class AreaGroup:
    """A part of the city named instead of a district (岛内: 思明区 and 湖里区), from gongkai/data/outage_area_groups.toml."""

    name: str  # how the answer says it (岛内)
    names: tuple[str, ...]  # every way it is typed (岛内, 厦门岛内, 本岛), folded
    districts: frozenset[str]  # folded


@lru_cache(maxsize=1)
def area_groups() -> tuple[AreaGroup, ...]:
    data = tomllib.loads(resources.files("gongkai.data").joinpath("outage_area_groups.toml").read_text(encoding="utf-8"))
    return tuple(AreaGroup(name=g["names"][0], names=tuple(fold(n) for n in g["names"]),
                           districts=frozenset(fold(d) for d in g["districts"])) for g in data["group"])


def district_names() -> tuple[str, ...]:
    """The districts the area groups name (思明区 … 翔安区), in their data's order."""
    return tuple(dict.fromkeys(d for group in area_groups() for d in sorted(group.districts)))


def area_group(area: str) -> AreaGroup | None:
    """The group a place asked for is (岛内, 厦门岛外), or None."""
    folded = fold(area.strip())
    return next((group for group in area_groups() if folded in group.names), None)


def parse_query(area: str) -> OutageArea | None:
    """The place asked for, cleaned as a printed one is; a group (岛内) by the name the answer says back."""
    group = area_group(area)
    if group is not None:
        return OutageArea(name=group.name, text=area.strip())
    return clean_area(area)


def names_a_whole_area(name: str) -> bool:
    """Whether a place is a district, subdistrict or locality as a whole (思明区, 东孚街道, 鼓浪屿): one that heads others."""
    return bool(_WHOLE_DISTRICT.match(name) or _WHOLE_LOCALITY.match(name))


def area_matches(area: OutageArea, asked: OutageArea) -> bool:
    """Whether the asked place (cleaned by clean_area) is named by an event's area."""
    group = area_group(asked.name)
    if group is not None:  # 岛内: every place printed under 思明区 or 湖里区
        return fold(area.district) in group.districts
    if _WHOLE_DISTRICT.match(asked.name) and fold(asked.name) in (fold(area.district), fold(area.subdistrict)) and (
        not asked.district or not area.district or fold(asked.district) == fold(area.district)
    ):
        return True  # 思明区 (or 殿前街道, 湖里区殿前街道) asked alone: every place printed under it
    if _WHOLE_LOCALITY.match(asked.name) and not asked.numbers and fold(asked.name) == fold(area.subdistrict):
        return True  # 鼓浪屿 asked alone: 鼓浪屿龙头路 and every road printed under it
    if not asked.numbers and _COMMUNITY_ALONE.fullmatch(asked.name) and fold(asked.name) == fold(area.subdistrict):
        return True  # 院前社区 asked alone: the estates printed under it (院前社区东瑶小区)
    if not _same_name(fold(asked.name), fold(area.name)) and not _numbered_estate_within(asked, area):
        return False
    if asked.district and area.district and fold(asked.district) != fold(area.district):
        return False
    if _COMMUNITY_ALONE.fullmatch(asked.subdistrict) and _COMMUNITY_ALONE.fullmatch(area.subdistrict) and (
        fold(asked.subdistrict) != fold(area.subdistrict)
    ):
        return False  # 山头社区东埕社 asked, 田墘社区（东埕社、西埕社） printed: another community's 社 (outages16: answered cut)
    if asked.numbers and area.numbers and not _number_in(asked.numbers, area.numbers):
        return False
    if _other_part(asked.section, area.section):
        return False  # 万科城一期 asked, 万科城（二期） printed (outages11: answered cut): another phase of the estate; A区/B区 alike
    return True


#: A part of an estate (clean_area's _PART_TAIL): a phase (一期, 二期, 3期) or a lettered part (A区, B2区).
_PHASE = re.compile(r"(?P<n>[一二三四五六七八九十\d]{1,3})期")
_LETTERED = re.compile(r"(?P<l>[a-z]\d?)区")


def _other_part(asked: str, printed: str) -> bool:
    """Whether the asked section and the printed one are two different parts of an estate: phases (一期, 二期, 3期) or
    lettered parts (洋唐居住区A区 asked, B区 printed; outages12: answered cut)."""
    asked, printed = fold(asked), fold(printed)
    # each part printed, one or a list (诚毅花园（A区、B区）, 前埔社区（一期、二期）: outages15, C区 asked was cut)
    parts = [part for part in re.split(r"[、，,和及与\s]+", printed) if part]
    if (one := _PHASE.fullmatch(asked)) and parts and all(_PHASE.fullmatch(part) for part in parts):
        return all(cn_number(one["n"]) != cn_number(_PHASE.fullmatch(part)["n"]) for part in parts)  # type: ignore[index]
    if (one := _LETTERED.fullmatch(asked)) and parts and all(_LETTERED.fullmatch(part) for part in parts):
        return all(one["l"] != _LETTERED.fullmatch(part)["l"] for part in parts)  # type: ignore[index]
    if (group := _ONE_GROUP.fullmatch(asked)) and _GROUPS.fullmatch(printed):
        # 古宅村2组 asked, 古宅村（3组、5组、7组） printed (outages13: answered cut): a group of the village not listed
        listed: set[int | None] = set()
        for item in _GROUP_ITEM.finditer(printed):
            low, high = cn_number(item["a"]), cn_number(item["b"] or item["a"])
            listed |= set(range(low, high + 1)) if low is not None and high is not None and high - low < 100 else {low}
        return cn_number(group["n"]) not in listed
    return False


#: One group of a village asked (2组, 第三村民小组); the groups printed (3组、5组、7组, 1组至5组), each or a range.
_ONE_GROUP = re.compile(r"第?(?P<n>[一二三四五六七八九十\d]{1,3})(?:村民小组|小组|组)")
_GROUP_ITEM = re.compile(r"第?(?P<a>[一二三四五六七八九十\d]{1,3})(?:村民小组|小组|组)?(?:\s*(?:至|到|-|—|~|～)\s*第?(?P<b>[一二三四五六七八九十\d]{1,3}))?(?:村民小组|小组|组)")
_GROUPS = re.compile(r"(?:第?[一二三四五六七八九十\d]{1,3}(?:村民小组|小组|组)?(?:\s*(?:至|到|-|—|~|～)\s*第?[一二三四五六七八九十\d]{1,3})?(?:村民小组|小组|组)[、，,和及\s]*)+")
