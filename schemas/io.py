"""Serialisation that is byte-for-byte deterministic, and the published schema.

Downstream diffing and the resume logic rely on the same Document giving the
same bytes, so key order follows the model, floats are plain, and the output
always ends with one newline.
"""

from __future__ import annotations

import json
from pathlib import Path

from vnresolve.schemas.models import SCHEMA_VERSION, Document, Restoration
from vnresolve.schemas.record import RecordForm, compact_data, compact_restoration, write_compact, write_full

SCHEMA_PATH = Path(__file__).with_name("document.schema.json")


def dump_document(doc: Document, record: RecordForm = "compact") -> str:
    """The document as UTF-8 JSON ending in one newline, always the same bytes for the same Document.

    record: 'compact' (the default; schemas.record: per-word corrections packed, alternatives only
    for doubtful changes, page texts and the items' raw stretches left to Document.text, items'
    default values left out, one item a line) or 'full' (every
    field of every correction and page, indented throughout), for review tools."""
    data = doc.model_dump(mode="json")
    data["schema_version"] = SCHEMA_VERSION  # what is written is in this version's form
    if record == "full":
        return write_full(data)
    return write_compact(compact_data(data))


def load_document(text: str | bytes) -> Document:
    """A Document from either record form of schema 1.1 to 1.5, expanded to the full in-memory shape."""
    return Document.model_validate_json(text)


def dump_restoration(text: str, restoration: Restoration, record: RecordForm = "compact") -> str:
    """`vnresolve restore --json`: {"text", "restoration"} in either record form."""
    data = {"text": text, "restoration": restoration.model_dump(mode="json")}
    if record == "full":
        return write_full(data)
    if all(text[c.start:c.end] == c.restored for c in restoration.corrections):
        compact_restoration(data["restoration"], text)
    return write_compact(data)


def load_restoration(text: str | bytes) -> tuple[str, Restoration]:
    """(restored text, Restoration) from `vnresolve restore --json` output of either form, expanded."""
    data = json.loads(text)
    restoration = Restoration.model_validate(data["restoration"])
    if restoration.columns is not None:
        restoration.corrections, restoration.columns = restoration.columns.corrections(data["text"]), None
    if restoration.packed is not None:
        restoration.corrections = restoration.packed.corrections(data["text"], restoration.alternatives_below)
        restoration.packed = None
    return data["text"], restoration


def json_schema() -> dict:
    schema = Document.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://vnresolve.example/schemas/document-1.5.json"
    return schema


def json_schema_text() -> str:
    return json.dumps(json_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
