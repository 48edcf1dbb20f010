"""`kkr bench ingest`: ingest speed and OCR accuracy, as ratios against raw tools measured in the same run.

- text layer: our ingest (words, boxes, lines, page decision) vs raw pypdfium2 text on the same pages;
- OCR: our OCR path vs raw tesseract (image_to_string) on the same rendered pages;
- tesseract threading: one OpenMP thread per process, pages side by side, vs tesseract's default;
- scanned sample: character error rate against the text it was typeset from.
"""

from __future__ import annotations

import hashlib
import os
import resource
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pypdfium2 as pdfium
from rapidfuzz.distance import Levenshtein
from rich.console import Console
from rich.table import Table

from extract.ingest_pdf import ingest_pdf
from extract.ocr import TesseractEngine
from extract.options import IngestOptions, OcrOptions

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
console = Console()


def _ingest_seconds(path: Path, opts: IngestOptions, ocr: OcrOptions) -> tuple[float, object]:
    data = path.read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    start = time.perf_counter()
    doc, _ = ingest_pdf(path, data, sha[:16], sha, opts, ocr, TesseractEngine())
    return time.perf_counter() - start, doc


def _pdfium_text_seconds(path: Path) -> float:
    start = time.perf_counter()
    doc = pdfium.PdfDocument(str(path))
    for page in doc:
        page.get_textpage().get_text_range()
    doc.close()
    return time.perf_counter() - start


def _render(path: Path, pages: int, dpi: int = 300) -> list:
    doc = pdfium.PdfDocument(str(path))
    images = [doc[i].render(scale=dpi / 72, grayscale=True).to_pil() for i in range(min(pages, len(doc)))]
    doc.close()
    return images


def _tesseract_cli_seconds(images: list, omp_threads: str | None, parallel: int) -> float:
    """Raw tesseract on PNGs of the pages, as a user would run it, with the given OpenMP setting."""
    tmp = Path(os.environ.get("TMPDIR", "/tmp")) / f"kkr-bench-{os.getpid()}"
    tmp.mkdir(exist_ok=True)
    files = []
    for i, image in enumerate(images):
        files.append(tmp / f"page{i}.png")
        image.save(files[-1])
    env = dict(os.environ)
    env.pop("OMP_THREAD_LIMIT", None)
    if omp_threads:
        env["OMP_THREAD_LIMIT"] = omp_threads

    def one(png: Path) -> None:
        subprocess.run(["tesseract", str(png), "-", "-l", "dan", "--dpi", "300"], env=env, check=True,
                       capture_output=True)

    start = time.perf_counter()
    with ThreadPoolExecutor(parallel) as pool:
        list(pool.map(one, files))
    return time.perf_counter() - start


def _cer(doc, truth_pages: list[str]) -> float:
    norm = " ".join
    errors = total = 0
    for page, truth in zip(doc.pages, truth_pages, strict=False):
        got = norm(" ".join(ln.raw for ln in page.lines).split())
        want = norm(truth.split())
        errors += Levenshtein.distance(got, want)
        total += len(want)
    return errors / max(1, total)


def _truth_pages(name: str) -> list[str]:
    import json

    manifest = json.loads((SAMPLES / "truth" / "manifest.json").read_text(encoding="utf-8"))
    path = SAMPLES / "truth" / manifest["samples"][name]["truth"]
    text = path.read_text(encoding="utf-8")
    return json.loads(text) if path.suffix == ".json" else text.split("\f")


def run(shared: Path, ocr_pages: int = 4) -> dict[str, float]:
    figures: dict[str, float] = {}
    table = Table(title="kkr bench ingest (one run; ratios are ours / raw tool on the same pages)")
    for column in ("input", "pages", "ours s", "raw s", "ratio", "note"):
        table.add_column(column)
    born = [SAMPLES / "resultatkontrakt_2024.pdf", *sorted((shared / "pdfs" / "danish").glob("*.pdf"))]
    for path in [p for p in born if p.exists()]:
        ours, doc = _ingest_seconds(path, IngestOptions(), OcrOptions())
        raw = _pdfium_text_seconds(path)
        figures[f"text_layer_ratio:{path.name}"] = ours / raw
        table.add_row(path.name, str(len(doc.pages)), f"{ours:.2f}", f"{raw:.3f}", f"{ours / raw:.0f}x",
                      "vs pypdfium2 get_text_range")
    scanned = SAMPLES / "resultatkontrakt_2024_scanned.pdf"
    os.environ["OMP_THREAD_LIMIT"] = "1"
    images = _render(scanned, ocr_pages)
    raw_one = _tesseract_cli_seconds(images, "1", 1)
    start = time.perf_counter()
    engine, ocr = TesseractEngine(), OcrOptions()
    for image in images:
        engine.recognize(image, 300, ocr)
    ours = time.perf_counter() - start
    figures["ocr_ratio"] = ours / raw_one
    table.add_row(scanned.name, str(len(images)), f"{ours:.1f}", f"{raw_one:.1f}", f"{ours / raw_one:.2f}x",
                  "OCR with boxes vs raw tesseract CLI, 1 thread")
    default_threads = _tesseract_cli_seconds(images, None, 1)
    side_by_side = _tesseract_cli_seconds(images, "1", os.cpu_count() or 1)
    figures["omp1_parallel_speedup"] = default_threads / side_by_side
    table.add_row("tesseract threading", str(len(images)), f"{side_by_side:.1f}", f"{default_threads:.1f}",
                  f"{default_threads / side_by_side:.2f}x faster",
                  f"OMP_THREAD_LIMIT=1 x {os.cpu_count()} pages at once vs default OpenMP, one page at a time")
    seconds, doc = _ingest_seconds(scanned, IngestOptions(), OcrOptions(threads=os.cpu_count() or 1))
    figures["scanned_cer"] = _cer(doc, _truth_pages(scanned.name))
    figures["scanned_seconds_per_page"] = seconds / len(doc.pages)
    table.add_row(scanned.name, str(len(doc.pages)), f"{seconds:.1f}", "", "",
                  f"whole sample: CER {figures['scanned_cer']:.2%}, {seconds / len(doc.pages):.1f} s/page")
    figures["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    console.print(table)
    console.print(f"peak memory of this process: {figures['peak_rss_mb']:.0f} MB; python {sys.version.split()[0]}")
    return figures
