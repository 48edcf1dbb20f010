"""Parsed cell values, total-row sum checks and the output rows of a table."""

from __future__ import annotations

from normalize.table_values import (
    grid,
    index_row,
    parse_grid,
    provenance_rows,
    sum_checks,
    table_outputs,
    text_rows,
    total_rows,
    value_rows,
)
from schemas.geometry import BBox
from schemas.tables import Cell, Table


def _table(rows: list[list[str]], header_rows: int = 1, table_id: str = "d-t1") -> Table:
    cells = [
        Cell(row=r, col=c, raw=t, text=t, page_no=1, line_no=r + 1,
             bbox=BBox(x0=10 + 50 * c, top=10 + 12 * r, x1=50 + 50 * c, bottom=20 + 12 * r))
        for r, row in enumerate(rows) for c, t in enumerate(row)
    ]
    return Table(table_id=table_id, method="positions", page_start=1, page_end=1, n_rows=len(rows),
                 n_cols=len(rows[0]), header_rows=header_rows, cells=cells,
                 bbox=BBox(x0=10, top=10, x1=300, bottom=200))


SURVEY = [
    ["KKR", "Medlemmer", "Borgmestre", "Svarrate"],
    ["KKR Hovedstaden", "57", "29", "61 %"],
    ["KKR Sjælland", "31", "17", "71 %"],
    ["KKR Nordjylland", "22", "11", "100 %"],
    ["I alt", "110", "57", "68 %"],
]


def test_total_row_labels():
    texts = [["h"], ["I alt"], ["Ialt"], ["Total"], ["Samlet"], ["Totalt:"], ["Italien"], [""]]
    assert total_rows(texts, 1) == [1, 2, 3, 4, 5]


def test_sum_checks_pass_and_rate_column_is_not_a_sum():
    checks = {c.col: c for c in sum_checks(_table(SURVEY))}
    assert checks[1].status == "passed" and checks[1].computed == 110 and checks[1].n_terms == 3
    assert checks[2].status == "passed"
    assert checks[3].status == "not_applicable"


def test_failed_sum_check_records_difference_and_keeps_source_number():
    rows = [r[:] for r in SURVEY]
    rows[2][1] = "13"  # a misread 31
    table = _table(rows)
    check = next(c for c in sum_checks(table) if c.col == 1)
    assert check.status == "failed" and check.difference == 18 and check.stated == 110
    assert grid(table)[2][1] == "13" and value_rows(table)[2][1] == 13


def test_129_percent_in_a_share_column_is_a_failed_check_not_a_guess():
    rows = [["Program", "Andel"], ["A", "40%"], ["B", "48%"], ["C", "129%"], ["I alt", "100%"]]
    table = _table(rows)
    (check,) = sum_checks(table)
    assert check.status == "failed" and check.computed == 217 and check.difference == -117
    assert value_rows(table)[3][1] == 129
    flags = provenance_rows("d", table, parse_grid(table))[7].flags
    assert "share_over_100" in flags or flags == ""  # the number parser may flag it; the value is kept


def test_rounded_percent_shares_pass_within_rounding():
    rows = [["Type", "Andel"], ["A", "33,3%"], ["B", "33,3%"], ["C", "33,3%"], ["Total", "100,0%"]]
    (check,) = sum_checks(_table(rows))
    assert check.status == "passed" and check.tolerance > abs(check.difference)


def test_incomplete_when_a_covered_cell_is_a_placeholder():
    rows = [["Program", "Beløb"], ["A", "1.315.600"], ["B", "?"], ["C", "192.400"], ["I alt", "2.000.000"]]
    (check,) = sum_checks(_table(rows))
    assert check.status == "incomplete" and "1 covered" in check.note


def test_number_parsing_edge_cases_in_values_grid():
    rows = [["Post", "2022", "Ændring", "Andel"],
            ["Udgift", "1.315.600", "-2,33", "14%(8%)"],
            ["Helårsperson", "1.402,0", "−3,79%", "ingen direkte tilskud"],
            ["Periode", "01.01.24-31.12.25", "-", "?"]]
    table = _table(rows)
    values = value_rows(table)
    assert values[0] == rows[0]
    assert values[1] == ["Udgift", 1315600, -2.33, 14]
    assert values[2][:3] == ["Helårsperson", 1402.0, -3.79] and values[2][3] == ""
    assert values[3][1] == "2024-01-01/2025-12-31" and values[3][2:] == ["", ""]
    prov = {(p.row, p.col): p for p in provenance_rows("d", table, parse_grid(table))}
    assert prov[(1, 3)].reference == 8 and prov[(1, 3)].unit == "pct"
    assert prov[(2, 3)].is_empty and prov[(2, 3)].note == "ingen direkte tilskud"
    assert prov[(3, 3)].is_empty and "placeholder" in prov[(3, 3)].note
    assert prov[(1, 1)].bbox == "60.00,22.00,100.00,32.00" and prov[(1, 1)].page == 1


def test_outputs_for_the_writer():
    out = table_outputs("d", _table(SURVEY), {1: "ocr"})
    assert out.text_rows[0] == SURVEY[0] and len(out.text_rows) == len(SURVEY)
    assert out.index.sum_checks == "passed" and out.index.n_sum_checks == 3 and out.index.header.startswith("KKR |")
    assert out.index.bbox == "10.00,10.00,300.00,200.00" and out.index.method == "positions"
    assert all(p.origin == "ocr" for p in out.provenance) and len(out.provenance) == 20
    assert out.provenance[0].is_header and not out.provenance[4].is_header


def test_table_without_header_gets_generated_column_names():
    table = _table([["A", "1"], ["B", "2"]], header_rows=0)
    assert text_rows(table)[0] == ["col_1", "col_2"]
    assert index_row("d", table, []).header == "" and index_row("d", table, []).sum_checks == "none"
