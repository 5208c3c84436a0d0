"""The per-archive lexicon reviewers' corrections teach (OUTDIR/lexicon.json or a path the user
gives): the spellings of names, places and agencies they typed, which the restorer
(diacritics/lexicon.py) and the agency gazetteer (parsers/gazetteer.py) read on the next run.

  {"format": 1, "words": {"Nậm": 3, "Pồ": 3}, "agencies": ["Ban Quản lý rừng phòng hộ Mường Nhé"]}
"""

from __future__ import annotations

import fcntl
import json
import re
from pathlib import Path

from vnresolve.pipeline.atomic import write_atomic
from vnresolve.review.log import Entry

NAME = "lexicon.json"
# Record fields that hold names of people, places or bodies, and those that hold agencies.
NAME_FIELDS = ("metadata.place", "metadata.issuer", "metadata.parent_issuer", "metadata.signer.name")
AGENCY_FIELDS = ("metadata.issuer", "metadata.parent_issuer")
AGENCY_CELLS = ("lead_agencies", "cooperating_agencies")
_WORD = re.compile(r"\w+")


def learnt(entry: Entry) -> tuple[list[str], list[str]]:
    """The name words and agency names a correction teaches: the capitalised words of a corrected
    word or name field (a word in the middle of a sentence is capitalised only when it is a name),
    and the whole value of an agency field. Accepting a reading teaches only where the restorer
    changed what OCR read (a confirmed restoration of a name is worth keeping; an unchanged word
    is not news)."""
    words, agencies = [], []
    if entry.accepted and (entry.kind != "word" or entry.where.get("original") == entry.old):
        return words, agencies
    is_agency = entry.target in AGENCY_FIELDS or entry.target.rsplit(".", 1)[-1] in AGENCY_CELLS
    if entry.kind == "word" or entry.target in NAME_FIELDS or is_agency:
        words = [w for w in _WORD.findall(entry.new) if w[0].isupper() and not w.isupper() and not w.isdigit()]
    if is_agency:
        agencies = [a.strip() for a in entry.new.split(";") if a.strip()]
    return words, agencies


def learn(path: Path, entry: Entry) -> None:
    words, agencies = learnt(entry)
    if not words and not agencies:
        return
    with open(path.parent / f".{path.name}.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        data = read(path)
        for word in words:
            data["words"][word] = data["words"].get(word, 0) + 1
        data["agencies"] = sorted(set(data["agencies"]) | set(agencies))
        write_atomic(path, json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n")


def read(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        data = {}
    return {"format": 1, "words": dict(data.get("words") or {}), "agencies": list(data.get("agencies") or [])}
