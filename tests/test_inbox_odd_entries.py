"""What the drop folder leaves alone it names in its report (doors, session 10): a named pipe (`mkfifo`, a copy tool's
stream, a socket) in an agency's folder was left without a word, so the operator's count of inputs (stored +
quarantined + left in place) had one the report never mentioned. Real files, a real pipe, a real run."""

from __future__ import annotations

import json
import os

from gongkai.feeds.inbox import inbox_dir, process_inbox
from tests.support import inbox_engine

AGENCY = "厦门市财政局"


def test_a_pipe_and_a_folder_are_left_in_place_and_named(settings):
    with inbox_engine(settings) as engine:
        folder = inbox_dir(engine) / AGENCY
        folder.mkdir()
        os.mkfifo(folder / "budget.pdf")
        (folder / "report.pdf").mkdir()
        (folder / "r.jsonl").write_text(json.dumps({"title": "厦门市财政局关于预算公开的通知", "body": "正文"}, ensure_ascii=False) + "\n",
                                        encoding="utf-8")
        report = process_inbox(engine, now=4_000_000_000.0)
        assert report.counts["new"] == 1 and report.files == 1, report.as_dict()
        refused = "\n".join(report.refused)
        assert f"{AGENCY}/budget.pdf: not a regular file" in refused and f"{AGENCY}/report.pdf/" in refused, refused
        assert (folder / "budget.pdf").exists() and (folder / "report.pdf").is_dir()


def test_every_refused_drop_folder_file_has_a_reason_a_clerk_reads(settings):
    """Each hostile file of a delivery is quarantined with a reason said in Chinese that names what is wrong: an empty
    file, a zip bomb, a notice column with no notice in it and a document that yields nothing read `无法入库` (no
    pattern knew them: doors, session 10)."""
    from gongkai.quarantine_reasons import explain
    from tests.hostile_cases import FILES, encrypted_pdf, zip_bomb_docx

    with inbox_engine(settings) as engine:
        folder = inbox_dir(engine) / AGENCY
        (folder / "notices").mkdir(parents=True)
        files = {
            "empty.pdf": b"",
            "empty.txt": b"",
            "bomb.docx": zip_bomb_docx(),
            "secret.pdf": encrypted_pdf(),
            "cut.pdf": (FILES / "govcn-5339579.pdf").read_bytes()[:4000],
            "cut.docx": (FILES / "govcn-5338761.docx").read_bytes()[:3000],
            "notices/blank.txt": b"\n \n\t\n",
            "notices/empty.txt": b"",
        }
        for name, data in files.items():
            (folder / name).write_bytes(data)
        report = process_inbox(engine, now=4_000_000_000.0)
        assert report.counts["quarantined"] == len(files), report.as_dict()
        for entry in engine.store.quarantine_list("open"):
            said = explain(entry["reason"])
            assert said.code != "other" and said.chinese != "无法入库", (entry["input_ref"], entry["reason"])


def test_a_file_name_holding_a_hash_sign_is_that_file(settings):
    """`#N` ends a record's reference (`export.jsonl#3`); a name may hold "#" too (`通知#1.jsonl`, `报告#2.pdf`: a
    clerk's numbering). The first "#" was taken for the number: a good record file was archived as failed, and the
    retry of a document fixed in the archive read its kept bytes again under a mangled reference."""
    from gongkai.feeds.inbox import archive_dir
    from tests.hostile_cases import FILES

    with inbox_engine(settings) as engine:
        folder = inbox_dir(engine) / AGENCY
        folder.mkdir()
        (folder / "通知#1.jsonl").write_text(json.dumps({"title": "厦门市财政局关于预算公开的通知", "body": "正文"}, ensure_ascii=False) + "\n",
                                             encoding="utf-8")
        (folder / "报告#2.pdf").write_bytes((FILES / "govcn-5339579.pdf").read_bytes()[:3000])
        report = process_inbox(engine, now=4_000_000_000.0)
        assert report.counts["new"] == 1 and report.counts["quarantined"] == 1, report.as_dict()
        archived = {path.name: "failed" in path.parts for path in archive_dir(engine).rglob("*") if path.is_file()}
        assert archived == {"通知#1.jsonl": False, "报告#2.pdf": True}, archived
        [entry] = engine.store.quarantine_list("open")
        assert entry["input_ref"] == f"inbox:{AGENCY}/报告#2.pdf"
        [copy] = (archive_dir(engine) / "failed").rglob("报告#2.pdf")
        copy.write_bytes((FILES / "govcn-5339579.pdf").read_bytes())  # the clerk puts the whole file there
        result = engine.retry_quarantined(entry["id"])
        assert (result.status, result.input) == ("new", f"inbox:{AGENCY}/报告#2.pdf"), result
        assert engine.store.count() == 2


def test_a_record_file_read_again_on_retry_keeps_the_drop_folders_numbers(settings):
    """An empty export (`the file holds no record`) is filled by the clerk where the run archived it and retried: its
    records are numbered as the drop folder numbers them (`export.jsonl#2`), so a line failing again is found by a later
    retry (it was `export.jsonl:2`, `gongkai ingest`'s numbering, which no drop-folder retry reads)."""
    from gongkai.feeds.inbox import archive_dir

    with inbox_engine(settings) as engine:
        folder = inbox_dir(engine) / AGENCY
        folder.mkdir()
        (folder / "export.jsonl").write_bytes(b"")
        process_inbox(engine, now=4_000_000_000.0)
        [entry] = engine.store.quarantine_list("open")
        [copy] = (archive_dir(engine) / "failed").rglob("export.jsonl")
        good = {"title": "厦门市财政局关于预算公开的通知", "body": "正文"}
        copy.write_text(json.dumps(good, ensure_ascii=False) + "\n" + '{"title": "坏", "publish_date": "2026-13-01"}\n', encoding="utf-8")
        engine.retry_quarantined(entry["id"])
        assert engine.store.count() == 1
        [again] = engine.store.quarantine_list("open")
        assert again["input_ref"] == f"inbox:{AGENCY}/export.jsonl#2", again
        assert again["reason"].startswith(f"inbox:{AGENCY}/export.jsonl#2: publish_date"), again["reason"]  # not the archive's path
        copy.write_text(json.dumps(good, ensure_ascii=False) + "\n" + '{"title": "好", "publish_date": "2026-12-01"}\n', encoding="utf-8")
        assert engine.retry_quarantined(again["id"]).status == "new"
        assert engine.store.count() == 2


def test_a_sidecar_saved_as_notepads_unicode_is_read(settings):
    """Windows Notepad's "Unicode" is UTF-16 with a byte-order mark: a clerk's sidecar saved so was refused, "neither
    UTF-8 nor GB18030 text", though a BOM decides the encoding of record files (README, Reading record files)."""
    with inbox_engine(settings) as engine:
        folder = inbox_dir(engine) / AGENCY
        folder.mkdir()
        (folder / "budget.txt").write_text("厦门市财政局关于部门预算公开的通知\n各区财政局：\n现将有关事项通知如下。\n", encoding="utf-8")
        sidecar = json.dumps({"索引号": "XM-CZ-2026-11", "主题分类": "财政"}, ensure_ascii=False)
        (folder / "budget.txt.json").write_bytes(sidecar.encode("utf-16"))  # BOM FF FE, then UTF-16LE
        report = process_inbox(engine, now=4_000_000_000.0)
        assert report.counts["new"] == 1, (report.as_dict(), engine.store.quarantine_list("open"))
        [record] = list(engine.export())
        assert (record.index_number, record.topic) == ("XM-CZ-2026-11", "财政")


def test_an_empty_record_file_is_said_to_be_empty_and_a_blank_one_with_a_bom_too(settings):
    """A record file of no bytes (an upload cut off before its first byte, an empty export) read `文件中没有记录`, as if
    records were looked for; it says `文件是空的`, as an empty document or sidecar does (doors4). Blank lines and a BOM alone
    are empty too; a file of text that holds no record still says so."""
    from gongkai.quarantine_reasons import explain

    with inbox_engine(settings) as engine:
        folder = inbox_dir(engine) / AGENCY
        folder.mkdir()
        (folder / "空.jsonl").write_bytes(b"")
        (folder / "空白.json").write_bytes(b"\xef\xbb\xbf\r\n\r\n")
        (folder / "数组.json").write_bytes(b"[]")
        (folder / "空.zip").write_bytes(b"PK\x05\x06" + b"\x00" * 18)  # a zip of no file: it read 不支持的文件格式
        process_inbox(engine, now=4_000_000_000.0)
        said = {entry["input_ref"].rpartition("/")[2]: explain(entry["reason"]) for entry in engine.store.quarantine_list("open")}
        assert {name: s.code for name, s in said.items()} == {"空.jsonl": "empty_file", "空白.json": "empty_file", "数组.json": "no_record",
                                                              "空.zip": "empty_file"}, said
        assert said["空.jsonl"].chinese.startswith("文件是空的"), said


def test_a_reader_failing_on_one_file_is_that_files_entry_and_the_run_goes_on(settings, monkeypatch):
    """Fault injection: the record reader raises part-way through one file (as a password zip's RuntimeError and a UTF-16
    decoding error did, doors4). The run used to end there, its claimed files put back, and every later run met the same
    file again: nothing of the drop folder went in any more. Now the file's records before the failure go in, the file is
    one entry (archived under failed/), and the other files of the run go in."""
    import gongkai.recordfiles as recordfiles
    from gongkai.feeds.inbox import archive_dir
    from tests.hostile_cases import FILES

    lines = recordfiles._line_values

    def failing(handle, limits, after):
        for number, value in enumerate(lines(handle, limits, after)):
            if number == 1:
                raise RuntimeError("a reader bug met by a hostile file")
            yield value

    monkeypatch.setattr(recordfiles, "_line_values", failing)
    with inbox_engine(settings) as engine:
        folder = inbox_dir(engine) / AGENCY
        folder.mkdir()
        records = [{"title": f"厦门市财政局关于第{n}批预算公开的通知", "body": "正文"} for n in (1, 2)]
        (folder / "r.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
        (folder / "报告.pdf").write_bytes((FILES / "govcn-5339579.pdf").read_bytes())
        report = process_inbox(engine, now=4_000_000_000.0)
        assert (report.counts["new"], report.counts["quarantined"]) == (2, 1), report.as_dict()
        [entry] = engine.store.quarantine_list("open")
        assert entry["input_ref"] == f"inbox:{AGENCY}/r.jsonl" and "RuntimeError" in entry["reason"], entry
        assert [p.name for p in (archive_dir(engine) / "failed").rglob("r.jsonl")] == ["r.jsonl"]
        assert not list(folder.iterdir())
