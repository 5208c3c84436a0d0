"""Synthetic OCR pairs: render clean corpus text as a degraded scan and OCR it with Tesseract.

The channel model is learned from these pairs, so the degradations aim at what the real seeds
show (Đ read as P/B, â/ă read as i, ổ read as b): low resolution, blur, noise, JPEG, bold or
photocopied strokes, and the *English* language model that produced the seeds' mangling.
Pairs are cached under training/.cache/ and never committed (they contain corpus text).

    nice -n 10 python -m training.synth --corpus ../shared/corpus --pages 400
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import textwrap
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from training.corpus import paragraphs, split_documents
from vnresolve.ingest import tesseract

CACHE = Path(__file__).resolve().parent / ".cache"
# liberation2 first: Debian's fonts-liberation 1.07 (truetype/liberation) has no Vietnamese glyphs.
FONT_DIRS = ["/usr/share/fonts/truetype/liberation2", "/usr/share/fonts/truetype/liberation", "/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/truetype/freefont"]
FONTS = {
    "regular": ["LiberationSerif-Regular.ttf", "DejaVuSerif.ttf", "FreeSerif.ttf", "DejaVuSerifCondensed.ttf"],
    "bold": ["LiberationSerif-Bold.ttf", "DejaVuSerif-Bold.ttf", "FreeSerifBold.ttf"],
}


def _font_path(name: str) -> str | None:
    for d in FONT_DIRS:
        p = Path(d) / name
        if p.exists():
            return str(p)
    return None


def page_texts(corpus: Path, held_out: bool, pages: int, seed: int, words_per_page: int = 260) -> list[str]:
    """Pick page-sized runs of paragraphs, half legal (vlc), half encyclopaedic, some in capitals."""
    rng = random.Random(seed)
    docs = {"vlc": [], "viwiki": []}
    for name, text in split_documents(corpus, held_out=held_out):
        paras = paragraphs(text)
        if paras:
            docs[name.split("/")[0]].append(paras)
    out = []
    for i in range(pages):
        pool = docs["vlc" if i % 2 == 0 and docs["vlc"] else "viwiki"]
        paras = rng.choice(pool)
        start = rng.randrange(len(paras))
        chosen, n = [], 0
        for para in paras[start:] + paras[:start]:
            if rng.random() < 0.08:
                para = para.upper()
            chosen.append(para)
            n += len(para.split())
            if n >= words_per_page:
                break
        out.append("\n".join(chosen))
    return out


def render(text: str, rng: random.Random) -> tuple[Image.Image, dict]:
    dpi = rng.choice([150, 150, 200, 200, 300])
    bold = rng.random() < 0.3
    font_file = _font_path(rng.choice(FONTS["bold" if bold else "regular"])) or _font_path("DejaVuSerif.ttf")
    size_pt = rng.choice([12, 13, 13, 14])
    scale = 2  # draw large, then downsample: strokes come out anti-aliased like a scan
    font = ImageFont.truetype(font_file, int(size_pt / 72 * dpi * scale))
    width_px, margin = int(8.27 * dpi * scale), int(0.8 * dpi * scale)
    avg_char = font.getlength("abcdefghij klmnopqrstu vwxyz") / 29
    cols = max(30, int((width_px - 2 * margin) / avg_char))
    lines = []
    for para in text.split("\n"):
        lines.extend(textwrap.wrap(para, cols) or [""])
    line_h = int(font.size * 1.35)
    height = 2 * margin + line_h * len(lines)
    img = Image.new("L", (width_px, height), 255)
    draw = ImageDraw.Draw(img)
    for k, line in enumerate(lines):
        draw.text((margin, margin + k * line_h), line, font=font, fill=rng.randint(0, 50))
    img = img.resize((width_px // scale, height // scale), Image.LANCZOS)
    params = {"dpi": dpi, "font": Path(font_file).name, "size": size_pt}
    img, params = degrade(img, rng, params)
    return img, {**params, "truth": "\n".join(lines)}


def degrade(img: Image.Image, rng: random.Random, params: dict) -> tuple[Image.Image, dict]:
    """Blur, thicken, photocopy-threshold, noise and JPEG: each drawn at random per page."""
    if rng.random() < 0.4:  # lower effective resolution than the nominal dpi
        f = rng.uniform(0.55, 0.8)
        w, h = img.size
        img = img.resize((int(w * f), int(h * f)), Image.BILINEAR).resize((w, h), Image.BILINEAR)
        params["down"] = round(f, 2)
    if rng.random() < 0.35:
        img = img.filter(ImageFilter.MinFilter(3))  # heavier strokes: toner bleed / bold
        params["thick"] = True
    r = rng.uniform(0.3, 1.3)
    img = img.filter(ImageFilter.GaussianBlur(r))
    params["blur"] = round(r, 2)
    arr = np.asarray(img, dtype=np.float32)
    if rng.random() < 0.35:  # photocopy: hard contrast curve
        t = rng.uniform(110, 190)
        arr = np.where(arr < t, arr * 0.3, 255 - (255 - arr) * 0.3)
        params["copy"] = round(t)
    sigma = rng.uniform(3, 22)
    nrng = np.random.default_rng(rng.randrange(1 << 30))
    arr = np.clip(arr + nrng.normal(0, sigma, arr.shape), 0, 255).astype(np.uint8)
    params["noise"] = round(sigma, 1)
    q = rng.randint(20, 75)
    buf = io.BytesIO()
    Image.fromarray(arr).save(buf, "JPEG", quality=q)
    params["jpeg"] = q
    return Image.open(io.BytesIO(buf.getvalue())).convert("L"), params


def ocr(img: Image.Image, lang: str) -> str:
    return tesseract.plain_text(img, lang, psm=6)


def generate(corpus: Path, out: Path, pages: int, seed: int, held_out: bool, vie_every: int = 5, workers: int = 1) -> None:
    """Write one JSON per page; already-written pages are skipped so the job can be resumed.

    Each page depends only on its index (its own random seed), so `workers` processes make the
    same files as one, in about 1/workers of the time (Tesseract runs one thread each)."""
    out.mkdir(parents=True, exist_ok=True)
    texts = page_texts(corpus, held_out, pages, seed)
    todo = [(i, text, seed, vie_every, out) for i, text in enumerate(texts) if not (out / f"{i:05d}.json").exists()]
    if workers > 1 and len(todo) > 1:
        import multiprocessing

        with multiprocessing.get_context("fork").Pool(workers) as pool:
            for _ in pool.imap_unordered(_make_page, todo):
                pass
    else:
        for job in todo:
            _make_page(job)


def _make_page(job: tuple[int, str, int, int, Path]) -> None:
    i, text, seed, vie_every, out = job
    path = out / f"{i:05d}.json"
    rng = random.Random(seed * 100003 + i)
    img, params = render(text, rng)
    lang = "vie" if vie_every and i % vie_every == vie_every - 1 else "eng"
    params["lang"] = lang
    params["ocr"] = ocr(img, lang)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(params, ensure_ascii=False), encoding="utf-8")
    tmp.rename(path)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", type=Path, default=Path("../shared/corpus"))
    ap.add_argument("--pages", type=int, default=400)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--held-out", action="store_true", help="pages from held-out documents (benchmarks)")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = ap.parse_args()
    sub = "heldout" if args.held_out else "pairs"
    generate(args.corpus, CACHE / sub, args.pages, args.seed + (1000 if args.held_out else 0), args.held_out,
             vie_every=0 if args.held_out else 5, workers=args.workers)


if __name__ == "__main__":
    main()
