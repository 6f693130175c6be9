"""Crawl outcomes of a fault site: every URL counted and named, 0 unexplained (issue #23).

    .venv/bin/python bench/crawl_outcomes.py            # prints the Markdown table of the README's crawl section

Serves tests/fixtures/fault_site.py on 127.0.0.1 (documents, a PDF linked only from a list page, corrupt
PDFs, a file over the size limit, a redirect, a dead link, a 500, a robots.txt exclusion, another host, a page
past --max-depth), crawls it with `--start-url` in a child process, switches it to its changed phase (pages
edited, added, removed with 404 and 410) and crawls again. The second crawl's outcome rows, read back with
`gongkai crawl history --run RUN --json`, make the table; every URL the server was asked for must be among
them and the run's `unexplained` must be 0. The full result goes to bench/results/crawl_outcomes.json.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from gongkai.crawlers.outcomes import OUTCOMES  # noqa: E402
from tests.fixtures.fault_site import crawl_twice  # noqa: E402


def main() -> int:
    root = Path(tempfile.mkdtemp(prefix="gongkai-crawl-outcomes-"))
    base, first, second, served = crawl_twice(root)
    asked = sorted(served)
    gongkai = [sys.executable, "-c", "from gongkai.cli.main import app; app()", "--data-dir", str(root / "data")]
    out = subprocess.run([*gongkai, "crawl", "history", "--run", second["run_id"], "--json"], capture_output=True, text=True, check=True)
    rows = json.loads(out.stdout)
    named = {urlsplit(row["url"]).path or "/" for row in rows if row["url"].startswith(base)}
    not_named = [path for path in asked if path not in named]
    by_outcome: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        by_outcome[row["outcome"]].append(row)

    def short(url: str) -> str:
        return url[len(base):] or "/" if url.startswith(base) else url

    print(f"Second crawl of the fault site ({len(rows)} URLs, run {second['run_id']}; first crawl: "
          + ", ".join(f"{k} {v}" for k, v in first["counts"]["urls"].items()) + ")\n")
    print("| outcome | URLs | which (reason) |")
    print("| --- | ---: | --- |")
    for outcome in OUTCOMES:
        found = by_outcome.get(outcome, [])
        if found:
            which = "; ".join(f"`{short(r['url'])}`" + (f" ({r['reason'][:70]})" if r["reason"] else "") for r in found)
            print(f"| {outcome} | {len(found)} | {which.replace('|', '/')} |")
    unexplained = second["counts"]["unexplained"]
    print(f"| **unexplained** | **{unexplained}** | requested without an outcome row; server requests not named: {len(not_named)} |")
    report = {"first": first, "second": second, "rows": rows, "server_requests": asked, "not_named": not_named}
    results = REPO / "bench" / "results"
    results.mkdir(parents=True, exist_ok=True)
    (results / "crawl_outcomes.json").write_text(json.dumps(report, ensure_ascii=False, indent=2, default=str), encoding="utf-8")
    return 0 if unexplained == 0 and not not_named else 1


if __name__ == "__main__":
    sys.exit(main())
