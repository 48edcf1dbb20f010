"""The one place that knows the stage order: ingest -> repair -> tables -> sections -> records.

Each stage is a function over the document model in its own module; this file only runs them in
order, times them, and turns a stage's failure into an error record without losing earlier work.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from extract.errors import InputFileError, KkrError
from extract.ingest_pdf import ingest_pdf
from extract.ingest_text import ingest_text
from extract.ocr import OcrEngine, TesseractEngine
from extract.options import RunOptions
from extract.records import extract_records
from extract.resources import shared_repairer
from extract.sections import split_sections
from extract.tables import find_tables
from extract.tools import library_versions
from normalize.repair import repair_document
from schemas.document import Document
from schemas.records import Records
from schemas.result import DocStatus, DocumentResult, StageError

log = logging.getLogger(__name__)
T = TypeVar("T")
TEXT_SUFFIXES = {".txt", ".text"}
DOC_ID_LENGTH = 16


def doc_id_for(sha256: str) -> str:
    return sha256[:DOC_ID_LENGTH]


def run_document(path: Path, opts: RunOptions, engine: OcrEngine | None = None) -> DocumentResult:
    """Run every stage on one file. Never raises for bad input: failures come back as error records."""
    timings: dict[str, float] = {}
    errors: list[StageError] = []
    try:
        size_mb = path.stat().st_size / 1e6
        if size_mb > opts.ingest.max_file_mb:
            error = StageError(stage="ingest", category="too_large",
                               message=f"{size_mb:.0f} MB is over the {opts.ingest.max_file_mb:g} MB limit "
                                       f"(raise it with --max-file-mb)")
            return _failed(path, "", error)
        data = path.read_bytes()
    except OSError as exc:
        return _failed(path, "", StageError(stage="ingest", category="not_found", message=_os_error(exc),
                                            exc_type=type(exc).__name__))
    sha256 = hashlib.sha256(data).hexdigest()
    doc_id = doc_id_for(sha256)
    try:
        start = time.perf_counter()
        document = _ingest(path, data, doc_id, sha256, opts, engine or TesseractEngine(), errors)
        timings["ingest"] = time.perf_counter() - start
    except KkrError as exc:
        return _failed(path, doc_id, StageError(stage="ingest", category=exc.category, message=exc.one_line(),
                                                exc_type=type(exc).__name__))
    document = _stage("repair", lambda: repair_document(document, shared_repairer()), document,
                      timings, errors)
    tables = _stage("tables", lambda: find_tables(document), [], timings, errors)
    document = document.model_copy(update={"tables": tables})
    sections = _stage("sections", lambda: split_sections(document), [], timings, errors)
    records = _stage("records", lambda: extract_records(document, sections), Records(), timings, errors)
    return DocumentResult(doc_id=doc_id, source_path=str(path), status=_status(document, errors), errors=errors,
                          timings=timings, tools=library_versions(), document=document, records=records)


def _ingest(path: Path, data: bytes, doc_id: str, sha256: str, opts: RunOptions, engine: OcrEngine,
            errors: list[StageError]) -> Document:
    if path.suffix.lower() in TEXT_SUFFIXES:
        return ingest_text(path, data, doc_id, sha256)
    if path.suffix.lower() == ".pdf" or data[:1024].find(b"%PDF") >= 0:
        document, page_errors = ingest_pdf(path, data, doc_id, sha256, opts.ingest, opts.ocr_engine, engine)
        errors.extend(page_errors)
        return document
    raise InputFileError(f"unsupported file type '{path.suffix or 'no suffix'}' (kkr reads .pdf and .txt)",
                         category="unsupported")


def _stage(name: str, run: Callable[[], T], fallback: T, timings: dict[str, float],
           errors: list[StageError]) -> T:
    """Run one stage after ingest; if it raises, record why and carry on with `fallback`."""
    start = time.perf_counter()
    try:
        return run()
    except Exception as exc:  # a later stage's bug must not lose the document already read
        log.warning("stage %s failed: %s", name, exc, exc_info=True)
        errors.append(StageError(stage=name, category="stage_failed", message=" ".join(str(exc).split())[:300],
                                 exc_type=type(exc).__name__))
        return fallback
    finally:
        timings[name] = time.perf_counter() - start


def _status(document: Document, errors: list[StageError]) -> DocStatus:
    if not errors:
        return "ok"
    if document.pages and all(page.status == "failed" for page in document.pages):
        return "failed"
    return "partial"


def _failed(path: Path, doc_id: str, error: StageError) -> DocumentResult:
    return DocumentResult(doc_id=doc_id or doc_id_for(hashlib.sha256(str(path).encode()).hexdigest()),
                          source_path=str(path), status="failed", errors=[error], tools=library_versions())


def _os_error(exc: OSError) -> str:
    return f"cannot read file: {exc.strerror or exc}"
