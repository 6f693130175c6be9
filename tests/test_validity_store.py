"""Issue 19: validity derived in the real SQLite store, kept right whatever order documents arrive in."""

from __future__ import annotations

import itertools
from datetime import date, datetime

import pytest

from gongkai.record import Record
from gongkai.store.store import Store
from tests.validity_truth import CORPUS, regulation_publish_date

NOW = datetime(2024, 6, 1, 4, 0)  # naive UTC: 2024-06-01 in Beijing


def regulation(name: str, record_id: str, doc_number: str = "") -> Record:
    text = (CORPUS / "lawrefbook_regulations" / name).read_text(encoding="utf-8")
    title = text.splitlines()[0].lstrip("# ").strip()
    return Record(id=record_id, kind="disclosure", title=title, doc_number=doc_number, publish_date=regulation_publish_date(text), body=text)


@pytest.fixture(params=["sqlite", "postgresql"])
def make_store(request, tmp_path):
    """Fresh stores: SQLite files, or the PostgreSQL database of GONGKAI_TEST_POSTGRES_URL emptied each time."""
    from tests.test_store import POSTGRES_URL, _drop_all

    if request.param == "postgresql" and not POSTGRES_URL:
        pytest.skip("set GONGKAI_TEST_POSTGRES_URL to run the validity store tests on PostgreSQL too")
    made = []

    def make(name: str = "s") -> Store:
        if request.param == "postgresql":
            for earlier in made:
                earlier.close()
            _drop_all(POSTGRES_URL)
            store = Store(POSTGRES_URL, tmp_path / f"raw-{name}")
        else:
            store = Store(f"sqlite:///{tmp_path / (name + '.db')}", tmp_path / f"raw-{name}")
        made.append(store)
        return store

    yield make
    for store in made:
        store.close()


def _old_and_new():
    new = regulation("医疗器械经营监督管理办法(2022-03-10).md", "yljx-2022", "国家市场监督管理总局令第54号")
    old = Record(
        id="yljx-2014", kind="disclosure", title="医疗器械经营监督管理办法", doc_number="国家食品药品监督管理总局令第8号",
        publish_date="2014-07-30", body="第六十九条 本办法自2014年10月1日起施行。",
    )
    return old, new


def test_repeal_resolves_whichever_document_arrives_first(make_store):
    old, new = _old_and_new()
    views = []
    for order, (first, second) in enumerate(itertools.permutations([old, new])):
        store = make_store(f"o{order}")
        store.write_batch([first], now=NOW)
        store.write_batch([second], now=NOW)
        views.append((store.validity(old.id), store.validity(new.id)))
    assert views[0] == views[1]
    old_view, new_view = views[0]
    assert old_view["validity"]["status"] == "repealed"
    (by,) = old_view["validity"]["repealed_by"]
    assert by["id"] == new.id and by["statement"].endswith("同时废止。") and old_view["validity"]["repealed_on"] == "2022-05-01"
    (target,) = new_view["validity"]["repeals"]
    assert target == {"id": old.id, "title": "医疗器械经营监督管理办法", "doc_number": "国家食品药品监督管理总局令第8号", "date": "2014-07-30", "statement": by["statement"]}
    assert new_view["validity"]["status"] == "in_force" and new_view["validity"]["effective_date"] == "2022-05-01"


def test_a_printed_issuer_chooses_among_documents_of_one_title_and_date(make_store):
    """Two documents of one title published the same day by two bodies: the repeal names the issuer
    (2005年3月1日厦门市人民政府发布的《…》), and resolves to that one's whichever arrives first."""
    road = "厦门市城市道路管理办法"
    by_bureau = Record(id="xm-a", title=road, issuer="厦门市建设局", publish_date=date(2005, 3, 1), body="本办法自2005年4月1日起施行。")
    by_city = Record(id="xm-b", title=road, issuer="厦门市人民政府", publish_date=date(2005, 3, 1), body="本办法自2005年4月1日起施行。")
    repealing = Record(id="xm-2024", title=road, issuer="厦门市人民政府", publish_date=date(2024, 3, 20),
                       body="本办法自2024年4月1日起施行。2005年3月1日厦门市人民政府发布的《厦门市城市道路管理办法》同时废止。")
    for order, batches in enumerate(itertools.permutations([[by_bureau], [by_city], [repealing]])):
        store = make_store(f"i{order}")
        for batch in batches:
            store.write_batch(batch, now=NOW)
        assert [r["id"] for r in store.validity("xm-2024")["validity"]["repeals"]] == ["xm-b"], order
        assert store.validity_statuses(["xm-a", "xm-b"]) == {"xm-a": "in_force", "xm-b": "repealed"}


def test_unresolved_reference_is_kept_and_same_title_never_resolves_to_itself(make_store):
    store = make_store()
    store.write_batch([regulation("机动车登记规定(2021-12-17).md", "jdc-2021", "公安部令第164号")], now=NOW)
    view = store.validity("jdc-2021")
    assert [(r["id"], r["doc_number"]) for r in view["validity"]["repeals"]] == [(None, "公安部令第102号"), (None, "公安部令第124号")]
    old = Record(id="jdc-2008", kind="disclosure", title="机动车登记规定", doc_number="公安部令第102号", publish_date="2008-05-27", body="本规定自2008年10月1日起施行。")
    store.write_batch([old], now=NOW)
    assert [r["id"] for r in store.validity("jdc-2021")["validity"]["repeals"]] == ["jdc-2008", None]
    assert store.validity("jdc-2008")["validity"]["status"] == "repealed"


def test_a_changed_repealer_releases_its_target(make_store):
    store = make_store()
    old, new = _old_and_new()
    store.write_batch([old, new], now=NOW)
    assert store.validity(old.id)["validity"]["status"] == "repealed"
    store.write_batch([new.model_copy(update={"body": "第七十三条 本办法自2022年5月1日起施行。"})], now=NOW)
    assert store.validity(old.id)["validity"]["status"] == "in_force"
    assert store.validity(old.id)["validity"]["repealed_by"] == []


def test_dates_pass_daily_recompute_and_override(make_store):
    store = make_store()
    record = Record(id="xm-2015", kind="disclosure", title="厦门市城市道路管理办法", doc_number="厦府〔2014〕300号", publish_date="2014-12-20",
                    body="本办法自2015年1月1日起施行，有效期5年。凡与本办法不一致的，以本办法为准。")
    store.write_batch([record], now=datetime(2014, 12, 25))
    view = store.validity("xm-2015")["validity"]
    assert (view["status"], view["effective_date"], view["expiry_date"], view["period"]) == ("not_yet_in_force", "2015-01-01", "2019-12-31", "5年")
    assert view["general_clauses"] == ["凡与本办法不一致的，以本办法为准。"]
    assert store.validity_recompute(date(2016, 1, 1)) == 1
    assert store.validity("xm-2015")["validity"]["status"] == "in_force"
    store.validity_recompute(date(2020, 1, 1))
    assert store.validity("xm-2015")["validity"]["status"] == "expired"
    assert store.validity_recompute(date(2020, 1, 1)) == 0  # nothing changed: nothing written
    store.validity_set("xm-2015", "in_force", "延期至2025年的通知未收录", "张三", now=datetime(2020, 1, 2))
    view = store.validity("xm-2015")["validity"]
    assert view["status"] == "in_force" and view["override"]["by"] == "张三" and view["override"]["reason"].startswith("延期")
    store.validity_recompute(date(2020, 2, 1))
    assert store.validity("xm-2015")["validity"]["status"] == "in_force"  # the override holds through the daily job
    store.validity_set("xm-2015", "auto", "收回", "张三")
    store.validity_recompute(date(2020, 2, 1))
    assert store.validity("xm-2015")["validity"]["status"] == "expired"
    with pytest.raises(KeyError):
        store.validity_set("nope", "in_force", "", "x")


def test_consolidated_text_and_amending_decision(make_store):
    store = make_store()
    law = regulation("电力设施保护条例(2011-01-08).md", "dlss")
    decision = Record(id="dlss-1998", kind="disclosure", title="国务院关于修改〈电力设施保护条例〉的决定", publish_date="1998-01-07",
                      body="国务院决定对《电力设施保护条例》作如下修改：……本决定自发布之日起施行。")
    store.write_batch([law, decision], now=NOW)
    view = store.validity("dlss")
    amended_by = view["validity"]["amended_by"]
    # the decision amends the law (an incoming edge), and the law's own header names the decision
    assert {a["id"] for a in amended_by} == {"dlss-1998"}
    assert view["validity"]["status"] == "amended"
    assert store.validity("dlss-1998")["validity"]["amends"][0]["id"] == "dlss"


def test_records_stored_before_validity_are_backfilled(make_store, tmp_path):
    from sqlalchemy import delete

    from gongkai.store.schema import validity_docs, validity_edges, validity_keys

    store = make_store()
    old, new = _old_and_new()
    store.write_batch([old, new], now=NOW)
    with store.engine.begin() as conn:
        for table in (validity_docs, validity_edges, validity_keys):
            conn.execute(delete(table))
    assert store.validity(old.id) is None
    assert store.validity_backfill(today=date(2024, 6, 1), only=[new.id]) == 1  # one page's record, not the store
    assert store.validity_backfill(today=date(2024, 6, 1), only=[new.id]) == 0
    assert store.validity(old.id) is None
    assert store.validity_backfill(batch=1, today=date(2024, 6, 1)) == 1
    assert store.validity(old.id)["validity"]["status"] == "repealed"


def test_every_order_of_arrival_gives_the_same_edges(make_store):
    """Three documents of one title and a repealing one, stored in all 24 orders (one a batch): the same result."""
    repealer = Record(id="r", kind="disclosure", title="机动车登记规定", doc_number="公安部令第164号", publish_date="2021-12-17",
                      body="本规定自2022年5月1日起施行。2008年5月27日发布的《机动车登记规定》同时废止。根据《机动车登记规定》制定。")
    same_title = [
        Record(id=f"m{y}", kind="disclosure", title="机动车登记规定", publish_date=d, body=f"本规定自{y}年10月1日起施行。")
        for y, d in ((2008, "2008-05-27"), (2004, "2004-04-30"), (2012, "2012-09-12"))
    ]
    seen = set()
    for n, order in enumerate(itertools.permutations([repealer, *same_title])):
        store = make_store(f"p{n}")
        for record in order:
            store.write_batch([record], now=NOW)
        views = tuple(json_of(store.validity(r.id)) for r in (repealer, *same_title))
        seen.add(views)
    assert len(seen) == 1
    repeals = store.validity("r")["validity"]["repeals"]
    assert [r["id"] for r in repeals] == ["m2008"]  # the printed date picks the one of 2008
    assert store.validity("m2008")["validity"]["status"] == "repealed"
    assert store.validity("m2012")["validity"]["status"] == "in_force"


def test_a_retitled_record_lets_go_of_the_references_to_it(make_store):
    store = make_store()
    old, new = _old_and_new()
    store.write_batch([old, new], now=NOW)
    store.write_batch([old.model_copy(update={"title": "另一个办法", "doc_number": ""})], now=NOW)
    assert store.validity(new.id)["validity"]["repeals"][0]["id"] is None
    assert store.validity(old.id)["validity"]["status"] == "in_force"


def json_of(view) -> str:
    import json

    return json.dumps(view, sort_keys=True, ensure_ascii=False)


def test_a_much_cited_document_lists_the_first_hundred_and_counts_all(make_store):
    from gongkai.store.validity import CITED_BY_SHOWN

    store = make_store()
    law = Record(id="law", kind="disclosure", title="中华人民共和国政府信息公开条例", publish_date="2019-04-03", body="本条例自2019年5月15日起施行。")
    citing = [
        Record(id=f"c{i:03d}", kind="disclosure", title=f"关于做好第{i}项公开工作的通知", publish_date="2020-01-01", body="根据《中华人民共和国政府信息公开条例》，现通知如下。")
        for i in range(CITED_BY_SHOWN + 20)
    ]
    store.write_batch([law, *citing], now=NOW)
    view = store.validity("law")
    assert view["cited_by_total"] == CITED_BY_SHOWN + 20 and len(view["cited_by"]) == CITED_BY_SHOWN
    assert view["cited_by"][0]["id"] == "c000" and view["cited_by"][0]["statement"].startswith("根据《")


def test_a_withdrawn_repealer_repeals_nothing_until_restored(settings):
    from gongkai.engine import Engine

    engine = Engine(settings)
    try:
        old, new = _old_and_new()
        engine.ingest_records([old, new])
        assert engine.validity(old.id)["validity"]["status"] == "repealed"
        assert engine.withdraw(new.id, "发布有误", operator="王五")
        assert engine.validity(old.id)["validity"]["status"] == "in_force"
        assert engine.restore(new.id, "复核无误", operator="王五")
        assert engine.validity(old.id)["validity"]["status"] == "repealed"
    finally:
        engine.close()
