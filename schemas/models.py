"""The Document contract: pydantic models only, no code that fills them.

Everything downstream systems read lives here. Field names are the public
contract (schema_version 1.5): add fields freely, never rename or drop one.
1.2 added the compact record, which `schemas.record` writes by default and every reader
here expands back: Restoration.columns in place of Restoration.corrections, and pages
without `text` (it is Document.text[start:end]); see CHANGELOG. 1.3 made it leaner: the
corrections packed (Restoration.packed), and the items read from a stretch of the text (sections,
goals, indicators, tasks, references, agency references and mentions) giving `raw` and their
text as spans (`raw_at`, `text_at`/`title_at`/`name_at`). 1.4 leaner still: an item's keys whose
value is the field's default left out, a raw that is a stretch of the text with its white space
collapsed given as `raw_collapsed_at`, and the packed corrections' lengths and alternatives read
from the text and the doubts (PackedCorrections). The *_at fields and `packed` are never
in the full record, and every reader here fills the fields they stand for back in. 1.5 adds
Metadata.co_signers (a joint document's other signers) and the type 'joint_resolution'; the
record forms are 1.4's.
Bounding boxes are ``[x0, y0, x1, y1]`` in the page's own pixel space at
``Page.dpi`` (text-layer pages use 72 dpi, i.e. PDF points), origin top-left.
"""

from __future__ import annotations

import datetime
import functools
import re
import unicodedata
from typing import Annotated, ClassVar, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

SCHEMA_VERSION = "1.6"

BBox = tuple[float, float, float, float]
Offset = Annotated[int, Field(ge=0)]
Span = tuple[Offset, Offset]

# What a `*_at` span of the compact record indexes: `raw` with each run of ASCII white space made
# one space (an item's text is its raw lines joined; a set other readers can spell exactly).
_WHITE_RUN = re.compile(r"[\t\n\v\f\r ]+")


def collapsed(raw: str) -> str:
    return _WHITE_RUN.sub(" ", raw)


# Vietnamese marks as NFD spells them: the five tones (grave, acute, tilde, hook above, dot below)
# and the circumflex, breve and horn of â ê ô ă ơ ư. A fixed set, so that other readers agree.
_MARKS = {**dict.fromkeys(map(ord, "\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031b")), ord("đ"): "d", ord("Đ"): "D"}


@functools.lru_cache(maxsize=1 << 16)  # a document repeats a few thousand syllables
def unmarked(word: str) -> str:
    """`word` without its Vietnamese marks ('Đảng' -> 'Dang'): what an empty original of the packed
    corrections stands for."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFD", word).translate(_MARKS))


@functools.cache
def _word_run() -> re.Pattern:
    """A run of the characters whose unmarked form is one ASCII letter or digit. Outside ASCII only
    Latin-1 Supplement to Latin Extended-B, Latin Extended Additional and the Kelvin sign hold such
    characters (NFD never gains a decomposition)."""
    ranges = (range(0xC0, 0x250), range(0x1E00, 0x1F00), range(0x2100, 0x2150))
    letters = [chr(i) for r in ranges for i in r if (u := unmarked(chr(i))).isascii() and len(u) == 1 and u.isalnum()]
    return re.compile("[0-9A-Za-z" + "".join(letters) + "]*")


def word_length(text: str, start: int) -> int:
    """The length of the word at `start`: the run of characters from there whose unmarked form is
    one ASCII letter or digit (0 where there is none). What a packed correction's length is unless
    `length_at` names it (schema 1.4)."""
    return _word_run().match(text, start).end() - start


def _raw_at() -> object:
    return Field(default=None, exclude=True, description="The compact record (schema 1.3): `raw` is "
                 "Document.text[raw_at[0]:raw_at[1]] and is left out; readers fill it back. Never in the full record")


def _raw_collapsed_at() -> object:
    return Field(default=None, exclude=True, description="The compact record (schema 1.4): `raw` is "
                 "Document.text[raw_collapsed_at[0]:raw_collapsed_at[1]] with each run of ASCII white space (tab, "
                 "LF, VT, FF, CR, space) made one space, and is left out; readers fill it back. Never in the full "
                 "record")


def _at(name: str) -> object:
    return Field(default=None, exclude=True, description=f"The compact record (schema 1.3): `{name}` is characters "
                 f"[{name}_at[0], {name}_at[1]) of `raw` with each run of ASCII white space (tab, LF, VT, FF, CR, "
                 f"space) made one space, and is left out; readers fill it back. Never in the full record")


class Model(BaseModel):
    """Strict base: unknown keys are a validation error, so `validate` catches typos."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)  # JSON has no NaN or Infinity


class Spanned(Model):
    """An item read from a stretch of the document's text: the compact record gives its `raw` as a
    span of Document.text and the fields named in SPANNED as spans of the collapsed raw."""

    SPANNED: ClassVar[tuple[str, ...]] = ()

    raw_collapsed_at: Span | None = _raw_collapsed_at()

    def expand(self, text: str, where: str) -> None:
        """Fill `raw` and the SPANNED fields from their spans (the compact record), in place."""
        if self.raw_collapsed_at is not None and self.raw_at is not None:
            raise ValueError(f"{where}: both raw_at and raw_collapsed_at given")
        for name in ("raw", *self.SPANNED):
            key = "raw_collapsed_at" if name == "raw" and self.raw_collapsed_at is not None else f"{name}_at"
            span = getattr(self, key)
            if span is None:
                continue
            if name in self.model_fields_set:
                raise ValueError(f"{where}: both {name} and {key} given")
            source = text if name == "raw" else collapsed(self.raw)
            if span[0] > span[1] or span[1] > len(source):
                raise ValueError(f"{where}.{key}: {list(span)} is not a span of the "
                                 f"{'text' if name == 'raw' else 'collapsed raw'} ({len(source)} characters)")
            value = source[span[0]:span[1]]
            setattr(self, name, collapsed(value) if key == "raw_collapsed_at" else value)
            setattr(self, key, None)


def _calendar_day(value: str) -> str:
    datetime.date.fromisoformat(value)  # ValueError for a day no calendar has ('2026-02-30')
    return value


# A calendar day, 'YYYY-MM-DD'
IsoDate = Annotated[str, Field(pattern=r"^\d{4}-\d{2}-\d{2}$", json_schema_extra={"format": "date"}),
                    AfterValidator(_calendar_day)]

SourceKind = Literal["pdf-text", "pdf-scanned", "pdf-mixed", "image", "text"]
PageSource = Literal["text-layer", "ocr", "input-text"]
Comparator = Literal["eq", "gt", "gte", "lt", "lte", "approx", "range", "increase_by", "decrease_by"]
AgencyRole = Literal["lead", "cooperating", "directing", "monitoring", "reporting_to", "mentioned"]
LineRole = Literal["body", "header", "footer", "page_number", "stamp", "signature", "footnote"]
# Every state administrative (NĐ 30/2020/NĐ-CP Phụ lục I), legal normative and Party (HD 36-HD/VPTW)
# type; the table with names and abbreviations is parsers/formats.py (a test keeps the two equal).
DocType = Literal[
    "political_report", "review_report", "report", "resolution", "decision", "directive", "regulation", "rules",
    "communique", "notice", "circular_party", "guidance", "programme", "plan", "scheme", "project_proposal",
    "project", "minutes", "submission", "contract", "official_dispatch", "memorandum", "agreement",
    "authorisation", "invitation", "introduction_letter", "leave_permit", "dispatch_slip", "transfer_slip",
    "notification_slip", "public_letter", "conclusion", "law", "ordinance", "order", "decree", "joint_circular", "circular",
    "official_letter", "joint_resolution", "other",
]


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
    authority: list[str] = Field(default_factory=list, description="The signing-authority lines in order, each "
                                 "'PREFIX BODY-OR-POSITION' as printed: ['TL. CHỦ TỊCH', 'KT. CHÁNH VĂN PHÒNG'] "
                                 "(TM., KT., Q., TL., TUQ.; old T/M, K/T); empty when the head signs in person")
    rank: str | None = Field(default=None, description="A police or army rank printed before the name ('Trung tá'), "
                             "kept out of `name`")
    concurrent_positions: list[str] = Field(default_factory=list, description="Posts the signer holds besides "
                                            "`position`, printed under it ('CHỦ TỊCH UBND TỈNH' under 'TRƯỞNG BAN')")


class SymbolParts(Model):
    """The number and symbol taken apart (NĐ 30/2020: '84/QĐ-UBND', '21/2026/TT-BCT', '3722/VPCP-CN';
    HD 36: '04-NQ/TU')."""

    number: str | None = Field(default=None, description="The serial as printed ('84'); null when the template's "
                               "blank was not filled in or could not be read")
    year: int | None = Field(default=None, description="The year in a legal normative document's symbol")
    type_abbr: str | None = Field(default=None, description="Type abbreviation ('QĐ', 'NQ'); null for a công văn")
    issuer_abbr: str | None = Field(default=None, description="Issuing body's abbreviation ('UBND', 'TU', 'BCT')")
    unit_abbr: str | None = Field(default=None, description="A công văn's drafting unit ('CN' in '3722/VPCP-CN') or "
                                  "the further parts of a compound symbol")
    style: Literal["state", "party"] = Field(description="'state': NUMBER/TYPE-BODY; 'party': NUMBER-TYPE/BODY")
    type_agrees: bool | None = Field(default=None, description="Whether the type abbreviation names the printed "
                                     "type; null when either is missing")


class ReceivedStamp(Model):
    """An incoming-document stamp ('CV ĐẾN  Số: 2352  Ngày: 21/3/18'): archive metadata of the copy held."""

    by: str | None = Field(default=None, description="The receiving body printed on the stamp")
    number: str | None = Field(default=None, description="The received (incoming) number")
    date: IsoDate | None = Field(default=None, description="The received date, ISO 8601")
    page: int | None = None
    raw: str = ""


class ESignature(Model):
    """A digital signature applied to the document: the signing organisation's visible block ('Ký bởi:
    … Cơ quan: … Thời gian ký: …', or a publishing centre's name, address and time) or a signer's
    signature field. Archive metadata; the signing time is not the document's date."""

    signed_by: str | None = Field(default=None, description="Who signed: the 'Ký bởi' body or person, or the "
                                  "signature's own name entry")
    organisation: str | None = Field(default=None, description="The 'Cơ quan' line, or the body a centre's block names")
    email: str | None = None
    signed_at: str | None = Field(default=None, description="When it was signed, ISO 8601 with the offset printed "
                                  "or recorded ('2025-02-07T07:56:24+07:00')")
    page: int | None = None
    source: Literal["signature-field", "text"] = Field(description="'signature-field': read from a signed PDF's "
                                                       "signature field; 'text': from a block printed on the page")
    raw: str = ""


class Attachment(Model):
    """Another document bound in the same file as the main one: an annex issued with it ('Phụ lục',
    '(Kèm theo Công văn số …)') or a document of its own (a cover memo, the draft a Tờ trình
    proposes, an application). The record's fields describe the main document only."""

    relation: Literal["annex", "enclosed"] = Field(description="'annex': issued with the main document and "
                                                   "part of it; 'enclosed': a document of its own")
    first_page: int = Field(ge=1)
    last_page: int = Field(ge=1)
    doc_type: DocType | None = None
    doc_type_label: str | None = None
    title: str | None = Field(default=None, description="Its title or subject as printed at its head")
    number: str | None = Field(default=None, description="Its own number and symbol, when it prints one")
    refers_to: str | None = Field(default=None, description="An annex's 'Kèm theo …' line: the document it belongs to")


class FieldDoubt(Model):
    field: str = Field(description="Metadata field name, dotted for nested ones ('signer.name')")
    reason: str = Field(description="Why the value may be wrong, e.g. 'handwritten or low-confidence digits'")


class Metadata(Model):
    doc_type: DocType | None = Field(default=None, description="The document type (every state, legal normative and "
                                     "Party type; 'official_letter' for a công văn, which prints no type name); "
                                     "the name as printed is `doc_type_label`")
    doc_type_label: str | None = Field(default=None, description="The type as printed, e.g. 'NGHỊ QUYẾT'")
    number: str | None = Field(default=None, description="Number and symbol as printed, e.g. '04-NQ/TU'")
    issuer: str | None = None
    parent_issuer: str | None = Field(default=None, description="The body above the issuer in the header, e.g. 'ĐẢNG BỘ TỈNH …'")
    date: IsoDate | None = Field(default=None, description="ISO 8601 date (YYYY-MM-DD); a law, an ordinance or a "
                                 "resolution of the National Assembly or its Standing Committee printed without a "
                                 "place-date line is dated the day its closing sentence says it was passed "
                                 "('… thông qua ngày 17 tháng 6 năm 2020')")
    place: str | None = None
    title: str | None = Field(default=None, description="The subject as printed under the type name (with its 'V/v' "
                              "where one is printed there): the document's title in the PDF, hOCR and export "
                              "tables; none for a công văn, whose 'V/v' line is its subject")
    draft: str | None = Field(default=None, description="Draft marker as printed, e.g. 'Dự thảo lần 3'")
    signer: Signer = Field(default_factory=Signer)
    co_signers: list[Signer] = Field(default_factory=list, description="A joint document's (liên tịch) other "
                                     "signers, one per body. `signer` is the lead body's: the body the header names "
                                     "first, whose block NĐ 30/2020 sets at the right (where no block names a body, "
                                     "the right block of the first row). These are the other bodies' blocks in the "
                                     "header's order (else right to left, row by row); empty where one body signs. "
                                     "Their fields' doubts and confidences are dotted 'co_signers.0.name'")
    recipients: list[str] = Field(default_factory=list)
    doc_type_abbr: str | None = Field(default=None, description="The type's abbreviation in symbols ('QĐ', 'NQ')")
    system: Literal["state", "party"] | None = Field(default=None, description="State (motto 'CỘNG HÒA XÃ HỘI CHỦ "
                                                     "NGHĨA VIỆT NAM') or Party ('ĐẢNG CỘNG SẢN VIỆT NAM') document")
    symbol: SymbolParts | None = Field(default=None, description="`number` taken apart; present also when the "
                                       "serial is blank ('Số:    /TB-UBND' in a signed PDF)")
    subject: str | None = Field(default=None, description="The trích yếu: the line(s) under the type name, or a công "
                                "văn's 'V/v …' text without the 'V/v'")
    addressees: list[str] = Field(default_factory=list, description="The 'Kính gửi:' items")
    urgency: str | None = Field(default=None, description="'HỎA TỐC', 'THƯỢNG KHẨN' or 'KHẨN'")
    secrecy: str | None = Field(default=None, description="'MẬT', 'TỐI MẬT' or 'TUYỆT MẬT'")
    copy_form: str | None = Field(default=None, description="'SAO Y', 'SAO LỤC' or 'TRÍCH SAO' when this is a copy")
    received: list[ReceivedStamp] = Field(default_factory=list, description="Incoming-document stamps")
    attachments: list[Attachment] = Field(default_factory=list, description="Other documents bound in the same "
                                          "file, in page order; the record describes the pages before the first")
    signatures: list[ESignature] = Field(default_factory=list, description="Digital signatures of a signed PDF "
                                         "and e-signature blocks printed on the page, in page order")
    read_from: Literal["regions", "text"] | None = Field(default=None, description="'regions': header and signature "
                                                         "blocks read from the page's word boxes; 'text': from the "
                                                         "text's line order (inputs without boxes)")
    confidence: dict[str, float] = Field(default_factory=dict, description="Per field (dotted names), 0-1: how sure "
                                         "the value is; below 0.5 the field is in `uncertain` too")
    uncertain: list[FieldDoubt] = Field(default_factory=list, description="Fields whose value may be wrong, and why")


# The confidence a word read from handwriting (a serial or day filled in by pen) is capped at: the
# readers that make such words (ingest) and the parsers that weigh them agree it is never trusted.
HANDWRITTEN_CONF = 45.0


class Word(Model):
    text: str
    bbox: BBox
    conf: float | None = Field(default=None, description="Tesseract word confidence 0-100 (at most 45 for digits read "
                               "from handwriting); null for text-layer words")


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


class SignatureField(Model):
    """A signed PDF's signature field on this page: what its appearance draws and what the signature
    records. A serial or day typed into the template's blank at signing (`filled_in`) is part of the
    page's lines as well."""

    name: str | None = Field(default=None, description="The field's name in the PDF ('Signature1')")
    bbox: BBox
    text: str = Field(default="", description="The appearance's visible text, one line per line")
    filled_in: bool = Field(default=False, description="The appearance is a serial or day typed into a blank "
                                                        "of the template ('Số: 11 /TB-UBND')")
    signed_by: str | None = Field(default=None, description="The signature's name entry, when it has one")
    signed_at: str | None = Field(default=None, description="The signing time the signature records, ISO 8601")
    reason: str | None = None


class Page(Model):
    number: int = Field(ge=1)
    text: str = Field(default="", description="The page's text, Document.text[start:end]. Omitted in the compact "
                      "record (schema 1.2); readers fill it back from Document.text")
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
    signature_fields: list[SignatureField] = Field(default_factory=list, description="Signature fields of a signed PDF "
                                                   "on this page")
    damaged: bool = Field(default=False, description="The page's image data is damaged (the renderer reported an "
                                                     "error in it): its text may be incomplete or read from noise")


class Correction(Model):
    """One token the restorer changed, for review tools."""

    start: int = Field(ge=0, description="Offset in the restored Document.text")
    end: int = Field(ge=0)
    original: str
    restored: str
    confidence: float = Field(ge=0, le=1, description="Probability that `restored` is right, given the readings on both "
                              "sides (held-out text: the changes at 0.7-0.9 were right 76-86 % of the time)")
    alternatives: list[str] = Field(default_factory=list, description="The next likeliest readings, likeliest first")


class CorrectionColumns(Model):
    """The corrections of the compact record (schema 1.2), one array per field. Correction i spans
    [start[i], start[i] + length[i]) of Document.text, which holds its restored form; the other
    fields are original[i] and confidence[i], and its alternatives when i is in `alternatives_at`."""

    start: list[Annotated[int, Field(ge=0)]] = Field(description="Offsets in the restored Document.text, ascending")
    length: list[Annotated[int, Field(ge=0)]] = Field(description="Length of each restored token (end - start)")
    original: list[str]
    confidence: list[Annotated[float, Field(ge=0, le=1)]]
    alternatives_at: list[Annotated[int, Field(ge=0)]] = Field(default_factory=list, description="Indexes, "
                                                               "ascending, of the corrections whose alternatives "
                                                               "are kept (confidence below "
                                                               "Restoration.alternatives_below)")
    alternatives: list[list[str]] = Field(default_factory=list, description="Their alternatives, likeliest first, "
                                          "in the order of `alternatives_at`")

    @model_validator(mode="after")
    def _aligned(self) -> CorrectionColumns:
        n = len(self.start)
        for name in ("length", "original", "confidence"):
            if len(getattr(self, name)) != n:
                raise ValueError(f"columns.{name} has {len(getattr(self, name))} items, columns.start {n}")
        if len(self.alternatives) != len(self.alternatives_at):
            raise ValueError("columns.alternatives and columns.alternatives_at differ in length")
        if any(b <= a for a, b in zip(self.alternatives_at, self.alternatives_at[1:])) or \
                any(i >= n for i in self.alternatives_at[-1:]):
            raise ValueError("columns.alternatives_at must be ascending indexes of corrections")
        return self

    def corrections(self, text: str) -> list[Correction]:
        """The full records, their restored form read from the document's text."""
        kept = dict(zip(self.alternatives_at, self.alternatives))
        out = []
        for i, (start, length, original, confidence) in enumerate(zip(self.start, self.length, self.original,
                                                                      self.confidence)):
            if start + length > len(text):
                raise ValueError(f"restoration.columns: correction {i} ends at {start + length}, after the text")
            out.append(Correction(start=start, end=start + length, original=original, restored=text[start:start + length],
                                  confidence=confidence, alternatives=kept.get(i, [])))
        return out


class PackedCorrections(Model):
    """The corrections of the compact record (schema 1.3, leaner in 1.4), one array or string per
    field, written when they can be rebuilt exactly (no original is empty or holds a space;
    confidences are on the 1e-4 grid the pipeline rounds to); otherwise `columns` is written.
    Correction i starts gap[i] characters after the previous one's end (the first: after the text's
    start) and holds its restored form in Document.text there. Its length is length[k] where i is
    length_at[k]; else, in 1.4, the length of the word at its start (`word_length`); in 1.3 the next
    of `unmarked_length` where its original is left empty, else its original's length. Its
    alternatives: in 1.4 the next of `alternatives` where its confidence is below
    Restoration.alternatives_below, in 1.3 alternatives[k] where i is alternatives_at[k]. 1.3 writes
    `unmarked_length` and `alternatives_at`, 1.4 neither: which are there says which rules hold."""

    gap: list[Offset] = Field(description="Characters of Document.text between the previous correction's end (for "
                              "the first, the text's start) and this one's start")
    original: str = Field(description="The original tokens, in order, joined by single spaces (none holds a space). "
                          "An empty one is the restored token without its Vietnamese marks: NFD, then U+0300 U+0301 "
                          "U+0303 U+0309 U+0323 U+0302 U+0306 U+031B removed, đ and Đ made d and D, then NFC")
    unmarked_length: list[Offset] | None = Field(default=None, description="Schema 1.3 only: the restored length "
                                                 "of each correction whose original is left empty, in order "
                                                 "(offsets count code points)")
    length_at: list[Offset] = Field(default_factory=list, description="Indexes, ascending, of the corrections whose "
                                    "restored length is given in `length`: in 1.4 those not as long as the word at "
                                    "their start (the run of characters whose unmarked form is one ASCII letter or "
                                    "digit), in 1.3 those with an original written whose restored token is not as long")
    length: list[Offset] = Field(default_factory=list, description="Their restored lengths, in the order of "
                                 "`length_at`")
    doubt: list[Annotated[int, Field(ge=0, le=10000)]] = Field(description="(1 - confidence) x 10000 of each "
                                                               "correction: 0 for a sure change")
    alternatives_at: list[Offset] | None = Field(default=None, description="Schema 1.3 only: indexes, ascending, "
                                                 "of the corrections whose alternatives are kept (confidence below "
                                                 "Restoration.alternatives_below)")
    alternatives: list[list[str] | str] = Field(default_factory=list, description="The kept alternatives, in "
                                                "order: in 1.4 one item for each correction with confidence below "
                                                "Restoration.alternatives_below, in 1.3 one for each of "
                                                "`alternatives_at`. An item lists the readings likeliest first, or "
                                                "(1.4) is them joined by single spaces where none is empty or holds "
                                                "a space ('' for none)")

    @model_validator(mode="after")
    def _one_form(self) -> PackedCorrections:
        if (self.unmarked_length is None) != (self.alternatives_at is None):
            raise ValueError("restoration.packed: unmarked_length and alternatives_at come together (schema 1.3) "
                             "or not at all (1.4)")
        return self

    def corrections(self, text: str, below: float | None = None) -> list[Correction]:
        """The full records, their restored form read from the document's text; `below` is
        Restoration.alternatives_below."""
        originals = self.original.split(" ") if self.gap or self.original else []  # an original needs a gap
        n = len(self.gap)
        if len(originals) != n or len(self.doubt) != n:
            raise ValueError(f"restoration.packed: {n} gaps, {len(originals)} originals, {len(self.doubt)} doubts")
        written = self.unmarked_length is not None  # schema 1.3's rules
        for name in ("length", "alternatives") if written else ("length",):
            at = getattr(self, f"{name}_at")
            if len(getattr(self, name)) != len(at):
                raise ValueError(f"restoration.packed.{name} and {name}_at differ in length")
            if any(b <= a for a, b in zip(at, at[1:])) or any(i >= n for i in at[-1:]):
                raise ValueError(f"restoration.packed.{name}_at must be ascending indexes of corrections")
        confidences = [(10000 - doubt) / 10000 for doubt in self.doubt]
        if written:
            if any(not originals[i] for i in self.length_at):
                raise ValueError("restoration.packed.length_at names a correction whose original is left empty")
            if originals.count("") != len(self.unmarked_length):
                raise ValueError(f"restoration.packed: {originals.count('')} empty originals, "
                                 f"{len(self.unmarked_length)} unmarked lengths")
            kept = dict(zip(self.alternatives_at, self.alternatives))
        else:
            doubtful = [i for i, confidence in enumerate(confidences) if below is not None and confidence < below]
            if len(self.alternatives) != len(doubtful):
                raise ValueError(f"restoration.packed: {len(doubtful)} corrections below alternatives_below "
                                 f"({below}), {len(self.alternatives)} alternatives")
            kept = dict(zip(doubtful, self.alternatives))
        lengths, unmarked_lengths = dict(zip(self.length_at, self.length)), iter(self.unmarked_length or ())
        out, end = [], 0
        for i, (gap, original, confidence) in enumerate(zip(self.gap, originals, confidences)):
            start = end + gap
            if i in lengths:
                end = start + lengths[i]
            elif written:
                end = start + (next(unmarked_lengths) if not original else len(original))
            else:
                end = start + max(0, word_length(text, start))  # past the text: refused below
            if max(start, end) > len(text):
                raise ValueError(f"restoration.packed: correction {i} ends at {max(start, end)}, after the text")
            restored, alternatives = text[start:end], kept.get(i, [])
            if isinstance(alternatives, str):
                alternatives = alternatives.split(" ") if alternatives else []
            out.append(Correction(start=start, end=end, original=original or unmarked(restored), restored=restored,
                                  confidence=confidence, alternatives=alternatives))
        return out


class Restoration(Model):
    model: str = Field(description="Restoration model identifier and version")
    tokens: int = Field(default=0, ge=0)
    changed: int = Field(default=0, ge=0)
    corrections: list[Correction] = Field(default_factory=list, description="Every change, in the full record; "
                                          "the compact record holds them in `packed` (schema 1.3) or `columns` "
                                          "(1.2) instead and readers expand them back here")
    columns: CorrectionColumns | None = Field(default=None, description="The compact record's corrections (schema "
                                              "1.2, and 1.3 where `packed` cannot hold them exactly); absent in "
                                              "the full record")
    packed: PackedCorrections | None = Field(default=None, exclude=True, description="The compact record's "
                                             "corrections (schema 1.3); never in the full record")
    alternatives_below: float | None = Field(default=None, ge=0, le=1, description="Set when the record kept "
                                             "alternatives only for the corrections with confidence below this "
                                             "(the compact record, schema 1.2); null: every correction's were kept")


class Section(Spanned):
    SPANNED = ("title",)

    id: str
    number: str | None = Field(default=None, description="As printed: 'I', '2', '2.1', 'a', 'Một là'")
    title: str = Field(default="", description="Always in the full record; left out of the compact one (schema "
                       "1.3) where `title_at` gives it")
    level: int = Field(ge=0)
    kind: str = Field(description="part | chapter (Chương) | muc (Mục) | roman | article (Điều) | arabic | decimal | "
                                  "letter | ordinal | star | heading")
    parent: str | None = None
    path: list[str] = Field(default_factory=list, description="Numbers/titles from the root down to this section")
    page: int | None = None
    raw: str = ""
    raw_at: Span | None = _raw_at()
    title_at: Span | None = _at("title")


class Goal(Spanned):
    SPANNED = ("text",)

    id: str
    kind: Literal["general", "specific"]
    text: str = Field(default="", description="Always in the full record; left out of the compact one (schema 1.3) "
                      "where `text_at` gives it")
    section: str | None = None
    page: int | None = None
    raw: str = ""
    raw_at: Span | None = _raw_at()
    text_at: Span | None = _at("text")


class Target(Model):
    value: float | None = None
    low: float | None = None
    high: float | None = None
    comparator: Comparator = "eq"
    text: str = Field(description="The target as printed, e.g. 'trên 2.310 tỷ đồng'")


class Indicator(Spanned):
    SPANNED = ("name",)

    id: str
    number: str | None = Field(default=None, description="Item number as printed: '1', '2.3', or null")
    name: str = Field(default="", description="Always in the full record; left out of the compact one (schema 1.3) "
                      "where `name_at` gives it")
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
    raw_at: Span | None = _raw_at()
    name_at: Span | None = _at("name")


class AgencyRef(Spanned):
    SPANNED = ("name",)

    name: str = Field(default="", description="Canonical name from the gazetteer, or the cleaned name as printed. "
                      "Always in the full record; left out of the compact one (schema 1.3) where `name_at` gives it")
    role: AgencyRole
    raw: str = ""
    raw_at: Span | None = _raw_at()
    name_at: Span | None = _at("name")


class Deadline(Model):
    text: str
    date: IsoDate | None = Field(default=None, description="ISO date when the deadline is a day")
    period: str | None = Field(default=None, description="'2026-Q1', 'monthly', 'yearly' …")


class Task(Spanned):
    SPANNED = ("text",)

    id: str
    text: str = Field(default="", description="Always in the full record; left out of the compact one (schema 1.3) "
                      "where `text_at` gives it")
    section: str | None = None
    section_path: list[str] = Field(default_factory=list)
    deadline: Deadline | None = None
    agencies: list[AgencyRef] = Field(default_factory=list)
    page: int | None = None
    raw: str = ""
    raw_at: Span | None = _raw_at()
    text_at: Span | None = _at("text")


class Mention(Spanned):
    role: AgencyRole
    item: str | None = Field(default=None, description="Id of the indicator/task naming the agency")
    page: int | None = None
    raw: str = ""
    raw_at: Span | None = _raw_at()


class Agency(Model):
    id: str
    name: str
    aliases: list[str] = Field(default_factory=list)
    kind: str | None = Field(default=None, description="party | state | mass-organisation | other")
    mentions: list[Mention] = Field(default_factory=list)


class Reference(Spanned):
    SPANNED = ("title",)

    doc_type: str | None = None
    role: Literal["legal_basis", "cited"] | None = Field(default=None, description="'legal_basis': named in a 'Căn cứ "
                                                         "…' clause of the preamble; 'cited': elsewhere")
    number: str | None = None
    date: IsoDate | None = None
    issuer: str | None = None
    title: str | None = Field(default=None, description="Left out of the compact record (schema 1.3) where "
                              "`title_at` gives it")
    page: int | None = None
    raw: str = ""
    raw_at: Span | None = _raw_at()
    title_at: Span | None = _at("title")


class Warning(Model):
    code: str = Field(description="Stable machine-readable code, e.g. 'text-layer-rejected'")
    message: str
    stage: str | None = None
    page: int | None = None


class Document(Model):
    schema_version: Literal["1.1", "1.2", "1.3", "1.4", "1.5", "1.6"] = Field(default=SCHEMA_VERSION, description="1.2 added the "
                                                         "compact record: Restoration.columns, "
                                                         "Restoration.alternatives_below, Page.text optional. 1.3 "
                                                         "packs it: Restoration.packed, and `raw_at` with "
                                                         "`text_at`/`title_at`/`name_at` spans on sections, goals, "
                                                         "indicators, tasks, references, agency references and "
                                                         "mentions, the fields they give left out (so Section.title, "
                                                         "Goal.text, Indicator.name, Task.text and AgencyRef.name "
                                                         "are no longer required). 1.4 leaves out an item's keys "
                                                         "whose value is the field's default (in sections, goals, "
                                                         "indicators, tasks, agencies, references and what they "
                                                         "hold), adds `raw_collapsed_at`, and packs the corrections "
                                                         "without `unmarked_length` and `alternatives_at` "
                                                         "(PackedCorrections). 1.5 adds `metadata.co_signers` (a "
                                                         "joint document's other signers) and the type "
                                                         "'joint_resolution', its record forms those of 1.4. 1.6 "
                                                         "adds the type 'order' (LỆNH, the President's order "
                                                         "promulgating a law). The full record is as in 1.2")
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

    @model_validator(mode="after")
    def _ids_resolve(self) -> Document:
        """A section's parent is an earlier section, an indicator's link another indicator."""
        seen: set[str] = set()
        for i, section in enumerate(self.sections):
            if section.parent is not None and section.parent not in seen:
                raise ValueError(f"sections.{i}.parent: {section.parent!r} is not the id of an earlier section")
            seen.add(section.id)
        ids = {indicator.id for indicator in self.indicators}
        for i, indicator in enumerate(self.indicators):
            if indicator.linked is not None and indicator.linked not in ids:
                raise ValueError(f"indicators.{i}.linked: {indicator.linked!r} is not the id of an indicator")
        return self

    @model_validator(mode="after")
    def _expand_compact(self) -> Document:
        """What the compact record leaves out, filled back from `text`: every reader gets one shape."""
        for page in self.pages:
            if "text" not in page.model_fields_set:
                if page.end > len(self.text) or page.start > page.end:
                    raise ValueError(f"pages: page {page.number} has no text and its span is not in the text")
                page.text = self.text[page.start:page.end]
        restoration = self.restoration
        if restoration is not None:
            for name in ("columns", "packed"):
                form = getattr(restoration, name)
                if form is None:
                    continue
                if restoration.corrections:
                    raise ValueError(f"restoration: both corrections and {name} given")
                if name == "packed" and (form.unmarked_length is not None) != (self.schema_version == "1.3"):
                    raise ValueError(f"restoration.packed: schema {self.schema_version} "
                                     f"{'writes' if self.schema_version == '1.3' else 'has no'} unmarked_length "
                                     f"and alternatives_at")
                restoration.corrections = (form.corrections(self.text, restoration.alternatives_below)
                                           if name == "packed" else form.corrections(self.text))
                setattr(restoration, name, None)
        for where, item in self.spanned():
            item.expand(self.text, where)
        return self

    def spanned(self):
        """(location, item) of every item the compact record may give as spans, in document order."""
        for name in ("sections", "goals", "indicators", "tasks", "references"):
            for i, item in enumerate(getattr(self, name)):
                yield f"{name}.{i}", item
                for j, agency in enumerate(getattr(item, "agencies", ())):
                    yield f"{name}.{i}.agencies.{j}", agency
        for i, agency in enumerate(self.agencies):
            for j, mention in enumerate(agency.mentions):
                yield f"agencies.{i}.mentions.{j}", mention

    def page_at(self, offset: int) -> int | None:
        """Page number holding a character offset of `text` (None before any page)."""
        for page in self.pages:
            if page.start <= offset < max(page.end, page.start + 1):
                return page.number
        return self.pages[-1].number if self.pages and offset >= self.pages[-1].start else None
