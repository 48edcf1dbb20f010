"""`kkr bench records`: goals, overall fulfilment and target/result values against the hand-made gold.

Gold: gold/records/seed000_resultatkontrakt2024.json (Resultatkontrakt 2024 of seed 000). Cases: the seed
text file through the pipeline (with repair), the same text without repair (raw OCR), and the samples
made from it (born-digital and scanned PDF) when present.

Matching:
* goal fields: the predicted goal with the same number; scope and fulfilment must be equal; the title is
  'exact' when equal after case-folding and whitespace collapsing, 'folded' when equal after
  `sections_lines.fold` (Danish letters and OCR variants spelled out).
* values: per goal number and role (target / result), the multiset of values of all its records;
  recall = matched gold values / gold values, precision = matched / predicted values (values of goals the
  gold does not have count as unmatched). Records: a gold record is matched by one predicted record of the
  same goal and role with the same multiset of values (one to one).
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path

from rich.console import Console
from rich.table import Table

from extract.ingest_text import ingest_text
from extract.records import extract_records
from extract.sections import split_sections
from extract.sections_lines import fold
from schemas.records import Goal, Records

GOLD = ("gold", "records", "seed000_resultatkontrakt2024.json")
SEED = ("seeds", "000_b927a9b7bf6e6fb7.txt")
SAMPLES = ("resultatkontrakt_2024.pdf", "resultatkontrakt_2024_scanned.pdf")
ROLES = ("targets", "results")


def run(shared: Path, samples: Path | None = None) -> dict:
    """Score every available case, print a table, return {case: figures} (skipped cases carry a note)."""
    gold = json.loads(shared.joinpath(*GOLD).read_text(encoding="utf-8"))
    samples = samples or Path(__file__).resolve().parents[2] / "samples"
    figures: dict[str, dict] = {}
    seed = shared.joinpath(*SEED)
    figures["text_raw"] = score(_raw_text_records(seed), gold)
    cases = {"text": seed, "pdf": samples / SAMPLES[0], "scanned": samples / SAMPLES[1]}
    for case, path in cases.items():
        if not path.exists():
            figures[case] = {"note": f"skipped: {path} not found"}
            continue
        records = _pipeline_records(path)
        figures[case] = score(records, gold) if isinstance(records, Records) else {"note": records}
    _print(figures)
    return figures


def _raw_text_records(path: Path) -> Records:
    data = path.read_bytes()
    doc = ingest_text(path, data, path.stem, hashlib.sha256(data).hexdigest())
    return extract_records(doc, split_sections(doc))


def _pipeline_records(path: Path) -> Records | str:
    try:
        from extract.options import RunOptions
        from extract.pipeline import run_document
    except ImportError as exc:
        return f"skipped: pipeline not importable ({exc})"
    result = run_document(path, RunOptions())
    return result.records


def score(records: Records, gold: dict) -> dict:
    """Figures of one case; see the module docstring for the matching rules."""
    contract = records.contracts[0] if records.contracts else None
    predicted = {g.number: g for g in records.goals()}
    goal_rows = [_goal_fields(predicted.get(g["number"]), g) for g in gold["goals"]]
    values = _value_scores(predicted, gold)
    return {
        "goals_found": sum(r["number"] for r in goal_rows),
        "goals_gold": len(gold["goals"]),
        "goals_predicted": len(predicted),
        "goals_exact": sum(all(r[k] for k in ("number", "title", "scope", "fulfillment")) for r in goal_rows),
        "goals_exact_folded_title": sum(
            all(r[k] for k in ("number", "title_folded", "scope", "fulfillment")) for r in goal_rows
        ),
        "titles_exact": sum(r["title"] for r in goal_rows),
        "scopes": sum(r["scope"] for r in goal_rows),
        "fulfillments": sum(r["fulfillment"] for r in goal_rows),
        "overall": contract is not None and contract.overall_fulfillment_pct == gold["overall_fulfilment_pct"],
        "contract_year": contract is not None and contract.year == gold["year"],
        "organisation": contract is not None and contract.organisation == gold["organisation"],
        **values,
    }


def _goal_fields(goal: Goal | None, gold: dict) -> dict[str, bool]:
    if goal is None:
        return dict.fromkeys(("number", "title", "title_folded", "scope", "fulfillment"), False)
    return {
        "number": True,
        "title": " ".join(goal.title.casefold().split()) == " ".join(gold["title"].casefold().split()),
        "title_folded": fold(goal.title) == fold(gold["title"]),
        "scope": goal.scope == gold["scope"],
        "fulfillment": goal.fulfillment_pct == gold["fulfilment_pct"],
    }


def _key(value: float) -> float:
    return round(float(value), 4)


def _value_scores(predicted: dict[int, Goal], gold: dict) -> dict[str, float | int]:
    matched = gold_total = pred_total = rec_matched = rec_gold = rec_pred = 0
    gold_by_number = {g["number"]: g for g in gold["goals"]}
    for number in set(predicted) | set(gold_by_number):
        for role in ROLES:
            gold_records = [Counter(map(_key, r["values"])) for r in gold_by_number.get(number, {}).get(role, [])]
            pred_goal = predicted.get(number)
            pred_records = [Counter(map(_key, r.values)) for r in getattr(pred_goal, role, [])] if pred_goal else []
            gold_values, pred_values = sum(gold_records, Counter()), sum(pred_records, Counter())
            matched += sum((gold_values & pred_values).values())
            gold_total += sum(gold_values.values())
            pred_total += sum(pred_values.values())
            rec_gold, rec_pred = rec_gold + len(gold_records), rec_pred + len(pred_records)
            rec_matched += _one_to_one(gold_records, pred_records)
    return {
        "value_recall": matched / gold_total if gold_total else 0.0,
        "value_precision": matched / pred_total if pred_total else 0.0,
        "values_matched": matched,
        "values_gold": gold_total,
        "values_predicted": pred_total,
        "record_recall": rec_matched / rec_gold if rec_gold else 0.0,
        "record_precision": rec_matched / rec_pred if rec_pred else 0.0,
    }


def _one_to_one(gold_records: list[Counter], pred_records: list[Counter]) -> int:
    remaining = list(pred_records)
    hits = 0
    for record in gold_records:
        if record in remaining:
            remaining.remove(record)
            hits += 1
    return hits


def _print(figures: dict[str, dict]) -> None:
    table = Table(title="records vs gold (seed 000, Resultatkontrakt 2024)")
    for column in ("case", "goals exact", "exact (folded title)", "overall", "value R", "value P", "record R",
                   "record P", "note"):
        table.add_column(column)
    for case, f in figures.items():
        if "note" in f:
            table.add_row(case, *[""] * 7, f["note"])
            continue
        table.add_row(
            case,
            f"{f['goals_exact']}/{f['goals_gold']}",
            f"{f['goals_exact_folded_title']}/{f['goals_gold']}",
            "yes" if f["overall"] else "no",
            f"{f['value_recall']:.3f}",
            f"{f['value_precision']:.3f}",
            f"{f['record_recall']:.3f}",
            f"{f['record_precision']:.3f}",
            f"{f['values_matched']}/{f['values_gold']} gold, {f['values_predicted']} predicted",
        )
    Console().print(table)
