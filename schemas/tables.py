"""Tables: cell grids with boxes, as found on born-digital, OCR'd or text pages."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from schemas.geometry import BBox

TableMethod = Literal["ruled", "positions", "text"]


class Cell(BaseModel):
    model_config = ConfigDict(extra="forbid")

    row: int = Field(ge=0, description="0-based row index in the table (header rows first).")
    col: int = Field(ge=0, description="0-based column index.")
    raw: str = Field(description="Cell text as ingest saw it.")
    text: str = Field(description="Cell text after repair.")
    page_no: int = Field(ge=1, description="Page the cell stands on.")
    bbox: BBox | None = Field(default=None, description="Cell box in PDF points; None for text files.")
    line_no: int | None = Field(default=None, description="Source line (text files) or first line on the page.")
    confidence: float | None = Field(
        default=None, ge=0, le=1, description="Lowest word confidence in the cell (OCR); None when not known."
    )


class Table(BaseModel):
    model_config = ConfigDict(extra="forbid")

    table_id: str = Field(description="'<doc_id>-t<n>', n counting from 1 in reading order.")
    method: TableMethod = Field(description="ruled (PDF ruling lines), positions (word x-positions) or text.")
    page_start: int = Field(ge=1)
    page_end: int = Field(ge=1)
    bbox: BBox | None = Field(default=None, description="Box of the table's part on page_start.")
    n_rows: int = Field(ge=0)
    n_cols: int = Field(ge=0)
    header_rows: int = Field(default=0, ge=0, description="How many leading rows are the header.")
    cells: list[Cell] = Field(default_factory=list)
    parts: list[TablePart] = Field(
        default_factory=list, description="Per-page parts; more than one when the table continues across pages."
    )
    notes: list[str] = Field(default_factory=list, description="What the finder decided (joins, dropped rows).")


# --- Additions for issue 4 (all optional or new models; Table/Cell stay backwards compatible) ---

SumCheckStatus = Literal["passed", "failed", "incomplete", "not_applicable"]
TableSumSummary = Literal["passed", "failed", "none"]


class TablePart(BaseModel):
    """One page's share of a table (a table continued on the next page has two or more parts)."""

    model_config = ConfigDict(extra="forbid")

    page_no: int = Field(ge=1, description="Page this part stands on.")
    bbox: BBox | None = Field(default=None, description="Box of this part on its page; None for text files.")
    row_start: int = Field(ge=0, description="First table row (0-based) of this part.")
    row_end: int = Field(ge=0, description="Last table row (0-based, inclusive) of this part.")


class SumCheck(BaseModel):
    """A total row compared with the sum of the column above it. Source numbers are never changed."""

    model_config = ConfigDict(extra="forbid")

    table_id: str
    total_row: int = Field(ge=0, description="Row (0-based) of the total ('I alt', 'Ialt', 'Total', 'Samlet').")
    col: int = Field(ge=0, description="Column (0-based) that was checked.")
    label: str = Field(description="Text of the total row's label cell as printed.")
    stated: float = Field(description="The total as printed in the table.")
    computed: float = Field(description="Sum of the parsed values in the rows the total covers.")
    difference: float = Field(description="stated - computed.")
    tolerance: float = Field(ge=0, description="Largest difference accepted (rounding of shown decimals).")
    n_terms: int = Field(ge=0, description="How many values were summed.")
    rows: tuple[int, int] = Field(description="First and last row (0-based, inclusive) the total covers.")
    status: SumCheckStatus = Field(
        description="passed; failed (difference beyond tolerance); incomplete (some covered cells are empty or "
        "not numbers); not_applicable (a rate column whose total lies between its terms, not a sum)."
    )
    note: str = Field(default="", description="Why, in words.")


class TableIndexRow(BaseModel):
    """One row of tables.csv."""

    model_config = ConfigDict(extra="forbid")

    doc_id: str
    table_id: str
    page_start: int = Field(ge=1)
    page_end: int = Field(ge=1)
    bbox: str = Field(description="Box on page_start as 'x0,top,x1,bottom' in PDF points; empty for text files.")
    n_rows: int = Field(ge=0, description="Rows including the header row.")
    n_cols: int = Field(ge=0)
    header: str = Field(description="Header cells joined with ' | '; empty when no header row was detected.")
    method: TableMethod
    sum_checks: TableSumSummary = Field(
        description="failed if any total-row check failed, passed if at least one passed and none failed, else none."
    )
    n_sum_checks: int = Field(default=0, ge=0, description="How many column checks were made.")
    n_sum_failed: int = Field(default=0, ge=0, description="How many of them failed.")


class CellProvenanceRow(BaseModel):
    """One row of the cell-level provenance file: any cell traced to its page, box or line, and its parse."""

    model_config = ConfigDict(extra="forbid")

    doc_id: str
    table_id: str
    row: int = Field(ge=0)
    col: int = Field(ge=0)
    page: int = Field(ge=1, description="Page the cell stands on (1-based).")
    line: int | None = Field(default=None, description="Source line (text files) or first line on the page.")
    bbox: str = Field(description="Cell box 'x0,top,x1,bottom' in PDF points; empty for text files.")
    origin: str = Field(description="text_layer, ocr or text_file.")
    is_header: bool
    raw: str = Field(description="Cell text as ingest saw it.")
    text: str = Field(description="Cell text after repair.")
    value: float | None = Field(default=None, description="Parsed number (Danish rules), if any.")
    unit: str | None = Field(default=None, description="Unit of the value (e.g. %, kr.), if any.")
    reference: float | None = Field(
        default=None,
        description="Value in brackets after the main one, e.g. 8 in 14%(8%)."
    )
    date: str | None = Field(default=None, description="ISO 8601 date, when the cell is a date.")
    is_empty: bool = Field(description="Empty, or a placeholder such as '?', '-', 'ingen direkte tilskud'.")
    note: str = Field(default="", description="What the parser noticed (placeholder, several numbers, ...).")
    flags: str = Field(default="", description="Parser flags joined with ';'.")
    confidence: float | None = Field(default=None, description="Lowest OCR word confidence in the cell (0-1).")
