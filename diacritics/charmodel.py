"""Character-level channel: each intended character emits zero, one or two observed characters.

Costs are negative log-probabilities learned by hard EM on aligned (intended, observed) word
pairs; an emission never seen in training falls back to a cost that depends only on whether the
two characters share a base letter, so unseen damage is possible but expensive.
"""

from __future__ import annotations

import math

from diacritics.vntext import strip_accents

UNSEEN_SAME_BASE = 6.0
UNSEEN_OTHER = 11.0
UNSEEN_DELETE = 9.0


class CharModel:
    def __init__(self, table: dict[str, dict[str, float]] | None = None):
        self.table = table or {}
        self._cache: dict[tuple[str, str], float] = {}

    def cost(self, t: str, e: str) -> float:
        """-log P(observed chunk e | intended character t)."""
        key = (t, e)
        c = self._cache.get(key)
        if c is None:
            row = self.table.get(t)
            c = row.get(e) if row else None
            if c is None:
                c = self._unseen(t, e)
            self._cache[key] = c
        return c

    @staticmethod
    def _unseen(t: str, e: str) -> float:
        if e == "":
            return UNSEEN_DELETE
        if len(e) == 1:
            if e == t:
                return 0.5
            return UNSEEN_SAME_BASE if strip_accents(e) == strip_accents(t) else UNSEEN_OTHER
        return min(CharModel._unseen(t, e[0]), CharModel._unseen(t, e[1])) + 4.0

    def align(self, t: str, o: str) -> tuple[float, list[tuple[str, str]]]:
        """Cheapest way for intended word t to have produced observed word o, and its emissions."""
        n, m = len(t), len(o)
        inf = math.inf
        dp = [[inf] * (m + 1) for _ in range(n + 1)]
        back = [[0] * (m + 1) for _ in range(n + 1)]
        dp[0][0] = 0.0
        cost = self.cost
        for i in range(1, n + 1):
            ti = t[i - 1]
            row, prev = dp[i], dp[i - 1]
            for j in range(0, m + 1):
                best, arg = prev[j] + cost(ti, ""), 0
                if j >= 1 and prev[j - 1] < inf:
                    c = prev[j - 1] + cost(ti, o[j - 1])
                    if c < best:
                        best, arg = c, 1
                if j >= 2 and prev[j - 2] < inf:
                    c = prev[j - 2] + cost(ti, o[j - 2:j])
                    if c < best:
                        best, arg = c, 2
                row[j], back[i][j] = best, arg
        path, i, j = [], n, m
        while i > 0:
            k = back[i][j]
            path.append((t[i - 1], o[j - k:j]))
            i, j = i - 1, j - k
        path.reverse()
        if j > 0:  # observed characters left over at the start cannot be explained
            return inf, path
        return dp[n][m], path

    def score(self, t: str, o: str) -> float:
        """log P(o | t) under the best alignment (higher is better)."""
        n, m = len(t), len(o)
        if m > 2 * n:
            return -math.inf
        inf = math.inf
        cost = self.cost
        prev = [0.0] + [inf] * m
        for i in range(1, n + 1):
            ti = t[i - 1]
            row = [prev[0] + cost(ti, "")] + [inf] * m
            for j in range(1, m + 1):
                best = prev[j] + cost(ti, "")
                c = prev[j - 1] + cost(ti, o[j - 1])
                if c < best:
                    best = c
                if j >= 2:
                    c = prev[j - 2] + cost(ti, o[j - 2:j])
                    if c < best:
                        best = c
                row[j] = best
            prev = row
        return -prev[m]
