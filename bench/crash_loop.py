"""An ingest killed again and again (issue 16 item 8): does the index move forward?

    .venv/bin/python bench/crash_loop.py FILE.jsonl [--every 5] [--runs 4] [--data-dir DIR]

Runs `gongkai ingest FILE` in a fresh data directory (a temporary one unless --data-dir), SIGKILLs it
--every seconds after each start, --runs times, printing the store's change number and the index's
documents and watermark after each kill, then one run left to finish and its time. A figure, not a test
(tests/test_nothing_lost.py has the test): it depends on the machine and its load.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

GONGKAI = [str(Path(sys.executable).with_name("gongkai"))]  # the venv's command


def state(data_dir: str) -> dict[str, int]:
    out = subprocess.run([*GONGKAI, "--data-dir", data_dir, "stats", "--json"], capture_output=True, text=True, check=True).stdout
    index = json.loads(out)["index"]
    return {"store_seq": index["store_seq"], "index_documents": index["documents"], "index_watermark": index["watermark"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("file", type=Path)
    parser.add_argument("--every", type=float, default=5.0, help="seconds from start to SIGKILL")
    parser.add_argument("--runs", type=int, default=4)
    parser.add_argument("--data-dir", default=None)
    args = parser.parse_args()
    data_dir = args.data_dir or tempfile.mkdtemp(prefix="gongkai-crash-loop-")
    print(f"data dir {data_dir}; {args.file} ({args.file.stat().st_size:,} bytes), killed {args.every:g} s after each start")
    for run in range(1, args.runs + 1):
        process = subprocess.Popen([*GONGKAI, "--data-dir", data_dir, "ingest", str(args.file)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(args.every)
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        print(f"after kill {run}: {state(data_dir)}", flush=True)
    started = time.monotonic()
    subprocess.run([*GONGKAI, "--data-dir", data_dir, "ingest", str(args.file)], stdout=subprocess.DEVNULL, check=True)
    print(f"a run left to finish: {time.monotonic() - started:.1f} s, {state(data_dir)}")


if __name__ == "__main__":
    main()
