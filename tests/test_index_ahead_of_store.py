"""A database put back by hand (a backup copied over the SQLite file while gongkai was stopped, as an operator may do
without `gongkai db restore`): the index, ahead of the store, is rebuilt when the next process opens it. Without it the
index answered a record the store no longer holds (a hit that opens on 404) and never indexed the records stored
after (their change numbers ran below its watermark): stored, not searchable (probe3). Real SQLite, real Tantivy."""

from __future__ import annotations

import shutil

from gongkai.engine import Engine
from gongkai.record import Record
from gongkai.search_types import SearchRequest
from gongkai.settings import load_settings


def record(title: str) -> Record:
    return Record(kind="disclosure", title=title, body=f"{title}的正文。", issuer="厦门市人民政府", publish_date="2026-12-01")


def titles(engine: Engine, q: str) -> set[str]:
    return {hit.title for hit in engine.search(SearchRequest(q=q, limit=50)).hits}


def test_an_index_ahead_of_a_restored_store_is_rebuilt_on_open(tmp_path):
    data = tmp_path / "data"
    engine = Engine(load_settings(data_dir=data))
    engine.ingest_records([record("备份之前的通知")])
    engine.close()
    saved = tmp_path / "saved"
    saved.mkdir()
    for path in data.glob("gongkai.sqlite3*"):  # the database as it was (stopped: no transaction open)
        shutil.copy2(path, saved / path.name)

    engine = Engine(load_settings(data_dir=data))
    engine.ingest_records([record("备份之后的通知"), record("备份之后的公告")])
    engine.close()
    for path in data.glob("gongkai.sqlite3*"):
        path.unlink()
    for path in saved.iterdir():  # put back by hand
        shutil.copy2(path, data / path.name)

    engine = Engine(load_settings(data_dir=data))
    assert titles(engine, "备份") == {"备份之前的通知"}  # no hit the store no longer holds
    engine.ingest_records([record("恢复之后的新通知")])
    assert titles(engine, "恢复之后") == {"恢复之后的新通知"}  # indexed, though its change number was indexed before
    assert engine.index.doc_count() == 2
    engine.close()


def test_an_index_level_with_its_store_is_not_rebuilt(tmp_path):
    data = tmp_path / "data"
    engine = Engine(load_settings(data_dir=data))
    engine.ingest_records([record("一份通知")])
    generation = engine.index.watermark, sorted(p.name for p in (data / "index").iterdir())
    engine.close()
    engine = Engine(load_settings(data_dir=data))
    assert (engine.index.watermark, sorted(p.name for p in (data / "index").iterdir())) == generation
    engine.close()
