"""Row models of the batch-level CSV/Parquet files: each written row is validated through one of these."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from schemas.provenance import TextSource
from schemas.result import DocStatus, ErrorCategory


class Row(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DocumentRow(Row):
    doc_id: str = Field(description="Stable id: the first 16 hex digits of the file's SHA-256.")
    source_path: str
    sha256: str
    n_pages: int = Field(ge=0)
    status: DocStatus
    error: str = Field(default="", description="One line per error, joined with ' | '; empty when ok.")


class PageRow(Row):
    doc_id: str
    page: int = Field(ge=1)
    width: float | None = Field(default=None, description="Points; empty for text files.")
    height: float | None = None
    text_source: TextSource
    text_quality: float | None = Field(default=None, ge=0, le=1)
    ocr_confidence: float | None = Field(default=None, ge=0, le=1, description="Mean; empty when not OCR'd.")
    status: Literal["ok", "failed"]
    decision_reason: str


class RepairRow(Row):
    doc_id: str
    page: int = Field(ge=1)
    line: int = Field(ge=1)
    bbox: str = Field(default="", description="'x0,top,x1,bottom' in points; empty for text files.")
    original: str
    replacement: str
    confidence: float = Field(ge=0, le=1)
    rule: str
    evidence: str


class ErrorRow(Row):
    doc_id: str
    source_path: str
    stage: str
    category: ErrorCategory
    page: int | None = None
    message: str
