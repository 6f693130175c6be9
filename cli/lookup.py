"""`gongkai lookup 文号或索引号`: the records with this 文号 or 索引号, typed any way (the API's /api/lookup).

An operator is read a 文号 over the phone or copies it from a scan: 厦府[2014]12号, 厦府2014年12号, 廈府〔2014〕12號,
xm00100-0200-2014-00012. Both readings are asked (gongkai.identifiers.typed_doc_number and
normalize_index_number, through Engine.lookup, the same call as the API), so the command never has to guess which
of the two was typed.
"""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from gongkai.cli.context import fail, state
from gongkai.identifiers import looks_like_doc_number, looks_like_index_number, normalize_index_number, typed_doc_number
from gongkai.record import Record

console = Console()


def _readings(typed: str) -> tuple[str | None, str | None]:
    """The 文号 and the 索引号 `typed` may be, canonical; None for a reading it cannot be (an 索引号 is no 文号). Text that
    looks like neither (a number of a form the patterns do not know) is asked as both."""
    doc_number, index_number = typed_doc_number(typed), normalize_index_number(typed)
    as_doc, as_index = looks_like_doc_number(doc_number), looks_like_index_number(typed)
    if not as_doc and not as_index:
        return doc_number, index_number
    return (doc_number if as_doc else None), (index_number if as_index else None)


def _found(doc_number: str | None, index_number: str | None) -> list[Record]:
    """Live records with this 文号, then those with this 索引号 (Engine.lookup: the API's call), once each."""
    engine = state.engine
    found = [*(engine.lookup(doc_number=doc_number) if doc_number else []), *(engine.lookup(index_number=index_number) if index_number else [])]
    return list({record.id: record for record in found if not record.withdrawn}.values())


def lookup(
    value: Annotated[list[str], typer.Argument(help="文号 or 索引号, any brackets, width, spaces or Traditional characters: 厦府2014年12号.")],
    as_json: Annotated[bool, typer.Option("--json", help="输出 JSON（与 /api/lookup 相同） / The /api/lookup answer: doc_number, index_number, count, records.")] = False,
) -> None:
    """按文号或索引号查找 / Find records by 文号 or 索引号, typed any way. Exit 1 when none has it."""
    typed = " ".join(value).strip()
    if not typed:
        raise fail("请提供文号或索引号 / give a 文号 or 索引号, e.g. gongkai lookup 厦府〔2014〕12号", 2)
    doc_number, index_number = _readings(typed)
    records = _found(doc_number, index_number)
    if as_json:
        answer = {"doc_number": doc_number, "index_number": index_number, "count": len(records),
                  "records": [json.loads(record.to_json()) for record in records]}
        sys.stdout.write(json.dumps(answer, ensure_ascii=False) + "\n")
    elif records:
        _print(records)
    else:
        asked = " or ".join(f"{label} {value}" for label, value in (("文号", doc_number), ("索引号", index_number)) if value)
        typer.echo(f"没有找到 / no record with {asked}", err=True)
    if not records:
        raise typer.Exit(1)


def _print(records: list[Record]) -> None:
    """One record a block, its id whole (what `gongkai show`, `withdraw` and `reparse` take)."""
    for record in records:
        console.print(f"[bold]{escape(record.id)}[/]  {escape(record.doc_number or '—')}  {escape(record.index_number or '—')}")
        console.print(f"  {escape(record.title)}  {escape(record.issuer)}  {record.publish_date or ''}")
    console.print(f"[dim]{len(records)} 条 records; gongkai show ID: the whole record[/]")
