"""Training time of actlib.training.nn.MLP per epoch, full batch, on seeded moons (`make bench`).

Each epoch is one gradient step on the whole set plus the per-epoch measurements ``fit`` records
(loss, accuracy, gradient norms, dead units), which cost about as much again. Writes
``results/nn.md``.
"""
import time
from pathlib import Path

import numpy as np

from actlib.training import datasets
from actlib.training.nn import MLP, train_over_seeds
from actlib.training.seeds import SEEDS

CASES = [([2, 4, 1], "tanh", 400), ([2, 16, 16, 1], "relu", 400), ([2] + [16] * 10 + [1], "tanh", 400),
         ([2, 64, 64, 1], "relu", 4000)]


def main():
    lines = ["# actlib.training.nn: training time per epoch (full batch)\n",
             "| network | activation | points | ms per epoch | 1000 epochs (s) |", "|---|---|---:|---:|---:|"]
    for sizes, activation, n in CASES:
        X, y = datasets.moons(n, seed=0)
        network = MLP(sizes, activation, seed=0)
        network.fit(X, y, epochs=5)  # warm up
        epochs = 200
        start = time.perf_counter()
        network.fit(X, y, epochs=epochs, learning_rate=0.1)
        per_epoch = (time.perf_counter() - start) / epochs
        lines.append(f"| {'-'.join(map(str, sizes))} | {activation} | {n} | {per_epoch * 1e3:.2f} | "
                     f"{per_epoch * 1000:.2f} |")
    lines += ["", "## Five seeds: one by one, or as one batched computation (`train_over_seeds`)\n",
              "Both in the same run, 300 epochs, full batch; the ratio is what the notebooks gain by batching.\n",
              "| network | activation | points | one by one (s) | batched (s) | speed-up |", "|---|---|---:|---:|---:|---:|"]
    for sizes, activation, n in CASES[:3]:
        X, y = datasets.moons(n, seed=0)
        start = time.perf_counter()
        for seed in SEEDS:
            MLP(sizes, activation, seed=seed).fit(X, y, epochs=300, learning_rate=0.1, seed=seed)
        loop = time.perf_counter() - start
        start = time.perf_counter()
        train_over_seeds(sizes, activation, X, y, seeds=SEEDS, epochs=300, learning_rate=0.1)
        batched = time.perf_counter() - start
        lines.append(f"| {'-'.join(map(str, sizes))} | {activation} | {n} | {loop:.2f} | {batched:.2f} | "
                     f"{loop / batched:.1f}× |")
    text = "\n".join(lines) + "\n"
    (Path(__file__).resolve().parent / "results" / "nn.md").write_text(text)
    print(text)


if __name__ == "__main__":
    main()
