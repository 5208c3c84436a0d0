"""Where the benchmarks find the shared read-only data (seeds/, corpus/, realscans/): the folder
`shared` beside the repository, or wherever VNRESOLVE_SHARED points (a git worktree elsewhere has
no ../shared). A benchmark without its data says so in one line instead of printing nothing."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("VNRESOLVE_SHARED", ROOT.parent / "shared"))


def missing(what: str, *parts: str) -> bool:
    """Whether any of SHARED/part is absent; if so, prints one line naming `what` is skipped, the
    first missing folder and how to point at the data."""
    for part in parts:
        path = SHARED / part
        if not path.exists():
            print(f"{what}: skipped, {path} not found (set VNRESOLVE_SHARED to the shared data folder, "
                  f"the one holding seeds/, corpus/ and realscans/; default ../shared beside the repository)")
            return True
    return False
