"""Notice type from its title, else its whole text (folded: Traditional characters count too)."""

from __future__ import annotations

import re

from gongkai.parsers.notices.extract import NOTICE_PARSERS
from gongkai.parsers.notices.normal import fold_all as fold

# The rules are declared with each type's reader (extract.NOTICE_PARSERS), in the order they are tried.
RULES: tuple[tuple[str, re.Pattern[str], re.Pattern[str]], ...] = tuple(
    (parser.notice_type, parser.title, parser.body) for parser in NOTICE_PARSERS
)


def classify(title: str, text: str) -> str:
    """The first type whose title rule matches the title, else whose body rule matches the text, else 'other'."""
    folded_title, folded_text = fold(title), fold(title + "\n" + text)
    for name, title_pattern, _ in RULES:
        if folded_title.strip() and title_pattern.search(folded_title):
            return name
    for name, _, body_pattern in RULES:
        if body_pattern.search(folded_text):
            return name
    return "other"
