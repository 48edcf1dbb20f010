"""Writers for samples/truth/: page texts, table cells, source-line provenance and the manifest."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from .layout import TableSpec
from .sources import SourceLine


def write_pages(path: Path, pages: list[str]) -> None:
    """A JSON list of page texts: exactly the strings typeset per page. JSON rather than text so
    that `kkr run samples/` does not take the truth for another packet."""
    path.write_text(json.dumps(pages, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")


def read_pages(path: Path) -> list[str]:
    return json.loads(path.read_text(encoding="utf-8"))


def write_table(path: Path, spec: TableSpec) -> None:
    """Expected cells, header rows included; a spanned cell's text is in its first column, the rest ''.
    Line breaks inside a cell are written as single spaces (compare cells modulo whitespace)."""
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        for row in spec.rows:
            w.writerow([" ".join((cell or "").split()) for cell in row])


def table_entry(spec: TableSpec, sample: str, csv_name: str) -> dict:
    return {
        "id": spec.table_id,
        "sample": sample,
        "pages": spec.pages,
        "ruled": spec.ruled,
        "header_rows": spec.header_rows,
        "header_repeated_on_continuation": bool(spec.repeat_header and len(spec.pages) > 1),
        "n_rows": len(spec.rows),
        "n_cols": len(spec.col_widths),
        "spans": [{"row": r, "col": c, "colspan": n} for r, c, n in spec.spans],
        "caption": spec.caption,
        "seed000_lines": list(spec.source_lines) if spec.source_lines else None,
        "csv": f"tables/{csv_name}",
    }


LINE_FIELDS = ["line", "origin", "raw", "text"]


def write_lines(path: Path, lines: list[SourceLine]) -> None:
    """Per seed line: where its typeset text came from (gold / repair / raw), the raw OCR and the text."""
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        w.writerow(LINE_FIELDS)
        for ln in lines:
            w.writerow([ln.no, ln.origin, ln.raw, ln.text])


def read_lines(path: Path) -> dict[int, tuple[str, str]]:
    """{line: (text, origin)} from a lines TSV written by write_lines."""
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    return {int(r["line"]): (r["text"], r["origin"]) for r in rows}


def write_json(path: Path, data: dict) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
