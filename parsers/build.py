"""ExtractedDocument -> Record: fill gaps from the text, normalise, let the sidecar win, validate.

Precedence per field, strongest first: the capture's sidecar (feed item, NAME.json), the labelled
metadata block, the document's layout (header, signature), weaker title hints, the filename.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import date
from pathlib import PurePosixPath
from typing import Any

from pydantic import ValidationError

from gongkai.dates import find_dates, parse_date
from gongkai.identifiers import find_doc_numbers, normalize_doc_number
from gongkai.parsers.capture import Capture, EmptyDocument, ParseError
from gongkai.parsers.delivered_report import is_news_outlet
from gongkai.parsers.document import ExtractedDocument
from gongkai.parsers.issuers import (
    fuller_signed_body,
    issuer_from_doc_number,
    mend_scanned_province_number,
    publishing_part_of_signer,
)
from gongkai.parsers.textmeta import is_addressee_line, issuer_from_title, text_metadata
from gongkai.parsers.untitled import first_sentence
from gongkai.parsers.url_dates import cms_publish_date
from gongkai.record import OcrInfo, Record, describe_validation_error
from gongkai.settings import ParserSettings
from gongkai.textnorm import FULLWIDTH_ASCII, clean_inline, unify_ideographs

_PLACEHOLDERS = {"", "无", "暂无", "-", "--", "—", "——", "/", "null", "none", "空", "未知"}
_RECORD_FIELDS = set(Record.model_fields)


def _present(value: Any) -> bool:
    return value is not None and (not isinstance(value, str) or clean_inline(value).lower() not in _PLACEHOLDERS)


def safe_date(value: Any) -> date | None:
    """A date from a printed value ('2019年01月27日', '2007-08-20-23:59:59', '发布于 2020.1.3'), or None."""
    if isinstance(value, date):
        return value
    if not _present(value):
        return None
    try:
        return parse_date(str(value))
    except ValueError:
        found = find_dates(str(value))
        return found[0] if found else None


def normalise_issuer(value: str, aliases: dict[str, str]) -> str:
    """Spaces and full-width ASCII out, then the configured alias table (exact names only)."""
    text = clean_inline(value.replace("\u200b", "")).translate(FULLWIDTH_ASCII)
    # Two bodies printed side by side ("国务院  中央军委") are joined the way catalogues write them.
    text = re.sub(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])", "、", text)
    for key in (text, text.replace(" ", "")):
        if key in aliases:
            return aliases[key]
    return text


def doc_number_from_printed(value: str) -> str:
    """The canonical 文号 in a printed value; '' when the value cannot be one (no number at all)."""
    found = find_doc_numbers(value)
    if found:
        return found[0]
    text = normalize_doc_number(clean_inline(value))
    # 主席令第四十五号 has no digit but is a number; "详见正文" is not.
    return text if re.search(r"[0-9号]", text) else ""


def _title_from(capture: Capture, doc: ExtractedDocument, layout_title: str) -> str:
    hints = [hint for hint in doc.title_hints if _present(hint)]
    ordered = (hints + [layout_title]) if doc.format == "html" else ([layout_title] + hints)
    for candidate in ordered:
        if _present(candidate):
            return candidate
    stem = _DAY_IN_NAME.sub("", PurePosixPath(capture.filename or "").stem)
    if stem:
        return stem
    # no heading, no name: the first sentence, past a kicker and the addressee (fields14: 各区人民政府,…: titled web-gov-001)
    return first_sentence(doc.body, is_addressee_line)


#: a file named with its version's day, as law collections name theirs: 机动车登记规定(2021-12-17).md, …（2021年12月17日）.pdf
_DAY_IN_NAME = re.compile(r"[\s_]*[(（]\s*((?:19|20)\d{2})\s*[-.年]\s*(\d{1,2})\s*[-.月]\s*(\d{1,2})\s*日?\s*[)）]$")


def _day_in_name(filename: str) -> date | None:
    """The day a file's name gives it, or None: the day of a text that prints none (lead, session 19: a law collection's
    `机动车登记规定(2021-12-17).md` prints no history and was of no day)."""
    match = _DAY_IN_NAME.search(PurePosixPath(filename or "").stem)
    if match is None:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def _date_by_version_name(fields: dict[str, Any], named_day: date, history_day: Any) -> None:
    """A file named with its version's day dates a text printing none; and a law whose printed history ends before
    that day is the text of that later version (`自然灾害救助条例(2019-03-02).md` prints only its 2010 公布 line, yet its
    articles name the 应急管理部门 of the 2019 revision: collections print a version's history incompletely)."""
    if "written_date" not in fields:
        if "publish_date" not in fields:
            fields["written_date"] = named_day  # a printed publish day is the text's own: the name's day never precedes it
        return
    if not isinstance(history_day, date) or fields["written_date"] != history_day or named_day <= history_day:
        return  # a page's own labelled date is never moved by a file name
    fields["written_date"] = named_day
    if isinstance(fields.get("publish_date"), date) and fields["publish_date"] < named_day:
        fields["publish_date"] = named_day  # the later version was promulgated that day


def _unified(doc: ExtractedDocument) -> ExtractedDocument:
    """The document with radicals written as the ideographs they stand for (gongkai.textnorm.unify_ideographs): a PDF's
    font may map 门 to ⻔ and 日 to ⽇, and then no date, 文号 or issuer was read, and the stored text was not what people type."""
    fields = {name: unify_ideographs(value) if isinstance(value, str) else value for name, value in doc.fields.items()}
    return dataclasses.replace(doc, body=unify_ideographs(doc.body), fields=fields,
                               title_hints=[unify_ideographs(hint) for hint in doc.title_hints])


#: a topic's code as the catalogue standard numbers it (A0113, 0113 followed by a space), before the topic's name
_TOPIC_CODE = re.compile(r"^(?:[A-Za-z]\d{4,8}[\s\u3000]*|\d{4,8}[\s\u3000]+)(?=[\u4e00-\u9fff])(?![年月日号届])")


#: a 公告 or 令 numbered within its year, its card printing the number alone (文号：2023年第5号)
_BARE_YEAR_NUMBER = re.compile(r"(?:19|20)\d{2}年第\d{1,4}号")
_HEADED_NOTICE = re.compile(r"[\u4e00-\u9fff]{2,30}(?:公告|令)")


def _year_numbered(number: str, title: str, issuer: str) -> str:
    """2023年第5号 on the card of 新疆维吾尔自治区人民政府公告 → 新疆维吾尔自治区人民政府公告2023年第5号: the form a repeal or citation
    prints it in (（国家税务总局公告2019年第44号）, read so by parsers.validity since fields9), so the two meet; the number alone named
    any body's 公告 of that year (fields10). A title `<body>公告` (or 令) heads it; a `…关于…的公告` its issuer's 公告; else as printed."""
    title = "".join(title.split())
    if _HEADED_NOTICE.fullmatch(title) and "关于" not in title:
        return title + number
    if title.endswith("公告") and issuer:
        return f"{issuer}公告{number}"
    return number


def build_record(capture: Capture, doc: ExtractedDocument, settings: ParserSettings, **extra: Any) -> Record:
    """The Record for one extracted document; raises ParseError when it cannot be valid."""
    if doc.ocr is None and not doc.body.strip() and not _present(capture.sidecar.get("title")) and not any(
        _present(v) for v in doc.fields.values()
    ) and not any(_present(h) for h in doc.title_hints):
        raise EmptyDocument(f"{doc.format} has no text and no title: {capture.describe()}")
    doc = _unified(doc)
    layout = text_metadata(doc.body)
    fields: dict[str, Any] = {}
    for name in ("doc_number", "index_number", "issuer", "written_date", "publish_date", "topic", "keywords", "summary", "stated_validity"):
        value = doc.fields.get(name)
        if not _present(value):
            value = layout.get(name)
        if _present(value):
            fields[name] = value
    if (delivered_by := layout.get("delivered_by")) and is_news_outlet(str(fields.get("issuer", ""))):
        fields["issuer"] = delivered_by  # a page's 来源：云南日报 above a government's report: the paper carries it
    elif is_news_outlet(str(fields.get("issuer", ""))) and (own := str(layout.get("issuer") or "")) and not is_news_outlet(own):
        # 来源：廈門廣電 under a 交警支队's 通告 reposted (web-notice-008): the outlet carries what a body signs or titles (fields14)
        fields["issuer"] = own
    if named_day := _day_in_name(capture.filename):
        _date_by_version_name(fields, named_day, history_day=layout.get("history_day"))
    named, signed = str(fields.get("issuer", "")), str(layout.get("issuer") or "")
    if fuller := fuller_signed_body(named, signed) or publishing_part_of_signer(named, signed):
        fields["issuer"] = fuller  # 来源：市政府办公厅 above a document signed 厦门市人民政府办公厅; 来源：税政司 above 财政部's
    title = doc.fields.get("title") if _present(doc.fields.get("title")) else _title_from(capture, doc, str(layout.get("title", "")))
    if not _present(title) and doc.ocr is not None:
        title = f"扫描件（{capture.describe()}）"  # a scan without text or name: never a record without a title
    fields["title"] = title
    if "doc_number" in fields:
        fields["doc_number"] = doc_number_from_printed(str(fields["doc_number"]))
        if "issuer" not in fields and issuer_from_doc_number(fields["doc_number"]):
            fields["issuer"] = issuer_from_doc_number(fields["doc_number"])  # last resort: the 文号's owner
    if "issuer" not in fields and issuer_from_title(str(title or "")):
        # no body named anywhere else (a page's 来源：本站): the one its title opens with (厦门市财政局关于…的通知), as a bare
        # document's heading gives it
        fields["issuer"] = issuer_from_title(str(title))
    if "issuer" in fields:
        fields["issuer"] = normalise_issuer(str(fields["issuer"]), settings.issuer_aliases)
        if isinstance(doc.ocr, OcrInfo) and doc.ocr.pages and "doc_number" in fields:
            fields["doc_number"] = mend_scanned_province_number(str(fields["doc_number"]), str(fields["issuer"]))
    if "doc_number" in fields and _BARE_YEAR_NUMBER.fullmatch(str(fields["doc_number"])):
        fields["doc_number"] = _year_numbered(str(fields["doc_number"]), str(title or ""), str(fields.get("issuer", "")))
    for name in ("written_date", "publish_date"):
        if name in fields:
            parsed = safe_date(fields[name])
            if parsed is None:
                del fields[name]  # an unreadable date is dropped, never guessed
            else:
                fields[name] = parsed
    if "publish_date" not in fields and "publish_date" not in capture.sidecar:
        # No 发布日期 printed: the day the site's CMS wrote into the page's address (parsers/url_dates.py), unless it is
        # before the document was written (an address kept from an older article).
        day = cms_publish_date(capture.url)
        if day is not None and (not isinstance(fields.get("written_date"), date) or day >= fields["written_date"]):
            fields["publish_date"] = day
    for name in ("title", "topic", "summary"):
        if name in fields:
            fields[name] = clean_inline(str(fields[name])).translate(FULLWIDTH_ASCII) if name != "title" else clean_inline(str(fields[name]))
    if "topic" in fields:
        # 主题分类：A0113 国土资源、能源: the catalogue's code before its name is no part of the topic people filter by (fields9 left it)
        fields["topic"] = _TOPIC_CODE.sub("", str(fields["topic"])) or fields["topic"]
    if "stated_validity" in fields:  # a printed 有效性 cell: a word or two; a page's longer cell is cut, never refused
        fields["stated_validity"] = clean_inline(str(fields["stated_validity"]))[:200]
    record_data: dict[str, Any] = {
        **fields,
        "body": doc.body,
        "url": capture.url,
        "source": capture.source,
        "attachments": doc.attachments,
        "ocr": doc.ocr,
        **extra,
    }
    for key, value in capture.sidecar.items():
        if key in _RECORD_FIELDS and key not in ("content_hash",):
            record_data[key] = value
    if "issuer" in capture.sidecar and isinstance(record_data.get("issuer"), str):
        record_data["issuer"] = normalise_issuer(record_data["issuer"], settings.issuer_aliases)
    try:
        return Record(**record_data)
    except ValidationError as exc:
        raise ParseError(f"record from {capture.describe()} is invalid: {describe_validation_error(exc)}{given_by_sidecar(exc, capture)}") from None


def given_by_sidecar(error: ValidationError, capture: Capture) -> str:
    """' (publish_date given by the sidecar or push metadata, not the document)' when the bad fields came from
    there: the operator looked for a bad date in a document that prints none."""
    bad = {str(item["loc"][0]) for item in error.errors() if item["loc"]}
    named = sorted(bad & set(capture.sidecar))
    return f" ({', '.join(named)} given by the sidecar or push metadata, not the document)" if named else ""
