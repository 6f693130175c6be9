"""A page photographed lying on a desk, from the side: the sheet is a four-sided shape (narrower at the far edge)
on a darker ground. Tesseract reads such a photo badly: lines run at different angles across the page, characters
shrink toward the far edge, and the desk around it becomes black blocks of "text". `flatten_page` finds the sheet's
four corners and maps it back to a rectangle (a perspective transform), so the page is read as if scanned.

Only a clear case is changed: the sheet must be one bright region covering between a fifth and 97% of the photo,
clearly brighter than what surrounds it, and four-sided (the region fills the shape its corners make). A scan (the
page is the whole image), a curled or half-covered sheet, or a page on a white table is left as it is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    from PIL.Image import Image

#: The sheet is looked for on a copy this wide (the corners are then scaled back to the photo).
_PROBE_PIXELS = 800
_MIN_SHARE, _MAX_SHARE = 0.2, 0.97
#: The sheet's mean grey level above the ground's by at least this much (a page on a white table is not found).
_MIN_CONTRAST = 40
#: The region and the four-sided shape of its corners must overlap by this share of their union (a curled sheet, a
#: hand over it: left as it is).
_MIN_FILL = 0.93
#: Every corner this share of the photo's size inside its edges (a sheet cut off by the frame is not guessed at).
_BORDER_MARGIN = 0.005
#: The band each side of the sheet's edge compared by _sharp_edge, as a share of the probe's size.
_EDGE_BAND = 0.01
#: Corners within this share of the photo's size from its own corners: the photo is the page already.
_SQUARE_ENOUGH = 0.02


def page_corners(image: Image) -> list[tuple[float, float]] | None:
    """The sheet's corners in the photo's pixels (top left, top right, bottom right, bottom left), or None when the
    photo shows no sheet clearly (see the module)."""
    import numpy as np
    from skimage.filters import threshold_otsu
    from skimage.measure import label, regionprops

    gray = image.convert("L")
    scale = min(1.0, _PROBE_PIXELS / max(gray.size))
    probe = gray.resize((max(1, round(gray.width * scale)), max(1, round(gray.height * scale)))) if scale < 1 else gray
    pixels = np.asarray(probe, dtype=np.float32)
    if pixels.size < 100 or float(pixels.max()) - float(pixels.min()) < _MIN_CONTRAST:
        return None
    bright = pixels > threshold_otsu(pixels)
    regions = label(bright, connectivity=2)
    if regions.max() == 0:
        return None
    total = pixels.size
    # The sheet is the bright region that holds the others (its holes filled): of a scan on a dark ground whose page
    # has a table in a thick frame, the table's inside is the larger region, and the page around it (title, 文号)
    # was cut away. Only a region whose box could hold a fifth of the photo is measured (text makes thousands).
    candidates = [region for region in regionprops(regions)
                  if (region.bbox[2] - region.bbox[0]) * (region.bbox[3] - region.bbox[1]) >= _MIN_SHARE * total]
    if not candidates:
        return None
    sheet = max(candidates, key=lambda region: region.area_filled)
    if not _MIN_SHARE * total <= sheet.area_filled <= _MAX_SHARE * total:
        return None
    inside = _filled(regions == sheet.label)
    if float(pixels[inside].mean()) - float(pixels[~inside].mean()) < _MIN_CONTRAST or not _sharp_edge(pixels, inside):
        return None
    if _bright_beyond(bright, sheet.bbox):
        return None  # paper on the far side of a dark band (a rule or banner across the page): a part of a sheet
    rows, cols = sheet.coords[:, 0].astype(np.float64), sheet.coords[:, 1].astype(np.float64)
    # The extreme points along the two diagonals: a sheet turned less than 45 degrees has its corners there.
    plus, minus = cols + rows, cols - rows
    picks = (int(np.argmin(plus)), int(np.argmax(minus)), int(np.argmax(plus)), int(np.argmin(minus)))
    corners = [(float(cols[i]), float(rows[i])) for i in picks]
    # The region against the shape its corners make (the holes that text makes in the region count as filled): the
    # two must cover each other (a sheet with a corner covered is five-sided: its region runs outside the shape).
    if _area(corners) < _MIN_SHARE * total or _overlap(inside, corners) < _MIN_FILL:
        return None
    height, width = pixels.shape
    margin = _BORDER_MARGIN * max(width, height)
    if any(not (margin <= x <= width - 1 - margin and margin <= y <= height - 1 - margin) for x, y in corners):
        return None  # a corner on the photo's edge: the sheet goes on beyond it, its shape is not known
    frame = [(0.0, 0.0), (width - 1.0, 0.0), (width - 1.0, height - 1.0), (0.0, height - 1.0)]
    if all(abs(x - fx) <= _SQUARE_ENOUGH * width and abs(y - fy) <= _SQUARE_ENOUGH * height
           for (x, y), (fx, fy) in zip(corners, frame)):
        return None
    return [((x + 0.5) / scale - 0.5, (y + 0.5) / scale - 0.5) for x, y in corners]


def flatten_page(image: Image) -> tuple[Image, bool]:
    """The sheet mapped back to a rectangle (grey levels), and whether it was; the image as it is when no sheet
    is found clearly. About 0.3 s for a 12-megapixel photo."""
    corners = page_corners(image)
    if corners is None:
        return image, False
    import numpy as np
    from PIL import Image as PILImage
    from skimage.transform import ProjectiveTransform, warp

    (tlx, tly), (trx, try_), (brx, bry), (blx, bly) = corners
    width = round(max(np.hypot(trx - tlx, try_ - tly), np.hypot(brx - blx, bry - bly)))
    height = round(max(np.hypot(blx - tlx, bly - tly), np.hypot(brx - trx, bry - try_)))
    if width < 50 or height < 50:
        return image, False
    target = [(0.0, 0.0), (width - 1.0, 0.0), (width - 1.0, height - 1.0), (0.0, height - 1.0)]
    matrix = _homography(target, corners)  # maps the flat page to the photo
    if matrix is None:
        return image, False
    transform = ProjectiveTransform(matrix=matrix)
    gray = np.asarray(image.convert("L"), dtype=np.float32) / 255.0
    flat = warp(gray, transform, output_shape=(height, width), order=1, mode="constant", cval=1.0, preserve_range=True)
    return PILImage.fromarray(np.clip(flat * 255.0 + 0.5, 0, 255).astype(np.uint8)), True


def _sharp_edge(pixels: np.ndarray, inside: np.ndarray) -> bool:
    """Whether the sheet's edge is a step (paper against desk), not a slope: a page lit unevenly, darker toward one
    corner, has a bright part too, bounded where the light falls below the threshold, with the same grey each side."""
    from scipy.ndimage import binary_dilation, binary_erosion

    band = max(2, round(_EDGE_BAND * max(pixels.shape)))
    outer = binary_dilation(inside, iterations=band) & ~inside
    inner = inside & ~binary_erosion(inside, iterations=band)
    if not outer.any() or not inner.any():
        return False
    return float(pixels[inner].mean()) - float(pixels[outer].mean()) >= 0.75 * _MIN_CONTRAST


def _bright_beyond(bright: np.ndarray, bbox: tuple[int, int, int, int]) -> bool:
    """Whether, past a gap, the strip beyond any side of the region's box is mostly bright: what lies around a sheet
    is the desk (dark) or the photo's edge, never more paper."""
    height, width = bright.shape
    gap = max(2, round(0.015 * max(height, width)))
    depth = max(3, round(0.03 * max(height, width)))
    top, left, bottom, right = bbox
    strips = (
        bright[max(0, top - gap - depth): max(0, top - gap), left:right],
        bright[min(height, bottom + gap): min(height, bottom + gap + depth), left:right],
        bright[top:bottom, max(0, left - gap - depth): max(0, left - gap)],
        bright[top:bottom, min(width, right + gap): min(width, right + gap + depth)],
    )
    return any(strip.size >= depth and float(strip.mean()) > 0.5 for strip in strips)


def _homography(source: list[tuple[float, float]], target: list[tuple[float, float]]) -> np.ndarray | None:
    """The 3x3 matrix mapping four points onto four others (eight equations, eight unknowns), None when they are
    degenerate (three in a line). Solved here: scikit-image's estimate() changes its API between versions."""
    import numpy as np

    rows: list[tuple[float, ...]] = []
    values: list[float] = []
    for (x, y), (u, v) in zip(source, target):
        rows.append((x, y, 1.0, 0.0, 0.0, 0.0, -x * u, -y * u))
        rows.append((0.0, 0.0, 0.0, x, y, 1.0, -x * v, -y * v))
        values.extend((u, v))
    try:
        solved = np.linalg.solve(np.array(rows), np.array(values))
    except np.linalg.LinAlgError:
        return None
    return np.append(solved, 1.0).reshape(3, 3)


def _filled(mask: np.ndarray) -> np.ndarray:
    from scipy.ndimage import binary_fill_holes

    return binary_fill_holes(mask)


def _overlap(region: np.ndarray, corners: list[tuple[float, float]]) -> float:
    """Intersection over union of a region and the polygon of `corners` (x, y)."""
    import numpy as np
    from skimage.draw import polygon

    shape = np.zeros(region.shape, dtype=bool)
    rows, cols = polygon([y for _, y in corners], [x for x, _ in corners], shape=region.shape)
    shape[rows, cols] = True
    union = np.count_nonzero(shape | region)
    return np.count_nonzero(shape & region) / union if union else 0.0


def _area(points: list[tuple[float, float]]) -> float:
    """The shoelace formula."""
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1]))) / 2.0
