"""Section splitting: both layouts, OCR-damaged headings, documents without goals."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pdfplumber
import pytest

from extract.ingest_text import ingest_text
from extract.sections import split_sections
from schemas.document import Document
from tests.conftest import shared_path


def doc_from_text(text: str, name: str = "case.txt") -> Document:
    data = text.encode("utf-8")
    return ingest_text(Path(name), data, name.split(".")[0], hashlib.sha256(data).hexdigest())


def doc_from_file(path: Path) -> Document:
    data = path.read_bytes()
    return ingest_text(path, data, path.stem[:16], hashlib.sha256(data).hexdigest())


LONG_REPORT = """Resultatkontrakt 2024

Nationale mål
Mal 1 — Kendskab

Mal Virksomhedernes kendskabsgrad skal vaere mindst 50 procent

Metode Der gennemfgres malinger.

Afrapportering og malopfyldelse — Mal 1

Kendskabsgraden er 52%.

Malopfyldelsen er saledes 100 %

Mal 2 — Tilfredshed

Mal 70 pct. af de vejledte virksomheder er tilfredse.

Afrapportering og malopfyldelse — Mal 2

Det har 61% gjort.

Malopfyldelsen er saledes 87%

Bilag 1. Samarbejdsaftale
Tekst.
"""


def test_long_report_goals_parts_and_attachment():
    sections = split_sections(doc_from_text(LONG_REPORT))
    kinds = [(s.kind, s.number, s.part) for s in sections]
    assert ("goal", "1", None) in kinds and ("goal", "2", None) in kinds
    # 'Mal 70 pct. af ...' is a target label followed by its text, not a goal 70
    assert not any(s.kind == "goal" and s.number == "70" for s in sections)
    goal1 = next(s for s in sections if s.kind == "goal" and s.number == "1")
    parts = [s.part for s in sections if s.parent_id == goal1.section_id]
    assert parts == ["target", "method", "report"]
    attachment = next(s for s in sections if s.kind == "attachment")
    assert attachment.number == "1" and attachment.parent_id is None
    assert goal1.line_start == 4 and goal1.line_end == 14


def test_goal_headings_are_found_in_raw_ocr_of_seed000(seed000):
    sections = split_sections(doc_from_file(seed000))
    goals = [s for s in sections if s.kind == "goal"]
    assert [int(s.number) for s in goals] == list(range(1, 11))
    assert [s.line_start for s in goals][:3] == [282, 322, 346]
    reports = [s for s in sections if s.part == "report"]
    assert len(reports) == 10  # 'Afrapportering og malopfyldelse — Mal N', unrepaired
    assert [s.number for s in sections if s.kind == "attachment"] == ["1", "1a", "2"]
    assert [s.number for s in sections if s.kind == "agenda_item"] == ["2.1", "3.1", "3.1"]
    goal10 = goals[-1]
    assert goal10.line_end == 1130  # ends where 'Bilag 1.' starts


def test_slide_layout_seed004(seed004):
    sections = split_sections(doc_from_file(seed004))
    goals = [s for s in sections if s.kind == "goal"]
    assert [int(s.number) for s in goals] == list(range(1, 13))
    assert goals[0].heading == "Mål 1 — Virksomhedernes kendskab til Erhvervshusene"
    assert goals[2].heading == "Mål 3 — Kvalitet, kompetencer og virksomhedernes tilfredshed"
    assert any(s.kind == "overview" for s in sections)
    # 'Proces for resultatkontrakt 2023' is about another contract: goal 12 stops before it
    assert goals[-1].line_end < 477


def test_numbering_that_jumps_is_not_goals():
    text = "Mål 7 — Noget\n\nTekst om målopfyldelse.\n\nMål 40 — Andet\n"
    assert not [s for s in split_sections(doc_from_text(text)) if s.kind == "goal"]


def test_numbered_aims_without_contract_evidence_are_not_goals():
    text = "Mål 1 — Flere i job\n\nVi vil hjælpe borgere.\n\nMål 2 — Bedre trivsel\n\nVi vil lytte.\n"
    assert not [s for s in split_sections(doc_from_text(text)) if s.kind == "goal"]


def test_minutes_get_agenda_items_not_goals():
    text = "1. Meddelelser\n\nIngen.\n\n2. Budget 2025\n\nSagen drøftes.\n\n3. Eventuelt\n\nIntet.\n"
    sections = split_sections(doc_from_text(text))
    assert [(s.kind, s.number) for s in sections] == [("agenda_item", "1"), ("agenda_item", "2"), ("agenda_item", "3")]


@pytest.mark.parametrize(
    "name", ["ballerup_sfu_referat_2012-12-04.pdf", "syddjurs_puk_referat_2013-06-20.pdf",
             "ballerup_notat_prioritering_kronikermidler_2012.pdf", "kk_midler_til_frivilligt_arbejde_par18.pdf"]
)
def test_danish_non_contract_pdfs_have_no_goals(name):
    path = shared_path("pdfs", "danish", name)
    with pdfplumber.open(path) as pdf:
        text = "\f".join(page.extract_text() or "" for page in pdf.pages)
    sections = split_sections(doc_from_text(text, path.stem + ".txt"))
    assert not [s for s in sections if s.kind in ("contract", "goal", "goal_part", "overview")]
