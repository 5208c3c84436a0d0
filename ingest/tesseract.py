"""The one place that talks to Tesseract: the `tesseract` program (through pytesseract) and its
library (ingest/tessapi.py) when that loads.

Owns the language list, page segmentation mode, timeout, version check and
the `OMP_THREAD_LIMIT=1` rule: Tesseract's own OpenMP threading is slower than
running one single-threaded Tesseract per page in parallel processes (measured
on a 2-core machine: ~20 s/page threaded vs ~1.5 s/page with two processes).
Its output comes back as Tesseract's word table; ingest/layout.py makes page lines of it.
"""

from __future__ import annotations

import errno
import functools
import io
import os
import subprocess
import tempfile

import numpy as np
import pytesseract
from PIL import Image

from vnresolve.ingest import tessapi
from vnresolve.ingest.errors import MissingDependency, OcrError, OcrTimeout, TempSpaceFull
from vnresolve.ingest.tools import Program

DEFAULT_LANG = "vie"
DEFAULT_PSM = 3  # automatic layout: multi-column headers and signature blocks stay apart
DEFAULT_TIMEOUT_S = 180
MIN_VERSION = (4, 1)  # LSTM engine; 3.x has no usable Vietnamese model
PACKAGE = "tesseract-ocr"  # Debian package of the program; language data are tesseract-ocr-<lang>


def program() -> Program:
    """The program pytesseract runs (its `tesseract_cmd` may name another one)."""
    return Program(pytesseract.pytesseract.tesseract_cmd, PACKAGE)


def version() -> tuple[int, ...]:
    """Tesseract's version, from the library when it loads; MissingDependency when it is missing or too old.

    The program is required either way: the language list and OSD always run it."""
    binary = program().require(MIN_VERSION)
    if tessapi.available():
        return tessapi.probe().require(MIN_VERSION).version
    return binary.version


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
        package = f"tesseract-ocr-{missing[0]}"
        raise MissingDependency(f"tesseract language data missing: {', '.join(missing)} (Debian: apt-get install {package})",
                                program="tesseract", package=package)


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
            try:
                image.convert("L").save(tmp.name, format="TIFF")
            except OSError as err:
                if err.errno == errno.ENOSPC:
                    raise TempSpaceFull() from err
                raise
            return _call(fn, tmp.name, timeout, **kw)
    return _call(fn, image, timeout, **kw)


def _call(fn, image, timeout: int, **kw):
    # pytesseract gives the program this process's environment and takes no env= of its own: set
    # the limit just before it starts (tessapi sets it before loading the library).
    os.environ["OMP_THREAD_LIMIT"] = "1"
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


def regions_data(image: np.ndarray, regions: list[tuple[int, int, int, int]], lang: str = DEFAULT_LANG, psm: int = DEFAULT_PSM,
                 timeout: int = DEFAULT_TIMEOUT_S, dpi: float | None = None) -> dict[str, list]:
    """`image_data` of rectangles (x0, y0, x1, y1) of one page, each read as if it were the page:
    rows in region order, boxes in page coordinates, each region's blocks numbered after the
    previous region's ({} for no regions).

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
    return merged


def digits_engine():
    """The loaded engine the digit readings use ('eng'), or None where libtesseract or 'eng' cannot
    be loaded (the program then reads, or names what is missing). OcrRun loads it before forking,
    as the page engine."""
    if not tessapi.available():
        return None
    try:
        return tessapi.engine("eng", role="digits")
    except OcrError:
        return None


def digits_data(image: np.ndarray, timeout: int = 30, psm: int = 7, digits_only: bool = True) -> dict[str, list]:
    """`image_data` of one line of handwritten or stamped digits (`psm` 7; 10: a single digit), read
    as digits alone ('eng'; with `digits_only` False, as any character). Through an engine of its own
    when libtesseract loads (a whitelist set on an engine stays set: each call sets it, and the page
    engine never has one), which spares the program's start-up on each of a blank's dozen small reads."""
    if (engine := digits_engine()) is not None:
        grey = np.ascontiguousarray(image if image.ndim == 2 else np.asarray(Image.fromarray(image).convert("L")))
        variables = {**NO_INVERT_VARS, "tessedit_char_whitelist": "0123456789" if digits_only else ""}
        tsv = engine.tsv(grey, psm, None, variables, timeout)
        return pytesseract.pytesseract.file_to_dict(tsv, "\t", -1)
    check_language("eng")
    extra = "-c tessedit_char_whitelist=0123456789" if digits_only else ""
    return _run(pytesseract.image_to_data, Image.fromarray(image), timeout, lang="eng",
                config=_config(psm, None, extra), output_type=pytesseract.Output.DICT)


def orientation(image: Image.Image, timeout: int = 60) -> tuple[int, float]:
    """(degrees to rotate clockwise to make the page upright, confidence) from Tesseract OSD.

    Returns (0, 0.0) when OSD has too little text to decide: not an error.
    """
    if "osd" not in languages():
        raise MissingDependency("tesseract OSD data missing (Debian: apt-get install tesseract-ocr-osd)",
                                program="tesseract", package="tesseract-ocr-osd")
    try:
        osd = _run(pytesseract.image_to_osd, image, timeout, config="--psm 0", output_type=pytesseract.Output.DICT)
    except OcrTimeout:
        raise
    except OcrError:
        return 0, 0.0  # "Too few characters" and friends
    return int(osd.get("rotate", 0)) % 360, float(osd.get("orientation_conf", 0.0))


def plain_text(image: Image.Image, lang: str = DEFAULT_LANG, psm: int = 6, timeout: int = 300) -> str:
    """The program's plain-text output for a page image handed over on stdin as PNG, with
    Tesseract's own default settings: how training reads its synthetic pages (the channel model
    learns the errors of exactly this reading)."""
    command = program().require(MIN_VERSION).path
    buf = io.BytesIO()
    image.save(buf, "PNG")
    try:
        res = subprocess.run([command, "stdin", "stdout", "-l", lang, "--psm", str(psm)], input=buf.getvalue(),
                             capture_output=True, env={**os.environ, "OMP_THREAD_LIMIT": "1"}, timeout=timeout)
    except subprocess.TimeoutExpired as err:
        raise OcrTimeout(f"tesseract timed out after {timeout}s") from err
    return res.stdout.decode("utf-8", errors="replace")
