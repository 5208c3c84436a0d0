"""The signer's name line: a rank and the words of a person's name, a family name's letter the
signature covered or a misread L restored from the common names (parsers/formats.py)."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import numpy as np

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
# the apostrophe as a word processor's quotes or OCR render it ('H”Hen', 'H‘Hen'): read as the printed ’
_QUOTED = re.compile(r"^([A-Z])[‘”“`´′]([A-ZĐÀ-Ỹ][a-zđà-ỹ]+)?$")
# a first particle joined to the given name by a hyphen ('Y-Bhin Niê'): read as the record prints it, 'Y Bhin Niê'
_HYPHENED = re.compile(r"^([A-Z](?:['’ʼ])?)-([A-ZĐÀ-Ỹ][a-zđà-ỹ]+)$")


def _first_particle(words: list[str]) -> tuple[str, list[str]] | None:
    """(the particle as listed: 'Y', 'H\'', and the words after it, a given name joined to it included) of a name
    opening on a first-place particle ('H\'Hen Niê' -> ("H'", ['Hen', 'Niê'])), or None."""
    joined = _APOSTROPHED.match(words[0]) if words else None
    key = f"{joined[1]}'" if joined else words[0] if words else ""
    if (key, "first") not in formats.PARTICLES:
        return None
    return key, ([joined[2]] if joined and joined[2] else []) + words[1:]


def _family_end(key: str, rest: list[str]) -> str | None:
    """The family name of the particle's people (one word or two) the words after the particle end on, with a
    given name before it ('Bhin Niê' -> 'Niê'), or None."""
    families = formats.PARTICLES[(key, "first")]
    return next((" ".join(rest[-n:]) for n in (2, 1) if len(rest) > n and " ".join(rest[-n:]) in families), None)


def _placed_first(words: list[str]) -> tuple[str, list[str]] | None:
    """_first_particle's (particle, words after it) where the particle opens the name as its convention puts it:
    before a given name that is no Kinh family name, unless the name ends on the family name of the particle's
    people; a one-word name only with 'K\''. None otherwise."""
    if not (first := _first_particle(words)):
        return None
    key, rest = first
    placed = (bool(rest) and (len(words) > 1 or key == "K'") and bool(_NAME_WORD.match(rest[0]))
              and (not formats.kinh_surname(rest[0]) or _family_end(key, rest) is not None))
    return first if placed else None


def particle_at(words: list[str], k: int) -> bool:
    """Whether words[k] of a name is a minority's particle where its convention puts it: 'Y', 'H\'', 'K\''
    opening the name before a given name that is no Kinh family name, unless the name ends on the family name of
    the particle's people ('Y Bhin Niê', 'H\'Hen Niê', 'Y Mai Niê'; a letter before 'Nguyễn Văn An' is a speck),
    a one-word name only with 'K\'' ('K\'Mák'); or 'A', 'Y' between a family name of the convention and the
    given name that ends the name ('Vàng A Chứ'; a letter between a family name and a middle name is a speck).
    Whether it is certain is particle_doubt's."""
    if k == 0:
        return _placed_first(words) is not None
    return (k == 1 and len(words) == 3 and not _APOSTROPHED.match(words[1])
            and words[0] in formats.PARTICLES.get((words[1], "second"), ()) and bool(_NAME_WORD.match(words[2])))


def placed_particle(words: list[str]) -> tuple[int, str, list[str]] | None:
    """(where a name's particle stands, 0 or 1; the particle as listed; the words after it) of a name holding a
    minority's particle where its convention puts it ('Vàng A Chứ' -> (1, 'A', ['Chứ'])), or None."""
    if first := _placed_first(words):
        return 0, *first
    return (1, words[1], words[2:]) if particle_at(words, 1) else None


def particle_doubt(words: list[str], placed: tuple[int, str, list[str]]) -> str | None:
    """Why a name read with a minority's particle (placed_particle's reading of its words) is doubted, or None
    where it is certain: a first 'Y', 'H\'' followed by common name words and the family name of its people
    ending the name ('H\' Linh Niê'), no Kinh family name among them. A second 'A', 'Mí' is always doubted, and
    so is a given name no list holds ('Bhin'): a speck read as the letter, or a letter misread in a word nothing
    can check, would otherwise give a wrong name as certain."""
    place, key, rest = placed
    if place == 0:
        if not formats.PARTICLES[(key, "first")]:
            return f"'{words[0]}' opens the name as a K'Ho particle, which no family name confirms: a speck read as it?"
        if (family := _family_end(key, rest)) is None:
            return (f"'{words[0]}' opens the name as a minority's particle, but the name ends on no family name of "
                    "the peoples who name so: a speck read as the particle, or the name cut short?")
        if kinh := [w for w in rest[:-len(family.split())] if formats.kinh_surname(w)]:
            return f"'{kinh[0]}' in the name is a Kinh family name too: '{words[0]}' before it may be a speck"
        return _unchecked(rest[:-len(family.split())])
    if formats.kinh_surname(words[0]):
        return f"'{words[0]}' is a Kinh or Thái family name as well as a clan's: '{key}' after it may be a speck"
    # 'Chá A Cảnh' is as likely 'Chá Cảnh' with a speck read as the letter: nothing in the words tells them apart
    return (f"'{key}' after the clan's name '{words[0]}' is a letter a speck can make: a two-word name with "
            "a speck reads the same")


def _unchecked(given: list[str]) -> str | None:
    """Why a confirmed minority's name is doubted all the same: a given name word no list of common name words
    holds ('Bhin', 'Chứ'), which a misread letter or mark ('Bhln', 'Chư') would leave no less plausible."""
    rare = next((w for w in given if not formats.name_word_known(w)), None)
    return f"'{rare}' is no common name word: a misread one would look no different" if rare else None


def _one_letter_given(word: str) -> bool:
    """Whether a word is the one-letter given name 'Ý' ('Nguyễn Như Ý'): the other vowels alone are syllables ('Ơ',
    'Á') but no given names, and a speck's reading as often as 'Ý'; 'Ỳ', 'Ỵ' are no names, so kept they would be
    wrong whether an 'Ý' misread or a speck; an unmarked 'Y' is a particle's or a speck's."""
    return word == "Ý"


# a name line's words are looked up once to keep or drop them and again to read them: each word computed once
@lru_cache(maxsize=1024)
def _as_particle(word: str) -> str | None:
    """The particle ('A', 'Y', 'Mí') whose letters a word is, read with other marks or small ('Ạ', 'a' -> 'A';
    'Ỳ' -> 'Y'; 'Mì' -> 'Mí'), or None (the particle itself included)."""
    return next((p for p, _ in formats.PARTICLES if p != word and "'" not in p and fold(p) == fold(word)), None)


def _surname_tail(word: str, following: list[str]) -> bool:
    """Whether a small letter opening a name line is its family name's last letter ('ũ Ngọc Nam' for 'Vũ'): not
    before a family name (the next word, if any), where it is a speck ('à Nguyễn Văn An')."""
    return (word.islower() and bool(formats.complete_surname(word))
            and not (following and formats.known_surname(following[0].strip(_MARKS))))


def _particle_apart(word: str) -> list[str]:
    """A first particle joined to the given name by a hyphen, apart ('Y-Bhin' -> ['Y', 'Bhin']); any other word
    as it is."""
    joined = _HYPHENED.match(word)
    if joined and (joined[1][0] + ("'" if len(joined[1]) > 1 else ""), "first") in formats.PARTICLES:
        return [joined[1], joined[2]]
    return [word]


def _unglued(word: str) -> list[str]:
    """'ĐoànThị' -> ['Đoàn', 'Thị'], 'Lý-Đình' -> ['Lý', 'Đình']: a word cut before each capital that
    follows a small letter, and at a hyphen (no Vietnamese name joins its words with one)."""
    out = []
    for part in word.split("-"):
        cuts = [i for i in range(1, len(part)) if part[i].isupper() and part[i - 1].islower()]
        out += [part[a:b] for a, b in zip([0, *cuts], [*cuts, len(part)])]
    return [w for w in out if w]


def _titled(word: str) -> str:
    """A word in capitals as a name prints it: 'ĐINH' -> 'Đinh', "H'HEN" -> "H'Hen", 'Y-BHIN' -> 'Y-Bhin' (OCR's
    eth read for Đ, 'ÐINH', is Đ: no Vietnamese word holds an eth)."""
    return re.sub(r"[^\W\d_]+", lambda m: m[0][0] + m[0][1:].lower(), word.replace("Ð", "Đ"))


def _capital(word: str) -> bool:
    """Whether a word of a name line is printed in capitals: two letters or more, none small ('NGUYỄN', "H'HEN")."""
    return sum(c.isalpha() for c in word) > 1 and word.isupper()


@lru_cache(maxsize=1)
def _titles() -> tuple[frozenset[tuple[str, str]], frozenset[str], frozenset[str]]:
    """(each two words running in a listed post's or body's name (formats' listed names), less those that are a
    place's name, which given names often are: 'Khánh Hòa', 'Hải Dương'; the listed posts' and the known bodies'
    names without marks, whole and with the first letter lost; every place's name of any level in both lists,
    without marks)."""
    from vnresolve.parsers import bodies, places

    place_names = frozenset(fold(u.name) for era in (places.BEFORE_2025, places.FROM_2025) for u in places.units(era))
    pairs = frozenset((a, b) for n in formats.listed_names() for a, b in zip(n.split(), n.split()[1:])
                      if fold(f"{a} {b}") not in place_names)
    named = frozenset(fold(n)[k:] for n in (*formats.listed_names(), *bodies.names()) for k in (0, 1))
    return pairs, named, place_names


# the middle names most borne (data/middle_names.txt): after a common family name, and before a given name borne
# in as many documents as the median name word or more, they make a line a name's shape ('ĐOÀN THANH NIÊN' has
# none: 'Niên' is a rare given name)
MIDDLE_NAMES = frozenset(w for (w,) in formats.data_rows(formats.DATA / "middle_names.txt", 1))
COMMON_GIVEN = sorted(formats.NAME_DOCUMENTS.values())[len(formats.NAME_DOCUMENTS) // 2]


def _name_shaped(words: list[str]) -> bool:
    """Whether a line of three words or more is a common family name, a common middle name and a common given
    name: a name whatever its given names spell together ('NGUYỄN VĂN MINH', 'TRẦN CẨM TÚ')."""
    from vnresolve.diacritics.vntext import normalize_tone

    return len(words) >= 3 and words[0] in formats.SURNAMES \
        and normalize_tone(words[1]) in {normalize_tone(m) for m in MIDDLE_NAMES} \
        and formats.NAME_DOCUMENTS.get(normalize_tone(words[-1]), 0) >= COMMON_GIVEN


# two running syllables are one common word ('THANH NIÊN', 'CHẾ ĐỘ') where the restorer's language model both
# expects the second after the first (log P at least COMMON_LP) and ties them far above chance (log P over the
# second's own, COMMON_PMI): a name's given names are each common but seldom so bound ('Văn An', 'Thu Hà')
COMMON_LP, COMMON_PMI = -4.0, 3.5


def _language(model_dir: Path | None = None):
    """The restorer's syllable trigram model (the one it loads: `model_dir` the committed one where None), or
    None without one."""
    from vnresolve.diacritics.config import MODEL_DIR
    from vnresolve.diacritics.lm import load

    try:
        return load(model_dir or MODEL_DIR)
    except FileNotFoundError:
        return None


def _one_word(a: str, b: str, model_dir: Path | None = None) -> bool:
    """Whether two running words of a name line are together a common Vietnamese word (COMMON_LP, COMMON_PMI)."""
    lm = _language(model_dir)
    pair = lm.bigram(a.lower(), b.lower()) if lm is not None else None
    return pair is not None and bool(pair[0] >= COMMON_LP and pair[0] - pair[1] >= COMMON_PMI)


@lru_cache(maxsize=4)
def _marked_by_letters(model_dir: Path | None = None) -> dict[str, np.ndarray]:
    """The language model's ids of its syllables by their letters without marks ('dang' -> 'đang', 'đăng', 'đẳng',
    …)."""
    from vnresolve.diacritics.syllables import is_syllable

    lm, out = _language(model_dir), {}
    for i, w in enumerate(lm.vocab if lm is not None else ()):
        if is_syllable(w):
            out.setdefault(fold(w), []).append(i)
    return {k: np.array(v, dtype=np.uint64) for k, v in out.items()}


def _one_word_bare(a: str, b: str, model_dir: Path | None = None) -> bool:
    """Whether two running words read without marks are, in some marks, one common word ('CAO DANG' for 'cao
    đẳng'; _one_word's bounds): which marks they had the letters cannot tell."""
    from vnresolve.diacritics.lm import BITS

    lm, marked = _language(model_dir), _marked_by_letters(model_dir)
    ia, ib = marked.get(fold(a)), marked.get(fold(b))
    if lm is None or ia is None or ib is None:
        return False
    keys = ((ia[:, None] << np.uint64(BITS)) | ib[None, :]).ravel()
    at = np.minimum(np.searchsorted(lm.bi_keys, keys), len(lm.bi_keys) - 1)
    lp, own = lm.bi_lp[at], np.tile(lm.uni_lp[ib.astype(np.int64)], len(ia))
    return bool(np.any((lm.bi_keys[at] == keys) & (lp >= COMMON_LP) & (lp - own >= COMMON_PMI)))


@lru_cache(maxsize=1)
def _bare_pairs() -> frozenset[tuple[str, str]]:
    """_titles' two running words of a listed post's or body's name, without marks."""
    return frozenset((fold(a), fold(b)) for a, b in _titles()[0])


@lru_cache(maxsize=1)
def _spellings() -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """(family names, name words: the middle names, the common given names and the family names, which are middle
    names too) by their letters without marks: the common family names before the rarer; the name words in no
    order (marked_name weighs them)."""
    from vnresolve.diacritics.vntext import normalize_tone

    families: dict[str, list[str]] = {}
    for n in (*formats.SURNAMES, *formats.RARER_SURNAMES):
        families.setdefault(fold(n), []).append(n)
    words: dict[str, list[str]] = {}
    for n in sorted({normalize_tone(m) for m in MIDDLE_NAMES} | set(formats.NAME_DOCUMENTS)
                    | set(formats.SURNAMES) | set(formats.RARER_SURNAMES)):
        words.setdefault(fold(n), []).append(n)
    return ({k: tuple(dict.fromkeys(v)) for k, v in families.items()}, {k: tuple(v) for k, v in words.items()})


def _after(lm, a: str, b: str) -> float:
    """log P(b | a) in the language model, backed off to b's own where the model holds no such pair; -inf where
    it lacks either word."""
    ia, ib = lm.ids.get(a.lower()), lm.ids.get(b.lower())
    if ia is None or ib is None:
        return float("-inf")
    pair = lm.bigram(a.lower(), b.lower())
    return float(pair[0]) if pair is not None else float(lm.uni_bow[ia] + lm.uni_lp[ib])


def marked_name(words: list[str], model_dir: Path | None = None) -> tuple[list[str], str] | None:
    """(the name's words with the marks the lists give them, why that is doubted) of a name read without marks
    ('Nguyen Van An' from a legacy text layer or OCR that lost them: 'Nguyễn Văn An'), or None where a word has no
    spelling in the lists (a minority's name, a rare word: left as read) or none of them takes a mark. The first
    word takes the commonest family name of its letters; each other the name word the restorer's language model
    likeliest puts after the one before it ('Thu Hà', not 'Thu Hạ'), the documents it names someone in where the
    model is missing. Always doubted: the letters do not tell a name's marks ('An' or 'Ân', 'Hùng' or 'Hưng'), and
    the lists hold the common names only, so one spelling in them is no proof there is no other."""
    families, given = _spellings()
    if len(words) < 2 or not all(w.isascii() and w.isalpha() for w in words):
        return None
    fits = [families.get(fold(w), ()) if k == 0 else given.get(fold(w), ()) for k, w in enumerate(words)]
    if not all(fits):
        return None
    lm = _language(model_dir)
    marked = [fits[0][0]]
    # the common spellings only where the letters have one (a rare name word is as often a word misread into the
    # list: 'Trong', 'Giảng'), and a middle name where the second of three words or more can be one
    fits[1:] = [tuple(w for w in f if w in MIDDLE_NAMES or formats.kinh_surname(w)
                      or formats.NAME_DOCUMENTS.get(w, 0) >= COMMON_GIVEN) or f for f in fits[1:]]
    if len(words) >= 3:
        fits[1] = tuple(w for w in fits[1] if w in MIDDLE_NAMES) or fits[1]
    for f in fits[1:]:
        marked.append(max(f, key=lambda w: (_after(lm, marked[-1], w) if lm is not None else 0.0,
                                            formats.NAME_DOCUMENTS.get(w, 0))))
    if marked == words:
        return None  # no word's likeliest spelling has a mark ('Cao Minh Quang'): printed so, as most are
    others = [f"'{m}' or '{next(w for w in f if w != m)}'" for m, f in zip(marked, fits) if len(f) > 1]
    return marked, (f"'{' '.join(words)}' was read without marks; given those of the likeliest names"
                    + (f" ({', '.join(others[:2])}?)" if others else "") + ": the letters do not tell a name's marks")


def _bare_shaped(words: list[str]) -> bool:
    """Whether a name read without marks, given marked_name's marks, has a name's shape as plain as its letters
    are ambiguous: three words or more, a common family name, a middle name (or a family name, as a mother's is)
    next, and common name words after ('NGUYEN VAN AN'; without marks 'DO KHONG', 'DANG DUOC', 'BAC BINH' would
    read as names, as would many places and headings)."""
    from vnresolve.diacritics.vntext import normalize_tone

    def common(w: str) -> bool:
        return formats.NAME_DOCUMENTS.get(normalize_tone(w), 0) >= COMMON_GIVEN or formats.kinh_surname(w)

    middles = {normalize_tone(m) for m in MIDDLE_NAMES}
    return (len(words) >= 3 and words[0] in formats.SURNAMES
            and all(normalize_tone(w) in middles or common(w) for w in words[1:2]) and all(map(common, words[2:])))


def bare_name(words: list[str]) -> tuple[str, str] | None:
    """(the name, why it is doubted) of a name line's words read without marks, given those of the likeliest names
    (marked_name) where the line has a name's plain shape (_bare_shaped) and passes the capitals' checks in any
    marks (_capitals_doubt: no post, body, place or common word); None otherwise."""
    if not (bare := marked_name(words)):
        return None
    taken, doubt = _capitals_doubt(bare[0], bare=True)
    return (" ".join(bare[0]), "; ".join(filter(None, (bare[1], doubt)))) if taken else None


def _capitals_doubt(words: list[str], model_dir: Path | None = None, bare: bool = False) -> tuple[bool, str | None]:
    """(whether a name line printed in capitals, title-cased as `words`, is read as a name; why it is doubted).
    A capitals line in the signature block is far oftener a post, a body, a seal's or a heading's text than a name,
    and the lists of name words and family names hold everyday syllables ('Chủ', 'Vi', 'Quan'): it is a name only
    where it opens on a family name (or a minority's particle its family name confirms), every word but one at
    most is a known name word (the one, in a name of three words or more, a syllable: doubted), no two words of a
    listed post's or body's name run in it ('NHÂN DÂN'), and the whole is no post's or body's name in any marks
    ('TRƯƠNG BAN', 'CAO BANG'), its first letter lost or not ('ÔNG AN'); 'PHÓ' opening it is a deputy's post, and
    two words that are one common word ('VI PHẠM', 'QUAN TRỌNG') no name. It is certain only where its family
    name is a common one, it has three words or more, no two of its given names are one common word ('ĐOÀN
    THANH NIÊN') unless it has a name's shape (_name_shaped: 'TRẦN VĂN HÓA'), and neither it nor its last three
    words name a place ('DƯƠNG MINH CHÂU', 'LÊ HỒNG PHONG': a seal's or a heading's text?); otherwise it is doubted,
    and so it is where the language model (in `model_dir`, the committed one where None) is missing."""
    from vnresolve.diacritics.syllables import is_syllable

    placed = placed_particle(words)
    family = _family_end(placed[1], placed[2]) if placed and placed[0] == 0 else None
    # a first particle no family name confirms ('Y', 'H' alone) is a word's letter lost ('Y BAN NHÂN DÂN' for 'ỦY
    # BAN …') or a seal's letters
    first = formats.kinh_surname(words[0]) or len(words[0]) > 1 and formats.known_surname(words[0])
    if not (placed and (placed[0] or family) or first) or words[0] == "Phó":
        return False, None
    pairs, named, place_names = _titles()
    line = fold(" ".join(words))
    tone_placed = [formats.tone_placed(w) for w in words]
    # three words or more opening on a common family name are a name's shape: doubted, not dropped, where two
    # of its words run in a listed name ('NGUYỄN KHOA HỌC')
    shaped = len(words) >= 3 and words[0] in formats.SURNAMES
    listed = next((f"{a} {b}" for a, b in zip(tone_placed, tone_placed[1:]) if (a, b) in pairs), None)
    # read without marks (`bare`, marked_name's marks given): a listed name's words or a common word in any marks
    one_word = _one_word_bare if bare else _one_word
    if bare:
        listed = listed or next((f"{a} {b}" for a, b in zip(words, words[1:]) if (fold(a), fold(b)) in _bare_pairs()),
                                None)
    if line in named or listed and not shaped or len(words) == 2 and one_word(*words, model_dir):
        return False, None
    if bare and not _bare_shaped(words):
        return False, None
    # without marks a post's or a body's two words ('TRUONG PHONG', 'VAN PHONG') end it however name-shaped, but for a
    # middle name and the word after it ('Văn Minh'): marks given by the lists would make a person of 'Trưởng phòng'
    from vnresolve.diacritics.vntext import normalize_tone

    middles = {normalize_tone(m) for m in MIDDLE_NAMES} if bare else set()
    if bare and any((fold(a), fold(b)) in _bare_pairs() for k, (a, b) in enumerate(zip(words, words[1:]))
                    if not (k == 1 and normalize_tone(a) in middles)):
        return False, None
    confirmed = len(family.split()) if family else 0
    unknown = [w for k, w in enumerate(words) if k and not (
        formats.name_word_known(w) or particle_at(words, k) or k == len(words) - 1 and _one_letter_given(w)
        or k >= len(words) - confirmed)]
    if len(unknown) > 1 or unknown and not family and (len(words) < 3 or not is_syllable(unknown[0].lower())):
        return False, None
    if unknown:
        return True, f"'{unknown[0]}' is no common name word (the name read from capitals): misread?"
    if listed:
        return True, f"'{listed}' runs in a post's or a body's name (the name read from capitals): its text?"
    # the whole, or its last three words ('… MINH CHÂU' under a seal): given names of two words are as often a
    # commune's name ('Văn An', 'Thu Hà'), which tells nothing
    if place := next((" ".join(words[-n:]) for n in (len(words), 3) if n <= len(words)
                      and fold(" ".join(words[-n:])) in place_names), None):
        return not bare, f"'{place}' is a place's name too (the name read from capitals): a seal's or a heading's text?"
    # without a name's shape (_name_shaped), given names that are one common word are a heading's or a body's
    # text, and without the language model to tell, the name is doubted
    if not _name_shaped(words):
        if len(words) >= 3 and _language(model_dir) is None:
            return True, "no language model to check the given names (the name read from capitals)"
        if common := next((f"{a} {b}" for a, b in zip(words[1:], words[2:]) if one_word(a, b, model_dir)), None):
            return not bare, (f"'{common}' is a common word too (the name read from capitals): a heading's or a "
                              "body's text?")
    if family is None and words[0] not in formats.SURNAMES:
        return True, f"'{words[0]}' is a rarer family name and an everyday syllable (the name read from capitals)"
    if len(words) < 3:
        return True, "a name of two words read from capitals: a seal's or a heading's text reads the same"
    return True, None


def _name_of(text: str) -> tuple[str | None, str | None, str | None]:
    """(rank, name, why it was restored or is doubted) of a name line: _read_name's."""
    rank, name, why, restored = _read_name(text)
    return rank, name, restored or why


def _read_name(text: str) -> tuple[str | None, str | None, str | None, str | None]:
    """(rank, name, why it is doubted, why it was restored) of a name line; a family name whose first letter the
    signature covered ('rần Phước Hiền') is restored when only one family name fits, and a given name
    whose L was read 'I.' or 'l' ('I.ong') when the L gives a common name ('Long'). A name printed in capitals
    ('NGUYỄN VĂN AN', older documents, some provinces' and Party committees') or with words OCR read so
    ('NGUYỄN Văn An') is read title-cased ('Nguyễn Văn An') where _capitals_doubt takes it for one."""
    capitals = any(_capital(w) for w in text.split())
    if capitals and any(re.search(r"[^\W\d_]", w) and re.search(r"\d|[,;]", w) for w in text.split()):
        return None, None, None, None  # a digit for a letter, a comma: a body's or a post's line misread, no name
    if capitals:
        text = " ".join(_titled(w) if _capital(w) else w for w in text.split())
    # a speck or a stroke's end read as a mark stuck to a word ('..Hoàng', 'Hiền:'): no name word holds one
    # (a small letter opening the line is kept where it is a family name's last letter: 'ũ Ngọc Nam' for 'Vũ';
    # not before a family name, where it is a speck: 'à Nguyễn Văn An')
    # a capital alone is a word's, kept ('Sùng Ạ Hồ'), and so is a particle's letter read small ('Sùng a Hồ'):
    # whether either is a particle is particle_at's, below
    tokens = [t for w in text.split() for t in _particle_apart(_QUOTED.sub(r"\1’\2", w))]
    words = [w if _APOSTROPHED.match(w) else w.strip(_MARKS) for k, w in enumerate(tokens)
             if not _STROKE.fullmatch(w) or w.isalpha() and w.isupper() or _as_particle(w.strip(_MARKS))
             or k == 0 and _surname_tail(w, tokens[1:2])]
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
    # a particle's letters read with a stray mark or small ('Sùng Ạ Hồ'): the particle where its convention puts it,
    # doubted; a small letter anywhere else is a stroke, left out; a capital alone anywhere else is left out but
    # doubted: a speck, or the first letter of a word the signature hid ('Trần Quốc Đ')
    kept: list[str] = []
    for k, w in enumerate(words):
        if (p := _as_particle(w)) and particle_at([*kept, p, *words[k + 1:]], len(kept)):
            kept.append(p)
            why = why or (f"'{w}' read where a minority's particle '{p}' stands: the particle with a stray mark, "
                          "or a speck?")
        elif k == len(words) - 1 and len(kept) == 2 and _one_letter_given(w):
            # 'Nguyễn Như Ý': a one-letter given name; a speck after a two-word name reads the same
            kept.append(w)
            why = why or f"'{w}' kept as a one-letter given name ('Như Ý'): or a speck after a two-word name?"
        elif k == len(words) - 1 and len(kept) == 2 and w == "ý":
            # a small 'ý' is a speck's reading as often as a name's 'Ý' read small: left out, doubted
            why = why or "'ý' left out of the name: a speck, or the one-letter given name 'Ý' read small?"
        elif len(w) == 1 and w.isupper() and not particle_at([*kept, w, *words[k + 1:]], len(kept)):
            why = why or f"'{w}' left out of the name: a speck, or the first letter of a word the signature hid?"
        elif not (p and _STROKE.fullmatch(w) and w.islower()
                  and not (k == 0 and _surname_tail(w, words[1:2]))):
            kept.append(w)
    words = kept
    # a minority's particle counts where its convention puts it (particle_at: a one-word name only as 'K\'Mák'),
    # and a one-letter given name where it was kept, last
    if not (2 <= len(words) <= 5 or len(words) == 1 and particle_at(words, 0)) \
            or not all(_NAME_WORD.match(w) or particle_at(words, k) or k == len(words) - 1 and _one_letter_given(w)
                       for k, w in enumerate(words) if k):
        return rank, None, None, None
    restored = None
    if not (_NAME_WORD.match(words[0]) or particle_at(words, 0)):
        if not (words[0][:1].islower() and (surname := formats.complete_surname(words[0]))):
            return rank, None, None, None
        words = [surname, *words[1:]]
        restored = "the family name's first letter was hidden; restored from the common family names"
    # a name read without marks (a legacy text layer, OCR that lost them) is given those of the common names where
    # it passes the capitals' checks (no post, body or common word in any marks), always doubted; a line in small
    # letters failing them is left as read, doubted later as no known family name
    if not restored and marked_name(words) is not None:
        if read := bare_name(words):
            return rank, read[0], "; ".join(filter(None, (read[1], why))), None
        if capitals:
            return rank, None, None, None
    if capitals:
        taken, doubt = _capitals_doubt(words)
        if not taken:
            return rank, None, None, None
        why = why or doubt
    return rank, " ".join(words), why, restored


def _from_surname(r: Run, text: str) -> str:
    """A name line less the words before its family name read under WEAK_OCR ('đa ảo Lý Minh Hiền':
    a seal's text; 'ảnh Hoàng Công Nga': the signature's stroke): a name starts with its family name. A word in
    capitals is sought title-cased only where it was read surely: a weak one is a speck's or the seal's ('HÀ Lý
    Minh Hiền')."""
    at = next((k for k, (t, c) in enumerate(r.words) if formats.known_surname(
        _titled(w) if _capital(w := t.strip(_MARKS)) and (c is None or c >= WEAK_OCR) else w)), None)
    if at and all(c is not None and c < WEAK_OCR for _, c in r.words[:at]):
        return " ".join(t for t, _ in r.words[at:]).strip(" *")
    return text


def body_name(text: str) -> bool:
    """Whether a capitals line is a known body's name ('VĂN PHÒNG', 'ỦY BAN NHÂN DÂN'), no post: no name is read
    from capitals under it."""
    from vnresolve.parsers import bodies

    return fold(text).strip(" .:") in bodies.folded_names()


def capitals_name(text: str, under_post: bool, listed: bool = True
                  ) -> tuple[str | None, str | None, str | None, float] | None:
    """A signer's name line with a word in capitals (past a rank's): None where it has none (an ordinary name line,
    _name_of's), else (rank, name, why doubted, the name's confidence). Such a line is a name only where it stands
    where the name does (`under_post`: under a post, the first lines there, read surely) and _capitals_doubt takes
    it for one: confidence 1.0 where certain, 0.45 where doubted, 0.4 where a letter was restored; a name none.
    Under a post no list holds (`listed` False: 'TỔNG BIÊN TẬP', 'NGƯỜI LẬP BIỂU') it is doubted at most."""
    words = text.split()
    rank = next((rk for rk in formats.RANKS if fold(text).startswith(fold(rk) + " ")), None)
    if not any(_capital(w) for w in words[len(rank.split()) if rank else 0:]):
        return None
    if not under_post:
        return None, None, None, 0.0
    rk, name, why, restored = _read_name(text)
    if name and not listed and not (restored or why):
        why = "a name read from capitals under a post no list holds: the post's or a body's text?"
    return rk, name, restored or why, 0.4 if restored else 0.45 if why else 1.0
