"""samples/kkr_mode_2022_slides.pdf: the 2022 KKR meeting slides (seed 004), born-digital, 16:9.

Slides are the seed's blocks separated by runs of 3+ blank lines. The first paragraph of a block is
the title (top, bold); the rest is set line by line in reading order, a blank line giving a small
gap. The body font shrinks (from 20 pt) until the slide fits its page; lines are never re-wrapped.
"""

from __future__ import annotations

from dataclasses import dataclass

from .layout import Part, Typesetter, width

PAGE = (960.0, 540.0)  # 13.33 x 7.5 in, 16:9
MARGIN = 48.0
TITLE_SIZE = 28.0
BODY_MAX, BODY_MIN = 20.0, 6.0
LEAD, GAP = 1.2, 0.2  # line leading and blank-line gap, as multiples of the body size


@dataclass
class Built:
    pages: list[str]


def split_slides(lines: list[str]) -> list[list[str]]:
    slides: list[list[str]] = [[]]
    blanks = 0
    for line in lines:
        if not line.strip():
            blanks += 1
            slides[-1].append("")
            continue
        if blanks >= 3 and any(s.strip() for s in slides[-1]):
            slides.append([])
        blanks = 0
        slides[-1].append(line.rstrip())
    return [_trim(s) for s in slides if any(x.strip() for x in s)]


def _trim(block: list[str]) -> list[str]:
    while block and not block[0].strip():
        block.pop(0)
    while block and not block[-1].strip():
        block.pop()
    return block


def _title_body(block: list[str]) -> tuple[list[str], list[str]]:
    cut = block.index("") if "" in block else len(block)
    return [t.strip() for t in block[:cut]], block[cut:]


def _fit(body: list[str], room_w: float, room_h: float) -> float:
    size = BODY_MAX
    while size > BODY_MIN:
        need_h = sum(size * LEAD if t.strip() else size * GAP for t in body)
        need_w = max((width(t.strip(), "Sans", size) for t in body if t.strip()), default=0)
        if need_h <= room_h and need_w <= room_w:
            break
        size -= 0.25
    return size


def build(path, lines: list[str]) -> Built:
    ts = Typesetter(path, pagesize=PAGE, margins=(MARGIN, 36, MARGIN, 30), meta={
        "title": "KKR-møde 24. juni 2022 - Erhvervshus Nordjylland",
        "author": "Erhvervshus Nordjylland (sample, kkr-extract)",
        "subject": "Målopfyldelse resultatkontrakt 2021; proces for resultatkontrakt 2023",
        "date": "D:20220624090000+02'00'",
    })
    for block in split_slides(lines):
        ts.new_page()
        title, body = _title_body(block)
        for t in title:
            ts.line([Part(0, t, "Sans-Bold", TITLE_SIZE)], TITLE_SIZE * 1.2)
        ts.space(14)
        c = ts.canvas
        c.setLineWidth(1.5)
        c.line(ts.left, ts.y + 6, ts.pw - ts.right, ts.y + 6)
        size = _fit(body, ts.avail, ts.y - ts.bottom)
        gap_pending = False
        for t in body:
            if not t.strip():
                gap_pending = True
                continue
            if gap_pending:
                ts.space(size * GAP)
                gap_pending = False
            ts.line([Part(0, t.strip(), "Sans", size)], size * LEAD)
    return Built(ts.save())
