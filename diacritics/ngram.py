"""The shipped restorer: noisy-channel beam search over whole paragraphs with a trigram LM.

Each word of a paragraph gets a short list of candidate syllables; a beam over (previous, current)
syllable pairs picks the sequence maximising LM log-probability plus channel log-probability.
Everything that is not a changeable word (spacing, punctuation, line breaks, protected tokens) is
copied through untouched, so offsets outside changed words never move.

NgramRestorer loads the model and hands the work to its pieces, one job each:
    mixture.py     how much of a text is OCR, clean or accent-stripped
    candidates.py  the readings of one observed word, with channel scores
    lattice.py     the slots of a text's words (readings, LM ids, scores) in LM sentences
    decoder.py     the LM in the kernels' layout; the calls of the compiled beam (beam_jit.py)
    passes.py      the first pass, and the adaptive restorer's second pass
    output.py      readings with case and confidence; the restored text and its TokenChanges
    config.py      the tuned numbers, model/decoder.json
"""

from __future__ import annotations

import gc
import json
import math
import os
import threading
import unicodedata
from contextlib import contextmanager
from pathlib import Path

import numpy as np

from vnresolve.diacritics import capitals as capital_table
from vnresolve.diacritics import config, decoder, output
from vnresolve.diacritics.candidates import CandidateGenerator
from vnresolve.diacritics.charmodel import CharModel
from vnresolve.diacritics.config import MODEL_DIR
from vnresolve.diacritics.interface import ADAPTIVE_NAME, DECODER_NAME, RestoreResult
from vnresolve.diacritics.inventory import Inventory
from vnresolve.diacritics.lattice import Lattice, load_acronyms
from vnresolve.diacritics.marks import MarkChannel
from vnresolve.diacritics.lm import load as load_lm
from vnresolve.diacritics.lmtokens import BOS, COMMA, EOS, NUM, UNK
from vnresolve.diacritics.passes import Passes
from vnresolve.diacritics.syllables import is_syllable

DATA_DIR = Path(__file__).resolve().parent / "data"


def inventory_syllables(vocab: list[str], counts: list[int], min_count: int) -> list[str]:
    """The LM words the decoder may propose: valid Vietnamese syllables seen at least min_count times."""
    return [w for w, c in zip(vocab, counts) if c >= min_count and is_syllable(w)]


_gc_lock = threading.Lock()
_gc_open = 0  # blocks open, in all threads
_gc_mine = threading.local()  # blocks open in this thread (.depth)
_gc_was_enabled = False


def _nfc(text: str) -> str:
    """The text with its accents composed: the model and its rules read NFC only, and decomposed
    text (macOS file names and some editors write it) came out with its marks doubled."""
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


@contextmanager
def _gc_paused():
    """The cyclic garbage collector off for the block. Threads restoring at once share one pause: the
    first block in notes the collector's state and the last one out puts it back (also on errors), so
    that no interleaving leaves a caller's collector off."""
    global _gc_open, _gc_was_enabled
    with _gc_lock:
        if _gc_open == 0:
            _gc_was_enabled = gc.isenabled()
            gc.disable()
        _gc_open += 1
        _gc_mine.depth = getattr(_gc_mine, "depth", 0) + 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_open -= 1
            _gc_mine.depth -= 1
            if _gc_open == 0 and _gc_was_enabled:
                gc.enable()


def _after_fork() -> None:
    # a forked child holds only the forking thread: the other threads' blocks will never close there,
    # and the lock one of them held must not be waited on
    global _gc_lock, _gc_open
    _gc_lock = threading.Lock()
    _gc_open = getattr(_gc_mine, "depth", 0)
    if _gc_open == 0 and _gc_was_enabled:
        gc.enable()


os.register_at_fork(after_in_child=_after_fork)


# A text longer than this (about 30 pages) is restored piece by piece, each piece a document of its
# own: memory stays bounded however long the input (a whole text's lattice grows with it).
CHUNK_CHARS = 200_000


def chunks(text: str, size: int | None = None) -> list[str]:
    """`text` cut into pieces of at most `size` (CHUNK_CHARS) characters that join back into it,
    cut at a paragraph break where there is one, else at a line break, else between words."""
    size = size or CHUNK_CHARS
    pieces, start = [], 0
    while len(text) - start > size:
        window = text[start:start + size]
        cut = next((i + len(sep) for sep in ("\n\n", "\n", " ") if (i := window.rfind(sep)) > size // 2), size)
        pieces.append(text[start:start + cut])
        start += cut
    pieces.append(text[start:])
    return pieces


class NgramRestorer:
    name = DECODER_NAME

    def __init__(self, model_dir: Path = MODEL_DIR, pools: bool = True, neural: bool = True, second_pass: bool = False,
                 capitals: bool = True):
        # second_pass: decode OCR text again with the channel adapted to the document (adapt.py);
        # more accurate, less than half as fast on OCR text: the default restorer; load_restorer("fast") goes without
        self.second_pass = second_pass
        if second_pass:
            self.name = ADAPTIVE_NAME
        self.config = cfg = config.load(model_dir)
        self.lm = lm = load_lm(model_dir)
        meta = json.loads((model_dir / "lm.json").read_text(encoding="utf-8"))
        counts = meta["counts"]
        total = float(sum(counts))
        stored = model_dir / "inventory.npy"  # written by train.py: the filter below, done once (~0.15 s of load)
        if stored.exists():
            syllables = [meta["vocab"][i] for i in np.load(stored).tolist()]
        else:
            syllables = inventory_syllables(meta["vocab"], counts, cfg.min_inventory_count)
        unigram = {w: math.log(counts[lm.ids[w]] / total) for w in syllables}
        channel = json.loads((model_dir / "channel.json").read_text(encoding="utf-8"))
        decoder.warm()  # numba's start-up at load, not in the first document
        self.gen = gen = CandidateGenerator(Inventory(syllables), CharModel(channel["chars"]), channel["words"], unigram,
                                            cfg)
        gen.marks = MarkChannel.load(model_dir)
        if pools and (model_dir / "pool_obs.json").exists():
            forms = json.loads((model_dir / "pool_obs.json").read_text(encoding="utf-8"))
            gen.set_pool_table(forms, np.load(model_dir / "pool_ids.npy"), lm.vocab)
        ids = lm.ids
        gen.set_lm(ids, ids[UNK])
        # capitals=False: the training's own decodes, made while the LM's vocabulary is being rebuilt
        cap = capital_table.load(model_dir, len(lm.vocab)) if capitals else None
        specials = {"unk": ids[UNK], "num": ids[NUM], "comma": ids[COMMA]}
        self.lattice = Lattice(gen, ids, specials, set(syllables), load_acronyms(DATA_DIR / "acronyms.txt"), cap, cfg)
        # the rest of the one-time work, done at load, not in the first document (in `vnresolve
        # ingest`, while the pages are OCR'd): the beam's tables and the inventory's deletion index
        arrays = decoder.lm_arrays(lm, [model_dir / f for f in ("lm.json", "bi_keys.npy", "tri_keys.npy")])
        self.decoder = decoder.Decoder(arrays, ids[BOS], ids[EOS], cfg)
        gen.build_index()
        gen.derived([model_dir / "channel.json"])
        path = model_dir / "neural.npz"
        self.passes = Passes(self.lattice, self.decoder, path if neural and path.exists() else None, cfg,
                             ocr_first=second_pass)

    def decode(self, text: str, all_confidences: bool = False, forward: bool = False) -> list[output.Decoded]:
        """(word, restoration with case applied, confidence, alternatives) for every word token.

        Confidence is computed for changed words, or for all when asked (channel adaptation). It
        is the word's probability given the readings chosen on both sides (beam_jit._two_sided);
        `forward`: the beam's left-context posterior instead, which the training's self-adaptation
        thresholds were chosen on (so `make model` still rebuilds the committed files)."""
        return self.decode_pages([text], all_confidences, forward)[0]

    def decode_pages(self, texts: list[str], all_confidences: bool = False, forward: bool = False,
                     records: bool = True) -> list[list[output.Decoded]]:
        """decode() of each page of one document: the channel is adapted to the whole document.

        The cyclic garbage collector is paused meanwhile: a page allocates ~10^5 small objects and
        makes no cycles, and each full collection walked the whole loaded model (a sixth of a
        first pass on seed 000)."""
        sides = records and not forward  # records=False: no confidence or alternatives (restore_text)
        with _gc_paused():
            passes = [self.passes.first(text, sides) for text in texts]
            if self.second_pass:
                self.passes.second(passes, sides)
            return [output.emit(p, all_confidences, forward, records, self.lattice.capitals) for p in passes]

    def restore(self, text: str, every_word: bool = False) -> RestoreResult:
        text = _nfc(text)
        if len(text) <= CHUNK_CHARS:
            return self.restore_pages([text], every_word)[0]
        return output.joined([self.restore_pages([piece], every_word)[0] for piece in chunks(text)], self.name)

    def restore_text(self, text: str) -> str:
        """restore(text).text without the per-token records (`vnresolve restore` prints only the
        text): the two-sided confidences and the alternatives are not computed. The collector stays
        paused while the text is put together too, so that the page's words and slots are freed
        before it runs again, and its next collection walks only what the caches kept."""
        with _gc_paused():
            return "".join(output.result(piece, self.decode_pages([piece], records=False)[0], self.name,
                                         records=False).text for piece in chunks(_nfc(text)))

    def restore_pages(self, texts: list[str], every_word: bool = False) -> list[RestoreResult]:
        """restore() of each page of one document, the channel adapted to all of them at once."""
        texts = [_nfc(text) for text in texts]
        with _gc_paused():  # as in decode: the change list is as many small objects again
            return [output.result(text, decoded, self.name, every_word=every_word)
                    for text, decoded in zip(texts, self.decode_pages(texts, all_confidences=every_word))]
