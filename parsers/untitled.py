"""The title of a text that prints no heading: a page's extracted main text (its heading left in the page's chrome), a
notice pasted from a social-media post under a kicker (最新通告！), a letter to 各位市民.

Such a text opens with its addressee (各区人民政府,市直各委、办、局:) or a kicker, and was titled by that first line
(the corpus's web-gov-001 and web-notice-008, lead session 19). A 公文 says what it is even without its heading: one that
现将《X》印发给你们 is, by the rule every agency titles by, `<signer>关于印发X的通知`; one forwarding a document titled
关于… is `<signer>转发X`; one that opens 为<purpose>，现将有关事项通知如下 is `<signer>关于<purpose>的通知`. A text saying none
of these is called by its first sentence after the greeting (build.py's last resort), never by the greeting or the kicker.
"""

from __future__ import annotations

import re
from collections.abc import Callable

#: a line above a post's heading that only calls for attention: 最新通告！ 扩散周知！ 【重要提醒】 (short, no sentence)
_KICKER = re.compile(r"【[^】]{1,10}】|[^，。,.：:；;、]{1,10}[！!]+")
_NOTICE_ENDS = ("通知", "通告", "公告", "决定", "意见", "办法", "规定", "方案", "细则", "措施", "批复", "函", "要点", "规划", "纲要")

#: 现将《X》（文号）印发给你们 / 《X》已经市人民政府同意，现印发给你们 (the document's own number in brackets after it)
_ISSUES = (
    re.compile(r"现将《(?P<x>[^《》]{2,80})》(?:[（(][^（）()]{0,30}[）)])?(?P<verb>印发|转发)给你们"),
    re.compile(r"^《(?P<x>[^《》]{2,80})》(?:[（(][^（）()]{0,30}[）)])?已经[^。；]{0,40}?(?:同意|通过)，现(?P<verb>印发|转发)给你们"),
)
#: 为做好X工作，现将有关事项通知如下 / 现就X有关事项通知如下: the notice's subject, as its title would say it
_PURPOSE = re.compile(r"^为(?P<x>[^，。；：:,;]{4,40})[，,](?:[^，。；,;]{0,30}[，,])?现(?:将|就)(?:有关|相关)?(?:事项|问题)"
                      r"(?P<word>通知|公告|通告)如下")
_SUBJECT = re.compile(r"^现就(?P<x>[^，。；,;]{4,40}?)(?P<tail>有关事项|相关事项|有关问题)(?P<word>通知|公告|通告)如下")


#: a greeting line in place of an addressee: 市直各有关单位：, 广大市民朋友们：, 尊敬的用户： (no sentence, a colon, people addressed)
_GREETING = re.compile(r"[^，。；！？,.;!?：:\d]{2,24}(?:单位|部门|市民|群众|朋友们?|同志们?|居民|用户|旅客|乘客|企业|家长|业主|车主|纳税人|各位)[：:]")


def is_greeting(line: str) -> bool:
    """A first line addressing people or units without naming bodies (市直各有关单位：, 广大市民朋友们：): an addressee's place."""
    return _GREETING.fullmatch("".join(line.split())) is not None


def is_kicker(line: str) -> bool:
    """A short line calling for attention above a post's heading (最新通告！, 【重要提醒】): no part of a title."""
    return _KICKER.fullmatch("".join(line.split())) is not None


def opens_as_body(lines: list[str], is_addressee: Callable[[str], bool]) -> bool:
    """Whether the text starts with its addressee (after kickers): it prints no heading."""
    for line in lines[:3]:
        if is_kicker(line):
            continue
        return is_addressee(line) or is_greeting(line)
    return False


def said_title(lines: list[str], signer: str) -> list[tuple[str, bool]]:
    """The title the text says it has, as pieces (text, printed): printed pieces are the text's own words (the signer, the
    document issued), the others the words every such title is made with (关于印发…的通知). [] when it says none.
    `lines` are the text's nonblank lines after its addressee; `signer` the body its signature names ('' if none)."""
    body = "".join("".join(line.split()) for line in lines[:4])
    head = [(signer, True)] if signer else []
    for pattern in _ISSUES:
        if match := pattern.search(body[:300]):
            issued = match["x"]
            if match["verb"] == "印发":
                return [*head, ("关于印发", False), (issued, True), ("的通知", False)]
            if "关于" in issued and issued.endswith("通知"):
                return [*head, ("转发", False), (issued, True)]  # 转发…的通知, never …的通知的通知
            if "关于" in issued:
                return [*head, ("转发", False), (issued, True), ("的通知", False)]
            return [*head, ("关于转发", False), (issued, True), ("的通知", False)]
    first = re.split(r"(?<=[。；])", body, maxsplit=1)[0]
    if match := _PURPOSE.match(first):
        return [*head, ("关于", False), (match["x"], True), ("的", False), (match["word"], True)]
    if match := _SUBJECT.match(first):
        return [*head, ("关于", False), (match["x"] + match["tail"], True), ("的", False), (match["word"], True)]
    return []


#: the words of a made title as a Traditional text prints them (its printed pieces keep their own characters)
TRADITIONAL_WORDS = {"关于印发": "關於印發", "关于转发": "關於轉發", "转发": "轉發", "关于": "關於", "的通知": "的通知", "的": "的"}


def first_sentence(text: str, is_addressee: Callable[[str], bool]) -> str:
    """The first sentence of a text printing no heading, past its kickers and its addressee or greeting (各位市民：): a
    title of last resort, never the greeting. '' when the text holds no line. (`is_addressee`: textmeta's, handed in,
    as textmeta imports this module.)"""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    start = 0
    while start < len(lines) - 1 and (is_kicker(lines[start]) or is_addressee(lines[start]) or is_greeting(lines[start])):
        start += 1
    if not lines:
        return ""
    line = lines[start]
    sentence = re.match(r".*?。", line)  # (not at ！: 今晚开始,长达 7 小时!福州… is one line of a post, kept whole)
    return (sentence.group(0) if sentence and len(sentence.group(0)) >= 6 else line)[:100]
