"""What changed between two stored versions of a record (新旧对照, issue 19): the fields that differ and
the body word by word. Chinese has no spaces, so the body is cut into words by rjieba (the query
segmenter's library, indexer/segmenter.py) and compared with difflib; a silent edit on an agency's
site shows as the words deleted and inserted."""

from __future__ import annotations

import difflib
from functools import lru_cache
from typing import Any

from gongkai.record import BOOKKEEPING_FIELDS, Record

#: fields compared one by one (the body is compared by words)
_SKIP = BOOKKEEPING_FIELDS | {"body", "first_seen", "last_seen"}


@lru_cache(maxsize=1)
def _jieba():
    import rjieba

    return rjieba


def words(text: str) -> list[str]:
    return list(_jieba().cut(text)) if text else []


def body_ops(old: str, new: str) -> list[dict[str, str]]:
    """The body as runs: {"op": "equal"|"delete"|"insert", "text"}; a replacement is a delete then an insert."""
    a, b = words(old), words(new)
    ops: list[dict[str, str]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            ops.append({"op": "equal", "text": "".join(a[i1:i2])})
            continue
        if i2 > i1:
            ops.append({"op": "delete", "text": "".join(a[i1:i2])})
        if j2 > j1:
            ops.append({"op": "insert", "text": "".join(b[j1:j2])})
    return ops


def diff(old: Record, new: Record) -> dict[str, Any]:
    """Fields changed (old and new value) and the body's runs, between two versions of one record."""
    a, b = old.model_dump(mode="json"), new.model_dump(mode="json")
    fields = {
        name: {"from": a.get(name), "to": b.get(name)}
        for name in sorted(set(a) | set(b))
        if name not in _SKIP and a.get(name) != b.get(name)
    }
    ops = body_ops(old.body, new.body) if old.body != new.body else []
    return {
        "id": new.id,
        "from": old.version,
        "to": new.version,
        "fields": fields,
        "body_changed": old.body != new.body,
        "body": ops,
        "inserted_chars": sum(len(o["text"]) for o in ops if o["op"] == "insert"),
        "deleted_chars": sum(len(o["text"]) for o in ops if o["op"] == "delete"),
    }
