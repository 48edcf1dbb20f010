"""The pointer from any extracted value back to where it stands in the source."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from schemas.geometry import BBox

TextSource = Literal["text_layer", "ocr", "text_file"]


class Provenance(BaseModel):
    """Where a word, cell or value came from: enough to find it again and re-check it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    doc_id: str = Field(description="Stable document id (prefix of the file's SHA-256).")
    page_no: int = Field(ge=1, description="1-based page number.")
    line_no: int | None = Field(
        default=None,
        ge=1,
        description="Text files: 1-based line in the source file. PDFs: 1-based line within the page, reading order.",
    )
    bbox: BBox | None = Field(default=None, description="Box in PDF points (top-left origin); None for text files.")
    charspan: tuple[int, int] | None = Field(
        default=None, description="Start/end character offsets of `raw` within the line's raw text."
    )
    raw: str = Field(description="The source text exactly as ingest saw it (before any repair).")
    origin: TextSource = Field(description="Where the text came from: PDF text layer, OCR, or a text file.")
