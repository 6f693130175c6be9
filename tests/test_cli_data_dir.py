"""A data directory gongkai cannot use (a file given as --data-dir, a folder it cannot make) is said in one line,
naming it and where it is set, exit 2, for every command (probe3: `gongkai --data-dir FILE status` printed a 60-line
traceback ending in FileExistsError)."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from gongkai.cli.main import app

runner = CliRunner()

pytestmark = pytest.mark.usefixtures("fresh_cli_state")  # tests/conftest.py


@pytest.mark.parametrize("command", [["status"], ["search", "停电"], ["ingest", "."], ["quarantine", "list"], ["db", "current"], ["db", "upgrade"]])
def test_a_file_as_the_data_directory_is_one_clear_error(tmp_path, command):
    from gongkai.cli.context import state

    state._settings = state._engine = None
    not_a_folder = tmp_path / "data.txt"
    not_a_folder.write_text("我是一个文件\n", encoding="utf-8")
    result = runner.invoke(app, ["--data-dir", str(not_a_folder), *command])
    assert result.exit_code == 2, (result.exit_code, result.output)
    assert f"cannot use the data directory {not_a_folder}: it is a file, not a folder" in result.stderr
    assert "Traceback" not in result.output and (result.exception is None or isinstance(result.exception, SystemExit))


def test_a_read_only_command_on_a_data_dir_that_does_not_exist_refuses(tmp_path):
    """Session 10: `gongkai --data-dir /srv/gongkia status` (a typo) made an empty store there and said "records: 0";
    the read-only commands now refuse, exit 2, and leave no folder behind; a writing command still makes it."""
    from tests.cli_run import run

    typo = tmp_path / "gongkia"
    for args in (["status"], ["search", "停电"], ["show", "abc"], ["lookup", "厦府〔2014〕12号"], ["export"], ["stats", "--json"]):
        result = run(typo, *args)
        assert result.exit_code == 2, (args, result.output)
        assert "数据目录不存在" in result.stderr and str(typo) in result.stderr
        assert not typo.exists()
    from gongkai.cli.context import state

    assert state.reads_only is False  # for that command only: a later command of any app opens its store as before
    assert run(typo, "status", "--help").exit_code == 0 and not typo.exists()  # the help needs no store
    records = tmp_path / "r.jsonl"
    records.write_text('{"title": "第一条", "body": "正文"}\n', encoding="utf-8")
    assert run(typo, "ingest", str(records)).exit_code == 0 and typo.is_dir()
    assert run(typo, "status").exit_code == 0


GROUP_READERS = [["quarantine", "list"], ["quarantine", "retry"], ["tokens", "list"], ["sync", "status"], ["jobs", "list"],
                 ["jobs", "history"], ["jobs", "show", "1"], ["alerts", "list"], ["sources", "list"], ["sources", "status"],
                 ["db", "current"], ["inbox", "prune", "--days", "30"]]


def test_a_group_s_read_only_command_on_a_data_dir_that_does_not_exist_refuses(tmp_path):
    """Session 11 (doors2): the commands of a group did not refuse: `gongkai --data-dir /srv/gongkia quarantine list`
    made an empty store there and listed nothing, and so did `tokens list`, `jobs history`, `sync status`, `db current` …
    They refuse as `status` does, Chinese first; a group's writing command still makes the store."""
    from tests.cli_run import run

    typo = tmp_path / "gongkia"
    for args in GROUP_READERS:
        result = run(typo, *args)
        assert result.exit_code == 2, (args, result.output)
        assert result.stderr.startswith("error: 数据目录不存在") and str(typo) in result.stderr, (args, result.stderr)
        assert not typo.exists(), args
    assert run(typo, "quarantine", "list", "--help").exit_code == 0 and not typo.exists()
    assert run(typo, "tokens", "create", "厦门市财政局").exit_code == 0 and typo.is_dir()  # a writer makes it
    assert run(typo, "tokens", "list").exit_code == 0 and run(typo, "quarantine", "list").exit_code == 0
