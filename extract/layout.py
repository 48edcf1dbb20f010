"""Words with boxes into lines in reading order (text-layer pages; OCR pages come grouped by tesseract)."""

from __future__ import annotations

from dataclasses import dataclass

import pypdfium2 as pdfium

from schemas.document import Line, Word
from schemas.geometry import BBox

# A gap wider than a fifth of the font size splits words. Relative to the size, unlike pdfplumber's
# fixed 3 pt default, which fuses words in small type set without space characters.
WORD_X_TOLERANCE_RATIO = 0.2
WORD_Y_TOLERANCE = 3.0
LINE_OVERLAP = 0.5  # a word joins a line when they share half of the smaller height


@dataclass(frozen=True)
class PositionedWord:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float


def words_from_plumber_page(page) -> list[PositionedWord]:
    words = page.extract_words(x_tolerance_ratio=WORD_X_TOLERANCE_RATIO, y_tolerance=WORD_Y_TOLERANCE,
                               keep_blank_chars=False)
    return [PositionedWord(w["text"], float(w["x0"]), float(w["top"]), float(w["x1"]), float(w["bottom"]))
            for w in words if w["text"].strip()]


def _vertical_overlap(a_top: float, a_bottom: float, b_top: float, b_bottom: float) -> float:
    inter = min(a_bottom, b_bottom) - max(a_top, b_top)
    smaller = max(min(a_bottom - a_top, b_bottom - b_top), 1e-6)
    return inter / smaller


def group_lines(words: list[PositionedWord]) -> list[list[PositionedWord]]:
    """Cluster words into lines by vertical overlap; lines top to bottom, words left to right."""
    lines: list[dict] = []
    for word in sorted(words, key=lambda w: (w.top, w.x0)):
        for line in reversed(lines[-4:]):  # words arrive sorted by top, so only recent lines can match
            if _vertical_overlap(line["top"], line["bottom"], word.top, word.bottom) >= LINE_OVERLAP:
                line["words"].append(word)
                line["top"] = min(line["top"], word.top)
                line["bottom"] = max(line["bottom"], word.bottom)
                break
        else:
            lines.append({"top": word.top, "bottom": word.bottom, "words": [word]})
    lines.sort(key=lambda ln: (ln["top"], min(w.x0 for w in ln["words"])))
    return [sorted(ln["words"], key=lambda w: w.x0) for ln in lines]


def line_model(line_no: int, words: list[PositionedWord], confidence: float | None = 1.0) -> Line:
    models, pos = [], 0
    for i, w in enumerate(words):
        if i:
            pos += 1
        box = BBox(x0=w.x0, top=w.top, x1=max(w.x1, w.x0), bottom=max(w.bottom, w.top))
        models.append(Word(raw=w.text, text=w.text, span=(pos, pos + len(w.text)), bbox=box, confidence=confidence))
        pos += len(w.text)
    raw = " ".join(w.text for w in words)
    return Line(line_no=line_no, raw=raw, text=raw, bbox=BBox.enclosing(m.bbox for m in models), words=models)


def line_models(words: list[PositionedWord]) -> list[Line]:
    return [line_model(n, ws) for n, ws in enumerate(group_lines(words), start=1)]


def words_from_pdfium_page(page: pdfium.PdfPage) -> list[PositionedWord]:
    """Words from pdfium's text page (used when pdfminer cannot parse the file)."""
    textpage = page.get_textpage()
    try:
        width, height = page.get_size()
        words, chars = [], []

        def flush() -> None:
            if chars:
                words.append(PositionedWord("".join(c[0] for c in chars), min(c[1] for c in chars),
                                            min(c[2] for c in chars), max(c[3] for c in chars),
                                            max(c[4] for c in chars)))
                chars.clear()

        text = textpage.get_text_range()
        for i, ch in enumerate(text[: textpage.count_chars()]):
            if ch.isspace():
                flush()
                continue
            left, bottom, right, top = textpage.get_charbox(i)
            # pdfium boxes are bottom-left origin; the model is top-left
            chars.append((ch, max(0.0, left), max(0.0, height - top), min(width, right), min(height, height - bottom)))
        flush()
        return words
    finally:
        textpage.close()


def lines_from_pdfium_page(page: pdfium.PdfPage) -> list[Line]:
    return line_models(words_from_pdfium_page(page))
