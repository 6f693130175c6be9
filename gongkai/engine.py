"""The engine: one object over the store and the index that the CLI, the web app, the feeds and the
scheduler all call, so that each of them stays a thin shell and there is one implementation of
ingest, search and lookup.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gongkai.errors import QueryError  # defined in the core, where the shells catch it (issue 17)
from gongkai.identifiers import normalize_index_number, typed_doc_numbers
from gongkai.ingest import IngestItem, IngestReport, ItemResult
from gongkai.ingest_session import CaptureInput, IngestSession
from gongkai.inputs import items_from_quarantine, iter_path_items
from gongkai.record import Record
from gongkai.settings import Settings
from gongkai.textnorm import fold

if TYPE_CHECKING:  # the facade's types; the parts themselves are imported when first used (see below)
    from gongkai.indexer.search_index import SearchIndex
    from gongkai.indexer.suggest import Suggester
    from gongkai.notices import OutageArea
    from gongkai.result_cache import ResultCache
    from gongkai.search_types import SearchRequest, SearchResponse, Suggestion, TextMarks
    from gongkai.search_words import VocabularyKeeper
    from gongkai.store.store import Store
    from gongkai.store.withdrawals import Takedown


#: How many outage notices a whole-city outage answer reads (Engine.outages_on), the last published first.
CITY_WIDE_CANDIDATES = 1000


#: The store's meta key holding the parsing rules its records were parsed by (gongkai.parsers.fingerprint)
PARSING_RULES_KEY = "parsing_rules"
#: "RULES LAST_ID": how far a pass under these rules got before its time was up (the next one goes on after LAST_ID)
PARSING_PROGRESS_KEY = "parsing_rules_progress"


def _stamp_parsing_rules_if_empty(store: Store) -> None:
    """A store holding no record yet is parsed by these rules from its first record on; one without a stamp that holds
    records was filled by a gongkai from before the stamp, and is parsed again by the next nightly maintenance."""
    if store.meta_get(PARSING_RULES_KEY) is None and store.count(include_withdrawn=True) == 0:
        from gongkai.parsers.fingerprint import parsing_fingerprint

        try:
            store.meta_set(PARSING_RULES_KEY, parsing_fingerprint())
        except Exception:  # another node stamping the same empty store at once, or a store opened read-only: no harm
            logging.getLogger("gongkai.engine").debug("parsing rules not stamped on the empty store", exc_info=True)


class Engine:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        self._store: Store | None = None
        self._index: SearchIndex | None = None
        self._open_lock = threading.Lock()
        self._outage_answers: ResultCache | None = None  # made on first use (keeps the indexer unimported until needed)
        self._vocabulary: VocabularyKeeper | None = None  # made on the first search
        self._suggester: Suggester | None = None  # made on first use

    # -- parts, opened lazily so that `gongkai --help` or a settings error costs nothing -------------
    @property
    def store(self) -> Store:
        if self._store is None:
            with self._open_lock:
                if self._store is None:
                    from gongkai.store.store import Store

                    store = Store.from_settings(self.settings)
                    _stamp_parsing_rules_if_empty(store)
                    self._store = store
        return self._store

    @property
    def index(self) -> SearchIndex:
        if self._index is None:
            opened = None
            with self._open_lock:
                if self._index is None:
                    from gongkai.indexer.search_index import SearchIndex

                    # issue 19: documents are indexed with their validity status, as the store derived it
                    self._index = opened = SearchIndex(self.settings.index_dir, self.settings.index, self.settings.search,
                                                       validity=lambda ids: self.store.validity_statuses(ids))
            # Outside the lock: the rebuild opens the store, which takes the same lock.
            if opened is not None and self.settings.index.rebuild_on_open:
                if not opened.usable:
                    # Built by another gongkai (another schema version) or damaged: it can be neither searched nor
                    # written; like a database behind its code, it is brought up to date when a process opens it.
                    self._rebuild_on_open("本版本无法检索（索引格式不同或已损坏）",
                                          "cannot be searched by this gongkai (another schema version, or damaged)",
                                          "; searches answer an error until it is done")
                elif opened.watermark > (last := self.store.max_seq()):
                    # It indexed change numbers the store never gave: the store was put back (a backup copied over the
                    # database file, a database rolled back). Left so, it answers hits the store no longer holds, and the
                    # records stored next take numbers at or below its watermark and are never indexed.
                    self._rebuild_on_open(f"已索引到第 {opened.watermark} 号改动，超过数据库的最后改动 {last}（数据库是否从备份恢复过？）",
                                          f"has indexed up to change {opened.watermark}, beyond the store's last change "
                                          f"{last} (was the database restored?)")
        return self._index

    def _rebuild_on_open(self, why_zh: str, why: str, meanwhile: str = "") -> None:
        """Rebuild the index just opened from the store into a new generation (a server's follower does the same;
        `index.rebuild_on_open` turns it off), saying `why` in the log, Chinese first (an operator reads it). If another process holds the rebuild, this
        one goes on and sees the new generation once it is switched."""
        from gongkai.indexer.errors import IndexLockedError

        log = logging.getLogger("gongkai.engine")
        log.warning("搜索索引 %s %s，正在从数据库重建 / the search index at %s %s: rebuilding it from the store",
                    self.settings.index_dir, why_zh, self.settings.index_dir, why)
        try:
            count = self.reindex()
        except IndexLockedError:
            log.warning("另一个进程正在重建搜索索引 / another process is rebuilding the search index%s", meanwhile)
            return
        log.warning("搜索索引已重建，共 %d 篇 / search index rebuilt: %d documents", count, count)

    def close(self) -> None:
        if self._store is not None:
            self._store.close()

    # -- ingest ---------------------------------------------------------------------------------------
    def ingest_session(
        self,
        on_item: Callable[[ItemResult], None] | None = None,
        *,
        fork_server: bool = False,
        label_overrides: Mapping[str, Mapping[str, str]] | None = None,
        commit_seconds: float | None = None,
    ) -> IngestSession:
        """The one ingest path for the length of a run (gongkai.ingest_session): use it as a context manager.
        `label_overrides`: source -> {printed label: Record field}, the run's site rules for the HTML parser;
        `commit_seconds`: how often the index commits during the run (default IndexFeeder.COMMIT_SECONDS)."""
        return IngestSession(self.store, self.index, self.settings, on_item=on_item, fork_server=fork_server,
                             label_overrides=label_overrides, commit_seconds=commit_seconds)

    def ingest_items(self, items: Iterable[IngestItem], on_item: Callable[[ItemResult], None] | None = None) -> IngestReport:
        with self.ingest_session() as session:
            return session.ingest(items, on_item)

    def ingest_records(self, records: Iterable[Record], source_ref: str = "api", on_item: Callable[[ItemResult], None] | None = None) -> IngestReport:
        items = (IngestItem(f"{source_ref}:{n}", record=record, source=record.source) for n, record in enumerate(records, 1))
        return self.ingest_items(items, on_item)

    def ingest_paths(
        self,
        paths: Iterable[Path | str],
        notices: bool = False,
        source: str = "",
        on_item: Callable[[ItemResult], None] | None = None,
        apply_withdrawals: bool = False,
        prepare: Callable[[Iterable[IngestItem]], Iterable[IngestItem]] | None = None,
    ) -> IngestReport:
        """Ingest files and folders (recursively): JSON Lines records, or documents by their content.

        Tombstones in record files are quarantined, unless `apply_withdrawals` (an operator's decision,
        gongkai.ownership.OperatorWithdrawals) applies them. `prepare`: a source's own rule for the items (as for
        retry_quarantined: `--source AGENCY` is that agency's door, gongkai.feeds.agency_doors)."""
        with self.ingest_session() as session:
            items = iter_path_items([Path(p) for p in paths], session, notices=notices, source=source)
            if prepare is not None:
                items = iter(prepare(items))
            if not apply_withdrawals:
                return session.ingest(items, on_item)
            from gongkai.ownership import OperatorWithdrawals

            withdrawals = OperatorWithdrawals(self)
            held: list[ItemResult] = []
            report = session.ingest(withdrawals.items(items), withdrawals.on_item(on_item, held))
        withdrawals.apply(report, held, on_item)
        return report

    def retry_quarantined(self, quarantine_id: int, label_overrides: Mapping[str, Mapping[str, str]] | None = None,
                          prepare: Callable[[Iterable[IngestItem]], Iterable[IngestItem]] | None = None) -> ItemResult:
        """Re-run one quarantined item through the ingest path; on success it is marked resolved.

        The item keeps its place in the quarantine when it fails again, with the new reason recorded as a new entry.
        An entry retried before left such a new entry open: it is closed with this one (resolved on success; retried
        on failure, since the newest entry now stands for the item), so one item is never open twice.
        """
        entry = self.store.quarantine_get(quarantine_id)
        if entry is None:
            raise KeyError(quarantine_id)
        # an open entry was never retried, so only a retried (or resolved) one has successors to look for
        successors = self._open_entries_of_same_input(entry) if entry["status"] != "open" else []
        before = {qid: self.store.quarantine_get(qid) for qid in successors} | {quarantine_id: entry}
        results: list[ItemResult] = []
        with self.ingest_session(label_overrides=label_overrides) as session:
            items = items_from_quarantine(entry, session)
            # `prepare`: a source's own rule for its items, which the core cannot import (an agency's two doors)
            session.ingest(prepare(items) if prepare is not None else items, on_item=results.append)
        ok = [r for r in results if r.status != "quarantined"]
        status = "resolved" if results and len(ok) == len(results) else "retried"
        for qid in [quarantine_id, *successors]:
            if status == "retried" and self._failed_the_same_way(qid, before.get(qid)):
                continue  # the store kept this entry as the item's open one (store/quarantine.py): it stays open
            self.store.quarantine_set_status(qid, status)
        if status == "resolved":
            return ok[0]
        return next((r for r in results if r.status == "quarantined"), ItemResult(str(quarantine_id), None, "quarantined", "nothing to retry"))

    def _failed_the_same_way(self, qid: int, before: dict | None) -> bool:
        """Whether a retry's failure was written to this open entry again (same input, reason and bytes: the store
        touches it instead of adding a second, so it now stands for the item and must stay open)."""
        now = self.store.quarantine_get(qid)
        if now is None or before is None or now["status"] != "open":
            return False
        return now["updated_at"] != before["updated_at"]

    def _open_entries_of_same_input(self, entry: dict) -> list[int]:
        """Open quarantine entries of the same input as `entry`: same input_ref and source and the same kept bytes
        (two files of one name read at different times are two inputs)."""
        same = ("input_ref", "source", "payload_sha256", "payload_text", "capture_sha256")
        found = []
        for item in self.store.quarantine_list("open", limit=100_000):
            if item["id"] == entry["id"] or item["input_ref"] != entry["input_ref"] or item["source"] != entry["source"]:
                continue
            other = self.store.quarantine_get(item["id"])
            if other is not None and all(other.get(key) == entry.get(key) for key in same):
                found.append(item["id"])
        return found

    def ingest_captures(
        self, captures: Iterable[CaptureInput], notices: bool = False, on_item: Callable[[ItemResult], None] | None = None, parallel: bool = True
    ) -> IngestReport:
        """One session for these captures (a source that keeps a run open uses `ingest_session`): raw bytes
        kept, parsed, stored, indexed. `captures` are gongkai.parsers.Capture objects, or (CaptureKey, Capture)
        pairs whose results carry the key. With `notices`, each capture is a notice column that becomes one
        record per notice. `parallel` parses over all cores with a per-item time limit.
        """
        with self.ingest_session() as session:
            return session.ingest_captures(captures, notices=notices, parallel=parallel, on_item=on_item)

    def reparse(
        self, record_ids: Iterable[str] | None = None, on_item: Callable[[ItemResult], None] | None = None, ocr: bool = False,
        label_overrides: Mapping[str, Mapping[str, str]] | None = None, leave_sources: Collection[str] = (),
        should_stop: Callable[[], bool] | None = None,
    ) -> tuple[IngestReport, list[str]]:
        """Parse records again from their kept raw captures (all records when no ids are given): _reparse_pass's report and
        the ids that had no capture (see there)."""
        report, skipped, stopped, _last = self._reparse_pass(record_ids, on_item, ocr, label_overrides, leave_sources, should_stop)
        if record_ids is None and not ocr and not stopped:  # every record parsed by these rules now
            self._stamp_parsing_rules()
        return report, skipped

    def _stamp_parsing_rules(self) -> None:
        from gongkai.parsers.fingerprint import parsing_fingerprint

        self.store.meta_set(PARSING_RULES_KEY, parsing_fingerprint())

    def _reparse_pass(
        self, record_ids: Iterable[str] | None = None, on_item: Callable[[ItemResult], None] | None = None, ocr: bool = False,
        label_overrides: Mapping[str, Mapping[str, str]] | None = None, leave_sources: Collection[str] = (),
        should_stop: Callable[[], bool] | None = None, after: str | None = None,
    ) -> tuple[IngestReport, list[str], bool, str]:
        """Parse records again from their kept raw captures (all records when no ids are given).

        Returns the ingest report (a changed result is a new version) and the ids that had no capture.
        A record that its notice column, parsed again, no longer gives is withdrawn (gongkai.reparse).
        `ocr`: scanned pages are read by OCR again (their cached OCR results are dropped first).
        `label_overrides`: the sites' label rules as their definitions say now (source -> {label: field}).
        `leave_sources`: records of these sources are left as they are, asked for by id or not (a crawled site whose
        definition is not loaded: parsed without its label rules, its records would lose the fields they gave).
        `should_stop`: asked before each record; true ends the pass there (what was parsed is stored and indexed).
        `after`: with no ids, only the records whose id sorts after it (a pass taken up again).
        """
        from gongkai.reparse import SUPERSEDED_REASON, ColumnTracker, reparse_items

        if record_ids is None:
            ids: Iterable[str] = (record.id for record in self.store.iter_records(include_withdrawn=False, after=after)
                                  if record.source not in leave_sources)
        else:
            ids = [record_id for record_id in record_ids if (record := self.store.get(record_id)) is None or record.source not in leave_sources]
        stopped, last = False, after or ""

        def until_stopped(ids: Iterable[str]) -> Iterator[str]:
            nonlocal stopped, last
            for record_id in ids:
                if should_stop is not None and should_stop():
                    stopped = True
                    return
                last = record_id  # handed to the session: stored (or quarantined) before the session returns
                yield record_id

        ids = until_stopped(ids)
        if ocr:
            ids = self._drop_ocr_cache(ids)
        skipped: list[str] = []
        columns = ColumnTracker()
        with self.ingest_session(label_overrides=label_overrides) as session:
            report = session.ingest(reparse_items(session, ids, skipped, columns), on_item)
        # Only now that the column's new records are stored: the ones it no longer gives are withdrawn.
        if [record_id for record_id in columns.superseded() if self.store.withdraw(record_id, SUPERSEDED_REASON)]:
            self.catch_up_index()
        return report, skipped, stopped, last

    def parsing_rules_changed(self) -> bool:
        """Whether the stored records were parsed by other parsing rules than this gongkai's (an upgrade, a parser
        fix), or before the rules were stamped (gongkai.parsers.fingerprint)."""
        from gongkai.parsers.fingerprint import parsing_fingerprint

        return self.store.meta_get(PARSING_RULES_KEY) != parsing_fingerprint()

    def reparse_if_rules_changed(
        self, on_item: Callable[[ItemResult], None] | None = None, label_overrides: Mapping[str, Mapping[str, str]] | None = None,
        leave_sources: Collection[str] = (), should_stop: Callable[[], bool] | None = None, seconds: float | None = None,
    ) -> IngestReport | None:
        """Every record parsed again from its kept raw bytes when the parsing rules changed since (the nightly maintenance
        runs it after an upgrade: a fix reaches the records stored before it); None when they did not. At most `seconds`
        of it a call (the other jobs wait for the engine meanwhile): a pass stopped by its time or by `should_stop` is
        taken up after its last record by the next call under the same rules; the rules are stamped when it is done."""
        from gongkai.parsers.fingerprint import parsing_fingerprint

        if not self.parsing_rules_changed():
            return None
        rules = parsing_fingerprint()
        done_to, _, last = (self.store.meta_get(PARSING_PROGRESS_KEY) or "").partition(" ")
        after = last if done_to == rules and last else None
        deadline = time.monotonic() + seconds if seconds is not None else None

        def stop() -> bool:
            return (should_stop is not None and should_stop()) or (deadline is not None and time.monotonic() >= deadline)

        report, _skipped, stopped, last = self._reparse_pass(None, on_item, label_overrides=label_overrides,
                                                             leave_sources=leave_sources, should_stop=stop, after=after)
        if stopped:
            self.store.meta_set(PARSING_PROGRESS_KEY, f"{rules} {last}")
        else:
            self._stamp_parsing_rules()
            self.store.meta_set(PARSING_PROGRESS_KEY, "")
        return report

    def _drop_ocr_cache(self, record_ids: Iterable[str]) -> Iterator[str]:
        """The ids, each after its newest capture's cached OCR result is deleted (gongkai reparse --ocr)."""
        from gongkai.parsers.formats.ocr import cache_file

        for record_id in record_ids:
            shas = self.store.captures_of(record_id)
            if shas:
                cache_file(self.settings.parsers.ocr.cache_dir, shas[-1]).unlink(missing_ok=True)
            yield record_id

    # -- search and lookup ----------------------------------------------------------------------------
    def search(self, request: SearchRequest) -> SearchResponse:
        self.validate(request)
        self.refresh()
        self._keep_vocabulary()
        return self.index.search(request)

    def holds_something_to_search(self, query: str) -> bool:
        """Whether `query` holds something to search (empty, or a clause the index can match: not 。。 or ~~~), by the
        index's own parser, without searching. Opens neither store nor index."""
        from gongkai.indexer.query_builder import holds_something_to_search

        return holds_something_to_search(query, self.settings.search.max_query_length)

    def marks(self, query: str) -> TextMarks:
        """What `query` matches in a text, by the index's own query parser and matcher, so the page marks what the
        search found (its positive words and phrases; a 文号 in any bracket or width). Opens neither store nor index."""
        from gongkai.indexer.marks import query_marks

        return query_marks(query)

    def _keep_vocabulary(self) -> None:
        """The domain word list of query understanding follows the store (gongkai.search_words)."""
        if not self.settings.search.segment:
            return
        if self._vocabulary is None:
            with self._open_lock:
                if self._vocabulary is None:
                    from gongkai.search_words import VocabularyKeeper

                    self._vocabulary = VocabularyKeeper(self.settings.search.vocabulary_refresh_seconds)
        self._vocabulary.ensure(self.store, self.index)

    def warm_search(self) -> threading.Thread:
        """Load the query segmenter's dictionary and build the domain word list in a background thread. A
        server calls this at start, so that the first search does not wait for them (about 2 s of CPU at
        100,000 records); a search arriving meanwhile waits for the word list, never builds it twice."""

        def build() -> None:
            try:
                from gongkai.indexer import homophones, segmenter

                segmenter.warm()
                homophones.warm()  # did-you-mean's table of readings (0.2-0.5 s of CPU)
                if self.settings.search.segment:
                    self._keep_vocabulary()
            except Exception:  # the first search builds it again and reports what is wrong
                logging.getLogger("gongkai.engine").exception("warming up query understanding failed")

        thread = threading.Thread(target=build, name="gongkai-search-warm-up", daemon=True)
        thread.start()
        return thread

    def validate(self, request: SearchRequest) -> None:
        limits = self.settings.search
        if len(request.q) > limits.max_query_length:
            raise QueryError(f"搜索词过长（{len(request.q)} 字，最多 {limits.max_query_length} 字） / query is {len(request.q)} characters; at most {limits.max_query_length} are allowed")
        if not 1 <= request.limit <= limits.max_page_size:
            raise QueryError(f"每页条数应在 1 至 {limits.max_page_size} 之间 / limit must be between 1 and {limits.max_page_size}")
        if request.offset < 0 or request.offset > limits.max_offset:
            raise QueryError(f"翻页过深（最多 {limits.max_offset} 条），请缩小搜索范围 / offset must be between 0 and {limits.max_offset}; narrow the search instead of paging deeper")
        if request.date_from and request.date_to and request.date_from > request.date_to:
            raise QueryError("日期范围为空：开始日期晚于结束日期 / the date range is empty: from is after to")
        if request.sort not in ("relevance", "date"):
            raise QueryError("排序只能是 relevance 或 date / sort must be 'relevance' or 'date'")

    def refresh(self) -> None:
        """Pick up index commits and generation swaps made by other processes."""
        self.index.reload_if_changed()

    def get(self, record_id: str) -> Record | None:
        return self.store.get(record_id)

    def versions(self, record_id: str) -> list[Record]:
        return self.store.versions(record_id)

    def lookup(self, doc_number: str | None = None, index_number: str | None = None) -> list[Record]:
        """Records whose 文号 or 索引号 equals the given one, in any bracket or width variant."""
        forms = typed_doc_numbers(doc_number) if doc_number and doc_number.strip() else []
        if not forms and not (index_number and index_number.strip()):
            raise QueryError("请提供文号或索引号 / give doc_number or index_number")
        # 国务院令第717号 as people say it: the records' 国令第717号 first (review19), then the forms a page prints it in
        # (中华人民共和国国务院令第717号, stored as printed), then the number as typed (主席令第四十五号, 廈府〔2014〕12號)
        for form in forms[:-1]:
            if found := self._lookup_exact(form, index_number):
                return found
        return self._lookup_exact(forms[-1] if forms else None, index_number)

    def _lookup_exact(self, doc_number: str | None, index_number: str | None) -> list[Record]:
        from gongkai.search_types import SearchRequest

        clauses = [f'doc_number:"{doc_number}"'] if doc_number else []
        if index_number and index_number.strip():
            clauses.append(f'index_number:"{normalize_index_number(index_number)}"')
        response = self.search(SearchRequest(q=" ".join(clauses), limit=self.settings.search.max_page_size, facets=False))
        found = self.store.get_many([hit.id for hit in response.hits])
        return [found[hit.id] for hit in response.hits if hit.id in found]

    def outages(self, area: str, day: date | None = None, until: date | None = None, *, called_off: bool = False,
                hours: tuple[tuple[int, int], ...] | None = None) -> list[tuple[Record, list[Any]]]:
        """Outage notices with an event that names `area` (a road with its sections and house numbers, a
        community by its own name) and, with `day`, covers it: (record, those events) pairs.

        The index narrows the candidates (outage notices whose text contains the place's name, published
        in the `search.outage_lookback_days` before the day); the events decide (gongkai.outages). With `until`, any
        day from `day` to `until` (下周, 国庆: one lookup, not one a day). With `called_off`: instead, the windows naming
        `area` that a notice calls off or moves (停电取消, 时间变更), which the answer leaves out (a street's calendar keeps
        them as cancelled events), and the notices calling them off with their `cancelled` events (its feed lists them).
        With `hours` (gongkai.asked_hours: 今天下午, 8点到10点), only the windows touching those hours of each day asked.
        """
        from gongkai.outage_areas import area_group, parse_query, without_city
        from gongkai.outage_question import estate_after_its_area, merged_answers, places_as_printed, places_asked

        area = without_city(area.strip())  # 厦门市湖滨南路: notices print 湖滨南路
        if (places := places_asked(area)) is not None and len(places) > 1:  # 湖滨南路、厦禾路: each, as the search box asks
            places = places_as_printed(self, places, fold(area))  # 嘉禾路和通里: 和通里 when the notices print it
            return merged_answers([self.outages(place, day, until, called_off=called_off, hours=hours) for place in places])
        asked = parse_query(area)
        if asked is None:
            raise QueryError("请填写街道、小区或楼栋 / area must name a street, community or building")
        # 岛内/岛外 (gongkai/data/outage_area_groups.toml): no notice prints them; read as the whole city is, by district
        found = self._outage_lookup(asked, fold(area), day, most=CITY_WIDE_CANDIDATES if area_group(area) else None, until=until,
                                    called_off=called_off, hours=hours)
        if not found and not called_off:  # 未来海岸蓝湾: the estate printed in its area's brackets (outages14)
            found = estate_after_its_area(self, area, day, until, hours)
        return found

    def outages_on(self, day: date, until: date | None = None, hours: tuple[tuple[int, int], ...] | None = None) -> list[tuple[Record, list[Any]]]:
        """Every outage notice with an event covering `day`, wherever it is (明天哪里停电: the whole city),
        as `outages` answers for one place: (record, those events) pairs. Read among the CITY_WIDE_CANDIDATES
        outage notices published last before the day (newest first): a window is announced days or weeks
        ahead, and a large store holds thousands of outage notices in `search.outage_lookback_days`."""
        return self._outage_lookup(None, "", day, most=CITY_WIDE_CANDIDATES, until=until, hours=hours)

    def _outage_lookup(
        self, asked: OutageArea | None, wanted: str, day: date | None, most: int | None = None, until: date | None = None,
        called_off: bool = False, hours: tuple[tuple[int, int], ...] | None = None,
    ) -> list[tuple[Record, list[Any]]]:
        """`asked`: the place (gongkai.outage_areas.OutageArea) or None for the whole city; `wanted`: its folded text
        (the cache key: 湖滨南路 and 湖滨南路200号 share a name, not an answer)."""
        from gongkai.outage_areas import area_group, names_a_whole_area, printed_name
        from gongkai.outages import (
            CORRECTION_WORDS,
            answer_events,
            calling_off,
            calls_off_a_whole_area,
            calls_off_place,
            calls_off_places,
            corrects_without_places,
            matching_events,
            swapped_out,
        )
        from gongkai.search_types import SearchRequest

        # Answers are cached by index state: every store change reaches the index as a commit, which
        # changes the state, so a cached answer is never older than the index is.
        self.refresh()
        cache_key = (self.index.state_key(), wanted, day, until, called_off, hours)
        cached = self._outage_cache().get(cache_key)
        if cached is not None:
            return list(cached)
        named = asked is not None and area_group(asked.name) is None  # a place notices print (not 岛内, not the city)
        request = SearchRequest(
            # the place's name as a phrase; the whole city or 岛内: every outage notice of the days read
            q='"' + printed_name(asked).replace('"', ' ') + '"' if asked is not None and named else "", kind="notice", notice_type="outage",
            sort="relevance" if named else "date",  # the whole city: the notices published last first
            date_from=day - timedelta(days=self.settings.search.outage_lookback_days) if day else None,
            date_to=(until or day) + timedelta(days=2 if hours else 1) if day else None,  # a night asked runs into the day after
            limit=self.settings.search.max_page_size, facets=False,
        )
        candidate_ids: list[str] = []
        while True:
            response = self.search(request)
            candidate_ids.extend(hit.id for hit in response.hits)
            request.offset += len(response.hits)
            if most is not None and len(candidate_ids) >= most:
                del candidate_ids[most:]
                break
            if not response.hits or request.offset >= min(response.total, self.settings.search.max_offset):
                break
        if named:  # a correction may print no place (更正为…，停电范围不变): found by its words among the notices of the days
            # a district or town asked (同安区): a correction names the places it calls off without it (原定…郭山村的停电，1月15日停电
            #取消, outages10: the district's answer kept the day called off), so every one calling off a window is read
            whole = asked is not None and names_a_whole_area(asked.name)
            corrections_key = (self.index.state_key(), "corrections", CORRECTION_WORDS, request.date_from, request.date_to, whole)
            corrections = self._outage_cache().get(corrections_key)  # the same for every place asked about those days
            if corrections is None:
                found_ids: list[str] = []
                for word in CORRECTION_WORDS:
                    request.q, request.offset, request.sort, request.limit = f'"{word}"', 0, "date", 50
                    found_ids.extend(hit.id for hit in self.search(request).hits)
                corrections = tuple(record.id for record in self.store.get_many(list(dict.fromkeys(found_ids))).values()
                                    if corrects_without_places(record) or calls_off_a_whole_area(record)
                                    or (whole and calls_off_places(record)))  # the others: by the place's name
                self._outage_cache().put(corrections_key, corrections)
            candidate_ids.extend(corrections)
        live = [record for record in self.store.get_many(list(dict.fromkeys(candidate_ids))).values() if not record.withdrawn]
        if named and (swapped := swapped_out(live)):  # “A”应为“B” with no window: B is cut in A's window, read where A is printed
            for area in {printed_name(area) for area in swapped}:
                request.q, request.offset, request.sort, request.limit = '"' + area.replace('"', " ") + '"', 0, "relevance", 50
                more = [hit.id for hit in self.search(request).hits if hit.id not in {record.id for record in live}]
                live += [record for record in self.store.get_many(more).values() if not record.withdrawn]
        found: list[tuple[Record, list[Any]]] = list(answer_events(live, asked, day, until, hours))  # less what a notice calls off
        if called_off:  # the notices' own windows naming the place that the answer left out: called off or moved
            kept = {id(event) for _, events in found for event in events}
            found = [(record, off) for record in live
                     if (off := [event for event in matching_events(record.notice, asked, day, until) if id(event) not in kept])]
            if asked is not None:  # and the notices calling them off, with their `cancelled` events (a street's feed lists them)
                found += [(record, calls) for record in live if (calls := calling_off(record.notice, asked) or (
                    [event for event in record.notice.events if event.effect == "cancelled" and not event.areas]  # type: ignore[union-attr]
                    if corrects_without_places(record) and calls_off_place(record, live, asked) else []))]
        found.sort(key=lambda pair: (pair[0].publish_date or date.min, pair[0].id), reverse=True)
        self._outage_cache().put(cache_key, tuple(found))
        return found

    def suggest(self, prefix: str, limit: int = 8, types: Sequence[str] | None = None) -> list[Suggestion]:
        """Completions for the search box (issuers, titles, 文号 and their prefixes, streets), best first."""
        self.refresh()
        return self.suggester.suggest(prefix, limit, types)

    def word_lists_built_from(self, suggestions: bool) -> tuple[object, object]:
        """What the in-memory word lists an answer uses beside the index and the store were built from, alike in every process
        (web ETags, clients10): query understanding's domain words (rebuilt in the background: a process may lag another; None
        before the first) and, when `suggestions`, the search box's completions (caught up first)."""
        vocabulary = self._vocabulary.built_from if self._vocabulary is not None else None
        if not suggestions:
            return vocabulary, None
        self.suggester.current()  # caught up now, as the answer would (unless another thread is at it: then the old one)
        return vocabulary, self.suggester.built_from()

    def warm_suggestions(self) -> threading.Thread:
        """Build the search box's word list in a background thread. A server calls this at start, so that
        the first key press finds it ready instead of waiting for it (seconds at 100,000 records)."""

        def build() -> None:
            try:
                self.suggester.refresh()
            except Exception:  # the first request builds it again and reports what is wrong
                logging.getLogger("gongkai.engine").exception("building the suggestion word list failed")

        thread = threading.Thread(target=build, name="gongkai-suggest-warm-up", daemon=True)
        thread.start()
        return thread

    @property
    def suggester(self) -> Suggester:
        if self._suggester is None:
            with self._open_lock:
                if self._suggester is None:
                    from gongkai.indexer.suggest import Suggester, short_names
                    from gongkai.indexer.vocabulary import notice_names
                    from gongkai.store.suggest_rows import rows_since

                    # Keyed by the index state, as the result caches are: every store change reaches the index as a commit.
                    self._suggester = Suggester(
                        rows_since=lambda seq, limit: rows_since(self.store, seq, limit),
                        state=lambda: self.index.state_key(),
                        places=lambda notice: notice_names(notice)[0],
                        short_names=short_names(self.settings.search.synonyms),
                    )
        return self._suggester

    def _outage_cache(self) -> ResultCache:
        if self._outage_answers is None:
            from gongkai.result_cache import ResultCache

            self._outage_answers = ResultCache(self.settings.search.cache_entries)
        return self._outage_answers

    # -- maintenance ----------------------------------------------------------------------------------
    def reindex(self, progress: Callable[[int], None] | None = None) -> int:
        """Rebuild the whole index from the store into a new generation and swap it in atomically."""
        watermark = self.store.max_seq()
        # Only records numbered up to the watermark go in; changes that land during the rebuild are above it
        # and come with the catch-up below. The new generation thus holds no record its watermark does not
        # cover, which an ingest running meanwhile relies on: its fast path adds an id new to the store
        # without deleting it first, and a record read into the rebuild as well was indexed twice (issue 20).
        self.index.rebuild(_live_records_up_to(self.store, watermark), watermark, progress)
        self.catch_up_index()
        return self.index.doc_count()

    def catch_up_index(self) -> int:
        """Index every store change above the index's watermark and commit; returns how many records."""
        from gongkai.ingest import IndexFeeder

        # The feeder starts from the watermark it reads: not while another feeder of this process (an
        # ingest, the follower) moves it, or its commit could write back an older watermark.
        with self.index.feeding:
            feeder = IndexFeeder(self.store, self.index)
            done = feeder.catch_up(repair=True)
            feeder.commit()
        return done

    def export(self, since: datetime | None = None, include_withdrawn: bool = True) -> Iterator[Record]:
        return self.store.iter_records(since=since, include_withdrawn=include_withdrawn)

    def withdraw(self, record_id: str, reason: str = "", *, operator: str | None = None) -> bool:
        """Hide a record (kept as a tombstone). Without `operator`: a source-driven withdrawal (the
        page is gone) that ends when the document comes again. With `operator` (who): a takedown that
        stays, whatever the sources bring, until `restore`. False if unknown or already withdrawn."""
        changed = self.store.withdraw(record_id, reason, operator=operator)
        if changed:
            self.store.validity_reread([record_id])  # issue 19: a withdrawn document repeals nothing
            self.catch_up_index()
        return changed

    def restore(self, record_id: str, reason: str = "", *, operator: str) -> bool:
        """Lift a withdrawal or takedown: the record is visible and searchable again (a new version,
        queued for sync). False if the record is unknown or not withdrawn."""
        changed = self.store.restore(record_id, reason, operator=operator)
        if changed:
            self.store.validity_reread([record_id])
            self.catch_up_index()
        return changed

    def takedown(self, record_id: str) -> Takedown | None:
        """The operator takedown in force on a record (who, when, why), or None."""
        return self.store.takedown(record_id)

    # -- validity (issue 19): derived in the store; see gongkai/validity.py -----------------------------
    def validity(self, record_id: str) -> dict[str, Any]:
        """{"validity": {...}, "cites": [...], "cited_by": [...]} of a record (read now if never read)."""
        view = self.store.validity(record_id)
        if view is None and self.store.get(record_id) is not None:
            self.store.validity_backfill(only=[record_id])  # the rest: the daily job or `gongkai validity recompute`
            view = self.store.validity(record_id)
        return view or {"validity": {"status": "unknown"}, "cites": [], "cited_by": [], "cited_by_total": 0}

    def validity_set(self, record_id: str, status: str, reason: str, by: str) -> None:
        """An operator's status (or "auto" to return to the derived one), kept with who and why."""
        from gongkai.validity import STATUSES

        if status not in (*STATUSES, "auto"):
            raise ValueError(f"status must be one of {', '.join((*STATUSES, 'auto'))}")
        self.store.validity_set(record_id, status, reason, by)
        self.catch_up_index()  # the record's status changed: searches filter and rank by the new one

    def validity_daily(self) -> dict[str, int]:
        """The daily job: read records that have no statements yet, derive every status for today."""
        done = {"read": self.store.validity_backfill(), "changed": self.store.validity_recompute()}
        self.catch_up_index()  # records whose status changed took new change numbers: the index follows
        return done

    def graph(self, record_id: str, depth: int = 1) -> dict[str, Any]:
        from gongkai.validity_graph import walk

        return walk(self.store, record_id, depth)

    def diff(self, record_id: str, from_version: int | None = None, to_version: int | None = None) -> dict[str, Any]:
        """What changed between two stored versions (default: the one before the current, and the current).
        KeyError: unknown record; ValueError: a version it does not have."""
        from gongkai.versiondiff import diff

        versions = {v.version: v for v in self.store.versions(record_id)}
        if not versions:
            raise KeyError(record_id)
        to_version = to_version or max(versions)
        from_version = from_version or max([v for v in versions if v < to_version], default=to_version)
        for wanted in (from_version, to_version):
            if wanted not in versions:
                raise ValueError(f"record {record_id} has no version {wanted} (it has {', '.join(map(str, sorted(versions)))})")
        return diff(versions[from_version], versions[to_version])

    def stats(self) -> dict[str, Any]:
        stats = dict(self.store.stats())
        stats["index"] = {
            "documents": self.index.doc_count(),
            "size_bytes": self.index.size_bytes(),
            "watermark": self.index.watermark,
            "store_seq": self.store.max_seq(),
        }
        stats["data_dir"] = str(self.settings.data_dir.resolve())
        stats["ocr_review"] = self.ocr_review()
        return stats

    def ocr_review(self, limit: int = 100) -> list[dict[str, Any]]:
        """Records read from scans that a person should look at (low OCR confidence, pages over the time
        limit): their open quarantine entries, newest first, as {quarantine_id, record_id, reason}."""
        from gongkai.ingest import OCR_REVIEW_PREFIX

        rows = self.store.quarantine_reasons_starting(OCR_REVIEW_PREFIX, limit=limit)
        out = []
        for row in rows:
            record_id, _, reason = row["reason"][len(OCR_REVIEW_PREFIX):].partition(": ")
            out.append({"quarantine_id": row["id"], "record_id": record_id, "reason": reason})
        return out


def _live_records_up_to(store: Store, watermark: int, page: int = 1000) -> Iterator[Record]:
    """The live records whose change number is at most `watermark`, each once, read by change number in short
    transactions: a record changed meanwhile moves above the watermark (every change takes a new number) and
    is left to the catch-up after the rebuild (Engine.reindex)."""
    after = 0
    while after < watermark:
        changes = store.changes_since(after, limit=page)
        for seq, record in changes:
            if seq > watermark:
                return
            if not record.withdrawn:
                yield record
        if len(changes) < page:
            return
        after = changes[-1][0]
