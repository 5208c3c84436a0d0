"""The one place that talks to the Tesseract binary (through pytesseract).

Owns the language list, page segmentation mode, timeout, version check and
the `OMP_THREAD_LIMIT=1` rule: Tesseract's own OpenMP threading is slower than
running one single-threaded Tesseract per page in parallel processes.
"""

from __future__ import annotations

import functools
import os
import shutil

os.environ.setdefault("OMP_THREAD_LIMIT", "1")

import pytesseract  # noqa: E402
from PIL import Image  # noqa: E402

from ingest.errors import OcrError  # noqa: E402
from schemas import Line, Word  # noqa: E402

DEFAULT_LANG = "vie"
DEFAULT_TIMEOUT_S = 180
MIN_VERSION = (4, 1)


@functools.cache
def version() -> tuple[int, ...]:
    if shutil.which(pytesseract.pytesseract.tesseract_cmd) is None:
        raise OcrError("tesseract is not installed (Debian: apt-get install tesseract-ocr tesseract-ocr-vie)")
    raw = str(pytesseract.get_tesseract_version())
    parts = tuple(int(p) for p in raw.split(".")[:2] if p.isdigit())
    if parts < MIN_VERSION:
        raise OcrError(f"tesseract {raw} is too old; need >= {'.'.join(map(str, MIN_VERSION))}")
    return parts


@functools.cache
def languages() -> frozenset[str]:
    version()
    return frozenset(pytesseract.get_languages(config=""))


def check_language(lang: str) -> None:
    missing = [code for code in lang.split("+") if code not in languages()]
    if missing:
        raise OcrError(f"tesseract language data missing: {', '.join(missing)} (Debian: apt-get install tesseract-ocr-{missing[0]})")


def ocr_lines(image: Image.Image, lang: str = DEFAULT_LANG, psm: int = 3, timeout: int = DEFAULT_TIMEOUT_S) -> list[Line]:
    """OCR one page image into lines of words with boxes and confidences.

    Words are grouped by Tesseract's own (block, paragraph, line) numbering so
    reading order is Tesseract's.
    """
    check_language(lang)
    try:
        data = pytesseract.image_to_data(
            image, lang=lang, config=f"--psm {psm}", output_type=pytesseract.Output.DICT, timeout=timeout
        )
    except RuntimeError as err:  # pytesseract raises RuntimeError on timeout
        raise OcrError(f"tesseract timed out after {timeout}s") from err
    except pytesseract.TesseractError as err:
        raise OcrError(f"tesseract failed: {err.message.strip() or err.status}") from err
    return group_words(data)


def group_words(data: dict[str, list]) -> list[Line]:
    lines: dict[tuple[int, int, int], list[Word]] = {}
    for i, text in enumerate(data["text"]):
        text = (text or "").strip()
        if not text:
            continue
        key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
        x, y, w, h = data["left"][i], data["top"][i], data["width"][i], data["height"][i]
        conf = float(data["conf"][i])
        lines.setdefault(key, []).append(Word(text=text, bbox=(x, y, x + w, y + h), conf=conf if conf >= 0 else None))
    out = []
    for (block, _par, _line), words in lines.items():
        confs = [w.conf for w in words if w.conf is not None]
        out.append(
            Line(
                text=" ".join(w.text for w in words),
                bbox=(
                    min(w.bbox[0] for w in words),
                    min(w.bbox[1] for w in words),
                    max(w.bbox[2] for w in words),
                    max(w.bbox[3] for w in words),
                ),
                block=block,
                conf=round(sum(confs) / len(confs), 2) if confs else None,
                words=words,
            )
        )
    return out
