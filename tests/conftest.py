"""Shared test fixtures: paths to the repo's samples and to the read-only ../shared material."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "samples"
SHARED = Path(os.environ.get("KKR_SHARED", REPO.parent / "shared"))


def shared_path(*parts: str) -> Path:
    """A path below ../shared, or skip the test with the reason when it is absent (a user's clone)."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"shared material not present: {path} (only the project's CI has ../shared)")
    return path


@pytest.fixture
def seed000() -> Path:
    return shared_path("seeds", "000_b927a9b7bf6e6fb7.txt")


@pytest.fixture
def seed004() -> Path:
    return shared_path("seeds", "004_30143862525ec777.txt")


@pytest.fixture
def gold_dir() -> Path:
    return shared_path("gold")


@pytest.fixture(scope="session")
def tesseract_dan() -> str:
    """The real tesseract with Danish data, or skip (tests marked `tesseract`)."""
    from extract.errors import MissingTool
    from extract.tools import require_ocr

    try:
        return require_ocr("dan")
    except MissingTool as exc:
        pytest.skip(f"tesseract with Danish data is not installed: {exc.one_line()}")


@pytest.fixture(scope="session")
def samples_output(tmp_path_factory, tesseract_dan) -> Path:
    """`kkr run samples/` once per test session; tests read its outputs instead of re-running OCR."""
    from extract.cli import main

    out = tmp_path_factory.mktemp("samples_out")
    code = main(["run", str(SAMPLES), "--out", str(out), "--quiet"])
    assert code == 0, f"kkr run samples/ exited {code}; see {out}/documents.csv"
    return out
