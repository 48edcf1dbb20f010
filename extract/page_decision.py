"""Per-page decision: keep the PDF's text layer or OCR the page, with the reason kept on the page."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from extract.options import IngestOptions
from extract.resources import shared_repairer
from normalize.language import danish_share
from normalize.lexicon import text_quality
from schemas.document import Line

MIN_LAYER_CHARS = 10  # fewer characters than this on a page is "no text layer" (page numbers, stray marks)
MIN_DANISH_SHARE = 0.08  # below this the page is not Danish prose, so the Danish lexicon cannot judge it
MAX_GARBLED_SHARE = 0.3  # unmapped glyphs: fonts without a Unicode map extract as (cid:NN) or U+FFFD
# Share of words the OCR repair would change: clean Danish text measures 0-0.3%, text from an
# engine that lost æ/ø/å 10-13% (seed packet vs its hand-corrected gold), so 3% separates them.
MAX_REPAIRABLE_SHARE = 0.03
REPAIRABLE_SAMPLE_WORDS = 400  # a share needs a sample, not every word of a 200-page table

LayerKind = Literal["good", "foreign", "blank", "none", "garbled", "bad_danish", "forced", "disabled"]


@dataclass(frozen=True)
class LayerAssessment:
    kind: LayerKind
    reason: str
    quality: float | None
    n_chars: int
    repairable: float = 0.0

    @property
    def needs_ocr(self) -> bool:
        return self.kind in ("none", "garbled", "bad_danish", "forced")

    @property
    def bad_danish(self) -> bool:
        """The layer reads like OCR that lost æ/ø/å: if it is kept, repair must see it."""
        return self.repairable >= MAX_REPAIRABLE_SHARE


@dataclass(frozen=True)
class OcrChoice:
    use_ocr: bool
    reason: str
    quality: float | None


def _words(lines: list[Line]) -> list[str]:
    return [w.raw for line in lines for w in line.words]


def repairable_share(lines: list[Line]) -> float:
    """Share of a page's words that repair would change: high on text that lost Danish letters.

    Measured on the page's first lines up to a sample of words."""
    sample, n_words = [], 0
    for line in lines:
        if n_words >= REPAIRABLE_SAMPLE_WORDS:
            break
        sample.append(line.raw)
        n_words += len(line.words)
    if not n_words:
        return 0.0
    repaired = shared_repairer().repair_lines(sample)
    return sum(len(r.edits) for r in repaired) / n_words


def _garbled_share(words: list[str]) -> float:
    chars = sum(len(w) for w in words)
    bad = sum(w.count("\ufffd") + (len(w) if "(cid:" in w else 0) for w in words)
    return bad / chars if chars else 0.0


def assess_layer(lines: list[Line], has_images: bool, opts: IngestOptions) -> LayerAssessment:
    words = _words(lines)
    quality = text_quality(words)
    n_chars = sum(len(w) for w in words)
    danish = (danish_share(words) or 0.0) if n_chars >= MIN_LAYER_CHARS else 0.0
    repairable = repairable_share(lines) if danish >= MIN_DANISH_SHARE else 0.0

    def verdict(kind: LayerKind, reason: str) -> LayerAssessment:
        return LayerAssessment(kind, reason, quality, n_chars, repairable)

    if opts.ocr == "never":
        return verdict("disabled", "text layer (OCR disabled by --ocr never)")
    if opts.ocr == "always":
        return verdict("forced", "OCR forced by --ocr always")
    if n_chars < MIN_LAYER_CHARS:
        if not has_images:  # nothing drawn as an image, so there is no hidden text for OCR to find
            return verdict("blank", "little or no text and no images; text layer kept")
        return verdict("none", "no usable text layer")
    garbled = _garbled_share(words)
    if garbled > MAX_GARBLED_SHARE:
        return verdict("garbled", f"text layer garbled ({garbled:.0%} unmapped glyphs)")
    if danish < MIN_DANISH_SHARE:
        return verdict("foreign", "text layer kept (not Danish prose; the Danish lexicon cannot judge it)")
    if repairable >= MAX_REPAIRABLE_SHARE:
        return verdict("bad_danish", f"bad Danish text layer ({repairable:.0%} of words look like OCR that "
                                     f"lost Danish letters; lexicon share {quality or 0:.2f})")
    return verdict("good", f"text layer kept (lexicon share {quality or 0:.2f}, {repairable:.0%} repairable)")


def prefer_ocr(layer: LayerAssessment, ocr_lines: list[Line]) -> OcrChoice:
    """After OCR of a page that had a text layer, keep whichever reads better."""
    words = _words(ocr_lines)
    ocr_quality = text_quality(words)
    if layer.kind == "forced":
        return OcrChoice(True, layer.reason, ocr_quality)
    if layer.kind in ("none", "garbled"):
        ocr_chars = sum(len(w) for w in words)
        if ocr_chars > layer.n_chars:
            return OcrChoice(True, f"{layer.reason}; OCR read {ocr_chars} characters", ocr_quality)
        return OcrChoice(False, f"{layer.reason}; OCR found no more text, text layer kept", layer.quality)
    layer_badness = (layer.repairable, -(layer.quality or 0))
    ocr_badness = (repairable_share(ocr_lines), -(ocr_quality or 0))
    if ocr_badness < layer_badness:
        return OcrChoice(True, f"{layer.reason}; OCR reads better ({ocr_badness[0]:.0%} repairable, "
                               f"lexicon share {ocr_quality or 0:.2f})", ocr_quality)
    return OcrChoice(False, f"{layer.reason}; OCR no better, text layer kept", layer.quality)
