"""Tables stage: `find_tables(doc) -> list[Table]`, a pure function over the document model.

Per page, by what the page carries:
  PDF page with ruling lines  -> tables_ruled (pdfplumber's chain on Page.rules)
  words with boxes left over  -> tables_positions (columns from x-positions, rows from baselines)
  text-file page (no boxes)   -> tables_text (aligned or number-dense lines only)
then, as a separate explicit step, `join_continued` joins a table that goes on over a page break
when the columns match. `trace_tables` returns the same tables with a `TableTrace` of every
intermediate (edges, intersections, cells, rows, chunks, regions, separators, joins).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from extract.tables_positions import PositionsTrace, find_positioned
from extract.tables_ruled import RuledTrace, find_ruled
from extract.tables_text import TextTable, find_text_tables
from extract.tables_words import GridTable, min_confidence, page_words, words_text
from schemas.document import Document, Page
from schemas.geometry import BBox
from schemas.tables import Cell, Table, TableMethod, TablePart


@dataclass
class PartCell:
    text: str
    raw: str
    bbox: BBox | None
    line_no: int | None
    confidence: float | None


@dataclass
class PagePart:
    """One page's table in a method-independent form: the unit that page joins work on."""

    method: TableMethod
    page_no: int
    bbox: BBox | None
    rows: list[list[PartCell]]
    header_rows: int
    col_x: tuple[float, ...] = ()
    page_height: float | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def n_cols(self) -> int:
        return max((len(r) for r in self.rows), default=0)

    def header_texts(self) -> list[str]:
        return [_norm(c.text) for c in self.rows[0]] if self.header_rows and self.rows else []


@dataclass
class PageTrace:
    page_no: int
    text_source: str
    ruled: RuledTrace | None = None
    positions: PositionsTrace | None = None
    text_tables: list[TextTable] = field(default_factory=list)
    parts: list[PagePart] = field(default_factory=list)


@dataclass
class TableTrace:
    """Every intermediate of one run, for the audit report and notebooks."""

    pages: list[PageTrace] = field(default_factory=list)
    joins: list[tuple[int, int]] = field(default_factory=list)  # (page_no, next page_no) of joined parts


def _norm(text: str) -> str:
    return " ".join(text.casefold().split())


def grid_part(grid: GridTable, page_height: float | None) -> PagePart:
    rows = [
        [
            PartCell(
                words_text(words),
                words_text(words, "raw"),
                grid.boxes[r][c],
                min((w.line_no for w in words), default=None),
                min_confidence(words),
            )
            for c, words in enumerate(row)
        ]
        for r, row in enumerate(grid.cells)
    ]
    return PagePart(grid.method, grid.page_no, grid.bbox, rows, grid.header_rows, grid.col_x, page_height,
                    list(grid.notes))


def text_part(table: TextTable) -> PagePart:
    width = max(len(r.fields) for r in table.rows)
    drop_label = all(not r.fields[0] for r in table.rows) and table.kind == "numbers"
    rows = []
    for r in table.rows:
        fields = list(r.fields) + [""] * (width - len(r.fields))
        raws = list(r.raw) + [""] * (width - len(r.raw))
        cells = [PartCell(f, raw, None, r.line_nos[0], None) for f, raw in zip(fields, raws)]
        rows.append(cells[1:] if drop_label else cells)
    return PagePart("text", table.page_no, None, rows, table.header_rows)


def page_parts(page: Page) -> tuple[list[PagePart], PageTrace]:
    """The tables of one page, in reading order (top to bottom)."""
    trace = PageTrace(page.page_no, page.text_source)
    if page.status != "ok":
        return [], trace
    words = page_words(page)
    if not words:
        trace.text_tables = find_text_tables(page.lines, page.page_no)
        trace.parts = [text_part(t) for t in trace.text_tables]
        return trace.parts, trace
    grids: list[GridTable] = []
    if page.rules:
        ruled, used, trace.ruled = find_ruled(page.rules, words, page.page_no)
        grids += ruled
        words = [w for i, w in enumerate(words) if i not in used]
    positioned, trace.positions = find_positioned(words, page.page_no)
    grids += positioned
    grids.sort(key=lambda g: (g.bbox.top, g.bbox.x0))
    trace.parts = [grid_part(g, page.height) for g in grids]
    return trace.parts, trace


def _columns_match(a: PagePart, b: PagePart) -> bool:
    if a.method != b.method or a.n_cols != b.n_cols or a.n_cols < 2:
        return False
    if a.method == "text" or not a.col_x or not b.col_x:
        return True
    width = max(a.col_x[-1] - a.col_x[0], b.col_x[-1] - b.col_x[0], 1.0)
    return all(abs(x - y) <= 0.06 * width for x, y in zip(a.col_x[1:-1], b.col_x[1:-1]))


def continues(a: PagePart, b: PagePart) -> bool:
    """b (first table on the next page) continues a (last table on its page): same method and
    columns, and b either has no header or repeats a's."""
    if b.page_no != a.page_no + 1 or not _columns_match(a, b):
        return False
    if b.header_rows and not _same_header(a.header_texts(), b.header_texts()):
        return False
    return True


HEADER_SIMILARITY = 85  # OCR reads a repeated header a little differently on each page


def _same_header(a: Sequence[str], b: Sequence[str]) -> bool:
    return fuzz.ratio(_norm(" | ".join(a)), _norm(" | ".join(b))) >= HEADER_SIMILARITY


def join_continued(pages: Sequence[list[PagePart]], trace: TableTrace | None = None) -> list[list[PagePart]]:
    """Group page parts into tables: a page's last part and the next page's first part join when
    `continues` says so. Returns the groups in reading order."""
    groups: list[list[PagePart]] = []
    prev_last: PagePart | None = None
    for parts in pages:
        for i, part in enumerate(parts):
            if i == 0 and prev_last is not None and groups and continues(prev_last, part):
                groups[-1].append(part)
                if trace is not None:
                    trace.joins.append((prev_last.page_no, part.page_no))
            else:
                groups.append([part])
        if parts:
            prev_last = parts[-1]
        else:
            prev_last = None
    return groups


def build_table(doc_id: str, n: int, group: Sequence[PagePart]) -> Table:
    """One `Table` from its page parts; a repeated header on a continuation page is dropped."""
    first = group[0]
    cells: list[Cell] = []
    parts: list[TablePart] = []
    notes = list(first.notes)
    r_out = 0
    for k, part in enumerate(group):
        rows = part.rows
        if k > 0 and part.header_rows:
            rows = rows[part.header_rows :]
            notes.append(f"page {part.page_no}: repeated header row dropped")
        if k > 0:
            notes.append(f"continued on page {part.page_no} (same columns)")
        start = r_out
        for row in rows:
            for c, pc in enumerate(row):
                cells.append(Cell(row=r_out, col=c, raw=pc.raw, text=pc.text, page_no=part.page_no,
                                  bbox=pc.bbox, line_no=pc.line_no, confidence=pc.confidence))
            r_out += 1
        parts.append(TablePart(page_no=part.page_no, bbox=part.bbox, row_start=start, row_end=max(start, r_out - 1)))
    return Table(table_id=f"{doc_id}-t{n}", method=first.method, page_start=first.page_no,
                 page_end=group[-1].page_no, bbox=first.bbox, n_rows=r_out, n_cols=first.n_cols,
                 header_rows=first.header_rows, cells=cells, parts=parts, notes=notes)


def trace_tables(doc: Document) -> tuple[list[Table], TableTrace]:
    """find_tables with its trace."""
    trace = TableTrace()
    per_page = []
    for page in doc.pages:
        parts, page_trace = page_parts(page)
        trace.pages.append(page_trace)
        per_page.append(parts)
    groups = join_continued(per_page, trace)
    return [build_table(doc.doc_id, n, g) for n, g in enumerate(groups, start=1)], trace


def find_tables(doc: Document) -> list[Table]:
    """All tables of a document, ids '<doc_id>-t<n>' in reading order."""
    return trace_tables(doc)[0]


def with_tables(doc: Document) -> Document:
    """A new Document whose `tables` are the ones found (the input is not changed)."""
    return doc.model_copy(update={"tables": find_tables(doc)})
