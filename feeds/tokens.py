"""Per-agency API tokens for POST /api/ingest.

A token reads `gk_<token id>_<secret>`; only its sha256 is kept, in the `api_tokens` table of the
store's database (defined in gongkai/store/schema_feeds.py). Checking a token looks the row up by its id and compares digests
with hmac.compare_digest (constant time), so neither the database index nor the comparison tells an
attacker how close a guess was. A token publishes for exactly one agency.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import insert, select, update

from gongkai.store.outbox import sql_engine
from gongkai.store.schema_feeds import api_tokens
from gongkai.store.timeutil import from_db, to_db, utc_now

if TYPE_CHECKING:
    from gongkai.store.store import Store

_TOKEN_RE = re.compile(r"^gk_([0-9a-f]{12})_([A-Za-z0-9_-]{20,100})$")
_DUMMY_DIGEST = hashlib.sha256(b"no such token").hexdigest()
LAST_USED_RESOLUTION = timedelta(minutes=1)


@dataclass
class TokenInfo:
    token_id: str
    agency: str
    created_at: datetime
    revoked_at: datetime | None
    last_used_at: datetime | None

    @property
    def active(self) -> bool:
        return self.revoked_at is None


class TokenStore:
    def __init__(self, store: Store) -> None:
        self._engine = sql_engine(store)  # the table is the store's (store/schema_feeds.py): it exists once the store is open

    def create(self, agency: str) -> tuple[str, TokenInfo]:
        """A new token for `agency`: (the token, shown once and never stored, its info)."""
        agency = agency.strip()
        if not agency:
            raise ValueError("机构名不能为空 / agency must not be empty")
        token_id = secrets.token_hex(6)
        token = f"gk_{token_id}_{secrets.token_urlsafe(32)}"
        moment = to_db(utc_now())
        with self._engine.begin() as conn:
            conn.execute(
                insert(api_tokens).values(
                    token_id=token_id, agency=agency, token_sha256=_digest(token), created_at=moment
                )
            )
        return token, TokenInfo(token_id, agency, from_db(moment), None, None)

    def list(self, agency: str | None = None, include_revoked: bool = True) -> list[TokenInfo]:
        query = select(api_tokens).order_by(api_tokens.c.agency, api_tokens.c.created_at)
        if agency is not None:
            query = query.where(api_tokens.c.agency == agency)
        if not include_revoked:
            query = query.where(api_tokens.c.revoked_at.is_(None))
        with self._engine.connect() as conn:
            return [_info(row) for row in conn.execute(query)]

    def revoke(self, agency: str | None = None, token_id: str | None = None) -> int:
        """Revoke one token (by id) or every token of an agency. Returns how many were active."""
        if not agency and not token_id:
            raise ValueError("请给出机构名或令牌编号 / give an agency or a token id")
        query = update(api_tokens).where(api_tokens.c.revoked_at.is_(None))
        if agency:
            query = query.where(api_tokens.c.agency == agency)
        if token_id:
            query = query.where(api_tokens.c.token_id == token_id)
        with self._engine.begin() as conn:
            return conn.execute(query.values(revoked_at=to_db(utc_now()))).rowcount

    def verify(self, token: str) -> str | None:
        """The agency of an active token, else None."""
        match = _TOKEN_RE.fullmatch(token.strip())
        token_id = match.group(1) if match else ""
        with self._engine.connect() as conn:
            row = conn.execute(select(api_tokens).where(api_tokens.c.token_id == token_id)).first()
        expected = row.token_sha256 if row is not None else _DUMMY_DIGEST
        good = hmac.compare_digest(_digest(token.strip()), expected)  # always compared: same time either way
        if not (match and row is not None and good and row.revoked_at is None):
            return None
        moment = to_db(utc_now())
        if row.last_used_at is None or moment - row.last_used_at > LAST_USED_RESOLUTION:
            # a write per request would serialise pushes on the database lock; minutes are enough here
            with self._engine.begin() as conn:
                conn.execute(update(api_tokens).where(api_tokens.c.token_id == token_id).values(last_used_at=moment))
        return row.agency


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _info(row: object) -> TokenInfo:
    return TokenInfo(
        token_id=row.token_id,  # type: ignore[attr-defined]
        agency=row.agency,  # type: ignore[attr-defined]
        created_at=from_db(row.created_at),  # type: ignore[attr-defined]
        revoked_at=from_db(row.revoked_at),  # type: ignore[attr-defined]
        last_used_at=from_db(row.last_used_at),  # type: ignore[attr-defined]
    )
