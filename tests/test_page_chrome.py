"""Page chrome (返回版面, 上一篇/下一篇, 打印本页, 【字体：大 中 小】, 分享到, 责任编辑 …) never reaches a body, a
snippet or a record of its own, from HTML, text or a notice column alike (gongkai.parsers.chrome)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from gongkai.engine import Engine
from gongkai.indexer.models import SearchRequest
from gongkai.parsers import Capture, parse, parse_notices
from gongkai.parsers.chrome import drop_chrome, is_chrome_line

SITES = Path(__file__).resolve().parent / "fixtures" / "sites" / "xmrb" / "pages"
CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
CHROME_WORDS = re.compile(r"返回版面|上一篇|下一篇|打印本页|关闭窗口|字体：|分享到|责任编辑|网友评论|點贊|一審")


@pytest.mark.parametrize("line", [
    "返回版面", "[返回顶部]", "上一篇：遗失声明 下一篇：注销公告", "上一篇：遗失声明", "下一篇：没有了", "上一篇 遗失声明",
    "【上一篇】停电通知", "上一页 下一页",
    "【字体：大 中 小】　打印本页　关闭窗口", "【打印】【关闭】", "【我要纠错】 【打印本页】 【关闭窗口】",
    "分享到：", "分享到： 微信 微博 QQ空间", "责任编辑：陈晓东", "（编辑 李华）", "一審:彭建文", "點贊、在看、轉發",
    "浏览次数：123", "扫一扫在手机打开当前页", "当前位置：首页 > 政务公开", "首页>热报", "中文|EN", "下载 打印 全屏",
])
def test_chrome_lines(line):
    assert is_chrome_line(line)


@pytest.mark.parametrize("line", [
    "遗失声明", "停电通知", "上一年度工作报告", "上一条线路检修完毕后恢复供电。", "编辑部声明", "打印机一台遗失，声明作废。", "关闭阀门后停水",
    "请用户提前做好储水准备。", "国网厦门供电公司 2024年5月6日", "第12版：便民公告", "下载附件：表格.doc",
    "大", "中",  # alone, as a table cell may hold them: only dropped inside a widget (below)
    "微信", "下载", "注册",  # alone: only dropped beside other chrome (below)
])
def test_text_that_is_not_chrome(line):
    assert not is_chrome_line(line)


def test_widgets_spread_over_lines_go_as_a_whole():
    scraped = ["下载", "打印", "全屏", "收藏", "【字号：", "加大", "还原", "减小", "】", "2026年上海市政府工作报告",
               "您的位置:", "首页", ">", "云南要闻", "规模", "大", "中", "小"]
    assert drop_chrome(scraped) == ["2026年上海市政府工作报告", "规模", "大", "中", "小"]


def test_toolbar_words_alone_go_only_beside_other_chrome():
    accounts = ["序号", "平台", "名称", "1", "微信", "厦门发布", "2", "微博", "厦门发布", "事项", "注册", "注销"]
    assert drop_chrome(accounts) == accounts  # a table of an agency's accounts, a register's 注册/注销
    assert drop_chrome(["正文第一段。", "下载", "打印", "正文第二段。"]) == ["正文第一段。", "正文第二段。"]
    assert drop_chrome(["正文。", "打印本页", "关闭", "附表"]) == ["正文。", "附表"]


def test_real_scraped_reports_lose_their_toolbar_but_not_their_text():
    for path in sorted((CORPUS / "provincial_gov_work_reports_2026").glob("*.txt")):
        record = parse(Capture(data=path.read_bytes(), filename=path.name))
        head = record.body.splitlines()[:8]
        assert not [line for line in head if line in ("下载", "打印", "全屏", "收藏", "【字号：", "加大", "您的位置:", ">")], path.name
        assert "各位代表" in record.body and len(record.body) > 0.97 * len(path.read_text(encoding="utf-8")), path.name


def test_real_reposted_notices_lose_comment_bars_and_credits():
    rows = [json.loads(line) for line in (CORPUS / "web_page_excerpts" / "public_notices.jsonl").read_text(encoding="utf-8").splitlines()]
    for row in rows:
        for notice in parse_notices(Capture(data=row["text"].encode("utf-8"), url=row["source_url"])):
            assert not CHROME_WORDS.search(notice.body), (row["id"], notice.title)
            assert not notice.title.startswith(("上一篇", "下一篇")), row["id"]


def founder_pages() -> list[Path]:
    return sorted(SITES.rglob("content_*.htm"))


def test_fixture_newspaper_pages_carry_chrome_that_never_reaches_a_notice():
    records = []
    for page in founder_pages():
        raw = page.read_text(encoding="utf-8")
        if page.name == "content_1.htm":
            continue  # the 要闻 news article: not a notice column
        assert "返回版面" in raw and ("上一篇" in raw or "下一篇" in raw)  # real-shaped: the bars are there
        records += parse_notices(Capture(data=page.read_bytes(), url=f"http://127.0.0.1:8804/{page.relative_to(SITES)}",
                                         content_type="text/html; charset=utf-8"))
    assert len(records) == 13
    for record in records:
        assert not CHROME_WORDS.search(record.body), record.title
        assert not record.title.startswith(("上一篇", "下一篇", "返回"))


def test_a_column_whose_neighbour_bar_is_split_over_lines_gives_no_record_of_it():
    html = """<html><body><div class="bmname">第12版：便民公告</div>
    <div id="ozoom"><p>陈丽华遗失厦门市不动产权证书一本，声明作废。</p><p>林志强遗失身份证，声明作废。</p></div>
    <div class="fl"><p>上一篇：遗失声明</p><p>下一篇：注销公告</p></div><div class="w1">【字体：<a>大</a> <a>中</a> <a>小</a>】</div>
    <p>返回版面</p></body></html>"""
    found = parse_notices(Capture(data=html.encode("utf-8"), url="https://epaper.xmnn.cn/xmrb/html/2024-05/07/content_201.htm"))
    assert [r.title for r in found] == ["陈丽华遗失声明", "林志强遗失声明"]
    text = "遗失声明\n陈丽华遗失厦门市不动产权证书一本，声明作废。\n上一篇：遗失声明\n下一篇：注销公告\n返回版面"
    assert [r.title for r in parse_notices(Capture(data=text.encode("utf-8"), filename="column.txt"))] == ["陈丽华遗失声明"]


def test_a_disclosure_page_with_unnamed_chrome_bars():
    html = """<html><head><title>关于做好防汛工作的通知</title></head><body>
    <div class="t1">当前位置：首页 &gt; 政务公开 &gt; 通知公告</div>
    <h1>关于做好防汛工作的通知</h1><div class="w2">【字体：<a>大</a> <a>中</a> <a>小</a>】 <a>打印本页</a> <a>关闭窗口</a></div>
    <div id="zoom"><p>各区人民政府，市直各单位：</p><p>为切实做好今年防汛工作，现将有关事项通知如下。</p>
    <p>厦门市人民政府办公厅</p><p>2024年5月6日</p></div>
    <div class="w3"><p>上一篇：关于开展安全生产检查的通知</p><p>下一篇：关于印发工作要点的通知</p></div>
    <div class="w4">分享到：<a>微信</a> <a>微博</a></div><div class="w5">责任编辑：王小明</div></body></html>"""
    record = parse(Capture(data=html.encode("utf-8"), url="https://www.xm.gov.cn/zwgk/tzgg/202405/t20240506_1.htm"))
    assert record.title == "关于做好防汛工作的通知"
    assert not CHROME_WORDS.search(record.body) and "当前位置" not in record.body
    assert "现将有关事项通知如下" in record.body and record.body.rstrip().endswith("2024年5月6日")


def test_chrome_is_not_searchable_and_not_in_snippets(settings):
    engine = Engine(settings)
    try:
        captures = [Capture(data=page.read_bytes(), url=f"http://127.0.0.1:8804/{page.relative_to(SITES)}", source="site:xmrb",
                            content_type="text/html; charset=utf-8")
                    for page in founder_pages() if page.name != "content_1.htm"]
        report = engine.ingest_captures(captures, notices=True, parallel=False)
        assert report.as_dict()["new"] == 13
        for chrome in ("返回版面", "打印本页", "上一篇", "责任编辑"):
            # No notice holds the words (a search that finds nothing may relax to some of its characters).
            found = engine.search(SearchRequest(q=chrome))
            assert found.total == 0 or found.relaxed, chrome
        hits = engine.search(SearchRequest(q="停电", limit=20)).hits
        assert hits and not [h for h in hits if CHROME_WORDS.search(h.snippet_html)]
    finally:
        engine.close()
