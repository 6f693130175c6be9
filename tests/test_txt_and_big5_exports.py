"""Two ways an export went in as nonsense without a word (doors5, session 14).

- A `.txt` export opening with `{` (JSON Lines) or `[{` (a JSON array), GB18030 as a Windows tool writes it, dropped in an
  agency's folder was ONE document titled by its file name, its records the body's text (`gongkai ingest` read the `{`
  one as records; neither read the `[{` one). Now the drop folder, `gongkai ingest` and a retry read both as records; a
  `.txt` with a sidecar, a text opening `[通知]` and a notice column stay documents.
- Big5 records (a Traditional-Chinese export) were read as GB18030, which almost always "succeeds": stored with titles such
  as `稨カ癩現Ы`. Now a GB18030 reading full of kana, Cyrillic and private-use characters whose bytes read cleanly as Big5
  is read as Big5 (gongkai.big5); GBK text, a Japanese title in it too, stays GB18030.
Real files, a real drop folder and store."""

from __future__ import annotations

import io
import json

from gongkai.big5 import big5_instead
from gongkai.feeds.inbox import inbox_dir, process_inbox
from gongkai.recordfiles import RecordLimits, read_items
from tests.support import inbox_engine

AGENCY = "厦门市财政局"
NOW = 4_000_000_000.0


def _record(i: int, title: str = "") -> dict[str, str]:
    return {"title": title or f"厦门市财政局关于2027年第{i}批行政事业性收费项目目录的公告（𠮷）", "publish_date": "2027-03-02",
            "index_number": f"XM00104-0305-2027-{i:05d}", "body": "根据有关规定，现将收费项目目录予以公布。"}


def _titles(engine) -> list[str]:
    return sorted(record.title for record in engine.export())


def test_txt_exports_in_the_drop_folder_are_their_records_and_a_broken_line_is_retried_from_the_archive(settings):
    with inbox_engine(settings) as engine:
        folder = inbox_dir(engine) / AGENCY
        folder.mkdir()
        lines = [json.dumps(_record(i), ensure_ascii=False) for i in (1, 2)] + ['{"title": "半行', json.dumps(_record(3), ensure_ascii=False)]
        (folder / "目录导出.txt").write_bytes(("\r\n".join(lines) + "\r\n").encode("gb18030"))
        (folder / "收费目录").write_bytes(json.dumps([_record(4), _record(5)], ensure_ascii=False, indent=2).encode("gb18030"))  # no suffix
        # documents stay documents: a text opening with a bracket, a .txt with its sidecar, a notice column
        (folder / "说明.txt").write_bytes("[通知]厦门市财政局关于调整办公时间的通知\n自2027年3月1日起，办公时间调整如下。\n".encode("gb18030"))
        (folder / "附件.txt").write_bytes(b'{"not": "records"}\n')
        (folder / "附件.txt.json").write_bytes(json.dumps({"title": "厦门市财政局政府信息公开指南附件"}, ensure_ascii=False).encode())
        report = process_inbox(engine, now=NOW)
        titles = _titles(engine)
        assert [t for t in titles if "收费项目目录" in t] == sorted(_record(i)["title"] for i in (1, 2, 3, 4, 5)), titles
        assert "厦门市财政局政府信息公开指南附件" in titles and any("调整办公时间" in t for t in titles), titles
        assert report.counts["quarantined"] == 1, report.as_dict()
        [entry] = engine.store.quarantine_list("open")
        assert entry["input_ref"] == f"inbox:{AGENCY}/目录导出.txt#3", entry
        # the clerk mends the line in the archived copy; the retry reads it there, as for a .jsonl
        from gongkai.feeds.inbox import archive_dir

        copy = next(p for p in archive_dir(engine).rglob("目录导出.txt") if "failed" in p.parts)
        copy.write_bytes(copy.read_bytes().replace('{"title": "半行'.encode("gb18030"), json.dumps(_record(6), ensure_ascii=False).encode("gb18030")))
        engine.retry_quarantined(entry["id"])
        assert _record(6)["title"] in _titles(engine) and not engine.store.quarantine_list("open")


def test_gongkai_ingest_reads_a_json_array_saved_as_txt(tmp_path):
    from gongkai.inputs import iter_record_file, record_file_kind

    path = tmp_path / "导出.txt"
    path.write_bytes(json.dumps([_record(7), _record(8)], ensure_ascii=False).encode("gb18030"))
    assert record_file_kind(path) == "json"
    assert [item.record.index_number for item in iter_record_file(path)] == ["XM00104-0305-2027-00007", "XM00104-0305-2027-00008"]


_BIG5_TITLE = "廈門市財政局關於公布2027年度行政事業性收費項目目錄的公告"


def test_big5_records_are_read_as_big5_in_json_lines_and_json_alike(settings):
    record = {**_record(9, _BIG5_TITLE), "issuer": "廈門市財政局", "body": "根據有關規定，現將收費項目目錄予以公布。"}
    del record["publish_date"]
    line = json.dumps(record, ensure_ascii=False).encode("big5")
    for kind, data in (("lines", line + b"\n" + line + b"\n"), ("json", json.dumps([record] * 2, ensure_ascii=False, indent=2).encode("big5"))):
        items = [item for _, item in read_items(io.BytesIO(data), "x", kind, RecordLimits(), AGENCY)]
        assert [item.record.title for item in items] == [_BIG5_TITLE] * 2, (kind, [item.error or item.record.title for item in items])
    with inbox_engine(settings) as engine:
        (inbox_dir(engine) / AGENCY).mkdir()
        (inbox_dir(engine) / AGENCY / "繁體目錄.jsonl").write_bytes(line + b"\n")
        process_inbox(engine, now=NOW)
        assert _titles(engine) == [_BIG5_TITLE]


def test_gbk_text_stays_gb18030_a_japanese_title_too():
    for text in ("厦门市财政局关于2027年度部门预算公开的说明：一般公共预算支出情况" * 3,
                 "厦门市与日本佐世保市友好交流：「商品が见つかりませんでした」のお知らせ",
                 "廈門市財政局（繁體字，GBK 亦可編碼）關於預算公開的公告"):
        raw = text.encode("gb18030")
        assert big5_instead(raw, raw.decode("gb18030")) is None, text
