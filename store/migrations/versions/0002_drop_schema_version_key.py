"""Alembic's revision replaces the store's own schema number: the `meta` row `store:schema_version` (always "1",
written by every store before Alembic and never read) is deleted, so no one takes it for the schema's version.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_meta = sa.table("meta", sa.column("key", sa.String), sa.column("value", sa.Text))


def upgrade() -> None:
    op.execute(_meta.delete().where(_meta.c.key == "store:schema_version"))


def downgrade() -> None:
    op.execute(_meta.insert().values(key="store:schema_version", value="1"))
