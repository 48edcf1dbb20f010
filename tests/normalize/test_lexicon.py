"""The Danish lexicon: hunspell words, compounds from parts, and the text-quality share."""

from __future__ import annotations

from normalize.lexicon import get_lexicon, letter_runs, text_quality
from tests.conftest import shared_path


def test_known_accepts_inflected_words_and_capitals() -> None:
    lexicon = get_lexicon()
    for word in ("økonomi", "Målopfyldelse", "løbende", "ØVRIGE", "være"):
        assert lexicon.known(word), word


def test_known_accepts_compounds_hunspell_misses() -> None:
    lexicon = get_lexicon()
    assert not lexicon.in_hunspell("erhvervsfremmeindsatsen")
    assert lexicon.known("erhvervsfremmeindsatsen")


def test_known_rejects_typical_ocr_damage() -> None:
    lexicon = get_lexicon()
    for word in ("gkonomi", "Igbende", "gvrige", "hgj", "iveerksaetter", "Fzelles"):
        assert not lexicon.known(word), word


def test_get_lexicon_is_cached() -> None:
    assert get_lexicon() is get_lexicon()


def test_letter_runs_ignore_numbers_and_punctuation() -> None:
    assert letter_runs("SMV:Grgn") == ["SMV", "Grgn"]
    assert letter_runs("2024,") == []


def test_text_quality_share_and_none() -> None:
    assert text_quality(["økonomi", "gkonomi", "12", "-", "i"]) == 0.5
    assert text_quality(["12", "3,5", "–"]) is None


def test_text_quality_separates_clean_from_ocr_text() -> None:
    clean = shared_path("seeds", "004_30143862525ec777.txt").read_text(encoding="utf-8").split()
    ocr = shared_path("seeds", "000_b927a9b7bf6e6fb7.txt").read_text(encoding="utf-8").split()
    assert text_quality(clean) > 0.95
    assert text_quality(ocr) < 0.9


def test_may_be_word_is_a_cheap_necessary_test() -> None:
    lexicon = get_lexicon()
    for word in ("målopfyldelse", "Erhvervsfremmeindsatsen", "på"):
        assert lexicon.may_be_word(word), word
    assert not lexicon.may_be_word("xqzvøæ")
