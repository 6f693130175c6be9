"""What every command shares: the settings (from --data-dir / GONGKAI_* / gongkai.toml) and the engine."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import typer

from gongkai.dates import parse_date
from gongkai.engine import Engine
from gongkai.errors import StoreError
from gongkai.facades import Facades
from gongkai.settings import Settings, SettingsError, load_settings

#: Commands that only read: on a data directory that does not exist they refuse instead of making an empty one
#: (`gongkai --data-dir /srv/gongkia status`, a typo, said "records: 0" and left the folder behind).
READ_ONLY_COMMANDS = frozenset({"status", "search", "show", "lookup", "export", "stats", "graph", "outages",
                                # and those that change what is stored only (a record by its id): nothing there to change
                                # (doors3, session 12: `gongkai --data-dir /srv/gongkia withdraw ID` made an empty store)
                                "withdraw", "reparse"})
#: The same for commands of a group, by their path (doors2, session 11: `gongkai --data-dir /srv/gongkia quarantine list`
#: made an empty store there and listed nothing; so did `tokens list`, `jobs history`, `sync status` …). A group's
#: command is not known when the app's callback runs: each group's callback (group_reads_only) marks it.
READ_ONLY_GROUP_COMMANDS = frozenset({
    "quarantine list", "quarantine retry", "tokens list", "sync status", "jobs list", "jobs history", "jobs show",
    "alerts list", "sources list", "sources show", "sources status", "db current", "inbox prune",
    # those that act on what is stored only (an entry, a token, an alert by its id; doors3, session 12: each made an empty
    # store at a mistyped --data-dir, then said the id was not there); `crawl history` is marked by cli/crawl.py
    "quarantine resolve", "tokens revoke", "alerts remove", "alerts retry", "sync retry", "jobs stop", "validity set",
    "crawl history",
})


@dataclass
class CliState:
    data_dir: Path | None = None
    reads_only: bool = False  # the command run is one of READ_ONLY_COMMANDS (cli/main.py's callback; reset when it ends)
    _settings: Settings | None = field(default=None, repr=False)
    _engine: Engine | None = field(default=None, repr=False)

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            try:
                self._settings = load_settings(data_dir=self.data_dir)
            except SettingsError as exc:
                typer.secho(f"error: {exc}", err=True, fg="red")
                raise typer.Exit(2) from None
        return self._settings

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            if self.reads_only:
                self.refuse_a_missing_data_dir()
            try:
                engine = Engine(self.settings)
                _ = engine.store  # opened now: a database behind is upgraded, one ahead is refused, before any work
                self._engine = engine
            except StoreError as exc:  # e.g. a database newer than this gongkai: say so, no traceback
                typer.secho(f"error: {exc}", err=True, fg="red")
                raise typer.Exit(1) from None
            except OSError as exc:  # the data directory is a file, or cannot be made: a bad setting, said in one line
                where = self.settings.data_dir
                why = "it is a file, not a folder" if where.exists() and not where.is_dir() else exc.strerror or str(exc)
                typer.secho(f"error: cannot use the data directory {where}: {why} (--data-dir, GONGKAI_DATA_DIR or data_dir "
                            "in gongkai.toml)", err=True, fg="red")
                raise typer.Exit(2) from None
        return self._engine

    def refuse_a_missing_data_dir(self) -> None:
        """For READ_ONLY_COMMANDS, before the store is opened: no data directory, no store (and none made)."""
        where = self.settings.data_dir
        if not self.settings.database_url and not where.exists():
            typer.secho(f"error: 数据目录不存在 / no data directory at {where}: nothing is stored there (a typo in --data-dir, "
                        "GONGKAI_DATA_DIR or data_dir? the first run: gongkai demo, or gongkai ingest FILE)", err=True, fg="red")
            raise typer.Exit(2)

    @property
    def facades(self) -> Facades:
        """Jobs, status, crawls, alerts, feeds (issue 17): the engine is opened only by a call that needs it.
        Made on each use (cheap): the settings and the engine may be reset between commands (tests do). A read-only
        command refuses a missing data directory here too: the jobs' and schema's facades open the database themselves."""
        if self._engine is None and self.reads_only:
            self.refuse_a_missing_data_dir()
        return Facades(self.settings, lambda: self.engine)


state = CliState()


def group_reads_only(ctx: typer.Context) -> None:
    # The callback of every command group (cli/main.py): its command, one of READ_ONLY_GROUP_COMMANDS, only reads.
    # (No docstring: a callback's would stand for the group's help.) Reset when the command ends (main's callback).
    if f"{ctx.info_name} {ctx.invoked_subcommand}" in READ_ONLY_GROUP_COMMANDS:
        state.reads_only = True


def day_option(value: str | None, name: str) -> date | None:
    """A date option (2014-05-06, 2014年5月6日, 二〇一四年五月六日 …); a bad one exits 2 naming the option."""
    try:
        return parse_date(value) if value else None
    except ValueError as exc:
        raise fail(f"{name}: {exc}", 2) from None


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print a clear error and return the Exit to raise."""
    typer.secho(f"error: {message}", err=True, fg="red")
    return typer.Exit(code)


def json_value(value: object) -> str:
    """`json.dumps`' default for every --json of the CLI: a time as ISO 8601 with its T and offset
    (2026-12-06T07:56:13.558104+00:00), as `gongkai jobs` and the API write them (str() gave a space, which
    JavaScript's Date and strict ISO readers refuse); anything else as its text."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)

