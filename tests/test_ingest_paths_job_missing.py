"""A scheduled `ingest_paths` job whose paths are partly missing ingests the others (doors, session 10).

An operator's nightly job reads several agencies' export folders (`kwargs = { paths = [A, B] }`); one agency not
delivering tonight (B missing) failed the whole run before anything was read, so A's export waited for a night on which
every agency delivered. A bad item never stops a run: A goes in, and the run is still `failed`, naming B. Real
`gongkai jobs run` with a gongkai.toml, real SQLite and Tantivy."""

from __future__ import annotations

from tests.test_ops_cli import cli, json_lines
from tests.test_sched_service import ALL_OFF, write_jsonl


def test_a_missing_path_does_not_stop_the_others(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    present = write_jsonl(tmp_path / "cz-export.jsonl")
    missing = tmp_path / "jyj-export.jsonl"
    lines = [f'data_dir = "{tmp_path / "data"}"', "[scheduler]"] + [f'{k} = "{v}"' for k, v in ALL_OFF.items()]
    lines += ["[scheduler.extra_jobs.nightly]", 'target = "gongkai.ops.tasks:ingest_paths"', 'schedule = "0 1 * * *"',
              f'kwargs = {{ paths = ["{missing}", "{present}"] }}']
    config = tmp_path / "gongkai.toml"
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")

    code, out, _ = cli(config, "jobs", "run", "nightly")
    assert code == 1 and "jyj-export.jsonl" in out, out  # still failed, naming what is missing
    [run] = json_lines(cli(config, "jobs", "history", "--json")[1])
    assert run["outcome"] == "failed" and "jyj-export.jsonl" in run["message"] and "cz-export.jsonl" not in run["message"]
    assert run["counts"].get("new", 0) > 0, run  # the present export went in
    _, stats, _ = cli(config, "status", "--json")
    assert '"records": 0' not in stats
