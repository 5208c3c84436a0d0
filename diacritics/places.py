"""The project's hand-written lists in diacritics/data/, read one way for every user: the model
build (train.py) and the parsers (the place line of a document's header)."""

from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
CITY = "thành phố"


def data_lines(name: str) -> list[str]:
    """The entries of a file in diacritics/data/: one per line, '#' comments and blank lines left out."""
    text = (DATA / name).read_text(encoding="utf-8")
    return [kept for line in text.splitlines() if (kept := line.split("#", 1)[0].strip())]


def provinces() -> list[tuple[str, str]]:
    """(unit, name) of each province and centrally-run city of data/provinces.txt: ("tỉnh",
    "Điện Biên"), ("thành phố", "Hà Nội")."""
    out = []
    for place in data_lines("provinces.txt"):
        if place.startswith(CITY + " "):
            out.append((CITY, place[len(CITY) + 1:]))
        else:
            unit, name = place.split(" ", 1)
            out.append((unit, name))
    return out
