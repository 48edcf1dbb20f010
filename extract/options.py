"""Run options: frozen, split by stage, checked once. CLI flags map one-to-one onto these fields."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

OcrMode = Literal["auto", "always", "never"]


class OcrOptions(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    # `dan` alone beats `dan+eng` on rendered Danish packets (eng loses å in bold headings).
    lang: str = Field(default="dan", description="Tesseract language(s), e.g. 'dan' or 'dan+eng'.")
    dpi: int = Field(default=300, ge=72, le=600, description="Render resolution for OCR.")
    timeout_s: float = Field(default=120, gt=0, description="Per-page tesseract time limit in seconds.")
    threads: int = Field(default=1, ge=1, le=64, description="Pages of one document OCR'd at the same time.")
    max_megapixels: float = Field(
        default=40.0, gt=0, description="Pages that would render larger are rendered at a lower dpi."
    )


class IngestOptions(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    ocr: OcrMode = Field(default="auto", description="auto: decide per page; always: OCR every page; never: no OCR.")
    passwords: tuple[str, ...] = Field(default=(), description="Passwords to try on encrypted PDFs, in order.")
    max_file_mb: float = Field(default=500, gt=0, description="Larger files are refused (too_large) unread.")


class RunOptions(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    ingest: IngestOptions = IngestOptions()
    ocr_engine: OcrOptions = OcrOptions()
    jobs: int = Field(default=0, ge=0, description="Worker processes; 0 = one per core; 1 = in-process.")
    scheduler: str | None = Field(
        default=None, description="Address of a Dask scheduler (tcp://host:8786): documents run on its workers."
    )
    resume: bool = Field(default=True, description="Skip documents whose <doc_id>.json is already current.")
    fail_fast: bool = Field(default=False, description="Stop at the first failed document (for debugging).")
