"""Catalogue record of files that bind more than one document, typeset and scanned here.

benchmarks/bundlegen.py draws 22 files from a seed: a main document of formgen's forms followed by the
draft it proposes, its annex, the report it sends, a citizen's application or a blank back page, or a main
document over two pages before its annex; and two files of three documents, a decision, the cover memo
sending it and an application. Each page is scanned in the style of bench_forms' mix that the
file's turn gives; seals and ink signatures go only where a page is signed (not on a draft, an annex, an
application, a blank page or the first page of a two-page document), a received stamp only on the file's
first page. The real pipeline reads the file; the record is scored as bench_forms scores it (the main
document's fields), and its `attachments` against where each other document begins: found (the same first
page and relation), its type, and its number where one is printed. An attachment the file does not hold (a
blank page, or the main document's own page taken for another's) is an extra. The parsers were fixed where
the development seed showed a general defect; another seed draws files nobody has looked at. Run:
`python -m benchmarks bundles` (BUNDLES_SEED to change the seed; 2100 is the development seed).
"""

from __future__ import annotations

import json
import os
import random
import time
from pathlib import Path

from benchmarks.bench_catalogue import FIELDS, check
from benchmarks.bench_forms import CACHE, MARKS, STYLES, Tally, generator_version
from benchmarks.bundlegen import Bundle, draw_bundles, joined, render_bundle
from benchmarks.catalogue_cache import ingested
from benchmarks.scangen import ScanStyle, scan_pdf

SEED = int(os.environ.get("BUNDLES_SEED", "2100"))
HERE = Path(__file__).resolve().parent


def _version() -> str:
    import hashlib

    return hashlib.sha256((generator_version() + (HERE / "bundlegen.py").read_text(encoding="utf-8")).encode()).hexdigest()[:12]


def folder_of(seed: int) -> Path:
    return CACHE / f"bundles-s{seed}-{_version()}"


def _unsigned(style: ScanStyle) -> ScanStyle:
    """The style with no seal or ink signature: a page nobody signed."""
    return ScanStyle(**{**style.__dict__, "seal": False, "signature": False, "seal_at": None})


def make(bundle: Bundle, folder: Path, stem: str, style: ScanStyle, seed: int) -> tuple[Path, Path]:
    """Typeset and scan `bundle` page by page; returns (the typeset file, the scanned file)."""
    folder.mkdir(parents=True, exist_ok=True)
    pages = render_bundle(bundle, folder, stem)
    scans = []
    for k, (pdf, anchor) in enumerate(pages):
        page_style = _unsigned(style) if anchor is None else style
        if anchor is not None and page_style.seal:
            page_style = ScanStyle(**{**page_style.__dict__, "seal_at": (anchor[0] + 0.06, anchor[1] + 0.02)})
        if k > 0:  # the stamp of the office that received the file goes on its first page only
            page_style = ScanStyle(**{**page_style.__dict__, "stamp": False})
        scan = pdf.with_suffix(".scan.pdf")
        scan_pdf(pdf, scan, page_style, seed=seed + k)
        scans.append(scan)
    clean, scanned = folder / f"{stem}.pdf", folder / f"{stem}.scan.pdf"
    joined([pdf for pdf, _ in pages], clean)
    joined(scans, scanned)
    return clean, scanned


def documents(seed: int = SEED) -> list[dict]:
    """The truth of each file, typesetting and scanning those not in the cache."""
    folder = folder_of(seed)
    index = folder / "truth.json"
    if index.exists():
        return json.loads(index.read_text(encoding="utf-8"))
    truth = []
    for k, bundle in enumerate(draw_bundles(seed)):
        name, style = STYLES[k % len(STYLES)]
        stem = f"{k:02d}-{bundle.main.system}-{bundle.main.doc_type}-{bundle.tail}"
        clean, scanned = make(bundle, folder, stem, style, random.Random(seed * 1000 + k).randrange(1 << 30))
        entry = bundle.truth(clean.name, scanned.name)
        entry["style"] = name
        truth.append(entry)
    index.write_text(json.dumps(truth, ensure_ascii=False, indent=1), encoding="utf-8")
    return truth


def check_attachments(meta, truth: dict) -> dict:
    """The record's attachments against the truth's: {'found', 'typed', 'numbered': [right, of], 'extra': n,
    'misses': [...]}. Found: the same first and last page and relation; its type and number are scored where
    the truth or the record has one. Titles are not scored (the truth holds none)."""
    got = {a.first_page: a for a in meta.attachments}
    out: dict = {"found": [0, 0], "typed": [0, 0], "numbered": [0, 0], "extra": 0, "misses": []}
    for want in truth["attachments"]:
        a = got.pop(want["first_page"], None)
        ok = a is not None and (a.relation, a.last_page) == (want["relation"], want["last_page"])
        out["found"][0] += ok
        out["found"][1] += 1
        if not ok:
            out["misses"].append(f"attachment p{want['first_page']}-{want['last_page']} ({want['relation']}) "
                                 + ("not found" if a is None else f"read as {a.relation} p{a.first_page}-{a.last_page}"))
            continue
        if want["doc_type"] is not None or a.doc_type is not None:  # a type read where none is printed is wrong too
            out["typed"][0] += a.doc_type == want["doc_type"]
            out["typed"][1] += 1
            if a.doc_type != want["doc_type"]:
                out["misses"].append(f"attachment p{want['first_page']} type={a.doc_type!r}")
        if want["number"] is not None or a.number is not None:
            right = (a.number or "").replace(" ", "") == (want["number"] or "")
            out["numbered"][0] += right
            out["numbered"][1] += 1
            if not right:
                out["misses"].append(f"attachment p{want['first_page']} number={a.number!r}")
    for first, a in sorted(got.items()):
        out["extra"] += 1
        out["misses"].append(f"attachment p{first} ({a.relation}, {a.doc_type_label or a.title!r}) not in the file")
    return out


def score(docs: list[dict], folder: Path, which: str) -> None:
    from vnresolve import parsers

    t0 = time.perf_counter()
    tally = Tally(FIELDS + MARKS)
    found = {"found": [0, 0], "typed": [0, 0], "numbered": [0, 0]}
    extra = 0
    for truth in docs:
        meta = parsers.parse(ingested(folder / truth[which], CACHE / "ocr")).metadata
        result = check(meta, truth, tally.fields)
        att = check_attachments(meta, truth)
        for key in found:
            found[key][0] += att[key][0]
            found[key][1] += att[key][1]
        extra += att["extra"]
        result["misses"] += att["misses"]
        tally.add(f"{truth[which]} [{truth['style'] if which == 'scan' else 'typeset'}]", result,
                  list(result["right"].items()), {"tail": truth["tail"]})
    print(f"catalogue record on {len(docs)} generated files, "
          f"{'scanned' if which == 'scan' else 'typeset PDFs'} ({time.perf_counter() - t0:.1f}s incl. any OCR not cached):")
    tally.summary()
    print(f"  attachments found {found['found'][0]}/{found['found'][1]}, type right {found['typed'][0]}/"
          f"{found['typed'][1]}, number right {found['numbered'][0]}/{found['numbered'][1]}, "
          f"read where the file has none: {extra}")
    tally.group("tail", "per tail (main record's fields right, all fields)", 12)


def main() -> None:
    t0 = time.perf_counter()
    docs = documents(SEED)
    folder = folder_of(SEED)
    print(f"-- {len(docs)} files drawn from seed {SEED}, generator {_version()}: typeset and scanned in "
          f"{time.perf_counter() - t0:.1f}s (cached: {folder})")
    print("-- the typeset PDFs, read from their text layer (no OCR)")
    score(docs, folder, "file")
    print("-- the scans (OCR)")
    score(docs, folder, "scan")


if __name__ == "__main__":
    main()
