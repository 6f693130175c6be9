"""A report delivered at a meeting (政府工作报告), read as a person reads it (the lead's round of session 19, written with
its expectations before the parsers ran on it): the corpus's 21 provincial work reports of 2026, saved from newspapers'
and governments' pages, print under their title the day and the meeting they were delivered at
(`——2026年2月3日在上海市第十六届人民代表大会第四次会议上`, `——二〇二六年一月二十七日在甘肃省十四届…`, in parentheses, or
beside the speaker) and say whom the speaker represents (`现在，我代表上海市人民政府，向大会报告工作` or 我代表省人民政府,
自治区人民政府, 省政府: the province the meeting names). review18 found them issued by the newspaper that reprinted them
(来源：解放日报) and of no day. A newspaper carries a government's report; it does not issue it."""

from __future__ import annotations

from pathlib import Path

import pytest

from gongkai.parsers import Capture, parse
from gongkai.settings import load_settings

REPORTS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "provincial_gov_work_reports_2026"

DELIVERED = {
    "上海市": "2026-02-03", "云南省": "2026-01-28", "北京市": "2026-01-25", "吉林省": "2026-01-27", "天津市": "2026-01-26",
    "宁夏回族自治区": "2026-02-03", "山东省": "2026-01-27", "山西省": "2026-02-02", "广西壮族自治区": "2026-02-02",
    "新疆维吾尔自治区": "2026-01-27", "江西省": "2026-01-27", "河北省": "2026-01-26", "浙江省": "2026-01-14",
    "海南省": "2026-01-27", "湖南省": "2026-02-03", "甘肃省": "2026-01-27", "西藏自治区": "2026-01-31", "贵州省": "2026-01-27",
    "重庆市": "2026-01-28", "陕西省": "2026-01-27", "黑龙江省": "2026-01-31",
}


@pytest.mark.parametrize(("province", "day"), DELIVERED.items(), ids=list(DELIVERED))
def test_a_work_report_is_its_governments_of_the_day_it_was_delivered(province: str, day: str) -> None:
    record = parse(Capture.from_path(REPORTS / f"2026_{province}_政府工作报告.txt"), load_settings().parsers)
    assert (record.issuer, str(record.written_date)) == (f"{province}人民政府", day)


def test_a_newspapers_own_article_keeps_its_source() -> None:
    # no report delivered, no body represented: the paper that wrote it is all the page names
    text = "厦门今年新增公共停车位一万个\n来源：厦门日报\n时间：2024-05-06\n记者从市交通局获悉，今年全市新增公共停车泊位一万个。\n"
    record = parse(Capture(text.encode("utf-8"), filename="news.txt"), load_settings().parsers)
    assert record.issuer == "厦门日报"


def test_a_speech_naming_no_meeting_day_is_not_dated_by_its_sentences() -> None:
    text = ("在全市安全生产工作会议上的讲话\n各位同志：\n现在，我代表市人民政府，讲三点意见。\n2024年5月6日以来，全市开展了专项整治。\n")
    record = parse(Capture(text.encode("utf-8"), filename="讲话.txt"), load_settings().parsers)
    assert record.written_date is None or str(record.written_date) != "2024-05-06"
