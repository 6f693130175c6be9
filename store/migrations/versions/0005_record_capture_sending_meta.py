"""Each record-capture link may keep the metadata of the sending the record came from.

The same bytes sent again (an agency re-sending a file with a corrected 索引号 or title in its sidecar) keep their
capture row's first metadata; `gongkai reparse` parsed with that, so a routine reparse undid the correction.
`record_captures.meta` (JSON, NULL: the capture's own) holds the sending's metadata when it differs. Old links get
NULL: they were parsed with the capture's own metadata or an older sending's, which nothing kept.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    conn = op.get_bind()
    # A database adopted by the baseline (tables made by a newer create_all) may have it already.
    if "meta" not in {column["name"] for column in sa.inspect(conn).get_columns("record_captures")}:
        with op.batch_alter_table("record_captures") as batch:
            batch.add_column(sa.Column("meta", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("record_captures") as batch:
        batch.drop_column("meta")
