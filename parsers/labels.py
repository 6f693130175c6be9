"""The labels Chinese government CMSs print in a disclosure metadata block, mapped to Record fields.

Labels come padded (索 引 号, 标　　题), with full- or half-width colons, sometimes in 【】.
`field_for_label` answers which Record field a printed label names; `pairs_from_lines` reads
"label：value" lines, or a label line followed by its value line (a table rendered cell by cell).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from gongkai.textnorm import fold

# Record field -> labels, most specific first. 来源 is last for issuer: on news pages it names a newspaper.
LABELS: dict[str, tuple[str, ...]] = {
    "index_number": ("索引号", "索取号", "信息索引号", "信息索引"),  # 信息索引 without 号: 三明's <dt> (fields14)
    "issuer": ("发布机构", "发文机关", "发布单位", "信息来源", "发文单位", "发布机关", "公开主体", "发文机构", "来源"),
    "doc_number": ("文号", "发文字号", "发文文号", "文件编号"),
    "written_date": ("成文日期", "发文日期", "生成日期", "印发日期", "签发日期"),
    "publish_date": ("发布日期", "公开日期", "发布时间", "公开时间", "发文时间", "发表时间", "发表日期"),
    "topic": ("主题分类", "分类", "信息分类", "公开类别", "主题"),
    "keywords": ("关键词", "主题词", "关键字"),
    "title": ("名称", "信息名称", "标题", "文件名称", "公文标题"),
    "summary": ("内容概述", "摘要", "内容摘要", "内容简介"),
    # the agency's word for validity (有效性：有效 / 已废止 on a page's metadata table, as in a sidecar): validity reads it
    "stated_validity": ("有效性", "效力状态", "效力", "时效性"),
}
_LABEL_TO_FIELD = {label: name for name, labels in LABELS.items() for label in labels}
#: Standard labels of a disclosure catalogue (政府信息公开目录) that name no Record field: how, to whom, how long and in
#: what form a document is disclosed, and the catalogue's own classes. Agencies' systems export them beside the fields
#: we use, so a sidecar or record file holding them is read without them (parsers.sidecar notes which), never
#: refused: an agency's document was quarantined for 公开方式. A label known nowhere is still refused (a misspelt
#: field would be lost silently).
UNUSED_LABELS = frozenset({
    "公开方式", "公开形式", "公开范围", "公开属性", "公开类型", "公开时限", "公开期限", "公开程序", "公开依据", "公开责任部门",
    "有效期", "时效", "信息时效", "生效日期", "施行日期", "失效日期", "废止日期",
    "体裁", "体裁分类", "载体类型", "载体形式", "记录形式", "信息格式", "文件格式", "语种", "文种", "公文种类", "文件类型",
    "所属类别", "信息类别", "内容分类", "组配分类", "服务对象", "服务对象分类", "机构分类",
    "责任部门", "责任人", "签发人", "审核人", "发布人", "联系电话", "页数", "备注", "浏览次数", "访问量", "点击量", "点击数",
    "序号",  # a spreadsheet export's row number (doors11: a CSV's 序号 column refused every row)
})
_PADDING = re.compile(r"[\s\u3000\u00a0\u200b\ufeff]+")
_COLON = "：:"
_LONGEST_LABEL = max(len(label) for label in _LABEL_TO_FIELD)

# "label：value" inside a line; the label may be padded with spaces between its characters. A label in 【】 needs no colon
# (【索引号】NP001-2024-00019 【发文机关】南平市人民政府: its bracket closes it, as a colon would).
_SPACED_LABELS = sorted(_LABEL_TO_FIELD, key=len, reverse=True)
_LABEL_ALTERNATIVES = "|".join(r"[\s\u3000\u00a0]*".join(map(re.escape, label)) for label in _SPACED_LABELS)
_INLINE_PAIR = re.compile(
    r"(?:^|(?<=[\s\u3000|｜]))(?:【(?P<closed>" + _LABEL_ALTERNATIVES + r")】[\s\u3000\u00a0]*[：:]?"
    r"|[【\[]?(?P<label>" + _LABEL_ALTERNATIVES + r")[】\]]?[\s\u3000\u00a0]*[：:])"
)
#: a pair printed inside its own brackets ([来源：深圳市发展和改革委员会] [字号 大 中 小]): its value ends at the bracket's end
_PAIR_CLOSE = {"[": "]", "【": "】"}


def squeeze(text: str) -> str:
    """Drop every kind of space (labels are padded with ASCII, ideographic and no-break spaces)."""
    return _PADDING.sub("", text)


def field_for_label(text: str) -> str | None:
    """The Record field a printed label names ('索 引 号：' -> 'index_number'; Traditional too, 索引號, 發布機構), else None."""
    label = fold(squeeze(text).strip("【】[]").rstrip(_COLON).strip("【】[]"))
    if not label or len(label) > _LONGEST_LABEL:
        return None
    return _LABEL_TO_FIELD.get(label)


def is_unused_label(text: str) -> bool:
    """Whether a label is a standard disclosure label no Record field holds (UNUSED_LABELS, padding and colon aside)."""
    return fold(squeeze(text).strip("【】[]").rstrip(_COLON).strip("【】[]")) in UNUSED_LABELS


# Where a value printed on a line of pairs ends: at the next label of any kind, a field's or not, printed after a
# space ('来源：厦门市教育局  浏览次数：1523  【字体：大 中 小】': the issuer is not "厦门市教育局 浏览次数：1523 …").
_NEXT_LABEL = re.compile(r"(?<=[\s\u3000\u00a0|｜])[【\[]?[\u4e00-\u9fff]{2,6}[】\]]?[\s\u3000\u00a0]*[：:]")


#: …and at a page's toolbar item printed after a space, in brackets with no colon ('来源：莆田市自然资源局 【打印】【关闭】': the
#: issuer was read with them, fields11); a value's own brackets hold digits (冀政字【2024】5号) or follow no space
_TOOLBAR_ITEM = re.compile(r"(?<=[\s\u3000\u00a0|｜])[【\[][\u4e00-\u9fff]{1,6}[】\]]")


#: Labels a page prints beside a document's own (time, views, font size), besides the fields' and the catalogue's.
_PAGE_LABELS = ("时间", "日期", "作者", "编辑", "责任编辑", "字号", "字体", "阅读次数", "阅读量", "访问次数", "点击率", "发布者", "打印",
                "浏览量", "文章来源")
#: Spans printed side by side make one line with no space between a value and the next label: '来源：思明区医疗保障局时间：
#: 2024-09-02 10:35字号：大 中 小' (the issuer read '思明区医疗保障局时间:2024-09-02 10:35字号:大、中'), '发布机构：厦门市人民政府
#: 办公厅发布日期：2024-05-06' (the date was lost). A value ends at a field's label of four characters or more glued to it
#: (a pair starts there: such a label is not a word of a value), and at any other known label glued to it when what it
#: labels looks like a page's own value: a number or a date, or 大/中/小 (字号). '关于调整开放时间：冬季作息的通知' keeps its 时间：.
_GLUED_FIELD = re.compile(
    "(?P<label>" + "|".join(map(re.escape, sorted((label for label in _LABEL_TO_FIELD if len(label) >= 4), key=len, reverse=True)))
    + r")[\s\u3000\u00a0]*[：:]"
)
_GLUED_LABEL = re.compile(
    "(?:" + "|".join(map(re.escape, sorted({*_LABEL_TO_FIELD, *UNUSED_LABELS, *_PAGE_LABELS}, key=len, reverse=True)))
    + r")[\s\u3000\u00a0]*[：:][\s\u3000\u00a0]*(?=[0-9０-９【\[大中小])"
)


def _value_end(line: str, start: int, end: int) -> int:
    """Where the value that starts at `start` ends, before `end`: at the next label printed after a space, or at a
    known label glued to it (above)."""
    other = _NEXT_LABEL.search(line, start, end)
    if other is not None:
        end = other.start()
    tool = _TOOLBAR_ITEM.search(line, start, end)
    if tool is not None:
        end = tool.start()
    glued = _GLUED_LABEL.search(line, start + 1, end)  # +1: a value is at least a character
    return glued.start() if glued is not None else end


def pairs_in_line(line: str) -> list[tuple[str, str]]:
    """Every (field, value) in one line such as '索引号：XM001-2014-012  发布机构：厦门市人民政府办公厅'."""
    folded = fold(line)  # the same length: labels are found in Traditional too (發布機構：…), values cut from the line
    spaced = list(_INLINE_PAIR.finditer(folded))
    glued = [m for m in _GLUED_FIELD.finditer(folded) if not any(s.start() <= m.start() < s.end() for s in spaced)]
    matches = sorted(spaced + glued, key=lambda m: m.start())
    pairs = []
    for i, match in enumerate(matches):
        end = _value_end(folded, match.end(), matches[i + 1].start() if i + 1 < len(matches) else len(line))
        label = match.groupdict().get("closed") or match["label"]
        # the pair's bracket: its first character, or the one before a label glued to it (【信息来源：X】【点击数：356】)
        close = _PAIR_CLOSE.get(folded[match.start()]) or (_PAIR_CLOSE.get(folded[match.start() - 1]) if match.start() else None)
        if close and close not in match.group(0):
            inside = folded.find(close, match.end(), end)
            end = inside if inside >= 0 else end
        name = _LABEL_TO_FIELD[squeeze(label)]  # a label of the folded line: Simplified
        pairs.append((name, line[match.end():end].strip(" \t\u3000\u00a0|｜")))
    return pairs


def pairs_from_lines(lines: list[str], max_line_chars: int = 160) -> dict[str, str]:
    """Metadata fields from text lines; the first value of a field wins; empty values are skipped."""
    found: dict[str, str] = {}
    for i, line in enumerate(lines):
        if len(line) > max_line_chars:
            continue
        bare_field = field_for_label(line)
        if bare_field is not None and not squeeze(line).rstrip("】]").endswith(tuple(_COLON)):
            continue  # "名称" heading a table column, not a label waiting for its value
        if bare_field is not None:
            # A label alone on its line: the value is the next line, unless that is a label too.
            nxt = lines[i + 1].strip() if i + 1 < len(lines) else ""
            if nxt and field_for_label(nxt) is None and not pairs_in_line(nxt) and len(nxt) <= max_line_chars:
                found.setdefault(bare_field, nxt)
            continue
        for name, value in pairs_in_line(line.strip()):
            if value:
                found.setdefault(name, value)
    if "publish_date" not in found and (day := byline_date(lines)):
        found["publish_date"] = day
    return found


# A page's byline: 来源：X  时间：2025-04-22 16:05 (on one line, glued, or each a label line over its value line). 时间 alone
# is no field's label (a notice's 时间：7月12日 8:00-17:00 is its outage), but beside the page's 来源 and printed as a day alone
# (a time of day at most, no range after it) it is the day the page was published: news pages and saved reports had none.
_DAY = r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?(?:\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?"
_NO_RANGE_AFTER = r"(?![\s\u3000]*(?:[-—–~～至到]|\d))"
#: 时间：D beside the 来源, or 日期：D (新疆's 来源：… 日期：2024-08-09: fields14; bare only, 成文日期 is the card's written day)
_DAY_LABEL_WORD = re.compile(r"(?:成文|发布|发文|印发|生成|公开|实施|施行|生效|废止|失效|有效|截止|更新|签发|出版|创建)[\s\u3000]*$")
_BYLINE_TIME = re.compile(r"(?:时[\s\u3000]*间|(?P<bare>日[\s\u3000]*期))[\s\u3000]*[：:][\s\u3000]*(?P<day>" + _DAY + ")" + _NO_RANGE_AFTER)
_BARE_TIME_LABEL = re.compile(r"时间[：:]")
_DAY_ALONE = re.compile(_DAY + _NO_RANGE_AFTER + r"[\s\u3000]*")
#: a CMS's time stamp on a line of its own next to the 来源 line, unlabelled (来源：云南日报 / 2026-02-03 09:02:33)
_STAMP_ALONE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}\s+\d{1,2}:\d{2}(?::\d{2})?")
_BYLINE_REACH = 3  # lines either side of the 来源 line


def _names_a_source(line: str) -> bool:
    """Whether a line holds the page's 来源 (or another issuer label), as a pair or as a label line over its value."""
    return field_for_label(line) == "issuer" or any(name == "issuer" for name, _ in pairs_in_line(line.strip()))


def byline_date(lines: list[str]) -> str | None:
    """The day a page's byline prints beside its 来源 (`时间：2025-01-14`), as printed, else None."""
    for at, line in enumerate(lines):
        if len(line) > 160 or not _names_a_source(line):
            continue
        for near in range(max(0, at - _BYLINE_REACH), min(len(lines), at + _BYLINE_REACH + 1)):
            folded = fold(lines[near].strip())  # 時間 is 时间; the same length, so the day is cut from the line as printed
            found = _BYLINE_TIME.search(folded)
            # a word ending in 时间 (停电时间, 开放时间) is another label, unless glued to the 来源's value on its own line
            glued = found is not None and found.start() > 0 and "\u4e00" <= folded[found.start() - 1] <= "\u9fff"
            # a glued 日期 is another label's (成文日期, 生成日期) unless it follows the 来源's own value (…办公厅日期：D)
            dated_label = found is not None and found["bare"] and _DAY_LABEL_WORD.search(folded[:found.start()])
            if found and not dated_label and (not glued or near == at):
                return lines[near].strip()[found.start("day"):found.end("day")]
            if _BARE_TIME_LABEL.fullmatch(squeeze(folded)) and near + 1 < len(lines):
                value = lines[near + 1].strip()
                if _DAY_ALONE.fullmatch(value):
                    return value
            if abs(near - at) == 1 and _STAMP_ALONE.fullmatch(folded):
                return folded
    return None


def labelled_values(lines: list[str], overrides: Mapping[str, str]) -> dict[str, str]:
    """{Record field: value} for a site's own labels (`label_overrides`: '文件字号' -> doc_number) in a page's
    lines, "label：value" or a label line followed by its value line; the first value of a field wins."""
    if not overrides:
        return {}
    wanted = {squeeze(label).rstrip(_COLON): field for label, field in overrides.items()}
    found: dict[str, str] = {}
    for index, line in enumerate(lines):
        compact = squeeze(line)
        for label, field in wanted.items():
            if field in found or not compact.startswith(label):
                continue
            rest = compact[len(label):]
            if rest.startswith(tuple(_COLON)):
                value = re.split(r"[：:]", line, maxsplit=1)[-1].strip()
                if value:
                    found[field] = value
            elif not rest and index + 1 < len(lines):
                found[field] = lines[index + 1]
    return found
