"""A list of documents that stay in force is no repeal list (review s14).

Every government publishes its 规范性文件清理结果 yearly: 以下规范性文件继续有效，未列入的同时失效。 and the table of the
documents kept (序号 文件名称 文号 / 1 …). The 失效 of that sentence is of the documents NOT listed; the list was read as
repealed, each kept document marked 废止 (with a colon before session 14, and since bfb389f with 。 too)."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.parsers.validity import read_statements

TITLE = "厦门市人民政府关于公布规范性文件清理结果的通知"


@pytest.mark.parametrize("header", [
    "经清理，以下规范性文件继续有效，未列入的同时失效。",
    "经清理，下列32件规范性文件继续有效，未列入目录的规范性文件同时失效：",
    "经市政府同意，下列文件予以保留，其余未列入的文件一律停止执行。",
    "现将继续有效的规范性文件目录公布如下，未列入目录的规范性文件自本通知印发之日起失效：",
])
def test_the_documents_kept_are_not_repealed(header: str) -> None:
    body = (f"各区人民政府，市直各委、办、局：\n{header}\n序号 文件名称 文号\n1 厦门市城市道路管理办法 厦府〔2018〕12号\n"
            "2 厦门市停车场管理办法 厦府〔2019〕3号\n特此通知。")
    assert [ref for ref in read_statements(TITLE, body, date(2024, 3, 1)).references if ref.kind == "repeals"] == []


def test_a_repeal_list_beside_a_kept_one_is_still_read() -> None:
    body = ("各区人民政府：\n经清理，决定废止以下规范性文件，自本通知印发之日起停止执行。\n序号 文件名称 文号\n"
            "1 厦门市城市道路管理办法 厦府〔2018〕12号\n2 厦门市停车场管理办法 厦府〔2019〕3号\n特此通知。")
    refs = read_statements(TITLE, body, date(2024, 3, 1)).references
    assert [ref.doc_number for ref in refs if ref.kind == "repeals"] == ["厦府〔2018〕12号", "厦府〔2019〕3号"]
