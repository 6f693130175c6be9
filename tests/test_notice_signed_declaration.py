"""A one-line 遗失声明 signed on the lines below it is one notice with its signer and date (probe, 2026-12-05).

The signature tail (特此声明。 / 张三 / 2026年12月1日) was split off as a notice of its own: a record of kind
other titled "特此声明。" (or "张三"), found by searches for 声明, while the declaration lost its date and was
dated by the day it came in. The form is the bundled sample's own (罗杰不慎遗失厦门市社会保障卡…特此声明。罗杰 2026年9月15日).
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from gongkai.parsers import Capture, parse_notices

COLUMN = """便民公告
遗失声明
厦门鑫海源贸易有限公司遗失营业执照正副本，统一社会信用代码：91350203MA2Y4K7P30，声明作废。
罗杰不慎遗失厦门市社会保障卡，编号：D200178476，声明作废。
特此声明。
罗杰
2026年9月15日
厦门市思明区阿良小吃店遗失公章一枚，声明作废。
声明人：厦门市思明区阿良小吃店
2026年9月14日
林美华不慎遗失居民身份证，证号：350203198805124021，声明作废。
停电通知
因供电设施检修，国网厦门供电公司计划于2026年9月20日08:00至12:00对思明区湖滨南路停电。
国网厦门供电公司
2026年9月16日
"""


def test_a_signed_declaration_is_one_notice_with_its_signature():
    fetched = datetime(2026, 9, 18, 2, 0, tzinfo=UTC)
    notices = parse_notices(Capture(data=COLUMN.encode("utf-8"), filename="A12.txt", source="inbox:厦门日报", fetched_at=fetched))
    assert [(n.title, n.notice_type) for n in notices] == [
        ("厦门鑫海源贸易有限公司遗失声明", "lost"),
        ("罗杰遗失声明", "lost"),
        ("厦门市思明区阿良小吃店遗失声明", "lost"),
        ("林美华遗失声明", "lost"),
        ("停电通知", "outage"),
    ]
    unsigned, roger, shop, lin, outage = notices
    assert roger.body.endswith("特此声明。\n罗杰\n2026年9月15日")
    assert (roger.written_date, roger.publish_date) == (date(2026, 9, 15), date(2026, 9, 15))
    assert shop.written_date == date(2026, 9, 14) and shop.body.endswith("声明人：厦门市思明区阿良小吃店\n2026年9月14日")
    # one-liners without a signature are unchanged: dated by the day the column came in
    assert unsigned.written_date is None and unsigned.publish_date == lin.publish_date == date(2026, 9, 18)
    assert outage.issuer == "国网厦门供电公司" and outage.written_date == date(2026, 9, 16)
