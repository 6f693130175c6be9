"""`gongkai lookup` (session 10): the operator's exact lookup by 文号 or 索引号, typed any way, as /api/lookup answers it
(there was no CLI for it: an operator read a 文号 off a phone call had to build a `doc_number:"…"` search with the
canonical brackets). And /api/lookup echoes the 文号 it asked for canonical (it echoed 厦府2014年12号 as typed).
Real CLI, SQLite, Tantivy; the API over a socket."""

from __future__ import annotations

import json

import httpx
import pytest

from tests.cli_run import run
from tests.support import build_engine, sample_records, served_engine

pytestmark = pytest.mark.usefixtures("fresh_cli_state")

DOC_NUMBER, INDEX_NUMBER = "厦府〔2014〕12号", "XM00100-0200-2014-00012"


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    data = tmp_path_factory.mktemp("lookup") / "data"
    build_engine(data, sample_records()).close()
    return data


@pytest.mark.parametrize(
    "typed",
    [["厦府〔2014〕12号"], ["廈府〔2014〕12號"], ["厦府2014年12号"], ["厦府［2014］12号"], ["厦府", "(2014)", "12号"],
     ["xm00100－0200－2014－00012"], [" XM00100 - 0200 - 2014 - 00012 "],
     # typed as no printed 文号 is: the year in angle brackets or quotes, the 号 left off (they found nothing)
     ["厦府〈2014〉12号"], ["厦府「2014」12号"], ["厦府《2014》12号"], ["厦府〔2014〕12"], ["厦府2014年12"]],
)
def test_any_typed_form_finds_the_record(data_dir, typed):
    result = run(data_dir, "lookup", *typed, "--json")
    assert result.exit_code == 0, result.output
    answer = json.loads(result.stdout)
    assert answer["count"] == 1
    [record] = answer["records"]
    assert (record["doc_number"], record["index_number"]) == (DOC_NUMBER, INDEX_NUMBER)
    assert answer["doc_number"] in (DOC_NUMBER, None) and answer["index_number"] in (INDEX_NUMBER, None)


def test_text_output_gives_the_whole_id_and_none_found_is_exit_1(data_dir):
    found = json.loads(run(data_dir, "lookup", DOC_NUMBER, "--json").stdout)["records"][0]["id"]
    result = run(data_dir, "lookup", "厦府2014年12号")
    assert result.exit_code == 0 and found in result.stdout and "关于下达2014年城市总体规划实施专项资金的通知" in result.stdout
    result = run(data_dir, "lookup", "厦府2099年1号")
    assert result.exit_code == 1 and "没有找到" in result.stderr and "厦府〔2099〕1号" in result.stderr
    assert json.loads(run(data_dir, "lookup", "厦府2099年1号", "--json").stdout)["count"] == 0
    assert run(data_dir, "lookup", " ").exit_code == 2


def test_the_cli_and_the_api_give_the_same_records_and_the_api_echoes_canonical(tmp_path, data_dir):
    cli_ids = [r["id"] for r in json.loads(run(data_dir, "lookup", "厦府2014年12号", "--json").stdout)["records"]]
    with served_engine(tmp_path / "served", sample_records()) as (_, base):
        answer = httpx.get(f"{base}/api/lookup", params={"doc_number": "廈府2014年12號"}, timeout=30).json()
    assert answer["doc_number"] == DOC_NUMBER  # it echoed the text as typed
    with served_engine(tmp_path / "served2", sample_records()) as (_, base):
        answer = httpx.get(f"{base}/api/lookup", params={"doc_number": "厦府「2014」12"}, timeout=30).json()
    assert answer["doc_number"] == DOC_NUMBER and [r["id"] for r in answer["records"]] == cli_ids
    assert [r["id"] for r in answer["records"]] == cli_ids
