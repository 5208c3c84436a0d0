"""The forms benchmark's typeset documents scanned in styles outside its mix (development figure).

    python -m benchmarks.forms_stress [SEED ...]      # default: the development seeds 2030-2034

Each typeset PDF of a seed (benchmarks/bench_forms.py) is scanned in turn as a photocopy (toner
haze and specks), on a scanner with its lid's dark edges and punch holes, or at 150 dpi in colour
with the seal and signature, and scored as bench_forms scores its scans. The catalogue's rules were
fixed on what these showed, so the figures are development figures: a seed's first run is the
honest one. Never run it on a seed kept unseen (bench_forms' documentation names them).
Scans and OCR are cached under benchmarks/.cache/forms/stress-*.
"""

from __future__ import annotations

import sys

from benchmarks.bench_catalogue import FIELDS, check
from benchmarks.bench_forms import CACHE, MARKS, documents, generator_version
from benchmarks.catalogue_cache import ingested
from benchmarks.scangen import ScanStyle, scan_pdf

STYLES: tuple[tuple[str, ScanStyle], ...] = (
    ("photocopy", ScanStyle(photocopy=True, max_angle=1.0)),
    ("lid", ScanStyle(border=True, max_angle=1.5, jpeg_quality=50)),
    ("lowres", ScanStyle(dpi=150, colour=True, seal=True, signature=True, max_angle=1.0, jpeg_quality=60)),
)
SEEDS = (2030, 2031, 2032, 2033, 2034)


def run(seed: int) -> tuple[int, int, int]:
    """(fields right, fields, wrong while marked certain) on the seed's stress scans; prints each miss."""
    from vnresolve import parsers

    docs = documents(seed)
    typeset = CACHE / f"s{seed}-{generator_version()}"
    folder = CACHE / f"stress-s{seed}-{generator_version()}"
    folder.mkdir(parents=True, exist_ok=True)
    right = total = sure_wrong = 0
    for k, truth in enumerate(docs):
        name, style = STYLES[k % len(STYLES)]
        scanned = folder / f"{k:02d}-{name}.pdf"
        if not scanned.exists():
            scan_pdf(typeset / truth["file"], scanned, style, seed=seed * 7 + k)
        result = check(parsers.parse(ingested(scanned, folder / "ocr")).metadata, truth, FIELDS + MARKS)
        right += sum(result["right"][f] for f in FIELDS if f in result["right"])
        total += sum(1 for f in FIELDS if f in result["right"])
        sure_wrong += result["certain_wrong"]
        if result["misses"]:
            print(f"  {seed} {scanned.name}: " + "; ".join(result["misses"]), flush=True)
    print(f"seed {seed}, stress scans: {right}/{total} fields right; wrong but marked certain (all fields): {sure_wrong}")
    return right, total, sure_wrong


def main(argv: list[str]) -> None:
    for seed in [int(a) for a in argv] or SEEDS:
        run(seed)


if __name__ == "__main__":
    main(sys.argv[1:])
