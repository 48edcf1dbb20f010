"""Choosing a reading for one word: channel readings scored by the Danish lexicon and frequencies.

Scores are log10 probabilities: prior(reading) + log10 P(written | reading). The prior is wordfreq's
Zipf value for words hunspell accepts (a floor for rare ones); compounds hunspell misses get a lower
prior from their parts, so a lexicalised reading beats an accidental compound ("malopfyldelse").
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from collections.abc import Callable
from functools import lru_cache

import wordfreq

from normalize.lexicon import LANG, Lexicon
from normalize.repair_channel import DANISH_LETTERS, Channel, Edit, apply_edits, letter_shares

HUNSPELL_FLOOR = 2.0  # rare words hunspell knows (zipf 0 in wordfreq) are still real words
COMPOUND_PENALTY = 2.5  # an unlisted compound is less likely than its rarest part
COMPOUND_CEILING = 1.0  # ... and never beats a listed word outright
WORDFREQ_ONLY_PENALTY = 1.5  # wordfreq also holds ASCII-fied Danish ("pa"), so it alone is weak evidence
PLAUSIBLE_UNKNOWN_PRIOR = 0.5  # an unknown word whose letter triples all occur in Danish words
UNSEEN_TRIGRAM_PENALTY = 0.5
SPLIT_LOGP = -2.0  # a lost space between two words
SPLIT_MIN_ZIPF = 3.0
MIN_READING_SCORE = 0.5  # below this a reading is too improbable to act on
MIN_CONFIDENCE = 0.8
MAX_GENERATED = 300  # readings looked up in the frequency list
MAX_CHECKED = 10  # readings also checked with hunspell and compounds (slow)
MIN_LOGP = -4.0
AMBIGUOUS_MIN_LOG_ODDS = 0.8  # a known word is replaced only at about 6:1 odds
AMBIGUOUS_MAX_GENERATED = 60
MIN_DOC_RATE = 0.05  # letters a document rarely loses are not worth second-guessing known words for
DOCUMENT_WEIGHT = 0.5
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

    def prior(self, word: str, general: float) -> float:
        """A cache language model: the general prior mixed with the word's share of this document."""
        return self._mixed(self.counts.get(word.lower(), 0), general)

    def _mixed(self, count: int, general: float) -> float:
        share = count / max(self.total, 1)
        return math.log10(DOCUMENT_WEIGHT * share + (1 - DOCUMENT_WEIGHT) * 10 ** (general - 9)) + 9

    def part_boost(self, reading: str, edits: tuple[Edit, ...], zipf: Callable[[str], float]) -> float:
        """How much more this document uses the attested word heading or ending the reading at each
        repaired spot than Danish at large does (målet: 'mål' runs through a document about goals);
        the weakest spot counts."""
        lower = reading.lower()
        boosts = []
        for start in _reading_positions(edits):
            best = 0.0
            for part in _edge_parts(lower, start):
                count = self.parts.get(part, 0)
                if count >= MIN_PART_COUNT:
                    general = zipf(part)
                    best = max(best, self._mixed(count, general) - general)
            boosts.append(min(best, MAX_PART_BOOST))
        return min(boosts) if boosts else 0.0


def _edge_parts(word: str, position: int) -> list[str]:
    """Prefixes and suffixes of a word (3+ letters) that contain the given position."""
    heads = [word[:end] for end in range(max(MIN_PART_EVIDENCE, position + 1), len(word) + 1)]
    tails = [word[begin:] for begin in range(0, min(position, len(word) - MIN_PART_EVIDENCE) + 1)]
    return heads + tails


@dataclass(frozen=True)
class Choice:
    """A reading chosen for a written word; edits are relative to the word."""

    after: str
    edits: tuple[Edit, ...]
    rule: str
    confidence: float
    evidence: str


class WordModel:
    def __init__(self, lexicon: Lexicon, channel: Channel) -> None:
        self.lexicon = lexicon
        self.channel = channel
        self._frequent = wordfreq.get_frequency_dict(LANG)
        self._shares = letter_shares()
        self._trigrams = {t for word in self._frequent for t in _trigrams(word)}
        self.prior = lru_cache(maxsize=None)(self._prior)
        self.choose = lru_cache(maxsize=None)(self._choose)
        self.channel_readings = lru_cache(maxsize=None)(self._channel_readings)

    def _prior(self, word: str) -> float | None:
        """log10 frequency per billion words of a known word; None if the lexicon does not know it."""
        lexicon = self.lexicon
        if lexicon.in_hunspell(word):
            return max(lexicon.zipf(word), HUNSPELL_FLOOR)
        if not word.isalpha():
            return None
        parts = lexicon.compound_split(word.lower())
        if parts is None:
            return None
        rarest = min(max(lexicon.zipf(p), lexicon.zipf(p[:-1])) for p in parts)
        return min(rarest - COMPOUND_PENALTY, COMPOUND_CEILING)

    def written_prior(self, word: str) -> float:
        """Prior of the word as written: listed, attested by wordfreq alone, or an unknown word that
        looks Danish (names, new words) or does not ("spgrgeskema": letter triples Danish never has)."""
        zipf = self.lexicon.zipf(word)
        unseen = sum(t not in self._trigrams for t in _trigrams(word.lower()))
        return max(
            self.prior(word) or -math.inf,
            zipf - WORDFREQ_ONLY_PENALTY if zipf else -math.inf,
            PLAUSIBLE_UNKNOWN_PRIOR - UNSEEN_TRIGRAM_PENALTY * unseen,
        )

    def _readings(self, word: str) -> dict[str, tuple[float, tuple[Edit, ...]]]:
        """Known readings of a word with their scores (best per spelling)."""
        found: dict[str, tuple[float, tuple[Edit, ...]]] = {}
        for rank, (logp, edits) in enumerate(self.channel.candidates(word)):
            if rank >= MAX_GENERATED or logp < MIN_LOGP:
                break
            reading = apply_edits(word, edits)
            if reading in found or (rank >= MAX_CHECKED and reading.lower() not in self._frequent):
                continue
            prior = self.prior(reading) if _regular_case(reading) else None
            if prior is not None:
                found[reading] = (prior + logp, edits)
        return found

    def _split(self, word: str) -> tuple[str, float] | None:
        """Two words run together ("Atbidrage"): both parts listed and common enough."""
        best = None
        for cut in range(1, len(word)):
            left, right = word[:cut], word[cut:]
            if not (self.lexicon.in_hunspell(left) and self.lexicon.in_hunspell(right)):
                continue
            rarest = min(self.lexicon.zipf(left), self.lexicon.zipf(right))
            if rarest >= SPLIT_MIN_ZIPF and (best is None or rarest + SPLIT_LOGP > best[1]):
                best = (f"{left} {right}", rarest + SPLIT_LOGP)
        return best

    def _choose(self, word: str, sentence_start: bool) -> Choice | None:
        """Best reading of a word the lexicon does not list (or only as an accidental compound)."""
        readings = self._readings(word)
        if not readings and len(word) >= 4:
            split = self._split(word)
            if split is not None:
                return _split_choice(word, split, self.written_prior(word))
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

    def _channel_readings(self, word: str) -> tuple[tuple[str, tuple[Edit, ...]], ...]:
        """The first readings the channel proposes, for checks against document evidence."""
        found = []
        for rank, (logp, edits) in enumerate(self.channel.candidates(word)):
            if rank >= MAX_GENERATED or logp < MIN_LOGP:
                break
            found.append((apply_edits(word, edits), edits))
        return tuple(found)

    def choose_in_document(self, word: str, sentence_start: bool, evidence: DocumentEvidence) -> Choice | None:
        """A reading this document attests elsewhere (pass 1 repairs, words printed with æ/ø/å), or,
        for a word the lexicon knows, a listed reading clearly more likely given the document's loss
        rate for the letter (mal -> mål where å is never printed; never in clean text)."""
        listed = self.prior(word) is not None
        written = evidence.prior(word, self.written_prior(word))
        best: tuple[float, str, tuple[Edit, ...]] | None = None
        for rank, (reading, edits) in enumerate(self.channel_readings(word)[: AMBIGUOUS_MAX_GENERATED if listed else None]):
            key = reading.lower()
            if key not in evidence.counts and (not listed or (key not in self._frequent and rank >= MAX_CHECKED)):
                continue
            logp = self._document_logp(edits, evidence.rates)
            general = self.prior(reading) if logp is not None and _regular_case(reading) else None
            if general is None:
                continue
            score = evidence.prior(reading, general) + logp + evidence.part_boost(reading, edits, self.lexicon.zipf)
            if best is None or score > best[0] + CASE_TIE * (reading[:1].isupper() != sentence_start):
                best = (score, reading, edits)
        if best is None or best[0] - written < AMBIGUOUS_MIN_LOG_ODDS:
            return None
        score, reading, edits = best
        confidence = 1 / (1 + 10 ** (written - score))
        evidence_text = f"document: {evidence.counts.get(reading.lower(), 0)} attested; odds 10^{score - written:.2f}"
        return Choice(reading, edits, _rule(edits), round(confidence, 3), evidence_text)

    def _document_logp(self, edits: tuple[Edit, ...], rate_of: dict[str, float]) -> float | None:
        """log10 P(written | reading) with this document's loss rate per letter; None for other edits."""
        total = 0.0
        for edit in edits:
            letter = edit.meant.lower()
            rate = rate_of.get(letter, 0.0)
            if letter not in DANISH_LETTERS or rate < MIN_DOC_RATE:
                return None
            total += math.log10(rate) + self._shares[(edit.seen.lower(), letter)]
        return total


def _split_choice(word: str, split: tuple[str, float], written: float) -> Choice | None:
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
