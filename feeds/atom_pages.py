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
from datetime import UTC, date, datetime, timedelta
from urllib.parse import quote

PAGING_PARAMS = ("before", "after", "until")
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
        # the format's one length (strptime also takes 2024601T…) and ASCII digits (it reads an IME's full-width ones)
        if not sep or len(moment) != 23 or not moment.isascii():
            raise ValueError(moment)
        return datetime.strptime(moment, _TIME_FORMAT).replace(tzinfo=UTC), record_id
    except ValueError:
        raise CursorError(f"翻页参数无效，请使用订阅中的链接 / not a page cursor: {text[:60]!r} (follow the feed's next/previous links)") from None


def page_request(items: Sequence[tuple[str, str]]) -> tuple[tuple[datetime, str] | None, tuple[datetime, str] | None]:
    """(before, after) keys of a feed request's query; CursorError for a bad one, both, or one given twice."""
    found = [(name, value) for name, value in items if name in ("before", "after")]
    if len(found) > 1:
        raise CursorError("翻页参数只能有一个（before 或 after）/ give one of before and after, once")
    if not found:
        return None, None
    name, value = found[0]
    key = read_cursor(value)
    return (key, None) if name == "before" else (None, key)


def unpaged(items: Sequence[tuple[str, str]], reads: Sequence[str] = ()) -> str:
    """The query of the feed's first page (its id, and the base of its paging links), percent-encoded: the parameters the
    feed reads (`reads`: no paging one), non-empty, in that order. The query as sent made another id of the same feed for
    each order of its parameters and each one it ignores (`utm_source=` of a shared link, a cache buster `_=`), and echoed
    those into every paging link (a request of 2,500 made-up parameters was answered with 133 kB)."""
    given = {name: value for name, value in items if value}
    return "&".join(f"{quote(name, safe='')}={quote(given[name], safe='')}" for name in reads if name in given)


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


# ------------------------------------------------------------------------------------------- search feeds
# A search feed lists its matches newest published first, as the index orders them: by publish day, in no stated
# order within a day, so no entry key can be a cursor. Its pages are whole days instead: `?until=DAY` is the page of
# the newest matches published on DAY or before, cut before its oldest day unless that day fills it alone (then the
# page is that day, whole); its `next` starts at the day it was cut before. New records published today never shift
# such a page (one dated back to an old day joins that day's page).

UNTIL = "until"
#: `?until=undated`: the matches without a publish day, after the last dated page (newuser4, session 22: an agency's pushed
#: DOCX or scan often has none, and the day pages, each bounded by a day, never reached them)
UNDATED = "undated"


def read_day(text: str) -> date:
    try:
        if len(text) != 10 or not text.isascii():
            raise ValueError(text)
        return date.fromisoformat(text)
    except ValueError:
        raise CursorError(f"翻页参数 until 应为日期 YYYY-MM-DD，请使用订阅中的链接 / until must be a day, YYYY-MM-DD: {text[:40]!r}") from None


def day_cut(days: Sequence[date | None], size: int) -> tuple[int, date | None, date | None]:
    """Where a full page of matches (their publish days, newest first) ends: (how many to keep, the day the next page
    starts at, a day to fetch whole instead). A page that is not full is the last: (all, None, None). Undated matches
    come after every dated one and are not paged (they have no day to start from)."""
    if len(days) < size or not days:
        return len(days), None, None
    dated = [day for day in days if day is not None]
    if len(dated) < len(days):  # the dated ones ran out on this page
        return len(days), None, None
    oldest = dated[-1]
    keep = next(n for n, day in enumerate(days) if day == oldest)
    if keep == 0:  # one day fills the page: that day whole, then the days before it
        return 0, oldest - timedelta(days=1), oldest
    return keep, oldest, None


def day_links(first_url: str, next_day: date | str | None) -> dict[str, str]:
    """`first` and `next` (to the page of `next_day`, a day or UNDATED); none for the last page (`next_day` None)."""
    if next_day is None:
        return {}
    joiner = "&" if "?" in first_url else "?"
    cursor = next_day if isinstance(next_day, str) else next_day.isoformat()
    return {"first": first_url, "next": f"{first_url}{joiner}{UNTIL}={cursor}"}
