"""Files that bind more than one document, made up and typeset: the truth of the bundles benchmark.

Archives scan what an office filed together: a Tờ trình and the draft it proposes (a decision or a
people's council's resolution), a decision and its annex, a công văn and the report it sends, a decision
and a citizen's application, and the blank back pages of a duplex scan. Each bundle is a main document of
formgen's forms followed by one of these, the main document on one page or, for a 'long' one, on two (its
signature, recipients and seal on the second, its annex after them). Its truth is the main document's record
(formgen.Form.truth) and where each other document begins, as a reader of the file would list them
(`Metadata.attachments`).
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas as pdfcanvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph, Spacer

from benchmarks.formgen import (
    TOPICS, Form, _name, _paragraph, _sentences, _st, _title, draw_council_form, draw_form, render_form,
)
from benchmarks.scangen import MARGINS, PORTRAIT, _esc
from vnresolve.parsers.formats import BY_CODE, MOTTO_STATE

# (system, type, kinds of body, what follows the main document)
BUNDLE_PLAN = (
    ("state", "submission", ("department", "district"), "draft"),
    ("state", "decision", ("province", "department"), "annex"),
    ("state", "official_letter", ("province", "district", "department"), "report"),
    ("state", "decision", ("province", "district"), "application"),
    ("state", "plan", ("province", "district"), "blank"),
    ("party", "resolution", ("province", "district"), "annex"),
    ("party", "official_letter", ("province", "district"), "report"),
    ("state", "directive", ("province",), "blank"),
    ("state", "plan", ("province", "district"), "long"),
    ("party", "report", ("province", "district"), "long"),
)
LONG_PAGES = 2  # a 'long' main document runs over this many pages, its annex after them
# the annex's title above its 'Kèm theo' line, by the main document's type
ANNEX_TITLES = ("DANH MỤC CÁC NHIỆM VỤ TRỌNG TÂM", "DANH SÁCH CÁC CƠ QUAN, ĐƠN VỊ THỰC HIỆN",
                "PHÂN CÔNG NHIỆM VỤ CHO CÁC CƠ QUAN, ĐƠN VỊ")
APPLICATIONS = ("ĐƠN ĐỀ NGHỊ", "ĐƠN XIN XÁC NHẬN", "ĐƠN ĐỀ NGHỊ HỖ TRỢ")
HAMLETS = ("An Bình", "Phú Lộc", "Tân Hòa", "Thạnh Mỹ", "Đông Xuân", "Hòa Bình")


@dataclass
class Bundle:
    """One file: the main document, then what the office bound with it."""

    main: Form
    tail: str  # 'draft', 'annex', 'report', 'application', 'blank', 'long' (two pages, then an annex)
    enclosed: Form | None = None  # the draft or the report: a document of its own, typeset by formgen
    title: str = ""  # the annex's or the application's title as printed
    lines: list[tuple[str, str]] = field(default_factory=list)  # the annex's or the application's (style, text)
    main_pages: int = 1  # the pages the main document took when typeset (render_bundle)

    def attachments(self) -> list[dict]:
        """The documents after the main one, as the record lists them: one page from the page after the main
        document's last."""
        at = self.main_pages + 1
        if self.tail == "blank":
            return []
        if self.tail in ("annex", "long"):
            return [{"relation": "annex", "first_page": at, "last_page": at, "doc_type": None, "number": None}]
        if self.tail == "application":
            return [{"relation": "enclosed", "first_page": at, "last_page": at, "doc_type": None, "number": None}]
        assert self.enclosed is not None
        return [{"relation": "enclosed", "first_page": at, "last_page": at, "doc_type": self.enclosed.doc_type,
                 "number": None if self.enclosed.draft else self.enclosed.number}]

    def truth(self, file: str, scan: str) -> dict:
        return {**self.main.truth(file, scan), "tail": self.tail, "pages": self.main_pages + 1,
                "attachments": self.attachments()}


def _as_written(issuer: str, place: str) -> str:
    """A body's name as a sentence writes it: 'Ủy ban nhân dân tỉnh Thái Bình'."""
    if issuer.endswith(place.upper()):
        return f"{issuer[: -len(place)].strip().capitalize()} {place}"
    return _title(issuer)


def _annex(rng: random.Random, main: Form) -> tuple[str, list[tuple[str, str]]]:
    y, m, d = main.date
    label = BY_CODE[main.doc_type].name.capitalize()
    of = _as_written(main.body.issuer, main.body.place)
    sep = ", " if main.system == "party" else " "
    refers = f"(Kèm theo {label} số {main.number}{sep}ngày {d:02d}/{m:02d}/{y} của {of})"
    title = rng.choice(ANNEX_TITLES)
    topic = main.subject.split(" về ", 1)[-1] if " về " in main.subject else main.subject
    lines = [("center", "<b>PHỤ LỤC</b>"), ("center", f"<b>{_esc(title)}</b>"), ("italic_center", _esc(refers)),
             ("gap", "")]
    for k, sentence in enumerate(_sentences(rng, topic, y, 5), 1):
        lines.append(("body", f"{k}. {_esc(sentence)}"))
    return title, lines


def _application(rng: random.Random, main: Form) -> tuple[str, list[tuple[str, str]]]:
    y, m, d = main.date
    title = rng.choice(APPLICATIONS)
    applicant = _name(rng)
    to = _as_written(main.body.issuer, main.body.place)
    lines = [("center", f"<b>{MOTTO_STATE}</b>"), ("center", "<b>Độc lập - Tự do - Hạnh phúc</b>"), ("gap", ""),
             ("center", f"<b>{title}</b>"), ("gap", ""), ("center", f"Kính gửi: {_esc(to)}"), ("gap", ""),
             ("body", f"Tôi tên là: {_esc(applicant)}, sinh năm {rng.randrange(1950, 2000)}."),
             ("body", f"Nơi thường trú: thôn {rng.choice(HAMLETS)}, {_esc(main.body.place)}."),
             ("body", "Tôi làm đơn này kính đề nghị quý cơ quan xem xét, giải quyết theo quy định."),
             ("body", "Tôi xin cam đoan những nội dung trên là đúng sự thật và chịu trách nhiệm trước pháp luật."),
             ("right", f"<i>{_esc(main.body.place)}, ngày {d:02d} tháng {m:02d} năm {y}</i>"),
             ("right", "<b>NGƯỜI LÀM ĐƠN</b>"), ("gap", ""), ("gap", ""), ("right", f"<b>{_esc(applicant)}</b>")]
    return title, lines


def draw_bundles(seed: int, rounds: int = 2) -> list[Bundle]:
    """The benchmark's files: `rounds` of each row of BUNDLE_PLAN, drawn from `seed`."""
    rng = random.Random(seed)
    out = []
    for _ in range(rounds):
        for system, doc_type, kinds, tail in BUNDLE_PLAN:
            main = draw_form(rng, system, doc_type, kinds)
            bundle = Bundle(main, tail)
            if tail == "draft":
                # what the Tờ trình asks to be signed: a department's, the province's decision; a district's, its
                # people's council's resolution
                bundle.enclosed = (draw_council_form(rng, "state", "resolution", ("council_district",))
                                   if main.body.level == "district" else draw_form(rng, "state", "decision", ("province",)))
                bundle.enclosed.draft = True
                bundle.enclosed.urgency = bundle.enclosed.secrecy = None
            elif tail == "report":  # the report the công văn sends, from the same kind of body
                bundle.enclosed = draw_form(rng, system, "report", ("province",))
            elif tail in ("annex", "long"):
                if tail == "long":
                    # more of the body: typeset, it runs over to a second page, where a heading in capitals and a
                    # sentence naming the state or the Party, as bodies do, must not open a document of their own
                    topic, year = rng.choice(TOPICS), main.date[0]
                    who = ("nước Cộng hòa xã hội chủ nghĩa Việt Nam" if system == "state"
                           else "Đảng Cộng sản Việt Nam")
                    main.paragraphs[1:1] = [("body", _paragraph(rng, topic, year, 3)), ("page", ""),
                        ("body", f"Các cơ quan, đơn vị quán triệt đường lối, chủ trương của {who} về {topic}."),
                        ("heading", "II. TỔ CHỨC THỰC HIỆN"), ("body", _paragraph(rng, topic, year, 3))]
                bundle.title, bundle.lines = _annex(rng, main)
            elif tail == "application":
                bundle.title, bundle.lines = _application(rng, main)
            out.append(bundle)
    return out


def _render_lines(lines: list[tuple[str, str]], out: Path) -> None:
    st = _st()
    styles = {**st, "italic_center": ParagraphStyle("ic", parent=st["center"], fontName=st["italic"].fontName),
              "right": ParagraphStyle("right", parent=st["center"], leftIndent=85 * mm)}
    pw, ph = PORTRAIT
    frame = Frame(MARGINS["left"], MARGINS["bottom"], pw - MARGINS["left"] - MARGINS["right"],
                  ph - MARGINS["top"] - MARGINS["bottom"], leftPadding=0, rightPadding=0)
    doc = BaseDocTemplate(str(out), pagesize=PORTRAIT, title="attachment", author="vnresolve bundlegen",
                          creator="vnresolve", invariant=1)
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], pagesize=PORTRAIT)])
    doc.build([Spacer(1, 14) if style == "gap" else Paragraph(text, styles[style]) for style, text in lines])


def _blank(out: Path) -> None:
    c = pdfcanvas.Canvas(str(out), pagesize=PORTRAIT, invariant=1)
    c.showPage()
    c.save()


def render_bundle(bundle: Bundle, folder: Path, stem: str) -> list[tuple[Path, tuple[float, float] | None]]:
    """Typeset each page of `bundle` to its own PDF in `folder`: [(pdf, where its signature's space is, or None
    where nothing is signed)], in the file's order."""
    whole = folder / f"{stem}.main.pdf"
    bundle.main_pages, anchor = render_form(bundle.main, whole, LONG_PAGES if bundle.tail == "long" else 1)
    pages: list[tuple[Path, tuple[float, float] | None]] = []
    for k, page in enumerate(split(whole, folder, f"{stem}.p"), 1):
        pages.append((page, anchor if k == bundle.main_pages else None))  # signed on its last page
    second = folder / f"{stem}.p{bundle.main_pages + 1}.pdf"
    if bundle.enclosed is not None:
        _, where = render_form(bundle.enclosed, second)
        pages.append((second, None if bundle.enclosed.draft else where))
    elif bundle.lines:
        _render_lines(bundle.lines, second)
        pages.append((second, None))
    else:
        _blank(second)
        pages.append((second, None))
    return pages


def split(pdf: Path, folder: Path, prefix: str) -> list[Path]:
    """Each page of `pdf` as a PDF of its own, `folder`/`prefix`1.pdf, `prefix`2.pdf, …"""
    import pikepdf

    out = []
    with pikepdf.open(pdf) as whole:
        for k, page in enumerate(whole.pages, 1):
            with pikepdf.Pdf.new() as one:
                one.pages.append(page)
                path = folder / f"{prefix}{k}.pdf"
                one.save(path, deterministic_id=True)
            out.append(path)
    return out


def joined(pdfs: list[Path], out: Path) -> None:
    """The single-page PDFs as one file, in order; the same inputs give the same bytes."""
    import pikepdf

    parts = [pikepdf.open(path) for path in pdfs]
    try:
        with pikepdf.Pdf.new() as pdf:
            for part in parts:
                pdf.pages.extend(part.pages)
            buf = io.BytesIO()
            pdf.save(buf, deterministic_id=True)
    finally:
        for part in parts:
            part.close()
    out.write_bytes(buf.getvalue())
