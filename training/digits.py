"""Train the handwritten-digit classifier of ingest/digits.py and write its weights as JSON.

    python -m training.digits --out ingest/model/digits.json

Data: the UCI optical handwritten digits as scikit-learn ships them (`load_digits`: the set's
test part, 1,797 8x8 images of 0-16 by 13 writers, CC BY 4.0; ADR 0009). Needs scikit-learn
(the `dev` extra); the shipped reader is numpy only. A quarter of the set, drawn with a fixed seed, reports accuracy
before the final fit on all of it. Deterministic: fixed seeds, fixed data order.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import cv2
import numpy as np

HIDDEN = 24  # hidden units: a model of a few KB, as accurate on the held-back quarter as wider ones
ALPHA = 1e-2  # L2 weight decay: keeps the probabilities less sure on glyphs unlike the set
MODEL = Path(__file__).resolve().parents[1] / "ingest" / "model" / "digits.json"
COPIES = 6  # distorted copies of each image: hands slant, lean and squeeze more than the set's 13 writers


def _bitmap(image: np.ndarray) -> np.ndarray:
    """An 8x8 image of 0-16 back to a 32x32 glyph, dark ink on white."""
    big = cv2.resize(image.astype(np.float32), (32, 32), interpolation=cv2.INTER_LINEAR)
    # a low cut keeps the set's strokes as thick as its pens drew them: scans of pen ink are thick too
    return np.where(big >= 6.0, 0, 255).astype(np.uint8)


def _distorted(glyph: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """`glyph` sheared, turned and squeezed at random, on a margin so nothing is cut off."""
    glyph = cv2.copyMakeBorder(glyph, 16, 16, 16, 16, cv2.BORDER_CONSTANT, value=255)
    shear, turn, squeeze = rng.uniform(-0.4, 0.4), np.deg2rad(rng.uniform(-12, 12)), rng.uniform(0.6, 1.2)
    c, s = np.cos(turn), np.sin(turn)
    m = np.array([[squeeze * c, -s + shear], [squeeze * s, c]])
    centre = np.array([32.0, 32.0])
    affine = np.hstack([m, (centre - m @ centre)[:, None]]).astype(np.float32)
    return cv2.warpAffine(glyph, affine, (64, 64), flags=cv2.INTER_LINEAR, borderValue=255)


def _training_set(images: np.ndarray, labels: np.ndarray, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """The set's images and their distorted copies, each normalised by the reader's own
    `features`, so training sees what the reader computes."""
    from vnresolve.ingest.digits import features

    rng = np.random.default_rng(seed)
    x, y = [], []
    for image, label in zip(images, labels):
        glyph = _bitmap(image)
        for k in range(COPIES + 1):
            x.append(features(glyph if k == 0 else _distorted(glyph, rng)))
            y.append(label)
    return np.array(x), np.array(y)


def _fit(x: np.ndarray, y: np.ndarray):
    from sklearn.neural_network import MLPClassifier
    from sklearn.preprocessing import StandardScaler

    scaler = StandardScaler().fit(x)
    net = MLPClassifier(hidden_layer_sizes=(HIDDEN,), alpha=ALPHA, max_iter=2000, random_state=0)
    net.fit(scaler.transform(x), y)
    return scaler, net


def main() -> None:
    from sklearn.datasets import load_digits
    from sklearn.model_selection import train_test_split

    from vnresolve.ingest.digits import features

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=MODEL)
    args = ap.parse_args()
    data = load_digits()
    ia, ib, ya, yb = train_test_split(data.images, data.target, test_size=0.25, random_state=0, stratify=data.target)
    scaler, net = _fit(*_training_set(ia, ya, seed=0))
    xb = np.array([features(_bitmap(image)) for image in ib])
    print(f"held-back quarter: {net.score(scaler.transform(xb), yb):.3f} right ({len(yb)} digits)")
    scaler, net = _fit(*_training_set(data.images, data.target, seed=0))
    scale = np.where(scaler.scale_ > 0, scaler.scale_, 1.0)

    def r(a) -> list:
        return np.round(np.asarray(a, dtype=float), 3).tolist()

    model = {"source": "sklearn.datasets.load_digits (UCI optical handwritten digits, CC BY 4.0)",
             "mean": r(scaler.mean_), "scale": r(scale), "w1": r(net.coefs_[0]), "b1": r(net.intercepts_[0]),
             "w2": r(net.coefs_[1]), "b2": r(net.intercepts_[1])}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(model, sort_keys=True, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({args.out.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
