"""Alembic's environment for the store's database. gongkai.store.migrate runs it with a connection already
inside its locked transaction (config.attributes["connection"]), so a whole upgrade commits or none of it."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from gongkai.store.migrate import include_object
from gongkai.store.schema import metadata

config = context.config


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        include_object=include_object,  # APScheduler's own table is not ours to migrate
        render_as_batch=True,  # SQLite alters a table by copying it: autogenerate writes batch operations
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    raise SystemExit("gongkai's migrations run against a database, not as SQL text: use `gongkai db upgrade`")

connection = config.attributes.get("connection")
if connection is None:
    raise SystemExit("gongkai's migrations run through gongkai: `gongkai db upgrade`, `gongkai db revision` (store/migrate.py)")
_run(connection)
