"""Vietnam's administrative units in two lists: the General Statistics Office's three levels as they
stood before the July 2025 reform (the `vietnam-provinces` 0.6.0 data: provinces, districts, communes)
and the two levels from 1 July 2025 (the `vietnamadminunits` 1.0.4 data: 34 provinces and their
merged communes, wards and special zones, no districts). Per list and level, folded name -> units, and
each unit's district and province, so that a commune is looked for among its district's first."""

from __future__ import annotations

import importlib.util
import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from vnresolve.parsers.text import fold

PROVINCE, DISTRICT, COMMUNE = "province", "district", "commune"
# The two lists: units as they stood before the reform of 1 July 2025, and from it
BEFORE_2025, FROM_2025 = "before-2025-07", "from-2025-07"
REFORM_DAY = "2025-07-01"

# The unit words of the GSO names, longest first so that 'Thị xã' is not read as 'Xã'
_PREFIXES = (("thành phố", (PROVINCE, DISTRICT)), ("thị trấn", (COMMUNE,)), ("thị xã", (DISTRICT,)),
             ("đặc khu", (COMMUNE,)), ("tỉnh", (PROVINCE,)), ("huyện", (DISTRICT,)), ("quận", (DISTRICT,)),
             ("phường", (COMMUNE,)), ("xã", (COMMUNE,)))

# A unit word before a name as issuers print it, folded; a Party committee names its level by the
# unit's word and 'ủy' ('HUYỆN ỦY DIÊN KHÁNH', 'THỊ ỦY' of a thị xã, 'THÀNH ỦY' of a city); an
# 'ĐẶC KHU' (special zone, from July 2025) is a commune-level unit
UNIT_WORDS = {"tinh": (PROVINCE,), "thanh pho": (PROVINCE, DISTRICT), "huyen": (DISTRICT,), "quan": (DISTRICT,),
              "thi xa": (DISTRICT,), "xa": (COMMUNE,), "phuong": (COMMUNE,), "thi tran": (COMMUNE,),
              "dac khu": (COMMUNE,),
              "tinh uy": (PROVINCE,), "thanh uy": (PROVINCE, DISTRICT), "huyen uy": (DISTRICT,),
              "quan uy": (DISTRICT,), "thi uy": (DISTRICT,)}

_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}  # huyền, sắc, ngã, hỏi, nặng


@dataclass(frozen=True)
class Unit:
    name: str  # without its unit word: 'Diên Thạnh'
    level: str
    district: str | None  # the GSO code of the district it lies in (a commune's)
    province: str | None  # the code of its province (a district's or commune's)
    code: str  # unique across both lists: 'c26734' before the reform, '2025c26734' from it
    era: str = BEFORE_2025


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
    raise ValueError(f"places: no unit word in {full!r}")


def cities() -> frozenset[str]:
    """The district-level units printed 'Thành phố' in the list before the reform ('Phúc Yên'; not 'Phù Yên',
    a 'Huyện'), by name."""
    return _before_2025()[1]


def units(era: str = BEFORE_2025) -> tuple[Unit, ...]:
    """Every unit of one list: before the reform 63 provinces, 696 districts and 10,051 communes; from
    it 34 provinces and 3,321 communes, wards and special zones."""
    return _before_2025()[0] if era == BEFORE_2025 else _units_from_2025()


@lru_cache(maxsize=1)
def _before_2025() -> tuple[tuple[Unit, ...], frozenset[str]]:
    """The units of the list before the reform, and the names of its district-level cities, read in one pass."""
    try:
        from vietnam_provinces import NESTED_DIVISIONS_JSON_PATH
    except ModuleNotFoundError as e:  # an environment set up before the dependency was added
        raise ModuleNotFoundError("parsers/places.py needs vietnam-provinces==0.6.0 (pyproject.toml's "
                                  "dependencies): pip install 'vietnam-provinces==0.6.0'") from e
    data = json.loads(NESTED_DIVISIONS_JSON_PATH.read_text(encoding="utf-8"))
    out, cities = [], set()
    for p in data:
        pcode = f"p{p['code']}"
        out.append(Unit(_split_unit(p["name"])[0], PROVINCE, None, None, pcode))
        for d in p["districts"]:
            dcode = f"d{d['code']}"
            name = _split_unit(d["name"])[0]
            out.append(Unit(name, DISTRICT, None, pcode, dcode))
            if d["name"].lower().startswith("thành phố "):
                cities.add(name)
            out += [Unit(_split_unit(w["name"])[0], COMMUNE, dcode, pcode, f"c{w['code']}") for w in d["wards"]]
    return tuple(out), frozenset(cities)


def _from_2025_json() -> Path:
    """vietnamadminunits' packaged list, found without importing the package: its __init__ imports
    its address parser, which imports shapely and geopy (about 0.3 s) for nothing we use."""
    spec = importlib.util.find_spec("vietnamadminunits")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("parsers/places.py needs vietnamadminunits==1.0.4 (pyproject.toml's "
                                  "dependencies): pip install 'vietnamadminunits==1.0.4'")
    return Path(spec.submodule_search_locations[0]) / "data" / "parser_from_2025.json"


@lru_cache(maxsize=1)
def _units_from_2025() -> tuple[Unit, ...]:
    data = json.loads(_from_2025_json().read_text(encoding="utf-8"))
    out, communes = [], {}
    for pkey, p in data["DICT_PROVINCE"].items():
        pcode = f"2025p{p['provinceCode']}"
        out.append(Unit(_split_unit(p["province"])[0], PROVINCE, None, None, pcode, FROM_2025))
        # the wards of a province whose names differ only by their marks are kept in a second table
        for table in ("DICT_PROVINCE_WARD_NO_ACCENTED", "DICT_PROVINCE_WARD_ACCENTED"):
            for w in data[table].get(pkey, {}).values():
                communes[w["wardCode"]] = Unit(_split_unit(w["ward"])[0], COMMUNE, None, pcode,
                                               f"2025c{w['wardCode']}", FROM_2025)
    return tuple(out) + tuple(communes[c] for c in sorted(communes))


def _all() -> tuple[Unit, ...]:
    return units(BEFORE_2025) + units(FROM_2025)


@lru_cache(maxsize=1)
def _by_key() -> dict[tuple[str, str, str], tuple[Unit, ...]]:
    index: dict[tuple[str, str, str], list[Unit]] = {}
    for unit in _all():
        index.setdefault((unit.era, unit.level, key(unit.name)), []).append(unit)
    return {k: tuple(v) for k, v in index.items()}


@lru_cache(maxsize=1)
def _children() -> dict[str, tuple[Unit, ...]]:
    """Code of a province or district -> the districts and communes in it."""
    out: dict[str, list[Unit]] = {}
    for unit in _all():
        for above in (unit.district, unit.province):
            if above is not None:
                out.setdefault(above, []).append(unit)
    return {k: tuple(v) for k, v in out.items()}


def prepare() -> None:
    """Load the lists and build their indexes now (~100 ms), not in the first document's header: the
    pipeline calls this while the pages OCR."""
    _by_key()
    _children()
    _by_code()


def era_of(date: str | None, lines) -> str | None:
    """The list a header's names are looked for in: a district named in it (a unit word only a district
    has: 'HUYỆN', 'QUẬN', 'THỊ XÃ', 'HUYỆN ỦY' …) or a date before the reform is the list before it,
    a date from 1 July 2025 the list from it; None when neither is read."""
    if any(_names_a_district(line) for line in lines if line):
        return BEFORE_2025
    if date:
        return FROM_2025 if date >= REFORM_DAY else BEFORE_2025
    return None


def _names_a_district(line: str) -> bool:
    folded = fold(line)
    for levels, a, b in named_after_unit(line):
        # folded 'QUẬN' is also 'QUÂN' (the army: 'BỘ CHỈ HUY QUÂN SỰ TỈNH …'): that word counts
        # only before a district's name
        if levels == (DISTRICT,) and (not re.search(r"(?:^|\s)quan(?:\s+uy)?\s+$", folded[:a])
                                      or named((DISTRICT,), line[a:b])):
            return True
    return False


def named(levels: tuple[str, ...], text: str, era: str | None = BEFORE_2025) -> tuple[Unit, ...]:
    """The units of these levels nationwide whose name has the letters of `text`, in the list of `era`.
    From the reform the list before it is looked in where the new one has no such name (a misread
    year; a body of a province since merged); with no era (no date read) the list before the reform
    is looked in first, then the new one, which holds the merged units' new names."""
    k = key(text)
    order = {BEFORE_2025: (BEFORE_2025,), FROM_2025: (FROM_2025, BEFORE_2025)}.get(era, (BEFORE_2025, FROM_2025))
    for listed in order:
        if found := tuple(u for level in levels for u in _by_key().get((listed, level, k), ())):
            return found
    return ()


def within(levels: tuple[str, ...], above: tuple[Unit, ...]) -> tuple[Unit, ...]:
    """The units of these levels inside any of the units `above` (a district's communes)."""
    seen = {u.code: u for a in above for u in _children().get(a.code, ()) if u.level in levels}
    return tuple(seen.values())


@lru_cache(maxsize=1)
def _by_code() -> dict[str, Unit]:
    return {u.code: u for u in _all()}


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
