"""Metadata sidecars: which files are sidecars, and the one reader for them (JSON or XML).

A document NAME (report.pdf) may come with a sidecar beside it: NAME.json / NAME.xml
(report.pdf.json) or STEM.json / STEM.xml (report.json), record fields that win over what the
parser extracts. A document has at most one: two are refused (which one would win is a guess).
Files whose own suffix is a record-file suffix (.json, .jsonl, .ndjson, .xml) are never
documents, so they have no sidecar. The same rule serves `gongkai ingest` (Capture.from_path,
gongkai.inputs) and the drop folder (gongkai.feeds.inbox).

JSON: one object of record fields (the interchange format), UTF-8 (GB18030 accepted). XML: one
element per field, parsed with defusedxml (no DTDs, no entity expansion, no external entities),
element names either the record's field names or the Chinese labels agencies print on
disclosure pages; GBK/GB2312/GB18030 declarations are honoured:

    <record>
      <信息名称>厦门市人民政府关于…的通知</信息名称>
      <文号>厦府〔2024〕12号</文号>
      <发布机构>厦门市人民政府</发布机构>
      <关键词>交通</关键词><关键词>停车</关键词>
    </record>

A record file of several records wraps them: <records><record>…</record>…</records>.
Every refusal is a SidecarError (a CorruptFile, so a ParseError) naming the sidecar file.
"""

from __future__ import annotations

import codecs
import io
import logging
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from defusedxml import ElementTree as SafeET
from defusedxml.common import DefusedXmlException

from gongkai.parsers.capture import CorruptFile
from gongkai.parsers.labels import field_for_label, is_unused_label
from gongkai.record import Record
from gongkai.recordfiles import (
    LINE_SUFFIXES,
    BadRecord,
    RecordLimits,
    decode,
    detect_encoding,
    head_of,
    parse_bytes,
    utf8_stream,
)

#: Sidecar suffixes, tried in this order; lower or upper case only (so a lookup is a few stat calls).
SIDECAR_SUFFIXES = (".json", ".xml")
#: A file ending so is records or a sidecar, never a document with a sidecar of its own.
RECORD_FILE_SUFFIXES = (".json", *LINE_SUFFIXES, ".xml")
#: A sidecar is a few fields; anything larger is refused unread.
MAX_SIDECAR_BYTES = 1024 * 1024

#: Labels agencies print, to record fields; any other label parsers.labels knows is accepted too.
LABELS = {
    "信息名称": "title",
    "标题": "title",
    "内容概述": "summary",
    "摘要": "summary",
    "文号": "doc_number",
    "发文字号": "doc_number",
    "索引号": "index_number",
    "发布机构": "issuer",
    "发文机关": "issuer",
    "关键词": "keywords",
    "主题词": "keywords",
    "主题分类": "topic",
    "成文日期": "written_date",
    "发布日期": "publish_date",
    "正文": "body",
    # an agency system's export names its body and address so too (an export of 全文/原文链接 was refused whole: lead,
    # session 18); 内容 alone is the body of a record, never a summary (内容概述, 内容摘要 say so)
    "全文": "body",
    "内容": "body",
    "正文内容": "body",
    "文件内容": "body",
    "公告内容": "body",
    "链接": "url",
    "原文链接": "url",
    "原文地址": "url",
    "网址": "url",
    "网页地址": "url",
    "页面地址": "url",
    "链接地址": "url",
    "来源": "source",
    # the agency's own statement of validity (gongkai.validity reads it): its catalogue's labels for it
    "有效性": "stated_validity",
    "效力": "stated_validity",
    "效力状态": "stated_validity",
}
#: Other tools' names for record fields: crawlers' and exports' JSON (国务院 policy crawls' index_no/doc_no/body_text,
#: a bureau's list crawl's publisher/article_text, page extractions' text/source_url/doc_no_in_text). Their records were
#: refused whole, "Extra inputs are not permitted" (review18; lead, session 19).
OTHER_TOOLS_NAMES = {
    "index_no": "index_number", "index_num": "index_number", "doc_no": "doc_number", "doc_num": "doc_number",
    "document_number": "doc_number", "doc_no_in_text": "doc_number", "topic_category": "topic", "category_name": "topic",
    "publisher": "issuer", "issuer_in_text": "issuer", "department": "issuer", "agency": "issuer",
    "publish_time": "publish_date", "pub_date": "publish_date", "pubdate": "publish_date", "release_date": "publish_date",
    "written_time": "written_date", "body_text": "body", "article_text": "body", "content_text": "body", "content": "body",
    "fulltext": "body", "full_text": "body", "text": "body", "source_url": "url", "link": "url", "abstract": "summary",
    "description": "summary",
}
#: …and their bookkeeping, which no record field holds (where and when they crawled, their own classifications, a copy
#: of the page's HTML beside its text): ignored with a note, as a standard label no field holds is. Any other key is
#: still refused: a misspelt field is never lost silently.
OTHER_TOOLS_BOOKKEEPING = frozenset({
    "site", "crawl_time", "crawl_time_in_source", "crawled_at", "fetched_at", "html_file", "column", "source_type",
    "script", "excerpt_complete", "region", "category", "article_html", "content_html", "repo_path", "chars",
})
RECORD_FIELDS = frozenset(Record.model_fields)
#: Bookkeeping fields the store sets; a sidecar may not.
SIDECAR_FORBIDDEN = frozenset({"content_hash", "first_seen", "last_seen", "version", "withdrawn"})

_GB_ENCODINGS = {"gb2312", "gbk", "gb18030", "cp936", "gb_2312-80", "euc-cn"}
_XML_DECLARATION = re.compile(rb"^\s*<\?xml[^>]*?\?>")
_DECLARED_ENCODING = re.compile(rb"""encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")


log = logging.getLogger(__name__)
#: The sets of ignored labels already noted by this process: an export of 100,000 records holding 公开方式 is one note.
_noted: set[frozenset[str]] = set()


class SidecarError(CorruptFile):
    """A sidecar (or XML record file) that cannot be used; the reason names the file and says why."""


# ------------------------------------------------------------------------------ which files

def _suffix_variants() -> tuple[str, ...]:
    return tuple(v for s in SIDECAR_SUFFIXES for v in (s, s.upper()))


def can_have_sidecar(name: str) -> bool:
    """Whether a file of this name is a document that may have a sidecar: not a record file itself, gzipped or not
    (`export.jsonl.gz`), nor a zip (its members are read one by one, a sidecar beside each). `export.jsonl.gz.json` or
    `十一月.zip.json` was taken for the sidecar of a file that reads none, and left in the drop folder for ever without a
    word (doors4): it is a record file of its own now, read, and quarantined with its reason when it is no record."""
    lowered = name.lower()
    inner = lowered[:-3] if lowered.endswith(".gz") else lowered
    return not inner.endswith(RECORD_FILE_SUFFIXES) and not lowered.endswith(".zip")


def sidecar_names(document: str) -> list[str]:
    """The names a sidecar of `document` may have, strongest first: NAME.json, NAME.xml, STEM.json, STEM.xml."""
    if not can_have_sidecar(document):
        return []
    stem = document.rsplit(".", 1)[0] if "." in document.lstrip(".") else document
    bases = [document, stem]
    if stem != document and document.lower().endswith(".gz") and can_have_sidecar(stem) and "." in stem.lstrip("."):
        bases.append(stem.rsplit(".", 1)[0])  # a gzip document (report.pdf.gz) is served by report.json as report.pdf is
    names: list[str] = []
    for base in bases:
        for suffix in _suffix_variants():
            if base + suffix not in names and base + suffix != document:
                names.append(base + suffix)
    return names


def pair_sidecars(names: Iterable[str]) -> dict[str, list[str]]:
    """For the file names of one folder: each document that has sidecars -> its sidecars present.

    A name that appears in no list is not a sidecar (a lone report.json is a record file).
    """
    present = set(names)
    pairs: dict[str, list[str]] = {}
    for name in sorted(present):
        found = [candidate for candidate in sidecar_names(name) if candidate in present]
        if found:
            pairs[name] = found
    return pairs


def sidecars_of(names: Iterable[str]) -> set[str]:
    """Every name of one folder's listing that is the sidecar of a document in it."""
    return {sidecar for found in pair_sidecars(names).values() for sidecar in found}


def the_sidecar(document: str, found: list[str]) -> str | None:
    """The one sidecar of `document` among `found` (None when none); two or more are a SidecarError."""
    if len(found) > 1:
        raise SidecarError(f"{document} has {len(found)} sidecars ({', '.join(found)}): keep one, which would win is a guess")
    return found[0] if found else None


# ------------------------------------------------------------------------------ reading

def read_sidecar(path: str | Path, limits: RecordLimits | None = None) -> dict[str, Any]:
    """The record fields of the sidecar beside the document at `path` ({} when it has none)."""
    path = Path(path)
    found = [name for name in sidecar_names(path.name) if (path.parent / name).is_file()]
    name = the_sidecar(path.name, found)
    if name is None:
        return {}
    return read_sidecar_bytes(_read_limited(path.parent / name), name, limits)


def read_sidecar_bytes(data: bytes, name: str, limits: RecordLimits | None = None) -> dict[str, Any]:
    """A sidecar's bytes as checked record fields; `name` (its file name) picks JSON or XML."""
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf"):  # an upload cut off before its first byte read "not valid JSON" (doors2)
        raise SidecarError(f"sidecar {name} is empty ({len(data)} bytes): send it again whole")
    if name.lower().endswith(".xml"):
        records = read_xml_records(data, name)
        if len(records) != 1:
            raise SidecarError(f"sidecar {name} must describe one record, not {len(records)}")
        return records[0]
    return read_json_sidecar(data, name, limits)


def read_json_sidecar(data: bytes, name: str, limits: RecordLimits | None = None) -> dict[str, Any]:
    """A JSON sidecar, read by the record files' rules (gongkai.recordfiles: encodings, size, depth,
    every failure of json.loads a SidecarError with the reason)."""
    value = parse_bytes(data, limits or RecordLimits())
    if isinstance(value, BadRecord):
        if value.reason.startswith("a record must be"):
            raise SidecarError(f"sidecar {name} must hold one JSON object of record fields")
        joined = " is " if value.reason.startswith(("not valid", "neither", "nested")) else ": "
        raise SidecarError(f"sidecar {name}{joined}{value.reason}")
    return check_fields(labelled_fields(value, name), name)


def labelled_fields(value: dict[str, Any], name: str) -> dict[str, Any]:
    """Keys as record fields: the Chinese labels an XML sidecar takes ({"索引号": …, "主题分类": …}) are taken by a
    JSON sidecar and a push's metadata too (they were refused: "has fields a record does not have: 主题分类, 索引号").
    A field given twice is a SidecarError naming both keys."""
    fields: dict[str, Any] = {}
    named: dict[str, str] = {}
    ignored: list[str] = []
    for key, item in value.items():
        field = field_of(key)
        if field is None:
            ignored.append(key)
            continue
        if field in named:
            raise SidecarError(f"{name} gives {field} twice: {named[field]} and {key}")
        named[field] = key
        if item is None and key not in RECORD_FIELDS:
            continue  # another tool's null ("publisher": null): no value, as an absent key (38 of a crawl's 70 were refused)
        fields[field] = _as_attachments(item) if field == "attachments" else item
    note_ignored(ignored, name)
    return fields


def _as_attachments(item: Any) -> Any:
    """Attachments another tool lists as {"mark": name, "link": url} (or title/href): as the record's {name, url}."""
    if not isinstance(item, list):
        return item
    return [{"name": entry.get("mark") or entry.get("title") or entry.get("name") or "",
             "url": entry.get("link") or entry.get("href") or entry.get("url") or ""}
            if isinstance(entry, dict) and not set(entry) <= {"name", "url", "content_type", "size"} else entry
            for entry in item]


def field_of(key: str) -> str | None:
    """The record field a key names: a field name, a Chinese label, or the key itself (which check_fields or the
    Record then refuses: a misspelt field is not lost silently); None for a standard disclosure label no field
    holds (公开方式, 有效性, 载体类型 …: parsers.labels.UNUSED_LABELS), which is ignored."""
    if key in RECORD_FIELDS:
        return key
    field = LABELS.get(key) or OTHER_TOOLS_NAMES.get(key) or field_for_label(key)
    if field is None and (is_unused_label(key) or key in OTHER_TOOLS_BOOKKEEPING):
        return None
    return field or key


def note_ignored(labels: list[str], name: str) -> None:
    """Note which standard labels a sidecar or record file gave that no field holds: a warning (so `gongkai ingest`
    shows it too), once per process and set of labels (an export of 100,000 records is one line)."""
    if not labels or frozenset(labels) in _noted:
        return
    _noted.add(frozenset(labels))
    if any(label in OTHER_TOOLS_BOOKKEEPING for label in labels):
        log.warning("%s: 已忽略 %s：记录没有对应字段（政府信息公开目录的标准项或其他工具的记录信息）/ ignored: no record field "
                    "holds them (standard disclosure labels, another tool's bookkeeping)", name, "、".join(labels))
        return
    log.warning("%s: 已忽略 %s：政府信息公开目录的标准项，记录没有对应字段 / ignored: standard disclosure labels no record field holds",
                name, "、".join(labels))


def read_xml_records(data: bytes, name: str) -> list[dict[str, Any]]:
    """Every record element of an XML sidecar or record file, as dicts of checked record fields;
    the first refusal is raised."""
    records = list(iter_xml_records(io.BytesIO(data), name))
    for record in records:
        if isinstance(record, SidecarError):
            raise record
    return records  # type: ignore[return-value]


def iter_xml_records(handle: IO[bytes], name: str) -> Iterator[dict[str, Any] | SidecarError]:
    """Every record element of an XML document, read as a stream (iterparse; each <record> dropped once
    read, so a large <records> file costs the memory of one record): its checked fields, or the
    SidecarError of that record alone. What stops the reading (a DTD, broken XML, bad bytes) is raised,
    after the records read before it."""
    found = 0
    root: Any = None
    depth = 0
    try:
        for event, element in SafeET.iterparse(_xml_stream(handle, name), events=("start", "end"), forbid_dtd=True):
            if event == "start":
                depth += 1
                root = element if depth == 1 else root
                continue
            depth -= 1
            many = _local(root.tag) == "records"
            if (depth == 0 and not many) or (depth == 1 and many and _local(element.tag) == "record"):
                found += 1
                try:
                    yield check_fields(_fields(element, name), name)
                except SidecarError as exc:
                    yield exc
            if depth == 1 and many:
                root.remove(element)  # read: let it go
    except DefusedXmlException as exc:
        raise SidecarError(f"{name}: refused unsafe XML ({type(exc).__name__}: DTDs and entities are not allowed)") from None
    except SafeET.ParseError as exc:
        raise SidecarError(f"{name} is not well-formed XML: {exc}") from None
    except UnicodeDecodeError as exc:
        raise SidecarError(f"{name} is not valid {exc.encoding} text: {exc.reason} at byte {exc.start}") from None
    if not found:
        raise SidecarError(f"{name}: <records> holds no <record>")


def looks_like_xml_records(head: bytes) -> bool:
    """Whether a file's first bytes open a <record> or <records> document (an XML record file)."""
    text = _XML_DECLARATION.sub(b"", head.lstrip(b"\xef\xbb\xbf"), count=1)
    text = re.sub(rb"^(\s*<!--.*?-->)*", b"", text, flags=re.S).lstrip()
    return re.match(rb"<(?:[A-Za-z_][\w.-]*:)?records?[\s>/]", text) is not None


def is_xml_record_file(head: bytes) -> bool:
    """Whether an .xml file, by its first bytes, is read as records (else it is a document).

    <record>/<records> roots are record files; so is anything declaring a DTD other than an XHTML
    page's `<!DOCTYPE html>`: the record reader (defusedxml) then refuses it with a clear reason,
    instead of a document parser reading entity references as text. The one rule for `gongkai ingest`
    and the drop folder.
    """
    if looks_like_xml_records(head):
        return True
    lowered = head.lower()
    return (b"<!doctype" in lowered and b"<!doctype html" not in lowered) or b"<!entity" in lowered


def check_fields(value: dict[str, Any], name: str) -> dict[str, Any]:
    unknown = sorted(set(value) - RECORD_FIELDS)
    if unknown:
        raise SidecarError(f"{name} has fields a record does not have: {', '.join(unknown)}")
    forbidden = sorted(set(value) & SIDECAR_FORBIDDEN)
    if forbidden:
        raise SidecarError(f"{name} sets fields only the store sets: {', '.join(forbidden)}")
    return value


def _read_limited(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_SIDECAR_BYTES:
            raise SidecarError(f"sidecar {path.name} is {size} bytes, over the limit of {MAX_SIDECAR_BYTES}")
        with path.open("rb") as handle:
            return handle.read(MAX_SIDECAR_BYTES + 1)
    except OSError as exc:
        raise SidecarError(f"sidecar {path.name} cannot be read: {exc.strerror or exc}") from None


def _decode_text(data: bytes, name: str) -> str:
    """The record files' rule (gongkai.recordfiles.decode): UTF-8 (with or without BOM), else GB18030."""
    text = decode(data)
    if text is None:
        raise SidecarError(f"sidecar {name} is neither UTF-8 nor GB18030 text")
    return text


def _xml_stream(handle: IO[bytes], name: str) -> IO[bytes]:
    """The XML as a byte stream expat can read: as it is when expat can decode it, else recoded to UTF-8.

    expat refuses multi-byte encodings other than UTF-8/16 (a ValueError, not a parse error), and GBK is
    what Chinese CMS exports declare; so those are decoded here (GB18030, the superset: GBK/GB2312 files
    often hold a few characters beyond them) and the declaration dropped. Undeclared text is UTF-8 if the
    whole file is, else GB18030 (the record files' rule, gongkai.recordfiles.detect_encoding)."""
    head = head_of(handle, 1024)
    declaration = _XML_DECLARATION.match(head)
    declared = _DECLARED_ENCODING.search(declaration.group(0)) if declaration else None
    if declaration is None or declared is None:  # (no declaration, no declared encoding)
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF8)):
            return handle
        encoding = detect_encoding(handle)
        if encoding is None:
            raise SidecarError(f"{name} is neither UTF-8 nor GB18030 text")
        if encoding.startswith("utf-8"):
            return handle
        stream = utf8_stream(handle, encoding)
        if encoding.startswith("utf-16") and (recoded := _XML_DECLARATION.match(head_of(stream, 1024))):
            stream.read(recoded.end())  # UTF-16 without a BOM (doors4), now UTF-8: its declaration would say UTF-16
        return stream
    encoding = declared.group(1).decode("ascii").lower()
    if encoding in {"utf-8", "utf8", "utf-16", "utf16", "us-ascii", "ascii", "iso-8859-1", "latin-1", "latin1"}:
        return handle
    if encoding in _GB_ENCODINGS:
        encoding = "gb18030"
        if (detect_encoding(handle) or "").startswith("utf-8"):
            # a stale declaration (saved again as UTF-8, the GBK header kept): bytes that are UTF-8 throughout are read as
            # such (Chinese GBK text of any length is not valid UTF-8); read as GB18030 they were "not well-formed" (doors2)
            encoding = "utf-8"
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise SidecarError(f"{name} declares an unknown encoding: {encoding}") from None
    handle.read(declaration.end())  # the declaration names an encoding expat cannot read: drop it
    return handle if encoding == "utf-8" else utf8_stream(handle, encoding)


def _fields(element: Any, name: str) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    ignored: list[str] = []
    for child in element:
        tag = _local(child.tag)
        field = field_of(tag)
        if field is None:
            ignored.append(tag)
            continue
        text = "".join(child.itertext()).strip()
        if field == "keywords":
            fields.setdefault("keywords", []).append(text)
        elif field == "attachments":
            continue  # file lists do not fit flat XML; send them in JSON
        else:
            fields[field] = text
    if "keywords" in fields and len(fields["keywords"]) == 1:
        fields["keywords"] = fields["keywords"][0]  # one element may list several: "交通、停车"
    note_ignored(ignored, name)
    return fields


def _local(tag: Any) -> str:
    return str(tag).rsplit("}", 1)[-1]


__all__ = [
    "LABELS",
    "MAX_SIDECAR_BYTES",
    "RECORD_FILE_SUFFIXES",
    "SIDECAR_FORBIDDEN",
    "SIDECAR_SUFFIXES",
    "SidecarError",
    "can_have_sidecar",
    "check_fields",
    "field_of",
    "is_xml_record_file",
    "iter_xml_records",
    "labelled_fields",
    "looks_like_xml_records",
    "note_ignored",
    "pair_sidecars",
    "read_json_sidecar",
    "read_sidecar",
    "read_sidecar_bytes",
    "read_xml_records",
    "sidecar_names",
    "sidecars_of",
    "the_sidecar",
]
