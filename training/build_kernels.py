"""Build the restorer's kernels ahead of time into diacritics/_kernels*.so (numba.pycc, ≈20 s).

    python -m training.build_kernels [--force]     # what `make setup` runs; skipped when up to date

The loader, the signatures and the source key live in vnresolve.diacritics.aot; this builder is not
shipped in the wheel (an installed copy without the module compiles the kernels with numba's JIT).
"""

from __future__ import annotations

import os
import sys
import sysconfig
from pathlib import Path

from vnresolve.diacritics import aot
from vnresolve.diacritics.aot import _DTYPES, MODULE, SIGNATURES, built_path, kernels, source_key


def build() -> Path:
    """Compile the kernels into diacritics/_kernels*.so with numba.pycc (≈20 s)."""
    import shutil
    import tempfile
    import warnings

    os.environ["VNRESOLVE_AOT"] = "0"  # beam_jit and cand_jit must come up with numba, not the old module
    aot._loaded = None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pycc's pending-deprecation notice
        from numba import types as t
        from numba.pycc import CC

        from vnresolve.diacritics import beam_jit, cand_jit

        scalars = {k: getattr(t, v if v != "bool" else "boolean") for k, v in _DTYPES.items()}

        def numba_type(spec: str):
            if ":" not in spec:
                return scalars[spec]
            kind, dims = spec.split(":")
            return t.Array(scalars[kind], int(dims[0]), "C", readonly=dims.endswith("r"))

        python = {"decode_many": beam_jit._decode_many, "two_sided": beam_jit._two_sided_many,
                  "bigram_tri_ranges": beam_jit._bigram_tri_ranges,
                  "bloom": beam_jit.bloom, **{n: getattr(cand_jit, n) for n in (
                      "score_rows", "union", "select", "select_prior", "mix_probs", "keys_near",
                      "add_marks", "score_self", "score_rows_many", "mix_probs_many", "select_prior_many",
                      "score_self_many", "union_many")}}
        exports = {}
        for name, (args, result) in SIGNATURES.items():
            ret = t.Tuple(tuple(map(numba_type, result))) if isinstance(result, tuple) else numba_type(result)
            exports[name] = (ret(*map(numba_type, args)), python[name].py_func)
        tmp = Path(tempfile.mkdtemp(prefix="vnresolve-aot-"))
        try:
            cc = CC(MODULE)
            cc.output_dir = str(tmp)
            cc.target_cpu = "host"  # built on the machine that runs it, like numba's own JIT
            for name, (sig, func) in exports.items():
                cc.export(name, sig)(func)
            key = source_key()
            cc.export("source_key", t.int64())(lambda: key)
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
    print(f"built {path.relative_to(aot.HERE.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
