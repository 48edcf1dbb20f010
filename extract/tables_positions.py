"""Unruled tables from word positions (born-digital text layers and tesseract's word boxes).

words -> words_to_rows (baselines) -> row_chunks (cell candidates) -> find_regions (runs of rows
with two or more chunks) -> column_separators (x-ranges no chunk crosses) -> assign_cells ->
header_block / merge_header / merge_continuations -> GridTable.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field

from extract.tables_layout import (
    GridRow,
    header_block,
    merge_continuations,
    merge_header,
    numeric_columns,
)
from extract.tables_words import (
    Chunk,
    GridTable,
    Row,
    WordBox,
    chunk_gap,
    enclosing,
    is_numeric,
    median_height,
    row_chunks,
    space_width,
    words_to_rows,
)
from schemas.geometry import BBox

_MARKER = re.compile(r"^(\d{1,2}[.)]|[a-zA-Z][.)]|[-•–·*▪o●■□✓])$")


@dataclass
class PositionsTrace:
    """The word-position finder's intermediates for one page."""

    rows: list[Row] = field(default_factory=list)
    chunks: list[list[Chunk]] = field(default_factory=list)
    gap: float = 0.0  # the page's space width; chunk gaps derive from it per row
    pitch: float = 0.0
    regions: list[tuple[int, int]] = field(default_factory=list)
    separators: list[list[float]] = field(default_factory=list)


def line_pitch(rows: Sequence[Row]) -> float:
    """Typical distance between the centres of two consecutive text lines."""
    diffs = [b.yc - a.yc for a, b in zip(rows, rows[1:]) if b.yc > a.yc]
    height = statistics.median(r.bottom - r.top for r in rows) if rows else 10.0
    near = [d for d in diffs if d < 3 * height]
    return statistics.median(near) if near else 1.2 * height


def find_regions(rows: Sequence[Row], chunks: Sequence[Sequence[Chunk]], pitch: float) -> list[tuple[int, int]]:
    """Runs of rows (start, end exclusive) that hold a table: rows of two or more chunks, allowing
    up to two one-chunk lines between them (multi-line cells, section labels) and one just below
    (a last cell's second line). A one-chunk line that runs across two columns is prose and ends
    the run; so does a vertical gap of more than three lines."""
    multi = [len(c) >= 2 for c in chunks]
    regions: list[tuple[int, int]] = []
    i = 0
    while i < len(rows):
        if not multi[i]:
            i += 1
            continue
        start = end = i
        spans = _occupied([(c.x0, c.x1) for c in chunks[i]])
        j = i + 1
        while j < len(rows) and rows[j].yc - rows[j - 1].yc <= 3.0 * pitch:
            if multi[j]:
                end = j
                spans = _occupied(spans + [(c.x0, c.x1) for c in chunks[j]])
            elif j - end > 2 or _crosses(chunks[j][0], spans):
                break
            j += 1
        nxt = end + 1
        if (nxt < len(rows) and not multi[nxt] and rows[nxt].yc - rows[end].yc <= 1.3 * pitch
                and not _crosses(chunks[nxt][0], spans)):
            end = nxt
        if sum(multi[start : end + 1]) >= 2:
            regions.append((start, end + 1))
        i = end + 1
    return regions


def _crosses(chunk: Chunk, spans: Sequence[tuple[float, float]]) -> bool:
    """Whether a chunk overlaps two or more of the run's column spans."""
    return sum(chunk.x0 < b and chunk.x1 > a for a, b in spans) >= 2


def _occupied(intervals: Sequence[tuple[float, float]]) -> list[tuple[float, float]]:
    out: list[list[float]] = []
    for a, b in sorted(intervals):
        if out and a <= out[-1][1]:
            out[-1][1] = max(out[-1][1], b)
        else:
            out.append([a, b])
    return [(a, b) for a, b in out]


def column_separators(chunk_rows: Sequence[Sequence[Chunk]]) -> list[float]:
    """x-positions between columns: the middles of gaps no chunk crosses.

    A chunk that crosses a gap most rows leave open (a header spanning two columns, two cells
    OCR ran together) is not allowed to close it: with four or more rows, gaps crossed by at most
    15% of the rows still separate columns.
    """
    rows = [r for r in chunk_rows if len(r) >= 2]
    if not rows:
        return []
    allowed = max(1, round(0.15 * len(rows))) if len(rows) >= 4 else 0
    spans = _occupied([(c.x0, c.x1) for r in rows for c in r])
    if allowed:
        spans = _robust_spans(rows, allowed)
    return [(a[1] + b[0]) / 2 for a, b in zip(spans, spans[1:])]


def _robust_spans(rows: Sequence[Sequence[Chunk]], allowed: int) -> list[tuple[float, float]]:
    """Occupied x-ranges counting a chunk only where more than `allowed` rows have text, plus
    chunks lying wholly inside a sparsely used range (a column few rows fill)."""
    edges = sorted({x for r in rows for c in r for x in (c.x0, c.x1)})
    dense: list[tuple[float, float]] = []
    for a, b in zip(edges, edges[1:]):
        mid = (a + b) / 2
        count = sum(any(c.x0 <= mid <= c.x1 for c in r) for r in rows)
        if count > allowed:
            dense.append((a, b))
    dense = _occupied(dense)
    if not dense:
        return _occupied([(c.x0, c.x1) for r in rows for c in r])
    inside = [
        (c.x0, c.x1)
        for r in rows
        for c in r
        if not any(c.x0 < b and c.x1 > a for a, b in dense)
    ]
    return _occupied(dense + inside)


ALIGN_TOLERANCE = 2.0  # points: cell starts on different rows count as one column start within this


def split_chunk(chunk: Chunk, separators: Sequence[float], cell_starts: Sequence[float] = ()) -> list[Chunk]:
    """Cut a chunk at every separator that falls between two of its words.

    Numbers ran together by OCR or tight typesetting are always cut there. Words without numbers
    are one cell's text unless the word after the gap starts where other rows start a cell: a header
    set left over right-aligned numbers crosses the body's separators but stays whole, while
    packed header cells that line up with their own column's other header lines are cut apart."""
    numeric = any(is_numeric(w.text) for w in chunk.words)
    pieces: list[list[WordBox]] = [[chunk.words[0]]]
    for a, b in zip(chunk.words, chunk.words[1:]):
        crossed = any(a.x1 - 1 <= s <= b.x0 + 1 for s in separators)
        if crossed and (numeric or any(abs(b.x0 - x) <= ALIGN_TOLERANCE for x in cell_starts)):
            pieces.append([b])
        else:
            pieces[-1].append(b)
    return [Chunk(tuple(p)) for p in pieces]


def column_of(chunk: Chunk, bounds: Sequence[float]) -> int:
    """The column a chunk overlaps most (bounds: n_cols + 1 x-positions)."""
    best, best_overlap = 0, -1.0
    for c in range(len(bounds) - 1):
        overlap = min(chunk.x1, bounds[c + 1]) - max(chunk.x0, bounds[c])
        if overlap > best_overlap:
            best, best_overlap = c, overlap
    return best


def assign_cells(rows: Sequence[Row], chunks: Sequence[Sequence[Chunk]], bounds: Sequence[float]) -> list[GridRow]:
    """One GridRow per text line: each chunk (cut at separators) placed in its column."""
    out = []
    n_cols = len(bounds) - 1
    for i, (row, row_chunks_) in enumerate(zip(rows, chunks)):
        cells: list[list[WordBox]] = [[] for _ in range(n_cols)]
        starts = [c.x0 for j, other in enumerate(chunks) if j != i for c in other]
        for chunk in row_chunks_:
            for piece in split_chunk(chunk, bounds[1:-1], starts):
                cells[column_of(piece, bounds)].extend(piece.words)
        out.append(GridRow(tuple(tuple(c) for c in cells), row.top, row.bottom))
    return out


def _ocr_noise_column(grid: Sequence[GridRow], c: int) -> bool:
    """A column that only OCR filled, in few rows, with lone marks that are not digits: scan dust."""
    words = [w for r in grid for w in r.cells[c]]
    filled = sum(bool(r.cells[c]) for r in grid)
    ocr_only = all(w.confidence is not None and w.confidence < 1.0 for w in words)
    marks = all(len(w.text) == 1 and not w.text.isdigit() for w in words)
    return bool(words) and ocr_only and marks and filled <= max(1, len(grid) // 4)


def _trim(grid: list[GridRow], bounds: Sequence[float]) -> tuple[list[GridRow], list[float]]:
    """Drop empty and OCR-noise columns, and a leading one-cell line in the first column (a caption,
    not a header)."""
    keep = [c for c in range(len(bounds) - 1)
            if any(any(ch.isalnum() for ch in w.text) for r in grid for w in r.cells[c])
            and not _ocr_noise_column(grid, c)]
    grid = [GridRow(tuple(r.cells[c] for c in keep), r.top, r.bottom) for r in grid]
    new_bounds = [bounds[keep[0]]] + [bounds[c + 1] for c in keep] if keep else list(bounds)
    while grid and grid[0].filled() == [0]:
        grid = grid[1:]
    return grid, new_bounds


def merge_header_only_columns(grid: list[GridRow], bounds: list[float]) -> tuple[list[GridRow], list[float]]:
    """A column with text only in the header row is a header word that stands apart from its column
    (a left-aligned heading over right-aligned numbers, a heading OCR cut in two): it joins the
    neighbour whose header cell is empty, else the nearer one."""
    c = 0
    while len(bounds) > 3 and c < len(bounds) - 1:
        if not grid[0].cells[c] or any(r.cells[c] for r in grid[1:]):
            c += 1
            continue
        n_cols = len(bounds) - 1
        left_ok, right_ok = c > 0, c < n_cols - 1
        if left_ok and right_ok:
            if not grid[0].cells[c + 1] and grid[0].cells[c - 1]:
                target = c + 1
            elif not grid[0].cells[c - 1] and grid[0].cells[c + 1]:
                target = c - 1
            else:
                mid = (bounds[c] + bounds[c + 1]) / 2
                target = c - 1 if mid - bounds[c] < bounds[c + 1] - mid else c + 1
        else:
            target = c + 1 if right_ok else c - 1
        lo, hi = min(c, target), max(c, target)
        grid = [GridRow(r.cells[:lo] + (tuple(sorted(r.cells[lo] + r.cells[hi], key=lambda w: w.x0)),)
                        + r.cells[hi + 1 :], r.top, r.bottom) for r in grid]
        bounds = bounds[: lo + 1] + bounds[hi + 1 :]
        c = lo
    return grid, bounds


def _is_list(grid: Sequence[GridRow]) -> bool:
    """Two columns whose first holds only list markers ('1.', '-', '•'): a list, not a table."""
    if not grid or len(grid[0].cells) != 2:
        return False
    marks = [r.text(0) for r in grid if r.cells[0]]
    return bool(marks) and all(_MARKER.match(m) for m in marks)


def split_at_headers(grid: Sequence[GridRow]) -> list[list[GridRow]]:
    """Cut a region where a second table's header starts (two tables stacked close together): a
    row, after data rows, that repeats the first row, or that puts words in two or more columns the
    data rows above leave empty."""
    numeric = numeric_columns(grid)
    parts: list[list[GridRow]] = [[]]
    used: set[int] = set()
    first = [r.text(c) for r in grid[:1] for c in range(len(r.cells))]
    for row in grid:
        is_data = any(row.cells[c] and is_numeric(row.text(c).split()[0]) for c in numeric)
        texts = [row.text(c) for c in range(len(row.cells))]
        fresh = [c for c in row.filled() if c not in used and not is_numeric(row.text(c).split()[0])]
        if used and not is_data and (texts == first or len(fresh) >= 2):
            parts.append([])
            used = set()
        if is_data:
            used |= set(row.filled())
        parts[-1].append(row)
    return [p for p in parts if p]


def region_tables(
    rows: Sequence[Row], chunks: Sequence[Sequence[Chunk]], page_no: int, separators: Sequence[float]
) -> list[GridTable]:
    """The tables of one region (none when it is not one: under 2 x 2, or a list)."""
    words = [w for r in rows for w in r.words]
    x0, x1 = min(w.x0 for w in words), max(w.x1 for w in words)
    bounds = [x0, *separators, x1]
    grid, bounds = _trim(assign_cells(rows, chunks, bounds), bounds)
    if len(bounds) < 3 or _is_list(grid):
        return []
    tables = []
    for part in split_at_headers(grid):
        table = part_table(part, list(bounds), page_no)
        if table is not None:
            tables.append(table)
    return tables


def part_table(grid: list[GridRow], bounds: list[float], page_no: int) -> GridTable | None:
    """Header, header-only columns and multi-line cells of one table's rows."""
    numeric = numeric_columns(grid)
    n_head = header_block(grid, numeric)
    grid = merge_header(grid, n_head)
    if n_head:
        grid, bounds = merge_header_only_columns(grid, bounds)
        numeric = numeric_columns(grid)
    grid = merge_continuations(grid, numeric, 1 if n_head else 0)
    keep = [c for c in range(len(bounds) - 1) if any(r.cells[c] for r in grid)]
    if len(keep) < 2 or sum(len(r.filled()) >= 2 for r in grid) < 2:
        return None
    return _to_grid_table(grid, bounds, page_no, 1 if n_head else 0)


def _to_grid_table(grid: Sequence[GridRow], bounds: Sequence[float], page_no: int, header_rows: int) -> GridTable:
    cells = tuple(r.cells for r in grid)
    boxes = tuple(tuple(enclosing(c) for c in r.cells) for r in grid)
    words = [w for r in grid for c in r.cells for w in c]
    bbox = enclosing(words) or BBox(x0=0, top=0, x1=0, bottom=0)
    return GridTable("positions", page_no, bbox, cells, boxes, tuple(bounds), header_rows)


def find_positioned(words: Sequence[WordBox], page_no: int) -> tuple[list[GridTable], PositionsTrace]:
    """All unruled tables among a page's words (those no ruled table took)."""
    trace = PositionsTrace()
    if not words:
        return [], trace
    trace.rows = words_to_rows(words)
    trace.gap = space_width(trace.rows)
    trace.chunks = [row_chunks(r, chunk_gap(r, trace.gap)) for r in trace.rows]
    trace.pitch = line_pitch(trace.rows) if len(trace.rows) > 1 else 1.2 * median_height(words)
    trace.regions = find_regions(trace.rows, trace.chunks, trace.pitch)
    tables = []
    for start, end in trace.regions:
        seps = column_separators(trace.chunks[start:end])
        trace.separators.append(seps)
        if not seps:
            continue
        tables += region_tables(trace.rows[start:end], trace.chunks[start:end], page_no, seps)
    return tables, trace
