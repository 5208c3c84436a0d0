"""Indicators from running text: numbered items `(1) … (22)`, one indicator per target.

Item markers are found as chains (1), (2), (3)… so that a stray "(5)" in a
sentence or a footnote does not start an item; chains under a heading that
names indicators ("chỉ tiêu") win over chains elsewhere.
"""

from __future__ import annotations

import heapq
import re
from dataclasses import dataclass

from vnresolve.parsers.sections import ancestors, section_at, section_offsets
from vnresolve.parsers.targets import extract_targets
from vnresolve.parsers.text import fold, is_noise_line, squash
from vnresolve.schemas import Document, Indicator, Section, Target

_MARKER = re.compile(r"\(\s*(\d{1,2})\s*\)")
_BULLET = re.compile(r"^[ \t]*[-+•][ \t]+", re.MULTILINE)
_INDICATOR_HEADING = re.compile(r"ch[i1l]\s+t[i1l][e3]u")
_HORIZON = re.compile(r"(?:(?:d[e3]n|t[o6][i1])\s+)?n[a-z0-9]m\s+((?:19|20)\d\d)")
MAX_ITEM = 4000


@dataclass
class Item:
    number: str | None
    start: int  # offset of the marker
    body_start: int
    end: int


def _line_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


@dataclass(frozen=True)
class Marker:
    number: int
    start: int
    end: int


MAX_GAP = 2  # numbers an OCR pass may lose between two markers it did read


def _markers(doc: Document) -> list[Marker]:
    out = []
    for m in _MARKER.finditer(doc.text):
        line = doc.text[_line_start(doc.text, m.start()) : m.start()]
        if line.lstrip().startswith("|"):
            continue  # a Markdown table's column-number row
        out.append(Marker(int(m.group(1)), m.start(), m.end()))
    return out


_NEG = float("-inf")
_NO_ENTRY = (_NEG, -1)
_CHECKPOINT = 64  # markers between saved DP states: a removed chain is re-scored from the one before it


def _step(number: int, table: list[tuple[float, int]]) -> tuple[float, int]:
    """Score of a marker and its predecessor: the longest run 1, 2, 3… ending at it, allowing a few
    unread numbers. `table[v]`: the best-scored marker numbered v so far (the later one on a tie)."""
    best, prev = (1.0 if number <= 1 + MAX_GAP else _NEG), -1
    cand_best, cand_j = _NEG, -1
    for step in range(1, 2 + MAX_GAP):
        v = number - step
        if v < 0:
            break
        score, j = table[v]
        if j < 0:
            continue
        cand = score + 1 - 0.5 * (step - 1)
        if cand > cand_best or (cand == cand_best and j > cand_j):
            cand_best, cand_j = cand, j
    if cand_j >= 0 and cand_best > best:
        best, prev = cand_best, cand_j
    return best, prev


def _chains(markers: list[Marker]) -> list[list[Marker]]:
    """Disjoint numbered runs, best first, each of at least two items: the best run (highest score,
    the earliest on a tie) is taken, its markers removed, and so on.

    Near-linear: the dynamic programme keeps, per number, the best marker so far, and after a run
    is removed only the markers after it are scored again, until the saved state of the programme
    is reached unchanged (repeated lists of thousands of runs took quadratic time and more)."""
    n = len(markers)
    number = [m.number for m in markers]
    alive = [True] * n
    score = [_NEG] * n
    back = [-1] * n
    saved: dict[int, list[tuple[float, int]]] = {}
    heap: list[tuple[float, int]] = []

    def apply(i: int, table: list[tuple[float, int]]) -> None:
        if alive[i] and score[i] != _NEG and score[i] >= table[number[i]][0]:
            table[number[i]] = (score[i], i)

    def run(removed: list[int]) -> None:
        """Score markers from removed[0] on; skip ahead wherever the state is as saved."""
        r, i = 0, removed[0] if removed else 0
        table = _table_at(i)
        entered = i
        while i < n:
            if i % _CHECKPOINT == 0 and i != entered:
                if table == saved.get(i):
                    while r < len(removed) and removed[r] < i:
                        r += 1
                    if r == len(removed):
                        return
                    i = entered = removed[r]
                    table = _table_at(i)
                    continue
                saved[i] = table.copy()
            elif i % _CHECKPOINT == 0:
                saved.setdefault(i, table.copy())
            if alive[i]:
                new = _step(number[i], table)
                if new != (score[i], back[i]):
                    score[i], back[i] = new
                    if new[0] != _NEG:
                        heapq.heappush(heap, (-new[0], i))
                apply(i, table)
            i += 1

    def _table_at(i: int) -> list[tuple[float, int]]:
        base = i - i % _CHECKPOINT
        table = saved[base].copy() if base in saved else [_NO_ENTRY] * 100
        for k in range(base, i):
            apply(k, table)
        return table

    run([])
    chains: list[list[Marker]] = []
    while heap:
        neg, top = heap[0]
        if not alive[top] or score[top] != -neg:
            heapq.heappop(heap)  # a stale entry: the marker was removed or scored again
            continue
        chain = []
        i = top
        while i != -1:
            chain.append(i)
            i = back[i]
        if len(chain) < 2:
            break
        chains.append([markers[k] for k in reversed(chain)])
        for k in chain:
            alive[k] = False
        run(sorted(chain))
    return sorted(chains, key=lambda c: c[0].start)


def _recover(doc: Document, chain: list[Marker]) -> list[Marker]:
    """Find the markers OCR misread ('(7' , '7)', '[7)') in the gaps of a chain."""
    out: list[Marker] = []
    for a, b in zip(chain, chain[1:] + [None]):
        out.append(a)
        if b is None:
            continue
        pos = a.end
        for missing in range(a.number + 1, b.number):
            loose = re.compile(rf"(?:(?<=[\s.;:])|^)[(\[{{]?\s*{missing}\s*[)\]}}](?!\d)|[(\[{{]\s*{missing}(?![\d.,])", re.MULTILINE)
            m = loose.search(doc.text, pos, b.start)
            if m:
                out.append(Marker(missing, m.start(), m.end()))
                pos = m.end()
    return out


def _under_indicator_heading(doc: Document, section: Section | None) -> bool:
    return any(_INDICATOR_HEADING.search(fold(s.title)) for s in ancestors(doc, section))


def _bullet_items(doc: Document, offsets: list[int]) -> list[Item]:
    """Plans often list targets as '- …' bullets under the 'Chỉ tiêu' heading instead of (1), (2)…"""
    items: list[Item] = []
    for i, section in enumerate(doc.sections):
        if not _INDICATOR_HEADING.search(fold(section.title)):
            continue
        start = offsets[i] + len(section.raw)
        end = offsets[i + 1] if i + 1 < len(offsets) else len(doc.text)
        for m in _BULLET.finditer(doc.text, start, end):
            items.append(Item(None, m.start(), m.end(), end))
    for a, b in zip(items, items[1:]):
        a.end = min(a.end, b.start)
    return items


def find_items(doc: Document, offsets: list[int]) -> list[Item]:
    chains = _chains(_markers(doc))
    if not chains:
        return _bullet_items(doc, offsets)
    chosen = [c for c in chains if _under_indicator_heading(doc, section_at(doc, c[0].start, offsets))]
    if not chosen:
        longest = max(chains, key=len)
        chosen = [longest] if len(longest) >= 3 else []
    items = []
    for chain in chosen:
        chain = _recover(doc, chain)
        for i, m in enumerate(chain):
            end = chain[i + 1].start if i + 1 < len(chain) else len(doc.text)
            later = [o for o in offsets if m.end < o < end]
            if later:
                end = later[0]
            end = min(end, m.end + MAX_ITEM)
            items.append(Item(str(m.number), m.start, m.end, end))
    return items


def item_body(text: str) -> str:
    """The item's text with page numbers and stamp lines dropped, lines joined."""
    return squash("\n".join(line for line in text.splitlines() if not is_noise_line(line)))


def _horizon(doc: Document, section: Section | None) -> tuple[str | None, int | None]:
    titles = [s.title for s in ancestors(doc, section)] + [doc.metadata.title or ""]
    for title in titles:
        if m := _HORIZON.search(fold(title)):
            return title[m.start() : m.end()], int(m.group(1))
    return None, None


def _group(doc: Document, section: Section | None) -> str | None:
    """The field heading an item sits under, when it is below the indicator heading."""
    if section is None or _INDICATOR_HEADING.search(fold(section.title)) and section.kind in ("arabic", "roman"):
        return None
    return section.title


def parse_indicators(doc: Document) -> Document:
    offsets = section_offsets(doc)
    indicators: list[Indicator] = []
    for item in find_items(doc, offsets):
        body = item_body(doc.text[item.body_start : item.end])
        if not any(ch.isalpha() for ch in body):
            continue  # a bare '(3)' is a marker of something else, not an item
        section = section_at(doc, item.start, offsets)
        horizon, year = _horizon(doc, section)
        page = doc.page_at(item.start)
        base = dict(number=item.number, group=_group(doc, section), section=section.id if section else None,
                    page=page, source="text")
        targets = extract_targets(body)
        if not targets:
            first = re.split(r"(?<=[.;])\s", body, maxsplit=1)[0].strip(" .;")
            indicators.append(Indicator(id=f"i{len(indicators) + 1}", name=first or body, horizon=horizon, year=year,
                                        raw=body, **base))
            continue
        for t in targets:
            indicators.append(Indicator(
                id=f"i{len(indicators) + 1}", name=t.name, unit=t.unit,
                target=Target(value=t.value, low=t.low, high=t.high, comparator=t.comparator, text=t.text),
                horizon=t.horizon or horizon, year=t.year or year, raw=t.raw, **base,
            ))
    doc.indicators = indicators
    return doc
