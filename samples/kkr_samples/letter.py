"""samples/brev_og_notat_bad_ocr_layer.pdf: a scan whose old, bad OCR layer is still in the file.

The page image shows the gold text of seed 000 lines 1350-1432 (agenda item 2.1 with the support
letter and its letterhead block, and the first page of item 3.1). Over it lies an invisible text
layer (render mode 3) holding the RAW seed OCR of the same lines, each placed on its image line and
stretched to the same width, as archive OCR layers are.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

import pypdfium2 as pdfium
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from .layout import register_fonts, width
from .scan import scan_page
from .sources import Sources

FIRST, LAST = 1350, 1432
AGENDA_RE = re.compile(r"^\d+\.\d+$")
LEFT, TOP = 70.0, 60.0
DPI = 200  # archive scans with an old OCR layer are often 200 dpi grayscale JPEG
META = {"title": "Siden sidst; KKR Nordjylland - evaluering", "author": "KKR Nordjylland (sample, kkr-extract)"}
DATE = "D:20250702141500+02'00'"


@dataclass
class PlacedLine:
    no: int
    text: str  # gold text shown in the image
    raw: str  # seed OCR text put in the invisible layer
    x: float
    baseline: float
    font: str
    size: float


@dataclass
class Built:
    pages: list[str]
    layer_pages: list[str]


def _pages(src: Sources) -> list[list[int]]:
    pages: list[list[int]] = []
    for n in range(FIRST, LAST + 1):
        if not pages or src.raw(n).startswith(" "):
            pages.append([])
        pages[-1].append(n)
    return pages


def _style(text: str, state: dict) -> tuple[str, float, float]:
    """(font, size, leading) from the line's look: agenda number, item title, logo, contact block."""
    if AGENDA_RE.match(text):
        state["title_next"] = True
        return "Sans-Bold", 14, 20
    if state.pop("title_next", False):
        return "Sans-Bold", 16, 22
    if text.startswith("Dato:"):
        state["contact"] = True
    if state.get("contact") or text.startswith("Side "):
        return "Sans", 8.5, 11
    if text.isupper() and len(text) <= 14:
        return "Sans-Bold", 15, 18
    return "Serif", 11.5, 14.5


def layout(src: Sources) -> list[list[PlacedLine]]:
    out = []
    for nos in _pages(src):
        y = A4[1] - TOP
        state: dict = {}
        placed = []
        for n in nos:
            text = src.gold[n].strip()
            if not text:
                y -= 7
                continue
            font, size, lead = _style(text, state)
            y -= lead
            placed.append(PlacedLine(n, text, src.raw(n).strip(), LEFT, y, font, size))
        out.append(placed)
    return out


def _visible_pdf(pages: list[list[PlacedLine]]) -> bytes:
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=A4, invariant=1)
    for placed in pages:
        for pl in placed:
            c.setFont(pl.font, pl.size)
            c.drawString(pl.x, pl.baseline, pl.text)
        c.showPage()
    c.save()
    return buf.getvalue()


def build(path, src: Sources, seed: int = 1350) -> Built:
    register_fonts()
    pages = layout(src)
    doc = pdfium.PdfDocument(_visible_pdf(pages))
    c = Canvas(str(path), pagesize=A4, invariant=1)
    c.setTitle(META["title"])
    c.setAuthor(META["author"])
    c.setCreator("kkr-extract samples/make_samples.py (scan with an old OCR layer)")
    c._doc.setDateFormatter(lambda *_: DATE)
    for i, placed in enumerate(pages):
        gray = doc[i].render(scale=DPI / 72, grayscale=True).to_pil().convert("L")
        img = scan_page(gray, seed=seed + i, skew=False, binarize=False, noise=2.5)
        jpeg = io.BytesIO()
        img.save(jpeg, "JPEG", quality=60, dpi=(DPI, DPI))
        jpeg.seek(0)
        c.drawImage(ImageReader(jpeg), 0, 0, A4[0], A4[1])
        t = c.beginText()
        t.setTextRenderMode(3)
        for pl in placed:
            t.setFont("Sans", pl.size)
            raw_w = width(pl.raw, "Sans", pl.size)
            shown_w = width(pl.text, pl.font, pl.size)
            t.setHorizScale(100.0 * shown_w / raw_w if raw_w else 100.0)
            t.setTextOrigin(pl.x, pl.baseline)
            t.textOut(pl.raw)
        c.drawText(t)
        c.showPage()
    c.save()
    return Built(["\n".join(pl.text for pl in p) for p in pages], ["\n".join(pl.raw for pl in p) for p in pages])
