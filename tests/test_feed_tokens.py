"""API tokens on fresh databases: the tokens table exists for every store, whatever objects came before."""

from __future__ import annotations

import gc

from gongkai.feeds.tokens import TokenStore
from gongkai.store.store import Store


def test_every_new_store_gets_its_tokens_table_even_when_python_reuses_object_ids(tmp_path):
    # Stores opened and dropped one after another: CPython hands a freed object's address (its id()) to
    # the next object of that size, so a cache keyed by id(engine) would think a new database had the table.
    ids = set()
    for number in range(30):
        store = Store(f"sqlite:///{tmp_path / f'db{number}.sqlite'}", tmp_path / f"raw{number}")
        tokens = TokenStore(store)
        token, _ = tokens.create("厦门市财政局")
        assert tokens.verify(token) == "厦门市财政局"
        ids.add(id(store._engine))
        store.close()
        del store, tokens
        gc.collect()
    # Whether this run did reuse an id depends on the allocator; every store above got a working table either way.
