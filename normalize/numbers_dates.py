"""Date helpers for `normalize.numbers` (private; use `numbers.parse_date` / `numbers.find_quantities`).

All functions take the raw matched substring and return an ISO 8601 string or None when the parts are not a
real calendar date (the caller then treats the text as something else, never as a guessed date).
Two-digit years are read as 20yy (the packets are from 2000 onwards).
"""

from __future__ import annotations

import datetime as _dt

from normalize.numbers_patterns import DNUM_PARTS, KTIME_PARTS, MDATE_PARTS, MONTHS, TDATE_PARTS


def _year(y: str) -> int:
    return 2000 + int(y) if len(y) == 2 else int(y)


def _iso(y: int, m: int, d: int) -> str | None:
    try:
        return _dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def month_number(word: str) -> int | None:
    """1-12 for a Danish month name or abbreviation ('juli', 'jul', 'sept'), else None."""
    w = word.lower().rstrip(".")
    for i, name in enumerate(MONTHS, start=1):
        if w == name or (len(w) >= 3 and name.startswith(w)):
            return i
    return None


def numeric_date(raw: str) -> tuple[str | None, bool]:
    """'09.01.24' -> ('2024-01-09', False). The bool says the year was joined with '-' (OCR: '01.01-24')."""
    m = DNUM_PARTS.fullmatch(raw.strip())
    if not m:
        return None, False
    d, mo, sep, y = m.groups()
    return _iso(_year(y), int(mo), int(d)), sep == "-"


def numeric_range(raw: str) -> tuple[str | None, bool]:
    """'01.01.24-31.12.25' -> ('2024-01-01/2025-12-31', doubtful?)."""
    parts = DNUM_PARTS.findall(raw)
    if len(parts) != 2:
        return None, False
    isos = [_iso(_year(y), int(mo), int(d)) for d, mo, _sep, y in parts]
    if None in isos or isos[0] > isos[1]:  # type: ignore[operator]
        return None, False
    return f"{isos[0]}/{isos[1]}", any(sep == "-" for _d, _m, sep, _y in parts)


def iso_date(raw: str) -> str | None:
    """'2024-01-09' (already ISO) validated."""
    y, m, d = raw.split("-")
    return _iso(int(y), int(m), int(d))


def slash_date(raw: str) -> str | None:
    """'9/1-2024' or '9/1 24' (day/month year) -> '2024-01-09'."""
    dm, y = raw.replace(" ", "-").split("-", 1)
    d, m = dm.split("/")
    return _iso(_year(y), int(m), int(d))


def text_date(raw: str) -> str | None:
    """'1. juli 2022' -> '2022-07-01'; '18. november' (no year) -> '--11-18' (ISO 8601 without year)."""
    m = TDATE_PARTS.fullmatch(raw.strip())
    if not m:
        return None
    d, word, y = m.groups()
    mo = month_number(word)
    if mo is None:
        return None
    if y is None:
        return f"--{mo:02d}-{int(d):02d}" if _iso(2024, mo, int(d)) else None
    return _iso(int(y), mo, int(d))


def month_date(raw: str) -> str | None:
    """'januar 2025' -> '2025-01' (month precision)."""
    m = MDATE_PARTS.fullmatch(raw.strip())
    mo = month_number(m.group(1)) if m else None
    return f"{int(m.group(2)):04d}-{mo:02d}" if m and mo else None


def clock_time(raw: str) -> str | None:
    """'kl. 10.00-12.30' -> '10:00/12:30'; 'kl. 9' -> '09:00'."""
    out = []
    for h, mi in KTIME_PARTS.findall(raw):
        if int(h) > 24 or (mi and int(mi) > 59):
            return None
        out.append(f"{int(h):02d}:{mi or '00'}")
    return "/".join(out) or None
