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

HEAD_LINES = 8  # the lines of a page's head looked at
_ANNEX_OF = re.compile(r"^\W*k[e3]m\s+th[e3]o\b")  # '(Kèm theo Công văn số 9249/UBND-SGDĐT ngày …)'
_APPENDIX = re.compile(r"^\W*ph[uv]\s*l[uv]c\b")  # 'PHỤ LỤC', 'Phụ lục I'
_NUMBER = re.compile(r"^\W{0,3}s[o6][:.]?\s*\S")


def _head(doc: Document, number: int) -> list:
    page = doc.pages[number - 1]
    lines = [line for line in iter_lines(doc.text[page.start: page.end]) if line.text.strip()]
    return lines[:HEAD_LINES]


def _opening(head: list) -> str | None:
    """'enclosed' when the page opens a document of its own, 'annex' when it opens an annex."""
    if not head:
        return None
    motto = any(_MOTTO.search(line.folded) for line in head[:6])
    typed = any(_caps(line.text) and formats.type_of_line(line.folded) for line in head)
    numbered = any(_NUMBER.match(line.folded) and "/" in line.text for line in head)
    if motto and (typed or numbered):
        return "enclosed"
    if _APPENDIX.match(head[0].folded) or any(_ANNEX_OF.match(line.folded) for line in head[:6]):
        return "annex"
    return None


def _describe(head: list, relation: str, first: int, last: int) -> Attachment:
    doc_type = label = number = refers = None
    title: list[str] = []
    wrapped = False  # inside a 'Kèm theo (…' line that goes on to the next
    for line in head:
        text = line.text.strip()
        if wrapped:
            refers = f"{refers} {text}"
            wrapped = ")" not in text
            continue
        t = formats.type_of_line(line.folded) if _caps(text) else None
        if t is not None and doc_type is None:
            doc_type, label = t.code, text.strip(" *#")
            continue
        if _NUMBER.match(line.folded) and "/" in text and number is None:
            m = re.search(r"\d[\w./-]*\s*/\s*[\wĐđ./-]+", text)
            number = re.sub(r"\s+", "", m.group(0)) if m else None
            continue
        if _ANNEX_OF.match(line.folded):
            refers, wrapped = text, text.startswith("(") and ")" not in text
            continue
        if refers is None and _caps(text) and not _MOTTO.search(line.folded) and not _APPENDIX.match(line.folded):
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
