"""One rule for a feed's XML from outside, at every door that reads one: a feed file handed over (`gongkai ingest`, the drop
folder, a push: gongkai.feed_files) and a feed polled from an agency's CMS (feeds/poll.py). It is what a careful harvester
does (defusedxml's defaults, libxml2 without NOENT/DTDLOAD): a DOCTYPE is harmless as long as it declares nothing, so RSS
0.91's Netscape DOCTYPE, a bare `<!DOCTYPE feed>` or element declarations are read, and the external DTD a DOCTYPE names is
never fetched nor read; an entity declaration of any kind (internal: billion laughs; external: XXE; a parameter entity,
which is how a DTD would be loaded) and XInclude (whose href would name a file or a URL) are refused. The two doors had two
rules (clients11, session 21): the file door refused any DOCTYPE by regex (an RSS 0.91 file was quarantined), the poller
refused entities only and read an `<xi:include>`.
"""

from __future__ import annotations

import re
from xml.parsers import expat

#: XInclude's namespace (2006 recommendation) and its 2003 draft's, which some processors still honour
XINCLUDE_NAMESPACES = ("http://www.w3.org/2001/XInclude", "http://www.w3.org/2003/XInclude")
_DECLARED_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["'][^>]*\?>""")
_EXPAT_ENCODINGS = {"utf-8", "utf8", "utf-16", "utf16", "us-ascii", "ascii", "iso-8859-1", "latin-1", "latin1"}
_GB_NAMES = {"gb2312", "gbk", "cp936", "euc-cn", "gb_2312-80"}
_ENTITY_DECLARATION = re.compile(rb"<!ENTITY", re.IGNORECASE)
#: what the refusal says; "unsafe XML" is how the quarantine's reasons recognise it (gongkai.quarantine_reasons)
REFUSED = "unsafe XML refused"


class _Refused(Exception):
    """Raised from expat's handlers to stop at the first declaration or inclusion."""


def unsafe_xml_reason(data: bytes) -> str | None:
    """Why this XML is refused (an entity declaration, an external entity reference, an XInclude), or None when it is
    safe to hand to a reader. XML too broken for expat (a lenient reader such as feedparser would still try it) is
    refused when its bytes declare an entity or name XInclude's namespace anywhere."""
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)  # an external DTD is never read

    def entity(name: str, is_parameter: int, *_rest: object) -> None:
        raise _Refused(f"it declares the {'parameter ' if is_parameter else ''}entity {name!r}")

    def unparsed(name: str, *_rest: object) -> None:
        raise _Refused(f"it declares the unparsed entity {name!r}")

    def external(*_rest: object) -> int:
        raise _Refused("it refers to an external entity")

    def element(name: str, _attributes: object) -> None:
        if name.split(" ", 1)[0] in XINCLUDE_NAMESPACES:
            raise _Refused("it holds an XInclude (xi:include)")

    parser.EntityDeclHandler = entity
    parser.UnparsedEntityDeclHandler = unparsed
    parser.ExternalEntityRefHandler = external
    parser.StartElementHandler = element
    try:
        parser.Parse(expat_readable(data), True)
    except _Refused as exc:
        return f"{REFUSED}: {exc} (entity declarations, external references and XInclude are not allowed)"
    except (expat.ExpatError, ValueError):  # ValueError: an encoding expat cannot read even recoded
        if _ENTITY_DECLARATION.search(data):
            return f"{REFUSED}: malformed XML that declares entities"
        if any(space.encode("ascii") in data for space in XINCLUDE_NAMESPACES):
            return f"{REFUSED}: malformed XML that names XInclude"
    return None


def expat_readable(data: bytes) -> bytes:
    """The XML as expat can read it: a declared encoding it cannot (GBK, GB2312: what Chinese CMSs write; expat raises
    "multi-byte encodings are not supported") decoded here (the GB family as GB18030, its superset) and the declaration
    dropped. Unknown or undecodable: the bytes as they are."""
    declared = _DECLARED_ENCODING.match(data)
    if declared is None:
        return data
    encoding = declared.group(1).decode("ascii").lower()
    if encoding in _EXPAT_ENCODINGS:
        return data
    if encoding in _GB_NAMES:
        encoding = "gb18030"
    try:
        return data[declared.end():].decode(encoding).encode("utf-8")
    except (LookupError, UnicodeDecodeError):
        return data
