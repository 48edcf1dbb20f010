"""Simple tables recovered from text-file lines, which carry no positions.

Only unambiguous runs become tables; anything else stays text:
- aligned lines: three or more consecutive lines that split on runs of 2+ spaces into the same
  number (>= 2) of fields starting at the same character columns;
- number-dense lines: consecutive lines ending in the same number of numeric tokens (>= 2 lines
  with >= 2 numbers, or >= 3 lines with one), each with a text label or none; a line of bare
  years just above becomes the header; a label broken with a hyphen over two lines is joined.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from extract.tables_words import is_numeric, join_pieces
from schemas.document import Line

_FIELD = re.compile(r"\S+(?: \S+)*")
_YEAR = re.compile(r"^(19|20)\d\d$")
_SENTENCE_END = (".", ":", ";", "?", "!")
_DEBRIS = re.compile(r"[—|§»«*=<>_~]")


@dataclass(frozen=True)
class TextRow:
    """One table row from text: its fields (raw = text before repair) and its source line numbers."""

    fields: tuple[str, ...]
    raw: tuple[str, ...]
    line_nos: tuple[int, ...]


@dataclass(frozen=True)
class TextTable:
    page_no: int
    rows: tuple[TextRow, ...]
    header_rows: int
    kind: str  # "aligned" or "numbers"


def aligned_fields(text: str) -> list[tuple[int, str]]:
    """Fields of a line separated by two or more spaces, with their start columns."""
    return [(m.start(), m.group()) for m in _FIELD.finditer(text.replace("\t", "    "))]


def split_numeric(text: str) -> tuple[str, list[str]]:
    """A line as (label, trailing numeric tokens): 'Aalborg 98 98 196 196' -> ('Aalborg', [...])."""
    tokens = text.split()
    k = len(tokens)
    while k > 0 and is_numeric(tokens[k - 1]):
        k -= 1
    return " ".join(tokens[:k]), tokens[k:]


def _aligned_run(lines: Sequence[Line], i: int) -> int:
    """End (exclusive) of the aligned run starting at line i (i when there is none)."""
    first = aligned_fields(lines[i].raw)
    if len(first) < 2:
        return i
    starts = [s for s, _ in first]
    j = i + 1
    while j < len(lines):
        fields = aligned_fields(lines[j].raw)
        if len(fields) != len(first) or any(abs(s - t) > 1 for s, (t, _) in zip(starts, fields)):
            break
        j += 1
    return j if j - i >= 3 else i


def clean_label(label: str) -> bool:
    """A row label that reads as words: no numbers after a leading list number, no rule or chart
    debris ('—', '|', '§'), mostly letters. Scrambled OCR of charts fails this and stays text."""
    tokens = label.split()
    if any(is_numeric(t) for t in tokens[1:]) or _DEBRIS.search(label):
        return False
    letters = sum(ch.isalpha() for ch in label)
    return not label or letters >= 0.5 * len(label.replace(" ", ""))


def _numeric_row(line: Line) -> tuple[str, list[str]] | None:
    label, numbers = split_numeric(line.text)
    if not numbers or label.endswith(_SENTENCE_END) or len(label.split()) > 8 or not clean_label(label):
        return None
    return label, numbers


def unambiguous(rows: Sequence[TextRow]) -> bool:
    """Enough rows for the number of values, and label-less runs only when they look like data
    (decimals or percentages), not like a chart's axis ticks."""
    width = len(rows[0].fields) - 1
    if not (len(rows) >= 3 or (len(rows) >= 2 and width >= 2)):
        return False
    if all(r.fields[0] for r in rows):
        return True
    values = [f for r in rows for f in r.fields[1:]]
    return width >= 2 and len(rows) >= 3 and any("," in v or "%" in v for v in values)


def _numbers_run(lines: Sequence[Line], i: int) -> tuple[int, list[TextRow]]:
    """Number-dense run starting at line i: (end exclusive, rows); (i, []) when there is none."""
    rows: list[TextRow] = []
    width = None
    pending: list[Line] = []  # a label line ending in '-' waiting for its second half
    j = i
    while j < len(lines):
        line = lines[j]
        parsed = _numeric_row(line)
        if parsed is None:
            if rows and not pending and line.text.strip().endswith("-") and len(line.text.split()) <= 3:
                pending = [line]
                j += 1
                continue
            break
        label, numbers = parsed
        if width is None:
            width = len(numbers)
        elif len(numbers) != width:
            break
        parts = [*pending, line]
        full_label = join_pieces([p.text for p in pending] + [label])
        raw_label = " ".join([p.raw for p in pending] + [split_numeric(line.raw)[0]])
        raw_numbers = split_numeric(line.raw)[1]
        if len(raw_numbers) != len(numbers):
            raw_numbers = numbers
        rows.append(TextRow((full_label, *numbers), (raw_label, *raw_numbers), tuple(p.line_no for p in parts)))
        pending = []
        j += 1
    end = j - len(pending)
    return (end, rows) if rows and unambiguous(rows) else (i, [])


def _year_header(line: Line, width: int) -> TextRow | None:
    label, numbers = split_numeric(line.text)
    if len(numbers) == width and all(_YEAR.match(n) for n in numbers) and len(label.split()) <= 3:
        return TextRow((label, *numbers), (label, *numbers), (line.line_no,))
    return None


def _with_year_header(rows: list[TextRow], lines: Sequence[Line], start: int) -> tuple[list[TextRow], int]:
    """A run whose first row is all years gets it as its header; so does the line just above it."""
    width = len(rows[0].fields) - 1
    if all(_YEAR.match(f) for f in rows[0].fields[1:]) and len(rows) > 2:
        return rows, 1
    if start > 0:
        head = _year_header(lines[start - 1], width)
        if head is not None:
            return [head, *rows], 1
    return rows, 0


def _aligned_rows(lines: Sequence[Line]) -> list[TextRow]:
    rows = []
    for line in lines:
        fields = [f for _, f in aligned_fields(line.text)]
        raw = [f for _, f in aligned_fields(line.raw)]
        rows.append(TextRow(tuple(fields), tuple(raw if len(raw) == len(fields) else fields), (line.line_no,)))
    return rows


def find_text_tables(lines: Sequence[Line], page_no: int) -> list[TextTable]:
    """All simple tables among a text page's lines."""
    tables = []
    i = 0
    while i < len(lines):
        end = _aligned_run(lines, i)
        if end > i:
            rows = _aligned_rows(lines[i:end])
            header = 1 if not any(is_numeric(f) for f in rows[0].fields) else 0
            tables.append(TextTable(page_no, tuple(rows), header, "aligned"))
            i = end
            continue
        end, rows = _numbers_run(lines, i)
        if end > i:
            rows, header = _with_year_header(rows, lines, i)
            tables.append(TextTable(page_no, tuple(rows), header, "numbers"))
            i = end
            continue
        i += 1
    return tables
