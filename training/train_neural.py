"""Train the neural context scorer (neural.py) and export it as numpy weights.

    python -m training.train_neural --corpus ../shared/corpus --out diacritics/model/neural.npz

Needs torch (the optional `train` extra; the shipped restorer reads the .npz with numpy only).
The model reads ACCENT-STRIPPED, lower-cased syllables (plus number, comma and sentence-boundary
tokens) and, for every position, scores the accented syllables that strip to the same form as the
token there ("the" -> thế, thể, thé, ...): a softmax over that group only, which is what the
restorer has to decide for stripped text, and what it re-ranks for OCR text.

Data: the held-in corpus documents (corpus.is_held_out excluded) minus a dev split (`is_dev`,
1 document in 50 of the rest) used to report accuracy and to tune the restorer's weight. Seeds
are never read. Deterministic: fixed seeds, one thread, fixed data order.
"""

from __future__ import annotations

import argparse
import hashlib
import time
from collections import Counter
from pathlib import Path

import numpy as np

from training.corpus import iter_documents, is_held_out
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


def is_dev(name: str) -> bool:
    """Dev documents: never trained on, not the benchmark's held-out ones either."""
    if is_held_out(name):
        return False
    digest = hashlib.md5(name.encode("utf-8")).digest()
    return int.from_bytes(digest[4:8], "little") % DEV_MODULUS == 0


def token_stream(docs) -> list[str]:
    """Lower-case tone-normalised tokens, sentences separated by a boundary token."""
    out: list[str] = []
    for _name, text in docs:
        for sent in sentences(text):
            out.append(BOUND)
            out.extend(sent)
    out.append(BOUND)
    return out


def build_vocab(stream: list[str]) -> tuple[list[str], list[str]]:
    counts = Counter(stream)
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


def encode(stream: list[str], in_vocab: list[str], out_vocab: list[str], table: np.ndarray):
    in_ids = {w: i for i, w in enumerate(in_vocab)}
    out_ids = {w: j for j, w in enumerate(out_vocab)}
    unk = in_ids[UNK_IN]
    types: dict[str, tuple[int, int]] = {}
    for w in set(stream):
        i = in_ids.get(w if w in IN_SPECIALS else strip_accents(w), unk)
        j, t = out_ids.get(w), -1  # t: position inside the group, -1: nothing to learn
        if j is not None and table[i, 1] >= 0:
            t = int(np.nonzero(table[i] == j)[0][0])
        types[w] = (i, t)
    pairs = np.array([types[w] for w in stream], np.int32)
    return pairs[:, 0].copy(), pairs[:, 1].astype(np.int16)


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
    ap.add_argument("--init", type=Path, help="continue from these exported weights (same vocabularies)")
    ap.add_argument("--partial", type=Path, help="export the weights here every 1000 steps too")
    args = ap.parse_args()

    import torch

    torch.manual_seed(args.seed)
    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)
    t0 = time.time()
    docs = [(n, t) for n, t in iter_documents(args.corpus) if not is_held_out(n)]
    stream = token_stream(d for d in docs if not is_dev(d[0]))
    dev_stream = token_stream(d for d in docs if is_dev(d[0]))
    del docs
    if args.init:
        # continuing from trained weights keeps their vocabularies (the syllable rules may have
        # changed since: '-ắk' became a syllable after the shipped model was trained)
        with np.load(args.init) as z:
            in_vocab, out_vocab = read_vocab(z["in_vocab"]), read_vocab(z["out_vocab"])
    else:
        in_vocab, out_vocab = build_vocab(stream)
    table = groups(in_vocab, out_vocab)
    inp, tgt = encode(stream, in_vocab, out_vocab, table)
    dinp, dtgt = encode(dev_stream, in_vocab, out_vocab, table)
    del stream, dev_stream
    print(f"data: {len(inp):,} train tokens ({int((tgt >= 0).sum()):,} ambiguous), {len(dinp):,} dev; "
          f"vocab in {len(in_vocab)}, out {len(out_vocab)}, group width {table.shape[1]}; {time.time() - t0:.0f} s",
          flush=True)

    dilations = tuple(int(d) for d in args.dilations.split(","))
    net = make_model(torch, len(in_vocab), len(out_vocab), args.dim, dilations)
    if args.init:
        load(torch, net, args.init, in_vocab, out_vocab)
    opt = torch.optim.Adam(net.parameters(), lr=args.lr)
    n_win = len(inp) // WINDOW
    windows_x = torch.from_numpy(inp[:n_win * WINDOW].reshape(n_win, WINDOW).astype(np.int64))
    windows_y = torch.from_numpy(tgt[:n_win * WINDOW].reshape(n_win, WINDOW).astype(np.int64))
    tab = torch.from_numpy(table.astype(np.int64))
    gen = torch.Generator().manual_seed(args.seed)
    order = torch.randperm(n_win, generator=gen)
    steps = args.steps or 10**9
    t1 = time.time()
    step = 0
    pos = 0
    while step < steps:
        if pos + args.batch > n_win:
            order, pos = torch.randperm(n_win, generator=gen), 0
        idx = order[pos:pos + args.batch]
        pos += args.batch
        x, y = windows_x[idx], windows_y[idx].reshape(-1)
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
    export(net, in_vocab, out_vocab, dilations, args.out)
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB); total {(time.time() - t0) / 60:.1f} min")


if __name__ == "__main__":
    main()
