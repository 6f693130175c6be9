"""mypy over the package as it is installed, with the gate of issue 17.

The folders install under one import name (`gongkai.parsers` is `parsers/`, ...: pyproject's package-dir),
which mypy cannot follow through the editable install's import hook. So this builds that layout out of
symlinks under build/typecheck/ and runs mypy (config: pyproject's [tool.mypy]) on `-p gongkai` there.

The gate: every package (the core, gongkai/*.py with the engine facade, and each folder) has no error, since
session 17 (tidy: every count of the baseline had reached 0); a package listed in tests/mypy_baseline.txt is an
exception written down, held at its count, which only goes down (`--update-baseline` writes lower counts, never
higher ones). The file lists none.

    python tools/typecheck.py                   # exit 1 when the gate fails
    python tools/typecheck.py --update-baseline # after fixing errors in a baselined package
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BASELINE = ROOT / "tests" / "mypy_baseline.txt"
TREE = ROOT / "build" / "typecheck"

#: folder -> import name below gongkai (pyproject's [tool.setuptools.package-dir]).
FOLDERS = ("cli", "crawlers", "feeds", "indexer", "ops", "parsers", "store", "web")
#: packages that must have no error at all ("core" is gongkai/*.py, the engine facade included): all of them.
STRICT = ("core", *FOLDERS)

ERROR = re.compile(r"^(?P<path>[^:\n]+\.pyi?):(?P<line>\d+): error: ")


def build_tree() -> Path:
    """build/typecheck/gongkai: a symlink to every entry of gongkai/, and one per folder as its subpackage."""
    package = TREE / "gongkai"
    package.mkdir(parents=True, exist_ok=True)
    wanted = {entry.name: entry for entry in (ROOT / "gongkai").iterdir() if entry.name != "__pycache__"}
    wanted.update({folder: ROOT / folder for folder in FOLDERS})
    # Two runs at once (two people's `./dev lint`) may both mend the tree: what the other did is no error.
    for link in package.iterdir():
        if link.name not in wanted or not link.is_symlink() or link.resolve() != wanted[link.name].resolve():
            link.unlink(missing_ok=True)
    for name, target in wanted.items():
        if not (package / name).is_symlink():
            try:
                (package / name).symlink_to(target)
            except FileExistsError:
                pass
    return TREE


def package_of(repo_path: str) -> str:
    first, _, rest = repo_path.partition("/")
    return first if rest and first in FOLDERS else "core"


def repo_path(tree_path: str) -> str:
    """gongkai/parsers/x.py (as mypy names it in the tree) -> parsers/x.py; gongkai/x.py stays."""
    parts = Path(tree_path).parts
    if len(parts) > 2 and parts[0] == "gongkai" and parts[1] in FOLDERS:
        return str(Path(*parts[1:]))
    return tree_path


def run_mypy() -> tuple[list[str], int]:
    tree = build_tree()
    command = [sys.executable, "-m", "mypy", "--config-file", str(ROOT / "pyproject.toml"),
               "--cache-dir", str(ROOT / "build" / "mypy-cache"), "--no-error-summary", "-p", "gongkai"]
    done = subprocess.run(command, cwd=tree, capture_output=True, text=True, check=False)
    if done.returncode not in (0, 1) or "error: " in done.stderr:
        # 2 is mypy's own failure (bad config, crash): no count to compare.
        sys.stderr.write(done.stdout + done.stderr)
        raise SystemExit(f"mypy failed to run (exit {done.returncode})")
    lines = []
    for line in done.stdout.splitlines():
        match = ERROR.match(line)
        lines.append(repo_path(match["path"]) + line[len(match["path"]):] if match else line)
    return lines, done.returncode


def count_errors(lines: list[str]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for line in lines:
        match = ERROR.match(line)
        if match:
            counts[package_of(match["path"])] += 1
    return counts


def read_baseline(path: Path = BASELINE) -> dict[str, int]:
    baseline: dict[str, int] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, count = line.split()
            baseline[name] = int(count)
    return baseline


def write_baseline(baseline: dict[str, int], path: Path = BASELINE) -> None:
    head = ("# mypy errors allowed per package (issue 17); tools/typecheck.py fails when a count goes up.\n"
            "# Every package is held at zero and not listed (one listed here is an exception to take out).\n"
            "# Lower a count with `python tools/typecheck.py --update-baseline`; never raise one.\n")
    body = "".join(f"{name} {count}\n" for name, count in sorted(baseline.items()))
    path.write_text(head + body, encoding="utf-8")


def gate(counts: Counter[str], baseline: dict[str, int]) -> list[str]:
    """What fails the gate, one sentence each. A strict package is held at zero unless the baseline lists it
    (an exception written down with its reason in the file, to be fixed and taken out)."""
    failures = []
    for name in sorted(set(counts) | set(STRICT)):
        allowed = baseline.get(name, 0)
        if counts[name] > allowed:
            rule = "must be 0" if name in STRICT and name not in baseline else f"the baseline allows {allowed}"
            failures.append(f"{name}: {counts[name]} mypy errors, {rule}")
    return failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--update-baseline", action="store_true", help="write lower counts to the baseline")
    args = parser.parse_args(argv)
    os.chdir(ROOT)
    lines, _ = run_mypy()
    counts = count_errors(lines)
    baseline = read_baseline()
    failures = gate(counts, baseline)
    for line in lines:
        match = ERROR.match(line)
        if match and (package_of(match["path"]) in STRICT or failures):
            print(line)
    summary = ", ".join(f"{name} {counts[name]}" for name in sorted(set(counts) | set(baseline) | set(STRICT)))
    print(f"mypy errors per package: {summary}")
    if args.update_baseline:
        lowered = {name: min(count, counts[name]) for name, count in baseline.items()}
        lowered = {name: count for name, count in lowered.items() if count or name not in STRICT}  # a strict one at 0 leaves
        write_baseline(lowered)
        print(f"baseline written: {BASELINE.relative_to(ROOT)}")
    else:
        lower = [name for name, count in baseline.items() if counts[name] < count]
        if lower:
            print(f"fewer errors than the baseline in {', '.join(lower)}: run with --update-baseline to hold them there")
    for failure in failures:
        print(f"FAIL {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
