"""The search-box syntax, parsed into clauses. A pure function: no index, no I/O.

    停电 思明区          words separated by spaces: every word must match (each word is a phrase of its
                        characters, so it matches as a substring)
    "停水 通知"  “停水通知”  a quoted phrase (ASCII or Chinese quotes)
    -检修  -"临时 停电"    exclude
    issuer:厦门市 kind:notice notice_type:outage topic:工商 year:2014
    doc_number:厦府〔2014〕12号  index_number:XM00100-0200-2014-00012
    validity:in_force  效力:现行有效  validity:已废止
                        fields (also 发布机构: 文号: 索引号: 主题: 年份: 效力:, with : or ：)
    厦府（2014）12 号     a whole 文号, even with spaces inside, is one identifier clause
    http://www.gov.cn/…/content_5365341.htm   a link (with or without its scheme): the record of that page first

There are no boolean operators or parentheses: AND, OR, ( ) are ordinary text. Anything that is
not well-formed syntax (an unbalanced quote, a lone -, `issuer:` with no value, an unknown field
name, a bad year) is taken as literal text; parsing never fails.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from gongkai.identifiers import DOC_NUMBER_RE, looks_like_doc_number, looks_like_index_number, normalize_doc_number
from gongkai.indexer.understand import PLATE_RE
from gongkai.indexer.units import is_unit
from gongkai.parsers.registry import attachment_extensions, extension_alternation, page_extensions
from gongkai.record import KINDS, NOTICE_TYPES
from gongkai.textnorm import fold
from gongkai.validity import STATUS_LABELS, STATUSES

#: A pasted link: a scheme, or a host of dotted names ending in letters followed by a path (www.gov.cn/zhengce/…);
#: a bare host (gov.cn) or a number (3.5) is no link.
URL_RE = re.compile(r"(?:https?://(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}(?::\d+)?(?:[/?#]\S*)?|(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}(?::\d+)?/\S*)", re.I)

QUOTE_PAIRS = {'"': '"', "“": "”", "”": "”", "「": "」", "『": "』", "＂": "＂"}

FIELD_ALIASES: dict[str, str] = {
    "issuer": "issuer",
    "发布机构": "issuer",
    "发文机关": "issuer",
    "kind": "kind",
    "notice_type": "notice_type",
    "topic": "topic",
    "主题": "topic",
    "主题分类": "topic",
    "year": "year",
    "年份": "year",
    "doc_number": "doc_number",
    "文号": "doc_number",
    "发文字号": "doc_number",
    "index_number": "index_number",
    "索引号": "index_number",
    "validity": "validity",
    "效力": "validity",
    "时效性": "validity",
}
KIND_ALIASES = {"信息公开": "disclosure", "公开": "disclosure", "公告": "notice", "便民公告": "notice"}
#: validity:… values: the status codes, their badge words (现行有效 …) and the words flk.npc.gov.cn and people use
VALIDITY_ALIASES: dict[str, str] = {
    **{label: status for status, label in STATUS_LABELS.items()},
    **{status: status for status in STATUSES},
    "有效": "in_force", "现行": "in_force", "废止": "repealed", "失效": "expired", "修改": "amended", "已修正": "amended",
    "已修订": "amended", "尚未生效": "not_yet_in_force", "未生效": "not_yet_in_force", "未施行": "not_yet_in_force",
    # validity3: a suspended document, in the words notices and catalogues print
    "暂停": "suspended", "已暂停": "suspended", "暂停执行": "suspended", "暂停施行": "suspended", "暂停实施": "suspended",
    "暂缓执行": "suspended", "暂缓实施": "suspended", "暂缓": "suspended", "中止执行": "suspended", "中止": "suspended",
}


def validity_value(value: str) -> str | None:
    """The status code a validity filter value names (in_force, 现行有效, 已废止 …), or None."""
    text = fold(value).strip()
    return VALIDITY_ALIASES.get(text) or VALIDITY_ALIASES.get(text.lower())


@dataclass(frozen=True)
class Clause:
    """One condition of a query. `text` is the value as typed (fields: already canonical)."""

    text: str
    field: str | None = None  # None: the text fields; else a FIELD_ALIASES value
    negated: bool = False
    quoted: bool = False
    identifier: str | None = None  # "doc_number" | "index_number" | "url" when unfielded text is one


def parse_query(query: str, max_length: int | None = None) -> list[Clause]:
    """Clauses of `query`, all of which must hold (negated ones must not). Never raises."""
    text = query[:max_length] if max_length else query
    clauses: list[Clause] = []
    pos, end = 0, len(text)
    while pos < end:
        if text[pos].isspace():
            pos += 1
            continue
        clause, pos = _read_clause(text, pos)
        if clause is not None:
            clauses.extend(_link_apart(clause))
    return _quantities_together(clauses)


def _quantities_together(clauses: list[Clause]) -> list[Clause]:
    """A number and its unit typed apart (48594 m², 3736 平方米, 10 kV) are one quantity, read in every writing of the unit
    (indexer/units.py; search18: m² alone was a word of its own, found in records printing another area)."""
    joined: list[Clause] = []
    for clause in clauses:
        before = joined[-1] if joined else None
        if (before is not None and _plain(before) and _plain(clause) and is_unit(fold(clause.text))
                and fold(before.text)[-1:].isdigit()):
            joined[-1] = Clause(before.text + clause.text)
        else:
            joined.append(clause)
    return joined


def _plain(clause: Clause) -> bool:
    return clause.field is None and not clause.negated and not clause.quoted and clause.identifier is None


#: Prose a 文号 typed alone may follow (请问厦府办〔2014〕6号, 查询…, 根据…): the clause is then no 文号 as a whole, whose exact
#: value (请问厦府办〔2014〕6号) no record carries (nothing was found); the query's understanding reads the 文号 inside it.
_PROSE_BEFORE_DOC_NUMBER = re.compile(
    r"^(?:请问|请教|咨询|查询|查找|搜索|查一下|查查|查|找|我想|我要|想|要|帮我|帮忙|麻烦|你好|您好|关于|根据|依据|按照|依照|参照|"
    r"贯彻|落实|执行|印发|转发|详见|参见|的|"
    # search11: a pronoun or a request opens the clause (我在找…, 我找…, 你们有…, 求…, 谁有…, 哪里有…): no issuer's abbreviation
    # starts so (我在找湖政办【2025】1号 was the 文号 我在找湖政办〔2025〕1号, which no record carries: nothing found)
    r"我|你|您|咱|求|帮|搜|看|问|谁|有没有|哪里|哪儿|在哪|在找|在查)")

#: A link inside a word (原文链接：http://www.gov.cn/…htm): its path is read up to a blank or a Chinese punctuation mark
#: (a path may hold Chinese characters; a Chinese comma after it is no part of it).
_LINK_INSIDE_RE = re.compile(
    r"(?:https?://|www\.)(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}(?::\d+)?(?:[/?#][^\s\u3000-\u303f\uff01-\uff0f\uff1a-\uff20]*)?", re.I)


#: Where a link's path ends and Chinese typed against it begins (…/content_5365341.htm请问, …?id=12请问): Chinese after a
#: file's extension or a query string's value, which a path's Chinese (https://x.gov.cn/公告/1.htm) never follows.
#: (The extensions are the registry's: pages and files, longest first so that .html is not read as .htm.)
_GLUED_TEXT_RE = re.compile(
    r"(?:\.(?:" + extension_alternation(page_extensions() + attachment_extensions())
    + r")|[?&][^\s=&#]+=[0-9A-Za-z_.%-]+)(?=[\u4e00-\u9fff])", re.I)


def prose_before_known_doc_numbers(clauses: list[Clause], known: Callable[[str, str], bool]) -> list[Clause]:
    """A clause taken whole as a 文号 that no record carries, ending in one a record does carry (大家好请问厦府〔2016〕3号,
    老师给的文件是厦教〔2015〕3号, 领导让我查厦财采〔2018〕2号: the prefix swallowed the sentence before it), read as a sentence
    holding that 文号, as 请问… is (search11: _PROSE_BEFORE_DOC_NUMBER lists openers; a sentence may open otherwise, and
    found nothing). `known(field, value)`: whether a record carries it (the index's term dictionary)."""
    read = []
    for clause in clauses:
        if clause.identifier == "doc_number" and not clause.quoted and not clause.negated:
            text = clause.text.strip()
            if not known("doc_number", normalize_doc_number(text)) and any(
                looks_like_doc_number(text[start:]) and known("doc_number", normalize_doc_number(text[start:]))
                for start in range(1, min(len(text), 16))
            ):
                clause = Clause(clause.text, negated=clause.negated, quoted=clause.quoted)
        read.append(clause)
    return read


def _link_apart(clause: Clause) -> list[Clause]:
    """A word holding a link beside other text (原文链接：http://…, pasted from a share; http://…htm，请问; …htm请问) as the
    text and the link."""
    if clause.field is not None or clause.quoted or clause.negated or clause.identifier not in (None, "url"):
        return [clause]
    folded = fold(clause.text)
    found = _LINK_INSIDE_RE.search(folded)
    if found is None:
        return [clause]
    start, end = found.span()
    if (glued := _GLUED_TEXT_RE.search(folded, start, end)) is not None:
        end = glued.end()
    if start == 0 and (clause.identifier is None or end == len(clause.text)):
        return [clause]
    before, link, after = clause.text[:start], clause.text[start:end], clause.text[end:]
    return [*([Clause(before)] if before else []), Clause(link, identifier="url"), *([Clause(after)] if after.strip() else [])]


def _read_clause(text: str, start: int) -> tuple[Clause | None, int]:
    pos = start
    negated = False
    if text[pos] in "-－" and pos + 1 < len(text) and not text[pos + 1].isspace():
        negated, pos = True, pos + 1

    field, value_start = _read_field_name(text, pos)
    if field is not None:
        value, quoted, after = _read_value(text, value_start)
        clause = _field_clause(field, value, negated, quoted) if value else None
        if clause is not None:
            return clause, after
        # Malformed field (no value, bad value): the whole word is literal text.
        word_end = _word_end(text, start)
        return Clause(text[start:word_end]), word_end

    value, quoted, after = _read_value(text, pos)
    if not value.strip():  # "" or “ ”: nothing to search for
        return None, max(after, pos + 1)
    identifier = None
    if not quoted and URL_RE.fullmatch(fold(value)):
        identifier = "url"
    elif looks_like_doc_number(value) and (quoted or not _PROSE_BEFORE_DOC_NUMBER.match(fold(value))):
        identifier = "doc_number"
    elif not quoted and value[-1:].isdigit() and looks_like_doc_number(value + "号"):
        # 国办发〔2019〕2: a 文号 typed without its closing 号 (its brackets make it one), not 2019 and 2 anywhere; after prose
        # (请问国办发〔2019〕2) read inside the clause
        value, identifier = value + "号", None if _PROSE_BEFORE_DOC_NUMBER.match(fold(value)) else "doc_number"
    elif looks_like_index_number(value):
        identifier = "index_number"
    return Clause(value, negated=negated, quoted=quoted, identifier=identifier), after


def _read_field_name(text: str, pos: int) -> tuple[str | None, int]:
    """('issuer', index after the colon) when text[pos:] starts with a known `name:`."""
    for colon in (":", "："):
        cut = text.find(colon, pos, pos + 13)
        if cut > pos:
            name = fold(text[pos:cut]).lower()
            if name in FIELD_ALIASES and not any(ch.isspace() for ch in name):
                return FIELD_ALIASES[name], cut + 1
    return None, pos


def _read_value(text: str, pos: int) -> tuple[str, bool, int]:
    """(value, was it quoted, index after it): a quoted phrase, a whole 文号, or a word."""
    if pos >= len(text) or text[pos].isspace():
        return "", False, pos
    close = QUOTE_PAIRS.get(text[pos])
    if close is not None:
        cut = text.find(close, pos + 1)
        if cut > pos:
            return text[pos + 1 : cut], True, cut + 1
        # Unbalanced quote: fall through and read the rest of the word literally.
    doc_number = DOC_NUMBER_RE.match(text, pos)
    if doc_number and (doc_number.end() == len(text) or text[doc_number.end()].isspace()):
        return doc_number.group(0), False, doc_number.end()
    # a plate typed with a space (闽D B5678) is one word, as notices print it three ways (understand.plate_forms); apart, 闽D
    # and B5678 were two words and the notice the first of a relaxed answer
    plate = PLATE_RE.match(fold(text[pos:pos + 16]))  # its first character (a province's) fails most words at once
    if plate and " " in plate.group(0) and (pos + plate.end() == len(text) or text[pos + plate.end()].isspace()):
        return text[pos:pos + plate.end()], False, pos + plate.end()
    word_end = _word_end(text, pos)
    return text[pos:word_end], False, word_end


def _word_end(text: str, pos: int) -> int:
    while pos < len(text) and not text[pos].isspace():
        pos += 1
    return pos


def _field_clause(field: str, value: str, negated: bool, quoted: bool) -> Clause | None:
    """The clause for `field:value`, or None when the value is not valid for that field."""
    value = value.strip()
    if not value:
        return None
    if field == "kind":
        canonical = KIND_ALIASES.get(value, fold(value).lower())
        return Clause(canonical, "kind", negated) if canonical in KINDS else None
    if field == "notice_type":
        canonical = fold(value).lower()
        return Clause(canonical, "notice_type", negated) if canonical in NOTICE_TYPES else None
    if field == "validity":
        status = validity_value(value)
        return Clause(status, "validity", negated) if status else None
    if field == "year":
        digits = fold(value).removesuffix("年")
        if digits.isascii() and digits.isdigit() and 1900 <= int(digits) <= 2100:
            return Clause(digits, "year", negated)
        return None
    return Clause(value, field, negated, quoted)


def highlight_terms(clauses: list[Clause]) -> list[str]:
    """The texts a snippet should highlight: the positive clauses matched against the text fields."""
    return [c.text for c in clauses if not c.negated and c.field is None]
