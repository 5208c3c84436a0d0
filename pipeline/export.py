"""Analyst exports: one table of every indicator, task, agency or document across a batch.

Columns are fixed per table (not inferred from the data) so a spreadsheet or
a script built on last month's export still fits this month's. Rows follow
the documents' path order, then the order items appear in each document.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from vnresolve.pipeline.manifest import MANIFEST_NAME, latest_by_document, read_records
from vnresolve.pipeline.result import quoted
from vnresolve.schemas import Document

WHAT = ("indicators", "tasks", "agencies", "documents", "pages")
FORMATS = ("csv", "xlsx", "jsonl", "parquet")
BINARY_FORMATS = ("xlsx", "parquet")

DOC_COLUMNS = ("document", "document_number", "doc_type", "issuer", "date")
COLUMNS = {
    "indicators": DOC_COLUMNS + ("section", "section_path", "page", "id", "number", "name", "unit", "target", "comparator",
                                 "value", "low", "high", "year", "horizon", "group", "lead_agencies",
                                 "cooperating_agencies", "directing_bodies", "source", "raw"),
    "tasks": DOC_COLUMNS + ("section", "section_path", "page", "id", "text", "deadline", "deadline_date", "deadline_period",
                            "agencies", "raw"),
    "agencies": DOC_COLUMNS + ("section", "section_path", "page", "id", "name", "kind", "aliases", "roles", "mentions"),
    "documents": DOC_COLUMNS + ("section", "section_path", "page", "sha256", "kind", "title", "parent_issuer", "place",
                                "signer", "pages", "indicators", "tasks", "agencies", "goals", "warnings"),
    # the (reviewed) text of every page, for full-text search and corpus work
    "pages": DOC_COLUMNS + ("section", "section_path", "page", "text"),
}
NUMERIC = {"page", "value", "low", "high", "year", "pages", "indicators", "tasks", "agencies", "goals", "warnings", "mentions"}


class ExportError(Exception):
    pass


def output_files(outdir: Path) -> list[Path]:
    """The batch's current outputs: per the manifest's latest word on each document, else every *.json."""
    records = read_records(outdir / MANIFEST_NAME)
    if records:
        # skipped inputs (touched files, duplicates) share the output of the document they match
        names = {r["output"] for r in latest_by_document(records).values() if r["status"] != "failure" and r.get("output")}
        # one the manifest holds as converted but that is gone is named and skipped, never left out unsaid
        return sorted(outdir / n for n in names)
    return sorted(p for p in outdir.rglob("*.json") if not p.name.startswith(".")
                  and not p.name.endswith(".review.json") and p.name != "lexicon.json")  # review's own files


def load_documents(outdir: Path, skipped: list[tuple[Path, str]] | None = None) -> Iterator[tuple[Path, Document]]:
    """One document at a time (an archive's outputs need not fit in memory together), each with its
    review's corrections applied (OUTDIR/<name>.review.json, `vnresolve review`). Those that
    cannot be read are named on stderr and added to `skipped` with the reason."""
    from vnresolve.review.apply import reviewed
    from vnresolve.review.log import review_path

    for file in output_files(outdir):
        try:
            doc = Document.model_validate_json(file.read_bytes())
        except (ValueError, OSError) as err:
            reason = ("missing: the manifest records it as converted, but the file is not there"
                      if isinstance(err, FileNotFoundError)
                      else f"cannot read it: {err.strerror or err}" if isinstance(err, OSError)
                      else f"not a vnresolve Document ({str(err).splitlines()[0]})")
            _skip(file, reason, skipped)
            continue
        review_file = review_path(file.parent, file.name)
        try:
            doc, unplaced = reviewed(doc, review_file)
        except (ValueError, OSError) as err:  # never the machine reading in place of a reviewed one
            _skip(file, f"its review file {quoted(review_file.name)} cannot be read "
                        f"({str(getattr(err, 'strerror', None) or err).splitlines()[0]})", skipped)
            continue
        for miss in unplaced:
            print(f"warning: {quoted(file)}: {miss}", file=sys.stderr)
        yield file, doc


def _skip(file: Path, reason: str, skipped: list[tuple[Path, str]] | None) -> None:
    print(f"warning: {quoted(file)}: {reason}, skipped", file=sys.stderr)
    if skipped is not None:
        skipped.append((file, reason))


def _join(items) -> str:
    return "; ".join(x for x in items if x)


def _section_info(doc: Document, section_id: str | None) -> tuple[str | None, str | None]:
    for s in doc.sections:
        if s.id == section_id:
            label = f"{s.number}. {s.title}" if s.number else s.title
            return label, " > ".join(s.path)
    return None, None


def rows(doc: Document, what: str) -> Iterator[dict]:
    m = doc.metadata
    base = {"document": doc.source.path, "document_number": m.number, "doc_type": m.doc_type, "issuer": m.issuer, "date": m.date}
    if what == "documents":
        signer = _join([doc.metadata.signer.position, doc.metadata.signer.name])
        yield {**base, "section": None, "section_path": None, "page": None, "sha256": doc.source.sha256,
               "kind": doc.source.kind, "title": m.title, "parent_issuer": m.parent_issuer, "place": m.place,
               "signer": signer or None, "pages": len(doc.pages), "indicators": len(doc.indicators),
               "tasks": len(doc.tasks), "agencies": len(doc.agencies), "goals": len(doc.goals), "warnings": len(doc.warnings)}
    elif what == "indicators":
        for i in doc.indicators:
            section, path = _section_info(doc, i.section)
            t = i.target
            yield {**base, "section": section, "section_path": path, "page": i.page, "id": i.id, "number": i.number,
                   "name": i.name, "unit": i.unit, "target": t.text if t else None, "comparator": t.comparator if t else None,
                   "value": t.value if t else None, "low": t.low if t else None, "high": t.high if t else None,
                   "year": i.year, "horizon": i.horizon, "group": i.group, "lead_agencies": _join(i.lead_agencies),
                   "cooperating_agencies": _join(i.cooperating_agencies), "directing_bodies": _join(i.directing_bodies),
                   "source": i.source, "raw": i.raw}
    elif what == "tasks":
        for t in doc.tasks:
            section, path = _section_info(doc, t.section)
            d = t.deadline
            yield {**base, "section": section, "section_path": path or " > ".join(t.section_path) or None, "page": t.page,
                   "id": t.id, "text": t.text, "deadline": d.text if d else None, "deadline_date": d.date if d else None,
                   "deadline_period": d.period if d else None,
                   "agencies": _join(f"{a.name} ({a.role})" for a in t.agencies), "raw": t.raw}
    elif what == "agencies":
        for a in doc.agencies:
            first = a.mentions[0] if a.mentions else None
            yield {**base, "section": None, "section_path": None, "page": first.page if first else None, "id": a.id,
                   "name": a.name, "kind": a.kind, "aliases": _join(a.aliases),
                   "roles": _join(dict.fromkeys(x.role for x in a.mentions)), "mentions": len(a.mentions)}
    elif what == "pages":
        for p in doc.pages:
            yield {**base, "section": None, "section_path": None, "page": p.number, "text": p.text}
    else:
        raise ExportError(f"unknown table {what!r} (choose from {', '.join(WHAT)})")


def all_rows(outdir: Path, what: str, skipped: list[tuple[Path, str]] | None = None) -> Iterator[dict]:
    columns = COLUMNS[what]
    for _, doc in load_documents(outdir, skipped):
        for row in rows(doc, what):
            yield {c: row.get(c) for c in columns}


def export(outdir: Path, fmt: str, what: str, target: Path | None, skipped: list[tuple[Path, str]] | None = None) -> int:
    """Write the table; `target` None means stdout (text formats only). Returns the row count.

    A file target appears whole or not at all (written beside it, then renamed), so a run
    that fails half-way never leaves a half-written table under the target's name. Documents
    that cannot be read are left out and added to `skipped` with the reason.
    """
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
    if what not in WHAT:
        raise ExportError(f"unknown table {what!r} (choose from {', '.join(WHAT)})")
    if target is None and fmt in BINARY_FORMATS:
        raise ExportError(f"--format {fmt} is binary: give an output file with -o")
    if target is not None and target.is_dir():
        raise ExportError(f"{quoted(target)} is a folder: give a file name with -o")
    data = all_rows(outdir, what, skipped)
    write = {"csv": _csv, "jsonl": _jsonl, "xlsx": _xlsx, "parquet": _parquet}[fmt]
    if target is None:
        return write(data, COLUMNS[what], None)
    try:
        with _atomic(target) as tmp:
            return write(data, COLUMNS[what], tmp)
    except OSError as err:
        raise ExportError(f"cannot write {quoted(target)}: {err.strerror or err}") from err


@contextmanager
def _atomic(target: Path) -> Iterator[Path]:
    """A temporary file beside `target`, renamed onto it only when the body finishes."""
    import os
    import tempfile

    from vnresolve.pipeline.atomic import _umask

    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        os.fchmod(fd, 0o666 & ~_umask())
        os.close(fd)
        yield Path(tmp)
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    finally:
        Path(tmp).unlink(missing_ok=True)


@contextmanager
def _text_sink(target: Path | None, encoding: str) -> Iterator:
    """A text file, or stdout wrapped in `encoding` and detached afterwards (never closed)."""
    if target is None:
        fh = io.TextIOWrapper(sys.stdout.buffer, encoding=encoding, newline="", write_through=True)
        try:
            yield fh
        finally:
            fh.flush()
            fh.detach()
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "w", encoding=encoding, newline="") as fh:
        yield fh


def _csv(data, columns, target) -> int:
    """UTF-8 with a BOM: without it Excel reads the file as the ANSI code page and mangles every diacritic."""
    n = 0
    with _text_sink(target, "utf-8-sig") as fh:
        writer = csv.DictWriter(fh, fieldnames=columns, lineterminator="\r\n")
        writer.writeheader()
        for row in data:
            writer.writerow({k: "" if v is None else v for k, v in row.items()})
            n += 1
    return n


def _jsonl(data, columns, target) -> int:
    n = 0
    with _text_sink(target, "utf-8") as fh:
        for row in data:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
            n += 1
    return n


def _xlsx(data, columns, target) -> int:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)  # streams rows; memory stays flat for big archives
    ws = wb.create_sheet("data")
    ws.append(list(columns))
    n = 0
    for row in data:
        ws.append([_cell(row[c]) for c in columns])
        n += 1
    target.parent.mkdir(parents=True, exist_ok=True)
    wb.save(target)
    # The workbook's dates (openpyxl stamps 'modified' with the clock as it saves) and its zip entries'
    # times become the fixed ZIP epoch: the same outputs give the same bytes.
    from openpyxl.xml.functions import tostring

    wb.properties.created = wb.properties.modified = _ZIP_EPOCH
    _fix_zip_times(target, {"docProps/core.xml": tostring(wb.properties.to_tree())})
    return n


_ZIP_EPOCH = datetime(1980, 1, 1)


def _fix_zip_times(path: Path, replace: dict[str, bytes]) -> None:
    """Rewrite the zip at `path` with every entry dated _ZIP_EPOCH, entries streamed in their order,
    those named in `replace` given its bytes."""
    import os
    import shutil
    import zipfile

    fixed = path.with_name(path.name + ".z")
    try:
        with zipfile.ZipFile(path) as zin, zipfile.ZipFile(fixed, "w", zipfile.ZIP_DEFLATED) as zout:
            for info in zin.infolist():
                entry = zipfile.ZipInfo(info.filename, date_time=_ZIP_EPOCH.timetuple()[:6])
                entry.compress_type, entry.external_attr = zipfile.ZIP_DEFLATED, 0o600 << 16
                if info.filename in replace:
                    zout.writestr(entry, replace[info.filename])
                    continue
                with zin.open(info) as src, zout.open(entry, "w") as dst:
                    shutil.copyfileobj(src, dst, 1 << 20)
        os.replace(fixed, path)
    finally:
        fixed.unlink(missing_ok=True)


def _cell(value):
    """openpyxl refuses control characters that OCR text sometimes carries; drop them."""
    if isinstance(value, str):
        return "".join(ch for ch in value if ch >= " " or ch in "\t\n")
    return value


def _parquet(data, columns, target) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    fields = [pa.field(c, pa.float64() if c in ("value", "low", "high") else pa.int64() if c in NUMERIC else pa.string())
              for c in columns]
    schema = pa.schema(fields)
    target.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    with pq.ParquetWriter(target, schema) as writer:
        batch: list[dict] = []
        for row in data:
            batch.append(row)
            n += 1
            if len(batch) >= 5000:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                batch = []
        if batch or n == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
    return n
