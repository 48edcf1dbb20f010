"""A small line-based typesetter on the reportlab canvas that records exactly what it draws.

Each drawn text line is recorded per page in visual order (top to bottom, parts left to right
joined by one space), which is what ``pdfplumber``'s ``extract_text`` gives back modulo whitespace.
Tables are drawn cell by cell with our own wrapping, so their cells are known exactly too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

FONT_DIR = Path("/usr/share/fonts/truetype/liberation2")
FONTS = {
    "Sans": "LiberationSans-Regular.ttf",
    "Sans-Bold": "LiberationSans-Bold.ttf",
    "Serif": "LiberationSerif-Regular.ttf",
    "Serif-Bold": "LiberationSerif-Bold.ttf",
}
FONT_CHECK = "å ø æ Å Ø Æ – ” ’ § ½ • —"


def register_fonts() -> None:
    """Register the embedded TrueType fonts (subset-embedded by reportlab) and check Danish glyphs."""
    for name, file in FONTS.items():
        if name in pdfmetrics.getRegisteredFontNames():
            continue
        font = TTFont(name, str(FONT_DIR / file))
        missing = [c for c in FONT_CHECK if c != " " and ord(c) not in font.face.charToGlyph]
        if missing:
            raise RuntimeError(f"font {file} lacks glyphs {missing}")
        pdfmetrics.registerFont(font)


def width(text: str, font: str, size: float) -> float:
    return pdfmetrics.stringWidth(text, font, size)


@dataclass
class Part:
    """A run of text on one line: x offset from the left margin, font and size."""

    x: float
    text: str
    font: str = "Sans"
    size: float = 10.0
    align: str = "left"  # "left" or "right" (then x is the right edge)
    room: float | None = None  # the most width the text may take (it is shrunk to fit)


@dataclass
class TableSpec:
    """A table to typeset. ``rows`` hold plain cell strings; explicit newlines force line breaks."""

    table_id: str
    col_widths: list[float]
    rows: list[list[str]]
    header_rows: int = 1
    ruled: bool = True
    repeat_header: bool = True
    size: float = 9.0
    leading: float = 11.0
    pad: float = 3.0
    align: list[str] | None = None  # per column: "left" / "right"
    spans: list[tuple[int, int, int]] = field(default_factory=list)  # (row, col, colspan)
    bold_rows: set[int] = field(default_factory=set)  # body rows set in bold (header rows always are)
    caption: str = ""
    pages: list[int] = field(default_factory=list)  # filled when drawn
    source_lines: tuple[int, int] | None = None


class Typesetter:
    """Draws lines top-down on pages, breaking pages when needed, and records the text per page."""

    def __init__(self, path, pagesize=A4, margins=(50, 50, 45, 50), meta: dict | None = None):
        register_fonts()
        self.canvas = Canvas(str(path), pagesize=pagesize, invariant=1, pageCompression=1)
        meta = meta or {}
        self.canvas.setTitle(meta.get("title", ""))
        self.canvas.setAuthor(meta.get("author", ""))
        self.canvas.setSubject(meta.get("subject", ""))
        self.canvas.setCreator(meta.get("creator", "kkr-extract samples/make_samples.py"))
        stamp = meta.get("date", "D:20250101120000+01'00'")
        self.canvas._doc.setDateFormatter(lambda *_: stamp)
        self.pw, self.ph = pagesize
        self.left, self.top, self.right, self.bottom = margins
        self.avail = self.pw - self.left - self.right
        self.pages: list[list[str]] = [[]]
        self.y = self.ph - self.top
        self.page_used = False
        self.tables: list[TableSpec] = []

    # ------------------------------------------------------------------ pages
    @property
    def page_no(self) -> int:
        return len(self.pages)

    def new_page(self) -> None:
        if not self.page_used:
            return
        self.canvas.showPage()
        self.pages.append([])
        self.y = self.ph - self.top
        self.page_used = False

    def space(self, h: float) -> None:
        if self.page_used:
            self.y -= h

    def ensure(self, h: float) -> None:
        if self.y - h < self.bottom:
            self.new_page()

    # ------------------------------------------------------------------ text
    def line(self, parts: list[Part], leading: float) -> None:
        """Draw one visual line made of parts; shrink a part that would overflow the right margin."""
        self.ensure(leading)
        self.y -= leading
        self.draw_parts(parts, self.y)
        self.page_used = True

    def draw_parts(self, parts: list[Part], baseline: float, record: bool = True) -> None:
        texts = []
        for p in sorted(parts, key=lambda p: p.x):
            if not p.text:
                continue
            size = p.size
            room = self.avail - p.x if p.align == "left" else p.x
            if p.room is not None:
                room = min(room, p.room)
            w = width(p.text, p.font, size)
            if w > room:
                size = size * room / w
                w = width(p.text, p.font, size)
            x = self.left + p.x if p.align == "left" else self.left + p.x - w
            self.canvas.setFont(p.font, size)
            self.canvas.drawString(x, baseline, p.text)
            texts.append(p.text)
        if record and texts:
            self.pages[-1].append(" ".join(texts))

    # ------------------------------------------------------------------ tables
    def table(self, spec: TableSpec) -> None:
        """Draw a table row by row; rows that do not fit go to the next page (header repeated if asked)."""
        wrapped = [self._wrap_row(spec, r, row) for r, row in enumerate(spec.rows)]
        heights = [len(max(cells, key=len)) * spec.leading + 2 * spec.pad for cells in wrapped]
        head = list(range(spec.header_rows))
        head_h = sum(heights[r] for r in head)
        self.ensure(head_h + (heights[spec.header_rows] if len(heights) > spec.header_rows else 0))
        for r in range(len(spec.rows)):
            if r >= spec.header_rows and self.y - heights[r] < self.bottom:
                self.new_page()
                if spec.repeat_header:
                    for h in head:
                        self._draw_row(spec, h, wrapped[h], heights[h])
            self._draw_row(spec, r, wrapped[r], heights[r])
        self.tables.append(spec)

    def _cell_extents(self, spec: TableSpec, r: int) -> list[tuple[int, float, float]]:
        """(col, x0, width) for each drawn cell of row r, honouring column spans."""
        spans = {(sr, sc): n for sr, sc, n in spec.spans}
        out, c, xs = [], 0, [0.0]
        for w in spec.col_widths:
            xs.append(xs[-1] + w)
        while c < len(spec.col_widths):
            n = spans.get((r, c), 1)
            out.append((c, xs[c], xs[c + n] - xs[c]))
            c += n
        return out

    @staticmethod
    def _font(spec: TableSpec, r: int) -> str:
        return "Sans-Bold" if r < spec.header_rows or r in spec.bold_rows else "Sans"

    def _wrap_row(self, spec: TableSpec, r: int, row: list[str]) -> list[list[str]]:
        font = self._font(spec, r)
        cells = []
        for c, x0, w in self._cell_extents(spec, r):
            lines: list[str] = []
            for piece in (row[c] or "").split("\n"):
                lines.extend(simpleSplit(piece, font, spec.size, w - 2 * spec.pad) or [""])
            cells.append(lines if any(lines) else [])
        return cells

    def _draw_row(self, spec: TableSpec, r: int, cells: list[list[str]], h: float) -> None:
        font = self._font(spec, r)
        top = self.y
        extents = self._cell_extents(spec, r)
        c = self.canvas
        if spec.ruled:
            c.setLineWidth(0.6)
            for _, x0, w in extents:
                c.rect(self.left + x0, top - h, w, h, stroke=1, fill=0)
        n_lines = max((len(cl) for cl in cells), default=0)
        for i in range(n_lines):
            baseline = top - spec.pad - spec.size * 0.95 - i * spec.leading
            parts = []
            for (col, x0, w), lines in zip(extents, cells, strict=True):
                if i >= len(lines) or not lines[i]:
                    continue
                align = (spec.align or ["left"] * len(spec.col_widths))[col]
                if r < spec.header_rows and align == "right":
                    align = "left"
                if align == "right":
                    parts.append(Part(x0 + w - spec.pad, lines[i], font, spec.size, "right", w - 2 * spec.pad))
                else:
                    parts.append(Part(x0 + spec.pad, lines[i], font, spec.size, room=w - 2 * spec.pad))
            self.draw_parts(parts, baseline)
        self.y = top - h
        self.page_used = True
        if not spec.pages or spec.pages[-1] != self.page_no:
            spec.pages.append(self.page_no)

    # ------------------------------------------------------------------ finish
    def save(self) -> list[str]:
        self.canvas.showPage()
        self.canvas.save()
        return ["\n".join(lines) for lines in self.pages]
