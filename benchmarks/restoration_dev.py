"""Development figures for restoration choices: the sets choices are made on, never seeds 000/001
and never the benchmark's own held-out sets (bench_restoration.py measures those, after a choice).

    python -m benchmarks.restoration_dev [--restorer fast] [--errors]

--errors: where the word errors come from on the dev OCR pages and the stripped dev text
(restoration_errors.py), and nothing else.

- held-out dev OCR pages: held-out corpus text rendered and OCR'd with Tesseract `eng` like the
  benchmark's 12 pages, but with another seed; a page sharing a line with the benchmark's pages is
  left out. Made once (≈1 min on two cores), cached in benchmarks/.cache/restoration-dev/.
- held-out dev vie-OCR pages: the same with Tesseract `vie` (the pipeline's own OCR), another
  seed again; WER, and the words the restorer repaired and damaged. Cached in
  benchmarks/.cache/restoration-dev-vie/.
- synthetic dev pages: every DEV_EVERY-th page of the channel's training renders (held-IN text:
  the LM has read these sentences, so anything that memorises text looks better here than it is).
  Only where `make model` has made them (training/.cache/pairs).
- accent-stripped dev text: held-out paragraphs after the benchmark's, from documents none of whose
  paragraphs the benchmark uses.
- seeds 002-004: share of the restored words that are no Vietnamese syllable (mostly acronyms, so
  only its changes mean something).

Not part of `make bench`: these are not targets.
"""

from __future__ import annotations

import argparse
import json
import re

from benchmarks.bench_restoration import (ROOT, SHARED, STRIPPED_SYLLABLES, held_out_pages, held_out_paragraphs,
                                          held_out_vie_pages, score_pages, take, vie_ocr)
from benchmarks.restoration_metrics import syllable_accuracy, word_list
from benchmarks.shared import missing

DEV_PAGES = 40
DEV_SEED = 2001  # the benchmark's pages use 1001
STRIPPED_DEV_SYLLABLES = 20_000
VIE_DEV_SEED = 3001
CACHE = ROOT / "benchmarks" / ".cache" / "restoration-dev"
VIE_CACHE = ROOT / "benchmarks" / ".cache" / "restoration-dev-vie"


def held_out_dev_pages(vie: bool = False) -> list[dict]:
    """DEV_PAGES pages of held-out text OCR'd with Tesseract `eng` (or `vie`), less any page that
    shares a line with one of the benchmark's pages (the eng set: with its eng pages, so that its
    figures stay comparable with the benchmark's)."""
    from training import synth

    cache, seed, label = (VIE_CACHE, VIE_DEV_SEED, "vie-OCR") if vie else (CACHE, DEV_SEED, "OCR")
    if len(list(cache.glob("*.json"))) < DEV_PAGES:
        print(f"generating {DEV_PAGES} held-out dev {label} pages (Tesseract, once; cached in {cache})", flush=True)
        synth.generate(SHARED / "corpus", cache, DEV_PAGES, seed, held_out=True, vie_every=1 if vie else 0, workers=2)
    bench = held_out_pages() + held_out_vie_pages() if vie else held_out_pages()
    bench_lines = {line for page in bench for line in page["truth"].splitlines() if len(line) > 20}
    pages = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(cache.glob("*.json"))[:DEV_PAGES]]
    return [page for page in pages if not bench_lines & set(page["truth"].splitlines())]


def training_dev_pages() -> list[dict]:
    from training.channel_train import DEV_EVERY, page_files

    return [json.loads(p.read_text(encoding="utf-8")) for p in page_files() if int(p.stem) % DEV_EVERY == DEV_EVERY - 1]


def pages_wer(restorer, pages: list[dict]) -> tuple[float, int]:
    """Word-weighted WER of the restored pages, and their words."""
    s = score_pages(restorer, pages)
    return (s.restored if s.words else float("nan")), s.words


def stripped_dev() -> list[str]:
    paras = held_out_paragraphs()
    k = take(paras, STRIPPED_SYLLABLES)
    bench_docs = {name for name, _p in paras[:k]}
    rest = [(name, p) for name, p in paras[k:] if name not in bench_docs]
    return [p for _name, p in rest[:take(rest, STRIPPED_DEV_SYLLABLES)]]


def non_syllable_share(restorer) -> tuple[float, int]:
    from vnresolve.diacritics.syllables import is_syllable

    bad = total = 0
    for seed in sorted((SHARED / "seeds").glob("00[234]_*.txt")):
        for w in re.findall(r"[^\W\d_]+", restorer.restore(seed.read_text(encoding="utf-8")).text):
            total += 1
            bad += not is_syllable(w.lower())
    return bad / max(total, 1), total


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--restorer", default="default")
    ap.add_argument("--errors", action="store_true", help="the error breakdown alone (restoration_errors.py)")
    args = ap.parse_args(argv)
    if missing("restoration dev figures", "seeds", "corpus"):
        return
    from unidecode import unidecode

    from vnresolve.diacritics import load_restorer

    restorer = load_restorer(args.restorer)
    print(f"restorer: {restorer.name}")
    if args.errors:
        from benchmarks.restoration_errors import report

        report(restorer, held_out_dev_pages(), stripped_dev())
        return
    got, n = pages_wer(restorer, held_out_dev_pages())
    print(f"held-out dev OCR pages: WER {got:.4f} ({n} words)")
    vie_ocr(restorer, "dev (another seed): ", held_out_dev_pages(vie=True))
    train_dev = training_dev_pages()
    if train_dev:
        got, n = pages_wer(restorer, train_dev)
        print(f"synthetic dev pages (held-in text, {len(train_dev)} pages): WER {got:.4f} ({n} words)")
    else:
        print("synthetic dev pages: none (made by `make model`)")
    paras = stripped_dev()
    ours = [restorer.restore(unidecode(p)).text for p in paras]
    print(f"accent-stripped dev text: {syllable_accuracy(chr(10).join(ours), chr(10).join(paras)):.2%} correct "
          f"({len(word_list(chr(10).join(paras)))} syllables)")
    share, n = non_syllable_share(restorer)
    print(f"seeds 002-004: {share:.3%} of {n} restored words are no Vietnamese syllable")


if __name__ == "__main__":
    main()
