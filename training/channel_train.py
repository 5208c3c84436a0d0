"""Estimate the OCR channel from the synthetic pairs in training/.cache/pairs/.

Writes model/channel.json: the character emission costs (hard EM) and a table of whole observed
forms per intended syllable. The pairs themselves stay in the cache; only counts leave it.
"""

from __future__ import annotations

import json
import math
from collections import Counter, defaultdict
from pathlib import Path

from training.align import align_page
from vnresolve.diacritics.charmodel import CharModel
from vnresolve.diacritics.syllables import is_syllable
from vnresolve.diacritics.vntext import normalize_tone

CACHE = Path(__file__).resolve().parent / ".cache"
DEV_EVERY = 37  # every 37th synthetic page is kept out of estimation, for tuning
PAGES = 5600  # synthetic pages the committed channel is built from (train.py --pages)
EM_ROUNDS = 3
MIN_TABLE = 2
ADAPT_SEEDS = ("002", "003", "004")  # never 000/001: they are the evaluation pair
ADAPT_ROUNDS = 2
ADAPT_CONFIDENCE = 0.9
ADAPT_UNSEEN = 7.0
# The seeds' confident pairs count 4 times, so that the real scans keep a fair share of the
# evidence against thousands of synthetic pages.
ADAPT_WEIGHT = 4
# The real scans mangle heavily marked vowels into digits and stray consonants ('dbi' = đổi,
# '13' = là, 'x3' = xã) that the synthetic renders almost never produce, so the channel has no
# entry for them and adaptation could never propose them. During adaptation only, any such
# emission of a marked vowel costs this much (about a 1-in-90 chance) unless it was learned
# cheaper; what the confident decodings then confirm is learned, the rest is dropped again.
ADAPT_DAMAGE_COST = 4.5
MARKED_VOWELS = "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
DAMAGE_CHARS = "0123456789bcdfghjklmnpqrstvwxz&%@?¢€"
PLAIN_VOWELS = "aeiouy"  # unmarked vowels: digits and symbols only ('ph01' = phối: 1 for i)
DAMAGE_DIGITS = "0123456789&%@?¢€"
POOL_SIZE = 40  # > the decoder's max_candidates (decoder.json), so the decoder's own cut is rarely affected


def page_files(pages: int = PAGES, cache: Path = CACHE / "pairs") -> list[Path]:
    """The first `pages` synthetic pages (each file is named by its page number), in order: the
    channel is built from exactly these, whatever else the cache holds, so that a rebuild gives
    the committed model on any machine."""
    return sorted(f for f in cache.glob("*.json") if int(f.stem) < pages)


def load_pairs(pages: int = PAGES, cache: Path = CACHE / "pairs", dev: bool = False) -> Counter:
    files = [f for f in page_files(pages, cache) if (int(f.stem) % DEV_EVERY == DEV_EVERY - 1) == dev]
    pairs: Counter = Counter()
    for f in files:
        page = json.loads(f.read_text(encoding="utf-8"))
        for t, o in align_page(page["truth"], page["ocr"]):
            t = normalize_tone(t.lower())
            if is_syllable(t):
                pairs[(t, o.lower())] += 1
    return pairs


def estimate_chars(pairs: Counter, rounds: int = EM_ROUNDS, start: CharModel | None = None) -> dict[str, dict[str, float]]:
    model = start or CharModel()
    for _ in range(rounds):
        counts: dict[str, Counter] = defaultdict(Counter)
        for (t, o), n in pairs.items():
            cost, path = model.align(t, o)
            if math.isinf(cost):
                continue
            for tc, e in path:
                counts[tc][e] += n
        table = {}
        for tc, row in counts.items():
            total = sum(row.values()) + 1.0  # one pseudo-count left for unseen emissions
            table[tc] = {e: round(-math.log(c / total), 3) for e, c in row.items() if c >= 2 or e == tc}
        model = CharModel(table)
    return model.table


def seed_pairs(out: Path, seeds: Path, unseen_other: float) -> Counter:
    """Self-training on the unlabeled real seeds 002-004: confident decodings become pairs.

    The synthetic renders never read Đ as P the way the real scans do; letting the decoder try
    unseen confusions a little more cheaply, and keeping only what it is sure of, teaches the
    channel the real scans' habits without any labels. 000/001 are never read here."""
    from vnresolve.diacritics import ngram

    restorer = ngram.NgramRestorer(out, pools=False, capitals=False)
    restorer.gen.chars = CharModel(with_damage(restorer.gen.chars.table), unseen_other=unseen_other)
    pairs: Counter = Counter()
    for prefix in ADAPT_SEEDS:
        for path in sorted(seeds.glob(f"{prefix}_*.txt")):
            decoded = restorer.decode(path.read_text(encoding="utf-8"), all_confidences=True, forward=True)
            for w, restored, conf, _alts in decoded:
                t = normalize_tone(restored.lower())
                if conf >= ADAPT_CONFIDENCE and is_syllable(t):
                    pairs[(t, w.text.lower())] += 1
    return pairs


def with_damage(table: dict[str, dict[str, float]], cost: float = ADAPT_DAMAGE_COST) -> dict[str, dict[str, float]]:
    """A copy of the emission table where a marked vowel may come out as any digit, symbol or
    consonant at `cost` (the adaptation decoder's wider net; never written to the model)."""
    out = {t: dict(row) for t, row in table.items()}
    for vowels, chars in ((MARKED_VOWELS, DAMAGE_CHARS), (PLAIN_VOWELS, DAMAGE_DIGITS)):
        for t in vowels:
            row = out.setdefault(t, {})
            for e in chars:
                if row.get(e, math.inf) > cost:
                    row[e] = cost
    return out


def write_channel(out: Path, pairs: Counter, start: CharModel | None = None, rounds: int = EM_ROUNDS) -> CharModel:
    chars = estimate_chars(pairs, rounds, start)
    per_true = Counter()
    for (t, _o), n in pairs.items():
        per_true[t] += n
    words: dict[str, dict[str, float]] = defaultdict(dict)
    for (t, o), n in pairs.items():
        if n >= MIN_TABLE and o != t:
            words[o][t] = round(math.log(n / per_true[t]), 3)
    data = {"chars": chars, "words": {o: dict(sorted(v.items())) for o, v in sorted(words.items())},
            "pairs": sum(pairs.values())}
    (out / "channel.json").write_text(json.dumps(data, ensure_ascii=False, sort_keys=True), encoding="utf-8")
    print(f"  channel: {data['pairs']} aligned word pairs, {len(chars)} characters, {len(words)} observed forms", flush=True)
    return CharModel(chars)


def observed_forms(seeds: Path | None, pages: int = PAGES) -> list[str]:
    """Frequent OCR spellings (synthetic pages, seeds 002-004): their candidate pools are
    precomputed so decoding a typical page rarely searches the inventory."""
    from vnresolve.diacritics.tokens import words as word_tokens

    counts: Counter = Counter()
    for f in page_files(pages):
        page = json.loads(f.read_text(encoding="utf-8"))
        counts.update(w.text.lower() for w in word_tokens(page["ocr"]) if not w.fixed)
    forms = {o for o, n in counts.items() if n >= 2}
    if seeds is not None:
        for prefix in ADAPT_SEEDS:
            for path in sorted(seeds.glob(f"{prefix}_*.txt")):
                forms.update(w.text.lower() for w in word_tokens(path.read_text(encoding="utf-8")) if not w.fixed)
    return sorted(forms)


def build_pools(out: Path, seeds: Path | None, pages: int = PAGES, forms: list[str] | None = None) -> None:
    """The candidate pools of `forms` (default: observed_forms) for the LM and channel in out."""
    import numpy as np

    from vnresolve.diacritics import ngram

    restorer = ngram.NgramRestorer(out, pools=False, capitals=False)
    gen, ids = restorer.gen, restorer.lm.ids
    forms = observed_forms(seeds, pages) if forms is None else forms
    table = np.full((len(forms), POOL_SIZE), -1, np.int32)
    for r, obs in enumerate(forms):
        pool = [ids[s] for s in gen.best_ocr_pool(obs, POOL_SIZE) if s in ids]
        table[r, :len(pool)] = pool
    np.save(out / "pool_ids.npy", table)
    (out / "pool_obs.json").write_text(json.dumps(forms, ensure_ascii=False), encoding="utf-8")
    print(f"  candidate pools precomputed for {len(forms)} observed forms", flush=True)


def build_channel(out: Path, seeds: Path | None = None, pages: int = PAGES) -> None:
    pairs = load_pairs(pages)
    if not pairs:
        raise SystemExit("no synthetic pairs in training/.cache/pairs: run python -m training.synth first")
    model = write_channel(out, pairs)
    if seeds is None or not seeds.is_dir():
        return
    for _ in range(ADAPT_ROUNDS):
        adapted = seed_pairs(out, seeds, ADAPT_UNSEEN)
        print(f"  adaptation: {sum(adapted.values())} confident word pairs from seeds {', '.join(ADAPT_SEEDS)}", flush=True)
        model = write_channel(out, pairs + Counter({k: v * ADAPT_WEIGHT for k, v in adapted.items()}), model, rounds=1)
    build_pools(out, seeds, pages)
