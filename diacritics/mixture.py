"""How a text was made: the share of clean, accent-stripped and OCR-mangled words, per paragraph.

The channel trusts a token as written in proportion to how clean its text is, so each word gets a
Mixture: its paragraph's own where the paragraph has enough marked words to tell, else the
document's (real files mix mangled OCR with retyped clean passages, as seed 003's tail does).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from vnresolve.diacritics.config import DecoderConfig
from vnresolve.diacritics.tokens import Word
from vnresolve.diacritics.vntext import normalize_tone

_BLANK = re.compile(r"\n[ \t]*\n")


@dataclass(frozen=True)
class Mixture:
    clean: float
    strip: float
    ocr: float


def mixture(ws: list[Word], syllables: set[str], cfg: DecoderConfig) -> Mixture:
    """How clean is this text? Decides how much the channel trusts a token as written."""
    lows = [w.text.lower() for w in ws if not w.fixed and w.text.isalpha()]
    if not lows:
        return Mixture(0.9, 0.05, 0.05)
    marked = [w for w in lows if not w.isascii()]
    if len(marked) < 0.03 * len(lows):
        return Mixture(*cfg.strip_mix)
    invalid = sum(normalize_tone(w) not in syllables for w in marked) / len(marked)
    clean = round(min(0.97, max(0.02, 1.0 - 3.0 * invalid)) * 20) / 20 or 0.02  # coarse: keeps caches warm
    return Mixture(clean, 0.02, round(1.0 - clean - 0.02, 2))


def mixtures(text: str, ws: list[Word], syllables: set[str], cfg: DecoderConfig) -> list[Mixture]:
    """One mixture per word: its paragraph's own when the paragraph says enough, else the document's."""
    doc = mixture(ws, syllables, cfg)
    out: list[Mixture] = []
    block: list[Word] = []

    def flush() -> None:
        marked = sum(1 for w in block if not w.fixed and w.text.isalpha() and not w.text.isascii())
        out.extend([mixture(block, syllables, cfg) if marked >= cfg.block_min_marked else doc] * len(block))
        block.clear()

    prev_end = 0
    for w in ws:
        if block and _BLANK.search(text, prev_end, w.start):
            flush()
        block.append(w)
        prev_end = w.end
    flush()
    return out
