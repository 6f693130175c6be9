"""The record that took a withdrawn record's place, for its page to send the reader on (probe4).

An agency that sends a file again with a 索引号 or URL gets a new record, and its first record of those bytes is
withdrawn with the reason `superseded: the same file was sent again by its agency as record ID`
(gongkai/feeds/same_file.py, SUPERSEDED_BY_SAME_FILE; tests/test_superseded_page.py pushes through the real path, so
a change of that wording fails there). Its page said the document was revoked by its issuer; it was replaced.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gongkai.engine import Engine

_SUCCESSOR = re.compile(r"^superseded: .* as record (?P<id>[0-9a-f]{20})$")
#: How many replacements are followed (a file sent again several times): never a loop.
MAX_STEPS = 5


def successor(engine: Engine, record_id: str) -> str | None:
    """The id of the live record that replaced a withdrawn one (following a chain of replacements), else None."""
    current = record_id
    for _ in range(MAX_STEPS):
        reason = engine.store.withdrawn_reason(current) or ""
        match = _SUCCESSOR.match(reason.strip())
        if match is None:
            return None
        current = match["id"]
        record = engine.get(current)
        if record is None:
            return None
        if not record.withdrawn:
            return current
    return None
