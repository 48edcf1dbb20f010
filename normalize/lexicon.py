"""Danish lexicon: hunspell-da (through pyenchant) and wordfreq frequencies; compounds known from parts.

Hunspell lists inflected forms but misses most of Danish's open-ended compounds
("erhvervsfremmeindsatsen"), so a word it rejects is still known when it splits into known parts,
allowing the linking letters s and e between them. Everything is cached per distinct string:
text is Zipfian, so a page asks about few distinct words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache, lru_cache
from pathlib import Path

import enchant
import wordfreq

DIC_PATHS = (Path("/usr/share/hunspell/da_DK.dic"), Path("/usr/share/myspell/da_DK.dic"))

LANG = "da"
HUNSPELL_TAG = "da_DK"
STEM_PREFIX = 5
MIN_PART = 3  # shorter compound parts ("i", "på", "af") would let almost any garble split
LINKERS = ("s", "e")
_LETTERS = re.compile(r"[^\W\d_]+")


class Lexicon:
    """Danish word knowledge; every method is cached per distinct argument."""

    def __init__(self, tag: str = HUNSPELL_TAG) -> None:
        self._dict = enchant.Dict(tag)
        # per-instance caches: the bound methods are wrapped once here
        self.in_hunspell = lru_cache(maxsize=None)(self._in_hunspell)
        self.zipf = lru_cache(maxsize=None)(self._zipf)
        self.compound_split = lru_cache(maxsize=None)(self._compound_split)
        self.common_compound_split = lru_cache(maxsize=None)(self._common_compound_split)
        self.known = lru_cache(maxsize=None)(self._known)
        self._frequent = wordfreq.get_frequency_dict(LANG)
        self._stem_starts = _stem_starts()

    def may_be_word(self, word: str) -> bool:
        """A cheap necessary test before hunspell: some dictionary stem begins the word (Danish
        inflects and compounds at the end). True when the dictionary file cannot be read."""
        if self._stem_starts is None:
            return True
        lower = word.lower()
        return any(lower[:n] in self._stem_starts for n in range(MIN_PART, STEM_PREFIX + 1))

    def _in_hunspell(self, word: str) -> bool:
        """Hunspell accepts the word (it accepts Capitalised and UPPER forms of listed words itself)."""
        return bool(word) and self._dict.check(word)

    def _zipf(self, word: str) -> float:
        """wordfreq's Zipf frequency (0 = unseen, 7 = 'i'); the list also holds ASCII-fied forms ('pa')."""
        return wordfreq.zipf_frequency(word, LANG)

    def _compound_split(self, word: str) -> tuple[str, ...] | None:
        """Split a lower-case word into hunspell-known parts (linkers stay on the left), longest head
        first."""
        if len(word) < 2 * MIN_PART:
            return None
        for cut in range(len(word) - MIN_PART, MIN_PART - 1, -1):
            head, tail = word[:cut], word[cut:]
            if not self._known_head(head):
                continue
            rest = (tail,) if self.in_hunspell(tail) else self.compound_split(tail)
            if rest:
                return (head, *rest)
        return None

    def _common_compound_split(self, word: str) -> tuple[str, str] | None:
        """A cheaper split for scoring many candidate spellings: a known head plus a tail among
        wordfreq's common words (most compounds end in one), longest head first."""
        for cut in range(len(word) - MIN_PART, MIN_PART - 1, -1):
            head, tail = word[:cut], word[cut:]
            if tail in self._frequent and self._known_head(head):
                return head, tail
        return None

    def _known_head(self, head: str) -> bool:
        if not self.may_be_word(head):
            return False
        if self.in_hunspell(head):
            return True
        stem = head[:-1]
        return head[-1] in LINKERS and len(stem) >= MIN_PART and self.in_hunspell(stem)

    def _known(self, word: str) -> bool:
        """Hunspell accepts the word, or it is a compound of known parts."""
        if self.in_hunspell(word):
            return True
        return word.isalpha() and self.compound_split(word.lower()) is not None


def _stem_starts() -> set[str] | None:
    """The first letters (up to STEM_PREFIX) of every stem in hunspell's Danish word list."""
    for path in DIC_PATHS:
        if path.exists():
            with path.open(encoding="utf-8", errors="replace") as dic:
                next(dic)  # the entry count
                return {line.split("/", 1)[0].strip().lower()[:STEM_PREFIX] for line in dic}
    return None


@cache
def get_lexicon() -> Lexicon:
    """The process-wide lexicon (hunspell loads once)."""
    return Lexicon()


def letter_runs(word: str) -> list[str]:
    """The alphabetic runs of a whitespace token: 'SMV:Grgn' -> ['SMV', 'Grgn'], '2024' -> []."""
    return _LETTERS.findall(word)


def text_quality(words: Iterable[str]) -> float | None:
    """Share (0-1) of alphabetic word tokens of 2+ letters the lexicon accepts; None when there are none."""
    lexicon = get_lexicon()
    total = accepted = 0
    for word in words:
        for run in letter_runs(word):
            if len(run) < 2:
                continue
            total += 1
            accepted += lexicon.known(run)
    return accepted / total if total else None
