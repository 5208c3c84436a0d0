"""Tesseract through its C API (libtesseract, via ctypes): one engine per process, loaded once.

The `tesseract` program spends ~0.13 s of CPU starting up and loading the language model on every
call, and reads its input from a file; a page costs one such call (two on a table page: the text
outside the table and the cell stack). Here each (worker) process loads the model once and hands
Tesseract the pixels in memory. Same library, same variables as the command line
(`--psm`, `--dpi` = `user_defined_dpi`, `-c tessedit_do_invert=0`), same TSV: the output equals
the program's word for word (tests/test_ingest_tessapi.py checks it on real pages).

A call that runs past its timeout is cancelled through Tesseract's own deadline monitor and
raises OcrTimeout, as the program's timeout does. When the library cannot be loaded (another
install layout), `available()` is False and callers use the program.
"""

from __future__ import annotations

import atexit
import ctypes
import ctypes.util
import functools
import os
import threading
import time

import numpy as np

from vnresolve.ingest import pixmem
from vnresolve.ingest.errors import OcrError, OcrTimeout
from vnresolve.ingest.tools import Probe

TSV_HEADER = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
PACKAGE = "libtesseract5"  # Debian package of the library (the program is tesseract-ocr)


@functools.cache
def _load() -> tuple[ctypes.CDLL | None, str]:
    """(the library, "") or (None, why it cannot be used), once per process."""
    # libgomp reads its limits once, as it is loaded with libtesseract: set here, not at import, so only
    # a process that runs Tesseract has it. Forced, not defaulted: parallelism is ours (worker processes).
    os.environ["OMP_THREAD_LIMIT"] = "1"
    name = ctypes.util.find_library("tesseract") or "libtesseract.so.5"
    pixmem.install()  # before the load: libtesseract binds its leptonica calls as it loads
    try:
        lib = ctypes.CDLL(name)
    except OSError as err:
        return None, str(err)
    pixmem.bind_to(lib)
    vp, cp, i = ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int
    sigs = {
        "TessBaseAPICreate": (vp, []),
        "TessBaseAPIInit3": (i, [vp, cp, cp]),
        "TessBaseAPISetVariable": (i, [vp, cp, cp]),
        "TessBaseAPISetPageSegMode": (None, [vp, i]),
        "TessBaseAPISetImage": (None, [vp, vp, i, i, i, i]),
        "TessBaseAPISetSourceResolution": (None, [vp, i]),
        "TessBaseAPIRecognize": (i, [vp, vp]),
        "TessBaseAPIGetTsvText": (ctypes.POINTER(ctypes.c_char), [vp, i]),
        "TessBaseAPIClear": (None, [vp]),
        "TessDeleteText": (None, [ctypes.POINTER(ctypes.c_char)]),
        "TessMonitorCreate": (vp, []),
        "TessMonitorDelete": (None, [vp]),
        "TessMonitorSetDeadlineMSecs": (None, [vp, i]),
        "TessBaseAPIEnd": (None, [vp]),
        "TessBaseAPIDelete": (None, [vp]),
        "TessVersion": (cp, []),
    }
    try:
        for fn, (res, args) in sigs.items():
            f = getattr(lib, fn)
            f.restype, f.argtypes = res, args
    except AttributeError as err:
        return None, str(err)
    _quiet_leptonica()
    return lib, ""


def _lib():
    return _load()[0]


L_SEVERITY_NONE = 6


def _quiet_leptonica() -> None:
    """Leptonica prints its own errors ("Error in pixScanForForeground: invalid box", harmless, on
    some cell stacks) straight to stderr; the program's stderr went to pytesseract's pipe. Silence
    them here (same library: libtesseract's own copy is the one loaded)."""
    try:
        lept = ctypes.CDLL(pixmem.leptonica_name())
        lept.setMsgSeverity.restype, lept.setMsgSeverity.argtypes = ctypes.c_int, [ctypes.c_int]
        lept.setMsgSeverity(L_SEVERITY_NONE)
    except (OSError, AttributeError):
        pass


def available() -> bool:
    return os.environ.get("VNRESOLVE_TESSERACT_CLI") != "1" and _lib() is not None


@functools.cache
def probe() -> Probe:
    """libtesseract's version, or the loader's words on why it cannot be loaded."""
    lib, problem = _load()
    if lib is None:
        return Probe.failed("libtesseract", PACKAGE, problem)
    return Probe.found("libtesseract", PACKAGE, lib._name, lib.TessVersion().decode())


class _Engine:
    def __init__(self, lang: str):
        lib = _lib()
        self.lib, self.lang = lib, lang
        self.handle = lib.TessBaseAPICreate()
        # Tesseract's notes ("Detected 440 diacritics", "Error opening data file") go where the
        # program's stderr went (pytesseract captured it): nowhere.
        lib.TessBaseAPISetVariable(self.handle, b"debug_file", os.devnull.encode())
        if lib.TessBaseAPIInit3(self.handle, None, lang.encode()) != 0:
            lib.TessBaseAPIDelete(self.handle)
            self.handle = None
            raise OcrError(f"tesseract could not load language {lang!r}")
        self.lock = threading.Lock()
        self.pid = os.getpid()

    def close(self) -> None:
        if self.handle and self.pid == os.getpid():
            self.lib.TessBaseAPIEnd(self.handle)
            self.lib.TessBaseAPIDelete(self.handle)
        self.handle = None

    def tsv(self, grey: np.ndarray, psm: int, dpi: float | None, variables: dict[str, str], timeout: int) -> str:
        lib, h = self.lib, self.handle
        grey = np.ascontiguousarray(grey, dtype=np.uint8)
        height, width = grey.shape
        with self.lock:
            lib.TessBaseAPISetPageSegMode(h, psm)
            lib.TessBaseAPISetVariable(h, b"user_defined_dpi", str(int(round(dpi))).encode() if dpi else b"0")
            for k, v in variables.items():
                lib.TessBaseAPISetVariable(h, k.encode(), v.encode())
            lib.TessBaseAPISetImage(h, grey.ctypes.data, width, height, 1, width)
            monitor = lib.TessMonitorCreate()
            try:
                lib.TessMonitorSetDeadlineMSecs(monitor, int(timeout * 1000))
                t0 = time.monotonic()
                status = lib.TessBaseAPIRecognize(h, monitor)
                if status != 0:
                    if time.monotonic() - t0 >= timeout * 0.99:
                        raise OcrTimeout(f"tesseract timed out after {timeout}s")
                    raise OcrError("tesseract failed to recognize the image")
                ptr = lib.TessBaseAPIGetTsvText(h, 0)
                try:
                    text = ctypes.string_at(ptr).decode("utf-8") if ptr else ""
                finally:
                    if ptr:
                        lib.TessDeleteText(ptr)
            finally:
                lib.TessMonitorDelete(monitor)
                lib.TessBaseAPIClear(h)
        return TSV_HEADER + text


_engines: dict[tuple[str, str], _Engine] = {}
_engines_lock = threading.Lock()


def engine(lang: str, role: str = "page") -> _Engine:
    """This process's engine for `lang` and `role`, loaded on first use. A role has an engine of its
    own where it sets variables that stay set (the digit readings' character whitelist), so the
    page engine never reads under them.

    The language check loads it in the process that then forks the page workers, so each worker
    starts with the model already in (copy-on-write) memory instead of loading its own (~0.13 s
    each). Safe across fork: Tesseract runs single-threaded here (OMP_THREAD_LIMIT=1), holds no
    file open after loading, and a parent never runs OCR while its page workers do.
    """
    with _engines_lock:
        eng = _engines.get((lang, role))
        if eng is None:
            eng = _engines[(lang, role)] = _Engine(lang)
        return eng


@atexit.register
def _close_all() -> None:
    """Free the engines this process loaded at exit (else Tesseract's object cache warns about leaks on stderr)."""
    for key in list(_engines):
        _engines.pop(key).close()
