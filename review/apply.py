"""The reviewed revision of a document: the machine reading with a review's corrections applied, in
the order they were made. The one place a corrected Document is made; `export`, the archive
writers and the review app all read it, and the machine reading on disk is never changed.

A word correction changes the restored text the page's word maps to (Document.text, its page's
text and the restoration record: the reviewer's reading becomes a correction of confidence 1 over
the OCR string), so the PDF text layer, ALTO and hOCR, which read words through
archive.words.page_words, give the reviewer's word. A word of a line that is not body text
(stamp, header) changes on the line itself. A field correction sets the value and clears the
field's doubt. A correction is placed where its word or value still is: a re-read page whose word
moved a little or an item that kept its id takes it; one whose old value is gone is reported.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from pydantic import TypeAdapter, ValidationError

from vnresolve.archive.words import ArchivePage, page_words
from vnresolve.review.log import Entry, Review
from vnresolve.schemas import Correction, Document, Warning
from vnresolve.schemas.models import IsoDate

# How far (in word heights) a word may have moved between two readings of a page and still be the one
# a correction was made on.
NEAR = 1.5
LIST_SEPARATOR = "; "
_DATE = TypeAdapter(IsoDate)
# Record fields a reviewer may edit (dotted below `metadata`), and those of indicators and tasks.
METADATA_FIELDS = ("doc_type_label", "number", "issuer", "parent_issuer", "date", "place", "title", "subject",
                   "signer.name", "signer.position", "signer.on_behalf_of", "recipients", "addressees", "urgency",
                   "secrecy")
ITEM_FIELDS = {"indicators": ("name", "unit", "target.text", "year", "horizon", "lead_agencies",
                              "cooperating_agencies"),
               "tasks": ("text", "deadline.text", "deadline.date")}


class NotApplicable(ValueError):
    """A correction that names no field a reviewer can set, or a value the field cannot hold."""


@dataclass(frozen=True)
class Unplaced:
    entry: Entry
    why: str

    def __str__(self) -> str:
        return f"correction {self.entry.id} ({self.entry.target}: {self.entry.old!r} -> {self.entry.new!r}): {self.why}"


def apply(doc: Document, review: Review) -> tuple[Document, list[Unplaced]]:
    """A new Document with the review's corrections applied, and those that found no place. The
    unplaced ones are also in the document's warnings (code 'review-unplaced')."""
    if not review.entries:
        return doc, []
    out = editable(doc)
    unplaced = []
    for entry in review.entries:
        why = apply_entry(out, entry)
        if why:
            unplaced.append(Unplaced(entry, why))
    for miss in unplaced:
        out.warnings.append(Warning(code="review-unplaced", stage="review", message=str(miss),
                                    page=miss.entry.where.get("page")))
    return out, unplaced


def editable(doc: Document) -> Document:
    """A copy whose parts a correction changes are its own: the text's offsets (pages, corrections),
    the record and its items, the warnings. Lines and words are shared until a correction changes
    one: a deep copy of a 200-page document takes seconds."""
    out = doc.model_copy(update={
        "pages": [page.model_copy() for page in doc.pages],
        "metadata": doc.metadata.model_copy(deep=True),
        "indicators": [i.model_copy(deep=True) for i in doc.indicators],
        "tasks": [t.model_copy(deep=True) for t in doc.tasks],
        "warnings": list(doc.warnings),
    })
    if doc.restoration is not None:
        out.restoration = doc.restoration.model_copy(
            update={"corrections": [c.model_copy() for c in doc.restoration.corrections]})
    return out


def apply_entry(doc: Document, entry: Entry) -> str | None:
    """Apply one correction in place; None when it was placed, else why not."""
    if entry.kind == "word":
        return _apply_word(doc, entry)
    return _apply_field(doc, entry)


# -- words ------------------------------------------------------------------------------------------


def find_word(page: ArchivePage, where: dict, text: str) -> tuple[int, int] | None:
    """(line, word) indexes of the word `where` names whose text is `text`: at its indexes when it is
    still there, else the nearest word of the same OCR string and text within NEAR word heights."""
    li, wi = where.get("line", -1), where.get("word", -1)
    if 0 <= li < len(page.lines) and 0 <= wi < len(page.lines[li].words):
        w = page.lines[li].words[wi]
        if w.text == text and w.original == where.get("original", w.original):
            return li, wi
    x0, y0, x1, y1 = where.get("bbox") or (0, 0, 0, 0)
    reach = NEAR * max(y1 - y0, 1)
    best = None
    for i, line in enumerate(page.lines):
        for j, w in enumerate(line.words):
            if w.text != text or w.original != where.get("original", w.original):
                continue
            d = max(abs(w.bbox[0] - x0), abs(w.bbox[1] - y0))
            if d <= reach and (best is None or d < best[0]):
                best = (d, i, j)
    return best and best[1:]


def _apply_word(doc: Document, entry: Entry) -> str | None:
    number = entry.where.get("page")
    page = next((p for p in doc.pages if p.number == number), None)
    if page is None:
        return f"the document has no page {number}"
    words = page_words(doc, page)
    at = find_word(words, entry.where, entry.old)
    if at is None:
        if find_word(words, entry.where, entry.new) is not None:
            return None  # the new reading already says it
        return f"page {number} no longer has the word {entry.old!r} there"
    li, wi = at
    word = words.lines[li].words[wi]
    if entry.new == entry.old:
        _accept(doc, word.span)
    elif word.span is None:
        if page.lines[li].role == "body":
            return f"page {number}'s text is not its words joined; the word cannot be changed in it"
        page.lines = list(page.lines)
        page.lines[li] = line = page.lines[li].model_copy(deep=True)  # the machine reading's line stays as it was
        line.words[wi].text = entry.new
        line.text = " ".join(w.text for w in line.words)
    else:
        _replace(doc, word.span, entry.new)
    return None


def _accept(doc: Document, span: tuple[int, int] | None) -> None:
    """The reviewer confirmed the restorer's change: it is sure now."""
    if span is None or doc.restoration is None:
        return
    for c in doc.restoration.corrections:
        if c.start < span[1] and span[0] < c.end:
            c.confidence, c.alternatives = 1.0, []


def _replace(doc: Document, span: tuple[int, int], new: str) -> None:
    """`new` in place of Document.text[span], as a correction of confidence 1 over the OCR string the
    restorer's corrections there replaced; every later offset moves by the change in length."""
    r0, r1 = span
    restoration = doc.restoration
    corrections = restoration.corrections if restoration else []
    inside = [c for c in corrections if c.start < r1 and r0 < c.end]
    gone = {id(c) for c in inside}
    s0, s1 = min([r0, *(c.start for c in inside)]), max([r1, *(c.end for c in inside)])
    original, pos = [], s0
    for c in sorted(inside, key=lambda c: c.start):
        original.append(doc.text[pos:c.start] + c.original)
        pos = c.end
    original.append(doc.text[pos:s1])
    original_text = "".join(original)
    restored = doc.text[s0:r0] + new + doc.text[r1:s1]
    delta = len(restored) - (s1 - s0)
    doc.text = doc.text[:s0] + restored + doc.text[s1:]
    for page in doc.pages:
        if page.start >= s1:
            page.start += delta
        if page.end >= s1:
            page.end += delta
        page.text = doc.text[page.start:page.end]
    if restoration is None:
        return
    kept = []
    for c in corrections:
        if id(c) in gone:
            continue
        if c.start >= s1:
            c.start, c.end = c.start + delta, c.end + delta
        kept.append(c)
    if restored != original_text:
        kept.append(Correction(start=s0, end=s0 + len(restored), original=original_text, restored=restored,
                               confidence=1.0))
    kept.sort(key=lambda c: c.start)
    restoration.corrections = kept
    restoration.changed = len(kept)


# -- fields -----------------------------------------------------------------------------------------


def field_value(doc: Document, target: str):
    """The value a field target names ('metadata.date', 'indicators.<id>.unit'); KeyError if none."""
    owner, name = _owner(doc, target)
    value = getattr(owner, name) if owner is not None else None
    return LIST_SEPARATOR.join(value) if isinstance(value, list) else value


def shown(value) -> str:
    return "" if value is None else str(value)


def _owner(doc: Document, target: str, create: bool = False):
    """The model holding the field a target names and the field's name; (None, name) where a nested
    part (an indicator's target, a task's deadline) is absent, unless `create` makes it."""
    head, _, rest = target.partition(".")
    if head == "metadata" and rest in METADATA_FIELDS:
        obj, path = doc.metadata, rest
    elif head in ITEM_FIELDS:
        item_id, _, path = rest.partition(".")
        if path not in ITEM_FIELDS[head]:
            raise KeyError(target)
        obj = next((i for i in getattr(doc, head) if i.id == item_id), None)
        if obj is None:
            raise LookupError(f"no {head[:-1]} {item_id!r}")
    else:
        raise KeyError(target)
    *parents, name = path.split(".")
    for part in parents:
        parent, obj = obj, getattr(obj, part)
        if obj is None:
            if not create:
                return None, name
            from vnresolve.schemas.models import Deadline, Target

            obj = {"target": Target, "deadline": Deadline}[part](text="")
            setattr(parent, part, obj)
    return obj, name


def _apply_field(doc: Document, entry: Entry) -> str | None:
    try:
        current = field_value(doc, entry.target)
    except KeyError:
        return f"{entry.target} is not a field a review sets"
    except LookupError as err:
        return str(err)
    if shown(current) != entry.old:
        if shown(current) == entry.new:
            return None
        return f"{entry.target} reads {shown(current)!r} now, not {entry.old!r}"
    if entry.new != entry.old:
        set_field(doc, entry.target, entry.new)
    head = entry.target.partition(".")[2] if entry.target.startswith("metadata.") else None
    if head:
        doc.metadata.uncertain = [d for d in doc.metadata.uncertain if d.field != head]
        if head in doc.metadata.confidence:
            doc.metadata.confidence[head] = 1.0
    return None


def set_field(doc: Document, target: str, text: str) -> None:
    """Set a field from the text a reviewer typed (lists split at ';'); NotApplicable when it cannot hold it."""
    owner, name = _owner(doc, target, create=True)
    field = type(owner).model_fields[name]
    text = text.strip()
    if isinstance(getattr(owner, name), list):
        value = [v.strip() for v in text.split(";") if v.strip()]
    elif name == "year":
        if text and not text.isdigit():
            raise NotApplicable(f"{target}: a year is digits, not {text!r}")
        value = int(text) if text else None
    elif name == "date":
        try:
            value = _DATE.validate_python(text) if text else None
        except ValidationError as err:
            raise NotApplicable(f"{target}: {text!r} is no calendar day as YYYY-MM-DD") from err
    else:
        value = text or (None if not field.is_required() else "")
    setattr(owner, name, value)


def reviewed(doc: Document, review_file: Path) -> tuple[Document, list[Unplaced]]:
    """The document with the review file's corrections applied; as it is when there is no review file."""
    try:
        data = review_file.read_bytes()
    except FileNotFoundError:
        return doc, []
    return apply(doc, Review.from_json(data))


def reviewed_archives(doc_json: str, review_file: Path, source: str | os.PathLike[str], suffixes: tuple[str, ...],
                      pdfa: str | None) -> tuple[dict[str, bytes] | None, list[Unplaced]]:
    """A document read again (`ingest --force`) that has a review: the archive files it asked for made
    from the reviewed revision, and the corrections that found no place in the new reading."""
    from vnresolve.archive.files import archive_files
    from vnresolve.schemas import load_document

    doc, unplaced = reviewed(load_document(doc_json), review_file)
    return (archive_files(doc, source, suffixes, pdfa) if suffixes else None), unplaced
