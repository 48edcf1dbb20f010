"""The run record of one document, kept apart from its content (docling's ConversionAssets)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from schemas.document import SCHEMA_VERSION, Document
from schemas.records import Records

DocStatus = Literal["ok", "partial", "failed"]

ErrorCategory = Literal[
    "not_found",  # the path does not exist or cannot be read
    "empty",  # zero bytes / no pages
    "not_pdf",  # the bytes are not a PDF although the name says so
    "corrupt",  # a PDF that no reader can open or parse
    "encrypted",  # needs a password none of the given ones opens
    "unsupported",  # a file type the pipeline does not read
    "too_large",  # over a configured size / pixel limit
    "missing_tool",  # tesseract or its Danish data is not installed
    "ocr_failed",  # tesseract crashed or returned garbage on a page
    "timeout",  # a page or document took longer than allowed
    "page_failed",  # one page could not be read; the rest of the document was
    "stage_failed",  # a later stage (repair, tables, sections) raised
    "internal",  # a bug: an exception nobody expected
]


class StageError(BaseModel):
    """One thing that went wrong, on one page or for the whole document. One line, no traceback."""

    model_config = ConfigDict(extra="forbid")

    stage: str = Field(description="Pipeline stage: ingest, ocr, repair, tables, sections, records, write.")
    category: ErrorCategory
    message: str = Field(description="One line saying what happened and, where it helps, what to do.")
    page_no: int | None = Field(default=None, ge=1)
    exc_type: str | None = Field(default=None, description="Exception class name, when there was one.")

    def one_line(self) -> str:
        where = f"page {self.page_no}: " if self.page_no else ""
        return f"{self.category}: {where}{self.message}".replace("\n", " ").strip()


class DocumentResult(BaseModel):
    """What `<doc_id>.json` holds: status, errors, timings, tool versions, the document and its records."""

    model_config = ConfigDict(extra="forbid")

    schema_name: Literal["kkr.document_result"] = "kkr.document_result"
    schema_version: str = SCHEMA_VERSION
    doc_id: str
    source_path: str
    status: DocStatus
    errors: list[StageError] = Field(default_factory=list)
    timings: dict[str, float] = Field(default_factory=dict, description="Seconds spent in each stage.")
    tools: dict[str, str] = Field(default_factory=dict, description="Versions of the libraries and programs used.")
    document: Document | None = None
    records: Records = Field(default_factory=Records)

    @model_validator(mode="after")
    def _status_matches_errors(self) -> DocumentResult:
        if self.status == "ok" and self.errors:
            raise ValueError("status cannot be 'ok' while errors are recorded")
        if self.status == "failed" and not self.errors:
            raise ValueError("a failed document must say why in errors")
        return self
