"""A document's title read from its first lines (parsers/textmeta.heading_title) on the corpus's real regulations
(probe4): a title holding a word that page chrome also uses (医疗器械注册与备案管理办法: 注册, as in 登录|注册) was
skipped as chrome, and a title ending in （试行） ran on into the promulgation line under it
(医疗机构制剂配制质量管理规范（试行）2001年3月13日国家食品药品监督管理局令第27号公布)."""

from __future__ import annotations

import pytest

from gongkai.parsers import Capture, parse
from gongkai.parsers.textmeta import heading_title
from tests.conftest import CORPUS

REGULATIONS = CORPUS / "lawrefbook_regulations"


def _heading(path) -> str:
    return path.read_text(encoding="utf-8").splitlines()[0].lstrip("#").strip()


@pytest.mark.parametrize("name", ["医疗器械注册与备案管理办法(2021-08-26).md", "医疗机构制剂配制质量管理规范（试行）(2001-03-13).md"])
def test_the_two_regulations_get_their_heading_as_title(name):
    path = REGULATIONS / name
    record = parse(Capture(data=path.read_bytes(), url="", filename=name))
    assert record.title == _heading(path)


def test_every_regulation_of_the_corpus_gets_its_heading_as_title():
    wrong = {}
    for path in sorted(REGULATIONS.glob("*.md")):
        record = parse(Capture(data=path.read_bytes(), url="", filename=path.name))
        if record.title != _heading(path):
            wrong[path.name] = record.title
    assert wrong == {}


@pytest.mark.parametrize("lines, title", [
    # a title holding a chrome word is a title
    (["关于做好2024年普通高校招生考试报名注册工作的通知", "各区教育局："], "关于做好2024年普通高校招生考试报名注册工作的通知"),
    (["厦门市商事主体登记注册管理办法（试行）", "第一条 为了……"], "厦门市商事主体登记注册管理办法（试行）"),
    (["关于规范政府网站信息浏览和下载服务的", "通知", "各区人民政府："], "关于规范政府网站信息浏览和下载服务的通知"),
    # page chrome above a title is still left out
    (["首页 > 信息公开 > 通知公告", "下载 打印 全屏", "关于印发某某办法的通知", "各单位："], "关于印发某某办法的通知"),
    (["打印本页 关闭窗口", "关于开展检查的通知"], "关于开展检查的通知"),
    # a title ending in a bracketed qualifier ends there
    (["某某管理暂行规定（2020年修订）", "2020年5月1日 某某部令第3号公布", "第一章 总则"], "某某管理暂行规定（2020年修订）"),
])
def test_title_lines(lines, title):
    assert heading_title(lines) == title
