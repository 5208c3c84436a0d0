"""The JSON contract: serialisation is deterministic and round-trips through validation."""

from __future__ import annotations

import json

import jsonschema
import pytest
from pydantic import ValidationError

from vnresolve.schemas import Document, dump_document, json_schema, load_document
from vnresolve.schemas.models import Indicator, Source, Target


def _doc() -> Document:
    return Document(
        source=Source(path="a.txt", sha256="0" * 64, kind="text", pages=1),
        text="Tổng thu ngân sách đạt trên 2.310 tỷ đồng.",
        indicators=[Indicator(id="i1", number="2", name="Tổng thu ngân sách", unit="tỷ đồng",
                              target=Target(value=2310, comparator="gt", text="trên 2.310 tỷ đồng"))],
    )


def test_dump_is_deterministic_and_round_trips():
    doc = _doc()
    text = dump_document(doc)
    assert text == dump_document(load_document(text))
    assert "ngân sách" in text  # Vietnamese kept as UTF-8, not \\u escapes
    assert text.endswith("}\n")


def test_dump_writes_what_the_standard_library_writes_and_what_orjson_refuses_too():
    """The full record; the compact one's layout is tests/test_record.py's."""
    doc = _doc()
    doc.text = "Nghị quyết\u2028số 04\t\"trích\" \x7f \U0001F600"
    assert dump_document(doc, "full") == json.dumps(doc.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"
    doc.text = "t\udcdbn"  # a lone surrogate (a file name read with surrogateescape): orjson refuses it
    assert dump_document(doc, "full") == json.dumps(doc.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"


def test_pydantic_output_validates_against_published_json_schema():
    jsonschema.validate(json.loads(dump_document(_doc())), json_schema())


def test_unknown_fields_and_bad_values_are_rejected():
    data = json.loads(dump_document(_doc()))
    data["indicators"][0]["target"]["comparator"] = "roughly"
    with pytest.raises(ValidationError):
        Document.model_validate(data)
    data = json.loads(dump_document(_doc()))
    data["surprise"] = 1
    with pytest.raises(ValidationError):
        Document.model_validate(data)


def test_page_at_maps_offsets_to_pages():
    from vnresolve.ingest.pages import join_pages
    from vnresolve.schemas.models import Page

    pages = [Page(number=1, text="một", source="input-text"), Page(number=2, text="hai", source="input-text")]
    doc = Document(source=Source(path="x", sha256="0" * 64, kind="text", pages=2), pages=pages, text=join_pages(pages))
    assert doc.page_at(0) == 1
    assert doc.page_at(doc.text.index("hai")) == 2
