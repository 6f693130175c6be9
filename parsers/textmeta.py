"""Metadata read from the text of a bare document (PDF, DOCX, plain text) that carries none.

An official document (公文) is laid out the same way everywhere: optional header "XX文件",
the 文号 line, the title lines, the addressee line ending in "：", the body, then the signature
block (落款): issuing body on one line, written date on the next (2014年5月6日 or 二〇一四年五月六日).
"""

from __future__ import annotations

import itertools
import re
from datetime import date

from gongkai.dates import find_dates
from gongkai.identifiers import DOC_NUMBER_RE, find_doc_numbers
from gongkai.parsers.delivered_report import is_news_outlet, read_delivered_report
from gongkai.parsers.labels import byline_date, pairs_from_lines, squeeze
from gongkai.parsers.law_history import decree_name, read_history
from gongkai.parsers.untitled import TRADITIONAL_WORDS, is_kicker, opens_as_body, said_title
from gongkai.textnorm import fold

HEADER_LINES = 12  # the 文号 and title sit in the first lines; deeper 文号 are citations of other documents
BYLINE_LINES = 30  # a saved page's 来源/时间 byline, under its toolbar and breadcrumbs
_ORG_SUFFIX = re.compile(
    r"(?:人民政府|政府|办公厅|办公室|委员会|常务委员会|人大常委会|管理局|局|厅|部|院|署|委|会|中心|公司|集团|"
    r"支队|大队|总队|站|所|处|军委|法院|检察院|银行|协会|学会|联合会|街道办事处|办事处|管委会|清算组|工作组|指挥部)$"
)
_NOTICE_WORDS = ("通知", "决定", "意见", "办法", "批复", "函", "公告", "通告", "通报", "报告", "规定", "方案",
                 "规划", "细则", "纲要", "条例", "决议", "命令", "公报", "请示", "纪要", "声明", "公示", "指引", "措施")
_DATE_LINE = re.compile(
    r"^[\s\u3000]*(?:(?:19|20)\d{2}\s*[年\-./]\s*\d{1,2}\s*[月\-./]\s*\d{1,2}\s*日?"
    r"|[〇一二三四五六七八九0Oo○零]{4}\s*年\s*[一二三四五六七八九十]{1,3}\s*月\s*[一二三四五六七八九十]{1,3}\s*日)[\s\u3000]*$"
)
_MONTH_LINE = re.compile(r"^[\s\u3000]*(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月[\s\u3000]*$")
_DATE_TEXT = (r"(?:(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|(?:19|20)\d{2}[\-./]\d{1,2}[\-./]\d{1,2}"
              r"|[〇一二三四五六七八九0Oo○零]{4}\s*年\s*[一二三四五六七八九十]{1,3}\s*月\s*[一二三四五六七八九十]{1,3}\s*日)")
# A signature's date beside its bodies on one line: the date ends (or starts) the line.
_DATE_AT_END = re.compile(_DATE_TEXT + r"[\s\u3000]*$")
_DATE_AT_START = re.compile(r"^[\s\u3000]*" + _DATE_TEXT)
_SENTENCE_PUNCT = re.compile(r"[，。；！？,;!?]")
# Page chrome that scrapers leave above a title (language switch, search box, toolbar). The toolbar's words are
# also words of titles (医疗器械注册与备案管理办法, …浏览和下载服务的通知): a line shaped as a title is not chrome.
_CHROME = re.compile(r"[|｜>＞»]|首页|当前位置")
_CHROME_WORDS = re.compile(r"搜索|打印|关闭|分享|字号|下载|全屏|浏览|登录|注册")
# A title may end in a bracketed qualifier after its notice word: （试行）, （暂行）, （2020年修订）, （征求意见稿）.
_QUALIFIER = re.compile(r"[（(][^（）()]{1,12}[）)]$")


#: the serial number of a document series printed alone under its header (专题会议纪要 / 〔2024〕18号, 工作简报 / 第12期)
_SERIAL_LINE = re.compile(r"[〔\[［【（(]\s*(?:19|20)\d{2}\s*[〕\]］】）)]\s*第?\s*\d{1,4}\s*[号期]|第\s*\d{1,4}\s*期")


#: a rule drawn with characters (a red 版头's line under the 文号 typed as ————)
_RULE_LINE = re.compile(r"[—\-_=─━﹣－]{3,}")


def is_date_line(line: str) -> bool:
    return _DATE_LINE.match(line) is not None


# An upward document (请示, 报告) prints its signer beside its 文号: 思政〔2023〕8号　　签发人：李明
_SIGNER = re.compile(r"签发人[：:].{0,12}$")
#: …or on a line of its own, beside the 文号 in the layout but a line apart in the text (a PDF's right-aligned cell)
_SIGNER_LINE = re.compile(r"签发人[：:].{0,12}")
#: a person's name alone on a line (2 to 4 Han characters): a second 签发人 printed under the first
_PERSON_NAME = re.compile(r"[\u4e00-\u9fff]{2,4}")
_HAN = re.compile(r"[\u4e00-\u9fff]")


def is_doc_number_line(line: str) -> bool:
    text = _SIGNER.sub("", squeeze(line))
    match = DOC_NUMBER_RE.search(text)
    return match is not None and len(text) - len(match.group(0)) <= 2


def is_addressee_line(line: str) -> bool:
    """Whether `line` is a document's addressee (主送机关) line: bodies, then a colon (各区人民政府，市直各委、办、局：;
    市财政局：), never a sentence's end (现将有关事项通知如下：)."""
    compact = squeeze(line)
    if not compact.endswith(("：", ":")) or len(compact) > 80 or re.search(r"[。；！？;!?]", compact):
        return False
    names = [part for part in re.split(r"[，、,]", compact[:-1]) if part]
    return bool(names) and (compact.startswith("各") or all(looks_like_org(part) for part in names))


def looks_like_org(line: str) -> bool:
    """A short line naming an organisation (国务院办公厅, 厦门市人民政府, 福州市自来水有限公司)."""
    text = squeeze(line)
    # A colon or an enumeration comma means a "label：list" line (停电范围：…、…中心), not a signature.
    return (2 <= len(text) <= 40 and not _SENTENCE_PUNCT.search(text) and not re.search(r"[：:、]", text)
            and _ORG_SUFFIX.search(text) is not None)


# Decrees and numbered announcements print their number under the header, without brackets:
# "中华人民共和国国务院令 / 第707号" (国令第707号), "国家税务总局公告 / 2018年第58号".
_DECREE_HEADER = re.compile(r"(?:中华人民共和国)?(?P<body>.{2,24}?)令")
_DECREE_NUMBER = re.compile(r"第\s*(?P<n>[0-9一二三四五六七八九十百零〇]+)\s*号")
_ANNOUNCEMENT_NUMBER = re.compile(r"(?P<y>(?:19|20)\d{2})\s*年\s*第\s*(?P<n>\d+)\s*号")
#: …or with the year in brackets, as local governments number theirs: 厦门市人民政府公告 / 〔2024〕第3号
_BRACKETED_ANNOUNCEMENT_NUMBER = re.compile(r"[〔\[［【（(]\s*(?P<y>(?:19|20)\d{2})\s*[〕\]］】）)]\s*第?\s*(?P<n>\d+)\s*号")


def decree_number(lines: list[str]) -> str:
    """国令第707号 / 主席令第四十五号 / 国家税务总局公告2018年第58号 from a two-line header, else ''."""
    for first, second in itertools.pairwise(lines[:5]):
        head, number = squeeze(first), squeeze(second)
        decree = _DECREE_HEADER.fullmatch(head)
        match = _DECREE_NUMBER.fullmatch(number)
        if decree and match:
            body = decree["body"]
            return f"{decree_name(body)}第{match['n']}号"
        match = _ANNOUNCEMENT_NUMBER.fullmatch(number)
        if head.endswith("公告") and "关于" not in head and match:
            return f"{head}{match['y']}年第{match['n']}号"
        if decree and match and "关于" not in head:
            # 中华人民共和国交通运输部令 / 2016年第51号: a ministry numbering its 令 within the year (it gave no 文号: fields9);
            # the form a reference prints it in (parsers.validity reads 交通运输部令2016年第51号)
            return f"{decree['body']}令{match['y']}年第{match['n']}号"
        match = _BRACKETED_ANNOUNCEMENT_NUMBER.fullmatch(number)
        if match and _is_announcement_header(head):
            return f"{head}〔{match['y']}〕{match['n']}号"
    return ""


def _is_announcement_header(head: str) -> bool:
    """A numbered announcement's header names its body alone (厦门市人民政府公告, 厦门市公安局通告); a title saying what about
    (…关于…的公告) is a titled announcement, its number no 文号 of its own (review s13: the title made the 文号)."""
    return head.endswith(("公告", "通告")) and len(head) <= 30 and "关于" not in head


def _announcement_header(lines: list[str]) -> str:
    head = squeeze(lines[0]) if lines else ""
    return head if _is_announcement_header(head) else ""


def decree_title(lines: list[str]) -> str:
    """The regulation a decree promulgates: 现公布《中华人民共和国个人所得税法实施条例》 -> its name."""
    for line in lines[:HEADER_LINES]:
        # 现公布《X》, or as local governments' decrees print it: 《X》已经…常务会议通过，现予公布 (the regulation the
        # sentence's subject; a 公告's 根据《X法》…规定，现将…予以公布 cites a law and publishes something else)
        match = re.search(r"(?:公布|发布|颁布)(?:修订后的)?《(?P<t>[^《》]{4,80})》", line) or \
            re.match(r"《(?P<t>[^《》]{4,80})》(?:已经|已于|经)[^《》。]{0,80}?(?:现予|予以|现将其)(?:公布|发布|颁布)", squeeze(line))
        if match:
            return match["t"]
    return ""


#: a body's 公告 numbered within its year, on one line: the header and the number (no 关于: a title's 公告 cites one)
_ONE_LINE_ANNOUNCEMENT = re.compile(r"(?P<h>[\u4e00-\u9fff]{2,30}?公告)(?P<y>(?:19|20)\d{2})年第(?P<n>\d{1,4})号")


def header_doc_number(lines: list[str]) -> str:
    """The document's own 文号: a line that is one 文号 in the header, else the first 文号 in the header."""
    head = lines[:HEADER_LINES]
    decree = decree_number(head)
    if decree:
        return decree
    # the document's own 文号 is printed above its addressee and its text: one after them is another's (a catalogue of
    # the documents a notice repeals: 各单位： / 决定废止以下文件： / 文件名称 | 文号 / … | 厦府〔2015〕88号)
    opened = next((index for index, line in enumerate(head) if "。" in line or is_addressee_line(line)), len(head))
    head = head[:opened]
    for line in head:
        if is_doc_number_line(line):
            return find_doc_numbers(squeeze(line))[0]
        if (numbered := _ONE_LINE_ANNOUNCEMENT.fullmatch(squeeze(line))) and "关于" not in numbered["h"]:
            # 海关总署公告2024年第56号, 财政部 税务总局公告2024年第5号 on one line above the text (a ministry's page prints its number
            # so, centred: fields14); as two lines it is decree_number's
            return f"{numbered['h']}{numbered['y']}年第{numbered['n']}号"
    for line in head:
        # Not in a line that cites other documents: 《...》（国办发〔2021〕12号）.
        if "《" in line or len(squeeze(line)) > 60:
            continue
        found = find_doc_numbers(squeeze(line))
        if found:
            return found[0]
    return ""


def _titled(text: str) -> bool:
    """Whether a line ends as a title ends: its notice word (通知, 办法 …), perhaps with a bracketed qualifier."""
    return _QUALIFIER.sub("", text).endswith(_NOTICE_WORDS)


ends_as_title = _titled  # for the HTML parser's choice among a page's lesser headings


def heading_title(lines: list[str]) -> str:
    """The title from the first heading lines: consecutive short lines before the addressee or body."""
    parts: list[str] = []
    skip = ""
    signer = False
    head = lines[:HEADER_LINES + 4]
    for index, line in enumerate(head):
        text = line.strip()
        if not text:
            if parts:
                continue  # PDFs put blank lines between the lines of a title
            continue
        compact = squeeze(text)
        if skip and compact == skip:
            skip = ""
            continue  # the series' number under its header
        if _SIGNER_LINE.fullmatch(compact):
            signer = True
            continue  # 签发人：李明 under the 文号: no title line, nor the end of the title's search
        if signer and not parts and _PERSON_NAME.fullmatch(compact) and not looks_like_org(compact) \
                and not _titled(compact) and "关于" not in compact:
            continue  # a second signer under the first (签发人：李　明 / 王建国, a PDF's cell of two names: fields13)
        signer = False
        if not parts and len(_HAN.findall(compact)) < 2 and len(compact) <= 6:
            continue  # a scan's speck read as letters above the header (VE应): no title's first line lacks two Han characters
        if not parts and is_kicker(compact):
            continue  # a post's kicker above its heading (最新通告！, 【重要提醒】): no title's line (fields14)
        if is_doc_number_line(text) or is_date_line(text):
            # The red header's bodies printed without 文件 (厦门市思明区人民政府 / 思政〔2023〕8号): the title follows. After a
            # body and a date (厦门市人民代表大会常务委员会 / 2023年5月1日) only when a title line comes next, not a sentence.
            # a 版头 ending in 文件 over the 文号 is a header even when its body's name is misread (州市人民政府办公至文件: a scan's
            # greyed red type, fields14): a title above its 文号 never ends in 文件 without 关于 (…关于废止部分规范性文件的通知)
            red_header = (len(parts) == 1 and parts[0].endswith("文件") and "关于" not in parts[0]
                          and is_doc_number_line(text))
            if parts and not red_header and not (_header_only(parts) and (is_doc_number_line(text) or _title_next(head[index + 1:]))):
                break
            parts = []
            continue
        if compact == "文件" and (not parts or _header_only(parts)):
            # a joint red header: 厦门市教育局　厦门市财政局 / 文件; its 文件 printed beside the bodies' lines, which a PDF may give
            # after the 文号 under them (青海省财政厅 / 青海省农业农村厅 / 青财农字〔2024〕312号 / 文件): never a title's line
            parts = []
            continue
        header = re.fullmatch(r"(.{2,30})文件", compact)
        if header and (not parts or _header_only(parts)) and "关于" not in compact and _ORG_SUFFIX.search(header.group(1)):
            # the red header "国务院办公厅文件" (not a title line ending in ...规范性文件); a joint header's 文件 may stand on
            # its last body's line (厦门市教育局 / 厦门市财政局　文件, a DOCX's header table: fields13)
            parts = []
            continue
        if not parts and _card_line(compact):
            continue  # a catalogue card above the title (索引号：… / 文号：… / 成文日期：…, a DOCX's table): the title follows it
        if "：" in compact or ":" in compact or len(compact) > 60 or _SENTENCE_PUNCT.search(compact):
            break  # addressee line, a "label：value" header line, or running text
        if re.fullmatch(r"[\d\-—\s第页/]+", compact):
            continue  # page numbers
        if parts and _DATE_AT_START.match(compact):
            break  # a promulgation line under the title: 2001年3月13日 …局令第27号公布
        if _CHROME.search(compact) or (_CHROME_WORDS.search(compact) and not _titled(compact) and "关于" not in compact):
            if parts:
                break
            continue
        parts.append(compact)
        if _titled(compact) and len("".join(parts)) >= 6:
            # (a red rule under the series' number, a DOCX's line of —, is no line of the layout: fields14)
            rest = [squeeze(line) for line in head[index + 1:] if line.strip() and not _RULE_LINE.fullmatch(squeeze(line))]
            if len(rest) >= 2 and _SERIAL_LINE.fullmatch(rest[0]) and _title_next(rest[1:2]) and "关于" not in "".join(parts):
                # 厦门市思明区人民政府 / 专题会议纪要 / 〔2024〕18号 / 关于…的会议纪要: a series' header and its number, the title under
                # them (a 公告 numbered so and followed by its text keeps its header as title; so does a titled 关于…的通告 above
                # its number, the title of an attachment under it)
                parts, skip = [], rest[0]
                continue
            # …控制性详细规划 / 修改的批前公示: a title line may end in a notice word and the title go on, on a short line
            # of its own that ends as a title does, or a bracketed qualifier alone ((2025—2027年)); never a sentence.
            # The going-on brings the 的 of a title's X的通知; a title already closed (关于…的公示) goes on with nothing
            # but a qualifier: the line under it is a sentence (根据有关规定现予以公示) or an attachment's own title.
            following = next((squeeze(rest) for rest in head[index + 1:] if rest.strip()), "")
            closed = re.search(r"关于(?:(?!关于).)*的", "".join(parts)) is not None
            if following and len(following) <= 30 and not _SENTENCE_PUNCT.search(following) and ":" not in following \
                    and "：" not in following and not is_date_line(following) and not is_doc_number_line(following) \
                    and ((_titled(following) and "的" in following and not closed)
                         or re.fullmatch(r"[（(][^（）()]{1,16}[）)]", following)) and len(parts) < 4:
                parts.append(following)
            break
        if len(parts) >= 4:
            break
    title = "".join(parts)
    # "厦府〔2017〕327号《厦门市人民政府关于...的通知》" as reprint sites print it: the title is inside 《》.
    wrapped = re.fullmatch(r"(?:.{0,20}?号)?《(.+)》", title)
    return wrapped.group(1) if wrapped and "《" not in wrapped.group(1) else title


#: the fields of a catalogue card a document may print above its title (never its title: a 名称/标题 line names it)
_CARD_FIELDS = frozenset({"index_number", "issuer", "doc_number", "written_date", "publish_date", "topic", "keywords"})


def _card_line(compact: str) -> bool:
    """Whether a line is one label：value pair of a catalogue card (索引号：NP00101-…, 成文日期：2025-02-14)."""
    if "：" not in compact and ":" not in compact:
        return False
    pairs = pairs_from_lines([compact])
    return bool(pairs) and set(pairs) <= _CARD_FIELDS


def _title_next(lines: list[str]) -> bool:
    """Whether the next printed line is shaped as a title (关于…, or ending in its notice word), not running text."""
    following = next((squeeze(line) for line in lines if line.strip()), "")
    return bool(following) and not _SENTENCE_PUNCT.search(following) and ("关于" in following or _titled(following))


def _header_only(parts: list[str]) -> bool:
    """Whether the lines read so far only name bodies (a red header), no title: each an organisation's name."""
    return all(not _titled(part) and "关于" not in part and looks_like_org(part) for part in parts)


def _header_issuer(lines: list[str]) -> str:
    """The body named by the red header: "厦门市人民政府办公厅文件", or a decree "中华人民共和国国务院令"."""
    for line in lines[:4]:
        match = re.fullmatch(r"(.{2,30}?)文件", squeeze(line)) or re.fullmatch(r"(?:中华人民共和国)?(.{2,30}?)令", squeeze(line))
        if match and _ORG_SUFFIX.search(match.group(1)):
            return match.group(1)
    return ""


def _org_names(line: str) -> list[str]:
    """The organisation(s) on a signature line; two bodies side by side are split on their spacing."""
    parts = [part for part in re.split(r"[\s\u3000\u00a0]+", line.strip()) if part]
    if len(parts) > 1 and all(looks_like_org(part) for part in parts):
        return [squeeze(part) for part in parts]
    return [squeeze(line)] if looks_like_org(line) else []


def signature_parts(line: str) -> tuple[list[str], date | None, bool] | None:
    """(organisations printed on the line, its date, whether the date is a full one) when `line` ends a signature
    block, else None. A signature is a date line ("2014年5月6日", "二〇一四年五月六日", "2021年3月"), or bodies and the
    date on one line in either order ("国网厦门供电公司 2024年5月6日", "2024年5月6日 国网厦门供电公司"), also after the
    last sentence of a paragraph ("特此公告。国网厦门供电公司2024年5月6日"): layouts differ by how the page was typeset,
    not by what the notice says."""
    full = is_date_line(line)
    if full or _MONTH_LINE.match(line):
        return [], (find_dates(line)[0] if full and find_dates(line) else None), full
    tail = re.split(r"[。；！？;!?]", line)[-1].strip()
    for pattern in (_DATE_AT_END, _DATE_AT_START):
        match = pattern.search(tail)
        if not match:
            continue
        rest = (tail[:match.start()] + tail[match.end():]).strip(" \t\u3000\u00a0")
        names = _org_names(rest) if rest else []
        if names:
            found = find_dates(match.group(0))
            return names, (found[0] if found else None), bool(found)
    return None


#: An imprint's date (版记: 厦门市湖里区人民政府办公室 2025年7月11日印发): the day a body had the document printed.
_IMPRINT = re.compile(r"(?<=日)\s*印发\s*$")


def signature(lines: list[str]) -> tuple[str, date | None]:
    """(issuing body, written date) from the first signature block: org line(s) right above a date line
    (a full date, or a year and month only as some notices sign: "2021年3月"), or bodies and date on one line
    (see signature_parts). A document signed nowhere else (a 会议纪要) is signed by its imprint (版记: the office above
    or beside `2025年7月11日印发`; review s17: it had no issuer and no date); a signature, where there is one, wins."""
    found = _signature_block(lines, None)
    if found[0] or not any("印发" in line for line in lines):
        return found
    imprinted = [_IMPRINT.sub("", line) for line in lines]
    return _signature_block(imprinted, {i for i, (a, b) in enumerate(zip(lines, imprinted)) if a != b})


def _signature_block(lines: list[str], only: set[int] | None) -> tuple[str, date | None]:
    """signature's first block, its date on one of the lines `only` names (None: any line)."""
    for i, line in enumerate(lines):
        if only is not None and i not in only:
            continue
        parts = signature_parts(line)
        if parts is None:
            continue
        orgs, signed, _full = parts
        if i < (1 if orgs else 2):
            continue  # a date line at the top is a dateline or the title's date; a first line is no signature
        j = i - 1
        while j >= 0 and len(orgs) < 3:
            above = lines[j].strip()
            if not above:
                j -= 1
                continue
            names = _org_names(above)
            if not names:
                # "中华人民共和国主席  习近平": a title and a name, not an organisation.
                break
            orgs = names + orgs
            j -= 1
        if orgs:
            return "、".join(orgs), signed
    return "", None


#: A decision's or regulation's adoption under its title: （2024年6月25日厦门市第十六届人民代表大会常务委员会第二十次会议通过）,
#: its revisions after it (…通过　根据2021年…决定修正): the text printed is the last of them.
_ADOPTION_LINE = re.compile(r"[（(](?=[^（）()]*(?:通过|批准|修正|修订))[^（）()]{6,300}[）)]")
#: …beside the day it takes effect (…会议通过，自2017年9月10日起施行): no adoption, and later than all of them. Read squeezed:
#: it follows 自, a comma, or the adoption's own verb (…通过　2018年1月1日起实施).
_TAKES_EFFECT = re.compile(r"(?:自|(?<=[，,；;])|(?<=通过|批准|修正|修订))[^，,；;自]{6,20}?起(?:施行|实施|执行|生效)")


def adoption_date(lines: list[str]) -> date | None:
    """The day of the last adoption or revision printed in parentheses in the header, or None."""
    for line in lines[:HEADER_LINES]:
        match = _ADOPTION_LINE.match(squeeze(line))  # the start of a line: a PDF may run the next paragraph on
        if match:
            found = find_dates(_TAKES_EFFECT.sub("", match.group(0)))
            if found:
                return max(found)
    return None


def first_date_line(lines: list[str]) -> date | None:
    for line in lines:
        if is_date_line(line):
            found = find_dates(line)
            if found:
                return found[0]
    return None


#: What a title may open with before 关于 that is no body's name: a quoted or labelled document (《…关于…》政策解读,
#: 解读：…, 图解|…, 【政策解读】…) or a verb whose subject is left out (转发国务院办公厅关于…, 一图读懂国务院关于…): the body named
#: there issued the document the page is about, not the page (review s14: 来源：本站 pages of a 解读 column).
_NOT_A_BODY_HEAD = re.compile(
    r"[《》〈〉【】\[\]：:｜|“”\"'‘’！!？?，,。;；]|^(?:转发|印发|关于|解读|图解|图说|图读|一图|读懂|视频|漫画|动漫|速览)"
)


def issuer_from_title(title: str) -> str:
    """国务院办公厅关于... -> 国务院办公厅 (the issuer names itself before 关于 in most titles); '' when what comes first is no
    body's name alone (_NOT_A_BODY_HEAD)."""
    match = re.match(r"(.{2,30}?)(?:关于|转发|印发)", title)
    if match and _ORG_SUFFIX.search(match.group(1)) and not _NOT_A_BODY_HEAD.search(match.group(1)):
        return match.group(1)
    return ""


def _heading_above_title_label(lines: list[str], title: str) -> bool:
    """Whether the document's heading is a title (关于…的公告, …办法) printed above every `名称：`/`标题：` label line: such a
    line is then the body's (a tender's project card 名称：江头片区改造工程, a DOCX table of label cells), not the header
    card naming the document (review s15: the card's 名称 replaced the heading 关于…施工招标的公告)."""
    if not (_titled(title) or "关于" in title):
        return False
    start = next((i for i, line in enumerate(lines[:HEADER_LINES]) if (head := squeeze(line)) and title.startswith(head)), None)
    return start is not None and "title" not in pairs_from_lines(lines[:start])


#: characters of Traditional text a 公文's header or signature holds (關於, 辦公廳, 號, 為) and Simplified text never does: a few `in`
#: tests before folding a whole text
_TRADITIONAL_MARKS = ("關", "廳", "號", "辦", "為", "與")


def _read_in_simplified(text: str) -> str:
    """A Traditional text's Han characters folded to Simplified, one for one (ASCII and punctuation as printed), so the layout's
    words read (關於 is 关于, 辦公廳 ends as a body does); any other text as it is."""
    if not any(mark in text for mark in _TRADITIONAL_MARKS):
        return text
    folded = fold(text)
    if len(folded) != len(text):
        return text
    return "".join(simple if "\u3400" <= original <= "\u9fff" else original for original, simple in zip(text, folded))


def _as_printed(value: str, read: str, printed: str) -> str:
    """`value`, found in the folded text `read`, as `printed` prints it (the two are of one length, character for character);
    each body of a joined signature (A、B) on its own; `value` when it is not found."""
    if "、" in value and value not in read:
        return "、".join(_as_printed(part, read, printed) for part in value.split("、"))
    spaces = re.compile(r"\s+")
    squeezed_read, squeezed_printed = spaces.sub("", read), spaces.sub("", printed)
    at = squeezed_read.find(spaces.sub("", value)) if len(squeezed_read) == len(squeezed_printed) else -1
    return squeezed_printed[at:at + len(spaces.sub("", value))] if at >= 0 else value


def text_metadata(text: str) -> dict[str, object]:
    """Record fields read from a document's text: labelled header lines first, then the layout. A Traditional text is read
    in Simplified characters (its header 廈門市人民政府辦公廳文件 and title 關於… were not known) and its words kept as printed
    (the 文号 is folded to Simplified later, as every 文号 is)."""
    read = _read_in_simplified(text)
    fields = _text_metadata(read)
    said = _said_title(read, str(fields.get("issuer", ""))) if "title" not in fields else []
    if read is not text:
        for key, value in fields.items():
            if isinstance(value, str) and key != "doc_number":
                fields[key] = _as_printed(value, read, text)
            elif isinstance(value, list):
                fields[key] = [_as_printed(item, read, text) if isinstance(item, str) else item for item in value]
    if said:
        traditional = read is not text
        fields["title"] = "".join(
            (_as_printed(piece, read, text) if traditional else piece) if printed
            else (TRADITIONAL_WORDS.get(piece, piece) if traditional else piece)
            for piece, printed in said
        )
    return fields


def _said_title(read: str, signer: str) -> list[tuple[str, bool]]:
    """A text opening with its addressee, no heading above it: the title it says it has (parsers/untitled.py), its pieces."""
    nonblank = [line.strip() for line in read.splitlines() if line.strip()]
    if not opens_as_body(nonblank, is_addressee_line):
        return []
    start = next(index for index, line in enumerate(nonblank) if not is_kicker(line)) + 1
    return said_title(nonblank[start:], signer)


def _text_metadata(text: str) -> dict[str, object]:
    lines = [line.strip() for line in text.splitlines()]
    nonblank = [line for line in lines if line]
    # A header block of "label：value" lines (发文单位：..., 文    号：...) sits above the body, never inside it.
    fields: dict[str, object] = dict(pairs_from_lines(nonblank[:HEADER_LINES]))
    # a saved page's byline may sit below its toolbar's lines (下载 打印 全屏 … 【字号：加大 还原 减小】), past the header
    if "publish_date" not in fields and (day := byline_date(nonblank[:BYLINE_LINES])):
        fields["publish_date"] = day
    if decree_number(nonblank):
        # Below a decree/announcement header: the promulgated regulation's name, else the next heading.
        # A numbered announcement with no title of its own under its number (厦门市人民政府公告 / 〔2024〕第3号 / 根据…) is
        # called by its header.
        # (the header may stand under the body's name alone: 国家税务总局浙江省税务局 / …税务局公告 / 2025年第2号, fields13)
        start = next((i for i in range(4) if decree_number(nonblank[i : i + 2])), 0)
        title = (decree_title(nonblank) or heading_title(nonblank[start + 2 :])
                 or _announcement_header(nonblank[start:]))
    else:
        title = heading_title(nonblank)
    if title:
        # (a card below the heading printing its name whole, 厦门市人民政府办公厅关于印发X的通知 under 关于印发X的通知, still names it)
        if "title" in fields and squeeze(title) not in squeeze(str(fields["title"])) and _heading_above_title_label(nonblank, title):
            fields["title"] = title
        fields.setdefault("title", title)
    history = read_history(nonblank)  # a law's 通过/公布/修正 lines under its title (parsers/law_history.py)
    doc_number = header_doc_number(nonblank) or (history.doc_number if history else "")
    if doc_number:
        fields.setdefault("doc_number", doc_number)
    sig_issuer, sig_date = signature(nonblank)
    report = read_delivered_report(nonblank)  # a report delivered at a meeting (parsers/delivered_report.py)
    issuer = sig_issuer or _header_issuer(nonblank)
    if history and issuer and issuer != history.issuer and issuer in history.issuer:
        issuer = history.issuer  # `1984年1月7日 国务院` / `中央军委发布`, read as a signature, is half of a joint issuer
    issuer = (issuer or (history.issuer if history else "")
              or (report.issuer if report else "") or issuer_from_title(str(fields.get("title", ""))))
    if issuer:
        fields.setdefault("issuer", issuer)
        if is_news_outlet(str(fields["issuer"])) and not is_news_outlet(issuer):
            fields["issuer"] = issuer  # 来源:厦门广电 under a 交警支队's 通告 a post reprints (web-notice-008): it carries, not issues
    if report and report.issuer:
        fields["delivered_by"] = report.issuer  # build_record's: it replaces a newspaper named as the page's 来源
        if is_news_outlet(str(fields.get("issuer", ""))):
            fields["issuer"] = report.issuer
    written = (sig_date or (history.written if history else None) or (report.day if report else None)
               or first_date_line(nonblank) or adoption_date(nonblank))
    if written:
        fields.setdefault("written_date", written)
    if history and history.promulgated:
        fields.setdefault("publish_date", history.promulgated)
    if history and history.written:
        fields["history_day"] = history.written  # build_record's: a file named with a later version's day
    return fields
