"""Choosing a reading for one word: channel readings scored by the Danish lexicon and frequencies.

Scores are log10 probabilities: prior(reading) + log10 P(written | reading). The prior is wordfreq's
Zipf value for words hunspell accepts (a floor for rare ones); compounds hunspell misses get a lower
prior from their parts, so a lexicalised reading beats an accidental compound ("malopfyldelse").
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

import wordfreq

from normalize.lexicon import LANG, Lexicon
from normalize.repair_channel import DANISH_LETTERS, Channel, Edit, apply_edits, letter_shares

HUNSPELL_FLOOR = 2.0  # rare words hunspell knows (zipf 0 in wordfreq) are still real words
COMPOUND_PENALTY = 2.5  # an unlisted compound is less likely than its rarest part
COMPOUND_CEILING = 1.0  # ... and never beats a listed word outright
WORDFREQ_ONLY_PENALTY = 1.5  # wordfreq also holds ASCII-fied Danish ("pa"), so it alone is weak evidence
PLAUSIBLE_UNKNOWN_PRIOR = 0.5  # an unknown word whose letter triples all occur in Danish words
UNSEEN_TRIGRAM_PENALTY = 0.5
MAX_UNSEEN_TRIGRAMS = 1  # a compound's seam may hold one letter triple no listed word has
SPLIT_LOGP = -2.0  # a lost space between two words
SPLIT_MIN_ZIPF = 3.0
SPLIT_MIN_PART = 3
SPLIT_SHORT_MIN_ZIPF = 6.0  # a one- or two-letter part must be a very common word ("i", "at")
MIN_READING_SCORE = 0.5  # below this a reading is too improbable to act on
MIN_CONFIDENCE = 0.8
MAX_GENERATED = 120  # readings looked up in the frequency list
MAX_CHECKED = 10  # readings also checked with hunspell and compounds (slow)
NEGLIGIBLE_LOG_ODDS = 2.5  # a reading 300 times less likely than the best cannot change a decision
MIN_LOGP = -4.0
AMBIGUOUS_MIN_LOG_ODDS = 0.8  # a known word is replaced only at about 6:1 odds
MIN_DOC_RATE = 0.1  # letters a document rarely loses are not worth second-guessing known words for
DOCUMENT_WEIGHT = 0.5
MIN_DOCUMENT_WORDS = 1000
MIN_PART_EVIDENCE = 3
MAX_PART_BOOST = 1.0
MIN_PART_COUNT = 2
CASE_TIE = 0.3  # readings differing only in case: the sentence position decides unless scores differ more


@dataclass
class DocumentEvidence:
    """What one document shows: spellings it attests unambiguously and its loss rate per Danish letter."""

    counts: dict[str, int]
    parts: dict[str, int]  # common words inside the attested ones ("målopfyldelse" attests "mål")
    total: int
    rates: dict[str, float]
    shares: dict[tuple[str, str], float]  # log10 share of each (seen, meant) among this document's losses
    _boosts: dict[str, float] = field(default_factory=dict, repr=False)
    _gains: dict[str, float] | None = field(default=None, repr=False)

    def prior(self, word: str, general: float) -> float:
        """A cache language model: the general prior mixed with the word's share of this document."""
        return self._mixed(self.counts.get(word.lower(), 0), general)

    def _mixed(self, count: int, general: float) -> float:
        share = count / max(self.total, MIN_DOCUMENT_WORDS)  # a short text is thin evidence
        return math.log10(DOCUMENT_WEIGHT * share + (1 - DOCUMENT_WEIGHT) * 10 ** (general - 9)) + 9

    def part_boost(self, reading: str, edits: tuple[Edit, ...], zipf: Callable[[str], float]) -> float:
        """How much more this document uses the attested word heading or ending the reading at each
        repaired spot than Danish at large does (målet: 'mål' runs through a document about goals);
        the weakest spot counts."""
        if reading not in self._boosts:
            self._boosts[reading] = self._part_boost(reading, edits, zipf)
        return self._boosts[reading]

    def _part_boost(self, reading: str, edits: tuple[Edit, ...], zipf: Callable[[str], float]) -> float:
        gains = self._part_gains(zipf)
        lower = reading.lower()
        boosts = []
        for start in _reading_positions(edits):
            best = max((gains.get(part, 0.0) for part in _edge_parts(lower, start)), default=0.0)
            if best <= 0.0:
                return 0.0  # the weakest spot counts: nothing attested here, no boost
            boosts.append(min(best, MAX_PART_BOOST))
        return min(boosts) if boosts else 0.0

    def _part_gains(self, zipf: Callable[[str], float]) -> dict[str, float]:
        """Per part attested often enough, how much more this document uses it than Danish does
        (computed once per document evidence, not per reading)."""
        if self._gains is None:
            self._gains = {}
            for part, count in self.parts.items():
                if count >= MIN_PART_COUNT:
                    general = zipf(part)
                    self._gains[part] = self._mixed(count, general) - general
        return self._gains


def _edge_parts(word: str, position: int) -> list[str]:
    """Prefixes and suffixes of a word (3+ letters) that contain the given position."""
    heads = [word[:end] for end in range(max(MIN_PART_EVIDENCE, position + 1), len(word) + 1)]
    tails = [word[begin:] for begin in range(0, min(position, len(word) - MIN_PART_EVIDENCE) + 1)]
    return heads + tails


class Choice(NamedTuple):
    """A reading chosen for a written word; edits are relative to the word (plain values, as Edit)."""

    after: str
    edits: tuple[Edit, ...]
    rule: str
    confidence: float
    evidence: str


class WordModel:
    """Priors and readings of single words, cached per distinct word for the life of the model."""

    def __init__(self, lexicon: Lexicon, channel: Channel) -> None:
        self.lexicon = lexicon
        self.channel = channel
        self._frequent = wordfreq.get_frequency_dict(LANG)
        self.shares = letter_shares()
        self._trigrams = {t for word in self._frequent for t in _trigrams(word)}
        self.prior = lru_cache(maxsize=None)(self._prior)
        self.choose = lru_cache(maxsize=None)(self._choose)
        self.channel_readings = lru_cache(maxsize=None)(self._channel_readings)
        self.single_edit_readings = lru_cache(maxsize=None)(self._single_edit_readings)
        self.reading_prior = lru_cache(maxsize=None)(self._reading_prior)
        self.plausible = lru_cache(maxsize=None)(self._plausible)

    def _reading_prior(self, reading: str) -> float | None:
        """The prior of a candidate spelling; those with letter triples no common Danish word has are
        dismissed before the slow lexicon checks (candidates are many, most of them junk)."""
        return self.prior(reading) if self.plausible(reading) else None

    def _plausible(self, reading: str) -> bool:
        """The cheap tests a reading must pass before its prior is looked up."""
        if reading.lower() not in self._frequent and (
            self.unseen_trigrams(reading) > MAX_UNSEEN_TRIGRAMS or not self.lexicon.may_be_word(reading)
        ):
            return False
        return _regular_case(reading)

    def _prior(self, word: str) -> float | None:
        """log10 frequency per billion words of a known word; None if the lexicon does not know it."""
        lexicon = self.lexicon
        if lexicon.in_hunspell(word):
            return max(lexicon.zipf(word), HUNSPELL_FLOOR)
        if not word.isalpha():
            return None
        parts = lexicon.common_compound_split(word.lower())
        if parts is None:
            return None
        rarest = min(max(lexicon.zipf(p), lexicon.zipf(p[:-1])) for p in parts)
        return min(rarest - COMPOUND_PENALTY, COMPOUND_CEILING)

    def unseen_trigrams(self, word: str) -> int:
        return sum(t not in self._trigrams for t in _trigrams(word.lower()))

    def written_prior(self, word: str) -> float:
        """Prior of the word as written: listed, attested by wordfreq alone, or an unknown word that
        looks Danish (names, new words) or does not ("spgrgeskema": letter triples Danish never has)."""
        zipf = self.lexicon.zipf(word)
        unseen = self.unseen_trigrams(word)
        return max(
            self.prior(word) or -math.inf,
            zipf - WORDFREQ_ONLY_PENALTY if zipf else -math.inf,
            PLAUSIBLE_UNKNOWN_PRIOR - UNSEEN_TRIGRAM_PENALTY * unseen,
        )

    def _readings(self, word: str) -> dict[str, tuple[float, tuple[Edit, ...]]]:
        """Known readings of a word with their scores (best per spelling): common words from deep in
        the channel's list, any listed word among the first few."""
        found: dict[str, tuple[float, tuple[Edit, ...]]] = {}
        best = -math.inf
        for rank, (reading, edits) in enumerate(self.channel_readings(word, MAX_GENERATED)):
            if reading in found:
                continue
            logp = sum(e.logp for e in edits)
            if reading.lower() not in self._frequent and (
                rank >= MAX_CHECKED or _negligible(HUNSPELL_FLOOR + logp, best)
            ):
                continue
            prior = self.reading_prior(reading)
            if prior is not None:
                found[reading] = (prior + logp, edits)
                best = max(best, prior + logp)
        return found

    def _split(self, word: str) -> tuple[str, float] | None:
        """Two words run together ("Atbidrage"): both parts listed and common enough."""
        best = None
        for cut in range(1, len(word)):
            left, right = word[:cut], word[cut:]
            if not (self.lexicon.in_hunspell(left) and self.lexicon.in_hunspell(right)):
                continue
            rarest = min(self.lexicon.zipf(left), self.lexicon.zipf(right))
            short = min(left, right, key=len)
            if len(short) < SPLIT_MIN_PART and self.lexicon.zipf(short) < SPLIT_SHORT_MIN_ZIPF:
                continue
            if rarest >= SPLIT_MIN_ZIPF and (best is None or rarest + SPLIT_LOGP > best[1]):
                best = (f"{left} {right}", rarest + SPLIT_LOGP)
        return best

    def _choose(self, word: str, sentence_start: bool) -> Choice | None:
        """Best reading of a word the lexicon does not list (or only as an accidental compound)."""
        readings = self._readings(word)
        if not readings and len(word) >= 4:
            split = self._split(word)
            if split is not None:
                return _split_choice(split, self.written_prior(word))
        if not readings:
            return None
        by_spelling: dict[str, float] = {}
        for reading, (score, _) in readings.items():
            key = reading.lower()
            by_spelling[key] = _logsumexp10(by_spelling.get(key), score)
        written = self.written_prior(word)
        best_key = max(by_spelling, key=by_spelling.__getitem__)
        best_score = by_spelling[best_key]
        if best_score < MIN_READING_SCORE:
            return None
        total = _logsumexp10(written, *by_spelling.values())
        confidence = 10 ** (best_score - total)
        if confidence < MIN_CONFIDENCE:
            return None
        variants = {r: readings[r][0] for r in readings if r.lower() == best_key}
        after = _pick_case(variants, sentence_start)
        edits = readings[after][1]
        evidence = f"reading score {best_score:.2f} vs written {written:.2f}; {len(by_spelling)} readings"
        return Choice(after, edits, _rule(edits), round(confidence, 3), evidence)

    def attested_parts(self, word: str) -> set[str]:
        """The common words heading or ending a word that hold a Danish letter (spørgsmål -> spørg, mål)."""
        edges = {word[:end] for end in range(MIN_PART_EVIDENCE, len(word) + 1)}
        edges |= {word[begin:] for begin in range(len(word) - MIN_PART_EVIDENCE + 1)}
        return {p for p in edges if p in self._frequent and any(c in DANISH_LETTERS for c in p)}

    def _single_edit_readings(self, word: str) -> tuple[tuple[str, tuple[Edit, ...]], ...]:
        """Readings one substitution away: a known word is mistaken for another known word by one
        lost letter (mal/mål, bade/både); deeper ones are not worth the time for every word."""
        edits = sorted(self.channel.edits(word), key=lambda e: -e.logp)
        return tuple((apply_edits(word, (e,)), (e,)) for e in edits)

    def _channel_readings(self, word: str, depth: int) -> tuple[tuple[str, tuple[Edit, ...]], ...]:
        """The first `depth` readings the channel proposes, for checks against document evidence."""
        found = []
        for rank, (logp, edits) in enumerate(self.channel.candidates(word)):
            if rank >= depth or logp < MIN_LOGP:
                break
            found.append((apply_edits(word, edits), edits))
        return tuple(found)

    def choose_in_document(self, word: str, sentence_start: bool, evidence: DocumentEvidence
                           ) -> Choice | None:
        """The reading most likely in this document: the channel weighted by the document's loss rate
        per letter, the prior by what the document attests (pass 1 repairs, words printed with æ/ø/å).
        A listed word changes only at clear odds (mal -> mål where å is never printed; never in clean
        text)."""
        written = evidence.prior(word, self.written_prior(word))
        scored = self._document_readings(word, evidence)
        if not scored:
            return None
        by_spelling: dict[str, float] = {}
        for reading, (score, _) in scored.items():
            by_spelling[reading.lower()] = _logsumexp10(by_spelling.get(reading.lower()), score)
        best_key = max(by_spelling, key=by_spelling.__getitem__)
        best_score = by_spelling[best_key]
        confidence = 10 ** (best_score - _logsumexp10(written, *by_spelling.values()))
        if best_score - written < AMBIGUOUS_MIN_LOG_ODDS or confidence < MIN_CONFIDENCE:
            return None
        after = _pick_case({r: v[0] for r, v in scored.items() if r.lower() == best_key}, sentence_start)
        edits = scored[after][1]
        text = f"document: {evidence.counts.get(best_key, 0)} attested; odds 10^{best_score - written:.2f}"
        return Choice(after, edits, _rule(edits), round(confidence, 3), text)

    def _document_readings(self, word: str, evidence: DocumentEvidence
                           ) -> dict[str, tuple[float, tuple[Edit, ...]]]:
        """Known readings scored for this document. Checking is slow, so only these are checked:
        attested or common spellings, the first few others of a word wordfreq does not know, and
        for an unknown word any reading whose repaired spot the document attests (spørg-eskemaet)."""
        known = self.prior(word) is not None
        common = self.lexicon.zipf(word) >= HUNSPELL_FLOOR
        if known:
            readings = self.single_edit_readings(word)
        else:
            readings = self.channel_readings(word, MAX_GENERATED)
        scored = {}
        best = -math.inf
        for rank, (reading, edits) in enumerate(readings):
            key = reading.lower()
            attested = key in evidence.counts or key in self._frequent
            checked = attested or (not common and rank < MAX_CHECKED)
            if known and not checked:
                continue
            logp = self._document_logp(edits, evidence)
            if logp is None or not self.plausible(reading):
                continue
            boost = evidence.part_boost(reading, edits, self.lexicon.zipf)
            if not (checked or boost > 0):
                continue
            if not attested and _negligible(evidence.prior(reading, HUNSPELL_FLOOR) + logp + boost, best):
                continue
            general = self.reading_prior(reading)
            if general is not None:
                score = evidence.prior(reading, general) + logp + boost
                scored[reading] = (score, edits)
                best = max(best, score)
        return scored

    def _document_logp(self, edits: tuple[Edit, ...], evidence: DocumentEvidence) -> float | None:
        """log10 P(written | reading) with this document's loss rate per letter and its own mix of
        forms for each lost letter; None for other edits."""
        total = 0.0
        for edit in edits:
            letter = edit.meant.lower()
            rate = evidence.rates.get(letter, 0.0)
            if letter not in DANISH_LETTERS or rate < MIN_DOC_RATE:
                return None
            total += math.log10(rate) + evidence.shares[(edit.seen.lower(), letter)]
        return total


def _negligible(ceiling: float, best: float) -> bool:
    """A reading no corpus has seen scores at most `ceiling` (its prior is the hunspell floor); once
    that is negligible beside the best reading so far, hunspell, the slow part, need not be asked."""
    return ceiling < best - NEGLIGIBLE_LOG_ODDS


def _split_choice(split: tuple[str, float], written: float) -> Choice | None:
    after, score = split
    if score < MIN_READING_SCORE or score <= written:
        return None
    confidence = 10 ** (score - _logsumexp10(written, score))
    if confidence < MIN_CONFIDENCE:
        return None
    cut = after.index(" ")
    edit = Edit(cut, cut, "", " ", SPLIT_LOGP)
    return Choice(after, (edit,), "split", round(confidence, 3), f"two listed words, split score {score:.2f}")


def _pick_case(variants: dict[str, float], sentence_start: bool) -> str:
    """Of readings differing only in case (@vrige -> øvrige / Øvrige) the best scored, but near-ties
    go to the sentence position."""
    def adjusted(reading: str) -> float:
        return variants[reading] + CASE_TIE * (reading[:1].isupper() == sentence_start)

    return max(variants, key=adjusted)


def _trigrams(word: str) -> list[str]:
    padded = f"^{word}$"
    return [padded[i : i + 3] for i in range(len(padded) - 2)]


def _reading_positions(edits: tuple[Edit, ...]) -> list[int]:
    """Where each edit's replacement starts in the reading (earlier edits shift later ones)."""
    positions, shift = [], 0
    for edit in edits:
        positions.append(edit.start + shift)
        shift += len(edit.meant) - (edit.end - edit.start)
    return positions


def _regular_case(word: str) -> bool:
    """lower, Capitalised or UPPER; mixed case (VIgtIgt) is no reading of a word."""
    rest = word[1:]
    return rest == rest.lower() or word == word.upper()


def _rule(edits: tuple[Edit, ...]) -> str:
    return "+".join(edit.rule for edit in edits)


def _logsumexp10(*values: float | None) -> float:
    present = [v for v in values if v is not None]
    top = max(present)
    return top + math.log10(sum(10 ** (v - top) for v in present))
