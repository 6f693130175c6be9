"""The index schema and how a Record becomes a tantivy Document.

Text fields hold the folded text, tokenized per character (see analysis.py), not stored:
`all_text` (title, summary, keywords, issuer, 文号, 索引号 and body, each part separated by a
punctuation mark: the one field a word must match), `title` again (for the title bonus), and
`issuer_text`/`topic_text` for issuer:/topic: queries. `all_bigrams` holds the Han character
pairs of all_text (the fast candidate filter). Exact fields (raw tokenizer, fast) serve
filters, facets and the 文号/索引号 lookup. Everything a hit shows is stored once, as a JSON
payload, so search never touches SQLite.
"""

from __future__ import annotations

import json
from datetime import date

import tantivy

from gongkai.indexer.analysis import BIGRAM_TOKENIZER_NAME, PUNCT_MARK, TOKENIZER_NAME, bigram_text, index_text
from gongkai.record import Record

#: A word found in the title scores this many times a match elsewhere, so title matches rank first.
TITLE_BOOST = 5.0
#: Raw (untokenized) fields: exact values for filters and facets.
EXACT_FIELDS = ("id", "kind", "notice_type", "issuer", "topic", "doc_number", "index_number")
#: The stored payload's keys (what a Hit and its snippet need).
PAYLOAD_KEYS = (
    "id", "title", "doc_number", "index_number", "issuer", "publish_date", "kind", "notice_type", "url", "summary", "body",
)
NO_DATE = 0  # publish_day of a record without a date: sorts last when newest come first
#: Bump when the schema or the analysis changes: an index built otherwise must be rebuilt.
SCHEMA_VERSION = 3


def build_schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    for name in EXACT_FIELDS:
        builder.add_text_field(name, tokenizer_name="raw", fast=name != "id", index_option="basic")
    for name in ("all_text", "title", "issuer_text", "topic_text"):
        builder.add_text_field(name, tokenizer_name=TOKENIZER_NAME, index_option="position")
    builder.add_text_field("all_bigrams", tokenizer_name=BIGRAM_TOKENIZER_NAME, index_option="freq")
    builder.add_integer_field("year", indexed=True, fast=True)
    builder.add_integer_field("publish_day", indexed=True, fast=True)  # date.toordinal(), NO_DATE if none
    builder.add_bytes_field("payload", stored=True, indexed=False)
    return builder.build()


def day_number(day: date | None) -> int:
    return day.toordinal() if day else NO_DATE


def record_to_document(record: Record) -> tantivy.Document:
    return build_document(
        id=record.id, kind=record.kind, notice_type=record.notice_type, issuer=record.issuer, topic=record.topic,
        doc_number=record.doc_number, index_number=record.index_number, title=record.title, summary=record.summary,
        keywords=record.keywords, body=record.body, year=record.year, publish_date=record.publish_date,
        payload=encode_payload(record),
    )


def build_document(
    *, id: str, kind: str, notice_type: str | None, issuer: str, topic: str, doc_number: str, index_number: str,
    title: str, summary: str, keywords: list[str], body: str, year: int | None, publish_date: date | None,
    payload: bytes,
) -> tantivy.Document:
    """The document from plain values (record_to_document's work; a benchmark may call it without a Record)."""
    doc = tantivy.Document()
    doc.add_text("id", id)
    doc.add_text("kind", kind)
    if notice_type:
        doc.add_text("notice_type", notice_type)
    for name, value in (("issuer", issuer), ("topic", topic), ("doc_number", doc_number), ("index_number", index_number)):
        if value:
            doc.add_text(name, value)

    # A mark between parts keeps two parts from forming one phrase. The raw parts are joined with
    # the mark before one index_text() pass (it maps every punctuation mark to " | "): one call instead
    # of one per part, the same text.
    title_text = index_text(title)
    all_text = index_text(PUNCT_MARK.join([title, *(p for p in (summary, *keywords, issuer, doc_number, index_number, body) if p)]))
    doc.add_text("title", title_text)
    doc.add_text("all_text", all_text)
    if issuer:
        doc.add_text("issuer_text", index_text(issuer))
    if topic:
        doc.add_text("topic_text", index_text(topic))
    doc.add_text("all_bigrams", bigram_text([all_text]))

    if year is not None:
        doc.add_integer("year", year)
    doc.add_integer("publish_day", day_number(publish_date))
    doc.add_bytes("payload", payload)
    return doc


_PAYLOAD_INCLUDE = frozenset(PAYLOAD_KEYS)


def encode_payload(record: Record) -> bytes:
    """The PAYLOAD_KEYS of the record as compact UTF-8 JSON (dates as ISO strings), written by
    pydantic's own serializer: about half the time of building a dict for json.dumps."""
    return Record.__pydantic_serializer__.to_json(record, include=_PAYLOAD_INCLUDE)


def decode_payload(raw: bytes) -> dict:
    payload = json.loads(raw)
    day = payload.get("publish_date")
    payload["publish_date"] = date.fromisoformat(day) if day else None
    return payload
