"""Build the restoration model from ../shared/corpus: language model, syllable inventory, channel.

    python -m training.train --corpus ../shared/corpus --out diacritics/model

Deterministic: documents are read in a fixed order, held-out documents (corpus.is_held_out) are
skipped, and every table is sorted before it is written. Only statistics are written, no text.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from array import array
from collections import Counter
from pathlib import Path

import numpy as np

from vnresolve.diacritics import capitals, config
from vnresolve.diacritics.config import MODEL_DIR
from training import news
from training.corpus import split_documents
from vnresolve.diacritics.lm import BITS, quantize
from vnresolve.diacritics.lmtokens import BOS, EOS, SPECIALS, UNK, sentences
from vnresolve.diacritics.places import CITY, data_lines, provinces
from vnresolve.diacritics.syllables import is_syllable

GAZETTEER_WEIGHT = 30  # the corpora barely know Party vocabulary; the gazetteer makes up for it
PLACE_WEIGHT = 3  # each body x place line; enough for its trigrams to survive pruning, too few to skew "tỉnh"
MIN_COUNT = 2
MIN_TRIGRAM = 2  # trigrams seen once are pruned: keeping them grows the model and slows the beam for little gain
# Every bigram is kept: more accurate on OCR and stripped text at no measurable cost in speed
# (the beam's bigram look-ups sit behind a Bloom filter).
MIN_BIGRAM = 1
MIN_CONTEXT = 2  # backoff weights are stored for contexts seen this often
SELF_TRAIN_ROUNDS = 1  # a second round measured no better
SELF_TRAIN_WEIGHT = 2  # confident decodings of seeds 002-004 added to the LM text this many times
SELF_TRAIN_CONFIDENCE = 0.5


def gazetteer_sentences() -> list[list[str]]:
    return [sent for line in data_lines("gazetteer.txt") for sent in sentences(line)]


def place_sentences() -> list[list[str]]:
    """The bodies of data/place_bodies.txt named with each place of data/provinces.txt.

    The corpora seldom name a province's bodies, and a place name stripped of its marks is often
    a common word ("Dien Bien" = diễn biến): without these n-grams "Tỉnh ủy Dien Bien" reads
    as "Tỉnh ủy Diễn Biến"."""
    out = []
    for unit, name in provinces():
        committee = "Thành ủy" if unit == CITY else "Tỉnh ủy"
        for template in data_lines("place_bodies.txt"):
            out.extend(sentences(template.format(unit=unit, name=name, committee=committee)))
    return out


def langdata_sentences(corpus: Path) -> list[list[str]]:
    """Tesseract's wordlist and bigram list: no counts, so each entry counts once."""
    out = []
    for name in ("vie.wordlist", "vie.word.bigrams"):
        path = corpus / "langdata_vie" / name
        if path.exists():
            for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
                words = line.split()
                if words and all(is_syllable(w.lower()) for w in words):
                    out.extend(sentences(line))
    return out


def collect(corpus: Path) -> list[list[str]]:
    sents: list[list[str]] = []
    for _name, text in split_documents(corpus, held_out=False):
        sents.extend(sentences(text))
    sents.extend(langdata_sentences(corpus))
    gaz = gazetteer_sentences()
    for _ in range(GAZETTEER_WEIGHT):
        sents.extend(gaz)
    places = place_sentences()
    for _ in range(PLACE_WEIGHT):
        sents.extend(places)
    return sents


def discount(counts: np.ndarray) -> float:
    n1, n2 = int((counts == 1).sum()), int((counts == 2).sum())
    return n1 / (n1 + 2 * n2) if n1 + n2 else 0.5


def group_sum(keys_sorted: np.ndarray, values: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Unique keys of a sorted array with the sum and the number of rows of each group."""
    uniq, start, n = np.unique(keys_sorted, return_index=True, return_counts=True)
    return uniq, np.add.reduceat(values, start), n


def build_lm(sents: list[list[str]], out: Path, news_files: list[Path] | None = None,
             min_trigram: int = MIN_TRIGRAM, min_bigram: int = MIN_BIGRAM, own_weight: int = 1) -> dict:
    """The LM of sents, plus the news statistics of training/news.py where news_counts (its cache
    folder) is given: its words that are in two documents or more join the vocabulary, its
    trigrams (none of a single document) join the counts."""
    t0 = time.time()
    (out / capitals.FILE).unlink(missing_ok=True)  # made for the vocabulary being replaced (write_capitals)
    unigram = Counter(w for s in sents for w in s)
    own = {w for w, c in unigram.items() if c >= MIN_COUNT}
    if own_weight != 1:
        unigram = Counter({w: c * own_weight for w, c in unigram.items()})
    news_words: dict[str, int] = {}
    if news_files:
        news_words = news.cached_words(news_files)
    for w, c in news_words.items():
        unigram[w] += c
    words = sorted((w for w in unigram if (w in own or news_words.get(w, 0) >= news.MIN_WORD_COUNT) and w not in SPECIALS),
                   key=lambda w: (-unigram[w], w))
    vocab = list(SPECIALS) + words
    assert len(vocab) < (1 << BITS)
    ids = {w: i for i, w in enumerate(vocab)}
    unk, bos, eos = ids[UNK], ids[BOS], ids[EOS]
    stream = array("I")
    for s in sents:
        stream.extend((bos, bos, bos))
        stream.extend(ids.get(w, unk) for w in s)
        stream.append(eos)
    seq = np.frombuffer(stream, dtype=np.uint32).astype(np.uint64)
    b = np.uint64(BITS)
    keys = (seq[:-2] << np.uint64(2 * BITS)) | (seq[1:-1] << b) | seq[2:]
    keys = keys[seq[2:] != bos]
    keys.sort()
    tri, c3 = np.unique(keys, return_counts=True)
    del keys, seq, stream
    # The news counts hold no n-gram of a single document, so their counts of counts say nothing
    # of the discounts: those come from the other corpora's own counts, unpruned.
    fixed_d3 = discount(c3) if news_files else None
    fixed_d2 = discount(np.unique(tri & np.uint64((1 << (2 * BITS)) - 1), return_counts=True)[1]) if news_files else None
    c3 = c3 * own_weight
    if news_files:
        nk, nc = news.cached_trigram_counts(news_files, vocab)
        allk = np.concatenate([tri, nk])
        allc = np.concatenate([c3.astype(np.int64), nc])
        del nk, nc
        order = np.argsort(allk, kind="stable")
        allk, allc = allk[order], allc[order]
        tri, start = np.unique(allk, return_index=True)
        c3 = np.add.reduceat(allc, start)
        del allk, allc, order
    print(f"  {len(vocab)} types, {len(tri)} trigram types ({time.time() - t0:.0f}s)", flush=True)

    m42 = np.uint64((1 << (2 * BITS)) - 1)
    # trigram level: raw counts
    d3 = discount(c3) if fixed_d3 is None else fixed_d3
    ctx3 = tri >> b
    ctx_u, ctx_sum, ctx_types = group_sum(ctx3, c3.astype(np.float64))
    # bigram level: continuation counts N1+(. v w) and raw counts, both from trigram suffixes
    suf = tri & m42
    order = np.argsort(suf, kind="stable")
    suf_sorted = suf[order]
    bi, cc2, _ = group_sum(suf_sorted, np.ones(len(suf), np.float64))
    _, raw2, _ = group_sum(suf_sorted, c3[order].astype(np.float64))
    del order, suf_sorted, suf
    d2 = discount(cc2.astype(np.int64)) if fixed_d2 is None else fixed_d2
    bctx = (bi >> b).astype(np.int64)
    V = len(vocab)
    s2 = np.bincount(bctx, weights=cc2, minlength=V)
    t2 = np.bincount(bctx, minlength=V).astype(np.float64)
    # unigram level: number of distinct left neighbours
    cc1 = np.bincount((bi & np.uint64((1 << BITS) - 1)).astype(np.int64), minlength=V).astype(np.float64)
    cc1[bos] = 0
    p1 = 0.99 * cc1 / cc1.sum() + 0.01 / V
    p1[bos] = 1e-12
    bow1 = np.where(s2 > 0, d2 * t2 / np.maximum(s2, 1), 1.0)
    bw = (bi & np.uint64((1 << BITS) - 1)).astype(np.int64)
    p2 = np.maximum(cc2 - d2, 0) / np.maximum(s2[bctx], 1) + bow1[bctx] * p1[bw]

    keep3 = c3 >= min_trigram
    tri_k, c3_k = tri[keep3], c3[keep3]
    pos = np.searchsorted(ctx_u, tri_k >> b)
    p2_of = p2[np.searchsorted(bi, tri_k & m42)]
    bow2_ctx = d3 * ctx_types[pos] / ctx_sum[pos]
    p3 = np.maximum(c3_k - d3, 0) / ctx_sum[pos] + bow2_ctx * p2_of

    keep2 = raw2 >= min_bigram
    bi_k = np.union1d(bi[keep2], np.unique((tri_k >> b)[c3_k >= MIN_CONTEXT]))
    idx = np.minimum(np.searchsorted(bi, bi_k), len(bi) - 1)
    found = bi[idx] == bi_k
    ctx_of = (bi_k >> b).astype(np.int64)
    w_of = (bi_k & np.uint64((1 << BITS) - 1)).astype(np.int64)
    cpos = np.minimum(np.searchsorted(ctx_u, bi_k), len(ctx_u) - 1)
    has_ctx = ctx_u[cpos] == bi_k
    # Backoff weights renormalised over what is stored, as SRILM does when it prunes: the
    # interpolation weight d3 * types / sum would lose the discounted mass of the pruned trigrams.
    s3_kept = np.bincount(pos, weights=p3, minlength=len(ctx_u))
    s2_kept = np.bincount(pos, weights=p2_of, minlength=len(ctx_u))
    bow3 = (1.0 - s3_kept) / np.maximum(1.0 - s2_kept, 1e-9)
    bi_bow = np.where(has_ctx, bow3[cpos], 1.0)
    # the same one level down: the bigrams not stored back off to the unigrams
    stored = bi_k[np.minimum(np.searchsorted(bi_k, bi), len(bi_k) - 1)] == bi
    s2_stored = np.bincount(bctx[stored], weights=p2[stored], minlength=V)
    s1_stored = np.bincount(bctx[stored], weights=p1[bw[stored]], minlength=V)
    uni_back = np.where(s2 > 0, (1.0 - s2_stored) / np.maximum(1.0 - s1_stored, 1e-9), 1.0)
    bi_p = np.where(found, p2[idx], uni_back[ctx_of] * p1[w_of])

    out.mkdir(parents=True, exist_ok=True)
    np.save(out / "uni_lp.npy", quantize(np.log(p1)))
    np.save(out / "uni_bow.npy", quantize(np.log(uni_back)))
    np.save(out / "bi_keys.npy", bi_k.astype(np.uint64))
    np.save(out / "bi_lp.npy", quantize(np.log(bi_p)))
    np.save(out / "bi_bow.npy", quantize(np.log(bi_bow)))
    np.save(out / "tri_keys.npy", tri_k)
    np.save(out / "tri_lp.npy", quantize(np.log(p3)))
    counts = [int(unigram.get(w, 0)) for w in vocab]
    (out / "lm.json").write_text(json.dumps({"vocab": vocab, "counts": counts, "d2": d2, "d3": d3}, ensure_ascii=False),
                                 encoding="utf-8")
    stats = {"tokens": int(sum(unigram.values())), "types": V, "bigrams": int(len(bi_k)), "trigrams": int(len(tri_k)),
             "trigram_types_unpruned": int(len(tri))}
    print(f"  LM written: {stats} ({time.time() - t0:.0f}s)", flush=True)
    return stats


def write_inventory(out: Path) -> int:
    """Save the candidate inventory (LM ids of the syllables the decoder may propose), so the
    restorer does not re-run the phonotactic filter over the whole vocabulary at every load."""
    from vnresolve.diacritics.ngram import inventory_syllables

    meta = json.loads((out / "lm.json").read_text(encoding="utf-8"))
    ids = {w: i for i, w in enumerate(meta["vocab"])}
    syllables = inventory_syllables(meta["vocab"], meta["counts"], config.load(out).min_inventory_count)
    keep = np.array([ids[w] for w in syllables], np.int32)
    np.save(out / "inventory.npy", keep)
    return len(keep)


def main() -> None:
    from training.channel_train import PAGES

    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", type=Path, default=Path("../shared/corpus"))
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parents[1] / "diacritics" / "model")
    ap.add_argument("--skip-lm", action="store_true", help="rebuild only the channel")
    ap.add_argument("--pages", type=int, default=PAGES, help="synthetic OCR pages for the channel (made if missing)")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="processes rendering and OCR-ing those pages")
    ap.add_argument("--news", nargs="?", const="all", metavar="PREFIXES",
                    help="add the news statistics (training/news.py, run first); PREFIXES: a comma-separated subset of its files")
    ap.add_argument("--keep-channel", action="store_true",
                    help="rebuild the LM (self-training included), inventory, candidate pools (for the forms in --out) and "
                         "capitals on the channel in --out, without synthetic pages")
    ap.add_argument("--own-weight", type=int, default=1,
                    help="count the other corpora (laws, Wikipedia, word lists, gazetteer) this many times beside the news")
    ap.add_argument("--min-trigram", type=int, default=MIN_TRIGRAM)
    ap.add_argument("--min-bigram", type=int, default=MIN_BIGRAM)
    ap.add_argument("--only-capitals", action="store_true",
                    help="rebuild only the capitalisation table (capitals.py) for the LM already in --out")
    args = ap.parse_args()
    # the decoder's tuned numbers (config.py) are an input of the build: a folder without its own
    # decoder.json gets the committed one, which `make model` leaves as it is
    args.out.mkdir(parents=True, exist_ok=True)
    config.provide(args.out, MODEL_DIR)
    if args.only_capitals:
        write_capitals(args.corpus, args.out)
        return
    news_files = news.news_files(args.corpus, None if args.news == "all" else args.news) if args.news else None
    lm_options = {"news_files": news_files, "min_trigram": args.min_trigram, "min_bigram": args.min_bigram,
                  "own_weight": args.own_weight}
    if not args.skip_lm:
        print("reading corpus", flush=True)
        sents = collect(args.corpus)
        build_lm(sents, args.out, **lm_options)
        write_inventory(args.out)
        del sents
    if args.keep_channel:
        from training.channel_train import build_pools

        forms = json.loads((args.out / "pool_obs.json").read_text(encoding="utf-8"))
        build_pools(args.out, None, forms=forms)
        seeds = args.corpus.parent / "seeds"
        for _ in range(SELF_TRAIN_ROUNDS if seeds.is_dir() else 0):
            extra = seed_sentences(args.out, seeds)
            print(f"self-training the LM on {len(extra)} confident sentences of seeds 002-004", flush=True)
            sents = collect(args.corpus) + extra * SELF_TRAIN_WEIGHT
            build_lm(sents, args.out, **lm_options)
            write_inventory(args.out)
            del sents
            build_pools(args.out, None, forms=forms)
        write_capitals(args.corpus, args.out)
        return
    from training import synth
    from training.channel_train import build_channel, page_files

    have = len(page_files(args.pages))
    if have < args.pages:  # about 3 s of Tesseract per page and process
        print(f"rendering and OCR-ing {args.pages - have} synthetic pages into {synth.CACHE / 'pairs'}", flush=True)
        synth.generate(args.corpus, synth.CACHE / "pairs", args.pages, 1, held_out=False, workers=args.workers)

    seeds = args.corpus.parent / "seeds"
    build_channel(args.out, seeds, args.pages)
    for _ in range(SELF_TRAIN_ROUNDS if not args.skip_lm and seeds.is_dir() else 0):
        extra = seed_sentences(args.out, seeds)
        print(f"self-training the LM on {len(extra)} confident sentences of seeds 002-004", flush=True)
        sents = collect(args.corpus)
        for _ in range(SELF_TRAIN_WEIGHT):
            sents.extend(extra)
        build_lm(sents, args.out, **lm_options)
        write_inventory(args.out)
        del sents
        build_channel(args.out, seeds, args.pages)
    if not args.skip_lm:
        write_capitals(args.corpus, args.out)


def write_capitals(corpus: Path, out: Path) -> None:
    """The capitalisation table for the final LM's vocabulary, from the held-in corpus documents."""
    n = capitals.build((text for _name, text in split_documents(corpus, held_out=False)), out,
                       config.load(out).capital_smoothing)
    print(f"capitalisation table written for {n} LM words", flush=True)


def seed_sentences(out: Path, seeds: Path) -> list[list[str]]:
    """Confidently decoded sentences of the unlabeled seeds 002-004 (never 000/001).

    The corpora are laws and encyclopaedia articles; these are Party resolutions and reports,
    the genre the restorer is for. Uncertain words are left out so that the
    model's own mistakes are not taught back to it: uncertain words cut the text into pieces."""
    import re

    from training.channel_train import ADAPT_SEEDS
    from vnresolve.diacritics.ngram import NgramRestorer

    restorer = NgramRestorer(out, capitals=False)  # the table is made for the final vocabulary, last
    found: list[list[str]] = []
    for prefix in ADAPT_SEEDS:
        for path in sorted(seeds.glob(f"{prefix}_*.txt")):
            text = path.read_text(encoding="utf-8")
            decoded = restorer.decode(text, all_confidences=True, forward=True)
            pieces, pos = [], 0
            for w, restored, conf, _ in decoded:
                pieces.append(text[pos:w.start])
                pieces.append(restored if conf >= SELF_TRAIN_CONFIDENCE else "\x00")
                pos = w.end
            pieces.append(text[pos:])
            flat = re.sub(r"(?<!\n)\n(?!\n)", " ", "".join(pieces))  # unwrap hard line breaks
            for sent in re.split(r"[.;!?\x00]|\n\s*\n", flat):  # n-grams never span an uncertain word
                if len(sent.split()) >= 3:
                    found.extend(sentences(sent))
    return found


if __name__ == "__main__":
    main()
