"""Files written whole or not at all: readers (and a resumed run) see the old file or the new one,
never a prefix. The batch's outputs and the review's files are written this way."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

TMP_PREFIX = ".vnr-"  # temporaries a killed run left are found by it (pipeline/batch.py)


def write_atomic(target: Path, text: str | bytes) -> None:
    """Readers (and a resumed run) see the old file or the whole new one, never a prefix."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f"{TMP_PREFIX}{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        os.fchmod(fd, 0o666 & ~_umask())  # mkstemp makes 0600; outputs get the mode any new file would
        with os.fdopen(fd, "wb") as fh:
            fh.write(text.encode("utf-8") if isinstance(text, str) else text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    """The process's umask (only readable by setting it; set back at once)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
