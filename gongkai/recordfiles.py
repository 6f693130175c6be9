"""The one reader of record files: JSON Lines, JSON (one object, an array, or objects one after another)
and XML (<record>/<records>), for `gongkai ingest`, the drop folder, push and quarantine retry.

Rules (the same for every entry point):
- Encoding: a BOM decides (UTF-8, UTF-16); else UTF-8, else GB18030 (a superset of GBK/GB2312, what
  Chinese CMS exports write). JSON Lines decide per line, a JSON file as a whole. Bytes that are
  neither are quarantined (the line, or the file) with the reason, never turned into U+FFFD.
- Streamed: a file is read in lines or chunks, never whole; one record is at most
  settings.records.max_record_bytes, checked while reading, so an over-long line is skipped unread
  (never handed to json.loads) and quarantined with the reason.
- Every per-record failure of any kind (bad JSON, a number of over 4,300 digits, nesting deeper than
  settings.records.max_depth, a RecursionError or MemoryError, a validator crash) makes that record a
  quarantined item with its reason; the records around it go on.
"""

from __future__ import annotations

import codecs
import io
import json
import logging
import os
import re
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Literal

import orjson
from pydantic import ValidationError

from gongkai import big5
from gongkai.cp1252_strays import gb18030_with_cp1252
from gongkai.csv_records import csv_values, header_of
from gongkai.ingest import IngestItem
from gongkai.record import Record, describe_validation_error

Kind = Literal["lines", "json", "xml", "csv", "feed"]  # feed: an RSS/Atom/JSON Feed file handed over (gongkai.feed_files)
#: Where a record sat in its file: a line of JSON Lines, an element of a JSON array / XML <records>,
#: or the file's only record.
Place = Literal["line", "element", "only"]

LINE_SUFFIXES = (".jsonl", ".ndjson", ".jsonlines")
#: a spreadsheet's export: records when a header row names record fields (gongkai.csv_records), else a document
CSV_SUFFIXES = (".csv", ".tsv")
#: Keys a record line may carry that are not Record fields but derived data of the store that wrote it
#: (`gongkai export --validity`, issue 19): dropped on reading, never refused; this store derives its own.
DERIVED_KEYS = ("validity",)
#: Names whose bytes say whether they are records (a header naming record fields: gongkai.csv_records) or a text document:
#: a spreadsheet's export (.csv, .tsv) or Excel's "文本文件" (.txt). The drop folder and `gongkai ingest` look inside them.
TEXT_OR_TABLE_SUFFIXES = (".txt", ".csv", ".tsv")
#: Keys a record file's record is read by as they are; any other key may be a Chinese label (to_item).
_PLAIN_KEYS = frozenset(Record.model_fields) | frozenset(DERIVED_KEYS)
CHUNK_CHARS = 1024 * 1024
#: Python refuses to read integers longer than this (sys.get_int_max_str_digits): a ValueError, not a JSON error.
_DIGITS = "4300"


@dataclass(frozen=True)
class RecordLimits:
    """settings.records: see gongkai.settings.RecordFileSettings for the defaults and why."""

    max_record_bytes: int = 16 * 1024 * 1024
    max_depth: int = 32

    @classmethod
    def of(cls, settings: Any) -> RecordLimits:
        records = getattr(settings, "records", None)
        return cls(records.max_record_bytes, records.max_depth) if records is not None else cls()


@dataclass(frozen=True)
class BadRecord:
    """A record that cannot be read; `payload` is its original text or bytes (None when too large to keep)."""

    reason: str
    payload: bytes | str | None = None
    #: JSON that is read but refused as a record (a key given twice): a push answers 422 and quarantines it, as an
    #: invalid record, where text that is no JSON is a 400 the sender keeps
    is_json: bool = False


Value = dict[str, Any] | BadRecord
#: (place, number) -> the item's input reference; the default: name:LINE, name[N], name.
RefStyle = Callable[[str, Place, int], str]


def default_ref(name: str, place: Place, number: int) -> str:
    return f"{name}:{number}" if place == "line" else f"{name}[{number}]" if place == "element" else name


def suffix_name(name: str) -> str:
    """The name whose suffix says what a file is: without trailing dots and spaces, which Windows drops from a name (a
    share or an unzip elsewhere keeps them): `目录.jsonl.` is `目录.jsonl` to the clerk who saved it; it was read as a
    text document and refused whole ("holds 2 records"), none of its records in (doors6)."""
    return name.rstrip(". ") or name


def kind_of(name: str, head: bytes = b"") -> Kind | None:
    """Which record file a file is, by its name (and, for names without a record suffix, its first
    bytes: a `{` opens JSON Lines); None: not a record file (a document)."""
    name = suffix_name(name)
    lowered = name.lower()
    if lowered.endswith(LINE_SUFFIXES):
        return "lines"
    if lowered.endswith(".json"):
        return "json"
    if lowered.endswith(".xml"):
        return "xml"
    if lowered.endswith(CSV_SUFFIXES):
        return "csv" if head and is_csv(head) else None  # else a document (a price list, an .xlsx renamed .csv)
    if "." not in name.lstrip(".") or lowered.endswith(".txt"):
        opening = _strip_bom(head).lstrip(b" \t\r\n")
        if head and not opening.startswith((b"{", b"[")) and is_csv(head):
            return "csv"  # Excel's 文本文件(制表符分隔) and Unicode 文本 are saved as .txt (gongkai.csv_records)
        if opening.startswith(b"{"):
            return "lines"
        # a JSON array of objects saved as .txt (an export tool's "text" choice): it was one document, titled by the file's
        # name, its records the body's text (doors5); a text that opens with `[` and no object (`[通知]`) stays a document
        return "json" if opening.startswith(b"[") and opening[1:].lstrip(b" \t\r\n").startswith(b"{") else None
    return None


def open_no_follow(path: Path) -> IO[bytes]:
    """A regular file opened for reading, never through a symlink (drop-folder names come from outside)."""
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(f"not a regular file: {path.name}")
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


# ------------------------------------------------------------------------------ items


def read_items(
    handle: IO[bytes], name: str, kind: Kind, limits: RecordLimits, source: str = "",
    refs: RefStyle = default_ref, after: int = 0,
) -> Iterator[tuple[int, IngestItem]]:
    """(number, item) for every record of a record file, in file order; `after`: skip records numbered
    up to it (lines for JSON Lines). Every failure is an item with an error naming the record."""
    for place, number, value in read_values(handle, name, kind, limits, after):
        yield number, to_item(value, refs(name, place, number), source)


def to_item(value: Value, ref: str, source: str = "") -> IngestItem:
    """A read value as an ingest item: a validated Record, or the reason it is not one."""
    if isinstance(value, BadRecord):
        return IngestItem(ref, error=f"{ref}: {value.reason}", payload=value.payload, source=source)
    named = named_as_fields(value, ref)
    if isinstance(named, str):
        return IngestItem(ref, error=f"{ref}: {named}", payload=_payload(value), source=source)
    if _text_without_title(named) and _other_tools_text(value):
        return _parsed_text_item(named, ref, source)
    value = named
    if source and not value.get("source"):
        value["source"] = source
    for key in DERIVED_KEYS:  # derived data of the exporting store (issue 19): dropped, not refused
        value.pop(key, None)
    try:
        return IngestItem(ref, record=Record.model_validate(value), source=source)
    except ValidationError as exc:
        reason = describe_validation_error(exc)
    except RecursionError:
        reason = "nested too deeply to validate"
    except Exception as exc:  # noqa: BLE001 - a validator crash is this record's failure, not the run's
        reason = f"cannot be read as a record: {type(exc).__name__}: {exc}"
    return IngestItem(ref, error=f"{ref}: {reason}", payload=_payload(value), source=source)


def _other_tools_text(value: dict[str, Any]) -> bool:
    """Whether the record's text came under another tool's name (text, body_text, content …): such a record without a title
    is that tool's page extraction. A record in our own fields or labels without a title stays refused, `title: Field
    required`: the agency's export lost a field, and it is told so."""
    if _PLAIN_KEYS.issuperset(value):
        return False
    from gongkai.parsers.sidecar import OTHER_TOOLS_NAMES

    return any(OTHER_TOOLS_NAMES.get(key) == "body" for key in value)


def _text_without_title(value: dict[str, Any]) -> bool:
    title, body = value.get("title"), value.get("body")
    return (title is None or (isinstance(title, str) and not title.strip())) and isinstance(body, str) and bool(body.strip())


def _parsed_text_item(value: dict[str, Any], ref: str, source: str) -> IngestItem:
    """Another tool's record with a text and no title (a page extraction's {"text": …, "source_url": …, "doc_no_in_text": …})
    is a document: its text is parsed as a text file is, its other fields winning as a sidecar's do, so its title, dates and
    文号 are read from the text. It was quarantined, `title: Field required` (review18; lead, session 19). The parser's
    settings are the defaults (an installation's issuer aliases are applied when the record is reparsed)."""
    # the text format and the record builder themselves: the parsers' package reads record files with this module
    from gongkai.parsers.build import build_record
    from gongkai.parsers.capture import Capture, ParseError
    from gongkai.parsers.formats.text import extract
    from gongkai.settings import ParserSettings

    fields = {key: item for key, item in value.items() if key not in ("title", "body")}
    origin = source or str(value.get("source") or "")
    capture = Capture(data=value["body"].encode("utf-8"), url=str(value.get("url") or ""), content_type="text/plain; charset=utf-8",
                      source=origin, sidecar=fields)
    settings = ParserSettings()
    try:
        return IngestItem(ref, record=build_record(capture, extract(capture, settings), settings), source=source)
    except ParseError as exc:
        reason = str(exc)
    except Exception as exc:  # noqa: BLE001 - a parser's crash is this record's failure, not the run's
        reason = f"cannot be read as a document: {type(exc).__name__}: {exc}"
    return IngestItem(ref, error=f"{ref}: {reason}", payload=_payload(value), source=source)


def named_as_fields(value: dict[str, Any], ref: str) -> dict[str, Any] | str:
    """A record's keys as record fields, or why they cannot be (a field given twice, "gives title twice: title and
    信息名称"). Chinese labels ({"信息名称": …, "发布机构": …}) are read by the sidecars' one table (they were refused,
    "Extra inputs are not permitted"), standard labels no field holds (公开方式) ignored with a note; a record whose
    keys are all field names (nearly every one) is returned as it is, unlooked at."""
    if _PLAIN_KEYS.issuperset(value):
        return value
    from gongkai.parsers.sidecar import SidecarError, labelled_fields

    try:
        return labelled_fields(value, ref)
    except SidecarError as exc:
        return exc.reason.removeprefix(ref + " ")


def _payload(value: dict[str, Any]) -> str | None:
    try:
        return json.dumps(value, ensure_ascii=False, default=str)
    except (ValueError, RecursionError):
        return None


# ------------------------------------------------------------------------------ values


def read_values(
    handle: IO[bytes], name: str, kind: Kind, limits: RecordLimits, after: int = 0
) -> Iterator[tuple[Place, int, Value]]:
    """(place, number, value) of every record of a record file; `value` a dict of fields or a BadRecord.
    A file with no record at all is one BadRecord: an input never vanishes without a trace. JSON Lines that open
    with `[` are a JSON array (an export named .jsonl, a batch pushed as application/x-ndjson): read as JSON."""
    if kind == "lines" and _opens_array(handle):
        kind = "json"
    head = head_of(handle, _EMPTY_HEAD) if not after else b"-"
    if kind == "lines":
        values = _line_values(handle, limits, after)
    elif kind == "json":
        values = _json_values(handle, limits, after)
    elif kind == "csv":
        values = _csv_values(handle, limits, after)
    elif kind == "feed":
        values = _feed_values(handle, after)
    else:
        values = _xml_values(handle, name, limits, after)
    empty = True
    for value in values:
        empty = False
        yield value
    if empty and not after:
        if len(head) < _EMPTY_HEAD and not head.strip(_BLANK):
            # nothing at all (an upload cut off before its first byte, a clerk's empty export): said as a document's or a
            # sidecar's is, 文件是空的 (it read 文件中没有记录, as if records were looked for and not found; doors4)
            yield "only", 1, BadRecord(f"the file is empty ({len(head)} bytes): send it again whole", None)
        elif kind == "lines" and not head.strip(_BLANK):
            # JSON Lines with no record are blank lines only, however many (an export tool writing a line end per empty
            # row): empty too, not "no record" (doors5: 10,000 CRLFs read 文件中没有记录)
            yield "only", 1, BadRecord(f"the file is empty ({_position(handle)} bytes): only blank lines; send it again whole", None)
        else:
            yield "only", 1, BadRecord("the file holds no record", None)


def _feed_values(handle: IO[bytes], after: int) -> Iterator[tuple[Place, int, Value]]:
    """A feed file's items (gongkai.feed_files), numbered as a JSON array's elements."""
    from gongkai.feed_files import feed_values

    for number, value in feed_values(handle):
        if number > after:
            yield "element", number, BadRecord(value, None) if isinstance(value, str) else value


def _csv_values(handle: IO[bytes], limits: RecordLimits, after: int) -> Iterator[tuple[Place, int, Value]]:
    """A CSV export's rows (gongkai.csv_records), numbered as Excel shows them: a row's reference is `NAME:ROW`."""
    encoding = detect_encoding(handle)
    handle.seek(0)
    if encoding is not None and encoding.startswith("utf-8"):
        encoding = "utf-8-sig"  # Excel's "CSV UTF-8" opens with a BOM
    for number, row in csv_values(handle, encoding, header_fields, limits.max_record_bytes, after):
        yield "line", number, BadRecord(row) if isinstance(row, str) else row


def header_fields(cells: list[str]) -> set[str]:
    """The record fields a CSV header's cells name, by the record files' one label table (named_as_fields)."""
    named = named_as_fields(dict.fromkeys(cells, ""), "")
    return set() if isinstance(named, str) else set(_PLAIN_KEYS.intersection(named))


def is_csv(head: bytes) -> bool:
    """Whether a file's first bytes are a spreadsheet export with a header naming record fields (gongkai.csv_records)."""
    return header_of(_opening_text(head), header_fields) is not None


def _opening_text(head: bytes) -> str:
    """A file's first bytes as text: UTF-16 by its BOM (or its NULs), UTF-8, else GB18030; a character the cut split is
    dropped (the head is a sample)."""
    if encoding := utf16_of(head[:4]):
        return head[: len(head) - len(head) % 2].decode(encoding, errors="ignore").lstrip("\ufeff")
    head = _strip_bom(head)
    try:
        return head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start >= len(head) - 3 and exc.reason == "unexpected end of data":
            return head[: exc.start].decode("utf-8", errors="ignore")
    text = head.decode("gb18030", errors="ignore")
    whole = head[: head.rfind(b"\n") + 1] or head  # (cut after a whole line: Big5 is tried on whole characters)
    return big5.big5_instead(whole, text) or text  # a Traditional Windows export (Big5): its labels 信息名稱, 發布日期


def _position(handle: IO[bytes]) -> int:
    try:
        return handle.tell()
    except (OSError, ValueError):
        return 0


#: a record file whose first bytes are this few and all blank is empty
_EMPTY_HEAD = 4096
_BLANK = b" \t\r\n\x00\x1a" + codecs.BOM_UTF8 + codecs.BOM_UTF16_LE + codecs.BOM_UTF16_BE


def _opens_array(handle: IO[bytes]) -> bool:
    """Whether a file given as JSON Lines opens with `[` (after a byte-order mark and blanks): no line of JSON Lines
    is a record then, so it is a JSON array. Read as lines, the array was one entry "a record must be a JSON object,
    got list" for all its records, or, pretty-printed, one "not valid JSON" entry per line."""
    head = head_of(handle, 256)
    if encoding := utf16_of(head):
        head = head[: len(head) - len(head) % 2].decode(encoding, "ignore").encode("utf-8")
    return _strip_bom(head).lstrip(b" \t\r\n").startswith(b"[")


def json_error_place(exc: json.JSONDecodeError) -> str:
    """json's message with its column: some messages already end in "at" ("Unterminated string starting at")."""
    where = "column" if exc.msg.endswith(" at") else "at column"
    return f"{exc.msg} {where} {exc.colno}"


def parse_text(text: str, limits: RecordLimits) -> Value:
    """One record's JSON text as a dict of fields, or why it is none (every exception of json.loads caught)."""
    if len(text) > limits.max_record_bytes:  # callers check bytes while reading; this catches decoded text
        return BadRecord(_too_large(len(text.encode("utf-8", "surrogatepass"))), None)
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        trimmed = text.strip(_WHITESPACE_NOT_JSON)
        if trimmed != text.strip(_JSON_WHITESPACE):  # read again without them (the refused path only: no cost to a good line)
            return parse_text(trimmed, limits)
        return BadRecord(f"not valid JSON: {json_error_place(exc)}", text)
    except RecursionError:
        return BadRecord(_too_deep(limits), text)
    except MemoryError:
        return BadRecord("too large to read in memory", None)
    except ValueError as exc:  # json.loads' int(): "Exceeds the limit (4300 digits) for integer string conversion"
        reason = f"a number has more than {_DIGITS} digits" if _DIGITS in str(exc) else str(exc)
        return BadRecord(f"not valid JSON: {reason}", text)
    if not isinstance(value, dict):
        return BadRecord(f"a record must be a JSON object, got {type(value).__name__}", text)
    if _brackets_over(text, limits.max_depth) and _depth_over(value, limits.max_depth):
        return BadRecord(_too_deep(limits), text)
    if _maybe_repeated(text, value) and (repeated := _repeated_key(text)):
        return BadRecord(repeated, text, is_json=True)
    return value


#: what JSON has no room for but people and templates write into a record's text: a string (kept whole), a comma before a
#: closing bracket (a PHP or JavaScript template echoing `"key": value,` for every field: `,}`), a comment (`// 待核实`,
#: `# 已核对`, `/* 重复？ */`: a clerk's note after the record on its line, JSONC's comments in a hand-kept file)
_NOTES = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|(,)(?=[ \t\r\n]*[}\]])|(//[^\n]*|#[^\n]*|/\*.*?\*/)', re.S)


def line_value(raw: bytes, limits: RecordLimits) -> Value:
    """A JSON Lines line's record: parse_bytes, and on its refusal the line read past its notes (_read_past_notes). Also
    a kept line's retry (gongkai.inputs): an entry made before doors10 for `{…}  // 待核实` is read as its record now."""
    value = parse_bytes(raw, limits)
    if isinstance(value, BadRecord) and value.reason.startswith("not valid JSON"):
        return _read_past_notes(value, decode(raw), limits)
    return value


def _read_past_notes(refused: BadRecord, text: str | None, limits: RecordLimits) -> Value:
    """A refused record's value read again without the notes JSON has no room for (_without_notes), or the refusal as it
    was. The reader's rule for a line or an element, as comment lines and glued records are: parse_text stays JSON's."""
    mended = _without_notes(text) if text is not None else None
    if mended is None:
        return refused
    value = parse_text(mended, limits)
    return refused if isinstance(value, BadRecord) else value


def _without_notes(text: str) -> str | None:
    """The record's text without trailing commas and comments outside its strings, or None when it holds neither. Read
    on the refused path only: each such record was refused `not valid JSON` (a note after a record kept its line one
    entry, its record not stored: doors9's gap; `,}` and `/* */`: doors10)."""
    changed = False

    def drop(found: re.Match[str]) -> str:
        nonlocal changed
        if found.group(1) is None and found.group(2) is None:
            return found.group()
        changed = True
        return " " if found.group(2) else ""

    mended = _NOTES.sub(drop, text)
    return mended if changed else None


#: a form feed or vertical tab around a record (a page break an old report writer put between records) is whitespace to
#: Python and to a reader's eye, not to JSON: the record after one was refused, `not valid JSON` (doors6)
_JSON_WHITESPACE = " \t\r\n"
_WHITESPACE_NOT_JSON = _JSON_WHITESPACE + "\x0b\x0c"


def _maybe_repeated(raw: str | bytes, value: dict[str, Any], keys: int | None = None) -> bool:
    """Whether a key may be written twice in the record's text: its `":` are not as many as the keys of its objects
    (a key given twice is one key of the dict; `":` inside a string makes it only look so), or a key is printed
    `"title" :` with a space (not counted, it could hide a key given twice). Only then is the text read again key
    by key (_repeated_key): json.loads and orjson keep the last of two keys without a word. One count at C speed and a walk of the objects (_keys_unless_float's)."""
    colons = raw.count(b'":') if isinstance(raw, bytes) else raw.count('":')
    if colons != (_keys(value) if keys is None else keys):  # `keys`: _keys(value), counted already
        return True
    # A key printed `"title" :` is not counted, and cancels a key given twice out: {"title" : "甲", "title": "乙",
    # "url": "…"} counted 2 against 2 keys and went in as 乙. Such text is read key by key too.
    spaced = _SPACED_COLON_BYTES.search(raw) if isinstance(raw, bytes) else _SPACED_COLON.search(raw)
    return spaced is not None


_SPACED_COLON_BYTES = re.compile(rb'"[ \t\r\n]+:')  # about 2 µs a 3.6 KB record
_SPACED_COLON = re.compile(r'"[ \t\r\n]+:')


def _keys(value: dict[str, Any]) -> int:
    """How many keys the objects of a record hold, nested ones too."""
    count = 0
    stack: list[Any] = [value]
    while stack:
        current = stack.pop()
        if type(current) is dict:
            count += len(current)
            current = current.values()
        for child in current:  # a plain loop: a generator per object cost a fifth more (issue 14's ingest)
            kind = type(child)
            if kind is dict or kind is list:
                stack.append(child)
    return count


def _repeated_key(text: str) -> str | None:
    """Why a record is refused when it gives one key twice with two values (`{"title": "甲", "title": "乙"}`, a
    clerk's edit in Notepad, a CMS template printing one column twice): which one is meant is a guess, and the first
    was dropped silently. The same value twice is no doubt, and is read."""
    objects: list[list[tuple[str, Any]]] = []

    def keep(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        objects.append(pairs)
        return dict(pairs)

    json.loads(text, object_pairs_hook=keep)  # the record's object closes last: objects[-1]
    first: dict[str, Any] = {}
    for key, item in objects[-1] if objects else []:
        if key in first and first[key] != item:
            return f"gives {key!r} twice, with two values ({_shown(first[key])} and {_shown(item)}): keep one"
        first.setdefault(key, item)
    return None


def _shown(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 40 else text[:39] + "…"


def parse_bytes(raw: bytes, limits: RecordLimits) -> Value:
    """One record's bytes (a JSON line, a kept payload): decoded by the rules above, then parsed."""
    if len(raw) > limits.max_record_bytes:
        return BadRecord(_too_large(len(raw)), None)
    value = _plain_object(raw, limits)
    if value is not None:
        return value
    text = decode(raw)
    if text is None:
        return BadRecord("neither UTF-8 nor GB18030 text", raw)
    return parse_text(text, limits)


def _plain_object(raw: bytes, limits: RecordLimits) -> dict[str, Any] | None:
    """The object of a line that is plain UTF-8 JSON, parsed by orjson straight from the bytes, or None: then
    parse_text's way decides, with its messages (json.loads' value is the same whenever orjson gives one, save
    that orjson reads an integer beyond 64 bits as a float: a value holding any float is parsed again the old
    way). orjson refuses everything else that way reads differently: a BOM, GB18030, NaN, a lone surrogate, an
    overflowing number. Decoding a line to str and json.loads cost 10.4 µs a bench record, this 4.8 plus the
    float walk, and pydantic validates orjson's objects a little faster (its keys are shared): 20,000 bench
    lines read and validated 1.22 -> 1.10 s."""
    try:
        value = orjson.loads(raw)
    except Exception:  # noqa: BLE001 - any refusal: the old way reads it and says why
        return None
    if type(value) is not dict:
        return None
    keys = _keys_unless_float(value)  # one walk for the float test and the key count (_maybe_repeated's)
    if keys < 0:
        return None
    if _brackets_over_bytes(raw, limits.max_depth) and _depth_over(value, limits.max_depth):
        return None
    if _maybe_repeated(raw, value, keys):
        return None  # parse_text reads it again key by key
    return value


def _keys_unless_float(value: dict[str, Any]) -> int:
    """_keys(value), or -1 when any value in it is a float: the two walks of a plain line made one (ingest21: a walk of
    a bench record's objects is ~2 µs, of the worker's ~330 a record)."""
    count = 0
    stack: list[Any] = [value]
    while stack:
        current = stack.pop()
        if type(current) is dict:
            count += len(current)
            current = current.values()
        for child in current:
            kind = type(child)
            if kind is dict or kind is list:
                stack.append(child)
            elif kind is float:
                return -1
    return count


def _brackets_over_bytes(raw: bytes, limit: int) -> bool:
    return raw.count(b"{") + raw.count(b"[") > limit  # as _brackets_over


def decode(raw: bytes) -> str | None:
    """A UTF-16 byte-order mark decides (Windows Notepad's "Unicode": a sidecar saved so was refused, "neither UTF-8 nor
    GB18030 text", though record files honoured it); else UTF-8 (a BOM skipped), else GB18030; None when neither."""
    if encoding := utf16_of(raw[:4]):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            return None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    # a UTF-8 BOM before GBK text (Notepad++ set to "UTF-8-BOM" saving a GBK export, a tool converting to GBK and keeping
    # the BOM it found): the BOM is no text; read with it, the first record opened 锘縶 and was refused (doors10)
    raw = raw.removeprefix(codecs.BOM_UTF8)
    try:
        text = raw.decode("gb18030")
    except UnicodeDecodeError:
        # Word's smart quotes pasted in Windows-1252 (\x93Zero-waste City\x94): read as the quotes they are (doors10; the
        # line was refused whole, "neither UTF-8 nor GB18030 text")
        return gb18030_with_cp1252(raw)
    return big5.big5_instead(raw, text) or text  # Big5 bytes read as GB18030 were stored as mojibake (gongkai.big5)


def _too_large(size: int | str) -> str:
    return f"the record is {size} bytes, over the limit (setting records.max_record_bytes)"


def _too_deep(limits: RecordLimits) -> str:
    return f"nested more than {limits.max_depth} levels deep (setting records.max_depth)"


def _brackets_over(text: str, limit: int) -> bool:
    """Whether the text holds more opening brackets than `limit`: with no more, nothing can nest deeper, and
    the walk of _depth_over is skipped (two counts at C speed instead of a walk of every value: 1 vs 6 µs
    for a record of 1,000 characters). Brackets inside strings only raise the count, so it is safe."""
    return text.count("{") + text.count("[") > limit


def _depth_over(value: Any, limit: int) -> bool:
    """Whether objects/arrays nest more than `limit` levels (iterative: no recursion of our own)."""
    stack = [(value, 1)]
    while stack:
        current, depth = stack.pop()
        if depth > limit:
            return True
        children = current.values() if isinstance(current, dict) else current
        stack.extend((child, depth + 1) for child in children if isinstance(child, (dict, list)))
    return False


def _strip_bom(head: bytes) -> bytes:
    return head[3:] if head.startswith(codecs.BOM_UTF8) else head


def head_of(handle: IO[bytes], size: int = 64) -> bytes:
    """The first bytes of a file not yet read from, without consuming them."""
    if hasattr(handle, "peek"):
        return handle.peek(size)[:size]
    where = handle.tell()
    head = handle.read(size)
    handle.seek(where)
    return head


def _utf16(handle: IO[bytes]) -> str | None:
    return utf16_of(head_of(handle, 4))


#: two ASCII characters of an opening (`{"`, `[{`, `<?`, blanks) written as UTF-16 without a BOM: each byte pair holds one
#: NUL, which no UTF-8 or GB18030 text opens with
_ASCII = frozenset(b"\t\n\r" + bytes(range(0x20, 0x7F)))


def utf16_of(head: bytes) -> str | None:
    """The UTF-16 a file's first 4 bytes say it is: "utf-16" by a byte-order mark; "utf-16-le"/"utf-16-be" when the file
    opens with two ASCII characters as UTF-16 does without a BOM (.NET's `Encoding.Unicode.GetBytes`, a Java or Qt export
    tool writing "UTF-16LE": no BOM by definition). Such a file was read as UTF-8/GB18030: each line "neither UTF-8 nor
    GB18030 text", an array or an XML file "unsupported format" (doors4). None: not UTF-16."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) and not head.startswith(codecs.BOM_UTF32_LE):
        return "utf-16"
    if len(head) < 4:
        return None
    if head[1] == head[3] == 0 and head[0] in _ASCII and head[2] in _ASCII:
        return "utf-16-le"
    if head[0] == head[2] == 0 and head[1] in _ASCII and head[3] in _ASCII:
        return "utf-16-be"
    return None


# -- JSON Lines

log = logging.getLogger(__name__)


def _line_values(handle: IO[bytes], limits: RecordLimits, after: int) -> Iterator[tuple[Place, int, Value]]:
    recoded = False
    if encoding := _utf16(handle):
        handle, recoded = utf8_stream(handle, encoding), True
    elif _cr_only(handle):
        handle = _cr_as_lf(handle)
    if _nel_ends(handle):
        handle = io.BufferedReader(_NelAsLf(handle))
    limit = limits.max_record_bytes
    number = comments = 0
    block = _BlockComment()
    while True:
        raw = handle.readline(limit + 2)  # the line, its "\r\n", and one byte more tells it is too long
        if not raw and block.held:
            # a `/*` never closed: its lines were no comment; each is read as it is (the `/*` line an entry)
            yield from block.release(limits)
            continue
        if not raw:
            if comments + block.lines:
                lines = comments + block.lines
                log.info("跳过了 %d 行注释（#、// 或 /* */） / skipped %d comment lines (#, // or /* */)", lines, lines)
            return
        number += 1
        if block.held or (block.opens(raw) and number > after):
            if block.take(number, raw):
                continue
            yield from block.release(limits)  # too long for a comment: read as lines after all
            continue
        size = len(raw)
        whole = raw.endswith(b"\n")
        while not whole and size > limit:  # over the limit: skip the rest unread
            chunk = handle.readline(1024 * 1024)
            size += len(chunk)
            whole = not chunk or chunk.endswith(b"\n")
            raw = b""
        # isspace(): no copy of the line, as strip() makes; a DOS end-of-file mark (Ctrl-Z, \x1a, old export tools)
        # is no record either: it was a quarantine entry, its file archived under failed/ (doors3)
        if number <= after or raw.isspace() or (len(raw) <= 3 and raw.strip() == b"\x1a"):
            continue
        if not raw:
            yield "line", number, BadRecord(_too_large(size - 1 if size else size), None)
        elif recoded and _SURROGATE.search(raw):
            yield "line", number, BadRecord("not valid UTF-16 text (a lone surrogate, or the file cut in a character)", None)
        else:
            value = line_value(raw, limits)
            if isinstance(value, BadRecord) and raw.count(b"\x00") >= _NUL_RUN:
                value = _nul_bytes(raw, value)
            if isinstance(value, BadRecord) and _comment_line(raw):
                comments += 1
                continue  # an export script's `# 导出…` or `// 第二部分` between the records: no record (doors9: each was an entry)
            if isinstance(value, BadRecord) and value.reason.startswith(_EXTRA_DATA) and (glued := _glued_records(raw, limits)):
                for record in glued:  # (each its line's record: one line, several records, one reference)
                    yield "line", number, record
            else:
                yield "line", number, value


#: a comment line of JSON Lines: `#` or `//` first (after a BOM and blanks), as export scripts and hand-kept NDJSON write
#: a header or a section's name: skipped, neither a record nor an entry (each was a quarantine entry `not valid JSON`, for
#: an operator to dismiss one by one); read on the refused path only (a good line costs nothing)
_COMMENT = re.compile(rb"^(?:\xef\xbb\xbf)?[ \t]*(?:#|//)")


def _comment_line(raw: bytes) -> bool:
    return _COMMENT.match(raw) is not None


#: a run of NUL bytes this long in a refused line is said as such
_NUL_RUN = 16


def _nul_bytes(raw: bytes, refused: BadRecord) -> BadRecord:
    """Why a line of NUL bytes is no record: a copy onto a share that preallocates the file (Explorer, robocopy) or a
    download that died part-way leaves its unwritten end as NUL bytes. The line was `not valid JSON: Expecting value`,
    which told the clerk nothing (doors10); its records before the NULs went in."""
    body = raw.rstrip(b"\r\n")
    nul = len(body) - len(body.rstrip(b"\x00"))
    if not body.strip(b"\x00"):
        return BadRecord(f"{len(body)} NUL bytes and nothing else (an unfinished copy or download?): send the file again whole", None)
    if nul >= _NUL_RUN:
        return BadRecord(f"{refused.reason}; the line ends in {nul} NUL bytes (an unfinished copy or download?)", refused.payload)
    return refused


class _BlockComment:
    """A `/* … */` comment over lines of JSON Lines (an export script's header, a section's name, records commented out):
    its lines are held until `*/` closes it, then skipped as comment lines; each was a quarantine entry `not valid JSON`,
    a commented-out record stored (doors10). A block never closed, or longer than a comment is (_MOST lines, _MOST_BYTES),
    is no comment: its lines are read as they are, the `/*` line an entry, so no record is lost to a stray `/*`."""

    _MOST = 200
    _MOST_BYTES = 1 << 20

    def __init__(self) -> None:
        self.held: list[tuple[int, bytes]] = []
        self.lines = 0  # comment lines skipped so far

    @staticmethod
    def opens(raw: bytes) -> bool:
        return _BLOCK_OPEN.match(raw) is not None

    def take(self, number: int, raw: bytes) -> bool:
        """Hold a line of the comment; False when the comment grew too long to be one (release it)."""
        self.held.append((number, raw))
        first = self.held[0][1]
        closed = b"*/" in (raw[_BLOCK_OPEN.match(first).end():] if len(self.held) == 1 else raw)  # type: ignore[union-attr]
        if closed:
            if raw.split(b"*/")[-1].strip():  # text after the `*/` (`*/ {…}`): not a plain comment; read as lines
                return False
            self.lines += len(self.held)
            self.held = []
            return True
        return len(self.held) < self._MOST and sum(len(line) for _, line in self.held) < self._MOST_BYTES

    def release(self, limits: RecordLimits) -> Iterator[tuple[Place, int, Value]]:
        held, self.held = self.held, []
        for number, raw in held:
            if not raw.isspace():
                yield "line", number, line_value(raw, limits)


_BLOCK_OPEN = re.compile(rb"^(?:\xef\xbb\xbf)?[ \t]*/\*")


#: json's message for a text that holds more after its first value (parse_text's reason: "not valid JSON: " + it)
_EXTRA_DATA = "not valid JSON: Extra data"


def _glued_records(raw: bytes, limits: RecordLimits) -> list[dict[str, Any]] | None:
    """The records of a line holding several whole JSON objects back to back, else None (the line stays one entry).
    Two exports joined by `cat` when the first ends without a line end (`{…}{…}`, a BOM between them when the second
    has one), or JSON Lines sent through `curl -d @file`, which drops the line ends (every record on one line): all but
    the first record of such a line were lost, quarantined with it as `Extra data` (doors8). So are records glued with one
    comma each, `{…},{…}` (an array that lost its brackets: a script's `join(",")`; doors11, it stayed one entry). Only
    when every piece is a record by the one reader's rules; anything else between them (text, two commas) keeps the line
    one entry, as before.
    Read on the refused path only: a good line costs nothing."""
    text = decode(raw)
    if text is None:
        return None
    decoder = json.JSONDecoder()
    records: list[dict[str, Any]] = []
    at, end = 0, len(text)
    while True:
        while at < end and text[at] in _BETWEEN_GLUED:
            at += 1
        if at == end:
            break
        if text[at] != "{":
            return None
        try:
            _, stop = decoder.raw_decode(text, at)
        except (json.JSONDecodeError, RecursionError, ValueError):
            return None
        value = parse_text(text[at:stop], limits)
        if isinstance(value, BadRecord):
            return None
        records.append(value)
        at = stop
        while at < end and text[at] in _BETWEEN_GLUED:
            at += 1
        if at < end and text[at] == "," and records:
            at += 1  # one comma after a record: `{…},{…}`, an array's elements without its brackets (a script's join(","))
            if text[at:].strip(_BETWEEN_GLUED) == "":
                return None  # a comma and nothing after it: not glued records (a line of an array, read by its own rule)
    return records if len(records) > 1 else None


#: a DOS end-of-file mark (Ctrl-Z) and blanks after it, at a file's end
_DOS_END = "\x1a \t\r\n"

#: what may stand between glued records: JSON's whitespace and a second file's byte-order mark
_BETWEEN_GLUED = " \t\r\n\ufeff"


def _cr_only(handle: IO[bytes]) -> bool:
    """Lines ended by a lone CR (classic Mac OS, some old export tools): its head holds a CR and no LF, and its first line
    is an object on one line (one pretty-printed object written with CRs is one value, read whole as before). Read by LF
    alone such a file was one "line", its records one quarantine entry (`Extra data`; doors2, session 11)."""
    head = head_of(handle, 64 * 1024)
    if b"\n" in head or b"\r" not in head.rstrip(b"\r"):
        return False
    first = next((line for line in head.split(b"\r") if line.strip()), b"").strip().removeprefix(codecs.BOM_UTF8)
    return first.startswith(b"{") and first.endswith(b"}")


def _cr_as_lf(handle: IO[bytes]) -> IO[bytes]:
    """The stream with each CR as LF, byte for byte otherwise: read as latin-1 (one character per byte) with universal
    newlines. No byte of a UTF-8 or GB18030 character is a CR or LF, so the text is untouched."""
    return io.BufferedReader(_Recoded(io.TextIOWrapper(handle, encoding="latin-1", newline=None), "latin-1"))


#: a record's closing brace, then NEL (U+0085) in UTF-8 and in GB18030: the line end of a mainframe's export (EBCDIC's NL,
#: 0x15, converted as NEL, not LF). Read by LF alone, two or more records were one line, one entry `Extra data` (doors6)
_NEL_ENDS = (b"}\xc2\x85", b"}\x810\x815")
_NEL_PREFIXES = (b"}\x810\x81", b"}\x810", b"}\xc2", b"}\x81", b"}")


def _nel_ends(handle: IO[bytes]) -> bool:
    """Whether records end in NEL: one follows a `}` in the file's head. A NEL inside a string is no line end (the
    record's text rules drop it as the C1 control it is); only `}` + NEL is an end, rewritten as `}` + LF (_NelAsLf)."""
    head = head_of(handle, 64 * 1024)
    return b"}\xc2\x85" in head or b"}\x810\x815" in head


class _NelAsLf(io.RawIOBase):
    """A stream with each `}` + NEL as `}` + LF; a NEL end cut by a read's end waits for the next read."""

    def __init__(self, raw: IO[bytes]) -> None:
        self._raw, self._pending, self._held = raw, b"", b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self._pending:
            chunk = self._raw.read(64 * 1024)
            if not chunk:
                self._pending, self._held = self._held, b""
                if not self._pending:
                    return 0
                break
            data = self._held + chunk
            for end in _NEL_ENDS:
                data = data.replace(end, b"}\n")
            cut = next((len(prefix) for prefix in _NEL_PREFIXES if data.endswith(prefix)), 0)
            self._pending, self._held = (data[:-cut], data[-cut:]) if cut else (data, b"")
        size = min(len(buffer), len(self._pending))
        buffer[:size], self._pending = self._pending[:size], self._pending[size:]
        return size


def utf8_stream(handle: IO[bytes], encoding: str) -> IO[bytes]:
    """A byte stream in `encoding` as a UTF-8 byte stream, decoded as it is read. Bytes that are no `encoding` (a lone
    surrogate, a file cut in the middle of a character) become U+DCFF, written as the 3 bytes of a surrogate, which no
    UTF-8 text holds: the line reader quarantines that line alone (`not valid UTF-16 text`). A UnicodeDecodeError here
    stopped the drop folder's run: no file of it went in, and every later run met the file again (doors4)."""
    return io.BufferedReader(_Recoded(io.TextIOWrapper(handle, encoding=encoding, newline="", errors=_MARKED)))


_MARKED = "gongkai-marked"
codecs.register_error(_MARKED, lambda exc: ("\udcff", exc.end) if isinstance(exc, UnicodeDecodeError) else codecs.strict_errors(exc))
#: a UTF-16 surrogate written as UTF-8 (what the handler above leaves; valid UTF-8 never holds one)
_SURROGATE = re.compile(rb"\xed[\xa0-\xbf]")


class _Recoded(io.RawIOBase):
    """A text stream (UTF-16) as UTF-8 bytes, so that every encoding goes through the one line reader."""

    def __init__(self, text: io.TextIOBase, encoding: str = "utf-8") -> None:
        self._text, self._pending, self._encoding = text, b"", encoding

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self._pending:
            chunk = self._text.read(64 * 1024)
            if not chunk:
                return 0
            self._pending = chunk.encode(self._encoding, "surrogatepass")
        size = min(len(buffer), len(self._pending))
        buffer[:size], self._pending = self._pending[:size], self._pending[size:]
        return size


# -- JSON

_STRUCTURE = re.compile(r'["\[\]{},]')
_STRING_BODY = re.compile(r'[^"\\]*(?:\\.[^"\\]*)*', re.S)


def detect_encoding(handle: IO[bytes]) -> str | None:
    """The file's encoding by the rules above, found by one decoding pass (C speed); the handle is rewound."""
    if encoding := _utf16(handle):
        return encoding
    for encoding in ("utf-8-sig", "gb18030"):
        handle.seek(0)
        decoder = codecs.getincrementaldecoder(encoding)()
        try:
            while chunk := handle.read(CHUNK_CHARS):
                decoder.decode(chunk)
            # a file cut inside its last character (a transfer broken off) is still this encoding: its unfinished last
            # record is quarantined, the others read (it was "neither UTF-8 nor GB18030 text", the whole file)
            decoder.decode(b"", final=not encoding.startswith("utf-8"))
        except UnicodeDecodeError:
            continue
        handle.seek(0)
        return _big5_file(handle) if encoding == "gb18030" else encoding
    return None


def _big5_file(handle: IO[bytes]) -> str:
    """gb18030, or Big5 when the file's opening reads as Big5 mojibake in GB18030 and the whole file reads as Big5
    (gongkai.big5). The handle is rewound."""
    opening = handle.read(4096)
    handle.seek(0)
    opening = opening[: max(opening.rfind(b"\n"), opening.rfind(b","), len(opening) - 1 if len(opening) < 4096 else 0) + 1]
    if big5.big5_instead(opening, opening.decode("gb18030", "ignore")) is None:  # (cut after a whole character)
        return "gb18030"
    decoder = codecs.getincrementaldecoder(big5.BIG5)()
    try:
        while chunk := handle.read(CHUNK_CHARS):
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return "gb18030"
    finally:
        handle.seek(0)
    return big5.BIG5


def _json_values(handle: IO[bytes], limits: RecordLimits, after: int) -> Iterator[tuple[Place, int, Value]]:
    """A JSON file's records: the elements of a top-level array, else the objects one after another
    (one pretty-printed object, or JSON Lines in a .json file). Each element is cut out by a scan of
    the structure (strings skipped by a regex) and parsed on its own: one bad element, even one whose
    number json cannot read, is quarantined alone (a streaming parser such as ijson stops the whole
    file at it). Memory: one chunk plus one record."""
    encoding = detect_encoding(handle)
    if encoding is None:
        yield "only", 1, BadRecord("neither UTF-8 nor GB18030 text", None)
        return
    if _json_lines_inside(handle, encoding, limits):
        # JSON Lines in a .json file (exports are often so named): read line by line, so a broken line
        # is quarantined alone instead of swallowing the records after it into one unfinished value.
        yield from _line_values(handle, limits, after)
        return
    elements = _split_json(_decoded_chunks(handle, encoding), limits)
    first = next(elements, None)
    if first is None:
        return
    second = next(elements, None)
    if second is None and not first[0]:  # one object, not an array: the file is the record
        value = _element_value(first[1], limits)
        listed = api_list(value) if isinstance(value, dict) else None
        if listed is None:
            yield "only", 1, value
            return
        for number, element in enumerate(listed, start=1):  # a list API's answer saved as a file: its records
            if number > after:
                yield "element", number, _listed_value(element)
        return
    number = 0
    for in_array, text in _chain(first, second, elements):
        for value in _resynced(text, limits) if in_array else (_element_value(text, limits),):
            number += 1
            if number > after:
                yield "element", number, value


#: the keys under which a CMS's list API answers its records (`{"code": 0, "msg": "success", "total": 3, "data": […]}`,
#: `{"rows": […], "total": 2}`, `{"data": {"total": 3, "list": […]}}`), as a script's `curl -o 目录.json` saves it
API_LIST_KEYS = ("data", "list", "rows", "records", "items", "result", "results", "datas", "dataList", "content", "docs")


def api_list(value: dict[str, Any]) -> list[Any] | None:
    """The records of a list API's answer saved as a .json file, or None: a record. Only an object naming no record field
    (by the one label table) whose one list of objects sits under one of API_LIST_KEYS, or one level down in such an
    object; it was one record refused `Extra inputs are not permitted` (doors11), its records lost."""
    for _ in range(2):
        # a key holding a list or an object is the answer's wrapper, no field: `content` is also another tool's name for a
        # record's text (a string), and a Spring Data page, {"content": [...], "totalElements": 2}, was one record (review20)
        wrappers = {key for key in API_LIST_KEYS if isinstance(value.get(key), (list, dict))}
        if header_fields([key for key in value if key not in wrappers]):
            return None  # a record (it names a field): read as one, refused with why if it is not
        found = [value[key] for key in API_LIST_KEYS if key in value]
        if len(found) != 1:
            return None
        [inner] = found
        if isinstance(inner, list) and any(isinstance(element, dict) for element in inner):
            return inner
        if isinstance(inner, list) and not inner:
            return inner  # an empty page: no record (said so, as `[]` is)
        if not isinstance(inner, dict):
            return None
        value = inner
    return None


def _listed_value(element: Any) -> Value:
    if not isinstance(element, dict):
        return BadRecord(f"a record must be a JSON object, got {type(element).__name__}", json.dumps(element, ensure_ascii=False, default=str))
    return element


def _json_lines_inside(handle: IO[bytes], encoding: str, limits: RecordLimits) -> bool:
    """Whether a JSON file is JSON Lines: its first non-blank line is a whole object and another line
    follows. The handle is rewound."""
    lines: list[bytes] = []
    while len(lines) < 2:
        raw = handle.readline(limits.max_record_bytes + 2)
        if not raw or (len(raw) > limits.max_record_bytes and not raw.endswith(b"\n")):
            break
        if not raw.isspace():
            lines.append(raw)
    handle.seek(0)
    if len(lines) < 2 or encoding.startswith("utf-16"):
        return False
    text = lines[0].removeprefix(codecs.BOM_UTF8).decode(encoding, errors="replace").strip()
    if not text.startswith("{"):
        return False
    try:
        return isinstance(json.loads(text), dict)
    except (ValueError, RecursionError, MemoryError):
        return False


def _decoded_chunks(handle: IO[bytes], encoding: str) -> Iterator[str]:
    decoder = codecs.getincrementaldecoder(encoding)(errors=_MARKED)  # (a file cut in a character: its end marked)
    if not encoding.startswith("utf") and head_of(handle, 3) == codecs.BOM_UTF8:
        handle.read(3)  # a UTF-8 BOM before GBK text is no text (decode, doors10): read as GB18030 it ate the `[` after it
    while data := handle.read(CHUNK_CHARS):
        if text := decoder.decode(data):  # empty when the chunk ends inside a character
            yield text
    if text := decoder.decode(b"", final=True):
        yield text


def _chain(first: Any, second: Any, rest: Iterator[Any]) -> Iterator[Any]:
    yield first
    if second is not None:
        yield second
        yield from rest


def _resynced(text: str | BadRecord, limits: RecordLimits) -> Iterator[Value]:
    """An array element's value; when it is refused and its text runs over lines that open as elements do (`{` at the
    least indentation of such lines: elements one per line, or indented alike), each such line starts an element of its
    own. An unbalanced quote in one element (`{"title": "缺引号, …}`) put the scanner's string state off, and the rest of
    the array was that element's one entry, kept but never read (doors5's gap, doors6): now the broken element alone is
    refused, the elements after it are read. Only on the refused path: a good element costs nothing more."""
    value = _element_value(text, limits)
    raw = text if isinstance(text, str) else text.payload if isinstance(text.payload, str) else None
    if not isinstance(value, BadRecord) or raw is None or "\n" not in raw:
        yield value
        return
    openings = [(len(found.group(1)), found.start(2)) for found in _ELEMENT_LINE.finditer(raw)]
    first, _, rest = raw.partition("\n")
    if first.strip() == "{":
        # A pretty-printed element: its own keys are indented one step in, so a `{` line as deep as they are or deeper is
        # an object inside it (an attachment), never the next element: an element refused for another fault (a missing
        # comma) was cut at its attachments, three entries for one and the elements after it numbered too far (review s16).
        key = next((line for line in rest.split("\n") if line.strip()), "")
        keys = len(key) - len(key.lstrip(" \t"))
        openings = [(indent, at) for indent, at in openings if indent < keys]
    least = min((indent for indent, _ in openings), default=0)
    cuts = [at for indent, at in openings if indent == least and raw[:at].strip()]
    if not cuts:
        yield value
        return
    pieces = [raw[a:b] for a, b in zip([0, *cuts], [*cuts, len(raw)])]
    for n, piece in enumerate(pieces):
        piece = piece.strip()
        if n == len(pieces) - 1 and piece.endswith("]"):  # the array's end, which the scanner took for string text
            piece = piece[:-1].rstrip()
        piece = piece.removesuffix(",").rstrip()
        yield _element_value(piece, limits) if piece else BadRecord("not valid JSON: an empty array element", None)


_ELEMENT_LINE = re.compile(r"\n([ \t]*)(\{)")


def _element_value(text: str | BadRecord, limits: RecordLimits) -> Value:
    if isinstance(text, BadRecord):
        return text
    if "\udcff" in text:  # bytes the file's encoding could not read, marked by _decoded_chunks: that record alone
        return BadRecord("not valid text in the file's encoding (a lone surrogate, or the file cut in a character)", None)
    value = parse_text(text, limits)
    if isinstance(value, BadRecord) and value.reason.startswith("not valid JSON"):
        return _read_past_notes(value, text, limits)
    return value


def _split_json(chunks: Iterator[str], limits: RecordLimits) -> Iterator[tuple[bool, str | BadRecord]]:
    """(in an array, element text or why it is unreadable) for each top-level record of a JSON text.

    Offsets into `buf`, which is compacted once per chunk (slicing it per element made a large
    array quadratic)."""
    buf = ""
    pos = 0  # scanned up to here
    start: int | None = None  # where the current element starts in buf (None: between elements)
    between = 0  # where the text between top-level values starts (sequence mode)
    depth = 0
    array: bool | None = None  # unknown until the first non-blank character of a top-level value
    in_string = oversize = False
    dropped = 0  # characters of the current element already dropped from buf (an element over the limit)
    stray = ""  # text between top-level objects (not JSON)

    def size(end: int) -> int:
        return dropped + end - (start or 0)

    def stray_item(text: str) -> tuple[bool, BadRecord]:
        # a JSON value that is no object or array (a .json holding one string: a reply saved as a file) is said as such,
        # not "not valid JSON" (doors5); only text between top-level values is tried, never a record
        try:
            kind = type(json.loads(text)).__name__ if len(text) <= 1000 else ""
        except (ValueError, RecursionError):
            kind = ""
        if kind:
            return False, BadRecord(f"a record must be a JSON object, got {kind}", text[:1000])
        return False, BadRecord(f"not valid JSON: unexpected text {text[:40]!r}", text[:1000])

    for chunk in _with_end(chunks):
        buf += chunk
        while True:
            if in_string:
                end = _STRING_BODY.match(buf, pos).end()  # type: ignore[union-attr]
                if end < len(buf) and buf[end] == '"':
                    in_string, pos = False, end + 1
                    continue
                pos = end  # the string goes on in the next chunk (maybe after a lone backslash)
                break
            if array is None:
                rest = len(buf) - len(buf[pos:].lstrip(" \t\r\n\ufeff"))
                pos = between = rest
                if pos == len(buf):
                    break
                if (past := _past_head_comment(buf, pos, final=not chunk)) is not None:
                    if past == pos:
                        break  # a comment not yet closed: the next chunk
                    pos = past
                    continue
                array = buf[pos] == "["
                if array:
                    depth, pos, start = 1, pos + 1, pos + 1
                continue
            found = _STRUCTURE.search(buf, pos)
            if found is None:
                pos = len(buf)
                break
            char, at = found.group(), found.start()
            pos = found.end()
            if start is None:  # between top-level objects
                if char in "[{":
                    stray = (stray + buf[between:at]).strip()
                    if stray:
                        yield stray_item(stray)
                    stray, start = "", at
                elif char == '"':
                    in_string = True
                    continue
            if char in "[{":
                depth += 1
            elif char in "]}":
                depth -= 1
                if depth == 0:  # a top-level object ends, or the array does
                    if array:
                        yield from _array_element(buf, start or 0, at, oversize, size(at), last=True)
                        array = None  # what follows is read as more values
                    else:
                        yield False, BadRecord(_too_large(f"about {size(pos)}"), None) if oversize else buf[start or 0 : pos]
                    start, between, oversize, dropped = None, pos, False, 0
                elif depth < 0:  # a closing bracket between values: stray text
                    depth = 0
            elif char == '"':
                in_string = True
            elif char == "," and array and depth == 1:
                yield from _array_element(buf, start or 0, at, oversize, size(at), last=False)
                start, oversize, dropped = pos, False, 0
        if chunk == "":  # the end of the file
            if start is not None and (buf[start:].strip() or depth > 0 or in_string):
                yield bool(array), BadRecord("not valid JSON: the file ends inside a record", None if oversize else buf[start:][:1_000_000])
            elif start is None and (trailing := (stray + buf[between:]).strip()) and trailing.rstrip(_DOS_END).strip():
                # (a DOS end-of-file mark at the very end, Ctrl-Z, an old export tool's, is no stray text: it was an entry
                # 'unexpected text' and its file went to failed/ though every record went in; doors8, as JSON Lines since doors3)
                yield stray_item(trailing)
            return
        # Compact once per chunk: keep the element being read (or, past the limit, nothing of it).
        if start is not None and size(len(buf)) > limits.max_record_bytes:
            oversize = True
            dropped, buf, pos, start = size(pos), buf[pos:], 0, 0
        elif start is not None:
            buf, pos, start = buf[start:], pos - start, 0
        else:
            stray = (stray + buf[between:pos])[-1000:]
            buf, pos, between = buf[pos:], 0, 0


def _past_head_comment(buf: str, pos: int, final: bool) -> int | None:
    """Where a comment before a JSON file's value ends (`// 导出于…` to its line's end, `/* … */`: an export script's header,
    JSONC as VS Code keeps it), `pos` when it closes in a later chunk; None: no comment here. Such a file was one entry
    `not valid JSON: unexpected text '// 厦门市…'`, its records lost (doors11). A comment never closed stays text (an entry)."""
    if buf.startswith("//", pos) or buf.startswith("#", pos):
        end = buf.find("\n", pos)
        return end + 1 if end >= 0 else (None if final else pos)
    if buf.startswith("/*", pos):
        end = buf.find("*/", pos + 2)
        return end + 2 if end >= 0 else (None if final or len(buf) - pos > _MOST_HEAD_COMMENT else pos)
    return None


#: a block comment at a JSON file's head longer than this is no export's header: read as text (an entry), never held
_MOST_HEAD_COMMENT = 1024 * 1024


def _with_end(chunks: Iterator[str]) -> Iterator[str]:
    yield from chunks
    yield ""


def _array_element(buf: str, start: int, end: int, oversize: bool, size: int, last: bool) -> Iterator[tuple[bool, str | BadRecord]]:
    if oversize:
        yield True, BadRecord(_too_large(f"about {size}"), None)
        return
    text = buf[start:end].strip()
    if text or not last:
        yield True, text if text else BadRecord("not valid JSON: an empty array element", None)


# -- XML


def _within_limit(fields: dict[str, Any], limits: RecordLimits) -> Value:
    size = sum(len(str(value).encode("utf-8", "surrogatepass")) for value in fields.values())
    return BadRecord(_too_large(size), None) if size > limits.max_record_bytes else fields


def _xml_values(handle: IO[bytes], name: str, limits: RecordLimits, after: int) -> Iterator[tuple[Place, int, Value]]:
    """The records of an XML record file, streamed (parsers.sidecar.iter_xml_records). A refusal of the
    whole file (a DTD, broken XML, bad bytes) is one BadRecord after the records read before it. A record
    over records.max_record_bytes is refused like an over-long JSON line (the XML parser has read it by
    then: the limit keeps it out of the store and the index, not out of memory)."""
    from gongkai.parsers.sidecar import SidecarError, iter_xml_records

    records = iter_xml_records(handle, Path(name).name)
    number = 0
    pending: Value | None = None  # held back one: a file of one record is "only", not "element"
    try:
        for record in records:
            number += 1
            value: Value = BadRecord(record.reason, None) if isinstance(record, SidecarError) else _within_limit(record, limits)
            if pending is not None and number - 1 > after:
                yield "element", number - 1, pending
            pending = value
    except SidecarError as exc:
        failure: BadRecord | None = BadRecord(exc.reason, None)
    except (RecursionError, MemoryError, ValueError) as exc:
        failure = BadRecord(f"cannot be read as XML: {type(exc).__name__}: {exc}", None)
    else:
        failure = None
    if pending is not None and number > after:
        yield ("only" if number == 1 and failure is None else "element"), number, pending
    if failure is not None and number + 1 > after:
        if number:  # the records before the failure went in; what follows it is refused, named by its place
            failure = BadRecord(f"after record {number}: {failure.reason}", None)
        yield ("element" if number else "only"), number + 1, failure
