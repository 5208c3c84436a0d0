"""Serialisation that is byte-for-byte deterministic, and the published schema.

Downstream diffing and the resume logic rely on the same Document giving the
same bytes, so key order follows the model, floats are plain, and the output
always ends with one newline.
"""

from __future__ import annotations

import json
from pathlib import Path

from schemas.models import Document

SCHEMA_PATH = Path(__file__).with_name("document.schema.json")


def dump_document(doc: Document) -> str:
    return json.dumps(doc.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"


def load_document(text: str) -> Document:
    return Document.model_validate_json(text)


def json_schema() -> dict:
    schema = Document.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://vnresolve.example/schemas/document-1.0.json"
    return schema


def json_schema_text() -> str:
    return json.dumps(json_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
