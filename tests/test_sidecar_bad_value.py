"""A bad value given by a sidecar is quarantined with a reason that says so (probe, 2026-12-05).

`report.txt` + `report.txt.json` {"publish_date": "2026-13-01"} was quarantined as "record from report.txt is
invalid: publish_date: not a valid date", and a notice column's as "notice 1 of A12.txt is invalid: …": the
operator looked for a bad date in a document that prints none.
"""

from __future__ import annotations

import json

from gongkai.feeds.inbox import inbox_dir, process_inbox
from tests.support import inbox_engine

BAD = {"publish_date": "2026-13-01"}


def test_a_bad_sidecar_value_is_named_as_the_sidecars(settings):
    with inbox_engine(settings) as engine:
        folder = inbox_dir(engine) / "厦门市财政局"
        (folder / "notices").mkdir(parents=True)
        (folder / "report.txt").write_text("厦门市财政局关于预算公开的通知\n各区财政局：现将有关事项通知如下。\n", encoding="utf-8")
        (folder / "report.txt.json").write_text(json.dumps(BAD), encoding="utf-8")
        (folder / "fine.txt").write_text("厦门市财政局关于决算公开的通知\n正文。\n2026年13月1日\n", encoding="utf-8")  # a printed bad date: dropped
        column = folder / "notices" / "A12.txt"
        column.write_text("停电通知\n因检修，2026年12月3日8:00至12:00湖滨南路停电。\n国网厦门供电公司\n2026年12月1日\n", encoding="utf-8")
        (folder / "notices" / "A12.txt.json").write_text(json.dumps(BAD), encoding="utf-8")
        report = process_inbox(engine, now=4_000_000_000.0)
        assert report.counts["new"] == 1 and report.counts["quarantined"] == 2, report.as_dict()
        reasons = sorted(item["reason"] for item in engine.store.quarantine_list("open"))
        assert len(reasons) == 2
        for reason in reasons:
            assert "publish_date: not a valid date" in reason and "(publish_date given by the sidecar or push metadata, not the document)" in reason
