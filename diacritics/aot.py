"""The restorer's compiled kernels built ahead of time, so that loading the model needs no numba.

Why: numba compiles `beam_jit` and `cand_jit` once and caches the machine code, but every process
still pays numba's start-up to use that cache: importing numba (≈0.25 s) and initialising its
typing context to load the cached functions (≈0.36 s) — most of the restorer's ≈0.65 s load,
and paid again by every CLI call and every batch's document process. numba's ahead-of-time
compiler (`numba.pycc`) turns the same Python functions, with the one signature each is called
with, into an ordinary extension module (`diacritics/_kernels*.so`) that imports without numba.

    python -m training.build_kernels    # what `make setup` runs (skipped when up to date)

This module only loads the built kernels; `training/build_kernels.py` builds them. The module is a build product, not committed: it is specific to the machine's Python and numpy.
It records a key of the kernel sources it was built from; where that key no longer matches the
sources (the code changed since the build) it is ignored, and so is a module that will not import.
Then numba compiles the kernels (numba is a dependency). Both give the same output
(tests/test_diacritics_aot.py compares them).
`VNRESOLVE_AOT=0` turns the module off.
"""

from __future__ import annotations

import hashlib
import importlib
import os
import sysconfig
from pathlib import Path
from types import SimpleNamespace

HERE = Path(__file__).resolve().parent
MODULE = "_kernels"
# the files whose code is compiled into the module (this one holds the signatures; add_marks
# indexes the mark channel's table in marks.py's SHAPE and order)
SOURCES = ("beam_jit.py", "cand_jit.py", "aot.py", "marks.py")
_UNSET = object()
_loaded: object = _UNSET
# Each kernel's one signature: the types the restorer calls it with (numba's JIT compiled exactly
# one specialisation of each over the test suite and the benchmarks). "i8:1" is a 1-D int64 array,
# "u8:1r" a read-only one (the model's n-gram keys are read-only memory maps), "f8" a scalar.
_KEYS = "u8:1r"
SIGNATURES: dict[str, tuple[tuple[str, ...], str | tuple[str, ...]]] = {
    "decode_many": (("i8:1", "i8:1", "i8:1", "u8:1", "f4:1", "u8", "u8", "i8", "f8", "i8:1", "i8:1", _KEYS, "f4:1",
                     "f4:1", "f4:1", "f4:1", _KEYS, "f4:1", "i8:1", "i8:1", "b1", "u4:1", "u1:1"), ("i8:1", "f8:1")),
    "two_sided": (("i8:1", "i8:1", "i8:1", "u8:1", "f4:1", "i8:1", "f8:1", "f8", "f8", "u8", "u8", "f8", "i8:1", "i8:1",
                   _KEYS, "f4:1", "f4:1", "f4:1", "f4:1", _KEYS, "f4:1", "i8:1", "i8:1", "b1", "u4:1", "u1:1"), "f8:1"),
    "bigram_tri_ranges": ((_KEYS, _KEYS), ("i8:1", "i8:1", "b1")),
    "bloom": ((_KEYS, "i8"), "u1:1"),
    "score_rows": (("i4:2", "i4:1", "i8:1", "f8:1", "f8:2", "f8:2", "i8"), "f8:1"),
    "union": (("i8:1",), "i8:1"),
    "select": (("f8:1", "f8:1", "i8", "f8"), "i8:1"),
    "select_prior": (("f8:1", "i8:1", "f8:1", "f8", "i8", "f8"), "i8:1"),
    "mix_probs": (("f8:1", "i8:1", "i8:1", "f8:1", "f8", "f8", "f8", "f8", "i8", "f8", "i8:1", "i8"), "f8:1"),
    "keys_near": (("i8:1", "i8", "u8:1", "i8:1", "i8:2", "i8:1", "b1:1"), "i8:1"),
    "add_marks": (("f8:1", "i8:1", "i8:1", "i8", "i8:1", "i8:1", "i8:1", "i8:1", "f8:1", "i8", "i8", "i8", "i8", "f8"),
                  "i8"),
    "score_self": (("f8:1", "f8:2", "f8:2", "i8:1"), "f8"),
    "score_rows_many": (("i4:2", "i4:1", "i8:1", "i8:1", "f8:1", "f8:2", "f8:2", "i8:1"), "f8:1"),
    "mix_probs_many": (("f8:1", "i8:1", "i8:1", "i8:1", "f8:1", "i8:1", "f8", "f8", "f8:1", "f8:1", "i8:1", "f8:1",
                        "i8:1", "i8:1", "i8:1", "i8:1", "i8:1", "i8:1", "i8:1", "f8:1", "i8:1", "i8:1",
                        "i8:1"), "f8:1"),
    "select_prior_many": (("f8:1", "i8:1", "i8:1", "f8:1", "f8", "i8", "f8"), ("i8:1", "i8:1")),
    "score_self_many": (("f8:1", "f8:2", "f8:2", "i8:1", "i8:1"), "f8:1"),
    "union_many": (("i8:1", "i8:1"), ("i8:1", "i8:1")),
}
_DTYPES = {"i8": "int64", "u8": "uint64", "i4": "int32", "u4": "uint32", "u1": "uint8", "f4": "float32",
           "f8": "float64", "b1": "bool"}


def source_key(names: tuple[str, ...] = SOURCES) -> int:
    """A 63-bit key of the kernel sources (or of other modules of this package, by file name):
    the module built from them answers the same."""
    h = hashlib.blake2b(digest_size=8)
    for name in names:
        h.update((HERE / name).read_bytes())
    return int.from_bytes(h.digest(), "little") >> 1


def kernels():
    """The ahead-of-time kernels (a namespace of guarded functions, by name), or None (turned off,
    not built, built from other sources, or not importable here). Looked up once per process."""
    global _loaded
    if _loaded is _UNSET:
        _loaded = None
        if os.environ.get("VNRESOLVE_AOT", "1") != "0":
            try:
                mod = importlib.import_module(f"{__package__}.{MODULE}")
                if mod.source_key() == source_key():
                    _loaded = SimpleNamespace(**{name: _guarded(getattr(mod, name), name, args)
                                                 for name, (args, _result) in SIGNATURES.items()})
            except (ImportError, AttributeError, OSError):
                pass
    return _loaded


def _guarded(fn, name: str, args: tuple[str, ...]):
    """fn with its array arguments checked. A compiled-ahead function trusts its signature: an
    array of another dtype or a strided view would be read as raw memory (a wrong result or a
    crash, where numba's JIT would have compiled a new specialisation). So a wrong dtype or layout
    is converted (a copy), and a wrong number of dimensions is a TypeError.

    The check is one generated expression per kernel (identity of the canonical dtype, ndim, the
    C-contiguous flag): a loop over the arguments had doubled a small kernel's call overhead
    (≈1.5 -> 3 µs), and seed 000's first restore makes ≈7,600 calls. The arrays the module itself
    returns carry a dtype equal to numpy's canonical one but not the same object, hence the `==`
    after the `is` (without it, 4,611 of those calls took the converting path)."""
    import numpy as np

    arrays = [(i, np.dtype(_DTYPES[a.split(":")[0]]), int(a.split(":")[1][0])) for i, a in enumerate(args) if ":" in a]

    def slow(*values):
        fixed = list(values)
        for i, dtype, ndim in arrays:
            v = np.asarray(values[i])
            if v.ndim != ndim:
                raise TypeError(f"{name}: argument {i} must be a {ndim}-D array, got {v.ndim}-D")
            fixed[i] = np.ascontiguousarray(v, dtype)
        return fn(*fixed)

    params = ", ".join(f"a{i}" for i in range(len(args)))
    fast = " and ".join(f"(a{i}.dtype is d{i} or a{i}.dtype == d{i}) and a{i}.ndim == {ndim} and a{i}.flags.c_contiguous"
                        for i, _dt, ndim in arrays)
    scope = {"fn": fn, "slow": slow, **{f"d{i}": dtype for i, dtype, _ndim in arrays}}
    exec(f"def {name}({params}):\n    if {fast}:\n        return fn({params})\n    return slow({params})\n", scope)
    return scope[name]


def jit():
    """numba's njit for the kernels where the ahead-of-time module is not in use; None where it
    is (numba is then never imported)."""
    if kernels() is not None:
        return None
    from numba import njit

    return njit


def built_path() -> Path:
    return HERE / f"{MODULE}{sysconfig.get_config_var('EXT_SUFFIX')}"
