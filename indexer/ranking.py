"""Re-ranking of the best hits by what BM25 cannot see, and the explanation of every factor.

Tantivy ranks by BM25 plus the boosts the query carries (title, the whole query as typed, entity
intent, notice recency: segment_query.py). Here the top `ranking.rerank_window` hits are scored again:

    final = (tantivy score + proximity) × recency × coverage ** (2 × coverage_weight) × validity

- proximity: `proximity_weight` × the tantivy score × how tightly the segments stand together
  (their total length over the shortest span of the text holding one of each; 1 when adjacent and
  in order, halved when out of order);
- recency (notices only; 1 for documents): 1 + `recency_weight` × 2 ** (−age / `recency_half_life_days`),
  age counted from today: last week's outage notice ×1.5, one of a year ago ×1.25, of 2012 ×1.0;
- coverage (relaxed answers only; 1 otherwise): the share of the query's segments a hit holds, each
  weighted by its rarity (idf), so a hit holding the rare words outranks one holding the common ones; a
  compound word held only by some of the dictionary words it is made of (作息时间 by 时间) counts
  `part_credit` (0.5) times the share of its parts held (understand.with_parts); the query's stop words
  (never required) count too, at `part_credit` times their rarity;
- validity (issue 19): `repealed_factor` (0.5) for a repealed, expired or suspended (暂停执行) document, 1 otherwise, so it ranks
  below a document in force with the same match and is still found. It is applied in tantivy's scoring
  (`demoted`: the query split in two by the status, the repealed half boosted by the factor), so the whole
  result list is in that order, not only the re-ranked window; the tantivy score of a candidate carries it,
  and the re-ranking takes it out of the score before adding proximity (the formula above is unchanged).
- own year (search11): a query typing a year (2021年, 二〇二一年, 今年) asks for the documents of that year: a record whose
  own year it is (its 文号's 〔2021〕, its publication year or a year its title names) is not demoted for its validity (the version of the year
  asked, in force or not) and its score is times `OWN_YEAR_FACTOR`; one printing the year only in its text is not of it
  (厦门市教育局2021年管理办法 listed the 2019 管理办法, whose text plans to 2021年, above the expired 厦教基〔2021〕8号).
"""

from __future__ import annotations

import itertools
import math
import re
import struct
from dataclasses import dataclass, field
from datetime import date

import tantivy
from tantivy import Occur, Query

from gongkai.indexer.printed_days import false_bonuses
from gongkai.indexer.snippets import term_pattern
from gongkai.indexer.understand import Segment
from gongkai.settings import RankingSettings
from gongkai.textnorm import fold


@dataclass
class Candidate:
    score: float  # tantivy's
    address: object
    payload: dict
    final: float = 0.0
    held: list[str] = field(default_factory=list)
    factors: dict = field(default_factory=dict)


class SegmentMatcher:
    """The regexes of each required segment (any alternative), compiled once per query."""

    def __init__(self, segments: list[Segment]) -> None:
        self.segments = segments
        self.patterns: list[list[re.Pattern[str]]] = [
            [_abbreviation_pattern(s)] if s.slop else [p for p in (term_pattern(text) for text in s.alternatives) if p is not None]
            for s in segments
        ]

    def credit(self, folded: str, held: list[int], part_credit: float) -> dict[int, float]:
        """How much of each held segment the text holds: 1 for a form of it (the word as typed, a synonym),
        else `part_credit` times the share of its parts (Segment.parts) the text holds."""
        credit: dict[int, float] = {}
        for n in held:
            segment, patterns = self.segments[n], self.patterns[n]
            forms = len(patterns) - segment.parts if segment.parts and len(patterns) == len(segment.alternatives) else len(patterns)
            if forms >= len(patterns) or any(p.search(folded) for p in patterns[:forms]):
                credit[n] = 1.0
            else:
                parts = patterns[forms:]
                credit[n] = part_credit * sum(1 for p in parts if p.search(folded)) / len(parts)
        return credit

    def positions(self, folded: str) -> list[list[int]]:
        """For each segment, the start offsets of its matches in `folded` (at most 8 each): where a form of it
        stands; only where none does, where its parts (Segment.parts) stand (a part's lone character elsewhere in
        the text says nothing of how close the word itself stands to the others)."""
        found = []
        for segment, patterns in zip(self.segments, self.patterns):
            forms = len(patterns) - segment.parts if segment.parts and len(patterns) == len(segment.alternatives) else len(patterns)
            starts: list[int] = []
            for group in (patterns[:forms], patterns[forms:]):
                for pattern in group:
                    for match in pattern.finditer(folded):
                        starts.append(match.start())
                        if len(starts) >= 8:
                            break
                if starts:
                    break
            found.append(sorted(starts))
        return found


#: The body is read this far for proximity and coverage: enough for where a document says what it is
#: about, and folding and matching 50 whole bodies per query cost more than the search itself.
BODY_CHARS = 1200


def _abbreviation_pattern(segment: Segment) -> re.Pattern[str]:
    """建行 as the index matches it with slop: 建, up to `slop` other characters on the same line, 行."""
    return re.compile(f"{re.escape(segment.text[0])}[^\\n]{{0,{segment.slop}}}?{re.escape(segment.text[1])}")


def hit_text(payload: dict) -> str:
    body = (payload.get("body") or "")[:BODY_CHARS]
    parts = (payload.get("title"), payload.get("doc_number"), payload.get("issuer"), payload.get("summary"), body)
    return fold("\n\n".join(p for p in parts if p))


def closeness(positions: list[list[int]], lengths: list[int]) -> float:
    """1.0 when the held segments stand side by side in query order, less the farther apart they are."""
    held = [(i, starts) for i, starts in enumerate(positions) if starts]
    if len(held) < 2:
        return 0.0
    events = sorted((start, i) for i, starts in held for start in starts)
    need = len(held)
    counts: dict[int, int] = {}
    best: tuple[int, int, int] | None = None  # (span, left, right) over events
    left = 0
    for right, (_, seg) in enumerate(events):
        counts[seg] = counts.get(seg, 0) + 1
        while len(counts) == need:
            span = events[right][0] + lengths[events[right][1]] - events[left][0]
            if best is None or span < best[0]:
                best = (span, left, right)
            first_seg = events[left][1]
            counts[first_seg] -= 1
            if not counts[first_seg]:
                del counts[first_seg]
            left += 1
    assert best is not None
    span, lo, hi = best
    total = sum(lengths[i] for i, _ in held)
    tight = min(1.0, total / max(span, 1))
    order = [seg for _, seg in events[lo : hi + 1]]
    in_order = all(a <= b for a, b in itertools.pairwise(order))
    return tight if in_order else tight / 2


def rerank(
    candidates: list[Candidate],
    matcher: SegmentMatcher,
    weights: list[float],
    ranking: RankingSettings,
    relaxed: bool,
    today: date,
    explain: bool,
    stops: SegmentMatcher | None = None,
    stop_weights: list[float] | None = None,
    holding_all: frozenset[int] = frozenset(),
    days: list[AskedDay] | None = None,
    day_bonus: float = 0.0,
) -> list[Candidate]:
    """Scores `candidates` again (module docstring). `holding_all`: the ids of candidates known to hold every word
    (a filled page's full matches), whose coverage is 1 whatever their first BODY_CHARS show. `days`: an outage
    question's days; a notice printing a window around one (12月7日至9日 for the 8th) gets `day_bonus`, the bonus tantivy
    gave the notices printing the day itself."""
    lengths = [len(s.text) for s in matcher.segments]
    years = years_typed(matcher.segments)
    # The query's stop words (有关, 哪些 …; never required) count in a relaxed answer's coverage at part_credit times
    # their rarity: among hits holding equally much of the words, the one holding 有关 too answers 和电影有关的工作.
    stop_weights = [ranking.part_credit * w for w in stop_weights or []] if stops is not None and relaxed else []
    total_weight = (sum(weights) + sum(stop_weights)) or 1.0
    for candidate in candidates:
        folded = hit_text(candidate.payload)
        positions = matcher.positions(folded)
        published = candidate.payload.get("publish_date")
        for number, segment in enumerate(matcher.segments):
            if not positions[number] and segment.published_in(published):
                positions[number] = [0]  # the date is the record's own publication day
        held = [n for n, starts in enumerate(positions) if starts]
        credit = matcher.credit(folded, held, ranking.part_credit)
        candidate.held = [matcher.segments[n].text for n in held if credit[n] == 1.0]
        close = closeness(positions, lengths)
        validity = validity_factor(ranking, candidate.payload.get("validity"))
        score = candidate.score / validity  # tantivy's score carries the factor (`demoted`): applied once, below
        own = bool(years and years & own_years(candidate.payload, published))
        if own:
            validity, score = 1.0, score * OWN_YEAR_FACTOR
        if days and candidate.payload.get("kind") == "notice" and window_holds(folded, days, published):
            score += day_bonus
        if days and candidate.payload.get("kind") == "notice":
            score -= day_bonus * _false_day_bonuses(candidate.payload, folded, days, published)
        proximity = ranking.proximity_weight * score * close
        stops_held = [n for n, pats in enumerate(stops.patterns) if any(p.search(folded) for p in pats)] if stops is not None and stop_weights else []
        coverage = 1.0
        if relaxed and id(candidate) not in holding_all:
            coverage = (sum(weights[n] * credit[n] for n in held) + sum(stop_weights[n] for n in stops_held)) / total_weight
        recency = recency_factor(ranking, today, published) if candidate.payload.get("kind") == "notice" else 1.0
        candidate.final = (score + proximity) * recency * coverage ** (2 * ranking.coverage_weight) * validity
        if explain:
            title = fold(candidate.payload.get("title") or "")
            candidate.factors = {
                "bm25_and_boosts": round(score, 4),
                "proximity": round(proximity, 4),
                "closeness": round(close, 3),
                "coverage": round(coverage, 3),
                "segments_held": candidate.held,
                "segments_partly_held": [matcher.segments[n].text for n in held if credit[n] < 1.0],
                "stop_words_held": [stops.segments[n].text for n in stops_held] if stops is not None else [],
                "segments_in_title": [matcher.segments[n].text for n in held if any(p.search(title) for p in matcher.patterns[n])],
                "recency": round(recency, 3),
                "validity": candidate.payload.get("validity") or "unknown",
                "validity_factor": round(validity, 3),
                "own_year": own,
                "final": round(candidate.final, 4),
            }
    # Ties go by record id, not by where tantivy happened to put the documents: the same query answers in the same order
    # on every node, after every reindex, and a visitor paging through a reindex does not see a hit twice within the window.
    candidates[:] = settled_by_id(candidates)
    return candidates


#: Scores within this share of each other are one score: tantivy sums BM25 parts as 32-bit floats, in the order its
#: segments give them, so one record scored 303.768796 on one node and 303.768766 on another (one unit in the last
#: place); the absolute millionth this replaced (round(final, 6)) kept them apart, and two nodes paged a tie otherwise
#: (nodes3, session 22, tests/test_nodes_heldout8.py).
TIE_SHARE = 1e-6


def settled_by_id(candidates: list[Candidate]) -> list[Candidate]:
    """`candidates` best first, those scoring alike (within TIE_SHARE of the best of their run, or a millionth) by id."""
    by_score = sorted(candidates, key=lambda c: -c.final)
    keyed, run, top = [], 0, None
    for candidate in by_score:
        if top is not None and top - candidate.final > max(TIE_SHARE * abs(top), 1e-6):
            run, top = run + 1, None
        top = candidate.final if top is None else top
        keyed.append((run, str(candidate.payload.get("id") or ""), candidate))
    return [candidate for _, _, candidate in sorted(keyed, key=lambda item: item[:2])]


@dataclass(frozen=True)
class AskedDay:
    """A day an outage question asks (segment_query.days_asked): its month and day, and for a day said from today the
    publication window of a notice announcing it."""

    month: int
    day: int
    published: tuple[date, date] | None = None
    on: date | None = None  # the day itself (its year read as the question reads it), for the day-alone bonus's window
    digits_year: int | None = None  # the year of its writing in digits (2039-08-26) among the bonus's forms, if any


#: A span of days a notice prints: 12月7日至9日, 12月7日-12月9日, 12月30日—1月2日 (the first day's 日 may be left out).
_PRINTED_WINDOW = re.compile(r"(\d{1,2})月(\d{1,2})[日号]?\s*(?:至|到|-|—|–|－|~|～)+\s*(?:(\d{1,2})月)?(\d{1,2})[日号]")


def window_holds(folded: str, days: list[AskedDay], published: object) -> bool:
    """True when the text prints a window with an asked day inside it (not its first day, nor its last printed with its
    month: tantivy gave those their bonus as phrases); a day said from today only in a notice published within its window."""
    if "月" not in folded:
        return False
    for match in _PRINTED_WINDOW.finditer(folded):
        first = (int(match[1]), int(match[2]))
        last = (int(match[3]) if match[3] else first[0], int(match[4]))
        if last[0] < first[0]:  # across the year's end: 12月30日—1月2日
            last = (last[0] + 12, last[1])
        for asked in days:
            # the last day is no phrase of its own when printed without its month (至9日): it counts here too
            inside = any(first < day < last or (day == last and not match[3]) for day in ((asked.month, asked.day), (asked.month + 12, asked.day)))
            if inside and _published_within(published, asked.published):
                return True
    return False


def _false_day_bonuses(payload: dict, folded: str, days: list[AskedDay], published: object) -> int:
    """The day bonuses tantivy gave the notice for its issue date or another month's same day (printed_days; outages17),
    judged only where the re-rank sees its whole body."""
    if len(payload.get("body") or "") > BODY_CHARS:
        return 0
    try:
        issued = published if isinstance(published, date) else date.fromisoformat(str(published)[:10])
    except ValueError:
        return 0
    asked = {(day.month, day.day): day for day in days}
    return sum(false_bonuses(folded, issued, day.month, day.day, day.on, day.published, day.digits_year) for day in asked.values())


def _published_within(published: object, window: tuple[date, date] | None) -> bool:
    if window is None:
        return True
    try:
        day = published if isinstance(published, date) else date.fromisoformat(str(published)[:10])
    except ValueError:
        return False
    return window[0] <= day <= window[1]


#: Statuses that say a document does not apply now (amended documents apply in their amended form): repealed, expired,
#: and suspended (暂停执行, validity3: not applied until resumed, so below one in force with the same match, still found)
DEMOTED_STATUSES = frozenset({"repealed", "expired", "suspended"})


#: A record of the year the query types scores this many times its match (module docstring: own year).
OWN_YEAR_FACTOR = 1.25
_YEAR_FORM_RE = re.compile(r"((?:19|20)\d{2})年")
_BARE_YEAR_RE = re.compile(r"(?:19|20)\d{2}")
_DOC_NUMBER_YEAR_RE = re.compile(r"〔((?:19|20)\d{2})〕")
#: A year a title names: 2021年, or four digits as the title's own word (2014全国两会政府工作报告, 最新版2021: as a query types a
#: year bare, search13), not a count (2000元, 1998条) nor digits of a longer run (2021mp3, 12021)
_TITLE_YEAR_RE = re.compile(r"(?<![0-9A-Za-z.])((?:19|20)\d{2})(?=年|(?![0-9A-Za-z.]|[号条款项章期届次批元万亿千百个楼层室栋多余米平人户件台辆吨份家名只位度天周岁]))")


def years_typed(segments: list[Segment]) -> frozenset[int]:
    """The years the query's date segments name alone (2021年, 二〇二一年, 今年: a year's writings, no month or day), and four
    digits 1900-2099 typed as a word of their own beside Chinese words (12345热线 2010 专项检查: an ASCII run, matched as
    typed, yet asked as that year; search15: the expired 2010 document asked was demoted below another 2010 专项检查)."""
    years = set()
    beside_words = any(not segment.text.isascii() for segment in segments)
    for segment in segments:
        if beside_words and segment.kind == "ascii" and _BARE_YEAR_RE.fullmatch(segment.text):
            years.add(int(segment.text))
        if segment.kind == "date" and (segment.day is None or segment.until is not None):
            for text in segment.alternatives:
                if match := _YEAR_FORM_RE.fullmatch(text):
                    years.add(int(match[1]))
            if segment.day is not None and segment.until == date(segment.day.year, 12, 31) and segment.day == date(segment.day.year, 1, 1):
                years.add(segment.day.year)  # a whole year (今年, a bare 2021)
    return frozenset(years)


def own_years(payload: dict, published: date | None) -> set[int]:
    """A record's own years: its 文号's (集政办〔2021〕3号), the year it was published (2022-01-07) and a year its title
    names (厦门市财政局2021年政府信息公开工作年度报告, published 2022-01-20: a year's report, 决算 or 总结 comes out the next
    year, so 财政局2021年年度报告 listed the 2020 report, published in 2021, above it; review s17): each is asked so."""
    numbered = {int(m) for m in _DOC_NUMBER_YEAR_RE.findall(payload.get("doc_number") or "")}
    years = numbered | {int(m) for m in _TITLE_YEAR_RE.findall(fold(payload.get("title") or ""))}
    # A numbered document is of its 文号's year: its publication day may be a later posting (gov.cn posted 国办发〔1997〕2号
    # in 2018; 国办发〔2018〕129号 on 2019-01-14 was no 2019 指导意见 above 国办发〔2019〕6号, search13)
    return years | {published.year} if published is not None and not numbered else years


def validity_factor(ranking: RankingSettings, status: str | None) -> float:
    return ranking.repealed_factor if status in DEMOTED_STATUSES else 1.0


def demoted(schema: tantivy.Schema, query: Query, factor: float) -> Query:
    """`query` scored as before, except that a repealed or expired document's score is multiplied by `factor`:
    (query, not demoted) or (query, demoted) × factor. The two halves match disjoint documents, so each
    document's score is its one half's; the status clause selects and adds nothing (a constant score of 0).
    Tantivy orders every match by it, so a page past the re-ranked window keeps the order too."""
    if factor == 1.0:
        return query
    status = demoted_status(schema)
    kept = Query.boolean_query([(Occur.Must, query), (Occur.MustNot, status)])
    lowered = Query.boolean_query([(Occur.Must, query), (Occur.Must, status)])
    return Query.boolean_query([(Occur.Should, kept), (Occur.Should, Query.boost_query(lowered, factor))])


@dataclass(frozen=True)
class Demotion:
    """`demoted` applied after a search as well as inside it (qspeed3): the score tantivy's `demoted` query gives a
    record of a demoted status, to lower a hit found by the query itself. A relaxed step's at-least-k scorer cannot seek, so
    each half of `demoted` walks every record holding a word: searching the query once and demoting its best hits
    afterwards (candidates.demoted_top) walks it once."""

    schema: tantivy.Schema
    factor: float

    def __call__(self, query: Query) -> Query:
        return demoted(self.schema, query, self.factor)

    def status(self) -> Query:
        return demoted_status(self.schema)

    @property
    def exact(self) -> bool:
        """Whether `lowered` is to the bit what tantivy scores: a factor that is a power of two (0.5) scales every part of
        a sum exactly, wherever tantivy applies it; another (0.3) rounds the parts or the sum, and differed by one unit
        in the last place of 32 bits in 7 of 59 hits of a test (tests/test_search_relaxed_demoted.py)."""
        return 0.0 < self.factor < 1.0 and math.frexp(self.factor)[0] == 0.5  # (and it lowers: demoted_top's bound)

    def lowered(self, score: float) -> float:
        """The score `demoted` gives a demoted record scoring `score` (to the bit when `exact`)."""
        return _f32(_f32(score) * _f32(self.factor))


def _f32(value: float) -> float:
    return float(struct.unpack("<f", struct.pack("<f", value))[0])


def demoted_status(schema: tantivy.Schema) -> Query:
    """The records of a demoted status, scoring 0."""
    # A union of term queries, not a term set: a term set builds an FST of its terms and marks its matches in a bit set
    # as large as the index, for every search it is part of (4-5% of a segmented query's CPU at 100,000 records).
    return Query.const_score_query(
        Query.boolean_query([(Occur.Should, Query.term_query(schema, "validity", s)) for s in sorted(DEMOTED_STATUSES)]), 0.0
    )


def recency_factor(ranking: RankingSettings, today: date, published: date | None) -> float:
    if published is None:
        return 1.0
    age = max(0, (today - published).days)
    return 1.0 + ranking.recency_weight * 2 ** (-age / ranking.recency_half_life_days)


def idf(doc_freq: int, docs: int) -> float:
    return math.log(1 + (docs - doc_freq + 0.5) / (doc_freq + 0.5))


def near_title_phrases(segments: list[Segment]) -> tuple[str, ...]:
    """The query's words but its last, run together (国务院工作规则附件 → 国务院工作规则): a title holding it is the
    document typed with one word more (probe5). Three words at least and six characters: shorter phrases, or the
    query but its first word, moved bench/search_quality.py's NDCG@10 down (0.6658 → 0.6649 … 0.6655)."""
    texts = [s.text for s in segments if not s.stop]
    if len(texts) < 3:
        return ()
    phrases = ["".join(texts[:-1])]
    if len(texts) >= 4 and texts[-1][-2:] in DOCUMENT_KINDS and texts[-2] in KIND_QUALIFIERS:
        # the kind typed in two words (指导 + 意见, 管理 + 办法): the query but both (search11)
        phrases.append("".join(texts[:-2]))
    return tuple(phrase for phrase in phrases if len(phrase) >= 6)


#: The kinds of document a query's last word may name (指导意见, 管理办法, 实施方案 …), by their last two characters.
DOCUMENT_KINDS = frozenset(("意见", "办法", "方案", "规定", "通知", "计划", "规划", "细则", "条例", "决定", "批复", "报告", "公告",
                            "通告", "措施", "规则", "纲要", "预案"))


#: What a kind of document is said with (指导意见, 管理办法, 实施方案, 三年行动计划): the segmenter cuts them apart.
KIND_QUALIFIERS = frozenset(("指导", "实施", "管理", "暂行", "行动", "三年", "工作", "若干", "应急", "试行", "专项", "有关"))


def typed_kind(segments: list[Segment]) -> str:
    """The kind of document the query's last word names (关于港口物流发展的指导意见: 意见), or ''."""
    texts = [s.text for s in segments if not s.stop]
    kind = texts[-1][-2:] if texts else ""
    return kind if kind in DOCUMENT_KINDS else ""


def kind_subject(segments: list[Segment]) -> tuple[str, ...]:
    """The words a query names a document's subject with, when its last word names a kind of document (关于政务公开工作的
    指导意见: 政务公开, 工作; 厦门市12345热线管理办法: 厦门市, 12345, 热线), or () (search12). Two words at least."""
    texts = [s.text for s in segments if not s.stop]
    if not typed_kind(segments):
        return ()
    subject = texts[:-2] if len(texts) >= 4 and texts[-2] in KIND_QUALIFIERS else texts[:-1]
    return tuple(subject) if len(subject) >= 2 else ()


def typed_qualifier(segments: list[Segment]) -> str:
    """The word a kind of document is said with, typed before it (政务公开工作管理规定: 管理), or ''."""
    texts = [s.text for s in segments if not s.stop]
    if typed_kind(segments) and len(texts) >= 2:
        if len(texts[-1]) >= 4 and texts[-1][:2] in KIND_QUALIFIERS:  # one word: 管理办法, 指导意见
            return texts[-1][:2]
        if len(texts) >= 4 and texts[-2] in KIND_QUALIFIERS:  # as kind_subject reads it
            return texts[-2]
    return ""


def title_holds_in_order(title: str, words: tuple[str, ...]) -> int:
    """Where the last of `words` ends in `title`, each found after the one before it (another word may stand between:
    厦门市12345便民服务热线 holds 厦门市, 12345, 热线), or -1."""
    at = 0
    for word in words:
        found = title.find(word, at)
        if found < 0:
            return -1
        at = found + len(word)
    return at


def partial_order(candidate: Candidate, partial: bool, phrases: tuple[str, ...], kind: str = "",
                  subject: tuple[str, ...] = (), qualifier: str = "") -> int:
    """Where a hit goes on a first page filled with partial matches: a title holding the query but its last word
    first (a partial match too: 国务院工作规则 for 国务院工作规则附件 was below a record holding the words scattered),
    then the other full matches, then the other partial ones. Among the titles holding the query but its last word, one
    whose kind, after it, is the kind that word names (`kind`: 意见) comes first: the document asked, its kind said
    otherwise (search11; search10 left 关于港口物流发展的指导意见, whose one full match is a 通知 holding 指导意见 in its
    text, above the title 关于港口物流发展的实施意见). A notice is placed by its match alone: its printed title is a layout
    (遗失声明, or its holder and items) and the rule read it (search16: 营业执照副本遗失 put a declaration of 2019 titled
    …遗失营业执照副本声明 above last month's titled 遗失声明, which the index searches by its items as well)."""
    if (phrases or subject) and candidate.payload.get("kind") != "notice":
        title = fold(candidate.payload.get("title") or "")
        # the subject's words in the title's order, others between them allowed (search12: 厦门市12345热线管理办法 for
        # 厦门市12345便民服务热线管理实施方案), with the kind typed after them, or the word a kind is said with right after
        # them (管理规定 typed, 管理办法 printed): the document asked, its kind said otherwise
        end = title_holds_in_order(title, subject) if subject else -1
        if end >= 0 and ((kind and kind in title[end:]) or (qualifier and title.startswith(qualifier, end))):
            return -1
        for phrase in phrases:
            at = title.find(phrase)
            if at >= 0:
                return -1 if kind and kind in title[at + len(phrase):] else 0
    return 2 if partial else 1
