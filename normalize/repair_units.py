"""Finding the repairable units of a document's lines: the words inside whitespace tokens.

spaCy's blank Danish tokenizer peels punctuation and knows URLs, e-mail addresses and abbreviations;
units are then the alphabetic pieces between hyphens and slashes. Tokens with digits (numbers, dates,
case numbers) and anything else that is not a plain word are never units; the one exception is a word
whose only digits are zeros among two or more letters ("l0bende": an engine's 0 for ø or o). A word
broken by a hyphen at the end of a line is one unit made of two parts.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import spacy

_TOKEN = re.compile(r"\S+")
_PIECE = re.compile(r"[^-/]+")
_GLYPH_WORD = re.compile(r"(?:[^\W\d_]|[@|])+")
_ZERO_WORDS = re.compile(r"((?=\S*0)(?:[^\W1-9_]+[-/])*[^\W1-9_]+-?)[,;:!?)”\"’.]*")  # st0t, a/0vrige
_PLAIN = re.compile(r"([^\W\d_]+)[,;:!?)”\"’]*")
_RESIDUE = re.compile(r"[-—–_=]{2}|(.)\1\1")  # rules drawn with dashes, or a glyph three times
SENTENCE_END = (".", "!", "?", ":")
PIPE = "|"


@dataclass(frozen=True)
class Unit:
    """One word to repair; parts are (line index, start, end) in the raw lines, usually just one."""

    parts: tuple[tuple[int, int, int], ...]
    text: str
    sentence_start: bool
    broken: bool = False  # first half of a word hyphenated at a line end whose rest was not found


@dataclass(frozen=True)
class Token:
    line: int
    start: int
    end: int
    text: str


class UnitFinder:
    def __init__(self, known: Callable[[str], bool]) -> None:
        self._nlp = spacy.blank("da")
        self._known = known
        self.pieces = lru_cache(maxsize=None)(self._pieces)

    def _pieces(self, token: str) -> tuple[tuple[int, int], ...]:
        """(start, end) of the word pieces of one whitespace token; none in chart residue ("m———ssm")."""
        if _RESIDUE.search(token):
            return ()
        plain = _PLAIN.fullmatch(token)
        if plain:  # most tokens: a word with closing punctuation, no need for the tokenizer
            return ((0, plain.end(1)),)
        zeros = _ZERO_WORDS.fullmatch(token)
        if zeros:  # words with an engine's 0 for ø; the tokenizer would split them as numbers
            return tuple(m.span() for m in _PIECE.finditer(zeros.group(1))
                         if sum(c.isalpha() for c in m.group()) >= (2 if "0" in m.group() else 1))
        found = []
        for sub in self._nlp.tokenizer(token):
            text = sub.text
            address = sub.like_url or sub.like_email
            if address or sub.is_punct or "." in text or any(c.isdigit() for c in text):
                continue
            for match in _PIECE.finditer(text):
                piece = match.group()
                if _GLYPH_WORD.fullmatch(piece) and any(c.isalpha() for c in piece):
                    found.append((sub.idx + match.start(), sub.idx + match.end()))
        return tuple(found)

    def _continues(self, text: str) -> bool:
        """A lower-case piece that is no word of its own finishes a word hyphenated at the line end;
        a listed word follows a suspended hyphen ("miljø- og klima")."""
        return text[:1].islower() and not self._known(text)

    def units(self, lines: list[str]) -> tuple[list[Unit], list[Token]]:
        """The document's units in reading order, and its lone "|" tokens (maybe a misread I)."""
        tokens = [Token(i, m.start(), m.end(), m.group())
                  for i, line in enumerate(lines) for m in _TOKEN.finditer(line)]
        units: list[Unit] = []
        pipes = [t for t in tokens if t.text == PIPE]
        carry: tuple[int, int, int, str] | None = None  # first half of a word hyphenated at a line end
        for k, token in enumerate(tokens):
            sentence_start = k == 0 or _ends_sentence(tokens[k - 1])
            pieces = [(token.start + s, token.start + e) for s, e in self.pieces(token.text)]
            for n, (start, end) in enumerate(pieces):
                text = lines[token.line][start:end]
                if carry is not None and n == 0 and carry[0] == token.line - 1 and self._continues(text):
                    line0, s0, e0, text0 = carry
                    units.append(Unit(((line0, s0, e0), (token.line, start, end)), text0 + text, False))
                    carry = None
                    continue
                if carry is not None:
                    units.append(Unit(((carry[0], carry[1], carry[2]),), carry[3], False, broken=True))
                    carry = None
                if n == len(pieces) - 1 and _hyphenated_at_line_end(lines[token.line], token, end):
                    carry = (token.line, start, end, text)
                    continue
                units.append(Unit(((token.line, start, end),), text, sentence_start and n == 0))
        if carry is not None:
            units.append(Unit(((carry[0], carry[1], carry[2]),), carry[3], False, broken=True))
        return units, pipes


def _hyphenated_at_line_end(line: str, token: Token, piece_end: int) -> bool:
    return token.end == len(line.rstrip()) and token.text.endswith("-") and piece_end == token.end - 1


def _ends_sentence(previous: Token) -> bool:
    return previous.text.endswith(SENTENCE_END) or previous.text in ("-", "–", "•")
