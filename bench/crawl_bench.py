"""Crawl benchmark: a generated disclosure site of N detail pages on 127.0.0.1, politeness off.

    /work/venv/bin/python bench/crawl_bench.py --pages 10000      # the issue's size
    /work/venv/bin/python bench/crawl_bench.py --pages 1000       # a quick check

Measures, each crawl in a fresh process (as `gongkai crawl` runs):
- first crawl: pages/s end to end (fetched, parsed, stored, indexed; committed when the run ends);
- re-crawl of the unchanged site: its time as a share of the first crawl (target <= 20%), and that
  it stores zero new versions (every detail page answers 304 to its ETag).
Wall times include the child process start (about 1-2 s); the crawl's own time is reported too.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from html import escape
from pathlib import Path

from gongkai.crawlers.child_process import run_in_subprocess
from gongkai.crawlers.fixture_server import FixtureSites, Page, SiteContent
from gongkai.engine import Engine
from gongkai.settings import load_settings

WORDS = ["厦门市", "人民政府", "办公厅", "关于", "印发", "实施", "意见", "通知", "公告", "加强", "推进", "建设", "管理", "工作", "项目", "资金", "规划", "城市", "交通", "教育", "卫生", "环境", "保护", "安全", "生产", "营商", "环境", "优化", "服务", "企业", "发展", "改革", "财政", "预算", "社会", "保障", "住房", "公积金", "思明区", "湖里区", "集美区", "海沧区", "同安区", "翔安区", "鼓浪屿", "湖滨南路", "嘉禾路", "莲前西路", "环岛路", "厦门大学", "自贸区"]
ISSUERS = ("厦门市人民政府办公厅", "厦门市发展和改革委员会", "厦门市财政局", "厦门市教育局", "厦门市自然资源和规划局")
PER_LIST_PAGE = 50


class GeneratedSite(SiteContent):
    """N detail pages behind list pages of 50, generated on request (deterministic per page number)."""

    def __init__(self, pages: int, seed: int = 7) -> None:
        self.name = "bench-gen"
        self.pages = pages
        self.seed = seed
        self.list_pages = (pages + PER_LIST_PAGE - 1) // PER_LIST_PAGE
        self.modified = datetime(2024, 5, 10, tzinfo=UTC)
        self.cache: dict[str, Page | int] = {}  # a CMS serves published pages from files: keep the server cheap

    def lookup(self, path: str, phase: str) -> Page | int:
        found = self.cache.get(path)
        if found is None:
            found = self.cache[path] = self._generate(path)
        return found

    def _generate(self, path: str) -> Page | int:
        if path.startswith("/list/index_") and path.endswith(".htm"):
            number = int(path[len("/list/index_"):-4])
            return self._page(self._list(number)) if 0 <= number < self.list_pages else 404
        if path.startswith("/doc/") and path.endswith(".htm"):
            number = int(path[len("/doc/"):-4])
            return self._page(self._detail(number)) if 0 <= number < self.pages else 404
        return 404

    def _page(self, html: str) -> Page:
        return Page(html.encode("utf-8"), "text/html; charset=utf-8", self.modified)

    def _list(self, number: int) -> str:
        first = number * PER_LIST_PAGE
        items = "".join(f'<li><a href="/doc/{n}.htm">{escape(self._title(n))}</a></li>' for n in range(first, min(first + PER_LIST_PAGE, self.pages)))
        nxt = f'<a class="next" href="/list/index_{number + 1}.htm">下一页</a>' if number + 1 < self.list_pages else ""
        return f'<html><head><meta charset="utf-8"><title>信息公开</title></head><body><ul class="list">{items}</ul>{nxt}</body></html>'

    def _title(self, n: int) -> str:
        rng = random.Random(self.seed * 1_000_003 + n)
        return f"{ISSUERS[n % len(ISSUERS)]}关于{''.join(rng.choices(WORDS, k=6))}的通知（第{n}号）"

    def _detail(self, n: int) -> str:
        rng = random.Random(self.seed * 7_919 + n)
        day = date(2020, 1, 1) + timedelta(days=n % 1500)
        body = "".join(f"<p>{''.join(rng.choices(WORDS, k=60))}。</p>" for _ in range(5))
        return f"""<html><head><meta charset="utf-8"><title>{escape(self._title(n))}</title></head><body>
<table class="meta"><tr><td>索引号：</td><td>XM00100-0200-{day.year}-{n:05d}</td><td>发布机构：</td><td>{ISSUERS[n % len(ISSUERS)]}</td></tr>
<tr><td>文号：</td><td>厦府办〔{day.year}〕{n + 1}号</td><td>发布日期：</td><td>{day.isoformat()}</td></tr>
<tr><td>名称：</td><td colspan="3">{escape(self._title(n))}</td></tr></table>
<div class="content">{body}</div></body></html>"""


SITE_TOML = """title = "generated benchmark site"
base_url = "{base}"
start_urls = ["/list/index_0.htm"]
detail_links = "ul.list a"
next_page = "a.next"
max_list_pages = 100000
attachment_types = []
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--batch", type=int, default=200, help="captures per ingest batch")
    parser.add_argument("--keep", type=Path, default=None, help="keep the data directory here")
    args = parser.parse_args()

    work = Path(args.keep or tempfile.mkdtemp(prefix="gongkai-crawl-bench-"))
    sites = FixtureSites([GeneratedSite(args.pages)])
    base = sites.start()["bench-gen"]
    (work / "defs" / "bench-gen").mkdir(parents=True, exist_ok=True)
    (work / "defs" / "bench-gen" / "site.toml").write_text(SITE_TOML.format(base=base), encoding="utf-8")
    crawl_args = ["--sites-dir", str(work / "defs"), "--fast", "--batch", str(args.batch), "bench-gen"]
    data = work / "data"
    try:
        load_first = os.getloadavg()[0]
        started, cpu = time.perf_counter(), _cpu()
        [first] = run_in_subprocess(crawl_args, data, timeout=7200)
        first_wall, first_cpu = time.perf_counter() - started, _cpu_since(cpu)
        with_versions = _versions(data)
        first_requests = len(sites.requests())
        sites.clear_log()
        load_again = os.getloadavg()[0]
        started, cpu = time.perf_counter(), _cpu()
        [again] = run_in_subprocess(crawl_args, data, timeout=7200)
        again_wall, again_cpu = time.perf_counter() - started, _cpu_since(cpu)
        again_versions = _versions(data)
        statuses = [r.status for r in sites.requests() if r.path.startswith("/doc/")]
    finally:
        sites.stop()
    report = {
        "pages": args.pages,
        "first_crawl": {"wall_seconds": round(first_wall, 1), "crawl_seconds": first["counts"]["seconds"],
                        "pages_per_second_wall": round(args.pages / first_wall, 1),
                        "pages_per_second_crawl": round(args.pages / first["counts"]["seconds"], 1),
                        "new": first["counts"]["new"], "errors": first["counts"]["errors"], "requests": first_requests,
                        "downloaded_mb": round(first["counts"]["downloaded_bytes"] / 1e6, 1),
                        "cpu_seconds_crawler": first_cpu[0], "cpu_seconds_server": first_cpu[1], "load_average_at_start": round(load_first, 2)},
        "recrawl": {"wall_seconds": round(again_wall, 1), "crawl_seconds": again["counts"]["seconds"],
                    "ratio_wall": round(again_wall / first_wall, 3), "ratio_crawl": round(again["counts"]["seconds"] / first["counts"]["seconds"], 3),
                    "new_versions": again_versions - with_versions, "not_modified": statuses.count(304), "full_downloads": statuses.count(200),
                    "downloaded_mb": round(again["counts"]["downloaded_bytes"] / 1e6, 2),
                    "cpu_seconds_crawler": again_cpu[0], "cpu_seconds_server": again_cpu[1], "load_average_at_start": round(load_again, 2),
                    "cpu_ratio_crawler": round(again_cpu[0] / first_cpu[0], 3) if first_cpu[0] else None},
        "data_dir": str(data),
    }
    json.dump(report, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    ok = report["recrawl"]["new_versions"] == 0 and report["recrawl"]["ratio_wall"] <= 0.2 and first["counts"]["new"] == args.pages
    print("target met (re-crawl <= 20% of the first, zero new versions)" if ok else "TARGET MISSED", file=sys.stderr)
    return 0 if ok else 1


def _cpu() -> tuple[float, float]:
    """(CPU seconds of finished children: the crawl process; of this process: the fixture server's threads)."""
    children, own = resource.getrusage(resource.RUSAGE_CHILDREN), resource.getrusage(resource.RUSAGE_SELF)
    return children.ru_utime + children.ru_stime, own.ru_utime + own.ru_stime


def _cpu_since(before: tuple[float, float]) -> tuple[float, float]:
    """User + system CPU seconds since `before`: (the crawl child, the server): on a shared machine the
    steadier figure than wall time."""
    now = _cpu()
    return round(now[0] - before[0], 1), round(now[1] - before[1], 1)


def _versions(data: Path) -> int:
    """Stored versions in all: current records plus superseded versions."""
    engine = Engine(load_settings(data_dir=data))
    try:
        return sum(r.version for r in engine.export())
    finally:
        engine.close()


if __name__ == "__main__":
    sys.exit(main())
