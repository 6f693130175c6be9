"""pydantic's validation errors in Chinese first, English after a slash (the house style of the search parameters'
messages, gongkai.search_params: "不是有效日期 / not a valid date").

FastAPI answers a constraint on a parameter or a body field (min_length, ge, a pattern, an int that is no int) with
pydantic's English message, "String should have at least 1 character"; the one place that turns an error's type and
context into Chinese is `chinese_first`. An error type not listed keeps pydantic's English behind a general Chinese
phrase, so a new type still reads Chinese first. `describe_chinese_first` says a whole record's errors so, for the
records an agency pushes (the quarantine keeps gongkai.record.describe_validation_error's English for the operator).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError

#: pydantic error type -> Chinese message; {name} are the error's context values (min_length, ge, expected …).
CHINESE: Mapping[str, str] = {
    "missing": "缺少此项",
    "string_too_short": "至少应有{min_length}个字符",
    "string_too_long": "最多{max_length}个字符",
    "too_short": "至少应有{min_length}项",
    "too_long": "最多{max_length}项",
    "string_pattern_mismatch": "格式不符",
    "string_type": "应为文字",
    "int_parsing": "应为整数",
    "int_type": "应为整数",
    "int_from_float": "应为整数，不能有小数",
    "float_parsing": "应为数字",
    "float_type": "应为数字",
    "bool_parsing": "应为 true 或 false",
    "bool_type": "应为 true 或 false",
    "greater_than_equal": "不能小于{ge}",
    "less_than_equal": "不能大于{le}",
    "greater_than": "应大于{gt}",
    "less_than": "应小于{lt}",
    "literal_error": "不是可选的值",
    "enum": "不是可选的值",
    "date_parsing": "不是有效日期",
    "date_from_datetime_parsing": "不是有效日期",
    "date_type": "不是有效日期",
    "datetime_parsing": "不是有效时间",
    "datetime_from_date_parsing": "不是有效时间",
    "json_invalid": "不是有效的 JSON",
    "json_type": "不是有效的 JSON",
    "dict_type": "应为 JSON 对象",
    "model_type": "应为 JSON 对象",
    "model_attributes_type": "应为 JSON 对象",
    "list_type": "应为列表",
    "extra_forbidden": "不接受此项",
    "url_parsing": "不是有效网址",
    "url_scheme": "网址协议不被接受",
    "value_error": "取值无效",
    "assertion_error": "取值无效",
    "uuid_parsing": "不是有效编号",
}
#: What an error type not in CHINESE is said with, before pydantic's English.
GENERAL = "取值无效"


def chinese_first(error: Mapping[str, Any]) -> str:
    """One pydantic error (an item of ValidationError.errors()) as "中文 / English"."""
    english = str(error.get("msg", "")).removeprefix("Value error, ") or "invalid value"
    kind = str(error.get("type", ""))
    template = CHINESE.get(kind, GENERAL)
    if kind in {"string_too_short", "too_short"} and (error.get("ctx") or {}).get("min_length") == 1:
        template = "不能为空"  # "at least 1 character" is what an empty box means
    try:
        chinese = template.format(**(error.get("ctx") or {}))
    except (KeyError, IndexError, ValueError):  # a context value missing or odd: the phrase without it
        chinese = GENERAL
    return f"{chinese} / {english}"


def describe_chinese_first(error: ValidationError) -> str:
    """A record's validation error for whoever sent it (an agency's push): "field: 中文 / English; …", every bad field
    named (as gongkai.record.describe_validation_error names them for the quarantine, in English)."""
    return "; ".join(f"{'.'.join(str(p) for p in item['loc']) or 'record'}: {chinese_first(item)}" for item in error.errors())


__all__ = ["CHINESE", "GENERAL", "chinese_first", "describe_chinese_first"]
