"""Split a document into sections: agenda items, attachments, results contract, overview, goals, goal parts.

Works on the document model only, so born-digital, OCR'd and text-file input are split alike. Headings
are found line by line (`sections_headings`), then kept only when the context agrees: goal numbers must
run in order, and a document gets goals only with evidence that it reports on a results contract.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extract.sections_headings import (
    FUNCTION_WORDS,
    GoalHeading,
    agenda_marker,
    attachment_heading,
    goal_heading,
    numbered_heading,
    overview_heading,
    part_label,
    report_heading,
)
from extract.sections_lines import DocLine, fold, index_lines
from extract.sections_slides import slide_title
from schemas.document import Document
from schemas.records import Section

LEVEL = {"agenda_item": 0, "contract": 1, "attachment": 1, "overview": 2, "goal": 2, "goal_part": 3}
MAX_GOAL_GAP = 3  # a goal heading OCR lost may leave a gap in the numbering; wider jumps are not goals
_CONTRACT_YEAR = re.compile(r"resultatkontrakt(?:en)?\s*(?:for\s*)?((?:19|20)\d{2})")
_EVIDENCE = ("resultatkontrakt", "malopfyldelse", "resultatmal")


@dataclass
class Span:
    """A section under construction: first and last line index, inclusive."""

    kind: str
    start: int
    end: int
    heading: str
    number: str | None = None
    part: str | None = None


def split_sections(doc: Document) -> list[Section]:
    """All sections of the document in reading order, each with its parent."""
    lines = index_lines(doc)
    if not lines:
        return []
    spans = _agenda_spans(lines) + _attachment_spans(lines)
    spans += contract_spans(lines, hard_stops=sorted(s.start for s in spans))
    if not spans:
        spans = _numbered_item_spans(lines)
    _close_top_level(spans, lines)
    return _to_sections(doc.doc_id, spans, lines)


def _agenda_spans(lines: list[DocLine]) -> list[Span]:
    spans = []
    for line in lines:
        marker = agenda_marker(line)
        if marker:
            number, heading = marker
            spans.append(Span("agenda_item", line.idx, line.idx, heading or _next_text(lines, line.idx), number))
    return spans


def _attachment_spans(lines: list[DocLine]) -> list[Span]:
    spans = []
    for line in lines:
        found = attachment_heading(line)
        if found:
            spans.append(Span("attachment", line.idx, line.idx, line.text.strip(), found[0]))
    return spans


def _numbered_item_spans(lines: list[DocLine]) -> list[Span]:
    """In a document with no other structure (minutes), 'N. Title' headings numbered 1, 2, 3, ... are its
    agenda items; TOC entries (trailing page number) and numbered lists that restart are skipped."""
    spans: list[Span] = []
    expected = 1
    for line in lines:
        found = numbered_heading(line)
        if not found or found[2]:
            continue
        number, title, _ = found
        if number == expected:
            spans.append(Span("agenda_item", line.idx, line.idx, title, str(number)))
            expected += 1
    return spans if len(spans) >= 2 else []


def contract_spans(lines: list[DocLine], hard_stops: list[int]) -> list[Span]:
    """The contract, its overview, goals and goal parts; nothing when the document shows no contract."""
    goals = _accepted_goals(lines)
    if len(goals) < 2 or not _has_contract_evidence(lines, goals):
        overview = _overview_start(lines, 0, len(lines))
        if overview is None or not _has_contract_evidence(lines, []):
            return []
        goals = []
    first = goals[0][0] if goals else _overview_start(lines, 0, len(lines)) or 0
    stops = sorted(set(hard_stops) | set(_other_contract_lines(lines, first)))
    spans: list[Span] = []
    for i, (start, heading) in enumerate(goals):
        limit = min([s for s in stops if s > start] + [goals[i + 1][0] if i + 1 < len(goals) else len(lines)])
        end = _trim(lines, start, limit - 1)
        spans.append(Span("goal", start, end, _goal_heading_text(lines, start, heading), str(heading.number)))
        spans += _part_spans(lines, start, end)
    overview = _overview_start(lines, 0, first + 1)
    if overview is not None:
        ov_end = _trim(lines, overview, (first - 1) if goals else _region_end(lines, overview, stops))
        spans.append(Span("overview", overview, ov_end, lines[overview].text.strip()))
    start = max([s for s in hard_stops if s <= first], default=0)
    end = max(s.end for s in spans) if spans else first
    return [Span("contract", start, end, _next_text(lines, start - 1))] + spans


def _accepted_goals(lines: list[DocLine]) -> list[tuple[int, GoalHeading]]:
    """Goal headings whose numbers run in order (1, 2, 3 ...; small gaps allowed); first seen wins."""
    accepted: list[tuple[int, GoalHeading]] = []
    last = 0
    for line in lines:
        heading = goal_heading(line)
        if heading is None:
            number = report_heading(line)
            # a report heading stands in for a goal heading OCR lost
            if not number or number != last + 1 or _is_followed_by_goal(lines, line.idx, number):
                continue
            heading = GoalHeading(number)
        if last < heading.number <= last + MAX_GOAL_GAP and (last or heading.number <= MAX_GOAL_GAP):
            accepted.append((line.idx, heading))
            last = heading.number
    return accepted


def _is_followed_by_goal(lines: list[DocLine], idx: int, number: int) -> bool:
    later = (goal_heading(line) for line in lines[idx + 1 : idx + 400])
    return any(h is not None and h.number == number for h in later)


def _has_contract_evidence(lines: list[DocLine], goals: list[tuple[int, GoalHeading]]) -> bool:
    """Goal headings alone could be a plan's numbered aims; a contract also reports fulfilment."""
    if any(report_heading(line) is not None for line in lines):
        return True
    text = " ".join(fold(line.text) for line in lines)
    return any(word in text for word in _EVIDENCE)


def _other_contract_lines(lines: list[DocLine], first_goal: int) -> list[int]:
    """After the goals, a heading about another contract year ('Proces for resultatkontrakt 2023') ends them."""
    years = [m.group(1) for line in lines[: first_goal + 1] for m in _CONTRACT_YEAR.finditer(fold(line.text))]
    if not years:
        return []
    year = max(set(years), key=years.count)
    return [
        line.idx
        for line in lines[first_goal + 1 :]
        if (m := _CONTRACT_YEAR.search(fold(line.text))) and m.group(1) != year and len(line.text.split()) <= 8
    ]


def _part_spans(lines: list[DocLine], goal_start: int, goal_end: int) -> list[Span]:
    """Goal parts: 'Mål', 'Metode', 'Afrapportering', 'Begrundelse' labels and the report heading."""
    marks: list[tuple[int, str, str]] = []
    for line in lines[goal_start + 1 : goal_end + 1]:
        if report_heading(line) is not None:
            marks.append((line.idx, "report", line.text.strip()))
            continue
        label = part_label(line)
        if label and not (marks and marks[-1][1] == label.role):
            marks.append((line.idx, label.role, line.text[: label.content_offset].strip(" |")))
    spans = []
    for i, (start, role, heading) in enumerate(marks):
        end = marks[i + 1][0] - 1 if i + 1 < len(marks) else goal_end
        spans.append(Span("goal_part", start, _trim(lines, start, end), heading, part=role))
    return spans


def _overview_start(lines: list[DocLine], start: int, stop: int) -> int | None:
    return next((line.idx for line in lines[start:stop] if overview_heading(line)), None)


def _region_end(lines: list[DocLine], start: int, stops: list[int]) -> int:
    return min([s - 1 for s in stops if s > start] + [len(lines) - 1])


def _goal_heading_text(lines: list[DocLine], idx: int, heading: GoalHeading) -> str:
    title = goal_title(lines, idx, heading)
    return f"Mål {heading.number} — {title}" if title else lines[idx].text.strip()


def goal_title(lines: list[DocLine], idx: int, heading: GoalHeading) -> str:
    """The title after 'Mål N —', carried on to the next line when the heading wraps; slides: the lines below."""
    if not heading.title:
        return slide_title(lines, idx)[0]
    title = heading.title
    following = lines[idx + 1] if idx + 1 < len(lines) else None
    if following is None or following.blank or following.gap_before or part_label(following):
        return title
    text = following.text.strip()
    wraps = title.endswith(",") or title.split()[-1].lower() in FUNCTION_WORDS
    if wraps or (text[:1].islower() and len(text.split()) <= 6):
        title = f"{title} {text}"
    return title


def _trim(lines: list[DocLine], start: int, end: int) -> int:
    """Last line of a section: trailing blank lines and page numbers do not belong to it."""
    while end > start and (lines[end].blank or lines[end].looks_like_page_number()):
        end -= 1
    return end


def _next_text(lines: list[DocLine], idx: int) -> str:
    return next((line.text.strip() for line in lines[idx + 1 : idx + 8] if not line.blank), "")


def _close_top_level(spans: list[Span], lines: list[DocLine]) -> None:
    """Agenda items and attachments run to the next heading of the same or a higher level."""
    for span in spans:
        if span.kind not in ("agenda_item", "attachment"):
            continue
        level = LEVEL[span.kind]
        later = [s.start for s in spans if s.start > span.start and LEVEL[s.kind] <= level and s.kind != "contract"]
        span.end = _trim(lines, span.start, min(later, default=len(lines)) - 1)


def _to_sections(doc_id: str, spans: list[Span], lines: list[DocLine]) -> list[Section]:
    ordered = sorted(spans, key=lambda s: (s.start, LEVEL[s.kind]))
    ids = {id(s): f"{doc_id}-s{n}" for n, s in enumerate(ordered, start=1)}
    sections = []
    for i, span in enumerate(ordered):
        parent = next(
            (p for p in reversed(ordered[:i]) if LEVEL[p.kind] < LEVEL[span.kind] and p.start <= span.start <= p.end),
            None,
        )
        first, last = lines[span.start], lines[span.end]
        sections.append(
            Section(
                section_id=ids[id(span)],
                parent_id=ids[id(parent)] if parent else None,
                kind=span.kind,  # type: ignore[arg-type]
                part=span.part,  # type: ignore[arg-type]
                number=span.number,
                heading=span.heading,
                page_start=first.page_no,
                page_end=last.page_no,
                line_start=first.line_no,
                line_end=last.line_no,
                prov=[first.provenance(doc_id)],
            )
        )
    return sections
