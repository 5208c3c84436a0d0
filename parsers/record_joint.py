"""Joint documents (liên tịch): two or more bodies issue one document.

The header names the bodies one under another or joined by ' - ' (the lead body first), the symbol
joins their codes ('37/2015/TTLT-BYT-BTC'), and each body's head or deputy signs in a block of its
own, side by side, sometimes in two rows. NĐ 30/2020 Phụ lục I, as the project's official-formats
notes read it, sets the lead body's block at the right. The record's `signer` is the lead body's
block: the one naming the header's first body, else the right block of the first row; `co_signers`
are the others, in the header's order of the bodies they name, else right to left, row by row.

Only a document marked joint (a 'LIÊN TỊCH' type line, or a type code ending 'LT' in its symbol) is
read so; the bodies are those the package lists (parsers/data/bodies.txt), never a pattern of one
document.
"""

from __future__ import annotations

import re

from rapidfuzz.distance import Levenshtein

from vnresolve.parsers import bodies, formats
from vnresolve.parsers.bundle import head_text, main_pages
from vnresolve.parsers.record_doubts import WEAK_OCR, _caps, _doubt, _doubt_more
from vnresolve.parsers.record_labels import _recipients_label
from vnresolve.parsers.record_signer_name import _name_of
from vnresolve.parsers.regions import Run, columns, has_boxes, line_height, runs
from vnresolve.parsers.text import fold, iter_lines
from vnresolve.schemas import Document
from vnresolve.schemas.models import Metadata, Signer

# the type code of a joint document's symbol ('TTLT', 'NQLT', 'KHLT'): the first code after the number, two
# bodies' codes or more after it. A body's code ending so ('15/QĐ-TTLT-HCTH', '125/TTLT-VP') is none
_JOINT_SYMBOL = re.compile(r"/[A-ZĐ]{1,3}LT(?:-[A-ZĐ]++){2,}")
# columns of a text file: a tab, or three spaces or more
_COLUMN_GAP = re.compile(r"\t+| {3,}")
_NUMBER_LINE = re.compile(r"^\W{0,3}so\b")
# a part of a line: words a single space apart
_PART = re.compile(r"\S++(?: \S++)*+")
_SIGNS = re.compile(r"[^\w\s]")
_WORDS = re.compile(r"\w+")


def is_joint(meta: Metadata) -> bool:
    return "lien tich" in fold(meta.doc_type_label or "") or bool(_JOINT_SYMBOL.search(meta.number or ""))


def _listed_keys() -> dict[str, str]:
    return bodies.keys_of(bodies.names())


def _groups(pieces: list[tuple[str, str]]) -> tuple[list[str], bool] | None:
    """Header pieces ((text, what joins it to the one before: ' - ' or ' ')) grouped into listed bodies'
    names, and whether a name was mended; None unless every piece falls in one and there are two names or
    more."""
    keys = _listed_keys()
    out: list[str] = []
    current, mended = "", False
    for text, joint in pieces:
        current = f"{current}{joint}{text}" if current else text
        if (listed := keys.get(bodies._key(current))) is not None:
            name = formats.body_name(current)  # a speck's sign at its ends ('"BỘ Y TẾ', 'BỘ TƯ PHÁP.') dropped
            # a speck read as a sign between its words ('VẬN-TẢI'): the listed name's words are the same
            speck = name != listed and _WORDS.findall(name) == _WORDS.findall(listed)
            out.append(listed if speck else name)
            mended, current = mended or speck, ""
    return (out, mended) if not current and len(out) >= 2 else None


def joint_issuer(doc: Document) -> tuple[list[str], bool] | None:
    """The bodies a joint header names, in order, and whether a sign between a name's words was dropped: its
    lines before the number, each cut at a column's gap, split at ' - ' and gathered into listed names
    ('BỘ GIÁO DỤC VÀ' / 'ĐÀO TẠO' is one)."""
    pieces: list[tuple[str, str]] = []
    for line in list(iter_lines(head_text(doc)))[:8]:
        left = _COLUMN_GAP.split(line.text.strip())[0]
        # the motto read into the same line ('BỘ TÀI CHÍNH - BỘ GIAO THÔNG CỘNG HÒA XÃ HỘI …'): the header's
        # left column ends before it (fold keeps a line's length)
        motto = formats.MOTTO.search(fold(left))
        left = (left[:motto.start()] if motto else left).strip(" *")
        if not left or _NUMBER_LINE.match(fold(left)) or not _caps(left):
            break
        for k, part in enumerate(left.split(" - ")):
            pieces.append((part.strip(), " - " if k else " "))
    if len(pieces) < 2:
        return None
    return _groups(pieces)


def _completes(above: str, below: str, names: list[str]) -> bool:
    """Whether `below` is the end of the authority line or post `above` wrapped in its column: the two
    together name one of the header's bodies that `above` alone does not ('BỘ TRƯỞNG BỘ KẾ HOẠCH VÀ' /
    'ĐẦU TƯ')."""
    joined, alone = fold(f"{above} {below}"), fold(above)
    return any(_mentions(joined, name) and not _mentions(alone, name) for name in names)


def _mentions(folded: str, name: str) -> bool:
    return re.search(rf"(?<![a-z]){re.escape(fold(name))}(?![a-z])", folded) is not None


def _blocks(column: list[Run], names: list[str]) -> list[list[Run]]:
    """A column's runs, top to bottom, cut into signature blocks: a block ends with its name, and the
    next opens on an authority line or a post."""
    out: list[list[Run]] = []
    named = True
    for r in sorted(column, key=lambda r: r.y0):
        text = r.text.strip(" *")
        if not text:
            continue
        # the column's first block opens on its first line in capitals (an authority line misread, 'KT: BỘ
        # TRƯỞNG', still opens it), a later one on an authority line or a post under the name above
        opens = _caps(text) and (not out or formats.authority_prefix(text) or formats.is_post(text))
        if named and opens:
            out.append([])
            named = False
        if not out:
            continue
        block = out[-1]
        if block and not named and _caps(text) and _completes(block[-1].text.strip(" *"), text, names):
            # an authority line or post wrapped in its column ('KT. BỘ TRƯỞNG BỘ GIAO THÔNG' / 'VẬN TẢI'): one line
            above = block[-1]
            block[-1] = Run(f"{above.text.strip()} {text}", min(above.x0, r.x0), above.y0, max(above.x1, r.x1), r.y1,
                            min((c for c in (above.conf, r.conf) if c is not None), default=None),
                            above.words + r.words, above.spans + r.spans if above.spans and r.spans else ())
            continue
        block.append(r)
        # a name with a speck's sign read in it ('Vũ.Đức Tâm') ends its block too
        named = named or bool(not _caps(text) and (_name_of(text)[1] or _name_of(_SIGNS.sub(" ", text))[1]))
    return [b for b in out if len(b) >= 2]


def _region_columns(doc: Document, names: list[str]) -> tuple[list[Run], list[Run], float, bool] | None:
    """The foot's left and right columns on the last page with word boxes: the rows under the body's
    last line across the page's middle, down to the recipients' label (the blocks stand above it)."""
    for page in reversed(main_pages(doc)):
        if not has_boxes(page):
            continue
        rs = runs(page)
        if not rs:
            continue
        width, h = page.width or max(r.x1 for r in rs), line_height(rs)
        label = next((r for r in rs if _recipients_label(r, width)), None)
        end = label.y0 if label is not None else max(r.y1 for r in rs) + 1
        above = [r for r in rs if r.y1 <= end]
        # a run across the middle read under WEAK_OCR is a seal's or a signature's strokes, not the body
        body_end = max((r.y1 for r in above if r.x0 < width * 0.5 < r.x1 and not formats.authority_prefix(r.text)
                        and not (_caps(r.text) and formats.is_post(r.text)) and (r.conf is None or r.conf >= WEAK_OCR)),
                       default=0.0)
        foot = [part for r in above if r.y0 >= body_end for part in _cut_at_middle(r, width * 0.5, h, names)]
        left, right = columns(foot, width * 0.5)
        return left, right, h, page.source == "ocr"
    return None


def _cut_at_middle(r: Run, middle: float, h: float, names: list[str]) -> tuple[Run, ...]:
    """Two blocks' lines read as one run across the page's middle ('BỘ TRƯỞNG BỘ CÔNG THƯƠNG   KT. BỘ
    TRƯỞNG BỘ XÂY DỰNG'): cut at the widest gap between its words, where that gap spans the middle
    and is wider than a line is high."""
    if not (r.x0 < middle < r.x1) or len(r.spans) < 2 or len(r.spans) != len(r.words):
        return (r,)
    words = [w for w, _ in r.words]
    for k in range(1, len(words)):
        # an authority line run into another block's authority line or post ('KT. BỘ TRƯỞNG BỘ TÀI CHÍNH KT. BỘ
        # TRƯỞNG BỘ …', 'BỘ TRƯỞNG BỘ KẾ HOẠCH VÀ K/T BỘ TRƯỞNG …'), however narrow the gap: cut before its prefix
        head = " ".join(words[:k])
        if formats.authority_prefix(" ".join(words[k:])) and _caps(head) \
                and (formats.authority_prefix(head) or formats.is_post(head)):
            return r.cut(k - 1)
        # or a post after a line naming one of the header's bodies whole ('K/T BỘ TRƯỞNG BỘ XÂY DỰNG ˆ BỘ TRƯỞNG
        # BỘ KẾ HOẠCH VÀ'), a speck read between them left to the post's block reader
        rest = _SIGNS.sub(" ", " ".join(words[k:])).strip()
        if re.search(r"[^\W\d_]", words[k]) is None or not rest or not formats.is_post(rest):
            continue
        if any(_mentions(fold(" ".join(words[:k])), name) for name in names):
            return r.cut(k - 1)
    gaps = [(r.spans[k + 1][0] - r.spans[k][1], k) for k in range(len(r.spans) - 1)]
    gap, k = max(gaps)
    if gap < 1.5 * h or not (r.spans[k][1] <= middle + gap and r.spans[k + 1][0] >= middle - gap):
        return (r,)
    parts = r.cut(k)
    # each part a line of its own, with a word of letters: not a speck or a stroke beside a line
    return parts if all(re.search(r"[^\W\d_]{2}", p.text) for p in parts) else (r,)


def _text_columns(doc: Document) -> tuple[list[Run], list[Run], float, bool] | None:
    """A text file's foot set in columns: from a line holding two authority lines or posts apart
    (a tab or two spaces or more between), each line's parts in the columns in order where it has as
    many, else in the column they start nearest to (tabs taken as stops every eight characters)."""
    lines = list(iter_lines(doc.text))
    for i, line in enumerate(lines):
        parts = _parts(line.text)
        if len(parts) != 2 or not all(_caps(t) and (formats.authority_prefix(t) or formats.is_post(t)) for _, t in parts):
            continue
        split = (parts[0][0] + len(parts[0][1]) + parts[1][0]) / 2
        left: list[Run] = []
        right: list[Run] = []
        for nxt in lines[i:i + 30]:
            if _recipients_label_text(nxt.text):
                break
            y = doc.text.count("\n", line.start, nxt.start) * 10.0  # blank lines kept as the signature's space
            found = _parts(nxt.text)
            for k, (at, text) in enumerate(found):
                if formats.authority_prefix(text) is None and text.startswith(("-", "+")):
                    continue  # a recipient's item beside the blocks
                run = Run(text, float(at), y, float(at + len(text)), y + 8.0, None, tuple((w, None) for w in text.split()))
                (left if (k == 0 if len(found) == 2 else at < split) else right).append(run)
        return left, right, 10.0, False
    return None


def _parts(text: str) -> list[tuple[int, str]]:
    """(where it starts, tabs expanded; the text) of each part of a line its columns' gaps set apart."""
    return [(len(text[:m.start()].expandtabs(8)), m.group()) for m in _PART.finditer(text)]


def _recipients_label_text(text: str) -> bool:
    return fold(text).lstrip(" -*").startswith("noi nhan")


def _read(meta: Metadata, block: list[Run], h: float, ocr_read: bool) -> tuple[Signer, Metadata]:
    from vnresolve.parsers.record_signer import _signature_block

    scratch = Metadata(system=meta.system, read_from=meta.read_from)
    _signature_block(scratch, block, h, (), ocr_read=ocr_read)
    return scratch.signer, scratch


def _names_body(signer: Signer, name: str) -> bool:
    return _mentions(fold(" ".join([*signer.authority, signer.on_behalf_of or "", signer.position or ""])), name)


def joint_signers(doc: Document) -> None:
    """`signer` and `co_signers` of a joint document whose foot holds blocks side by side; the header's
    joined bodies as its issuer; the symbol doubted where it names fewer bodies than these show."""
    meta = doc.metadata
    if not is_joint(meta):
        return
    names = _joint_signers(doc, meta)
    signed = 1 + len(meta.co_signers) if meta.signer.name and all(c.name for c in meta.co_signers) else 0
    _symbol_names_all(meta, max(len(names or []), signed))
    _codes_of_bodies(meta, names or [])


def _joint_codes(meta: Metadata) -> list[str] | None:
    """The bodies' codes a joint symbol joins ('61/2008/TTLT-BXD-BGTVT': BXD, BGTVT); None for no joint symbol."""
    sym = meta.symbol
    if not (meta.number and sym and sym.issuer_abbr and (sym.type_abbr or "").endswith("LT")):
        return None
    return [sym.issuer_abbr, *sym.unit_abbr.split("-")] if sym.unit_abbr else [sym.issuer_abbr]


def _codes_of_bodies(meta: Metadata, names: list[str]) -> None:
    """A joint symbol's codes are its bodies' initials ('BỘ CÔNG THƯƠNG' is 'BCT'): a code that is none of the
    header's bodies' but one letter for another from the one body no code names was misread ('BGT' for 'BCT'):
    doubted."""
    codes = _joint_codes(meta)
    if codes is None or len(names) < 2:
        return
    if any("trung uong" in fold(name) for name in names):
        return  # a central body's code writes TRUNG ƯƠNG as 'TW', no initials ('UBKTTW', 'BTGTW')
    folded = [fold(code) for code in codes if code]
    initials = [bodies.initials(name) for name in names]
    unnamed = [i for i in initials if i not in folded]
    for code, key in zip([c for c in codes if c], folded):
        if key not in initials and len(unnamed) == 1 and len(key) == len(unnamed[0]) \
                and Levenshtein.distance(key, unnamed[0]) == 1:  # one letter for another: a body's name cut short is no sign
            _doubt_more(meta, "number", f"the joint symbol's code '{code}' names none of the header's bodies, and is "
                                        f"a letter from '{unnamed[0].upper()}', the code of the one it does not name: "
                                        "misread?", 0.4)


def _symbol_names_all(meta: Metadata, shown: int) -> None:
    """A joint symbol joins the codes of every body that issues it ('61/2008/TTLT-BXD-BGTVT'): one with fewer
    codes than the header names bodies, or than blocks were signed, lost its tail (a seal over it, a sign misread)."""
    codes = _joint_codes(meta)
    if codes is not None and len(codes) < shown:
        _doubt_more(meta, "number", f"the joint symbol names {len(codes)} bodies' codes, the document shows {shown} "
                                    "bodies: its tail lost?", 0.4)


def _joint_signers(doc: Document, meta: Metadata) -> list[str] | None:
    """The joint header's bodies (None where not read), `signer` and `co_signers` set from the foot's blocks."""
    names, mended = joint_issuer(doc) or (None, False)
    if names is not None:
        meta.issuer, meta.parent_issuer = " - ".join(names), None
        meta.uncertain = [d for d in meta.uncertain if d.field not in ("issuer", "parent_issuer")]
        meta.confidence.pop("issuer", None)
        if mended:
            _doubt(meta, "issuer", "a sign read between a body's words was taken for a speck", 0.45)
    elif meta.issuer is not None:
        _doubt(meta, "issuer", "a joint document, but its header's lines were not all read as bodies' names: "
                               "the issuer may be one of its bodies only", 0.4)
    found = _region_columns(doc, names or []) if meta.read_from == "regions" else _text_columns(doc)
    if found is None:
        return names
    left, right, h, ocr_read = found
    blocks = [(b[0].y0, -b[0].x0, b) for column in (left, right) for b in _blocks(column, names or [])]
    if len(blocks) < 2:
        return names
    # rows: blocks whose tops are within three lines of each other; right to left in a row
    blocks.sort(key=lambda t: t[0])
    rows: list[list[tuple]] = []
    for top, negx, b in blocks:
        if rows and top - rows[-1][0][0] < 3 * h:
            rows[-1].append((top, negx, b))
        else:
            rows.append([(top, negx, b)])
    ordered = [b for row in rows for _, _, b in sorted(row, key=lambda t: t[1])]
    read = [_read(meta, b, h, ocr_read) for b in ordered]
    if sum(1 for s, _ in read if s.name or s.position) < 2:
        return names
    # each block's body's place in the header (len(names): it names none of them); reading order breaks ties
    unnamed = len(names or [])
    ranks = [next((i for i, name in enumerate(names or []) if _names_body(s, name)), unnamed) for s, _ in read]
    # no block names the header's first body: the lead is the first block (in reading order) naming none of the
    # others, else the first block
    lead = ranks.index(0) if 0 in ranks else next((k for k, r in enumerate(ranks) if r == unnamed), 0)
    others = sorted((k for k in range(len(read)) if k != lead), key=lambda k: ranks[k])
    meta.signer = read[lead][0]
    meta.uncertain = [d for d in meta.uncertain if not d.field.startswith(("signer.", "co_signers."))]
    for key in [k for k in meta.confidence if k.startswith(("signer.", "co_signers."))]:
        del meta.confidence[key]
    _take_doubts(meta, read[lead][1], "signer")
    # blocks name the header's bodies, but none its first (a line misread): which block is whose is not known surely
    unsure_lead = bool(names) and 0 not in ranks and any(r < unnamed for r in ranks)
    # a block naming two of the bodies holds two blocks' lines read as one: whose is whose is not known surely
    merged = [k for k, (s, _) in enumerate(read) if sum(_names_body(s, name) for name in names or []) > 1]
    unsure_lead = unsure_lead or lead in merged
    # co-signers naming no body are put after those that do, in reading order: their order is a guess
    unsure_order = bool(merged) or (len(others) > 1 and any(ranks[k] == unnamed for k in others))
    if unsure_lead:
        for field in ("signer.name", "signer.position"):
            _doubt(meta, field, f"no block was read naming {names[0]} alone, the body the header names first: the "
                                "block taken for its may not be", 0.4)
    meta.co_signers = []
    from vnresolve.parsers.record_signer import _check_signer

    for i, k in enumerate(others):
        # the checks the lead's block gets in refine (posts, names, authority against the header)
        scratch = read[k][1]
        scratch.issuer, scratch.doc_type = meta.issuer, meta.doc_type
        _check_signer(scratch)
        meta.co_signers.append(scratch.signer)
        _take_doubts(meta, read[k][1], f"co_signers.{i}")
        for part in ("name", "position"):
            field = f"co_signers.{i}.{part}"
            if unsure_lead and getattr(scratch.signer, part) is not None:
                _doubt(meta, field, f"no block was read naming {names[0]} alone: this block may be its", 0.4)
            elif unsure_order and getattr(scratch.signer, part) is not None:
                _doubt(meta, field, "the blocks do not all name their bodies: the co-signers' order, and so whose "
                                    "this is, is a guess", 0.45)
            if getattr(scratch.signer, part) is not None:
                meta.confidence.setdefault(field, 0.9 if meta.read_from == "regions" else 0.8)
            else:
                _doubt(meta, field, "not found", 0.0)
    if names and len(meta.co_signers) < len(names) - 1:
        # a body the header names has no block read: a co-signer is missing
        _doubt(meta, "co_signers", f"the header names {len(names)} bodies, {1 + len(meta.co_signers)} blocks were "
                                   "read", 0.3)
    return names


def _take_doubts(meta: Metadata, scratch: Metadata, prefix: str) -> None:
    for d in scratch.uncertain:
        field = prefix + d.field[len("signer"):] if d.field.startswith("signer") else d.field
        d.field = field
        meta.uncertain.append(d)
    for key, value in scratch.confidence.items():
        if key.startswith("signer"):
            meta.confidence[prefix + key[len("signer"):]] = value
