"""The committed samples/ exist, agree with samples/truth/, and agree with their build script."""

from __future__ import annotations

import csv
import importlib.util
import json
import os
import re
import shutil
from pathlib import Path

import pdfplumber
import pytest

from tests.conftest import SAMPLES, SHARED, shared_path

TRUTH = SAMPLES / "truth"
MANIFEST = json.loads((TRUTH / "manifest.json").read_text(encoding="utf-8"))
INFO = MANIFEST["samples"]
BORN_DIGITAL = sorted(n for n, i in INFO.items() if i["kind"].startswith("born_digital"))
SCANNED = next(n for n, i in INFO.items() if i["kind"] == "scanned_image_only")
BAD_LAYER = next(n for n, i in INFO.items() if i["kind"] == "scan_with_bad_ocr_layer")
OCR_TXT = next(n for n, i in INFO.items() if i["kind"] == "ocr_text_file")
CONTRACT = INFO[SCANNED]["rendered_from"]
MAX_BYTES = 5 * 1024 * 1024


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def truth_pages(name: str) -> list[str]:
    return json.loads((TRUTH / name).read_text(encoding="utf-8"))


def read_csv(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


def sample_files() -> list[Path]:
    return [p for p in SAMPLES.rglob("*") if p.is_file() and "__pycache__" not in p.parts]


def test_samples_and_truth_files_exist():
    for name, info in INFO.items():
        assert (SAMPLES / name).is_file(), name
        for key in ("truth", "text_layer", "lines"):
            if key in info:
                assert (TRUTH / info[key]).is_file(), info[key]
    for table in MANIFEST["tables"]:
        assert (TRUTH / table["csv"]).is_file(), table["csv"]


def test_samples_stay_under_5_mb():
    total = sum(p.stat().st_size for p in sample_files())
    assert total < MAX_BYTES, f"samples/ is {total / 1e6:.2f} MB"


@pytest.mark.parametrize("name", BORN_DIGITAL)
def test_born_digital_text_equals_truth_pages(name):
    expected = truth_pages(INFO[name]["truth"])
    with pdfplumber.open(SAMPLES / name) as pdf:
        assert len(pdf.pages) == INFO[name]["pages"] == len(expected)
        for no, (page, want) in enumerate(zip(pdf.pages, expected, strict=True), start=1):
            assert norm(page.extract_text()) == norm(want), f"{name} page {no}"


def test_scanned_pdf_has_no_text_layer():
    with pdfplumber.open(SAMPLES / SCANNED) as pdf:
        assert len(pdf.pages) == INFO[SCANNED]["pages"] == INFO[CONTRACT]["pages"]
        for page in pdf.pages:
            assert not page.chars
            assert len(page.images) == 1


def test_bad_layer_pdf_text_layer_is_the_raw_ocr():
    info = INFO[BAD_LAYER]
    layer = truth_pages(info["text_layer"])
    shown = truth_pages(info["truth"])
    with pdfplumber.open(SAMPLES / BAD_LAYER) as pdf:
        assert len(pdf.pages) == info["pages"] == len(layer)
        for page, want in zip(pdf.pages, layer, strict=True):
            assert len(page.images) == 1
            assert norm(page.extract_text()) == norm(want)
    assert norm(" ".join(layer)) != norm(" ".join(shown)), "the layer should differ from the page image's text"


def test_bad_layer_truth_is_seed_raw_and_gold():
    seed = shared_path("seeds", "000_b927a9b7bf6e6fb7.txt").read_text(encoding="utf-8").split("\n")
    gold = shared_path("gold", "ocr", "seed000_1350-2963.gold.txt").read_text(encoding="utf-8").split("\n")
    first, last = INFO[BAD_LAYER]["seed000_lines"]
    keep = [n for n in range(first, last + 1) if seed[n - 1].strip()]
    layer = [line for page in truth_pages(INFO[BAD_LAYER]["text_layer"]) for line in page.split("\n")]
    shown = [line for page in truth_pages(INFO[BAD_LAYER]["truth"]) for line in page.split("\n")]
    assert layer == [seed[n - 1].strip() for n in keep]
    assert shown == [gold[n - 1350].strip() for n in keep]


def test_ocr_text_file_is_cp1252_crlf_and_round_trips():
    data = (SAMPLES / OCR_TXT).read_bytes()
    text = data.decode("cp1252")
    assert "\r\n" in text and "\n" not in text.replace("\r\n", "")
    seed = shared_path("seeds", "000_b927a9b7bf6e6fb7.txt").read_text(encoding="utf-8")
    lines = seed.split("\n")
    for sub in INFO[OCR_TXT]["cp1252_substitutions"]:
        ch = chr(int(sub["char"][2:], 16))
        lines[sub["line"] - 1] = lines[sub["line"] - 1].replace(ch, sub["written_as"])
    assert text.split("\r\n") == lines


def test_tables_in_manifest_are_consistent():
    kinds = set()
    for table in MANIFEST["tables"]:
        rows = read_csv(TRUTH / table["csv"])
        assert len(rows) == table["n_rows"] and {len(r) for r in rows} == {table["n_cols"]}
        pages = INFO[table["sample"]]["pages"]
        assert table["pages"] and all(1 <= p <= pages for p in table["pages"])
        kinds.add(table["ruled"])
    assert kinds == {True, False}, "both ruled and unruled tables must be present"
    assert any(len(t["pages"]) > 1 for t in MANIFEST["tables"]), "one table should span a page break"


def _load_builder():
    spec = importlib.util.spec_from_file_location("make_samples", SAMPLES / "make_samples.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_rebuild_gives_the_committed_born_digital_samples(tmp_path):
    shared_path("seeds")
    lines_tsv = TRUTH / INFO[CONTRACT]["lines"]
    builder = _load_builder()
    rc = builder.main(["--out", str(tmp_path), "--shared", str(SHARED), "--no-scan", "--frozen", str(lines_tsv)])
    assert rc == 0
    rebuilt = json.loads((tmp_path / "truth" / "manifest.json").read_text(encoding="utf-8"))
    same_libs = rebuilt["versions"] == MANIFEST["versions"]
    for name in BORN_DIGITAL:
        assert rebuilt["samples"][name]["pages"] == INFO[name]["pages"], name
        truth = INFO[name]["truth"]
        assert (tmp_path / "truth" / truth).read_text(encoding="utf-8") == (TRUTH / truth).read_text(encoding="utf-8")
        if same_libs:
            assert (tmp_path / name).read_bytes() == (SAMPLES / name).read_bytes(), f"{name} not byte-identical"
    for table in rebuilt["tables"]:
        assert read_csv(tmp_path / "truth" / table["csv"]) == read_csv(TRUTH / table["csv"])
    assert (tmp_path / OCR_TXT).read_bytes() == (SAMPLES / OCR_TXT).read_bytes()


def _tesseract_dan() -> bool:
    try:
        import pytesseract

        return shutil.which("tesseract") is not None and "dan" in pytesseract.get_languages()
    except Exception:  # noqa: BLE001 - any failure of the probe means: skip
        return False


@pytest.mark.tesseract
def test_scanned_page_ocr_character_error_rate():
    if not _tesseract_dan():
        pytest.skip("tesseract with Danish data not available")
    import pypdfium2 as pdfium
    import pytesseract
    from rapidfuzz.distance import Levenshtein

    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    doc = pdfium.PdfDocument(str(SAMPLES / SCANNED))
    image = doc[0].render(scale=300 / 72, grayscale=True).to_pil()
    ocr = norm(pytesseract.image_to_string(image, lang="dan"))
    want = norm(truth_pages(INFO[SCANNED]["truth"])[0])
    cer = Levenshtein.distance(ocr, want) / len(want)
    assert cer <= 0.02, f"CER {cer:.3%} on page 1"
