"""The two written forms of a Document: the full record (every field, indented) and the compact one.

The compact record (schema 1.2, the default) leaves out only what a reader can rebuild: a page's
text (it is Document.text[start:end]) and each correction's restored form (the text at its span);
the corrections become one array per field, with alternatives kept where the change is doubtful.
It is laid out with the document's members and the items of its arrays one to a line, so `jq`
reads it and a diff shows which item changed. `Document` validation expands it back.
"""

from __future__ import annotations

import json
from typing import Literal

import orjson

RecordForm = Literal["compact", "full"]

# On held-out accent-stripped text (python -m benchmarks record), changes below 0.99 were 14 % of
# all and held 90 % of the wrong changes whose right reading was among the alternatives.
ALTERNATIVES_BELOW = 0.99


def compact_data(data: dict) -> dict:
    """A dumped Document (`model_dump(mode="json")`) in the compact form, in place."""
    text = data["text"]
    for page in data["pages"]:
        if page["text"] == text[page["start"]:page["end"]]:
            del page["text"]
    restoration = data.get("restoration")
    if restoration and all(text[c["start"]:c["end"]] == c["restored"] for c in restoration["corrections"]):
        restoration.update(compact_restoration(restoration))
        del restoration["corrections"]
    return data


def compact_restoration(restoration: dict) -> dict:
    """`columns` and `alternatives_below` for a dumped Restoration's corrections."""
    corrections = restoration["corrections"]
    below = restoration.get("alternatives_below")
    below = ALTERNATIVES_BELOW if below is None else min(below, ALTERNATIVES_BELOW)
    kept = [(i, c["alternatives"]) for i, c in enumerate(corrections) if c["confidence"] < below and c["alternatives"]]
    columns = {
        "start": [c["start"] for c in corrections],
        "length": [c["end"] - c["start"] for c in corrections],
        "original": [c["original"] for c in corrections],
        "confidence": [c["confidence"] for c in corrections],
        "alternatives_at": [i for i, _ in kept],
        "alternatives": [alternatives for _, alternatives in kept],
    }
    return {"columns": columns, "alternatives_below": below}


def _flat(value) -> str:
    """One line of JSON. orjson refuses lone surrogates and integers beyond 64 bits; the standard
    library writes those, with the same separators."""
    try:
        return orjson.dumps(value).decode()
    except orjson.JSONEncodeError:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


# Containers opened one member or item to a line beyond the document's own members and arrays:
# a page (its lines and tables then one to a line: an OCR line with its word boxes) and the
# correction columns. Anything else deeper, and every array of numbers or strings, is one line.
_OPENED = {("pages", "[]"), ("pages", "[]", "lines"), ("pages", "[]", "tables"), ("restoration", "columns")}


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
