"""Tasks: every bullet and paragraph under NHIỆM VỤ, GIẢI PHÁP and TỔ CHỨC THỰC HIỆN, and a
directive's or công văn's instructions.

A task starts at a bullet ('-', '+', '•'), at a numbered heading line that
runs on into a sentence, or at a paragraph start; a paragraph that begins in
lower case continues the one before (a page break split it).

A directive, công văn, notice or conclusion has no NHIỆM VỤ part: its instructions follow the
sentence that gives them ('Chủ tịch UBND tỉnh yêu cầu … thực hiện một số nhiệm vụ sau:') down to
the signature, and a numbered point that names an agency ('1. Cục Thuế tỉnh:') makes it the lead
of the bullets under it.
"""

from __future__ import annotations

import re

from vnresolve.parsers.deadlines import find_deadline
from vnresolve.parsers.roles import agencies_in
from vnresolve.parsers.sections import classify, section_at, section_offsets
from vnresolve.parsers.text import caps, fold, is_noise_line, iter_lines, squash
from vnresolve.schemas import AgencyRef, Document, Section, Task

_TASK_HEADING = re.compile(r"nh[i1][e3]m\s+v[uv]|gi[a4][i1]\s+ph[a4]p|t[o6]\s+ch[a-z0-9'’]{1,4}\s+th[a-z0-9'’]{1,4}\s+h[i1][e3]n")
_STOP = re.compile(r"^\W*(?:n[o6][i1]\s+nh[a-z0-9]{1,2}n|t\s*/\s*m\b|tm\.|\|)")
_BULLET = re.compile(r"^[-+•–]\s*")
INSTRUCTING_TYPES = ("directive", "official_letter", "notice", "conclusion")
# The sentence that hands out the instructions, ending in a colon at the end of its line
_INSTRUCTS = re.compile(r"(?:y[e3]u\s+c[a4]u|d[e3]\s+ngh[i1]|ch[i1]\s+th[i1]|gi[a4]o|ch[i1]\s+d[a4]o)"
                        r"(?:(?!\n[ \t]*\n)[^.;:]){0,300}:[ \t]*\n")  # within one paragraph


def _task_roots(doc: Document) -> list[Section]:
    roots = []
    for s in doc.sections:
        if s.kind in ("part", "roman") and _TASK_HEADING.search(fold(s.title)):
            roots.append(s)
    if not roots:
        roots = [s for s in doc.sections if s.kind in ("arabic", "decimal") and _TASK_HEADING.search(fold(s.title))
                 and not any(r.id == s.parent for r in doc.sections)]
    return roots


def _region_end(doc: Document, root: Section, offsets: list[int]) -> int:
    index = doc.sections.index(root)
    for s, off in zip(doc.sections[index + 1 :], offsets[index + 1 :]):
        if root.id not in _lineage(doc, s):
            return off
    return len(doc.text)


def _lineage(doc: Document, s: Section) -> list[str]:
    by_id = {x.id: x for x in doc.sections}
    out = []
    while s.parent:
        out.append(s.parent)
        s = by_id[s.parent]
    return out


def _is_caps(text: str) -> bool:
    return caps(text, least=4, share=0.8, strictly=True)


def _is_title_only(text: str) -> bool:
    """A heading carries no task when it does not end like a sentence ('2.1. Về xây dựng Đảng')."""
    return not squash(text).endswith((".", ";"))


def _units(doc: Document, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) spans of task units between two offsets.

    A numbered heading opens a unit like a bullet does; once its wrapped lines
    are gathered, it is kept only if it reads as a sentence, since short
    headings ('1. Xây dựng Đảng') and long bold ones without a full stop are titles.
    """
    units: list[list] = []  # [start, end, opened_by_heading]
    prev_end = start
    for line in iter_lines(doc.text[start:end]):
        s, e = start + line.start, start + line.end
        text = line.text
        if is_noise_line(text):
            continue
        if _STOP.match(line.folded):
            break
        gap = doc.text[prev_end:s]
        prev_end = e
        heading = classify(line)
        if heading is not None:
            units.append([s, e, True] if heading.kind not in ("part", "roman") else [s, -1, True])
            continue
        closed = bool(units) and units[-1][1] == -1
        if closed and (text[:1].islower() or _is_caps(text)):
            continue  # a part/roman title wrapped onto this line
        new_paragraph = "\n\n" in gap or closed
        if _BULLET.match(text) or (new_paragraph and not text[:1].islower()) or not units:
            units.append([s, e, False])
        else:
            units[-1][1] = e
    return [(a, b) for a, b, by_heading in units
            if b != -1 and not (by_heading and _is_title_only(doc.text[a:b]))]


def _instruction_region(doc: Document) -> tuple[int, int] | None:
    """Where a directive's or công văn's instructions run: from the sentence that gives them to the
    end (the signature and Nơi nhận stop the units)."""
    if doc.metadata.doc_type not in INSTRUCTING_TYPES:
        return None
    m = _INSTRUCTS.search(fold(doc.text))  # folding keeps offsets: one character for each
    return (m.end(), len(doc.text)) if m else None


def _lead_from_heading(doc: Document, task: Task, offsets: list[int]) -> None:
    """A task without a lead takes the agency its numbered point names ('1. Cục Thuế tỉnh:')."""
    if any(ref.role == "lead" for ref in task.agencies) or task.section is None:
        return
    section = next(s for s in doc.sections if s.id == task.section)
    named = agencies_in(section.title) if section.raw.rstrip().endswith(":") else []
    for ref in named[:1]:
        task.agencies = [r for r in task.agencies if r.name != ref.name]
        task.agencies.insert(0, AgencyRef(name=ref.name, role="lead", raw=ref.raw))


def parse_tasks(doc: Document) -> Document:
    offsets = section_offsets(doc)
    tasks: list[Task] = []
    seen: set[int] = set()
    regions = [(offsets[doc.sections.index(root)], _region_end(doc, root, offsets)) for root in _task_roots(doc)]
    if not regions and (instructions := _instruction_region(doc)):
        regions = [instructions]
    for region_start, region_end in regions:
        for a, b in _units(doc, region_start, region_end):
            if a in seen:
                continue
            seen.add(a)
            raw = doc.text[a:b]
            text = squash("\n".join(l for l in raw.splitlines() if not is_noise_line(l)))
            text = _BULLET.sub("", text)
            section = section_at(doc, a, offsets)
            tasks.append(Task(
                id=f"k{len(tasks) + 1}", text=text, section=section.id if section else None,
                section_path=list(section.path) if section else [], deadline=find_deadline(text),
                agencies=agencies_in(text), page=doc.page_at(a), raw=raw,
            ))
            _lead_from_heading(doc, tasks[-1], offsets)
    doc.tasks = tasks
    return doc
