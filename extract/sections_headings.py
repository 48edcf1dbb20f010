"""Heading tests for one line: goal, goal report, goal part label, attachment, agenda item, overview, scope.

Each test looks at the repaired text and at the raw text (folded, see `sections_lines.fold`), so OCR
damage such as 'Afrapportering og malopfyldelse — Mal 7' is read the same as the clean heading.
Tests only say what a line could be; `sections.py` decides with the context (numbering, order).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from extract.sections_lines import DocLine, fold, starts_like

_GOAL = re.compile(r"^[\W_]*m(?:a|aa)[l1i]\s*(\d{1,2})(?!\d)\s*(?:[-—–:.]+\s*(\S.*))?$")
_GOAL_TITLE = re.compile(r"^[\W_]*\w+\s*\d{1,2}\s*[-—–:.]*\s*(.*)$")
_REPORT_NUMBER = re.compile(r"(\d{1,2})\s*\W*$")
_ATTACHMENT = re.compile(r"^[\s|]*(\w{4,6})\s+(\d{1,2}[a-zA-Z]?)(?![\w.,]\d)\s*[.:—–-]?\s*(.*)$")
_AGENDA_BARE = re.compile(r"^\s*(\d{1,2}\.\d{1,2})\s*$")
_AGENDA_WORD = re.compile(r"^\s*(?:dagsordenspunkt|punkt|pkt\.?)\s*(\d{1,2})(?!\d)[.:]?\s*(.*)$")
_NUMBERED = re.compile(r"^\s*(\d{1,2})\.\s+([A-ZÆØÅ].{2,100})$")
_TRAILING_PAGE = re.compile(r"\s+\d{1,3}\s*$")
_PERCENT_LINE = re.compile(r"^\s*\d{1,3}(?:[.,]\d+)?\s*%\s*$")
_BULLET = re.compile(r"^\s*(?:[•·▪◦*»>¢©–—+…-]+|[eo](?=\s+\S)|0(?=\s+[A-ZÆØÅ]))\s+")
_RUNNING_HEADER = re.compile(r"^resultatkontrakt\s*(?:19|20)\d{2}\b.{0,6}\bmal\b")
_FIRST_TOKEN = re.compile(r"^[\s|\"'.,…*+]*([^\W\d_]+)[\s|:.\-—–]*(.*)$")

REPORT_KEY = "afrapportering og malopfyldelse"
PART_LABELS = {"target": ("mal", "maal"), "method": ("metode",), "reporting": ("afrapportering",),
               "rationale": ("begrundelse",)}
SCOPE_WORDS = {"national": "national", "regional": "regional", "lokal": "local", "kommunal": "local"}
FUNCTION_WORDS = frozenset(
    "og i med af til for pa på at en et de der som fra om ved mellem samt eller hos mod efter under over ift "
    "herunder blandt inden indenfor".split()
)


@dataclass(frozen=True)
class GoalHeading:
    number: int
    title: str = ""


@dataclass(frozen=True)
class PartLabel:
    role: str
    content_offset: int = 0


def _variants(line: DocLine) -> tuple[str, ...]:
    return (line.text,) if line.text == line.raw else (line.text, line.raw)


def goal_heading(line: DocLine) -> GoalHeading | None:
    """'Mål 7 — Title' or a lone 'Mål 7' (slides put the title below). 'Mål 70 pct. af ...' is not one."""
    for text in _variants(line):
        match = _GOAL.match(fold(text))
        first_letter = next((c for c in text if c.isalpha()), "")
        # a lone 'Mål N' must be capitalised; 'mål 4 — Title' is a heading whatever OCR did to the case
        if match and (first_letter.isupper() or match.group(2)):
            title = _GOAL_TITLE.match(text.strip())
            return GoalHeading(int(match.group(1)), title.group(1).strip() if title and match.group(2) else "")
    return None


def report_heading(line: DocLine) -> int | None:
    """'Afrapportering og målopfyldelse — Mål N': the goal number (0 when the number is unreadable)."""
    for folded in line.folds():
        if starts_like(folded, REPORT_KEY, 80):
            number = _REPORT_NUMBER.search(folded[len(REPORT_KEY) - 2 :])
            return int(number.group(1)) if number else 0
    return None


def part_label(line: DocLine) -> PartLabel | None:
    """A goal's part label at line start ('Mål', 'Metode', ...), alone or followed by its content.

    Content after the label must start a sentence (capital, digit, bullet or '|'): 'Afrapportering til
    KKR sker ...' is prose, not a label.
    """
    match = _FIRST_TOKEN.match(line.text)
    if not match or not match.group(1)[:1].isupper():
        return None
    token, rest = fold(match.group(1)), match.group(2)
    role = _label_role(token)
    if role is None or report_heading(line) is not None:
        return None
    if rest and not (rest[0].isupper() or rest[0].isdigit() or _BULLET.match(rest) or rest[0] in "|-–—•"):
        return None
    next_token = _FIRST_TOKEN.match(rest)
    if next_token and _label_role(fold(next_token.group(1))) and not next_token.group(2):
        return None  # 'Mål Afrapportering': a slide's column header, not a label
    return PartLabel(role, match.start(2) if rest else len(line.text))


def _label_role(token: str) -> str | None:
    for role, keys in PART_LABELS.items():
        for key in keys:
            if token == key or (len(key) > 4 and fuzz.ratio(token, key) >= 85):
                return role
    return None


def attachment_heading(line: DocLine) -> tuple[str, str] | None:
    """'Bilag 1a. Title' at line start: (number, title). 'Se bilag 2' in running text is not one."""
    match = _ATTACHMENT.match(line.text)
    if not match or not match.group(1)[:1].isupper() or fuzz.ratio(fold(match.group(1)), "bilag") < 80:
        return None
    title = match.group(3).strip()
    if title and not title[0].isupper():
        return None
    return match.group(2), title


def agenda_marker(line: DocLine) -> tuple[str, str] | None:
    """A dotted item number alone on its line ('2.1') or 'Punkt 3: Title': (number, title)."""
    bare = _AGENDA_BARE.match(line.text)
    if bare:
        return bare.group(1), ""
    word = _AGENDA_WORD.match(fold(line.text))
    if word and line.text.lstrip()[:1].isupper():
        return word.group(1), line.text.strip()
    return None


def numbered_heading(line: DocLine) -> tuple[int, str, bool] | None:
    """'3. Title' as a heading: (number, title, is_toc_entry). A trailing page number marks a TOC entry."""
    match = _NUMBERED.match(line.text.rstrip())
    if not match:
        return None
    title = match.group(2).strip()
    toc = bool(_TRAILING_PAGE.search(title))
    words = title.split()
    if title[-1] in ",;" or words[-1].lower() in FUNCTION_WORDS or len(words) > 14:
        return None
    return int(match.group(1)), _TRAILING_PAGE.sub("", title) if toc else title, toc


def overview_heading(line: DocLine) -> bool:
    """'Oversigt over mål ...' or a table header 'Mål ... målopfyldelse ...'."""
    for folded in line.folds():
        if fuzz.partial_ratio("oversigt over mal", folded) >= 88:
            return True
        if folded.split(" ", 1)[0] in PART_LABELS["target"] and fuzz.partial_ratio("malopfyldelse", folded) >= 85:
            return True
    return False


def scope_heading(line: DocLine) -> str | None:
    """'Nationalt fastsatte mål', 'Regionale mål:' -> national / regional / local."""
    folded = fold(line.text).rstrip(":. ")
    words = folded.split()
    if not words or len(words) > 5 or not re.search(r"\bmal\b", folded):
        return None
    for prefix, scope in SCOPE_WORDS.items():
        if words[0].startswith(prefix):
            return scope
    return None


def running_header(line: DocLine) -> bool:
    """A slide's running title such as 'Resultatkontrakt 2021 – mål 5 og 6': not content."""
    return any(_RUNNING_HEADER.match(folded) for folded in line.folds())


def is_percent_line(line: DocLine) -> bool:
    return bool(_PERCENT_LINE.match(line.text))


def is_bullet(text: str) -> bool:
    return bool(_BULLET.match(text))


def strip_bullet(text: str) -> tuple[str, int]:
    """Text without a leading bullet mark, and how many characters were dropped."""
    match = _BULLET.match(text)
    return (text[match.end() :], match.end()) if match else (text, 0)
