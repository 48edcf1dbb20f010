"""The document as one list of lines in reading order, with folded forms for OCR-tolerant matching.

Both the repaired `Line.text` and the untouched `Line.raw` are kept: heading tests look at both, so a
heading repair missed is still found, and one repair fixed is found better.
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from dataclasses import dataclass

from rapidfuzz import fuzz

from schemas.document import Document, Line
from schemas.provenance import Provenance, TextSource

_DANISH = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "@": "o", "|": "i"})
_SPACES = re.compile(r"\s+")
_PAGE_NUMBER = re.compile(r"^\s*(?:\d{1,3}|side\s+\d+\s+af\s+\d+|-\s*\d{1,3}\s*-)\s*$", re.IGNORECASE)


def fold(text: str) -> str:
    """Lower case, Danish letters spelled out in ASCII, accents dropped, spaces collapsed.

    OCR with the wrong language writes å as a, ø as o/g/@, æ as ae/ee; folding both sides the same way
    makes those variants compare equal or nearly so.
    """
    lowered = text.lower().translate(_DANISH)
    stripped = "".join(c for c in unicodedata.normalize("NFKD", lowered) if not unicodedata.combining(c))
    return _SPACES.sub(" ", stripped).strip()


def starts_like(folded: str, key: str, threshold: float = 85.0) -> bool:
    """True when the folded line begins with something close to the folded key (OCR slips tolerated)."""
    if len(folded) < len(key) - 3:
        return False
    best = max(fuzz.ratio(folded[: len(key) + d], key) for d in (-2, -1, 0, 1, 2))
    return best >= threshold


@dataclass(frozen=True)
class DocLine:
    """One line of the document with its place: index in reading order, page, and the model line."""

    idx: int
    page_no: int
    line: Line
    origin: TextSource
    gap_before: bool = False  # a blank line or a paragraph-sized vertical gap precedes it

    @property
    def text(self) -> str:
        return self.line.text

    @property
    def raw(self) -> str:
        return self.line.raw

    @property
    def line_no(self) -> int:
        return self.line.line_no

    @property
    def blank(self) -> bool:
        return not self.line.text.strip()

    def folds(self) -> tuple[str, ...]:
        """Folded repaired text and, when different, folded raw text."""
        text, raw = fold(self.line.text), fold(self.line.raw)
        return (text,) if text == raw else (text, raw)

    def looks_like_page_number(self) -> bool:
        return bool(_PAGE_NUMBER.match(self.line.text))

    def provenance(self, doc_id: str) -> Provenance:
        return Provenance(
            doc_id=doc_id,
            page_no=self.page_no,
            line_no=self.line_no,
            bbox=self.line.bbox,
            raw=self.line.raw,
            origin=self.origin,
        )


def _gaps_on_page(lines: list[Line]) -> list[bool]:
    """Per line: is there a paragraph gap above it? Blank lines for text, vertical space for PDFs."""
    gaps = [True] * len(lines)
    heights = [ln.bbox.height for ln in lines if ln.bbox and ln.bbox.height > 0]
    typical = statistics.median(heights) if heights else 0.0
    previous: Line | None = None
    blank_seen = True
    for i, line in enumerate(lines):
        if not line.text.strip():
            blank_seen = True
            continue
        if previous is not None and line.bbox and previous.bbox and typical:
            gaps[i] = blank_seen or (line.bbox.top - previous.bbox.bottom) > 0.6 * typical
        else:
            gaps[i] = blank_seen
        previous, blank_seen = line, False
    return gaps


def index_lines(doc: Document) -> list[DocLine]:
    """All lines of the document in reading order, numbered from 0."""
    out: list[DocLine] = []
    for page in doc.pages:
        for line, gap in zip(page.lines, _gaps_on_page(page.lines), strict=True):
            out.append(DocLine(idx=len(out), page_no=page.page_no, line=line, origin=page.text_source, gap_before=gap))
    return out
