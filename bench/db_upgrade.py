"""What the store's schema revisions cost (issue 17): upgrading the pre-Alembic fixture (tests/fixtures/db_v1),
and the check every store open makes on a current database. SQLite, in a temporary folder.

    python bench/db_upgrade.py [--checks 200]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--checks", type=int, default=200, help="how many opening checks to time")
    args = parser.parse_args()
    from gongkai.store.database import make_engine
    from gongkai.store.migrate import ensure_current

    with tempfile.TemporaryDirectory(prefix="gongkai-db-upgrade-") as work:
        path = Path(work) / "gongkai.sqlite3"
        shutil.copyfile(REPO / "tests" / "fixtures" / "db_v1" / "gongkai.sqlite3", path)
        engine = make_engine(f"sqlite:///{path}")
        wall, cpu = time.perf_counter(), time.process_time()
        before = ensure_current(engine).state
        upgrade = {"from": before, "wall_ms": round((time.perf_counter() - wall) * 1000, 1),
                   "cpu_ms": round((time.process_time() - cpu) * 1000, 1)}
        checks = []
        for _ in range(args.checks):
            start = time.perf_counter()
            ensure_current(engine)
            checks.append((time.perf_counter() - start) * 1000)
        engine.dispose()
    result = {"upgrade_fixture": upgrade, "check_when_current_ms": {"median": round(statistics.median(checks), 3),
              "p99": round(sorted(checks)[int(len(checks) * 0.99) - 1], 3)}, "loadavg": os.getloadavg()}
    json.dump(result, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
