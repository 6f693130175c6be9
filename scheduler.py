"""Run gongkai's scheduled jobs (crawls, newspaper, drop folder, feed polling, sync, nightly maintenance).

    python scheduler.py [--data-dir DIR]        # the same as `gongkai schedule run`

A thin script: everything lives in gongkai.ops (top-level modules are not installed).
"""

from gongkai.ops.main import main

if __name__ == "__main__":
    raise SystemExit(main())
