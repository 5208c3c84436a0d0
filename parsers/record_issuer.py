"""The issuer's lines: one body on two lines or a body under its superior, spaced and spelt as the
known bodies and provinces are (parsers/bodies.py, diacritics/places.py), what was mended doubted."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rapidfuzz import fuzz, process

from vnresolve.parsers import bodies, formats, places
from vnresolve.parsers.record_doubts import _caps, _doubt, _doubt_more
from vnresolve.parsers.record_language import _garbled
from vnresolve.parsers.record_places import _despecked, variant_key
from vnresolve.parsers.regions import Run
from vnresolve.parsers.text import fold
from vnresolve.schemas import FieldDoubt


# An issuer line that is a locality alone ('THÀNH PHỐ ĐÀ NẴNG') has lost the body's name above it
_UNIT = r"(?:tinh|thanh\s+pho|huyen|quan|thi\s+xa|thi\s+tran|xa|phuong)"
_LOCALITY = re.compile(rf"^\W*{_UNIT}\s")
# words opening or ending on a unit word ('thanh pho', 'xa thai nguyen', 'ninh tinh'), folded where the unit's
# letters are no other word's; 'tỉnh' and 'quận' only with their marks, since a misread name folds to them too
# ('TĨNH LONG', 'QUẢN NGÃI'); an abbreviated unit opening the words ('TP THÁI NGUYÊN', 'H. TUYÊN QUANG')
_FOLDED_UNIT = r"(?:thanh\s+pho|huyen|thi\s+xa|thi\s+tran|xa|phuong)"
_UNIT_AT_EDGE = re.compile(rf"^{_FOLDED_UNIT}(?:\s|$)|(?:^|\s){_FOLDED_UNIT}$|^(?:tp|tx|tt)\.?\s|^[hqp]\.\s?")
_MARKED_UNIT_AT_EDGE = re.compile(r"^(?:tỉnh|quận)(?:\s|$)|(?:^|\s)(?:tỉnh|quận)$")
GENERIC_BODIES = ("ỦY BAN NHÂN DÂN", "HỘI ĐỒNG NHÂN DÂN")


def _body_above(page, first: Run, h: float) -> Run | None:
    """The generic body name ('ỦY BAN NHÂN DÂN') right above an issuer's locality line, where the
    page's layout took it for margin text (a scan cropped close to the header): spelt as the name."""
    for line in page.lines:
        if line.role == "body" or not _caps(line.text):
            continue
        x0, y0, x1, y1 = line.bbox
        if not (-0.5 * h <= first.y0 - y1 <= 1.5 * h and y0 < first.y0 and x0 < first.x1 and x1 > first.x0):
            continue
        folded = fold(line.text).strip(" .:-")
        name = next((b for b in GENERIC_BODIES if fuzz.ratio(fold(b), folded) >= 85), None)
        if name is not None:
            return Run(name, x0, y0, x1, y1, line.conf, ((name, line.conf),))
    return None


def _respelt(line: str, meta) -> tuple[str, str | None]:
    """An issuer line spaced as the known bodies' names are (parsers/bodies.py); a line with a word
    no cut makes a word, the one known body whose initials are the symbol's body code, doubted."""
    # a listed place's name after its unit word is no body's words to cut or mend ('XÃ EA KUĂNG')
    place = next((start for levels, start, end in places.named_after_unit(line)
                  if _spaced_as_listed(line[start:end], levels)), len(line))
    text, why = bodies.respace(line[:place])
    # a word no known body's name holds ('BỘ TÀI GHÍNH') may be a letter misread into another syllable
    odd = why or _garbled(text) or not all(map(bodies.known_word, text.split()))
    if odd and (name := bodies.by_code(line, meta.symbol.issuer_abbr if meta.symbol else None)):
        return name, f"read '{line}'; the known body a letter or two from it whose initials are the symbol's code"
    return " ".join([text, *line[place:].split()]) if place < len(line) else text, why


def read_issuer(texts: list[str], meta) -> None:
    """The issuer and its superior from the header's body lines, top first: each spaced and spelt as
    the known bodies' names, the issuer snapped to a known name or a province's spelling, what was
    mended doubted."""
    lines, doubts = [], []
    for text in texts:
        line, why = _respelt(_mark_read_as_vowel(formats.body_name(text)), meta)
        lines.append(line)
        doubts += [(line, why)] if why else []
    meta.issuer, meta.parent_issuer = _split_issuer(lines)
    for line, why in doubts:
        if line in meta.issuer:
            _doubt(meta, "issuer", why, 0.45)
    read, meta.issuer = meta.issuer, _SPECK.sub(lambda m: m[1] if _full_word(m[1]) else m[0], meta.issuer)
    _snap_body(meta)
    _snap_issuer(meta)
    _snap_unit(meta)
    _unhyphenated_place(meta)
    _unknown_place(meta)
    _cut_short(meta)
    if meta.issuer != read and _SPECK.sub(r"\1", read) == _SPECK.sub(r"\1", meta.issuer):
        # only the specks dropped: sure enough as a known name, not as a name no list holds
        _doubt_more(meta, "issuer", f"read '{read}'; a period inside a word's line is a speck",
                    0.6 if _known_issuer(meta.issuer) else 0.45)
    elif meta.issuer != read and _SPECK.sub(r"\1", read) != read:
        _doubt(meta, "issuer", f"read '{read}'; a period inside the line taken for a speck", 0.45)


# a period glued to a word inside an issuer line ('TỈNH ỦY. QUẢNG NGÃI'); an abbreviation's ('TP.', 'H.') stays
_SPECK = re.compile(r"(?<![^\W\d_])([^\W\d_]{2,})\.(?=\s+\w)")


def _full_word(word: str) -> bool:
    """A word, not an abbreviation: a Vietnamese syllable ('TP', 'HĐND', 'CTY', 'TAND' are none)."""
    return bodies._syllable(word)


def _known_issuer(text: str) -> bool:
    """A known body's name, or one followed by a unit word and a known place of its levels ('TỈNH ỦY QUẢNG NGÃI')."""
    known = bodies.keys_of(bodies.names())
    if bodies._key(text) in known:
        return True
    for levels, start, end in places.named_after_unit(text):
        head = text[:start].split()
        body = [" ".join(head[:-k]) for k in (2, 1) if len(head) >= k and fold(" ".join(head[-k:])) in places.UNIT_WORDS]
        if body and (not body[0] or bodies._key(body[0]) in known) \
                and bodies._key(text[start:end]) in bodies.keys_of(_place_names(levels)):
            return True
    return False


def _snap_body(meta) -> None:
    """'SỬ TƯ PHÁP': an issuer that is no known body's name but one mark or one letter OCR confuses
    from exactly one is that name misread (each of its words may be a word of some other name)."""
    near, tail = bodies.near_name(meta.issuer), ""
    if near is None:
        # the body's words before a place's unit and name ('ỦY BẦN NHÂN DÂN' / 'TỈNH THÁI BÌNH')
        for head, rest in _body_before_place(meta.issuer):
            if (near := bodies.near_name(head)) is not None:
                tail = rest
                break
    if near is None:
        return
    # snapped, not only doubted: one name alone is that near, and the difference is one OCR makes
    name, read, meant = near
    _doubt_more(meta, "issuer", f"read '{meta.issuer}' ('{read}' for '{meant}'); the one known body's name a "
                                f"mark or letter from it", 0.6)
    meta.issuer = f"{name} {tail}" if tail else name


def _body_before_place(text: str) -> list[tuple[str, str]]:
    """(the words before a place's unit word, the unit word and the rest) of each place named after a unit in
    `text` ('ỦY BAN NHÂN DÂN', 'TỈNH THÁI BÌNH'), where two words or more stand before it."""
    out = []
    for _levels, start, _end in places.named_after_unit(text):
        head = text[:start].split()
        for k in (2, 1):
            if len(head) >= k + 2 and fold(" ".join(head[-k:])) in places.UNIT_WORDS:
                out.append((" ".join(head[:-k]), " ".join([*head[-k:], text[start:].strip()])))
                break
    return out


def _snap_issuer(meta) -> None:
    """'ỦY BAN NHÂN DÂN TỈNH QUẢNG NGAÀI': a province's or city's name at the end of the issuer,
    misread by a mark or a letter, takes the name's spelling; the confidence says it was snapped."""
    # a place's own name after its unit word is right as printed: 'HUYỆN PHÙ YÊN' is no 'PHÚ YÊN', 'TỈNH ỦY
    # THÁI NGUYÊN' no 'TỈNH THÁI NGUYÊN', 'THÀNH PHỐ PHÚC YÊN' no 'PHÚ YÊN'; any unit word read, since a name may
    # open on a unit's letters ('XÃ TỊNH LONG' is no 'TỈNH' 'LONG')
    for levels, start, end in places.named_after_unit(meta.issuer):
        name = meta.issuer[start:end]
        if _listed(name, levels) and not (places.PROVINCE in levels and _only_a_district(name)):
            return
    words = meta.issuer.split()
    if _snap_near_province(meta, words):
        return
    if any(len(words) > n and bodies._key(" ".join(words[-n:])) in _province_keys() for n in (2, 3)):
        return  # a province's name as printed ends the line: 'ỦY THÁI NGUYÊN' is no misread of it
    for n in (3, 2):
        if len(words) <= n:
            continue
        tail = " ".join(words[-n:])
        key = _dp(tail)
        name = _known_places().get(key)
        close = None
        # a unit word is no part of a place's likeness: 'THÀNH PHỐ' alone (its name lost) is not 'THANH HÓA',
        # nor 'NINH TỈNH' 'NINH BÌNH'; such a tail snaps only on a name's own letters ('HÀ TỈNH')
        if name is None and not _unit_at_edge(tail):
            best = max(_known_places(), key=lambda k: fuzz.ratio(k, key))
            if fuzz.ratio(best, key) >= 88:
                name, close = _known_places()[best], fuzz.ratio(best, key)
                if not _province_may_follow(words, n, best, close):
                    _doubt(meta, "issuer", f"'{tail}' is no known name of its unit word's level, {close:.0f}% like "
                                           f"the province '{name}', which that unit word does not name", 0.45)
                    return
        if name is None or fold(name) == fold(tail) and name.upper() == tail:
            continue
        fixed = name.upper() if _caps(tail) else name
        if formats.tone_placed(fixed, keep_case=True) == formats.tone_placed(tail, keep_case=True):
            return  # the name as printed, its tone marks placed by the old rule ('KHÁNH HOÀ')
        meta.issuer = " ".join([*words[:-n], fixed])
        why = (f"the place was read '{tail}'; snapped to the province '{name}'"
               + (f" ({close:.0f}% alike)" if close else " (same letters)"))
        meta.confidence["issuer"] = min(0.6 if close else 0.7, meta.confidence.get("issuer", 1.0))
        meta.uncertain.append(FieldDoubt(field="issuer", reason=why))
        return


def _snap_near_province(meta, words: list[str]) -> bool:
    """'THÀNH PHỐ HÀ HỘI', 'TỈNH CẦN TNƠ': a tail of as many words as a province's name, one mark or one
    letter OCR confuses from that province's name and from no other name of the levels its unit word
    names (all levels with none: 'HÀ HỘI' is a commune's 'HÀ HỒI' misread too), is that province, doubted.
    A short name is too near the others for the likeness of _snap_issuer to tell ('HUẾ', 'CẦN THƠ')."""
    sizes = sorted({len(name.split()) for name in _known_places().values()}, reverse=True)
    for n in sizes:
        tail = " ".join(words[-n:])
        if len(words) > n and (name := _province_keys().get(bodies._key(tail))):
            # the name as printed, or with a second tone mark on a syllable ('HÙẾ'), which the key drops
            if not _two_tones(tail):
                return False
            return _snapped_to(meta, words, n, name, "a word with two tone marks")
    for n in sizes:
        tail = " ".join(words[-n:])
        if len(words) <= n or _unit_at_edge(tail):
            continue  # a unit word is no part of a place's name ('THÀNH PHỐ' whose name was lost)
        levels = _levels_before(words, n)
        if n == 1 and len(levels) == 3:
            continue  # one word alone at the end is a place only after its unit's word
        if places.PROVINCE not in levels:
            continue
        near = bodies.near_name(tail, among=_place_names(levels))
        if near is None or bodies._key(near[0]) not in _province_keys():
            continue
        return _snapped_to(meta, words, n, _province_keys()[bodies._key(near[0])],
                           f"'{near[1]}' for '{near[2]}'; the one place's name a mark or letter from it")
    return False


def _province_may_follow(words: list[str], n: int, best: str, close: float) -> bool:
    """Whether the last `n` words, `close` % like the province's name `best` (folded), may take its spelling
    by the last unit word read before them: none or 'TỈNH' yes; after a district's or commune's unit word only
    when a unit of that level bears the name ('THỊ XÃ QUẢNG TRỊ'), never another ('HUYỆN VINH THUẬN' is no
    'BÌNH THUẬN'); 'THÀNH PHỐ' names either level, so no other district-level city's name may be as near."""
    text = " ".join(words)
    start = len(text) - len(" ".join(words[-n:]))
    before = [levels for levels, at, _end in places.named_after_unit(text) if at <= start]
    if not before or places.DISTRICT not in before[-1] and places.COMMUNE not in before[-1]:
        return True
    keys = _unit_keys(tuple(level for level in before[-1] if level != places.PROVINCE))
    if places.PROVINCE in before[-1]:
        keys = _city_keys()  # 'THÀNH PHỐ': a province or a district-level city, no other district
    rivals = process.extract(_dp(" ".join(words[-n:])), keys, scorer=fuzz.ratio, score_cutoff=close, limit=None)
    return (places.PROVINCE in before[-1] or best in keys) and all(key == best for key, _score, _i in rivals)


@lru_cache(maxsize=4)
def _unit_keys(levels: tuple[str, ...]) -> frozenset[str]:
    """The names of the units of these levels, provinces left out, folded as _dp folds."""
    return frozenset(_dp(u.name) for u in places.units(places.BEFORE_2025) + places.units(places.FROM_2025)
                     if u.level in levels)


def _only_a_district(name: str) -> bool:
    """Whether `name` is a district's that is no city's nor a province's: after 'THÀNH PHỐ' ('THÀNH PHỐ PHÙ YÊN',
    Phù Yên a 'Huyện') a misread province's name more likely than the district."""
    key = bodies._key(name)
    return (key not in _province_keys() and key not in bodies.keys_of(_city_names())
            and key in bodies.keys_of(_place_names((places.DISTRICT,))))


@lru_cache(maxsize=1)
def _city_names() -> tuple[str, ...]:
    return _Names(sorted(places.cities()))


@lru_cache(maxsize=1)
def _city_keys() -> frozenset[str]:
    """The district-level cities' names, folded as _dp folds."""
    return frozenset(_dp(name) for name in places.cities())


def _unit_at_edge(tail: str) -> bool:
    """Whether the words open or end on a unit's word, or open on its abbreviation."""
    return bool(_UNIT_AT_EDGE.search(fold(tail)) or _MARKED_UNIT_AT_EDGE.search(unicodedata.normalize("NFC", tail.lower())))


def _two_tones(text: str) -> bool:
    """Whether a word of `text` holds two tone marks ('HÙẾ'), which no syllable has and the letters' key drops
    ('QUẢNG-NGÃI' is two words)."""
    return any(sum(c in places._TONES for c in unicodedata.normalize("NFD", w)) > 1
               for w in re.findall(r"[^\W\d_]+", text))


# a unit word as printed; folded 'QUAN' is also 'QUÂN' (the army: 'QUÂN KHU 7'), which names no place
_SPELT_UNITS = {bodies._key(w) for w in ("TỈNH", "THÀNH PHỐ", "HUYỆN", "QUẬN", "THỊ XÃ", "XÃ", "PHƯỜNG", "THỊ TRẤN")}


def _cut_short(meta) -> None:
    """'BỘ KẾ HOẠCH VÀ ĐẦU': an issuer no list holds whose words open a listed body's name, its last words lost
    (cut off at the column's edge with the motto run into its line, or under a stamp): doubted as read."""
    if not meta.issuer or meta.confidence.get("issuer", 1.0) < 0.5 or _known_issuer(meta.issuer):
        return
    key = bodies._key(meta.issuer)
    longer = next((name for k, name in bodies.keys_of(bodies.names()).items() if k.startswith(key) and k != key
                   and name.startswith(meta.issuer.rstrip(" .,") + " ")), None)
    if key and longer is not None:
        _doubt(meta, "issuer", f"'{meta.issuer}' opens the listed '{longer}': its end lost?", 0.45)


def _unknown_place(meta) -> None:
    """'ỦY BAN NHÂN DÂN HUYỆN CẦN TNƠ': a known body's name, its unit word, and a name that is no known
    place of that unit's levels nor opens with one ('… TỈNH QUẢNG NGÃI KHÓA XII'): a misread name no snap
    could settle, doubted as read."""
    if meta.confidence.get("issuer", 1.0) < 1.0:
        return
    for levels, start, end in places.named_after_unit(meta.issuer):
        name, head = meta.issuer[start:end], meta.issuer[:start].split()
        unit = next((" ".join(head[-k:]) for k in (2, 1) if len(head) > k
                     and bodies._key(" ".join(head[-k:])) in _SPELT_UNITS), None)
        # the first unit word after a known body's name: 'XÃ PHƯỜNG ĐÚC' is a commune's name
        if unit is not None and bodies._key(" ".join(head[: -len(unit.split())])) in bodies.keys_of(bodies.names()):
            break
    else:
        return
    words = name.split()
    if re.search(r"\d", name) or re.fullmatch(r"(?=.)X{0,2}(?:IX|IV|V?I{0,3})", name) or fold(words[0]) in ("uy", "khoa") \
            or fold(name) == "doan":
        return  # 'PHƯỜNG 5', 'PHƯỜNG II' (the names' keys hold letters only); a committee, a term, the Youth
        # Union: 'TỈNH ỦY', 'TỈNH KHÓA XV', 'HUYỆN ĐOÀN'
    # the Youth Union's or an island district's word before the name: 'TỈNH ĐOÀN QUẢNG NGÃI', 'HUYỆN ĐẢO LÝ SƠN'
    names = [words, words[1:]] if fold(words[0]) in ("doan", "dao") else [words]
    if any(_listed(" ".join(ws), levels) for ws in names):
        return
    # one mark or one letter OCR confuses from a listed name of the level: that name misread more likely than
    # a unit no list holds, but an older unit may be as near, so it is doubted, and snapped only where one
    # name alone is a letter from it; far from all, an older unit, or a listed one and words after it
    # ('QUẢNG NGÃI KHÓA XII'), unless the whole is a listed name misread ('VINH YÊN' for 'VĨNH YÊN')
    for ws in (ws for ws in names if ws):
        read = " ".join(ws)
        near, rivals = bodies.near_and_confused(read, _level_names(levels))
        if near and places.COMMUNE not in levels and _marks_alone(read, near[0], levels) \
                and not _above_elsewhere(meta.parent_issuer, near[0], levels):
            return  # its marks alone misread: record_places spells it as the list does (same letters)
        if near and places.COMMUNE not in levels:
            fixed = near[0].upper() if _caps(read) else near[0]
            meta.issuer = meta.issuer[:start] + meta.issuer[start:end].replace(read, fixed, 1) + meta.issuer[end:]
            _doubt(meta, "issuer", f"'{name}' after '{unit}' is no listed place's name; '{near[1]}' for "
                                   f"'{near[2]}' from the one listed name '{near[0]}' (misread, or an older unit)", 0.45)
            return
        # a commune is kept as read: one listed commune a letter from a name is often another province's,
        # the name an older commune merged away ('THẠCH ĐỈNH' of Hà Tĩnh, 'Thạch Định' of Thanh Hóa);
        # record_places mends it only among the units of the body above
        if rivals:
            _doubt(meta, "issuer", f"'{name}' after '{unit}' is no listed place's name; a mark or letter from "
                                   f"{' and '.join(repr(r) for r in rivals)} (misread, or an older unit)", 0.45)
            return
    if any(_listed(" ".join(ws[:k]), levels) for ws in names for k in range(1, len(ws))):
        return
    _doubt(meta, "issuer", f"'{name}' after '{unit}' is a place's name no list of 2019-2025 holds "
                           f"(an older or renamed unit, or misread)", 0.6)


def _marks_alone(read: str, name: str, levels: tuple[str, ...]) -> bool:
    """Whether `read` has the letters of `name` (its marks alone differ), and `name` is the one spelling of the
    units of these levels with them."""
    units = (*places.named(levels, read, places.BEFORE_2025), *places.named(levels, read, places.FROM_2025))
    return places.key(read) == places.key(name) and len({places.spelling(u.name) for u in units}) == 1


def _above_elsewhere(parent: str | None, name: str, levels: tuple[str, ...]) -> bool:
    """Whether the body above (its line `parent`) names units none of whose own units of these levels is `name`."""
    for above_levels, a, b in places.named_after_unit(parent or ""):
        if above := places.named(above_levels, parent[a:b], None):
            inside = places.within(levels, above)
            return bool(inside) and all(places.key(u.name) != places.key(name) for u in inside)
    return False


def _listed(name: str, levels: tuple[str, ...]) -> bool:
    """Whether `name` is a listed place's of these levels as printed, its tone marks placed by either rule, or
    in a spelling variant ('QUI NHƠN', 'BẮC CẠN'); a word with two tone marks ('HÙẾ') is none."""
    return not _two_tones(name) and (bodies._key(name) in bodies.keys_of(_place_names(levels))
                                     or variant_key(name) in _variant_keys(levels))


def _spaced_as_listed(name: str, levels: tuple[str, ...]) -> bool:
    """Whether `name` is a listed place's of these levels as printed, words spaced as the list's ('QUỲNHLƯU' is not)."""
    listed = bodies.keys_of(_place_names(levels)).get(bodies._key(name))
    return listed is not None and not _two_tones(name) and len(listed.split()) == len(name.split())


@lru_cache(maxsize=8)
def _variant_keys(levels: tuple[str, ...]) -> frozenset[str]:
    return frozenset(variant_key(name) for name in _place_names(levels))


def _levels_before(words: list[str], n: int) -> tuple[str, ...]:
    """The levels the unit word before the last `n` words names ('HUYỆN': districts); all with none."""
    for k in (2, 1):
        if len(words) >= n + k and (unit := fold(" ".join(words[-n - k: -n]))) in places.UNIT_WORDS:
            return places.UNIT_WORDS[unit]
    return (places.PROVINCE, places.DISTRICT, places.COMMUNE)


def _snapped_to(meta, words: list[str], n: int, name: str, how: str) -> bool:
    tail = " ".join(words[-n:])
    fixed = name.upper() if _caps(tail) else name
    meta.issuer = " ".join([*words[:-n], fixed])
    _doubt_more(meta, "issuer", f"the place was read '{tail}' ({how}); snapped to the province '{name}'", 0.6)
    return True


@lru_cache(maxsize=1)
def _province_keys() -> dict[str, str]:
    """Letters' key (bodies._key: marks kept) -> name, of each province and centrally-run city."""
    return {bodies._key(name): name for name in _known_places().values()}


class _Names(tuple):
    """Names hashed once: bodies' caches keyed on a list of ~8,000 names would hash it again on each call."""

    def __hash__(self) -> int:
        if "hash" not in self.__dict__:
            self.__dict__["hash"] = tuple.__hash__(self)
        return self.__dict__["hash"]


@lru_cache(maxsize=8)
def _place_names(levels: tuple[str, ...]) -> tuple[str, ...]:
    """The names of the units of these levels, in both lists, and the provinces'."""
    return _Names(sorted({*(u.name for u in places.units(places.BEFORE_2025) + places.units(places.FROM_2025)
                           if u.level in levels), *_known_places().values()}))


@lru_cache(maxsize=8)
def _level_names(levels: tuple[str, ...]) -> tuple[str, ...]:
    """The names of the units of these levels alone, in both lists: after 'HUYỆN' a province's name is no
    district's a misread stands for."""
    return _Names(sorted({u.name for u in places.units(places.BEFORE_2025) + places.units(places.FROM_2025)
                          if u.level in levels}))


def _mark_read_as_vowel(text: str) -> str:
    """'SỞ GIÁAO DỤC': no Vietnamese syllable holds two a, e or i in a row, so a plain vowel beside
    the same vowel with a mark is the mark read as a letter of its own; 'XIII' (no mark) stays."""
    def plain(c: str) -> bool:
        return c in (fold(c), fold(c).upper())

    out = list(text)
    for i in range(len(out) - 1, 0, -1):
        a, b = out[i - 1], out[i]
        if fold(a) == fold(b) and fold(a) in "aei" and plain(a) != plain(b):
            del out[i if plain(b) else i - 1]
    return "".join(out)


def _snap_unit(meta) -> None:
    """'… TĨNH QUẢNG NGÃI': the unit word before a province's name ('TỈNH', 'THÀNH PHỐ') with the
    right letters but a misread tone takes the unit's spelling."""
    words = meta.issuer.split()
    by_fold = _province_units_by_fold()
    for _i, unit, name in sorted(u for n in {len(k.split()) for k in by_fold} for u in by_fold.get(fold(" ".join(words[-n:])), ())):
        n, k = len(name.split()), len(unit.split())
        if len(words) <= n + k or fold(" ".join(words[-n:])) != fold(name):
            continue
        read = " ".join(words[-n - k: -n])
        fixed = unit.upper() if _caps(read) else unit
        if fold(read) == fold(unit) and read != fixed and read.lower() != unit:
            meta.issuer = " ".join([*words[: -n - k], fixed, *words[-n:]])
            _doubt(meta, "issuer", f"the unit was read '{read}'; spelt '{fixed}' (same letters)", 0.7)
        return


def _unhyphenated_place(meta) -> None:
    """'TỈNH QUẢNG-NGÃI', 'HÀ.TĨNH', 'TỈNH-SƠN LA': no province's name joins its words with a sign, nor
    a unit word its name, so one read between them is a speck; the words are spaced, doubted."""
    for word in meta.issuer.split():
        spaced = _despecked(word, keep="")  # no province's name holds an apostrophe either
        if spaced != word and (_dp(spaced) in _known_places() or fold(spaced.split()[0]) in places.UNIT_WORDS):
            meta.issuer = meta.issuer.replace(word, spaced)
            _doubt(meta, "issuer", f"'{word}' read with a sign no place's name has", 0.45)


@lru_cache(maxsize=1)
def _province_units_by_fold() -> dict[str, tuple[tuple[int, str, str], ...]]:
    """Folded name -> (place in the list, unit word, name) of the provinces so named: a line looks up its tails."""
    out: dict[str, list[tuple[int, str, str]]] = {}
    for i, (unit, name) in enumerate(_province_units()):
        out.setdefault(fold(name), []).append((i, unit, name))
    return {key: tuple(v) for key, v in out.items()}


@lru_cache(maxsize=1)
def _province_units() -> tuple[tuple[str, str], ...]:
    from vnresolve.diacritics.places import provinces

    return tuple((unit, name) for unit, name in provinces())


def _dp(text: str) -> str:
    """Folded with 'Đ' misreads (p, dp, bp) collapsed to d, for comparing OCR'd names."""
    return re.sub(r"(?<![a-z])(?:dp|bp|p)(?=[^h])", "d", fold(text))


@lru_cache(maxsize=1)
def _known_places() -> dict[str, str]:
    """Folded name (by _dp: a Đ misread as P folds like D) -> name, for each province and
    centrally-run city: the list the restoration model is built from (diacritics/places.py, which
    reads data files only; no call into the restoration stage)."""
    from vnresolve.diacritics.places import provinces

    return {_dp(name): name for _unit, name in provinces()}


def _split_issuer(lines: list[str]) -> tuple[str, str | None]:
    """'ỦY BAN NHÂN DÂN' / 'TỈNH QUẢNG NGÃI' is one body on two lines; 'UBND TỈNH QUẢNG NGÃI' /
    'BAN CHỈ ĐẠO 138' is a body under its superior. The lines are joined into bodies (_goes_on), the
    last is the issuer, the one before it its superior."""
    out: list[str] = []
    for line in lines:
        if out and _goes_on(out[-1], line):
            out[-1] = f"{out[-1].rstrip()} {line.strip()}"
        else:
            out.append(line)
    return out[-1], (out[-2] if len(out) > 1 else None)


# no body's name opens on 'VÀ': a (folded) line that does goes on with the name above it
AND_LINE = re.compile(r"\W*va\s")
_GENERIC_NAMES = re.compile(rf"^(?:uy ban nhan dan|hoi dong nhan dan|ban chap hanh)(?:\s+{_UNIT})?$")


# a body's generic head word printed alone over the rest of its name ('HỘI ĐỒNG' / 'THI ĐUA - KHEN THƯỞNG'): no
# body of itself, so never a superior
_GENERIC_HEAD = re.compile(r"^(?:hoi dong|uy ban|ban|ban chi dao|to cong tac|doan)$")
# a line opening on a body's own head word is a body of its own ('PHÒNG Y TẾ'; 'PHÒNG, CHỐNG …' is a task)
_OWN_HEAD = re.compile(r"^(?:bo|so|cuc|tong cuc|chi cuc|vu|vien|ban|uy ban|ubnd|hdnd|hoi dong|hoi|van phong|truong"
                       r"|trung tam|cong an|cong ty|tong cong ty|dang uy|dang bo|chi bo|tinh uy|huyen uy|thanh uy"
                       r"|doan|tinh doan|thanh doan|lien doan|cong doan|mat tran|toa an|kho bac|ngan hang|bao hiem"
                       r"|thanh tra|phong(?!\W+chong))(?:\W|$)")


def _goes_on(above: str, line: str) -> bool:
    """Whether `line` goes on with the name `above` it: no body's name opens on 'VÀ' ('BỘ NÔNG NGHIỆP' /
    'VÀ PHÁT TRIỂN NÔNG THÔN'); a generic name alone, or with its unit, is followed by its place
    ('ỦY BAN NHÂN DÂN TỈNH' / 'QUẢNG NGÃI'); a generic head word alone by the rest of its name where that opens
    on no head word of its own ('HỘI ĐỒNG' / 'THI ĐUA - KHEN THƯỞNG', 'BAN CHỈ ĐẠO' / 'PHÒNG, CHỐNG THIÊN TAI');
    a line that opens no known body's name but completes one ('BỘ NÔNG NGHIỆP VÀ PHÁT' / 'TRIỂN NÔNG THÔN')."""
    a, b = " ".join(fold(above).split()), " ".join(fold(line).split())
    if AND_LINE.match(b) or _GENERIC_NAMES.match(a):
        return True
    # a unit word and a listed place's name alone name no body: the end of the name above ('HỘI ĐỒNG THI ĐUA - KHEN
    # THƯỞNG' / 'TỈNH QUẢNG NAM'), unless that names its place already ('TỈNH ỦY QUẢNG NAM' / 'HUYỆN ĐẠI LỘC')
    if place_alone(line) and not _names_a_place(above):
        return True
    # the name above ends on its unit word or on 'VÀ': the place's name or the rest is under it ('ĐOÀN ĐBQH TỈNH' /
    # 'QUẢNG NAM', 'PHÒNG CHỐNG THIÊN TAI VÀ' / 'TÌM KIẾM CỨU NẠN')
    if ((levels := _unit_at_end(a)) and _listed(line.strip(" .,;:-"), levels)) or (a.endswith(" va") and "và" in above.lower()):
        return True
    starts, whole = _body_starts()
    # under a generic head alone, a head word of its own ends the name unless the two open a listed one ('ỦY BAN' /
    # 'MẶT TRẬN TỔ QUỐC VIỆT NAM TỈNH'); a type's name printed under it ('HƯỚNG DẪN') is the type, not the name's end
    opens_listed = any(f"{a} {b} ".startswith(f"{n} ") for n in whole if len(n) > len(a))
    if _GENERIC_HEAD.match(a) and (opens_listed or not (_OWN_HEAD.match(b) or formats.type_of_line(b, loose=False))):
        return True
    # a line opening a listed body's name goes on with the one above where the two make a listed name and the
    # one above is none ('ỦY BAN THƯỜNG VỤ' / 'QUỐC HỘI')
    return (b.split(" ", 1)[0] not in starts or a not in whole) and f"{a} {b}" in whole


# an abbreviated unit word opening a line ('TP. ĐÀ NẴNG', 'TX HƯƠNG THỦY'), folded
_ABBR_UNIT = re.compile(r"^\W*(tp|tx)\s*\.?\s*(?=\w)")
_ABBR_LEVELS = {"tp": (places.PROVINCE, places.DISTRICT), "tx": (places.DISTRICT,)}


def place_alone(line: str) -> bool | None:
    """Whether `line` is a unit word and a place's name and nothing more ('TỈNH QUẢNG NAM', 'TP. ĐÀ NẴNG'): True where
    the name is a listed place's of the unit's levels, False where it is no listed one, None for any other line (a
    body's, a Party committee's 'TỈNH ỦY QUẢNG NAM', the Youth Union's 'HUYỆN ĐOÀN …' are none of a place's)."""
    folded = fold(line)
    if bodies._key(line.strip(" .,;:-")) in _province_keys():
        return True  # a province's name alone ('QUẢNG NAM')
    if m := _ABBR_UNIT.match(folded):
        levels, name = _ABBR_LEVELS[m[1]], line[m.end():].strip(" .,;:-")
    else:
        found = places.named_after_unit(line)
        if not found:
            return None
        levels, start, end = found[0]
        unit = " ".join(folded[:start].split())
        if unit not in places.UNIT_WORDS or unit.endswith(" uy"):
            return None
        name = line[start:end]
    if not name or fold(name.split()[0]) in ("uy", "doan", "doi"):
        return None
    return _listed(name, levels)


def _unit_at_end(folded: str) -> tuple[str, ...] | None:
    """The levels the unit word ending a (folded) line names ('… TỈNH', '… TỈNH ỦY'), None where none ends it."""
    words = folded.split()
    return next((places.UNIT_WORDS[u] for k in (2, 1) if len(words) > k
                 and (u := " ".join(words[-k:])) in places.UNIT_WORDS), None)


def _names_a_place(text: str) -> bool:
    """Whether a body's line names its place already: a unit word and a listed place's name after it."""
    return any(_listed(text[start:end], levels) for levels, start, end in places.named_after_unit(text))


@lru_cache(maxsize=1)
def _body_starts() -> tuple[frozenset[str], frozenset[str]]:
    """The first words of the listed bodies' names (data/bodies.txt, data/agencies.json) and their whole
    names, folded, a template's place left out."""
    names = [" ".join(fold(bodies._TEMPLATE.sub("", n)).split()) for n in bodies.listed()]
    names = [n for n in names if n]
    return frozenset(n.split(" ", 1)[0] for n in names), frozenset(names)
