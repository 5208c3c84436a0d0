"""Synthetic scans: render clean Vietnamese into an official-layout PDF, then "scan" it.

The benchmark needs pages whose true text is known exactly. Real scans of the
seed resolution do not exist, so the clean text of seed 001 (and corpus
paragraphs) is typeset the way a provincial Party committee prints it (A4,
Liberation Serif 14 pt, two-column header block, landscape appendix table),
and then degraded like a office scanner would: rotation, blur, grey paper,
noise, specks, JPEG. Every rendered table page keeps its true cell grid so
table recovery can be scored cell by cell.

The defects of real archive scans (../shared/realscans) are options of `ScanStyle`: colour paper
with a red round seal over the body text, a blue received-stamp, an ink signature and hand-filled
numbers; the e-government portal's received-stamp in print ink; show-through from the back; a fixed skew; scanner borders; photocopy contrast and toner;
1-bit (CCITT-like) pages. `HARSH` is the harsh colour scan of the benchmarks (bench_harshscans).
"""

from __future__ import annotations

import io
import json
import random
import re
import tempfile
import unicodedata
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

import numpy as np
from PIL import Image, ImageFilter
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas as pdfcanvas
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

# liberation2 first: Debian's fonts-liberation 1.07 (truetype/liberation) has no Vietnamese glyphs.
FONT_DIRS = ("/usr/share/fonts/truetype/liberation2", "/usr/share/fonts/truetype/liberation", "/usr/share/fonts/liberation")
FONT = "LiberationSerif"
BODY_PT = 14
TABLE_PT = 12
PORTRAIT = A4
LANDSCAPE = landscape(A4)
# Decree 30/2020 margins: top/bottom 20 mm, left 30 mm, right 15 mm.
MARGINS = dict(left=30 * mm, right=15 * mm, top=20 * mm, bottom=20 * mm)
TABLE_COL_WIDTHS_MM = (12, 72, 24, 20, 46, 50, 41)  # 7 columns of the indicator appendix
GROUP_MERGED_COLS = (0, 4, 5, 6)  # TT and the three agency columns span their indicator group


def register_fonts() -> None:
    """Liberation Serif is metric-compatible with Times New Roman, the mandated typeface."""
    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    files = {"": "Regular", "-Bold": "Bold", "-Italic": "Italic", "-BoldItalic": "BoldItalic"}
    for suffix, style in files.items():
        for d in FONT_DIRS:
            p = Path(d) / f"LiberationSerif-{style}.ttf"
            if p.exists():
                pdfmetrics.registerFont(TTFont(FONT + suffix, str(p)))
                break
        else:
            raise FileNotFoundError(f"LiberationSerif-{style}.ttf not found (apt-get install fonts-liberation2)")
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT + "-Bold", italic=FONT + "-Italic", boldItalic=FONT + "-BoldItalic")


# ---------------------------------------------------------------- document model


@dataclass
class Header:
    """Document metadata as a reader sees it in the header block (not taken from OCR)."""

    issuer: str = "TỈNH ỦY ĐIỆN BIÊN"
    party: str = "ĐẢNG CỘNG SẢN VIỆT NAM"
    number: str = "Số 04-NQ/TU"
    place_date: str = "Điện Biên, ngày 05 tháng 12 năm 2025"


@dataclass
class Resolution:
    title: list[str] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    signer: list[str] = field(default_factory=list)  # ["T/M TỈNH ỦY", "BÍ THƯ", name]
    appendix_title: list[str] = field(default_factory=list)
    table_header: list[str] = field(default_factory=list)
    table_rows: list[list[str]] = field(default_factory=list)


_TAGS = re.compile(r"</?[ib]>|\*\*")


def _clean(cell: str) -> str:
    return unicodedata.normalize("NFC", re.sub(r"\s+", " ", _TAGS.sub("", cell)).strip())


def _split_row(line: str) -> list[str]:
    cells = [_clean(c) for c in line.strip().strip("|").split("|")]
    while len(cells) > 7 and not cells[-1]:
        cells.pop()
    if len(cells) > 7:  # a cell shifted one column right: fold it back into the first empty agency column
        extra = " ".join(c for c in cells[7:] if c)
        cells = cells[:7]
        for col in (5, 6, 4):
            if not cells[col]:
                cells[col] = extra
                break
    cells += [""] * (7 - len(cells))
    if cells[0] and not re.fullmatch(r"\(?\d+\)?|[IVX]+", cells[0]) and not cells[6]:
        cells = ["", *cells[:6]]  # a row shifted one column left (name sits in the TT column)
    return cells


def parse_resolution(text: str) -> Resolution:
    """Split seed 001's clean text into title, body, closing block and appendix table."""
    doc = Resolution()
    lines = [_clean(x) if not x.startswith("|") else x for x in text.splitlines()]
    i = 0
    while i < len(lines) and not lines[i]:
        i += 1
    while i < len(lines) and lines[i]:
        doc.title.append(lines[i])
        i += 1
    para: list[str] = []
    state = "body"
    for raw in lines[i:]:
        line = raw.strip()
        if state == "body":
            if line.startswith("Nơi nhận"):
                state = "recipients"
                continue
            if not line:
                continue
            if doc.paragraphs and line[:1].islower() and not re.search(r"[.:!?…]$", doc.paragraphs[-1]):
                doc.paragraphs[-1] += " " + line  # a paragraph split by a page break in the source
            else:
                doc.paragraphs.append(line)
        elif state == "recipients":
            if line.startswith("- "):
                doc.recipients.append(line[2:])
            elif line.startswith(("T/M", "BÍ THƯ")):
                doc.signer.append(line)
            elif line.startswith("}") or not line:
                continue
            elif doc.signer and len(doc.signer) == 2:
                doc.signer.append(line)
                state = "appendix"
        elif state == "appendix":
            if line.startswith("|"):
                if re.match(r"\|\s*-", line):
                    continue
                cells = _split_row(line)
                if cells[0] == "TT":
                    doc.table_header = doc.table_header or cells
                    continue
                doc.table_rows.append(cells)
            elif line and not re.fullmatch(r"T\.\d+", line):
                doc.appendix_title.append(line)
    del para
    return doc


# ---------------------------------------------------------------- rendering


def _styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    base = ParagraphStyle("body", fontName=FONT, fontSize=BODY_PT, leading=BODY_PT * 1.3, alignment=TA_JUSTIFY,
                          firstLineIndent=10 * mm, spaceAfter=5)
    return {
        "body": base,
        "heading": ParagraphStyle("heading", parent=base, fontName=FONT + "-Bold"),
        "title": ParagraphStyle("title", parent=base, fontName=FONT + "-Bold", alignment=TA_CENTER, firstLineIndent=0, spaceAfter=0),
        "center": ParagraphStyle("center", parent=base, alignment=TA_CENTER, firstLineIndent=0, spaceAfter=0),
        "left": ParagraphStyle("left", parent=base, alignment=TA_LEFT, firstLineIndent=0, spaceAfter=0),
        "small": ParagraphStyle("small", parent=base, fontSize=12, leading=14, alignment=TA_LEFT, firstLineIndent=0, spaceAfter=0),
        "cell": ParagraphStyle("cell", fontName=FONT, fontSize=TABLE_PT, leading=TABLE_PT * 1.2, alignment=TA_LEFT),
        "cellc": ParagraphStyle("cellc", fontName=FONT, fontSize=TABLE_PT, leading=TABLE_PT * 1.2, alignment=TA_CENTER),
        "cellh": ParagraphStyle("cellh", fontName=FONT + "-Bold", fontSize=TABLE_PT, leading=TABLE_PT * 1.2, alignment=TA_CENTER),
    }


def _esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _is_heading(p: str) -> bool:
    return len(p) < 110 and bool(re.match(r"^([IVX]+[-.]|\d+(\.\d+)*\.\s)", p)) and not p.endswith((";", ","))


def _header_block(header: Header, st) -> Table:
    left = [Paragraph(f"<b>{_esc(header.issuer)}</b>", st["center"]), Paragraph("*", st["center"]), Paragraph(_esc(header.number), st["center"])]
    right = [Paragraph(f"<b><u>{_esc(header.party)}</u></b>", st["center"]), Spacer(1, 8), Paragraph(f"<i>{_esc(header.place_date)}</i>", st["center"])]
    t = Table([[left, right]], colWidths=[62 * mm, 103 * mm])
    t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    return t


def _closing_block(doc: Resolution, st) -> Table:
    left = [Paragraph("<b><i>Nơi nhận:</i></b>", st["small"])] + [Paragraph("- " + _esc(r), st["small"]) for r in doc.recipients]
    right = [Paragraph(f"<b>{_esc(s)}</b>", st["center"]) for s in doc.signer[:2]] + [Spacer(1, 50)]
    right += [Paragraph(f"<b>{_esc(s)}</b>", st["center"]) for s in doc.signer[2:]]
    t = Table([[left, right]], colWidths=[85 * mm, 80 * mm])
    t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    return t


@dataclass
class TablePage:
    """True grid of one rendered appendix page (row/col in the rendered table, header row included)."""

    rows: int
    cols: int
    cells: list[dict]


def _grid_cells(rows: list[list[str]], first_data_row: int) -> tuple[list[dict], list[tuple]]:
    """Cells with spans: a blank TT/agency cell continues the group's cell above it (merged cell)."""
    n = len(rows)
    covered = [[False] * 7 for _ in range(n)]
    cells, spans = [], []
    for r in range(n):
        for c in range(7):
            if covered[r][c]:
                continue
            span = 1
            if r >= first_data_row and c in GROUP_MERGED_COLS:
                while r + span < n and not rows[r + span][0] and not rows[r + span][c]:
                    covered[r + span][c] = True
                    span += 1
            cells.append({"row": r, "col": c, "row_span": span, "col_span": 1, "text": rows[r][c]})
            if span > 1:
                spans.append(("SPAN", (c, r), (c, r + span - 1)))
    return cells, spans


def _table_flowable(rows: list[list[str]], spans: list[tuple], st, n_head: int) -> Table:
    data = []
    for r, row in enumerate(rows):
        out = []
        for c, text in enumerate(row):
            style = st["cellh"] if r < n_head else st["cellc"] if c in (0, 2, 3) else st["cell"]
            out.append(Paragraph(_esc(text), style))
        data.append(out)
    t = Table(data, colWidths=[w * mm for w in TABLE_COL_WIDTHS_MM], repeatRows=0)
    t.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.8, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        *spans,
    ]))
    return t


def paginate_table(doc: Resolution, st, first_height: float, height: float) -> list[tuple[list[list[str]], list[dict], list[tuple]]]:
    """Greedy page breaks decided here, not by reportlab, so each page's true grid is known."""
    head = [doc.table_header, ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)"]]
    body = [r for r in doc.table_rows if r[0] != "(1)"]
    pages, i, avail = [], 0, first_height
    width = sum(TABLE_COL_WIDTHS_MM) * mm
    while i < len(body):
        take = 1
        while i + take <= len(body):
            rows = head + body[i : i + take]
            cells, spans = _grid_cells(rows, len(head))
            _, h = _table_flowable(rows, spans, st, len(head)).wrap(width, avail)
            if h > avail:
                break
            take += 1
        take = max(1, take - 1)
        rows = head + body[i : i + take]
        cells, spans = _grid_cells(rows, len(head))
        pages.append((rows, cells, spans))
        i += take
        avail = height
    return pages


def _page_number(canvas, doc):
    if doc.page > 1:
        canvas.setFont(FONT, 13)
        canvas.drawCentredString(PORTRAIT[0] / 2, PORTRAIT[1] - 12 * mm, str(doc.page))


def render_resolution(doc: Resolution, header: Header, out: Path, *, closing: bool = True, appendix: bool = True) -> list[TablePage]:
    """Typeset the resolution; returns the true grid of each appendix page (they are the last pages)."""
    st = _styles()
    pw, ph = PORTRAIT
    lw, lh = LANDSCAPE
    frame_p = Frame(MARGINS["left"], MARGINS["bottom"], pw - MARGINS["left"] - MARGINS["right"], ph - MARGINS["top"] - MARGINS["bottom"], id="p", leftPadding=0, rightPadding=0)
    lmargin = 15 * mm
    frame_l = Frame(lmargin, lmargin, lw - 2 * lmargin, lh - 2 * lmargin, id="l", leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    tpl = BaseDocTemplate(str(out), pagesize=PORTRAIT, title="Nghị quyết 04-NQ/TU", author="vnresolve scangen", creator="vnresolve", invariant=1)
    templates = [
        PageTemplate(id="portrait", frames=[frame_p], pagesize=PORTRAIT, onPage=_page_number),
        PageTemplate(id="landscape", frames=[frame_l], pagesize=LANDSCAPE),
    ]
    only_appendix = header is None and not doc.title and not doc.paragraphs
    tpl.addPageTemplates(templates[::-1] if only_appendix else templates)
    story: list = []
    if header is not None:
        story += [_header_block(header, st), Spacer(1, 14)]
    story += [Paragraph(_esc(t), st["title"]) for t in doc.title] + [Spacer(1, 12)]
    for p in doc.paragraphs:
        story.append(Paragraph(_esc(p), st["heading"] if _is_heading(p) else st["body"]))
    if closing and doc.recipients:
        story += [Spacer(1, 10), _closing_block(doc, st)]
    truth: list[TablePage] = []
    if appendix and doc.table_rows:
        if not only_appendix:
            story += [NextPageTemplate("landscape"), PageBreak()]
        title = [Paragraph(f"<b>{_esc(doc.appendix_title[0])}</b>", st["title"])] if doc.appendix_title else []
        title += [Paragraph(f"<i>{_esc(t)}</i>", st["center"]) for t in doc.appendix_title[1:]]
        width = lw - 2 * lmargin
        title_h = sum(p.wrap(width, lh)[1] for p in title) + 10
        pages = paginate_table(doc, st, lh - 2 * lmargin - title_h - 6, lh - 2 * lmargin - 6)
        story += title + [Spacer(1, 10)]
        for k, (rows, cells, spans) in enumerate(pages):
            if k:
                story.append(PageBreak())
            story.append(_table_flowable(rows, spans, st, 2))
            truth.append(TablePage(rows=len(rows), cols=7, cells=cells))
    tpl.build(story)
    return truth


def render_paragraphs(paragraphs: list[str], out: Path, title: list[str] | None = None) -> None:
    """Plain body pages (title + paragraphs, page numbers on top) for WER scoring."""
    render_resolution(Resolution(title=title or [], paragraphs=paragraphs), None, out, closing=False, appendix=False)


# ---------------------------------------------------------------- scanning


@dataclass(frozen=True)
class ScanStyle:
    dpi: int = 200
    max_angle: float = 1.5  # degrees, either way
    blur: float = 0.9  # Gaussian radius in pixels at 200 dpi
    paper: tuple[int, int] = (222, 240)  # grey paper level range
    ink: int = 35
    noise: float = 7.0  # std of additive grey noise
    specks: int = 150  # dust specks per page
    jpeg_quality: int = 55
    border: bool = False  # dark scanner-lid edges and two punch holes
    min_angle: float = 0.0  # degrees: skew at least this much (either way)
    colour: bool = False  # yellowed paper in colour; the ink marks below need it
    seal: bool = False  # a red round seal over the body text
    seal_at: tuple[float, float] | None = None  # the seal's centre as fractions of page width and height; None: a text row
    stamp: bool = False  # a blue received-stamp ("ĐẾN Số … Ngày …") in the top margin
    signature: bool = False  # a blue ink signature through the seal
    handwritten: bool = False  # blue hand-filled numbers beside the text
    show_through: float = 0.0  # strength of the back page's text seen through the paper (0.1-0.2 real)
    photocopy: bool = False  # hard contrast, grey toner haze and toner specks
    bilevel: bool = False  # 1-bit page (thresholded like a CCITT fax scanner), written losslessly
    portal_stamp: str | None = None  # 'dd/mm/yyyy': the e-government portal's received-stamp of that day on page 1


HARSH = ScanStyle(dpi=150, max_angle=3.0, min_angle=3.0, colour=True, seal=True, stamp=True, signature=True,
                  handwritten=True, show_through=0.15, jpeg_quality=60)


def scan_image(page: Image.Image, style: ScanStyle, rng: random.Random) -> bytes:
    """Degrade one clean greyscale render like a cheap office scanner; returns JPEG bytes (PNG for a
    1-bit page)."""
    img = scan_page(page, style, rng)
    buf = io.BytesIO()
    if style.bilevel:
        img.save(buf, "PNG", dpi=(style.dpi, style.dpi))
    else:
        img.save(buf, "JPEG", quality=style.jpeg_quality, optimize=True, dpi=(style.dpi, style.dpi))
    return buf.getvalue()


def scan_page(page: Image.Image, style: ScanStyle, rng: random.Random) -> Image.Image:
    """The degraded page as an image: L, RGB for a colour style, 1-bit for a bilevel one."""
    angle = rng.uniform(-style.max_angle, style.max_angle)
    if style.min_angle and abs(angle) < style.min_angle:
        angle = float(np.copysign(style.min_angle, angle))
    clean = page.convert("L")
    img = clean.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=255)
    a = np.asarray(img, dtype=np.float32) / 255.0
    h, w = a.shape
    nrng = np.random.default_rng(rng.randrange(1 << 30))
    if style.show_through:
        # The back page is another page of text, mirrored and softened by the paper.
        back = clean.transpose(Image.FLIP_LEFT_RIGHT).transpose(Image.FLIP_TOP_BOTTOM)
        back = back.filter(ImageFilter.GaussianBlur(1.5 * style.dpi / 200))
        a = a * (1 - style.show_through * (1 - np.asarray(back, dtype=np.float32) / 255.0))
    lo, hi = style.paper
    yy = np.linspace(0, 1, h, dtype=np.float32)[:, None]
    xx = np.linspace(0, 1, w, dtype=np.float32)[None, :]
    paper = lo + (hi - lo) * (0.5 + 0.25 * np.sin(2.5 * xx + 1.3) + 0.25 * np.cos(3.1 * yy))
    out = style.ink + (paper - style.ink) * a
    if style.border:
        _add_border(out, style, nrng)
    if style.photocopy:
        out = (out - 70) * 1.5 + 25 + 25 * np.asarray(_toner(h, w, nrng), dtype=np.float32)
    if style.portal_stamp:
        _portal_stamp(out, style, nrng)
    if style.colour:
        rgb = out[..., None] * np.array(PAPER_TINT, dtype=np.float32)
        marks = Image.new("RGBA", (w, h), (0, 0, 0, 0))
        if style.stamp:
            _received_stamp(marks, style, nrng)
        if style.seal:
            _seal(marks, style, nrng, a)
        if style.signature:
            _signature(marks, style, nrng)
        if style.handwritten:
            _handwritten(marks, style, nrng)
        ink = np.asarray(marks, dtype=np.float32) / 255.0
        alpha = ink[..., 3:] * (0.75 + 0.25 * nrng.random((h, w, 1), dtype=np.float32))  # mottled stamp ink
        rgb = rgb * (1 - alpha + alpha * ink[..., :3])  # ink filters the light: print under it stays dark
        img = Image.fromarray(np.clip(rgb, 0, 255).astype(np.uint8), "RGB")
    else:
        img = Image.fromarray(np.clip(out, 0, 255).astype(np.uint8))
    if style.blur:
        img = img.filter(ImageFilter.GaussianBlur(style.blur * style.dpi / 200))
    shape = (h, w, 3) if style.colour else (h, w)
    a = np.asarray(img, dtype=np.float32) + nrng.normal(0, style.noise, shape).astype(np.float32)
    for _ in range(style.specks):
        y, x, r = nrng.integers(0, h), nrng.integers(0, w), int(nrng.integers(1, 3))
        a[max(0, y - r) : y + r, max(0, x - r) : x + r] = style.ink + nrng.uniform(0, 60)
    img = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))
    if style.bilevel:
        # A fax-grade scanner thresholds at a fixed level, after its optics blurred the page.
        img = img.convert("L").point(lambda v: 255 if v > (style.ink + lo) / 2 else 0).convert("1")
    return img


PAPER_TINT = (1.0, 0.97, 0.86)  # yellowed paper; print stays near black
RED, BLUE = (0.86, 0.12, 0.16), (0.16, 0.27, 0.78)  # transmittance of seal ink and ballpoint ink
SEAL_TEXT = "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI"


def _toner(h: int, w: int, nrng) -> np.ndarray:
    """Toner haze of a photocopy: smooth blotches in 0..1, with specks."""
    coarse = nrng.random((max(2, h // 64), max(2, w // 64)), dtype=np.float32)
    haze = np.asarray(Image.fromarray((coarse * 255).astype(np.uint8)).resize((w, h), Image.BICUBIC), dtype=np.float32) / 255
    specks = nrng.random((h, w), dtype=np.float32) < 0.0008
    return haze * 0.4 - specks * 6.0


def _font(px: int, italic: bool = False):
    from PIL import ImageFont

    name = "LiberationSans-Italic.ttf" if italic else "LiberationSans-Bold.ttf"
    for d in FONT_DIRS:
        if (Path(d) / name).exists():
            return ImageFont.truetype(str(Path(d) / name), px)
    raise FileNotFoundError(f"{name} not found in {FONT_DIRS}")


def _ink(colour: tuple[float, float, float]) -> tuple[int, int, int, int]:
    return (int(colour[0] * 255), int(colour[1] * 255), int(colour[2] * 255), 255)


def _seal(marks: Image.Image, style: ScanStyle, nrng, page: np.ndarray) -> None:
    """A round seal (36-40 mm) with the issuer round its rim and a star, over a place with text."""
    from PIL import ImageDraw

    px = style.dpi / 25.4
    w, h = marks.size
    r = int(nrng.uniform(18, 20) * px)
    rows = np.flatnonzero((page < 0.5).mean(axis=1) > 0.02)  # rows holding text
    rows = rows[(rows > h * 0.25) & (rows < h * 0.85)]
    cy = int(nrng.choice(rows)) if rows.size else h // 2
    cx = int(nrng.uniform(0.35, 0.65) * w)
    if style.seal_at is not None:  # over the signature block, as an issuing body seals it
        cx, cy = int(style.seal_at[0] * w), int(style.seal_at[1] * h)
    draw = ImageDraw.Draw(marks)
    ink = _ink(RED)
    for rr, width in ((r, max(2, int(0.9 * px))), (int(r * 0.7), max(1, int(0.5 * px)))):
        draw.ellipse((cx - rr, cy - rr, cx + rr, cy + rr), outline=ink, width=width)
    face = _font(max(8, int(3.2 * px)))
    for k, ch in enumerate(SEAL_TEXT):
        t = np.deg2rad(150 + 240 * k / (len(SEAL_TEXT) - 1))
        draw.text((cx + 0.85 * r * np.cos(t), cy + 0.85 * r * np.sin(t)), ch, fill=ink, font=face, anchor="mm")
    star = [(cx + (0.28 if k % 2 == 0 else 0.11) * r * np.cos(np.deg2rad(-90 + 36 * k)),
             cy + (0.28 if k % 2 == 0 else 0.11) * r * np.sin(np.deg2rad(-90 + 36 * k))) for k in range(10)]
    draw.polygon(star, fill=ink)


def _received_stamp(marks: Image.Image, style: ScanStyle, nrng) -> None:
    """An incoming-document stamp in the top margin: a box with ĐẾN, the number and the day."""
    from PIL import ImageDraw

    px = style.dpi / 25.4
    w, _ = marks.size
    x, y = int(nrng.uniform(0.08, 0.3) * w), int(nrng.uniform(2, 5) * px)
    bw, bh = int(45 * px), int(19 * px)
    layer = Image.new("RGBA", (bw + 4, bh + 4), (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    ink = _ink(BLUE)
    draw.rectangle((1, 1, bw, bh), outline=ink, width=max(2, int(0.6 * px)))
    face = _font(max(8, int(3.6 * px)))
    number, day = int(nrng.integers(100, 9999)), int(nrng.integers(1, 28))
    for k, text in enumerate(("ĐẾN", f"Số: {number}", f"Ngày: {day}/{int(nrng.integers(1, 12))}/2021")):
        draw.text((int(3 * px), int((1.5 + 5.5 * k) * px)), text, fill=ink, font=face)
    layer = layer.rotate(float(nrng.uniform(-4, 4)), resample=Image.BICUBIC, expand=True)
    marks.alpha_composite(layer, (min(x, w - layer.width), y))


PORTAL = "CỔNG THÔNG TIN ĐIỆN TỬ CHÍNH PHỦ"


def _portal_stamp(out: np.ndarray, style: ScanStyle, nrng) -> None:
    """The national e-government portal's received-stamp, in place on the grey page `out`, in the print's
    ink (the portal's scans are 1-bit: the stamp is as black as the text).

    Verified (OCR text of real portal scans kept as test fixtures in public repositories): a ruled box whose
    first row spans the portal's name 'CỔNG THÔNG TIN ĐIỆN TỬ CHÍNH PHỦ', and whose second row holds 'ĐẾN' in
    one cell and 'Giờ: …' over 'Ngày: 10.11.2024' or '29/4/2026' in the other, the day a few days after the
    document's; read in the header's flow (before the place-date line, or between the type line and the
    subject). Assumed: its size (about 56 x 18 mm), the fonts, the hour written 'Giờ: 09 h 15', no number
    field, a tilt of up to 3 degrees, and its place: the top margin, or partly over the header's right column.
    """
    from PIL import ImageDraw

    px = style.dpi / 25.4
    h, w = out.shape
    bw, bh = int(56 * px), int(18 * px)
    layer = Image.new("L", (bw + 4, bh + 4), 0)
    draw = ImageDraw.Draw(layer)
    rule = max(2, int(0.5 * px))
    draw.rectangle((1, 1, bw, bh), outline=255, width=rule)
    split_y, split_x = int(6.5 * px), int(16 * px)
    draw.line((1, split_y, bw, split_y), fill=255, width=rule)
    draw.line((split_x, split_y, split_x, bh), fill=255, width=rule)
    draw.text((bw // 2, split_y // 2 + 1), PORTAL, fill=255, font=_font(max(8, int(2.7 * px))), anchor="mm")
    draw.text((split_x // 2, (split_y + bh) // 2), "ĐẾN", fill=255, font=_font(max(8, int(5 * px))), anchor="mm")
    hour, minute = int(nrng.integers(7, 18)), int(nrng.integers(0, 60))
    field = _font(max(8, int(3 * px)))
    draw.text((split_x + int(3 * px), split_y + int(1.5 * px)), f"Giờ: {hour:02d} h {minute:02d}", fill=255, font=field)
    draw.text((split_x + int(3 * px), split_y + int(6 * px)), f"Ngày: {style.portal_stamp}", fill=255, font=field)
    layer = layer.rotate(float(nrng.uniform(-3, 3)), resample=Image.BICUBIC, expand=True)
    if nrng.random() < 0.5:  # in the top margin, above the header
        x, y = int(nrng.uniform(0.1, 0.55) * w), int(nrng.uniform(1, 4) * px)
    else:  # over the right column's motto and place-date line, as a hurried clerk stamps it
        x, y = int(nrng.uniform(0.5, 0.65) * w), int(nrng.uniform(10, 24) * px)
    x, y = min(x, w - layer.width), min(y, h - layer.height)
    a = np.asarray(layer, dtype=np.float32)[: h - y, : w - x] / 255.0
    region = out[y: y + a.shape[0], x: x + a.shape[1]]
    region[:] = region * (1 - a) + style.ink * a


def _signature(marks: Image.Image, style: ScanStyle, nrng) -> None:
    """A ballpoint scrawl: a few loops and a long stroke, about 50 mm wide, in the lower half."""
    from PIL import ImageDraw

    px = style.dpi / 25.4
    w, h = marks.size
    x0, y0 = nrng.uniform(0.45, 0.6) * w, nrng.uniform(0.55, 0.8) * h
    t = np.linspace(0, 1, 400)
    xs = x0 + 50 * px * t
    ys = y0 + 6 * px * np.sin(t * 6 * np.pi + nrng.uniform(0, 6)) * (1 - 0.5 * t) - 10 * px * t
    ImageDraw.Draw(marks).line(list(zip(xs, ys)), fill=_ink(BLUE), width=max(2, int(0.5 * px)))


def _handwritten(marks: Image.Image, style: ScanStyle, nrng) -> None:
    """Numbers filled in by hand (a serial, a day) near the top of the page, slanted."""
    from PIL import ImageDraw

    px = style.dpi / 25.4
    w, h = marks.size
    draw = ImageDraw.Draw(marks)
    face = _font(max(8, int(5 * px)), italic=True)
    for _ in range(2):
        x, y = nrng.uniform(0.15, 0.8) * w, nrng.uniform(0.08, 0.2) * h
        draw.text((x, y), str(int(nrng.integers(1, 99))), fill=_ink(BLUE), font=face)


def _add_border(a: np.ndarray, style: ScanStyle, nrng) -> None:
    """Scanner-lid shadow along the left and bottom edges (ragged) and two punch holes, in place."""
    h, w = a.shape
    px = style.dpi / 25.4  # pixels per mm
    left = (4 + 3 * nrng.random(h)).cumsum() / np.arange(1, h + 1)  # a slowly wandering width, 4-7 mm
    for y in range(h):
        a[y, : int(left[y] * px)] = 45 + 20 * nrng.random()
    a[h - int(5 * px) :, :] = 55
    yy, xx = np.ogrid[:h, :w]
    for cy in (h // 3, 2 * h // 3):
        cx, r = int(14 * px), int(3 * px)
        a[(yy - cy) ** 2 + (xx - cx) ** 2 <= r * r] = 40


def scan_pdf(clean_pdf: Path, out_pdf: Path, style: ScanStyle = ScanStyle(), seed: int = 1, image_dir: Path | None = None) -> list[Path]:
    """Rasterize each page at `style.dpi`, degrade it, and write an image-only PDF of JPEGs.

    Returns the per-page JPEG files (kept in `image_dir` when given) so benchmarks
    can run raw tesseract on exactly the same images.
    """
    from vnresolve.ingest.poppler import page_count, rasterize_page

    rng = random.Random(seed)
    tmp = None
    if image_dir is None:
        tmp = tempfile.TemporaryDirectory(prefix="scangen-")
        image_dir = Path(tmp.name)
    image_dir.mkdir(parents=True, exist_ok=True)
    c = pdfcanvas.Canvas(str(out_pdf), invariant=1)
    files = []
    for n in range(1, page_count(clean_pdf) + 1):
        clean = rasterize_page(clean_pdf, n, style.dpi)
        # the portal stamps a received document once, on its first page
        scanned = scan_image(clean, style if n == 1 else replace(style, portal_stamp=None), rng)
        jpg = image_dir / f"page-{n:03d}.{'png' if style.bilevel else 'jpg'}"
        jpg.write_bytes(scanned)
        files.append(jpg)
        wpt, hpt = clean.width * 72 / style.dpi, clean.height * 72 / style.dpi
        c.setPageSize((wpt, hpt))
        # from the bytes, not the path: reportlab names an image drawn from a path by the path, which
        # holds a temporary directory's random name, and the scan's bytes (the OCR caches' key) then vary
        c.drawImage(ImageReader(io.BytesIO(scanned)), 0, 0, wpt, hpt)
        c.showPage()
    c.save()
    if tmp is not None:
        tmp.cleanup()
        files = []
    return files


def save_truth(truth: list[TablePage], first_page: int, out: Path) -> None:
    out.write_text(json.dumps({"first_page": first_page, "pages": [asdict(t) for t in truth]}, ensure_ascii=False, indent=1), encoding="utf-8")
