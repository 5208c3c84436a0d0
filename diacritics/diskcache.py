"""Arrays derived from the model files, kept in diacritics/.cache/<kind>/ between processes.

Why: a few tables are computed from the model in every process at first use -- the beam's
n-gram offsets (decoder.lm_arrays, 15-40 ms inside the first page a process decodes) and the
neural scorer's folded products (~25 ms at its first stripped paragraph). They are pure
functions of the model files (and, for float products, of the numpy/BLAS build), so they are
computed once, written here, and read back by later processes: the same bytes, so the same
outputs. The key names everything they depend on; files of an older key are removed when a new
one is written. A cache that cannot be read or written is skipped (the caller computes).
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import numpy as np

CACHE = Path(__file__).resolve().parent / ".cache"


def key_of(*parts: object) -> str:
    """A short name for everything the cached arrays depend on (repr of the parts, hashed)."""
    return hashlib.sha1(repr(parts).encode()).hexdigest()[:20]


def file_id(path: Path) -> tuple[str, int, int]:
    """A model file as a key part: name, size and modification time (a rebuilt file changes them)."""
    st = path.stat()
    return path.name, st.st_size, st.st_mtime_ns


def load(kind: str, key: str, names: tuple[str, ...]) -> list[np.ndarray] | None:
    """The arrays stored under key, or None. Read into memory, not memory-mapped: numpy gives its
    own large allocations huge pages, and the beam's and the scorer's random look-ups into these
    tables were measured slower through a file mapping's 4 KiB pages (reading them is a few ms)."""
    try:
        return [np.load(CACHE / kind / f"{key}.{name}.npy") for name in names]
    except (OSError, ValueError):
        return None


def store(kind: str, key: str, names: tuple[str, ...], arrays: list[np.ndarray]) -> None:
    """Write the arrays under key (each file written whole, then renamed into place, so a
    concurrent load reads a complete file or none) in place of any other key's files."""
    folder = CACHE / kind
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("*.npy"):
            if not old.name.startswith(key + "."):
                old.unlink(missing_ok=True)
        for name, arr in zip(names, arrays):
            tmp = folder / f"{key}.{name}.{os.getpid()}.tmp"
            with open(tmp, "wb") as fh:
                np.save(fh, np.asarray(arr))
            os.replace(tmp, folder / f"{key}.{name}.npy")
    except OSError:
        pass
