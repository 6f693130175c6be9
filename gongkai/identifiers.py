"""Canonical forms of 文号 (document numbers) and 索引号 (index numbers).

Used by the parsers (to store them), the index (exact identifier fields) and the query parser
(to recognise a query that *is* an identifier), so that 厦府[2014]12号, 厦府〔2014〕12号 and
厦府（2014）12 号 are one document number.
"""

from __future__ import annotations

import re

from gongkai.dates import cn_number
from gongkai.textnorm import FULLWIDTH_ASCII_AND_SPACE, fold

_OPEN_BRACKETS = "〔[【（(［〖{｛﹝⦗〘"
_CLOSE_BRACKETS = "〕]】）)］〗}｝﹞⦘〙"
_BRACKETS = {ord(c): "〔" for c in _OPEN_BRACKETS} | {ord(c): "〕" for c in _CLOSE_BRACKETS}
_DASHES = {ord(c): "-" for c in "－—–‐‑‒―−﹣"}
_SLASHES = {ord(c): "/" for c in "／∕"}

_CN_DIGITS = "〇零一二三四五六七八九"

#: A 文号 inside running text: issuer abbreviation, bracketed year, serial number, 号.
DOC_NUMBER_RE = re.compile(
    r"(?P<prefix>[\u4e00-\u9fff]{1,15})\s*"
    r"[〔\[【（(［〖﹝](?P<year>(?:19|20)\d{2}|[１２][０-９]{3})[〕\]】）)］〗﹞]\s*"
    r"第?\s*(?P<serial>[0-9０-９]{1,5})\s*[号號]"  # 號: a Traditional page (廈府〔2023〕88號)
)

#: A 文号 typed without its brackets (厦府2014年12号, 厦府2014第12号): the search's query reader and the lookup.
LOOSE_DOC_NUMBER_RE = re.compile(r"(?P<prefix>[\u4e00-\u9fff]{1,15})\s*(?P<year>(?:19|20)\d{2})\s*年?\s*第?\s*(?P<serial>\d{1,5})\s*号")

_INDEX_NUMBER_RE = re.compile(r"^[A-Z0-9]{2,}(?:[-/][A-Z0-9]+){1,6}$")


def _halfwidth(text: str) -> str:
    return text.translate(FULLWIDTH_ASCII_AND_SPACE)


_SPACES_RE = re.compile(r"\s+")
_CANONICAL_RE = re.compile(r"(?P<prefix>.*?)〔(?P<year>\d{4})〕第?0*(?P<serial>\d+)号")


#: A 文号 already canonical as most records give it (ideographs, 〔year〕, a serial without leading zero, 号): with no
#: character fold() changes, normalize_doc_number returns it as it is (no bracket, width, space or 第 to change, and
#: _CANONICAL_RE reads it back whole), so that is checked instead of doing it (~4 of a record's ~6 µs here).
_ALREADY_CANONICAL_RE = re.compile("[\u4e00-\u9fff]{1,15}〔[0-9]{4}〕[1-9][0-9]{0,8}号")


def normalize_doc_number(value: str) -> str:
    """The canonical 文号: 〔〕 brackets, half-width digits, no spaces, no leading zeros, no 第, Simplified characters
    (a Traditional page's 廈府〔2023〕88號 is 厦府〔2023〕88号, the number the lookup, the validity links and a
    Simplified copy of the same document know it by). Letters keep their case."""
    if not value or (_ALREADY_CANONICAL_RE.fullmatch(value) and fold(value) == value):
        return value
    text = _simplified(_halfwidth(value)).translate(_BRACKETS)
    text = _SPACES_RE.sub("", text)  # compiled once: the validity reading calls this for every reference
    match = _CANONICAL_RE.fullmatch(text)
    if match:
        return f"{match['prefix']}〔{match['year']}〕{match['serial']}号"
    return text


def _simplified(text: str) -> str:
    """Traditional characters folded to Simplified (gongkai.textnorm.fold, which keeps the length), ASCII as it was
    (fold lower-cases it). Nearly every 文号 is Simplified already: one fold and one comparison then."""
    folded = fold(text)
    if folded == text or folded == text.lower():
        return text
    return "".join(
        simple if _traditional_only(original, simple) else original for original, simple in zip(text, folded)
    )


def _traditional_only(original: str, simple: str) -> bool:
    """Whether fold's change of one character is Traditional to Simplified and nothing else: a character of GB2312 is
    standard Simplified and stays (fold's table also maps 乾 to 干 and 於 to 于: 乾县's 乾政发〔2020〕1号 is no 干政发);
    so do ASCII and full-width forms (fold lower-cases letters; _halfwidth handles the width)."""
    if original == simple or original.isascii():
        return False
    try:
        original.encode("gb2312")
    except UnicodeEncodeError:
        return True
    return False


def typed_doc_number(value: str) -> str:
    """A 文号 as people type it, canonical: any bracket or width, Traditional characters (廈府〔2014〕12號), or no
    brackets at all (厦府2014年12号, 厦府2014第12号). Letters keep their case."""
    folded = _simplified(_halfwidth(value))  # as normalize_doc_number: a typed 乾政发 finds the stored 乾政发
    folded = _TYPED_AROUND_RE.sub("", folded.strip())
    text = normalize_doc_number(_TYPED_YEAR_RE.sub(r"〔\g<year>〕", folded))
    if _CANONICAL_RE.fullmatch(text):
        return text
    match = LOOSE_DOC_NUMBER_RE.fullmatch(text) or _TYPED_NO_HAO_RE.fullmatch(text)
    if match is None:
        return text
    year = match["year"] or match.groupdict().get("year2")
    return normalize_doc_number(f"{match['prefix']}〔{year}〕{match['serial']}号")


# What a person types into a lookup box and no printed 文号 has (session 10): the year in angle brackets, book-title
# marks or quotes (厦府〈2014〉12号, 厦府「2014」12号: fold makes 「」 “”), and the 号 left off (厦府〔2014〕12,
# 厦府2014年12): read as the 文号 they name. Only here: the parsers and the query reader keep their stricter forms.
_TYPED_YEAR_RE = re.compile(r"[〈《「『“\"‘'<＜](?P<year>(?:19|20)\d{2})[〉》」』”\"’'>＞]")
# The words people type around it (session 12, newuser: 厦府[2014]12号文件 found nothing): a label pasted with it
# (发文字号：), the quotes, title marks or parentheses it was copied with (“厦府〔2014〕12号”, a body's 《…》（厦府〔2014〕12号）),
# a trailing 文件, 文 or 通知 (12号文) or full stop. Only after a 号, so a 文号 whose prefix ends in 文 keeps it.
_TYPED_AROUND_RE = re.compile(
    r"^(?:(?:发文字号|发文文号|文号|发文号)\s*[:：]?)?\s*[《「『“\"‘'（(]?\s*|(?<=号)\s*[》」』”\"’'）)]?\s*(?:文件|文|通知)?\s*[。.，,]?$"
    r"|[》」』”\"’'）)]\s*$"
)
_TYPED_NO_HAO_RE = re.compile(
    r"(?P<prefix>[\u4e00-\u9fff]{1,15})(?:〔(?P<year>(?:19|20)\d{2})〕第?|(?P<year2>(?:19|20)\d{2})[年第]第?)0*(?P<serial>\d{1,5})"
)


# A 令's number as people say it (review19): 国务院令第717号, 中华人民共和国国务院令 第717号, 国务院第717号令, 第七一七号. The
# records carry the form gov.cn prints and the laws' histories are read to (parsers/law_history.py), 国令第717号, another
# body's 令 without 中华人民共和国 (海关总署令第65号): the lookup found none of the others.
_TYPED_DECREE_RE = re.compile(
    r"(?:中华人民共和国)?(?P<body>[\u4e00-\u9fff、]{1,30}?)(?:令第(?P<n>[0-9一二三四五六七八九十百千零〇两]{1,9})号|"
    r"第(?P<n2>[0-9一二三四五六七八九十百千零〇两]{1,9})号令)"
)


def typed_doc_numbers(value: str) -> list[str]:
    """The forms a lookup asks for a typed 文号, the likelier first: a 令's number in the records' form
    (typed_decree_number), then typed_doc_number's."""
    typed = typed_doc_number(value)
    decree = typed_decree_number(value)
    if decree is None:
        return [typed]
    return list(dict.fromkeys([decree, *_printed_decree_forms(decree), typed]))


def _printed_decree_forms(records_form: str) -> list[str]:
    """The other forms a record may store a 令's number in, as its page printed it: 国令第717号 is also stored as
    中华人民共和国国务院令第717号 or 国务院令第717号 (a page's 文号 label), 海关总署令第65号 as 中华人民共和国海关总署令第65号."""
    body, _, number = records_form.partition("令第")
    bodies = ["国务院"] if body == "国" else [body]
    return [form for name in bodies for form in (f"{name}令第{number}", f"中华人民共和国{name}令第{number}")
            if form != records_form]


def typed_decree_number(value: str) -> str | None:
    """A 令's number typed any way people say it, in the records' form (国务院令第七一七号 → 国令第717号), or None when the
    text is no 令's number. The lookup asks it first and typed_doc_number's form after: a record may print its 令 number
    in Chinese numerals (主席令第四十五号), which it must still find."""
    folded = _TYPED_AROUND_RE.sub("", _simplified(_halfwidth(value)).strip())
    decree = _TYPED_DECREE_RE.fullmatch(_SPACES_RE.sub("", folded))
    return _decree_number(decree["body"], decree["n"] or decree["n2"]) if decree else None


def _decree_number(body: str, numeral: str) -> str:
    body = body.removeprefix("中华人民共和国")
    number = numeral if numeral.isdigit() else str(cn_number(numeral) or numeral)
    return f"{'国' if body == '国务院' else body}令第{int(number) if number.isdigit() else number}号"


def looks_like_doc_number(value: str) -> bool:
    """True when the whole string is one 文号 (any bracket variant)."""
    return DOC_NUMBER_RE.fullmatch(value.strip()) is not None


# Words that run into a 文号 in prose ("根据厦府办〔2014〕12号"): never the start of an issuer abbreviation.
_LEAD_WORDS = re.compile(
    r"^(?:根据|依据|按照|依照|参照|遵照|对照|贯彻|落实|执行|印发|转发|关于|详见|参见|参阅|参考|结合|通过|下发|发布|公布|出台|"
    r"废止|修改|修订|同意|批准|再次|重申|见|按|据|依|及|和|与|或|的|将|对|由|为|在|即|并|以|是|了)+"
)


#: the last verb or phrase of a sentence glued to the number (本办法同时废止厦府办…, 现将国办发…, 贯彻执行闽政…, 2020年发布厦市监…):
#: no issuer's abbreviation holds one, so the prefix starts after it (review s14: 6 of 10 held-out sentences kept their prose)
_PROSE_BEFORE = re.compile(
    r".*(?:根据|依据|按照|依照|参照|遵照|对照|贯彻|落实|执行|印发|转发|详见|参见|参阅|参考|结合|通过|下发|发布|公布|出台|废止|修改|"
    r"修订|同意|批准|重申|现将|现就|决定|同时)"
)


def _trim_prefix(match: re.Match[str]) -> str:
    """The 文号 of a match without the prose words the greedy prefix swallowed: lead words, and whatever comes up to a
    的 or the sentence's last verb glued to it (省人民政府此前发布的鄂政发〔2011〕15号, 本办法同时废止厦府办〔2019〕3号: no issuer's
    abbreviation holds 的 or such a verb)."""
    prefix = match["prefix"]
    cut = prefix.rfind("的") + 1
    # (a verb and a prefix take 4 characters: the common short prefix, 国发 or 厦府办, is not searched)
    if len(prefix) - cut >= 4 and (glued := _PROSE_BEFORE.match(prefix, cut)) and glued.end() < len(prefix):
        cut = glued.end()
    trimmed = _LEAD_WORDS.sub("", prefix[cut:])
    return match.group(0)[len(prefix) - len(trimmed or prefix):] if trimmed else match.group(0)


def printed_doc_number(match: re.Match[str]) -> str:
    """The canonical 文号 of a DOC_NUMBER_RE match in prose, without the words its greedy prefix swallowed."""
    return normalize_doc_number(_trim_prefix(match))


def find_doc_numbers(text: str) -> list[str]:
    """Every 文号 in `text`, canonical, in order of appearance, without repeats."""
    seen: dict[str, None] = {}
    for match in DOC_NUMBER_RE.finditer(_simplified(text)):  # 根據廈府…號 is read as 根据厦府…号: its 根据 trimmed
        seen.setdefault(normalize_doc_number(_trim_prefix(match)), None)
    return list(seen)


_CANONICAL_INDEX_CHARS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-/"


def normalize_index_number(value: str) -> str:
    """The canonical 索引号: half-width, upper case, ASCII dashes and slashes, no spaces."""
    if not value.strip(_CANONICAL_INDEX_CHARS):  # ASCII capitals, digits, - and / only: nothing to change
        return value
    text = _halfwidth(value).translate(_DASHES).translate(_SLASHES)
    return re.sub(r"\s+", "", text).upper()


def looks_like_index_number(value: str) -> bool:
    """True for XM00100-0200-2014-00012 or 000014349/2019-00007 style strings."""
    text = normalize_index_number(value)
    return bool(_INDEX_NUMBER_RE.fullmatch(text)) and sum(ch.isdigit() for ch in text) >= 6
