"""OCR repair of Danish: typical engine errors are fixed, correct Danish and non-words are left alone."""

from __future__ import annotations

import pytest

from extract.ingest_text import ingest_text
from normalize.repair import Repairer, repair_document, repair_text
from normalize.repair_channel import Channel, apply_edits
from tests.conftest import shared_path


@pytest.fixture(scope="module")
def repairer() -> Repairer:
    return Repairer()


def _texts(repairer: Repairer, lines: list[str]) -> list[str]:
    return [r.text for r in repairer.repair_lines(lines)]


def test_fixes_typical_ocr_errors(repairer: Repairer) -> None:
    """The text prints no å/æ/ø at all, so even the word 'mal' is read as the far commoner 'mål'."""
    lines = [
        "Erhvervshuset folger Igbende op pa gkonomi og de @vrige mal.",
        "| 2024 skal iveerksaetternes vaekst styrkes med hgj kvalitet.",
        "- Atbidrage til Fzelles losninger.",
    ]
    assert _texts(repairer, lines) == [
        "Erhvervshuset følger løbende op på økonomi og de øvrige mål.",
        "I 2024 skal iværksætternes vækst styrkes med høj kvalitet.",
        "- At bidrage til Fælles løsninger.",
    ]


def test_edits_record_span_rule_confidence_and_evidence(repairer: Repairer) -> None:
    raw = "Vi skal styrke gkonomi."
    [repair] = repairer.repair_lines([raw])
    [(start, end, edit)] = repair.edits
    assert raw[start:end] == edit.before == "gkonomi"
    assert edit.after == "økonomi"
    assert edit.rule == "channel:ø<-g"
    assert 0.8 <= edit.confidence <= 1
    assert edit.evidence


def test_layout_kept_line_for_line(repairer: Repairer) -> None:
    lines = ["  Erhvervshuset  arbejder pa sammen-", "hengende tiltag.", "", "\tnggleord"]
    out = _texts(repairer, lines)
    assert len(out) == len(lines)
    assert out[0] == "  Erhvervshuset  arbejder på sammen-"
    assert out[2] == ""
    assert out[3] == "\tnøgleord"


def test_word_hyphenated_at_line_end_is_repaired_in_place(repairer: Repairer) -> None:
    out = _texts(repairer, ["Vi sender en spgrgeskema-", "undersggelse ud."])
    assert out == ["Vi sender en spørgeskema-", "undersøgelse ud."]


def test_case_and_punctuation_preserved(repairer: Repairer) -> None:
    out = _texts(repairer, ['"Veerdiskabende”, (gkonomi) og ØKONOMI.', "NGGLEORD OG OVRIGE"])
    assert out[0] == '"Værdiskabende”, (økonomi) og ØKONOMI.'
    assert out[1] == "NØGLEORD OG ØVRIGE"


def test_numbers_dates_addresses_abbreviations_and_junk_untouched(repairer: Repairer) -> None:
    lines = [
        "Sag nr. 24/1234-ga den 26. januar 2025 kl. 10.30: 1.234,5 mio. kr.",
        "Skriv til HAST@kI.dk eller se https://www.kkr.dk/gar/mal.",
        "NBE, STAR og SEL deltager. m———ssm EEE——— sss",
    ]
    assert _texts(repairer, lines) == lines


def test_zero_read_for_o_slash_inside_words_only(repairer: Repairer) -> None:
    """An engine's 0 for ø among letters is repaired; numbers, codes and one-letter pieces keep theirs."""
    lines = ["Vi f0lger l0bende op på 0konomien og st0tte til h0j kvalitet.",
             "Sag 24/1034-ga, CO2, 10 mio., 2030, B2B og A0-plakat, x0-aksen."]
    assert _texts(repairer, lines) == ["Vi følger løbende op på økonomien og støtte til høj kvalitet.", lines[1]]
    assert _texts(repairer, ["Vi st0tter regionen/0vrige kommuner."]) == ["Vi støtter regionen/øvrige kommuner."]


def test_aa_for_a_ring_but_names_spelt_with_aa_kept(repairer: Repairer) -> None:
    lines = ["De gaar paa arbejde i Aalborg og Aabenraa.", "Maalet er naaet."]
    assert _texts(repairer, lines) == ["De går på arbejde i Aalborg og Aabenraa.", "Målet er nået."]


def test_fused_words_split(repairer: Repairer) -> None:
    assert _texts(repairer, ["Sammenligning af kendetegni dag."]) == ["Sammenligning af kendetegn i dag."]


def test_pipe_is_capital_i_only_before_a_word_or_year(repairer: Repairer) -> None:
    lines = ["Opgaven er løst. | den sammenhæng", "Afrapportering | Erhvervsstyrelsen", "10 | 4 | 5"]
    assert _texts(repairer, lines) == ["Opgaven er løst. I den sammenhæng", *lines[1:]]


def test_pipe_before_a_capitalised_word_only_at_a_sentence_start_in_prose(repairer: Repairer) -> None:
    lines = ["til ugunst for regionen. | Sjælland er der et tæt samarbejde.",
             "Opgaven sker årligt. | Erhvervshus Nord | 2024", "Status | Region Sjælland"]
    assert _texts(repairer, lines) == ["til ugunst for regionen. I Sjælland er der et tæt samarbejde.", *lines[1:]]


def test_l_read_as_capital_i_or_one_in_an_abbreviation(repairer: Repairer) -> None:
    """'p/I-23' keeps one case, so the I is an l; 'p/1-23' becomes 'p/l-23' only because the same
    document prints that form twice. Numbers, I/S and ranges stay."""
    lines = ["Budget 2024 (p/I-23) og overslag (p/I-23).", "Rammen (p/1-23) mod 1-23 og 2,1 mio.",
             "Selskabet I/S og A/I samt nr. 1-2."]
    out = _texts(repairer, lines)
    assert out == ["Budget 2024 (p/l-23) og overslag (p/l-23).", "Rammen (p/l-23) mod 1-23 og 2,1 mio.", lines[2]]
    assert _texts(repairer, lines[1:]) == lines[1:]
    rules = {e.rule for r in repairer.repair_lines(lines) for _, _, e in r.edits}
    assert rules == {"case:l<-I", "document:l<-1"}


def test_caseless_glyph_takes_the_case_the_document_prints(repairer: Repairer) -> None:
    """'@' has no case: after 'Borgmestre' the document prints Øvrige (Dvrige), in prose øvrige."""
    lines = [
        "Borgmestre Dvrige KKR- Borgmestre @vrige KKR-",
        "Det gælder borgmestre og de @vrige medlemmer.",
    ]
    assert _texts(repairer, lines) == [
        "Borgmestre Øvrige KKR- Borgmestre Øvrige KKR-",
        "Det gælder borgmestre og de øvrige medlemmer.",
    ]


def test_ambiguous_word_follows_the_document(repairer: Repairer) -> None:
    """'mal' is a word, but in a document that never prints å and writes mål-words everywhere it is mål."""
    ocr = [
        "Malopfyldelse og malsaetning pa omradet.",
        "Resultatmalene og delmalene malrettes arligt.",
        "Malet er nået, og malet males igen, sa malopfyldelsen er hgj.",
    ]
    out = _texts(repairer, ocr)
    assert out[2].startswith("Målet er nået, og målet måles igen, så målopfyldelsen")
    clean = ["Væggen er malet blå, så malet tørrer på én dag.", "Målet er nået."]
    assert _texts(repairer, clean) == clean


def test_correct_danish_unchanged(repairer: Repairer) -> None:
    lines = [
        "Kommunerne i regionen samarbejder om målopfyldelse, økonomi og løbende opfølgning.",
        "Erhvervsfremmeindsatsen for iværksættere skal være sammenhængende og tilgængelig for alle.",
        "Det er før tid at sige, om bestyrelsen får flere midler, men den bør få dem.",
    ]
    assert _texts(repairer, lines) == lines


def test_clean_seed_text_left_alone(repairer: Repairer) -> None:
    lines = shared_path("seeds", "004_30143862525ec777.txt").read_text(encoding="utf-8").split("\n")
    assert sum(len(r.edits) for r in repairer.repair_lines(lines)) == 0


@pytest.mark.parametrize("part", ["seed000_0001-0680", "seed000_1350-2963"])
def test_gold_text_itself_left_alone(repairer: Repairer, part: str) -> None:
    lines = shared_path("gold", "ocr", f"{part}.gold.txt").read_text(encoding="utf-8").split("\n")
    words = sum(len(line.split()) for line in lines)
    edits = sum(len(r.edits) for r in repairer.repair_lines(lines))
    assert edits <= 0.001 * words


def test_gold_word_errors_cut(repairer: Repairer) -> None:
    from extract.bench.repair import PARTS, SEED, score

    seed = shared_path(*SEED).read_text(encoding="utf-8").split("\n")
    for name, first, last in PARTS:
        gold = shared_path("gold", "ocr", f"{name}.gold.txt").read_text(encoding="utf-8").split("\n")[:-1]
        noise_file = shared_path("gold", "ocr", f"{name}.noise.txt")
        noise = {int(n) - first for n in noise_file.read_text().split()}
        inputs = seed[first - 1 : last]
        figures = score(inputs, gold, _texts(repairer, inputs), noise).figures()
        assert figures["reduction"] >= 0.90, name
        assert figures["damage_rate"] <= 0.002, name


def test_damage_of_another_engine_repaired_from_the_document_itself() -> None:
    """Clean gold and slides damaged with other forms (ø->o/0/e, å->aa, ...) than seed 000's engine
    used: the repairer learns each document's forms, and still cuts 90% of word errors."""
    from extract.bench.repair import SLIDES, other_engine_scores

    texts = {part: shared_path("gold", "ocr", f"{part}.gold.txt").read_text(encoding="utf-8").split("\n")
             for part in ("seed000_0001-0680", "seed000_1350-2963")}
    texts["slides"] = shared_path(*SLIDES).read_text(encoding="utf-8").split("\n")
    for name, figures in other_engine_scores(Repairer(), texts).items():
        assert figures["wer_before"] > 0.05, name  # the generator did damage the text
        assert figures["reduction"] >= 0.90, name
        assert figures["damage_rate"] <= 0.002, name


def test_repair_text_keeps_final_newline(repairer: Repairer) -> None:
    assert repair_text("pa gkonomi\nog mere\n", repairer) == "på økonomi\nog mere\n"


def test_channel_proposes_readings_best_first() -> None:
    readings = [apply_edits("hgj", edits) for _, edits in Channel().candidates("hgj")]
    assert readings[0] == "høj"


def test_repair_document_sets_text_and_word_edits(repairer: Repairer) -> None:
    doc = ingest_text(_path(), "pa gkonomi\nGod økonomi\n".encode(), "doc", "0" * 64)
    repaired = repair_document(doc, repairer)
    line = repaired.pages[0].lines[0]
    assert line.raw == "pa gkonomi" and line.text == "på økonomi"
    assert [w.text for w in line.words] == ["på", "økonomi"]
    assert line.words[1].edits[0].before == "gkonomi"
    assert doc.pages[0].lines[0].text == "pa gkonomi"  # the input is not mutated


def test_repair_document_skips_good_text_layer(repairer: Repairer) -> None:
    doc = ingest_text(_path(), b"pa gkonomi\n", "doc", "0" * 64)
    page = doc.pages[0].model_copy(update={"text_source": "text_layer", "text_quality": 0.99})
    doc = doc.model_copy(update={"pages": [page]})
    assert repair_document(doc, repairer).pages[0].lines[0].text == "pa gkonomi"


def test_repair_document_repairs_a_kept_bad_text_layer(repairer: Repairer) -> None:
    doc = ingest_text(_path(), b"pa gkonomi\n", "doc", "0" * 64)
    page = doc.pages[0].model_copy(update={"text_source": "text_layer", "bad_text_layer": True})
    doc = doc.model_copy(update={"pages": [page]})
    assert repair_document(doc, repairer).pages[0].lines[0].text == "på økonomi"


def _path():
    from pathlib import Path

    return Path("memo.txt")
