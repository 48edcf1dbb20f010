"""Sentences (and bullets) of a stretch of lines, each knowing the lines, words and boxes it came from.

Lines are joined when the text runs on (lower-case start, hyphenation, a line ending in 'og'/'til'/a
comma, a name broken over two lines) and split at bullets, at lines ending in ':' and at sentence ends.
This works the same for OCR'd text with blank lines between paragraphs and for slide text where every
line is followed by a blank one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extract.sections_headings import FUNCTION_WORDS, strip_bullet
from extract.sections_lines import DocLine
from schemas.geometry import BBox
from schemas.provenance import Provenance

_LIST_MARKER = re.compile(r"\d{1,2}(?:\.[a-z])?[.)]\s")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅ|\"”„]|\d)")
_ABBREVIATIONS = frozenset(
    "bl.a ca pct mio mia kr jf fx f.eks evt inkl nr dvs mv osv pr hhv ift ifm m.fl mm adm d st stk tlf min maks "
    "jan feb mar apr jun jul aug sep sept okt nov dec ekskl vedr".split()
)


@dataclass(frozen=True)
class Segment:
    """Characters [start, end) of one line's repaired text, placed at `offset` in the joined text."""

    line: DocLine
    start: int
    end: int
    offset: int


@dataclass
class Sentence:
    text: str
    segments: list[Segment]
    lead_in: str = ""  # the line ending in ':' that introduces a list of bullets; context for cues
    bullet: bool = False
    gap_before: bool = False
    joins_next: bool = field(default=False)  # no paragraph break between this sentence and the next

    @property
    def first(self) -> DocLine:
        return self.segments[0].line

    def provenance(self, doc_id: str) -> list[Provenance]:
        """One entry per page: first line, union of the word boxes, raw text of the covered words."""
        by_page: dict[int, list[Segment]] = {}
        for seg in self.segments:
            by_page.setdefault(seg.line.page_no, []).append(seg)
        return [_page_provenance(doc_id, segs) for segs in by_page.values()]


@dataclass
class _Flow:
    """Lines joined into running text, before it is cut into sentences."""

    segments: list[Segment]
    text: str
    lead_in: str
    bullet: bool
    gap: bool

    def append(self, line: DocLine, start: int, body: str) -> None:
        hyphen = self.text.endswith("-") and body[:1].islower()
        self.text = self.text[:-1] if hyphen else self.text + " "
        self.segments.append(Segment(line, start, start + len(body.rstrip()), len(self.text)))
        self.text += body.rstrip()


def build_sentences(lines: list[DocLine], skip: frozenset[int], content_start: dict[int, int]) -> list[Sentence]:
    """Sentences of the given lines in order; lines in `skip` (headings) break the flow and are left out."""
    flows: list[_Flow] = []
    flow: _Flow | None = None
    gap = True
    for line in lines:
        if line.blank or line.idx in skip or line.looks_like_page_number():
            gap = True
            flow = None if line.idx in skip else flow
            continue
        body, dropped = strip_bullet(line.text[content_start.get(line.idx, 0) :].lstrip(" |"))
        start = len(line.text) - len(body)
        if flow and _joins(flow.text, body, dropped > 0):
            flow.append(line, start, body)
        else:
            lead_in = _lead_in(flow, dropped > 0)
            text = body.rstrip()
            flow = _Flow([Segment(line, start, start + len(text), 0)], text, lead_in, dropped > 0, gap)
            flows.append(flow)
        gap = False
    return [s for f in flows for s in _split_flow(f.segments, f.lead_in, f.bullet, f.gap)]


def _lead_in(previous: _Flow | None, bullet: bool) -> str:
    """A line ending in ':' introduces the bullets below it; a plain paragraph ends the list."""
    if previous is None:
        return ""
    if previous.text.rstrip().endswith(":"):
        return previous.text
    return previous.lead_in if bullet else ""


def _joins(previous: str, current: str, bullet: bool) -> bool:
    """Does `current` continue the sentence `previous` ends with?"""
    if bullet or not current or not previous:
        return False
    previous = previous.rstrip()
    if previous.endswith("-") and current[:1].islower():
        return True
    if previous[-1] in ".!?":
        return current[:1].islower()  # an abbreviation ('70 pct.' + 'af de ...')
    if previous[-1] == ":":
        # 'Sjælland:' + '171, ...' is a label's value on the next line; '1. Oplistning' starts a list
        return current[:1].isdigit() and not _LIST_MARKER.match(current)
    if current[:1].islower() or current[:1].isdigit() or current[:1] in "(%":
        return True
    last_word = previous.split()[-1]
    if previous[-1] == "," or last_word.lower() in FUNCTION_WORDS:
        return True
    return last_word[:1].isupper() and current[:1].isupper() and len(last_word) > 1


def _split_flow(segments: list[Segment], lead_in: str, bullet: bool, gap: bool) -> list[Sentence]:
    text = _flow_text(segments)
    cuts = [0] + [m.end() for m in _SENTENCE_END.finditer(text) if not _after_abbreviation(text, m.start())]
    cuts.append(len(text))
    sentences = []
    for i, (start, end) in enumerate(zip(cuts, cuts[1:], strict=False)):
        piece = text[start:end].strip()
        if not piece:
            continue
        segs = [s for s in segments if s.offset < end and s.offset + (s.end - s.start) > start]
        sentences.append(
            Sentence(
                text=piece,
                segments=[_clip(s, start, end) for s in segs],
                lead_in=lead_in,
                bullet=bullet and i == 0,
                gap_before=gap and i == 0,
                joins_next=i + 2 < len(cuts),
            )
        )
    return sentences


def _flow_text(segments: list[Segment]) -> str:
    text = ""
    for seg in segments:
        piece = seg.line.text[seg.start : seg.end]
        text = text[: seg.offset].ljust(seg.offset) + piece
    return text


def _after_abbreviation(text: str, period_end: int) -> bool:
    word = text[:period_end].rsplit(None, 1)[-1].rstrip(".").lower().strip("(")
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def _clip(seg: Segment, start: int, end: int) -> Segment:
    lo = max(start - seg.offset, 0)
    hi = min(end - seg.offset, seg.end - seg.start)
    return Segment(seg.line, seg.start + lo, seg.start + hi, seg.offset + lo)


def _word_spans(line: DocLine) -> list[tuple[int, int]]:
    """Where each word's repaired text stands in the line's repaired text (words are in order)."""
    spans, cursor = [], 0
    for word in line.line.words:
        at = line.text.find(word.text, cursor)
        at = cursor if at < 0 else at
        spans.append((at, at + len(word.text)))
        cursor = at + len(word.text)
    return spans


def _page_provenance(doc_id: str, segments: list[Segment]) -> Provenance:
    boxes: list[BBox] = []
    raws: list[str] = []
    charspan: tuple[int, int] | None = None
    for seg in segments:
        line = seg.line
        covered = [
            word
            for word, (a, b) in zip(line.line.words, _word_spans(line), strict=True)
            if a < seg.end and b > seg.start
        ]
        boxes += [w.bbox for w in covered if w.bbox]
        if covered:
            raw_span = (covered[0].span[0], covered[-1].span[1])
            raws.append(line.raw[raw_span[0] : raw_span[1]])
            charspan = charspan or raw_span
        else:
            raws.append(line.raw)
    first = segments[0].line
    return Provenance(
        doc_id=doc_id,
        page_no=first.page_no,
        line_no=first.line_no,
        bbox=BBox.enclosing(boxes) or first.line.bbox,
        charspan=charspan,
        raw="\n".join(raws),
        origin=first.origin,
    )
