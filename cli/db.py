"""`gongkai db current|upgrade|revision`: the database's schema revision (Alembic), through the schema
sub-facade (gongkai/facades/schema.py), which needs the settings only: no engine opens the store first."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.markup import escape

from gongkai.cli.context import fail, state
from gongkai.errors import StoreError
from gongkai.facades.schema import BackupRefused, DatabaseURLError

if TYPE_CHECKING:
    from gongkai.facades.schema import Schema, SchemaStatus

app = typer.Typer(help="数据库结构 / The database's schema: which revision it is at, upgrading it; restoring a backup.", no_args_is_help=True)
console = Console()


def _schema() -> Schema:
    # Not through state.engine: opening the store upgrades on its own, and these commands must look first.
    return state.facades.schema


def _refused(exc: StoreError) -> typer.Exit:
    return fail(str(exc), 2 if isinstance(exc, DatabaseURLError) else 1)


#: Each schema state said Chinese first (the English describe() after it, and alone in --json's "message")
_STATE_ZH = {
    "empty": "空数据库，打开时即建好全部表",
    "unversioned": "早期的数据库，没有版本号，gongkai db upgrade 可升级",
    "behind": "数据库版本落后，gongkai db upgrade 可升级",
    "current": "数据库已是最新版本",
    "ahead": "数据库版本比本程序新：请安装较新的 gongkai",
}


def _show(found: SchemaStatus, as_json: bool, **extra: object) -> None:
    if as_json:
        sys.stdout.write(json.dumps({**found.as_dict(), **extra}, ensure_ascii=False) + "\n")
    else:
        console.print(escape(f"{_STATE_ZH[found.state]}（版本 {found.current or '无'}，本程序最新 {found.head}） / {found.describe()}"))


@app.command("current")
def current(as_json: Annotated[bool, typer.Option("--json", help="输出 JSON / as JSON")] = False) -> None:
    """数据库版本 / The schema revision of the database and this gongkai's newest; exit 1 when the database is ahead of it."""
    try:
        found = _schema().status()
    except StoreError as exc:
        raise _refused(exc) from None
    _show(found, as_json)
    if found.state == "ahead":
        raise typer.Exit(1)


@app.command("upgrade")
def upgrade_command(as_json: Annotated[bool, typer.Option("--json", help="输出 JSON / as JSON")] = False) -> None:
    """升级数据库 / Bring the database to this gongkai's newest schema revision (what opening it does on its own); refused,
    exit 1, when the database is ahead. Back it up first (SQLite: `gongkai jobs run maintenance` makes an online
    backup in data_dir/backups; PostgreSQL: pg_dump)."""
    try:
        before, after = _schema().upgrade()
    except StoreError as exc:
        raise _refused(exc) from None
    if as_json:
        _show(after, True, before=before.current, before_state=before.state)
    elif before.state == "current":
        console.print(f"已是最新版本 {escape(after.current or '')}，无需升级 / already at revision {escape(after.current or '')}: nothing to do")
    else:
        console.print(f"已升级：{escape(before.current or '无版本')} → {escape(after.current or '')} / upgraded from "
                      f"{escape(before.current or '(' + before.state + ')')} to {escape(after.current or '')}")


@app.command("revision")
def revision(message: Annotated[str, typer.Argument(help="迁移的简短说明 / What the migration does, in a few words.")]) -> None:
    """生成迁移脚本（开发用） / For developers: write a migration script from the difference between the tables in store/schema*.py and
    this (current) database, into gongkai/store/migrations/versions/. Read and edit it before committing."""
    try:
        revision_id, path = _schema().new_revision(message)
    except StoreError as exc:
        raise _refused(exc) from None
    console.print(f"wrote {escape(path)}\nnow set HEAD_REVISION = {revision_id!r} in gongkai/store/migrate.py")


@app.command("restore")
def restore_command(
    backup: Annotated[Path, typer.Argument(help="备份文件 / A backup file (data_dir/backups/gongkai-….sqlite3).")],
    as_json: Annotated[bool, typer.Option("--json", help="输出 JSON / as JSON")] = False,
) -> None:
    """从备份恢复 / Put a backup into the store (SQLite) and rebuild the index from it. The database it replaces is kept as
    data_dir/backups/replaced-….sqlite3. Stop the servers and the scheduler first; other nodes run gongkai reindex."""
    try:
        replaced = _schema().restore(backup)
    except StoreError as exc:
        raise fail(str(exc), 2 if isinstance(exc, (BackupRefused, DatabaseURLError)) else 1) from None
    # the index may hold records the backup does not, and the restored sequence numbers run below its watermark:
    # without a rebuild, records stored after the restore were never searchable
    count = state.engine.reindex()
    if as_json:
        sys.stdout.write(json.dumps({"restored": str(backup), "replaced_kept_as": str(replaced) if replaced else None,
                                     "indexed": count}, ensure_ascii=False) + "\n")
        return
    console.print(f"已从备份恢复 / restored {escape(str(backup))}" + (f"；被替换的数据库保存在 / the replaced database is kept as "
                                                                   f"{escape(str(replaced))}" if replaced else ""))
    console.print(f"索引已重建，可检索 {count} 条 / index rebuilt: {count} searchable records")
