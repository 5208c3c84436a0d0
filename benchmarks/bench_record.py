"""Size of the written record: each sample in samples/ (and the held-out text seeds 000 and 001 of
../shared/seeds, size only, where present) converted as `vnresolve ingest` does, then written in both record forms (bytes, ratio to the input file, time to write and to load back), the
bytes of the compact record's members and packed corrections, and how often the alternatives the compact record drops
would have helped (held-out accent-stripped corpus text; skipped where ../shared is absent).

    python -m benchmarks record
"""

from __future__ import annotations

import time
from pathlib import Path

import orjson

from vnresolve.pipeline.api import parse_file
from vnresolve.pipeline.options import PipelineOptions
from vnresolve.schemas import dump_document, load_document
from vnresolve.schemas.record import ALTERNATIVES_BELOW, ITEMS

ROOT = Path(__file__).resolve().parent.parent
THRESHOLDS = (0.5, 0.7, 0.9, 0.95, 0.99, 0.999)


def _best(run, repeats: int = 3) -> float:
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        run()
        times.append(time.perf_counter() - t)
    return min(times)


def _inputs() -> list[Path]:
    from benchmarks.bench_restoration import SHARED

    held_out = sorted(p for prefix in ("000", "001") for p in (SHARED / "seeds").glob(f"{prefix}_*.txt"))
    return sorted((ROOT / "samples").iterdir()) + held_out


def sizes() -> None:
    print(f"{'sample':40} {'input':>10} {'form':8} {'bytes':>10} {'ratio':>7} {'write s':>8} {'load s':>8}")
    for path in _inputs():
        doc = parse_file(path, PipelineOptions(), name=path.name)
        size = path.stat().st_size
        for record in ("compact", "full"):
            text = dump_document(doc, record)
            written = len(text.encode())
            write_s, load_s = _best(lambda: dump_document(doc, record)), _best(lambda: load_document(text))
            print(f"{path.name:40} {size:10,} {record:8} {written:10,} {written / size:6.2f}x {write_s:8.3f} {load_s:8.3f}")
        data = orjson.loads(dump_document(doc))
        members = {key: len(orjson.dumps(value)) for key, value in data.items() if len(orjson.dumps(value)) > 1000}
        packed = (data.get("restoration") or {}).get("packed") or {}
        print("  compact members (bytes, unindented): " + ", ".join(f"{k} {v:,}" for k, v in members.items()))
        if packed:
            print("  packed corrections: " + ", ".join(f"{k} {len(orjson.dumps(v)):,}" for k, v in packed.items())
                  + f"; {len(packed['gap']):,} corrections, {packed['original'].split(' ').count(''):,} with the "
                  f"original left to the restored word, {len(packed['length_at']):,} not as long as their word, "
                  f"{len(packed['alternatives']):,} with alternatives kept")
        items = {name: sum(len(orjson.dumps(item)) for item in data.get(name, ())) for name in ITEMS}
        print("  items (bytes, unindented): " + ", ".join(f"{k} {v:,}" for k, v in items.items() if v))


def alternatives_use() -> None:
    """Per threshold: the share of the changes that keep their alternatives, and of the wrong changes
    whose right reading is an alternative (what a reviewer could pick), those kept."""
    from benchmarks.bench_restoration import SHARED, stripped_text
    from benchmarks.restoration_metrics import _WORD, _paired, word_list

    if not (SHARED / "corpus").is_dir():
        print(f"alternatives: skipped ({SHARED / 'corpus'} not found)")
        return
    from unidecode import unidecode

    from vnresolve.diacritics import load_restorer
    from vnresolve.diacritics.vntext import normalize_tone

    restorer = load_restorer("default")
    rows = []
    for para in stripped_text():
        result = restorer.restore(unidecode(para))
        words = list(_WORD.finditer(result.text))
        hyp = [normalize_tone(m.group()).lower() for m in words]
        ref = word_list(para, True)
        truth = {i: ref[j] for i, j in _paired(hyp, ref)}
        index = {m.start(): i for i, m in enumerate(words)}
        for change in result.changes:
            i = index.get(change.start)
            if i in truth:
                helps = hyp[i] != truth[i] and any(normalize_tone(a).lower() == truth[i] for a in change.alternatives)
                rows.append((change.confidence, helps))
    helpful = sum(h for _, h in rows)
    print(f"alternatives, held-out accent-stripped text: {len(rows):,} changes, {helpful} wrong with the right "
          f"reading among the alternatives")
    for t in THRESHOLDS:
        kept = [h for c, h in rows if c < t]
        mark = "  <- ALTERNATIVES_BELOW" if t == ALTERNATIVES_BELOW else ""
        print(f"  below {t}: {len(kept) / len(rows):6.1%} of the changes keep them, holding "
              f"{sum(kept) / max(1, helpful):6.1%} of those{mark}")


def main() -> None:
    sizes()
    alternatives_use()


if __name__ == "__main__":
    main()
