"""The operator's day, Chinese first (doors3, session 12): the summaries and table headers of `gongkai ingest`, `jobs`,
`status`, `sources status` and `alerts` were English only while the feeds' and the quarantine's said Chinese first, the
English after; `--json` stays as it was (scripts read it). And the commands that act on what is stored only (`crawl
history`, `quarantine resolve`, `tokens revoke`, `alerts remove`, `withdraw` …) made an empty store at a mistyped
`--data-dir`, then said the id was not there: they refuse, exit 2, and leave no folder. The CLI through Typer's runner on
a real store."""

from __future__ import annotations

import json

import pytest

from tests.cli_run import run

pytestmark = pytest.mark.usefixtures("fresh_cli_state")  # tests/conftest.py


def _one_line(text: str) -> str:
    return " ".join(text.split())  # the terminal's 80 columns fold long lines


@pytest.fixture
def data(tmp_path):
    records = tmp_path / "r.jsonl"
    records.write_text(json.dumps({"title": "厦门市人民政府关于公布第三批市级非物质文化遗产名录的通知", "body": "正文",
                                   "index_number": "xm00100-0200-2026-00031"}, ensure_ascii=False) + "\n"
                       + json.dumps({"title": "", "body": "没有标题"}, ensure_ascii=False) + "\n", encoding="utf-8")
    where = tmp_path / "data"
    result = run(where, "ingest", str(records))
    assert result.exit_code == 0
    # the summary: Chinese first, the English after as it was
    assert result.stdout.startswith("新增 1  更新 0  未变 0  隔离 1 / new: 1  updated: 0  unchanged: 0  quarantined: 1"), result.stdout
    return where


def test_ingest_json_is_unchanged(data, tmp_path):
    records = tmp_path / "again.jsonl"
    records.write_text(json.dumps({"title": "再次导入", "body": "正文"}, ensure_ascii=False) + "\n", encoding="utf-8")
    lines = run(data, "ingest", str(records), "--json").stdout.splitlines()
    assert [json.loads(line)["status"] for line in lines] == ["new"]  # no Chinese mixed into the data


def test_jobs_tables_and_a_run_said_chinese_first(data):
    listed = run(data, "jobs", "list").stdout
    for words in ("作业", "job", "下次运行", "next run", "结果", "outcome", "从未运行", "never"):
        assert words in listed, (words, listed)
    ran = run(data, "jobs", "run", "inbox")
    assert ran.exit_code == 0
    said = _one_line(ran.stdout)
    assert said.startswith("inbox: 成功 ok，用时") and "新增 0 变更 0 错误 0 / new 0 changed 0 errors 0" in said, ran.stdout
    history = run(data, "jobs", "history").stdout
    assert "运行" in history and "触发" in history and "成功" in history, history
    assert json.loads(run(data, "jobs", "history", "--json").stdout)["outcome"] == "ok"  # --json as before
    shown = run(data, "jobs", "show", "1").stdout
    assert "作业 job: inbox" in shown and "结果 outcome: 成功 ok" in shown and "计数 counts: files 0" in shown, shown
    assert "没有抓取记录 / no crawl recorded" in run(data, "crawl", "history").stdout


def test_status_sources_and_alerts_said_chinese_first(data):
    status = _one_line(run(data, "status").stdout)
    for words in ("记录 records: 1", "索引 index", "同步 sync", "隔离 quarantine: 待处理 1 open", "调度器 scheduler: 未运行 not running"):
        assert words in status, (words, status)
    sources = run(data, "sources", "status").stdout
    assert "来源" in sources and "应有频率" in sources and "cadence" in sources, sources
    assert "没有提醒 / no alerts" in run(data, "alerts", "list").stdout
    added = run(data, "alerts", "add", "--query", "非物质文化遗产", "--atom")
    assert added.exit_code == 0 and "已保存 / alert saved" in added.stdout, added.output
    ran = _one_line(run(data, "alerts", "run").stdout)
    assert ran.startswith("提醒 1，读取变更") and "1 alerts," in ran, ran


@pytest.mark.parametrize("args", [["crawl", "history"], ["quarantine", "resolve", "1"], ["tokens", "revoke", "厦门市财政局"],
                                  ["alerts", "remove", "abc"], ["alerts", "retry", "abc"], ["sync", "retry"], ["jobs", "stop", "inbox"],
                                  ["withdraw", "abc"], ["reparse", "abc"],
                                  ["validity", "set", "abc", "repealed", "--reason", "r", "--by", "me"]])
def test_acting_on_what_is_stored_refuses_a_data_dir_that_does_not_exist(tmp_path, args):
    typo = tmp_path / "gongkia"
    result = run(typo, *args)
    assert result.exit_code == 2 and "数据目录不存在" in result.stderr, (args, result.output)
    assert not typo.exists()
