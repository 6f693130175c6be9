"""发布机构 and date come from a notice's signature wherever it sits on the line (textmeta.signature_parts)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from gongkai.parsers import Capture, parse_notices
from gongkai.parsers.textmeta import signature, signature_parts

SITES = Path(__file__).resolve().parent / "fixtures" / "sites" / "xmrb" / "pages"
BODY = "因线路检修，定于2024年5月8日06:30—15:30对思明区莲前西路停电。"


@pytest.mark.parametrize(("lines", "issuer", "signed"), [
    (["国网厦门供电公司", "2024年5月6日"], "国网厦门供电公司", date(2024, 5, 6)),  # date on its own line
    (["国网厦门供电公司 2024年5月6日"], "国网厦门供电公司", date(2024, 5, 6)),  # one line, spaced
    (["国网厦门供电公司　　2024年5月6日"], "国网厦门供电公司", date(2024, 5, 6)),  # ideographic spaces
    (["国网厦门供电公司2024年5月6日"], "国网厦门供电公司", date(2024, 5, 6)),  # run together
    (["2024年5月6日 国网厦门供电公司"], "国网厦门供电公司", date(2024, 5, 6)),  # date first
    (["特此公告。国网厦门供电公司 2024年5月6日"], "国网厦门供电公司", date(2024, 5, 6)),  # after the last sentence
    (["国网厦门供电公司 2024-05-06"], "国网厦门供电公司", date(2024, 5, 6)),
    (["厦门水务集团有限公司 二〇二四年五月八日"], "厦门水务集团有限公司", date(2024, 5, 8)),
    (["厦门市自然资源和规划局 厦门市财政局 2024年5月8日"], "厦门市自然资源和规划局、厦门市财政局", date(2024, 5, 8)),
    (["厦门市自然资源和规划局", "厦门市财政局 2024年5月8日"], "厦门市自然资源和规划局、厦门市财政局", date(2024, 5, 8)),
    (["厦门华润燃气有限公司", "2024年5月"], "厦门华润燃气有限公司", None),  # signed with a month only
])
def test_signature_forms(lines, issuer, signed):
    assert signature(["停电通知", BODY, *lines]) == (issuer, signed)


@pytest.mark.parametrize("line", [
    "2024年5月9日8:00-17:00，湖里区殿前街道高殿社区停电",  # a window, not a signature
    "挂牌截止时间 2024年5月20日",  # a label, not a body
    "联系电话：0592-5123456 2024年5月6日",
    "停电期间如遇天气原因，工作顺延至2024年5月10日",
])
def test_lines_ending_in_a_date_that_are_no_signature(line):
    assert signature_parts(line) is None


@pytest.mark.parametrize("sign", [["国网厦门供电公司 2024年5月6日"], ["国网厦门供电公司", "2024年5月6日"], ["2024年5月6日 国网厦门供电公司"]])
def test_a_signature_on_one_line_ends_the_notice_in_a_column(sign):
    text = "\n".join(["便民公告", "停电通知", BODY, *sign, "注销公告",
                      "厦门蓝海湾文化传媒有限公司经股东会决议，拟申请注销登记，请债权人自本公告刊登之日起四十五日内申报债权。"])
    power, cancel = parse_notices(Capture(data=text.encode("utf-8"), url="https://epaper.xmnn.cn/xmrb/html/2024-05/06/content_102.htm"))
    assert (power.title, power.issuer, power.written_date) == ("停电通知", "国网厦门供电公司", date(2024, 5, 6))
    assert cancel.title == "注销公告" and "注销" not in power.body


def test_every_signed_notice_of_the_fixture_newspaper_has_its_issuer_and_date():
    """The crawled 厦门日报 of the demo: the three signed notices (two signed on one line) are complete."""
    signed = {}
    for page in sorted(SITES.rglob("content_*.htm")):
        if page.name == "content_1.htm":
            continue
        for record in parse_notices(Capture(data=page.read_bytes(), url=f"http://127.0.0.1:8804/{page.relative_to(SITES)}",
                                            content_type="text/html; charset=utf-8")):
            if record.written_date:
                signed[record.title] = (record.issuer, record.written_date)
    assert signed == {
        "停电通知": ("国网厦门供电公司", date(2024, 5, 6)),
        "停电公告": ("国网厦门供电公司", date(2024, 5, 6)),
        "停水通知": ("厦门水务集团有限公司", date(2024, 5, 8)),
        "国有建设用地使用权挂牌出让公告": ("厦门市自然资源和规划局", date(2024, 5, 8)),
    }


def test_a_first_line_is_no_signature():
    assert signature(["厦门市人民政府 2024年5月6日", "关于做好防汛工作的通知", BODY, "厦门市人民政府办公厅", "2024年5月8日"]) == (
        "厦门市人民政府办公厅", date(2024, 5, 8))
