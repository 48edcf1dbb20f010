"""Ingest: text files, born-digital PDFs, scans, bad OCR layers, the per-page decision and bad input."""

from __future__ import annotations

import hashlib
from collections import Counter
from pathlib import Path

import pytest
from rapidfuzz.distance import Levenshtein

from extract import tools
from extract.errors import InputFileError, OcrFailed, OcrTimeout
from extract.ingest_pdf import ingest_pdf
from extract.ingest_text import decode_text, ingest_text
from extract.ocr import OcrPage, TesseractEngine
from extract.options import IngestOptions, OcrOptions
from tests.conftest import shared_path
from tests.pdf_factory import bad_layer_pdf, scanned_pdf, text_pdf

DANISH = [
    "Målopfyldelsen for erhvervshusets indsats er således 100 procent.",
    "Virksomhederne skal opleve en høj kvalitet i vejledningen og kompetente medarbejdere.",
    "Erhvervshus Nordjylland vil løbende tage ansvar for strategiudviklingen i økonomi og vækst.",
    "Bæredygtig og digital omstilling er højt prioriteret i region Nordjylland.",
    "De øvrige erhvervshuse samarbejder om programmer og projekter, der skal prioriteres.",
]
# The same lines as an engine that did not know Danish letters read them
LOST_LETTERS = str.maketrans({"å": "a", "ø": "g", "æ": "ae", "Å": "A", "Ø": "@", "Æ": "Ae"})


def _ingest(data: bytes, opts: IngestOptions | None = None, engine=None, name: str = "doc.pdf"):
    opts = opts or IngestOptions()
    sha = hashlib.sha256(data).hexdigest()
    return ingest_pdf(Path(name), data, sha[:16], sha, opts, OcrOptions(), engine or TesseractEngine())


def _cer(got: str, want: str) -> float:
    return Levenshtein.distance(" ".join(got.split()), " ".join(want.split())) / max(1, len(" ".join(want.split())))


class FailingEngine:
    """A stand-in OCR engine that fails the way tesseract can."""

    name = "failing"

    def __init__(self, exc: Exception) -> None:
        self.exc = exc

    def version(self) -> str:
        return "0"

    def recognize(self, image, dpi, opts) -> OcrPage:
        raise self.exc


# --- text files ---------------------------------------------------------------------------------

def test_text_file_cp1252_is_detected_and_lines_keep_their_numbers(tmp_path):
    text = "Målopfyldelse\r\nØkonomi og løbende\r\n\fSide to æ\r\n"
    data = text.encode("cp1252")
    doc = ingest_text(tmp_path / "a.txt", data, "d", "s")
    assert doc.source.encoding == "cp1252"
    assert [p.page_no for p in doc.pages] == [1, 2]
    assert doc.pages[0].lines[1].raw == "Økonomi og løbende" and doc.pages[0].lines[1].line_no == 2
    assert doc.pages[1].lines[0].raw == "Side to æ" and doc.pages[1].lines[0].line_no == 3
    assert all(p.text_source == "text_file" for p in doc.pages)


def test_utf8_wins_over_cp1252_and_nul_bytes_are_refused():
    assert decode_text("være".encode()) == ("være", "utf-8")
    with pytest.raises(InputFileError):
        decode_text(b"abc\x00def")


def test_seed_text_roundtrips_with_file_line_numbers(seed000):
    data = seed000.read_bytes()
    doc = ingest_text(seed000, data, "d", "s")
    assert doc.text(repaired=False) == data.decode("utf-8").removesuffix("\n")
    line = next(ln for ln in doc.pages[0].lines if ln.line_no == 290)
    assert line.raw.startswith("Erhvervshusene fordobler frem til 2027")
    word = line.words[4]
    assert line.raw[word.span[0]:word.span[1]] == word.raw == "2027"


# --- born-digital PDFs --------------------------------------------------------------------------

def test_born_digital_words_have_boxes_on_the_page_and_lines_in_order():
    doc, errors = _ingest(text_pdf([DANISH]))
    page = doc.pages[0]
    assert errors == [] and page.text_source == "text_layer" and page.text_quality > 0.9
    assert [ln.raw for ln in page.lines] == DANISH
    for line in page.lines:
        for word in line.words:
            assert 0 <= word.bbox.x0 < word.bbox.x1 <= page.width
            assert 0 <= word.bbox.top < word.bbox.bottom <= page.height
            assert word.confidence == 1.0
    tops = [ln.bbox.top for ln in page.lines]
    assert tops == sorted(tops)


def _pdfium_words(page) -> Counter:
    # pdfium marks a hyphen at a line end as U+FFFE and joins the halves; the model keeps "Kom-" "mune"
    return Counter(page.get_textpage().get_text_range().replace("\ufffe", "-\n").split())


@pytest.mark.slow
def test_danish_municipal_pdfs_have_the_same_words_as_pypdfium2_on_every_page():
    import pypdfium2 as pdfium

    folder = shared_path("pdfs", "danish")
    for pdf in sorted(folder.glob("*.pdf")):
        data = pdf.read_bytes()
        doc, errors = _ingest(data, IngestOptions(ocr="never"))
        assert errors == [], pdf.name
        reference = pdfium.PdfDocument(data)
        assert len(doc.pages) == len(reference)
        differing = total = 0
        for page, ref_page in zip(doc.pages, reference, strict=True):
            ours = Counter(w.raw for ln in page.lines for w in ln.words)
            theirs = _pdfium_words(ref_page)
            differing += sum(((ours - theirs) + (theirs - ours)).values())
            total += sum(theirs.values())
        assert differing / total < 0.01, f"{pdf.name}: {differing} of {total} words differ from pypdfium2's"


# --- scans and bad layers -----------------------------------------------------------------------

@pytest.mark.tesseract
def test_scanned_page_is_ocrd_with_boxes_and_confidence(tesseract_dan):
    doc, errors = _ingest(scanned_pdf([DANISH]))
    page = doc.pages[0]
    assert errors == [] and page.text_source == "ocr" and "no usable text layer" in page.decision_reason
    assert page.ocr_confidence > 0.8
    assert _cer("\n".join(ln.raw for ln in page.lines), "\n".join(DANISH)) <= 0.02
    words = [w for ln in page.lines for w in ln.words]
    assert all(0 < w.confidence <= 1 and w.bbox.x1 <= page.width + 1 for w in words)
    first = page.lines[0].bbox  # the first typeset line is 70 pt below the top edge, 60 pt in
    assert abs(first.x0 - 60) < 8 and 55 < first.top < 75


@pytest.mark.tesseract
def test_bad_danish_layer_is_replaced_by_ocr_and_the_reason_kept(tesseract_dan):
    bad = [[line.translate(LOST_LETTERS) for line in DANISH]]
    doc, errors = _ingest(bad_layer_pdf([DANISH], bad))
    page = doc.pages[0]
    assert errors == []
    assert page.text_source == "ocr", page.decision_reason
    assert "bad Danish text layer" in page.decision_reason and "OCR reads better" in page.decision_reason
    assert page.text_quality > 0.9
    assert "Målopfyldelsen" in page.lines[0].raw


def test_ocr_never_keeps_the_bad_layer():
    bad = [[line.translate(LOST_LETTERS) for line in DANISH]]
    doc, _ = _ingest(bad_layer_pdf([DANISH], bad), IngestOptions(ocr="never"))
    page = doc.pages[0]
    assert page.text_source == "text_layer" and "OCR disabled" in page.decision_reason
    assert page.lines[0].raw.startswith("Malopfyldelsen")
    assert page.bad_text_layer, "a kept bad layer must be flagged so that repair sees it"


def test_good_danish_layer_full_of_names_is_not_sent_to_ocr():
    names = ["Foreningen Nørrebro Ungdomsklub ApS, Vesterbrogade 12, 1620 København V",
             "Ansøgt beløb 45.000 kr. til Frivilligcenter Amager og Sundby Idrætsforening",
             "Indstillet beløb 30.000 kr. Begrundelse: aktiviteten styrker det frivillige arbejde i bydelen."]
    doc, _ = _ingest(text_pdf([names * 4]))
    page = doc.pages[0]
    assert page.text_source == "text_layer" and not page.bad_text_layer, page.decision_reason


def test_missing_tesseract_fails_only_the_pages_that_need_ocr(monkeypatch):
    monkeypatch.setattr(tools, "TESSERACT", tools.ToolProbe("no-such-tesseract", "--version", r"(\d+)", (4,)))
    tools.require_ocr.cache_clear()
    data = text_pdf([DANISH])
    scan = scanned_pdf([DANISH[:1]])
    born, born_errors = _ingest(data)
    assert born_errors == [] and born.pages[0].text_source == "text_layer"
    doc, errors = _ingest(scan)
    tools.require_ocr.cache_clear()
    assert doc.pages[0].status == "failed"
    assert [e.category for e in errors] == ["missing_tool"]
    assert "apt-get install tesseract-ocr tesseract-ocr-dan" in errors[0].message and errors[0].page_no == 1


@pytest.mark.parametrize("exc, category", [(OcrFailed("tesseract crashed"), "ocr_failed"),
                                            (OcrTimeout("tesseract gave up after 1 s"), "timeout")])
def test_ocr_failure_on_one_page_keeps_the_other_pages(exc, category):
    two = text_pdf([DANISH])  # born-digital page 1 ...
    scan = scanned_pdf([DANISH[:2]])  # ... and a scanned page, glued into one document below
    import pypdfium2 as pdfium

    merged = pdfium.PdfDocument.new()
    for data in (two, scan):
        src = pdfium.PdfDocument(data)
        merged.import_pages(src)
    import io

    buf = io.BytesIO()
    merged.save(buf)
    doc, errors = _ingest(buf.getvalue(), engine=FailingEngine(exc))
    assert [p.status for p in doc.pages] == ["ok", "failed"]
    assert doc.pages[0].lines[0].raw == DANISH[0]
    assert [(e.category, e.page_no, e.stage) for e in errors] == [(category, 2, "ocr")]


# --- bad input ----------------------------------------------------------------------------------

def test_bad_inputs_raise_one_line_input_errors():
    cases = {b"": "empty", b"oops\n": "not_pdf", b"%PDF-1.4\n garbage without objects": "corrupt"}
    for data, category in cases.items():
        with pytest.raises(InputFileError) as info:
            _ingest(data)
        assert info.value.category == category
        assert "\n" not in info.value.one_line()


def test_truncated_pdf_reads_what_it_can_or_says_why():
    data = text_pdf([DANISH, DANISH[:2]])
    try:
        doc, errors = _ingest(data[: len(data) * 2 // 3])
    except InputFileError as exc:
        assert exc.category == "corrupt"
    else:
        assert doc.pages, "a truncated file that opens must still yield its pages"


def test_encrypted_pdf_needs_a_fitting_password():
    data = shared_path("pdfs", "robust", "plumber__password-example.pdf").read_bytes()
    with pytest.raises(InputFileError) as info:
        _ingest(data, IngestOptions(passwords=("wrong",)))
    assert info.value.category == "encrypted" and "--password" in info.value.one_line()
    doc, errors = _ingest(data, IngestOptions(passwords=("wrong", "test")))
    assert len(doc.pages) == 4 and doc.pages[0].lines


def test_utf8_password_with_danish_letters_opens():
    data = shared_path("pdfs", "robust", "pdfjs__issue6010_2-utf8-password.pdf").read_bytes()
    doc, _ = _ingest(data, IngestOptions(passwords=("æøå",)))
    assert len(doc.pages) == 1
