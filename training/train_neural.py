"""Train the neural context scorer (neural.py) and export it as numpy weights.

    python -m training.train_neural --corpus ../shared/corpus --out diacritics/model/neural.npz

Needs torch (the optional `train` extra; the shipped restorer reads the .npz with numpy only).
The model reads ACCENT-STRIPPED, lower-cased syllables (plus number, comma and sentence-boundary
tokens) and, for every position, scores the accented syllables that strip to the same form as the
token there ("the" -> thế, thể, thé, ...): a softmax over that group only, which is what the
restorer has to decide for stripped text, and what it re-ranks for OCR text.

Data: the held-in corpus documents (corpus.is_held_out excluded) minus a dev split (`is_dev`,
1 document in 50 of the rest) used to report accuracy and to tune the restorer's weight. With
--news, the held-in documents of ../shared/corpus/news too, read and held out as training/news.py
reads them (tone placement normalised by lmtokens.sentences, as everywhere), the in-genre source
(VNTC politics and society) drawn twice as often as the rest of the news, as the LM build counts
it; vlc + viwiki then OWN_WEIGHT times, about half of what is drawn. Seeds are never read.
Deterministic: fixed seeds, one thread, fixed data order.

Each source's token stream is kept in training/.cache/neural/ (as ids of its own word types), so
the stages of `make neural` read the 136M syllables of news once.
"""

from __future__ import annotations

import argparse
import hashlib
import time
from array import array
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from training import news
from training.corpus import HELD_OUT_MODULUS, iter_documents, is_held_out
from vnresolve.diacritics import lmtokens, vntext
from vnresolve.diacritics.lmtokens import COMMA, NUM, sentences
from vnresolve.diacritics.neural import read_vocab
from vnresolve.diacritics.syllables import is_syllable
from vnresolve.diacritics.vntext import strip_accents

PAD, UNK_IN, BOUND = "<pad>", "<unk>", "<b>"
IN_SPECIALS = (PAD, UNK_IN, BOUND, NUM, COMMA)
DEV_MODULUS = 50
MIN_IN_COUNT = 5
MAX_IN_VOCAB = 16_000
MIN_OUT_COUNT = 5
WINDOW = 64
CORRUPT = 0.05  # share of input tokens replaced by <unk> in training
CACHE = Path(__file__).resolve().parent / ".cache" / "neural"
# vlc + viwiki beside the news: about half of the windows drawn (16.8M tokens against 156M of
# weighted news). The restorer's held-out text is theirs, and the model is too small to learn
# both at full strength: at the LM build's weight (2) their dev accuracy fell 95.1 -> 94.4 %
# in 5,000 steps
OWN_WEIGHT = 9


def is_dev(name: str) -> bool:
    """Dev documents: never trained on, not the benchmark's held-out ones either."""
    if is_held_out(name):
        return False
    digest = hashlib.md5(name.encode("utf-8")).digest()
    return int.from_bytes(digest[4:8], "little") % DEV_MODULUS == 0


@dataclass
class Source:
    """One corpus source's held-in text as ids of its own word types: the train and the dev
    documents' streams (sentences each after a boundary token, one at the end), and the weight
    its windows are drawn with."""

    name: str
    types: list[str]
    train: np.ndarray
    dev: np.ndarray
    weight: int


def read_source(name: str, docs, weight: int, key: str) -> Source:
    """The source's streams from the cache, or read from `docs` ((name, text), held in) and cached
    under `key` (the files read) and what else the streams depend on: the tokens' and the splits' rules."""
    rules = [Path(m.__file__).read_bytes() for m in (lmtokens, vntext)] + [HELD_OUT_MODULUS, DEV_MODULUS]
    path = CACHE / f"{name}-{hashlib.sha1(repr((key, rules)).encode()).hexdigest()[:12]}.npz"
    if path.exists():
        with np.load(path) as z:
            return Source(name, read_vocab(z["types"]), z["train"], z["dev"], weight)
    t = time.time()
    ids = {BOUND: 0}
    streams = {False: array("I"), True: array("I")}
    for doc, text in docs:
        out = streams[is_dev(doc)]
        for sent in sentences(text):
            out.append(0)
            for tok in sent:
                i = ids.get(tok)
                if i is None:
                    i = ids[tok] = len(ids)
                out.append(i)
    for out in streams.values():
        out.append(0)
    train, dev = (np.frombuffer(streams[d], np.uint32).copy() for d in (False, True))
    CACHE.mkdir(parents=True, exist_ok=True)
    for old in CACHE.glob(f"{name}-*.npz"):
        old.unlink()
    np.savez(path, types=np.array("\n".join(ids)), train=train, dev=dev)
    print(f"  read {name}: {len(train):,} tokens, {len(dev):,} dev ({time.time() - t:.0f} s)", flush=True)
    return Source(name, list(ids), train, dev, weight)


def read_sources(corpus: Path, with_news: bool) -> list[Source]:
    """vlc + viwiki (weight OWN_WEIGHT beside the news, else 1) and, with_news, each news file."""
    files = [corpus / "vlc", corpus / "viwiki"]
    key = repr(sorted((f.name, f.stat().st_size) for d in files for f in d.iterdir()))
    docs = ((n, t) for n, t in iter_documents(corpus) if not is_held_out(n))
    sources = [read_source("vlc-viwiki", docs, OWN_WEIGHT if with_news else 1, key)]
    if with_news:
        for path in news.news_files(corpus):
            sources.append(read_source(path.name.split(".")[0], news.documents(path), news.weight_of(path),
                                       repr((path.name, path.stat().st_size))))
    return sources


def type_counts(sources: list[Source]) -> Counter:
    """Uses of every word in the sources' train streams, first seen first (as Counter(stream) orders
    them: build_vocab's cut of the input vocabulary keeps the first of equal counts)."""
    counts: Counter = Counter()
    for src in sources:
        n = np.bincount(src.train, minlength=len(src.types))
        seen, first = np.unique(src.train, return_index=True)
        for k in seen[np.argsort(first)].tolist():
            counts[src.types[k]] += int(n[k])
    return counts


def build_vocab(counts: Counter) -> tuple[list[str], list[str]]:
    out_vocab = sorted(w for w, c in counts.items() if c >= MIN_OUT_COUNT and is_syllable(w))
    stripped: Counter[str] = Counter()
    for w, c in counts.items():
        if w not in IN_SPECIALS:
            stripped[strip_accents(w)] += c
    keep = [w for w, c in stripped.most_common() if c >= MIN_IN_COUNT][:MAX_IN_VOCAB]
    # every output syllable's stripped form is an input token, so each group has its key
    keep_set = set(keep)
    keep += sorted({strip_accents(w) for w in out_vocab} - keep_set)
    in_vocab = list(IN_SPECIALS) + sorted(set(keep) - set(IN_SPECIALS))
    return in_vocab, out_vocab


def groups(in_vocab: list[str], out_vocab: list[str]) -> np.ndarray:
    """(len(in_vocab), M) output ids of each stripped form's accented readings, -1 padded."""
    by_key: dict[str, list[int]] = {}
    for j, w in enumerate(out_vocab):
        by_key.setdefault(strip_accents(w), []).append(j)
    m = max(len(v) for v in by_key.values())
    table = np.full((len(in_vocab), m), -1, np.int32)
    for i, w in enumerate(in_vocab):
        ids = by_key.get(w, [])
        table[i, :len(ids)] = ids
    return table


def encode(src: Source, in_vocab: list[str], out_vocab: list[str], table: np.ndarray, dev: bool = False):
    """(input id, position of the token's reading in its group or -1: nothing to learn) per token."""
    in_ids = {w: i for i, w in enumerate(in_vocab)}
    out_ids = {w: j for j, w in enumerate(out_vocab)}
    unk = in_ids[UNK_IN]
    pairs = np.empty((len(src.types), 2), np.int32)
    for k, w in enumerate(src.types):
        i = in_ids.get(w if w in IN_SPECIALS else strip_accents(w), unk)
        j, t = out_ids.get(w), -1
        if j is not None and table[i, 1] >= 0:
            t = int(np.nonzero(table[i] == j)[0][0])
        pairs[k] = i, t
    stream = src.dev if dev else src.train
    return pairs[stream, 0], pairs[stream, 1].astype(np.int16)


def make_model(torch, n_in: int, n_out: int, dim: int, dilations: tuple[int, ...]):
    nn = torch.nn

    class Net(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.emb = nn.Embedding(n_in, dim)
            self.convs = nn.ModuleList(nn.Conv1d(dim, dim, 3, padding=d, dilation=d) for d in dilations)
            self.proj = nn.Linear(dim, dim)
            self.out = nn.Embedding(n_out, dim)
            self.bias = nn.Embedding(n_out, 1)
            nn.init.normal_(self.emb.weight, std=0.1)
            nn.init.normal_(self.out.weight, std=0.1)
            nn.init.zeros_(self.bias.weight)
            for c in self.convs:
                nn.init.normal_(c.weight, std=0.5 / (3 * dim) ** 0.5)
                nn.init.zeros_(c.bias)

        def hidden(self, inp):  # inp (B, T) -> (B, T, dim)
            x = self.emb(inp).transpose(1, 2)
            for c in self.convs:
                x = x + torch.relu(c(x))
            return self.proj(x.transpose(1, 2))

        def group_logits(self, h, grp):  # h (N, dim), grp (N, M) -> (N, M), -inf on padding
            g = grp.clamp(min=0)
            logits = (self.out(g) * h[:, None, :]).sum(-1) + self.bias(g)[..., 0]
            return logits.masked_fill(grp < 0, float("-inf"))

    return Net()


def evaluate(torch, net, inp: np.ndarray, tgt: np.ndarray, table: np.ndarray) -> tuple[float, float, int]:
    """(accuracy over positions with an ambiguity, mean loss, positions) on a token stream."""
    net.eval()
    n = len(inp) // WINDOW * WINDOW
    x = torch.from_numpy(inp[:n].reshape(-1, WINDOW).astype(np.int64))
    y = torch.from_numpy(tgt[:n].reshape(-1).astype(np.int64))
    tab = torch.from_numpy(table.astype(np.int64))
    right = total = 0
    loss_sum = 0.0
    with torch.no_grad():
        for s in range(0, len(x), 256):
            h = net.hidden(x[s:s + 256]).reshape(-1, net.emb.embedding_dim)
            yy = y[s * WINDOW:(s + 256) * WINDOW]
            sel = yy >= 0
            logits = net.group_logits(h[sel], tab[x[s:s + 256].reshape(-1)[sel]])
            right += int((logits.argmax(1) == yy[sel]).sum())
            loss_sum += float(torch.nn.functional.cross_entropy(logits, yy[sel], reduction="sum"))
            total += int(sel.sum())
    net.train()
    return right / max(total, 1), loss_sum / max(total, 1), total


def export(net, in_vocab: list[str], out_vocab: list[str], dilations: tuple[int, ...], path: Path) -> None:
    sd = {k: v.detach().numpy() for k, v in net.state_dict().items()}
    weights = {
        "emb": sd["emb.weight"],
        "proj_w": sd["proj.weight"].T,
        "proj_b": sd["proj.bias"],
        "out": sd["out.weight"],
        "out_b": sd["bias.weight"][:, 0],
    }
    for k, d in enumerate(dilations):
        w = sd[f"convs.{k}.weight"]  # (out, in, 3) -> (3*in, out), tap-major
        weights[f"conv{k}_w"] = np.concatenate([w[:, :, t].T for t in range(3)], axis=0)
        weights[f"conv{k}_b"] = sd[f"convs.{k}.bias"]
    np.savez(  # uncompressed: float16 barely compresses, and it loads 2-3x faster
        path,
        in_vocab=np.array("\n".join(in_vocab)), out_vocab=np.array("\n".join(out_vocab)),
        dilations=np.array(dilations, np.int32),
        **{k: v.astype(np.float16) for k, v in weights.items()},
    )


def load(torch, net, path: Path, in_vocab: list[str], out_vocab: list[str]) -> None:
    z = np.load(path)
    assert read_vocab(z["in_vocab"]) == in_vocab and read_vocab(z["out_vocab"]) == out_vocab, "vocabularies differ"
    t = {k: torch.from_numpy(z[k].astype(np.float32)) for k in z.files if k not in ("in_vocab", "out_vocab", "dilations")}
    dim = net.emb.embedding_dim
    sd = {"emb.weight": t["emb"], "proj.weight": t["proj_w"].T.contiguous(), "proj.bias": t["proj_b"],
          "out.weight": t["out"], "bias.weight": t["out_b"][:, None]}
    for k in range(len(net.convs)):
        w = t[f"conv{k}_w"]
        sd[f"convs.{k}.weight"] = torch.stack([w[i * dim:(i + 1) * dim].T for i in range(3)], dim=2).contiguous()
        sd[f"convs.{k}.bias"] = t[f"conv{k}_b"]
    net.load_state_dict(sd)


def average(paths: list[Path], out: Path) -> None:
    """Write the mean of exported weights (same vocabularies, layers and shapes): of two stages
    trained on different sources, the mean keeps most of what the later one gained on its own
    source and little of what it lost on the other (diacritics/model/README.md)."""
    zs = []
    for p in paths:
        with np.load(p) as z:
            zs.append({k: z[k] for k in z.files})
    first = zs[0]
    for z in zs[1:]:
        if (z.keys() != first.keys() or any(z[k].shape != first[k].shape for k in first)
                or any(not np.array_equal(z[k], first[k]) for k in ("in_vocab", "out_vocab", "dilations"))):
            raise ValueError(f"{paths[0]} and the others differ in vocabularies, layers or shapes")
    arrays = {k: first[k] if k in ("in_vocab", "out_vocab", "dilations")
              else (sum(z[k].astype(np.float32) for z in zs) / len(zs)).astype(np.float16) for k in first}
    np.savez(out, **arrays)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", type=Path, default=Path("../shared/corpus"))
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parents[1] / "diacritics" / "model" / "neural.npz")
    ap.add_argument("--dim", type=int, default=128)
    ap.add_argument("--dilations", default="1,2,4")
    ap.add_argument("--minutes", type=float, default=30.0, help="training time budget (stops at a fixed step count)")
    ap.add_argument("--steps", type=int, default=3500, help="fixed step count (0: as many as --minutes allows; not deterministic)")
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--news", action="store_true", help="read the held-in news documents too (corpus/news)")
    ap.add_argument("--init", type=Path, help="continue from these exported weights (same vocabularies)")
    ap.add_argument("--partial", type=Path, help="export the weights here every 1000 steps too")
    ap.add_argument("--average", type=Path, nargs="+", help="write these exported weights' mean to --out, no training")
    args = ap.parse_args()
    if args.average:
        average(args.average, args.out)
        return

    import torch

    torch.manual_seed(args.seed)
    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)
    t0 = time.time()
    sources = read_sources(args.corpus, args.news)
    if args.init:
        # continuing from trained weights keeps their vocabularies (the syllable rules may have
        # changed since: '-ắk' became a syllable after the shipped model was trained)
        with np.load(args.init) as z:
            in_vocab, out_vocab = read_vocab(z["in_vocab"]), read_vocab(z["out_vocab"])
    else:
        in_vocab, out_vocab = build_vocab(type_counts(sources))
    table = groups(in_vocab, out_vocab)
    # windows never straddle two sources; a source of weight w has each of its windows w times
    xs, ys, picks = [], [], []
    for src in sources:
        inp, tgt = encode(src, in_vocab, out_vocab, table)
        n = len(inp) // WINDOW
        picks.append(np.tile(np.arange(n) + sum(len(x) for x in xs), src.weight))
        xs.append(inp[:n * WINDOW].reshape(n, WINDOW))
        ys.append(tgt[:n * WINDOW].reshape(n, WINDOW))
    windows_x, windows_y = np.concatenate(xs), np.concatenate(ys)
    picks = torch.from_numpy(np.concatenate(picks))
    del xs, ys
    # dev accuracy on vlc + viwiki (the restorer's held-out text is theirs); the news dev reported beside it
    dinp, dtgt = encode(sources[0], in_vocab, out_vocab, table, dev=True)
    news_dev = [encode(src, in_vocab, out_vocab, table, dev=True) for src in sources[1:]]
    print(f"data: {windows_x.size:,} train tokens ({int((windows_y >= 0).sum()):,} ambiguous) from "
          f"{len(sources)} sources, {len(picks) * WINDOW:,} a weighted epoch, {len(dinp):,} dev; vocab in "
          f"{len(in_vocab)}, out {len(out_vocab)}, group width {table.shape[1]}; {time.time() - t0:.0f} s", flush=True)

    dilations = tuple(int(d) for d in args.dilations.split(","))
    net = make_model(torch, len(in_vocab), len(out_vocab), args.dim, dilations)
    if args.init:
        load(torch, net, args.init, in_vocab, out_vocab)
    opt = torch.optim.Adam(net.parameters(), lr=args.lr)
    n_win = len(picks)
    tab = torch.from_numpy(table.astype(np.int64))
    gen = torch.Generator().manual_seed(args.seed)
    order = picks[torch.randperm(n_win, generator=gen)]
    steps = args.steps or 10**9
    t1 = time.time()
    step = 0
    pos = 0
    while step < steps:
        if pos + args.batch > n_win:
            order, pos = picks[torch.randperm(n_win, generator=gen)], 0
        idx = order[pos:pos + args.batch].numpy()
        pos += args.batch
        x = torch.from_numpy(windows_x[idx].astype(np.int64))
        y = torch.from_numpy(windows_y[idx].reshape(-1).astype(np.int64))
        # a few context tokens hidden (unknown): OCR context is noisy, and a hidden token's own
        # group must then be scored from its neighbours alone
        noisy = x.masked_fill(torch.rand(x.shape, generator=gen) < CORRUPT, IN_SPECIALS.index(UNK_IN))
        h = net.hidden(noisy).reshape(-1, args.dim)
        sel = y >= 0
        logits = net.group_logits(h[sel], tab[x.reshape(-1)[sel]])
        loss = torch.nn.functional.cross_entropy(logits, y[sel])
        frac = min(1.0, step / max(1, steps)) if args.steps else min(1.0, (time.time() - t1) / (60 * args.minutes))
        for g in opt.param_groups:
            g["lr"] = args.lr * (1.0 - 0.9 * frac)
        opt.zero_grad()
        loss.backward()
        opt.step()
        step += 1
        if step % 500 == 0:
            print(f"step {step}: loss {loss.item():.4f}, {(time.time() - t1) / step * 1000:.0f} ms/step, "
                  f"epoch {step * args.batch / n_win:.2f}", flush=True)
        if args.partial and step % 1000 == 0 and step < steps:
            export(net, in_vocab, out_vocab, dilations, args.partial)
        if step % 5000 == 0:
            acc, dl, n = evaluate(torch, net, dinp[:400_000], dtgt[:400_000], table)
            print(f"  dev: accuracy {acc:.4f} on {n} ambiguous positions, loss {dl:.4f}", flush=True)
        if not args.steps and time.time() - t1 > 60 * args.minutes:
            break
    acc, dl, n = evaluate(torch, net, dinp, dtgt, table)
    print(f"final after {step} steps ({(time.time() - t1) / 60:.1f} min): dev accuracy {acc:.4f} on {n} ambiguous "
          f"positions, loss {dl:.4f}", flush=True)
    if news_dev:
        acc, dl, n = evaluate(torch, net, np.concatenate([d[0][:100_000] for d in news_dev]),
                              np.concatenate([d[1][:100_000] for d in news_dev]), table)
        print(f"  news dev: accuracy {acc:.4f} on {n} ambiguous positions, loss {dl:.4f}", flush=True)
    export(net, in_vocab, out_vocab, dilations, args.out)
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB); total {(time.time() - t0) / 60:.1f} min")


if __name__ == "__main__":
    main()
