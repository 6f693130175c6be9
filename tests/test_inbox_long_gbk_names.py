"""A name written in GBK that is too long once read as Chinese (doors5, session 14). The drop folder claims each file under
its name as text (tests/test_inbox_gbk_names.py); a GBK name's UTF-8 is half as long again, so a 254-byte GBK name is 378
bytes, more than a folder can hold: claiming it raised `File name too long` in every run, and the files beside it waited
for ever. Now such a file (or agency folder) is left in place and named in the run's report, and the rest goes in."""

from __future__ import annotations

import json
import os

from gongkai.feeds.inbox import inbox_dir, process_inbox
from tests.support import inbox_engine

NOW = 4_000_000_000.0


def _line(i: int) -> bytes:
    return (json.dumps({"title": f"厦门市财政局关于第{i}批专项资金的公示", "index_number": f"XM00104-0310-2027-{i:05d}",
                        "publish_date": "2027-01-05"}, ensure_ascii=False) + "\n").encode()


def test_a_gbk_name_too_long_as_chinese_is_left_in_place_and_the_rest_goes_in(settings):
    with inbox_engine(settings) as engine:
        inbox = os.fsencode(inbox_dir(engine))
        agency = os.path.join(inbox, "厦门市财政局".encode("gbk"))
        os.mkdir(agency)
        long_name = ("关于" * 61 + "目录").encode("gbk") + b".jsonl"  # 254 bytes in GBK, 378 as UTF-8
        with open(os.path.join(agency, long_name), "wb") as handle:
            handle.write(_line(1))
        with open(os.path.join(agency, "短名.jsonl".encode("gbk")), "wb") as handle:
            handle.write(_line(2))
        long_agency = os.path.join(inbox, ("厦门市" + "财政" * 60 + "局").encode("gbk"))  # 250 bytes in GBK
        os.mkdir(long_agency)
        with open(os.path.join(long_agency, b"a.jsonl"), "wb") as handle:
            handle.write(_line(3))
        for _ in range(2):  # every run: never raised again, the long names stay where they are
            report = process_inbox(engine, now=NOW)
            too_long = [line for line in report.refused if "超过 255 字节" in line]
            assert len(too_long) == 2, report.refused
        assert [r.title for r in engine.export()] == ["厦门市财政局关于第2批专项资金的公示"]
        assert sorted(os.listdir(agency)) == [long_name] and os.listdir(long_agency) == [b"a.jsonl"]
