"""Issue 19 over the real HTTP server and the CLI: validity in /api/documents/{id}, the diff route,
`gongkai show --json`, `gongkai show --diff`, `gongkai graph`, `gongkai validity set`."""

from __future__ import annotations

import json

import httpx
import pytest
from typer.testing import CliRunner

from tests.support import served_engine
from tests.test_validity_store import regulation

OLD = {
    "id": "yljx-2014", "kind": "disclosure", "title": "医疗器械经营监督管理办法", "doc_number": "国家食品药品监督管理总局令第8号",
    "publish_date": "2014-07-30", "body": "第一条 为加强医疗器械经营监督管理，制定本办法。\n第六十九条 本办法自2014年10月1日起施行。",
}


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    data = tmp_path_factory.mktemp("validity-api") / "data"
    new = regulation("医疗器械经营监督管理办法(2022-03-10).md", "yljx-2022", "国家市场监督管理总局令第54号")
    with served_engine(data, [new, OLD]) as (engine, base_url):
        # a second version of the old one: a silent edit of one sentence
        engine.ingest_records([engine.get("yljx-2014").model_copy(update={"body": OLD["body"].replace("加强", "进一步加强"), "issuer": "国家食品药品监督管理总局"})])
        with httpx.Client(base_url=base_url, timeout=10) as client:
            yield engine, client, data


def test_document_carries_validity_and_the_repealing_sentence(served):
    _, client, _ = served
    body = client.get("/api/documents/yljx-2014").json()
    validity = body["validity"]
    assert validity["status"] == "repealed" and validity["repealed_on"] == "2022-05-01"
    (by,) = validity["repealed_by"]
    assert by["id"] == "yljx-2022" and by["doc_number"] == "国家市场监督管理总局令第54号" and "同时废止" in by["statement"]
    new = client.get("/api/documents/yljx-2022").json()
    assert new["validity"]["status"] == "in_force" and new["validity"]["repeals"][0]["id"] == "yljx-2014"
    assert {"cites", "cited_by", "cited_by_total"} <= set(new)
    # the OpenAPI document declares it
    spec = client.get("/openapi.json").json()
    assert "Validity" in spec["components"]["schemas"] and "/api/documents/{record_id}/diff" in spec["paths"]


def test_diff_between_versions_word_by_word(served):
    _, client, _ = served
    diff = client.get("/api/documents/yljx-2014/diff").json()
    assert (diff["from"], diff["to"]) == (1, 2)
    assert diff["fields"]["issuer"] == {"from": "", "to": "国家食品药品监督管理总局"}
    changed = [run for run in diff["body"] if run["op"] != "equal"]
    assert changed == [{"op": "insert", "text": "进一步"}]
    assert client.get("/api/documents/yljx-2014/diff", params={"from": 1, "to": 1}).json()["body_changed"] is False
    bad = client.get("/api/documents/yljx-2014/diff", params={"from": 7})
    assert bad.status_code == 422 and "no version 7" in bad.json()["message"]
    assert client.get("/api/documents/nope/diff").status_code == 404
    assert client.get("/api/documents/yljx-2014/diff", params={"from": "x"}).status_code == 422


def test_detail_page_shows_badge_link_and_sentence(served):
    _, client, _ = served
    html = client.get("/documents/yljx-2014").text
    assert "已废止" in html and 'href="/documents/yljx-2022"' in html and "同时废止" in html
    assert "进一步" in html and "<ins" in html  # the last change, shown on the page
    html = client.get("/documents/yljx-2022").text
    assert "现行有效" in html and 'href="/documents/yljx-2014"' in html


def test_search_results_show_the_badge(served):
    _, client, _ = served
    html = client.get("/search", params={"q": "医疗器械经营监督管理办法"}).text
    assert 'class="badge badge-repealed">已废止' in html and 'class="badge badge-in_force">现行有效' in html


def test_cli_show_graph_and_override(served):
    from gongkai.cli.context import state
    from gongkai.cli.main import app

    _, _, data = served

    def run(*args):
        state._settings = state._engine = None
        result = CliRunner().invoke(app, ["--data-dir", str(data), *args])
        state._settings = state._engine = None
        return result

    shown = json.loads(run("show", "yljx-2014", "--json").stdout)
    assert shown["title"] == "医疗器械经营监督管理办法" and shown["validity"]["status"] == "repealed"
    diff = json.loads(run("show", "yljx-2014", "--diff", "--json").stdout)
    assert diff["to"] == 2 and diff["inserted_chars"] == 3
    graph = json.loads(run("graph", "yljx-2022", "--json").stdout)
    assert {"from": "yljx-2022", "to": "yljx-2014", "kind": "repeals"}.items() <= graph["edges"][0].items()
    assert {n["id"]: n["status"] for n in graph["nodes"]} == {"yljx-2022": "in_force", "yljx-2014": "repealed"}
    assert "repealed_by" in run("graph", "yljx-2014").stdout
    refused = run("validity", "set", "yljx-2014", "whatever", "--by", "李四")
    assert refused.exit_code == 2
    assert run("validity", "set", "yljx-2014", "in_force", "--reason", "复核", "--by", "李四", "--json").exit_code == 0
    shown = json.loads(run("show", "yljx-2014", "--json").stdout)
    assert shown["validity"]["status"] == "in_force" and shown["validity"]["override"]["by"] == "李四"
    assert run("validity", "set", "yljx-2014", "auto", "--by", "李四").exit_code == 0
    assert json.loads(run("show", "yljx-2014", "--json").stdout)["validity"]["status"] == "repealed"
    assert json.loads(run("validity", "recompute", "--json").stdout) == {"read": 0, "changed": 0}


def test_daily_job_is_registered_and_runs(tmp_path, monkeypatch):
    """`gongkai jobs run validity`: the scheduler's job, run by the real ops runner, records its result."""
    from tests.test_ops_cli import cli
    from tests.test_sched_service import ALL_OFF

    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GONGKAI_DATA_DIR", raising=False)
    config = tmp_path / "gongkai.toml"
    config.write_text("\n".join([f'data_dir = "{tmp_path / "data"}"', "[scheduler]", *[f'{k} = "{v}"' for k, v in ALL_OFF.items()]]) + "\n", encoding="utf-8")
    records = tmp_path / "r.jsonl"
    records.write_text(json.dumps({**OLD, "id": "a"}, ensure_ascii=False) + "\n", encoding="utf-8")
    from gongkai.cli.context import state
    from gongkai.cli.main import app

    monkeypatch.setenv("GONGKAI_CONFIG", str(config))
    state._settings = state._engine = None
    assert CliRunner().invoke(app, ["ingest", str(records)]).exit_code == 0
    state._settings = state._engine = None
    code, out, _ = cli(config, "jobs", "list", "--json")
    assert code == 0 and "validity" in out
    code, out, _ = cli(config, "jobs", "run", "validity", "--json")
    run = json.loads(out)
    assert code == 0 and run["outcome"] == "ok", out


def test_atom_marks_a_repealed_document(served):
    from lxml import etree

    _, client, _ = served
    response = client.get("/feeds/issuer/国家食品药品监督管理总局.atom")
    assert response.status_code == 200
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entry = etree.fromstring(response.content).find("a:entry", ns)
    marks = [c for c in entry.findall("a:category", ns) if c.get("scheme", "").endswith(":validity")]
    assert [(c.get("term"), c.get("label")) for c in marks] == [("repealed", "已废止")]


def test_diff_of_a_huge_body_is_bounded():
    """A one-line body of 600,000 characters with one insertion: answered in bounded time, nothing lost."""
    import time

    from gongkai.versiondiff import body_ops

    old = "保障公民、法人和其他组织依法获取政府信息" * 30000
    new = old[:1000] + "改动" + old[1000:]
    started = time.perf_counter()
    ops = body_ops(old, new)
    assert time.perf_counter() - started < 10
    assert "".join(o["text"] for o in ops if o["op"] != "insert") == old
    assert "".join(o["text"] for o in ops if o["op"] != "delete") == new


def test_oai_gongkai_format_carries_validity_valid_against_its_schema(served):
    from lxml import etree

    from gongkai.feeds.oai_native import SCHEMA_PATH, record_from_gongkai_xml

    engine, client, _ = served
    response = client.get("/oai", params={"verb": "ListRecords", "metadataPrefix": "gongkai"})
    assert response.status_code == 200
    ns = {"o": "http://www.openarchives.org/OAI/2.0/", "g": "urn:gongkai:record:1.0"}
    schema = etree.XMLSchema(etree.parse(str(SCHEMA_PATH)))
    found = {}
    for element in etree.fromstring(response.content).iterfind(".//o:metadata/g:record", ns):
        schema.assertValid(element)
        record = record_from_gongkai_xml(element)  # the derived element is skipped: the record reads back whole
        assert record.content_hash == engine.get(record.id).content_hash
        found[record.id] = element.find("g:validity", ns)
    assert found["yljx-2014"].findtext("g:status", namespaces=ns) == "repealed"
    assert found["yljx-2014"].findtext("g:repealed_by/g:id", namespaces=ns) == "yljx-2022"
    assert found["yljx-2022"].findtext("g:repeals/g:doc_number", namespaces=ns) == "国家食品药品监督管理总局令第8号"
