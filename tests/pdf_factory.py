"""Small PDFs made on the fly for tests: born-digital, image-only scans, scans with a bad OCR layer."""

from __future__ import annotations

import io
import random

import pypdfium2 as pdfium
from PIL import Image, ImageFilter
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

FONT_PATH = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
FONT = "DejaVuSans"
LEADING = 16


def _register_font() -> None:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, FONT_PATH))


def _draw_lines(c: canvas.Canvas, lines: list[str], size: float, invisible: bool) -> None:
    """Lines top-down from 70 pt below the top, 60 pt in (render mode 3 = invisible when asked)."""
    text = c.beginText(60, A4[1] - 70)
    text.setFont(FONT, size)
    text.setLeading(LEADING)
    if invisible:
        text.setTextRenderMode(3)
    for line in lines:
        text.textLine(line)
    c.drawText(text)


def text_pdf(pages: list[list[str]], size: float = 11, invisible: bool = False) -> bytes:
    """A born-digital PDF: each page's lines typeset top-down."""
    _register_font()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    for lines in pages:
        _draw_lines(c, lines, size, invisible)
        c.showPage()
    c.save()
    return buf.getvalue()


def render_pages(pdf: bytes, dpi: int = 300) -> list[Image.Image]:
    doc = pdfium.PdfDocument(pdf)
    try:
        return [doc[i].render(scale=dpi / 72, grayscale=True).to_pil() for i in range(len(doc))]
    finally:
        doc.close()


def scan(image: Image.Image, seed: int, skew_degrees: float = 0.6) -> Image.Image:
    """Scanner look: slight skew, blur, speckle noise."""
    rng = random.Random(seed)
    img = image.convert("L").rotate(skew_degrees, resample=Image.BICUBIC, fillcolor=255)
    img = img.filter(ImageFilter.GaussianBlur(0.6))
    pixels = img.load()
    for _ in range(img.width * img.height // 4000):
        pixels[rng.randrange(img.width), rng.randrange(img.height)] = rng.choice((0, 90, 170))
    return img


def images_pdf(images: list[Image.Image], dpi: int = 300) -> bytes:
    """An image-only PDF (no text layer) from page images."""
    buf = io.BytesIO()
    first, *rest = [im.convert("L") for im in images]
    first.save(buf, format="PDF", save_all=True, append_images=rest, resolution=dpi)
    return buf.getvalue()


def scanned_pdf(pages: list[list[str]], seed: int = 7) -> bytes:
    return images_pdf([scan(im, seed + i) for i, im in enumerate(render_pages(text_pdf(pages)))])


def bad_layer_pdf(pages: list[list[str]], layer_pages: list[list[str]], seed: int = 11) -> bytes:
    """Scans showing `pages`, with an invisible text layer holding `layer_pages` (old, bad OCR)."""
    _register_font()
    scans = [scan(im, seed + i, 0.0) for i, im in enumerate(render_pages(text_pdf(pages), dpi=150))]
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    for image, lines in zip(scans, layer_pages, strict=True):
        img_buf = io.BytesIO()
        image.save(img_buf, format="PNG")
        img_buf.seek(0)
        c.drawImage(ImageReader(img_buf), 0, 0, width=A4[0], height=A4[1])
        _draw_lines(c, lines, 11, invisible=True)
        c.showPage()
    c.save()
    return buf.getvalue()
