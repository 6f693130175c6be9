"""Alert runs at scale (issue 22): N saved searches over a stream of new records, delivered by webhook.

    .venv/bin/python bench/alerts.py [--alerts 1000] [--rounds 10] [--per-round 1000] [--channel webhook|atom]

A fresh store in a temporary folder; `--alerts` alerts with distinct searches (district + 停水/停电/停气
with the outage filter, a company's 遗失 notices, an issuer with a topic word, a word alone) whose webhooks
all go to one receiver on 127.0.0.1; then `--rounds` times: ingest `--per-round` new records (outages,
lost-property notices, disclosures) and run every alert once. Prints seconds per run (matching and
delivering), records matched, deliveries and delivered matches per second; the target is a run of
1,000 alerts after 1,000 new records within 10 s. The records' ingest is not timed.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from gongkai.engine import Engine
from gongkai.feeds import alerts as A
from gongkai.record import Record
from gongkai.settings import load_settings
from tests.alert_receiver import Receiver

DISTRICTS = ["思明区", "湖里区", "集美区", "海沧区", "同安区", "翔安区"]
STREETS = ["湖滨南路", "嘉禾路", "厦禾路", "莲前西路", "仙岳路", "吕岭路", "金山路", "枋湖路", "园博路", "新阳路"]
UTILITIES = [("停水", "厦门水务集团"), ("停电", "国网厦门供电公司"), ("停气", "厦门华润燃气")]
COMPANIES = [f"厦门{a}{b}有限公司" for a in ("鹭岛", "海湾", "嘉庚", "鼓浪", "筼筜", "五缘", "白鹭", "同安", "翔鹭", "金砖")
             for b in ("贸易", "科技", "物流", "建材", "餐饮", "电子", "文化", "医药", "食品", "服装")]
ISSUERS = ["厦门市人民政府", "厦门市财政局", "厦门市自然资源和规划局", "厦门市教育局", "厦门市卫生健康委员会", "厦门市交通运输局"]
WORDS = ["规划", "预算", "招生", "医保", "公交", "土地", "补贴", "安全", "环境", "住房"]


def records(rng: random.Random, start: int, count: int) -> list[Record]:
    out = []
    for n in range(start, start + count):
        roll = rng.random()
        if roll < 0.4:
            district, street = rng.choice(DISTRICTS), rng.choice(STREETS)
            what, issuer = rng.choice(UTILITIES)
            out.append(Record(kind="notice", notice_type="outage", issuer=issuer, publish_date="2026-12-01",
                              title=f"关于{district}{street}片区{what}的通知（{n}）",
                              body=f"因设备检修，{district}{street}一带将于12月3日8:00至18:00{what}，请用户提前做好准备。"))
        elif roll < 0.7:
            company = rng.choice(COMPANIES)
            out.append(Record(kind="notice", notice_type="lost", publish_date="2026-12-01", title=f"{company}遗失声明（{n}）",
                              body=f"{company}不慎遗失公章一枚，声明作废。"))
        else:
            issuer, word = rng.choice(ISSUERS), rng.choice(WORDS)
            out.append(Record(kind="disclosure", issuer=issuer, publish_date="2026-11-30", topic="综合政务",
                              title=f"{issuer}关于{word}工作的通知（{n}）", body=f"各有关单位：现就{word}有关事项通知如下……"))
    return out


def alert_specs(count: int) -> list[tuple[str, dict[str, str]]]:
    specs: list[tuple[str, dict[str, str]]] = []
    for district in DISTRICTS:
        for street in STREETS:
            for what, _ in UTILITIES:
                specs.append((f"{district}{street}{what}", {"notice_type": "outage"}))
    specs += [(company, {"notice_type": "lost"}) for company in COMPANIES]
    specs += [(word, {"issuer": issuer}) for issuer in ISSUERS for word in WORDS]
    specs += [(word, {}) for word in WORDS]
    while len(specs) < count:  # more alerts than distinct searches: the same search saved by several people
        specs.append(specs[len(specs) % 300])
    return specs[:count]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--alerts", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--per-round", type=int, default=1000)
    parser.add_argument("--channel", choices=("webhook", "atom"), default="webhook")
    args = parser.parse_args()
    rng = random.Random(22)
    with tempfile.TemporaryDirectory(prefix="gongkai-bench-alerts-") as tmp, Receiver() as receiver:
        engine = Engine(load_settings(data_dir=Path(tmp) / "data", alerts={"batch_records": 2000}))
        engine.ingest_records(records(rng, 0, args.per_round))  # a backlog the alerts must not send
        specs = alert_specs(args.alerts)
        for query, filters in specs:
            A.add_alert(engine, query, filters, args.channel, receiver.url if args.channel == "webhook" else "")
        print(f"{args.alerts} alerts ({len(set((q, tuple(f.items())) for q, f in specs))} distinct searches), channel {args.channel}")
        seconds, matched, deliveries = [], 0, 0
        for round_ in range(args.rounds):
            engine.ingest_records(records(rng, (round_ + 1) * args.per_round, args.per_round))
            report = A.run_alerts(engine)
            assert not report.errors, report.errors
            seconds.append(report.seconds)
            matched += report.matched
            deliveries += report.delivered if args.channel == "webhook" else report.deliveries_made
            print(f"run {round_ + 1}: {report.seconds:.2f} s, {report.changes_read} changes, {report.matched} matches, "
                  f"{report.deliveries_made} deliveries made, {report.delivered} posted")
        got = len(receiver.record_ids())
        print(f"runs: median {statistics.median(seconds):.2f} s, max {max(seconds):.2f} s (target ≤ 10 s); "
              f"{matched} matches in {deliveries} deliveries, {matched / sum(seconds):.0f} delivered matches/s; "
              f"receiver got {got} record entries, {receiver.repeats} repeats")


if __name__ == "__main__":
    main()
