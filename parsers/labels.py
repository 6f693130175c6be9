"""The labels Chinese government CMSs print in a disclosure metadata block, mapped to Record fields.

Labels come padded (索 引 号, 标　　题), with full- or half-width colons, sometimes in 【】.
`field_for_label` answers which Record field a printed label names; `pairs_from_lines` reads
"label：value" lines, or a label line followed by its value line (a table rendered cell by cell).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

# Record field -> labels, most specific first. 来源 is last for issuer: on news pages it names a newspaper.
LABELS: dict[str, tuple[str, ...]] = {
    "index_number": ("索引号", "索取号", "信息索引号"),
    "issuer": ("发布机构", "发文机关", "发布单位", "信息来源", "发文单位", "发布机关", "公开主体", "发文机构", "来源"),
    "doc_number": ("文号", "发文字号", "发文文号", "文件编号"),
    "written_date": ("成文日期", "发文日期", "生成日期", "印发日期", "签发日期"),
    "publish_date": ("发布日期", "公开日期", "发布时间", "公开时间", "发文时间"),
    "topic": ("主题分类", "分类", "信息分类", "公开类别", "主题"),
    "keywords": ("关键词", "主题词", "关键字"),
    "title": ("名称", "信息名称", "标题", "文件名称", "公文标题"),
    "summary": ("内容概述", "摘要", "内容摘要", "内容简介"),
}
_LABEL_TO_FIELD = {label: name for name, labels in LABELS.items() for label in labels}
_PADDING = re.compile(r"[\s\u3000\u00a0\u200b\ufeff]+")
_COLON = "：:"
_LONGEST_LABEL = max(len(label) for label in _LABEL_TO_FIELD)

# "label：value" inside a line; the label may be padded with spaces between its characters.
_SPACED_LABELS = sorted(_LABEL_TO_FIELD, key=len, reverse=True)
_INLINE_PAIR = re.compile(
    r"(?:^|(?<=[\s\u3000|｜]))[【\[]?(?P<label>"
    + "|".join(r"[\s\u3000\u00a0]*".join(map(re.escape, label)) for label in _SPACED_LABELS)
    + r")[】\]]?[\s\u3000\u00a0]*[：:]"
)


def squeeze(text: str) -> str:
    """Drop every kind of space (labels are padded with ASCII, ideographic and no-break spaces)."""
    return _PADDING.sub("", text)


def field_for_label(text: str) -> str | None:
    """The Record field a printed label names ('索 引 号：' -> 'index_number'), else None."""
    label = squeeze(text).strip("【】[]").rstrip(_COLON).strip("【】[]")
    if not label or len(label) > _LONGEST_LABEL:
        return None
    return _LABEL_TO_FIELD.get(label)


def pairs_in_line(line: str) -> list[tuple[str, str]]:
    """Every (field, value) in one line such as '索引号：XM001-2014-012  发布机构：厦门市人民政府办公厅'."""
    matches = list(_INLINE_PAIR.finditer(line))
    pairs = []
    for i, match in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(line)
        name = _LABEL_TO_FIELD[squeeze(match["label"])]
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
    return found


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
