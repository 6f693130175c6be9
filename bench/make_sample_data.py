"""Write the demo data set `gongkai/data/sample_records.jsonl` (what `gongkai demo` loads).

    python bench/make_sample_data.py            # 400 records: 250 disclosures, 150 notices (厦府〔2014〕12号 first)
    python bench/make_sample_data.py --n 40 --out /tmp/small.jsonl

Deterministic: the same seed writes the same bytes, so the committed file can be regenerated and diffed.
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

from corpus_gen import CorpusGenerator, write_jsonl  # noqa: E402

from gongkai.record import Record  # noqa: E402

DEFAULT_OUT = Path(__file__).resolve().parents[1] / "gongkai" / "data" / "sample_records.jsonl"
DEFAULT_SEED = 20140506


def with_ids(records: Iterator[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Validate each record and put the id the Record derives (from 索引号 or URL) first in the line."""
    for raw in records:
        record = Record.model_validate(raw)
        yield {"id": record.id, **raw}


def sample_records(generator: CorpusGenerator, n: int) -> Iterator[dict[str, Any]]:
    """One pinned document that docs and `gongkai demo` use as their example, then n-1 random records."""
    # Generated first, so that later 厦府 2014 numbers continue above 12 and never repeat it.
    yield generator.disclosure(agency_name="厦门市人民政府", topic="国民经济管理、国有资产监管",
                               written=date(2014, 5, 6), doc_serial=12, index_serial=12)
    yield from generator.records(n - 1)


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
