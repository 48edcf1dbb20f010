"""Geometry of scanned page images: skew estimation, deskewing, and ruling lines found in pixels.

Scans are a degree or so off level; tesseract copes, but table borders do not line up with the
words unless the page is levelled first. Ruling lines of scanned tables exist only as pixels, so
they are found here and handed to the same ruled-table finder that born-digital pages use.
"""

from __future__ import annotations

import cv2
import numpy as np
from PIL import Image

from schemas.document import Rule
from schemas.geometry import BBox

MAX_SKEW_DEGREES = 3.0  # beyond this a page is rotated, not skewed (OSD handles 90-degree turns)
SKEW_STEP_DEGREES = 0.1
MIN_SKEW_DEGREES = 0.05  # smaller corrections only blur the image
ANALYSIS_WIDTH = 1000  # the skew search runs on a downscaled copy: fast and precise enough
MIN_RULE_INCHES = {"h": 0.4, "v": 0.3}  # longer than any letter stroke at text sizes, shorter than a table
SPECKLE_PIXELS_AT_300_DPI = 8  # ink blobs this small are scanner dust: an i-dot at 9 pt is about twice that


def _ink(gray: np.ndarray) -> np.ndarray:
    """Binary mask of dark pixels (ink = 255) by Otsu's threshold."""
    _, mask = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    return mask


def _rotate(array: np.ndarray, degrees: float, fill: int) -> np.ndarray:
    height, width = array.shape[:2]
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), degrees, 1.0)
    return cv2.warpAffine(array, matrix, (width, height), flags=cv2.INTER_LINEAR, borderValue=fill)


def estimate_skew(image: Image.Image) -> float:
    """Degrees (counter-clockwise positive, as PIL and OpenCV rotate) that level the text lines.

    Projection profile: when the lines are level, the rows of the page alternate sharply between
    ink and paper, so the variance of the row sums peaks at the right angle.
    """
    gray = np.asarray(image.convert("L"))
    scale = min(1.0, ANALYSIS_WIDTH / gray.shape[1])
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else gray
    ink = _ink(small)
    if ink.mean() < 0.5:  # a blank page has no lines to level
        return 0.0
    angles = np.arange(-MAX_SKEW_DEGREES, MAX_SKEW_DEGREES + 1e-9, SKEW_STEP_DEGREES)
    scores = [float(np.var(_rotate(ink, a, 0).sum(axis=1))) for a in angles]
    best = float(angles[int(np.argmax(scores))])
    return best if abs(best) >= MIN_SKEW_DEGREES else 0.0


def deskew(image: Image.Image, degrees: float) -> Image.Image:
    if not degrees:
        return image
    gray = np.asarray(image.convert("L"))
    return Image.fromarray(_rotate(gray, degrees, 255))


def despeckle(image: Image.Image, dpi: float) -> Image.Image:
    """Remove isolated ink blobs too small to be part of a glyph (OCR reads dust as ' . i)."""
    gray = np.asarray(image.convert("L"))
    count, labels, stats, _ = cv2.connectedComponentsWithStats(_ink(gray), connectivity=8)
    limit = SPECKLE_PIXELS_AT_300_DPI * (dpi / 300) ** 2
    dust = np.zeros(count, dtype=bool)
    dust[1:] = stats[1:, cv2.CC_STAT_AREA] <= limit
    if not dust.any():
        return image
    cleaned = gray.copy()
    cleaned[dust[labels]] = 255
    return Image.fromarray(cleaned)


def rules_from_image(image: Image.Image, dpi: float) -> list[Rule]:
    """Horizontal and vertical ruling lines drawn in the image, as boxes in PDF points."""
    ink = _ink(np.asarray(image.convert("L")))
    scale = 72.0 / dpi
    rules = []
    for orientation, inches in MIN_RULE_INCHES.items():
        length = max(10, int(inches * dpi))
        shape = (length, 1) if orientation == "h" else (1, length)
        kernel = cv2.getStructuringElement(cv2.MORPH_RECT, shape)
        lines = cv2.morphologyEx(ink, cv2.MORPH_OPEN, kernel)
        count, _, stats, _ = cv2.connectedComponentsWithStats(lines, connectivity=8)
        for left, top, width, height, _ in stats[1:count]:
            box = BBox(x0=left * scale, top=top * scale, x1=(left + width) * scale, bottom=(top + height) * scale)
            rules.append(Rule(orientation=orientation, bbox=box))
    return rules
