"""JSON Feed (https://jsonfeed.org/version/1.1, and 1.0) read as the poller reads an RSS or Atom feed: its items as
entries with the keys feedparser gives (id, link, title, published, updated, content, summary), so one path fetches,
dates and ingests them. feedparser 6.0 reads XML feeds only: an agency or a news site serving `feed.json` was
answered "not a readable RSS/Atom feed" (lead, session 19; the corpus's 人民网 JSON Feed is one). In the core since doors12
(session 20): a JSON Feed handed over as a file (the drop folder, `gongkai ingest`) is read by it too (gongkai.feed_files)."""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin

_VERSION_PREFIX = "https://jsonfeed.org/version/"


@dataclass
class JsonFeed:
    """What feedparser.parse returns, as far as the poller reads it."""

    title: str
    entries: list[dict[str, Any]] = field(default_factory=list)
    bozo: bool = False


def read_json_feed(data: bytes, base_url: str = "") -> JsonFeed | None:
    """The feed, or None when `data` is no JSON Feed (not JSON, not an object, no jsonfeed.org version)."""
    stripped = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not stripped.startswith(b"{"):
        return None
    try:
        document = json.loads(stripped.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
    if not isinstance(document, dict) or not str(document.get("version", "")).startswith(_VERSION_PREFIX):
        return None
    items = document.get("items")
    entries = [_entry(item, base_url) for item in items if isinstance(item, dict)] if isinstance(items, list) else []
    return JsonFeed(title=str(document.get("title") or ""), entries=entries)


def _entry(item: dict[str, Any], base_url: str) -> dict[str, Any]:
    url = _text(item.get("url")) or _text(item.get("external_url"))
    link = urljoin(base_url, url) if url else ""
    entry: dict[str, Any] = {"id": _item_id(item.get("id")) or link, "link": link, "title": _text(item.get("title"))}
    if published := _text(item.get("date_published")):
        entry["published"] = published
    if modified := _text(item.get("date_modified")):
        entry["updated"] = modified
    body = _text(item.get("content_html")) or _paragraphs(_text(item.get("content_text")))
    if body:
        entry["content"] = [{"value": body, "type": "text/html"}]
    if summary := _text(item.get("summary")):
        entry["summary"] = summary
    return entry


def _item_id(value: Any) -> str:
    """The item's id as a string: a number is coerced, as jsonfeed.org 1.1 tells readers to (CMS plugins print the row's
    number, "id": 20250318). Read as no id, an item without a url was known by its title alone, and a second 停水通知 of
    one title and day was taken as seen and never stored (review19)."""
    if isinstance(value, bool):
        return ""
    if isinstance(value, int | float):
        return str(int(value)) if float(value).is_integer() else str(value)
    return _text(value)


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _paragraphs(text: str) -> str:
    """Plain content_text as HTML paragraphs, one a line, escaped (it is text, not markup)."""
    return "".join(f"<p>{html.escape(line.strip())}</p>" for line in text.splitlines() if line.strip())
