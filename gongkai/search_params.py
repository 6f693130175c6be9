"""The search parameters of the API, the page, the Atom search feeds and saved-search alerts, in one place.

Each turns its query string into a `SearchParams`, checks it against the limits in `settings.search`,
and hands `to_request()` to `engine.search` — the one implementation of the search semantics. This
module only validates and translates; it never searches. In the core (issue 17, was web/params.py), so
the feeds and alerts use it without importing the web app.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, Literal
from urllib.parse import urlencode

from gongkai.dates import parse_date
from gongkai.record import KINDS, NOTICE_TYPES
from gongkai.settings import SearchSettings

Sort = Literal["relevance", "date"]
SORTS: tuple[str, ...] = ("relevance", "date")

#: Query-string names of the filters, in the order they appear in a URL.
FILTER_NAMES: tuple[str, ...] = ("kind", "issuer", "notice_type", "topic", "year", "date_from", "date_to", "validity")

# Characters that never belong in a query: C0/C1 controls except tab/newline (replaced by a space).
_CONTROL = {c: " " for c in [*range(0x00, 0x20), *range(0x7F, 0xA0)]}


class ParameterError(ValueError):
    """A search parameter is invalid; `name` is the parameter, the message says why (in Chinese and English)."""

    def __init__(self, name: str, message: str):
        super().__init__(f"{name}: {message}")
        self.name = name
        self.message = message


@dataclass(frozen=True)
class SearchParams:
    q: str = ""
    kind: str | None = None
    issuer: str | None = None
    notice_type: str | None = None
    topic: str | None = None
    year: int | None = None
    date_from: date | None = None
    date_to: date | None = None
    validity: str | None = None  # issue 19: a status code (in_force, repealed, …)
    sort: str = "relevance"
    page: int = 1
    page_size: int = 10
    facets: bool = True
    explain: bool = False  # each hit carries its ranking factors
    # Parameters the caller gave that were dropped as invalid (the page shows them; the API rejects instead).
    problems: tuple[str, ...] = field(default=(), compare=False)
    # The configured default page size: a URL names page_size only when it differs.
    default_page_size: int = field(default=10, compare=False)

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size

    @property
    def has_filters(self) -> bool:
        return any(getattr(self, name) not in (None, "") for name in FILTER_NAMES)

    def to_request(self) -> Any:
        # Imported here so that the web package can be imported (and its pure parts tested) on its own.
        from gongkai.search_types import SearchRequest

        return SearchRequest(
            q=self.q,
            kind=self.kind,
            issuer=self.issuer,
            notice_type=self.notice_type,
            topic=self.topic,
            year=self.year,
            date_from=self.date_from,
            date_to=self.date_to,
            validity=self.validity,
            sort=self.sort,
            limit=self.page_size,
            offset=self.offset,
            facets=self.facets,
            explain=self.explain,
        )

    def query_items(self, **changes: Any) -> list[tuple[str, str]]:
        """The parameters as URL items, defaults left out, so that shared links stay short."""
        params = replace(self, **changes) if changes else self
        items: list[tuple[str, str]] = []
        if params.q:
            items.append(("q", params.q))
        for name in FILTER_NAMES:
            value = getattr(params, name)
            if value not in (None, ""):
                items.append((name, value.isoformat() if isinstance(value, date) else str(value)))
        if params.sort != "relevance":
            items.append(("sort", params.sort))
        if params.page_size != params.default_page_size:
            items.append(("page_size", str(params.page_size)))
        if params.page != 1:
            items.append(("page", str(params.page)))
        return items

    def url(self, path: str = "/search", /, **changes: Any) -> str:  # path positional: a change is never it
        query = urlencode(self.query_items(**changes))
        return f"{path}?{query}" if query else path

    def last_page(self, total: int, limits: SearchSettings) -> int:
        """The last page a visitor may open: bounded by the result count and by deep-paging limits."""
        by_total = max(1, math.ceil(total / self.page_size))
        by_offset = limits.max_offset // self.page_size + 1
        return min(by_total, by_offset)


def clean_query(text: str) -> str:
    """Control characters out, surrounding blanks trimmed: what is left is given to the engine as typed."""
    return text.translate(_CONTROL).strip()


def nothing_searchable_note(text: str) -> str:
    """What the shells say of a query holding nothing to search (SearchResponse.nothing_searchable), Chinese first."""
    return (f"“{text}”没有可检索的文字（只有标点、符号或无法检索的字符），未列出任何记录；请输入词语、文号或日期 / the query holds "
            "nothing to search for (punctuation or symbols only): no record is listed; type a word, a 文号 or a date")


def validity_status(value: str) -> str | None:
    """The status code a validity filter value names (in_force, 现行有效, 已废止 …), or None: the index's alias
    table, read here so that the shells never import the index for it (issue 17)."""
    from gongkai.indexer.query import validity_value

    return validity_value(value)


def parse_day(name: str, value: str | None) -> date | None:
    """A date in any form Chinese pages write (2014-05-06, 2014年5月6日, 二〇一四年五月六日)."""
    if value is None or not value.strip():
        return None
    try:
        return parse_date(value)
    except ValueError:
        raise ParameterError(name, f"不是有效日期 / not a valid date: {value[:40]!r}") from None


def parse_lookup_day(name: str, value: str | None) -> date | None:
    """The outage lookup's day: a date in any form (parse_day), or a day as the search box reads it (明天, 周一,
    12/7, 5月21日: gongkai.outage_question.read_asked_day, from today in Beijing), so /outages?date=明天 answers
    what 湖滨南路明天停电吗 answers."""
    try:
        return parse_day(name, value)
    except ParameterError:
        from gongkai.dates import beijing_today
        from gongkai.outage_question import read_asked_day

        day = read_asked_day(value or "", beijing_today())
        if day is None:
            raise
        return day


def parse_lookup_days(name: str, value: str | None) -> tuple[date | None, date | None]:
    """The outage lookup's day or days: parse_lookup_day, and the ranges the search box reads (下周, 周末, 国庆, 本月,
    12月7日至9日, 2026-12-07至2026-12-13: gongkai.asked_days.read_asked_days): (first day, last day or None)."""
    try:
        return parse_lookup_day(name, value), None
    except ParameterError:
        from gongkai.asked_days import read_asked_days
        from gongkai.dates import beijing_today

        days = read_asked_days(value or "", beijing_today())
        if days is None:
            raise
        return days


#: The longest filter values taken, as /api/search declares them (its maxLength, which /feeds/search.atom borrows): an
#: issuer's or a topic's exact name, and a day or a validity word. The feed took up to 500 and any length (schemathesis).
NAME_MAX_CHARS = 200
WORD_MAX_CHARS = 40


class _Codes(dict[str, dict[str, str]]):
    """Option name -> {the page's Chinese word: the code}, made on first use (the notice types come from their registry).
    `gongkai search` shows facets as 便民公告 notice; the word was refused as --kind (newuser, session 12)."""

    def __missing__(self, name: str) -> dict[str, str]:
        from gongkai.labels import KIND_LABELS, NOTICE_TYPE_LABELS

        labels = {"kind": dict(KIND_LABELS), "notice_type": dict(NOTICE_TYPE_LABELS),
                  "sort": {"relevance": "相关度", "date": "发布日期"}}.get(name, {})
        codes = {label: code for code, label in labels.items()}
        if name == "sort":
            codes.update({"日期": "date", "时间": "date", "最新": "date", "相关": "relevance"})
        self[name] = codes
        return codes


_CODE_OF = _Codes()


def build_params(raw: dict[str, str | None], limits: SearchSettings, *, strict: bool) -> SearchParams:
    """Validate raw query-string values.

    strict=True (the API): the first bad value raises ParameterError.
    strict=False (the page): a bad filter is dropped and noted in `problems`, so a visitor with a
    mangled shared link still sees results; only an over-long query is refused even then.
    """
    problems: list[str] = []

    def fail(error: ParameterError) -> None:
        if strict:
            raise error
        problems.append(str(error))

    q = clean_query(raw.get("q") or "")
    if len(q) > limits.max_query_length:
        raise ParameterError("q", f"查询过长 / query longer than {limits.max_query_length} characters")

    values: dict[str, Any] = {"q": q}
    name_limit = min(NAME_MAX_CHARS, limits.max_query_length)
    for name in ("issuer", "topic"):
        text = clean_query(raw.get(name) or "")
        if len(text) > name_limit:
            fail(ParameterError(name, f"最多{name_limit}个字符 / too long (more than {name_limit} characters)"))
        elif text:
            values[name] = text
    for name in ("validity", "date_from", "from", "date_to", "to"):
        if len(raw.get(name) or "") > WORD_MAX_CHARS:
            fail(ParameterError(name, f"最多{WORD_MAX_CHARS}个字符 / too long (more than {WORD_MAX_CHARS} characters)"))
            raw = {**raw, name: None}

    for name, allowed in (("kind", KINDS), ("notice_type", NOTICE_TYPES), ("sort", SORTS)):
        text = (raw.get(name) or "").strip()
        text = _CODE_OF[name].get(text, text) if text else text  # the page's words: 便民公告, 遗失声明, 发布日期
        if text and text not in allowed:
            # the words the page shows first (review s17: `--kind 通知` was told `disclosure, notice` only)
            words = [next((word for word, code in _CODE_OF[name].items() if code == one), one) for one in allowed]
            fail(ParameterError(name, f"不是可选的值，应为{'、'.join(words)} / must be one of {', '.join(allowed)}"
                                      f" (or {', '.join(words)})"))
        elif text:
            values[name] = text

    validity_text = (raw.get("validity") or "").strip()
    if validity_text:
        # a status code or its Chinese name (现行有效, 已废止 …), as validity: in the query
        from gongkai.validity import STATUSES

        status = validity_status(validity_text)
        if status is None:
            fail(ParameterError("validity", f"应为现行有效、已修改、已废止、已失效、尚未施行或暂停执行 / must be one of {', '.join(STATUSES)} (or 现行有效, 已修改, 已废止, 已失效, 尚未施行, 暂停执行)"))
        else:
            values["validity"] = status

    # 2014年 and full-width ２０１４ as people type a year (they were refused as not a year)
    year_text = unicodedata.normalize("NFKC", raw.get("year") or "").strip().removesuffix("年").strip()
    if year_text:
        if len(year_text) == 4 and year_text.isascii() and year_text.isdigit() and 1900 <= int(year_text) <= 2100:
            values["year"] = int(year_text)
        else:
            fail(ParameterError("year", "年份应在1900至2100之间 / must be a year between 1900 and 2100"))

    for name, alias in (("date_from", "from"), ("date_to", "to")):
        try:
            # `from`/`to` are what `gongkai search --from/--to` calls them; date_from/date_to win if both are given.
            day = parse_day(name, raw.get(name) or raw.get(alias))
        except ParameterError as error:
            fail(error)
        else:
            if day:
                values[name] = day
    if values.get("date_from") and values.get("date_to") and values["date_from"] > values["date_to"]:
        fail(ParameterError("date_to", "结束日期早于开始日期 / date_to is before date_from"))
        values.pop("date_to", None)

    page_size = _int_param(raw, "page_size", limits.default_page_size, 1, limits.max_page_size, fail)
    page = _int_param(raw, "page", 1, 1, None, fail)
    if (page - 1) * page_size > limits.max_offset:
        fail(ParameterError("page", f"翻页过深 / results beyond {limits.max_offset} are not served; narrow the search"))
        page = limits.max_offset // page_size + 1
    values.update(page=page, page_size=page_size)

    facets_text = (raw.get("facets") or "").strip().lower()
    if facets_text in ("0", "false", "no", "off"):
        values["facets"] = False
    elif facets_text not in ("", "1", "true", "yes", "on"):
        fail(ParameterError("facets", "应为 true 或 false / must be true or false"))
    explain_text = (raw.get("explain") or "").strip().lower()
    if explain_text in ("1", "true", "yes", "on"):
        values["explain"] = True
    elif explain_text not in ("", "0", "false", "no", "off"):
        fail(ParameterError("explain", "应为 true 或 false / must be true or false"))

    return SearchParams(**values, problems=tuple(problems), default_page_size=limits.default_page_size)


def _int_param(raw: dict[str, str | None], name: str, default: int, low: int, high: int | None, fail: Any) -> int:
    text = (raw.get(name) or "").strip()
    if not text:
        return default
    digits = text[1:] if text.startswith("-") else text  # a negative number is out of bounds, not "no number"
    if not (digits.isascii() and digits.isdigit()) or len(digits) > 9:
        fail(ParameterError(name, "应为整数 / must be a whole number"))
        return default
    value = int(text)
    if value < low or (high is not None and value > high):
        bound = f"between {low} and {high}" if high is not None else f"at least {low}"
        zh = f"应在{low}至{high}之间" if high is not None else f"应不小于{low}"
        fail(ParameterError(name, f"{zh} / must be {bound}"))
        if value < 0:
            return default  # the page (lenient) reads a negative number as none, as before
        return min(max(value, low), high) if high is not None else max(value, low)
    return value
