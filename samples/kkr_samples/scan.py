"""Scan simulation: render born-digital pages and make them look scanned (deterministic per seed).

Noise model, in order: slight blur (optics), uneven paper background (a smooth random field),
sensor noise, a small skew (0.3-1.0 degrees, random sign, different per page), then either a
fixed global threshold to 1 bit with a sprinkling of dust specks (stored as CCITT G4) or grayscale.
"""

from __future__ import annotations

import datetime as dt

import cv2
import numpy as np
import pypdfium2 as pdfium
from PIL import Image

DPI = 300


def scan_page(gray: Image.Image, seed: int, skew: bool = True, binarize: bool = True, noise: float = 7.0) -> Image.Image:
    rng = np.random.default_rng(seed)
    a = np.asarray(gray, dtype=np.float32)
    h, w = a.shape
    a = cv2.GaussianBlur(a, (0, 0), 0.7)
    field = rng.random((5, 4)).astype(np.float32)
    field = cv2.resize(field, (w, h), interpolation=cv2.INTER_CUBIC)
    paper = 255.0 - 14.0 - 26.0 * np.clip(field, 0, 1)  # paper between ~215 and ~241
    a = a / 255.0 * paper
    a += rng.normal(0.0, noise, size=a.shape).astype(np.float32)
    if skew:
        angle = float(rng.uniform(0.3, 1.0) * rng.choice([-1.0, 1.0]))
        m = cv2.getRotationMatrix2D((w / 2.0, h / 2.0), angle, 1.0)
        a = cv2.warpAffine(a, m, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
    a = np.clip(a, 0, 255)
    if not binarize:
        return Image.fromarray(a.astype(np.uint8), "L")
    ink = a < 150.0
    n_specks = int(rng.integers(150, 320))
    ys = rng.integers(0, h, n_specks)
    xs = rng.integers(0, w, n_specks)
    rs = rng.integers(1, 3, n_specks)
    img = np.where(ink, 0, 255).astype(np.uint8)
    for y, x, r in zip(ys, xs, rs, strict=True):
        cv2.circle(img, (int(x), int(y)), int(r), 0, -1)
    return Image.fromarray(img, "L").convert("1", dither=Image.Dither.NONE)


def scan_pdf(src_pdf, out_pdf, seed: int, title: str, date: dt.datetime) -> int:
    """Render every page of src_pdf at 300 dpi, add scan noise, write an image-only PDF (CCITT G4)."""
    doc = pdfium.PdfDocument(str(src_pdf))
    pages = []
    for i in range(len(doc)):
        gray = doc[i].render(scale=DPI / 72, grayscale=True).to_pil().convert("L")
        pages.append(scan_page(gray, seed=seed + i))
    pages[0].save(
        str(out_pdf), "PDF", save_all=True, append_images=pages[1:], resolution=float(DPI),
        title=title, author="KKR Nordjylland (sample, kkr-extract)", creator="kkr-extract samples/make_samples.py (scan)",
        producer="Pillow", creationDate=date.timetuple(), modDate=date.timetuple(),
    )
    return len(pages)
