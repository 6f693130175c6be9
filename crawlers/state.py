"""Crawl state and crawl statistics: the crawler's own tables in the store's database.

`crawl_pages` remembers, per URL (canonical: http and https are one document), what the last fetch
answered: ETag, Last-Modified, the sha256 of the body, the record it became and the HTTP status.
A re-crawl sends the validators back (304: nothing downloaded) and compares body hashes when the
server sends none, so an unchanged page is neither parsed nor stored again.

`crawl_runs` keeps the statistics of every run, one row per site (updated while it runs, so a killed
crawl still shows what it had done). `crawl_outcomes` keeps, per run, one row per URL the crawl met:
what happened to it and why (stored, unchanged, not modified, quarantined, gone, missing, redirected,
failed, skipped, over a limit: crawlers.outcomes); the last KEEP_RUNS runs of each site are kept.
`crawl_sources` remembers the sites crawled without a definition (`gongkai crawl --start-url`), so
that `gongkai sources` lists and shows them like the defined ones.
The tables are defined with the store's (gongkai/store/schema_crawl.py), which creates and migrates them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import delete, func, insert, select, update

from gongkai.record import canonical_url
from gongkai.store.database import READ_ONLY_OPTION, inserted_id
from gongkai.store.engines import shared_engine
from gongkai.store.schema_crawl import crawl_outcomes, crawl_pages, crawl_runs, crawl_sources
from gongkai.uris import uri

__all__ = ["KEEP_RUNS", "CrawlState", "PageState", "crawl_outcomes", "crawl_pages", "crawl_runs", "crawl_sources", "fetch_entry", "now_utc",
           "url_key"]

#: per site, how many runs keep their per-URL outcome rows
KEEP_RUNS = 20


@lru_cache(maxsize=1 << 16)
def url_key(url: str) -> str:
    """canonical_url of the URI a client sends: a link as its page writes it (`附件2 教师名单（2024年）.pdf`) and the
    percent-encoded URI it is answered and stored under are one page (crawl8: such files lost their ETag and were
    fetched whole on every run). Remembered: a crawl asks for one URL's key five times or so (request, outcome, state),
    and a re-crawl of 304s spends little else of its own (issue 17). Bounded: a bigger crawl only misses more."""
    return canonical_url(url if url.isascii() and " " not in url else uri(url))


def now_utc() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


@dataclass
class PageState:
    url_key: str
    url: str
    role: str = "detail"
    etag: str = ""
    last_modified: str = ""
    content_sha256: str = ""
    record_ids: tuple[str, ...] = ()
    last_status: int = 0
    last_outcome: str = ""
    #: (url, link text) of the attachments the page linked when it was last parsed: asked again when it answers 304
    attachment_links: tuple[tuple[str, str], ...] = ()

    @property
    def known_record(self) -> bool:
        return bool(self.record_ids)

    def conditional_headers(self) -> dict[str, str]:
        headers = {}
        if self.etag:
            headers["If-None-Match"] = self.etag
        if self.last_modified:
            headers["If-Modified-Since"] = self.last_modified
        return headers


class CrawlState:
    """Reads and writes crawl_pages and crawl_runs."""

    def __init__(self, database_url: str) -> None:
        # The store's engine for this database: its connection rules (synchronous=FULL, BEGIN IMMEDIATE for
        # writes, foreign keys) and its schema, brought up to date on first open (store/migrate.py).
        self.engine = shared_engine(database_url)
        self._reader = self.engine.execution_options(**{READ_ONLY_OPTION: True})  # reads: a plain BEGIN, no write lock

    @classmethod
    def from_settings(cls, settings: Any) -> CrawlState:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        return cls(settings.resolved_database_url)

    def close(self) -> None:
        """Nothing of its own to close: the engine is the process's one for this database (store/engines.py),
        which the store and the ops tables use too; disposing it here would drop their pooled connections."""

    # ---------------------------------------------------------------- pages
    def pages_of(self, site: str) -> dict[str, PageState]:
        """Every page known for a site, by url_key (read once when a crawl starts)."""
        with self._reader.connect() as conn:
            rows = conn.execute(select(crawl_pages).where(crawl_pages.c.site == site)).mappings().all()
        return {row["url_key"]: _page_from_row(row) for row in rows}

    def get(self, url: str) -> PageState | None:
        with self._reader.connect() as conn:
            row = conn.execute(select(crawl_pages).where(crawl_pages.c.url_key == url_key(url))).mappings().first()
        return _page_from_row(row) if row else None

    def record_fetch(self, site: str, url: str, **fields: Any) -> None:
        """Upsert one URL's state; see `fetch_entry` for the fields."""
        self.record_fetches([fetch_entry(site, url, **fields)])

    def record_fetches(self, entries: list[dict[str, Any]]) -> None:
        """Upsert many URLs' states in one transaction (a crawl writes them batch by batch)."""
        if not entries:
            return
        moment = now_utc()
        with self.engine.begin() as conn:
            keys = [entry["url_key"] for entry in entries]
            existing: set[str] = set()
            for start in range(0, len(keys), 500):
                chunk = keys[start:start + 500]
                existing.update(conn.execute(select(crawl_pages.c.url_key).where(crawl_pages.c.url_key.in_(chunk))).scalars())
            for entry in entries:
                key, values = entry["url_key"], dict(entry["values"])
                values["last_checked"] = moment
                if values["last_outcome"] in ("new", "updated", "withdrawn"):
                    values["last_changed"] = moment
                if key in existing:
                    conn.execute(update(crawl_pages).where(crawl_pages.c.url_key == key).values(**values))
                else:
                    conn.execute(insert(crawl_pages).values(url_key=key, first_seen=moment, **entry["first"], **values))
                    existing.add(key)

    def touch(self, url_keys: list[str], status: int, outcome: str) -> None:
        """Mark known pages as checked with nothing new (a re-crawl's 304s): one UPDATE per 500 pages."""
        moment = now_utc()
        with self.engine.begin() as conn:
            for start in range(0, len(url_keys), 500):
                chunk = url_keys[start:start + 500]
                conn.execute(update(crawl_pages).where(crawl_pages.c.url_key.in_(chunk))
                             .values(last_checked=moment, last_status=status, last_outcome=outcome))

    def page_counts(self, site: str) -> dict[str, int]:
        """How many known pages of a site ended in each outcome at their last fetch."""
        with self._reader.connect() as conn:
            rows = conn.execute(select(crawl_pages.c.last_outcome).where(crawl_pages.c.site == site)).all()
        counts: dict[str, int] = {}
        for (outcome,) in rows:
            counts[outcome] = counts.get(outcome, 0) + 1
        return counts

    # ---------------------------------------------------------------- runs
    def start_run(self, run_id: str, site: str) -> int:
        with self.engine.begin() as conn:
            return inserted_id(conn.execute(insert(crawl_runs).values(run_id=run_id, site=site, started_at=now_utc(), counts="{}")))

    def save_counts(self, row_id: int, counts: dict[str, Any]) -> None:
        """The counts of a run still going (a crawl killed later keeps them)."""
        with self.engine.begin() as conn:
            conn.execute(update(crawl_runs).where(crawl_runs.c.id == row_id).values(counts=json.dumps(counts, ensure_ascii=False)))

    def finish_run(self, row_id: int, counts: dict[str, Any]) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                update(crawl_runs).where(crawl_runs.c.id == row_id).values(finished_at=now_utc(), counts=json.dumps(counts, ensure_ascii=False))
            )

    def runs(self, site: str | None = None, limit: int = 20) -> list[dict[str, Any]]:
        """Most recent runs first."""
        query = select(crawl_runs).order_by(crawl_runs.c.id.desc()).limit(limit)
        if site:
            query = query.where(crawl_runs.c.site == site)
        with self._reader.connect() as conn:
            rows = conn.execute(query).mappings().all()
        return [
            {
                "run_id": row["run_id"],
                "site": row["site"],
                "started_at": row["started_at"],
                "finished_at": row["finished_at"],
                "counts": json.loads(row["counts"] or "{}"),
            }
            for row in rows
        ]

    def last_run(self, site: str) -> dict[str, Any] | None:
        runs = self.runs(site, limit=1)
        return runs[0] if runs else None

    def run_sites(self) -> list[str]:
        """Every site that has a recorded run."""
        with self._reader.connect() as conn:
            return sorted(conn.execute(select(crawl_runs.c.site).distinct()).scalars())

    # ---------------------------------------------------------------- per-URL outcomes
    def add_outcomes(self, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        with self.engine.begin() as conn:
            conn.execute(insert(crawl_outcomes), rows)

    def outcomes(self, *, run_id: str | None = None, site: str | None = None, url: str | None = None,
                 outcome: str | None = None, limit: int = 1000) -> list[dict[str, Any]]:
        """Per-URL outcome rows, newest run first, in the order they happened within a run."""
        query = select(crawl_outcomes)
        if run_id:
            query = query.where(crawl_outcomes.c.run_id.startswith(run_id))
        if site:
            query = query.where(crawl_outcomes.c.site == site)
        if url:
            query = query.where(crawl_outcomes.c.url.contains(url, autoescape=True))  # a URL or a part of one
        if outcome:
            query = query.where(crawl_outcomes.c.outcome == outcome)
        query = query.order_by(crawl_outcomes.c.id.desc() if url else crawl_outcomes.c.id).limit(limit)
        with self._reader.connect() as conn:
            rows = conn.execute(query).mappings().all()
        return [{"run_id": r["run_id"], "site": r["site"], "url": r["url"], "role": r["role"], "outcome": r["outcome"],
                 "status": r["status"], "reason": r["reason"], "record_ids": r["record_ids"].split(), "at": r["at"]} for r in rows]

    def outcome_counts(self, run_id: str, site: str | None = None) -> dict[str, int]:
        query = select(crawl_outcomes.c.outcome, func.count()).where(crawl_outcomes.c.run_id == run_id)
        if site:
            query = query.where(crawl_outcomes.c.site == site)
        with self._reader.connect() as conn:
            return dict(sorted((outcome, int(n)) for outcome, n in conn.execute(query.group_by(crawl_outcomes.c.outcome))))

    def prune_outcomes(self, site: str, keep: int = KEEP_RUNS) -> int:
        """Drop the per-URL rows of a site's runs older than its last `keep` runs. By run id, along the
        (run_id, site) index: a NOT IN the kept runs read every row the site kept (20 runs of 10,000 URLs:
        most of a second at each crawl's start)."""
        with self.engine.begin() as conn:
            runs = list(conn.execute(select(crawl_runs.c.run_id).where(crawl_runs.c.site == site).order_by(crawl_runs.c.id.desc())).scalars())
            kept = set(runs[:keep])
            older = list(dict.fromkeys(run_id for run_id in runs[keep:] if run_id not in kept))
            removed = 0
            for start in range(0, len(older), 500):
                chunk = older[start:start + 500]
                removed += conn.execute(delete(crawl_outcomes).where(crawl_outcomes.c.run_id.in_(chunk), crawl_outcomes.c.site == site)).rowcount
            return removed

    def gone_pages(self, site: str) -> list[dict[str, Any]]:
        """Pages of a site that were documents and now answer 404/410 (their records withdrawn)."""
        with self._reader.connect() as conn:
            rows = conn.execute(select(crawl_pages).where(crawl_pages.c.site == site, crawl_pages.c.last_outcome == "withdrawn")
                                .order_by(crawl_pages.c.last_changed.desc())).mappings().all()
        return [{"url": r["url"], "status": r["last_status"], "role": r["role"], "gone_since": r["last_changed"],
                 "last_checked": r["last_checked"]} for r in rows]

    # ---------------------------------------------------------------- sites without a definition
    def remember_source(self, name: str, kind: str, start_url: str, options: dict[str, Any]) -> None:
        moment = now_utc()
        with self.engine.begin() as conn:
            values = {"kind": kind, "start_url": start_url, "options": json.dumps(options, ensure_ascii=False), "last_crawled": moment}
            if conn.execute(update(crawl_sources).where(crawl_sources.c.name == name).values(**values)).rowcount == 0:
                conn.execute(insert(crawl_sources).values(name=name, first_crawled=moment, **values))

    def sources(self) -> dict[str, dict[str, Any]]:
        with self._reader.connect() as conn:
            rows = conn.execute(select(crawl_sources).order_by(crawl_sources.c.name)).mappings().all()
        return {r["name"]: {"name": r["name"], "kind": r["kind"], "start_url": r["start_url"], "options": json.loads(r["options"] or "{}"),
                            "first_crawled": r["first_crawled"], "last_crawled": r["last_crawled"]} for r in rows}


def fetch_entry(
    site: str,
    url: str,
    *,
    status: int,
    outcome: str,
    role: str = "detail",
    parent_url: str = "",
    etag: str | None = None,
    last_modified: str | None = None,
    content_sha256: str | None = None,
    record_ids: Iterable[str] | None = None,
    attachment_links: Iterable[tuple[str, str]] | None = None,
) -> dict[str, Any]:
    """One URL's new state for `record_fetches`; None leaves a column as it was."""
    values: dict[str, Any] = {"site": site, "url": url, "last_status": status, "last_outcome": outcome}
    for column, value in (("etag", etag), ("last_modified", last_modified), ("content_sha256", content_sha256)):
        if value is not None:
            values[column] = value
    if record_ids is not None:
        values["record_ids"] = " ".join(record_ids)
    if attachment_links is not None:
        links = [[url, text] for url, text in attachment_links]
        values["attachment_links"] = json.dumps(links, ensure_ascii=False) if links else ""
    return {"url_key": url_key(url), "values": values, "first": {"role": role, "parent_url": parent_url}}


def _page_from_row(row: Any) -> PageState:
    return PageState(
        url_key=row["url_key"],
        url=row["url"],
        role=row["role"],
        etag=row["etag"],
        last_modified=row["last_modified"],
        content_sha256=row["content_sha256"],
        record_ids=tuple(row["record_ids"].split()),
        last_status=row["last_status"],
        last_outcome=row["last_outcome"],
        attachment_links=_links(row["attachment_links"]),
    )


def _links(text: str) -> tuple[tuple[str, str], ...]:
    """The stored attachment links ('' for none: most pages, so a re-crawl decodes no JSON for them)."""
    if not text:
        return ()
    try:
        return tuple((str(url), str(link_text)) for url, link_text in json.loads(text))
    except (ValueError, TypeError):  # a damaged value is asked for again when the page next changes
        return ()
