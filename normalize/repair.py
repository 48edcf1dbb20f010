"""Repair of Danish text read by OCR engines that lacked Danish letters (målopfyldelse -> malopfyldelse).

A document is repaired as a whole. First, words the lexicon does not know get their most probable
channel reading (normalize/repair_words.py). Those repairs tell how often this document loses å, æ and
ø and which spellings it uses; in a few rounds the remaining words are decided with that evidence, and a
known word is replaced by another known word only at clear odds (mal -> mål in a document that never
prints å; never in clean text). Every change is an `Edit`; layout is kept, only changed words are
substituted.
"""

from __future__ import annotations

import bisect
import gc
import math
from collections import Counter
from dataclasses import dataclass, field

from normalize.lexicon import Lexicon, get_lexicon
from normalize.repair_channel import DANISH_LETTERS, Channel
from normalize.repair_tokens import abbreviation_edits, attested_edits, pipe_edits
from normalize.repair_units import Unit, UnitFinder
from normalize.repair_words import MIN_DOC_RATE, Choice, DocumentEvidence, WordModel
from schemas.document import Document, Edit, Line, Page

REPAIRED_SOURCES = frozenset({"ocr", "text_file"})
MAX_ROUNDS = 3
CAPITALS_SHARE = 0.6
RATE_PRIOR = (0.5, 4.5)  # pseudo-counts (lost, printed): a document prints its letters until shown otherwise
SHARE_PRIOR = 20  # pseudo-count of the channel's own mix of forms per lost letter


@dataclass
class LineRepair:
    """A repaired line and its edits as (start, end) in the raw line."""

    text: str
    edits: list[tuple[int, int, Edit]] = field(default_factory=list)


class Repairer:
    """Loads the lexicon, channel and tokenizer once; decisions are cached per distinct word."""

    def __init__(self, lexicon: Lexicon | None = None) -> None:
        self.lexicon = lexicon or get_lexicon()
        self.model = WordModel(self.lexicon, Channel())
        self.finder = UnitFinder(self.lexicon.in_hunspell)
        _settle_long_lived()

    def repair_lines(self, lines: list[str]) -> list[LineRepair]:
        """Repair one document given as its lines; returns one LineRepair per line."""
        units, pipes = self.finder.units(lines)
        capitals = [_mostly_capitals(line) for line in lines]
        units = [u for u in units if self._repairable(u.text, capitals[u.parts[0][0]]) and not u.broken]
        choices: dict[Unit, Choice] = {}
        pending = []
        for unit in units:
            known = self.model.prior(unit.text) is not None
            choice = None if known else self.model.choose(unit.text, unit.sentence_start)
            if choice is None:
                pending.append(unit)
            else:
                choices[unit] = choice
        self._resolve_in_document(lines, units, pending, choices)
        _case_from_document(lines, units, choices)
        edits: list[list[tuple[int, int, Edit]]] = [[] for _ in lines]
        for unit, choice in choices.items():
            for line, start, end, edit in _unit_edits(unit, choice):
                edits[line].append((start, end, edit))
        for line, start, end, edit in pipe_edits(lines, pipes, self.lexicon.in_hunspell) + abbreviation_edits(lines):
            edits[line].append((start, end, edit))
        for line_edits in edits:
            line_edits.sort(key=lambda e: e[0])
        repaired = [_apply(raw, line_edits) for raw, line_edits in zip(lines, edits, strict=True)]
        for line, start, end, edit in attested_edits(lines, repaired):  # needs the repaired text
            if not any(s < end and start < e for s, e, _ in edits[line]):
                bisect.insort(edits[line], (start, end, edit), key=lambda e: e[0])
                repaired[line] = _apply(lines[line], edits[line])
        return [LineRepair(text, line_edits) for text, line_edits in zip(repaired, edits, strict=True)]

    def _resolve_in_document(self, lines: list[str], units: list[Unit], pending: list[Unit],
                             choices: dict[Unit, Choice]) -> None:
        """Decide the remaining words from what the document attests; confident decisions become
        evidence for the next round ("målopfyldelse" settles "Målet"), until nothing changes."""
        printed: Counter[str] = Counter()  # known words printed with a Danish letter, per distinct word
        for word, n in Counter(u.text for u in units).items():
            if any(c in DANISH_LETTERS for c in word.lower()) and self.model.prior(word) is not None:
                printed[word.lower()] += n
        text = "\n".join(lines).lower()
        intact = Counter({x: text.count(x) for x in DANISH_LETTERS})
        for _ in range(MAX_ROUNDS):
            evidence = self._evidence(printed, intact, len(units), choices)
            if max(evidence.rates.values()) < MIN_DOC_RATE:
                return
            decided = {}
            memo: dict[tuple[str, bool], Choice | None] = {}
            for unit in pending:
                key = (unit.text, unit.sentence_start)
                if key not in memo:
                    memo[key] = self.model.choose_in_document(unit.text, unit.sentence_start, evidence)
                if memo[key] is not None:
                    decided[unit] = memo[key]
            choices.update(decided)
            pending = [u for u in pending if u not in decided]
            if not decided:
                return

    def _repairable(self, word: str, capitals_line: bool) -> bool:
        """Single letters are too ambiguous. ALL-CAPS words in ordinary text are abbreviations (SEL,
        STAR); only in a line set in capitals (a heading: MÅLOPFYLDELSE) are they words."""
        return len(word) >= 2 and (capitals_line or not word.isupper())

    def _evidence(self, printed: Counter[str], intact: Counter[str], total: int,
                  choices: dict[Unit, Choice]) -> DocumentEvidence:
        """Spellings the document attests unambiguously (repairs of non-words, known words printed with
        a Danish letter: `printed`) and, per Danish letter, the share of its occurrences the document
        lost (`intact` counts those it printed)."""
        counts = Counter(choice.after.lower() for choice in choices.values())
        counts.update(printed)
        parts: Counter[str] = Counter()
        for word, n in counts.items():
            for part in self.model.attested_parts(word):
                parts[part] += n
        lost = Counter(e.meant.lower() for c in choices.values() for e in c.edits)
        rates = {
            x: (lost[x] + RATE_PRIOR[0]) / (lost[x] + intact[x] + sum(RATE_PRIOR)) for x in DANISH_LETTERS
        }
        forms = Counter((e.seen.lower(), e.meant.lower()) for c in choices.values() for e in c.edits)
        shares = {  # the channel's mix of forms per letter, moved toward the forms this document uses
            (seen, meant): math.log10((forms[(seen, meant)] + SHARE_PRIOR * 10**share) / (lost[meant] + SHARE_PRIOR))
            for (seen, meant), share in self.model.shares.items()
        }
        return DocumentEvidence(dict(counts), dict(parts), total, rates, shares)


def _settle_long_lived() -> None:
    """Move what exists once the repairer is loaded (lexicon, wordfreq, spaCy and hunspell tables) out
    of the cyclic collector's reach: they live as long as the process, and re-scanning their ~200,000
    objects took 10-25% of repair time. Garbage cycles are collected first (frozen ones never would be)."""
    gc.collect()
    gc.freeze()


def _case_from_document(lines: list[str], units: list[Unit], choices: dict[Unit, Choice]) -> None:
    """A reading whose first letter comes from a caseless glyph (@vrige, |nddragende) takes the case
    the document prints the word in after the same word elsewhere ("Borgmestre Dvrige" makes
    "Borgmestre @vrige" Øvrige), when that evidence leans one way."""
    def key(unit: Unit, text: str) -> tuple[str, str]:
        line, start, _ = unit.parts[0]
        before = lines[line][:start].split()
        return (before[-1].lower() if before else "", text.lower())

    printed: Counter[tuple[tuple[str, str], bool]] = Counter()
    for unit in units:
        choice = choices.get(unit)
        text = choice.after if choice is not None else unit.text
        if (choice is None or not _caseless_start(choice)) and text[:1].isalpha():
            printed[(key(unit, text), text[:1].isupper())] += 1
    for unit, choice in list(choices.items()):
        if not _caseless_start(choice):
            continue
        upper, lower = printed[(key(unit, choice.after), True)], printed[(key(unit, choice.after), False)]
        if upper != lower and (upper > lower) != choice.after[:1].isupper():
            first = choice.edits[0]
            meant = first.meant.upper() if upper > lower else first.meant.lower()
            edits = (first._replace(meant=meant), *choice.edits[1:])
            choices[unit] = choice._replace(after=meant + choice.after[1:], edits=edits)


def _caseless_start(choice: Choice) -> bool:
    """The reading's first letter replaces a glyph that has no case (@ for ø/Ø, | for i/I)."""
    first = choice.edits[0] if choice.edits else None
    return first is not None and first.start == 0 and first.seen.upper() == first.seen.lower() \
        and first.meant[:1].isalpha()


def _mostly_capitals(line: str) -> bool:
    """A heading set in capitals: two or more words, most letters upper-case ("SEL § 107" is not)."""
    letters = [c for c in line if c.isalpha()]
    words = [w for w in line.split() if any(c.isalpha() for c in w)]
    return len(words) >= 2 and sum(c.isupper() for c in letters) >= CAPITALS_SHARE * len(letters)


def _unit_edits(unit: Unit, choice: Choice) -> list[tuple[int, int, int, Edit]]:
    """Edits per raw part of the unit; a repair that crosses a line-end hyphen is dropped."""
    found = []
    offset = 0
    for line, start, end in unit.parts:
        length = end - start
        if any(e.start < offset + length < e.end for e in choice.edits):
            return []
        inside = [e for e in choice.edits if offset <= e.start < offset + length]
        if inside:
            before = unit.text[offset : offset + length]
            after = _apply_word(before, [(e.start - offset, e.end - offset, e.meant) for e in inside])
            edit = Edit(before=before, after=after, rule=choice.rule, confidence=choice.confidence,
                        evidence=choice.evidence)
            found.append((line, start, end, edit))
        offset += length
    return found


def _apply_word(word: str, changes: list[tuple[int, int, str]]) -> str:
    for start, end, meant in sorted(changes, reverse=True):
        word = word[:start] + meant + word[end:]
    return word


def _apply(raw: str, edits: list[tuple[int, int, Edit]]) -> str:
    out, pos = [], 0
    for start, end, edit in edits:
        out.append(raw[pos:start])
        out.append(edit.after)
        pos = end
    out.append(raw[pos:])
    return "".join(out)


def repair_text(text: str, repairer: Repairer) -> str:
    """Repair a whole text file's content line for line (line breaks and a final newline kept)."""
    lines = text.split("\n")
    return "\n".join(r.text for r in repairer.repair_lines(lines))


def needs_repair(page: Page) -> bool:
    """OCR and text-file pages, and PDF text layers that read like OCR; never a good born-digital layer."""
    return page.text_source in REPAIRED_SOURCES or page.bad_text_layer


def repair_document(doc: Document, repairer: Repairer) -> Document:
    """A copy of the document whose OCR/text-file pages (and bad OCR text layers) carry repaired text."""
    targets = [(p, page) for p, page in enumerate(doc.pages) if needs_repair(page)]
    lines = [line.raw for _, page in targets for line in page.lines]
    repairs = iter(repairer.repair_lines(lines))
    pages = list(doc.pages)
    for p, page in targets:
        new_lines = [_repaired_line(line, next(repairs)) for line in page.lines]
        pages[p] = page.model_copy(update={"lines": new_lines})
    return doc.model_copy(update={"pages": pages})


def _repaired_line(line: Line, repair: LineRepair) -> Line:
    words = []
    for word in line.words:
        mine = [(s, e, edit) for s, e, edit in repair.edits if word.span[0] <= s and e <= word.span[1]]
        if not mine:
            words.append(word)
            continue
        text = _apply(word.raw, [(s - word.span[0], e - word.span[0], edit) for s, e, edit in mine])
        edits = [*word.edits, *(edit for _, _, edit in mine)]
        words.append(word.model_copy(update={"text": text, "edits": edits}))
    return line.model_copy(update={"text": repair.text, "words": words})
