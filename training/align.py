"""Pair the words of a clean text with the words Tesseract made of it.

OCR keeps line structure (psm 6), so lines are matched first and words inside a line are aligned
by an edit distance whose substitution cost is the dissimilarity of the accent-free letters.
"""

from __future__ import annotations

from rapidfuzz.distance import Levenshtein

from vnresolve.diacritics.tokens import words
from vnresolve.diacritics.vntext import strip_accents


def _line_words(text: str) -> list[list[str]]:
    return [[w.text for w in words(line)] for line in text.split("\n") if line.strip()]


def _sim(a: str, b: str) -> float:
    a, b = strip_accents(a.lower()), strip_accents(b.lower())
    return 1.0 - Levenshtein.normalized_distance(a, b)


def align_words(truth: list[str], obs: list[str]) -> list[tuple[str, str]]:
    """1:1 word pairs of a line (gaps dropped); dissimilar pairs are dropped as misalignments."""
    if len(truth) == len(obs):
        pairs = list(zip(truth, obs))
    else:
        n, m = len(truth), len(obs)
        cost = [[0.0] * (m + 1) for _ in range(n + 1)]
        back = [[0] * (m + 1) for _ in range(n + 1)]
        for i in range(1, n + 1):
            cost[i][0], back[i][0] = i * 0.8, 1
        for j in range(1, m + 1):
            cost[0][j], back[0][j] = j * 0.8, 2
        for i in range(1, n + 1):
            for j in range(1, m + 1):
                best, arg = cost[i - 1][j - 1] + (1 - _sim(truth[i - 1], obs[j - 1])) * 1.5, 0
                if cost[i - 1][j] + 0.8 < best:
                    best, arg = cost[i - 1][j] + 0.8, 1
                if cost[i][j - 1] + 0.8 < best:
                    best, arg = cost[i][j - 1] + 0.8, 2
                cost[i][j], back[i][j] = best, arg
        pairs, i, j = [], n, m
        while i > 0 or j > 0:
            arg = back[i][j]
            if arg == 0:
                pairs.append((truth[i - 1], obs[j - 1]))
                i, j = i - 1, j - 1
            elif arg == 1:
                i -= 1
            else:
                j -= 1
        pairs.reverse()
    return [(t, o) for t, o in pairs if _sim(t, o) >= 0.34 or len(t) <= 2]


def align_page(truth: str, ocr: str) -> list[tuple[str, str]]:
    t_lines, o_lines = _line_words(truth), _line_words(ocr)
    if len(t_lines) == len(o_lines):
        out = []
        for t, o in zip(t_lines, o_lines):
            out.extend(align_words(t, o))
        return out
    flat_t = [w for line in t_lines for w in line]
    flat_o = [w for line in o_lines for w in line]
    out = []
    for op in Levenshtein.opcodes([strip_accents(w.lower()) for w in flat_t], [strip_accents(w.lower()) for w in flat_o]):
        if op.tag == "equal" or (op.tag == "replace" and op.src_end - op.src_start == op.dest_end - op.dest_start):
            out.extend(zip(flat_t[op.src_start:op.src_end], flat_o[op.dest_start:op.dest_end]))
        elif op.tag == "replace" and max(op.src_end - op.src_start, op.dest_end - op.dest_start) <= 12:
            out.extend(align_words(flat_t[op.src_start:op.src_end], flat_o[op.dest_start:op.dest_end]))
    return out
