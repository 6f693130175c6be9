"""The shells' way into the lower packages (issue 17, thin shells): errors from gongkai.errors, calls through
the sub-facades of gongkai.facades. Real parts: a real SQLite store and the real ops tables."""

from __future__ import annotations

import pytest

import gongkai.errors as errors
from gongkai.engine import Engine
from gongkai.facades import Facades
from gongkai.facades.crawls import NewspaperSite
from gongkai.settings import load_settings


def test_errors_are_the_classes_the_lower_packages_raise() -> None:
    # One class each: a shell catching gongkai.errors.X catches what the lower package raises as X.
    from gongkai.crawlers import sitedef
    from gongkai.feeds import alerts
    from gongkai.indexer import errors as index_errors
    from gongkai.ops import control, jobs, schedules, service
    from gongkai.store import errors as store_errors

    assert alerts.AlertError is errors.AlertError
    assert sitedef.SiteDefinitionError is errors.SiteDefinitionError
    assert control.UnknownJobError is errors.UnknownJobError
    assert jobs.JobConfigError is errors.JobConfigError
    assert schedules.ScheduleError is errors.ScheduleError
    assert service.SchedulerAlreadyRunning is errors.SchedulerAlreadyRunning
    assert errors.StoreError is store_errors.StoreError
    assert errors.IndexLockedError is index_errors.IndexLockedError
    for name in errors.__all__:
        assert issubclass(getattr(errors, name), Exception), name


def test_a_real_refusal_is_caught_through_gongkai_errors() -> None:
    from gongkai.ops.schedules import timezone_of

    try:
        timezone_of("Mars/Olympus")
    except errors.ScheduleError as exc:
        assert "Mars/Olympus" in str(exc)
    else:
        raise AssertionError("an unknown timezone must be refused")


def test_an_unknown_name_is_not_an_error_of_the_module() -> None:
    try:
        errors.NoSuchError  # noqa: B018 (the lookup is the test)
    except AttributeError as exc:
        assert "NoSuchError" in str(exc)
    else:
        raise AssertionError("an unknown name must raise AttributeError")


# ------------------------------------------------------------------------------------------ the sub-facades
@pytest.fixture
def engine(tmp_path):
    engine = Engine(load_settings(data_dir=tmp_path / "data"))
    try:
        yield engine
    finally:
        engine.close()


@pytest.fixture
def facades(engine: Engine) -> Facades:
    return Facades.of(engine)


def test_jobs_pause_shows_in_the_overview_and_unknown_jobs_are_refused(facades: Facades) -> None:
    specs, _ = facades.jobs.specs()
    name = specs[0].name
    assert facades.jobs.spec(name).name == name
    facades.jobs.set_paused(name, True)  # the real scheduler tables (SQLite)
    rows, _ = facades.jobs.overview(specs)
    assert next(row for row in rows if row["name"] == name)["paused"] is True
    facades.jobs.set_paused(name, False)
    rows, _ = facades.jobs.overview(specs)
    assert next(row for row in rows if row["name"] == name)["paused"] is False
    with pytest.raises(errors.UnknownJobError, match="no-such-job"):
        facades.jobs.spec("no-such-job")
    assert facades.jobs.history() == []
    assert facades.jobs.run(1) is None
    assert facades.jobs.stop(name) is None  # not running anywhere


def test_status_counts_the_store(facades: Facades) -> None:
    data = facades.status.collect()
    assert data["records"] == 0
    assert "records" in facades.status.public_stats()


def test_crawls_read_the_built_in_sites_and_refuse_a_bad_folder(facades: Facades, tmp_path) -> None:
    sites = facades.crawls.sites()
    assert "xmrb" in sites and isinstance(sites["xmrb"], NewspaperSite)
    bad = tmp_path / "sites"
    bad.mkdir()
    (bad / "broken.toml").write_text("name = \n", encoding="utf-8")
    with pytest.raises(errors.SiteDefinitionError):
        facades.crawls.sites([bad])


def test_alerts_add_list_remove_and_refuse(facades: Facades) -> None:
    alert = facades.alerts.add("停水", {"notice_type": "outage"}, "atom")
    assert facades.alerts.feed_url(alert).endswith(f"/alerts/{alert.id}/feed.atom?key={alert.secret}")
    assert [row["id"] for row in facades.alerts.overview()] == [alert.id]
    found = facades.alerts.find(alert.id)
    assert found is not None and found.secret == alert.secret
    assert facades.alerts.sent_records(alert.id) == []
    with pytest.raises(errors.AlertError):
        facades.alerts.add("停水", {}, "webhook", "not a url")
    assert facades.alerts.remove(alert.id) is True
    assert facades.alerts.overview() == []


def test_feeds_sync_status_and_tokens(facades: Facades) -> None:
    assert facades.feeds.sync_status()["pending"] == 0
    with pytest.raises(errors.SyncError):  # no feeds.sync_url configured: a clear refusal
        facades.feeds.sync_push()
    tokens = facades.feeds.tokens()
    token, _info = tokens.create("xm-gov")
    assert tokens.verify(token)
    assert facades.feeds.inbox_dir() == facades.settings.data_dir / "inbox"


def test_the_facades_package_is_installed() -> None:
    # pyproject lists its packages one by one: a package left out is missing from a wheel (not from the checkout).
    import tomllib
    from pathlib import Path

    pyproject = tomllib.loads((Path(__file__).resolve().parents[1] / "pyproject.toml").read_text(encoding="utf-8"))
    assert "gongkai.facades" in pyproject["tool"]["setuptools"]["packages"]


def test_feeds_read_what_the_published_feeds_show(engine: Engine, facades: Facades) -> None:
    from tests.support import sample_records

    records = sample_records()[:3]
    engine.ingest_records(records)
    latest = facades.feeds.latest_changes(limit=10)
    assert {r.id for r in records} <= {changed.record.id for changed in latest}
    times = facades.feeds.change_times([r.id for r in records] + ["no-such-record"])
    assert set(times) == {r.id for r in records}
    assert facades.feeds.oai_provider().store is engine.store
