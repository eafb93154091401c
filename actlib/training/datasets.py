"""Seeded toy 2-D datasets for binary classification (no downloads): moons, circles, spirals.

Each returns ``(X, y)``: ``X`` float64 of shape (n, 2), ``y`` int64 of shape (n,) with labels 0 and 1,
half of each (the extra point of an odd n goes to class 0). The same seed gives the same data.
"""
from __future__ import annotations

import numpy as np

from actlib.arguments import check_count, is_finite_number


def _check(n, noise):
    check_count("n", n, 2)
    if not (is_finite_number(noise) and noise >= 0):
        raise ValueError(f"noise must be a finite number >= 0; got {noise!r}.")


def _labelled(first, second, noise, rng):
    X = np.concatenate([first, second]) + rng.normal(0.0, noise, (len(first) + len(second), 2))
    y = np.concatenate([np.zeros(len(first), dtype=np.int64), np.ones(len(second), dtype=np.int64)])
    return X, y


def moons(n: int = 400, noise: float = 0.15, seed: int = 0):
    """Two interleaving half circles (as scikit-learn's make_moons), with Gaussian noise."""
    _check(n, noise)
    rng = np.random.default_rng(seed)
    n0 = n - n // 2
    angle0, angle1 = rng.uniform(0, np.pi, n0), rng.uniform(0, np.pi, n // 2)
    upper = np.c_[np.cos(angle0), np.sin(angle0)]
    lower = np.c_[1 - np.cos(angle1), 0.5 - np.sin(angle1)]
    return _labelled(upper, lower, noise, rng)


def circles(n: int = 400, noise: float = 0.1, factor: float = 0.5, seed: int = 0):
    """A disc of radius ``factor`` (class 1) inside a ring of radius 1 (class 0)."""
    _check(n, noise)
    if not 0 < factor < 1:
        raise ValueError(f"factor (inner radius / outer radius) must be between 0 and 1; got {factor!r}.")
    rng = np.random.default_rng(seed)
    n0 = n - n // 2
    angle0, angle1 = rng.uniform(0, 2 * np.pi, n0), rng.uniform(0, 2 * np.pi, n // 2)
    outer = np.c_[np.cos(angle0), np.sin(angle0)]
    inner = factor * np.c_[np.cos(angle1), np.sin(angle1)]
    return _labelled(outer, inner, noise, rng)


def spirals(n: int = 400, noise: float = 0.1, turns: float = 1.5, seed: int = 0):
    """Two interleaved spirals of ``turns`` turns each; the hardest of the three for a small network."""
    _check(n, noise)
    if not 0 < turns <= 5:
        raise ValueError(f"turns must be between 0 and 5; got {turns!r}.")
    rng = np.random.default_rng(seed)
    n0 = n - n // 2

    def arm(count, phase):
        t = np.sqrt(rng.uniform(0, 1, count)) * turns * 2 * np.pi
        radius = t / (turns * 2 * np.pi)
        return np.c_[radius * np.cos(t + phase), radius * np.sin(t + phase)]

    return _labelled(arm(n0, 0.0), arm(n // 2, np.pi), noise, rng)
