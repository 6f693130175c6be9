"""Snippets: the best window of a document's text around the query's matches, matches marked.

Matching happens on folded text (gongkai.textnorm.fold), which has the same length as the
original, so the offsets found there cut and mark the ORIGINAL text: a query 停电 highlights
停電 in a Traditional-character notice. A query term matches the way the index matches it: its
tokens in order, with the same punctuation gaps, so 厦府[2014]12号 highlights 厦府〔2014〕12号.
All offsets are Python str indices, never UTF-8 byte offsets.
"""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from gongkai.indexer.analysis import PUNCT_CLASS, compatibility_forms, positioned_tokens
from gongkai.indexer.query_builder import ASCII_PART_MAX, ASCII_PART_MIN
from gongkai.textnorm import fold

_ELLIPSIS = "…"


@dataclass(frozen=True)
class Snippet:
    html: str  # matches in <em>..</em>, the rest HTML-escaped
    text: str  # matches in 【..】


@lru_cache(maxsize=4096)  # pure; asked for each hit of a page and each re-ranked candidate, for the same terms
def term_pattern(term: str) -> re.Pattern[str] | None:
    """A regex matching `term` in folded text the way the index does, or None if it has no tokens.

    Between two tokens: any whitespace, and exactly as many punctuation characters as the query
    has there (the index counts one position per punctuation character).
    """
    tokens = positioned_tokens(term)
    if not tokens:
        return None
    parts = []
    previous = None
    last = len(tokens) - 1
    for number, (position, token) in enumerate(tokens):
        if previous is not None:
            parts.append(r"\s*" + f"(?:{PUNCT_CLASS}\\s*)" * (position - previous - 1))
        piece = re.escape(token)
        if token[0].isascii():
            # An ASCII run is a whole token inside the query (12 in 厦府〔2014〕12号 must not match inside
            # 120), but at its edges it may continue in the text, as the index matches it (query_builder).
            part = ASCII_PART_MIN <= len(token) <= ASCII_PART_MAX
            if not (part and number == 0):
                piece = f"(?<![0-9A-Za-z]){piece}"
            if not (part and number == last):
                piece = f"{piece}(?![0-9A-Za-z])"
        forms = compatibility_forms(token)
        if forms:  # the index reads ① as 1 and ㈠ as 一: mark them where they are printed
            piece = f"(?:{piece}|[{re.escape(forms)}])"
        parts.append(piece)
        previous = position
    return re.compile("".join(parts), re.IGNORECASE)  # fold leaves full-width Ａ as A


def compile_terms(terms: list[str]) -> list[re.Pattern[str]]:
    patterns = [term_pattern(term) for term in terms]
    return [p for p in patterns if p is not None]


def find_matches(text: str, patterns: list[re.Pattern[str]]) -> list[tuple[int, int, int]]:
    """(start, end, pattern number) of every match in `text`, sorted, overlaps merged."""
    folded = fold(text)
    found = sorted(
        (m.start(), m.end(), number) for number, p in enumerate(patterns) for m in p.finditer(folded) if m.end() > m.start()
    )
    merged: list[tuple[int, int, int]] = []
    for start, end, number in found:
        if merged and start <= merged[-1][1]:
            last = merged[-1]
            merged[-1] = (last[0], max(last[1], end), last[2])
        else:
            merged.append((start, end, number))
    return merged


#: Courtesy and closing formulas of notices (停电期间给您带来不便，敬请谅解): a match in a sentence with one
#: of them says nothing about this notice, so a window of such matches is the last choice.
BOILERPLATE_RE = re.compile(r"不便|谅解|敬请|感谢|支持与配合|理解与支持|特此|如有疑问|请用户做好|请勿")
_SENTENCE_END = re.compile(r"[。！？；;\n]")


def boilerplate_flags(text: str, matches: list[tuple[int, int, int]]) -> list[bool]:
    """For each match: is it inside a sentence of boilerplate?"""
    ends = [m.start() for m in _SENTENCE_END.finditer(text)]
    flags = []
    for start, end, _ in matches:
        before = bisect.bisect_left(ends, start)
        left = ends[before - 1] + 1 if before else 0
        after = bisect.bisect_left(ends, end)
        sentence = text[left : ends[after] if after < len(ends) else len(text)]
        flags.append(BOILERPLATE_RE.search(sentence) is not None)
    return flags


def _boilerplate_floor(text: str) -> Callable[[int], int]:
    """Where the lead of a snippet may start at the latest: after the last boilerplate sentence before a match."""
    ends = [m.start() for m in _SENTENCE_END.finditer(text)]

    def floor(position: int) -> int:
        at = bisect.bisect_left(ends, position)
        while at > 0:
            left = ends[at - 2] + 1 if at > 1 else 0
            if BOILERPLATE_RE.search(text, left, ends[at - 1]):
                return ends[at - 1] + 1
            at -= 1
            if position - ends[at] > 60:  # only the sentences the lead could reach
                break
        return 0

    return floor


def best_window(
    matches: list[tuple[int, int, int]], text_length: int, width: int, boilerplate: list[bool] | None = None,
    floor: Callable[[int], int] | None = None,
) -> tuple[int, int]:
    """The [start, end) of about `width` characters holding the most distinct terms outside boilerplate,
    then the most matches outside boilerplate, then the fewest inside it, then the most distinct terms.

    A match is never cut in two: the window grows to the end of a match that starts inside it.
    """
    if not matches:
        return 0, min(width, text_length)
    flags = boilerplate or [False] * len(matches)
    best_key, best_span = (-1, -1, -1, -1), (matches[0][0], matches[0][1])
    right = 0
    for left, (start, _, _) in enumerate(matches):
        right = max(right, left)
        while right + 1 < len(matches) and matches[right + 1][1] - start <= width:
            right += 1
        inside = matches[left : right + 1]
        plain = [m for m, flag in zip(inside, flags[left : right + 1]) if not flag]
        key = (len({m[2] for m in plain}), len(plain), len(plain) - len(inside), len({m[2] for m in inside}))
        if key > best_key:
            best_key, best_span = key, (start, max(m[1] for m in inside))
    first, last = best_span
    # Show a little of what leads up to the first match, as far as the window has room, and not
    # from an earlier sentence when that one is boilerplate.
    lead = max(0, min(width // 4, width - (last - first), first))
    if floor is not None:
        lead = min(lead, max(0, first - floor(first)))
    start = max(0, min(first - lead, text_length - width))
    for match_start, match_end, _ in matches:  # never open in the middle of an earlier match
        if match_start < start < match_end:
            start = match_start
    end = min(text_length, start + width)
    for match_start, match_end, _ in matches:
        if match_start < end < match_end:
            end = match_end
    return start, end


def make_snippet(text: str, terms: list[str], width: int) -> Snippet | None:
    """The snippet of `text` for the query `terms`; None when no term occurs in it."""
    patterns = compile_terms(terms)
    matches = find_matches(text, patterns) if patterns else []
    if not matches:
        return None
    flags = boilerplate_flags(text, matches)
    start, end = best_window(matches, len(text), width, flags, _boilerplate_floor(text) if any(flags) else None)
    return render(text, start, end, [(s, e) for s, e, _ in matches if s < end and e > start])


def leading_snippet(text: str, width: int) -> Snippet:
    """The start of `text` without highlights (for a hit matched by title or metadata only)."""
    return render(text, 0, min(len(text), width), [])


def render(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> Snippet:
    html_parts: list[str] = []
    text_parts: list[str] = []
    if start > 0:
        html_parts.append(_ELLIPSIS)
        text_parts.append(_ELLIPSIS)
    cursor = start
    for span_start, span_end in spans:
        span_start, span_end = max(span_start, start), min(span_end, end)
        plain, marked = _flat(text[cursor:span_start]), _flat(text[span_start:span_end])
        html_parts += [html.escape(plain), "<em>", html.escape(marked), "</em>"]
        text_parts += [plain, "【", marked, "】"]
        cursor = span_end
    tail = _flat(text[cursor:end])
    html_parts.append(html.escape(tail))
    text_parts.append(tail)
    if end < len(text):
        html_parts.append(_ELLIPSIS)
        text_parts.append(_ELLIPSIS)
    return Snippet(html="".join(html_parts), text="".join(text_parts))


def _flat(text: str) -> str:
    """Line breaks become spaces: a snippet is one line (same length, so offsets still hold)."""
    return text.replace("\n", " ")
