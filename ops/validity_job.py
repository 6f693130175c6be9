"""The daily validity job (issue 19): statuses depend on the date (an effective date comes, a validity
period ends, a repeal takes effect), so they are derived again every day, just after midnight in
the scheduler's timezone (Asia/Shanghai by default). Records stored before validity existed are read too."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from gongkai.ops.runner import JobContext

if TYPE_CHECKING:  # for annotations only: at run time the engine is handed in, never imported here
    from gongkai.engine import Engine



def validity_daily(engine: Engine, ctx: JobContext) -> dict[str, Any]:
    ctx.progress("validity: reading records not yet read, deriving statuses for today")
    return engine.validity_daily()
