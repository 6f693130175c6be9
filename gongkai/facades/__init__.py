"""The sub-facades the shells call (issue 17, thin shells): jobs, status, crawls, alerts, feeds, schema.

The CLI and the web app reach the scheduler's tables, the crawlers and the feeds through these, never by
importing gongkai.ops, gongkai.crawlers or gongkai.feeds themselves (tests/test_layers.py holds them to it).
Each sub-facade only delegates: the logic stays where it is, and a facade names it once, typed.

They hang off `Facades`, not off the Engine: the crawlers and the feeds call the Engine, so an Engine that
imported them would close an import cycle (engine -> facades.alerts -> feeds.alert_match -> engine).
This package is a layer of its own, above the sources and below the shells. A shell makes one with
`Facades.of(engine)`, or `Facades(settings, get_engine)` when most of its commands need no opened store
(`gongkai jobs history` reads the scheduler's tables only).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gongkai.engine import Engine
    from gongkai.facades.alerts import Alerts
    from gongkai.facades.crawls import Crawls
    from gongkai.facades.feeds import Feeds
    from gongkai.facades.jobs import Jobs
    from gongkai.facades.schema import Schema
    from gongkai.facades.status import Status
    from gongkai.settings import Settings

__all__ = ["Facades"]


class Facades:
    """One engine's sub-facades, each made on first use (importing one loads only its lower package)."""

    def __init__(self, settings: Settings, engine: Callable[[], Engine]) -> None:
        self.settings = settings
        self._engine = engine  # called when a facade needs the opened engine, not before

    @classmethod
    def of(cls, engine: Engine) -> Facades:
        return cls(engine.settings, lambda: engine)

    @cached_property
    def jobs(self) -> Jobs:
        from gongkai.facades.jobs import Jobs

        return Jobs(self.settings, self._engine)

    @cached_property
    def status(self) -> Status:
        from gongkai.facades.status import Status

        return Status(self._engine)

    @cached_property
    def crawls(self) -> Crawls:
        from gongkai.facades.crawls import Crawls

        return Crawls(self.settings, self._engine)

    @cached_property
    def alerts(self) -> Alerts:
        from gongkai.facades.alerts import Alerts

        return Alerts(self.settings, self._engine)

    @cached_property
    def feeds(self) -> Feeds:
        from gongkai.facades.feeds import Feeds

        return Feeds(self.settings, self._engine)

    @cached_property
    def schema(self) -> Schema:
        """The database's schema revision, with the settings alone: never opens the engine's store."""
        from gongkai.facades.schema import Schema

        return Schema(self.settings)
