"""Newspaper notice columns (厦门日报 便民公告 and the like) to one Record per notice.

Pipeline: decode (text or HTML) -> lines -> `split.split_column` -> `classify.classify` ->
`extract.extract_fields` (a model from `fields.py`, dumped into Record.notice).
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from pydantic import ValidationError

from gongkai.dates import CHINA_STANDARD_TIME, find_dates
from gongkai.notice_identity import ColumnIdentity
from gongkai.parsers.build import given_by_sidecar, normalise_issuer, safe_date
from gongkai.parsers.capture import Capture, EmptyDocument, FileTooLarge, ParseError
from gongkai.parsers.encoding import declared_charset, decode_bytes
from gongkai.parsers.htmltext import element_lines, is_boilerplate, parse_html, strip_noise
from gongkai.parsers.notices.classify import classify
from gongkai.parsers.notices.extract import extract_fields
from gongkai.parsers.notices.fields import NOTICE_MODELS
from gongkai.parsers.notices.split import NoticeBlock, split_column
from gongkai.parsers.registry import notice_column_formats
from gongkai.parsers.textmeta import first_date_line, issuer_from_title, signature
from gongkai.record import Record, canonical_url, describe_validation_error
from gongkai.settings import ParserSettings
from gongkai.textnorm import fold

__all__ = ["NOTICE_MODELS", "column_lines", "parse_notice_column"]

_URL_DATE = re.compile(r"(?P<y>(?:19|20)\d{2})[-/_]?(?P<m>[01]\d)(?:[-/_]?(?P<d>[0-3]\d))?(?!\d)")


def column_lines(capture: Capture) -> list[str]:
    """The column's text lines; HTML pages lose scripts, navigation and footers first."""
    return _column_and_page_lines(capture)[0]


#: A character an OCR may space apart from the next: a Han character, a Chinese punctuation mark, and (outages16) a digit or
#: the marks between a time's or a date's digits (2 0 3 9 年 6 月 1 6 日, 8 : 0 0 - 1 7 : 0 0: the notice's day was not read).
_SPACED_RUN_CLASS = "[\u4e00-\u9fff\u3000-\u303f\uff01-\uff0f\uff1a-\uff1f0-9\uff10-\uff19:.\\-~]"
_SPACED_CLASS = "[\u4e00-\u9fff\u3000-\u303f\uff01-\uff0f\uff1a-\uff1f]"  # a lone character's space beside a run: Han, punctuation
#: Characters a scan's OCR spaced apart one by one (厦 门 水 务 集 团 停 水 通 知, 定 于 …（星 期 二）…停 止 供 水 ：): three or more
#: such characters each alone between single spaces. Words spaced apart (思明区 湖滨南路) are not.
_SPACED_CHARACTERS = re.compile(rf"(?<![^\s]){_SPACED_RUN_CLASS}(?: {_SPACED_RUN_CLASS}){{2,}}(?![^\s])")


def spaced_characters_joined(line: str) -> str:
    """A line with the characters an OCR spaced apart joined again: the notice's type and its outage words are read in
    them (outages15: 停 止 供 水 left a water notice no place, and a spaced title and body left it no outage notice)."""
    if " " not in line:
        return line
    joined = _SPACED_CHARACTERS.sub(lambda m: m.group(0).replace(" ", ""), line)
    # a run ending or opening at a character glued to digits (定 于 2O39年…（星 期 二）8:3O-l7:0O 对 以 下): the space beside it too,
    # where a character on one side of it stands alone; words spaced apart on the line stay apart (停 水 区 域 ： 湖滨南路
    # 莲前西路: review21, the places were joined into one)
    if joined == line:
        return line
    # and a date's numbers spaced from their counters (2039 年 6 月 16 日: the run 年 6 月 is joined, 2039 and 16 are not)
    return _DATE_PART_SPACE.sub("", _LONE_CHARACTER_SPACE.sub("", joined))


#: a space between a number and the counter of a date or a time after it, or a counter of the date and the number after it
_DATE_PART_SPACE = re.compile(r"(?<=[0-9０-９]) (?=[年月日号时点])|(?<=[年月]) (?=[0-9０-９])")


#: a space between two such characters, one of which has no such character on its other side
_LONE_CHARACTER_SPACE = re.compile(
    rf"(?:(?<!{_SPACED_CLASS}{_SPACED_CLASS})(?<={_SPACED_CLASS}) (?={_SPACED_CLASS})|(?<={_SPACED_CLASS}) (?={_SPACED_CLASS}(?!{_SPACED_CLASS})))"
)


def _column_and_page_lines(capture: Capture) -> tuple[list[str], list[str]]:
    """The column's text lines, and the page's lines around it: an HTML page's header too (a saved e-paper prints
    its edition line, 厦门晚报 2025年11月3日 第A12版, in a bar its markup names as chrome); the column's lines else."""
    from gongkai.parsers import detect_type, extract

    kind = detect_type(capture)
    if kind in notice_column_formats():
        # An e-paper page saved as PDF or a column typed into Word: its extracted text, line by line.
        lines = [line.strip() for line in extract(capture).body.splitlines() if line.strip()]
        return lines, lines
    if kind == "html":
        text, _ = decode_bytes(capture.data, declared_charset(capture.data, capture.content_type))
        root = parse_html(text)
        strip_noise(root)
        body = root.find("body")
        page = element_lines(body if body is not None else root)
        for element in list(root.iter()):
            if isinstance(element.tag, str) and element.getparent() is not None and is_boilerplate(element):
                element.drop_tree()
        body = root.find("body")
        return element_lines(body if body is not None else root), page
    text, _ = decode_bytes(capture.data)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines, lines


def url_date(url: str) -> tuple[date | None, bool]:
    """A date in a page URL (/2010-12/03/, t20200131_...): (date, has_day); a bare month or year gives day 1."""
    best: tuple[date | None, bool] = (None, False)
    for match in _URL_DATE.finditer(url or ""):
        try:
            found = date(int(match["y"]), int(match["m"]), int(match["d"] or 1))
        except ValueError:
            continue
        if match["d"]:
            return found, True
        best = best if best[0] else (found, False)
    if best[0] is None:
        year = re.search(r"/((?:19|20)\d{2})/", url or "")
        if year:
            best = (date(int(year.group(1)), 1, 1), False)
    return best


def stated_issue_date(capture: Capture) -> date | None:
    """The issue date as the capture states it: the sidecar's publish_date, else a full date in the URL."""
    known = safe_date(capture.sidecar.get("publish_date"))
    if known:
        return known
    found, has_day = url_date(capture.url)
    return found if found and has_day else None


#: A newspaper's edition line over its column (厦门日报 2025年9月12日 B3版 便民公告, 第A07版): the paper or the page.
_EDITION_WORD = re.compile(r"[日晚早商时]报|第?\s*[A-Za-z]?\d{1,2}\s*版|版面")
#: a news site's stamp of its page, a day with its time of day (2025-06-11 20:45 厦门日报): below a breadcrumb, an image's
#: caption and a headline, so past the column's first three lines (review18: the notices of such a page were dated the
#: day they were ingested); a notice's own line never opens with a day and a clock time
_PAGE_STAMP = re.compile(r"\d{4}-\d{1,2}-\d{1,2}\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s|$)")
_STAMP_LINES = 8


def printed_issue_date(capture: Capture, lines: list[str], page: list[str] | None = None) -> date | None:
    """The issue date a column with no stated one prints (review s17: the 遗失声明 of a saved 厦门日报 column were
    dated the day it was ingested): the edition line over its first notice (one full date beside the paper's name or
    the page, no sentence: in the column's first three lines, or on the page above the column), else a full date in
    the name of the file it came as (厦门日报-2025-09-12-B3.txt) when it has no URL."""
    above = page[: page.index(lines[0])] if page and lines and lines[0] in page else []
    stamped = [line for line in lines[3:_STAMP_LINES] if _PAGE_STAMP.match(fold(line).strip())]
    for line in lines[:3] + stamped + above[-40:]:
        text = fold(line)
        if len(text) <= 40 and "。" not in text and _EDITION_WORD.search(text):
            printed = find_dates(text)
            if len(printed) == 1:
                return printed[0]
    if capture.url or not capture.filename:
        return None
    named, has_day = url_date(capture.filename)
    return named if named and has_day else None


def issue_date(capture: Capture) -> date | None:
    """The issue date when it is known exactly: the sidecar's publish_date, a full date in the URL, the fetch day."""
    return stated_issue_date(capture) or (fetch_day(capture.fetched_at) if capture.fetched_at else None)


def fetch_day(fetched_at: datetime) -> date:
    """The Beijing day of a fetch: the day a Xiamen column's 1日 or 今天 means. The UTC day is a day behind from
    16:00 UTC, so a column dropped at 01:00 on 6月1日 was dated 5月31日 and its 1日停电 put on 5月1日.
    A time without a zone is UTC (what every source stamps)."""
    aware = fetched_at if fetched_at.tzinfo else fetched_at.replace(tzinfo=UTC)
    return aware.astimezone(CHINA_STANDARD_TIME).date()


def _title(block: NoticeBlock, fields: dict) -> str:
    if block.title:
        return block.title
    if block.one_liner:
        holder = fields.get("holder") or ""
        return f"{holder}遗失声明" if holder else "遗失声明"
    first = block.lines[0] if block.lines else "公告"
    return first[:40]


def title_issuer(title: str) -> str:
    """The body a title names before 关于 (厦门市公安局交警支队关于…的通告), as printed: read on folded text, so a
    Traditional title (廈門市公安局交通管理支隊關于…) names its body too (fold keeps the length)."""
    named = issuer_from_title(fold(title))
    return title[:len(named)] if named else ""


def column_identity(capture: Capture) -> ColumnIdentity:
    """Ids for the notices of this column (gongkai.notice_identity: the same notice keeps its id when re-fetched or corrected)."""
    where = canonical_url(capture.url) if capture.url else (capture.filename or capture.source)
    return ColumnIdentity(where=where, issued=stated_issue_date(capture))


def parse_notice_column(capture: Capture, settings: ParserSettings) -> list[Record]:
    """Every notice of the column; the first bad notice fails the whole column (see parse_notice_blocks)."""
    results = parse_notice_blocks(capture, settings)
    for result in results:
        if isinstance(result, ParseError):
            raise result
    return results  # type: ignore[return-value]


def parse_notice_blocks(capture: Capture, settings: ParserSettings) -> list[Record | ParseError]:
    """One result per notice of the column: a Record, or the ParseError of that notice alone, so that one
    odd notice (or a field-extraction bug it triggers) does not cost the good notices beside it."""
    if len(capture.data) > settings.max_file_bytes:
        raise FileTooLarge(f"{capture.describe()} is {len(capture.data)} bytes, over settings.parsers.max_file_bytes")
    lines, page = _column_and_page_lines(capture)
    lines = [spaced_characters_joined(line) for line in lines]  # an OCR'd scan's 停 止 供 水 (outages15)
    blocks = split_column(lines)
    if not blocks:
        raise EmptyDocument(f"no notices found in {capture.describe()}")
    printed = None if stated_issue_date(capture) else printed_issue_date(capture, lines, page)
    issued = printed or issue_date(capture)
    # Windows print only a day or a month: any hint of the year and month helps, even a partial URL date.
    hint = issued or url_date(capture.url)[0]
    records: list[Record | ParseError] = []
    identity = column_identity(capture)
    for index, block in enumerate(blocks):
        try:
            records.append(_block_record(capture, settings, index, block, issued, hint, identity, printed))
        except ParseError as exc:
            records.append(exc)
        except Exception as exc:  # noqa: BLE001 - a bug on one notice must not lose the rest of the column
            records.append(ParseError(f"notice {index + 1} of {capture.describe()}: parser failed: {type(exc).__name__}: {exc}"))
    return records


def _block_record(capture: Capture, settings: ParserSettings, index: int, block: NoticeBlock, issued: date | None,
                  hint: date | None, identity: ColumnIdentity, printed: date | None = None) -> Record:
    """The Record of one notice block of the column."""
    text = block.text
    lines = text.splitlines()
    signed_by, signed = signature(lines)
    # Unsigned traffic 通告 name their body in the title only; a signature still wins (it is who signed).
    issuer = signed_by or title_issuer(block.title)
    if signed is None and block.one_liner and len(lines) > 1:
        signed = first_date_line(lines[1:])  # a person signs a 遗失声明 (张三 / 2026年12月1日): no body for signature()
    notice_type = classify(block.title, "\n".join(block.lines))
    # Claim periods run from publication (见报之日起); windows are read near the signature date.
    reference = (issued or signed) if notice_type == "business_tax" else (signed or hint)
    model = extract_fields(notice_type, block.title, text, reference, issuer)
    notice = model.model_dump(mode="json")
    # In a newspaper every notice of the page is published with the issue; the signature is when it was written.
    # The fetch day is only a guess at the issue: a column dropped or ingested later (an archive) was not published
    # that day, and the outage lookup reads notices published before the day asked about.
    stated = stated_issue_date(capture) or printed  # a printed edition date is the issue as a stated one is
    publish = stated or signed or issued
    title = _title(block, notice)
    signer = normalise_issuer(signed_by or notice.get("holder", "") or notice.get("company", "") or issuer,
                              settings.issuer_aliases)
    data = {
        "id": identity.notice_id(title, signer, signed),
        "kind": "notice",
        "notice_type": notice_type,
        "notice": notice,
        "title": title,
        "body": text,
        "issuer": signer,
        "written_date": signed,
        "publish_date": publish,
        "url": capture.url,
        "source": capture.source,
    }
    for key, value in capture.sidecar.items():
        if key in ("publish_date", "source", "url", "topic", "keywords") and value:
            data[key] = value
    try:
        return Record(**data)
    except ValidationError as exc:
        raise ParseError(f"notice {index + 1} of {capture.describe()} is invalid: {describe_validation_error(exc)}"
                         f"{given_by_sidecar(exc, capture)}") from None
