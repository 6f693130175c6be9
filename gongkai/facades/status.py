"""What the operators and the public see of the installation's state: status, statistics, takedowns and
the freshness of each source. Delegates to gongkai.ops.status and gongkai.ops.freshness."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from gongkai.ops import freshness
from gongkai.ops import status as ops_status

if TYPE_CHECKING:
    from gongkai.engine import Engine
    from gongkai.ops.freshness import SourceFreshness


class Status:
    def __init__(self, engine: Callable[[], Engine]) -> None:
        self._engine = engine

    def collect(self) -> dict[str, Any]:
        """Everything `gongkai status` and the admin page show (records, index, crawls, jobs, problems)."""
        return ops_status.collect_status(self._engine())

    def public_stats(self) -> dict[str, Any]:
        """The counts /api/stats answers with."""
        return ops_status.public_stats(self._engine())

    def active_takedowns(self, limit: int = 200) -> list[dict[str, Any]]:
        return ops_status.active_takedowns(self._engine(), limit)

    def sources(self, now: datetime | None = None) -> list[SourceFreshness]:
        """Each source's freshness: last new record, expected cadence, overdue or not (issue 22)."""
        return freshness.sources_status(self._engine(), now)

    def public_agencies(self, limit: int = 500) -> list[dict[str, Any]]:
        return freshness.public_agencies(self._engine(), limit)
