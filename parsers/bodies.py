"""An issuer line checked against the names of bodies: the header prints a body's name in capitals,
its words from a small vocabulary (data/bodies.txt, the agencies of data/agencies.json, the Party
and state phrases and the provinces the restorer is built with). OCR glues two of them ('BỘNỘI VỤ'),
reads a speck between them ('ỦY-'BAN NHÂN DÂN') or misreads a letter ('SƯY TE' for 'SỞ Y TẾ');
what the vocabulary or the symbol's body code settles is respelt, and said so.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from rapidfuzz.distance import Hamming, Levenshtein

from vnresolve.parsers.misreads import CAPITAL_MISREAD_PAIRS, one_letter_apart
from vnresolve.parsers.text import fold

DATA = Path(__file__).resolve().parent / "data"
_TEMPLATE = re.compile(r"\{\w+\}")
_LETTERS = re.compile(r"[^\W\d_]+")
# a place's unit or a committee's level that ends a body's name in the lists ('Sở Y tế' is printed
# 'SỞ Y TẾ' under its province; 'Ban Tổ chức Tỉnh ủy' is 'BAN TỔ CHỨC' under 'TỈNH ỦY …')
_LEVEL_END = re.compile(r"\s+(?:tỉnh ủy|huyện ủy|thành ủy|đảng ủy|tỉnh|huyện|xã|phường|thành phố)$", re.IGNORECASE)


def _key(text: str) -> str:
    """Letters only, in capitals, a syllable's tone mark where the new rule puts it ('UỶ' and 'ỦY'
    alike); glued words as read, since moving a mark within 'HÓATHỂ' would misplace it."""
    from vnresolve.diacritics.vntext import normalize_tone

    return "".join(normalize_tone(w.lower()) if _syllable(w) else w.lower() for w in _LETTERS.findall(text)).upper()


@lru_cache(maxsize=1)
def listed() -> tuple[str, ...]:
    """The bodies' names this package lists (data/bodies.txt, data/agencies.json), as written there."""
    raw = [line.split("#", 1)[0].strip() for line in (DATA / "bodies.txt").read_text(encoding="utf-8").splitlines()]
    raw += [a["name"] for a in json.loads((DATA / "agencies.json").read_text(encoding="utf-8"))["agencies"]]
    return tuple(name for name in raw if name)


@lru_cache(maxsize=1)
def names() -> tuple[str, ...]:
    """Every known body's name in capitals, without a template's place."""
    from vnresolve.diacritics.places import data_lines, provinces

    raw = [*listed(), *data_lines("gazetteer.txt")]
    raw += [name for _unit, name in provinces()]
    out = set()
    for name in raw:
        name = " ".join(_TEMPLATE.sub("", name).split())
        if name and not name.startswith("Các "):
            out.add(name.upper())
            out.add(_LEVEL_END.sub("", name).upper())
    return tuple(sorted(n for n in out if n))


@lru_cache(maxsize=1)
def vocabulary() -> frozenset[str]:
    """The words of the known names, folded to their letters' key."""
    return frozenset(_key(w) for n in names() for w in n.split() if _key(w))


def prepare() -> None:
    """Build the names' word list and index now (~20 ms), not in the first document's header."""
    vocabulary()
    _by_key()


def known_word(word: str) -> bool:
    """Whether `word` is a word of a known body's name, by its letters' key."""
    return not _key(word) or _key(word) in vocabulary()


def _syllable(word: str) -> bool:
    from vnresolve.diacritics.syllables import is_syllable

    return is_syllable(word.lower())


def _splits(word: str) -> list[list[str]]:
    """The ways `word` cuts into two or three syllables, fewest pieces first."""
    out = [[word[:i], word[i:]] for i in range(1, len(word)) if _syllable(word[:i]) and _syllable(word[i:])]
    if not out:
        out = [[word[:i], word[i:j], word[j:]] for i in range(1, len(word)) for j in range(i + 1, len(word))
               if _syllable(word[:i]) and _syllable(word[i:j]) and _syllable(word[j:])]
    return out


def respace(line: str) -> tuple[str, str | None]:
    """(the line respelt, why or None). A line whose letters are a known name's, spaced or signed
    otherwise, takes the name's spacing (its own letters kept); a word that is no syllable and cuts
    into syllables one way only, or one way into words of the vocabulary, is cut there. A cut the
    vocabulary does not confirm is said (the caller doubts it)."""
    name = _by_key().get(_key(line))
    if name and re.fullmatch(r"[^\W\d_]+(?:[\s\W]+[^\W\d_]+)*", line.strip()):
        return _spaced_as(line, name), None
    out, why = [], None
    for word in line.split():
        if not word.isalpha() or _syllable(word) or word.isascii():
            out.append(word)  # a syllable, a code in plain capitals ('UBND'), or a word with a sign kept as read
            continue
        cuts = _splits(word)
        known = [c for c in cuts if all(_key(p) in vocabulary() for p in c)]
        if len(known) == 1 or len(cuts) == 1:
            cut = known[0] if len(known) == 1 else cuts[0]
            out.extend(cut)
            if len(known) != 1:
                why = f"'{word}' is no Vietnamese word; cut into syllables where a space was lost ('{' '.join(cut)}')"
        else:
            out.append(word)
    return " ".join(out), why


def _spaced_as(line: str, name: str) -> str:
    """The letters of `line` set out as `name` sets its words: a space, or the comma or dash of
    'BỘ VĂN HÓA, THỂ THAO …' and 'BỘ LAO ĐỘNG - THƯƠNG BINH …', which belong to the name."""
    letters, out = "".join(_LETTERS.findall(line)), []
    seps = _LETTERS.split(name)[1:-1]  # what stands between the name's words
    for k, n in enumerate(len(w) for w in _LETTERS.findall(name)):
        if k:
            out.append(seps[k - 1] if re.fullmatch(r" ?[,-] ?", seps[k - 1]) else " ")
        out.append(letters[:n])
        letters = letters[n:]
    return "".join(out)


@lru_cache(maxsize=1)
def folded_names() -> frozenset[str]:
    """Every known body's name (names()), folded."""
    return frozenset(fold(name) for name in names())


@lru_cache(maxsize=1)
def _by_key() -> dict[str, str]:
    return {_key(name): name for name in names()}


def initials(name: str) -> str:
    """'SỞ Y TẾ' -> 'SYT', 'SỞ GIÁO DỤC VÀ ĐÀO TẠO' -> 'SGDDT': a body code leaves out 'và'."""
    return "".join(w[0] for w in fold(name).split() if w not in ("va", "-") and w[0].isalpha())


def by_code(line: str, code: str | None) -> str | None:
    """The one known name a misread issuer line stands for: a letter or two from the line's letters
    (a fifth of them at most) and the body code of the document's symbol its initials ('SYT' in
    '94/GM-SYT' for 'SỞ Y TẾ'; a Party code adds the committee's: 'BTCTU' for 'BAN TỔ CHỨC' of a
    Tỉnh ủy). None when no name, or more than one, fits both."""
    if not code:
        return None
    key, folded_code = fold(_key(line)), fold(code)
    scored = []
    for name_initials, name_key, name in _coded():
        if not folded_code.startswith(name_initials):
            continue
        d = Levenshtein.distance(key, name_key)
        if d <= max(1, len(key) // 5):
            scored.append((d, name))
    scored.sort()
    if scored and (len(scored) == 1 or scored[1][0] > scored[0][0]):
        return scored[0][1]
    return None


@lru_cache(maxsize=1)
def _coded() -> tuple[tuple[str, str, str], ...]:
    """(initials, folded letters' key, name) of each known name with a code of two letters or more."""
    return tuple((ini, fold(_key(name)), name) for name in names() if len(ini := initials(name)) >= 2)


def _confusable(a: str, b: str) -> bool:
    """Whether OCR reads capital `b` for `a`: the same letter under another mark (tone, or the shape of
    ă â ê ô ơ ư đ: the folded letter kept), or a pair it confuses (CAPITAL_MISREAD_PAIRS)."""
    fa, fb = fold(a).lower(), fold(b).lower()
    if fa == fb:
        return True
    if {fa, fb} == {"o", "u"}:  # 'Ở' read 'Ử': the horn kept, the base taken for its neighbour
        return any(c in "ƠỚỜỞỠỢ" for c in (a, b)) and any(c in "ƯỨỪỬỮỰ" for c in (a, b))
    return frozenset((fa, fb)) in CAPITAL_MISREAD_PAIRS


def near_name(line: str, among: tuple[str, ...] | None = None) -> tuple[str, str, str] | None:
    """(name, letter read, letter meant) where `line` is none of the names `among` (every known body's
    name by default) but one letter of its key, a mark or a letter OCR confuses, from exactly one with the
    same digits (compared with marks: 'SỬ TƯ PHÁP' is 'SỞ TƯ PHÁP'); None for a known name, a line nearer
    none, or one as near two names."""
    return near_and_confused(line, among)[0]


def confused_with(line: str, among: tuple[str, ...]) -> tuple[str, ...]:
    """The names `among` that `line`, none of them, is one mark or one letter OCR confuses from."""
    return near_and_confused(line, among)[1]


def near_and_confused(line: str, among: tuple[str, ...] | None = None) -> tuple[tuple[str, str, str] | None, tuple[str, ...]]:
    """(near_name's answer, confused_with's) from one look through the names `among`."""
    found = _one_letter_off(line, among)
    confused = tuple((name, read, meant) for name, read, meant in found if _confusable(meant, read))
    near = confused[0] if len(found) == 1 and confused else None
    return near, tuple(name for name, _read, _meant in confused)


def _one_letter_off(line: str, among: tuple[str, ...] | None) -> list[tuple[str, str, str]]:
    """(name, letter read, letter meant) of each name `among` (every known body's name by default) one letter
    of its key from the line's, with the same digits; none when the line is one of them."""
    key = _key(line)
    known, by_length = _indexed(among) if among is not None else _indexed_bodies()
    if not key or key in known:
        return []
    digits = re.sub(r"\D", "", line)
    found = []
    for name_key, name, name_digits in by_length.get(len(key), ()):
        if name_digits != digits:
            continue  # the key holds letters only: 'BAN CHỈ ĐAO 138' is no 'BAN CHỈ ĐẠO'
        if Hamming.distance(key, name_key, score_cutoff=1) > 1:
            continue
        if diff := one_letter_apart(key, name_key):
            found.append((name, *diff))
    return found


@lru_cache(maxsize=16)
def _indexed(among: tuple[str, ...]) -> tuple[dict[str, str], dict[int, tuple[tuple[str, str, str], ...]]]:
    """Key -> name of `among`, and (key, name, digits) by the key's length: a line is compared only with
    the names as long as it."""
    known = {_key(name): name for name in among if _key(name)}
    by_length: dict[int, list[tuple[str, str, str]]] = {}
    for name_key, name in known.items():
        by_length.setdefault(len(name_key), []).append((name_key, name, re.sub(r"\D", "", name)))
    return known, {n: tuple(v) for n, v in by_length.items()}


def keys_of(among: tuple[str, ...]) -> dict[str, str]:
    """Letters' key -> name, of the names `among`."""
    return _indexed(among)[0]


@lru_cache(maxsize=1)
def _indexed_bodies() -> tuple[dict[str, str], dict[int, tuple[tuple[str, str, str], ...]]]:
    return _indexed(names())
