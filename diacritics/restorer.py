"""The registry that picks a restorer by name (the interface they share: interface.py)."""

from __future__ import annotations

import functools

from vnresolve.diacritics.interface import ADAPTIVE_NAME, DECODER_NAME, RestoreResult, Restorer


class PassthroughRestorer:
    """Returns text unchanged: the `--no-restore` path and the baseline in benchmarks."""

    name = "passthrough"

    def restore(self, text: str, every_word: bool = False) -> RestoreResult:
        return RestoreResult(text=text, model=self.name, tokens=len(text.split()))

    def restore_text(self, text: str) -> str:
        return text

    def restore_pages(self, texts: list[str]) -> list[RestoreResult]:
        return [self.restore(t) for t in texts]


# every name load_restorer knows, with the name its restorer reports
_LABELS = {"default": ADAPTIVE_NAME, "fast": DECODER_NAME, "adaptive": ADAPTIVE_NAME, "passthrough": PassthroughRestorer.name}
_SAME_AS = {"adaptive": "default"}  # another name for the same restorer (loaded once)
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

    "default" (also called "adaptive") is the shipped model (the trigram noisy-channel decoder in
    ngram.py, built by training/train.py and committed under diacritics/model/) with its second
    pass over OCR text, the channel adapted to the document (adapt.py): the most accurate, and
    still well under a tenth of a page's OCR time. "fast" is the first pass alone, for text-only
    archives: about twice as fast on mangled OCR, the same on clean and accent-stripped
    text. "passthrough" changes nothing.
    """
    check_restorer(name)
    if name in _SAME_AS:
        return load_restorer(_SAME_AS[name])
    if name == "passthrough":
        return PassthroughRestorer()
    from vnresolve.diacritics.ngram import NgramRestorer  # deferred: the model loads only when asked for

    return NgramRestorer(second_pass=name == "default")
