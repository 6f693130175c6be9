"""The content hash is written by orjson when the content holds no float (gongkai.record._hash_content): it must be
the very hash json.dumps(sort_keys=True, ensure_ascii=False, separators=(",", ":")) gave, or every stored record
would come back `updated` on its next ingest."""

from __future__ import annotations

import hashlib
import json
import sys
import types
import typing
from pathlib import Path

import pydantic

from gongkai.notices import NOTICE_MODELS
from gongkai.record import Record, _content_of, _hash_content
from gongkai.recordfiles import to_item
from tests.conftest import CORPUS, govcn_records


def _json_dumps_hash(content: dict) -> str:
    """The definition: what the hash always was."""
    return hashlib.sha256(json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")).hexdigest()


def _float_paths(annotation: typing.Any, path: str, seen: set) -> list[str]:
    """Paths of the float-typed fields reachable from a type annotation (models, unions, lists, dicts)."""
    if annotation is float:
        return [path]
    if isinstance(annotation, type) and issubclass(annotation, pydantic.BaseModel):
        if annotation in seen:
            return []
        seen.add(annotation)
        return [p for name, field in annotation.model_fields.items() for p in _float_paths(field.annotation, f"{path}.{name}", seen)]
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _float_paths(typing.get_args(annotation)[0], path, seen)
    args = typing.get_args(annotation)
    if origin in (typing.Union, types.UnionType, list, tuple, set, frozenset, dict, typing.Literal) or args:
        return [p for arg in args if not isinstance(arg, (str, int, type(None))) or isinstance(arg, type)
                for p in _float_paths(arg, path, seen)]
    return []


def test_only_ocr_holds_floats_so_the_fast_path_never_sees_one():
    # orjson writes floats in its own notation (1e16, not 1e+16): the fast path runs only without `ocr`. A new float
    # field anywhere else in a record (a notice's amount) must make _hash_content take json.dumps for it too.
    seen: set = set()
    paths = _float_paths(Record, "record", seen)
    for name, model in NOTICE_MODELS.items():  # `notice` is typed by the registry of notice models
        paths += _float_paths(model, f"record.notice[{name}]", seen)
    assert len(seen) > 8 and paths and all(path.startswith("record.ocr.") for path in paths), paths


def test_every_character_is_written_as_json_dumps_writes_it():
    chars = [chr(code) for code in range(sys.maxunicode + 1) if not 0xD800 <= code <= 0xDFFF]
    for start in range(0, len(chars), 4096):
        part = "".join(chars[start:start + 4096])
        content = {"body": part, "title": part[:7], "keywords": [part[:3], ""], "notice": {"z": part[-5:], "a": [1, -2, True, None]}}
        assert _hash_content(content) == _json_dumps_hash(content)
    for char in chars[:0x3000]:  # each alone: control characters, quotes, backslash, U+2028, DEL
        assert _hash_content({"title": char}) == _json_dumps_hash({"title": char})


def test_what_orjson_refuses_or_writes_otherwise_goes_through_json_dumps():
    for content in ({"n": 2**70}, {"n": -(2**64)}, {"ocr": {"mean_confidence": 1e16}, "x": 0.1}, {"t": "\udcff"}):
        try:
            expected = _json_dumps_hash(content)
        except UnicodeEncodeError:  # a lone surrogate: refused as before
            try:
                _hash_content(content)
            except UnicodeEncodeError:
                continue
            raise AssertionError("a lone surrogate must fail as it did") from None
        assert _hash_content(content) == expected


def test_the_hashes_of_real_records_are_unchanged():
    values = govcn_records()
    for line in (CORPUS / "beijing_tcm_bureau_notices" / "records.jsonl").read_text(encoding="utf-8").splitlines():
        raw = json.loads(line)
        values.append({"title": raw["title"], "body": raw.get("article_text") or "", "publish_date": raw["publish_date"],
                       "issuer": raw.get("publisher") or "", "kind": "notice", "url": raw["source_url"]})
    for path in sorted((CORPUS / "lawrefbook_regulations").glob("*.md")):
        values.append({"title": Path(path).stem, "body": path.read_text(encoding="utf-8")})
    values.append({"kind": "notice", "notice_type": "outage", "title": "停电通知", "body": "湖滨南路停电。",
                   "notice": {"areas": ["湖滨南路", "思明区"]}, "attachments": [{"name": "a.pdf", "size": 12}]})
    values.append({"title": "扫描件", "ocr": {"pages": [{"page": 1, "confidence": 1e-7}], "mean_confidence": 50.5}})
    checked = 0
    for value in values:
        record = to_item(value, "x").record
        assert record is not None
        assert record.content_hash == _json_dumps_hash(_content_of(record)) == record.current_content_hash()
        checked += 1
    assert checked > 150
