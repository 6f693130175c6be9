"""CPU time of an uncached outage lookup (Engine.outages) and of reading one outage notice's events (find_events), with and without the searches for correction notices
(gongkai.outages.CORRECTION_WORDS: a correction may print no place, so the lookup of a place also reads its days'
outage notices holding 取消/更正/变更/调整/推迟/延期).

    python bench/outage_lookup_cost.py [--rounds 2]

Store: the bundled sample records and the notices of tests/outage_layouts.py, in a temp data dir; every place those
layouts ask about, on three days, the answer cache cleared before each lookup. CPU time (process_time), not wall:
the machine is shared. Prints CPU-ms per lookup for each round, without then with the correction searches.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import gongkai.outages as outages
from gongkai.engine import Engine
from gongkai.parsers import Capture
from gongkai.parsers.notices.outages import find_events
from gongkai.settings import load_settings
from tests.outage_layouts import LAYOUTS
from tests.support import sample_records


def lookups(engine: Engine, places: list[str], cold: bool) -> float:
    """CPU-ms per lookup over every place on three days, each answer uncached (every (place, day) is asked once a pass);
    `cold`: the correction candidates of the days are not kept either (the cache cleared before each lookup)."""
    engine._outage_cache().clear()
    started, count = time.process_time(), 0
    for offset in range(3):
        for place in places:
            if cold:
                engine._outage_cache().clear()
            engine.outages(place, date(2026, 12, 6) + timedelta(days=offset))
            count += 1
    return (time.process_time() - started) / count * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="outage-lookup-cost-") as data_dir:
        engine = Engine(load_settings(data_dir=Path(data_dir)))
        engine.ingest_records(sample_records())
        engine.ingest_captures([Capture(data=layout.text.encode(layout.encoding), url=f"https://epaper.xmnn.cn/xmrb/{layout.issued}/A12-{n}.htm",
                                        source="paper:xmrb") for n, layout in enumerate(LAYOUTS)], notices=True, parallel=False)
        places = sorted({place for layout in LAYOUTS for place, _, _ in layout.answers})
        words = outages.CORRECTION_WORDS
        lookups(engine, places, cold=True)  # warm up: imports, the index's own caches
        for number in range(1, args.rounds + 1):
            outages.CORRECTION_WORDS = ()
            without = lookups(engine, places, cold=False)
            outages.CORRECTION_WORDS = words
            kept = lookups(engine, places, cold=False)
            cold = lookups(engine, places, cold=True)
            print(f"round {number}: CPU-ms a lookup: {without:.2f} without the correction searches, {kept:.2f} with them "
                  f"(kept per day), {cold:.2f} with them never kept ({len(places) * 3} lookups a pass)")
        engine.close()
    # The parser's share: the events of one outage notice (parsers/notices/outages.find_events) over the layouts' texts.
    started = time.process_time()
    for _ in range(20):
        for layout in LAYOUTS:
            find_events(layout.text, date(2026, 12, 6), "power")
    print(f"find_events: {(time.process_time() - started) / (20 * len(LAYOUTS)) * 1000:.3f} CPU-ms a notice ({len(LAYOUTS)} layouts)")


if __name__ == "__main__":
    main()
