"""A gzip of a document (`报告.pdf.gz`: a mail gateway's or a nightly job's compression) is that document, through every
door (doors4, session 13): the drop folder, `gongkai ingest` and the push quarantined it as `不支持的文件格式`. The parsers
unpack it (gongkai.parsers.unpacked), checked first by the archive-safety limits; the compressed bytes stay the raw capture.
A cut-off one is `corrupt_file` (half a PDF is no document); a bomb `zip_bomb`. `report.json` serves `report.pdf.gz` as it
serves `report.pdf`. Real corpus files, a real store, the push over a socket, the CLI through Typer's runner."""

from __future__ import annotations

import gzip
import json

import pytest

from gongkai.feeds.inbox import inbox_dir, process_inbox
from gongkai.quarantine_reasons import explain
from tests.hostile_cases import FILES, HTML
from tests.support import agency_push_client, inbox_engine, zip_bytes

AGENCY = "厦门市思明区人民政府"
PDF = FILES / "govcn-5339579.pdf"
DOCX = FILES / "govcn-5342665.docx"


def test_gzip_documents_in_the_drop_folder_are_parsed_with_their_sidecar(settings):
    with inbox_engine(settings) as engine:
        folder = inbox_dir(engine) / AGENCY
        folder.mkdir()
        (folder / "报告.pdf.gz").write_bytes(gzip.compress(PDF.read_bytes()))
        (folder / "报告.json").write_bytes(json.dumps({"index_number": "XM-SM-2026-0001"}).encode())
        (folder / "方案.docx.gz").write_bytes(gzip.compress(DOCX.read_bytes()))
        (folder / "断.pdf.gz").write_bytes(gzip.compress(PDF.read_bytes())[:4000])  # the transfer broke off
        report = process_inbox(engine, now=4_000_000_000.0)
        assert (report.counts["new"], report.counts["quarantined"]) == (2, 1), report.as_dict()
        [cut] = engine.store.quarantine_list("open")
        assert cut["input_ref"].endswith("断.pdf.gz") and explain(cut["reason"]).code == "corrupt_file", cut
        records = {record.index_number: record for record in engine.store.iter_records()}
        assert "XM-SM-2026-0001" in records, list(records)  # the sidecar's field: report.json serves 报告.pdf.gz
        assert all(len(record.body) > 200 for record in records.values())
        # the kept capture is the gzip: a reparse unpacks it again and reads the same
        before = {record.id: record.title for record in records.values()}
        engine.reparse()
        assert {record.id: record.title for record in engine.store.iter_records()} == before


def test_a_pushed_gzip_page_is_its_document_and_a_bomb_is_refused(settings):
    with agency_push_client(settings, AGENCY) as (engine, client):
        page = gzip.compress(next(HTML.glob("*.html")).read_bytes())
        pushed = client.post("/api/ingest", files={"file": ("通知.html.gz", page, "application/gzip")})
        assert pushed.status_code == 201, pushed.text
        [record] = engine.store.iter_records()
        assert record.body and "\x1f\x8b" not in record.body
        bomb = gzip.compress(b" " * (8 << 20))  # 8 MiB of spaces: far over parsers.max_compression_ratio
        refused = client.post("/api/ingest", files={"file": ("大.pdf.gz", bomb, "application/gzip")})
        assert refused.status_code == 422 and refused.json()["results"][0]["error_code"] == "zip_bomb", refused.text


@pytest.mark.usefixtures("fresh_cli_state")
def test_gongkai_ingest_reads_a_gzip_document(tmp_path):
    from tests.cli_run import run

    path = tmp_path / "方案.docx.gz"
    path.write_bytes(gzip.compress(DOCX.read_bytes()))
    result = run(tmp_path / "data", "ingest", str(path), "--json")
    [line] = [json.loads(line) for line in result.stdout.splitlines()]
    assert line["status"] == "new", result.output


def _zip_of_documents() -> bytes:
    """What a clerk zips to send at once: two documents in a folder, one with its sidecar, a record file beside them, a
    PDF cut short, and a member whose name climbs out of the zip."""
    record = {"title": "思明区关于2026年第1批老旧小区改造项目的公示", "index_number": "XM-SM-2026-0002", "publish_date": "2026-11-02"}
    return zip_bytes({
        "十一月/报告.pdf": PDF.read_bytes(),
        "十一月/报告.pdf.json": json.dumps({"index_number": "XM-SM-2026-0001"}).encode(),
        "十一月/方案.docx": DOCX.read_bytes(),
        "目录.jsonl": (json.dumps(record, ensure_ascii=False) + "\n").encode(),
        "../../坏.pdf": PDF.read_bytes()[:3000],
    })


def test_a_zip_of_documents_in_the_drop_folder_is_its_documents_a_bad_one_quarantined_alone(settings):
    with inbox_engine(settings) as engine:
        folder = inbox_dir(engine) / AGENCY
        folder.mkdir()
        (folder / "十一月.zip").write_bytes(_zip_of_documents())
        report = process_inbox(engine, now=4_000_000_000.0)
        assert (report.counts["new"], report.counts["quarantined"]) == (3, 1), report.as_dict()
        numbers = sorted(record.index_number or "" for record in engine.store.iter_records())
        assert numbers[-2:] == ["XM-SM-2026-0001", "XM-SM-2026-0002"], numbers  # the member sidecar's field applied
        [entry] = engine.store.quarantine_list("open")
        assert entry["input_ref"] == f"inbox:{AGENCY}/十一月.zip/坏.pdf", entry  # never a name out of the zip
        assert explain(entry["reason"]).code == "corrupt_file", entry
        result = engine.retry_quarantined(entry["id"])  # read again from its kept bytes: still cut, still there
        assert result.status == "quarantined" and engine.store.count() == 3


@pytest.mark.usefixtures("fresh_cli_state")
def test_gongkai_ingest_reads_a_zip_of_documents(tmp_path):
    from tests.cli_run import run

    path = tmp_path / "十一月.zip"
    path.write_bytes(_zip_of_documents())
    result = run(tmp_path / "data", "ingest", str(path), "--json")
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert sorted(line["status"] for line in lines) == ["new", "new", "new", "quarantined"], result.output
    assert [line["input"] for line in lines if line["status"] == "quarantined"] == [f"{path}/坏.pdf"], lines


def test_a_pushed_zip_of_one_file_is_that_file_and_of_several_is_refused_with_what_to_do(settings):
    """A clerk zips the PDF (or the export) before sending it: the push takes the one file inside (doors4: it was 422
    `不支持的文件格式`); a zip of several is 422 `several_files`, naming the drop folder, which takes the zip whole."""
    with agency_push_client(settings, AGENCY) as (engine, client):
        pushed = client.post("/api/ingest", files={"file": ("报告.zip", zip_bytes({"十一月/报告.pdf": PDF.read_bytes()}), "application/zip")},
                             data={"metadata": json.dumps({"索引号": "XM-SM-2026-0003"}, ensure_ascii=False)})
        assert pushed.status_code == 201, pushed.text
        record = {"title": "思明区关于2026年第4批老旧小区改造项目的公示", "index_number": "XM-SM-2026-0004"}
        one = client.post("/api/ingest", files={"file": ("导出.zip", zip_bytes({"导出.json": json.dumps(record, ensure_ascii=False).encode()}), "application/zip")})
        assert one.status_code == 201, one.text
        assert sorted(r.index_number or "" for r in engine.store.iter_records()) == ["XM-SM-2026-0003", "XM-SM-2026-0004"]
        several = client.post("/api/ingest", files={"file": ("两份.zip", zip_bytes({"a.pdf": PDF.read_bytes(), "b.docx": DOCX.read_bytes()}), "application/zip")})
        assert several.status_code == 422, several.text
        answer = several.json()["results"][0]
        assert answer["error_code"] == "several_files" and answer["error"].startswith("压缩包内有 2 个文件"), answer
        assert engine.store.count() == 2


def _flagged(archive: bytes, flag: int = 0, method: int | None = None) -> bytes:
    """The zip with a general-purpose flag set (1: encrypted, as a password zip is) or another compression method (9:
    Deflate64, what Windows Explorer writes for large files) in every local header and central directory entry."""
    data = bytearray(archive)
    for signature, flags_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = 0
        while (at := data.find(signature, at)) != -1:
            data[at + flags_at] |= flag
            if method is not None:
                data[at + flags_at + 2: at + flags_at + 4] = method.to_bytes(2, "little")
            at += 4
    return bytes(data)


def test_a_password_zip_or_one_zipfile_cannot_inflate_is_quarantined_and_the_run_goes_on(settings):
    """A zip locked by a password raised RuntimeError out of the drop folder's run: no file of the run was ingested, the
    next run met it again (doors4). It is refused whole (encrypted_file), a Deflate64 member alone; the push answers 422."""
    with inbox_engine(settings) as engine:
        folder = inbox_dir(engine) / AGENCY
        folder.mkdir()
        record = {"title": "思明区关于2026年第5批老旧小区改造项目的公示", "index_number": "XM-SM-2026-0005"}
        (folder / "加密.zip").write_bytes(_flagged(zip_bytes({"目录.jsonl": (json.dumps(record, ensure_ascii=False) + "\n").encode()}), flag=1))
        (folder / "加密文件.zip").write_bytes(_flagged(zip_bytes({"报告.pdf": PDF.read_bytes()}), flag=1))
        (folder / "大文件.zip").write_bytes(_flagged(zip_bytes({"报告.pdf": PDF.read_bytes()}), method=9))
        (folder / "好.pdf").write_bytes(PDF.read_bytes())
        report = process_inbox(engine, now=4_000_000_000.0)
        assert (report.counts["new"], report.counts["quarantined"]) == (1, 3), report.as_dict()
        said = {entry["input_ref"].partition("/")[2]: explain(entry["reason"]).code for entry in engine.store.quarantine_list("open")}
        assert said == {"加密.zip": "encrypted_file", "加密文件.zip": "encrypted_file", "大文件.zip/报告.pdf": "corrupt_file"}, said
    with agency_push_client(settings, AGENCY) as (engine, client):
        locked = client.post("/api/ingest", files={"file": ("加密.zip", _flagged(zip_bytes({"报告.pdf": PDF.read_bytes()}), flag=1), "application/zip")})
        assert locked.status_code == 422 and locked.json()["results"][0]["error_code"] == "encrypted_file", locked.text


def test_a_zipped_document_whose_sidecar_member_is_refused_is_retried_from_the_archived_zip(settings):
    """No bytes are kept for a member refused before it is parsed (its sidecar member sets a store field): its retry read
    `原始输入已不存在` (doors4). It is read again from the run's archived zip, with its sidecar as it lies there now."""
    from gongkai.feeds.inbox import archive_dir

    with inbox_engine(settings) as engine:
        folder = inbox_dir(engine) / AGENCY
        folder.mkdir()
        (folder / "方案.zip").write_bytes(zip_bytes({"方案.docx": DOCX.read_bytes(), "方案.docx.json": b'{"version": 2}'}))
        process_inbox(engine, now=4_000_000_000.0)
        [entry] = engine.store.quarantine_list("open")
        assert entry["input_ref"] == f"inbox:{AGENCY}/方案.zip/方案.docx" and explain(entry["reason"]).code == "store_fields", entry
        again = engine.retry_quarantined(entry["id"])
        assert again.status == "quarantined" and explain(again.error or "").code == "store_fields", again  # not input_gone
        [archived] = archive_dir(engine).rglob("方案.zip")
        archived.write_bytes(zip_bytes({"方案.docx": DOCX.read_bytes(), "方案.docx.json": b'{"index_number": "XM-SM-2026-0006"}'}))
        assert engine.retry_quarantined(entry["id"]).status == "new"
        assert [record.index_number for record in engine.store.iter_records()] == ["XM-SM-2026-0006"]
        assert not engine.store.quarantine_list("open")


def test_the_files_windows_and_word_leave_in_a_zipped_folder_are_no_members(settings):
    """A clerk on Windows zips the folder she worked in: Explorer's Thumbs.db and desktop.ini, and Word's owner file of a
    document still open (~$方案.docx, 162 bytes) lie beside the documents. The whole zip was 不支持的文件格式 (review s13:
    a member no format reads refuses the zip), and the push called it two files; they are noise, as __MACOSX/ is."""
    owner = bytes([5]) + b"zhang" + b" " * 48 + "张三".encode("utf-16-le") + b"\0" * 104
    members = {"十一月/报告.pdf": PDF.read_bytes(), "十一月/Thumbs.db": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1016,
               "十一月/desktop.ini": b"[.ShellClassInfo]\r\nIconResource=C:\\Windows\\system32\\imageres.dll,-3\r\n",
               "十一月/~$方案.docx": owner[:162], "十一月/方案.docx": DOCX.read_bytes()}
    with inbox_engine(settings) as engine:
        folder = inbox_dir(engine) / AGENCY
        folder.mkdir()
        (folder / "十一月.zip").write_bytes(zip_bytes(members))
        report = process_inbox(engine, now=4_000_000_000.0)
        assert (report.counts["new"], report.counts.get("quarantined", 0)) == (2, 0), report.as_dict()
    with agency_push_client(settings, AGENCY) as (engine, client):
        one = {"报告.pdf": PDF.read_bytes(), "Thumbs.db": members["十一月/Thumbs.db"]}
        pushed = client.post("/api/ingest", files={"file": ("报告.zip", zip_bytes(one), "application/zip")})
        assert pushed.json()["results"][0]["status"] == "unchanged", pushed.text  # the drop folder's PDF (the same store)


def test_a_sidecar_beside_a_zip_or_a_gzip_export_is_read_not_left_for_ever(settings):
    """`十一月.zip.json` and `导出.jsonl.gz.json` were taken for the sidecars of files that read none, and left in the drop
    folder for ever, named nowhere (doors4). They are record files of their own: read, and quarantined when no record."""
    record = {"title": "思明区关于2026年第7批老旧小区改造项目的公示", "index_number": "XM-SM-2026-0007"}
    with inbox_engine(settings) as engine:
        folder = inbox_dir(engine) / AGENCY
        folder.mkdir()
        (folder / "十一月.zip").write_bytes(zip_bytes({"报告.pdf": PDF.read_bytes()}))
        (folder / "十一月.zip.json").write_bytes(b'{"publish_date": "2026-11-01"}')
        (folder / "导出.jsonl.gz").write_bytes(gzip.compress((json.dumps(record, ensure_ascii=False) + "\n").encode()))
        (folder / "导出.jsonl.gz.json").write_bytes(b'{"publish_date": "2026-11-01"}')
        report = process_inbox(engine, now=4_000_000_000.0)
        said = {entry["input_ref"].partition("/")[2]: entry["reason"] for entry in engine.store.quarantine_list("open")}
        assert (report.counts["new"], report.counts["quarantined"]) == (2, 2), said
        assert not list(folder.iterdir())


def _tar(members: dict[str, bytes]) -> bytes:
    import io
    import tarfile

    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.GNU_FORMAT) as archive:  # as GNU tar writes them
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def test_a_tar_of_documents_is_refused_whole_never_read_as_its_first_one(settings):
    """材料.tar.gz (a Linux server's or a Mac's archive of a folder): the PDF parser read the first member's bytes inside the
    tar and made it the record; the Word file after it was lost without a word (review s13). A tar is refused whole,
    gzipped or not, with what to send instead; the drop folder keeps it in quarantine."""
    with inbox_engine(settings) as engine:
        folder = inbox_dir(engine) / AGENCY
        folder.mkdir()
        tar = _tar({"材料/报告.pdf": PDF.read_bytes(), "材料/方案.docx": DOCX.read_bytes()})
        (folder / "材料.tar.gz").write_bytes(gzip.compress(tar))
        (folder / "材料二.tar").write_bytes(tar)
        report = process_inbox(engine, now=4_000_000_000.0)
        assert (report.counts.get("new", 0), report.counts["quarantined"]) == (0, 2), report.as_dict()
        for entry in engine.store.quarantine_list("open"):
            assert explain(entry["reason"]).code == "unsupported_format" and "tar" in entry["reason"], entry


def test_a_member_no_format_reads_is_quarantined_alone_not_the_zip(settings):
    """A zip of a month's documents holding an OFD file beside them was refused whole as 不支持的文件格式 (review s13): the
    documents beside waited on an operator. Such a member is its own entry now, the rest go in; a zip of documents inside
    (上月.zip) is read one level down (lead, session 21: it was its own entry too, its documents unread)."""
    record = {"title": "思明区关于2026年第7批老旧小区改造项目的公示", "index_number": "XM-SM-2026-0007"}
    members = {"十一月/报告.pdf": PDF.read_bytes(), "十一月/上月.zip": zip_bytes({"方案.docx": DOCX.read_bytes()}),
               "十一月/批复.ofd": b"PK\x03\x04" + b"\0" * 200, "目录.jsonl": (json.dumps(record, ensure_ascii=False) + "\n").encode()}
    with inbox_engine(settings) as engine:
        folder = inbox_dir(engine) / AGENCY
        folder.mkdir()
        (folder / "十一月.zip").write_bytes(zip_bytes(members))
        report = process_inbox(engine, now=4_000_000_000.0)
        said = {entry["input_ref"].partition("/")[2]: entry["reason"] for entry in engine.store.quarantine_list("open")}
        assert (report.counts["new"], report.counts["quarantined"]) == (3, 1), said
        said = {entry["input_ref"].partition("/")[2]: explain(entry["reason"]).code for entry in engine.store.quarantine_list("open")}
        assert said == {"十一月.zip/十一月/批复.ofd": "unsupported_format"}, said


def test_a_saved_pages_files_folder_is_no_unread_member(settings):
    """A page saved by a browser (通知.html and its 通知_files/ of styles, scripts and pictures) and zipped: the page is the
    document, its folder's files are the page's, not members of their own (review s13: each would be an entry)."""
    page = (b"<html><head><meta charset='utf-8'><title>\xe5\x85\xb3\xe4\xba\x8e\xe5\x81\x9a\xe5\xa5\xbd2024\xe5\xb9\xb4\xe9\x98\xb2\xe6\xb1\x9b"
            b"\xe5\xb7\xa5\xe4\xbd\x9c\xe7\x9a\x84\xe9\x80\x9a\xe7\x9f\xa5</title><link rel='stylesheet' href='t_files/a.css'></head>"
            b"<body><div class='content'><p>" + "各街道：现将防汛工作有关事项通知如下，请认真贯彻落实。".encode() * 3 + b"</p></div></body></html>")
    members = {"通知.html": page, "通知_files/a.css": b"body{}", "通知_files/jquery.min.js": b"/*!*/", "通知_files/logo.gif": b"GIF89a" + b"\0" * 40}
    with inbox_engine(settings) as engine:
        folder = inbox_dir(engine) / AGENCY
        folder.mkdir()
        (folder / "通知.zip").write_bytes(zip_bytes(members))
        report = process_inbox(engine, now=4_000_000_000.0)
        assert (report.counts["new"], report.counts.get("quarantined", 0)) == (1, 0), report.as_dict()


def test_what_a_zip_inside_the_zip_holds_beside_its_documents_is_never_lost(settings):
    """Read one level down (lead, session 21), the inner zip's other members are entries each: a record file, an OFD, a zip
    again (nothing reads them there); they were dropped silently when its documents went in."""
    inner = zip_bytes({"方案.docx": DOCX.read_bytes(), "批复.ofd": b"PK\x03\x04" + b"\0" * 200,
                       "目录.jsonl": (json.dumps({"title": "一条记录"}, ensure_ascii=False) + "\n").encode(),
                       "更早.zip": zip_bytes({"a.docx": DOCX.read_bytes()})})
    with inbox_engine(settings) as engine:
        folder = inbox_dir(engine) / AGENCY
        folder.mkdir()
        (folder / "十二月.zip").write_bytes(zip_bytes({"报告.pdf": PDF.read_bytes(), "附件.zip": inner}))
        report = process_inbox(engine, now=4_000_000_000.0)
        said = {entry["input_ref"].partition("/")[2]: explain(entry["reason"]).code for entry in engine.store.quarantine_list("open")}
        assert report.counts["new"] == 2, report.as_dict()
        assert said == {"十二月.zip/附件.zip/批复.ofd": "unsupported_format", "十二月.zip/附件.zip/目录.jsonl": "unsupported_format",
                        "十二月.zip/附件.zip/更早.zip": "unsupported_format"}, said
