"""The `kkr` command. It parses, builds options, calls the library and maps errors to exit codes."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Annotated

import click
import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from extract.errors import ExitCode, KkrError
from extract.options import IngestOptions, OcrMode, OcrOptions, RunOptions

app = typer.Typer(add_completion=False, no_args_is_help=True, help=__doc__)
err = Console(stderr=True)


@app.command()
def run(
    paths: Annotated[list[Path], typer.Argument(help="PDF or text files, or folders searched recursively.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder.")] = Path("out"),
    ocr: Annotated[str, typer.Option(help="auto: decide per page; always; never.")] = "auto",
    lang: Annotated[str, typer.Option(help="Tesseract language(s), e.g. dan or dan+eng.")] = "dan",
    dpi: Annotated[int, typer.Option(help="Render resolution for OCR.")] = 300,
    password: Annotated[list[str], typer.Option(help="Password for encrypted PDFs (repeatable).")] = [],  # noqa: B006
    max_file_mb: Annotated[float, typer.Option(help="Refuse larger files (too_large) without reading them.")] = 500,
    jobs: Annotated[int, typer.Option(help="Worker processes (0 = one per core, 1 = in-process).")] = 0,
    scheduler: Annotated[str | None, typer.Option(help="Dask scheduler address: run documents on its workers.")] = None,
    resume: Annotated[bool, typer.Option(help="Skip documents already done in --out.")] = True,
    fail_fast: Annotated[bool, typer.Option(help="Stop at the first failed document.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> int:
    """Extract documents, pages, text, tables and goal records from PDFs and OCR'd text files."""
    from extract.batch import count_pages, discover, run_batch

    if ocr not in ("auto", "always", "never"):
        raise click.BadParameter("must be auto, always or never", param_hint="--ocr")
    mode: OcrMode = ocr  # type: ignore[assignment]
    opts = RunOptions(ingest=IngestOptions(ocr=mode, passwords=tuple(password), max_file_mb=max_file_mb),
                      ocr_engine=OcrOptions(lang=lang, dpi=dpi), jobs=jobs, scheduler=scheduler, resume=resume,
                      fail_fast=fail_fast)
    files = discover(paths, out)
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  TimeRemainingColumn(), console=err, disable=quiet) as progress:
        file_task = progress.add_task("files", total=len(files))
        page_task = progress.add_task("pages", total=sum(count_pages(f) for f in files) if not quiet else None)

        def on_progress(path: Path, pages: int, result) -> None:
            progress.advance(file_task)
            progress.advance(page_task, pages)

        summary = run_batch(files, out, opts, on_progress)
    counts = {s: summary.count(s) for s in ("ok", "partial", "failed")}
    if not quiet:
        err.print(f"{len(summary.statuses)} files: {counts['ok']} ok, {counts['partial']} partial, "
                  f"{counts['failed']} failed -> {out}")
    return int(ExitCode.ok if counts["partial"] + counts["failed"] == 0 else ExitCode.partial)


@app.command()
def repair(file: Annotated[Path, typer.Argument(help="A text file of OCR output.")]) -> int:
    """Print the repaired text of a text file, line for line (diff it against the input)."""
    from extract.ingest_text import decode_text
    from normalize.repair import Repairer, repair_text

    text, _ = decode_text(file.read_bytes())
    sys.stdout.write(repair_text(text, Repairer()))  # line breaks, and a final newline or its absence, kept
    return int(ExitCode.ok)


@app.command()
def bench(
    name: Annotated[str, typer.Argument(help="repair, records, tables or ingest.")],
    shared: Annotated[Path, typer.Option(help="The shared material (seeds, gold, pdfs).")] = Path("../shared"),
) -> int:
    """Measure accuracy and speed against the shared gold material and print the figures."""
    import importlib

    if name not in ("repair", "records", "tables", "ingest"):
        raise click.BadParameter("must be repair, records, tables or ingest", param_hint="NAME")
    importlib.import_module(f"extract.bench.{name}").run(shared)
    return int(ExitCode.ok)


@app.command()
def doctor() -> int:
    """Check the external tools OCR needs and print their versions."""
    from extract.tools import TESSERACT, library_versions, require_ocr

    for name, version in library_versions().items():
        err.print(f"{name:14s} {version}")
    try:
        err.print(f"{'tesseract':14s} {require_ocr('dan')} (with Danish)")
    except KkrError as exc:
        err.print(f"[red]{TESSERACT.program}: {exc.one_line()}[/red]")
        return int(exc.exit_code)
    return int(ExitCode.ok)


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `kkr` console script; tests call it in-process with an argv list."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        code = app(args=argv if argv is not None else sys.argv[1:], standalone_mode=False)
    except KkrError as exc:
        err.print(f"kkr: {exc.one_line()}")
        return int(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        return int(ExitCode.bad_args)
    except click.exceptions.Abort:
        return int(ExitCode.interrupted)
    except KeyboardInterrupt:
        return int(ExitCode.interrupted)
    return int(code) if isinstance(code, int) else int(ExitCode.ok)


if __name__ == "__main__":
    sys.exit(main())
