"""The documents of one batch folder as the review app sees them: which outputs there are, which
source file each was read from, and each one's reviewed revision, cached until its JSON or its
review file changes.

Only names the batch wrote can be asked for, and only their recorded source files are read: the
app turns no path from a request into a file name.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from vnresolve.pipeline.manifest import MANIFEST_NAME, latest_by_document, read_records
from vnresolve.review.apply import NotApplicable, Unplaced, apply, apply_entry, editable, field_value
from vnresolve.review.log import SUFFIX, Conflict, Entry, Review, append, read_review, review_path
from vnresolve.review.view import DocumentView
from vnresolve.schemas import Document, load_document


OPEN = 6  # documents kept loaded


@dataclass(frozen=True)
class Output:
    name: str  # <name>.json in OUTDIR
    source: Path | None  # the input it was read from, as the manifest recorded it
    record: dict | None = None  # its manifest line (type, number, pages, corrections to review)


def outputs(outdir: Path) -> dict[str, Output]:
    """The batch's documents by output name: the manifest's latest word on each input, else every
    plain <name>.json in OUTDIR (then no source is known and pages show without their image)."""
    found: dict[str, Output] = {}
    records = read_records(outdir / MANIFEST_NAME)
    for record in latest_by_document(records).values():
        name = record.get("output")
        if record.get("status") in ("success", "partial_success") and name and _inside(outdir, name):
            source = record.get("abspath") or record.get("input")
            found[name] = Output(name, Path(source) if source else None, record)
    if not records:
        for path in sorted(outdir.glob("*.json")):
            if not path.name.endswith(SUFFIX) and path.name != "lexicon.json" and _inside(outdir, path.name):
                found[path.name] = Output(path.name, None)
    return dict(sorted(found.items()))


def _inside(outdir: Path, name: str) -> bool:
    """A plain file name in OUTDIR that is a regular file there, not a link out of it."""
    if "/" in name or "\\" in name or name.startswith("."):
        return False
    path = outdir / name
    return path.is_file() and not path.is_symlink() and path.resolve().parent == outdir.resolve()


class Library:
    def __init__(self, outdir: Path, lexicon: Path | None = None):
        self.outdir = outdir
        self.lexicon = lexicon
        self._lock = threading.Lock()
        self._outputs: tuple | None = None
        # the documents open lately (a batch's documents need not fit in memory together)
        self._machine: OrderedDict[str, tuple[int, Document]] = OrderedDict()
        self._views: OrderedDict[str, tuple[tuple, DocumentView, list[Unplaced]]] = OrderedDict()

    def outputs(self) -> dict[str, Output]:
        """The batch's documents, read again when the manifest changed (a run added to it)."""
        try:
            st = os.stat(self.outdir / MANIFEST_NAME)
            stamp = (st.st_mtime_ns, st.st_size)
        except FileNotFoundError:
            stamp = None  # no manifest: the folder's files, which a listing does not see change
        with self._lock:
            if stamp is not None and self._outputs and self._outputs[0] == stamp:
                return self._outputs[1]
        found = outputs(self.outdir)
        with self._lock:
            self._outputs = (stamp, found)
        return found

    def output(self, name: str) -> Output:
        found = self.outputs().get(name)
        if found is None:
            raise KeyError(name)
        return found

    def machine(self, name: str) -> Document:
        """The machine reading as ingest wrote it."""
        return self._load(name)[1]

    def _load(self, name: str) -> tuple[int, Document]:
        path = self.outdir / self.output(name).name
        stamp = os.stat(path).st_mtime_ns
        with self._lock:
            cached = self._machine.get(name)
        if cached and cached[0] == stamp:
            return cached
        doc = load_document(path.read_bytes())
        with self._lock:
            self._machine[name] = (stamp, doc)
            _trim(self._machine)
        return stamp, doc

    def cached_view(self, name: str) -> DocumentView | None:
        """The view made last, when there is one (the document list does not open every document)."""
        with self._lock:
            cached = self._views.get(name)
        return cached[1] if cached else None

    def view(self, name: str) -> tuple[DocumentView, list[Unplaced], Review]:
        """The reviewed revision's view, remade when the JSON or the review file changed."""
        stamp, machine = self._load(name)
        review = read_review(self.outdir, name)
        doc, unplaced = self._revision(name, stamp, machine, review)
        with self._lock:
            cached = self._views.get(name)
        if cached and cached[0] == (stamp, review.revision):
            return cached[1], cached[2], review
        view = DocumentView.of(doc)
        self._remember(name, (stamp, review.revision), view, unplaced)
        return view, unplaced, review

    def _revision(self, name: str, stamp: int, machine: Document, review: Review) -> tuple[Document, list[Unplaced]]:
        """The reviewed document at the review's revision: the one in the cache, else made."""
        with self._lock:
            cached = self._views.get(name)
        if cached and cached[0] == (stamp, review.revision):
            return cached[1].doc, cached[2]
        return apply(machine, review)

    def _remember(self, name: str, key: tuple, view: DocumentView, unplaced: list[Unplaced]) -> None:
        with self._lock:
            self._views[name] = (key, view, unplaced)
            self._views.move_to_end(name)
            _trim(self._views)

    def correct(self, name: str, *, who: str, kind: str, target: str, where: dict, old: str, new: str) -> Entry:
        """Append a correction after checking, under the review file's lock, that it applies to the
        current revision; Conflict when another correction changed the value first, NotApplicable
        when the field cannot hold the new value. The revision the check made is the next one shown:
        a correction costs one word or field applied, however many came before it."""
        stamp, machine = self._load(name)
        made: dict = {}

        def check(review: Review, entry: Entry) -> str | None:
            if kind == "field":
                try:
                    field_value(machine, target)
                except KeyError as err:
                    raise NotApplicable(f"{target}: not a field a review sets") from err
                except LookupError:
                    pass  # the item is gone: apply_entry says so
            base, unplaced = self._revision(name, stamp, machine, review)
            doc = editable(base)
            why = apply_entry(doc, entry)  # NotApplicable when the field cannot hold the value
            made.update(doc=doc, unplaced=unplaced)
            return why

        entry = append(self.outdir, name, who=who, kind=kind, target=target, where=where, old=old, new=new,
                       sha256=machine.source.sha256, check=check)
        self._remember(name, (stamp, entry.revision), DocumentView.of(made["doc"]), made["unplaced"])
        if self.lexicon is not None:
            from vnresolve.review.lexicon import learn

            learn(self.lexicon, entry)
        return entry

    def write_archives(self, name: str) -> list[str]:
        """Make the document's PDF, ALTO and hOCR in OUTDIR again from its reviewed revision: those
        `ingest` wrote for it (a file of that name that is not its output is left alone). The names
        written; nothing when it has none or its source is gone."""
        from vnresolve.archive.files import archive_files
        from vnresolve.pipeline.atomic import write_atomic
        from vnresolve.pipeline.batch import _holds

        output = self.output(name)
        view, _, _ = self.view(name)
        stem = output.name.removesuffix(".json")
        sha = view.doc.source.sha256
        suffixes = tuple(s for s in (".pdf", ".alto.xml", ".hocr") if _holds(self.outdir / f"{stem}{s}", sha))
        if not suffixes or output.source is None or not output.source.is_file():
            return []
        pipeline = (output.record or {}).get("pipeline") or ""
        pdfa = next((part.split("=", 1)[1] for part in pipeline.split(";") if part.startswith("pdfa=")), "2b")
        written = []
        doc = view.doc.model_copy(update={"warnings": list(view.doc.warnings)})  # the writers add theirs
        for suffix, data in archive_files(doc, output.source, suffixes, pdfa).items():
            write_atomic(self.outdir / f"{stem}{suffix}", data)
            written.append(f"{stem}{suffix}")
        return written

    def review_file(self, name: str) -> Path:
        return review_path(self.outdir, self.output(name).name)


def _trim(cache: OrderedDict, keep: int = OPEN) -> None:
    while len(cache) > keep:
        cache.popitem(last=False)


__all__ = ["Conflict", "Library", "NotApplicable", "Output", "outputs"]
