"""Page chrome: the lines a web page prints around its article, which are no part of any document.

Back links (返回版面, 返回首页), previous/next bars (上一篇：遗失声明 下一篇：注销公告), print and close buttons
(打印本页, 关闭窗口), font-size switches (【字体：大 中 小】), share bars (分享到：), editor credits (责任编辑：…),
view counters (浏览次数：123), breadcrumbs (当前位置：首页 > …), language and search boxes (中文|EN), the
comment and like bars and the 一审/二审/三审 credits of reposted WeChat articles. Class and id names catch
much of it (`htmltext.is_boilerplate`), but CMSs name their bars anything ("back", "fl", "t3"), and
text-only sources (a copied page, an aggregator's excerpt, a PDF of a web page) carry no markup at all: so
chrome is also recognised by its words, on whole lines only: a line is chrome when nothing but chrome words
and separators is left on it, so that a sentence that mentions 打印 or 返回 is kept.
"""

from __future__ import annotations

import re

from gongkai.textnorm import fold

# A previous/next bar names the neighbouring article after the label: the whole line is chrome.
_NEIGHBOUR = re.compile(r"^(?:[【\[(（]\s*[上下]\s*一\s*(?:篇|条|则|版|页|张)\s*[】\])）]|[上下]\s*一\s*(?:篇|条|则|版|页|张)\s*(?:[:：]|\s|$))")
# An editor's credit line: "责任编辑：王小明", "（编辑 李华）", "一审：彭建文".
_CREDIT = re.compile(r"^[【\[(（]?\s*(?:责任编辑|责编|本版编辑|值班编辑|编辑|校对|审校|美编|排版|作者|[一二三初复终]审)"
                     r"\s*[:：\s]\s*\S{1,12}\s*[】\])）]?$")
# A photo's caption ending in its credit: "会议现场。 贵州日报天眼新闻记者 李森 摄", "（新华社记者 王鹏 摄）": a caption is no text
# of the document, and above a title it stopped the title's search (review19: a report titled by its file's name).
_PHOTO_CREDIT = re.compile(r"(?:记者|通讯员|摄影)\s*[\u4e00-\u9fff·]{2,6}(?:[\s、]+[\u4e00-\u9fff·]{2,6}){0,3}\s*摄(?:影)?\s*[)）]?$")
# A breadcrumb: "当前位置：首页 > 政务公开", "首页>热报".
_BREADCRUMB = re.compile(r"^(?:(?:当前|您的|你的|所在)位置\s*[:：]|首页\s*[>＞»›])")
_WORDS = re.compile(
    r"返回(?:版面|目录|首页|顶部|列表|栏目|上页|上一页|主页|上级)?|回到顶部|"
    r"打印(?:本页|此页|页面|文章|本文)?|关闭(?:窗口|本页|页面|此页)?|"
    r"(?:字体|字号)\s*[:：]?\s*(?:[【\[]?\s*[大中小]\s*[】\]]?\s*){2,3}|"
    r"分享(?:到|至)?\s*[:：]?|收藏(?:本页)?|加入收藏|我要纠错|纠错|复制链接|保存(?:本页)?|下载|全屏|"
    r"扫一扫(?:在手机(?:上)?(?:打开|浏览)(?:当前页|本页)?)?|"
    r"(?:浏览|阅读|点击|访问)(?:次数|量|数)?\s*[:：]\s*\d*\s*次?|"
    r"微信|微博|QQ空间|QQ|朋友圈|网友评论|发表评论|我要评论|评论|点赞|在看|转发|"
    r"搜索(?:关键字|关键词)?|中文|English|EN|繁体|简体|无障碍(?:浏览)?|长者模式|登录|注册|首页|"
    # an image's alt text printed where the image stood (福建日报's app: 标题图 above the headline, review19)
    r"标题图|题图|封面图|头图",
    re.IGNORECASE,
)
# Words that are chrome in a toolbar but may be content alone, as a table cell (a list of an agency's accounts:
# 微信, 微博; a register's 注册/注销): a line of one of them alone is chrome only beside other chrome.
_WEAK = frozenset(("微信", "微博", "qq", "朋友圈", "下载", "打印", "收藏", "保存", "全屏", "评论", "转发", "点赞", "在看",
                   "中文", "english", "en", "登录", "注册", "首页", "关闭", "返回", "繁体", "简体", "搜索", "纠错", "分享"))
_BAR_SEPARATOR = re.compile(r"^[|｜·•]+$")
_LONGEST = 160  # no chrome line is longer (a previous/next bar with two long titles)
_LONGEST_WEAK = 12  # a lone toolbar word, with the spaces around it
_LONGEST_BAR = 60  # nor a bar of chrome words
_SEPARATORS = re.compile(r"[\s\u3000|｜/·•、，,【】\[\]（）()<>《》«»:：\-—_]+")


def is_chrome_line(line: str) -> bool:
    """Is the whole line page chrome (see the module's docstring)?"""
    text = line.strip()
    if not text or len(text) > _LONGEST:
        return False  # running text: checked first, as most lines of a document are
    # Folded (點贊、在看、轉發 is the same bar as 点赞、在看、转发), but only as far as a pattern can look: folding
    # costs about 0.2 µs a character, and documents are mostly long lines.
    head = fold(text[:_LONGEST_BAR])
    if _NEIGHBOUR.match(head) or _BREADCRUMB.match(head):
        return True
    if len(text) <= _LONGEST_BAR and _PHOTO_CREDIT.search(head):
        return True  # a caption is a sentence or two, its credit at the end
    if len(text) > _LONGEST_BAR or "。" in head or "，" in head:
        return False  # a toolbar or a credit is a few words, never a sentence
    if _CREDIT.match(head):
        return True
    if head.lower() in _WEAK:
        return False  # alone: see _WEAK and drop_chrome
    if _BAR_SEPARATOR.match(head):
        return True  # what stood between two toolbar buttons
    rest = _WORDS.sub(" ", head)
    return rest != head and not _SEPARATORS.sub("", rest)


# Widgets that a text scrape prints one word a line: "【字号：" / "加大" / "还原" / "减小" / "】", and
# breadcrumbs "您的位置:" / "首页" / ">" / "云南要闻". Their words alone (大, 中, 首页) are not dropped elsewhere:
# a table cell may hold 大 or 中.
_SIZE_START = re.compile(r"^[【\[]?\s*(?:字体|字号)\s*[:：]?\s*$")
_SIZE_WORD = re.compile(r"^(?:[大中小]|加大|减小|还原|默认|标准|[】\]])$")
_CRUMB_MARK = re.compile(r"^[>＞»›/]+$")
_CRUMB_NAME = re.compile(r"^[^，。；,;！？!?:：]{1,12}$")


def drop_chrome(lines: list[str]) -> list[str]:
    """The lines without chrome: whole chrome lines (is_chrome_line), the font-size and breadcrumb widgets
    that a text scrape spreads over several lines, and a lone toolbar word (下载, 打印 …) beside other chrome."""
    drop = [False] * len(lines)
    index = 0
    while index < len(lines):
        text = lines[index].strip()
        if len(text) <= _LONGEST_BAR:
            end = _widget_end(lines, index, fold(text))
            if end > index:
                drop[index:end] = [True] * (end - index)
                index = end
                continue
        drop[index] = is_chrome_line(lines[index])
        index += 1
    weak = [not dropped and len(line) <= _LONGEST_WEAK and fold(line.strip()).lower() in _WEAK for line, dropped in zip(lines, drop)]
    near = [dropped or lone for dropped, lone in zip(drop, weak)]
    for index, lone in enumerate(weak):
        if lone and ((index > 0 and near[index - 1]) or (index + 1 < len(lines) and near[index + 1])):
            drop[index] = True
    return [line for line, dropped in zip(lines, drop) if not dropped]


def _widget_end(lines: list[str], index: int, text: str) -> int:
    """Where a font-size or breadcrumb widget that starts at `index` (its folded text) ends; `index` if none does."""
    if _SIZE_START.match(text):
        index += 1
        while index < len(lines) and _SIZE_WORD.match(fold(lines[index]).strip()):
            index += 1
        return index
    if _BREADCRUMB.match(text) or (text == "首页" and index + 1 < len(lines) and _CRUMB_MARK.match(lines[index + 1].strip())):
        index += 1
        while index < len(lines):
            here = fold(lines[index]).strip()
            if here == "首页" or _CRUMB_MARK.match(here):
                index += 1
            elif _CRUMB_NAME.match(here) and _CRUMB_MARK.match(fold(lines[index - 1]).strip()):
                index += 1  # a section name after a ">"
            else:
                break
        # the column's name printed again as the page's heading under the breadcrumb that ends in it (云南要闻 / 云南要闻):
        # it was read as the first line of the title (review19: 云南要闻2026年政府工作报告)
        last = fold(lines[index - 1]).strip()
        if index < len(lines) and fold(lines[index]).strip() == last and _CRUMB_NAME.match(last) and last != "首页":
            index += 1
        return index
    return index
