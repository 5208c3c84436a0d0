"""The candidate lattice: each word's readings with their LM ids and channel scores, in LM sentences.

A word becomes a Slot: its candidate readings (candidates.py) as LM ids and channel scores, with
the context evidence that is the word's own (a digit between words, a capital inside a sentence,
a clean word that is already a syllable). Punctuation the LM knows becomes an int (its LM id);
everything else that is no changeable word (spacing, protected tokens) is a one-reading Slot.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from vnresolve.diacritics.candidates import CandidateGenerator
from vnresolve.diacritics.config import DecoderConfig
from vnresolve.diacritics.lmtokens import NUM
from vnresolve.diacritics.mixture import Mixture
from vnresolve.diacritics.places import data_lines
from vnresolve.diacritics.tokens import LONE_SYMBOLS, Word, is_roman, roman_repair
from vnresolve.diacritics.vntext import case_pattern, is_foreign, normalize_tone, strip_accents

_INLINE_SEP = re.compile(r"^[ \t]+$")
_BOUNDARY = re.compile(r"[.!?;]|\n[ \t]*\n")
_COMMA = re.compile(r"[,:]")
_LINE_STOP = re.compile(r"[\n.:;!?/]")
_ITEM_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzđ")
_ITEM = re.compile(r"^[ \t]*([a-zđ])\)", re.M)  # a list item's letter at a line's start: 'a) ...'
# an item's number or letter alone before a word on its line ('6- Tổng kết', 'b) Tổ chức'): the
# word opens the item's sentence, so its capital says nothing of a name
_ITEM_HEAD = re.compile(r"[ \t]*(?:\d{1,3}|[a-zđ])[-–)][ \t]*")
_CLAUSE = re.compile(r"^[ \t]*(?:\d+[.)]|[DĐ]i\S{1,2}u\s+\d)", re.M)  # a clause's number or an article's head starts another list

_NUM_JOIN = re.compile(r"^[./:,-]+$")
# a line opening like a label: a colon within its first three words ('Noi nhận:', 'Dien thoại: 0255')
_LABEL_OPENING = re.compile(r"[^\s:]{1,30}(?:[ \t]+[^\s:]{1,30}){0,2}[ \t]*:")
# words that introduce a person's name ('ông', 'bà', 'anh', 'chị', 'đồng chí' by its last word)
_NAME_INTRODUCERS = frozenset({"ông", "bà", "anh", "chị", "chí"})
# the last word of a place's unit (xã, phường, thị trấn, huyện, quận, thị xã, thành phố, tỉnh), and
# of a Party committee: 'ủy' after its level (Đảng ủy, Huyện ủy, Thị ủy; not Ủy ban). A place's name
# follows them in a header. Marked forms: stripped, PHÓ, TRẦN, QUÂN, XÃ HỘI and TÍNH would pass too
_UNITS = frozenset({"xã", "phường", "trấn", "huyện", "quận", "tỉnh", "phố"})
_COMMITTEE_LEVELS = _UNITS | {"đảng", "thành", "thị"}
# Tesseract sometimes emits the 'ﬁ' ligature for one heavily marked vowel ('dﬁy' = đẩy, 'cﬁa' =
# của, 'gﬁn' = gần in seeds 002-004); the channel never saw it, but it reads such vowels as 'i'
# ('nim' = năm, 'cia' = của), so candidates are looked up as if it were an 'i'.
LIGATURE_FI = "\ufb01"
_CACHE_MAX = 200_000  # cached slots before the cache starts again (a page repeats its words)
# an unmarked syllable is a word of clean text in its own right ('con', 'sang', 'kinh', 'ghe') where the
# corpus writes its letters so in at least this share of their uses; below it ('gui' 0.5 % of gửi,
# gùi, gũi; 'noi', 'nhan') the bare form is mostly text typed without marks, which the LM weighs
PLAIN_SHARE = 0.02


@dataclass
class Slot:
    word: Word
    options: list[tuple[str, float]]  # (lower-case restoration, channel log-prob)
    ids: np.ndarray
    chan: np.ndarray
    pattern: str  # the word's case pattern (vntext.case_pattern), or "keep" / "merged": not decoded


Sentence = list  # of Slot | int (an int: a punctuation token's LM id, one reading)
# the pattern of a title-case OCR word whose capital may be the OCR's: output.py writes it in
# title case only where its reading is often capitalised inside a sentence
MIDTITLE = "title?"
# capitals whose small letter has the same shape, which English-model OCR confuses on a scan
_SAME_SHAPE_CAPITALS = frozenset("CSOUVWXZ")
# Posts as official documents write them (NĐ 30/2020 Phụ lục I, HD 36): a head word's capital, the rest
# small, or the whole post in capitals. 'Phó …' is the post after 'Phó'.
# Not Thứ trưởng: its letters are also Thủ trưởng's (the head of an agency), which the context must choose.
POSTS = tuple(tuple((syl.lower(), case_pattern(syl)) for syl in post.split()) for post in (
    "Tổng cục trưởng", "Bộ trưởng", "Cục trưởng", "Vụ trưởng", "Viện trưởng", "Hiệu trưởng",
    "Chánh Văn phòng", "Chánh Thanh tra", "Tổng Giám đốc", "Giám đốc", "Chủ tịch", "Trưởng phòng", "Trưởng ban",
    "Bí thư", "Chủ nhiệm", "Thủ tướng"))
# a post's letters in its written case are that post (a line of the signature block or of 'Nơi nhận',
# where no context helps: 'Vu trudng' alone had read Vũ trường): this outweighs the clean and name guards
_POST_LETTERS: dict[str, list[tuple[int, int]]] = {}  # a post word's letters -> (post, place in it)
for _p, _post in enumerate(POSTS):
    for _k, (_syl, _case) in enumerate(_post):
        _POST_LETTERS.setdefault(strip_accents(_syl), []).append((_p, _k))
_POST_LONGEST = max(len(post) for post in POSTS)
POST_BONUS = 8.0
POST_NEAR = 2.0  # nats of channel a post's word may be below its best reading other than as written
# where a post stands in a signature block or a 'Nơi nhận' list: first on its line, after an item's
# dash, an authority mark or 'Phó'. Inside a sentence its letters may be other words ('vũ trường').
_POST_LEAD = re.compile(r"[ \t]*(?:[-–•+*][ \t]*)?(?:(?:KT|TM|TL|TUQ|Q|T/M|K/T)\.?[ \t]+)?(?:(?:Phó|PHÓ|Pho|PHO)[ \t]+)?")
# 'So' right before a document code's number, its letters after it ('So: 45/2021/NĐ-CP', 'So 12/CT-UBND',
# '12-CT/TU'), is the number's label 'Số'; before a date, a range or a plain number it is 'so (với)'
_NUMBER_AFTER = re.compile(r"(?:[ \t]{1,3}|[ \t]{0,3}:[ \t]{0,3})\d{1,6}(?:/\d{4})?[/-][A-ZĐ]")
NUMBER_LABEL = "số"
# 'SO' before a sector's joined acronym ('SO GD&DT', 'KH&ĐT') is the department, 'Sở'
_SECTOR_AFTER = re.compile(r"[ \t]{1,3}[A-ZĐ]{1,5}&[A-ZĐ]{1,4}\b")
SECTOR_LABEL = "sở"


@dataclass
class Adapted:
    """A document's adapted channel (passes.py): its generator, its slot cache, and the observed
    characters and character pairs whose costs it changed (a word with none of them scores as before),
    and whether its mark channel changed (then any word may score otherwise)."""
    gen: CandidateGenerator
    slots: dict
    chars: frozenset[str]
    pairs: frozenset[str]
    marks: bool = False

    def touches(self, token: str) -> bool:
        if self.marks:
            return True
        low = token.lower().replace(LIGATURE_FI, "i")
        return not self.chars.isdisjoint(low) or any(low[k:k + 2] in self.pairs for k in range(len(low) - 1))


def load_acronyms(path: Path) -> dict[str, str]:
    """data/acronyms.txt: an acronym as OCR may write it -> its form (the first and last field)."""
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].split()
        if line:
            out[line[0]] = line[-1]
    return out


class Lattice:
    """Slots of the words of a text, grouped into LM sentences."""

    def __init__(self, gen: CandidateGenerator, lm_ids: dict[str, int], specials: dict[str, int],
                 syllables: set[str], acronyms: dict[str, str], capitals: np.ndarray | None, cfg: DecoderConfig):
        self.gen = gen
        self.lm_ids = lm_ids
        self.unk, self.num, self.comma = specials["unk"], specials["num"], specials["comma"]
        self.syllables = syllables
        self.acronyms = acronyms
        self.bare = {strip_accents(s) for s in syllables}  # letters that some marking makes a syllable
        self.plain = plain_words(syllables, gen.unigram)
        self.compounds = place_pairs()
        self.capitals = capitals  # log P(title case | LM word) (capitals.py), or None
        self.cfg = cfg
        self.slots: dict[tuple, Slot] = {}

    def sentences(self, text: str, ws: list[Word], mixes: list[Mixture], adapted: Adapted | None = None,
                  names: frozenset[int] | None = None) -> list[Sentence]:
        """Slots grouped into LM sentences; ints are punctuation/number tokens with one reading.
        `names`: name_words(text, ws), where the caller has it."""
        cfg = self.cfg
        names = name_words(text, ws) if names is None else names
        self._prefetch(ws, mixes, adapted)
        posts = self._posts(text, ws, mixes, adapted)
        sents: list[Sentence] = [[]]
        prev_end, prev_num = 0, False
        place_lines: dict[int, int] = {}  # _in_place_name's, filled line by line
        caps_lines = capitals_lines(text, ws)
        for i, (w, mix) in enumerate(zip(ws, mixes)):
            sep = text[prev_end:w.start]
            if sep == " ":  # the usual separator: neither a boundary nor a comma
                pass
            elif _BOUNDARY.search(sep) and not _wrapped(sep, w) and not (
                    mix.clean >= 0.5 and i and _name_wrapped(sep, ws[i - 1], w)):
                sents.append([])
                prev_num = False
            elif (mix.clean >= 0.5 and sents[-1] and i not in names and _opens_line_unmarked(sep, w)
                  and (not _name_wraps(text, ws, i, names, self.compounds) or self._beside_stripped(text, ws, i, caps_lines))):
                sents.append([])
                prev_num = False
            elif _COMMA.search(sep) and sents[-1]:
                sents[-1].append(self.comma)
            among = (mix.clean >= cfg.clean_guard_from and w.text.isascii() and w.text.isalpha()
                     and _among_marked(text, ws, i))
            guard = not self._unguarded_word(text, ws, i, mix, names, caps_lines)
            slot = self.slot(w, mix, adapted, among_marked=among, guard=guard)
            if len(w.text) == 1 and _item_marker(text, w):  # a list item's letter, 'a)': never a word
                letter = _item_letter(w.text, _items_before(text, w), mix, _next_item(text, w))
                slot = self._fixed_slot(w, letter, letter)
            if (slot.pattern == "keep" and mix.clean < 0.5 and self._caps_word(w)
                    and _among_capitals(text, ws, i, self.bare)):
                slot = self.slot(Word(w.start, w.end, w.text, False), mix, adapted, as_word=True)
            elif slot.pattern == "keep" and self._mended_acronym(w) and "upper" in _line_neighbours(text, ws, i, self.bare):
                slot = self._acronym_or_word(w, mix, adapted)
            if w.bare_number and len(slot.options) > 1 and _inline(text, ws, i):
                chan = slot.chan.copy()
                chan[1:] += cfg.inline_digit_bonus
                slot = Slot(w, slot.options, slot.ids, chan, slot.pattern)
            if slot.pattern == "title" and mix.clean >= 0.5 and w.text.isascii() and _beside_foreign(text, ws, i, self.bare):
                # an unmarked capitalised word beside a foreign word is part of a foreign name ('xứ Muong
                # Inthapatha'), whose marks the LM cannot know
                slot = self._fixed_slot(w, w.text, w.text.lower())
            if slot.pattern == "upper" and mix.clean >= 0.5 and w.text.isascii() and self._hyphen_code(text, ws, i, caps_lines):
                slot = self._fixed_slot(w, w.text, w.text.lower())
            if slot.pattern == "title":
                item_head = _ITEM_HEAD.fullmatch(text, _line_start(text, w), w.start)
                if sents[-1] and mix.clean >= 0.5 and not item_head:
                    slot = self._name_bonus(slot)
                if self.capitals is not None and (i in names if mix.ocr > 0.5 else sents[-1] and (
                        _after_word(sents[-1]) if w.text.isascii() else "\n" not in sep and not item_head)):
                    # a word without marks after a word, a marked one after a word or number on its line
                    # ('102°36' Đông'), or part of a name: the capital tells which
                    slot = self._capital_evidence(slot)
            if mix.clean >= 0.5 and self._marked_capitals(w) and _in_place_name(text, ws, i, place_lines):
                # a place's name the LM cannot know: as a title-case name, and as a syllable of clean text
                slot = self._name_bonus(slot, self._clean_guard(mix))
            if mix.ocr > 0.5 and slot.pattern in ("upper", "title"):
                slot = _line_case(slot, text, ws, i)
                if slot.pattern == "title" and _case_misread(text, ws, i, names):
                    slot = Slot(w, slot.options, slot.ids, slot.chan, MIDTITLE)
            if i in posts:
                slot = self._post_bonus(posts[i][0], posts[i][1])
            elif w.text.lower() == "so" and _NUMBER_AFTER.match(text, w.end):
                slot = self._post_bonus(slot, NUMBER_LABEL)
            elif w.text.lower() == "so" and _SECTOR_AFTER.match(text, w.end):
                slot = self._post_bonus(slot, SECTOR_LABEL)
            is_num = slot.pattern == "keep" and int(slot.ids[0]) == self.num
            if not (is_num and prev_num and _NUM_JOIN.match(sep)):
                sents[-1].append(slot)
            else:
                sents[-1].append(Slot(w, slot.options, np.array([], np.uint64), slot.chan, "merged"))
            prev_num, prev_end = is_num, w.end
        return [s for s in sents if s]

    def _prefetch(self, ws: list[Word], mixes: list[Mixture], adapted: Adapted | None) -> None:
        """The candidates of the words' usual reading (_make_slot's obs under the word's mixture)
        made in one batch per generator (CandidateGenerator.prefetch) before the slots ask for
        them one at a time: a new page's tokens are scored together."""
        base: list[tuple[str, Mixture]] = []
        own: list[tuple[str, Mixture]] = []
        for w, mix in zip(ws, mixes):
            if not (w.fixed or w.bare_number):
                key = (w.text.lower().replace(LIGATURE_FI, "i"), mix)
                (own if adapted is not None and adapted.touches(w.text) else base).append(key)
        self.gen.prefetch(base)
        if own:
            adapted.gen.prefetch(own)

    def _posts(self, text: str, ws: list[Word], mixes: list[Mixture], adapted: Adapted | None) -> dict[int, tuple]:
        """Words that spell a post (POSTS) in its written case, each with its slot and the post's
        syllable, where every word has that syllable among its readings and none is a marked
        syllable other than it (the author's marks stay)."""
        out: dict[int, tuple] = {}
        bare: dict[str, str] = {}

        def letters(j: int) -> str:
            tok = ws[j].text.lower()
            if tok.isascii():
                return tok
            hit = bare.get(tok)
            if hit is None:
                hit = bare[tok] = strip_accents(tok)
            return hit

        i = 0
        while i < len(ws):
            found = None
            if (ws[i].text[0].isupper() and not ws[i].fixed and (first := case_pattern(ws[i].text)) != "lower"
                    and _POST_LEAD.fullmatch(text, _line_start(text, ws[i]), ws[i].start)):
                # posts with a word of their own letters here (cheap), then their readings
                near = sorted({p for j in range(i, min(i + _POST_LONGEST, len(ws)))
                               for p, k in _POST_LETTERS.get(letters(j), ()) if j - k == i})
                for p in near:
                    if found := self._post_at(text, ws, mixes, adapted, i, POSTS[p], first == "upper"):
                        break
            if found:
                out.update(zip(range(i, i + len(found)), found))
                i += len(found)
            else:
                i += 1
        return out

    def _post_at(self, text: str, ws: list[Word], mixes: list[Mixture], adapted: Adapted | None, i: int,
                 post: tuple, upper: bool) -> list[tuple] | None:
        if i + len(post) > len(ws):
            return None
        found, exact = [], 0
        for k, (syl, case) in enumerate(post):
            w = ws[i + k]
            sep = text[ws[i + k - 1].end:w.start] if k else ""
            if w.fixed or sep.strip() or sep.count("\n") > 2:  # spaces or one line's wrap only
                return None
            if case_pattern(w.text) != ("upper" if upper else case):
                return None
            low = w.text.lower()
            if not low.isascii() and normalize_tone(low) in self.syllables and normalize_tone(low) != syl:
                return None
            slot = self.slot(w, mixes[i + k], adapted)
            if slot.pattern == "keep" and upper:  # capitals no marking makes a syllable: a word here ('TRUDNG')
                slot = self.slot(w, mixes[i + k], adapted, as_word=True)
            score = max((c for opt, c in slot.options if opt == syl), default=None)
            if score is None:
                return None
            same = strip_accents(low) == strip_accents(syl)
            # a word OCR changed more than its marks must still read best as the post's ('trudng'), so
            # that a line of other words ('TRONG BA' = trong ba) never becomes one ('TRƯỞNG BAN')
            if not same and score < max(c for opt, c in slot.options if opt != low) - POST_NEAR:
                return None
            exact += same
            found.append((slot, syl))
        return found if exact else None

    def _post_bonus(self, slot: Slot, syl: str) -> Slot:
        chan = slot.chan.copy()
        chan[[k for k, (opt, _c) in enumerate(slot.options) if opt == syl]] += POST_BONUS
        return Slot(slot.word, slot.options, slot.ids, chan, slot.pattern)

    def _clean_guard(self, mix: Mixture) -> float:
        """How much more evidence a word that is already a syllable needs to change: up to
        clean_bonus, by how clean its text is."""
        cfg = self.cfg
        return max(0.0, mix.clean - cfg.clean_guard_from) / (1.0 - cfg.clean_guard_from) * cfg.clean_bonus

    def _marked_capitals(self, w: Word) -> bool:
        """Is w a syllable in capitals with its marks (ĐẢNG, DIÊN, THẠNH)? One with no marks or that
        no syllable spells ('QUYÉT') is damage the channel reads as usual."""
        tok = w.text
        return tok.isalpha() and tok.isupper() and not tok.isascii() and normalize_tone(tok.lower()) in self.syllables

    def _caps_word(self, w: Word) -> bool:
        """Is a word kept as an acronym or a Roman numeral ('TU', 'DU', 'VI') one whose letters
        are also a syllable's (từ, dự, vị)?"""
        tok = w.text
        return (len(tok) <= 4 and tok.isalpha() and tok.isupper() and strip_accents(tok.lower()) in self.bare
                and (tok in self.acronyms or is_roman(tok)))

    def _mended_acronym(self, w: Word) -> bool:
        """Is w an acronym as English-model OCR writes it, mended to another spelling ('DU' for ĐU), whose
        letters also spell a syllable (dự, du)?"""
        fixed = self.acronyms.get(w.text)
        return fixed is not None and fixed != w.text and w.text.isalpha() and strip_accents(w.text.lower()) in self.bare

    def _acronym_or_word(self, w: Word, mix: Mixture, adapted: Adapted | None) -> Slot:
        """A mended acronym beside a word in capitals that spells a syllable ('DU BAO', 'DU THẢO', 'PHÁT TRIỂN
        DU'): the acronym is one reading beside the word's, as likely as its best, and the LM chooses. Alone
        on its line, among small letters or beside an acronym ('Chi bộ DU', 'T/M BTV DU') it stays the acronym."""
        slot = self.slot(Word(w.start, w.end, w.text, False), mix, adapted, as_word=True)
        fixed = self.acronyms[w.text].lower()
        return Slot(w, [*slot.options, (fixed, 0.0)], np.append(slot.ids, np.uint64(self.lm_ids.get(fixed, self.unk))),
                    np.append(slot.chan, slot.chan.min()).astype(np.float32), slot.pattern)

    def slot(self, w: Word, mix: Mixture, adapted: Adapted | None = None, as_word: bool = False,
             among_marked: bool = False, guard: bool = True) -> Slot:
        """Candidates of one word; the arrays are cached per (spelling, kind, mixture) because a
        page repeats its words, and rebuilding them was a fifth of the decoding time. With a
        document's adapted channel, a word it touches is scored (and cached) with that channel.
        among_marked: an unmarked word whose nearest words on its line are marked (_among_marked);
        guard: False where the clean guard is withheld from an unmarked syllable (_unguarded_word)."""
        gen, slots = self.gen, self.slots
        if adapted is not None and adapted.touches(w.text):
            gen, slots = adapted.gen, adapted.slots
        key = (w.text, w.fixed, w.bare_number, mix, as_word, among_marked, guard)
        hit = slots.get(key)
        if hit is None:
            if len(slots) > _CACHE_MAX:
                slots.clear()
            hit = slots[key] = self._make_slot(w, mix, gen, as_word, among_marked, guard)
        return Slot(w, hit.options, hit.ids, hit.chan, hit.pattern)

    def _fixed_slot(self, w: Word, text: str, lm_word: str) -> Slot:
        wid = self.lm_ids.get(lm_word, self.unk)
        return Slot(w, [(text, 0.0)], np.array([wid], np.uint64), np.zeros(1, np.float32), "keep")

    def _make_slot(self, w: Word, mix: Mixture, gen: CandidateGenerator, as_word: bool = False,
                   among_marked: bool = False, guard: bool = True) -> Slot:
        """as_word: a word of a run of capitals, read as a word even where it spells an acronym;
        among_marked: an unmarked word among marked ones (_among_marked); guard: an unmarked syllable
        of clean text gets the clean guard (not where _unguarded_word says so)."""
        cfg, lm_ids = self.cfg, self.lm_ids
        tok = w.text
        lone = len(tok) == 1 and tok in LONE_SYMBOLS
        if w.bare_number and mix.ocr > 0.5 and (tok[0] in "014568" or lone or tok.isalnum() and not tok.isdigit()):
            penalty = cfg.digit_penalty if tok.isdigit() or lone else cfg.digit_penalty + cfg.letter_digit_bonus
            # every candidate the channel keeps: the right reading is often far down ('16' = tổ ranks tenth)
            options = [(tok, 0.0)] + [(s, c + penalty) for s, c in gen.candidates(tok, mix) if s != tok]
            # kept as written, a digit-letter mix ('16n') is no number the LM knows: an unknown word
            own = self.num if tok.isdigit() else lm_ids.get(tok, self.unk)
            ids = np.array([own] + [lm_ids.get(s, self.unk) for s, _ in options[1:]], np.uint64)
            chan = np.array([c for _, c in options], np.float32) * cfg.ocr_channel_weight
            if not tok.isdigit():
                chan[0] += cfg.letter_digit_keep
            return Slot(w, options, ids, chan, "lower")
        roman = roman_repair(tok) if mix.ocr > 0.5 else None
        if roman:
            return self._fixed_slot(w, roman, roman.lower())
        if w.fixed or is_foreign(tok.replace(LIGATURE_FI, "i")):
            return self._fixed_slot(w, tok, NUM if any(c.isdigit() for c in tok) else tok.lower())
        if self._foreign_with_d_bar(tok):
            plain = tok.replace("đ", "d").replace("Đ", "D")
            return self._fixed_slot(w, plain, plain.lower())
        if tok in self.acronyms and not as_word:
            fixed = self.acronyms[tok]
            return self._fixed_slot(w, fixed, fixed.lower())
        low = tok.lower()
        if ((mix.ocr <= 0.5 or "Đ" in tok) and tok.isupper() and len(tok) >= 2 and strip_accents(low) not in self.bare
                and not as_word):
            # capitals that no marking makes a syllable ('HN', 'TP', 'TTHC') are an acronym or a
            # code in text that is not English-model OCR, which never writes Đ ('ĐVT', 'ĐBSCL'
            # wherever they stand): left as written, never expanded
            return self._fixed_slot(w, tok, low)
        obs = low.replace(LIGATURE_FI, "i")
        if among_marked and obs.isascii() and obs.isalpha() and obs not in self.syllables and obs in self.bare:
            # a word without marks whose letters spell a syllable only with marks, between marked words
            # of clean or `vie` OCR text, is a foreign word or an acronym ('kip', 'yen', 'MIT'): `vie` OCR
            # seldom drops all of one word's marks and none of its neighbours'; only the mark channel may
            # read it. A run of such words is stripped text ('BIEN BAN HOP'), read as the mixture says
            mix = Mixture(mix.clean, 0.0, 0.0)
        options = gen.candidates(obs, mix)
        if obs != low:  # the ligature form itself stays the 'unchanged' reading
            options = [(low if s == obs else s, c) for s, c in options]
            ids = np.array([lm_ids.get(s, self.unk) for s, _ in options], np.uint64)
        else:
            ids = gen.candidate_ids(obs, mix)
        norm = normalize_tone(obs)
        if norm != obs and norm in lm_ids and any(s == obs for s, _c in options):
            # a syllable with its tone on the older place ('thoả', 'hoà') is the reading 'thỏa', 'hòa'
            # as printed, written in the one placement style
            options = [(norm if s == obs else s, c) for s, c in options if s != norm]
            ids = np.array([lm_ids.get(s, self.unk) for s, _ in options], np.uint64)
        weight = cfg.ocr_channel_weight if mix.ocr > 0.5 else cfg.channel_weight
        chan = np.array([c for _, c in options], np.float32) * weight
        chan[ids == self.unk] += cfg.unk_penalty
        if guard and self._guardable(low, mix):
            chan[[i for i, (opt, _c) in enumerate(options) if opt == low]] += self._clean_guard(mix)
        return Slot(w, options, ids, chan, case_pattern(tok))

    def _guardable(self, low: str, mix: Mixture) -> bool:
        """Is low an unmarked syllable of clean text, which needs the clean guard's evidence to change?"""
        return mix.clean >= self.cfg.clean_guard_from and low.isascii() and low in self.syllables

    def _unguarded_word(self, text: str, ws: list[Word], i: int, mix: Mixture, names: frozenset[int],
                        caps_lines: list[bool]) -> bool:
        """Does word i go without the clean guard _make_slot gives an unmarked syllable? Where the
        corpus seldom writes it so (not in self.plain: 'gui', 'noi', 'nhan'), or it stands beside such
        a word on its line, a run typed without marks ('Kinh gui:'). A name's title-case word keeps it
        ('Ông Vu Truong'): the LM cannot know a name's marks; so does a word in capitals outside a
        line of unmarked capitals, an acronym or a code ('mẫu CO cho', 'BEN NGHE WARD')."""
        low = ws[i].text.lower()
        if (not self._guardable(low, mix) or (i in names and case_pattern(ws[i].text) == "title")
                or _acronym_caps(ws, i, caps_lines) and not self._stripped_caps_run(text, ws, i)):
            return False
        return low not in self.plain or self._beside_stripped(text, ws, i, caps_lines)

    def _stripped_caps_run(self, text: str, ws: list[Word], i: int) -> bool:
        """Is word i one of a run of unmarked capitals on its line (words one space apart) holding a
        word that only a marking makes a syllable ('DE NHAT')? The run was typed without marks and is
        read whole, not as an acronym beside a restored word."""
        for step in (-1, 1):
            j = i
            while 0 <= j + step < len(ws):
                a, b = (ws[j + step], ws[j]) if step < 0 else (ws[j], ws[j + step])
                tok = ws[j + step].text
                if (ws[j + step].fixed or not _INLINE_SEP.match(text[a.end:b.start]) or not tok.isascii()
                        or not tok.isalpha() or case_pattern(tok) != "upper"):
                    break
                low = tok.lower()
                if low in self.bare and low not in self.syllables:
                    return True
                j += step
        return False

    def _hyphen_code(self, text: str, ws: list[Word], i: int, caps_lines: list[bool]) -> bool:
        """Is word i, unmarked capitals, joined by a hyphen to other unmarked capitals ('mô hình SE-VA',
        'QĐ-UBND') on a line that is not all unmarked capitals, the pair being no place's words ('BA
        RIA-VUNG TAU')? A code, whose parts are no words to mark; beside a marked word ('KINH TẾ-XA
        HỘI', 'BÀ RIA-VŨNG TÀU') it is a word of a compound or a place."""
        for k in (i - 1, i + 1):
            if 0 <= k < len(ws):
                a, b = (ws[k], ws[i]) if k < i else (ws[i], ws[k])
                x = ws[k].text
                if text[a.end:b.start] == "-" and case_pattern(x) == "upper":
                    return (x.isascii() and (a.text.lower(), b.text.lower()) not in self.compounds
                            and not caps_lines[i])
        return False

    def _beside_stripped(self, text: str, ws: list[Word], i: int, caps_lines: list[bool]) -> bool:
        """Is a neighbour of word i on its line an unmarked syllable the corpus seldom writes so ('gui'
        beside 'Kinh', not in self.plain) that goes without the guard itself (not an acronym: 'CO')?"""
        for k in (i - 1, i + 1):
            if not 0 <= k < len(ws) or ws[k].fixed:
                continue
            a, b = (ws[k], ws[i]) if k < i else (ws[i], ws[k])
            x = ws[k].text.lower()
            if (_INLINE_SEP.match(text[a.end:b.start]) and x.isascii() and x in self.syllables
                    and x not in self.plain and not _acronym_caps(ws, k, caps_lines)):
                return True
        return False

    def _foreign_with_d_bar(self, tok: str) -> bool:
        """Is tok a foreign word whose D `vie` OCR read as Đ ('Đouglas', 'đinosaur')? Vietnamese
        writes đ only in its own syllables: a word with no other mark, of five letters or more, with
        two vowels or more (not an acronym: 'ĐBSCL', 'ĐVT'), that is no run of syllables (not words
        OCR glued: 'đangtheo')."""
        low = tok.lower()
        plain = low.replace("đ", "d")
        return ("đ" in low and plain.isascii() and plain.isalpha() and len(plain) >= 5
                and sum(c in "aeiouy" for c in plain) >= 2 and not _syllable_run(low, self.syllables))

    def _name_bonus(self, slot: Slot, extra: float = 0.0) -> Slot:
        """In clean text a capitalised word inside a sentence is usually a name (Hang, Long,
        Thanh), which the LM cannot vouch for; make changing it need more evidence (`extra` more)."""
        low = normalize_tone(slot.word.text.lower())  # 'Thoả' is the reading 'thỏa'
        chan = slot.chan.copy()
        for i, (opt, _c) in enumerate(slot.options):
            if normalize_tone(opt) == low:
                chan[i] += self.cfg.name_bonus + extra
        return Slot(slot.word, slot.options, slot.ids, chan, slot.pattern)

    def _capital_evidence(self, slot: Slot) -> Slot:
        """A title-case word inside a sentence: each reading's chance to be written so (capitals.py).
        For a word printed with marks as a syllable the capital speaks only against readings seldom
        written so ('Họ Cói' is no 'coi'), never for a rival over the printed marks, which a name's
        own ('Phố Cáo') are and which capitals of common words cannot know."""
        if len(slot.options) < 2:
            return slot
        lp = self.capitals[slot.ids.astype(np.intp)]
        low = normalize_tone(slot.word.text.lower())
        own = [k for k, (o, _c) in enumerate(slot.options) if normalize_tone(o) == low] if not low.isascii() else []
        chan = slot.chan + np.float32(self.cfg.capital_weight) * (
            np.minimum(lp - lp[own[0]], 0.0) if own else lp - lp.max())
        return Slot(slot.word, slot.options, slot.ids, chan, slot.pattern)


def _syllable_run(low: str, syllables: set[str]) -> bool:
    """Can low be cut into syllables (words OCR glued together)?"""
    ends = {0}
    for j in range(1, len(low) + 1):
        if any(low[i:j] in syllables for i in ends if j - i <= 7):
            ends.add(j)
    return len(low) in ends


def plain_words(syllables: set[str], unigram: dict[str, float]) -> frozenset[str]:
    """The unmarked syllables written so in at least PLAIN_SHARE of the corpus uses of their letters
    (`unigram`: log relative frequencies of the syllables)."""
    uses: dict[str, float] = {}
    for syl in syllables:
        key = strip_accents(syl)
        uses[key] = uses.get(key, 0.0) + math.exp(unigram.get(syl, -30.0))
    return frozenset(syl for syl in syllables
                     if syl.isascii() and math.exp(unigram.get(syl, -30.0)) >= PLAIN_SHARE * uses[syl])


def capitals_lines(text: str, ws: list[Word]) -> list[bool]:
    """For each word, is every letter word on its line in unmarked capitals ('PHO CHU TICH'), text typed
    without marks rather than an acronym among marked words? One pass over the words, line by line."""
    out: list[bool] = []
    first = 0
    for i, w in enumerate(ws):
        if i and "\n" in text[ws[i - 1].end:w.start]:
            out.extend([all(_unmarked_capitals(x) for x in ws[first:i])] * (i - first))
            first = i
    out.extend([all(_unmarked_capitals(x) for x in ws[first:])] * (len(ws) - first))
    return out


def _unmarked_capitals(w: Word) -> bool:
    return (w.fixed or not any(c.isalpha() for c in w.text)
            or (w.text.isascii() and (w.text.isupper() or case_pattern(w.text) == "upper")))


def _acronym_caps(ws: list[Word], i: int, caps_lines: list[bool]) -> bool:
    """Is word i in capitals on a line not all unmarked capitals (`caps_lines`: capitals_lines)? An
    acronym or a code among marked words ('mẫu CO cho', 'nhãn MY'), not text typed without marks
    ('PHO CHU TICH')."""
    return case_pattern(ws[i].text) == "upper" and not caps_lines[i]


def place_pairs() -> frozenset[tuple[str, str]]:
    """Pairs of neighbouring words, without marks, in the places and phrases of data/provinces.txt
    and data/gazetteer.txt ('ria', 'vung'): words of a name, whatever joins them."""
    out = set()
    for name in ("provinces.txt", "gazetteer.txt"):
        for line in data_lines(name):
            words = [strip_accents(t.lower()) for t in re.split(r"[\s-]+", line) if t.isalpha()]
            out.update(zip(words, words[1:]))
    return frozenset(out)


def _opens_line_unmarked(sep: str, w: Word) -> bool:
    """Does an unmarked title-case word open a line ('Kinh gui:' under a subject line)? With no
    title-case word beside it (a name's: '… san khi' / 'Adolf Hitler' goes on), in marked text it is
    a label or heading typed without marks: read as the line before going on ('năm 2024 kinh tế'),
    it kept neither its marks nor its sentence's start."""
    return ("\n" in sep and not w.fixed and w.text.isascii() and w.text.isalpha()
            and case_pattern(w.text) == "title")


def _name_wraps(text: str, ws: list[Word], i: int, names: frozenset[int],
                compounds: frozenset[tuple[str, str]]) -> bool:
    """Does the line before word i end, with no punctuation, on a title-case word of a name (beside
    another title-case word, or after 'ông', 'bà', 'đồng chí' …: 'đồng chí Lê Văn' / 'Tuan làm …'), or
    of a place whose next word word i is ('tỉnh Quảng' / 'Ngai')?
    A name the line broke, whose next word goes on it, unless word i's line reads like a label ('Nguyễn
    Văn Hùng' / 'Noi nhận:') or that word is one of a run typed without marks (Lattice._beside_stripped)."""
    prev = ws[i - 1]
    if (not text[prev.end:ws[i].start].isspace() or prev.fixed or case_pattern(prev.text) != "title"
            or _LABEL_OPENING.match(text, ws[i].start)):
        return False
    if i - 1 in names or (strip_accents(prev.text.lower()), strip_accents(ws[i].text.lower())) in compounds:
        return True
    intro = ws[i - 2] if i >= 2 else None
    return (intro is not None and bool(_INLINE_SEP.match(text[intro.end:prev.start]))
            and intro.text.lower() in _NAME_INTRODUCERS
            and (intro.text.lower() != "chí" or i >= 3 and ws[i - 3].text.lower() == "đồng"))


def _wrapped(sep: str, w: Word) -> bool:
    """A blank line with no punctuation before a small letter: a sentence the OCR broke across
    lines it set apart (Tesseract splits blocks on line spacing), not a new one, which starts
    with a capital: the LM keeps the words before it as context."""
    return sep.isspace() and w.text[:1].islower()


def _among_marked(text: str, ws: list[Word], i: int) -> bool:
    """Is the nearest letter word on each side of word i, in its sentence on its line, a marked one
    (one side at least has such a word, and neither has an unmarked one)? Numbers, codes and
    protected spans are passed over; a line break or `. : ; ! ? /` ends the search on that side."""
    seen = False
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(ws):
            a, b = (ws[j].end, ws[i].start) if step < 0 else (ws[i].end, ws[j].start)
            if _LINE_STOP.search(text, a, b):
                break
            tok = ws[j].text
            if not ws[j].fixed and tok.isalpha():
                if tok.isascii():
                    return False
                seen = True
                break
            j += step
    return seen


def _name_wrapped(sep: str, prev: Word, w: Word) -> bool:
    """A blank line with no punctuation between two title-case words: a name the OCR broke across
    lines it set apart ('Viêng' / 'Chăn'), whose second word keeps its context and its name's guard."""
    return (sep.isspace() and not prev.fixed and not w.fixed and prev.text.isalpha() and w.text.isalpha()
            and case_pattern(prev.text) == case_pattern(w.text) == "title")


def _line_case(slot: Slot, text: str, ws: list[Word], i: int) -> Slot:
    """The case of a mangled OCR word whose own letters cannot tell it. English-model OCR reads a
    marked small vowel as a capital ('NOi' = Nội, 'HGi' = Hội, 'MY' = Mỹ), so a word in capitals
    among words that are not is title case; a lone capital letter among capitals ('HIEM B] CAM' =
    HIẾM BỊ CẤM) is upper case. The nearest words on its line decide (_line_neighbours)."""
    sides = _line_neighbours(text, ws, i)
    if not sides:
        return slot  # alone on its line (a heading): as written
    letters = sum(c.isalpha() for c in slot.word.text)
    # a misread vowel leaves a small letter ('NOi') or a word of two ('MY'); 'KHONG' all in capitals is emphasis
    mangled = letters <= 2 or any(c.islower() for c in slot.word.text)
    if slot.pattern == "upper" and mangled and "upper" not in sides:
        pattern = "title"
    elif slot.pattern == "title" and letters == 1 and all(s == "upper" for s in sides):
        pattern = "upper"
    else:
        return slot
    return Slot(slot.word, slot.options, slot.ids, slot.chan, pattern)


def _case_misread(text: str, ws: list[Word], i: int, names: frozenset[int]) -> bool:
    """Is title-case word i one whose capital English-model OCR may have misread: a letter whose
    small form has the capital's shape ('sap Xép', 'ddy Ui', 'day Va'), right after a lower-case
    word on its line, and not next to another title-case word (a name: 'Xiéng Kho')?"""
    if i == 0 or ws[i].text[0] not in _SAME_SHAPE_CAPITALS or i in names:
        return False
    prev = ws[i - 1]
    return prev.text.isalpha() and prev.text.islower() and bool(_INLINE_SEP.match(text[prev.end:ws[i].start]))


def _line_neighbours(text: str, ws: list[Word], i: int, bare: set[str] | None = None) -> list[str]:
    """Case patterns of the nearest word of two letters or more on each side of word i, up to three
    words away, in its sentence on its line: a code or a full stop or colon ends the search ('Nơi
    nhận: T/M ĐẢNG ỦY' joins two columns). A two-letter word in title case is passed over: it may be
    a mangled capital word itself ('Bi THU' = BÍ THƯ). With `bare` (letters some marking makes a
    syllable), a word no marking makes one (an acronym, 'UBND') ends the search too."""
    out = []
    for step in (-1, 1):
        for j in range(i + step, i + 4 * step, step):
            if not 0 <= j < len(ws) or ws[j].fixed and not ws[j].bare_number:
                break
            a, b = (ws[j].end, ws[i].start) if step < 0 else (ws[i].end, ws[j].start)
            if _LINE_STOP.search(text, a, b):
                break
            tok = ws[j].text
            letters = sum(c.isalpha() for c in tok)
            if letters >= 3 or letters == 2 and case_pattern(tok) != "title":
                if bare is None or strip_accents(tok.lower()) in bare:
                    out.append(case_pattern(tok))
                break
    return out


def _among_capitals(text: str, ws: list[Word], i: int, bare: set[str]) -> bool:
    """Do words in capitals that spell syllables stand on both sides of word i, in its sentence on
    its line? An acronym or a Roman numeral there is more often a word of the run whose marks OCR
    lost ('ĐƠN VI Ở', 'BẮT ĐẦU TU BẢY GIỜ', 'HỘI DU KIẾN'); at a line's end or before a full stop it
    stays ('CHƯƠNG VI')."""
    sides = _line_neighbours(text, ws, i, bare)
    return len(sides) == 2 and sides[0] == sides[1] == "upper"


def _in_place_name(text: str, ws: list[Word], i: int, lines: dict[int, int]) -> bool:
    """Does word i stand after the unit of a place or a Party committee (XÃ, HUYỆN, TỈNH, THÀNH
    PHỐ, ĐẢNG ỦY, ...) on a line whose letter words are all in capitals? The official formats set
    the issuer's lines so ('ĐẢNG ỦY XÃ DIÊN THẠNH', 'UBND HUYỆN TIỀN HẢI'), and what follows the unit
    is a place's name, which the LM cannot know.

    `lines` (one dict per page) holds, per word index, where a word of its line must start to
    follow the line's first unit; each line is read once, when one of its words is first asked
    about: a walk per word made a long line in capitals (a text dump) quadratic."""
    after = lines.get(i)
    if after is None:
        _place_line(text, ws, i, lines)
        after = lines[i]
    return ws[i].start >= after


def _place_line(text: str, ws: list[Word], i: int, lines: dict[int, int]) -> None:
    """_in_place_name's entry for every word of word i's line: the end of the line's first unit
    where its letter words are all in capitals, else past the text's end."""
    start = _line_start(text, ws[i])
    end = text.find("\n", ws[i].end)
    end = len(text) if end < 0 else end
    j, k = i, i
    while j > 0 and ws[j - 1].start >= start:
        j -= 1
    while k + 1 < len(ws) and ws[k + 1].end <= end:
        k += 1
    never = len(text) + 1
    after, prev = never, ""
    for w in ws[j:k + 1]:
        if w.fixed or not any(c.isalpha() for c in w.text):
            continue
        if not w.text.isupper():
            after = never
            break
        if after == never:
            word = normalize_tone(w.text.lower())
            if word in _UNITS or word == "ủy" and prev in _COMMITTEE_LEVELS:
                after = w.end
            prev = word
    for m in range(j, k + 1):
        lines[m] = after


def _item_marker(text: str, w: Word) -> bool:
    """Is word w the letter of a list item, 'a)' at a line's start?"""
    return text[w.end:w.end + 1] == ")" and w.text.islower() and not text[_line_start(text, w):w.start].strip()


def _line_start(text: str, w: Word) -> int:
    return text.rfind("\n", 0, w.start) + 1


def _items_before(text: str, w: Word) -> tuple[str, ...]:
    """The letters of the list items before item w, in order, as far back as they are items of the
    same list: after a new clause or article ('2. …', 'Điều 8. …') a 'd)' starts another list."""
    end, run = _line_start(text, w), []
    for item in reversed(list(_ITEM.finditer(text, 0, end))):
        if _CLAUSE.search(text, item.end(), end):
            break
        run.append(item[1])
        end = item.start()
    return tuple(reversed(run))


def _next_item(text: str, w: Word) -> str | None:
    """The letter of the list item after item w, where it is an item of the same list."""
    end = text.find("\n", w.end)
    item = _ITEM.search(text, end) if end >= 0 else None
    return None if item is None or _CLAUSE.search(text, end, item.start()) else item[1]


def _item_letter(letter: str, before: tuple[str, ...], mix: Mixture, after: str | None = None) -> str:
    """Legal texts letter their items a, b, c, d, đ, e, …: the item after a), b), c) is d), which `vie`
    OCR reads as đ) (a list that skips letters quotes the points an amendment changes: 'c) …', 'đ) …'
    stay); so is an đ) after c) whose list's next item is đ) again, as a list has one đ) (where the
    page opens inside the list, without its a); an đ) after d), or opening an amendment's quoted
    point, is the printed one). English-model OCR and accent stripping write đ as d, so there the
    second 'd)' in a row is đ) (clean text keeps its own). An item's letter is a plain Latin letter or
    đ: a mark OCR puts on it ('ï)', 'à)') is a speck."""
    if letter not in _ITEM_LETTERS:
        letter = strip_accents(letter)
    if letter == "đ" and (before[-3:] == ("a", "b", "c") or (before[-1:] == ("c",) and after == "đ")):
        return "d"
    if letter == "d" and before[-1:] == ("d",) and mix.clean < 0.5:
        return "đ"
    return letter


def _after_word(sent: Sentence) -> bool:
    """Does the sentence so far end in a letter word (not a comma, number or code)?"""
    last = sent[-1]
    return not isinstance(last, int) and last.word.text.isalpha()


def name_words(text: str, ws: list[Word]) -> frozenset[int]:
    """Indices of the words next to a title-case word on one line (a title-case one among them is a
    name's: 'Lam Thi My Da', 'Co Lao'). In OCR text a lone capital is often a mangled letter ('Igi' =
    lại), two in a row mostly a name, whose words are written so wherever the name stands (a
    sentence's first word too)."""
    title = [case_pattern(w.text) == "title" for w in ws]
    beside = [bool(_INLINE_SEP.match(text[a.end:b.start])) for a, b in zip(ws, ws[1:])]  # k: words k and k+1
    return frozenset(i for i in range(len(ws))
                     if (i > 0 and title[i - 1] and beside[i - 1]) or (i + 1 < len(ws) and title[i + 1] and beside[i]))


def _beside_foreign(text: str, ws: list[Word], i: int, bare: set[str]) -> bool:
    """Is a neighbour of word i on its line a foreign word: unmarked small letters or a title case that
    no marking makes a syllable ('Inthapatha', 'of'; not an acronym in capitals, nor a marked word
    OCR mangled, 'Tlài')?"""
    for k in (i - 1, i + 1):
        if not 0 <= k < len(ws):
            continue
        x, (a, b) = ws[k].text, sorted((ws[k], ws[i]), key=lambda w: w.start)
        if (_INLINE_SEP.match(text[a.end:b.start]) and x.isalpha() and x.isascii() and len(x) > 1 and not x.isupper()
                and x.lower() not in bare):
            return True
    return False


def _inline(text: str, ws: list[Word], i: int) -> bool:
    """Is word i between two letter words on one line ('6 khu', '& Angkor', 'Từ 46 mới', 'sống 6 Sài Gòn')?"""
    if i == 0 or i + 1 >= len(ws):
        return False
    a, b = ws[i - 1], ws[i + 1]
    # before a word in capitals ('6 UBND xa') only after a small word: after a title-case one it is a
    # heading's number ('Mục 6 QUY ĐỊNH CHUNG')
    return (_letter_word(a) and (_letter_word(b) or b.text.isalpha() and case_pattern(a.text) == "lower")
            and bool(_INLINE_SEP.match(text[a.end:ws[i].start])) and bool(_INLINE_SEP.match(text[ws[i].end:b.start])))


def _letter_word(w: Word) -> bool:
    """A word with letters, not protected and not in capitals. English-model OCR writes a word's
    first letter as a capital and a marked letter as a digit ('Tir' = Từ, 's6ng' = sống), so neither
    makes a neighbour less of a word; a digit between capitals is a heading's number ('CHƯƠNG 6 QUY')."""
    return (not w.fixed or w.bare_number) and any(c.isalpha() for c in w.text) and not (w.text.isupper() and len(w.text) > 1)
