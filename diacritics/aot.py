"""The restorer's compiled kernels built ahead of time, so that loading the model needs no numba.

Why: numba compiles `beam_jit` and `cand_jit` once and caches the machine code, but every process
still pays numba's start-up to use that cache: importing numba (≈0.25 s) and initialising its
typing context to load the ten cached functions (≈0.36 s) — most of the restorer's ≈0.65 s load,
and paid again by every CLI call and every batch's document process. numba's ahead-of-time
compiler (`numba.pycc`) turns the same Python functions, with the one signature each is called
with, into an ordinary extension module (`diacritics/_kernels*.so`) that imports without numba.

    python -m diacritics.aot            # what `make setup` runs (skipped when up to date)

The module is a build product, not committed: it is specific to the machine's Python and numpy.
It records a key of the kernel sources it was built from; where that key no longer matches the
sources (the code changed since the build) it is ignored, and so is a module that will not import.
Then the kernels are compiled by numba as before, and where numba is missing too, the numpy
fallbacks run. All three give the same output (tests/test_diacritics_aot.py compares them).
`VNRESOLVE_AOT=0` turns the module off.
"""

from __future__ import annotations

import hashlib
import importlib
import os
import sys
import sysconfig
from pathlib import Path

HERE = Path(__file__).resolve().parent
MODULE = "_kernels"
# the files whose code is compiled into the module (this one holds the signatures)
SOURCES = ("beam_jit.py", "cand_jit.py", "aot.py")
_UNSET = object()
_loaded: object = _UNSET


def source_key() -> int:
    """A 63-bit key of the kernel sources: the module built from them answers the same."""
    h = hashlib.blake2b(digest_size=8)
    for name in SOURCES:
        h.update((HERE / name).read_bytes())
    return int.from_bytes(h.digest(), "little") >> 1


def kernels():
    """The ahead-of-time module, or None (turned off, not built, built from other sources, or not
    importable here). Looked up once per process."""
    global _loaded
    if _loaded is _UNSET:
        _loaded = None
        if os.environ.get("VNRESOLVE_AOT", "1") != "0":
            try:
                mod = importlib.import_module(f"diacritics.{MODULE}")
                if mod.source_key() == source_key():
                    _loaded = mod
            except (ImportError, AttributeError, OSError):
                pass
    return _loaded


def jit():
    """numba's njit for the kernels where the ahead-of-time module is not in use; None where it
    is (numba is then never imported) and where numba is not installed (the numpy fallbacks)."""
    if kernels() is not None:
        return None
    try:
        from numba import njit
    except ImportError:  # pragma: no cover - exercised only where numba is absent
        return None
    return njit


def built_path() -> Path:
    return HERE / f"{MODULE}{sysconfig.get_config_var('EXT_SUFFIX')}"


def build() -> Path:
    """Compile the kernels into diacritics/_kernels*.so with numba.pycc (≈15 s)."""
    import shutil
    import tempfile
    import warnings

    global _loaded
    os.environ["VNRESOLVE_AOT"] = "0"  # beam_jit and cand_jit must come up with numba, not the old module
    _loaded = None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pycc's pending-deprecation notice
        from numba import types as t
        from numba.pycc import CC

        from diacritics import beam_jit, cand_jit

        def arr(dtype, ndim=1, readonly=False):
            return t.Array(dtype, ndim, "C", readonly=readonly)

        i8, u8, f4, f8, b1 = t.int64, t.uint64, t.float32, t.float64, t.boolean
        keys = arr(u8, readonly=True)  # the model's n-gram keys are read-only memory maps
        # One signature each: the types the restorer calls them with (numba's JIT compiled
        # exactly one specialisation of each on the test suite and the benchmarks).
        exports = {
            "decode_many": (t.Tuple((arr(i8), arr(f8)))(
                arr(i8), arr(i8), arr(i8), arr(u8), arr(f4), u8, u8, i8, f8, arr(i8), arr(i8), keys, arr(f4), arr(f4),
                arr(f4), arr(f4), keys, arr(f4), arr(i8), arr(i8), b1, arr(t.uint32), arr(t.uint8)),
                beam_jit._decode_many.py_func),
            "bigram_tri_ranges": (t.Tuple((arr(i8), arr(i8), b1))(keys, keys), beam_jit._bigram_tri_ranges.py_func),
            "bloom": (arr(t.uint8)(keys, i8), beam_jit.bloom.py_func),
            "score_rows": (arr(f8)(arr(t.int32, 2), arr(t.int32), arr(i8), arr(f8), arr(f8, 2), arr(f8, 2), i8),
                           cand_jit.score_rows.py_func),
            "score_pair": (f8(arr(f8), arr(f8, 2), arr(f8, 2)), cand_jit.score_pair.py_func),
            "union": (arr(i8)(arr(i8)), cand_jit.union.py_func),
            "select": (arr(i8)(arr(f8), arr(f8), i8, f8), cand_jit.select.py_func),
            "select_prior": (arr(i8)(arr(f8), arr(i8), arr(f8), f8, i8, f8), cand_jit.select_prior.py_func),
            "mix_probs": (arr(f8)(arr(f8), arr(i8), arr(i8), arr(f8), f8, f8, f8, f8, i8, f8, arr(i8), i8),
                          cand_jit.mix_probs.py_func),
            "keys_near": (arr(i8)(arr(i8), i8, arr(u8), arr(i8), arr(i8, 2), arr(i8), arr(b1)), cand_jit.keys_near.py_func),
        }
        tmp = Path(tempfile.mkdtemp(prefix="vnresolve-aot-"))
        try:
            cc = CC(MODULE)
            cc.output_dir = str(tmp)
            cc.target_cpu = "host"  # built on the machine that runs it, like numba's own JIT
            for name, (sig, func) in exports.items():
                cc.export(name, sig)(func)
            key = source_key()
            cc.export("source_key", i8())(lambda: key)
            cc.compile()
            # a new file renamed into place: a process that has the old one loaded keeps it intact
            os.replace(tmp / built_path().name, built_path())
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    return built_path()


def main() -> int:
    """Build unless an up-to-date module is already there; a machine that cannot build it (no
    C compiler, no Python headers, no numba) gets a message and the JIT path, never a failure."""
    if "--force" not in sys.argv and kernels() is not None:
        return 0
    include = Path(sysconfig.get_paths()["include"]) / "Python.h"
    if not include.exists():
        print(f"{include} missing (Debian: python3-dev): the restorer's kernels are not built ahead of "
              "time; numba compiles them at model load instead (≈0.6 s slower load, same output)")
        return 0
    try:
        path = build()
    except Exception as exc:  # noqa: BLE001 - any failure of the optional build leaves the JIT path
        print(f"the restorer's kernels were not built ahead of time ({type(exc).__name__}: {exc}); "
              "numba compiles them at model load instead (≈0.6 s slower load, same output)")
        return 0
    print(f"built {path.relative_to(HERE.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
