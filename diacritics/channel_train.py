"""Estimate the OCR channel from the synthetic pairs in diacritics/.cache/pairs/.

Writes model/channel.json: the character emission costs (hard EM) and a table of whole observed
forms per intended syllable. The pairs themselves stay in the cache; only counts leave it.
"""

from __future__ import annotations

import json
import math
from collections import Counter, defaultdict
from pathlib import Path

from diacritics.align import align_page
from diacritics.charmodel import CharModel
from diacritics.syllables import is_syllable
from diacritics.vntext import normalize_tone

CACHE = Path(__file__).resolve().parent / ".cache"
DEV_PAGES = 20  # the last pages of the cache are kept out of estimation, for tuning
EM_ROUNDS = 3
MIN_TABLE = 2


def load_pairs(cache: Path = CACHE / "pairs", dev: bool = False) -> Counter:
    files = sorted(cache.glob("*.json"))
    files = files[-DEV_PAGES:] if dev else files[:-DEV_PAGES]
    pairs: Counter = Counter()
    for f in files:
        page = json.loads(f.read_text(encoding="utf-8"))
        for t, o in align_page(page["truth"], page["ocr"]):
            t = normalize_tone(t.lower())
            if is_syllable(t):
                pairs[(t, o.lower())] += 1
    return pairs


def estimate_chars(pairs: Counter) -> dict[str, dict[str, float]]:
    model = CharModel()
    for _ in range(EM_ROUNDS):
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


def build_channel(out: Path) -> None:
    pairs = load_pairs()
    if not pairs:
        raise SystemExit("no synthetic pairs in diacritics/.cache/pairs: run python -m diacritics.synth first")
    chars = estimate_chars(pairs)
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
    print(f"  channel: {data['pairs']} aligned word pairs, {len(chars)} characters, {len(words)} observed forms")
