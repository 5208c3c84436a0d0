"""Agency gazetteer: canonical names, aliases and kinds from `data/agencies.json`.

Names are compared on folded text (accents and case dropped), so 'UBND tỉnh',
'Ủy ban nhân dân tỉnh' and OCR's 'Uy ban nhan dan tinh' meet; what the folded
forms still miss, rapidfuzz catches ('Sở Nông nghiệp và Mội trường').
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from rapidfuzz import fuzz, process

from vnresolve.parsers.text import fold, tolerant

FUZZY_MIN = 88


@dataclass(frozen=True)
class Entry:
    name: str
    kind: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    entry: Entry | None
    name: str
    raw: str


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9&]+", " ", fold(text)).strip()


# Agencies an archive's reviewers named (review/lexicon.py), known besides the shipped ones.
_lexicon: tuple[str, ...] = ()


def lexicon_agencies(path: str) -> tuple[str, ...]:
    """The agency names of an archive lexicon file; none when it is missing."""
    try:
        data = json.loads(open(path, encoding="utf-8").read())
    except FileNotFoundError:
        return ()
    return tuple(sorted({str(a).strip() for a in data.get("agencies") or () if str(a).strip()}))


def use_lexicon(names: tuple[str, ...]) -> None:
    """Know these agency names too (each its own canonical name), until another lexicon is used."""
    global _lexicon
    if tuple(names) != _lexicon:
        _lexicon = tuple(names)
        for cached in (entries, _index, _pattern, _squeezed):
            cached.cache_clear()


@lru_cache(maxsize=1)
def entries() -> tuple[Entry, ...]:
    data = json.loads(resources.files(__package__).joinpath("data/agencies.json").read_text(encoding="utf-8"))
    out = []
    for item in data["agencies"]:
        names = [item["name"], *item.get("aliases", [])]
        levels = data["levels"] if "{level}" in item["name"] else [None]
        for level in levels:
            expand = (lambda s, lv=level: s.replace("{level}", lv)) if level else (lambda s: s)
            out.append(Entry(expand(item["name"]), item["kind"], tuple(expand(n) for n in names)))
    out.extend(Entry(name, "other", (name,)) for name in _lexicon)  # after the shipped names, which win a tie
    return tuple(out)


@lru_cache(maxsize=1)
def _index() -> tuple[dict[str, Entry], list[str]]:
    by_key: dict[str, Entry] = {}
    for entry in entries():
        for alias in entry.aliases:
            by_key.setdefault(_key(alias), entry)
    return by_key, sorted(by_key)


_VOWEL = "[aeiouy0-9@&]"


def _loose_word(word: str) -> str:
    """An alias word as English-model OCR may print it: vowels free, 'ủy' as 'ty'/'Gy'/'1y'."""
    if word == "uy":
        return "(?:[a-z0-9]{0,2}y)"
    if len(word) <= 4 or not word.isalpha():
        return tolerant(word)
    out = []
    for i, ch in enumerate(word):
        if i == 0 and ch == "d":
            out.append("(?:dp|bp|d|p|b)")
        elif ch in "aeiouy" and i:
            out.append(_VOWEL if ch != "o" else "[aeiouyd0-9@&]")
        else:
            out.append(re.escape(ch))
    return "".join(out)


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    by_key, keys = _index()
    alts = sorted(keys, key=len, reverse=True)
    sep = r"[\s,&\-–]*"  # scans drop spaces: "Dulịch"
    # One branch per first word, so the engine tries ~40 branches per word, not every alias.
    branches: dict[str, list[str]] = {}
    for k in alts:
        first, *rest = k.split()
        tail = "".join(sep + _loose_word(w) for w in rest)
        branches.setdefault(first, []).append(f"(?P<g{keys.index(k)}>{tail})")
    body = "|".join(f"{_loose_word(first)}(?:{'|'.join(tails)})" for first, tails in branches.items())
    return re.compile(rf"(?<![a-z0-9])(?:{body})(?![a-z0-9])")


def lookup(name: str) -> Entry | None:
    """Gazetteer entry for a printed name: exact on folded form, else fuzzy."""
    key = _key(name)
    if not key:
        return None
    by_key, keys = _index()
    if key in by_key:
        return by_key[key]
    if m := _pattern().fullmatch(fold(name).strip(" .,;:")):
        return _entry_of(m)  # the OCR-tolerant spelling of an alias ('Ban Thudng vy Pang uy')
    if len(key) < 6:
        return None
    hit = process.extractOne(key, keys, scorer=fuzz.ratio, score_cutoff=FUZZY_MIN)
    if hit:
        return by_key[hit[0]]
    # scans also lose the spaces ('SởNộivụ'): compare without them
    squeezed = _squeezed()
    hit = process.extractOne(key.replace(" ", ""), list(squeezed), scorer=fuzz.ratio, score_cutoff=FUZZY_MIN)
    return squeezed[hit[0]] if hit else None


def prepare() -> None:
    """Build the matching pattern and index now (≈0.15 s, once per process), not in the first
    document that names an agency: the pipeline calls this while the pages OCR."""
    _pattern()
    _squeezed()


@lru_cache(maxsize=1)
def _squeezed() -> dict[str, Entry]:
    by_key, keys = _index()
    return {k.replace(" ", ""): by_key[k] for k in keys}


def _entry_of(m: re.Match[str]) -> Entry:
    by_key, keys = _index()
    group = next(name for name, value in m.groupdict().items() if value is not None)
    return by_key[keys[int(group[1:])]]


def find_in_text(text: str, folded: str | None = None) -> list[Found]:
    """Gazetteer names mentioned in running text, longest match at each place."""
    folded = fold(text) if folded is None else folded
    by_key, _ = _index()
    out = []
    _, keys = _index()
    for m in _pattern().finditer(folded):
        raw = text[m.start() : m.end()]
        entry = by_key.get(_key(raw)) or _entry_of(m)
        out.append(Found(m.start(), m.end(), entry, entry.name if entry else raw, raw))
    return out


_SPLIT = re.compile(r"\s*[;,]\s*|\s+và\s+(?=(?:các\s+)?(?:sở|ban|đảng|ủy|uỷ|ubnd|cơ quan)\b)", re.IGNORECASE)
_COUNT = re.compile(r"\(\s*\d+\s*\)")


def split_agencies(cell: str) -> list[Found]:
    """A table cell or clause listing agencies ('Sở Xây dựng; Sở Công Thương') as names."""
    cell = _COUNT.sub(" ", cell)
    found = find_in_text(cell)
    out: list[Found] = []
    pos = 0
    for f in [*found, None]:
        gap_end = f.start if f else len(cell)
        gap = cell[pos:gap_end]
        offset = pos
        for part in _SPLIT.split(gap):
            clean = part.strip(" .;,-–")
            if len(clean) >= 3 and re.search(r"[^\W\d_]", clean) and not (" " not in clean and clean.islower()):
                entry = lookup(clean)
                at = cell.find(clean, offset)
                out.append(Found(at, at + len(clean), entry, entry.name if entry else clean, clean))
        if f:
            out.append(f)
            pos = f.end
    return out
