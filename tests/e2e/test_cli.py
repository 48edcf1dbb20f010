"""The `kkr` command end to end, in-process: mixed good and bad input, resume, atomic writes."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pandas as pd
import pytest
from reportlab.pdfgen import canvas

from extract.cli import main
from extract.errors import ExitCode
from normalize.writers import atomic_write_text
from schemas.contract import ROW_MODELS
from tests.pdf_factory import text_pdf

GOOD = ["Målopfyldelsen er således 100 %.", "Erhvervshus Nordjylland afrapporterer årligt til KKR."]


def _encrypted_pdf(password: str) -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, encrypt=password, invariant=1)
    c.drawString(72, 720, "Hemmeligt referat")
    c.showPage()
    c.save()
    return buf.getvalue()


@pytest.fixture
def mixed_inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    good = text_pdf([GOOD])
    (folder / "good.pdf").write_bytes(good)
    (folder / "archive.txt").write_bytes("Målopfyldelse\r\nØkonomi og løbende\r\n".encode("cp1252"))
    (folder / "empty.pdf").write_bytes(b"")
    (folder / "not_a_pdf.pdf").write_bytes(b"<html>not a pdf</html>")
    (folder / "truncated.pdf").write_bytes(good[: len(good) // 3])
    (folder / "locked.pdf").write_bytes(_encrypted_pdf("hemmelig"))
    return folder


def _documents(out: Path) -> dict[str, pd.Series]:
    frame = pd.read_csv(out / "documents.csv", keep_default_na=False)
    return {Path(row.source_path).name: row for row in frame.itertuples()}


def test_bad_inputs_get_one_line_errors_and_the_rest_of_the_batch_completes(mixed_inputs, tmp_path):
    out = tmp_path / "out"
    code = main(["run", str(mixed_inputs), "--out", str(out), "--quiet", "--jobs", "2", "--ocr", "never"])
    assert code == ExitCode.partial
    docs = _documents(out)
    assert set(docs) == {"good.pdf", "archive.txt", "empty.pdf", "not_a_pdf.pdf", "truncated.pdf", "locked.pdf"}
    assert docs["good.pdf"].status == "ok" and docs["archive.txt"].status == "ok"
    assert docs["empty.pdf"].status == "failed" and docs["empty.pdf"].error.startswith("empty:")
    assert docs["not_a_pdf.pdf"].error.startswith("not_pdf:")
    assert docs["locked.pdf"].status == "failed" and docs["locked.pdf"].error.startswith("encrypted:")
    assert docs["truncated.pdf"].status in ("failed", "partial", "ok")
    for row in docs.values():
        assert "\n" not in row.error and (row.status == "ok") == (row.error == "")
    errors = pd.read_csv(out / "errors.csv")
    assert set(errors.category) >= {"empty", "not_pdf", "encrypted"}
    text = (out / "text" / f"{docs['archive.txt'].doc_id}.txt").read_text(encoding="utf-8")
    assert text.splitlines() == ["Målopfyldelse", "Økonomi og løbende"]
    good = json.loads((out / f"{docs['good.pdf'].doc_id}.json").read_text(encoding="utf-8"))
    assert [ln["raw"] for ln in good["document"]["pages"][0]["lines"]] == GOOD
    for name in ROW_MODELS:
        assert (out / f"{name}.csv").exists() and (out / f"{name}.parquet").exists()
    assert not list(out.rglob("*.tmp")), "temp files left behind"


def test_rerun_resumes_finished_documents_and_a_password_opens_the_locked_one(mixed_inputs, tmp_path):
    out = tmp_path / "out"
    main(["run", str(mixed_inputs), "--out", str(out), "--quiet", "--jobs", "1", "--ocr", "never"])
    docs = _documents(out)
    good_json = out / f"{docs['good.pdf'].doc_id}.json"
    before = good_json.stat().st_mtime_ns
    main(["run", str(mixed_inputs), "--out", str(out), "--quiet", "--jobs", "1", "--ocr", "never",
          "--password", "wrong", "--password", "hemmelig"])
    docs = _documents(out)
    assert good_json.stat().st_mtime_ns == before, "a finished document was processed again"
    assert docs["locked.pdf"].status == "ok"
    assert len(docs) == 6


def test_a_failed_write_leaves_the_previous_file_intact(tmp_path, monkeypatch):
    target = tmp_path / "goals.csv"
    atomic_write_text(target, "old complete content\n")

    def crash(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError):
        atomic_write_text(target, "new content that never lands\n")
    assert target.read_text() == "old complete content\n"
    assert [p.name for p in tmp_path.iterdir()] == ["goals.csv"]


def test_unknown_path_and_bad_option_are_usage_errors(tmp_path):
    assert main(["run", str(tmp_path / "missing"), "--out", str(tmp_path / "o"), "--quiet"]) == ExitCode.bad_args
    assert main(["run", str(tmp_path), "--ocr", "sometimes", "--quiet"]) == ExitCode.bad_args


def test_repair_command_prints_the_file_line_for_line(tmp_path, capsys):
    lines = ["Malopfyldelsen er saledes 100 %", "", "Erhvervshus Nordjylland vil Igbende tage ansvar for", "gkonomi-"]
    source = tmp_path / "ocr.txt"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["repair", str(source)]) == ExitCode.ok
    printed = capsys.readouterr().out.split("\n")
    assert printed[-1] == "" and len(printed) - 1 == len(lines)
    assert printed[1] == "" and printed[3].endswith("-")
    assert "løbende" in printed[2]
    source.write_text("\n".join(lines) + "\n ", encoding="utf-8")  # no final newline, as seed 000 ends
    assert main(["repair", str(source)]) == ExitCode.ok
    assert capsys.readouterr().out.count("\n") == len(lines)


def test_documents_run_on_a_dask_cluster_and_the_parent_writes(mixed_inputs, tmp_path):
    from dask.distributed import LocalCluster

    out = tmp_path / "out"
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
        code = main(["run", str(mixed_inputs), "--out", str(out), "--quiet", "--ocr", "never",
                     "--scheduler", cluster.scheduler_address])
    assert code == ExitCode.partial
    docs = _documents(out)
    assert docs["good.pdf"].status == "ok" and docs["empty.pdf"].status == "failed"
    assert (out / f"{docs['good.pdf'].doc_id}.json").exists()


def test_a_file_over_the_size_limit_is_refused_unread(mixed_inputs, tmp_path):
    out = tmp_path / "out"
    big = mixed_inputs / "big.pdf"
    big.write_bytes(b"%PDF-1.4\n" + b"0" * 2_000_000)
    main(["run", str(mixed_inputs), "--out", str(out), "--quiet", "--ocr", "never", "--max-file-mb", "1"])
    docs = _documents(out)
    assert docs["big.pdf"].status == "failed" and docs["big.pdf"].error.startswith("too_large:")
    assert docs["good.pdf"].status == "ok"


def test_outputs_inside_the_input_folder_are_not_read_back_as_packets(mixed_inputs):
    out = mixed_inputs / "out"
    main(["run", str(mixed_inputs), "--out", str(out), "--quiet", "--ocr", "never"])
    main(["run", str(mixed_inputs), "--out", str(out), "--quiet", "--ocr", "never"])
    assert len(_documents(out)) == 6 and (out / "text").is_dir()
