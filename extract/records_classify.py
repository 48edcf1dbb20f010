"""What a sentence says about its goal: a target, a result (KPI or activity), a fulfilment, or nothing.

The cues are the genre's fixed vocabulary (målet er / måltal / mindst for targets; realiseret / i alt /
gjort / opfyldt for results; afholdt / gennemført / tiltrukket for activities), matched on folded text
so OCR'd 'malopfyldelse' and repaired 'målopfyldelse' read the same.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from extract.records_sentences import Sentence
from extract.sections_lines import fold
from normalize.numbers import NUMERIC_KINDS, Quantity, find_quantities

VALUE_KINDS = NUMERIC_KINDS | {"year"}
_TARGET_START = re.compile(r"^(?:delmal \d+\s*:\s*)?(?:malet (?:er|var|for)\b|maltal|malsaetning|malsatning|mal:)")
_TARGET_CUE = re.compile(r"\b(?:mindst|minimum|maltal\w*|malsaetning\w*|malsatning\w*|skal)\b|\(mal \d")
_RESULT_CUE = re.compile(r"\b(?:realiseret|i alt|resultatet|gjort|opfyldt|viser|gennemf[og]rt)\b")
_ACTIVITY_CUE = re.compile(
    r"\b(?:afholdt|gennemf[og]rt|tiltrukket|deltaget|deltog|hjemtaget|aktiviteter|bevilget|udmontet)\b"
)
_FULFILMENT = re.compile(r"\bm[a]l\s?opfyldelse")
_OVERALL = re.compile(r"\bsamle(?:de|t)\b")
_SUB_GOAL = re.compile(r"^delmal (\d+)\b.*\bopfyldt\b")
_LABELLED_VALUE = re.compile(r"[^\W\d_)]\s*:\s*\d")
_PART_FULFILMENT = re.compile(r"\(\s*\d{1,3}(?:[.,]\d+)?\s*%\s*\)")
_NOUN_AFTER = re.compile(r"^\s*([^\W\d_][\w-]*)")
_UNIT_NAMES = {"percent": "pct", "percentage_points": "procentpoint", "score": "NPS"}


@dataclass
class Reading:
    """A sentence with its quantities and folded text, read once."""

    sentence: Sentence
    folded: str
    quantities: list[Quantity]

    @classmethod
    def of(cls, sentence: Sentence) -> Reading:
        return cls(sentence, fold(sentence.text), find_quantities(sentence.text))

    @property
    def values(self) -> list[int | float]:
        out: list[int | float] = []
        for q in self.value_quantities:
            out.append(q.value)  # type: ignore[arg-type]
            if q.reference is not None:
                out.append(_number(q.reference))
        return out

    @property
    def value_quantities(self) -> list[Quantity]:
        return [q for q in self.quantities if q.kind in VALUE_KINDS and q.value is not None]

    @property
    def measures(self) -> list[Quantity]:
        """Values other than years: what makes a sentence worth a record."""
        return [q for q in self.value_quantities if q.kind in NUMERIC_KINDS]

    @property
    def flags(self) -> list[str]:
        return sorted({f for q in self.value_quantities for f in q.flags})

    def percents(self) -> list[int | float]:
        return [q.value for q in self.quantities if q.kind == "percent" and q.value is not None]

    def unit(self) -> str | None:
        """The unit of the first figure that is not a duration ('under 3 år' qualifies, it does not count)."""
        measures = sorted(self.measures, key=lambda q: q.kind == "duration")
        for q in measures:
            if q.kind in _UNIT_NAMES:
                return _UNIT_NAMES[q.kind]
            if q.unit:
                return q.unit
        for q in measures:
            noun = _NOUN_AFTER.match(self.sentence.text[q.end :])
            if noun:
                return noun.group(1).lower()
        return None

    def comparator(self) -> str | None:
        return next((q.comparator for q in self.measures if q.comparator and q.kind != "duration"), None)

    def is_fulfilment(self) -> bool:
        return bool(_FULFILMENT.search(self.folded)) and bool(self.percents())

    def is_overall(self) -> bool:
        return self.is_fulfilment() and bool(_OVERALL.search(self.folded))

    def sub_goal(self) -> tuple[int, int | float] | None:
        match = _SUB_GOAL.match(self.folded)
        return (int(match.group(1)), self.percents()[-1]) if match and self.percents() else None

    def states_target(self) -> bool:
        """'Målet var, at mindst 50% ...', 'Måltallet for 2025 er 95', '... i 2024 (mål 70)'."""
        if _TARGET_START.match(self.folded):
            return True
        return bool(re.search(r"\(mal \d", self.folded)) and not _RESULT_CUE.search(self.folded)

    def looks_like_target(self, strong_only: bool = False) -> bool:
        """A measurable aim: a share, a bound, a labelled figure or a target word. Outside the 'Mål' part
        (`strong_only`: OCR may have read a two-column label list out of order) a share alone is not enough."""
        if not strong_only and any(q.kind in ("percent", "percentage_points", "score") for q in self.measures):
            return True
        if self.comparator() or _LABELLED_VALUE.search(self.sentence.text):
            return True
        return bool(_TARGET_CUE.search(self.folded) or _TARGET_CUE.search(fold(self.sentence.lead_in)))

    def has_result_cue(self) -> bool:
        return bool(_RESULT_CUE.search(self.folded) or _PART_FULFILMENT.search(self.sentence.text))

    def has_activity_cue(self) -> bool:
        return bool(_ACTIVITY_CUE.search(self.folded))


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def most_common(items: list[str]) -> str | None:
    return Counter(items).most_common(1)[0][0] if items else None
