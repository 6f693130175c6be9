"""A new file format is one module in parsers/formats/ (issue 17): the package registers every FormatSpec its
modules define, with no list to extend (README: What a change touches)."""

from __future__ import annotations

import importlib
from pathlib import Path

from gongkai.parsers import registry
from gongkai.parsers.registry import FormatSpec

FOLDER = Path(__file__).resolve().parents[1] / "parsers" / "formats"


def test_every_format_a_module_of_the_folder_defines_is_registered_in_detection_order() -> None:
    defined = set()
    for path in sorted(FOLDER.glob("*.py")):
        if path.stem != "__init__":
            module = importlib.import_module(f"gongkai.parsers.formats.{path.stem}")
            defined |= {value.name for value in vars(module).values() if isinstance(value, FormatSpec)}
    assert defined and defined == {spec.name for spec in registry.formats()}
    # the order detection and the derived lists see is the one the hand-written list gave
    assert [spec.name for spec in registry.formats()] == ["pdf", "image", "docx", "xlsx", "mhtml", "doc", "wps", "xls", "html", "jsonl", "text"]
    assert registry.default_attachment_types() == ["pdf", "docx"]


def test_the_package_keeps_no_list_of_format_modules() -> None:
    source = (FOLDER / "__init__.py").read_text(encoding="utf-8")
    assert "pkgutil.iter_modules" in source
    assert not any(f"import {name}" in source or f" {name}," in source for name in ("docx", "pdf", "legacy", "html"))
