"""The `gongkai` metadata format: a Record as XML, every field, so that a harvester rebuilds it exactly.

    element = gongkai_xml(record, schema_url)        # <record xmlns="urn:gongkai:record:1.0">
    record = record_from_gongkai_xml(element)        # or from the bytes of a document

Offered over OAI-PMH beside oai_dc (feeds/oai.py); its XML Schema is gongkai-record.xsd next to
this module (served at /oai/gongkai-record.xsd). The format, element by element:

- one element per Record field, named like the field, in the Record's field order; a field that is
  "" or None (or an empty list) is left out and reads back as the Record's default. `version` and
  `withdrawn` are always written.
- keywords: one <keyword> each; attachments: one <attachment> each (name, url, sha256,
  content_type, size).
- notice (free-form JSON object): a tree in the vocabulary of XPath 3.1 json-to-xml:
  <map>/<array>/<string>/<number>/<boolean>/<null>, members of a map carry key="...". The <notice>
  element is itself the map. Numbers keep their JSON form (1 is an int, 1.0 a float).
- ocr (issue 21): an object is written like notice, as <ocr>; "unavailable" as <ocr_unavailable>true</ocr_unavailable>.
- text XML 1.0 cannot carry (control characters but tab/LF/CR, lone surrogates, U+FFFE/U+FFFF):
  the element gets escaped="true" and those characters are written \\uXXXX, a backslash \\\\
  (escaped-key="true" does the same for a key). Other text is written as it is.
- content_hash is checked on reading: a record whose content does not hash to it was altered.
- validity (issue 19), last and optional: the repository's derived status and the documents that repealed
  or amended the record; not a Record field, skipped on reading.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from defusedxml import ElementTree as SafeET
from defusedxml.common import DefusedXmlException
from lxml import etree
from pydantic import ValidationError

from gongkai.record import Attachment, Record, describe_validation_error

NAMESPACE = "urn:gongkai:record:1.0"
SCHEMA_FILE = "gongkai-record.xsd"
SCHEMA_PATH = Path(__file__).with_name(SCHEMA_FILE)
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"

_TEXT_FIELDS = ("summary", "doc_number", "index_number", "issuer")
_LATE_TEXT_FIELDS = ("body", "url", "source")
_ATTACHMENT_TEXT = ("name", "url", "sha256", "content_type")
_JSON_TAGS = ("map", "array", "string", "number", "boolean", "null")

# ------------------------------------------------------------------------------- XML-safe text

#: A character outside XML 1.0's Char production: lxml refuses to write it, parsers refuse to read it.
NOT_XML_CHAR = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_ESCAPE = re.compile(r"\\|" + NOT_XML_CHAR.pattern)
_UNESCAPE = re.compile(r"\\(\\|u[0-9a-fA-F]{4})")


def is_xml_text(text: str) -> bool:
    return NOT_XML_CHAR.search(text) is None


def xml_text(text: str, *, lossless: bool = False) -> str:
    """`text` as XML 1.0 can carry it. The characters it cannot carry are dropped (text for display,
    such as Dublin Core), or with lossless=True written as \\uXXXX with backslashes doubled, so
    that unescape_xml_text() gives `text` back (this format, error messages quoting a request)."""
    if is_xml_text(text):
        return text if not lossless else text.replace("\\", "\\\\")
    if not lossless:
        return NOT_XML_CHAR.sub("", text)
    return _ESCAPE.sub(lambda m: "\\\\" if m[0] == "\\" else f"\\u{ord(m[0]):04x}", text)


def unescape_xml_text(text: str) -> str:
    return _UNESCAPE.sub(lambda m: "\\" if m[1] == "\\" else chr(int(m[1][1:], 16)), text)


# ------------------------------------------------------------------------------------ writing


def gongkai_xml(record: Record, schema_url: str | None = None, validity: dict[str, Any] | None = None) -> etree._Element:
    """The record as a <record> element of the gongkai format (see the module docstring); with `validity`
    (Store.validity(id)["validity"]) a trailing <validity> element, derived data that readers skip."""
    root = etree.Element(_q("record"), nsmap={None: NAMESPACE, "xsi": XSI_NS})
    if schema_url:
        root.set(f"{{{XSI_NS}}}schemaLocation", f"{NAMESPACE} {schema_url}")
    if record.id:
        _add_text(root, "id", record.id)
    _add_text(root, "kind", record.kind)
    _add_text(root, "title", record.title, keep_empty=True)
    for name in _TEXT_FIELDS:
        _add_text(root, name, getattr(record, name))
    for keyword in record.keywords:
        _add_text(root, "keyword", keyword, keep_empty=True)  # a list item, not a field: "" is kept
    _add_text(root, "topic", record.topic)
    for name in ("written_date", "publish_date"):
        value: date | None = getattr(record, name)
        if value is not None:
            _add_text(root, name, value.isoformat())
    for name in _LATE_TEXT_FIELDS:
        _add_text(root, name, getattr(record, name))
    if record.notice_type is not None:
        _add_text(root, "notice_type", record.notice_type)
    if record.notice is not None:  # {} is kept: it is not None
        _write_json_members(etree.SubElement(root, _q("notice")), record.notice.model_dump(mode="json"))
    for attachment in record.attachments:
        node = etree.SubElement(root, _q("attachment"))
        for name in _ATTACHMENT_TEXT:
            _add_text(node, name, getattr(attachment, name))
        if attachment.size is not None:
            _add_text(node, "size", str(attachment.size))
    # the agency's own 有效性: content (it is in the hash), so a record without it read back would not hash as sent
    _add_text(root, "stated_validity", record.stated_validity)
    if record.ocr == "unavailable":
        _add_text(root, "ocr_unavailable", "true")
    elif record.ocr is not None:
        _write_json_members(etree.SubElement(root, _q("ocr")), record.ocr.model_dump(mode="json"))
    # The hash of the content written here: a record stored before its fields were all cleaned (control characters in
    # a 文号 or keyword, session 9) is read back cleaned, with the hash of what was stored, and a harvester reading it
    # took it for altered. current_content_hash is the stored one whenever nothing was cleaned (a µs).
    _add_text(root, "content_hash", record.current_content_hash())
    for name in ("first_seen", "last_seen"):
        moment: datetime | None = getattr(record, name)
        if moment is not None:
            _add_text(root, name, moment.isoformat())
    _add_text(root, "version", str(record.version))
    _add_text(root, "withdrawn", "true" if record.withdrawn else "false")
    if validity and validity.get("status"):
        _write_validity(etree.SubElement(root, _q("validity")), validity)
    return root


def _write_validity(node: etree._Element, validity: dict[str, Any]) -> None:
    """Issue 19: status, dates and the documents that repealed or amended it or that it repeals or amends."""
    _add_text(node, "status", validity["status"])
    for name in ("effective_date", "expiry_date", "repealed_on"):
        if validity.get(name):
            _add_text(node, name, str(validity[name]))
    for name in ("repealed_by", "amended_by", "repeals", "amends"):
        for item in validity.get(name) or []:
            child = etree.SubElement(node, _q(name))
            _add_text(child, "id", item.get("id") or "")
            for field in ("title", "doc_number"):
                _add_text(child, field, item.get(field) or "")
            if item.get("date"):
                _add_text(child, "date", str(item["date"]))
            _add_text(child, "statement", item.get("statement") or "")
    # validity3: a suspension (暂停执行), after the four above as the schema orders them
    if validity.get("suspended_on"):
        _add_text(node, "suspended_on", str(validity["suspended_on"]))
    for name in ("suspended_by", "resumed_by"):
        for item in validity.get(name) or []:
            child = etree.SubElement(node, _q(name))
            _add_text(child, "id", item.get("id") or "")
            for field in ("title", "doc_number"):
                _add_text(child, field, item.get(field) or "")
            if item.get("date"):
                _add_text(child, "date", str(item["date"]))
            _add_text(child, "statement", item.get("statement") or "")


def _q(name: str) -> str:
    return f"{{{NAMESPACE}}}{name}"


def _add_text(parent: etree._Element, name: str, value: str, *, keep_empty: bool = False) -> None:
    if value == "" and not keep_empty:
        return
    node = etree.SubElement(parent, _q(name))
    _set_text(node, value)


def _set_text(node: etree._Element, value: str) -> None:
    if is_xml_text(value):
        node.text = value
    else:
        node.set("escaped", "true")
        node.text = xml_text(value, lossless=True)


def _write_json_members(parent: etree._Element, value: dict[str, Any] | list[Any]) -> None:
    items = value.items() if isinstance(value, dict) else ((None, item) for item in value)
    for key, item in items:
        node = _json_element(parent, item)
        if key is not None:
            key = str(key)
            if is_xml_text(key):
                node.set("key", key)
            else:
                node.set("key", xml_text(key, lossless=True))
                node.set("escaped-key", "true")


def _json_element(parent: etree._Element, value: Any) -> etree._Element:
    if value is None:
        return etree.SubElement(parent, _q("null"))
    if isinstance(value, bool):  # before int: bool is an int
        node = etree.SubElement(parent, _q("boolean"))
        node.text = "true" if value else "false"
    elif isinstance(value, int):
        node = etree.SubElement(parent, _q("number"))
        node.text = str(value)
    elif isinstance(value, float):
        node = etree.SubElement(parent, _q("number"))
        node.text = _float_text(value)
    elif isinstance(value, str):
        node = etree.SubElement(parent, _q("string"))
        _set_text(node, value)
    elif isinstance(value, (dict, list, tuple)):
        node = etree.SubElement(parent, _q("map" if isinstance(value, dict) else "array"))
        _write_json_members(node, value if isinstance(value, dict) else list(value))
    else:  # not JSON: written as the record's JSON would write it (pydantic's JSON form)
        from pydantic_core import to_jsonable_python

        return _json_element(parent, to_jsonable_python(value))
    return node


def _float_text(value: float) -> str:
    """repr() keeps a float exact and always has '.', 'e' or 'inf'/'nan' in it; XSD spells the last INF/NaN."""
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "INF" if value > 0 else "-INF"
    return repr(value)


# ------------------------------------------------------------------------------------ reading


class GongkaiXMLError(ValueError):
    """The XML is not a record of the gongkai format (or not safe to read); says what is wrong."""


def record_from_gongkai_xml(source: etree._Element | bytes | str) -> Record:
    """The Record a gongkai-format element (or document) describes; GongkaiXMLError if it cannot.

    Accepts the <record> element, an OAI-PMH <metadata> element around it, or the bytes/text of
    a document whose root is <record> (parsed safely: no DTD, no entities, no network).
    """
    element = _parse(source) if isinstance(source, (bytes, str)) else source
    if element.tag == "{http://www.openarchives.org/OAI/2.0/}metadata":
        element = next((child for child in element if isinstance(child.tag, str)), element)
    if element.tag != _q("record"):
        raise GongkaiXMLError(f"expected a <record> in namespace {NAMESPACE}, got {element.tag!r}")
    data: dict[str, Any] = {}
    keywords: list[str] = []
    attachments: list[Attachment] = []
    for child in _children(element):
        name = _local_name(child)
        if name == "keyword":
            keywords.append(_text_of(child))
        elif name == "attachment":
            attachments.append(_attachment_of(child))
        elif name in ("notice", "ocr"):
            _set_once(data, name, _read_members(child, keyed=True))
        elif name == "ocr_unavailable":
            if _boolean_of(child):
                _set_once(data, "ocr", "unavailable")
        elif name in ("written_date", "publish_date"):
            _set_once(data, name, _convert(child, date.fromisoformat))
        elif name in ("first_seen", "last_seen"):
            _set_once(data, name, _convert(child, datetime.fromisoformat))
        elif name == "version":
            _set_once(data, name, _convert(child, int))
        elif name == "withdrawn":
            _set_once(data, name, _boolean_of(child))
        elif name == "validity":
            continue  # derived by the sending repository (issue 19): the receiving store derives its own
        elif name in Record.model_fields:
            _set_once(data, name, _text_of(child))
        else:
            raise GongkaiXMLError(f"unknown element <{name}> in a gongkai record")
    data["keywords"], data["attachments"] = keywords, attachments
    carried_hash = data.pop("content_hash", "")
    try:
        record = Record.model_validate(data)
    except ValidationError as error:
        raise GongkaiXMLError(f"not a valid record: {describe_validation_error(error)}") from None
    if carried_hash and carried_hash != record.content_hash:
        raise GongkaiXMLError(f"record {record.id}: its content does not hash to the content_hash it carries")
    return record


def _parse(source: bytes | str) -> etree._Element:
    data = source.encode("utf-8") if isinstance(source, str) else source
    try:  # defusedxml refuses DTDs, entity declarations and external references before lxml sees them
        SafeET.fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as error:
        raise GongkaiXMLError(f"unsafe XML refused ({type(error).__name__})") from None
    except SafeET.ParseError as error:
        raise GongkaiXMLError(f"not well-formed XML: {error}") from None
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    return etree.fromstring(data, parser)


def _children(element: etree._Element) -> list[etree._Element]:
    """Element children in our namespace; comments and processing instructions are skipped."""
    children = []
    for child in element:
        if not isinstance(child.tag, str):
            continue
        if not child.tag.startswith(f"{{{NAMESPACE}}}"):
            raise GongkaiXMLError(f"element {child.tag!r} is not in namespace {NAMESPACE}")
        children.append(child)
    return children


def _local_name(element: etree._Element) -> str:
    return element.tag.rpartition("}")[2]


def _set_once(data: dict[str, Any], name: str, value: Any) -> None:
    if name in data:
        raise GongkaiXMLError(f"<{name}> appears twice in one record")
    data[name] = value


def _text_of(element: etree._Element) -> str:
    if len(_children(element)):
        raise GongkaiXMLError(f"<{_local_name(element)}> holds elements; text was expected")
    text = "".join(element.itertext())  # a comment inside the text would end element.text early
    return unescape_xml_text(text) if _is_true(element.get("escaped", "false"), "escaped") else text


def _convert(element: etree._Element, convert: Callable[[str], Any]) -> Any:
    text = _text_of(element).strip()
    try:
        return convert(text)
    except ValueError:
        raise GongkaiXMLError(f"<{_local_name(element)}>: cannot read {text[:40]!r}") from None


def _is_true(text: str, what: str) -> bool:
    text = text.strip()
    if text in ("true", "1"):
        return True
    if text in ("false", "0"):
        return False
    raise GongkaiXMLError(f"{what}: not an xs:boolean: {text[:40]!r}")


def _boolean_of(element: etree._Element) -> bool:
    return _is_true(_text_of(element), f"<{_local_name(element)}>")


def _attachment_of(element: etree._Element) -> Attachment:
    data: dict[str, Any] = {}
    for child in _children(element):
        name = _local_name(child)
        if name == "size":
            _set_once(data, name, _convert(child, int))
        elif name in _ATTACHMENT_TEXT:
            _set_once(data, name, _text_of(child))
        else:
            raise GongkaiXMLError(f"unknown element <{name}> in an attachment")
    return Attachment(**data)


def _read_members(element: etree._Element, *, keyed: bool) -> Any:
    if keyed:
        result: dict[str, Any] = {}
        for child in _children(element):
            key = child.get("key")
            if key is None:
                raise GongkaiXMLError(f"a member of <{_local_name(element)}> has no key")
            if _is_true(child.get("escaped-key", "false"), "escaped-key"):
                key = unescape_xml_text(key)
            if key in result:
                raise GongkaiXMLError(f"key {key[:40]!r} appears twice in one map")
            result[key] = _json_value(child)
        return result
    return [_json_value(child) for child in _children(element)]


def _json_value(element: etree._Element) -> Any:
    name = _local_name(element)
    if name == "map":
        return _read_members(element, keyed=True)
    if name == "array":
        return _read_members(element, keyed=False)
    if name == "string":
        return _text_of(element)
    if name == "number":
        text = _text_of(element).strip()
        try:  # JSON's distinction: digits only is an int, anything else (1.0, 1e5, INF) a float
            return int(text) if re.fullmatch(r"[+-]?\d+", text) else float(text)
        except ValueError:
            raise GongkaiXMLError(f"<number>: not a number: {text[:40]!r}") from None
    if name == "boolean":
        return _boolean_of(element)
    if name == "null":
        return None
    raise GongkaiXMLError(f"unknown element <{name}> in a notice; one of {', '.join(_JSON_TAGS)}")


# ------------------------------------------------------------------------------------ schema


def schema_bytes() -> bytes:
    """The XML Schema of the format (served at /oai/gongkai-record.xsd)."""
    return SCHEMA_PATH.read_bytes()


@lru_cache(maxsize=1)
def schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.fromstring(schema_bytes()))
