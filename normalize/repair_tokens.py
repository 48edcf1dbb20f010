"""Repairs of single glyphs that are not word readings: l and I read as "|", "I" or "1".

Words are repaired by the channel and the lexicon (normalize/repair_words.py); these glyphs stand where
no word reading can help: a lone "|" that is the word "I", an "I" inside a lower-case abbreviation
("p/I-23": pris-/lønniveau p/l), a "1" in a token that the same document prints with an l elsewhere.
Each finding is (line, start, end, Edit) in the raw lines.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from normalize.repair_units import PIPE, SENTENCE_END, Token
from schemas.document import Edit

PIPE_CONFIDENCE = 0.9
CASE_CONFIDENCE = 0.9
ATTESTED_CONFIDENCE = 0.85
YEAR_DIGITS = 4
MIN_ATTESTED = 2  # the l-spelling must be printed (or repaired) at least this often in the document
_TOKEN = re.compile(r"\S+")
# a capital I alone between "/" and a lower-case abbreviation piece: p/I, I/s (not A/I, I/S)
_ABBREVIATION_I = re.compile(r"(?<=[a-zæøå]/)I(?![^\W\d_])|(?<![^\W\d_])I(?=/[a-zæøå](?![A-ZÆØÅ]))")
_LONE_ONE = re.compile(r"(?<!\d)1(?!\d)")  # a 1 that is no part of a longer number
_EDGE_PUNCT = "()[]{}.,;:!?\"'’”“"
Finding = tuple[int, int, int, Edit]


def pipe_edits(lines: list[str], pipes: list[Token], listed: Callable[[str], bool]) -> list[Finding]:
    """A lone "|" is a capital I before a lower-case listed word ("| den sammenhæng"); at a sentence
    start also before a year ("| 2024") or, in a line with no other rule, a capitalised word
    ("regionen. | Sjælland er"). Elsewhere it is a table or chart rule."""
    found = []
    for pipe in pipes:
        line = lines[pipe.line]
        before, after = line[: pipe.start].split(), line[pipe.end :].split()
        if not after:
            continue
        following = after[0]
        at_start = not before or before[-1].endswith(SENTENCE_END)
        word_follows = len(following) >= 2 and following.isalpha() and following.islower()
        year_follows = at_start and following.isdigit() and len(following) == YEAR_DIGITS
        name_follows = (at_start and line.count(PIPE) == 1 and len(following) >= 2
                        and following.isalpha() and following[:1].isupper() and following[1:].islower())
        if word_follows and listed(following):
            evidence = "followed by a listed word"
        elif year_follows:
            evidence = "followed by a year at a sentence start"
        elif name_follows:
            evidence = "followed by a capitalised word at a sentence start, no other rule in the line"
        else:
            continue
        edit = Edit(before=PIPE, after="I", rule="pipe:I<-|", confidence=PIPE_CONFIDENCE, evidence=evidence)
        found.append((pipe.line, pipe.start, pipe.end, edit))
    return found


def abbreviation_edits(lines: list[str]) -> list[Finding]:
    """An "I" joined by a slash to a lower-case letter ("p/I-23") is an l: an abbreviation keeps one
    case, and l/I is the engine's most common confusion."""
    found = []
    for n, line in enumerate(lines):
        for match in _ABBREVIATION_I.finditer(line):
            edit = Edit(before="I", after="l", rule="case:l<-I", confidence=CASE_CONFIDENCE,
                        evidence="capital I in a lower-case abbreviation")
            found.append((n, match.start(), match.end(), edit))
    return found


def attested_edits(lines: list[str], repaired: list[str]) -> list[Finding]:
    """A token with a lone 1 among letters ("p/1-23") that the document prints, or was repaired to,
    with an l in its place at least MIN_ATTESTED times ("p/l-23")."""
    printed = Counter(_core(m.group()) for line in repaired for m in _TOKEN.finditer(line))
    found = []
    for n, line in enumerate(lines):
        for token in _TOKEN.finditer(line):
            text = token.group()
            if not any(c.isalpha() for c in text) or not _LONE_ONE.search(text):
                continue
            variant = _LONE_ONE.sub("l", text)
            count = printed[_core(variant)]
            if count < MIN_ATTESTED:
                continue
            for one in _LONE_ONE.finditer(text):
                edit = Edit(before="1", after="l", rule="document:l<-1", confidence=ATTESTED_CONFIDENCE,
                            evidence=f"the document prints '{_core(variant)}' {count} times")
                found.append((n, token.start() + one.start(), token.start() + one.end(), edit))
    return found


def _core(token: str) -> str:
    return token.strip(_EDGE_PUNCT)
