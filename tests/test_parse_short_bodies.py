"""A short body is the body: never replaced by the longest metadata cell (issue #23 item 1).

Bodies of 12, 15 and 18 characters under a metadata table whose 索引号 cell has 23 came out as the
索引号; the body is now chosen by what the page marks as content, and the gov.cn pages of the corpus
(real metadata tables, real UCAP-CONTENT cells) keep their short bodies too.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from gongkai.parsers import Capture, parse

GOVCN = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "govcn_state_council_policies"
INDEX_NO = "XM99ACC-0100-2024-00005"  # 23 characters: longer than every body below
BODIES = {n: ("经研究决定于五月六日全天停水请做好准备" * 2)[:n] for n in (12, 15, 18, 20)}
TABLE = f"""<table class="xxgk"><tr><td>索引号：</td><td>{INDEX_NO}</td><td>发布机构：</td><td>厦门市水务局</td></tr>
<tr><td>发布日期：</td><td>2024-05-06</td><td>文号：</td><td></td></tr></table>"""
# The shapes a body takes on real agency pages: a CMS content cell, <article>, a class that says
# content, plain paragraphs after the table, bare text after it, and a wrapper around table and body.
SHAPES = {
    "ucap": '{t}<h1>关于停水的公示</h1><div id="UCAP-CONTENT"><p>{b}</p></div>',
    "trs": '{t}<div class="TRS_Editor"><p>{b}</p></div>',
    "article": "{t}<h1>关于停水的公示</h1><article><p>{b}</p></article>",
    "class-word": '{t}<div class="con_text"><p>{b}</p></div>',
    "after-table": '<div class="main">{t}<h1>关于停水的公示</h1><p>{b}</p></div>',
    "bare-text": "<div>{t}{b}</div>",
    "wrapper": '<div id="content">{t}<p>{b}</p></div>',
}


def page(shape: str, body: str) -> bytes:
    inner = SHAPES[shape].format(t=TABLE, b=body)
    return (f"<html><head><title>关于停水的公示_厦门市水务局</title></head><body>"
            f'<div class="nav"><a href="/">首页</a> <a href="/xxgk/">信息公开</a></div>{inner}'
            f'<div class="footer">版权所有：厦门市水务局 闽ICP备05000000号</div></body></html>').encode()


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("length", BODIES)
def test_short_body_is_kept_whatever_the_markup(shape: str, length: int) -> None:
    record = parse(Capture(data=page(shape, BODIES[length]), url="https://swj.xm.gov.cn/xxgk/t1.htm",
                           content_type="text/html"))
    assert record.body == BODIES[length]
    assert record.index_number == INDEX_NO  # the metadata is still read, just not taken for the body
    assert record.issuer == "厦门市水务局"


def govcn_pages() -> list[dict]:
    with (GOVCN / "records.jsonl").open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


@pytest.mark.parametrize("truth", govcn_pages(), ids=lambda t: t["id"])
@pytest.mark.parametrize("length", (12, 18))
def test_govcn_page_cut_to_a_short_notice_keeps_its_body(truth: dict, length: int) -> None:
    """The real gov.cn page with its UCAP-CONTENT cell holding only a short sentence."""
    html = (GOVCN / "html" / truth["html_file"].rsplit("/", 1)[-1]).read_text(encoding="utf-8")
    short = truth["title"][:length]
    cut = re.sub(r'(<td[^>]*id="UCAP-CONTENT"[^>]*>).*?(</td>)', lambda m: f"{m.group(1)}<p>{short}</p>{m.group(2)}",
                 html, count=1, flags=re.S)
    assert cut != html
    record = parse(Capture(data=cut.encode(), url=truth["source_url"], content_type="text/html"))
    assert record.body == short
    assert record.index_number == truth["index_no"]
    assert record.doc_number == truth["doc_no"]


BEIJING = GOVCN.parent / "beijing_tcm_bureau_notices" / "records.jsonl"


def beijing_short_notices() -> list[dict]:
    """The real notices of 北京市中医管理局 whose body is under 60 characters ("详见附件", "点击下方附件查看" …)."""
    with BEIJING.open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle]
    return [r for r in rows if r.get("article_html") and r.get("article_text") and len(r["article_text"].strip()) < 60]


@pytest.mark.parametrize("notice", beijing_short_notices(), ids=lambda r: str(r["id"]))
def test_real_short_notice_bodies_are_kept_under_a_metadata_table(notice: dict) -> None:
    """The agency's own body HTML (TRS_UEDITOR / TRS_Editor), as its page puts it under the metadata block."""
    html = (f"<html><head><title>{notice['title']}</title></head><body>{TABLE}<h1>{notice['title']}</h1>"
            f"{notice['article_html']}</body></html>")
    record = parse(Capture(data=html.encode(), url=notice["source_url"], content_type="text/html"))
    assert "".join(record.body.split()) == "".join(notice["article_text"].split())
    assert INDEX_NO not in record.body
