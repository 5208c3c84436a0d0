"""Where the restorer's word errors come from, on dev data (restoration_dev.py --errors).

OCR pages: each restored word aligned one for one with the truth is an error of one kind:
- choice: the right reading was among the word's candidates and the decoder chose another;
- missing candidate: the right reading is in the inventory but was not proposed;
- not in the inventory: the right word is no syllable the decoder may propose (foreign, rare);
- kept: a word the decoder does not change (a code, an acronym, a protected token).
Words the OCR inserted, dropped or merged (no one-for-one alignment) are counted apart. Stripped text: the commonest
(right, chosen) pairs and whether the right reading was in the inventory at all.
"""

from __future__ import annotations

from collections import Counter

from rapidfuzz.distance import Levenshtein
from unidecode import unidecode

from benchmarks.restoration_metrics import word_list
from vnresolve.diacritics.vntext import normalize_tone


def _readings(restorer, text: str) -> list[tuple[object, str]]:
    """(slot, chosen lower-case reading) of every word the restorer decoded, in text order."""
    passes = restorer.passes
    p = passes.first(text, False)
    if restorer.second_pass:
        passes.second([p], False)
    out = []
    for sent, (choice, _posts, _sides) in zip(p.sents, p.results):
        for item, c in zip(sent, choice):
            if not isinstance(item, int):
                out.append((item, item.options[c][0].lower() if item.options else item.word.text.lower()))
    return out


def ocr_errors(restorer, pages: list[dict]) -> tuple[Counter, Counter]:
    """(errors by kind, (right, chosen) pairs of the choice errors) over OCR pages {ocr, truth}."""
    inventory = restorer.lattice.syllables
    kinds: Counter = Counter()
    pairs: Counter = Counter()
    for page in pages:
        slots = _readings(restorer, page["ocr"])
        hyp = [chosen for _slot, chosen in slots]
        ref = [normalize_tone(w.lower()) for w in word_list(page["truth"])]
        for op in Levenshtein.opcodes(hyp, ref):
            n_hyp, n_ref = op.src_end - op.src_start, op.dest_end - op.dest_start
            if op.tag == "equal":
                continue
            if op.tag != "replace" or n_hyp != n_ref:
                kinds["words inserted, dropped or merged by the OCR"] += max(n_ref, n_hyp)
                continue
            for k in range(n_hyp):
                slot, chosen = slots[op.src_start + k]
                right = ref[op.dest_start + k]
                if slot.pattern in ("keep", "merged"):
                    kinds["kept as written"] += 1
                elif right in (o for o, _c in slot.options):
                    kinds["choice"] += 1
                    pairs[(right, chosen)] += 1
                elif right in inventory:
                    kinds["missing candidate"] += 1
                else:
                    kinds["not in the inventory"] += 1
    return kinds, pairs


def stripped_errors(restorer, paras: list[str]) -> tuple[int, Counter]:
    """(syllables, (right, chosen, right reading proposable) pairs) of accent-stripped paragraphs."""
    inventory = restorer.lattice.syllables
    pairs: Counter = Counter()
    n = 0
    for para in paras:
        ref = [normalize_tone(w.lower()) for w in word_list(para)]
        hyp = [normalize_tone(w.lower()) for w in word_list(restorer.restore_text(unidecode(para)))]
        if len(hyp) != len(ref):
            continue
        n += len(ref)
        pairs.update((r, h, r in inventory) for r, h in zip(ref, hyp) if r != h)
    return n, pairs


def report(restorer, pages: list[dict], paras: list[str], top: int = 25) -> None:
    kinds, pairs = ocr_errors(restorer, pages)
    words = sum(len(word_list(p["truth"])) for p in pages)
    print(f"error kinds on the held-out dev OCR pages ({words} words): "
          + ", ".join(f"{k} {v}" for k, v in kinds.most_common()))
    print("  commonest choice errors (right -> chosen): "
          + ", ".join(f"{r}->{c} {v}" for (r, c), v in pairs.most_common(top)))
    n, spairs = stripped_errors(restorer, paras)
    wrong = sum(spairs.values())
    outside = sum(v for (_r, _h, ok), v in spairs.items() if not ok)
    print(f"accent-stripped dev text: {wrong} of {n} syllables wrong, {outside} of them no syllable the decoder "
          f"may propose; commonest (right -> chosen): "
          + ", ".join(f"{r}->{h} {v}" for (r, h, _ok), v in spairs.most_common(top)))
