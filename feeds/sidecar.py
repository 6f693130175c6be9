"""Metadata sidecars and record files of the drop folder: NAME.json or NAME.xml.

JSON: an object of record fields (the interchange format). XML: one element per field, parsed with
defusedxml (no DTDs, no entity expansion, no external entities), element names either the record's
field names or the Chinese labels agencies print on disclosure pages:

    <record>
      <信息名称>厦门市人民政府关于…的通知</信息名称>
      <文号>厦府〔2024〕12号</文号>
      <发布机构>厦门市人民政府</发布机构>
      <关键词>交通</关键词><关键词>停车</关键词>
    </record>

A file of several records wraps them: <records><record>…</record>…</records>.
"""

from __future__ import annotations

import json
from typing import Any

from defusedxml import ElementTree as SafeET
from defusedxml.common import DefusedXmlException

from gongkai.record import Record

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
    "链接": "url",
    "来源": "source",
}
RECORD_FIELDS = frozenset(Record.model_fields)
#: Bookkeeping fields the store sets; a sidecar may not.
SIDECAR_FORBIDDEN = frozenset({"content_hash", "first_seen", "last_seen", "version", "withdrawn"})


class SidecarError(ValueError):
    """A sidecar that cannot be used; the message says why."""


def read_json_sidecar(data: bytes, name: str) -> dict[str, Any]:
    try:
        value = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SidecarError(f"sidecar {name} is not valid UTF-8 JSON: {exc}") from None
    if not isinstance(value, dict):
        raise SidecarError(f"sidecar {name} must hold one JSON object of record fields")
    return check_fields(value, name)


def read_xml_records(data: bytes, name: str) -> list[dict[str, Any]]:
    """Every record element of an XML sidecar or record file, as dicts of record fields."""
    try:
        root = SafeET.fromstring(data, forbid_dtd=True)
    except DefusedXmlException as exc:
        raise SidecarError(f"{name}: refused unsafe XML ({type(exc).__name__}: DTDs and entities are not allowed)") from None
    except SafeET.ParseError as exc:
        raise SidecarError(f"{name} is not well-formed XML: {exc}") from None
    elements = [child for child in root if _local(child.tag) == "record"] if _local(root.tag) == "records" else [root]
    if not elements:
        raise SidecarError(f"{name}: <records> holds no <record>")
    return [check_fields(_fields(element), name) for element in elements]


def read_xml_sidecar(data: bytes, name: str) -> dict[str, Any]:
    records = read_xml_records(data, name)
    if len(records) != 1:
        raise SidecarError(f"sidecar {name} must describe one record, not {len(records)}")
    return records[0]


def check_fields(value: dict[str, Any], name: str) -> dict[str, Any]:
    unknown = sorted(set(value) - RECORD_FIELDS)
    if unknown:
        raise SidecarError(f"{name} has fields a record does not have: {', '.join(unknown)}")
    forbidden = sorted(set(value) & SIDECAR_FORBIDDEN)
    if forbidden:
        raise SidecarError(f"{name} sets fields only the store sets: {', '.join(forbidden)}")
    return value


def _fields(element: Any) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for child in element:
        tag = _local(child.tag)
        field = LABELS.get(tag, tag)
        text = "".join(child.itertext()).strip()
        if field == "keywords":
            fields.setdefault("keywords", []).append(text)
        elif field == "attachments":
            continue  # file lists do not fit flat XML; send them in JSON
        else:
            fields[field] = text
    if "keywords" in fields and len(fields["keywords"]) == 1:
        fields["keywords"] = fields["keywords"][0]  # one element may list several: "交通、停车"
    return fields


def _local(tag: Any) -> str:
    return str(tag).rsplit("}", 1)[-1]
