"""Batch runs: find the inputs, run one worker process per document, write as each one finishes.

Only this parent process writes files (workers return results), so outputs are never interleaved.
A document's `<doc_id>.json` is written the moment it is done; the batch-level CSV/Parquet files
are rebuilt at the end from every document of the batch, so a crash loses nothing already written
and a rerun skips what is done (resume).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

import pypdfium2 as pdfium

from extract.errors import BadOptions
from extract.options import RunOptions
from extract.pipeline import TEXT_SUFFIXES, doc_id_for, run_document
from normalize.outputs import BatchRows, table_outputs_of, write_document_outputs
from normalize.table_values import TableOutputs
from normalize.writers import read_document_result
from schemas.document import SCHEMA_VERSION
from schemas.result import DocumentResult, StageError

INPUT_SUFFIXES = {".pdf", *TEXT_SUFFIXES}


@dataclass
class BatchSummary:
    """What a batch did, without the documents themselves (those are on disk)."""

    rows: BatchRows = field(default_factory=BatchRows)
    statuses: list[tuple[str, str]] = field(default_factory=list)  # (source path, status)

    def add(self, result: DocumentResult, tables: list[TableOutputs]) -> None:
        self.rows.add(result, tables)
        self.statuses.append((result.source_path, result.status))

    def count(self, status: str) -> int:
        return sum(s == status for _, s in self.statuses)


def discover(paths: list[Path], out_dir: Path | None = None) -> list[Path]:
    """Files given, plus PDF and text files below given folders (sorted, so runs are repeatable).

    Nothing below `out_dir` is taken: a rerun must not read its own text outputs as packets."""
    found: list[Path] = []
    skip = out_dir.resolve() if out_dir is not None else None
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in INPUT_SUFFIXES
                                and not (skip and p.resolve().is_relative_to(skip))))
        elif path.exists() or path.is_symlink():
            found.append(path)
        else:
            raise BadOptions(f"no such file or folder: {path}")
    return found


def count_pages(path: Path) -> int:
    """Cheap page count for the progress bar (0 when the file cannot be opened)."""
    try:
        if path.suffix.lower() in TEXT_SUFFIXES:
            return path.read_bytes().count(b"\f") + 1
        doc = pdfium.PdfDocument(str(path))
        try:
            return len(doc)
        finally:
            doc.close()
    except Exception:  # unreadable files are reported by the run itself
        return 0


def _doc_id_of(path: Path) -> str | None:
    try:
        return doc_id_for(hashlib.sha256(path.read_bytes()).hexdigest())
    except OSError:
        return None


def _resumable(path: Path, out_dir: Path, max_bytes: float) -> DocumentResult | None:
    """A finished result of this exact file under the current schema, if an earlier run wrote one."""
    try:
        if path.stat().st_size > max_bytes:
            return None  # not hashed: the run refuses it unread
    except OSError:
        return None
    doc_id = _doc_id_of(path)
    if doc_id is None:
        return None
    existing = out_dir / f"{doc_id}.json"
    if not existing.exists():
        return None
    try:
        result = read_document_result(existing)
    except Exception:  # an old or foreign file: run the document again
        return None
    return result if result.schema_version == SCHEMA_VERSION and result.status != "failed" else None


def _worker_init() -> None:
    # tesseract's OpenMP threads would compete with the other worker processes
    os.environ["OMP_THREAD_LIMIT"] = "1"


def _run_dask(todo: list[Path], opts: RunOptions) -> Iterator[tuple[Path, DocumentResult]]:
    """Documents on a Dask cluster's workers; results come back here, where they are written."""
    from dask.distributed import Client, as_completed

    with Client(opts.scheduler) as client:
        futures = {client.submit(run_document, path, opts, pure=False): path for path in todo}
        for future in as_completed(futures):
            path = futures[future]
            try:
                yield path, future.result()
            except Exception as exc:  # a worker lost or killed: that document fails, the batch goes on
                yield path, _worker_died(path, f"the Dask worker failed: {type(exc).__name__}: {exc}")


def _run_pool(todo: list[Path], opts: RunOptions, jobs: int) -> Iterator[tuple[Path, DocumentResult]]:
    if opts.scheduler:
        yield from _run_dask(todo, opts)
        return
    if jobs == 1:
        _worker_init()
        for path in todo:
            yield path, run_document(path, opts)
        return
    with ProcessPoolExecutor(max_workers=jobs, initializer=_worker_init) as pool:
        pending: dict[Future, Path] = {pool.submit(run_document, path, opts): path for path in todo}
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                path = pending.pop(future)
                try:
                    yield path, future.result()
                except BrokenProcessPool:
                    yield path, _worker_died(path)
                    yield from _run_pool(list(pending.values()), opts, jobs)
                    return


def _worker_died(path: Path, message: str = "the worker process died (out of memory?); "
                                            "try --jobs 1 for this file") -> DocumentResult:
    error = StageError(stage="ingest", category="internal", exc_type="WorkerDied", message=" ".join(message.split()))
    return DocumentResult(doc_id=_doc_id_of(path) or "unreadable", source_path=str(path), status="failed",
                          errors=[error])


def run_batch(inputs: list[Path], out_dir: Path, opts: RunOptions,
              on_progress: Callable[[Path, int, DocumentResult | None], None] | None = None) -> BatchSummary:
    """Process every input into out_dir. `on_progress(path, pages, result)` is called per finished file."""
    paths = discover(inputs, out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    summary = BatchSummary()
    todo = []
    for path in paths:
        previous = _resumable(path, out_dir, opts.ingest.max_file_mb * 1e6) if opts.resume else None
        if previous is not None:
            summary.add(previous.model_copy(update={"source_path": str(path)}), table_outputs_of(previous))
            if on_progress:
                on_progress(path, previous.document.source.n_pages if previous.document else 0, previous)
        else:
            todo.append(path)
    cores = os.cpu_count() or 1
    workers = min(opts.jobs or cores, max(1, len(todo)))
    # a document may OCR its pages on every core: while another worker is busy the two share the
    # cores, and when a long scan is the last one left it does not run on a single core
    threads = max(opts.ocr_engine.threads, cores)
    opts = opts.model_copy(update={"ocr_engine": opts.ocr_engine.model_copy(update={"threads": threads})})
    for path, result in _run_pool(todo, opts, workers):
        summary.add(result, write_document_outputs(result, out_dir))
        if on_progress:
            on_progress(path, result.document.source.n_pages if result.document else 0, result)
        if opts.fail_fast and result.status == "failed":
            break
    summary.rows.write(out_dir)
    return summary
