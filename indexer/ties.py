"""Ties at the edge of the re-ranked window, settled by what the records hold (search17).

tantivy's top-k breaks equal scores by document address, and an address depends on how the index was built (a writer
of several threads puts records into segments in whatever order its threads take them; merges reorder segments), so
which of the records scoring alike at the window's edge were re-ranked changed from one build of the same records to
the next: `chinaguosongcom` (3.75 for every title holding …com) listed other titles 3rd-10th. Here the records scoring
as the window's last are looked for past it, and those with the smallest ids kept: the window depends on the records
only (up to TIE_DEPTH records deep). Costs one deeper search, only when the last two scores of a full window are equal.
"""

from __future__ import annotations

import tantivy

from gongkai.indexer.schema import decode_payload

#: How deep the records tied with the window's last are looked for (beyond: the group's first in tantivy's order)
TIE_DEPTH = 1000
# Off by default (settings ranking.settle_ties, lead, session 21): at 100,000 records the deeper search re-runs a broad
# query (湖里区, 营业执照, pasted titles: 30 of 80 bench queries tied at the edge) and cost up to 16-25 ms, most of issue
# 14's 30 ms budget. Asking the window's own search for a few more hits would settle most ties without it.

Hit = tuple[float, tantivy.DocAddress]


def settled(
    searcher: tantivy.Searcher, scorer: tantivy.Query, hits: list[Hit], payloads: dict[tuple[int, int], dict],
) -> list[Hit]:
    """`hits` (the best of `scorer`, as many as a window holds) with the records scoring as its last chosen by id among
    every record scoring so (`payloads` keeps what was read, by address, for the answer)."""
    if len(hits) < 2 or float(hits[-1][0]) != float(hits[-2][0]):
        return hits  # the window's last score stands alone, or the window is not full: no tie reaches past it
    edge = float(hits[-1][0])
    deeper = searcher.search(scorer, max(TIE_DEPTH, len(hits) + 1), count=False).hits
    if len(deeper) <= len(hits) or float(deeper[len(hits)][0]) != edge:
        return hits  # nothing past the window scores as its last
    above = [(float(score), address) for score, address in hits if float(score) != edge]
    tied = [(float(score), address) for score, address in deeper if float(score) == edge]
    held = {(a.segment_ord, a.doc) for _, a in tied}
    if any((a.segment_ord, a.doc) not in held for score, a in hits if float(score) == edge):
        return hits  # `scorer` scores the window's records otherwise (a float's last bit): left as found

    def record_id(address: tantivy.DocAddress) -> str:
        key = (address.segment_ord, address.doc)
        payload = payloads.get(key)
        if payload is None:
            payload = payloads[key] = decode_payload(searcher.doc(address).get_first("payload"))
        return str(payload.get("id") or "")

    tied.sort(key=lambda hit: record_id(hit[1]))
    return above + tied[: len(hits) - len(above)]
