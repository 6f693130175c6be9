"""Disclosure detail pages in the metadata layouts of other government CMSs (held-out from the corpus's gov.cn table):
modelled on xm.gov.cn, 福建, 上海, 北京, 广州, 浙江 and district sites. Each page's fields as a reader of the page sees
them; two layouts once failed: a colon printed in its own cell (`<td>索 引 号</td><td>:</td><td>XM…</td>` read ":" as
the 索引号 and the issuer) and pairs run together on one line (`来源：厦门市教育局  浏览次数：1523` read the view counter
into the issuer; `<span>发文字号：…</span><span>成文日期：…</span>` lost the date)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from gongkai.parsers import Capture, parse

PAGES = Path(__file__).parent / "fixtures" / "disclosure_layouts"

EXPECTED: dict[str, dict[str, object]] = {
    "xm_th_table.html": dict(
        title="厦门市人民政府办公厅关于印发厦门市加快发展保障性租赁住房实施方案的通知", doc_number="厦府办〔2021〕76号",
        index_number="XM00100-0500-2021-00026", issuer="厦门市人民政府办公厅", topic="城乡建设、环境保护\\住房",
        keywords=["保障性租赁住房"]),
    "fujian_label_span_list.html": dict(
        title="福建省人民政府关于进一步加强耕地保护的通知", doc_number="闽政〔2022〕6号", index_number="FJ00100-0200-2022-00031",
        issuer="福建省人民政府", topic="国土资源、能源", written_date=date(2022, 3, 15)),
    "shanghai_dl.html": dict(
        doc_number="沪府办规〔2021〕4号", index_number="SH0100-2021-00045", issuer="上海市人民政府办公厅",
        written_date=date(2021, 7, 2), publish_date=date(2021, 7, 8), topic="科技、教育"),
    "beijing_bracket_labels.html": dict(
        title="北京市人民政府关于印发《北京市“十四五”时期城乡环境建设管理规划》的通知", doc_number="京政发〔2021〕35号",
        issuer="北京市人民政府", written_date=date(2021, 11, 24), publish_date=date(2021, 12, 6)),
    "guangzhou_gb2312_spans.html": dict(
        title="广州市人民政府办公厅关于印发广州市促进消费若干措施的通知", doc_number="穗府办函〔2022〕35号",
        index_number="007482532/2022-00123", issuer="广州市人民政府办公厅", written_date=date(2022, 5, 20),
        publish_date=date(2022, 5, 25)),
    "cell_holds_label_and_value.html": dict(
        doc_number="厦医保〔2022〕73号", index_number="350200-1901-2022-00088", issuer="厦门市医疗保障局",
        written_date=date(2022, 9, 1)),
    "lenticular_bracket_rows.html": dict(
        doc_number="思政〔2023〕3号", index_number="XM01000-0100-2023-00005", issuer="厦门市思明区人民政府",
        publish_date=date(2023, 2, 14)),
    "colon_in_its_own_cell.html": dict(
        doc_number="厦湖应急〔2024〕9号", index_number="XM02000-0800-2024-00012", issuer="厦门市湖里区应急管理局",
        written_date=date(2024, 3, 5)),
    "news_info_line.html": dict(
        title="厦门市教育局关于2023年义务教育招生工作的通知", issuer="厦门市教育局", publish_date=date(2023, 5, 6)),
    "strong_labels_wuhao.html": dict(
        doc_number="", index_number="XM00200-0300-2020-00044", issuer="厦门市市政园林局", publish_date=date(2020, 8, 20),
        topic="城乡建设、环境保护"),
    "zhejiang_ensp_labels.html": dict(
        doc_number="浙政办发〔2022〕51号", index_number="002482410/2022-00103", issuer="浙江省人民政府办公厅",
        written_date=date(2022, 8, 12), publish_date=date(2022, 8, 19), keywords=["农业", "机械化", "意见"]),
    "gbk_no_charset_rows.html": dict(
        title="集美区关于调整部分公交线路的公告", index_number="XM05000-2200-2023-00007", issuer="厦门市集美区交通运输局",
        publish_date=date(2023, 6, 30)),
    # Traditional labels (索引號, 發布機構, 文號, 主題分類, 關鍵詞) were not read; the 文号 is kept in its canonical,
    # Simplified form (the lookup and the validity links know it so), the other values as printed.
    "traditional_xm_table.html": dict(
        title="廈門市人民政府關於公布廈門市第一批歷史建築保護名錄的通知", doc_number="厦府〔2023〕88号",
        index_number="XM00100-0400-2023-00015", issuer="廈門市人民政府", topic="城鄉建設", keywords=["歷史建築", "保護"],
        written_date=date(2023, 4, 18)),
    "inline_spans_no_space.html": dict(
        doc_number="海政办〔2024〕12号", issuer="海沧区人民政府办公室", written_date=date(2024, 5, 30),
        publish_date=date(2024, 6, 3)),
    # A news-style notice page (no metadata table; the national standard's <meta name="ArticleTitle">, PubDate,
    # ContentSource) whose info line is spans side by side: '来源：思明区医疗保障局时间：2024-09-02 10:35字号：大 中 小'
    # read the issuer '思明区医疗保障局时间:2024-09-02 10:35字号:大、中' (session 11).
    "standard_meta_glued_info_spans.html": dict(
        title="思明区关于开展2024年度城乡居民医疗保险集中参保缴费工作的通知", issuer="思明区医疗保障局",
        publish_date=date(2024, 9, 2), doc_number=""),
}


@pytest.mark.parametrize(("line", "pairs"), [
    ("来源：思明区医疗保障局时间：2024-09-02 10:35字号：大 中 小浏览次数：2031", [("issuer", "思明区医疗保障局")]),
    ("发布机构：厦门市人民政府办公厅发布日期：2024-05-06", [("issuer", "厦门市人民政府办公厅"), ("publish_date", "2024-05-06")]),
    ("发布机构：厦门市财政局主题分类：财政", [("issuer", "厦门市财政局"), ("topic", "财政")]),
    # a label word inside a value, before something that is no page value, stays in it
    ("标题：关于调整开放时间：冬季作息的通知", [("title", "关于调整开放时间：冬季作息的通知")]),
    ("信息来源：厦门市教育局  浏览次数：1523", [("issuer", "厦门市教育局")]),
])
def test_a_value_ends_at_a_label_glued_to_it(line: str, pairs: list[tuple[str, str]]) -> None:
    from gongkai.parsers.labels import pairs_in_line

    assert pairs_in_line(line) == pairs


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_metadata_of_each_layout(name: str) -> None:
    data = (PAGES / name).read_bytes()
    record = parse(Capture(data=data, url=f"http://www.example.gov.cn/zwgk/{name}", content_type="text/html", source="site:test"))
    got = {field: getattr(record, field) for field in EXPECTED[name]}
    assert got == EXPECTED[name]


def test_every_fixture_has_its_expectations() -> None:
    assert sorted(path.name for path in PAGES.glob("*.html")) == sorted(EXPECTED)
