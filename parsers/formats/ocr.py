"""OCR of page images with Tesseract's chi_sim model (issue 21), through pytesseract.

pytesseract, not tesserocr or OCRmyPDF: it runs Debian's `tesseract` program (no compiling against
libtesseract, which tesserocr needs; OCRmyPDF rewrites whole PDFs, we only want text), its
`image_to_data` gives each word's confidence, and its `timeout` kills a page that runs too long.

Tesseract puts a space between Han characters (国务 院 办 公 厅); those spaces are taken out, and the
OCR confusions that cost a 文号 are mended where it is cheap (a year in 〈〉 or with O for 0). Results
are cached per capture sha256 and page under `parsers.ocr.cache_dir`, so reparse does not read a scan
again (`gongkai reparse --ocr` clears the entries first).
"""

from __future__ import annotations

import json
import os
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from gongkai.parsers.formats.page_outline import flatten_page
from gongkai.record import OcrInfo, OcrPage
from gongkai.settings import OcrSettings

if TYPE_CHECKING:
    from PIL.Image import Image

# Han characters, CJK punctuation and full-width forms: a space beside one of them is Tesseract's, not the text's.
_CJK = r"\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
_CJK_SPACE = re.compile(rf"(?<=[{_CJK}])[ \t]+|[ \t]+(?=[{_CJK}])")
# A 文号's year printed in brackets that OCR reads as 〈〉, with O/o/〇 for 0 or l/I for 1.
# A closing bracket read as j, J or | (or followed by one: ]j) is taken back too.
_YEAR_BRACKET = re.compile(r"([〔\[【(（〈<《「])\s*([12０-９0-9OoＯ〇lI]{4})\s*([〕\]】)）〉>》」jJ|]{1,2})(\s*)([0-9０-９OoＯ〇lI][0-9０-９OoＯ〇lI\]|]{0,3})(\s*号)")
# ...and an opening bracket read as 0 or O (国办发01997] 11号), read as a bracket and a 0 (国办发[01997] 11号: a page
# straightened from a lean), or not read at all (国办发2018j 108号), after a Han character and before a year.
_ZERO_BRACKET = re.compile(
    r"(?<=[\u4e00-\u9fff])\s*(?:[〔\[【(（〈<《「]?[0OoＯ〇]|(?=(?:19|20)\d\d\s*[〕\]】)）〉>》」jJ|]))((?:19|20)\d\d)\s*"
    r"[〕\]】)）〉>》」jJ|](?=\s*[0-9]{1,4}\s*号)"
)
# In the number after the year's bracket a ] or | can only be a 1 (济教[2025] 3]号, 龙政文[2024]20]号).
_DIGIT_LOOKALIKE = str.maketrans({"O": "0", "o": "0", "Ｏ": "0", "〇": "0", "l": "1", "I": "1", "]": "1", "|": "1"})
_CACHE_VERSION = 1


class OcrUnavailable(Exception):
    """Tesseract (or its language model) is not installed: the caller keeps the text it has."""


@dataclass
class PageResult:
    page: int  # 1-based
    text: str = ""
    confidence: float = 0.0
    timed_out: bool = False
    rotated: int = 0  # degrees the page was turned (clockwise) before this reading; 0: read as scanned
    skew: float = 0.0  # degrees the page was straightened by (counter-clockwise) before this reading
    gaps: list[float] = field(default_factory=list)  # where lines' wide gaps lie, as a share of the page's width
    lines: int = 0  # lines read


@dataclass
class OcrRun:
    """The OCR of one capture's scanned pages, page by page, with the cache and the time budget."""

    settings: OcrSettings
    sha256: str
    deadline: float  # time.monotonic() by which OCR must stop (the parser's own time limit, less a margin)
    results: list[PageResult] = field(default_factory=list)
    _cache: dict[str, dict] | None = None

    def read(self, page: int, image: Callable[[], Image]) -> PageResult:
        """The page's OCR from the cache, else from the image (made only when needed)."""
        cached = self._cached().get(str(page))
        if cached is not None:
            result = PageResult(page, cached["text"], float(cached["confidence"]))
        else:
            remaining = self.deadline - time.monotonic()
            budget = min(self.settings.page_timeout_seconds, remaining)
            result = PageResult(page, timed_out=True) if budget < 1.0 else ocr_upright(image(), self.settings, page, budget)
            if not result.timed_out:
                self._store(result)
        self.results.append(result)
        return result

    def info(self) -> OcrInfo:
        read = [r for r in self.results if not r.timed_out]
        low = [r.page for r in read if r.confidence < self.settings.low_confidence]
        mean = round(sum(r.confidence for r in read) / len(read), 1) if read else 0.0
        return OcrInfo(
            pages=[OcrPage(page=r.page, confidence=round(r.confidence, 1)) for r in read],
            mean_confidence=mean,
            low_confidence_pages=low,
            timed_out_pages=[r.page for r in self.results if r.timed_out],
        )

    # -- the cache: one JSON file per capture, written whole and renamed into place ------------------
    def _path(self) -> Path | None:
        if not self.settings.cache_dir or not self.sha256:
            return None
        return Path(self.settings.cache_dir) / self.sha256[:2] / f"{self.sha256}.json"

    def _key(self) -> str:
        # A result read with other settings is not this result.
        s = self.settings
        return f"{_CACHE_VERSION}:{s.languages}:{s.psm}:{s.dpi}"

    def _cached(self) -> dict[str, dict]:
        if self._cache is None:
            self._cache = {}
            path = self._path()
            if path is not None and path.is_file():
                try:
                    data = json.loads(path.read_text("utf-8"))
                    if data.get("key") == self._key():
                        self._cache = dict(data.get("pages") or {})
                except (OSError, ValueError):
                    pass  # a damaged cache file is read again by OCR, never trusted
        return self._cache

    def _store(self, result: PageResult) -> None:
        pages = self._cached()
        pages[str(result.page)] = {"text": result.text, "confidence": result.confidence}
        path = self._path()
        if path is None:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(json.dumps({"key": self._key(), "pages": pages}, ensure_ascii=False), "utf-8")
            os.replace(tmp, path)
        except OSError:
            pass  # a read-only data directory costs the cache, not the record


def cache_file(cache_dir: str | Path, sha256: str) -> Path:
    return Path(cache_dir) / sha256[:2] / f"{sha256}.json"


_available: dict[tuple[str, str], str | None] = {}


def check_available(settings: OcrSettings) -> None:
    """Raise OcrUnavailable when OCR is off, the program is missing or the language model is not installed."""
    if not settings.enabled:
        raise OcrUnavailable("OCR is switched off (parsers.ocr.enabled)")
    key = (settings.tesseract_cmd, settings.languages)
    if key not in _available:
        _available[key] = _probe(settings)
    if _available[key] is not None:
        raise OcrUnavailable(_available[key])


def _probe(settings: OcrSettings) -> str | None:
    import pytesseract

    pytesseract.pytesseract.tesseract_cmd = settings.tesseract_cmd
    try:
        installed = set(pytesseract.get_languages(config=""))
    except (pytesseract.TesseractNotFoundError, OSError) as exc:
        return f"tesseract not found ({settings.tesseract_cmd}: {type(exc).__name__})"
    except Exception as exc:  # noqa: BLE001 - a broken install is "unavailable", never a crash
        return f"tesseract does not run ({type(exc).__name__}: {exc})"
    missing = [lang for lang in settings.languages.split("+") if lang not in installed]
    return f"tesseract has no {'+'.join(missing)} model installed" if missing else None


#: A page of columns read by layout analysis is kept unless its confidence falls more than this below the one block's
#: (its words are the same words, in the order printed; the short lines of a column read a little less surely).
_COLUMN_CONFIDENCE_LOSS = 5.0


def ocr_image(image: Image, settings: OcrSettings, page: int = 1, timeout: float | None = None, psm: int | None = None) -> PageResult:
    """Text and mean word confidence of one page image; timed_out when Tesseract overran `timeout`. `psm`: Tesseract's
    page segmentation mode, when not the setting's (a page of columns)."""
    import pytesseract

    pytesseract.pytesseract.tesseract_cmd = settings.tesseract_cmd
    try:
        data = pytesseract.image_to_data(
            image,
            lang=settings.languages,
            config=f"--psm {psm or settings.psm}",
            output_type=pytesseract.Output.DICT,
            timeout=timeout or settings.page_timeout_seconds,
        )
    except RuntimeError as exc:
        if "timeout" in str(exc).lower():
            return PageResult(page, timed_out=True)
        raise
    lines: dict[tuple[int, int, int], list[tuple[str, int, int, int]]] = {}
    weights = 0
    total = 0.0
    for text, conf, block, par, line, left, width, height in zip(
        data["text"], data["conf"], data["block_num"], data["par_num"], data["line_num"], data["left"], data["width"], data["height"]
    ):
        word = text.strip()
        if not word or float(conf) < 0:
            continue
        lines.setdefault((block, par, line), []).append((word, int(left), int(width), int(height)))
        total += float(conf) * len(word)  # weighted by characters: a long word counts for what it holds
        weights += len(word)
    text = "\n".join(clean_ocr_line(_join_words(words)) for words in lines.values())
    gaps = [gap / max(image.width, 1) for words in lines.values() for gap in _wide_gaps(words)]
    return PageResult(page, text, total / weights if weights else 0.0, gaps=gaps, lines=len(lines))


#: A gap between two words of a line wider than this many character heights is a gap in the page (two issuers signing
#: side by side, a 文号 and its 签发人, table cells), kept as two ideographic spaces: Tesseract's plain space between Han
#: characters is taken out (clean_ocr_line), and 福建省财政厅　　福建省教育厅 read as one name 福建省财政厅福建省教育厅.
_WIDE_GAP = 1.5


def _join_words(words: list[tuple[str, int, int, int]]) -> str:
    """A line's words joined by a space, or by two ideographic spaces across a wide gap."""
    heights = sorted(height for _, _, _, height in words)
    wide = _WIDE_GAP * heights[len(heights) // 2]
    out, end = [], None
    for word, left, width, _ in words:
        if end is not None:
            out.append("\u3000\u3000" if left - end > wide else " ")
        out.append(word)
        end = left + width
    return "".join(out)


def _wide_gaps(words: list[tuple[str, int, int, int]]) -> list[int]:
    """The middle (in pixels from the page's left) of each wide gap between a line's words (_join_words)."""
    heights = sorted(height for _, _, _, height in words)
    wide = _WIDE_GAP * heights[len(heights) // 2]
    return [(left + end) // 2 for end, left in zip((w[1] + w[2] for w in words), (w[1] for w in words[1:])) if left - end > wide]


#: A page printed in two columns (a newspaper's reprint of a notice, a 公示 list) read as one block (psm 6) runs each
#: line of the left column into the line beside it in the right one: a reading of the 2019 holidays notice in two
#: columns went 现将2019年元且、春他、 四、劳动节: 5月1日放假。 (tests/test_scans_heldout5.py). Its lines have a wide gap at
#: one place across the page: at least this many lines, and this share of the page's lines, gapped within the middle
#: of the page (a fifth to four fifths of its width) at the same place (within 4% of its width). Two signatures side by
#: side are one or two lines, a table of a few rows a few: neither is a page of columns.
_COLUMN_LINES = 4
_COLUMN_SHARE = 0.3
_COLUMN_SPREAD = 0.04


def looks_like_columns(result: PageResult) -> bool:
    """Whether a page read as one block (psm 6) was printed in two columns, by where its lines' wide gaps lie."""
    middle = sorted(gap for gap in result.gaps if 0.2 <= gap <= 0.8)
    if len(middle) < _COLUMN_LINES or len(middle) < _COLUMN_SHARE * result.lines:
        return False
    centre = middle[len(middle) // 2]
    near = [gap for gap in middle if abs(gap - centre) <= _COLUMN_SPREAD]
    return len(near) >= max(_COLUMN_LINES, _COLUMN_SHARE * result.lines)


def ocr_upright(image: Image, settings: OcrSettings, page: int = 1, timeout: float | None = None) -> PageResult:
    """ocr_image of the page straightened (below); and when it reads below `low_confidence`, two more tries, each
    kept only when it reads better: the orientation is detected (Tesseract's OSD, Debian's `osd` model, which
    tesseract-ocr installs) and a page scanned turned (90, 180 or 270 degrees: a landscape page, a sheet fed upside
    down) is read again upright; then a page still read unsurely (a photograph, dark at one side, read as noise) is
    read again with its lighting evened out (`even_lighting`). A page that reads well costs one reading. A page lit
    unevenly (`uneven_lighting`: a photograph) is evened out before its first reading."""
    budget = timeout or settings.page_timeout_seconds
    start = time.monotonic()

    def remaining() -> float:
        return budget - (time.monotonic() - start)

    if blank_page(image):
        # the back of a sheet scanned duplex, a separator sheet: nothing to read, and nothing for a person to check
        return PageResult(page, "", BLANK_PAGE_CONFIDENCE)
    if settings.flatten_photographed_pages:
        image, _ = flatten_page(image)  # the desk around a photographed sheet is cut away with it
    # Judged on the page as it came: the white corners that straightening adds would look like uneven light.
    evened_first = settings.even_out_lighting and uneven_lighting(image)
    image, skew = straighten(image, settings.max_skew_degrees)
    if evened_first:
        image = even_lighting(image)  # read as it is, such a page is noise that took Tesseract over 30 s
    best = ocr_image(image, settings, page, remaining())  # the page's budget, less the straightening's time
    best.skew = skew
    # Only a page read surely: a page turned sideways or of noise has lines gapped anywhere, and its time is the turn's.
    confident = not best.timed_out and best.confidence >= settings.low_confidence
    if confident and settings.psm == 6 and looks_like_columns(best) and remaining() >= 1.0:
        # read again with Tesseract's own layout analysis (psm 3), which finds the columns and reads one after the other
        columns = ocr_image(image, settings, page, remaining(), psm=3)
        if not columns.timed_out and columns.confidence >= best.confidence - _COLUMN_CONFIDENCE_LOSS:
            columns.skew = skew
            best = columns
    if best.timed_out or best.confidence >= settings.low_confidence:
        return best
    if settings.detect_orientation:
        angle = detect_rotation(image, settings, remaining())
        if angle and remaining() >= 1.0:
            turned = image.rotate(-angle, expand=True)  # PIL turns counter-clockwise
            upright = ocr_image(turned, settings, page, remaining())
            if not upright.timed_out and upright.confidence > best.confidence:
                upright.rotated, upright.skew = angle, skew
                best, image = upright, turned
    if best.confidence < settings.low_confidence and settings.even_out_lighting and not evened_first and remaining() >= 1.0:
        evened = ocr_image(even_lighting(image), settings, page, remaining())
        if not evened.timed_out and evened.confidence > best.confidence:
            evened.rotated, evened.skew = best.rotated, skew
            best = evened
    return best


#: A page holding no ink: fewer than this share of its pixels darker than its paper by _INK_BELOW_PAPER grey levels. The
#: blank back of a sheet scanned duplex (paper, noise, a speck or two) has none; one short line of body text on an A4
#: page at 200 dpi is about 0.1%. Read, such a page gave no word, confidence 0, and sent its record to review as a page
#: "read unsurely" (tests/test_scans_heldout5.py: a G4 TIFF of three frames, the second a blank verso).
_BLANK_INK_SHARE = 0.0002
_INK_BELOW_PAPER = 60
#: a blank page is read with certainty: there is nothing on it
BLANK_PAGE_CONFIDENCE = 100.0


def blank_page(image: Image) -> bool:
    """Whether the page holds no ink at all (paper, noise, specks): the paper is the median grey level, ink what is
    _INK_BELOW_PAPER darker. A page darker overall (a photograph on a desk, a blurred one) has ink by this measure."""
    import numpy as np

    gray = np.asarray(image.convert("L"))
    if gray.size == 0:
        return True
    paper = float(np.median(gray))
    return bool(np.count_nonzero(gray < paper - _INK_BELOW_PAPER) < _BLANK_INK_SHARE * gray.size)


#: A page's background (the light part of each of 8 x 6 blocks) differing by more than this many grey levels from one
#: block to another was lit unevenly: a clean scan differs by 0, a scan of grey newsprint by 2, a phone photograph
#: of a page on a desk by 100 or more.
_UNEVEN_BACKGROUND = 48
_PROBE_HEIGHT = 2048


def ink_greyscale(image: Image, drop_red: bool = True) -> Image:
    """The page in grey for reading, with red ink made white: the red 版头 of an official document and the red seal
    printed over its issuer and date (GB/T 9704 prints both red) are no text to read in a line of black. Read in
    plain grey, the seal over the signature cost the date of 12 of 12 held-out scans and the issuer of 7, and the large
    red header, read as noise, ran into 5 titles (tests/test_ocr_scans.py). A pixel is red ink by how much redder it is
    than green or blue, its weight rising over 40 levels so the soft edges of red strokes go too; black ink under the
    seal stays black (ink over ink is as dark). Read in the red channel instead (red about as light as the paper), 4 of
    those dates were lost again to the seal's faint ring. A grey image, or a colour one without red ink, is read in
    plain grey. About 0.5 s for an A4 page at 300 dpi that has red ink, 0.05 s for one without."""
    if image.mode in ("L", "1", "I", "I;16", "F") or not drop_red:
        return image.convert("L")
    import numpy as np
    from PIL import Image as PILImage

    rgb = image.convert("RGB")
    # A probe 400 pixels wide tells whether the page holds red ink at all.
    probe = np.asarray(rgb.resize((400, max(1, round(400 * rgb.height / max(rgb.width, 1))))), dtype=np.int16)
    if np.count_nonzero(probe[..., 0] - np.maximum(probe[..., 1], probe[..., 2]) > _RED_FROM + _RED_RAMP) < _RED_SHARE * probe[..., 0].size:
        return rgb.convert("L")
    r, g, b = (np.asarray(channel, dtype=np.int32) for channel in rgb.split())
    redness = np.clip((r - np.maximum(g, b) - _RED_FROM) * 256 // _RED_RAMP, 0, 256)
    luma = np.asarray(rgb.convert("L"), dtype=np.int32)
    # (JPEG keeps colour at half resolution, so a red stroke's edge is a little darker than the paper; whitening
    # what is near red ink as well cost black strokes under the seal more: 漳州 read 济州.)
    return PILImage.fromarray(((luma * (256 - redness) + 255 * redness) >> 8).astype(np.uint8))


#: How much redder than green and blue a pixel is before it is taken for red ink, and over how many levels its weight
#: rises to whole (black, grey and white pixels differ by a few levels, JPEG noise by about 20); a page with at least
#: _RED_SHARE of wholly red pixels (a 版头 line, a seal: a few per cent) has red ink.
_RED_FROM = 30
_RED_RAMP = 40
_RED_SHARE = 0.001


def uneven_lighting(image: Image) -> bool:
    """Whether the page's background is much darker in places than elsewhere (a photograph, a shadow across a scan):
    measured on a copy 256 pixels wide, the 90th percentile of each block's grey levels, largest minus smallest."""
    import numpy as np

    gray = image.convert("L")
    # At most 2,048 tall: a strip 2 pixels wide and 30,000 tall was stretched to 256 x 3,840,000 (3 GB, 15 s).
    small = np.asarray(gray.resize((256, max(6, min(_PROBE_HEIGHT, round(256 * gray.height / max(gray.width, 1)))))))
    rows, columns = small.shape[0] // 6, small.shape[1] // 8
    backgrounds = [float(np.percentile(small[r : r + rows, c : c + columns], 90))
                   for r in range(0, rows * 6, rows) for c in range(0, columns * 8, columns)]
    return max(backgrounds) - min(backgrounds) > _UNEVEN_BACKGROUND


def even_lighting(image: Image) -> Image:
    """The page in black and white by a threshold local to each pixel (Sauvola, scikit-image), not one threshold for
    the page (Tesseract's Otsu): a phone photograph of a notice, darker at one side and noisy, read as noise (a page
    of the corpus so darkened: nothing read, confidence 0; evened out: 2% of characters wrong, confidence 87). The
    window is about a fiftieth of the page's width (51 pixels on a 300-dpi A4 page: a few lines of text)."""
    import numpy as np
    from PIL import Image as PILImage
    from skimage.filters import threshold_sauvola

    gray = np.asarray(image.convert("L"))
    window = max(15, gray.shape[1] // 50) | 1  # odd, as the filter wants
    return PILImage.fromarray(((gray > threshold_sauvola(gray, window_size=window, k=0.2)) * 255).astype(np.uint8))


#: A page scanned or photographed at a small angle is straightened before it is read: Tesseract reads a page 3
#: degrees off as well as a straight one, but at 5 degrees it lost characters and a clock (9:00 read 000, 18:00 as
#: 19:00) and at 8 degrees a third of the text (tests/test_ocr_photographed.py). The angle is estimated on a copy this wide.
_SKEW_PROBE_PIXELS = 1000


def straighten(image: Image, max_degrees: float) -> tuple[Image, float]:
    """The page turned back by the angle its lines lean at (deskew's Hough-line estimate, whole degrees, within
    ±max_degrees) and that angle (counter-clockwise, as PIL turns); the page as it is, and 0, when the lines lean
    less than a degree, the angle cannot be told (no lines of text) or straightening is off (max_degrees 0).
    About 0.2 s a page beside the 4-5 s of its reading."""
    if max_degrees <= 0:
        return image, 0.0
    import numpy as np
    from deskew import determine_skew

    gray = image.convert("L")
    scale = min(1.0, _SKEW_PROBE_PIXELS / max(gray.size))
    probe = gray.resize((max(1, round(gray.width * scale)), max(1, round(gray.height * scale)))) if scale < 1 else gray
    # Estimated over every angle, then kept only within the limit: asked within ±5 degrees, a page leaning 7 gave -3.
    angle = determine_skew(np.asarray(probe))
    if angle is None or not 1.0 <= abs(float(angle)) <= max_degrees:
        return image, 0.0
    from PIL.Image import Resampling

    return gray.rotate(float(angle), resample=Resampling.BICUBIC, expand=True, fillcolor=255), round(float(angle), 1)


def detect_rotation(image: Image, settings: OcrSettings, timeout: float) -> int:
    """The clockwise turn (0, 90, 180, 270) that puts the page upright, by Tesseract's orientation detection;
    0 when it cannot tell (too little text, no `osd` model, out of time)."""
    import pytesseract

    if timeout < 1.0:
        return 0
    pytesseract.pytesseract.tesseract_cmd = settings.tesseract_cmd
    try:
        osd = pytesseract.image_to_osd(image, config="--psm 0", output_type=pytesseract.Output.DICT, timeout=timeout)
    except (pytesseract.TesseractError, RuntimeError, OSError):  # "Too few characters", a timeout, no osd model
        return 0
    angle = int(osd.get("rotate", 0) or 0)
    return angle if angle in (90, 180, 270) else 0


#: a date line with a stray character between its year and 年 (2025人年6月9日 off a sheet fed sideways: fields13); only a
#: line that is nothing but the date (2025人年 alone is a count of person-years)
_STRAY_IN_DATE = re.compile(r"^\s*((?:19|20)\d{2})[^\d\s年月日](年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)\s*$")


#: a line that is only a date (the one under a signature), its 年, 月 or 日 perhaps misread and stray marks after it: the
#: seal's ring printed over it reads as a comma or a stroke (2019年1月12日， 2020年11月2肥 二〇一八年十二昌二十五日:
#: tests/test_scans_heldout5.py); digits or Chinese numerals
_DATE_LINE = re.compile(
    r"^\s*((?:19|20)\d{2}|[〇零○OoＯ一二三四五六七八九]{4})\s*(\S)\s*(\d{1,2}|[一二三四五六七八九十]{1,2})\s*(\S)\s*"
    r"(\d{1,2}|[一二三四五六七八九十]{1,3})\s*(\S?)\s*[，,。.、:：;；'\"‘’“”|丨_\-~]*\s*$"
)
_DATE_MARKS = ("年", "月", "日")
_HAN_NUMERALS = "〇零○OoＯ一二三四五六七八九十"


def mend_date_line(line: str) -> str:
    """A line that is only a date with one of its 年, 月, 日 misread (or 日 lost) and stray marks after it, as printed.
    Two of the three marks must be read right, and the month and day be a month and a day: 2025人年 alone is no date."""
    match = _DATE_LINE.match(line)
    if not match:
        return line
    year, first, month, second, day, third = match.groups()
    marks = (first, second, third)
    if sum(a == b for a, b in zip(marks, _DATE_MARKS)) < 2 or any(m.isdigit() or m in _HAN_NUMERALS for m in marks if m):
        return line
    if year.isdigit() != month.isdigit() or month.isdigit() != day.isdigit():
        return line  # a date mixes no digits with numerals
    if month.isdigit() and not (1 <= int(month) <= 12 and 1 <= int(day) <= 31):
        return line
    if not year.isdigit():
        year = year.translate(str.maketrans("○OoＯ", "〇〇〇〇"))
    return f"{year}年{month}月{day}日"


#: a range of years printed with a dash that OCR reads as 一 (2018一2035年): the dash, as GB/T 15834 prints a range
_YEAR_RANGE_DASH = re.compile(r"(?<=(?:19|20)\d{2})[一－-](?=(?:19|20)\d{2}\s*年)")
#: an opening bracket and the closing one after it, in a line of Chinese: Tesseract gives ASCII ( ) for the full-width
#: （） that Chinese text prints, and 〈 for （ now and then (〈以下简称专用号牌)); a title read so was no title as printed
_ROUND_PAIR = re.compile(r"[(〈（]([^()（）〈〉\n]{1,40})[)）]")


def _full_width_brackets(line: str) -> str:
    if not re.search(r"[\u4e00-\u9fff]", line):
        return line
    return _ROUND_PAIR.sub(lambda m: f"（{m.group(1)}）" if re.search(r"[\u4e00-\u9fff]", m.group(1)) else m.group(0), line)


def clean_ocr_line(line: str) -> str:
    """Tesseract's spaces beside Han characters out; a 文号 year's bracket and digits mended; a date line's marks, a year
    range's dash and round brackets around Chinese read as printed."""
    line = _CJK_SPACE.sub("", line)
    line = _STRAY_IN_DATE.sub(r"\1\2", line)
    line = mend_date_line(line)
    line = _YEAR_RANGE_DASH.sub("—", line)
    line = _full_width_brackets(line)
    line = _ZERO_BRACKET.sub(r"〔\1〕", line)
    return _YEAR_BRACKET.sub(_mend_doc_number, line)


def _mend_doc_number(match: re.Match[str]) -> str:
    opening, year, closing, space, number, tail = match.groups()
    year, number = year.translate(_DIGIT_LOOKALIKE), number.translate(_DIGIT_LOOKALIKE)
    if not (year.isdigit() and number.isdigit()):
        return match.group(0)
    # 〈〉 and <> are not 文号 brackets; the identifier normaliser knows the others (〔〕 [] 【】 ()).
    if opening in "〈<《「":
        opening = "〔"
    if len(closing) > 1 or closing in "〉>》」jJ|":  # ]j: the bracket and a stray stroke
        closing = "〕"
    return f"{opening}{year}{closing}{space}{number}{tail}"


#: A line that is only an organ's name: a signature (漳州市教育局, 龙岩市人民政府), read in body-size plain type.
_SIGNATURE = re.compile(r"[\u4e00-\u9fff]{3,30}(?:局|厅|委员会|政府|办公室|委|院|会|办|部|中心)")


#: the date line under a signature (2025年6月9日, 二〇二五年六月九日)
_DATE_UNDER = re.compile(
    r"\s*(?:\d{4}|[〇一二三四五六七八九零○]{4})\s*年\s*[\d一二三四五六七八九十]{1,3}\s*月\s*[\d一二三四五六七八九十]{1,3}\s*日\s*$"
)


def align_to_signature(text: str) -> str:
    """A title line opening with the signing organ's name misread in one character, mended from the signature.

    A title is printed large and bold, the signature in body type: in 12 held-out colour scans the signature read right
    every time where the same name leading the title lost a character (亨州市教育局关于… under a signature 漳州市教育局,
    龙生市人民政府关于… under 龙岩市人民政府, 厦门市海欠区… under 厦门市海沧区…). So a line that opens with a name one Han character
    off from a signature line of the same page text, followed by 关于, takes the signature's name. The organ's kind
    (its last two characters: 办公厅/办公室) is never changed: that is as often another organ as a misreading."""
    lines = text.split("\n")
    named = [i for i, line in enumerate(lines) if _SIGNATURE.fullmatch(line.strip())]
    # the signature proper is the name over its date; a greyed red header (漳州市人民政府 printed large, read 淮州市人民政府)
    # is as unsure as the title, and mending the title to it spoiled a title read right (fields13)
    dated = [i for i in named if _DATE_UNDER.match(next((rest for rest in lines[i + 1 :] if rest.strip()), ""))]
    names = {lines[i].strip() for i in dated or named}
    if not names:
        return text
    names = _names_by_number_and_body(lines, names)
    for i, line in enumerate(lines):
        for name in names:
            head = line[: len(name)]
            if head == name or len(head) < len(name) or not line.startswith("关于", len(name)):
                continue
            differ = [k for k, (a, b) in enumerate(zip(head, name)) if a != b]
            if len(differ) == 1 and differ[0] < len(name) - 2 and "\u4e00" <= head[differ[0]] <= "\u9fff":
                lines[i] = name + line[len(name) :]
                break
    return "\n".join(_mend_heading_by_body(_mend_heading_by_cited_name(_mend_heading_places(lines, names))))


def _names_by_number_and_body(lines: list[str], names: set[str]) -> set[str]:
    """A signature whose place is misread as it is in the title (济州市人民政府 over 济州市人民政府关于…: one misreading of 漳,
    twice; fields13) takes the place the document's 文号 and its sentences agree on: the 文号 opens with the other first
    character (漳政函〔2025〕46号), the sentences print that place (漳州市龙海区) and never the place as read. Every line is
    mended so."""
    sentences = "\n".join(line for line in lines if "。" in line)
    mended = set()
    for name in names:
        place = match.group(0) if (match := _PLACE.match(name)) else ""
        if not place or place in sentences:
            mended.add(name)
            continue
        found = {line.strip()[0] for line in lines if _NUMBER_LINE.match(line.strip())}
        choices = [first + place[1:] for first in found if first != place[0] and first + place[1:] in sentences]
        if len(choices) != 1:
            mended.add(name)
            continue
        for i, line in enumerate(lines):
            lines[i] = line.replace(place, choices[0])
        mended.add(choices[0] + name[len(place) :])
    return mended


#: a 文号 line (漳政函〔2025〕46号): its first character is its body's place
_NUMBER_LINE = re.compile(r"[\u4e00-\u9fff]{2,8}[〔\[【(（]\s*(?:19|20)\d{2}\s*[〕\]】)）]\s*\d{1,4}\s*号")


#: the place a body's name opens with (漳州市 of 漳州市人民政府, 福建省 of 福建省财政厅)
_PLACE = re.compile(r"[\u4e00-\u9fff]{1,4}?[省市县]")


def _mend_heading_places(lines: list[str], names: set[str]) -> list[str]:
    """The signature's place misread inside a title's line (亨州市龙海区紫泥镇的批复 under a signature 漳州市人民政府, the body
    printing 漳州市龙海区 read right: fields13): in the lines above the first sentence or addressee, a run of the place one Han
    character off and its next two characters takes the place when the text below prints the place so and never the run
    as read (福州市… in a 漳州 title is printed as such in its body too: left alone)."""
    places = {match.group(0) for name in names if (match := _PLACE.match(name))}
    end = next((i for i, line in enumerate(lines) if "。" in line or line.rstrip().endswith(("：", ":"))), 0)
    below = "\n".join(lines[end:])
    for i in range(end):
        for place in places:
            size, line = len(place), lines[i]
            # the run's next two characters may be on the title's next line (…关于印发录州市 / 城市社区…: fields14)
            going_on = line + (lines[i + 1].strip() if i + 1 < end else "")
            for start in range(len(line) - size + 1):
                read, tail = line[start : start + size], going_on[start + size : start + size + 2]
                if len(tail) < 2:
                    continue
                differ = [k for k, (a, b) in enumerate(zip(read, place)) if a != b]
                if len(differ) != 1 or differ[0] == size - 1 or not "\u4e00" <= read[differ[0]] <= "\u9fff":
                    continue
                if place + tail in below and read + tail not in below:
                    lines[i] = line[:start] + place + line[start + size :]
                    break
    return lines


#: a document's name its text cites in book-title marks (《泉州市城市社区嵌入式服务设施建设方案》已经市政府同意)
_CITED_NAME = re.compile(r"《([^《》\n]{8,60})》")


def _mend_heading_by_cited_name(lines: list[str]) -> list[str]:
    """A title's words misread where the text below prints them in 《》: a 印发 notice's title names the document its first
    sentence cites (…关于印发泉州市城市社区符入式服务设施建设方案的通知 over 《泉州市城市社区嵌入式服务设施建设方案》已经…同意:
    fields14). In the lines above the first sentence or addressee, a run as long as the cited name, one Han character off
    in ten at most (and in one at least), takes the cited name; a title printing the name right, or another name, is left."""
    end = next((i for i, line in enumerate(lines) if "。" in line or line.rstrip().endswith(("：", ":"))), 0)
    cited = {name for line in lines[end:] for name in _CITED_NAME.findall(line)}
    if not cited or end == 0:
        return lines
    # the heading's characters with the line and column each came from, to mend a run across the title's lines
    where = [(i, k) for i in range(end) for k in range(len(lines[i]))]
    heading = "".join(lines[i][k] for i, k in where)
    mended = [list(line) for line in lines[:end]]
    for name in cited:
        if name in heading:
            continue
        allowed = max(1, len(name) // 10)
        for start in range(len(heading) - len(name) + 1):
            run = heading[start : start + len(name)]
            differ = [k for k, (a, b) in enumerate(zip(run, name)) if a != b]
            if 1 <= len(differ) <= allowed and all("\u4e00" <= run[k] <= "\u9fff" for k in differ):
                for k in differ:
                    i, column = where[start + k]
                    mended[i][column] = name[k]
                break
    return ["".join(chars) for chars in mended] + lines[end:]


#: a run of a title this long, one Han character off a run printed in the text below, is that run misread (the
#: character at least three from either end of the run, so both sides agree)
_HEADING_RUN = 10


def _mend_heading_by_body(lines: list[str]) -> list[str]:
    """A title's character misread where the text below prints the same words: a title is printed large and bold, the
    body in plain type, and the body reads right more often (…住院医师规范化塔训结业考核结果公示的通知 over a body printing
    规范化培训结业考核结果: tests/test_scans_heldout5.py). In the lines above the first sentence or addressee, a run of
    _HEADING_RUN characters one Han character off a run of the text below (neither end's three characters the one) takes
    the text's run when the text never prints the title's run as read. A title printing its words right, or words
    the text does not repeat, is left."""
    end = next((i for i, line in enumerate(lines) if "。" in line or line.rstrip().endswith(("：", ":"))), 0)
    if end == 0:
        return lines
    below = "".join(line.strip() for line in lines[end:])
    where = [(i, k) for i in range(end) for k in range(len(lines[i]))]
    heading = "".join(lines[i][k] for i, k in where)
    size = _HEADING_RUN
    runs: dict[str, set[str]] = {}  # a run of the text with its one character in the middle blanked: the runs so printed
    for start in range(len(below) - size + 1):
        run = below[start : start + size]
        for k in range(3, size - 3):
            runs.setdefault(run[:k] + "\0" + run[k + 1 :], set()).add(run)
    mended = [list(line) for line in lines[:end]]
    for start in range(len(heading) - size + 1):
        run = heading[start : start + size]
        if run in below:
            continue
        for k in range(3, size - 3):
            printed = runs.get(run[:k] + "\0" + run[k + 1 :], set())
            if len(printed) == 1 and "\u4e00" <= run[k] <= "\u9fff":
                right = next(iter(printed))[k]
                if "\u4e00" <= right <= "\u9fff":
                    i, column = where[start + k]
                    mended[i][column] = right
                    heading = heading[: start + k] + right + heading[start + k + 1 :]
                break
    return ["".join(chars) for chars in mended] + lines[end:]


def looks_unusable(text: str, min_chars: int = 10, max_bad_share: float = 0.3) -> bool:
    """A page text layer that is no text: fewer than min_chars visible characters, or mostly U+FFFD,
    private-use characters or (cid:N) glyph names (fonts without a Unicode map)."""
    text = re.sub(r"\(cid:\d+\)", "\ufffd", text)
    visible = [ch for ch in text if not ch.isspace()]
    if len(visible) < min_chars:
        return True
    bad = sum(1 for ch in visible if ch == "\ufffd" or 0xE000 <= ord(ch) <= 0xF8FF or ord(ch) >= 0xF0000)
    return bad / len(visible) > max_bad_share
