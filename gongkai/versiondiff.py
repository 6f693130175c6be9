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


#: a changed passage longer than this (words of both sides) is shown deleted and inserted whole:
#: difflib's word matching is quadratic in the worst case, and an API request must stay short
WORD_DIFF_MAX_WORDS = 4000


def body_ops(old: str, new: str) -> list[dict[str, str]]:
    """The body as runs: {"op": "equal"|"delete"|"insert", "text"}; a replacement is a delete then an insert.
    Lines are matched first, then the words of each changed passage (bounded by WORD_DIFF_MAX_WORDS)."""
    a_lines, b_lines = old.splitlines(keepends=True), new.splitlines(keepends=True)
    ops: list[dict[str, str]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a_lines, b_lines).get_opcodes():
        before, after = "".join(a_lines[i1:i2]), "".join(b_lines[j1:j2])
        if tag == "equal":
            _add(ops, "equal", before)
            continue
        a, b = words(before), words(after)
        if len(a) + len(b) > WORD_DIFF_MAX_WORDS:
            _add(ops, "delete", before)
            _add(ops, "insert", after)
            continue
        for wtag, k1, k2, l1, l2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
            if wtag == "equal":
                _add(ops, "equal", "".join(a[k1:k2]))
                continue
            _add(ops, "delete", "".join(a[k1:k2]))
            _add(ops, "insert", "".join(b[l1:l2]))
    return ops


def _add(ops: list[dict[str, str]], op: str, text: str) -> None:
    """Append a run, merged with the previous one of the same kind."""
    if not text:
        return
    if ops and ops[-1]["op"] == op:
        ops[-1]["text"] += text
    else:
        ops.append({"op": op, "text": text})


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
