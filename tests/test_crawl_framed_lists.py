"""A list page that frames its list (an older county site: <iframe src="list_frame.htm"> in the page, or a <frameset>):
the page itself holds no row, so a crawl read nothing. A list page where the definition's selector finds no link has
its same-host frames read as that list page (once: a framed page's own frames are not followed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from gongkai.crawlers.child_process import run_in_subprocess
from gongkai.crawlers.fixture_server import FixtureSites, FolderSite
from gongkai.engine import Engine
from gongkai.settings import load_settings

pytestmark = pytest.mark.slow  # a crawl in a child process against a site on 127.0.0.1

IFRAMED = ('<html><head><meta charset="utf-8"><title>信息公开目录</title></head><body><div class="top">同安区人民政府</div>'
           '<iframe src="/xxgk/list_frame.htm?lmid=12" width="100%" height="900" frameborder="0"></iframe>'
           '<iframe src="https://map.example.com/embed"></iframe></body></html>')  # another host's frame: not read
FRAMESET = ('<html><head><meta charset="utf-8"><title>信息公开目录</title></head><frameset rows="80,*">'
            '<frame src="/xxgk/banner.htm"><frame src="/xxgk/list_frame.htm?lmid=12"></frameset></html>')


def _detail(n: int) -> str:
    return (f'<html><head><meta charset="utf-8"><title>通知</title></head><body><table>'
            f"<tr><td>索引号：</td><td>XM06000-0100-2024-{n:05d}</td><td>发布机构：</td><td>厦门市同安区人民政府办公室</td></tr>"
            f"<tr><td>文号：</td><td>同政办〔2024〕{n}号</td><td>发布日期：</td><td>2024-05-0{n}</td></tr></table>"
            f'<div class="TRS_Editor"><p>现将第{n}号文件印发给你们。</p></div></body></html>')


def _site(root: Path, outer: str) -> Path:
    folder = root / "framed"
    pages = folder / "pages" / "xxgk"
    pages.mkdir(parents=True)
    (folder / "fixture.toml").write_text('charset = "utf-8"\n', encoding="utf-8")
    (pages / "index.htm").write_text(outer, encoding="utf-8")
    (pages / "banner.htm").write_text('<html><body><img src="/logo.png"></body></html>', encoding="utf-8")
    rows = "".join(f'<li><a href="/xxgk/t{n}.htm">同安区关于第{n}号文件的通知</a></li>' for n in (1, 2, 3))
    # the framed list frames something itself: not followed
    (pages / "list_frame.htm").write_text(f'<html><body><ul class="list">{rows}</ul><iframe src="/xxgk/index.htm"></iframe></body></html>',
                                          encoding="utf-8")
    for n in (1, 2, 3):
        (pages / f"t{n}.htm").write_text(_detail(n), encoding="utf-8")
    return folder


@pytest.mark.parametrize("outer", [IFRAMED, FRAMESET], ids=["iframe", "frameset"])
def test_a_framed_list_is_read(tmp_path: Path, outer: str) -> None:
    with FixtureSites([FolderSite(_site(tmp_path, outer))], slow_seconds=0.2) as sites:
        defs = tmp_path / "defs"
        defs.mkdir()
        (defs / "ta.toml").write_text(f"""
base_url = "{sites.base_urls['framed']}"
start_urls = ["/xxgk/index.htm"]
detail_links = "ul.list a"
[politeness]
delay_seconds = 0
""", encoding="utf-8")
        [result] = run_in_subprocess(["--sites-dir", str(defs), "ta"], tmp_path / "data")
        asked = [r.path for r in sites.requests() if r.path.startswith("/xxgk/") and not r.path.startswith("/xxgk/t")]
    assert sorted(set(asked)) == sorted({"/xxgk/index.htm", "/xxgk/list_frame.htm", *(["/xxgk/banner.htm"] if outer == FRAMESET else [])})
    assert asked.count("/xxgk/index.htm") == 1  # the framed list's own frame (back to the index) is not read
    assert result["counts"]["new"] == 3
    engine = Engine(load_settings(data_dir=tmp_path / "data"))
    try:
        assert sorted(r.doc_number for r in engine.export()) == [f"同政办〔2024〕{n}号" for n in (1, 2, 3)]
    finally:
        engine.close()


def test_sources_check_reads_the_framed_list(tmp_path: Path) -> None:
    from gongkai.crawlers.check import check_site
    from gongkai.crawlers.sitedef import DisclosureSite
    from gongkai.settings import Settings

    with FixtureSites([FolderSite(_site(tmp_path, IFRAMED))], slow_seconds=0.2) as sites:
        site = DisclosureSite(name="ta", base_url=sites.base_urls["framed"], start_urls=["/xxgk/index.htm"], detail_links="ul.list a")
        report = check_site(site, Settings())
    assert report.ok, report.problems
    assert [url.rsplit("/", 1)[-1] for url in report.detail_links] == ["t1.htm", "t2.htm", "t3.htm"]
    assert report.fields["doc_number"] == "同政办〔2024〕1号"
