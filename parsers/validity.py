"""Read what a document says about its own validity and about other documents (issue 19).

Pure functions over the text: no store, no clock. `read_statements(title, body, publish_date)` gives

- the effective date (自2015年1月1日起施行; 自发布/公布/印发之日起施行 → the publish date),
- a validity period (有效期5年, 有效期至2020年12月31日, 试行2年) and the expiry date it implies,
- references to named documents, each with the sentence that states it:
  `repeals` (…同时废止), `amends` (关于修改《X》的决定, 对《X》作如下修改), `amended_by` (a consolidated text's
  根据《…决定》第二次修正), `extends` (有效期延长至…), `suspends` (暂停执行《X》, 暂缓执行, 中止执行), `resumes`
  (恢复执行《X》, 《X》自…起继续执行), `suspends_part` (暂停执行《X》第十二条: X stays in force), `cites` (《…》（文号）, 根据《…》),
- general clauses (凡与本规定不一致的，以本规定为准) kept as sentences: they name no document, so no edge.

Each reference carries what is printed: the title (《》 stripped), a 文号 or 令 number, a date and the
issuer, so that resolution (gongkai.validity) can match on the strongest key.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from gongkai.dates import cn_number, parse_date
from gongkai.identifiers import DOC_NUMBER_RE, normalize_doc_number, printed_doc_number
from gongkai.textnorm import FULLWIDTH_DIGITS, fold

#: the patterns written inline below, compiled once: re.sub(pattern, …) looks its pattern up in re's cache on
#: every call (~1.5 µs), a tenth of the reading of a record (issue 19's ingest cost)
_rx = lru_cache(maxsize=None)(re.compile)

# Full-width digits and brackets to half-width, length-preserving (offsets stay valid).
_WIDTH: dict[int, int | str] = dict(FULLWIDTH_DIGITS)
_WIDTH.update({ord("〈"): "〈", ord("<"): "〈", ord(">"): "〉", ord("＜"): "〈", ord("＞"): "〉", ord("\u3000"): " "})


# a date in digits, or in Chinese numerals as signatures and some clauses print it (二〇一五年一月一日; its zeros typed
# as ASCII 0 or the letter O too: 二00八年, 二OO九年, as gongkai.dates.parse_date reads them)
_CN_DATE = r"[〇○零0OＯ一二三四五六七八九]{4}\s*年\s*[一二三四五六七八九十]{1,3}\s*月\s*[一二三四五六七八九十]{1,3}\s*日"
_DATE = r"(?:(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|" + _CN_DATE + ")"
_DATE_RE = re.compile(_DATE)
_NUM = r"[0-9一二两三四五六七八九十百零〇]+"

# The document's own name as its text says it: 本办法, 本规定, 本通知, 本细则, 本意见 …
#: not the 本 of a word (基本医疗保险办法, 定价成本监审办法: another document, read as the record's 本…办法), nor a thing
#: the document lists (本决定所列文件, 本通知所涉文件, 本公告附件的: their end is not its end); the check after the 本 keeps the
#: literal first character re skips to; nor 本市X办法, 本省X条例 (the city's, the province's: the record says 本办法)
_SELF = r"本(?<![基根成资样文版日副课账剧脚原范标蓝书读话工血老母底刻抄绘稿善]本)(?![市省区县镇乡村])(?:(?![所的附涉列])[\u4e00-\u9fff]){0,6}?(?:办法|规定|条例|细则|通知|意见|决定|规则|规范|方案|制度|规程|标准|准则|措施|政策|文件|实施意见|指引|目录|清单|公告|通告|令|纲要|规划|计划|守则|章程)"

# 自发布之日起30日后施行, 自公布之日起三个月后施行: a delay after the date (the 起 of the clause, then the delay)
_DELAY = r"(?P<delay>[0-9一二两三四五六七八九十]{1,4})\s*(?P<delay_unit>日|天|个月|月)后\s*"
# 起正式施行, 起开始执行: an adverb between 起 and the verb (held-out Xiamen and provincial notices)
_EFFECTIVE_ADVERB = r"(?:正式|开始)?\s*"
# 本通知自2020年1月1日起至2022年12月31日止执行: the effective clause holding the last day in force
_UNTIL_IN_CLAUSE = r"(?:至\s*" + _DATE + r"\s*(?:止)?\s*)?"  # read from the clause's sentence (read_statements)
_EFFECTIVE_RE = re.compile(
    r"(?P<self>" + _SELF + r")?[^。；，,\n]{0,12}?自\s*(?:(?P<date>" + _DATE + r")|(?:本[\u4e00-\u9fff]{1,6}?|文件)?(?P<onpub>发布|公布|颁布|印发|下发|发文|公告|签发)之日)\s*起\s*"
    + _UNTIL_IN_CLAUSE + r"(?:" + _DELAY + r")?" + _EFFECTIVE_ADVERB + r"(?:施行|实施|执行|生效|实行)$"
)
_EFFECTIVE_VERBS = ("施行", "实施", "执行", "生效", "实行")  # 自2024年1月1日起实行 (some provinces' word)
_EFFECTIVE_END_RE = re.compile(
    r"起\s*(?:至\s*" + _DATE + r"\s*(?:止)?\s*)?(?:[0-9一二两三四五六七八九十]{1,4}\s*(?:日|天|个月|月)后\s*)?" + _EFFECTIVE_ADVERB
    + "(?:" + "|".join(_EFFECTIVE_VERBS) + ")"
)
_HEADER_EFFECTIVE_RE = re.compile(r"^\s*(?P<date>" + _DATE + r")\s*(?:起)?\s*施行\s*$", re.M)
_HEADER_WORD_RE = re.compile("施行")  # the one word _HEADER_EFFECTIVE_RE needs (the pre-check below)

# 有效期 of the document itself: right after its effective clause, or said of 本办法; never 许可证有效期.
# 有效期限为5年, 执行期限至2024年12月31日 (Xiamen's 若干措施), 有效期为2023年1月1日至2025年12月31日 (a range: its
# first day is the effective date when no clause says one); a year of a date is never a period (有效期为2023年…)
_PERIOD_WORD = r"(?:政策|文件)?(?:有效期限?|执行期限?|实施期限?|施行期限?)"
# a line's serial (三、有效期：…, （二）有效期：…): a label line may start with one
_LINE_SERIAL = r"(?:[一二三四五六七八九十\d]+[、.．]|[（(][一二三四五六七八九十\d]+[)）])"
# 有效期至2025年底 (年末), 有效期至2024年12月: the end of that year or month
# …its year in Chinese numerals too (validity7: 有效期至二〇二七年底 read as none)
_CN_YEAR = r"(?:19|20)\d{2}|[一二][〇○零0OＯ一二三四五六七八九]{3}"
_UNTIL_COARSE = (
    r"(?P<until_year>" + _CN_YEAR + r")\s*年\s*(?:底|末)|(?P<until_month_y>" + _CN_YEAR + r")\s*年\s*"
    r"(?P<until_month>\d{1,2}|[一二三四五六七八九十]{1,3})\s*月(?!\s*[\d一二三四五六七八九十])"
)
# 本办法有效期为五年，自2021年1月1日起至2025年12月31日止: the days printed after the duration decide
_SPAN_AFTER_RE = re.compile(r"自\s*(?P<since>" + _DATE + r")\s*(?:起)?\s*(?:至|到)\s*(?P<until>" + _DATE + r")")
#: a date with dashes, slashes or dots, as a page card prints it (2024-03-01, 2024/3/1, 2024.03.01)
_DASHED_DATE = r"(?:19|20)\d{2}\s*[-/.．]\s*\d{1,2}\s*[-/.．]\s*\d{1,2}(?!\d)"
_PERIOD_RE = re.compile(
    # validity7: 自印发之日起施行有效期五年, the period run on after its effective verb with no comma (read as no period)
    r"(?:^|[，,；;。]|起\s*(?:的)?|起\s*" + _EFFECTIVE_ADVERB + r"(?:施行|实施|执行|实行|生效)\s*(?:并)?|" + _SELF + r"(?:的)?"
    r"|\n\s*" + _LINE_SERIAL + r"?)\s*(?:"
    + _PERIOD_WORD + r"\s*(?:为|是|：|:)?\s*(?:自\s*)?(?P<since>" + _DATE + r")\s*(?:起)?\s*(?:至|到|—|-|~|～)\s*(?P<range_end>" + _DATE + r")"
    # 实施期限为2023年至2025年, 2023—2025年 (a 方案's years): to the end of the last one
    r"|" + _PERIOD_WORD + r"\s*(?:为|是|：|:)?\s*(?:19|20)\d{2}\s*年?\s*(?:至|到|—|-|~|～|－)\s*(?P<until_y>(?:19|20)\d{2})\s*年(?!\s*\d)"
    # validity6: 自2025年2月1日起试行，为期三年 (起施行，为期二年): the term after a comma and 为期
    r"|(?P<kind>有效期限?|试行期限?|试行|执行期限?|实施期限?|施行期限?|(?<=起)(?:施行|实施|执行)(?=[，,]\s*为期))"
    r"\s*(?:[，,]?\s*为期|为|是|暂定为|暂定)?\s*(?!(?:19|20)\d{2}\s*年)(?P<n>" + _NUM + r")\s*(?:个)?\s*(?P<unit>年|个月|月)"
    r"|" + _PERIOD_WORD + r"\s*(?:为|是)?\s*(?:至|到|截至|截止(?:到|至)?)\s*(?:(?P<until>" + _DATE + r")|" + _UNTIL_COARSE + ")"
    # 本意见自印发之日起5年内有效 (validity5: no 有效期 word, read as nothing): that many years from the day it names
    r"|自\s*(?:(?P<within_from>" + _DATE + r")|(?:本[\u4e00-\u9fff]{1,6}?|文件)?(?:发布|公布|颁布|印发|下发|发文|签发|施行|实施)之日)\s*起\s*"
    r"(?P<within>" + _NUM + r")\s*(?:个)?\s*(?P<within_unit>年|个月|月)(?:内|以内)有效)"
)
#: a card's 有效期：2024-03-01至2027-02-28 (dates with dashes, slashes or dots: on a label line only), searched at an anchor
#: followed by its colon where _PERIOD_RE found nothing
_DASHED_PERIOD_RE = re.compile(
    r"(?:^|\n)\s*" + _LINE_SERIAL + r"?\s*" + _PERIOD_WORD + r"\s*[：:]\s*(?P<dsince>" + _DASHED_DATE + r")\s*(?:至|到|—|~|～|－|-)\s*"
    r"(?P<drange_end>" + _DASHED_DATE + r")")

#: references kept per document: a real one names dozens; a hostile one could name a million
MAX_REFERENCES = 500

_TITLE_RE = re.compile(r"《(?P<t>[^《》\n]{2,120})》")
# used with match(): anchored at its position; one bracket inside (（厦府(2016)8号）: a 文号's year in half-width ones)
_PAREN_AFTER_RE = re.compile(r"\s*[（(](?P<p>[^（）()\n]{2,60}|[^（）()\n]{0,40}[（(][^（）()\n]{1,12}[）)][^（）()\n]{0,40})[）)]")
_ORDER_RE = re.compile(r"(?P<issuer>[\u4e00-\u9fff]{1,30}?)令\s*第\s*(?P<n>" + _NUM + r")\s*号")
_ISSUER_VERB_RE = re.compile(
    r"(?P<date>" + _DATE + r")\s*(?P<issuer>[\u4e00-\u9fff、]{0,40}?)(?:令\s*第\s*" + _NUM + r"\s*号)?\s*(?P<verb>发布|公布|印发|颁布|批准|制定|通过|修改|修订|施行|下发)"
)

#: an issuer printed without a date right before a title: 厦门市人民政府发布的《…》 (the body's own kind of name)
_ISSUER_ONLY_RE = re.compile(
    r"(?P<issuer>[\u4e00-\u9fff]{0,28}?(?:人民政府|政府|委员会|办公厅|办公室|总局|局|部|院|厅|委|署|中心))"
    r"(?:令\s*第\s*" + _NUM + r"\s*号)?\s*(?:发布|公布|印发|颁布|下发)的?\s*$"
)
_ISSUER_ONLY_VERB_RE = re.compile("发布|公布|印发|颁布|下发")  # _ISSUER_ONLY_RE needs one of them: checked first
_REPEAL_WORDS = ("废止", "失效", "停止执行", "不再执行", "停止施行", "作废", "不再适用")
_REPEAL_VERB_RE = re.compile(r"(?:同时|一并|予以|自行|相应)?(?:" + "|".join(_REPEAL_WORDS) + ")")
#: whether a sentence holds a repeal verb: its optional prefix makes _REPEAL_VERB_RE try every position (2 µs a
#: sentence), the words alone are one skip to a first character
_REPEAL_WORD_RE = re.compile("|".join(_REPEAL_WORDS))
#: 执行《X》 carries X out; a day's 起执行的《X》 (2024年1月1日起执行的《X》同时废止) only says since when X was in force (fields11: the
#: repeal was read as a citation)
_CITE_LEAD_RE = re.compile(r"(?:根据|依据|依照|按照|遵照|参照|贯彻|落实|(?<!起)执行|对照|适用)[^，。；《]{0,6}$")
_AMENDED_BY_RE = re.compile(r"^\s*(?:第\s*[一二三四五六七八九十\d]+\s*次)?\s*(?:修正|修订|修改)")
_AMEND_OBJ_RE = re.compile(r"^[^。；《]{0,12}?(?:作|做)(?:出|了)?(?:如下|以下|部分)?(?:修改|修正|修订)")
_AMEND_TITLE_RE = re.compile(r"关于(?:修改|修订|修正)[《〈]?(?P<t>[^《》〈〉]{2,80}?)[》〉]?(?:部分条款|有关条款|条款)?的决定")
_GENERAL_RE = re.compile(
    r"(?:凡|此前|以前|过去|原有|其他|有关)[^。；]{0,30}与" + _SELF + r"[^。；]{0,8}不一致的?[^。；]{0,30}(?:以|按|依照|按照|执行)"
    r"|与" + _SELF + r"[^。；]{0,8}不一致的[，,]?\s*(?:以|按|按照|依照)" + _SELF
)



@dataclass(frozen=True)
class Reference:
    """A document named in the text: what is printed of it, and the sentence that names it."""

    kind: str  # repeals | amends | amended_by | extends | suspends | suspends_part | resumes | cites
    title: str  # 《》 stripped; "" when only a 文号 is printed
    doc_number: str = ""  # canonical 文号 or 令 number as printed (原 kept in the issuer)
    date: date | None = None
    issuer: str = ""
    statement: str = ""


@dataclass
class Statements:
    effective_date: date | None = None
    effective_statement: str = ""
    effective_on_publish: bool = False  # 自发布之日起施行: the date is the publish date (None when unknown)
    period: str = ""  # "5年", "6个月", or "" (an end date printed instead, or none)
    expiry_date: date | None = None  # the last day in force
    period_statement: str = ""
    references: list[Reference] = field(default_factory=list)
    general_clauses: list[str] = field(default_factory=list)

    def of_kind(self, kind: str) -> list[Reference]:
        return [ref for ref in self.references if ref.kind == kind]

    @property
    def any_statement(self) -> bool:
        return bool(self.effective_date or self.effective_on_publish or self.expiry_date or self.references or self.general_clauses)


def _to_date(text: str) -> date | None:
    match = _DATE_RE.search(text)
    return _date_of(match.group(0)) if match else None


@lru_cache(maxsize=8192)  # a printed date recurs across documents (effective dates, the publish dates they cite)
def _date_of(printed: str) -> date | None:
    try:
        return parse_date(_rx(r"\s+").sub("", printed))
    except ValueError:
        return None


def add_period(start: date, n: int, unit: str) -> date:
    """The last day of a period of `n` years/months starting on `start` (5年 from 2015-01-01 → 2019-12-31)."""
    months = n * 12 if unit == "年" else n
    year, month = divmod(start.month - 1 + months, 12)
    year += start.year
    day = start.day
    while True:
        try:
            end = date(year, month + 1, day)
            break
        except ValueError:
            day -= 1
    return end - timedelta(days=1)


_WIDTH_MAP = {chr(code): (value if isinstance(value, str) else chr(value)) for code, value in _WIDTH.items()}
_WIDTH_RE = re.compile("[" + re.escape("".join(_WIDTH_MAP)) + "]")


#: the characters normalise_text replaces, the ideographic space (第一条　) first: the commonest in pages
_WIDTH_CHARS = tuple(sorted(_WIDTH_MAP, key=lambda char: char != "\u3000"))


def normalise_text(text: str) -> str:
    # a substitution costs per character replaced; translate() costs ~0.2 µs for every character of the text. Most
    # texts hold none of the 16 characters: an `in` test each (memchr-fast) is ~40% cheaper than the class's search
    # over a 1,000-character body (5.5 → 3.3 µs), and the substitution runs only when one is there
    for char in _WIDTH_CHARS:
        if char in text:
            return _WIDTH_RE.sub(lambda m: _WIDTH_MAP[m.group(0)], text)
    return text


def order_number(issuer: str, n: str) -> str:
    """A 令 number in one form: 原 and 中华人民共和国 dropped, digits: 公安部令第102号, 国务院令 → 国令."""
    issuer = _rx(r"^(?:原|前)").sub("", issuer.strip())
    issuer = _rx(r"^中华人民共和国").sub("", issuer)
    if issuer in ("国务院", "中华人民共和国国务院"):
        issuer = "国"
    number = cn_number(n)
    return f"{issuer}令第{number if number is not None else n}号"


@lru_cache(maxsize=65536)  # titles repeat across documents (the same law cited by thousands)
def title_key(title: str) -> str:
    """The matching form of a title: folded, brackets and spaces gone, 中华人民共和国 dropped, 暂行/试行 kept."""
    text = fold(normalise_text(title))
    text = _rx(r"[\s《》〈〉<>“”\"'‘’·・]").sub("", text)
    text = text.replace("（", "(").replace("）", ")")
    return _rx(r"^中华人民共和国").sub("", text)[:200]  # the store's key columns are bounded


def own_title_keys(title: str) -> list[str]:
    """Keys of a record's own title: the title, and the document a 印发/发布 notice carries."""
    keys = [title_key(title)] if title.strip() else []
    match = _rx(r"关于(?:印发|发布|公布|颁布|转发)[《〈]?(?P<t>[^《》〈〉]{2,80}?)[》〉]?的(?:通知|决定|令|公告)").search(normalise_text(title))
    if match:
        keys.append(title_key(match["t"]))
    return list(dict.fromkeys(k for k in keys if k))


_CARRIER_RE = re.compile(r"关于(?:印发|发布|公布|颁布)[《〈]?(?P<t>[^《》〈〉]{2,80}?)[》〉]?的(?:通知|决定|令|公告)$")


@lru_cache(maxsize=65536)
def reference_title_key(title: str) -> str:
    """The key a reference is resolved by: the document a 印发/发布 notice carries when the title printed is that
    notice's (《厦门市人民政府关于印发厦门市X办法的通知》 and 《关于印发厦门市X办法的通知》 name the X every record of it is
    known by, whether its title was kept with the issuer or without: own_title_keys), else the title's own key.
    Not 转发: a forwarded document is another agency's."""
    match = _CARRIER_RE.search(normalise_text(title).strip())
    return title_key(match["t"]) if match else title_key(title)


def _identifier(text: str) -> str:
    """A 文号 or 令 number found in `text` (a parenthesis after a title, or the words before it)."""
    if "号" not in text:  # both patterns end in 号: most titles are cited without a number
        return ""
    match = DOC_NUMBER_RE.search(text)
    if match:
        return normalize_doc_number(match.group(0))
    match = _ORDER_RE.search(text)
    if match:
        # the day or the year printed before the issuer (1994年北京市人民政府令第16号发布: the year alone, its 年 where a list
        # item's number was cut after its digits, fields9)
        issuer = _rx(r"^(?:.*(?:日|的|、|[\d〇○零一二三四五六七八九]年)|年)").sub("", match["issuer"])
        return order_number(issuer, match["n"])
    match = _YEAR_NUMBER_RE.search(text)
    if match:  # as the header of such a 公告 gives its own 文号 (parsers.textmeta.decree_number): both sides one form
        head = _rx(r"^(?:根据|依据|按照|依照|参照|执行|落实|贯彻|废止|修改|对|将|由|经|以|和|及|与)+").sub("", match["head"])  # words before it
        return f"{_SPACES_IN_HEAD_RE.sub('', head)}{match['y']}年第{match['n']}号"
    return ""


#: a 公告 or 令 numbered within its year: （国家税务总局公告2019年第44号）, （交通运输部令2016年第51号） (fields9: a repeal naming one
#: carried no number and resolved by its title only); the body's name starts the bracket, or follows a day or a non-Han character;
#: joint bodies printed with a space between them (财政部 税务总局公告2023年第12号) are one head, read without the space
_YEAR_NUMBER_RE = re.compile(
    r"(?:^|(?<=[^\u4e00-\u9fff])|(?<=日))(?:原|中华人民共和国)?(?P<head>(?![日月年])[\u4e00-\u9fff](?:[\u4e00-\u9fff]|[ \u3000](?=[\u4e00-\u9fff])){1,30}?"
    r"(?:公告|令))\s*(?P<y>(?:19|20)\d{2})\s*年\s*第\s*(?P<n>\d{1,4})\s*号")
_SPACES_IN_HEAD_RE = re.compile(r"[ \u3000]")


def _printed_date_and_issuer(pre: str) -> tuple[date | None, str]:
    """The date and issuer printed before a title: 2014年7月30日原国家食品药品监督管理总局令第7号公布的."""
    if "年" not in pre:  # every form of _DATE holds 年: no date printed, at most an issuer alone
        tail = pre[-60:]
        alone = _ISSUER_ONLY_RE.search(tail) if _ISSUER_ONLY_VERB_RE.search(tail) else None
        return None, _rx(r"^(?:[、和及]|根据|依据|依照|按照|经|由|将|对|把)+").sub("", alone["issuer"]) if alone else ""
    tail = pre[-40:]  # the words right before the title (a search of all of `pre` cost per reference)
    if "起" in tail and _rx(r"(?:19|20)\d{2}\s*年[^《》]{0,12}?日\s*起\s*(?:施行|实施|执行|生效|实行)的?\s*$").search(tail):
        # 2013年6月1日起施行的《X》: the day it took effect, not its publication, which resolution matches records' dates by
        return None, ""
    found = list(_ISSUER_VERB_RE.finditer(pre))
    # of 1988年6月7日国务院批准、1988年8月9日国家地震局发布的 the publication is the last one
    published = [m for m in found if m["verb"] in ("发布", "公布", "印发", "颁布", "下发")]
    for match in reversed(published or found):
        issuer = _rx(r"^[、和及]+").sub("", match["issuer"]).strip("、")
        return _to_date(match["date"]), issuer
    dates = list(_DATE_RE.finditer(pre))
    if dates:
        return _to_date(dates[-1].group(0)), ""
    alone = _ISSUER_ONLY_RE.search(pre[-60:])  # bounded: `pre` runs back to the previous title or clause
    return None, _rx(r"^(?:[、和及]|根据|依据|依照|按照|经|由|将|对|把)+").sub("", alone["issuer"]) if alone else ""


_TRIGGERS = ("《", "废止", "失效", "停止执行", "不再执行", "停止施行", "作废", "不再适用", "不一致")
_TRIGGER_RE = re.compile("|".join(_TRIGGERS))


_SENTENCE_MARKS = "。；;！？!?\n"
_SENTENCE_END_RE = re.compile("[" + _SENTENCE_MARKS + "]")


#: the last end mark of a span, by match(text, start, stop): `.*` runs to `stop` at once, then steps back to the
#: mark, so the cost is the distance back to it (an rfind per mark scanned back to the span's start for each
#: mark the text does not use: ！？!?; mostly)
_LAST_SENTENCE_END_RE = re.compile("(?s:.*)[" + _SENTENCE_MARKS + "]")


def _trigger_sentences(text: str, triggers: list[int] | None = None) -> list[str]:
    """The sentences that hold a title, a repeal verb or 不一致, in order, each once. `triggers`: where
    _TRIGGER_RE matches in `text` (the one scan of read_statements), found here when not given.

    Each sentence is found around its trigger: its start back from the trigger to the previous end mark, never
    before the end of the previous sentence taken (linear in the text), its end by one search forward. Listing
    every sentence end of the text first cost as much as the rest of the reading on a body with one title, and a
    find/rfind over the whole text per trigger was quadratic on a body of many titles."""
    if triggers is None:
        triggers = [m.start() for m in _TRIGGER_RE.finditer(text)]
    out: list[str] = []
    covered = 0  # the text before it is taken or known to hold no trigger; a sentence end is at covered - 1
    for at in triggers:
        if at < covered:
            continue
        last_end = _LAST_SENTENCE_END_RE.match(text, covered, at)
        start = last_end.end() if last_end else covered  # no end mark since the previous sentence: it starts where that one ended
        end = _SENTENCE_END_RE.search(text, at)
        covered = end.start() + 1 if end else len(text)
        sentence = text[start:covered].strip()
        if sentence:
            out.append(sentence)
    return out


def _titles(sentence: str) -> list[tuple[re.Match[str], str, str]]:
    """Each 《title》 with the words before it (back to the previous title or clause) and the (…) after it."""
    out = []
    previous_end = 0
    for match in _TITLE_RE.finditer(sentence):
        pre = sentence[previous_end:match.start()]
        pre = _rx(r"[，,：:]").split(pre)[-1]
        if "根据" in pre:  # 1994年…发布 根据2005年…《决定》: the words of this title start at 根据
            pre = pre[pre.rfind("根据"):]
        after = _PAREN_AFTER_RE.match(sentence, match.end())  # a position, not a slice: no copy per title
        paren = after["p"] if after else ""
        out.append((match, pre, paren))
        previous_end = after.end() if after else match.end()
    return out


_PUBLISHED_VERBS = ("发布", "公布", "印发", "颁布", "下发", "批准")


def _reference(kind: str, match: re.Match[str], pre: str, paren: str, sentence: str) -> Reference:
    number = _identifier(paren) or _identifier(pre)
    printed_date, issuer = _printed_date_and_issuer(pre)
    if printed_date is None and "年" in paren:
        # 废止《甲条例》（1990年3月1日国务院发布）: the State Council's repeal decisions print it after the title; a
        # revision's date there (（2010年12月1日修订）) is not the publication's
        published = next((m for m in _ISSUER_VERB_RE.finditer(paren) if m["verb"] in _PUBLISHED_VERBS), None)
        if published:
            printed_date, issuer = _to_date(published["date"]), issuer or _rx(r"^[、和及]+").sub("", published["issuer"]).strip("、")
    return Reference(kind, match["t"].strip(), number, printed_date, issuer, sentence)


def _repeals(sentence: str) -> list[Reference]:
    # every repeal verb of the sentence, each with the titles since the previous one: 《A》自X起废止，《B》自Y起废止
    # names two documents (only the first verb was read: B was taken for a citation)
    verbs = [v for v in _REPEAL_VERB_RE.finditer(sentence) if not _inside_title(sentence, v.start())]
    if not verbs:
        # 修改或废止不相适应的法律规范 names nothing; 关于废止…的决定 inside a title is not this sentence's verb
        return []
    titles = _titles(sentence)
    refs: list[Reference] = []
    floor = 0
    for verb in verbs:
        refs.extend(_repeals_by(sentence, titles, verb, floor))
        floor = verb.end()
    if refs:
        return refs
    verb = verbs[0]
    # a 文号 printed without a title: 厦府〔2010〕12号同时废止; not the number in a title's brackets, whose title the
    # words above did not take (《X》（文号）中关于…的规定不再执行)
    head = sentence[: verb.start()]
    titled = [(m.start(), closed.end() if (closed := _PAREN_AFTER_RE.match(head, m.end())) else m.end()) for m in _TITLE_RE.finditer(head)]
    starts = [start for start, _ in titled]
    numbers = [
        printed_doc_number(m) for m in DOC_NUMBER_RE.finditer(head)
        if not _CITE_LEAD_RE.search(head[max(0, m.start() - 12): m.start()]) and not _within(titled, starts, m.start())
    ]
    return [Reference("repeals", "", n, None, "", sentence) for n in numbers]


def _semicolon_tail(text: str, sentence: str, start: int) -> tuple[list[Reference], int]:
    """决定废止《A》（文号）；《B》（文号）；《C》（文号）。 (validity6): the titles of the ；-parts after the sentence that names
    the first (cut at its ；), each part a title with its brackets only, to the 。; they were taken for citations. Also
    where to look for the next sentence (`start`: where to look for this one)."""
    at = text.find(sentence, start)
    if at < 0:
        return [], start
    found: list[tuple[re.Match[str], str]] = []
    position = at + len(sentence)
    while len(found) < MAX_REFERENCES:
        lead = _rx(r"\s*(?:\d{1,3}\s*[.、．]\s*)?").match(text, position)
        title = _TITLE_RE.match(text, lead.end() if lead else position)
        if title is None:
            break
        paren = _PAREN_AFTER_RE.match(text, title.end())
        close = _rx(r"\s*([；;。])").match(text, paren.end() if paren else title.end())
        if close is None:
            break
        found.append((title, paren["p"] if paren else ""))
        position = close.end()
        if close.group(1) == "。":
            break
    statement = text[at:position].strip()[:2000]
    return [_reference("repeals", title, "", paren, statement) for title, paren in found], at + len(sentence)


def _repeals_by(sentence: str, titles: list[tuple[re.Match[str], str, str]], verb: re.Match[str], floor: int) -> list[Reference]:
    """The documents the repeal verb `verb` names: the titles right before it (after `floor`, the previous verb's end),
    else, for 废止, those right after it."""
    before = [t for t in titles if floor <= t[0].start() and t[0].end() <= verb.start()]
    chain: list[tuple[re.Match[str], str, str]] = []
    if before:
        last = before[-1]
        gap = sentence[last[0].end():verb.start()]
        paren_after = _PAREN_AFTER_RE.match(gap)
        gap = gap[paren_after.end():] if paren_after else gap
        # 《A》（文号）同时废止, 《A》等文件同时废止, 《A》（文号）即行废止, 《A》自本办法施行之日起废止;
        # not 《A》中关于…的规定不再执行
        # 《A》、《B》等2个文件同时废止: a count among them
        if _rx(r"(?:[\s等件个份项号文规章部]|(?<=等)[0-9一二两三四五六七八九十]{1,3}){0,8}(?:同时|一并)?(?:即行|即|自[^，。；《》]{0,24}?起)?\s*").fullmatch(gap):
            chain.append(last)
            for earlier in reversed(before[:-1]):
                # 《A》、《B》和《C》: each joined to the next by 、 和 及 (its date and issuer may stand between)
                if _rx(r"\s*(?:、|和|及|以及|与)").match(chain[-1][1]):
                    chain.append(earlier)
                else:
                    break
    refs = [_reference("repeals", m, pre, paren, sentence) for m, pre, paren in reversed(chain) if not _CITE_LEAD_RE.search(pre)]
    if refs:
        return refs
    if "废止" in verb.group(0):
        # 决定废止《A》、《B》: the titles right after the verb
        after = [t for t in titles if t[0].start() >= verb.end()]
        picked: list[Reference] = []
        for m, pre, paren in after:
            lead = sentence[verb.end():m.start()] if not picked else pre
            if not _rx(r"\s*(?:下列|以下|如下|、|和|及|以及|：|:)*\s*(?:" + _DATE + r")?[\u4e00-\u9fff]{0,20}?(?:令第" + _NUM + r"号)?(?:发布|公布|印发)?的?\s*").fullmatch(lead):
                break
            if _rx(r"\s*(?:中|第|的第)").match(sentence[m.end():m.end() + 4]):
                break
            picked.append(_reference("repeals", m, pre, paren, sentence))
        return picked
    return []


def _within(spans: list[tuple[int, int]], starts: list[int], position: int) -> bool:
    """Whether `position` falls in one of `spans` (sorted, not overlapping; `starts` their starts): a bisection, as a
    hostile sentence holds thousands of them."""
    at = bisect_right(starts, position) - 1
    return at >= 0 and position < spans[at][1]


_LIST_REPEAL_RE = re.compile(r"废止(?:以下|下列|如下)[^。：:\n《]{0,20}[：:]")
# 下列文件同时废止：, 对以下2件规范性文件予以废止：, 宣布下列规范性文件失效： the verb after the words that announce the list
_LIST_VERB_COLON_RE = re.compile(r"(?:废止|失效|停止执行)\s*[：:]")
_LIST_LEAD_RE = re.compile(r"(?:以下|下列|如下)[^。；：:\n《》]{0,24}$")  # searched on the words before that verb
# 附件：废止的规范性文件目录 (a table: 序号, 文件名称, 文号; titles often without 《》), alone on its line
# …or a decision's section heading with its count (二、宣布失效的规范性文件（1件）, fields9: a list split in 废止 and 失效
# sections ended at the second heading, its rows unread; validity5: 一、废止下列规范性文件（共2件）, its 共 read nothing)
_LIST_CATALOGUE_RE = re.compile(
    r"(?:废止|失效)的?[^。：:\n《》]{0,16}?(?:(?:目录|清单|名录|一览表)|(?:文件|规章)\s*[（(]\s*共?\s*(?:\d{1,4}|[一二三四五六七八九十]{1,3})\s*件\s*[)）])"
    r"\s*[：:]?[ \t]*(?=\n)")
# 决定废止以下规范性文件，自本通知印发之日起停止执行。 and the table on the next lines (序号 文件名称 文号 / 1 …): a sentence
# announcing a list of 以下/下列 documents ends in 。 when a table's header row or its first serial follows on the next line
_LIST_SENTENCE_RE = re.compile(r"(?:废止|失效|停止执行)[^。：:\n《》]{0,40}。[ \t]*(?=\n\s*(?:序号|[（(]?1\s*[)）\.．、\s]))")
# validity6: an annex's heading naming what it lists, alone on its line (附件2 / 国务院决定废止的行政法规, 宣布失效的规章（3件）):
# no 目录 in it; the words before the verb on its line a body's name at most (2.国务院决定废止的行政法规, a line of the
# 附件： list naming the annexes, is none)
_LIST_ANNEX_RE = re.compile(
    r"(?:废止|失效)的(?:行政法规|地方性法规|部门规章|政府规章|规章|行政规范性文件|规范性文件|政策性文件|文件)"
    r"\s*(?:[（(]\s*共?\s*(?:\d{1,4}|[一二三四五六七八九十]{1,3})\s*(?:件|部|个)\s*[)）])?[ \t]*(?=\n)")
_ANNEX_LEAD_RE = re.compile(r"[ \t]*[\u4e00-\u9fff]{0,12}")
_ITEM_SERIAL_RE = re.compile(r"^\s*[（(]?(?:\d{1,4}|[一二三四五六七八九十]{1,3})\s*[)）\.．、]?\s*")


#: a list header of the documents kept, the others going (以下规范性文件继续有效，未列入的同时失效。, 下列文件予以保留，其余…停止执行,
#: 继续有效的规范性文件目录…未列入目录的…失效：): a 清理结果 every government publishes; its rows were read as repealed (review s14)
_KEPT_LIST_RE = re.compile(r"(?:以下|下列|如下)[^，,。；;：:\n]{0,30}(?:继续有效|继续执行|继续施行|予以保留|保留)|未列入|未纳入|未列在")
#: a list header naming parts of documents (下列文件中的部分条款, 以下文件的有关条款予以废止)
_PART_LIST_RE = re.compile(r"条款|条文|第[^：:。\n]{0,8}条|中的?(?:部分|有关|相关)?(?:规定|内容|章节)")


def _list_header_end(text: str, at: int) -> int | None:
    """Where a list of repealed documents starts when the repeal verb at `at` announces one, else None."""
    for regex in (_LIST_REPEAL_RE, _LIST_VERB_COLON_RE, _LIST_CATALOGUE_RE, _LIST_SENTENCE_RE, _LIST_ANNEX_RE):
        header = regex.match(text, at)
        if header is None:
            continue
        if regex is _LIST_ANNEX_RE and not _ANNEX_LEAD_RE.fullmatch(text, text.rfind("\n", 0, at) + 1, at):
            continue
        if regex is _LIST_VERB_COLON_RE and not _LIST_LEAD_RE.search(text, max(0, at - 40), at):
            continue
        if regex is _LIST_SENTENCE_RE and not _rx(r"以下|下列").search(text, max(0, at - 40), header.end()):
            continue
        lead = _rx(r"[^。；;：:\n]{0,40}$").search(text, max(0, at - 40), at)  # the header's own words before the verb
        if _PART_LIST_RE.search(text, lead.start() if lead else at, header.end()):
            return None  # 废止下列文件中的部分条款： its rows name documents only some of whose clauses go
        if _KEPT_LIST_RE.search(text, lead.start() if lead else at, header.end()):
            return None  # 以下规范性文件继续有效，未列入的同时失效。 its rows are the documents kept
        return header.end()
    return None


#: a catalogue's cells that are no item: a serial, 附件1, a column's name (a table read cell by cell, or its header row)
_TABLE_FILLER_RE = re.compile(
    r"(?:\d{1,4}|附件\s*\d*|(?:序号|文件名称|名称|标题|文号|发文字号|发文日期|成文日期|印发日期|发布日期|备注|制定机关|发文机关|"
    r"发文单位|废止理由|失效理由|理由|[\s|｜\t])+)"
)
#: a catalogue cell that is a document's title: it ends as one (…的通知, …办法, …规定 …)
_CATALOGUE_TITLE_RE = re.compile(r"[\u4e00-\u9fff）)]{4,}(?:通知|办法|规定|意见|决定|细则|方案|规则|批复|通告|公告|条例|标准|制度|措施|规划|纲要|目录|清单|函|令)$")


def _untitled_item(part: str, lead: str, pending: str = "") -> Reference | None:
    """A list item printed without 《》, as a catalogue's row: 1  某市人民政府关于…的通知  某政〔2008〕102号 → the
    words before the 文号 (or 令 number) are its title; a row read cell by cell gives its title on the line before
    (`pending`)."""
    if "号" not in part:
        return None
    number = DOC_NUMBER_RE.search(part) or _ORDER_RE.search(part)
    if number is None:
        return None
    title = _ITEM_SERIAL_RE.sub("", part[: number.start()])
    printed, issuer = None, ""
    bracket = _rx(r"[（(](?P<p>[^（）()]*)$").search(title)
    if bracket:
        # 厦门市甲管理办法（1998年3月1日厦门市人民政府令第70号发布）: the bracket holds the number and its publication, no title
        published = next((m for m in _ISSUER_VERB_RE.finditer(part[bracket.start("p"):]) if m["verb"] in _PUBLISHED_VERBS), None)
        if published:
            printed, issuer = _to_date(published["date"]), _rx(r"^[、和及]+").sub("", published["issuer"]).strip("、")
        title = title[:bracket.start()]
    title = _rx(r"[\s（(【\[|｜,，、:：]+$").sub("", title).strip("《》 \t")
    row = part
    if len(title) < 4 and (after := _title_after_number(part[number.end():])):
        title = after  # 1　厦建〔2010〕45号　厦门市…规定: a table whose 文号 column comes before its title's (validity6)
    if len(title) < 4:  # a serial or a column's name: the title is the cell before, if any
        title, row = pending, f"{pending} {part}"
    if len(title) < 4:
        return None
    return Reference("repeals", title, _identifier(number.group(0)), printed, issuer, f"{lead} {row}"[:2000])


_COLUMN_NAME_RE = re.compile(r"文号|字号|名称|标题")
_BARE_NUMBER_RE = re.compile(r"(?:" + _ITEM_SERIAL_RE.pattern + r")?(?:" + DOC_NUMBER_RE.pattern + r")\s*")


def _numbers_first(header: str) -> bool:
    """Whether a table's column names (as read so far) put the 文号 before the title."""
    number, title = _rx("文号|字号").search(header), _rx("名称|标题").search(header)
    return bool(number and (title is None or number.start() < title.start()))


def _title_after_number(rest: str) -> str:
    """The title cell right after a row's 文号 (序号 文号 文件名称), or "" when the cell there is none (a date, a reason)."""
    cells = [cell for cell in _ROW_SPLIT_RE.split(rest) if cell]
    first = cells[0].strip("《》") if cells else ""
    return first if len(first) <= 120 and _CATALOGUE_TITLE_RE.search(first) else ""


_PUBLISHED_ITEM_RE = re.compile(r"(?P<t>[^（()（，。,；;《》\s]{4,120}?)\s*[（(](?P<p>[^（）()]{6,100})[）)]\s*$")


def _published_item(part: str, lead: str, kind: str) -> Reference | None:
    """A numbered item printing its title and, in brackets, its publication and no number (the State Council's annexes:
    2.中华人民共和国水上交通事故统计办法（1990年5月1日国务院批准　1990年11月8日交通部发布）, validity6): the day and body that
    published it, the one that issued it rather than the one that approved it."""
    serial = _ITEM_SERIAL_RE.match(part)
    if serial is None or not serial.group(0).strip():
        return None
    item = _PUBLISHED_ITEM_RE.fullmatch(part, serial.end())
    if item is None or not _CATALOGUE_TITLE_RE.search(item["t"]):
        return None
    published = [m for m in _ISSUER_VERB_RE.finditer(item["p"]) if m["verb"] in _PUBLISHED_VERBS]
    if not published:
        return None
    chosen = next((m for m in reversed(published) if m["verb"] != "批准"), published[-1])
    issuer = _rx(r"^[、和及]+").sub("", chosen["issuer"]).strip("、")
    return Reference(kind, item["t"], "", _to_date(chosen["date"]), issuer, f"{lead} {part}"[:2000])


def _section_heading(part: str) -> bool:
    """A list's section heading (二、宣布失效的规范性文件（1件）, 附件3 废止的规范性文件目录): a list of repeals of its own."""
    at = _rx("废止|失效").search(part)
    return at is not None and _list_header_end(part + "\n", at.start()) is not None


def _list_items(text: str, end: int, lead: str, kind: str, limit: int, through_headings: bool = False) -> list[Reference]:
    """The documents of a list that starts at `end` (after its header, whose sentence is `lead`): the titles of each
    line or ；-part, an item without 《》 by its 文号 (_untitled_item; a table read cell by cell takes the title cell
    before its 文号) or, in a table without 文号, by its title cell (_row_title), through serials, column names and
    dates, until the first other line once items were found (or the header of another list: 继续有效的…目录)."""
    refs: list[Reference] = []
    misses, pending = 0, ""
    # a table read cell by cell whose header names the 文号 column before the title's (序号 / 文号 / 文件名称, validity6): each
    # row's 文号 cell waits for the title cell after it (else it took the previous row's title)
    header, number_cell = "", ""

    def flush() -> None:  # a title cell no 文号 followed: the row is read by its title
        if pending:
            refs.append(Reference(kind, pending, "", None, "", f"{lead} {pending}"[:2000]))

    for part in _rx(r"[\n；;]").split(text[end:end + 50_000]):
        part = part.strip()
        if not part:
            continue
        if "《" in part:
            flush()
            if refs and _LIST_AMEND_ITEM_RE.search(part):
                break  # 二、对《C》作如下修改： the decision's next item amends (the repeals were a line above): no item of this list
            for match, pre, paren in _titles(part):
                refs.append(_reference(kind, match, pre, paren, f"{lead} {part}"[:2000]))
            misses, pending = 0, ""
        elif number_cell and _CATALOGUE_TITLE_RE.search(part) and (item := _untitled_item(f"{number_cell} {part}", lead)):
            refs.append(item if kind == "repeals" else Reference(kind, item.title, item.doc_number, None, "", item.statement))
            misses, pending, number_cell = 0, "", ""
        elif _numbers_first(header) and not pending and _BARE_NUMBER_RE.fullmatch(part):
            number_cell = part
        elif (item := _untitled_item(part, lead, pending)) is not None:
            refs.append(item if kind == "repeals" else Reference(kind, item.title, item.doc_number, None, "", item.statement))
            misses, pending = 0, ""
        elif _OTHER_LIST_RE.search(part):
            flush()
            break  # 附件2：继续有效的规范性文件目录: its rows are no items of this list
        elif (item := _published_item(part, lead, kind)) is not None:
            flush()
            refs.append(item)
            misses, pending = 0, ""
        elif title := _row_title(part):
            flush()
            refs.append(Reference(kind, title, "", None, "", f"{lead} {part}"[:2000]))
            misses, pending = 0, ""
        elif _CATALOGUE_TITLE_RE.search(part) and not _rx("[，。,：:]").search(part) and not _LIST_NAME_RE.search(part):
            flush()
            pending = part  # a table read cell by cell: the title's cell, its 文号 (if any) on a line after it
        elif through_headings and _section_heading(part):
            flush()  # 以上规范性文件自…起停止执行 after a list in sections (决定废止… / 宣布失效…): each section's rows (validity6)
            pending = ""
        elif _TABLE_FILLER_RE.fullmatch(part):
            header = f"{header} {part}"[-200:] if _COLUMN_NAME_RE.search(part) else header
        elif not _DATE_RE.fullmatch(part):
            # a line that is no item (a serial, a column's name or a date is none): after items, the list's end. A
            # title cell before it is a row's when that line is a cell too (a reason: 调整对象已消失); before a
            # sentence (第一条 为了…，制定本办法。) it was the heading of a text printed after the list, no item
            if pending and len(part) <= 30 and not _rx("[，。,；;：:]").search(part):
                flush()  # the row's other cell: the list goes on
                misses, pending = 0, ""
                continue
            misses, pending = misses + 1, ""
            if refs or misses > 2:
                break
        if len(refs) >= limit:
            break
    else:
        flush()
    return refs[:limit]


#: a part amending what it names (对《X》作如下修改, 《X》第五条修改为): a decision's next item after its list of repeals
_LIST_AMEND_ITEM_RE = re.compile(r"》[^《》。]{0,20}?(?:(?:作|做)(?:出)?(?:如下|以下)?(?:修改|修订)|修改为|改为)")
#: a catalogue of documents kept or amended, after the one of the repealed ones: the end of that list
_OTHER_LIST_RE = re.compile(r"(?:继续有效|保留|修改|修订)的?[^。，,]{0,16}?(?:目录|清单|名录|一览表)")
#: the name of a catalogue of repealed documents (the next one's header: 决定宣布失效的市政府文件目录), no title of one
_LIST_NAME_RE = re.compile(r"(?:废止|失效)的?[^。：:\n《》]{0,16}?(?:目录|清单|名录|一览表)")
_ROW_SPLIT_RE = re.compile(r"[\t|｜]+|\s+")


def _row_title(part: str) -> str:
    """The title of a catalogue row printed without 《》 nor 文号 (1 某市城市道路挖掘管理办法 2008年5月6日): after its serial,
    a cell that ends as a title does, the other cells dates, column fillers or short words (a reason, an issuer); ""
    for any other line. A row that is a sentence (a comma in it) is none."""
    serial = _ITEM_SERIAL_RE.match(part)
    if serial is None or not serial.group(0).strip() or _rx("[，。,]").search(part):
        return ""
    cells = [cell for cell in _ROW_SPLIT_RE.split(part[serial.end():]) if cell]
    if not cells or not _CATALOGUE_TITLE_RE.search(cells[0]) or len(cells[0]) > 120:
        return ""
    if any(len(cell) > 30 and not _DATE_RE.fullmatch(cell) for cell in cells[1:]):
        return ""
    return cells[0]


# 以下规范性文件有效期延长至2025年12月31日：, 下列文件的有效期延长2年： a list of documents another one extends
_EXTENSION_LIST_RE = re.compile(
    r"(?:以下|下列|如下)[^。：:\n《》]{0,30}?有效期限?\s*(?:延长|顺延|延续|延(?=至))\s*(?:至\s*" + _DATE + r"|" + _NUM + r"\s*(?:个)?\s*(?:年|月))"
    r"[^。：:\n《》]{0,10}[：:]"
)


def _listed_extensions(text: str, anchors: list[tuple[int, int]]) -> list[Reference]:
    """`anchors`: where 有效期 stands (the scan's): the header is searched around them only."""
    refs: list[Reference] = []
    after = 0
    for start, _ in anchors:
        header = _EXTENSION_LIST_RE.search(text, max(after, start - 40), start + 80) if start >= after else None
        if header is None:
            continue
        after = header.end()
        # each item's statement holds the header, whose day or period extended_expiry reads
        refs.extend(_list_items(text, header.end(), header.group(0), "extends", MAX_REFERENCES - len(refs)))
    return refs


def _listed_repeals(text: str, triggers: list[int]) -> list[Reference]:
    """决定废止以下规范性文件：1.《A》（文号）；2.《B》 … (also 下列文件同时废止：, 对以下…予以废止：, 宣布下列…失效：,
    and a 废止的规范性文件目录 table) — the titles of the list after the header, one item a line or a ；-separated
    part, until the list ends (a part without a title once items were found). An item without 《》 is read from
    its 文号 (_untitled_item). `triggers`: where _TRIGGER_RE matches; a list's verb is one of them (as finditer,
    a header never starts inside the previous one)."""
    refs: list[Reference] = []
    after = 0
    for at in triggers:
        if at < after or not text.startswith(("废止", "失效", "停止执行"), at):
            continue
        end = _list_header_end(text, at)
        if end is None:
            continue
        after = end
        if _inside_title(text, at):
            continue
        lead = _sentence_at(text, at)
        refs.extend(_list_items(text, end, lead, "repeals", MAX_REFERENCES - len(refs)))
        if len(refs) >= MAX_REFERENCES:
            return refs[:MAX_REFERENCES]
    return refs
    return refs


def _inside_title(text: str, position: int) -> bool:
    return text.rfind("《", 0, position) > text.rfind("》", 0, position)


#: the number of a list item: 一、 2. （三）
_ITEM_LEAD = r"^\s*(?:[一二三四五六七八九十百]+[、.．]|\d+[、.．]|[（(][一二三四五六七八九十\d]+[)）])?\s*"


def _amendments(sentence: str, own_title: str) -> list[Reference]:
    refs: list[Reference] = []
    for match, pre, paren in _titles(sentence):
        tail = sentence[match.end():match.end() + 120]  # the words right after the title decide; bounded
        tail_after_paren = _PAREN_AFTER_RE.sub("", tail, count=1) if _PAREN_AFTER_RE.match(tail) else tail
        inner = match["t"]
        if _AMENDED_BY_RE.match(tail_after_paren) and _rx(r"修改|修正|修订|决定").search(inner):
            # 根据2005年12月19日《国务院关于修改〈…〉的决定》第一次修订: that decision amended this document
            refs.append(_reference("amended_by", match, pre, paren, sentence))
        elif (
            (_AMEND_OBJ_RE.match(tail_after_paren) and _rx(r"对\s*$").search(pre))
            or (_rx(r"将\s*$").search(pre) and _rx(r"修改为|改为|删去|删除|增加|修改").search(tail_after_paren))
            # an item of a decision that amends several: 一、《X》第五条修改为…, 二、删去《X》第十二条
            or (_rx(_ITEM_LEAD + "$").match(pre) and _rx(r"\s*第[^。；《》]{1,30}?(?:修改为|改为|删去|删除)").match(tail_after_paren))
            or (_rx(_ITEM_LEAD + r"(?:删去|删除)\s*$").match(pre) and _rx(r"\s*第").match(tail_after_paren))
        ):
            refs.append(_reference("amends", match, pre, paren, sentence))
    return refs


#: a decision amending several documents under a heading each (validity5): 一、《厦门市甲规定》 alone on its line, the
#: changes on the lines below (1.将第五条中的“…”修改为“…”。 2.删去第十八条。); each heading's title was read as nothing
_AMEND_HEADING_RE = re.compile(
    r"(?m)^[ \t]*(?:[一二三四五六七八九十百]+[、.．]|\d+[、.．]|[（(][一二三四五六七八九十\d]+[)）])[ \t]*(?P<whole>《(?P<t>[^《》\n]{2,120})》)"
    r"(?:[ \t]*[（(][^（）()\n]{2,60}[)）])?[ \t]*[：:]?[ \t]*\n[ \t]*(?P<change>[^\n]{0,200})")
_AMEND_CHANGE_RE = re.compile(r"第[^。；\n]{1,30}?(?:修改为|改为|删去|删除|增加|增写|调整为)|(?:删去|删除|增加)第|(?:增加|增写)一[条款项]")


def _headed_amendments(text: str) -> list[Reference]:
    """一、《X》 on a line of its own, an amendment of X's articles on the next: this document amends X."""
    refs = []
    for heading in _AMEND_HEADING_RE.finditer(text):
        if _AMEND_CHANGE_RE.search(heading["change"]):
            paren = _PAREN_AFTER_RE.match(text, heading.end("whole"))
            refs.append(Reference("amends", heading["t"].strip(), _identifier(paren["p"]) if paren else "", None, "",
                                  heading.group(0).strip()[:2000]))
    return refs


# 《X》（文号）有效期延长至2025年12月31日, 将《X》的有效期延长2年, 延长《X》有效期至…, 《X》继续有效至…: another document
# moves X's expiry (a 规范性文件's validity extended after its review)
_EXTENSION = (
    r"(?:的)?\s*(?:有效期限?|施行期限?|执行期限?)\s*(?:(?:延长|顺延|延续)\s*(?:至|到)|延至)\s*(?P<until>" + _DATE + r")"
    r"|(?:的)?\s*(?:有效期限?|施行期限?|执行期限?)\s*(?:延长|顺延|延续)\s*(?P<n>" + _NUM + r")\s*(?:个)?\s*(?P<unit>年|个月|月)"
    # 《X》继续有效至…, also 继续有效，有效期至… (a review's result); 《X》继续执行至… (a 收费/价格 measure kept: validity2, s17)
    r"|(?:的)?\s*(?:有效期限?)?\s*(?:继续有效|继续执行|继续施行|延续执行|延期执行|延期)\s*(?:[，,]\s*有效期限?\s*)?(?:至|到)\s*"
    r"(?P<until_kept>" + _DATE + r")(?!\s*(?:起|开始))"  # 延期至2030年1月1日起施行 postpones its start (validity5)
)
# right after the title (and its brackets), or after what of it is extended: 《X》（财政部 税务总局公告2023年第12号）规定的税收优惠
# 政策，执行期限延长至… (the 财政部/税务总局 form: no extension was read, fields11)
_EXTENSION_AFTER_RE = re.compile(r"\s*(?:(?:规定|明确|确定)的[^。；;《》\n]{0,20}?[，,]?\s*)?(?:" + _EXTENSION + ")")
_EXTENSION_VERB_BEFORE_RE = re.compile(r"(?:延长|顺延)\s*$")  # 延长《X》有效期至…
_EXTENSION_PERIOD_AFTER_RE = re.compile(r"\s*(?:的)?\s*有效期限?\s*(?:至|到)\s*(?P<until>" + _DATE + r")")
#: (a title nested in it: 关于废止《关于暂缓执行〈X〉的通知》的通知 repeals the notice, not X)
_REPEAL_TITLE_RE = re.compile(r"关于(?:废止|宣布失效)(?:(?:《(?:[^《》〈〉]|〈[^《》〈〉]{2,80}〉){2,120}》|〈[^《》〈〉]{2,80}〉)(?:[、和及与])?)+(?:等[^的]{0,10})?的(?:决定|通知|公告|令)")
#: a title in 《》 holding another in 〈〉, or one in 〈〉 alone: the outer titles of a title (_outer_titles)
_OUTER_TITLE_RE = re.compile(r"《(?P<t>(?:[^《》〈〉]|〈[^《》〈〉]{2,80}〉){2,120})》|〈(?P<u>[^《》〈〉]{2,80})〉")


def _outer_search(first: re.Match[str] | None, regex: re.Pattern[str], title: str) -> re.Match[str] | None:
    """The first match of `regex` in a record's title that is not inside a title it names (关于废止《关于暂缓执行〈X〉的通知》的
    通知 suspends nothing: 关于暂缓执行〈X〉的通知 is the document it repeals)."""
    # `first`: regex.search(title), made by the caller (most titles: no match, and no call here)
    if first is None or not _inside_title(title, first.start()):
        return first
    return next((m for m in regex.finditer(title, first.end()) if not _inside_title(title, m.start())), None)
#: 关于延长《X》有效期的通知, and (validity2, s17) 关于《X》有效期顺延的通知, 关于继续执行《X》的通知: the title names what is extended
_EXTEND_TITLE_RE = re.compile(
    r"关于(?:(?:延长|顺延)[《〈](?P<t>[^《》〈〉]{2,80})[》〉](?:等[^的]{0,10})?(?:的)?有效期"
    r"|[《〈](?P<t_after>[^《》〈〉]{2,80})[》〉](?:等[^的]{0,10})?(?:的)?有效期限?(?:延长|顺延|延续)"
    r"|(?:继续执行|继续施行|延续执行)[《〈](?P<t_kept>[^《》〈〉]{2,80})[》〉](?:等[^的]{0,10})?的(?:通知|决定|公告))"
)


def _extensions(sentence: str) -> list[Reference]:
    refs = []
    for match, pre, paren in _titles(sentence):
        after = _PAREN_AFTER_RE.match(sentence, match.end())
        at = after.end() if after else match.end()
        if _EXTENSION_AFTER_RE.match(sentence, at) or (
            _EXTENSION_VERB_BEFORE_RE.search(pre) and _EXTENSION_PERIOD_AFTER_RE.match(sentence, at)
        ):
            refs.append(_reference("extends", match, _EXTENSION_VERB_BEFORE_RE.sub("", pre), paren, sentence))
    return refs


def extended_expiry(statement: str, title: str, expiry: date | None) -> date | None:
    """The last day in force an extension's sentence gives the document titled `title` (its own expiry `expiry`):
    the date printed after it, or `expiry` moved by the period printed (有效期延长2年); None when it says neither."""
    text = simplified(normalise_text(statement))
    start = max(text.find(title), 0) if title else 0
    pattern = _rx(_EXTENSION + r"|有效期限?\s*(?:至|到)\s*(?P<until_after>" + _DATE + r")")
    found = pattern.search(text, start) or pattern.search(text)
    if found is None:
        return None
    printed = found["until"] or found["until_kept"] or found["until_after"]
    if printed:
        return _to_date(printed)
    n = cn_number(found["n"] or "")
    if not n or expiry is None:
        return None
    return add_period(expiry + timedelta(days=1), n, "年" if found["unit"] == "年" else "个月")


#: a repeal's own day: 《X》（文号）自2025年1月1日起废止 (after the title), 自2025年1月1日起，《X》废止 (before it); the
#: other titles of a chain may stand between (《A》、《B》自…起废止, 自…起，《A》和《B》废止: A's day too)
_CHAINED_TITLE = r"原?《[^《》\n]{2,120}》(?:\s*[（(][^（）()\n]{0,60}[）)])?"
_REPEAL_DAY_AFTER = (r"(?:\s*(?:、|和|及|以及|与)\s*" + _CHAINED_TITLE + r")*"
                     r"\s*(?:自|于|从)\s*(?P<day>" + _DATE + r")\s*(?:起)?\s*(?:同时|一并|予以)?(?:废止|停止执行|不再执行|失效|作废)")
_REPEAL_DAY_BEFORE_RE = re.compile(r"(?:自|从)\s*(?P<day>" + _DATE + r")\s*起\s*[，,]?\s*(?:" + _CHAINED_TITLE
                                   + r"\s*(?:、|和|及|以及|与)\s*)*(?:原)?$")


def repeal_day(statement: str, title: str = "", doc_number: str = "") -> date | None:
    """The day a repeal's sentence says the document titled `title` (or numbered `doc_number`, the canonical form
    _identifier gives, when its title is not printed there) stops (自2025年1月1日起废止), or None when it prints none
    for it (then the repeal counts from the repealing document's effective date). Without either: the first such day.
    Each document of 《A》自X起废止，《B》自Y起废止 has its own day."""
    text = simplified(normalise_text(statement))
    span = _mention(text, title, doc_number)
    if span is None:
        found = _rx(_REPEAL_DAY_AFTER).search(text) if not title and not doc_number else None
        if found is None and (title or doc_number):
            # 上述文件自…起停止执行, 该办法自…起废止 (validity4): the sentence names it by an anaphor, the day after that
            found = _rx(r"(?:上述|以上|前述|该|此|本)[\u4e00-\u9fff]{0,8}?" + _ANAPHOR_WORD + _REPEAL_DAY_AFTER).search(text)
        return _to_date(found["day"]) if found else None
    start, end = span
    after = _PAREN_AFTER_RE.match(text, end)
    found = _rx(_REPEAL_DAY_AFTER).match(text, after.end() if after else end)
    if found:
        return _to_date(found["day"])
    before = _REPEAL_DAY_BEFORE_RE.search(text, 0, start)
    if before is None:  # 以上文件自2025年10月1日起废止。 then the list it names (validity5: the list in the sentence before)
        before = _rx(r"^(?:上述|以上|前述)[\u4e00-\u9fff]{0,8}?" + _ANAPHOR_WORD + _REPEAL_DAY_AFTER).match(text)
    return _to_date(before["day"]) if before else None


def _mention(text: str, title: str, doc_number: str) -> tuple[int, int] | None:
    """Where `text` names the document: its title with its 《》, else its number (with the title whose brackets hold
    it: 《A》（甲政〔2018〕1号）); None when neither is printed."""
    at = text.find(title) if title else -1
    if at >= 0:
        start = at - (1 if at and text[at - 1] in "《〈" else 0)
        end = at + len(title)
        return start, end + (1 if text.startswith(("》", "〉"), end) else 0)
    if not doc_number or "号" not in text:
        return None
    for regex in (DOC_NUMBER_RE, _ORDER_RE):
        for match in regex.finditer(text):
            if _identifier(match.group(0)) != doc_number:
                continue
            start, end = match.span()
            closing = _rx(r"\s*[）)]").match(text, end)
            titled = _rx(r"《[^《》]{2,120}》\s*[（(][^（）()]{0,40}$").search(text, max(0, start - 170), start) if closing else None
            return (titled.start(), closing.end()) if titled and closing else (start, end)
    return None


# ----------------------------------------------------------------------------------------- suspensions (validity3)
# 暂停执行《X》（文号）, 《X》自…起暂缓执行, 中止执行 (a notice suspending a document until further notice: 恢复执行时间另行通知)
# → `suspends`; 恢复执行《X》, 《X》自…起恢复执行 (also 自…起继续执行: a day it runs again from) → `resumes`. A part of X
# (暂停执行《X》第十二条, 《X》中关于…的规定暂停执行) suspends no document: it is X's clause, X stays in force.
# …and a start postponed (validity5): 《X》延期至2030年1月1日起施行 (X not in force until then: a suspension to the day before),
# 推迟实施; not 延期执行至… (an extension, _EXTENSION)
_SUSPEND_VERB = (r"(?:(?:暂停|暂缓|中止)(?:执行|施行|实施)|(?:延期|推迟|延后)(?:至\s*" + _DATE + r"\s*(?:起|开始)?\s*)?"
                 r"(?:执行|施行|实施)(?!\s*(?:至|到)))")
_POSTPONED_TO_RE = re.compile(r"(?:延期|推迟|延后)至\s*(?P<day>" + _DATE + ")")
_RESUME_VERB = r"恢复(?:执行|施行|实施)"
_SUSPEND_VERB_RE = re.compile(_SUSPEND_VERB)
#: 继续执行 resumes only after a day (自2025年3月1日起继续执行); 继续执行至DAY extends (_EXTENSION), 继续执行 alone keeps
_RESUME_ANY_RE = re.compile(_RESUME_VERB + r"|(?<=起)\s*继续(?:执行|施行|实施)(?!\s*(?:至|到))")
#: the words a suspension or a resumption holds (scan's fifth group: where they stand in a text)
_SUSPENSION_SCAN = ("暂停", "暂缓", "中止", "恢复", "继续执行", "继续施行", "继续实施", "延期", "推迟", "延后")


def _speaks_of_suspension(text: str) -> bool:
    """Whether a sentence may suspend or resume a document (a short text: a literal search per word)."""
    return any(word in text for word in _SUSPENSION_SCAN)
#: what may stand between a title (and its brackets) and the verb after it: a day it starts from, 等2个文件
#: (a comma only before a day: 《X》（文号），恢复执行时间另行通知 resumes nothing)
_VERB_AFTER_GAP = (r"\s*(?:等\s*[0-9一二两三四五六七八九十]{0,3}\s*(?:个|件|份|项)?\s*(?:规范性)?(?:文件|规定|办法)?)?\s*"
                   r"(?:[，,]?\s*(?:自|从|于)?\s*(?:" + _DATE + r"|即日|本通知印发之日|本通知发布之日|印发之日|发布之日|公布之日)\s*(?:起|开始)\s*[，,]?\s*)?"
                   r"(?:予以|一律|全部|同时|一并|继续|均)?\s*")
_SUSPEND_AFTER_RE = re.compile(_VERB_AFTER_GAP + "(?P<v>" + _SUSPEND_VERB + ")")
_RESUME_AFTER_RE = re.compile(_VERB_AFTER_GAP + r"(?P<v>" + _RESUME_VERB + r"|(?<=起)继续(?:执行|施行|实施)(?!\s*(?:至|到)))")
_SUSPEND_BEFORE_RE = re.compile("(?P<v>" + _SUSPEND_VERB + r")\s*(?:原)?$")
_RESUME_BEFORE_RE = re.compile(r"(?:(?P<v>" + _RESUME_VERB + r")|起\s*(?P<c>继续(?:执行|施行|实施)))\s*(?:原)?$")
#: a part of the document named: 《X》第十二条, 《X》中关于…的规定, 《X》部分条款
_PART_AFTER_RE = re.compile(r"\s*(?:中|的)?\s*(?:第[^。；，,《》]{1,12}?[条款章项]|关于|有关|涉及|部分|相关|部分条款|有关条款|相关条款|个别条款)")
_JOINED_RE = re.compile(r"\s*(?:、|和|及|以及|与)\s*(?:原)?$")
#: a list's header at a verb: 暂停执行以下文件：, 恢复执行下列规范性文件：; or, the verb last, 下列文件暂缓执行：
_SUSPEND_LIST_VERB_FIRST_RE = re.compile(r"(?:" + _SUSPEND_VERB + r"|" + _RESUME_VERB + r")(?:以下|下列|如下)[^。：:\n《》]{0,20}[：:]")
_SUSPEND_LIST_VERB_LAST_RE = re.compile(r"(?:" + _SUSPEND_VERB + r"|" + _RESUME_VERB + r")\s*[：:]")
_SUSPEND_LIST_LEAD_RE = re.compile(r"(?:以下|下列)[^。；：:\n《》]{0,24}$")
_SUSPEND_TITLE_RE = re.compile(
    r"关于(?P<v>" + _SUSPEND_VERB + "|" + _RESUME_VERB + r")[《〈](?P<t>[^《》〈〉]{2,80})[》〉](?:等[^的]{0,10})?的(?:通知|决定|公告|通告|函)"
)


def _suspensions(sentence: str) -> list[Reference]:
    """The documents a sentence suspends or resumes as a whole: each title with the verb right after it (its brackets and
    a day between: 《X》（文号）自2023年9月1日起中止执行) or right before it (暂停执行《X》), chained by 、 和 及; a title
    followed by one of its parts (第十二条, 中关于…) is none."""
    titles = _titles(sentence)
    refs: list[Reference] = []
    for i, (match, pre, paren) in enumerate(titles):
        after = _PAREN_AFTER_RE.match(sentence, match.end())
        at = after.end() if after else match.end()
        if _PART_AFTER_RE.match(sentence, at):
            # 暂停执行《X》第十二条, 《X》中关于…的规定暂停执行: a part of X (X stays in force; its page says which part)
            if _SUSPEND_BEFORE_RE.search(pre) or _rx(r"[^《》。；]{0,60}?" + _SUSPEND_VERB).match(sentence, at):
                refs.append(_reference("suspends_part", match, _rx(_SUSPEND_VERB + r"\s*$").sub("", pre), paren, sentence))
            continue
        kind = ""
        verb_after = _SUSPEND_AFTER_RE.match(sentence, at) or _RESUME_AFTER_RE.match(sentence, at)
        if verb_after is not None:
            kind = "suspends" if _SUSPEND_VERB_RE.match(verb_after["v"]) else "resumes"
        else:
            # the verb before: right before this title, or before a title it is chained to (暂停执行《A》、《B》)
            j = i
            while j > 0 and _JOINED_RE.search(titles[j][1]) and titles[j - 1][0].end() <= match.start():
                j -= 1
            lead = titles[j][1]
            if _SUSPEND_BEFORE_RE.search(lead):
                kind = "suspends"
            elif (found := _RESUME_BEFORE_RE.search(lead)) and (found["v"] or not _rx(r"至\s*$").search(lead)):
                kind = "resumes"
            if kind and j != i and not all(_JOINED_RE.search(titles[k][1]) for k in range(j + 1, i + 1)):
                kind = ""
        if not kind and i + 1 < len(titles) and _JOINED_RE.search(titles[i + 1][1]):
            # 《A》、《B》自…起暂停执行: A takes the verb after the last title of its chain
            k = i + 1
            while k + 1 < len(titles) and _JOINED_RE.search(titles[k + 1][1]):
                k += 1
            last_after = _PAREN_AFTER_RE.match(sentence, titles[k][0].end())
            last_at = last_after.end() if last_after else titles[k][0].end()
            chained = _SUSPEND_AFTER_RE.match(sentence, last_at) or _RESUME_AFTER_RE.match(sentence, last_at)
            if chained is not None and not _PART_AFTER_RE.match(sentence, last_at):
                kind = "suspends" if _SUSPEND_VERB_RE.match(chained["v"]) else "resumes"
        if kind:
            refs.append(_reference(kind, match, _rx(r"(?:" + _SUSPEND_VERB + "|" + _RESUME_VERB + r")\s*$").sub("", pre), paren, sentence))
    return refs


#: 暂停执行厦价〔2019〕5号文件 / 厦价〔2019〕5号文件自…起暂停执行: a document named by its 文号 alone
_NUMBER_VERB_AFTER_RE = re.compile(r"\s*(?:文件|文)?" + _VERB_AFTER_GAP + "(?P<v>" + _SUSPEND_VERB + "|" + _RESUME_VERB + ")")
#: the verb before the number's issuer (DOC_NUMBER_RE's match may start at the verb: its prefix is greedy)
_NUMBER_VERB_BEFORE_RE = re.compile("(?P<v>" + _SUSPEND_VERB + "|" + _RESUME_VERB + r")\s*(?:原)?[\u4e00-\u9fff]{0,12}$")


_VERB_AT_RE = re.compile(_SUSPEND_VERB + "|" + _RESUME_VERB)


def _numbered_suspensions(text: str, at: list[int], taken: set[str]) -> list[Reference]:
    """The documents a sentence around a suspension's word (`at`) suspends or resumes by their 文号 alone (no 《》 around
    it: a title's number is read with its title), less those `taken` (numbers already read)."""
    refs: list[Reference] = []
    seen: set[str] = set()
    for position in at:
        if not _VERB_AT_RE.match(text, position):
            continue  # 诉讼中止, 恢复原状, 继续执行: no verb that names a document by its number
        sentence = _sentence_at(text, position)
        if sentence in seen or "号" not in sentence:
            continue
        seen.add(sentence)
        for match in DOC_NUMBER_RE.finditer(sentence):
            if _inside_title(sentence, match.start()) or _rx(r"》\s*[（(][^（）()]{0,20}$").search(sentence, 0, match.start()):
                continue  # 《X》（文号）: read with its title
            number = printed_doc_number(match)
            after = _NUMBER_VERB_AFTER_RE.match(sentence, match.end())
            bracket = _rx(r"[〔\[（(【]").search(sentence, match.start(), match.end())
            before = _NUMBER_VERB_BEFORE_RE.search(sentence, 0, bracket.start() if bracket else match.start()) if after is None else None
            verb = after or before
            if verb is None or number in taken or _PART_AFTER_RE.match(sentence, match.end() + (2 if sentence.startswith("文件", match.end()) else 0)):
                continue
            kind = "suspends" if _SUSPEND_VERB_RE.match(verb["v"]) else "resumes"
            refs.append(Reference(kind, "", number, None, "", sentence))
            taken.add(number)
    return refs


def _listed_suspensions(text: str, at: list[int]) -> list[Reference]:
    """自2026年2月1日起暂停执行以下文件：1.《A》（文号） 2.《B》 … (also 下列文件暂缓执行：, 恢复执行以下文件：), read as the lists
    of repeals are; a header naming parts (下列文件中的部分条款) is none."""
    refs: list[Reference] = []
    # `at`: where the scan found a suspension's word (a regex over the text for the headers tried its first characters, 中
    # and 下 among them, at every position: 0.8 ms a regulation)
    after = 0
    for position in at:
        if position < after:
            continue
        header = _SUSPEND_LIST_VERB_FIRST_RE.match(text, position)
        start = position
        if header is None:
            header = _SUSPEND_LIST_VERB_LAST_RE.match(text, position)
            lead_words = _SUSPEND_LIST_LEAD_RE.search(text, max(0, position - 30), position) if header else None
            if lead_words is None:
                continue
            start = lead_words.start()
        if header is None or _rx("情形|情况|行为|事项").search(text, start, header.end()):
            continue  # 有下列情形之一的，中止执行： (a law's cases of suspending enforcement) lists no document
        after = header.end()
        kind = "resumes" if text.startswith("恢复", position) else "suspends"
        if _PART_LIST_RE.search(text, start, header.end()):
            if kind == "resumes":
                continue
            kind = "suspends_part"  # 下列文件中的部分条款暂停执行： each item's part (第八条) after its title (validity4: skipped)
        refs.extend(_list_items(text, header.end(), _sentence_at(text, position), kind, MAX_REFERENCES - len(refs)))
    return refs



# ----------------------------------------------------------------------------------------- anaphors (validity4)
# 上述文件自2026年1月1日起暂停执行 after a list of titles (or a catalogue's rows); 该办法自2025年9月1日起暂停执行 after the
# sentence naming 《X办法》; 本规定自2025年5月1日起停止执行 in a 通知 titled 关于停止执行《X规定》的通知: each names the
# document(s) just before, or the one its title names; read at a verb the scans found (no search of the whole text).
_ANAPHOR_WORD = r"(?:办法|规定|细则|通知|意见|决定|文件|规章|条例|措施|方案|政策|实施细则)"
_ANAPHOR_BEFORE_VERB_RE = re.compile(
    r"(?:(?P<list>(?:上述|以上|前述)(?:[0-9一二两三四五六七八九十]{1,3}\s*(?:件|个|份|项))?\s*(?:规范性|政策性)?(?:文件|办法|规定|规章|政策))"
    r"|(?:该|此)(?P<that>" + _ANAPHOR_WORD + r")|本(?P<this>" + _ANAPHOR_WORD + r"))\s*"
    # a comma only after a day (该办法，恢复执行时间另行通知 resumes nothing)
    r"(?:(?:自|从|于)?\s*(?:" + _DATE + r"|本[\u4e00-\u9fff]{1,4}?(?:公布|发布|印发|施行)之日|即日|印发之日|发布之日|公布之日)\s*(?:起|开始)?\s*[，,]?\s*)?"
    r"(?:予以|一律|全部|同时|一并|均|决定)?\s*$")
_ANAPHOR_LEAD_RE = re.compile("[上以前该此本]")
_NOT_THE_VERB_RE = re.compile(r"\s*(?:时间|日期|期限|工作)")
_ANAPHOR_REPEAL_VERB_RE = re.compile(r"废止|失效|停止执行|停止施行|不再执行|作废")
#: a line of the list an anaphor looks back on: a title, a 文号, a catalogue's row or header, a serial
_LIST_LEAD_LINE_RE = re.compile(r"[：:]\s*$|^\s*(?:根据|依据|按照|依照|为)")
_LIST_LINE_RE = re.compile(r"《|号|^\s*(?:序号|[（(]?[0-9一二三四五六七八九十]{1,3}\s*[)）\.．、\s])")


def _anaphors(text: str, verbs: list[int], own_title: str) -> list[Reference]:
    """The documents a verb at `verbs` (a suspension's, a resumption's or a repeal's) names by an anaphor right before it:
    上述文件 (the list of lines just before its sentence, read as a list of repeals is), 该办法 (the last 《…办法》 before it,
    within 600 characters), 本规定 in a record whose title names another document ending in 规定 (关于停止执行《X规定》的通知;
    not a 印发 notice, whose 本规定 is its own: own_title_keys)."""
    refs: list[Reference] = []
    seen: set[int] = set()
    for at in verbs:
        if at in seen or _ANAPHOR_LEAD_RE.search(text, max(0, at - 60), at) is None:
            continue  # no 上述/以上/前述/该/此/本 before the verb: most verbs (one scan of a few characters)
        seen.add(at)
        verb = _VERB_AT_RE.match(text, at) or _ANAPHOR_REPEAL_VERB_RE.match(text, at)
        if verb is None or _NOT_THE_VERB_RE.match(text, verb.end()):
            continue  # 恢复执行时间另行通知: no document resumed
        # the sentence's start within the 60 characters searched (a bounded look back: a hostile body of 40,000
        # sentences made a search back to the text's start for each verb quadratic)
        last = _LAST_STOP_RE.match(text, max(0, at - 60), at)
        start = last.end() if last else max(0, at - 60)
        found = _ANAPHOR_BEFORE_VERB_RE.search(text, start, at)
        if found is None:
            continue
        kind = ("suspends" if _SUSPEND_VERB_RE.match(verb.group(0)) else "resumes") if _VERB_AT_RE.match(verb.group(0)) else "repeals"
        stop = _STOP_RE.search(text, at)
        sentence = text[start:stop.end() if stop else len(text)].strip()
        if found["list"]:
            block = _list_block_before(text, start)
            if block is not None:  # the list's lines only (a slice: _list_items reads up to 50,000 characters on)
                refs.extend(_list_items(text[block:start], 0, sentence, kind, MAX_REFERENCES - len(refs), through_headings=True))
            elif start and text[start - 1] in "。；;":
                # …废止以下规范性文件：《A》（文号）；B（文号）。以上文件自2025年10月1日起废止。 (validity5): the list is the
                # sentence before, on the same line; its items read with this sentence, which prints their day
                previous = text[max(text.rfind("\n", 0, start - 1), text.rfind("。", max(0, start - 2000), start - 1)) + 1:start]
                header = _LIST_HEADER_BEFORE_RE.search(previous) or _rx(r"废止(?=\s*《[^。]*》\s*(?:[（(][^（）()。]*[)）])?\s*[；;])").search(previous)
                if header is not None:  # validity6: also 决定废止《A》（文号）；《B》（文号）。 with no 以下…：
                    refs.extend(_list_items(previous, header.end(), sentence, kind, MAX_REFERENCES - len(refs)))
            if len(refs) >= MAX_REFERENCES:
                break
            continue
        word = found["that"] or found["this"]
        # what the record's title names (read here: an anaphor of a single document is rare)
        named = [m["t"] or m["u"] for m in _OUTER_TITLE_RE.finditer(own_title)] if "《" in own_title or "〈" in own_title else []
        own_kind = _rx(r"(?:通知|决定|公告|通告|函|批复|令)$").search(own_title.strip())
        carrier = len(own_title_keys(own_title)) > 1
        if found["this"] and (carrier or not own_kind or own_title.strip().endswith(word) or word == "文件"):
            continue  # 本办法 of a regulation, 本通知 of a notice: the document itself (its own end, _own_lapse)
        if found["that"] and carrier and any(key.endswith(title_key(word)) for key in own_title_keys(own_title)[1:]):
            continue  # 该办法 in a 印发 notice: the document it carries, itself
        before = [m for m in _TITLE_RE.finditer(text, max(0, found.start() - 600), found.start())
                  if word == "文件" or m["t"].endswith(word)]
        if before and found["that"]:
            match = before[-1]
            paren = _PAREN_AFTER_RE.match(text, match.end())
            refs.append(_reference(kind, match, "", paren["p"] if paren else "", sentence))
            if len(refs) >= MAX_REFERENCES:
                break
            continue
        titled = [t for t in named if word == "文件" or t.endswith(word)]
        for printed in titled[-1:]:
            mention = next((m for m in before if title_key(m["t"]) == title_key(printed)), None)
            paren = _PAREN_AFTER_RE.match(text, mention.end()) if mention else None
            refs.append(Reference(kind, printed.strip(), _identifier(paren["p"]) if paren else "", None, "", sentence))
    return refs


_LIST_HEADER_BEFORE_RE = re.compile(r"(?:以下|下列)[^。：:\n《》]{0,30}[：:]")


def _list_block_before(text: str, start: int) -> int | None:
    """Where the list of lines ending right before `start` (a sentence's start at a line's) begins: the lines that are
    titles, 文号, a catalogue's rows or its header (_LIST_LINE_RE), back to the first other line; None without one."""
    if start == 0 or text[start - 1] != "\n":
        return None
    block = None
    end = start - 1
    while end > 0:
        line_start = text.rfind("\n", 0, end) + 1
        line = text[line_start:end]
        if line.strip() and (not _LIST_LINE_RE.search(line) or _LIST_LEAD_LINE_RE.search(line)):
            break  # validity6: the list's own lead (根据《X》…，现将清理结果公布如下：) is no item: X was read as repealed
        if line.strip():
            block = line_start
        if line_start == 0:
            break
        end = line_start - 1
    return block


_DAY_BEFORE_VERB_RE = re.compile(
    r"(?P<day>" + _DATE + r"|即日|本通知印发之日|本通知发布之日|印发之日|发布之日|公布之日)\s*(?:起|开始)\s*[，,]?\s*"
    r"(?:" + _CHAINED_TITLE + r"\s*(?:、|和|及|以及|与)?\s*)*(?:等[^，。；《》]{0,10})?\s*[，,]?\s*(?:予以|一律|全部|同时|一并|继续|均)?\s*$"
)
#: …暂停执行至DAY; also after a comma naming the term (暂停执行《X》（文号），期限至DAY; 暂停执行，暂停期限至DAY: validity4)
_TERM_WORD = r"(?:[，,]\s*(?:暂停|暂缓|中止)?(?:执行|施行|实施)?\s*(?:期限|期间|时间)\s*(?:为)?|\s*(?:期限)?)"
_UNTIL_AFTER_VERB_RE = re.compile(_TERM_WORD + r"\s*(?:至|到|截至)\s*(?P<until>" + _DATE + r")")
#: 自2025年1月1日起至2025年12月31日，暂停执行《X》 / 2025年1月1日至2025年12月31日期间，暂停执行…: both ends before the verb
_RANGE_BEFORE_VERB_RE = re.compile(
    r"(?:自|从)?\s*(?P<a>" + _DATE + r")\s*(?:起)?\s*(?:至|到|—|－|-|~|～)\s*(?P<b>" + _DATE + r")\s*(?:止|期间|为止)?\s*[，,]?\s*"
    r"(?:予以|一律|全部|同时|一并|均|阶段性)?\s*$")
_RESUMED_AFTER_RE = re.compile(r"[^《》。；]{0,6}?(?:自|从|于)?\s*(?P<day>" + _DATE + r")\s*(?:起)\s*(?:" + _RESUME_VERB + r"|继续(?:执行|施行|实施))")


_SUSPENDED_FOR_RE = re.compile(r"(?:[，,]\s*(?:暂停|暂缓|中止)?(?:执行|施行|实施)?\s*(?:期限|期)|\s*(?:期限|期)?)\s*(?:为)?\s*(?P<n>"
                               + _NUM + r")\s*(?:个)?\s*(?P<unit>年|个月|月)")


#: the part of a document named after its title (and its brackets): 第十二条、第十五条第二款, 中关于…的规定, 部分条款, up to the
#: verb, the sentence's end or the list item's
_PART_TEXT_RE = re.compile(r"\s*(?:中|的)?\s*(?P<part>(?:第|关于|有关|涉及|部分|相关|个别)[^。；;\n《》]{0,80}?)\s*(?:[，,]?\s*(?:自|从|于)\s*" + _DATE
                           + r"\s*起\s*)?(?:[，,]?\s*(?:予以|一律|均)?\s*" + _SUSPEND_VERB + r"|[。；;\n]|$)")


def suspended_part(statement: str, title: str = "", doc_number: str = "") -> str:
    """The part of the document titled `title` (or numbered `doc_number`) a sentence suspends, as printed: 暂停执行《X》（文号）
    第十二条、第十五条第二款 → 第十二条、第十五条第二款; 《X》中关于…的规定暂停执行 → 关于…的规定; a list's item
    (1.《X》（文号）第八条；) the same; "" when it prints none (validity4: the page said a part, not which)."""
    text = simplified(normalise_text(statement))
    span = _mention(text, title, doc_number) if title or doc_number else None
    if span is None:
        return ""
    closed = _PAREN_AFTER_RE.match(text, span[1])
    found = _PART_TEXT_RE.match(text, closed.end() if closed else span[1])
    return found["part"].rstrip("，, 等") if found else ""


def suspension_days(statement: str, title: str = "", doc_number: str = "", kind: str = "suspends",
                    start_default: date | None = None) -> tuple[date | None, date | None]:
    """(first day, last day) of a suspension the sentence prints for the document titled `title` (or numbered
    `doc_number`): 自2025年7月1日起暂停执行《X》 → (2025-07-01, None); 《X》暂停执行至2025年12月31日，2026年1月1日起恢复执行
    → (None, 2025-12-31). Of a resumption (`kind` resumes) the first day it runs again (自2024年6月1日起恢复执行) and None.
    A day not printed (即日, 另行通知) is None: the document saying it decides (its effective or publication date)."""
    text = simplified(normalise_text(statement))
    verbs = list((_SUSPEND_VERB_RE if kind == "suspends" else _RESUME_ANY_RE).finditer(text))
    if not verbs:
        return None, None
    verb = verbs[0]
    span = _mention(text, title, doc_number) if title or doc_number else None
    if span is not None:
        after = [v for v in verbs if v.start() >= span[1] and v.start() - span[1] <= 80]
        before = [v for v in verbs if v.end() <= span[0]]
        verb = after[0] if after else before[-1] if before else verb
    found = _DAY_BEFORE_VERB_RE.search(text, max(0, verb.start() - 400), verb.start())
    start = _to_date(found["day"]) if found and "年" in found["day"] else None  # 即日, 印发之日: the stating document's day
    if kind != "suspends":
        return start, None
    if found is None and (ranged := _RANGE_BEFORE_VERB_RE.search(text, max(0, verb.start() - 80), verb.start())):
        return _to_date(ranged["a"]), _to_date(ranged["b"])  # 自A起至B，暂停执行…
    if postponed := _POSTPONED_TO_RE.match(verb.group(0)):  # 延期至2030年1月1日起施行: not in force to the day before
        day = _to_date(postponed["day"])
        return start, (day - timedelta(days=1)) if day else None
    until_match = _UNTIL_AFTER_VERB_RE.match(text, verb.end())
    if until_match is None and span is not None and verb.end() <= span[0]:  # 暂停执行《X》（文号），期限至…
        closed = _PAREN_AFTER_RE.match(text, span[1])
        until_match = _UNTIL_AFTER_VERB_RE.match(text, closed.end() if closed else span[1])
    if until_match:
        return start, _to_date(until_match["until"])
    length = _SUSPENDED_FOR_RE.match(text, verb.end())  # 暂停执行一年, 暂停执行期限为6个月: from its first day
    if length is None and span is not None and verb.end() <= span[0]:  # 暂停执行《X》（文号）6个月
        closed = _PAREN_AFTER_RE.match(text, span[1])
        length = _SUSPENDED_FOR_RE.match(text, closed.end() if closed else span[1])
    first = start or start_default
    if length and first is not None and (n := cn_number(length["n"])):
        return start, add_period(first, n, "年" if length["unit"] == "年" else "个月")
    resumed = _RESUMED_AFTER_RE.match(text, verb.end() + (1 if text[verb.end():verb.end() + 1] in "，," else 0))
    day = _to_date(resumed["day"]) if resumed else None
    return start, (day - timedelta(days=1)) if day else None


def _citations(sentence: str, taken: set[str]) -> list[Reference]:
    return [ref for key, ref in _sentence_citations(sentence) if key not in taken]


@lru_cache(maxsize=16384)
def _sentence_citations(sentence: str) -> tuple[tuple[str, Reference], ...]:
    """(title key, reference) of each document the sentence cites. Cached by the sentence: the same sentences come back in
    document after document (严格执行《中华人民共和国政府信息公开条例》…, 根据《中华人民共和国公司法》…), and reading one's titles
    was a fifth of read_statements on the bench's records. An entry holds ~620 bytes (the bench's 20,000 records print 6,184
    such sentences, 3.9 MB): 16,384 are ~10 MB a process; 4,096 missed a quarter of the bench's repeats."""
    refs = []
    for match, pre, paren in _titles(sentence):
        cited = bool(_CITE_LEAD_RE.search(pre)) or ("号" in paren and bool(DOC_NUMBER_RE.search(paren) or _ORDER_RE.search(paren)))
        if cited:
            refs.append((title_key(match["t"]), _reference("cites", match, pre, paren, sentence)))
    return tuple(refs)


#: what stands right before an effective clause's 自 when it is said of another document: its title (《X》, with a 文号 in
#: brackets) or 该/上述 and a document's word (该条例自…起施行)
_OTHER_SUBJECT_RE = re.compile(
    r"(?:《(?P<t>[^《》\n]{2,120})》\s*(?:[（(][^（）()\n]{0,60}[）)])?|(?:该|上述|前述|此)[\u4e00-\u9fff]{0,4}?(?P<w>办法|规定|条例|细则|决定|意见|"
    r"方案|措施|政策|法|令|标准|规则|通知|公告)|(?P<local>本[市省区县][\u4e00-\u9fff]{0,20}?(?:办法|规定|条例|细则|决定|意见|方案|措施|"
    r"政策|标准|规则)))\s*(?:已|将|拟|均|也|亦|正式)?\s*(?:于)?\s*$")  # local: 本市X办法, the city's, not the record


def _own_subject(text: str, at: int, title: str) -> bool:
    """Whether the effective clause starting at `at` (no 本办法 in it) is the document's: not said of a document named
    right before it, unless that is the document itself (a 印发 notice's 《X》自…起施行 and 该办法自…起施行 are X's, the
    record known as X; a short name its text gave, 《办法》, when its own title ends so)."""
    zi = text.find("自", at, at + 20)
    near = text[max(0, zi - 20):zi] if zi > 0 else ""
    if "》" not in near and "该" not in near and "上述" not in near and "此" not in near and "本" not in near:
        # one slice and five one-character tests: most clauses have none of them before their 自; but the sentence may
        # open with the document it is said of, farther back: 《福建省物业管理条例》已由…会议修订通过，自2024年8月1日起施行
        # (a notice on carrying the law out took the law's day as its own: fields9); unless this text promulgates it
        # (《X管理规定》已经…审议通过，现予公布，自…起施行: a decree's, or 现印发给你们: a 印发 notice's own day)
        opened = _rx(r"\s*《(?P<t>[^《》]{2,120})》").match(text, _sentence_start(text, zi), zi)
        return (opened is None or _is_own_title(opened["t"], title)
                or bool(_rx(r"公布|发布|印发|颁布|下发").search(text, opened.end(), zi)))
    other = _OTHER_SUBJECT_RE.search(text, max(0, zi - 190), zi)
    if other is None:
        return True
    if other["local"]:
        return False
    keys = own_title_keys(title)
    if not other["t"]:  # 该办法自…起施行: in a 印发 notice, the document it carries (its second key); else another one
        return any(carried.endswith(other["w"]) for carried in keys[1:])
    return _is_own_title(other["t"], title)


def _is_own_title(printed: str, title: str) -> bool:
    """Whether a title printed in 《》 is the record's own (its title, the document its 印发 notice carries, or a short name
    its own title ends in: 《办法》)."""
    key = title_key(printed)
    return any(own == key or (len(key) <= 6 and own.endswith(key)) for own in own_title_keys(title))


def _sentence_start(text: str, at: int) -> int:
    """Where the sentence holding `at` starts: after the last 。, ； or line end before it."""
    return max(text.rfind("。", 0, at), text.rfind("；", 0, at), text.rfind("\n", 0, at)) + 1


def _effective(text: str, publish_date: date | None, ends: list[tuple[int, int]], title: str = "") -> tuple[date | None, str, bool]:
    """`ends`: (start, end) of each _EFFECTIVE_END_RE match (起施行) in `text`; `title`: the record's."""
    best: tuple[int, date | None, str, bool] | None = None
    for end_start, end_stop in ends:
        if text.startswith("的", end_stop):
            continue  # 根据自2024年1月1日起施行的《X》: X's day, said of what the text cites (the notice read 尚未施行 to it)
        # the regex runs only on the words before each 起施行 (scanning the whole text with it was 3/4 of the time)
        window_start = max(0, end_start - 40)
        match = _EFFECTIVE_RE.search(text, window_start, end_stop)
        if match is None:
            continue
        if not match["self"] and not _own_subject(text, match.start(), title):
            continue  # 《福建省物业管理条例》自2024年8月1日起施行: the law's day, not the notice's that says so
        on_publish = not match["date"] and not match["delay"]
        when = _to_date(match["date"]) if match["date"] else publish_date
        if when is not None and match["delay"]:
            n = cn_number(match["delay"]) or 0
            # add_period gives a period's last day (有效期): the day after it is n months on
            when = when + timedelta(days=n) if match["delay_unit"] in ("日", "天") else add_period(when, n, "个月") + timedelta(days=1)
        # a clause about 本办法 beats one about a part of it (新设定的制度自…起施行)
        rank = 0 if match["self"] else 1
        sentence = _sentence_at(text, end_start)
        if ("草" in sentence or "稿" in sentence) and _said_of_draft(text, match.start()):
            continue  # 草案规定，本条例自…起施行 (a 报告 on a bill): the draft's day
        if best is None or rank < best[0]:
            best = (rank, when, sentence, on_publish)
        if rank == 0:
            break
    if best:
        return best[1], best[2], best[3]
    header = _HEADER_EFFECTIVE_RE.search(text[:2000]) if text.find("施行", 0, 2000) >= 0 else None  # the line needs 施行
    if header:
        return _to_date(header["date"]), header.group(0).strip(), False
    return None, "", False


_STOP_RE = re.compile("[。；\n]")
_LAST_STOP_RE = re.compile("(?s:.*)[。；\n]")  # the last stop before a position: see _LAST_SENTENCE_END_RE
#: a draft named before a statement in its sentence (草案规定，本条例自…起施行; 草案第六十条规定，…有效期五年): a 报告 or 汇报 on
#: a bill quotes the draft, whose 本条例 is the bill, not the page
_DRAFT_SUBJECT_RE = re.compile("草案|征求意见稿|送审稿|修订稿")


def _said_of_draft(text: str, at: int) -> bool:
    """Whether the sentence around `at` names a draft before `at` (run only where a statement was found)."""
    window = max(0, at - 80)
    if text.find("草", window, at) < 0 and text.find("稿", window, at) < 0:
        return False  # two finds of one character, most clauses: the sentence's start looked for only when one is there
    last = _LAST_STOP_RE.match(text, window, at)
    return _DRAFT_SUBJECT_RE.search(text, last.end() if last else window, at) is not None


def _sentence_at(text: str, position: int) -> str:
    """The sentence (up to 。；or a line end) around `position`."""
    last = _LAST_STOP_RE.match(text, 0, position)
    start = last.end() if last else 0
    stop = _STOP_RE.search(text, position)
    return text[start:stop.end() if stop else len(text)].strip()


_PERIOD_ANCHORS = ("有效期", "试行", "内有效")  # 自印发之日起5年内有效 (validity5)
#: 执行期限至…, 实施期限3年: anchors too, but not in the one scan (执行 and 实施 are everywhere in a regulation: each
#: was a branch tried, ~4 µs a text); looked for right after each effective clause only (read_statements)
_RARE_PERIOD_ANCHORS = ("执行期", "实施期", "施行期")  # 施行期限为3年 too
_RARE_PERIOD_ANCHOR_RE = re.compile("|".join(_RARE_PERIOD_ANCHORS))
_PERIOD_ANCHOR_RE = re.compile("|".join(_PERIOD_ANCHORS))  # the scan's: _PERIOD_RE is searched only around these
_ANY_PERIOD_ANCHOR_RE = re.compile("|".join(_PERIOD_ANCHORS + _RARE_PERIOD_ANCHORS))


_CN_YEAR_DIGITS = str.maketrans("〇○零OＯ一二三四五六七八九", "00000123456789")


def _year_of(printed: str) -> int:
    """A year printed in digits or one Chinese numeral a digit (二〇二七)."""
    return int(printed.translate(_CN_YEAR_DIGITS))


def _coarse_end(match: re.Match[str]) -> date | None:
    """The last day of the year (2025年底) or month (2024年12月) a period's end names."""
    if match["until_year"]:
        return date(_year_of(match["until_year"]), 12, 31)
    year, month = _year_of(match["until_month_y"]), cn_number(match["until_month"])
    if not month or not 1 <= month <= 12:
        return None
    return date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)


_PERIOD_WORD_RE = re.compile(_PERIOD_WORD)
_EFFECTIVE_SENTENCE_END_RE = re.compile(r"起\s*" + _EFFECTIVE_ADVERB + r"(?:施行|实施|执行|实行|生效)\s*[。；;]\s*$")


def _after_effective_sentence(text: str, position: int, title: str = "") -> bool:
    """Whether the sentence around `position` comes right after the document's own effective clause (…起施行。有效期5年。),
    not another document's (《某省X办法》自…起施行。有效期5年。 in a notice forwarding it: X's period)."""
    last = _LAST_STOP_RE.match(text, max(0, position - 200), position)
    start = last.end() if last else 0
    clause = _EFFECTIVE_SENTENCE_END_RE.search(text, max(0, start - 24), start)
    return clause is not None and _own_clause(text, clause.start(), title)


def _own_clause(sentence: str, end: int, title: str) -> bool:
    """Whether the effective clause whose 起 is at `end` in `sentence` is the document's (not 《X》自…起施行)."""
    zi = sentence.rfind("自", max(0, end - 40), end)
    return zi < 0 or _own_subject(sentence, zi, title)


def _period(text: str, effective: date | None, anchors: list[tuple[int, int]], title: str = "") -> tuple[str, date | None, str, date | None]:
    """`anchors`: (start, end) of each _PERIOD_ANCHOR_RE match (有效期, 试行 …) in `text`. The fourth item is the
    first day of a period printed as a range (有效期为2023年1月1日至2025年12月31日), else None. `title`: the
    document's (a 公示 of licences: its 有效期 label lines are the licences')."""
    matches: list[re.Match[str]] = []
    for anchor_start, anchor_end in anchors:
        found = _PERIOD_RE.search(text, max(0, anchor_start - 30), anchor_end + 40)
        if found is None and (text.startswith(("：", ":"), anchor_end) or text.startswith(("限：", "限:"), anchor_end)):
            # a card's period with dashes (its own regex: another branch of _PERIOD_RE cost every anchor's search)
            found = _DASHED_PERIOD_RE.search(text, max(0, anchor_start - 12), anchor_end + 40)
        if found and (not matches or found.start() != matches[-1].start()):
            matches.append(found)
    for match in matches:
        sentence = _sentence_at(text, match.end() - 1)
        # the document's own period: said of 本办法, or in the sentence of its effective clause
        anchor = _ANY_PERIOD_ANCHOR_RE.search(sentence)
        # or a label line of its own (有效期：2024年1月1日—2026年12月31日, a policy's last line; a project's is named first)
        clause = _rx(r"起\s*" + _EFFECTIVE_ADVERB + r"(?:施行|实施|执行|实行)").search(sentence)
        named = _rx(_SELF + "(?!所|中|附|列|涉)").search(sentence[: (anchor.start() if anchor else 0) + 1])  # not 本公告所列…的许可证
        if named and "许可" in named.group(0):
            continue  # 本许可决定有效期五年, 本行政许可决定有效期…: the permit's term, not the decision's being in force
        own = (named
               or (clause and _own_clause(sentence, clause.start(), title))
               or (_PERIOD_WORD_RE.match(sentence) and _after_effective_sentence(text, match.end() - 1, title))
               or (_LABEL_PERIOD_RE.match(sentence) and _label_of_document(text, match.end() - 1, title)))
        if not own or (("草" in sentence or "稿" in sentence) and _said_of_draft(text, match.start() + 1)):
            continue
        if match.re is _DASHED_PERIOD_RE:  # 有效期：2024-03-01至2027-02-28
            return "", _date_of(match["drange_end"]), sentence, _date_of(match["dsince"])
        rare = _RARE_PERIOD_ANCHOR_RE.search(text, match.start(), match.end())
        if rare and not _PERIOD_ANCHOR_RE.search(text, match.start(), match.end()) and not _own_rare(text, rare.start()):
            continue  # 本办法自…起施行，项目实施期限为3年: a project's, not the document's
        if match["range_end"]:
            return "", _to_date(match["range_end"]), sentence, _to_date(match["since"])
        if match["until"]:
            return "", _to_date(match["until"]), sentence, None
        if match["until_year"] or match["until_month_y"]:
            return "", _coarse_end(match), sentence, None
        if match["until_y"]:
            return "", date(int(match["until_y"]), 12, 31), sentence, None
        if match["within"]:  # 自印发之日起5年内有效: from the day it names (the publication when it names no date)
            n, start = cn_number(match["within"]), _to_date(match["within_from"]) if match["within_from"] else effective
            if not n or start is None:
                continue
            unit = "年" if match["within_unit"] == "年" else "个月"
            return f"{n}{unit}", add_period(start, n, unit), sentence, start
        span = _SPAN_AFTER_RE.search(text, match.end(), match.end() + 60)
        if span and _sentence_at(text, span.start()) == sentence:
            return "", _to_date(span["until"]), sentence, _to_date(span["since"])
        n = cn_number(match["n"])
        if not n or effective is None:
            continue
        unit = "年" if match["unit"] == "年" else "个月"
        return f"{n}{unit}", add_period(effective, n, unit), sentence, None
    return "", None, "", None


#: a 有效期 label line: 有效期：2024年1月1日—2026年12月31日 (三、有效期：…)
_LABEL_PERIOD_RE = re.compile(_LINE_SERIAL + r"?\s*(?:政策|文件)?有效期限?\s*[：:]")
#: a line that is a field of a thing: a short label and its colon (单位名称：…, 证书编号：…, 取水量：…, 取水地点：…), whatever
#: the label says (a licence prints fields no list can hold), not a numbered heading (三、…：, （二）…：)
#: and a value after the colon: 市财政局： alone is the one body a notice is sent to, no field
_FIELD_LINE_RE = re.compile(r"^\s*(?!" + _LINE_SERIAL + r")(?P<label>[^\n：:。，,；;、（）()]{1,10}?)\s*[：:](?=[ \t\u3000]*\S)")
#: the labels of a page's card about the document itself (索引号, 发布单位, 文号, 成文日期 …): a 有效期 line among them is the
#: document's (the policy card of a government site)
_CARD_LABEL_RE = re.compile(
    r"(?:索引号|发布单位|发布机构|发文单位|发文机关|发文字号|文号|成文日期|发布日期|印发日期|公开日期|生成日期|主题分类|主题词|公开方式|"
    r"公开范围|有效性|效力状态|效力级别|时效性|生效日期|施行日期|实施日期|失效日期|废止日期|标题|体裁分类|所属机构|信息来源|来源|"
    r"联系人|联系电话|咨询电话|电话|附件|有效期限?)\s*$")
#: the title of a 公示/公告 of licences, certificates, qualifications, or of any 公示/名单; or of a licence granted to one party
#: (行政许可决定书, 关于准予X公司…许可的决定, 关于核准…延续的批复): the 有效期 it prints is the licence's
_ITEM_NOTICE_TITLE_RE = re.compile(
    r"(?:许可|证书|证照|资质|执照|登记|备案|认定|核发|换证|延续|注册)[^《》]*?(?:公示|公告|名单|结果|公布)$|(?:公示|名单)$"
    r"|决定书$|(?:准予|同意|核准|批准)[^《》]*?(?:许可|登记|备案|延续|变更|注册|换证|换发)[^《》]*?(?:决定|批复|通知)$")


def _label_of_document(text: str, at: int, title: str) -> bool:
    """Whether the 有效期 label line at `at` is the document's own (a policy's last line), not a field of a thing it
    lists: in a 公示 of licences (排污许可证核发情况的公示: 证书编号：…\n有效期：A—B) the period is a licence's, and
    the notice would have been read as expired when the licence is."""
    if title and _ITEM_NOTICE_TITLE_RE.search(title.strip()):
        return False
    start = text.rfind("\n", 0, at)
    lines_before = text[max(0, start - 160): max(0, start)].split("\n")[-3:]
    end = text.find("\n", at)
    lines_after = text[end: end + 120].split("\n")[:3] if end >= 0 else []
    # a field among others of a thing (取水量：…\n有效期：A至B: the licence's), unless they are the document's own card or
    # the line addressing the bodies it is sent to (各区人民政府：现将…印发给你们: a notice's first line, after its card)
    # (its labels padded as cards print them: 索 引 号, 标　　题, 有 效 性)
    return not any((field := _FIELD_LINE_RE.match(line)) and not _CARD_LABEL_RE.search(_rx(r"[\s\u3000]+").sub("", field["label"]))
                   and not _ADDRESSEE_LINE_RE.match(line) for line in lines_before + lines_after)


#: a notice's line to the bodies it is sent to, its text on the same line: 各区人民政府：现将…, 市直各单位：为… (an addressee
#: named as one, 各… or a body's name, then a sentence's first word: 现将/现就/为/根据/经…), no field of a thing (建设单位：某公司)
_ADDRESSEE_LINE_RE = re.compile(
    r"\s*(?:各[^\n：:]{1,9}|[^\n：:]{0,8}(?:政府|局|委|办|厅|部门|单位|委员会|管委会|公司|中心))\s*[：:]\s*"
    r"(?:现|为|根据|按照|依据|经|近日|近期|近年来|你|贵|兹)")


#: a page card's own dates (施行日期：2024-02-01, 失效日期：2029年1月31日: a policy library's card, kept in the body), looked for
#: in the body's first characters only, when the body starts as a card does (a label and its colon on its first line) and they
#: hold 日期 (in the scan, the card words cost ~2 µs a bench record: each match was looked at again; a find of 日期 in every
#: body's first 1,000 characters ~1.3 µs, a look at its first 16 ~0.1)
_CARD_SPAN = 1000


def _card_first(body: str) -> bool:
    head = body[:16]
    return ("：" in head or ":" in head) and body.find("日期", 0, _CARD_SPAN) >= 0
_CARD_WORD_RE = re.compile("(?:施行|生效|实施|失效|废止)日期")
#: a date as a card prints it: 2024-02-01, 2024/2/1, 2024.02.01 or in 年月日
_CARD_DATE = r"(?:" + _DATE + r"|" + _DASHED_DATE + r")"
_CARD_LINE_RE = re.compile(r"(?P<label>施行|生效|实施|失效|废止)日期\s*[】\]]?\s*[：:]\s*(?P<d>" + _CARD_DATE + r")[ \t\u3000]*(?=\n|$)")


def _card_dates(text: str, cards: list[int], title: str) -> tuple[date | None, date | None, str, str]:
    """The effective and last days a card's label lines give (施行日期/生效日期/实施日期, 失效日期/废止日期: the last day in force, as
    a 有效期至's), with their lines: a label at a line's start (after 【 or spaces), among the card's labels, not a thing's field
    (a licence's 发证日期 and 失效日期 in a 公示: _label_of_document)."""
    effective = until = None
    effective_line = until_line = ""
    for at in cards:
        line_start = text.rfind("\n", 0, at) + 1
        if text[line_start:at].strip(" \t\u3000【[") or (found := _CARD_LINE_RE.match(text, at)) is None:
            continue
        day = _date_of(found["d"])
        if day is None or not _label_of_document(text, at, title):
            continue
        line = found.group(0).strip()
        if found["label"] in ("失效", "废止"):
            if until is None:
                until, until_line = day, line
        elif effective is None:
            effective, effective_line = day, line
    return effective, until, effective_line, until_line


# Every statement read below starts at a match of one of these in the body: _EFFECTIVE_END_RE (起施行/实施/执行/生效)
# or 施行 (a header 2015年1月1日施行) for an effective date, _PERIOD_ANCHOR_RE (有效期/试行) for a period, _TRIGGER_RE
# (《, a repeal verb, 不一致) for a reference or a general clause (_LIST_REPEAL_RE's 废止 is one of its verbs). One
# pass of this regex, made of those regexes (so it cannot disagree with them), finds them all; the reading works
# only around them (issue 14/19's ingest cost: one scan of the text instead of one per regex). No match of one
# group can hide a match of another (none holds another's first character, 施行 aside, which only the header
# line needs and which a 起施行 or 停止施行 implies): tests/test_validity_ingest.py checks each group against its
# regex alone. A body with none (most notices: 遗失声明, 停电通知; the 组织实施 or 执行中 of a plain notice is no
# statement) is answered from its title alone.
# Written flat, one branch a word, each starting with its literal: re then skips to the next possible first
# character in C (the same alternation in named groups took 38 µs a bench body, flat 4.4). A match is told by its
# first character: 起 an effective clause's end, 有/试 a period's anchor, 施 the header word, any other a trigger.
# validity3: the words of a suspension (暂停, 暂缓, 中止, 恢复, 继续执行: first characters no other group has) are a fifth
# group, so a text without any is never searched for one (five `in` tests of a long text cost 30-50 µs)
_SCAN_RE = re.compile("|".join((_EFFECTIVE_END_RE.pattern, *_PERIOD_ANCHORS, *_TRIGGERS, _HEADER_WORD_RE.pattern, *_SUSPENSION_SCAN)))
_ANCHOR_FIRST = {word[0] for word in _PERIOD_ANCHORS}
_SUSPENSION_FIRST = {word[0] for word in _SUSPENSION_SCAN}


@dataclass
class Hits:
    """Where the statement regexes match in a body: (start, end) of each 起施行 and 有效期/试行, the start of each
    trigger (《, a repeal verb, 不一致)."""

    ends: list[tuple[int, int]] = field(default_factory=list)
    anchors: list[tuple[int, int]] = field(default_factory=list)
    triggers: list[int] = field(default_factory=list)
    suspensions: list[int] = field(default_factory=list)  # the start of each 暂停, 暂缓, 中止, 恢复, 继续执行 (validity3)


def scan(text: str) -> Hits | None:
    """The matches of the statement regexes in `text`, in one pass; None when there is none at all. The width
    normalisation (normalise_text) keeps offsets and changes none of their characters (an ideographic space is a
    space to the pattern's whitespace class), so the raw body gives the positions of the normalised one and a body without any is never normalised."""
    hits: Hits | None = None
    for match in _SCAN_RE.finditer(text):
        if hits is None:
            hits = Hits()
        first = text[match.start()]
        if first == "起":
            hits.ends.append(match.span())
        elif first in _ANCHOR_FIRST:
            hits.anchors.append(match.span())
        elif first in _SUSPENSION_FIRST:
            hits.suspensions.append(match.start())
        elif first != "施":
            hits.triggers.append(match.start())
    return hits


#: characters of Traditional text that statements hold (號 of a 文号, 廢 of 廢止, 辦 of 辦法, 條 of 條例) and Simplified text never
#: does: four `in` tests cost ~2 µs a body, a regex class over the text ~57
_TRADITIONAL_MARKS = ("號", "廢", "辦", "條", "暫", "執")  # 暫停執行 (validity3): a suspension printing none of the four


def simplified(text: str) -> str:
    """A Traditional text (a Hong Kong or Taiwan mirror, a page converted by its site) in Simplified characters, length
    kept (textnorm.fold: offsets stay valid), so 同時廢止 and 廈府〔2015〕12號 read as 同时废止 and 厦府〔2015〕12号; any
    other text as it is."""
    if "號" in text or "廢" in text or "辦" in text or "條" in text or "暫" in text or "執" in text:  # _TRADITIONAL_MARKS, no generator
        return fold(text)
    return text


#: a page about another document (its 解读, 问答, 一问一答, 图解, 一图读懂, 答记者问, a press conference's 新闻发布会, a draft's 起草说明) or a draft (征求意见稿, 草案,
#: 送审稿, or a call for comments carrying one: 关于…公开征求意见的公告, 关于对《X》征求意见的函): what it prints of taking effect, lasting or repealing is that document's word, not this page's; the word
#: outside the 《》 of a title (《政策解读工作规范》 is a document about 解读) and not a kind of work (解读工作)
_COMMENTARY_TITLE_RE = re.compile(
    r"征求意见稿|送审稿|草案|征求[^。《》]{0,40}?(?:《[^《》]{2,80}》)?[^。《》]{0,10}?意见的?(?:公告|通知|通告|函)$|(?:解读|图解|一图(?:读懂|看懂|速览|了解)|答记者问|问答|"
    r"一问一答|问与答|发布会|一张图(?:读懂|看懂|了解)|》的?(?:起草|编制|修订|制定|立法|修改)?说明)"
    r"(?![^《》]*》)(?!工作|机制|制度|办法|规定|规范|指引|细则|要点|竞赛|比赛|大赛|活动)")  # 知识问答竞赛: an event


#: a character each of _COMMENTARY_TITLE_RE's words holds: one class over a title costs a third of the words' search
_COMMENTARY_MARK_RE = re.compile("[解图问说草稿征布]")


def commentary(title: str) -> bool:
    """Whether the title is a page about another document or a draft (_COMMENTARY_TITLE_RE): it states nothing itself."""
    return bool(_COMMENTARY_MARK_RE.search(title) and _COMMENTARY_TITLE_RE.search(title))


#: the document a commentary page explains, named in its title: 《X》政策解读, 关于《X》的解读, 图解：X, X政策解读 (a document's name)
_EXPLAINED_PREFIX_RE = re.compile(r"^(?:政策)?(?:图解|解读|一图(?:读懂|看懂|速览|了解)|一张图(?:读懂|看懂|了解))\s*[:：丨|｜]\s*")
_EXPLAINED_SUFFIX_RE = re.compile(r"(?:的)?(?:政策)?(?:解读|图解|问答|答记者问|一问一答)$")
_DOCUMENT_END_RE = re.compile(r"(?:办法|规定|条例|细则|通知|意见|决定|规则|规范|方案|制度|措施|政策|若干措施|指引|公告|通告|纲要|规划|计划|"
                              r"法|清单|目录|标准|准则)$")


def _explained(title: str, body: str) -> Reference | None:
    """The document a 解读/图解/问答 page explains, as its title names it, with the 文号 the page prints in brackets after that
    name (关联文件：…关于印发《X》的通知（湘政办发〔2024〕8号）): cited, so the page and the policy meet (fields10: the policy named
    only in the title, or in a line without 根据/依据 before it, was no reference of the page)."""
    named = _TITLE_RE.search(title)
    if named:
        name = named["t"]
    else:
        name = _EXPLAINED_SUFFIX_RE.sub("", _EXPLAINED_PREFIX_RE.sub("", title.strip())).strip()
        if name == title.strip() or not _DOCUMENT_END_RE.search(name) or _COMMENTARY_TITLE_RE.search(name):
            return None
    if len(name) < 6:
        return None  # 就《若干措施》答记者问: a short name the policy goes by, no title a record holds
    number, at, seen = "", body.find(name), 0
    while at >= 0 and not number and seen < 8:  # the page's heading repeats the name first: the next mentions too, a few
        after = _rx(r"[》〉]?[^。；\n《]{0,12}?[（(](?P<n>[^（）()\n]{4,40})[）)]").match(body, at + len(name))
        found = DOC_NUMBER_RE.search(after["n"]) if after else None
        number = normalize_doc_number(found.group(0)) if found else ""
        at, seen = body.find(name, at + len(name)), seen + 1
    return Reference("cites", name, number, statement=title)


def read_statements(title: str, body: str, publish_date: date | None = None) -> Statements:
    """Everything the document says about validity and about other documents (see the module doc)."""
    body, title = simplified(body or ""), simplified(title or "")
    if commentary(title):
        # a 解读 printing 《若干措施》自2024年1月1日起施行，有效期至2025年12月31日 took the policy's dates as its own (and
        # its repeals: the page repealed nothing): what it names it cites
        mentioned = read_statements("", body, publish_date).references
        cited = [ref if ref.kind == "cites" else Reference("cites", *_printed(ref)) for ref in mentioned if ref.title or ref.doc_number]
        explained = _explained(title, body)
        return Statements(references=_dedupe(([explained] if explained else []) + cited, title)[:MAX_REFERENCES])
    hits = scan(body)
    if hits is None:  # nothing to find in it: only the title (关于修改《X》的决定) can still name a document,
        # and a 实施期限/执行期限 said of the document itself, which the far search below reads in any text holding 期限
        # (本方案的实施期限为2024年至2026年 alone: ingest20 found the gate dropped it, tests/test_validity_gate_exact.py)
        text, hits = normalise_text(body) if "期限" in body else "", Hits()
    else:
        text = normalise_text(body)
    out = Statements()
    out.effective_date, out.effective_statement, out.effective_on_publish = _effective(text, publish_date, hits.ends, title)
    anchors = hits.anchors
    if hits.ends:  # 执行期限/实施期限 are read right after an effective clause (a `in` test of the text cost ~6 µs each)
        rare = [m.span() for start, end in hits.ends for m in _RARE_PERIOD_ANCHOR_RE.finditer(text, end, end + 80)]
        if rare:
            anchors = sorted(set(anchors + rare))
    if out.effective_date is None and not out.effective_on_publish:
        _start_before_period(out, text, anchors, publish_date)
    out.period, out.expiry_date, out.period_statement, since = _period(text, out.effective_date or publish_date, anchors, title)
    if not out.period and out.expiry_date is None and (hits.ends or (text and "限" in text)):
        # farther: only said of 本办法 (本措施执行期限至…), never a project's 实施期限; looked for only when nothing nearer
        # gave a period (most texts with an effective clause print their 有效期 beside it: no search), in a text without an
        # effective clause only when it holds 限 and some statement word (本方案实施期限为2024—2026年: a 方案 often prints no
        # clause, but a 《 or a 试行; a notice without any, 有限公司 its 限, is not searched)
        far = [span for span in _own_rare_anchors(text) if span not in anchors]
        if far:
            out.period, out.expiry_date, out.period_statement, since = _period(text, out.effective_date or publish_date, far, title)
    if since is not None and out.effective_date is None and not out.effective_on_publish:
        out.effective_date, out.effective_statement = since, out.period_statement  # 有效期为2023年1月1日至…: in force from then
    elif out.period and out.effective_date is None and not out.effective_on_publish and "自" in out.period_statement:
        # 本实施细则有效期三年，自印发之日起计算: the period's first day is the effective date (its sentence only)
        counted = _COUNTED_FROM_RE.search(out.period_statement)
        if counted:
            out.effective_date = _to_date(counted["date"]) if counted["date"] else publish_date
            out.effective_on_publish, out.effective_statement = not counted["date"], out.period_statement
            length = _rx(r"(\d+)(年|个月)").fullmatch(out.period)
            if length and out.effective_date is not None:  # counted from that day, not the publication
                out.expiry_date = add_period(out.effective_date, int(length[1]), length[2])
    if out.expiry_date is None and out.effective_statement:
        out.expiry_date, out.period_statement = _until_after_effective(text, hits.ends, out.effective_statement)
    if out.expiry_date is None and "至" in out.effective_statement:
        inside = _rx(r"起\s*至\s*(?P<until>" + _DATE + ")").search(out.effective_statement)  # 自A起至B止执行
        if inside:
            out.expiry_date, out.period_statement = _to_date(inside["until"]), out.effective_statement
    if out.expiry_date is None and text:
        out.expiry_date, out.period_statement = _own_lapse(text, hits.triggers, hits.ends, title)
    elif out.expiry_date is None and "至" in body and "本" in body:  # a body without any other statement word: 二、本政策执行至2025年12月31日。
        out.expiry_date, out.period_statement = _own_until(body, max(0, len(body) - 5 * _FINAL_PROVISIONS))
    if out.effective_date is None and not out.effective_on_publish and "期" in out.period_statement:
        term = _OWN_UNTIL_RE.search(out.period_statement)  # 本通知执行期限为A至B (执行期为A至B): in force from A
        if term and term["from"]:
            out.effective_date, out.effective_statement = _to_date(term["from"]), out.period_statement
    if ((out.effective_date is None and not out.effective_on_publish) or out.expiry_date is None) and _card_first(body):
        # the page card's 施行日期/失效日期 lines: where the text says neither (a clause wins: it is the document's word)
        card_text = text or normalise_text(body)
        cards = [m.start() for m in _CARD_WORD_RE.finditer(card_text, 0, _CARD_SPAN)]
        card_from, card_until, from_line, until_line = _card_dates(card_text, cards, title)
        if card_from is not None and out.effective_date is None and not out.effective_on_publish:
            out.effective_date, out.effective_statement = card_from, from_line
        if card_until is not None and out.expiry_date is None:
            out.expiry_date, out.period_statement = card_until, until_line
    norm_title = normalise_text(title or "")
    amended = _AMEND_TITLE_RE.search(norm_title)
    amended = _outer_search(amended, _AMEND_TITLE_RE, norm_title) if amended else None
    refs: list[Reference] = []
    if amended and not _rx(r"部分|若干|等").search(amended["t"]):
        refs.append(Reference("amends", amended["t"].strip(), "", None, "", norm_title))
    if "修改" in norm_title or "修订" in norm_title:  # a decision amending several, its items under headings (the title only:
        refs.extend(_headed_amendments(text))  # a search of the text cost ~5 µs a long one)
    sentences = _trigger_sentences(text, hits.triggers)
    # _EXTENSION's words (延长, 顺延, 延续, 延期, 继续有效): two scans of the text, not three tests a sentence
    extensions = "延" in text or "继" in text  # one character: `in` of a longer word costs ~5 µs a long text
    # 暂停/暂缓, 中止, 恢复, 继续执行 (validity3), where the scan found them (not 暂: 暂行 is in most regulations, and a
    # regex or `in` tests over the whole text for the verbs made read_statements on the real texts 102 → 124-189 µs)
    suspending = bool(hits.suspensions)
    tail_from = 0  # the sentences come in the text's order: each is looked for after the one before (linear)
    for sentence in sentences:
        if _REPEAL_WORD_RE.search(sentence):
            refs.extend(_repeals(sentence))
            if sentence[-1] in "；;" and _rx(r"废止\s*《").search(sentence):
                tail, tail_from = _semicolon_tail(text, sentence, tail_from)
                refs.extend(tail)
        if "《" in sentence and _rx(r"修改|修正|修订|删去").search(sentence):
            refs.extend(_amendments(sentence, norm_title))
        if extensions and "《" in sentence and ("延" in sentence or "继" in sentence):
            refs.extend(_extensions(sentence))
        if suspending and "《" in sentence and _speaks_of_suspension(sentence):
            refs.extend(_suspensions(sentence))
        if "不一致" in sentence and _GENERAL_RE.search(sentence):
            out.general_clauses.append(sentence)
    if extensions and any(_rx(r"限?\s*(?:延长|顺延|延续|延至)").match(text, end) for _, end in hits.anchors):  # 有效期延长 …
        refs.extend(_listed_extensions(text, hits.anchors))
    # the verbs an anaphor may stand before (不一致, the commonest trigger, is none)
    anaphoric = [at for at in hits.triggers if text[at] in "废失停作" or (text[at] == "不" and text.startswith("不再执行", at))]
    anaphoric += hits.suspensions
    if anaphoric:
        refs.extend(_anaphors(text, sorted(anaphoric), norm_title))
    if suspending:
        refs.extend(_listed_suspensions(text, hits.suspensions))
        refs.extend(_numbered_suspensions(text, hits.suspensions, {r.doc_number for r in refs if r.doc_number}))
    listed = _listed_repeals(text, hits.triggers)
    if listed:
        refs = _without_bare_repeats(refs, listed)
    repealed = _REPEAL_TITLE_RE.search(norm_title)
    repealed = _outer_search(repealed, _REPEAL_TITLE_RE, norm_title) if repealed else None
    if repealed:
        # 关于废止《X》的决定 whose body says only 决定废止该办法: the title names what it repeals
        named = {title_key(r.title) for r in refs if r.kind == "repeals"}
        for inner in _OUTER_TITLE_RE.finditer(repealed.group(0)):
            inner_title = (inner["t"] or inner["u"]).strip()
            if title_key(inner_title) not in named:
                refs.append(Reference("repeals", inner_title, "", None, "", norm_title))
    paused = _SUSPEND_TITLE_RE.search(norm_title)
    paused = _outer_search(paused, _SUSPEND_TITLE_RE, norm_title) if paused else None
    if paused:
        # 关于暂缓执行《X》的通知 whose body says 决定暂缓执行该办法: the title names X, the body's sentence its day
        kind = "suspends" if _SUSPEND_VERB_RE.match(paused["v"]) else "resumes"
        if not any(r.kind == kind and title_key(r.title) == title_key(paused["t"]) for r in refs):
            body_text = text or normalise_text(body)
            line = next((m.group(0).strip() for m in _rx(r"[^。；\n]*(?:" + paused["v"] + r")[^。；\n]*").finditer(body_text)), norm_title)
            refs.append(Reference(kind, paused["t"].strip(), "", None, "", line))
    extended = _EXTEND_TITLE_RE.search(norm_title)
    extended = _outer_search(extended, _EXTEND_TITLE_RE, norm_title) if extended else None
    resumed = {title_key(r.title) for r in refs if r.kind == "resumes"}
    if extended and not any(r.kind == "extends" for r in refs) and title_key(
            (extended["t"] or extended["t_after"] or extended["t_kept"]).strip()) not in resumed:
        # (关于继续执行《X》的通知 whose body says 《X》自…起继续执行 resumes X: no extension)
        # 关于延长《X》有效期的通知 whose body says 该办法有效期延长至…: the title names X, a body sentence the new end
        said = next((m for m in _rx(r"[^。；\n]*(?:延长|顺延|延续|延至|继续有效|继续执行|继续施行)[^。；\n]*").finditer(text)
                     if extended_expiry(m.group(0), "", None)), None)
        extended_title = (extended["t"] or extended["t_after"] or extended["t_kept"]).strip()
        refs.append(Reference("extends", extended_title, "", None, "", said.group(0).strip() if said else norm_title))
    taken = {title_key(r.title) for r in refs if r.title}
    for sentence in sentences:
        if "《" in sentence:
            refs.extend(_citations(sentence, taken))
    out.references = _dedupe(refs, norm_title)[:MAX_REFERENCES]
    return out


#: the document's end said in a sentence of its own: 本办法2028年12月31日废止。, 本办法于2029年2月28日自动失效。 (the day
#: is the last in force, as after an effective clause), 本办法自2029年1月1日起废止。 (the day before is), read before a
#: lapse verb the scan found; 本公告执行至2027年12月31日。 (the 财政部/税务总局 form) read at a 至 followed by a date
_OWN_LAPSE_RE = re.compile(
    r"(?:^|[。；;\n])\s*(?:第[一二三四五六七八九十百零〇\d]+条\s*)?" + _SELF + r"\s*(?:(?P<zi>自|从)\s*)?(?:于|至|到)?\s*(?P<d>" + _DATE
    + r")\s*(?:起)?\s*(?:自动|自行)?$")
#: 本公告执行至…: it starts with 本, one literal character re skips to in C (a search for 至 and a look at the words
#: before each cost twice as much on an outage notice's 8:00至18:00)
#: …or its whole term (本通知执行期限为2024年1月1日至2024年12月31日。: in force from the first day, fields8; 执行期为A至B, fields11)
_OWN_UNTIL_RE = re.compile(_SELF + r"(?:的)?\s*(?:政策|文件)?\s*(?:执行|实施|施行|实行)\s*(?:期限?\s*(?:为)?)?\s*"
                           r"(?:(?:自|从)?\s*(?P<from>" + _DATE + r")\s*(?:起)?\s*)?(?:至|到)\s*(?P<d>" + _DATE
                           + r")\s*(?:止|为止)?\s*(?=[。；;\n]|$)")


#: how far from an effective clause its document's own end is looked for (the final provisions hold both)
_FINAL_PROVISIONS = 300


def _names_other(clause: str, title: str) -> bool:
    """Whether the 本… of `clause` is a document the record's title names, not the record (本规定 in a 通知 titled
    关于停止执行《X规定》的通知; a 印发 notice's 本规定 is its own)."""
    word = _rx(r"本(" + _ANAPHOR_WORD + ")").search(clause)
    if word is None or title.strip().endswith(word[1]) or len(own_title_keys(title)) > 1:
        return False
    return any((m["t"] or m["u"]).endswith(word[1]) for m in _OUTER_TITLE_RE.finditer(title))


def _own_lapse(text: str, triggers: list[int], ends: list[tuple[int, int]], title: str = "") -> tuple[date | None, str]:
    """The end the document says of itself in a sentence of its own (_OWN_LAPSE_RE): in its final provisions, near its
    effective clauses (`ends`); in a text that prints none, only 本公告执行至… among its last characters (a search of a whole
    long regulation cost ~2 µs a text, of every notice's triggers ~2 µs a notice)."""
    if not ends:  # no final provisions to look in: only 本公告执行至… in the text's last characters (a 至 in it first)
        return _own_until(text, max(0, len(text) - 5 * _FINAL_PROVISIONS)) if "至" in text and "本" in text else (None, "")
    spans = [(max(0, start - _FINAL_PROVISIONS), end + _FINAL_PROVISIONS) for start, end in ends]
    # the triggers inside the spans, by bisection (a long regulation holds hundreds of 《)
    near = [at for a, b in spans for at in triggers[bisect_left(triggers, a):bisect_left(triggers, b)]]
    for at in near:
        # the verb right after a date (…日废止), its 起 or 自动/自行: one character before it (同时废止 is most of them)
        if at < 8 or text[at] not in "废失停" or text[at - 1] not in "日起动行 " or not text.startswith(("废止", "失效", "停止执行"), at):
            continue
        found = _OWN_LAPSE_RE.search(text[max(0, at - 60):at])
        if found and title and _names_other(found.group(0), title):
            continue  # 本规定自…起停止执行 in 关于停止执行《X规定》的通知: X's end, not the notice's (validity4)
        if found:
            day = _to_date(found["d"])
            if day is not None and found["zi"]:
                day -= timedelta(days=1)  # 自2029年1月1日起废止: in force until the day before
            return day, _sentence_at(text, at)
    for start, stop in spans:
        until = _own_until(text, start, stop)
        if until[0] is not None:
            return until
    return None, ""


def _own_until(text: str, start: int = 0, stop: int | None = None) -> tuple[date | None, str]:
    """本公告执行至2027年12月31日。: the end said of the document itself (_OWN_LAPSE_RE's comment), between `start` and `stop`."""
    found = _OWN_UNTIL_RE.search(text, start, len(text) if stop is None else stop)
    return (_to_date(found["d"]), _sentence_at(text, found.start())) if found else (None, "")


#: 执行期限/实施期限 right after the document's own name (本措施执行期限, 本方案的实施期限): read wherever it stands
_OWN_RARE_BEFORE_RE = re.compile(_SELF + r"(?:的)?\s*(?:政策|文件)?\s*$")
_QIXIAN_RE = re.compile("期限")  # one literal: a fast search (~0.7 µs a text), then two characters looked at


#: …起施行，执行期限至…: the period printed right after the effective clause
_RIGHT_AFTER_EFFECTIVE_RE = re.compile(r"起\s*" + _EFFECTIVE_ADVERB + r"(?:施行|实施|执行|实行)\s*[，,]\s*(?:政策|文件)?\s*$")


def _own_rare(text: str, at: int) -> bool:
    """Whether the 执行期限/实施期限 at `at` is the document's: after its name or right after its effective clause."""
    window = max(0, at - 16)
    return bool(_OWN_RARE_BEFORE_RE.search(text, window, at) or _RIGHT_AFTER_EFFECTIVE_RE.search(text, window, at))


def _own_rare_anchors(text: str) -> list[tuple[int, int]]:
    """(start, end) of each 执行期/实施期 of a 执行期限/实施期限 said of the document itself, anywhere in `text` (those
    within 80 characters after an effective clause are anchors whatever precedes them)."""
    out = []
    for match in _QIXIAN_RE.finditer(text):
        at = match.start() - 2
        if at >= 0 and text[at:at + 2] in ("执行", "实施", "施行") and _OWN_RARE_BEFORE_RE.search(text, max(0, at - 16), at):
            out.append((at, at + 3))
    return out


#: 有效期三年，自印发之日起计算 (起算): the start printed after the period
_COUNTED_FROM_RE = re.compile(
    r"自\s*(?:(?P<date>" + _DATE + r")|(?:本[\u4e00-\u9fff]{1,6}?|文件)?(?:发布|公布|颁布|印发|下发|发文|公告|签发)之日)\s*起\s*(?:计算|算起|计|算)")

# 本通知自印发之日起有效期三年, 自2022年1月1日起有效期两年: the start of the period is the effective date (no verb)
_START_BEFORE_PERIOD_RE = re.compile(
    r"自\s*(?:(?P<date>" + _DATE + r")|(?:本[\u4e00-\u9fff]{1,6}?|文件)?(?P<onpub>发布|公布|颁布|印发|下发|发文|公告|签发)之日)\s*起\s*(?:的)?\s*$"
)


def _start_before_period(out: Statements, text: str, anchors: list[tuple[int, int]], publish_date: date | None) -> None:
    for anchor_start, _ in anchors:
        found = _START_BEFORE_PERIOD_RE.search(text, max(0, anchor_start - 40), anchor_start)
        if found:
            out.effective_date = _to_date(found["date"]) if found["date"] else publish_date
            out.effective_on_publish = not found["date"]
            out.effective_statement = _sentence_at(text, anchor_start)
            return


# 本办法自2026年3月1日起施行，至2028年2月29日止: the end of the document's own period, right after its effective clause;
# 本政策自2023年1月1日起执行至2025年12月31日 and …起施行，执行至2025年12月31日 (the clause ends there: not 至…前完成)
_UNTIL_RE = re.compile(
    r"\s*[，,]?\s*(?:有效期)?(?:至|到)\s*(?P<until>" + _DATE + r")\s*(?:止|为止)"
    r"|\s*(?:[，,]\s*(?:执行|实施|施行)\s*)?(?:至|到)\s*(?P<until_bare>" + _DATE + r")\s*(?:止|为止)?(?=\s*(?:[。；;，,\n]|$))"
    # …起施行，2029年4月30日失效 (自动失效, 至…废止): the document's own end said as its lapse
    r"|\s*[，,]\s*(?:于|至|到)?\s*(?P<until_lapse>" + _DATE + r")\s*(?:自动|自行)?(?:失效|废止|停止执行)(?=\s*(?:[。；;\n]|$))"
    # …起施行，2026年12月31日前有效 (截至…有效): the last day it is in force, said as such (fields10: read none)
    r"|\s*[，,]\s*(?:截至|截止(?:到|至)?|至|到)?\s*(?P<until_valid>" + _DATE + r")\s*(?:前|之前|以前)?\s*(?:有效|适用)(?=\s*(?:[。；;\n]|$))"
)


def _until_after_effective(text: str, ends: list[tuple[int, int]], effective_sentence: str) -> tuple[date | None, str]:
    for start, end in ends:
        match = _UNTIL_RE.match(text, end)
        if match and _sentence_at(text, start) == effective_sentence:
            return _to_date(match["until"] or match["until_bare"] or match["until_lapse"] or match["until_valid"]), effective_sentence
    return None, ""


def _without_bare_repeats(refs: list[Reference], listed: list[Reference]) -> list[Reference]:
    """`refs` and then the `listed` repeals, less a repeal printed without number or date whose title a listed one prints
    with its number: 决定废止《A》等2件规范性文件（目录见附件） then the catalogue's row of A with its 文号 name one
    document, once."""
    numbered = {title_key(ref.title) for ref in listed if ref.doc_number and ref.title}
    return [ref for ref in refs if not (ref.kind == "repeals" and ref.title and not ref.doc_number and not ref.date
                                        and title_key(ref.title) in numbered)] + listed


def _printed(ref: Reference) -> tuple[str, str, date | None, str, str]:
    """A reference's printed fields (title, number, date, issuer, sentence), to name the same document with another kind."""
    return ref.title, ref.doc_number, ref.date, ref.issuer, ref.statement


def _dedupe(refs: list[Reference], own_title: str) -> list[Reference]:
    own = title_key(own_title) if own_title else ""
    seen: dict[tuple[str, str, str, date | None], int] = {}
    out: list[Reference] = []
    for ref in refs:
        key = (ref.kind, title_key(ref.title), ref.doc_number, ref.date)
        if key in seen and ref.kind == "repeals":
            kept = out[seen[key]]
            # (a hostile body names one title thousands of times in one sentence: the same statement is not read again)
            if (ref.statement != kept.statement and len(ref.statement) <= 2000
                    and repeal_day(ref.statement, ref.title, ref.doc_number)
                    and not repeal_day(kept.statement, kept.title, kept.doc_number)):
                out[seen[key]] = ref  # validity6: the same document named again by 以上文件自DAY起停止执行, which prints its day
            continue
        if key in seen or (ref.kind == "cites" and own and title_key(ref.title) == own):
            continue
        if ref.kind == "cites" and len(ref.title) <= 3 and not ref.doc_number:
            continue  # 《方案》, 《规划》: a short name the text gave itself (以下简称《方案》)
        seen[key] = len(out)
        out.append(ref)
    # validity7: 关于修改《X》的决定 whose body says 对《X》（文号）作如下修改 names one document twice: the bare title is
    # dropped where the same kind names that title with its number (one decision showed twice in X's amended_by)
    numbered = {(ref.kind, title_key(ref.title)) for ref in out if ref.doc_number}
    return [ref for ref in out
            if ref.kind == "cites" or ref.doc_number or ref.date or ref.issuer
            or (ref.kind, title_key(ref.title)) not in numbered]
