"""Learn the mark channel (diacritics/marks.py) from real scans' OCR, without truth.

    python -m training.marks_train --out diacritics/model

The real scans of ../shared/realscans are read as `vnresolve ingest` reads them (clean-up and
Tesseract `vie`, restoration off) and as plain `tesseract -l vie` reads them; the texts are cached
in training/.cache/realscans/ (they hold the documents' text, so they are never committed). Hard
EM: each round restores every page with the current table and counts, for every word, what its
reading's marks became in the OCR (marks.kind); a kind's probability is its count over the
readings of its intended tone and vowel shape, smoothed towards the starting table. The
documents of the held-out truth pages (HELD_OUT) are never read, so their figures stay unseen.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import tempfile
from pathlib import Path

import numpy as np

from vnresolve.diacritics.marks import FILE, GAINED, SAME, SHAPE, MarkChannel, kind, signature
from vnresolve.diacritics.syllables import is_syllable
from vnresolve.diacritics.vntext import normalize_tone

ROOT = Path(__file__).resolve().parents[1]
SCANS = ROOT.parent / "shared" / "realscans"
CACHE = ROOT / "training" / ".cache" / "realscans"
# the documents whose proofread pages (benchmarks/truth/pages) are the held-out real-scan figures
HELD_OUT = ("da-nang/1.pdf", "quang-ngai/23BC_signed.pdf")
ROUNDS = 3
PRIOR_WEIGHT = 50.0  # pseudo-readings of each intended class that hold the starting table
START_SHAPED_DROP = 0.02  # a tone lost above a circumflex, breve or horn
START_OTHER = 0.001  # any other mark damage
_WORD = re.compile(r"[^\W\d_]+")


def start_table() -> np.ndarray:
    p = np.zeros(SHAPE)
    for ti in range(SHAPE[0]):
        for to in range(SHAPE[1]):
            for si in range(2):
                for change in range(4):
                    if ti == to and change == SAME:
                        continue  # the undamaged reading
                    if change != GAINED:
                        p[ti, to, si, change] = START_SHAPED_DROP if (si and to == 0 and ti and change == SAME) else START_OTHER
    return p


def documents() -> list[Path]:
    held = {SCANS / name for name in HELD_OUT}
    return [p for p in sorted(SCANS.glob("*/*.pdf")) if p.parent.name != "quang-ngai-born-digital" and p not in held]


def page_texts(pdf: Path) -> list[str]:
    """The pipeline's OCR and plain Tesseract's of each page of pdf (cached)."""
    from PIL import Image

    import vnresolve
    from benchmarks.bench_realpages import page_image
    from vnresolve.ingest import tesseract

    CACHE.mkdir(parents=True, exist_ok=True)
    cached = CACHE / f"{pdf.parent.name}_{pdf.stem}.json"
    if not cached.exists():
        result = vnresolve.convert(pdf, vnresolve.PipelineOptions(restore=False))
        ours = [p.text for p in result.document.pages] if result.document else []
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
        raw = []
        for number in range(1, pages + 1):
            with tempfile.TemporaryDirectory(prefix="vnr-marks-") as tmp:
                with Image.open(page_image(pdf, number, Path(tmp) / "page.png")) as img:
                    raw.append(tesseract.plain_text(img, "vie", psm=3))
        cached.write_text(json.dumps({"ours": ours, "raw": raw}, ensure_ascii=False), encoding="utf-8")
    data = json.loads(cached.read_text(encoding="utf-8"))
    return data["ours"] + data["raw"]


def count(restorer, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """(readings per kind, readings per intended tone and shape) over the restored texts."""
    kinds = np.zeros(SHAPE)
    totals = np.zeros(SHAPE[0:1] + SHAPE[2:3])
    for text in texts:
        result = restorer.restore(text)
        changed, shift = {}, 0  # change offsets are into the restored text: map them back
        for c in result.changes:
            changed[c.start - shift] = c
            shift += len(c.restored) - len(c.original)
        for m in _WORD.finditer(text):
            obs = normalize_tone(m.group().lower())  # a tone placed in the old style is no damage
            change = changed.get(m.start())
            if change is not None and change.original != m.group():
                change = None
            reading, weight = (change.restored.lower(), change.confidence) if change else (obs, 1.0)
            if not is_syllable(reading) or not is_syllable(obs):
                continue
            tone, _base, _n, shaped = signature(reading)
            totals[tone, shaped] += 1
            if reading != obs:
                k = kind(reading, obs)
                kinds[k] += weight
                totals[tone, shaped] -= 1 - weight  # the rest of an unsure change stays with the word as read
    return kinds, totals


def learn(texts: list[str], model_dir: Path, rounds: int = ROUNDS) -> np.ndarray:
    """The table after `rounds` rounds of hard EM with the rest of the model in model_dir."""
    from vnresolve.diacritics.ngram import NgramRestorer

    restorer = NgramRestorer(model_dir)
    prior = start_table()
    table = prior
    for r in range(rounds):
        restorer.gen.marks = MarkChannel(table)
        restorer.gen._cache.clear()
        restorer.gen._ids.clear()
        restorer.lattice.slots.clear()
        kinds, totals = count(restorer, texts)
        denom = totals[:, None, :, None] + PRIOR_WEIGHT
        table = (kinds + PRIOR_WEIGHT * prior) / denom
        for tone in range(SHAPE[0]):
            table[tone, tone, :, SAME] = 0.0  # the undamaged reading is the clean channel's
        # OCR loses thin marks; a circumflex, breve, horn or stroke it adds is the decoder's own
        # confusion counted back, which taught the table to change clean words ('đồ án' -> 'do án')
        table[..., GAINED] = 0.0
        print(f"  round {r + 1}: {kinds.sum():.0f} damaged readings of {totals.sum():.0f}", flush=True)
    return table


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "diacritics" / "model")
    args = ap.parse_args()
    texts = [t for pdf in documents() for t in page_texts(pdf)]
    print(f"{len(texts)} OCR page texts of {len(documents())} real documents", flush=True)
    table = learn(texts, args.out)
    (args.out / FILE).write_text(json.dumps({"probs": np.round(table, 6).tolist()}), encoding="utf-8")
    print(f"wrote {args.out / FILE}")


if __name__ == "__main__":
    main()
