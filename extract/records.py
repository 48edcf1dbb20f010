"""From sections to records: the contract, its goals with targets, results, sub-goals and fulfilment.

`extract_records(doc, sections)` reads only the document model and the sections `split_sections`
found, so it is the same for every input kind. No contract section means no goals.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from extract.records_classify import most_common
from extract.records_goal import GoalFindings, read_part, read_slide, readings
from extract.records_overview import OverviewEntry, read_overview
from extract.sections import goal_title
from extract.sections_headings import GoalHeading, goal_heading, scope_heading
from extract.sections_lines import DocLine, fold, index_lines
from normalize.lexicon import text_quality
from schemas.document import Document
from schemas.records import Contract, Goal, Records, Section

_CONTRACT_YEAR = re.compile(r"resultatkontrakt(?:en)?\s*(?:for\s*)?((?:19|20)\d{2})\b")
# The contract's organisation is named by the genre's sentences, not by what it is called: the party
# that reports to KKR ("X afrapporterer årligt til KKR Nordjylland") and the other party of the
# agreement ("aftale mellem de 11 kommuner i KKR Nordjylland og X"). X is a run of capitalised words;
# names break across lines, so the region's text is read joined.
_NAME = r"((?:[A-ZÆØÅ][\wæøå-]+\s+){0,3}[A-ZÆØÅ][\wæøå-]+)"
_ORGANISATION = (
    re.compile(_NAME + r"\s+afrapporterer\b[^.]{0,40}?\btil\s+KKR\b"),
    re.compile(r"\baftale\s+mellem\b[^.]{0,120}?\bKKR\b[^.]{0,40}?\s+og\s+" + _NAME),
)


def _organisation(region: list[DocLine]) -> str | None:
    text = " ".join(" ".join(line.text.split()) for line in region if not line.blank)
    return most_common([m.group(1) for pattern in _ORGANISATION for m in pattern.finditer(text)])


def extract_records(doc: Document, sections: list[Section]) -> Records:
    lines = index_lines(doc)
    where = {(line.page_no, line.line_no): line.idx for line in lines}
    contracts = []
    for n, contract in enumerate((s for s in sections if s.kind == "contract"), start=1):
        children = [s for s in sections if _inside(s, contract, where)]
        contracts.append(_contract(doc.doc_id, f"{doc.doc_id}-c{n}", contract, children, lines, where))
    return Records(doc_id=doc.doc_id, sections=sections, contracts=contracts)


def _span(section: Section, where: dict[tuple[int, int], int]) -> tuple[int, int]:
    return where[(section.page_start, section.line_start)], where[(section.page_end, section.line_end)]


def _inside(section: Section, outer: Section, where: dict[tuple[int, int], int]) -> bool:
    (start, _), (lo, hi) = _span(section, where), _span(outer, where)
    return section is not outer and lo <= start <= hi


def _contract(
    doc_id: str, contract_id: str, contract: Section, children: list[Section], lines: list[DocLine], where: dict
) -> Contract:
    lo, hi = _span(contract, where)
    region = lines[lo : hi + 1]
    goal_sections = [s for s in children if s.kind == "goal"]
    overview = next((s for s in children if s.kind == "overview"), None)
    entries = read_overview(lines[slice(*_inclusive(_span(overview, where)))], doc_id) if overview else []
    goals = [
        _goal(doc_id, contract_id, s, children, lines, where, entries)
        for s in goal_sections
    ]
    known = {g.number for g in goals}
    goals += [_goal_from_overview(contract_id, e) for e in entries if e.number not in known]
    goals.sort(key=lambda g: g.number)
    outside = _outside_goals(region, [_span(s, where) for s in goal_sections])
    overall = next((r for r in readings(outside, set(), {}) if r.is_overall()), None)
    year = _contract_year(region)
    return Contract(
        contract_id=contract_id,
        contract=f"Resultatkontrakt {year}" if year else None,
        year=year,
        organisation=_organisation(region),
        overall_fulfillment_pct=overall.percents()[-1] if overall else None,
        section_id=contract.section_id,
        goals=goals,
        prov=overall.sentence.provenance(doc_id) if overall else contract.prov,
    )


def _inclusive(span: tuple[int, int]) -> tuple[int, int]:
    return span[0], span[1] + 1


def _outside_goals(region: list[DocLine], goal_spans: list[tuple[int, int]]) -> list[DocLine]:
    return [line for line in region if not any(lo <= line.idx <= hi for lo, hi in goal_spans)]


def _contract_year(region: list[DocLine]) -> int | None:
    text = " ".join(fold(line.text) for line in region)
    years = [m.group(1) for m in _CONTRACT_YEAR.finditer(text)]
    year = most_common(years)
    return int(year) if year else None


def _goal(
    doc_id: str,
    contract_id: str,
    section: Section,
    children: list[Section],
    lines: list[DocLine],
    where: dict,
    entries: list[OverviewEntry],
) -> Goal:
    lo, hi = _span(section, where)
    number = int(section.number or 0)
    goal_id = f"{contract_id}-g{number}"
    heading = goal_heading(lines[lo]) or GoalHeading(number)
    found = GoalFindings(goal_id, doc_id)
    parts = [s for s in children if s.kind == "goal_part" and lo <= _span(s, where)[0] <= hi]
    for part in parts:
        p_lo, p_hi = _span(part, where)
        read_part(found, part.part or "", lines[p_lo : p_hi + 1])
    if not parts:
        read_slide(found, lines, lo, hi)
    entry = next((e for e in entries if e.number == number), None)
    return Goal(
        goal_id=goal_id,
        contract_id=contract_id,
        section_id=section.section_id,
        number=number,
        title=_best_title(goal_title(lines, lo, heading), entry.title if entry else ""),
        scope=(entry.scope if entry else None) or _scope_above(lines, lo),  # type: ignore[arg-type]
        fulfillment_pct=found.fulfillment,
        overview_fulfillment_pct=entry.fulfillment_pct if entry else None,
        sub_goals=found.sub_goals,
        targets=found.targets,
        results=found.results,
        prov=section.prov,
    )


SAME_TITLE = 90  # rapidfuzz ratio above which two titles are one title read twice


def _best_title(heading_title: str, overview_title: str) -> str:
    """A goal's title as its heading gives it, unless the overview spells the same title in words
    the lexicon knows better (a slip in one place, e.g. "erhvervsudyvikling", is not the title)."""
    if not heading_title or not overview_title:
        return heading_title or overview_title
    if fuzz.ratio(fold(heading_title), fold(overview_title)) < SAME_TITLE:
        return heading_title
    if (text_quality(overview_title.split()) or 0) > (text_quality(heading_title.split()) or 0):
        return overview_title
    return heading_title


def _goal_from_overview(contract_id: str, entry: OverviewEntry) -> Goal:
    return Goal(
        goal_id=f"{contract_id}-g{entry.number}",
        contract_id=contract_id,
        number=entry.number,
        title=entry.title,
        scope=entry.scope,  # type: ignore[arg-type]
        overview_fulfillment_pct=entry.fulfillment_pct,
        flags=["only_in_overview"],
        prov=entry.prov,
    )


def _scope_above(lines: list[DocLine], idx: int) -> str | None:
    """The nearest 'Nationale mål' / 'Regionale mål' heading above the goal, when no overview says."""
    return next((scope for line in reversed(lines[:idx]) if (scope := scope_heading(line))), None)

