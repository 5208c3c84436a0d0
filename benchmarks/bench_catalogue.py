"""Catalogue record on real scans: per-field accuracy against benchmarks/truth/catalogue.json.

The truth is development truth, transcribed from the page images (benchmarks/truth/README.md).
Each document is ingested and restored once and cached (benchmarks/catalogue_cache.py); the
parsers then run on the cached pages. Fields: type, number, issuer, date, subject (exact and
within OCR noise: similarity >= 0.9 after normalising), signer name and position, recipients
item F1 (an item matches at similarity >= 0.85). 'wrong but certain' counts wrong fields the
record did not mark uncertain. Run: `python -m benchmarks catalogue` (needs ../shared/realscans). Held-out truth in
benchmarks/truth/catalogue_heldout.json, where present, is scored after it.
"""

from __future__ import annotations

import json
import re
import time
import unicodedata
from pathlib import Path

from rapidfuzz import fuzz

from benchmarks.catalogue_cache import REALSCANS, ingested
from benchmarks.shared import missing
from vnresolve import parsers

TRUTH = Path(__file__).resolve().parent / "truth" / "catalogue.json"
HELD_OUT = TRUTH.with_name("catalogue_heldout.json")
FIELDS = ("doc_type", "number", "issuer", "date", "subject", "signer.name", "signer.position")
SIMILAR = 90
ITEM_SIMILAR = 85
# the old and the new tone placement are one spelling ('UỶ BAN' and 'ỦY BAN')
_TONE = {"uỷ": "ủy", "uý": "úy", "uỳ": "ùy", "uỹ": "ũy", "uỵ": "ụy",
         "oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa", "oè": "òe", "oé": "óe", "oẻ": "ỏe"}


def norm(text: str | None) -> str:
    text = unicodedata.normalize("NFC", text or "").casefold()
    for old, new in _TONE.items():
        text = text.replace(old, new)
    text = re.sub(r"^\s*v/v\s*", "", text)
    return re.sub(r"\s+", " ", text.replace("–", "-")).strip(" .,;:")


def _get(obj, dotted: str):
    for part in dotted.split("."):
        obj = getattr(obj, part, None) if not isinstance(obj, dict) else obj.get(part)
    return obj


def _record_value(meta, field: str):
    if field == "subject":
        return getattr(meta, "subject", None) or meta.title
    return _get(meta, field)


def _uncertain(meta, field: str) -> bool:
    conf = getattr(meta, "confidence", None) or {}
    value = conf.get(field) if isinstance(conf, dict) else None
    return value is not None and value < 0.5


def recipients_f1(got: list[str], want: list[str]) -> tuple[int, int, int]:
    """(matched, len(got), len(want)), each truth item matched at most once."""
    free = [norm(g) for g in got]
    hit = 0
    for w in want:
        best = max(range(len(free)), key=lambda i: fuzz.ratio(free[i], norm(w)), default=None)
        if best is not None and fuzz.ratio(free[best], norm(w)) >= ITEM_SIMILAR:
            hit += 1
            free.pop(best)
    return hit, len(got), len(want)


def _has(truth: dict, dotted: str) -> bool:
    head, _, rest = dotted.partition(".")
    return head in truth and (not rest or (isinstance(truth[head], dict) and rest in truth[head]))


def _document(truth: dict):
    """The ingested document a truth entry describes; one made of several files (the pages of a
    letter photographed one by one) is their pages in order."""
    from vnresolve.ingest.pages import join_pages

    files = truth.get("pages") or [truth["file"]]
    docs = [ingested(REALSCANS / f).model_copy(deep=True) for f in files]
    doc = docs[0]
    if len(docs) > 1:
        doc.pages = [p for d in docs for p in d.pages]
        for number, page in enumerate(doc.pages, 1):
            page.number = number
        doc.text = join_pages(doc.pages)
        doc.source.pages = len(doc.pages)
    return doc


def check(meta, truth: dict, fields: tuple[str, ...] = FIELDS) -> dict:
    """One record against its truth: which fields are right, the subject within OCR noise, the misses
    (and how many were marked certain), and the recipients' (matched, got, wanted). A field absent
    from the truth, or a signer field the truth leaves null, is not checked."""
    right: dict[str, bool] = {}
    misses: list[str] = []
    certain_wrong = 0
    subject_close = False
    for field in fields:
        want = _get(truth, field)
        if want is None and (field.startswith("signer.") or not _has(truth, field)):
            continue  # not checked: absent from the truth (unreadable or not visible)
        got = _record_value(meta, field)
        ok = norm(str(got) if got is not None else None) == norm(want)
        if field == "subject" and fuzz.ratio(norm(got), norm(want)) >= SIMILAR:
            subject_close = True
        right[field] = ok
        if not ok:
            sure = not _uncertain(meta, field)
            misses.append(f"{field}={got!r}" + (" [marked certain]" if sure else ""))
            certain_wrong += sure
    return {"right": right, "misses": misses, "certain_wrong": certain_wrong, "subject_close": subject_close,
            "recipients": recipients_f1(meta.recipients, truth.get("recipients", []))}


def f1(hit: int, n_got: int, n_want: int) -> float:
    p = hit / n_got if n_got else 0.0
    r = hit / n_want if n_want else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def score(docs: list[dict], verbose: bool = True) -> dict:
    right = {f: 0 for f in FIELDS}
    subject_close = 0
    certain_wrong = 0
    counts = {f: 0 for f in FIELDS}
    hit = n_got = n_want = 0
    for truth in docs:
        result = check(parsers.parse(_document(truth)).metadata, truth)
        for field, ok in result["right"].items():
            counts[field] += 1
            right[field] += ok
        subject_close += result["subject_close"]
        certain_wrong += result["certain_wrong"]
        h, g, w = result["recipients"]
        hit, n_got, n_want = hit + h, n_got + g, n_want + w
        if verbose:
            misses = result["misses"]
            print(f"  {truth['file']}: " + ("all right" if not misses else "; ".join(misses))
                  + f"; recipients {h}/{w} (got {g})")
    return {"right": right, "counts": counts, "subject_close": subject_close, "certain_wrong": certain_wrong,
            "recipients_f1": f1(hit, n_got, n_want)}


def main() -> None:
    if missing("catalogue", "realscans"):
        return
    report(TRUTH, "development truth: the parsers were developed on these documents")
    if HELD_OUT.exists():
        report(HELD_OUT, "truth made from the images, held out at its first scoring (13/30); its failures were read since, "
                         "so this is a development figure too")


def report(truth_file: Path, what: str) -> None:
    docs = json.loads(truth_file.read_text(encoding="utf-8"))["documents"]
    docs = [d for d in docs if d.get("doc_type") and all((REALSCANS / f).exists() for f in d.get("pages") or [d["file"]])]
    t0 = time.perf_counter()
    print(f"-- {truth_file.name} ({what})")
    result = score(docs)
    total = sum(result["right"].values())
    n = sum(result["counts"].values())
    print(f"catalogue record on {len(docs)} real documents ({time.perf_counter() - t0:.1f}s incl. any OCR not cached):")
    for field in FIELDS:
        print(f"  {field:16} {result['right'][field]}/{result['counts'][field]}")
    print(f"  subject within OCR noise (similarity >= {SIMILAR / 100}): {result['subject_close']}/{result['counts']['subject']}")
    print(f"  recipients item F1: {result['recipients_f1']:.3f}")
    print(f"  fields right: {total}/{n} ({100 * total / n:.1f}%); wrong but marked certain: {result['certain_wrong']}")
