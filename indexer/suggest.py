"""Completions for the search box: issuers, titles, 文号 (and their 厦府〔2014〕 prefixes), streets.

`/api/suggest` is asked at every key press, so an answer must cost well under 10 ms at 100,000
records and must never scan the store. The words live in memory:

- `SuggestVocabulary` counts, per suggestion (type, text), the visible records that carry it, and
  remembers what each record contributed, so a changed or withdrawn record is taken back exactly.
  It is fed store rows (`SuggestRow`) changed since the last store change number it saw: cost in
  proportion to the change, not to the store.
- `SuggestSnapshot` is an immutable sorted array of folded keys (prefix range by bisect) with the
  counts beside them in numpy (the best few of a broad range, 厦 matches most keys, by
  argpartition instead of a Python loop). Requests read one snapshot while a new one is built.
- `Suggester` ties them together: when the index state key changes (every commit, every
  generation switch: the key the result cache uses), it reads the store changes since its
  watermark and builds a new snapshot; requests arriving meanwhile answer from the old one.

Matching is by prefix on folded text (`suggest_key`: full-width → half-width, Traditional →
Simplified, lower case, no spaces, brackets and quotes left out so 厦府[2014 and 厦府2014 both find
厦府〔2014〕12号). Issuers are found by their name without the place in front too (财政局 →
厦门市财政局), and titles by the words after their leading 关于.

Privacy: lost-property notices (遗失声明) name private persons as holder and in the title; they give
no suggestion but their title from its 遗失 on (遗失居民身份证声明: the item, not the holder; their streets and numbers
are found by search, not offered while typing), and only once the notices of two holders give it: a title naming its
holder after 遗失 (关于遗失林美华残疾人证的声明) is that one person's.
"""

from __future__ import annotations

import re
import threading
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any, Protocol

import numpy as np

from gongkai.search_types import SUGGESTION_TYPES, Suggestion  # the response types live in the core (issue 17)
from gongkai.textnorm import fold

_TYPE_CODE = {name: code for code, name in enumerate(SUGGESTION_TYPES)}

MAX_TEXT = 80  # longer titles are still suggested, cut here (a suggestion fills the search box)
_HIGH = "\U0010ffff"

# Left out of keys: spacing, brackets and quotes are typed every which way (厦府[2014], 厦府（2014）, 厦府2014).
_KEY_DROP = re.compile(r"[\s〔〕\[\]【】（）()［］〖〗{}｛｝﹝﹞《》〈〉<>“”‘’\"'「」『』]+")
# The place in front of an issuer's own name (厦门市财政局 → 财政局; 厦门市湖里区人民政府 → 湖里区人民政府, 人民政府).
_PLACE_END = re.compile(r"(?<=[省市区县])(?=[\u4e00-\u9fff]{2})")
_DOC_YEAR = re.compile(r"^(?P<prefix>[^〔]{1,20}〔\d{4}〕)\d+号$")


def suggest_key(text: str) -> str:
    """The folded form that keys and typed prefixes are compared in."""
    return _KEY_DROP.sub("", fold(text))


class SuggestRow(Protocol):
    """What the vocabulary needs of one store row (gongkai.store.suggest_rows.SuggestRow). Read-only
    properties, so that the store's frozen dataclass matches it for a type checker."""

    @property
    def seq(self) -> int: ...

    @property
    def id(self) -> str: ...

    @property
    def withdrawn(self) -> bool: ...

    @property
    def kind(self) -> str: ...

    @property
    def notice_type(self) -> str | None: ...

    @property
    def issuer(self) -> str: ...

    @property
    def title(self) -> str: ...

    @property
    def doc_number(self) -> str: ...

    @property
    def notice(self) -> dict[str, Any] | None: ...


def record_terms(row: SuggestRow, places: Callable[[dict[str, Any] | None], Iterable[str]]) -> list[tuple[int, str]]:
    """The (type code, text) suggestions one visible record carries; `places` names the streets of a notice."""
    if row.notice_type == "lost":  # holders are private persons: see the module docstring
        return _lost_item_title(row.title or "")
    terms: list[tuple[int, str]] = []
    issuer = (row.issuer or "").strip()
    if 2 <= len(issuer) <= MAX_TEXT:
        terms.append((_TYPE_CODE["issuer"], issuer))
    title = " ".join((row.title or "").split())
    if len(title) >= 2:
        terms.append((_TYPE_CODE["title"], title[:MAX_TEXT]))
    doc_number = row.doc_number  # stored canonical (厦府〔2014〕12号) by the Record itself
    if doc_number:
        terms.append((_TYPE_CODE["doc_number"], doc_number))
        match = _DOC_YEAR.match(doc_number)
        if match:
            terms.append((_TYPE_CODE["doc_number"], match["prefix"]))
    if row.kind == "notice" and row.notice_type == "outage":
        for place in places(row.notice):
            if 2 <= len(place) <= 30:
                terms.append((_TYPE_CODE["street"], place))
    return list(dict.fromkeys(terms))  # a street named twice counts its notice once


_LOST_ITEM = re.compile(r"遗失[\u4e00-\u9fff]{2,28}")
_ANY_NUMBER = re.compile(r"[〇零一二三四五六七八九十]")


def _lost_item_title(title: str) -> list[tuple[int, str]]:
    """A lost-property notice's title from its 遗失 on (高丽遗失居民身份证声明 → 遗失居民身份证声明): what was lost, never who
    lost it (the holder stands before 遗失), so `遗失` completes to 遗失声明, 遗失营业执照副本声明 … (search7: it completed to
    nothing). Only Chinese words without numerals: not a plate, a certificate's number."""
    item = title[title.rfind("遗失"):].strip() if "遗失" in title else ""
    if not _LOST_ITEM.fullmatch(item) or _ANY_NUMBER.search(item):
        return []  # 遗失声明：张三遗失… is read from its last 遗失; anything but Chinese (a colon, a name's dot) is left out
    return [(_TYPE_CODE["title"], item)]


def short_names(synonyms: Iterable[Sequence[str]]) -> dict[str, list[str]]:
    """Each word of a synonym group -> the group's other words, for an issuer's name without its place (`search.synonyms`:
    市场监督管理局 is also typed 市监局 or 市场监管局, 发展和改革委员会 发改委): 市监局 completes to 厦门市市场监督管理局."""
    found: dict[str, list[str]] = {}
    for group in synonyms:
        for word in group:
            found.setdefault(word, []).extend(other for other in group if other != word)
    return found


def _lost_holder(row: SuggestRow) -> str:
    """Who posted a lost notice: its issuer (the holder who signs it), else its title before 遗失 (陈明遗失… → 陈明)."""
    title = row.title or ""
    before = title[: title.rfind("遗失")] if "遗失" in title else ""
    return fold(row.issuer or before).strip()


_CARRYING = ("印发", "转发")  # 关于印发《…》的通知: people type the document's name
_STATE = "中华人民共和国"  # the laws and regulations of the state, typed without it


def _alias_keys(type_code: int, text: str, short_names: Mapping[str, Sequence[str]] | None = None) -> list[str]:
    """Keys besides the whole text's: an issuer without its place (and by the other names of that, `short_names`:
    市监局 for 市场监督管理局), a title after its leading 关于 (and after its 关于印发, 关于转发) or 中华人民共和国, a lost item's
    title by the item, the words it ends in and their other names."""
    aliases: list[str] = []
    short_names = short_names or {}
    if type_code == _TYPE_CODE["issuer"]:
        # each body of a joint issuer (北京市卫生健康委员会，北京市中医管理局: 卫健委 completed to nothing, search8)
        bodies = [body for body in _JOINT_ISSUER.split(text) if len(body) >= 2]
        aliases = bodies if len(bodies) > 1 else []
        aliases += [body[m.start():] for body in bodies for m in _PLACE_END.finditer(body)]
        aliases += [tail for body in bodies for tail in _unit_names(body)]
        aliases += [other for own in aliases for other in short_names.get(own, ())]
        # a unit by the short name of its start (交警 → 交通警察支队 → 厦门市公安局交通警察支队)
        aliases += [other + own[n:] for own in aliases for n in range(2, len(own) - 1) for other in short_names.get(own[:n], ())]
    elif type_code == _TYPE_CODE["title"]:
        at = text.find("关于", 0, 30)
        if at >= 0 and len(text) - at > 4:
            aliases = [text[at + 2:]]
            if text.startswith(_CARRYING, at + 2) and len(text) - at > 8:
                aliases.append(text[at + 4:])  # the document carried: 个人所得 → 国务院关于印发个人所得税专项附加扣除暂行办法的通知
            aliases += _title_subjects(text[at + 2:])
        elif text.startswith(_STATE) and len(text) - len(_STATE) >= 2:
            aliases = [text[len(_STATE):]]  # 个人所得 → 中华人民共和国个人所得税法实施条例 (search8: both completed to nothing)
        elif text.startswith("遗失") and (end := len(text) - 2 if text.endswith("声明") else len(text)) >= 4:
            # by the item (营业执照 → 遗失营业执照副本声明), as people type 营业执照遗失, and by the words the item ends in:
            # 身份证 → 遗失居民身份证声明, 行驶证 → 遗失机动车行驶证声明; an item of two characters too (公章 → 遗失公章声明;
            # search8: the three completed to nothing)
            # and by the item's other names (社保卡 → 遗失厦门市社会保障卡声明, 行车证 → 遗失机动车行驶证声明)
            aliases = [text[at:] for at in _item_word_starts(text, 2, end)]
            aliases += [other + alias[n:] for alias in aliases for n in range(2, len(alias) - 1) for other in short_names.get(alias[:n], ())]
            aliases += _item_first_keys(aliases)
        elif (body := _TITLE_BODY.match(text)) is not None:
            aliases = [text[body.end():]]  # 国有建设用地 → 厦门市自然资源和规划局国有建设用地使用权挂牌出让公告（2016P52）
    return list(dict.fromkeys(key for key in map(suggest_key, aliases) if len(key) >= 2))


_JOINT_ISSUER = re.compile(r"[，,、；;\s]+")
#: The company forms a name ends in: a unit's name is no completion of these alone (有限公司 completes to every company).
_COMPANY_FORMS = ("有限公司", "有限责任公司", "股份有限公司", "集团有限公司", "公司", "集团")


def _unit_names(issuer: str) -> list[str]:
    """The names inside an issuer whose place has no level (国网厦门供电公司, 厦门水务集团有限公司, 厦门华润燃气有限公司) or
    that is a unit of a body (厦门市公安局交通警察支队): its tails from each of the segmenter's words on, but the first
    word and a bare company form (search8: 供电公司, 水务集团 completed to nothing; typed, they name the company)."""
    from gongkai.indexer.segmenter import cut

    if len(issuer) < 6 or not _HAN_ONLY.fullmatch(issuer):
        return []
    tails: list[str] = []
    at = 0
    for n, word in enumerate(cut(issuer)):
        if n and len(issuer) - at >= 4 and issuer[at:] not in _COMPANY_FORMS:
            tails.append(issuer[at:])
        at += len(word)
    return tails


_HAN_ONLY = re.compile(r"[\u4e00-\u9fff]+")
#: A title opening with its issuer's name, without 关于 (厦门市自然资源和规划局国有建设用地使用权挂牌出让公告): the rest is typed.
_TITLE_BODY = re.compile(r"[\u4e00-\u9fff]{2,20}?(?:局|委员会|人民政府|办公厅|公司)(?=[\u4e00-\u9fff]{4})")
#: What a title says it does before its subject: 关于开展鼓浪屿周边环境整治专项检查的通知, 关于公布2016年个体工商户登记有关事项的
#: 通知, 关于印发《厦门市杏林湾生态保护管理办法》的通知, 转发省政府办公厅关于…: people type the subject (鼓浪屿, 个体工商).
_TITLE_LEAD = re.compile(
    r"^(?:(?:印发|转发|开展|深入开展|组织开展|组织|做好|进一步|加强|调整|公布|下达|推进|全面推行|推行|实施|加快|促进|支持|同意|"
    r"发布|征集|申报|下发|贯彻落实|落实|对)+)?[《〈“\"]?(?:(?:19|20)\d{2}年度?)?"
    r"(?:(?:[\u4e00-\u9fff]{2,3}[省市])?(?:[\u4e00-\u9fff]{2}[区县])?(?=[\u4e00-\u9fff]{2}))?"
)


#: The qualifiers a title's subject opens with that people leave out when they type it (阶梯电价 of 居民阶梯电价, 网格化管理 of
#: 社区网格化管理, 职业教育 of 国家职业教育改革实施方案, 人居环境整治 of 农村人居环境整治).
_SUBJECT_QUALIFIERS = ("国家", "全国", "全省", "全市", "居民", "社区", "农村", "城镇")


def _title_subjects(after: str) -> list[str]:
    """A title's subject, the words after 关于 without what the title does, its year and its place (鼓浪屿周边环境整治专项检查
    的通知 for 关于开展鼓浪屿…; search9: 鼓浪屿, 五缘湾 completed to nothing, the titles starting 关于开展, 关于印发《厦门市…), and
    the subject without a qualifier it opens with (_SUBJECT_QUALIFIERS: 阶梯电 → 关于开展居民阶梯电价专项检查的通知); none when
    nothing is left out or too little is left."""
    nested = after.find("关于", 0, 16)  # 转发省政府办公厅关于X若干措施的通知: X
    if nested >= 0 and after.startswith("转发"):
        after = after[nested + 2:]
    lead = _TITLE_LEAD.match(after)
    subject = after[lead.end():] if lead is not None else after
    subjects = [subject] if subject != after else []
    if subject.startswith(_SUBJECT_QUALIFIERS):
        subjects.append(subject[2:])
    return [text for text in subjects if len(text) >= 4]


def _item_first_keys(item_keys: Iterable[str]) -> list[str]:
    """The item said first, as people type a lost notice (营业执照遗失, 社保卡遗失声明; newuser3: the page's own example
    营业执照遗失 completed to nothing, the titles print 遗失 first): each item key (营业执照副本声明) up to each of its
    words' ends, then 遗失声明 (or 丢失), so 营业执照遗, 营业执照遗失 and 营业执照副本遗失声明 all complete to 遗失营业执照副本声明."""
    from gongkai.indexer.segmenter import cut

    keys: list[str] = []
    for key in item_keys:
        item = key[:-2] if key.endswith("声明") else key
        at = 0
        for word in cut(item):
            at += len(word)
            if at >= 2:
                keys += [item[:at] + "遗失声明", item[:at] + "丢失"]  # 丢失: search reads it as 遗失 (segment_query)
    return keys


def _item_word_starts(text: str, start: int, end: int) -> list[int]:
    """Where a word of two or more characters begins in text[start:end] (a lost item): the segmenter's words, and the
    dictionary words each of them ends in (居民身份证 is one word, 身份证 ends it; 机动车行驶 + 证: 行驶 ends the first), so
    a word inside another (动车 in 机动车) is no start. The item's own start first."""
    from gongkai.indexer.segmenter import cut, cut_for_search

    starts = [start]
    at = start
    for word in cut(text[start:end]):
        if len(word) >= 2:
            starts.append(at)
            starts.extend(at + len(word) - len(inner) for inner in cut_for_search(word) if 2 <= len(inner) < len(word) and word.endswith(inner))
        at += len(word)
    return list(dict.fromkeys(starts))


class SuggestVocabulary:
    """Suggestions and how many visible records carry each; updated record by record."""

    def __init__(self, places: Callable[[dict[str, Any] | None], Iterable[str]], short_names: Mapping[str, Sequence[str]] | None = None) -> None:
        self._places = places
        self._short_names = short_names or {}  # an issuer's own name (no place) -> its other names: short_names()
        self._ids: dict[tuple[int, str], int] = {}
        self.texts: list[str] = []  # by entry id; append-only, so a snapshot may share it
        self.types: list[int] = []
        self.counts: list[int] = []
        self._contributed: dict[str, tuple[int, ...]] = {}
        # Lost notices' titles: by entry, the holders of the notices that carry it, and the entries only one holder's
        # notices carry (not offered: a title naming its holder after 遗失 is that person's; _lost_holder)
        self._holders: dict[int, dict[str, int]] = {}
        self._lost_rows: dict[str, str] = {}  # row id -> its holder, for the rows that gave lost titles
        self._one_holder: set[int] = set()
        self.watermark = 0  # the highest store change number applied
        # Every key of every entry ever seen, sorted, with its entry, alias flag and length beside it in
        # numpy (an entry no record carries any more scores -1 in a snapshot); new entries' keys wait in
        # _new_rows. Kept between snapshots: a refresh inserts the few new keys instead of sorting them all.
        self._keys: list[str] = []
        self._entries = np.zeros(0, dtype=np.int32)
        self._alias = np.zeros(0, dtype=np.int64)
        self._lengths = np.zeros(0, dtype=np.int64)
        self._new_rows: list[tuple[str, int, bool]] = []
        self._forgotten = 0  # entries dropped by the last rebuild (their ids are never used again)

    def apply(self, rows: Iterable[SuggestRow]) -> int:
        """Take each row's record as it is now (withdrawn: gone). Returns the rows applied."""
        applied = 0
        for row in rows:
            holder = self._lost_rows.pop(row.id, None)
            for entry in self._contributed.pop(row.id, ()):
                self.counts[entry] -= 1
                if holder is not None:
                    self._count_holder(entry, holder, -1)
            if not row.withdrawn:
                entries = tuple(self._entry(code, text) for code, text in record_terms(row, self._places))
                for entry in entries:
                    self.counts[entry] += 1
                if entries:
                    self._contributed[row.id] = entries
                    if row.notice_type == "lost":
                        self._lost_rows[row.id] = holder = _lost_holder(row)
                        for entry in entries:
                            self._count_holder(entry, holder, 1)
            self.watermark = max(self.watermark, row.seq)
            applied += 1
        return applied

    def _count_holder(self, entry: int, holder: str, step: int) -> None:
        holders = self._holders.setdefault(entry, {})
        holders[holder] = holders.get(holder, 0) + step
        if holders[holder] <= 0:
            del holders[holder]
        if not holders:
            del self._holders[entry]
        if len(holders) == 1:
            self._one_holder.add(entry)
        else:
            self._one_holder.discard(entry)

    def _entry(self, type_code: int, text: str) -> int:
        entry = self._ids.get((type_code, text))
        if entry is None:
            key = suggest_key(text)
            entry = self._ids[(type_code, text)] = len(self.texts)
            self.texts.append(text)
            self.types.append(type_code)
            self.counts.append(0)
            self._new_rows.append((key, entry, False))
            self._new_rows.extend((alias, entry, True) for alias in _alias_keys(type_code, text, self._short_names) if alias != key)
        return entry

    def words(self, type_name: str) -> list[str]:
        """Every text of one type that some visible record carries (e.g. the streets)."""
        code = _TYPE_CODE[type_name]
        return [t for t, c, n in zip(self.texts, self.types, self.counts) if c == code and n > 0]

    def snapshot(self) -> SuggestSnapshot:
        counts = np.asarray(self.counts, dtype=np.int64)
        if self._new_rows:
            new = sorted(self._new_rows)
            self._new_rows = []
            dead = np.count_nonzero(counts == 0) - self._forgotten
            if len(new) * 8 > len(self._keys) or dead * 2 > len(counts) - self._forgotten >= 100:
                self._rebuild(new, counts)
            else:
                self._insert(new)
        shown = counts
        # a lost notice's title only one holder's notices carry (and no other record) is not offered
        hidden = [entry for entry in self._one_holder if counts[entry] == sum(self._holders[entry].values())]
        if hidden:
            shown = counts.copy()
            shown[hidden] = 0
        return SuggestSnapshot(self._keys, self._entries, self._alias, self._lengths, shown, self.texts, self.types)

    def _rebuild(self, new: list[tuple[str, int, bool]], counts: np.ndarray) -> None:
        """Sort every row again, leaving out entries no record carries (titles that changed, withdrawn records).

        A left-out entry is forgotten: should a record carry its text again, it comes back as a new entry with its keys.
        """
        for entry in np.flatnonzero(counts == 0).tolist():
            if self._ids.get((self.types[entry], self.texts[entry])) == entry:
                del self._ids[(self.types[entry], self.texts[entry])]
        self._forgotten = int(np.count_nonzero(counts == 0))
        rows = [row for row in zip(self._keys, self._entries.tolist(), self._alias.astype(bool).tolist()) if counts[row[1]] > 0]
        rows.extend(new)
        rows.sort()
        self._keys = [key for key, _, _ in rows]
        self._entries = np.fromiter((entry for _, entry, _ in rows), dtype=np.int32, count=len(rows))
        self._alias = np.fromiter((flag for _, _, flag in rows), dtype=np.int64, count=len(rows))
        self._lengths = np.fromiter(map(len, self._keys), dtype=np.int64, count=len(rows))

    def _insert(self, new: list[tuple[str, int, bool]]) -> None:
        """Merge a few sorted rows in: new lists and arrays (snapshots handed out keep theirs)."""
        keys = self._keys
        positions = [bisect_right(keys, key) for key, _, _ in new]
        merged: list[str] = []
        previous = 0
        for position, (key, _, _) in zip(positions, new):
            merged.extend(keys[previous:position])
            merged.append(key)
            previous = position
        merged.extend(keys[previous:])
        self._keys = merged
        self._entries = np.insert(self._entries, positions, [entry for _, entry, _ in new])
        self._alias = np.insert(self._alias, positions, [int(flag) for _, _, flag in new])
        self._lengths = np.insert(self._lengths, positions, [len(key) for key, _, _ in new])


class SuggestSnapshot:
    """An immutable prefix index: sorted keys, and beside each its entry, score and type.

    A broad prefix (厦, 厦门市, 关于: tens of thousands of keys) would cost a numpy pass over its whole
    range on every key press; the best rows of every prefix broader than BROAD_RANGE are found once
    when the snapshot is built (the ranges of one prefix length do not overlap: a pass over all keys
    per length, and only lengths that still have a broad prefix).
    """

    BROAD_RANGE = 2000
    TAKE = 3  # rows looked at per suggestion asked: an entry's aliases and repeats take several rows
    MAX_LIMIT = 20

    def __init__(
        self,
        keys: list[str],
        entries: np.ndarray,
        alias: np.ndarray,
        lengths: np.ndarray,
        counts: np.ndarray,
        texts: list[str],
        types: list[int],
    ) -> None:
        self.keys = keys
        self.entries = entries
        self.counts = counts
        self.texts = texts
        self.types = types
        row_counts = counts[entries] if len(entries) else np.zeros(0, dtype=np.int64)
        # Rank: more records first; for equal counts the whole name before a match on its alias, then the
        # shorter key (厦府〔2014〕1号 before 厦府〔2014〕104号); -1: no record carries it any more.
        rank = ((row_counts * 2 + (1 - alias)) << 8) - np.minimum(lengths, 255)
        self.scores = np.where(row_counts > 0, rank, -1)
        self.row_types = np.asarray(types, dtype=np.int8)[entries] if len(entries) else np.zeros(0, dtype=np.int8)
        self._broad: dict[str, list[int]] = {}
        self._find_broad(0, len(keys), 1)

    def _find_broad(self, lo: int, hi: int, depth: int) -> None:
        keys = self.keys
        while lo < hi:
            if len(keys[lo]) < depth:  # the key is the parent prefix itself
                lo += 1
                continue
            prefix = keys[lo][:depth]
            end = bisect_left(keys, prefix + _HIGH, lo, hi)
            if end - lo > self.BROAD_RANGE:
                self._broad[prefix] = self._best(lo, self.scores[lo:end], self.MAX_LIMIT * self.TAKE)
                self._find_broad(lo, end, depth + 1)
            lo = end

    @staticmethod
    def _best(lo: int, scores: np.ndarray, take: int) -> list[int]:
        """Rows of the `take` best of `scores` (the range from row `lo`), best first (ties in key order)."""
        if take < len(scores):
            best = np.argpartition(-scores, take - 1)[:take]
        else:
            best = np.arange(len(scores))
        return (lo + best[np.lexsort((best, -scores[best]))]).tolist()

    def __len__(self) -> int:
        return len(self.keys)

    def lookup(self, prefix: str, limit: int, types: Sequence[str] | None = None) -> list[Suggestion]:
        if limit <= 0:
            return []
        keys = dict.fromkeys(k for k in (suggest_key(prefix), suggest_key(_mainland_words(prefix))) if k)
        rows = [row for key in keys for row in self._rows(key, limit, types)]
        if len(keys) > 1:
            rows.sort(key=lambda row: -self.scores[row])  # two ranked lists, one order (stable: ties keep theirs)
        found: list[Suggestion] = []
        seen: set[str] = set()
        for row in rows:
            if self.scores[row] < 0:
                break
            entry = int(self.entries[row])
            text = self.texts[entry]
            if text in seen:
                continue
            seen.add(text)
            found.append(Suggestion(text, SUGGESTION_TYPES[self.types[entry]], int(self.counts[entry])))
            if len(found) == limit:
                break
        return found

    def street_text(self, key: str) -> str | None:
        """The street, road or community whose key is exactly `key`, as printed; None when there is none."""
        at = bisect_left(self.keys, key)
        while at < len(self.keys) and self.keys[at] == key:
            entry = int(self.entries[at])
            if SUGGESTION_TYPES[self.types[entry]] == "street" and self.scores[at] >= 0:
                return self.texts[entry]
            at += 1
        return None

    def _rows(self, key: str, limit: int, types: Sequence[str] | None) -> list[int]:
        """The best rows whose key starts with `key`, best first, at most limit × TAKE (of the wanted types)."""
        lo = bisect_left(self.keys, key)
        hi = bisect_left(self.keys, key + _HIGH, lo)
        if lo >= hi:
            return []
        typed = types is not None and set(types) != set(SUGGESTION_TYPES)
        rows = self._broad.get(key) if not typed and limit <= self.MAX_LIMIT else None
        if rows is not None:
            return rows
        scores = self.scores[lo:hi]
        if not typed:
            return self._best(lo, scores, limit * self.TAKE)
        wanted = np.isin(self.row_types[lo:hi], [_TYPE_CODE[t] for t in types or ()])
        rows = self._best(lo, np.where(wanted, scores, -1), limit * self.TAKE)
        return [row for row in rows if wanted[row - lo]]


#: What a citizen types after a place to ask whether it is cut (思明区停电, 湖滨南路停水): completed from its first character.
OUTAGE_WORDS = ("停电", "停水", "停气")


def outage_completions(prefix: str, snapshot: SuggestSnapshot, limit: int) -> list[Suggestion]:
    """思明区停 → 思明区停电, 思明区停水; 湖滨南路停水 → itself: a place an outage notice names (a street, road or community
    of the suggestions, or a district) followed by the start of an outage word, completed to the question the search
    box answers (the outage answer above the results). Only a known place: 停 after any word completes nothing."""
    key = suggest_key(prefix)
    for word in OUTAGE_WORDS:
        for cut in range(len(word), -1, -1):  # 0: the place alone (湖滨南路 → 湖滨南路停电 …)
            if key.endswith(word[:cut]) and len(key) - cut >= 2:
                named = _outage_place(key[: len(key) - cut], snapshot)
                if named is not None:
                    typed = word[:cut]
                    return [Suggestion(named + w, "outage", 0) for w in OUTAGE_WORDS if w.startswith(typed)][:limit]
    return []


def _outage_place(key: str, snapshot: SuggestSnapshot) -> str | None:
    """A street of the suggestions, or a district by its name or short name (思明: as typed), whose key is `key`."""
    from gongkai.outage_areas import district_names, without_city

    street = snapshot.street_text(key)
    if street is not None:
        return street
    districts = {suggest_key(d): d for d in district_names()}
    if key in districts:
        return districts[key]
    return key if suggest_key(without_city(key)) in districts else None  # 思明停 → 思明停电 (the answer reads 思明区)


@lru_cache(maxsize=1)
def _opencc_tw2sp() -> Any:
    import opencc

    return opencc.OpenCC("tw2sp")


def _mainland_words(prefix: str) -> str:
    """Taiwan/Hong Kong words typed in Traditional characters as mainland ones (軟體 → 软件, 網路 → 网络);
    folding already makes each character Simplified, not the words. Asked only of text that folding changes."""
    if fold(prefix) == prefix.lower():
        return ""
    return _opencc_tw2sp().convert(prefix)


class Suggester:
    """The vocabulary kept up to date with the store, and the snapshot requests read.

    `rows_since(seq, limit)` reads the store's changed rows above a change number (a short indexed
    read, never the whole table once built); `state()` names what the index shows now.
    """

    def __init__(
        self,
        rows_since: Callable[[int, int], Sequence[SuggestRow]],
        state: Callable[[], Hashable],
        places: Callable[[dict[str, Any] | None], Iterable[str]],
        batch: int = 5000,
        short_names: Mapping[str, Sequence[str]] | None = None,
    ) -> None:
        self._rows_since = rows_since
        self._state = state
        self._batch = batch
        self._vocabulary = SuggestVocabulary(places, short_names)
        self._snapshot: SuggestSnapshot | None = None
        self._built_state: Hashable = object()
        self._lock = threading.Lock()

    def suggest(self, prefix: str, limit: int = 8, types: Sequence[str] | None = None) -> list[Suggestion]:
        found = self.current().lookup(prefix, limit, types)
        if len(found) < limit and (types is None or "outage" in types):
            found += outage_completions(prefix, self.current(), limit - len(found))
        return found

    def current(self) -> SuggestSnapshot:
        """The snapshot for the index state now; while another thread rebuilds it, the previous one."""
        state = self._state()
        snapshot = self._snapshot
        if snapshot is not None and state == self._built_state:
            return snapshot
        # Only the first build makes requests wait; later a request finding a rebuild under way answers from the old snapshot.
        if not self._lock.acquire(blocking=snapshot is None):
            assert snapshot is not None  # a non-blocking acquire is asked only when there is one
            return snapshot
        try:
            if self._snapshot is None or state != self._built_state:
                self._catch_up(state)
            assert self._snapshot is not None
            return self._snapshot
        finally:
            self._lock.release()

    def refresh(self) -> SuggestSnapshot:
        """Catch up now, waiting for a rebuild under way (tests, warm-up at start)."""
        with self._lock:
            self._catch_up(self._state())
            assert self._snapshot is not None
            return self._snapshot

    def _catch_up(self, state: Hashable) -> None:
        vocabulary = self._vocabulary
        changed = 0
        while True:
            rows = self._rows_since(vocabulary.watermark, self._batch)
            changed += vocabulary.apply(rows)
            if len(rows) < self._batch:
                break
        if changed or self._snapshot is None:
            self._snapshot = vocabulary.snapshot()
        self._built_state = state

    def words(self, type_name: str) -> list[str]:
        with self._lock:
            return self._vocabulary.words(type_name)

    def built_from(self) -> int | None:
        """The store change number the suggestions answered now were read up to (web ETags of /api/suggest, clients10):
        the same rows give the same snapshot in every process; None before the first."""
        snapshot = self._snapshot
        return None if snapshot is None else self._vocabulary.watermark

