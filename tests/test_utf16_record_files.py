"""A JSON export written in UTF-16 (Windows Notepad's "Unicode", PowerShell's Out-File: a BOM, then two bytes a
character) is its records (doors3, session 12): read as bytes its `[` is `[\x00` after FF FE, so `gongkai ingest`, the
drop folder and the push took it for a document, stored as ONE record titled by the file's name whose body was the JSON
text, its records lost as records. Real files, a real store, the push over a socket."""

from __future__ import annotations

import json

from gongkai.feeds.inbox import inbox_dir, process_inbox
from tests.support import agency_push_client, inbox_engine

AGENCY = "厦门市教育局"


def _records() -> list[dict[str, str]]:
    return [{"title": f"厦门市教育局关于第{n}批民办学校年检结果的公告", "index_number": f"xm3-0500-2026-{n:05d}", "publish_date": "2026-11-20",
             "body": f"现将第{n}批年检结果公告如下。"} for n in (1, 2)]


def _titles(engine) -> list[str]:
    return sorted(record.title for record in engine.store.iter_records())


def test_a_utf16_json_export_in_the_drop_folder_is_its_records(settings):
    with inbox_engine(settings) as engine:
        folder = inbox_dir(engine) / AGENCY
        folder.mkdir()
        (folder / "年检.json").write_bytes(json.dumps(_records(), ensure_ascii=False).encode("utf-16"))  # FF FE, little-endian
        (folder / "单条.json").write_bytes(b"\xfe\xff" + json.dumps({**_records()[0], "index_number": "xm3-0500-2026-09999"},
                                                                     ensure_ascii=False).encode("utf-16-be"))
        report = process_inbox(engine, now=4_000_000_000.0)
        assert report.counts["new"] == 3 and report.counts["quarantined"] == 0, report.as_dict()
        assert all(title.startswith("厦门市教育局关于第") for title in _titles(engine)), _titles(engine)


def test_a_pushed_utf16_json_file_is_its_record(settings):
    with agency_push_client(settings, AGENCY) as (engine, client):
        data = json.dumps(_records()[0], ensure_ascii=False).encode("utf-16")
        pushed = client.post("/api/ingest", files={"file": ("年检.json", data, "application/json")})
        assert pushed.status_code == 201, pushed.text
        assert _titles(engine) == ["厦门市教育局关于第1批民办学校年检结果的公告"]


def test_utf16_without_a_bom_is_read_as_utf16_by_the_drop_folder_and_the_push(settings):
    """UTF-16 without a BOM (.NET's Encoding.Unicode.GetBytes, a Java export tool writing "UTF-16LE"/"UTF-16BE": no BOM
    by definition) is known by its opening, two ASCII characters each with a NUL (doors4): JSON Lines was one "neither UTF-8
    nor GB18030 text" entry a line, a JSON array and an XML file "unsupported format"."""
    first, second = _records()
    with inbox_engine(settings) as engine:
        folder = inbox_dir(engine) / AGENCY
        folder.mkdir()
        lines = "".join(json.dumps(r, ensure_ascii=False) + "\r\n" for r in (first, second))
        (folder / "年检.jsonl").write_bytes(lines.encode("utf-16-le"))
        third = {**first, "index_number": "xm3-0500-2026-00003", "title": "厦门市教育局关于第3批民办学校年检结果的公告"}
        (folder / "数组.json").write_bytes(json.dumps([third], ensure_ascii=False).encode("utf-16-be"))
        xml = ('<?xml version="1.0" encoding="UTF-16"?>\n<records><record><title>厦门市教育局关于第4批民办学校年检结果的公告</title>'
               '<索引号>xm3-0500-2026-00004</索引号></record></records>')
        (folder / "目录.xml").write_bytes(xml.encode("utf-16-le"))
        report = process_inbox(engine, now=4_000_000_000.0)
        assert report.counts["new"] == 4 and report.counts["quarantined"] == 0, report.as_dict()
        assert _titles(engine) == [f"厦门市教育局关于第{n}批民办学校年检结果的公告" for n in (1, 2, 3, 4)]
    with agency_push_client(settings, AGENCY) as (engine, client):
        fifth = {**first, "index_number": "xm3-0500-2026-00005", "title": "厦门市教育局关于第5批民办学校年检结果的公告"}
        pushed = client.post("/api/ingest", content=json.dumps(fifth, ensure_ascii=False).encode("utf-16-le"),
                             headers={"Content-Type": "application/json"})
        assert pushed.status_code == 201, pushed.text


def test_a_file_broken_part_way_in_its_encoding_loses_only_its_broken_records_and_the_run_goes_on(settings):
    """A UTF-16 export with a lone surrogate on one line, or cut in its last character, raised UnicodeDecodeError out of
    the drop folder's run: no file of the run went in, and every later run met the file again (doors4). A UTF-8 JSON array
    cut inside a Chinese character was refused whole ("neither UTF-8 nor GB18030 text"). Now each loses its broken record
    alone."""
    from gongkai.quarantine_reasons import explain

    first, second = _records()
    more = [{**first, "index_number": f"xm3-0500-2026-{n:05d}", "title": f"厦门市教育局关于第{n}批民办学校年检结果的公告"} for n in range(3, 9)]
    line = lambda record, encoding: (json.dumps(record, ensure_ascii=False) + "\n").encode(encoding)  # noqa: E731
    with inbox_engine(settings) as engine:
        folder = inbox_dir(engine) / AGENCY
        folder.mkdir()
        lone = '{"title": "坏'.encode("utf-16-le") + b"\x00\xd8" + '"}\n'.encode("utf-16-le")  # a high surrogate alone
        (folder / "带坏字.jsonl").write_bytes(b"\xff\xfe" + line(first, "utf-16-le") + lone + line(second, "utf-16-le"))
        cut = line(more[0], "utf-16-le") + line(more[1], "utf-16-le")
        (folder / "断.jsonl").write_bytes(cut[:-1])  # cut in its last character: that line alone is lost
        array = json.dumps(more[2:5], ensure_ascii=False).encode("utf-8")
        (folder / "数组.json").write_bytes(array[: array.rindex("公告".encode()) + 4])  # cut inside 告's three bytes
        (folder / "好.jsonl").write_bytes(line(more[5], "utf-8"))
        report = process_inbox(engine, now=4_000_000_000.0)
        assert report.counts["new"] == 6, report.as_dict()
        said = sorted((entry["input_ref"].rpartition("/")[2], explain(entry["reason"]).code) for entry in engine.store.quarantine_list("open"))
        assert said == [("带坏字.jsonl#2", "not_text"), ("数组.json#3", "bad_json"), ("断.jsonl#2", "not_text")], said
