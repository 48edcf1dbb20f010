"""Parsed values of table cells, total-row sum checks, and the rows of the table outputs.

For the writer: `document_table_outputs(doc)` gives, per table, a `TableOutputs` with
  index       -> one row of tables.csv            (schemas.tables.TableIndexRow)
  text_rows   -> tables/<table_id>.csv            (header row first, cell texts)
  value_rows  -> tables/<table_id>.values.csv     (header row first, parsed numbers / ISO dates)
  provenance  -> the cell-level provenance rows   (schemas.tables.CellProvenanceRow)
  sum_checks  -> the total-row checks             (schemas.tables.SumCheck)
Source numbers are never changed: a total that does not match is a failed check, not a fix.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from normalize.numbers import NUMERIC_KINDS, CellValue, parse_cell
from schemas.document import Document
from schemas.tables import CellProvenanceRow, SumCheck, Table, TableIndexRow

TOTAL_LABEL = re.compile(r"^\s*(i\s*alt|total[t]?|samlet|sum|summa|hovedtotal)\b", re.IGNORECASE)
_DECIMALS = re.compile(r"\d,(\d+)")
Value = float | int | str | None


@dataclass(frozen=True)
class TableOutputs:
    index: TableIndexRow
    text_rows: list[list[str]]
    value_rows: list[list[Value]]
    provenance: list[CellProvenanceRow]
    sum_checks: list[SumCheck]


def grid(table: Table, attr: str = "text") -> list[list[str]]:
    """The table's cells as a full n_rows x n_cols grid of texts ('' where no cell)."""
    out = [[""] * table.n_cols for _ in range(table.n_rows)]
    for c in table.cells:
        out[c.row][c.col] = getattr(c, attr)
    return out


def parse_grid(table: Table) -> list[list[CellValue]]:
    """normalize.numbers.parse_cell on every cell."""
    return [[parse_cell(t) for t in row] for row in grid(table)]


def number_of(cv: CellValue) -> float | int | None:
    """The cell's number (counts, amounts, percentages, years); None for dates, text and placeholders."""
    if cv.is_empty or cv.value is None:
        return None
    return cv.value


def _is_text(cv: CellValue) -> bool:
    """A cell holding words rather than a number or a placeholder."""
    return cv.is_empty and bool(cv.note) and not cv.note.startswith("placeholder") and cv.note != "blank"


def total_rows(texts: Sequence[Sequence[str]], header_rows: int) -> list[int]:
    """Body rows whose first non-empty cell reads 'I alt', 'Ialt', 'Total', 'Samlet', ..."""
    out = []
    for r in range(header_rows, len(texts)):
        first = next((t for t in texts[r] if t.strip()), "")
        if TOTAL_LABEL.match(first):
            out.append(r)
    return out


def _decimals(texts: Sequence[str]) -> int:
    return max((len(m.group(1)) for t in texts for m in _DECIMALS.finditer(t)), default=0)


def check_column(
    table_id: str, values: Sequence[Sequence[CellValue]], texts: Sequence[Sequence[str]], total: int, first: int,
    col: int,
) -> SumCheck | None:
    """Compare the total in (total, col) with the sum of rows first..total-1 (None: nothing to check)."""
    stated_cv = values[total][col]
    stated = number_of(stated_cv)
    if stated is None or stated_cv.kind not in NUMERIC_KINDS | {"year"}:
        return None
    terms, missing = [], 0
    for r in range(first, total):
        v = number_of(values[r][col])
        if v is None:
            missing += not (values[r][col].note == "blank" and all(not t for t in texts[r]))
        else:
            terms.append(v)
    if len(terms) < 2:
        return None
    computed = float(sum(terms))
    diff = float(stated) - computed
    percent = stated_cv.kind == "percent"
    d = _decimals([texts[r][col] for r in range(first, total + 1)])
    tol = 0.5 * 10 ** (-d) * (len(terms) + 1) if (percent or d) else 1e-9
    status, note = _status(diff, tol, float(stated), terms, missing, percent)
    label = next((t for t in texts[total] if t.strip()), "")
    return SumCheck(table_id=table_id, total_row=total, col=col, label=label, stated=float(stated),
                    computed=computed, difference=round(diff, 9), tolerance=tol, n_terms=len(terms),
                    rows=(first, total - 1), status=status, note=note)


def _status(diff: float, tol: float, stated: float, terms: Sequence[float], missing: int, percent: bool):
    if abs(diff) <= tol:
        return "passed", f"{missing} covered cell(s) empty" if missing else ""
    if missing:
        return "incomplete", f"{missing} covered cell(s) empty or not numbers; sum of the rest differs by {diff:g}"
    if percent and abs(stated - 100) > tol and min(terms) <= stated <= max(terms):
        return "not_applicable", "rate column: the total lies between its terms, it is not their sum"
    return "failed", f"stated {stated:g} but the column sums to {sum(terms):g} (difference {diff:g})"


def sum_checks(table: Table, values: Sequence[Sequence[CellValue]] | None = None) -> list[SumCheck]:
    """All total-row checks of a table: each numeric column of each total row against the rows
    above it (back to the header or the previous total row)."""
    texts = grid(table)
    values = values if values is not None else parse_grid(table)
    checks = []
    first = table.header_rows
    for total in total_rows(texts, table.header_rows):
        for col in range(table.n_cols):
            check = check_column(table.table_id, values, texts, total, first, col)
            if check is not None:
                checks.append(check)
        first = total + 1
    return checks


def header_row(table: Table) -> list[str]:
    """The header row's texts; 'col_1'..'col_n' when the table has no detected header."""
    texts = grid(table)
    if table.header_rows and texts:
        return texts[0]
    return [f"col_{i}" for i in range(1, table.n_cols + 1)]


def text_rows(table: Table) -> list[list[str]]:
    """Rows of tables/<table_id>.csv: the header row, then the body's cell texts."""
    texts = grid(table)
    return [header_row(table), *texts[table.header_rows :]]


def value_rows(table: Table, values: Sequence[Sequence[CellValue]] | None = None) -> list[list[Value]]:
    """Rows of tables/<table_id>.values.csv: the header row, then per cell its number, else its ISO
    date, else (in a column mostly of words, such as the label column) its text, else ''."""
    values = values if values is not None else parse_grid(table)
    body = values[table.header_rows :]
    text_cols = {
        c for c in range(table.n_cols)
        if sum(_is_text(r[c]) for r in body) * 2 > sum(not r[c].is_empty or _is_text(r[c]) for r in body)
    }
    rows: list[list[Value]] = [header_row(table)]
    for r in body:
        out: list[Value] = []
        for c, cv in enumerate(r):
            n = number_of(cv)
            if n is not None:
                out.append(n)
            elif cv.iso:
                out.append(cv.iso)
            elif c in text_cols and _is_text(cv):
                out.append(" ".join(cv.raw.split()))
            else:
                out.append("")
        rows.append(out)
    return rows


def summary(checks: Sequence[SumCheck]) -> str:
    if any(c.status == "failed" for c in checks):
        return "failed"
    return "passed" if any(c.status == "passed" for c in checks) else "none"


def index_row(doc_id: str, table: Table, checks: Sequence[SumCheck]) -> TableIndexRow:
    header = " | ".join(grid(table)[0]) if table.header_rows and table.n_rows else ""
    return TableIndexRow(
        doc_id=doc_id, table_id=table.table_id, page_start=table.page_start, page_end=table.page_end,
        bbox=table.bbox.to_str() if table.bbox else "", n_rows=table.n_rows, n_cols=table.n_cols,
        header=header, method=table.method, sum_checks=summary(checks), n_sum_checks=len(checks),
        n_sum_failed=sum(c.status == "failed" for c in checks),
    )


def provenance_rows(
    doc_id: str, table: Table, values: Sequence[Sequence[CellValue]], origins: Mapping[int, str] | None = None
) -> list[CellProvenanceRow]:
    """One provenance row per cell: page, line, box, raw and repaired text, and the parse."""
    out = []
    for cell in sorted(table.cells, key=lambda c: (c.row, c.col)):
        cv = values[cell.row][cell.col]
        origin = (origins or {}).get(cell.page_no) or ("text_file" if cell.bbox is None else "text_layer")
        out.append(CellProvenanceRow(
            doc_id=doc_id, table_id=table.table_id, row=cell.row, col=cell.col, page=cell.page_no,
            line=cell.line_no, bbox=cell.bbox.to_str() if cell.bbox else "", origin=origin,
            is_header=cell.row < table.header_rows, raw=cell.raw, text=cell.text,
            value=float(cv.value) if cv.value is not None else None, unit=cv.unit,
            reference=cv.reference, date=cv.iso if cv.kind != "year" else None, is_empty=cv.is_empty,
            note=cv.note or "", flags=";".join(cv.flags), confidence=cell.confidence,
        ))
    return out


def table_outputs(doc_id: str, table: Table, origins: Mapping[int, str] | None = None) -> TableOutputs:
    """Everything the writer needs for one table."""
    values = parse_grid(table)
    checks = sum_checks(table, values)
    return TableOutputs(
        index=index_row(doc_id, table, checks), text_rows=text_rows(table), value_rows=value_rows(table, values),
        provenance=provenance_rows(doc_id, table, values, origins), sum_checks=checks,
    )


def document_table_outputs(doc: Document) -> list[TableOutputs]:
    """TableOutputs for every table of a document (doc.tables), origins taken from its pages."""
    origins = {p.page_no: p.text_source for p in doc.pages}
    return [table_outputs(doc.doc_id, t, origins) for t in doc.tables]
