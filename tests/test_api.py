"""The JSON API over a real socket (uvicorn on 127.0.0.1) against a real store and tantivy index
built from the bundled Xiamen sample records and the 40 real 国务院 records of the shared corpus."""

from __future__ import annotations

from datetime import date

import httpx
import pytest

from gongkai.indexer.models import SearchRequest
from tests.conftest import govcn_records
from tests.support import sample_records, served_engine

# 国办函〔2018〕71号 is a real record of the corpus (政府网站集约化试点工作方案).
REAL_DOC_NUMBER = "国办函〔2018〕71号"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    records = sample_records() + govcn_records()
    with (served_engine(tmp_path_factory.mktemp("api") / "data", records) as (engine, base_url),
          httpx.Client(base_url=base_url, timeout=10) as client):
        yield engine, client


@pytest.fixture
def client(server):
    return server[1]


@pytest.fixture
def engine(server):
    return server[0]


def search(client: httpx.Client, **params) -> dict:
    response = client.get("/api/search", params=params)
    assert response.status_code == 200, response.text
    return response.json()


# --- search -------------------------------------------------------------------------------------------


def test_search_finds_and_highlights_chinese_words(client):
    body = search(client, q="停电")
    assert body["total"] > 5
    assert body["hits"], body
    first = body["hits"][0]
    assert "<em>" in first["snippet_html"] and "停电" in first["title"] + first["snippet_text"]
    assert first["detail_url"] == f"/api/documents/{first['id']}"
    assert set(body["facets"]) == {"kind", "issuer", "notice_type", "topic", "year", "validity"}  # validity: issue 19


def test_search_has_the_same_semantics_as_the_engine(client, engine):
    """The API is a shell over engine.search: same ids, same order, same total, same facets."""
    for q, filters in [("停电", {}), ("国务院 通知", {"kind": "disclosure"}), ("遗失", {"notice_type": "lost"}), ("", {"year": 2019})]:
        body = search(client, q=q, page_size=20, **filters)
        direct = engine.search(SearchRequest(q=q, limit=20, **filters))
        assert body["total"] == direct.total
        assert [h["id"] for h in body["hits"]] == [h.id for h in direct.hits]
        assert body["facets"] == direct.facets


def test_filters_restrict_and_facet_counts_add_up(client):
    everything = search(client, q="")
    assert sum(everything["facets"]["kind"].values()) == everything["total"] == 440
    notices = search(client, kind="notice", page_size=100)
    assert notices["total"] == everything["facets"]["kind"]["notice"]
    assert all(hit["kind"] == "notice" for hit in notices["hits"])
    outages = search(client, notice_type="outage", page_size=100)
    assert outages["total"] == everything["facets"]["notice_type"]["outage"]
    assert {hit["notice_type"] for hit in outages["hits"]} == {"outage"}
    issuer = search(client, issuer="国务院办公厅", page_size=100)
    assert issuer["total"] == everything["facets"]["issuer"]["国务院办公厅"] == 27
    assert {hit["issuer"] for hit in issuer["hits"]} == {"国务院办公厅"}


def test_date_range_accepts_chinese_dates_and_sort_by_date_is_newest_first(client):
    body = search(client, date_from="2018年11月1日", date_to="2019-02-28", sort="date", page_size=100)
    days = [date.fromisoformat(h["publish_date"]) for h in body["hits"]]
    assert body["total"] == len(days) > 0
    assert all(date(2018, 11, 1) <= d <= date(2019, 2, 28) for d in days)
    assert days == sorted(days, reverse=True)
    same = search(client, date_from="2018-11-01", date_to="二〇一九年二月二十八日", sort="date", page_size=100)
    assert same["total"] == body["total"]
    cli_names = client.get("/api/search", params={"from": "2018-11-01", "to": "2019-02-28", "sort": "date", "page_size": 100}).json()
    assert cli_names["total"] == body["total"]  # `from`/`to`, as `gongkai search --from/--to` calls them


def test_pages_partition_the_results(client):
    first = search(client, q="厦门", page_size=7)
    assert first["total"] > 14
    seen: list[str] = []
    for page in range(1, first["pages"] + 1):
        body = search(client, q="厦门", page_size=7, page=page, facets="false")
        assert body["page"] == page and body["facets"] == {}
        seen += [h["id"] for h in body["hits"]]
    assert len(seen) == len(set(seen)) == first["total"]


@pytest.mark.parametrize("variant", ["国办函〔2018〕71号", "国办函[2018]71号", "国办函（2018）71号", "国办函［２０１８］７１号", "国办函 (2018) 71 号"])
def test_a_document_number_in_any_bracket_variant_finds_the_document(client, variant):
    body = search(client, q=variant)
    assert body["hits"][0]["doc_number"] == REAL_DOC_NUMBER
    lookup = client.get("/api/lookup", params={"doc_number": variant}).json()
    assert lookup["doc_number"] == REAL_DOC_NUMBER
    assert [r["doc_number"] for r in lookup["records"]] == [REAL_DOC_NUMBER]


def test_lookup_by_index_number_full_width_and_lower_case(client):
    wanted = govcn_records()[0]["index_number"]
    variant = wanted.replace("/", "／").replace("-", "－")
    body = client.get("/api/lookup", params={"index_number": variant}).json()
    assert body["count"] == 1 and body["records"][0]["index_number"] == wanted
    assert client.get("/api/lookup", params={"index_number": "999999999/2999-99999"}).json()["count"] == 0


def test_lookup_needs_an_identifier(client):
    response = client.get("/api/lookup")
    assert response.status_code == 422
    assert response.json()["error"] == "invalid_parameter"


# --- documents ------------------------------------------------------------------------------------------


def test_document_gives_the_full_record_versions_and_source(client):
    hit = search(client, q=REAL_DOC_NUMBER)["hits"][0]
    body = client.get(hit["detail_url"]).json()
    record = body["record"]
    assert record["doc_number"] == REAL_DOC_NUMBER and record["issuer"] == "国务院办公厅"
    assert len(record["body"]) > 1000 and record["written_date"] and record["topic"]
    assert body["source_url"].startswith("http") and body["source_url"] == record["url"]
    assert [v["version"] for v in body["versions"]] == [1]
    assert body["page_url"] == f"/documents/{record['id']}"


@pytest.mark.parametrize("record_id", ["0000000000000000dead", "x" * 500, "不存在", "..%2F..%2Fetc%2Fpasswd", "a b"])
def test_unknown_ids_are_404_json(client, record_id):
    response = client.get(f"/api/documents/{record_id}")
    assert response.status_code == 404
    assert response.json()["error"] == "not_found"


def test_withdrawn_record_is_410_and_leaves_search(tmp_path):
    records = [r for r in sample_records() if r.kind == "notice"][:5]
    with served_engine(tmp_path / "data", records) as (engine, base_url):
        target = records[0]
        assert engine.withdraw(target.id, "撤销")
        response = httpx.get(f"{base_url}/api/documents/{target.id}")
        assert response.status_code == 410
        assert response.json() == {
            "error": "withdrawn", "message": "已撤销 / this record has been withdrawn",
            "id": target.id, "title": target.title, "source_url": target.url,
        }  # fmt: skip
        ids = [h["id"] for h in httpx.get(f"{base_url}/api/search", params={"page_size": 50}).json()["hits"]]
        assert target.id not in ids and len(ids) == 4


# --- outages --------------------------------------------------------------------------------------------


def test_outage_answers_for_a_street_on_a_day(client):
    # The sample notice: 仙岳路 is out on 2016-05-29 09:00-19:00 (window 1); window 2 (05-31) is 湖里大道's.
    body = client.get("/api/notices/outages", params={"area": "仙岳路", "date": "2016-05-29"}).json()
    assert body["affected"] is True and body["date"] == "2016-05-29"
    notice = next(n for n in body["notices"] if n["title"] == "国网厦门供电公司停电公告" and n["publish_date"] == "2016-05-27")
    [window] = notice["matching_windows"]
    assert (window["start"], window["end"], window["effect"]) == ("2016-05-29T09:00:00+08:00", "2016-05-29T19:00:00+08:00", "cut")
    assert "湖里区仙岳路" in window["areas"] and window["line"] == "10kV莲坂5号线"
    assert len(notice["windows"]) == 2 and notice["utility"] == "power" and "湖里区仙岳路" in notice["areas"]
    chinese = client.get("/api/notices/outages", params={"area": "仙岳路", "date": "2016年5月29日"}).json()
    assert chinese["count"] == body["count"]
    with_district = client.get("/api/notices/outages", params={"area": "湖里区仙岳路", "date": "2016-05-29"}).json()
    assert notice["id"] in [n["id"] for n in with_district["notices"]]


def test_outage_on_a_day_without_outage_is_not_affected(client):
    on_day = client.get("/api/notices/outages", params={"area": "仙岳路", "date": "2016-05-29"}).json()
    notice_id = next(n["id"] for n in on_day["notices"] if n["publish_date"] == "2016-05-27")
    day_between = client.get("/api/notices/outages", params={"area": "仙岳路", "date": "2016-05-30"}).json()
    assert notice_id not in [n["id"] for n in day_between["notices"]]
    # The same notice cuts 湖里大道 on the 31st: 仙岳路 is not cut that day, 湖里大道 is, by window 2 only.
    later = client.get("/api/notices/outages", params={"area": "仙岳路", "date": "2016-05-31"}).json()
    assert notice_id not in [n["id"] for n in later["notices"]]
    other_street = client.get("/api/notices/outages", params={"area": "湖里大道", "date": "2016-05-31"}).json()
    assert [(w["start"], w["end"]) for w in next(n for n in other_street["notices"] if n["id"] == notice_id)["matching_windows"]] == [
        ("2016-05-31T13:00:00+08:00", "2016-05-31T17:00:00+08:00")
    ]
    # A part of a name is not the place: 仙岳 is no street.
    part = client.get("/api/notices/outages", params={"area": "仙岳", "date": "2016-05-29"}).json()
    assert notice_id not in [n["id"] for n in part["notices"]]
    nowhere = client.get("/api/notices/outages", params={"area": "不存在的街道", "date": "2016-05-29"}).json()
    assert nowhere == {"area": "不存在的街道", "date": "2016-05-29", "until": None, "affected": False, "count": 0, "notices": []}


@pytest.mark.parametrize("params", [{}, {"area": ""}, {"area": "   "}, {"area": "仙岳路", "date": "某天"}, {"area": "仙岳路", "date": "2016-02-30"}, {"area": "仙岳路", "date": "2/30"}, {"area": "路" * 101}])
def test_outage_bad_parameters_are_422(client, params):
    response = client.get("/api/notices/outages", params=params)
    assert response.status_code == 422, response.text
    assert response.json()["error"] == "invalid_parameter"


# --- service ----------------------------------------------------------------------------------------------


def test_healthz_and_stats(client):
    assert client.get("/healthz").json() == {"status": "ok", "documents": 440}
    stats = client.get("/api/stats").json()
    assert stats["records"] == 440 and stats["by_kind"] == {"disclosure": 290, "notice": 150}
    assert stats["by_source"]["govcn"] == 40
    assert stats["index"]["documents"] == 440
    assert "data_dir" not in stats  # no server paths over HTTP


# --- bad input and limits -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "params, parameter",
    [
        ({"q": "字" * 501}, "q"),
        ({"page_size": 101}, "page_size"),
        ({"page_size": 0}, "page_size"),
        ({"page": 0}, "page"),
        ({"page": 1002, "page_size": 10}, "page"),  # offset 10,010 > max_offset 10,000
        ({"page": "abc"}, "page"),
        ({"kind": "secret"}, "kind"),
        ({"notice_type": "x"}, "notice_type"),
        ({"sort": "random"}, "sort"),
        ({"year": "19x9"}, "year"),
        ({"date_from": "not a date"}, "date_from"),
        ({"date_from": "2020-01-02", "date_to": "2020-01-01"}, "date_to"),
        ({"facets": "perhaps"}, "facets"),
    ],
)
def test_invalid_parameters_are_422_with_a_message_naming_the_parameter(client, params, parameter):
    response = client.get("/api/search", params=params)
    assert response.status_code == 422, response.text
    body = response.json()
    assert body["error"] == "invalid_parameter"
    assert parameter in body["message"]
    assert any(item["parameter"] == parameter for item in body["detail"])


def test_deepest_allowed_page_is_served(client):
    body = search(client, page=1001, page_size=10)  # offset exactly 10,000
    assert body["hits"] == [] and body["total"] == 440


def test_security_headers_on_api_and_pages(client):
    for path in ("/api/search?q=x", "/", "/api/documents/nope", "/static/style.css"):
        headers = client.get(path).headers
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["x-frame-options"] == "DENY"
        assert headers["referrer-policy"] == "strict-origin-when-cross-origin"
        csp = headers["content-security-policy"]
        assert "frame-ancestors 'none'" in csp and "default-src 'none'" in csp
        # Scripts (the search box's completions) and their requests only from our own origin; never inline.
        assert "script-src 'self';" in csp and "connect-src 'self';" in csp and "unsafe" not in csp


def test_openapi_describes_parameters_and_response_models(client):
    schema = client.get("/openapi.json").json()
    search_op = schema["paths"]["/api/search"]["get"]
    params = {p["name"]: p for p in search_op["parameters"]}
    assert {"q", "kind", "issuer", "notice_type", "topic", "year", "date_from", "date_to", "sort", "page", "page_size"} <= set(params)
    assert all(p.get("description") for p in params.values())
    assert params["page_size"]["schema"]["maximum"] == 100
    assert params["q"]["schema"]["maxLength"] == 500
    assert search_op["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].endswith("/SearchResult")
    assert search_op["responses"]["422"]["content"]["application/json"]["schema"]["$ref"].endswith("/ErrorResponse")
    for path in ("/api/documents/{record_id}", "/api/lookup", "/api/notices/outages", "/api/stats", "/healthz"):
        assert "$ref" in schema["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    assert "SearchHit" in schema["components"]["schemas"] and "Record" in schema["components"]["schemas"]


def test_unknown_api_path_and_method_are_json(client):
    assert client.get("/api/nothing").json()["error"] == "not_found"
    response = client.post("/api/search")
    assert response.status_code == 405 and response.json()["error"] == "method_not_allowed"


def test_an_engine_bug_is_a_logged_json_500_and_the_connection_survives(tmp_path, caplog):
    """The catch-all: a bug inside the engine must not leak a traceback nor break keep-alive clients."""
    from gongkai.web.app import create_app
    from gongkai.web.server import serve_in_thread
    from tests.support import build_engine

    engine = build_engine(tmp_path / "data", sample_records()[:3])

    class BrokenEngine(type(engine)):  # the real engine, with a bug planted in search
        def search(self, request):
            raise RuntimeError("planted bug")

    engine.__class__ = BrokenEngine
    with serve_in_thread(create_app(engine)) as base_url, httpx.Client(base_url=base_url) as client:
        response = client.get("/api/search", params={"q": "x"})
        assert response.status_code == 500
        assert response.json() == {"error": "internal_error", "message": "internal server error; it has been logged"}
        assert response.headers["x-content-type-options"] == "nosniff"
        page = client.get("/search", params={"q": "x"})
        assert page.status_code == 500 and "服务器内部错误" in page.text and "planted" not in page.text
        assert client.get(f"/api/documents/{sample_records()[0].id}").status_code == 200  # same connection, still fine
    assert "planted bug" in caplog.text


def test_an_outdated_index_is_a_503_that_says_to_reindex_and_a_reindex_heals_it(tmp_path):
    from gongkai.engine import Engine
    from gongkai.indexer import generations
    from gongkai.settings import load_settings
    from gongkai.web.app import create_app
    from gongkai.web.server import serve_in_thread
    from tests.support import build_engine

    data_dir = tmp_path / "data"
    build_engine(data_dir, sample_records()[:10]).close()
    # index.rebuild_on_open off: the engine would rebuild the index as it opens it (tests/test_follow.py)
    settings = load_settings(data_dir=data_dir, index={"rebuild_on_open": False, "follow": False})
    live = settings.index_dir / generations.read_current(settings.index_dir)
    generations.write_watermark(live, 10, 1)  # as if an older gongkai (schema 1) had built it

    engine = Engine(settings)
    with serve_in_thread(create_app(engine)) as base_url, httpx.Client(base_url=base_url) as client:
        response = client.get("/api/search", params={"q": "厦门"})
        assert response.status_code == 503 and response.headers["retry-after"] == "60"
        assert response.json()["error"] == "index_unavailable" and "gongkai reindex" in response.json()["message"]
        assert client.get("/healthz").status_code == 503
        page = client.get("/search", params={"q": "厦门"})
        assert page.status_code == 503 and "检索暂时不可用" in page.text
        assert client.get(f"/api/documents/{sample_records()[0].id}").status_code == 200  # the store still answers

        engine.reindex()
        assert client.get("/api/search", params={"q": ""}).json()["total"] == 10
