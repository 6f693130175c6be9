"""List pages whose rows or page links a script writes (no link in the HTML a crawler reads), the two CMSs most
government sites run on:

- TRS WCM (most xm.gov.cn sites): the rows are HTML; the page links are written by `createPageHTML(12, 0, "index",
  "htm")` (pages, this page from 0, name, extension), or in later versions `createPageHTML('page_div', 12, 1, 'index',
  'shtml', 237)`. Its pages are index.htm, index_1.htm … index_11.htm (`script_next_page`).
- Hanweb 大汉 JCMS (the sites of many provinces, `/col/col1229019364/index.html`, `/art/2023/5/4/art_…html`): the rows
  are not HTML at all but CDATA records of an XML "datastore" inside `<script type="text/xml">`, which its jpage script
  writes into the page; the first group of rows is in the page, the next groups come from a proxy
  (`/module/web/jpage/dataproxy.jsp`) POSTed `startrecord`, `endrecord`, `perpage` and the parameters of the
  datastore's `nextgroup` link, answering the same XML. `rendered_list` writes the rows into the page as the browser
  shows them, so a site definition's `detail_links` selector (written against what the operator sees) finds them;
  `jpage_next_group` is the proxy request for the rows after those read.
"""

from __future__ import annotations

import hashlib
import html
import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

# ---------------------------------------------------------------------------------------------------------------- TRS

# The page after this one is told by this page's own name, not by the script's page argument, whose base differs
# between versions.
# The count may be a variable the template set before (`var countPage = 5; createPageHTML(countPage, currentPage, …)`).
_SCRIPT_PAGER = re.compile(
    r"createPageHTML\(\s*(?:['\"][\w-]*['\"]\s*,\s*)?(?P<pages>\d+|[A-Za-z_$][\w$]*)\s*,\s*(?:\d+|[A-Za-z_$][\w$]*)\s*,\s*"
    r"(?:['\"](?P<name>[\w-]+)['\"]|(?P<name_var>[A-Za-z_$][\w$]*))\s*,\s*(?:['\"](?P<ext>\w+)['\"]|(?P<ext_var>[A-Za-z_$][\w$]*))"
)


def script_next_page(url: str, page_html: str) -> str | None:
    """The URL of the list page after `url` when the page is paged by TRS's createPageHTML script, else None."""
    match = _SCRIPT_PAGER.search(page_html) if "createPageHTML" in page_html else None
    if match is None:
        return None
    # each argument printed, or a variable the template set to one value (var _sPageName = "index"; var countPage = 5)
    name = match["name"] or _set_once(page_html, match["name_var"], r"""["']([\w-]+)["']""")
    ext = match["ext"] or _set_once(page_html, match["ext_var"], r"""["'](\w+)["']""")
    pages_said = match["pages"] if match["pages"].isdigit() else _set_once(page_html, match["pages"], r"(\d+)\b")
    if not (name and ext and pages_said):
        return None
    pages = int(pages_said)
    path = urlsplit(url).path
    last = path.rsplit("/", 1)[-1]
    here = re.fullmatch(rf"{re.escape(name)}(?:_(?P<n>\d+))?\.{re.escape(ext)}", last)
    if here is None and last:  # a list reached by its folder (/xxgk/) is the first page
        return None
    number = int(here["n"]) if here and here["n"] else 0
    if number + 1 >= pages:
        return None
    return urljoin(url, f"{name}_{number + 1}.{ext}")


def _set_once(page_html: str, variable: str | None, value: str) -> str | None:
    """The value a page's script sets `variable` to (`value`: its pattern, one group), when it sets it to one only."""
    if not variable:
        return None
    found = set(re.findall(rf"(?<![\w$.]){re.escape(variable)}\s*=\s*{value}", page_html))
    return found.pop() if len(found) == 1 else None


# ------------------------------------------------------------------------------------------------------------- Hanweb

_DATASTORE_SCRIPT = re.compile(r"<script\b[^>]*>\s*(<datastore\b.*?</datastore>)\s*</script>", re.S | re.I)
_DATASTORE = re.compile(r"<datastore\b.*?</datastore>", re.S | re.I)
_RECORD = re.compile(r"<record\b[^>]*>(.*?)</record>", re.S | re.I)
_CDATA = re.compile(r"<!\[CDATA\[(.*?)\]\]>", re.S)
_NEXT_GROUP = re.compile(r"<nextgroup\b[^>]*>(.*?)</nextgroup>", re.S | re.I)
_TOTAL = re.compile(r"<totalrecord>\s*(\d+)\s*</totalrecord>", re.I)
_HREF = re.compile(r"""href\s*=\s*["']([^"']+)["']""", re.I)


def _option(script: str, name: str) -> str | None:
    """A jpage option's value (`perPage: 15`, `totalRecord:'2394'`, `proxyUrl: "/module/…"`), as printed."""
    match = re.search(rf"""\b{name}\s*:\s*(?:["']([^"']*)["']|(\d+))""", script, re.I)
    return None if match is None else (match[1] if match[1] is not None else match[2])


def _records(datastore: str) -> list[str]:
    """The HTML of each record of a datastore (CDATA or entity-escaped), in order."""
    rows = []
    for record in _RECORD.findall(datastore):
        found = _CDATA.findall(record)
        rows.append("".join(found) if found else html.unescape(record))
    return rows


def has_datastore(text: str) -> bool:
    return "<datastore" in text or "<DATASTORE" in text


def rendered_list(page_html: str, records_html: list[str] | None = None) -> str:
    """The list page with each datastore script replaced by its rows' HTML, as jpage writes them into the page; with
    `records_html`, the paged datastore's rows are those (a proxy's answer for a later group: in the place of the
    datastore jpage_first_group pages, not of a sidebar's before it) and any other is empty."""
    paged = _paged_store(page_html)[0] if records_html is not None else -1
    first = True

    def rows_of(match: re.Match[str]) -> str:
        nonlocal first
        if records_html is not None:
            # the datastore paged (or, none found, the first), its place found by its offset in the page
            mine = match.start(1) == paged if paged >= 0 else first
            first = False
            return "\n".join(records_html) if mine else ""
        return "\n".join(_records(match[1]))

    return _DATASTORE_SCRIPT.sub(rows_of, page_html)


def datastore_rows(xml_text: str) -> list[str]:
    """The rows of a proxy's answer (`<datastore><recordset><record>…`), in order."""
    match = _DATASTORE.search(xml_text)
    return _records(match[0]) if match else []


@dataclass(frozen=True)
class JpageGroup:
    """The proxy request for the rows from `start` (1-based) to `end`, `per_page` a page."""

    url: str  # the proxy's URL with this group's paging
    proxy: str  # without it
    form: dict[str, str]
    start: int
    end: int
    per_page: int
    total: int
    seen: str = ""  # the links of the rows read last (the page's, or the answer before): an answer repeating them ends the list


def jpage_first_group(page_url: str, page_html: str) -> JpageGroup | None:
    """The proxy request for the rows after those the page holds (None: not a jpage list, or every row is there).
    A page with several datastores (a sidebar's 最新信息 beside the column's list) pages the first that has more rows."""
    return _paged_store(page_html, page_url)[1]


def _paged_store(page_html: str, page_url: str = "") -> tuple[int, JpageGroup | None]:
    """(offset in the page, first proxy request) of the datastore whose rows go on past the page; (-1, None): none."""
    if "jpage" not in page_html.lower():
        return -1, None
    stores = list(_DATASTORE.finditer(page_html))
    for number, store in enumerate(stores):
        # this datastore's own jpage call: the script after it, before the next datastore
        config = page_html[store.end(): stores[number + 1].start() if number + 1 < len(stores) else len(page_html)]
        group = _first_group(page_url, store[0], config)
        if group is not None:
            return store.start(), group
    return -1, None


def _first_group(page_url: str, store: str, config: str) -> JpageGroup | None:
    proxy = _option(config, "proxyUrl")
    per_page = _int(_option(config, "perPage")) or 15
    group = _int(_option(config, "groupSize")) or 3
    total_text = _option(config, "totalRecord") or (_TOTAL.search(store) or [None, None])[1]
    rows = _records(store)
    held = len(rows)
    next_group = _NEXT_GROUP.search(store)
    next_href = None
    if next_group is not None:
        inner = "".join(_CDATA.findall(next_group[1])) or html.unescape(next_group[1])
        href = _HREF.search(inner)
        next_href = html.unescape(href[1]) if href else None
    if not held or (proxy is None and next_href is None):
        return None
    total = _int(total_text)
    if total and held >= total:
        return None
    base = urljoin(page_url, next_href or proxy or "")
    form = dict(parse_qsl(urlsplit(base).query, keep_blank_values=True))
    for paging in ("startrecord", "endrecord", "perpage", "page"):
        form.pop(paging, None)
    proxy_url = urljoin(page_url, proxy) if proxy else base.split("?", 1)[0]
    return _group(proxy_url, form, held + 1, per_page * group, per_page, total, _rows_key(rows))


def _int(text: str | None) -> int:
    """A jpage option's number as printed (15, '15', '2,394'); 0 when it is none (a variable's name)."""
    digits = (text or "").replace(",", "").strip()
    return int(digits) if digits.isdigit() else 0


def _rows_key(rows: list[str]) -> str:
    """What tells a group's rows apart: their links (the text around them may be written differently)."""
    links = [href for row in rows for href in _HREF.findall(row)]
    return hashlib.sha1("\n".join(links or rows).encode("utf-8")).hexdigest()


def jpage_next_group(previous: JpageGroup, rows_read: int, answer_xml: str) -> JpageGroup | None:
    """The group after `previous`, whose answer held `rows_read` rows (None: the list is read to its end, or the
    proxy answered the rows read before again: one that ignores the paging would be asked up to --max-pages times)."""
    total = previous.total
    found = _TOTAL.search(answer_xml)
    if found:
        total = int(found[1])
    if not rows_read or (total and previous.end >= total):
        return None
    key = _rows_key(datastore_rows(answer_xml))
    if key == previous.seen:
        return None
    return _group(previous.proxy, previous.form, previous.end + 1, previous.end - previous.start + 1, previous.per_page, total, key)


def _group(proxy_url: str, form: dict[str, str], start: int, size: int, per_page: int, total: int, seen: str = "") -> JpageGroup:
    end = start + size - 1
    if total:
        end = min(end, total)
    # jpage sends the paging in the URL and the column's parameters as the form: each group has its own URL, so the
    # crawl's outcome log names each list request apart.
    query = urlencode({"startrecord": start, "endrecord": end, "perpage": per_page})
    return JpageGroup(f"{proxy_url}?{query}", proxy_url, dict(form), start, end, per_page, total, seen)
