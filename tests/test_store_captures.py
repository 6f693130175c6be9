"""Raw captures (content-addressed files), their links to records, the quarantine and the outbox."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

import pytest

from gongkai.record import Record
from gongkai.store import CaptureCorruptError, CaptureMissingError, Store, StoreError
from gongkai.store.store import INLINE_PAYLOAD_MAX_BYTES
from tests.conftest import govcn_records
from tests.test_store import database_url  # noqa: F401 (fixture: SQLite, and PostgreSQL when configured)

FETCHED = datetime(2019, 2, 17, 7, 40, 19, tzinfo=UTC)


@pytest.fixture
def store(database_url, tmp_path, corpus):  # noqa: F811 (the imported fixture, by name)
    store = Store(database_url, tmp_path / "raw")
    yield store
    store.close()


@pytest.fixture
def page(corpus) -> bytes:
    return (corpus / "govcn_state_council_policies" / "html" / "govcn-5338761.html").read_bytes()


def test_capture_is_kept_byte_exact_under_its_sha256(store, tmp_path, page):
    sha = store.put_capture(
        page,
        url="http://www.gov.cn/zhengce/content/2018-11/09/content_5338761.htm",
        content_type="text/html; charset=utf-8",
        source="govcn",
        fetched_at=FETCHED,
        meta={"站点": "中国政府网"},
    )

    assert sha == hashlib.sha256(page).hexdigest()
    assert (tmp_path / "raw" / sha[:2] / sha[2:4] / sha).read_bytes() == page
    data, info = store.get_capture(sha)
    assert data == page
    assert info["url"].endswith("content_5338761.htm") and info["source"] == "govcn"
    assert info["content_type"] == "text/html; charset=utf-8" and info["size"] == len(page)
    assert info["fetched_at"] == FETCHED and info["meta"] == {"站点": "中国政府网"}
    assert not list((tmp_path / "raw").rglob(".tmp-*"))


def test_gbk_bytes_are_kept_as_bytes(store, page):
    gbk = page.decode("utf-8").encode("gb18030")
    sha = store.put_capture(gbk, content_type="text/html; charset=gbk")
    assert store.get_capture(sha)[0] == gbk


def test_putting_the_same_bytes_again_changes_nothing(store, page):
    first = store.put_capture(page, url="http://a/1", source="govcn")
    again = store.put_capture(page, url="http://mirror/1", source="mirror")

    assert first == again
    assert store.get_capture(first)[1]["url"] == "http://a/1"
    assert store.stats()["captures"] == 1


def test_unknown_missing_and_altered_captures(store, tmp_path, page):
    assert store.get_capture("a" * 64) is None
    with pytest.raises(ValueError, match="not a sha256"):
        store.get_capture("../../etc/passwd")
    with pytest.raises(TypeError):
        store.put_capture("text, not bytes")  # type: ignore[arg-type]

    sha = store.put_capture(page)
    path = tmp_path / "raw" / sha[:2] / sha[2:4] / sha
    path.write_bytes(page + b"tampered")
    with pytest.raises(CaptureCorruptError, match="altered"):
        store.get_capture(sha)
    path.unlink()
    with pytest.raises(CaptureMissingError, match="missing"):
        store.get_capture(sha)


def test_links_from_records_to_captures(store, page):
    record = Record(**govcn_records()[0])
    store.upsert_batch([record])
    page_sha = store.put_capture(page)
    sidecar_sha = store.put_capture(b"{\"id\": 1}")

    store.link_capture(record.id, page_sha)
    store.link_capture(record.id, sidecar_sha)
    store.link_capture(record.id, page_sha)

    assert sorted(store.captures_of(record.id)) == sorted([page_sha, sidecar_sha])
    assert store.captures_of("unknown") == []
    with pytest.raises(StoreError, match="unknown capture"):
        store.link_capture(record.id, "b" * 64)


def test_quarantine_keeps_bytes_text_and_reasons(store, page):
    gbk = "厦府〔2014〕12号 标题缺失".encode("gbk")
    bytes_id = store.quarantine(input_ref="feeds/xmrb/0601.html", reason="title: field required", payload=gbk, source="xmrb")
    text_id = store.quarantine(input_ref="in.jsonl:7", reason="publish_date: not a date", payload='{"title": "停水通知"}')
    big_text = "停电" * (INLINE_PAYLOAD_MAX_BYTES // 3)
    big_id = store.quarantine(input_ref="big.txt", reason="too long", payload=big_text)
    page_sha = store.put_capture(page, url="http://www.gov.cn/x")
    capture_id = store.quarantine(input_ref="http://www.gov.cn/x", reason="parse error", capture_sha256=page_sha)
    bare_id = store.quarantine(input_ref="/data/huge.pdf", reason="file too large")

    assert store.quarantine_get(bytes_id)["payload"] == gbk
    assert store.quarantine_get(bytes_id)["payload_sha256"] == hashlib.sha256(gbk).hexdigest()
    assert store.quarantine_get(text_id)["payload"] == '{"title": "停水通知"}'.encode()
    assert store.quarantine_get(big_id)["payload"].decode() == big_text
    assert store.quarantine_get(big_id)["payload_text"] is None
    assert store.quarantine_get(capture_id)["payload"] == page
    assert store.quarantine_get(bare_id)["payload"] is None
    assert store.quarantine_get(999) is None

    listed = store.quarantine_list()
    assert [item["id"] for item in listed] == [bare_id, capture_id, big_id, text_id, bytes_id]
    assert listed[-1]["reason"] == "title: field required" and listed[-1]["source"] == "xmrb"
    assert listed[1]["capture_sha256"] == page_sha
    assert store.stats()["quarantined"] == 5


def test_quarantine_status_changes(store):
    qid = store.quarantine(input_ref="x", reason="bad")
    store.quarantine_set_status(qid, "retried")
    store.quarantine_set_status(qid, "resolved")

    assert store.quarantine_list() == []
    assert [item["status"] for item in store.quarantine_list(status=None)] == ["resolved"]
    assert store.quarantine_list(status="resolved")[0]["id"] == qid
    with pytest.raises(ValueError, match="open, resolved, retried"):
        store.quarantine_set_status(qid, "deleted")
    with pytest.raises(KeyError):
        store.quarantine_set_status(12345, "open")


def test_quarantine_refuses_to_lose_the_reason(store):
    with pytest.raises(ValueError, match="reason"):
        store.quarantine(input_ref="x", reason="")
    with pytest.raises(StoreError, match="unknown capture"):
        store.quarantine(input_ref="x", reason="bad", capture_sha256="c" * 64)
    assert store.quarantine_list(status=None) == []


def test_outbox_rows_are_sent_or_retried(store):
    records = [Record(**fields) for fields in govcn_records()[:3]]
    store.upsert_batch(records)
    store.withdraw(records[0].id, reason="已废止")

    pending = store.outbox_pending()
    assert [(p["record_id"], p["change"]) for p in pending] == [(r.id, "new") for r in records] + [(records[0].id, "withdrawn")]

    store.outbox_mark_sent([pending[0]["id"], pending[1]["id"]])
    store.outbox_mark_failed(pending[2]["id"], "HTTP 503")
    store.outbox_mark_failed(pending[3]["id"], "HTTP 400", give_up=True)

    left = store.outbox_pending()
    assert [(p["id"], p["attempts"], p["last_error"]) for p in left] == [(pending[2]["id"], 1, "HTTP 503")]
    assert store.stats()["outbox_pending"] == 1


def test_odd_text_is_kept_not_refused(store):
    # a file name that was not valid UTF-8 (os.listdir gives lone surrogates) and a NUL byte
    qid = store.quarantine(input_ref="/in/\udcb6\udcab.html", reason="bad\x00 bytes", payload="停水\x00通知")
    item = store.quarantine_get(qid)
    assert item["input_ref"] == "/in/\\udcb6\\udcab.html" and item["reason"] == "bad bytes"
    assert item["payload"] == "停水\x00通知".encode() and item["payload_text"] is None

    sha = store.put_capture(b"x", url="http://a/\udcff", meta={"name": "\udcff文件"})
    assert store.get_capture(sha)[1]["meta"] == {"name": "\udcff文件"}

    record = Record(title="遗失声明", issuer="厦门\x00某公司", source="xmrb", url="http://xmrb/9")
    store.upsert_batch([record])
    assert store.get(record.id).issuer == "厦门某公司"  # the Record type itself drops control characters
    assert store.stats()["by_source"] == {"xmrb": 1}
