"""OCR benchmark: accuracy, table recovery, text-layer decisions and speed of the ingest stage.

    python -m benchmarks.bench_ocr [--pages N] [--steps deskew,denoise ...] [--only wer,tables,layers,speed]

Everything is generated from clean text (seed 001's body and appendix, a
corpus law) by benchmarks/scangen.py and cached under benchmarks/.cache/.
Scores: WER and CER against the clean text after NFC and tone-placement
normalisation ("hoà" = "hòa"), tokens split on whitespace, case and
punctuation kept. Raw `tesseract` runs on the very same page images in the
same run, so the speed ratio is not skewed by a busy machine.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from rapidfuzz.distance import Levenshtein

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.shared import SHARED, missing  # noqa: E402
from benchmarks.scangen import Resolution, ScanStyle, parse_resolution, render_paragraphs, render_resolution, save_truth, scan_pdf  # noqa: E402
from vnresolve.ingest import IngestOptions, ingest_file  # noqa: E402

CACHE = Path(__file__).resolve().parent / ".cache"
TONES = {"\u0300": "2", "\u0301": "1", "\u0303": "4", "\u0309": "3", "\u0323": "5"}


# ---------------------------------------------------------------- scoring


def canon(token: str) -> str:
    """NFC with the tone mark moved to the end of the token, so old/new tone placement compare equal."""
    tones = ""
    out = []
    for ch in unicodedata.normalize("NFD", token):
        if ch in TONES:
            tones += TONES[ch]
        else:
            out.append(ch)
    return unicodedata.normalize("NFC", "".join(out)) + tones


def tokens(text: str) -> list[str]:
    return [canon(t) for t in text.split()]


def wer(ref: str, hyp: str) -> float:
    r, h = tokens(ref), tokens(hyp)
    return Levenshtein.distance(r, h) / max(1, len(r))


def cer(ref: str, hyp: str) -> float:
    r, h = " ".join(tokens(ref)), " ".join(tokens(hyp))
    return Levenshtein.distance(r, h) / max(1, len(r))


# ---------------------------------------------------------------- fixtures


def seed_text(prefix: str) -> str:
    files = sorted((SHARED / "seeds").glob(f"{prefix}_*.txt"))
    if not files:
        sys.exit(f"bench_ocr: seed {prefix} not found in {SHARED / 'seeds'} (set VNRESOLVE_SHARED)")
    return files[0].read_text(encoding="utf-8")


def corpus_paragraphs(words: int = 900) -> list[str]:
    path = SHARED / "corpus" / "vlc" / "bo-luat-dan-su.txt"
    if not path.exists():
        return []
    out, n = [], 0
    for line in path.read_text(encoding="utf-8").splitlines()[30:]:
        line = line.strip()
        if len(line.split()) >= 5:
            out.append(line)
            n += len(line.split())
            if n >= words:
                break
    return out


def build(name: str, make) -> Path:
    """Create CACHE/name once with `make(path)`."""
    path = CACHE / name
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp" + path.suffix)
        make(tmp)
        tmp.rename(path)
    return path


def fixtures(pages: int | None) -> dict:
    doc = parse_resolution(seed_text("001"))
    body_paras = doc.paragraphs
    clean = build("body.pdf", lambda p: render_paragraphs(body_paras, p, title=doc.title))
    truth = "\n".join(doc.title + body_paras)
    fx = {"doc": doc, "body_clean": clean, "body_truth": truth}
    for dpi in (200, 150):
        imgdir = CACHE / f"body-{dpi}"
        fx[f"body_{dpi}"] = build(f"body-{dpi}.pdf", lambda p, dpi=dpi, d=imgdir: scan_pdf(clean, p, ScanStyle(dpi=dpi), seed=dpi, image_dir=d))
        fx[f"body_{dpi}_images"] = sorted(imgdir.glob("page-*.jpg"))
    cparas = corpus_paragraphs()
    if cparas:
        cclean = build("corpus.pdf", lambda p: render_paragraphs(cparas, p))
        fx["corpus_200"] = build("corpus-200.pdf", lambda p: scan_pdf(cclean, p, ScanStyle(dpi=200), seed=7, image_dir=CACHE / "corpus-200"))
        fx["corpus_200_border"] = build("corpus-200-border.pdf", lambda p: scan_pdf(cclean, p, ScanStyle(dpi=200, border=True), seed=9))
        fx["corpus_truth"] = "\n".join(cparas)
    appendix = Resolution(appendix_title=doc.appendix_title, table_header=doc.table_header, table_rows=doc.table_rows)
    truth_file = CACHE / "appendix-truth.json"

    def make_appendix(p):
        save_truth(render_resolution(appendix, None, p), 1, truth_file)

    aclean = build("appendix.pdf", make_appendix)
    fx["appendix_200"] = build("appendix-200.pdf", lambda p: scan_pdf(aclean, p, ScanStyle(dpi=200), seed=11, image_dir=CACHE / "appendix-200"))
    fx["appendix_truth"] = json.loads(truth_file.read_text(encoding="utf-8"))
    fx["garbage"] = build("garbage-layer.pdf", lambda p: garbage_layer_pdf(fx["body_200_images"][:2], seed_text("000"), p))
    return fx


def garbage_layer_pdf(images: list[Path], mangled: str, out: Path) -> None:
    """Scan images with an invisible text layer of seed 000 (English-model OCR of the same resolution)."""
    from reportlab.pdfgen import canvas

    from benchmarks.scangen import FONT, register_fonts

    register_fonts()
    lines = [x for x in mangled.splitlines() if x.strip()]
    c = canvas.Canvas(str(out), invariant=1)
    for k, img in enumerate(images):
        w, h = 595.27, 841.89
        c.setPageSize((w, h))
        c.drawImage(str(img), 0, 0, w, h)
        t = c.beginText(85, h - 70)
        t.setTextRenderMode(3)  # invisible, like an OCR layer
        t.setFont(FONT, 12)
        for line in lines[k * 40 : (k + 1) * 40]:
            t.textLine(line)
        c.drawText(t)
        c.showPage()
    c.save()


# ---------------------------------------------------------------- measurements


def limit_pages(pdf: Path, pages: int | None) -> Path:
    """First `pages` pages as their own PDF, for quick development runs (poppler's pdfseparate/pdfunite)."""
    if not pages:
        return pdf
    out = CACHE / f"{pdf.stem}-first{pages}.pdf"
    if not out.exists():
        tmp = CACHE / f"split-{pdf.stem}"
        tmp.mkdir(exist_ok=True)
        subprocess.run(["pdfseparate", "-f", "1", "-l", str(pages), str(pdf), str(tmp / "p-%03d.pdf")], check=True)
        subprocess.run(["pdfunite", *sorted(map(str, tmp.glob("p-*.pdf"))), str(out)], check=True)
    return out


def prefix_wer(ref: str, hyp: str) -> tuple[float, float]:
    """WER/CER of `hyp` against the best-matching prefix of `ref` (when only the first pages were OCR'd)."""
    r, h = tokens(ref), tokens(hyp)
    best = min(range(max(1, len(h) - 40), min(len(r), len(h) + 40) + 1), key=lambda k: Levenshtein.distance(r[:k], h))
    cut = " ".join(ref.split()[:best])
    return wer(cut, hyp), cer(cut, hyp)


def body_text_of(doc) -> str:
    return "\n".join(p.text for p in doc.pages)


def measure_wer(fx, options: IngestOptions, pages: int | None) -> dict:
    out = {}
    docs = (("body_200", "body_truth"), ("body_150", "body_truth"), ("corpus_200", "corpus_truth"), ("corpus_200_border", "corpus_truth"))
    for key, truth_key in docs:
        if key not in fx:
            continue
        t0 = time.perf_counter()
        doc = ingest_file(limit_pages(fx[key], pages), options)
        secs = time.perf_counter() - t0
        hyp, ref = body_text_of(doc), fx[truth_key]
        w, c = prefix_wer(ref, hyp) if pages else (wer(ref, hyp), cer(ref, hyp))
        out[key] = {"pages": len(doc.pages), "wer": round(100 * w, 2), "cer": round(100 * c, 2),
                    "seconds": round(secs, 1)}
        print(f"  {key:17s} WER {out[key]['wer']:5.2f}%  CER {out[key]['cer']:5.2f}%  ({len(ref.split())} words, {len(doc.pages)} pages, {secs:.1f}s)", flush=True)
    return out


def _norm_cell(s: str) -> str:
    return " ".join(tokens(s))


def measure_tables(fx, options: IngestOptions, pages: int | None) -> dict:
    truth = fx["appendix_truth"]["pages"]
    doc = ingest_file(limit_pages(fx["appendix_200"], pages), options)
    total = structure = exact = close = 0
    for k, tpage in enumerate(truth[: pages or None]):
        page = doc.pages[k]
        pred = {}
        if page.tables:
            t = max(page.tables, key=lambda t: len(t.cells))
            pred = {(c.row, c.col): c for c in t.cells}
        for cell in tpage["cells"]:
            total += 1
            got = pred.get((cell["row"], cell["col"]))
            if got is None or got.row_span != cell["row_span"] or got.col_span != cell["col_span"]:
                continue
            structure += 1
            ref, hyp = _norm_cell(cell["text"]), _norm_cell(got.text)
            if ref == hyp:
                exact += 1
            if Levenshtein.distance(ref, hyp) <= max(1, 0.05 * len(ref)) or ref == hyp:
                close += 1
    res = {"cells": total, "structure_pct": round(100 * structure / total, 2), "exact_pct": round(100 * exact / total, 2),
           "cer5_pct": round(100 * close / total, 2)}
    print(f"  appendix    {total} cells: right row/col/span {res['structure_pct']}%, exact text {res['exact_pct']}%, "
          f"text within 5% CER {res['cer5_pct']}%", flush=True)
    return res


def measure_layers(fx, options: IngestOptions) -> dict:
    garbage = ingest_file(fx["garbage"], options.model_copy(update={"tables": False}))
    good = ingest_file(fx["body_clean"], options)
    res = {
        "garbage_pages_reocrd": sum(p.source == "ocr" for p in garbage.pages), "garbage_pages": len(garbage.pages),
        "garbage_scores": [p.text_quality for p in garbage.pages],
        "good_pages_ocrd": sum(p.source == "ocr" for p in good.pages), "good_pages": len(good.pages),
        "good_min_score": min(p.text_quality or 0 for p in good.pages),
    }
    print(f"  garbage text layer (seed 000): {res['garbage_pages_reocrd']}/{res['garbage_pages']} pages re-OCR'd, scores {res['garbage_scores']}")
    print(f"  born-digital body: {res['good_pages_ocrd']}/{res['good_pages']} pages OCR'd, lowest score {res['good_min_score']}", flush=True)
    return res


def raw_tesseract(images: list[Path], lang: str, procs: int) -> float:
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}

    def one(img: Path):
        subprocess.run(["tesseract", str(img), "-", "-l", lang], capture_output=True, env=env, check=True)

    t0 = time.perf_counter()
    with ThreadPoolExecutor(procs) as pool:
        list(pool.map(one, images))
    return time.perf_counter() - t0


def measure_speed(fx, options: IngestOptions, repeats: int = 2) -> dict:
    """Raw tesseract and ingest alternate, best of `repeats` each: the machine is shared, load comes and goes."""
    pdf, images = fx["body_200"], fx["body_200_images"]
    n = len(images)
    runs: dict[str, list[float]] = {"raw": [], "w2": [], "w1": []}

    def ingest_secs(workers: int) -> float:
        t0 = time.perf_counter()
        ingest_file(pdf, options.model_copy(update={"workers": workers}))
        return time.perf_counter() - t0

    for _ in range(repeats):
        runs["raw"].append(raw_tesseract(images, options.lang, 2))
        runs["w2"].append(ingest_secs(2))
    runs["w1"].append(ingest_secs(1))
    best = {k: round(min(v), 1) for k, v in runs.items()}
    res = {"pages": n, "raw_tesseract_2proc_s": best["raw"], "ingest_workers2_s": best["w2"], "ingest_workers1_s": best["w1"],
           "all_runs_s": {k: [round(x, 1) for x in v] for k, v in runs.items()}}
    res["ratio_vs_raw"] = round(best["w2"] / best["raw"], 2)
    for w in (1, 2):
        res[f"pages_per_min_workers{w}"] = round(60 * n / best[f"w{w}"], 1)
    print(f"  {n} pages at 200 dpi (best of {repeats}): raw tesseract x2 {best['raw']}s, ingest workers=2 {best['w2']}s "
          f"(ratio {res['ratio_vs_raw']}), workers=1 {best['w1']}s; pages/min w1 {res['pages_per_min_workers1']} "
          f"w2 {res['pages_per_min_workers2']}; all runs {res['all_runs_s']}", flush=True)
    return res


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description="OCR benchmark")
    ap.add_argument("--pages", type=int, default=None, help="score only the first N pages of each document (quick runs)")
    ap.add_argument("--steps", action="append", default=None, help="preprocessing steps to compare, comma-separated ('' = none)")
    ap.add_argument("--only", default="wer,tables,layers,speed")
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args(argv if argv is not None else [])
    if missing("bench_ocr", "seeds"):
        return
    only = set(args.only.split(","))
    fx = fixtures(args.pages)
    base = IngestOptions()
    results: dict = {}
    variants = [tuple(s for s in v.split(",") if s) for v in args.steps] if args.steps else [None]
    for steps in variants:
        opts = base.model_copy(update={"preprocess": steps})
        label = "default" if steps is None else (",".join(steps) or "none")
        print(f"-- preprocessing: {label}", flush=True)
        if "wer" in only:
            results.setdefault("wer", {})[label] = measure_wer(fx, opts, args.pages)
        if "tables" in only:
            results.setdefault("tables", {})[label] = measure_tables(fx, opts, args.pages)
    if "layers" in only:
        results["layers"] = measure_layers(fx, base)
    if "speed" in only:
        results["speed"] = measure_speed(fx, base)
    out = args.json or (ROOT / "benchmarks" / "results" / "ocr.json")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"  results written to {out.relative_to(ROOT) if out.is_relative_to(ROOT) else out}")


if __name__ == "__main__":
    main(sys.argv[1:])
