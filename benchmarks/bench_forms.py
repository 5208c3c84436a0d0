"""Catalogue record on made-up documents of every official form, typeset and scanned here.

benchmarks/formgen.py draws 48 documents from a seed, two of each planned form (13 state types of
Nghị định 30/2020/NĐ-CP, 11 Party types of Hướng dẫn 36-HD/VPTW) with their issuer, symbol, date,
subject, recipients, signing chain, post, name and marks, and typesets them; benchmarks/scangen.py
scans each with one style of a fixed mix (clean, office grey, seal over the signature in colour,
skewed, 1-bit, colour with stamp, seal and show-through). The real pipeline (`vnresolve.convert`)
reads the scan and the record is scored by bench_catalogue's rules (one implementation), plus the
urgency and secrecy marks. The parsers were fixed where the default seed's documents showed a
general defect, so its figures are development figures; another seed draws documents nobody has
looked at (same forms and sentence templates, other values).

Renders and scans are cached under benchmarks/.cache/forms/ keyed by the seed and the generator's
code; the ingested pages by the scan's bytes and the pipeline's version (as the catalogue bench).
Needs only the fonts and Tesseract. Run: `python -m benchmarks forms` (FORMS_SEED to change the seed).
FORMS_PLAN=central draws formgen's second plan instead, 26 documents (the Government, the Prime
Minister, the Government Office, ministries' circulars, provinces' normative decisions), cached apart;
FORMS_PLAN=councils its third, 14 documents (people's councils' resolutions of 2004-2026, provinces' and
districts' documents of 1999-2003 in the older forms). FORMS_PLAN=joint draws its joint circulars (two or
three ministries, each signing in a block of its own), 16 documents; the other signers are scored against
the record's `co_signers` (co_signers.name/.position); a co-signer read where the truth has none is a miss.
FORMS_PLAN=party_central draws the Party's central organs' documents, 14 (the Central Committee's, the
Politburo's and the Secretariat's resolutions, directives, conclusions, regulations and notices, the central
boards' guidance, plans and letters, 1999-2026). FORMS_PLAN=assembly draws the National Assembly's laws and
resolutions, its Standing Committee's resolutions and ordinances and the President's orders publishing a law
(1999-2026, numbered by the Assembly's term), 12 documents; a law or resolution printed without a place-date line is
dated the day it was passed and has no place.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import time
from collections import defaultdict
from pathlib import Path

from benchmarks.bench_catalogue import FIELDS, SIMILAR, _uncertain, check, f1, norm
from benchmarks.catalogue_cache import ingested
from benchmarks.formgen import PLANS, Form, draw_forms, render_form
from benchmarks.scangen import ScanStyle, scan_pdf

HERE = Path(__file__).resolve().parent
CACHE = HERE / ".cache" / "forms"
SEED = int(os.environ.get("FORMS_SEED", "2030"))
# 'default': provinces', districts', departments', four ministries' and Party committees' documents;
# 'central': the Government's, the Prime Minister's, the Government Office's, ministries' circulars and
# provinces' normative decisions (formgen.CENTRAL_PLAN); 'councils': people's councils' resolutions and
# provinces' documents of 1999-2003 (formgen.COUNCILS_PLAN); 'joint': joint circulars (formgen.JOINT_PLAN);
# 'party_central': the Party's central organs and boards (formgen.PARTY_CENTRAL_PLAN);
# 'assembly': the National Assembly's, its Standing Committee's and the President's (formgen.ASSEMBLY_PLAN)
PLAN = os.environ.get("FORMS_PLAN", "default")
MARKS = ("urgency", "secrecy")
# a joint document's other signers (formgen's joint plan), each scored against the record's co_signers in order
CO_FIELDS = ("co_signers.name", "co_signers.position")
# The fixed mix of scans, real archive defects (../shared/realscans), taken in turn.
STYLES: tuple[tuple[str, ScanStyle], ...] = (
    ("clean", ScanStyle(dpi=300, max_angle=0.3, blur=0.4, noise=3.0, specks=10, jpeg_quality=85)),
    ("office", ScanStyle()),
    ("sealed", ScanStyle(colour=True, seal=True, signature=True, jpeg_quality=70)),
    ("skewed", ScanStyle(min_angle=2.0, max_angle=2.5)),
    ("bilevel", ScanStyle(bilevel=True, blur=0.6, noise=4.0, specks=60)),
    ("colour", ScanStyle(colour=True, stamp=True, seal=True, signature=True, show_through=0.1, jpeg_quality=60)),
)


def generator_version() -> str:
    """The renders change with the generator's and the scanner's code and the mix of styles."""
    digest = hashlib.sha256()
    for name in ("formgen.py", "scangen.py"):
        digest.update((HERE / name).read_bytes())
    digest.update(repr(STYLES).encode())
    return digest.hexdigest()[:12]


def make(form: Form, folder: Path, stem: str, style: ScanStyle, seed: int) -> tuple[Path, Path]:
    """Typeset `form` and scan it with `style` (a seal is put over the signature); returns (clean, scanned)."""
    folder.mkdir(parents=True, exist_ok=True)
    clean, scanned = folder / f"{stem}.pdf", folder / f"{stem}.scan.pdf"
    _, (x, y) = render_form(form, clean)
    if style.seal:
        style = ScanStyle(**{**style.__dict__, "seal_at": (x + 0.06, y + 0.02)})  # the left of the post and the space
    scan_pdf(clean, scanned, style, seed=seed)
    return clean, scanned


def folder_of(seed: int, plan: str = "default") -> Path:
    """Where a seed's renders and scans are cached; each plan apart."""
    return CACHE / (f"s{seed}-{generator_version()}" if plan == "default" else f"{plan}-s{seed}-{generator_version()}")


def documents(seed: int = SEED, plan: str = "default") -> list[dict]:
    """The truth of each document, rendering and scanning those not in the cache."""
    folder = folder_of(seed, plan)
    index = folder / "truth.json"
    if index.exists():
        return json.loads(index.read_text(encoding="utf-8"))
    truth = []
    for k, form in enumerate(draw_forms(seed, plan=plan)):
        name, style = STYLES[(k + k // len(PLANS[plan])) % len(STYLES)]  # each round gives a form the next style
        stem = f"{k:02d}-{form.system}-{form.doc_type}"
        clean, scanned = make(form, folder, stem, style, random.Random(seed * 1000 + k).randrange(1 << 30))
        entry = form.truth(clean.name, scanned.name)
        entry["style"] = name
        truth.append(entry)
    index.write_text(json.dumps(truth, ensure_ascii=False, indent=1), encoding="utf-8")
    return truth


def check_co_signers(meta, truth: dict) -> dict:
    """The record's `co_signers` against the truth's, in order: {'right': [(field, ok)], 'misses': [...],
    'certain_wrong': n}. A co-signer the truth does not have (a block read twice, a column of the recipients
    list taken for one) is a miss too, wrong but certain unless its name is doubted."""
    want_all = truth.get("co_signers", [])
    out: dict = {"right": [], "misses": [], "certain_wrong": 0}
    for i, want in enumerate(want_all):
        got = meta.co_signers[i] if i < len(meta.co_signers) else None
        for field in CO_FIELDS:
            part = field.split(".")[1]
            if want.get(part) is None:
                continue
            value = getattr(got, part, None)
            ok = norm(value) == norm(want[part])
            out["right"].append((field, ok))
            if not ok:
                # nothing given is no claim; a value given is certain unless its confidence is below 0.5
                sure = value is not None and not _uncertain(meta, f"co_signers.{i}.{part}")
                out["misses"].append(f"co_signers.{i}.{part}={value!r}" + (" [marked certain]" if sure else ""))
                out["certain_wrong"] += sure
    for i, extra in enumerate(meta.co_signers[len(want_all):], len(want_all)):
        sure = not (_uncertain(meta, "co_signers") or _uncertain(meta, f"co_signers.{i}.name"))
        out["misses"].append(f"co_signers.{i}={extra.name!r} (none printed)" + (" [marked certain]" if sure else ""))
        out["certain_wrong"] += sure
    return out


class Tally:
    """The catalogue fields of a run over generated documents, scored by bench_catalogue's rules: each document's
    line of misses as it is added, then the summary; `groups` count the fields right by keys the caller gives."""

    def __init__(self, fields: tuple[str, ...]):
        self.fields = fields
        self.right: dict[str, int] = defaultdict(int)
        self.counts: dict[str, int] = defaultdict(int)
        self.groups: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
        self.subject_close = self.certain_wrong = self.hit = self.n_got = self.n_want = 0

    def add(self, label: str, result: dict, scored: list[tuple[str, bool]], groups: dict[str, str]) -> None:
        """One document: `result` from bench_catalogue.check (its misses and wrong-but-certain count with the
        caller's own added), `scored` every (field, right) pair, `groups` the document's key in each group."""
        for field, ok in scored:
            self.counts[field] += 1
            self.right[field] += ok
            for name, key in groups.items():
                self.groups[name][key][0] += ok
                self.groups[name][key][1] += 1
        self.subject_close += result["subject_close"]
        self.certain_wrong += result["certain_wrong"]
        h, g, w = result["recipients"]
        self.hit, self.n_got, self.n_want = self.hit + h, self.n_got + g, self.n_want + w
        misses = result["misses"]
        print(f"  {label}: " + ("all right" if not misses else "; ".join(misses)) + f"; recipients {h}/{w} (got {g})")

    def summary(self, more_fields: tuple[str, ...] = ()) -> None:
        """Each field's count (and each of `more_fields` scored at all), the subject's, the recipients' F1 and
        the catalogue bench's seven fields together."""
        for field in self.fields + tuple(f for f in more_fields if self.counts[f]):
            print(f"  {field:16} {self.right[field]}/{self.counts[field]}")
        print(f"  subject within OCR noise (similarity >= {SIMILAR / 100}): {self.subject_close}/{self.counts['subject']}")
        print(f"  recipients item F1: {f1(self.hit, self.n_got, self.n_want):.3f}")
        total, n = sum(self.right[f] for f in FIELDS), sum(self.counts[f] for f in FIELDS)
        print(f"  fields right (the catalogue bench's {len(FIELDS)}): {total}/{n} ({100 * total / max(n, 1):.1f}%); "
              f"wrong but marked certain (all fields): {self.certain_wrong}")

    def group(self, name: str, heading: str, width: int, ordered: bool = True) -> None:
        """One group's counts under `heading`, its keys sorted (`ordered`) or as they came."""
        print(f"  {heading}:")
        items = self.groups[name].items()
        for key, (ok, of) in sorted(items) if ordered else items:
            print(f"    {key:{width}} {ok}/{of}")


def score(docs: list[dict], folder: Path, which: str) -> None:
    """Read each document's `which` file ('scan', or 'file': the typeset PDF, its text layer) and score it."""
    from vnresolve import parsers

    t0 = time.perf_counter()
    tally = Tally(FIELDS + MARKS)
    for truth in docs:
        meta = parsers.parse(ingested(folder / truth[which], CACHE / "ocr")).metadata
        result = check(meta, truth, tally.fields)
        co = check_co_signers(meta, truth)
        result["misses"] += co["misses"]
        result["certain_wrong"] += co["certain_wrong"]
        tally.add(f"{truth[which]} [{truth['style'] if which == 'scan' else 'typeset'}]", result,
                  [*result["right"].items(), *co["right"]],
                  {"type": f"{truth['system']} {truth['doc_type']}", "style": truth["style"]})
    print(f"catalogue record on {len(docs)} generated documents, {which == 'scan' and 'scanned' or 'typeset PDFs'} "
          f"({time.perf_counter() - t0:.1f}s incl. any OCR not cached):")
    tally.summary(CO_FIELDS)
    tally.group("type", "per type (fields right, all fields)", 28)
    if which == "scan":
        tally.group("style", "per scan style (fields right, all fields)", 28, ordered=False)


def main() -> None:
    t0 = time.perf_counter()
    docs = documents(SEED, PLAN)
    folder = folder_of(SEED, PLAN)
    print(f"-- {len(docs)} documents drawn from seed {SEED}{'' if PLAN == 'default' else f' (plan {PLAN})'}, "
          f"generator {generator_version()}: rendered and scanned "
          f"in {time.perf_counter() - t0:.1f}s (cached: {folder})")
    print("-- the typeset PDFs, read from their text layer (no OCR): what the layout and the parsers give")
    score(docs, folder, "file")
    print("-- the scans (OCR)")
    score(docs, folder, "scan")
