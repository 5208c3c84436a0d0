"""What the review app shows of one reviewed document: each page's words with their boxes and
flags, the review queue (its least sure words and fields first) and the record's tables, as plain
dicts ready for JSON. Boxes are fractions (0-1) of the page image as it came in, so the browser
places them over an image rendered at any size.
"""

from __future__ import annotations

import bisect
import threading

from vnresolve.archive.words import ArchivePage, ArchiveWord, page_words
from vnresolve.diacritics.vntext import strip_accents
from vnresolve.review.apply import ITEM_FIELDS, METADATA_FIELDS, field_value, shown
from vnresolve.schemas import Document

# A word whose change the restorer was less sure of than this, or that OCR read with less than
# OCR_BELOW confidence, is queued; below LOW it is marked low on the page (as `vnresolve report`
# counts corrections to review, pipeline/task.py REVIEW_BELOW).
QUEUE_BELOW = 0.9
OCR_BELOW = 60.0
LOW = 0.5
# A field is queued when the parsers doubt it or gave it less than this confidence.
FIELD_BELOW = 0.8
MARKED_ROLES = ("stamp", "signature")


def word_score(word: ArchiveWord) -> float | None:
    """How sure the reading of a word is, 0-1; None when nothing says (a text-layer word left as it was)."""
    scores = [s for s in (word.restoration, None if word.conf is None else word.conf / 100) if s is not None]
    return min(scores) if scores else None


def word_doubtful(word: ArchiveWord) -> bool:
    return (word.restoration is not None and word.restoration < QUEUE_BELOW) or \
        (word.conf is not None and word.conf < OCR_BELOW)


class DocumentView:
    """Pages are mapped when first shown and the queue made when first asked for, so a 200-page
    document opens on its first page without mapping the other 199 (`warm` makes the rest in the
    background)."""

    def __init__(self, doc: Document):
        self.doc = doc
        self._pages: dict[int, ArchivePage] = {}
        self._queue: list[dict] | None = None
        self._lock = threading.Lock()

    @classmethod
    def of(cls, doc: Document) -> DocumentView:
        return cls(doc)

    def archive_page(self, number: int) -> ArchivePage:
        page = self._pages.get(number)
        if page is None:
            page = self._pages[number] = page_words(self.doc, self.doc.pages[number - 1])
        return page

    @property
    def pages(self) -> list[ArchivePage]:
        return [self.archive_page(p.number) for p in self.doc.pages]

    @property
    def queue(self) -> list[dict]:
        with self._lock:  # one thread makes it, the others wait for it
            if self._queue is None:
                # a field nothing was read for has no page region to check it against: it comes after
                # the readings to confirm (the record table is where it is filled in)
                self._queue = sorted(self._word_items() + self._field_items(),
                                     key=lambda i: (i["kind"] == "field" and not i["old"], i["score"], i["page"] or 0))
            return self._queue

    def warm(self) -> None:
        """Make the queue now (a background thread calls this when the document is opened)."""
        self.queue

    def frame(self, number: int) -> ArchivePage:
        """Page `number`'s geometry (size, turns, deskew) without its words, for placing boxes."""
        if number in self._pages:
            return self._pages[number]
        p = self.doc.pages[number - 1]
        return ArchivePage(number=p.number, source=p.source, width=float(p.width or 0), height=float(p.height or 0),
                           dpi=float(p.dpi or 72), rotation=p.rotation % 360, skew=float(p.skew or 0.0), lines=())

    # -- pages ------------------------------------------------------------------------------------

    def page(self, number: int) -> dict:
        """One page: its words (box, text, OCR string, score, flags) and its restored text."""
        page, src = self.archive_page(number), self.doc.pages[number - 1]
        words = []
        for li, line in enumerate(page.lines):
            for wi, w in enumerate(line.words):
                score = word_score(w)
                flags = [f for f, on in (("low", score is not None and score < LOW), ("doubt", word_doubtful(w)),
                                         ("changed", w.text != w.original), (line.role, line.role in MARKED_ROLES))
                         if on]
                words.append({"id": word_id(number, li, wi), "text": w.text, "original": w.original,
                              "box": self.fraction(page, w.bbox), "score": None if score is None else round(score, 3),
                              "role": line.role, "flags": flags})
        return {"number": number, "text": src.text, "words": words, "has_image": self.doc.source.kind != "text",
                "size": page.source_size}

    @staticmethod
    def fraction(page: ArchivePage, bbox) -> list[float] | None:
        """A box of the OCR image as fractions of the incoming page image."""
        width, height = page.source_size
        if not width or not height or bbox is None:
            return None
        x0, y0, x1, y1 = page.source_box(tuple(bbox))
        return [round(x0 / width, 5), round(y0 / height, 5), round(x1 / width, 5), round(y1 / height, 5)]

    def locate(self, text: str | None, page: int | None = None) -> tuple[int | None, list[float] | None]:
        """The page and box of the first line that holds `text` (on `page` when given), for showing a
        field or item beside its page region. Lines are compared as OCR read them, accents and case
        dropped (a body line's restored words are not needed for that)."""
        needle = " ".join(_plain(text or "").split())[:40]
        if not needle:
            return page, None
        pages = self.doc.pages if page is None else self.doc.pages[page - 1:page]
        for p in pages:
            for line in p.lines:
                joined = " ".join(_plain(line.text).split())
                if needle in joined or (len(joined) > 8 and joined in needle):
                    return p.number, self.fraction(self.frame(p.number), line.bbox)
        return page, None

    # -- the queue --------------------------------------------------------------------------------

    def _word_items(self) -> list[dict]:
        corrections = self.doc.restoration.corrections if self.doc.restoration else []
        starts = [c.start for c in corrections]  # ascending, as the restoration records them
        items = []
        for page in self.pages:
            for li, line in enumerate(page.lines):
                for wi, w in enumerate(line.words):
                    if not word_doubtful(w):
                        continue
                    items.append({"id": word_id(page.number, li, wi), "kind": "word", "page": page.number,
                                  "target": word_id(page.number, li, wi), "old": w.text, "original": w.original,
                                  "score": round(word_score(w), 3), "box": self.fraction(page, w.bbox),
                                  "alternatives": _alternatives(w, corrections, starts),
                                  "where": {"page": page.number, "line": li, "word": wi, "bbox": list(w.bbox),
                                            "original": w.original},
                                  "context": " ".join(x.text for x in line.words)})
        return items

    def _field_items(self) -> list[dict]:
        meta = self.doc.metadata
        doubts = {d.field: d.reason for d in meta.uncertain}
        items = []
        for name in METADATA_FIELDS:
            score = meta.confidence.get(name)
            if name not in doubts and (score is None or score >= FIELD_BELOW):
                continue
            target = f"metadata.{name}"
            value = shown(field_value(self.doc, target))
            page, box = self.locate(value) if value else (1 if self.doc.pages else None, None)
            items.append({"id": target, "kind": "field", "page": page, "target": target, "old": value, "original": value,
                          "score": round(score if score is not None else 0.0, 3), "box": box, "alternatives": [],
                          "where": {"page": page, "box": box}, "reason": doubts.get(name, "low confidence")})
        return items

    # -- the record -------------------------------------------------------------------------------

    def record(self) -> dict:
        """The catalogue record, indicators and tasks as rows of editable cells, each with its page region."""
        rows = []
        for name in METADATA_FIELDS:
            target = f"metadata.{name}"
            value = shown(field_value(self.doc, target))
            page, box = self.locate(value) if value else (None, None)
            rows.append({"target": target, "label": name, "value": value, "page": page, "box": box,
                         "doubt": any(d.field == name for d in self.doc.metadata.uncertain),
                         "confidence": self.doc.metadata.confidence.get(name)})
        tables = {}
        for kind, columns in ITEM_FIELDS.items():
            items = []
            for item in getattr(self.doc, kind):
                first = item.name if kind == "indicators" else item.text
                page, box = self.locate(" ".join(first.split()[:6]), item.page) if item.page else (None, None)
                items.append({"id": item.id, "page": item.page, "box": box,
                              "cells": {c: shown(field_value(self.doc, f"{kind}.{item.id}.{c}")) for c in columns}})
            tables[kind] = {"columns": list(columns), "rows": items}
        return {"fields": rows, **tables}

    def summary(self) -> dict:
        meta = self.doc.metadata
        return {"type": meta.doc_type_label or meta.doc_type, "number": meta.number, "date": meta.date,
                "title": meta.title or meta.subject, "pages": len(self.doc.pages),
                "to_review": None if self._queue is None else len(self._queue)}


def _plain(text: str) -> str:
    return strip_accents(text).lower()


def word_id(page: int, line: int, word: int) -> str:
    return f"p{page}.l{line}.w{word}"


def _alternatives(word: ArchiveWord, corrections, starts: list[int]) -> list[str]:
    """The readings the restorer weighed for the word (its tokens' alternatives put in its text),
    then the OCR string; the current reading left out."""
    out: list[str] = []
    if word.span is not None:
        r0, r1 = word.span
        for c in corrections[bisect.bisect_left(starts, r0):bisect.bisect_left(starts, r1)]:
            if c.end <= r1:
                head, tail = word.text[:c.start - r0], word.text[c.end - r0:]
                out.extend(head + alt + tail for alt in c.alternatives)
    out.append(word.original)
    seen = {word.text}
    return [a for a in out if not (a in seen or seen.add(a))][:8]
