"""Which jobs exist: built from the settings and the crawlers' site definitions.

Every job names its function by import path ("package.module:function"), resolved only when the job
runs: a piece that is missing or broken fails that job (recorded, with the error), never the scheduler.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from gongkai.errors import JobConfigError  # defined in the core, where the shells catch it (issue 17)
from gongkai.settings import Settings

MAINTENANCE_TARGET = "gongkai.ops.tasks:maintenance"
VALIDITY_TARGET = "gongkai.ops.validity_job:validity_daily"
ALERTS_TARGET = "gongkai.ops.alert_runs:alerts_job"  # holding the one-run lease
_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:@-]{0,199}$")


@dataclass(frozen=True)
class JobSpec:
    name: str
    kind: str  # crawl | newspaper | inbox | feeds-poll | sync-push | maintenance | extra
    schedule: str  # crontab, 'every N s|m|h' or 'off' (see ops.schedules)
    target: str  # "module:function"
    kwargs: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    description: str = ""


def resolve_target(target: str) -> Callable[..., Any]:
    """Import 'package.module:function' (also 'package.module.function')."""
    module_name, sep, attr = target.partition(":")
    if not sep:
        module_name, _, attr = target.rpartition(".")
    if not module_name or not attr:
        raise JobConfigError(f"job target {target!r} must look like 'package.module:function'")
    module = importlib.import_module(module_name)
    obj: Any = module
    for part in attr.split("."):
        obj = getattr(obj, part)
    if not callable(obj):
        raise JobConfigError(f"job target {target!r} is not callable")
    return obj


def _site_schedule(setting: str, site: Any) -> str:
    return str(getattr(site, "schedule", "") or "off") if setting.strip().lower() == "site" else setting


def _site_jobs(settings: Settings, warnings: list[str]) -> list[JobSpec]:
    conf = settings.scheduler
    if conf.crawl.strip().lower() == "off" and conf.newspaper.strip().lower() == "off":
        return []
    try:
        sites = resolve_target(conf.sites_target)()
    except Exception as exc:  # noqa: BLE001 - the crawlers package may be missing or a site file broken: say so, go on
        warnings.append(f"crawl jobs not scheduled: cannot load the site definitions ({conf.sites_target}): {exc}")
        return []
    specs = []
    for site in (sites.values() if isinstance(sites, dict) else sites):
        name = str(getattr(site, "name", "") or "")
        if not name:
            continue
        title = str(getattr(site, "title", "") or name)
        if getattr(site, "kind", "disclosure") == "newspaper":
            specs.append(JobSpec(f"newspaper:{name}", "newspaper", _site_schedule(conf.newspaper, site),
                                 conf.newspaper_target, {"site": name}, f"newspaper {title}: today's issue"))
        else:
            specs.append(JobSpec(f"crawl:{name}", "crawl", _site_schedule(conf.crawl, site),
                                 conf.crawl_target, {"site": name}, f"crawl {title}"))
    return specs


def build_job_specs(settings: Settings) -> tuple[list[JobSpec], list[str]]:
    """(jobs, warnings): every job the settings and site definitions describe, off ones included."""
    conf = settings.scheduler
    warnings: list[str] = []
    specs = _site_jobs(settings, warnings)
    specs += [
        JobSpec("inbox", "inbox", conf.inbox, conf.inbox_target, {}, "process the drop folder"),
        JobSpec("feeds-poll", "feeds-poll", conf.feeds_poll, conf.feeds_poll_target, {}, "poll the agencies' RSS/Atom feeds"),
        JobSpec("sync-push", "sync-push", conf.sync_push, conf.sync_push_target, {}, "push changes to the national platform"),
        JobSpec("maintenance", "maintenance", conf.maintenance, MAINTENANCE_TARGET, {},
                "back up the store, rebuild or catch up the index, prune old run history"),
        JobSpec("validity", "validity", conf.validity, VALIDITY_TARGET, {},
                "derive every document's validity status for today (issue 19)"),
        JobSpec("alerts", "alerts", conf.alerts, ALERTS_TARGET, {},
                "saved-search alerts: match new records, deliver webhooks and emails (issue 22)"),
    ]
    taken = {spec.name for spec in specs}
    for name, extra in conf.extra_jobs.items():
        if not _NAME_RE.fullmatch(name):
            raise JobConfigError(f"scheduler.extra_jobs: job name {name!r} must be letters, digits and ._:@- only")
        if name in taken:
            raise JobConfigError(f"scheduler.extra_jobs: job name {name!r} is already a built-in job")
        specs.append(JobSpec(name, "extra", extra.schedule, extra.target, dict(extra.kwargs), f"{extra.target}"))
        taken.add(name)
    return specs, warnings


def find_spec(specs: list[JobSpec], name: str) -> JobSpec | None:
    return next((spec for spec in specs if spec.name == name), None)
