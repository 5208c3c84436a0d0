"""Page layout: OCR words grouped into lines, and lines that are page furniture (page numbers,
running headers/footers, stamps) tagged so body text stays clean.

Official documents print the page number alone, centred at the top from page
2 on (Decree 30/2020), and scanners add nothing else in the outer margin. A
line is furniture only when it sits in the outer band of the page, where the
mandated 20 mm margins leave no room for body text; the first page's header
block starts below that band and is kept.
"""

from __future__ import annotations

import re
import unicodedata

from vnresolve.ingest.quality import text_quality
from vnresolve.schemas import Line, Page, Word

MARGIN_BAND = 0.055  # share of page height at top and bottom: 16 mm of A4, inside the 20 mm margin
NUMBER_BAND = 0.12  # a bare number this close to the edge is a page number
_PAGE_NUMBER = re.compile(r"^[\s\-–—.]*(?:(?:trang|tr\.?)\s*)?\d{1,3}(?:\s*/\s*\d{1,3})?[\s\-–—.]*$", re.IGNORECASE)


STAMP_MAX_CONF = 40.0  # a red seal or a signature scrawl OCRs as a short, unsure, non-Vietnamese line
STAMP_MAX_QUALITY = 0.3
STAMP_MAX_WORDS = 6


def _lone_letter(line: Line) -> bool:
    """One letter alone on a line, bare or among symbols read with little confidence: a seal's rim or a
    signature's stroke read as a letter ('Ầ', '=Ä,——'). Body text never sets one (a list marker
    carries its ')' or '.', read surely)."""
    text = line.text.strip()
    if line.conf is None or " " in text or sum(c.isalnum() for c in text) != 1 or not any(c.isalpha() for c in text):
        return False  # conf None: a text layer's line, typed, not read off marks
    # a plain capital alone may be a list's or an annex's heading ('A', 'I'); one with a mark never is
    return (text.isalpha() and not text.isascii()) or line.conf < STAMP_MAX_CONF


def role_of(line: Line, width: float, height: float) -> str:
    top, bottom = line.bbox[1] / height, line.bbox[3] / height
    if (line.conf is not None and line.conf < STAMP_MAX_CONF and len(line.words) <= STAMP_MAX_WORDS
            and text_quality(line.text) < STAMP_MAX_QUALITY) or _lone_letter(line):
        return "stamp"
    in_top = bottom <= NUMBER_BAND
    in_bottom = top >= 1 - NUMBER_BAND
    if (in_top or in_bottom) and _PAGE_NUMBER.match(line.text):
        return "page_number"
    if bottom <= MARGIN_BAND:
        return "header"
    if top >= 1 - MARGIN_BAND:
        return "footer"
    return "body"


def fold(text: str) -> str:
    """Lower case without tone or vowel marks, đ (and OCR's ð for it) as d; one character for each of
    an NFC word's, so indexes in the folded text are indexes in the text."""
    folded = "".join(c for c in unicodedata.normalize("NFD", text.lower()) if unicodedata.category(c) != "Mn")
    return folded.replace("đ", "d").replace("ð", "d")


# The national motto or the Party's name, OCR-tolerant: the top of a first page's official header;
# and, where a photo cut the motto off, the header's number line or its place-and-date line. Ingest reads
# no parser module (data flows one way), so this is its own copy of parsers.formats.MOTTO, on OCR text
# not yet restored (a '0' for an 'o').
_MOTTO = re.compile(r"c[o0]ng\s*h[o0]a\s*x|(?:d|p|b|dp)(?:[a-z]|a[a-z])ng\s*c[o0]ng\s*s[a-z]n")
_HEADER_LINE = re.compile(r"^\W*s[o0]\s*[:;]\s*\S*\d"  # Số: 12/QĐ-UBND
                          # the whole line a place of a few words and a date: Quận 1, ngày … tháng … năm 2024
                          r"|^\W*(?:[a-z0-9]++\W{0,3}){1,6}?ngay\W+\S{0,12}\W*thang\W+\S{0,12}\W*nam\W*\d{0,4}\W*$")


def tag_roles(lines: list[Line], width: float, height: float) -> list[Line]:
    if not height:
        return lines
    roles = [role_of(line, width, height) if line.role == "body" else line.role for line in lines]
    # a first page cropped close to its official header (a phone photo, a tight scan) has the motto
    # near the top: the lines in the top band are that header, not margin furniture
    if any(line.bbox[3] <= NUMBER_BAND * height and (_MOTTO.search(fold(line.text)) or _HEADER_LINE.search(fold(line.text)))
           for line in lines):
        roles = ["body" if role == "header" else role for role in roles]
    return [line.model_copy(update={"role": role}) if role != line.role else line for line, role in zip(lines, roles)]


def centre_in(box: tuple[float, ...], frame: tuple[float, ...], half_open: bool = False) -> bool:
    """Whether the box's centre lies in `frame`, its edges included; with `half_open` not its right and
    bottom edges (a pixel zone cut from the page)."""
    x, y = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    if half_open:
        return frame[0] <= x < frame[2] and frame[1] <= y < frame[3]
    return frame[0] <= x <= frame[2] and frame[1] <= y <= frame[3]


# What a signed PDF draws over its scan, known from the PDF: a digital signature's appearance
# (`Ký bởi: …`, the publishing centre's name and time) and typed notes (a routing instruction). OCR
# reads it with the page; words inside such a box that read as its text (rapidfuzz partial ratio,
# folded) are it. A development figure from the one signed page with a typed note here: 76 for the
# note read garbled ('dân tỉ nu ng Ngãi'), under 50 for the motto printed beneath it.
OVERLAY_MATCH = 70


def tag_overlays(lines: list[Line], overlays: list[tuple[tuple[float, float, float, float], str]],
                 scale: float = 1.0) -> list[Line]:
    """Body words that are text drawn over the page (`overlays`: box, text) taken out of the body
    into lines of their own tagged stamp; a line OCR joined across the overlay's edge keeps its
    printed words as body. The signature itself is the page's `signature_fields`."""
    from rapidfuzz import fuzz

    drawn = [(tuple(v * scale for v in box), fold(text)) for box, text in overlays if text.strip()]
    if not drawn:
        return lines

    over: set[int] = set()
    for line in lines:
        if line.role == "body":
            for box, text in drawn:
                words = [w for w in line.words if centre_in(w.bbox, box)]
                if words and fuzz.partial_ratio(fold(" ".join(w.text for w in words)), text) >= OVERLAY_MATCH:
                    over.update(id(w) for w in words)
                    break
    return lift_out(lines, over)


def number_after(new: list[Line], lines: list[Line]) -> list[Line]:
    """`new` (lines read apart from the page pass) with their blocks numbered after those of `lines`:
    they never share a block with the page's (parsers read a stamp block as one e-signature
    appearance; hOCR and ALTO group lines by block)."""
    after = max((line.block for line in lines), default=0)
    return [line.model_copy(update={"block": line.block + after}) for line in new]


def lift_out(lines: list[Line], words: set[int], block: int | None = None) -> list[Line]:
    """`lines` with the words whose ids are in `words` taken out into a stamp line of their own after
    the line they stood in (in `block`, else that line's), what is left of the line kept as it was."""
    if not words:
        return lines
    out: list[Line] = []
    for line in lines:
        over = [w for w in line.words if id(w) in words]
        if not over:
            out.append(line)
            continue
        printed = [w for w in line.words if id(w) not in words]
        if printed:
            out.append(make_line(printed, line.block).model_copy(update={"role": line.role}))
        out.append(make_line(over, line.block if block is None else block).model_copy(update={"role": "stamp"}))
    return out


def turn_box(box: tuple[float, float, float, float], rotation: int, width: float, height: float) -> tuple[float, float, float, float]:
    """`box` in an image `width` x `height`, in that image turned `rotation` degrees clockwise (a
    page OSD turned: what the PDF draws over it is turned with it)."""
    x0, y0, x1, y1 = box
    if rotation == 90:
        return height - y1, x0, height - y0, x1
    if rotation == 180:
        return width - x1, height - y1, width - x0, height - y0
    if rotation == 270:
        return y0, width - x1, y1, width - x0
    return box


RUNNING_BAND = 0.12  # running headers/footers sit in the top or bottom eighth of the page
RUNNING_MIN_PAGES = 3  # ... and come back on at least this many pages, and on half of them
RUNNING_MAX_WORDS = 16
_DIGITS = re.compile(r"\d+")
_SPACE = re.compile(r"\s+")
_SLOGAN = re.compile(r"(?<![a-z])d[o0]c\s*l[a-z]p\s*-")  # 'Độc lập - Tự do - Hạnh phúc' under the motto


def _running_key(line: Line, height: float, header_top: float | None = None) -> tuple[str, str] | None:
    """(band, text with numbers blanked) for a short line in the top or bottom band, else None.

    Numbers are blanked because a running header carries the page or issue number
    ('CÔNG BÁO/Số 61 + 62/Ngày 15-01-2021 ... 23'). `header_top`: where the page's official header starts
    (_header_top); its lines are none."""
    if line.role != "body" or len(line.words or line.text.split()) > RUNNING_MAX_WORDS:
        return None
    top, bottom = line.bbox[1] / height, line.bbox[3] / height
    band = "top" if bottom <= RUNNING_BAND else "bottom" if top >= 1 - RUNNING_BAND else None
    if band is None:
        return None
    if band == "top" and header_top is not None and line.bbox[3] > header_top:
        # a document's own header (the motto, its issuer and number lines beside it): in a file that binds
        # documents of one body each page opens with the same lines, and none of them runs on
        return None
    key = _SPACE.sub(" ", _DIGITS.sub("#", line.text)).strip().lower()
    return (band, key) if len(key.replace("#", "").strip()) >= 3 else None


def _header_top(page: Page) -> float | None:
    """The top of the official header on a page that opens a document: the motto's or its 'Độc lập' line's
    top in the top band (a running line, a gazette's, stands above it); None where the page has none."""
    if not page.height:
        return None
    tops = [line.bbox[1] for line in page.lines if line.bbox[3] <= RUNNING_BAND * page.height and _motto_line(line.text)]
    return min(tops) if tops else None


def _motto_line(text: str) -> bool:
    """The motto as a header prints it: in capitals, no number, a few words (an issuer's line may share its row:
    'ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'), or the line 'Độc lập - Tự do - Hạnh phúc' alone. A
    running line naming the Party or the state ('Văn kiện Đảng Cộng sản Việt Nam - Tập 12') is none."""
    folded, words = fold(text), text.split()
    if _MOTTO.search(folded):
        letters = [c for c in text if c.isalpha()]
        return (len(words) <= 12 and not any(c.isdigit() for c in text)
                and sum(c.isupper() for c in letters) >= 0.8 * len(letters))
    return bool(_SLOGAN.match(folded.lstrip(" .,:;-*'\"")) and len(words) <= 8)


def tag_running_lines(pages: list[Page]) -> list[int]:
    """Tag lines that repeat in the same margin band across pages (running headers and footers,
    e.g. the Công báo line or a scanner's imprint) as header/footer, and rebuild those pages'
    body text. Only a document-level pass can see them: on one page such a line looks like body
    text below the 16 mm edge band. Returns the numbers of the pages changed."""
    seen: dict[tuple[str, str], set[int]] = {}
    tops = {page.number: _header_top(page) for page in pages}
    for page in pages:
        if page.height:
            for line in page.lines:
                key = _running_key(line, page.height, tops[page.number])
                if key:
                    seen.setdefault(key, set()).add(page.number)
    with_lines = sum(1 for p in pages if p.lines)
    need = max(RUNNING_MIN_PAGES, (with_lines + 1) // 2)
    running = {k for k, on in seen.items() if len(on) >= need}
    changed: list[int] = []
    if not running:
        return changed
    for page in pages:
        if not page.height or page.text != body_text(page.lines):  # text not built from its lines: leave it
            continue
        lines, hit = [], False
        for line in page.lines:
            key = _running_key(line, page.height, tops[page.number])
            if key in running:
                line = line.model_copy(update={"role": "header" if key[0] == "top" else "footer"})
                hit = True
            lines.append(line)
        if hit:
            page.lines = lines
            page.text = body_text(lines)
            changed.append(page.number)
    return changed


def body_text(lines: list[Line]) -> str:
    """Body lines in reading order; a blank line where Tesseract starts a new block (paragraph or column)."""
    out: list[str] = []
    prev_block = None
    for line in lines:
        if line.role != "body":
            continue
        if prev_block is not None and line.block != prev_block:
            out.append("")
        out.append(line.text)
        prev_block = line.block
    return "\n".join(out)


# Tesseract's word table (tesseract.image_data) into page lines; make_line also serves the text layer.
_PUNCT = set("-–—.,;:!?()[]\"'/%…*+=<>“”‘’")
JUNK_CONF = 60.0


def is_junk(text: str, conf: float) -> bool:
    """A standalone token with no letter or digit that is either an odd symbol or a low-confidence mark.

    Dust and JPEG ringing between words come out as `ˆ`, `` ` ``, `_,` or a lone `:`;
    real standalone punctuation (the dash in "2021 - 2025") is read with high confidence.
    """
    if any(ch.isalnum() for ch in text):
        return False
    return conf < JUNK_CONF or not set(text) <= _PUNCT


def group_words(data: dict[str, list]) -> list[Line]:
    """Words grouped by Tesseract's own (block, paragraph, line) numbering; junk tokens dropped."""
    lines: dict[tuple[int, int, int], list[Word]] = {}
    for i, text in enumerate(data.get("text", ())):  # {}: no regions were read
        text = (text or "").strip()
        if not text or is_junk(text, float(data["conf"][i])):
            continue
        key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
        x, y, w, h = data["left"][i], data["top"][i], data["width"][i], data["height"][i]
        conf = float(data["conf"][i])
        lines.setdefault(key, []).append(Word(text=text, bbox=(x, y, x + w, y + h), conf=conf if conf >= 0 else None))
    out = []
    for (block, _par, _line), words in lines.items():
        out.extend(make_line(part, block) for part in split_columns(words))
    return out


COLUMN_GAP = 3.0  # in word heights: wider than any justified word space


def split_columns(words: list[Word]) -> list[list[Word]]:
    """Split a line where Tesseract joined two columns side by side (header block, recipients | signature)."""
    if len(words) < 2:
        return [words]
    heights = sorted(w.bbox[3] - w.bbox[1] for w in words)
    gap = COLUMN_GAP * heights[len(heights) // 2]
    parts = [[words[0]]]
    for prev, w in zip(words, words[1:]):
        if w.bbox[0] - prev.bbox[2] > gap:
            parts.append([w])
        else:
            parts[-1].append(w)
    return parts


def make_line(words: list[Word], block: int = 0) -> Line:
    confs = [w.conf for w in words if w.conf is not None]
    return Line(
        text=" ".join(w.text for w in words),
        bbox=(min(w.bbox[0] for w in words), min(w.bbox[1] for w in words), max(w.bbox[2] for w in words), max(w.bbox[3] for w in words)),
        block=block,
        conf=round(sum(confs) / len(confs), 2) if confs else None,
        words=words,
    )
