"""The output contract in one place: which file holds which model.

`python -m schemas.contract` regenerates the committed `schemas/*.schema.json` from the models;
a test fails when the committed copies differ, so the published schema never drifts.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from pydantic import BaseModel

from schemas.records import ContractRow, GoalRow, ResultRow, SectionRow, TargetRow
from schemas.result import DocumentResult
from schemas.rows import DocumentRow, ErrorRow, PageRow, RepairRow
from schemas.tables import CellProvenanceRow, TableIndexRow

# batch-level tables: <name>.csv and <name>.parquet, one row model each
ROW_MODELS: dict[str, type[BaseModel]] = {
    "documents": DocumentRow,
    "pages": PageRow,
    "repairs": RepairRow,
    "errors": ErrorRow,
    "tables": TableIndexRow,
    "table_cells": CellProvenanceRow,
    "sections": SectionRow,
    "contracts": ContractRow,
    "goals": GoalRow,
    "targets": TargetRow,
    "results": ResultRow,
}
# per-document JSON: <doc_id>.json
DOCUMENT_MODEL = DocumentResult
SCHEMA_DIR = Path(__file__).parent


def json_schemas() -> dict[str, dict]:
    """File name -> JSON Schema, for the document JSON and every batch table's rows."""
    schemas = {"document_result.schema.json": DOCUMENT_MODEL.model_json_schema(mode="serialization")}
    for name, model in ROW_MODELS.items():
        schemas[f"{name}.row.schema.json"] = model.model_json_schema(mode="serialization")
    return schemas


def write_json_schemas(directory: Path = SCHEMA_DIR) -> list[Path]:
    written = []
    for name, schema in json_schemas().items():
        path = directory / name
        path.write_text(json.dumps(schema, indent=1, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    for path in write_json_schemas(Path(sys.argv[1]) if len(sys.argv) > 1 else SCHEMA_DIR):
        print(path)
