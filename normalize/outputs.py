"""Batch-level outputs: rows gathered document by document, written once at the end of a batch.

Only the small rows are kept in memory; each document's full model is written to its own JSON as
soon as it is done and then dropped.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel

from normalize.table_values import TableOutputs, document_table_outputs
from normalize.writers import atomic_write_text, write_document_result, write_table
from schemas.contract import ROW_MODELS
from schemas.result import DocumentResult
from schemas.rows import DocumentRow, ErrorRow, PageRow, RepairRow


def document_row(result: DocumentResult) -> DocumentRow:
    doc = result.document
    return DocumentRow(doc_id=result.doc_id, source_path=result.source_path,
                       sha256=doc.source.sha256 if doc else "", n_pages=doc.source.n_pages if doc else 0,
                       status=result.status, error=" | ".join(e.one_line() for e in result.errors))


def page_rows(result: DocumentResult) -> list[PageRow]:
    if result.document is None:
        return []
    return [PageRow(doc_id=result.doc_id, page=p.page_no, width=p.width, height=p.height,
                    text_source=p.text_source, text_quality=p.text_quality, ocr_confidence=p.ocr_confidence,
                    status=p.status, decision_reason=p.decision_reason) for p in result.document.pages]


def repair_rows(result: DocumentResult) -> list[RepairRow]:
    if result.document is None:
        return []
    rows = []
    for page in result.document.pages:
        for line in page.lines:
            for word in line.words:
                for edit in word.edits:
                    rows.append(RepairRow(doc_id=result.doc_id, page=page.page_no, line=line.line_no,
                                          bbox=word.bbox.to_str() if word.bbox else "", original=edit.before,
                                          replacement=edit.after, confidence=edit.confidence, rule=edit.rule,
                                          evidence=edit.evidence))
    return rows


def error_rows(result: DocumentResult) -> list[ErrorRow]:
    return [ErrorRow(doc_id=result.doc_id, source_path=result.source_path, stage=e.stage, category=e.category,
                     page=e.page_no, message=e.message) for e in result.errors]


RecordRows = dict[str, list[BaseModel]]  # Records.rows(): CSV file name -> rows, built once per document

# output name (see schemas.contract.ROW_MODELS) -> one document's rows, from its result, table outputs
# and record rows
ROWS_OF: dict[str, Callable[[DocumentResult, list[TableOutputs], RecordRows], list[BaseModel]]] = {
    "documents": lambda r, t, rec: [document_row(r)],
    "pages": lambda r, t, rec: page_rows(r),
    "repairs": lambda r, t, rec: repair_rows(r),
    "errors": lambda r, t, rec: error_rows(r),
    "tables": lambda r, t, rec: [o.index for o in t],
    "table_cells": lambda r, t, rec: [row for o in t for row in o.provenance],
    **{name: (lambda r, t, rec, name=name: rec.get(f"{name}.csv", []))
       for name in ("sections", "contracts", "goals", "targets", "results")},
}
assert ROWS_OF.keys() == ROW_MODELS.keys(), "every output table of the contract needs its rows"


def _csv_text(rows: list[list]) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(["" if v is None else v for v in row] for row in rows)
    return buf.getvalue()


def table_outputs_of(result: DocumentResult) -> list[TableOutputs]:
    return document_table_outputs(result.document) if result.document is not None else []


def write_document_outputs(result: DocumentResult, out_dir: Path) -> list[TableOutputs]:
    """Everything that belongs to one document: its JSON, its text, and one pair of CSVs per table."""
    write_document_result(result, out_dir)
    outputs = table_outputs_of(result)
    for table in outputs:
        stem = out_dir / "tables" / table.index.table_id
        atomic_write_text(stem.with_suffix(".csv"), _csv_text(table.text_rows))
        atomic_write_text(stem.parent / f"{stem.name}.values.csv", _csv_text(table.value_rows))
    return outputs


@dataclass
class BatchRows:
    rows: dict[str, list[BaseModel]] = field(default_factory=lambda: {name: [] for name in ROW_MODELS})

    def add(self, result: DocumentResult, tables: list[TableOutputs]) -> None:
        records = result.records.rows()
        for name, rows_of in ROWS_OF.items():
            self.rows[name].extend(rows_of(result, tables, records))

    def write(self, out_dir: Path) -> None:
        for name, model in ROW_MODELS.items():
            write_table(self.rows[name], model, out_dir / name)
