"""The feeds' API tokens (gongkai.feeds.tokens: per-agency tokens for POST /api/ingest; only a digest is kept).
On the store's one MetaData, so that the store creates and migrates it with its own (store/migrations)."""

from __future__ import annotations

from sqlalchemy import Column, DateTime, String, Table, Text

from gongkai.store.metadata import metadata

api_tokens = Table(
    "api_tokens",
    metadata,
    Column("token_id", String(32), primary_key=True),
    Column("agency", Text, nullable=False),
    Column("token_sha256", String(64), nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("revoked_at", DateTime),
    Column("last_used_at", DateTime),
)
