"""`gongkai index follow`: keep this data directory's index in step with a shared store (issue 20).

Registered by cli/main.py: app.add_typer(follow.index_app, name="index"). `gongkai serve` runs the same
follower in its process (setting index.follow); this command is for a node that indexes without serving.
"""

from __future__ import annotations

import json
import signal
from typing import Annotated, Any

import typer

from gongkai.cli.context import state

index_app = typer.Typer(help="本机的搜索索引 / This node's search index.", no_args_is_help=True)


@index_app.command("follow")
def follow(
    once: Annotated[bool, typer.Option("--once", help="只执行一轮后退出 / One round (build or catch up), then exit.")] = False,
    interval: Annotated[float | None, typer.Option(min=0.05, help="每轮间隔秒数 / Seconds between rounds (default: index.follow_interval_seconds).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="与 --once 同用：输出 JSON / With --once: the round as JSON.")] = False,
) -> None:
    """跟随数据库更新索引 / Follow the store's change feed: index every change within the interval (PostgreSQL NOTIFY wakes it at once)."""
    from gongkai.follow import Follower, follow_once

    engine = state.engine
    if once:
        done = follow_once(engine)
        if as_json:
            typer.echo(json.dumps(done.__dict__))
        else:
            typer.echo(f"indexed {done.indexed}{' (built from the store)' if done.built else ''}"
                       f"{', skipped: another writer is indexing' if done.skipped else ''}; watermark {done.watermark}")
        return
    follower = Follower(engine, interval)

    def on_signal(_signum: int, _frame: Any) -> None:
        follower.stop(timeout=0)

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    typer.echo(f"following the store every {follower.interval:g} s (Ctrl+C stops)", err=True)
    follower.run_forever()
