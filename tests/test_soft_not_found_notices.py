"""A short notice that says something 已失效/已撤销/已删除 is a document, not a CMS's 页面不存在 page (review s14).

crawl5 took a page answered 200 whose short line says the page or information is gone as a soft 404: no record of it,
and a known page turning into one withdrawn. A county site's short 公告 says the same words of what it announces
(下列文件已失效, 登记信息已撤销, 第三条内容已删除) and, without a 文号 or 索引号 on the page, was taken for one: its
record would be withdrawn. A notice signs (a body and a date) or closes with 特此公告; an error page does neither."""

from __future__ import annotations

import pytest

from gongkai.crawlers.pagetext import says_not_found


def _page(title: str, lines: list[str]) -> bytes:
    body = "".join(f"<p>{line}</p>" for line in lines)
    return (f"<html><head><meta charset='utf-8'><title>{title}</title></head><body><div class='nav'>首页 &gt; 通知公告</div>"
            f"<h1>{title}</h1><div class='content'>{body}</div><div class='foot'>主办：厦门市思明区人民政府 闽ICP备05000000号</div>"
            "</body></html>").encode()


@pytest.mark.parametrize("page", [
    _page("厦门市思明区人民政府办公室公告", ["根据规范性文件清理工作安排，经审查，下列文件已失效，不再执行：", "1.思明区关于加强门前三包管理的通知",
                                          "2.思明区关于规范夜市管理的意见", "特此公告。", "厦门市思明区人民政府办公室", "2024年5月6日"]),
    _page("撤销登记公告", ["经查，下列企业以提交虚假材料等手段取得公司登记，其登记信息已撤销：", "厦门某某贸易有限公司", "特此公告。",
                          "厦门市思明区市场监督管理局", "2024年6月1日"]),
    _page("更正公告", ["我局2024年5月8日发布的招标公告中第三条内容已删除，其余内容不变。", "厦门市思明区教育局", "2024年5月9日"]),
    _page("更正公告", ["原公告附件中的文件已撤回，请以本次发布的为准。", "特此更正。"]),
], ids=["下列文件已失效", "登记信息已撤销", "内容已删除, signed", "文件已撤回, 特此更正"])
def test_a_short_notice_saying_what_is_gone_is_a_document(page: bytes) -> None:
    assert says_not_found(page, "text/html; charset=utf-8") is False


@pytest.mark.parametrize("page", [
    _page("提示信息", ["对不起，您访问的页面不存在或已被删除！", "返回首页"]),
    _page("厦门市人民政府", ["该信息已下线", "返回首页"]),
], ids=["页面不存在", "该信息已下线"])
def test_an_error_page_is_still_one(page: bytes) -> None:
    assert says_not_found(page, "text/html; charset=utf-8") is True
