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
from vnresolve.parsers.regions import _MOTTO
from vnresolve.parsers.text import caps as _caps, iter_lines
from vnresolve.schemas import Attachment, Document

HEAD_LINES = 14  # the lines of a page's head looked at: two header columns, marks, then the type and subject
_ANNEX_OF = re.compile(r"^\W*k[e3]m\s+th[e3]o\b")  # '(Kèm theo Công văn số 9249/UBND-SGDĐT ngày …)'
_NUMBER = re.compile(r"^\W{0,3}s[o6][:.]?\s*\S")
_FREEDOM = re.compile(r"d[o6]c\s*l[a4]p\b")  # the motto's second line, 'Độc lập - Tự do - Hạnh phúc'
# lines that open a body, never a subject's: the addressees, the bases ('Kính gửi:', 'Căn cứ …', 'Điều 1.')
_SUBJECT_END = re.compile(r"^\W*(?:kinh\s+gui|can\s+cu|dieu\s+\d|xet\b)")


def _head(doc: Document, number: int) -> list:
    page = doc.pages[number - 1]
    lines = [line for line in iter_lines(doc.text[page.start: page.end]) if line.text.strip()]
    return lines[:HEAD_LINES]


def _title_line(line, motto_seen: bool) -> bool:
    """A title of its own under the motto ('ĐƠN ĐỀ NGHỊ', 'BẢN CAM KẾT'): a capitals line of two words or more
    past the motto that is neither the motto nor a mark."""
    text = line.text.strip(" *#-")
    return (motto_seen and _caps(text) and len(text.split()) >= 2 and not _MOTTO.search(line.folded)
            and not _FREEDOM.search(line.folded) and not _NUMBER.match(line.folded)
            and text not in formats.URGENCY + formats.SECRECY + ("DỰ THẢO",))


def _opening(head: list) -> str | None:
    """'enclosed' when the page opens a document of its own, 'annex' when it opens an annex."""
    if not head:
        return None
    motto = any(_MOTTO.search(line.folded) for line in head[:8])
    typed = any(_caps(line.text) and formats.type_of_line(line.folded) for line in head)
    numbered = any(_NUMBER.match(line.folded) and "/" in line.text for line in head)
    if motto and (typed or numbered):
        return "enclosed"
    if formats.ANNEX_HEADING.match(head[0].folded) or any(_ANNEX_OF.match(line.folded) for line in head[:6]):
        return "annex"
    if motto:  # an application or a form: the motto over a title of its own, no official type, no number
        seen = False
        for line in head:
            seen = seen or bool(_MOTTO.search(line.folded))
            if _title_line(line, seen):
                return "enclosed"
    return None


def _describe(head: list, relation: str, first: int, last: int) -> Attachment:
    doc_type = label = number = refers = None
    title: list[str] = []
    wrapped = False  # inside a 'Kèm theo (…' line that goes on to the next
    motto_seen = subject = False  # past the motto; in the lines under the type name (its subject)
    for line in head:
        text = line.text.strip()
        if wrapped:
            refers = f"{refers} {text}"
            wrapped = ")" not in text
            continue
        motto_seen = motto_seen or bool(_MOTTO.search(line.folded))
        t = formats.type_of_line(line.folded) if _caps(text) else None
        if t is not None and doc_type is None:
            doc_type, label, subject, title = t.code, text.strip(" *#"), True, []
            continue
        if _NUMBER.match(line.folded) and "/" in text and number is None:
            m = re.search(r"\d[\w./-]*\s*/\s*[\wĐđ./-]+", text)
            number = re.sub(r"\s+", "", m.group(0)) if m else None
            continue
        if _ANNEX_OF.match(line.folded):
            refers, wrapped = text, text.startswith("(") and ")" not in text
            subject = False
            continue
        if subject:
            # a document's subject: the line under its type name, and the lines a wrap carried on (they open in
            # lower case); a capitals line after it is the enacting authority's ('CHỦ TỊCH ỦY BAN …')
            if (not title or text[:1].islower() or text[:1].isdigit()) and len(title) < 3 and not _SUBJECT_END.match(line.folded) \
                    and not re.fullmatch(r"[\W_]+", text):
                title.append(text)
                continue
            subject = False
        if doc_type is None and refers is None and (
                (relation == "annex" and _caps(text) and not _MOTTO.search(line.folded)
                 and not formats.ANNEX_HEADING.match(line.folded))
                or (relation == "enclosed" and not title and _title_line(line, motto_seen))):
            title.append(text)
    refers = refers.strip(" ()-") if refers else None
    return Attachment(relation=relation, first_page=first, last_page=last, doc_type=doc_type, doc_type_label=label,
                      title=" ".join(title) or None, number=number, refers_to=refers)


def attachments(doc: Document) -> list[Attachment]:
    """The documents after the main one, each from the page that opens it to the page before the next."""
    starts = []
    for page in doc.pages[1:]:
        head = _head(doc, page.number)
        if relation := _opening(head):
            starts.append((page.number, relation, head))
    out = []
    for i, (first, relation, head) in enumerate(starts):
        last = starts[i + 1][0] - 1 if i + 1 < len(starts) else doc.pages[-1].number
        out.append(_describe(head, relation, first, last))
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
