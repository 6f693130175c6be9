"""Why an input was quarantined, for the operator: Chinese first, the stored English after a slash, and a short code
for machines ("记录有 3766 字节，超过上限（设置 records.max_record_bytes） / the record is 3766 bytes, over the limit …",
code `record_too_large`).

The quarantine keeps each reason as its source wrote it (English: a retry of a retry reads the first reason back out
of it, and tests and scripts match it), so the Chinese is made when the reason is shown: `gongkai quarantine list`
and `retry`, `gongkai ingest`'s quarantined items, and the push answers of `POST /api/ingest`. One table of patterns
(the first that matches says it); a record's field errors (`title: Field required; publish_date: Input should be a
valid date …`) are said field by field; a reason no pattern knows reads `无法入库` before its English, so every reason
is Chinese first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gongkai.ingest import OCR_REVIEW_PREFIX
from gongkai.record import Record


@dataclass(frozen=True)
class Reason:
    code: str  # for machines: stable, English
    chinese: str
    english: str  # the stored reason, whole

    def text(self) -> str:
        return f"{self.chinese} / {self.english}" if self.chinese else self.english


#: (code, pattern searched in the reason, Chinese; {1}, {2} … are the pattern's groups). Order matters: the first wins.
PATTERNS: tuple[tuple[str, str, str], ...] = (
    # pages left unread over the time limit are no doubtful reading (probe5): a reparse reads them, and closes the entry
    ("ocr_pages_unread", "^" + re.escape(OCR_REVIEW_PREFIX) + r"(\S+): page\(s\) ([\d, ]+) not read: OCR over the time limit(?!.*low OCR)",
     "扫描件第 {2} 页识别超时，未读入正文；运行 gongkai reparse {1} 重新识别（全部读入后此条自动关闭）"),
    ("ocr_review", "^" + re.escape(OCR_REVIEW_PREFIX) + r"(\S+): page\(s\) ([\d, ]+) not read: OCR over the time limit",
     "扫描件第 {2} 页识别超时未读入（gongkai reparse {1} 可重新识别），其他页识别可信度低，请人工核对该记录"),
    # the pages and their confidence, as the English names them (gongkai stats listed them in English only; doors3)
    ("ocr_review", "^" + re.escape(OCR_REVIEW_PREFIX) + r"(\S+): low OCR confidence on page\(s\) (.+)$",
     "扫描件第 {2} 页识别可信度低（括号内为可信度），请人工核对该记录"),
    ("ocr_review", "^" + re.escape(OCR_REVIEW_PREFIX), "扫描件识别可信度低，请人工核对该记录"),
    ("input_gone", r"the original input is no longer available", "原始输入已不存在，无法重试"),
    # a catalogue's line that serves no file (gongkai.parsers.catalogue; doors12)
    ("catalogue_file_missing", r"the catalogue (.+?) names (.+), which is not beside it",
     "文件目录 {1} 所列的文件 {2} 未随目录送达：请把该文件与目录一起再次发送"),
    ("catalogue_path_outside", r"the catalogue (.+?) names (.+), a path out of its folder",
     "文件目录 {1} 所列的 {2} 不在目录所在的文件夹内，未读取"),
    ("catalogue_bad_line", r"a line of the catalogue (.+?) cannot be used", "文件目录 {1} 的这一行无法使用"),
    ("whole_array_entry", r"holds a whole JSON array read as one line",
     "此条目是旧版本把整个 JSON 数组当作一行隔离的，无法逐条重试：请重新投递该文件，再用 gongkai quarantine resolve 关闭此条目"),
    ("record_too_large", r"the record is (\d+) bytes, over the limit", "记录有 {1} 字节，超过上限（设置 records.max_record_bytes）"),
    ("too_deep", r"nested more than (\d+) levels deep", "嵌套超过 {1} 层（设置 records.max_depth）"),
    ("too_deep", r"nested too deeply", "嵌套过深"),
    ("too_many_pages", r"more than (\d+) (?:pages|frames)", "页数超过 {1}（设置 parsers.max_pdf_pages）"),
    # before file_too_large: a bomb's "unzips to … over settings.parsers.max_uncompressed_bytes" (doors: they read 无法入库)
    ("zip_bomb", r"zip bomb refused", "压缩文件解压后过大（疑似压缩炸弹），已拒绝（设置 parsers.max_compression_ratio 等）"),
    ("error_page", r"an HTTP error page \((.+?)\), not a document", "这是网站的错误页（{1}），不是文件：下载或导出失败，请发送文件本身"),
    ("empty_file", r"is empty \(\d+ bytes\)|text file is empty", "文件是空的（没有内容），请发送完整的文件"),
    ("sidecar_too_large", r"sidecar \S+ is \d+ bytes, over the limit", "附带的元数据文件过大"),
    ("file_too_large", r"file too large|over settings\.parsers\.max_file_bytes|over the limit of \d+ bytes|too large to (?:decode|read)",
     "文件过大（设置 parsers.max_file_bytes）"),
    ("parse_timeout", r"took over [\d.]+ s \(settings\.parsers\.timeout_seconds\)", "解析超时，已停止（设置 parsers.timeout_seconds）"),
    ("parser_died", r"parser process died", "解析进程意外退出"),
    ("unsafe_xml", r"unsafe XML|DTDs and entities|entity declaration|external entit", "含 DTD 或实体声明的 XML 不安全，已拒绝"),
    # a damaged or locked file (the parsers' CorruptFile): before "cannot be read", which some of them also say
    ("encrypted_file", r"\b(\w+) is encrypted", "{1} 文件已加密（需要密码），无法读取"),
    # (the format's name as a word: the registry declares the formats; no list of them here)
    # a gzip export cut short: what came before the cut went in (doors4), unlike a damaged document
    ("corrupt_file", r"(\d+) records before the cut were read", "压缩文件不完整（传输中断）：中断前的 {1} 条记录已入库，其余未能读取，请重新发送完整的文件"),
    # a zip of files named .docx (doors8): what it is and what to do
    ("corrupt_file", r"it is a zip archive of (.+?): rename it \.zip", "这是一个压缩包（内有 {1}），不是 Word 文档：请改名为 .zip 后重新发送"),
    ("corrupt_file", r"\b\w+ is corrupt|is not a valid zip file|zip has no word/document\.xml|\b\w+ cannot be (?:decoded|rendered)"
     r"|\b\w+ has no pages", "文件已损坏或不完整，无法读取"),
    ("incomplete_file", r"(\d+) NUL bytes and nothing else", "只有 {1} 个空字节（NUL）：文件未复制或下载完整，请重新发送完整的文件"),
    ("not_text", r"\bnot valid (?:UTF-16 )?text", "文字编码有误（有孤立的代理字符，或文件在字符中间被截断），此条未能读取"),
    ("not_text", r"neither UTF-8 nor GB18030 text|is not valid \S+ text|unknown encoding", "既不是 UTF-8 也不是 GB18030 编码的文字"),
    ("big_number", r"a number has more than (\d+) digits", "数字超过 {1} 位"),
    ("bad_json", r"not valid JSON", "不是有效的 JSON"),
    ("not_an_object", r"a record must be a JSON object|must hold one JSON object", "记录应为 JSON 对象"),
    ("no_record", r"holds no record|holds no <record>|yields no record", "文件中没有记录"),
    ("no_notices", r"no notices found in", "没有读出公告：文件不是便民公告版面，或版面是空的"),
    ("several_files", r"the zip holds (\d+) files", "压缩包内有 {1} 个文件：请逐个推送，或把压缩包放入本机构的投递文件夹"),
    ("several_records", r"holds \d+ records|must describe one record", "一个文件只能有一条记录"),
    ("bad_xml", r"not well-formed XML|cannot be read as XML", "不是格式正确的 XML"),
    ("two_sidecars", r"has \d+ sidecars", "一个文件有多个附带元数据文件，无法判断以哪个为准"),
    ("given_twice", r"gives \S+ twice|appears twice in one record", "同一字段给了两次"),
    ("store_fields", r"fields only the store sets", "设置了只能由系统设置的字段（version、content_hash 等）"),
    ("unknown_fields", r"fields a record does not have", "含有记录没有的字段"),
    ("tombstone", r"a record file cannot withdraw", "记录文件不能撤下记录（请由机构推送撤下，或运维执行 gongkai withdraw）"),
    ("withdraw_missing", r"withdrawn: no record", "要撤下的记录不存在"),
    ("takeover", r"an input without a source cannot replace it", "无来源的输入不能替换属于其他来源的记录"),
    ("other_source", r"an agency's folder stores its own records only", "机构文件夹只能存放本机构的记录"),
    ("other_owner", r"belongs to (?:source|another agency)", "该记录属于其他来源，不能替换"),
    ("not_this_agency", r"is not this token's agency", "来源或发布机构不是本令牌所属的机构"),
    ("withdraw_unnamed", r"a withdrawal names its record", "撤下请求须指明记录（id，或其索引号、链接）"),
    ("no_such_file", r"no such file or folder", "文件或文件夹不存在"),
    ("not_a_file", r"not a regular file", "不是普通文件"),
    ("unreadable", r"cannot read|cannot be read", "无法读取文件"),
    ("unsupported_format", r"unsupported format", "不支持的文件格式"),
    ("no_text", r"holds no text|has no text|no text layer", "文件中没有可读取的文字"),
    ("http_error", r"answered HTTP (\d+)", "链接页面返回 HTTP {1}"),
    ("feed_entry_empty", r"neither a link nor content", "订阅条目既无链接也无内容"),
    ("parser_failed", r"parser failed|cannot build a record", "解析失败"),
)
_COMPILED = tuple((code, re.compile(pattern), chinese) for code, pattern, chinese in PATTERNS)

#: pydantic's English (as gongkai.record.describe_validation_error writes it) -> Chinese (gongkai.validation_messages' words)
FIELD_MESSAGES: tuple[tuple[str, str], ...] = (
    ("Field required", "缺少此项"),
    ("not a valid date", "不是有效日期"),
    ("not a recognised date", "不是可识别的日期"),
    ("id must be", "编号只能由 1-128 个字母、数字和 . _ : - 组成"),
    ("notice fields are only for", "只有公告（kind notice）才有公告字段"),
    ("notice_type is only for", "只有公告（kind notice）才有公告类型"),
    ("Extra inputs are not permitted", "不接受此项"),
    ("String should have at least 1 character", "不能为空"),
    ("Input should be a valid date", "不是有效日期"),
    ("Input should be a valid datetime", "不是有效时间"),
    ("Input should be a valid string", "应为文字"),
    ("Input should be a valid integer", "应为整数"),
    ("Input should be a valid boolean", "应为 true 或 false"),
    ("Input should be a valid list", "应为列表"),
    ("Input should be a valid dictionary", "应为 JSON 对象"),
    ("Input should be", "不是可选的值"),
    ("String should", "格式不符"),
)
#: "field: message" as describe_validation_error joins them ("; " between fields), a Record field (or record, or a
#: notice's field) named
#: named, or a key no record has (`publsh_date`, `网页地址`: it was said 无法入库 alone, naming nothing; review18)
_FIELD = re.compile(
    r"(?:^|; |: )((?:" + "|".join(sorted(Record.model_fields, key=len, reverse=True)) + r"|record)(?:\.[a-z0-9_]+)*"
    r"|[^\s:;]{1,64}(?=: Extra inputs are not permitted)): ([^;]*)"
)


def explain(reason: str) -> Reason:
    """The reason said Chinese first, with its code."""
    english = str(reason or "")
    first = english.partition("; quarantined before: ")[0]  # a failed retry says its new reason first
    for code, pattern, chinese in _COMPILED:
        found = pattern.search(first)
        if found:
            return Reason(code, chinese.format(found[0], *found.groups()), english)
    fields = _field_errors(first)
    if fields:
        return Reason("invalid_record", "记录无效：" + "；".join(fields), english)
    return Reason("other", "无法入库", english)


def chinese_first(reason: str | None) -> str | None:
    """`explain(reason).text()`, None kept (no reason)."""
    return None if reason is None else explain(reason).text()


def _field_errors(text: str) -> list[str]:
    said = []
    for field, message in _FIELD.findall(text):
        chinese = next((zh for english, zh in FIELD_MESSAGES if message.removeprefix("Value error, ").startswith(english)), "取值无效")
        said.append(f"{field} {chinese}")
    return said


__all__ = ["PATTERNS", "Reason", "chinese_first", "explain"]
