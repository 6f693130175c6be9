"""Why a record was withdrawn: the stored reasons, and what a record's page says of them in Chinese.

Each source that withdraws a record writes its reason with a builder here, so the page can say who took it down
(probe5): a notice a column reparse no longer gives was shown as "已被发布机关撤销" though no issuer revoked it.
The English reasons are stored in `records.withdrawn_reason` (older databases hold the same wording), so the
reading below matches the stored text, never a new code.
"""

from __future__ import annotations

import re

#: A notice a column no longer gives when parsed again (gongkai/reparse.py ColumnTracker).
COLUMN_REPARSE = "no longer a notice of its column when parsed again (gongkai reparse)"
#: An earlier record of the same bytes, replaced by the agency's record with a 索引号 or URL (feeds/same_file.py).
SAME_FILE_PREFIX = "superseded: the same file was sent again by its agency as record "
#: A tombstone applied on purpose by `gongkai ingest --apply-withdrawals` (gongkai/ownership.py).
OPERATOR_IMPORT = "withdrawn by an operator's import (gongkai ingest --apply-withdrawals)"

_PUSHED = re.compile(r"^withdrawn by its source (?P<agency>.+) \(push\)$")
_PAGE_GONE = re.compile(r"^the page answered HTTP (?P<status>\d{3}): ")


def pushed_by(agency: str) -> str:
    """The reason of a withdrawal its owning agency pushed."""
    return f"withdrawn by its source {agency} (push)"


def page_gone(status: int, url: str) -> str:
    """The reason of a crawled record whose page now answers 404 or 410."""
    return f"the page answered HTTP {status}: {url}"


def words_zh(reason: str | None, *, taken_down: bool = False) -> str:
    """The sentence a withdrawn record's page says after its title: who withdrew it, in the reader's words.

    `taken_down`: an operator's takedown is in force (its free-form reason is the operator's, not shown)."""
    reason = (reason or "").strip()
    if taken_down:
        return "已由本站管理员下架，内容不再提供。"
    if (pushed := _PUSHED.match(reason)) is not None:
        return f"已被发布机构（{pushed['agency']}）撤销，内容不再提供。"
    if (gone := _PAGE_GONE.match(reason)) is not None:
        return f"原发布网页已不存在（HTTP {gone['status']}），本站随之撤下，内容不再提供。"
    if reason == COLUMN_REPARSE:
        return "本站重新识别所在报纸版面后，版面中已没有这一条（旧的识别结果），已撤下；版面中的公告请重新搜索。"
    if reason.startswith(SAME_FILE_PREFIX):
        return "已由发布机构重新报送的同一文件取代，内容不再提供。"
    if reason == OPERATOR_IMPORT:
        return "已由本站管理员按导入的撤销记录撤下，内容不再提供。"
    return "已撤下，内容不再提供。"
