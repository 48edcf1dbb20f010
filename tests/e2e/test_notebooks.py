"""The notebooks run top to bottom on real outputs (the samples run of this test session)."""

from __future__ import annotations

import os

import nbformat
import pytest
from nbclient import NotebookClient

from tests.conftest import REPO

pytestmark = [pytest.mark.slow, pytest.mark.tesseract]


@pytest.mark.parametrize("path", sorted((REPO / "notebooks").glob("*.ipynb")), ids=lambda p: p.name)
def test_notebook_executes_on_the_samples_outputs(path, samples_output, monkeypatch):
    monkeypatch.setenv("KKR_OUT", str(samples_output))
    notebook = nbformat.read(path, as_version=4)
    NotebookClient(notebook, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    assert os.environ["KKR_OUT"] == str(samples_output)
