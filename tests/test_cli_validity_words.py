"""The validity words of the operator's commands (session 10): `gongkai validity set ID 已废止` was refused ("status
must be one of in_force, …") though `search --validity 已废止` and the page take the Chinese names; and `gongkai show`
printed "状态 有效" (published) right above "效力 已废止" (repealed), two contradicting words for a Chinese reader.
Real CLI, SQLite, Tantivy."""

from __future__ import annotations

import json

import pytest

from tests.cli_run import run
from tests.conftest import govcn_records

pytestmark = pytest.mark.usefixtures("fresh_cli_state")


@pytest.fixture
def stored(tmp_path):
    data = tmp_path / "data"
    records = tmp_path / "records.jsonl"
    records.write_text(json.dumps(govcn_records()[0], ensure_ascii=False) + "\n", encoding="utf-8")
    assert run(data, "ingest", str(records)).exit_code == 0
    record_id = json.loads(run(data, "export").stdout)["id"]
    return data, record_id


@pytest.mark.parametrize(("typed", "status"), [("已废止", "repealed"), ("现行有效", "in_force"), ("已修改", "amended"),
                                               ("尚未施行", "not_yet_in_force"), ("Expired", "expired")])
def test_chinese_and_english_status_names(stored, typed, status):
    data, record_id = stored
    result = run(data, "validity", "set", record_id, typed, "--reason", "核对原件", "--by", "ops", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["status"] == status
    assert json.loads(run(data, "show", record_id, "--json").stdout)["validity"]["status"] == status


def test_auto_and_an_unknown_word(stored):
    data, record_id = stored
    assert run(data, "validity", "set", record_id, "已废止", "--by", "ops").exit_code == 0
    result = run(data, "validity", "set", record_id, "自动", "--by", "ops", "--json")
    assert result.exit_code == 0 and json.loads(result.stdout)["override"] is None
    result = run(data, "validity", "set", record_id, "作废了", "--by", "ops")
    assert result.exit_code == 2 and "已废止" in result.stderr and "repealed" in result.stderr


def test_show_says_published_apart_from_in_force(stored):
    data, record_id = stored
    assert run(data, "validity", "set", record_id, "已废止", "--reason", "被新文件取代", "--by", "ops").exit_code == 0
    text = run(data, "show", record_id).stdout
    assert "公开 published" in text and "已废止" in text
    assert "有效" not in text.replace("现行有效", "")  # no bare 有效 beside 已废止
    assert run(data, "withdraw", record_id, "--reason", "误发", "--by", "ops").exit_code == 0
    assert "已撤下 withdrawn" in run(data, "show", record_id, "--versions").stdout


def test_a_diff_of_a_record_with_one_version_says_so(stored):
    """`show --diff` of a record stored once printed "第 1 版 → 第 1 版  正文未变", as if two versions had been compared."""
    data, record_id = stored
    result = run(data, "show", record_id, "--diff")
    assert result.exit_code == 0 and "没有可比较的更早版本" in result.stdout and "→" not in result.stdout
    assert run(data, "show", "没有的编号", "--diff").exit_code == 1
