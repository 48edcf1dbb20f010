"""`kkr bench repair`: OCR repair of Danish against the hand-corrected gold of seed 000.

For each gold part the seed's line range is repaired as one document and scored the way
../shared/tools/score_repair.py scores it (word and character error rates, fixed / untouched /
changed-but-wrong, damage to words that were right); the tool itself is run on the same files as a
cross-check. Speed is words per CPU-second on one core after loading, the best and the median of five
fresh repairers (so caches start cold; shared machines drift by up to 2x between runs); start-up is
the wall time of a new process importing and loading the repairer.
"""

from __future__ import annotations

import random
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz.distance import Levenshtein
from rich.console import Console
from rich.table import Table

from normalize.lexicon import Lexicon
from normalize.repair import Repairer

SEED = ("seeds", "000_b927a9b7bf6e6fb7.txt")
SLIDES = ("seeds", "004_30143862525ec777.txt")
PARTS = (("seed000_0001-0680", 1, 680), ("seed000_1350-2963", 1350, 2963))
SPEED_REPEATS = 5
STARTUP_CODE = (
    "import time; t = time.perf_counter(); from normalize.repair import Repairer; Repairer(); "
    "print(time.perf_counter() - t)"
)
# Another engine's habits, for damage generated on clean text: where seed 000's engine mostly wrote
# g/@ for ø and ee/ae for æ, this one writes o/0/e, ae/a and a/aa (share of each form per letter).
OTHER_ENGINE = {
    "ø": (("o", 0.5), ("0", 0.4), ("e", 0.1)), "Ø": (("O", 0.6), ("0", 0.4)),
    "æ": (("ae", 0.7), ("a", 0.3)), "Æ": (("Ae", 1.0),),
    "å": (("a", 0.9), ("aa", 0.1)), "Å": (("A", 0.8), ("Aa", 0.2)),
}
OTHER_ENGINE_SEED = 7
console = Console(width=140)


@dataclass
class Score:
    gold_words: int = 0
    gold_chars: int = 0
    word_errors_before: int = 0
    word_errors_after: int = 0
    char_errors_before: int = 0
    char_errors_after: int = 0
    fixed: int = 0
    untouched: int = 0
    changed_wrong: int = 0
    right_in_input: int = 0
    damaged: int = 0

    def add(self, other: Score) -> None:
        for name in vars(self):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def figures(self) -> dict[str, float]:
        wer_before = self.word_errors_before / self.gold_words
        wer_after = self.word_errors_after / self.gold_words
        return {
            "wer_before": wer_before,
            "wer_after": wer_after,
            "reduction": 1 - wer_after / wer_before if wer_before else 0.0,
            "cer_before": self.char_errors_before / self.gold_chars,
            "cer_after": self.char_errors_after / self.gold_chars,
            "fixed": self.fixed,
            "untouched": self.untouched,
            "changed_wrong": self.changed_wrong,
            "damaged": self.damaged,
            "damage_rate": self.damaged / max(self.right_in_input, 1),
        }


def score(inputs: list[str], gold: list[str], output: list[str], noise: set[int]) -> Score:
    """score_repair.py's measures; `noise` holds 0-based indices of lines to skip."""
    result = Score()
    for i, (raw, right, repaired) in enumerate(zip(inputs, gold, output, strict=True)):
        if i in noise:
            continue
        words_in, words_gold, words_out = raw.split(), right.split(), repaired.split()
        result.gold_words += len(words_gold)
        result.word_errors_before += Levenshtein.distance(words_in, words_gold)
        result.word_errors_after += Levenshtein.distance(words_out, words_gold)
        result.gold_chars += len(right)
        result.char_errors_before += Levenshtein.distance(raw, right)
        result.char_errors_after += Levenshtein.distance(repaired, right)
        if len(words_in) == len(words_gold) == len(words_out):
            _count_words(result, words_in, words_gold, words_out)
    return result


def _count_words(result: Score, words_in: list[str], words_gold: list[str], words_out: list[str]) -> None:
    for x, y, z in zip(words_in, words_gold, words_out, strict=True):
        if x == y:
            result.right_in_input += 1
            result.damaged += z != y
        elif z == y:
            result.fixed += 1
        elif z == x:
            result.untouched += 1
        else:
            result.changed_wrong += 1


def damaged_by_other_engine(lines: list[str], seed: int = OTHER_ENGINE_SEED) -> list[str]:
    """Clean lines as OTHER_ENGINE would have read them (seeded, so every run damages alike)."""
    draw = random.Random(seed)

    def misread(letter: str) -> str:
        forms = OTHER_ENGINE.get(letter)
        if forms is None:
            return letter
        return draw.choices([form for form, _ in forms], weights=[share for _, share in forms])[0]

    return ["".join(misread(c) for c in line) for line in lines]


def other_engine_scores(repairer: Repairer, texts: dict[str, list[str]]) -> dict[str, dict[str, float]]:
    """Figures for clean texts damaged by OTHER_ENGINE and repaired, per text."""
    scores = {}
    for name, clean in texts.items():
        damaged = damaged_by_other_engine(clean)
        repaired = [r.text for r in repairer.repair_lines(damaged)]
        scores[name] = score(damaged, clean, repaired, set()).figures()
    return scores


def _read_lines(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").split("\n")
    return lines[:-1] if lines and lines[-1] == "" else lines


def _words_per_second(documents: list[list[str]], warm_with: list[list[str]] = ()) -> tuple[float, float]:
    """(best, median) of SPEED_REPEATS, each with its own repairer: cold, or first warmed on other
    documents (`warm_with`), as a batch worker's shared repairer is after its first packets."""
    words = sum(len(line.split()) for lines in documents for line in lines)
    times = []
    for _ in range(SPEED_REPEATS):
        repairer = Repairer(Lexicon())  # own caches, so every repeat starts cold ...
        for lines in warm_with:  # ... or warmed, as the pipeline's one repairer per worker process is
            repairer.repair_lines(lines)
        started = time.process_time()
        for lines in documents:
            repairer.repair_lines(lines)
        times.append(time.process_time() - started)
    return words / min(times), words / statistics.median(times)


def _startup_seconds() -> float:
    repo = Path(__file__).resolve().parents[2]
    command = [sys.executable, "-c", STARTUP_CODE]
    done = subprocess.run(command, cwd=repo, capture_output=True, text=True, check=True)
    return float(done.stdout.strip())


def _cross_check(tool: Path, files: tuple[Path, Path, Path], noise: Path, offset: int) -> list[str]:
    args = [sys.executable, str(tool), *map(str, files), "--noise", str(noise), "--offset", str(offset)]
    done = subprocess.run(args, capture_output=True, text=True, check=False)
    return [line for line in done.stdout.splitlines() if line.startswith(("WER", "aligned", "result"))]


def run(shared: Path) -> dict:
    """Repair both gold parts, print the figures per part and in total, and return them."""
    seed = _read_lines(shared.joinpath(*SEED))
    repairer = Repairer()
    total, figures, documents, checks = Score(), {}, [], {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, first, last in PARTS:
            inputs = seed[first - 1 : last]
            gold_path = shared / "gold" / "ocr" / f"{name}.gold.txt"
            noise_path = shared / "gold" / "ocr" / f"{name}.noise.txt"
            noise = {int(n) - first for n in noise_path.read_text().split()}
            output = [r.text for r in repairer.repair_lines(inputs)]
            part = score(inputs, _read_lines(gold_path), output, noise)
            total.add(part)
            figures[name] = part.figures()
            documents.append(inputs)
            files = (Path(tmp) / f"{name}.in.txt", gold_path, Path(tmp) / f"{name}.out.txt")
            files[0].write_text("\n".join(inputs) + "\n", encoding="utf-8")
            files[2].write_text("\n".join(output) + "\n", encoding="utf-8")
            checks[name] = _cross_check(shared / "tools" / "score_repair.py", files, noise_path, first - 1)
    figures["total"] = total.figures()
    figures["words_per_second"] = _words_per_second(documents)
    # other text of the same archive: the seed's lines outside both gold parts, and the 2022 slides
    others = [seed[PARTS[0][2]:PARTS[1][1] - 1], _read_lines(shared.joinpath(*SLIDES))]
    figures["words_per_second_warm"] = _words_per_second(documents, warm_with=others)
    figures["startup_seconds"] = _startup_seconds()
    clean = {name: _read_lines(shared / "gold" / "ocr" / f"{name}.gold.txt") for name, _, _ in PARTS}
    clean["slides 004"] = _read_lines(shared.joinpath(*SLIDES))
    figures["other_engine"] = other_engine_scores(Repairer(), clean)
    _print(figures, checks)
    return figures


def _print(figures: dict, checks: dict[str, list[str]]) -> None:
    table = Table(title="OCR repair of Danish vs hand-corrected gold (seed 000, noise lines skipped)")
    for column in ("part", "WER before", "WER after", "reduction", "CER before", "CER after",
                   "fixed", "untouched", "changed-wrong", "damaged", "damage rate"):
        table.add_column(column, justify="right")
    for name in [*checks, "total"]:
        f = figures[name]
        table.add_row(name, f"{f['wer_before']:.4f}", f"{f['wer_after']:.4f}", f"{f['reduction']:.3f}",
                      f"{f['cer_before']:.4f}", f"{f['cer_after']:.4f}", str(f["fixed"]), str(f["untouched"]),
                      str(f["changed_wrong"]), str(f["damaged"]), f"{f['damage_rate']:.4f}")
    console.print(table)
    cold, warm = figures["words_per_second"], figures["words_per_second_warm"]
    console.print(f"speed, words per CPU-second on one core after loading (best / median of {SPEED_REPEATS}): "
                  f"{cold[0]:,.0f} / {cold[1]:,.0f} from cold caches; {warm[0]:,.0f} / {warm[1]:,.0f} once warmed "
                  f"on other text of the archive, as a batch worker's repairer is; "
                  f"start-up {figures['startup_seconds']:.2f} s")
    console.print("clean text damaged the way another engine reads Danish letters (ø->o/0/e, æ->ae/a, å->a/aa; "
                  "generated, seeded), then repaired:")
    for name, f in figures["other_engine"].items():
        console.print(f"  {name}: WER {f['wer_before']:.4f} -> {f['wer_after']:.4f}, reduction {f['reduction']:.3f}, "
                      f"damage {f['damage_rate']:.4f}")
    for name, lines in checks.items():
        console.print(f"score_repair.py {name}:")
        for line in lines:
            console.print(f"  {line}", markup=False)
