"""The one record of what happened to an input: the worker returns it, the batch completes it,
the manifest stores it as a line and `report` reads it back.

Status follows Docling's: SUCCESS (every stage ran), PARTIAL_SUCCESS (a document came out but a
stage failed on it: its part of the JSON is empty and the error says which), FAILURE (no
document), SKIPPED (nothing to do: finished by an earlier run, or the same bytes as another input).
Errors are items naming the stage that raised them, attached by the stage runner.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from enum import Enum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from vnresolve.schemas import Document


class ConversionStatus(str, Enum):
    SUCCESS = "success"
    PARTIAL_SUCCESS = "partial_success"
    FAILURE = "failure"
    SKIPPED = "skipped"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class ErrorItem:
    """One failure: the stage that ran (ingest, restore, parse, validate, read, write, worker,
    timeout), a short machine code, the message for people, the page when one page is to blame."""

    stage: str
    code: str
    message: str
    page: int | None = None

    def __str__(self) -> str:
        where = f" (page {self.page})" if self.page is not None else ""
        return f"{self.stage}: {self.message}{where}"


_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t", '"': '\\"', "\\": "\\\\"}


def quoted(name: object) -> str:
    """A path as it goes into a one-line message: as it is when plain, else in double quotes with
    control characters escaped, so a name holding a newline cannot forge a second report line.
    Bytes that are not UTF-8 (lone surrogates) show as the \\xNN they were on disk."""
    text = str(name)
    if text.isprintable() and '"' not in text:
        return text

    def esc(c: str) -> str:
        if c in _ESCAPES:
            return _ESCAPES[c]
        if c.isprintable():
            return c
        code = ord(c)
        if 0xDC80 <= code <= 0xDCFF:
            return f"\\x{code - 0xDC00:02x}"
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"

    return '"' + "".join(esc(c) for c in text) + '"'


# The manifest line's fields, in order; `document` (the JSON) and `json` never go there.
RECORD_FIELDS = ("input", "hash", "status", "errors", "pages", "seconds", "pipeline", "output", "archives",
                 "duplicate_of", "size", "mtime_ns", "abspath", "doc_type", "number", "issuer", "indicators", "tasks", "agencies",
                 "corrected", "to_review", "finished_at")


@dataclass(frozen=True)
class ConversionResult:
    input: str  # the path as given (or a name for text)
    status: ConversionStatus
    errors: tuple[ErrorItem, ...] = ()
    document: Document | None = field(default=None, compare=False, repr=False)
    json: str | None = field(default=None, compare=False, repr=False)  # the document serialised, for the batch's writer
    # the archive files asked for (PipelineOptions.archives), suffix -> bytes, for the batch's writer
    archive_data: dict[str, bytes] | None = field(default=None, compare=False, repr=False)
    # identity and where the output went (filled by the batch)
    hash: str | None = None
    size: int | None = None
    mtime_ns: int | None = None
    abspath: str | None = None
    pipeline: str | None = None  # the resume key (pipeline/version.py)
    output: str | None = None  # relative to OUTDIR
    archives: tuple[str, ...] = ()  # the PDF/ALTO/hOCR files written beside the JSON, relative to OUTDIR
    duplicate_of: str | None = None
    finished_at: str | None = None
    # what the document holds, for progress lines and `report` without reading the JSON
    pages: int = 0
    seconds: float = 0.0
    doc_type: str | None = None
    number: str | None = None
    issuer: str | None = None
    indicators: int = 0
    tasks: int = 0
    agencies: int = 0
    corrected: int = 0  # words the restorer changed
    to_review: int = 0  # of them, those below REVIEW_BELOW confidence

    @property
    def ok(self) -> bool:
        """A document exists for this input (converted now, or by an earlier run)."""
        return self.status is not ConversionStatus.FAILURE

    @property
    def converted(self) -> bool:
        return self.status in (ConversionStatus.SUCCESS, ConversionStatus.PARTIAL_SUCCESS)

    @property
    def reason(self) -> str:
        return "; ".join(str(e) for e in self.errors)

    def but(self, **changes: Any) -> ConversionResult:
        return replace(self, **changes)

    def record(self) -> dict:
        """The manifest line (JSON-ready)."""
        data = {name: getattr(self, name) for name in RECORD_FIELDS}
        data["status"] = self.status.value
        data["errors"] = [asdict(e) for e in self.errors]
        data["seconds"] = round(self.seconds, 3)
        data["archives"] = list(self.archives)
        return data

    @classmethod
    def from_record(cls, record: dict) -> ConversionResult:
        """A manifest line back as a result; unknown fields (a newer writer's) are ignored.
        A field of the wrong type raises ValueError naming it (a hand-edited or foreign line)."""
        values = {k: record[k] for k in RECORD_FIELDS if k in record and record[k] is not None}
        for name, value in values.items():
            want = _FIELD_TYPES.get(name)
            if want and (not isinstance(value, want) or isinstance(value, bool)):
                raise ValueError(f"field {name!r} is {type(value).__name__} {value!r:.40}, not {want[0].__name__}")
        try:
            values["status"] = ConversionStatus(record["status"])
        except (KeyError, ValueError, TypeError) as err:
            raise ValueError(f"status {record.get('status')!r:.40} is not one of {', '.join(s.value for s in ConversionStatus)}") from err
        if "archives" in values:
            if not all(isinstance(name, str) for name in values["archives"]):
                raise ValueError(f"field 'archives' is not a list of file names: {values['archives']!r:.40}")
            values["archives"] = tuple(values["archives"])
        try:
            values["errors"] = tuple(ErrorItem(**e) for e in record.get("errors") or ())
        except TypeError as err:
            raise ValueError(f"field 'errors' is not a list of {{stage, code, message, page}}: {err}") from err
        return cls(**values)


_FIELD_TYPES = {name: (int,) for name in ("pages", "size", "mtime_ns", "indicators", "tasks", "agencies", "corrected", "to_review")}
_FIELD_TYPES.update({name: (str,) for name in ("input", "hash", "abspath", "pipeline", "output", "duplicate_of",
                                                "finished_at", "doc_type", "number", "issuer")})
_FIELD_TYPES.update(seconds=(float, int), errors=(list,), archives=(list,))


def failure(input: str, stage: str, code: str, message: str, seconds: float = 0.0, page: int | None = None) -> ConversionResult:
    message = " ".join(message.split()) or "unknown error"
    return ConversionResult(input=input, status=ConversionStatus.FAILURE, errors=(ErrorItem(stage, code, message, page),),
                            seconds=seconds)
