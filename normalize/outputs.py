"""Batch-level outputs: rows gathered document by document, written once at the end of a batch.

Only the small rows are kept in memory; each document's full model is written to its own JSON as
soon as it is done and then dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from normalize.writers import write_table
from schemas.result import DocumentResult
from schemas.rows import DocumentRow, ErrorRow, PageRow, RepairRow, Row


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


# output name -> (row model, function giving one document's rows)
BATCH_TABLES: dict[str, tuple[type[Row], object]] = {
    "documents": (DocumentRow, lambda r: [document_row(r)]),
    "pages": (PageRow, page_rows),
    "repairs": (RepairRow, repair_rows),
    "errors": (ErrorRow, error_rows),
}


@dataclass
class BatchRows:
    rows: dict[str, list[Row]] = field(default_factory=lambda: {name: [] for name in BATCH_TABLES})

    def add(self, result: DocumentResult) -> None:
        for name, (_, rows_of) in BATCH_TABLES.items():
            self.rows[name].extend(rows_of(result))

    def write(self, out_dir: Path) -> None:
        for name, (model, _) in BATCH_TABLES.items():
            write_table(self.rows[name], model, out_dir / name)
