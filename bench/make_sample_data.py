"""Write the demo data set `gongkai/data/sample_records.jsonl` (what `gongkai demo` loads).

    python bench/make_sample_data.py            # 400 records: 250 disclosures (one is 厦府〔2014〕12号), 150 notices
    python bench/make_sample_data.py --n 40 --out /tmp/small.jsonl

Deterministic: the same seed writes the same bytes, so the committed file can be regenerated and diffed.
The last line is a pinned example document, 厦府〔2014〕12号 (索引号 XM00100-0200-2014-00012).
Each line carries its `id` (as `gongkai.record.Record` derives it) so the demo's links are stable.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))  # run as a script: corpus_gen sits next to it

from corpus_gen import CorpusGenerator, write_jsonl

from gongkai.record import Record

DEFAULT_OUT = Path(__file__).resolve().parents[1] / "gongkai" / "data" / "sample_records.jsonl"
DEFAULT_SEED = 20140506


def with_ids(records: Iterator[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Validate each record and put the id the Record derives (from 索引号 or URL) first in the line."""
    for raw in records:
        record = Record.model_validate(raw)
        yield {"id": record.id, **raw}


def sample_records(generator: CorpusGenerator, n: int) -> Iterator[dict[str, Any]]:
    """n records: n random ones, of which the last disclosure gives way to a pinned example document.

    The pinned one (厦府〔2014〕12号, the example of the docs and of `gongkai demo`) is generated after the
    random ones and written last, so the other records are exactly what the seed gives without it: tests of
    other areas rely on particular notices among them, on their order and on the count.
    """
    records = list(generator.records(n))
    if generator.serial_taken("厦府", 2014, 12) or generator.index_serial_taken("XM00100", 2014, 12):
        raise ValueError("the random records already use 厦府〔2014〕12号 or its 索引号: choose another seed")
    last_disclosure = max(i for i, record in enumerate(records) if record["kind"] == "disclosure")
    del records[last_disclosure]
    records.append(generator.disclosure(agency_name="厦门市人民政府", topic="国民经济管理、国有资产监管",
                                        written=date(2014, 5, 6), doc_serial=12, index_serial=12))
    yield from records


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=400, help="number of records (default 400)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    generator = CorpusGenerator(seed=args.seed, disclosure_share=0.625, body_chars=(300, 860))
    count = write_jsonl(with_ids(sample_records(generator, args.n)), args.out)
    size_kb = args.out.stat().st_size / 1024
    print(f"wrote {count} records ({size_kb:.0f} KiB) to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
