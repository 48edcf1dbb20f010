"""OCR through a small engine protocol; tesseract is the real engine, tests add fakes.

Pixel boxes become PDF points here and nowhere else: pt = px * 72 / dpi.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Protocol

from PIL import Image

from extract.errors import OcrFailed, OcrTimeout
from extract.options import OcrOptions
from schemas.document import Line, Word
from schemas.geometry import BBox


@dataclass
class OcrPage:
    lines: list[Line] = field(default_factory=list)
    mean_confidence: float | None = None


class OcrEngine(Protocol):
    name: str

    def version(self) -> str: ...

    def recognize(self, image: Image.Image, dpi: float, opts: OcrOptions) -> OcrPage: ...


def _line_from_words(line_no: int, items: list[tuple[str, BBox, float]]) -> Line:
    words, parts, pos = [], [], 0
    for text, box, conf in items:
        if parts:
            pos += 1
        words.append(Word(raw=text, text=text, span=(pos, pos + len(text)), bbox=box, confidence=conf))
        parts.append(text)
        pos += len(text)
    raw = " ".join(parts)
    return Line(line_no=line_no, raw=raw, text=raw, bbox=BBox.enclosing(w.bbox for w in words), words=words)


def lines_from_tesseract_data(data: dict[str, list], dpi: float) -> OcrPage:
    """Group tesseract's image_to_data rows into lines (block, paragraph, line) in its reading order."""
    scale = 72.0 / dpi
    grouped: dict[tuple[int, int, int], list[tuple[str, BBox, float]]] = {}
    confidences = []
    for i, text in enumerate(data["text"]):
        text = (text or "").strip()
        conf = float(data["conf"][i])
        if not text or conf < 0:
            continue
        left, top, width, height = (float(data[k][i]) for k in ("left", "top", "width", "height"))
        box = BBox(x0=left * scale, top=top * scale, x1=(left + width) * scale, bottom=(top + height) * scale)
        key = (int(data["block_num"][i]), int(data["par_num"][i]), int(data["line_num"][i]))
        grouped.setdefault(key, []).append((text, box, max(0.0, min(conf, 100.0)) / 100.0))
        confidences.append(max(0.0, min(conf, 100.0)) / 100.0)
    lines = [_line_from_words(n, items) for n, items in enumerate(grouped.values(), start=1)]
    mean = sum(confidences) / len(confidences) if confidences else None
    return OcrPage(lines=lines, mean_confidence=mean)


LOW_CONFIDENCE = 0.5  # below this mean word confidence, check whether the page is sideways


def unrotate_boxes(data: dict[str, list], rotation: int, width: int, height: int) -> dict[str, list]:
    """Map tesseract boxes found on an image turned `rotation` degrees clockwise back to the original.

    `width`/`height` are the original image's size.
    """
    out = dict(data)
    lefts, tops, widths, heights = [], [], [], []
    for left, top, w, h in zip(data["left"], data["top"], data["width"], data["height"], strict=True):
        x0, y0, x1, y1 = float(left), float(top), float(left) + float(w), float(top) + float(h)
        if rotation == 90:
            x0, y0, x1, y1 = y0, height - x1, y1, height - x0
        elif rotation == 180:
            x0, y0, x1, y1 = width - x1, height - y1, width - x0, height - y0
        elif rotation == 270:
            x0, y0, x1, y1 = width - y1, x0, width - y0, x1
        lefts.append(x0)
        tops.append(y0)
        widths.append(x1 - x0)
        heights.append(y1 - y0)
    out.update(left=lefts, top=tops, width=widths, height=heights)
    return out


class TesseractEngine:
    """tesseract through pytesseract, one OpenMP thread per process (workers are already parallel)."""

    name = "tesseract"

    def version(self) -> str:
        import pytesseract

        return str(pytesseract.get_tesseract_version())

    def recognize(self, image: Image.Image, dpi: float, opts: OcrOptions) -> OcrPage:
        # tesseract's own threading fights the per-document worker processes; one thread is faster.
        os.environ.setdefault("OMP_THREAD_LIMIT", "1")
        gray = image.convert("L")
        page = lines_from_tesseract_data(self._data(gray, dpi, opts), dpi)
        if page.mean_confidence is not None and page.mean_confidence >= LOW_CONFIDENCE:
            return page
        rotation = self._orientation(gray, opts)
        if not rotation:
            return page
        # PIL rotates counter-clockwise; OSD says how far clockwise the page must turn to be upright
        upright = gray.rotate(-rotation, expand=True)
        data = unrotate_boxes(self._data(upright, dpi, opts), rotation, gray.width, gray.height)
        turned = lines_from_tesseract_data(data, dpi)
        if (turned.mean_confidence or 0) > (page.mean_confidence or 0):
            return turned
        return page

    @staticmethod
    def _data(image: Image.Image, dpi: float, opts: OcrOptions) -> dict[str, list]:
        import pytesseract

        try:
            return pytesseract.image_to_data(image, lang=opts.lang, config=f"--psm 3 --dpi {int(dpi)}",
                                             output_type=pytesseract.Output.DICT, timeout=opts.timeout_s)
        except RuntimeError as exc:  # pytesseract raises RuntimeError on its timeout
            raise OcrTimeout(f"tesseract gave up after {opts.timeout_s:g} s") from exc
        except pytesseract.TesseractError as exc:
            raise OcrFailed(f"tesseract failed: {' '.join(str(exc.message).split())[:200]}") from exc

    @staticmethod
    def _orientation(image: Image.Image, opts: OcrOptions) -> int:
        """Clockwise degrees that make the page upright, from tesseract's OSD (0 when it cannot tell)."""
        import pytesseract

        try:
            osd = pytesseract.image_to_osd(image, config="--psm 0", output_type=pytesseract.Output.DICT,
                                           timeout=opts.timeout_s)
        except (RuntimeError, pytesseract.TesseractError):
            return 0  # too little text to tell: keep the page as rendered
        return int(osd.get("rotate", 0)) % 360
