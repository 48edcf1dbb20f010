"""Danish numbers, units, comparators and dates in KKR packet text -> `Quantity` values with offsets.

Public API (stable; other stages depend on it)::

    find_quantities(text) -> list[Quantity]   # every quantity-like span, in order of appearance
    reportable(quantities) -> list[Quantity]  # keep only REPORTABLE_KINDS (drops identifiers, labels, ...)
    parse_number(text) -> int | float | None  # exactly one Danish-formatted number ("1.200", "-2,33")
    parse_date(text) -> str | None            # first date in text as ISO 8601
    parse_cell(text) -> CellValue             # one table cell: value/unit/reference/date or empty + note

Conventions
-----------
* Danish separators: "." groups thousands ("1.315.600" -> 1315600), "," is the decimal mark ("2,89" -> 2.89).
  A dotted number that is not 3-digit grouping ("2.1", "1.10") is ambiguous (section number or English
  decimal): kind "label" with flag "ambiguous_dotted", or a value with that flag when a unit follows it.
  Digit runs longer than 18 characters are identifiers.
* `value` is the number *as written*: 64.45 for "64,45%", 79 for "DKK 79 mio." (unit "mio. kr."); the unit
  carries the scale ("kr.", "t. kr.", "mio. kr.", "mia. kr.", "EUR", "mio. EUR"; a bare "mio."/"mia." without
  currency stays kind "number" with unit "mio."/"mia."). A dash range "10-15 procent" gives both ends
  the unit.
  Integers stay `int`. Dates have value None and carry `iso`.
* `kind` (filter on it):  number (non-integer, no unit) | count (integer, no unit) | percent |
  percentage_points | money | score (NPS) | duration ("3 år", "4 timer") | year | year_range ("2024/25") |
  date | date_range | time ("kl. 10.00") | ratio ("1:1", "178:3", "1/3") | ordinal ("2. kvartal") |
  list_marker ("1." / "3.a." at line start) | label ("Figur 2.1.A", "Delmål 1", "§ 107", "Side 1 af 2",
  "Mål 1" capitalised and without unit) | identifier (case numbers, phones, e-mails/URLs with digits,
  postcodes, "p/l-23", "CO2", "Covid-19", "ISO 14001", "ID: 3600106").
* `comparator` is taken from the phrase *immediately* before the number ("mindst" >=, "højst" <=,
  "mere end"/"over" >, "under"/"mindre end" <, "præcis" =; OCR-tolerant: "hgjst" works) and the phrase itself
  is kept in `comparator_raw` (an addition to the brief's API): "virksomheder under 3 år" yields a duration 3
  with comparator "<" and comparator_raw "under" - the caller decides whether that is a target bound.
* `reference` is the parenthesised share right after a percent: "14%(8%)", "13% (10%)" -> 14/13 with
  reference 8.0/10.0 (same scale as value). What the reference means is the caller's business.
* Year-like integers 1950-2060 written without separators and without unit/comparator are kind "year"
  (iso "2024"). "2024-2027" gives two years. Two-digit years in dates are 20yy.
* `flags` mark doubtful readings; the value is kept as read, never repaired. Every doubtful reading has
  "doubtful_ocr" plus a reason: "percent_before_time" ("1% time" may be "1½ time"), "share_over_100"
  ("129% (9%)" is a share above 100 next to its reference; maybe "12%"), "date_separator" ("01.01-24"),
  "sign_or_bullet" ("-4 timer" at line start), "ambiguous_dotted".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from normalize import numbers_dates as _d
from normalize import numbers_patterns as _p

REPORTABLE_KINDS = frozenset({
    "number", "count", "percent", "percentage_points", "money", "score", "duration", "year", "year_range",
    "date", "date_range",
})
NUMERIC_KINDS = frozenset({"number", "count", "percent", "percentage_points", "money", "score", "duration"})
DOUBTFUL = "doubtful_ocr"
_MAX_DIGITS = 18  # longer number strings are identifiers ("1.315.600" has 9 characters)


@dataclass(frozen=True)
class Quantity:
    raw: str                  # exact source substring text[start:end]
    start: int
    end: int
    value: float | int | None
    kind: str
    unit: str | None = None
    comparator: str | None = None
    reference: float | None = None
    iso: str | None = None
    flags: tuple[str, ...] = ()
    comparator_raw: str | None = None  # the phrase that triggered `comparator`, e.g. "mindst", "hgjst"


@dataclass(frozen=True)
class CellValue:
    raw: str
    value: float | int | None
    kind: str | None
    unit: str | None
    reference: float | None
    comparator: str | None
    iso: str | None
    is_empty: bool
    note: str | None
    flags: tuple[str, ...]
    quantities: tuple[Quantity, ...]


def _core_value(core: str) -> tuple[float | int | None, tuple[str, ...]]:
    """Value of a matched NUM_CORE string, plus flags."""
    frac = {"½": 0.5, "¼": 0.25, "¾": 0.75}
    tail = core[-1]
    if tail in frac:
        whole = core[:-1].strip()
        return (int(whole) if whole else 0) + frac[tail], ()
    if "," in core or re.fullmatch(r"\d{1,3}(?:\.\d{3})+", core):
        s = core.replace(".", "").replace(",", ".")
        return (float(s) if "." in s else int(s)), ()
    if "." in core:  # "2.1", "1.10": not Danish grouping
        return (float(core) if core.count(".") == 1 else None), ("ambiguous_dotted",)
    return int(core), ()


def _unit_of(m: re.Match[str], prefix_cur: bool) -> tuple[str, str]:
    """(kind, normalised unit) for a UNIT_AFTER match."""
    g = m.groupdict()
    if g["pp"]:
        return "percentage_points", "procentpoint"
    if g["pct"]:
        return "percent", "pct"
    if g["scale"]:
        s = g["scale"].lower()
        scale = "mia." if s.startswith(("mia", "mrd", "milliard")) else "t." if s.startswith("t") else "mio."
        cur = g["scur"] or ("kr." if prefix_cur or s.startswith("tkr") else None)
        if cur is None:
            return "number", scale
        return "money", f"{scale} {'EUR' if cur.lower().startswith(('eur', '€')) else 'kr.'}"
    if g["cur"]:
        return "money", "EUR" if g["cur"].lower().startswith(("eur", "€")) else "kr."
    word = g["dur"]
    for rx, canon in _p.DURATION_CANON:
        if rx.match(word):
            return "duration", canon
    return "duration", word.lower()


def _comparator(text: str, start: int, floor: int) -> tuple[str | None, str | None]:
    m = _p.COMP_BEFORE.search(text, max(floor, start - 30), start)
    if not m:
        return None, None
    if m.group("sym"):
        return _p.COMPARATOR_SYMBOLS[m.group("sym")], m.group("sym")
    phrase = m.group("word")
    norm = re.sub(r"\s+", " ", phrase)
    for rx, op in _p.COMP_CANON:
        if rx.match(norm):
            return op, phrase
    return None, None  # pragma: no cover - every alternative has a canonical form


def _sign(text: str, start: int, floor: int) -> tuple[int, int]:
    """(-1 or +1, new start) for a sign before the number, following the rules in the module doc."""
    m = _p.SIGN_BEFORE.search(text, max(floor, start - 6), start)
    if not m:
        return 1, start
    s = m.start()
    before = text[s - 1] if s > 0 else "\n"
    if not (before.isspace() or before in "([:=/"):
        return 1, start  # "kompetence-4" hyphen, "2024-2027" range
    lo = max(0, s - 120)  # bounded look-back keeps long single-line inputs linear
    nl = text.rfind("\n", lo, s)
    line = text[nl + 1 if nl >= 0 else lo:s]
    if line.rstrip(" \t")[-1:].isdigit() or line.rstrip(" \t")[-1:] == "%":
        return 1, start  # "2024 - 2027", "10 % - 15 %": range dash
    if m.group("gap") and not line.strip(" \t|"):
        return 1, start  # "- 4 timer" at line start: a bullet
    return (-1 if m.group("sign") != "+" else 1), s


def _special(text: str, s: int, e: int, core: str, floor: int) -> Quantity | None:
    """Numbers that are not quantities: list markers, labels, identifiers, postcodes, price levels."""
    def q(kind: str, end: int, value: float | int | None = None, flags: tuple[str, ...] = ()) -> Quantity:
        return Quantity(text[s:end], s, end, value, kind, flags=flags)

    if len(core) > _MAX_DIGITS:  # account/EAN-like digit runs are no quantities (and int() has a limit)
        return q("identifier", e)
    nxt = text[e:e + 1]
    if nxt.isalpha() and not _p.UNIT_AFTER.match(text, e):
        return q("identifier", _p.GLUED_WORD.match(text, e).end())  # "2r", "3D"
    if core.isdigit() and len(core) <= 2 and _p.LINE_START_BEFORE.search(text, max(0, s - 8), s):
        lm = _p.LIST_AFTER.match(text, e)
        if lm:
            return q("list_marker", lm.end(), int(core))
    unit = _p.UNIT_AFTER.match(text, e)
    if not unit and _p.LABEL_BEFORE.search(text, max(floor, s - 12), s):
        return q("label", _p.LABEL_TAIL.match(text, e).end())
    if _p.ID_BEFORE.search(text, max(floor, s - 16), s):
        return q("identifier", _p.ID_TAIL.match(text, e).end())
    if _p.PL_AFTER.match(text, e):
        return q("identifier", _p.PL_AFTER.match(text, e).end())
    if (len(core) == 4 and core.isdigit() and _p.POSTCODE_BEFORE.search(text, max(0, s - 8), s)
            and _p.POSTCODE_AFTER.match(text, e)):
        return q("identifier", e)
    if not unit and "." in core and "," not in core and not re.fullmatch(r"\d{1,3}(?:\.\d{3})+", core):
        return q("label", e, flags=(DOUBTFUL, "ambiguous_dotted"))
    return None


def _unit_and_start(text: str, e: int, qs: int, floor: int) -> tuple[str | None, str | None, int, int]:
    """(kind, unit, end, start) from a unit after the number or a currency before it ("DKK 79 mio.")."""
    pcur = _p.CUR_BEFORE.search(text, max(floor, qs - 6), qs)
    um = _p.UNIT_AFTER.match(text, e)
    if um:
        kind, unit = _unit_of(um, bool(pcur))
        return kind, unit, um.end(), (pcur.start() if pcur and kind == "money" else qs)
    if pcur:
        return "money", ("EUR" if pcur.group("pcur").upper() in ("EUR", "€") else "kr."), e, pcur.start()
    return None, None, e, qs


def _bare_kind(text: str, s: int, e: int, value: float | int, plain: bool,
               floor: int) -> tuple[str, str | None]:
    """Kind and unit of a number without unit: year, NPS score, ordinal ("2. kvartal"), count or number."""
    core = text[s:e]
    if plain and core.isdigit() and len(core) == 4 and 1950 <= value <= 2060:
        return "year", None
    if not isinstance(value, int):
        return "number", None
    if _p.NPS_BEFORE.search(text, max(floor, s - 60), s):
        return "score", "NPS"
    if len(core) <= 3 and _p.ORDINAL_AFTER.match(text, e):
        return "ordinal", None
    return "count", None


def _percent_extras(text: str, end: int,
                    value: float | int | None) -> tuple[float | None, int, tuple[str, ...]]:
    """Reference share "(8%)" after a percent, and the doubtful-OCR checks that need it."""
    ref, flags = None, ()
    rm = _p.REFERENCE_AFTER.match(text, end)
    if rm:
        ref, end = float(rm.group("ref").replace(",", ".")), rm.end()
        if value is not None and value > 100 >= ref:
            flags += (DOUBTFUL, "share_over_100")
    if _p.TIME_WORD_AFTER.match(text, end):
        flags += (DOUBTFUL, "percent_before_time")
    return ref, end, flags


def _number(text: str, s: int, e: int, floor: int) -> Quantity:
    special = _special(text, s, e, text[s:e], floor)
    if special is not None:
        return special
    value, flags = _core_value(text[s:e])
    sign, qs = _sign(text, s, floor)
    kind, unit, end, qs = _unit_and_start(text, e, qs, floor)
    cmp_, cmp_raw = _comparator(text, qs, floor)
    ref, iso = None, None
    if kind is None:
        kind, unit = _bare_kind(text, s, e, value, not cmp_ and sign > 0, floor)
        iso = text[s:e] if kind == "year" else None
        end = e + 1 if kind == "ordinal" else e
    if sign < 0 and kind == "duration" and _p.LINE_START_BEFORE.search(text, max(0, qs - 8), qs):
        flags += (DOUBTFUL, "sign_or_bullet")
        qs = s  # "-4 timer" in a table: a dash, kept positive but flagged
    elif sign < 0 and value is not None:
        value = -value
    if kind == "percent":
        ref, end, more = _percent_extras(text, end, value)
        flags += more
    if "ambiguous_dotted" in flags:
        flags = (DOUBTFUL,) + flags
    return Quantity(text[qs:end], qs, end, value, kind, unit, cmp_, ref, iso, tuple(dict.fromkeys(flags)),
                    cmp_raw)


def _match_quantity(text: str, m: re.Match[str], floor: int) -> Quantity | None:
    kind = m.lastgroup
    s, e, raw = m.start(kind), m.end(kind), m.group(kind)
    if kind in ("email", "url"):
        raw = raw.rstrip(".,;:)")
        return Quantity(raw, s, s + len(raw), None, "identifier") if _p.HAS_DIGIT.search(raw) else None
    if kind in ("phone", "phone45", "ident"):
        return Quantity(raw, s, e, None, "identifier")
    if kind == "num":
        return _number(text, s, e, floor)
    if kind == "colon" and re.fullmatch(r"\d{2}:[0-5]\d", raw) and int(raw[:2]) <= 24:
        return Quantity(raw, s, e, None, "time", iso=raw)
    if kind in ("colon", "slash"):
        label = _p.LABEL_BEFORE.search(text, max(floor, s - 12), s)  # "§ 105/85"
        return Quantity(raw, s, e, None, "label" if label else "ratio")
    if kind == "yrange":
        a, b = raw.split("/")
        b = a[:2] + b if len(b) == 2 else b
        if a >= b:
            return Quantity(raw, s, e, None, "ratio")
        return Quantity(raw, s, e, None, "year_range", iso=f"{a}/{b}")
    iso, odd = None, False
    if kind == "drange":
        iso, odd = _d.numeric_range(raw)
        dkind = "date_range"
    else:
        dkind = "time" if kind == "ktime" else "date"
        if kind == "date":
            iso, odd = _d.numeric_date(raw)
        else:
            iso = {"isodate": _d.iso_date, "sdate": _d.slash_date, "tdate": _d.text_date,
                   "mdate": _d.month_date, "ktime": _d.clock_time}[kind](raw)
    if iso is None:
        return None  # not a real date: rescanned as plain numbers by the caller
    flags = (DOUBTFUL, "date_separator") if odd else ()
    return Quantity(raw, s, e, None, dkind, iso=iso, flags=flags)


def _scan(text: str, pos: int, endpos: int, out: list[Quantity]) -> None:
    last = pos
    for m in _p.MASTER.finditer(text, pos, endpos):
        if m.start() < last:
            continue
        q = _match_quantity(text, m, last)
        if q is None and m.lastgroup not in ("email", "url"):
            # a date-shaped string that is no date ("45.80.22"): read its pieces as numbers
            sub: list[Quantity] = []
            _scan_numbers_only(text, m.start(), m.end(), last, sub)
            out.extend(sub)
            last = max([m.end()] + [x.end for x in sub])
            continue
        if q is None:
            last = m.end()
            continue
        out.append(q)
        last = q.end


def _scan_numbers_only(text: str, pos: int, endpos: int, floor: int, out: list[Quantity]) -> None:
    last = floor
    for m in _p.NUM_ONLY.finditer(text, pos, endpos):
        if m.start() >= last:
            q = _number(text, m.start(), m.end(), last)
            out.append(q)
            last = q.end


def _share_range_units(qs: list[Quantity], text: str) -> list[Quantity]:
    """'10-15 procent': the first number of a dash range takes the unit of the second."""
    out = list(qs)
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        if a.kind in ("count", "number") and b.unit and b.kind in NUMERIC_KINDS and \
                re.fullmatch(r"[ \t]*[-–][ \t]*", text[a.end:b.start]):
            out[i] = replace(a, kind=b.kind, unit=b.unit)
    return out


def find_quantities(text: str) -> list[Quantity]:
    """All quantity-like spans of `text` in order of appearance (see the module doc for kinds and flags)."""
    if not _p.HAS_DIGIT.search(text):
        return []
    out: list[Quantity] = []
    _scan(text, 0, len(text), out)
    return _share_range_units(out, text)


def reportable(quantities: list[Quantity]) -> list[Quantity]:
    """The quantities a record should list as values (drops identifiers, labels, list markers, ...)."""
    return [q for q in quantities if q.kind in REPORTABLE_KINDS]


def parse_number(text: str) -> int | float | None:
    """Exactly one Danish-formatted number ("1.200", "2,89", "-\\n2,33", "1½"); None otherwise.

    Ambiguous dotted forms ("2.5") return None: use `find_quantities` to see them with their flag.
    """
    m = _p.ONE_NUMBER.fullmatch(text)
    if not m or len(m.group("num")) > _MAX_DIGITS:
        return None
    value, flags = _core_value(m.group("num"))
    if flags or value is None:
        return None
    return -value if m.group("sign") in ("-", "−", "–") else value


def parse_date(text: str) -> str | None:
    """ISO 8601 of the first date, date range or year range in `text` (else of a lone year), or None."""
    qs = find_quantities(text)
    for q in qs:
        if q.kind in ("date", "date_range", "year_range"):
            return q.iso
    years = [q for q in qs if q.kind == "year"]
    return years[0].iso if len(years) == 1 else None


def parse_cell(text: str) -> CellValue:
    """One table cell. Value fields come from the first reportable quantity; all quantities are kept.

    A cell without a reportable number is empty (`is_empty`), with `note` saying why: "?" / "-" / "–" / ""
    are placeholders, other text ("ingen direkte tilskud") is kept verbatim as the note. A placeholder
    followed by a reference share ("? (10%)") is empty but keeps `reference`. A cell with more than one
    value gets the flag "multiple_values".
    """
    qs = find_quantities(text)
    vals = reportable(qs)
    stripped = " ".join(text.split())
    ref_only = _p.PLACEHOLDER_REF.fullmatch(text)
    if not vals or ref_only:
        ref = _p.REFERENCE_AFTER.search(text)
        lead = text[:ref.start()] if ref else text
        if _p.PLACEHOLDER.fullmatch(lead):
            note = f"placeholder {lead.strip()!r}" if lead.strip() else "blank"
        else:
            note = stripped
        return CellValue(text, None, None, None, float(ref.group("ref").replace(",", ".")) if ref else None,
                         None, None, True, note, (), tuple(qs))
    first = vals[0]
    flags = first.flags + (("multiple_values",) if len(vals) > 1 else ())
    return CellValue(text, first.value, first.kind, first.unit, first.reference, first.comparator, first.iso,
                     False, None, flags, tuple(qs))
