"""Documents bound in one file: where another document than the main one begins.

A file often holds more than one document: a công văn and the annex it sends ('TRIỂN KHAI NHIỆM
VỤ … (Kèm theo Công văn số …)'), a Tờ trình and the draft resolution it proposes, a decision and
a cover memo. A page opens another document when its head is an official header (the motto or
the Party's name, then a type name or a number) or an annex's head (PHỤ LỤC, or a 'Kèm theo …'
line under a title). The record describes the pages before the first such page.
"""

from __future__ import annotations

import re

from vnresolve.parsers import formats
from vnresolve.parsers.formats import MOTTO, SLOGAN
from vnresolve.parsers.record_labels import _KINH_GUI, _RECIPIENTS, _VV, vv_subject
from vnresolve.parsers.record_subject import subject_under_type
from vnresolve.parsers.text import caps as _caps, iter_lines
from vnresolve.schemas import Attachment, Document

HEAD_LINES = 14  # the lines of a page's head looked at: two header columns, marks, then the type and subject
TITLE_REACH = 3  # a title of its own stands within this many lines under the motto
_ANNEX_OF = re.compile(r"^\W*k[e3]m\s+th[e3]o\b")  # '(Kèm theo Công văn số 9249/UBND-SGDĐT ngày …)'
_NUMBER = re.compile(r"^\W{0,3}s[o6][:.]?\s*\S")
_HEADING = re.compile(r"^\W*[ivxlc]{1,5}\s*[.)-]\s")  # a body's Roman-numbered heading ('II. NỘI DUNG')


def _head(doc: Document, number: int) -> tuple[str, list]:
    """The page's text and the first lines of it."""
    page = doc.pages[number - 1]
    text = doc.text[page.start: page.end]
    return text, [line for line in iter_lines(text) if line.text.strip()][:HEAD_LINES]


def _motto(line) -> bool:
    """The national motto or the Party's name as a header prints them: in capitals (a body sentence quoting
    'nước Cộng hòa xã hội chủ nghĩa Việt Nam' is none)."""
    return _caps(line.text) and MOTTO.search(line.folded) is not None


def _foot_or_body(line) -> bool:
    """A line that opens a body or a foot ('Kính gửi:', 'Nơi nhận:', 'TM. …', a post): a type name stands above it."""
    return bool(_KINH_GUI.match(line.folded) or _RECIPIENTS.match(line.folded)
                or formats.authority_prefix(line.text) or (_caps(line.text) and formats.is_post(line.text)))


def _typed(head: list) -> int | None:
    """Where the head's type name is, looked for above any line that opens a body or a foot."""
    for i, line in enumerate(head):
        if _caps(line.text) and formats.type_of_line(line.folded):
            return i
        if _foot_or_body(line):
            return None
    return None


def _title_at(head: list) -> int | None:
    """Where a title of its own stands under the motto ('ĐƠN ĐỀ NGHỊ', 'BẢN CAM KẾT'): a capitals line of two
    words or more within TITLE_REACH lines of the motto (or its 'Độc lập' line), that is no mark, post,
    authority line or numbered heading."""
    seen = None
    for i, line in enumerate(head):
        if _motto(line) or (seen is not None and SLOGAN.search(line.folded)):
            seen = i
            continue
        if seen is None or i - seen > TITLE_REACH:
            continue
        text = line.text.strip(" *#-")
        if (_caps(text) and len(text.split()) >= 2 and not _NUMBER.match(line.folded)
                and text not in formats.URGENCY + formats.SECRECY + (formats.DRAFT_MARK,)
                and not _foot_or_body(line) and not _HEADING.match(line.folded)):
            return i
    return None


def _opening(head: list) -> str | None:
    """'enclosed' when the page opens a document of its own, 'annex' when it opens an annex."""
    if not head:
        return None
    motto = any(_motto(line) for line in head[:8])
    numbered = any(_NUMBER.match(line.folded) and "/" in line.text for line in head)
    if motto and (_typed(head) is not None or numbered):
        return "enclosed"
    if formats.ANNEX_HEADING.match(head[0].folded) or any(_ANNEX_OF.match(line.folded) for line in head[:6]):
        return "annex"
    if motto and _title_at(head) is not None:  # an application or a form: no official type, no number
        return "enclosed"
    return None


def _describe(text: str, head: list, relation: str, first: int, last: int) -> Attachment:
    doc_type = label = number = refers = None
    title: list[str] = []
    wrapped = False  # inside a 'Kèm theo (…' line that goes on to the next
    typed = _typed(head) if relation == "enclosed" else None
    if typed is not None:
        t = formats.type_of_line(head[typed].folded)
        doc_type, label = t.code, head[typed].text.strip(" *#")
        title = subject_under_type(text, head, typed)
    elif relation == "enclosed" and (at := next((k for k, x in enumerate(head) if _VV.match(x.folded)), None)) is not None:
        title = [vv_subject(text, head, at)]  # a công văn's subject: its 'V/v …' lines
    elif relation == "enclosed" and (at := _title_at(head)) is not None:
        title = [head[at].text.strip(" *#-")]
    for line in head:
        line_text = line.text.strip()
        if wrapped:
            refers = f"{refers} {line_text}"
            wrapped = ")" not in line_text
            continue
        if _NUMBER.match(line.folded) and "/" in line_text and number is None:
            m = re.search(r"\d[\w./-]*\s*/\s*[\wĐđ./-]+", line_text)
            number = re.sub(r"\s+", "", m.group(0)) if m else None
            continue
        if _ANNEX_OF.match(line.folded):
            refers, wrapped = line_text, line_text.startswith("(") and ")" not in line_text
            continue
        if (relation == "annex" and refers is None and _caps(line_text) and not _motto(line)
                and not formats.ANNEX_HEADING.match(line.folded)):
            title.append(line_text)  # an annex's capitals title, above its 'Kèm theo' line
    if (relation == "enclosed" and doc_type is None and number and (sym := formats.parse_symbol(number))
            and formats.names_a_letter(sym.type_abbr)
            and any(_VV.match(x.folded) or _KINH_GUI.match(x.folded) for x in head)):
        # a công văn prints no type name: its symbol names none, a V/v or Kính gửi in its head
        doc_type = "official_letter"
    refers = refers.strip(" ()-") if refers else None
    return Attachment(relation=relation, first_page=first, last_page=last, doc_type=doc_type, doc_type_label=label,
                      title=" ".join(title) or None, number=number, refers_to=refers)


def attachments(doc: Document) -> list[Attachment]:
    """The documents after the main one, each from the page that opens it to the page before the next."""
    starts = []
    for page in doc.pages[1:]:
        text, head = _head(doc, page.number)
        if relation := _opening(head):
            starts.append((page.number, relation, text, head))
    out = []
    for i, (first, relation, text, head) in enumerate(starts):
        last = starts[i + 1][0] - 1 if i + 1 < len(starts) else doc.pages[-1].number
        out.append(_describe(text, head, relation, first, last))
    return out


def main_pages(doc: Document) -> list:
    """The pages of the main document: those before the first attachment."""
    first = doc.metadata.attachments[0].first_page if doc.metadata.attachments else None
    return [p for p in doc.pages if first is None or p.number < first]



def head_text(doc: Document) -> str:
    """The text a header is looked for in: the first page's, so that a later document's header is
    not read as the main one's; the whole text where the first page holds too little to be a header
    page (a cover) or there are no pages."""
    if len(doc.pages) > 1:
        first = doc.text[doc.pages[0].start: doc.pages[0].end]
        if sum(1 for line in first.splitlines() if line.strip()) >= 5:
            return first
    return doc.text
