"""Job functions that belong to operations itself (the others live in crawlers/ and feeds/)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from gongkai.ops.backup import backup_sqlite, sqlite_path
from gongkai.ops.db import ops_engine
from gongkai.ops.history import RunLog
from gongkai.ops.runner import JobContext

if TYPE_CHECKING:  # for annotations only: at run time the engine is handed in, never imported here
    from gongkai.engine import Engine

#: run history older than this is deleted by the nightly maintenance
HISTORY_KEEP_DAYS = 90


def maintenance(engine: Engine, ctx: JobContext) -> dict[str, Any]:
    """Nightly: back up the store, then rebuild the index (or only catch it up), then prune old history (and kept
    inputs past scheduler.kept_inputs_days, gongkai.kept_inputs).

    The backup comes first: if the reindex fails, last night's data is still saved.
    """
    settings = engine.settings
    result: dict[str, Any] = {}
    if sqlite_path(settings.resolved_database_url) is not None:
        backup = backup_sqlite(settings.resolved_database_url, settings.data_dir / "backups", settings.scheduler.backups_keep)
        result["backup"] = str(backup)
        result["backup_bytes"] = backup.stat().st_size
    else:
        result["backup"] = "skipped: not a SQLite store (use the database's own backup tools)"
    ctx.check_stop()
    if settings.scheduler.maintenance_reparse and engine.parsing_rules_changed():
        # Before the reindex: what the new rules give is indexed tonight. At most maintenance_reparse_seconds a night (the
        # other jobs wait for the engine): a pass stopped by its time or a stop request goes on where it stopped the next night.
        ctx.progress("parsing rules changed since the records were parsed: parsing them again from their kept raw bytes")
        result["reparsed"] = reparse_with_current_rules(engine, ctx)
        ctx.check_stop()
    if settings.scheduler.maintenance_reindex:
        result["indexed"] = engine.reindex(progress=lambda n: ctx.progress(f"reindexed {n} records"))
    else:
        result["indexed"] = engine.catch_up_index()
    ctx.check_stop()
    result["history_pruned"] = RunLog(ops_engine(settings.resolved_database_url)).prune(HISTORY_KEEP_DAYS)
    if settings.scheduler.kept_inputs_days:  # off by default: kept inputs are kept for ever, as raw captures
        from gongkai.kept_inputs import prune_kept_inputs

        pruned = prune_kept_inputs(settings, engine.store, settings.scheduler.kept_inputs_days)
        result["kept_inputs_pruned"], result["kept_inputs_for_quarantine"] = len(pruned.deleted), len(pruned.kept_for_quarantine)
        result["orphan_captures_pruned"] = pruned.orphan_captures  # of kept_inputs_pruned: raw bytes of failed runs
    return result


def reparse_with_current_rules(engine: Engine, ctx: JobContext) -> dict[str, Any]:
    """Every record with a kept capture parsed again by this gongkai's rules and the site definitions as they are now
    (as `gongkai reparse`); the records of crawled sites with no definition loaded are left as they are (parsed without
    their label rules they would lose the fields those gave)."""
    from gongkai.crawlers.sitedef import label_rules, load_sites, undefined_sources

    sites = load_sites(list(engine.settings.crawl.sites_dirs))
    left = undefined_sources(sites.values(), engine.stats()["by_source"])
    report = engine.reparse_if_rules_changed(on_item=ctx.on_item, label_overrides=label_rules(sites.values()), leave_sources=left,
                                             should_stop=ctx.should_stop, seconds=engine.settings.scheduler.maintenance_reparse_seconds)
    return {**(report.as_dict() if report is not None else {}), "left_no_site_definition": left}


def ingest_paths(engine: Engine, ctx: JobContext, paths: list[str], notices: bool = False, source: str = "") -> Any:
    """Ingest files and folders (JSON Lines records or documents) on a schedule, e.g. an export an
    agency drops every night. Stops at a batch boundary when asked to stop."""
    from gongkai.inputs import iter_path_items

    missing = [p for p in paths if not Path(p).exists()]
    present = [Path(p) for p in paths if p not in missing]
    report = None
    if present:  # the paths that are there go in first: one agency not delivering tonight holds back no other
        with engine.ingest_session() as session:
            items = iter_path_items(present, session, notices=notices, source=source)
            report = session.ingest(ctx.until_stopped(items), on_item=ctx.on_item)
    if missing:  # the run is still failed, naming them
        raise FileNotFoundError(f"not found: {', '.join(missing)}" + (f" (the other {len(present)} ingested)" if present else ""))
    return report
