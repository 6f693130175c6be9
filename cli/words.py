"""The operator's words, Chinese first and the English after (`新增 3 … / new: 3 …`, a header `作业` over `job`), for
the summaries and tables of `gongkai ingest`, `crawl`, `jobs`, `status`, `sources` and `alerts` (they were English only
while the feeds' and the quarantine's were Chinese first). `--json` outputs never use them: scripts read the English keys."""

from __future__ import annotations

from collections.abc import Mapping

#: a run's outcome (gongkai.ops.jobs): what the scheduler's clerk reads
OUTCOMES = {"ok": "成功", "failed": "失败", "lost": "中断丢失", "missed": "错过", "interrupted": "已停止", "running": "运行中",
            "skipped": "跳过"}
#: counts of runs and reports, by their English key
COUNTS = {
    "new": "新增", "updated": "更新", "changed": "变更", "unchanged": "未变", "quarantined": "隔离", "errors": "错误",
    "withheld": "仍下架", "withdrawn": "撤下", "files": "文件", "waiting": "等待", "recovered": "恢复", "sent": "发送",
    "failed": "失败", "skipped": "跳过", "gone": "已删除", "not_modified": "未更新", "pages": "页面", "records": "记录",
    # gongkai reparse's (review18)
    "without a kept capture or withdrawn": "无原始文件或已撤下", "left (no site definition)": "未重新解析（找不到站点定义）",
}


def header(chinese: str, english: str) -> str:
    """A table header of two lines, the Chinese over the English."""
    return f"{chinese}\n{english}"


def outcome(word: str, sep: str = " ") -> str:
    """`成功 ok`; a word no table knows stays as it is."""
    chinese = OUTCOMES.get(word)
    return f"{chinese}{sep}{word}" if chinese else word


def counts(values: Mapping[str, object], english_sep: str = ": ") -> str:
    """`新增 3  更新 0 / new: 3  updated: 0` (the English as it was written before, so a script's grep still finds it)."""
    chinese = "  ".join(f"{COUNTS.get(k, k)} {v}" for k, v in values.items())
    english = "  ".join(f"{k}{english_sep}{v}" for k, v in values.items())
    return f"{chinese} / {english}"
