"""Click's own refusals of a mistyped command line, said Chinese first (`缺少参数 area / Missing argument 'area'.`).

Typer prints them in its error panel from Click's English (`No such command 'serch'.`, `Missing argument 'area'.`):
the first words a new user who mistypes meets (newuser2, session 14). Each known form gets its Chinese before it; a
message that already holds Chinese (our own BadParameter texts) is left as it is.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import importlib.util
import re
import sys
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
    """Every --help and error panel of this CLI says Typer's and Click's words Chinese first: the panels' titles, Click's
    refusal and its hint `查看帮助 / Try … for help.`. Typer imports its rich_utils only to print help or an error, so it is
    set up when imported then (imported here, every command paid ≈40 ms for it, ≈90 ms at load 12)."""
    if "typer.rich_utils" in sys.modules:
        _chinese_first(sys.modules["typer.rich_utils"])
    elif not any(isinstance(finder, _WhenImported) for finder in sys.meta_path):
        sys.meta_path.insert(0, _WhenImported())


def _chinese_first(rich_utils: Any) -> None:
    if getattr(rich_utils.rich_format_error, "_gongkai", False):
        return
    english = rich_utils.rich_format_error

    def chinese_first(error: Any) -> None:
        # the whole text as Click would print it (a missing or bad parameter builds it from the parameter's name)
        said = said_in_chinese(error.format_message())
        error.format_message = lambda: said
        english(error)

    chinese_first._gongkai = True  # type: ignore[attr-defined]
    rich_utils.rich_format_error = chinese_first
    rich_utils.RICH_HELP = "查看帮助 / Try [blue]'{command_path} {help_option}'[/] for help."
    rich_utils.OPTIONS_PANEL_TITLE = "选项 Options"
    rich_utils.ARGUMENTS_PANEL_TITLE = "参数 Arguments"
    rich_utils.COMMANDS_PANEL_TITLE = "命令 Commands"
    rich_utils.ERRORS_PANEL_TITLE = "错误 Error"


class _WhenImported(importlib.abc.MetaPathFinder):
    """Sets typer.rich_utils up right after it is imported (then steps aside)."""

    def find_spec(self, name: str, path: Any, target: Any = None) -> importlib.machinery.ModuleSpec | None:
        if name != "typer.rich_utils":
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(name)
        if spec is None or spec.loader is None:
            return spec
        loader = spec.loader

        class Loader(importlib.abc.Loader):
            def create_module(self, spec: importlib.machinery.ModuleSpec) -> Any:
                return loader.create_module(spec)

            def exec_module(self, module: Any) -> None:
                loader.exec_module(module)
                _chinese_first(module)

        spec.loader = Loader()
        return spec
