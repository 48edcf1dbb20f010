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
