"""Notice type from its title, else its whole text (folded: Traditional characters count too)."""

from __future__ import annotations

import re

from gongkai.parsers.notices.normal import fold_all as fold

# Checked in this order: a 遗失 notice may name 不动产权证书, a tax notice may mention 房产税.
# Title patterns may be broad; body patterns must be specific (a traffic notice mentions 地块, 施工...).
RULES: tuple[tuple[str, re.Pattern[str], re.Pattern[str]], ...] = (
    ("lost", re.compile(r"遗失|丢失|遗落|挂失"), re.compile(r"(?:遗失|丢失|遗落|被盗).*(?:作废|声明|挂失)")),
    ("outage", re.compile(r"停水|停电|停气|停止供|暂停供|检修"),
     re.compile(r"停水|停电|停气|(?:暂停|停止|中断)(?:供水|供电|供气)|降压供水|停电检修")),
    ("business_tax", re.compile(r"注销|减资|增资|合并|分立|清算|债权|吊销|欠税|税务|纳税|非正常户|股权|迁址|歇业"),
     re.compile(r"注销|减资|清算组|债权人|吊销|欠税|非正常户|股权转让")),
    ("land_housing", re.compile(
        r"国有建设用地|土地|征收|征地|拆迁|拍卖|出让|挂牌|房产|房屋|不动产|地块|宗地|商品房|预售|安置|补偿|棚户区|旧村改造|用地"),
     re.compile(r"国有建设用地|土地使用权|房屋征收|征收决定|征地|拆迁|拍卖|挂牌出让|不动产登记|商品房预售|宗地|棚户区")),
)


def classify(title: str, text: str) -> str:
    """'lost' | 'outage' | 'business_tax' | 'land_housing' | 'other'."""
    folded_title, folded_text = fold(title), fold(title + "\n" + text)
    for name, title_pattern, _ in RULES:
        if folded_title.strip() and title_pattern.search(folded_title):
            return name
    for name, _, body_pattern in RULES:
        if body_pattern.search(folded_text):
            return name
    return "other"
