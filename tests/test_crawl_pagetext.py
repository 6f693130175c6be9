"""Cheap page checks the crawler makes before the parsers (disclosure or not); a site's own labels are read by
the HTML parser, by the capture's source (parsers.label_overrides)."""

from __future__ import annotations

from pathlib import Path

from gongkai.crawlers.pagetext import is_disclosure_page, page_lines
from gongkai.crawlers.spider_base import attachment_title
from gongkai.parsers import Capture, parse
from gongkai.parsers.labels import labelled_values
from gongkai.settings import ParserSettings

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
SITES = Path(__file__).resolve().parent / "fixtures" / "sites"


def test_real_govcn_pages_are_disclosure_documents():
    pages = sorted((CORPUS / "govcn_state_council_policies" / "html").glob("*.html"))[:10]
    assert len(pages) == 10
    for page in pages:
        assert is_disclosure_page(page.read_bytes()), page.name


def test_a_gbk_copy_of_a_real_page_is_still_recognised():
    page = sorted((CORPUS / "govcn_state_council_policies" / "html").glob("*.html"))[0]
    text = page.read_text(encoding="utf-8")
    gbk = ('<meta http-equiv="Content-Type" content="text/html; charset=gbk">' + text).encode("gbk", errors="replace")
    assert is_disclosure_page(gbk, "text/html; charset=gbk")


def test_news_and_home_pages_are_not():
    assert not is_disclosure_page((SITES / "xm-fgw" / "pages" / "news" / "index.htm").read_bytes())
    assert not is_disclosure_page((SITES / "xm-fgw" / "pages" / "index.htm").read_bytes())
    assert not is_disclosure_page((SITES / "xm-fgw" / "pages" / "xxgk" / "zfxxgk" / "index.htm").read_bytes())
    assert not is_disclosure_page(b"\x00\xff\xfe garbage \x81")


def test_fixture_detail_pages_of_all_three_layouts_are():
    for path in ("xm-fgw/pages/xxgk/zfxxgk/202405/t20240506_2849101.htm",
                 "xm-zrzy/pages/zwgk/gsgg/202404/t20240412_1032.html",
                 "sm-gov/pages/zfxxgk/2024/content_81234.html"):
        assert is_disclosure_page((SITES / path).read_bytes()), path


def test_labelled_values_read_a_sites_own_labels():
    page = (SITES / "sm-gov" / "pages" / "zfxxgk" / "2024" / "content_81234.html").read_bytes()
    found = labelled_values(page_lines(page), {"公开单位": "issuer", "成文时间": "written_date", "不存在的标签": "topic"})
    assert found == {"issuer": "厦门市思明区人民政府办公室", "written_date": "2024年2月5日"}
    assert labelled_values(page_lines(page), {}) == {}


def test_the_html_parser_applies_the_label_overrides_of_the_captures_source():
    page = (SITES / "sm-gov" / "pages" / "zfxxgk" / "2024" / "content_81234.html").read_bytes()
    rules = ParserSettings(label_overrides={"site:sm-gov": {"公开单位": "issuer", "成文时间": "written_date"}})
    record = parse(Capture(data=page, url="http://127.0.0.1/zfxxgk/2024/content_81234.html", source="site:sm-gov"), rules)
    assert record.issuer == "厦门市思明区人民政府办公室" and str(record.written_date) == "2024-02-05"
    # Another source's page is read without them: the rule belongs to the site.
    other = parse(Capture(data=page, url="http://127.0.0.1/zfxxgk/2024/content_81234.html", source="site:other"), rules)
    assert other.written_date is None and other.issuer == "思明区人民政府办公室"  # from the 文号's owner


def test_attachment_titles_lose_numbering_and_extension():
    assert attachment_title("附件1：厦门市2024年重点项目建设计划表.pdf") == "厦门市2024年重点项目建设计划表"
    assert attachment_title("附件：厦门市居民生活用天然气阶梯价格表.docx") == "厦门市居民生活用天然气阶梯价格表"
    assert attachment_title("2. 申请表.DOC") == "申请表"
    assert attachment_title("") == ""
