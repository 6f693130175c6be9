"""Validity of a document (issue 19), the pure part: the keys a record is named by, which record a
reference names, and the status a record has on a given day. The store (store/validity.py) keeps
the statements and edges; this module decides, so that the rules are tested without a database.

Statuses: in_force, not_yet_in_force (effective date ahead), expired (validity period over),
repealed (a document in force says so), suspended (暂停执行: a document says so, until one resumes it or the day
it printed passes), amended (a later document amends it), unknown (nothing read).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Any, NamedTuple

from gongkai.identifiers import DOC_NUMBER_RE, normalize_doc_number
from gongkai.parsers.validity import (
    _ORDER_RE,
    Statements,
    extended_expiry,
    normalise_text,
    order_number,
    own_title_keys,
    read_statements,
    reference_title_key,
    repeal_day,
    simplified,
    suspended_part,
    suspension_days,
    title_key,
)
from gongkai.record_row import RecordRow

if TYPE_CHECKING:
    from gongkai.record import Record

STATUSES: tuple[str, ...] = ("in_force", "not_yet_in_force", "expired", "repealed", "suspended", "amended", "unknown")
#: the badge words of flk.npc.gov.cn, and the search filter's Chinese names
STATUS_LABELS: dict[str, str] = {
    "in_force": "现行有效",
    "not_yet_in_force": "尚未施行",
    "expired": "已失效",
    "repealed": "已废止",
    "suspended": "暂停执行",
    "amended": "已修改",
    "unknown": "未知",
}


_SPACES_RE = re.compile(r"\s+")


@lru_cache(maxsize=4096)  # the numbers references print recur (the same 国令 cited by many documents)
def number_key(doc_number: str) -> str:
    """One form for a 文号 (厦府〔2010〕12号) or a 令 number (原国家…总局令第7号 → 国家…总局令第7号)."""
    text = simplified(normalise_text(doc_number or "")).strip()  # 廈府〔2015〕12號 is 厦府〔2015〕12号
    if not text:
        return ""
    match = _ORDER_RE.fullmatch(_SPACES_RE.sub("", text)) if "令" in text else None  # a 令 number holds 令
    if match:
        return order_number(match["issuer"], match["n"])
    number = normalize_doc_number(text)
    if not _CANONICAL_NUMBER_RE.fullmatch(number):
        # a record's field holding more than the number (厦府〔2015〕12号文, 文号：厦府〔2015〕12号): the number in it
        found = DOC_NUMBER_RE.search(text)
        if found:
            return normalize_doc_number(found.group(0))
    # 原厦公〔2010〕3号文件同时废止: "the former", as of a 令 number (validity4: the number kept 原 and named no record)
    return number[1:] if number.startswith("原") and _CANONICAL_NUMBER_RE.fullmatch(number[1:]) else number


#: a canonical 文号 (normalize_doc_number's form): an issuer's short name, 〔year〕, serial, 号
_CANONICAL_NUMBER_RE = re.compile(r"[\u4e00-\u9fff]{1,15}〔\d{4}〕\d+号")
_ORDER_NUMBER_RE = re.compile(r"(?P<issuer>.*)令第(?P<n>\d+)号")


def same_number(printed: str, held: str) -> bool:
    """Whether a number a reference printed names a record's number (both number_key's forms): equal, or one 令 number
    with its issuer shortened (市政府令第161号 is 厦门市人民政府令第161号: 人民 dropped, the city's name left out)."""
    if printed == held:
        return True
    a, b = _ORDER_NUMBER_RE.fullmatch(printed), _ORDER_NUMBER_RE.fullmatch(held)
    if a is None or b is None or a["n"] != b["n"]:
        return False
    short, full = sorted((a["issuer"].replace("人民", ""), b["issuer"].replace("人民", "")), key=len)
    return bool(short) and full.endswith(short)


#: an issuer of one body (厦门市人民政府, 厦门市卫生健康委员会), not a joint one (厦门市财政局 厦门市工业和信息化局)
_ONE_ISSUER_RE = re.compile(r"[\u4e00-\u9fff]{2,30}")


def issued_title_key(title: str, issuer: str) -> str:
    """The key of a title printed without its issuer (关于加强城市河道管理的通知) as that issuer's (厦门市人民政府关于…): a
    list of an agency's own documents leaves its name out of their titles (validity5: a 清理 table of the 市政府 named no
    record titled 厦门市人民政府关于…的通知); "" when the title names its issuer, carries another (关于印发X的通知: X), or the
    issuer is not one body."""
    text = normalise_text(title).strip()
    if not text.startswith("关于") or not _ONE_ISSUER_RE.fullmatch(issuer or "") or reference_title_key(text) != title_key(text):
        return ""
    return title_key(issuer + text)


def record_keys(title: str, doc_number: str, issuer: str = "") -> list[str]:
    """The keys under which other documents can name this record: n:<number>, t:<title key> (and its issuer's, for a
    title printed without it: issued_title_key)."""
    keys = [f"t:{key}" for key in own_title_keys(title)]
    if issued := issued_title_key(title, issuer):
        keys.append(f"t:{issued}")
    number = number_key(doc_number)
    if number:
        keys.insert(0, f"n:{number}")
    return keys


@dataclass(frozen=True)
class Candidate:
    """What resolution needs to know of a record that holds one of a reference's keys."""

    id: str
    number: str
    title_keys: tuple[str, ...]
    dates: tuple[date, ...]  # publish and written dates, where known
    issuer: str = ""


def issuer_key(issuer: str) -> str:
    """An issuer in one form for comparing: folded, no spaces, 原 and 中华人民共和国 dropped."""
    text = _SPACES_RE.sub("", normalise_text(issuer or ""))
    return text.removeprefix("原").replace("中华人民共和国", "")


def same_issuer(printed: str, issuer: str) -> bool:
    """Whether a record's issuer is the one a reference printed (市人民政府 is 厦门市人民政府's short form)."""
    a, b = issuer_key(printed), issuer_key(issuer)
    return bool(a and b) and (a in b or b in a)


#: 2009年印发的《X》, 2016年出台的《X》: the year alone of the document's publication, right before its title (validity5)
_PRINTED_YEAR_RE = re.compile(r"(?P<y>(?:19|20)\d{2})\s*年(?:度)?\s*(?:[\u4e00-\u9fff]{0,12}?)(?:印发|发布|公布|颁布|下发|出台|制定)的?\s*[《〈]?$")


def printed_year(statement: str, title: str) -> int | None:
    """The year a reference printed before the title it names (2009年印发的《厦门市X规定》), when it printed no full date:
    among records of that title (an agency's own document of the same title, years later) it names the one of that year."""
    text = simplified(normalise_text(statement))
    at = text.find(title) if title else -1
    if at < 0:
        return None
    found = _PRINTED_YEAR_RE.search(text, max(0, at - 24), at)
    return int(found["y"]) if found else None


def choose(
    src_id: str, title: str, number: str, printed: date | None, src_date: date | None, candidates: list[Candidate],
    issuer: str = "", statement: str | Callable[[], str] = "", key: str = "",
) -> str | None:
    """The record a reference names, or None. Depends only on the set of candidates (never on the order
    they arrived in): 文号 or 令 number first, else the title with the printed date; ties go to the
    document of the printed issuer (`issuer`, when printed), then to the latest document dated before the
    referring one, then to the smallest id. `statement`: the reference's sentence (a year printed in it before the title,
    2009年印发的《X》, picks the record of that year among several of the title; a callable reads it only then)."""
    pool = [c for c in candidates if c.id != src_id]
    if not pool:
        return None
    if number:
        by_number = [c for c in pool if same_number(number, c.number)]
        if by_number:
            return _best(by_number, printed, src_date, issuer)
    key = key or (reference_title_key(title) if title else "")  # `key`: the edge's, when read_record gave it its issuer's
    if not key:
        return None
    by_title = [c for c in pool if key in c.title_keys]
    # a printed 文号 or date that the candidate contradicts rules it out (机动车登记规定 of 2008 vs 2021)
    by_title = [c for c in by_title if not (number and c.number and not same_number(number, c.number))]
    if printed:
        by_title = [c for c in by_title if not c.dates or printed in c.dates]
    elif len(by_title) > 1 and statement and (year := printed_year(statement() if callable(statement) else statement, title)) and any(
            d.year == year for c in by_title for d in c.dates):
        # 2009年印发的《X》 (a year, no day: validity5): the record of that year, not an agency's later one of the same title
        by_title = [c for c in by_title if not c.dates or any(d.year == year for d in c.dates)]
    return _best(by_title, printed, src_date, issuer) if by_title else None


def _best(pool: list[Candidate], printed: date | None, src_date: date | None, issuer: str = "") -> str:
    def rank(c: Candidate) -> tuple:
        exact = printed is not None and printed in c.dates
        by_issuer = bool(issuer) and same_issuer(issuer, c.issuer)
        latest = max(c.dates) if c.dates else date.min
        before = src_date is None or not c.dates or latest <= src_date
        return (not exact, not by_issuer, not before, -latest.toordinal(), c.id)

    return min(pool, key=rank).id


@dataclass
class Incoming:
    """A document that repeals or amends this one (resolved edge), with when it takes effect."""

    src_id: str
    kind: str  # repeals | amends | extends | suspends | resumes
    title: str
    doc_number: str
    when: date | None
    statement: str
    #: the day the stating document was published (its `when` when it prints no effective date): a suspension and a
    #: resumption are ordered in time, so one printing no day counts from it (a repeal's None counts at once, as before)
    published: date | None = None
    #: the first day the stating document is no longer in force (repealed by a document in force, or its own period over;
    #: validity4): a suspension it states ends then (决定废止《关于暂停执行〈X〉的通知》: X in force again from that day)
    ended: date | None = None


@dataclass
class Derived:
    status: str
    detail: dict[str, Any] = field(default_factory=dict)


def derive(
    today: date,
    effective: date | None,
    expiry: date | None,
    on_publish: bool,
    incoming: list[Incoming],
    has_statements: bool,
    override: dict[str, Any] | None = None,
    stated: dict[str, Any] | None = None,
) -> Derived:
    """The status on `today`. A repeal counts from the day the repealing document takes effect; a
    consolidated text's own 根据…修正 lines do not make it 'amended' (it already is the amended text).
    `stated`: the publishing agency's own 有效性 (stated_of): its 废止/失效 wins over all but a repeal or expiry read
    from the documents; its other words stand where nothing was read (unknown), its 暂停执行 over in force too. Kept in the
    detail either way. Order: repealed, expired, suspended (暂缓实施 before a pending effective date too), not_yet_in_force,
    amended, in_force."""
    # a repeal counts from the day its sentence prints (《X》自2025年1月1日起废止), else its document's effective date
    # …and a repealing document printing no effective date takes effect when published (validity5: a 清理结果 notice's
    # 自本通知印发之日起停止执行 gave no day, repealed_on was null)
    incoming = [replace(i, when=repeal_day(i.statement, i.title, i.doc_number) or i.when or i.published)
                if i.kind == "repeals" else i for i in incoming]
    repeals = [i for i in incoming if i.kind == "repeals" and (i.when is None or i.when <= today)]
    amends = [i for i in incoming if i.kind == "amends" and (i.when is None or i.when <= today)]
    detail: dict[str, Any] = {}
    extension = _extension(today, expiry, incoming)
    if extension is not None:  # 《X》有效期延长至…: X is in force to the later day
        expiry, detail = extension[0], {"extended_until": extension[0].isoformat(), "extended_by": extension[1]}
    paused = suspension(today, incoming)
    if repeals:
        first = min(repeals, key=lambda i: (i.when or date.max, i.src_id))
        detail = {**detail, "repealed_on": first.when.isoformat() if first.when else None, "repealed_by": first.src_id, "statement": first.statement}
        status = "repealed"
    elif expiry and expiry < today:
        status, detail = "expired", {**detail, "expired_after": expiry.isoformat()}
    elif paused is not None and paused[0] == "suspended" and (starts := _postponed(effective, paused[1])) is not None:
        # 延期至2030年1月1日起施行 (validity5): put off before its day came, to a day printed: not in force yet, from then
        status, detail = "not_yet_in_force", {**detail, **paused[1], "effective_date": starts}
    elif paused is not None and paused[0] == "suspended":
        # before a pending effective date too: 暂缓实施 of a document not yet in force says it will not start then
        status, detail = "suspended", {**detail, **paused[1]}
    elif effective and effective > today:
        status, detail = "not_yet_in_force", {**detail, "effective_date": effective.isoformat()}
    elif amends:
        status, detail = "amended", {**detail, "amended_by": sorted(i.src_id for i in amends)}
    elif effective or expiry or on_publish or has_statements:
        status = "in_force"
    else:
        status = "unknown"
    if status in ("in_force", "amended", "not_yet_in_force") and paused is not None and paused[0] == "resumed":
        detail = {**detail, **paused[1]}  # in force again: since when, and by whom
    said = stated.get("status") if stated else None
    if said in STATUSES and said != status:
        final = ("repealed", "expired")
        # the agency's 暂停执行 stands over what is read as in force (the suspending notice is often not held), not over an end
        if (said in final and status not in final) or status == "unknown" or (
                said == "suspended" and status in ("in_force", "amended", "not_yet_in_force")):
            detail = {**detail, "derived": status}  # what the documents alone give, shown beside the agency's word
            status = str(said)
    if stated:
        detail = {**detail, "stated": stated}
    if override and override.get("status") not in (None, "auto"):
        return Derived(override["status"], {"override": override, "derived": status, **detail})
    return Derived(status, detail)


def _postponed(effective: date | None, held: dict[str, Any]) -> str | None:
    """The day a document starts when a suspension holding it began on or before its own effective date (it never came
    into force) and prints its last day (延期至DAY起施行, 暂缓至DAY实施): the day after; None otherwise (暂缓实施 with no
    end stays `suspended`)."""
    since, until = held.get("suspended_on"), held.get("suspended_until")
    if effective is None or since is None or until is None or date.fromisoformat(since) > effective:
        return None
    return (date.fromisoformat(until) + timedelta(days=1)).isoformat()


def suspension(today: date, incoming: list[Incoming]) -> tuple[str, dict[str, Any]] | None:
    """Whether a suspension holds on `today`: ("suspended", detail) when one that has begun is neither over (the last day
    its sentence printed: 暂停执行至…) nor followed by a resumption on or after its first day (恢复执行, 自…起继续执行);
    ("resumed", detail) when every suspension that began has ended; None when nothing suspended it. Each suspension starts
    on the day its sentence prints (自2025年7月1日起暂停执行), else on its document's effective or publication date."""
    spans: list[tuple[date | None, date | None, Incoming]] = []
    resumes: list[tuple[date | None, Incoming]] = []
    for item in incoming:
        if item.kind not in ("suspends", "resumes"):
            continue
        fallback = item.when or item.published
        printed, until = suspension_days(item.statement, item.title, item.doc_number, item.kind, fallback)
        start = printed or fallback
        if start is not None and start > today:
            continue
        if item.kind == "suspends":
            if item.ended is not None and (until is None or item.ended <= until):
                until = item.ended - timedelta(days=1)  # the suspending notice repealed or run out: the suspension with it
            spans.append((start, until, item))
        else:
            resumes.append((start, item))
    if not spans:
        return None
    ended: list[tuple[date, Incoming, str]] = []  # (the day it is in force again, by whom) of each suspension over
    for start, until, item in sorted(spans, key=lambda s: (s[0] or date.min, s[2].src_id), reverse=True):
        after = sorted((day or date.min, r.src_id) for day, r in resumes if start is None or day is None or day >= start)
        if after:
            ended.append((after[0][0], item, after[0][1]))
        elif until is not None and until < today:
            ended.append((until + timedelta(days=1), item, ""))
        else:  # the latest suspension still holding
            detail: dict[str, Any] = {"suspended_by": item.src_id, "statement": item.statement}
            if start is not None:
                detail["suspended_on"] = start.isoformat()
            if until is not None:
                detail["suspended_until"] = until.isoformat()
            return "suspended", detail
    day, _item, by = max(ended, key=lambda e: (e[0], e[2]))
    detail = {"resumed_on": day.isoformat() if day != date.min else None}
    if by:
        detail["resumed_by"] = by
    return "resumed", detail


def repealed_from(statement: str, title: str, doc_number: str, repealer_day: date | None) -> date | None:
    """The day a repeal edge (its sentence, the title and number it printed) ends the named document: the day the sentence
    prints for it, else `repealer_day` (the repealing document's effective or publication date), as derive counts it."""
    return repeal_day(statement, title, doc_number) or repealer_day


def part_suspended(statement: str, title: str, doc_number: str) -> str:
    """The part a suspends_part edge names, as printed (第十二条、第十五条第二款): the page and the API say which."""
    return suspended_part(statement, title, doc_number)


def record_repeal_day(statement: str, title: str, doc_number: str) -> date | None:
    """The day a repeal's sentence prints for the record titled `title`, numbered `doc_number` (the record's own
    fields, not what the sentence printed of them): the page and `gongkai show` say 将于 DAY 起废止 with it. Of
    《A》自X起废止，《B》自Y起废止 B's page said X, the sentence's first day. The printed title is the one with the
    record's key (厦门市… and its 印发 notice alike: own_title_keys); else its number; else the sentence's first day."""
    keys = set(own_title_keys(title))
    text = simplified(normalise_text(statement))
    for match in _PRINTED_TITLE_RE.finditer(text):
        if reference_title_key(match["t"]) in keys or title_key(match["t"]) in keys:
            return repeal_day(text, match["t"])
    number = number_key(doc_number)
    if number:
        day = repeal_day(text, "", number)
        if day is not None or _mentions_number(text, number):
            return day
    return repeal_day(text)


_PRINTED_TITLE_RE = re.compile(r"《(?P<t>[^《》\n]{2,120})》")


def _mentions_number(text: str, number: str) -> bool:
    return any(number_key(m.group(0)) == number for m in DOC_NUMBER_RE.finditer(text))


def _extension(today: date, expiry: date | None, incoming: list[Incoming]) -> tuple[date, str] | None:
    """The latest last day in force that documents in force extending this one give (有效期延长至…), and the first of
    them giving it, the smallest id; None when none moves `expiry` later (a document without a period of its own has none to move)."""
    if expiry is None:
        return None
    given = []
    for item in incoming:
        if item.kind == "extends" and (item.when is None or item.when <= today):
            until = extended_expiry(item.statement, item.title, expiry)
            if until is not None and until > expiry:
                given.append((until, item.src_id))
    if not given:
        return None
    latest = max(until for until, _ in given)
    return latest, min(src for until, src in given if until == latest)  # the order documents arrived in never decides


# ----------------------------------------------------------------------------------------- a record's read


class RecordRead(NamedTuple):
    """What one record says, in the form of the store's rows (store/validity.py writes them).

    Pure work on the record's text: the JSON Lines ingest makes it in its worker process
    (gongkai.jsonl_worker), so the store's transaction only writes and resolves. `fingerprint` names the
    text it was read from: a read that does not match the record being stored is made again. A named tuple,
    not a frozen dataclass: the main thread makes one per record it receives (0.4 against 3.2 µs)."""

    fingerprint: int
    effective_date: date | None
    expiry_date: date | None
    on_publish: bool
    decisive: bool
    data: str  # validity_docs.data
    #: (kind, title, doc_number, ref_date, issuer, statement, title_key, number_key) per reference
    edges: tuple[tuple, ...]
    keys: tuple[str, ...]  # validity_keys of the record (n:…, t:…), each at most 255 characters


def fingerprint(record: Record | RecordRow) -> int:
    """The fields a read depends on, hashed. The worker is forked, so it hashes with this process's secret;
    a read made under another one only fails to match and is made again (a read is never wrong, only late).
    A RecordRow (gongkai.record_row) carries its record's, taken when the row was made."""
    if isinstance(record, RecordRow):
        return record.fingerprint
    return hash((record.title, record.doc_number, record.publish_date, record.written_date, record.body or "",
                 record.stated_validity))


#: An agency's 有效性 words -> status; the first found wins (未生效 before 生效, 部分失效 before 失效).
STATED_WORDS: tuple[tuple[str, str], ...] = (
    # 暂停执行/暂缓执行/中止执行 before 执行 … (validity3): a catalogue's word for a document suspended
    ("暂停", "suspended"), ("暂缓", "suspended"), ("中止", "suspended"),
    ("尚未施行", "not_yet_in_force"), ("未施行", "not_yet_in_force"), ("未生效", "not_yet_in_force"),
    ("部分失效", "amended"), ("部分废止", "amended"), ("已修改", "amended"), ("已修订", "amended"), ("修正", "amended"),
    ("废止", "repealed"), ("撤销", "repealed"), ("失效", "expired"), ("无效", "expired"), ("过期", "expired"),
    ("有效", "in_force"), ("生效", "in_force"), ("施行", "in_force"),
)


def stated_statement(record: Record) -> dict[str, str] | None:
    """The agency's 有效性 (Record.stated_validity) as a sourced statement: {"status", "text", "source"}; None when it
    gives none or words that name no status (长期, 暂无)."""
    text = (record.stated_validity or "").strip()
    if not text:
        return None
    folded = normalise_text(text).replace(" ", "")
    status = next((code for word, code in STATED_WORDS if word in folded), None)
    return {"status": status, "text": text, "source": record.source} if status else None


def stated_of(data: str) -> dict[str, Any] | None:
    """The agency's statement kept in a read's data (validity_docs.data), or None (most records: not parsed)."""
    if '"stated"' not in data:
        return None
    stated = json.loads(data).get("stated")
    return stated if isinstance(stated, dict) else None


#: json.dumps(…, ensure_ascii=False) builds an encoder on every call (a third of its cost): one, made once
_JSON = json.JSONEncoder(ensure_ascii=False)


def _decisive(st: Statements) -> bool:
    return any(ref.kind in _DECISIVE_KINDS for ref in st.references) or bool(st.general_clauses)


#: a document stating one of these acts on another (it is in force, whatever else it prints)
_DECISIVE_KINDS = frozenset({"repeals", "amends", "extends", "suspends", "resumes", "suspends_part"})


def statements_data(st: Statements, decisive: bool | None = None) -> str:
    """validity_docs.data: what was read besides dates and references (`decisive`: _decisive(st), when known)."""
    if decisive is None:
        decisive = _decisive(st)
    if not (st.effective_statement or st.effective_on_publish or st.period or st.period_statement or st.general_clauses
            or decisive):
        return _NOTHING_READ  # most records (a notice, a plain letter): the same text every time, no encoding
    return _JSON.encode(
        {
            "effective_statement": st.effective_statement,
            "effective_on_publish": st.effective_on_publish,
            "period": st.period,
            "period_statement": st.period_statement,
            "general_clauses": st.general_clauses,
            "decisive": decisive,
        }
    )


_NOTHING_READ = _JSON.encode({"effective_statement": "", "effective_on_publish": False, "period": "", "period_statement": "",
                              "general_clauses": [], "decisive": False})


def _edge_title_key(kind: str, title: str, doc_number: str, printed_issuer: str, own_issuer: str | None) -> str:
    """A repeal's (amendment's, suspension's …) title printed without issuer nor 文号 in an agency's document is that
    agency's (its own list: 关于加强城市河道管理的通知 of the 市政府's 清理 table); a citation's stays as printed."""
    if kind in ("repeals", "amends", "extends", "suspends", "resumes", "suspends_part") and not doc_number and not printed_issuer:
        issued = issued_title_key(title, own_issuer or "")
        if issued:
            return issued
    return reference_title_key(title)


def read_record(record: Record) -> RecordRead:
    st = read_statements(record.title, record.body, record.publish_date or record.written_date)
    edges = tuple(
        (ref.kind, ref.title, ref.doc_number, ref.date, ref.issuer, ref.statement[:2000],
         _edge_title_key(ref.kind, ref.title, ref.doc_number, ref.issuer, record.issuer)[:255] if ref.title else "",
         number_key(ref.doc_number)[:128])
        for ref in st.references
    )
    keys = tuple(dict.fromkeys(key[:255] for key in record_keys(record.title, record.doc_number, record.issuer or "")))
    decisive = _decisive(st)
    data = statements_data(st, decisive)
    stated = stated_statement(record)
    if stated is not None:  # the agency's 有效性, with who said it (derive weighs it)
        data = _JSON.encode({**json.loads(data), "stated": stated})
    return RecordRead(fingerprint(record), st.effective_date, st.expiry_date, st.effective_on_publish, decisive,
                      data, edges, keys)
