"""One sidecar rule and reader on every path: `gongkai ingest` (CLI, real SQLite + index) and the drop folder.

Real gov.cn documents (DOCX/PDF) with JSON and XML sidecars (Chinese labels, one in GBK) must give the same
record fields either way; broken sidecars quarantine their document, naming the sidecar, and the run goes on.
"""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gongkai.cli.main import app
from gongkai.engine import Engine
from gongkai.feeds.inbox import archive_dir, inbox_dir, process_inbox
from gongkai.indexer.models import SearchRequest
from gongkai.parsers.sidecar import SidecarError, pair_sidecars, read_sidecar_bytes
from gongkai.settings import load_settings
from tests.conftest import CORPUS

FILES = CORPUS / "pdf_docx" / "govcn_as_files"
LATER = time.time() + 3600  # "now" for drop-folder runs that should see every file as old enough
COMPARED = ("title", "doc_number", "index_number", "issuer", "topic", "keywords", "written_date", "publish_date", "summary", "body", "url", "kind")

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<record><title>&lol3;</title></record>"""

runner = CliRunner()


pytestmark = pytest.mark.usefixtures("fresh_cli_state")  # tests/conftest.py


def cli_ingest(data_dir: Path, *paths: Path) -> dict[str, dict]:
    """`gongkai ingest --json` in this process; its answer lines by input file name (and #N / [N])."""
    from gongkai.cli.context import state

    result = runner.invoke(app, ["--data-dir", str(data_dir), "ingest", "--json", *map(str, paths)], catch_exceptions=False)
    if state._engine is not None:  # let the test open the store and index itself
        state._engine.close()
    state._settings = state._engine = None
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    return {Path(line["input"]).name: line for line in lines}


def drop_folder_ingest(data_dir: Path, lay_out) -> Engine:
    engine = Engine(load_settings(data_dir=data_dir))
    agency = inbox_dir(engine) / "国务院办公厅"
    agency.mkdir(parents=True)
    lay_out(agency)
    process_inbox(engine, now=LATER)
    return engine


def documents_with_sidecars(folder: Path) -> None:
    """A DOCX with report.docx.json (UTF-8 JSON) and a PDF with STEM.xml (Chinese labels, declared and written in GBK)."""
    shutil.copy(FILES / "govcn-5338761.docx", folder / "govcn-5338761.docx")
    (folder / "govcn-5338761.docx.json").write_text(
        json.dumps({"index_number": "000014349/2018-00071", "topic": "综合政务\\其他", "keywords": ["政府网站", "集约化"], "publish_date": "2018-11-01"}, ensure_ascii=False),
        encoding="utf-8",
    )
    shutil.copy(FILES / "govcn-5339579.pdf", folder / "govcn-5339579.pdf")
    (folder / "govcn-5339579.xml").write_bytes(
        '<?xml version="1.0" encoding="GBK"?>\n<record><索引号>000014349/2018-00074</索引号><主题分类>国务院组织机构</主题分类>'
        "<关键词>普查、领导小组</关键词><发布日期>2018年11月9日</发布日期><链接>http://www.gov.cn/zhengce/content/2018-11/09/content_5338761.htm</链接></record>".encode("gbk")
    )


def test_the_same_files_give_the_same_records_through_gongkai_ingest_and_the_drop_folder(tmp_path):
    folder = tmp_path / "agency-delivery"
    folder.mkdir()
    documents_with_sidecars(folder)
    results = cli_ingest(tmp_path / "cli", folder)
    assert sorted(results) == ["govcn-5338761.docx", "govcn-5339579.pdf"], "the sidecars are not records of their own"
    assert {r["status"] for r in results.values()} == {"new"}

    by_cli = Engine(load_settings(data_dir=tmp_path / "cli"))
    by_inbox = drop_folder_ingest(tmp_path / "inbox", documents_with_sidecars)
    try:
        assert by_inbox.store.count() == by_cli.store.count() == 2
        for index_number in ("000014349/2018-00071", "000014349/2018-00074"):
            [cli_record], [inbox_record] = by_cli.lookup(index_number=index_number), by_inbox.lookup(index_number=index_number)
            assert {f: getattr(cli_record, f) for f in COMPARED} == {f: getattr(inbox_record, f) for f in COMPARED}
        pdf = by_cli.lookup(index_number="000014349/2018-00074")[0]
        assert pdf.keywords == ["普查", "领导小组"] and pdf.topic == "国务院组织机构" and str(pdf.publish_date) == "2018-11-09"
        assert pdf.doc_number == "国办函〔2018〕74号", "what the sidecar does not say still comes from the document"
        assert pdf.url.startswith("http://www.gov.cn/")
        docx = by_cli.lookup(index_number="000014349/2018-00071")[0]
        assert docx.keywords == ["政府网站", "集约化"] and docx.doc_number == "国办函〔2018〕71号"
        # the sidecar's fields are searchable in the CLI's index on disk
        assert by_cli.search(SearchRequest(q="领导小组")).hits[0].id == pdf.id
    finally:
        by_cli.close()
        by_inbox.close()


def broken_sidecars(folder: Path) -> None:
    """One good document and five refused for their sidecar, each a different real document."""
    docs = ["govcn-5342665.docx", "govcn-5343366.pdf", "govcn-5344146.docx", "govcn-5344150.pdf", "govcn-5345291.docx", "govcn-5345293.pdf"]
    for name in docs:
        shutil.copy(FILES / name, folder / name)
    (folder / "govcn-5342665.docx.xml").write_text("<record><主题分类>综合政务</主题分类></record>", encoding="utf-8")  # good
    (folder / "govcn-5343366.xml").write_text("<record><信息名称>未闭合</record>", encoding="utf-8")
    (folder / "govcn-5344146.docx.xml").write_bytes(BILLION_LAUGHS)
    (folder / "govcn-5344150.pdf.json").write_text('{"titel": "拼错的字段"}', encoding="utf-8")
    (folder / "govcn-5345291.json").write_text('{"version": 7}', encoding="utf-8")
    (folder / "govcn-5345293.pdf.json").write_text('{"topic": "交通"}', encoding="utf-8")
    (folder / "govcn-5345293.xml").write_text("<record><主题分类>停车</主题分类></record>", encoding="utf-8")


EXPECTED_REFUSALS = {  # document -> what its quarantine reason must say (the sidecar's name and why)
    "govcn-5343366.pdf": ("govcn-5343366.xml", "not well-formed XML"),
    "govcn-5344146.docx": ("govcn-5344146.docx.xml", "unsafe XML"),
    "govcn-5344150.pdf": ("govcn-5344150.pdf.json", "titel"),
    "govcn-5345291.docx": ("govcn-5345291.json", "only the store sets: version"),
    "govcn-5345293.pdf": ("govcn-5345293.pdf.json, govcn-5345293.xml", "2 sidecars"),
}


def test_broken_sidecars_quarantine_their_document_through_gongkai_ingest(tmp_path):
    folder = tmp_path / "delivery"
    folder.mkdir()
    broken_sidecars(folder)
    results = cli_ingest(tmp_path / "data", folder)
    assert sorted(results) == sorted(["govcn-5342665.docx", *EXPECTED_REFUSALS]), "no sidecar became a record"
    assert results["govcn-5342665.docx"]["status"] == "new"
    for document, (sidecar, why) in EXPECTED_REFUSALS.items():
        assert results[document]["status"] == "quarantined"
        assert sidecar in results[document]["error"] and why in results[document]["error"], results[document]["error"]
    engine = Engine(load_settings(data_dir=tmp_path / "data"))
    try:
        assert engine.store.count() == 1 and next(iter(engine.export())).topic == "综合政务"
        assert len(engine.store.quarantine_list()) == len(EXPECTED_REFUSALS)
    finally:
        engine.close()


def test_a_document_refused_for_its_sidecar_goes_in_on_retry_once_the_sidecar_is_fixed(tmp_path):
    folder = tmp_path / "delivery"
    folder.mkdir()
    broken_sidecars(folder)
    cli_ingest(tmp_path / "data", folder)
    engine = Engine(load_settings(data_dir=tmp_path / "data"))
    try:
        [entry] = [e for e in engine.store.quarantine_list() if "govcn-5344150.pdf.json" in e["reason"]]
        assert engine.retry_quarantined(entry["id"]).status == "quarantined"  # still broken: still refused
        (folder / "govcn-5344150.pdf.json").write_text('{"topic": "交通"}', encoding="utf-8")  # the typo fixed
        [entry] = [e for e in engine.store.quarantine_list() if "govcn-5344150.pdf.json" in e["reason"]]
        result = engine.retry_quarantined(entry["id"])
        assert result.status == "new", result
        record = engine.get(result.id)
        assert record.topic == "交通" and record.title  # the document itself, with the fixed sidecar's field
        assert not [e for e in engine.store.quarantine_list() if "govcn-5344150" in e["reason"]]
    finally:
        engine.close()


def test_a_drop_folder_document_refused_for_its_sidecar_is_retried_with_its_sidecar(tmp_path):
    """The drop folder keeps the bytes of a document refused for its sidecar; `quarantine retry` parsed those
    bytes alone, so an unfixed sidecar's document went in without its fields (文号, 主题分类 … silently lost) and
    the entry was marked resolved. The retry reads the archived document with its sidecar as it is now."""
    engine = drop_folder_ingest(tmp_path / "data", broken_sidecars)
    try:
        def entry() -> dict:
            return next(e for e in engine.store.quarantine_list() if e["input_ref"].endswith("govcn-5344150.pdf"))

        assert entry()["capture_sha256"]
        result = engine.retry_quarantined(entry()["id"])
        assert result.status == "quarantined" and "titel" in (result.error or ""), result  # still broken: still refused
        assert engine.store.count() == 1
        [sidecar] = (archive_dir(engine) / "failed").rglob("govcn-5344150.pdf.json")
        sidecar.write_text('{"topic": "交通"}', encoding="utf-8")  # the operator fixes it where the run archived it
        result = engine.retry_quarantined(entry()["id"])
        assert result.status == "new", result
        record = engine.get(result.id)
        assert record.topic == "交通" and record.title and record.source == "inbox:国务院办公厅"
        assert not [e for e in engine.store.quarantine_list() if "govcn-5344150" in e["input_ref"]]
    finally:
        engine.close()


def test_broken_sidecars_quarantine_their_document_in_the_drop_folder(tmp_path):
    engine = drop_folder_ingest(tmp_path / "data", broken_sidecars)
    try:
        reasons = {Path(q["input_ref"]).name: q["reason"] for q in engine.store.quarantine_list()}
        assert sorted(reasons) == sorted(EXPECTED_REFUSALS)
        for document, (sidecar, why) in EXPECTED_REFUSALS.items():
            assert sidecar in reasons[document] and why in reasons[document], reasons[document]
        assert engine.store.count() == 1 and next(iter(engine.export())).topic == "综合政务"
        failed = {p.name for p in (archive_dir(engine) / "failed").rglob("*") if p.is_file()}
        assert "govcn-5345293.xml" in failed and "govcn-5344146.docx.xml" in failed, "refused sidecars are kept with their document"
    finally:
        engine.close()


def test_a_folder_ingest_skips_xml_sidecars_and_reads_xml_and_json_record_files(tmp_path, settings):
    folder = tmp_path / "delivery"
    folder.mkdir()
    shutil.copy(FILES / "govcn-5345295.docx", folder / "govcn-5345295.docx")
    (folder / "govcn-5345295.xml").write_text("<record><主题分类>城乡建设</主题分类></record>", encoding="utf-8")
    (folder / "records.xml").write_bytes(
        '<?xml version="1.0" encoding="GB2312"?>\n<records>'
        "<record><信息名称>厦门市停车设施配建标准</信息名称><文号>厦府[2020]3号</文号><发布机构>厦门市人民政府</发布机构></record>"
        "<record><title>厦门市信访局通告</title><issuer>厦门市信访局</issuer></record></records>".encode("gb2312")
    )
    (folder / "one.json").write_text(json.dumps({"title": "厦门市财政局关于预算公开的通知", "issuer": "厦门市财政局"}, ensure_ascii=False), encoding="utf-8")
    (folder / "broken.xml").write_text("<records><record><title>未闭合</title></records>", encoding="utf-8")

    results = cli_ingest(tmp_path / "data", folder)
    assert sorted(results) == ["broken.xml", "govcn-5345295.docx", "one.json", "records.xml[1]", "records.xml[2]"]
    assert results["broken.xml"]["status"] == "quarantined" and "not well-formed XML" in results["broken.xml"]["error"]
    assert all(r["status"] == "new" for name, r in results.items() if name != "broken.xml")
    engine = Engine(load_settings(data_dir=tmp_path / "data"))
    try:
        assert engine.store.count() == 4
        assert engine.lookup(doc_number="厦府〔2020〕3号")[0].title == "厦门市停车设施配建标准"
        assert engine.get(results["govcn-5345295.docx"]["id"]).topic == "城乡建设"
    finally:
        engine.close()


def test_the_pairing_rule():
    listing = ["report.pdf", "report.docx", "report.json", "notes.txt", "notes.txt.XML", "lone.json", "batch.jsonl", "batch.json", "a.pdf", "a.pdf.json", "a.xml"]
    assert pair_sidecars(listing) == {
        "a.pdf": ["a.pdf.json", "a.xml"],  # two: refused when read
        "notes.txt": ["notes.txt.XML"],
        "report.docx": ["report.json"],  # STEM.json serves every document of that stem
        "report.pdf": ["report.json"],
    }  # lone.json and batch.json stay record files: .jsonl/.json files have no sidecars


def test_sidecar_reader_refusals_name_the_file():
    with pytest.raises(SidecarError, match=r"x\.json is not valid JSON"):
        read_sidecar_bytes(b"{not json", "x.json")
    with pytest.raises(SidecarError, match=r"x\.json must hold one JSON object"):
        read_sidecar_bytes(b"[1, 2]", "x.json")
    with pytest.raises(SidecarError, match=r"x\.xml must describe one record, not 2"):
        read_sidecar_bytes("<records><record><标题>一</标题></record><record><标题>二</标题></record></records>".encode(), "x.xml")
    with pytest.raises(SidecarError, match="declares an unknown encoding"):
        read_sidecar_bytes(b'<?xml version="1.0" encoding="x-no-such"?><record/>', "x.xml")
    # GB18030 JSON from an agency's export, and padded labels parsers.labels knows
    assert read_sidecar_bytes('{"topic": "交通"}'.encode("gb18030"), "x.json") == {"topic": "交通"}
    assert read_sidecar_bytes("<record><发布单位>厦门市人民政府</发布单位><索取号>XM001</索取号></record>".encode(), "x.xml") == {
        "issuer": "厦门市人民政府", "index_number": "XM001"}


def lone_xml_files(folder: Path) -> None:
    """A real government page saved as .xml (an XHTML document), and a record file hiding a DTD."""
    page = CORPUS / "gov_fullpage_html" / "gne_tests_shanxi_1.html"
    (folder / "page.xml").write_bytes(b'<?xml version="1.0" encoding="utf-8"?>\n' + page.read_bytes().lstrip())
    (folder / "bomb.xml").write_bytes(BILLION_LAUGHS.replace(b"<record>", b"<doc>").replace(b"</record>", b"</doc>"))


def test_a_lone_xml_file_is_a_document_or_refused_the_same_way_on_both_paths(tmp_path):
    folder = tmp_path / "delivery"
    folder.mkdir()
    lone_xml_files(folder)
    results = cli_ingest(tmp_path / "cli", folder)
    engine = drop_folder_ingest(tmp_path / "inbox", lone_xml_files)
    try:
        assert results["page.xml"]["status"] == "new"
        page = Engine(load_settings(data_dir=tmp_path / "cli")).get(results["page.xml"]["id"])
        dropped = [r for r in engine.export()]
        assert len(dropped) == 1 and dropped[0].title == page.title and dropped[0].body == page.body
        assert page.title and "lol" not in page.body
        assert results["bomb.xml"]["status"] == "quarantined" and "unsafe XML" in results["bomb.xml"]["error"]
        [refused] = engine.store.quarantine_list()
        assert "bomb.xml" in refused["input_ref"] and "unsafe XML" in refused["reason"]
    finally:
        engine.close()
