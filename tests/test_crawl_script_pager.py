"""List pages paged by a script (TRS WCM's createPageHTML, the CMS of most xm.gov.cn sites): the HTML holds no
page link, so a crawl read the first list page only and never saw the documents listed on the others. The page
after this one is now told by the script and this page's name (index.htm → index_1.htm → index_2.htm, up to the
script's page count), for a definition without `next_page` or whose selector finds nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from gongkai.crawlers.child_process import run_in_subprocess
from gongkai.crawlers.fixture_server import FixtureSites, FolderSite
from gongkai.crawlers.list_scripts import script_next_page
from gongkai.engine import Engine
from gongkai.settings import load_settings

pytestmark = pytest.mark.slow  # a crawl in a child process against a site on 127.0.0.1

PAGES = 3
PER_PAGE = 2
OLD_SCRIPT = 'createPageHTML({pages}, {current}, "index", "htm");'
NEW_SCRIPT = "createPageHTML('page_div',{pages}, {current},'index','htm',{total});"


def _list_page(number: int, script: str) -> str:
    rows = "".join(
        f'<li><a href="./202405/t20240{number + 1}0{i}_{number * PER_PAGE + i}.htm">厦门市发展和改革委员会关于第{number * PER_PAGE + i}批项目的通知</a>'
        f"<span>2024-0{number + 1}-0{i}</span></li>"
        for i in range(1, PER_PAGE + 1)
    )
    call = script.format(pages=PAGES, current=number, total=PAGES * PER_PAGE)
    return (f'<html><head><meta charset="utf-8"><title>法定主动公开内容</title></head><body><ul class="xxgk_list">{rows}</ul>'
            f'<div class="page" id="page_div"></div><script language="JavaScript">{call}</script></body></html>')


def _detail_page(number: int, serial: int) -> str:
    return (f'<html><head><meta charset="utf-8"><title>通知</title></head><body><table>'
            f"<tr><td>索引号：</td><td>XM00104-0100-2024-{serial:05d}</td><td>发布机构：</td><td>厦门市发展和改革委员会</td></tr>"
            f"<tr><td>文号：</td><td>厦发改〔2024〕{serial}号</td><td>生成日期：</td><td>2024-0{number + 1}-01</td></tr>"
            f"<tr><td>信息名称：</td><td>厦门市发展和改革委员会关于第{serial}批项目的通知</td></tr></table>"
            f'<div class="TRS_Editor"><p>现将第{serial}批项目有关事项通知如下。</p></div></body></html>')


def _site(root: Path, script: str) -> Path:
    folder = root / "trs-site"
    lists = folder / "pages" / "xxgk"
    (lists / "202405").mkdir(parents=True)
    (folder / "fixture.toml").write_text('charset = "utf-8"\n', encoding="utf-8")
    for number in range(PAGES):
        name = "index.htm" if number == 0 else f"index_{number}.htm"
        (lists / name).write_text(_list_page(number, script), encoding="utf-8")
        for i in range(1, PER_PAGE + 1):
            serial = number * PER_PAGE + i
            (lists / "202405" / f"t20240{number + 1}0{i}_{serial}.htm").write_text(_detail_page(number, serial), encoding="utf-8")
    return folder


@pytest.mark.parametrize("script", [OLD_SCRIPT, NEW_SCRIPT], ids=["createPageHTML(pages, current, name, ext)", "with div and total"])
def test_every_list_page_of_a_script_paged_site_is_read(tmp_path: Path, script: str) -> None:
    with FixtureSites([FolderSite(_site(tmp_path, script))], slow_seconds=0.2) as sites:
        defs = tmp_path / "defs"
        defs.mkdir()
        (defs / "trs.toml").write_text(f"""
base_url = "{sites.base_urls['trs-site']}"
start_urls = ["/xxgk/index.htm"]
detail_links = "ul.xxgk_list li a"
[politeness]
delay_seconds = 0
""", encoding="utf-8")
        [result] = run_in_subprocess(["--sites-dir", str(defs), "trs"], tmp_path / "data")
        asked = sorted({r.path for r in sites.requests() if r.path.startswith("/xxgk/index")})
    assert asked == ["/xxgk/index.htm", "/xxgk/index_1.htm", "/xxgk/index_2.htm"]  # not index_3: the script says 3 pages
    assert result["counts"]["list_pages"] == PAGES and result["counts"]["new"] == PAGES * PER_PAGE
    engine = Engine(load_settings(data_dir=tmp_path / "data"))
    try:
        assert sorted(r.doc_number for r in engine.export()) == sorted(f"厦发改〔2024〕{n}号" for n in range(1, PAGES * PER_PAGE + 1))
    finally:
        engine.close()


def test_the_next_page_is_told_by_the_page_name_whatever_the_script_counts_from() -> None:
    old = "<script>createPageHTML(3, 0, \"index\", \"htm\");</script>"
    assert script_next_page("http://x.gov.cn/xxgk/index.htm", old) == "http://x.gov.cn/xxgk/index_1.htm"
    assert script_next_page("http://x.gov.cn/xxgk/", old) == "http://x.gov.cn/xxgk/index_1.htm"  # the folder is page 1
    assert script_next_page("http://x.gov.cn/xxgk/index_2.htm", old) is None  # the last of 3
    new = "<script>createPageHTML('page_div',12, 1,'index','shtml',237);</script>"
    assert script_next_page("http://x.gov.cn/a/index_10.shtml", new) == "http://x.gov.cn/a/index_11.shtml"
    assert script_next_page("http://x.gov.cn/a/index_11.shtml", new) is None
    assert script_next_page("http://x.gov.cn/a/list.shtml", new) is None  # another page's script: not guessed at
    assert script_next_page("http://x.gov.cn/a/index.htm", "<p>createPage</p>") is None


def test_a_start_url_crawl_reads_the_script_paged_list_too(tmp_path: Path) -> None:
    with FixtureSites([FolderSite(_site(tmp_path, OLD_SCRIPT))], slow_seconds=0.2) as sites:
        start = sites.base_urls["trs-site"] + "/xxgk/index.htm"
        # depth 1: the documents are one link below each list page; the next list pages are siblings, not deeper
        [result] = run_in_subprocess(["--start-url", start, "--max-depth", "1", "--fast"], tmp_path / "data")
    assert result["counts"]["new"] == PAGES * PER_PAGE
