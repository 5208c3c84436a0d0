"""Shared fixtures. Tests that need ../shared (seeds, corpus) skip with a reason when it is absent."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("VNRESOLVE_SHARED", ROOT.parent / "shared"))
SEEDS = SHARED / "seeds"
CORPUS = SHARED / "corpus"

needs_shared = pytest.mark.skipif(
    not SEEDS.is_dir(), reason=f"../shared/seeds not found at {SEEDS} (evaluation data lives beside the repo in CI only)"
)
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason=f"../shared/corpus not found at {CORPUS}")


def seed(prefix: str) -> Path:
    """Path of seed file `prefix`_*.txt (e.g. '002')."""
    matches = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not matches:
        pytest.skip(f"seed {prefix} not in {SEEDS}")
    return matches[0]


def run_cli(*args: str, input: bytes | None = None, cwd: Path | None = None, timeout: int = 600) -> subprocess.CompletedProcess:
    """Run the real CLI as a user would (`python cli.py …`) and capture bytes."""
    return subprocess.run(
        [sys.executable, str(ROOT / "cli.py"), *args], input=input, capture_output=True, cwd=cwd or ROOT, timeout=timeout,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
