"""Records: goals, targets, results, fulfilment, provenance and the CSV rows, in both layouts."""

from __future__ import annotations

import json

from extract.bench.records import score
from extract.records import extract_records
from extract.sections import split_sections
from schemas.document import Document, Line, Page, Source, Word
from schemas.geometry import BBox
from tests.extract.test_sections import LONG_REPORT, doc_from_file, doc_from_text


def records_of(doc: Document):
    return extract_records(doc, split_sections(doc))


def test_long_report_targets_results_fulfilment():
    records = records_of(doc_from_text(LONG_REPORT))
    goals = records.goals()
    assert [g.number for g in goals] == [1, 2]
    g1, g2 = goals
    assert g1.title == "Kendskab" and g1.scope == "national" and g1.fulfillment_pct == 100
    assert [t.values for t in g1.targets] == [[50]] and g1.targets[0].comparator == ">="
    assert [(r.values, r.kind) for r in g1.results] == [([52], "kpi")]
    assert [t.values for t in g2.targets] == [[70]]
    assert [r.values for r in g2.results] == [[61]] and g2.fulfillment_pct == 87
    assert records.contracts[0].year == 2024
    assert g1.results[0].prov[0].line_no == 12 and g1.results[0].prov[0].origin == "text_file"


def test_years_alone_are_not_records_but_join_the_next_sentence():
    text = (
        "Resultatkontrakt 2024\n\nMål 1 — Kendskab\n\nAfrapportering og målopfyldelse — Mål 1\n\n"
        "Der har ikke været et mål for 2024.\n\nMålingen blev foretaget ultimo 2023. Graden lå på 50%.\n\n"
        "Målopfyldelsen er således 100 %\n\nMål 2 — Andet\n\nMålopfyldelsen er således 90 %\n"
    )
    goal = records_of(doc_from_text(text)).goals()[0]
    assert [r.values for r in goal.results] == [[2023, 50]]


def test_no_goals_without_contract():
    records = records_of(doc_from_text("1. Meddelelser\n\nIngen.\n\n2. Budget\n\nVi bruger 5 mio. kr.\n"))
    assert records.contracts == [] and records.goals() == []
    assert {k: len(v) for k, v in records.rows().items()} == {
        "sections.csv": 2, "contracts.csv": 0, "goals.csv": 0, "targets.csv": 0, "results.csv": 0
    }


def test_pdf_provenance_is_the_union_of_the_sentence_word_boxes():
    def line(no: int, words: list[tuple[str, float]], top: float) -> Line:
        text = " ".join(w for w, _ in words)
        out, cursor = [], 0
        for w, x in words:
            at = text.index(w, cursor)
            out.append(Word(raw=w, text=w, span=(at, at + len(w)), confidence=1.0,
                            bbox=BBox(x0=x, top=top, x1=x + 6 * len(w), bottom=top + 10)))
            cursor = at + len(w)
        return Line(line_no=no, raw=text, text=text, words=out,
                    bbox=BBox.enclosing(w.bbox for w in out if w.bbox))

    lines = [
        line(1, [("Resultatkontrakt", 50), ("2024", 160)], 40),
        line(2, [("Mål", 50), ("1", 80), ("—", 90), ("Kendskab", 100)], 80),
        line(3, [("Mål", 50), ("2", 80), ("—", 90), ("Trivsel", 100)], 120),
        line(4, [("Afrapportering", 50), ("og", 150), ("målopfyldelse", 170), ("—", 260), ("Mål", 270),
                 ("2", 300)], 160),
        line(5, [("Det", 50), ("har", 80), ("61%", 110), ("gjort.", 140)], 200),
        line(6, [("Målopfyldelsen", 50), ("er", 150), ("87%", 170)], 240),
    ]
    source = Source(path="x.pdf", filename="x.pdf", sha256="0" * 64, mimetype="application/pdf",
                    size_bytes=1, n_pages=1)
    doc = Document(doc_id="pdfcase", source=source,
                   pages=[Page(page_no=1, width=600, height=800, text_source="text_layer", lines=lines)])
    records = records_of(doc)
    goal2 = records.goals()[1]
    assert goal2.fulfillment_pct == 87
    prov = goal2.results[0].prov[0]
    assert (prov.page_no, prov.line_no, prov.origin) == (1, 5, "text_layer")
    assert prov.bbox == BBox(x0=50, top=200, x1=176, bottom=210)
    row = records.rows()["results.csv"][0]
    assert row.bbox == "50.00,200.00,176.00,210.00" and json.loads(row.values) == [61]


def test_seed000_raw_ocr_meets_the_gold(seed000, gold_dir):
    gold = json.loads((gold_dir / "records" / "seed000_resultatkontrakt2024.json").read_text(encoding="utf-8"))
    figures = score(records_of(doc_from_file(seed000)), gold)
    assert figures["goals_found"] == 10 and figures["scopes"] == 10 and figures["fulfillments"] == 10
    assert figures["overall"] and figures["contract_year"] and figures["organisation"]
    assert figures["value_recall"] >= 0.95 and figures["value_precision"] >= 0.95


def test_seed004_slides(seed004):
    records = records_of(doc_from_file(seed004))
    contract = records.contracts[0]
    assert (contract.year, contract.overall_fulfillment_pct) == (2021, 97)
    goals = {g.number: g for g in records.goals()}
    assert len(goals) == 12
    assert [g.scope for g in goals.values()].count("regional") == 4
    assert (goals[8].fulfillment_pct, goals[8].overview_fulfillment_pct) == (98, 96)
    assert goals[2].fulfillment_pct is None  # the slide only says '= Mål 10'
    assert [t.values for t in goals[3].targets] == [[80], [70]]
    assert [r.values for r in goals[3].results] == [[73.7, 92], [79, 100]]
    assert [t.values for t in goals[12].targets] == [[350], [600]]
    # the running title 'Resultatkontrakt 2021 – mål 5 og 6' is not a result of goal 4
    assert all(5 not in r.values for r in goals[4].results)


def test_organisation_is_the_party_that_reports_to_kkr_whatever_it_is_called():
    preamble = ("Denne resultatkontrakt er en aftale mellem kommunerne i KKR Syddanmark og Business Region\n"
                "Fyn om mål for 2024.\n\nBusiness Region Fyn afrapporterer årligt til KKR Syddanmark.\n"
                "Erhvervsstyrelsen afrapporterer til KL en gang årligt.\n\n")
    contract = records_of(doc_from_text(LONG_REPORT.replace("Resultatkontrakt 2024\n", "Resultatkontrakt 2024\n"
                                                                  + preamble, 1))).contracts[0]
    assert contract.organisation == "Business Region Fyn"
    assert records_of(doc_from_text(LONG_REPORT)).contracts[0].organisation is None  # nobody named: no guess
