"""How often the signer's post or authority line, misread by a letter OCR confuses, is given wrong but
certain, and how often a right one is doubted (development figure: the rules were written against it).

    python -m benchmarks.post_probe [-v]

The blocks are those benchmarks/formgen.py signs with (every body's authority lines and post) and
each known post of parsers/formats.py alone. One line of a block (the post, or one authority line)
is read with one of the misreadings print OCR makes: B and R, Đ as D or Ð, Ó as Ò or O, a digit for
a letter (0, 1, 8), a mark dropped, a word's tone read as another or none, the first letter lost, or
noise read as a short word of no syllable at its end or before its last word. Signers' names, Kinh and
minorities' with their one-letter particles ('Y Bhin Niê', 'Vàng A Chứ'), are read as printed and with a speck
read as a letter before, between or after their words (those are counted wrong but certain when a wrong name is
given with confidence 0.5 or more). Names printed in capitals ('NGUYỄN VĂN AN', or the family name alone so) are read
too, and capitals lines no name (posts, bodies, authority lines and ranks, as printed and misread) are put where the
name stands, none of which may be given as a name; and so are everyday words and places' names in capitals where the
name stands (the commonest two-word sequences of the shared corpus's langdata list, every unit's name of both
lists of parsers/places.py), each counted as read a certain name, a doubted one, or none: a certain one is a
word or a place taken for a person. The
block is laid out as the page's signature column under a 'Nơi nhận:' list and parsed (parsers.parse on
word boxes). A field is
wrong but certain when it differs from the printed value and its confidence is 0.5 or more (as the
catalogue bench counts). Right posts that are no known post (a post with its body, a court's, a
Party board's) are parsed too and counted when doubted.
"""

from __future__ import annotations

import argparse
import hashlib
import unicodedata

from benchmarks import formgen
from vnresolve import parsers
from vnresolve.diacritics.vntext import TONE_MARK, split_tone, tone_position
from vnresolve.parsers import formats
from vnresolve.schemas import Document, Line, Page, Source, Word

NAME = "Trần Minh Thành"

# posts printed in real blocks that no list can hold whole: a head's post with its body, a court's,
# a Party board's, a biên bản's secretary
UNLISTED = ("GIÁM ĐỐC SỞ TƯ PHÁP", "CHỦ TỊCH UBND TỈNH", "TRƯỞNG BAN TUYÊN GIÁO", "PHÓ TRƯỞNG BAN THƯỜNG TRỰC",
            "PHÓ BÍ THƯ THƯỜNG TRỰC", "ỦY VIÊN BAN THƯỜNG VỤ", "CHÁNH ÁN", "VIỆN TRƯỞNG", "TỔNG CỤC TRƯỞNG",
            "PHÓ TỔNG CỤC TRƯỞNG", "GIÁM ĐỐC CÔNG AN TỈNH", "CHỦ NHIỆM ỦY BAN KIỂM TRA", "KẾ TOÁN TRƯỞNG",
            "TRƯỞNG ĐOÀN", "PHÓ CHỦ TỊCH THƯỜNG TRỰC", "CHÁNH VĂN PHÒNG", "TRƯỞNG BAN", "GIÁM ĐỐC SỞ NỘI VỤ",
            "TRƯỞNG BAN TỔ CHỨC TỈNH ỦY", "PHÓ TRƯỞNG BAN DÂN VẬN", "THƯ KÝ", "CHÁNH THANH TRA TỈNH",
            # a letter or its marks from a listed post, each word a word of the posts' or bodies' names
            "HỘI TRƯỞNG", "ĐỒN TRƯỞNG", "KHU TRƯỞNG", "TRƯỞNG KHO", "PHÓ THỦ TRƯỞNG", "THỦ TRƯỞNG CƠ QUAN",
            "TRƯỞNG TRẠI GIAM",
            # a body's abbreviation holding a sign
            "TRƯỞNG PHÒNG TC-HC", "GIÁM ĐỐC SỞ GD&ĐT", "CHỦ TỊCH UBND TP.HCM", "CHÁNH VĂN PHÒNG HĐND-UBND")
# and blocks whose authority line no list holds
UNLISTED_BLOCKS = (("TM. HỘI NÔNG DÂN", "CHỦ TỊCH"), ("TM. QUÂN ỦY TRUNG ƯƠNG", "BÍ THƯ"), ("TM. BỘ TƯ LỆNH", "TƯ LỆNH"),
                   ("TM. ĐẢNG ỦY CQ-DN", "BÍ THƯ"), ("KT. GIÁM ĐỐC SỞ GD&ĐT", "PHÓ GIÁM ĐỐC"),
                   ("TM. TỔ 3A", "TỔ TRƯỞNG"), ("TM. ĐOÀN KT01", "TRƯỞNG ĐOÀN"), ("TT. HĐND TỈNH", "CHỦ TỊCH"))


# noise read as a word: letters no syllable holds, in capitals and not
NOISE = ("XQB", "Il")

# signers' names with a one-letter or apostrophe word by an ethnic minority's naming convention (Ê Đê and Jrai
# 'Y' and 'H\'', K'Ho 'K\'', Hmong 'A' and 'Mí', Ba Na 'Y'), and Kinh names of two, three and four words: each
# read as printed, and certain where its family name confirms the particle (the four that none confirms doubted)
NAMES = (NAME, "Lê Hùng", "Nguyễn Thị Minh Khai", "Y Bhin Niê", "Y Thanh Hà Niê Kdăm", "H'Hen Niê", "H' Linh Niê",
         "H’Hen Niê", "Vàng A Chứ", "Giàng A Páo", "Sùng A Hồ", "Hờ A Di", "Lầu Mí Sính", "K' Bình", "K'Mák",
         "Đinh Y Ngọc")
# names printed in capitals (older documents, some provinces' and Party committees'), read as 'Nguyễn Văn An': the
# probe's names above of common name words, Kinh names of the common family names, and names with a word no list
# holds; each also read with its given names in small letters ('NGUYỄN Văn An', OCR's mixed case)
CAPITALS_NAMES = (NAME, "Lê Hùng", "Nguyễn Thị Minh Khai", "Đinh Văn Hùng", "Ông Văn Ý", "Nguyễn Như Ý",
                  "Trương Văn An", "Lê Trường Giang", "Phạm Thị Thu Hà", "Đỗ Đức Dũng", "Hồ Xuân Hương", "Y Thanh Niê",
                  "Bùi Thị Xuân", "Nguyễn Văn Khoản", "Vàng A Chứ")
# capitals lines that stand in a signature block (posts, bodies, authority and seal lines, as printed) put where
# the name stands, under the post, no name line after them: none may be given as a name
CAPITALS_NOT_NAMES = ("CHỦ TỊCH", "PHÓ CHỦ TỊCH", "PHÓ GIÁM ĐỐC", "ỦY BAN NHÂN DÂN", "BAN THƯỜNG VỤ", "TỈNH ỦY",
                      "VĂN PHÒNG", "HÀ NỘI", "THÁI BÌNH", "NINH BÌNH", "CÔNG AN", "TRƯỞNG BAN", "HỒ CHÍ MINH",
                      "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "THIẾU TƯỚNG", "ĐẠI TÁ")
# a speck of the seal or the signature read as one letter, put before, between and after the name's words; the
# capitals a particle is spelt with among them
SPECKS = ("I", "l", "1", "|", "Y", "A", "K'")


def _line(text: str, x: float, y: float) -> Line:
    words, pos = [], x
    for t in text.split():
        words.append(Word(text=t, bbox=(pos, y, pos + 18 * len(t), y + 30), conf=95.0))
        pos += 18 * len(t) + 12
    return Line(text=text, bbox=(x, y, words[-1].bbox[2], y + 30), words=words, conf=95.0)


_HEAD = [("ỦY BAN NHÂN DÂN", 320, 160), ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 800, 160), ("TỈNH HÒA BÌNH", 330, 205),
         ("Độc lập - Tự do - Hạnh phúc", 900, 205), ("Số: 84/QĐ-UBND", 330, 270),
         ("Hòa Bình, ngày 03 tháng 02 năm 2025", 830, 270), ("QUYẾT ĐỊNH", 730, 420),
         ("Về việc phê duyệt kế hoạch", 600, 465), ("Nơi nhận:", 300, 1500), ("- Như Điều 3;", 300, 1540),
         ("- Lưu: VT.", 300, 1580)]


def _centred(text: str, y: float) -> Line:
    """`text` centred on the signature block's axis, as the forms set it (18 px a letter, 12 between words)."""
    return _line(text, 1200 - (18 * len(text.replace(" ", "")) + 12 * text.count(" ")) / 2, y)


def parse_block(block: list[str], name: str = NAME):
    """The record of a page whose signature column holds `block` (its lines from the top) and `name`
    (tests/test_parsers_signer_posts.py lays its blocks out with it too)."""
    lines = [_line(t, x, y) for t, x, y in _HEAD]
    lines += [_centred(t, 1500 + 40 * k) for k, t in enumerate(block)]
    lines.append(_centred(name, 1750))
    return parse_lines(lines)


def parse_lines(lines: list[Line]):
    """The record of a scanned A4 page at 200 dpi that holds `lines` (the signer tests' pages too)."""
    text = "\n".join(line.text for line in lines)
    page = Page(number=1, text=text, source="ocr", width=1650, height=2340, dpi=200, lines=lines, start=0, end=len(text))
    doc = Document(source=Source(path="probe.pdf", sha256=hashlib.sha256(text.encode()).hexdigest(), kind="pdf-scanned",
                                 pages=1), text=text, pages=[page])
    return parsers.parse(doc).metadata


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _bare(char: str) -> str:
    """The letter without its tone mark and its hat or horn, Đ kept."""
    return char if char in "Đđ" else _nfc(unicodedata.normalize("NFD", char)[0])


def unmarked(text: str) -> str:
    """The text without any mark, Đ as D: as a legacy text layer or an OCR that loses marks reads it."""
    return "".join(_bare(c) for c in text).replace("Đ", "D").replace("đ", "d")


def misreadings(line: str) -> list[tuple[str, str]]:
    """(kind, line as OCR may read it) for each letter of the line that print OCR confuses."""
    out = []
    for k, ch in enumerate(line):
        def put(kind: str, new: str) -> None:
            out.append((kind, line[:k] + new + line[k + 1:]))

        base = _bare(ch)
        if ch == "B":
            put("B->R", "R")
            put("B->8", "8")
        if ch == "R":
            put("R->B", "B")
        if ch == "Đ":
            put("Đ->D", "D")
            put("Đ->Ð", "Ð")
        if ch in "ÓỐỚ":
            put("Ó->Ò", _nfc(unicodedata.normalize("NFD", ch).replace("\u0301", "\u0300")))
        if base == "O":
            put("O->0", "0")
        if base == "I":
            put("I->1", "1")
        if base != ch and ch.isalpha():
            put("mark dropped", base)
    if line[:1].isalpha():
        out.append(("first letter lost", line[1:]))
    words = line.split(" ")
    # a speck or a stroke of the seal or the signature read as a short word no syllable, at the line's end or
    # before its last word (after the prefix, where a body's code may stand, none is put)
    for noise in NOISE:
        out.append(("noise word", f"{line} {noise}"))
        if len(words) > 1 + (formats.authority_prefix(line) is not None):
            out.append(("noise word", " ".join([*words[:-1], noise, words[-1]])))
    for k, word in enumerate(words):
        # the word's tone read as another, or none ('TRƯỞNG' as 'TRƯỜNG', 'THƯ' as 'THỦ'): the mark is a few pixels
        base, tone = split_tone(word.lower())
        if (at := tone_position(base)) is None or not base.isalpha():
            continue
        for other in (0, *TONE_MARK):
            if other != tone:
                new = base[:at] + _nfc(base[at] + TONE_MARK[other]) + base[at + 1:] if other else base
                out.append(("tone changed", " ".join(words[:k] + [new.upper() if word.isupper() else new] + words[k + 1:])))
    return out


def blocks() -> list[tuple[list[str], str | None]]:
    """(authority lines and post as printed, the post) of every signing formgen draws and every known post alone."""
    out = {}
    bodies = [formgen.Body("state", ("ỦY BAN NHÂN DÂN", "TỈNH X"), None, "UBND", "X", "CHỦ TỊCH", "PHÓ CHỦ TỊCH",
                           "ỦY BAN NHÂN DÂN"),
              formgen.Body("state", ("SỞ X",), None, "SX", "X", "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", None, level="department"),
              formgen.Body("state", ("BỘ X",), None, "BX", "X", "BỘ TRƯỞNG", "THỨ TRƯỞNG", None, level="ministry"),
              formgen.Body("party", ("TỈNH ỦY X",), None, "TU", "X", "BÍ THƯ", "PHÓ BÍ THƯ", "BAN THƯỜNG VỤ"),
              formgen.Body("party", ("ĐẢNG ỦY XÃ X",), None, "ĐU", "X", "BÍ THƯ", "PHÓ BÍ THƯ", "ĐẢNG ỦY",
                           level="commune"),
              formgen.Body("party", ("BAN X",), None, "BX", "X", "TRƯỞNG BAN", "PHÓ TRƯỞNG BAN", None, level="board")]

    class Every:  # formgen._signing's draw, made to return each choice in turn
        def __init__(self):
            self.seen = []

        def choice(self, options):
            self.seen.extend(options)
            return options[0]

    for body in bodies:
        for doc_type in ("official_letter", "directive", "decision"):
            every = Every()
            formgen._signing(every, body, doc_type)
            for authority, post in every.seen:
                out[(*authority, post)] = post
    for post in formats.POSTS:
        out.setdefault((post,), post)
    return [(list(k), v) for k, v in out.items()]


def name_cases() -> tuple[list[str], list[tuple[str, str]]]:
    """(right names, (printed name, the name with a speck read into it)) for the names' probe."""
    specked = []
    for name in NAMES:
        words = name.split()
        for at in range(len(words) + 1):
            specked += [(name, " ".join([*words[:at], speck, *words[at:]])) for speck in SPECKS]
    return list(NAMES), specked


def capitals_words(bigrams: int) -> list[tuple[str, list[str]]]:
    """(what, lines) of everyday words and places' names in capitals that stand where the name does in no document
    as a name: the `bigrams` commonest two-word sequences of the corpus's langdata list (letters only), and every
    unit's name of both lists. The bigrams only where the shared data is at hand."""
    import re

    from benchmarks.shared import SHARED, missing
    from vnresolve.parsers import places

    out = []
    if bigrams and not missing("post_probe's bigram row", "corpus/langdata_vie/vie.word.bigrams"):
        read = []
        with open(SHARED / "corpus/langdata_vie/vie.word.bigrams", encoding="utf-8") as f:
            for line in f:
                if len(words := line.split()) == 2 and all(re.fullmatch(r"[^\W\d_]+", w) for w in words):
                    read.append(" ".join(words).upper())
                if len(read) >= bigrams:
                    break
        out.append((f"the {len(read)} commonest word pairs", sorted(set(read))))
    out.append(("places' names, both lists", sorted({u.name.upper() for era in (places.BEFORE_2025, places.FROM_2025)
                                                     for u in places.units(era)})))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-v", action="store_true", help="list each wrong-but-certain reading")
    ap.add_argument("--bigrams", type=int, default=20000, help="the commonest word pairs put where the name stands")
    ap.add_argument("--unmarked", action=argparse.BooleanOptionalAction, default=True,
                    help="the word pairs and places also without marks")
    args = ap.parse_args()
    counts = {"post": [0, 0, 0, 0], "authority": [0, 0, 0, 0]}  # cases, right, wrong doubted, wrong certain
    kinds: dict[str, int] = {}
    listed = []
    for block, post in blocks():
        # an acting head's 'Q. <post>' line is the authority line and the post both (NĐ 30)
        authority = " ".join(block[:-1] + [post] * post.startswith("Q. ")) or None
        for at in range(len(block)):
            field = "post" if at == len(block) - 1 else "authority"
            for kind, read in misreadings(block[at]):
                meta = parse_block(block[:at] + [read] + block[at + 1:])
                for name, want, got, key in (("post", post, meta.signer.position, "signer.position"),
                                             ("authority", authority, meta.signer.on_behalf_of, "signer.on_behalf_of")):
                    if name != field and want == got:
                        continue  # the line not misread, read right: counted with its own misreadings
                    c = counts[name]
                    c[0] += 1
                    if got == want:
                        c[1] += 1
                    elif meta.confidence.get(key, 1.0) < 0.5:
                        c[2] += 1
                    else:
                        c[3] += 1
                        kinds[kind] = kinds.get(kind, 0) + 1
                        listed.append(f"  {' / '.join(block)} read {read!r}: {name} {got!r} certain")
    right_doubted, right_n = [], 0
    for block, post in blocks():
        right_n += 1
        meta = parse_block(block)
        authority = " ".join(block[:-1] + [post] * post.startswith("Q. ")) or None
        if meta.signer.position != post or meta.confidence.get("signer.position", 1.0) < 0.5 \
                or meta.signer.on_behalf_of != authority or meta.confidence.get("signer.on_behalf_of", 1.0) < 0.5:
            right_doubted.append(f"  {' / '.join(block)}: {meta.signer.position!r}")
    unlisted_doubted = []
    for block in [(post,) for post in UNLISTED] + list(UNLISTED_BLOCKS):
        meta = parse_block(list(block))
        if meta.signer.position != block[-1] or meta.confidence.get("signer.position", 1.0) < 0.5 \
                or meta.signer.authority != list(block[:-1]) or meta.confidence.get("signer.on_behalf_of", 1.0) < 0.5:
            unlisted_doubted.append(f"  {' / '.join(block)}: {meta.signer.authority} {meta.signer.position!r} "
                                    f"{meta.confidence.get('signer.on_behalf_of')} {meta.confidence.get('signer.position')}")
    names, specked = name_cases()
    names_wrong = []
    for name in names:
        meta = parse_block(["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], name)
        if meta.signer.name != name or meta.confidence.get("signer.name", 1.0) < 0.5:
            names_wrong.append(f"  name {name!r}: {meta.signer.name!r} {meta.confidence.get('signer.name')}")
    speck_counts = [0, 0, 0]  # right, wrong doubted, wrong certain
    for name, read in specked:
        meta = parse_block(["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], read)
        at = 0 if meta.signer.name == name else 1 if meta.confidence.get("signer.name", 1.0) < 0.5 else 2
        speck_counts[at] += 1
        if at == 2:
            listed.append(f"  name {name!r} read {read!r}: {meta.signer.name!r} certain")
    capitals, capitals_wrong = [0, 0, 0], []  # right, wrong or doubted, wrong but certain
    small = sum((meta := parse_block(["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], name)).signer.name == name
                and meta.confidence.get("signer.name", 1.0) >= 0.5 for name in CAPITALS_NAMES)
    for name in CAPITALS_NAMES:
        words = name.split()
        # the family name alone in capitals, where that differs from the name as printed ('Y Thanh Niê' does not)
        for read in [r for r in dict.fromkeys((name.upper(), " ".join([words[0].upper(), *words[1:]]))) if r != name]:
            meta = parse_block(["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], read)
            conf = meta.confidence.get("signer.name", 1.0)
            at = 0 if meta.signer.name == name and conf >= 0.5 else 1 if meta.signer.name == name or conf < 0.5 else 2
            capitals[at] += 1
            if at:
                (listed if at == 2 else capitals_wrong).append(f"  capitals name {read!r}: {meta.signer.name!r} {conf}")
    lines = sorted({line for block, _ in blocks() for line in block} | {*formats.ALL_POSTS, *CAPITALS_NOT_NAMES}
                   | {read for line in CAPITALS_NOT_NAMES for _, read in misreadings(line)})
    taken = []
    for line in lines:
        meta = parse_block(["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], line)
        if meta.signer.name is not None:
            taken.append(f"  capitals line {line!r} read as the name {meta.signer.name!r} "
                         f"{meta.confidence.get('signer.name', 1.0)}")
    # the same names, lines and words without marks (a legacy text layer, OCR that lost them): a name is given the
    # likeliest marks, always doubted; no line no name may be given as one, and no name as a certain one
    bare_names = [0, 0, 0, 0]  # given its marks, other marks or none, not read, given marks and certain
    for name in CAPITALS_NAMES:
        for read in dict.fromkeys((unmarked(name.upper()), unmarked(name))):
            meta = parse_block(["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], read)
            conf = meta.confidence.get("signer.name", 1.0)
            given = meta.signer.name is not None and meta.signer.name != read.title()
            at = 2 if meta.signer.name is None else 3 if conf >= 0.5 and given else 0 if meta.signer.name == name else 1
            bare_names[at] += 1
            if at == 3:
                listed.append(f"  name {read!r} without marks: {meta.signer.name!r} certain")
    bare_lines = sorted({unmarked(line) for line in lines})
    bare_taken = []
    for line in bare_lines:
        meta = parse_block(["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], line)
        if meta.signer.name is not None and meta.signer.name != line:
            bare_taken.append(f"  capitals line {line!r} without marks read as the name {meta.signer.name!r} "
                              f"{meta.confidence.get('signer.name', 1.0)}")
    worded = []
    for what, word_lines in [(f"{w} without marks", sorted({unmarked(x) for x in ls}))
                             for w, ls in capitals_words(args.bigrams)] if args.unmarked else []:
        # a name given marks, certain or doubted; one read as printed (no mark to give), certain or doubted; none
        read = [0, 0, 0, 0, 0]
        for line in word_lines:
            meta = parse_block(["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], line)
            name, sure = meta.signer.name, meta.confidence.get("signer.name", 1.0) >= 0.5
            at = 4 if name is None else (2 if name == line.title() else 0) + (not sure)
            read[at] += 1
            if at == 0:
                listed.append(f"  {line!r} without marks where the name stands: given marks, the name {name!r} certain")
        worded.append(f"{what} where the name stands: {len(word_lines)}; given marks and read a certain name "
                      f"{read[0]}, doubted {read[1]}; read as printed, certain {read[2]}, doubted {read[3]}; none "
                      f"{read[4]}")
    for what, word_lines in capitals_words(args.bigrams):
        read = [0, 0, 0]  # certain name, doubted, none
        for line in word_lines:
            meta = parse_block(["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], line)
            at = 2 if meta.signer.name is None else 0 if meta.confidence.get("signer.name", 1.0) >= 0.5 else 1
            read[at] += 1
            if at == 0:
                listed.append(f"  {line!r} where the name stands: read the name {meta.signer.name!r} certain")
        worded.append(f"{what} in capitals where the name stands: {len(word_lines)}; read a certain name {read[0]}, "
                      f"doubted {read[1]}, none {read[2]}")
    for name, (n, right, doubted, certain) in counts.items():
        print(f"{name} misread: {n} readings; right {right}, wrong and doubted {doubted}, wrong but certain {certain}")
    print("wrong but certain by misreading: " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())))
    print(f"right blocks read whole ({right_n}): wrong or doubted {len(right_doubted)}")
    print(f"right posts or blocks no list holds ({len(UNLISTED) + len(UNLISTED_BLOCKS)}): wrong or doubted "
          f"{len(unlisted_doubted)}")
    print(f"right names ({len(names)}, minorities' with their particles): wrong or doubted {len(names_wrong)}")
    print(f"names with a speck read into them: {len(specked)} readings; right {speck_counts[0]}, wrong and doubted "
          f"{speck_counts[1]}, wrong but certain {speck_counts[2]}")
    print(f"names printed in capitals, whole or the family name alone: {sum(capitals)} readings; right {capitals[0]}, "
          f"doubted or not read {capitals[1]}, wrong but certain {capitals[2]} (the same {len(CAPITALS_NAMES)} names "
          f"printed in small letters: right and certain {small})")
    print(f"capitals lines no name (posts, bodies, authority lines, as printed and misread) under the post: "
          f"{len(lines)}; read as a name {len(taken)}")
    print(f"names without marks, in capitals and small letters: {sum(bare_names)} readings; given the name's marks "
          f"{bare_names[0]}, other marks or none (doubted, or as printed) {bare_names[1]}, not read {bare_names[2]}, "
          f"given marks and certain {bare_names[3]}")
    print(f"capitals lines no name without marks under the post: {len(bare_lines)}; read as a name {len(bare_taken)}")
    print("\n".join(worded))
    print("\n".join(right_doubted + unlisted_doubted + names_wrong + capitals_wrong + taken + bare_taken))
    if args.v:
        print("\n".join(listed))


if __name__ == "__main__":
    main()
