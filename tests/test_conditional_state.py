"""The pages, the JSON API and OAI-PMH validated by the data they were built from (clients9, session 19): a weak ETag of
the search index's state, the store's last change number, the day and the request (web/conditional.state_etag), with the
feeds' one implementation of If-None-Match (304), If-Match (412) and Vary. They carried none, so a browser or a cache
downloaded every page again, and If-Match there was not evaluated. A cache must never be told a page of an older data
state is current: after an ingest or a withdrawal the old tag gets a 200 with the new answer. Real engine, real socket."""

from __future__ import annotations

import httpx
import pytest

from gongkai.record import Record
from tests.support import sample_records, served_engine

OAI_LIST = "/oai?verb=ListRecords&metadataPrefix=oai_dc"


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    records = sample_records()[:40]
    with served_engine(tmp_path_factory.mktemp("state_etag") / "data", records) as (engine, base):
        yield engine, base, records


def _routes(records: list[Record]) -> list[str]:
    disclosure = next(r for r in records if r.kind == "disclosure" and not r.withdrawn)
    return ["/", "/search?q=通知", "/outages?area=湖滨南路", f"/documents/{disclosure.id}", "/api/search?q=通知",
            f"/api/documents/{disclosure.id}", "/api/suggest?q=厦门", "/api/notices/outages?area=湖滨南路", "/oai?verb=Identify",
            OAI_LIST]


def test_every_data_route_answers_304_to_its_own_tag_with_the_same_validators(served):
    _, base, records = served
    with httpx.Client(base_url=base, timeout=30) as client:
        for path in _routes(records):
            whole = client.get(path, headers={"Accept-Encoding": "gzip"})
            tag = whole.headers["etag"]
            assert whole.status_code == 200 and tag.startswith('W/"'), path
            assert whole.headers["cache-control"] == "no-cache", path  # kept, but asked about before each use
            assert "accept-ranges" not in whole.headers, path  # two answers of one tag may differ in bytes (timing)
            for sent in (tag, tag.removeprefix("W/"), f'"stale", {tag}', "*"):
                again = client.get(path, headers={"Accept-Encoding": "gzip", "If-None-Match": sent})
                assert again.status_code == 304 and again.content == b"", (path, sent)
                # RFC 9110 §15.4.5: the 304 carries the ETag, Cache-Control and Vary the 200 had
                for name in ("etag", "cache-control", "vary"):
                    assert again.headers.get(name) == whole.headers.get(name), (path, name)
            assert client.get(path, headers={"If-None-Match": 'W/"other"'}).status_code == 200, path
            # If-Match compares strongly, and our tags are weak: only * holds (§13.1.1)
            assert client.get(path, headers={"If-Match": tag}).status_code == 412, path
            assert client.get(path, headers={"If-Match": "*"}).status_code == 200, path


def test_each_request_has_its_own_tag_and_errors_have_none(served):
    _, base, records = served
    with httpx.Client(base_url=base, timeout=30) as client:
        tags = {path: client.get(path).headers["etag"] for path in _routes(records)}
        assert len(set(tags.values())) == len(tags)
        assert client.get("/api/search?q=公告").headers["etag"] != tags["/api/search?q=通知"]
        for path in ("/documents/no-such-record", "/api/documents/no-such-record", "/api/search?page=0", "/oai?verb=Nope"):
            response = client.get(path, headers={"If-None-Match": "*"})
            if path.startswith("/oai"):  # an OAI-PMH error is a 200 document of its own, tagged like any answer
                assert response.status_code == 304
                continue
            assert response.status_code >= 400 and "etag" not in response.headers, path
        # not the data's: operators' numbers and liveness change without a store change
        for path in ("/api/stats", "/healthz"):
            assert "etag" not in client.get(path).headers, path


def test_an_ingest_or_a_withdrawal_gives_every_old_tag_a_200_with_the_new_answer(served):
    engine, base, records = served
    notice = next(r for r in records if r.kind == "notice" and not r.withdrawn)
    with httpx.Client(base_url=base, timeout=30) as client:
        before = {path: client.get(path) for path in ("/api/search?q=遗失", "/search?q=遗失", OAI_LIST, f"/api/documents/{notice.id}")}
        engine.ingest_records([Record(kind="notice", notice_type="lost", title="遗失声明 厦门市思明区某某商行营业执照正本遗失", issuer="厦门日报",
                                      publish_date="2026-12-05", body="厦门市思明区某某商行遗失营业执照正本，声明作废。")])
        for path, old in before.items():
            now = client.get(path, headers={"If-None-Match": old.headers["etag"]})
            assert now.status_code == 200 and now.headers["etag"] != old.headers["etag"], path
        assert client.get("/api/search?q=遗失").json()["total"] == before["/api/search?q=遗失"].json()["total"] + 1
        held = client.get(f"/api/documents/{notice.id}").headers["etag"]
        assert engine.withdraw(notice.id, "重复刊登", operator="clients9")
        gone = client.get(f"/api/documents/{notice.id}", headers={"If-None-Match": held})
        assert gone.status_code == 410 and "etag" not in gone.headers


def test_the_openapi_document_names_the_tag_and_the_304(served):
    _, base, _ = served
    paths = httpx.get(base + "/openapi.json", timeout=30).json()["paths"]
    for path in ("/api/search", "/api/documents/{record_id}", "/api/lookup", "/api/notices/outages", "/oai"):
        operation = paths[path]["get"]
        assert {"304", "412"} <= set(operation["responses"]), path
        assert {"ETag", "Cache-Control"} <= set(operation["responses"]["200"]["headers"]), path
        names = {p["name"] for p in operation["parameters"] if p["in"] == "header"}
        assert {"If-None-Match", "If-Match"} <= names, path
    assert "304" not in paths["/api/stats"]["get"]["responses"]
