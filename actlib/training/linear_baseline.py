"""The most accurate straight line for a two-class data set in the plane, found exactly.

A logistic model's decision boundary is a straight line, but training does not search for the most
accurate line: gradient descent lowers the cross-entropy. To compare the two, :func:`best_line`
finds the highest training accuracy that any straight line reaches on the points.

How: a line can be slid, with no point changing side, until it passes through one data point (the
pivot), then turned about the pivot. As it turns, the set of points on its left changes only when
the line passes one of them, so sorting the other points by their angle around the pivot lists every
set a line through it can cut off; the pivot itself may go to either side (a tiny shift puts it
there). Trying every pivot tries every line that matters: n sorts of n angles, a few hundredths of
a second for 400 points. (Ties, three points on one line, have probability 0 for noisy data.)
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Line:
    """The boundary ``weights · x + bias = 0``; points where it is positive are called class 1."""

    weights: np.ndarray
    bias: float
    accuracy: float

    def score(self, X):
        X = np.asarray(X, dtype=float)
        return X[:, 0] * self.weights[0] + X[:, 1] * self.weights[1] + self.bias   # no BLAS: the same on every CPU

    def predict(self, X):
        """Labels, 0 or 1."""
        return (self.score(X) > 0).astype(np.int64)

    def predict_proba(self, X):
        """A steep sigmoid of the score, nearly 0 or 1 (for :func:`actlib.plot_decision_boundary`, which draws
        its 0.5 contour: the line itself)."""
        return 0.5 + 0.5 * np.tanh(100 * self.score(X) / np.hypot(*self.weights))

    def distance_from(self, point=(0.0, 0.0)) -> float:
        """How far the line passes from ``point`` (by default the origin)."""
        return float(abs(self.score(np.atleast_2d(point))[0]) / np.hypot(*self.weights))


def best_line(X, y) -> Line:
    """The straight line that classifies the most points of ``X`` (n × 2) as their labels ``y`` (0/1)."""
    X, y = np.asarray(X, dtype=float), np.asarray(y)
    if X.ndim != 2 or X.shape[1] != 2 or y.shape != (len(X),) or len(X) < 2:
        raise ValueError(f"best_line needs X of shape (n, 2) with n >= 2 and y of shape (n,); got {X.shape}, {y.shape}.")
    n = len(X)
    others = ~np.eye(n, dtype=bool)
    relative = X[None, :, :] - X[:, None, :]                       # row p: every point seen from pivot p
    angles = np.arctan2(relative[..., 1], relative[..., 0])[others].reshape(n, n - 1)
    labels = np.broadcast_to(y == 1, (n, n))[others].reshape(n, n - 1)
    order = np.argsort(angles, axis=1)
    angles, labels = np.take_along_axis(angles, order, 1), np.take_along_axis(labels, order, 1)

    # The left-hand set changes where the line's direction φ passes an angle θ or θ − π: try one φ
    # between each two consecutive such events.
    events = np.sort(np.concatenate([angles, np.where(angles > 0, angles - np.pi, angles + np.pi)], axis=1), axis=1)
    following = np.concatenate([events[:, 1:], events[:, :1] + 2 * np.pi], axis=1)
    directions = ((events + following) / 2 + np.pi) % (2 * np.pi) - np.pi   # in [−π, π)

    # Points on the left of direction φ have angles in (φ, φ + π): count them by binary search in
    # each row's sorted angles, written twice (θ, then θ + 2π) to wrap round; rows are kept apart
    # by an offset of 8π each.
    offset = 8 * np.pi * np.arange(n)[:, None]
    circle = (np.concatenate([angles, angles + 2 * np.pi], axis=1) + offset).ravel()
    ones = np.concatenate([[0], np.cumsum(np.concatenate([labels, labels], axis=1).ravel())])
    start = np.searchsorted(circle, (directions + offset).ravel(), side="right")
    stop = np.searchsorted(circle, (directions + np.pi + offset).ravel(), side="right")
    left = (stop - start).reshape(n, -1)
    left_ones = (ones[stop] - ones[start]).reshape(n, -1)
    total_ones = labels.sum(axis=1, keepdims=True)
    right_zeros = (n - 1 - total_ones) - (left - left_ones)
    left_is_one = left_ones + right_zeros                          # correct if the left side is class 1
    left_is_zero = (n - 1) - left_is_one
    correct = np.maximum(left_is_one, left_is_zero)
    pivot, candidate = np.unravel_index(np.argmax(correct), correct.shape)

    phi = directions[pivot, candidate]
    normal = np.array([-np.sin(phi), np.cos(phi)])                  # points to the left of direction φ
    weights = normal if left_is_one[pivot, candidate] >= left_is_zero[pivot, candidate] else -normal
    bias = -float(X[pivot, 0] * weights[0] + X[pivot, 1] * weights[1])
    score = Line(weights, bias, 0.0).score(X)
    margin = np.min(np.abs(np.delete(score, pivot)))               # shift less than this: only the pivot moves
    bias += margin / 2 if y[pivot] == 1 else -margin / 2
    return Line(weights, bias, float(np.mean(Line(weights, bias, 0.0).predict(X) == y)))


def boundary_of(model, X, y) -> Line:
    """The straight boundary of a logistic model (an :class:`actlib.training.nn.MLP` without hidden layers), as a :class:`Line`."""
    if len(model.weights) != 1:
        raise ValueError(f"boundary_of needs a model without hidden layers, such as MLP([2, 1]); got {model!r}.")
    line = Line(np.asarray(model.weights[0][:, 0], dtype=float), float(model.biases[0][0]), 0.0)
    return Line(line.weights, line.bias, float(np.mean(line.predict(X) == np.asarray(y))))
