"""The shells' way into the lower packages (issue 17, thin shells): errors from gongkai.errors, calls through
the sub-facades of gongkai.facades. Real parts: a real SQLite store and the real ops tables."""

from __future__ import annotations

import gongkai.errors as errors


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
