"""The OCR channel: which glyph sequences an OCR engine without Danish letters writes for which letters.

Each confusion is (seen, meant, log10 P(seen | meant)). The weights are rough estimates of how often an
engine that lacks å/æ/ø (or reads l/I as | or I) produces each form; they encode characters only, never
words. `Channel.candidates` enumerates the readings of a word in order of channel cost.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterator
from typing import NamedTuple

# (seen, meant, log10 probability). Lower-case; upper-case variants are derived below.
CONFUSIONS: tuple[tuple[str, str, float], ...] = (
    ("a", "å", -0.6),
    ("aa", "å", -1.5),  # the old spelling, and how å is often transliterated
    ("é", "å", -1.5),
    ("éa", "å", -1.5),
    ("ad", "å", -2.2),
    ("d", "å", -2.2),
    ("g", "ø", -0.6),
    ("@", "ø", -0.7),
    ("o", "ø", -1.2),
    ("e", "ø", -1.2),
    ("a", "ø", -1.4),
    ("ag", "ø", -2.0),
    ("ea", "ø", -2.0),
    ("z", "ø", -2.0),
    ("s", "ø", -2.2),
    ("0", "ø", -1.2),
    ("0", "o", -2.0),  # a slashed zero looks like ø far more than like o
    ("ee", "æ", -0.5),
    ("ae", "æ", -0.5),
    ("eae", "æ", -1.0),
    ("aee", "æ", -1.2),
    ("ze", "æ", -1.2),
    ("z", "æ", -1.5),
    ("a", "æ", -1.4),
    ("e", "æ", -1.4),
    ("ea", "æ", -1.5),
    ("se", "æ", -2.0),
    ("I", "l", -1.0),
    ("|", "l", -1.5),
    ("|", "i", -0.8),
    ("|", "I", -0.8),
    ("q", "g", -1.5),
    ("y", "g", -2.5),
    ("y", "v", -2.5),
    ("y", "iv", -2.5),
)
# Capitals the engine reads as other capitals or glyphs (Øvrige -> Dvrige, @vrige, Jget, Gvrige).
CAPITAL_CONFUSIONS: tuple[tuple[str, str, float], ...] = (
    ("D", "Ø", -1.0),
    ("@", "Ø", -0.8),
    ("J", "Ø", -1.5),
    ("G", "Ø", -1.5),
    ("O", "Ø", -1.2),
    ("0", "Ø", -1.2),
    ("0", "O", -2.0),
)
DANISH_LETTERS = "åæø"


class Edit(NamedTuple):
    """One substitution inside a word: word[start:end] -> meant. A tuple of plain values, so the
    per-word caches holding millions of them are no work for the cyclic garbage collector."""

    start: int
    end: int
    seen: str
    meant: str
    logp: float

    @property
    def rule(self) -> str:
        return f"channel:{self.meant}<-{self.seen}"


def _cased_table() -> dict[str, list[tuple[str, float]]]:
    table: dict[str, list[tuple[str, float]]] = {}
    entries = list(CONFUSIONS) + list(CAPITAL_CONFUSIONS)
    for seen, meant, logp in CONFUSIONS:
        for cased_seen in {seen.upper(), seen.capitalize()} - {seen}:
            if cased_seen.isalpha():
                entries.append((cased_seen, meant.upper(), logp))
    for seen, meant, logp in entries:
        table.setdefault(seen, []).append((meant, logp))
    return table


def letter_shares() -> dict[tuple[str, str], float]:
    """log10 share of each lower-cased (seen, meant) pair among the ways a letter gets lost, from the weights.

    Used with a document's own loss rate per letter: P(seen | meant) = rate(meant) * share(seen, meant).
    """
    weights: dict[tuple[str, str], float] = {}
    for seen, meant, logp in CONFUSIONS + CAPITAL_CONFUSIONS:
        key = (seen.lower(), meant.lower())
        weights[key] = weights.get(key, 0.0) + 10**logp
    totals: dict[str, float] = {}
    for (_, meant), weight in weights.items():
        totals[meant] = totals.get(meant, 0.0) + weight
    shares = {key: math.log10(weight / totals[key[1]]) for key, weight in weights.items()}
    return shares


class Channel:
    """Enumerates readings of a word: sets of non-overlapping substitutions, most probable first."""

    def __init__(self, max_edits: int = 4) -> None:
        self._table = _cased_table()
        self._max_seen = max(len(seen) for seen in self._table)
        self.max_edits = max_edits

    def edits(self, word: str) -> list[Edit]:
        """Every place in `word` where some confusion could have produced what is written."""
        found = []
        for start in range(len(word)):
            for length in range(1, self._max_seen + 1):
                seen = word[start : start + length]
                for meant, logp in self._table.get(seen, ()) if len(seen) == length else ():
                    found.append(Edit(start, start + length, seen, meant, logp))
        return found

    def candidates(self, word: str) -> Iterator[tuple[float, tuple[Edit, ...]]]:
        """(log10 P(word | reading), edits) for readings with 1..max_edits substitutions, best first."""
        edits = self.edits(word)
        heap: list[tuple[float, tuple[int, ...]]] = [(-e.logp, (i,)) for i, e in enumerate(edits)]
        heapq.heapify(heap)
        while heap:
            cost, chosen = heapq.heappop(heap)
            yield -cost, tuple(edits[i] for i in chosen)
            if len(chosen) == self.max_edits:
                continue
            last_end = edits[chosen[-1]].end
            for j in range(chosen[-1] + 1, len(edits)):
                if edits[j].start >= last_end:
                    heapq.heappush(heap, (cost - edits[j].logp, (*chosen, j)))


def apply_edits(word: str, edits: tuple[Edit, ...]) -> str:
    out, pos = [], 0
    for edit in edits:
        out.append(word[pos : edit.start])
        out.append(edit.meant)
        pos = edit.end
    out.append(word[pos:])
    return "".join(out)
