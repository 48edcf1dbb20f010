"""Row-level decisions shared by the ruled and the word-position finders.

numeric_columns -> header_block -> merge_header -> merge_continuations, each a pure function over
a grid of cells (lists of words per cell) with the rows' vertical extents.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from extract.tables_words import WordBox, is_numeric, words_text

_YEAR = re.compile(r"^(19|20)\d\d$")
_CONT_END = ("-", ",", "/", "&")


@dataclass(frozen=True)
class GridRow:
    """One row of a grid in the making: words per column and its vertical extent."""

    cells: tuple[tuple[WordBox, ...], ...]
    top: float
    bottom: float

    def filled(self) -> list[int]:
        return [c for c, words in enumerate(self.cells) if words]

    def text(self, c: int) -> str:
        return words_text(self.cells[c])


def merge_rows(a: GridRow, b: GridRow) -> GridRow:
    """b's words added to a's, column by column (a above b or b above a: order by position)."""
    cells = tuple(tuple(sorted(x + y, key=lambda w: (w.top, w.x0))) for x, y in zip(a.cells, b.cells))
    return GridRow(cells, min(a.top, b.top), max(a.bottom, b.bottom))


def _cell_numeric(words: Sequence[WordBox]) -> bool:
    text = words_text(words)
    return bool(text) and all(is_numeric(t) for t in text.split())


def numeric_columns(rows: Sequence[GridRow]) -> set[int]:
    """Columns where at least half of the non-empty cells are numbers."""
    if not rows:
        return set()
    out = set()
    for c in range(len(rows[0].cells)):
        filled = [r.cells[c] for r in rows if r.cells[c]]
        if filled and sum(_cell_numeric(w) for w in filled) * 2 >= len(filled):
            out.add(c)
    return out


def _is_data(row: GridRow, numeric: set[int]) -> bool:
    return any(row.cells[c] and _cell_numeric(row.cells[c]) for c in numeric)


def _years_only(row: GridRow, numeric: set[int]) -> bool:
    cells = [row.text(c) for c in numeric if row.cells[c]]
    return bool(cells) and all(_YEAR.match(t) for t in cells)


def header_block(rows: Sequence[GridRow], numeric: set[int]) -> int:
    """How many leading rows form the header.

    With numeric columns: the rows before the first row that has a number in one of them (a row of
    bare years counts as header when later rows hold other numbers). Without numeric columns: the
    first row.
    """
    if len(rows) < 2:
        return 0
    if not numeric:
        return 1
    first_data = next((i for i, r in enumerate(rows) if _is_data(r, numeric)), len(rows))
    if first_data == 0 and _years_only(rows[0], numeric):
        if any(_is_data(r, numeric) and not _years_only(r, numeric) for r in rows[1:]):
            return 1
    return first_data if first_data < len(rows) else 0


def merge_header(rows: Sequence[GridRow], n_header: int) -> list[GridRow]:
    """The header lines joined into one header row (multi-line headers read column by column)."""
    if n_header <= 1:
        return list(rows)
    head = rows[0]
    for r in rows[1:n_header]:
        head = merge_rows(head, r)
    return [head, *rows[n_header:]]


def _sparse(row: GridRow, numeric: set[int]) -> bool:
    filled = row.filled()
    return len(filled) == 1 and filled[0] not in numeric


def _join_score(upper: str, lower: str, need_upper: bool) -> float:
    """Evidence that `lower` continues the cell text `upper`: an open ending, a lower-case start."""
    score = 2.0 if upper.endswith(_CONT_END) else 0.0
    if lower[:1].islower() and (upper or not need_upper):
        score += 1
    return score


def _direction(prev: GridRow | None, row: GridRow, nxt: GridRow | None, c: int) -> int:
    """-1: row continues `prev`; +1: row belongs to `nxt`; 0: a row of its own."""
    text = row.text(c)
    score_prev = _join_score(prev.text(c), text, need_upper=True) if prev is not None else 0.0
    score_next = _join_score(text, nxt.text(c), need_upper=False) if nxt is not None else 0.0
    if prev is not None and nxt is not None:
        gap_prev, gap_next = row.top - prev.bottom, nxt.top - row.bottom
        if gap_prev < 0.7 * gap_next:
            score_prev += 1.5
        elif gap_next < 0.7 * gap_prev:
            score_next += 1.5
    if prev is None:
        score_prev = 0
    if nxt is None or (nxt.text(c) and not nxt.text(c)[:1].islower() and not text.endswith(_CONT_END)):
        score_next = 0  # the line below starts a cell of its own: this line is not its first half
    if max(score_prev, score_next) < 1 or score_prev == score_next:
        return 0
    return -1 if score_prev > score_next else 1


def merge_continuations(rows: Sequence[GridRow], numeric: set[int], first_body: int) -> list[GridRow]:
    """Join lines of multi-line cells into their row.

    A body line with one filled text cell and no numbers is a continuation: it goes to the row above
    or below by the cues of `_direction` (hyphen or comma at a line end, a lowercase start, the
    smaller vertical gap); a line with no cue stays a row of its own (a section label).
    """
    out = list(rows)
    i = first_body
    while i < len(out):
        row = out[i]
        if not _sparse(row, numeric):
            i += 1
            continue
        c = row.filled()[0]
        prev = out[i - 1] if i - 1 >= first_body else None
        nxt = out[i + 1] if i + 1 < len(out) else None
        d = _direction(prev, row, nxt, c)
        if d == -1:
            out[i - 1 : i + 1] = [merge_rows(prev, row)]
        elif d == 1:
            out[i : i + 2] = [merge_rows(row, nxt)]
        else:
            i += 1
    return out
