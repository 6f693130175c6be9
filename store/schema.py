"""Tables of the store. Portable SQLAlchemy Core types only, so PostgreSQL is a URL change.

One MetaData for every table in the database: the store's own here, the crawlers', operations' and feeds'
tables in schema_crawl.py, schema_ops.py and schema_feeds.py (imported at the end, so `metadata`, which lives
in metadata.py, holds them all whichever is imported first). A change to any table needs a migration in
store/migrations/versions (`gongkai db revision`, see migrate.py); tests/test_db_migrations.py fails when the
migrated database and this MetaData differ.

Times are stored as naive UTC `DateTime` (the same on every dialect); `gongkai.store.timeutil`
converts at the boundary. `data` columns hold the full Record as JSON text, written once per
version, so reading a record never joins.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
)

from gongkai.store.metadata import metadata as metadata  # re-exported: complete once this module is imported

# Keys in `meta` that belong to the store itself; `Store.meta_set` refuses this prefix.
RESERVED_META_PREFIX = "store:"
SEQ_KEY = "store:seq"
#: written by the store before Alembic (always "1") and never read; migration 0002 deletes it
LEGACY_SCHEMA_VERSION_KEY = "store:schema_version"

records = Table(
    "records",
    metadata,
    Column("id", String(128), primary_key=True),
    # change sequence number: every new/updated/withdrawn record takes the next one (index catch-up)
    Column("seq", BigInteger, nullable=False),
    Column("version", Integer, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("notice_type", String(32)),
    Column("issuer", Text, nullable=False, default=""),
    Column("source", Text, nullable=False, default=""),
    Column("publish_date", Date),
    Column("withdrawn", Boolean, nullable=False, default=False),
    Column("withdrawn_reason", Text, nullable=False, default=""),
    Column("content_hash", String(64), nullable=False),
    Column("first_seen", DateTime, nullable=False),
    Column("last_seen", DateTime, nullable=False),
    # last time the record changed (new version or withdrawal); `iter_records(since=...)` filters on it
    Column("changed_at", DateTime, nullable=False),
    Column("data", Text, nullable=False),
    # the change number the record took when it first entered the store (written at insert, never changed): an alert
    # tells a new record from the backlog by it (cursor_seq), not by first_seen, which the storing node's clock wrote
    # (nodes6: a node whose clock jumped back stored records an alert made elsewhere took for backlog). NULL for
    # records stored before migration 0006: they fall back on first_seen.
    Column("first_seq", BigInteger, nullable=True),
    Index("ix_records_seq", "seq", unique=True),
    Index("ix_records_changed_at", "changed_at"),
)

# Superseded versions only: the current version lives in `records`.
record_versions = Table(
    "record_versions",
    metadata,
    Column("record_id", String(128), ForeignKey("records.id"), primary_key=True),
    Column("version", Integer, primary_key=True),
    Column("content_hash", String(64), nullable=False),
    # when this version was last changed before it was superseded
    Column("created_at", DateTime, nullable=False),
    Column("data", Text, nullable=False),
)

captures = Table(
    "captures",
    metadata,
    Column("sha256", String(64), primary_key=True),
    Column("size", BigInteger, nullable=False),
    Column("url", Text, nullable=False, default=""),
    Column("content_type", Text, nullable=False, default=""),
    Column("source", Text, nullable=False, default=""),
    Column("fetched_at", DateTime),
    Column("meta", Text, nullable=False, default="{}"),
    Column("created_at", DateTime, nullable=False),
)

# Which captures a record was parsed from (for `gongkai reparse`). No foreign key to `records`:
# the engine may link a capture before the record's batch is committed.
record_captures = Table(
    "record_captures",
    metadata,
    Column("record_id", String(128), primary_key=True),
    Column("sha256", String(64), ForeignKey("captures.sha256"), primary_key=True),
    Column("linked_at", DateTime, nullable=False),
    # The metadata of the sending this record came from when it is not the capture's own (the capture keeps its first
    # sending's): an agency sending the same file again with a corrected sidecar; `gongkai reparse` parses with it.
    Column("meta", Text, nullable=True),
    Index("ix_record_captures_sha256", "sha256"),
)

quarantine = Table(
    "quarantine",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("created_at", DateTime, nullable=False),
    Column("updated_at", DateTime, nullable=False),
    Column("input_ref", Text, nullable=False),
    Column("reason", Text, nullable=False),
    Column("source", Text, nullable=False, default=""),
    # the raw capture the bad input came from, if any
    Column("capture_sha256", String(64), ForeignKey("captures.sha256")),
    # the payload itself: bytes go to a capture, short text stays inline
    Column("payload_sha256", String(64), ForeignKey("captures.sha256")),
    Column("payload_text", Text),
    Column("status", String(16), nullable=False, default="open"),
    Index("ix_quarantine_status_id", "status", "id"),
)

outbox = Table(
    "outbox",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("record_id", String(128), ForeignKey("records.id"), nullable=False),
    Column("version", Integer, nullable=False),
    Column("change", String(16), nullable=False),  # new | updated | withdrawn
    Column("created_at", DateTime, nullable=False),
    Column("status", String(16), nullable=False, default="pending"),  # pending | sent | failed
    Column("attempts", Integer, nullable=False, default=0),
    Column("last_error", Text),
    Column("sent_at", DateTime),
    Index("ix_outbox_status_id", "status", "id"),
    # the earliest unsent entry of each record (store/outbox.py, sendable_entries)
    Index("ix_outbox_record_id_id", "record_id", "id"),
)

# Operator takedowns (a document published by mistake, a privacy complaint): a record under an active
# takedown (lifted_at NULL) stays withdrawn whatever its sources bring, until an operator lifts it.
# A withdrawal without a row here is source-driven (the page is gone) and ends when the document
# comes again. Rows are kept after lifting: who took what down, when and why.
takedowns = Table(
    "takedowns",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("record_id", String(128), ForeignKey("records.id"), nullable=False),
    Column("reason", Text, nullable=False, default=""),
    Column("taken_down_by", Text, nullable=False, default=""),
    Column("taken_down_at", DateTime, nullable=False),
    Column("lifted_by", Text),
    Column("lifted_at", DateTime),
    Column("lift_reason", Text),
    Index("ix_takedowns_record_id", "record_id", "lifted_at"),
)

# Validity (issue 19): derived data, recomputed from the records (gongkai/validity.py); never edited
# by hand except through `validity_overrides`, which keeps who and why. Tables of their own, so that a
# rebuild can drop and refill them.
validity_docs = Table(
    "validity_docs",
    metadata,
    Column("record_id", String(128), primary_key=True),
    Column("effective_date", Date),
    Column("expiry_date", Date),
    # the record's own dates, kept here so that resolving a reference never parses records' JSON
    Column("publish_date", Date),
    Column("written_date", Date),
    # what was read, as JSON: statements (effective, period, general clauses) with their sentences
    Column("data", Text, nullable=False, default="{}"),
    Column("status", String(24), nullable=False, default="unknown"),
    # the status's reasons as JSON (who repealed it, when, the sentence), and the day it was derived on
    Column("status_detail", Text, nullable=False, default="{}"),
    Column("status_on", Date),
    Index("ix_validity_docs_status", "status"),
)

# One row per reference a document makes (src_id states it): repeals | amends | amended_by | cites.
# dst_id is the record it resolves to, NULL while unresolved (filled when that record arrives).
validity_edges = Table(
    "validity_edges",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("src_id", String(128), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("title", Text, nullable=False, default=""),
    Column("doc_number", Text, nullable=False, default=""),
    Column("ref_date", Date),
    Column("issuer", Text, nullable=False, default=""),
    Column("statement", Text, nullable=False, default=""),
    Column("title_key", String(255), nullable=False, default=""),
    Column("number_key", String(128), nullable=False, default=""),
    Column("dst_id", String(128)),
    Index("ix_validity_edges_src", "src_id"),
    Index("ix_validity_edges_dst", "dst_id", "kind"),
    Index("ix_validity_edges_title_key", "title_key"),
    Index("ix_validity_edges_number_key", "number_key"),
)

# The keys under which a record can be named: its 文号 or 令 number, its normalised title(s).
validity_keys = Table(
    "validity_keys",
    metadata,
    Column("record_id", String(128), primary_key=True),
    Column("key", String(255), primary_key=True),
    Index("ix_validity_keys_key", "key"),
)

# Operator overrides of a derived status; the latest row of a record is in force unless it is "auto".
validity_overrides = Table(
    "validity_overrides",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("record_id", String(128), nullable=False),
    Column("status", String(24), nullable=False),
    Column("reason", Text, nullable=False, default=""),
    Column("set_by", Text, nullable=False, default=""),
    Column("set_at", DateTime, nullable=False),
    Index("ix_validity_overrides_record", "record_id", "id"),
)

# The days the State Council's yearly holiday notice sets (国务院办公厅关于YYYY年部分节假日安排的通知), read from the
# notice when it is stored (store/holiday_days.py, parsers/holiday_notice.py): `off` a day off, `work` a make-up
# working day (调休). The freshness watch's calendar (gongkai.holidays); a notice withdrawn or changed has its rows redone.
holiday_days = Table(
    "holiday_days",
    metadata,
    Column("record_id", String(128), primary_key=True),
    Column("day", Date, primary_key=True),
    Column("year", Integer, nullable=False),  # the notice's year (a make-up day may fall in the year before)
    Column("kind", String(8), nullable=False),  # off | work; a later notice changing a holiday: adj_off | adj_work | adj_to
    Column("name", Text, nullable=False, default=""),  # the holiday (春节, 国庆节、中秋节); "" for a working day
    Column("published", Date),  # the notice's publish date: of two notices for one year, the later one is in force
    Index("ix_holiday_days_year", "year"),
)

# Saved-search alerts (issue 22; gongkai/feeds/alerts.py).
# `cursor_seq` is the store change number the alert has looked at: advanced in the same transaction
# that records what a run will deliver (alert_deliveries) and which record versions it covered (alert_sent).
alerts = Table(
    "alerts",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("query", Text, nullable=False, default=""),
    Column("filters", Text, nullable=False, default="{}"),  # JSON: the /api/search filter parameters
    Column("channel", String(16), nullable=False),  # webhook | email | atom
    Column("target", Text, nullable=False, default=""),  # webhook URL or email address
    Column("secret", String(128), nullable=False),
    Column("updates", Boolean, nullable=False, default=False),
    Column("created_at", DateTime, nullable=False),
    Column("cursor_seq", BigInteger, nullable=False),
    Column("last_run_at", DateTime),
    Column("last_error", Text),
)

alert_deliveries = Table(
    "alert_deliveries",
    metadata,
    Column("id", String(64), primary_key=True),  # the delivery id the receiver sees (idempotency)
    Column("alert_id", String(32), nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("payload", Text, nullable=False),  # JSON body, fixed when the delivery is made
    Column("records", Integer, nullable=False, default=0),
    Column("status", String(16), nullable=False, default="pending"),  # pending | sent | failed
    Column("attempts", Integer, nullable=False, default=0),
    Column("next_attempt_at", DateTime, nullable=False),
    Column("last_error", Text),
    Column("sent_at", DateTime),
    Index("ix_alert_deliveries_alert", "alert_id", "created_at"),
    Index("ix_alert_deliveries_status", "status", "next_attempt_at"),
)

alert_sent = Table(
    "alert_sent",
    metadata,
    Column("alert_id", String(32), primary_key=True),
    Column("record_id", String(128), primary_key=True),
    Column("version", Integer, nullable=False),
    Column("delivery_id", String(64), nullable=False),
    Column("sent_at", DateTime, nullable=False),
)

# Citizens' email subscriptions (issue 22, feeds/subscriptions.py): double opt-in. The address is kept only
# while the subscription is pending or active; unsubscribing erases it (and removes its alert).
subscriptions = Table(
    "subscriptions",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("email", Text, nullable=False, default=""),
    Column("query", Text, nullable=False, default=""),
    Column("filters", Text, nullable=False, default="{}"),
    Column("token_hash", String(64), nullable=False),  # sha256 of the confirmation token mailed to the address
    Column("status", String(16), nullable=False, default="pending"),  # pending | active | unsubscribed
    Column("created_at", DateTime, nullable=False),
    Column("confirmed_at", DateTime),
    Column("ended_at", DateTime),
    Column("alert_id", String(32)),
    Index("ix_subscriptions_email", "email", "status"),
)

meta = Table(
    "meta",
    metadata,
    Column("key", String(200), primary_key=True),
    Column("value", Text, nullable=False),
)


#: The columns that make a Record (codec.record_from_row); changed_at for readers that report change times.
RECORD_READ_COLUMNS = (
    records.c.id,
    records.c.seq,
    records.c.data,
    records.c.version,
    records.c.withdrawn,
    records.c.first_seen,
    records.c.last_seen,
    records.c.content_hash,
    records.c.changed_at,
)

# Every other table joins the one MetaData here, whichever module is imported first.
from gongkai.store import schema_crawl, schema_feeds, schema_ops  # noqa: E402,F401
