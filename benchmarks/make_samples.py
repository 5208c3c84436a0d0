"""Build the two committed sample PDFs of resolution 04-NQ/TU from seed 001's clean text.

    python -m benchmarks.make_samples [--shared ../shared]

`samples/resolution-04-NQ-TU.pdf` is born-digital (a text layer);
`samples/resolution-04-NQ-TU-scan.pdf` is the same document "scanned" at 200 dpi
(rotation, blur, grey paper, noise, JPEG) with no text layer. The header block
values come from the printed header as a human reads it (seed 000's first lines);
they are document metadata, not tuning. Output is deterministic (fixed seed,
invariant PDFs) so re-running does not churn git.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from benchmarks.scangen import Header, ScanStyle, parse_resolution, render_resolution, scan_pdf

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_STYLE = ScanStyle(dpi=200, jpeg_quality=20, noise=2.0, blur=1.0, max_angle=1.0)  # sized so both samples stay near 3 MB


def seed_path(shared: Path, prefix: str) -> Path:
    matches = sorted((shared / "seeds").glob(f"{prefix}_*.txt"))
    if not matches:
        sys.exit(f"seed {prefix} not found under {shared / 'seeds'}")
    return matches[0]


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--out", type=Path, default=ROOT / "samples")
    args = ap.parse_args(argv)
    doc = parse_resolution(seed_path(args.shared, "001").read_text(encoding="utf-8"))
    args.out.mkdir(parents=True, exist_ok=True)
    clean = args.out / "resolution-04-NQ-TU.pdf"
    scan = args.out / "resolution-04-NQ-TU-scan.pdf"
    truth = render_resolution(doc, Header(), clean)
    scan_pdf(clean, scan, SAMPLE_STYLE, seed=4)
    for p in (clean, scan):
        print(f"{p.relative_to(ROOT) if p.is_relative_to(ROOT) else p}: {p.stat().st_size / 1e6:.2f} MB")
    print(f"appendix: {len(truth)} landscape table pages, {sum(len(t.cells) for t in truth)} cells")


if __name__ == "__main__":
    main()
