"""Store-owned fields and owning sources in input (issue 16 items 11 and 12), through push and `gongkai ingest`.

The rules (gongkai.ownership, feeds.push.withdraw_own): a record file never withdraws a record (its
tombstone is quarantined with the reason); the owning agency withdraws its own record by pushing it with
"withdrawn": true; an input without a source never replaces a record an agency owns. After every step
`gongkai show` and `gongkai search` must agree: a live record is found, a withdrawn one is not.
"""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from typer.testing import CliRunner

from gongkai.cli.main import app as cli_app
from gongkai.engine import Engine
from gongkai.feeds.tokens import TokenStore
from gongkai.web.routes_feeds import router
from gongkai.web.server import serve_in_thread

OFFICE, COUNCIL = "国务院办公厅", "国务院"
RECORD = {"title": "国务院办公厅关于印发防汛抗旱应急预案的通知", "index_number": "000014349/2022-00041", "body": "各省、自治区、直辖市人民政府：防汛抗旱。"}
OTHER = {"title": "国务院办公厅关于加强水库安全管理的意见", "index_number": "000014349/2022-00042", "body": "水库大坝安全。"}


def cli(data: Path, *args: str) -> tuple[int, str]:
    """`gongkai --data-dir DATA ARGS` in this process, with a fresh CLI engine each time (as a new shell would)."""
    from gongkai.cli.context import state

    state._settings = state._engine = None
    try:
        result = CliRunner().invoke(cli_app, ["--data-dir", str(data), *args], catch_exceptions=False)
    finally:
        if state._engine is not None:
            state._engine.close()
        state._settings = state._engine = None
    return result.exit_code, result.stdout


def shown(data: Path, record_id: str) -> dict:
    code, out = cli(data, "show", record_id, "--json")
    assert code == 0, out
    return json.loads(out)


def found(data: Path, query: str) -> list[str]:
    code, out = cli(data, "search", query, "--json")
    assert code == 0, out
    return [hit["id"] for hit in json.loads(out)["hits"]]


def assert_agree(data: Path, record_id: str, title: str) -> dict:
    """`show` and search tell the same story: live and found, or withdrawn and not found."""
    record = shown(data, record_id)
    assert (record_id in found(data, title)) is (not record["withdrawn"]), record
    return record


def ingest(data: Path, tmp_path: Path, lines: list[dict], *extra: str) -> list[dict]:
    path = tmp_path / f"in-{len(list(tmp_path.glob('in-*')))}.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in lines), encoding="utf-8")
    code, out = cli(data, "ingest", "--json", *extra, str(path))
    assert code in (0, 1), out  # 1: something was quarantined
    return [json.loads(line) for line in out.splitlines() if line.startswith("{") and '"input"' in line]


@pytest.fixture
def pushed(settings, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    engine = Engine(settings)
    tokens = TokenStore(engine.store)
    office, _ = tokens.create(OFFICE)
    council, _ = tokens.create(COUNCIL)
    app = FastAPI()
    app.include_router(router)
    app.state.engine = engine
    with serve_in_thread(app) as base, httpx.Client(base_url=base, timeout=30) as client:
        def push(token: str, body: dict) -> httpx.Response:
            return client.post("/api/ingest", json=body, headers={"Authorization": f"Bearer {token}"})

        yield settings.data_dir, engine, push, office, council
    engine.close()


def quarantine_reasons(data: Path) -> list[str]:
    code, out = cli(data, "quarantine", "list", "--json")
    assert code == 0, out
    text = out.strip()
    entries = json.loads(text) if text.startswith("[") else [json.loads(line) for line in text.splitlines() if line.strip()]
    return [entry["reason"] for entry in entries]


def test_a_tombstone_in_a_record_file_is_quarantined_and_the_live_record_stays_found(settings, tmp_path):
    data = settings.data_dir
    results = ingest(data, tmp_path, [RECORD, OTHER])
    record_id = results[0]["id"]
    assert [r["status"] for r in results] == ["new", "new"]
    tombstone = {**RECORD, "withdrawn": True, "version": 2}
    results = ingest(data, tmp_path, [tombstone, {**OTHER, "summary": "更正"}])
    assert results[0]["status"] == "quarantined" and "cannot withdraw" in results[0]["error"] and "gongkai withdraw" in results[0]["error"]
    assert results[1]["status"] == "updated"  # the rest of the file goes on
    record = assert_agree(data, record_id, "防汛抗旱应急预案")
    assert record["withdrawn"] is False and record["version"] == 1
    assert any("cannot withdraw" in reason for reason in quarantine_reasons(data))
    # store-owned bookkeeping in input is ignored: the store sets it
    again = ingest(data, tmp_path, [{**RECORD, "version": 9, "first_seen": "2001-01-01T00:00:00", "content_hash": "x" * 64}])
    assert again[0]["status"] == "unchanged" and shown(data, record_id)["version"] == 1


def test_reimporting_an_export_with_tombstones_never_hides_a_live_record(settings, tmp_path):
    data, elsewhere = settings.data_dir, tmp_path / "elsewhere"
    first = ingest(data, tmp_path, [RECORD, OTHER])
    gone_id = first[1]["id"]
    assert cli(data, "withdraw", gone_id, "--reason", "误发")[0] == 0
    code, export = cli(data, "export")
    assert code == 0 and '"withdrawn":true' in export.replace(" ", "")
    # The same records live in another store; importing the export there must not hide OTHER.
    ingest(elsewhere, tmp_path, [RECORD, OTHER])
    path = tmp_path / "export.jsonl"
    path.write_text(export, encoding="utf-8")
    code, out = cli(elsewhere, "ingest", "--json", str(path))
    results = [item for item in map(json.loads, filter(str.strip, out.splitlines())) if "input" in item]
    assert sorted(r["status"] for r in results) == ["quarantined", "unchanged"]
    refused = next(r for r in results if r["status"] == "quarantined")
    assert f"cannot withdraw record {gone_id}" in refused["error"]
    assert assert_agree(elsewhere, gone_id, "水库安全管理")["withdrawn"] is False
    # and into the store it came from: the withdrawn record stays withdrawn, the live one live
    code, _ = cli(data, "ingest", str(path))
    assert assert_agree(data, gone_id, "水库安全管理")["withdrawn"] is True
    assert assert_agree(data, first[0]["id"], "防汛抗旱应急预案")["withdrawn"] is False


def test_an_agency_withdraws_its_own_record_by_push_and_brings_it_back(pushed):
    data, _, push, office, council = pushed
    created = push(office, RECORD)
    assert created.status_code == 201, created.text
    record_id = created.json()["results"][0]["id"]
    assert assert_agree(data, record_id, "防汛抗旱应急预案")["withdrawn"] is False
    # another agency cannot; a record that is not here cannot be
    assert push(council, {"id": record_id, "withdrawn": True}).status_code == 403
    missing = push(office, {"id": "no-such-record", "withdrawn": True})
    assert missing.status_code == 422 and "no record no-such-record" in missing.json()["message"]
    withdrawn = push(office, {"id": record_id, "withdrawn": True})
    assert withdrawn.status_code == 200 and withdrawn.json()["results"][0]["status"] == "withdrawn", withdrawn.text
    record = assert_agree(data, record_id, "防汛抗旱应急预案")
    assert record["withdrawn"] is True
    # the whole record with "withdrawn": true names the same record (id derived from its 索引号), "true" as well
    assert push(office, {**RECORD, "withdrawn": True}).json()["results"][0]["status"] == "unchanged"
    assert push(office, {**RECORD, "withdrawn": "true"}).json()["results"][0]["status"] == "unchanged"
    back = push(office, RECORD)
    assert back.status_code == 200 and back.json()["results"][0]["status"] == "updated"
    assert assert_agree(data, record_id, "防汛抗旱应急预案")["withdrawn"] is False
    assert any("no record no-such-record" in reason for reason in quarantine_reasons(data))


def test_an_input_without_a_source_never_takes_over_an_agencys_record(pushed, tmp_path):
    data, _, push, office, _ = pushed
    record_id = push(office, RECORD).json()["results"][0]["id"]
    results = ingest(data, tmp_path, [{**RECORD, "title": "被改的标题：防汛抗旱"}])
    assert results[0]["status"] == "quarantined" and f"belongs to source '{OFFICE}'" in results[0]["error"]
    record = assert_agree(data, record_id, "防汛抗旱应急预案")
    assert record["source"] == OFFICE and record["version"] == 1
    # the agency's own push still goes in
    update = push(office, {**RECORD, "summary": "更正"})
    assert update.status_code == 200 and update.json()["results"][0]["status"] == "updated"
    # an operator who names the owner gets the change in
    results = ingest(data, tmp_path, [{**RECORD, "summary": "运维更正"}], "--source", OFFICE)
    assert results[0]["status"] == "updated"
    record = assert_agree(data, record_id, "防汛抗旱应急预案")
    assert record["source"] == OFFICE and record["summary"] == "运维更正"
    assert push(office, {**RECORD, "summary": "再次更正"}).status_code == 200


def test_a_tombstone_in_the_drop_folder_is_quarantined_and_show_and_search_agree(settings, tmp_path):
    import time

    from gongkai.feeds.inbox import inbox_dir, process_inbox

    data = settings.data_dir
    record_id = ingest(data, tmp_path, [RECORD])[0]["id"]
    engine = Engine(settings)
    try:
        folder = inbox_dir(engine) / OFFICE
        folder.mkdir(parents=True)
        (folder / "takedown.jsonl").write_text(json.dumps({**RECORD, "withdrawn": True}, ensure_ascii=False) + "\n", encoding="utf-8")
        report = process_inbox(engine, now=time.time() + 3600).as_dict()
        assert report["quarantined"] == 1 and report["new"] == report["updated"] == 0, report
    finally:
        engine.close()
    assert assert_agree(data, record_id, "防汛抗旱应急预案")["withdrawn"] is False
    assert any("cannot withdraw" in reason for reason in quarantine_reasons(data))


def test_an_operator_applies_the_tombstones_of_an_export_on_purpose(settings, tmp_path):
    """`gongkai ingest --apply-withdrawals`: a tombstone withdraws the record that is here (its newer content
    kept), and one of a record that is not here stores it withdrawn; each input has one result."""
    data, elsewhere = settings.data_dir, tmp_path / "elsewhere"
    first = ingest(data, tmp_path, [RECORD, OTHER])
    here_id, gone_id = first[0]["id"], first[1]["id"]
    assert cli(data, "withdraw", here_id, "--reason", "撤回")[0] == 0 and cli(data, "withdraw", gone_id, "--reason", "撤回")[0] == 0
    code, export = cli(data, "export")
    path = tmp_path / "export.jsonl"
    path.write_text(export, encoding="utf-8")
    ingest(elsewhere, tmp_path, [{**RECORD, "summary": "更新的内容"}])  # RECORD lives there, newer; OTHER never came
    code, out = cli(elsewhere, "ingest", "--json", "--apply-withdrawals", str(path))
    results = sorted((r["id"], r["status"]) for r in map(json.loads, filter(str.strip, out.splitlines())) if "input" in r)
    assert code == 0 and results == sorted([(here_id, "withdrawn"), (gone_id, "withdrawn")]), out
    here = assert_agree(elsewhere, here_id, "防汛抗旱应急预案")
    assert here["withdrawn"] is True and here["summary"] == "更新的内容"  # not overwritten by the export's older content
    gone = assert_agree(elsewhere, gone_id, "水库安全管理")
    assert gone["withdrawn"] is True and gone["title"] == OTHER["title"]
    code, out = cli(elsewhere, "ingest", "--apply-withdrawals", str(path))
    assert code == 0 and "unchanged: 2" in out  # again: nothing changes
