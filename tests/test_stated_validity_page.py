"""A crawled or dropped page's printed 有效性 (the agency's validity label on its metadata table) is the agency's
statement, read as a sidecar's is (tests/test_stated_validity.py): it was ignored (README Known gaps, session 8), so a
page marked 已废止 by its own site showed 现行有效. Real HTML parser, real engine (SQLite, Tantivy)."""

from __future__ import annotations

from pathlib import Path

from gongkai.search_types import SearchRequest
from tests.support import build_engine

# The metadata table of a Xiamen disclosure page (label and value cells side by side, padded labels), and a list
# layout (<li><span>label：</span>value</li>) as other provinces' sites print it.
TABLE_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>厦门市人民政府办公厅关于印发厦门市停车场管理办法的通知</title></head>
<body><div class="header">首页 &gt; 政府信息公开</div>
<table class="xxgk_table">
<tr><td>索 引 号：</td><td>XM00100-0200-2015-00012</td><td>发布机构：</td><td>厦门市人民政府办公厅</td></tr>
<tr><td>生成日期：</td><td>2015-03-01</td><td>文　　号：</td><td>厦府办〔2015〕12号</td></tr>
<tr><td>标　　题：</td><td colspan="3">厦门市人民政府办公厅关于印发厦门市停车场管理办法的通知</td></tr>
<tr><td>有 效 性：</td><td>已废止</td><td>主题分类：</td><td>城乡建设</td></tr>
</table>
<div class="content"><h1>厦门市人民政府办公厅关于印发厦门市停车场管理办法的通知</h1>
<p>各区人民政府，市直各委、办、局：</p><p>《厦门市停车场管理办法》已经市政府同意，现印发给你们，请认真贯彻执行。</p></div>
</body></html>"""

LIST_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>关于做好城乡居民医疗保险参保工作的通知</title></head>
<body><ul class="doc-info">
<li><span>发文机关：</span>某市医疗保障局</li><li><span>发文字号：</span>某医保〔2023〕5号</li>
<li><span>成文日期：</span>2023-02-01</li><li><span>效力状态：</span>有效</li></ul>
<div class="article"><h1>关于做好城乡居民医疗保险参保工作的通知</h1><p>各区医疗保障局：现就做好参保工作通知如下。</p></div>
</body></html>"""


def _ingest(tmp_path: Path):
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "tingche.html").write_text(TABLE_PAGE, encoding="utf-8")
    (folder / "yibao.html").write_text(LIST_PAGE, encoding="utf-8")
    engine = build_engine(tmp_path / "data", [])
    report = engine.ingest_paths([folder / "tingche.html", folder / "yibao.html"])
    assert report.counts.get("new") == 2, report.as_dict()
    return engine


def test_a_pages_printed_validity_is_the_agencys_statement(tmp_path):
    engine = _ingest(tmp_path)
    hits = {hit.title: hit.id for hit in engine.search(SearchRequest(q="", limit=10)).hits}
    tingche = hits["厦门市人民政府办公厅关于印发厦门市停车场管理办法的通知"]
    yibao = hits["关于做好城乡居民医疗保险参保工作的通知"]
    assert engine.get(tingche).stated_validity == "已废止"
    validity = engine.validity(tingche)["validity"]
    # nothing in its text says so (the body states nothing): the site's word decides, and says who said it
    assert validity["status"] == "repealed" and validity["stated"]["text"] == "已废止"
    assert engine.get(yibao).stated_validity == "有效"
    assert engine.validity(yibao)["validity"]["status"] == "in_force"
    # and the validity filter finds it
    assert [hit.id for hit in engine.search(SearchRequest(q="", validity="repealed", limit=10)).hits] == [tingche]
