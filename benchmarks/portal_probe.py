"""The e-government portal's received-stamp on 1-bit 200 dpi scans: what it costs the catalogue record.

`python -m benchmarks.portal_probe [N] [--ocr-cache DIR]` draws the first N (default 10) forms of the dev
seeds central 3001 and 3002 and default 2031, scans each twice the way the portal publishes them (1-bit,
200 dpi), once plain and once with `ScanStyle.portal_stamp` a few days after the form's date, ingests both
(OCR cached under benchmarks/.cache/portal/ocr, or DIR: the cache is keyed by the pipeline's version, not
its code, so an ingest change under test needs a folder of its own) and scores the record against the
form's truth (bench_catalogue.check), and the stamped scans' `received` (by the portal, on the stamp's day).
A development probe: never an unseen seed.
"""

from __future__ import annotations

import datetime
import random
from collections import defaultdict
from pathlib import Path

from benchmarks.bench_catalogue import FIELDS, check
from benchmarks.bench_forms import MARKS
from benchmarks.catalogue_cache import ingested
from benchmarks.formgen import draw_forms, render_form
from benchmarks.scangen import ScanStyle, scan_pdf

CACHE = Path(__file__).resolve().parent / ".cache" / "portal"
PORTAL = "CỔNG THÔNG TIN ĐIỆN TỬ CHÍNH PHỦ"
RUNS = (("central", 3001), ("central", 3002), ("default", 2031))
PORTAL_SCAN = dict(dpi=200, bilevel=True, blur=0.6, noise=4.0, specks=60)


def main(per: int = 10, ocr_cache: Path = CACHE / "ocr") -> None:
    from vnresolve import parsers

    fields = FIELDS + MARKS
    tally: dict[str, dict[str, int]] = {v: defaultdict(int) for v in ("plain", "stamp")}
    for plan, seed in RUNS:
        folder = CACHE / f"{plan}-{seed}"
        folder.mkdir(parents=True, exist_ok=True)
        for k, form in enumerate(draw_forms(seed, plan=plan)[:per]):
            stem = f"{k:02d}-{form.system}-{form.doc_type}"
            clean = folder / f"{stem}.pdf"
            if not clean.exists():
                render_form(form, clean)
            day = datetime.date(*form.date) + datetime.timedelta(days=2 + k % 5)
            scan_seed = random.Random(seed * 1000 + k).randrange(1 << 30)
            for variant, stamp in (("plain", None), ("stamp", day.strftime("%d/%m/%Y"))):
                scanned = folder / f"{stem}.{variant}.pdf"
                if not scanned.exists():
                    scan_pdf(clean, scanned, ScanStyle(**PORTAL_SCAN, portal_stamp=stamp), seed=scan_seed)
                meta = parsers.parse(ingested(scanned, ocr_cache)).metadata
                result = check(meta, form.truth(clean.name, scanned.name), fields)
                t = tally[variant]
                t["docs"] += 1
                t["fields"] += len(result["right"])
                t["right"] += sum(result["right"].values())
                t["certain_wrong"] += result["certain_wrong"]
                got = [(r.by, r.number, r.date) for r in meta.received]
                if variant == "stamp":
                    t["by"] += any(r.by == PORTAL for r in meta.received)
                    t["day"] += any(r.date == day.isoformat() for r in meta.received)
                    t["day_wrong"] += any(r.date not in (None, day.isoformat()) for r in meta.received)
                else:
                    t["received"] += bool(got)  # a plain scan has no stamp to record
                print(f"  {plan}-{seed} {stem} [{variant}]: "
                      + ("all right" if not result["misses"] else "; ".join(result["misses"])) + f"; received {got}")
    for variant, t in tally.items():
        extra = (f"; received by the portal {t['by']}/{t['docs']}, its day {t['day']}/{t['docs']} "
                 f"(another day {t['day_wrong']})" if variant == "stamp" else f"; a received stamp recorded {t['received']}")
        print(f"{variant}: {t['right']}/{t['fields']} fields right, wrong but marked certain {t['certain_wrong']}{extra}")


if __name__ == "__main__":
    import argparse

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("per", nargs="?", type=int, default=10, help="forms of each seed (10)")
    ap.add_argument("--ocr-cache", type=Path, default=CACHE / "ocr", help="folder of the ingested scans' cache")
    args = ap.parse_args()
    main(args.per, args.ocr_cache)
