"""Atom feeds (RFC 4287) of records, so a citizen can follow a search, one agency or one notice type.

    xml_bytes = build_feed(title=…, subtitle=…, feed_url=SELF_URL, base_url=PUBLIC_BASE, entries=[(record, changed_at)],
                           id_authority=settings.feeds.oai_repository_identifier)

Written with lxml, not feedgen: feedgen 1.0.0 drops the rel and type of entry links (NOTES.md), which
turns the record page and the agency's page into two alternates of one type (RFC 4287 §4.1.1 forbids it).
Each entry links its gongkai record page as rel=alternate text/html and the agency's page as
rel=related. Ids are tag: URIs (RFC 4151) on the repository's domain name (`id_authority`), so an id
never changes with the host a reader used nor with a new public base URL (RFC 4287 §4.2.6).
`updated` is the record's last change, so a corrected document shows up again in feed readers.
A withdrawn record given in `entries` is written as an RFC 6721 tombstone (`<at:deleted-entry ref="its id" when="its
withdrawal">`), no title nor text: the issuer's and notice type's feeds give them, so a reader that holds the entry can drop
it (they were left out, and a reader kept showing a document its agency had withdrawn); the search and street feeds give
those of the records they matched that were withdrawn lately (gongkai.feeds.withdrawn_matches, session 17).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, time
from urllib.parse import quote, urlsplit

from lxml import etree

from gongkai.dates import CHINA_STANDARD_TIME
from gongkai.labels import KIND_LABELS, NOTICE_TYPE_LABELS
from gongkai.record import Record
from gongkai.textnorm import remove_controls
from gongkai.uris import is_web_url, link_uri, query_uri, uri

ATOM_NS = "http://www.w3.org/2005/Atom"
TOMBSTONES_NS = "http://purl.org/atompub/tombstones/1.0"  # RFC 6721
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SUMMARY_CHARS = 200
GENERATOR = "gongkai 公开"
#: The date of tag: ids (RFC 4151 `tag:AUTHORITY,DATE:…`): fixed, so that ids never change.
TAG_DATE = "2024"
DEFAULT_ID_AUTHORITY = "gongkai.localhost"
#: validity statuses an entry is marked with (a category in the validity scheme), issue 19
MARKED_STATUSES = {"repealed": "已废止", "expired": "已失效", "suspended": "暂停执行"}
DEFAULT_PAGE_PATH = "/documents/{id}"


def record_page_url(base_url: str, record_id: str, page_path: str = DEFAULT_PAGE_PATH) -> str:
    """Absolute URL of a record's web page; `page_path` is settings feeds.record_page_path."""
    # ":" (an id may hold one) as the site's own links write it: `%3A`, a reserved character encoded, is another
    # URI (RFC 3986 §6.2.2.2), so the sitemap and the feeds named a page the site links by a second address.
    return base_url.rstrip("/") + page_path.replace("{id}", quote(record_id, safe=":"))


def tag_id(authority: str, specific: str) -> str:
    """A tag: URI (RFC 4151); `specific` is percent-encoded to ASCII."""
    return f"tag:{authority},{TAG_DATE}:{query_uri(specific)}"  # RFC 4151: pchar, "/" and "?"


def build_feed(
    *,
    title: str,
    subtitle: str,
    feed_url: str,
    base_url: str,
    entries: Sequence[tuple[Record, datetime]],
    page_path: str = DEFAULT_PAGE_PATH,
    id_authority: str = DEFAULT_ID_AUTHORITY,
    validity: Mapping[str, str] | None = None,
    updated_if_empty: datetime | None = None,
    id_url: str | None = None,
    pages: Mapping[str, str] | None = None,
) -> bytes:
    """An Atom document; `entries` are (record, last change time), newest first as given.

    `feed_url` is the feed's own absolute URL (its self link, percent-encoded here); the feed's id is
    a tag: URI of its path and query, so the same feed has the same id whatever the base URL. A page of a paged feed
    (gongkai.feeds.atom_pages) gives its first page's URL as `id_url` (every page has the feed's id, RFC 5005 §3) and
    its `pages` links, rel -> URL (first, last, next, previous).
    """
    feed_url = uri(_clean(feed_url))
    root = etree.Element(f"{{{ATOM_NS}}}feed", nsmap={None: ATOM_NS})
    root.set(XML_LANG, "zh-CN")
    parts = urlsplit(uri(_clean(id_url)) if id_url else feed_url)
    _text(root, "id", tag_id(id_authority, parts.path + (f"?{parts.query}" if parts.query else "")))
    _text(root, "title", _clean(title))  # titles quote the query or the issuer name the client sent
    if _clean(subtitle):
        _text(root, "subtitle", _clean(subtitle))
    _link(root, feed_url, "self", "application/atom+xml")
    _link(root, uri(base_url.rstrip("/") + "/"), "alternate", "text/html")
    for rel, href in (pages or {}).items():
        _link(root, uri(href), rel, "application/atom+xml")
    # An empty feed was last updated when the store last changed (its caller says), else now (RFC 4287 requires the
    # element; 1970 would be a lie): "now" made each poll of an empty feed new bytes, a new ETag, never a 304.
    newest = max((changed for _, changed in entries), default=None) or updated_if_empty or datetime.now(UTC)
    _text(root, "updated", rfc3339(newest))
    author = etree.SubElement(root, f"{{{ATOM_NS}}}author")
    _text(author, "name", GENERATOR)
    _text(root, "generator", GENERATOR)
    for record, changed in entries:
        if record.withdrawn:  # RFC 6721 §3: the entry's id and when it went; nothing else of it is published any more
            etree.SubElement(root, f"{{{TOMBSTONES_NS}}}deleted-entry", nsmap={"at": TOMBSTONES_NS},
                             ref=tag_id(id_authority, f"record/{record.id}"), when=rfc3339(changed))
            continue
        entry = _entry(record, changed, record_page_url(base_url, record.id, page_path), id_authority)
        status = (validity or {}).get(record.id)
        if status in MARKED_STATUSES:  # issue 19: a reader sees that a document no longer applies
            etree.SubElement(entry, f"{{{ATOM_NS}}}category", term=status, scheme=tag_id(id_authority, "validity"), label=MARKED_STATUSES[status])
        root.append(entry)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _entry(record: Record, changed: datetime, page: str, authority: str) -> etree._Element:
    entry = etree.Element(f"{{{ATOM_NS}}}entry")
    _text(entry, "id", tag_id(authority, f"record/{record.id}"))
    _text(entry, "title", _clean(record.title))
    _link(entry, uri(page), "alternate", "text/html")  # the one alternate: feed readers open this
    if is_web_url(record.url):
        _link(entry, link_uri(_clean(record.url)), "related", None)  # the agency's page (HTML, PDF …: type unknown)
    _text(entry, "updated", rfc3339(changed))
    if record.publish_date:
        _text(entry, "published", rfc3339(datetime.combine(record.publish_date, time(0, 0), CHINA_STANDARD_TIME)))
    author = etree.SubElement(entry, f"{{{ATOM_NS}}}author")
    _text(author, "name", _clean(record.issuer) or GENERATOR)
    summary = _clean(_summary(record))
    if summary:  # an empty <summary/> says nothing and some validators flag it
        _text(entry, "summary", summary)
    _category(entry, record.kind, KIND_LABELS.get(record.kind, record.kind))
    if record.notice_type:
        _category(entry, record.notice_type, NOTICE_TYPE_LABELS.get(record.notice_type, record.notice_type))
    if _clean(record.topic):
        _category(entry, _clean(record.topic), None)
    return entry


def rfc3339(moment: datetime) -> str:
    """RFC 3339 date-time to the second; a naive time is taken as UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    text = moment.replace(microsecond=0).isoformat()
    return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text


def _text(parent: etree._Element, name: str, value: str) -> etree._Element:
    node = etree.SubElement(parent, f"{{{ATOM_NS}}}{name}")
    node.text = value
    return node


def _link(parent: etree._Element, href: str, rel: str, media_type: str | None) -> None:
    node = etree.SubElement(parent, f"{{{ATOM_NS}}}link", href=href, rel=rel)
    if media_type:
        node.set("type", media_type)


def _category(parent: etree._Element, term: str, label: str | None) -> None:
    node = etree.SubElement(parent, f"{{{ATOM_NS}}}category", term=term)
    if label:
        node.set("label", label)


def _summary(record: Record) -> str:
    parts = [x for x in (record.doc_number, record.summary or record.body[:SUMMARY_CHARS]) if _clean(x)]
    if not parts:
        # A record with no text but its title (a notice column's one-line 遗失声明): what it is, who and when, so a
        # reader shows something (the W3C feedvalidator: "Missing textual content"), never an empty <summary/>.
        kind = NOTICE_TYPE_LABELS.get(record.notice_type or "", "") or KIND_LABELS.get(record.kind, record.kind)
        parts = [x for x in (kind, _clean(record.issuer), record.publish_date and record.publish_date.isoformat()) if x]
        return " · ".join(parts)
    text = " ".join(parts)
    return text if len(text) <= SUMMARY_CHARS + 40 else text[:SUMMARY_CHARS] + "…"


def _clean(text: str) -> str:
    """Control characters are not allowed in XML 1.0, nor surrogates; C1 controls and noncharacters are allowed but
    readers misread them (feedparser shows U+0085 as "…"). Records are clean already (gongkai.record); a feed's
    title also quotes the query or issuer name a client sent."""
    if any(0xD800 <= ord(ch) <= 0xDFFF for ch in text):
        text = "".join(ch for ch in text if not 0xD800 <= ord(ch) <= 0xDFFF)
    return remove_controls(text).strip()
