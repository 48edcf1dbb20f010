"""Shared steps of the table finders: positioned words, rows from baselines, chunks, cell text.

Everything here is a module-level pure function over small frozen values, so each step can be
tested and inspected on its own (pdfplumber's table chain, STYLE.md §4.7).
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from schemas.document import Page
from schemas.geometry import BBox

# Words after which a hyphen at a line end is a Danish suspended compound ("Social- og sundhed"),
# not a hyphenation to be joined.
_KEEP_HYPHEN_BEFORE = frozenset({"og", "eller", "samt", "til", "&", "/", "og/eller"})
_NUMERIC = re.compile(r"^[-+−–(]?\d(?:[\d.,]*\d)?%?\)?$")


@dataclass(frozen=True)
class WordBox:
    """A positioned word: repaired `text`, ingest's `raw`, its box and where it came from."""

    text: str
    raw: str
    x0: float
    top: float
    x1: float
    bottom: float
    line_no: int
    confidence: float | None = None
    skew_dy: float = 0.0  # vertical drift of a skewed scan at this word's x; rows group on yc

    @property
    def xc(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def yc(self) -> float:
        return (self.top + self.bottom) / 2 - self.skew_dy

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def bbox(self) -> BBox:
        return BBox(x0=self.x0, top=self.top, x1=self.x1, bottom=self.bottom)


@dataclass(frozen=True)
class Row:
    """Words sharing a baseline, left to right."""

    words: tuple[WordBox, ...]

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def yc(self) -> float:
        return statistics.median(w.yc for w in self.words)


@dataclass(frozen=True)
class Chunk:
    """Words of one row standing close together: a cell candidate."""

    words: tuple[WordBox, ...]

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


_OCR_RULE = re.compile(r"^[|¦!\[\]]+$|^[_=—]{2,}$")


def page_words(page: Page) -> list[WordBox]:
    """The page's words that carry a box (PDF text layer or OCR), in ingest's order.

    On OCR pages, tokens that are ruling lines read as text ('|', '!', '___') are left out and bars
    stuck to a word's ends are cut off ('2025|' -> '2025'); raw keeps what OCR read.
    """
    out = []
    ocr = page.text_source == "ocr"
    slope = skew_slope(page) if ocr else 0.0
    for line in page.lines:
        for w in line.words:
            text = w.text.strip()
            if ocr:
                text = "" if _OCR_RULE.match(text) else text.strip("|¦")
                if _ocr_dust(text, w.confidence):
                    text = ""
            if w.bbox is None or not text:
                continue
            b = w.bbox
            out.append(WordBox(text, w.raw, b.x0, b.top, b.x1, b.bottom, line.line_no, w.confidence,
                               slope * (b.x0 + b.x1) / 2))
    return out


TABLE_MARKS = ("-", "–", "?", "%")  # the marks of an empty cell, and a percent sign set apart


def _ocr_dust(text: str, confidence: float | None) -> bool:
    """Punctuation OCR read from scan dust: a lone mark or two is never a table value (TABLE_MARKS
    excepted), and longer punctuation runs only count when OCR is sure of them."""
    if any(ch.isalnum() for ch in text) or text in TABLE_MARKS:
        return False
    return len(text) <= 2 or (confidence or 0) < 0.5


def skew_slope(page: Page) -> float:
    """How much a scanned page's lines drift down per point to the right: the median slope of the
    word bottoms of OCR lines at least 150 pt long (0 when unknown)."""
    slopes = []
    for line in page.lines:
        boxes = [w.bbox for w in line.words if w.bbox is not None]
        if len(boxes) >= 3 and boxes[-1].x1 - boxes[0].x0 >= 150:
            xs = [(b.x0 + b.x1) / 2 for b in boxes]
            ys = [b.bottom for b in boxes]
            mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
            var = sum((x - mx) ** 2 for x in xs)
            if var > 0:
                slopes.append(sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / var)
    return statistics.median(slopes) if slopes else 0.0


def median_height(words: Sequence[WordBox]) -> float:
    return statistics.median(w.height for w in words) if words else 10.0


def words_to_rows(words: Sequence[WordBox], tolerance: float | None = None) -> list[Row]:
    """Group words into rows: a word joins the row whose vertical centre is within `tolerance`.

    `tolerance` defaults to 0.45 x the median word height, small enough that two text lines never
    meet and large enough for OCR jitter.
    """
    if not words:
        return []
    tol = tolerance if tolerance is not None else 0.45 * median_height(words)
    rows: list[list[WordBox]] = []
    centres: list[float] = []
    for w in sorted(words, key=lambda w: (w.yc, w.x0)):
        if rows and abs(w.yc - centres[-1]) <= tol:
            rows[-1].append(w)
            centres[-1] = statistics.median(x.yc for x in rows[-1])
        else:
            rows.append([w])
            centres.append(w.yc)
    return [Row(tuple(sorted(r, key=lambda w: w.x0))) for r in rows]


def space_width(rows: Sequence[Row]) -> float:
    """Typical gap between two words of a line: the median of the in-row gaps narrower than half a
    text height (wider gaps are column gaps, which a table-heavy page has many of)."""
    gaps = []
    for r in rows:
        h = statistics.median(w.height for w in r.words)
        gaps += [b.x0 - a.x1 for a, b in zip(r.words, r.words[1:]) if 0 < b.x0 - a.x1 < 0.5 * h]
    return statistics.median(gaps) if gaps else 2.5


def chunk_gap(row: Row, space: float) -> float:
    """The gap that separates cells in a row: clearly wider than a space, 0.8 of the row's text height."""
    return max(2.0 * space, 0.8 * statistics.median(w.height for w in row.words))


def row_chunks(row: Row, gap: float) -> list[Chunk]:
    """Split a row into chunks wherever two words are more than `gap` apart."""
    chunks: list[list[WordBox]] = []
    for w in row.words:
        if chunks and w.x0 - max(x.x1 for x in chunks[-1]) <= gap:
            chunks[-1].append(w)
        else:
            chunks.append([w])
    return [Chunk(tuple(c)) for c in chunks]


def is_numeric(text: str) -> bool:
    """A token that reads as a number or percentage (Danish or English punctuation)."""
    t = text.replace(" ", "").replace("\u00a0", "")
    return bool(_NUMERIC.match(t)) or bool(re.match(r"^[-+−–]?\d(?:[\d.,]*\d)?%?\(\d(?:[\d.,]*\d)?%?\)$", t))


def join_pieces(pieces: Iterable[str]) -> str:
    """Join a cell's lines: a line-end hyphen before a lowercase word is a hyphenation and goes.

    'Brønders-' + 'lev' -> 'Brønderslev'; 'Social-' + 'og sundhed' keeps its hyphen; an
    underscore or slash at a line end joins without a space.
    """
    out = ""
    for piece in (p.strip() for p in pieces):
        if not piece:
            continue
        if not out:
            out = piece
            continue
        first = piece.split()[0]
        if (
            out.endswith("-")
            and len(out) > 1
            and out[-2].isalpha()
            and first[:1].islower()
            and first.lower() not in _KEEP_HYPHEN_BEFORE
        ):
            out = out[:-1] + piece
        elif out.endswith(("_", "/")):
            out += piece
        else:
            out += " " + piece
    return out


def words_text(words: Sequence[WordBox], attr: str = "text") -> str:
    """Text of a cell's words: lines top to bottom, words left to right, hyphenation undone."""
    if not words:
        return ""
    lines = words_to_rows(words)
    if attr == "raw":
        return " ".join(" ".join(w.raw for w in r.words) for r in lines)
    return join_pieces(" ".join(w.text for w in r.words) for r in lines)


def min_confidence(words: Sequence[WordBox]) -> float | None:
    scores = [w.confidence for w in words if w.confidence is not None]
    return min(scores) if scores else None


def enclosing(words: Sequence[WordBox]) -> BBox | None:
    return BBox.enclosing(w.bbox for w in words)


@dataclass(frozen=True)
class GridTable:
    """A table as found on one page, before it becomes a `schemas.tables.Table`.

    `cells[r][c]` are the words of one cell; `boxes[r][c]` its box (None when it has no words and
    no ruled box). `col_x` are the column boundaries left to right (n_cols + 1 values), used to
    decide whether a table on the next page continues this one.
    """

    method: str
    page_no: int
    bbox: BBox
    cells: tuple[tuple[tuple[WordBox, ...], ...], ...]
    boxes: tuple[tuple[BBox | None, ...], ...]
    col_x: tuple[float, ...]
    header_rows: int = 0
    notes: tuple[str, ...] = ()

    @property
    def n_rows(self) -> int:
        return len(self.cells)

    @property
    def n_cols(self) -> int:
        return len(self.cells[0]) if self.cells else 0

    def texts(self, attr: str = "text") -> list[list[str]]:
        return [[words_text(c, attr) for c in row] for row in self.cells]
