"""HTML disclosure pages: metadata block, main text, attachments, encodings — on real pages."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from gongkai.parsers import Capture, EmptyDocument, EncodingError, detect_type, parse
from gongkai.settings import ParserSettings

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "parsers"
GOVCN = CORPUS / "govcn_state_council_policies"


def govcn_truth() -> list[dict]:
    with (GOVCN / "records.jsonl").open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def cn_date(text: str) -> date:
    year, rest = text.split("年")
    month, rest = rest.split("月")
    return date(int(year), int(month), int(rest.rstrip("日")))


@pytest.mark.parametrize("truth", govcn_truth(), ids=lambda t: t["id"])
def test_govcn_metadata_table_matches_the_catalogue(truth: dict) -> None:
    record = parse(Capture.from_path(GOVCN / "html" / f"{truth['id']}.html"))
    assert record.index_number == truth["index_no"]
    assert record.doc_number == truth["doc_no"]
    assert record.issuer == truth["issuer"]
    assert record.title == truth["title"]
    assert record.topic == truth["topic_category"]
    assert record.written_date == cn_date(truth["written_date"])
    assert record.publish_date == cn_date(truth["publish_date"])
    assert record.keywords == truth["keywords"].split()
    # The body is the document (UCAP-CONTENT), not the metadata table: same characters as the catalogue's text.
    # (One page keeps a table caption the catalogue's own extraction dropped: compare ends and length.)
    ours, theirs = "".join(record.body.split()), "".join(truth["body_text"].split())
    assert ours[:300] == theirs[:300] and ours[-200:] == theirs[-200:]
    assert abs(len(ours) - len(theirs)) <= len(theirs) * 0.02
    assert "索引号" not in ours


def test_gbk_page_with_a_lying_charset_is_decoded() -> None:
    page = (GOVCN / "html" / "govcn-5338761.html").read_text(encoding="utf-8")
    # GBK bytes while the page (and the HTTP header) claim UTF-8.
    data = ('<html><head><meta charset="utf-8"></head><body>' + page + "</body></html>").encode("gbk")
    record = parse(Capture(data=data, content_type="text/html; charset=utf-8", url="http://www.gov.cn/a.htm"))
    assert record.title == "国务院办公厅关于印发《政府网站集约化试点工作方案》的通知"
    assert record.doc_number == "国办函〔2018〕71号"
    assert "政府网站集约化试点工作方案" in record.body


def test_utf8_page_declaring_gb2312_stays_utf8() -> None:
    data = (FIXTURES / "xmgov_detail.html").read_text(encoding="utf-8").replace(
        '<meta charset="utf-8">', '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
    ).encode("utf-8")
    record = parse(Capture(data=data, content_type="text/html; charset=GB2312"))
    assert record.title == "厦门市人民政府办公厅关于进一步加强城市公共停车管理的通知"


@pytest.mark.parametrize("codec", ["gb2312", "gbk", "gb18030"])
def test_chinese_codecs_without_any_declaration(codec: str) -> None:
    html = "<html><body><div id='zoom'><p>关于开展２０２６年度厦门市便民服务满意度调查的通知</p>" \
           "<p>各区人民政府，市直各单位：现将有关事项通知如下。</p></div></body></html>"
    record = parse(Capture(data=html.encode(codec), filename="notice.htm"))
    assert "满意度调查" in record.body
    assert "各区人民政府" in record.body


def test_xm_gov_list_style_metadata_aliases_and_attachments() -> None:
    capture = Capture.from_path(FIXTURES / "xmgov_detail.html")
    capture.url = "https://www.xm.gov.cn/zwgk/flfg/sfbwj/201405/t20140509_123456.htm"
    settings = ParserSettings(issuer_aliases={"市政府办": "厦门市人民政府办公厅"})
    record = parse(capture, settings)
    assert record.index_number == "XM00100-0200-2014-00012"
    assert record.issuer == "厦门市人民政府办公厅"  # alias applied; not 厦门市人民政府
    assert record.doc_number == "厦府办〔2014〕12号"  # [ ] brackets normalised
    assert record.written_date == date(2014, 5, 6)  # 生成日期
    assert record.publish_date == date(2014, 5, 9)  # 公开日期
    assert record.topic == "城乡建设、环境保护\\城市规划"
    assert record.keywords == ["停车", "管理", "城市交通"]
    assert record.summary == "加强城市公共停车设施规划建设和运营管理。"
    assert [(a.name, a.url) for a in record.attachments] == [
        ("厦门市公共停车场建设计划表", "https://www.xm.gov.cn/xxgk/P020140509123456.doc"),
        ("停车收费标准", "https://www.xm.gov.cn/zwgk/flfg/sfbwj/201405/P020140509654321.pdf"),
    ]
    # Main text only: no navigation, breadcrumb, share bar, related links or footer.
    assert record.body.startswith("厦府办〔2014〕12号")
    for chrome in ("首页", "办事服务", "当前位置", "分享到", "相关链接", "闽ICP备", "网站标识码"):
        assert chrome not in record.body
    assert record.body.endswith("厦门市人民政府办公厅\n2014年5月6日")


def test_without_alias_the_issuer_is_kept_as_printed() -> None:
    record = parse(Capture.from_path(FIXTURES / "xmgov_detail.html"))
    assert record.issuer == "市政府办"


def test_full_pages_with_head_meta_tags() -> None:
    shanxi = parse(Capture.from_path(CORPUS / "gov_fullpage_html" / "gne_tests_shanxi_1.html"))
    assert shanxi.title == "山西品牌丝路行（南美站）正式启动"
    assert shanxi.publish_date == date(2019, 9, 18)
    assert shanxi.body.startswith("图为山西品牌丝路行（南美站）启动仪式。")
    assert "山西省人民政府门户网站" not in shanxi.body
    gazette = parse(Capture.from_path(CORPUS / "gov_fullpage_html" / "gne_tests_other_1.html"))
    assert gazette.title.startswith("全国人民代表大会常务委员会关于批准财政部发行特别国债购买外汇")
    assert gazette.publish_date == date(2007, 8, 20)  # firstpublishedtime 2007-08-20-23:59:59
    assert "53365.53亿元" in gazette.body


def test_beijing_article_fragments_signature_gives_issuer_and_date() -> None:
    with (CORPUS / "beijing_tcm_bureau_notices" / "records.jsonl").open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle]
    row = next(r for r in rows if r["id"] == "bjtcm-2104117")
    record = parse(Capture(data=row["article_html"].encode("utf-8"), url=row["source_url"], sidecar={"title": row["title"]}))
    assert record.title == row["title"]  # the sidecar wins
    assert record.issuer == "北京市中医管理局"
    assert record.written_date == date(2020, 9, 30)
    assert "".join(record.body.split()) == "".join(row["article_text"].split())


def test_image_only_page_needs_a_title_from_outside() -> None:
    html = b'<div class="view TRS_UEDITOR"><p><img src="./W0202101.png"></p><p><br></p></div>'
    with pytest.raises(EmptyDocument):
        parse(Capture(data=html, url="http://zyj.beijing.gov.cn/a.html"))
    record = parse(Capture(data=html, url="http://zyj.beijing.gov.cn/a.html", sidecar={"title": "12月绩效"}))
    assert record.title == "12月绩效" and record.body == ""


def test_empty_page_and_unknown_encoding_are_clear_errors() -> None:
    with pytest.raises(EmptyDocument):
        parse(Capture(data=b"<html><head><title></title></head><body>  </body></html>", filename="x.html"))
    noise = bytes((i * 37 + 11) % 256 for i in range(3000)).replace(b"<", b"x")
    with pytest.raises(EncodingError) as caught:
        parse(Capture(data=b"<html><body><p>" + noise + b"</p></body></html>", content_type="text/html"))
    assert "encoding" in caught.value.reason


def test_detect_type_prefers_content_over_a_wrong_header() -> None:
    page = (GOVCN / "html" / "govcn-5338761.html").read_bytes()
    assert detect_type(Capture(data=page, content_type="application/pdf", filename="x.pdf")) == "html"
    assert detect_type(Capture(data=page)) == "html"


XM_TABLE_PAGE = """<html><head><meta charset="gbk"><title>关于做好2021年防汛工作的通知</title></head><body>
<div class="main-nav"><a href="/">首页</a><a href="/zwgk">政务公开</a></div>
<table class="xxgk_table">
<tr><th>索 引 号：</th><td>XM00100-0200-2021-00123</td><th>发布机构：</th><td>厦门市人民政府办公厅</td></tr>
<tr><th>生成日期：</th><td>2021-06-15</td><th>发布日期：</th><td>2021-07-05 10:30:00</td></tr>
<tr><th>文　　号：</th><td>厦府办〔2021〕45号</td><th>主题分类：</th><td>综合政务\\应急管理</td></tr>
<tr><th>名　　称：</th><td colspan="3">厦门市人民政府办公厅关于做好2021年防汛工作的通知</td></tr>
</table>
<div class="TRS_Editor"><p>各区人民政府，市直各单位：</p><p>为做好今年防汛工作，现将有关事项通知如下。</p>
<table><tr><td>名称</td><td>地址</td></tr><tr><td>市防汛抗旱指挥部办公室</td><td>思明区湖滨北路</td></tr></table>
<p>厦门市人民政府办公厅</p><p>2021年6月15日</p></div>
<div class="footer">主办：厦门市人民政府办公厅</div></body></html>"""


def test_xm_gov_table_layout_in_gbk() -> None:
    record = parse(Capture(data=XM_TABLE_PAGE.encode("gbk"), url="https://www.xm.gov.cn/zwgk/a.htm"))
    assert record.index_number == "XM00100-0200-2021-00123"
    assert record.issuer == "厦门市人民政府办公厅"
    assert record.written_date == date(2021, 6, 15) and record.publish_date == date(2021, 7, 5)
    assert record.doc_number == "厦府办〔2021〕45号"
    assert record.topic == "综合政务\\应急管理"
    assert record.title == "厦门市人民政府办公厅关于做好2021年防汛工作的通知"
    assert "市防汛抗旱指挥部办公室" in record.body and "首页" not in record.body


def test_span_labels_and_a_body_table_header_is_not_metadata() -> None:
    page = """<html><body><h1>厦门市医疗保障局关于公布定点医药机构名单的公告</h1>
    <div class="info"><span>发布时间</span><span>2022-03-01</span><span>来源</span><span>厦门市医疗保障局</span></div>
    <div class="article-content"><p>现将本市新增定点医药机构名单公告如下：</p>
    <table><tr><td>名称</td><td>地址</td></tr><tr><td>厦门某某大药房</td><td>湖里区县后路</td></tr></table>
    <p>特此公告。</p></div></body></html>"""
    record = parse(Capture(data=page.encode("utf-8")))
    assert record.title == "厦门市医疗保障局关于公布定点医药机构名单的公告"  # not "地址"
    assert record.publish_date == date(2022, 3, 1)
    assert record.issuer == "厦门市医疗保障局"


def test_label_words_inside_the_article_do_not_become_metadata() -> None:
    lines = "".join(f"<p>第{i}段正文，内容充实，用于说明情况。</p>" for i in range(15))
    page = f"""<html><body><h1>关于征集意见的公告</h1><div id="zoom">{lines}<p>标题：另一份材料</p><p>文号：仅供参考</p></div></body></html>"""
    record = parse(Capture(data=page.encode("utf-8")))
    assert record.title == "关于征集意见的公告"
    assert record.doc_number == ""


def test_site_logo_h1_is_not_the_title() -> None:
    page = """<html><head><title>厦门市人民政府</title></head><body>
    <div class="header"><h1 class="logo">厦门市人民政府</h1></div>
    <div class="article"><h1>关于做好2026年春节期间安全生产工作的通知</h1>
    <div id="zoom"><p>各区人民政府，市直各单位：现就春节期间安全生产工作通知如下。</p></div></div></body></html>"""
    record = parse(Capture(data=page.encode("utf-8")))
    assert record.title == "关于做好2026年春节期间安全生产工作的通知"
