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
    total = "data.total"             # the count of all rows, if the API gives it (else: until a page comes back empty)

A list page of a JSON list is one API answer; max_list_pages counts them.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any, Literal
from urllib.parse import urljoin

from pydantic import BaseModel, ConfigDict, Field, field_validator

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
    link: str = Field(description="the row's field holding its page's URL, or a template of fields: '/art/{id}.html'")
    date: str = Field("", description="the row's date field")
    total: str = Field("", description="dotted path to the count of all rows")

    @field_validator("url", "link")
    @classmethod
    def _not_empty(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must not be empty")
        return value.strip()


@dataclass(frozen=True)
class ApiRequest:
    """One page of a JSON list, as the crawler sends it."""

    url: str
    page: int
    method: str
    body: bytes | None
    content_type: str


def api_request(spec: JsonList, base_url: str, page: int) -> ApiRequest:
    """The request for list page `page` (first_page, first_page + 1 …)."""
    fill = {"page": page, "size": spec.page_size}
    url = urljoin(base_url + "/", _filled(spec.url, fill).lstrip("/")) if base_url and not spec.url.startswith("http") else _filled(spec.url, fill)
    if spec.method == "GET":
        return ApiRequest(url, page, "GET", None, "")
    values = {key: _filled(value, fill) if isinstance(value, str) else value for key, value in spec.body.items()}
    # A text that is only {page} or {size} is sent as a number in JSON, as the site's script sends it.
    values = {key: int(value) if isinstance(value, str) and spec.body[key] in ("{page}", "{size}") else value
              for key, value in values.items()}
    if spec.body_format == "json":
        return ApiRequest(url, page, "POST", json.dumps(values, ensure_ascii=False).encode("utf-8"), "application/json; charset=utf-8")
    from urllib.parse import urlencode

    return ApiRequest(url, page, "POST", urlencode({k: str(v) for k, v in values.items()}).encode("ascii"),
                      "application/x-www-form-urlencoded")


def _filled(template: str, values: dict[str, Any]) -> str:
    return _FIELD.sub(lambda m: str(values.get(m[1], m[0])), template)


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


def more_pages(spec: JsonList, page: int, rows: int, answer: Any) -> bool:
    """Whether a page after `page` holds rows: not when this one held none or fewer than a page, nor past the total."""
    if rows == 0:
        return False
    total = _at(answer, spec.total) if spec.total else None
    if isinstance(total, str) and total.isdigit():
        total = int(total)
    if isinstance(total, int) and not isinstance(total, bool):
        return (page - spec.first_page + 1) * spec.page_size < total
    return rows >= spec.page_size
