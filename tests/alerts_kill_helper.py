"""Run the alerts once in this process (the SIGKILL test kills it part-way): python alerts_kill_helper.py DATA_DIR."""

from __future__ import annotations

import sys

from gongkai.engine import Engine
from gongkai.feeds.alerts import run_alerts
from gongkai.settings import load_settings

if __name__ == "__main__":
    settings = load_settings(data_dir=sys.argv[1], alerts={"max_records_per_delivery": 25, "backoff_seconds": 0})
    print("running", flush=True)
    print(run_alerts(Engine(settings)).as_dict(), flush=True)
