"""A 令's number stored as its page printed it is found however it is typed (review19's gap, lead, session 20).

A law's history gives the records' form, 国令第717号 (parsers/law_history.py), but a page labelling its 文号
`中华人民共和国国务院令第717号` is stored as printed: the lookup folded what was typed, never what was stored, so
国令第717号 and 国务院令第717号 found nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from gongkai.engine import Engine
from gongkai.settings import load_settings

PAGE = """<html><head><meta charset="utf-8"><title>中华人民共和国人类遗传资源管理条例</title></head><body>
<table><tr><td>标　　题：</td><td>中华人民共和国人类遗传资源管理条例</td></tr>
<tr><td>发文字号：</td><td>中华人民共和国国务院令第717号</td></tr>
<tr><td>发文机关：</td><td>国务院</td></tr><tr><td>发布日期：</td><td>2019年06月10日</td></tr></table>
<div class="content"><p>第一条 为了有效保护和合理利用我国人类遗传资源，维护公众健康、国家安全和社会公共利益，制定本条例。</p>
<p>第二条 本条例所称人类遗传资源包括人类遗传资源材料和人类遗传资源信息。</p></div></body></html>"""


@pytest.fixture()
def engine(tmp_path: Path):  # type: ignore[no-untyped-def]
    page = tmp_path / "in" / "rlyc.html"
    page.parent.mkdir()
    page.write_text(PAGE, encoding="utf-8")
    engine = Engine(load_settings(data_dir=tmp_path / "data"))
    engine.ingest_paths([page])
    yield engine
    engine.close()


@pytest.mark.parametrize("typed", ["国令第717号", "国务院令第717号", "中华人民共和国国务院令第717号", "国务院令第七一七号",
                                   "国务院第717号令"])
def test_a_decree_stored_as_printed_is_found_typed_any_way(engine: Engine, typed: str) -> None:
    stored = [record.doc_number for record in engine.lookup(doc_number=typed)]
    assert stored == ["中华人民共和国国务院令第717号"], typed


def test_another_decree_number_finds_nothing(engine: Engine) -> None:
    assert engine.lookup(doc_number="国令第718号") == []
    assert engine.lookup(doc_number="海关总署令第717号") == []
