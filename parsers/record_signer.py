"""The foot read by region: the recipients list at the left, the signature block at the right
(authority lines, post, name), the block read again where the page's reading lost it, and the
checks on the post and the name that hold whichever pass read them."""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata

from rapidfuzz.distance import Levenshtein

from vnresolve.parsers import formats
from vnresolve.parsers.bundle import main_pages
from vnresolve.parsers.record_doubts import NAME_CONF, TWIN_NAME_CONF, WEAK_OCR, _caps, _doubt, _doubt_more
from vnresolve.parsers.record_labels import _FILED, _recipients_label
from vnresolve.parsers.record_places import _despecked
from vnresolve.parsers.record_recipients import _LABEL_END, _item_edges, _passed_foot, _unlabelled_foot
from vnresolve.parsers.record_signer_name import (_from_surname, _name_of, bare_name, body_name, capitals_name,
                                                  particle_at, particle_doubt, placed_particle)
from vnresolve.parsers.regions import Run, columns, has_boxes, line_height, runs
from vnresolve.parsers.text import fold
from vnresolve.schemas import Document


# (an '&' between two letters is an abbreviation's: 'GIÁM ĐỐC SỞ GD&ĐT')
_GARBLED_POST = re.compile(r"(?!(?<=\w)&(?=\w))[^\w\s.-]|\d")
# a unit's number or code after its name ends a post ('TỔ TRƯỞNG TỔ 2', 'TRƯỞNG TỔ 2B', 'TRƯỞNG ĐOÀN 81'): no garble
# or a ward's or a district's ('CHỦ TỊCH UBND PHƯỜNG 3'), a class's code ('GIÁO VIÊN CHỦ NHIỆM LỚP 12A1')
_UNITS = ("TỔ", "ĐOÀN", "ĐỘI", "TRẠM", "KHU", "KHOA", "LỚP", "THÔN", "XÓM", "ẤP", "BẢN", "PHƯỜNG", "QUẬN")
_UNIT_NUMBER = re.compile(r"(?<!\S)(?:%s) (\d{1,3}(?:[A-ZĐ]\d?)?)$" % "|".join(_UNITS))


# posts held together are printed joined by a comma (the Government Office's 'BỘ TRƯỞNG, CHỦ NHIỆM'): the comma is the
# post's, no speck where it is glued to the first post and a space follows it
_CONCURRENT = re.compile(r"\s*+,\s*+")


def _speck_between_words(text: str) -> str | None:
    """`text` with each sign between two letters read as the space it stands for ('TỔNG.BÍ THƯ'), where that
    makes it a known post as printed; else None."""
    spaced = " ".join(_despecked(text, keep="").split())
    return spaced if spaced != text and formats.is_named(spaced, formats.ALL_POSTS) else None


def _held_together(first: str, second: str, head: str | None = None) -> bool:
    """Whether one signer may hold the two posts together: not the same post twice, nor a post and its deputy's
    ('CHỦ TỊCH' and 'PHÓ CHỦ TỊCH', 'BỘ TRƯỞNG' and 'THỨ TRƯỞNG'), nor under KT. the head's own post, for whom
    a deputy signs. Such a pair is two blocks' lines read as one, or a post misread."""
    a, b = fold(first), fold(second)
    deputies = {(fold(formats.deputy_post(first)), b), (fold(formats.deputy_post(second)), a),
                (a.removeprefix("pho "), b), (b.removeprefix("pho "), a)}
    return a != b and not any(x == y for x, y in deputies) and not (head and fold(head) in (a, b))


def _concurrent_parts(post: str, head: str | None = None) -> list[str] | None:
    """The posts of a line of posts held together ('BỘ TRƯỞNG, CHỦ NHIỆM'), each a known post, in capitals and
    nothing else read in it, the last one with its body's name after it or not ('CHỦ NHIỆM ỦY BAN DÂN TỘC'), two
    posts one signer may hold (`head`: the KT. line's post); None for any other line."""
    parts = _CONCURRENT.split(post.strip())
    if len(parts) != 2 or not all(map(_caps, parts)) or not formats.is_named(parts[0], formats.ALL_POSTS):
        return None
    last = parts[1] if formats.is_named(parts[1], formats.ALL_POSTS) else next(
        (p for p in formats.ALL_POSTS if parts[1].startswith(p + " ")
         and all(w in _title_words() for w in parts[1][len(p):].split())), None)
    return parts if last and _held_together(parts[0], last, head) else None


def _run_together(post: str, head: str | None = None) -> list[str] | None:
    """Two common posts one signer may hold read as one, the comma between them lost or read as another sign: a
    dot (its tail lost), or with a speck over it ';' or ':' ('BỘ TRƯỞNG CHỦ NHIỆM', 'BỘ TRƯỞNG. CHỦ NHIỆM'): no known
    post is two of them side by side; None for any other line."""
    pair = _posts_side_by_side(post)
    return pair if pair and _held_together(*pair, head) else None


def _posts_side_by_side(post: str) -> list[str] | None:
    """The two common posts a line is, side by side with a space or a sign between them; None for any other line."""
    words = re.split(r"\s*+[.,;:]\s*+|\s++", post.strip())
    for k in range(1, len(words)):
        head, tail = " ".join(words[:k]), " ".join(words[k:])
        if formats.is_named(head, formats.POSTS) and formats.is_named(tail, formats.POSTS):
            return [head, tail]
    return None


def _first_letter_lost(read: str, deputy: bool | None) -> tuple[str, str] | None:
    """A known post of two words or more whose first letter OCR lost, its marks misread or not, and the
    body's name after it as read ('Ụ TRƯƠNG PHAPLUAT' for 'VỤ TRƯỞNG VỤ PHÁP LUẬT'): that post and the
    rest; None where no one post or nothing after it fits. `deputy` as in formats.complete_post."""
    words = read.split()
    for n in range(len(words) - 1, 1, -1):
        key = fold(" ".join(words[:n]))
        fits = [p for p in formats.POSTS if len(p.split()) == n and fold(p)[1:] == key
                and (deputy is None or formats.is_deputy(p) == deputy)]
        if len(fits) == 1 and _caps(" ".join(words[n:])):
            return fits[0], " ".join(words[n:])
    return None


def _body_commas(post: str) -> bool:
    """Whether `post` is a listed post and its body's name, each comma in it the name's own, glued to a word of
    it and a space after it ('VỤ TRƯỞNG VỤ KHOA HỌC, CÔNG NGHỆ'): no speck."""
    opening = next((p for p in sorted(formats.ALL_POSTS, key=len, reverse=True) if post.startswith(p + " ")), None)
    rest = post[len(opening):] if opening else ""
    return "," in rest and rest.count(",") == len(re.findall(r"(?<=[^\W\d_]),(?= [^\W\d_])", rest)) \
        and _caps(rest) and all(w in _title_words() for w in rest.replace(",", " ").split())


def _deputy_post(head: str) -> str:
    """The post of the deputy who signs for `head` under KT.: for posts held together, the last one's
    ('KT. BỘ TRƯỞNG, CHỦ NHIỆM' / 'PHÓ CHỦ NHIỆM': the Office's deputy head)."""
    parts = _concurrent_parts(head)
    return formats.deputy_post(parts[-1] if parts else head)


@functools.lru_cache(maxsize=1)
def _bare_unit_number() -> re.Pattern:
    """_UNIT_NUMBER for text without marks: a unit's name whose bare spelling is another word of a listed
    post is no unit there ('BAN' is the board's 'BAN' as often as the village's 'BẢN')."""
    other = {fold(w).upper() for p in formats.ALL_POSTS for w in p.split() if w not in _UNITS}
    return re.compile(r"(?<!\S)(?:%s) (\d{1,3}(?:[A-ZĐ]\d?)?)$" % "|".join(
        sorted({fold(u).upper() for u in _UNITS} - other)))


def _unit_number(post: str) -> re.Match | None:
    """The unit's number ending `post`, its unit's name as printed, or without marks where the whole post is
    written so ('TRUONG THON 4', text not restored)."""
    return _UNIT_NUMBER.search(post) or (_bare_unit_number().search(post) if post.isascii() else None)


def _signature_regions(doc: Document) -> bool:
    meta = doc.metadata
    for page in reversed(main_pages(doc)):
        if not has_boxes(page):
            continue
        rs = runs(page)
        width, h = page.width or max(r.x1 for r in rs), line_height(rs)
        at = next((i for i, r in enumerate(rs) if _recipients_label(r, width)), None)
        top = rs[at].y0 - 1.5 * h if at is not None else _unlabelled_foot(rs, width, h)
        listed = top is not None
        if top is None and meta.doc_type in formats.CLOSED_BY_PASSING:
            top = _passed_foot(rs, width, h)
        if top is None:
            continue
        zone = [r for r in rs if r.y0 >= top]
        left, right = columns(zone, width * 0.5)
        if not listed:
            left = []  # under the closing sentence no list: what stands at the left is the sentence's wrapped end
        items: list[str] = []
        closed = True  # the last item ended with ';' or '.': the next line is a new item
        filed: Run | None = None  # the 'Lưu:' item, the list's last by the format
        for r in left:
            text = _item_edges(r.text.strip())
            if not text:
                continue  # a speck's line
            if not text.startswith(("-", "+", "•")) and _LABEL_END.search(fold(text)):
                items, closed = [], True  # the label misread ('ơi nhận:'): the list starts under it, the body ends above
                continue
            if filed and not text.startswith(("-", "+", "•")) and (closed or abs(r.x0 - filed.x0) > 1.5 * h):
                continue  # a note or mark written under the list, not the Lưu line wrapped
            if label := _recipients_label(r, width):
                text = text[label.end():].strip()
                if not text:
                    continue
            if text.startswith(("-", "+", "•")) or closed or not items:
                items.append(text.lstrip("-+•_ ").rstrip(" ,;.:"))
            else:
                items[-1] = f"{items[-1]} {text.rstrip(' ,;.')}"  # a wrapped item ('- Các Sở: …, Xã' / 'hội, …')
            if text.lstrip("-+•_ ").startswith(("Lưu", "Luu")):
                filed = r
            # ';' is often read ':', and an item that does end with ':' has its sub-items under it, each with its dash
            closed = text.endswith((";", ".", "./.")) or (text.endswith(":") and not _FILED.match(text.lstrip("-+•_ ")))
        if items:
            meta.recipients = [i for i in items if i]
        block = [r for r in right if r.y0 >= top]
        # a seal's edge read as letters ('N / N' under WEAK_OCR) is no post: the block may still stand above the label
        if at is not None and not any((_caps(r.text) or _name_of(r.text.strip(" *"))[1]) and (r.conf is None or r.conf >= WEAK_OCR)
                                      for r in block):
            block = _signatures_above(rs, rs[at], width, h) or block
        _signature_block(meta, block, h, _reread_block(page, top, width), ocr_read=page.source == "ocr")
        return True
    return False


def _signatures_above(rs: list[Run], label: Run, width: float, h: float) -> list[Run]:
    """A biên bản's signatures, side by side above its 'Nơi nhận:' (NĐ 30's form: THƯ KÝ at the left,
    CHỦ TỌA at the right): the right one, the chair's, who presides and signs for the meeting. The
    rows between the body's last line (one across the page's middle) and the label; [] when no post
    stands at the right."""
    above = [r for r in rs if r.y1 <= label.y0 and label.y0 - r.y0 < 12 * h]
    # a run across the middle read under WEAK_OCR is the seal or a signature between the names, not the body
    body_end = max((r.y1 for r in above if r.x0 < width * 0.5 < r.x1 and (r.conf is None or r.conf >= WEAK_OCR)),
                   default=None)
    right = columns([r for r in above if body_end is None or r.y0 >= body_end], width * 0.5)[1]
    return right if any(_caps(r.text) and formats.is_post(r.text) for r in right) else []


_BROKEN_PREFIX = re.compile(r"^\W*[tklm]\s*\.\s*(?=\w)")  # 'T. CHỦ TỊCH': KT., TL. or TM. with a letter lost
_POSTS_UNSPACED = frozenset(fold(p).replace(" ", "") for p in formats.POSTS)
_LONE_LETTER = re.compile(r"^\W*(?![tklm])[a-z]\s*\.\s*(?=\w)")  # 'Á. CHỦ TỊCH', not one of those
# the prefix of an authority line, whole or broken ('TM.', 'T/M', 'K/T', 'TM', '/M', '1/M'): what follows is the body or post
_PREFIX_TOKEN = re.compile(r"^[\W_]*(?:[a-z1|]{1,3}\s*/\s*[a-z]{1,2}|[a-z]{1,3})\s*[.:,]?\s*")

# each prefix as the forms print it: NĐ 30 with a dot ('TM.'), HD 36 with a slash ('T/M')
_SLASHED = {"TM.": "T/M", "KT.": "K/T", "TL.": "T/L", "TUQ.": "T/UQ", "Q.": "Q."}
_SPELT = {p: "|".join(r"\s*".join(map(re.escape, fold(form))) for form in (p, s)) for p, s in _SLASHED.items()}

# a slashed prefix with a stroke read beside its slash ('T/1L.BAN THƯỜNG VỤ') or the space after its dot lost
_STROKED_PREFIX = re.compile(r"^[\W_]*([TK])\s*/\s*[1|!]?\s*(M|L|T|UQ)\s*[.:]?\s*(?=[A-ZĐÀ-Ỹ]{2})")


def _mended_prefix(text: str, system: str | None) -> str:
    """`text` with a slashed prefix OCR broke so ('T/1L.BAN', 'T/M.BAN') spelt as the form has it."""
    m = _STROKED_PREFIX.match(text)
    if not m or formats.authority_prefix(text):
        return text
    prefix = dict(formats.AUTHORITY).get(fold(m.group(1) + m.group(2)))
    if prefix is None:
        return text
    return f"{_SLASHED[prefix] if system == 'party' else prefix} {text[m.end():]}"


# a prefix of two or three letters and its dot with a letter lost or read as one OCR confuses it with
# ('UQ.', 'TUO.' for 'TUQ.'; 'TN.' for 'TM.'): no post opens on such a word
_SHORT_WORD_DOT = re.compile(r"^[\W_]*+([a-z]{2,3})\s*+\.\s*+(?=[^\W\d_])")


def _confused_prefix(text: str, system: str | None) -> str | None:
    """`text` with its prefix spelt as the form has it where it is the one prefix ('TUQ.') that the word
    before its dot ('UQ.') is a letter OCR confuses, or a first letter lost, away from; else None."""
    m = _SHORT_WORD_DOT.match(fold(text))
    if not m or m.group(1) in formats.OTHER_PREFIXES or formats.authority_prefix(text) or not _caps(text[m.end():]):
        return None
    fits = [p for key, p in formats.AUTHORITY if len(key) > 1 and formats.misread_cost(m.group(1), key) <= 0.5]
    if len(fits) != 1:
        return None
    return f"{_SLASHED[fits[0]] if system == 'party' else fits[0]} {text[m.end():]}"


def _after_prefix(text: str) -> str:
    """'KT. CHỦ TỊCH', 'K/T CHỦ TỊCH', 'KT CHỦ TỊCH' -> 'CHỦ TỊCH'."""
    m = _PREFIX_TOKEN.match(fold(text))
    return re.sub(r"^[\W_]+", "", text[m.end() if m else 0:]).strip()  # a stray sign after it too


# the T and dot of 'KT.' after the signs a seal's ring made of its K ('ce=J{T. CHỦ TỊCH'): no other prefix ends
# in 'T.' (a TL. with its L lost would too; the post then taken is doubted, as every post read again is)
_SEALED_KT = re.compile(r"(?<![^\W\d_])T\s*\.\s*(?=[A-ZĐÀ-Ỹ]{2})")
# the words of the known posts, folded: a token before the head's post that is none of them is the prefix misread
_POST_WORDS = frozenset(w for p in formats.POSTS for w in fold(p).split())


def _respaced_post(position: str, deputy_of: str | None) -> bool:
    """Whether the letters of `position` spell a known post spaced or marked otherwise ('PHÓ GI ÁM ĐỐC'), and
    it is no post of its own whose words are posts' or bodies' words ('THỦ TRƯỞNG', not 'THỨ TRƯỞNG'), unless
    the KT. line above it names the head whose deputy's post it spells ('KT. BỘ TRƯỞNG' over 'THỦ TRƯỞNG')."""
    if fold(position).replace(" ", "") not in _POSTS_UNSPACED:
        return False
    if deputy_of and fold(position) == fold(_deputy_post(deputy_of)):
        return True
    return not any(fold(p) == fold(position) and formats.title_word_differs(position.split(), p.split())
                   for p in formats.POSTS)


def _post_from(words: list[str]) -> bool:
    """Whether folded `words` are a known post or what is left of one, a digit read for a letter or not."""
    text = " ".join(words).translate(formats.LOOKALIKES)
    return any(fold(p) == text or formats.post_fits(text, p) for p in formats.POSTS)


def _reread_block(page, top: float, width: float) -> list[Run]:
    """The signature block as ingest read it again where the page's reading lost it (ingest/foot.py:
    stamp lines in the foot's right half), row by row, each an authority line or a post of a known
    form ('KT. GIÁM ĐỐC', 'PHÓ CHỦ TỊCH'; a post a letter or two from a known one is that one);
    what else the seal and the signature read as is left."""
    rows = columns([Run(line.text, *line.bbox, line.conf, ((line.text, line.conf),)) for line in page.lines
                    if line.role == "stamp" and line.bbox[0] >= width * 0.5 and line.bbox[1] >= top], width * 0.5)[1]
    out = []
    for r in rows:
        text = r.text.strip(" *")
        prefix = formats.authority_prefix(text)
        rest = text[re.match(r"^\W*\S+\s*(?:\.\s*)?", text).end():] if prefix else text
        post = next((p for p in formats.POSTS if fold(p) == fold(rest).strip(" .")), None) or formats.misread_post(rest)
        if post is None and prefix is None and (m := _SEALED_KT.search(text)) and _caps(text[m.end():]):
            # the seal's ring read as signs over the start of 'KT. <head's post>': its 'T.' and the post are left
            head = next((p for p in formats.POSTS if fold(p) == fold(text[m.end():]).strip(" .")), None)
            if head is not None and not formats.is_deputy(head):
                out.append(Run(f"T. {head}", r.x0, r.y0, r.x1, r.y1, r.conf, r.words))
            continue
        if post is not None and _caps(rest):
            out.append(Run(f"{prefix} {post}" if prefix else post, r.x0, r.y0, r.x1, r.y1, r.conf, r.words))
    return out


# the state's elected bodies and their committees, whose heads are no Party secretaries (NĐ 30 Phụ lục I)
_STATE_BODY = re.compile(r"(?:uy ban nhan dan|ubnd|hoi dong nhan dan|hdnd|chinh phu)\b")


def _against_authority(meta, post: str, authority: list[str]) -> bool:
    """Whether a post taken for a misreading contradicts the authority lines over it: a Party post (a BÍ THƯ's)
    signing for a state body ('TM. ỦY BAN NHÂN DÂN'), or under KT. a deputy's post other than the KT. line's head's."""
    if not authority:
        return False
    head = _after_prefix(authority[-1])
    if "BÍ THƯ" in post and _STATE_BODY.match(fold(head)):
        return True
    deputy = fold(_deputy_post(head))
    # the deputy's post with a word after it printed or lost ('PHÓ CHỦ TỊCH UBND', 'PHÓ GIÁM ĐỐC' under 'KT. GIÁM ĐỐC SỞ'),
    # or named by the head's own word ('PHÓ BAN', 'HIỆU PHÓ' for a TRƯỞNG BAN, a HIỆU TRƯỞNG), is the head's deputy
    return (formats.authority_prefix(authority[-1]) == "KT." and head in formats.ALL_POSTS
            and not formats.is_deputy(head) and formats.is_deputy(post)
            and not f"{fold(post)} ".startswith(f"{deputy} ") and not f"{deputy} ".startswith(f"{fold(post)} ")
            and not (set(fold(post).split()) & set(fold(head).split())) - {"pho", "truong"})


def _legible(run: Run) -> bool:
    """Whether every word of the run is a syllable read as surely as a name needs (a text layer's, as given)."""
    words = [(t.strip(".,:;-()"), c) for t, c in run.words]
    return bool(words) and all(w.isalpha() and (c is None or c >= NAME_CONF) and _title_word(w) for w, c in words)


def _deputy_of_line_above(posts: list[Run]) -> str | None:
    """The head's post when the first post line is the 'KT. <head's post>' line over 'PHÓ <head's
    post>' with its prefix misread or hidden by the seal ('II, CHƯ TỊCH' or 'TỊCH' over 'PHÓ CHỦ
    TỊCH'): a deputy signs for the head under KT. (NĐ 30/2020 Phụ lục I; HD 36: K/T), and no post
    printed over a deputy's is the head's own post."""
    if len(posts) < 2:
        return None
    lower = posts[1].text.strip(" *")
    heads = []
    for head in formats.POSTS:
        if formats.is_deputy(head):
            continue
        # the head a deputy signs for: 'PHÓ CHỦ TỊCH' for CHỦ TỊCH, a THỨ TRƯỞNG for the BỘ TRƯỞNG. The deputy's
        # post whole, or with its first words or letters under the seal, which covers the block's left side
        # ('CHỦ TỊCH' or 'Ũ TỊCH' for 'PHÓ CHỦ TỊCH': no block prints the head's post twice)
        deputy = _deputy_post(head)
        if not any(fold(lower) == fold(p) or formats.post_fits(lower, p) for p in (deputy, head)):
            continue
        words = fold(posts[0].text.strip(" *")).split()
        # the prefix misread, whatever the seal made of it ('II,', 'K1.', 'KI', 'ICT.'): no post's word, and
        # not the start of a known post read with a digit for a letter ('B0 TRƯỞNG') or cut short ('Ộ TRƯỞNG')
        read = len(words)
        while words and words[0].strip(".,:;-") not in _POST_WORDS and not _post_from(words):
            words = words[1:]
        rest = " ".join(words).translate(formats.LOOKALIKES)
        # a prefix still there was not under the seal: what follows it is the head's post whole ('IM. TIỂU BAN'
        # over 'TRƯỞNG BAN' is a TM. block's, not 'KT. TRƯỞNG BAN' with 'BAN' left of it)
        whole = len(words) == read or len(words) == len(fold(head).split())
        # the head's post, its last words or its first letters under the seal ('Ú TỊCH'); a line that is another
        # known post whole ('BỘ TRƯỞNG' over 'VỤ TRƯỞNG', a TL. block's) is that post, not a KT. line
        if rest and whole and (fold(head) == rest or fold(head).endswith(" " + rest) or formats.post_fits(rest, head)) \
                and not any(fold(p) == rest and p != head for p in formats.POSTS):
            heads.append(head)
    return heads[0] if len(heads) == 1 else None


_ONE_LETTER = re.compile(r"(?<!\S)[^\W\d_]\.?(?!\S)")


@functools.cache
def _bodies_with_a_letter() -> tuple[re.Pattern, ...]:
    """The listed bodies' names that hold a one-letter word ('BỘ Y TẾ', 'SỞ Y TẾ'), folded, as patterns."""
    from vnresolve.parsers import bodies

    return tuple(re.compile(rf"(?<![a-z]){re.escape(fold(n))}(?![a-z])") for n in bodies.names()
                 if len(n.split()) > 1 and any(len(w) == 1 for w in n.split()))


def _lone_letter(position: str) -> bool:
    """A one-letter word in a post, with a dot or not ('PHÓ G ĐỐC', 'P. GIÁM ĐỐC'), that no listed body's name
    the post holds has ('Y' of 'BỘ TRƯỞNG BỘ Y TẾ'): a post misread or abbreviated."""
    folded = fold(position)
    held = [m.span() for p in _bodies_with_a_letter() for m in p.finditer(folded)]
    return any(not any(a <= m.start() and m.end() <= b for a, b in held) for m in _ONE_LETTER.finditer(position))


def _signature_block(meta, right: list[Run], h: float, reread: list[Run] = (), ocr_read: bool = True) -> None:
    """[authority lines] / post / (signature, seal) / name. A post printed right above the name is a
    post held concurrently ('CHỦ TỊCH UBND TỈNH' under 'TRƯỞNG BAN'), not the one signed in. Where
    nothing was read above the name, the block as ingest read it again (`reread`) stands in, doubted."""
    authority: list[str] = []
    broken = False
    posts: list[Run] = []
    name = rank = None
    name_run: Run | None = None
    first_authority: Run | None = None
    restored = None
    if reread and not any(_caps(r.text.strip(" *")) for r in right if not _name_of(r.text.strip(" *"))[1]):
        right = sorted([*reread, *right], key=lambda r: r.y0)
    else:
        reread = ()
    for r in right:
        text = r.text.strip(" *")
        if not text:
            continue
        if (mended := _mended_prefix(text, meta.system)) != text:
            _doubt(meta, "signer.on_behalf_of", f"the authority line was read '{text}'", 0.45)
            text = mended
        elif name is None and not posts and (mended := _confused_prefix(text, meta.system)):
            _doubt(meta, "signer.on_behalf_of", f"the authority line was read '{text}'", 0.4)
            text = mended
        # authority lines stand above the post (NĐ 30, HD 36); a line over them naming no post is seal text or a
        # line misread, which does not end them
        above_post = not any(formats.is_post(p.text) for p in posts)
        # a standing committee's 'TT.' line ('TT. HĐND TỈNH') is one too, as printed
        standing = re.match(r"^(?:%s)\s*+\.\s*+(?=[^\W\d_])" % "|".join(formats.OTHER_PREFIXES), fold(text))
        if above_post and name is None and _caps(text) and (formats.authority_prefix(text) or standing
                                                            or _BROKEN_PREFIX.match(fold(text))):
            prefix = formats.authority_prefix(text)
            broken = broken or prefix is None and not standing
            if standing and formats.is_post(text[standing.end():]):
                # a standing committee signs for a body ('TT. HĐND'): 'TT.' before a post may be a 'TL.' misread
                _doubt(meta, "signer.on_behalf_of", f"'{text}': 'TT.' before a post, or 'TL.' misread?", 0.45)
            line = text if broken else re.sub(r"^[\W_]+", "", text)  # noise before the prefix dropped
            if prefix and not re.match(rf"(?:{_SPELT.get(prefix, '')})\s*(?=[^\W_])", fold(line)):
                # its dot, slash or first letter lost ('TM BAN THƯỜNG VỤ', '/M BAN THƯỜNG VỤ'), or a sign read between
                # it and the post ('Q.-GIÁM ĐỐC'): spelt as the form has it
                line = f"{_SLASHED[prefix] if meta.system == 'party' else prefix} {_after_prefix(text)}"
                _doubt(meta, "signer.on_behalf_of", f"the authority line was read '{text}'", 0.45)
            authority.append(line)
            first_authority = first_authority or r
            continue
        # a line with a word in capitals is the name only under the post, read surely, where capitals_name reads it
        # as one ('NGUYỄN VĂN AN'; doubted under a post no list holds): older documents and some provinces' and
        # Party committees' print the name so. One under the name is the seal's text or a stroke's, never the name
        name_line = _from_surname(r, text)
        read = capitals_name(name_line, name is None and (r.conf is None or r.conf >= WEAK_OCR)
                             and any(not body_name(p.text) for p in posts),
                             any(formats.is_post(p.text) for p in posts))
        if read is not None and read[1] is None or read is None and _caps(text):
            if name is None and _caps(text) and len(text) < 60:
                posts.append(r)
            continue
        rk, nm, rest = read[:3] if read else _name_of(name_line)
        if nm and nm.isascii() is False and printed_bare(plain := name_line.split()[-len(nm.split()):], posts) \
                and fold(" ".join(plain)) == fold(nm):
            # marks the lists gave a name printed without them in marked text: kept as printed
            nm, rest = " ".join(plain), (f"'{' '.join(plain)}' was read without marks in text that has them: kept "
                                         "as read (OCR may have lost them)" if ocr_read else None)
        if read and read[3] == 0.45:
            _doubt(meta, "signer.name", rest, 0.45)  # the name read from capitals, doubted: no letter restored
            rest = None
        if nm:
            name, rank, name_run, restored = nm, rk, r, rest  # the last such run wins: the name is at the block's foot
    if not (authority or posts or name):
        return
    kt_post = _deputy_of_line_above(posts) if not (authority and formats.authority_prefix(authority[-1]) == "KT.") else None
    if kt_post is not None:
        authority.append(f"{_SLASHED['KT.'] if meta.system == 'party' else 'KT.'} {kt_post}")
        _doubt(meta, "signer.on_behalf_of", f"'{posts[0].text.strip(' *')}' stands over the deputy's post: the KT. "
                                            "line, its prefix misread or under the seal", 0.45)
        posts = posts[1:]
    # a line in capitals over the post that names none is the authority line misread ('mà AN NHÂN DÂN' for
    # 'TM. ỦY BAN NHÂN DÂN', which NĐ 30 and HD 36 set above the post) or a seal's text: the post is the line
    # under it that names one
    while len(posts) > 1 and not formats.is_post(posts[0].text) and any(formats.is_post(p.text) for p in posts[1:]):
        _doubt(meta, "signer.on_behalf_of", f"'{posts[0].text.strip(' *')}' over the post names none: the authority "
                                            "line misread?", 0.4)
        posts = posts[1:]
    if posts and meta.system != "party" and (m := _LONE_LETTER.match(fold(posts[0].text))) \
            and formats.is_post(rest := posts[0].text[m.end():].strip(" *")) \
            and not (authority and formats.authority_prefix(authority[-1]) == "KT."):
        # NĐ 30's one prefix of one letter is Q. (an acting head): a lone letter and a dot before the head's post
        # ('Á. CHỦ TỊCH') is that Q misread; not under KT., where a deputy signs (there the letter is a PHÓ
        # misread or abbreviated, 'P. GIÁM ĐỐC'), and the post it makes is as doubtful as the prefix
        authority.append(f"Q. {rest}")
        _doubt(meta, "signer.on_behalf_of", f"the authority line was read '{posts[0].text.strip(' *')}'", 0.4)
        _doubt(meta, "signer.position", f"the post was read '{posts[0].text.strip(' *')}': its 'Q.' taken as misread", 0.4)
        posts = posts[1:]
    wrapped = _wrapped_post(posts, name_run, h)
    if wrapped is not None:
        posts = [wrapped, *posts[2:]]
    concurrent = [p for p in posts[1:]]
    if posts and name_run is not None and name_run.y0 - posts[0].y1 < 0.8 * h and formats.is_post(posts[0].text):
        concurrent = posts  # only the post under the seal-free foot was read: the one signed in is lost
        posts = []
    last = formats.authority_prefix(authority[-1]) if authority else None
    deputy_of = _after_prefix(authority[-1]) if authority and (last == "KT." or broken) else None
    position = posts[0].text.strip(" *") if posts else None
    if position and not formats.is_post(position) and (spaced := _speck_between_words(position)):
        position = spaced  # a speck read as a sign for the space between a known post's words ('TỔNG.BÍ THƯ')
    if position and (parts := _concurrent_parts(position, deputy_of if last == "KT." else None)):
        read, position = position, ", ".join(parts)
        if read != position:  # printed, the comma follows the first post and a space follows it
            _doubt(meta, "signer.position", f"the post was read as '{read}': two posts held together, the sign "
                                            "between them spaced as no printed comma is (a speck?)", 0.4)
    dot_before = False
    if position and (words := position.split()) and not any(ch.isupper() for ch in words[0]) \
            and formats.is_post(rest := " ".join(words[1:])):
        position = rest  # a post is printed in capitals (NĐ 30, HD 36): a small-letter word before it is a speck
        # or, a dot alone before a head's post under TM. or alone, what is left of an acting head's 'Q.' (under KT. a
        # deputy signs, under TL. or TUQ. an officer)
        dot_before = words[0] == "." and not formats.is_deputy(rest) and last in ("TM.", None)
    conf, why = None, None
    # no post's word is one letter, with a dot or not: a post holding one ('PHÓ G ĐỐC', 'P. GIÁM ĐỐC') is misread or
    # abbreviated, whatever post words it holds, and
    # so is one whose letters spell a known post spaced otherwise ('PHÓ GI ÁM ĐỐC') or that opens one, whole words
    # lost at its end or letters of its last ('PHÔ BÍ', 'PHÓ BÍ TH'): the seal or the signature over the line's end
    if position and (not formats.is_post(position) or _lone_letter(position)
                     or position not in formats.POSTS and (_respaced_post(position, deputy_of)
                                                           or any(fold(p).startswith(fold(position).strip())
                                                                  and fold(p) != fold(position).strip()
                                                                  for p in formats.POSTS))):
        implied = _deputy_post(deputy_of) if deputy_of else None
        # a seal's or a stroke's speck read as a sign beside the fragment ('+ TỊCH') is no part of it
        kept = " ".join(_GARBLED_POST.sub(" ", position).split())
        # under KT. a fragment of the head's post is the deputy's, its 'PHÓ' lost with the letters after it
        # a post whose letters are a known post's, its marks misread ('HIỆU TRƯỜNG'), is that post, not a longer one it ends
        same = _same_letters(kept)
        full = implied if implied and (fold(kept) == fold(implied) or formats.post_fits(kept, implied)
                                       or formats.post_fits(kept, deputy_of)) \
            else same if same is not None else formats.complete_post(
            kept, True if last == "KT." else False if last in ("TL.", "TUQ.") or (last == "TM." and meta.system != "party")
            else None)  # a Party deputy signs under T/M itself (HD 36: 'T/M BAN THƯỜNG VỤ / PHÓ BÍ THƯ')
        conf, why = 0.4, f"the post was read as '{position}' (part hidden by the seal?); completed from the known posts"
        if full is None and (full := formats.misread_post(kept, True if last == "KT." else None)):
            if _against_authority(meta, full, authority):
                full = None
            else:
                why = f"the post was read as '{position}'; the known post it is a letter or two from"
        elif full is None and (full := formats.post_from_pieces(
                kept, True if last == "KT." else False if last in ("TL.", "TUQ.") else None)):
            why = f"the post was read in pieces as '{position}'; the one known post that holds them"
        elif full is None and (lost := _first_letter_lost(
                kept, deputy := True if last == "KT." else False if last in ("TL.", "TUQ.") else None)):
            # the body's name with its own comma ('VỤ KHOA HỌC, CÔNG NGHỆ'), which `kept` dropped as a speck's
            commas = " ".join(_GARBLED_POST.sub(lambda m: m[0] if m[0] == "," else " ", position).split())
            if (with_commas := _first_letter_lost(commas, deputy)) and _body_commas(" ".join(with_commas)):
                lost = with_commas
            if not _against_authority(meta, lost[0], authority):
                full, conf = " ".join(lost), 0.4 if not _strange_words(lost[1]) else 0.2
                why = f"the post was read as '{position}': a known post, its first letter lost, and its body as read"
        position = full
        if full is None and last == "Q.":
            # NĐ 30: an acting head signs under 'Q.' before the head's post, which is the post; what was read
            # under it is the seal or the signature
            position, conf = authority[-1], 0.4
            why = why.split(";")[0] + "; no known post fits: the acting head's 'Q.' line above is the post"
        elif full is None and last == "KT." and deputy_of in formats.ALL_POSTS and not formats.is_deputy(deputy_of):
            # the seal's ring or a stroke read where the post stands ('TY' at low confidence) is the deputy's post;
            # a line read surely in syllables ('THẨM PHÁN') is a post no list holds, left as read
            if _legible(posts[0]):
                position, conf = kept or None, 0.2 if kept else 0.0
                why = why.split(";")[0] + "; no known post fits: left as read"
            else:
                position, conf = _deputy_post(deputy_of), 0.4
                why = why.split(";")[0] + "; no known post fits: a KT. block is signed by the deputy"
        elif full is None:
            conf, why = 0.0, why.split(";")[0] + "; no known post fits"
    elif position and last == "KT." and fold(position) == fold(deputy_of):
        # KT. (ký thay): a deputy signs for the head, so the head's own post lost its 'PHÓ'
        position = _deputy_post(deputy_of)
        conf, why = 0.4, "the post was read as the head's own under KT. (its 'PHÓ' lost?); a KT. block is signed by the deputy"
    elif position is None and last == "Q.":
        position = authority[-1]  # NĐ 30: an acting head signs under 'Q.' printed before the head's post
        if not formats.is_post(read := _after_prefix(position)):
            # the head's post misread ('Q. CHỦ TIC'): the known head's post a letter or two from it, doubted
            known = formats.misread_post(read, False)
            position = authority[-1] = f"Q. {known}" if known else position
            conf, why = (0.4 if known else 0.2), f"the acting head's post was read as '{read}'" + (
                "; the known post it is a letter or two from" if known else "")
    elif position is None and deputy_of:
        position = _deputy_post(deputy_of)
        conf, why = 0.4, "the post was not read (under the seal?); a KT. block is signed by the deputy"
    elif position is None:
        conf, why = 0.0, "the post was not read (under the seal?)"
    elif posts[0].conf is not None and posts[0].conf < WEAK_OCR:
        conf, why = 0.4, "the post was read with low OCR confidence"
    elif name_run is not None and first_authority is not None \
            and abs(_letters_cx(first_authority) - _letters_cx(name_run)) < 0.3 * h \
            and _letters_cx(posts[0]) - _letters_cx(name_run) > 0.6 * h:
        # the block's lines are centred on one axis (the authority's and the name's agree): a post right of it
        # lost a word before it ('Q.', 'PHÓ')
        conf, why = 0.4, "the post stands right of the block's axis: a word before it lost?"
        if last == "TM." and meta.system != "party" and not fold(position).startswith(("pho ", "q.")):
            # for a collective body (TM.) the head signs, or an acting head as 'Q. <head's post>' (NĐ 30):
            # a deputy signs under KT., so the word lost before the head's post is 'Q.' (a Party deputy
            # signs under T/M itself, HD 36: 'T/M BAN THƯỜNG VỤ / PHÓ BÍ THƯ', so there it may be 'PHÓ')
            position, why = f"Q. {position}", why + " Under TM. only 'Q.' goes before the head's post: taken as lost"
    if broken:
        if position and deputy_of and fold(position) == fold(_deputy_post(deputy_of)):
            authority[-1] = f"KT. {deputy_of}"  # a deputy signs for the head: the prefix is KT.
        _doubt(meta, "signer.on_behalf_of", "the signing-authority prefix was read broken", 0.4)
    meta.signer.authority = authority
    meta.signer.on_behalf_of = " ".join(authority) or None
    meta.signer.position = position
    meta.signer.concurrent_positions = [p.text.strip(" *") for p in concurrent if formats.is_post(p.text)]
    if why:
        _doubt(meta, "signer.position", why, conf)
    if dot_before:
        _doubt_more(meta, "signer.position", f"a dot was read before the post: an acting head's 'Q.' with its letter "
                                             "lost, or a speck?", 0.45)
        _doubt_more(meta, "signer.on_behalf_of", "a dot was read before the post: an acting head's 'Q.' lost?", 0.45)
    if reread:
        why = "read again from the image of the signature block, which the page's reading lost"
        _doubt_more(meta, "signer.position", why, 0.45)
        if authority:
            _doubt_more(meta, "signer.on_behalf_of", why, 0.45)
    meta.signer.name = name
    meta.signer.rank = rank
    if name is None:
        _doubt(meta, "signer.name", "the name was not read (under the signature?)", 0.0)
    elif restored:
        _doubt(meta, "signer.name", restored, 0.4)
    elif name_run.conf is not None and name_run.conf < WEAK_OCR:
        _doubt(meta, "signer.name", "the name was read with low OCR confidence", 0.4)
    elif min((c for _, c in name_run.words if c is not None), default=100.0) < NAME_CONF:
        _doubt(meta, "signer.name", "a word of the name was read with less than the confidence a name needs", 0.45)
    elif rare := next((t for t, c in name_run.words if c is not None and c < UNLISTED_NAME_CONF
                       and t in name.split()[1:] and not formats.name_word_known(t)), None):
        # no list holds the word to confirm it: read barely at the bar ('Nữa' for 'Nga'), it may be any misreading
        _doubt(meta, "signer.name", f"'{rare}' is no listed name word and was read barely as surely as a name needs", 0.45)
    words = (meta.signer.name or "").split()
    # a minority's particle ('A' in 'Vàng A Chứ') is no misread common name word ('An'); the name's other words are
    # checked as any name's, so a misread given name is doubted even where the particle is confirmed
    fits = [formats.name_word_fits(w) if k and not particle_at(words, k) else [] for k, w in enumerate(words)]
    unsure = {t for t, c in name_run.words if c is not None and c < NAME_CONF} if name_run else set()
    if any(fits):  # a word misread by a mark or a letter: the common name it fits (far the commonest of several), doubted
        # a word read surely is kept: the list is not every name ('Tấn' is no misread 'Tân', 'Lin' no 'Linh')
        taken = [(formats.commonest_name_word(f) if f and w in unsure else None) or w for f, w in zip(fits, words)]
        meta.signer.name = " ".join(taken)
        _doubt_more(meta, "signer.name", "; ".join(
            f"'{w}' is no common name, '{' or '.join(f)}' is" + (f"; '{t}' taken, far the commonest" if len(f) > 1 and t != w else "")
            for f, w, t in zip(fits, words, taken) if f), 0.45)
    # a common name word read as its rare tone twin ('Đỉnh' for 'Đình'), however surely: doubted, and where the
    # word was read unsure the common one taken; a name typed on a text layer or written without marks is as written
    words = (meta.signer.name or "").split() if ocr_read else []
    twins = [formats.far_commoner_tone(w) if k and not w.isascii() and not particle_at(words, k) else None
             for k, w in enumerate(words)]
    if any(twins):
        taken = [t if t and w in unsure else w for t, w in zip(twins, words)]
        meta.signer.name = " ".join(taken)
        _doubt_more(meta, "signer.name", "; ".join(
            f"'{w}' is a rare name, '{t}' with the same letters far commoner" + (" and taken" if t == n else "")
            for t, w, n in zip(twins, words, taken) if t), 0.45)
    # a common name word read below TWIN_NAME_CONF whose letters with other marks are a commoner name ('Hường' at 88
    # for 'Hương'): a name has no context to tell its marks by; doubted as read (a rare twin is reported above)
    words = (meta.signer.name or "").split() if ocr_read and name_run is not None else []
    if commoner := [(w, n) for k, w in enumerate(words) if k and not particle_at(words, k)
                    and not formats.far_commoner_tone(w) and (n := formats.commoner_marking(w))
                    and _read_below(name_run, w, TWIN_NAME_CONF)]:
        _doubt_more(meta, "signer.name", "; ".join(
            f"'{w}' was read unsurely and '{n}', its letters with other marks, is a commoner name" for w, n in commoner),
            0.45)
    # a marked word no syllable holds, a letter from a common name word ('Heàng', 'Hoàng' with its o read e), is
    # that word misread, whichever letter it was: doubted as read (a minority's name, 'Niê', 'Ksor', is no such)
    words = (meta.signer.name or "").split() if ocr_read else []
    if strange := [w for k, w in enumerate(words) if k and _misread_name_word(w)]:
        _doubt_more(meta, "signer.name", "; ".join(f"'{w}' is no syllable, a letter from a common name's word"
                                                   for w in strange), 0.45)


def _read_below(run: Run, word: str, conf: float) -> bool:
    """Whether the name line's word printing `word` (in any case, a mark stuck to it) was read below `conf`."""
    from vnresolve.diacritics.vntext import normalize_tone

    want = normalize_tone(word.lower())
    return any(c is not None and c < conf and normalize_tone(t.strip(" .,:;*").lower()) == want for t, c in run.words)


def printed_bare(words: list[str], posts: list) -> bool:
    """Whether a name read without marks is printed so: its words all name words none of which needs a mark
    or is far commoner with one ('Phan Minh Vinh'; not 'Thi' for Thị), in a block whose post carries its marks (the text holds them; a legacy layer that lost
    every mark, 'CHU TICH', gives the likeliest names' marks instead). `posts`: Runs or strings."""
    texts = [p if isinstance(p, str) else p.text for p in posts]
    return (len(words) >= 2 and all(w.isascii() and w.isalpha() and (formats.NAME_DOCUMENTS.get(w) or formats.known_surname(w))
                                    and not formats.far_commoner_tone(w) for w in words)
            and any(not t.isascii() for t in texts if t))


def _wrapped_post(posts: list[Run], name_run: Run | None, h: float) -> Run | None:
    """The post line and the line right under it as one run, where that line is the post's own end wrapped
    ('VỤ TRƯỞNG VỤ QUAN HỆ QUỐC' / 'TẾ'): a line of a few capitals words naming no post, at the line spacing
    under a post that holds a body's words after it, on its axis or its left edge, above the name; None otherwise."""
    if len(posts) < 2:
        return None
    first, second = posts[0], posts[1]
    text, more = first.text.strip(" *"), second.text.strip(" *")
    # a listed post printed on two lines ('CHỦ TỊCH' / 'NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', data/posts.txt), a
    # speck read as a sign between its words or at its end ('VIỆT.NAM', 'VIỆT NAM .') spaced or dropped
    bare = " ".join(_despecked(more).strip(_SPECK_ENDS).split())
    if fold(f"{text} {bare}") in _LISTED_FOLDED:
        more = bare
    whole = fold(f"{text} {more}") in _LISTED_FOLDED and 0 <= second.row[0] - first.row[1] < 0.7 * h
    if not whole and (not formats.is_post(text) or formats.is_post(more) or fold(text) in _LISTED_FOLDED):
        return None
    if whole:
        return _joined(first, second, f"{text} {more}")
    words = more.split()
    if not 1 <= len(words) <= 4 or not all(w.isalpha() and w.isupper() for w in words):
        return None
    if not 0 <= second.row[0] - first.row[1] < 0.7 * h or (name_run is not None and name_run.y0 < second.y1):
        return None
    if abs(second.cx - first.cx) > h and abs(second.x0 - first.x0) > h:
        return None
    return _joined(first, second, f"{text} {more}")


_SPECK_ENDS = " .,:;'\"`‘’“”"  # signs a speck at a wrapped post's ends is read as


def _joined(first: Run, second: Run, text: str) -> Run:
    confs = [c for c in (first.conf, second.conf) if c is not None]
    return Run(text, min(first.x0, second.x0), first.y0, max(first.x1, second.x1), second.y1,
               min(confs) if confs else None, first.words + second.words,
               first.spans + second.spans if first.spans and second.spans else (), ())


_LISTED_FOLDED = frozenset(fold(p) for p in formats.ALL_POSTS)
# a name's word that no list holds is read more surely than NAME_CONF before it is certain
UNLISTED_NAME_CONF = NAME_CONF + 5.0


def _misread_name_word(word: str) -> bool:
    """Whether `word` is a name word with its vowels misread: marked, no syllable, with a Vietnamese onset and
    final around one run of vowels, and a letter from a common name's word. A word with an onset or a final
    Vietnamese has not ('Hlơng', 'Krông', 'Biêr') is a minority's name as printed."""
    from vnresolve.diacritics.syllables import is_syllable

    low = unicodedata.normalize("NFC", word.replace("Ð", "Đ").replace("ð", "đ")).lower()  # OCR's eth for Đ is Đ
    shape = _SYLLABLE_SHAPE.fullmatch(low)
    return (shape is not None and not word.isascii() and not is_syllable(low)
            and shape["onset"] in _ONSETS and shape["final"] in _FINALS and any(
                abs(len(n) - len(low)) <= 1 and Levenshtein.distance(n.lower(), low, score_cutoff=1) <= 1
                for n in (*formats.NAME_WORDS, *formats.SURNAMES)))


_VOWELS = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵ"
_SYLLABLE_SHAPE = re.compile(rf"(?P<onset>[^{_VOWELS}]{{0,3}})[{_VOWELS}]{{1,3}}(?P<final>[^{_VOWELS}]{{0,2}})")
_ONSETS = frozenset({"", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng", "ngh", "nh",
                     "p", "ph", "q", "qu", "r", "s", "t", "th", "tr", "v", "x"})
_FINALS = frozenset({"", "c", "ch", "m", "n", "ng", "nh", "p", "t"})


def _check_post_words(meta) -> None:
    """A post not read as a known one: its marks misread ('PHO CHÁNH VĂN PHONG') or a marked word in it
    no Vietnamese syllable ('CHÀANH'): the known post it is within a letter or two of, doubted, or the
    reading doubted where none is."""
    read = meta.signer.position
    # a unit's number ending the post is no part of the post's name ('TRƯỜNG TỔ 2' is 'TRƯỞNG TỔ' misread)
    unit = _unit_number(read)
    post, number = (read[:unit.start(1)].rstrip(), read[unit.start(1) - 1:]) if unit else (read, "")
    if unit and formats.is_named(post, formats.ALL_POSTS):
        return
    # text without marks ('BI THU', a legacy layer not restored) is left as written
    same = _same_letters(post) if not post.isascii() else None
    if same is not None:
        meta.signer.position = same + number
        _doubt(meta, "signer.position", f"the post was read as '{read}': its marks misread", 0.4)
        return
    if strange := _strange_words(post):
        mended = formats.misread_post(post)
        mended = None if mended and _against_authority(meta, mended, meta.signer.authority) else mended
        meta.signer.position = mended + number if mended else read
        _doubt(meta, "signer.position", f"the post was read as '{read}'" + ("" if mended else f": '{strange[0]}' is no Vietnamese word"),
               0.4 if mended else 0.2)
    elif known := _split_or_joined(post):
        _doubt(meta, "signer.position", f"the post was read as '{read}': '{known}' with a word split or two joined "
                                        "(a speck between its letters)?", 0.4)


def _split_or_joined(post: str) -> str | None:
    """The known post whose letters `post`'s are but for one, in another number of words: a word split by a
    speck ('PHÓ GIÁM ĐỐ ÓC' for 'PHÓ GIÁM ĐỐC'), each part a syllable, so no word of it looks strange. A post
    one letter from a known one in as many words is another post ('HỘI TRƯỞNG', not 'ĐỘI TRƯỞNG')."""
    letters, words = fold(post).replace(" ", ""), len(post.split())
    return next((known for known in formats.ALL_POSTS if len(known.split()) != words
                 and Levenshtein.distance(letters, fold(known).replace(" ", ""), score_cutoff=1) <= 1), None)


def _strange_words(text: str, acronyms: bool = False) -> list[str]:
    """The words of a post or a body's name that no reading of one holds: a marked word no syllable, or an
    unmarked one that is no syllable's bare spelling ('PHÓ EITHU') nor a known code ('CHỦ TỊCH UBND TỈNH':
    an acronym carries no marks but Đ's bar); a place's word is as its name is spelt ('KRÔNG BÚK').
    `acronyms`: an unmarked word is strange only a letter from a syllable ('HÒA BINQ'), the rest taken
    for acronyms or brands ('TNCS', 'MOBIFONE'), as a body's name holds them."""
    return [w for w in (w.strip(".,:;-") for w in text.split()) if len(w) > 1 and w.isalpha() and not _title_word(w)
            and (not acronyms or _marked(w) or _letter_from_syllable(fold(w).lower()))
            and w.lower() not in _place_words()]


def _marked(word: str) -> bool:
    """Whether `word` carries a mark beyond Đ's bar (an acronym carries none but that: 'UBND', 'HĐND')."""
    return any(not c.isascii() and c not in "Đđ" for c in word)


def _title_word(word: str) -> bool:
    """Whether `word` may stand in a post or a body's name: a marked word that is a syllable, or an unmarked
    one that is a syllable's bare spelling or a known code ('UBND')."""
    from vnresolve.diacritics.syllables import is_syllable

    return is_syllable(word.lower()) if _marked(word) else _bare_syllable(word.lower()) or _known_code(word)


_ONE_VOWEL_RUN = re.compile(r"[^aeiouy]*+[aeiouy]++[^aeiouy]*+")


@functools.lru_cache(maxsize=4096)
def _letter_from_syllable(word: str) -> bool:
    """Whether the unmarked `word` is a syllable's bare spelling or a place's word with one consonant
    misread ('binq', 'nuog', 'phaq') or one doubled ('chinhh'): a word with no vowel or vowels no
    syllable holds together ('tncs', 'sea', 'mobifone') is an acronym or a foreign word, and so is one of three
    letters or fewer, which a letter from some syllable nearly always is ('ACB', 'WHO', 'ICT')."""
    if len(word) < 4 or not _ONE_VOWEL_RUN.fullmatch(word):
        return False
    places = _place_words()
    for i, c in enumerate(word):
        if c in "aeiouy":
            continue
        if i and word[i - 1] == c and _bare_syllable(word[:i] + word[i + 1:]):
            return True
        for other in "abcdeghiklmnopqrstuvxy":
            if other != c and ((near := word[:i] + other + word[i + 1:]) in places or _bare_syllable(near)):
                return True
    return False


@functools.lru_cache(maxsize=1)
def _place_words() -> frozenset[str]:
    from vnresolve.parsers import places

    return frozenset(w.lower() for unit in places.units() for w in unit.name.split())


def _same_letters(read: str) -> str | None:
    """The listed post `read` is with its marks misread ('HIỆU TRƯỜNG'), no word of it a post's word itself."""
    key = fold(read)
    return next((p for p in formats.ALL_POSTS if fold(p) == key
                 and not formats.title_word_differs(read.split(), p.split())), None)


# the marks a bare letter may lose in text without marks, and a tone a stop-final rime needs ('BAC' for 'BẮC')
_MARKED = {"a": "aăâ", "e": "eê", "o": "oôơ", "u": "uư", "d": "dđ"}


@functools.lru_cache(maxsize=4096)
def _bare_syllable(word: str) -> bool:
    """Whether the unmarked `word` is a syllable written without its marks ('thu' for 'thư', 'bac' for 'bắc')."""
    from vnresolve.diacritics.syllables import is_syllable

    for letters in itertools.product(*(_MARKED.get(c, c) for c in word)):
        spelt = "".join(letters)
        at = next((i for i, c in enumerate(spelt) if c in "aăâeêioôơuưy"), None)
        if is_syllable(spelt) or at is not None and is_syllable(
                unicodedata.normalize("NFC", spelt[:at + 1] + "\u0301" + spelt[at + 1:])):
            return True
    return False


@functools.lru_cache(maxsize=1)
def _codes() -> frozenset[str]:
    """The codes a post may hold: the initials of the known bodies ('UBND', 'HĐND') and their aliases' ('BCT')."""
    import json
    from pathlib import Path

    from vnresolve.parsers import bodies

    agencies = json.loads((Path(bodies.__file__).resolve().parent / "data" / "agencies.json").read_text(encoding="utf-8"))
    aliases = [w for a in agencies["agencies"] for alias in a.get("aliases", ()) for w in re.findall(r"[^\W\d_]+", alias)]
    return frozenset({bodies.initials(n) for n in bodies.names()} | {fold(w) for w in aliases if w.isupper()})


def _known_code(word: str) -> bool:
    return fold(word) in _codes()


# signs between two letters or digits: a speck's, or an abbreviation's own ('TP.HCM', 'GD&ĐT')
_INNER_SIGNS = re.compile(r"(?<=\w)[^\w\s]++(?=\w)")
# no post's or body's name is this long: a longer line is no reading of one, and is left as read
_LONGEST = 160


def _near_known(read: str, names: tuple[str, ...], deputy: bool | None = None) -> tuple[str | None, str, float] | None:
    """A post or a body read as none of the known `names`: (the name it is taken for or None, why, the
    confidence), or None where it is one, or opens with one as printed ('GIÁM ĐỐC SỞ TƯ PHÁP'). The
    one name its letters fit, marks and digits read for letters set aside or a letter or two OCR
    confuses away, is taken, doubted; one that fits several as closely is doubted as read. A read in
    text without marks ('BI THU', a legacy text layer) is as written."""
    if read.isascii() or len(read) > _LONGEST:
        return None
    kind, near = formats.reading_of(read, names)
    if kind == "known":
        return None
    near = [(c, m) for c, m in near if deputy is None or formats.is_deputy(m) == deputy]
    if near and (len(near) == 1 or near[1][0] > near[0][0]):
        how = "its marks or a digit misread" if near[0][0] == 0 else "a letter or two OCR confuses away"
        return near[0][1], f"read '{read}': '{near[0][1]}' with {how}", 0.4
    if near:
        return None, f"read '{read}', as near {' as '.join(repr(m) for _, m in near[:2])}: misread?", 0.2
    if any(formats.reads_as_title_word(w) for w in read.split() if any(c.isdigit() for c in w)):
        return None, f"read '{read}': a digit among its letters", 0.2
    return None


def _unspecked(read: str, names: tuple[str, ...]) -> str:
    """`read` without the signs a speck made at its end, and without those between two letters where that
    leaves the whole line a known name ('ỦY BAN.NHÂN DÂN') or inside the known name it opens with ('ỦY
    BAN.NHÂN DÂN TỈNH'): no post's or body's name ends on a sign, but an abbreviation after one holds them
    ('TRƯỞNG PHÒNG TC-HC', 'SỞ GD&ĐT', 'UBND TP.HCM')."""
    if len(read) > _LONGEST:
        return read
    from vnresolve.diacritics.syllables import is_syllable

    bare = formats.body_name(read) or read
    spaced = " ".join(_despecked(bare, keep="").split())
    if spaced == bare or formats.is_named(spaced, names):
        return spaced
    # a sign inside the known name the line opens with, or between it and a word after it, is a speck
    # ('ỦY BAN.NHÂN DÂN TỈNH', 'GIÁM.ĐỐC SỞ'); what follows keeps its signs ('CHỦ TỊCH UBND TP.HCM')
    blanked = _INNER_SIGNS.sub(lambda m: " " * len(m.group()), bare)
    ends = [m.end() for m in re.finditer(r"\S++", blanked)]
    for n in range(len(ends) - 1, 0, -1):
        end = ends[n - 1]
        head = " ".join(blanked[:end].split())
        if not formats.is_named(head, names):
            continue
        tail = bare[end:]
        if (after := re.match(r"[^\w\s]++([^\W\d_]++)", tail)) and len(after[1]) > 1 and is_syllable(after[1].lower()):
            tail = " " + tail[len(after[0]) - len(after[1]):]
        return head + tail if head + tail != bare else bare
    return bare


def _check_post(meta) -> None:
    """A post that is no known one nor opens with one: the known post it is a misread of, doubted, or
    the reading doubted where several fit (an acting head's 'Q.' kept before it)."""
    read = meta.signer.position
    acting = "Q. " if read.startswith("Q. ") else ""
    # a speck read as a sign at either end ('PHÓ BÍ THƯ.', 'TRƯỞNG BAN:') is no part of the post
    if (bare := acting + _unspecked(read[len(acting):], formats.ALL_POSTS)) != read:
        _take_post(meta, read, bare)
        read = bare
    last = formats.authority_prefix(meta.signer.authority[-1]) if meta.signer.authority else None
    head = _after_prefix(meta.signer.authority[-1]) if last == "KT." else None
    if head and not acting and formats.is_post(head) and "PHÓ" not in head.split() and not formats.is_deputy(head) \
            and not _deputy_words(read):
        # under KT. a deputy signs (NĐ 30 Phụ lục I: 'KT. CHỦ TỊCH / PHÓ CHỦ TỊCH', 'KT. BỘ TRƯỞNG / THỨ TRƯỞNG'; HD 36:
        # 'K/T BÍ THƯ / PHÓ BÍ THƯ'): a post with no deputy's word, the head's own or a part of it ('GIÁM ĐỐC' under
        # 'KT. TỔNG GIÁM ĐỐC'), is misread or lost words, which are not guessed
        own = f"{fold(read)} ".startswith(f"{fold(head)} ") or f" {fold(head)} ".find(f" {fold(read)} ") >= 0
        _doubt_more(meta, "signer.position", f"the post was read '{read}' under '{meta.signer.authority[-1]}', "
                                             "where a deputy signs: " + ("its 'PHÓ' lost?" if own else
                                                                         "no deputy's word in it: misread?"), 0.4)
    if read in formats.ALL_POSTS and _against_authority(meta, read, meta.signer.authority):
        # a listed post the authority line contradicts ('KT. GIÁM ĐỐC' over 'PHÓ CHỦ TỊCH'): one of the two misread
        _doubt_more(meta, "signer.position", f"the post was read '{read}' under '{meta.signer.authority[-1]}', "
                                             "which it contradicts: misread?", 0.4)
        return
    words = read.split()
    if last == "KT." and not acting and head and read not in formats.ALL_POSTS and "PHÓ" not in words \
            and (at := next((k for k, w in enumerate(words) if fold(w) == "pho"), None)) is not None:
        # under KT. a deputy signs: a word with PHÓ's letters in other marks ('ĐỘI PHỐ') is PHÓ misread where that
        # makes a listed post or the head's deputy's ('ĐỘI PHÓ' for an ĐỘI TRƯỞNG), not in a place's name ('THÀNH PHỐ')
        mended = " ".join([*words[:at], "PHÓ", *words[at + 1:]])
        if mended in formats.ALL_POSTS or mended == _deputy_post(head) or fold(mended) == re.sub(
                r"\btruong\b", "pho", fold(head)):
            _take_post(meta, read, mended)
            _doubt_more(meta, "signer.position", f"the post was read '{read}' under KT.: PHÓ's letters in other marks", 0.4)
            return
    found = _near_known(read[len(acting):], formats.ALL_POSTS,
                        False if acting else True if last == "KT." else None)
    if found is None and (garbled := _garbled_post(read[len(acting):])):
        _doubt_more(meta, "signer.position", f"the post was read '{read}': {garbled}: misread?", 0.4)
        return
    if found is None:
        # under KT., TL. or TUQ. the head's deputy or an officer of its body signs, whose posts the lists hold: a
        # post a letter or a word from one of them is rather that post misread (unlisted posts stand alone or under TM.)
        # The KT. line's own deputy ('KT. HỘI TRƯỞNG' over 'PHÓ HỘI TRƯỞNG') is as printed.
        if last in ("KT.", "TL.", "TUQ.") and fold(read) != fold(_deputy_post(head or "")) \
                and (near := _listed_post_near(read[len(acting):])):
            _doubt_more(meta, "signer.position", f"the post was read '{read}', a letter or a word from '{near}': "
                                                 "misread?", 0.2)
        return
    post, why, conf = found
    if post is not None and _take_post(meta, read, acting + post):
        _doubt_more(meta, "signer.on_behalf_of", f"the acting head's line was {why}", conf)
    _doubt_more(meta, "signer.position", f"the post was {why}", conf)


@functools.lru_cache(maxsize=1)
def _post_vocabulary() -> tuple[frozenset[str], dict[str, str]]:
    """The words of the listed posts (folded), and each listed post by its letters' key (folded, no spaces)."""
    return (frozenset(w for p in _LISTED_FOLDED for w in p.split()),
            {re.sub(r"[\W_]+", "", fold(p)): p for p in formats.ALL_POSTS})


def _garbled_post(post: str) -> str | None:
    """Why an unlisted post reads as a listed one garbled: a lone letter among its words ('C CHỦ TỊCH': a speck
    or a stroke), or words no listed post has whose letters together are a listed post's but for three, in more
    words ('PHÓ ÁM ĐỐ ÓC' for PHÓ GIÁM ĐỐC); None for a post printed so ('THẨM PHÁN', 'GIÁM ĐỐC SỞ')."""
    # a unit's number after its name ('TỔ TRƯỞNG TỔ 2') is the post's as printed
    words, (vocabulary, keys) = [w for w in fold(post).split() if not any(c.isdigit() for c in w)], _post_vocabulary()
    if any(len(w) == 1 and w.isalpha() and w != "y" for w in words) and len(words) >= 2:  # Y: a word (Y TẾ)
        return "a letter alone among its words"
    if all(w in vocabulary for w in words):
        return None
    # a listed post's word read in two ('ĐỐ ÓC'): more words than it, not the listed post with words after it
    key, folded = re.sub(r"[\W\d_]+", "", fold(post)), " ".join(words)
    near = [p for k, p in keys.items() if len(key) >= 8 and Levenshtein.distance(key, k, score_cutoff=3) <= 3
            and len(words) > len(p.split()) and not f"{folded} ".startswith(f"{fold(p)} ")]
    return f"its letters are '{near[0]}' but for a few, in more words" if len(near) == 1 else None


# posts that sign for a head under KT. with no PHÓ in them: a minister's deputy ('THỨ TRƯỞNG THƯỜNG TRỰC'), an
# army commander's chief of staff, a front's or a union's standing member
_DEPUTY_TITLES = ("THỨ TRƯỞNG", "THAM MƯU TRƯỞNG", "ỦY VIÊN THƯỜNG TRỰC", "UỶ VIÊN THƯỜNG TRỰC")


def _deputy_words(post: str) -> bool:
    """Whether `post` names a deputy: PHÓ among its words ('PHÓ GIÁM ĐỐC', 'HIỆU PHÓ'), or opens with a title
    that signs as one ('THỨ TRƯỞNG', 'THỨ TRƯỞNG THƯỜNG TRỰC', 'THAM MƯU TRƯỞNG'); formats.is_deputy's
    posts are among these."""
    return "PHÓ" in post.split() or any(f"{post} ".startswith(f"{t} ") for t in _DEPUTY_TITLES)


def _listed_post_near(read: str) -> str | None:
    """The listed post a post read in marked syllables, no listed one nor opening with one, is a letter from
    ('TRƯỞNG HÒNG') or is with a word lost ('CHÁNH PHÒNG', 'KẾ TRƯỞNG'); None where there is none."""
    key = fold(read).strip()
    # a word no syllable ('CHÀANH') is mended or doubted by _check_post_words
    if read.isascii() or _strange_words(read) or any(key == fold(p) or key.startswith(fold(p) + " ")
                                                     for p in formats.ALL_POSTS):
        return None
    words = key.split()
    marked = read.split()
    for post in formats.ALL_POSTS:
        full = fold(post).split()
        # a letter lost or a speck's added in a word no post or body holds ('HÒNG' for 'PHÒNG'); a letter for
        # another that makes a word ('TRẠI', 'HỘI') is that word as often as a misreading
        changed = [k for k, (a, b) in enumerate(zip(words, full)) if a != b] if len(full) == len(words) else []
        if len(changed) == 1 and abs(len(words[changed[0]]) - len(full[changed[0]])) == 1 \
                and Levenshtein.distance(words[changed[0]], full[changed[0]]) == 1 \
                and marked[changed[0]] not in _title_words() or len(full) == len(words) + 1 and any(
                full[:i] + full[i + 1:] == words for i in range(len(full))):
            return post
    return None


@functools.lru_cache(maxsize=1)
def _title_words() -> frozenset[str]:
    """The words of the listed posts and the known bodies' names, as printed."""
    from vnresolve.parsers import bodies

    return frozenset(w for n in (*formats.ALL_POSTS, *formats.SIGNING_BODIES, *bodies.names()) for w in n.upper().split())


def _take_post(meta, read: str, post: str) -> bool:
    """`post` for the post read as `read`, and for the acting head's 'Q.' line it is; whether that line was changed."""
    meta.signer.position = post
    if post.startswith("Q. ") and meta.signer.authority and meta.signer.authority[-1] == read:
        meta.signer.authority[-1] = post
        meta.signer.on_behalf_of = " ".join(meta.signer.authority)
        return True
    return False


def _check_authority(meta) -> None:
    """Each authority line's post or body ('KT. B0 TRƯỞNG', 'TM. ỦY RAN NHÂN DÂN') checked as the post is:
    the known one it is a misread of, doubted, or the line doubted."""
    lines = meta.signer.authority
    for k, line in enumerate(lines):
        rest = _after_prefix(line)
        if not rest or formats.authority_prefix(line) is None or not line.endswith(rest):
            continue  # a prefix read broken is doubted where it is read
        # TM. signs for a body, KT. and Q. for a head's post, TL. and TUQ. for either (NĐ 30 Phụ lục I; HD 36:
        # 'T/L BAN THƯỜNG VỤ')
        names = {"TM.": formats.SIGNING_BODIES, "KT.": formats.ALL_POSTS, "Q.": formats.ALL_POSTS}.get(
            formats.authority_prefix(line), formats.ALL_POSTS + formats.SIGNING_BODIES)
        # a speck read as a sign at its end or between its words ('BAN THƯỜNG VỤ,', 'ỦY BAN.NHÂN DÂN'), the space
        # after the prefix lost ('TM.ỦY BAN NHÂN DÂN') or read before its dot ('Q . CHỦ TỊCH')
        bare = _unspecked(rest, names)
        head = re.sub(r"\s+(?=\.)", "", line[:len(line) - len(rest)]).rstrip()
        read, lines[k] = line, head + " " + bare
        line = lines[k]
        if line != read and meta.signer.position == read:  # an acting head's 'Q.' line is the post as well
            meta.signer.position = line
        rest = bare
        found = _near_known(rest, names)
        unit = _unit_number(rest)
        # an unmarked word on a body's line is an acronym or a name as often ('BCH ĐOÀN TNCS', 'DỰ ÁN WB', 'CÔNG
        # TY MOBIFONE'), unless a letter from a syllable
        if found is None and (strange := _strange_words(rest[:unit.start(1)] if unit else rest, acronyms=True)):
            # it opens with a known name, but a word after it is none a name holds ('KT. CHỦ TỊCH NƯỚG')
            _doubt_more(meta, "signer.on_behalf_of", f"the authority line was read '{line}': '{strange[0]}' is no "
                                                     "Vietnamese word", 0.2)
        elif found is None and (noise := _short_noise(rest, names, _printed_words(meta))):
            _doubt_more(meta, "signer.on_behalf_of", f"the authority line was read '{line}': '{noise}' is no word, "
                                                     "and stands where no acronym does (a speck or a stroke read?)", 0.3)
        if found is None:
            continue
        name, why, conf = found
        if name is not None:
            lines[k] = line[:len(line) - len(rest)] + name
        _doubt_more(meta, "signer.on_behalf_of", f"the authority line was {why}", conf)
    meta.signer.on_behalf_of = " ".join(lines) or meta.signer.on_behalf_of


# the words of a place's unit, which a place's name follows ('TỈNH HÒA BÌNH', 'XÃ IA GRAI')
_UNIT_WORDS = frozenset({"tinh", "huyen", "xa", "quan", "phuong", "pho", "tran"})
# boards named for their work, whose names go on with what they run ('BAN TỔ CHỨC SEA GAMES', 'BAN QUẢN LÝ DỰ ÁN')
_WORK_BOARDS = frozenset({"BAN TỔ CHỨC", "BAN CHỈ ĐẠO", "BAN QUẢN LÝ"})


def _printed_words(meta) -> frozenset[str]:
    """The words the record read elsewhere on the page (the number's symbol, the issuer's lines, the
    recipients), the initials of two to four of their words running ('QUÂN KHU' QK, 'TỔ DÂN PHỐ' TDP,
    'BÀ RỊA - VŨNG TÀU' BR and VT) and the heads of the symbol's codes ('VKSNDT' VKS): an authority line
    abbreviates what the header prints in full."""
    texts = (meta.number, meta.issuer, meta.parent_issuer, *meta.recipients)
    printed = set()
    for text in filter(None, texts):
        words = [fold(w) for w in re.findall(r"[^\W\d_]++", text)]
        printed.update(words)
        printed.update("".join(w[0] for w in words[k:k + n]) for n in (2, 3, 4) for k in range(len(words) - n + 1))
    for code in re.findall(r"[^\W\d_]{4,}+", meta.number or ""):
        printed.update(fold(code)[:n] for n in (2, 3))
    return frozenset(printed)


def _short_noise(rest: str, names: tuple[str, ...], printed: frozenset[str]) -> str | None:
    """An unmarked word of two or three letters on an authority line that is no syllable's bare spelling, no
    known code, no place's word and printed nowhere else on the page ('KT. CHỦ TỊCH XQB'), standing where no
    acronym or brand stands: inside the known name the line holds ('ỦY BAN XQB NHÂN DÂN'), right after it, or
    after a place's unit word. A brand or a project's code follows a word of its body ('NGÂN HÀNG ACB', 'DỰ ÁN
    WB') or a board named for its work; a code right after a head's post or a body is the body's own, which the
    page prints in its symbol or its header ('…/EVN-KD')."""
    words = rest.split()
    for k, word in enumerate(words[1:], 1):
        bare = word.strip(".,:;-")
        if not (2 <= len(bare) <= 3 and bare.isalpha()) or _marked(bare) or _title_word(bare) \
                or bare.lower() in _place_words() or fold(bare) in printed:
            continue
        before, without = " ".join(words[:k]), fold(" ".join(words[:k] + words[k + 1:]))
        if formats.is_named(before, names) and before not in _WORK_BOARDS \
                or fold(words[k - 1].strip(".,:;-")) in _UNIT_WORDS or any(
                len(n.split()) > k and f"{without} ".startswith(f"{fold(n)} ") for n in names):
            return bare
    return None


@functools.lru_cache(maxsize=1)
def _tone_twins() -> tuple[tuple[str, str], ...]:
    """(listed post, common post) for each post of data/posts.txt that differs from one of the common posts
    (formats.POSTS) in a tone mark only ('TRƯỞNG BẢN', a village head's, and 'TRƯỞNG BAN', a board's): a
    tone mark is a few pixels, which a speck adds and a seal's red takes away."""
    from vnresolve.diacritics.vntext import split_tone

    def letters(post: str) -> str:
        return " ".join(split_tone(w)[0] for w in post.split())

    common = {letters(p): p for p in formats.POSTS}
    return tuple((p, common[letters(p)]) for p in formats.MORE_POSTS if letters(p) in common and p not in formats.POSTS)


def _check_tone_twins(meta) -> None:
    """A post, or an authority line's, read as one of two listed posts a tone mark apart stays as read. Read
    as the post beyond the common ones ('TRƯỞNG BẢN') it is certain where the page prints the word it differs
    by elsewhere, in the issuer's lines or the block ('BẢN NÀ LƯỜNG'); read as the common one ('TRƯỞNG BAN')
    it is doubted where the page prints the other's word so: else the common post is far likelier printed."""
    signer = meta.signer
    lines = [("signer.position", signer.position), *(("signer.on_behalf_of", a) for a in signer.authority or ())]
    for at, (field, line) in enumerate(lines):
        rest = (_after_prefix(line) if field != "signer.position" else line) or ""
        elsewhere = {w for other in (meta.issuer, meta.parent_issuer, *(t for k, (_, t) in enumerate(lines) if k != at))
                     for w in (other or "").upper().split()}
        for listed, common in _tone_twins():
            read, other = (listed, common) if f"{rest} ".startswith(f"{listed} ") else \
                (common, listed) if f"{rest} ".startswith(f"{common} ") else (None, None)
            if read is None:
                continue
            own = {a for a, b in zip(read.split(), other.split()) if a != b}
            others = {b for a, b in zip(read.split(), other.split()) if a != b}
            if read == listed and not own & elsewhere:
                _doubt_more(meta, field, f"'{rest}' differs from '{common}', far commoner, in a tone mark only, and the "
                                         f"page prints no '{' '.join(sorted(own))}' elsewhere", 0.45)
            elif read == common and others & elsewhere:
                _doubt_more(meta, field, f"'{rest}' differs from '{listed}' in a tone mark only, and the page prints "
                                         f"'{' '.join(sorted(others))}' elsewhere", 0.45)


def _post_less_a_word(read: str) -> str | None:
    """The known post `read` is with one word inside it taken out, where no known post holds that word
    there ('PHÓ CHỦ TỈNH TỊCH': a seal's 'TỈNH' read on the post's row); None otherwise."""
    words = fold(read).split()
    if len(words) < 3 or any(fold(p) == " ".join(words) for p in formats.ALL_POSTS):
        return None
    for k in range(1, len(words) - 1):
        if any(f" {fold(p)} ".startswith(" " + " ".join(words[:k + 1]) + " ") for p in formats.ALL_POSTS):
            continue
        rest = " ".join(words[:k] + words[k + 1:])
        if fits := [p for p in formats.ALL_POSTS if fold(p) == rest]:
            return fits[0]
    return None


def _repeated_words(read: str) -> str | None:
    """`read` with each word read twice in a row once ('PHÓ THỦ THỦ TƯỚNG TƯỚNG': two lines, 'KT. THỦ TƯỚNG' and
    'PHÓ THỦ TƯỚNG', read as one run word by word); None where no word follows itself."""
    words = read.split()
    kept = [w for k, w in enumerate(words) if not k or fold(w) != fold(words[k - 1])]
    return " ".join(kept) if len(kept) < len(words) else None


def _check_repeated(meta, once: str) -> None:
    """A post with a word read twice in a row is no listed post: the listed one it makes with each word once,
    doubted, or the reading doubted. Two lines read as one hold the authority line's words too."""
    read = meta.signer.position
    if any(fold(p) == fold(read) for p in formats.ALL_POSTS):
        return
    listed = next((p for p in formats.ALL_POSTS if fold(p) == fold(once)), None)
    if listed:
        meta.signer.position = listed
    _doubt(meta, "signer.position", f"the post was read '{read}', a word twice in a row: two lines read as one?"
           + (f" '{listed}' taken" if listed else ""), 0.4 if listed else 0.2)
    if listed and _deputy_words(listed) and not any(formats.authority_prefix(a) == "KT." for a in meta.signer.authority):
        _doubt(meta, "signer.on_behalf_of", f"the post was read '{read}': a deputy's post with a line read into it "
                                            "and no KT. line (read into the post?)", 0.4)


def _check_concurrent(meta, parts: list[str], head: str | None) -> None:
    """The KT. line's checks on posts held together, as _check_post's on one post: under KT. a deputy signs, so
    one of them names a deputy, and none is another head's deputy."""
    line = meta.signer.authority[-1] if meta.signer.authority else None
    if head and formats.is_post(head) and "PHÓ" not in head.split() and not formats.is_deputy(head) \
            and not any(_deputy_words(p) for p in parts):
        _doubt_more(meta, "signer.position", f"the posts were read '{', '.join(parts)}' under '{line}', where a "
                                             "deputy signs: no deputy's word in them: misread?", 0.4)
    if any(_against_authority(meta, p, meta.signer.authority) for p in parts):
        _doubt_more(meta, "signer.position", f"the posts were read '{', '.join(parts)}' under '{line}', which one "
                                             "of them contradicts: misread?", 0.4)


def _check_signer(meta) -> None:
    """Doubts that hold whichever pass read the block: a post or an authority line a letter or two from a
    known one ('RỘ TRƯỞNG', 'KT. B0 TRƯỞNG') taken for it, doubted; a post with digits or stray marks in
    it ('1Ó CHỦ TỊCH': a seal or a stroke over it), completed from the known posts where one fits, and a
    name whose first word is no family name ('Trật Hoàng Tuấn')."""
    signer = meta.signer
    if signer.authority:
        _check_authority(meta)
    read = signer.position or ""
    head = _after_prefix(signer.authority[-1]) if signer.authority and formats.authority_prefix(
        signer.authority[-1]) == "KT." else None
    concurrent = _concurrent_parts(read, head)
    if concurrent:
        signer.position = ", ".join(concurrent)  # posts held together, each known as printed: no letter to mend
        if read.strip() != signer.position:
            _doubt(meta, "signer.position", f"the post was read as '{read}': two posts held together, the sign "
                                            "between them spaced as no printed comma is (a speck?)", 0.4)
        _check_concurrent(meta, concurrent, head)
    elif read and read.upper() not in formats.ALL_POSTS and (concurrent := _run_together(read, head)):
        signer.position = ", ".join(concurrent)
        _doubt(meta, "signer.position", f"the post was read as '{read}': two posts held together, their comma lost?", 0.4)
    elif signer.position:
        _check_post(meta)
        if read.upper() not in formats.ALL_POSTS and (pair := _posts_side_by_side(read)):
            # two posts one signer does not hold ('CHỦ TỊCH PHÓ CHỦ TỊCH'): two signers' columns read as one line,
            # or a post misread; no joint post is made of them
            _doubt_more(meta, "signer.position", f"the post was read as '{read}': '{pair[0]}' and '{pair[1]}' are no "
                                                 "two posts one signer holds (two blocks read as one?)", 0.2)
    unit = _unit_number(signer.position or "")
    text = signer.position[:unit.start(1)] if unit and signer.position else signer.position
    if text and _body_commas(signer.position):
        text = text.replace(",", "")  # the body's name's own commas
    if signer.position and not concurrent and _GARBLED_POST.search(text):
        read = signer.position
        cleaned = " ".join(_GARBLED_POST.sub(" ", read).split())
        # a post read whole, marked or not ('CHU TICH'), is no fragment of a longer one ('PHÓ CHỦ TỊCH')
        full = cleaned if any(fold(p) == fold(cleaned) for p in formats.ALL_POSTS) else formats.complete_post(cleaned, None)
        signer.position = full or cleaned or None
        _doubt(meta, "signer.position", f"the post was read as '{read}'" + ("; completed from the known posts" if full else ""),
               0.4 if full else 0.2)
    if signer.position and not concurrent and signer.position.upper() not in formats.ALL_POSTS:
        _check_post_words(meta)
    if signer.position and not concurrent and (post := _post_less_a_word(signer.position)):
        read = signer.position
        signer.position = post
        _doubt(meta, "signer.position", f"the post was read as '{read}': a word no known post holds there (a seal's "
                                        "or a stroke's read over it?)", 0.4)
    if signer.position and not concurrent and (twice := _repeated_words(signer.position)):
        _check_repeated(meta, twice)
    _check_tone_twins(meta)
    if signer.name and len(words := signer.name.split()) == 2 and words[0] in ("Văn", "Thị"):
        # the middle name of most men's and women's names: a name of two words opening on one lost its family
        # name to the seal or the signature ('Văn Phúc' for 'Bùi Văn Phúc')
        _doubt(meta, "signer.name", f"'{signer.name}' opens on the middle name '{words[0]}': its family name lost?", 0.4)
    if signer.name and len(words := signer.name.split()) >= 2 and words[-1] in ("Văn", "Thị"):
        # a name ending on one lost its given name to the signature or the seal, unread or read as a stroke that was
        # left out ('Nguyễn Văn x')
        _doubt(meta, "signer.name", f"'{signer.name}' ends on the middle name '{words[-1]}': its given name lost?", 0.4)
    # a name opening on a minority's particle ('H'Hen Niê') has its family name last, or none; one with the particle
    # after it ('Hờ A Di') opens on a clan's name: either is certain only where its family name confirms the particle
    if signer.name and (placed := placed_particle(words := signer.name.split())):
        if why := particle_doubt(words, placed):
            _doubt(meta, "signer.name", why, 0.45)
    elif signer.name and (bare := bare_name(signer.name.split())) and not printed_bare(signer.name.split(),
                                                                                   [signer.position or ""]):
        # a name in text without marks ('Hoang Van Thieu'): those of the likeliest names, doubted
        signer.name = bare[0]
        _doubt(meta, "signer.name", bare[1], 0.45)
    elif signer.name and not formats.known_surname(first := signer.name.split()[0]):
        from vnresolve.diacritics.vntext import split_tone

        # a tone mark misread ('Đô' for 'Đỗ'): the one family name with the same letters, doubted; a name
        # in text without marks that bare_name does not take is left as it is written
        fits = sorted({n for n in (*formats.SURNAMES, *formats.RARER_SURNAMES, *formats.MINORITY_SURNAMES)
                       if split_tone(n)[0] == split_tone(first)[0]}) if not first.isascii() else []
        if len(fits) == 1:
            signer.name = " ".join([fits[0], *signer.name.split()[1:]])
            _doubt(meta, "signer.name", f"'{first}' is no known family name; '{fits[0]}' is, with another tone mark", 0.4)
        else:
            _doubt(meta, "signer.name", f"'{first}' is no known family name: misread?", 0.4)


def _letters_cx(run: Run) -> float:
    """The centre of the run's words that hold a letter: a speck read before a name (': Dương Hữu Phúc')
    moves the run's box off the block's axis."""
    if run.spans and len(run.spans) == len(run.words):
        spans = [span for span, (text, _) in zip(run.spans, run.words) if any(c.isalpha() for c in text)]
        if spans:
            return (min(a for a, _ in spans) + max(b for _, b in spans)) / 2
    return run.cx
