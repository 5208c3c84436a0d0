"""The two written forms of a Document: the full record (every field, indented) and the compact one.

The compact record (schema 1.4 and 1.5, the default) leaves out only what a reader can rebuild from
Document.text or the model's defaults: a page's text (text[start:end]); each correction's restored
form (the text at its span), the corrections packed as gaps, originals joined in one string (left
empty where they are the restored word without its marks), lengths only where they are not the
word's at the start, doubts in 1e-4, and alternatives only where the change is doubtful (one string
each); the raw stretch an item was read from (section, goal, indicator, task, reference, agency
reference, mention) as a span, or a span whose white space is collapsed, and its text as a span of
that stretch with white space collapsed; and an item's keys holding the field's default. It is
laid out with the document's members and the items of its arrays one to a line, so `jq` reads it
and a diff shows which item changed. `Document` validation expands it back.
"""

from __future__ import annotations

import functools
import json
import re
import typing
from typing import Literal

import orjson
from pydantic import BaseModel

from vnresolve.schemas.models import (Agency, AgencyRef, Goal, Indicator, Reference, Section, Task, collapsed, unmarked,
                                      word_length)

RecordForm = Literal["compact", "full"]

# Below this the wrong changes whose right reading is among the alternatives gather: a tenth or so
# of the changes keep nearly nine in ten of them (held-out stripped text, docs/benchmarks.md#record).
ALTERNATIVES_BELOW = 0.99


def compact_data(data: dict) -> dict:
    """A dumped Document (`model_dump(mode="json")`) in the compact form, in place."""
    text = data["text"]
    for page in data["pages"]:
        if page["text"] == text[page["start"]:page["end"]]:
            del page["text"]
    restoration = data.get("restoration")
    if restoration and all(text[c["start"]:c["end"]] == c["restored"] for c in restoration["corrections"]):
        compact_restoration(restoration, text)
    absent: set[str] = set()
    for name, fields in SPANNED.items():
        _span_items(text, data.get(name, ()), fields, absent)
    for agency in data.get("agencies", ()):
        _span_items(text, agency.get("mentions", ()), (), absent)
    for name, model in ITEMS.items():
        for item in data.get(name, ()):
            _drop_defaults(item, model)
    return data


# The items given as spans, with the fields read from their raw stretch (models.Spanned.SPANNED).
SPANNED = {"sections": Section.SPANNED, "goals": Goal.SPANNED, "indicators": Indicator.SPANNED,
           "tasks": Task.SPANNED, "references": Reference.SPANNED}

# The arrays whose items (and what they hold) leave out the keys holding their field's default.
ITEMS = {"sections": Section, "goals": Goal, "indicators": Indicator, "tasks": Task, "agencies": Agency,
         "references": Reference}


def _raw_span(text: str, raw: str, hint: int, absent: set[str]) -> tuple[list[int], bool] | None:
    """([start, end], collapsed) of `raw` in `text`: the stretch itself, or else one that reads `raw`
    once its white space is collapsed (a raw joined from lines); looked for from `hint` first. None
    where there is none, remembered in `absent` (an agency's mentions repeat their raw)."""
    if not raw or raw in absent:
        return None
    at = text.find(raw, hint)
    if at < 0:
        at = text.find(raw)
    if at >= 0:
        return [at, at + len(raw)], False
    if " " in raw and raw == collapsed(raw):
        pattern = re.compile(r"[\t\n\v\f\r ]+".join(map(re.escape, raw.split(" "))))
        found = pattern.search(text, hint) or pattern.search(text)
        if found:
            return [found.start(), found.end()], True
    absent.add(raw)
    return None


def _span_items(text: str, items: list[dict], fields: tuple[str, ...], absent: set[str], hint: int = 0) -> None:
    """Each item's raw as a span of `text` (`raw_at`, or `raw_collapsed_at`) and `fields` as spans
    of its collapsed raw, where they are such stretches, each key in place of the one it stands for.
    Items come in text order, so the raw is looked for from the previous one's start first."""
    for item in items:
        spans, at = {}, 0
        raw = item.get("raw") or ""
        found = _raw_span(text, raw, hint, absent)
        if found:
            spans["raw"], hint = found[0], found[0][0]
            at = hint
        joined = collapsed(raw)
        for name in fields:
            value = item.get(name)
            start = joined.find(value) if value else -1
            if start >= 0:
                spans[name] = [start, start + len(value)]
        if spans:
            keys = {name: f"{name}_at" for name in spans}
            if found and found[1]:
                keys["raw"] = "raw_collapsed_at"
            renamed = {keys.get(key, key): spans.get(key, value) for key, value in item.items()}
            item.clear()
            item.update(renamed)
        _span_items(text, item.get("agencies") or [], AgencyRef.SPANNED, absent, at)


@functools.cache
def _nested(model: type[BaseModel], name: str) -> type[BaseModel] | None:
    """The model a field holds (alone, optional or in a list), or None."""
    def find(annotation):
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            return annotation
        return next((m for m in map(find, typing.get_args(annotation)) if m), None)
    return find(model.model_fields[name].annotation)


@functools.cache
def _fields(model: type[BaseModel]) -> tuple[dict, dict]:
    """({field: its default} for the fields a reader fills in, {field: the model it holds})."""
    fields = model.model_fields
    defaults = {name: f.get_default(call_default_factory=True) for name, f in fields.items() if not f.is_required()}
    return defaults, {name: inner for name in fields if (inner := _nested(model, name)) is not None}


def _drop_defaults(item: dict, model: type[BaseModel]) -> None:
    """The keys of a dumped `model` holding their field's default left out (readers fill them back),
    in the models it holds too, in place. The defaults are compared, never changed."""
    defaults, held_models = _fields(model)
    for name in list(item):
        value = item[name]
        if name in defaults and type(value) is type(defaults[name]) and value == defaults[name]:
            del item[name]
        elif name in held_models:
            for held in value if isinstance(value, list) else [value]:
                if isinstance(held, dict):
                    _drop_defaults(held, held_models[name])


def compact_restoration(restoration: dict, text: str) -> None:
    """A dumped Restoration's corrections as `packed` (or, where it cannot hold them exactly,
    `columns`) with `alternatives_below`, in place."""
    corrections = restoration["corrections"]
    below = restoration.get("alternatives_below")
    below = ALTERNATIVES_BELOW if below is None else min(below, ALTERNATIVES_BELOW)
    packed = _packed(corrections, text, below)
    if packed is not None:
        restoration.update(alternatives_below=below, packed=packed)
        restoration.pop("columns", None)
    else:
        kept = [(i, c["alternatives"]) for i, c in enumerate(corrections) if c["confidence"] < below and c["alternatives"]]
        restoration.update(alternatives_below=below, columns={
            "start": [c["start"] for c in corrections],
            "length": [c["end"] - c["start"] for c in corrections],
            "original": [c["original"] for c in corrections],
            "confidence": [c["confidence"] for c in corrections],
            "alternatives_at": [i for i, _ in kept],
            "alternatives": [alternatives for _, alternatives in kept],
        })
    del restoration["corrections"]


def _packed(corrections: list[dict], text: str, below: float) -> dict | None:
    """models.PackedCorrections in schema 1.4's form, or None where it would not give the corrections
    back exactly (an empty original or one with a space, overlapping or unordered spans, a
    confidence off the 1e-4 grid pipeline.restore rounds to)."""
    gap, originals, lengths, doubt, alternatives, end = [], [], {}, [], [], 0
    for i, c in enumerate(corrections):
        doubted = round((1 - c["confidence"]) * 10000)
        original, start = c["original"], c["start"]
        if not original or " " in original or start < end or c["end"] < start or \
                (10000 - doubted) / 10000 != c["confidence"]:
            return None
        gap.append(start - end)
        doubt.append(doubted)
        originals.append("" if original == unmarked(text[start:c["end"]]) else original)
        if c["end"] - start != word_length(text, start):
            lengths[i] = c["end"] - start
        if c["confidence"] < below:
            readings = c["alternatives"]
            alternatives.append(" ".join(readings) if all(r and " " not in r for r in readings) else readings)
        end = c["end"]
    return {"gap": gap, "original": " ".join(originals), "length_at": list(lengths), "length": list(lengths.values()),
            "doubt": doubt, "alternatives": alternatives}


def _flat(value) -> str:
    """One line of JSON. orjson refuses lone surrogates and integers beyond 64 bits; the standard
    library writes those, with the same separators."""
    try:
        return orjson.dumps(value).decode()
    except orjson.JSONEncodeError:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


# Containers opened one member or item to a line beyond the document's own members and arrays:
# a page (its lines and tables then one to a line: an OCR line with its word boxes) and the
# correction columns or packed corrections. Anything else deeper, and every array of numbers or strings, is one line.
_OPENED = {("pages", "[]"), ("pages", "[]", "lines"), ("pages", "[]", "tables"), ("restoration", "columns"),
           ("restoration", "packed")}


def _opened(value, path: tuple) -> bool:
    if not value or not isinstance(value, (dict, list)):
        return False
    if isinstance(value, list) and not any(isinstance(v, (dict, list)) for v in value):
        return False
    return len(path) < 2 or path in _OPENED


def _laid_out(value, path: tuple = ()) -> str:
    if not _opened(value, path):
        return _flat(value)
    pad = "  " * (len(path) + 1)
    close = "\n" + "  " * len(path)
    if isinstance(value, dict):
        inner = ",\n".join(f"{pad}{_flat(key)}: {_laid_out(item, (*path, key))}" for key, item in value.items())
        return "{\n" + inner + close + "}"
    inner = ",\n".join(pad + _laid_out(item, (*path, "[]")) for item in value)
    return "[\n" + inner + close + "]"


def write_compact(data: dict) -> str:
    return _laid_out(data) + "\n"


def write_full(data: dict) -> str:
    """Indented throughout, as `json.dumps(data, ensure_ascii=False, indent=2)` writes it, ten times
    faster (0.015 against 0.15 s for a 30-page scan, whose word boxes make 2.9 MB: the standard
    library drops to its pure-Python encoder as soon as it indents), except that a float below 1e-4
    is spelt differently (`0.00001` for `1e-05`: the same number)."""
    try:
        return orjson.dumps(data, option=orjson.OPT_INDENT_2).decode() + "\n"
    except orjson.JSONEncodeError:
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
