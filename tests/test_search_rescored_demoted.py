"""The best candidates rescored once, demoted after (qspeed7, session 22; issue 14; candidates._rescored).

checked_top scores the candidates it kept by the query restricted to them (Plan.restricted; a relaxed answer's parts summed,
Plan.summed). With demoted records in the index (issue 19: repealed, expired, suspended × repealed_factor) that query went
through ranking.demoted, whose two halves each evaluate it: at 100,000 records an outage question's day bonuses walk their
phrases of common characters (12月9日) from each record asked about to their next match, 36 of 42 ms of CPU in
思明区莲花新村明天几点开始停电. Now it is searched once and a demoted record's score lowered by the status its payload carries
(ranking.Demotion.lowered, exact for a factor that is a power of two; another factor keeps the demoted query). The scores
must be the demoted query's to the bit, and the answers the same.
Real SQLite store and Tantivy index; the bundled Xiamen records, the real 国务院 documents of ../shared/corpus, and
regulations whose own text says when they stopped applying (有效期3年, 有效期5年: expired, read by the store at ingest)."""

from __future__ import annotations

import struct
from datetime import date

import pytest
from tantivy import Occur, Query

from gongkai.indexer import candidates
from gongkai.indexer.candidates import _rescored, ids_query
from gongkai.indexer.ranking import DEMOTED_STATUSES, Demotion
from gongkai.indexer.schema import decode_payload
from gongkai.record import Record
from gongkai.search_types import SearchRequest
from tests.support import build_engine, sample_records
from tests.test_index_helpers import govcn_records

#: Pasted titles and questions: strict answers whose whole-query bonus the candidates give unchecked (Plan.restricted
#: rescores them) and relaxed ones (no record holds every word: Plan.summed), each among expired and in-force records.
QUERIES = (
    "厦门市城市道路挖掘管理暂行办法",
    "厦门市燃气经营许可管理规定",
    "厦门市道路挖掘管理办法有效期到什么时候",
    "燃气经营许可管理规定还有效吗 厦门",
    "思明区二次供水设施管理暂行办法全文",
    "国务院关于优化营商环境的实施意见怎么落实到厦门",
)


def regulations() -> list[Record]:
    """Xiamen regulations alike in force and expired, of three subjects and two issuers, some with the same title: their
    expiry as such documents state it (有效期N年 from a day)."""
    subjects = (("城市道路挖掘", "厦门市市政园林局"), ("燃气经营许可", "厦门市市政园林局"), ("二次供水设施", "思明区人民政府"))
    records = []
    for n in range(15):
        subject, issuer = subjects[n % 3]
        expired = n % 5 in (0, 3)
        period = f"本办法自201{n % 4}年3月1日起施行，有效期{3 + n % 3}年。" if expired else "本办法自2024年7月1日起施行。"
        kind = "管理暂行办法" if n % 2 else "管理规定"
        records.append(Record(
            id=f"rs-{n:02d}", kind="disclosure", issuer=issuer, publish_date=date(2010 + n % 4, 2, 20) if expired else date(2024, 6, 1),
            title=f"厦门市{subject}{kind}" if n % 3 != 2 else f"思明区{subject}{kind}",
            body=f"第一条 为了加强本市{subject}管理，保障公共安全，根据有关法律法规，结合实际，制定本办法。\n"
                 f"第二条 {subject}的监督管理适用本办法。\n第二十八条 {period}",
        ))
    return records


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    built = build_engine(tmp_path_factory.mktemp("rescored") / "data", [*sample_records(), *govcn_records(), *regulations()])
    yield built
    built.close()


def searcher_of(engine):
    engine.search(SearchRequest(q="停水"))  # opens the index
    return engine.index._generation.check_current().searcher()


def bits(found) -> list[tuple[bytes, int, int]]:
    return [(struct.pack("<f", score), address.segment_ord, address.doc) for score, address, _ in found]


def test_the_index_holds_expired_regulations(engine) -> None:
    """The premise: the store read the expiry in their text; the payloads say so."""
    found = engine.search(SearchRequest(q="管理暂行办法", limit=50))
    status = {h.id: h.validity for h in found.hits if h.id.startswith("rs-")}
    assert {status[i] for i in status if int(i[-2:]) % 5 in (0, 3)} == {"expired"}, status
    assert "expired" not in {status[i] for i in status if int(i[-2:]) % 5 not in (0, 3)}, status


@pytest.mark.parametrize("factor", [0.5, 0.25, 0.3])  # 0.3: no power of two, the demoted query itself (Demotion.exact)
def test_rescored_then_demoted_is_the_demoted_query(engine, factor: float) -> None:
    """Records of several words and bonuses, restricted to some ids (as Plan.restricted is): the demoted query's scores
    to the bit and its order (ties by address), expired records lowered among them."""
    searcher = searcher_of(engine)
    schema = engine.index.schema
    demotion = Demotion(schema, factor)
    words = ["管理", "暂行", "办法", "燃气", "挖掘", "供水", "规定"]
    scored = Query.boolean_query([(Occur.Should, Query.term_query(schema, "all_bigrams", w)) for w in words]
                                 + [(Occur.Should, Query.boost_query(Query.term_query(schema, "title_bigrams", "办法"), 3.0))])
    best = searcher.search(scored, 40, count=False).hits
    kept = [(float(score), address, decode_payload(searcher.doc(address).get_first("payload"))) for score, address in best]
    assert any(payload.get("validity") in DEMOTED_STATUSES for _, _, payload in kept)
    only = ids_query(schema, [payload["id"] for _, _, payload in kept])
    restricted = Query.boolean_query([(Occur.Must, only), (Occur.Must, scored)])
    got = _rescored(searcher, schema, restricted, kept, demotion)
    expected = _rescored(searcher, schema, demotion(restricted), kept)
    assert bits(got) == bits(expected)
    undemoted = _rescored(searcher, schema, restricted, kept)
    assert bits(got) != bits(undemoted)  # the expired ones lowered: the order and scores are not the query's own


@pytest.mark.parametrize("q", QUERIES)
def test_answers_are_those_of_the_demoted_rescoring(engine, monkeypatch, q: str) -> None:
    """Pages 1 and 2 and the filled page: every rescoring the same to the bit as through the demoted query, and the answers
    (ids, scores, totals, dropped words, facets) the same as with it."""
    requests = [SearchRequest(q=q, limit=10), SearchRequest(q=q, limit=10, offset=10), SearchRequest(q=q, limit=20, fill=True)]

    def answers() -> list[tuple]:
        engine.index._answers.clear()
        engine.index._facet_counts.clear()
        got = [engine.search(r) for r in requests]
        return [([(h.id, h.score) for h in r.hits], r.total, r.dropped, r.relaxed, r.approximate, r.facets) for r in got]

    real = candidates._rescored
    compared: list[int] = []  # the demoted records among each rescoring's

    def both(searcher, schema, query, kept, scoring=lambda query: query):
        got = real(searcher, schema, query, kept, scoring)
        assert bits(got) == bits(real(searcher, schema, scoring(query), kept)), q
        compared.append(sum(1 for _, _, payload in kept if payload.get("validity") in DEMOTED_STATUSES))
        return got

    monkeypatch.setattr(candidates, "_rescored", both)
    once = answers()
    assert compared, q  # the candidates' best were rescored (a whole-query bonus given unchecked, or a relaxed answer)
    monkeypatch.setattr(candidates, "_rescored", lambda searcher, schema, query, kept, scoring=lambda query: query:
                        real(searcher, schema, scoring(query), kept))  # as before: the demoted query searched
    assert answers() == once


def test_demoted_records_were_rescored(engine, monkeypatch) -> None:
    """The queries above reach the case: expired records among the candidates rescored (else the comparison proves nothing)."""
    real = candidates._rescored
    demoted: list[int] = []

    def counting(searcher, schema, query, kept, scoring=lambda query: query):
        demoted.append(sum(1 for _, _, payload in kept if payload.get("validity") in DEMOTED_STATUSES))
        return real(searcher, schema, query, kept, scoring)

    monkeypatch.setattr(candidates, "_rescored", counting)
    for q in QUERIES:
        engine.index._answers.clear()
        engine.index._facet_counts.clear()
        engine.search(SearchRequest(q=q, limit=10))
    assert sum(demoted) > 0, demoted
