"""Decoding page-image files (PNG, JPEG, TIFF) frame by frame, with the checks a hostile file needs.

The image backend reads only the headers here (frames, resolutions); each OCR worker decodes its
own frame, so a 200-page TIFF is never decoded at once.
"""

from __future__ import annotations

import struct
import warnings as _warnings
from pathlib import Path

import numpy as np
from PIL import Image, ImageSequence, UnidentifiedImageError

from vnresolve.ingest.errors import EmptyFile, ImageTooLarge, TruncatedFile, UnreadableImage

# ~ A0 at 300 dpi. Pillow warns above this and raises at twice it; we refuse outright,
# before decoding a single pixel: a page scan is never this big, a decompression bomb is.
MAX_PIXELS = 120_000_000
Image.MAX_IMAGE_PIXELS = MAX_PIXELS
MIN_SIDE = 16
# What Pillow raises on a damaged frame: a TIFF directory missing its size tags gives TypeError, a cut
# one struct.error or IndexError, a bad tag KeyError; none of them is a fault of the pipeline.
_DECODE_ERRORS = (OSError, SyntaxError, ValueError, TypeError, KeyError, IndexError, struct.error)
EXIF_TURN = "vnresolve.exif_turn"  # Image.info key: degrees clockwise the EXIF orientation asks a viewer to turn
# Orientation tag values that are pure turns; the mirrored ones (2, 4, 5, 7) come from no camera or scanner.
_EXIF_TURNS = {3: 180, 6: 90, 8: 270}


def _open(path: Path) -> Image.Image:
    if path.stat().st_size == 0:
        raise EmptyFile("file is empty")
    try:
        with _warnings.catch_warnings():
            _warnings.simplefilter("error", Image.DecompressionBombWarning)
            img = Image.open(path)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as err:
        raise ImageTooLarge(f"image too large to be a page scan (over {MAX_PIXELS // 1_000_000} megapixels): refusing a possible decompression bomb") from err
    except UnidentifiedImageError as err:
        raise UnreadableImage("not a readable image (unknown or damaged format)") from err
    except OSError as err:
        raise UnreadableImage(f"not a readable image: {err}") from err
    w, h = img.size
    if w * h > MAX_PIXELS:
        img.close()
        raise ImageTooLarge(f"image too large to be a page scan ({w}x{h} pixels, limit {MAX_PIXELS // 1_000_000} megapixels)")
    if w < MIN_SIDE or h < MIN_SIDE:  # no text fits; OpenCV's resize asserts on a side that rounds to 0
        img.close()
        raise UnreadableImage(f"image too small to be a page ({w}x{h} pixels, at least {MIN_SIDE} each way)")
    return img


def _has_alpha(img: Image.Image) -> bool:
    return img.mode in ("LA", "La", "PA", "RGBA", "RGBa") or "transparency" in img.info


def to_grey(img: Image.Image) -> Image.Image:
    """8-bit greyscale as the page looks: Pillow's own convert("L") clips 16-bit samples above 255
    (a 16-bit scan becomes a white page) and drops alpha (transparent pixels, often black, show)."""
    mode = img.mode
    if mode in ("1", "L"):
        return img.convert("L")
    if mode.startswith("I;16") or mode in ("I", "F"):
        a = np.asarray(img)
        if mode.startswith("I;16"):
            return Image.fromarray((a.astype(np.uint16) >> 8).astype(np.uint8), "L")
        lo, hi = float(a.min()), float(a.max())
        if mode == "F" and 0.0 <= lo and hi <= 1.0:
            scaled = a * 255.0
        elif 0 <= lo and hi <= 255:
            scaled = a
        elif 0 <= lo and hi <= 65535:
            scaled = a / 257.0
        else:  # a range no scanner writes: stretch it to 0-255 rather than clip it away
            scaled = (a - lo) * (255.0 / (hi - lo))
        return Image.fromarray(np.clip(np.rint(scaled), 0, 255).astype(np.uint8), "L")
    if _has_alpha(img):
        rgba = img.convert("RGBA")
        page = Image.new("RGBA", img.size, (255, 255, 255, 255))  # paper is white under transparency
        page.alpha_composite(rgba)
        return page.convert("L")
    return img.convert("L")


def to_rgb(img: Image.Image) -> Image.Image:
    """8-bit RGB as the page looks (transparent pixels on white paper)."""
    if _has_alpha(img):
        page = Image.new("RGBA", img.size, (255, 255, 255, 255))
        page.alpha_composite(img.convert("RGBA"))
        return page.convert("RGB")
    return img.convert("RGB")


def _varies(img: Image.Image) -> bool:
    """Any band of the decoded frame with more than one value."""
    extrema = img.getextrema()
    bands = extrema if isinstance(extrema[0], tuple) else (extrema,)
    return any(lo != hi for lo, hi in bands)


def read_frame(path: Path, frame: int, colour: bool = False) -> Image.Image:
    """Decode one frame as 8-bit greyscale, or RGB with `colour` when the frame is in colour (called in
    the OCR worker). A frame whose samples vary but whose greyscale is one flat colour was not read
    right: it fails rather than OCR to nothing."""
    img = _open(path)
    try:
        img.seek(frame)
        img.load()
        out = to_grey(img)
        out.load()
        if not _varies(out) and _varies(img.convert("RGBA") if _has_alpha(img) else img):
            raise UnreadableImage(f"image frame {frame + 1} ({img.mode}) decodes to a blank page")
        if colour and img.mode in ("RGB", "RGBA", "P", "PA", "CMYK", "YCbCr", "LAB", "HSV"):
            out = to_rgb(img)
        out.info[EXIF_TURN] = _EXIF_TURNS.get(img.getexif().get(0x0112), 0)
        return out
    except _DECODE_ERRORS as err:
        if "truncated" in str(err).lower() or "broken" in str(err).lower():
            raise TruncatedFile(f"image data is truncated (frame {frame + 1})") from err
        raise UnreadableImage(f"cannot decode image frame {frame + 1}: {err}") from err
    finally:
        img.close()


def frame_info(path: Path) -> list[float | None]:
    """Declared resolution of each frame; decodes nothing but the headers."""
    img = _open(path)
    try:
        dpis: list[float | None] = []
        for frame in ImageSequence.Iterator(img):
            dpi = frame.info.get("dpi", (None,))[0]
            dpis.append(float(dpi) if dpi and dpi > 1 else None)
        return dpis
    except _DECODE_ERRORS as err:
        raise UnreadableImage(f"image frame {len(dpis) + 1} is damaged: cannot read its header ({err})") from err
    finally:
        img.close()
