"""Files that bind more than one document, made up and typeset: the truth of the bundles benchmark.

Archives scan what an office filed together: a Tờ trình and the draft it proposes (a decision or a
people's council's resolution), a decision and its annex, a công văn and the report it sends, a decision
and a citizen's application, a decision, the cover memo sending it and an application ('cover'), and the
blank back pages of a duplex scan. Each bundle is a main document of formgen's forms followed by one or two
of these, the main document on one page or, for a 'long' one, on two (its signature, recipients and seal on
the second, its annex after them). Its truth is the main document's record
(formgen.Form.truth) and where each other document begins, as a reader of the file would list them
(`Metadata.attachments`).
"""

from __future__ import annotations

import datetime
import io
import random
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas as pdfcanvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph, Spacer

from benchmarks.formgen import (
    TOPICS, Body, Form, _name, _number, _paragraph, _sentences, _signing, _st, _title, draw_council_form, draw_form,
    render_form,
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
# drawn after BUNDLE_PLAN's rounds from an RNG of their own, so that the files before them stay as they were
COVER_PLAN = (("state", "decision", ("province", "district"), "cover"),)
LONG_PAGES = 2  # a 'long' main document runs over this many pages, its annex after them
# the annex's title above its 'Kèm theo' line, by the main document's type
ANNEX_TITLES = ("DANH MỤC CÁC NHIỆM VỤ TRỌNG TÂM", "DANH SÁCH CÁC CƠ QUAN, ĐƠN VỊ THỰC HIỆN",
                "PHÂN CÔNG NHIỆM VỤ CHO CÁC CƠ QUAN, ĐƠN VỊ")
APPLICATIONS = ("ĐƠN ĐỀ NGHỊ", "ĐƠN XIN XÁC NHẬN", "ĐƠN ĐỀ NGHỊ HỖ TRỢ")
HAMLETS = ("An Bình", "Phú Lộc", "Tân Hòa", "Thạnh Mỹ", "Đông Xuân", "Hòa Bình")


@dataclass
class Part:
    """A document bound after the main one: a form typeset by formgen (a draft, a report, a cover memo) or printed
    lines (an annex, an application)."""

    relation: str  # 'annex' or 'enclosed', as the record lists it
    form: Form | None = None
    title: str = ""  # the annex's or the application's title as printed
    lines: list[tuple[str, str]] = field(default_factory=list)  # the annex's or the application's (style, text)


@dataclass
class Bundle:
    """One file: the main document, then what the office bound with it, a page each."""

    main: Form
    tail: str  # 'draft', 'annex', 'report', 'application', 'blank', 'long' (two pages, then an annex), 'cover'
    parts: list[Part] = field(default_factory=list)  # none: a blank back page
    main_pages: int = 1  # the pages the main document took when typeset (render_bundle)

    def attachments(self) -> list[dict]:
        """The documents after the main one, as the record lists them: a page each from the page after the main
        document's last."""
        out = []
        for at, part in enumerate(self.parts, self.main_pages + 1):
            form = part.form
            out.append({"relation": part.relation, "first_page": at, "last_page": at, "doc_type": form and form.doc_type,
                        "number": None if form is None or form.draft else form.number})
        return out

    def truth(self, file: str, scan: str) -> dict:
        return {**self.main.truth(file, scan), "tail": self.tail, "pages": self.main_pages + max(1, len(self.parts)),
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


def _cover(rng: random.Random, decision: Form) -> Form:
    """The công văn that sends `decision` on: from its body (signed for the chairman or the committee) or, for a
    province, its office; dated a few days after it, its V/v naming it."""
    y, m, d = decision.date
    body = decision.body
    memo = draw_form(rng, "state", "official_letter", (body.level,))
    if body.level == "province" and rng.random() < 0.5:
        memo.body = Body("state", ("VĂN PHÒNG",), f"UBND {body.lines[-1]}", "VP", body.place, "CHÁNH VĂN PHÒNG",
                         "PHÓ CHÁNH VĂN PHÒNG", None, level="department")
        memo.authority, memo.position = rng.choice([([], "CHÁNH VĂN PHÒNG"),
                                                    (["KT. CHÁNH VĂN PHÒNG"], "PHÓ CHÁNH VĂN PHÒNG")])
    else:
        memo.body = body
        memo.authority, memo.position = _signing(rng, body, "official_letter")
    sent = datetime.date(y, m, d) + datetime.timedelta(days=rng.randrange(1, 11))
    memo.date = (sent.year, sent.month, sent.day)
    memo.number = _number(rng, memo.body, "official_letter", sent.year)
    who = _as_written(body.issuer, body.place)
    when = f"{d:02d}/{m:02d}/{y}"
    memo.subject = rng.choice((f"gửi Quyết định số {decision.number} ngày {when} của {who}",
                               f"sao gửi Quyết định số {decision.number} ngày {when}",
                               f"triển khai thực hiện Quyết định số {decision.number} ngày {when} của {who}"))
    what = decision.subject[:1].lower() + decision.subject[1:]
    memo.paragraphs = [
        ("body", f"Ngày {d:02d} tháng {m:02d} năm {y}, Chủ tịch {who} đã ký ban hành Quyết định số {decision.number} "
                 f"{what}."),
        ("body", f"{who if memo.body is body else 'Văn phòng ' + who} gửi kèm theo đây Quyết định nêu trên để các "
                 "cơ quan, đơn vị biết và tổ chức thực hiện."),
        *memo.paragraphs[:1]]
    memo.urgency = memo.secrecy = None
    return memo


def draw_bundles(seed: int, rounds: int = 2) -> list[Bundle]:
    """The benchmark's files: `rounds` of each row of BUNDLE_PLAN, drawn from `seed`, then `rounds` of each row of
    COVER_PLAN from an RNG of the seed's own."""
    rng = random.Random(seed)
    out = []
    for _ in range(rounds):
        for system, doc_type, kinds, tail in BUNDLE_PLAN:
            main = draw_form(rng, system, doc_type, kinds)
            bundle = Bundle(main, tail)
            if tail == "draft":
                # what the Tờ trình asks to be signed: a department's, the province's decision; a district's, its
                # people's council's resolution
                draft = (draw_council_form(rng, "state", "resolution", ("council_district",))
                         if main.body.level == "district" else draw_form(rng, "state", "decision", ("province",)))
                draft.draft = True
                draft.urgency = draft.secrecy = None
                bundle.parts.append(Part("enclosed", draft))
            elif tail == "report":  # the report the công văn sends, from the same kind of body
                bundle.parts.append(Part("enclosed", draw_form(rng, system, "report", ("province",))))
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
                bundle.parts.append(Part("annex", None, *_annex(rng, main)))
            elif tail == "application":
                bundle.parts.append(Part("enclosed", None, *_application(rng, main)))
            out.append(bundle)
    rng = random.Random(f"{seed}:cover")
    for _ in range(rounds):
        for system, doc_type, kinds, tail in COVER_PLAN:
            # a decision, the memo its body sent it on with, and the citizen's application it answers
            main = draw_form(rng, system, doc_type, kinds)
            out.append(Bundle(main, tail, [Part("enclosed", _cover(rng, main)),
                                           Part("enclosed", None, *_application(rng, main))]))
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
    for at, part in enumerate(bundle.parts or [None], bundle.main_pages + 1):
        pdf = folder / f"{stem}.p{at}.pdf"
        if part is None:
            _blank(pdf)
            pages.append((pdf, None))
        elif part.form is not None:
            taken, where = render_form(part.form, pdf)
            assert taken == 1, f"{stem}: a bound document over {taken} pages"
            pages.append((pdf, None if part.form.draft else where))
        else:
            _render_lines(part.lines, pdf)
            pages.append((pdf, None))
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
