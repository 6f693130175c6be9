"""Ties at the edge of the re-ranked window, settled by what the records hold (search17; ties2: without a second search).

tantivy's top-k breaks equal scores by document address, and an address depends on how the index was built (a writer
of several threads puts records into segments in whatever order its threads take them; merges reorder segments; two
nodes ingest in other batches), so which of the records scoring alike at the window's edge were re-ranked changed from
one build of the same records to the next: `chinaguosongcom` (3.75 for every title holding …com) listed other titles
3rd-10th. Here the records scoring as the window's last are chosen by the smallest ids among every record scoring so:
the window depends on the records only (up to TIE_DEPTH records deep).

The window's own search is asked for TIE_MARGIN hits more than the window holds (`window_of`): when the records tied
with its last end among them (or nothing past the window ties it), the window is settled from those in hand, without a
second search; only a tie group running past them is looked for by a deeper search of the query (ties2, session 22;
search17 ran one TIE_DEPTH deep whenever the window's last two tied: 16-25 ms of a broad query at 100,000 records, so it
was off by default). A page past the window orders records scoring alike by id too (`page_of`).
"""

from __future__ import annotations

from collections.abc import Callable

import tantivy

from gongkai.indexer.schema import decode_payload

#: How deep the records tied with the window's last are looked for (beyond: the group's first in the search's order)
TIE_DEPTH = 1000
#: How many hits past the window its own search is asked for, to see where a tie at its edge ends (ties2, at 100,000
#: records, the bench's 147 windows tied at their edge: the group ended within 10 past it in 95, within 30 in 129; the
#: extra hits cost most where the candidates' phrase check reads them: see README *What ties2 read*)
TIE_MARGIN = 10
#: A group running past the hits in hand is looked for this many times as deep first, then TIE_DEPTH deep: a search of a
#: common word prunes less the deeper it goes (通知 at 100,000 records: 6 ms 1,000 deep for a group of 19 past the window)
DEEPER = 4

Hit = tuple[float, tantivy.DocAddress]
Payloads = dict[tuple[int, int], dict]


def record_id(searcher: tantivy.Searcher, address: tantivy.DocAddress, payloads: Payloads) -> str:
    """A hit's record id, its payload read once (kept in `payloads` for the answer)."""
    key = (address.segment_ord, address.doc)
    payload = payloads.get(key)
    if payload is None:
        payload = payloads[key] = decode_payload(searcher.doc(address).get_first("payload"))
    return str(payload.get("id") or "")


def window_of(
    searcher: tantivy.Searcher, hits: list[Hit], window: int, asked: int, payloads: Payloads,
    deeper: Callable[[int], list[Hit]],
) -> list[Hit]:
    """The first `window` of `hits` (a search's best `asked`, more than the window, in its order; fewer: every match),
    the records scoring as the window's last chosen by id among every record scoring so: from `hits` when the group ends
    within them, else from `deeper(depth)` (the query's best so many: DEEPER times those in hand, then TIE_DEPTH; beyond
    them: the group's first in its order). A
    relaxed answer's window is scored by its parts summed (segment_query.Plan.summed): where the query scores its records
    otherwise, the window is left as found."""
    first = hits[:window]
    if len(hits) <= window or float(hits[window][0]) != float(hits[window - 1][0]):
        return first  # every match is in the window, or nothing past it scores as its last
    edge = float(hits[window - 1][0])
    tied = {(a.segment_ord, a.doc) for score, a in first if float(score) == edge}
    while len(hits) >= asked and float(hits[-1][0]) == edge and asked < TIE_DEPTH:  # the group runs past those in hand
        asked = min(TIE_DEPTH, asked * DEEPER)
        hits = deeper(asked)
        if not tied <= {(a.segment_ord, a.doc) for score, a in hits if float(score) == edge}:
            return first  # the deeper search scores the window's records otherwise (a float's last bit): left as found
    above = [(float(score), address) for score, address in first if float(score) != edge]
    group = [(float(score), address) for score, address in hits if float(score) == edge]
    group.sort(key=lambda hit: record_id(searcher, hit[1], payloads))
    return above + group[: window - len(above)]


def page_of(
    searcher: tantivy.Searcher, hits: list[Hit], start: int, count: int, payloads: Payloads,
    deeper: Callable[[int], list[Hit]], asked: int,
) -> list[Hit]:
    """`count` hits from `start` of a search's order past the window (`hits`: its best `asked` from the first on, the
    window's records left out), records scoring alike in id order: every record scoring as the page's first or last is
    among those read (else `deeper(depth)`: the same, DEEPER times as deep, then TIE_DEPTH), so which of them a page holds does not hang on
    their addresses either (ties2, session 22)."""
    end = start + count
    while len(hits) > end and len(hits) >= asked and float(hits[-1][0]) == float(hits[end - 1][0]) and asked < TIE_DEPTH:
        asked = min(TIE_DEPTH, asked * DEEPER)  # the page's last score runs past those in hand
        hits = deeper(asked)
    if start >= len(hits):
        return []
    low = float(hits[min(end, len(hits)) - 1][0])
    high = float(hits[start][0])
    # the records scoring from the page's first to its last stand together in score order: from `first` to `last`
    first = next(n for n in range(start, -1, -1) if n == 0 or float(hits[n - 1][0]) != high)
    last = next((n for n in range(min(end, len(hits)), len(hits)) if float(hits[n][0]) != low), len(hits))
    if first == start and last == min(end, len(hits)) and len({float(score) for score, _ in hits[start:end]}) == count:
        return hits[start:end]  # no score on the page is shared, nor with a record before or after it
    around = sorted(hits[first:last], key=lambda hit: (-float(hit[0]), record_id(searcher, hit[1], payloads)))
    return around[start - first : end - first]
