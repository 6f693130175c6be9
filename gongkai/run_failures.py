"""Why a whole run failed, said Chinese first for the operator (`中文 / English`), as the quarantine's reasons are.

A job's run that fails as a whole (`gongkai inbox process`, `gongkai poll`, `gongkai jobs run`) keeps its message in
the English its exception wrote (`StoreError: … database or disk is full`, `job 'inbox' is already running (…)`):
the job history stores it and scripts match it. Where a person reads it, it is said with the Chinese first, and what
happened to the run's inputs. One table of patterns; the first that matches says it.
"""

from __future__ import annotations

import re

#: (pattern searched in the English message, Chinese). Order matters: the first wins.
PATTERNS: tuple[tuple[str, str], ...] = (
    (r"stopped on request|aborted by the operator", "运行已按请求中止（已提交的部分保留）"),
    (r"database or disk is full|No space left on device|\[Errno 28\]|DiskFull",
     "磁盘已满，本次运行整体失败；腾出空间后再运行（已入库的记录不会重复）"),
    (r"job '([^']+)' is already running", "任务 {1} 正在运行，本次未启动；请等它结束后再运行（gongkai jobs history {1}）"),
    (r"sync push is already running", "同步推送正在运行，本次未启动；请等它结束后再运行"),
    (r"database is locked", "数据库被其他进程占用，本次运行失败；请稍后再试"),
    (r"Permission denied|\[Errno 13\]|Operation not permitted", "没有读写权限，本次运行失败；请检查数据目录和收件箱的权限"),
    (r"could not connect|Connection refused|server closed the connection|OperationalError",
     "数据库无法连接，本次运行失败"),
    (r"Read-only file system|\[Errno 30\]", "文件系统只读，本次运行失败"),
)
_COMPILED = tuple((re.compile(pattern), chinese) for pattern, chinese in PATTERNS)


def run_failure_chinese(message: str) -> str:
    """What the operator reads first: the Chinese for `message`, or a general one."""
    for pattern, chinese in _COMPILED:
        found = pattern.search(message)
        if found:
            return chinese.format(found[0], *found.groups())
    return "本次运行整体失败"


#: what a failed pick-up of the drop folder did with its files (feeds/inbox.py: InboxRun.session puts them back)
INBOX_FILES_PUT_BACK = "已取走的文件都已放回收件箱，下次运行重新读取"


def said_chinese_first(message: str, inbox: bool = False, english: str | None = None) -> str:
    """`message` (English, as stored) after its Chinese: `中文 / English` (`english`: the English to show, default the
    message); `inbox`: a pick-up that failed, whose claimed files went back to the drop folder (not said of a run that
    never started: a busy job)."""
    chinese = run_failure_chinese(message)
    if inbox and "正在运行" not in chinese:
        chinese += "；" + INBOX_FILES_PUT_BACK
    return f"{chinese} / {message if english is None else english}"
