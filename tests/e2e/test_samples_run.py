"""`kkr run samples/` (the README's main command): every sample read the right way, outputs on contract."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pandas as pd
import pytest
from rapidfuzz.distance import Levenshtein

from schemas.contract import ROW_MODELS, SCHEMA_DIR
from tests.conftest import SAMPLES

pytestmark = [pytest.mark.tesseract, pytest.mark.slow]
MANIFEST = json.loads((SAMPLES / "truth" / "manifest.json").read_text(encoding="utf-8"))
# what each kind of sample must be read as, page by page
EXPECTED_SOURCE = {"born_digital": "text_layer", "born_digital_slides": "text_layer",
                   "scanned_image_only": "ocr", "scan_with_bad_ocr_layer": "ocr", "ocr_text_file": "text_file"}


def _truth_pages(sample: str) -> list[str]:
    path = SAMPLES / "truth" / MANIFEST["samples"][sample]["truth"]
    text = path.read_text(encoding="utf-8")
    return json.loads(text) if path.suffix == ".json" else text.split("\f")


def _result(out: Path, sample: str) -> dict:
    docs = pd.read_csv(out / "documents.csv", keep_default_na=False)
    row = docs[docs.source_path.map(lambda p: Path(p).name) == sample].iloc[0]
    return json.loads((out / f"{row.doc_id}.json").read_text(encoding="utf-8"))


def _norm(text: str) -> str:
    return " ".join(text.split())


def test_every_sample_is_processed_and_each_page_read_from_the_right_source(samples_output):
    for sample, info in MANIFEST["samples"].items():
        result = _result(samples_output, sample)
        assert result["status"] == "ok", (sample, result["errors"])
        sources = {page["text_source"] for page in result["document"]["pages"]}
        assert sources == {EXPECTED_SOURCE[info["kind"]]}, (sample, sources)


def test_bad_ocr_layer_pages_record_why_they_were_reocrd(samples_output):
    sample = next(s for s, i in MANIFEST["samples"].items() if i["kind"] == "scan_with_bad_ocr_layer")
    for page in _result(samples_output, sample)["document"]["pages"]:
        assert "bad Danish text layer" in page["decision_reason"] and "OCR reads better" in page["decision_reason"]


def test_scanned_sample_matches_its_source_text_with_cer_under_2_percent(samples_output):
    sample = next(s for s, i in MANIFEST["samples"].items() if i["kind"] == "scanned_image_only")
    pages = _result(samples_output, sample)["document"]["pages"]
    truth = _truth_pages(sample)
    assert len(pages) == len(truth)
    errors = sum(Levenshtein.distance(_norm("\n".join(ln["raw"] for ln in p["lines"])), _norm(t))
                 for p, t in zip(pages, truth, strict=True))
    cer = errors / sum(len(_norm(t)) for t in truth)
    assert cer <= 0.02, f"CER {cer:.2%}"


def test_born_digital_samples_read_exactly_their_typeset_text(samples_output):
    for sample, info in MANIFEST["samples"].items():
        if not info["kind"].startswith("born_digital"):
            continue
        pages = _result(samples_output, sample)["document"]["pages"]
        for page, truth in zip(pages, _truth_pages(sample), strict=True):
            got = _norm(" ".join(w["raw"] for ln in page["lines"] for w in ln["words"]))
            assert sorted(got.split()) == sorted(_norm(truth).split()), (sample, page["page_no"])


def test_outputs_validate_against_the_committed_json_schemas(samples_output):
    document_schema = json.loads((SCHEMA_DIR / "document_result.schema.json").read_text(encoding="utf-8"))
    for path in samples_output.glob("*.json"):
        jsonschema.validate(json.loads(path.read_text(encoding="utf-8")), document_schema)
    for name in ROW_MODELS:
        schema = json.loads((SCHEMA_DIR / f"{name}.row.schema.json").read_text(encoding="utf-8"))
        frame = pd.read_parquet(samples_output / f"{name}.parquet")
        csv_columns = pd.read_csv(samples_output / f"{name}.csv", nrows=0).columns.tolist()
        assert csv_columns == list(frame.columns) == list(ROW_MODELS[name].model_fields)
        for record in json.loads(frame.to_json(orient="records")):
            jsonschema.validate(record, schema)


def test_numbers_written_out_carry_page_and_box(samples_output):
    goals = pd.read_csv(samples_output / "goals.csv")
    docs = pd.read_csv(samples_output / "documents.csv")
    pdf_goals = goals.merge(docs, on="doc_id")
    pdf_goals = pdf_goals[pdf_goals.source_path.str.endswith(".pdf")]
    assert len(pdf_goals) >= 10
    assert pdf_goals.page.notna().all() and pdf_goals.bbox.notna().all()
    cells = pd.read_csv(samples_output / "table_cells.csv")
    numbers = cells[(cells.origin != "text_file") & cells.value.notna()]  # empty cells have no words, so no box
    assert len(numbers) and numbers.bbox.notna().all() and numbers.page.notna().all()
    assert numbers.raw.notna().all()
