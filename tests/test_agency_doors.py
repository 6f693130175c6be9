"""One agency, two doors, one record (probe3's leftover): the same record pushed by 厦门市财政局 (`POST /api/ingest`, source
`厦门市财政局`) and dropped in its folder (`inbox/厦门市财政局/`, source `inbox:厦门市财政局`) got two ids when it had
neither 索引号 nor URL (the id hashes the content, the source in it). Now the record keeps the door that first brought
it, whichever comes second; ids already stored stay. Real HTTP on 127.0.0.1, real SQLite and Tantivy, the real
drop-folder run (small JSON Lines in the main thread and a large one in the worker process)."""

from __future__ import annotations

import json
import time

import httpx
import pytest
from fastapi import FastAPI

from gongkai.engine import Engine
from gongkai.feeds.inbox import inbox_dir, process_inbox
from gongkai.feeds.tokens import TokenStore
from gongkai.search_types import SearchRequest
from gongkai.web.routes_feeds import router
from gongkai.web.server import serve_in_thread as serving

AGENCY = "厦门市财政局"
LATER = time.time() + 3600
PLAIN = {"title": "厦门市财政局关于二〇二四年预算公开的通知", "issuer": AGENCY, "body": "各预算单位：现将预算公开事项通知如下。",
         "publish_date": "2024-03-01"}
NUMBERED = {**PLAIN, "title": "厦门市财政局关于决算公开的通知", "index_number": "XM00105-0200-2024-00031"}


@pytest.fixture
def doors(settings):
    engine = Engine(settings)
    inbox_dir(engine).mkdir(parents=True)
    app = FastAPI()
    app.include_router(router)
    app.state.engine = engine
    token, _ = TokenStore(engine.store).create(AGENCY)
    with serving(app) as base, httpx.Client(base_url=base, timeout=30, headers={"Authorization": f"Bearer {token}"}) as client:
        yield engine, client
    engine.close()


def drop(engine, name: str, *records: dict) -> dict:
    (inbox_dir(engine) / AGENCY).mkdir(exist_ok=True)
    (inbox_dir(engine) / AGENCY / name).write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return process_inbox(engine, now=LATER).counts


def live(engine) -> list:
    return engine.search(SearchRequest(q="", limit=100)).hits


def test_pushed_first_then_dropped_is_one_record(doors):
    engine, client = doors
    pushed = client.post("/api/ingest", json=[PLAIN, NUMBERED]).json()["results"]
    assert [r["status"] for r in pushed] == ["new", "new"]
    counts = drop(engine, "again.jsonl", PLAIN, NUMBERED)
    assert counts["unchanged"] == 2 and counts["new"] == 0, counts
    assert sorted(hit.id for hit in live(engine)) == sorted(r["id"] for r in pushed)
    for result in pushed:  # one version each: the source did not flip to the folder's
        assert [(r.version, r.source) for r in engine.versions(result["id"])] == [(1, AGENCY)]


def test_dropped_first_then_pushed_is_one_record(doors):
    engine, client = doors
    assert drop(engine, "first.jsonl", PLAIN, NUMBERED)["new"] == 2
    dropped = {hit.title: hit.id for hit in live(engine)}
    pushed = client.post("/api/ingest", json=[PLAIN, NUMBERED]).json()["results"]
    assert [(r["status"], r["id"]) for r in pushed] == [("unchanged", dropped[PLAIN["title"]]), ("unchanged", dropped[NUMBERED["title"]])]
    assert len(live(engine)) == 2
    assert engine.store.get(dropped[PLAIN["title"]]).source == f"inbox:{AGENCY}"  # the first door's, kept

    # a real change through the other door is a new version of that one record, its source still the first door's
    changed = client.post("/api/ingest", json={**PLAIN, "summary": "更正"}).json()["results"][0]
    assert changed["status"] == "new" and changed["id"] != dropped[PLAIN["title"]]  # other content: another id, as one door gives
    assert len(live(engine)) == 3


def test_a_large_export_read_in_the_worker_finds_the_pushed_records_too(doors, settings):
    engine, client = doors
    many = [{**PLAIN, "title": f"厦门市财政局关于第{n}批资金下达的通知", "body": "资金下达" * 300} for n in range(1, 401)]
    pushed = client.post("/api/ingest", content="".join(json.dumps(r, ensure_ascii=False) + "\n" for r in many[:50]).encode(),
                         headers={"Content-Type": "application/x-ndjson"}).json()["results"]
    assert {r["status"] for r in pushed} == {"new"}
    counts = drop(engine, "export.jsonl", *many)  # over 1 MiB: validated in the worker process
    assert counts["unchanged"] == 50 and counts["new"] == 350, counts
    assert len({hit.id for hit in engine.search(SearchRequest(q="资金下达", limit=100)).hits}) == 100
    assert engine.store.count() == 400


def test_another_agencys_push_or_the_operators_root_are_not_doors_of_it(doors, settings):
    engine, client = doors
    (inbox_dir(engine) / "root.jsonl").write_text(json.dumps({**PLAIN, "source": "inbox"}, ensure_ascii=False) + "\n", encoding="utf-8")
    assert process_inbox(engine, now=LATER).counts["new"] == 1
    assert client.post("/api/ingest", json=PLAIN).json()["results"][0]["status"] == "new"  # the operator's is not the agency's
    assert len(live(engine)) == 2


@pytest.mark.usefixtures("fresh_cli_state")
def test_a_retried_drop_folder_record_finds_the_record_its_agency_pushed_meanwhile(doors, settings):
    from tests.cli_run import run

    engine, client = doors
    long = {**PLAIN, "title": "厦门市财政局关于资金下达的通知", "body": "资金下达" * 400}
    engine.settings.records = engine.settings.records.model_copy(update={"max_record_bytes": 2048})
    assert drop(engine, "big.jsonl", PLAIN, long)["quarantined"] == 1  # kept without its bytes: read again from its file
    engine.settings.records = engine.settings.records.model_copy(update={"max_record_bytes": 16 * 1024 * 1024})
    pushed = client.post("/api/ingest", json=long).json()["results"][0]
    assert pushed["status"] == "new"
    [entry] = engine.store.quarantine_list()
    retried = json.loads(run(settings.data_dir, "quarantine", "retry", "--json", str(entry["id"])).stdout)
    assert (retried["status"], retried["id"]) == ("unchanged", pushed["id"])  # one record, the push's
    assert engine.store.count() == 2


def test_a_rows_content_hash_under_another_source_is_the_records():
    """feeds/agency_doors.py reads a JSON Lines worker's row from its JSON (gongkai.record.content_hash_from_json)
    instead of validating its Record again: the same hash as the record's, for any content."""
    from gongkai.record import Record, compute_content_hash, content_hash_from_json
    from gongkai.store.codec import record_json

    records = [
        Record.model_validate({**PLAIN, "source": AGENCY}),
        Record.model_validate({**NUMBERED, "source": f"inbox:{AGENCY}", "keywords": ["预算", "公开"], "stated_validity": "有效"}),
        Record.model_validate({"kind": "notice", "notice_type": "lost", "title": "遗失声明", "body": "遗失营业执照正本，声明作废。",
                               "source": AGENCY, "attachments": [{"name": "a.pdf", "url": "https://x.gov.cn/a.pdf"}]}),
        Record.model_validate({**PLAIN, "source": AGENCY, "ocr": {"pages": [{"page": 1, "confidence": 71.5}], "mean_confidence": 71.5}}),
    ]
    for record in records:
        for source in (AGENCY, f"inbox:{AGENCY}", ""):
            assert content_hash_from_json(record_json(record), source=source) == compute_content_hash(record.model_copy(update={"source": source}))


@pytest.mark.usefixtures("fresh_cli_state")
def test_gongkai_ingest_with_the_agencys_source_finds_what_it_dropped(doors, settings, tmp_path):
    """`gongkai ingest --source 厦门市财政局 FILE` loads the agency's records for it: its push's door, so what the agency
    dropped in its folder is that one record (it got a second id)."""
    from tests.cli_run import run

    engine, _ = doors
    dropped = drop(engine, "first.jsonl", PLAIN)
    assert dropped["new"] == 1
    path = tmp_path / "export.jsonl"
    path.write_text(json.dumps(PLAIN, ensure_ascii=False) + "\n", encoding="utf-8")
    [line] = run(settings.data_dir, "ingest", "--json", "--source", AGENCY, str(path)).stdout.splitlines()
    assert json.loads(line)["status"] == "unchanged" and engine.store.count() == 1
    other = tmp_path / "other.jsonl"  # another source's load is no door of the agency's
    other.write_text(json.dumps(PLAIN, ensure_ascii=False) + "\n", encoding="utf-8")
    assert json.loads(run(settings.data_dir, "ingest", "--json", "--source", "厦门市教育局", str(other)).stdout)["status"] == "new"


# A record that names no issuer (doors, session 10): the push fills the issuer with its agency, the drop folder leaves it
# empty, so the same record through the two doors differed by its issuer: two records for one of neither 索引号 nor URL
# (another content hash, another id), a new version at each sending for one with a 索引号 (the issuer flipped).
NO_ISSUER = [{key: value for key, value in record.items() if key != "issuer"} for record in (PLAIN, NUMBERED)]


@pytest.mark.parametrize("first", ["drop", "push"])
def test_a_record_naming_no_issuer_is_one_record_through_both_doors(doors, first):
    engine, client = doors
    push = lambda: client.post("/api/ingest", json=NO_ISSUER).json()["results"]  # noqa: E731
    if first == "drop":
        assert drop(engine, "first.jsonl", *NO_ISSUER)["new"] == 2
    else:
        assert [r["status"] for r in push()] == ["new", "new"]
    ids = sorted(hit.id for hit in live(engine))
    for _ in range(2):  # each door again, twice: nothing new, no new version
        assert [r["status"] for r in push()] == ["unchanged", "unchanged"]
        counts = drop(engine, "again.jsonl", *NO_ISSUER)
        assert counts["unchanged"] == 2 and counts["new"] == counts["updated"] == 0, counts
    assert sorted(hit.id for hit in live(engine)) == ids
    for record_id in ids:
        assert len(engine.versions(record_id)) == 1


def test_a_large_export_naming_no_issuer_finds_the_pushed_records(doors):
    engine, client = doors
    plain = NO_ISSUER[0]
    many = [{**plain, "title": f"厦门市财政局关于第{n}批资金下达的通知", "body": "资金下达" * 300} for n in range(1, 401)]
    pushed = client.post("/api/ingest", content="".join(json.dumps(r, ensure_ascii=False) + "\n" for r in many[:50]).encode(),
                         headers={"Content-Type": "application/x-ndjson"}).json()["results"]
    assert {r["status"] for r in pushed} == {"new"}
    counts = drop(engine, "export.jsonl", *many)  # over 1 MiB: validated in the worker process (its rows' JSON)
    assert counts["unchanged"] == 50 and counts["new"] == 350, counts
    assert engine.store.count() == 400


@pytest.mark.parametrize("first", ["drop", "push"])
def test_a_document_through_both_doors_is_one_record(doors, corpus, first):
    """A document the agency dropped in its folder and then pushed was refused, 403 "source 'inbox:厦门市财政局' is not
    this token's agency" (the push checked the source after taking the drop folder's record): its own document."""
    engine, client = doors
    docx = corpus / "pdf_docx" / "govcn_as_files" / "govcn-5338761.docx"
    push = lambda: client.post("/api/ingest", files={"file": (docx.name, docx.read_bytes())})  # noqa: E731

    def dropped() -> dict:
        (inbox_dir(engine) / AGENCY).mkdir(exist_ok=True)
        (inbox_dir(engine) / AGENCY / docx.name).write_bytes(docx.read_bytes())
        return process_inbox(engine, now=LATER).counts

    if first == "drop":
        assert dropped()["new"] == 1
    else:
        assert push().status_code == 201
    for _ in range(2):
        answer = push()
        assert answer.status_code == 200 and answer.json()["results"][0]["status"] == "unchanged", answer.text
        assert dropped()["unchanged"] == 1
    [hit] = live(engine)
    assert len(engine.versions(hit.id)) == 1


def test_a_document_dropped_then_pushed_with_its_index_number_supersedes_the_dropped_one(doors, corpus):
    """The same file sent again with a 索引号 takes that identity and withdraws the agency's earlier record of the same
    bytes (feeds/same_file.py): through one door it did, through the other door the dropped record stayed beside the
    pushed one, two live records of one document."""
    engine, client = doors
    pdf = corpus / "pdf_docx" / "govcn_as_files" / "govcn-5344150.pdf"
    (inbox_dir(engine) / AGENCY).mkdir(exist_ok=True)
    (inbox_dir(engine) / AGENCY / "a.pdf").write_bytes(pdf.read_bytes())
    assert process_inbox(engine, now=LATER).counts["new"] == 1
    [dropped] = live(engine)
    answer = client.post("/api/ingest", files={"file": ("a.pdf", pdf.read_bytes())},
                         data={"metadata": json.dumps({"索引号": "XM00105-0200-2026-00009"}, ensure_ascii=False)})
    assert answer.status_code == 201, answer.text
    [hit] = live(engine)
    assert hit.id == answer.json()["results"][0]["id"] != dropped.id
    assert engine.store.get(dropped.id).withdrawn


def test_an_outage_notice_with_a_body_only_and_no_issuer_is_one_record_through_both_doors(doors):
    # review s13: its fields are read from its body in validation, and they took the record's issuer, which the push fills
    # with its agency and the drop folder leaves empty: the two doors' records differed inside the notice, two records.
    engine, client = doors
    outage = {"kind": "notice", "notice_type": "outage", "title": "关于12月8日莲前街道部分区域停水的通知",
              "body": "因管网改造，2026年12月8日9:00至18:00，思明区莲前街道前埔路、莲前东路部分区域停水。", "publish_date": "2026-12-05"}
    pushed = client.post("/api/ingest", json=outage).json()["results"][0]
    assert pushed["status"] == "new"
    counts = drop(engine, "outage.jsonl", outage)
    assert counts["unchanged"] == 1 and counts["new"] == 0, counts
    [record] = engine.store.iter_records()
    assert record.notice is not None and len(record.notice.events) == 1 and record.issuer == AGENCY
