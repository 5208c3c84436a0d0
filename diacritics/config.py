"""The restorer's tuned numbers, read from the model folder (model/decoder.json).

They were tuned on data together with the model files beside them (weights, margins, the beam
width, thresholds), so they are stored with the model and hashed into its fingerprint with it
(pipeline/version.py hashes every file under model/); this file holds no defaults. A value's
meaning is documented on its field; the file must name exactly these fields.
"""

from __future__ import annotations

import dataclasses
import json
import shutil
from dataclasses import dataclass
from pathlib import Path

FILE = "decoder.json"
MODEL_DIR = Path(__file__).resolve().parent / "model"  # the committed model


@dataclass(frozen=True)
class DecoderConfig:
    # ---- the beam and the confidences (decoder.py, beam_jit.py)
    #: states kept per word by the beam
    beam: int
    #: a state this many nats below the best is dropped before the next word, so the beam holds
    #: `beam` states only where they compete
    beam_margin: float
    #: a word's confidence is its probability given the readings chosen on both sides, softened by
    #: this temperature (the best-calibrated value on the dev sets)
    confidence_temperature: float
    #: the right context is consulted only where it can change something: a reading with a forward
    #: posterior of at least this keeps it ...
    confidence_sure: float
    #: ... and candidates with a forward posterior below this get probability 0
    confidence_floor: float

    # ---- the document mixture (mixture.py)
    #: (clean, stripped, ocr) of a text where almost no word carries a mark
    strip_mix: tuple[float, float, float]
    #: a paragraph with at least this many marked words gets its own mixture, else the document's
    block_min_marked: int

    # ---- the candidate lattice (lattice.py)
    #: weight of the channel log-probability against the LM's
    channel_weight: float
    #: the same for words of mostly OCR-mangled text: English-model OCR's damage is less like the
    #: clean text the LM scores, so its channel is trusted more
    ocr_channel_weight: float
    #: reading a bare digit of OCR text as a word needs this much evidence from the context
    digit_penalty: float
    #: a lone digit or '&' between a lower-case word and a letter word on one line ('cu 6 khu') is a
    #: mangled word far more often than a number: this much less evidence is needed
    inline_digit_bonus: float
    #: a letter-digit mix ('16n') is rarely a measurement: this much less evidence than a bare number
    letter_digit_bonus: float
    #: kept as written, a digit-letter mix pays this for being no word
    letter_digit_keep: float
    #: <unk> stands for ~100k rare types; one of them is far less likely than the class
    unk_penalty: float
    #: in clean text a capitalised word inside a sentence is usually a name: changing it needs this
    #: much more evidence
    name_bonus: float
    #: weight of log P(title case inside a sentence | reading) (capitals.py) for a title-case word
    #: without marks right after another word ('Nam' is nam, not năm); on OCR words only next to
    #: another title-case word (a name: 'Lam Thi' is Lâm Thị), since OCR capitalises mangled letters
    capital_weight: float
    #: in clean text a word that is already a known syllable is almost always what the author
    #: wrote: its own reading gets up to this bonus, scaled by how clean the paragraph is ...
    clean_bonus: float
    #: ... from this clean share (0 there) to 1 (the whole bonus)
    clean_guard_from: float

    # ---- the passes (passes.py)
    #: the neural context scorer's relative score x this x the paragraph's stripped share is added
    #: in mostly stripped paragraphs ...
    neural_weight: float
    #: ... those whose stripped share is at least this
    neural_from: float
    #: the adaptive restorer's first pass scores OCR words too, at this weight, in their observed
    #: words' context: the marks of a word whose letters OCR kept ('quyét') ('fast' goes without: its speed budget)
    neural_first_ocr_weight: float
    #: the second pass scores them again in first-pass readings' context, at this weight (both
    #: tuned on the dev OCR pages with the scorer it ships with)
    neural_ocr_weight: float
    #: the second pass decodes a sentence again when an OCR word's first-pass posterior is below this ...
    redo_below: float
    #: ... or the adapted channel brings a rival reading this many nats closer
    redo_gain: float
    #: in the second pass a reading the document uses confidently elsewhere gets this x log(1 + uses) ...
    cache_bonus: float
    #: ... and log(1 + this x its share of those uses / its corpus unigram probability): the
    #: document's cache mixed into the LM, strong for its own names and terms, weak for common words
    cache_mix: float
    #: ... at most this many nats: one confident use of a reading the corpus nearly never has must not
    #: outweigh every context of the document (uncapped it reaches about 13)
    cache_mix_cap: float
    #: the clean and `vie` OCR words' cache gives a word marks the page does not print only for a
    #: reading the document reads confidently at least this often: one use is no habit of its own ...
    mark_cache_min_uses: int
    #: ... with its share shrunk as if the document had this many more words, read as the LM expects
    #: (a short document's few words say little against the LM) ...
    mark_cache_prior: float
    #: ... at most this many nats for a word printed without marks
    mark_cache_unmarked_cap: float

    # ---- the candidate generator (candidates.py)
    #: candidates per word: a longer list barely helps and slows the beam
    max_candidates: int
    #: unigram log-frequency weight when cutting the list to max_candidates
    prior_weight: float
    #: candidates whose channel score is this far below the best are not worth a beam slot
    prune_margin: float
    #: share of the whole-form table in the OCR channel (the rest: the character model)
    table_weight: float
    #: B is a rarer misreading of Đ than P: the Đ-readings a b-token borrows from its p-twin cost this
    b_for_d_cost: float
    #: at most this many of those borrowed readings
    b_for_d_max: int

    # ---- the per-document channel adaptation (adapt.py)
    #: first-pass readings at least this confident teach the adapted channel
    adapt_confidence: float
    #: prior pseudo-counts per intended character (results flat over a wide range)
    adapt_alpha: float
    #: an emission seen fewer times in the document is not a habit
    adapt_min_count: int
    #: fewer confident words than this (a short note) say too little to adapt on
    adapt_min_pairs: int
    #: a cost drop (nats) smaller than this is no habit
    adapt_min_gain: float
    #: aligning the document's pairs, an unseen two-character chunk costs this much more than in the
    #: decoder: a habit is a substitution far more often than a drop plus an invented letter
    adapt_align_chunk_extra: float

    # ---- numbers `make model` builds files with (training/train.py, capitals.py)
    #: an LM word is a candidate (inventory.npy) when it is a valid syllable seen this often
    min_inventory_count: int
    #: capitalisation table: pseudo-counts at the corpus-wide rate, so a word seen a few times
    #: keeps near that rate
    capital_smoothing: float


def load(model_dir: Path) -> DecoderConfig:
    """The model's decoder.json as a DecoderConfig (ValueError when it names other fields)."""
    path = Path(model_dir) / FILE
    data = json.loads(path.read_text(encoding="utf-8"))
    names = [f.name for f in dataclasses.fields(DecoderConfig)]
    if sorted(data) != sorted(names):
        missing, extra = sorted(set(names) - set(data)), sorted(set(data) - set(names))
        raise ValueError(f"{path}: fields missing {missing}, unknown {extra}")
    values = {}
    for f in dataclasses.fields(DecoderConfig):
        x = data[f.name]
        kind = f.type if isinstance(f.type, str) else f.type.__name__
        if kind.startswith("tuple"):
            values[f.name] = tuple(float(v) for v in x)
        elif kind == "int":
            if not isinstance(x, int) or isinstance(x, bool):
                raise ValueError(f"{path}: {f.name} must be an integer, got {x!r}")
            values[f.name] = x
        else:
            values[f.name] = float(x)
    return DecoderConfig(**values)


def provide(model_dir: Path, source: Path) -> None:
    """Give a model folder being built its decoder.json: the one in `source` (the committed model)
    unless it has its own, which is kept."""
    target = Path(model_dir) / FILE
    if not target.exists():
        shutil.copyfile(Path(source) / FILE, target)
