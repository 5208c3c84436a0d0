"""The Document contract: pydantic models only, no code that fills them.

Everything downstream systems read lives here. Field names are the public
contract (schema_version 1.0): add fields freely, never rename or drop one.
Bounding boxes are ``[x0, y0, x1, y1]`` in the page's own pixel space at
``Page.dpi`` (text-layer pages use 72 dpi, i.e. PDF points), origin top-left.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.0"

BBox = tuple[float, float, float, float]

SourceKind = Literal["pdf-text", "pdf-scanned", "pdf-mixed", "image", "text"]
PageSource = Literal["text-layer", "ocr", "input-text"]
Comparator = Literal["eq", "gt", "gte", "lt", "lte", "approx", "range", "increase_by", "decrease_by"]
AgencyRole = Literal["lead", "cooperating", "directing", "monitoring", "reporting_to", "mentioned"]
LineRole = Literal["body", "header", "footer", "page_number", "stamp", "signature", "footnote"]


class Model(BaseModel):
    """Strict base: unknown keys are a validation error, so `validate` catches typos."""

    model_config = ConfigDict(extra="forbid")


class Source(Model):
    path: str
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    kind: SourceKind
    pages: int = Field(ge=0)
    size_bytes: int | None = Field(default=None, ge=0)
    encoding: str | None = Field(default=None, description="Detected text encoding for .txt input (utf-8, tcvn3, vni, viqr, cp1258…)")


class Signer(Model):
    name: str | None = None
    position: str | None = Field(default=None, description="e.g. 'BÍ THƯ', with the 'T/M TỈNH ỦY' line in `on_behalf_of`")
    on_behalf_of: str | None = None


class Metadata(Model):
    doc_type: str | None = Field(default=None, description="resolution | political_report | review_report | report | plan | programme | decision | directive | conclusion | other")
    doc_type_label: str | None = Field(default=None, description="The type as printed, e.g. 'NGHỊ QUYẾT'")
    number: str | None = Field(default=None, description="Number and symbol as printed, e.g. '04-NQ/TU'")
    issuer: str | None = None
    parent_issuer: str | None = Field(default=None, description="The body above the issuer in the header, e.g. 'ĐẢNG BỘ TỈNH …'")
    date: str | None = Field(default=None, description="ISO 8601 date (YYYY-MM-DD)")
    place: str | None = None
    title: str | None = None
    draft: str | None = Field(default=None, description="Draft marker as printed, e.g. 'Dự thảo lần 3'")
    signer: Signer = Field(default_factory=Signer)
    recipients: list[str] = Field(default_factory=list)


class Word(Model):
    text: str
    bbox: BBox
    conf: float | None = Field(default=None, description="Tesseract word confidence 0-100; null for text-layer words")


class Line(Model):
    text: str
    bbox: BBox
    block: int = 0
    role: LineRole = "body"
    conf: float | None = None
    words: list[Word] = Field(default_factory=list)


class Cell(Model):
    row: int = Field(ge=0)
    col: int = Field(ge=0)
    row_span: int = Field(default=1, ge=1)
    col_span: int = Field(default=1, ge=1)
    text: str = ""
    bbox: BBox | None = None


class Table(Model):
    page: int = Field(ge=1)
    bbox: BBox | None = None
    rows: int = Field(ge=0)
    cols: int = Field(ge=0)
    cells: list[Cell] = Field(default_factory=list)
    source: Literal["ruling-lines", "text-layer", "markdown", "plain-text"] = "ruling-lines"


class Page(Model):
    number: int = Field(ge=1)
    text: str
    source: PageSource
    ocr_confidence: float | None = Field(default=None, description="Mean word confidence 0-100 for OCR'd pages")
    text_quality: float | None = Field(default=None, description="Vietnamese quality score 0-1 of the page's text layer, when it had one")
    start: int = Field(default=0, ge=0, description="Offset of this page's text in Document.text")
    end: int = Field(default=0, ge=0)
    width: float | None = None
    height: float | None = None
    dpi: float | None = None
    rotation: int = Field(default=0, description="Degrees the page image was rotated before OCR (0, 90, 180, 270)")
    skew: float | None = Field(default=None, description="Deskew angle applied, degrees")
    lines: list[Line] = Field(default_factory=list)
    tables: list[Table] = Field(default_factory=list)


class Correction(Model):
    """One token the restorer changed, for review tools."""

    start: int = Field(ge=0, description="Offset in the restored Document.text")
    end: int = Field(ge=0)
    original: str
    restored: str
    confidence: float = Field(ge=0, le=1, description="Probability that `restored` is right, given the readings on both "
                              "sides (held-out text: the changes at 0.7-0.9 were right 76-86 % of the time)")
    alternatives: list[str] = Field(default_factory=list, description="The next likeliest readings, likeliest first")


class Restoration(Model):
    model: str = Field(description="Restoration model identifier and version")
    tokens: int = Field(default=0, ge=0)
    changed: int = Field(default=0, ge=0)
    corrections: list[Correction] = Field(default_factory=list)


class Section(Model):
    id: str
    number: str | None = Field(default=None, description="As printed: 'I', '2', '2.1', 'a', 'Một là'")
    title: str
    level: int = Field(ge=0)
    kind: str = Field(description="part | roman | arabic | decimal | letter | ordinal | star | heading")
    parent: str | None = None
    path: list[str] = Field(default_factory=list, description="Numbers/titles from the root down to this section")
    page: int | None = None
    raw: str = ""


class Goal(Model):
    id: str
    kind: Literal["general", "specific"]
    text: str
    section: str | None = None
    page: int | None = None
    raw: str = ""


class Target(Model):
    value: float | None = None
    low: float | None = None
    high: float | None = None
    comparator: Comparator = "eq"
    text: str = Field(description="The target as printed, e.g. 'trên 2.310 tỷ đồng'")


class Indicator(Model):
    id: str
    number: str | None = Field(default=None, description="Item number as printed: '1', '2.3', or null")
    name: str
    unit: str | None = None
    target: Target | None = None
    year: int | None = None
    horizon: str | None = Field(default=None, description="'năm 2026', 'đến năm 2030' as printed")
    group: str | None = Field(default=None, description="Field heading the indicator sits under")
    lead_agencies: list[str] = Field(default_factory=list)
    cooperating_agencies: list[str] = Field(default_factory=list)
    directing_bodies: list[str] = Field(default_factory=list)
    source: Literal["text", "table"] = "text"
    linked: str | None = Field(default=None, description="Id of the indicator from the other source (text/table) with the same number and meaning")
    section: str | None = None
    page: int | None = None
    raw: str = ""


class AgencyRef(Model):
    name: str = Field(description="Canonical name from the gazetteer, or the cleaned name as printed")
    role: AgencyRole
    raw: str = ""


class Deadline(Model):
    text: str
    date: str | None = Field(default=None, description="ISO date when the deadline is a day")
    period: str | None = Field(default=None, description="'2026-Q1', 'monthly', 'yearly' …")


class Task(Model):
    id: str
    text: str
    section: str | None = None
    section_path: list[str] = Field(default_factory=list)
    deadline: Deadline | None = None
    agencies: list[AgencyRef] = Field(default_factory=list)
    page: int | None = None
    raw: str = ""


class Mention(Model):
    role: AgencyRole
    item: str | None = Field(default=None, description="Id of the indicator/task naming the agency")
    page: int | None = None
    raw: str = ""


class Agency(Model):
    id: str
    name: str
    aliases: list[str] = Field(default_factory=list)
    kind: str | None = Field(default=None, description="party | state | mass-organisation | other")
    mentions: list[Mention] = Field(default_factory=list)


class Reference(Model):
    doc_type: str | None = None
    number: str | None = None
    date: str | None = None
    issuer: str | None = None
    title: str | None = None
    page: int | None = None
    raw: str = ""


class Warning(Model):
    code: str = Field(description="Stable machine-readable code, e.g. 'text-layer-rejected'")
    message: str
    stage: str | None = None
    page: int | None = None


class Document(Model):
    schema_version: Literal["1.0"] = SCHEMA_VERSION
    source: Source
    metadata: Metadata = Field(default_factory=Metadata)
    text: str = ""
    pages: list[Page] = Field(default_factory=list)
    sections: list[Section] = Field(default_factory=list)
    goals: list[Goal] = Field(default_factory=list)
    indicators: list[Indicator] = Field(default_factory=list)
    tasks: list[Task] = Field(default_factory=list)
    agencies: list[Agency] = Field(default_factory=list)
    references: list[Reference] = Field(default_factory=list)
    restoration: Restoration | None = None
    warnings: list[Warning] = Field(default_factory=list)

    def page_at(self, offset: int) -> int | None:
        """Page number holding a character offset of `text` (None before any page)."""
        for page in self.pages:
            if page.start <= offset < max(page.end, page.start + 1):
                return page.number
        return self.pages[-1].number if self.pages and offset >= self.pages[-1].start else None
