"""Search-box completions (/api/suggest, gongkai.indexer.suggest) on a real SQLite store and tantivy index
built from the bundled Xiamen sample records and the 40 real 国务院 records, over a real socket."""

from __future__ import annotations

from collections import Counter

import httpx
import pytest

from gongkai.indexer.suggest import SUGGESTION_TYPES, suggest_key
from gongkai.record import Record
from gongkai.store.suggest_rows import rows_since
from tests.conftest import govcn_records
from tests.support import build_engine, sample_records, served_engine
from tests.test_store import database_url  # noqa: F401 (the sqlite/postgresql fixture)


def _records() -> list[Record]:
    return sample_records() + [Record(**r) for r in govcn_records()]


def _streets(record: Record) -> set[str]:
    from gongkai.indexer.vocabulary import notice_names

    return set(notice_names(record.model_dump(mode="json")["notice"])[0])


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with (served_engine(tmp_path_factory.mktemp("suggest") / "data", _records()) as (engine, base_url),
          httpx.Client(base_url=base_url, timeout=10) as client):
        yield engine, client


@pytest.fixture
def client(server):
    return server[1]


def suggest(client: httpx.Client, **params) -> list[dict]:
    response = client.get("/api/suggest", params=params)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["q"] == params["q"].strip()
    return body["suggestions"]


# --- what is suggested ---------------------------------------------------------------------------------


def test_a_street_prefix_suggests_the_streets_of_outage_notices_with_their_counts(client):
    records = _records()
    expected = Counter(street for r in records if r.notice_type == "outage" for street in _streets(r))
    found = suggest(client, q="湖滨")
    streets = [s for s in found if s["type"] == "street"]
    assert [s["text"] for s in streets[:2]] == sorted(["湖滨南路", "湖滨北路"], key=lambda t: -expected[t])
    assert all(s["count"] == expected[s["text"]] for s in streets), (streets, expected)
    # More notices name them than any title starting with 湖滨 holds: they come first.
    assert found[0]["type"] == "street"


def test_doc_number_prefix_in_any_bracket_or_none_suggests_the_year_then_the_numbers(client):
    wanted = sorted(r.doc_number for r in _records() if r.doc_number.startswith("厦府〔2014〕"))
    assert len(wanted) >= 2  # 厦府〔2014〕4号 and 厦府〔2014〕12号 in the sample data
    for typed in ("厦府[2014", "厦府（2014）", "厦府〔2014〕", "厦府2014", "厦府 [２０１４"):
        found = suggest(client, q=typed)
        assert found[0] == {"text": "厦府〔2014〕", "type": "doc_number", "count": len(wanted)}, typed
        assert sorted(s["text"] for s in found[1:] if s["type"] == "doc_number") == wanted, typed
    # A whole 文号 typed with other brackets completes to its canonical form.
    assert suggest(client, q="厦府[2014]12")[0]["text"] == "厦府〔2014〕12号"


def test_issuers_by_their_start_and_by_their_own_name_without_the_place(client):
    counts = Counter(r.issuer for r in _records())
    found = suggest(client, q="财政局")
    assert found[0] == {"text": "厦门市财政局", "type": "issuer", "count": counts["厦门市财政局"]}
    assert suggest(client, q="厦门市财")[0]["text"] == "厦门市财政局"
    # The biggest issuers first for a short prefix; every suggestion starts with what was typed (or its own name does).
    first = suggest(client, q="厦门市", types="issuer", limit=3)
    assert [s["text"] for s in first] == [name for name, _ in counts.most_common() if name.startswith("厦门市")][:3]


def test_titles_complete_from_their_start_and_after_guanyu(client):
    title = "国务院办公厅关于印发《政府网站集约化试点工作方案》的通知"  # a real record of the corpus
    assert title in {r.title for r in _records()}
    # 《》 are left out of keys: typed with or without them, the title is found.
    assert title in [s["text"] for s in suggest(client, q="国务院办公厅关于印发政府网站")]
    assert title in [s["text"] for s in suggest(client, q="印发《政府网站集约", types="title")]


def test_traditional_and_full_width_input_is_folded(client):
    assert suggest(client, q="湖濱南")[0]["text"] == "湖滨南路"
    assert suggest(client, q="廈門市財政")[0]["text"] == "厦门市财政局"
    assert suggest(client, q="ＸＭ") == suggest(client, q="xm")


def test_taiwan_words_typed_in_traditional_characters_find_the_mainland_ones(client):
    title = "关于公共数据开放的实施意见"
    assert title in {r.title for r in _records()}
    # 資料 is the Taiwan word for 数据: folding makes it 资料, opencc (tw2sp) the word people here write.
    assert title in [s["text"] for s in suggest(client, q="關於公共資料")]
    assert title in [s["text"] for s in suggest(client, q="公共資料開放", types="title")]
    assert suggest(client, q="关于公共资料") == []  # typed in Simplified characters it is another word


def test_lost_property_notices_suggest_no_private_names(client):
    lost = [r for r in _records() if r.notice_type == "lost"]
    persons = [r.issuer for r in lost if 2 <= len(r.issuer) <= 3]  # 张梅, 廖斌鹏: private persons
    assert persons
    for name in persons:
        assert all(name not in s["text"] for s in suggest(client, q=name)), name
    assert all(s["type"] != "title" or "遗失声明" not in s["text"] for s in suggest(client, q=lost[0].title[:2]) if lost[0].title[:2] != "遗失")
    # `遗失` completes to what was lost, never to who lost it (search7: it completed to nothing)
    offered = [s["text"] for s in suggest(client, q="遗失", limit=20)]
    assert "遗失声明" in offered and any(len(text) > 4 for text in offered), offered
    holders = {r.issuer for r in lost if r.issuer} | {r.title[: r.title.find("遗失")] for r in lost if r.title.find("遗失") > 0}
    assert not [text for text in offered for holder in holders if len(holder) >= 2 and holder in text], offered
    # and by the item, as people type it first (营业执照遗失 is the box's example): 营业执照 → 遗失营业执照副本声明
    assert [s["text"] for s in suggest(client, q="营业执照") if s["text"].startswith("遗失营业执照")]


def test_a_place_and_the_start_of_an_outage_word_complete_the_outage_question(client):
    """Session 9: 思明区停 or 湖滨南路停 suggested nothing (no title starts so), though 思明区停电 is what citizens type."""
    assert [(s["text"], s["type"]) for s in suggest(client, q="湖滨南路停")] == [
        ("湖滨南路停电", "outage"), ("湖滨南路停水", "outage"), ("湖滨南路停气", "outage")]
    assert [s["text"] for s in suggest(client, q="思明区停")] == ["思明区停电", "思明区停水", "思明区停气"]  # a district
    assert [s["text"] for s in suggest(client, q="思明停水")] == ["思明停水"]  # its short name, as typed
    assert [s["text"] for s in suggest(client, q="湖濱南路停")][:1] == ["湖滨南路停电"]  # Traditional, folded
    whole = suggest(client, q="湖滨南路")  # the street itself first, then its questions
    assert [(s["text"], s["type"]) for s in whole][:2] == [("湖滨南路", "street"), ("湖滨南路停电", "outage")]
    # only a place an outage notice names, or a district: 停 after another word completes nothing
    assert not [s for s in suggest(client, q="营业执照停") if s["type"] == "outage"]
    assert not [s for s in suggest(client, q="湖滨南路停", types="street")]


def test_types_and_limit(client):
    every = suggest(client, q="湖", limit=20)
    assert {s["type"] for s in every} >= {"street", "issuer"}
    streets = suggest(client, q="湖", types="street", limit=20)
    assert streets and {s["type"] for s in streets} == {"street"}
    assert len(suggest(client, q="厦", limit=3)) == 3
    both = suggest(client, q="湖", types="street, issuer", limit=20)
    assert {s["type"] for s in both} == {"street", "issuer"}


def test_nothing_matches_and_blank_input(client):
    assert suggest(client, q="火星基地") == []
    assert suggest(client, q="   ") == []


# --- refreshed with the store --------------------------------------------------------------------------


def test_suggestions_follow_ingest_update_and_withdrawal(tmp_path):
    engine = build_engine(tmp_path / "data", sample_records()[:20])
    try:
        assert engine.suggest("厦门市鼓浪屿管委会") == []
        record = Record(id="sg-1", kind="disclosure", title="关于鼓浪屿游览秩序的通告", issuer="厦门市鼓浪屿管委会",
                        doc_number="厦鼓管[2025]3号", publish_date="2025-03-01", body="游览秩序。")
        engine.ingest_records([record])
        assert [(s.text, s.type, s.count) for s in engine.suggest("厦门市鼓浪屿", 5)] == [("厦门市鼓浪屿管委会", "issuer", 1)]
        assert [s.text for s in engine.suggest("厦鼓管", 5)] == ["厦鼓管〔2025〕", "厦鼓管〔2025〕3号"]
        assert [s.text for s in engine.suggest("鼓浪屿游览", 5)] == ["关于鼓浪屿游览秩序的通告"]

        # A new version takes back what the old one gave.
        engine.ingest_records([record.model_copy(update={"title": "关于鼓浪屿船票预约的通告", "content_hash": None})])
        assert engine.suggest("鼓浪屿游览", 5) == []
        assert [s.text for s in engine.suggest("鼓浪屿船票", 5)] == ["关于鼓浪屿船票预约的通告"]

        # A withdrawn record suggests nothing any more.
        assert engine.withdraw("sg-1", "test")
        assert engine.suggest("厦门市鼓浪屿", 5) == [] and engine.suggest("厦鼓管", 5) == []
    finally:
        engine.close()


def test_a_refresh_reads_only_the_changes(tmp_path):
    """After the first build, a commit costs a read of the changed rows, not of the whole table."""
    engine = build_engine(tmp_path / "data", sample_records()[:50])
    try:
        engine.suggest("厦")
        asked: list[int] = []
        suggester = engine.suggester
        read = suggester._rows_since  # watching the store reads the suggester makes
        suggester._rows_since = lambda seq, limit: asked.append(seq) or read(seq, limit)
        engine.suggest("厦")
        assert asked == []  # nothing changed: no store read at all
        engine.ingest_records([Record(id="sg-2", kind="disclosure", title="关于测试的通知", issuer="厦门市测试局", body="测试。")])
        assert engine.suggest("厦门市测试")[0].text == "厦门市测试局"
        assert asked and asked[0] == engine.store.max_seq() - 1
    finally:
        engine.close()


def test_store_rows_carry_the_fields_on_sqlite_and_postgresql(database_url, tmp_path):  # noqa: F811
    from gongkai.store import Store

    store = Store(database_url, tmp_path / "raw")
    try:
        records = sample_records()
        store.upsert_batch(records)
        rows = rows_since(store, 0, 1000)
        assert len(rows) == len(records)
        by_id = {row.id: row for row in rows}
        for record in records:
            row = by_id[record.id]
            assert (row.title, row.doc_number, row.issuer, row.kind, row.notice_type) == (
                record.title, record.doc_number, record.issuer, record.kind, record.notice_type)
            if record.notice_type == "outage":
                assert row.notice == record.model_dump(mode="json")["notice"]
            else:
                assert row.notice is None  # only outage notices' fields are read
        assert [r.seq for r in rows_since(store, rows[9].seq, 5)] == [r.seq for r in rows[10:15]]
    finally:
        store.close()


# --- the API contract ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "params, parameter",
    [
        ({}, "q"),
        ({"q": ""}, "q"),
        ({"q": "湖" * 101}, "q"),
        ({"q": "湖", "limit": 0}, "limit"),
        ({"q": "湖", "limit": 21}, "limit"),
        ({"q": "湖", "limit": "many"}, "limit"),
        ({"q": "湖", "types": "street,road"}, "types"),
        ({"q": "湖", "types": ","}, "types"),
    ],
)
def test_bad_parameters_are_422_with_a_message(client, params, parameter):
    response = client.get("/api/suggest", params=params)
    assert response.status_code == 422, response.text
    body = response.json()
    assert body["error"] == "invalid_parameter" and parameter in body["message"]


@pytest.mark.parametrize("q", ["'", '"', "<script>", "\x00", "🙂", "%00", "[", "\\", "〔", "*", "a" * 100, "\U0010ffff"])
def test_hostile_input_never_fails(client, q):
    response = client.get("/api/suggest", params={"q": q})
    assert response.status_code in (200, 422), response.text
    assert response.headers["content-type"].startswith("application/json")


@pytest.mark.parametrize("raw", ["%ED%A0%80", "%FF%FE", "%E6%B9", "%C0%80"])
def test_undecodable_bytes_never_fail(client, raw):
    """Never a 500: bytes that read as GBK are read so (web/query_charset.py), others are a 400 saying why (clients4)."""
    response = client.get(f"/api/suggest?q={raw}")
    assert response.status_code in (200, 400, 422), response.text
    assert response.headers["content-type"].startswith("application/json")
    if response.status_code == 400:
        assert response.json()["error"] == "invalid_parameter" and "UTF-8" in response.json()["message"]


def test_openapi_declares_suggest(client):
    schema = client.get("/openapi.json").json()
    operation = schema["paths"]["/api/suggest"]["get"]
    # the query's parameters (its If-None-Match and If-Match headers: web/conditional.py, session 19)
    params = {p["name"]: p for p in operation["parameters"] if p["in"] == "query"}
    assert set(params) == {"q", "limit", "types"} and all(p.get("description") for p in params.values())
    assert params["q"]["required"] and params["q"]["schema"]["maxLength"] == 100
    assert params["limit"]["schema"]["maximum"] == 20
    assert operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].endswith("/SuggestResult")
    assert "422" in operation["responses"]
    item = schema["components"]["schemas"]["Suggestion"]
    assert item["properties"]["type"]["enum"] == list(SUGGESTION_TYPES)


def test_keys_fold_width_script_case_and_brackets():
    assert suggest_key("厦府（２０１４）12 號") == suggest_key("厦府[2014]12号") == "厦府201412号"
    assert suggest_key("《厦门市 XM》") == "厦门市xm"


def test_broad_prefixes_found_ahead_answer_as_a_lookup_would(monkeypatch):
    """The best rows of broad prefixes are computed when a snapshot is built: same answers as computing them per call."""
    from gongkai.indexer.suggest import SuggestSnapshot, SuggestVocabulary
    from gongkai.store.suggest_rows import SuggestRow

    def row(seq, record):
        notice = record.model_dump(mode="json")["notice"] if record.notice_type == "outage" else None
        return SuggestRow(seq, record.id, False, record.kind, record.notice_type, record.issuer, record.title, record.doc_number, notice)

    from gongkai.indexer.vocabulary import notice_names

    vocabulary = SuggestVocabulary(lambda notice: notice_names(notice)[0])
    vocabulary.apply(row(seq, record) for seq, record in enumerate(_records(), 1))
    prefixes = ["厦", "厦门", "厦门市", "关于", "湖", "国务院", "厦府", "思明区", "停"]
    direct = vocabulary.snapshot()
    assert not direct._broad  # no prefix is broader than 2,000 keys in 440 records
    monkeypatch.setattr(SuggestSnapshot, "BROAD_RANGE", 5)
    ahead = vocabulary.snapshot()
    assert set(prefixes) & set(ahead._broad)
    for prefix in prefixes:
        for limit in (1, 8, 20):
            assert ahead.lookup(prefix, limit) == direct.lookup(prefix, limit), (prefix, limit)


def test_a_server_builds_the_word_list_at_start(tmp_path):
    engine = build_engine(tmp_path / "data", sample_records()[:30])
    try:
        engine.warm_suggestions().join(timeout=30)
        assert engine.suggester._snapshot is not None  # built before any request asked
        assert engine.suggest(sample_records()[0].issuer[:3])
    finally:
        engine.close()


def test_keys_inserted_a_few_at_a_time_give_the_snapshot_a_full_sort_gives():
    from gongkai.indexer.suggest import SuggestVocabulary
    from gongkai.indexer.vocabulary import notice_names
    from gongkai.store.suggest_rows import SuggestRow

    def rows(records, withdrawn=False):
        for seq, record in enumerate(records, 1):
            notice = record.model_dump(mode="json")["notice"] if record.notice_type == "outage" else None
            yield SuggestRow(seq, record.id, withdrawn, record.kind, record.notice_type, record.issuer, record.title,
                             record.doc_number, notice)

    def places(notice):
        return notice_names(notice)[0]

    records = _records()
    at_once = SuggestVocabulary(places)
    at_once.apply(rows(records))
    whole = at_once.snapshot()
    one_by_one = SuggestVocabulary(places)
    one_by_one.apply(rows(records[:300]))
    one_by_one.snapshot()  # sorted once, then the rest merged in a few at a time
    for start in range(300, len(records), 7):
        one_by_one.apply(rows(records[start:start + 7]))
        one_by_one.snapshot()
    merged = one_by_one.snapshot()
    assert merged.keys == whole.keys and merged.keys == sorted(whole.keys)
    for prefix in ("厦", "湖滨", "厦府〔2014〕", "国务院办公厅关于", "财政局", "停"):
        assert merged.lookup(prefix, 20) == whole.lookup(prefix, 20), prefix

    # Most entries gone (withdrawn): the next rebuild leaves their keys out.
    at_once.apply(rows(records[:400], withdrawn=True))
    at_once.apply(rows([Record(id="sg-late", kind="disclosure", title="关于最后一件事的通知", issuer="厦门市后来局", body="。")] * 60))
    after = at_once.snapshot()
    assert len(after.keys) < len(whole.keys) / 2
    assert [s.text for s in after.lookup("厦门市后来", 5)] == ["厦门市后来局"]
    # A forgotten entry carried again comes back with its keys.
    back = next(r for r in records[:400] if r.kind == "disclosure")
    at_once.apply(rows([back]))
    assert back.title in [s.text for s in at_once.snapshot().lookup(back.title[:6], 20)]


def test_a_lost_notices_title_is_offered_only_when_two_holders_share_it(tmp_path):
    """Review s13: a title naming its holder after 遗失 (关于遗失林美华残疾人证的声明, 遗失王建国身份证声明) was offered whole
    while typing 遗失: a private person's name in the search box. A lost notice's title is offered only once two notices
    give the same one (遗失居民身份证声明: an item, nobody's name) by two holders (a notice run twice is one holder's)."""
    def lost(n: int, title: str) -> Record:
        return Record(id=f"lost-{n}", kind="notice", notice_type="lost", title=title, body=title + "，特此声明。", publish_date="2026-11-02")

    records = [lost(1, "陈明遗失居民身份证声明"), lost(2, "黄丽遗失居民身份证声明"), lost(3, "关于遗失林美华残疾人证的声明"),
               lost(4, "遗失王建国身份证声明")]
    engine = build_engine(tmp_path / "data", records)
    try:
        offered = [s.text for s in engine.suggest("遗失", 20)]
        assert offered == ["遗失居民身份证声明"], offered
        assert [s.text for s in engine.suggest("居民身份证", 5)] == ["遗失居民身份证声明"]
        engine.ingest_records([lost(5, "遗失王建国身份证声明")])  # the newspaper runs it again: still one holder's
        assert [s.text for s in engine.suggest("遗失", 20)] == ["遗失居民身份证声明"]
        assert engine.withdraw("lost-2", "test")  # 陈明's alone now: taken back
        assert engine.suggest("遗失", 20) == []
    finally:
        engine.close()


def test_a_lost_item_and_a_government_body_complete_by_the_words_people_type(tmp_path):
    """search8: 身份证, 行驶证 and 公章 completed to nothing (a lost item's title was keyed after its 遗失 only, and not at all
    for an item of two characters), nor 市监局, 发改委 or 自然资源局 (the short names of bodies that synonyms search by)."""
    def lost(n: int, holder: str, item: str) -> Record:
        return Record(id=f"lost-{n}", kind="notice", notice_type="lost", title=f"{holder}遗失{item}声明", issuer=holder,
                      body=f"{holder}不慎遗失{item}，声明作废。", publish_date="2026-11-02")

    def disclosure(n: int, issuer: str) -> Record:
        return Record(id=f"doc-{n}", kind="disclosure", title=f"关于做好2026年第{n}项工作的通知", issuer=issuer, body="各有关单位：请做好工作。",
                      publish_date="2026-10-02")

    records = [lost(n, holder, item) for n, (holder, item) in enumerate([
        ("陈明", "居民身份证"), ("黄丽", "居民身份证"), ("吴建", "机动车行驶证"), ("林芳", "机动车行驶证"),
        ("厦门甲贸易有限公司", "公章"), ("厦门乙科技有限公司", "公章"), ("张斌", "厦门市社会保障卡"), ("王秀", "厦门市社会保障卡")])]
    records += [disclosure(1, "厦门市市场监督管理局"), disclosure(2, "厦门市发展和改革委员会"), disclosure(3, "厦门市自然资源和规划局")]
    engine = build_engine(tmp_path / "data", records)
    try:
        for typed, offered in [("身份证", "遗失居民身份证声明"), ("身分證", "遗失居民身份证声明"), ("行驶证", "遗失机动车行驶证声明"),
                               ("行车证", "遗失机动车行驶证声明"), ("公章", "遗失公章声明"), ("社保卡", "遗失厦门市社会保障卡声明"),
                               ("社会保障卡", "遗失厦门市社会保障卡声明"), ("市监局", "厦门市市场监督管理局"),
                               ("發改委", "厦门市发展和改革委员会"), ("自然资源局", "厦门市自然资源和规划局")]:
            assert offered in [s.text for s in engine.suggest(typed, 5)], typed
        assert engine.suggest("动车", 5) == []  # a word inside another (机动车) is no start
        assert engine.suggest("证声明", 5) == []  # nor a lone character
    finally:
        engine.close()


def test_a_title_completes_by_the_document_it_carries_and_a_law_without_the_state(tmp_path):
    """search8: 个人所得 completed to nothing: 国务院关于印发个人所得税专项附加扣除暂行办法的通知 was keyed after its 关于 (印发…),
    中华人民共和国个人所得税法实施条例 by its start only."""
    titles = ["国务院关于印发个人所得税专项附加扣除暂行办法的通知", "中华人民共和国个人所得税法实施条例", "关于转发省政府关于校园安全若干措施的通知",
              "中华人民共和国宪法"]
    records = [Record(id=f"doc-{n}", kind="disclosure", title=title, issuer="国务院", body="正文。", publish_date="2018-12-22")
               for n, title in enumerate(titles)]
    engine = build_engine(tmp_path / "data", records)
    try:
        assert {s.text for s in engine.suggest("个人所得", 5)} == set(titles[:2])
        assert [s.text for s in engine.suggest("省政府关于校园", 5)] == [titles[2]]
        assert [s.text for s in engine.suggest("宪法", 5)] == [titles[3]]
        assert [s.text for s in engine.suggest("印发个人", 5)] == [titles[0]]  # as before
    finally:
        engine.close()


def test_a_lost_item_completes_when_typed_before_its_loss(tmp_path):
    """newuser3 (session 21): the page's own example 营业执照遗失 completed to nothing while typing: titles print 遗失 first
    (遗失营业执照副本声明), people type the item first. Every prefix of the item said first completes to the title."""
    def lost(n: int, holder: str, item: str) -> Record:
        return Record(id=f"lost-{n}", kind="notice", notice_type="lost", title=f"{holder}遗失{item}声明", issuer=holder,
                      body=f"{holder}不慎遗失{item}，声明作废。", publish_date="2026-11-02")

    records = [lost(n, holder, item) for n, (holder, item) in enumerate([
        ("厦门甲贸易有限公司", "营业执照副本"), ("厦门乙科技有限公司", "营业执照副本"), ("张斌", "厦门市社会保障卡"),
        ("王秀", "厦门市社会保障卡"), ("厦门丙餐饮有限公司", "公章"), ("厦门丁商行", "公章")])]
    engine = build_engine(tmp_path / "data", records)
    try:
        for typed, offered in [("营业执照遗", "遗失营业执照副本声明"), ("营业执照遗失", "遗失营业执照副本声明"),
                               ("营业执照副本遗失声明", "遗失营业执照副本声明"), ("营业执照丢失", "遗失营业执照副本声明"),
                               ("执照遗失", "遗失营业执照副本声明"), ("社保卡遗失", "遗失厦门市社会保障卡声明"),
                               ("社会保障卡遗", "遗失厦门市社会保障卡声明"), ("公章遗失", "遗失公章声明")]:
            assert [s.text for s in engine.suggest(typed, 5)] == [offered], typed
        assert engine.suggest("动车遗失", 5) == []  # still no start inside a word
        assert engine.suggest("营业执照遗失了", 5) == []  # a key is a prefix of what is typed, never the other way
    finally:
        engine.close()


def test_every_prefix_of_the_search_boxs_examples_completes_on_the_demo_data(tmp_path):
    """The page's placeholder offers these queries (web.pages.SEARCH_EXAMPLES): typed key by key on the demo data, each
    prefix of two characters or more is offered a completion (newuser3: 营业执照遗 was offered nothing)."""
    from tests.support import demo_and_corpus_engine
    from web.pages import SEARCH_EXAMPLES

    engine = demo_and_corpus_engine(tmp_path / "data")
    try:
        for example in SEARCH_EXAMPLES:
            for n in range(2, len(example) + 1):
                assert engine.suggest(example[:n], 5), example[:n]
    finally:
        engine.close()
