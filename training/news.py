"""Counts of ../shared/corpus/news for the language model, without any n-gram of a single document.

    python -m training.news --corpus ../shared/corpus   # writes training/.cache/news/

The news articles remain their newspapers' copyright: only statistics may leave this module, and
no n-gram that one document alone holds survives (the words too). Counting streams: each source
file is read document by document; every CHUNK_TOKENS tokens the chunk's trigrams are counted
with the number of documents holding them (numpy sorts) and split into PARTS files by key, so
the merge holds one part of all chunks at a time and peak memory stays near 2 GB for the whole
136M syllables. The in-genre source (VNTC's politics and society topic: Party and state news) is
counted IN_GENRE_WEIGHT times. Documents are held out as the other corpora's are
(corpus.is_held_out on 'news/<file>/<number>').
"""

from __future__ import annotations

import argparse
import json
import lzma
import time
from array import array
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from training.corpus import is_held_out
from vnresolve.diacritics.lm import BITS
from vnresolve.diacritics.lmtokens import BOS, EOS, SPECIALS, UNK, sentences

CACHE = Path(__file__).resolve().parent / ".cache" / "news"
IN_GENRE = "vntc-chinh-tri-xa-hoi"
IN_GENRE_WEIGHT = 2
CHUNK_TOKENS = 12_000_000
PARTS = 16
MIN_DOCS = 2  # an n-gram must be in at least this many documents
MIN_WORD_COUNT = 3  # a word the other corpora do not know enters the vocabulary from this many uses


def news_files(corpus: Path, only: str | None = None) -> list[Path]:
    files = sorted((corpus / "news").glob("*.txt.xz"))
    return [f for f in files if only is None or any(f.name.startswith(o) for o in only.split(","))]


def documents(path: Path, held_out: bool = False) -> Iterator[tuple[str, str]]:
    """(name, text) of one news file's documents (blank-line separated), held in or held out."""
    stem = path.name.split(".")[0]
    with lzma.open(path, "rt", encoding="utf-8") as fh:
        lines: list[str] = []
        k = 0
        for line in fh:
            if line.strip():
                lines.append(line)
                continue
            if lines:
                name = f"news/{stem}/{k}"
                k += 1
                if is_held_out(name) == held_out:
                    yield name, "".join(lines)
                lines = []
        if lines:
            name = f"news/{stem}/{k}"
            if is_held_out(name) == held_out:
                yield name, "".join(lines)


def weight_of(path: Path) -> int:
    return IN_GENRE_WEIGHT if path.name.startswith(IN_GENRE) else 1


def word_counts(files: list[Path]) -> tuple[Counter, Counter]:
    """(weighted uses, documents) of every word of the held-in documents."""
    uses: Counter = Counter()
    docs: Counter = Counter()
    for path in files:
        w = weight_of(path)
        t = time.time()
        for _name, text in documents(path):
            seen: Counter = Counter(tok for sent in sentences(text) for tok in sent)
            for tok, c in seen.items():
                uses[tok] += c * w
            docs.update(seen.keys())
        print(f"  words of {path.name}: {len(uses)} types so far ({time.time() - t:.0f}s)", flush=True)
    return uses, docs


def _flush(k: np.ndarray, d: np.ndarray, weight: int, tmp: Path, chunk: int) -> None:
    """Count one chunk's trigrams with their document counts and split them into the parts."""
    order = np.lexsort((d, k))
    k, d = k[order], d[order]
    new_key = np.empty(len(k), bool)
    new_key[0] = True
    new_key[1:] = k[1:] != k[:-1]
    new_pair = new_key.copy()
    new_pair[1:] |= d[1:] != d[:-1]
    starts = np.flatnonzero(new_key)
    uniq = k[starts]
    counts = np.diff(np.append(starts, len(k))).astype(np.int64) * weight
    ndocs = np.add.reduceat(new_pair.astype(np.int64), starts)
    part = (uniq * np.uint64(0x9E3779B97F4A7C15)) >> np.uint64(64 - 4)
    for p in range(PARTS):
        sel = part == p
        np.savez(tmp / f"c{chunk:03d}_p{p:02d}.npz", keys=uniq[sel], counts=counts[sel], docs=ndocs[sel])


def trigram_counts(files: list[Path], ids: dict[str, int], tmp: Path) -> tuple[np.ndarray, np.ndarray]:
    """Sorted trigram keys (lm.BITS-bit ids) of the held-in news and their weighted counts, those
    in fewer than MIN_DOCS documents dropped."""
    unk, bos, eos = ids[UNK], ids[BOS], ids[EOS]
    get = ids.get
    b = np.uint64(BITS)
    tmp.mkdir(parents=True, exist_ok=True)
    for stale in tmp.glob("*.npz"):
        stale.unlink()
    chunk = doc_no = 0
    for path in files:
        w = weight_of(path)
        keys: list[np.ndarray] = []
        docs: list[np.ndarray] = []
        held = 0
        t = time.time()
        for _name, text in documents(path):
            doc_no += 1
            seq = array("I")
            for sent in sentences(text):
                seq.extend((bos, bos, bos))
                seq.extend([get(tok, unk) for tok in sent])
                seq.append(eos)
            if len(seq) < 3:
                continue
            s = np.frombuffer(seq, dtype=np.uint32).astype(np.uint64)
            k = (s[:-2] << (b + b)) | (s[1:-1] << b) | s[2:]
            k = k[s[2:] != bos]
            keys.append(k)
            docs.append(np.full(len(k), doc_no, np.uint32))
            held += len(k)
            if held >= CHUNK_TOKENS:
                _flush(np.concatenate(keys), np.concatenate(docs), w, tmp, chunk)
                chunk, held, keys, docs = chunk + 1, 0, [], []
        if keys:
            _flush(np.concatenate(keys), np.concatenate(docs), w, tmp, chunk)
            chunk += 1
        print(f"  trigrams of {path.name} counted ({time.time() - t:.0f}s)", flush=True)
    out_k, out_c = [], []
    for p in range(PARTS):
        parts = [np.load(f) for f in sorted(tmp.glob(f"c*_p{p:02d}.npz"))]
        k = np.concatenate([x["keys"] for x in parts])
        c = np.concatenate([x["counts"] for x in parts])
        d = np.concatenate([x["docs"] for x in parts])
        order = np.argsort(k, kind="stable")
        k, c, d = k[order], c[order], d[order]
        uniq, start = np.unique(k, return_index=True)
        c, d = np.add.reduceat(c, start), np.add.reduceat(d, start)
        keep = d >= MIN_DOCS
        out_k.append(uniq[keep])
        out_c.append(c[keep])
    for done in tmp.glob("*.npz"):
        done.unlink()
    keys = np.concatenate(out_k)
    order = np.argsort(keys)
    return keys[order], np.concatenate(out_c)[order]


def cached_trigram_counts(files: list[Path], vocab: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """trigram_counts with the ids of `vocab` (words outside it are <unk>). The counts are kept in
    CACHE with the ids of the news vocabulary itself, so builds that differ in anything else
    (other corpora, weights, pruning) count the news once."""
    import hashlib

    own = list(SPECIALS) + sorted(cached_words(files))
    key = hashlib.sha256(json.dumps([[f.name for f in files], own, IN_GENRE_WEIGHT, MIN_DOCS],
                                    ensure_ascii=False).encode()).hexdigest()[:16]
    path = CACHE / f"trigrams-{key}.npz"
    if path.exists():
        with np.load(path) as data:
            keys, counts = data["keys"], data["counts"]
    else:
        for old in CACHE.glob("trigrams-*.npz"):
            old.unlink()
        keys, counts = trigram_counts(files, {w: i for i, w in enumerate(own)}, CACHE / "parts")
        np.savez(path, keys=keys, counts=counts)
    ids = {w: i for i, w in enumerate(vocab)}
    unk = ids[UNK]
    remap = np.array([ids.get(w, unk) for w in own], np.uint64)
    b = np.uint64(BITS)
    mask = np.uint64((1 << BITS) - 1)
    mapped = (remap[(keys >> (b + b)).astype(np.intp)] << (b + b)) | (remap[((keys >> b) & mask).astype(np.intp)] << b) \
        | remap[(keys & mask).astype(np.intp)]
    order = np.argsort(mapped, kind="stable")
    mapped, counts = mapped[order], counts[order]
    uniq, start = np.unique(mapped, return_index=True)
    return uniq, np.add.reduceat(counts, start)


def cached_words(files: list[Path]) -> dict[str, int]:
    """The words main() counted (weighted uses of those in MIN_DOCS documents or more), for these files."""
    if json.loads((CACHE / "files.json").read_text(encoding="utf-8")) != [f.name for f in files]:
        raise RuntimeError(f"{CACHE} holds the words of other news files: run python -m training.news first")
    return json.loads((CACHE / "words.json").read_text(encoding="utf-8"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=Path("../shared/corpus"))
    ap.add_argument("--only", help="comma-separated file name prefixes (a measured subset)")
    args = ap.parse_args()
    files = news_files(args.corpus, args.only)
    CACHE.mkdir(parents=True, exist_ok=True)
    print(f"counting words of {len(files)} news files", flush=True)
    uses, docs = word_counts(files)
    words = {w: c for w, c in uses.items() if docs[w] >= MIN_DOCS}
    (CACHE / "words.json").write_text(json.dumps(words, ensure_ascii=False, sort_keys=True), encoding="utf-8")
    (CACHE / "files.json").write_text(json.dumps([f.name for f in files]), encoding="utf-8")
    print(f"  {len(words)} words in at least {MIN_DOCS} documents", flush=True)


if __name__ == "__main__":
    main()
