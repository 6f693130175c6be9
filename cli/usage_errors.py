"""Click's own refusals of a mistyped command line, said Chinese first (`缺少参数 area / Missing argument 'area'.`).

Typer prints them in its error panel from Click's English (`No such command 'serch'.`, `Missing argument 'area'.`):
the first words a new user who mistypes meets (newuser2, session 14). Each known form gets its Chinese before it; a
message that already holds Chinese (our own BadParameter texts) is left as it is.
"""

from __future__ import annotations

import re
from typing import Any

#: (Click's English, how it reads in Chinese): the forms a typo makes, Click 8's wording as Typer vendors it
_FORMS: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(pattern), chinese) for pattern, chinese in (
    (r"^Missing argument '([^']+)'", "缺少参数 {0}"),
    (r"^Missing option '([^']+)'", "缺少选项 {0}"),
    (r"^No such command '([^']+)'", "没有这个命令：{0}"),
    (r"^No such option: (\S+)", "没有这个选项：{0}"),
    (r"^Got unexpected extra argument", "多余的参数"),
    (r"^Option '([^']+)' requires an argument", "选项 {0} 需要一个值"),
    (r"^Option '([^']+)' does not take a value", "选项 {0} 不带值"),
    (r"^Invalid value for '?([^':]+)'?:", "取值无效：{0}"),
))
_CJK = re.compile(r"[\u4e00-\u9fff]")


def said_in_chinese(message: str) -> str:
    """`message` with its Chinese before it, when it is one of Click's known forms and holds no Chinese yet."""
    if _CJK.search(message):
        return message
    for pattern, chinese in _FORMS:
        found = pattern.search(message)
        if found:
            return f"{chinese.format(*found.groups())} / {message}"
    return f"命令行有误 / {message}"


def install() -> None:
    """Every error panel of this CLI says Click's refusal Chinese first, and its hint `查看帮助 / Try … for help.`"""
    import typer.rich_utils

    if getattr(typer.rich_utils.rich_format_error, "_gongkai", False):
        return
    english = typer.rich_utils.rich_format_error

    def chinese_first(error: Any) -> None:
        # the whole text as Click would print it (a missing or bad parameter builds it from the parameter's name)
        said = said_in_chinese(error.format_message())
        error.format_message = lambda: said
        english(error)

    chinese_first._gongkai = True  # type: ignore[attr-defined]
    typer.rich_utils.rich_format_error = chinese_first
    typer.rich_utils.RICH_HELP = "查看帮助 / Try [blue]'{command_path} {help_option}'[/] for help."
