"""A newspaper notice column (便民公告) split into one text block per notice.

A notice starts at a title line (短, no sentence punctuation, ending in 声明/公告/通知/通告/公示/启事),
whose beginning may be spread over the short lines just above it; it ends at its signature date
or where the next title starts. One-line 遗失声明 ("XX遗失营业执照正副本，声明作废。") are a notice each.
Text before the first title (page chrome, an aggregator's preface) and bare column headings are dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from gongkai.dates import find_dates
from gongkai.parsers.chrome import drop_chrome
from gongkai.parsers.notices.normal import fold_all as fold
from gongkai.parsers.textmeta import is_date_line, signature_parts

NOTICE_WORDS = ("声明", "公告", "通知", "通告", "公示", "启事", "告知书", "公告书", "通报")
_SENTENCE = re.compile(r"[，。；,;！？!?：:]")
_BULLET = re.compile(r"^[■□◆◇●○★☆▲△▶►•·※◎\-—]+\s*")


@dataclass
class NoticeBlock:
    title: str
    lines: list[str] = field(default_factory=list)
    one_liner: bool = False  # a one-line 遗失声明 under a column heading

    @property
    def text(self) -> str:
        return "\n".join(([self.title] if self.title else []) + self.lines)


def is_title(line: str) -> bool:
    text = fold(line).strip()
    # Times inside a title (关于2025年5月27日22:00至...的停水通知) are not sentence punctuation.
    bare = re.sub(r"(?<=\d)[:：](?=\d)", "", text)
    if not 2 <= len(text) <= 80 or text.startswith("《") or _SENTENCE.search(bare):
        return False
    # 特此公告 printed without its 。 closes the notice above it (notices9: it was a notice of its own, signed by the company)
    if _CLOSING_FORMULA.fullmatch(text):
        return False
    return text.endswith(NOTICE_WORDS)


_CLOSING_FORMULA = re.compile(r"(?:特此|现予|予以)(?:声明|公告|通知|通告|公示|告知|公布)")


def is_lost_one_liner(line: str) -> bool:
    """吴建华丢失驾驶证，…，特此声明。 too: a declaration printed with 丢失/遗落 was short untitled text between notices,
    dropped as debris."""
    text = fold(line)
    return bool(re.search(r"遗失|丢失|遗落", text)) and ("作废" in text or "声明" in text) and len(text) <= 200 and not is_title(line)


# A declaration's closing words: where the next one-liner printed on the same line begins.
_DECLARATION_END = re.compile(r"(?:声明作废|作废|特此声明|声明)[。！!]")


def run_together_declarations(line: str) -> list[str]:
    """One-line 遗失声明 printed on one line (a PDF column's text runs them together: 林晓燕遗失身份证，声明作废。
    黄俊杰遗失出生医学证明，声明作废。): one part each. A part that is no declaration stays with the one before."""
    parts: list[str] = []
    start = 0
    folded = fold(line)
    for match in _DECLARATION_END.finditer(folded):
        rest = folded[match.end():].strip()
        if rest and is_lost_one_liner(rest) and re.search(r"遗失|丢失|遗落", folded[start:match.end()]):
            parts.append(line[start:match.end()].strip())
            start = match.end()
    parts.append(line[start:].strip())
    return [part for part in parts if part]


def _body_of_title(current: NoticeBlock | None, after: list[str]) -> bool:
    """A 遗失…作废 sentence right under a title that is no declaration heading (厦门市不动产登记中心公告: 林某某遗失…
    的不动产权证书…现将该证书公告作废), followed by its signature, is that notice's body, not a one-liner of its own."""
    if current is None or not current.title or current.lines or re.search(r"遗失|丢失|遗落|声明", fold(current.title)):
        return False
    for line in after[:3]:
        if is_lost_one_liner(line) or is_title(line):
            return False
        if ends_notice(line):
            return True
    return False


_EDITION_LINE = re.compile(r"[日晚早商时]报|第?\s*[A-Za-z]?\d{1,2}\s*版|版面")


def _is_title_fragment(line: str) -> bool:
    """A short unpunctuated line that may be the first part of a title printed over several lines."""
    text = fold(line).strip()
    # the paper's edition line over the first notice (厦门日报 公告 2026年12月6日 A15) is no title's first line
    edition = _EDITION_LINE.search(text) is not None and bool(find_dates(text))
    return 2 <= len(text) <= 25 and not _SENTENCE.search(text) and not is_date_line(text) and not edition


def ends_notice(line: str) -> bool:
    """A signature's last line: a date line, or bodies and date on one line (国网厦门供电公司 2024年5月6日)."""
    if is_date_line(line):
        return True
    parts = signature_parts(line)
    return parts is not None and bool(parts[0]) and parts[2]


def split_column(lines: list[str]) -> list[NoticeBlock]:
    # Chrome is dropped here too, not only in the HTML step: a column may come as text or PDF (a saved page).
    lines = [_BULLET.sub("", line).strip() for line in drop_chrome(lines)]
    lines = [line for line in lines if line]
    blocks: list[NoticeBlock] = []
    current: NoticeBlock | None = None
    seen_title = False

    def close() -> None:
        nonlocal current
        if current is not None:
            blocks.append(current)
        current = None

    for index, line in enumerate(lines):
        if is_lost_one_liner(line) and not _body_of_title(current, lines[index + 1:]):
            close()
            blocks.extend(NoticeBlock(title="", lines=[part], one_liner=True) for part in run_together_declarations(line))
            seen_title = True
            continue
        if is_title(line):
            title = line
            if current is not None and not current.title and not any("特此" in ln for ln in current.lines):
                # Pull the title's first lines back from the untitled block above it.
                while current.lines and _is_title_fragment(current.lines[-1]):
                    title = current.lines.pop() + title
            close()
            current = NoticeBlock(title=title)
            seen_title = True
            continue
        if current is None:
            current = NoticeBlock(title="")
            if not seen_title:
                current.title = ""
        current.lines.append(line)
        if ends_notice(line):
            nxt = lines[index + 1] if index + 1 < len(lines) else ""
            if not is_date_line(nxt) and not (is_date_line(line) and _SCHEDULE_LINE.match(fold(nxt))):
                close()  # the signature date ends the notice
    close()
    return _keep_notices(_business_runs(_with_signatures(blocks)))


# A date line above a line that begins with a clock time (2026.12.8 / 06:30—15:30西坑村部分区域) heads that day's
# windows in a schedule: the notice goes on, it is no signature.
_SCHEDULE_LINE = re.compile(r"^\s*(?:[（(]?(?:上午|下午|晚上|凌晨|全天))?\s*\d{1,2}\s*(?:[:：.]\s*\d{2}|[时点])")

_CLOSING = re.compile(r"^(特此(声明|公告|通知|告知)|声明人|登报人)")


def _is_signature_tail(block: NoticeBlock) -> bool:
    """A block that is only a closing formula and a signature (特此声明。 / 张三 / 2026年12月1日)."""
    if block.title or block.one_liner or not block.lines or not ends_notice(block.lines[-1]):
        return False
    return all(len(fold(line)) <= 40 and (_CLOSING.match(fold(line).strip()) or ends_notice(line) or not _SENTENCE.search(fold(line)))
               for line in block.lines)


def _with_signatures(blocks: list[NoticeBlock]) -> list[NoticeBlock]:
    """A one-line 遗失声明 signed on the lines below it keeps its signature: that tail was a notice of its own
    (titled 特此声明。 or 张三, kind other), and the declaration lost its signer and date."""
    joined: list[NoticeBlock] = []
    for block in blocks:
        if joined and joined[-1].one_liner and len(joined[-1].lines) == 1 and _is_signature_tail(block):
            joined[-1].lines.extend(block.lines)
            continue
        joined.append(block)
    return joined


# One unsigned business notice of its own under a shared heading (注销公告 / 阿强便利店（…）经营者决定注销，请债权人…申报债权。
# / 小鱼餐饮店经营者决定注销，…): a registration act and the creditors' claim in one paragraph.
_BUSINESS_PARAGRAPH = re.compile(r"(?:注销|减资|减少注册资本|合并|分立|清算).*(?:债权|清偿债务)")
_HEADING_ONLY = re.compile(r"^(?:注销|简易注销|减资|合并|分立|清算|债权申报)?公告$")


def _business_runs(blocks: list[NoticeBlock]) -> list[NoticeBlock]:
    """A bare heading (注销公告, 减资公告) over several unsigned paragraphs that are each a whole business notice: one notice
    a paragraph, each under the heading (they were one notice, its company the first). The first keeps the heading and
    its company, so its id (title, signer, date) is the one the whole block had."""
    split: list[NoticeBlock] = []
    for block in blocks:
        paragraphs = [line for line in block.lines if not _CLOSING.match(fold(line).strip())]
        if (_HEADING_ONLY.match(fold(block.title).strip()) and len(paragraphs) >= 2
                and not any(ends_notice(line) for line in block.lines)
                and all(_BUSINESS_PARAGRAPH.search(fold(line)) and len(line) <= 300 for line in paragraphs)):
            split.extend(NoticeBlock(title=block.title, lines=[line]) for line in paragraphs)
            continue
        split.append(block)
    return split


def _keep_notices(blocks: list[NoticeBlock]) -> list[NoticeBlock]:
    has_titles = any(block.title or block.one_liner for block in blocks)
    kept: list[NoticeBlock] = []
    first_titled = next((i for i, b in enumerate(blocks) if b.title or b.one_liner), len(blocks))
    for i, block in enumerate(blocks):
        if block.title and not block.lines:
            continue  # a column heading (便民公告, 遗失声明) or a headline over the notices
        if not block.title and not block.one_liner:
            if has_titles and i < first_titled:
                continue  # page chrome or a reposting site's preface before the first notice
            if has_titles and len("".join(block.lines)) < 40 and not any(ends_notice(ln) for ln in block.lines):
                continue  # debris between notices (share buttons, editor credits)
        kept.append(block)
    return kept
