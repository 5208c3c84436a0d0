"""How a text was made: the share of clean, accent-stripped and OCR-mangled words, per paragraph.

The channel trusts a token as written in proportion to how clean its text is, so each word gets a
Mixture: its paragraph's own where the paragraph has enough marked words to tell, else the
document's (real files mix mangled OCR with retyped clean passages, as seed 003's tail does).
Inside marked text, a run of lines that carry almost no marks is text of another kind (a scanner's
legacy OCR layer without diacritics beside typed notes, a stripped passage) and gets its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from vnresolve.diacritics.config import DecoderConfig
from vnresolve.diacritics.tokens import Word
from vnresolve.diacritics.vntext import normalize_tone

_BLANK = re.compile(r"\n[ \t]*\n")
# Clean Vietnamese marks about three syllables in four: a line with at most one word in ten marked
# is mark-less, and lines of that kind holding this many words are too long to be chance.
MARKLESS_LINE_SHARE = 0.1
MARKLESS_RUN_WORDS = 12


@dataclass(frozen=True)
class Mixture:
    clean: float
    strip: float
    ocr: float

    def __post_init__(self):
        # the hash the dataclass would compute, taken once: a Mixture is part of the key of every
        # slot and candidate-list look-up
        object.__setattr__(self, "_hash", hash((self.clean, self.strip, self.ocr)))

    def __hash__(self) -> int:
        return self._hash


_SHARED: dict[Mixture, Mixture] = {}  # mixtures() hands out one object per value (the values are coarse: few)


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


def markless_mixture(ws: list[Word], bare: set[str]) -> Mixture | None:
    """A mark-less run's mixture: accent-stripped, less the OCR share its words that no marking
    makes a syllable speak for (x3, as for invalid marked words in mixture()); None where most of
    them are no syllable: foreign text (an English title, a Latin quotation), left as it was."""
    lows = [w.text for w in ws if not w.fixed and w.text.isalpha()]
    # capitals that no marking makes a syllable are acronyms and codes (UBND, TTHC), not OCR damage
    invalid = sum(w.isascii() and not w.isupper() and w.lower() not in bare for w in lows) / max(1, len(lows))
    if invalid > 0.5:
        return None
    ocr = round(min(0.97, max(0.01, 3.0 * invalid)) * 20) / 20 or 0.01  # coarse, as mixture()'s
    return Mixture(0.0, round(1.0 - ocr, 2), ocr)


def _markless_runs(text: str, ws: list[Word]) -> list[list[int]]:
    """Indices of ws in runs of consecutive mark-less lines that hold MARKLESS_RUN_WORDS words or more."""
    lines: dict[int, list[int]] = {}
    line, prev_end = 0, 0
    for i, w in enumerate(ws):
        line += text.count("\n", prev_end, w.start)
        lines.setdefault(line, []).append(i)
        prev_end = w.end
    runs: list[list[int]] = [[]]
    for idx in lines.values():
        alpha = [ws[i].text for i in idx if not ws[i].fixed and ws[i].text.isalpha()]
        if len(alpha) >= 2 and sum(not a.isascii() for a in alpha) <= MARKLESS_LINE_SHARE * len(alpha):
            runs[-1].extend(idx)
        elif runs[-1]:
            runs.append([])
    return [r for r in runs if sum(not ws[i].fixed and ws[i].text.isalpha() for i in r) >= MARKLESS_RUN_WORDS]


def mixtures(text: str, ws: list[Word], syllables: set[str], cfg: DecoderConfig,
             bare: set[str] | None = None) -> list[Mixture]:
    """One mixture per word: its paragraph's own when the paragraph says enough, else the document's;
    with `bare` (the letters some marking makes a syllable), a mark-less run inside mostly clean
    text gets markless_mixture()."""
    doc = mixture(ws, syllables, cfg)
    out: list[Mixture] = []
    block: list[Word] = []

    def flush() -> None:
        marked = sum(1 for w in block if not w.fixed and w.text.isalpha() and not w.text.isascii())
        mix = mixture(block, syllables, cfg) if marked >= cfg.block_min_marked else doc
        # one object per value: the slot and candidate caches' keys then match by identity, not __eq__
        out.extend([_SHARED.setdefault(mix, mix)] * len(block))
        block.clear()

    prev_end = 0
    for w in ws:
        if block and _BLANK.search(text, prev_end, w.start):
            flush()
        block.append(w)
        prev_end = w.end
    flush()
    if bare is not None and any(m.clean >= 0.5 for m in out):  # a run changes only words of mostly clean text
        for run in _markless_runs(text, ws):
            mix = markless_mixture([ws[i] for i in run], bare)
            for i in run:
                if mix is not None and out[i].clean >= 0.5:
                    out[i] = mix
    return out
