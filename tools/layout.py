"""Which package imports which, read from the code: the table of the README's layout section.

    python tools/layout.py            # a Markdown table: rows import columns, a cell counts import statements

Reads every module the way tests/test_layers.py does (its walker: `ast`, imports inside functions count,
`if TYPE_CHECKING:` ones do not), so the table and the layer test see the same imports. "core" is gongkai/*.py
without engine.py, "engine" is gongkai/engine.py.
"""

from __future__ import annotations

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


def main() -> int:
    counts = package_imports()
    print(table(counts))
    print()
    print(f"{len(MODULES)} modules; {sum(counts.values())} import statements between packages "
          f"({len(IMPORTS)} internal in all). Row: the importing package (its module count); cell: how many "
          "import statements of that row's modules name a module of the column's package.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
