"""Build the sample packets in samples/ and their expected outputs in samples/truth/.

    python samples/make_samples.py                  # everything, into samples/
    python samples/make_samples.py --out /tmp/s --no-scan --frozen samples/truth/resultatkontrakt_2024.lines.tsv

Reads ../shared (or $KKR_SHARED): seeds/000_*.txt and 004_*.txt, gold/ocr/*.gold.txt and
gold/records/*.csv. Deterministic: fixed noise seeds, fixed PDF dates/IDs (reportlab invariant mode).
Seed 000 lines without gold text go through normalize.repair when it is importable (else raw);
``--frozen`` replays the line texts recorded by an earlier build instead. See samples/README.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))
if str(REPO) not in sys.path:
    sys.path.append(str(REPO))  # appended: a PYTHONPATH export of committed code (see README) wins

from kkr_samples import bilag, contract, letter, scan, slides, truth  # noqa: E402
from kkr_samples.sources import FrozenRepairer, LineRepairer, Sources, default_shared  # noqa: E402

CONTRACT = "resultatkontrakt_2024.pdf"
SCANNED = "resultatkontrakt_2024_scanned.pdf"
BILAG = "kkr_nordjylland_2025_bilag_tabeller.pdf"
LETTER = "brev_og_notat_bad_ocr_layer.pdf"
OCR_TXT = "kkr_nordjylland_2025_ocr.txt"
SLIDES = "kkr_mode_2022_slides.pdf"
SCAN_SEED = 2024
SCAN_DATE = dt.datetime(2025, 8, 27, 9, 30, 0)
MAX_TOTAL_BYTES = 5 * 1024 * 1024
# Characters of the seed that cp1252 cannot hold, with their closest honest spelling (NFKC).
CP1252_SUBSTITUTES = {"\ufb01": "fi", "\ufb02": "fl"}


def stem(name: str) -> str:
    return name.rsplit(".", 1)[0]


def write_ocr_text(out: Path, src: Sources) -> dict:
    """The full seed 000 as an archive text file: cp1252, CRLF line ends (no final line end, as the seed)."""
    subs = []
    lines = []
    for no, line in enumerate(src.seed000, start=1):
        for ch, repl in CP1252_SUBSTITUTES.items():
            if ch in line:
                subs.append({"line": no, "char": f"U+{ord(ch):04X}", "written_as": repl})
                line = line.replace(ch, repl)
        lines.append(line)
    (out / OCR_TXT).write_bytes("\r\n".join(lines).encode("cp1252"))
    return {"kind": "ocr_text_file", "encoding": "cp1252", "line_ends": "CRLF", "n_lines": len(lines),
            "source": "seeds/000_b927a9b7bf6e6fb7.txt (all lines, unchanged except cp1252_substitutions)",
            "cp1252_substitutions": subs}


def build(out: Path, shared: Path, do_scan: bool, repairer: LineRepairer) -> dict:
    src = Sources(shared)
    tdir = out / "truth"
    (tdir / "tables").mkdir(parents=True, exist_ok=True)
    samples: dict[str, dict] = {}
    tables: list[dict] = []

    c = contract.build(out / CONTRACT, src, repairer)
    truth.write_pages(tdir / f"{stem(CONTRACT)}.pages.json", c.pages)
    truth.write_lines(tdir / f"{stem(CONTRACT)}.lines.tsv", c.lines)
    origins = sorted({ln.origin for ln in c.lines})
    samples[CONTRACT] = {"kind": "born_digital", "pages": len(c.pages), "page_size": "A4",
                         "truth": f"{stem(CONTRACT)}.pages.json", "lines": f"{stem(CONTRACT)}.lines.tsv",
                         "seed000_lines": [contract.FIRST, contract.LAST], "line_origins": origins,
                         "repair": repairer.note}
    for spec in c.tables:
        truth.write_table(tdir / "tables" / f"{spec.table_id}.csv", spec)
        tables.append(truth.table_entry(spec, CONTRACT, f"{spec.table_id}.csv"))

    if do_scan:
        n = scan.scan_pdf(out / CONTRACT, out / SCANNED, SCAN_SEED, "Resultatkontrakt 2024 (scan)", SCAN_DATE)
        shutil.copyfile(tdir / f"{stem(CONTRACT)}.pages.json", tdir / f"{stem(SCANNED)}.pages.json")
        samples[SCANNED] = {"kind": "scanned_image_only", "pages": n, "dpi": scan.DPI, "image": "1-bit CCITT G4",
                            "noise_seed": SCAN_SEED, "truth": f"{stem(SCANNED)}.pages.json",
                            "rendered_from": CONTRACT}

    b = bilag.build(out / BILAG, src)
    truth.write_pages(tdir / f"{stem(BILAG)}.pages.json", b.pages)
    samples[BILAG] = {"kind": "born_digital", "pages": len(b.pages), "page_size": "A4",
                      "truth": f"{stem(BILAG)}.pages.json", "text": "gold"}
    for spec in b.tables:
        truth.write_table(tdir / "tables" / f"{spec.table_id}.csv", spec)
        tables.append(truth.table_entry(spec, BILAG, f"{spec.table_id}.csv"))

    if do_scan:
        lt = letter.build(out / LETTER, src)
        truth.write_pages(tdir / f"{stem(LETTER)}.pages.json", lt.pages)
        truth.write_pages(tdir / f"{stem(LETTER)}.textlayer.json", lt.layer_pages)
        samples[LETTER] = {"kind": "scan_with_bad_ocr_layer", "pages": len(lt.pages), "dpi": letter.DPI,
                           "image": "grayscale JPEG", "seed000_lines": [letter.FIRST, letter.LAST],
                           "truth": f"{stem(LETTER)}.pages.json", "text_layer": f"{stem(LETTER)}.textlayer.json"}

    s = slides.build(out / SLIDES, src.seed004)
    truth.write_pages(tdir / f"{stem(SLIDES)}.pages.json", s.pages)
    samples[SLIDES] = {"kind": "born_digital_slides", "pages": len(s.pages), "page_size": "960x540 pt (16:9)",
                       "truth": f"{stem(SLIDES)}.pages.json", "source": "seeds/004_30143862525ec777.txt"}

    samples[OCR_TXT] = write_ocr_text(out, src)
    manifest = {"generator": "samples/make_samples.py", "versions": _versions(), "samples": samples,
                "tables": tables}
    truth.write_json(tdir / "manifest.json", manifest)
    return manifest


def _versions() -> dict:
    import PIL
    import reportlab

    return {"reportlab": reportlab.Version, "pillow": PIL.__version__}


def total_size(out: Path) -> int:
    return sum(p.stat().st_size for p in out.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=HERE, help="output directory (default: samples/)")
    ap.add_argument("--shared", type=Path, default=default_shared(REPO), help="../shared or $KKR_SHARED")
    ap.add_argument("--no-scan", action="store_true", help="skip the two image samples (faster)")
    ap.add_argument("--no-repair", action="store_true", help="use raw seed lines where no gold exists")
    ap.add_argument("--frozen", type=Path, help="replay line texts from a lines.tsv of an earlier build")
    args = ap.parse_args(argv)
    if not (args.shared / "seeds").is_dir():
        print(f"shared material not found at {args.shared} (set KKR_SHARED)", file=sys.stderr)
        return 2
    if args.frozen:
        repairer: LineRepairer = FrozenRepairer(truth.read_lines(args.frozen))
    else:
        repairer = LineRepairer(use_repair=not args.no_repair)
    args.out.mkdir(parents=True, exist_ok=True)
    manifest = build(args.out, args.shared, not args.no_scan, repairer)
    for name, info in manifest["samples"].items():
        size = (args.out / name).stat().st_size
        print(f"{name:45s} {info.get('pages', info.get('n_lines')):>5} {'pages' if 'pages' in info else 'lines'}"
              f" {size / 1024:8.1f} KiB")
    size = total_size(args.out)
    print(f"total {size / 1024 / 1024:.2f} MiB; line texts: {repairer.note}")
    if args.out.resolve() == HERE and size > MAX_TOTAL_BYTES:
        print("samples/ is over 5 MB", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    raise SystemExit(main())
