"""Vietnam's provinces, districts and communes as the General Statistics Office listed them before
the July 2025 reform (the `vietnam-provinces` 0.6.0 data): per level, folded name -> units, and each
unit's district and province, so that a commune is looked for among its district's first."""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from vnresolve.parsers.text import fold

PROVINCE, DISTRICT, COMMUNE = "province", "district", "commune"

# The unit words of the GSO names, longest first so that 'Thị xã' is not read as 'Xã'
_PREFIXES = (("thành phố", (PROVINCE, DISTRICT)), ("thị trấn", (COMMUNE,)), ("thị xã", (DISTRICT,)),
             ("tỉnh", (PROVINCE,)), ("huyện", (DISTRICT,)), ("quận", (DISTRICT,)), ("phường", (COMMUNE,)),
             ("xã", (COMMUNE,)))

# A unit word before a name as issuers print it, folded; a Party committee names its level by the
# unit's word and 'ủy' ('HUYỆN ỦY DIÊN KHÁNH', 'THỊ ỦY' of a thị xã, 'THÀNH ỦY' of a city)
UNIT_WORDS = {"tinh": (PROVINCE,), "thanh pho": (PROVINCE, DISTRICT), "huyen": (DISTRICT,), "quan": (DISTRICT,),
              "thi xa": (DISTRICT,), "xa": (COMMUNE,), "phuong": (COMMUNE,), "thi tran": (COMMUNE,),
              "tinh uy": (PROVINCE,), "thanh uy": (PROVINCE, DISTRICT), "huyen uy": (DISTRICT,),
              "quan uy": (DISTRICT,), "thi uy": (DISTRICT,)}

_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}  # huyền, sắc, ngã, hỏi, nặng


@dataclass(frozen=True)
class Unit:
    name: str  # without its unit word: 'Diên Thạnh'
    level: str
    district: str | None  # the GSO code of the district it lies in (a commune's)
    province: str | None  # the code of its province (a district's or commune's)
    code: str


def key(text: str) -> str:
    """A name as compared for its letters: folded, one space between words."""
    return " ".join(fold(text).split())


def spelling(text: str) -> tuple[str, tuple[str, ...]]:
    """A name's spelling with the tone mark's place left out: 'Khánh Hoà' and 'Khánh Hòa' are one
    spelling (old and new placement), 'Diên Thanh' and 'Diên Thạnh' two."""
    out = []
    for word in text.lower().split():
        nfd = unicodedata.normalize("NFD", word)
        base = unicodedata.normalize("NFC", "".join(c for c in nfd if c not in _TONES))
        out.append((base, "".join(sorted(c for c in nfd if c in _TONES))))
    return " ".join(b for b, _ in out), tuple(t for _, t in out)


def _split_unit(full: str) -> tuple[str, tuple[str, ...]]:
    low = full.lower()
    for prefix, levels in _PREFIXES:
        if low.startswith(prefix + " "):
            return full[len(prefix) + 1:], levels
    raise ValueError(f"vietnam-provinces: no unit word in {full!r}")


@lru_cache(maxsize=1)
def units() -> tuple[Unit, ...]:
    """Every province, district and commune of the list (63, 696, 10,051)."""
    try:
        from vietnam_provinces import NESTED_DIVISIONS_JSON_PATH
    except ModuleNotFoundError as e:  # an environment set up before the dependency was added
        raise ModuleNotFoundError("parsers/places.py needs vietnam-provinces==0.6.0 (pyproject.toml's "
                                  "dependencies): pip install 'vietnam-provinces==0.6.0'") from e
    data = json.loads(NESTED_DIVISIONS_JSON_PATH.read_text(encoding="utf-8"))
    out = []
    for p in data:
        pcode = f"p{p['code']}"
        out.append(Unit(_split_unit(p["name"])[0], PROVINCE, None, None, pcode))
        for d in p["districts"]:
            dcode = f"d{d['code']}"
            out.append(Unit(_split_unit(d["name"])[0], DISTRICT, None, pcode, dcode))
            out += [Unit(_split_unit(w["name"])[0], COMMUNE, dcode, pcode, f"c{w['code']}") for w in d["wards"]]
    return tuple(out)


@lru_cache(maxsize=1)
def _by_key() -> dict[tuple[str, str], tuple[Unit, ...]]:
    index: dict[tuple[str, str], list[Unit]] = {}
    for unit in units():
        index.setdefault((unit.level, key(unit.name)), []).append(unit)
    return {k: tuple(v) for k, v in index.items()}


@lru_cache(maxsize=1)
def _children() -> dict[str, tuple[Unit, ...]]:
    """Code of a province or district -> the districts and communes in it."""
    out: dict[str, list[Unit]] = {}
    for unit in units():
        for above in (unit.district, unit.province):
            if above is not None:
                out.setdefault(above, []).append(unit)
    return {k: tuple(v) for k, v in out.items()}


def prepare() -> None:
    """Load the list and build its indexes now (~50 ms), not in the first document's header: the
    pipeline calls this while the pages OCR."""
    _by_key()
    _children()
    _by_code()


def named(levels: tuple[str, ...], text: str) -> tuple[Unit, ...]:
    """The units of these levels nationwide whose name has the letters of `text`."""
    k = key(text)
    return tuple(u for level in levels for u in _by_key().get((level, k), ()))


def within(levels: tuple[str, ...], above: tuple[Unit, ...]) -> tuple[Unit, ...]:
    """The units of these levels inside any of the units `above` (a district's communes)."""
    seen = {u.code: u for a in above for u in _children().get(a.code, ()) if u.level in levels}
    return tuple(seen.values())


@lru_cache(maxsize=1)
def _by_code() -> dict[str, Unit]:
    return {u.code: u for u in units()}


def parents(unit: Unit) -> tuple[Unit, ...]:
    """The district and province a unit lies in."""
    return tuple(_by_code()[c] for c in (unit.district, unit.province) if c)


def named_after_unit(text: str) -> list[tuple[tuple[str, ...], int, int]]:
    """Each unit word of a line followed by a name ('ĐẢNG ỦY XÃ DIÊN THẠNH': 'XÃ'), first to last:
    (levels the word names, start and end of the name in `text`: the rest of the line, signs after it
    left out). A body's own name may hold a unit word ('QUÂN SỰ HUYỆN …'): the caller tries each."""
    folded = fold(text)
    out = []
    for m in _UNIT_WORD.finditer(folded):
        end = len(folded.rstrip(" .,;:-"))
        if end > m.end():
            out.append((UNIT_WORDS[" ".join(m.group("word").split())], m.end(), end))
    return out


_UNIT_WORD = re.compile(r"(?:^|(?<=\s))(?P<word>%s)\s+(?=\w)" % "|".join(
    sorted((w.replace(" ", r"\s+") for w in UNIT_WORDS), key=len, reverse=True)))
