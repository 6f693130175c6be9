"""A law's history printed under its title, one event a line, as 国家法律法规数据库 and its copies print it:

    2019年3月20日 国务院第41次常务会议通过
    2019年5月28日 中华人民共和国国务院令第717号公布
    2019年7月1日 施行
    2021年11月25日 浙江省第十三届人民代表大会常务委员会第三十二次会议《关于修改〈…〉的决定》修正

(the parenthesised form, `（2024年6月25日…会议通过）`, is textmeta.adoption_date's). What a reader takes from it: the
body that made it (the body whose 令 or 公告 promulgated it, else the body whose meeting adopted it: a higher body's
批准 approves, it does not make), its number (the 令 that promulgated it, not the one of a later amending decision) and
the day of its text (its last adoption, approval, revision, amendment or promulgation: the day it takes effect is no
such day). Only lines that open with a full date and end with the event's verb count, in the header above the first
article: a sentence naming a meeting (…常务会议通过的预案，请…) is no history (lead, session 19)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from gongkai.dates import cn_number, find_dates
from gongkai.textnorm import fold

#: how far under the title the history may run (a long one has five or six lines)
_HISTORY_LINES = 14
_NUMERAL = r"[0-9一二三四五六七八九十百零〇两]+"
_EVENT_LINE = re.compile(
    r"(?P<day>(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)\s*(?P<what>[^。；;]{2,160}?)"
    r"(?P<verb>审议通过|通过|批准|公布|发布|修订|修正|修改|施行)[\s，,。.）)]*"
)
_DECREE = re.compile(rf"(?P<body>[^《》，,]{{2,40}}?)令\s*第\s*(?P<n>{_NUMERAL})\s*号$")
_ANNOUNCEMENT = re.compile(rf"(?P<body>[^《》，,]{{2,40}}?)公告\s*第\s*{_NUMERAL}\s*号$")
_MEETING = re.compile(rf"(?P<body>[^《》，,]{{2,40}}?)(?:第{_NUMERAL}次)?(?:常务|部长办公|部务|局务|署务|委务|主任|全体)?会议$")
_BODY_ALONE = re.compile(r"(?P<body>[^《》，,\d]{2,30})$")
_TERM = re.compile(rf"第{_NUMERAL}届")
_DATED_START = re.compile(r"(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日")
_FIRST_ARTICLE = re.compile(rf"^(?:#+\s*)?第{_NUMERAL}[章条节]|^(?:#+\s*)?总\s*则$")
#: the 令 a body numbers its decrees in, as citations print it (国务院令 is 国令)
_DECREE_SHORT = {"国务院": "国令"}
_MAKING = ("通过", "审议通过", "公布", "发布")
_DATING = ("通过", "审议通过", "批准", "公布", "发布", "修订", "修正", "修改")


@dataclass(frozen=True)
class LawHistory:
    issuer: str
    doc_number: str
    written: date | None  # the day of the text as printed: its last adoption, approval, revision or promulgation
    promulgated: date | None  # the day of its last promulgation (公布/发布)


def read_history(lines: list[str]) -> LawHistory | None:
    """The history printed in the header lines (nonblank, the title first), or None when it prints none."""
    promulgators: list[tuple[date, str, str]] = []  # (day, body, its 令's number or "")
    adopters: list[tuple[date, str]] = []
    days: list[date] = []
    for text in _event_lines(lines[:_HISTORY_LINES]):
        match = _EVENT_LINE.fullmatch(text)
        if match is None:
            continue
        found = find_dates(match["day"])
        if not found or find_dates(match["what"]):
            continue  # one event a line: a line of several (…通过　根据2021年…修正) is read by adoption_date
        day, what, verb = found[0], match["what"].strip(), match["verb"]
        if verb in _DATING:
            days.append(day)
        if verb not in _MAKING:
            continue
        what = what.replace("中华人民共和国", "").strip()
        if verb in ("公布", "发布"):
            if decree := _DECREE.fullmatch(what):
                body = _TERM.sub("", decree["body"]).strip()
                number = f"{decree_name(body)}第{_arabic(decree['n'])}号"
                promulgators.append((day, body, number))
            elif announcement := _ANNOUNCEMENT.fullmatch(what):
                promulgators.append((day, _TERM.sub("", announcement["body"]).strip(), ""))
            elif alone := _BODY_ALONE.fullmatch(what):
                promulgators.append((day, alone["body"].strip(), ""))
        elif meeting := _MEETING.fullmatch(what):
            adopters.append((day, _TERM.sub("", meeting["body"]).strip()))
    if not days:
        return None
    issuer = (promulgators[0][1] if promulgators else adopters[0][1] if adopters else "")
    numbers = [number for _, _, number in promulgators if number]
    promulgated = max((day for day, _, _ in promulgators), default=None)
    return LawHistory(issuer=issuer, doc_number=numbers[-1] if numbers else "", written=max(days), promulgated=promulgated)


def _event_lines(lines: list[str]) -> list[str]:
    """The header's lines folded, up to the first article, an event broken over two lines joined: `1984年1月7日 国务院` over
    `中央军委发布` is one joint promulgation (the second line opens with no date and ends with the verb the first lacks)."""
    folded: list[str] = []
    for line in lines:
        text = fold(line).strip()  # a history in parentheses, several events a line, is textmeta.adoption_date's
        if _FIRST_ARTICLE.match(text):
            break
        folded.append(text)
    joined: list[str] = []
    skip_next = False
    for i, text in enumerate(folded):
        if skip_next:
            skip_next = False
            continue
        follower = folded[i + 1] if i + 1 < len(folded) else ""
        # a line in brackets under a date is a note (（此件公开发布） under a signature's date: its 发布 made 、（此件公开 the
        # issuer of a scan whose signature was misread, scans5), never the second half of a promulgation
        if (_DATED_START.match(text) and not _EVENT_LINE.fullmatch(text) and follower and not _DATED_START.match(follower)
                and not follower.startswith(("(", "（")) and _EVENT_LINE.fullmatch(f"{text}、{follower}")):
            joined.append(f"{text}、{follower}")
            skip_next = True
        else:
            joined.append(text)
    return joined


def decree_name(body: str) -> str:
    """The name of a body's decrees: 国务院 → 国令, 公安部 → 公安部令 (textmeta's decree headers read them so too)."""
    return _DECREE_SHORT.get(body, body + "令")


def _arabic(numeral: str) -> str:
    """A decree's number as digits (第七一七号 is rare, 第717号 usual; digits are what people type)."""
    if numeral.isdigit():
        return str(int(numeral))
    value = cn_number(numeral)
    return str(value) if value is not None else numeral
