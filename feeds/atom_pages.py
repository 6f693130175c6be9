"""RFC 5005 paging of the Atom feeds read from the store (an issuer's, a notice type's): a feed holds the newest
`feeds.atom_entries` records, and its pages go back through every older one, so a reader that missed a week (or a
client backfilling) follows `next` instead of harvesting OAI-PMH.

    ?before=CURSOR   the page just older than the entry CURSOR names (the `next` link)
    ?after=CURSOR    the page just newer than it (the `previous` link)
    ?after=start     the oldest page (the `last` link)

CURSOR is an entry's key, its change time (UTC, microseconds) and record id: `20240601T120000.123456Z~<id>`.
Pages are keyed, not numbered: a new record joins the first page and never shifts a later one (a page by offset
showed an entry twice, or skipped one, when a record arrived between two requests). A record that changes moves to
the first page, as its `updated` says. Every page has the feed's id (RFC 5005 §3: one logical feed).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from urllib.parse import quote

PAGING_PARAMS = ("before", "after")
START = "start"
#: The key before every entry: ?after=start.
START_KEY = (datetime(1970, 1, 1, tzinfo=UTC), "")
_TIME_FORMAT = "%Y%m%dT%H%M%S.%fZ"


class CursorError(ValueError):
    """A paging parameter that names no entry key; the message is the client's (Chinese first)."""


def cursor_text(changed: datetime, record_id: str) -> str:
    return changed.astimezone(UTC).strftime(_TIME_FORMAT) + "~" + record_id


def read_cursor(text: str) -> tuple[datetime, str]:
    if text == START:
        return START_KEY
    moment, sep, record_id = text.partition("~")
    try:
        if not sep or len(moment) != 23:  # the format's one length: strptime also takes 2024601T… and the like
            raise ValueError(moment)
        return datetime.strptime(moment, _TIME_FORMAT).replace(tzinfo=UTC), record_id
    except ValueError:
        raise CursorError(f"翻页参数无效，请使用订阅中的链接 / not a page cursor: {text[:60]!r} (follow the feed's next/previous links)") from None


def page_request(items: Sequence[tuple[str, str]]) -> tuple[tuple[datetime, str] | None, tuple[datetime, str] | None]:
    """(before, after) keys of a feed request's query; CursorError for a bad one, both, or one given twice."""
    found = [(name, value) for name, value in items if name in PAGING_PARAMS]
    if len(found) > 1:
        raise CursorError("翻页参数只能有一个（before 或 after）/ give one of before and after, once")
    if not found:
        return None, None
    name, value = found[0]
    key = read_cursor(value)
    return (key, None) if name == "before" else (None, key)


def unpaged(items: Sequence[tuple[str, str]]) -> str:
    """The query without its paging parameters, percent-encoded: the first page's (the feed's id)."""
    return "&".join(f"{quote(name, safe='')}={quote(value, safe='')}" for name, value in items if name not in PAGING_PARAMS)


def page_links(first_url: str, keys: Sequence[tuple[datetime, str]], older: bool, newer: bool) -> dict[str, str]:
    """The RFC 5005 links of a page whose entries have `keys` (newest first): none when the whole feed is one page."""
    if not (older or newer):
        return {}
    joiner = "&" if "?" in first_url else "?"

    def at(name: str, cursor: str) -> str:
        return f"{first_url}{joiner}{name}={quote(cursor, safe='')}"

    links = {"first": first_url, "last": at("after", START)}
    if older and keys:
        links["next"] = at("before", cursor_text(*keys[-1]))
    if newer and keys:
        links["previous"] = at("after", cursor_text(*keys[0]))
    return links
