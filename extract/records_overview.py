"""The overview table of goals: 'N. Title  pct' rows grouped under 'Nationale mål' / 'Regionale mål'.

Rows come as one line ('1. Kendskab 100'), with the percentage on the next line (slides: '90%'), or
with the title wrapped onto a lower-case line below. Numbers must run 1, 2, 3, ...
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extract.records_classify import Reading
from extract.records_sentences import Sentence
from extract.sections_headings import is_percent_line, scope_heading
from extract.sections_lines import DocLine
from schemas.provenance import Provenance

_ROW = re.compile(r"^\s*(\d{1,2})\.?\s+([^\W\d_].*?)\s*$")
_TRAILING_VALUE = re.compile(r"\s+(\d{1,3}(?:[.,]\d+)?)\s*%?\s*$")
MAX_GAP = 2  # lines between a row and its wrapped title or its percentage


@dataclass
class OverviewEntry:
    number: int
    title: str
    scope: str | None
    fulfillment_pct: int | float | None
    prov: list[Provenance]


def read_overview(lines: list[DocLine], doc_id: str) -> list[OverviewEntry]:
    entries: list[OverviewEntry] = []
    scope: str | None = None
    for i, line in enumerate(lines):
        scope = scope_heading(line) or scope
        row = _ROW.match(line.text)
        if not row or int(row.group(1)) != len(entries) + 1:
            continue
        title, pct = _title_and_pct(row.group(2), lines[i + 1 : i + 1 + 2 * MAX_GAP + 1])
        entries.append(OverviewEntry(int(row.group(1)), title, scope, pct, [line.provenance(doc_id)]))
    return entries if len(entries) >= 2 else []


def _title_and_pct(text: str, below: list[DocLine]) -> tuple[str, int | float | None]:
    """A percentage line right below wins (the title may end in a number: '= mål 10'); else a trailing value."""
    nearby = [line for line in below if not line.blank][:MAX_GAP]
    if nearby and is_percent_line(nearby[0]):
        return text.strip(), _percent(nearby[0].text)
    value = _TRAILING_VALUE.search(text)
    title = text[: value.start()] if value else text
    for line in nearby:
        if not line.text.strip()[:1].islower() or _ROW.match(line.text):
            break
        title = f"{title.strip()} {line.text.strip()}"
    return title.strip(), _percent(value.group(1) + "%") if value else None


def _percent(text: str) -> int | float | None:
    found = Reading.of(Sentence(text.strip(), [])).percents()
    return found[0] if found else None
