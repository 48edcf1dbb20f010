"""`kkr bench tables`: cell accuracy of find_tables on born-digital and scanned pages, next to camelot.

Two sets are scored, each page kind separately:
- samples: the PDFs in samples/ whose tables have expected cells in samples/truth/<name>.csv
  (a truth table is matched to the PDF's table that scores best on it);
- gold-typeset: the gold CSVs of ../shared/gold/records typeset here with reportlab, ruled and
  unruled, plus a scanned twin of that PDF (pages rendered to images, so ingest OCRs them).
Cells are compared as parsed values (normalize.numbers.parse_cell): numbers by value and reference,
other cells by their whitespace- and case-folded text. Accuracy = matching cells / expected cells,
after the best row/column offset (at most 2 rows, 1 column). Camelot lattice and stream run on the
same born-digital pages in the same run; speeds are reported as seconds and as ratios.
"""

from __future__ import annotations

import csv
import hashlib
import json
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz

from extract.tables import find_tables
from normalize.numbers import parse_cell
from normalize.table_values import grid
from schemas.document import Document

REPO = Path(__file__).resolve().parents[2]
GOLD_TABLES = ("seed000_sosu_2026.csv", "seed000_survey_svarrate.csv", "seed000_overview_goals.csv")
DROP_COLUMNS = {"line", "derived_cells", "note"}


@dataclass
class Truth:
    name: str
    rows: list[list[str]]
    pdf: Path
    pages: list[int]


@dataclass
class Score:
    name: str
    kind: str  # born-digital / scanned
    method: str
    cells: int
    correct: int

    @property
    def accuracy(self) -> float:
        return self.correct / self.cells if self.cells else 0.0


# --- comparing cells ---------------------------------------------------------------------------------


def cell_key(text: str) -> tuple:
    """What two cells must share to count as equal: the parsed number (and reference), else the text."""
    text = " ".join((text or "").replace("\n", " ").split())
    cv = parse_cell(text)
    if not cv.is_empty and cv.value is not None:
        return ("n", float(cv.value), cv.reference)
    if cv.iso:
        return ("d", cv.iso)
    return ("t", text.casefold().replace(" %", "%"))


TEXT_SIMILARITY = 95  # tolerant scoring: a text cell within 5% of its characters counts as read


def _same(a: tuple, b: tuple, tolerant: bool) -> bool:
    if tolerant and a[0] == b[0] == "t":
        return fuzz.ratio(a[1], b[1]) >= TEXT_SIMILARITY
    return a == b


def grid_score(truth: Sequence[Sequence[str]], found: Sequence[Sequence[str]], tolerant: bool = False) -> int:
    """Matching cells of `found` against `truth` at the best small row/column offset. Numbers and
    dates must always be equal; with `tolerant`, text cells may differ by a few OCR slips."""
    tk = [[cell_key(t) for t in row] for row in truth]
    fk = [[cell_key(t) for t in row] for row in found]
    best = 0
    for dr in range(-2, 3):
        for dc in range(-1, 2):
            n = 0
            for r, row in enumerate(tk):
                fr = r + dr
                if 0 <= fr < len(fk):
                    n += sum(1 for c, k in enumerate(row)
                             if 0 <= c + dc < len(fk[fr]) and _same(fk[fr][c + dc], k, tolerant))
            best = max(best, n)
    return best


def best_match(truth: Sequence[Sequence[str]], candidates: Sequence[Sequence[Sequence[str]]],
               tolerant: bool = False) -> int:
    return max((grid_score(truth, c, tolerant) for c in candidates), default=0)


# --- building the sets ---------------------------------------------------------------------------------


def read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return [row for row in csv.reader(fh)]


def gold_rows(path: Path) -> list[list[str]]:
    """A gold CSV as a table to typeset. Its header holds column names (svarrate_i_alt_pct), not
    source text, so they are typeset as words."""
    rows = read_csv(path)
    keep = [i for i, h in enumerate(rows[0]) if h not in DROP_COLUMNS]
    header = [rows[0][i].replace("_", " ") for i in keep]
    return [header] + [[r[i] for i in keep] for r in rows[1:]]


def typeset_gold(shared: Path, out: Path) -> list[Truth]:
    """The gold tables typeset with reportlab: alternately ruled and unruled, one per page."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    style = getSampleStyleSheet()
    story, truths = [], []
    pdf = out / "gold_typeset.pdf"
    for i, name in enumerate(GOLD_TABLES):
        rows = gold_rows(shared / "gold" / "records" / name)
        table = Table(rows, repeatRows=1)
        commands = [("FONTSIZE", (0, 0), (-1, -1), 7), ("ALIGN", (1, 1), (-1, -1), "RIGHT")]
        if i % 2 == 0:
            commands.append(("GRID", (0, 0), (-1, -1), 0.5, colors.black))
        table.setStyle(TableStyle(commands))
        story += [Paragraph(f"Tabel {i + 1}. Tal fra mødesagen, som de står i bilaget.", style["BodyText"]),
                  Spacer(1, 10), table, PageBreak()]
        truths.append(Truth(name, rows, pdf, [i + 1]))
    SimpleDocTemplate(str(pdf), pagesize=landscape(A4)).build(story)
    return truths


def scanned_twin(pdf: Path, out: Path, dpi: int = 200) -> Path:
    """The PDF with every page replaced by its rendered image (no text layer)."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    images = [page.render(scale=dpi / 72).to_pil().convert("L") for page in doc]
    doc.close()
    path = out / (pdf.stem + "_scanned.pdf")
    images[0].save(path, save_all=True, append_images=images[1:], resolution=dpi)
    return path


def sample_truths(samples: Path) -> dict[Path, list[Truth]]:
    """The expected tables of samples/truth/manifest.json per sample PDF; a scanned sample rendered
    from a born-digital one ("rendered_from") expects the same tables."""
    manifest_path = samples / "truth" / "manifest.json"
    if not manifest_path.is_file():
        return {}
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    out: dict[Path, list[Truth]] = {}
    for entry in manifest.get("tables", []):
        rows = read_csv(samples / "truth" / entry["csv"])
        names = [entry["sample"]] + [
            name for name, info in manifest.get("samples", {}).items() if info.get("rendered_from") == entry["sample"]
        ]
        for name in names:
            pdf = samples / name
            if pdf.is_file():
                out.setdefault(pdf, []).append(Truth(entry["id"], rows, pdf, list(entry.get("pages", []))))
    return out


# --- running ---------------------------------------------------------------------------------------------


def ingest(pdf: Path) -> Document:
    from extract.ingest_pdf import ingest_pdf
    from extract.ocr import TesseractEngine
    from extract.options import IngestOptions, OcrOptions

    data = pdf.read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    doc, _ = ingest_pdf(pdf, data, sha[:16], sha, IngestOptions(), OcrOptions(), TesseractEngine())
    return doc


def ours(pdf: Path) -> tuple[list[list[list[str]]], str, float, float]:
    """Our tables' grids, the page kind, seconds for ingest + tables and for tables alone."""
    t0 = time.perf_counter()
    doc = ingest(pdf)
    t1 = time.perf_counter()
    tables = find_tables(doc)
    t2 = time.perf_counter()
    kind = "scanned" if any(p.text_source == "ocr" for p in doc.pages) else "born-digital"
    return [grid(t) for t in tables], kind, t2 - t0, t2 - t1


def camelot_grids(pdf: Path, flavor: str) -> tuple[list[list[list[str]]], float]:
    import camelot

    t0 = time.perf_counter()
    try:
        tables = camelot.read_pdf(str(pdf), pages="all", flavor=flavor)
        grids = [[[str(x).replace("\n", " ") for x in row] for row in t.df.values.tolist()] for t in tables]
    except Exception:  # noqa: BLE001 - a camelot failure scores zero, it must not stop the bench
        grids = []
    return grids, time.perf_counter() - t0


def score_pdf(pdf: Path, truths: Sequence[Truth], with_camelot: bool, min_share: float = 0.0) -> dict:
    grids, kind, secs, table_secs = ours(pdf)
    out = {"pdf": pdf.name, "kind": kind, "seconds": secs, "table_seconds": table_secs, "scores": []}
    for t in truths:
        cells = sum(len(r) for r in t.rows)
        correct = best_match(t.rows, grids)
        if correct < min_share * cells:
            continue  # this truth table is not in this PDF
        out["scores"].append(Score(t.name, kind, "kkr", cells, correct))
        if kind == "scanned":
            out["scores"].append(Score(t.name, kind, "kkr, text cells >=95% similar", cells,
                                       best_match(t.rows, grids, tolerant=True)))
    if with_camelot and kind == "born-digital":
        names = {s.name for s in out["scores"]}
        for flavor in ("lattice", "stream"):
            cgrids, csecs = camelot_grids(pdf, flavor)
            out[f"camelot_{flavor}_seconds"] = csecs
            for t in truths:
                if t.name in names:
                    cells = sum(len(r) for r in t.rows)
                    out["scores"].append(Score(t.name, kind, f"camelot-{flavor}", cells, best_match(t.rows, cgrids)))
    return out


def _summary(results: Sequence[dict]) -> dict:
    by: dict[tuple[str, str], list[int]] = {}
    for res in results:
        for s in res["scores"]:
            acc = by.setdefault((s.kind, s.method), [0, 0])
            acc[0] += s.correct
            acc[1] += s.cells
    fig = {f"{kind}/{method}": round(c / n, 4) if n else None for (kind, method), (c, n) in sorted(by.items())}
    secs: dict[str, float] = {}
    for res in results:
        if res["kind"] != "born-digital" or "camelot_lattice_seconds" not in res:
            continue
        secs["kkr"] = secs.get("kkr", 0) + res["seconds"]
        secs["kkr_tables_only"] = secs.get("kkr_tables_only", 0) + res["table_seconds"]
        for flavor in ("lattice", "stream"):
            key = f"camelot-{flavor}"
            secs[key] = secs.get(key, 0) + res[f"camelot_{flavor}_seconds"]
    ratios = {k: round(v / secs["kkr"], 2) for k, v in secs.items() if secs.get("kkr")}
    return {"accuracy": fig, "seconds": {k: round(v, 3) for k, v in secs.items()},
            "seconds_ratio_to_kkr": ratios}


def _print(results: Sequence[dict], summary: dict) -> None:
    from rich.console import Console
    from rich.table import Table as RichTable

    console = Console()
    table = RichTable(title="Table cells: expected vs found (parsed values)")
    for col in ("pdf", "kind", "table", "method", "cells", "correct", "accuracy"):
        table.add_column(col)
    for res in results:
        for s in res["scores"]:
            table.add_row(res["pdf"], s.kind, s.name, s.method, str(s.cells), str(s.correct), f"{s.accuracy:.1%}")
    console.print(table)
    totals = RichTable(title="Totals")
    totals.add_column("kind/method")
    totals.add_column("accuracy")
    for k, v in summary["accuracy"].items():
        totals.add_row(k, f"{v:.1%}" if v is not None else "-")
    for k, v in summary["seconds"].items():
        totals.add_row(f"seconds {k} (born-digital pages)", f"{v:.3f} (x{summary['seconds_ratio_to_kkr'].get(k, 0)})")
    console.print(totals)


def run(shared: Path, samples: Path | None = None, with_camelot: bool = True) -> dict:
    """Score both sets; print the figures and return them."""
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        truths = typeset_gold(shared, out)
        pdf = truths[0].pdf
        results.append(score_pdf(pdf, truths, with_camelot))
        results.append(score_pdf(scanned_twin(pdf, out), truths, False))
        for sample_pdf, sample_truths_ in sample_truths(samples or REPO / "samples").items():
            results.append(score_pdf(sample_pdf, sample_truths_, with_camelot))
    summary = _summary(results)
    _print(results, summary)
    summary["per_table"] = [
        {"pdf": r["pdf"], "table": s.name, "kind": s.kind, "method": s.method, "cells": s.cells,
         "correct": s.correct, "accuracy": round(s.accuracy, 4)}
        for r in results for s in r["scores"]
    ]
    return summary


if __name__ == "__main__":  # python -m extract.bench.tables [shared]
    import sys

    run(Path(sys.argv[1]) if len(sys.argv) > 1 else REPO.parent / "shared")
