"""An issuer's Atom feed for a name holding "/" (厦门市发展和改革委员会/厦门市粮食局: two bodies that publish as one)
answered 404, however the client wrote the "/" (polish, probe3's leftover). Real server on 127.0.0.1 (uvicorn
decodes %2F before routing), real SQLite and Tantivy, feedparser as a harvester reads it."""

from __future__ import annotations

from urllib.parse import quote

import feedparser
import httpx

from tests.support import served_engine

ISSUER = "厦门市发展和改革委员会/厦门市粮食局"
RECORDS = [
    {"title": "关于做好今年粮食收购工作的通知", "issuer": ISSUER, "body": "粮食收购", "publish_date": "2024-05-06"},
    {"title": "厦门市发展和改革委员会关于电价的通知", "issuer": "厦门市发展和改革委员会", "body": "电价", "publish_date": "2024-05-07"},
]


def test_an_issuer_feed_whose_name_holds_a_slash(tmp_path):
    with served_engine(tmp_path / "data", RECORDS) as (_, base):
        ids = set()
        for spelled in (quote(ISSUER, safe=""), quote(ISSUER, safe="/")):
            answer = httpx.get(f"{base}/feeds/issuer/{spelled}.atom")
            assert answer.status_code == 200, (spelled, answer.text)
            feed = feedparser.parse(answer.content)
            assert not feed.bozo and [e.title for e in feed.entries] == ["关于做好今年粮食收购工作的通知"]
            assert "%2F" in feed.feed.id
            ids.add(feed.feed.id)
        assert len(ids) == 1  # one feed, one id, however the "/" was written
        plain = feedparser.parse(httpx.get(f"{base}/feeds/issuer/{quote('厦门市发展和改革委员会')}.atom").content)
        assert [e.title for e in plain.entries] == ["厦门市发展和改革委员会关于电价的通知"]
