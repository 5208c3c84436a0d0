"""The shipped restorer: noisy-channel beam search over whole paragraphs with a trigram LM.

Each word of a paragraph gets a short list of candidate syllables (candidates.py); a beam over
(previous, current) syllable pairs picks the sequence maximising LM log-probability plus channel
log-probability. Everything that is not a changeable word (spacing, punctuation, line breaks,
protected tokens) is copied through untouched, so offsets outside changed words never move.
"""

from __future__ import annotations

import gc
import json
import math
import re
from contextlib import contextmanager
from dataclasses import dataclass, fields
from pathlib import Path

import numpy as np

from vnresolve.diacritics import adapt, beam_jit
from vnresolve.diacritics import capitals as capital_table
from vnresolve.diacritics.candidates import CandidateGenerator, Mixture
from vnresolve.diacritics.charmodel import CharModel
from vnresolve.diacritics.inventory import Inventory
from vnresolve.diacritics.lm import BITS, TrigramLM
from vnresolve.diacritics.lmtokens import BOS, COMMA, EOS, NUM, UNK
from vnresolve.diacritics.neural import NeuralScorer, rescore
from vnresolve.diacritics.interface import ADAPTIVE_NAME, DECODER_NAME, RestoreResult, TokenChange
from vnresolve.diacritics.syllables import is_syllable
from vnresolve.diacritics.tokens import Word, roman_repair, words
from vnresolve.diacritics.vntext import apply_case, case_pattern, is_foreign, normalize_tone

MODEL_DIR = Path(__file__).resolve().parent / "model"
DATA_DIR = Path(__file__).resolve().parent / "data"
BEAM = 16
# A state this many nats below the best is dropped before the next word: the beam then holds BEAM
# states only where they compete (a quarter faster; no dev figure moved at 12).
BEAM_MARGIN = 12.0
DECODE_BATCH = 1 << 16  # candidates per call of the compiled beam (a page has ~6k-12k)
# A word's confidence and alternatives come from its probability given the readings chosen on both
# sides (beam_jit._two_sided), softened by this temperature: the best-calibrated value on the dev sets.
CONFIDENCE_TEMPERATURE = 1.5
# The right context is consulted only where it can change something, which keeps its cost small: a
# reading with a forward posterior of CONFIDENCE_SURE keeps it, candidates below CONFIDENCE_FLOOR get 0.
CONFIDENCE_SURE = 0.999
CONFIDENCE_FLOOR = 1e-3
STRIP_MIX = (0.0, 0.99, 0.01)  # (clean, stripped, ocr) when almost no word carries a mark
CHANNEL_WEIGHT = 0.8
MIN_INVENTORY_COUNT = 3
DIGIT_PENALTY = -4.0  # reading a bare digit as a word needs clear evidence from the context
# ... but a lone digit or '&' between a lower-case word and a letter word on one line ('cu 6 khu',
# 'bia & Angkor') is a mangled word far more often than a number: this much less evidence is needed.
INLINE_DIGIT_BONUS = 5.0
# A letter-digit mix ('16n', '16p') is rarely a measurement with the few digits OCR uses for
# letters, so it needs less context than a bare number, even at a line or sentence end.
LETTER_DIGIT_BONUS = 3.0
LETTER_DIGIT_KEEP = -3.0  # kept as written, a digit-letter mix pays for being no word
_INLINE_SEP = re.compile(r"^[ \t]+$")
UNK_PENALTY = -10.0  # <unk> stands for ~100k rare types; one of them is far less likely than the class
_BOUNDARY = re.compile(r"[.!?;]|\n[ \t]*\n")
_COMMA = re.compile(r"[,:]")
_BLANK = re.compile(r"\n[ \t]*\n")
BLOCK_MIN_MARKED = 25
NAME_BONUS = 3.0
# A title-case word without marks right after another word adds CAPITAL_WEIGHT x log P(title case
# inside a sentence | reading) (capitals.py): 'Nam' is nam, not năm. Not on OCR words (OCR makes capitals).
CAPITAL_WEIGHT = 0.8
# In clean text a word that is already a valid, known syllable (sang, ca, nay, song) is almost
# always what the author wrote; the LM alone would "correct" it toward a likelier neighbour.
# Scaled by how clean the paragraph is (OCR text is unaffected); only unmarked words get it.
CLEAN_BONUS = 4.0
CLEAN_GUARD_FROM = 0.8
# Tesseract sometimes emits the 'ﬁ' ligature for one heavily marked vowel ('dﬁy' = đẩy, 'cﬁa' =
# của, 'gﬁn' = gần in seeds 002-004); the channel never saw it, but it reads such vowels as 'i'
# ('nim' = năm, 'cia' = của), so candidates are looked up as if it were an 'i'.
LIGATURE_FI = "\ufb01"
_NUM_JOIN = re.compile(r"^[./:,-]+$")
# Neural context scorer (neural.py): its score relative to the best reading of the same stripped
# syllable, x NEURAL_WEIGHT x the paragraph's stripped share, is added in mostly stripped paragraphs.
NEURAL_WEIGHT = 0.5
NEURAL_FROM = 0.5
# On OCR text it needs first-pass readings as context, so only the adaptive restorer's second pass
# uses it there, at this weight (higher was worse on unseen fonts).
NEURAL_OCR_WEIGHT = 0.3
# a sentence is decoded again when an OCR word's first-pass posterior is below REDO_BELOW, or the
# adapted channel brings a rival reading REDO_GAIN nats closer
REDO_BELOW = 0.9
REDO_GAIN = 1.0
# the document's confidently read words as a cache in the second pass (_cache_bonus)
CACHE_BONUS = 0.4
_ZERO1 = np.zeros(1, np.float32)  # the channel score of a punctuation token (read only: concatenated, never written)


@dataclass
class Slot:
    word: Word
    options: list[tuple[str, float]]  # (lower-case restoration, channel log-prob)
    ids: np.ndarray
    chan: np.ndarray
    pattern: str


@dataclass
class _Pass:
    """One page through the first pass: its words, their mixtures, sentences and beam results."""
    text: str
    ws: list[Word]
    mixes: list[Mixture]
    sents: list[list[Slot | int]]
    results: list[tuple[list[int], list, list]]  # per sentence: choice, forward posteriors, two-sided ones
    ocr_words: set[int]  # start offsets of the words read as OCR (mixture mostly OCR)


@dataclass
class _Adapted:
    """A document's adapted channel: its generator, its slot cache, and the observed characters
    and character pairs whose costs it changed (a word with none of them scores as before)."""
    gen: CandidateGenerator
    slots: dict
    chars: frozenset[str]
    pairs: frozenset[str]

    def touches(self, token: str) -> bool:
        low = token.lower().replace(LIGATURE_FI, "i")
        return not self.chars.isdisjoint(low) or any(low[k:k + 2] in self.pairs for k in range(len(low) - 1))


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


def inventory_syllables(vocab: list[str], counts: list[int]) -> list[str]:
    """The LM words the decoder may propose: valid Vietnamese syllables seen often enough."""
    return [w for w, c in zip(vocab, counts) if c >= MIN_INVENTORY_COUNT and is_syllable(w)]


_CHANGE_FIELDS = ("start", "end", "original", "restored", "confidence", "alternatives")
assert tuple(f.name for f in fields(TokenChange)) == _CHANGE_FIELDS  # _change below writes exactly these


def _change(start: int, end: int, original: str, restored: str, confidence: float, alternatives: tuple) -> TokenChange:
    """TokenChange(...), the same object, without the frozen dataclass's __init__ (one
    object.__setattr__ per field; on mangled OCR nearly every word is a change)."""
    c = object.__new__(TokenChange)
    d = c.__dict__
    d["start"] = start
    d["end"] = end
    d["original"] = original
    d["restored"] = restored
    d["confidence"] = confidence
    d["alternatives"] = alternatives
    return c


@contextmanager
def _gc_paused():
    """The cyclic garbage collector off for the block (restored as it was, also on errors)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _load_acronyms() -> dict[str, str]:
    out = {}
    for line in (DATA_DIR / "acronyms.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].split()
        if line:
            out[line[0]] = line[-1]
    return out


class NgramRestorer:
    name = DECODER_NAME
    use_jit = True  # False forces the numpy beam (tests compare the two)

    def __init__(self, model_dir: Path = MODEL_DIR, pools: bool = True, neural: bool = True, second_pass: bool = False,
                 capitals: bool = True):
        # second_pass: decode OCR text again with the channel adapted to the document (adapt.py);
        # more accurate, less than half as fast on OCR text, so not the default (load_restorer("adaptive"))
        self.second_pass = second_pass
        if second_pass:
            self.name = ADAPTIVE_NAME
        self.lm = TrigramLM(model_dir)
        beam_jit.cache_offsets(self.lm, [model_dir / f for f in ("lm.json", "bi_keys.npy", "tri_keys.npy")])
        # the neural context scorer (neural.py), when its weights are there and not turned off;
        # loaded (0.1-0.25 s) at the first mostly-stripped paragraph, so OCR-only runs never pay for it
        self.neural = None
        path = model_dir / "neural.npz"
        self.neural_path = path if neural and path.exists() else None
        self._fixed_ids: dict[int, np.ndarray] = {}  # one-id arrays of punctuation tokens, for _decode_all
        meta = json.loads((model_dir / "lm.json").read_text(encoding="utf-8"))
        counts = meta["counts"]
        total = float(sum(counts))
        stored = model_dir / "inventory.npy"  # written by train.py: the filter below, done once (~0.15 s of load)
        if stored.exists():
            syllables = [meta["vocab"][i] for i in np.load(stored).tolist()]
        else:
            syllables = inventory_syllables(meta["vocab"], counts)
        self.syllables = set(syllables)
        unigram = {w: math.log(counts[self.lm.ids[w]] / total) for w in syllables}
        channel = json.loads((model_dir / "channel.json").read_text(encoding="utf-8"))
        self.gen = CandidateGenerator(Inventory(syllables), CharModel(channel["chars"]), channel["words"], unigram)
        self.acronyms = _load_acronyms()
        # capitals=False: the training's own decodes, made while the LM's vocabulary is being rebuilt
        self.capitals = capital_table.load(model_dir, len(self.lm.vocab)) if capitals else None
        self._slots: dict[tuple, Slot] = {}
        if pools and (model_dir / "pool_obs.json").exists():
            forms = json.loads((model_dir / "pool_obs.json").read_text(encoding="utf-8"))
            table = np.load(model_dir / "pool_ids.npy")
            self.gen.set_pool_table(forms, table, self.lm.vocab)
        ids = self.lm.ids
        self.gen.set_lm(ids, ids[UNK])
        self.unk, self.bos, self.eos, self.num, self.comma = ids[UNK], ids[BOS], ids[EOS], ids[NUM], ids[COMMA]
        # the rest of the one-time work, done at load like the candidate arrays (candidates.py), not
        # in the first document (and so, in `vnresolve ingest`, while the pages are OCR'd): the
        # beam's offset tables (read from diacritics/.cache) and the inventory's deletion index for
        # OCR tokens without a precomputed pool
        if beam_jit.AVAILABLE:
            beam_jit.offsets(self.lm)
        self.gen.build_index()

    # ---- document-level channel mixture -------------------------------------------------
    def mixture(self, ws: list[Word]) -> Mixture:
        """How clean is this text? Decides how much the channel trusts a token as written."""
        lows = [w.text.lower() for w in ws if not w.fixed and w.text.isalpha()]
        if not lows:
            return Mixture(0.9, 0.05, 0.05)
        marked = [w for w in lows if not w.isascii()]
        if len(marked) < 0.03 * len(lows):
            return Mixture(STRIP_MIX[0], STRIP_MIX[1], STRIP_MIX[2])
        invalid = sum(normalize_tone(w) not in self.syllables for w in marked) / len(marked)
        clean = round(min(0.97, max(0.02, 1.0 - 3.0 * invalid)) * 20) / 20 or 0.02  # coarse: keeps caches warm
        return Mixture(clean, 0.02, round(1.0 - clean - 0.02, 2))

    def mixtures(self, text: str, ws: list[Word]) -> list[Mixture]:
        """One mixture per word: its paragraph's own when the paragraph says enough, else the
        document's. Real files mix mangled OCR with retyped clean passages (seed 003's tail)."""
        doc = self.mixture(ws)
        out: list[Mixture] = []
        block: list[Word] = []

        def flush() -> None:
            marked = sum(1 for w in block if not w.fixed and w.text.isalpha() and not w.text.isascii())
            out.extend([self.mixture(block) if marked >= BLOCK_MIN_MARKED else doc] * len(block))
            block.clear()

        prev_end = 0
        for w in ws:
            if block and _BLANK.search(text, prev_end, w.start):
                flush()
            block.append(w)
            prev_end = w.end
        flush()
        return out

    # ---- building the slots -----------------------------------------------------------------
    def _fixed_slot(self, w: Word, text: str, lm_word: str) -> Slot:
        wid = self.lm.ids.get(lm_word, self.unk)
        return Slot(w, [(text, 0.0)], np.array([wid], np.uint64), np.zeros(1, np.float32), "keep")

    def _slot(self, w: Word, mix: Mixture, adapted: _Adapted | None = None) -> Slot:
        """Candidates of one word; the arrays are cached per (spelling, kind, mixture) because a
        page repeats its words, and rebuilding them was a fifth of the decoding time. With a
        document's adapted channel, a word it touches is scored (and cached) with that channel."""
        gen, slots = self.gen, self._slots
        if adapted is not None and adapted.touches(w.text):
            gen, slots = adapted.gen, adapted.slots
        key = (w.text, w.fixed, w.bare_number, mix)
        hit = slots.get(key)
        if hit is None:
            if len(slots) > 200_000:
                slots.clear()
            hit = slots[key] = self._make_slot(w, mix, gen)
        return Slot(w, hit.options, hit.ids, hit.chan, hit.pattern)

    def _make_slot(self, w: Word, mix: Mixture, gen: CandidateGenerator) -> Slot:
        tok = w.text
        if w.bare_number and mix.ocr > 0.5 and (tok[0] in "014568&" or tok.isalnum() and not tok.isdigit()):
            penalty = DIGIT_PENALTY if tok.isdigit() or tok == "&" else DIGIT_PENALTY + LETTER_DIGIT_BONUS
            options = [(tok, 0.0)] + [(s, c + penalty) for s, c in gen.candidates(tok, mix)[:6] if s != tok]
            # kept as written, a digit-letter mix ('16n') is no number the LM knows: an unknown word
            own = self.num if tok.isdigit() else self.lm.ids.get(tok, self.unk)
            ids = np.array([own] + [self.lm.ids.get(s, self.unk) for s, _ in options[1:]], np.uint64)
            chan = np.array([c for _, c in options], np.float32) * CHANNEL_WEIGHT
            if not tok.isdigit():
                chan[0] += LETTER_DIGIT_KEEP
            return Slot(w, options, ids, chan, "lower")
        roman = roman_repair(tok) if mix.ocr > 0.5 else None
        if roman:
            return self._fixed_slot(w, roman, roman.lower())
        if w.fixed or is_foreign(tok.replace(LIGATURE_FI, "i")):
            return self._fixed_slot(w, tok, NUM if any(c.isdigit() for c in tok) else tok.lower())
        if tok in self.acronyms:
            fixed = self.acronyms[tok]
            return self._fixed_slot(w, fixed, fixed.lower())
        low = tok.lower()
        obs = low.replace(LIGATURE_FI, "i")
        options = gen.candidates(obs, mix)
        if obs != low:  # the ligature form itself stays the 'unchanged' reading
            options = [(low if s == obs else s, c) for s, c in options]
            ids = np.array([self.lm.ids.get(s, self.unk) for s, _ in options], np.uint64)
        else:
            ids = gen.candidate_ids(obs, mix)
        chan = np.array([c for _, c in options], np.float32) * CHANNEL_WEIGHT
        chan[ids == self.unk] += UNK_PENALTY
        if mix.clean >= CLEAN_GUARD_FROM and low in self.syllables and low.isascii():
            scale = (mix.clean - CLEAN_GUARD_FROM) / (1.0 - CLEAN_GUARD_FROM)
            chan[[i for i, (opt, _c) in enumerate(options) if opt == low]] += CLEAN_BONUS * scale
        return Slot(w, options, ids, chan, case_pattern(tok))

    def _name_bonus(self, slot: Slot) -> Slot:
        """In clean text a capitalised word inside a sentence is usually a name (Hang, Long,
        Thanh), which the LM cannot vouch for; make changing it need more evidence."""
        low = slot.word.text.lower()
        chan = slot.chan.copy()
        for i, (opt, _c) in enumerate(slot.options):
            if opt == low:
                chan[i] += NAME_BONUS
        return Slot(slot.word, slot.options, slot.ids, chan, slot.pattern)

    @staticmethod
    def _after_word(sent: list[Slot | int]) -> bool:
        """Does the sentence so far end in a letter word (not a comma, number or code)?"""
        last = sent[-1]
        return not isinstance(last, int) and last.word.text.isalpha()

    def _capital_evidence(self, slot: Slot) -> Slot:
        """A title-case word inside a sentence: each reading's chance to be written so (capitals.py)."""
        if len(slot.options) < 2:
            return slot
        lp = self.capitals[slot.ids.astype(np.intp)]
        chan = slot.chan + np.float32(CAPITAL_WEIGHT) * (lp - lp.max())
        return Slot(slot.word, slot.options, slot.ids, chan, slot.pattern)

    @staticmethod
    def _inline(text: str, ws: list[Word], i: int) -> bool:
        """Is word i between a lower-case letter word and a letter word ('6 khu', '& Angkor'), on one line?"""
        if i == 0 or i + 1 >= len(ws):
            return False
        a, b = ws[i - 1], ws[i + 1]
        return (a.text.isalpha() and a.text.islower() and b.text.isalpha()
                and bool(_INLINE_SEP.match(text[a.end:ws[i].start])) and bool(_INLINE_SEP.match(text[ws[i].end:b.start])))

    def _sentences(self, text: str, ws: list[Word], mixes: list[Mixture], adapted: _Adapted | None = None) -> list[list[Slot | int]]:
        """Slots grouped into LM sentences; ints are punctuation/number tokens with one reading."""
        sents: list[list[Slot | int]] = [[]]
        prev_end, prev_num = 0, False
        for i, (w, mix) in enumerate(zip(ws, mixes)):
            sep = text[prev_end:w.start]
            if sep == " ":  # the usual separator: neither a boundary nor a comma
                pass
            elif _BOUNDARY.search(sep):
                sents.append([])
                prev_num = False
            elif _COMMA.search(sep) and sents[-1]:
                sents[-1].append(self.comma)
            slot = self._slot(w, mix, adapted)
            if w.bare_number and len(slot.options) > 1 and self._inline(text, ws, i):
                chan = slot.chan.copy()
                chan[1:] += INLINE_DIGIT_BONUS
                slot = Slot(w, slot.options, slot.ids, chan, slot.pattern)
            if slot.pattern == "title" and sents[-1]:
                if mix.clean >= 0.5:
                    slot = self._name_bonus(slot)
                if mix.ocr <= 0.5 and self.capitals is not None and w.text.isascii() and self._after_word(sents[-1]):
                    slot = self._capital_evidence(slot)  # a word without marks: the capital tells which
            is_num = slot.pattern == "keep" and int(slot.ids[0]) == self.num
            if not (is_num and prev_num and _NUM_JOIN.match(sep)):
                sents[-1].append(slot)
            else:
                sents[-1].append(Slot(w, slot.options, np.array([], np.uint64), slot.chan, "merged"))
            prev_num, prev_end = is_num, w.end
        return [s for s in sents if s]

    # ---- search -----------------------------------------------------------------------------
    def _decode_all(self, sents: list[list[Slot | int]],
                    sides: bool = True) -> list[tuple[list[int], list[np.ndarray | None], list[np.ndarray | None]]]:
        """(choice per item, forward posterior per Slot, two-sided probabilities per Slot) of each
        sentence (sides=False: the forward ones again, where no confidence will be reported).
        Compiled beam (beam_jit.py) where its kernels were built or numba is installed, the numpy
        beam otherwise: both run the same search and give the same result. The compiled one takes the sentences in batches of
        about DECODE_BATCH candidates (a page or more), each as one set of flat arrays: per
        sentence, building them and the call had cost 40-75 us; the batch bounds the copies a
        long text makes at once."""
        if not (beam_jit.AVAILABLE and self.use_jit):
            return [self._decode_numpy(sent, sides) for sent in sents]
        out: list[tuple[list[int], list[np.ndarray | None], list[np.ndarray | None]]] = []
        kinds: list[int] = []  # built as lists, one array each per batch
        offs: list[int] = []
        bounds: list[int] = [0]
        ids_parts: list[np.ndarray] = []
        chan_parts: list[np.ndarray] = []
        fixed = self._fixed_ids
        pos = 0
        for number, sent in enumerate(sents):
            for item in sent:
                offs.append(pos)
                if isinstance(item, int):
                    kinds.append(1)
                    one = fixed.get(item)
                    if one is None:
                        one = fixed[item] = np.array([item], np.uint64)
                    ids_parts.append(one)
                    chan_parts.append(_ZERO1)
                    pos += 1
                    continue
                n = len(item.ids)
                if n == 0:
                    kinds.append(2)
                else:
                    kinds.append(1 if n == 1 else 0)
                    ids_parts.append(item.ids)
                    chan_parts.append(item.chan)
                    pos += n
            bounds.append(len(kinds))
            if pos >= DECODE_BATCH or number == len(sents) - 1:
                offs.append(pos)
                out.extend(self._decode_batch(bounds, kinds, offs, ids_parts, chan_parts, sides))
                kinds, offs, bounds, ids_parts, chan_parts, pos = [], [], [0], [], [], 0
        return out

    def _decode_batch(self, bounds: list[int], kinds: list[int], offs: list[int], ids_parts: list[np.ndarray],
                      chan_parts: list[np.ndarray],
                      sides: bool) -> list[tuple[list[int], list[np.ndarray | None], list[np.ndarray | None]]]:
        ids = np.concatenate(ids_parts) if ids_parts else np.zeros(0, np.uint64)
        chan = np.concatenate(chan_parts).astype(np.float32) if chan_parts else np.zeros(0, np.float32)
        choice, flat_fwd, flat_posts = beam_jit.decode_many(np.array(bounds, np.int64), np.array(kinds, np.int64),
                                                  np.array(offs, np.int64), ids, chan, self.bos, self.eos, BEAM,
                                                  BEAM_MARGIN, self.lm, CONFIDENCE_TEMPERATURE if sides else None,
                                                  CONFIDENCE_SURE, CONFIDENCE_FLOOR)
        choices = choice.tolist()
        out = []
        for a, b in zip(bounds, bounds[1:]):
            fwd = [flat_fwd[offs[k]:offs[k + 1]] if kinds[k] == 0 else None for k in range(a, b)]
            posts = [flat_posts[offs[k]:offs[k + 1]] if kinds[k] == 0 else None for k in range(a, b)]
            out.append((choices[a:b], fwd, posts))
        return out

    def _decode_numpy(self, sent: list[Slot | int],
                      sides: bool = True) -> tuple[list[int], list[np.ndarray | None], list[np.ndarray | None]]:
        """Chosen option per item (beam search over the LM's context states) and, per Slot, a
        forward posterior over its options (what the left context and the channel say about it)
        and the two-sided probabilities (_two_sided_numpy)."""
        b = np.uint64(BITS)
        lm = self.lm
        u = np.array([self.bos], np.uint64)
        v = np.array([self.bos], np.uint64)
        score = np.zeros(1, np.float64)
        history: list[tuple[np.ndarray, np.ndarray] | None] = []
        posts: list[np.ndarray | None] = []
        for item in sent:
            if isinstance(item, int) or len(item.ids) <= 1:
                if isinstance(item, int) or len(item.ids) == 1:
                    wid = np.uint64(item) if isinstance(item, int) else item.ids[0]
                    score = score + lm.expand(u, v, np.array([wid], np.uint64))[:, 0]
                    u, v = v, np.full_like(v, wid)
                    if len(v) > 1:  # states that differ only in the word leaving the context merge
                        best = np.lexsort((-score, u))
                        _, first = np.unique(u[best], return_index=True)
                        if len(first) < len(u):
                            keep = best[first]
                            keep = keep[np.argsort(-score[keep], kind="stable")]
                            history.append((keep, np.zeros(len(keep), np.int64)))
                            posts.append(None)
                            u, v, score = u[keep], v[keep], score[keep]
                            continue
                history.append(None)
                posts.append(None)
                continue
            ids, chan = item.ids, item.chan
            total = score[:, None] + lm.expand(u, v, ids) + chan[None, :]
            col = total.max(axis=0)
            post = np.exp(col - col.max())
            posts.append(post / post.sum())
            flat = total.ravel()
            nc = len(ids)
            state_key = (np.repeat(v, nc) << b) | np.tile(ids, len(v))
            order = np.argsort(-flat, kind="stable")
            _, first = np.unique(state_key[order], return_index=True)
            keep = order[np.sort(first)[:BEAM]]
            keep = keep[flat[keep] >= flat[keep[0]] - BEAM_MARGIN]
            prev_state, cand = keep // nc, keep % nc
            u, v, score = v[prev_state], ids[cand], flat[keep]
            history.append((prev_state, cand))
        score = score + lm.expand(u, v, np.array([self.eos], np.uint64))[:, 0]
        state = int(np.argmax(score))
        choice: list[int] = []
        for h in reversed(history):
            if h is None:
                choice.append(0)
                continue
            prev_state, cand = h
            choice.append(int(cand[state]))
            state = int(prev_state[state])
        choice.reverse()
        return choice, posts, self._two_sided_numpy(sent, choice, posts) if sides else posts

    def _two_sided_numpy(self, sent: list[Slot | int], choice: list[int], forward: list) -> list[np.ndarray | None]:
        """beam_jit._two_sided for one sentence, on the LM's numpy look-ups (the same floats): each
        Slot's probabilities given the readings chosen on both sides."""
        lm = self.lm
        chain = [np.uint64(self.bos), np.uint64(self.bos)]
        where: dict[int, int] = {}
        for k, item in enumerate(sent):
            if isinstance(item, int):
                chain.append(np.uint64(item))
            elif len(item.ids) == 1:
                chain.append(item.ids[0])
            elif len(item.ids) > 1:
                where[k] = len(chain)
                chain.append(item.ids[choice[k]])
        chain = np.array(chain + [self.eos], np.uint64)
        posts: list[np.ndarray | None] = [None] * len(sent)
        for k, j in where.items():
            if forward[k][choice[k]] >= CONFIDENCE_SURE:
                posts[k] = forward[k]
                continue
            ids, n = sent[k].ids, len(sent[k].ids)
            x = sent[k].chan.astype(np.float64)
            x = x + lm.expand(chain[j - 2:j - 1], chain[j - 1:j], ids)[0].astype(np.float64)
            x += lm.expand(np.full(n, chain[j - 1], np.uint64), ids, chain[j + 1:j + 2])[:, 0].astype(np.float64)
            if j + 2 < len(chain):
                x += lm.expand(ids, np.full(n, chain[j + 1], np.uint64), chain[j + 2:j + 3])[:, 0].astype(np.float64)
            x /= CONFIDENCE_TEMPERATURE
            low = forward[k] < CONFIDENCE_FLOOR
            low[choice[k]] = False  # the chosen reading is always scored
            x[low] = -np.inf
            p = np.exp(x - x.max())
            posts[k] = p / p.sum()
        return posts

    def decode(self, text: str, all_confidences: bool = False,
               forward: bool = False) -> list[tuple[Word, str, float, tuple[str, ...]]]:
        """(word, restoration with case applied, confidence, alternatives) for every word token.

        Confidence is computed for changed words, or for all when asked (channel adaptation). It
        is the word's probability given the readings chosen on both sides (beam_jit._two_sided);
        `forward`: the beam's left-context posterior instead, which the training's self-adaptation
        thresholds were chosen on (so `make model` still rebuilds the committed files)."""
        return self.decode_pages([text], all_confidences, forward)[0]

    def decode_pages(self, texts: list[str], all_confidences: bool = False, forward: bool = False,
                     records: bool = True) -> list[list[tuple[Word, str, float, tuple[str, ...]]]]:
        """decode() of each page of one document: the channel is adapted to the whole document.

        The cyclic garbage collector is paused meanwhile: a page allocates ~10^5 small objects and
        makes no cycles, and each full collection walked the whole loaded model (a sixth of a
        first pass on seed 000)."""
        sides = records and not forward  # records=False: no confidence or alternatives (restore_text)
        with _gc_paused():
            passes = [self._first_pass(text, sides) for text in texts]
            if self.second_pass:
                readings = [r for p in passes for r in self._readings(p)]
                adapted = self._adapt(passes, readings)
                counts: dict[str, int] = {}
                for _obs, chosen, conf in readings:
                    if conf >= adapt.CONFIDENCE:
                        counts[chosen] = counts.get(chosen, 0) + 1
                for p in passes:
                    self._second_pass(p, adapted, counts, sides)
            return [self._emit(p, all_confidences, forward, records) for p in passes]

    def _first_pass(self, text: str, sides: bool = True) -> _Pass:
        ws = words(text)
        if not ws:
            return _Pass(text, [], [], [], [], set())
        mixes = self.mixtures(text, ws)
        sents = self._sentences(text, ws, mixes)
        if self.neural_path is not None and any(m.strip >= NEURAL_FROM for m in mixes):
            share = {w.start: (m.strip if m.strip >= NEURAL_FROM else 0.0) for w, m in zip(ws, mixes)}
            sents = rescore(self._neural(), sents, self.num, NEURAL_WEIGHT, scale=share)
        ocr_words = {w.start for w, m in zip(ws, mixes) if m.ocr > 0.5}
        return _Pass(text, ws, mixes, sents, self._decode_all(sents, sides), ocr_words)

    def _neural(self) -> NeuralScorer:
        if self.neural is None:
            self.neural = NeuralScorer(self.neural_path)
        return self.neural

    def _adapt(self, passes: list[_Pass], readings: list[tuple[str, str, float]]) -> _Adapted | None:
        """The channel adapted to the OCR words the first pass was sure of (adapt.py; `readings`:
        _readings of the passes), if the document has enough of them and they teach it something."""
        if sum(len(p.ocr_words) for p in passes) < adapt.MIN_PAIRS:
            return None
        pairs = adapt.confident_pairs(readings)
        if sum(pairs.values()) < adapt.MIN_PAIRS:
            return None
        found = adapt.adapted_channel(self.gen.chars, pairs)
        if found is None:
            return None
        chars, chunks = found
        return _Adapted(self.gen.with_channel(chars), {}, frozenset(c for c in chunks if len(c) == 1),
                        frozenset(c for c in chunks if len(c) == 2))

    @staticmethod
    def _readings(p: _Pass):
        """(observed token, chosen lower-case reading, confidence) of the page's OCR words."""
        for sent, (choice, posts, _sides) in zip(p.sents, p.results):
            for item, c, post in zip(sent, choice, posts):
                if not isinstance(item, int) and item.word.start in p.ocr_words:
                    yield item.word.text, item.options[c][0].lower(), 1.0 if post is None else float(post[c])

    @staticmethod
    def _cache_bonus(slot: Slot, counts: dict[str, int]) -> Slot:
        """A reading the document uses confidently elsewhere is likelier here too (a document's
        own names and terms, which the corpus LM knows less well): + CACHE_BONUS x log(1 + uses)."""
        bonus = np.log1p(np.array([counts.get(o, 0) for o, _ in slot.options], np.float32)) * np.float32(CACHE_BONUS)
        return Slot(slot.word, slot.options, slot.ids, slot.chan + bonus, slot.pattern)

    def _second_pass(self, p: _Pass, adapted: _Adapted | None, counts: dict[str, int], sides: bool = True) -> None:
        """Decode again the OCR sentences that the adapted channel scores differently or that the
        first pass was unsure of, with the neural scorer's view of them in first-pass context and
        the document's confident readings as a cache."""
        use_neural = self.neural_path is not None
        if not p.ocr_words or (adapted is None and not use_neural):
            return
        new_sents = self._sentences(p.text, p.ws, p.mixes, adapted) if adapted is not None else p.sents
        redo = [i for i, (old, new) in enumerate(zip(p.sents, new_sents)) if self._worth_redoing(old, new, p.results[i], p.ocr_words)]
        if not redo:
            return
        todo = [new_sents[i] for i in redo]
        if use_neural:
            readings = [[None if isinstance(it, int) else it.options[c][0] for it, c in zip(p.sents[i], p.results[i][0])]
                        for i in redo]
            todo = rescore(self._neural(), todo, self.num, NEURAL_OCR_WEIGHT, choices=readings,
                           scale=dict.fromkeys(p.ocr_words, 1.0))
        if counts:
            todo = [[self._cache_bonus(it, counts) if not isinstance(it, int) and len(it.options) > 1
                     and it.word.start in p.ocr_words else it for it in sent] for sent in todo]
        for i, sent, result in zip(redo, todo, self._decode_all(todo, sides)):
            p.sents[i] = sent
            p.results[i] = result

    @staticmethod
    def _worth_redoing(old: list, new: list, result: tuple, ocr_words: set[int]) -> bool:
        """Does a sentence need the second pass: the first pass was unsure of an OCR word in it
        (where the neural scorer may decide), or the adapted channel brings another reading of one
        at least REDO_GAIN closer to the chosen one?"""
        for a, b, c, post in zip(old, new, result[0], result[1]):
            if isinstance(a, int) or a.word.start not in ocr_words or len(b.options) < 2:
                continue
            if post is not None and post[c] < REDO_BELOW:
                return True
            if a is not b and _closer(a, b, c) >= REDO_GAIN:
                return True
        return False

    def _emit(self, p: _Pass, all_confidences: bool, forward: bool = False,
              records: bool = True) -> list[tuple[Word, str, float, tuple[str, ...]]]:
        out = []
        append = out.append
        for sent, (choice, fwd, sides) in zip(p.sents, p.results):
            for item, c, post in zip(sent, choice, fwd if forward else sides):
                if isinstance(item, int):
                    continue
                w = item.word
                pattern = item.pattern
                if pattern == "keep" or pattern == "merged":
                    append((w, item.options[0][0], 1.0, ()))
                    continue
                options = item.options
                tok = w.text
                restored = apply_case(options[c][0], pattern)
                if pattern == "title" and tok[0] in "I|!" and restored[0] == "L":
                    restored = restored.lower()  # 'Iy', 'Ién': a capital I is how OCR reads a small l
                if restored != tok and restored.lower() == tok.lower():
                    restored = tok  # unchanged letters keep their original case exactly
                conf, alts = 1.0, ()
                if post is not None and records and (all_confidences or restored != tok):
                    # on a list: a stable descending sort is the stable argsort of -post, without
                    # numpy's per-call cost on ~20 options
                    p = post.tolist()
                    conf = p[c]
                    top = sorted(range(len(p)), key=p.__getitem__, reverse=True)[:4]
                    if pattern == "lower":  # apply_case would return each as it is
                        alts = tuple([options[i][0] for i in top if i != c][:3])
                    else:
                        alts = tuple([apply_case(options[i][0], pattern) for i in top if i != c][:3])
                append((w, restored, conf, alts))
        return out

    def restore(self, text: str) -> RestoreResult:
        return self.restore_pages([text])[0]

    def restore_text(self, text: str) -> str:
        """restore(text).text without the per-token records (`vnresolve restore` prints only the
        text): the two-sided confidences and the alternatives are not computed."""
        return self._result(text, self.decode_pages([text], records=False)[0], records=False).text

    def restore_pages(self, texts: list[str]) -> list[RestoreResult]:
        """restore() of each page of one document, the channel adapted to all of them at once."""
        with _gc_paused():  # as in decode: the change list is as many small objects again
            return [self._result(text, decoded) for text, decoded in zip(texts, self.decode_pages(texts))]

    def _result(self, text: str, decoded: list, records: bool = True) -> RestoreResult:
        """The restored text and, with records, a TokenChange per changed word."""
        out: list[str] = []
        changes: list[TokenChange] = []
        pos = shift = 0
        for w, restored, conf, alts in decoded:
            out.append(text[pos:w.start])
            out.append(restored)
            start = w.start + shift
            pos = w.end
            shift += len(restored) - len(w.text)
            if records and restored != w.text:
                changes.append(_change(start, start + len(restored), w.text, restored, conf, alts))
        out.append(text[pos:])
        return RestoreResult(text="".join(out), model=self.name, tokens=len(decoded), changes=changes)
