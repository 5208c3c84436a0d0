"""The passes over a document: the first pass, and the adaptive restorer's second pass.

First pass: each page's words get their mixtures (mixture.py) and slots (lattice.py), the neural
context scorer adds its view in mostly stripped paragraphs (and, in the adaptive restorer, of OCR
words, in the context of the words as observed), and the compiled beam decodes every
sentence (decoder.py), with the two-sided confidences where they will be reported.

Second pass (`load_restorer("adaptive")`): the channel is adapted to the OCR words the first pass
was sure of across all the pages (adapt.py), and the OCR sentences the adapted channel scores
differently, or that the first pass was unsure of, are decoded again, with the neural scorer's
view of them in first-pass context and the document's confident readings as a cache. The mark
channel is adapted likewise to the clean and `vie` OCR words it was sure of, and the sentences
whose words it scores differently are decoded again, as are those holding such a word the first
pass was unsure of for which the document's cache of its confident clean and `vie` readings (a
reading read confidently at least twice, a title-case word's counted apart) vouches for another
reading; that cache adds the document's share of the reading, shrunk toward the LM by a prior
weight of words, to the LM.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from vnresolve.diacritics import adapt
from vnresolve.diacritics.config import DecoderConfig
from vnresolve.diacritics.decoder import Decoder, Result
from vnresolve.diacritics.lattice import Adapted, Lattice, Sentence, Slot, name_words
from vnresolve.diacritics.mixture import Mixture, mixtures
from vnresolve.diacritics.neural import NeuralScorer, rescore
from vnresolve.diacritics.tokens import Word, words
from vnresolve.diacritics.vntext import case_pattern, normalize_tone, strip_accents


@dataclass
class Pass:
    """One page through the first pass: its words, their mixtures, sentences and beam results."""
    text: str
    ws: list[Word]
    mixes: list[Mixture]
    sents: list[Sentence]
    results: list[Result]
    ocr_words: set[int]  # start offsets of the words read as OCR (mixture mostly OCR)


class Passes:
    def __init__(self, lattice: Lattice, decoder: Decoder, neural_path: Path | None, cfg: DecoderConfig,
                 ocr_first: bool = False):
        self.lattice = lattice
        self.decoder = decoder
        # the neural context scorer (neural.py), when its weights are there and not turned off;
        # loaded (0.1-0.25 s) at the first paragraph it scores, so clean text never pays for it
        self.neural_path = neural_path
        self.neural: NeuralScorer | None = None
        self.cfg = cfg
        # the first pass scores OCR words with the neural scorer too (the adaptive restorer's)
        self.ocr_weight = cfg.neural_first_ocr_weight if ocr_first else 0.0

    def scorer(self) -> NeuralScorer:
        if self.neural is None:
            self.neural = NeuralScorer(self.neural_path)
        return self.neural

    def first(self, text: str, sides: bool = True) -> Pass:
        cfg, lattice = self.cfg, self.lattice
        ws = words(text)
        if not ws:
            return Pass(text, [], [], [], [], set())
        mixes = mixtures(text, ws, lattice.syllables, cfg, lattice.bare)
        names = name_words(text, ws)
        sents = lattice.sentences(text, ws, mixes, names=names)
        # a name's title-case words are not scored: the scorer reads lower-cased text and, among the
        # mangled words around, takes 'Da' for đã; their capitals decide (lattice.py), and the second
        # pass reads them among first-pass readings
        ocr = self.ocr_weight  # 0 in the fast restorer: then no OCR word's case is looked at
        weights = {w.start: (cfg.neural_weight * m.strip if m.strip >= cfg.neural_from else
                             ocr if ocr and m.ocr > 0.5 and not (i in names and case_pattern(w.text) == "title")
                             else 0.0) for i, (w, m) in enumerate(zip(ws, mixes))}
        if self.neural_path is not None and any(x > 0.0 for x in weights.values()):
            sents = rescore(self.scorer(), sents, lattice.num, 1.0, scale=weights)
        ocr_words = {w.start for w, m in zip(ws, mixes) if m.ocr > 0.5}
        return Pass(text, ws, mixes, sents, self.decoder.decode_all(sents, sides), ocr_words)

    def second(self, passes: list[Pass], sides: bool = True) -> None:
        """The second pass over every page of one document (in place)."""
        readings = [r for p in passes for r in self.readings(p)]
        adapted = self.adapt(passes, readings)
        counts = _sure_counts(readings, self.cfg.adapt_confidence)
        marks = [self.mark_words(p) for p in passes]
        names = [_name_starts(p) for p in passes]
        # the clean and `vie` OCR words' own cache: a document's names and terms ('dãy' of a range,
        # 'Viêng Chăn') read confidently elsewhere in it
        mark_counts = _mark_counts(passes, marks, names, self.cfg.adapt_confidence)
        for p, page_marks, page_names in zip(passes, marks, names):
            self._redo(p, adapted, counts, sides, page_marks, page_names, mark_counts)

    def adapt(self, passes: list[Pass], readings: list[tuple[str, str, float]]) -> Adapted | None:
        """The channel adapted to the words the first pass was sure of (adapt.py; `readings`:
        readings() of the passes): the character emissions to the OCR words, the mark channel to
        the clean and `vie` OCR words (mark_readings()), each where the document has enough of them
        and they teach it something."""
        cfg = self.cfg
        gen = self.lattice.gen
        found = None
        if sum(len(p.ocr_words) for p in passes) >= cfg.adapt_min_pairs:
            pairs = adapt.confident_pairs(readings, cfg)
            if sum(pairs.values()) >= cfg.adapt_min_pairs:
                found = adapt.adapted_channel(gen.chars, pairs, cfg)
        marks = None
        if gen.marks is not None:
            marks = adapt.adapted_marks(gen.marks, [r for p in passes for r in self.mark_readings(p)], cfg)
        if found is None and marks is None:
            return None
        chars, chunks = found if found is not None else (gen.chars, set())
        new = gen.with_channel(chars) if found is not None else gen
        if marks is not None:
            new = new.with_marks(marks)
        return Adapted(new, {}, frozenset(c for c in chunks if len(c) == 1),
                       frozenset(c for c in chunks if len(c) == 2), marks is not None)

    @staticmethod
    def readings(p: Pass, domain: set[int] | None = None) -> Iterator[tuple[str, str, float]]:
        """(observed token, chosen lower-case reading, confidence) of the page's words whose start is in
        `domain`: its OCR words by default."""
        domain = p.ocr_words if domain is None else domain
        for sent, (choice, posts, _sides) in zip(p.sents, p.results):
            for item, c, post in zip(sent, choice, posts):
                if not isinstance(item, int) and item.word.start in domain:
                    yield item.word.text, item.options[c][0].lower(), 1.0 if post is None else float(post[c])

    def mark_words(self, p: Pass) -> set[int]:
        """Start offsets of the words the mark channel reads (clean or `vie` OCR: a clean share and
        not mostly OCR), less those of stripped text the first pass's neural scorer read."""
        cfg = self.cfg
        return {w.start for w, m in zip(p.ws, p.mixes) if m.clean > 0 and m.ocr <= 0.5 and m.strip < cfg.neural_from}

    def mark_readings(self, p: Pass) -> Iterator[tuple[str, str, float]]:
        """readings() of the page's mark_words()."""
        return self.readings(p, self.mark_words(p))

    def _cache_bonus(self, slot: Slot, counts: dict[str, int], total: int) -> Slot:
        """A reading the document uses confidently elsewhere is likelier here too (a document's
        own names and terms, which the corpus LM knows less well): + cache_bonus x log(1 + uses),
        + log(1 + cache_mix x uses / total / its corpus unigram probability), the document's word
        distribution mixed into the LM, at most cache_mix_cap. The second term lets a name or term
        repeat; the first is small, so a common reading cannot outvote every context ('đồng chí' is no
        'đồng chỉ' where the document says 'chỉ đạo'). An unknown word or a number is no reading the
        cache can vouch for."""
        cfg = self.cfg
        uses = np.array([counts.get(o, 0) for o, _ in slot.options], np.float64)
        mixed = np.minimum(self._cache_term(slot, uses / max(1, total)), cfg.cache_mix_cap)
        bonus = (np.log1p(uses) * cfg.cache_bonus + mixed).astype(np.float32)
        return Slot(slot.word, slot.options, slot.ids, slot.chan + bonus, slot.pattern)

    def _mark_cache_bonus(self, slot: Slot, counts: dict[tuple[str, int], int], total: int, named: bool) -> Slot:
        """The cache of a clean or `vie` OCR word (_mark_counts), for the readings _mark_uses
        allows: + log(1 + cache_mix x share / its corpus unigram probability), at most cache_mix_cap.
        The word as printed has the share of the document's confident uses. A reading that gives the
        word marks the page does not print has its share shrunk as if the document had
        mark_cache_prior more words read as the LM expects (a short document's few words barely move
        the LM), at most mark_cache_unmarked_cap for a word printed without marks ('Noi nhan' of a
        letter is no 'Nội' where the letter says 'nội dung'). A word of a name (`named`,
        _name_starts) takes its names' uses unshrunk, at most cache_mix_cap: a name printed with its
        marks elsewhere in the document is the name's own spelling, however short the document."""
        cfg = self.cfg
        low = slot.word.text.lower()
        syl, least = self.lattice.syllables, cfg.mark_cache_min_uses
        uses = np.array([_mark_uses(slot.word.text, o, counts, syl, least, named) for o, _ in slot.options], np.float64)
        printed = np.array([named or _as_printed(low, o) for o, _ in slot.options])
        unmarked_cap = cfg.mark_cache_unmarked_cap if low.isascii() else cfg.cache_mix_cap
        share = np.where(printed, uses / max(1, total), uses / (total + cfg.mark_cache_prior))
        mixed = np.minimum(self._cache_term(slot, share), np.where(printed, cfg.cache_mix_cap, unmarked_cap))
        return Slot(slot.word, slot.options, slot.ids, slot.chan + mixed.astype(np.float32), slot.pattern)

    def _cache_term(self, slot: Slot, share: np.ndarray) -> np.ndarray:
        """log(1 + cache_mix x share / corpus unigram probability) of each of the slot's readings; 0
        for an unknown word or a number."""
        ids = slot.ids.astype(np.intp)
        mixed = np.log1p(self.cfg.cache_mix * share / np.exp(self.decoder.lm.uni_lp[ids].astype(np.float64)))
        mixed[(slot.ids == self.lattice.unk) | (slot.ids == self.lattice.num)] = 0.0
        return mixed

    def _redo(self, p: Pass, adapted: Adapted | None, counts: dict[str, int], sides: bool, marks: set[int],
              named: set[int], mark_counts: dict[tuple[str, int], int]) -> None:
        """Decode again the sentences of a page that need it (_worth_redoing): for their OCR words,
        or, where the document's mark channel was adapted, for their clean and `vie` OCR words; and,
        with `mark_counts`, those holding a clean or `vie` OCR word the first pass was unsure of,
        with the document's cache of those words (`marks`: the page's mark_words; `named`: its
        _name_starts)."""
        cfg = self.cfg
        use_neural = self.neural_path is not None
        marked = marks if adapted is not None and adapted.marks else set()
        if not (p.ocr_words or marks) or (adapted is None and not use_neural and not mark_counts):
            return
        new_sents = self.lattice.sentences(p.text, p.ws, p.mixes, adapted) if adapted is not None else p.sents
        # a sentence with words the first pass's neural scorer read as stripped text is decoded
        # again for its OCR words alone: rebuilt, it would lose that scorer's view
        scored = {w.start for w, m in zip(p.ws, p.mixes) if m.strip >= cfg.neural_from}
        redo = [i for i, (old, new) in enumerate(zip(p.sents, new_sents))
                if self._worth_redoing(old, new, p.results[i], p.ocr_words)
                or marked and self._worth_redoing(old, new, p.results[i], marked, scored)
                or mark_counts and self._unsure(old, p.results[i], marks, scored, mark_counts, named)]
        if not redo:
            return
        todo = [new_sents[i] for i in redo]
        if use_neural:
            readings = [[None if isinstance(it, int) else it.options[c][0] for it, c in zip(p.sents[i], p.results[i][0])]
                        for i in redo]
            todo = rescore(self.scorer(), todo, self.lattice.num, cfg.neural_ocr_weight, choices=readings,
                           scale={w.start: float(w.start in p.ocr_words) for w in p.ws})  # OCR words only
        if counts:
            total = sum(counts.values())
            todo = [[self._cache_bonus(it, counts, total) if not isinstance(it, int) and len(it.options) > 1
                     and it.word.start in p.ocr_words else it for it in sent] for sent in todo]
        if mark_counts:
            total = sum(mark_counts.values())
            todo = [[self._mark_cache_bonus(it, mark_counts, total, it.word.start in named)
                     if not isinstance(it, int) and len(it.options) > 1 and it.word.start in marks else it
                     for it in sent] for sent in todo]
        for i, sent, result in zip(redo, todo, self.decoder.decode_all(todo, sides)):
            p.sents[i] = sent
            p.results[i] = result

    def _unsure(self, old: Sentence, result: Result, words: set[int], scored: set[int],
                counts: dict[tuple[str, int], int], named: set[int]) -> bool:
        """Is the first pass unsure (posterior below redo_below) of a word of `words` in the sentence,
        none of whose words the first pass's neural scorer read as stripped text, with another reading
        that the document's cache (`counts`, _mark_counts; `named`: its words of names) vouches for?
        Only that reading can change."""
        if any(not isinstance(a, int) and a.word.start in scored for a in old):
            return False
        for a, c, post in zip(old, result[0], result[1]):
            if (isinstance(a, int) or a.word.start not in words or len(a.options) < 2 or post is None
                    or post[c] >= self.cfg.redo_below):
                continue
            syl, least = self.lattice.syllables, self.cfg.mark_cache_min_uses
            name = a.word.start in named
            if any(k != c and _mark_uses(a.word.text, o, counts, syl, least, name)
                   for k, (o, _) in enumerate(a.options)):
                return True
        return False

    def _worth_redoing(self, old: Sentence, new: Sentence, result: Result, ocr_words: set[int],
                       scored: set[int] | None = None) -> bool:
        """Does a sentence need the second pass: the first pass was unsure of an OCR word in it
        (where the neural scorer may decide), or the adapted channel brings another reading of one
        at least redo_gain closer to the chosen one? With `scored` (the mark channel's words, in
        ocr_words' place), only the latter counts, and no word of the sentence may be in `scored`."""
        if scored and any(not isinstance(a, int) and a.word.start in scored for a in old):
            return False
        for a, b, c, post in zip(old, new, result[0], result[1]):
            if isinstance(a, int) or a.word.start not in ocr_words or len(b.options) < 2:
                continue
            if scored is None and post is not None and post[c] < self.cfg.redo_below:
                return True
            if a is not b and _closer(a, b, c) >= self.cfg.redo_gain:
                return True
        return False


def _as_printed(low: str, reading: str) -> bool:
    """Is `reading` the lower-cased word `low` as printed (its tone on either place)?"""
    reading = reading.lower()
    return reading == low or normalize_tone(reading) == normalize_tone(low)


def _mark_uses(word: str, reading: str, counts: dict[tuple[str, int], int], syllables: set[str],
               least: int, named: bool = False) -> int:
    """The document's confident uses (_mark_counts) that vouch for `reading` on a clean or `vie` OCR
    word, 0 for a reading the cache may not give it. A word of a name (`named`) counts only the uses
    of words of names, from one on: a name printed with its marks elsewhere is the name's own, and a
    common word's reading says nothing of a name's ('điều chỉnh' is no use of 'Lê Trung Chinh').
    Any other word as printed counts the uses of words of its case, and a title-case word those of
    the others too (a name's reading says nothing of a common word's: 'Bà Nguyễn Thị Dung' is no use
    of 'người tiêu dùng'); the cache keeps it where the first pass changed it. A word written with
    its marks as a syllable takes no other reading: a mark the page prints outweighs a reading common
    elsewhere in the document ('vãn khách' is no 'vẫn', 'đủ mỡ' no 'mở'). Any other word may take a
    reading with its own letters (an acronym 'MIT' read once as MẶT must not spread) that at least
    `least` words of its own case have (one use is no habit of the document's)."""
    low, reading = word.lower(), reading.lower()
    if _as_printed(low, reading) and not named:
        if case_pattern(word) != "title":
            return counts.get((reading, _LOWER), 0)
        return sum(counts.get((reading, k), 0) for k in (_LOWER, _TITLE, _NAME))
    if not _as_printed(low, reading) and (
            (not low.isascii() and normalize_tone(low) in syllables) or strip_accents(reading) != strip_accents(low)):
        return 0
    if named:
        return counts.get((reading, _NAME), 0)
    if case_pattern(word) != "title":
        uses = counts.get((reading, _LOWER), 0)
    else:
        uses = counts.get((reading, _TITLE), 0) + counts.get((reading, _NAME), 0)
    return uses if uses >= least else 0


def _sure_counts(readings, confidence: float) -> dict[str, int]:
    """How often the document reads each reading with at least `confidence`."""
    counts: dict[str, int] = {}
    for _obs, chosen, conf in readings:
        if conf >= confidence:
            counts[chosen] = counts.get(chosen, 0) + 1
    return counts


# the kinds of a word's use in _mark_counts: small or capitals, a title-case word outside a name, a
# title-case word of a name (_name_starts)
_LOWER, _TITLE, _NAME = 0, 1, 2


def _name_starts(p: Pass) -> set[int]:
    """Start offsets of a page's title-case words beside another title-case word on their line
    (lattice.name_words): a name's, where a lone one is often a line's or sentence's first word."""
    return {p.ws[i].start for i in name_words(p.text, p.ws) if case_pattern(p.ws[i].text) == "title"}


def _mark_counts(passes: list[Pass], marks: list[set[int]], named: list[set[int]],
                 confidence: float) -> dict[tuple[str, int], int]:
    """_sure_counts of the passes' clean and `vie` OCR words (`marks`, each page's mark_words), keyed
    by reading and the kind of the word (_LOWER, _TITLE, _NAME, from each page's _name_starts in
    `named`: 'Bà Nguyễn Thị Dung' is a name's use, not one of 'người tiêu dùng'; _mark_uses)."""
    counts: dict[tuple[str, int], int] = {}
    for p, words, page_names in zip(passes, marks, named):
        names = page_names & words
        for kind, part in ((_NAME, names), (None, words - names)):
            for obs, chosen, conf in Passes.readings(p, part):
                if conf >= confidence:
                    key = (chosen, kind if kind is not None else _TITLE if case_pattern(obs) == "title" else _LOWER)
                    counts[key] = counts.get(key, 0) + 1
    return counts


def _closer(a: Slot, b: Slot, c: int) -> float:
    """How much closer (in channel score) slot b, rescored, brings its best rival to a's chosen
    option c than slot a had it; a reading a did not list counts from a's worst option."""
    chosen = a.options[c][0]
    names = [o for o, _ in b.options]
    if chosen not in names:
        return math.inf
    k = names.index(chosen)
    before = {o: float(x) - float(a.chan[c]) for (o, _), x in zip(a.options, a.chan)}
    floor = min(before.values())
    gain = -math.inf
    for j, (o, _) in enumerate(b.options):
        if j != k:
            gain = max(gain, float(b.chan[j]) - float(b.chan[k]) - before.get(o, floor))
    return gain
