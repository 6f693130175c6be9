"""PDF with pdfminer.six: CJK text in reading order, page by page, with the page count.

A page whose text layer is no text (none, or mostly U+FFFD/private-use characters) is a scan: it is
rendered with pypdfium2 (PDFium in a PyPI wheel: no system package, in-process, maintained by the
Chromium PDF engine's users; pdftoppm would need poppler-utils and a process per page) at
parsers.ocr.dpi and read by OCR (formats/ocr.py). Text pages of the same file keep their text layer.

pdfminer breaks justified paragraphs into one line per printed line; lines that run to the full
measure are joined to the next, so that a sentence (and a phrase search over it) is not cut in two.
"""

from __future__ import annotations

import functools
import hashlib
import io
import logging
import re
import time
from typing import Any

from gongkai.parsers.capture import Capture, CorruptFile, EmptyDocument, FileTooLarge
from gongkai.parsers.document import ExtractedDocument
from gongkai.parsers.formats.ocr import (
    OcrRun,
    OcrUnavailable,
    align_to_signature,
    check_available,
    ink_greyscale,
    looks_unusable,
)
from gongkai.parsers.formats.pdf_columns import Box, column_order
from gongkai.parsers.registry import FormatSpec
from gongkai.parsers.textmeta import is_addressee_line, is_date_line, is_doc_number_line
from gongkai.record import OcrInfo
from gongkai.settings import ParserSettings
from gongkai.textnorm import unify_ideographs

# pdfminer warns about font internals it works around (Chrome's CJK fonts: "Could not get FontBBox from font descriptor",
# 74 lines for one 1-page PDF at every ingest): nothing an operator can act on, and it buried the ingest's own summary.
# What is wrong with a file is said by the parser's own errors (CorruptFile, EmptyDocument) and the record's ocr review.
logging.getLogger("pdfminer").setLevel(logging.ERROR)


def sniff(data: bytes) -> bool:
    return b"%PDF-" in data[:1024]


def _visual_width(line: str) -> float:
    return sum(0.5 if ord(ch) < 0x2E80 else 1.0 for ch in line)


#: a number's label after a comma at a line's end (…，编号：, …，证号：): its value follows (no heading's colon)
_LABEL_AT_END = re.compile(r"[，,][\u4e00-\u9fff]{0,8}(?:号|号码|编号|编码|代码)[：:]$")


def join_wrapped_lines(text: str) -> str:
    """Join printed lines that wrap (they reach the full line width) to the line that continues them."""
    lines = [line.strip() for line in text.replace("\x0c", "\n").splitlines()]
    lines = [line for line in lines if line]
    widths = sorted(_visual_width(line) for line in lines)
    if not widths:
        return ""
    full = widths[int(len(widths) * 0.9)] if len(widths) >= 10 else widths[-1]
    out: list[str] = []
    carry = ""
    for index, line in enumerate(lines):
        standalone = is_doc_number_line(line) or is_date_line(line)
        if carry and (standalone or is_addressee_line(line)):
            out.append(carry)  # a 文号, date or addressee line never continues the line above it (a title's last line)
            carry = ""
        current = carry + line
        # A line wholly in parentheses is complete (a law's adoption under its title: （2024年6月25日…会议通过）)
        # …，编号： then the number on the next line: its value, moved there whole when it did not fit (a notice page's
        # declaration was cut in two, its line short by the number's width)
        if _LABEL_AT_END.search(line) and index + 1 < len(lines):
            value = re.match(r"[0-9A-Za-z\-]{4,}", lines[index + 1])
            wraps = value is not None and _visual_width(line) + _visual_width(value.group(0)) >= full * 0.92
        else:
            wraps = _visual_width(line) >= full * 0.92 and not re.search(r"[。：；！？:]$", line) \
                and not (line.startswith(("（", "(")) and line.endswith(("）", ")")))
        if wraps and not standalone:
            carry = current
            continue
        out.append(current)
        carry = ""
    if carry:
        out.append(carry)
    return "\n".join(out)


_SENTENCE_MARKS = frozenset("，。；、,;")
_SENTENCE_ENDS = frozenset("。！？；!?;")


def _runs_on(box: Any) -> bool:
    """A one-line box holding a sentence mark whose last character ends no sentence: a wrapped line of running text."""
    lines = list(box)
    if len(lines) != 1:
        return False
    chars = [obj.get_text() for obj in lines[0] if hasattr(obj, "fontname")]  # LTChar only (no LTAnno line ends)
    text = "".join(chars).rstrip()
    return bool(text) and text[-1] not in _SENTENCE_ENDS and any(ch in _SENTENCE_MARKS for ch in text)


@functools.cache
def _column_converter(base: type) -> type:
    """pdfminer's TextConverter reading a page printed in columns column by column (pdf_columns.column_order); any other
    page as pdfminer orders it."""
    from pdfminer.layout import LTTextBox

    class ColumnTextConverter(base):
        def receive_layout(self, ltpage) -> None:
            texts = [item for item in ltpage if isinstance(item, LTTextBox)]
            # a box's characters counted as its lines' objects (no text built twice: get_text is TextConverter's)
            boxes = [Box(t.x0, t.y0, t.x1, t.y1, sum(len(line) for line in t), _runs_on(t)) for t in texts] if len(texts) >= 6 else []
            order = column_order(boxes) if boxes else None
            if order is not None:
                others = [item for item in ltpage if not isinstance(item, LTTextBox)]
                ltpage._objs = others + [texts[i] for i in order]  # what TextConverter renders, in this order
            super().receive_layout(ltpage)

    return ColumnTextConverter


def extract(capture: Capture, settings: ParserSettings) -> ExtractedDocument:
    # Imported here: pdfminer is slow to import and only PDF captures need it.
    from pdfminer.converter import TextConverter
    from pdfminer.layout import LAParams
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser
    from pdfminer.psparser import PSException

    name = capture.describe()
    try:
        parser = PDFParser(io.BytesIO(capture.data))
        document = PDFDocument(parser, password="")
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise CorruptFile(f"pdf is encrypted (password required): {name} ({type(exc).__name__})") from None
    except (PSException, ValueError, KeyError, TypeError, AttributeError, IndexError) as exc:
        raise CorruptFile(f"pdf is corrupt: {name} ({type(exc).__name__}: {exc})") from None
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many unrelated types on broken files
        raise CorruptFile(f"pdf cannot be read: {name} ({type(exc).__name__}: {exc})") from None
    resources = PDFResourceManager()
    out = io.StringIO()
    # all_texts: text inside a form XObject (a figure) laid out in lines too: a page printed with a blend mode (a seal over
    # the signature) holds all its text in one, which pdfminer otherwise wrote as one line (newuser4, session 22)
    converter = _column_converter(TextConverter)(resources, out, laparams=LAParams(all_texts=True))
    interpreter = PDFPageInterpreter(resources, converter)
    page_texts: list[str] = []  # each page's text layer, to tell scanned pages from text pages
    try:
        for page in PDFPage.create_pages(document):
            if len(page_texts) >= settings.max_pdf_pages:
                raise FileTooLarge(f"pdf has more than {settings.max_pdf_pages} pages (settings.parsers.max_pdf_pages): {name}")
            start = out.tell()
            interpreter.process_page(page)
            page_texts.append(out.getvalue()[start:])
    except FileTooLarge:
        raise
    except Exception as exc:  # noqa: BLE001 - the same, page by page: the file is reported corrupt, never a crash
        raise CorruptFile(f"pdf is corrupt at page {len(page_texts) + 1}: {name} ({type(exc).__name__}: {exc})") from None
    finally:
        converter.close()
    pages = len(page_texts)
    if pages == 0:
        raise CorruptFile(f"pdf has no pages: {name}")
    scanned = [number for number, text in enumerate(page_texts, 1) if looks_unusable(text)]
    ocr = read_scanned_pages(capture, settings, page_texts, scanned) if scanned else None
    # A font's ToUnicode may give radicals for the ideographs they look like (⻔ for 门, ⽇ for 日: Chrome's and WPS's PDFs):
    # read as what is printed before lines are judged (a date line ⼆〇⼆四年六⽉⼗⼆⽇ is a date line)
    body = join_wrapped_lines(unify_ideographs("".join(page_texts)))
    if not body.strip() and ocr is None:
        raise EmptyDocument(f"pdf has {pages} page(s) but no text layer (a scan?): {name}")
    return ExtractedDocument(format="pdf", body=body, page_count=pages, ocr=ocr)


def read_scanned_pages(capture: Capture, settings: ParserSettings, page_texts: list[str], scanned: list[int]) -> OcrInfo | str:
    """OCR the pages without usable text (page numbers 1-based), replacing their text in page_texts.

    Returns the OcrInfo, or "unavailable" (the pages keep what text they had) when Tesseract is missing.
    """
    try:
        check_available(settings.ocr)
    except OcrUnavailable:
        return "unavailable"
    import pypdfium2

    run = OcrRun(settings.ocr, hashlib.sha256(capture.data).hexdigest(), time.monotonic() + settings.timeout_seconds * 0.85)
    try:
        pdf = pypdfium2.PdfDocument(capture.data)
    except pypdfium2.PdfiumError as exc:
        raise CorruptFile(f"pdf cannot be rendered for OCR: {capture.describe()} ({exc})") from None
    try:
        for number in scanned:
            result = run.read(number, functools.partial(render_page, pdf, number - 1, settings.ocr.dpi, settings.ocr.drop_red_ink))
            if not result.timed_out:
                page_texts[number - 1] = result.text + "\n\x0c"
    finally:
        pdf.close()
    # The signature of a scanned document mends its title (align_to_signature): over the scanned pages' text together.
    read = [number - 1 for number in scanned]
    mended = align_to_signature("\n\x00\n".join(page_texts[i] for i in read)).split("\n\x00\n")
    for i, text in zip(read, mended):
        page_texts[i] = text
    return run.info()


def render_page(pdf, index: int, dpi: int, drop_red: bool = True):
    """One page as a greyscale PIL image at `dpi` (less for an oversized page: at most MAX_RENDER_PIXELS), rendered in
    colour when its red ink is to be taken out (ocr.ink_greyscale: the red header and seal of a scanned document)."""
    page = pdf[index]
    try:
        width, height = page.get_size()  # points
        scale = dpi / 72
        if width * height * scale * scale > MAX_RENDER_PIXELS:
            scale = (MAX_RENDER_PIXELS / (width * height)) ** 0.5
        return ink_greyscale(page.render(scale=scale, grayscale=not drop_red).to_pil(), drop_red)
    finally:
        page.close()


#: An A4 page at 300 dpi is 8.7 million pixels; a poster-sized page is rendered smaller, not at any cost.
MAX_RENDER_PIXELS = 40_000_000


FORMAT = FormatSpec(
    name="pdf",
    mime_types=("application/pdf", "application/x-pdf"),
    extensions=(".pdf",),
    sniff=sniff,
    extract=extract,
    score=90,
    attachment=True,
    crawl_default=True,
    notice_column=True,
)
