"""One screen for operators: `gongkai status`, the admin page, and JSON compatible with /api/stats.

collect_status(engine) returns engine.stats() (same keys as /api/stats) plus what operations adds:
index last commit, last crawl per site, sync backlog, quarantine, active operator takedowns, jobs,
failed runs of the last 24 h.
Each part is collected on its own: one broken part (say the index cannot open) is reported under
"problems" and the rest of the screen still shows.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from gongkai.ops.db import ops_engine
from gongkai.ops.history import RunLog
from gongkai.ops.overview import job_overview, scheduler_holder

if TYPE_CHECKING:  # for annotations only: at run time the engine is handed in, never imported here
    from gongkai.engine import Engine

log = logging.getLogger("gongkai.ops.status")


def _guard(problems: list[str], part: str, collect: Callable[[], Any], default: Any = None) -> Any:
    try:
        return collect()
    except Exception as exc:  # noqa: BLE001 - a status screen must show what it can
        log.warning("status: %s: %s", part, exc)
        problems.append(f"{part}: {type(exc).__name__}: {exc}")
        return default


def _iso(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.isoformat()


def _latest(moments: list[str | None]) -> str | None:
    known = [m for m in moments if m]
    return max(known, key=lambda m: datetime.fromisoformat(m)) if known else None


def _index_status(engine: Engine) -> dict[str, Any]:
    from gongkai.indexer import generations as gens

    index_dir = engine.settings.index_dir
    current = gens.read_current(index_dir)
    last_commit = None
    if current:
        meta = index_dir / current / "meta.json"
        if meta.is_file():
            last_commit = _iso(datetime.fromtimestamp(meta.stat().st_mtime, UTC))
    documents = engine.index.doc_count()
    watermark = engine.index.watermark
    store_seq = engine.store.max_seq()
    return {
        "documents": documents, "size_bytes": engine.index.size_bytes(), "watermark": watermark, "store_seq": store_seq,
        "behind": max(store_seq - watermark, 0), "generation": current, "last_commit": last_commit,
    }


def _sync_status(engine: Engine) -> dict[str, Any]:
    from gongkai.store.outbox import status_counts

    counts = status_counts(engine.store)
    return {
        "pending": counts["pending"], "failed": counts["failed"], "sent": counts["sent"],
        "last_sent": _iso(counts["last_success"]), "oldest_pending": _iso(counts["oldest_pending"]),
    }


def active_takedowns(engine: Engine, limit: int = 200) -> list[dict[str, Any]]:
    """The operator takedowns in force, newest first: record id, title, reason, who, when (ISO, UTC); the title
    comes from the record itself (a takedown row names only the id)."""
    store = engine.store
    found = store.active_takedowns(limit)
    records = store.get_many([takedown.record_id for takedown in found])
    return [
        {
            "record_id": takedown.record_id,
            "title": records[takedown.record_id].title if takedown.record_id in records else "",
            "reason": takedown.reason,
            "taken_down_by": takedown.taken_down_by,
            "taken_down_at": _iso(takedown.taken_down_at),
        }
        for takedown in found
    ]


def _takedown_status(engine: Engine) -> dict[str, Any]:
    return {"active": engine.store.active_takedown_count()}


def _crawl_status(engine: Engine, jobs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Last crawl per site: every scheduled crawl job, plus every site the crawlers' run statistics know
    (crawls started by hand with `gongkai crawl`)."""
    entries: dict[str, dict[str, Any]] = {}
    for job in jobs:
        if job["kind"] in ("crawl", "newspaper"):
            site = job["name"].split(":", 1)[1]
            entries[site] = {"site": site, "job": job["name"], "kind": job["kind"], "next_run": job["next_run"],
                             "last_job_run": job["last_run"]}
    try:
        from gongkai.crawlers.state import CrawlState

        crawl_state = CrawlState.from_settings(engine.settings)
    except Exception as exc:  # noqa: BLE001 - crawlers not installed or their tables not there yet
        log.debug("no crawl state: %s", exc)
        return list(entries.values())
    try:
        for run in crawl_state.runs(limit=500):  # newest first: the first seen per site is its last crawl
            entry = entries.setdefault(run["site"], {"site": run["site"], "job": None, "kind": None, "next_run": None,
                                                     "last_job_run": None})
            if "last_crawl" not in entry:
                entry["last_crawl"] = {"started_at": _iso(run.get("started_at")), "finished_at": _iso(run.get("finished_at")),
                                       "counts": run.get("counts") or {}}
    finally:
        crawl_state.close()
    return sorted(entries.values(), key=lambda e: e["site"])


def _alerts_status(engine: Engine) -> dict[str, Any]:
    from gongkai.feeds.alert_store import get_alerts
    from gongkai.feeds.alerts import failing_alerts

    return {"total": len(get_alerts(engine.store)), "failing": failing_alerts(engine)}


def collect_status(engine: Engine) -> dict[str, Any]:
    """Everything `gongkai status` shows, as JSON-ready data (a superset of engine.stats())."""
    problems: list[str] = []
    status: dict[str, Any] = {"generated_at": datetime.now(UTC).isoformat(timespec="seconds")}
    store_stats = _guard(problems, "store", lambda: dict(engine.store.stats()), {})
    status.update(store_stats)
    status["data_dir"] = str(engine.settings.data_dir.resolve())
    status["index"] = _guard(problems, "index", lambda: _index_status(engine), {})
    status["quarantine"] = {"open": store_stats.get("quarantined")}
    # records read from scans that a person should look at (issue 21): engine.stats() has them too
    status["ocr_review"] = _guard(problems, "ocr_review", lambda: engine.ocr_review(), [])
    status["sync"] = _guard(problems, "sync", lambda: _sync_status(engine), {})
    # operators only: public_stats leaves it out (not in PUBLIC_KEYS)
    status["takedowns"] = _guard(problems, "takedowns", lambda: _takedown_status(engine), {})
    status["alerts"] = _guard(problems, "alerts", lambda: _alerts_status(engine), {})  # issue 22: operators only
    jobs, warnings = _guard(problems, "jobs", lambda: job_overview(engine.settings), ([], []))
    problems.extend(warnings)
    status["jobs"] = jobs
    status["crawl"] = _guard(problems, "crawl", lambda: _crawl_status(engine, jobs), [])
    runs = RunLog(ops_engine(engine.settings.resolved_database_url))
    status["failed_jobs_24h"] = _guard(problems, "history", lambda: [r.as_dict(with_traceback=False) for r in runs.failed_since(24)], [])

    def scheduler_part() -> dict[str, Any]:
        holder = scheduler_holder(engine.settings)
        if holder is None:
            return {"running": False}
        return {"running": True, "host": holder.host, "pid": holder.pid, "since": _iso(holder.acquired_at),
                "lease_expires": _iso(holder.expires_at)}

    status["scheduler"] = _guard(problems, "scheduler", scheduler_part, {"running": None})
    # The two keys /api/stats names for these (its schema: last_crawl, last_sync).
    status["last_crawl"] = _latest(
        [(site.get("last_crawl") or {}).get("finished_at") or (site.get("last_job_run") or {}).get("ended_at") for site in status["crawl"]]
    )
    status["last_sync"] = (status["sync"] or {}).get("last_sent")
    status["problems"] = problems
    return status


#: what /api/stats may show the public: counts and times, no hosts, pids, paths, job targets or error texts
PUBLIC_KEYS = ("records", "withdrawn", "by_kind", "by_source", "by_notice_type", "versions", "last_change", "last_crawl", "last_sync")
PUBLIC_INDEX_KEYS = ("documents", "size_bytes", "watermark", "store_seq", "last_commit")


def public_stats(engine: Engine) -> dict[str, Any]:
    """The /api/stats subset of collect_status: safe to serve to anyone."""
    status = collect_status(engine)
    stats = {key: status.get(key) for key in PUBLIC_KEYS if key in status}
    stats["index"] = {key: value for key, value in (status.get("index") or {}).items() if key in PUBLIC_INDEX_KEYS}
    return stats
