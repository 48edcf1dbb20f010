"""Targets, results, sub-goals and fulfilment of one goal, read from its sections.

Long reports label a goal's parts (Mål / Metode / Afrapportering / Afrapportering og målopfyldelse):
the part decides what a sentence can be. Slides have no labels: the target column comes first, and the
first sentence that reports (a '(100%)' part fulfilment, 'realiseret', 'viser', ...) starts the results.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from extract.records_classify import Reading
from extract.records_sentences import Sentence, build_sentences
from extract.sections_headings import part_label, report_heading, running_header
from extract.sections_lines import DocLine
from extract.sections_slides import slide_title
from schemas.provenance import Provenance
from schemas.records import Result, SubGoal, Target


@dataclass
class GoalFindings:
    goal_id: str
    doc_id: str
    targets: list[Target] = field(default_factory=list)
    results: list[Result] = field(default_factory=list)
    sub_goals: list[SubGoal] = field(default_factory=list)
    fulfillment: int | float | None = None
    fulfillment_prov: list[Provenance] = field(default_factory=list)

    def target(self, r: Reading) -> None:
        self.targets.append(Target(**self._sentence_fields(r), comparator=r.comparator()))  # type: ignore[arg-type]

    def result(self, r: Reading, kind: str) -> None:
        self.results.append(Result(**self._sentence_fields(r), kind=kind))  # type: ignore[arg-type]

    def _sentence_fields(self, r: Reading) -> dict:
        """What targets and results share: the goal, the sentence with its values, and its provenance."""
        return {"goal_id": self.goal_id, "text": r.sentence.text, "values": r.values, "unit": r.unit(),
                "flags": r.flags, "prov": r.sentence.provenance(self.doc_id)}

    def fulfilled(self, value: int | float, prov: list[Provenance]) -> None:
        if self.fulfillment is None:
            self.fulfillment, self.fulfillment_prov = value, prov

    def sub_goal(self, r: Reading) -> None:
        found = r.sub_goal()
        if found and all(s.number != found[0] for s in self.sub_goals):
            self.sub_goals.append(
                SubGoal(
                    name=f"Delmål {found[0]}",
                    number=found[0],
                    fulfillment_pct=found[1],
                    prov=r.sentence.provenance(self.doc_id),
                )
            )


def readings(lines: list[DocLine], skip: set[int], content_start: dict[int, int]) -> list[Reading]:
    """Readings of the lines' sentences; a sentence with only years is merged into the next one of its
    paragraph ('... målt ultimo 2023. Kendskabsgraden lå på 50%' is one finding)."""
    out: list[Reading] = []
    pending: Sentence | None = None
    skip = skip | {line.idx for line in lines if running_header(line)}
    for sentence in build_sentences(lines, frozenset(skip), content_start):
        if pending is not None:
            sentence = Sentence(f"{pending.text} {sentence.text}", pending.segments + sentence.segments,
                                sentence.lead_in, pending.bullet, pending.gap_before, sentence.joins_next)
        reading = Reading.of(sentence)
        only_years = bool(reading.value_quantities) and not reading.measures
        pending = sentence if only_years and sentence.joins_next and not reading.is_fulfilment() else None
        if pending is None:
            out.append(reading)
    return out


def read_part(found: GoalFindings, role: str, lines: list[DocLine]) -> None:
    """One labelled part of a long report."""
    head = lines[0]
    label = part_label(head)
    heading_only = report_heading(head) is not None or (label and label.content_offset >= len(head.text))
    skip = {head.idx} if heading_only else set()
    start = {head.idx: label.content_offset} if label else {}
    items = readings(lines, skip, start)
    if role == "report":
        _read_report(found, items)
        return
    for r in items:
        if r.is_fulfilment():
            found.fulfilled(r.percents()[-1], r.sentence.provenance(found.doc_id))
        elif r.measures and (r.states_target() or r.looks_like_target(strong_only=role != "target")):
            found.target(r)


def _read_report(found: GoalFindings, items: list[Reading]) -> None:
    """Up to the last fulfilment statement every figure reports on the target (kpi); after it come
    narratives per activity, where only sentences that report or count done work are results."""
    last_fulfilment = max((i for i, r in enumerate(items) if r.is_fulfilment()), default=-1)
    for i, r in enumerate(items):
        if r.is_fulfilment():
            found.fulfilled(r.percents()[-1], r.sentence.provenance(found.doc_id))
            continue
        found.sub_goal(r)
        if not r.measures:
            continue
        if r.states_target():
            found.target(r)
        elif i <= last_fulfilment:
            found.result(r, "kpi")
        elif r.has_activity_cue():
            found.result(r, "activity")
        elif r.has_result_cue():
            found.result(r, "kpi")


def read_slide(found: GoalFindings, all_lines: list[DocLine], start: int, end: int) -> None:
    """A goal on slides: title and fulfilment under the heading, targets, then results."""
    _, title_lines, percent_line = slide_title(all_lines, start)
    skip = {start, *title_lines}
    if percent_line is not None:
        skip.add(percent_line)
        line = all_lines[percent_line]
        pct = Reading.of(Sentence(line.text.strip(), [])).percents()
        if pct:
            found.fulfilled(pct[-1], [line.provenance(found.doc_id)])
    in_results = False
    for r in readings(all_lines[start : end + 1], skip, {}):
        if r.is_fulfilment():
            found.fulfilled(r.percents()[-1], r.sentence.provenance(found.doc_id))
            continue
        in_results = in_results or (r.has_result_cue() and not r.states_target())
        if not r.measures:
            continue
        if not in_results:
            found.target(r)
        else:
            activity = r.has_activity_cue() and not r.percents()
            found.result(r, "activity" if activity else "kpi")
