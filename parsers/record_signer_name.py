"""The signer's name line: a rank and the words of a person's name, a family name's letter the
signature covered or a misread L restored from the common names (parsers/formats.py)."""

from __future__ import annotations

import functools
import re
from pathlib import Path

from vnresolve.parsers import formats
from vnresolve.parsers.record_doubts import WEAK_OCR
from vnresolve.parsers.regions import Run
from vnresolve.parsers.text import fold


_NAME_WORD = re.compile(r"^[A-ZĐÀ-Ỹ][a-zđà-ỹ]+$")

# a pen stroke or seal edge over the name, read as marks, one small letter or digits ('Đặng Văn Minh x',
# 'Lê Thị 4k: Bích Thuận'): no word of a name holds a digit
_STROKE = re.compile(r"[^\w]+|[a-zđà-ỹ]|\S*\d\S*")

_MARKS = ".,:;'\"`~_-*|!?()[]“”‘’…"
_L_MISREAD = re.compile(r"^(?:I\.|l)(?=[a-zđà-ỹ])")  # an L whose foot was read apart (I.) or as a small l
# a minority's particle with its apostrophe (' or ’ as printed), apart ('H\'') or joined to the given name ('H\'Hen')
_APOSTROPHED = re.compile(r"^([A-Z])['’ʼ]([A-ZĐÀ-Ỹ][a-zđà-ỹ]+)?$")


@functools.cache
def _particles() -> dict[tuple[str, str], frozenset[str]]:
    """(word, place in a name: 'first' or 'second') -> the family names it follows there (none for 'first'): the
    short words that stand in a name by a minority's naming convention (parsers/data/name_particles.txt)."""
    out: dict[tuple[str, str], set[str]] = {}
    for line in (Path(__file__).resolve().parent / "data" / "name_particles.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            word, place, families, _ = line.split("\t", 3)
            out.setdefault((word, place), set()).update(families.split() if families != "-" else ())
    return {key: frozenset(families) for key, families in out.items()}


def particle_at(words: list[str], k: int) -> bool:
    """Whether words[k] of a name is a minority's particle where its convention puts it: 'Y', 'H\'', 'K\''
    opening the name before a given name that is no Kinh family name ('Y Bhin Niê', 'H\'Hen Niê'; a letter
    before 'Nguyễn' is a speck), or 'A', 'Y' between a family name of the convention and the given name that
    ends the name ('Vàng A Chứ'; a letter between a family name and a middle name is a speck)."""
    word = words[k]
    joined = _APOSTROPHED.match(word)
    key = f"{joined[1]}'" if joined else word
    if k == 0 and (key, "first") in _particles():
        if joined and joined[2]:
            return True  # 'H\'Hen': a speck is never joined to a word by an apostrophe
        return len(words) > 1 and bool(_NAME_WORD.match(words[1])) and not formats.known_surname(words[1])
    return (k == 1 and not joined and len(words) == 3 and words[0] in _particles().get((key, "second"), ())
            and bool(_NAME_WORD.match(words[2])))


def _unglued(word: str) -> list[str]:
    """'ĐoànThị' -> ['Đoàn', 'Thị'], 'Lý-Đình' -> ['Lý', 'Đình']: a word cut before each capital that
    follows a small letter, and at a hyphen (no Vietnamese name joins its words with one)."""
    out = []
    for part in word.split("-"):
        cuts = [i for i in range(1, len(part)) if part[i].isupper() and part[i - 1].islower()]
        out += [part[a:b] for a, b in zip([0, *cuts], [*cuts, len(part)])]
    return [w for w in out if w]


def _name_of(text: str) -> tuple[str | None, str | None, str | None]:
    """(rank, name, why it was restored) of a name line; a family name whose first letter the
    signature covered ('rần Phước Hiền') is restored when only one family name fits, and a given name
    whose L was read 'I.' or 'l' ('I.ong') when the L gives a common name ('Long')."""
    # a speck or a stroke's end read as a mark stuck to a word ('..Hoàng', 'Hiền:'): no name word holds one
    # (a small letter opening the line is kept where it is a family name's last letter: 'ũ Ngọc Nam' for 'Vũ';
    # not before a family name, where it is a speck: 'à Nguyễn Văn An')
    tokens = text.split()
    words = [w if _APOSTROPHED.match(w) else w.strip(_MARKS) for k, w in enumerate(tokens)
             if not _STROKE.fullmatch(w) or (k == 0 and w.islower() and formats.complete_surname(w)
                                              and not (len(tokens) > 1 and formats.known_surname(tokens[1].strip(_MARKS))))]
    why = None
    # a space lost between two name words ('ĐoànThị'): each word of a name opens with its capital
    glued = [w for w in words if len(_unglued(w)) > 1 and all(formats.name_word_known(p) for p in _unglued(w))]
    if glued:
        words = [p for w in words for p in (_unglued(w) if w in glued else [w])]
        why = f"'{glued[0]}' read with no space between two name words"
    for k, w in enumerate(words):
        if k and not _NAME_WORD.match(w) and (as_l := _L_MISREAD.sub("L", w)) in formats.NAME_WORDS:
            words[k], why = as_l, f"'{w}' read for '{as_l}' (an L read as 'I.' or 'l')"
    rank = None
    for rk in formats.RANKS:
        if fold(text).startswith(fold(rk) + " "):
            rank, words = rk, words[len(rk.split()):]
            break
    # a minority's one-letter particle counts where its convention puts it; one-word names only as 'K\'Mák'
    if not (2 <= len(words) <= 5 or len(words) == 1 and particle_at(words, 0)) \
            or not all(_NAME_WORD.match(w) or particle_at(words, k) for k, w in enumerate(words) if k):
        return rank, None, None
    if _NAME_WORD.match(words[0]) or particle_at(words, 0):
        return rank, " ".join(words), why
    if words[0][:1].islower() and (surname := formats.complete_surname(words[0])):
        return rank, " ".join([surname, *words[1:]]), "the family name's first letter was hidden; restored from the common family names"
    return rank, None, None


def _from_surname(r: Run, text: str) -> str:
    """A name line less the words before its family name read under WEAK_OCR ('đa ảo Lý Minh Hiền':
    a seal's text; 'ảnh Hoàng Công Nga': the signature's stroke): a name starts with its family name."""
    at = next((k for k, (t, _) in enumerate(r.words) if formats.known_surname(t.strip(_MARKS))), None)
    if at and all(c is not None and c < WEAK_OCR for _, c in r.words[:at]):
        return " ".join(t for t, _ in r.words[at:]).strip(" *")
    return text
