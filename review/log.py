"""OUTDIR/<name>.review.json: every correction a reviewer made to one document, in order.

Corrections are only ever appended, each with its own id and the revision it made. Writers take an
exclusive lock on a hidden lock file beside it, read the file, append and replace it atomically, so
two browser tabs (or two app processes) saving at once both land, one after the other, and a crash
leaves the old file or the new one, never a torn one.
"""

from __future__ import annotations

import fcntl
import json
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from vnresolve.pipeline.atomic import write_atomic

SUFFIX = ".review.json"
FORMAT = 1


@dataclass(frozen=True)
class Entry:
    """One correction. `kind` 'word': `where` holds page, line and word indexes, the word's box and
    its OCR string; 'field': `target` is the field ('metadata.date', 'tasks.<id>.text') and `where`
    the page region it was shown with. `old` == `new` is an acceptance of what was read."""

    id: str
    revision: int
    who: str
    when: str
    kind: str
    target: str
    where: dict
    old: str
    new: str

    @property
    def accepted(self) -> bool:
        return self.old == self.new


@dataclass
class Review:
    document: str
    sha256: str | None = None
    revision: int = 0
    entries: list[Entry] = field(default_factory=list)

    def to_json(self) -> str:
        data = {"format": FORMAT, "document": self.document, "sha256": self.sha256, "revision": self.revision,
                "entries": [asdict(e) for e in self.entries]}
        return json.dumps(data, ensure_ascii=False, indent=1) + "\n"

    @classmethod
    def from_json(cls, text: str | bytes) -> Review:
        """ValueError naming what is wrong for anything but a review file this version writes."""
        data = json.loads(text)
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ValueError("not a vnresolve review file (format 1)")
        try:
            entries = [Entry(**e) for e in data["entries"]]
            if any(not isinstance(e.where, dict) or not all(isinstance(getattr(e, f), str) for f in
                                                              ("kind", "target", "old", "new")) for e in entries):
                raise TypeError("an entry's where, kind, target, old or new has the wrong type")
            return cls(document=data["document"], sha256=data.get("sha256"), revision=int(data["revision"]),
                       entries=entries)
        except (KeyError, TypeError) as err:
            raise ValueError(f"a review file with a broken entry: {type(err).__name__}: {err}") from err


def review_path(outdir: Path, output: str) -> Path:
    """The review file of the document whose JSON is OUTDIR/<output>."""
    return outdir / (output.removesuffix(".json") + SUFFIX)


def read_review(outdir: Path, output: str) -> Review:
    path = review_path(outdir, output)
    try:
        return Review.from_json(path.read_bytes())
    except FileNotFoundError:
        return Review(document=output)


@contextmanager
def locked(outdir: Path, output: str) -> Iterator[Review]:
    """The review file held exclusively; what the caller appends to the Review it yields is written
    when the block ends without an error."""
    lock_path = outdir / f".{output.removesuffix('.json')}.review.lock"
    with open(lock_path, "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            review = read_review(outdir, output)
            before = review.revision
            yield review
            if review.revision != before:
                write_atomic(review_path(outdir, output), review.to_json())
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def append(outdir: Path, output: str, *, who: str, kind: str, target: str, where: dict, old: str, new: str,
           sha256: str | None = None, check: Callable[[Review, Entry], str | None] | None = None) -> Entry:
    """Append one correction and return it. `check(review, entry)` runs under the lock: a reason it
    returns refuses the correction (Conflict), so a tab that saw an older value cannot undo another
    tab's correction without seeing it."""
    with locked(outdir, output) as review:
        entry = Entry(id=uuid.uuid4().hex[:12], revision=review.revision + 1, who=who,
                      when=datetime.now(timezone.utc).isoformat(timespec="seconds"), kind=kind, target=target,
                      where=where, old=old, new=new)
        if check is not None and (why := check(review, entry)):
            raise Conflict(why)
        review.sha256 = review.sha256 or sha256
        review.entries.append(entry)
        review.revision = entry.revision
    return entry


class Conflict(Exception):
    """The value a correction was made on is not the current one (another tab changed it)."""
