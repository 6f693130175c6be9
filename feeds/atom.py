"""Atom feeds (feedgen) of records, so a citizen can follow a search, one agency or one notice type.

Entries link to the record page (settings feeds.record_page_path, /documents/{id}); `updated` is the record's last change, so a
corrected document shows up again in feed readers. Withdrawn records are left out.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, time, timezone, timedelta

from feedgen.feed import FeedGenerator

from gongkai.record import Record
from gongkai.web.labels import KIND_LABELS, NOTICE_TYPE_LABELS

CHINA_TZ = timezone(timedelta(hours=8))  # publish dates are Beijing calendar days
SUMMARY_CHARS = 200
GENERATOR = "gongkai 公开"


DEFAULT_PAGE_PATH = "/documents/{id}"


def record_page_url(base_url: str, record_id: str, page_path: str = DEFAULT_PAGE_PATH) -> str:
    """Absolute URL of a record's web page; `page_path` is settings feeds.record_page_path."""
    return base_url.rstrip("/") + page_path.replace("{id}", record_id)


def build_feed(
    *,
    title: str,
    subtitle: str,
    feed_url: str,
    base_url: str,
    entries: Sequence[tuple[Record, datetime]],
    page_path: str = DEFAULT_PAGE_PATH,
) -> bytes:
    """An Atom document; `entries` are (record, last change time), newest first as given."""
    generator = FeedGenerator()
    feed_url = _clean(feed_url)
    generator.id(feed_url)
    generator.title(_clean(title))  # titles quote the query or the issuer name the client sent
    generator.subtitle(_clean(subtitle))
    generator.link(href=feed_url, rel="self", type="application/atom+xml")
    generator.link(href=base_url.rstrip("/") + "/", rel="alternate", type="text/html")
    generator.author({"name": GENERATOR})
    generator.generator(GENERATOR)
    generator.language("zh-CN")
    newest = max((changed for _, changed in entries), default=None)
    generator.updated(newest or datetime(1970, 1, 1, tzinfo=timezone.utc))
    # feedgen prepends each added entry; add oldest first so the document lists newest first.
    for record, changed in reversed(list(entries)):
        _add_entry(generator, record, changed, record_page_url(base_url, record.id, page_path))
    return generator.atom_str(pretty=True)


def _add_entry(generator: FeedGenerator, record: Record, changed: datetime, page: str) -> None:
    entry = generator.add_entry()
    entry.id(page)
    entry.title(_clean(record.title))
    entry.link(href=page, rel="alternate", type="text/html")
    if record.url.startswith(("http://", "https://")):
        entry.link(href=record.url, rel="related")
    entry.updated(changed)
    if record.publish_date:
        entry.published(datetime.combine(record.publish_date, time(0, 0), CHINA_TZ))
    entry.author({"name": _clean(record.issuer) or GENERATOR})
    entry.summary(_clean(_summary(record)))
    entry.category(term=record.kind, label=KIND_LABELS.get(record.kind, record.kind))
    if record.notice_type:
        entry.category(term=record.notice_type, label=NOTICE_TYPE_LABELS.get(record.notice_type, record.notice_type))
    if record.topic:
        entry.category(term=_clean(record.topic))


def _summary(record: Record) -> str:
    parts = [x for x in (record.doc_number, record.summary or record.body[:SUMMARY_CHARS]) if x]
    text = " ".join(parts)
    return text if len(text) <= SUMMARY_CHARS + 40 else text[:SUMMARY_CHARS] + "…"


def _clean(text: str) -> str:
    """Control characters are not allowed in XML 1.0; scraped text sometimes carries them."""
    return "".join(ch for ch in text if ch in "\t\n\r" or ord(ch) >= 0x20 and ch not in "\ufffe\uffff")
