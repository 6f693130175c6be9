"""The parts of a natural-language search that need the index but not the request: which clauses are
understood (segmented), the domain word list in use, the step-down of a relaxed query, the weights of
segments, did-you-mean. SearchIndex.search runs them; the CLI, the API, the page and the Atom feed all
search through it, so they behave alike.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache

import tantivy

from gongkai.dates import beijing_today, date_spans
from gongkai.identifiers import DOC_NUMBER_RE, LOOSE_DOC_NUMBER_RE
from gongkai.indexer.analysis import han_bigrams, positioned_tokens
from gongkai.indexer.query import Clause
from gongkai.indexer.ranking import idf
from gongkai.indexer.understand import Rules, Segment, Understood, characters, finer, understand
from gongkai.indexer.vocabulary import DomainVocabulary, build_vocabulary, kind_suffix
from gongkai.outage_areas import area_groups
from gongkai.settings import SearchSettings
from gongkai.textnorm import fold


class Understanding:
    """Query understanding with the current domain word list (replaced whole when the store changes)."""

    def __init__(self, settings: SearchSettings) -> None:
        self.settings = settings
        self.rules = Rules(settings.stop_words, settings.synonyms, settings.loose_lost_words, settings.lost_items,
                           settings.request_words)
        # and 岛内/厦门岛内 … (gongkai.outage_areas.area_groups) kept whole: 厦门岛内 is no 厦门岛 + 内
        self._synonym_words = [w for group in settings.synonyms for w in group] + [n for g in area_groups() for n in g.names]
        self._lock = threading.Lock()
        self.vocabulary = build_vocabulary([], [], [], self._synonym_words)
        self.version = 0  # part of the result cache key: another word list may segment a query otherwise

    def set_vocabulary(self, vocabulary: DomainVocabulary) -> None:
        vocabulary.extra |= {fold(w) for w in self._synonym_words}
        vocabulary.rebuild()
        with self._lock:
            self.vocabulary = vocabulary
            self.version += 1
            self._understand_cached.cache_clear()

    def understand_clauses(self, clauses: list[Clause]) -> dict[int, Understood]:
        """The positive, unquoted, unfielded word clauses that are not one identifier, understood."""
        found: dict[int, Understood] = {}
        # The whole query: another clause may make 下周 an outage question's day or 掉了 a lost item's (understand)
        query = " ".join(clause.text for clause in clauses if clause.field is None and not clause.negated)
        for number, clause in enumerate(clauses):
            # A date typed with dashes (2024-05-08) is shaped like a 索引号: understood as the date it is.
            is_date = clause.identifier == "index_number" and _is_date(clause.text)
            if clause.field is None and not clause.negated and not clause.quoted and (clause.identifier is None or is_date):
                plan = self._understand_cached(clause.text, query, self.version, beijing_today().year)
                if plan.segments:
                    found[number] = plan
        # Stop words are required only when the whole query has nothing else, not when one clause has not
        if any(not s.stop for plan in found.values() for s in plan.segments):
            found = {n: plan if any(not s.stop for s in plan.segments) else replace(plan, alone=False) for n, plan in found.items()}
        return found

    @lru_cache(maxsize=4096)  # noqa: B019 (one Understanding per index, cleared with each new word list)
    def _understand_cached(self, text: str, query: str, version: int, year: int) -> Understood:
        # `version` in the key: a search racing a new word list never files an old segmentation under it; `year`:
        # 今年 is another year on 1 January.
        return understand(text, self.vocabulary, self.rules, query, year)

    def finer(self, understood: dict[int, Understood], level: int = 1) -> dict[int, Understood] | None:
        """The understood clauses in smaller pieces (level 1: understand.finer, 2: understand.characters),
        or None when none gets smaller."""
        split = finer if level == 1 else characters
        smaller = {number: split(plan, self.rules) for number, plan in understood.items()}
        if all(plan is None for plan in smaller.values()):
            return None
        return {number: smaller[number] or plan for number, plan in understood.items()}

    def places(self, understood: dict[int, Understood]) -> list[str]:
        """The place and company names among the required segments (entity intent)."""
        vocab = self.vocabulary
        return [s.text for plan in understood.values() for s in plan.required if s.kind == "name" and vocab.is_place_or_company(s.text)]

    def issuers(self, understood: dict[int, Understood]) -> list[tuple[str, str]]:
        """(issuer, the form typed) for each issuer a required segment names, itself or by its name without the place
        (any form of it: 市场监管局 by 市场监督管理局): their own documents score as if the title named them."""
        vocab = self.vocabulary
        named = []
        for plan in understood.values():
            words = [s for s in plan.required if s.kind in ("word", "name") and not s.stop]
            for segment in words:
                if len(segment.text) >= 3:
                    form = next((f for f in segment.alternatives if vocab.issuers_named(f)), None)
                    if form is not None:
                        named += [(printed, form) for issuer in vocab.issuers_named(form) for printed in vocab.printed(issuer)]
            named += [(printed, said) for issuer, said in _issuers_said_in_pieces(words, fold(plan.whole), vocab)
                      for printed in vocab.printed(issuer)]
        typed: dict[str, str] = {}  # one bonus an issuer, by the most it was typed with (厦门 财政局, not 财政局 too)
        for issuer, form in named:
            if len(form.replace(" ", "")) > len(typed.get(issuer, "").replace(" ", "")):
                typed[issuer] = form
        return list(typed.items())


def _issuers_said_in_pieces(words: list[Segment], whole: str, vocab: DomainVocabulary) -> list[tuple[str, str]]:
    """(issuer, its pieces as typed, apart) for an issuer typed with its place said short, which the segmenter cuts (厦门财政局:
    厦门 + 财政局; 思明教育局; 湖里区政府): two or three segments standing together in the query that name it together
    (vocabulary.issuers_named). Its pieces score its own documents as the title pairs each holds."""
    named = []
    for size in (3, 2):
        for at in range(len(words) - size + 1):
            pieces = [segment.text for segment in words[at:at + size]]
            if "".join(pieces) in whole and (issuers := vocab.issuers_named("".join(pieces))):
                named += [(issuer, " ".join(pieces)) for issuer in issuers]
    return named


def _is_date(text: str) -> bool:
    spans = date_spans(fold(text))
    return len(spans) == 1 and spans[0][0] == 0 and spans[0][1] == len(text.strip())


def segment_weights(searcher: tantivy.Searcher, segments: list[Segment]) -> list[float]:
    """The rarity (idf) of each segment, from the index's own term statistics: the rarest Han pair of
    each of its forms, else its rarest term, summed over the forms (an upper bound of the records holding
    any of them). Cheap dictionary lookups, no search. By its first form alone, `二〇一四年停车管理` (forms
    二〇一四年 | 2014年) weighed the year as rare as its Chinese numerals and answered by 2014年 without 停车,
    while `2014年停车管理` answered by 停车管理 without the year: the same segment, two rarities."""
    docs = max(searcher.num_docs, 1)
    weights = []
    for segment in segments:
        freq, read = 0, False
        for form in segment.alternatives:
            tokens = positioned_tokens(form)
            pairs = han_bigrams(tokens)
            if pairs:
                freq += min(searcher.doc_freq("all_bigrams", p) for p in pairs)
            elif tokens:
                freq += min(searcher.doc_freq("all_text", t) for _, t in tokens)
            read = read or bool(tokens)
        weights.append(idf(min(freq, docs) if read else docs, docs))
    return weights


def dates_below_topics(segments: list[Segment], weights: list[float], share: float) -> list[float]:
    """The weights of a relaxed answer's coverage with each date segment (a year, a month, a day typed) weighing at most
    `share` (part_credit) of the heaviest other word: a date narrows a topic and never outweighs it. `厦门市2016年食品安全`
    (no 2016 record on 食品安全) listed every 2016 record before the 食品安全 document: 2016年 weighed twice 食品安全, whose
    weight counts its parts (安全, common), and a record of 2016 holding 安全 partly beat the one on the topic (search14)."""
    topics = [w for segment, w in zip(segments, weights, strict=True) if segment.kind != "date"]
    if not topics or len(topics) == len(weights):
        return weights
    cap = share * max(topics)
    return [min(w, cap) if segment.kind == "date" else w for segment, w in zip(segments, weights, strict=True)]


def best_minimum(count: Callable[[int], int], required: int) -> int | None:
    """The largest number of segments (below all of them) that some record holds: a binary search over
    minimum-should-match, whose counts only fall as it rises. None when not even one segment matches."""
    low, high, best = 1, required - 1, None
    while low <= high:
        middle = (low + high) // 2
        if count(middle) > 0:
            best, low = middle, middle + 1
        else:
            high = middle - 1
    return best


@lru_cache(maxsize=1)
def _to_mainland():
    import opencc

    # Taiwan/Hong Kong words to mainland ones (軟體 → 软件, 網路 → 网络): folding already makes every
    # Traditional character Simplified, but not the words.
    return opencc.OpenCC("tw2sp")


def spelling_alternatives(query: str, understood: dict[int, Understood], vocabulary: DomainVocabulary) -> list[str]:
    """Other spellings to offer for a query that found nothing, best first (not yet checked for hits)."""
    offers: list[str] = []
    mainland = _to_mainland().convert(query)
    if fold(mainland) != fold(query):
        offers.append(mainland)
    for plan in understood.values():
        whole = fold(plan.whole)
        offers.extend(fold(query).replace(whole, near, 1) for near in vocabulary.near(whole))
        for segment in plan.segments:
            if segment.kind in ("word", "name") and not segment.stop:
                for near in vocabulary.near(segment.text):
                    offers.append(fold(query).replace(segment.text, near, 1))
    offers.extend(_near_names_inside(fold(query), vocabulary))
    offers.extend(_near_doc_numbers(query, vocabulary))
    return list(dict.fromkeys(o for o in offers if o.strip() and o != query))


_LONE_HAN_RE = re.compile(r"[\u4e00-\u9fff]")


def lone_characters(typed: str, understood: dict[int, Understood]) -> frozenset[int]:
    """Where `typed` (folded) holds a segment of one Han character, no stop word, glued to the word before it (厦门市教育据:
    据 after 教育; 国务院办公听: 听): a character typed for another of its sound is often one the segmenter leaves alone,
    and one so common that records hold it anywhere, so the query is answered and no spelling offered (search11)."""
    at: set[int] = set()
    for plan in understood.values():
        for before, segment in zip(plan.segments, plan.segments[1:]):
            if (segment.kind == "word" and not segment.stop and _LONE_HAN_RE.fullmatch(segment.text)
                    and len(before.text) > 1 and not before.stop and before.kind in ("word", "name")):
                glued = typed.find(before.text + segment.text)
                if glued >= 0:
                    at.add(glued + len(before.text))
    return frozenset(at)


def names_over(text: str, position: int, vocabulary: DomainVocabulary) -> bool:
    """Whether a name of the word list, of three characters or more, covers text[position]."""
    return any((word := vocabulary.longest_at(text, start)) is not None and len(word) >= 3 and start + len(word) > position
               for start in range(max(0, position - 15), position + 1))


def changed_at(typed: str, other: str) -> int:
    """The one position where `other` differs from `typed`, of the same length; -1 otherwise."""
    if len(typed) != len(other):
        return -1
    differing = [n for n, (a, b) in enumerate(zip(typed, other)) if a != b]
    return differing[0] if len(differing) == 1 else -1


def _near_doc_numbers(query: str, vocabulary: DomainVocabulary) -> list[str]:
    """厦府办发〔2014〕6号 → 厦府办〔2014〕6号: a 文号 whose issuer prefix is one character from a known prefix (the 发 of
    厦府发 typed into 厦府办's); the prefix as its longest known ending (the prose before it, 请问, stays)."""
    offers = []
    folded = fold(query)
    for pattern in (DOC_NUMBER_RE, LOOSE_DOC_NUMBER_RE):
        for match in pattern.finditer(folded):
            typed = match["prefix"]
            if any(typed.endswith(p) for p in vocabulary.doc_prefixes):
                continue  # a known prefix: the 文号 is as printed, the serial or year is what is not found
            for start in range(len(typed) - 1):
                near = vocabulary.near_doc_prefixes(typed[start:])
                if near:
                    at = match.start("prefix") + start
                    offers += [folded[:at] + p + folded[match.end("prefix"):] for p in near]
                    break
    return offers


def _near_names_inside(query: str, vocabulary: DomainVocabulary) -> list[str]:
    """湖宾南路停电 → 湖滨南路停电: a misspelt name the segmenter cut in pieces (湖宾 + 南路) is none of the query's segments;
    its near names are found by the query's own substrings, longest first (at most 8 characters, one name replaced)."""
    offers: list[str] = []
    for length in range(min(8, len(query)), 2, -1):
        for start in range(len(query) - length + 1):
            piece = query[start:start + length]
            if _cuts_a_kind(query, start + length):
                continue  # 新阳街|道: the piece's kind is the word's (街道), not its last character's
            # a kind slipped (新阳陆停电: 新阳路) only before a known word or at the end: 思明停电's 思明停 is no 思明区
            slip = start + length == len(query) or vocabulary.longest_at(query, start + length) is not None
            for near in vocabulary.near(piece, limit=2, kind_slip=slip):
                if near not in query:
                    offers.append(query[:start] + near + query[start + length:])
        if offers:
            return offers
    return offers


def _cuts_a_kind(query: str, end: int) -> bool:
    """Whether a piece of `query` ending at `end` stops inside a kind suffix of two or more characters (街道, 社区)."""
    for extra in (1, 2):
        suffix = kind_suffix(query[max(0, end - 3):end + extra]) if end + extra <= len(query) else ""
        if len(suffix) > extra:
            return True
    return False
