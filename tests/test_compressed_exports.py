"""A compressed export (`export.jsonl.gz`, `records.json.gz`, a `.zip` of record files) is its records (doors3, session 12): the drop folder
quarantined it whole as an unsupported format (`不支持的文件格式`), and `gongkai ingest` did the same. It is unpacked as it
is read, checked first by the archive-safety limits (a bomb: refused whole, with the reason, none of its records half
stored; a truncated stream: read up to the cut, the cut quarantined, doors4), the compressed file kept as the raw input (archived; read again by a retry).
Real gzip files, a real drop folder, a real store; the CLI through Typer's runner."""

from __future__ import annotations

import gzip
import json

import pytest

from gongkai.feeds.inbox import archive_dir, inbox_dir, process_inbox
from gongkai.quarantine_reasons import explain
from tests.support import inbox_engine, zip_bytes

AGENCY = "厦门市财政局"
NOW = 4_000_000_000.0


def _records(prefix: str, count: int) -> list[dict[str, str]]:
    return [{"title": f"厦门市财政局关于2026年第{i}批专项资金安排情况的公示", "publish_date": "2026-11-05",
             "index_number": f"{prefix}-{i:05d}", "body": "根据《厦门市市级财政专项资金管理办法》，现予公示。"} for i in range(1, count + 1)]


def _jsonl(records: list[dict[str, str]]) -> bytes:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode("utf-8")


def test_gzip_exports_in_the_drop_folder_go_in_as_their_records(settings):
    with inbox_engine(settings) as engine:
        folder = inbox_dir(engine) / AGENCY
        folder.mkdir()
        (folder / "export.jsonl.gz").write_bytes(gzip.compress(_jsonl(_records("xm2-0100-2026", 4))))
        # a JSON array written in GB18030, compressed
        array = json.dumps(_records("xm2-0100-2025", 2), ensure_ascii=False).encode("gb18030")
        (folder / "records.json.gz").write_bytes(gzip.compress(array))
        # gzip under a plain record file's name (a nightly job that compresses in place)
        (folder / "daily.jsonl").write_bytes(gzip.compress(_jsonl(_records("xm2-0100-2024", 1))))
        report = process_inbox(engine, now=NOW)
        assert report.counts["new"] == 7 and report.counts["quarantined"] == 0, report.as_dict()
        kept = sorted(p.name for p in archive_dir(engine).rglob("*") if p.is_file() and "failed" not in p.parts)
        assert kept == ["daily.jsonl", "export.jsonl.gz", "records.json.gz"], kept


def test_a_bomb_is_refused_whole_a_truncated_export_read_up_to_the_cut_and_a_fixed_copy_is_retried(settings):
    """A bomb is refused unread; an export whose transfer broke off goes in up to the cut and the cut is one entry (doors4:
    it was refused whole, every record of the day lost for its last bytes)."""
    with inbox_engine(settings) as engine:
        folder = inbox_dir(engine) / AGENCY
        folder.mkdir()
        whole = gzip.compress(_jsonl(_records("xm2-0100-2023", 60)))
        (folder / "cut.jsonl.gz").write_bytes(whole[: len(whole) // 2])  # the transfer broke off
        with gzip.open(folder / "bomb.jsonl.gz", "wb", compresslevel=9) as bomb:
            for _ in range(8):
                bomb.write(b"{" + b" " * (1 << 20))  # 8 MiB of almost nothing: far over the ratio limit
        report = process_inbox(engine, now=NOW)
        stored = engine.store.count()
        assert 0 < stored < 60 and report.counts["new"] == stored and report.counts["quarantined"] == 2, report.as_dict()
        said = {entry["input_ref"]: explain(entry["reason"]) for entry in engine.store.quarantine_list("open")}
        assert said[f"inbox:{AGENCY}/bomb.jsonl.gz"].code == "zip_bomb", said
        cut = said[f"inbox:{AGENCY}/cut.jsonl.gz"]
        assert cut.code == "corrupt_file" and f"{stored} records before the cut were read" in cut.text(), cut
        # the agency sends the whole file; the operator puts it over the archived copy and retries: the rest goes in
        failed = next(archive_dir(engine).rglob("cut.jsonl.gz"))
        assert "failed" in failed.parts
        failed.write_bytes(whole)
        entry = next(e for e in engine.store.quarantine_list("open") if e["input_ref"].endswith("cut.jsonl.gz"))
        engine.retry_quarantined(entry["id"])
        assert engine.store.count() == 60 and not any(e["id"] == entry["id"] for e in engine.store.quarantine_list("open"))


@pytest.mark.usefixtures("fresh_cli_state")
def test_gongkai_ingest_reads_a_gzip_export_its_bad_line_quarantined_alone(tmp_path):
    from tests.cli_run import run

    records = [*_records("xm2-0100-2022", 2), {"title": "", "publish_date": "2026-13-01"}]
    path = tmp_path / "导出.jsonl.gz"
    path.write_bytes(gzip.compress(_jsonl(records)))
    result = run(tmp_path / "data", "ingest", str(path), "--json")
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["status"] for line in lines] == ["new", "new", "quarantined"], result.output
    assert lines[2]["input"] == f"{path}:3" and lines[2]["error_code"] == "invalid_record", lines[2]


def test_a_pushed_gzip_record_file_is_its_record_and_a_pushed_bomb_is_refused(settings):
    """The push takes a compressed record file as the drop folder does (it was 422 "unsupported format")."""
    from tests.support import agency_push_client

    with agency_push_client(settings, AGENCY) as (engine, client):
        [record] = _records("xm2-0100-2021", 1)
        pushed = client.post("/api/ingest", files={"file": ("export.jsonl.gz", gzip.compress(_jsonl([record])), "application/gzip")})
        assert pushed.status_code == 201, pushed.text
        assert engine.store.count() == 1
        bomb = gzip.compress(b"{" + b" " * (8 << 20))
        refused = client.post("/api/ingest", files={"file": ("bomb.json.gz", bomb, "application/gzip")})
        assert refused.status_code == 422 and refused.json()["results"][0]["error_code"] == "zip_bomb", refused.text
        assert engine.store.count() == 1


def test_a_zip_of_record_files_is_their_records_and_its_bad_line_is_retried(settings):
    """A month's exports zipped on a clerk's PC (member names in GBK, no UTF-8 flag): every member's records go in, named
    ZIP/MEMBER#N; a bad line is quarantined alone and retried from its kept bytes; the zip is the kept raw input."""
    with inbox_engine(settings) as engine:
        folder = inbox_dir(engine) / AGENCY
        folder.mkdir()
        bad = json.dumps({"title": "", "body": "缺标题"}, ensure_ascii=False) + "\n"
        (folder / "2026年11月.zip").write_bytes(zip_bytes({"一月.jsonl": _jsonl(_records("xm2-0100-2020", 2)) + bad.encode(),
                                                      "二月.json": json.dumps(_records("xm2-0100-2019", 1), ensure_ascii=False).encode("gb18030")},
                                                     gbk_names=True))
        report = process_inbox(engine, now=NOW)
        assert (report.counts["new"], report.counts["quarantined"]) == (3, 1), report.as_dict()
        [entry] = engine.store.quarantine_list("open")
        assert entry["input_ref"] == f"inbox:{AGENCY}/2026年11月.zip/一月.jsonl#3", entry
        assert [p.name for p in archive_dir(engine).rglob("*.zip")] == ["2026年11月.zip"]
        result = engine.retry_quarantined(entry["id"])
        assert result.status == "quarantined" and "title" in (result.error or "")  # read again, still no title: not lost


def test_a_zip_bomb_of_record_files_is_refused_whole_and_a_zip_of_documents_is_its_documents(settings):
    """A zip of documents is its documents (doors4: it was `不支持的文件格式`); a DOCX renamed .zip stays one document (its
    members are an office file's); a zip of a zip is not unpacked twice."""
    from tests.hostile_cases import FILES

    with inbox_engine(settings) as engine:
        folder = inbox_dir(engine) / AGENCY
        folder.mkdir()
        docx = (FILES / "govcn-5338761.docx").read_bytes()
        (folder / "bomb.zip").write_bytes(zip_bytes({"a.jsonl": b"{" + b" " * (8 << 20) + b"}\n"}))
        (folder / "docs.zip").write_bytes(zip_bytes({"report.docx": docx}))
        (folder / "renamed.zip").write_bytes((FILES / "govcn-5342665.docx").read_bytes())
        (folder / "nested.zip").write_bytes(zip_bytes({"inner.zip": zip_bytes({"a.jsonl": _jsonl(_records("xm2-0100-2014", 1))})}))
        report = process_inbox(engine, now=NOW)
        assert report.counts["new"] == 2, report.as_dict()
        said = {entry["input_ref"]: explain(entry["reason"]).code for entry in engine.store.quarantine_list("open")}
        assert said == {f"inbox:{AGENCY}/bomb.zip": "zip_bomb", f"inbox:{AGENCY}/nested.zip": "unsupported_format"}, said


def test_a_zip_cut_short_is_refused_whole_and_its_fixed_copy_retried_names_its_members_records(settings):
    """A zip cut short in transfer is quarantined whole; the whole copy put over the archived one and retried: its records
    go in, a bad line is its own entry named as a delivery names it (`ZIP/MEMBER#N`), which a later retry finds."""
    with inbox_engine(settings) as engine:
        folder = inbox_dir(engine) / AGENCY
        folder.mkdir()
        bad = json.dumps({"title": "", "body": "缺标题"}, ensure_ascii=False) + "\n"
        whole = zip_bytes({"三月.jsonl": _jsonl(_records("xm2-0100-2018", 1)) + bad.encode()})
        (folder / "三月.zip").write_bytes(whole[: len(whole) - 30])  # its central directory cut off
        report = process_inbox(engine, now=NOW)
        assert report.counts["quarantined"] == 1 and report.counts["new"] == 0, report.as_dict()
        [entry] = engine.store.quarantine_list("open")
        next(archive_dir(engine).rglob("三月.zip")).write_bytes(whole)
        result = engine.retry_quarantined(entry["id"])
        assert engine.store.count() == 1, result
        [again] = engine.store.quarantine_list("open")
        assert again["input_ref"] == f"inbox:{AGENCY}/三月.zip/三月.jsonl#2", again


def test_pruning_kept_inputs_keeps_a_zip_a_quarantined_members_record_points_into(settings):
    """`gongkai inbox prune` never deletes a file a quarantine entry points to: an entry of a zip member's record
    (`A/2026.zip/一月.jsonl#2`) points to the zip (it was deleted: no archived file is named `一月.jsonl`)."""
    from gongkai.kept_inputs import prune_kept_inputs

    with inbox_engine(settings) as engine:
        folder = inbox_dir(engine) / AGENCY
        folder.mkdir()
        bad = json.dumps({"title": "", "body": "缺标题"}, ensure_ascii=False) + "\n"
        (folder / "2026.zip").write_bytes(zip_bytes({"一月.jsonl": _jsonl(_records("xm2-0100-2017", 1)) + bad.encode()}))
        (folder / "ok.zip").write_bytes(zip_bytes({"二月.jsonl": _jsonl(_records("xm2-0100-2016", 1))}))
        assert process_inbox(engine, now=NOW).counts["quarantined"] == 1
        report = prune_kept_inputs(engine.settings, engine.store, days=1, now=NOW + 10 * 86400)
        kept = sorted(p.name for p in archive_dir(engine).rglob("*.zip"))
        assert kept == ["2026.zip"], (kept, report.as_dict())


def test_a_zip_members_record_over_the_size_limit_is_retried_from_the_archived_zip(settings, monkeypatch):
    """A record over records.max_record_bytes is kept without its bytes: its file is all that holds it. A zip member's was
    `原始输入已不存在` on retry (no archived file is named as the member); it is read again from the archived zip."""
    monkeypatch.setenv("GONGKAI_RECORDS__MAX_RECORD_BYTES", "2048")
    from gongkai.settings import load_settings

    settings = load_settings(data_dir=settings.data_dir)
    with inbox_engine(settings) as engine:
        folder = inbox_dir(engine) / AGENCY
        folder.mkdir()
        long = _records("xm2-0100-2015", 1)[0] | {"body": "长" * 1500}
        (folder / "2026.zip").write_bytes(zip_bytes({"一月.jsonl": _jsonl([long])}))
        assert process_inbox(engine, now=NOW).counts["quarantined"] == 1
        [entry] = engine.store.quarantine_list("open")
        assert entry["input_ref"] == f"inbox:{AGENCY}/2026.zip/一月.jsonl#1" and not entry.get("payload"), entry
        engine.settings.records.max_record_bytes = 1 << 20  # the operator raises the limit
        assert engine.retry_quarantined(entry["id"]).status == "new"
        assert engine.store.count() == 1


@pytest.mark.parametrize("name", ["导出.jsonl.gz", "导出.json.gz", "导出.xml.gz"])
def test_an_export_cut_short_goes_in_up_to_the_cut_whatever_its_kind(settings, name):
    """JSON Lines, a JSON array and XML records cut short in transfer: the records before the cut go in, the cut is one
    entry naming how many (doors4); the record the cut left unfinished is the cut's loss, no entry of its own. (GzipFile
    raised at the cut: the JSON and XML readers, which read ahead, lost everything.)"""
    import os

    records = [{**r, "body": os.urandom(300).hex()} for r in _records("xm2-0100-2013", 40)]  # as incompressible as a PDF
    if name.endswith(".jsonl.gz"):
        data = _jsonl(records)
    elif name.endswith(".json.gz"):
        data = json.dumps(records, ensure_ascii=False).encode()
    else:
        data = ("<records>" + "".join(f"<record><title>{r['title']}</title><索引号>{r['index_number']}</索引号><body>{r['body']}</body></record>"
                                      for r in records) + "</records>").encode()
    whole = gzip.compress(data)
    with inbox_engine(settings) as engine:
        folder = inbox_dir(engine) / AGENCY
        folder.mkdir()
        (folder / name).write_bytes(whole[: len(whole) // 2])
        report = process_inbox(engine, now=NOW)
        stored = engine.store.count()
        assert 10 < stored < 40 and report.counts["quarantined"] == 1, report.as_dict()
        [entry] = engine.store.quarantine_list("open")
        assert f"{stored} records before the cut were read" in entry["reason"], entry
