"""Feeds in and out for the shells: push tokens, the sync to the national platform, the drop folder, feed
polling, what the published feeds read from the store (latest changes, change times, the OAI-PMH
provider), and the published documents themselves: Atom feeds, outage calendars, sitemaps, robots.txt, the
OAI `gongkai` schema, and the push endpoint's reading and answers (issue 17: the feed routes import no
gongkai.feeds module). Delegates to gongkai.feeds (tokens, sync, inbox, poll, oai, atom, sitemap, outage_feeds,
oai_native, push, ratelimit) and gongkai.store.outbox; sync refusals raise gongkai.errors.SyncError
(SyncBusyError when another pusher runs).

The push's request errors (PushRequestError, ClientJSONError), its result type (PushResult) and the push rate
limiter (PushRateLimiter, Refusal) are the feeds package's own: shells take them from here, as they take
JobBusyError from gongkai.facades.jobs."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from gongkai.feeds import atom, oai_native, sitemap
from gongkai.feeds.atom_pages import CursorError
from gongkai.feeds.push import ClientJSONError, PushRequestError, PushResult
from gongkai.feeds.ratelimit import PushRateLimiter, Refusal
from gongkai.uris import path_uri, query_uri

if TYPE_CHECKING:
    from gongkai.engine import Engine
    from gongkai.feeds.inbox import InboxReport
    from gongkai.feeds.oai import OAIProvider
    from gongkai.feeds.poll import PollReport
    from gongkai.feeds.sync import PushReport
    from gongkai.feeds.tokens import TokenStore
    from gongkai.ingest import IngestItem
    from gongkai.notices import OutageEvent
    from gongkai.record import Record
    from gongkai.settings import Settings
    from gongkai.store.outbox import ChangedRecord

__all__ = ["OAI_SCHEMA_FILE", "SITEMAP_MAX_PAGE", "ClientJSONError", "CursorError", "Feeds", "PushRateLimiter", "PushRequestError",
           "PushResult", "Refusal"]

#: /oai/<this>: the XML Schema of the OAI-PMH `gongkai` metadata format.
OAI_SCHEMA_FILE = oai_native.SCHEMA_FILE
#: Sitemap pages are /sitemap-N.xml, N from 1 to this.
SITEMAP_MAX_PAGE = sitemap.MAX_PAGE_NUMBER

#: (record, the outage events in it that name the area asked for), as Engine.outages answers.
OutagePairs = list[tuple["Record", list["OutageEvent"]]]


class Feeds:
    def __init__(self, settings: Settings, engine: Callable[[], Engine]) -> None:
        self.settings = settings
        self._engine = engine

    def one_record_across_doors(self, items: Iterable[IngestItem], agency: str | None = None) -> Iterable[IngestItem]:
        """Items of an agency's door, each stored as its other door brought it given that record's id and source
        (gongkai.feeds.agency_doors): a quarantine retry of a drop-folder record keeps the push's record one, and
        `gongkai ingest --source AGENCY` (`agency`: the push's door, loaded by an operator) finds the folder's."""
        from gongkai.feeds.agency_doors import one_record_across_doors

        return one_record_across_doors(self._engine().store, items, agency)

    def same_file_same_record(self, items: Iterable[IngestItem], superseded: list[tuple[str, IngestItem]]) -> Iterator[IngestItem]:
        """The items, a document whose bytes are already a record of its source given that record's id (its id is its
        content's, so a sidecar completed or a parser upgrade made a second record: gongkai.feeds.same_file, the drop
        folder's and the push's rule, for `gongkai ingest`; review18). Earlier records a document now with a 索引号 or
        URL replaces are added to `superseded` as (old id, item), to withdraw once the run has stored the item."""
        from gongkai.feeds.same_file import same_file_same_record

        store = self._engine().store
        this_run: dict[tuple[str, str], str] = {}
        for item in items:
            item, replaced = same_file_same_record(store, item, item.source, this_run)
            superseded.extend((old, item) for old in replaced)
            yield item

    def withdraw_superseded(self, superseded: list[tuple[str, IngestItem]]) -> None:
        """Withdraw each earlier record of the same file whose replacement is stored (as the drop folder does)."""
        from gongkai.feeds.same_file import SUPERSEDED_BY_SAME_FILE

        engine = self._engine()
        for old, item in superseded:
            if item.record is not None and engine.store.get(item.record.id) is not None:
                engine.withdraw(old, f"{SUPERSEDED_BY_SAME_FILE}{item.record.id}")

    def tokens(self) -> TokenStore:
        """The agencies' push tokens (create, list, revoke, verify)."""
        from gongkai.feeds.tokens import TokenStore

        return TokenStore(self._engine().store)

    def agency_of_token(self, token: str) -> str | None:
        """The agency of an active push token, else None."""
        return self.tokens().verify(token)

    # -- the sync to the national platform ------------------------------------------------------------------
    def sync_push(self, max_batches: int | None = None) -> PushReport:
        """Send the outbox (holding the sync lease). Raises SyncBusyError, SyncError."""
        from gongkai.feeds import sync

        return sync.push(self._engine(), max_batches=max_batches)

    def sync_status(self) -> dict[str, Any]:
        from gongkai.feeds import sync

        return sync.status(self._engine())

    def sync_retry(self, entry_ids: list[int] | None = None) -> int:
        """Parked entries back in the queue (all, or these ids); how many."""
        from gongkai.feeds import sync

        return sync.retry(self._engine(), entry_ids)

    # -- receiving --------------------------------------------------------------------------------------
    def process_inbox(self) -> InboxReport:
        """One pick-up run over the drop folder."""
        from gongkai.feeds.inbox import process_inbox

        return process_inbox(self._engine())

    def inbox_dir(self) -> Path:
        from gongkai.inbox_layout import inbox_dir

        return inbox_dir(self.settings)

    def poll(self) -> PollReport:
        """Every feed of settings feeds.agency_feeds polled once."""
        from gongkai.feeds.poll import poll_feeds

        return poll_feeds(self._engine())

    # -- publishing -------------------------------------------------------------------------------------
    def latest_changes(self, *, issuer: str | None = None, kind: str | None = None, notice_type: str | None = None,
                       limit: int = 50) -> list[ChangedRecord]:
        """The most recently changed live records, newest first (the Atom feeds of an issuer, a notice type)."""
        from gongkai.store.outbox import latest_changes

        return latest_changes(self._engine().store, issuer=issuer, kind=kind, notice_type=notice_type, limit=limit)

    def feed_page(self, items: Sequence[tuple[str, str]], first_url: Callable[[str], str], *, issuer: str | None = None,
                  kind: str | None = None, notice_type: str | None = None) -> tuple[list[ChangedRecord], str, dict[str, str]]:
        """The page of a store feed that a request's query `items` asks for (RFC 5005, gongkai.feeds.atom_pages): its
        records, newest first; the feed's first-page URL (its id), made by `first_url` from no query (such a feed reads
        none but its paging: a parameter it ignores is no other feed);
        and the page's links, rel -> URL; a withdrawn record is among them at its withdrawal. Raises
        atom_pages.CursorError (the client's 422)."""
        from gongkai.feeds import atom_pages
        from gongkai.store.outbox import feed_page

        before, after = atom_pages.page_request(items)
        # withdrawn ones too, as tombstones (RFC 6721, gongkai.feeds.atom): a reader learns the entry it holds is gone
        rows, older, newer = feed_page(self._engine().store, issuer=issuer, kind=kind, notice_type=notice_type,
                                       limit=self.settings.feeds.atom_entries, before=before, after=after, include_withdrawn=True)
        first = first_url(atom_pages.unpaged(items))
        return rows, first, atom_pages.page_links(first, [(r.changed_at, r.record.id) for r in rows], older, newer)

    def search_feed_page(self, items: Sequence[tuple[str, str]], search: Callable[[date | None, date | None, int, int], Any],
                         first_url: Callable[[str], str], reads: Sequence[str]) -> tuple[list[Any], str, dict[str, str]]:
        """The page of a search feed that a request's query `items` asks for (`?until=DAY`, `?until=undated`,
        gongkai.feeds.atom_pages): its hits, its first-page URL (its id) made by `first_url` from the parameters of the
        query it `reads` (its filters, in that order), and its links.
        `search(day_to, day_from, limit, offset)` runs the feed's search (newest published first, the undated matches
        last) with its publish days bounded and answers its SearchResponse. Raises atom_pages.CursorError."""
        from gongkai.feeds import atom_pages

        value = next((value for name, value in items if name == atom_pages.UNTIL), None)
        first = first_url(atom_pages.unpaged(items, reads))
        if value == atom_pages.UNDATED:
            return self._undated_matches(search), first, {"first": first}
        until = atom_pages.read_day(value) if value is not None else None
        size = min(self.settings.feeds.atom_entries, self.settings.search.max_page_size)
        hits = search(until, None, size, 0).hits
        dated = sum(1 for hit in hits if hit.publish_date is not None)
        if dated < len(hits) == size:  # a full first page reaching the undated matches: they get their own page
            if not dated:
                return self._undated_matches(search), first, {}
            return hits[:dated], first, atom_pages.day_links(first, atom_pages.UNDATED)
        keep, next_day, whole_day = atom_pages.day_cut([hit.publish_date for hit in hits], size)
        hits = search(whole_day, whole_day, self.settings.search.max_page_size, 0).hits if whole_day else hits[:keep]
        if next_day is None and until is not None and search(None, None, 1, 0).total > self._dated_total(search):
            return hits, first, atom_pages.day_links(first, atom_pages.UNDATED)  # the last dated page: the undated follow
        return hits, first, atom_pages.day_links(first, next_day)

    @staticmethod
    def _dated_total(search: Callable[[date | None, date | None, int, int], Any]) -> int:
        return int(search(None, date(1, 1, 1), 1, 0).total)  # day 1 on: every match with a publish day

    def _undated_matches(self, search: Callable[[date | None, date | None, int, int], Any]) -> list[Any]:
        """The matches without a publish day (they follow the dated ones, in the index's order), at most a search page
        of them (search.max_page_size)."""
        offset = min(self._dated_total(search), self.settings.search.max_offset)
        return [hit for hit in search(None, None, self.settings.search.max_page_size, offset).hits if hit.publish_date is None]

    def withdrawn_matching_search(self, query: str, filters: dict[str, str]) -> list[tuple[Record, datetime]]:
        """(record, its withdrawal) of the records withdrawn lately that a search (query + /api/search filters) would have
        found: the search feed's tombstones (gongkai.feeds.withdrawn_matches)."""
        from gongkai.feeds import withdrawn_matches

        return withdrawn_matches.of(self._engine()).search(query, filters)

    def withdrawn_matching_area(self, area: str) -> list[tuple[Record, datetime]]:
        """(notice, its withdrawal) of the outage notices withdrawn lately that a street's lookup would have answered
        with: the street feed's tombstones (gongkai.feeds.withdrawn_matches)."""
        from gongkai.feeds import withdrawn_matches

        return withdrawn_matches.of(self._engine()).area(area)

    def latest_change(self) -> datetime | None:
        """The store's newest record change (None: an empty store): read before a document built from the store
        alone, its HTTP Last-Modified."""
        from gongkai.store.outbox import latest_change

        return latest_change(self._engine().store)

    def change_times(self, record_ids: Sequence[str]) -> dict[str, datetime]:
        """id -> last change time (aware UTC) of the given records that exist."""
        from gongkai.store.outbox import change_times

        return change_times(self._engine().store, record_ids)

    def oai_provider(self) -> OAIProvider:
        """The OAI-PMH repository over the store, with settings feeds."""
        from gongkai.feeds.oai import OAIProvider

        engine = self._engine()
        return OAIProvider(engine.store, engine.settings.feeds)

    # -- the published documents ------------------------------------------------------------------------
    def public_base(self) -> str:
        """feeds.public_base_url or its documented default: never a request's Host header, which anyone can
        set (it would put their host into feeds and Identify, and change Atom ids per host)."""
        return self.settings.feeds.public_base()

    def self_url(self, path: str, query: str = "") -> str:
        """The URL a client asked for, on the public base, percent-encoded (Atom self links): `path` as the
        server decoded it (a "%3F" in it is a "?" there, which must not end the path here), `query` as sent."""
        return self.public_base() + path_uri(path) + (f"?{query_uri(query)}" if query else "")

    def issuer_feed_url(self, name: str, query: str = "") -> str:
        """An issuer's feed URL: a "/" in its name (厦门市发展和改革委员会/厦门市粮食局) spelt %2F, however the
        client wrote it, so that the feed has one id."""
        path = "/feeds/issuer/" + path_uri(name).replace("/", "%2F") + ".atom"
        return self.public_base() + path + (f"?{query_uri(query)}" if query else "")

    def atom_feed(self, *, title: str, subtitle: str, feed_url: str, entries: Sequence[tuple[Record, datetime]],
                  mark_validity: bool = True, updated_if_empty: datetime | None = None, id_url: str | None = None,
                  pages: dict[str, str] | None = None) -> bytes:
        """An Atom document of (record, last change) entries, newest first as given; repealed records are
        marked (issue 19) unless mark_validity is False; `updated_if_empty`: an empty feed's `updated` (now if None)."""
        feeds = self.settings.feeds
        validity = self._engine().store.validity_statuses([r.id for r, _ in entries]) if mark_validity else None
        return atom.build_feed(title=title, subtitle=subtitle, feed_url=feed_url, base_url=self.public_base(),
                               entries=entries, page_path=feeds.record_page_path,
                               id_authority=feeds.oai_repository_identifier, validity=validity, updated_if_empty=updated_if_empty,
                               id_url=id_url, pages=pages)

    def outage_calendar(self, area: str, found: OutagePairs, calendar_url: str | None = None, called_off: OutagePairs | None = None) -> bytes:
        """The iCalendar of every outage window naming `area`; `calendar_url`: its own URL (the self URL); `called_off`: the
        windows naming it that a notice called off (Engine.outages(called_off=True)), as cancelled events."""
        from gongkai.feeds import outage_feeds

        feeds = self.settings.feeds
        called_off = called_off or []
        changed = self.change_times([r.id for r, _ in [*found, *called_off]])
        return outage_feeds.build_calendar(area, found, base_url=self.public_base(), page_path=feeds.record_page_path,
                                           authority=feeds.oai_repository_identifier, changed=changed,
                                           calendar_url=calendar_url, called_off=called_off)

    def outage_atom(self, area: str, found: OutagePairs, feed_url: str, updated_if_empty: datetime | None = None,
                    gone: Sequence[tuple[Record, datetime]] = ()) -> bytes:
        """The Atom feed of the outage notices naming `area` (at most feeds.atom_entries); `updated_if_empty`: the
        `updated` of a feed with no entry (now if None); `gone`: (withdrawn notice, its withdrawal), tombstones."""
        from gongkai.feeds import outage_feeds

        feeds = self.settings.feeds
        found = found[: feeds.atom_entries]
        # its id names the street alone: the URL as sent (utm_source=, a cache buster) made other ids of the same feed
        id_url = self.self_url("/feeds/outages.atom", "area=" + quote(area, safe=""))
        return outage_feeds.build_atom(area, found, feed_url=feed_url, base_url=self.public_base(),
                                       page_path=feeds.record_page_path, authority=feeds.oai_repository_identifier,
                                       changed=self.change_times([r.id for r, _ in found]), updated_if_empty=updated_if_empty,
                                       id_url=id_url, gone=gone)

    def oai_schema(self) -> bytes:
        """The XML Schema of the OAI-PMH `gongkai` metadata format (a file of the package)."""
        return oai_native.schema_bytes()

    def sitemap_root(self) -> bytes | None:
        """The sitemap (or sitemap index) of the record pages; None when no record is published."""
        feeds = self.settings.feeds
        return sitemap.sitemap_root(self._engine().store, self.public_base(), feeds.sitemap_page_size, feeds.record_page_path)

    def sitemap_page(self, number: int) -> bytes | None:
        """Page `number` of a sitemap split by feeds.sitemap_page_size; None when there is no such page."""
        feeds = self.settings.feeds
        return sitemap.sitemap_page(self._engine().store, self.public_base(), feeds.sitemap_page_size, number,
                                    feeds.record_page_path)

    def sitemap_page_url(self, number: int) -> str:
        return sitemap.page_url(self.public_base(), number)

    def robots_txt(self) -> str:
        return sitemap.robots_txt(self.public_base())

    # -- the push endpoint (POST /api/ingest) ----------------------------------------------------------------
    def split_push_body(self, body: bytes, content_type: str) -> list[Any]:
        """The records of a JSON, JSON array or JSON Lines body (bad ones as items that will be rejected).
        Raises PushRequestError when the request as a whole is refused."""
        from gongkai.feeds import push
        from gongkai.recordfiles import RecordLimits

        return push.split_records(body, content_type, self.settings.feeds.push_max_items, RecordLimits.of(self.settings))

    def read_push_metadata(self, text: str) -> dict[str, Any]:
        """A multipart push's metadata part. Raises ClientJSONError."""
        from gongkai.feeds import push

        return push.read_metadata(text, self.settings)

    def push_records(self, agency: str, items: list[Any]) -> list[PushResult]:
        from gongkai.feeds import push

        return push.push_records(self._engine(), agency, items)

    def push_document(self, agency: str, data: bytes, filename: str, content_type: str,
                      metadata: dict[str, Any]) -> PushResult:
        from gongkai.feeds import push

        return push.push_document(self._engine(), agency, data, filename, content_type, metadata)

    def push_answer(self, agency: str, results: list[PushResult], single: bool) -> tuple[int, dict[str, Any]]:
        """The push endpoint's HTTP status and JSON body for these results."""
        from gongkai.feeds import push

        payload: dict[str, Any] = {"agency": agency, "counts": push.counts(results), "results": [r.as_dict() for r in results]}
        status = push.overall_status(results, single)
        if single and status >= 400:
            payload.update(error="rejected", message=results[0].error or "rejected")
        return status, payload
