"""Notice type from its title, else its whole text (folded: Traditional characters count too).

The rules are declared on each type's model (gongkai/notices.py: `title_rule`, `body_rule`), tried in the order
the types are registered; they are compiled again when a type is registered."""

from __future__ import annotations

import re

from gongkai.notices import NOTICE_MODELS, registry_version
from gongkai.parsers.notices.normal import fold_all as fold

_compiled: tuple[int, tuple[tuple[str, re.Pattern[str] | None, re.Pattern[str] | None], ...]] = (-1, ())


def rules() -> tuple[tuple[str, re.Pattern[str] | None, re.Pattern[str] | None], ...]:
    """(type, title pattern, body pattern) of every registered type with a rule, in registration order."""
    global _compiled
    if _compiled[0] != registry_version():
        _compiled = (registry_version(), tuple(
            (name, re.compile(model.title_rule) if model.title_rule else None, re.compile(model.body_rule) if model.body_rule else None)
            for name, model in NOTICE_MODELS.items() if model.title_rule or model.body_rule
        ))
    return _compiled[1]


def classify(title: str, text: str) -> str:
    """The first type whose title rule matches the title, else whose body rule matches the text, else 'other'."""
    folded_title, folded_text = fold(title), fold(title + "\n" + text)
    found = rules()
    for name, title_pattern, _ in found:
        if title_pattern is not None and folded_title.strip() and title_pattern.search(folded_title):
            return name
    for name, _, body_pattern in found:
        if body_pattern is not None and body_pattern.search(folded_text):
            return name
    return "other"
