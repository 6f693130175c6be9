"""The index schema and how a Record becomes a tantivy Document.

Text fields hold the folded text, tokenized per character (see analysis.py), not stored:
`title`, `meta` (summary, keywords, issuer, 文号, 索引号: short fields searched together), `body`,
plus `issuer_text`/`topic_text` for issuer:/topic: queries. `all_bigrams` holds the character
pairs of all of them (the fast candidate filter). Exact fields (raw tokenizer, fast) serve
filters, facets and the 文号/索引号 lookup. Everything a hit shows is stored once, as a JSON
payload, so search never touches SQLite.
"""

from __future__ import annotations

import json
from datetime import date

import tantivy

from gongkai.indexer.analysis import BIGRAM_TOKENIZER_NAME, PUNCT_MARK, TOKENIZER_NAME, bigram_text, index_text
from gongkai.record import Record

#: Text fields searched by plain words, with the boost that makes a title match outrank a body match.
TEXT_FIELD_BOOSTS: dict[str, float] = {"title": 5.0, "meta": 2.0, "body": 1.0}
#: Raw (untokenized) fields: exact values for filters and facets.
EXACT_FIELDS = ("id", "kind", "notice_type", "issuer", "topic", "doc_number", "index_number")
#: The stored payload's keys (what a Hit and its snippet need).
PAYLOAD_KEYS = (
    "id", "title", "doc_number", "index_number", "issuer", "publish_date", "kind", "notice_type", "url", "summary", "body",
)
NO_DATE = 0  # publish_day of a record without a date: sorts last when newest come first
#: Bump when the schema or the analysis changes: an index built otherwise must be rebuilt.
SCHEMA_VERSION = 2


def build_schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    for name in EXACT_FIELDS:
        builder.add_text_field(name, tokenizer_name="raw", fast=name != "id", index_option="basic")
    for name in (*TEXT_FIELD_BOOSTS, "issuer_text", "topic_text"):
        builder.add_text_field(name, tokenizer_name=TOKENIZER_NAME, index_option="position")
    builder.add_text_field("all_bigrams", tokenizer_name=BIGRAM_TOKENIZER_NAME, index_option="freq")
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

    # Each text is prepared once; PUNCT_MARK between parts keeps two parts from forming one phrase.
    title = index_text(record.title)
    meta_parts = [record.summary, *record.keywords, record.issuer, record.doc_number, record.index_number]
    meta = PUNCT_MARK.join(index_text(part) for part in meta_parts if part)
    body = index_text(record.body)
    doc.add_text("title", title)
    if meta:
        doc.add_text("meta", meta)
    if body:
        doc.add_text("body", body)
    if record.issuer:
        doc.add_text("issuer_text", index_text(record.issuer))
    if record.topic:
        doc.add_text("topic_text", index_text(record.topic))
    doc.add_text("all_bigrams", bigram_text([title, meta, body]))

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
