"""The one MetaData of every table in the store's database (issue 17). The tables are declared in schema.py
(the store's) and schema_crawl.py, schema_ops.py, schema_feeds.py (the crawlers', operations' and feeds');
import gongkai.store.schema to have them all on it."""

from __future__ import annotations

from sqlalchemy import MetaData

metadata = MetaData()
