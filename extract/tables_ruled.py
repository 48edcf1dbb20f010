"""Ruled tables: the page's ruling lines through pdfplumber's own table chain.

rules_to_edges (Page.rules -> pdfplumber edge dicts) -> merge_edges -> edges_to_intersections
-> intersections_to_cells -> cells_to_tables are pdfplumber's module-level functions; this module
only converts the model's rules into its edge dicts and turns its cell boxes into a word grid.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from pdfplumber.table import cells_to_tables, edges_to_intersections, intersections_to_cells, merge_edges
from pdfplumber.utils import filter_edges

from extract.tables_layout import GridRow, header_block, numeric_columns
from extract.tables_words import GridTable, WordBox, median_height
from schemas.document import Rule
from schemas.geometry import BBox

SNAP_TOLERANCE = 3.0
JOIN_TOLERANCE = 3.0
EDGE_MIN_LENGTH = 3.0
INTERSECTION_TOLERANCE = 3.0

Edge = dict[str, Any]
CellBox = tuple[float, float, float, float]


@dataclass
class RuledTrace:
    """pdfplumber's intermediates for one page (its TableFinder's .edges/.intersections/.cells)."""

    edges: list[Edge] = field(default_factory=list)
    merged: list[Edge] = field(default_factory=list)
    intersections: dict = field(default_factory=dict)
    cells: list[CellBox] = field(default_factory=list)
    tables: list[list[CellBox]] = field(default_factory=list)


def rules_to_edges(rules: Sequence[Rule]) -> list[Edge]:
    """The model's ruling lines as pdfplumber edge dicts (a line's centre, zero thickness)."""
    edges = []
    for r in rules:
        b = r.bbox
        if r.orientation == "h":
            y = (b.top + b.bottom) / 2
            edges.append(
                {"x0": b.x0, "x1": b.x1, "top": y, "bottom": y, "width": b.x1 - b.x0, "height": 0.0,
                 "orientation": "h", "object_type": "line"}
            )
        else:
            x = (b.x0 + b.x1) / 2
            edges.append(
                {"x0": x, "x1": x, "top": b.top, "bottom": b.bottom, "width": 0.0, "height": b.bottom - b.top,
                 "orientation": "v", "object_type": "line"}
            )
    return edges


def merged_edges(edges: list[Edge]) -> list[Edge]:
    """pdfplumber's merge_edges (snap + join) and its minimum-length filter."""
    merged = merge_edges(edges, SNAP_TOLERANCE, SNAP_TOLERANCE, JOIN_TOLERANCE, JOIN_TOLERANCE)
    return filter_edges(merged, min_length=EDGE_MIN_LENGTH)


def cell_tables(rules: Sequence[Rule]) -> tuple[list[list[CellBox]], RuledTrace]:
    """Run pdfplumber's chain on a page's rules; returns its tables (lists of cell boxes) and the trace."""
    trace = RuledTrace(edges=rules_to_edges(rules))
    trace.merged = merged_edges(trace.edges)
    trace.intersections = edges_to_intersections(trace.merged, INTERSECTION_TOLERANCE, INTERSECTION_TOLERANCE)
    trace.cells = intersections_to_cells(trace.intersections)
    trace.tables = [t for t in cells_to_tables(trace.cells) if len(t) >= 2]
    return trace.tables, trace


def _positions(values: Sequence[float], tol: float = 1.0) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > tol:
            out.append(v)
    return out


def _index(positions: Sequence[float], v: float) -> int:
    return min(range(len(positions)), key=lambda i: abs(positions[i] - v))


def grid_from_cells(
    cells: Sequence[CellBox], words: Sequence[WordBox], page_no: int
) -> tuple[GridTable | None, set[int]]:
    """Place words (by their centre) into the grid the cell boxes describe.

    A spanning cell's words go to its top-left grid position. Returns the grid (None when it is
    not a table: fewer than 2 rows or columns with text) and the indexes of the words it used.
    """
    xs = _positions([c[0] for c in cells] + [c[2] for c in cells])
    ys = _positions([c[1] for c in cells] + [c[3] for c in cells])
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    if n_rows < 1 or n_cols < 1:
        return None, set()
    grid: list[list[list[WordBox]]] = [[[] for _ in range(n_cols)] for _ in range(n_rows)]
    boxes: list[list[BBox | None]] = [[None] * n_cols for _ in range(n_rows)]
    used: set[int] = set()
    for x0, top, x1, bottom in cells:
        r, c = _index(ys, top), _index(xs, x0)
        r, c = min(r, n_rows - 1), min(c, n_cols - 1)
        boxes[r][c] = BBox(x0=x0, top=top, x1=x1, bottom=bottom)
        for i, w in enumerate(words):
            if i not in used and x0 <= w.xc < x1 and top <= w.yc < bottom:
                grid[r][c].append(w)
                used.add(i)
    table = _drop_empty(grid, boxes, xs, median_height(words) if words else 10.0)
    if table is None:
        return None, set()
    g, b, n_head = with_header(*table[:2])
    bbox = BBox(x0=xs[0], top=ys[0], x1=xs[-1], bottom=ys[-1])
    return GridTable("ruled", page_no, bbox, _freeze(g), tuple(tuple(r) for r in b), tuple(table[2]), n_head), used


def with_header(grid, boxes):
    """Count the header rows of a ruled grid. Ruled rows are explicit, so a two-level header keeps
    its levels as separate rows (a spanning cell's text stands in its first column)."""
    rows = [GridRow(tuple(tuple(c) for c in row), 0.0, 0.0) for row in grid]
    return grid, boxes, header_block(rows, numeric_columns(rows))


def _drop_empty(grid, boxes, xs, height):
    """Remove rows and columns without any words; None when fewer than 2 x 2 remain with text."""
    keep_rows = [r for r in range(len(grid)) if any(grid[r])]
    keep_cols = [c for c in range(len(grid[0])) if any(grid[r][c] for r in range(len(grid)))]
    if len(keep_rows) < 2 or len(keep_cols) < 2:
        return None
    g = [[grid[r][c] for c in keep_cols] for r in keep_rows]
    b = [[boxes[r][c] for c in keep_cols] for r in keep_rows]
    col_x = [xs[c] for c in keep_cols] + [xs[keep_cols[-1] + 1]]
    return g, b, col_x


def _freeze(grid: list[list[list[WordBox]]]) -> tuple[tuple[tuple[WordBox, ...], ...], ...]:
    return tuple(tuple(tuple(sorted(cell, key=lambda w: (w.top, w.x0))) for cell in row) for row in grid)


def find_ruled(
    rules: Sequence[Rule], words: Sequence[WordBox], page_no: int
) -> tuple[list[GridTable], set[int], RuledTrace]:
    """All ruled tables of a page, the indexes of the words they hold, and pdfplumber's trace."""
    tables, trace = cell_tables(rules)
    found: list[GridTable] = []
    used_all: set[int] = set()
    for cells in tables:
        free = [w for i, w in enumerate(words) if i not in used_all]
        index = [i for i in range(len(words)) if i not in used_all]
        grid, used = grid_from_cells(cells, free, page_no)
        if grid is not None:
            found.append(grid)
            used_all |= {index[i] for i in used}
    return found, used_all, trace
