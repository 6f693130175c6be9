"""The one record type: every source produces it, the store keeps it, the index, the API,
the feeds and the sync read it. Its JSON form (one object per line) is the interchange format.
"""

from __future__ import annotations

import hashlib
import json
import operator
import re
import unicodedata
from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any, Literal

import orjson
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, field_validator, model_validator

from gongkai.dates import parse_date
from gongkai.identifiers import normalize_doc_number, normalize_index_number
from gongkai.notices import NOTICE_TYPE_NAMES, Notice, NoticeType
from gongkai.textnorm import (
    BIDI_CONTROL_CLASS,
    NONCHARACTER_CLASS,
    clean_inline,
    clean_text,
    has_controls,
    remove_controls,
    strip_controls,
)

#: The longest body an outage record's events are read from in validation. The reading costs about the square of the
#: text's length (parsers.notices.timewindows reads the dates before each window again: 200 rows 1 s, 1,500 rows 50 s,
#: in one push request); a notice's own text is a few thousand characters, a longer one is kept as sent (no events).
OUTAGE_BODY_READ_CHARS = 8_000


def _outage_read_from_body(record: Record) -> Notice | None:
    """The outage fields of a record file's or a push's outage notice giving a title and a body only: read from its body as a
    notice column's are (outages6: it had no events, so neither the lookup nor a street's alert saw it). None (the record as
    sent) for a body too long to read here, or one the reader fails on: a parser's bug must not cost the record (a push
    answered 500, a record file's line quarantined)."""
    if len(record.body) > OUTAGE_BODY_READ_CHARS:
        return None
    from gongkai.parsers.notices.extract import extract_outage  # the parsers import this module

    try:
        # No issuer in the fields: the record's own is the notice's (gongkai.outages reads that), and one copied in would
        # make the push (which fills it with its agency) and the drop folder (which leaves it empty) two records of one
        # notice (feeds/agency_doors.py changes the record's issuer alone).
        return extract_outage(record.title, record.body, record.publish_date, "")
    except Exception:  # noqa: BLE001 - see above
        return None


Kind = Literal["disclosure", "notice"]
KINDS: tuple[str, ...] = ("disclosure", "notice")
#: The registered notice types, read when used: declared once, with their models (gongkai/notices.py).
NOTICE_TYPES: Sequence[str] = NOTICE_TYPE_NAMES

_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$")

#: Fields that are bookkeeping, not content: they never change the content hash.
BOOKKEEPING_FIELDS = frozenset({"id", "content_hash", "first_seen", "last_seen", "version", "withdrawn"})


class Attachment(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = ""
    url: str = ""
    sha256: str = ""
    content_type: str = ""
    size: int | None = None

    @field_validator("name", "url", mode="before")
    @classmethod
    def _no_controls(cls, value: Any) -> Any:  # shown on the record page and in the feeds, as the record's own fields
        return strip_controls(value) if isinstance(value, str) else value


class OcrPage(BaseModel):
    """One page read by OCR (1-based page number) and Tesseract's mean word confidence on it (0-100)."""

    model_config = ConfigDict(extra="forbid")

    page: int = Field(ge=1)
    confidence: float = Field(ge=0, le=100)


class OcrInfo(BaseModel):
    """How much of a record's text was read from scans, and how sure the reading is (issue 21)."""

    model_config = ConfigDict(extra="forbid")

    pages: list[OcrPage] = Field(default_factory=list, description="the pages read by OCR")
    mean_confidence: float = Field(0.0, ge=0, le=100, description="mean of the pages' confidences")
    low_confidence_pages: list[int] = Field(default_factory=list, description="pages below parsers.ocr.low_confidence")
    timed_out_pages: list[int] = Field(default_factory=list, description="scanned pages not read: over the time limit")

    def review_reason(self) -> str | None:
        """Why a person should look at this record's scan (its quarantine reason), or None."""
        parts = []
        if self.timed_out_pages:
            parts.append("page(s) " + ", ".join(map(str, self.timed_out_pages)) + " not read: OCR over the time limit")
        if self.low_confidence_pages:
            low = {p.page: p.confidence for p in self.pages}
            parts.append("low OCR confidence on page(s) " + ", ".join(f"{n} ({low.get(n, 0):g})" for n in self.low_confidence_pages))
        return "; ".join(parts) or None


class Record(BaseModel):
    """A disclosure document (信息公开) or a public notice (便民公告)."""

    model_config = ConfigDict(extra="forbid", validate_assignment=False)

    id: str = ""
    kind: Kind = "disclosure"
    title: str = Field(min_length=1, description="信息名称")
    summary: str = Field("", description="内容概述")
    doc_number: str = Field("", description="文号, canonical form (厦府〔2014〕12号)")
    index_number: str = Field("", description="索引号, canonical form")
    issuer: str = Field("", description="发布机构")
    keywords: list[str] = Field(default_factory=list, description="关键词")
    topic: str = Field("", description="主题分类")
    written_date: date | None = Field(None, description="成文日期")
    publish_date: date | None = Field(None, description="发布日期")
    body: str = Field("", description="全文")
    url: str = ""
    source: str = ""
    notice_type: NoticeType | None = None
    notice: Notice | None = Field(None, description="typed notice fields, one model per notice_type (gongkai/notices.py)")
    attachments: list[Attachment] = Field(default_factory=list)
    #: What the publishing agency's catalogue says of the document's validity (有效性: 有效, 废止, 失效 …), as it gave it
    #: (a sidecar, a record file, a push): gongkai.validity reads it as the agency's statement. Empty: none given.
    stated_validity: str = Field("", max_length=200, description="有效性 as the publishing agency states it (有效, 已废止, 失效 …)")
    #: None: no page needed OCR; "unavailable": some did but Tesseract is not installed (text as found).
    ocr: OcrInfo | Literal["unavailable"] | None = Field(None, description="OCR of scanned pages (issue 21)")
    content_hash: str = ""
    first_seen: datetime | None = None
    last_seen: datetime | None = None
    version: int = Field(1, ge=1)
    withdrawn: bool = False

    #: What content_hash was computed from at validation (see current_content_hash); not content.
    _content_memo: _ContentMemo | None = PrivateAttr(default=None)

    @model_validator(mode="before")
    @classmethod
    def _notice_type_tag(cls, data: Any) -> Any:
        # A notice dict names its model by `type`; input that leaves it out (older JSON Lines, sidecars)
        # means the record's notice_type.
        if isinstance(data, dict) and isinstance(data.get("notice"), dict) and "type" not in data["notice"]:
            data = {**data, "notice": {"type": data.get("notice_type") or "other", **data["notice"]}}
        return data

    @field_validator("title", "issuer", "topic", "summary", mode="before")
    @classmethod
    def _inline(cls, value: Any) -> Any:
        if not isinstance(value, str) or _is_clean_inline(value):
            return value
        return clean_inline(value)

    @field_validator("body", mode="before")
    @classmethod
    def _body(cls, value: Any) -> Any:
        if not isinstance(value, str) or _is_clean_text(value):
            return value
        return clean_text(value)

    # Every text field is cleaned like the title, not only the ones shown first: a control character kept in a
    # 文号, a keyword or a URL reached the pages (HTML forbids it: the Nu Html Checker's "Forbidden code point").
    @field_validator("doc_number", mode="before")
    @classmethod
    def _doc_number(cls, value: Any) -> Any:
        return normalize_doc_number(remove_controls(value)) if isinstance(value, str) else value

    @field_validator("index_number", mode="before")
    @classmethod
    def _index_number(cls, value: Any) -> Any:
        return normalize_index_number(remove_controls(value)) if isinstance(value, str) else value

    @field_validator("keywords", mode="before")
    @classmethod
    def _keywords(cls, value: Any) -> Any:
        # Agencies send keywords as one string separated by spaces, commas or 、 as often as a list.
        if isinstance(value, str):
            return [part for part in re.split(r"[\s,，、;；]+", remove_controls(value)) if part]
        if isinstance(value, list) and any(isinstance(k, str) and has_controls(k) for k in value):
            return [k for k in (remove_controls(k).strip() if isinstance(k, str) else k for k in value) if k != ""]
        return value

    @field_validator("notice", mode="before")
    @classmethod
    def _notice_text(cls, value: Any) -> Any:
        # A notice's fields are shown on its page and in the feeds as the record's own text is. One look at the tree's
        # JSON (a few µs) instead of a validator on each of its fields (an outage notice has some 80: 44 µs).
        if isinstance(value, dict):
            try:
                tree = orjson.dumps(value)
                dirty = b"\x7f" in tree or any(pattern.search(tree) for pattern in _NOTICE_DIRT)
            except (TypeError, orjson.JSONEncodeError):
                dirty = True
            if dirty:
                return _without_controls(value)
        return value

    @field_validator("url", "source", mode="before")
    @classmethod
    def _address(cls, value: Any) -> Any:
        # Control characters only (a URL's spaces are its own business: the feeds percent-encode them).
        return strip_controls(value) if isinstance(value, str) else value

    @field_validator("written_date", "publish_date", mode="before")
    @classmethod
    def _dates(cls, value: Any) -> Any:
        if not isinstance(value, str):
            return value
        return _iso_date(value) or parse_date(value)

    @field_validator("id")
    @classmethod
    def _id(cls, value: str) -> str:
        if value and not _ID_RE.fullmatch(value):
            raise ValueError("id must be 1-128 characters of A-Z a-z 0-9 . _ : -")
        return value

    @model_validator(mode="after")
    def _derived(self) -> Record:
        if self.kind == "disclosure" and self.notice_type is not None:
            raise ValueError("notice_type is only for kind 'notice'")
        if self.notice is not None:
            if self.kind != "notice":
                raise ValueError("notice fields are only for kind 'notice'")
            kind = getattr(self.notice, "type", None)  # each notice type's model has its `type` field (gongkai/notices.py)
            if self.notice_type is None:
                self.notice_type = kind
            elif kind != self.notice_type:
                raise ValueError(f"notice.type {kind!r} does not match notice_type {self.notice_type!r}")
        if self.kind == "notice" and self.notice_type is None:
            self.notice_type = "other"
        if self.notice is None and self.notice_type == "outage" and self.body:
            self.notice = _outage_read_from_body(self)
        content = _content_of(self)
        self.content_hash = _hash_content(content)
        self._content_memo = _ContentMemo(self, content, self.content_hash)
        if not self.id:
            self.id = derive_id(self)
        return self

    def to_json(self) -> str:
        """One line of the interchange format."""
        return self.model_dump_json(exclude_none=False)

    def current_content_hash(self) -> str:
        """The hash of the content as it is now: content_hash when nothing changed since validation
        (checked in about a microsecond), else computed again (a model_copy(update=...) or an
        assignment does not validate, so content_hash may be stale then)."""
        memo = self._content_memo
        if memo is not None and memo.matches(self):
            return memo.content_hash
        return compute_content_hash(self)

    @property
    def year(self) -> int | None:
        day = self.publish_date or self.written_date
        return day.year if day else None


def compute_content_hash(record: Record) -> str:
    return _hash_content(_content_of(record))


def _content_of(record: Record) -> dict[str, Any]:
    content = record.model_dump(mode="json", exclude=set(BOOKKEEPING_FIELDS))
    if content.get("ocr") is None:
        del content["ocr"]  # records without OCR keep the hashes they had before the field existed
    if not content.get("stated_validity"):
        content.pop("stated_validity", None)  # likewise: records without an agency's 有效性 keep their hashes
    return content


def content_hash_from_json(own: bytes | str, **changes: Any) -> str:
    """compute_content_hash of the record whose own JSON (store.codec.record_json) this is, with `changes` made to its
    fields, without validating it again (a JSON Lines worker's row: feeds/agency_doors.py asks what its content hash
    would be under another source). The same rules as _content_of: keep the two alike."""
    content = orjson.loads(own)
    for name in BOOKKEEPING_FIELDS:
        content.pop(name, None)
    content.update(changes)
    if content.get("ocr") is None:
        content.pop("ocr", None)
    if not content.get("stated_validity"):
        content.pop("stated_validity", None)
    return _hash_content(content)


def _hash_content(content: dict[str, Any]) -> str:
    # The canonical text is json.dumps(sort_keys, ensure_ascii=False, compact) as UTF-8. orjson writes the same bytes
    # for strings, ints, bools, null, lists and str-keyed objects, 3x faster (17 -> 5 µs for a record of 1,000
    # characters: a third of an ingest worker's validation), but floats in its own notation: only OCR confidences are
    # floats (tests/test_record.py fails on any other float field), so a record read by OCR takes json.dumps, and so
    # does anything orjson refuses (an int beyond 64 bits, a lone surrogate: json.dumps then says what it said before).
    if "ocr" not in content:
        try:
            return hashlib.sha256(orjson.dumps(content, option=orjson.OPT_SORT_KEYS)).hexdigest()
        except orjson.JSONEncodeError:
            pass
    canonical = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


# Whitespace other than a space or a line break, control characters (bidi controls too), zero-width characters: what
# clean_text() replaces or removes one character at a time. One character class (listed, not
# [^\S \n]): an alternation would make the scan 4x slower.
_OTHER_WHITESPACE = "\t\x0b\x0c\r\x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"  # str.isspace()
_UNUSUAL_CHAR = re.compile(f"[{_OTHER_WHITESPACE}\x00-\x08\x0e-\x1f\x7f\u200b\ufeff{BIDI_CONTROL_CLASS}{NONCHARACTER_CLASS}]")


#: What remove_controls drops, as orjson writes it in a notice tree: JSON's escape of a C0 control other than \t \n \r
#: (\b, \f, \u00XX; a literal backslash before b or f matches too, and the tree is then cleaned for nothing), and the
#: UTF-8 of C1 controls, bidi controls and noncharacters (DEL is looked for apart). Separate patterns, each starting
#: with its own byte: one alternation of them scanned an outage notice in 71 µs, these in 5.
_NOTICE_DIRT = tuple(re.compile(pattern) for pattern in (
    rb"\\(?:[bf]|u00(?:0[0-8bBeEfF]|1[0-9a-fA-F]))", rb"\xc2[\x80-\x9f]", rb"\xe2(?:\x80[\x8e\x8f\xaa-\xae]|\x81[\xa6-\xa9])",
    rb"\xef(?:\xb7[\x90-\xaf]|\xbf[\xbe\xbf])",
))


def _without_controls(value: Any) -> Any:
    """A notice tree with remove_controls applied to every string value (keys stay: a bad key is refused as it is)."""
    if isinstance(value, str):
        return remove_controls(value)
    if isinstance(value, dict):
        return {key: _without_controls(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_without_controls(item) for item in value]
    return value


def _is_clean_text(text: str) -> bool:
    """Whether clean_text(text) == text, in a few scans instead of clean_text's passes (a body is
    usually clean already: 6 vs 15 µs for 1,300 characters). Clean means: no unusual character (so
    the only whitespace is " " and "\n"), no two spaces, no space at either end of a line (then no
    line of spaces either), no more than one empty line in a row, nothing to strip at either end.

    Most texts are told in two C scans of one copy (9.3 → 1.5 µs a 1,000-character body): with its line breaks as
    spaces, a text holding no two spaces holds none of "  ", " \n", "\n ", "\n\n" (so no "\n\n\n"), and
    str.isprintable() is False for every character _UNUSUAL_CHAR finds (all are Cc, Cf, Cn, Zl, Zp or a Zs other than
    the space: tests/test_record.py checks each code point), without the regex engine's character-by-character class
    test; a text either test fails (a paragraph's empty line, a character isprintable refuses) is looked at as before."""
    if text[:1].isspace() or text[-1:].isspace():
        return False
    flat = text.replace("\n", " ")
    if "  " not in flat:
        return flat.isprintable() or _UNUSUAL_CHAR.search(text) is None
    return (
        "  " not in text
        and " \n" not in text
        and "\n " not in text
        and "\n\n\n" not in text
        and (flat.isprintable() or _UNUSUAL_CHAR.search(text) is None)
    )


def _is_clean_inline(text: str) -> bool:
    """Whether clean_inline(text) == text: clean as a text (above) on one line, and already NFC."""
    return "\n" not in text and _is_clean_text(text) and unicodedata.is_normalized("NFC", text)


def _iso_date(text: str) -> date | None:
    """A plain 2014-05-06 (how most records give dates) without parse_date's patterns, or None for
    anything else (parse_date then decides, with its own messages). Years 1900-2099, as parse_date."""
    if len(text) == 10 and text[4] == "-" and text[7] == "-" and text[:2] in ("19", "20") and text.isascii():
        year, month, day = text[:4], text[5:7], text[8:]
        if year.isdigit() and month.isdigit() and day.isdigit():
            try:
                return date(int(year), int(month), int(day))
            except ValueError:
                return None
    return None


_CONTENT_FIELDS = tuple(name for name in Record.model_fields if name not in BOOKKEEPING_FIELDS)
# The content values of a record in one C call (a generator over getattr costs ~5 µs a record).
_content_values = operator.attrgetter(*_CONTENT_FIELDS)


class _ContentMemo:
    """The content a record's hash was computed from, to tell cheaply whether it still holds.

    Immutable values (str, date, None) are compared by identity: model_copy(update=...) and
    assignment replace them. The mutable ones can change in place, so they are compared by value
    with the JSON form taken for the hash, types included (1, 1.0 and True make different JSON).
    Attachments (models, mutable) are compared by their fields.
    """

    __slots__ = ("_reprs", "content", "content_hash", "keywords", "notice", "values")

    def __init__(self, record: Record, content: dict[str, Any], content_hash: str) -> None:
        self.values = _content_values(record)
        self.keywords = content["keywords"]
        self.notice = record.notice
        # The JSON form the hash was taken of: this memo's own (model_dump made it; nothing else holds it, nothing
        # changes it), so store.codec.record_json can write a record just validated from it without serialising it
        # again, and the reprs below are taken only when a match is asked for (most records never are).
        self.content = content
        self._reprs: tuple[str, str] | None = None
        self.content_hash = content_hash

    def matches(self, record: Record) -> bool:
        if not all(map(operator.is_, _content_values(record), self.values)):
            return False
        if self._reprs is None:
            # The mutable structures as repr() of their JSON form: repr tells str, int, float, bool and None
            # apart (1, 1.0, True, "1") and keeps the order, so an equal repr means the same JSON; a differing
            # one (a tuple for a list, a date for its string) only means the hash is computed again.
            self._reprs = (repr(self.content["notice"]), repr(self.content["attachments"]))
        notice_repr, attachments_repr = self._reprs
        return (
            _same_strings(record.keywords, self.keywords)
            and _notice_repr(record.notice, self.notice) == notice_repr
            and _attachments_repr(record.attachments) == attachments_repr
        )

    # A cache, not part of the record: never makes two otherwise equal records unequal (pydantic
    # compares private attributes in ==).
    def __eq__(self, other: object) -> bool:
        return other is None or isinstance(other, _ContentMemo)

    __hash__ = None  # type: ignore[assignment]


def _notice_repr(value: Any, taken: Any) -> str | None:
    """repr() of the notice's JSON form; a notice model is mutable (events, areas), so it is dumped again."""
    if value is None:
        return "None"
    if value is not taken or not isinstance(value, BaseModel):
        return None
    return repr(value.model_dump(mode="json"))


def _attachments_repr(value: Any) -> str | None:
    """repr() of the attachments as their JSON form would print, or None if they are not all Attachments."""
    if not value:
        return "[]" if type(value) is list else None
    if type(value) is not list or not all(type(item) is Attachment for item in value):
        return None
    return repr([item.__dict__ for item in value])


def _same_strings(value: Any, taken: list[str]) -> bool:
    """Whether the keywords still serialise as `taken`: the JSON form holds the very same str objects,
    so an identity check of each settles it; anything else is compared by repr, as above."""
    if type(value) is list and len(value) == len(taken) and all(map(operator.is_, value, taken)):
        return all(type(item) is str for item in value)
    return type(value) is list and repr(value) == repr(taken)


def canonical_url(url: str) -> str:
    """http and https, a trailing slash and a fragment do not make another document."""
    url = url.strip().split("#", 1)[0]
    url = re.sub(r"^https?://", "//", url, flags=re.I)
    url = re.sub(r"^(//[^/]+):(80|443)(/|$)", r"\1\3", url)
    return url.rstrip("/") if url.count("/") > 3 else url


def derive_id(record: Record) -> str:
    """Stable id: from the 索引号, else the canonical URL (a notice: with its own identity, as the notice
    parser makes it: many notices share their column's URL), else the content hash."""
    if record.index_number:
        key = "index:" + record.index_number
    elif record.url and record.kind == "notice":
        from gongkai.notice_identity import ColumnIdentity

        return ColumnIdentity(canonical_url(record.url), record.publish_date).notice_id(record.title, record.issuer, record.written_date)
    elif record.url:
        key = "url:" + canonical_url(record.url)
    else:
        key = "hash:" + record.content_hash
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


def utcnow() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def describe_validation_error(error: ValidationError) -> str:
    """'title: field required; publish_date: not a valid date ...' — names every bad field."""
    parts = []
    for item in error.errors():
        field = ".".join(str(p) for p in item["loc"]) or "record"
        message = item["msg"].removeprefix("Value error, ")
        parts.append(f"{field}: {message}")
    return "; ".join(parts)
