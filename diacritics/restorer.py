"""The restorer interface and the registry that picks a model by name."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Protocol


@dataclass(frozen=True)
class TokenChange:
    """One token the restorer changed; offsets are into the *restored* text."""

    start: int
    end: int
    original: str
    restored: str
    confidence: float
    alternatives: tuple[str, ...] = ()


@dataclass(frozen=True)
class RestoreResult:
    text: str
    model: str
    tokens: int = 0
    changes: list[TokenChange] = field(default_factory=list)


class Restorer(Protocol):
    name: str

    def restore(self, text: str) -> RestoreResult: ...

    def restore_text(self, text: str) -> str:
        """restore(text).text, where a restorer can save the per-token records' work."""
        ...

    def restore_pages(self, texts: list[str]) -> list[RestoreResult]:
        """Each page of one document; a restorer may learn from the whole document at once."""
        ...


class PassthroughRestorer:
    """Returns text unchanged: the `--no-restore` path and the baseline in benchmarks."""

    name = "passthrough"

    def restore(self, text: str) -> RestoreResult:
        return RestoreResult(text=text, model=self.name, tokens=len(text.split()))

    def restore_text(self, text: str) -> str:
        return text

    def restore_pages(self, texts: list[str]) -> list[RestoreResult]:
        return [self.restore(t) for t in texts]


# The name each restorer writes into its results (and the batch into its version key), known
# without loading anything: the batch process needs it, and loading the model there (≈1 s)
# delayed every document's first page. NgramRestorer takes its names from here.
DECODER_NAME = "ngram-trigram-v1"
ADAPTIVE_NAME = f"{DECODER_NAME}-adaptive"
# every name load_restorer knows, with the name its restorer reports
_LABELS = {"default": DECODER_NAME, "adaptive": ADAPTIVE_NAME, "passthrough": PassthroughRestorer.name}
RESTORERS = tuple(_LABELS)  # the names offered to users
# the restorer whose restore_pages(texts) learns from all the pages; every other one's is
# [restore(t) for t in texts], so a page can be restored as soon as it is OCR'd (the pipeline does)
_WHOLE_DOCUMENT = {ADAPTIVE_NAME}


def check_restorer(name: str) -> None:
    """ValueError naming the known restorers unless load_restorer knows `name` (nothing loaded)."""
    if name not in _LABELS:
        raise ValueError(f"unknown restorer {name!r} (known: {', '.join(RESTORERS)})")


def restores_pages_alone(name: str) -> bool:
    """Whether load_restorer(name) restores each page of a document on its own (nothing loaded)."""
    return restorer_label(name) not in _WHOLE_DOCUMENT


def restorer_label(name: str = "default") -> str:
    """The `name` that load_restorer(name) would have, without loading the model."""
    check_restorer(name)
    return _LABELS[name]


@functools.cache
def load_restorer(name: str = "default") -> Restorer:
    """Load (once per process) the restorer called `name`.

    "default" is the shipped model (the trigram noisy-channel decoder in ngram.py, built by
    train.py and committed under diacritics/model/); "adaptive" is the same decoder with a second
    pass over OCR text, its channel adapted to the document (adapt.py): more accurate on mangled
    OCR, less than half as fast there, so it is asked for, not the default (the issue's speed
    target holds for the default only); "passthrough" changes nothing.
    """
    check_restorer(name)
    if name == "passthrough":
        return PassthroughRestorer()
    from vnresolve.diacritics.ngram import NgramRestorer  # deferred: the model loads only when asked for

    return NgramRestorer(second_pass=name == "adaptive")
