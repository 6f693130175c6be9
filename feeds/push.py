"""HTTP push receiver logic (POST /api/ingest), independent of the web framework.

An agency, identified by its token, sends records (one JSON object, a JSON array, or JSON Lines) or
one document file with optional metadata. Every item gets its own verdict:

    201 new · 200 updated / unchanged / withdrawn · 400 not JSON · 403 not this agency's · 422 invalid record

A body that is one JSON scalar ("hello", 42, null) is no record at all: the request is refused (400 not_a_record).

`"withdrawn": true` in a pushed record is the agency taking down its own record (withdraw_own); it is
the one input that may withdraw a record (gongkai.ownership: record files may not).

Authorisation: a record's `source` and `issuer` must be the token's agency; empty ones are filled in
with it. A document file keeps the issuer it names (its source is the agency; the agency when it names none). A record id that already belongs to another agency's record is refused too, so one agency
can never overwrite another's documents. Invalid records (422) are also kept in the quarantine,
with the reason, like every other bad input; refused ones (403) are not stored at all.

Idempotent: a record id is derived from its 索引号/URL/content, and the store reports a repeated
identical record as `unchanged`, so a retried batch creates no duplicates.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

from pydantic import TypeAdapter, ValidationError

from gongkai import withdrawal_reasons
from gongkai.compressed import GZIP_MAGIC, MAX_GZIP_LAYERS, ZIP_SUFFIX, inner_name
from gongkai.feeds.agency_doors import one_record_across_doors
from gongkai.feeds.same_file import SUPERSEDED_BY_SAME_FILE, last_sending_fields, same_file_same_record
from gongkai.ingest import OCR_REVIEW_PREFIX, IngestItem, ItemResult
from gongkai.parsers.registry import page_extensions
from gongkai.quarantine_reasons import explain
from gongkai.record import BOOKKEEPING_FIELDS, Record, describe_validation_error
from gongkai.recordfiles import BadRecord, Kind, RecordLimits, decode, kind_of, named_as_fields, read_values
from gongkai.store import outbox as changes
from gongkai.validation_messages import describe_chinese_first

if TYPE_CHECKING:
    from gongkai.engine import Engine
    from gongkai.feeds.waiting_lines import WaitingLine
    from gongkai.parsers.catalogue import Catalogue

STATUS_CODES = {"new": 201, "updated": 200, "unchanged": 200}


class PushRequestError(Exception):
    """The request as a whole is refused (empty, not UTF-8, too many items); `status` is the HTTP code."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


@dataclass
class PushResult:
    index: int  # 1-based position in the request
    id: str | None
    status: str  # new | updated | unchanged | rejected
    http_status: int
    error: str | None = None
    #: for machines, beside a quarantined item's Chinese-first error: gongkai.quarantine_reasons' code (record_too_large …)
    error_code: str | None = None
    #: a stored scan a person should look at, or whose pages went unread over the OCR time limit (probe5: the
    #: push answered 201 and said nothing): its review reason Chinese first, and its code (ocr_pages_unread …)
    review: str | None = None
    review_code: str | None = None

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"index": self.index, "id": self.id, "status": self.status, "http_status": self.http_status}
        if self.error:
            data["error"] = self.error
        if self.error_code:
            data["error_code"] = self.error_code
        if self.review:
            data["review"], data["review_code"] = self.review, self.review_code
        return data


def chinese_first(index: int, record_id: str | None, status: str, reason: str | None, http_status: int = 422) -> PushResult:
    """The answer for an item the quarantine took, or a record the reader refused: its reason Chinese first, the
    English (as the quarantine keeps it) after, and its code (gongkai.quarantine_reasons)."""
    said = explain(reason or "")
    return PushResult(index, record_id, status, http_status, said.text(), said.code)


class ClientJSONError(ValueError):
    """Client-sent text that is not JSON gongkai can read; the message says why. `status`: 400 when it is
    not JSON at all, 422 when it is JSON a record cannot hold (a huge number, deep nesting)."""

    def __init__(self, message: str, status: int = 422) -> None:
        super().__init__(message)
        self.status = status


def load_client_json(text: str) -> Any:
    """json.loads for text a client sent: every way it can fail is a ClientJSONError with a message.

    json.loads raises more than JSONDecodeError on hostile input: a ValueError for an integer of more
    than 4,300 digits (Python's int limit), a RecursionError for arrays or objects nested a thousand deep.
    """
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        # some of json's messages end in "at" ("Unterminated string starting at"): the place follows once
        where = "line" if exc.msg.endswith(" at") else "at line"
        raise ClientJSONError(f"not valid JSON: {exc.msg} {where} {exc.lineno} column {exc.colno}", 400) from None
    except RecursionError:
        raise ClientJSONError("not valid JSON for a record: nested too deeply") from None
    except ValueError as exc:  # "Exceeds the limit (4300 digits) for integer string conversion"
        raise ClientJSONError(f"not valid JSON for a record: {str(exc)[:200]}") from None


def read_metadata(text: str, settings: Any) -> dict[str, Any]:
    """The record fields of a multipart push's `metadata` part, read by the one record reader's limits
    (settings.records: size, nesting depth); a ClientJSONError says why not (400: not JSON; 422: not usable),
    Chinese first (`不是有效的 JSON（metadata 字段） / metadata: not valid JSON …`)."""
    try:
        return _metadata_fields(text, settings)
    except ClientJSONError as exc:
        said = explain(str(exc)).chinese
        raise ClientJSONError(f"{said if said != '无法入库' else '元数据无法读取'}（metadata 字段） / metadata: {exc}", exc.status) from None


def _metadata_fields(text: str, settings: Any) -> dict[str, Any]:
    from gongkai.recordfiles import BadRecord, RecordLimits, parse_text

    value = load_client_json(text)  # first: a syntax error is a 400, as for a record body
    if not isinstance(value, dict):
        raise ClientJSONError("metadata must be a JSON object of record fields", 400)
    checked = parse_text(text, RecordLimits.of(settings))
    if isinstance(checked, BadRecord):
        raise ClientJSONError(checked.reason)
    from gongkai.parsers.sidecar import SidecarError, labelled_fields

    try:
        return labelled_fields(checked, "metadata")  # {"索引号": …} as a sidecar takes it
    except SidecarError as exc:
        raise ClientJSONError(str(exc)) from None


def split_records(body: bytes, content_type: str, max_items: int, limits: RecordLimits | None = None) -> list[dict[str, Any] | BadRecord]:
    """The items of a record push, read by the one reader of record files (gongkai.recordfiles: the
    encodings, size and depth limits of `gongkai ingest` and the drop folder): each a dict of fields,
    or a BadRecord saying why it is none. JSON Lines by content type; otherwise one object, an array,
    or objects one after another (JSON Lines sent as application/json), each judged alone."""
    if not body.strip():
        raise PushRequestError(400, "empty", "请求体是空的 / the body is empty; send a record, a JSON array or JSON Lines")
    page = _html_page(body)
    if page is not None:
        # an HTML page sent as the body (a script piping `curl` of its CMS's export URL while the CMS answered its 503 page):
        # no record and no batch; as JSON Lines each of its lines was a quarantine entry `not valid JSON` (doors10)
        raise PushRequestError(400, "not_json", f"请求体是网页，不是 JSON / the body is an HTML page ({page}), not JSON; send a JSON "
                               "record, a JSON array or JSON Lines, or a document as multipart/form-data (file=@notice.html)")
    lines = "ndjson" in content_type or "jsonl" in content_type or "json-seq" in content_type
    if "json-seq" in content_type and not body.startswith((b"\xff\xfe", b"\xfe\xff")):
        # RFC 7464: each record opens with RS (0x1E); read as JSON Lines they were all rejected, "not valid JSON". A raw
        # RS is no part of a JSON text (a control character: escaped inside strings) nor of a UTF-8 or GB18030 character
        body = body.replace(b"\x1e", b"\n")
    items: list[dict[str, Any] | BadRecord] = []
    for place, _, value in read_values(io.BytesIO(body), "push", "lines" if lines else "json", limits or RecordLimits()):
        if place == "only" and isinstance(value, BadRecord) and value.reason.startswith(("neither", "the file holds")):
            # the body as a whole is unreadable (its encoding), or holds nothing: a request error
            if value.reason.startswith("neither"):
                raise PushRequestError(400, "not_text", "请求体既不是 UTF-8 也不是 GB18030 编码的文字 / the body is neither UTF-8 nor GB18030 text")
            raise PushRequestError(400, "empty", "请求体中没有记录 / the body holds no record; send a record, a JSON array or JSON Lines")
        items.append(value)
        if len(items) > max_items:
            raise PushRequestError(413, "too_many_items", f"一次最多推送 {max_items} 条 / over {max_items} items; at most {max_items} per request (settings feeds.push_max_items)")
    if len(items) == 1 and isinstance(items[0], BadRecord):
        scalar = _json_scalar(body)
        if scalar is not None:  # "hello", 42, null: the request as a whole is no record (as a broken single record is a 400)
            raise PushRequestError(400, "not_a_record", f"请求体不是记录 / the body is a JSON {scalar}, not a record or a list of records; "
                                   "send a JSON object of record fields, a JSON array of them or JSON Lines")
        if not body.lstrip(b"\xef\xbb\xbf \t\r\n").startswith((b"{", b"[")):
            # a document's text sent as the body (Content-Type text/plain): no record and no batch; it was a 207
            # with one item "not valid JSON: unexpected text", which says nothing of the multipart push
            raise PushRequestError(400, "not_json", f"请求体不是 JSON / the body is not JSON ({items[0].reason}); send a JSON record, a JSON "
                                   "array or JSON Lines, or a document as multipart/form-data (file=@notice.pdf)")
    return items


_PAGE_OPENING = re.compile(rb"^(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.I | re.S)
_PAGE_TITLE = re.compile(rb"<title[^>]*>([^<]{1,120})</title>", re.I)


def _html_page(body: bytes) -> str | None:
    """The title of an HTML page sent as a record body (`no title` when it has none), or None when the body is no page."""
    head = body[:8192]
    if _PAGE_OPENING.match(head) is None:
        return None
    title = _PAGE_TITLE.search(head)
    text = decode(title[1]) if title is not None else None
    return " ".join(text.split()) if text else "no title"


def _json_scalar(body: bytes) -> str | None:
    """The JSON type name when the whole body is one JSON string, number, true/false or null, else None.
    Decoded as the record reader decodes a body (UTF-8, else GB18030), so a GB18030 scalar is one too."""
    from gongkai.recordfiles import decode

    text = decode(body)
    if text is None:
        return None
    try:
        value = load_client_json(text)
    except ClientJSONError:
        return None
    if isinstance(value, (dict, list)):
        return None
    return {str: "string", bool: "boolean", int: "number", float: "number"}.get(type(value), "null")


def push_records(engine: Engine, agency: str, items: Iterable[str | dict[str, Any] | BadRecord]) -> list[PushResult]:
    """Validate, authorise and ingest pushed records; one result per item, in order."""
    results: dict[int, PushResult] = {}
    candidates: list[tuple[int, Record]] = []
    quarantined: list[IngestItem] = []
    tombstones: list[tuple[int, dict[str, Any]]] = []
    for index, item in enumerate(items, start=1):
        ref = f"push:{agency}:{index}"
        if isinstance(item, BadRecord) and item.is_json:  # a key given twice: refused as a record (422), kept
            quarantined.append(IngestItem(ref, error=f"{ref}: {item.reason}", payload=item.payload, source=agency))
            results[index] = chinese_first(index, None, "rejected", item.reason)
            continue
        data, error = _as_object(item)
        if error:
            results[index] = chinese_first(index, None, "rejected", error, 400)
            continue
        named = named_as_fields(data, ref)  # {"信息名称": …} as a record file takes it
        if isinstance(named, str):
            quarantined.append(IngestItem(ref, error=f"{ref}: {named}", payload=json.dumps(data, ensure_ascii=False, default=str), source=agency))
            results[index] = chinese_first(index, None, "rejected", named)
            continue
        data = named
        _fill_agency(data, agency)  # after the labels: 发布机构 is the issuer the agency gave
        refused = _refusal(data, agency)
        if refused:
            results[index] = chinese_first(index, data.get("id") or None, "rejected", refused, 403)
            continue
        if _says_withdrawn(data.get("withdrawn")):  # the agency takes its own record down: applied after the batch's records
            tombstones.append((index, data))
            continue
        try:
            candidates.append((index, Record.model_validate(data)))
        except ValidationError as exc:
            ref, reason = f"push:{agency}:{index}", describe_validation_error(exc)
            quarantined.append(IngestItem(ref, error=f"{ref}: {reason}", payload=json.dumps(data, ensure_ascii=False, default=str), source=agency))
            # the agency reads it; its code as every other refused line has one (a bad date had none, bad JSON bad_json)
            results[index] = PushResult(index, None, "rejected", 422, describe_chinese_first(exc), explain(reason).code)

    existing = changes.owners(engine.store, [record.id for _, record in candidates])
    refs: dict[str, int] = {}
    to_ingest: list[IngestItem] = list(quarantined)
    for index, record in candidates:
        owner = existing.get(record.id)
        if owner is not None and not _owns(agency, owner, engine):
            results[index] = chinese_first(index, record.id, "rejected", _other_owner(record.id, owner), 403)
            continue
        ref = f"push:{agency}:{index}"
        refs[ref] = index
        to_ingest.append(IngestItem(ref, record=record, source=agency))

    def collect(result: ItemResult) -> None:
        index = refs.get(result.input)
        if index is not None:
            status = result.status
            results[index] = (chinese_first(index, result.id, status, result.error) if status == "quarantined"
                              else PushResult(index, result.id, status, STATUS_CODES.get(status, 422), result.error))

    if to_ingest:
        # a record the agency dropped in its folder first stays that record (feeds/agency_doors.py)
        engine.ingest_items(one_record_across_doors(engine.store, to_ingest, agency), on_item=collect)
    for index, data in tombstones:
        results[index] = withdraw_own(engine, agency, index, data)
    return [results[i] for i in sorted(results)]


def withdraw_own(engine: Engine, agency: str, index: int, data: dict[str, Any]) -> PushResult:
    """A pushed `"withdrawn": true`: the documented way an agency takes down a record of its own.

    A source-driven withdrawal (Engine.withdraw without an operator): store and index change together,
    the platform is told, and the agency's next push of the record brings it back. A record of another
    agency is refused (403); a withdrawal of a record that is not here is refused (422) and quarantined.
    """
    ref = f"push:{agency}:{index}"
    record_id = _tombstone_id(data)
    if record_id is None:
        return chinese_first(index, None, "rejected", "withdrawn: a withdrawal names its record: give its \"id\" (or the index_number or url its id derives from)")
    owner = changes.owners(engine.store, [record_id]).get(record_id)
    if owner is None:
        reason = f"withdrawn: no record {record_id} to withdraw"
        engine.ingest_items([IngestItem(ref, error=f"{ref}: {reason}", payload=json.dumps(data, ensure_ascii=False, default=str), source=agency)])
        return chinese_first(index, record_id, "rejected", reason)
    if not _owns(agency, owner, engine):
        return chinese_first(index, record_id, "rejected", _other_owner(record_id, owner), 403)
    changed = engine.withdraw(record_id, withdrawal_reasons.pushed_by(agency))
    return PushResult(index, record_id, "withdrawn" if changed else "unchanged", 200)


def _says_withdrawn(value: Any) -> bool:
    """Whether a pushed `withdrawn` means true the way the record model reads it ("true", 1, "yes" too)."""
    if value is None or value is False:
        return False
    try:
        return TypeAdapter(bool).validate_python(value)
    except ValidationError:
        return False  # not a boolean at all: the record's validation refuses it (422)


def _tombstone_id(data: dict[str, Any]) -> str | None:
    """The id a pushed withdrawal names: its "id", else the one its record (or 索引号/URL alone) derives."""
    if isinstance(data.get("id"), str) and data["id"].strip():
        return data["id"].strip()
    try:
        return Record.model_validate({**data, "withdrawn": False}).id
    except ValidationError:
        pass
    keys = {name: data[name] for name in ("index_number", "url") if isinstance(data.get(name), str) and data[name].strip()}
    if not keys:
        return None
    try:
        return Record.model_validate({"title": "-", **keys}).id
    except ValidationError:
        return None


def push_document(
    engine: Engine,
    agency: str,
    data: bytes,
    filename: str,
    content_type: str,
    metadata: dict[str, Any],
) -> PushResult:
    """One document file (HTML/PDF/DOCX...) plus record fields that win over what is extracted."""
    from gongkai.parsers import Capture

    sidecar = dict(metadata)
    # The issuer is the document's (probe5): the agency is its source; it may state only itself as issuer.
    _fill_agency(sidecar, agency, names=("source",))
    refused = _refusal(sidecar, agency)
    if refused:
        return chinese_first(1, sidecar.get("id") or None, "rejected", refused, 403)
    unknown = sorted(set(sidecar) - set(Record.model_fields))
    if unknown:
        return chinese_first(1, None, "rejected", f"metadata has fields a record does not have: {', '.join(unknown)}")
    owned = sorted(set(sidecar) & (BOOKKEEPING_FIELDS - {"id"}))
    if owned:  # the sidecar rule: the store sets these; a takedown is a record push with "withdrawn": true
        return chinese_first(1, None, "rejected", f"metadata sets fields only the store sets: {', '.join(owned)}")
    name = safe_filename(filename)
    if name.lower().endswith(ZIP_SUFFIX) and data.startswith(b"PK"):
        unzipped = _unzipped(engine, agency, data, name)
        if isinstance(unzipped, PushResult):
            return unzipped
        if unzipped is not None:
            name, data = unzipped
            filename = name
    if data.startswith(GZIP_MAGIC) and kind_of(inner_name(name)) is not None:
        # a compressed record file (export.jsonl.gz), read as the drop folder reads it (gongkai.compressed): checked
        # whole by the archive-safety limits first (it was 422 "unsupported format")
        unpacked = _gunzipped(engine, agency, data, name)
        if isinstance(unpacked, PushResult):
            return unpacked
        data, name = unpacked, inner_name(name)
    catalogue = _catalogue(data, name)
    if catalogue is not None and not metadata:
        return _push_catalogue(engine, agency, catalogue, name)
    kind = _record_file_kind(data, name)
    if kind is not None:
        return _push_record_file(engine, agency, data, sidecar, name, kind)
    waiting = _waiting_line(engine, agency, safe_filename(filename))
    if waiting is not None:  # the line of a catalogue pushed before this file: the metadata sent with it wins
        sidecar = {**waiting.fields, **sidecar}
    # the same file pushed again keeps what its last sending gave it (feeds/same_file.py; doors13)
    sidecar = {**last_sending_fields(engine.store, hashlib.sha256(data).hexdigest(), agency), **sidecar}
    capture = Capture(
        data=data,
        filename=safe_filename(filename),
        content_type=content_type,
        source=agency,
        fetched_at=datetime.now(UTC),
        sidecar=sidecar,
    )
    # The request's session: parsed in a worker process (from the fork server: the web server has threads), under
    # settings.parsers.timeout_seconds, so a crafted or huge file cannot hold the server; the bytes are kept.
    outcome: list[ItemResult] = []
    superseded: list[str] = []
    with engine.ingest_session(fork_server=True) as session:
        items = list(session.capture_items([capture], parallel=True))
        if items and items[0].record is not None and not items[0].record.issuer and "issuer" not in sidecar:
            # The document names no issuer: the agency is, as its sending's metadata (so a reparse reads the
            # same); parsed once more (a scan's pages come from the OCR cache).
            capture = replace(capture, sidecar={**sidecar, "issuer": agency})
            items = list(session.capture_items([capture], parallel=True))
        item = items[0] if items else IngestItem(f"push:{agency}:file", error="the document yields no record", source=agency)
        if item.record is not None:
            item, superseded = same_file_same_record(engine.store, item, agency)
        if item.record is not None:
            problem = _refusal(item.record.model_dump(include={"source"}), agency)
            if problem:
                return chinese_first(1, item.record.id, "rejected", problem, 403)
            # then the record its drop folder brought first, if any (source inbox:AGENCY, its own: it was 403 when the
            # source was checked after this)
            [item] = one_record_across_doors(engine.store, [item], agency)
        if item.record is not None:
            problem = _owned_by_other(engine, item.record, agency)
            if problem:
                return chinese_first(1, item.record.id, "rejected", problem, 403)
        session.ingest([item], on_item=outcome.append)
    result = outcome[0]
    if result.status == "quarantined":
        return chinese_first(1, None, "rejected", result.error)
    if waiting is not None:
        engine.store.quarantine_set_status(waiting.entry_id, "resolved")  # the line found its file
    for record_id in superseded:
        engine.withdraw(record_id, f"{SUPERSEDED_BY_SAME_FILE}{result.id}")
    ocr = item.record.ocr if item.record is not None else None
    if ocr is not None and not isinstance(ocr, str) and (review := ocr.review_reason()):
        said = explain(f"{OCR_REVIEW_PREFIX}{result.id}: {review}")
        return PushResult(1, result.id, result.status, STATUS_CODES[result.status], review=said.text(), review_code=said.code)
    return PushResult(1, result.id, result.status, STATUS_CODES[result.status])



def _catalogue(data: bytes, name: str) -> Catalogue | None:
    """The catalogue a pushed file is (index.jsonl, manifest.csv, 目录.xlsx naming the agency's files: parsers.catalogue), or None."""
    from gongkai.parsers.catalogue import may_be_catalogue, read_catalogue_from

    return read_catalogue_from(io.BytesIO(data), name) if may_be_catalogue(name, len(data)) else None


def _push_catalogue(engine: Engine, agency: str, catalogue: Catalogue, name: str) -> PushResult:
    """A catalogue pushed (its files pushed one request each, before or after it): each file the agency pushed before
    under a name a line gives is read again with that line (a new version of its record; the metadata sent with it
    wins), and each other line waits for its file in the quarantine (feeds/waiting_lines.py), taken by the push of a
    file of that name. Answered 202, what became of each line in the counts. It was 422 `the file holds N records`
    (doors12's gap): the lines were lost for the files."""
    from gongkai.parsers.catalogue import entry_ref, missing_reason

    ref = f"push:{agency}:file:{name}"
    waiting: list[IngestItem] = []
    applied: list[PushResult] = []
    wait = engine.settings.feeds.inbox_sidecar_wait_seconds
    for entry in catalogue.entries:
        path = entry.path() if not entry.error else None
        # the files the agency pushed under that name, else those it dropped in its folder (one agency, two doors: doors14)
        earlier = [engine.store.captures_sent_as(door, str(path)) for door in (agency, f"inbox:{agency}")
                   ] if path is not None and len(path.parts) == 1 else []
        kept, why = _newest_kept(engine, earlier, wait)
        if kept is not None:
            sent = dict((kept[1].get("meta") or {}).get("sidecar") or {})
            sent_as = str((kept[1].get("meta") or {}).get("filename") or path)  # (the line may write it in another case)
            applied.append(push_document(engine, agency, kept[0], sent_as, kept[1].get("content_type") or "",
                                         {**entry.fields, **{k: v for k, v in sent.items() if k not in ("source", "issuer")}}))
        else:
            # not pushed yet, sent longer ago than the late catalogue's wait, or its kept bytes are gone (a raw store
            # restored from an older backup): the line waits for the file to be pushed (again) rather than serving nothing
            # (review21: it was dropped, then a 500)
            line = entry_ref(ref, entry, "#")
            waiting.append(IngestItem(line, error=f"{line}: {missing_reason(name, entry, why)}",
                                      payload=entry.payload, source=agency))
    if waiting:
        engine.ingest_items(waiting)
    done = sum(1 for result in applied if result.http_status < 300)
    return PushResult(1, None, "accepted", 202, error=f"文件目录已收到：{done} 行用于已推送的文件，{len(waiting)} 行等待其文件 / catalogue "
                      f"accepted: {done} line(s) applied to files pushed before, {len(waiting)} waiting for their files")


def _newest_kept(engine: Engine, doors: list[list[str]], wait: float) -> tuple[tuple[bytes, dict] | None, str]:
    """The bytes and metadata of the newest capture of either door (each door's shas newest first) whose kept bytes can
    be read, stored at most `wait` seconds ago (feeds.inbox_sidecar_wait_seconds, the late catalogue's rule the drop
    folder keeps: review22b, a catalogue pushed this month retitled last month's page of its name, pushed or dropped),
    else None and why the line waits."""
    from gongkai.store.errors import CaptureCorruptError, CaptureMissingError

    since, newest, why = datetime.now(UTC).timestamp() - wait, [], " (not pushed yet)"
    for shas in doors:
        for sha in shas:
            with contextlib.suppress(CaptureMissingError, CaptureCorruptError):
                kept = engine.store.get_capture(sha)
                if kept is not None:
                    newest.append(kept)
                    break  # this door's newest readable one: older ones are older still
            why = " (pushed before, but its kept bytes are gone: push it again)"
    sent = [(last_sent(engine, kept), kept) for kept in newest]
    recent = [(at, kept) for at, kept in sent if at >= since]
    if newest and not recent:
        why = " (sent before feeds.inbox_sidecar_wait_seconds: send it again)"
    return max(recent, key=lambda pair: pair[0], default=(0.0, None))[1], why


def last_sent(engine: Engine, kept: tuple[bytes, dict]) -> float:
    """When a kept file was last sent: its capture row keeps its first sending's time, a record read from it is seen
    again at each sending of the same bytes (review22b: a file re-sent unchanged just before its catalogue)."""
    seen = [record.last_seen for rid in engine.store.records_of_capture(kept[1]["sha256"])
            if (record := engine.store.get(rid)) is not None and record.last_seen is not None]
    return max([kept[1]["created_at"], *seen]).timestamp()


def _waiting_line(engine: Engine, agency: str, filename: str) -> WaitingLine | None:
    """The open line of a catalogue this agency pushed or dropped that names `filename`, or None."""
    from gongkai.feeds.waiting_lines import agency_doors_refs, waiting_lines

    # or of a catalogue dropped in the agency's folder: one agency, two doors (doors14)
    return waiting_lines(engine.store, agency_doors_refs(agency), [filename]).get(filename)


def _unzipped(engine: Engine, agency: str, data: bytes, name: str) -> tuple[str, bytes] | PushResult | None:
    """The one file a pushed zip holds (a clerk zipped a PDF or an export to send it: the drop folder's rule of what a zip
    may hold, gongkai.compressed), as (its name, its bytes); a refusal for a bomb (422, quarantined) or for a zip of
    several files (422: the push is one file, the drop folder takes the zip whole); None: no such zip (an office file
    renamed .zip, a zip of anything else), parsed as a document as before. It was 422 `不支持的文件格式`."""
    import zipfile

    from gongkai.compressed import check_members, files_of, member_name, readable_members
    from gongkai.parsers.capture import ParseError

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = files_of(archive)
            if not readable_members(members):
                return None
            check_members(archive, engine.settings.parsers, name)  # a bomb, a password: refused
            if len(members) > 1:
                # kept, as every refused input is (doors13: the 422 alone said it, and the zip was nowhere): a retry or an
                # operator reads it from the quarantine
                ref = f"push:{agency}:file:{name}"
                reason = (f"the zip holds {len(members)} files: push them one by one, or put the zip in the agency's folder "
                          "of the drop folder")
                engine.ingest_items([IngestItem(ref, error=f"{ref}: {reason}", payload=data, source=agency)])
                return chinese_first(1, None, "rejected", reason)
            [member] = members
            return member_name(member).rpartition("/")[2], archive.read(member)
    except ParseError as exc:
        ref = f"push:{agency}:file:{name}"
        engine.ingest_items([IngestItem(ref, error=f"{ref}: {exc.reason}", payload=data, source=agency)])
        return chinese_first(1, None, "rejected", exc.reason)
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, RuntimeError, NotImplementedError):
        return None  # damaged, or a compression method zipfile lacks: parsed as a document, which says so


def _gunzipped(engine: Engine, agency: str, data: bytes, name: str) -> bytes | PushResult:
    """The bytes a pushed gzip record file holds, or its refusal (a bomb, a truncated stream: 422, quarantined)."""
    import gzip

    from gongkai.parsers.archive import check_gzip
    from gongkai.parsers.capture import ParseError

    try:
        size, unpacked = len(data), data
        for _ in range(MAX_GZIP_LAYERS):  # a gzip of a gzip (export.jsonl.gz.gz) too, each layer's ratio against what came
            if not unpacked.startswith(GZIP_MAGIC):
                break
            check_gzip(io.BytesIO(unpacked), size, engine.settings.parsers, name)
            unpacked = gzip.decompress(unpacked)  # within parsers.max_uncompressed_bytes: checked above
        return unpacked
    except ParseError as exc:
        ref = f"push:{agency}:file:{name}"
        engine.ingest_items([IngestItem(ref, error=f"{ref}: {exc.reason}", payload=data, source=agency)])
        return chinese_first(1, None, "rejected", exc.reason)


def _record_file_kind(data: bytes, name: str) -> Kind | None:
    """Which record file a pushed file is, by the one rule of `gongkai ingest` and the drop folder: XML by
    parsers.sidecar.is_xml_record_file (a <record>/<records> document, or XML declaring a DTD, is records, never
    an HTML page to parse, where an entity such as &lol9; would become a title); JSON by gongkai.recordfiles.kind_of
    (.json, .jsonl/.ndjson/.jsonlines, a suffix-less or .txt name opening with `{`). None: a document to parse.
    A JSON file pushed as a document was stored as a text record titled "array" or "{", and a JSON Lines file of
    several records was quarantined as "read it with parse_records"."""
    from gongkai.feed_files import is_feed
    from gongkai.inputs import TAIL_BYTES, claimed_by_document, opening_bytes
    from gongkai.parsers.sidecar import is_xml_record_file, looks_like_xml_records
    from gongkai.record_file_kinds import JSON_OPENINGS, pretty_printed

    head = opening_bytes(data[:1024])  # a UTF-16 file too (its BOM), as `gongkai ingest` reads it
    if is_feed(head, data[-1024:]) and not looks_like_xml_records(head):
        return "feed"  # an RSS/Atom/JSON Feed file: its items are records, as the drop folder reads it (doors12)
    if head.startswith(b"<"):
        if not looks_like_xml_records(head) and _page_name(name) and b"<!doctype html" in head.lower():
            # a page named as one (通告.xhtml, 听证会.html) whose DOCTYPE is a page's is the document its name says, entities
            # declared or not, as the drop folder and `gongkai ingest` read it (the document parser expands no entity): an
            # XHTML page declaring an entity for its agency's name was refused 422 unsafe_xml by the push alone (doors7's
            # leftover, doors8). Another DOCTYPE declaring entities (`<!DOCTYPE lolz [...]>`) is still refused unread.
            return None
        return "xml" if is_xml_record_file(head) else None
    kind = kind_of(name, data[:1024])
    if kind == "xml" or (kind == "json" and head and not head.startswith(JSON_OPENINGS)):
        # an .xml name without XML records, or a .json name without JSON: the parsers say what it is; a .json opening with
        # an export script's comment (`// 导出于…`) is records, as the drop folder reads it (doors11: "holds 7 records")
        return None
    if kind == "lines" and claimed_by_document(data[:1024], data[1024:][-TAIL_BYTES:]):
        return None  # a PDF or DOCX renamed .jsonl: "the file holds 946 records" (lines of its binary)
    if kind == "lines" and pretty_printed(data[:1024]):
        return "json"  # an indent=2 export under a .jsonl name (plain or gzipped): its lines are no records, as gongkai ingest reads it
    return kind


@lru_cache(maxsize=1)
def _page_suffixes() -> tuple[str, ...]:
    """The names a pushed page goes by: the HTML format's extensions (the registry's, .jsp and .php pages too) and .xht,
    XHTML's short name. Asked on first use: the registry loads every format's module."""
    return (*(f".{extension}" for extension in page_extensions()), ".xht")


def _page_name(name: str) -> bool:
    """Whether a pushed file's name says it is a page: read as that page, never as XML records (_record_file_kind)."""
    return name.lower().rstrip(". ").endswith(_page_suffixes())


def _push_record_file(engine: Engine, agency: str, data: bytes, metadata: dict[str, Any], name: str, kind: Kind) -> PushResult:
    """A pushed record file (XML, JSON, JSON Lines): its one record (metadata fields win), by the one reader;
    a broken file is refused (422) and quarantined with the reason, like every other bad input."""
    # The file's name in the ref: the operator sees which file, and a retry reads the kept bytes as that file
    # (kind_of by its suffix); "push:AGENCY:file" alone was read again as one JSON record, with another reason.
    ref = f"push:{agency}:file:{name}"
    values = [value for _, _, value in read_values(io.BytesIO(data), name, kind, RecordLimits.of(engine.settings))]
    if len(values) != 1:
        # kept in the quarantine with the file's bytes (doors9: nothing was kept, the 422 alone said it): a retry reads the
        # kept file by its name's kind, each of its records; sent again, the same entry is touched, not doubled
        reason = (f"the file holds {len(values)} records: push them as a record batch "
                  "(the request body: a JSON array, or JSON Lines with Content-Type application/x-ndjson)")
        engine.ingest_items([IngestItem(ref, error=f"{ref}: {reason}", payload=data, source=agency)])
        return chinese_first(1, None, "rejected", reason)
    value = values[0]
    if isinstance(value, BadRecord):
        engine.ingest_items([IngestItem(ref, error=f"{ref}: {value.reason}", payload=data, source=agency)])
        return chinese_first(1, None, "rejected", value.reason)
    return push_records(engine, agency, [{**value, **metadata}])[0]


def overall_status(results: list[PushResult], single: bool) -> int:
    """One item: its own code. A batch: 200 when every item went in, else 207 (look at each item)."""
    if single and len(results) == 1:
        return results[0].http_status
    return 200 if all(r.http_status < 300 for r in results) else 207


def counts(results: list[PushResult]) -> dict[str, int]:
    summary = {"new": 0, "updated": 0, "unchanged": 0, "rejected": 0}  # "withdrawn" added when any
    for result in results:
        summary[result.status] = summary.get(result.status, 0) + 1
    return summary


def safe_filename(name: str) -> str:
    """The last path component only, without control characters: a name is never a path."""
    base = PurePath(name.replace("\\", "/")).name
    cleaned = "".join(ch for ch in base if ch.isprintable() and ch not in "/\\").strip(" .")
    return cleaned[:200] or "upload"


def _as_object(item: str | dict[str, Any] | BadRecord) -> tuple[dict[str, Any], str | None]:
    if isinstance(item, BadRecord):
        return {}, item.reason
    if isinstance(item, str):
        try:
            item = load_client_json(item)
        except ClientJSONError as exc:
            return {}, str(exc)
    if not isinstance(item, dict):
        return {}, f"a record must be a JSON object, got {type(item).__name__}"
    return dict(item), None


def _fill_agency(data: dict[str, Any], agency: str, names: tuple[str, ...] = ("source", "issuer")) -> None:
    for name in names:
        if not (isinstance(data.get(name), str) and data[name].strip()):
            data[name] = agency


def _refusal(data: dict[str, Any], agency: str) -> str | None:
    for name in ("source", "issuer"):
        value = data.get(name)
        if isinstance(value, str) and value.strip() != agency:
            return f"{name} {value.strip()!r} is not this token's agency {agency!r}"
    return None


def _owned_by_other(engine: Engine, record: Record, agency: str) -> str | None:
    owner = changes.owners(engine.store, [record.id]).get(record.id)
    return _other_owner(record.id, owner) if owner is not None and not _owns(agency, owner, engine) else None


def _owns(agency: str, owner: tuple[str, str], engine: Engine) -> bool:
    """Whether the agency may change a record of this (issuer, source): its own name as source, or its drop folder's
    source `inbox:AGENCY` (a record it dropped there was another agency's to its push: 403 to update or withdraw), or
    its name as issuer of a record no other agency sent (a crawled page of its site). A document another agency
    pushed or dropped keeps the issuer it names (probe5), and that body does not own the sender's copy."""
    issuer, source = owner
    if source in (agency, f"inbox:{agency}"):
        return True
    if issuer != agency or source.startswith("inbox:"):
        return False
    if source.startswith(("site:", "feed:")) or source in ("", "inbox"):
        return True  # a crawled or polled record (no agency's door): no token query for each record of a batch
    from gongkai.feeds.tokens import TokenStore

    return source not in {token.agency for token in TokenStore(engine.store).list()}


def _other_owner(record_id: str, owner: tuple[str, str]) -> str:
    return f"record {record_id} belongs to another agency ({owner[0] or owner[1]})"
