"""samples/kkr_nordjylland_2025_bilag_tabeller.pdf: two appendix pages from the 2025 packet, born-digital.

Page 1: the KKR survey response-rate table (gold/records/seed000_survey_svarrate.csv) set as an
UNRULED table (columns aligned by position only). Page 2: the SOSU apprenticeship table
(gold/records/seed000_sosu_2026.csv) as a RULED table with a two-level header. The text around
the tables is the gold text of the same pages (seed 000 lines 1415-1433 and 2676-2709).
"""

from __future__ import annotations

from dataclasses import dataclass

from .layout import Part, TableSpec, Typesetter
from .sources import Sources

# Survey: each CSV column's header text is the gold lines (first, last) of that header cell; the
# OCR lost "i alt" under "N = KKR survey," (line 1485 is noise), so it is supplied from the column name.
SURVEY_HEADER = {
    "kkr": None,
    "aktuelt_antal_medlemmer": (1450, 1452),
    "antal_borgmestre": (1460, 1461),
    "antal_øvrige_medlemmer": (1474, 1475),
    "n_survey_i_alt": (1483, 1484, "i alt"),
    "n_survey_borgmestre": (1498, 1500),
    "n_survey_øvrige_medlemmer": (1513, 1515),
    "svarrate_i_alt_pct": (1523, 1524),
    "svarrate_borgmestre_pct": (1537, 1538),
    "svarrate_øvrige_medlemmer_pct": (1551, 1552),
}
SURVEY_PAGE = ((1415, 1422), (1433, 1433))  # gold lines before the table: title block, caption
SOSU_PAGE = ((2676, 2679), (2703, 2709))  # gold lines before / after the table
SOSU_GROUPS = {"hjælpere": "Social- og sundhedshjælpere", "assistenter": "Social- og sundhedsassistenter"}


@dataclass
class Built:
    pages: list[str]
    tables: list[TableSpec]


def gold_lines(ts: Typesetter, src: Sources, first: int, last: int, heading: bool = False) -> None:
    """Typeset gold lines one per line; blank lines become paragraph space; first line bold if heading."""
    done_heading = not heading
    for text in src.gold_text(first, last):
        text = text.strip()
        if not text:
            ts.space(6)
            continue
        if not done_heading:
            ts.line([Part(0, text, "Sans-Bold", 13)], 17)
            done_heading = True
        else:
            ts.line([Part(0, text, "Sans", 10)], 12.5)


def survey_table(src: Sources) -> TableSpec:
    rows_csv = src.records_csv("seed000_survey_svarrate.csv")
    header = []
    for spec in SURVEY_HEADER.values():
        if spec is None:
            header.append("")
            continue
        texts = [t.strip() for t in src.gold_text(spec[0], spec[1]) if t.strip()]
        header.append("\n".join(texts + list(spec[2:])))
    rows = [header]
    for rec in rows_csv:
        row = []
        for col in SURVEY_HEADER:
            value = rec[col]
            row.append(f"{value} %" if col.endswith("_pct") else value)
        rows.append(row)
    widths = [86] + [46] * 9
    return TableSpec("kkr_survey_svarrate_2025", widths, rows, header_rows=1, ruled=False, size=8.5,
                     leading=10.5, pad=2, align=["left"] + ["right"] * 9,
                     caption="Svarrateprocent (KKR-undersøgelse 2025)", source_lines=(1433, 1563))


def sosu_table(src: Sources) -> TableSpec:
    recs = src.records_csv("seed000_sosu_2026.csv")
    cols = [c for c in recs[0] if c not in ("kommune", "line")]  # hjælpere_2025, hjælpere_2026, ...
    top, sub = [""], [""]
    spans = []
    for i, col in enumerate(cols):
        group, year = col.rsplit("_", 1)
        if i == 0 or cols[i - 1].rsplit("_", 1)[0] != group:
            n = sum(1 for c in cols if c.rsplit("_", 1)[0] == group)
            spans.append((0, i + 1, n))
            top.append(SOSU_GROUPS[group])
        else:
            top.append("")
        sub.append(f"Dimensionering, {year}")
    rows = [top, sub] + [[r["kommune"]] + [r[c] for c in cols] for r in recs]
    return TableSpec("sosu_laerepladser_2026", [120, 95, 95, 95, 95], rows, header_rows=2, ruled=True,
                     size=10, leading=12, pad=4, align=["left"] + ["right"] * 4, spans=spans,
                     caption="Fordeling af lærepladser på SOSU-uddannelserne 2026", source_lines=(2681, 2701))


def build(path, src: Sources) -> Built:
    ts = Typesetter(path, meta={
        "title": "KKR Nordjylland 2025 - bilag med tabeller",
        "author": "KKR Nordjylland (sample, kkr-extract)",
        "subject": "Svarrate i KKR-undersøgelsen; fordeling af SOSU-lærepladser 2026",
        "date": "D:20250812090000+02'00'",
    })
    (a, b), (c, d) = SURVEY_PAGE
    gold_lines(ts, src, a, b, heading=True)
    ts.space(8)
    gold_lines(ts, src, c, d, heading=True)
    ts.space(4)
    ts.table(survey_table(src))
    ts.new_page()
    (a, b), (c, d) = SOSU_PAGE
    gold_lines(ts, src, a, b, heading=True)
    ts.space(6)
    ts.table(sosu_table(src))
    ts.space(18)
    gold_lines(ts, src, c, d)
    pages = ts.save()
    return Built(pages, ts.tables)
