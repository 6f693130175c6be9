"""Review (session 12) of the article's own <meta name=Description>: a description that is the page's title with the
site's name after it (关于X的通知_厦门市人民政府, what many CMSs write), or the portal's name and its sections, is no
summary of the article; the held-out pages are Xiamen-style article pages written before running."""

from gongkai.parsers.capture import Capture
from gongkai.parsers.formats.html import extract
from gongkai.settings import load_settings

TITLE = "厦门市人民政府办公厅关于进一步加强城市道路挖掘管理的通知"
PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>{title}_通知公告_厦门市人民政府门户网站</title>
<meta name="SiteName" content="厦门市人民政府门户网站">
<meta name="Description" content="{description}">
</head><body><div class="article"><h1>{title}</h1><div class="content">
<p>各区人民政府，市直各委、办、局，各开发区管委会：</p>
<p>为进一步加强城市道路挖掘管理，保障道路安全畅通，经市政府同意，现就有关事项通知如下：</p>
<p>一、严格审批。市政园林局负责全市城市道路挖掘的审批和监督管理工作，各区人民政府负责辖区内道路的日常管理。</p>
<p>二、信息公开。道路挖掘审批结果应当在厦门市人民政府门户网站和政务服务平台公开，接受社会监督。</p>
<p>厦门市人民政府办公厅</p><p>2025年3月1日</p></div></div></body></html>"""


def _summary(description: str) -> str | None:
    html = PAGE.format(title=TITLE, description=description).encode("utf-8")
    return extract(Capture(html, url="https://www.xm.gov.cn/zwgk/tzgg/202503/t20250301_1.htm"), load_settings().parsers).fields.get("summary")


def test_the_title_with_the_sites_name_is_no_summary() -> None:
    assert _summary(TITLE + "_厦门市人民政府门户网站") is None
    assert _summary(TITLE + " - 厦门市人民政府门户网站") is None


def test_the_portals_name_and_its_sections_are_no_summary() -> None:
    assert _summary("厦门市人民政府门户网站，政务公开、政务服务、互动交流") is None


def test_the_articles_own_description_still_is() -> None:
    own = "为加强城市道路挖掘管理，保障道路安全畅通，就严格审批、信息公开等事项作出规定。"
    assert _summary(own) == own
