"""The mypy gate of `./dev lint` (tools/typecheck.py): how it maps mypy's paths, counts and decides.

mypy itself is run by `./dev lint`, not here (a cold run takes most of a minute on two cores).
"""

from __future__ import annotations

import importlib.util
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _tool():
    spec = importlib.util.spec_from_file_location("typecheck_tool", ROOT / "tools" / "typecheck.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


tc = _tool()

MYPY_OUTPUT = [
    'gongkai/parsers/encoding.py:31: error: Incompatible types in assignment  [assignment]',
    'gongkai/engine.py:89: error: Argument 7 to "IngestSession" has incompatible type  [arg-type]',
    'gongkai/web/api.py:252: error: Item "None" of "X | None" has no attribute "utility"  [union-attr]',
    'gongkai/web/api.py:252: note: a note is no error',
    'gongkai/web/app.py:3: error: Name "x" is not defined  [name-defined]',
]


def test_tree_paths_map_back_to_the_folders():
    assert tc.repo_path("gongkai/parsers/formats/pdf.py") == "parsers/formats/pdf.py"
    assert tc.repo_path("gongkai/engine.py") == "gongkai/engine.py"
    assert tc.repo_path("gongkai/data/x.py") == "gongkai/data/x.py"  # not a folder of its own
    assert tc.package_of("parsers/formats/pdf.py") == "parsers"
    assert tc.package_of("gongkai/engine.py") == "core"


def test_errors_are_counted_per_package_and_notes_are_not():
    lines = [tc.repo_path(line.split(":")[0]) + line[len(line.split(":")[0]):] for line in MYPY_OUTPUT]
    assert tc.count_errors(lines) == Counter({"parsers": 1, "core": 1, "web": 2})


def test_the_gate_holds_every_package_at_zero_and_a_listed_exception_at_its_count():
    assert set(tc.STRICT) == {"core", *tc.FOLDERS}  # since session 17: every package strict
    baseline = {"web": 2, "crawlers": 5}
    assert tc.gate(Counter({"web": 2, "crawlers": 1}), baseline) == []
    assert tc.gate(Counter({"web": 3}), baseline) == ["web: 3 mypy errors, the baseline allows 2"]
    assert tc.gate(Counter({"feeds": 1}), baseline) == ["feeds: 1 mypy errors, must be 0"]
    assert tc.gate(Counter({"store": 1, "core": 2}), baseline) == ["core: 2 mypy errors, must be 0", "store: 1 mypy errors, must be 0"]
    # a strict package listed in the baseline (a written-down exception) is held at its count
    assert tc.gate(Counter({"indexer": 3}), {"indexer": 3}) == []
    assert tc.gate(Counter({"indexer": 4}), {"indexer": 3}) == ["indexer: 4 mypy errors, the baseline allows 3"]


def test_the_baseline_file_reads_back_and_names_only_baselined_packages(tmp_path):
    path = tmp_path / "baseline.txt"
    tc.write_baseline({"web": 4, "cli": 0}, path)
    assert tc.read_baseline(path) == {"web": 4, "cli": 0}
    kept = tc.read_baseline()  # the one in git
    assert set(kept) <= set(tc.FOLDERS) | {"core"}
    assert all(count >= 0 for count in kept.values())
    assert all(kept[name] > 0 for name in tc.STRICT if name in kept), "a strict package at 0 is not listed"


def test_the_tree_links_every_folder_under_gongkai():
    tree = tc.build_tree()
    package = tree / "gongkai"
    for folder in tc.FOLDERS:
        assert (package / folder).resolve() == (ROOT / folder).resolve()
    assert (package / "engine.py").resolve() == (ROOT / "gongkai" / "engine.py").resolve()
