"""Ingest of OCR'd text files: one document, pages split on form feeds, provenance by line number."""

from __future__ import annotations

import re
from pathlib import Path

from extract.errors import InputFileError
from schemas.document import Document, Line, Page, Source, Word

_WORD = re.compile(r"\S+")
_BOMS = (("utf-8-sig", b"\xef\xbb\xbf"), ("utf-16", b"\xff\xfe"), ("utf-16", b"\xfe\xff"))


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode a text file's bytes; returns (text, encoding).

    UTF-8 (strict) first, since it almost never decodes other encodings by accident; then cp1252,
    the Windows codepage archives were written in; latin-1 takes whatever is left.
    """
    for encoding, bom in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding), encoding
    if b"\x00" in data:
        raise InputFileError("binary data (NUL bytes) in a text file", category="unsupported")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def split_words(text: str) -> list[tuple[str, int, int]]:
    """Whitespace-delimited words of one line with their character offsets."""
    return [(m.group(), m.start(), m.end()) for m in _WORD.finditer(text)]


def line_from_text(line_no: int, text: str) -> Line:
    words = [Word(raw=w, text=w, span=(s, e)) for w, s, e in split_words(text)]
    return Line(line_no=line_no, raw=text, text=text, words=words)


def ingest_text(path: Path, data: bytes, doc_id: str, sha256: str) -> Document:
    """Build the document model of a text file. A form feed starts a new page."""
    text, encoding = decode_text(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    pages: list[list[Line]] = [[]]
    for line_no, line in enumerate(text.split("\n"), start=1):
        parts = line.split("\f")
        for i, part in enumerate(parts):
            if i > 0:
                pages.append([])
            if part or i == 0:
                pages[-1].append(line_from_text(line_no, part))
    if text.endswith("\n") and pages[-1] and pages[-1][-1].raw == "":
        pages[-1].pop()  # the newline that ends the file does not start another line
    page_models = [
        Page(page_no=i, text_source="text_file", decision_reason="text file", lines=lines)
        for i, lines in enumerate(pages, start=1)
    ]
    source = Source(
        path=str(path),
        filename=path.name,
        sha256=sha256,
        mimetype="text/plain",
        size_bytes=len(data),
        n_pages=len(page_models),
        encoding=encoding,
    )
    return Document(doc_id=doc_id, source=source, pages=page_models)
