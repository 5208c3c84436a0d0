"""Text accuracy on generated scans with the defects of real archive scans, page by page against raw
Tesseract on the same image.

One-page documents of corpus law text (../shared/corpus, 200-odd words a page; the seeds are not
used) are typeset by benchmarks/scangen.py and scanned four ways (`STYLES`):

- harsh colour: scangen.HARSH — 150 dpi colour JPEG, yellowed paper, 3 degrees of skew, the back
  page showing through, a red seal over the body text, a blue received-stamp, an ink signature and
  hand-filled numbers;
- 1-bit 300 dpi and 1-bit 200 dpi: thresholded like a CCITT scanner, up to 0.7 degrees of skew;
- photocopy: hard contrast, toner haze and specks, scanner borders, 200 dpi.

Each page image is read by raw `tesseract IMAGE - -l vie --psm 3` and by vnresolve (`convert`,
restoration off, then on); scored with benchmarks.bench_realpages.scores against the page's text
(the seal, stamp and handwriting are not in it). A page is listed as worse than raw by
benchmarks.bench_realpages.against_raw: more truth words missing (bag error), or more
diacritic-only errors on the truth words both readings aligned a word to. Last, the share of raw
Tesseract's word substitutions that are diacritic-only on the 1-bit pages, beside the same share
on the real 1-bit development pages (../shared/realscans): the generator should make Tesseract err
in the same way. Pages are cached in benchmarks/.cache/harsh/.

    python -m benchmarks harshscans
"""

from __future__ import annotations

import random
import sys
import tempfile
from pathlib import Path

from rapidfuzz.distance import Levenshtein

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.bench_ocr import corpus_paragraphs  # noqa: E402
from benchmarks.shared import missing  # noqa: E402
from benchmarks.bench_realpages import TRUTH, against_raw, page_image, scores, source_of, truth_body  # noqa: E402
from benchmarks.restoration_metrics import word_list  # noqa: E402
from benchmarks.scangen import HARSH, ScanStyle, render_paragraphs, scan_image  # noqa: E402

CACHE = Path(__file__).resolve().parent / ".cache" / "harsh"
PAGES = 4
WORDS_A_PAGE = 210
STYLES = {
    "harsh colour 150 dpi": HARSH,
    "1-bit 300 dpi": ScanStyle(dpi=300, max_angle=0.7, blur=0.8, noise=4.0, specks=60, bilevel=True),
    "1-bit 200 dpi": ScanStyle(dpi=200, max_angle=0.7, blur=0.8, noise=4.0, specks=60, bilevel=True),
    "photocopy 200 dpi": ScanStyle(dpi=200, photocopy=True, border=True, jpeg_quality=40),
}
REAL_BILEVEL = ("quang-ngai_11CT_p1", "da-nang_1_p1")  # the 1-bit truth pages


def page_texts() -> list[str]:
    paras, pages, page, n = corpus_paragraphs(PAGES * WORDS_A_PAGE + 400), [], [], 0
    for para in paras:
        page.append(para)
        n += len(para.split())
        if n >= WORDS_A_PAGE:
            pages.append(page)
            page, n = [], 0
    return ["\n".join(p) for p in pages[:PAGES]]


def scanned(style_name: str, style: ScanStyle, k: int, text: str) -> Path:
    """The page image, made once: the clean one-page render scanned with `style`."""
    from vnresolve.ingest.poppler import page_count, rasterize_page

    out = CACHE / f"{style_name.replace(' ', '-')}-{k}.{'png' if style.bilevel else 'jpg'}"
    if not out.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        clean = CACHE / f"clean-{k}.pdf"
        if not clean.exists():
            render_paragraphs(text.split("\n"), clean)
            if page_count(clean) != 1:
                raise SystemExit(f"bench_harshscans: page {k} does not fit one page; lower WORDS_A_PAGE")
        out.write_bytes(scan_image(rasterize_page(clean, 1, style.dpi), style, random.Random(1000 + k)))
    return out


def read(image: Path) -> dict[str, str]:
    from PIL import Image

    import vnresolve
    from vnresolve.ingest import tesseract

    with Image.open(image) as img:
        raw = tesseract.plain_text(img, "vie", psm=3)
    ours = vnresolve.convert(image, vnresolve.PipelineOptions(restore=False)).document.pages[0].text
    restored = vnresolve.convert(image).document.pages[0].text
    return {"raw": raw, "ours": ours, "ours+restore": restored}


def error_kinds(pairs: list[tuple[str, str]]) -> tuple[int, int, int, int]:
    """(diacritic-only substitutions, those on a circumflex vowel, all substitutions, truth words) of
    raw Tesseract's words against the truth."""
    from vnresolve.diacritics.vntext import strip_accents

    marks = circumflex = subs = words = 0
    for hyp, ref in pairs:
        h, r = word_list(hyp, fold_case=True), word_list(ref, fold_case=True)
        words += len(r)
        for op in Levenshtein.editops(h, r):
            if op.tag == "replace":
                subs += 1
                if strip_accents(h[op.src_pos]) == strip_accents(r[op.dest_pos]):
                    marks += 1
                    circumflex += any(c in "âêôấầẩẫậếềểễệốồổỗộ" for c in r[op.dest_pos])
    return marks, circumflex, subs, words


def main() -> None:
    if missing("harshscans", "corpus"):
        return
    texts = page_texts()
    ways = ("raw", "ours", "ours+restore")
    raw_pairs: list[tuple[str, str]] = []
    print("WER / bag error / diacritic-only errors per way; last: ours (before restoration) against raw")
    for name, style in STYLES.items():
        totals = {way: [0, 0, 0, 0] for way in ways}
        worse, shared = [], [0, 0, 0]
        for k, text in enumerate(texts):
            got = read(scanned(name, style, k, text))
            marks = {way: scores(got[way], text) for way in ways}
            for way in ways:
                totals[way] = [a + b for a, b in zip(totals[way], marks[way])]
            if style.bilevel:
                raw_pairs.append((got["raw"], text))
            versus = against_raw(got["raw"], got["ours"], text)
            shared = [a + b for a, b in zip(shared, (versus.shared, versus.raw_marks, versus.ours_marks))]
            if versus.worse:
                worse.append(f"page {k} ({','.join(versus.worse)})")
        n = totals["raw"][3]
        cells = [f"{way} {t[0] / n:6.2%} {t[1] / n:6.2%} {t[2]:3d}" for way, t in totals.items()]
        print(f"  {name:20s} {len(texts)} pages {n} words: " + " | ".join(cells)
              + f" | on {shared[0]} shared words diacritic-only raw {shared[1]} ours {shared[2]}"
              + f" | worse than raw: {', '.join(worse) if worse else 'none'}", flush=True)
    synth = error_kinds(raw_pairs)
    real = []
    if not missing("harshscans real bilevel pages", "realscans"):
        from PIL import Image

        from vnresolve.ingest import tesseract

        for stem in REAL_BILEVEL:
            pdf, number = source_of(TRUTH / f"{stem}.txt")
            with tempfile.TemporaryDirectory(prefix="vnr-harsh-") as tmp, Image.open(page_image(pdf, number, Path(tmp) / "p.png")) as img:
                real.append((tesseract.plain_text(img, "vie", psm=3), truth_body(TRUTH / f"{stem}.txt")))
    print("  raw Tesseract on 1-bit pages: diacritic-only substitutions (on circumflex vowels) / all substitutions / words")
    for label, (marks, circ, subs, words) in (("generated", synth), ("real", error_kinds(real))):
        print(f"    {label:9s} {marks} ({circ}) / {subs} / {words}: diacritic-only {marks / max(1, words):.2%} of words, "
              f"{marks / max(1, subs):.0%} of substitutions, {circ / max(1, marks):.0%} of them on circumflex vowels")


if __name__ == "__main__":
    main()
