"""Arrays derived from the model files, kept in diacritics/.cache/<kind>/ between processes.

Why: a few tables are computed from the model in every process at first use -- the beam's
n-gram offsets (decoder.lm_arrays, 15-40 ms inside the first page a process decodes), the
neural scorer's folded products (~25 ms at its first stripped paragraph) and the candidate
generator's table rows and mark signatures (~45 ms at load). They are pure functions of the
model files, of the code that computes them (SOURCES, hashed into every key) and, for float
products, of the numpy/BLAS build, so they are computed once, written here, and read back by
later processes: the same bytes, so the same outputs. The newest KEEP keys of each kind are kept
(processes of different models do not evict each other). A file that cannot be read is removed
and its arrays computed again; a cache that cannot be written is skipped.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path

import numpy as np

from vnresolve.diacritics import aot

CACHE = Path(__file__).resolve().parent / ".cache"
# the modules whose code computes each kind's arrays (a change to them is a new key)
SOURCES = {"beam": ("decoder.py", "beam_jit.py"), "neural": ("neural.py",), "candidates": ("candidates.py", "marks.py")}
KEEP = 4  # keys kept per kind
_HASHED_WHOLE = 2 << 20  # model files up to this size are hashed whole, larger ones at both ends


def key_of(*parts: object) -> str:
    """A short name for what the caller's arrays depend on (repr of the parts, hashed); load and
    store add the code that computes them and numpy's version (_full_key)."""
    return hashlib.sha1(repr(parts).encode()).hexdigest()[:20]


def _full_key(kind: str, key: str) -> str:
    return key_of(kind, key, aot.source_key(SOURCES[kind]), np.__version__)


def file_id(path: Path) -> tuple[object, ...]:
    """A model file as a key part: where it is, its size, modification and change times, and a
    hash of its content (whole up to 2 MiB, else its first and last MiB: hashing the n-gram keys
    whole would add ≈40 ms to every load; the change time, which no tool sets back, covers an
    edit in their middle). A copy edited to the same size with its mtime restored is another key."""
    path = Path(path).resolve()
    st = path.stat()
    h = hashlib.sha1()
    with open(path, "rb") as fh:
        if st.st_size <= _HASHED_WHOLE:
            h.update(fh.read())
        else:
            h.update(fh.read(_HASHED_WHOLE // 2))
            fh.seek(-_HASHED_WHOLE // 2, os.SEEK_END)
            h.update(fh.read())
    return str(path), st.st_size, st.st_mtime_ns, st.st_ctime_ns, h.hexdigest()


def load(kind: str, key: str, names: tuple[str, ...],
         valid: Callable[[list[np.ndarray]], bool] | None = None) -> list[np.ndarray] | None:
    """The arrays stored under key, or None. A file that will not read as an array (empty,
    truncated, garbled) is removed, and so are the key's files where valid(arrays) is False
    (arrays that do not fit the model: the kernels index with them unchecked); the caller then
    computes and stores them again. Read into memory, not memory-mapped: numpy gives its own
    large allocations huge pages, and the beam's and the scorer's random look-ups into these
    tables were measured slower through a file mapping's 4 KiB pages (reading them is a few ms)."""
    folder, key = CACHE / kind, _full_key(kind, key)
    got = []
    for name in names:
        path = folder / f"{key}.{name}.npy"
        try:
            got.append(np.load(path))
        except FileNotFoundError:
            return None
        except Exception:  # noqa: BLE001 - numpy raises EOFError, ValueError, OSError, UnpicklingError...
            path.unlink(missing_ok=True)
            return None
    if valid is not None and not valid(got):
        for name in names:
            (folder / f"{key}.{name}.npy").unlink(missing_ok=True)
        return None
    return got


def store(kind: str, key: str, names: tuple[str, ...], arrays: list[np.ndarray]) -> None:
    """Write the arrays under key, each file written whole and synced, then renamed into place
    (a concurrent load reads a complete file or none); the files of all but the KEEP - 1 newest
    other keys, and temporary files left by processes that died while writing, are removed."""
    folder, key = CACHE / kind, _full_key(kind, key)
    tmp = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _clean(folder, key)
        for name, arr in zip(names, arrays):
            tmp = folder / f"{key}.{name}.{os.getpid()}.tmp"
            with open(tmp, "wb") as fh:
                np.save(fh, np.asarray(arr))
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, folder / f"{key}.{name}.npy")
            tmp = None
    except OSError:
        if tmp is not None:
            tmp.unlink(missing_ok=True)


def _clean(folder: Path, key: str) -> None:
    newest: dict[str, int] = {}
    for f in folder.iterdir():
        if f.name.endswith(".tmp"):
            if not _running(f.name.split(".")[-2]):
                f.unlink(missing_ok=True)
        elif f.name.endswith(".npy"):
            k = f.name.split(".")[0]
            try:
                newest[k] = max(newest.get(k, 0), f.stat().st_mtime_ns)
            except FileNotFoundError:
                continue
    newest.pop(key, None)
    old = set(sorted(newest, key=newest.__getitem__, reverse=True)[KEEP - 1:])
    for f in folder.glob("*.npy"):
        if f.name.split(".")[0] in old:
            f.unlink(missing_ok=True)


def _running(pid: str) -> bool:
    """Whether the process that writes a temporary file (its name holds the pid) is alive."""
    try:
        n = int(pid)
        if n <= 0:
            return False
        os.kill(n, 0)
    except (ValueError, ProcessLookupError):
        return False
    except PermissionError:
        pass
    return True
