"""Text accuracy on real scanned pages against proofread truth (benchmarks/truth/pages/).

Each page of ../shared/realscans is rendered in colour at the resolution of its scan (the largest
image on the page, brought into range as ingest renders PDFs: ingest.pdf.scan_render_dpi) into a PNG
that says its resolution, and read four ways, all compared with the truth's body text (the part
before its stamps section):

- raw: `tesseract` on that image, default settings, `-l vie --psm 3` — what an archivist gets
  without vnresolve;
- raw+restore: that text through `vnresolve.restore`;
- ours: `vnresolve.convert` with OCR forced and restoration off (clean-up, layout, OCR);
- ours+restore: the same with restoration (the default pipeline).

Then both again as `vnresolve` reads each page's PDF, where what is drawn over the scan (a digital
signature's appearance, a typed note) is known and kept off the body text (totals only).

Figures per page and over all pages: WER (tone placement ignored), bag error (truth words missing
from the output, counted as a multiset, over truth words: insensitive to reading order) and the
number of diacritic-only word errors (an aligned word wrong only in its marks).

Each page's row ends with how our text before restoration fares against raw Tesseract on the same
image (`against_raw`): `ok`, or `WORSE` naming the measure where ours loses — bag error over all
truth words, diacritic-only errors over the truth words both readings aligned a word to (printed
beside it, with the truth words each left unread), so a reading that skips part of the page is not
credited with making no mark errors there. The clean-up must never read a page worse than no clean-up.

Two groups, never mixed: development pages (benchmarks/truth/pages/, proofread; the clean-up was
tuned on them, so their figures are development figures) and held-out pages, on which nothing was
tuned: benchmarks/truth/pages/heldout/, all proofread; its pages of PDFs are named like the
development ones, and da-nang_4_1.txt and da-nang_4_2.txt are the truth of the images da-nang/4_1.jpg
and 4_2.jpg (~70 dpi, no resolution declared). Then the colour dropout methods compared on the
development pages with seals or coloured overlays. Skipped without ../shared/realscans.

    python -m benchmarks realpages
"""

from __future__ import annotations

import subprocess
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz.distance import Levenshtein

from benchmarks.restoration_metrics import word_list
from benchmarks.shared import SHARED, missing

ROOT = Path(__file__).resolve().parents[1]
TRUTH = ROOT / "benchmarks" / "truth" / "pages"
SCANS = SHARED / "realscans"
STAMPS = "=== stamps and handwriting ==="
WAYS = ("raw", "raw+restore", "ours", "ours+restore")


def truth_body(path: Path) -> str:
    return path.read_text(encoding="utf-8").split(STAMPS)[0]


def source_of(truth: Path) -> tuple[Path, int]:
    """benchmarks/truth/pages/quang-ngai_11CT_p1.txt -> (realscans/quang-ngai/11CT.pdf, 1)."""
    folder, _, rest = truth.stem.partition("_")
    stem, _, page = rest.rpartition("_p")
    return SCANS / folder / f"{stem}.pdf", int(page)


def aligned(hyp: str, ref: str) -> tuple[list[str], set[int], set[int], int]:
    """(truth words, positions of those the reading aligned a word to, positions of those wrong only in
    their marks, word edits) under the word alignment of least edits."""
    from vnresolve.diacritics.vntext import strip_accents

    h, r = word_list(hyp, fold_case=True), word_list(ref, fold_case=True)
    ops = Levenshtein.editops(h, r)
    unread = {op.dest_pos for op in ops if op.tag == "insert"}
    marks = {op.dest_pos for op in ops
             if op.tag == "replace" and strip_accents(h[op.src_pos]) == strip_accents(r[op.dest_pos])}
    return r, set(range(len(r))) - unread, marks, len(ops)


def _missing(hyp: str, r: list[str]) -> int:
    """Truth words `r` missing from the output, counted as a multiset (bag error's numerator)."""
    return sum((Counter(r) - Counter(word_list(hyp, fold_case=True))).values())


def scores(hyp: str, ref: str) -> tuple[int, int, int, int]:
    """(word edits, truth words missing from the output, diacritic-only errors, truth words)."""
    r, _, marks, edits = aligned(hyp, ref)
    return edits, _missing(hyp, r), len(marks), len(r)


@dataclass(frozen=True)
class AgainstRaw:
    """Our reading of a page before restoration against raw Tesseract's. Diacritic-only errors are
    compared on the truth words both readings aligned a word to: a reading that skips most of the
    page cannot make mark errors on what it skipped. Missing words (bag) are compared over all."""

    raw_missing: int
    ours_missing: int
    shared: int        # truth words both readings aligned a word to
    raw_marks: int     # diacritic-only errors on those words
    ours_marks: int
    raw_unread: int    # truth words a reading aligned no word to
    ours_unread: int

    @property
    def worse(self) -> list[str]:
        return [name for name, bad in (("bag", self.ours_missing > self.raw_missing),
                                       ("diacritics", self.ours_marks > self.raw_marks)) if bad]

    def __str__(self) -> str:
        return ("WORSE " + ",".join(self.worse) if self.worse else "ok") + (
            f" (on {self.shared} shared words diacritic-only raw {self.raw_marks} ours {self.ours_marks};"
            f" unread raw {self.raw_unread} ours {self.ours_unread})")


def against_raw(raw: str, ours: str, ref: str) -> AgainstRaw:
    """How our text before restoration fares against raw Tesseract's on the same page; the one rule
    of every benchmark that says a page is worse than raw."""
    r, raw_read, raw_marks, _ = aligned(raw, ref)
    _, ours_read, ours_marks, _ = aligned(ours, ref)
    shared = raw_read & ours_read
    return AgainstRaw(_missing(raw, r), _missing(ours, r), len(shared), len(raw_marks & shared),
                      len(ours_marks & shared), len(r) - len(raw_read), len(r) - len(ours_read))


def scan_dpi(pdf: Path, number: int) -> int:
    """The resolution of the page's largest image (`pdfimages -list`), brought into ingest's range."""
    from vnresolve.ingest.pdf import scan_render_dpi

    listing = subprocess.run(["pdfimages", "-list", "-f", str(number), "-l", str(number), str(pdf)],
                             capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    rows = [line.split() for line in listing if line.split()]
    best = max(rows, key=lambda r: int(r[3]) * int(r[4])) if rows else None
    return int(scan_render_dpi(int(best[12]) if best else None))


def page_image(pdf: Path, number: int, out: Path) -> Path:
    from PIL import Image

    dpi = scan_dpi(pdf, number)
    stem = out.with_suffix("")
    subprocess.run(["pdftoppm", "-r", str(dpi), "-f", str(number), "-l", str(number), "-singlefile", "-png",
                    str(pdf), str(stem)], check=True, capture_output=True)
    with Image.open(stem.with_suffix(".png")) as img:
        img.save(out, dpi=(dpi, dpi))
    return out


def read_page(image: Path) -> dict[str, str]:
    """The four readings of a page image."""
    from PIL import Image

    import vnresolve
    from vnresolve.ingest import tesseract

    with Image.open(image) as img:
        raw = tesseract.plain_text(img, "vie", psm=3)
    ours = vnresolve.convert(image, vnresolve.PipelineOptions(restore=False))
    restored = vnresolve.convert(image)
    return {"raw": raw, "raw+restore": vnresolve.restore(raw).text, "ours": ours.document.pages[0].text,
            "ours+restore": restored.document.pages[0].text}


HELD_OUT_IMAGES = {"da-nang_4_1.txt": "da-nang/4_1.jpg", "da-nang_4_2.txt": "da-nang/4_2.jpg"}  # truth file: image


def _report(rows: list[tuple[str, dict[str, tuple[int, int, int, int]], AgainstRaw]], label: str) -> None:
    totals = {way: [0, 0, 0, 0] for way in WAYS}
    for name, marks, _ in rows:
        for way in WAYS:
            totals[way] = [a + b for a, b in zip(totals[way], marks[way])]
    worse = [f"{name} ({','.join(v.worse)})" for name, _, v in rows if v.worse]
    shared = [sum(getattr(v, k) for _, _, v in rows) for k in ("shared", "raw_marks", "ours_marks")]
    print(f"  {label}: {len(rows)} pages, {totals['raw'][3]} truth words; ours before restoration worse than raw "
          f"on {len(worse)} page(s){': ' + ', '.join(worse) if worse else ''}; on the {shared[0]} words both read, "
          f"diacritic-only errors raw {shared[1]} ours {shared[2]}")
    for way in WAYS:
        edits, missing, marks, n = totals[way]
        print(f"    {way:13s} WER {edits / n:6.2%}   bag error {missing / n:6.2%}   diacritic-only errors {marks}")


def _score_page(name: str, texts: dict[str, str], ref: str) -> tuple[str, dict[str, tuple[int, int, int, int]], AgainstRaw]:
    marks = {way: scores(texts[way], ref) for way in WAYS}
    versus = against_raw(texts["raw"], texts["ours"], ref)
    cells = [f"{way} {s[0] / s[3]:6.1%} {s[1] / s[3]:6.1%} {s[2]:4d}" for way, s in marks.items()]
    print(f"  {name:34s} " + " | ".join(cells) + f" | {versus}", flush=True)
    return name, marks, versus


def dropout_methods(pages: list[Path]) -> None:
    """Our OCR before restoration with the page turned grey five ways (the shipped one is ingest.colour)."""
    import cv2
    import numpy as np
    from PIL import Image

    import vnresolve
    from vnresolve.ingest import colour

    def luminance(a):
        return cv2.cvtColor(a, cv2.COLOR_RGB2GRAY)

    def paper_where(a, mask):
        g = luminance(a)
        g[mask] = 255
        return g

    methods = {
        "luminance": luminance,
        "max channel": lambda a: a.max(axis=2),
        "HSV saturation": lambda a: paper_where(a, (lambda h: (h[..., 1] > 60) & (h[..., 2] > 80))(cv2.cvtColor(a, cv2.COLOR_RGB2HSV))),
        "red channel": lambda a: np.ascontiguousarray(a[..., 0]),
        "LAB chroma (ingest.colour)": lambda a: colour.separate(a).grey,
    }
    totals = {m: [0, 0, 0, 0] for m in methods}
    options = vnresolve.PipelineOptions(restore=False)
    for truth in pages:
        pdf, number = source_of(truth)
        with tempfile.TemporaryDirectory(prefix="vnr-dropout-") as tmp:
            png = page_image(pdf, number, Path(tmp) / "page.png")
            with Image.open(png) as img:
                rgb, dpi = np.asarray(img.convert("RGB")), img.info["dpi"]
            for name, method in methods.items():
                grey = Path(tmp) / "grey.png"
                Image.fromarray(method(rgb)).save(grey, dpi=dpi)
                text = vnresolve.convert(grey, options).document.pages[0].text
                totals[name] = [a + b for a, b in zip(totals[name], scores(text, truth_body(truth)))]
    print(f"  colour dropout methods on {len(pages)} development pages with seals or coloured overlays "
          "(our OCR before restoration of the grey page each makes):")
    for name, (edits, missing, marks, n) in totals.items():
        print(f"    {name:27s} WER {edits / n:6.2%}   bag error {missing / n:6.2%}   diacritic-only errors {marks}")


def from_pdf(truths: list[Path], label: str) -> None:
    """Our text of each page as `vnresolve` reads its PDF (restoration off, then on): what an archive
    gets. Unlike the page image above, the PDF says what is drawn over the scan (a digital
    signature's appearance, a typed note), and those lines are kept off the body text."""
    import vnresolve

    totals = {"ours": [0, 0, 0, 0], "ours+restore": [0, 0, 0, 0]}
    for truth in truths:
        pdf, number = source_of(truth)
        texts = {"ours": vnresolve.convert(pdf, vnresolve.PipelineOptions(restore=False)).document.pages[number - 1].text,
                 "ours+restore": vnresolve.convert(pdf).document.pages[number - 1].text}
        for way, text in texts.items():
            totals[way] = [a + b for a, b in zip(totals[way], scores(text, truth_body(truth)))]
    print(f"  {label}, read from the PDF: {len(truths)} pages")
    for way, (edits, missing, marks, n) in totals.items():
        print(f"    {way:13s} WER {edits / n:6.2%}   bag error {missing / n:6.2%}   diacritic-only errors {marks}")


def main() -> None:
    truths = sorted(TRUTH.glob("*_p*.txt"))
    if missing("realpages", "realscans"):
        return
    print("WER / bag error / diacritic-only errors per way; last: ours (before restoration) against raw")
    rows = []
    for truth in truths:
        pdf, number = source_of(truth)
        with tempfile.TemporaryDirectory(prefix="vnr-realpages-") as tmp:
            texts = read_page(page_image(pdf, number, Path(tmp) / "page.png"))
        rows.append(_score_page(truth.stem, texts, truth_body(truth)))
    held = []
    for truth in sorted((TRUTH / "heldout").glob("*_p*.txt")):
        pdf, number = source_of(truth)
        with tempfile.TemporaryDirectory(prefix="vnr-realpages-") as tmp:
            texts = read_page(page_image(pdf, number, Path(tmp) / "page.png"))
        held.append(_score_page(f"{truth.stem} (held out)", texts, truth_body(truth)))
    for name, rel in HELD_OUT_IMAGES.items():
        held.append(_score_page(f"{rel} (held out)", read_page(SCANS / rel), truth_body(TRUTH / "heldout" / name)))
    _report(rows, "development pages (tuned on)")
    _report(held, "held-out pages (not tuned on)")
    from_pdf(truths, "development pages")
    from_pdf(sorted((TRUTH / "heldout").glob("*_p*.txt")), "held-out pages (4_x are images, not here)")
    dropout_methods([t for t in truths if any(k in t.stem for k in ("23BC", "da-nang_3", "04_QD", "11CT"))])


if __name__ == "__main__":
    main()
