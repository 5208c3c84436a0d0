"""Diacritic restoration figures: real mangled OCR (seed 000 vs 001), over-correction on clean
text, synthetic OCR (Tesseract `eng`: the seeds' mangling; `vie`: the residual errors of the
pipeline's own OCR) and accent-stripped text from held-out corpus documents, a peer (pyvi), speed
and load time. Skips with a message where ../shared is absent.

    python -m benchmarks restoration
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.restoration_metrics import (body, calibration, change_outcomes, fixed_and_broken, mark_repairs,
                                           syllable_accuracy, vietnamese_syllable_accuracy, wer, word_list)
from benchmarks.shared import SHARED, missing

ROOT = Path(__file__).resolve().parent.parent
HELDOUT_PAGES = 12
VIE_PAGES = 12
VIE_SEED = 1002  # the eng pages use 1001; restoration_dev's pages other seeds
GENRE_PAGES = 6
GENRE_SEED = 1003
STRIPPED_SYLLABLES = 15_000


def _seed(prefix: str) -> str | None:
    found = sorted((SHARED / "seeds").glob(f"{prefix}_*.txt"))
    return found[0].read_text(encoding="utf-8") if found else None


def _timed(run):
    """run()'s result, wall seconds and CPU seconds (on a shared machine the wall clock also counts
    waiting for a core, so CPU time is printed beside it)."""
    t, c = time.perf_counter(), time.process_time()
    out = run()
    return out, time.perf_counter() - t, time.process_time() - c


def load_time() -> float:
    """Fresh interpreter, so import and model load are both counted."""
    code = ("import time; t=time.perf_counter(); from vnresolve.diacritics import load_restorer; load_restorer('default'); "
            "print(time.perf_counter()-t)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    return float(out.stdout.strip())


def real_ocr(restorer) -> None:
    if missing("seed 000/001", "seeds"):
        return
    mangled, clean = _seed("000"), _seed("001")
    if mangled is None or clean is None:
        print(f"seed 000/001: skipped, not found in {SHARED / 'seeds'}")
        return
    # timed as `vnresolve restore` runs it: restore_text, the text without the per-token records
    restored, dt, dc = _timed(lambda: restorer.restore_text(mangled))
    syl = len(word_list(mangled))
    ref = body(clean)
    print(f"seed 000 vs 001 body WER: raw {wer(body(mangled), ref):.4f} -> restored {wer(body(restored), ref):.4f} "
          f"(case folded {wer(body(restored), ref, fold_case=True):.4f}; target <= 0.025)")
    _, warm, warm_c = _timed(lambda: restorer.restore_text(mangled))
    _, rec, rec_c = _timed(lambda: restorer.restore(mangled))
    print(f"speed on seed 000 ({syl} syllables, `vnresolve restore`; target >= 5,000 per CPU second): {syl / dt:,.0f} syl/s first run, "
          f"{syl / warm:,.0f} syl/s repeated (candidate cache warm); per CPU second {syl / dc:,.0f} / "
          f"{syl / warm_c:,.0f}; with the per-token records (the pipeline's restore), repeated: {syl / rec:,.0f} "
          f"syl/s, {syl / rec_c:,.0f} per CPU second")
    res = restorer.restore(clean)
    n = len(word_list(clean))
    print(f"over-correction on clean 001: {len(res.changes)} of {n} words changed ({len(res.changes) / n:.4%}; "
          f"target <= 0.1%)")


def fast() -> None:
    """The first pass alone (`--restorer fast`, for text-only archives): what the default's second
    pass buys on OCR text and what it costs; its speed target is 20,000 syllables per second."""
    from unidecode import unidecode

    from vnresolve.diacritics import load_restorer

    if missing("fast restorer", "seeds", "corpus"):
        return
    mangled, clean = _seed("000"), _seed("001")
    if mangled is None or clean is None:
        print(f"fast restorer: skipped, seed 000/001 not found in {SHARED / 'seeds'}")
        return
    restorer = load_restorer("fast")
    restored, dt, dc = _timed(lambda: restorer.restore_text(mangled))
    _, warm, warm_c = _timed(lambda: restorer.restore_text(mangled))
    syl = len(word_list(mangled))
    print(f"fast restorer (--restorer fast): seed 000 WER {wer(body(restored), body(clean)):.4f}, "
          f"{syl / dt:,.0f} syl/s first run, {syl / warm:,.0f} syl/s repeated; per CPU second {syl / dc:,.0f} / "
          f"{syl / warm_c:,.0f} (target >= 20,000)")
    stripped = [unidecode(p) for p in stripped_text()]
    _, dt, dc = _timed(lambda: [restorer.restore_text(s) for s in stripped])
    n = sum(len(word_list(s)) for s in stripped)
    print(f"fast restorer, accent-stripped held-out text: {n / dt:,.0f} syl/s ({n / dc:,.0f} per CPU second)")
    synthetic_ocr(restorer, "fast restorer: ")
    real_vie_ocr(restorer, "fast restorer: ")


def held_out_pages() -> list[dict]:
    """The benchmark's synthetic OCR pages of held-out corpus text (made once, then cached)."""
    from training import synth

    cache = synth.CACHE / "heldout"
    if len(list(cache.glob("*.json"))) < HELDOUT_PAGES:
        print(f"generating {HELDOUT_PAGES} held-out synthetic OCR pages (Tesseract, once; cached in {cache})", flush=True)
        synth.generate(SHARED / "corpus", cache, HELDOUT_PAGES, 1001, held_out=True, vie_every=0)
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(cache.glob("*.json"))[:HELDOUT_PAGES]]


def held_out_genre_pages() -> list[dict]:
    """GENRE_PAGES synthetic `eng` OCR pages of held-out in-genre news (VNTC's politics and society
    topic: Party and state news; training.news holds these documents out of the LM), made like
    the other held-out pages and cached; none where the news corpus is absent."""
    from training import news, synth

    source = SHARED / "corpus" / "news" / f"{news.IN_GENRE}.txt.xz"
    cache = synth.CACHE / "heldout-genre"
    if not source.exists():
        return []
    if len(list(cache.glob("*.json"))) < GENRE_PAGES:
        print(f"generating {GENRE_PAGES} held-out in-genre OCR pages (Tesseract, once; cached in {cache})", flush=True)
        cache.mkdir(parents=True, exist_ok=True)
        docs = [text for _name, text in news.documents(source, held_out=True)]
        rng = random.Random(GENRE_SEED)
        jobs = []
        for i in range(GENRE_PAGES):
            lines, n = [], 0
            for line in rng.choice([d for d in docs if len(d.split()) >= 260]).splitlines():
                lines.append(line)
                n += len(line.split())
                if n >= 260:
                    break
            jobs.append((i, "\n".join(lines), GENRE_SEED, 0, cache))
        for job in jobs:
            if not (cache / f"{job[0]:05d}.json").exists():
                synth._make_page(job)
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(cache.glob("*.json"))[:GENRE_PAGES]]


def held_out_vie_pages() -> list[dict]:
    """Held-out corpus pages OCR'd with Tesseract `vie`, as `vnresolve ingest` does: nearly right
    text with the residual errors the restorer should mend without damaging the rest."""
    from training import synth

    cache = synth.CACHE / "heldout-vie"
    if len(list(cache.glob("*.json"))) < VIE_PAGES:
        print(f"generating {VIE_PAGES} held-out vie-OCR pages (Tesseract, once; cached in {cache})", flush=True)
        synth.generate(SHARED / "corpus", cache, VIE_PAGES, VIE_SEED, held_out=True, vie_every=1, workers=2)
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(cache.glob("*.json"))[:VIE_PAGES]]


@dataclass
class PagesScore:
    """What restoring a set of (ocr, truth) pages did: word-weighted WER before and after, the
    words repaired and damaged, and each change's (confidence, right)."""
    pages: int = 0
    words: int = 0
    raw: float = 0.0
    restored: float = 0.0
    fixed: int = 0
    broken: int = 0
    outcomes: list[tuple[float, bool]] = field(default_factory=list)
    marks: list[int] = field(default_factory=lambda: [0, 0, 0, 0])  # mark_repairs, summed over the pages


def score_pages(restorer, pages: list[dict]) -> PagesScore:
    """One restore per page, every figure the benchmark and the dev sets print from it."""
    err = raw = 0.0
    score = PagesScore(pages=len(pages))
    for page in pages:
        n = len(word_list(page["truth"]))
        result = restorer.restore(page["ocr"])
        raw += wer(page["ocr"], page["truth"]) * n
        err += wer(result.text, page["truth"]) * n
        f, b = fixed_and_broken(page["ocr"], result.text, page["truth"])
        score.fixed, score.broken, score.words = score.fixed + f, score.broken + b, score.words + n
        score.outcomes += change_outcomes(result, page["truth"])
        score.marks = [a + b for a, b in zip(score.marks, mark_repairs(page["ocr"], result.text, page["truth"]))]
    if score.words:
        score.raw, score.restored = raw / score.words, err / score.words
    return score


def vie_ocr(restorer, label: str = "", pages: list[dict] | None = None) -> None:
    """WER before and after restoring `vie` OCR pages (the benchmark's by default), the words the
    restorer repaired and damaged, and the real pages' figure (diacritic-only errors, case folded)."""
    s = score_pages(restorer, held_out_vie_pages() if pages is None else pages)
    print(f"{label}synthetic vie-OCR, held-out corpus, {s.pages} pages / {s.words} words: "
          f"WER raw {s.raw:.4f} -> restored {s.restored:.4f}; {s.fixed} words repaired, {s.broken} damaged; "
          f"{mark_figure(s.marks)}")


def mark_figure(t: list[int]) -> str:
    """The real pages' figure (mark_repairs summed), worded alike for real and synthetic `vie` OCR."""
    return (f"{t[1]} of {t[0]} diacritic-only errors repaired ({t[1] / max(1, t[0]):.1%}; target >= 95%), "
            f"{t[3]} of {t[2]} right words damaged ({t[3] / max(1, t[2]):.3%}; target <= 0.05%)")


def real_page_texts() -> list[dict]:
    """The proofread real-scan pages (benchmarks/truth/pages) as `vnresolve ingest` reads them with
    restoration off ("ours") and as plain `tesseract -l vie` does ("raw"), with their truth; whether
    the page's document is held out of the mark channel's training (training/marks_train.HELD_OUT):
    a page of truth/pages/heldout/ whose document that training read counts here with the dev pages.
    OCR'd once, cached in benchmarks/.cache/realpages-ocr/ by the page image's bytes."""
    import hashlib
    import tempfile

    from PIL import Image

    import vnresolve
    from benchmarks.bench_realpages import TRUTH, page_image, source_of, truth_body
    from training.marks_train import HELD_OUT
    from vnresolve.ingest import tesseract

    cache = ROOT / "benchmarks" / ".cache" / "realpages-ocr"
    cache.mkdir(parents=True, exist_ok=True)
    out = []
    for truth in sorted(TRUTH.glob("*_p*.txt")) + sorted(TRUTH.glob("heldout/*_p*.txt")):
        pdf, number = source_of(truth)
        if not pdf.exists():
            continue
        with tempfile.TemporaryDirectory(prefix="vnr-restoration-") as tmp:
            image = page_image(pdf, number, Path(tmp) / "page.png")
            cached = cache / f"{truth.stem}-{hashlib.sha256(image.read_bytes()).hexdigest()[:16]}.json"
            if not cached.exists():
                with Image.open(image) as img:
                    raw = tesseract.plain_text(img, "vie", psm=3)
                ours = vnresolve.convert(image, vnresolve.PipelineOptions(restore=False)).document.pages[0].text
                cached.write_text(json.dumps({"ours": ours, "raw": raw}, ensure_ascii=False), encoding="utf-8")
        texts = json.loads(cached.read_text(encoding="utf-8"))
        held = f"{pdf.parent.name}/{pdf.name}" in HELD_OUT
        out.append({"name": truth.stem, "truth": truth_body(truth), "held_out": held, **texts})
    return out


def real_vie_ocr(restorer, label: str = "") -> None:
    """Real `vie` OCR: of the diacritic-only word errors on the proofread real-scan pages, the
    share the restorer repairs, and the share of right words it damages (case folded)."""
    pages = real_page_texts()
    if not pages:
        print("real vie-OCR pages: skipped (../shared/realscans not found)")
        return
    for way in ("ours", "raw"):
        for held in (False, True):
            chosen = [p for p in pages if p["held_out"] == held]
            t = [0, 0, 0, 0]
            for p in chosen:
                restored = restorer.restore_pages([p[way]])[0].text
                t = [a + b for a, b in zip(t, mark_repairs(p[way], restored, p["truth"]))]
            kind = "held-out" if held else "dev"
            print(f"{label}real vie-OCR ({'vnresolve ingest' if way == 'ours' else 'plain tesseract'}), {len(chosen)} "
                  f"{kind} pages: {mark_figure(t)}")


def confidences(label: str, outcomes: list[tuple[float, bool]]) -> None:
    """How far the changes' confidences can be trusted: a review tool shows the least confident."""
    gap, caught = calibration(outcomes)
    right = sum(ok for _, ok in outcomes) / max(1, len(outcomes))
    print(f"  confidence of the changes, {label}: {len(outcomes)} changes, {right:.2%} right; calibration error "
          f"{gap:.3f}; the tenth least confident hold {caught:.1%} of the wrong ones")


def synthetic_ocr(restorer, label: str = "") -> None:
    genre = held_out_genre_pages()
    s = score_pages(restorer, held_out_pages() + genre)
    print(f"{label}synthetic eng-OCR, held-out corpus ({len(genre)} of the pages in-genre news), {s.pages} pages / "
          f"{s.words} words: WER raw {s.raw:.4f} -> restored {s.restored:.4f} (target <= 0.025)")
    if genre:
        g = score_pages(restorer, genre)
        print(f"{label}  of which held-out in-genre news, {g.pages} pages / {g.words} words: WER raw {g.raw:.4f} -> "
              f"restored {g.restored:.4f}")
    if not label:
        confidences("synthetic eng-OCR", s.outcomes)


def held_out_paragraphs() -> list[tuple[str, str]]:
    """(document name, paragraph) of the held-out documents, shuffled with a fixed seed; only
    paragraphs unidecode maps word for word (no CJK, symbols spelled out as words)."""
    from unidecode import unidecode

    from training.corpus import paragraphs, split_documents

    paras = [(name, p) for name, text in split_documents(SHARED / "corpus", held_out=True) for p in paragraphs(text, 12)
             if len(word_list(p)) == len(word_list(unidecode(p)))]
    random.Random(7).shuffle(paras)
    return paras


def take(paras: list[tuple[str, str]], syllables: int) -> int:
    """How many of paras, from the first, hold `syllables` words."""
    n = 0
    for k, (_name, p) in enumerate(paras, 1):
        n += len(p.split())
        if n >= syllables:
            return k
    return len(paras)


def stripped_text() -> list[str]:
    paras = held_out_paragraphs()
    return [p for _name, p in paras[:take(paras, STRIPPED_SYLLABLES)]]


def accent_stripped(restorer) -> None:
    from unidecode import unidecode

    paras = stripped_text()
    stripped = [unidecode(p) for p in paras]
    ours, dt, dc = _timed(lambda: [restorer.restore_text(s) for s in stripped])
    ref = "\n".join(paras)
    syl = len(word_list(ref))
    print(f"accent-stripped held-out text ({syl} syllables): raw {syllable_accuracy(chr(10).join(stripped), ref):.2%} -> "
          f"ours {syllable_accuracy(chr(10).join(ours), ref):.2%} correct (target >= 98.5%), {syl / dt:,.0f} syl/s "
          f"({syl / dc:,.0f} per CPU second); "
          f"{vietnamese_syllable_accuracy(chr(10).join(ours), ref):.2%} of the Vietnamese syllables (foreign names left out)")
    confidences("accent-stripped text",
                [o for s, p in zip(stripped, paras) for o in change_outcomes(restorer.restore(s), p)])
    try:
        from pyvi import ViUtils
    except ImportError:
        print("peer pyvi ViDiac: skipped (pip install pyvi to compare)")
        return
    t = time.perf_counter()
    peer = [ViUtils.add_accents(s) for s in stripped]
    dt = time.perf_counter() - t
    print(f"peer pyvi ViDiac on the same input: {syllable_accuracy(chr(10).join(peer), ref):.2%} correct, "
          f"{syl / dt:,.0f} syl/s; {vietnamese_syllable_accuracy(chr(10).join(peer), ref):.2%} of the Vietnamese syllables")


def main() -> None:
    if missing("restoration benchmarks", "seeds", "corpus"):
        return
    from vnresolve.diacritics import load_restorer

    print(f"model load time (fresh process, import included): {load_time():.2f} s (target <= 1 s)")
    restorer = load_restorer("default")
    print(f"model: {restorer.name}")
    real_ocr(restorer)
    accent_stripped(restorer)
    synthetic_ocr(restorer)
    vie_ocr(restorer)
    real_vie_ocr(restorer)
    fast()


if __name__ == "__main__":
    main()
