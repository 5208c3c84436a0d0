"""Which files a batch covers, in an order that does not depend on the file system.

Directory listings come back in arbitrary order; sorting each level keeps
runs, manifests and exports reproducible on any machine. Every path met and
not taken is reported as a `Passed` (a line and a manifest entry), so an
archive is never covered partly in silence.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from vnresolve.ingest import SUPPORTED_SUFFIXES


@dataclass(frozen=True)
class Passed:
    """A path discovery met and did not take. `failed`: it could not be read (the batch exits 1);
    otherwise it was left out on purpose (hidden, a symlinked folder, a FIFO, another file type)."""

    path: Path
    code: str
    message: str
    failed: bool = False


def _unreadable(path: Path, err: OSError, what: str) -> Passed:
    if err.errno == errno.ELOOP:
        return Passed(path, "symlink-loop", "symbolic link loop (too many levels of symbolic links)", True)
    if err.errno == errno.ENOENT:
        return Passed(path, "dangling-symlink", "symbolic link to a missing file", True)
    return Passed(path, f"unreadable-{what}", f"cannot read {what}: {err.strerror or err}", True)


def _walk(folder: Path, passed: list[Passed], skip: set[str]) -> Iterable[Path]:
    """Depth-first, names sorted at every level.

    Hidden entries (editor/OS litter) and symlinked folders are not entered:
    a link back up the tree would loop forever. Symlinked files are read
    like any other file. Special files (FIFOs, sockets, devices) would block
    or never end, so they are not read.
    """
    try:
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as err:
        passed.append(_unreadable(folder, err, "folder"))
        return
    for entry in entries:
        path = Path(entry.path)
        if skip and os.path.abspath(entry.path) in skip:
            continue
        if entry.name.startswith("."):
            passed.append(Passed(path, "hidden", "hidden file or folder, not read"))
            continue
        try:
            if entry.is_symlink():
                try:
                    mode = os.stat(entry.path).st_mode
                except OSError as err:
                    passed.append(_unreadable(path, err, "file"))
                    continue
                if stat.S_ISDIR(mode):
                    passed.append(Passed(path, "symlinked-folder", "symbolic link to a folder, not entered"))
                    continue
            else:
                mode = entry.stat(follow_symlinks=False).st_mode
        except OSError as err:
            passed.append(_unreadable(path, err, "file"))
            continue
        if stat.S_ISDIR(mode):
            yield from _walk(path, passed, skip)
        elif not stat.S_ISREG(mode):
            passed.append(Passed(path, "not-a-regular-file", "not a regular file (FIFO, socket or device), not read"))
        elif path.suffix.lower() in SUPPORTED_SUFFIXES:
            yield path
        else:
            passed.append(Passed(path, "unsupported-type", f"not a supported type ({' '.join(sorted(SUPPORTED_SUFFIXES))})"))


def discover(paths: Iterable[Path], passed: list[Passed] | None = None, skip: Iterable[Path] = ()) -> list[Path]:
    """Supported files under `paths` (folders recursively), stable order, each path once.

    Only paths are held (a few hundred bytes each), never contents, so an
    archive of 100,000 files costs megabytes here. Files named explicitly are
    kept whatever their suffix, so the user gets a clear 'unsupported' reason.
    What is met and not taken is appended to `passed`; `skip` names paths that
    are not met at all (the batch's own manifest and outputs).
    """
    passed = [] if passed is None else passed
    skipped = {os.path.abspath(p) for p in skip}
    seen: set[str] = set()
    found: list[Path] = []
    for path in paths:
        for file in _walk(path, passed, skipped) if path.is_dir() else [path]:
            key = os.path.abspath(file)
            if key not in seen:
                seen.add(key)
                found.append(file)
    return found


def source_names(roots: Iterable[Path]) -> Callable[[Path], str]:
    """What each document's JSON records as its source path: its path relative to the input folder
    it was found under ('2024/84-QD.pdf' for scans/2024/84-QD.pdf with `scans` given), or its file
    name when it was named itself. The same whichever way the input was typed ('scans',
    './scans/', '/archive/scans'), so the same bytes give the same JSON; the manifest keeps the
    path as typed and the absolute path."""
    folders = sorted((os.path.abspath(root) for root in roots if root.is_dir()), key=len, reverse=True)

    def name(file: Path) -> str:
        full = os.path.abspath(file)
        for folder in folders:  # the innermost folder given that holds the file
            if full.startswith(folder.rstrip(os.sep) + os.sep):
                return Path(os.path.relpath(full, folder)).as_posix()
        return file.name

    return name
