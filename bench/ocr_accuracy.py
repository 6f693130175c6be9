"""OCR accuracy on real documents (issue 21): the PDFs of ../shared/corpus/pdf_docx/govcn_as_files/ (and pages
of the Civil Code PDF) rendered to images, rebuilt as image-only PDFs (no text layer), parsed by gongkai, and
compared with their own text layer.

    .venv/bin/python bench/ocr_accuracy.py                    # 150 and 300 dpi, every govcn page, Civil Code pages 1, 21, 101
    .venv/bin/python bench/ocr_accuracy.py --dpi 300 --max-pages 2 --workers 2
    .venv/bin/python bench/ocr_accuracy.py --scans /tmp/ocr2/scans --workers 2   # held-out scans (tests/fixtures/ocr_scans/make_scans.py)

Reports per resolution: character error rate (Levenshtein distance / true length, after NFKC and with
whitespace dropped, so punctuation width and line breaks do not count), 文号/发文机关/成文日期 found as in the
corpus's index.jsonl (and, beside it, as gongkai finds them in the original text-layer PDF), the share of
4-character phrases of the true text that search finds in its document, and pages per second of the
whole parse (render + OCR) over --workers parser processes. The scans are made at --dpi; gongkai renders
their pages for OCR at parsers.ocr.dpi (300) unless --render-dpi. Writes bench/results/ocr_accuracy-DPIS.json.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from gongkai.dates import parse_date
from gongkai.parsers import Capture, parse, parse_many
from gongkai.settings import load_settings

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "pdf_docx"
GOVCN = CORPUS / "govcn_as_files"
CIVIL_CODE = CORPUS / "中华人民共和国民法典.pdf"
RESULTS = Path(__file__).resolve().parent / "results"


def page_texts(data: bytes, pages: list[int]) -> list[str]:
    from pdfminer.high_level import extract_text

    return [extract_text(io.BytesIO(data), page_numbers=[p]) for p in pages]


def image_only_pdf(data: bytes, pages: list[int], dpi: int, skew: float = 0.0) -> bytes:
    """The pages rendered at dpi and saved as a PDF of images, as a scanner would make it; with `skew`, each page
    turned by that many degrees, every other page the other way (a sheet fed crooked, a photographed page)."""
    import pypdfium2
    from PIL import Image

    pdf = pypdfium2.PdfDocument(data)
    try:
        images = [pdf[p].render(scale=dpi / 72, grayscale=True).to_pil() for p in pages]
    finally:
        pdf.close()
    if skew:
        images = [image.rotate(skew if n % 2 == 0 else -skew, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
                  for n, image in enumerate(images)]
    out = io.BytesIO()
    images[0].save(out, format="PDF", resolution=dpi, save_all=True, append_images=images[1:])
    return out.getvalue()


def normal(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def cer(truth: str, ocr: str) -> tuple[int, int]:
    a, b = normal(truth), normal(ocr)
    return levenshtein(a, b), len(a)


def levenshtein(a: str, b: str) -> int:
    """Edit distance (insertions, deletions, substitutions): rapidfuzz's when it is installed (pyproject lists it),
    else the same distance row by row in Python (a page's 1,000 characters in about a second)."""
    try:
        from rapidfuzz.distance import Levenshtein
    except ImportError:
        pass
    else:
        return int(Levenshtein.distance(a, b))
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def phrases(text: str, count: int = 5) -> list[str]:
    """Up to `count` 4-Han-character phrases spread over the true text."""
    han = [i for i in range(len(text) - 3) if all("\u4e00" <= ch <= "\u9fff" for ch in text[i : i + 4])]
    if not han:
        return []
    step = max(1, len(han) // count)
    return list(dict.fromkeys(text[han[i] : han[i] + 4] for i in range(0, len(han), step)))[:count]


def documents(max_pages: int, civil_pages: list[int]) -> list[dict]:
    index = {json.loads(line)["file"]: json.loads(line) for line in (GOVCN / "index.jsonl").read_text("utf-8").splitlines() if line.strip()}
    import pypdfium2

    docs = []
    for path in sorted(GOVCN.glob("*.pdf")):
        data = path.read_bytes()
        count = len(pypdfium2.PdfDocument(data))
        docs.append({"name": path.name, "data": data, "pages": list(range(min(count, max_pages))), "expect": index.get(path.name)})
    if civil_pages and CIVIL_CODE.is_file():
        docs.append({"name": CIVIL_CODE.name, "data": CIVIL_CODE.read_bytes(), "pages": [p - 1 for p in civil_pages], "expect": None})
    return docs


def field_hits(record, expect: dict) -> dict[str, bool]:
    return {
        "doc_number": record.doc_number == expect["doc_number"],
        "issuer": record.issuer == expect["issuer"],
        "written_date": record.written_date == parse_date(expect["written_date"]),
    }


def run(dpi: int, docs: list[dict], workers: int, tmp: Path, render_dpi: int | None = None, skew: float = 0.0,
        max_skew: float | None = None) -> dict:
    from gongkai.engine import Engine
    from gongkai.indexer.models import SearchRequest

    settings = load_settings(data_dir=tmp / f"data-{dpi}-{skew}-{max_skew}")
    if max_skew is not None:
        settings.parsers.ocr.max_skew_degrees = max_skew
    # The scan's resolution is what varies; gongkai renders every scanned page at its own parsers.ocr.dpi (300).
    if render_dpi:
        settings.parsers.ocr.dpi = render_dpi
    settings.parsers.timeout_seconds = 3600  # measured, not limited
    settings.parsers.ocr.page_timeout_seconds = 600
    captures = [Capture(data=image_only_pdf(d["data"], d["pages"], dpi, skew), filename=f"scan-{dpi}-{d['name']}") for d in docs]
    by_name = {c.filename: d for c, d in zip(captures, docs)}
    started = time.monotonic()
    results = list(parse_many(captures, settings.parsers, workers=workers))
    seconds = time.monotonic() - started
    pages = sum(len(d["pages"]) for d in docs)
    rows, errors, total, fields, baseline, found, asked = [], 0, 0, {}, {}, 0, 0
    engine = Engine(settings)
    try:
        records = []
        for capture, record in results:
            doc = by_name[capture.filename]
            if not hasattr(record, "body"):
                rows.append({"document": doc["name"], "error": str(record)})
                continue
            records.append(record)
            truth = "".join(page_texts(doc["data"], doc["pages"]))
            dist, length = cer(truth, record.body)
            errors, total = errors + dist, total + length
            row = {"document": doc["name"], "pages": len(doc["pages"]), "cer": round(dist / max(length, 1), 4),
                   "mean_confidence": record.ocr.mean_confidence if record.ocr and record.ocr != "unavailable" else None,
                   "doc_number": record.doc_number, "issuer": record.issuer, "written_date": str(record.written_date or "")}
            if doc["expect"]:
                hits = field_hits(record, doc["expect"])
                text_layer = parse(Capture(data=doc["data"], filename=doc["name"]), settings.parsers)
                base = field_hits(text_layer, doc["expect"])
                row["fields"] = hits
                for key in hits:
                    fields[key] = fields.get(key, 0) + hits[key]
                    baseline[key] = baseline.get(key, 0) + base[key]
            row["phrases"] = phrases(truth)
            row["record_id"] = record.id
            rows.append(row)
        engine.ingest_records(records)
        for row in rows:
            for phrase in row.get("phrases", []):
                asked += 1
                hit_ids = [h.id for h in engine.search(SearchRequest(q=f'"{phrase}"', limit=50)).hits]
                ok = row["record_id"] in hit_ids
                found += ok
                row.setdefault("phrases_found", []).append(ok)
    finally:
        engine.close()
    with_fields = sum(1 for d in docs if d["expect"])
    return {
        "dpi": dpi, "skew": skew, "max_skew_degrees": settings.parsers.ocr.max_skew_degrees, "render_dpi": settings.parsers.ocr.dpi, "documents": len(docs), "pages": pages, "seconds": round(seconds, 1), "pages_per_second": round(pages / seconds, 3),
        "workers": workers, "cer": round(errors / max(total, 1), 4),
        "fields": {k: f"{v}/{with_fields}" for k, v in fields.items()},
        "fields_from_text_layer": {k: f"{v}/{with_fields}" for k, v in baseline.items()},
        "phrases_found": f"{found}/{asked}", "rows": rows,
    }


def run_scans(folder: Path, workers: int, tmp: Path) -> dict:
    """The scans make_scans.py wrote into `folder` (JPEGs and PDFs of JPEGs, with expect.json), parsed by gongkai: each
    one's title, 文号, 发文机关 and 成文日期 against what was printed, and its characters against the text layer of the
    PDF it was printed from (the seal's own characters taken out)."""
    from gongkai.textnorm import unify_ideographs

    expect = json.loads((folder / "expect.json").read_text("utf-8"))
    settings = load_settings(data_dir=tmp / "data-scans")
    settings.parsers.timeout_seconds = 3600
    settings.parsers.ocr.page_timeout_seconds = 600
    captures = [Capture(data=(folder / name).read_bytes(), filename=name) for name in expect]
    started = time.monotonic()
    results = list(parse_many(captures, settings.parsers, workers=workers))
    seconds = time.monotonic() - started
    rows, right, errors, total = [], dict.fromkeys(("title", "doc_number", "issuer", "written_date"), 0), 0, 0
    for capture, record in sorted(results, key=lambda r: r[0].filename):
        want = expect[capture.filename]
        if not hasattr(record, "body"):
            rows.append({"scan": capture.filename, "error": str(record)})
            continue
        got = {"title": record.title, "doc_number": record.doc_number or "", "issuer": record.issuer or "",
               "written_date": str(record.written_date or "")}
        wrong = {k: got[k] for k in right if got[k] != want[k]}
        for key in right:
            right[key] += key not in wrong
        truth = unify_ideographs("".join(page_texts((folder / "pdf" / (Path(capture.filename).stem + ".pdf")).read_bytes(), [0])))
        seal = truth.rfind("★")
        truth = truth[:seal] if seal > 0 else truth  # the seal's ring of characters and its star come last
        dist, length = cer(truth, record.body)
        errors, total = errors + dist, total + length
        conf = record.ocr.mean_confidence if record.ocr and record.ocr != "unavailable" else None
        rows.append({"scan": capture.filename, "cer": round(dist / max(length, 1), 4), "confidence": conf, "wrong": wrong})
    return {"scans": len(expect), "seconds": round(seconds, 1), "workers": workers, "cer": round(errors / max(total, 1), 4),
            "fields": {k: f"{v}/{len(expect)}" for k, v in right.items()},
            "all_fields_right": sum(1 for r in rows if not r.get("wrong") and "error" not in r), "rows": rows}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dpi", type=int, action="append", help="resolutions (default 150 and 300)")
    parser.add_argument("--max-pages", type=int, default=1000, help="pages per govcn document (from the first)")
    parser.add_argument("--civil-pages", default="1,21,101", help="Civil Code pages (1-based, comma-separated; empty: none)")
    parser.add_argument("--render-dpi", type=int, help="gongkai's rendering of scanned pages (default: the setting, 300)")
    parser.add_argument("--workers", type=int, default=1, help="parser processes (the machine is shared: 1 by default)")
    parser.add_argument("--skew", type=float, default=0.0, help="turn each scanned page by this many degrees (alternating "
                        "sign); the run is then made with straightening off (max_skew_degrees 0) and on, side by side")
    parser.add_argument("--scans", type=Path, help="a folder of held-out scans with expect.json (make_scans.py): read them only")
    args = parser.parse_args()
    if args.scans:
        with tempfile.TemporaryDirectory(prefix="gongkai-ocr-bench-") as tmp:
            result = run_scans(args.scans, args.workers, Path(tmp))
        for row in result["rows"]:
            print("   ", json.dumps(row, ensure_ascii=False), flush=True)
        print(f"{result['scans']} scans: CER {result['cer']:.2%}, fields {result['fields']}, every field right in "
              f"{result['all_fields_right']}/{result['scans']}, {result['seconds']} s ({result['workers']} worker(s))")
        return
    civil = [int(p) for p in args.civil_pages.split(",") if p.strip()]
    docs = documents(args.max_pages, civil)
    out = []
    with tempfile.TemporaryDirectory(prefix="gongkai-ocr-bench-") as tmp:
        runs = [(dpi, None) for dpi in args.dpi or [150, 300]]
        if args.skew:
            runs = [(dpi, limit) for dpi, _ in runs for limit in (0.0, None)]
        for dpi, max_skew in runs:
            result = run(dpi, docs, args.workers, Path(tmp), args.render_dpi, args.skew, max_skew)
            out.append(result)
            turned = f", turned {args.skew:g} degrees, straightening up to {result['max_skew_degrees']:g}" if args.skew else ""
            print(f"{dpi} dpi scans (rendered at {result['render_dpi']}{turned}): {result['documents']} documents, {result['pages']} pages, CER {result['cer']:.2%}, "
                  f"fields {result['fields']} (text layer: {result['fields_from_text_layer']}), phrases found {result['phrases_found']}, "
                  f"{result['pages_per_second']} pages/s ({result['workers']} worker(s), {result['seconds']} s)", flush=True)
            for row in result["rows"]:
                print("   ", json.dumps({k: v for k, v in row.items() if k not in ("phrases", "record_id")}, ensure_ascii=False), flush=True)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"ocr_accuracy-{'-'.join(map(str, args.dpi or [150, 300]))}{f'-skew{args.skew:g}' if args.skew else ''}.json").write_text(json.dumps(out, ensure_ascii=False, indent=1), "utf-8")


if __name__ == "__main__":
    main()
