"""Images (PNG, JPEG, TIFF) as documents: a photographed or scanned notice, read by OCR (issue 21).

Recognised by magic bytes, never by name. Every frame of a multi-page TIFF is a page. Without
Tesseract the image still becomes a record (its title from the file name, no text), marked
`ocr: "unavailable"`.
"""

from __future__ import annotations

import functools
import hashlib
import io
import time

from gongkai.parsers.capture import Capture, CorruptFile, FileTooLarge
from gongkai.parsers.document import ExtractedDocument
from gongkai.parsers.formats.ocr import OcrRun, OcrUnavailable, align_to_signature, check_available, ink_greyscale
from gongkai.parsers.formats.pdf import join_wrapped_lines
from gongkai.parsers.registry import FormatSpec
from gongkai.settings import ParserSettings

#: Pixels of one frame that Pillow may decode (an A3 page at 600 dpi is 70 million); beyond: refused.
MAX_PIXELS = 100_000_000


def sniff(data: bytes) -> bool:
    return (
        data.startswith(b"\x89PNG\r\n\x1a\n")
        or data.startswith(b"\xff\xd8\xff")
        or data.startswith(b"II*\x00")
        or data.startswith(b"MM\x00*")
    )


def extract(capture: Capture, settings: ParserSettings) -> ExtractedDocument:
    from PIL import Image, ImageSequence, UnidentifiedImageError

    name = capture.describe()
    Image.MAX_IMAGE_PIXELS = MAX_PIXELS  # Pillow then raises DecompressionBombError beyond twice this
    try:
        image = Image.open(io.BytesIO(capture.data))
        frames = sum(1 for _ in ImageSequence.Iterator(image))
    except Image.DecompressionBombError as exc:
        raise FileTooLarge(f"image is too large to decode: {name} ({exc})") from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
        raise CorruptFile(f"image cannot be read: {name} ({type(exc).__name__}: {exc})") from None
    if frames > settings.max_pdf_pages:
        raise FileTooLarge(f"image has more than {settings.max_pdf_pages} frames (settings.parsers.max_pdf_pages): {name}")
    try:
        check_available(settings.ocr)
    except OcrUnavailable:
        return ExtractedDocument(format="image", body="", page_count=frames, ocr="unavailable")
    run = OcrRun(settings.ocr, hashlib.sha256(capture.data).hexdigest(), time.monotonic() + settings.timeout_seconds * 0.85)
    texts = []
    try:
        for number, frame in enumerate(ImageSequence.Iterator(image), 1):
            result = run.read(number, functools.partial(_greyscale, frame, settings.ocr.drop_red_ink))
            texts.append(result.text)
    except (OSError, ValueError, SyntaxError) as exc:  # a truncated file fails only when decoded
        raise CorruptFile(f"image cannot be decoded: {name} ({type(exc).__name__}: {exc})") from None
    return ExtractedDocument(format="image", body=join_wrapped_lines(align_to_signature("\n".join(texts))), page_count=frames, ocr=run.info())


def _greyscale(frame, drop_red: bool):
    frame.load()
    return ink_greyscale(frame, drop_red)


FORMAT = FormatSpec(
    name="image",
    mime_types=("image/png", "image/jpeg", "image/pjpeg", "image/tiff"),
    extensions=(".png", ".jpg", ".jpeg", ".tif", ".tiff"),
    sniff=sniff,
    extract=extract,
    score=80,
    attachment=True,
)
