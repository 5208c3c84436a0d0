"""A cheap score of how much a text layer looks like real Vietnamese.

Scanned PDFs often carry a text layer made with the wrong OCR language: it
"exists" but is garbage ("Nghi quyét Pai hoi Pang bd tinh"). Re-OCR beats
trusting it, so each page's text layer is scored before it is reused.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from unidecode import unidecode

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_VIET_MARKS = set("ăâđêôơưĂÂĐÊÔƠƯ")
# Vietnamese syllable shape: optional onset, vowel nucleus, optional coda (diacritics folded).
_SYLLABLE = re.compile(
    r"^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?"
    r"(uyê|uya|uơ|uô|uâ|uê|uy|ươ|ưa|iê|yê|ia|ua|oa|oă|oe|oo|[aăâeêioôơuưy])"  # real nuclei only
    r"(ng|nh|ch|[cmnpt]|[iyuo])?$"
)


def _has_marks(word: str) -> bool:
    if any(c in _VIET_MARKS for c in word):
        return True
    return any(unicodedata.combining(c) for c in unicodedata.normalize("NFD", word))


def _strip_tones(word: str) -> str:
    out = []
    for ch in unicodedata.normalize("NFD", word.lower()):
        if unicodedata.combining(ch) and ch not in "\u0306\u0302\u031b":  # keep breve, circumflex, horn
            continue
        out.append(ch)
    return unicodedata.normalize("NFC", "".join(out))


def is_syllable(word: str) -> bool:
    """`word` (punctuation round it aside) has the shape of one Vietnamese syllable, tones ignored."""
    core = word.strip(".,;:!?()\"'“”-")
    return bool(core) and bool(_SYLLABLE.match(_strip_tones(core)))


_BAD_GLYPHS = re.compile(r"\(cid:\d+\)|[\ufffd\ue000-\uf8ff]")


def glyph_soup_share(text: str) -> float:
    """Share of tokens that are unmapped glyphs: `(cid:12)`, U+FFFD, private-use code points."""
    tokens = max(1, len(text.split()))
    return min(1.0, len(_BAD_GLYPHS.findall(text)) / tokens)


def _traits(word: str) -> tuple[bool, bool, bool]:
    """(a syllable's shape, carries Vietnamese marks, over 9 letters unaccented) of one word."""
    return bool(_SYLLABLE.match(_strip_tones(word))), _has_marks(word), len(unidecode(word)) > 9


# The pages of a run share a few thousand syllables, so their traits are kept between pages; longer
# words (syllables run together, garbage) seldom recur and would only fill the cache.
_CACHED_WORD = 12
_cached_traits = functools.lru_cache(maxsize=1 << 12)(_traits)


def _word_traits(word: str) -> tuple[bool, bool, bool]:
    return _cached_traits(word) if len(word) <= _CACHED_WORD else _traits(word)


def text_quality(text: str) -> float:
    """Score 0..1: share of valid-syllable tokens, weighted by the share carrying diacritics.

    Good Vietnamese scores above 0.7; English-OCR'd Vietnamese scores about 0.3;
    `(cid:12)` glyph soup scores near 0, and so does text with its spaces lost
    (every "word" is then a run of syllables: too long to be one).
    """
    if not text.strip():
        return 0.0
    cid_penalty = min(1.0, glyph_soup_share(text) * 5)
    words = _WORD.findall(text)
    if not words:
        return 0.0
    traits = [_word_traits(w) for w in words]
    valid = sum(1 for t in traits if t[0])
    marked = sum(1 for t in traits if t[1])
    valid_share = valid / len(words)
    marked_share = marked / len(words)
    # Real Vietnamese prose has diacritics on ~75% of syllables; 40% is already plenty.
    score = valid_share * min(1.0, marked_share / 0.4)
    long_tokens = sum(1 for t in traits if t[2]) / len(words)
    return round(max(0.0, score * (1 - cid_penalty) * (1 - long_tokens)), 4)


GOOD_TEXT_LAYER = 0.55
