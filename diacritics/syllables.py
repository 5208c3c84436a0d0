"""Which strings are possible Vietnamese syllables (onset + nucleus + coda + a legal tone).

The candidate inventory must not offer foreign words from Wikipedia ('new', 'south') as
restorations of mangled tokens, so corpus words are filtered through the phonotactics.
"""

from __future__ import annotations

import functools
import re

from vnresolve.diacritics.vntext import split_tone

_ONSET = "ngh|ng|gh|gi|kh|nh|ph|qu|th|tr|ch|[bcdđghklmnprstvx]"
_SYL = re.compile(rf"^({_ONSET})?([aăâeêioôơuưy]{{1,3}})(ch|ng|nh|[cmnptk])?$")
_NUCLEI = {
    "a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y",
    "ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia", "iê", "iu", "oa", "oă", "oe", "oi", "ôi", "ơi", "oo", "ua",
    "uâ", "uê", "ui", "uô", "uơ", "uy", "ưa", "ưi", "ươ", "ưu", "yê", "iêu", "oai", "oao", "oay", "oeo", "uây", "uôi",
    "uya", "uyê", "uyu", "ươi", "ươu", "yêu", "ưo",
}


@functools.lru_cache(maxsize=100_000)
def is_syllable(word: str) -> bool:
    base, tone = split_tone(word)
    m = _SYL.match(base)
    if not m:
        return False
    onset, nucleus, coda = m.group(1) or "", m.group(2), m.group(3) or ""
    if onset == "gi" and not nucleus:
        return False
    if nucleus not in _NUCLEI:
        # 'gi' + nucleus and 'qu' + nucleus have already consumed the glide
        return False
    if coda == "k" and nucleus != "ă":
        # '-ắk' is how the Central Highlands' place names are written (Đắk Lắk, Đắk Nông, Đắk Tô);
        # no other rime ends in k
        return False
    if coda in ("c", "ch", "p", "t", "k") and tone not in (2, 5):
        return False
    return True
