"""The restorer's kernels built ahead of time (diacritics/aot.py, `make setup`).

Where the module is built (CI builds it) it must be the one in use, load without numba, and
restore exactly as numba's JIT does; a module built from other sources must be ignored.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from vnresolve.diacritics import aot
from fixtures.documents import OCR_SAMPLE as TEXT

ROOT = Path(__file__).resolve().parent.parent

if not aot.built_path().exists() and not os.environ.get("CI"):
    pytest.skip(f"{aot.built_path().name} not built (`make setup` builds it where numba, a C compiler and the "
                "Python headers are installed)", allow_module_level=True)

# What each process prints: the restorations (default and adaptive restorer; mangled OCR, accent-
# stripped and clean text) and a digest of the beam's offset tables, which the model load reads
# from a disk cache and so would otherwise never recompute; and whether numba was imported.
_RUN = """
import hashlib, json, sys
from unidecode import unidecode
from vnresolve.diacritics import decoder, load_restorer
texts = [sys.stdin.read()]
texts += [unidecode(texts[0]), "Ủy ban nhân dân tỉnh ban hành kế hoạch thực hiện Nghị quyết."]
out = {"numba": "numba" in sys.modules}
for name in ("fast", "default"):
    r = load_restorer(name)
    out[name] = [[res.text, [[c.start, c.end, c.original, c.restored, c.confidence, list(c.alternatives)]
                             for c in res.changes]] for res in map(r.restore, texts)]
h = hashlib.sha1()
for arr in decoder.compute_offsets(load_restorer("default").lm):
    h.update(bytes(memoryview(__import__("numpy").ascontiguousarray(arr)).cast("B")))
out["offsets"] = h.hexdigest()
out["numba_after"] = "numba" in sys.modules
print(json.dumps(out, ensure_ascii=False))
"""


def _run(aot_on: bool) -> dict:
    env = {**os.environ, "VNRESOLVE_AOT": "1" if aot_on else "0"}
    out = subprocess.run([sys.executable, "-c", _RUN], input=TEXT, capture_output=True, text=True, timeout=600,
                         cwd=ROOT, env=env)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


@pytest.fixture(scope="module")
def runs() -> tuple[dict, dict]:
    return _run(True), _run(False)


def test_built_and_in_use():
    assert aot.built_path().exists(), "make setup did not build diacritics/_kernels (see its message)"
    assert aot.kernels() is not None, "diacritics/_kernels was built from other sources: run `make setup`"


@pytest.mark.slow
def test_loads_without_numba(runs):
    with_aot, jit = runs
    assert not with_aot["numba"] and not with_aot["numba_after"]
    assert jit["numba_after"]  # the other run really took numba's path


def test_same_restorations_and_tables_as_numba(runs):
    with_aot, jit = runs
    for key in ("fast", "default", "offsets"):
        assert with_aot[key] == jit[key], key
    assert with_aot["default"][0][1], "the mangled text was restored"


def test_module_from_other_sources_or_turned_off_is_ignored(monkeypatch):
    monkeypatch.setattr(aot, "_loaded", aot._UNSET)
    monkeypatch.setattr(aot, "source_key", lambda: -1)
    assert aot.kernels() is None
    monkeypatch.undo()
    monkeypatch.setattr(aot, "_loaded", aot._UNSET)
    monkeypatch.setenv("VNRESOLVE_AOT", "0")
    assert aot.kernels() is None


def test_arguments_of_another_dtype_or_layout_are_converted_not_misread():
    """A compiled-ahead kernel reads its arrays as its signature says: an int32 array or a strided
    view passed as they are was misread (a wrong result, or a crash). They are converted first."""
    import numpy as np

    kern = aot.kernels()
    assert kern is not None
    want = np.array([1, 2, 3, 7], np.int64)
    assert np.array_equal(kern.union(np.array([7, 3, 1, 2, 3], np.int64)), want)
    assert np.array_equal(kern.union(np.array([7, 3, 1, 2, 3], np.int32)), want)
    strided = np.array([[7, 0], [3, 0], [1, 0], [2, 0], [3, 0]], np.int64)[:, 0]
    assert not strided.flags.c_contiguous
    assert np.array_equal(kern.union(strided), want)
    with pytest.raises(TypeError, match="1-D"):
        kern.union(np.zeros((2, 2), np.int64))
