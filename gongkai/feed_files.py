"""A feed handed over as a file (an RSS 2.0, RSS 1.0 or Atom `.xml`/`.rss`/`.atom`, a JSON Feed `feed.json`), dropped in
the inbox or given to `gongkai ingest`: its items are its records, each titled, dated and linked as the feed says, its
content (content_html, content_text, <content>, <description>) their body. Polling fetches an item's linked page; a file
handed over is read offline, as it is. An RSS file was one text record titled `feed`, its XML the body; a JSON Feed was
unwrapped as a list API's answer and each item refused, `id: …`, `content_html: Extra inputs are not permitted`
(doors12, session 20). An item without a title is refused alone (`title: Field required`), as any record."""

from __future__ import annotations

import email.utils
import re
from collections.abc import Iterator
from datetime import date, datetime
from typing import IO, Any
from urllib.parse import urljoin

#: how much of a feed file is read: a feed is a few hundred items; a larger file is refused whole, not held in memory
MAX_FEED_BYTES = 64 * 1024 * 1024
#: what may stand before the root: blanks, processing instructions, comments and a DOCTYPE (its internal subset too)
_PROLOGUE = re.compile(rb"^(?:\s+|<\?[^>]*\?>|<!--.*?-->|(?i:<!DOCTYPE)\s[^\[>]*(?:\[.*?\]\s*)?>)*", re.S)
_FEED_ROOT = re.compile(rb"<(?:rss[\s>]|(?:[A-Za-z_][\w.-]*:)?feed[\s>]|rdf:RDF[\s>])")
_FEED_NAMESPACES = (b"http://www.w3.org/2005/Atom", b"http://purl.org/rss/1.0/", b"http://my.netscape.com/rdf/simple/0.9/")
_JSON_FEED = re.compile(rb'"version"\s*:\s*"https?://jsonfeed\.org/version/')
#: the version as the last key of the top-level object (its keys written sorted: feed_url, home_page_url, items, title, version)
_JSON_FEED_LAST = re.compile(rb'"version"\s*:\s*"https?://jsonfeed\.org/version/[^"\\]*"\s*\}\s*$')
#: how much of a file's end is_feed is handed (its `tail`)
FEED_TAIL_BYTES = 1024


def is_feed(head: bytes, tail: bytes = b"") -> bool:
    """Whether a file's first bytes (UTF-8, a BOM dropped) open a feed: an <rss> root, an Atom <feed> or RSS 1.0 <rdf:RDF>
    in their namespaces, or a JSON object declaring a jsonfeed.org version, first or (in its last bytes, `tail`) as its
    last key: the spec asks for it first "though not all JSON generators allow for ordering", and one writing its keys
    sorted puts it after the items (review20b: such a file was one record, refused whole). A DOCTYPE before the root is
    passed over: whether the feed is safe to read is gongkai.xml_safety's to say, when it is read (feed_values)."""
    opening = _PROLOGUE.sub(b"", head.removeprefix(b"\xef\xbb\xbf"), count=1)
    if opening.startswith(b"{"):
        return _JSON_FEED.search(head) is not None or _JSON_FEED_LAST.search(tail) is not None
    root = _FEED_ROOT.match(opening)
    if root is None:
        return False
    return root[0].startswith(b"<rss") or any(space in head for space in _FEED_NAMESPACES)


def feed_values(handle: IO[bytes]) -> Iterator[tuple[int, dict[str, Any] | str]]:
    """(item number, its record fields or why it is none) of every item of a feed file (a reason is a plain str here,
    made a BadRecord by gongkai.recordfiles, which reads this module; as gongkai.csv_records gives its rows')."""
    data = handle.read(MAX_FEED_BYTES + 1)
    if len(data) > MAX_FEED_BYTES:
        yield 1, f"the feed file is over {MAX_FEED_BYTES} bytes: split it"
        return
    entries, base, broken = _entries(data)
    if broken:
        yield 1, broken
        return
    for number, entry in enumerate(entries, start=1):
        yield number, _fields(entry, base)


def _entries(data: bytes) -> tuple[list[Any], str, str]:
    """(the items, the site's address their relative links are taken against, why the file is no feed)."""
    from gongkai.json_feed import read_json_feed
    from gongkai.xml_safety import unsafe_xml_reason

    if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        feed = read_json_feed(data)
        return (feed.entries, "", "") if feed is not None else ([], "", "not a JSON Feed (no jsonfeed.org version, or not UTF-8 JSON)")
    if (unsafe := unsafe_xml_reason(data)) is not None:  # the one rule the poller follows too (clients11)
        return [], "", unsafe
    import feedparser

    parsed = feedparser.parse(data)
    if not parsed.entries and parsed.get("bozo"):
        return [], "", f"not a readable RSS/Atom feed: {parsed.get('bozo_exception')}"
    return list(parsed.entries), str(parsed.feed.get("link") or ""), ""


def _fields(entry: Any, base: str) -> dict[str, Any]:
    """An item as record fields: its title, link (a CMS's relative `/xxgk/…` taken against the channel's <link>), day (in
    the feed's own time zone, or as a Chinese CMS prints it) and text."""
    fields: dict[str, Any] = {}
    if title := str(entry.get("title") or "").strip():
        fields["title"] = title
    if link := str(entry.get("link") or "").strip():
        fields["url"] = urljoin(base, link) if base.startswith(("http://", "https://")) else link
    day = item_day(str(dict.get(entry, "published") or dict.get(entry, "updated") or ""))
    if day is not None:
        fields["publish_date"] = day.isoformat()
    contents = entry.get("content") or []
    html = str(contents[0].get("value") or "") if contents else ""
    summary = str(entry.get("summary") or "")
    if text := _text(html or summary):
        fields["body"] = text
    if html and summary and (short := _text(summary)) and short != fields.get("body"):
        fields["summary"] = short
    return fields


def _text(html: str) -> str:
    """An item's HTML as text, one line per block (a plain text passes as it is)."""
    if "<" not in html:
        return html.strip()
    from gongkai.parsers.htmltext import element_lines, parse_html, strip_noise

    root = parse_html(html)
    strip_noise(root)
    return "\n".join(line for line in element_lines(root) if line.strip())


def item_day(text: str) -> date | None:
    """A feed item's day in the feed's own time zone (feedparser's parsed times are UTC, which moves an item of 00:30
    Beijing to the day before), as a file handed over or a polled feed (feeds/poll.py) prints it: RFC 3339, RFC 822, or
    as a Chinese CMS prints it. None when it prints none."""
    text = text.strip()
    if not text:
        return None
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(text).date()
    except (TypeError, ValueError, OverflowError):  # a year past C's int (a timestamp printed as one): no day, the item kept
        pass
    from gongkai.dates import find_dates

    found = find_dates(text)  # 2031年03月05日 09:00, 2031-03-10 15:30:00: no RFC 822, as Chinese CMSs print it
    return found[0] if found else None
