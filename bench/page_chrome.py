"""What the page-chrome check (gongkai.parsers.chrome.drop_chrome) costs, on the corpus's scraped reports.

    python bench/page_chrome.py            # the 21 provincial 政府工作报告 texts of ../shared/corpus, 20 rounds

Prints lines, characters, lines dropped, and the time per line and per character (best of the rounds).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from gongkai.parsers.chrome import drop_chrome
from gongkai.textnorm import fold

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "provincial_gov_work_reports_2026"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    lines = [line for path in sorted(CORPUS.glob("*.txt")) for line in path.read_text(encoding="utf-8").splitlines()]
    chars = sum(len(line) for line in lines)
    fold("停電")  # the folding table is built on first use: not part of the cost per line
    kept = drop_chrome(lines)
    best = float("inf")
    for _ in range(args.rounds):
        start = time.perf_counter()
        drop_chrome(lines)
        best = min(best, time.perf_counter() - start)
    print(f"{len(lines)} lines, {chars} characters, {len(lines) - len(kept)} chrome lines dropped")
    print(f"{best * 1000:.1f} ms: {best / len(lines) * 1e6:.2f} µs a line, {best / chars * 1e9:.1f} ns a character")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
