"""Validity rows of the store (issue 19): what each record says (validity_docs), the documents it
names (validity_edges), the keys it is named by (validity_keys), and the derived status.

`refresh` runs inside the transaction that stores the records (Store.write_batch), so the derived
data never lags the records it is derived from. It re-resolves every edge whose keys the batch
touched, whoever stated it: a repealed document that arrives after the repealing one fills the
edge then, and the result does not depend on the order of arrival. `recompute_statuses` derives
statuses again for a date (the daily job); `set_override` records an operator's decision.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import partial as partial_fn
from typing import Any, NamedTuple

from sqlalchemy import and_, bindparam, delete, func, insert, or_, select, update
from sqlalchemy.engine import Connection, Engine

from gongkai.record import Record
from gongkai.record_row import RecordRow, as_record
from gongkai.store.bulk import bulk_insert
from gongkai.store.bulk import select_in as _select_in
from gongkai.store.codec import record_from_row
from gongkai.store.schema import (
    RECORD_READ_COLUMNS,
    records,
    validity_docs,
    validity_edges,
    validity_keys,
    validity_overrides,
)
from gongkai.store.timeutil import change_time, utc_now
from gongkai.store.validity_changes import renumber
from gongkai.validity import (
    Candidate,
    Incoming,
    RecordRead,
    choose,
    derive,
    fingerprint,
    part_suspended,
    read_record,
    repealed_from,
    stated_of,
)

_CHUNK = 500
#: json.dumps(…, ensure_ascii=False, sort_keys=True) builds an encoder every call: one, made once
_DETAIL_JSON = json.JSONEncoder(ensure_ascii=False, sort_keys=True)
#: documents listed in `cited_by` (the count is given in full)
CITED_BY_SHOWN = 100


def _chunks(values: Sequence[Any], size: int = _CHUNK):
    for start in range(0, len(values), size):
        yield list(values[start:start + size])


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def refresh(
    conn: Connection, batch: Sequence[Record | RecordRow], today: date, reads: Mapping[str, RecordRead] | None = None,
    fresh: Collection[str] = (), now: datetime | None = None,
) -> None:
    """Read the statements of the (new or changed) records, resolve, and derive the affected statuses.

    `reads`: what the records say, read ahead (the ingest worker); a missing or stale one is read here.
    `fresh`: ids the store held no record of before this transaction (records are never deleted, so they
    have no validity rows, no edge names them by id, no override): nothing to delete, and the status of
    those no edge of this batch resolves to is derived here, before their row is written (the others, with
    the records whose incoming edges changed, by `recompute_statuses`, as before).
    `now`: the change time (naive UTC) of older records whose status this changes (their OAI datestamp)."""
    latest: dict[str, Record | RecordRow] = {}
    for record in batch:
        latest[record.id] = record  # the same id twice in a batch: the later one is stored
    ids = list(latest)
    if not ids:
        return
    old = [i for i in ids if i not in fresh]
    touched: set[str] = set(old)
    for part in _chunks(old):
        touched.update(r[0] for r in conn.execute(select(validity_edges.c.dst_id).where(
            validity_edges.c.src_id.in_(part), validity_edges.c.dst_id.is_not(None), validity_edges.c.kind.in_(STATUS_KINDS))))
        conn.execute(delete(validity_edges).where(validity_edges.c.src_id.in_(part)))
        conn.execute(delete(validity_keys).where(validity_keys.c.record_id.in_(part)))
        conn.execute(delete(validity_docs).where(validity_docs.c.record_id.in_(part)))
    key_rows = []
    own_edges: list[tuple[str, tuple]] = []
    batch_keys: dict[str, list[str]] = {}
    known: dict[str, Candidate] = {}  # the batch's records as candidates, as their rows say
    read_of: dict[str, RecordRead] = {}
    reads = reads or {}
    for record in latest.values():
        record_id = record.id
        read = reads.get(record_id)
        if read is None or read.fingerprint != fingerprint(record):
            read = read_record(as_record(record))
        read_of[record_id] = read
        # (a record's loop once cost ~7 µs of Python: generators for two dates and two key lists, made plain)
        published, written = record.publish_date, record.written_date
        dates = (published, written) if published and written else (published,) if published else (written,) if written else ()
        if record.withdrawn:
            known[record_id] = Candidate(record_id, "", (), dates, record.issuer)
            continue  # a withdrawn document names nothing and is named by nothing
        for edge in read.edges:
            own_edges.append((record_id, edge))
        keys = read.keys
        batch_keys[record_id] = list(keys)
        number, titles = "", []
        for key in keys:
            key_rows.append((record_id, key))
            if key.startswith("t:"):
                titles.append(key[2:])
            elif not number and key.startswith("n:"):
                number = key[2:]
        known[record_id] = Candidate(record_id, number, tuple(titles), dates, record.issuer)
    # tuples at the driver's speed (store/bulk.py): SQLAlchemy's own executemany cost ~10 µs a row
    bulk_insert(conn, validity_keys, ("record_id", "key"), key_rows)
    # resolution reads the batch's keys from the table and its records' dates from `known`, not their docs rows
    touched |= _resolve(conn, own_edges, old, batch_keys, known)
    doc_rows = []
    for record in latest.values():
        read = read_of[record.id]
        status, detail, status_on = "unknown", "{}", None  # derived by recompute_statuses below
        if record.id in fresh and record.id not in touched:
            derived = derive(today, read.effective_date, read.expiry_date, read.on_publish, [], read.decisive, stated=stated_of(read.data))
            status, status_on = derived.status, today
            detail = _DETAIL_JSON.encode(derived.detail) if derived.detail else "{}"
        doc_rows.append((record.id, read.effective_date, read.expiry_date, record.publish_date, record.written_date,
                         read.data, status, detail, status_on))
    bulk_insert(conn, validity_docs, _DOC_COLUMNS, doc_rows)
    if touched:
        # a suspending notice whose status may have moved (repealed by this batch): what it suspends follows (validity4)
        touched |= suspenders_of(conn, touched)
        recompute_statuses(conn, today, sorted(touched), now)


#: the edge kinds a status depends on (derive reads incoming repeals, amends, extends, suspends and resumes only): an edge of another kind
#: (cites, amended_by) that resolves or moves changes no status, so its target is not derived again
STATUS_KINDS = ("repeals", "amends", "extends", "suspends", "resumes")
_DOC_COLUMNS = ("record_id", "effective_date", "expiry_date", "publish_date", "written_date", "data", "status", "status_detail", "status_on")
class _DocRow(NamedTuple):
    record_id: str
    effective_date: date | None
    expiry_date: date | None
    data: str
    status: str
    status_detail: str
    status_on: date | None


class _StatusEdge(NamedTuple):
    src_id: str
    kind: str
    title: str
    doc_number: str
    statement: str
    dst_id: str


#: edge_q's own conditions in recompute_statuses (constants: no value from outside)
_STATUS_EDGE_SQL = "kind IN (" + ", ".join(f"'{kind}'" for kind in STATUS_KINDS) + ") AND dst_id IS NOT NULL"

#: what resolution reads of a stored edge
_EDGE_READ = (validity_edges.c.id, validity_edges.c.kind, validity_edges.c.src_id, validity_edges.c.title, validity_edges.c.title_key,
              validity_edges.c.number_key, validity_edges.c.ref_date, validity_edges.c.issuer, validity_edges.c.dst_id)


class _Edge(NamedTuple):
    id: int
    kind: str
    src_id: str
    title: str
    title_key: str
    number_key: str
    ref_date: date | None
    issuer: str
    dst_id: str | None


#: a RecordRead edge's fields, then its source and target
_EDGE_COLUMNS = ("kind", "title", "doc_number", "ref_date", "issuer", "statement", "title_key", "number_key", "src_id", "dst_id")


def _resolve(
    conn: Connection, own_edges: list[tuple[str, tuple]], old: list[str], batch_keys: dict[str, list[str]],
    known: dict[str, Candidate],
) -> set[str]:
    """Resolve the edges the batch may change and store the batch's own; returns the records whose incoming
    edges changed. The batch's keys are in validity_keys already; its own edges are not (they are inserted
    here, resolved: no edge is written and then read back). Only edges of STATUS_KINDS count as a change.

    - edges stated by the batch, and edges resolved to a batch record (its keys may have changed): in full,
      among every holder of their keys;
    - edges naming a key a batch record holds: only the current target and the batch's holders compete
      (`choose` picks by a fixed preference, so the best of those two is the best of all). Without this, a
      title shared by thousands of documents made every batch load all of them again.
    """
    full: dict[int, _Edge] = {}
    if old:  # a fresh record has no edge resolved to it yet
        full.update((r[0], _Edge(*r)) for r in _select_in(conn, _EDGE_READ, (validity_edges.c.dst_id, old)))
    holders_in_batch: dict[str, set[str]] = defaultdict(set)
    for record_id, keys in batch_keys.items():
        for key in keys:
            holders_in_batch[key].add(record_id)
    partial: dict[int, _Edge] = {}
    title_keys = sorted(k[2:] for k in holders_in_batch if k.startswith("t:"))
    number_keys = sorted(k[2:] for k in holders_in_batch if k.startswith("n:"))
    # one query for both kinds of key (OR of two indexed INs)
    for r in _select_in(conn, _EDGE_READ, (validity_edges.c.title_key, title_keys), (validity_edges.c.number_key, number_keys)):
        if r[0] not in full:
            partial[r[0]] = _Edge(*r)
    wanted = {f"t:{e.title_key}" for e in full.values() if e.title_key} | {f"n:{e.number_key}" for e in full.values() if e.number_key}
    wanted |= {f"t:{edge[6]}" for _, edge in own_edges if edge[6]} | {f"n:{edge[7]}" for _, edge in own_edges if edge[7]}
    holders: dict[str, set[str]] = defaultdict(set)
    for record_id, key in _select_in(conn, (validity_keys.c.record_id, validity_keys.c.key), (validity_keys.c.key, sorted(wanted))):
        holders[key].add(record_id)
    needed = {i for ids in holders.values() for i in ids}
    needed |= {e.src_id for e in (*full.values(), *partial.values())} | {e.dst_id for e in partial.values() if e.dst_id}
    candidates = dict(known)
    # the issuers of stored candidates only when a reference printed one (rare: the records table is read then)
    issuers = any(edge[4] for _, edge in own_edges) or any(e.issuer for e in (*full.values(), *partial.values()))
    candidates.update(_candidates(conn, needed - set(known), issuers))

    def target(src_id: str, title: str, number: str, printed: date | None, ids: set[str], issuer: str = "",
               statement: str | Callable[[], str] = "", key: str = "") -> str | None:
        src = candidates.get(src_id)
        src_date = max(src.dates) if src and src.dates else None
        return choose(src_id, title, number, printed, src_date, [candidates[i] for i in sorted(ids) if i in candidates], issuer,
                      statement, key)

    changed: set[str] = set()
    edge_rows = []
    for src_id, edge in own_edges:
        kind, title, _doc_number, ref_date, issuer, _statement, t_key, n_key = edge
        ids = holders.get(f"t:{t_key}", set()) | holders.get(f"n:{n_key}", set())
        dst = target(src_id, title, n_key, ref_date, ids, issuer, _statement, t_key) if ids else None
        if dst and kind in STATUS_KINDS:
            changed.add(dst)
        edge_rows.append((*edge, src_id, dst))
    bulk_insert(conn, validity_edges, _EDGE_COLUMNS, edge_rows)
    updates = []
    for edges, pool in ((full, holders), (partial, holders_in_batch)):
        for edge in edges.values():
            ids = pool.get(f"t:{edge.title_key}", set()) | pool.get(f"n:{edge.number_key}", set())
            if edges is partial and edge.dst_id:
                ids = ids | {edge.dst_id}
            # its sentence read only if choose needs it (a year before the title among several records of the title: rare;
            # an edge's statement is up to 2,000 characters, and a much cited title re-resolves thousands of edges)
            dst = target(edge.src_id, edge.title, edge.number_key, edge.ref_date, ids, edge.issuer, partial_fn(_edge_statement, conn, edge.id),
                         edge.title_key)
            if dst != edge.dst_id:
                updates.append({"edge_id": edge.id, "new_dst": dst})
                if edge.kind in STATUS_KINDS:
                    changed.update(x for x in (dst, edge.dst_id) if x)
    if updates:  # one executemany, not a statement per edge
        conn.execute(update(validity_edges).where(validity_edges.c.id == bindparam("edge_id")).values(dst_id=bindparam("new_dst")), updates)
    return changed


def _edge_statement(conn: Connection, edge_id: int) -> str:
    return str(conn.execute(select(validity_edges.c.statement).where(validity_edges.c.id == edge_id)).scalar() or "")


def _candidates(conn: Connection, ids: set[str], issuers: bool = False) -> dict[str, Candidate]:
    out: dict[str, Candidate] = {}
    for part in _chunks(sorted(ids)):
        issuer_of: dict[str, str] = dict(_select_in(conn, (records.c.id, records.c.issuer), (records.c.id, part))) if issuers else {}
        keys: dict[str, list[str]] = defaultdict(list)
        for record_id, key in _select_in(conn, (validity_keys.c.record_id, validity_keys.c.key), (validity_keys.c.record_id, part)):
            keys[record_id].append(key)
        docs = (validity_docs.c.record_id, validity_docs.c.publish_date, validity_docs.c.written_date)
        for record_id, published, written in _select_in(conn, docs, (validity_docs.c.record_id, part)):
            number = next((k[2:] for k in keys[record_id] if k.startswith("n:")), "")
            titles = tuple(k[2:] for k in keys[record_id] if k.startswith("t:"))
            out[record_id] = Candidate(record_id, number, titles, tuple(d for d in (published, written) if d), issuer_of.get(record_id, ""))
    return out


def _overrides(conn: Connection, ids: list[str] | None) -> dict[str, dict[str, Any]]:
    query = select(validity_overrides).order_by(validity_overrides.c.id)
    rows = []
    if ids is None:
        rows = list(conn.execute(query).mappings())
    else:
        for part in _chunks(ids):
            rows += list(conn.execute(query.where(validity_overrides.c.record_id.in_(part))).mappings())
    out: dict[str, dict[str, Any]] = {}
    for row in sorted(rows, key=lambda r: r["id"]):
        out[row["record_id"]] = {"status": row["status"], "reason": row["reason"], "by": row["set_by"], "at": row["set_at"].isoformat() + "Z"}
    return out


def recompute_statuses(conn: Connection, today: date, ids: list[str] | None = None, now: datetime | None = None) -> int:
    """Derive the status of `ids` (every record when None) for `today`; write the ones that changed.
    Returns how many rows changed. A record whose status changed takes a new change number, so that the
    search index re-reads it (store/validity_changes.py); a row never derived yet (status_on None) was just
    written by `refresh` for a record its caller renumbers (write_batch numbers its records itself).
    A record whose status changed also takes the change time `now` (naive UTC; default the clock's), its OAI
    datestamp, Atom updated and sitemap lastmod, so that harvesters fetch it again."""
    docs_q = select(validity_docs.c.record_id, validity_docs.c.effective_date, validity_docs.c.expiry_date, validity_docs.c.data, validity_docs.c.status, validity_docs.c.status_detail, validity_docs.c.status_on)
    edge_q = select(validity_edges.c.src_id, validity_edges.c.kind, validity_edges.c.title, validity_edges.c.doc_number, validity_edges.c.statement, validity_edges.c.dst_id).where(
        validity_edges.c.kind.in_(STATUS_KINDS), validity_edges.c.dst_id.is_not(None)
    )
    docs: list[Any] = []
    edges: list[Any] = []
    if ids is None:
        docs = list(conn.execute(docs_q))
        edges = list(conn.execute(edge_q))
    elif ids:
        # through the driver (_select_in): a batch that resolves a repeal derives its targets here
        docs = [_DocRow(*r) for r in _select_in(conn, tuple(docs_q.selected_columns), (validity_docs.c.record_id, ids))]  # type: ignore[arg-type]
        edges = [_StatusEdge(*r) for r in _select_in(conn, tuple(edge_q.selected_columns), (validity_edges.c.dst_id, ids), also=_STATUS_EDGE_SQL)]  # type: ignore[arg-type]
    src_effective: dict[str, date | None] = {}
    src_published: dict[str, date | None] = {}  # of the documents suspending or resuming: their day when they print none
    src_expiry: dict[str, date | None] = {}
    src_ids = sorted({e.src_id for e in edges})
    if src_ids:
        src_columns = (validity_docs.c.record_id, validity_docs.c.effective_date, validity_docs.c.publish_date, validity_docs.c.written_date,
                       validity_docs.c.expiry_date)
        for src_id, effective, published, written, expiry in _select_in(conn, src_columns, (validity_docs.c.record_id, src_ids)):
            src_effective[src_id], src_published[src_id], src_expiry[src_id] = effective, published or written, expiry
    suspenders = sorted({e.src_id for e in edges if e.kind == "suspends"})
    ended = _ends(conn, suspenders, src_expiry, today) if suspenders else {}
    incoming: dict[str, list[Incoming]] = defaultdict(list)
    for e in edges:
        incoming[e.dst_id].append(Incoming(e.src_id, e.kind, e.title, e.doc_number, src_effective.get(e.src_id), e.statement,
                                           src_published.get(e.src_id), ended.get(e.src_id) if e.kind == "suspends" else None))
    overrides = _overrides(conn, ids)
    rows, moved = [], []
    for doc in docs:
        data = json.loads(doc.data or "{}")
        result = derive(today, doc.effective_date, doc.expiry_date, bool(data.get("effective_on_publish")), incoming.get(doc.record_id, []), bool(data.get("decisive")), overrides.get(doc.record_id), data.get("stated"))
        detail = _DETAIL_JSON.encode(result.detail)
        if result.status != doc.status or detail != doc.status_detail or doc.status_on is None:
            rows.append({"rid": doc.record_id, "new_status": result.status, "new_detail": detail, "new_on": today})
            if result.status != doc.status and doc.status_on is not None:
                moved.append(doc.record_id)
    if rows:  # one executemany: a statement per row cost more than deriving the statuses
        statement = update(validity_docs).where(validity_docs.c.record_id == bindparam("rid"))
        conn.execute(statement.values(status=bindparam("new_status"), status_detail=bindparam("new_detail"), status_on=bindparam("new_on")), rows)
    if moved:
        renumber(conn, moved, change_time(conn, now))  # a moved status is a change: its time is the database's
    return len(rows)


def _ends(conn: Connection, ids: list[str], expiry: Mapping[str, date | None], today: date) -> dict[str, date]:
    """The first day each document of `ids` (those suspending another) is no longer in force, when that day has come: the
    day a document in force repeals it (the day its sentence prints, else its effective or publication date), or the day
    after its own period (validity4: a suspension ended only by 恢复执行 or an operator; `决定废止《关于暂停执行〈X〉的
    通知》` left X 暂停执行 for ever)."""
    out: dict[str, date] = {}
    for record_id in ids:
        last = expiry.get(record_id)
        if last is not None and last < today:
            out[record_id] = last + timedelta(days=1)
    columns = (validity_edges.c.src_id, validity_edges.c.title, validity_edges.c.doc_number, validity_edges.c.statement, validity_edges.c.dst_id)
    repeals = list(_select_in(conn, columns, (validity_edges.c.dst_id, ids), also="kind = 'repeals'"))
    repealers = sorted({r[0] for r in repeals})
    days: dict[str, date | None] = {}
    docs = (validity_docs.c.record_id, validity_docs.c.effective_date, validity_docs.c.publish_date, validity_docs.c.written_date)
    for record_id, effective, published, written in _select_in(conn, docs, (validity_docs.c.record_id, repealers)) if repealers else ():
        days[record_id] = effective or published or written
    for src_id, title, doc_number, statement, dst_id in repeals:
        day = repealed_from(statement, title, doc_number, days.get(src_id))
        if day is not None and day <= today and (dst_id not in out or day < out[dst_id]):
            out[dst_id] = day
    return out


def suspenders_of(conn: Connection, ids: Collection[str]) -> set[str]:
    """The records that documents of `ids` suspend: their status follows those documents' own (_ends)."""
    out: set[str] = set()
    for part in _chunks(sorted(ids)):
        out.update(r[0] for r in conn.execute(select(validity_edges.c.dst_id).where(
            validity_edges.c.src_id.in_(part), validity_edges.c.kind == "suspends", validity_edges.c.dst_id.is_not(None))))
    return out


def set_override(conn: Connection, record_id: str, status: str, reason: str, by: str, now: datetime, today: date) -> None:
    conn.execute(insert(validity_overrides).values(record_id=record_id, status=status, reason=reason, set_by=by, set_at=now))
    recompute_statuses(conn, today, [record_id], now)


def missing_ids(conn: Connection, limit: int = 1000) -> list[str]:
    """Records with no validity row yet (stored before issue 19, or by a path that skipped it)."""
    query = select(records.c.id).outerjoin(validity_docs, validity_docs.c.record_id == records.c.id).where(validity_docs.c.record_id.is_(None)).order_by(records.c.id).limit(limit)
    return [r[0] for r in conn.execute(query)]


@dataclass
class Item:
    id: str | None
    title: str
    doc_number: str
    date: str | None
    statement: str

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "doc_number": self.doc_number, "date": self.date, "statement": self.statement}


def read(conn: Connection, record_id: str) -> dict[str, Any] | None:
    """The validity of one record as the API shows it (None when it has no validity row)."""
    doc = conn.execute(select(validity_docs).where(validity_docs.c.record_id == record_id)).mappings().first()
    if doc is None:
        return None
    data = json.loads(doc["data"] or "{}")
    out_edges = list(conn.execute(select(validity_edges).where(validity_edges.c.src_id == record_id).order_by(validity_edges.c.id)).mappings())
    incoming = select(validity_edges).where(validity_edges.c.dst_id == record_id).order_by(validity_edges.c.id)
    in_edges = list(conn.execute(incoming.where(validity_edges.c.kind != "cites")).mappings())
    # a law cited by thousands of documents: the first CITED_BY_SHOWN, and how many there are
    in_edges += list(conn.execute(incoming.where(validity_edges.c.kind == "cites").limit(CITED_BY_SHOWN)).mappings())
    cited_by_total = conn.execute(select(func.count()).select_from(validity_edges).where(validity_edges.c.dst_id == record_id, validity_edges.c.kind == "cites")).scalar()
    srcs = _record_heads(conn, {e["src_id"] for e in in_edges})

    def own(edge) -> dict[str, Any]:
        return Item(edge["dst_id"], edge["title"], edge["doc_number"], _iso(edge["ref_date"]), edge["statement"]).as_dict()

    def other(edge) -> dict[str, Any]:
        head = srcs.get(edge["src_id"], {})
        return Item(edge["src_id"], head.get("title", ""), head.get("doc_number", ""), head.get("date"), edge["statement"]).as_dict()

    def kind(edges, name):
        return [e for e in edges if e["kind"] == name]

    detail = json.loads(doc["status_detail"] or "{}")
    result = {
        "status": doc["status"],
        "effective_date": _iso(doc["effective_date"]),
        # a period another document extended ends on the day that document gives (its own one stays in the read)
        "expiry_date": detail.get("extended_until") or _iso(doc["expiry_date"]),
        "period": data.get("period", ""),
        "effective_statement": data.get("effective_statement", ""),
        "period_statement": data.get("period_statement", ""),
        "general_clauses": data.get("general_clauses", []),
        "repealed_by": [other(e) for e in kind(in_edges, "repeals")],
        "amended_by": [other(e) for e in kind(in_edges, "amends")] + [own(e) for e in kind(out_edges, "amended_by")],
        "repeals": [own(e) for e in kind(out_edges, "repeals")],
        "amends": [own(e) for e in kind(out_edges, "amends")],
        "extended_by": [other(e) for e in kind(in_edges, "extends")],
        "extends": [own(e) for e in kind(out_edges, "extends")],
        # validity3: the documents suspending (暂停执行) or resuming (恢复执行) it, whatever its status now, and those it does
        "suspended_by": [other(e) for e in kind(in_edges, "suspends")],
        "resumed_by": [other(e) for e in kind(in_edges, "resumes")],
        "suspends": [own(e) for e in kind(out_edges, "suspends")],
        # a part of it suspended (暂停执行《X》第十二条): it stays in force, the page says which part
        # …and which part, as printed (validity4: 第十二条、第十五条第二款)
        "suspended_in_part_by": [{**other(e), "part": part_suspended(e["statement"], e["title"], e["doc_number"])}
                                 for e in kind(in_edges, "suspends_part")],
        "resumes": [own(e) for e in kind(out_edges, "resumes")],
        "override": detail.get("override"),
        "stated": data.get("stated"),  # the agency's own 有效性 (gongkai.validity.stated_statement)
        "status_on": _iso(doc["status_on"]),
    }
    if result["status"] == "repealed" and detail.get("repealed_on"):
        result["repealed_on"] = detail["repealed_on"]
    if result["status"] == "suspended":
        result.update({key: detail[key] for key in ("suspended_on", "suspended_until") if detail.get(key)})
    elif detail.get("resumed_on"):
        result["resumed_on"] = detail["resumed_on"]
    return {
        "validity": result,
        "cites": [own(e) for e in kind(out_edges, "cites")],
        "cited_by": [other(e) for e in in_edges if e["kind"] == "cites"],
        "cited_by_total": cited_by_total,
    }


def _record_heads(conn: Connection, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    out = {}
    for part in _chunks(sorted(ids)):
        for row in conn.execute(select(*RECORD_READ_COLUMNS).where(records.c.id.in_(part))).mappings():
            record = record_from_row(row)
            out[record.id] = {"title": record.title, "doc_number": record.doc_number, "date": _iso(record.publish_date or record.written_date)}
    return out


def statuses(conn: Connection, ids: Sequence[str]) -> dict[str, str]:
    """The status of each id that has one (search results show the badge)."""
    # through the driver: the index asks this for every ingest batch (200 ids), where SQLAlchemy's select().where(in_())
    # cost about 1 ms a batch to build and compile
    return dict(_select_in(conn, (validity_docs.c.record_id, validity_docs.c.status), (validity_docs.c.record_id, list(ids))))


def edges_of(conn: Connection, record_id: str) -> list[dict[str, Any]]:
    """Every edge stated by or resolved to `record_id` (the graph command walks these)."""
    query = select(validity_edges).where(or_(validity_edges.c.src_id == record_id, and_(validity_edges.c.dst_id == record_id, validity_edges.c.dst_id.is_not(None))))
    return [dict(r) for r in conn.execute(query.order_by(validity_edges.c.id)).mappings()]


def beijing_day(moment: datetime | None = None) -> date:
    """The calendar day in China (documents take effect on Beijing dates); `moment` naive UTC."""
    from datetime import timedelta

    return ((moment or utc_now()).replace(tzinfo=None) + timedelta(hours=8)).date()


class ValidityMixin:
    """The validity methods of `Store` (it provides `_engine` and `_reader`)."""

    _engine: Engine
    _reader: Engine

    def validity(self, record_id: str) -> dict[str, Any] | None:
        with self._reader.connect() as conn:
            return read(conn, record_id)

    def validity_statuses(self, record_ids: Sequence[str]) -> dict[str, str]:
        with self._reader.connect() as conn:
            return statuses(conn, record_ids)

    def validity_edges(self, record_id: str) -> list[dict[str, Any]]:
        with self._reader.connect() as conn:
            return edges_of(conn, record_id)

    def validity_recompute(self, today: date | None = None) -> int:
        """The daily job: statuses derived again for today's date (a period ends, an effective date comes)."""
        with self._engine.begin() as conn:
            return recompute_statuses(conn, today or beijing_day())

    def validity_backfill(self, batch: int = 500, today: date | None = None, only: Sequence[str] | None = None) -> int:
        """Read the statements of records that have none yet (stored before issue 19); returns how many.
        `only`: just these ids (a page asking for one record must not read the whole store)."""
        done = 0
        while True:
            with self._engine.begin() as conn:
                if only is not None:
                    have = {r[0] for r in conn.execute(select(validity_docs.c.record_id).where(validity_docs.c.record_id.in_(list(only))))}
                    ids = [i for i in only if i not in have]
                    only = []
                else:
                    ids = missing_ids(conn, batch)
                if not ids:
                    return done
                rows = conn.execute(select(*RECORD_READ_COLUMNS).where(records.c.id.in_(ids))).mappings()
                refresh(conn, [record_from_row(r) for r in rows], today or beijing_day())
                renumber(conn, ids)  # their statuses are new: the index learns them
                done += len(ids)

    def validity_reread(self, record_ids: Sequence[str], today: date | None = None) -> None:
        """Read records again after a change made outside write_batch (a withdrawal, a restore): a withdrawn
        document names nothing and is named by nothing; a restored one is read as any other."""
        with self._engine.begin() as conn:
            rows = conn.execute(select(*RECORD_READ_COLUMNS).where(records.c.id.in_(list(record_ids)))).mappings()
            refresh(conn, [record_from_row(r) for r in rows], today or beijing_day())
            renumber(conn, record_ids)  # after the withdrawal's own number: the index reads the status derived now

    def validity_set(self, record_id: str, status: str, reason: str, by: str, now: datetime | None = None) -> None:
        with self._engine.begin() as conn:
            moment = change_time(conn, now)
            if conn.execute(select(records.c.id).where(records.c.id == record_id)).first() is None:
                raise KeyError(record_id)
            if conn.execute(select(validity_docs.c.record_id).where(validity_docs.c.record_id == record_id)).first() is None:
                rows = conn.execute(select(*RECORD_READ_COLUMNS).where(records.c.id == record_id)).mappings()
                refresh(conn, [record_from_row(r) for r in rows], beijing_day(moment))
                renumber(conn, [record_id])
            set_override(conn, record_id, status, reason, by, moment, beijing_day(moment))
