"""Standard disclosure labels and Chinese field labels, wherever an agency's export holds them (polish, probe3's
leftovers). A sidecar holding 公开方式/有效性/载体类型 … (labels an agency's system exports that no Record field
holds) got its document quarantined, "has fields a record does not have"; a JSON Lines or JSON record file in
Chinese labels ({"信息名称": …, "发布机构": …}) was refused line by line ("Extra inputs are not permitted") while
XML record files and JSON sidecars took them. Real drop folder, parsers, SQLite and Tantivy; real CLI."""

from __future__ import annotations

import json
import time

import pytest
from typer.testing import CliRunner

from gongkai.cli.main import app
from gongkai.feeds.inbox import inbox_dir, process_inbox
from gongkai.indexer.models import SearchRequest
from tests.conftest import CORPUS
from tests.support import inbox_engine

PDF = CORPUS / "pdf_docx" / "govcn_as_files" / "govcn-5339579.pdf"
LATER = time.time() + 3600
EXPORTED = {"公开方式": "主动公开", "公开范围": "面向社会", "有效性": "有效", "公开时限": "自生成之日起20个工作日内",
            "信息时效": "长期", "体裁": "通知", "载体类型": "电子", "所属类别": "政策文件"}


@pytest.fixture
def engine(settings):
    with inbox_engine(settings) as engine:
        yield engine


def _drop(engine, sidecar_name: str, sidecar: bytes) -> None:
    folder = inbox_dir(engine) / "国务院办公厅"
    folder.mkdir()
    (folder / "report.pdf").write_bytes(PDF.read_bytes())
    (folder / sidecar_name).write_bytes(sidecar)


def test_a_json_sidecar_with_standard_labels_no_field_holds(engine, caplog):
    sidecar = {"索引号": "000014349/2018-00074", "主题分类": "综合政务", **EXPORTED, "【公开方式】": "主动公开"}
    sidecar.pop("公开方式")
    _drop(engine, "report.json", json.dumps(sidecar, ensure_ascii=False).encode())
    with caplog.at_level("INFO", logger="gongkai.parsers.sidecar"):
        report = process_inbox(engine, now=LATER)
    assert report.counts["new"] == 1 and report.counts["quarantined"] == 0, report.as_dict()
    [record] = engine.lookup(index_number="000014349/2018-00074")
    assert record.topic == "综合政务"
    assert "公开范围" in caplog.text and "ignored" in caplog.text  # the note names what was left out
    assert "有效性" not in caplog.text and record.stated_validity == "有效"  # the agency's statement, read (tests/test_stated_validity.py)


def test_an_xml_sidecar_with_standard_labels_no_field_holds(engine):
    xml = "<record><索引号>000014349/2018-00074</索引号>" + "".join(f"<{k}>{v}</{k}>" for k, v in EXPORTED.items()) + "</record>"
    _drop(engine, "report.xml", xml.encode())
    report = process_inbox(engine, now=LATER)
    assert report.counts["new"] == 1 and report.counts["quarantined"] == 0, report.as_dict()
    assert engine.lookup(index_number="000014349/2018-00074")


def test_an_unknown_label_keeps_todays_rule_refused(engine):
    _drop(engine, "report.json", json.dumps({"公开方式": "主动公开", "标提": "错字"}, ensure_ascii=False).encode())
    assert process_inbox(engine, now=LATER).counts["quarantined"] == 1
    [entry] = engine.store.quarantine_list()
    assert "has fields a record does not have: 标提" in entry["reason"]


def _run(data, *args: str) -> tuple[int, str]:
    from gongkai.cli.context import state

    result = CliRunner().invoke(app, ["--data-dir", str(data), *args], catch_exceptions=False)
    if state._engine is not None:
        state._engine.close()
    state._settings = state._engine = None
    return result.exit_code, result.stdout


CHINESE = [
    {"信息名称": "厦门市人民政府关于印发停车管理办法的通知", "发布机构": "厦门市人民政府", "文号": "厦府〔2024〕12号",
     "索引号": "XM00101-0200-2024-00012", "发布日期": "2024-03-01", "关键词": "交通、停车", "正文": "为加强停车管理……", **EXPORTED},
    {"信息名称": "厦门市财政局关于预算公开的通知", "发文机关": "厦门市财政局", "发文字号": "厦财〔2024〕3号", "公开方式": "主动公开"},
]


@pytest.mark.parametrize("suffix", [".jsonl", ".json"])
def test_a_record_file_in_chinese_labels(tmp_path, monkeypatch, suffix):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / f"records{suffix}"
    if suffix == ".jsonl":
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in CHINESE), encoding="utf-8")
    else:
        path.write_text(json.dumps(CHINESE, ensure_ascii=False), encoding="utf-8")
    code, out = _run(tmp_path / "data", "ingest", "--json", str(path))
    assert code == 0, out
    assert [json.loads(line)["status"] for line in out.splitlines() if line.startswith("{")] == ["new", "new"], out
    from gongkai.engine import Engine
    from gongkai.settings import load_settings

    engine = Engine(load_settings(data_dir=tmp_path / "data"))
    try:
        [record] = engine.lookup(doc_number="厦府〔2024〕12号")
        assert (record.issuer, record.index_number, str(record.publish_date), record.keywords) == (
            "厦门市人民政府", "XM00101-0200-2024-00012", "2024-03-01", ["交通", "停车"])
        assert record.body.startswith("为加强停车管理")
        assert engine.search(SearchRequest(q="预算公开")).hits
    finally:
        engine.close()


def test_a_record_file_giving_a_field_twice_is_refused_with_both_names(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "records.jsonl"
    path.write_text(json.dumps({"title": "甲", "信息名称": "乙"}, ensure_ascii=False) + "\n", encoding="utf-8")
    code, out = _run(tmp_path / "data", "ingest", "--json", str(path))
    assert code == 1
    [line] = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    assert line["status"] == "quarantined" and "gives title twice: title and 信息名称" in line["error"]


def test_a_pushed_record_in_chinese_labels(tmp_path):
    import httpx

    from gongkai.feeds.tokens import TokenStore
    from tests.support import served_engine

    with served_engine(tmp_path / "served", []) as (engine, base):
        token, _ = TokenStore(engine.store).create("厦门市财政局")
        headers = {"Authorization": f"Bearer {token}"}
        pushed = {"信息名称": "厦门市财政局关于预算公开的通知", "文号": "厦财〔2024〕3号", "发布日期": "2024-03-01", **EXPORTED}
        answer = httpx.post(base + "/api/ingest", headers=headers, json=pushed, timeout=60)
        assert answer.status_code == 201, answer.text
        [record] = engine.lookup(doc_number="厦财〔2024〕3号")
        assert (record.title, record.issuer, str(record.publish_date)) == ("厦门市财政局关于预算公开的通知", "厦门市财政局", "2024-03-01")
        twice = httpx.post(base + "/api/ingest", headers=headers, json={"title": "甲", "信息名称": "乙"}, timeout=60)
        assert twice.status_code == 422 and "gives title twice: title and 信息名称" in twice.text
