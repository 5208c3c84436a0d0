"""The heading tree: Phần thứ…, Chương I, Mục 1, I-/I., Điều 1., 1., 1.1., 1.1.1., a), Một là, * Về ….

Levels are not fixed per numbering style: documents skip levels (a report may
open with 'Phần thứ nhất', a resolution with 'I-'), so each style has a rank
and a heading nests under the nearest open heading of lower rank.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from vnresolve.parsers.text import TextLine, caps, is_noise_line, iter_lines
from vnresolve.schemas import Document, Section

MAX_TITLE = 200
_ORDINALS = ["nhat", "hai", "ba", "tu", "nam", "sau", "bay", "tam", "chin", "muoi"]
_ORDINAL_LA = ["mot", "hai", "ba", "bon", "nam", "sau", "bay", "tam", "chin", "muoi"]

_PART = re.compile(r"^[\W_]{0,4}ph[a-z0-9&]n\s+th[a-z0-9&]{1,3}\s+(?P<ord>[a-z0-9&]{2,5})\b[\W_]*(?P<title>.*)$")
_ROMAN = re.compile(r"^(?:[~*•]\s*)?(?P<num>[IVX][IVXl1]{0,4}|1[lI][IVXl1]{0,3})\s*[.\-–—:]\s*(?P<title>[^\W\d_].*)$")
_DECIMAL = re.compile(r"^(?P<num>\d{1,2}(?:\.\d{1,2}){1,3})\.?\s+(?P<title>\S.*)$")
_ARABIC = re.compile(r"^(?P<num>\d{1,2})\s*[.\-–]\s+(?P<title>\S.*)$")
_LETTER = re.compile(r"^(?P<num>[a-zđ])\s*\)\s*(?P<title>\S.*)$")
_ORDINAL = re.compile(r"^(?P<num>(?:m[o6]t|h[a4]i|b[a4]|b[o6]n|n[a4]m|s[a4]u|b[a4]y|t[a4]m|ch[i1]n|m[uw][o6]i)\s+l[a4])\s*[,:]\s*(?P<title>.*)$")
_STAR = re.compile(r"^\*\s*(?P<title>v[e3&@]\s+\S.*)$")
# The divisions of a legal or administrative text (NĐ 30/2020, Phụ lục I): Chương, Mục, Điều; the
# numbered clauses (khoản) and lettered points (điểm) of an article are the arabic and letter kinds.
_CHAPTER = re.compile(r"^ch[uvw][o06]ng\s+(?P<num>[ivxlc1]{1,6}|\d{1,3})\b\s*[.:\-–]?\s*(?P<title>.*)$")
_MUC = re.compile(r"^m[uvw]c\s+(?P<num>\d{1,2})\s*[.:\-–]?\s*(?P<title>[^\d\s].*)?$")
_ARTICLE = re.compile(r"^[dđp][i1l][e3][uvw]\s+(?P<num>\d{1,3})\s*[.:]\s*(?P<title>.*)$")

_PREFIX = {"chapter": "Chương", "muc": "Mục", "article": "Điều"}  # how a path names these divisions
RANKS = {"part": 0, "chapter": 0.5, "muc": 0.75, "roman": 1, "article": 1.5, "arabic": 2, "decimal": 3, "star": 6,
         "letter": 7, "ordinal": 8}


@dataclass
class Heading:
    kind: str
    number: str | None
    title: str
    line: TextLine


def _title(text: str) -> str:
    """A heading line's title: up to its first ':' or sentence end when it runs on."""
    text = text.strip()
    if len(text) <= MAX_TITLE and ":" not in text:
        return text.rstrip(".")
    m = re.search(r":|\.(?=\s+[A-ZĐÀ-Ỹ])", text)
    if m and m.start() > 0:
        return text[: m.start()].strip()
    return text[:MAX_TITLE].rsplit(" ", 1)[0] if len(text) > MAX_TITLE else text


def _roman_ok(num: str) -> bool:
    return bool(re.fullmatch(r"X{0,3}(?:IX|IV|V?I{0,3})", _roman(num))) and num != ""


def _roman(num: str) -> str:
    """OCR writes 'I' as 'l' or '1' ('I11-' is III)."""
    return num.replace("l", "I").replace("1", "I")


def classify(line: TextLine) -> Heading | None:
    """The heading a line opens, if any."""
    text, folded = line.text, line.folded
    if m := _PART.match(folded):
        if m.group("ord") in _ORDINALS or re.fullmatch(r"th[a-z0-9]{1,3}", m.group("ord")) is None:
            title = text[m.start("title") :].strip(" []|()’'")
            return Heading("part", text[: m.end("ord")].strip(" ~-*’'|[],"), title, line)
    if m := _CHAPTER.match(folded):
        return Heading("chapter", text[m.start("num"):m.end("num")].upper(), text[m.start("title"):].strip(), line)
    if m := _MUC.match(folded):
        return Heading("muc", m.group("num"), text[m.start("title"):].strip() if m.group("title") else "", line)
    if m := _ARTICLE.match(folded):
        return Heading("article", m.group("num"), _title(text[m.start("title"):]), line)
    if m := _ROMAN.match(text):
        if _roman_ok(m.group("num")):
            return Heading("roman", _roman(m.group("num")), _title(m.group("title")), line)
    if m := _DECIMAL.match(text):
        return Heading("decimal", m.group("num"), _title(m.group("title")), line)
    if m := _ARABIC.match(text):
        if not re.match(r"\d", m.group("title")):
            return Heading("arabic", m.group("num"), _title(m.group("title")), line)
    if m := _LETTER.match(text):
        return Heading("letter", m.group("num"), _title(m.group("title")), line)
    if m := _ORDINAL.match(folded):
        return Heading("ordinal", text[: m.end("num")], _title(text[m.start("title") :]), line)
    if m := _STAR.match(folded):
        return Heading("star", None, _title(text[m.start("title") :]), line)
    return None


def _is_caps_title(text: str) -> bool:
    return caps(text, least=4, share=0.8, strictly=True)


def find_headings(doc: Document) -> list[Heading]:
    headings: list[Heading] = []
    lines = [line for line in iter_lines(doc.text) if not is_noise_line(line.text)]
    for i, line in enumerate(lines):
        heading = classify(line)
        if heading is None:
            continue
        if heading.kind in ("part", "chapter", "muc") and not heading.title and i + 1 < len(lines) \
                and _is_caps_title(lines[i + 1].text):
            heading.title = lines[i + 1].text
            if heading.title.endswith(",") and i + 2 < len(lines) and _is_caps_title(lines[i + 2].text):
                heading.title = f"{heading.title} {lines[i + 2].text}"  # a two-line capitals title
        if heading.kind == "star" and i + 1 < len(lines) and not lines[i].text.rstrip().endswith((".", ":", ";")):
            nxt = lines[i + 1].text
            if nxt[:1].islower() and len(heading.title) + len(nxt) < MAX_TITLE:
                heading.title = f"{heading.title} {nxt}"
        headings.append(heading)
    return headings


def parse_sections(doc: Document) -> Document:
    sections: list[Section] = []
    stack: list[tuple[int, Section]] = []
    for heading in find_headings(doc):
        rank = RANKS[heading.kind]
        if heading.kind == "decimal":
            rank += heading.number.count(".") - 1
        while stack and stack[-1][0] >= rank:
            stack.pop()
        parent = stack[-1][1] if stack else None
        label = f"{_PREFIX[heading.kind]} {heading.number}" if heading.kind in _PREFIX else heading.number or heading.title
        section = Section(
            id=f"s{len(sections) + 1}",
            number=heading.number,
            title=heading.title,
            level=len(stack) + 1,
            kind=heading.kind,
            parent=parent.id if parent else None,
            path=[*(parent.path if parent else []), label],
            page=doc.page_at(heading.line.start),
            raw=heading.line.text,
        )
        sections.append(section)
        stack.append((rank, section))
    doc.sections = sections
    return doc


def section_offsets(doc: Document) -> list[int]:
    """Start offset of each section's heading line, found in text order."""
    offsets, pos = [], 0
    for section in doc.sections:
        at = doc.text.find(section.raw, pos)
        if at < 0:
            at = pos
        offsets.append(at)
        pos = at + 1
    return offsets


def section_at(doc: Document, offset: int, offsets: list[int] | None = None) -> Section | None:
    """Innermost section whose heading starts at or before `offset`."""
    offsets = section_offsets(doc) if offsets is None else offsets
    best = None
    for section, start in zip(doc.sections, offsets):
        if start <= offset:
            best = section
        else:
            break
    return best


def ancestors(doc: Document, section: Section | None) -> list[Section]:
    """`section` and its parents, innermost first."""
    by_id = {s.id: s for s in doc.sections}
    out = []
    while section is not None:
        out.append(section)
        section = by_id.get(section.parent) if section.parent else None
    return out
