"""An article page's own <meta name="Keywords"> and <meta name="Description"> (the 政府网站发展指引 asks every article
page for them) become the record's keywords and summary; a site's text in the same tags (the same on every page of
the site) does not."""

from pathlib import Path

import pytest

from gongkai.parsers.capture import Capture
from gongkai.parsers.formats.html import extract
from gongkai.settings import load_settings

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "gov_fullpage_html"

ARTICLE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>漳州市人民政府办公室关于印发漳州市城市内涝治理实施方案的通知_政策文件_漳州市人民政府</title>
<meta name="SiteName" content="漳州市人民政府门户网站"><meta name="SiteDomain" content="www.zhangzhou.gov.cn">
<meta name="ColumnName" content="政策文件"><meta name="ArticleTitle" content="漳州市人民政府办公室关于印发漳州市城市内涝治理实施方案的通知">
<meta name="PubDate" content="2023-06-12 09:30"><meta name="ContentSource" content="漳州市人民政府办公室">
<meta name="Keywords" content="城市内涝;排水管网;易涝积水点">
<meta name="Description" content="到2025年，全市城市排水防涝体系进一步完善，易涝积水点基本消除，城市内涝治理取得明显成效。">
</head><body><div class="header"><h1 class="logo">漳州市人民政府</h1></div>
<div class="article"><h1>漳州市人民政府办公室关于印发漳州市城市内涝治理实施方案的通知</h1>
<div class="content"><p>各县（市、区）人民政府，市直有关单位：</p>
<p>《漳州市城市内涝治理实施方案》已经市政府同意，现印发给你们，请认真组织实施。</p>
<p>一、工作目标。到2025年，全市城市排水防涝体系进一步完善，易涝积水点基本消除，城市内涝治理取得明显成效。</p>
<p>二、重点任务。实施排水管网改造，新建和改造排水管网120公里，整治易涝积水点35处。</p>
<p>漳州市人民政府办公室</p><p>2023年6月9日</p></div></div></body></html>"""


def _fields(html: str | bytes) -> dict:
    data = html.encode("utf-8") if isinstance(html, str) else html
    return extract(Capture(data, url="http://www.zhangzhou.gov.cn/cms/html/zzsrmzf/2023-06-12/1.html"),
                   load_settings().parsers).fields


def test_an_article_pages_own_keywords_and_description_are_read() -> None:
    fields = _fields(ARTICLE)
    assert fields["keywords"] == "城市内涝 排水管网 易涝积水点"
    assert fields["summary"] == "到2025年，全市城市排水防涝体系进一步完善，易涝积水点基本消除，城市内涝治理取得明显成效。"


def test_a_sites_description_and_keywords_are_not_the_articles() -> None:
    # a real provincial page: its description and keywords describe the portal (山西省人民政府网是…), on every page
    page = CORPUS / "gne_tests_shanxi_1.html"
    if not page.exists():
        pytest.fail(f"the corpus is missing: {page}")
    fields = _fields(page.read_bytes())
    assert "keywords" not in fields and "summary" not in fields
    assert fields["publish_date"] == "2019-09-18 06:23"  # the article's own meta is still read


def test_a_site_keyword_list_on_an_article_page_is_left_out() -> None:
    page = ARTICLE.replace("城市内涝;排水管网;易涝积水点", "漳州;漳州市人民政府;漳州市政府门户网站")
    page = page.replace("到2025年，全市城市排水防涝体系进一步完善，易涝积水点基本消除，城市内涝治理取得明显成效。\">",
                        "漳州市人民政府门户网站是漳州市人民政府在互联网上发布政府信息和提供在线服务的综合平台。\">")
    fields = _fields(page)
    assert "keywords" not in fields and "summary" not in fields


def test_printed_labels_win_and_a_description_repeating_the_title_is_no_summary() -> None:
    page = ARTICLE.replace('<div class="content">', '<div class="content"><p>关键词：内涝治理</p>')
    page = page.replace("到2025年，全市城市排水防涝体系进一步完善，易涝积水点基本消除，城市内涝治理取得明显成效。\">",
                        "漳州市人民政府办公室关于印发漳州市城市内涝治理实施方案的通知\">")
    fields = _fields(page)
    assert fields["keywords"] == "内涝治理"
    assert "summary" not in fields
