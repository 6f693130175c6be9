"""The domain word list: names and words of this store that a general dictionary does not know.

Issuers (厦门市财政局), 文号 prefixes (厦府办), streets, roads and communities named by outage notices
(湖滨南路, 江头社区), companies and holders named by notices, and the notice words (遗失, 注销, 停水 …).
Query understanding (understand.py) keeps each of them one segment, so 湖滨南路停水 is 湖滨南路 + 停水,
never 湖滨 + 南路 + 停水, and a name a query consists of is known to be a place or a company (ranking).

Built from the store by the engine (gongkai.search_words), refreshed when the store changes; pure
data here, so tests and the index can make one from plain lists.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from gongkai.indexer.homophones import one_sound_apart
from gongkai.textnorm import fold

#: Words of notices that people type and that must stay whole.
NOTICE_WORDS: tuple[str, ...] = (
    "遗失", "遗失声明", "作废", "声明作废", "注销", "注销公告", "减资", "减资公告", "清算", "清算公告", "合并", "分立",
    "停水", "停电", "停气", "停水通知", "停电通知", "停电公告", "计划停电", "暂停供水", "暂停供电", "恢复供水", "恢复供电",
    "征收", "拍卖", "出让", "挂牌", "公示", "招标", "欠税", "营业执照", "统一社会信用代码", "公章", "财务章", "法人章",
)

#: Where a place name ends: the part of an outage area that names a street, road, community, building.
_PLACE_RE = re.compile(
    r"[\u4e00-\u9fff0-9]{1,10}?(?:南路|北路|东路|西路|中路|大道|路|街|巷|[一二三四五六七八九十]里|社区|村|小区|花园|大厦|广场|新村|工业区|园区|片区|街道|镇)"
)
#: A district or county a printed area starts with (湖里区仙岳路 → 湖里区 + 仙岳路).
_DISTRICT_RE = re.compile(r"^[\u4e00-\u9fff]{2,3}?[区县](?=[\u4e00-\u9fff])")
_SPLIT_RE = re.compile(r"[、，,；;：:\s（）()【】\[\]及和与至到]+")
#: Leading words a printed area carries that are not part of the name.
_LEAD_RE = re.compile(r"^(?:影响范围|停电范围|停水范围|范围|区域|包括|含|涉及)")

WORD_MAX = 30
#: A name without its place (财政局) names the issuers that are it after their place, when at most this many are.
SHORT_ISSUERS_MAX = 3
#: Where the place in front of an issuer's own name ends (厦门市财政局 → 财政局), as the suggestions read it.
_PLACE_END = re.compile(r"(?<=[省市区县])(?=[\u4e00-\u9fff]{2})")

#: The kind a place or body name ends in (longest first): did-you-mean keeps the kind typed, so 新阳街道 (a
#: subdistrict) is never offered 新阳大道 (a road), one character apart. A direction is no kind (湖滨南路: 路).
KIND_SUFFIXES: tuple[str, ...] = tuple(sorted((
    "街道", "大道", "路", "街", "巷", "社区", "村", "新村", "小区", "花园", "大厦", "广场", "工业区", "园区", "片区", "镇", "乡",
    "区", "县", "市", "省", "局", "委", "委员会", "厅", "办", "办公室", "院", "所", "站", "中心", "公司", "集团", "支队", "大队",
), key=len, reverse=True))


def kind_suffix(name: str) -> str:
    """The kind `name` ends in (KIND_SUFFIXES), or "" when it ends in none."""
    return next((suffix for suffix in KIND_SUFFIXES if name.endswith(suffix)), "")


@dataclass
class DomainVocabulary:
    """Folded words by category. `words` holds every category (and the synonyms added by the index)."""

    issuers: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)
    companies: set[str] = field(default_factory=set)
    doc_prefixes: set[str] = field(default_factory=set)
    extra: set[str] = field(default_factory=set)
    _by_first: dict[str, list[str]] = field(default_factory=dict, repr=False)
    _by_deletion: dict[str, list[str]] = field(default_factory=dict, repr=False)
    _by_short: dict[str, list[str]] = field(default_factory=dict, repr=False)
    #: an issuer's name as stored where that is not its folded name (廈門市財政局): the issuer field holds it as stored
    issuer_prints: dict[str, set[str]] = field(default_factory=dict)
    _by_abbreviation: dict[str, list[str]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.rebuild()

    @property
    def words(self) -> set[str]:
        return self.issuers | self.places | self.companies | self.doc_prefixes | self.extra | set(NOTICE_WORDS)

    def rebuild(self) -> None:
        """Index the words for longest-match lookup (call after changing the sets)."""
        by_first: dict[str, list[str]] = defaultdict(list)
        by_deletion: dict[str, list[str]] = defaultdict(list)
        for word in self.words:
            if 2 <= len(word) <= WORD_MAX:
                by_first[word[0]].append(word)
            if 3 <= len(word) <= WORD_MAX and (word in self.places or word in self.issuers or word in self.companies):
                for key in _deletions(word):
                    by_deletion[key].append(word)
        for words in by_first.values():
            words.sort(key=len, reverse=True)
        self._by_first = dict(by_first)
        self._by_deletion = dict(by_deletion)
        by_short: dict[str, list[str]] = defaultdict(list)
        for issuer in self.issuers:
            for cut in _PLACE_END.finditer(issuer):
                if len(issuer) - cut.start() >= 3:
                    by_short[issuer[cut.start():]].append(issuer)
        self._by_short = {short: sorted(names) for short, names in by_short.items() if len(names) <= SHORT_ISSUERS_MAX}
        by_abbreviation: dict[str, set[str]] = defaultdict(set)
        for issuer in self.issuers:
            for said in _places_said_short(issuer):
                if said not in self.issuers:
                    by_abbreviation[said].add(issuer)
        self._by_abbreviation = {said: sorted(names) for said, names in by_abbreviation.items() if len(names) <= SHORT_ISSUERS_MAX}

    def issuers_named(self, word: str) -> list[str]:
        """The issuers `word` names: itself, or the few whose name is it after their place (财政局, 市场监督管理局:
        厦门市财政局, 厦门市市场监督管理局); a short name most issuers share (人民政府) names none."""
        if word in self.issuers:
            return [word]
        return self._by_short.get(word) or self._by_abbreviation.get(word, [])

    def near_doc_prefixes(self, prefix: str, limit: int = 2) -> list[str]:
        """Known 文号 prefixes one character from `prefix` (厦府办发: 厦府办), a character of the same sound first (吉政办:
        集政办 before 海政办, 思政办, 湖政办, as near in spelling: search8, the two offered found nothing), then longest
        first: did-you-mean of a 文号 that finds nothing. Read only for such a query, so a scan of the prefixes (hundreds)
        is cheap enough."""
        if len(prefix) < 2:
            return []
        near = [p for p in self.doc_prefixes if one_edit_apart(prefix, p)]
        return sorted(near, key=lambda p: (not one_sound_apart(prefix, p), -len(p), p))[:limit]

    def printed(self, issuer: str) -> list[str]:
        """The issuer field's values of a (folded) issuer name: itself and the names stored in other characters."""
        return [issuer, *sorted(self.issuer_prints.get(issuer, ()))]

    def longest_at(self, text: str, start: int) -> str | None:
        """The longest known word starting at text[start] (text folded), or None."""
        for word in self._by_first.get(text[start], ()):
            if text.startswith(word, start):
                return word
        return None

    def is_place_or_company(self, word: str) -> bool:
        return word in self.places or word in self.companies

    def category(self, word: str) -> str | None:
        for name in ("places", "companies", "issuers", "doc_prefixes"):
            if word in getattr(self, name):
                return name
        return "notice_words" if word in NOTICE_WORDS else None

    def near(self, word: str, limit: int = 3, kind_slip: bool = True) -> list[str]:
        """Known issuer, place or company names nearly identical to `word` (one character added, dropped or
    changed): did-you-mean. `kind_slip`: a three-character word may be a name whose kind was mistyped (新阳陆: 新阳路)."""
        if len(word) < 3:
            return []
        # Deletion neighbourhoods (as SymSpell does): two words one edit apart share a key made by
        # deleting at most one character from each, so a lookup costs len(word) dictionary probes.
        candidates = {w for key in _deletions(word) for w in self._by_deletion.get(key, ())}
        candidates.discard(word)
        kind = kind_suffix(word)
        if kind:  # the kind typed stays: 新阳街道 is no 新阳大道, 厦门市财政厅 no 厦门市财政局
            candidates = {name for name in candidates if kind_suffix(name) == kind}
        close = difflib.get_close_matches(word, sorted(candidates), n=max(len(candidates), 1), cutoff=0.7)
        if kind_slip and len(word) == 3 and not kind:
            # One character of three changed is below difflib's cutoff (0.67); offered only where the name is typed whole and
            # its one-character kind slipped (新阳陆: 新阳路, 新阳村), never a two-character name changed (新华村 is no 新阳村).
            close += [name for name in sorted(candidates) if len(name) == 3 and name[:2] == word[:2] and len(kind_suffix(name)) == 1]
        # A character changed first: a phone's input method picks a wrong homophone (杏林弯路: 杏林湾路) far more often
        # than it adds or drops one, and difflib's ratio puts the shorter name first (杏林路, a street too).
        close.sort(key=lambda name: len(name) != len(word))  # stable: difflib's order within each kind
        return close[:limit]


def one_edit_apart(a: str, b: str) -> bool:
    """Whether b is a with one character added, dropped or changed."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1:] == short for i in range(len(long)))


def _places_said_short(issuer: str) -> set[str]:
    """How people type a government body with its place said short (厦门市思明区教育局: 思明教育局, 思明区教育局, 厦门思明教育局 …;
    厦门市财政局: 厦门财政局; 湖里区人民政府: 湖里政府, 湖里区政府): the places it starts with, from any of them on, each
    with or without its level (市, 区 …), then its own name, 人民政府 also as 政府, and the level alone before it (市政府,
    市财政局: search10, 市政府2014年实施方案 listed 北京市人民政府's 解读 first). None for a company."""
    cuts = [match.start() for match in _PLACE_END.finditer(issuer)]
    if not cuts or len(cuts) > 3:
        return set()
    places = [issuer[start:end] for start, end in zip([0, *cuts], cuts)]
    own = issuer[cuts[-1]:]
    if not own.endswith("政府") and kind_suffix(own) in ("", "公司", "集团"):
        return set()  # a government body's; a company's (thousands of notice holders) would cost the word list ~0.4 s a build
    owns = {own, own.replace("人民政府", "政府")}
    said: set[str] = set()
    for first in range(len(places)):
        heads = [""]
        for place in places[first:]:
            forms = {place, place[:-1]} if len(place) >= 3 else {place}
            heads = [head + form for head in heads for form in forms]
        said |= {head + name for head in heads for name in owns}
    if len(places[-1]) >= 3:  # its level alone, as its own city's people say it: 市政府, 市教育局 (区政府 names every district's: none)
        said |= {places[-1][-1] + name for name in owns}
    return said


def _deletions(word: str) -> set[str]:
    return {word, *(word[:i] + word[i + 1 :] for i in range(len(word)))}


def place_names(area: str) -> list[str]:
    """The district, street, road and community names in one printed outage area
    (湖里区仙岳路、吕岭路沿线 → 湖里区, 仙岳路, 吕岭路)."""
    names: list[str] = []
    for piece in _SPLIT_RE.split(fold(area)):
        piece = _LEAD_RE.sub("", piece)
        district = _DISTRICT_RE.match(piece)
        if district:
            names.append(district.group(0))
            piece = piece[district.end():]
        for match in _PLACE_RE.finditer(piece):
            if len(match.group(0)) >= 3:
                names.append(match.group(0))
    return names


def notice_names(notice: dict | None) -> tuple[list[str], list[str]]:
    """(places, companies) a stored notice dict names; reads both the flat `areas` and `events[].areas` shapes."""
    if not isinstance(notice, dict):
        return [], []
    areas: list[str] = []
    for area in notice.get("areas") or []:
        areas.append(area if isinstance(area, str) else str((area or {}).get("name") or ""))
    for event in notice.get("events") or []:
        for area in (event or {}).get("areas") or []:
            if isinstance(area, dict):
                areas.extend(str(area.get(key) or "") for key in ("name", "district", "subdistrict"))
            elif isinstance(area, str):
                areas.append(area)
    places = [name for area in areas if area for name in place_names(area)]
    companies = [
        fold(value).strip()
        for key in ("company", "holder")
        if isinstance(value := notice.get(key), str) and 4 <= len(value) <= WORD_MAX
    ]
    return places, companies


#: The issuer part of a canonical 文号 (厦府办〔2014〕12号 → 厦府办).
_DOC_PREFIX_RE = re.compile(r"^([\u4e00-\u9fff]{1,10})〔")


def doc_prefix(doc_number: str) -> str | None:
    match = _DOC_PREFIX_RE.match(fold(doc_number))
    return match.group(1) if match and len(match.group(1)) >= 2 else None


def build_vocabulary(
    issuers: Iterable[str], notices: Iterable[dict | None], doc_numbers: Iterable[str], extra: Iterable[str] = ()
) -> DomainVocabulary:
    vocab = DomainVocabulary()
    for issuer in issuers:
        if issuer and 2 <= len(issuer.strip()) <= WORD_MAX:
            vocab.issuers.add(folded := fold(issuer).strip())
            if issuer.strip() != folded:
                vocab.issuer_prints.setdefault(folded, set()).add(issuer.strip())
    for notice in notices:
        places, companies = notice_names(notice)
        vocab.places.update(places)
        vocab.companies.update(companies)
    vocab.doc_prefixes = {p for p in map(doc_prefix, doc_numbers) if p}
    vocab.extra = {fold(w) for w in extra if w}
    vocab.rebuild()
    return vocab
