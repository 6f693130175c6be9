"""A notice's fields read by their Chinese labels: `施工路段：湖滨南路` fills the field titled 施工路段.

The reader of every notice type that registers none of its own (parsers/notices/extract.py): a field's label is
its `Field(title=…)` (alternatives written `遗失人/单位`; a note in brackets, `申报期限（天）`, is not printed),
followed by a colon; the value runs to the end of its line or sentence. Values are read by the field's type:
text, a whole number, a date or a list of them (split at 、，, ；); a `bool` field is true when its label is printed
with 是/有 or nothing; a field named `issuer` that is not printed gets the notice's signer. Nested models and
anything else are left at their defaults: such a type registers a reader of its own.
"""

from __future__ import annotations

import re
import types
import typing
from datetime import date
from typing import Any

from gongkai.dates import find_dates
from gongkai.notices import NoticeFields
from gongkai.parsers.notices.normal import fold_all as fold

_LIST_SEPARATORS = re.compile(r"[、，,；;]")


def labels_of(title: str) -> list[str]:
    """The printed forms of a field title: 遗失人/单位 -> [遗失人, 单位]; 申报期限（天） -> [申报期限]."""
    bare = re.sub(r"[（(][^）)]*[）)]", "", title)
    return [part.strip() for part in bare.split("/") if part.strip()]


def _value_pattern(labels: list[str]) -> re.Pattern[str]:
    names = "|".join(re.escape(fold(label)) for label in sorted(labels, key=len, reverse=True))
    return re.compile(rf"(?:^|[\n。；;，,])[ \t]*(?:{names})[ \t]*[:：][ \t]*(?P<value>[^\n。；;]*)")


def _kinds(annotation: Any) -> tuple[Any, bool]:
    """(the value type, whether the field holds a list of it), optional types unwrapped."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        inner = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        return _kinds(inner[0]) if len(inner) == 1 else (None, False)
    if origin is list:
        (item,) = typing.get_args(annotation) or (str,)
        return item, True
    return annotation, False


def _convert(text: str, kind: Any) -> Any:
    """One value of `kind` from its printed text, or None when the text holds none."""
    text = text.strip()
    if kind is str:
        return text or None
    if kind is int:
        digits = re.search(r"\d+", fold(text))
        return int(digits.group(0)) if digits else None
    if kind is date:
        found = find_dates(text)
        return found[0] if found else None
    return None


def read_labelled(model: type[NoticeFields], title: str, text: str, issuer: str) -> NoticeFields:
    """The model with every field whose label is printed in the notice filled from it."""
    folded = fold(text)
    values: dict[str, Any] = {}
    for name, field in model.model_fields.items():
        if name == "type" or not field.title:
            continue
        kind, many = _kinds(field.annotation)
        match = _value_pattern(labels_of(field.title)).search(folded)
        if match is None:
            continue
        printed = text[match.start("value"):match.end("value")]  # the original: folding keeps positions
        if kind is bool:
            values[name] = not re.match(r"\s*(?:否|无|不)", printed)
        elif many and kind is date:
            values[name] = find_dates(printed)
        elif many:
            values[name] = [v for part in _LIST_SEPARATORS.split(printed) if (v := _convert(part, kind)) is not None]
        elif (value := _convert(printed, kind)) is not None:
            values[name] = value
    if "issuer" in model.model_fields and not values.get("issuer") and issuer:
        values["issuer"] = issuer
    return model(**values)
