"""An Atom checker written from RFC 4287's text alone (sections 3 and 4), independent of gongkai's feed code: no package
on PyPI, npm or Debian ships atom.rnc (clients8, session 18), so its rules are checked here as the RFC states them.
`problems(xml_bytes)` lists every rule an Atom Feed Document breaks, each as "§section: what"; [] when it keeps them all.

What is checked (MUST / MUST NOT of the RFC, and the SHOULDs named below):
- §4.1.1 atom:feed: exactly one atom:id, atom:title, atom:updated; at most one atom:generator, atom:icon, atom:logo,
  atom:rights, atom:subtitle; one or more atom:author unless every entry has one; at most one rel="alternate" link per
  (type, hreflang); SHOULD one rel="self" link; entries of one atom:id SHOULD have different atom:updated.
- §4.1.2 atom:entry: exactly one atom:id, atom:title, atom:updated; at most one atom:content, atom:published, atom:rights,
  atom:source, atom:summary; an author of its own, or its atom:source's, or its feed's; no atom:content means at least one
  rel="alternate" link; at most one alternate per (type, hreflang); atom:summary when atom:content has src or is Base64.
- §4.1.3 atom:content: type text/html/xhtml or a MIME media type that is not composite; with src it is empty.
- §3.1 text constructs (title, subtitle, summary, rights, content of a text type): type text/html/xhtml; text and html hold
  no child element; xhtml holds exactly one xhtml:div.
- §3.2 person constructs: exactly one atom:name, at most one atom:uri (an IRI) and one atom:email (an addr-spec).
- §3.3 date constructs: an RFC 3339 date-time, "T" and "Z" upper case, a real day and time.
- §4.2.6 atom:id: an IRI, absolute (RFC 3987: a scheme, no space nor excluded character).
- §4.2.7 atom:link: href present (an IRI reference); rel a registered name (no ':') or an IRI; type a MIME media type;
  hreflang a language tag; length digits.
- §4.2.2 atom:category: term present; scheme an IRI. §4.2.4 atom:generator's uri, §4.2.5/§4.2.8 icon and logo: IRI references.
- §6.2: no element of the Atom namespace other than the RFC's (extensions live in other namespaces).
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

from lxml import etree

ATOM = "http://www.w3.org/2005/Atom"
XHTML = "http://www.w3.org/1999/xhtml"

_KNOWN = {"feed", "entry", "id", "title", "updated", "author", "contributor", "name", "uri", "email", "category", "content",
          "generator", "icon", "logo", "link", "published", "rights", "source", "subtitle", "summary"}
_TEXT_CONSTRUCTS = ("title", "subtitle", "summary", "rights")
_PERSONS = ("author", "contributor")
_DATES = ("updated", "published")
_FEED_ONCE = ("generator", "icon", "logo", "rights", "subtitle")
_FEED_EXACTLY_ONCE = ("id", "title", "updated")
_ENTRY_AT_MOST_ONCE = ("content", "published", "rights", "source", "summary")

# RFC 3339 §5.6 date-time; §3.3 of RFC 4287: "T" and "Z" MUST be upper case
_DATE_TIME = re.compile(r"(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-](\d{2}):(\d{2}))")
# RFC 3987: scheme ":" ihier-part; characters never allowed in an IRI (space, controls, <>"{}|\^`)
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")
_EXCLUDED = re.compile(r'[\x00-\x20\x7f<>"{}|\\^`]|%(?![0-9A-Fa-f]{2})')
# RFC 4288 media type: type "/" subtype, restricted-name characters, optional parameters
_MEDIA_TYPE = re.compile(r"[A-Za-z0-9][A-Za-z0-9!#$&.+\-^_]{0,126}/[A-Za-z0-9][A-Za-z0-9!#$&.+\-^_]{0,126}(\s*;.*)?")
# RFC 3066 language tag
_LANGUAGE = re.compile(r"[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*")
# RFC 2822 addr-spec, the dot-atom form (what a feed's email holds)
_ADDR_SPEC = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~\-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~\-]+)*@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)*")


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname


def _atom_children(element: etree._Element, name: str) -> list[etree._Element]:
    return [child for child in element if isinstance(child.tag, str) and child.tag == f"{{{ATOM}}}{name}"]


def is_iri(value: str, *, absolute: bool) -> bool:
    """RFC 3987: an IRI (absolute: with its scheme) or, not absolute, an IRI reference."""
    if value != value.strip() or _EXCLUDED.search(value):
        return False
    return bool(_SCHEME.match(value)) and len(value) > value.index(":") + 1 if absolute else True


def is_date_time(value: str) -> bool:
    found = _DATE_TIME.fullmatch(value)
    if not found:
        return False
    year, month, day, hour, minute, second = (int(found.group(n)) for n in range(1, 7))
    try:
        date(year, month, day)
    except ValueError:
        return False
    offset_ok = found.group(9) is None or (int(found.group(9)) < 24 and int(found.group(10)) < 60)
    return hour < 24 and minute < 60 and second < 61 and offset_ok  # 60: a leap second (RFC 3339 §5.7)


def _text_construct(element: etree._Element, where: str, out: list[str]) -> None:
    kind = element.get("type", "text")
    children = [child for child in element if isinstance(child.tag, str)]
    if kind in ("text", "html"):
        if children:
            out.append(f"§3.1: {where} of type {kind} holds a child element <{_local(children[0])}>")
    elif kind == "xhtml":
        if len(children) != 1 or children[0].tag != f"{{{XHTML}}}div" or (element.text or "").strip():
            out.append(f"§3.1.1.3: {where} of type xhtml must hold exactly one xhtml:div")
    else:
        out.append(f"§3.1.1: {where} has type {kind!r} (text, html or xhtml)")


def _person(element: etree._Element, where: str, out: list[str]) -> None:
    names, uris, emails = (_atom_children(element, n) for n in ("name", "uri", "email"))
    if len(names) != 1:
        out.append(f"§3.2.1: {where} has {len(names)} atom:name (exactly one)")
    if len(uris) > 1 or len(emails) > 1:
        out.append(f"§3.2: {where} has more than one atom:uri or atom:email")
    for uri in uris:
        if not is_iri((uri.text or ""), absolute=False):
            out.append(f"§3.2.2: {where}'s atom:uri {uri.text!r} is no IRI")
    for email in emails:
        if not _ADDR_SPEC.fullmatch(email.text or ""):
            out.append(f"§3.2.3: {where}'s atom:email {email.text!r} is no addr-spec")


def _links(element: etree._Element, where: str, out: list[str]) -> list[etree._Element]:
    links = _atom_children(element, "link")
    alternates: Counter[tuple[str | None, str | None]] = Counter()
    for link in links:
        href, rel = link.get("href"), link.get("rel", "alternate")
        if href is None:
            out.append(f"§4.2.7.1: a link of {where} has no href")
        elif not is_iri(href, absolute=False):
            out.append(f"§4.2.7.1: a link of {where} has href {href!r}, no IRI reference")
        if not rel or _EXCLUDED.search(rel) or (":" in rel and not is_iri(rel, absolute=True)):
            out.append(f"§4.2.7.2: a link of {where} has rel {rel!r}")
        if (media := link.get("type")) is not None and not _MEDIA_TYPE.fullmatch(media):
            out.append(f"§4.2.7.3: a link of {where} has type {media!r}, no media type")
        if (language := link.get("hreflang")) is not None and not _LANGUAGE.fullmatch(language):
            out.append(f"§4.2.7.4: a link of {where} has hreflang {language!r}")
        if (length := link.get("length")) is not None and not length.isdigit():
            out.append(f"§4.2.7.6: a link of {where} has length {length!r}")
        if rel == "alternate":
            alternates[(link.get("type"), link.get("hreflang"))] += 1
    for (media, language), count in alternates.items():
        if count > 1:
            out.append(f"§4.1: {where} has {count} alternate links of type {media!r} and hreflang {language!r}")
    return links


def _common(element: etree._Element, where: str, out: list[str]) -> None:
    """The metadata elements a feed, an entry and a source share."""
    for name in _TEXT_CONSTRUCTS:
        for child in _atom_children(element, name):
            _text_construct(child, f"{where}'s atom:{name}", out)
    for name in _PERSONS:
        for child in _atom_children(element, name):
            _person(child, f"{where}'s atom:{name}", out)
    for name in _DATES:
        for child in _atom_children(element, name):
            if not is_date_time(child.text or ""):
                out.append(f"§3.3: {where}'s atom:{name} {child.text!r} is no RFC 3339 date-time")
    for child in _atom_children(element, "id"):
        if not is_iri((child.text or ""), absolute=True):
            out.append(f"§4.2.6: {where}'s atom:id {child.text!r} is no absolute IRI")
    for child in _atom_children(element, "category"):
        if not child.get("term"):
            out.append(f"§4.2.2.1: a category of {where} has no term")
        if (scheme := child.get("scheme")) is not None and not is_iri(scheme, absolute=True):
            out.append(f"§4.2.2.2: a category of {where} has scheme {scheme!r}")
    for name in ("icon", "logo"):
        for child in _atom_children(element, name):
            text = (child.text or "").strip()
            if not text or not is_iri(text, absolute=False):
                out.append(f"§4.2.5: {where}'s atom:{name} is no IRI reference")
    for child in _atom_children(element, "generator"):
        if (uri := child.get("uri")) is not None and not is_iri(uri, absolute=False):
            out.append(f"§4.2.4: {where}'s atom:generator uri {uri!r}")


def _entry(entry: etree._Element, where: str, feed_has_author: bool, out: list[str]) -> None:
    counts = Counter(_local(child) for child in entry if isinstance(child.tag, str) and etree.QName(child).namespace == ATOM)
    for name in ("id", "title", "updated"):
        if counts[name] != 1:
            out.append(f"§4.1.2: {where} has {counts[name]} atom:{name} (exactly one)")
    for name in _ENTRY_AT_MOST_ONCE:
        if counts[name] > 1:
            out.append(f"§4.1.2: {where} has {counts[name]} atom:{name} (at most one)")
    sources = _atom_children(entry, "source")
    source_author = any(_atom_children(source, "author") for source in sources)
    if not counts["author"] and not source_author and not feed_has_author:
        out.append(f"§4.1.2: {where} has no atom:author, nor its source, nor its feed")
    _common(entry, where, out)
    links = _links(entry, where, out)
    contents = _atom_children(entry, "content")
    if not contents and not any(link.get("rel", "alternate") == "alternate" for link in links):
        out.append(f"§4.1.2: {where} has no atom:content and no alternate link")
    for content in contents:
        kind, src = content.get("type", "text"), content.get("src")
        if kind in ("text", "html", "xhtml"):
            if src is None:
                _text_construct(content, f"{where}'s atom:content", out)
        elif not _MEDIA_TYPE.fullmatch(kind) or kind.lower().startswith(("multipart/", "message/")):
            out.append(f"§4.1.3.1: {where}'s atom:content has type {kind!r}")
        if src is not None:
            if len(content) or (content.text or "").strip():
                out.append(f"§4.1.3.2: {where}'s atom:content has src and is not empty")
            if not is_iri(src, absolute=False):
                out.append(f"§4.1.3.2: {where}'s atom:content src {src!r}")
        base64 = kind not in ("text", "html", "xhtml") and not kind.lower().startswith("text/") and not (
            kind.lower().endswith(("+xml", "/xml")))
        if (src is not None or base64) and not counts["summary"]:
            out.append(f"§4.1.2: {where} has an out-of-line or Base64 atom:content and no atom:summary")
    for source in sources:
        _common(source, f"{where}'s atom:source", out)


def _unknown_atom_elements(root: etree._Element, out: list[str]) -> None:
    for element in root.iter():
        if isinstance(element.tag, str) and etree.QName(element).namespace == ATOM and _local(element) not in _KNOWN:
            out.append(f"§6.2: atom:{_local(element)} is no element of the Atom namespace")


def problems(document: bytes) -> list[str]:
    """Every RFC 4287 rule the Atom Feed Document `document` breaks (the MUSTs, and the SHOULDs the module names)."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    try:
        root = etree.fromstring(document, parser)
    except etree.XMLSyntaxError as exc:
        return [f"§2: not well-formed XML: {exc}"]
    if root.tag != f"{{{ATOM}}}feed":
        return [f"§4.1.1: the root is {root.tag}, not atom:feed"]
    out: list[str] = []
    _unknown_atom_elements(root, out)
    counts = Counter(_local(child) for child in root if isinstance(child.tag, str) and etree.QName(child).namespace == ATOM)
    for name in _FEED_EXACTLY_ONCE:
        if counts[name] != 1:
            out.append(f"§4.1.1: the feed has {counts[name]} atom:{name} (exactly one)")
    for name in _FEED_ONCE:
        if counts[name] > 1:
            out.append(f"§4.1.1: the feed has {counts[name]} atom:{name} (at most one)")
    _common(root, "the feed", out)
    links = _links(root, "the feed", out)
    if sum(1 for link in links if link.get("rel") == "self") != 1:
        out.append("§4.1.1 (SHOULD): the feed has no single rel=\"self\" link")
    entries = _atom_children(root, "entry")
    feed_has_author = bool(counts["author"])
    if not feed_has_author and not all(_atom_children(entry, "author") for entry in entries):
        out.append("§4.1.1: the feed has no atom:author and an entry has none")
    seen: Counter[tuple[str, str]] = Counter()
    for number, entry in enumerate(entries, 1):
        ident = "".join(child.text or "" for child in _atom_children(entry, "id"))
        _entry(entry, f"entry {number} ({ident or 'no id'})", feed_has_author, out)
        seen[(ident, "".join(child.text or "" for child in _atom_children(entry, "updated")))] += 1
    for (ident, updated), count in seen.items():
        if count > 1:
            out.append(f"§4.1.1 (SHOULD): {count} entries of id {ident!r} share atom:updated {updated!r}")
    return out
