"""Query understanding: a word typed without spaces becomes the segments a record must hold.

    思明区停电            → 思明区 + 停电 (each a substring, any order, any distance)
    请问厦府[2014]12号文件的内容 → 厦府〔2014〕12号 (the identifier) + 请问 文件 的 内容 (stop words: never decide)
    厦府2014年12号        → 厦府〔2014〕12号
    2024年5月8日          → one date segment: any written form of that day (2024-05-08, 二〇二四年五月八日 …)
    二〇二四年五月        → one date segment: that month in any writing (2024年5月, 2024年05月 …); a year alone too
    社保卡                → 社保卡 | 社会保障卡 | 社保IC卡 (a synonym group)

Identifiers (文号, 索引号, credit codes, phone numbers), dates and ASCII runs are never split; names of the
domain word list (vocabulary.py: issuers, streets, companies, 文号 prefixes, notice words) and synonyms stay
one segment; what is left is cut by rjieba (segmenter.py), and runs of single characters it does not know
are joined again (an unknown name is one segment, not one per character). Pure: no index, no I/O.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cached_property

from gongkai.dates import (
    beijing_today,
    chinese_numeral,
    cn_number,
    compact_date_spans,
    date_spans,
    written_forms,
    written_month_forms,
    year_month_spans,
)
from gongkai.identifiers import DOC_NUMBER_RE, LOOSE_DOC_NUMBER_RE, looks_like_index_number, normalize_doc_number
from gongkai.indexer import segmenter
from gongkai.indexer.analysis import HAN_CLASS, positioned_tokens
from gongkai.indexer.codes import complete_code, dash_forms, printed_forms
from gongkai.indexer.units import PER_UNIT_RE, QUANTITY_RE, quantity_forms, unit_forms
from gongkai.indexer.vocabulary import DomainVocabulary
from gongkai.outage_question import (
    UTILITY_WORDS,
    group_districts,
    question_word_spans,
    several_place_spans,
    utility_forms,
)
from gongkai.textnorm import fold


@dataclass(frozen=True)
class Segment:
    text: str  # as typed (folded); what `dropped` names
    alternatives: tuple[str, ...]  # texts any one of which may match as a substring; the first is `text`
    kind: str = "word"  # word | name (domain word) | identifier | date | ascii
    stop: bool = False  # a particle or question word: never required
    identifier: str | None = None  # doc_number | index_number
    day: date | None = None  # a date segment: also matches records published that day
    open_left: bool = False  # an ASCII segment at the start of the clause: may be the end of a longer run
    open_right: bool = False  # … at the end of the clause: may be the start of one
    slop: int = 0  # a last-resort abbreviation (建行): its characters in order, at most this many apart
    # A relaxed answer's word: its last `parts` alternatives are the dictionary words it is made of, which hold
    # it partly (with_parts); the others are its forms.
    parts: int = 0
    until: date | None = None  # a span of days from `day` (今年: 1 January to 31 December): records published in it match
    # its alternatives after the first are the other words of its synonym group (社保卡: 社会保障卡 …), not its own writings
    said_otherwise: bool = False

    def published_in(self, published: date | None) -> bool:
        """Whether a record published on `published` holds this date segment by its publication day."""
        return self.day is not None and published is not None and self.day <= published <= (self.until or self.day)


@dataclass(frozen=True)
class Understood:
    whole: str  # the clause as typed
    segments: tuple[Segment, ...]
    # False: another clause of the query holds a word that is no stop word (湖滨南路 下周 停电: the clause 下周, a
    # question's day, is then required by nothing)
    alone: bool = True

    @property
    def required(self) -> tuple[Segment, ...]:
        """The segments a record must hold; stop words only when the query has nothing else."""
        content = tuple(s for s in self.segments if not s.stop)
        return content or (self.segments if self.alone else ())


class Rules:
    """Stop words and synonyms from the settings, ready for lookups."""

    def __init__(self, stop_words: list[str], synonyms: list[list[str]], loose_lost_words: list[str] | None = None,
                 lost_items: list[str] | None = None, request_words: list[str] | None = None) -> None:
        from gongkai.settings import DEFAULT_LOOSE_LOST_WORDS, DEFAULT_LOST_ITEMS, DEFAULT_REQUEST_WORDS

        self.stop_words = frozenset(fold(w) for w in stop_words)
        #: a query's opening request (我想查一下, 帮我找): with the stop words, filler at the start of a clause only
        self.request_words = self.stop_words | {fold(w) for w in (DEFAULT_REQUEST_WORDS if request_words is None else request_words)}
        # 掉了, 不见了 … mean 遗失 only beside a thing one declares lost (身份证掉了; not 井盖不见了): _loose_lost_words
        self.loose_lost_words = frozenset(fold(w) for w in (DEFAULT_LOOSE_LOST_WORDS if loose_lost_words is None else loose_lost_words))
        self.lost_items = tuple(fold(w) for w in (DEFAULT_LOST_ITEMS if lost_items is None else lost_items))
        self.synonyms: dict[str, tuple[str, ...]] = {}
        self._longest_word = max((len(w) for w in self.request_words), default=1)
        for group in synonyms:
            folded = tuple(dict.fromkeys(fold(w).strip() for w in group if w.strip()))
            for word in folded:
                self.synonyms[word] = (word, *(w for w in folded if w != word))


    @cached_property
    def initials(self) -> dict[str, tuple[str, ...]]:
        """What people type for a word of the synonym groups or a lost item by its pinyin initials (yyzz 营业执照, sfz 身份证,
        sbk 社保卡: search12 left them, nothing found): three letters or more, each naming one group only, the group's forms.
        Read once, when first asked (pypinyin's table)."""
        from pypinyin import Style, lazy_pinyin

        groups: dict[str, set[tuple[str, ...]]] = {}
        for word in dict.fromkeys((*self.synonyms, *self.lost_items)):
            if len(word) >= 3 and all("\u4e00" <= c <= "\u9fff" for c in word):
                letters = "".join(p[:1] for p in lazy_pinyin(word, style=Style.FIRST_LETTER))
                if len(letters) == len(word):
                    group = self.synonyms.get(word, (word,))
                    groups.setdefault(letters, set()).add(tuple(sorted(group)) if word in self.synonyms else group)
        named = {letters: next(iter(found)) for letters, found in groups.items() if len(found) == 1}
        return {letters: self.synonyms.get(forms[0], forms) for letters, forms in named.items()}

    def is_filler(self, word: str, *, opening: bool = False) -> bool:
        """A stop word, or a run of three or more characters of them that the segmenter keeps as one word (哪些方面);
        `opening` (the segments a clause starts with): the request words count too (我想查 = 我 想 查, 帮我查查).
        Two-character runs are words of their own (搜查, 想想, 帮帮) unless written in the lists."""
        if word in self.stop_words or (opening and word in self.request_words):
            return True
        if opening and len(word) == 2 and word[1] == "下" and word[0] in self.request_words:
            return True  # 查下, 看下, 找下: 查一下 said short (search14: 看下湖滨南路停电 was a relaxed answer 未包含“看下”)
        if len(word) < 3 or len(word) > 12:
            return False
        words = self.request_words if opening else self.stop_words
        tiled = [True] + [False] * len(word)  # tiled[i]: word[:i] is a run of the words
        for end in range(1, len(word) + 1):
            tiled[end] = any(tiled[start] and word[start:end] in words for start in range(max(0, end - self._longest_word), end))
        return tiled[-1]


# Letters and digits, with the - and / of 索引号 and phone numbers inside: one run, never split.
#: a vehicle plate: a province's one-character name, the office's letter, then five (six: a new-energy plate) letters or
#: digits, joined or after a dot or a space
PLATE_RE = re.compile(
    r"(?P<province>[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼])(?P<office>[A-Za-z])\s*[·・•．.\-\s]?\s*"
    r"(?P<serial>[A-Za-z0-9]{5,6})(?![A-Za-z0-9])"
)


def plate_forms(match: re.Match[str]) -> tuple[str, ...]:
    """A plate as typed, then as notices print it: joined, with its dot, with a space."""
    head, serial = match["province"] + match["office"].upper(), match["serial"].upper()
    return tuple(dict.fromkeys((match.group(0), f"{head}{serial}", f"{head}·{serial}", f"{head} {serial}")))


#: A letter or digit run, with the marks that join its parts (COVID-19, GB/T, PM2.5, 12.5): one segment, a phrase. Split at
#: the dot, PM2.5 was pm2 and 5 each required apart, and its relaxed answer the 217 records holding some number ending in 5.
_ASCII_RUN_RE = re.compile(r"[0-9A-Za-z]+(?:[-/.][0-9A-Za-z]+)*")
_HAN_RE = re.compile(f"[{HAN_CLASS}]")


def _run_continues(run: str) -> bool:
    """A run holding a letter may continue in the text even where Chinese follows or precedes it as typed: web and
    product names run letters together (civil3d2015 in autocadcivil3d2015sp1, iphone6 in iphone6s). A run of
    digits stays bounded by its Chinese (第12号 never finds 第120号)."""
    return any(c.isalpha() for c in run)


class _Spans:
    """A clause's segments as they are found, each character held by one: the first finder wins."""

    def __init__(self, folded: str) -> None:
        self.folded = folded
        self.taken = [False] * len(folded)
        self.spans: list[tuple[int, int, Segment]] = []

    def take(self, start: int, end: int, segment: Segment) -> None:
        if any(self.taken[start:end]):
            return
        for i in range(start, end):
            self.taken[i] = True
        self.spans.append((start, end, segment))


def understand(text: str, vocab: DomainVocabulary, rules: Rules, query: str | None = None, year: int | None = None) -> Understood:
    """`text`: one clause; `query`: the whole query it is part of (the other clauses decide whether 下周 is an outage
    question's day and 掉了 a lost item's: 湖滨南路 下周 停电, 身份证 掉了); None: the clause alone. `year`: this year,
    for 今年 and 去年 (None: today's)."""
    folded = fold(text)
    context = fold(query) if query is not None else folded
    found = _Spans(folded)
    year = beijing_today().year if year is None else year
    _take_relative_months(found, year)  # before the digits of 今年5月 are an ASCII run
    quiet = _take_written_forms(found, vocab, context)
    _take_domain_words(found, vocab)
    _cut_the_rest(found, rules, year)
    spans = sorted(found.spans, key=lambda item: item[0])
    if quiet:  # a date taken before them inside them (2024年5月8日停电: the question's day) is no search word either
        spans = [(s, e, replace(seg, stop=True) if any(a <= s and e <= b for a, b in quiet) else seg) for s, e, seg in spans]
    segments = _opening_request(tuple(_finish(segment, rules) for segment in _lone_ordinal(_document_said_short(_attach_counters([s for _, _, s in spans])))), rules)
    segments = _validity_question_words(_where_question_words(_how_question_verb(_typed_initials(segments, rules))))
    return Understood(text, tuple(_as_outage_notices_print(s, context) for s in _loose_lost_words(segments, rules, context)))


#: What a question about a document's force ends with (国务院工作规则还有效吗, 医疗广告管理办法是否废止, 处方管理办法现行有效吗):
#: the status asked, and the words of time and doubt around it. The answer's hits say each document's validity (issue 19);
#: documents seldom print these words of themselves, so required they found another document (search9).
_VALIDITY_ASKED = frozenset({"有效", "现行有效", "废止", "失效", "作废", "过期", "废除", "生效", "执行", "适用",
                             # validity3: 某办法暂停执行了吗, 是否暂缓实施, 恢复执行了没有 (the answer's badge says 暂停执行)
                             "暂停", "暂停执行", "暂缓", "暂缓执行", "暂缓实施", "中止", "中止执行", "恢复执行", "实施"})
_VALIDITY_AROUND = frozenset({"还", "现行", "现在", "目前", "仍", "仍然", "还在", "继续", "已经", "已", "被", "是否", "是不是", "有没有", "了", "没有",
                              "没", "吗", "呢", "么", "嘛"})
_QUESTION_MARKS = frozenset({"吗", "呢", "么", "嘛", "没有", "没", "是否", "是不是", "有没有"})
#: A question after the status (废止了没有, 有效没有), a negation before it (拆迁补偿没有执行, 身份证没有失效: a statement, its words
#: searched; review s15)
_NEGATIONS = frozenset({"没有", "没"})


def _asks(tail: list[str]) -> bool:
    return any(t in _QUESTION_MARKS and not (t in _NEGATIONS and any(u in _VALIDITY_ASKED for u in tail[i + 1:]))
               for i, t in enumerate(tail))


def _validity_question_words(segments: tuple[Segment, ...]) -> tuple[Segment, ...]:
    """The status words a question about a document's force ends with are stop words: the run of _VALIDITY_ASKED and
    _VALIDITY_AROUND at the end of a question (a clause holding 吗, 是否, 没有 after the status …) with something else before it. Elsewhere
    they are words (关于废止部分规章的决定, 废止 规范性文件: the decisions repealing)."""
    start = len(segments)
    while start and segments[start - 1].kind in ("word", "name") and (segments[start - 1].text in _VALIDITY_AROUND or segments[start - 1].text in _VALIDITY_ASKED):
        start -= 1
    tail = [s.text for s in segments[start:]]
    if (not start or not any(t in _VALIDITY_ASKED for t in tail) or not _asks(tail)
            or all(s.stop for s in segments[:start])):
        return segments
    return segments[:start] + tuple(s if s.stop else replace(s, stop=True) for s in segments[start:])


def _take_written_forms(found: _Spans, vocab: DomainVocabulary, context: str) -> list[tuple[int, int]]:
    """The words read by their shape, first: 文号, dates, years and months, an outage question's own words (returned:
    no search words), ASCII runs and 索引号."""
    folded = found.folded
    for _start, end, prefix_start, canonical in _doc_numbers(folded, vocab):
        typed = folded[prefix_start:end]
        # The prose the greedy prefix swallowed (请问…) stays untaken: it is segmented as usual below; a lead word citing the
        # 文号 (根据, 按照, 关于 …) is no search word (根据厦府办〔2014〕6号 was a relaxed answer 未包含“根据”).
        found.take(prefix_start, end, Segment(canonical, tuple(dict.fromkeys((canonical, typed))), "identifier", identifier="doc_number"))
        lead = _CITING_LEAD.search(folded, 0, prefix_start)
        if lead is not None and lead.end() == prefix_start:
            found.take(lead.start(), lead.end(), Segment(lead[0], (lead[0],), "word", stop=True))
        if folded.startswith("文", end) and not _HAN_RE.match(folded[end + 1 : end + 2] or " "):  # 6号文: the document said short
            found.take(end, end + 1, Segment("文", ("文",), "word", stop=True))
    # A serial said in Chinese numerals with its counter (国令第七〇七号, 国务院令第七百零七号): documents print its digits
    # (国令第707号), so both forms are looked for (it was cut 第七 + 〇 + 七号 and answered relaxed by 第七届 …). After
    # the dates, so 十一月十七号 stays a day.
    numbered = list(_CN_SERIAL_RE.finditer(folded))
    for start, end, day in date_spans(folded):
        typed = folded[start:end].strip()
        forms = tuple(dict.fromkeys((typed, *written_forms(day))))
        found.take(start, end, Segment(typed, forms, "date", day=day))
    # 20241122 typed as one run of digits (a form documents rarely print, file names and systems do): that day in any
    # of its writings, the digits as typed too.
    for start, end, day in compact_date_spans(folded):
        typed = folded[start:end]
        found.take(start, end, Segment(typed, (typed, *written_forms(day)), "date", day=day))
    # A year or a month (2014年, 二〇二四年五月): one date segment in any of its writings; without it rjieba
    # cuts a Chinese-numeral year into pieces (二〇一 + 四年) and the relaxed answer drops one.
    for start, end, year, month in year_month_spans(folded):
        typed = folded[start:end].strip()
        found.take(start, end, _year_or_month(typed, year, month))
    # The first year of a span typed in Chinese numerals without its 年 (二〇二三至二〇二五年: documents print 2023—2025年):
    # that year, in digits too (search9: it was cut 二〇 + 二三, a relaxed answer dropping both); the 至 of a span, in
    # digits too (2023至2025年), is no search word
    for match in _CN_SPAN_START_RE.finditer(folded):
        said = cn_number(match[1])
        if said is not None and 1900 <= said <= 2099:
            if not match[1].isdigit():  # digits are an ASCII run below, as typed
                found.take(match.start(1), match.end(1), Segment(match[1], (match[1], str(said)), "word"))
            if match[2].strip():  # 至, 到: documents print a dash (2023—2025年), which no query word holds
                found.take(match.start(2), match.end(2), Segment(match[2], (match[2],), "word", stop=True))
    # A year said by its last two digits in Chinese numerals (零九年, 九七年: how people say a year; a count of years is said
    # 十五年, 三年): that year in its writings (search9: 零九年社会信用体系建设 was cut 零 + 九年, a relaxed answer).
    for match in _SHORT_CN_YEAR_RE.finditer(folded):
        said = _typed_year("".join(str(cn_number(c)) for c in match[1]))
        if said is not None:
            found.take(match.start(), match.end(), Segment(match[0], tuple(dict.fromkeys((match[0], *written_month_forms(said, None)))), "date"))
    # An outage question's 明天, 下周, 国庆节, 12/7, 8点, 哪天 … (words notices never print): read by the outage answer, never
    # required by the search beneath it (gongkai.outage_question.question_word_spans). Taken whole (after the dates,
    # which keep their kind), so the segmenter never joins one to the words beside it (8点没电 → 点没电).
    quiet = question_word_spans(folded, outage_query=context)
    if any(word in context for word in UTILITY_WORDS):  # 20251117停电: the question's day, as 2025年11月17日停电's is
        quiet += [(start, end) for start, end, _ in compact_date_spans(folded) if end - start < len(folded.strip())]
    for start, end in quiet:
        found.take(start, end, Segment(folded[start:end], (folded[start:end],), "word", stop=True))
    for match in numbered:
        value = cn_number(match["number"] or match["number3"] or match["number2"])
        if value is not None:
            digits = f"{match['first'] or ''}{value}{match['counter'] or match['counter3'] or match['counter2']}"
            found.take(match.start(), match.end(), Segment(match[0], (match[0], digits), "word"))
    for match in _DIGIT_ORDINAL_RE.finditer(folded):
        if not any(found.taken[match.start():match.end()]):
            found.take(match.start(), match.end(), Segment(match[0], _serial_forms(match[0]), "word"))
    # Several places asked at once (莲花北路和湖滨南路明天停电吗): a notice naming any of them answers, as the outage answer
    # says; required each, the search listed a relaxed answer under it. The first place holds them all, the others stop.
    places_said = several_place_spans(folded, context)
    if not any(any(found.taken[start:end]) for start, end, _ in places_said):  # all of them, or none (as before)
        for start, end, places in places_said:
            found.take(start, end, Segment(folded[start:end], places or (folded[start:end],), "name", stop=not places))
    # A number with its unit (1200m2, 89.5平方米, 18km, 10千伏): the quantity in every writing of the unit, as documents
    # print any (1200㎡, 89.5m², 18公里, 10kV; search18: 1200m2 found nothing where the notice printed 1200㎡)
    for match in QUANTITY_RE.finditer(folded):
        typed = folded[match.start():match.end()]
        found.take(match.start(), match.end(), Segment(typed, tuple(dict.fromkeys((typed, *quantity_forms(match["number"], match["unit"])))), "word"))
    for match in PER_UNIT_RE.finditer(folded):  # 每kwh加价: documents print 每千瓦时 (search18)
        found.take(match.start(), match.end(), Segment(match["unit"], unit_forms(match["unit"]), "word"))
    # A plate (闽DA1234, 闽D·A1234, 闽D A1234): notices print it any of these ways and the index cuts letters and digits at the
    # dot, so each form is an alternative (typed joined, the dotted print was not found: notices4)
    for match in PLATE_RE.finditer(folded):
        if not any(found.taken[match.start():match.end()]):
            found.take(match.start(), match.end(), Segment(match.group(0), plate_forms(match), "name"))
    for match in _ASCII_RUN_RE.finditer(folded):
        run = match.group(0)
        if (said := _bare_year(folded, match)) is not None:
            found.take(match.start(), match.end(), _year_or_month(run, said, None))
            continue
        identifier = "index_number" if ("-" in run or "/" in run) and looks_like_index_number(run) else None
        whole = complete_code(run)  # a credit code, an ID or a phone number typed whole: a whole term (indexer/codes.py)
        forms = printed_forms(run) if whole else (run,) if identifier else dash_forms(run)
        found.take(match.start(), match.end(), Segment(
            run, forms, "identifier" if identifier else "ascii", identifier=identifier,
            open_left=not whole and (match.start() == 0 or not _HAN_RE.match(folded[match.start() - 1]) or _run_continues(run)),
            open_right=not whole and (match.end() == len(folded) or not _HAN_RE.match(folded[match.end()]) or _run_continues(run)),
        ))
    return quiet


def _year_or_month(typed: str, year: int, month: int | None) -> Segment:
    """2014年, 二〇二四年五月, or a bare 2023 beside Chinese: one date segment in the writings of that year or month, also
    held by the records published in it, as 今年 is (search13: 增值税专用发票遗失声明2023 dropped 2023, which the notice of
    2023 does not print, and listed notices of 2011 and 2017; a notice or a document is of the year it came out)."""
    first = date(year, month or 1, 1)
    last = date(year, 12, 31) if month is None else date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    # bare digits match 2021年 already (the index's term 2021): 2021年 as a form of its own scored its titles twice over
    forms = [form for form in written_month_forms(year, month) if not (typed.isdigit() and form.startswith(typed))]
    return Segment(typed, tuple(dict.fromkeys((typed, *forms))), "date", day=first, until=last)


_BARE_YEAR_RE = re.compile(r"(?:19|20)\d{2}")
#: What follows a number counting something, not a year (2000元, 2023条, 1998多, 2020平方米)
_AFTER_A_COUNT = frozenset("第号年月日条款项章期届次批元万亿千百个楼层室栋多余米平人户件台辆吨份家名只位度天周岁")


def _bare_year(folded: str, match: re.Match[str]) -> int | None:
    """A run of four digits 1900-2099 typed beside Chinese (遗失声明2023, 2022义务教育招生): the year people type without 年,
    not a count (2000元, 第2023) nor a number alone (2023 typed alone stays a run, as 202 does)."""
    if not _BARE_YEAR_RE.fullmatch(match[0]):
        return None
    before, after = folded[match.start() - 1 : match.start()], folded[match.end() : match.end() + 1]
    if not (_HAN_RE.match(before or " ") or _HAN_RE.match(after or " ")) or before == "第" or (after != "" and after in _AFTER_A_COUNT):
        return None
    return int(match[0])


def _lone_ordinal(segments: list[Segment]) -> list[Segment]:
    """A 第 no number was joined to (第一二三四五热线: 第 + 一二三四五 + 热线) is no search word: every document holds 第, and
    required it answered 第4626号提案 and 第七届 before the 12345热线 documents (search13)."""
    return [replace(segment, stop=True) if segment.kind == "word" and segment.text == "第" else segment for segment in segments]


def _take_domain_words(found: _Spans, vocab: DomainVocabulary) -> None:
    """Domain words and synonyms (issuers, roads, companies): the longest at each place, left to right."""
    folded, position = found.folded, 0
    while position < len(folded):
        if found.taken[position]:
            position += 1
            continue
        word = vocab.longest_at(folded, position)
        if word is not None and not any(found.taken[position : position + len(word)]):
            found.take(position, position + len(word), Segment(word, (word,), "name"))
            position += len(word)
        else:
            position += 1


#: Years said from this one (今年的遗失声明, 去年 注销公告): records print the year (2026年), never 今年 of their reader.
RELATIVE_YEARS = {"前年": -2, "去年": -1, "今年": 0, "明年": 1}


def _relative_year(word: str, year: int) -> Segment:
    """今年 as the year it is: one date segment in that year's writings (2026年, 二〇二六年) and as typed (a record of
    this year may say 今年 too), also held by the records published in it. Only where the segmenter cuts it whole:
    过去年代 holds no 去年."""
    said = year + RELATIVE_YEARS[word]
    forms = written_month_forms(said, None)
    return Segment(word, tuple(dict.fromkeys((*forms, word))), "date", day=date(said, 1, 1), until=date(said, 12, 31))


#: A month of a year said from this one (今年五月, 去年12月份): the segmenter cut 今年 + 五月, and 五月 alone was required.
_RELATIVE_MONTH_RE = re.compile(
    r"(前年|去年|今年|明年)的?(1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])月(?:份|(?![0-9〇零一二三四五六七八九十两]+[日号]))")
_MONTH_NUMBERS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10, "十一": 11, "十二": 12}


def _take_relative_months(found: _Spans, year: int) -> None:
    """今年五月 as the month it is: one date segment in that month's writings (2026年5月, 二〇二六年五月 …), also held by the
    records published in it, as 今年 is by those published this year. An outage question's month is taken before (its day)."""
    for match in _RELATIVE_MONTH_RE.finditer(found.folded):
        said = year + RELATIVE_YEARS[match[1]]
        month = int(match[2]) if match[2].isdigit() else _MONTH_NUMBERS[match[2]]
        first = date(said, month, 1)
        last = date(said + month // 12, month % 12 + 1, 1) - timedelta(days=1)
        forms = tuple(dict.fromkeys((match[0], *written_month_forms(said, month))))
        found.take(match.start(), match.end(), Segment(match[0], forms, "date", day=first, until=last))


def _cut_the_rest(found: _Spans, rules: Rules, year: int) -> None:
    """What is left, cut by the segmenter piece by piece between the taken spans."""
    folded, start = found.folded, 0
    while start < len(folded):
        if found.taken[start]:
            start += 1
            continue
        end = start
        while end < len(folded) and not found.taken[end]:
            end += 1
        offset = start
        for word in _join_single_characters(segmenter.cut(folded[start:end]), rules, folded[start - 1 : start].isdigit(), opening=start == 0):
            at = folded.find(word, offset)
            if word in RELATIVE_YEARS:
                found.spans.append((at, at + len(word), _relative_year(word, year)))
            elif word.strip() and positioned_tokens(word):
                found.spans.append((at, at + len(word), Segment(word, (word,), "word")))
            offset = at + len(word)
        start = end


def _as_outage_notices_print(segment: Segment, context: str) -> Segment:
    """A word of an outage query as notices print it: 岛内 also as its districts (思明区, 湖里区), 断电 also as 停电 |
    暂停供电 (gongkai.outage_question); any other segment as it is."""
    if segment.kind not in ("word", "name"):
        return segment
    if districts := group_districts(segment.text, context):
        return replace(segment, alternatives=(segment.text, *districts))
    if forms := utility_forms(segment.text, context):
        return replace(segment, alternatives=forms)
    return segment


#: Characters that belong to the number before or after them (第12号, 2021年, 12条): one segment with it.
_COUNTERS = frozenset("第号年月日条款项章期届次批号元万亿个楼层室栋")
#: Counters of an ordinal that only ever follow their number (第2季, 第3轮, 28集, 83版): never joined to a number after them
#: (扫描版1.01, 未删减版1080p are no 版1080p).
_COUNTERS_AFTER = frozenset("季轮集版")


def _attach_counters(segments: list[Segment]) -> list[Segment]:
    """第 + 12 + 号 → 第12号: a number and its counter characters stay one phrase, so 第12号 still
    never finds 第120号 and 2021年 is not any 2021 anywhere."""
    out: list[Segment] = []
    for segment in segments:
        previous = out[-1] if out else None
        if previous is not None and _joinable(previous, segment):
            text = previous.text + segment.text
            forms = _serial_forms(text)
            if previous.kind == "ascii" and segment.text == "号" and any(c.isalpha() for c in previous.text):
                # a code's 号 is "No.", which documents seldom print after it (2016P52号地块: notices print 地块编号2016P52,
                # （2016P52）; search17): the code alone holds it too
                forms = (*forms, previous.text)
            out[-1] = Segment(text, forms, "word",
                              stop=previous.stop and segment.stop, open_left=previous.open_left, open_right=segment.open_right)
        else:
            out.append(segment)
    return out


def _serial_forms(text: str) -> tuple[str, ...]:
    """第6批 → 第6批, 第六批; 18条 → 18条, 十八条; 3号线 → 3号线, 三号线: a serial or count of up to 99 in digits, also in
    Chinese numerals."""
    match = _DIGIT_SERIAL_RE.fullmatch(text) or _DIGIT_LINE_RE.fullmatch(text)
    if match is None or (match[3] == "号" and not match[1]):  # 6号 alone is a day or a house number: as typed
        return (text,)
    forms = (text, f"{match[1]}{_chinese_count(int(match[2]))}{match[3]}")
    # 第38号 is how a 文号's serial is said; its document prints 〔2018〕38号 (search10: 国务院2018年第38号 dropped 第38号)
    return (*forms, text[1:]) if match[1] and match[3] == "号" else forms


def _chinese_count(number: int) -> str:
    """1-999 in Chinese numerals as counts are printed: 二十四, 一百零一, 一百一十, 三百."""
    if number < 100:
        return chinese_numeral(number)
    hundreds, rest = divmod(number, 100)
    tail = "" if not rest else "零" + chinese_numeral(rest) if rest < 10 else "一" + chinese_numeral(rest) if rest < 20 else chinese_numeral(rest)
    return chinese_numeral(hundreds) + "百" + tail


_SERIAL_RE = re.compile(r"第?\d+号")


def _document_said_short(segments: list[Segment]) -> list[Segment]:
    """The 文 of 国发38号文 (a document cited by its serial) is no search word: documents print 38号, not 38号文."""
    return [replace(segment, stop=True) if segment.kind == "word" and segment.text == "文" and n and _SERIAL_RE.fullmatch(segments[n - 1].text)
            else segment for n, segment in enumerate(segments)]


#: A number's counter the segmenter keeps with the next character (杏林6号线: 6 + 号线; 3号楼: 3 + 号楼).
_COUNTER_WORDS = frozenset(("号线", "号楼", "号院", "季度"))


def _joinable(left: Segment, right: Segment) -> bool:
    def counter(s: Segment) -> bool:
        # (search10: 10kV杏林6号线停电 required 6 anywhere, and 号线 of any line: the 杏林 notices of other lines came first)
        return s.kind == "word" and ((len(s.text) == 1 and s.text in _COUNTERS) or s.text in _COUNTER_WORDS)

    def number(s: Segment) -> bool:
        return s.kind == "ascii" or (s.kind == "word" and s.text[-1:].isascii() and s.text[:1] in _COUNTERS)

    return (counter(left) and right.kind == "ascii") or (number(left) and (counter(right) or (right.kind == "word" and right.text in _COUNTERS_AFTER)))


def _typed_initials(segments: tuple[Segment, ...], rules: Rules) -> tuple[Segment, ...]:
    """A run of letters that is a word's pinyin initials (rules.initials: yyzz, sfz, sbk) is also that word in any of its
    forms (yyzz丢了 found nothing: no record holds yyzz; search12 left it)."""
    def read(segment: Segment) -> Segment:
        forms = rules.initials.get(segment.text.lower()) if segment.kind == "ascii" and segment.text.isalpha() else None
        if not forms:
            return segment
        return replace(segment, alternatives=tuple(dict.fromkeys((segment.text, *forms))), kind="word", open_left=False, open_right=False)

    return tuple(read(segment) for segment in segments)


def _loose_lost_words(segments: tuple[Segment, ...], rules: Rules, context: str) -> tuple[Segment, ...]:
    """掉了, 不见了, 丢了 … (rules.loose_lost_words) keep their 遗失 synonyms only when the query names a thing one
    declares lost (rules.lost_items: 身份证掉了, 营业执照 不见了); else they are the words as typed (井盖不见了 is no
    lost-document declaration)."""
    loose = [n for n, s in enumerate(segments) if s.text in rules.loose_lost_words and len(s.alternatives) > 1]
    if not loose:
        return segments
    # a word's other forms name the thing too (sfz: 身份证; 驾照: 驾驶证)
    words = [form for s in segments if s.text not in rules.loose_lost_words for form in s.alternatives]
    for other in context.split():  # the other clauses, their trailing 掉了/了/吗 taken off
        while True:
            shorter = next((other[: -len(w)] for w in (*rules.loose_lost_words, *rules.stop_words) if w and other.endswith(w) and len(other) > len(w)), other)
            if shorter == other:
                break
            other = shorter
        words.append(other)
    if any(word.endswith(item) for word in words for item in rules.lost_items):
        return segments
    return tuple(replace(s, alternatives=(s.text,)) if n in loose else s for n, s in enumerate(segments))


#: A number with its counter (12月, 第12号, 十二月, 7日): a date or number piece is held whole or not at all, never
#: partly by a record holding 12 (with_parts).
_NUMBER_PIECE = re.compile(r"[0-9]|^第?[〇零一二三四五六七八九十两]{2,}[号年月日条款项章期届次批]$")
# (The last resorts, finer and characters, still split such a piece when not even one word matches: kept there, the
# QBQTC zero-result rate rose 1.5% → 1.9% and NDCG 0.666 → 0.665, judged queries such as 12万元救援拖车费 being
# answered by them. README Known gaps.)


def with_parts(segment: Segment, whole: bool = True) -> Segment:
    """A compound word of a relaxed query, also held, partly, by a record holding one of the dictionary words it
    is made of (作息时间: 作息 or 时间; 平安保险: 平安 or 保险; 小键盘: 键盘). Ranking counts such a record as holding
    part of the word (search.ranking.part_credit), below one holding it whole. `whole` False: no record holds the word
    itself, only its parts are looked for. Words of the segmenter only: a name of the domain word list (湖滨南路)
    is held whole or not at all, and a lone character is no part."""
    if segment.kind != "word" or segment.stop or segment.slop or segment.parts or len(segment.text) < 3:
        return segment
    if _NUMBER_PIECE.search(segment.text):
        return segment
    parts = tuple(p for p in _parts(segment.text) if p not in segment.alternatives)
    if not parts:
        return segment
    return replace(segment, alternatives=(segment.alternatives if whole else ()) + parts, parts=len(parts))


def looked_for_by_parts(skipped: list[Segment]) -> list[Segment]:
    """The compounds no record holds whole (出生证明 beside 遗失: the record prints 出生医学证明) as a relaxed answer
    looks for them, by their parts: the re-ranking counts them in its coverage, so a record holding the parts ranks
    above one holding only the other words (a bonus in the score alone lost to a newer notice's recency)."""
    return [parts for parts in (with_parts(s, whole=False) for s in skipped) if parts.parts]


def _parts(word: str) -> list[str]:
    """The dictionary words (2+ characters, shorter than `word`) that together cover the most of `word`, left to
    right without overlap; of equal covers the one of fewer words (华中科技大学: 华中 科技 大学, not 华中科 大学;
    二十年代: 二十 年代, not 二十年 and a lone 代 left out). Characters no word covers are left out."""
    known = {w for w in segmenter.cut_for_search(word) if 2 <= len(w) < len(word)}
    # best[i]: (characters covered, -words, the words) for word[i:]; filled right to left
    best: list[tuple[int, int, tuple[str, ...]]] = [(0, 0, ())] * (len(word) + 1)
    for at in range(len(word) - 1, -1, -1):
        options = []
        for size in range(len(word) - at, 1, -1):
            if word[at : at + size] in known:
                covered, fewer, words = best[at + size]
                options.append((covered + size, fewer - 1, (word[at : at + size], *words)))
        options.append(best[at + 1])  # word[at] left out; last, so a tie takes the word starting here (机动车: 机动)
        best[at] = max(options, key=lambda o: (o[0], o[1]))
    return list(best[0][2])


def finer(plan: Understood, rules: Rules) -> Understood | None:
    """The clause in smaller pieces, for a query whose words no record holds even one of: a long word
    becomes the dictionary words it is made of (华中科技大学 → 华中 科技 大学, 租房子 → 租房 房子 → 租房 子),
    an unknown name its characters, an ASCII run with -, / or . its parts but a bare number (gbt3091-2008 → gbt3091;
    `_ascii_pieces`).
    Identifiers and dates stay. None when nothing gets smaller."""
    pieces: list[Segment] = []
    changed = False
    for segment in plan.segments:
        if segment.kind in ("word", "name") and len(segment.text) >= 2 and not segment.stop and _HAN_RE.match(segment.text):
            parts = _tile(segment.text)
        elif segment.kind in ("ascii", "identifier") and segment.identifier != "doc_number" and not segment.stop and re.search("[-/.]", segment.text) \
                and not complete_code(segment.text):
            parts = _ascii_pieces(segment.text, [p for p in re.split("[-/.]", segment.text) if p])
        else:
            parts = [segment.text]
        if not parts or parts == [segment.text]:  # (no piece left, V2.0: the run whole, left out and named in `dropped`)
            pieces.append(segment)
            continue
        changed = True
        for part in parts:
            kind = "ascii" if part.isascii() else "word"
            pieces.append(_finish(Segment(part, (part,), kind, open_left=kind == "ascii", open_right=kind == "ascii"), rules))
    return Understood(plan.whole, tuple(pieces), plan.alone) if changed else None


_LETTERS_OR_DIGITS = re.compile(r"[a-z]+|[0-9]+")
#: How many characters may stand between the two characters of a word read as an abbreviation.
ABBREVIATION_SLOP = 3
#: A run of letters longer than this (pinyin or English words typed together) is looked for in pieces of CHUNK.
CHUNK = 4


def characters(plan: Understood, rules: Rules) -> Understood | None:
    """The last resort of a relaxed query (when not even a piece of a word matches): every Han character of
    a word of three or more alone, an ASCII run split between letters and digits, its letters only (lf125ma → lf ma), a long run of letters in
    pieces of four (dazhongdianping → dazh ongd ianp ing), each piece a part of a longer term."""
    pieces: list[Segment] = []
    changed = False
    for segment in plan.segments:
        # (a complete code in pieces is another code's pieces: 91350200MA31234567 was answered by 91350200 of another company)
        if segment.stop or segment.kind in ("date",) or segment.identifier == "doc_number" or complete_code(segment.text):
            pieces.append(segment)
            continue
        if len(segment.text) == 2 and segment.kind in ("word", "name") and all(_HAN_RE.match(c) for c in segment.text):
            # A two-character word is never taken apart (停 and 电 alone say nothing of 停电); read as an
            # abbreviation instead: its characters in order, a few apart (建行 → 建设银行, 停电 → 停止供电).
            pieces.append(Segment(segment.text, (segment.text,), "abbreviation", slop=ABBREVIATION_SLOP))
            changed = True
            continue
        parts: list[str] = []
        for run in re.findall(f"[{HAN_CLASS}]|[0-9A-Za-z]+", segment.text):
            if not run.isascii():
                parts.append(run)
                continue
            for piece in _ascii_pieces(segment.text, _LETTERS_OR_DIGITS.findall(run.lower())):
                if piece.isalpha() and len(piece) > CHUNK + 2:
                    chunks = [piece[i : i + CHUNK] for i in range(0, len(piece), CHUNK)]
                    if len(chunks[-1]) < 3:
                        chunks[-2:] = [chunks[-2] + chunks[-1]]
                    parts.extend(chunks)
                else:
                    parts.append(piece)
        if not parts or (len(parts) == 1 and (parts == [segment.text] or segment.kind != "ascii")):
            pieces.append(segment)
            continue
        changed = True
        for part in parts:
            kind = "ascii" if part.isascii() else "word"
            if kind == "word" and part in rules.stop_words:
                continue
            pieces.append(Segment(part, (part,), kind, open_left=kind == "ascii", open_right=kind == "ascii"))
    return Understood(plan.whole, tuple(pieces), plan.alone) if changed and pieces else None


_ASCII_LETTER = re.compile("[A-Za-z]")


def _ascii_pieces(text: str, pieces: list[str]) -> list[str]:
    """The pieces of an ASCII run a last resort may look for alone: of a run holding letters, neither a bare number
    (COVID-19: 19; PM2.5: 5; ISO9001: 9001) nor a single letter (H1N1: h, n). Looked for inside longer runs, such a piece
    is any record's number (7月19日, 2019年, a notice's 编号 10900159): 118 records answered COVID-19, none of them about it.
    A run of digits alone (a number typed) keeps its pieces."""
    if not _ASCII_LETTER.search(text):
        return pieces
    return [p for p in pieces if not p.isdigit() and not (len(p) == 1 and p.isascii() and p.isalpha())]


def _tile(word: str) -> list[str]:
    """`word` as the two-character dictionary words it holds, left to right, other characters alone."""
    known = {w for w in segmenter.cut_for_search(word) if len(w) == 2}
    parts, at = [], 0
    while at < len(word):
        if word[at : at + 2] in known:
            parts.append(word[at : at + 2])
            at += 2
        else:
            parts.append(word[at])
            at += 1
    return parts


def _opening_request(segments: tuple[Segment, ...], rules: Rules) -> tuple[Segment, ...]:
    """我想查一下 教育局中考改革, 帮我找找 营业执照遗失: the request a clause opens with is no search word. Only the
    opening run: further on 帮, 看, 查 are words (京东帮, 电脑不能看视频)."""
    out = list(segments)
    for n, segment in enumerate(out):
        if segment.stop:
            continue
        if segment.kind not in ("word", "name") or not rules.is_filler(segment.text, opening=True):
            break
        out[n] = replace(segment, stop=True)
    return tuple(out) if out != list(segments) else segments


#: How a question asks how to do something; the one-character verb after it, at the clause's end, is the question's.
_HOW_WORDS = ("怎么", "怎样", "如何", "咋", "该怎么", "要怎么")
#: The verb of doing something at all, which a how-question ends with as it ends with 办 (公司要注销怎么办理: 办理 was required,
#: and the one document printing 公司, 注销 and 办理 anywhere answered instead of the 注销 notices; search14).
_HOW_DOING = frozenset(("办理",))


def _how_question_verb(segments: tuple[Segment, ...]) -> tuple[Segment, ...]:
    """12345热线怎么打, 阶梯电价怎么算, 营业执照丢了怎么办: the one-character verb a clause ends its how-question with (打, 算, 办;
    the segmenter keeps 怎么办 whole) is no search word: required, 打 kept out every 12345热线 document not printing it. Only
    at the end (only stop words after it): 怎么打官司 asks about 打官司."""
    content = [n for n, segment in enumerate(segments) if not segment.stop]
    if not content:
        return segments
    last = content[-1]
    segment, before = segments[last], segments[last - 1] if last > 0 else None
    if segment.kind != "word" or not _HAN_RE.match(segment.text[-1:]):
        return segments
    said_whole = len(segment.text) in (2, 3, 4) and any(segment.text == how + segment.text[-1] for how in _HOW_WORDS)
    said_apart = (len(segment.text) == 1 or segment.text in _HOW_DOING) and before is not None and before.text in _HOW_WORDS
    if not (said_whole or said_apart) or len(content) == 1:
        return segments
    return (*segments[:last], replace(segment, stop=True), *segments[last + 1:])


#: A question asking where (哪里可以看到…, 在哪能查到…, 不动产登记哪里可以办, 哪个网站可以看到…): the where-word, and the
#: modals and verbs of finding or doing right after it, are the question's. Documents print none of them.
_WHERE_WORDS = ("在哪里", "在哪儿", "去哪里", "去哪儿", "哪里", "哪儿", "在哪", "去哪", "何处", "哪边", "哪")
_WHERE_PLACES = frozenset(("网站", "地方", "部门", "平台", "窗口", "网页"))  # 哪个网站, 哪个部门
_WHERE_FOLLOWERS = (
    "看得到", "查得到", "找得到", "可以", "能够", "才能", "看到", "查到", "找到", "查看", "查询", "下载", "办理", "获取",
    "能", "可", "去", "到", "看", "查", "找", "办",
)


def _where_run(text: str, followers_only: bool) -> bool:
    """`text` is a where-word (unless `followers_only`) followed by modals and verbs of finding only: 哪能查到 (the segmenter
    cuts 哪 + 能 + 查 + 到, and characters it does not know as words are joined again), 哪里可以."""
    if not followers_only:
        head = next((word for word in _WHERE_WORDS if text.startswith(word)), None)
        if head is None:
            return False
        text = text[len(head):]
    while text:
        follower = next((word for word in _WHERE_FOLLOWERS if text.startswith(word)), None)
        if follower is None:
            return False
        text = text[len(follower):]
    return True


def _where_question_words(segments: tuple[Segment, ...]) -> tuple[Segment, ...]:
    """哪里可以看到不动产登记的实施意见: 可以 and 看到 were required, so the answer was relaxed and dropped 意见 with them (search8).
    The where-word and the run of modals and verbs right after it are stop words, when the clause asks something else."""
    if not any("哪" in segment.text or "何处" in segment.text for segment in segments):
        return segments  # the common case, at a glance (28 → 1 µs a query over QBQTC's 1,951)
    out = list(segments)
    n = 0
    while n < len(segments):
        segment = segments[n]
        which = segment.kind == "word" and segment.text == "哪个" and n + 1 < len(segments) and segments[n + 1].text in _WHERE_PLACES
        if not which and not (segment.kind == "word" and _where_run(segment.text, False)):
            n += 1
            continue
        end = n + (2 if which else 1)
        while end < len(segments) and segments[end].kind == "word" and _where_run(segments[end].text, True):
            end += 1
        for k in range(n, end):
            out[k] = replace(out[k], stop=True)
        n = end
    if out == list(segments) or all(segment.stop for segment in out):
        return segments
    return tuple(out)


#: 政府 after a place's level (市政府, 湖里区政府, 北京市政府办公厅): what documents print as 人民政府.
_SHORT_GOVERNMENT_RE = re.compile(r"(?<=[省市区县州旗镇乡])政府")


def _as_government_prints(word: str) -> str | None:
    """北京市政府 → 北京市人民政府: a people's government said short. The segmenter keeps 市政府 and 北京市政府 whole,
    and neither is a substring of what the issuer and the text print (北京市政府 中医药振兴 dropped the government)."""
    full = _SHORT_GOVERNMENT_RE.sub("人民政府", word)
    return full if full != word else None


def _finish(segment: Segment, rules: Rules) -> Segment:
    """Stop-word flag and synonym alternatives."""
    stop = segment.stop or (segment.kind in ("word", "name") and rules.is_filler(segment.text))
    alternatives = segment.alternatives
    said_otherwise = False
    if segment.kind in ("word", "name") and segment.text in rules.synonyms:
        alternatives, said_otherwise = rules.synonyms[segment.text], True
    elif segment.kind in ("word", "name") and (full := _as_government_prints(segment.text)):
        alternatives = (*alternatives, full)
    return Segment(segment.text, alternatives, segment.kind, stop, segment.identifier, segment.day, segment.open_left, segment.open_right,
                   until=segment.until, said_otherwise=said_otherwise)


def _join_single_characters(words: list[str], rules: Rules, after_digit: bool = False, opening: bool = False) -> list[str]:
    """rjieba without HMM gives an unknown name (厦府, 湖滨一里) as single characters: join such runs
    (not stop words) into one segment, so the name must occur as typed. `opening` (the query's start): the request it
    opens with (帮我查下, 我想查) is never the start of such a run (search14: 帮我查下鼎泰进出口 required 查下鼎泰)."""
    joined: list[str] = []
    run = ""
    requesting = opening  # every word so far is a request word
    for n, word in enumerate(words):
        requesting = requesting and word in rules.request_words
        if requesting and len(word) == 1 and not run and _HAN_RE.match(word) and _name_follows(words, n + 1, rules):
            joined.append(word)  # 查 of 查下鼎泰: the request's, left alone for _opening_request
            continue
        at = n - (word == "文")  # where its 号 stands
        if word in ("号", "文") and words[at : at + 2] == ["号", "文"] and (words[at - 1].isdigit() if at else after_digit):
            # 38号文, 6号文: a document cited by its serial (国发38号文), not the characters 号文: 号 is the number's counter
            # (_attach_counters) and 文 the document said short (_document_said_short). Joined, 号文 was required.
            if run:
                joined.append(run)
                run = ""
            joined.append(word)
            continue
        if n == 0 and after_digit and word in _SERIAL_COUNTERS and word != "号":
            # 第5次大督查: the counter after a number is the number's (_attach_counters), not the start of a run 次大 (search9:
            # 第5 was required alone and dropped by a relaxed answer). Not 号: 12号线, 3号楼 are read as before.
            joined.append(word)
            continue
        if len(word) == 1 and _HAN_RE.match(word) and word not in rules.stop_words:
            run += word
            continue
        if run:
            joined.append(run)
            run = ""
        joined.append(word)
    if run:
        joined.append(run)
    return joined


def _name_follows(words: list[str], at: int, rules: Rules) -> bool:
    """Whether single characters of a run (two at least, not request words) follow the request words from `at`: an unknown
    name, which the request must not be joined to."""
    while at < len(words) and words[at] in rules.request_words and len(words[at]) == 1:
        at += 1
    name = list(itertools.takewhile(lambda w: len(w) == 1 and bool(_HAN_RE.match(w)) and w not in rules.stop_words, words[at:]))
    return len(name) >= 2


_CN_NUMERALS = "〇零一二三四五六七八九十百两"

#: The counters a serial or a count is said with: 号 (国令第707号), and 期, 批, 届, 次, 条, 项, 款, 章 (第44期, 第六批, 18条举措).
_SERIAL_COUNTERS = "号期批届次条项款章"
#: What an ordinal counts besides (第二季, 第三轮, 第28集, 第2版): said after 第 or digits only (一二季度 is two quarters,
#: 四季 the seasons); 集 not where it begins a word (第一集团, 集中, 集美).
_ORDINAL_COUNTER = rf"季度|[{_SERIAL_COUNTERS}季轮版]|集(?![团体中合市美资])"
#: A counter word whose one numeral is never anything else (二号线, 三号楼, 一季度: pages print the digits as often).
_UNIT_COUNTER = "号线|号楼|号院|季度"

#: A serial in Chinese numerals with its counter: 第七〇七号, 第十二号, 七百零七号, 第四十四期, 十八条, 第二季, 二号线 (one
#: numeral only after 第 or before a unit word: 三号字 is a size, 一次 a word).
_CN_SERIAL_RE = re.compile(
    rf"(?P<first>第)(?P<number>[{_CN_NUMERALS}]{{1,6}})(?P<counter>{_ORDINAL_COUNTER})"
    rf"|(?<![{_CN_NUMERALS}])(?P<number3>[一二两三四五六七八九]?十[一二三四五六七八九]?|[〇零一二两三四五六七八九])(?P<counter3>{_UNIT_COUNTER})"
    rf"|(?P<number2>[{_CN_NUMERALS}]{{2,6}})(?P<counter2>[{_SERIAL_COUNTERS}]|集(?![团体中合市美资]))"
)
#: The same in digits, as _attach_counters joins them (第6批, 第24届, 18条): also its Chinese numerals, as documents print
#: a batch, a session or a count as often (第六批, 第二十四届; search9: 第6批 was a relaxed answer). Up to 99 with 号: a
#: serial beyond (第707号) is printed in digits; up to 999 with another counter (第101期: a bulletin prints 第一百零一期
#: as often, search14).
_DIGIT_SERIAL_RE = re.compile(rf"(第?)([1-9][0-9]?(?![0-9])|[1-9][0-9]{{2}}(?!号))({_ORDINAL_COUNTER})")
#: A line or a building by its number (3号线: pages print 三号线 as often; bench/search_quality.py's 西安地铁3号线 lost it)
_DIGIT_LINE_RE = re.compile(rf"(第?)([1-9][0-9]?)({_UNIT_COUNTER})")
#: An ordinal in digits with its 第 (第28集, 第2季): taken whole before the words, else 第 went with a name before it
#: (且听凤鸣第 + 28集). Up to 99, as _DIGIT_SERIAL_RE.
_DIGIT_ORDINAL_RE = re.compile(rf"第[1-9][0-9]?(?![0-9])(?:{_UNIT_COUNTER}|{_ORDINAL_COUNTER})")

#: A 文号 as people type it and no document prints it (search7): its year in two digits (厦府办14年6号, 厦府〔14〕12号) or
#: in Chinese numerals (湖政办〔二〇一三〕1号), its serial in Chinese numerals (湖政办〔2013〕一号). Read only after a known
#: 文号 prefix: 14年6号 alone is no 文号.
_TYPED_DOC_NUMBER_RE = re.compile(
    r"(?P<prefix>[\u4e00-\u9fff]{1,15}?)\s*"
    r"(?:[〔\[【（(［〖﹝]\s*(?P<year>\d{2}|(?:19|20)\d{2}|[〇零一二三四五六七八九]{4})\s*[〕\]】）)］〗﹞]"
    # 湖政二〇一八年七号 too (search9: relaxed, 七号 dropped); 集政办2022年第十六号 (search16: a year in digits, its serial said)
    r"|(?P<short>\d{2}|(?:19|20)\d{2}|[〇零一二三四五六七八九]{4})\s*年)"
    rf"\s*第?\s*(?P<serial>\d{{1,5}}|[{_CN_NUMERALS}]{{1,6}})\s*号"
)


#: A year before the year ending a span (二〇二三至二〇二五年, 二〇一九—二〇二〇年, 2023至2025年), and the word or dash between.
_CN_SPAN_START_RE = re.compile(
    r"(?<![〇零一二三四五六七八九0-9])([〇零一二三四五六七八九]{4}|(?:19|20)[0-9]{2})(\s*(?:至|到|—|–|-|~|～)+\s*)(?=[〇零一二三四五六七八九]{4}年|(?:19|20)[0-9]{2}年)")

#: Two Chinese digits and 年, not part of a longer numeral nor a span of years (三五年以来, 七八年间).
_SHORT_CN_YEAR_RE = re.compile(r"(?<![〇零一二三四五六七八九十百两])([〇零一二三四五六七八九]{2})年(?![〇零一二三四五六七八九十]|[以来前后间多半])")


def _typed_year(text: str) -> int | None:
    """A 文号's year as typed: 2013, 二〇一三, or 14 (the latest year ending so, up to next year)."""
    if len(text) == 4:
        return int(text) if text.isdigit() else cn_number(text)
    if not text.isdigit():
        return None
    latest = beijing_today().year + 1
    year = latest - (latest - int(text)) % 100
    return year if year >= 1949 else None


def _doc_numbers(text: str, vocab: DomainVocabulary) -> list[tuple[int, int, int, str]]:
    """(match start, end, start of the 文号 proper, canonical 文号) of every 文号 in the query."""
    found = []
    for pattern in (DOC_NUMBER_RE, LOOSE_DOC_NUMBER_RE):  # 厦府2014年12号 too
        for match in pattern.finditer(text):
            prefix = _trim_prefix(match["prefix"], vocab)
            if not prefix or (pattern is LOOSE_DOC_NUMBER_RE and _names_a_body(prefix, vocab)):
                continue
            prefix_start = match.start("prefix") + len(match["prefix"]) - len(prefix)
            canonical = normalize_doc_number(f"{prefix}〔{match['year']}〕{match['serial']}号")
            found.append((match.start(), match.end(), prefix_start, canonical))
    for match in _TYPED_DOC_NUMBER_RE.finditer(text):
        prefix = _trim_prefix(match["prefix"], vocab)
        year = _typed_year(match["year"] or match["short"])
        if match["short"] and len(match["short"]) == 4 and match["short"].isdigit() and match["serial"].isdigit():
            continue  # 厦府2014年12号: LOOSE_DOC_NUMBER_RE's
        serial = int(match["serial"]) if match["serial"].isdigit() else cn_number(match["serial"])
        if prefix not in vocab.doc_prefixes or year is None or not serial:
            continue
        prefix_start = match.start("prefix") + len(match["prefix"]) - len(prefix)
        found.append((match.start(), match.end(), prefix_start, f"{prefix}〔{year}〕{serial}号"))
    return found


#: How a body's own name ends (a 文号's prefix is its abbreviation: 国发, 厦府办, 湖政).
_BODY_NAME_END = re.compile(r"(?:国务院|政府|办公厅|办公室|委员会|局|厅)$")


def _names_a_body(prefix: str, vocab: DomainVocabulary) -> bool:
    """国务院2018年38号, 厦门市政府2014年12号: a body named, then a year and a serial, not a 文号 without brackets (search10:
    read as the 文号 国务院〔2018〕38号, which no record holds, it found nothing; 国发〔2018〕38号's record prints 2018年, 38号)."""
    return prefix not in vocab.doc_prefixes and (bool(vocab.issuers_named(prefix)) or bool(_BODY_NAME_END.search(prefix)))


_PROSE_LEAD = re.compile(
    r"^(?:请问|请教|咨询|查询|查找|搜索|查|找|我想|想|要|关于|根据|依据|按照|依照|参照|贯彻|落实|执行|印发|转发|详见|参见|"
    r"通过|下发|发布|公布|出台|废止|修改|修订|的|和|与|及|或|了|在|是)+"
)


#: The words citing a 文号 right before it (根据厦府办〔2014〕6号, 按照…的规定)
_CITING_LEAD = re.compile(r"(?:根据|依据|按照|依照|参照|贯彻|落实|执行|关于|详见|参见)+")


def _trim_prefix(prefix: str, vocab: DomainVocabulary) -> str:
    """The issuer abbreviation of a 文号 without the prose before it: the longest known 文号 prefix the
    text ends with, else the text without leading prose words."""
    for start in range(len(prefix)):
        if prefix[start:] in vocab.doc_prefixes:
            return prefix[start:]
    return _PROSE_LEAD.sub("", prefix)
