"""Response models of the JSON API: they are the OpenAPI schema clients read."""

from __future__ import annotations

import datetime as dt
from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from gongkai.record import NOTICE_TYPES, Record


class ErrorResponse(BaseModel):
    error: str = Field(description="machine-readable code: invalid_parameter, bad_query, not_found, withdrawn, internal_error")
    message: str = Field(description="what was wrong, readable by a person")
    detail: list[dict[str, Any]] | None = Field(None, description="per-parameter problems, when there are several")


class SearchHit(BaseModel):
    id: str
    title: str = Field(description="信息名称 / 标题")
    doc_number: str = Field("", description="文号")
    index_number: str = Field("", description="索引号")
    issuer: str = Field("", description="发布机构")
    publish_date: date | None = Field(None, description="发布日期")
    kind: str = Field(description="disclosure (政府信息公开) or notice (便民公告)")
    notice_type: str | None = Field(None, description=", ".join(NOTICE_TYPES))
    url: str = Field("", description="source URL")
    snippet_html: str = Field("", description="excerpt with the matched words in <em>…</em>; everything else escaped")
    snippet_text: str = Field("", description="the same excerpt as plain text")
    score: float = Field(0.0, description="relevance score (only comparable within one response)")
    detail_url: str = Field(description="API path of the full record")
    explain: dict[str, Any] | None = Field(
        None, description="with explain=true: the named ranking factors of this hit (bm25, title, whole_query, proximity, recency, …)"
    )
    validity: str = Field("unknown", description="issue 19: in_force, amended, repealed, expired, not_yet_in_force, suspended or unknown, as indexed")
    partial: bool = Field(
        False, description="true: this hit holds only some of the query's words; it follows every hit holding all of them, on a "
        "first page that has fewer of those than it shows, and is not counted in total",
    )


class SearchResult(BaseModel):
    q: str = Field(description="the query as searched (control characters removed)")
    total: int = Field(description="number of matching records")
    page: int
    page_size: int
    pages: int = Field(description="last page that may be requested (bounded by max_offset)")
    sort: str
    hits: list[SearchHit]
    facets: dict[str, dict[str, int]] = Field(
        default_factory=dict, description="counts per value for kind, issuer, notice_type, topic, year, validity"
    )
    relaxed: bool = Field(False, description="true when no record holds every word of the query: the hits hold most of them")
    dropped: list[str] = Field(default_factory=list, description="the query words a relaxed answer does not require")
    did_you_mean: list[str] = Field(
        default_factory=list, description="other spellings of a query that found nothing (简繁, a near issuer or street name)"
    )
    outage: QuestionAnswer | None = Field(
        None, description="when the query is an outage question (湖滨南路明天停电吗: a place, an outage word, maybe a day), the "
        "outage lookup's answer for that place and day (as /api/notices/outages), on the first page; else null",
    )
    approximate: bool = Field(
        False, description="true: total and facets are estimates: upper bounds (a broad query of words of 3+ characters, more "
        "candidates than search.exact_count_limit: counted without checking each word's characters stand together), or "
        "counted on one record in 16 and scaled (a query matching more than search.sample_counts_above); the hits are exact",
    )
    nothing_searchable: bool = Field(
        False, description="true: the query holds nothing to search for (punctuation and symbols only: 。。, ？, ——, ~~~): no "
        "record is answered (total 0), and `message` says why; an empty q (with or without filters) lists every record",
    )
    message: str = Field("", description="with nothing_searchable: why nothing was answered, Chinese first; else empty")


class Suggestion(BaseModel):
    text: str = Field(description="what the search box is filled with when this suggestion is chosen")
    type: Literal["issuer", "title", "doc_number", "street", "outage"] = Field(
        description="issuer (发布机构), title (标题), doc_number (文号, or a 文号 prefix such as 厦府〔2014〕), "
        "street (a street, road or community named by outage notices), outage (a place and an outage word: 思明区停 → "
        "思明区停电, the question the search box answers; its count is 0: a question, not a value records carry)"
    )
    count: int | None = Field(None, description="how many searchable records carry it")


class SuggestResult(BaseModel):
    q: str = Field(description="the prefix as matched (control characters and surrounding blanks removed)")
    suggestions: list[Suggestion] = Field(description="best first: the most records first, at most `limit`")


class VersionSummary(BaseModel):
    version: int
    content_hash: str
    title: str
    first_seen: datetime | None = None
    last_seen: datetime | None = None
    withdrawn: bool = False


class ValidityItem(BaseModel):
    """A document named by a validity statement (issue 19)."""

    id: str | None = Field(description="the record it resolved to; null while the named document is not held (filled when it arrives)")
    title: str = Field(description="title as printed (《》 stripped), or the record's title")
    doc_number: str = Field("", description="文号 or 令 number as printed, or the record's")
    date: dt.date | None = Field(None, description="the date printed with it, or the record's publish date")
    statement: str = Field("", description="the sentence that says it")


class SuspendedPartItem(ValidityItem):
    """A document suspending a part of this one, with the part as printed (validity4)."""

    part: str = Field("", description="the part suspended as printed (第十二条、第十五条第二款; 关于…的规定), or \"\" when not printed")


class ValidityOverride(BaseModel):
    status: str
    reason: str = ""
    by: str = Field(description="who set it")
    at: datetime


class ValidityStated(BaseModel):
    status: str = Field(description="the status its words name (in_force, repealed, expired, amended, not_yet_in_force, suspended)")
    text: str = Field(description="the agency's words, as given (有效, 已废止, 失效 …)")
    source: str = Field(description="the record's source when it said so (厦门市财政局, inbox:厦门市财政局 …)")


class Validity(BaseModel):
    """Is the document in force, derived from the documents' own statements (issue 19)."""

    status: Literal["in_force", "not_yet_in_force", "expired", "repealed", "suspended", "amended", "unknown"] = Field(
        description="现行有效 / 尚未施行 / 已失效 / 已废止 / 暂停执行 (suspended until a document resumes it) / 已修改 / unknown (no statement read)"
    )
    effective_date: date | None = Field(None, description="施行日期 (自…起施行; 自发布之日起施行 gives the publish date)")
    expiry_date: date | None = Field(None, description="last day in force of a validity period (有效期5年, 有效期至…)")
    period: str = Field("", description="the validity period as printed, e.g. 5年")
    repealed_on: date | None = Field(None, description="when repealed: the repealing document's effective date")
    repealed_by: list[ValidityItem] = Field(default_factory=list)
    amended_by: list[ValidityItem] = Field(default_factory=list)
    repeals: list[ValidityItem] = Field(default_factory=list)
    amends: list[ValidityItem] = Field(default_factory=list)
    extended_by: list[ValidityItem] = Field(default_factory=list, description="documents that extend its validity period "
                                            "(《X》有效期延长至…): expiry_date is then the day they give")
    extends: list[ValidityItem] = Field(default_factory=list, description="documents whose validity period it extends")
    suspended_on: date | None = Field(None, description="when suspended: the day its suspension began (自…起暂停执行, else its document's date)")
    suspended_until: date | None = Field(None, description="when suspended to a day printed (暂停执行至…): the last day suspended")
    resumed_on: date | None = Field(None, description="when in force again after a suspension: the day it resumed (恢复执行)")
    suspended_by: list[ValidityItem] = Field(default_factory=list, description="documents that suspend it (暂停执行《X》, 暂缓执行, "
                                             "中止执行), whatever its status now")
    resumed_by: list[ValidityItem] = Field(default_factory=list, description="documents that resume it (恢复执行《X》, 自…起继续执行)")
    suspended_in_part_by: list[SuspendedPartItem] = Field(default_factory=list, description="documents suspending a part of it "
                                                          "(暂停执行《X》第十二条): it stays in force")
    suspends: list[ValidityItem] = Field(default_factory=list, description="documents it suspends")
    resumes: list[ValidityItem] = Field(default_factory=list, description="documents it resumes")
    general_clauses: list[str] = Field(default_factory=list, description="凡与本规定不一致的… sentences (no document named)")
    override: ValidityOverride | None = Field(None, description="an operator's status, with who and why; the derived one is then not shown")
    stated: ValidityStated | None = Field(None, description="有效性 as the publishing agency states it (a sidecar, record file or push): "
                                         "its 废止/失效 wins over all but a repeal or expiry read from the documents")


class DocumentResponse(BaseModel):
    record: Record = Field(description="the full record, attachments included")
    versions: list[VersionSummary] = Field(description="every stored version, oldest first")
    source_url: str = Field(description="where the document was published")
    page_url: str = Field(description="path of the human-readable page")
    validity: Validity | None = Field(None, description="is it in force (issue 19)")
    cites: list[ValidityItem] = Field(default_factory=list, description="documents it cites (《…》（文号）, 根据《…》)")
    cited_by: list[ValidityItem] = Field(default_factory=list, description="held documents that cite it (the first 100)")
    cited_by_total: int = Field(0, description="how many held documents cite it")


class DiffField(BaseModel):
    from_: Any = Field(None, alias="from")
    to: Any = None


class DiffRun(BaseModel):
    op: Literal["equal", "delete", "insert"]
    text: str


class DiffResponse(BaseModel):
    """What changed between two stored versions of a record (新旧对照)."""

    id: str
    from_: int = Field(alias="from", description="the older version")
    to: int = Field(description="the newer version")
    fields: dict[str, DiffField] = Field(description="fields other than the body that differ, old and new value")
    body_changed: bool
    body: list[DiffRun] = Field(description="the body word by word (rjieba words): equal, deleted and inserted runs in order")
    inserted_chars: int
    deleted_chars: int


class WithdrawnResponse(ErrorResponse):
    id: str
    title: str
    source_url: str = ""
    replaced_by: str | None = Field(None, description="the record that replaced this one (the same file sent again by its agency with a 索引号 or URL); null when it was withdrawn")
    replaced_by_url: str | None = Field(None, description="that record's API URL")


class LookupResponse(BaseModel):
    doc_number: str | None = Field(None, description="the 文号 asked for, in canonical form")
    index_number: str | None = Field(None, description="the 索引号 asked for, in canonical form")
    count: int
    records: list[Record]


class OutageWindow(BaseModel):
    model_config = ConfigDict(extra="allow")

    start: str | None = Field(None, description="start of the outage (ISO date-time as the notice gives it)")
    end: str | None = Field(None, description="end of the outage")


class OutageNotice(BaseModel):
    id: str
    title: str
    issuer: str = ""
    publish_date: date | None = None
    utility: str | None = Field(None, description="water, power, gas …")
    areas: list[str] = Field(default_factory=list, description="all areas the notice names, as printed")
    reason: str | None = None
    matching_windows: list[dict[str, Any]] = Field(
        description="the windows of the events that name the area and touch the day: start, end (ISO), effect (cut | reduced_pressure), text, areas"
    )
    windows: list[dict[str, Any]] = Field(default_factory=list, description="every window (event) of the notice, with its own areas")
    url: str = ""
    page_url: str


class OutageAnswer(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    area: str
    day: dt.date | None = Field(alias="date", serialization_alias="date", description="the day asked for; null means any day")
    until: dt.date | None = Field(
        None, description="the last day asked when more than one (下周, 周末: the Sunday; `date` is the first day); null for "
        "one day. A search's `outage` with an `area` of \"\" asks about the whole city (明天哪里停电)",
    )
    affected: bool = Field(description="true when an event of a notice names this area and covers this day (one of the days)")
    count: int
    notices: list[OutageNotice]


class QuestionAnswer(OutageAnswer):
    """A search's `outage`: the outage lookup's answer to the outage question the query asks."""

    utility: str = Field(
        description="the utility the question asked about (电, 水, 气 or 水电): the notices and windows are those of that "
        "utility and, with no day asked, those not over yet",
    )
    areas: list[str] = Field(
        default_factory=list, description="every place asked, in order (湖滨南路和厦禾路, 湖滨南路7、8号: each answered; `area` is "
        "the first); [] for the whole city",
    )
    days: list[dt.date] | None = Field(
        None, description="two days said apart (12月7日和12月9日): the days asked, the windows those touching one of them; "
        "null when every day from `date` to `until` is asked",
    )


class Health(BaseModel):
    status: str = Field(description="ok when the store and the index answer")
    documents: int = Field(description="searchable documents in the index")


class IndexStats(BaseModel):
    model_config = ConfigDict(extra="allow")

    documents: int = Field(0, description="documents in the index")
    size_bytes: int = Field(0, description="index size on disk")
    watermark: int | None = Field(None, description="store change sequence the index has caught up to")
    store_seq: int | None = Field(None, description="latest store change sequence")


class Stats(BaseModel):
    model_config = ConfigDict(extra="allow")

    records: int = Field(0, description="current records, withdrawn ones left out")
    withdrawn: int = 0
    by_kind: dict[str, int] = Field(default_factory=dict, description="records per kind")
    by_source: dict[str, int] = Field(default_factory=dict, description="records per source")
    by_notice_type: dict[str, int] = Field(default_factory=dict)
    versions: int | None = None
    last_change: datetime | None = Field(None, description="when the store last changed")
    last_crawl: datetime | None = Field(None, description="last crawl, when the store records it")
    last_sync: datetime | None = Field(None, description="last sync, when the store records it")
    index: IndexStats = Field(default_factory=IndexStats)
