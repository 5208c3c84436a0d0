"""Vietnamese syllable spelling: one tone-placement style, accent stripping, case patterns.

Corpora mix the old (hoà, thuỷ) and new (hòa, thủy) tone placement; counting them as different
syllables would split the language model's statistics and make the output inconsistent, so every
syllable is normalised to the new style (the one current government documents use).
"""

from __future__ import annotations

import functools
import unicodedata

TONES = {"\u0300": 1, "\u0301": 2, "\u0309": 3, "\u0303": 4, "\u0323": 5}  # huyền sắc hỏi ngã nặng
TONE_MARK = {v: k for k, v in TONES.items()}
MODIFIED = set("âăêôơư")
VOWELS = set("aăâeêioôơuưy")


def split_tone(syl: str) -> tuple[str, int]:
    """'quyết' -> ('quyêt', 2): the base letters (with vowel modifiers) and the tone number."""
    tone = 0
    out = []
    for ch in unicodedata.normalize("NFD", syl):
        if ch in TONES:
            tone = TONES[ch]
        else:
            out.append(ch)
    return unicodedata.normalize("NFC", "".join(out)), tone


def _vowel_span(base: str) -> tuple[int, int]:
    low = base.lower()
    i = 0
    if low.startswith("qu") and len(low) > 2 and low[2] in VOWELS:
        i = 2
    elif low.startswith("gi") and len(low) > 2 and low[2] in VOWELS:
        i = 2
    else:
        while i < len(low) and low[i] not in VOWELS:
            i += 1
    j = i
    while j < len(low) and low[j] in VOWELS:
        j += 1
    return i, j


def tone_position(base: str) -> int | None:
    """Index of the letter that carries the tone mark, new style (hòa, thủy, hoàn, quý)."""
    i, j = _vowel_span(base)
    if i == j:
        return None
    low = base.lower()
    mods = [k for k in range(i, j) if low[k] in MODIFIED]
    if mods:
        return mods[-1]
    n = j - i
    if n == 1:
        return i
    if j < len(low):  # closed syllable: tone on the last vowel (hoàn, khuỳnh)
        return j - 1
    if n == 2:
        return i
    return i + 1  # three open vowels: the middle one (hoài, khuỷu)


@functools.lru_cache(maxsize=200_000)
def normalize_tone(syl: str) -> str:
    """Re-place the tone mark of one syllable; words that are not syllables come back unchanged."""
    base, tone = split_tone(syl)
    if tone == 0:
        return syl
    pos = tone_position(base)
    if pos is None:
        return syl
    decomposed = unicodedata.normalize("NFD", base[pos]) + TONE_MARK[tone]
    return base[:pos] + unicodedata.normalize("NFC", decomposed) + base[pos + 1:]


@functools.lru_cache(maxsize=200_000)
def strip_accents(s: str) -> str:
    """All diacritics off, đ -> d: what unidecode makes of Vietnamese, without the dependency."""
    s = s.replace("đ", "d").replace("Đ", "D")
    return "".join(ch for ch in unicodedata.normalize("NFD", s) if not unicodedata.combining(ch))


@functools.lru_cache(maxsize=200_000)
def case_pattern(token: str) -> str:
    """'upper', 'title' or 'lower'; mangled capitals like 'TiNH' or 'BPANG' count as upper.
    Cached: the lattice asks it of each word and of its neighbours, and a page repeats its words."""
    letters = [c for c in token if c.isalpha()]
    if not letters:
        return "lower"
    ups = sum(c.isupper() for c in letters)
    if len(letters) > 1 and ups >= len(letters) - 1 and ups >= 2:
        return "upper"
    if letters[0].isupper() or (token[0].isdigit() and len(letters) > 0 and letters[0].isupper()):
        return "title"
    return "lower"


def apply_case(word: str, pattern: str) -> str:
    if pattern == "upper":
        return word.upper()
    if pattern == "title":
        return word[:1].upper() + word[1:]
    return word


def _vietnamese_letters() -> frozenset[str]:
    out = set("abcdefghijklmnopqrstuvwxyzđ")
    for base in "aăâeêioôơuưy":
        for mark in ("", *TONES):
            out.add(unicodedata.normalize("NFC", unicodedata.normalize("NFD", base) + mark))
    return frozenset(out | {c.upper() for c in out})


VIETNAMESE_LETTERS = _vietnamese_letters()


def is_foreign(token: str) -> bool:
    """Has a letter Vietnamese never uses (ü, ñ, ç, Cyrillic, Greek): leave the word alone."""
    return any(c.isalpha() and c not in VIETNAMESE_LETTERS for c in token)
