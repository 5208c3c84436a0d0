"""The type name and the subject under it, read by region (NĐ 30, HD 36: the subject centred under
the type name), and the subject cleaned of what OCR added to it (stamp text, specks read as signs)."""

from __future__ import annotations

import re

from vnresolve.parsers import formats
from vnresolve.parsers.record_doubts import NAME_CONF, WEAK_OCR, _caps, _doubt, _unsure_digits, _weak
from vnresolve.parsers.record_labels import _KINH_GUI
from vnresolve.parsers.record_received import stamp_line
from vnresolve.parsers.record_language import LETTER_MARGIN, _gain
from vnresolve.parsers.regions import Run
from vnresolve.parsers.text import fold


# the legal bases and the proposal a decree, circular or decision opens on, right under its subject
_BASES = re.compile(r"(?:can cu|theo de nghi|xet de nghi)\b")


def _type_and_subject(meta, rs: list[Run], type_at: int, width: float, h: float, stamps: list = (),
                      text: str = "") -> None:
    """The type name at `rs[type_at]` and the subject under it; `stamps`: the page's stamp lines, `text`: the
    document's."""
    t = formats.type_of_line(rs[type_at].folded)
    # a speck read as a sign between its words ('KẾ.HOẠCH') is no part of the name as printed
    meta.doc_type, meta.doc_type_label = t.code, re.sub(r"(?<=\w)[.,_-]+(?=\w)", " ", rs[type_at].text.strip(" *#"))
    out: list[Run] = []
    prev = rs[type_at]
    margin, indent = sorted(r.x1 for r in rs)[int(len(rs) * 0.9)], sorted(r.x0 for r in rs)[len(rs) // 10]
    # runs a third of a line high are strokes or a stamp's specks read as letters, not subject lines
    below = [r for r in rs[type_at + 1:] if r.y1 - r.y0 >= 0.4 * h]
    # the lines naming whose the document is ('CỦA BỘ CHÍNH TRỊ', a plenum's two lines) stand over the subject's block
    lead = next((k for k, r in enumerate(below) if not (_caps(r.text) and formats.names_the_organ(fold(r.text)))),
                len(below))
    block = _centred_block(below[lead:], rs[type_at], h, indent, margin)
    # the line under them, however wide, opens the subject; one that runs on at the line spacing into a line under it
    # (no rule, no wider space, no indented opening between) may as well be the body's first, so it is doubted
    under = below[lead] if 0 < lead < len(below) else None
    after = below[lead + 1] if under is not None and lead + 1 < len(below) else None
    runs_on = after is not None and after.y0 - under.y1 <= 1.2 * h and not formats.RULE.fullmatch(after.text.strip()) \
        and not after.x0 - indent > h
    beside = False
    owned = bool(formats.type_with_owner(rs[type_at].folded))
    for r in below[:7]:
        # the subject's first line is centred under the type name (NĐ 30, HD 36) however wide; a body
        # line set solid from margin to margin is centred too, so such a line stays a body line unless
        # it opens a block of centred lines set apart from the body
        first = (not out and abs(r.cx - rs[type_at].cx) < 0.5 * h
                 and (r.x0 - indent > 0.5 * h or margin - r.x1 > 0.5 * h or r is under)) or id(r) in block
        if _on_last_row(r, out) and r.x0 > out[-1].x1:
            # on the subject's last row, right of it: no body line (the body starts below); the row's end read
            # apart (a word lost between on a skewed scan) or a stamp beside it
            beside = beside or _sure_on_last_row(r, out)
            continue
        if not first and (r.x1 - r.x0 > width * 0.72 or (r.x1 > margin - 0.5 * h and r.x0 - indent > 1.5 * h)):
            break  # a body paragraph's line: full width, or indented and out to the right margin
        if formats.RULE.fullmatch(r.text.strip()) or _KINH_GUI.match(r.folded):
            break  # the dashes HD 36 prints under a Party subject; a tờ trình's 'Kính gửi:' after its subject
        if out and r.text[:1].isupper() and _BASES.match(r.folded):
            break  # a normative document's bases ('Căn cứ Luật …;', 'Theo đề nghị của …') open its body
        if out and _LABEL.match(r.text) and abs(r.cx - out[0].cx) > 2 * h:
            break  # a biên bản's 'Thời gian: …', 'Địa điểm: …' under its subject: body lines set left, not centred
        if r.y0 - prev.y1 > 1.6 * h or abs(r.cx - width / 2) > width * 0.15:
            if abs(r.cx - width / 2) > width * 0.15 and r.y0 - prev.y1 <= 0.6 * h:
                # a stamp beside the subject (received-stamp, seal text); words read surely on a subject line's
                # own row may be its end, cut off by a word lost between
                beside = beside or _sure_on_last_row(r, out)
                continue
            break
        if _caps(r.text) and out and not (r.y0 - prev.y1 <= 0.6 * h and formats.of_the_legislature(meta.issuer, meta.number)
                                          and caps_subject_goes_on([o.text for o in out], r.text)):
            break
        if not out and _caps(r.text) and formats.names_the_organ(fold(r.text)):
            owned, prev = True, r
            continue
        if owned and not out and _caps(r.text) and formats.owner_goes_on(r.folded, meta.issuer):
            prev = r
            continue  # the rest of whose the document is ('… TỈNH SƠN' / 'LA'), above its subject
        out.append(r)
        prev = r
    if out:
        lines = [r.text for r in out]
        if dotted := [k for k, t in enumerate(lines[:-1]) if _SPECK_DOT_END.search(t) or _LONE_SIGN_END.search(t)]:
            # a subject is one phrase: a period ending one of its lines before the last is a speck ('… PHÁP LỆNH NĂM.'
            # / '2018'), unless it ends an abbreviation ('TP.'); so is a sign alone there ('TIẾT KIỆM, .')
            lines = [_LONE_SIGN_END.sub("", t.rstrip()) if _LONE_SIGN_END.search(t) else t.rstrip()[:-1] if k in dotted
                     else t for k, t in enumerate(lines)]
            _doubt(meta, "subject", "a '.' ended a line inside the subject: a speck, dropped", 0.45)
        meta.subject = _clean_subject(" ".join(lines))
        _weak(meta, "subject", out)
        if out[0] is under and runs_on and id(under) not in block and not (under.x0 - indent > 0.5 * h
                                                                           or margin - under.x1 > 0.5 * h):
            _doubt(meta, "subject", "the line under the organ's runs margin to margin on into the next, as a body's "
                                    "first line does: the subject's, or the body's with the subject lost?", 0.45)
        _unsure_digits(meta, "subject", out, text)
        if beside:
            _doubt(meta, "subject", "words read surely on the subject's row, apart from it, were left out", 0.45)
        boxes = [(r.text, r.x0, r.y0, r.x1, r.y1, r.conf) for r in below if r not in out]
        boxes += [(line.text, *line.bbox, line.conf) for line in stamps]
        if (unread := _unread_line_under(out[-1], boxes, rs[type_at], h)) is not None:
            _doubt(meta, "subject", f"a line OCR could not read ('{unread.strip()}') stands under the subject's last, "
                                    "centred as its lines are: its end may be lost there", 0.45)
    elif meta.subject or meta.title:
        _doubt(meta, "subject", "no subject line under the type in the layout; kept from the line order", 0.4)


# a line's last word, of a Vietnamese mark or five letters or more (no abbreviation: 'TP.', 'UBND.'), then one '.'
_SPECK_DOT_END = re.compile(r"(?:\b\w*[^\W\d_a-zA-Z]\w*|\b[^\W\d_]{5,})(?<!\.)\.\s*$")


_LONE_SIGN_END = re.compile(r"(?<=[,\s])\s*[.:;]\s*$")


# the names a capitals line under the subject opens with that make it the enacting body's or post's line ('ỦY BAN
# NHÂN DÂN TỈNH …' under a decision's), not the subject's next line
_ENACTING_OPENINGS = ("uy ban nhan dan", "hoi dong nhan dan", "chu tich", "bo truong")


def caps_subject_goes_on(subject: list[str], line: str) -> bool:
    """Whether a capitals `line` right under a subject printed in capitals goes on with it: the subject of a law,
    an ordinance or the legislature's resolution ('VỀ VIỆC THÀNH LẬP ĐOÀN GIÁM SÁT … TẠI' / 'CÁC KHU DÂN CƯ')
    wraps in capitals; the line under it that names the enacting body or post ('QUỐC HỘI', 'ỦY BAN THƯỜNG VỤ QUỐC
    HỘI', 'CHỦ TỊCH' / 'NƯỚC …', 'BỘ TRƯỞNG BỘ …') or a type is none of it."""
    from vnresolve.parsers import bodies

    # a sign standing alone at the line's end ('TIẾT KIỆM, .') is a speck, no sentence's end
    last = _LONE_SIGN_END.sub("", subject[-1]) if subject else ""
    if not subject or not all(_caps(t) for t in subject) or last.rstrip().endswith((".", ":", ";")):
        return False
    key = " ".join(re.sub(r"[\W_]+", " ", fold(line)).split())
    # a unit's word alone ('XÃ', ending '… HỢP TÁC' / 'XÃ') is a listed name too, but no enacting body's
    return bool(key) and not ((" " in key and key in bodies.folded_names()) or formats.is_post(line) or key.startswith(_ENACTING_OPENINGS)
                              or formats.type_of_line(fold(line), loose=False) or formats.RULE.fullmatch(line.strip()))


def _on_last_row(r: Run, out: list[Run]) -> bool:
    """`r` stands on the row of the subject's last line read so far (over half its height level with it)."""
    return bool(out) and min(r.y1, out[-1].y1) - max(r.y0, out[-1].y0) > 0.5 * (r.y1 - r.y0)


def _sure_on_last_row(r: Run, out: list[Run]) -> bool:
    """Words read surely on the subject's last row, apart from it: maybe the row's end, cut off by a word lost
    between, so the subject is doubted."""
    return _on_last_row(r, out) and r.conf is not None and r.conf >= NAME_CONF


def _unread_line_under(last: Run, boxes: list[tuple], type_run: Run, h: float) -> str | None:
    """The text of a line right under the subject's `last`, letter-high, centred under the type name as the
    subject's own lines are and read under WEAK_OCR (its last word under a seal's ink read 'HH' at 2), or None.
    `boxes`: (text, x0, y0, x1, y1, conf) of the lines not taken."""
    for text, x0, y0, x1, y1, conf in boxes:
        if (conf is not None and conf < WEAK_OCR and y1 - y0 >= 0.6 * h and -0.3 * h <= y0 - last.y1 <= 0.6 * h
                and abs((x0 + x1) / 2 - type_run.cx) < h):
            return text
    return None


def _centred_block(below: list[Run], type_run: Run, h: float, indent: float, margin: float) -> set[int]:
    """The lines right under the type name that are each centred under it and are set apart from the
    body that follows by more than a line's space or by its indented first line: the subject, however
    wide its lines. A body paragraph's lines follow at the line spacing, its first indented and its
    last set left; a line justified alone runs flush to both margins, so a one-line block must stand
    clear of them and a longer one must end on a short centred line."""
    block: list[Run] = []
    for k, r in enumerate(below[:4]):
        if abs(r.cx - type_run.cx) >= 0.5 * h or (block and r.y0 - block[-1].y1 > 0.8 * h):
            break
        block.append(r)
        after = below[k + 1] if k + 1 < len(below) else None
        if after is None:
            break
        # NĐ 30 indents a body paragraph's first line: a justified line indented past the block's own
        # start ends the block as a wider space would
        opens = after.x0 - indent > h and after.x1 > margin - 0.5 * h and block[0].x0 < after.x0 - 0.5 * h
        if after.y0 - r.y1 > 1.2 * h or opens:
            last = block[-1]
            left, right = indent, margin
            if opens:
                # the indented paragraph opening under the block (its first line and the next at the line spacing)
                # sets the body's margins where they reach further than the page's estimate: a short document's
                # head and recipients pull the percentiles inwards
                para = [after, *(b for b in below[k + 2:k + 3] if 0 <= b.y0 - after.y1 <= 1.2 * h)]
                left, right = min(indent, *(b.x0 for b in para)), max(margin, *(b.x1 for b in para))
            clear = last.x0 - left > 0.2 * h and right - last.x1 > 0.2 * h
            short = len(block) > 1 and last.x1 - last.x0 < 0.5 * (block[0].x1 - block[0].x0)
            return {id(b) for b in block} if (clear or short) else set()
    return set()


# 'Thời gian:', 'Địa điểm:', 'Thành phần:': a label of a word or three and its colon opening a line
_LABEL = re.compile(r"^\W{0,2}[^\W\d_]+(?:\s+[^\W\d_]+){0,2}\s*:")

# 'Về việc' read with a speck between its words ('Về.việc', 'Về,việc') or none ('Vềviệc')
_ABOUT = re.compile(r"(?<![a-z])(?:ve\s*[.,]?\s*viec|v\s*/\s*v)(?![a-z])")


def _clean_subject(text: str) -> str:
    """Marks before 'Về việc' (a stamp's text, a stray comma) are not the subject; 'Vềviệc' and 'Về.việc'
    are its two words."""
    m = _ABOUT.search(fold(text))
    if m and m.start() < 40 and not re.search(r"[a-zà-ỹđ]{3,}", text[: m.start()]):
        text = text[m.start():]
        m = _ABOUT.search(fold(text))
    if m and fold(text[m.start(): m.end()]).startswith("ve") and fold(text[m.start(): m.end()]) != "ve viec":
        text = f"{text[:m.start() + 2]} {text[m.end() - 4:]}"
    text = _DIGITS_READ_AS_LETTERS.sub(lambda g: g.group(0).translate(_AS_DIGIT), text)
    text = _SPECK_DOT.sub(lambda g: " " if g.group(1) or g.group(2).islower() else g.group(0), text)
    text = _SPECK_DASH.sub(" ", text)
    text = _SPECK_DOT_BEFORE.sub("", text)
    text = _LONE_ACCENT.sub("", text)
    if len(_QUOTE.findall(text)) == 1:  # a quote inside it closing nothing (alone or stuck to a word): a speck
        text = _LONE_QUOTE.sub(lambda q: " " if q.group(0) != q.group(0).strip() else "", text)
    # a subject opens on a word (or a quote): a dash or '_' before it is a speck or the rule under the type read
    # as a sign; nor does it end on a dash
    text = _BEFORE_WORD.sub("", text.strip(" ,.;:")).rstrip(" -–")
    # an older document's 'V/v' under its type line, as a công văn's is, is no part of the subject; OCR may lose its v
    text = _SUBJECT_VV.sub("", text)
    # a bracket at its end closing none it opened ('… năm 2001)'): a speck or the rule under it read as one
    if text.endswith((")", "]")) and not re.search(r"[(\[]", text):
        text = text[:-1].rstrip()
    # and a quote opening it is closed later in it ('“Ngày hội …”'): one never closed is a speck
    closing = {"'": "'", '"': '"', "“": "”\"", "‘": "’'"}.get(text[:1])
    return text[1:].lstrip() if closing and not any(c in text[1:] for c in closing) else text


_BEFORE_WORD = re.compile(r"^(?:[^\w\"“'(]|_)+")
_SUBJECT_VV = re.compile(r"^[Vv]\s*+[/|](?:\s*+[vVwW]\b\.?|(?=\s++[a-zà-ỹđ]))\s*+")
# a lone spacing accent standing as a word ('… năm 2019 ˆ'): a speck, no Vietnamese word is one
_LONE_ACCENT = re.compile(r"\s*(?<!\S)[\u02b0-\u02ff\u00b4\u00a8`^~]+(?!\S)")
_QUOTE = re.compile(r"[\"“”'‘’„‚]")
# one standing between words or alone at the end, or stuck to one's start or end; an apostrophe inside a
# word ('H'Mông') is none
_LONE_QUOTE = re.compile(r"(?<=\w)\s++[\"“”'‘’„‚]\s++(?=\w)|(?<=\s)[\"“”'‘’„‚](?=\w)|(?<=\w)[\"“”'‘’„‚](?=\s|$)"
                         r"|\s++[\"“”'‘’„‚]$")

# Vietnamese joins no two syllables with a hyphen: a dash stuck to a small letter on one side and before another
# is a speck ('giao thông-dịp', 'tháo- gỡ'); one spaced on both sides ('kinh tế - xã hội') is the writer's
# nor a date's word and its number ('6 tháng đầu năm-2000'), where a range's ('2021-2025') stands between numbers
_SPECK_DASH = re.compile(r"(?<=[a-zà-ỹđ])-\s?(?=[a-zà-ỹđ])|(?<=[a-zà-ỹđ])\s-(?=[a-zà-ỹđ])"
                         r"|(?<=\bnăm)-\s?(?=\d)|(?<=\btháng)-\s?(?=\d)|(?<=\bngày)-\s?(?=\d)|(?<=\bquý)-\s?(?=\d)")

# a '.' stuck to the front of a word after a space ('CỦA .LUẬT DÂN SỐ'): no abbreviation or sentence stands so
_SPECK_DOT_BEFORE = re.compile(r"(?<=\s)\.(?=[^\W\d_])")

# a subject is one phrase, no sentences: a '.' after a word in small letters and before a letter ('của.Ban',
# 'xây. dựng') is a speck; an abbreviation's ('TP.HCM', 'v.v.') stands after capitals or one letter
_SPECK_DOT = re.compile(r"(?<=[^\W\d_][^\W\d_A-ZĐ])(?<![A-ZĐ][^\W\d_])\.(?:(?=([^\W\d_]))|\s+(?=([^\W\d_])))")

# a '.' standing alone between two words in small letters ('và . tìm kiếm'): no abbreviation or sentence end
# stands so in a subject, but the speck may hide what it was read over, so it is dropped doubted
_LONE_DOT = re.compile(r"(?<=[a-zà-ỹđ])\s+\.\s+(?=[a-zà-ỹđ])")


def lone_dots_dropped(text: str) -> str:
    return _LONE_DOT.sub(" ", text)


# a number in a code ('COVID-I9', 'Khóa XIV-2O21'): a part of digits with I, l or O among them, which
# OCR reads for 1 and 0; a part with no digit ('XIII') stays
_DIGITS_READ_AS_LETTERS = re.compile(r"(?<=-)(?=[IlO]*\d)[\dIlO]{2,}(?![^\W_])")
_AS_DIGIT = str.maketrans("IlO", "110")


_EDGE_SIGNS = "\"'“”‘’()[].,;:!?…"


def _as_the_body_has(subject: str, text: str, lm) -> tuple[str, list[tuple[str, str]]]:
    """`subject` with each word the rest of the document never uses, but one letter from the word the
    body prints between the same two neighbours, taken as the body has it ('công (ác thi' where the body
    has 'công tác thi'): a trích yếu restates the body's own terms, and a subject line is read once
    where the body repeats them. The body's word is one of letters only (the subject's own line, read with
    the signs `_clean_subject` shed, is in the text too); digits and words of one letter are left. The
    language (`lm`, the restorer's) must prefer the body's word where it stands by the letter check's
    margin (LETTER_MARGIN): a right word the body never repeats is kept against a misreading of it
    there ('xét tặng danh hiệu', the body's 'xét tăng danh'), and against a word as likely there ('vụ về
    xây dựng', the body's 'vụ và xây dựng'); without one nothing is taken. (read, taken) pairs returned."""
    from rapidfuzz.distance import Levenshtein

    from vnresolve.diacritics.lmtokens import BOS, EOS, NUM

    words = subject.split()
    if lm is None or len(words) < 3:
        return subject, []
    key = [w.strip(_EDGE_SIGNS).casefold() for w in words]
    body = [w.strip(_EDGE_SIGNS).casefold() for w in text.split()]
    uses: dict[str, int] = {}
    for w in body:
        uses[w] = uses.get(w, 0) + 1
    for w in key:  # the subject's own words in the text are no use of them by the body
        uses[w] = uses.get(w, 0) - 1
    between: dict[tuple[str, str], set[str]] = {}
    for a, w, b in zip(body, body[1:], body[2:]):
        between.setdefault((a, b), set()).add(w)
    taken = []
    for k in range(1, len(words) - 1):
        read = key[k]
        if len(read) < 2 or any(c.isdigit() for c in words[k]) or uses.get(read, 0) > 0:
            continue
        whole = words[k].casefold()
        fits = [w for w in between.get((key[k - 1], key[k + 1]), ())
                if w != read and uses.get(w, 0) > 0 and len(w) >= 2 and w.isalpha()  # a word, no sign the subject shed
                and 1 in (Levenshtein.distance(whole, w), Levenshtein.distance(read, w))]
        if len(fits) != 1 or _gain(lm, [BOS, BOS, *(NUM if w.isdigit() else w for w in key), EOS], k + 2, fits[0]) <= LETTER_MARGIN:
            continue
        bare = words[k].strip(_EDGE_SIGNS)
        word = fits[0].upper() if len(bare) > 1 and bare.isupper() else (
            fits[0][:1].upper() + fits[0][1:] if bare[:1].isupper() else fits[0])
        # a sign misread for a letter ('(ác') is part of the word; one round it ('bành,') is the subject's
        mended = word if Levenshtein.distance(whole, fits[0]) == 1 else words[k].replace(bare, word, 1)
        taken.append((words[k], mended))
        words[k] = mended
        key[k] = fits[0]
    return " ".join(words), taken


# an enumerated item ('1. Tình hình chung', '2) …'): the body's, never a subject's wrap
_ITEM = re.compile(r"^\s*\d{1,2}\s*[.)]\s")


def subject_under_type(text: str, lines: list, type_at: int, issuer: str | None = None,
                       number: str | None = None) -> list[str]:
    """The lines of the subject printed under the type name at `lines[type_at]` (lines of `text`, as
    text.iter_lines gives them): past a received stamp's lines and the lines naming whose the document is,
    up to a capitals line after it (an enacting authority's), a rule, 'Kính gửi:', an enumerated item, a
    line ending in '.' or ':', or a blank line. `issuer` and `number` tell a legislative document, whose
    capitals subject runs on over lines (formats.of_the_legislature)."""
    title: list[str] = []
    owned = bool(formats.type_with_owner(lines[type_at].folded))
    for line in lines[type_at + 1: type_at + 6]:
        if stamp_line(line.text):
            continue  # the portal's received stamp, read between the type name and the subject
        if _caps(line.text) and formats.names_the_organ(line.folded):
            owned = True
            continue
        if owned and not title and _caps(line.text) and formats.owner_goes_on(line.folded, issuer):
            continue  # the rest of whose the document is ('… TỈNH SƠN' / 'LA'), above its subject
        if _caps(line.text) and title and not (formats.of_the_legislature(issuer, number)
                                               and caps_subject_goes_on(title, line.text)):
            break
        if len(line.text) > 160 and title:
            break
        if formats.RULE.fullmatch(line.text.strip()) or _KINH_GUI.match(line.folded) or _ITEM.match(line.text):
            break  # the dashes HD 36 prints under a Party subject; a tờ trình's 'Kính gửi:' after its subject
        title.append(line.text)
        if line.text.endswith((".", ":")):
            break
        nxt = text[line.end: line.end + 2]
        if nxt.startswith("\n\n") or nxt == "\n" or not nxt:
            break
    return title
