"""Many-row INSERTs, and IN-list SELECTs, at the driver's speed, still portable.

`conn.execute(insert(table), list_of_dicts)` spends about 10 µs a row in SQLAlchemy (parameters
rebuilt and processed row by row, key by key). Here the INSERT is compiled once per dialect, the
values go through the same bind processors the columns would use (DateTime → text on SQLite,
Boolean → 0/1), and the rows go to the driver's executemany as they are.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import date
from functools import lru_cache
from itertools import repeat
from operator import is_, itemgetter
from typing import Any

from sqlalchemy import Column, Table, Text, bindparam, cast, insert
from sqlalchemy.dialects import sqlite
from sqlalchemy.engine import Connection, Dialect

_Processor = Callable[[Any], Any]
#: values in one IN list of select_in (well under every database's limit on bound parameters)
_IN_CHUNK = 500


def bulk_insert(
    conn: Connection, table: Table, columns: tuple[str, ...], rows: Sequence[tuple[Any, ...]], utf8_text: tuple[str, ...] = ()
) -> None:
    """INSERT `rows` (tuples of values in `columns` order) into `table` in one executemany.

    `utf8_text`: text columns whose values come as UTF-8 bytes (a record's stored JSON, made as bytes). SQLite stores
    them as they are, `CAST(? AS TEXT)` (the database's encoding is UTF-8: the same text, the same bytes on disk);
    decoding them to str only for the driver to encode them again cost 0.29 -> 0.18 s of the records' inserts for
    20,000 bench records. Other databases get them decoded."""
    if not rows:
        return
    if utf8_text and conn.dialect.name != "sqlite":
        at = [columns.index(name) for name in utf8_text]
        rows = [tuple(value.decode("utf-8") if i in at else value for i, value in enumerate(row)) for row in rows]
        utf8_text = ()
    sql, order, processors, names = _compiled(conn.dialect, table, columns, utf8_text)
    if processors:
        rows = _processed(rows, processors)
    if names is None:
        # itemgetter picks a row's values in C (a generator over the ten values of an edge row cost ~2 µs)
        params: Sequence[Any] = rows if order is None else list(map(itemgetter(*order), rows)) if len(order) > 1 else [(row[order[0]],) for row in rows]
    else:
        params = [dict(zip(names, row)) for row in rows]
    conn.exec_driver_sql(sql, params)


@lru_cache(maxsize=32)
def _compiled(
    dialect: Dialect, table: Table, columns: tuple[str, ...], utf8_text: tuple[str, ...] = ()
) -> tuple[str, tuple[int, ...] | None, tuple[tuple[int, _Processor], ...], tuple[str, ...] | None]:
    """(SQL, the order of the values if the dialect's placeholders are positional and differ from
    `columns`, (index, processor) of the columns that have one, the names if placeholders are named)."""
    values = {name: cast(bindparam(name), Text) if name in utf8_text else bindparam(name) for name in columns}
    compiled = insert(table).values(values).compile(dialect=dialect)
    processors = []
    for position, name in enumerate(columns):
        if name in utf8_text:
            continue  # bytes as they are (a Text processor, if any, would take str)
        impl = table.c[name].type.dialect_impl(dialect)
        processor = impl.bind_processor(dialect)
        if processor is not None:
            processors.append((position, _fast_date(processor) if _iso_dates(impl) else processor))
    if compiled.positional:
        positions = tuple(columns.index(name) for name in compiled.positiontup or ())
        order = None if positions == tuple(range(len(columns))) else positions
        return str(compiled), order, tuple(processors), None
    return str(compiled), None, tuple(processors), columns


def _iso_dates(impl: Any) -> bool:
    """Whether a column's bind processor writes a date as date.isoformat() does: SQLite's DATE in its default storage
    format (%(year)04d-%(month)02d-%(day)02d, which isoformat writes for every year 1-9999)."""
    return isinstance(impl, sqlite.DATE) and getattr(impl, "_storage_format", None) == _SQLITE_DATE_FORMAT


_SQLITE_DATE_FORMAT = "%(year)04d-%(month)02d-%(day)02d"


def _fast_date(processor: _Processor) -> _Processor:
    """The DATE processor with a plain date written by date.isoformat() (~0.2 µs, in C) instead of SQLAlchemy's dict and
    %-format (~1 µs): a store batch writes four or five dates a record (validity_docs, validity_edges). Anything else
    (a datetime, a wrong type and its TypeError) goes to SQLAlchemy's processor as before; None stays None, as there."""

    def process(value: Any) -> Any:
        return value.isoformat() if type(value) is date else None if value is None else processor(value)

    return process


def _processed(rows: Sequence[tuple[Any, ...]], processors: tuple[tuple[int, _Processor], ...]) -> list[tuple[Any, ...]]:
    # Column by column (zip transposes in C, map calls the processor without a Python loop around it): a row at a
    # time, the loop itself cost more than the processors. A batch's rows share their timestamps (one `now`): a
    # column holding one object throughout is converted once.
    columns: list[Sequence[Any]] = list(zip(*rows))
    for position, processor in processors:
        column = columns[position]
        first = column[0]
        if all(map(is_, column, repeat(first))):
            columns[position] = [processor(first)] * len(column)
        else:
            columns[position] = list(map(processor, column))
    return list(zip(*columns))


def select_in(conn: Connection, columns: tuple[Column, ...], *conditions: tuple[Column, Sequence[Any]], also: str = "") -> list[tuple]:
    """Rows of `columns` (of one table) where any of `conditions` (column IN values) holds, and `also` (SQL),
    through the driver: SQLAlchemy's select(...).where(col.in_(...)) took about 560 µs a query of 400 keys (the
    statement built, its cache key made, the IN list expanded) where the driver takes 150, and resolution sends a
    few such queries every batch. Chunked at _IN_CHUNK values a query; the values come back as the columns' types
    would give them (a SQLite DATE as a date)."""
    dialect = conn.dialect
    head, processors = _select_head(dialect, columns)
    mark = "?" if dialect.paramstyle == "qmark" else "%s"
    pairs = [(column, value) for column, values in conditions for value in values]
    out: list[tuple] = []
    for start in range(0, len(pairs), _IN_CHUNK):
        part = pairs[start:start + _IN_CHUNK]
        grouped: dict[Column, list[Any]] = defaultdict(list)
        for column, value in part:
            grouped[column].append(value)
        where = " OR ".join(f"{dialect.identifier_preparer.format_column(column)} IN ({', '.join([mark] * len(values))})"
                            for column, values in grouped.items())
        sql = f"{head} WHERE ({where}){' AND ' + also if also else ''}"
        rows = conn.exec_driver_sql(sql, tuple(value for values in grouped.values() for value in values)).fetchall()
        if processors and rows:
            # column by column, as _processed: a generator and a tuple a row cost more than the conversions
            values: list[Sequence[Any]] = list(zip(*rows))
            for i, f in enumerate(processors):
                if f is not None:
                    values[i] = [value if value is None else f(value) for value in values[i]]
            out.extend(zip(*values))
        else:
            out.extend(tuple(row) for row in rows)
    return out


@lru_cache(maxsize=32)
def _select_head(dialect: Dialect, columns: tuple[Column, ...]) -> tuple[str, tuple[Any, ...] | None]:
    """'SELECT a, b FROM t' for the dialect, and each column's result processor (None when none has one)."""
    preparer = dialect.identifier_preparer
    table = columns[0].table
    head = f"SELECT {', '.join(preparer.format_column(c) for c in columns)} FROM {preparer.format_table(table)}"
    processors = tuple(c.type.dialect_impl(dialect).result_processor(dialect, None) for c in columns)
    return head, processors if any(processors) else None
