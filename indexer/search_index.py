"""SearchIndex: the one object the engine, CLI and server use to write and search the Tantivy index.

Writers: tantivy allows one IndexWriter per index directory across all processes. The writer is
taken lazily on the first write and released (after merges finish) by commit(), so a CLI ingest
can write while the server runs; a busy lock is retried until `lock_timeout` seconds, then
IndexLockedError. Readers never block: they search the generation CURRENT names.
"""

from __future__ import annotations

import hashlib  # shared commit names
import itertools
import os
import shutil
import threading
import time
import uuid  # unshared commit names
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import tantivy

from gongkai.dates import beijing_today
from gongkai.indexer import generations as gens
from gongkai.indexer import segment_query
from gongkai.indexer.analysis import register
from gongkai.indexer.ascii_terms import TermLists, terms_in_use
from gongkai.indexer.candidates import (
    CHECKED_DEPTH,
    SAMPLE_FLOOR,
    SLOT_FIRST_ABOVE,
    Checked,
    Counts,
    Reads,
    _scored_docs,
    any_match,
    best_hits,
    checked_top,
    count_found,
    ids_query,
    most_held,
    union_top,
)
from gongkai.indexer.candidates import count as count_matches
from gongkai.indexer.errors import IndexCorruptError, IndexLockedError, IndexOutdatedError
from gongkai.indexer.homophones import sound_alikes
from gongkai.indexer.natural import (
    Understanding,
    best_minimum,
    changed_at,
    dates_below_topics,
    lone_characters,
    names_over,
    segment_weights,
    spelling_alternatives,
)
from gongkai.indexer.query import Clause, highlight_terms, parse_query, prose_before_known_doc_numbers
from gongkai.indexer.query_builder import _identifier_value, build_candidates, build_query, loosens, nothing_to_search
from gongkai.indexer.ranking import (
    DEMOTED_STATUSES,
    Candidate,
    Demotion,
    SegmentMatcher,
    kind_subject,
    near_title_phrases,
    partial_order,
    rerank,
    typed_kind,
    typed_qualifier,
    validity_factor,
)
from gongkai.indexer.schema import (
    NO_VALIDITY,
    SAMPLE_SLOTS,
    SCHEMA_VERSION,
    PreparedDocument,
    build_schema,
    decode_payload,
    document_from_prepared,
    record_to_document,
)
from gongkai.indexer.snippets import leading_snippet, make_snippet
from gongkai.indexer.ties import TIE_MARGIN, page_of, window_of
from gongkai.indexer.understand import looked_for_by_parts, with_parts
from gongkai.record import Record
from gongkai.record_row import RecordRow, as_record
from gongkai.result_cache import ResultCache
from gongkai.search_types import FACET_NAMES, SORTS, Hit, SearchRequest, SearchResponse
from gongkai.settings import IndexSettings, SearchSettings
from gongkai.textnorm import fold

# The facet aggregation and the top-hits pass each run the query; tantivy releases the GIL while it works,
# so running the facets in a second thread makes a search take about the longer of the two instead of
# their sum (measured at 100,000 records: 11.4 -> 6.5 ms for a 25,000-hit query). Shared by every index.
_FACET_THREADS = ThreadPoolExecutor(max_workers=2, thread_name_prefix="gongkai-facets")
_REBUILD_BATCH = 1000
#: A day bonus held by at most this many records is searched by their ids (_search's `holding`): a union of as many terms,
#: each seeked cheaply, where the day's phrases walked on to their next match (qspeed7); more stay the bonus's own query
HOLDERS_BY_ID = 200
#: The store's validity status of records by id (Store.validity_statuses); ids it has none for are left out.
ValidityLookup = Callable[[Sequence[str]], Mapping[str, str]]


@dataclass
class _Generation:
    name: str
    path: Path
    index: tantivy.Index | None  # None: it could not be opened (see `error`)
    meta_stamp: tuple[int, int, int]
    schema_version: int
    error: str = ""
    # Bumped after each reload: cached results carry it in their key, so a commit makes them unreachable.
    version: int = 0
    # The commit the searcher holds, named alike by every process reading this index (shared_state_key; `_loaded_commit`).
    shared_commit: str = ""
    # The store change number that commit indexed up to (its watermark, read with it), None when not known for sure.
    loaded_watermark: int | None = None

    def check_current(self) -> tantivy.Index:
        """The usable tantivy index, or a clear error saying a reindex is needed."""
        if self.index is None:
            raise IndexCorruptError(self.error)
        if self.schema_version != SCHEMA_VERSION:
            raise IndexOutdatedError(
                f"the search index at {self.path} was built by another version of gongkai (schema "
                f"{self.schema_version}, this one reads {SCHEMA_VERSION}); run `gongkai reindex` to rebuild it"
            )
        return self.index


def _file_stamp(path: Path) -> tuple[int, int, int]:
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return (0, 0, 0)
    return (info.st_ino, info.st_mtime_ns, info.st_size)


def _meta_stamp(path: Path) -> tuple[int, int, int]:
    return _file_stamp(path / "meta.json")


def _loaded_commit(path: Path, load: Callable[[], object]) -> tuple[str, int | None]:
    """Run `load` (open or reload a searcher) and name the commit it loaded, alike in every process (the shared name of
    web ETags, clients10): the digest of meta.json (segment ids, deletes, opstamp: tantivy replaces it by rename at each
    commit) read before and after the load, with the watermark the generation records beside it (clients11: what a node
    of its own can be named by, shared_state_key). Another commit landing meanwhile leaves the loaded one unknown: the
    name is then this load's own, which no other process gives (a 200 across them, never a wrong 304), with no watermark.
    A watermark read stale (a commit writes meta.json first, then its watermark) is below what the commit holds, so below
    the store's last change: never taken for caught up."""
    before = _meta_digest(path), gens.read_watermark(path)
    load()
    after = _meta_digest(path), gens.read_watermark(path)
    if before[0] and before == after:
        return before
    return "unshared:" + uuid.uuid4().hex, None


def _meta_digest(path: Path) -> str:
    try:
        return hashlib.sha256((path / "meta.json").read_bytes()).hexdigest()
    except OSError:
        return ""


#: Did-you-mean by sound reads at most this many words of a query (each costs up to ~2 ms of term lookups).
MOST_READ_BY_SOUND = 5


class SearchIndex:
    def __init__(
        self,
        index_dir: Path,
        settings: IndexSettings,
        search_settings: SearchSettings,
        lock_timeout: float = 30.0,
        validity: ValidityLookup | None = None,
    ) -> None:
        self.index_dir = Path(index_dir)
        # issue 19: each document is indexed with its record's status as the store derived it (None: "unknown")
        self.validity = validity
        self.settings = settings
        self.search_settings = search_settings
        self.lock_timeout = lock_timeout
        self.schema = build_schema()
        self._write_lock = threading.RLock()
        # Held by whoever feeds the index from the store in this process (an ingest, a catch-up, the follower):
        # the follower only tries it, so an ingest running here indexes its own changes and the follower waits.
        self.feeding = threading.RLock()
        self._writer: tantivy.IndexWriter | None = None
        self._writer_generation: _Generation | None = None
        self._terms: tuple[tuple[str, int], TermLists] | None = None  # the term lists of the state searched last
        # A reload and its version bump are one step for a search taking (version, searcher): caught between them,
        # a search paired the new state's searcher with the old state's term lists (a record's run unlisted: missed
        # or scored lower) and filed the answer under the old version.
        self._state_lock = threading.Lock()
        self._current_stamp = _file_stamp(self.index_dir / gens.CURRENT_FILE)  # before reading it: a switch after is seen
        self._generation = self._open_current()
        # Two levels: whole answers (one page of one query), and the facets of a query, which every page
        # of it shares (their sum is the total), so paging through a broad query counts it only once.
        self._answers = ResultCache(search_settings.cache_entries)
        self._facet_counts = ResultCache(search_settings.cache_entries)
        self.understanding = Understanding(search_settings)  # query segmentation with the domain word list

    # ----- generations -------------------------------------------------------------------------

    def _open_current(self) -> _Generation:
        if gens.read_current(self.index_dir) is None:
            with gens.generations_lock(self.index_dir):
                if gens.read_current(self.index_dir) is None:  # another process may have just made it
                    path = gens.create_generation_dir(self.index_dir)
                    tantivy.Index(self.schema, str(path), reuse=False)  # writes an empty index's meta.json
                    gens.write_watermark(path, 0, SCHEMA_VERSION)
                    gens.write_current(self.index_dir, path.name)
        name = gens.read_current(self.index_dir)
        assert name is not None
        return self._open_generation(name)

    def _open_generation(self, name: str) -> _Generation:
        """Open a generation; a damaged one is kept as an error (searches report it, rebuild() still works)."""
        path = self.index_dir / name
        opened: list[tantivy.Index] = []  # the one opened by open_reader, for its shared name (_loaded_commit)

        def open_reader() -> None:
            index = tantivy.Index.open(str(path))
            # reloaded only when told (reload_if_changed, commit): so a (generation, version) names exactly what a
            # searcher holds (the answer caches and the term lists of ascii_terms are keyed by it)
            index.config_reader("Manual")
            opened.append(index)

        try:
            if not path.is_dir():
                raise FileNotFoundError(f"{gens.CURRENT_FILE} names {name}, which does not exist")
            shared_commit, loaded_watermark = _loaded_commit(path, open_reader)
            index = opened[0]
            register(index)
        except Exception as exc:  # noqa: BLE001 - tantivy raises ValueError for a missing or damaged meta.json
            error = f"cannot open the search index at {path}: {exc}; run `gongkai reindex` to rebuild it from the store"
            return _Generation(name, path, None, (0, 0, 0), SCHEMA_VERSION, error)
        return _Generation(name, path, index, _meta_stamp(path), gens.read_schema_version(path), shared_commit=shared_commit,
                           loaded_watermark=loaded_watermark)

    def state_key(self) -> tuple[str, int]:
        """Names what the searches see now: changes with every commit and every generation switch."""
        generation = self._generation
        return generation.name, generation.version

    def shared_state_key(self, store_seq: int | None = None) -> tuple[str, str]:
        """Names what the searches see now alike in every process reading this index (one data directory: the workers of
        `serve --workers N`): the generation and the digest of the commit its searcher loaded. Given the store's last change
        number (`store_seq`, read after the refresh), a commit that indexed up to exactly it holds the store's records as
        they are at that change, as the index of every node of the deployment does once its follower caught up: it is
        then named by that change alone, alike on every node (clients11: nodes with indexes of their own, over one
        database, gave one answer other tags). Their segments differ, so hits of equal score may come in another order:
        an equivalent answer, which a weak tag is (RFC 9110 §8.8.1). A node behind keeps its own name (a 200)."""
        generation = self._generation
        if store_seq is not None and generation.loaded_watermark == store_seq and generation.index is not None:
            return "store", str(store_seq)
        return generation.name, generation.shared_commit

    def reload_if_changed(self) -> None:
        """Pick up commits made by other processes and a generation switched by a reindex."""
        generation = self._generation
        # CURRENT is replaced by rename when a reindex switches generations: a stat tells whether it
        # changed, and is much cheaper than reading it on every search.
        current_stamp = _file_stamp(self.index_dir / gens.CURRENT_FILE)
        if current_stamp != self._current_stamp:
            self._current_stamp = current_stamp
            name = gens.read_current(self.index_dir)
            if name is not None and name != generation.name:
                self._generation = self._open_generation(name)
                return
        stamp = _meta_stamp(generation.path)
        if stamp != generation.meta_stamp and generation.index is not None:
            generation.meta_stamp = stamp
            with self._state_lock:
                generation.shared_commit, generation.loaded_watermark = _loaded_commit(generation.path, generation.index.reload)
                generation.version += 1  # with the reload: a search keyed by the new version sees the new commit
                self._renew_term_lists(generation)

    # ----- writing -----------------------------------------------------------------------------

    def acquire_writer(self) -> None:
        """Take the writer now (waiting up to lock_timeout), before looking at the watermark to write on it."""
        with self._write_lock:
            self._acquire_writer()

    def try_acquire_writer(self) -> bool:
        """Take the writer if no other process holds it, without waiting (the follower's way in)."""
        with self._write_lock:
            try:
                self._acquire_writer(timeout=0.0)
            except IndexLockedError:
                return False
            return True

    def _acquire_writer(self, timeout: float | None = None) -> tantivy.IndexWriter:
        if self._writer is not None:
            return self._writer
        self.reload_if_changed()  # write into the generation that is live now
        generation = self._generation
        index = generation.check_current()
        deadline = time.monotonic() + (self.lock_timeout if timeout is None else timeout)
        while True:
            try:
                self._writer = index.writer(
                    self.settings.writer_heap_mb * 1024 * 1024, self.settings.writer_threads
                )
                self._writer_generation = generation
                return self._writer
            except ValueError as exc:
                if "LockBusy" not in str(exc):
                    raise
                if time.monotonic() >= deadline:
                    raise IndexLockedError(
                        f"the search index at {generation.path} is locked by another writer (an ingest or reindex "
                        f"in another process?) for more than {self.lock_timeout:g} s; try again when it has finished"
                    ) from None
                time.sleep(0.05)

    def add_or_replace(
        self,
        records: Iterable[Record | RecordRow],
        prepared: Sequence[PreparedDocument | None] | None = None,
        absent: Collection[str] = (),
    ) -> int:
        """Replace each record by id (add if new); a withdrawn record is only deleted. Returns records handled.

        `prepared` may hold, by position, each record's prepare_document() made ahead (None: made here).
        `absent`: ids the caller knows the index does not hold (new to the store, index in step with it):
        added without the delete by id, which costs tantivy about 24 us a record at 100,000 documents.
        Nothing is visible until commit().
        """
        handled = 0
        records = list(records)
        statuses = self._statuses([r.id for r in records if not r.withdrawn])
        with self._write_lock:
            writer = self._acquire_writer()
            for record, ahead in zip(records, prepared or itertools.repeat(None)):
                if record.id not in absent:
                    writer.delete_documents_by_term("id", record.id)
                if not record.withdrawn:
                    status = statuses.get(record.id, NO_VALIDITY)
                    writer.add_document(record_to_document(as_record(record), status) if ahead is None
                                        else document_from_prepared(record, ahead, status))
                handled += 1
        return handled

    def _statuses(self, ids: Sequence[str]) -> Mapping[str, str]:
        return self.validity(ids) if self.validity is not None and ids else {}

    def delete(self, record_ids: Iterable[str]) -> int:
        """Remove records by id (visible after commit())."""
        with self._write_lock:
            writer = self._acquire_writer()
            count = 0
            for record_id in record_ids:
                writer.delete_documents_by_term("id", record_id)
                count += 1
        return count

    def commit(self, watermark: int, release: bool = True) -> None:
        """Make pending changes visible, record `watermark`, and release the writer lock unless `release`
        is False (a long ingest's intermediate commits keep the writer: releasing it waits for every
        segment merge, 2.5 s at 80,000 records, while the ingest could go on)."""
        with self._write_lock:
            writer = self._acquire_writer()
            generation = self._writer_generation
            assert generation is not None
            try:
                writer.commit()
                gens.write_watermark(generation.path, watermark, SCHEMA_VERSION)
            except BaseException:
                self._release_writer()
                raise
            if release:
                self._release_writer()
            with self._state_lock:
                generation.shared_commit, generation.loaded_watermark = _loaded_commit(generation.path, generation.check_current().reload)
                generation.meta_stamp = _meta_stamp(generation.path)
                generation.version += 1
                self._renew_term_lists(generation)

    def release_writer(self) -> None:
        """Let other writers in (after commit(release=False)); pending changes, if any, are dropped."""
        self.rollback()

    def rollback(self) -> None:
        """Drop pending changes and release the writer."""
        with self._write_lock:
            if self._writer is not None:
                self._writer.rollback()
                self._release_writer()

    def _release_writer(self) -> None:
        writer, self._writer, self._writer_generation = self._writer, None, None
        if writer is not None:
            # Waiting lets the segment merges finish (dropping the writer would abandon them) and
            # frees the lock for the next writer, possibly another process.
            writer.wait_merging_threads()

    @property
    def watermark(self) -> int:
        return gens.read_watermark(self._generation.path)

    @property
    def usable(self) -> bool:
        """False when the live generation is damaged or was built by another schema version: searches then
        answer an error, and only a rebuild from the store (`gongkai reindex`, or a node's follower) helps."""
        generation = self._generation
        return generation.index is not None and generation.schema_version == SCHEMA_VERSION

    def rebuild(
        self, records: Iterable[Record], watermark: int, progress: Callable[[int], None] | None = None
    ) -> None:
        """Build a new generation from `records`, then switch to it atomically; searches go on meanwhile."""
        with gens.generations_lock(self.index_dir, blocking=False) as acquired:
            if not acquired:
                raise IndexLockedError(f"another reindex of {self.index_dir} is running; wait for it to finish")
            path = gens.create_generation_dir(self.index_dir)
            try:
                self._build_generation(path, records, progress)
                gens.write_watermark(path, watermark, SCHEMA_VERSION)
            except BaseException:
                shutil.rmtree(path, ignore_errors=True)
                raise
            gens.write_current(self.index_dir, path.name)
            self._generation = self._open_generation(path.name)
            gens.prune(self.index_dir, self.settings.keep_generations)

    def _build_generation(self, path: Path, records: Iterable[Record], progress: Callable[[int], None] | None) -> None:
        index = tantivy.Index(self.schema, str(path), reuse=False)
        register(index)
        writer = index.writer(self.settings.writer_heap_mb * 1024 * 1024, self.settings.writer_threads)
        count = 0
        try:
            for chunk in _chunks(records, _REBUILD_BATCH):  # one status lookup per chunk
                statuses = self._statuses([r.id for r in chunk if not r.withdrawn])
                for record in chunk:
                    if not record.withdrawn:
                        writer.add_document(record_to_document(record, statuses.get(record.id, NO_VALIDITY)))
                    count += 1
                if progress is not None:
                    progress(count)
            writer.commit()
        except BaseException:
            writer.rollback()
            raise
        finally:
            writer.wait_merging_threads()
        if progress is not None:
            progress(count)

    # ----- reading -----------------------------------------------------------------------------

    def doc_count(self) -> int:
        self.reload_if_changed()  # readers reload only when told: count what other processes committed too
        return self._generation.check_current().searcher().num_docs

    def size_bytes(self) -> int:
        total = 0
        for root, _, files in os.walk(self._generation.path):
            for name in files:
                try:
                    total += os.path.getsize(os.path.join(root, name))
                except FileNotFoundError:  # a merge removed it meanwhile
                    pass
        return total

    def search(self, request: SearchRequest) -> SearchResponse:
        if request.sort not in SORTS:
            raise ValueError(f"sort must be one of {', '.join(SORTS)}, not {request.sort!r}")
        generation = self._generation  # one generation for the whole request, even if a swap happens now
        with self._state_lock:  # the version and the searcher of one state (a reload between them was another)
            version = generation.version
            searcher = generation.check_current().searcher()
        with terms_in_use(self._term_lists(generation, version, searcher)):
            return self._search(request, generation, version, searcher)

    def _renew_term_lists(self, generation: _Generation) -> None:
        """Right after a reload (the caller holds _state_lock and bumped the version): the fields whose terms a search of
        the state before needed are listed for the new state in the background (ascii_terms.TermLists.warm), so a
        query needing them after a commit does not wait ~170 ms a field (100,000 records) for the listing."""
        kept = self._terms
        if kept is None or kept[0][0] != generation.name or generation.index is None:
            return
        fields = kept[1].asked_fields()
        if not fields:
            return
        lists = TermLists(generation.index.searcher())  # the state just reloaded: the new version's
        self._terms = ((generation.name, generation.version), lists)
        lists.warm(fields)

    def _term_lists(self, generation: _Generation, version: int, searcher: tantivy.Searcher) -> TermLists:
        """The term lists of the state the searcher reads (readers reload only when told, and each reload
        bumps the version: one list per (generation, version) is exact)."""
        key = (generation.name, version)
        kept = self._terms
        if kept is None or kept[0] != key:
            kept = self._terms = (key, TermLists(searcher))
        return kept[1]

    def _search(
        self, request: SearchRequest, generation: _Generation, version: int, searcher: tantivy.Searcher
    ) -> SearchResponse:
        limits = self.search_settings
        limit = max(0, min(int(request.limit), limits.max_page_size))
        offset = max(0, min(int(request.offset), limits.max_offset))
        understanding = self.understanding
        today = beijing_today()  # the day notices and citizens mean (明天, recency): Beijing's, whatever the server's zone
        query_key = (
            generation.name, version, understanding.version, today, request.q or "", request.kind, request.issuer,
            request.notice_type, request.topic, request.year, request.date_from, request.date_to, request.sort,
            request.validity,
        )  # fmt: skip
        answer_key = (*query_key, limit, offset, bool(request.facets), bool(request.explain), bool(request.fill))
        cached = self._answers.get(answer_key)
        if cached is not None:
            return _copy(cached)

        clauses = parse_query(request.q or "", limits.max_query_length)

        def known(field: str, value: str) -> bool:
            return searcher.doc_freq(field, value) > 0

        clauses = prose_before_known_doc_numbers(clauses, known)
        if nothing_to_search(request.q or "", clauses):
            # typed, yet every clause would be dropped (combine would then require nothing: every record) (search15)
            return SearchResponse(total=0, facets={name: {} for name in FACET_NAMES} if request.facets else {},
                                  nothing_searchable=True)

        understood = understanding.understand_clauses(clauses) if limits.segment else {}
        places = understanding.places(understood)
        issuers = segment_query.issuer_bonuses(understanding.issuers(understood), searcher.doc_freq, _scored_docs(searcher),
                                               limits.ranking, [fold(plan.whole).strip() for plan in understood.values()]) if understood else []

        # Levels of a relaxed answer: the words as understood, then (if not even one of them matches) the
        # words in smaller pieces (understand.finer). `relaxation` is (level, minimum, skipped segments) once relaxed.
        levels = [understood]

        plans: dict[tuple, segment_query.Plan] = {}  # one object per step: the candidates read for it are kept (Reads)
        held_by: dict[str, tantivy.Query] = {}  # holding's records of a bonus query, by its text

        def holding(bonus: tantivy.Query) -> tantivy.Query:
            # The records a day bonus's query matches, found once per search (qspeed7): the same records by their ids
            # (no match: none), unless more than HOLDERS_BY_ID hold it (the query as it is)
            key = repr(bonus)
            if key not in held_by:
                hits = searcher.search(bonus, HOLDERS_BY_ID + 1, count=False).hits
                ids = [decode_payload(searcher.doc(address).get_first("payload"))["id"] for _, address in hits]
                held_by[key] = bonus if len(ids) > HOLDERS_BY_ID else ids_query(self.schema, ids) if ids else tantivy.Query.empty_query()
            return held_by[key]

        def plan_for(minimum: int | None, level: int = 0, skip: frozenset[str] = frozenset()) -> segment_query.Plan:
            key = (minimum, level, skip)
            if key in plans:
                return plans[key]
            while level >= len(levels):
                smaller = understanding.finer(levels[-1] or understood, len(levels))
                levels.append(smaller or {})
            plans[key] = segment_query.build(
                self.schema, clauses, levels[level] or understood, request, known, limits.ranking, places,
                minimum=minimum, today=today, doc_freq=searcher.doc_freq, skip=skip, issuers=issuers, holding=holding,
            )
            return plans[key]

        plan = None
        plain_candidates = None  # no plan: a quoted Han phrase's candidates (the phrase unchecked), as a plan's
        plain_bounds = None  # … and its score's parts (Plan.bounds)
        plain_work = 0  # … and what its phrase check reads (Plan.check_work)
        if understood:
            plan = plan_for(None)
            query, scored = plan.query, plan.scored
        else:
            query, scored = build_query(self.schema, clauses, request, known=known)
            plain_candidates = build_candidates(self.schema, clauses, request, known=known)
            plain_bounds = segment_query.clause_bounds(self.schema, clauses, searcher.doc_freq)
            plain_work = segment_query.phrase_work([c.text for c in clauses if loosens(c)], searcher.doc_freq)

        # The facets count every match anyway, and every document has exactly one kind: their sum is
        # the total, so the top-hits pass can skip counting (it may then skip non-competitive
        # documents: measured 1.5-2x faster on queries matching half of 100,000 records). Counting runs
        # in a second thread (candidates.count: on the candidates first, exact up to exact_count_limit).
        # Cached with them: where a relaxed query settled, so the next page need not find it again.
        cached_counts = self._facet_counts.get(query_key)
        counts, relaxation = cached_counts if cached_counts is not None else (None, None)
        fill = None  # a relaxed answer: the plan of the records holding fewer segments, to fill a short answer
        if relaxation is not None and plan is not None:
            plan, fill = self._relaxed_plans(relaxation, plan_for)
            query = plan.query
        by_date = request.sort == "date" or not scored  # no words to rank by: newest first
        window = limits.ranking.rerank_window if plan is not None and not by_date else 0
        # The best `window` hits are re-ranked; after them comes BM25 order, so pages still partition the results.
        reranked = window > 0 and offset < window
        fetch = window if reranked else max(limit, 1)  # tantivy refuses a limit of 0; limit 0 still wants total and facets
        # a window's search asks for this many more hits: where a tie at its edge ends, settled by id from them (ties2)
        margin = TIE_MARGIN if limits.ranking.settle_ties else 0
        # issue 19: a repealed or expired document's score × repealed_factor in tantivy's own scoring, so every
        # page is in that order (not only the re-ranked window); skipped when the index holds none of them
        factor = limits.ranking.repealed_factor
        demoting = factor != 1.0 and any(searcher.doc_freq("validity", status) for status in DEMOTED_STATUSES)
        demotion = Demotion(self.schema, factor) if demoting else None
        scoring: Callable[[tantivy.Query], tantivy.Query] = demotion if demotion is not None else _unchanged

        # A known 文号 or 索引号 finds a record or a few: its best hits are all of them, and the counts are taken on
        # those (count_found), not by walking its phrase a second time in the facet thread.
        expect_few = any(
            not c.negated and c.field is None and c.identifier is not None and known(c.identifier, _identifier_value(c))
            for c in clauses
        ) or (plan is not None and any(
            s.identifier is not None and known(s.identifier, _identifier_value(Clause(s.text, identifier=s.identifier)))
            for s in plan.required
        ))
        sample_query = tantivy.Query.const_score_query(tantivy.Query.term_query(self.schema, "sample", 0), 0.0)
        payloads: dict[tuple[int, int], dict] = {}  # read by the checked best hits: not read again for the re-ranking
        # candidates read by the relaxed step-down, found again by the answer; their best found undemoted and demoted
        # after (candidates.demoted_top: one walk of a relaxed step's at-least-k scorer, not two)
        reads = Reads(demotion)
        fresh: list[bool] = []  # the last count done here had every facet: cached with where the query settled

        def run(query: tantivy.Query) -> tuple[list[tuple[float, tantivy.DocAddress]], int]:
            nonlocal counts
            loose = plan.candidates if plan is not None else plain_candidates  # `query` is plan.query whenever there is a plan
            counted = plan.counted if plan is not None else plain_candidates  # candidates matching more than the query
            if plan is not None and not plan.segment_checks:  # every segment dropped (_relax's `others`): nothing to check
                loose = counted = None  # candidates by, the query itself answers
            bounds = plan.bounds if plan is not None else plain_bounds
            pending = None
            # (not with candidates: their best hits come from checked_top, without the pass that counts: 原文链接 厦府办〔2014〕6号,
            # a known 文号 beside a word no record holds, failed on the count that pass did not make)
            few = expect_few and counted is None and loose is None and counts is None and (reranked or offset == 0)
            # Expected to match very many (the term dictionary's estimate): counted on one sample slot (issue 20)
            many = bounds is not None and bool(bounds.terms) and 0 < limits.sample_counts_above < bounds.matches
            sample_above = limits.sample_counts_above
            # Counted approximately anyway (more candidates expected than exact_count_limit) by a long walk (the expected
            # matches times the terms intersected): the sample answers as well, when it holds enough records (issue 20)
            # (the rule above also takes it then: its estimate of the matches was far too high, 思明区停电's 112,408 for 9,277)
            if bounds is not None and counted is not None and limits.exact_count_limit < bounds.matches \
                    and 0 < limits.sample_counts_work < bounds.matches * len(bounds.terms):
                many, sample_above = True, max(limits.exact_count_limit, SAMPLE_SLOTS * SAMPLE_FLOOR)
            # A relaxed step (at least k words): counting it exactly walks every record holding any of its words, each word's
            # phrase checked (tantivy's at-least-k scorer cannot skip): 4-12 ms at 100,000 records against 1-4 for its
            # candidates, whose counts stand above a smaller limit (qspeed2: of 17 relaxed answers at 100,000 records, 16 the same)
            # (and fewer candidates than the best hits read: those found are every match, counted exactly below)
            relaxed_step = plan is not None and plan.summed is not None and loose is not None
            exact_limit = min(limits.exact_count_limit, limits.relaxed_exact_count_limit) if relaxed_step else limits.exact_count_limit
            if counts is None and not few and (request.facets or loose is not None or many):
                pending = _FACET_THREADS.submit(
                    count_matches, searcher, query, counted, bool(request.facets), exact_limit,
                    sample_query if many else None, sample_above, plan.recount if plan is not None else None,
                    plan.check_work if plan is not None else plain_work, limits.exact_count_work,
                    fetch if relaxed_step and (reranked or offset == 0) else 0,
                    # a relaxed step's candidates in one sample slot, each word restricted to it (qspeed5; 0: never sampled)
                    plan.candidates_within(sample_query) if relaxed_step and plan.candidates_within is not None  # type: ignore[union-attr]
                    and plan.most_candidates is not None and limits.sample_counts_work > 0  # type: ignore[union-attr]
                    and plan.most_candidates() >= SLOT_FIRST_ABOVE else None,  # type: ignore[union-attr]
                )
            count = counts is None and pending is None  # no facets wanted, nothing looser: the pass counts
            top = None
            hits: list[tuple[float, tantivy.DocAddress]] | None = None
            result = None
            own_window = False  # a page past a relaxed answer's window of its own (Plan.summed): that window settled

            def searched(depth: int) -> list[tuple[float, tantivy.DocAddress]]:  # the query's best, as tantivy orders them
                return list(searcher.search(scoring(query), depth, count=False).hits)

            seen = Checked()  # what the last checked() read: a tie group at the window's edge found there (qspeed8)

            def checked(depth: int) -> list[tuple[float, tantivy.DocAddress, dict]] | None:  # the best among the candidates
                nonlocal seen
                seen = Checked()
                return checked_top(searcher, self.schema, query, loose, depth, scoring,  # type: ignore[arg-type]
                                   _checks(plan) if plan is not None else (), plan.needed if plan is not None else 0, reads,
                                   bounds, rescore=plan.restricted if plan is not None and plan.inflated else None,
                                   restrict=plan.candidates_restricted if plan is not None else None,
                                   summed=plan.summed if plan is not None and relaxation is not None else None, seen=seen)
            if by_date and margin:
                # newest first, records of one day by id (ties2): the day's records on the page and around it read
                def dated(depth: int) -> list[tuple[float, tantivy.DocAddress]]:
                    return list(searcher.search(query, depth, count=False, order_by_field="publish_day", order=tantivy.Order.Desc).hits)

                result = searcher.search(query, offset + fetch + margin, count=count, order_by_field="publish_day", order=tantivy.Order.Desc)
                hits = page_of(searcher, list(result.hits), offset, fetch, payloads, dated, offset + fetch + margin)
            elif by_date:
                result = searcher.search(
                    query, fetch, count=count, order_by_field="publish_day", offset=offset, order=tantivy.Order.Desc
                )
            else:
                depth = fetch + margin if reranked else offset + fetch
                # A page past the re-ranked window is in the query's own BM25 order: found among the candidates only
                # when they score each match as the query does (every segment required; a relaxed query's
                # candidates also score the words a match holds only as pairs) and the page is not deep.
                same_order = plan is None or plan.needed >= len(plan.segment_checks)
                if loose is not None and (reranked or (same_order and depth <= CHECKED_DEPTH)):
                    # The best hits among the best candidates, the phrases checked on those only (checked_top keeps
                    # the query's order, so pages still partition).
                    top = checked(depth)
                    if top is not None and not reranked:
                        top = top[offset:]
                if top is None and not count and not demoting and plan is not None and plan.union is not None and (reranked or offset == 0):
                    hits = union_top(searcher, query, plan.union, plan.conditional, fetch + margin if reranked else fetch)  # one 2-character word
                elif top is None and not count and bounds is not None and (reranked or offset == 0):
                    hits = best_hits(searcher, self.schema, query, fetch + margin if reranked else fetch, scoring, bounds,  # those holding a bonus first
                                     plan.restricted if plan is not None else None)
                elif top is None and not reranked and window and plan is not None and plan.summed is not None \
                        and relaxation is not None and loose is not None:
                    # a relaxed answer's window came from its parts summed (Plan.summed): past it, the query's order
                    # without the window's records (_past_window), so the pages partition the answer
                    first = checked(window + margin)
                    if first is None:  # the window is the query's own best: its order goes on
                        result = searcher.search(scoring(query), fetch, count=count, offset=offset)
                    else:
                        result = searcher.search(scoring(query), offset + fetch, count=count)
                        own_window = True
                        payloads.update({(a.segment_ord, a.doc): payload for _, a, payload in first})
                        first_hits = [(score, a) for score, a, _ in first]
                        if margin:  # settled as the first page's window is (search17)
                            first_hits = window_of(searcher, first_hits, window, window + margin, payloads,
                                                   _among_read(seen, first_hits, window, payloads, searched))
                        first_hits = first_hits[:window]
                        if margin:  # ties in id order there too (ties2)
                            hits = _past_page(searcher, searched, _addresses(first_hits), offset - window, fetch, payloads)
                        else:
                            hits = _past_window(result.hits, _addresses(first_hits), offset - window, fetch)
                elif top is None:
                    result = searcher.search(scoring(query), fetch + margin if reranked else fetch, count=count, offset=0 if reranked else offset)
            if pending is not None:
                counts = pending.result()
                fresh.append(bool(request.facets))
            elif counts is None:
                total = result.count or 0  # type: ignore[union-attr]  # tantivy 0.27's stub lacks .count
                if few and request.facets and total <= len(result.hits):  # type: ignore[union-attr]  # every match in hand
                    found_ids = []
                    for _, address in result.hits:  # type: ignore[union-attr]
                        payload = decode_payload(searcher.doc(address).get_first("payload"))
                        payloads[(address.segment_ord, address.doc)] = payload
                        found_ids.append(payload["id"])
                    counts = count_found(searcher, self.schema, found_ids, True)
                    fresh.append(True)
                elif few and request.facets:  # more than expected: counted as any other query, after it
                    counts = count_matches(searcher, query, None, True, limits.exact_count_limit)
                    fresh.append(True)
                else:
                    counts = Counts(total, {})
            if not counts.exact and (reranked or offset == 0):
                # Fewer hits than asked for from the first: they are every match (the candidates' counts were an
                # estimate: more than the exact-count limit or work, issue 20), counted exactly on them.
                firsts = [(a, p) for _, a, p in top] if top is not None else [(a, None) for _, a in (hits if hits is not None else result.hits)]  # type: ignore[union-attr]
                if len(firsts) < fetch:
                    ids = [(p or payloads.setdefault((a.segment_ord, a.doc), decode_payload(searcher.doc(a).get_first("payload"))))["id"]
                           for a, p in firsts]
                    counts = count_found(searcher, self.schema, ids, bool(request.facets))
            if top is not None:
                payloads.update({(a.segment_ord, a.doc): payload for _, a, payload in top})
            window_hits = [(score, address) for score, address, _ in top] if top is not None else \
                (hits if hits is not None else list(result.hits))  # type: ignore[union-attr]
            if reranked and margin:  # ties at its edge by id, not address (search17), from the hits past it in hand (ties2)
                deeper = _among_read(seen, window_hits, fetch, payloads, searched) if top is not None else searched
                kept = window_of(searcher, window_hits, fetch, fetch + margin, payloads, deeper)
                window_settled[0] = window_settled[0] or _addresses(kept) != _addresses(window_hits[:fetch])
                window_hits = kept
            elif reranked:
                window_hits = window_hits[:fetch]
            elif not reranked and window and offset >= window and not by_date and not own_window and margin:
                # a page past the window: the query's order without the window's records when ties at its edge were
                # settled by id (the window a first page re-ranks), so the pages still partition the answer
                # (ties2: and records scoring alike past it in id order, which of them a page holds not hanging on addresses)
                edge = searched(window + margin)
                kept = window_of(searcher, edge, window, window + margin, payloads, searched)
                window_hits = _past_page(searcher, searched, _addresses(kept), offset - window, fetch, payloads)
            return window_hits, counts.total

        window_settled = [False]  # run's window was settled by id (ties at its edge): pages past it exclude its records

        found: list[tuple[float, tantivy.DocAddress]] = []  # bound before run_relaxed names them nonlocal
        total = 0

        def matches(candidate: segment_query.Plan) -> int:
            # Whether any record matches (counting would walk every match).
            if not candidate.segment_checks:  # no segment left (the other clauses alone): nothing to check candidates by
                return int(bool(searcher.search(candidate.query, 1, count=False).hits))
            return int(any_match(searcher, self.schema, candidate.query, candidate.candidates, _checks(candidate),
                                 candidate.needed, fetch, scoring, reads, candidate.bounds, candidate.candidates_restricted))

        def most(candidate: segment_query.Plan) -> int:
            # At least the most segments a record holds (one search counting them per record, without the checks).
            if candidate.coverage is None:
                return len(candidate.required)
            best = searcher.search(candidate.coverage, 1, count=False).hits
            return round(best[0][0]) if best else 0

        def held(level: int, skip: frozenset[str], failed: int = 0) -> int | None:
            # The most segments a record holds, checked, where no record holds `failed` (the step-down's probe found none):
            # failed - 1 when a candidate that probe read holds that many (qspeed6: no search; the coverage's best records
            # cost 6-10 ms at 100,000 records), else when the best records by coverage prove it (candidates.most_held)
            probed = plan_for(failed, level, skip).candidates if failed > 1 else None
            if probed is not None and reads.most_read(probed) == failed - 1:
                return failed - 1
            step = plan_for(1, level, skip)
            if step.coverage is None or not step.segment_checks:
                return None
            return most_held(searcher, self.schema, step.coverage, _checks(step), fetch)

        def run_relaxed(candidate: tuple[int, int | None, frozenset[str]]) -> None:
            nonlocal plan, fill, query, counts, found, total, relaxation
            plan, fill = self._relaxed_plans(candidate, plan_for)
            query = plan.query
            relaxation, counts = candidate, None  # cached with the counts of this answer
            found, total = run(query)

        strict = plan
        skip: frozenset[str] = frozenset()
        if plan is not None and limits.relax and relaxation is None:
            skip = frozenset(s.text for s in plan.required if not segment_query.possible(s, searcher.doc_freq))
        # a clause not segmented (a 文号, a link, a quoted phrase) is another word that stays required (a field clause,
        # issuer:… year:…, only selects: the words dropped beside it would answer nothing of what was typed)
        other_clauses = any(not c.negated and c.field is None and n not in understood for n, c in enumerate(clauses))
        if skip and (len(skip) < len(strict.required) or other_clauses):  # type: ignore[union-attr]
            # Words the store never saw (the term dictionary says so, no search): the query as typed cannot
            # match, so the common answer is run at once, the other words all required (原文链接 厦府办〔2014〕6号 found
            # nothing: only segments were counted as the other words).
            run_relaxed((0, None, skip))
            if not total:
                relaxation = None
        else:
            found, total = run(query)
        if total == 0 and strict is not None and limits.relax and relaxation is None:
            relaxation = self._relax(strict, plan_for, matches, most, searcher.doc_freq, tried=bool(skip), others=other_clauses,
                                    held=held)
            if relaxation is not None:
                run_relaxed(relaxation)
        relaxed = relaxation is not None
        # A first page with fewer records holding every word than it shows: records holding some of them (or, for
        # one compound word, some of its parts: 动漫网 by 动漫) follow, marked partial, `total` unchanged
        # (SearchRequest.fill: the page and the API; never feeds or alerts).
        partial = bool(request.fill) and limits.relax and not relaxed and reranked and offset == 0 and plan is not None \
            and (len(plan.required) > 1 or any(with_parts(s).parts for s in plan.required)) and 0 < total < limit
        # A query whose last word names a kind of document (关于政务公开工作的指导意见) on a first page the full matches
        # fill: a title holding its subject with another kind is read too (search12; search11 left it: ten 国务院 指导意见
        # holding 政务, 公开, 工作 in their text filled the page, 关于政务公开工作的实施意见 was never read). Only such titles
        # join that page (kind_titles_only): later pages are unchanged.
        subject = kind_subject(plan.required) if plan is not None and request.fill and not relaxed else ()
        kind_titles_only = False
        if not partial and subject and bool(request.fill) and limits.relax and reranked and offset == 0 and limit <= total:
            partial = kind_titles_only = True
        if partial:
            fill = plan_for(1)
        partial_docs: set[tuple[int, int]] = set()
        if fresh and fresh[-1]:
            self._facet_counts.put(query_key, (counts, relaxation))

        terms = self._highlight_terms(clauses, understood)
        if reranked:
            found = list(found)
            if fill is not None and (total < window or kind_titles_only):
                # Few records hold the most segments: those holding fewer follow them (ranked by coverage),
                # up to the window, and count in the total. Only then: the union of common words is costly.
                checked = None
                if fill.candidates is not None:  # the best of the union found among its candidates, as the answer's
                    checked = checked_top(searcher, self.schema, fill.query, fill.candidates, window + margin, scoring,
                                          _checks(fill), fill.needed, reads, fill.bounds, rescore=fill.restricted if fill.inflated else None,
                                          restrict=fill.candidates_restricted, summed=fill.summed if relaxed else None)
                if checked is None:
                    extra = best_hits(searcher, self.schema, fill.query, window + margin, scoring, fill.bounds)
                else:
                    payloads.update({(a.segment_ord, a.doc): payload for _, a, payload in checked})
                    extra = [(score, address) for score, address, _ in checked]
                if margin:  # ties at its edge by id, not address (search17), from the hits past it in hand (ties2)
                    extra = window_of(searcher, extra, window, window + margin, payloads,
                                      lambda depth: list(searcher.search(scoring(fill.query), depth, count=False).hits))
                extra = extra[:window]
                known_docs = {(a.segment_ord, a.doc) for _, a in found}
                extra = [(score, a) for score, a in extra if (a.segment_ord, a.doc) not in known_docs]
                found += extra
                if partial:
                    partial_docs = {(a.segment_ord, a.doc) for _, a in extra}
                elif extra:
                    # They count in the facets too: total and facets describe one set (the facets' kinds sum to
                    # the total). The probe read total 38 beside facets counting the 5 records holding the most.
                    for _, a in extra:
                        if (a.segment_ord, a.doc) not in payloads:
                            payloads[(a.segment_ord, a.doc)] = decode_payload(searcher.doc(a).get_first("payload"))
                    counts = counts.plus(count_found(  # type: ignore[union-attr]
                        searcher, self.schema, [payloads[(a.segment_ord, a.doc)]["id"] for _, a in extra], bool(request.facets)))
                    total += len(extra)
            seen: set[tuple[int, int]] = set()
            candidates = []
            for score, address in found:
                if (address.segment_ord, address.doc) not in seen:
                    seen.add((address.segment_ord, address.doc))
                    payload = payloads.get((address.segment_ord, address.doc))
                    if payload is None:
                        payload = decode_payload(searcher.doc(address).get_first("payload"))
                    candidates.append(Candidate(float(score), address, payload))
            by_coverage = relaxed or partial  # ranked by the words they hold, weighted by rarity
            # a partial match may hold a compound only by its parts (动漫网: 动漫), as the fill query found it: it counts
            # so (a relaxed plan's segments carry their parts already; with_parts leaves them as they are)
            ranked_segments = [with_parts(s) for s in plan.required] if partial else list(plan.required)  # type: ignore[union-attr]
            if relaxed:
                ranked_segments += looked_for_by_parts(plan.skipped)  # type: ignore[union-attr]
            matcher = SegmentMatcher(ranked_segments)
            weights = (dates_below_topics(ranked_segments, segment_weights(searcher, ranked_segments), limits.ranking.part_credit)
                       if by_coverage else [1.0] * len(ranked_segments))
            # the stop words of clauses with other words (there they were not required): they count in coverage
            stops = list({s.text: s for u in understood.values() if any(not s.stop for s in u.segments)
                          for s in u.segments if s.stop}.values()) if by_coverage else []
            partial_ids = {id(c) for c in candidates if (c.address.segment_ord, c.address.doc) in partial_docs}  # type: ignore[attr-defined]
            # On a filled page the full matches hold every word (tantivy read the whole text): coverage 1, as in any
            # full answer. Read in the first BODY_CHARS it was near 0 for a long report holding them further on,
            # and their order among themselves went by that (规范性文件清单 中医局: scores 0.44, 0.01, 0.0).
            holding_all = frozenset(id(c) for c in candidates if id(c) not in partial_ids) if partial else frozenset()
            ranked = rerank(candidates, matcher, weights, limits.ranking, by_coverage, today, bool(request.explain),
                            SegmentMatcher(stops) if stops else None, segment_weights(searcher, stops) if stops else None,
                            holding_all, segment_query.asked_days(understood, today), limits.ranking.entity_boost * segment_query.DAY_WEIGHT)
            if partial_ids or kind_titles_only:  # every full match first, but for titles holding the query but its last word
                phrases = near_title_phrases(plan.required)  # type: ignore[union-attr]
                kind = typed_kind(plan.required)  # type: ignore[union-attr]
                qualifier = typed_qualifier(plan.required)  # type: ignore[union-attr]
                ranked.sort(key=lambda c: partial_order(c, id(c) in partial_ids, phrases, kind, subject, qualifier))
                if kind_titles_only:
                    ranked = [c for c in ranked if id(c) not in partial_ids or partial_order(c, True, phrases, kind, subject, qualifier) < 1]
                    partial_ids = {i for i in partial_ids if any(id(c) == i for c in ranked)}
            hits = [
                self._hit_from_payload(c.payload, terms, c.final, c.factors if request.explain else None)
                for c in ranked[offset : offset + limit]
            ]
            for hit, c in zip(hits, ranked[offset : offset + limit]):
                hit.partial = id(c) in partial_ids
            if len(hits) < limit and len(ranked) >= window and offset + limit > len(ranked):
                start = max(offset, len(ranked))  # the page runs past the window: BM25 order from there on
                if limits.ranking.settle_ties:  # the query's order past the window's records, ties in id order (ties2)
                    window_docs = {(c.address.segment_ord, c.address.doc) for c in ranked}  # type: ignore[attr-defined]
                    rest = _past_page(searcher, lambda depth: list(searcher.search(scoring(query), depth, count=False).hits),
                                      window_docs, start - len(ranked), offset + limit - start, payloads)
                elif (relaxed and plan.summed is not None) or window_settled[0]:  # type: ignore[union-attr]  # the window's order is its own
                    deeper = searcher.search(scoring(query), offset + limit, count=False).hits
                    window_docs = {(c.address.segment_ord, c.address.doc) for c in ranked}  # type: ignore[attr-defined]
                    rest = _past_window(deeper, window_docs, start - len(ranked), offset + limit - start)
                else:
                    rest = searcher.search(scoring(query), offset + limit - start, count=False, offset=start).hits
                hits += [
                    self._hit(searcher.doc(address), terms, float(score),
                              {"bm25_and_boosts": round(float(score), 4), "reranked": False} if request.explain else None)
                    for score, address in rest
                ]
            top_held = set(ranked[0].held) if ranked else set()
        else:
            hits = [
                self._hit_from_payload(
                    payloads.get((address.segment_ord, address.doc)) or decode_payload(searcher.doc(address).get_first("payload")),
                    terms, 0.0 if by_date else float(score),
                    {"bm25_and_boosts": 0.0 if by_date else round(float(score), 4), "reranked": False,
                     "order": "date" if by_date else "relevance"} if request.explain else None)
                for score, address in found[:limit]
            ]
            top_held = None
        dropped: list[str] = []
        if relaxed and plan is not None:
            if top_held is None:  # a deep page: what the first hit of this page lacks
                matcher = SegmentMatcher(plan.required)
                first = hits[0] if hits else None
                text = fold(f"{first.title}\n{first.snippet_text}") if first else ""
                top_held = {s.text for s, pats in zip(plan.required, matcher.patterns) if any(p.search(text) for p in pats)}
            # each word once: a pasted paragraph repeating a word listed it as often (未包含：“管理工作”、“管理工作”… twelve times)
            dropped = list(dict.fromkeys([s.text for s in plan.skipped] + [s.text for s in plan.required if s.text not in top_held]))
            typed = fold(request.q or "")
            dropped.sort(key=lambda text: typed.find(text))  # in the order they were typed
        did_you_mean = self._did_you_mean(request, clauses, understood, searcher, known, whole=bool(relaxed),
                                          dropped=dropped) if (total == 0 or relaxed) and request.q else []
        if not did_you_mean and request.q and total and not relaxed and (lone := lone_characters(fold(request.q), understood)):
            # 厦门市教育据: 据 is held by records anywhere, so the query is answered (厦门市教育 + 据) and no spelling was
            # offered; a name one character from the clause, that character a lone one, is (search11; search8's 国务院办公听)
            did_you_mean = self._did_you_mean(request, clauses, understood, searcher, known, whole=True, lone=lone)
        response = SearchResponse(
            total=total, hits=hits, facets=counts.facets if request.facets else {}, relaxed=relaxed,  # type: ignore[union-attr]
            dropped=dropped, did_you_mean=did_you_mean, approximate=not counts.exact,  # type: ignore[union-attr]
        )
        self._answers.put(answer_key, response)
        return _copy(response)

    @staticmethod
    def _relaxed_plans(relaxation, plan_for):
        """(the answer: the records holding the most segments some record holds, the plan of those holding
        any segment, which fills an answer shorter than the re-ranked window; None if it is the same)."""
        level, minimum, skip = relaxation
        answer = plan_for(minimum, level, skip)
        fill = plan_for(1, level, skip) if len(answer.required) > 1 and minimum != 1 else None
        return answer, fill

    @staticmethod
    def _relax(plan, plan_for, matches, most, doc_freq, tried: bool = False, others: bool = False,
               held=None) -> tuple[int, int | None, frozenset[str]] | None:
        """(level, minimum, skipped) of the best relaxed answer: segments no record can hold are left out
        first (a dictionary lookup, no search); then the most segments some record holds: one search gives
        an upper bound (`most`: segments held by each record, phrases unchecked), usually the answer; below
        it, a binary search over minimum-should-match; when not even one matches, the same over smaller
        pieces (level 1: words split into dictionary words, level 2: characters and parts of letter runs). `others`:
        the query has required clauses that are not segments (a 文号, a link): when no segment is held beside them,
        they answer alone (原文链接 厦府办〔2014〕6号 found nothing)."""
        previous: tuple = ()
        for level in (0, 1, 2):
            current = plan if level == 0 else plan_for(None, level)
            pieces = tuple((s.text, s.kind) for s in current.required)
            if level > 0 and pieces == previous:
                continue  # nothing changed at this level
            previous = pieces
            skip = frozenset(s.text for s in current.required if not segment_query.possible(s, doc_freq))
            left = len(current.required) - len(skip)
            if not left:
                continue
            # `tried`: the caller ran level 0 without `skip`
            if ((skip and not (tried and level == 0)) or level > 0) and matches(plan_for(None, level, skip)) > 0:
                return (level, None, skip)
            if left > 1:
                ceiling = min(left - 1, most(plan_for(None, level, skip)))  # every one of them was tried above

                def holds(k: int, level: int = level, skip: frozenset[str] = skip) -> int:
                    return matches(plan_for(k, level, skip))

                minimum = None
                if ceiling >= 1:
                    # below the ceiling: the most held read off the best records by coverage (`held`), else a binary search
                    # whose every probe walks the union of the words (qspeed2)
                    if holds(ceiling) > 0:
                        minimum = ceiling
                    else:
                        most_checked = held(level, skip, ceiling) if held is not None else None
                        minimum = best_minimum(holds, ceiling) if most_checked is None else min(most_checked, ceiling - 1) or None
                if minimum is not None:
                    return (level, minimum, skip)
        every = frozenset(s.text for s in plan.required)
        if others and every and matches(plan_for(None, 0, every)) > 0:
            return (0, None, every)
        return None

    def _highlight_terms(self, clauses, understood) -> list[str]:
        """What snippets mark: the plain clauses as before; for an understood clause, the clause as typed
        (so a whole match is one mark) and every form of its required segments."""
        terms: list[str] = []
        for number, clause in enumerate(clauses):
            plan = understood.get(number)
            if plan is None:
                terms.extend(highlight_terms([clause]))
            else:
                terms.append(plan.whole)
                terms.extend(text for segment in plan.required for text in segment.alternatives)
        return list(dict.fromkeys(terms))

    def _did_you_mean(self, request, clauses, understood, searcher, known, whole: bool = False, dropped: list[str] | None = None,
                      lone: frozenset[int] = frozenset()) -> list[str]:
        """Other spellings (mainland words for Taiwan ones, a near-identical issuer or street name, a word left out
        with a homophone typed for one of its characters) that do find something, under the same filters. `whole`:
        the query was answered relaxed (some of its words found), so an other spelling is offered only when some record
        holds all of its words: 湖滨南路明天停电吗 is not offered 湖滨北路明天停电吗 because 停电 alone is found."""
        offers = []
        candidates = spelling_alternatives(request.q, understood, self.understanding.vocabulary)[:6]
        # the words the answer went without (or, when nothing was found, every word) by sound: 天燃气价格 → 天然气价格; and
        # the clause as typed, where a real word was typed for another (地址灾害防治: 地址 is common, 址灾 no record's)
        words = dropped or [s.text for plan in understood.values() for s in plan.required if s.kind in ("word", "name")]
        unheld = [w for w in words if len(w) > 1 and not lone] + [fold(plan.whole).strip() for plan in understood.values()]
        typed = fold(request.q)
        for word in list(dict.fromkeys(unheld))[:MOST_READ_BY_SOUND]:  # 0.2-1.7 ms each: a long query read in part
            candidates += [typed.replace(word, near, 1) for near in sound_alikes(word, searcher.doc_freq) if word in typed]
        if lone:  # a found query: only a lone character changed (厦门市教育据 → 厦门市教育局), never a word the answer holds,
            # and into a name of the word list (国务院办公厅; not 国务院办公众, a common word of the same sound)
            vocabulary = self.understanding.vocabulary
            candidates = [text for text in candidates
                          if changed_at(typed, text) in lone and names_over(text, changed_at(typed, text), vocabulary)]
        for text in dict.fromkeys(candidates):
            other_clauses = parse_query(text, self.search_settings.max_query_length)
            other = self.understanding.understand_clauses(other_clauses) if self.search_settings.segment else {}
            if other:
                offer = segment_query.build(self.schema, other_clauses, other, request, known, self.search_settings.ranking, [],
                                            minimum=None if whole else 1)
                query, loose = offer.query, offer.candidates
            else:
                query, loose = build_query(self.schema, other_clauses, request, known=known)[0], None
            if any_match(searcher, self.schema, query, loose):
                offers.append(text)
            if len(offers) >= 3:
                break
        return offers

    def field_values(self, field: str, size: int = 65_000) -> list[str]:
        """The distinct values of an exact field (e.g. every 文号), from its column: no document is read."""
        self.reload_if_changed()
        searcher = self._generation.check_current().searcher()
        result = searcher.aggregate(tantivy.Query.all_query(), {"v": {"terms": {"field": field, "size": size}}})
        return [str(bucket["key"]) for bucket in result.get("v", {}).get("buckets", [])]

    def cache_stats(self) -> dict[str, dict[str, int]]:
        return {"answers": self._answers.stats(), "facets": self._facet_counts.stats()}

    def _hit(self, doc: tantivy.Document, terms: list[str], score: float, explain: dict | None = None) -> Hit:
        return self._hit_from_payload(decode_payload(doc.get_first("payload")), terms, score, explain)

    def _hit_from_payload(self, payload: dict, terms: list[str], score: float, explain: dict | None = None) -> Hit:
        if explain is not None and "validity" not in explain:  # outside the re-ranked window
            status = payload.get("validity") or NO_VALIDITY
            # by relevance the score carries the factor (applied in tantivy's scoring); by date nothing is scored
            applied = {} if explain.get("order") == "date" else {"validity_factor": validity_factor(self.search_settings.ranking, status)}
            explain = {**explain, "validity": status, **applied}
        width = self.search_settings.snippet_chars
        snippet = None
        for text in (payload["body"], payload["summary"]):
            if text and terms:
                snippet = make_snippet(text, terms, width)
                if snippet is not None:
                    break
        if snippet is None:
            snippet = leading_snippet(payload["summary"] or payload["body"], width)
        return Hit(
            id=payload["id"],
            title=payload["title"],
            doc_number=payload["doc_number"],
            index_number=payload["index_number"],
            issuer=payload["issuer"],
            publish_date=payload["publish_date"],
            kind=payload["kind"],
            notice_type=payload["notice_type"],
            url=payload["url"],
            snippet_html=snippet.html,
            snippet_text=snippet.text,
            score=score,
            explain=explain,
            validity=payload.get("validity") or NO_VALIDITY,
        )


def _unchanged(query: tantivy.Query) -> tantivy.Query:
    """The scoring of an index holding no demoted record: the query's own."""
    return query


def _checks(plan: segment_query.Plan):
    """What a candidate of the plan must hold, restricted to the candidates read (cheap to reach) when the plan can."""
    return plan.checks_within or plan.segment_checks


def _addresses(hits: Sequence[tuple[float, tantivy.DocAddress]]) -> set[tuple[int, int]]:
    """The hits' records (segment ordinal, document)."""
    return {(a.segment_ord, a.doc) for _, a in hits}


def _among_read(
    seen: Checked, hits: list[tuple[float, tantivy.DocAddress]], window: int, payloads: dict[tuple[int, int], dict],
    searched: Callable[[int], list[tuple[float, tantivy.DocAddress]]],
) -> Callable[[int], list[tuple[float, tantivy.DocAddress]]]:
    """ties.window_of's deeper search for a window checked_top found (`hits`, `seen` what it read): the candidates it
    kept, checked, when they hold every record scoring as the window's last (Checked.holds_every), else the query's own
    best (`searched`: a relaxed step walks its at-least-k scorer again). qspeed8 measured checked_top asked that deep
    instead (more candidates read, scored as the window's were): dearer as often as cheaper, not kept (README *Benchmarks*)."""
    edge = float(hits[window - 1][0]) if len(hits) >= window else None

    def deeper(depth: int) -> list[tuple[float, tantivy.DocAddress]]:
        read = seen.kept if edge is not None and seen.holds_every(edge) else None
        if read is None:
            return searched(depth)
        payloads.update({(a.segment_ord, a.doc): payload for _, a, payload in read})
        return [(score, address) for score, address, _ in read]
    return deeper


def _past_page(
    searcher: tantivy.Searcher, searched: Callable[[int], list[tuple[float, tantivy.DocAddress]]], window: set[tuple[int, int]],
    start: int, count: int, payloads: dict[tuple[int, int], dict],
) -> list[tuple[float, tantivy.DocAddress]]:
    """`count` hits from `start` of the query's order (`searched(depth)`: its best `depth`) without the window's records,
    records scoring alike in id order (ties.page_of): a page past the window is the same whatever the build (ties2)."""

    def past(depth: int) -> list[tuple[float, tantivy.DocAddress]]:
        return [(float(score), a) for score, a in searched(depth + len(window)) if (a.segment_ord, a.doc) not in window]

    asked = start + count + TIE_MARGIN
    return page_of(searcher, past(asked), start, count, payloads, past, asked)


def _past_window(hits: Sequence[tuple[float, tantivy.DocAddress]], window: set[tuple[int, int]], start: int,
                 count: int) -> list[tuple[float, tantivy.DocAddress]]:
    """`count` of the query's `hits` (its best, in its order) from `start` on, the re-ranked window's records (segment ordinal,
    document) left out.
    A relaxed answer's window is the best candidates scored by their parts summed (segment_query.Plan.summed), which
    tantivy adds in another order: where records tie, its own order may take others into its first ones. Leaving out the
    window's own records, not its length, the pages after it never repeat nor miss one (`hits` must reach
    start + count + the window's length)."""
    return [(score, a) for score, a in hits if (a.segment_ord, a.doc) not in window][start : start + count]


def _chunks(items: Iterable[Record], size: int) -> Iterable[list[Record]]:
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def _copy(response: SearchResponse) -> SearchResponse:
    """A caller's own copy of a cached answer: lists and dicts may be changed, the Hits are not."""
    return SearchResponse(
        total=response.total,
        hits=list(response.hits),
        facets={name: dict(counts) for name, counts in response.facets.items()},
        relaxed=response.relaxed,
        dropped=list(response.dropped),
        did_you_mean=list(response.did_you_mean),
        approximate=response.approximate,
        nothing_searchable=response.nothing_searchable,
    )
