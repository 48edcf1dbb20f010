"""Tables stage: each step of the chain, then whole pages (ruled, unruled, page-spanning, OCR, text)."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from extract.ingest_text import ingest_text
from extract.tables import find_tables, trace_tables, with_tables
from extract.tables_layout import GridRow, header_block, merge_continuations, numeric_columns
from extract.tables_positions import assign_cells, column_separators, find_regions, split_chunk
from extract.tables_ruled import cell_tables, merged_edges, rules_to_edges
from extract.tables_text import find_text_tables, split_numeric
from extract.tables_words import Chunk, WordBox, join_pieces, row_chunks, words_to_rows
from normalize.table_values import grid
from schemas.document import Document, Line, Page, Rule, Source, Word
from schemas.geometry import BBox
from tests.conftest import shared_path

reportlab = pytest.importorskip("reportlab")
from reportlab.lib import colors  # noqa: E402
from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.lib.styles import getSampleStyleSheet  # noqa: E402
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle  # noqa: E402

SOSU = [
    ["Kommune", "Hjælpere 2025", "Hjælpere 2026", "Assistenter 2025", "Assistenter 2026"],
    ["Morsø", "13", "13", "26", "26"],
    ["Thisted", "25", "25", "51", "51"],
    ["Brønderslev", "20", "20", "40", "40"],
    ["Læsø", "1", "1", "4", "4"],
    ["I alt", "59", "59", "121", "121"],
]
BUDGET = [
    ["Program", "Hele landet", "Nordjylland", "Andel"],
    ["Ivdk - NextStep", "6.144.000", "480.000", "8% (8%)"],
    ["CO2Puljen", "12.994.000", "1.516.000", "12% (10%)"],
    ["SMV:Digital", "149.851.575", "17.827.252", "12% (9%)"],
    ["Beyond Beta", "ingen direkte tilskud", "", "-"],
]


# --- building test documents (pdfplumber on small reportlab PDFs; only tests open files) -------------


def _pdf(tmp_path: Path, story: list, name: str = "t.pdf") -> Path:
    path = tmp_path / name
    SimpleDocTemplate(str(path), pagesize=A4).build(story)
    return path


def _doc_from_pdf(path: Path, doc_id: str = "d") -> Document:
    pages = []
    with pdfplumber.open(path) as pdf:
        for i, p in enumerate(pdf.pages, start=1):
            words = p.extract_words()
            lines = [
                Line(line_no=n, raw=w["text"], text=w["text"], bbox=BBox(x0=w["x0"], top=w["top"], x1=w["x1"],
                                                                           bottom=w["bottom"]),
                     words=[Word(raw=w["text"], text=w["text"], span=(0, len(w["text"])), confidence=1.0,
                                 bbox=BBox(x0=w["x0"], top=w["top"], x1=w["x1"], bottom=w["bottom"]))])
                for n, w in enumerate(words, start=1)
            ]
            rules = [Rule(orientation=e["orientation"], bbox=BBox(x0=e["x0"], top=e["top"], x1=e["x1"],
                                                                  bottom=e["bottom"])) for e in p.edges]
            pages.append(Page(page_no=i, width=float(p.width), height=float(p.height), text_source="text_layer",
                              lines=lines, rules=rules))
    source = Source(path=str(path), filename=path.name, sha256="0" * 64, mimetype="application/pdf",
                    size_bytes=path.stat().st_size, n_pages=len(pages))
    return Document(doc_id=doc_id, source=source, pages=pages)


def _text_doc(text: str) -> Document:
    return ingest_text(Path("t.txt"), text.encode(), "txt", "0" * 64)


def _ruled(rows, repeat=0) -> Table:
    t = Table(rows, repeatRows=repeat)
    t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
    return t


def _word(text: str, x0: float, top: float, h: float = 10, conf: float | None = None) -> WordBox:
    return WordBox(text, text, x0, top, x0 + 5.5 * len(text), top + h, 1, conf)


# --- steps -------------------------------------------------------------------------------------------


def test_rules_become_pdfplumber_edges_and_cells():
    rules = [Rule(orientation="h", bbox=BBox(x0=10, top=y, x1=110, bottom=y)) for y in (10, 30, 50)]
    rules += [Rule(orientation="v", bbox=BBox(x0=x, top=10, x1=x, bottom=50)) for x in (10, 60, 110)]
    edges = rules_to_edges(rules)
    assert {e["orientation"] for e in edges} == {"h", "v"} and len(edges) == 6
    assert len(merged_edges(edges)) == 6
    tables, trace = cell_tables(rules)
    assert len(trace.intersections) == 9 and len(trace.cells) == 4
    assert len(tables) == 1 and len(tables[0]) == 4


def test_rows_from_baselines_tolerate_ocr_jitter():
    words = [_word("a", 10, 100), _word("b", 60, 101.5), _word("c", 10, 114), _word("d", 60, 113)]
    rows = words_to_rows(words)
    assert [[w.text for w in r.words] for r in rows] == [["a", "b"], ["c", "d"]]


def test_chunks_split_on_wide_gaps_only():
    row = words_to_rows([_word("Social", 10, 0), _word("og", 47, 0), _word("13", 200, 0)])[0]
    assert [c.text for c in row_chunks(row, 8.0)] == ["Social og", "13"]


def test_column_separators_ignore_one_spanning_header():
    def chunk(x0, x1):
        return Chunk((WordBox("x", "x", x0, 0, x1, 10, 1),))

    rows = [[chunk(0, 50), chunk(100, 130), chunk(160, 190)] for _ in range(6)]
    rows.append([chunk(0, 40), chunk(100, 190)])  # a header spanning the two number columns
    seps = column_separators(rows)
    assert len(seps) == 2 and 50 < seps[0] < 100 and 130 < seps[1] < 160


def test_prose_line_across_columns_ends_a_region():
    words = []
    for i in range(3):
        words += [_word("Label", 10, 100 + 12 * i), _word("12", 200, 100 + 12 * i)]
    words += [_word("A long prose line that runs across both columns of the table", 10, 136)]
    for i in range(3):
        words += [_word("Other", 10, 148 + 12 * i), _word("7", 120, 148 + 12 * i), _word("9", 300, 148 + 12 * i)]
    rows = words_to_rows(words)
    chunks = [row_chunks(r, 8.0) for r in rows]
    assert find_regions(rows, chunks, 12.0) == [(0, 3), (4, 7)]


def test_header_and_continuations():
    def row(texts, top):
        cells = tuple(tuple([_word(t, 10 + 100 * i, top)]) if t else () for i, t in enumerate(texts))
        return GridRow(cells, top, top + 10)

    rows = [row(["Mål", "Pct"], 0), row(["1. Styrket samarbejde,", "100"], 14),
            row(["herunder knudepunkt", ""], 26), row(["Regionale mål", ""], 44), row(["2. Kendskab", "82"], 58)]
    numeric = numeric_columns(rows)
    assert numeric == {1} and header_block(rows, numeric) == 1
    merged = merge_continuations(rows, numeric, 1)
    assert [r.text(0) for r in merged] == ["Mål", "1. Styrket samarbejde, herunder knudepunkt", "Regionale mål",
                                           "2. Kendskab"]


def test_join_pieces_dehyphenates_but_keeps_suspended_compounds():
    assert join_pieces(["Brønders-", "lev"]) == "Brønderslev"
    assert join_pieces(["Social-", "og sundhedshjælpere"]) == "Social- og sundhedshjælpere"
    assert join_pieces(["Dimensione-", "ring, 2025"]) == "Dimensionering, 2025"


# --- whole pages ------------------------------------------------------------------------------------


def test_ruled_table(tmp_path):
    doc = _doc_from_pdf(_pdf(tmp_path, [Paragraph("Fordeling af lærepladser", getSampleStyleSheet()["Heading2"]),
                                        _ruled(SOSU)]))
    tables, trace = trace_tables(doc)
    assert len(tables) == 1 and tables[0].method == "ruled" and tables[0].table_id == "d-t1"
    assert grid(tables[0]) == SOSU and tables[0].header_rows == 1
    assert trace.pages[0].ruled is not None and trace.pages[0].ruled.cells
    assert all(c.bbox is not None and c.page_no == 1 for c in tables[0].cells)


def test_unruled_table_with_wrapped_cells(tmp_path):
    style = getSampleStyleSheet()["BodyText"]
    rows = [r[:] for r in BUDGET]
    rows[2][0] = Paragraph("CO2Puljen til grøn omstilling i små og mellemstore virksomheder", style)
    story = [Paragraph("Bilag 2. Udmøntede midler, som her beskrives i en hel sætning.", style), Spacer(1, 12),
             Table(rows, colWidths=[150, 90, 90, 70]), Spacer(1, 12), Paragraph("Tekst efter tabellen.", style)]
    tables = find_tables(_doc_from_pdf(_pdf(tmp_path, story)))
    assert len(tables) == 1 and tables[0].method == "positions"
    g = grid(tables[0])
    assert g[0] == BUDGET[0] and tables[0].header_rows == 1
    assert g[2] == ["CO2Puljen til grøn omstilling i små og mellemstore virksomheder", "12.994.000", "1.516.000",
                    "12% (10%)"]
    assert g[4][1] == "ingen direkte tilskud" and len(g) == 5


def test_page_spanning_table_is_joined_and_repeated_header_dropped(tmp_path):
    body = [[f"Kommune {i}", str(i), str(2 * i), str(3 * i)] for i in range(1, 80)]
    rows = [["Kommune", "A", "B", "C"], *body]
    doc = _doc_from_pdf(_pdf(tmp_path, [_ruled(rows, repeat=1)]))
    tables, trace = trace_tables(doc)
    assert len(tables) == 1 and tables[0].page_start == 1 and tables[0].page_end == len(doc.pages) > 1
    assert grid(tables[0]) == rows and len(tables[0].parts) == len(doc.pages) and trace.joins[0] == (1, 2)
    assert any("repeated header" in n for n in tables[0].notes)


def test_unruled_page_spanning_table_is_joined(tmp_path):
    body = [[f"Kommune {i}", str(i), f"{i},5"] for i in range(1, 80)]
    doc = _doc_from_pdf(_pdf(tmp_path, [Table([["Kommune", "Antal", "Andel"], *body], repeatRows=1)]))
    tables = find_tables(doc)
    assert len(tables) == 1 and tables[0].page_end == len(doc.pages) > 1 and tables[0].n_rows == 80
    assert grid(tables[0])[79] == ["Kommune 79", "79", "79,5"]


def test_a_list_is_not_a_table(tmp_path):
    words = []
    for i, text in enumerate(["Første punkt", "Andet punkt", "Tredje punkt"]):
        words.append(Line(line_no=i + 1, raw="- " + text, text="- " + text, words=[
            Word(raw="-", text="-", span=(0, 1), bbox=BBox(x0=72, top=100 + 14 * i, x1=76, bottom=110 + 14 * i)),
            Word(raw=text, text=text, span=(2, 2 + len(text)),
                 bbox=BBox(x0=95, top=100 + 14 * i, x1=160, bottom=110 + 14 * i))]))
    source = Source(path="x.pdf", filename="x.pdf", sha256="0", mimetype="application/pdf", size_bytes=1, n_pages=1)
    doc = Document(doc_id="d", source=source, pages=[Page(page_no=1, width=595, height=842,
                                                          text_source="text_layer", lines=words)])
    assert find_tables(doc) == []


def _ocr_doc(rows: list[list[str]], xs: list[float]) -> Document:
    """An OCR'd page built directly: boxes with jitter, '|' bars read as words, no rules."""
    lines = []
    for r, cells in enumerate(rows):
        words, top = [], 100 + 16 * r
        for c, text in enumerate(cells):
            x0 = xs[c]
            for part in text.split():
                jitter = ((r * 7 + c * 3) % 5 - 2) * 0.4
                words.append(Word(raw=part, text=part, span=(0, len(part)), confidence=0.9,
                                  bbox=BBox(x0=x0, top=top + jitter, x1=x0 + 5 * len(part), bottom=top + 8 + jitter)))
                x0 += 5 * len(part) + 3
            bar = xs[c] - 12
            words.append(Word(raw="|", text="|", span=(0, 1), confidence=0.3,
                              bbox=BBox(x0=bar, top=top - 2, x1=bar + 1, bottom=top + 11)))
        lines.append(Line(line_no=r + 1, raw=" ".join(w.raw for w in words), text=" ".join(w.text for w in words),
                          words=words))
    source = Source(path="s.pdf", filename="s.pdf", sha256="0", mimetype="application/pdf", size_bytes=1, n_pages=1)
    page = Page(page_no=1, width=595, height=842, text_source="ocr", ocr_confidence=0.9, lines=lines)
    return Document(doc_id="ocr", source=source, pages=[page])


def test_ocr_page_uses_word_boxes_and_drops_bars():
    rows = [["KKR", "Medlemmer", "Svarrate"], ["KKR Hovedstaden", "57", "61 %"], ["KKR Sjælland", "31", "71 %"],
            ["KKR Syddanmark", "30", "77 %"], ["I alt", "118", "68 %"]]
    tables = find_tables(_ocr_doc(rows, [72, 250, 360]))
    assert len(tables) == 1 and tables[0].method == "positions"
    assert grid(tables[0]) == rows
    assert all(c.confidence == pytest.approx(0.9) for c in tables[0].cells if c.text)


@pytest.mark.tesseract
def test_scanned_page_through_ocr(tmp_path):
    from extract.ingest_pdf import ingest_pdf
    from extract.ocr import TesseractEngine
    from extract.options import IngestOptions, OcrOptions
    from extract.tools import require_ocr

    try:
        require_ocr("dan")
    except Exception as exc:  # noqa: BLE001 - any probe failure means: no real tesseract here
        pytest.skip(f"tesseract not usable: {exc}")
    path = _pdf(tmp_path, [Table(SOSU)])
    doc, _ = ingest_pdf(path, path.read_bytes(), "s", "0" * 64, IngestOptions(ocr="always"), OcrOptions(),
                        TesseractEngine())
    tables = find_tables(doc)
    assert len(tables) == 1
    body = grid(tables[0])[1:]
    assert [r[1:] for r in body] == [r[1:] for r in SOSU[1:]]


# --- text files -------------------------------------------------------------------------------------


def test_text_number_dense_lines_with_hyphenated_label():
    text = "Fordeling af pladser\n\nMorsø 13 13 26 26\nThisted 25 25 51 51\nBrønders-\nlev 20 20 40 40\n\nSlut.\n"
    tables = find_tables(_text_doc(text))
    assert len(tables) == 1 and tables[0].method == "text"
    g = grid(tables[0])
    assert g[2] == ["Brønderslev", "20", "20", "40", "40"]
    assert tables[0].cells[0].line_no == 3 and tables[0].cells[0].bbox is None


def test_text_year_header_and_scrambled_lines_left_as_text():
    text = ("Værdier 2022 2023 2024\nUdgift 2.076.466.587 2.113.633.402 2.110.545.997\nHelårsperson 2.368 2.363 2.323\n"
            "\n-3,34% -0,55% Udgift (p/I-23) 1.142.007.972 1.183.485.963 1.172.227.145 2,65% -0,95%\n")
    tables = find_tables(_text_doc(text))
    assert len(tables) == 1 and tables[0].header_rows == 1
    assert grid(tables[0])[0] == ["Værdier", "2022", "2023", "2024"]


def test_text_prose_and_axis_ticks_are_not_tables():
    text = "Vi har realiseret 8 af de 10 mål i 2024.\nDet er godt.\n50\n40\n30\n3 3 3\n2 2 2\n1 1 1\n"
    assert find_tables(_text_doc(text)) == []


def test_split_numeric():
    assert split_numeric("Aalborg 98 98 196 196") == ("Aalborg", ["98", "98", "196", "196"])
    assert split_numeric("1.315.600") == ("", ["1.315.600"])


def test_seed_sosu_table_from_ocr_text(seed000):
    doc = ingest_text(seed000, seed000.read_bytes(), "s000", "0" * 64)
    tables = [t for t in find_tables(doc) if t.n_cols == 5]
    assert len(tables) == 1
    g = grid(tables[0])
    assert len(g) == 11 and g[-1][1:] == ["38", "38", "76", "76"] and tables[0].cells[0].line_no == 2686


def test_text_tables_found_per_page_function():
    lines = _text_doc("A 1 2\nB 3 4\n").pages[0].lines
    assert len(find_text_tables(lines, 1)) == 1


def test_with_tables_returns_new_document(tmp_path):
    doc = _doc_from_pdf(_pdf(tmp_path, [_ruled(SOSU)]))
    new = with_tables(doc)
    assert doc.tables == [] and len(new.tables) == 1


def test_gold_records_exist_for_benchmark():
    assert shared_path("gold", "records", "seed000_sosu_2026.csv").exists()


def test_header_text_stays_whole_across_body_separators_unless_other_rows_align_with_the_cut():
    # header cells set left over right-aligned numbers: "Antal borgmestre" starts left of the
    # separator the numbers give, but it is one cell's text
    header = [_word("Kommune", 10, 100), _word("Antal", 80, 100), _word("medlemmer", 112, 100),
              _word("Antal", 170, 100), _word("borgmestre", 199, 100)]
    body = [[_word("Morsø", 10, 114 + 12 * i), _word(str(20 + i), 158, 114 + 12 * i),
             _word(str(10 + i), 228, 114 + 12 * i)] for i in range(4)]
    rows = words_to_rows(header + [w for r in body for w in r])
    chunks = [row_chunks(r, 8.0) for r in rows]
    separators = column_separators(chunks)
    assert any(197.5 <= x <= 199 for x in separators)  # the body's separator falls inside the header cell
    grid = assign_cells(rows, chunks, [10.0, *separators, 300.0])
    assert [" ".join(w.text for w in c) for c in grid[0].cells] == ["Kommune", "Antal medlemmer", "Antal borgmestre"]
    # the same words packed tight, but the cut is where the column's other header line starts too
    packed = Chunk((_word("medlemmer", 80, 112), _word("borgmestre", 132, 112)))  # 2.5 pt apart
    assert [len(p.words) for p in split_chunk(packed, [131.0], [132.0])] == [1, 1]
    assert [len(p.words) for p in split_chunk(packed, [131.0], [])] == [2]
