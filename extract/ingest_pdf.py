"""Ingest of PDFs: words with boxes from the text layer (pdfplumber), OCR where a page has none or a bad one.

pdfium opens the file first: it is fast, tells encryption apart from damage, renders pages for OCR,
and reads text from files pdfminer cannot parse. Only this module opens a PDF; no object it
returns holds a handle.
"""

from __future__ import annotations

import io
import logging
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium

from extract.errors import InputFileError, KkrError, OcrFailed
from extract.layout import line_models, lines_from_pdfium_page, words_from_plumber_page
from extract.ocr import OcrEngine
from extract.options import IngestOptions, OcrOptions
from extract.page_decision import LayerAssessment, assess_layer, prefer_ocr
from extract.scan_geometry import deskew, despeckle, estimate_skew, rules_from_image
from extract.tools import require_ocr
from schemas.document import Document, Line, Page, Rule, Source
from schemas.geometry import BBox
from schemas.result import StageError

log = logging.getLogger(__name__)
MAX_RULES_PER_PAGE = 5000  # charts can draw tens of thousands of segments; tables never need that many


@dataclass
class OpenedPdf:
    pdfium_doc: pdfium.PdfDocument | None  # None: pdfium refused the file, pdfplumber reads it alone
    plumber: pdfplumber.PDF | None
    plumber_error: str | None

    @property
    def n_pages(self) -> int:
        if self.pdfium_doc is not None:
            return len(self.pdfium_doc)
        return len(self.plumber.pages) if self.plumber is not None else 0

    def close(self) -> None:
        if self.plumber is not None:
            self.plumber.close()
        if self.pdfium_doc is not None:
            self.pdfium_doc.close()


def _password_candidates(passwords: tuple[str, ...]) -> list[str | None]:
    return [None, *passwords]


def _is_password_error(exc: Exception) -> bool:
    return "password" in str(exc).lower()


def _open_pdfium(data: bytes, passwords: tuple[str, ...]) -> tuple[pdfium.PdfDocument | None, str | None,
                                                               Exception | None]:
    """pdfium with the first password that works: (document, password used, last error)."""
    last_error = None
    for password in _password_candidates(passwords):
        try:
            return pdfium.PdfDocument(data, password=password), password, None
        except pdfium.PdfiumError as exc:
            last_error = exc
            if not _is_password_error(exc):
                break
    return None, None, last_error


def open_pdf(data: bytes, passwords: tuple[str, ...]) -> OpenedPdf:
    """Open with pdfium (the first password that works), then pdfplumber with the same password.

    A file pdfium refuses but pdfminer can parse is read through pdfplumber alone."""
    if not data:
        raise InputFileError("empty file (0 bytes)", category="empty")
    if b"%PDF" not in data[:1024]:
        head = data[:16].decode("latin-1", "replace").encode("unicode_escape").decode()
        raise InputFileError(f"not a PDF: no %PDF header (file starts with '{head}')", category="not_pdf")
    doc, used, pdfium_error = _open_pdfium(data, passwords)
    if doc is None and pdfium_error is not None and _is_password_error(pdfium_error):
        tried = f"none of the {len(passwords)} given passwords opens it" if passwords else "no password given"
        raise InputFileError(f"encrypted PDF: {tried}", category="encrypted",
                             remedy="pass the user password with --password")
    plumber, plumber_error = None, None
    try:
        plumber = pdfplumber.open(io.BytesIO(data), password=used or "")
        if doc is None and not plumber.pages:
            raise ValueError("no pages")
    except Exception as exc:  # pdfminer raises many types on damaged files; pdfium may still read them
        plumber, plumber_error = None, _one_line(exc)
    if doc is None and plumber is None:
        raise InputFileError(f"cannot parse PDF: {_one_line(pdfium_error)}; pdfminer: {plumber_error}",
                             category="corrupt")
    return OpenedPdf(pdfium_doc=doc, plumber=plumber, plumber_error=plumber_error)


def _one_line(exc: BaseException | None) -> str:
    if exc is None:
        return "unknown error"
    text = " ".join(str(exc).split()) or type(exc).__name__
    return f"{type(exc).__name__}: {text}"[:300]


def _rules(plumber_page) -> list[Rule]:
    rules = []
    for edge in plumber_page.edges[:MAX_RULES_PER_PAGE]:
        if edge.get("orientation") not in ("h", "v"):  # diagonal curve segments bound no table cell
            continue
        x0, x1 = sorted((float(edge["x0"]), float(edge["x1"])))
        top, bottom = sorted((float(edge["top"]), float(edge["bottom"])))
        rules.append(Rule(orientation=edge["orientation"], bbox=BBox(x0=x0, top=top, x1=x1, bottom=bottom)))
    return rules


@dataclass
class LayerRead:
    lines: list[Line]
    rules: list[Rule]
    has_images: bool
    width: float
    height: float


def _read_text_layer(opened: OpenedPdf, index: int) -> LayerRead:
    """Words and ruling lines of one page: pdfplumber where it could parse the file; pdfium where
    it could not, or where pdfminer found no text on a page pdfium can read."""
    if opened.plumber is not None and index < len(opened.plumber.pages):
        page = opened.plumber.pages[index]
        try:
            words = words_from_plumber_page(page)
            layer = LayerRead(line_models(words), _rules(page), bool(page.images), float(page.width),
                              float(page.height))
        finally:
            page.close()  # frees pdfplumber's per-page caches; keeps memory flat on long files
        if layer.lines or opened.pdfium_doc is None:
            return layer
        return LayerRead(lines_from_pdfium_page(opened.pdfium_doc[index]), layer.rules, layer.has_images,
                         layer.width, layer.height)
    pdfium_page = opened.pdfium_doc[index]
    width, height = pdfium_page.get_size()
    lines = lines_from_pdfium_page(pdfium_page)
    has_images = any(obj.type == pdfium.raw.FPDF_PAGEOBJ_IMAGE for obj in pdfium_page.get_objects())
    return LayerRead(lines, [], has_images, float(width), float(height))


def _render(opened: OpenedPdf, index: int, opts: OcrOptions) -> tuple[object, float]:
    """Render one page for OCR; pages too large for the pixel budget get a lower dpi."""
    if opened.pdfium_doc is None:
        raise OcrFailed("cannot render this page for OCR: pdfium could not open the file")
    page = opened.pdfium_doc[index]
    width, height = page.get_size()
    dpi = float(opts.dpi)
    megapixels = (width * dpi / 72) * (height * dpi / 72) / 1e6
    if megapixels > opts.max_megapixels:
        dpi *= (opts.max_megapixels / megapixels) ** 0.5
    image = page.render(scale=dpi / 72, grayscale=True).to_pil()
    return image, dpi


@dataclass
class OcrRead:
    lines: list[Line]
    confidence: float | None
    dpi: float
    deskew_degrees: float
    rules: list[Rule]


def read_scan(engine: OcrEngine, image, dpi: float, opts: OcrOptions) -> OcrRead:
    """Clean and level the scan, OCR it, and find the table borders drawn in it (on a worker thread)."""
    clean = despeckle(image, dpi)
    degrees = estimate_skew(clean)
    level = deskew(clean, degrees)
    page = engine.recognize(level, dpi, opts)
    return OcrRead(page.lines, page.mean_confidence, dpi, degrees, rules_from_image(level, dpi))


def _page_from_layer(page_no: int, layer: LayerRead, assessment: LayerAssessment) -> Page:
    return Page(page_no=page_no, width=layer.width, height=layer.height, text_source="text_layer",
                text_quality=assessment.quality, decision_reason=assessment.reason, lines=layer.lines,
                rules=layer.rules, bad_text_layer=assessment.bad_danish)


def ocr_pages(opened: OpenedPdf, indices: list[int], engine: OcrEngine, opts: OcrOptions,
              threads: int) -> dict[int, OcrRead | Exception]:
    """OCR the given pages, `threads` at a time. pdfium renders on this thread (it is not thread-safe);
    tesseract runs as a subprocess, so threads give real parallelism. At most 2 x threads rendered
    pages wait in memory. A page's failure is returned in place of its result."""
    results: dict[int, OcrRead | Exception] = {}
    with ThreadPoolExecutor(max_workers=threads) as pool:
        pending: dict[Future, int] = {}

        def collect(done) -> None:
            for future in done:
                index = pending.pop(future)
                try:
                    results[index] = future.result()
                except Exception as exc:  # kept per page; the caller turns it into an error record
                    results[index] = exc

        for index in indices:
            try:
                require_ocr(opts.lang)
                image, dpi = _render(opened, index, opts)
            except Exception as exc:
                results[index] = exc
                continue
            pending[pool.submit(read_scan, engine, image, dpi, opts)] = index
            if len(pending) >= 2 * threads:
                collect(wait(pending, return_when=FIRST_COMPLETED).done)
        collect(list(pending))
    return results


def _assemble(page_no: int, layer: LayerRead, assessment: LayerAssessment, ocr: OcrRead | Exception | None,
              errors: list[StageError]) -> Page:
    """The page as the model keeps it: its text layer, or its OCR when that was needed and reads better."""
    if ocr is None:
        return _page_from_layer(page_no, layer, assessment)
    if isinstance(ocr, Exception):
        category = ocr.category if isinstance(ocr, KkrError) else "ocr_failed"
        message = ocr.one_line() if isinstance(ocr, KkrError) else _one_line(ocr)
        errors.append(StageError(stage="ocr", category=category, page_no=page_no, message=message,
                                 exc_type=type(ocr).__name__))
        kept = "kept the text layer" if layer.lines else "no text"
        return _page_from_layer(page_no, layer, assessment).model_copy(update={
            "decision_reason": f"{assessment.reason}; OCR failed, {kept}",
            "status": "ok" if layer.lines else "failed",
        })
    choice = prefer_ocr(assessment, ocr.lines)
    if not choice.use_ocr:
        return _page_from_layer(page_no, layer, assessment).model_copy(update={"decision_reason": choice.reason})
    levelled = f", levelled by {ocr.deskew_degrees:+.1f} degrees" if ocr.deskew_degrees else ""
    return Page(page_no=page_no, width=layer.width, height=layer.height, text_source="ocr",
                text_quality=choice.quality,
                decision_reason=f"{choice.reason} (rendered at {ocr.dpi:.0f} dpi{levelled})",
                ocr_confidence=ocr.confidence, deskew_degrees=ocr.deskew_degrees or None, lines=ocr.lines,
                rules=layer.rules + ocr.rules)


def ingest_pdf(path: Path, data: bytes, doc_id: str, sha256: str, opts: IngestOptions, ocr_opts: OcrOptions,
               engine: OcrEngine) -> tuple[Document, list[StageError]]:
    """Build the document model of a PDF, deciding per page between its text layer and OCR.

    Raises InputFileError when the file cannot be opened at all; page-level trouble becomes StageErrors.
    """
    opened = open_pdf(data, opts.passwords)
    errors: list[StageError] = []
    try:
        n_pages = opened.n_pages
        if n_pages == 0:
            raise InputFileError("PDF has no pages", category="empty")
        layers: dict[int, tuple[LayerRead, LayerAssessment]] = {}
        failed: dict[int, Exception] = {}
        for index in range(n_pages):
            try:
                layer = _read_text_layer(opened, index)
                layers[index] = (layer, assess_layer(layer.lines, layer.has_images, opts))
            except Exception as exc:  # one broken page must not lose the others
                failed[index] = exc
        to_ocr = [i for i, (_, assessment) in layers.items() if assessment.needs_ocr]
        ocr = ocr_pages(opened, to_ocr, engine, ocr_opts, ocr_opts.threads) if to_ocr else {}
    finally:
        opened.close()
    pages = []
    for index in range(n_pages):
        if index in failed:
            errors.append(StageError(stage="ingest", category="page_failed", page_no=index + 1,
                                     message=_one_line(failed[index]), exc_type=type(failed[index]).__name__))
            pages.append(Page(page_no=index + 1, text_source="text_layer", status="failed",
                              decision_reason="page could not be read"))
            continue
        layer, assessment = layers[index]
        pages.append(_assemble(index + 1, layer, assessment, ocr.get(index), errors))
    if opened.plumber_error:
        log.info("pdfplumber could not parse %s (%s); used pdfium's text", path.name, opened.plumber_error)
    source = Source(path=str(path), filename=path.name, sha256=sha256, mimetype="application/pdf",
                    size_bytes=len(data), n_pages=n_pages)
    return Document(doc_id=doc_id, source=source, pages=pages), errors
