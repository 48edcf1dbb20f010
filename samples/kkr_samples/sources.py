"""Source texts for the samples: seed OCR lines, hand-corrected gold lines, and machine repair.

Every sample line keeps its seed line number, so a typeset line can always be traced back to
``seeds/000_b927a9b7bf6e6fb7.txt`` (1-based line numbers, as in the gold files' names).
"""

from __future__ import annotations

import csv
import hashlib
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

SEED000 = "seeds/000_b927a9b7bf6e6fb7.txt"
SEED004 = "seeds/004_30143862525ec777.txt"
GOLD_SPANS = (("gold/ocr/seed000_0001-0680.gold.txt", 1), ("gold/ocr/seed000_1350-2963.gold.txt", 1350))


def default_shared(repo: Path) -> Path:
    return Path(os.environ.get("KKR_SHARED", repo.parent / "shared"))


def read_lines(path: Path) -> list[str]:
    """Lines of a UTF-8 text file, without line ends (a final newline does not add an empty line)."""
    text = path.read_text(encoding="utf-8")
    if text.endswith("\n"):
        text = text[:-1]
    return text.split("\n")


@dataclass(frozen=True)
class SourceLine:
    """One seed line as used in a sample: ``text`` is what gets typeset, ``raw`` is the seed OCR."""

    no: int
    raw: str
    text: str
    origin: str  # "gold" (hand-corrected), "repair" (normalize.repair), or "raw" (seed as is)


class Sources:
    """Read-only access to ../shared: seeds, gold lines and gold records."""

    def __init__(self, shared: Path):
        self.shared = shared
        self.seed000 = read_lines(shared / SEED000)
        self.seed004 = read_lines(shared / SEED004)
        self.gold: dict[int, str] = {}
        for name, first in GOLD_SPANS:
            for i, line in enumerate(read_lines(shared / name)):
                self.gold[first + i] = line

    def raw(self, no: int) -> str:
        return self.seed000[no - 1]

    def gold_text(self, first: int, last: int) -> list[str]:
        return [self.gold[n] for n in range(first, last + 1)]

    def records_csv(self, name: str) -> list[dict[str, str]]:
        with open(self.shared / "gold" / "records" / name, encoding="utf-8", newline="") as fh:
            return list(csv.DictReader(fh))

    def lines(self, first: int, last: int, repairer: "LineRepairer") -> list[SourceLine]:
        """Seed lines first..last: gold where it exists, else repaired (or raw) seed text."""
        out = []
        todo = [n for n in range(first, last + 1) if n not in self.gold]
        fixed = repairer.repair(todo, self.seed000)
        for n in range(first, last + 1):
            if n in self.gold:
                out.append(SourceLine(n, self.raw(n), self.gold[n], "gold"))
            else:
                out.append(SourceLine(n, self.raw(n), fixed[n], repairer.origin))
        return out


def _code_hash(cls) -> str:
    """Short hash of the normalize package's sources, to tell which repair code made the lines."""
    folder = Path(sys.modules[cls.__module__].__file__).parent
    digest = hashlib.sha256()
    for path in sorted(folder.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


class LineRepairer:
    """Adapter around ``normalize.repair.Repairer``; falls back to the raw line until it is importable."""

    def __init__(self, use_repair: bool = True):
        self.impl = None
        self._cache: dict[int, list[str]] = {}
        self.origin = "raw"
        self.note = "normalize.repair not used"
        if not use_repair:
            return
        try:
            from normalize.repair import Repairer  # noqa: PLC0415 - optional, written by another engineer
        except ImportError as exc:
            self.note = f"normalize.repair not importable ({exc}); raw seed lines used"
            return
        self.impl = Repairer()
        self.origin = "repair"
        self.note = f"normalize.repair.Repairer (normalize/*.py sha256 {_code_hash(Repairer)})"

    def repair(self, nos: list[int], document: list[str]) -> dict[int, str]:
        """Repaired text of lines ``nos`` (1-based) of ``document``, which is repaired as a whole
        (normalize.repair estimates per document how often the OCR lost å/æ/ø)."""
        if self.impl is None:
            return {n: document[n - 1] for n in nos}
        key = id(document)
        if key not in self._cache:
            self._cache[key] = [r.text for r in self.impl.repair_lines(list(document))]
        fixed = self._cache[key]
        return {n: fixed[n - 1] for n in nos}


class FrozenRepairer(LineRepairer):
    """Replays the line texts recorded in a previous build (samples/truth/*.lines.tsv), by line number."""

    def __init__(self, recorded: dict[int, tuple[str, str]]):
        super().__init__(use_repair=False)
        self.recorded = recorded
        origins = {origin for _, origin in recorded.values() if origin != "gold"}
        self.origin = origins.pop() if len(origins) == 1 else "raw"
        self.note = "replayed from recorded line texts"

    def repair(self, nos: list[int], document: list[str]) -> dict[int, str]:
        return {n: self.recorded[n][0] if n in self.recorded else document[n - 1] for n in nos}


# ---------------------------------------------------------------- simple structure helpers

BULLET_RE = re.compile(r"^(e|o|-|—|¢|«|»|•)\s+(?=\S)")


def split_blocks(lines: list[SourceLine]) -> list[list[SourceLine]]:
    """Paragraph blocks: runs of non-blank lines separated by blank lines."""
    blocks: list[list[SourceLine]] = []
    cur: list[SourceLine] = []
    for line in lines:
        if line.text.strip():
            cur.append(line)
        elif cur:
            blocks.append(cur)
            cur = []
    if cur:
        blocks.append(cur)
    return blocks
