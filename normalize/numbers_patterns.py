"""Compiled regular expressions for `normalize.numbers` (private helper module; import from `numbers`).

Everything here is a small closed vocabulary of the *format* of KKR packets: unit words (procent, pct.,
kr., mio.), comparator words (mindst, højst, ...), month names, time units and document-structure labels
(Figur, Bilag, Delmål, §).  No general Danish word lists.

OCR tolerance: packets OCR'd with the wrong language lose Danish letters (å→a, ø→g/o/@, æ→ae/ee/a).
`fuzzy()` turns a canonical word into a pattern that also accepts those losses, so "hgjst", "hojst" and
"højst" all match.
"""

from __future__ import annotations

import re

_OCR_LETTER = {
    "å": "(?:å|aa|a|&)",
    "ø": "(?:ø|o|g|@|0|e)",
    "æ": "(?:æ|ae|ee|ze|se|a|e)",
    ".": r"\.",
    " ": r"\s+",
}


def fuzzy(word: str) -> str:
    """Regex source for `word` tolerating the usual OCR losses of Danish letters (use case-insensitively)."""
    return "".join(_OCR_LETTER.get(ch, re.escape(ch)) for ch in word.lower())


def _alts(words: list[str]) -> str:
    """Alternation of fuzzy words, longest first so 'ikke under' beats 'under'."""
    return "|".join(fuzzy(w) for w in sorted(words, key=len, reverse=True))


# --- comparators (phrase immediately before the number) -------------------------------------------------
COMPARATOR_WORDS: dict[str, str] = {
    "mindst": ">=", "minimum": ">=", "som minimum": ">=", "min.": ">=", "ikke under": ">=",
    "ikke mindre end": ">=",
    "højst": "<=", "maksimalt": "<=", "maksimum": "<=", "maks.": "<=", "max.": "<=", "op til": "<=",
    "ikke over": "<=", "ikke mere end": "<=",
    "mere end": ">", "flere end": ">", "større end": ">", "højere end": ">", "over": ">",
    "under": "<", "mindre end": "<", "færre end": "<", "lavere end": "<",
    "præcis": "=", "præcist": "=",
}
COMPARATOR_SYMBOLS = {">=": ">=", "≥": ">=", "<=": "<=", "≤": "<=", ">": ">", "<": "<"}
COMP_BEFORE = re.compile(
    r"(?:(?<![\w.])(?P<word>" + _alts(list(COMPARATOR_WORDS)) + r")(?!\w)[ \t]*\n?"
    r"|(?P<sym>>=|<=|[≥≤<>]))[ \t]*\Z",
    re.IGNORECASE,
)
# canonical comparator for a matched (possibly OCR-damaged) phrase
COMP_CANON = [(re.compile(fuzzy(w) + "$", re.IGNORECASE), op) for w, op in
              sorted(COMPARATOR_WORDS.items(), key=lambda kv: len(kv[0]), reverse=True)]

# --- units (immediately after the number; one line break allowed) -------------------------------------
_GAP = r"[ \t]*\n?[ \t]*"
_CUR = r"(?:kr\b\.?|kroner\b|dkk\b|euro\b|eur\b|€)"
UNIT_AFTER = re.compile(
    _GAP + r"(?:"
    r"(?P<pp>(?:procent|pct\.?|%)[ \t]*-?[ \t]*point(?:s|er)?\b|pp\b\.?)"
    r"|(?P<pct>%|procent\b|pct\b\.?)"
    r"|(?P<scale>mio\b\.?|mill\b\.?|millioner\b|mia\b\.?|mrd\b\.?|milliarder\b"
    r"|t\.[ \t]?(?=kr)|tkr\b\.?|tusind(?:e)?\b)"
    r"(?:" + _GAP + r"\n?[ \t]*(?P<scur>" + _CUR + r"))?"
    r"|(?P<cur>" + _CUR + r"|,-)"
    r"|(?P<dur>" + _alts(["år", "års", "året", "måned", "måneder", "måneders", "uge", "uger", "ugers", "dag",
                          "dage", "dages", "time", "timer", "timers", "minut", "minutter"]) + r")(?!\w)"
    r")",
    re.IGNORECASE,
)
DURATION_CANON = [(re.compile("^" + fuzzy(w), re.IGNORECASE), c) for w, c in
                  [("måned", "måneder"), ("år", "år"), ("uge", "uger"), ("dag", "dage"), ("time", "timer"),
                   ("minut", "minutter")]]
CUR_BEFORE = re.compile(r"(?<!\w)(?P<pcur>DKK|kr\.|EUR|€)[ \t]*\Z", re.IGNORECASE)
NPS_BEFORE = re.compile(r"(?:\bNPS\b|net[ \t]+promot[eo]r[ \t]+score)[^\d\n]{0,40}\Z", re.IGNORECASE)
REFERENCE_AFTER = re.compile(r"[ \t]*\([ \t]*(?P<ref>\d+(?:,\d+)?)[ \t]*(?:%|pct\.?|procent)[ \t]*\)",
                             re.IGNORECASE)
TIME_WORD_AFTER = re.compile(r"[ \t]*timer?\b", re.IGNORECASE)  # "1% time": OCR for "1½ time"?

# --- things that look like numbers but are not quantities ---------------------------------------------
LABEL_BEFORE = re.compile(
    r"(?:(?<![\w.])(?i:figur|fig\.|tabel|bilag|" + fuzzy("delmål")
    + r"|del|punkt|pkt\.|afsnit|kapitel|kap\.|side"
    r"|modul|stk\.|nr\.)|(?<!\w)M" + fuzzy("å") + r"l|§§?)[ \t]*\Z"
)
LABEL_TAIL = re.compile(r"(?:[.\-–][0-9A-Za-z]+)*(?:[ \t]+af[ \t]+\d+)?")
ID_BEFORE = re.compile(
    r"(?<![\w.])(?:ID|sags?[- ]?nr\.?|j\.[ \t]?nr\.?|journal(?:nr|nummer)\.?|cvr(?:-?nr\.?)?|ean(?:-?nr\.?)?"
    r"|p-nr\.?|postboks|ISO|DS)[ \t]*[:.]?[ \t]*\Z",
    re.IGNORECASE,
)
ID_TAIL = re.compile(r"(?:[-/.]\d+)*")
PL_AFTER = re.compile(r"-?[ \t]?p/?l\b", re.IGNORECASE)  # "2024-pl", "23-p/l" price levels
LINE_START_BEFORE = re.compile(r"(?:^|\n)[ \t|]*(?:[-•·*–e][ \t]+)?\Z")
LIST_AFTER = re.compile(r"(?:\.[a-zæøå])?[.)](?=[ \t]|$)", re.MULTILINE)
POSTCODE_BEFORE = re.compile(r"(?:^|\n)[ \t]*(?:DK-)?\Z")
POSTCODE_AFTER = re.compile(r"[ \t]+[A-ZÆØÅ][\w.]*(?:[ \t]+[A-ZÆØÅ][\w.]*)?[ \t]*(?:\n|$)")
ORDINAL_AFTER = re.compile(r"\.(?=[ \t]+[a-zæøå])")
SIGN_BEFORE = re.compile(r"(?P<sign>[-−–+])(?P<gap>\s{0,4})\Z")
GLUED_WORD = re.compile(r"\w+")

# --- the master scanner: the first alternative that matches at the leftmost position wins --------------
MONTHS = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober",
          "november", "december"]
_MONTH_ABBR = ["jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "sept", "okt", "nov", "dec"]
MONTH_RE = r"(?:" + "|".join(MONTHS) + "|" + "|".join(a + r"\." for a in _MONTH_ABBR) + "|" + \
    "|".join(_MONTH_ABBR) + r")(?![\w])"
_DNUM = r"\d{1,2}\.\d{1,2}[.-](?:\d{4}|\d{2})(?!\d)"
NUM_CORE = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?(?![\d])|\d+(?:\.\d+)+|\d+(?:,\d+)?(?:[ \t]?[½¼¾])?|[½¼¾]"

MASTER = re.compile(
    r"(?P<email>\b[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8})"
    r"|(?P<url>(?:https?://|www\.)[^\s<>\"]+)"
    r"|(?P<phlab>\b(?i:tlf|telefon|tel|direkte|mobil|mob|fax)\b\.?:?[ \t]*)"
    r"(?P<phone>(?:\+45[ \t]?)?\d{2}[ \t]?\d{2}[ \t]?\d{2}[ \t]?\d{2})(?!\d)"
    r"|(?P<phone45>\+45[ \t]?\d{2}[ \t]?\d{2}[ \t]?\d{2}[ \t]?\d{2})(?!\d)"
    r"|(?P<ident>\b[^\W\d_]+(?:[-/][^\W\d_]+)*[-/]?\d[\w/]*(?:-\w+)*)"
    r"|(?P<drange>(?<![\d.])" + _DNUM + r"[ \t]*[-–—][ \t]*" + _DNUM + r")"
    r"|(?P<date>(?<![\d.])\d{1,2}\.\d{1,2}\.(?:\d{4}|\d{2})(?![\d]|\.\d))"
    r"|(?P<isodate>(?<![\d.])\d{4}-\d{2}-\d{2}(?!\d))"
    r"|(?P<sdate>(?<![\d./])\d{1,2}/\d{1,2}[- ](?:\d{4}|\d{2})(?![\d/]))"
    r"|(?P<tdate>(?<![\d.,])\d{1,2}\.?[ \t]+(?i:" + MONTH_RE + r")(?:[ \t]+\d{4}(?!\d))?)"
    r"|(?P<mdate>\b(?i:" + MONTH_RE + r")[ \t]+\d{4}(?!\d))"
    r"|(?P<ktime>\bkl\.?[ \t]*\d{1,2}(?:[.:]\d{2})?(?:[ \t]*[-–][ \t]*\d{1,2}(?:[.:]\d{2})?)?)"
    r"|(?P<yrange>\b(?:19|20)\d{2}/(?:\d{4}|\d{2})(?![\d/]))"
    r"|(?P<colon>(?<![\d:])\d+:\d+(?![\d:]))"
    r"|(?P<slash>(?<![\d/])\d+/\d+(?![\d/]))"
    r"|(?P<num>" + NUM_CORE + r")"
)
HAS_DIGIT = re.compile(r"[\d½¼¾]")
DNUM_PARTS = re.compile(r"(\d{1,2})\.(\d{1,2})([.-])(\d{4}|\d{2})")
TDATE_PARTS = re.compile(r"(\d{1,2})\.?[ \t]+([^\W\d_]+)\.?(?:[ \t]+(\d{4}))?")
MDATE_PARTS = re.compile(r"([^\W\d_]+)\.?[ \t]+(\d{4})")
KTIME_PARTS = re.compile(r"(\d{1,2})(?:[.:](\d{2}))?")
NUM_ONLY = re.compile(NUM_CORE)
ONE_NUMBER = re.compile(r"\s*(?P<sign>[-−–+]?)\s*(?P<num>" + NUM_CORE + r")\s*")
PLACEHOLDER = re.compile(r"[\s?\-–—_x/.…*]*", re.IGNORECASE)  # empty table cells: "?", "-", "–", "_"
PLACEHOLDER_REF = re.compile(r"\s*[?\-–—_x…*][\s?\-–—_x…*]*" + REFERENCE_AFTER.pattern + r"\s*",
                             re.IGNORECASE)  # "? (10%)": unknown value, known reference share
