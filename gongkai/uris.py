"""Links as clients need them: an IRI or a sloppy scraped URL written as the ASCII URI RFC 3986 allows.

Feeds (Atom links and ids), sitemaps and the record pages' links to the agencies' pages all go through here,
so that a strict reader (the W3C feedvalidator, the Nu Html Checker) never meets a space, a `]` or a stray `%`.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit, urlunsplit

__all__ = ["is_web_url", "link_uri", "path_prefix", "path_uri", "query_uri", "uri"]

#: RFC 3986 pchar less "%" (unreserved, sub-delims, ":" and "@") plus "/": what a path may hold unescaped.
_PATH_SAFE = "/:@!$&'()*+,;=-._~"
#: A query or fragment may hold "?" too; "[", "]" and "#" are allowed in neither (only "[…]" around an IPv6 host).
_QUERY_SAFE = _PATH_SAFE + "?"
#: A "%" that starts no %XX escape (a sloppy URL's "100%"): it must be written %25.
_STRAY_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")


def uri(text: str) -> str:
    """An IRI or a sloppy scraped URL as the ASCII URI a client sends: non-ASCII as UTF-8 %XX (RFC 3987 §3.1),
    and what RFC 3986 allows nowhere in its part escaped too (a space, `<>"{}|\\^`, `[` `]` outside an IPv6 host,
    a second `#`, a stray `%`): the W3C feedvalidator calls `?y=]]>` "Invalid character in a URI". A %XX escape
    already there is kept as it is."""
    text = _STRAY_PERCENT.sub("%25", text)
    try:
        parts = urlsplit(text)
    except ValueError:  # "http://[oops/": no host to keep, so all of it is escaped as a path
        return quote(text, safe=_PATH_SAFE + "%")
    return urlunsplit((
        parts.scheme,
        quote(parts.netloc, safe=_PATH_SAFE + "[]%"),
        quote(parts.path, safe=_PATH_SAFE + "%"),
        query_uri(parts.query),
        query_uri(parts.fragment),
    ))


_WEB_SCHEME = re.compile(r"(?i)https?://")


def is_web_url(text: str) -> bool:
    """An http(s) URL, its scheme in any case (RFC 3986 §3.1: `HTTPS://` is `https://`): a scraped `HTTPS://WWW.…`
    was linked by the record page but left out of its feed entry, and an agency feed's entry linking one was read from
    its summary instead of its page."""
    return _WEB_SCHEME.match(text) is not None


def link_uri(text: str) -> str:
    """`uri` of a scraped URL we link to (a record page's href, a feed's related link), without the user name and
    password a source may have printed in it (`https://user:pw@host/…`): the Nu Html Checker refuses such an href
    ("URL includes credentials", the WHATWG URL standard), and a public page must not hand them out."""
    address = uri(text)
    try:
        parts = urlsplit(address)
    except ValueError:
        return address
    if "@" not in parts.netloc:
        return address
    return urlunsplit(parts._replace(netloc=parts.netloc.rpartition("@")[2]))


def path_uri(path: str) -> str:
    """A decoded URL path (what the server routed: %2F, %25 … already decoded) as the URI path that names it."""
    return quote(path, safe=_PATH_SAFE)


def query_uri(query: str) -> str:
    """A query string as sent (its %XX kept) with what no query may hold escaped (`[`, `]`, `#`, non-ASCII)."""
    return quote(_STRAY_PERCENT.sub("%25", query), safe=_QUERY_SAFE + "%")


def path_prefix(base_url: str) -> str:
    """The path of a public base URL without its trailing slash ("" for https://portal/ or none): the prefix a portal
    serves gongkai under, which the pages' links (web/public_prefix.py) and robots.txt's rules (feeds/sitemap.py) name."""
    return urlsplit(base_url or "").path.rstrip("/")
