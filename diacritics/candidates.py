"""Score what an observed token could have been: P(observed | intended) for a short list.

The channel is a mixture chosen per document: clean text (the token is what was meant), accent
stripping (the token is the intended syllable without its marks) and English-model OCR damage
(learned character emissions blended with whole-form counts from the synthetic pairs).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from diacritics.charmodel import CharModel, score_many
from diacritics.inventory import Inventory, fold
from diacritics.vntext import strip_accents

MAX_CANDIDATES = 20  # measured on synthetic dev pages: 8 -> 0.082, 12 -> 0.075, 20 -> 0.070, 45 -> 0.069 WER
PRIOR_WEIGHT = 0.3  # unigram log-frequency weight when cutting the list to MAX_CANDIDATES
PRUNE_MARGIN = 12.0
TABLE_WEIGHT = 0.5  # share of the whole-form table in the OCR channel (the rest: character model)  # candidates whose channel score is this far below the best are not worth a beam slot


B_FOR_D_COST = -2.0  # B is a rarer misreading of Đ than P; seeds 002-004: -1 turned "Ba" (three) into "Đã"
B_FOR_D_MAX = 3


@dataclass(frozen=True)
class Mixture:
    clean: float
    strip: float
    ocr: float


class CandidateGenerator:
    def __init__(self, inventory: Inventory, chars: CharModel, words: dict[str, dict[str, float]],
                 unigram: dict[str, float]):
        self.inventory = inventory
        self.chars = chars
        self.words = words
        self.unigram = unigram  # log relative frequency, a weak prior when pruning the list
        self._cache: dict[tuple[str, Mixture], list[tuple[str, float]]] = {}
        self.pools: dict[str, list[str]] = {}  # precomputed OCR pools of frequent observed forms (train time)

    def ocr_pool(self, obs: str) -> list[str]:
        """Every syllable within the OCR search radius of obs (unpruned)."""
        pool: set[str] = set(self.words.get(obs, ()))
        for k, _d in self.inventory.keys_near(fold(obs)):
            pool.update(self.inventory.by_key[k])
        return sorted(pool)

    def best_ocr_pool(self, obs: str, size: int) -> list[str]:
        """The `size` best of ocr_pool(obs) by OCR channel and prior: what the decoder keeps of it."""
        scored = self.channel_many(obs, self.ocr_pool(obs), Mixture(0.0, 0.0, 1.0))
        scored.sort(key=lambda x: (-(x[1] + PRIOR_WEIGHT * self.unigram.get(x[0], -20.0)), x[0]))
        return [s for s, _ in scored[:size]]

    def ocr_logp(self, obs: str, syl: str) -> float:
        char = self.chars.score(syl, obs)
        table = self.words.get(obs, {}).get(syl)
        if table is None:
            return math.log(0.5) + char
        return math.log(0.5 * math.exp(char) + 0.5 * math.exp(table))

    def channel(self, obs: str, syl: str, mix: Mixture) -> float:
        p = mix.ocr * math.exp(self.ocr_logp(obs, syl))
        if obs == syl:
            p += mix.clean
        if mix.strip and obs == strip_accents(syl):
            p += mix.strip
        return math.log(p) if p > 0 else -1e9

    def channel_many(self, obs: str, syls: list[str], mix: Mixture) -> list[tuple[str, float]]:
        if not syls:
            return []
        char = score_many(self.chars, syls, obs)
        table = self.words.get(obs, {})
        p_ocr = (1 - TABLE_WEIGHT) * np.exp(char) + TABLE_WEIGHT * np.exp(np.array([table.get(s, -np.inf) for s in syls]))
        p = mix.ocr * p_ocr
        p += mix.clean * np.array([s == obs for s in syls])
        if mix.strip:
            p += mix.strip * np.array([strip_accents(s) == obs for s in syls])
        logp = np.log(np.maximum(p, 1e-300))
        return [(s, float(lp)) for s, lp in zip(syls, logp) if lp > -600]

    def _b_for_d(self, obs: str, mix: Mixture, out: list[tuple[str, float]]) -> list[tuple[str, float]]:
        """English-model OCR reads Đ as P or B ('Pang', 'cua bang' = của Đảng in seeds 002-004);
        the synthetic renders and the seed self-training only taught the channel Đ -> P, so a
        b-initial token borrows the Đ-readings of its p-initial twin, at a fixed extra cost."""
        twin = [(s, c + B_FOR_D_COST) for s, c in self.candidates("p" + obs[1:], mix) if s.startswith("đ")]
        better = dict(twin)
        have = {s for s, _ in out}  # a Đ-reading the b-token found itself keeps the better of the two scores
        return [(s, max(c, better.get(s, c))) for s, c in out] + [x for x in twin if x[0] not in have][:B_FOR_D_MAX]

    def candidates(self, obs: str, mix: Mixture) -> list[tuple[str, float]]:
        """(intended syllable, log channel probability), best first; obs itself is always included."""
        key = (obs, mix)
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        pool: set[str] = set(self.words.get(obs, ()))
        folded = fold(obs)
        if mix.ocr > 0.5:
            pre = self.pools.get(obs)
            if pre is not None:  # narrowed at train time; identity and same-key syllables added back
                pool.update(pre)
                pool.update(self.inventory.by_key.get(strip_accents(obs), ()))
            else:
                pool.update(self.ocr_pool(obs))
        else:
            pool.update(self.inventory.by_key.get(folded, ()))
            pool.update(self.inventory.by_key.get(strip_accents(obs), ()))
        scored = self.channel_many(obs, sorted(pool), mix)
        if scored:
            best = max(c for _, c in scored)
            scored = [x for x in scored if x[1] >= best - PRUNE_MARGIN]
        scored.sort(key=lambda x: (-(x[1] + PRIOR_WEIGHT * self.unigram.get(x[0], -20.0)), x[0]))
        out = scored[:MAX_CANDIDATES]
        if mix.ocr > 0.5 and obs.startswith("b") and len(obs) >= 3:  # two letters: too little evidence (Ba = ba)
            out = self._b_for_d(obs, mix, out)
        if all(s != obs for s, _ in out):
            out.append((obs, self.channel(obs, obs, mix)))
        if len(self._cache) > 200_000:
            self._cache.clear()
        self._cache[key] = out
        return out
