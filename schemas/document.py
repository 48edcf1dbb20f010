"""The document model every stage exchanges: Document -> Page -> Line -> Word, plus tables.

Raw text is never changed: `raw` is what ingest saw, `text` is what repair made of it, and each
change is kept as an `Edit`.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from schemas.geometry import BBox
from schemas.provenance import TextSource
from schemas.tables import Table

SCHEMA_VERSION = "1.0.0"


class Source(BaseModel):
    model_config = ConfigDict(extra="forbid")

    path: str = Field(description="Path as given on the command line (or found below a given folder).")
    filename: str
    sha256: str = Field(description="SHA-256 of the file's bytes.")
    mimetype: str = Field(description="application/pdf or text/plain.")
    size_bytes: int = Field(ge=0)
    n_pages: int = Field(ge=0)
    encoding: str | None = Field(default=None, description="Detected encoding of a text file.")


class Edit(BaseModel):
    """One change repair made to a word, with what chose it."""

    model_config = ConfigDict(extra="forbid")

    before: str
    after: str
    rule: str = Field(description="The mechanism that proposed the change (e.g. channel:ø<-g, split, case).")
    confidence: float = Field(ge=0, le=1)
    evidence: str = Field(default="", description="Why this candidate won (lexicon, frequency, context).")


class Word(BaseModel):
    model_config = ConfigDict(extra="forbid")

    raw: str = Field(description="Word as ingest saw it.")
    text: str = Field(description="Word after repair (equal to raw when nothing was changed).")
    span: tuple[int, int] = Field(description="Start/end offsets of raw within the line's raw text.")
    bbox: BBox | None = Field(default=None, description="Box in PDF points; None for text files.")
    confidence: float | None = Field(
        default=None,
        ge=0,
        le=1,
        description="1.0 for a PDF text layer, tesseract's score/100 for OCR, None for text files.",
    )
    edits: list[Edit] = Field(default_factory=list)


class Line(BaseModel):
    model_config = ConfigDict(extra="forbid")

    line_no: int = Field(
        ge=1, description="Text files: 1-based line in the source file. PDFs: 1-based line within the page."
    )
    raw: str = Field(description="Line text as ingest saw it.")
    text: str = Field(description="Line text after repair; same layout as raw with repaired words substituted.")
    bbox: BBox | None = None
    words: list[Word] = Field(default_factory=list)


class Rule(BaseModel):
    """A ruling line drawn on a PDF page (table borders); input to the ruled-table finder."""

    model_config = ConfigDict(extra="forbid")

    orientation: Literal["h", "v"]
    bbox: BBox


class Page(BaseModel):
    model_config = ConfigDict(extra="forbid")

    page_no: int = Field(ge=1)
    width: float | None = Field(default=None, description="Page width in points (None for text files).")
    height: float | None = Field(default=None, description="Page height in points (None for text files).")
    text_source: TextSource
    text_quality: float | None = Field(
        default=None, ge=0, le=1, description="Share of the page's words a Danish lexicon accepts (0-1)."
    )
    decision_reason: str = Field(default="", description="Why this page's text came from where it did.")
    ocr_confidence: float | None = Field(default=None, ge=0, le=1, description="Mean OCR word confidence (0-1).")
    deskew_degrees: float | None = Field(
        default=None,
        description="OCR'd pages: the scan was turned this many degrees (counter-clockwise) about the page "
        "centre to level its lines before OCR; word and rule boxes refer to the levelled page.",
    )
    bad_text_layer: bool = Field(
        default=False,
        description="The PDF text layer reads like OCR that lost Danish letters. Kept (OCR off, failed or "
        "no better), it is repaired like OCR text.",
    )
    status: Literal["ok", "failed"] = "ok"
    lines: list[Line] = Field(default_factory=list)
    rules: list[Rule] = Field(default_factory=list)


class Document(BaseModel):
    model_config = ConfigDict(extra="forbid")

    schema_name: Literal["kkr.document"] = "kkr.document"
    schema_version: str = SCHEMA_VERSION
    doc_id: str
    source: Source
    pages: list[Page] = Field(default_factory=list)
    tables: list[Table] = Field(default_factory=list)

    def text(self, repaired: bool = True) -> str:
        """The document's text in reading order, pages separated by form feeds."""
        attr = "text" if repaired else "raw"
        return "\f".join("\n".join(getattr(line, attr) for line in page.lines) for page in self.pages)
