"""What every restorer returns and offers, and the names the decoders report, apart from the
registry (restorer.py) so that the decoders can use them without importing the registry."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

# The name each restorer writes into its results (and the batch into its version key), known
# without loading anything: the batch process needs it, and loading the model there (≈1 s)
# delayed every document's first page. NgramRestorer takes its names from here.
DECODER_NAME = "ngram-trigram-v1"
ADAPTIVE_NAME = f"{DECODER_NAME}-adaptive"


@dataclass(frozen=True)
class TokenChange:
    """One token the restorer changed (with restore's every_word: read); offsets are into the *restored* text."""

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

    def restore(self, text: str, every_word: bool = False) -> RestoreResult:
        """The restored text and a TokenChange per changed word. `every_word`: a TokenChange for every
        word the restorer read, changed or not, each with how sure it is of its reading (a word kept
        as it stands may still be unsure); passthrough reads none."""
        ...

    def restore_text(self, text: str) -> str:
        """restore(text).text, where a restorer can save the per-token records' work."""
        ...

    def restore_pages(self, texts: list[str]) -> list[RestoreResult]:
        """Each page of one document; a restorer may learn from the whole document at once."""
        ...
