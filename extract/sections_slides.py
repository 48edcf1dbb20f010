"""Slide layout: 'Mål N' alone on a line, the title on the lines below, then the fulfilment percentage."""

from __future__ import annotations

from extract.sections_headings import FUNCTION_WORDS, goal_heading, is_bullet, is_percent_line, part_label
from extract.sections_lines import DocLine

MAX_TITLE_LINES = 3
MAX_TITLE_WORDS = 14
LOOKAHEAD = 12  # lines; slide text extracted from PDFs often has a blank line after every line


def slide_title(lines: list[DocLine], idx: int) -> tuple[str, list[int], int | None]:
    """Title below a lone goal heading: (title, indices of its lines, index of the fulfilment line or None)."""
    parts: list[str] = []
    used: list[int] = []
    for line in lines[idx + 1 : idx + 1 + LOOKAHEAD]:
        if line.blank:
            continue
        text = line.text.strip()
        if is_percent_line(line):
            return " ".join(parts), used, line.idx
        if _ends_title(parts, text, line):
            break
        parts.append(text)
        used.append(line.idx)
    return " ".join(parts), used, None


def _ends_title(parts: list[str], text: str, line: DocLine) -> bool:
    if is_bullet(text) or text.startswith("=") or goal_heading(line) or part_label(line):
        return True
    if len(parts) >= MAX_TITLE_LINES or len(" ".join(parts + [text]).split()) > MAX_TITLE_WORDS:
        return True
    if not parts:
        return False
    previous_last = parts[-1].split()[-1].lower()
    continues = previous_last in FUNCTION_WORDS or parts[-1].endswith(",") or text[:1].islower()
    return not continues
