"""`kkr run` over real malformed and unusual PDFs from public PDF test suites (../shared/pdfs/robust)."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pandas as pd
import pytest

from extract.cli import main
from extract.errors import ExitCode
from tests.conftest import shared_path

pytestmark = [pytest.mark.slow, pytest.mark.tesseract]


def _manifest() -> dict[str, dict]:
    path = shared_path("pdfs", "MANIFEST.tsv")
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    return {Path(r["file"]).name: r for r in rows if r["file"].startswith("robust/")}


def test_every_robust_pdf_gets_a_status_and_readable_ones_are_read(tmp_path, tesseract_dan):
    manifest = _manifest()
    passwords = sorted({m for r in manifest.values() for m in re.findall(r"\[password: ([^\]]+)\]", r["what_it_is"])})
    argv = ["run", str(shared_path("pdfs", "robust")), "--out", str(tmp_path), "--quiet"]
    for password in passwords:
        argv += ["--password", password]
    assert main(argv) == ExitCode.partial
    docs = pd.read_csv(tmp_path / "documents.csv", keep_default_na=False)
    docs["name"] = docs.source_path.map(lambda p: Path(p).name)
    assert set(docs.name) == set(manifest)
    for row in docs.itertuples():
        info = manifest[row.name]
        assert "\n" not in row.error
        if info["pages"] == "n/a":  # not a PDF at all: a one-line reason, nothing else
            assert row.status == "failed" and row.error.split(":")[0] in ("empty", "not_pdf"), row.name
            continue
        assert row.status in ("ok", "partial"), (row.name, row.error)
        result = json.loads((tmp_path / f"{row.doc_id}.json").read_text(encoding="utf-8"))
        words = sum(len(ln["words"]) for p in result["document"]["pages"] for ln in p["lines"])
        if info["has_text_layer"] == "yes" or info["language"] not in ("none",):
            assert words > 0, f"{row.name}: readable file read as empty"
