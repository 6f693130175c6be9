"""The index schema and how a Record becomes a tantivy Document.

Text fields hold the folded text, tokenized per character (see analysis.py), not stored.
Exact fields (raw tokenizer, fast) serve filters, facets and the 文号/索引号 lookup.
Everything a hit shows is stored once, as a JSON payload, so search never touches SQLite.
"""

from __future__ import annotations

import json
from datetime import date

import tantivy

from gongkai.record import Record
from gongkai.indexer.analysis import TOKENIZER_NAME, index_text

#: Text fields searched by plain words, with the boost that makes a title match outrank a body match.
TEXT_FIELD_BOOSTS: dict[str, float] = {
    "title": 5.0,
    "doc_number_text": 3.0,
    "issuer_text": 1.5,
    "summary": 1.5,
    "keywords": 2.0,
    "body": 1.0,
}
#: Raw (untokenized) fields: exact values for filters and facets.
EXACT_FIELDS = ("id", "kind", "notice_type", "issuer", "topic", "doc_number", "index_number")
#: The stored payload's keys (what a Hit and its snippet need).
PAYLOAD_KEYS = (
    "id", "title", "doc_number", "index_number", "issuer", "publish_date", "kind", "notice_type", "url", "summary", "body",
)
NO_DATE = 0  # publish_day of a record without a date: sorts last when newest come first


def build_schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    for name in EXACT_FIELDS:
        builder.add_text_field(name, tokenizer_name="raw", fast=name not in ("id",), index_option="basic")
    for name in (*TEXT_FIELD_BOOSTS, "topic_text"):
        builder.add_text_field(name, tokenizer_name=TOKENIZER_NAME, index_option="position")
    builder.add_integer_field("year", indexed=True, fast=True)
    builder.add_integer_field("publish_day", indexed=True, fast=True)  # date.toordinal(), NO_DATE if none
    builder.add_bytes_field("payload", stored=True, indexed=False)
    return builder.build()


def day_number(day: date | None) -> int:
    return day.toordinal() if day else NO_DATE


def record_to_document(record: Record) -> tantivy.Document:
    doc = tantivy.Document()
    doc.add_text("id", record.id)
    doc.add_text("kind", record.kind)
    if record.notice_type:
        doc.add_text("notice_type", record.notice_type)
    for name in ("issuer", "topic", "doc_number", "index_number"):
        value = getattr(record, name)
        if value:
            doc.add_text(name, value)

    doc.add_text("title", index_text(record.title))
    if record.summary:
        doc.add_text("summary", index_text(record.summary))
    if record.keywords:
        doc.add_text("keywords", index_text("、".join(record.keywords)))  # 、: no phrase across two keywords
    if record.issuer:
        doc.add_text("issuer_text", index_text(record.issuer))
    if record.topic:
        doc.add_text("topic_text", index_text(record.topic))
    identifiers = "、".join(v for v in (record.doc_number, record.index_number) if v)
    if identifiers:
        doc.add_text("doc_number_text", index_text(identifiers))
    if record.body:
        doc.add_text("body", index_text(record.body))

    if record.year is not None:
        doc.add_integer("year", record.year)
    doc.add_integer("publish_day", day_number(record.publish_date))
    doc.add_bytes("payload", encode_payload(record))
    return doc


def encode_payload(record: Record) -> bytes:
    payload = {key: getattr(record, key) for key in PAYLOAD_KEYS}
    payload["publish_date"] = record.publish_date.isoformat() if record.publish_date else None
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def decode_payload(raw: bytes) -> dict:
    payload = json.loads(raw)
    day = payload.get("publish_date")
    payload["publish_date"] = date.fromisoformat(day) if day else None
    return payload
