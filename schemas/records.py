"""Records that dashboards need: sections, contracts, goals, targets, results.

Every record carries `prov`: the places in the source its text and numbers came from. The nested
`Records` model is what `<doc_id>.json` holds; `Records.rows()` flattens it into one list of row
models per CSV file, with provenance reduced to the `page, line, bbox` columns.
"""

from __future__ import annotations

import json
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from schemas.provenance import Provenance

SectionKind = Literal["agenda_item", "attachment", "contract", "overview", "goal", "goal_part"]
GoalPartRole = Literal["target", "method", "reporting", "rationale", "report"]
GoalScope = Literal["national", "regional", "local"]
ResultKind = Literal["kpi", "activity"]
Comparator = Literal[">=", "<=", ">", "<", "="]
Number = int | float

_PROV = "Where the record stands in the source; one entry per page it touches, reading order."
_FLAGS = "Doubts kept with the record instead of guessing (e.g. a value whose reading is uncertain)."


class Section(BaseModel):
    """A stretch of the document between two headings: agenda item, attachment, goal, goal part, ..."""

    model_config = ConfigDict(extra="forbid")

    section_id: str = Field(description="'<doc_id>-s<n>', n counting from 1 in reading order.")
    parent_id: str | None = Field(description="section_id of the enclosing section; None at top level.")
    kind: SectionKind = Field(description="What the section is.")
    part: GoalPartRole | None = Field(
        default=None,
        description="For goal_part: target (Mål), method (Metode), reporting (Afrapportering), rationale "
        "(Begrundelse) or report (Afrapportering og målopfyldelse).",
    )
    number: str | None = Field(default=None, description="Number as printed: goal '7', attachment '1a', item '2.1'.")
    heading: str = Field(description="Heading text as read (repaired text; raw is in prov).")
    page_start: int = Field(ge=1, description="Page of the heading.")
    page_end: int = Field(ge=1, description="Page of the section's last line.")
    line_start: int = Field(ge=1, description="Line of the heading (text files: file line; PDFs: line on page_start).")
    line_end: int = Field(ge=1, description="Last line of the section (on page_end).")
    prov: list[Provenance] = Field(default_factory=list, description="Provenance of the heading line.")


class SubGoal(BaseModel):
    """A 'Delmål' of a goal with its reported fulfilment."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(description="Label as printed, e.g. 'Delmål 1'.")
    number: int | None = Field(default=None, description="The sub-goal's number when it has one.")
    fulfillment_pct: Number | None = Field(default=None, description="Reported fulfilment in percent.")
    flags: list[str] = Field(default_factory=list, description=_FLAGS)
    prov: list[Provenance] = Field(default_factory=list, description=_PROV)


class Target(BaseModel):
    """A sentence (or bullet) that states what a goal aims at, with its numbers in order."""

    model_config = ConfigDict(extra="forbid")

    goal_id: str = Field(description="goal_id of the goal the target belongs to.")
    text: str = Field(description="The sentence, repaired text, line breaks joined.")
    values: list[Number] = Field(description="Numeric values in reading order, Danish notation converted.")
    unit: str | None = Field(default=None, description="Main unit of the values (pct, procentpoint, kr., a noun).")
    comparator: Comparator | None = Field(default=None, description="'>=' for 'mindst', '<=' for 'højst', ...")
    flags: list[str] = Field(default_factory=list, description=_FLAGS)
    prov: list[Provenance] = Field(default_factory=list, description=_PROV)


class Result(BaseModel):
    """A sentence that reports what a goal achieved: a KPI measured against the target, or an activity count."""

    model_config = ConfigDict(extra="forbid")

    goal_id: str = Field(description="goal_id of the goal the result belongs to.")
    text: str = Field(description="The sentence, repaired text, line breaks joined.")
    values: list[Number] = Field(description="Numeric values in reading order, Danish notation converted.")
    unit: str | None = Field(default=None, description="Main unit of the values (pct, procentpoint, kr., a noun).")
    kind: ResultKind = Field(description="kpi: measures the goal's target; activity: counts what was done.")
    flags: list[str] = Field(default_factory=list, description=_FLAGS)
    prov: list[Provenance] = Field(default_factory=list, description=_PROV)


class Goal(BaseModel):
    """One numbered goal (Mål N) of a results contract."""

    model_config = ConfigDict(extra="forbid")

    goal_id: str = Field(description="'<contract_id>-g<number>'.")
    contract_id: str = Field(description="contract_id of the contract the goal belongs to.")
    section_id: str | None = Field(
        default=None,
        description="The goal's section; None when only the overview lists it."
    )
    number: int = Field(ge=1, description="Goal number as printed.")
    title: str = Field(description="Title from the goal's heading; the overview's spelling of the same title when the "
        "lexicon knows it better; the overview's when the goal has no section.")
    scope: GoalScope | None = Field(
        default=None,
        description="From the heading that groups the goal (national/regional)."
    )
    fulfillment_pct: Number | None = Field(default=None, description="Fulfilment stated in the goal's own report.")
    overview_fulfillment_pct: Number | None = Field(default=None, description="Fulfilment in the overview table.")
    sub_goals: list[SubGoal] = Field(default_factory=list)
    targets: list[Target] = Field(default_factory=list)
    results: list[Result] = Field(default_factory=list)
    flags: list[str] = Field(default_factory=list, description=_FLAGS)
    prov: list[Provenance] = Field(default_factory=list, description="The goal heading (or overview row).")


class Contract(BaseModel):
    """A results contract (resultatkontrakt) report: its goals and the overall fulfilment."""

    model_config = ConfigDict(extra="forbid")

    contract_id: str = Field(description="'<doc_id>-c<n>', n counting from 1.")
    contract: str | None = Field(default=None, description="Name as printed, e.g. 'Resultatkontrakt 2024'.")
    year: int | None = Field(default=None, description="The contract year.")
    organisation: str | None = Field(
        default=None,
        description="The organisation reporting, e.g. 'Erhvervshus Nordjylland'."
    )
    overall_fulfillment_pct: Number | None = Field(
        default=None,
        description="The overall (samlede) fulfilment in percent."
    )
    section_id: str | None = Field(default=None, description="The contract's section.")
    goals: list[Goal] = Field(default_factory=list)
    flags: list[str] = Field(default_factory=list, description=_FLAGS)
    prov: list[Provenance] = Field(default_factory=list, description="The overall-fulfilment statement, else the name.")


class SectionRow(BaseModel):
    model_config = ConfigDict(extra="forbid")

    doc_id: str = Field(description="Document id.")
    section_id: str = Field(description="See Section.section_id.")
    parent_id: str | None = Field(description="See Section.parent_id.")
    kind: SectionKind = Field(description="See Section.kind.")
    part: GoalPartRole | None = Field(description="See Section.part.")
    number: str | None = Field(description="See Section.number.")
    heading: str = Field(description="See Section.heading.")
    page_start: int = Field(description="See Section.page_start.")
    page_end: int = Field(description="See Section.page_end.")
    line_start: int = Field(description="See Section.line_start.")
    line_end: int = Field(description="See Section.line_end.")


class ContractRow(BaseModel):
    model_config = ConfigDict(extra="forbid")

    doc_id: str = Field(description="Document id.")
    contract_id: str = Field(description="See Contract.contract_id.")
    contract: str | None = Field(description="See Contract.contract.")
    year: int | None = Field(description="See Contract.year.")
    organisation: str | None = Field(description="See Contract.organisation.")
    overall_fulfillment_pct: Number | None = Field(description="See Contract.overall_fulfillment_pct.")
    page: int | None = Field(description="Page of the first provenance entry.")
    line: int | None = Field(description="Line of the first provenance entry.")
    bbox: str | None = Field(description="'x0,top,x1,bottom' in points (PDFs); empty for text files.")
    flags: str = Field(description="Flags joined with ';'.")


class GoalRow(BaseModel):
    model_config = ConfigDict(extra="forbid")

    doc_id: str = Field(description="Document id.")
    goal_id: str = Field(description="See Goal.goal_id.")
    contract_id: str = Field(description="See Goal.contract_id.")
    number: int = Field(description="See Goal.number.")
    title: str = Field(description="See Goal.title.")
    scope: GoalScope | None = Field(description="See Goal.scope.")
    fulfillment_pct: Number | None = Field(description="See Goal.fulfillment_pct.")
    overview_fulfillment_pct: Number | None = Field(description="See Goal.overview_fulfillment_pct.")
    page: int | None = Field(description="Page of the goal heading.")
    line: int | None = Field(description="Line of the goal heading.")
    bbox: str | None = Field(description="'x0,top,x1,bottom' in points (PDFs); empty for text files.")
    flags: str = Field(description="Flags joined with ';'.")


class TargetRow(BaseModel):
    model_config = ConfigDict(extra="forbid")

    doc_id: str = Field(description="Document id.")
    goal_id: str = Field(description="See Target.goal_id.")
    text: str = Field(description="See Target.text.")
    values: str = Field(description="JSON list of the values, in order.")
    unit: str | None = Field(description="See Target.unit.")
    comparator: Comparator | None = Field(description="See Target.comparator.")
    page: int | None = Field(description="Page of the sentence's start.")
    line: int | None = Field(description="Line of the sentence's start.")
    bbox: str | None = Field(description="Union of the sentence's word boxes on that page (PDFs).")
    flags: str = Field(description="Flags joined with ';'.")


class ResultRow(BaseModel):
    model_config = ConfigDict(extra="forbid")

    doc_id: str = Field(description="Document id.")
    goal_id: str = Field(description="See Result.goal_id.")
    text: str = Field(description="See Result.text.")
    values: str = Field(description="JSON list of the values, in order.")
    unit: str | None = Field(description="See Result.unit.")
    kind: ResultKind = Field(description="See Result.kind.")
    page: int | None = Field(description="Page of the sentence's start.")
    line: int | None = Field(description="Line of the sentence's start.")
    bbox: str | None = Field(description="Union of the sentence's word boxes on that page (PDFs).")
    flags: str = Field(description="Flags joined with ';'.")


def _where(prov: list[Provenance]) -> dict[str, int | str | None]:
    """The page/line/bbox columns from a record's first provenance entry."""
    if not prov:
        return {"page": None, "line": None, "bbox": None}
    first = prov[0]
    return {"page": first.page_no, "line": first.line_no, "bbox": first.bbox.to_str() if first.bbox else None}


def _row(row_model: type[BaseModel], doc_id: str, record: BaseModel) -> BaseModel:
    """A record flattened into a row: same-named fields copied, provenance, values and flags as text."""
    columns = set(row_model.model_fields)
    data = record.model_dump(include=columns - {"doc_id", "values", "flags", "page", "line", "bbox"})
    if "values" in columns:
        data["values"] = json.dumps(record.values)  # type: ignore[attr-defined]
    if "flags" in columns:
        data["flags"] = ";".join(record.flags)  # type: ignore[attr-defined]
    if "page" in columns:
        data |= _where(record.prov)  # type: ignore[attr-defined]
    return row_model(doc_id=doc_id, **data)


class Records(BaseModel):
    """All records of one document (filled by the sections/records stage)."""

    model_config = ConfigDict(extra="forbid")

    doc_id: str | None = Field(default=None, description="Document id (None only for the empty default).")
    sections: list[Section] = Field(default_factory=list, description="All sections in reading order.")
    contracts: list[Contract] = Field(default_factory=list, description="Results contracts, with goals nested.")

    def goals(self) -> list[Goal]:
        return [goal for contract in self.contracts for goal in contract.goals]

    def rows(self) -> dict[str, list[BaseModel]]:
        """One list of row models per CSV file name (sections.csv, contracts.csv, goals.csv, ...)."""
        doc_id = self.doc_id or ""
        goals = self.goals()
        return {
            "sections.csv": [_row(SectionRow, doc_id, s) for s in self.sections],
            "contracts.csv": [_row(ContractRow, doc_id, c) for c in self.contracts],
            "goals.csv": [_row(GoalRow, doc_id, g) for g in goals],
            "targets.csv": [_row(TargetRow, doc_id, t) for g in goals for t in g.targets],
            "results.csv": [_row(ResultRow, doc_id, r) for g in goals for r in g.results],
        }
