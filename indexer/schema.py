"""The index schema and how a Record becomes a tantivy Document.

Text fields hold the folded text, tokenized per character (see analysis.py), not stored:
`all_text` (title, summary, keywords, issuer, 文号, 索引号 and body, each part separated by a
punctuation mark: the one field a word must match), `title` again (for the title bonus), and
`issuer_text`/`topic_text` for issuer:/topic: queries. `all_bigrams` holds the Han character
pairs of all_text (the fast candidate filter), `title_bigrams` those of the title (a word's title bonus as
term queries), `sample` the record's sample slot (approximate facets of very broad queries). Exact fields (raw tokenizer, fast) serve
filters, facets and the 文号/索引号 lookup. Everything a hit shows is stored once, as a JSON
payload, so search never touches SQLite.

`validity` (issue 19) is derived data of the store, not a Record field: the indexer is given each
record's status when it indexes it (SearchIndex's `validity` lookup) and the store gives a record a new
change number when its status changes, so the index follows (see store/validity_changes.py).
"""

from __future__ import annotations

import json
import zlib
from datetime import date
from urllib.parse import unquote

import orjson
import tantivy

from gongkai.indexer.analysis import BIGRAM_TOKENIZER_NAME, PUNCT_MARK, TOKENIZER_NAME, bigram_text, index_text
from gongkai.record import Record, canonical_url
from gongkai.record_row import RecordRow
from gongkai.textnorm import fold

#: A word found in the title scores this many times a match elsewhere, so title matches rank first.
TITLE_BOOST = 5.0
#: Raw (untokenized) fields: exact values for filters and facets.
EXACT_FIELDS = ("id", "kind", "notice_type", "issuer", "topic", "doc_number", "index_number", "validity")
#: The validity of a record the store has no status for (not read yet): as a record with no statement.
NO_VALIDITY = "unknown"
#: The stored payload's keys (what a Hit and its snippet need).
PAYLOAD_KEYS = (
    "id", "title", "doc_number", "index_number", "issuer", "publish_date", "kind", "notice_type", "url", "summary", "body",
)
NO_DATE = 0  # publish_day of a record without a date: sorts last when newest come first
#: Bump when the schema or the analysis changes: an index built otherwise must be rebuilt.
SCHEMA_VERSION = 10  # 4: the validity field (issue 19); 5: title_bigrams and sample (issue 20); 6: url; 7: url keys decoded and folded (an index of 6 from before db8a79c holds them as printed); 8: radicals folded to the ideographs they stand for (⻔ is 门: gongkai.textnorm.ideograph_table); 9: numbering and compatibility forms (lead, session 21); 10: a notice's headline searched as its title (search16)
#: Every record falls in one of this many sample slots by its id (sample_slot): the facets of a query matching
#: hundreds of thousands of records are counted on one slot and scaled (search.facet_sample_above).
SAMPLE_SLOTS = 16


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
    # Issue 20, added last (the fields before keep their numbers): the title's Han pairs, so a word's title bonus
    # is term queries, not a phrase read from positions in every match (at 1,000,000 records most of a common
    # word's cost); and the record's sample slot.
    builder.add_text_field("title_bigrams", tokenizer_name=BIGRAM_TOKENIZER_NAME, index_option="freq")
    builder.add_integer_field("sample", indexed=True)  # sample_slot(id)
    # Schema 6: the source page's address (url_key), so a pasted link finds its record (query.py: a URL clause)
    builder.add_text_field("url", tokenizer_name="raw", index_option="basic")
    return builder.build()


def url_key(url: str) -> str:
    """The indexed form of a source page's address: gongkai.record.canonical_url (no scheme, port 80/443, fragment
    or trailing slash), %-escapes decoded and folded (gongkai.textnorm.fold: lower case, half width), so
    http://WWW.gov.cn/a.htm/ and https://www.gov.cn/A.htm are one, and so are …/%E5%85%AC%E5%91%8A.htm and …/公告.htm
    (two pages whose addresses differ only in case are taken for one: gov.cn sites do not publish such pairs).
    Read with string operations where the address is plain (http(s), no port): about 2.5 µs a record against 5.8 for
    canonical_url's regular expressions, at ingest (tests/test_search_heldout5.py compares the two)."""
    head = url[:8].lower()
    start = 7 if head.startswith("http://") else 8 if head == "https://" else -1
    if start < 0 or not url.isascii() or url[-1:].isspace() or url[:1].isspace():
        key = canonical_url(url)
    else:
        key = "//" + url[start:].split("#", 1)[0]
        host_end = key.find("/", 2)
        if ":" in (key[2:host_end] if host_end > 0 else key[2:]):
            key = canonical_url(url)  # a port
        elif key.count("/") > 3:
            key = key.rstrip("/")
    if "%" in key:  # an address bar shows 公告, a crawler may have stored %E5%85%AC%E5%91%8A: one key for both
        key = unquote(key)
    # folded as a query is (lower case, half width): a link typed or pasted in any case finds its page (…/KJ619HQD.html)
    return key.lower() if key.isascii() else fold(key)  # an ASCII address's fold is its lower case (no table walk)


def sample_slot(record_id: str) -> int:
    """The record's sample slot: a stable hash of its id (the same in every build and process)."""
    return zlib.crc32(record_id.encode("utf-8")) % SAMPLE_SLOTS


def day_number(day: date | None) -> int:
    return day.toordinal() if day else NO_DATE


#: The text work of one document, done ahead (possibly in another process, see gongkai.jsonl_worker):
#: (title, all_text, all_bigrams, issuer_text, topic_text) as prepare_texts() made them, the url_key and the payload
#: (last: gongkai.jsonl_worker sends the tuple without it and cuts it again from the record's JSON).
#: all_bigrams may be None: made from all_text by document_from_prepared (a worker process leaves it
#: to the receiver, whose share of the work is smaller, and the text is not sent twice).
#: A plain tuple because it is pickled once per record: a class would cost more to send.
PreparedDocument = tuple[str, str, str | None, str, str, str, bytes]


def record_to_document(record: Record, validity: str = NO_VALIDITY) -> tantivy.Document:
    return document_from_prepared(record, prepare_document(record), validity)


def prepare_document(record: Record, bigrams: bool = True, own_json: bytes | None = None) -> PreparedDocument:
    """The costly part of record_to_document (text preparation, payload), free of tantivy objects;
    without `bigrams`, all_bigrams is left to document_from_prepared. `own_json`: the record's own JSON
    (store.codec.record_json), made once for the store as well: the payload is cut from it."""
    title_text, all_text, issuer_text, topic_text = prepare_index_texts(
        title=record.title, summary=record.summary, keywords=record.keywords, issuer=record.issuer, topic=record.topic,
        doc_number=record.doc_number, index_number=record.index_number, body=record.body,
        headline=record.notice.headline(record.title) if record.notice is not None else "",
    )
    payload = encode_payload(record) if own_json is None else payload_from_record_json(own_json)
    return (title_text, all_text, bigram_text([all_text]) if bigrams else None, issuer_text, topic_text,
            url_key(record.url) if record.url else "", payload)


def document_from_prepared(record: Record | RecordRow, prepared: PreparedDocument, validity: str = NO_VALIDITY) -> tantivy.Document:
    """The document of `record` (or of its RecordRow, gongkai.record_row) from its prepare_document() result, with its
    validity status (the store's)."""
    title_text, all_text, bigrams, issuer_text, topic_text, url, payload = prepared
    texts = (title_text, all_text, bigram_text([all_text]) if bigrams is None else bigrams, issuer_text, topic_text)
    return assemble_document(
        texts, id=record.id, kind=record.kind, notice_type=record.notice_type, issuer=record.issuer, topic=record.topic,
        doc_number=record.doc_number, index_number=record.index_number, year=record.year,
        publish_date=record.publish_date, payload=with_validity(payload, validity), validity=validity, url=url,
    )


def with_validity(payload: bytes, validity: str) -> bytes:
    """The payload with its "validity" key: the prepared payload is made without it (the status is the
    store's, known only once the record is stored), so the key is spliced into the JSON object's end."""
    return payload[:-1] + b',"validity":"' + (validity or NO_VALIDITY).encode("ascii") + b'"}'



def build_document(
    *, id: str, kind: str, notice_type: str | None, issuer: str, topic: str, doc_number: str, index_number: str,
    title: str, summary: str, keywords: list[str], body: str, year: int | None, publish_date: date | None,
    payload: bytes, validity: str = NO_VALIDITY, url: str = "",
) -> tantivy.Document:
    """The document from plain values (record_to_document's work; a benchmark may call it without a Record)."""
    texts = prepare_texts(title=title, summary=summary, keywords=keywords, issuer=issuer, topic=topic,
                          doc_number=doc_number, index_number=index_number, body=body)
    return assemble_document(texts, id=id, kind=kind, notice_type=notice_type, issuer=issuer, topic=topic,
                             doc_number=doc_number, index_number=index_number, year=year, publish_date=publish_date,
                             payload=payload, validity=validity, url=url_key(url) if url else "")


def prepare_texts(
    *, title: str, summary: str, keywords: list[str], issuer: str, topic: str, doc_number: str, index_number: str, body: str
) -> tuple[str, str, str, str, str]:
    """(title, all_text, all_bigrams, issuer_text, topic_text) field values; "" for an empty issuer or topic."""
    title_text, all_text, issuer_text, topic_text = prepare_index_texts(
        title=title, summary=summary, keywords=keywords, issuer=issuer, topic=topic, doc_number=doc_number,
        index_number=index_number, body=body,
    )
    return title_text, all_text, bigram_text([all_text]), issuer_text, topic_text


def prepare_index_texts(
    *, title: str, summary: str, keywords: list[str], issuer: str, topic: str, doc_number: str, index_number: str, body: str,
    headline: str = "",
) -> tuple[str, str, str, str]:
    """(title, all_text, issuer_text, topic_text): prepare_texts() without the bigrams. `headline`: what a notice is about
    that its title does not say (gongkai.notices NoticeFields.headline: 罗杰遗失厦门市社会保障卡声明 under the title 遗失声明),
    searched as its title is (the title field and its pairs, so the title bonus), not added to all_text (the summary and
    body hold it already)."""
    # A mark between parts keeps two parts from forming one phrase. The raw parts are joined with
    # the mark before one index_text() pass (it maps every punctuation mark to " | "): one call instead
    # of one per part, the same text.
    title_text = index_text(title + PUNCT_MARK + headline if headline else title)
    all_text = index_text(PUNCT_MARK.join([title, *(p for p in (summary, *keywords, issuer, doc_number, index_number, body) if p)]))
    return title_text, all_text, index_text(issuer) if issuer else "", index_text(topic) if topic else ""


def assemble_document(
    texts: list[str] | tuple[str, ...], *, id: str, kind: str, notice_type: str | None, issuer: str, topic: str,
    doc_number: str, index_number: str, year: int | None, publish_date: date | None, payload: bytes,
    validity: str = NO_VALIDITY, url: str = "",
) -> tantivy.Document:
    """The tantivy document from prepare_texts() output and the exact-valued fields (`url`: its url_key)."""
    title_text, all_text, bigrams, issuer_text, topic_text = texts
    doc = tantivy.Document()
    doc.add_text("id", id)
    doc.add_text("kind", kind)
    if notice_type:
        doc.add_text("notice_type", notice_type)
    doc.add_text("validity", validity or NO_VALIDITY)
    for name, value in (("issuer", issuer), ("topic", topic), ("doc_number", doc_number), ("index_number", index_number)):
        if value:
            doc.add_text(name, value)
    doc.add_text("title", title_text)
    doc.add_text("all_text", all_text)
    if issuer_text:
        doc.add_text("issuer_text", issuer_text)
    if topic_text:
        doc.add_text("topic_text", topic_text)
    doc.add_text("all_bigrams", bigrams)
    doc.add_text("title_bigrams", once_each(bigram_text([title_text])) if kind == "notice" else bigram_text([title_text]))
    doc.add_integer("sample", sample_slot(id))
    if url:
        doc.add_text("url", url)
    if year is not None:
        doc.add_integer("year", year)
    doc.add_integer("publish_day", day_number(publish_date))
    doc.add_bytes("payload", payload)
    return doc


def once_each(pairs_text: str) -> str:
    """bigram_text's text with each pair of characters once (a mark put between the two characters of a pair seen before):
    a notice's title bonus says its title or headline holds the word, not how often (search16: 遗失食品经营许可证、开户许可证
    holds 许可证 twice, and a declaration of 2021 listing both went before one of 2024 asked by 开户许可证)."""
    seen: set[str] = set()
    out: list[str] = []
    previous = ""
    for char in pairs_text:
        if previous and char != PUNCT_MARK and previous != PUNCT_MARK:
            pair = previous + char
            if pair in seen:
                out.append(PUNCT_MARK)
            seen.add(pair)
        out.append(char)
        previous = char
    return "".join(out)


_PAYLOAD_INCLUDE: set[str] = set(PAYLOAD_KEYS)  # a set: pydantic's include= is typed for set, not frozenset


def encode_payload(record: Record) -> bytes:
    """The PAYLOAD_KEYS of the record as compact UTF-8 JSON (dates as ISO strings), written by
    pydantic's own serializer: about half the time of building a dict for json.dumps."""
    return Record.__pydantic_serializer__.to_json(record, include=_PAYLOAD_INCLUDE)


# The payload's keys sit in the record's own JSON (fields in model order) as three runs: id .. issuer, then
# publish_date .. url, then notice_type. Each run ends where the next top-level key after it starts; before
# `notice` every value is a string, a list of strings, a date or null, so the first `,"key":` in the text is
# the top-level key (a quote inside a string is escaped). Checked here, at import, against the model.
_PAYLOAD_RUNS = (("id", "keywords"), ("publish_date", "source"), ("notice_type", "notice"))
_FIELD_ORDER = tuple(Record.model_fields)
assert [name for name in _FIELD_ORDER if name in PAYLOAD_KEYS] == [
    name for start, end in _PAYLOAD_RUNS for name in _FIELD_ORDER[_FIELD_ORDER.index(start) : _FIELD_ORDER.index(end)]
] and _FIELD_ORDER.index("notice") < _FIELD_ORDER.index("attachments"), "Record's fields moved: fix _PAYLOAD_RUNS"
_RUN_KEYS = tuple((f',"{start}":'.encode(), f',"{end}":'.encode()) for start, end in _PAYLOAD_RUNS[1:])
_FIRST_END = f',"{_PAYLOAD_RUNS[0][1]}":'.encode()


def payload_from_record_json(own: bytes) -> bytes:
    """encode_payload's bytes cut from the record's own JSON (store.codec.record_json): the same text,
    without a second serialisation (tests/test_index_helpers.py compares the two)."""
    parts = [own[: own.index(_FIRST_END)]]
    at = 0
    for start, end in _RUN_KEYS:
        at = own.index(start, at)
        stop = own.index(end, at)
        parts.append(own[at:stop])
        at = stop
    parts.append(b"}")
    return b"".join(parts)


def decode_payload(raw: bytes | None) -> dict:
    """A document's payload as written by encode_payload (`raw` as tantivy's get_first hands it: None when the
    document has none, which no document written here lacks)."""
    if raw is None:
        raise ValueError("an index document without its payload: rebuild the index (gongkai reindex)")
    try:
        # orjson: 11 against json's 26 µs for a 3 KB payload, and a search decodes some 60 of them
        payload = orjson.loads(raw)
    except orjson.JSONDecodeError:  # a lone surrogate written as \ud800 (json.dumps wrote such a record's JSON)
        payload = json.loads(raw)
    payload.setdefault("validity", NO_VALIDITY)
    day = payload.get("publish_date")
    payload["publish_date"] = date.fromisoformat(day) if day else None
    return payload
