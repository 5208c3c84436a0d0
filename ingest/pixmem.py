"""Tesseract's text-line images kept uncompressed in memory (why: ingest/native/pixmem.c).

`make setup` compiles ingest/native/pixmem.c into LIBRARY when a C compiler is there. tessapi calls
`install()` just before it loads libtesseract, because the library binds its calls when it is loaded
(ctypes loads with RTLD_NOW), so the replacement pixWriteMem must already be in the global scope. Without
the compiled file, or with VNRESOLVE_PIXMEM=0, nothing changes but the speed: Tesseract's output is
the same either way (tests/test_ingest_pixmem.py compares both on real pages).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import os
from pathlib import Path

LIBRARY = Path(__file__).with_name("native") / "libvnrpixmem.so"

_shim: ctypes.CDLL | None = None


@functools.cache
def leptonica_name() -> str:
    """The system leptonica's file name (each find_library runs `ldconfig -p`, ≈10-25 ms)."""
    return ctypes.util.find_library("lept") or ctypes.util.find_library("leptonica") or "liblept.so.5"


def install() -> bool:
    """Put the replacement into the global symbol scope, bound to the system's leptonica for now
    (`bind_to` rebinds it to libtesseract's own once that is loaded). False when it is off or not built."""
    global _shim
    if _shim is not None:
        return True
    if os.environ.get("VNRESOLVE_PIXMEM", "1") == "0" or not LIBRARY.exists():
        return False
    try:
        shim = ctypes.CDLL(str(LIBRARY))  # local first: bound before any library can call into it
        shim.vnr_pixmem_bind.restype, shim.vnr_pixmem_bind.argtypes = ctypes.c_int, [ctypes.c_void_p]
        shim.vnr_pixmem_replaced.restype, shim.vnr_pixmem_replaced.argtypes = ctypes.c_long, []
        shim.vnr_pixmem_enable.restype, shim.vnr_pixmem_enable.argtypes = None, [ctypes.c_int]
        if not shim.vnr_pixmem_bind(ctypes.CDLL(leptonica_name())._handle):
            return False
        ctypes.CDLL(str(LIBRARY), mode=os.RTLD_GLOBAL | os.RTLD_NOLOAD)
    except (OSError, AttributeError):
        return False
    _shim = shim
    return True


def bind_to(library: ctypes.CDLL) -> None:
    """Look leptonica's functions up through `library`'s own dependencies (libtesseract's): a
    handle lookup never sees the global scope, so this finds the leptonica libtesseract calls. Should
    that fail (it cannot while libtesseract links leptonica), the replacement is switched off and
    passes every call to the leptonica found by name."""
    if _shim is not None and not _shim.vnr_pixmem_bind(library._handle):
        _shim.vnr_pixmem_enable(0)


def replaced() -> int:
    """How many images this process has written uncompressed: 0 means the replacement is not in use."""
    return int(_shim.vnr_pixmem_replaced()) if _shim is not None else 0


def enable(on: bool) -> None:
    """Switch the replacement on or off at run time (tests and benchmarks compare the two)."""
    if _shim is not None:
        _shim.vnr_pixmem_enable(int(on))
