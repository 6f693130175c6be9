"""Equal scores are ordered by record id, not by where tantivy put the documents: two nodes (or one index
before and after a reindex) that ingested the same records in another order answer in the same order."""

from __future__ import annotations

from gongkai.record import Record
from gongkai.search_types import SearchRequest
from tests.support import build_engine


def _twins() -> list[Record]:
    # The same lost-licence declaration printed for five companies whose names the query does not hold:
    # every hit scores the same for 营业执照遗失.
    return [
        Record(kind="notice", notice_type="lost", title=f"遗失声明{n}", issuer="厦门日报",
               body="不慎遗失营业执照正本，声明作废。", url=f"http://epaper.xmrb.com/lost/{n}.htm")
        for n in ("甲", "乙", "丙", "丁", "戊")
    ]


def test_ties_are_ordered_by_id_whatever_the_ingest_order(tmp_path):
    records = _twins()
    forward = build_engine(tmp_path / "a", records)
    backward = build_engine(tmp_path / "b", list(reversed(records)))
    try:
        request = SearchRequest(q="营业执照遗失", facets=False)
        one = [hit.id for hit in forward.search(request).hits]
        other = [hit.id for hit in backward.search(request).hits]
        assert len(one) == 5 and one == other == sorted(one)
    finally:
        forward.close()
        backward.close()
