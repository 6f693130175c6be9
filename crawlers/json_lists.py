"""List pages that are a JSON API, declared in a site definition (`[json_list]`), no code: newer 政务公开 platforms
fill their list page by JavaScript from an API (`/api/xxgk/list?pageNo=2&pageSize=20`, or a POST of
`{"pageNo": 2, "channelId": "…"}`) answering rows such as `{"data": {"list": [{"title": …, "url": …,
"publishTime": 1715040000000}], "total": 1234}}`. The definition says where the rows are, which field (or template of
fields) is the page's URL, which the date, and how pages go on; the detail pages are ordinary disclosure pages.

    [json_list]
    url = "/api/xxgk/list?pageNo={page}&pageSize={size}"   # {page}, {size}: in the URL or in the body
    method = "GET"                   # or "POST"
    body = {}                        # POST parameters, e.g. {pageNo = "{page}", channelId = "1234"}
    body_format = "form"             # or "json"
    first_page = 1
    page_size = 20
    rows = "data.list"               # dotted path to the rows ("" : the answer is the array)
    link = "url"                     # the row's field holding the page's URL, or a template: "/art/{id}.html"
    date = "publishTime"             # the row's date field (text, or a Unix time in seconds or milliseconds)
    total = "data.total"             # the count of all rows, if the API gives it
    more = "data.hasMore"            # or a flag saying whether pages follow ("!data.lastPage": one saying this is the last)

Without a total or a flag, a page shorter than the page size asked ({size}) or declared (page_size) is the last; with
neither (rows as HTML: the API decides), the last page is the first that holds no row (max_list_pages bounds it).

Two other shapes are declared the same way:

- Rows as HTML inside the JSON (a "load more" endpoint answering `{"data": {"html": "<li><a href=…>…</a> 2024-05-06</li>…"}}`):
  `html = "data.html"` in place of `link`; the fragment's links are found by the definition's `detail_links` selector, and
  their dates in their rows, as on an HTML list page.
- Pages chained by a cursor or token (`{"data": {"list": […], "nextCursor": "c2"}}`, or the last row's id): `next =
  "data.nextCursor"` names where the answer gives it, and `{cursor}` in the url or the body is filled with it (the first
  page with `first_cursor`, default empty). Pages go on while an answer holds rows and gives a cursor not seen before.
  With no `{cursor}` anywhere, `next` names the next page's URL itself (`{"next": "/api/list?page=2"}`, `links.next`):
  asked as the first page was (its method and body), until an answer gives none or the page itself.

A list page of a JSON list is one API answer; max_list_pages counts them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any, Literal
from urllib.parse import urljoin

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from gongkai.dates import parse_date

_FIELD = re.compile(r"\{([^{}]+)\}")
_BEIJING = timedelta(hours=8)


class JsonList(BaseModel):
    """See the module."""

    model_config = ConfigDict(extra="forbid")

    url: str = Field(description="the API's URL (relative to base_url), {page} and {size} filled in")
    method: Literal["GET", "POST"] = "GET"
    body: dict[str, str | int | float | bool] = Field(default_factory=dict, description="POST parameters; a text may hold {page}, {size}")
    body_format: Literal["form", "json"] = "form"
    first_page: int = Field(1, ge=0)
    page_size: int = Field(20, ge=1, le=1000)
    rows: str = Field("", description="dotted path to the rows in the answer; empty: the answer is the array")
    link: str = Field("", description="the row's field holding its page's URL, or a template of fields: '/art/{id}.html'")
    html: str = Field("", description="dotted path to an HTML fragment holding the rows (in place of rows and link)")
    date: str = Field("", description="the row's date field")
    total: str = Field("", description="dotted path to the count of all rows")
    more: str = Field("", description="dotted path to a flag saying whether pages follow ('!path': one saying it is the last)")
    next: str = Field("", description="dotted path to the next page's cursor or token ({cursor} in url or body takes it), or its URL")
    first_cursor: str = Field("", description="the cursor the first page is asked with")

    @field_validator("url")
    @classmethod
    def _not_empty(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must not be empty")
        return value.strip()

    @property
    def templates(self) -> str:
        """The request's templates (the url and the body's values) as one text: where {size} or {cursor} may be."""
        return self.url + "".join(str(value) for value in self.body.values())

    @model_validator(mode="after")
    def _rows_are_found(self) -> JsonList:
        self.link, self.html = self.link.strip(), self.html.strip()
        if not self.link and not self.html:
            raise ValueError("json_list.link must not be empty: give the row's field (or template) holding its URL, or html")
        if self.link and self.html:
            raise ValueError("give json_list.link (rows of JSON) or json_list.html (rows as HTML), not both")
        return self

    @property
    def next_is_url(self) -> bool:
        """`next` names the next page's URL itself (`{"next": "/api/list?page=2"}`, `links.next`), not a cursor: no
        {cursor} in the url or the body takes it."""
        return bool(self.next) and "{cursor}" not in self.templates


@dataclass(frozen=True)
class ApiRequest:
    """One page of a JSON list, as the crawler sends it."""

    url: str
    page: int
    method: str
    body: bytes | None
    content_type: str
    cursor: str = ""


def api_request(spec: JsonList, base_url: str, page: int, cursor: str | None = None) -> ApiRequest:
    """The request for list page `page` (first_page, first_page + 1 …); `cursor` fills {cursor} (default: first_cursor)."""
    cursor = spec.first_cursor if cursor is None else cursor
    fill: dict[str, Any] = {"page": page, "size": spec.page_size, "cursor": cursor}
    url = urljoin(base_url + "/", _filled(spec.url, fill).lstrip("/")) if base_url and not spec.url.startswith("http") else _filled(spec.url, fill)
    if spec.method == "GET":
        return ApiRequest(url, page, "GET", None, "", cursor)
    values = {key: _filled(value, fill) if isinstance(value, str) else value for key, value in spec.body.items()}
    # A text that is only {page} or {size} is sent as a number in JSON, as the site's script sends it.
    values = {key: int(value) if isinstance(value, str) and spec.body[key] in ("{page}", "{size}") else value
              for key, value in values.items()}
    if spec.body_format == "json":
        return ApiRequest(url, page, "POST", json.dumps(values, ensure_ascii=False).encode("utf-8"), "application/json; charset=utf-8",
                          cursor)
    from urllib.parse import urlencode

    return ApiRequest(url, page, "POST", urlencode({k: str(v) for k, v in values.items()}).encode("ascii"),
                      "application/x-www-form-urlencoded", cursor)


def _filled(template: str, values: dict[str, Any]) -> str:
    from urllib.parse import quote

    # a cursor goes into a URL's query as a value (a token may hold '=' or '/'); elsewhere (a body's value) as it is
    in_url = template.startswith(("/", "http")) or "?" in template
    return _FIELD.sub(lambda m: quote(str(values[m[1]]), safe="") if m[1] == "cursor" and in_url
                      else str(values.get(m[1], m[0])), template)


def answer_of(body: bytes) -> Any:
    """The API's answer, or None when it is no JSON (an error page in place of the answer)."""
    try:
        return json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return None


def _at(data: Any, path: str) -> Any:
    for key in [part for part in path.split(".") if part]:
        if isinstance(data, dict):
            data = data.get(key)
        elif isinstance(data, list) and key.isdigit() and int(key) < len(data):
            data = data[int(key)]
        else:
            return None
    return data


def rows_of(spec: JsonList, answer: Any) -> list[dict[str, Any]]:
    found = _at(answer, spec.rows)
    return [row for row in found if isinstance(row, dict)] if isinstance(found, list) else []


def row_link(spec: JsonList, row: dict[str, Any]) -> str | None:
    """The row's page URL as printed (relative or absolute), None when the row lacks a field it needs."""
    if "{" not in spec.link:
        value = _at(row, spec.link)
        return str(value).strip() or None if isinstance(value, str | int) else None
    missing = False

    def field(match: re.Match[str]) -> str:
        nonlocal missing
        value = _at(row, match[1])
        if value is None or value == "":
            missing = True
            return ""
        return str(value)

    link = _FIELD.sub(field, spec.link)
    return None if missing else link


def row_date(spec: JsonList, row: dict[str, Any]) -> date | None:
    """The row's date: text in any form gongkai.dates reads, or a Unix time (seconds or milliseconds, Beijing's day)."""
    if not spec.date:
        return None
    value = _at(row, spec.date)
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        seconds = value / 1000 if value > 10**11 else value
        try:
            return (datetime.fromtimestamp(seconds, UTC) + _BEIJING).date()
        except (OverflowError, OSError, ValueError):
            return None
    try:
        return parse_date(str(value))
    except ValueError:
        return None


#: (link as printed, its row's date) of each row of an HTML fragment, by the site's list selectors (the spider's reading)
HtmlLinks = Callable[[str], list[tuple[str, date | None]]]


def answer_links(spec: JsonList, answer: Any, html_links: HtmlLinks) -> tuple[int, list[tuple[str, date | None]]]:
    """(rows in the answer, (link as printed, date) of each row that gives one): JSON rows by `link`, or the rows of the
    HTML fragment at `html` by `html_links` (the definition's selectors: the spider and `gongkai sources check` alike)."""
    if spec.html:
        fragment = _at(answer, spec.html)
        found = html_links(fragment) if isinstance(fragment, str) and fragment.strip() else []
        return len(found), found
    rows = rows_of(spec, answer)
    return len(rows), [(link, row_date(spec, row)) for row in rows if (link := row_link(spec, row))]


def next_request(spec: JsonList, base_url: str, asked: ApiRequest, rows: int, answer: Any) -> ApiRequest | None:
    """The request for the page after `asked`, or None: by page number (more_pages), or by the cursor the answer gives."""
    if spec.next:
        cursor = _at(answer, spec.next)
        if rows == 0 or isinstance(cursor, bool) or not isinstance(cursor, str | int) or str(cursor).strip() in ("", asked.cursor):
            return None  # no rows, no cursor, or the same one again (an API that repeats its last page)
        if spec.next_is_url:  # the answer names the next page: asked as this one was, at that URL
            url = urljoin(asked.url, str(cursor).strip())
            return None if url in (asked.url, asked.cursor) else ApiRequest(url, asked.page + 1, asked.method, asked.body, asked.content_type, url)
        return api_request(spec, base_url, asked.page + 1, str(cursor))
    if not more_pages(spec, asked.page, rows, answer):
        return None
    return api_request(spec, base_url, asked.page + 1)


def more_pages(spec: JsonList, page: int, rows: int, answer: Any) -> bool:
    """Whether a page after `page` holds rows: not when this one held none or fewer than a page, nor past the total."""
    if rows == 0:
        return False
    if spec.more:
        flag = _at(answer, spec.more.lstrip("!"))
        if isinstance(flag, str):
            flag = flag.strip().lower() not in ("", "0", "false", "no", "n")
        if isinstance(flag, bool | int):
            return bool(flag) != spec.more.startswith("!")
    total = _at(answer, spec.total) if spec.total else None
    if isinstance(total, str) and total.isdigit():
        total = int(total)
    if isinstance(total, int) and not isinstance(total, bool):
        return (page - spec.first_page + 1) * spec.page_size < total
    # a page shorter than a declared size is the last; with no size declared (rows as HTML: the API decides), an empty one
    asked = "page_size" in spec.model_fields_set or "{size}" in spec.templates
    return rows >= spec.page_size if asked else True
