"""A report delivered at a meeting (政府工作报告, a 报告 to a 人民代表大会), as its text prints it under the title:

    2026年上海市政府工作报告
    ——2026年2月3日在上海市第十六届人民代表大会第四次会议上
    来源：解放日报
    …
    现在，我代表上海市人民政府，向大会报告工作，请予审议。

The day it was delivered is the day of its text, and the body the speaker represents (我代表省人民政府: the province the
meeting names) issued it. A newspaper that reprints it is its carrier: a 来源 naming a paper (解放日报, 云南日报, 宁夏日报客户端)
gives way to that body (lead, session 19: the corpus's 21 provincial work reports were issued by their newspapers and of no
day). Nothing here applies to a text naming no such meeting."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from gongkai.dates import find_dates
from gongkai.textnorm import fold

_HEAD_LINES = 30  # a saved page's toolbar and breadcrumbs come first
_NUMERAL = r"[0-9一二三四五六七八九十百零〇○两]+"
_DAY = rf"(?:(?:19|20)\d{{2}}|[一二][〇○零一二三四五六七八九]{{3}})\s*年\s*{_NUMERAL}\s*月\s*{_NUMERAL}\s*日"
_DELIVERED = re.compile(
    rf"^[—\-－–─（(\s]*(?P<day>{_DAY})\s*在(?P<place>[^\s第0-9一二三四五六七八九十]{{2,12}}?)第?{_NUMERAL}届"
    rf"人民代表大会(?:常务委员会)?第?{_NUMERAL}次(?:全体)?会议上"
)
#: the bodies that report to a 人民代表大会: its government (and the budget and plan reports made for it), its standing
#: committee, its court and its procuratorate (review19: only 政府 was read, the court's report was of no issuer)
_BODY = r"(?:人民政府|政府|人民代表大会常务委员会|人大常委会|常委会|高级人民法院|中级人民法院|人民法院|法院|人民检察院|检察院)"
#: 我代表省人民政府 (the speaker's own body), 受省人民政府委托 (a budget report, the standing committee's)
_REPRESENTED = re.compile(rf"我代表(?P<body>[^，,。；\s]{{0,16}}?{_BODY})|受(?P<entrusting>[^，,。；\s]{{0,16}}?{_BODY})委托")
_LEVEL_ONLY = re.compile(rf"^(?:省|市|自治区|区|县|州|盟)(?P<kind>{_BODY})$")
#: a body's name as a record names it: 政府 is its 人民政府, 人大常委会 its 人民代表大会常务委员会
_FULL_KIND = (("人民政府", "人民政府"), ("政府", "人民政府"), ("人民代表大会常务委员会", "人民代表大会常务委员会"),
              ("人大常委会", "人民代表大会常务委员会"), ("常委会", "人民代表大会常务委员会"), ("人民法院", "人民法院"),
              ("法院", "人民法院"), ("人民检察院", "人民检察院"), ("检察院", "人民检察院"))
#: a newspaper, news site or broadcaster: what carries a document, never what issues it
# (a city's 广电 named alone or as a media group, 厦门广电: a broadcaster; never 广电局, the bureau: fields14)
_NEWS_OUTLET = re.compile(r"日报|晚报|早报|商报|时报|报社|新闻网|新闻客户端|客户端|电视台|广播电台|新华社|通讯社|人民网|新华网|央视网|融媒体中心|"
                          r"广电(?:集团|传媒|网络)?$")


@dataclass(frozen=True)
class DeliveredReport:
    day: date
    issuer: str  # "" when the text does not say whom the speaker represents


def read_delivered_report(lines: list[str]) -> DeliveredReport | None:
    """The meeting line's day and the represented body, from the first lines (nonblank), or None."""
    for line in lines[:_HEAD_LINES]:
        match = _DELIVERED.match(fold(line).strip())
        if match is None:
            continue
        found = find_dates(match["day"])
        if not found:
            continue
        return DeliveredReport(day=found[0], issuer=_represented(lines, match["place"]))
    return None


def _represented(lines: list[str], place: str) -> str:
    for line in lines[:_HEAD_LINES + 10]:
        match = _REPRESENTED.search(line)
        if match is None:
            continue
        body = match["body"] or match["entrusting"]
        if (level := _LEVEL_ONLY.match(body)) is not None:
            return place + _full(level["kind"])  # 省人民检察院 at 福建省's meeting: 福建省人民检察院
        if not body.startswith(place[:2]):
            return f"{place}人民政府" if body.endswith("政府") else ""
        return _full(body)
    return ""


def _full(body: str) -> str:
    """A body's name with its kind said in full (厦门市政府 → 厦门市人民政府, 省人大常委会 → …人民代表大会常务委员会)."""
    for short, full in _FULL_KIND:
        if body.endswith(short):
            return body[: -len(short)] + full
    return body


def is_news_outlet(name: str) -> bool:
    """Whether a 来源 names a newspaper or news site (the carrier of what it reprints)."""
    return bool(name) and _NEWS_OUTLET.search(fold(name).strip()) is not None  # 廈門廣電 as 厦门广电
