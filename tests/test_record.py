"""The two written record forms (schema 1.4): the compact default gives back the full in-memory
Document, both validate against the published schema, 1.1, 1.2 and 1.3 files still load, and the CLI
and the batch write the form asked for."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

import vnresolve
from fixtures.documents import LINES, OCR_SAMPLE, mangle, resolution
from fixtures.paths import run_cli
from vnresolve.pipeline.batch import run_batch
from vnresolve.pipeline.options import PipelineOptions
from vnresolve.schemas import SCHEMA_PATH, Document, dump_document, load_document
from vnresolve.schemas.models import Correction, Restoration, unmarked
from vnresolve.schemas.record import ALTERNATIVES_BELOW, ITEMS, _nested


def mangled_text(n: int = 12) -> str:
    """OCR-like text with every mark dropped (the restorer changes most words), in pages."""
    parts = [resolution(i) + "\n".join(LINES) + "\n" + OCR_SAMPLE for i in range(n)]
    return "\f".join("\n".join(mangle(line) for line in part.splitlines()) for part in parts)


@pytest.fixture(scope="module")
def doc(tmp_path_factory) -> Document:
    source = tmp_path_factory.mktemp("record") / "mangled.txt"
    source.write_text(mangled_text(), encoding="utf-8")
    return vnresolve.parse_file(source, name=source.name)


def _defaults_written(data: dict):
    """(array, key) of each key of an item (or what it holds) whose value is its field's default."""
    def walk(item: dict, model, where: str):
        for key, value in item.items():
            field = model.model_fields.get(key)
            if field is not None and not field.is_required() and value == field.get_default(call_default_factory=True):
                yield where, key
            inner = _nested(model, key) if field is not None else None
            for held in (value if isinstance(value, list) else [value]) if inner else ():
                yield from walk(held, inner, f"{where}.{key}")
    for name, model in ITEMS.items():
        for item in data.get(name, ()):
            yield from walk(item, model, name)


def _published_schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def _without_cut_alternatives(doc: Document) -> Document:
    """`doc` as the compact record keeps it: alternatives only below ALTERNATIVES_BELOW."""
    expected = doc.model_copy(deep=True)
    for c in expected.restoration.corrections:
        if c.confidence >= ALTERNATIVES_BELOW:
            c.alternatives = []
    expected.restoration.alternatives_below = ALTERNATIVES_BELOW
    return expected


def test_compact_record_loads_back_to_the_full_document(doc: Document):
    corrections = doc.restoration.corrections
    assert len(doc.pages) == 12 and len(corrections) > 500
    assert any(c.confidence < ALTERNATIVES_BELOW and c.alternatives for c in corrections)  # both kinds are met
    assert any(c.confidence >= ALTERNATIVES_BELOW and c.alternatives for c in corrections)
    compact, full = dump_document(doc), dump_document(doc, "full")
    data = json.loads(compact)
    assert "corrections" not in data["restoration"] and not any("text" in page for page in data["pages"])
    packed = data["restoration"]["packed"]
    assert "" in packed["original"].split(" ") and "unmarked_length" not in packed and "alternatives_at" not in packed
    assert len(packed["alternatives"]) == sum(c.confidence < ALTERNATIVES_BELOW for c in corrections)
    assert all(isinstance(a, str) for a in packed["alternatives"]) and packed["length_at"] == []
    assert not list(_defaults_written(data)) and any("lead_agencies" not in i for i in data["indicators"])
    assert data["sections"] and all("raw_at" in s and "raw" not in s for s in data["sections"])
    assert any("title_at" in s and "title" not in s for s in data["sections"])
    back = load_document(compact)
    assert dump_document(back, "full") == dump_document(_without_cut_alternatives(load_document(full)), "full")
    assert [page.text for page in back.pages] == [page.text for page in doc.pages]
    assert [(s.title, s.raw) for s in back.sections] == [(s.title, s.raw) for s in doc.sections]
    for got, want in zip(back.restoration.corrections, corrections, strict=True):
        assert (got.start, got.end, got.original, got.restored, got.confidence) == \
            (want.start, want.end, want.original, want.restored, want.confidence)
        assert got.alternatives == (want.alternatives if want.confidence < ALTERNATIVES_BELOW else [])
    assert dump_document(back) == compact  # the same bytes again, however often it is loaded and written
    assert dump_document(load_document(full), "full") == full


def test_both_forms_validate_against_the_published_schema(doc: Document):
    schema = _published_schema()
    for record in ("compact", "full"):
        jsonschema.validate(json.loads(dump_document(doc, record)), schema)


def test_compact_layout_is_one_item_a_line_and_ends_with_one_newline(doc: Document):
    compact = dump_document(doc)
    assert compact.endswith("}\n") and not compact.endswith("\n\n")
    lines = compact.splitlines()
    assert lines[1] == '  "schema_version": "1.6",'
    assert sum(line.startswith("    {") for line in lines) >= len(doc.tasks) + len(doc.sections)
    assert any(line.startswith('      "gap": [') for line in lines)  # a column on one line
    assert json.loads(compact) == json.loads(json.dumps(json.loads(compact)))


def test_what_orjson_refuses_is_written_alike(doc: Document):
    odd = doc.model_copy(deep=True)
    odd.source.path = "t\udcdbn.txt"  # a lone surrogate (a file name read with surrogateescape)
    text, plain = dump_document(odd), dump_document(doc)
    assert json.loads(text)["source"]["path"] == odd.source.path
    lines, plain_lines = text.splitlines(), plain.splitlines()  # laid out alike: only the path's line differs
    assert len(lines) == len(plain_lines) and [i for i, (a, b) in enumerate(zip(lines, plain_lines)) if a != b] == [3]


def test_a_schema_1_1_file_still_loads_and_validates(doc: Document, tmp_path: Path):
    data = json.loads(dump_document(doc, "full"))
    data["schema_version"] = "1.1"
    for key in ("columns", "alternatives_below"):  # the fields 1.2 added
        del data["restoration"][key]
    old = tmp_path / "old.json"
    old.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    jsonschema.validate(data, _published_schema())
    loaded = load_document(old.read_bytes())
    assert loaded.schema_version == "1.1"
    assert loaded.restoration.corrections == doc.restoration.corrections
    assert dump_document(loaded) == dump_document(doc)  # written again in today's form
    assert run_cli("validate", str(old)).returncode == 0


def _columns_record(doc: Document) -> dict:
    """`doc` in schema 1.2's compact form: corrections as columns, items with their raw and text."""
    data = json.loads(dump_document(doc, "full"))
    data["schema_version"] = "1.2"
    for page in data["pages"]:
        del page["text"]
    corrections = data["restoration"].pop("corrections")
    kept = [(i, c["alternatives"]) for i, c in enumerate(corrections) if c["confidence"] < ALTERNATIVES_BELOW]
    data["restoration"].update(alternatives_below=ALTERNATIVES_BELOW, columns={
        "start": [c["start"] for c in corrections], "length": [c["end"] - c["start"] for c in corrections],
        "original": [c["original"] for c in corrections], "confidence": [c["confidence"] for c in corrections],
        "alternatives_at": [i for i, a in kept if a], "alternatives": [a for _, a in kept if a]})
    return data


def test_a_schema_1_2_compact_file_still_loads_and_validates(doc: Document):
    data = _columns_record(doc)
    jsonschema.validate(data, _published_schema())
    loaded = Document.model_validate(data)
    assert loaded.schema_version == "1.2"
    assert dump_document(loaded, "full") == dump_document(_without_cut_alternatives(doc), "full")
    assert dump_document(loaded) == dump_document(doc)  # written again in today's form


def _packed_1_3_record(doc: Document) -> dict:
    """`doc` in schema 1.3's compact form: corrections packed with `unmarked_length` and
    `alternatives_at`, every key of an item written, raws as spans of the text."""
    data = json.loads(dump_document(doc, "full"))
    data["schema_version"] = "1.3"
    for page in data["pages"]:
        del page["text"]
    corrections = data["restoration"].pop("corrections")
    gap, originals, unmarked_length, length_at, length, end = [], [], [], [], [], 0
    for i, c in enumerate(corrections):
        gap.append(c["start"] - end)
        end = c["end"]
        if c["original"] == unmarked(c["restored"]):
            originals.append("")
            unmarked_length.append(c["end"] - c["start"])
        else:
            originals.append(c["original"])
            if len(c["original"]) != c["end"] - c["start"]:
                length_at.append(i)
                length.append(c["end"] - c["start"])
    kept = [(i, c["alternatives"]) for i, c in enumerate(corrections)
            if c["confidence"] < ALTERNATIVES_BELOW and c["alternatives"]]
    data["restoration"].update(alternatives_below=ALTERNATIVES_BELOW, packed={
        "gap": gap, "original": " ".join(originals), "unmarked_length": unmarked_length, "length_at": length_at,
        "length": length, "doubt": [round((1 - c["confidence"]) * 10000) for c in corrections],
        "alternatives_at": [i for i, _ in kept], "alternatives": [a for _, a in kept]})
    for section in data["sections"]:
        raw = section.pop("raw")
        section["raw_at"] = [data["text"].index(raw), data["text"].index(raw) + len(raw)]
    return data


def test_a_schema_1_3_compact_file_still_loads_and_validates(doc: Document):
    data = _packed_1_3_record(doc)
    assert data["restoration"]["packed"]["unmarked_length"] and data["restoration"]["packed"]["length_at"]
    jsonschema.validate(data, _published_schema())
    loaded = Document.model_validate(data)
    assert loaded.schema_version == "1.3"
    assert dump_document(loaded, "full") == dump_document(_without_cut_alternatives(doc), "full")
    assert dump_document(loaded) == dump_document(doc)  # written again in today's form
    damaged = _packed_1_3_record(doc)
    packed = damaged["restoration"]["packed"]
    packed["length_at"], packed["length"] = [packed["original"].split(" ").index("")], [1]
    with pytest.raises(ValueError, match="original is left empty"):
        Document.model_validate(damaged)
    damaged = _packed_1_3_record(doc)
    del damaged["restoration"]["packed"]["unmarked_length"], damaged["restoration"]["packed"]["alternatives_at"]
    with pytest.raises(ValueError, match="schema 1.3 writes unmarked_length"):
        Document.model_validate(damaged)


def test_an_item_read_from_joined_lines_gives_its_raw_as_a_collapsed_span(tmp_path: Path):
    source = tmp_path / "joined.txt"
    source.write_text(resolution(7).replace("địa bàn đạt", "địa bàn\nđạt").replace("giảm còn", "giảm\n còn"),
                      encoding="utf-8")
    doc = vnresolve.parse_file(source, PipelineOptions(restore=False), name=source.name)
    assert any("\n" not in i.raw and i.raw not in doc.text for i in doc.indicators)
    compact = dump_document(doc)
    data = json.loads(compact)
    assert any("raw_collapsed_at" in i and "raw" not in i for i in data["indicators"])
    assert dump_document(load_document(compact), "full") == dump_document(doc, "full")


def test_corrections_packing_cannot_hold_exactly_are_written_as_columns(doc: Document):
    """An original with a space, or a confidence off the pipeline's 1e-4 grid, keeps schema 1.2's columns."""
    for change in ({"original": "Nghi quyet"}, {"confidence": 0.123456}):
        odd = doc.model_copy(deep=True)
        odd.restoration.corrections[3] = odd.restoration.corrections[3].model_copy(update=change)
        data = json.loads(dump_document(odd))
        assert "columns" in data["restoration"] and "packed" not in data["restoration"]
        assert load_document(dump_document(odd)) == _without_cut_alternatives(odd)


def test_restore_json_round_trips_in_both_forms(doc: Document):
    from vnresolve.schemas.io import dump_restoration, load_restoration

    restoration = Restoration(model="m", tokens=3, changed=2, corrections=[
        Correction(start=0, end=4, original="Dang", restored="Đảng", confidence=1.0),
        Correction(start=5, end=7, original="bq", restored="bộ", confidence=0.9, alternatives=["bỏ"])])
    for record in ("compact", "full"):
        text, back = load_restoration(dump_restoration("Đảng bộ tỉnh", restoration, record))
        assert text == "Đảng bộ tỉnh" and back.corrections == restoration.corrections
    packed = json.loads(dump_restoration("Đảng bộ tỉnh", restoration))["restoration"]["packed"]
    assert packed["original"] == " bq" and packed["length_at"] == []  # 'Dang' is 'Đảng' unmarked; whole words
    assert packed["alternatives"] == ["bỏ"]  # the one change below ALTERNATIVES_BELOW
    restoration.corrections.append(Correction(start=8, end=10, original="ti", restored="tỉ", confidence=0.5,
                                              alternatives=["t i", "tí"]))
    text, back = load_restoration(dump_restoration("Đảng bộ tỉnh", restoration))
    assert back.corrections == restoration.corrections
    packed = json.loads(dump_restoration("Đảng bộ tỉnh", restoration))["restoration"]["packed"]
    assert packed["length_at"] == [2] and packed["length"] == [2]  # 'tỉ' is not the whole word 'tỉnh'
    assert packed["alternatives"] == ["bỏ", ["t i", "tí"]]  # a reading with a space stays a list


def test_a_damaged_compact_record_is_refused_with_the_reason(doc: Document):
    data = json.loads(dump_document(doc))
    data["restoration"]["packed"]["doubt"].pop()
    with pytest.raises(ValueError, match="doubts"):
        Document.model_validate(data)
    data = json.loads(dump_document(doc))
    data["restoration"]["packed"]["gap"][-1] = len(data["text"])
    with pytest.raises(ValueError, match="after the text"):
        Document.model_validate(data)
    data = json.loads(dump_document(doc))
    data["restoration"]["packed"].update(gap=[], doubt=[], length_at=[], length=[], alternatives=[])
    with pytest.raises(ValueError, match="0 gaps, [1-9]"):  # originals with no correction to hold them
        Document.model_validate(data)
    data = json.loads(dump_document(doc))
    data["restoration"]["packed"]["alternatives"].pop()
    with pytest.raises(ValueError, match="corrections below alternatives_below"):
        Document.model_validate(data)
    data = json.loads(dump_document(doc))
    data["restoration"]["packed"].update(unmarked_length=[], alternatives_at=[])  # 1.3's fields in a 1.5 record
    with pytest.raises(ValueError, match="schema 1.6 has no unmarked_length"):
        Document.model_validate(data)
    del data["restoration"]["packed"]["alternatives_at"]
    with pytest.raises(ValueError, match="come together"):
        Document.model_validate(data)
    data = json.loads(dump_document(doc))
    data["sections"][1]["raw_collapsed_at"] = data["sections"][1]["raw_at"]
    with pytest.raises(ValueError, match="both raw_at and raw_collapsed_at"):
        Document.model_validate(data)
    data["sections"][1]["raw_collapsed_at"] = [0, len(data["text"]) + 1]
    del data["sections"][1]["raw_at"]
    with pytest.raises(ValueError, match="sections.1.raw_collapsed_at"):
        Document.model_validate(data)
    data = json.loads(dump_document(doc))
    data["sections"][1]["raw_at"] = [0, len(data["text"]) + 1]
    with pytest.raises(ValueError, match="sections.1.raw_at"):
        Document.model_validate(data)
    data = json.loads(dump_document(doc))
    data["sections"][1]["title"] = "Both"
    with pytest.raises(ValueError, match="both title and title_at"):
        Document.model_validate(data)
    data = _columns_record(doc)
    data["restoration"]["columns"]["length"].pop()
    with pytest.raises(ValueError, match="columns.length has"):
        Document.model_validate(data)


def test_compact_record_size_on_generated_text(tmp_path: Path):
    """Unrestored (the marks are kept) the record is within 4 times the input; with every word
    restored it holds each change's original, offsets and confidence too, well below the full form
    (this text is denser in items than a real one: 60 indicators on 30 short pages)."""
    source = tmp_path / "clean.txt"
    source.write_text("\n\f".join(resolution(i) + "\n".join(LINES) + "\n" + OCR_SAMPLE for i in range(30)), encoding="utf-8")
    size = source.stat().st_size
    clean = vnresolve.parse_file(source, PipelineOptions(restore=False), name=source.name)
    assert len(dump_document(clean).encode()) <= 4 * size
    mangled = tmp_path / "mangled.txt"
    mangled.write_text(mangled_text(30), encoding="utf-8")
    restored = vnresolve.parse_file(mangled, name=mangled.name)
    compact, full = len(dump_document(restored).encode()), len(dump_document(restored, "full").encode())
    assert compact <= 5 * mangled.stat().st_size and compact * 4 <= full


@pytest.mark.parametrize("name", sorted(p.name for p in (Path(vnresolve.__file__).parent / "samples").glob("*.txt")))
def test_compact_record_of_a_text_sample_is_within_four_times_its_input(name: str):
    """Issue 25's target on the text samples (Party documents OCR'd with their marks mangled, which
    the restorer changes thousands of words in); the full record loads back from it."""
    source = Path(vnresolve.__file__).parent / "samples" / name
    doc = vnresolve.parse_file(source, name=name)
    compact = dump_document(doc)
    assert len(compact.encode()) <= 4 * source.stat().st_size
    assert dump_document(load_document(compact), "full") == dump_document(_without_cut_alternatives(doc), "full")


def test_cli_writes_the_form_asked_for(tmp_path: Path):
    source = tmp_path / "mangled.txt"
    source.write_text(mangled_text(3), encoding="utf-8")
    default, full = run_cli("parse", str(source)), run_cli("parse", str(source), "--record", "full")
    assert default.returncode == full.returncode == 0, (default.stderr, full.stderr)
    full_data = json.loads(full.stdout)
    assert full_data["restoration"]["columns"] is None and all("text" in page for page in full_data["pages"])
    assert full_data["restoration"]["corrections"] and all(c["alternatives"] for c in full_data["restoration"]["corrections"])
    assert "packed" in json.loads(default.stdout)["restoration"] and len(default.stdout) * 4 < len(full.stdout)
    assert load_document(default.stdout) == _without_cut_alternatives(load_document(full.stdout))
    for name, out in (("compact.json", default), ("full.json", full)):
        (tmp_path / name).write_bytes(out.stdout)
    assert run_cli("validate", str(tmp_path / "compact.json"), str(tmp_path / "full.json")).returncode == 0
    assert run_cli("parse", str(source), "--record", "bulky").returncode == 2


def test_the_batch_redoes_an_output_written_in_the_other_form(tmp_path: Path):
    source = tmp_path / "in" / "mangled.txt"
    source.parent.mkdir()
    source.write_text(mangled_text(2), encoding="utf-8")
    out = tmp_path / "out"
    first = run_batch([source], out, PipelineOptions(record="full"), workers=1)
    assert [r.status.value for r in first.results] == ["success"]
    full = (out / "mangled.json").read_bytes()
    assert b'"corrections": [' in full
    again = run_batch([source], out, PipelineOptions(record="full"), workers=1)
    assert [r.status.value for r in again.results] == ["skipped"]
    second = run_batch([source], out, PipelineOptions(), workers=1)
    assert [r.status.value for r in second.results] == ["success"]
    compact = (out / "mangled.json").read_bytes()
    assert compact.decode() == dump_document(load_document(full))  # the same bytes as one written in-process
    assert compact.decode() == dump_document(vnresolve.parse_file(source, name=str(source)))
