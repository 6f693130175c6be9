"""Where a list page's rows and its next page lead when the HTML says it in something other than an <a href>, as the CMSs
of many county and district sites print them (crawl3, session 12: 8 of 10 such layouts read one list page or no row):

- a row that is clicked, not linked: `<tr onclick="window.open('/zfxxgk/202405/t1.htm')">`, `<li data-href="/xxgk/1.html">`
  (`link_target`, for the definition's `detail_links` and `next_page` alike; an `<option value>` of a page select box too);
- a 下一页 link that runs a script: ASP.NET WebForms' `javascript:__doPostBack('AspNetPager1','2')` (the page's form
  POSTed back with `__EVENTTARGET`/`__EVENTARGUMENT` and its `__VIEWSTATE`, as the browser does: `PostBack`), or a pager
  function (`goPage(2)`, `turnPage(2)`, `nextPage()`) whose URL the page's script builds as `'list_' + n + '.shtml'`:
  read from the function when its URL has one part that is not text (the page number), else from the definition's
  `page_url` template (`list_{page}.shtml`);
- no `next_page` written, or its selector finds nothing: after TRS's createPageHTML script (list_scripts.script_next_page),
  a link or button whose text (or title) is 下一页 (DedeCMS `list_12_2.html`), else the option after the chosen one of a
  select box that goes to its choice.

One reading for the spider and `gongkai sources check` (`next_list_target`), so the check names the page a crawl reads next.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode, urljoin, urlsplit

from gongkai.crawlers.list_scripts import script_next_page
from gongkai.parsers.registry import extension_alternation, page_extensions

# A URL a click handler opens: window.open('…'), location.href = '…', window.location='…', location.assign("…").
_OPENED = re.compile(r"""(?:window\.open|location\.assign|location\.replace|location(?:\.href)?\s*=)\s*\(?\s*(["'])([^"']+)\1""")
# A site's own opener called with the page's path: openDetail('./202405/t1.html'), showInfo('/xxgk/2.html','_blank').
# (a page's extensions are the registry's, longest first: .shtml before .htm)
_PATH_ARGUMENT = re.compile(r"""[\w$]+\(\s*(["'])((?:\.{0,2}/|https?://)[^"'\s]*|[^"'\s/]*/[^"'\s]*\.(?:"""
                            + extension_alternation(page_extensions())
                            + r""")(?:\?[^"'\s]*)?)\1""")
_DATA_ATTRS = ("data-href", "data-url", "data-link")
_POSTBACK = re.compile(r"""__doPostBack\(\s*['"]([^'"]*)['"]\s*,\s*['"]([^'"]*)['"]\s*\)""")
# a function called by name (not an object's method: _hmt.push([…]), stat.track('x') are analytics, not pagers)
_CALL = re.compile(r"""(?<![\w$.])([A-Za-z_$][\w$]*)\s*\(\s*([^)]*?)\s*\)""")
# a page-select box's choices are page numbers (2, 第2页, 2/15); a jump menu of 栏目 or sites is not
_PAGE_CHOICE = re.compile(r"第?\s*\d+\s*(?:页|/\s*\d+)?")
_NEXT_TEXTS = {"下一页", "下页", "下一頁", "后页", "後頁", "下一页>", "下一页>>", "下一页 >", "下一页»", "next", "next>", "next page"}


@dataclass(frozen=True)
class PostBack:
    """A form POSTed for the next page: an ASP.NET postback (its fields, the event's target and argument), or a search
    form whose page field a pager function sets."""

    url: str
    form: dict[str, str] = field(default_factory=dict)

    @property
    def label(self) -> str:
        """How `gongkai sources check` names it: the URL and the fields, a WebForms state aside."""
        shown = " ".join(f"{k}={v}" for k, v in self.form.items() if k not in ("__VIEWSTATE", "__EVENTVALIDATION", "__VIEWSTATEGENERATOR"))
        return f"POST {self.url} {shown}".strip()


def page_base(page: Any, page_url: str) -> str:
    """What the page's relative links are relative to: its `<base href>` (older TRS templates print one), else its URL."""
    base = (page.xpath("//head/base/@href | //base/@href").get() or "").strip() if hasattr(page, "xpath") else ""
    return urljoin(page_url, base) if base else page_url


def link_target(element: Any) -> str | None:
    """The URL a list's link or clicked row leads to, as printed (relative or not): its href unless a script, else a
    data-href, else the URL its onclick (or javascript: href) opens; an <option>'s value. None: nothing to follow."""
    attrib = element.attrib
    href = (attrib.get("href") or "").strip()
    if href and not href.lower().startswith(("javascript:", "#", "mailto:")):
        return href
    for name in _DATA_ATTRS:
        value = (attrib.get(name) or "").strip()
        if value and not value.startswith(("javascript:", "#")):
            return value
    for script in (attrib.get("onclick") or "", href):
        opened = _OPENED.search(html.unescape(script)) or _PATH_ARGUMENT.search(html.unescape(script))
        if opened:
            return opened[2].strip()
    if getattr(element.root, "tag", "") == "option":  # a page select box's choice
        value = (attrib.get("value") or "").strip()
        return value or None
    return None


def next_list_target(page: Any, page_url: str, page_html: str, next_page: str, page_url_template: str, list_page: int) -> str | PostBack | None:
    """The next list page after `page` (a Scrapy response or selector at `page_url`, `list_page` its number from 1): the
    definition's `next_page` element read by `link_target` or as the pager script it runs; else TRS's script; else a
    link whose text is 下一页. None: this is the last page (or nothing says how pages go on)."""
    chosen = page.css(next_page) if next_page else []
    for element in chosen[:1]:
        found = _target(element, page, page_url, page_html, page_url_template, list_page)
        if found is not None:
            return found
    scripted = script_next_page(page_url, page_html)
    if scripted is not None:
        return scripted
    if next_page and chosen:
        return None  # the written selector found the pager and it leads nowhere (the last page)
    # Found by its text, a 下一页 may be another block's (a 图片新闻 or 在线访谈 box beside the list, or beside a last page
    # whose pager prints none): the list's own leads beside this page (_beside), as every list pager seen does.
    for anchor in page.css("a, button, input[type=button]"):
        text = re.sub(r"\s+", "", "".join(anchor.css("::text").getall()) or anchor.attrib.get("value") or anchor.attrib.get("title") or "").lower()
        if text in _NEXT_TEXTS or text.rstrip(">»›") == "下一页":
            found = _target(anchor, page, page_url, page_html, page_url_template, list_page)
            if found is not None and _beside(found, page_url, page_base(page, page_url)):
                return found
    # a select box of pages that goes to its choice (onchange="window.location.href=this.value"): the one after this;
    # its choices are page numbers (a jump menu of 栏目 or of other sites' addresses is no pager)
    for select in page.xpath("//select[contains(@onchange, 'location') or contains(@onchange, 'open')][option[@selected]]"):
        choices = [re.sub(r"\s+", "", "".join(o.css("::text").getall())) for o in select.xpath("./option")]
        if not all(_PAGE_CHOICE.fullmatch(choice) for choice in choices):
            continue
        for option in select.xpath("./option[@selected]/following-sibling::option[1]"):
            found = _target(option, page, page_url, page_html, page_url_template, list_page)
            if found is not None and _beside(found, page_url, page_base(page, page_url)):
                return found
    return None


def _beside(found: str | PostBack, page_url: str, base: str) -> bool:
    """A next page found by its text leads beside this page: the same host, and a folder of one within the other's
    (/zwgk/tzgg/ -> index_1.html, list.jsp?page=2, /page/3/) or its <base href>, not another column's
    (/xwzx/tpxw/index_1.html)."""
    there = urlsplit(found if isinstance(found, str) else found.url)
    for here in {urlsplit(page_url), urlsplit(base)}:
        a, b = (p.path.rstrip("/").rsplit("/", 1)[0] + "/" for p in (here, there))
        if here.netloc.lower() == there.netloc.lower() and (a.startswith(b) or b.startswith(a)):
            return True
    return False


def _target(element: Any, page: Any, page_url: str, page_html: str, template: str, list_page: int) -> str | PostBack | None:
    if element.attrib.get("disabled") is not None:
        return None
    if getattr(element.root, "tag", "") == "option":  # a select box whose onchange may build the URL from the choice
        built = _select_url(element)
        if built is not None:
            return urljoin(page_base(page, page_url), built)
    found = _scripted_target(element, page, page_url, page_html, template, list_page)
    return None if found == page_url else found  # the last page's 下一页 leading to itself


def _scripted_target(element: Any, page: Any, page_url: str, page_html: str, template: str, list_page: int) -> str | PostBack | None:
    direct = link_target(element)
    if direct is not None:
        return urljoin(page_base(page, page_url), direct)
    script = html.unescape((element.attrib.get("href") or "") + ";" + (element.attrib.get("onclick") or ""))
    postback = _POSTBACK.search(script)
    if postback is not None:
        return _postback(page, element, page_url, postback[1], postback[2])
    # each function the click calls, in turn (onclick="track('next'); goPage(2)"): the first that pages
    for call in _CALL.finditer(script):
        if call[1] in ("void", "return", "javascript", "function"):
            continue
        found = _call_target(call, page, page_url, page_html, template, list_page)
        if found is not None:
            return found
    return None


def _call_target(call: re.Match[str], page: Any, page_url: str, page_html: str, template: str, list_page: int) -> str | PostBack | None:
    arguments = [a.strip().strip("'\"") for a in call[2].split(",")] if call[2].strip() else []
    numbers = [a for a in arguments if a.isdigit()]
    number = int(numbers[0]) if numbers else list_page + 1
    if template:
        return urljoin(page_url, fill_page(template, number))
    built = _function_url(page_html, call[1], arguments, number)
    if built:
        return urljoin(page_url, built)
    return _form_page(page, page_url, page_html, call[1], arguments, number)


def _select_url(option: Any) -> str | None:
    """onchange="location.href='index_' + this.value + '.html'": the URL of this option's choice; None when the
    onchange opens the value as it is (or builds nothing)."""
    script = html.unescape(option.xpath("ancestor::select[1]/@onchange").get() or "")
    value = (option.attrib.get("value") or "").strip()
    for expression in re.findall(r"""=\s*([^;}\n=][^;}\n]*)""", script):
        parts = _concatenation(re.sub(r"this\.options\[this\.selectedIndex\]\.value|this\.value", "CHOICE", expression))
        if parts and any(is_text for is_text, _ in parts) and [v for t, v in parts if not t] == ["CHOICE"]:
            return "".join(v if t else value for t, v in parts)
    return None


def fill_page(template: str, number: int) -> str:
    """'list_{page}.shtml' with the page's number; '{page-1}' for a CMS whose second page is index_1.html."""
    return re.sub(r"\{page(?:\s*([+-])\s*(\d+))?\}", lambda m: str(number + (int(m[2]) if m[1] == "+" else -int(m[2])) if m[1] else number), template)


def _postback(page: Any, element: Any, page_url: str, target: str, argument: str) -> PostBack | None:
    """The page's WebForms form (the one holding __VIEWSTATE, else the one the pager is in) with the event set, as
    __doPostBack submits it. No such form: None (another form of the page, a site search, is not POSTed)."""
    forms = page.xpath("//form[.//input[@name='__VIEWSTATE' or @name='__EVENTTARGET']]") or element.xpath("ancestor::form[1]")
    if not forms:
        return None
    fields = _form_fields(forms[0])
    fields["__EVENTTARGET"], fields["__EVENTARGUMENT"] = target, argument
    return PostBack(urljoin(page_url, forms[0].attrib.get("action") or page_url), fields)


def _form_fields(form: Any) -> dict[str, str]:
    """What a browser submits of a form without a button pressed: its inputs' names and values (a select's chosen)."""
    fields: dict[str, str] = {}
    for field_input in form.xpath(".//input[@name]"):
        kind = (field_input.attrib.get("type") or "text").lower()
        if kind in ("submit", "button", "image", "reset", "file") or (kind in ("checkbox", "radio") and field_input.attrib.get("checked") is None):
            continue
        fields[field_input.attrib["name"]] = field_input.attrib.get("value") or ""
    for select in form.xpath(".//select[@name]"):
        chosen = select.xpath("./option[@selected]/@value").get() or select.xpath("./option[1]/@value").get() or ""
        fields[select.attrib["name"]] = chosen
    return fields


# A pager function that sets a form's page field and submits it: document.getElementById('pageNo').value = p,
# $('#pageNo').val(p), form.pageNo.value = p; then ….submit().
_FIELD_SET = re.compile(r"""getElementById\(\s*['"]([\w-]+)['"]\s*\)\.value\s*=\s*([\w$]+)|\$\(\s*['"]#([\w-]+)['"]\s*\)\.val\(\s*([\w$]+)\s*\)|"""
                        r"""\.([A-Za-z_][\w]*)\.value\s*=\s*([\w$]+)""")


def _form_page(page: Any, page_url: str, page_html: str, name: str, arguments: list[str], number: int) -> str | PostBack | None:
    """The request of a pager function that writes the page number into a form field and submits the form (a JSP
    信息公开 system's search form): the form's fields with that one set, by its method (GET: a URL, POST: a PostBack)."""
    start = re.search(rf"function\s+{re.escape(name)}\s*\(([^)]*)\)\s*\{{", page_html)
    if start is None:
        return None
    body = page_html[start.end(): start.end() + 2000]
    found = _FIELD_SET.search(body)
    if found is None or ".submit(" not in body:
        return None
    field_id = found[1] or found[3] or found[5]
    variable = found[2] or found[4] or found[6]
    parameters = dict(zip((p.strip() for p in start[1].split(",")), arguments, strict=False))
    value = parameters.get(variable) or str(number)
    inputs = page.xpath(f"//form//*[@id='{field_id}' or @name='{field_id}']")
    if not inputs:
        return None
    form = inputs[0].xpath("ancestor::form[1]")[0]
    fields = _form_fields(form)
    fields[inputs[0].attrib.get("name") or field_id] = value
    action = urljoin(page_base(page, page_url), form.attrib.get("action") or page_url)
    if (form.attrib.get("method") or "get").lower() == "post":
        return PostBack(action, fields)
    return f"{action.split('?', 1)[0]}?{urlencode(fields)}"


def _function_url(page_html: str, name: str, arguments: list[str], number: int) -> str | None:
    """The URL the page's `function name(n) { … location.href = 'list_' + n + '.shtml' … }` opens when called with
    `arguments` (page `number`): the first value in its body made of text and parts that are its parameters (given the
    call's arguments; `n-1` computed) and at most one other (another variable such as `currentPage+1`: the page asked)."""
    start = re.search(rf"function\s+{re.escape(name)}\s*\(([^)]*)\)\s*\{{", page_html)
    if start is None:
        return None
    parameters = dict(zip((p.strip() for p in start[1].split(",")), arguments, strict=False))
    body = page_html[start.end(): start.end() + 2000]
    if not re.search(r"location|window\.open|\.submit\(|\.href\b", body):
        return None  # it opens nothing (trackEvent(e) { img.src = '/stat.gif?e=' + e }): not a pager
    for expression in re.findall(r"""=\s*([^;}\n=][^;}\n]*)""", body):
        parts = _concatenation(expression)
        if parts is None or not any(is_text for is_text, _ in parts):
            continue
        values = [value if is_text else _part_value(value, parameters) for is_text, value in parts]
        if values.count(None) > 1 or len(values) == sum(is_text for is_text, _ in parts):
            continue
        return "".join(str(number) if value is None else value for value in values)
    return None


def _part_value(part: str, parameters: dict[str, str]) -> str | None:
    """A URL's variable part given the call's arguments: a parameter, or one plus or minus a number; None: unknown."""
    found = re.fullmatch(r"\(?\s*([\w$]+)\s*(?:([+-])\s*(\d+))?\s*\)?", part.strip())
    if found is None or found[1] not in parameters:
        return None
    value = parameters[found[1]]
    if not found[2]:
        return value
    if not value.lstrip("-").isdigit():
        return None
    return str(int(value) + int(found[3]) if found[2] == "+" else int(value) - int(found[3]))


def _concatenation(expression: str) -> list[tuple[bool, str]] | None:
    """'list_' + (n+1) + ".html" -> [(True, 'list_'), (False, '(n+1)'), (True, '.html')]; None: not a + of parts."""
    parts: list[tuple[bool, str]] = []
    for part in _split_plus(expression.strip()):
        part = part.strip()
        quoted = re.fullmatch(r"""(["'])(.*)\1""", part)
        if quoted:
            parts.append((True, quoted[2]))
        elif re.fullmatch(r"[\w$.()\s+\-]+", part):
            parts.append((False, part))
        else:
            return None
    return parts or None


def _split_plus(expression: str) -> list[str]:
    """Split on the + signs outside quotes and parentheses."""
    out, depth, quote, current = [], 0, "", ""
    for char in expression:
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "+" and depth == 0:
            out.append(current)
            current = ""
            continue
        current += char
    out.append(current)
    return out
