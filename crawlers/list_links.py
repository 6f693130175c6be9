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
# A site's own opener called with the page's path: openDetail('./202405/t1.html'), showInfo('/xxgk/2.html','_blank'),
# openUrl('art_1229_5521.html').
# (a page's extensions are the registry's, longest first: .shtml before .htm)
_PATH_ARGUMENT = re.compile(r"""[\w$]+\(\s*(["'])((?:\.{0,2}/|https?://)[^"'\s]*|[^"'\s]*\.(?:"""
                            + extension_alternation(page_extensions())
                            + r""")(?:\?[^"'\s]*)?)\1""")
_DATA_ATTRS = ("data-href", "data-url", "data-link")
_POSTBACK = re.compile(r"""__doPostBack\(\s*['"]([^'"]*)['"]\s*,\s*['"]([^'"]*)['"]\s*\)""")
# a function called by name (not an object's method: _hmt.push([…]), stat.track('x') are analytics, not pagers)
_CALL = re.compile(r"""(?<![\w$.])([A-Za-z_$][\w$]*)\s*\(\s*([^)]*?)\s*\)""")
_NOT_CALLS = ("void", "return", "javascript", "function", "if", "alert", "confirm")


def page_scripts(page: Any) -> str:
    """The text of a page's own <script> blocks (where its opener and pager functions are written)."""
    return "\n".join(page.xpath("//script[not(@src)]/text()").getall()) if hasattr(page, "xpath") else ""


def _arguments(text: str) -> list[str]:
    return [a.strip().strip("'\"") for a in text.split(",")] if text.strip() else []


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


def link_target(element: Any, scripts: str = "") -> str | None:
    """The URL a list's link or clicked row leads to, as printed (relative or not): its href unless a script, else a
    data-href, else the URL its onclick (or javascript: href) opens, or the URL a function of the page's `scripts`
    builds from the call's arguments (`showDetail('123')`: `window.open('detail.jsp?id=' + id)`); an <option>'s value.
    None: nothing to follow."""
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
    if scripts:
        for script in (attrib.get("onclick") or "", href):
            for call in _CALL.finditer(html.unescape(script)):
                if call[1] not in _NOT_CALLS:
                    built = _function_url(scripts, call[1], _arguments(call[2]), 0, strict=True, element=element)
                    if built:
                        return built
        if not attrib.get("onclick") and not href:
            built = _bound_click_url(scripts, element)
            if built:
                return built
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
        if any(_is_next(said) for said in _says(anchor)):
            found = _target(anchor, page, page_url, page_html, page_url_template, list_page)
            # a pager's own 下一页 (beside 首页/末页, page numbers or 共N页) may lead into another folder (/newslist/2.html)
            if found is not None and (_beside(found, page_url, page_base(page, page_url)) or (in_pager(anchor) and _same_host(found, page_url))):
                return found
    # a next link that says so in markup, not words: rel="next" (<a>, or <link> in the head), or an icon classed next
    # (page-next, btn_next) in the list's pager
    for anchor in page.xpath("//a[@href][contains(concat(' ', normalize-space(@rel), ' '), ' next ')] | //link[@href]"
                             "[contains(concat(' ', normalize-space(@rel), ' '), ' next ')] | //a[@href][@class]"):
        classed_only = anchor.root.tag == "a" and "next" not in (anchor.attrib.get("rel") or "").lower().split()
        if classed_only and not (_NEXT_CLASS.search(anchor.attrib["class"]) and in_pager(anchor)):
            continue
        found = _target(anchor, page, page_url, page_html, page_url_template, list_page)
        if found is not None and _same_host(found, page_url):
            return found
    laid = _laypage_next(page_url, page_html)
    if laid is not None:
        return laid
    # a select box of pages that goes to its choice (onchange="window.location.href=this.value"): the one after this;
    # its choices are page numbers (a jump menu of 栏目 or of other sites' addresses is no pager)
    for select in page.xpath("//select[@onchange][option[@selected]]"):
        if not re.search(r"location|open", select.attrib["onchange"]) and _select_url(select.xpath("./option[@selected]")[0], page_html) is None:
            continue  # it goes nowhere: neither to its choice nor through a page function
        choices = [re.sub(r"\s+", "", "".join(o.css("::text").getall())) for o in select.xpath("./option")]
        if not all(_PAGE_CHOICE.fullmatch(choice) for choice in choices):
            continue
        for option in select.xpath("./option[@selected]/following-sibling::option[1]"):
            found = _target(option, page, page_url, page_html, page_url_template, list_page)
            if found is not None and _beside(found, page_url, page_base(page, page_url)):
                return found
    return None


_NEXT_CLASS = re.compile(r"(?:^|[\s_-])next(?:[_-]?page)?(?:$|[\s_-])|(?:^|\s)nextpage(?:$|\s)", re.I)


def _is_next(said: str | None) -> bool:
    """下一页 as pagers print it: in brackets or with arrows (【下一页】, [下一页], 下一页>>, » 下一页)."""
    text = re.sub(r"\s+", "", said or "").lower()
    return text in _NEXT_TEXTS or text.strip("[]【】〖〗()（）<>«»›‹|") in _NEXT_TEXTS


def _says(element: Any) -> tuple[str, ...]:
    """What a link or button says: its text, value, title, or its image's alt or title (a 下一页 drawn as an arrow)."""
    return ("".join(element.css("::text").getall()), element.attrib.get("value"), element.attrib.get("title"),
            *element.xpath(".//img/@alt | .//img/@title").getall())


# what a list's pager block prints beside its 下一页: 首页/末页/上一页, 共N页, 第1/4页 (a 图片新闻 or 专题 box's arrows print none)
_PAGER_WORDS = re.compile(r"首页|尾页|末页|上一页|上页|共\s*\d+\s*页|第\s*\d+\s*(?:/\s*\d+\s*)?页|\d+\s*/\s*\d+\s*页")


def in_pager(anchor: Any) -> bool:
    """The link is in a list's pager: the nearest block around it holding other links too (not the page's body) is short
    and prints 首页/末页/上一页 or a page count, or links two page numbers (a 专题 box's lone 下一页 is in none)."""
    for block in reversed(anchor.xpath("ancestor::*[position() <= 4]")):  # the parent first
        if block.root.tag in ("body", "html", "form"):
            return False
        links = block.css("a")
        if len(links) < 2:
            continue  # a wrapper of this link alone (<li>, <span>): the pager is around it
        text = re.sub(r"\s+", "", "".join(block.css("::text").getall()))
        numbers = [t for t in (re.sub(r"\s+", "", "".join(a.css("::text").getall())) for a in links) if t.isdigit()]
        return len(text) <= 200 and (bool(_PAGER_WORDS.search(text)) or len(numbers) >= 2)
    return False


def _same_host(found: str | PostBack, page_url: str) -> bool:
    return urlsplit(found if isinstance(found, str) else found.url).netloc.lower() == urlsplit(page_url).netloc.lower()


# layui's pager: laypage.render({count: 58, limit: 15, curr: 1, jump: function(obj, first){ … location.href = 'list_' +
# obj.curr + '.html' … }}): no link in the page; the next page is the jump's URL with curr + 1, while pages remain.
_LAYPAGE = re.compile(r"laypage\.render\(\s*\{")


def _laypage_next(page_url: str, page_html: str) -> str | None:
    found = _LAYPAGE.search(page_html) if "laypage" in page_html else None
    if found is None:
        return None
    config = page_html[found.end(): found.end() + 3000]

    def option(name: str) -> int | None:
        value = re.search(rf"""\b{name}\s*:\s*["']?([\w$]+)""", config)
        if value is None:
            return None
        number = value[1] if value[1].isdigit() else _page_variable(page_html, value[1])
        return int(number) if number and number.isdigit() else None

    count, limit, current = option("count"), option("limit") or 10, option("curr") or 1
    jump = re.search(r"jump\s*:\s*function\s*\(\s*([\w$]+)", config)
    if count is None or jump is None or current * limit >= count:
        return None
    for expression in _expressions(config[jump.end():]):
        parts = _concatenation(expression)
        if parts and any(t for t, _ in parts) and [v.strip() for t, v in parts if not t] == [f"{jump[1]}.curr"]:
            return urljoin(page_url, "".join(v if t else str(current + 1) for t, v in parts))
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
        built = _select_url(element, page_html)
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
        if call[1] in _NOT_CALLS:
            continue
        found = _call_target(call, page, page_url, page_html, template, list_page)
        if found is not None:
            return found
    # a pager link whose click handler is bound in script, reading its data-page
    bound = _bound_click_url(page_html, element) if element.root.tag != "option" else None
    return urljoin(page_base(page, page_url), bound) if bound else None


def _call_target(call: re.Match[str], page: Any, page_url: str, page_html: str, template: str, list_page: int) -> str | PostBack | None:
    arguments = _arguments(call[2])
    numbers = [a for a in arguments if a.isdigit()]
    number = int(numbers[0]) if numbers else list_page + 1
    if template:
        return urljoin(page_url, fill_page(template, number))
    built = _function_url(page_html, call[1], arguments, number)
    if built:
        return urljoin(page_url, built)
    return _form_page(page, page_url, page_html, call[1], arguments, number)


def _select_url(option: Any, page_html: str = "") -> str | None:
    """onchange="location.href='index_' + this.value + '.html'": the URL of this option's choice; None when the
    onchange opens the value as it is (or builds nothing)."""
    script = html.unescape(option.xpath("ancestor::select[1]/@onchange").get() or "")
    value = (option.attrib.get("value") or "").strip()
    for expression in re.findall(r"""=\s*([^;}\n=][^;}\n]*)""", script):
        parts = _concatenation(re.sub(r"this\.options\[this\.selectedIndex\]\.value|this\.value", "CHOICE", expression))
        if parts and any(is_text for is_text, _ in parts) and [v for t, v in parts if not t] == ["CHOICE"]:
            return "".join(v if t else value for t, v in parts)
    # onchange="goPage(this.value)": the page's function given the choice
    chosen = re.sub(r"this\.options\[this\.selectedIndex\]\.value|this\.value", f"'{value}'", script)
    for call in _CALL.finditer(chosen):
        if call[1] not in _NOT_CALLS and value.isdigit():
            built = _function_url(page_html, call[1], _arguments(call[2]), int(value), strict=True)
            if built:
                return built
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
    start = _function(page_html, name)
    if start is None:
        return None
    body = page_html[start[1]: start[1] + 2000]
    found = _FIELD_SET.search(body)
    if found is None or ".submit(" not in body:
        return None
    field_id = found[1] or found[3] or found[5]
    variable = found[2] or found[4] or found[6]
    parameters = dict(zip((p.strip() for p in start[0].split(",")), arguments, strict=False))
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


def _function(page_html: str, name: str) -> tuple[str, int] | None:
    """(its parameters, where its body starts) of the function `name` as scripts write it: `function goPage(n) {`, or
    an expression assigned to it (`var fnPage = function (p) {`, `window.goPage = function(p) {`)."""
    n = re.escape(name)
    found = re.search(rf"function\s+{n}\s*\(([^)]*)\)\s*\{{|(?<![\w$]){n}\s*=\s*function\s*\(([^)]*)\)\s*\{{", page_html)
    if found is None:
        return None
    return (found[1] if found[1] is not None else found[2]), found.end()


def _function_url(page_html: str, name: str, arguments: list[str], number: int, strict: bool = False, element: Any = None) -> str | None:
    """The URL the page's `function name(n) { … location.href = 'list_' + n + '.shtml' … }` opens when called with
    `arguments` (page `number`): the first value in its body made of text and parts that are its parameters (given the
    call's arguments; `n-1` computed) or the page's variables (`var catId = "12"`), and at most one other (another
    variable such as `currentPage+1`: the page asked). `strict` (a row's opener): no part unknown. `element`: the row
    called with `this` (goDetail(this)), whose attributes the function reads ($(obj).attr('data-id'), obj.dataset.id)."""
    start = _function(page_html, name)
    if start is None:
        return None
    parameters = dict(zip((p.strip() for p in start[0].split(",")), arguments, strict=False))
    body = page_html[start[1]: start[1] + 2000]
    for parameter, argument in list(parameters.items()):
        if argument == "this" and element is not None:
            body = _attributes_read(body, parameter, element, parameters)
    if not re.search(r"location|window\.open|\.submit\(|\.href\b", body):
        return None  # it opens nothing (trackEvent(e) { img.src = '/stat.gif?e=' + e }): not a pager
    return _opened_value(body, parameters, page_html, strict, number)


def _opened_value(body: str, parameters: dict[str, str], page_html: str, strict: bool, number: int = 0) -> str | None:
    """The first URL of text and known parts a function's body sets or opens (at most one unknown part, the page
    number, unless `strict`)."""
    # its own variables set from what it was given (var id = $(obj).attr('data-id'); var cid = col;)
    for local in re.finditer(r"(?:var|let|const)\s+([A-Za-z_$][\w$]*)\s*=\s*([^;\n]+)", body):
        parts = _concatenation(local[2], page_html)
        values = [v if t else _part_value(v, parameters, page_html) for t, v in parts] if parts else [None]
        if None not in values and not all(t for t, _ in parts or []):
            parameters.setdefault(local[1], "".join(str(v) for v in values))
    for expression in _expressions(body):
        parts = _concatenation(expression, page_html)
        if parts is None or not any(is_text for is_text, _ in parts):
            continue
        values = [value if is_text else _part_value(value, parameters, page_html) for is_text, value in parts]
        if values.count(None) > (0 if strict else 1) or len(values) == sum(is_text for is_text, _ in parts):
            continue
        return "".join(str(number) if value is None else value for value in values)
    return None


# where a script writes a URL: an assignment's value (location.href = …, var url = …) or what it opens (window.open(…))
_OPENS = re.compile(r"(?:window\.open|location\.assign|location\.replace)\s*\(")


# a click handler bound by script, not printed on the row: $('.list li').click(function () {…}), .on('click', 'li', function (e) {…})
_BOUND_CLICK = re.compile(r"""\.(?:click\(|on\(\s*["']click["']\s*,\s*(?:["'][^"']*["']\s*,\s*)?)\s*function\s*\([^)]*\)\s*\{""")


def _bound_click_url(scripts: str, element: Any) -> str | None:
    """The URL a click handler bound in the page's scripts opens for this row, built from the row's own attributes
    ($(this).attr('data-id'), $(this).data('url'), this.dataset.id): only a handler that reads attributes the row has
    and opens a URL of text and them alone."""
    for handler in _BOUND_CLICK.finditer(scripts):
        parameters: dict[str, str] = {}
        body = _attributes_read(scripts[handler.end(): handler.end() + 1500], "this", element, parameters)
        if not parameters or not re.search(r"location|window\.open|\.href\b", body):
            continue
        found = _opened_value(body, parameters, scripts, strict=True)
        if found:
            return found
    return None


def _attributes_read(body: str, parameter: str, element: Any, parameters: dict[str, str]) -> str:
    """The body with its reads of the clicked element's attributes ($(obj).attr('data-id'), $(obj).data('id'),
    obj.getAttribute('data-id'), obj.dataset.id, obj.id) written as variables whose values `parameters` is given."""
    p = re.escape(parameter)

    def value(name: str) -> str:
        variable = f"__attr{len(parameters)}__"
        if element.attrib.get(name) is not None:
            parameters[variable] = element.attrib[name]
        return variable  # an attribute the element lacks: an unknown part

    body = re.sub(rf"""\$\(\s*{p}\s*\)\.attr\(\s*["']([\w-]+)["']\s*\)|{p}\.getAttribute\(\s*["']([\w-]+)["']\s*\)""",
                  lambda m: value(m[1] or m[2]), body)
    body = re.sub(rf"""\$\(\s*{p}\s*\)\.data\(\s*["']([\w-]+)["']\s*\)|{p}\.dataset\.(\w+)""",
                  lambda m: value("data-" + re.sub(r"[A-Z]", lambda c: "-" + c[0].lower(), m[1] or m[2])), body)
    return re.sub(rf"(?<![\w$.]){p}\.id\b", lambda m: value("id"), body)


def _expressions(body: str) -> list[str]:
    """The values assigned in a function's body, the first arguments of window.open(…)/location.assign(…) and a
    conditional's branches, in order, each up to the end of its statement (quotes and parentheses kept whole; `==`, `!=`, `<=`, `>=`, `=>` are no
    assignments)."""
    starts = [m.end() for m in _OPENS.finditer(body)]
    quote = ""
    for i, char in enumerate(body):
        if quote:
            quote = "" if char == quote and body[i - 1] != "\\" else quote
        elif char in "'\"`":
            quote = char
        # an assignment, or a conditional's branches: n == 1 ? 'index.html' : 'index_' + (n - 1) + '.html'
        elif (char == "=" and body[i - 1: i] not in ("=", "!", "<", ">") and body[i + 1: i + 2] not in ("=", ">")) or (char in "?:" and i):
            starts.append(i + 1)
    out = []
    for start in sorted(starts):
        depth, quote, end = 0, "", len(body)
        for j in range(start, len(body)):
            char = body[j]
            if quote:
                quote = "" if char == quote and body[j - 1] != "\\" else quote
            elif char in "'\"`":
                quote = char
            elif char in "([":
                depth += 1
            elif char in ")]" and depth:
                depth -= 1
            elif char in ";\n" or (char in "}),?:" and not depth):
                end = j
                break
        expression = body[start:end].strip()
        if expression:
            out.append(expression)
    return out


def _part_value(part: str, parameters: dict[str, str], page_html: str = "") -> str | None:
    """A URL's variable part given the call's arguments: a parameter (or one of the page's variables set to a literal,
    `var catId = "12"`), or one plus or minus a number; None: unknown."""
    found = re.fullmatch(r"\(?\s*([\w$.]+)\s*(?:([+-])\s*(\d+))?\s*\)?", part.strip())
    if found is None:
        return None
    if found[1] in parameters:
        value: str | None = parameters[found[1]]
    else:
        value = _page_variable(page_html, found[1])
    if value is None or not found[2]:
        return value
    if not value.lstrip("-").isdigit():
        return None
    return str(int(value) + int(found[3]) if found[2] == "+" else int(value) - int(found[3]))


def _page_variable(page_html: str, name: str) -> str | None:
    """The literal a page's script sets a variable to once (`var catId = "12";`, `var currentPage = 2;`); None when it is
    not set so, or set to more than one value."""
    if not re.fullmatch(r"[A-Za-z_$][\w$]*", name):
        return None
    values = {m[2] if m[2] is not None else m[3] for m in re.finditer(
        rf"""(?<![\w$.]){re.escape(name)}\s*=(?!=)\s*(?:(["'])([^"'\n]*)\1|(-?\d+)\b)""", page_html)}
    return values.pop() if len(values) == 1 else None


# a URL template filled by replace: "list_{p}.html".replace("{p}", n), tpl.replace(/\{page\}/g, n)
_REPLACE = re.compile(r"""((["'])[^"'\n]*\2|[A-Za-z_$][\w$]*)\s*\.replace\(\s*(?:(["'])([^"'\n]+)\3|/((?:\\.|[^/\\\n])+)/[gi]*)\s*,\s*([^()]+?)\s*\)""")
# an array joined: ["list", n].join("_"), ['/xxgk/list.jsp?cid=12', 'page=' + n].join('&')
_JOIN = re.compile(r"""\[([^\[\]]*)\]\s*\.join\(\s*(["'])([^"'\n]*)\2\s*\)""")


def _desugared(expression: str, page_html: str = "") -> str:
    """An expression whose URL is built by a template's replace or an array's join, written as the + of its parts the
    rest reads (`"list_{p}.html".replace("{p}", n)` -> `"list_" + (n) + ".html"`; `["list", n].join("_")` ->
    `"list" + "_" + (n)`): each makes the same string."""

    def replaced(found: re.Match[str]) -> str:
        template = found[1][1:-1] if found[2] else _page_variable(page_html, found[1])
        placeholder = found[4] if found[4] is not None else re.sub(r"\\(.)", r"\1", found[5])
        if template is None or placeholder not in template:
            return found[0]
        return " + ".join(f'"{piece}"' if i % 2 == 0 else f"({found[6]})"
                          for i, piece in enumerate(_interleave(template.split(placeholder))))

    def joined(found: re.Match[str]) -> str:
        items = [item.strip() for item in _split_top(found[1], ",")]
        if not items or not all(items):
            return found[0]
        glue = f' + "{found[3]}" + ' if found[3] else " + "
        return glue.join(item if re.match(r"""["'`]""", item) else f"({item})" for item in items)

    return _JOIN.sub(joined, _REPLACE.sub(replaced, expression))


def _interleave(pieces: list[str]) -> list[str]:
    """The text pieces around a placeholder with a slot between each two (even indexes text, odd the slot)."""
    out: list[str] = []
    for i, piece in enumerate(pieces):
        out += ([""] if i else []) + [piece]
    return out


def _split_top(text: str, separator: str) -> list[str]:
    """Split on `separator` outside quotes, parentheses and brackets."""
    out, depth, quote, current = [], 0, "", ""
    for char in text:
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"`":
            quote = char
        elif char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif char == separator and depth == 0:
            out.append(current)
            current = ""
            continue
        current += char
    out.append(current)
    return out


def _concatenation(expression: str, page_html: str = "") -> list[tuple[bool, str]] | None:
    """'list_' + (n+1) + ".html" -> [(True, 'list_'), (False, '(n+1)'), (True, '.html')]; a template literal
    `list_${n}.html` alike, and a URL built by a template's replace or an array's join (`_desugared`); None: not a + of
    parts."""
    expression = _desugared(expression.strip(), page_html).strip()
    while expression.startswith("(") and expression.endswith(")") and len(_split_plus(expression[1:-1])) > 1 \
            and _split_plus(expression) == [expression]:
        expression = expression[1:-1].strip()  # ('list_' + n + '.html'): the parentheses around a whole sum
    parts: list[tuple[bool, str]] = []
    for part in _split_plus(expression):
        part = part.strip()
        quoted = re.fullmatch(r"""(["'])(.*)\1""", part)
        template = re.fullmatch(r"`([^`]*)`", part)
        if quoted:
            parts.append((True, quoted[2]))
        elif template:
            for i, piece in enumerate(re.split(r"\$\{([^}]*)\}", template[1])):
                if i % 2 or piece:
                    parts.append((not i % 2, piece))
        elif re.fullmatch(r"[\w$.()\s+\-]+", part):
            parts.append((False, part))
        else:
            return None
    return parts or None


def _split_plus(expression: str) -> list[str]:
    """Split on the + signs outside quotes, parentheses and brackets."""
    return _split_top(expression, "+")


BOUND_CLICK = "(a click handler bound by script)"


def defines(scripts: str, name: str) -> bool:
    """Whether `scripts` write the function `name` (a declaration or a function expression assigned to it)."""
    return _function(scripts, name) is not None


def script_calls(page: Any, detail_selector: str, next_page: str) -> set[str]:
    """The functions a list page's rows (`detail_selector`: those with no link of their own) and its 下一页 (the
    `next_page` element, else a link whose text or title is 下一页; empty selector and no such link: none) call whose
    body the page's own scripts do not hold: they are in a .js file the page loads (`showDetail('123')`, `goPage(2)`)."""
    if getattr(getattr(page, "selector", page), "type", "html") not in ("html", "xml"):
        return set()  # a JSON answer (a list API read by a subclass): no page, no script
    elements = [e for e in (page.css(detail_selector) if detail_selector else []) if link_target(e) is None]
    pager = page.css(next_page)[:1] if next_page else [
        a for a in page.css("a, button, input[type=button]")
        if any(_is_next(said) for said in _says(a))]
    elements += [e for e in pager if link_target(e) is None]
    names = set()
    for element in elements:
        script = html.unescape((element.attrib.get("href") or "") + ";" + (element.attrib.get("onclick") or ""))
        if "__doPostBack" in script:
            continue
        called = {call[1] for call in _CALL.finditer(script) if call[1] not in _NOT_CALLS}
        names |= called or ({BOUND_CLICK} if element.attrib else set())  # nothing it calls: its handler is bound by script
    if not names:
        return names
    inline = page_scripts(page)
    return {name for name in names if not (defines(inline, name) or (name == BOUND_CLICK and _BOUND_CLICK.search(inline)))}
