"""`gongkai demo` on an empty data directory: the whole pipeline with one command."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path


def test_demo_loads_the_sample_crawls_the_fixture_sites_and_searches(tmp_path):
    exe = Path(sys.executable).with_name("gongkai")
    env = {k: v for k, v in os.environ.items() if not k.startswith("GONGKAI_")}
    data = tmp_path / "data"
    done = subprocess.run([str(exe), "--data-dir", str(data), "demo", "--no-serve"], env=env, cwd=tmp_path,
                          capture_output=True, text=True, timeout=600)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "new: 400" in done.stdout and "xmrb:" in done.stdout and "厦府〔2014〕12号 → 1 results" in done.stdout
    stats = json.loads(subprocess.run([str(exe), "--data-dir", str(data), "stats", "--json"], env=env, cwd=tmp_path,
                                      capture_output=True, text=True, check=True).stdout)  # fmt: skip
    assert stats["records"] > 400  # the sample plus what the spiders brought in
    assert {"site:xm-fgw", "site:xm-zrzy", "site:sm-gov", "site:xmrb"} <= set(stats["by_source"])
