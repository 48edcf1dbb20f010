"""Writers own the output formats. Every write goes to a temp file first and is renamed into place,
so a crash never leaves a half-written file and never damages what an earlier run wrote."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

import pandas as pd
from pydantic import BaseModel

from schemas.result import DocumentResult


def atomic_write_bytes(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def atomic_write_text(path: Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))


def write_document_result(result: DocumentResult, out_dir: Path) -> Path:
    """`<doc_id>.json` (validated by re-reading it through the contract) and `text/<doc_id>.txt`."""
    payload = result.model_dump_json(indent=1)
    DocumentResult.model_validate_json(payload)  # what we write must read back under the contract
    path = out_dir / f"{result.doc_id}.json"
    atomic_write_text(path, payload)
    if result.document is not None:
        atomic_write_text(out_dir / "text" / f"{result.doc_id}.txt", result.document.text())
    return path


def read_document_result(path: Path) -> DocumentResult:
    return DocumentResult.model_validate_json(path.read_bytes())


def _frame(rows: Iterable[BaseModel], model: type[BaseModel]) -> pd.DataFrame:
    columns = list(model.model_fields)
    records = []
    for row in rows:
        if not isinstance(row, model):
            raise TypeError(f"expected {model.__name__}, got {type(row).__name__}")
        records.append(row.model_dump(mode="json"))
    return pd.DataFrame.from_records(records, columns=columns)


def write_table(rows: Iterable[BaseModel], model: type[BaseModel], path_stem: Path) -> pd.DataFrame:
    """`<stem>.csv` and its columnar twin `<stem>.parquet`, columns in the row model's order."""
    frame = _frame(rows, model)
    atomic_write_text(path_stem.with_suffix(".csv"), frame.to_csv(index=False))
    buffer = frame.to_parquet(index=False, engine="pyarrow")
    atomic_write_bytes(path_stem.with_suffix(".parquet"), buffer)
    return frame
