"""District and commune names in the header (the issuer, the body above it, the place of the date
line) spelt as the GSO list spells them (parsers/places.py), each change doubted.

A name is looked for among the units of the body above first ('ĐẢNG ỦY XÃ DIÊN THANH' under
'ĐẢNG BỘ HUYỆN DIÊN KHÁNH': Diên Khánh's communes), else nationwide. Only a name with the same
letters is taken nationwide: 10,000 communes leave many names a letter or two apart, so near
letters are trusted only where the body above narrows the list to one (under a province from the
reform, ~100 communes, only one letter OCR confuses away). The list is the one of the
document's time (places.era_of): the three levels before the reform of July 2025, the merged two
levels from it."""

from __future__ import annotations

import re
import unicodedata

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from vnresolve.parsers import bodies, misreads, places
from vnresolve.parsers.record_doubts import _caps, _doubt_more
from vnresolve.parsers.places import COMMUNE, DISTRICT, PROVINCE, Unit, key, spelling
from vnresolve.parsers.text import fold

ALL_LEVELS = (PROVINCE, DISTRICT, COMMUNE)
# a name's letters this alike (rapidfuzz ratio on folded names) is one of its district's few units
# misread by a letter; the province snap trusts 88 among 63 names, a district holds 10-30 communes
NEAR = 85
# From the reform the body above a commune is a province of ~100 communes, many a letter apart ('Diên
# Thanh' is one letter from Khánh Hòa's Diên Khánh): a name is mended there only where it is the one
# name of the province one letter away, and that letter one print OCR confuses (misreads.PLACE_MISREAD_PAIRS)


def _province_near(pool: tuple[Unit, ...], read: str) -> str | None:
    """The key of the one name of a province's list a letter OCR confuses away from `read`; None where
    no name, or more than one, lies one edit away."""
    close = {key(u.name) for u in pool if Levenshtein.distance(key(u.name), key(read), score_cutoff=1) <= 1}
    only = next(iter(close)) if len(close) == 1 else None
    return only if only is not None and misreads.one_letter_misread(key(read), only, misreads.PLACE_MISREAD_PAIRS) else None


def _despecked(text: str, keep: str = "'") -> str:
    """'DIÊN.KHÁNH': a sign between two letters of a name that no unit's name holds is a speck, spaced;
    the signs in `keep` are a name's own (the apostrophe of 'M'Đrắk')."""
    return re.sub(rf"(?<=\w)[^\w\s{re.escape(keep)}]++(?=\w)", " ", text)


# the consonants a Vietnamese syllable may end in: one ending in another ('ĐĂK', 'LẮK', 'PỨH') is a minority
# language's word in Vietnamese letters, its vowel's marks written several ways ('Đăk', 'Đắk', 'Đak')
_FINALS = ("", "C", "CH", "M", "N", "NG", "NH", "P", "T")
_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323", "\u0302", "\u0306", "\u031b"}


def variant_key(text: str) -> str:
    """The letters' key with the spelling variants written one way: a syllable's final 'y' after a consonant
    or 'qu' as 'i' ('QUY'/'QUI', 'KỲ'/'KÌ', 'MỸ'/'MĨ'), an opening 'k' not of 'kh' as 'c' ('KẠN'/'CẠN'), and a
    word ending in a consonant no Vietnamese syllable ends in without its vowels' marks ('ĐĂK'/'ĐẮK', 'BUK'/
    'BÚK'). OCR confuses none of these pairs, so a misread is no variant."""
    out = []
    for word in text.split():
        nfd = unicodedata.normalize("NFD", word.upper())
        final = re.search(r"[^AEIOUY]*$", fold(word).upper())[0]
        if final.isalpha() and final not in _FINALS:
            nfd = "".join(c for c in nfd if c not in _MARKS)
        base = "".join(c for c in nfd if c not in places._TONES)
        if re.fullmatch(r"(?:QU|[BCDĐGHKLMNPRSTVX]+)Y", unicodedata.normalize("NFC", base)):
            nfd = nfd[::-1].replace("Y", "I", 1)[::-1]
        if nfd.startswith("K") and not nfd.startswith("KH"):
            nfd = "C" + nfd[1:]
        out.append(unicodedata.normalize("NFC", nfd))
    return bodies._key(" ".join(out))


def listed_as_read(levels: tuple[str, ...], read: str) -> tuple[Unit, ...]:
    """The units of these levels, in either list, whose name is `read` as printed: its tone marks placed by
    either rule, or a spelling variant ('ĐĂK HÀ' for 'Đắk Hà'). Such a name is never respelt."""
    units = (*places.named(levels, read, places.BEFORE_2025), *places.named(levels, read, places.FROM_2025))
    return tuple(u for u in units if spelling(u.name) == spelling(read) or variant_key(u.name) == variant_key(read))


def _as_read(name: str, read: str) -> str:
    return name.upper() if _caps(read) else name


def _either(known: dict) -> str:
    """The spellings a name's letters allow, for a doubt's reason: "'Diên Thạnh' or 'Diễn Thành'"."""
    return " or ".join(f"'{n}'" for n in sorted(known.values()))


class _Doubted(str):
    """A reason for a name kept as read that the value is doubted for (below 0.5), not only flagged."""


UNKNOWN = "unknown"  # _resolve's reason for a name it left as read where no unit has its letters


def _resolve(levels: tuple[str, ...], read: str, context: tuple[Unit, ...],
             era: str | None) -> tuple[tuple[Unit, ...], str | None]:
    """The units `read` names and the reason it was changed or doubted ('' when neither; None when
    it names no unit). The units' spelling is taken where it is the only one the letters allow."""
    if era is None:  # no date read: a province's units as they stood before the reform and from it
        context = (*context, *(u for c in context if c.level == PROVINCE
                               for u in places.named((PROVINCE,), c.name, places.FROM_2025) if u.era == places.FROM_2025))
    pool = places.within(levels, context) if context else ()
    hits = tuple(u for u in pool if key(u.name) == key(read))
    near = None
    # a province's communes (~100 from the reform, several hundred before it) leave many names a letter
    # apart, whichever list the province is of: near letters are not trusted there as in a district's few
    strict = bool(pool) and not hits and COMMUNE in levels and any(u.level == PROVINCE for u in context)
    if strict:
        if (only := _province_near(pool, read)) is not None:
            hits, near = tuple(u for u in pool if key(u.name) == only), fuzz.ratio(only, key(read))
    elif pool and not hits:
        ratio = {key(u.name): fuzz.ratio(key(u.name), key(read)) for u in pool}
        ranked = sorted(ratio, key=lambda k: (-ratio[k], k))
        # the one name of the district's list this near: a second name as near leaves it undecided
        if ratio[ranked[0]] >= NEAR and (len(ranked) == 1 or ratio[ranked[1]] < NEAR):
            hits, near = tuple(u for u in pool if key(u.name) == ranked[0]), ratio[ranked[0]]
    nationwide = not hits
    if not hits:
        hits = places.named(levels, read, era)
    if not hits:
        # left as read under a province where no mend was sure: a name no unit of either list has is misread
        return (), UNKNOWN if strict and not places.named(levels, read, None) else None
    known = {spelling(u.name): u.name for u in hits}
    same = tuple(u for u in hits if spelling(u.name) == spelling(read) or variant_key(u.name) == variant_key(read))
    if near is None and same:
        return same, ""
    if elsewhere := listed_as_read(levels, read):
        # a listed name as printed is kept, in either list (the body above may be the misread one)
        return elsewhere, f"'{read}' is no unit of the body above it" if pool else ""
    if len(known) == 1 and COMMUNE in levels and nationwide and era != places.FROM_2025:
        # thousands of communes, older ones merged away unlisted: one elsewhere with these letters ('Thạch
        # Định' for Hà Tĩnh's former 'Thạch Đỉnh') is no more likely than an unlisted unit, but a document dated
        # from the reform is issued by a commune its list holds
        return hits, _Doubted(f"'{read}' is no listed commune's spelling; {_either(known)}, elsewhere than the body "
                              "above, has its letters; kept as read")
    if len(known) == 1:
        return hits, "snap"
    return hits, f"'{read}' is none of the places with its letters ({_either(known)}); kept as read"


def _snap_line(meta, field: str, context: tuple[Unit, ...], era: str | None) -> tuple[Unit, ...]:
    """The unit word and name of an issuer line snapped; the units it names (the context of the
    line below it), or () where it names none."""
    text = getattr(meta, field)
    unknown = None
    for levels, a, b in places.named_after_unit(text):
        read, spaced = text[a:b], _despecked(text[a:b])
        units, why = _resolve(levels, spaced, context, era) if spaced != read and not places.named(levels, read, era) \
            else ((), None)
        if why not in (None, UNKNOWN):
            # the respaced name is a unit's: written, and the line's offsets are those of the new text from here
            # on, so it is the last unit looked at
            setattr(meta, field, text[:a] + spaced + text[b:])
            _doubt_more(meta, field, f"'{read}' read with a sign no place's name has", 0.45)
            _apply(meta, field, spaced, a, a + len(spaced), units, why)
            return units
        units, why = _resolve(levels, read, context, era)
        if why is None:
            continue
        if why == UNKNOWN:
            unknown = unknown or read
            continue
        _apply(meta, field, read, a, b, units, why)
        return units
    if unknown:
        _doubt_more(meta, field, f"'{unknown}' is no unit's name in the lists, nor a letter OCR confuses from one "
                                 "under the province above: misread?", 0.45)
    return ()


def _unmarked(text: str) -> bool:
    """A line with no Vietnamese mark at all was read without them (the English model, unrestored):
    marks put into one name of it would leave the rest as read, so it is kept whole."""
    return fold(text) == text.lower()


def _apply(meta, field: str, read: str, a: int, b: int, units: tuple[Unit, ...], why: str) -> None:
    text = getattr(meta, field)
    if _unmarked(text):
        return
    if why == "snap":
        name = units[0].name
        fixed = _as_read(name, read)
        if fixed == read:
            return
        setattr(meta, field, text[:a] + fixed + text[b:])
        same = key(name) == key(read)
        # one spelling with these letters (or the one name this near in the district) is the place misread
        _doubt_more(meta, field, f"the place was read '{read}'; spelt '{name}' as the GSO list does"
                    + (" (same letters)" if same else " (the one name this near under the body above)"),
                    0.7 if same else 0.6)
    elif why:
        _doubt_more(meta, field, why, 0.45 if isinstance(why, _Doubted) else 0.5)


def _snap_place(meta, context: tuple[Unit, ...], era: str | None) -> None:
    """The date line's place ('Diên Thanh, ngày …'), a unit's name without its word: looked for
    among the header's units and the units above them, else nationwide by its letters."""
    read = meta.place
    if _unmarked(read):
        return
    nearby = {u.code: u for c in context for u in (c, *places.parents(c))}
    hits = tuple(u for u in nearby.values() if key(u.name) == key(read))
    local = bool(hits)
    if not hits:
        hits = places.named(ALL_LEVELS, read, era)
    if not hits and (spaced := _despecked(read)) != read and places.named(ALL_LEVELS, spaced, era):
        _doubt_more(meta, "place", f"'{read}' read with a sign no place's name has", 0.45)
        meta.place = read = spaced
        hits = places.named(ALL_LEVELS, read, era)
    known = {spelling(u.name): u.name for u in hits}
    if not known or spelling(read) in known:
        return
    if any(spelling(u.name) == spelling(read) for u in places.named(ALL_LEVELS, read, era)):
        # a right spelling of a place elsewhere is kept; where the header's own units spell these
        # letters otherwise ('Đông Xuân' under 'HUYỆN ĐỒNG XUÂN') one of the two is misread
        if local:
            _doubt_more(meta, "place", f"'{read}' is no unit of the header's, which spell it {_either(known)}; "
                        "kept as read", 0.5)
        return
    if len(known) == 1:
        name = next(iter(known.values()))
        meta.place = _as_read(name, read)
        _doubt_more(meta, "place", f"the place was read '{read}'; spelt '{name}' as the GSO list does "
                    "(same letters)", 0.7)
    else:
        _doubt_more(meta, "place", f"'{read}' is none of the places with its letters ({_either(known)}); kept as read",
                    0.5)


def snap_places(meta) -> None:
    """The body above first, then the issuer among the units it names, then the place among both."""
    era = places.era_of(meta.date, (meta.parent_issuer, meta.issuer))
    context: tuple[Unit, ...] = ()
    for field in ("parent_issuer", "issuer"):
        if getattr(meta, field):
            context = _snap_line(meta, field, context, era) or context
    if meta.place:
        _snap_place(meta, context, era)
