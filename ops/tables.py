"""The operations tables, kept in the store's database beside the store's own tables.

They are defined with the store's (gongkai/store/schema_ops.py, on its one MetaData), which creates and
migrates them; this module names them for the ops package. Times are naive UTC, as in the store
(gongkai.store.timeutil converts at the boundary).
"""

from __future__ import annotations

from gongkai.store.schema_ops import SCHEDULER_JOBS_TABLE, job_locks, job_runs, job_state, job_stop_requests

__all__ = ["SCHEDULER_JOBS_TABLE", "job_locks", "job_runs", "job_state", "job_stop_requests"]
