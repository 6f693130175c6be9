"""PDF with pdfminer.six: CJK text in reading order, page by page, with the page count.

pdfminer breaks justified paragraphs into one line per printed line; lines that run to the full
measure are joined to the next, so that a sentence (and a phrase search over it) is not cut in two.
"""

from __future__ import annotations

import io
import re

from gongkai.parsers.capture import Capture, CorruptFile, EmptyDocument, FileTooLarge
from gongkai.parsers.document import ExtractedDocument
from gongkai.parsers.registry import FormatSpec
from gongkai.parsers.textmeta import is_date_line, is_doc_number_line
from gongkai.settings import ParserSettings


def sniff(data: bytes) -> bool:
    return b"%PDF-" in data[:1024]


def _visual_width(line: str) -> float:
    return sum(0.5 if ord(ch) < 0x2E80 else 1.0 for ch in line)


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
    for line in lines:
        standalone = is_doc_number_line(line) or is_date_line(line)
        if carry and standalone:
            out.append(carry)  # a 文号 or date line never continues the line above it
            carry = ""
        current = carry + line
        wraps = _visual_width(line) >= full * 0.92 and not re.search(r"[。：；！？:]$", line)
        if wraps and not standalone:
            carry = current
            continue
        out.append(current)
        carry = ""
    if carry:
        out.append(carry)
    return "\n".join(out)


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
    except Exception as exc:  # pdfminer raises many unrelated types on broken files
        raise CorruptFile(f"pdf cannot be read: {name} ({type(exc).__name__}: {exc})") from None
    resources = PDFResourceManager()
    out = io.StringIO()
    converter = TextConverter(resources, out, laparams=LAParams())
    interpreter = PDFPageInterpreter(resources, converter)
    pages = 0
    try:
        for page in PDFPage.create_pages(document):
            pages += 1
            if pages > settings.max_pdf_pages:
                raise FileTooLarge(f"pdf has more than {settings.max_pdf_pages} pages (settings.parsers.max_pdf_pages): {name}")
            interpreter.process_page(page)
    except FileTooLarge:
        raise
    except Exception as exc:
        raise CorruptFile(f"pdf is corrupt at page {pages}: {name} ({type(exc).__name__}: {exc})") from None
    finally:
        converter.close()
    if pages == 0:
        raise CorruptFile(f"pdf has no pages: {name}")
    body = join_wrapped_lines(out.getvalue())
    if not body.strip():
        raise EmptyDocument(f"pdf has {pages} page(s) but no text layer (a scan?): {name}")
    return ExtractedDocument(format="pdf", body=body, page_count=pages)


FORMAT = FormatSpec(
    name="pdf",
    mime_types=("application/pdf", "application/x-pdf"),
    extensions=(".pdf",),
    sniff=sniff,
    extract=extract,
)
