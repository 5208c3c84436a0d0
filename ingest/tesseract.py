"""The one place that talks to the Tesseract binary (through pytesseract).

Owns the language list, page segmentation mode, timeout, version check and
the `OMP_THREAD_LIMIT=1` rule: Tesseract's own OpenMP threading is slower than
running one single-threaded Tesseract per page in parallel processes (measured
on a 2-core machine: ~20 s/page threaded vs ~1.5 s/page with two processes).
"""

from __future__ import annotations

import functools
import os
import shutil
import tempfile

# Set before any tesseract child starts; children inherit os.environ. Forced, not
# defaulted: parallelism is ours (worker processes), never OpenMP's.
os.environ["OMP_THREAD_LIMIT"] = "1"

import numpy as np  # noqa: E402
import pytesseract  # noqa: E402
from PIL import Image  # noqa: E402

from vnresolve.ingest import tessapi  # noqa: E402

from vnresolve.ingest.errors import MissingDependency, OcrError, OcrTimeout  # noqa: E402
from vnresolve.schemas import Line, Word  # noqa: E402

DEFAULT_LANG = "vie"
DEFAULT_PSM = 3  # automatic layout: multi-column headers and signature blocks stay apart
DEFAULT_TIMEOUT_S = 180
MIN_VERSION = (4, 1)  # LSTM engine; 3.x has no usable Vietnamese model


@functools.cache
def version() -> tuple[int, ...]:
    if shutil.which(pytesseract.pytesseract.tesseract_cmd) is None:
        raise MissingDependency("tesseract is not installed (Debian: apt-get install tesseract-ocr tesseract-ocr-vie)")
    raw = tessapi.version() if tessapi.available() else str(pytesseract.get_tesseract_version())
    parts = tuple(int(p) for p in raw.split(".")[:2] if p.isdigit())
    if parts < MIN_VERSION:
        raise MissingDependency(f"tesseract {raw} is too old; need >= {'.'.join(map(str, MIN_VERSION))}")
    return parts


@functools.cache
def languages() -> frozenset[str]:
    version()
    return frozenset(pytesseract.get_languages(config=""))


def check_language(lang: str) -> None:
    """Raise MissingDependency unless Tesseract can read `lang`; loads this process's engine for it."""
    if tessapi.available() and "+" not in lang:  # loading "vie+xyz" succeeds without xyz: list those
        version()
        try:
            tessapi.engine(lang)
            return
        except OcrError:
            pass  # name the missing part, from the program's list
    missing = [code for code in lang.split("+") if code not in languages()]
    if missing:
        raise MissingDependency(f"tesseract language data missing: {', '.join(missing)} (Debian: apt-get install tesseract-ocr-{missing[0]})")


# Tesseract 5 retries every line it reads with low confidence as white-on-black text. Official scans
# have no inverted text, and the retry costs ~4 % of the OCR time of a page (WER and table cells unchanged).
NO_INVERT = "-c tessedit_do_invert=0"
NO_INVERT_VARS = {"tessedit_do_invert": "0"}


def _config(psm: int, dpi: float | None, extra: str = "") -> str:
    cfg = f"--psm {psm} {NO_INVERT}"
    if dpi:
        cfg += f" --dpi {int(round(dpi))}"  # tells tesseract the glyph scale; guessed wrong on small pages
    return f"{cfg} {extra}".strip()


def _run(fn, image, timeout: int, **kw):
    """Hand Tesseract an uncompressed TIFF file: pytesseract would PNG-encode the page (~0.15 s) first.

    TIFF, not PGM: Leptonica reads a PGM one `fread` per pixel (measured with perf: ~3 % of
    Tesseract's time on a 200 dpi page, ~11 % on a table's 300 dpi cell stack); libtiff reads
    whole strips. Same pixels, same OCR output.
    """
    if isinstance(image, Image.Image) and image.mode in ("L", "1"):
        with tempfile.NamedTemporaryFile(prefix="vnresolve-", suffix=".tif") as tmp:
            image.convert("L").save(tmp.name, format="TIFF")
            return _call(fn, tmp.name, timeout, **kw)
    return _call(fn, image, timeout, **kw)


def _call(fn, image, timeout: int, **kw):
    try:
        return fn(image, timeout=timeout, **kw)
    except pytesseract.TesseractError as err:  # a RuntimeError subclass: must be caught first
        raise OcrError(f"tesseract failed: {str(err.message).strip() or err.status}") from err
    except RuntimeError as err:  # pytesseract raises a bare RuntimeError on timeout
        raise OcrTimeout(f"tesseract timed out after {timeout}s") from err


def image_data(image: Image.Image | np.ndarray, lang: str = DEFAULT_LANG, psm: int = DEFAULT_PSM, timeout: int = DEFAULT_TIMEOUT_S,
               dpi: float | None = None) -> dict[str, list]:
    """Raw `image_to_data` columns (word boxes, confidences, block/par/line numbers).

    Through this process's loaded engine (ingest/tessapi.py) when libtesseract can be loaded,
    else through the `tesseract` program; the two give the same TSV.
    """
    check_language(lang)
    if tessapi.available():
        grey = image if isinstance(image, np.ndarray) else np.asarray(image.convert("L") if image.mode != "L" else image)
        if grey.ndim != 2:
            grey = np.asarray(Image.fromarray(grey).convert("L"))
        tsv = tessapi.engine(lang).tsv(grey, psm, dpi, NO_INVERT_VARS, timeout)
        return pytesseract.pytesseract.file_to_dict(tsv, "\t", -1)
    if isinstance(image, np.ndarray):
        image = Image.fromarray(image)
    return _run(pytesseract.image_to_data, image, timeout, lang=lang, config=_config(psm, dpi), output_type=pytesseract.Output.DICT)


def ocr_lines(image: Image.Image | np.ndarray, lang: str = DEFAULT_LANG, psm: int = DEFAULT_PSM, timeout: int = DEFAULT_TIMEOUT_S,
              dpi: float | None = None) -> list[Line]:
    """OCR one page image into lines of words with boxes and confidences, in Tesseract's reading order."""
    return group_words(image_data(image, lang, psm, timeout, dpi))


def ocr_regions(image: np.ndarray, regions: list[tuple[int, int, int, int]], lang: str = DEFAULT_LANG, psm: int = DEFAULT_PSM,
                timeout: int = DEFAULT_TIMEOUT_S, dpi: float | None = None) -> list[Line]:
    """OCR rectangles (x0, y0, x1, y1) of one page as if they were the page: lines in region order,
    boxes in page coordinates, each region's blocks numbered after the previous region's.

    Why: a table page whose tables are read cell by cell has only a title or a page number left
    around them, and Tesseract given the whole blanked page spent its time on the paper's grain
    (see tables_scan.outside_text).
    """
    merged: dict[str, list] = {}
    blocks = 0
    for x0, y0, x1, y1 in regions:
        data = image_data(np.ascontiguousarray(image[y0:y1, x0:x1]), lang, psm, timeout, dpi)
        data["left"] = [v + x0 for v in data["left"]]
        data["top"] = [v + y0 for v in data["top"]]
        numbers = data["block_num"]
        data["block_num"] = [b + blocks for b in numbers]
        blocks += max(numbers, default=0)
        for key, values in data.items():
            merged.setdefault(key, []).extend(values)
    return group_words(merged) if merged else []


def orientation(image: Image.Image, timeout: int = 60) -> tuple[int, float]:
    """(degrees to rotate clockwise to make the page upright, confidence) from Tesseract OSD.

    Returns (0, 0.0) when OSD has too little text to decide: not an error.
    """
    if "osd" not in languages():
        raise MissingDependency("tesseract OSD data missing (Debian: apt-get install tesseract-ocr-osd)")
    try:
        osd = _run(pytesseract.image_to_osd, image, timeout, config="--psm 0", output_type=pytesseract.Output.DICT)
    except OcrTimeout:
        raise
    except OcrError:
        return 0, 0.0  # "Too few characters" and friends
    return int(osd.get("rotate", 0)) % 360, float(osd.get("orientation_conf", 0.0))


_PUNCT = set("-–—.,;:!?()[]\"'/%…*+=<>“”‘’")
JUNK_CONF = 60.0


def is_junk(text: str, conf: float) -> bool:
    """A standalone token with no letter or digit that is either an odd symbol or a low-confidence mark.

    Dust and JPEG ringing between words come out as `ˆ`, `` ` ``, `_,` or a lone `:`;
    real standalone punctuation (the dash in "2021 - 2025") is read with high confidence.
    """
    if any(ch.isalnum() for ch in text):
        return False
    return conf < JUNK_CONF or not set(text) <= _PUNCT


def group_words(data: dict[str, list]) -> list[Line]:
    """Words grouped by Tesseract's own (block, paragraph, line) numbering; junk tokens dropped."""
    lines: dict[tuple[int, int, int], list[Word]] = {}
    for i, text in enumerate(data["text"]):
        text = (text or "").strip()
        if not text or is_junk(text, float(data["conf"][i])):
            continue
        key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
        x, y, w, h = data["left"][i], data["top"][i], data["width"][i], data["height"][i]
        conf = float(data["conf"][i])
        lines.setdefault(key, []).append(Word(text=text, bbox=(x, y, x + w, y + h), conf=conf if conf >= 0 else None))
    out = []
    for (block, _par, _line), words in lines.items():
        out.extend(make_line(part, block) for part in split_columns(words))
    return out


COLUMN_GAP = 3.0  # in word heights: wider than any justified word space


def split_columns(words: list[Word]) -> list[list[Word]]:
    """Split a line where Tesseract joined two columns side by side (header block, recipients | signature)."""
    if len(words) < 2:
        return [words]
    heights = sorted(w.bbox[3] - w.bbox[1] for w in words)
    gap = COLUMN_GAP * heights[len(heights) // 2]
    parts = [[words[0]]]
    for prev, w in zip(words, words[1:]):
        if w.bbox[0] - prev.bbox[2] > gap:
            parts.append([w])
        else:
            parts[-1].append(w)
    return parts


def make_line(words: list[Word], block: int = 0) -> Line:
    confs = [w.conf for w in words if w.conf is not None]
    return Line(
        text=" ".join(w.text for w in words),
        bbox=(min(w.bbox[0] for w in words), min(w.bbox[1] for w in words), max(w.bbox[2] for w in words), max(w.bbox[3] for w in words)),
        block=block,
        conf=round(sum(confs) / len(confs), 2) if confs else None,
        words=words,
    )
