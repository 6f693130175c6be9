"""Which package imports which, read from the code: the table of the README's layout section.

    python tools/layout.py            # a Markdown table: rows import columns, a cell counts import statements
    python tools/layout.py --write    # put it into README.md in place of the table there

tests/test_layers.py runs this script and fails, with the diff, when README.md's table is not its output.

Reads every module the way tests/test_layers.py does (its walker: `ast`, imports inside functions count,
`if TYPE_CHECKING:` ones do not), so the table and the layer test see the same imports. "core" is gongkai/*.py
without engine.py, "engine" is gongkai/engine.py.
"""

from __future__ import annotations

import difflib
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.test_layers import IMPORTS, MODULES, layer_of  # noqa: E402 - the one import walker, found through ROOT

#: Bottom up, as the README's layer table lists them.
ORDER = ("core", "parsers", "store", "indexer", "engine", "crawlers", "feeds", "facades", "cli", "web", "ops")


def package_imports() -> Counter[tuple[str, str]]:
    """(importer package, imported package) -> import statements that run, between different packages."""
    counts: Counter[tuple[str, str]] = Counter()
    for imp in IMPORTS:
        source, target = layer_of(imp.importer), layer_of(imp.imported)
        if source != target:
            counts[source, target] += 1
    return counts


def table(counts: Counter[tuple[str, str]]) -> str:
    modules = Counter(layer_of(name) for name in MODULES)
    head = "| imports → | " + " | ".join(ORDER) + " |"
    rule = "| --- |" + " ---: |" * len(ORDER)
    rows = []
    for source in ORDER:
        cells = [str(counts[source, target]) if counts[source, target] else "" for target in ORDER]
        rows.append(f"| **{source}** ({modules[source]}) | " + " | ".join(cells) + " |")
    return "\n".join([head, rule, *rows])


#: README.md's section this script writes: from the table's head line to the line under it that starts so.
README = ROOT / "README.md"
SECTION_START, SECTION_END = "| imports → |", "Row: the importing package"


def render() -> str:
    """The table and the line under it, as README.md holds them."""
    counts = package_imports()
    # No total of internal imports: it moves with every import inside a package, which the table does not show.
    return (table(counts) + "\n\n" + f"{len(MODULES)} modules; {sum(counts.values())} import statements between packages. "
            "Row: the importing package (its module count); cell: how many import statements of that row's modules "
            "name a module of the column's package.")


def readme_section(text: str) -> tuple[int, int]:
    """Line numbers [start, end) of the section in README.md's lines; ValueError when it is not there."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(SECTION_START))
    end = next(i for i in range(start, len(lines)) if SECTION_END in lines[i] and not lines[i].startswith("|"))
    return start, end + 1


def readme_diff() -> str:
    """A unified diff README.md -> the generated section; empty when they agree."""
    lines = README.read_text(encoding="utf-8").splitlines()
    start, end = readme_section("\n".join(lines))
    return "\n".join(difflib.unified_diff(lines[start:end], render().splitlines(), "README.md", "tools/layout.py",
                                          lineterm=""))


def write_readme() -> None:
    text = README.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    start, end = readme_section(text)
    README.write_text("".join(lines[:start]) + render() + "\n" + "".join(lines[end:]), encoding="utf-8")


def main(argv: list[str]) -> int:
    if "--write" in argv:
        write_readme()
        return 0
    if "--check" in argv:
        diff = readme_diff()
        print(diff or "README.md's import table is the code's")
        return 1 if diff else 0
    print(render())
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
