"""A notice is searched by what it is about whatever its title says (search16, session 21): 厦门日报 prints one 遗失声明 under
its holder and items (张斌英遗失厦门市社会保障卡声明) and the next under its kind alone (遗失声明), a company's 注销 under its
name or under 注销公告; the notice parser titles a declaration by its holder (陈志明遗失声明). The title bonus went to the
notices whose title happened to name the item, so `社保卡遗失` listed a 2014 declaration above one of last month
(search15's gap). The index searches a notice's headline (gongkai.notices NoticeFields.headline: what its title leaves out
of its party and items or action) as its title; among notices alike the newer leads (ranking's recency).
Over HTTP, on a real column parsed by the notice parser beside records sent with titles naming their items."""

from __future__ import annotations

import httpx
import pytest

from gongkai.notices import BusinessTaxNotice, LostNotice
from gongkai.parsers import Capture, parse_notices
from tests.support import served_engine

#: A 厦门日报 分类广告 column of November 2026, as printed: titles of the kind alone, the holder and items in the text.
COLUMN = """遗失声明
陈志明不慎遗失厦门市社会保障卡，卡号：D300125487，声明作废。

遗失声明
厦门市湖里区鹭江宏达贸易有限公司不慎遗失营业执照副本（统一社会信用代码：91350206MA2Y3K7L5P）、公章各一枚，声明作废。
特此声明。

注销公告
厦门市湖里区宏达物流有限公司（统一社会信用代码：91350206MA31XK9Q2D）经股东决定，拟向厦门市市场监督管理局申请注销登记，\
现已成立清算组。请债权人自本公告发布之日起45日内向本公司清算组申报债权。
清算组联系人：黄先生，电话：0592-5601234。
厦门市湖里区宏达物流有限公司清算组
2026年11月20日
"""


def _older(record_id: str, day: str, title: str, body: str, notice: dict) -> dict:
    """A notice of years ago as a site's record carries it: its printed title names the item or the company."""
    return {"id": record_id, "kind": "notice", "notice_type": notice["type"], "title": title, "body": body,
            "issuer": notice.get("holder") or notice.get("company"), "publish_date": day, "notice": notice,
            "url": f"https://epaper.xmnn.cn/xmrb/{day.replace('-', '')}/B07/{record_id}.htm", "source": "paper:xmrb"}


OLDER = [
    _older("old-card", "2014-06-29", "林小红遗失厦门市社会保障卡声明", "林小红不慎遗失厦门市社会保障卡，编号：G111222333，声明作废。",
           {"type": "lost", "holder": "林小红", "items": ["厦门市社会保障卡"], "declared_void": True}),
    _older("old-licence", "2019-03-12", "厦门思明永顺商贸有限公司遗失营业执照副本声明", "厦门思明永顺商贸有限公司遗失营业执照副本，声明作废。",
           {"type": "lost", "holder": "厦门思明永顺商贸有限公司", "items": ["营业执照副本"], "declared_void": True}),
    _older("old-closure", "2019-03-12", "厦门宏达物流有限公司注销公告",
           "厦门宏达物流有限公司经股东会决议，拟向公司登记机关申请注销登记，请债权人自本公告见报之日起四十五日内向本公司清算组申报债权。",
           {"type": "business_tax", "company": "厦门宏达物流有限公司", "action": "注销"}),
]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    column = parse_notices(Capture(data=COLUMN.encode("utf-8"), url="https://epaper.xmnn.cn/xmrb/20261120/B06.htm",
                                   source="paper:xmrb"))
    assert [r.notice_type for r in column] == ["lost", "lost", "business_tax"]
    with (served_engine(tmp_path_factory.mktemp("headline") / "data", [*column, *OLDER]) as (_engine, base),
          httpx.Client(base_url=base, timeout=30) as client):
        yield client, {r.notice_type + str(n): r.id for n, r in enumerate(column)}


@pytest.mark.parametrize(("query", "first"), [
    ("社保卡遗失", "lost0"),  # the synonym of the item the column's title does not print
    ("社会保障卡遗失声明", "lost0"),
    ("营业执照副本遗失", "lost1"),
    ("宏达物流注销", "business_tax2"),
])
def test_a_notice_titled_by_its_kind_is_found_by_its_items_as_a_titled_one(site, query, first) -> None:
    client, column = site
    answer = client.get("/api/search", params={"q": query})
    assert answer.status_code == 200
    hits = [hit["id"] for hit in answer.json()["hits"]]
    older = {"lost0": "old-card", "lost1": "old-licence", "business_tax2": "old-closure"}[first]
    # both declare it, both are listed; the notice of last month before the one of years ago
    assert hits[:2] == [column[first], older], (query, answer.json()["hits"][:3])


def test_the_headline_is_what_the_title_leaves_out() -> None:
    card = LostNotice(holder="罗杰", items=["厦门市社会保障卡"])
    assert card.headline("遗失声明") == "罗杰遗失厦门市社会保障卡声明"
    assert card.headline("罗杰遗失声明") == "遗失厦门市社会保障卡声明"
    assert card.headline("罗杰遗失厦门市社会保障卡声明") == ""  # the title says it all: nothing searched twice
    assert LostNotice(holder="张三").headline("张三遗失声明") == ""
    closing = BusinessTaxNotice(company="厦门信达昌房地产经纪有限公司", action="注销")
    assert closing.headline("注销公告") == "厦门信达昌房地产经纪有限公司公告"  # 注销 is in the title already
    assert closing.headline("厦门信达昌房地产经纪有限公司关于注销的债权人公告") == ""
    assert BusinessTaxNotice(company="厦门某某有限公司", action="其他").headline("厦门某某有限公司公告") == ""
