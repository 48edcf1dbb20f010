"""samples/resultatkontrakt_2024.pdf: the 2024 results contract (seed 000 lines 1-1130), born-digital.

Layout follows the seed's structure, line for line: each seed line is one typeset line (so every
PDF line maps back to a seed line number), blank lines separate paragraphs, a line starting with a
space or a run of 3+ blank lines starts a new page (the seed's page markers), "e "/"o "/"- " lines are
bullets, and the Mål/Metode/Afrapportering/Begrundelse parts of each goal are set with their label in
a left column. Four line ranges are replaced by real tables built from their rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .layout import Part, TableSpec, Typesetter
from .sources import BULLET_RE, LineRepairer, SourceLine, Sources

FIRST, LAST = 1, 1130  # the contract; line 1131 starts "Bilag 1"
BODY, LEAD = 10.0, 12.4
LABEL_W = 100.0  # left label column of the goal boxes
BULLET_W = 13.0
BULLET_GLYPH = {"e": "•", "¢": "•", "«": "•", "»": "•", "•": "•", "o": "o", "-": "-", "—": "–"}

GOAL_RE = re.compile(r"^M[aå]l (\d+) — ")
RESULTS_RE = re.compile(r"^Afrapportering og m[aå]lopfyldelse — M[aå]l \d+")
SECTION_RE = re.compile(r"^\d+\. [A-ZÆØÅ]")
LABEL_RE = re.compile(r"^(M[aå]l|Metode|Afrapportering|Begrundelse)(?:\s*\|)?(?:\s+(.*))?$")
DATE_ROW_RE = re.compile(r"^(\d{2}\.\d{2}\.\d{2})\s*\|?\s*(.*)$")
COUNT_HEAD_RE = re.compile(r"^(.*?)\s+(Antal)\s+(Andel)$")
COUNT_ROW_RE = re.compile(r"^(.*?)\s*(\d+)\s*\|?\s+(\d+(?:,\d+)?\s?%)$")

# Line ranges set as tables (first, last, kind, table id). The rows inside are derived from the lines.
TABLE_REGIONS = [
    (256, 277, "overview", "resultatkontrakt_2024_oversigt_maal"),
    (867, 929, "dated", "resultatkontrakt_2024_arrangementer_maal9"),
    (1115, 1125, "counts", "resultatkontrakt_2024_forloebstyper_tema"),
    (1126, 1130, "counts", "resultatkontrakt_2024_forloebstyper_kategori"),
]
# Column names of the dated table, as in its OCR'd header (seed lines 867-868, "Dato Format og ...").
DATED_HEADER = ["Dato", "Format og varighed / Målgruppe/deltagertype / Tema/formål"]


@dataclass
class Built:
    pages: list[str]
    tables: list[TableSpec]
    lines: list[SourceLine]


def label_split(text: str) -> tuple[str, str] | None:
    """('Mål', rest) when the line starts with a goal-box label (rest may be '')."""
    m = LABEL_RE.match(text)
    if not m or RESULTS_RE.match(text):
        return None
    rest = (m.group(2) or "").strip()
    if rest and not (rest[0].isupper() or rest[0].isdigit() or BULLET_RE.match(rest) or rest == "-"):
        return None  # "Afrapportering vil ske på følgende vis:" is a sentence, not a label
    label = "Mål" if m.group(1).lower().startswith("m") and len(m.group(1)) == 3 else m.group(1)
    return label, rest


def page_chunks(lines: list[SourceLine]) -> list[list[SourceLine]]:
    """Split at the seed's page markers: a leading space, or a run of 3+ blank lines (raw text)."""
    regions = [(a, b) for a, b, _, _ in TABLE_REGIONS]
    pages: list[list[SourceLine]] = [[]]
    blanks = 0
    for ln in lines:
        inside = any(a < ln.no <= b for a, b in regions)
        if not ln.raw.strip():
            blanks += 1
            pages[-1].append(ln)
            continue
        if pages[-1] and not inside and (ln.raw.startswith(" ") or blanks >= 3):
            pages.append([])
        blanks = 0
        pages[-1].append(ln)
    return pages


class ContractWriter:
    """Turns the source lines into typeset lines and tables."""

    def __init__(self, ts: Typesetter, src: Sources):
        self.ts = ts
        self.src = src
        self.in_goal = False
        self.box = False
        self.tables: list[TableSpec] = []

    def write(self, lines: list[SourceLine]) -> None:
        by_no = {ln.no: ln for ln in lines}
        for chunk in page_chunks(lines):
            self.ts.new_page()
            i = 0
            while i < len(chunk):
                region = next((r for r in TABLE_REGIONS if r[0] == chunk[i].no), None)
                if region:
                    self.table(region, [by_no[n] for n in range(region[0], region[1] + 1)])
                    i += region[1] - region[0] + 1
                    continue
                j = i
                while j < len(chunk) and chunk[j].text.strip() and not any(
                    r[0] == chunk[j].no for r in TABLE_REGIONS
                ):
                    j += 1
                if j > i:
                    self.block(chunk[i:j])
                    i = j
                else:
                    self.ts.space(LEAD * 0.45)
                    i += 1

    # ----------------------------------------------------------------- text blocks
    def block(self, block: list[SourceLine]) -> None:
        first = block[0].text.strip()
        if GOAL_RE.match(first):
            self.in_goal, self.box = True, False
            self.ts.space(4)
            for ln in block:
                self.ts.line([Part(0, ln.text.strip(), "Sans-Bold", 12.5)], 16)
            self.ts.space(3)
            return
        if RESULTS_RE.match(first):
            self.box = False
            self.ts.space(3)
            self.ts.line([Part(0, first, "Sans-Bold", 11)], 14)
            self.body_lines(block[1:], 0)
            return
        if not self.in_goal and SECTION_RE.match(first) and len(first) < 95:
            self.ts.space(4)
            self.ts.line([Part(0, first, "Sans-Bold", 12.5)], 16)
            self.body_lines(block[1:], 0)
            return
        if self.in_goal and label_split(first):
            self.box = True
        self.body_lines(block, LABEL_W if self.box else 0)

    def body_lines(self, lines: list[SourceLine], x0: float) -> None:
        indent = 0.0
        for ln in lines:
            text = ln.text.strip()
            parts: list[Part] = []
            lab = label_split(text) if self.box else None
            if lab:
                parts.append(Part(0, lab[0], "Sans-Bold", BODY))
                text = lab[1]
                indent = 0.0
            m = BULLET_RE.match(text)
            if m:
                parts.append(Part(x0, BULLET_GLYPH[m.group(1)], "Sans", BODY))
                text = text[m.end():]
                indent = BULLET_W
            if text:
                parts.append(Part(x0 + indent, text, "Sans", BODY))
            self.ts.line(parts, LEAD)

    # ----------------------------------------------------------------- tables
    def table(self, region: tuple, lines: list[SourceLine]) -> None:
        first, last, kind, table_id = region
        spec = {"overview": self.overview, "dated": self.dated, "counts": self.counts}[kind](table_id, lines)
        spec.source_lines = (first, last)
        self.ts.space(4)
        self.ts.table(spec)
        self.ts.space(6)
        self.tables.append(spec)

    def overview(self, table_id: str, lines: list[SourceLine]) -> TableSpec:
        """Goals overview: header from its two heading lines, goal rows from the gold records CSV."""
        text = {ln.no: ln.text.strip() for ln in lines}
        head_label, head_rest = text[lines[0].no].split(" ", 1)
        rows = [[head_label, f"{head_rest} {text[lines[1].no]}"]]
        goals = self.src.records_csv("seed000_overview_goals.csv")
        spans, bold, prev_end = [], set(), lines[1].no
        for g_i, goal in enumerate(goals):
            if g_i == 0 or goal["scope"] != goals[g_i - 1]["scope"]:
                group = [text[n] for n in range(prev_end + 1, int(goal["line"])) if text.get(n)]
                bold.add(len(rows))
                spans += [(len(rows), 0, 2), (len(rows) + 1, 0, 2)]
                rows += [[group[0], ""], [" ".join(group[1:]), ""]]
            rows.append([f"{goal['number']}. {goal['title']}", goal["fulfilment_pct"]])
            prev_end = int(goal["line"])
        return TableSpec(table_id, [380, 120], rows, header_rows=1, ruled=True, size=BODY, leading=12,
                         pad=4, align=["left", "right"], spans=spans, bold_rows=bold,
                         caption="Oversigt over mål (goals overview)")

    def dated(self, table_id: str, lines: list[SourceLine]) -> TableSpec:
        """Rows start at a date; the row's OCR lines stay as lines of its second cell."""
        rows: list[list[str]] = [list(DATED_HEADER)]
        for ln in lines[2:]:
            text = ln.text.strip()
            if not text:
                continue
            text = re.sub(r"\s+\|\s+|\s+\|$", " ", text).strip()  # pipes are OCR'd column rules
            m = DATE_ROW_RE.match(text)
            if m:
                rows.append([m.group(1), m.group(2)])
            else:
                rows[-1][1] += "\n" + text
        return TableSpec(table_id, [62, 438], rows, header_rows=1, ruled=True, repeat_header=True,
                         size=9, leading=11, pad=3, caption="Arrangementer og kurser, mål 9")

    def counts(self, table_id: str, lines: list[SourceLine]) -> TableSpec:
        rows = []
        for ln in lines:
            text = ln.text.strip()
            m = (COUNT_HEAD_RE if not rows else COUNT_ROW_RE).match(text)
            if not m:
                raise ValueError(f"line {ln.no} does not look like a table row: {text!r}")
            rows.append([g.strip() for g in m.groups()])
        return TableSpec(table_id, [210, 55, 70], rows, header_rows=1, ruled=False, size=BODY,
                         leading=12.4, pad=1, align=["left", "right", "right"],
                         caption="Forløbstyper pr. 31.12.2024")


def build(path, src: Sources, repairer: LineRepairer) -> Built:
    lines = src.lines(FIRST, LAST, repairer)
    ts = Typesetter(path, meta={
        "title": "Resultatkontrakt 2024 - Erhvervshus Nordjylland",
        "author": "KKR Nordjylland (sample, kkr-extract)",
        "subject": "Resultatkontrakt 2024 med afrapportering og målopfyldelse",
        "date": "D:20250826100000+02'00'",
    })
    writer = ContractWriter(ts, src)
    writer.write(lines)
    pages = ts.save()
    return Built(pages, writer.tables, lines)
