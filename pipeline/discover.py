"""Which files a batch covers, in an order that does not depend on the file system.

Directory listings come back in arbitrary order; sorting each level keeps
runs, manifests and exports reproducible on any machine.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from vnresolve.ingest import SUPPORTED_SUFFIXES


def _walk(folder: Path) -> Iterable[Path]:
    """Depth-first, names sorted at every level; hidden files and folders skipped (editor/OS litter).

    Symlinked folders are not entered (a link back up the tree would loop
    forever); symlinked files are read like any other file.
    """
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(Path(entry.path))
        elif entry.is_file() and Path(entry.name).suffix.lower() in SUPPORTED_SUFFIXES:
            yield Path(entry.path)


def discover(paths: Iterable[Path]) -> list[Path]:
    """Supported files under `paths` (folders recursively), stable order, each path once.

    Only paths are held (a few hundred bytes each), never contents, so an
    archive of 100,000 files costs megabytes here. Files named explicitly are
    kept whatever their suffix, so the user gets a clear 'unsupported' reason.
    """
    seen: set[str] = set()
    found: list[Path] = []
    for path in paths:
        for file in _walk(path) if path.is_dir() else [path]:
            key = os.path.abspath(file)
            if key not in seen:
                seen.add(key)
                found.append(file)
    return found
