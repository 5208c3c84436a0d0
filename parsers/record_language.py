"""Whether a field's words are Vietnamese as printed: a word no syllable spells, a mark no letter
takes, a change the restorer was unsure of, a word the sentence's language reads otherwise."""

from __future__ import annotations

import re

import numpy as np

from vnresolve.parsers import formats, misreads
from vnresolve.parsers.record_doubts import NAME_CONF
from vnresolve.parsers.text import caps, fold
from vnresolve.schemas import Correction, Document


_LETTERS = re.compile(r"[^\W\d_]+")

# the k sound before the glide u/o is spelt 'qu' ('quân', 'quốc'): 'cuậc', 'coa' spell no syllable
_C_BEFORE_GLIDE = re.compile(r"^[ck](?:o[aăe]|u[âêơy])")

_MID_SEMICOLON = re.compile(r"(?<=[a-zđà-ỹ]);\s*(?=[a-zđà-ỹ])")
_VIETNAMESE_LETTERS = re.compile("[a-zđàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]+")


def _garbled(text: str) -> str | None:
    """The first word of `text` that spells no Vietnamese syllable and is no code in plain capitals
    (UBND, HĐND, COVID): OCR's misreading ('NGIHÀ'), which a field must not carry as certain."""
    from vnresolve.diacritics.syllables import is_syllable
    from vnresolve.diacritics.vntext import split_tone

    for token in text.split():
        if any(c.isdigit() for c in token):
            continue  # a symbol or a figure, not a word
        for word in _LETTERS.findall(token):
            if not _VIETNAMESE_LETTERS.fullmatch(word.lower()):
                return word  # a letter no Vietnamese word has ('Ñguyên', 'xâÿ'): a mark read onto another
            if _C_BEFORE_GLIDE.match(split_tone(word.lower())[0]):
                return word
            if not (is_syllable(word.lower()) or (len(word) >= 2 and word.isupper() and word.replace("Đ", "D").isascii())):
                return word
    return None


# marks Vietnamese puts on no letter: a diaeresis, and a tilde or an acute on a consonant ('xâÿ', 'Ñguyên')
_FOREIGN_MARK = re.compile(r"(?<=[^aeiouyAEIOUY\W\d_])[\u0303\u0301]|\u0308")


def _foreign_marks_dropped(text: str) -> str:
    """Each word with a mark no Vietnamese letter takes, less that mark, where it then spells a
    syllable ('xâÿ' -> 'xây', 'Ñguyên' -> 'Nguyên'): a speck read as part of the letter."""
    import unicodedata

    from vnresolve.diacritics.syllables import is_syllable

    def mend(m: re.Match) -> str:
        word = m.group()
        if _VIETNAMESE_LETTERS.fullmatch(word.lower()):
            return word
        bare = unicodedata.normalize("NFC", _FOREIGN_MARK.sub("", unicodedata.normalize("NFD", word)))
        return bare if is_syllable(bare.lower()) else word
    return _LETTERS.sub(mend, text)


# the restorer's confidence below which its change to a field's word leaves the field doubted: on the
# forms' scans its changes to field words under 0.9 were wrong 3 times in 5, those above right
RESTORED_SURE = 0.9
_TOKEN = re.compile(r"\S+")


def _bare(token: str) -> str:
    return token.strip(" .,;:()\"'").casefold()


def _unsure_restoring(doc: Document, value: str | None) -> Correction | None:
    """The least sure change the restorer made to a word of `value` where the text reads `value`
    whole round it: a mark or letter it chose among close readings ('PHỐNG' read, 'PHONG' chosen
    over 'PHỔNG'), which a field must not carry as certain. None when every word of `value` was
    read as printed or restored surely."""
    found = None
    for c in _changes_in(doc, value, lambda c: c.confidence < RESTORED_SURE):
        if found is None or c.confidence < found.confidence:
            found = c
    return found


def marks_given(doc: Document, value: str | None) -> Correction | None:
    """The restorer's first change that gave marks to a word of `value` read with none ('NGUYEN' restored
    'NGUYỄN'), where the text reads `value` whole round it, however sure: a name has no sentence round it, and
    its letters do not tell its marks ('AN' is 'An' or 'Ân'). None where no word of `value` was so restored."""
    return next(_changes_in(doc, value, lambda c: fold(c.original) == c.original.lower() != c.restored.lower()),
                None)


def _changes_in(doc: Document, value: str | None, keep):
    """The restorer's changes `keep` takes to a word of `value` where the text reads `value` whole round it, in
    the text's order (the same word elsewhere, 'du lịch cộng đồng' in the body under the subject, is not the
    field's)."""
    if not value or doc.restoration is None:
        return
    words = [b for w in value.split() if (b := _bare(w))]
    reach = 2 * len(value) + 16  # the value's words with room for the line breaks and spaces between them
    for c in doc.restoration.corrections:
        if not keep(c) or doc.text[c.start:c.end] != c.restored:
            continue  # one not sought, or a record not of this text
        if (here := _bare(c.restored)) not in words:
            continue
        before = [b for m in _TOKEN.finditer(doc.text, max(0, c.start - reach), c.start) if (b := _bare(m.group()))]
        after = [b for m in _TOKEN.finditer(doc.text, c.end, c.end + reach) if (b := _bare(m.group()))]
        if any(w == here and before[len(before) - i:] == words[:i] and after[:len(words) - i - 1] == words[i + 1:]
               for i, w in enumerate(words)):
            yield c


def _typed_name_word(doc: Document, c: Correction) -> bool:
    """Whether the restorer's change `c` unmade a common name word typed with its marks on a text layer
    or a text file ('Hương' restored 'Hưởng'): the marks they hold are the document's own."""
    # the page the word stands on: a typed first page may come with a scanned signed last page
    page = next((p for p in doc.pages if p.start <= c.start < p.end), None)
    typed = page is not None and page.source in ("text-layer", "input-text") and fold(c.original) != c.original.lower()
    return typed and formats.name_word_known(c.original)


# the restorer's confidence, marks taken away, above which the language overrules a subject's printed
# marks: on the forms' and the real scans' subjects no right word was overruled at 0.99
LANGUAGE_SURE = 0.99
# the same for a reading without marks ('du' where 'dư' was read): the restorer leaves the folded word as it
# is, so no change and no reason stands behind it; on 3,000 right news sentences 12 such right words came
# back surer than 0.99, 1 surer than this ('giá' read 'gia'; a typo aside)
LANGUAGE_SURE_BARE = 0.99999


def _language_reading(doc: Document, text: str | None):
    """`text` without its marks, restored from the language alone by the restorer the document was
    restored with; None without such a restorer (no record, passthrough) or text."""
    from vnresolve.diacritics import load_restorer

    name = _restorer_name(doc)
    return language_reading(load_restorer(name), text) if name is not None and text else None


def language_reading(restorer, text: str):
    """`text` without its marks restored by `restorer` (load_restorer's), a TokenChange for every word,
    changed or not: a word whose right reading has no marks ('du lịch' read 'dư lịch') comes back as
    folded, and only its own confidence says whether the language is sure of it."""
    return restorer.restore(fold(text), every_word=True)


def _restorer_name(doc: Document) -> str | None:
    """The name of the shipped restorer the document was restored with; None without one."""
    from vnresolve.diacritics import restorer_label

    label = doc.restoration.model if doc.restoration is not None else None
    return next((n for n in ("default", "fast") if restorer_label(n) == label), None)


def _language_model(doc: Document):
    """The trigram LM of the restorer the document was restored with; None without one."""
    from vnresolve.diacritics import load_restorer

    name = _restorer_name(doc)
    return getattr(load_restorer(name), "lm", None) if name is not None else None


# letters Tesseract confuses in print (misreads.CONFUSED, and a 'c' whose top caught a speck read 't': forms
# 2050's 'trong tác cơ quan'), each with those it is read for; the language alone decides here, so a pair
# real names differ by (which CONFUSED leaves out) is safe to add
_LETTER_PAIRS = (*misreads.CONFUSED, ("t", "c"))
_LETTER_MISREADS = {c: tuple(b if a == c else a for a, b in _LETTER_PAIRS if c in (a, b))
                    for pair in _LETTER_PAIRS for c in pair}
# natural-log margin by which the sentence must prefer the word one such letter away: on 3,000 right news
# sentences no swap gained more than 5.7, on the forms' 384 right subjects none more than -4.5
LETTER_MARGIN = 10.0
_LM_TOKEN = re.compile(r"[^\W\d_]+|\d+|,")


def _logprobs(lm, seq: list[str]):
    """log P of each word of `seq` (which opens with two BOS) given the two before it."""
    from vnresolve.diacritics.lmtokens import UNK

    ids = np.array([lm.ids.get(w, lm.ids[UNK]) for w in seq], dtype=np.uint64)
    return lm.logprob(ids[:-2], ids[1:-1], ids[2:])


def _gain(lm, seq: list[str], i: int, alt: str, base=None) -> float:
    """How much likelier `seq` (two BOS first) is with `alt` for its word i, over the three trigrams that
    hold it (natural log); `base`: _logprobs(lm, seq), where it is at hand."""
    base = _logprobs(lm, seq) if base is None else base
    return float((_logprobs(lm, seq[:i] + [alt] + seq[i + 1:])[i - 2:i + 1] - base[i - 2:i + 1]).sum())


def _letter_against_language(text: str, lm) -> tuple[str, str] | None:
    """(word, word the sentence needs) where one letter OCR confuses, read otherwise, makes a word the
    language finds overwhelmingly likelier where it stands ('tìm kiếm cứu rạn' for 'cứu nạn'): a letter
    misread into another real word, which neither the marks nor the syllables show."""
    from vnresolve.diacritics.lmtokens import BOS, EOS, NUM

    tokens = [(m.group(), m.start()) for m in _LM_TOKEN.finditer(text)]
    words = [BOS, BOS, *(NUM if t.isdigit() else t.lower() for t, _ in tokens), EOS]
    base = _logprobs(lm, words)
    for i, (token, at) in enumerate(tokens, start=2):
        word = words[i]
        if word not in lm.ids or not token.isalpha():
            continue
        if at and token[:1].isupper() and not caps(text) and formats.name_word_known(token):
            continue  # a name inside a subject in small letters: the language has no say
        for k, letter in enumerate(word):
            for other in _LETTER_MISREADS.get(letter, ()):
                alt = word[:k] + other + word[k + 1:]
                if alt not in lm.ids:
                    continue
                if _gain(lm, words, i, alt, base) > LETTER_MARGIN:
                    return token, alt
    return None


def _marks_against_language(text: str, result) -> tuple[int, str, str] | None:
    """(offset, word, word the sentence needs) where `text`'s marks come back otherwise with near
    certainty in `result` (_language_reading): a word OCR misread into another real word ('ý kiến cửa
    Thường trực', 'đề ân'), which the restorer kept as read because OCR was sure of it."""
    from vnresolve.diacritics.vntext import normalize_tone

    # a bare reading counts only among others: a word kept as it stands (a foreign word) is no reading the language chose
    sure = {c.start for c in result.changes if c.confidence >= LANGUAGE_SURE and c.restored != c.original
            or c.confidence >= LANGUAGE_SURE_BARE and c.alternatives}
    ours, theirs = list(_LETTERS.finditer(text)), list(_LETTERS.finditer(result.text))
    if len(ours) != len(theirs):
        return None
    found, others = None, 0
    for a, b in zip(ours, theirs):
        if a.start() and a.group()[:1].isupper() and not caps(text) and formats.name_word_known(a.group()):
            continue  # a person's or a place's name inside a subject in small letters ('Cửa Tùng'): the language has no say
        # 'hoá' and 'hóa' are one word, its mark placed by the old rule or the new: no misreading
        if normalize_tone(a.group().lower()) == normalize_tone(b.group().lower()):
            continue
        if found is None and any(b.start() <= at < b.end() for at in sure):
            found = a.start(), a.group(), b.group()
        else:
            others += 1
    # the language overrules one word of a sentence it otherwise reads as printed: where it reads another word
    # otherwise too, the sentence lies outside what it knows (speech, a trade's terms) and its certainty says little
    return found if not others else None


def _unsure_against_language(doc: Document, text: str, result) -> tuple[str, str] | None:
    """(word, word the language prefers) for a word of `text` OCR read less surely than a word read
    without context must be (NAME_CONF) and which `result` (_language_reading) spells otherwise: a
    letter misread into another real word ('Cuộc hạp' for 'Cuộc họp'), which the marks alone cannot
    show. Each sign alone is common on right words; both together are not."""
    from vnresolve.diacritics.vntext import normalize_tone

    if not doc.pages:
        return None
    ours = [b for w in text.split() if (b := _bare(w))]
    words = [(_bare(w.text), w.conf) for line in doc.pages[0].lines for w in line.words]
    # the page's words where the most of `text`'s stand in order: the field's own line, not the same word elsewhere
    best, at = 0, None
    for i in range(len(words) - len(ours) + 1):
        hits = sum(a == b for (a, _), b in zip(words[i:i + len(ours)], ours))
        best, at = (hits, i) if hits > best else (best, at)
    if at is None or best < len(ours) / 2:
        return None
    theirs = [_bare(w) for w in result.text.split()]
    if len(theirs) != len(ours):
        return None
    for (read, conf), mine, lang in zip(words[at:at + len(ours)], ours, theirs):
        if read == mine and conf is not None and conf < NAME_CONF and normalize_tone(mine) != normalize_tone(lang):
            return mine, lang
    return None
