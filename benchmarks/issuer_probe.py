"""Issuer lines misread by one mark or letter, through the header's issuer steps (parsers only, no OCR):
every body's name the forms print (benchmarks/formgen.py) and the parsers list (parsers/bodies.py),
read as printed and with each single misread (a tone mark changed, ơ/ư, ô/o, â/a, ă/a, ê/e swapped,
a letter OCR confuses). Each line goes through the catalogue's chain: the issuer step, then the places' spelling after it.
Counts, for the misreads, the value right, wrong but certain and doubted;
for the names as printed, any doubted, flagged or changed (a right name must stay as it is, certain).
Doubted is what the catalogue and forms benchmarks call marked uncertain: a confidence below 0.5. A
value snapped to a known name at 0.6-0.7 is listed in `uncertain` with its reason (flagged) but counts
as certain, so a wrong snap is wrong but certain here. The rows after them take the listed places' names
after their unit word ('ỦY BAN NHÂN DÂN THÀNH PHỐ QUY NHƠN'), as printed and misread the same way; a
place read in a spelling variant of its name ('ĐẶK HÀ' for 'Đắk Hà', parsers/record_places.variant_key) is right.

    python -m benchmarks.issuer_probe
"""

from __future__ import annotations

import unicodedata
from types import SimpleNamespace

from benchmarks import formgen
from vnresolve.parsers import bodies, places
from vnresolve.parsers import record_issuer as ri
from vnresolve.parsers.record_places import snap_places, variant_key

_TONES = ("\u0300", "\u0301", "\u0303", "\u0309", "\u0323", "")
_SHAPES = {"Ơ": "Ư", "Ư": "Ơ", "Ô": "O", "O": "Ô", "Â": "A", "A": "Â", "Ă": "A", "Ê": "E", "E": "Ê"}
_LETTERS = {"C": "G", "G": "C", "O": "Q", "I": "L", "U": "V", "E": "F", "H": "N", "N": "H"}


def _split(ch: str) -> tuple[str, str]:
    """(the letter with its shape, its tone mark or '')."""
    parts = unicodedata.normalize("NFD", ch)
    tone = next((c for c in parts if c in _TONES[:5]), "")
    return unicodedata.normalize("NFC", parts.replace(tone, "")) if tone else ch, tone


def _digits(text: str) -> str:
    """The line's digits, which a name's letters' key leaves out ('NHIỆM KỲ 2020 - 2025')."""
    return "".join(c for c in text if c.isdigit())


def misreads(name: str) -> set[str]:
    out = set()
    for i, ch in enumerate(name):
        if not ch.isalpha():
            continue
        base, tone = _split(ch)
        subs = {unicodedata.normalize("NFC", base + t) for t in _TONES} if base in "AĂÂEÊIOÔƠUƯY" else set()
        if base in _SHAPES:
            subs.add(unicodedata.normalize("NFC", _SHAPES[base] + tone))
        if base in _LETTERS:
            subs.add(_LETTERS[base])
        out |= {name[:i] + s + name[i + 1:] for s in subs if s != ch}
    return out


UNSURE = 0.5  # below this confidence a field is marked uncertain (the schema's and the benchmarks' cut)


def reading(line: str, parent: str | None) -> tuple[str, float]:
    """(the issuer, its confidence) as the header's issuer step alone makes it from its lines (no symbol's body
    code)."""
    return _read(line, parent, chain=False)


def chained(line: str, parent: str | None) -> tuple[str, float]:
    """(the issuer, its confidence) as the catalogue makes it from its lines (no symbol's body code, no date):
    the header's issuer step, then the places' spelling (parsers/record_places.py) the catalogue runs after it."""
    return _read(line, parent, chain=True)


def _read(line: str, parent: str | None, chain: bool) -> tuple[str, float]:
    meta = SimpleNamespace(symbol=None, confidence={}, uncertain=[], issuer=None, parent_issuer=None, date=None,
                           place=None)
    ri.read_issuer(([parent] if parent else []) + [line], meta)
    if chain:
        snap_places(meta)
    return meta.issuer, meta.confidence.get("issuer", 1.0)


def issuer(line: str, parent: str | None) -> tuple[str, bool]:
    """(the issuer, flagged: any doubt, snapped values included)."""
    got, conf = chained(line, parent)
    return got, conf < 1.0


def _place_lines() -> list[tuple[str, str, tuple[str, ...], list[str]]]:
    """(row's label, unit word, the levels it names, names) of the places an issuer prints after its unit
    word: the district-level cities after 'THÀNH PHỐ', the districts after 'HUYỆN', every 20th commune (both
    lists) after 'XÃ', and the provinces after 'TỈNH' (both lists, as printed only)."""
    before, after = places.units(places.BEFORE_2025), places.units(places.FROM_2025)
    provinces = sorted({u.name for u in before + after if u.level == places.PROVINCE})
    districts = sorted({u.name for u in before if u.level == places.DISTRICT})
    communes = sorted({u.name for u in before + after if u.level == places.COMMUNE})
    return [("provinces after TỈNH", "TỈNH", (places.PROVINCE,), provinces),
            ("cities after THÀNH PHỐ", "THÀNH PHỐ", (places.PROVINCE, places.DISTRICT), sorted(places.cities())),
            ("districts after HUYỆN", "HUYỆN", (places.DISTRICT,), districts),
            ("communes after XÃ", "XÃ", (places.COMMUNE,), communes)]


def place_rows(every_commune: bool = False) -> None:
    """Each listed place's name, after its unit word under 'ỦY BAN NHÂN DÂN', as printed and misread by one
    mark or letter (a misread that is another listed name of its level left out): the misreads of the
    provinces are the listed names' row's, and only every 20th commune is misread (~13,000 names)."""
    for label, unit, levels, pool in _place_lines():
        known = bodies.keys_of(ri._place_names(levels))
        changed = doubted = flagged = n = other = right = snapped = wrong_doubted = wbc = 0
        for i, name in enumerate(pool):
            line = f"ỦY BAN NHÂN DÂN {unit} {name.upper()}"
            got, conf = chained(line, None)
            changed += got != line
            doubted += conf < UNSURE
            flagged += conf < 1.0
            if unit == "TỈNH" or unit == "XÃ" and i % 20 and not every_commune:
                continue
            for bad in misreads(name.upper()):
                if bodies._key(bad) in known:
                    other += 1
                    continue
                got, conf = chained(f"ỦY BAN NHÂN DÂN {unit} {bad}", None)
                ok, doubt = variant_key(got) == variant_key(line), conf < UNSURE
                n += 1
                right += ok and not doubt
                snapped += ok and doubt
                wrong_doubted += not ok and doubt
                wbc += not ok and not doubt
        print(f"{label}: {len(pool)} names; as printed: {doubted} doubted, {flagged} flagged, {changed} changed"
              + (f"; {n} misreads (+{other} that are another name): {right} right and certain, {snapped} right and "
                 f"doubted, {wrong_doubted} wrong and doubted, {wbc} wrong but certain" if n else ""))


_HEADS = ("HỘI ĐỒNG", "BAN CHỈ ĐẠO", "ỦY BAN", "BAN", "TỔ CÔNG TÁC", "ĐOÀN")


def split_rows() -> None:
    """Each listed body's name that opens on a generic head word, printed as the head alone over the rest ('HỘI ĐỒNG'
    / 'NHÂN DÂN'), under a superior and not; and each listed body's name under a superior ('UBND TỈNH QUẢNG NAM' /
    'SỞ Y TẾ'): counted where the issuer is the whole name and the superior the line above, or none."""
    superior = "UBND TỈNH QUẢNG NAM"
    headed = split = whole = 0
    for name in sorted(bodies.names()):
        head = next((h for h in _HEADS if name.startswith(h + " ")), None)
        if head is None:
            continue
        rest = name[len(head) + 1:]
        for above in ([], [superior]):
            headed += 1
            meta = SimpleNamespace(symbol=None, confidence={}, uncertain=[], issuer=None, parent_issuer=None)
            ri.read_issuer([*above, head, rest], meta)
            whole += meta.issuer == name and meta.parent_issuer == (above[0] if above else None)
    right = 0
    for name in sorted(bodies.names()):
        split += 1
        meta = SimpleNamespace(symbol=None, confidence={}, uncertain=[], issuer=None, parent_issuer=None)
        ri.read_issuer([superior, name], meta)
        right += meta.issuer == name and meta.parent_issuer == superior
    print(f"listed names opening on a generic head, the head printed alone over the rest: {headed} readings; "
          f"read whole {whole}")
    print(f"listed names under a superior's line: {split}; read as the issuer under it {right}")


def main() -> None:
    printed = {n for n, _ in (*formgen.DEPARTMENTS, *formgen.MINISTRIES, *formgen.PARTY_BOARDS)}
    for label, pool in (("forms' bodies", sorted(printed)), ("listed names", sorted(bodies.names()))):
        right_doubted = right_flagged = changed = 0
        n = right = snapped = wbc = wbc_flagged = doubted = other = 0
        known = {bodies._key(x) for x in bodies.names()}
        for name in pool:
            got, conf = chained(name, None)
            changed += got != name
            right_doubted += conf < UNSURE
            right_flagged += conf < 1.0
            for bad in misreads(name):
                if bodies._key(bad) in known:
                    other += 1  # the misread is another known name: nothing in the line tells
                    continue
                got, conf = chained(bad, None)
                doubt = conf < UNSURE
                n += 1
                ok = bodies._key(got) == bodies._key(name) and _digits(got) == _digits(name)
                right += ok and not doubt
                snapped += ok and doubt
                doubted += not ok and doubt
                wbc += not ok and not doubt
                wbc_flagged += not ok and not doubt and conf < 1.0
        print(f"{label}: {len(pool)} names; as printed: {right_doubted} doubted, {right_flagged} flagged, {changed} changed; "
              f"{n} misreads (+{other} that are another name): {right} right and certain, {snapped} right and "
              f"doubted, {doubted} wrong and doubted, {wbc} wrong but certain ({wbc_flagged} of them flagged)")
    split_rows()
    place_rows()


if __name__ == "__main__":
    main()
