"""Parse throughput with parse_many over the machine's cores: HTML pages/s, PDF pages/s, DOCX files/s.

    python bench/parse_throughput.py                 # all cores, default rounds
    python bench/parse_throughput.py --workers 1     # one worker, for comparison
    python bench/parse_throughput.py --rounds 5 --skip-civil-code

Inputs are the real documents of ../shared/corpus: the 40 gov.cn HTML pages plus the two full
government pages (HTML), the 5 gov.cn PDFs and the 231-page Civil Code (PDF), the 5 gov.cn DOCX.
Each set is repeated --rounds times so that a run lasts long enough to measure.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import time
from pathlib import Path

from gongkai.parsers import Capture, ParseError, parse_many
from gongkai.settings import ParserSettings

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"


def pdf_pages(data: bytes) -> int:
    from pdfminer.pdfpage import PDFPage

    return sum(1 for _ in PDFPage.get_pages(io.BytesIO(data)))


def run(label: str, captures: list[Capture], units: int, unit: str, workers: int, timeout: float) -> dict:
    settings = ParserSettings(timeout_seconds=timeout)
    started = time.perf_counter()
    failures = [result for _, result in parse_many(captures, settings, workers=workers) if isinstance(result, ParseError)]
    seconds = time.perf_counter() - started
    rate = units / seconds if seconds else float("inf")
    print(f"{label:6} {len(captures):5d} files {units:6d} {unit:6} {seconds:7.2f} s  {rate:8.1f} {unit}/s"
          + (f"  ({len(failures)} failed: {failures[0].reason})" if failures else ""))
    return {"label": label, "files": len(captures), "units": units, "seconds": seconds, "rate": rate}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=0, help="0: one per core (default)")
    parser.add_argument("--rounds", type=int, default=3, help="repeat each input set this many times")
    parser.add_argument("--skip-civil-code", action="store_true", help="leave the 231-page PDF out (it dominates)")
    parser.add_argument("--timeout", type=float, default=300.0)
    args = parser.parse_args()
    if not CORPUS.is_dir():
        print(f"corpus not found at {CORPUS}", file=sys.stderr)
        return 2
    html = sorted((CORPUS / "govcn_state_council_policies" / "html").glob("*.html"))
    html += sorted((CORPUS / "gov_fullpage_html").glob("*.html"))
    files = sorted((CORPUS / "pdf_docx" / "govcn_as_files").iterdir())
    pdfs = [f for f in files if f.suffix == ".pdf"]
    if not args.skip_civil_code:
        pdfs.append(CORPUS / "pdf_docx" / "中华人民共和国民法典.pdf")
    docxs = [f for f in files if f.suffix == ".docx"]

    def captures(paths: list[Path]) -> list[Capture]:
        return [Capture.from_path(p) for p in paths] * args.rounds

    workers = args.workers or os.cpu_count() or 1
    print(f"parse_many with {workers} worker process(es), {args.rounds} round(s) per set")
    html_caps = captures(html)
    run("HTML", html_caps, len(html_caps), "pages", args.workers, args.timeout)
    pdf_caps = captures(pdfs)
    run("PDF", pdf_caps, sum(pdf_pages(c.data) for c in pdf_caps), "pages", args.workers, args.timeout)
    docx_caps = captures(docxs)
    run("DOCX", docx_caps, len(docx_caps), "files", args.workers, args.timeout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
