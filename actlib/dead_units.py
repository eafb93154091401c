r"""Dead units: a small seeded experiment in which ReLU units stop learning for good.

A network with one hidden layer fits y = sin(x) on ``samples`` points x in [-3, 3]:

.. math::
    z = x\,w_1 + b_1, \qquad a = g(z), \qquad \hat y = a \cdot w_2 + b_2, \qquad
    L = \tfrac{1}{2n} \sum (\hat y - y)^2

trained by plain gradient descent. At step ``shock_at`` every hidden bias is pushed down by
``shock``, as one oversized update (a big learning rate meeting a big gradient) can do. A hidden
unit is *dead* when z <= 0 for every training input: then g'(z) = 0 for ReLU at every input, the
gradients of its incoming weight and bias are exactly 0, and no later step can revive it. Leaky
ReLU's slope alpha > 0 on the left keeps a small gradient flowing, so its units can climb back.
The backward pass is written out and uses ``activation.derivative`` for dL/dz = dL/da * g'(z).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._arguments import check_count, is_finite_number
from .activations import Activation, get


@dataclass(frozen=True)
class DeadUnitsRun:
    """The history of one run: ``loss[t]`` and ``dead_fraction[t]`` before step t (t = 0 ... steps).

    ``dead_fraction`` counts units whose pre-activation is <= 0 on every input. For ReLU such a unit
    is dead (slope 0 everywhere); for Leaky ReLU it is only *stuck on the negative side*: it still
    gets alpha times the gradient (``actlib.nn.History`` keeps the two counts apart).
    """

    activation: Activation
    loss: np.ndarray
    dead_fraction: np.ndarray
    dead_at_end: np.ndarray  # bool per hidden unit
    final_input_gradient: np.ndarray  # |dL/dw_1| + |dL/db_1| per hidden unit at the end


def dead_units(pre_activations) -> np.ndarray:
    """Boolean per unit (column): True where the pre-activation is <= 0 for every input (row)."""
    return np.all(np.asarray(pre_activations) <= 0, axis=0)


def train_with_shock(activation="relu", width: int = 32, steps: int = 400, learning_rate: float = 0.05,
                     shock: float = 0.0, shock_at: int = 0, samples: int = 200, seed: int = 0) -> DeadUnitsRun:
    """Train the network of the module docstring and record loss and dead units at every step."""
    act = get(activation)
    check_count("width", width)
    check_count("steps", steps)
    check_count("samples", samples, 2)
    check_count("shock_at", shock_at, 0)
    for label, value, low in (("learning_rate", learning_rate, 0.0), ("shock", shock, None)):
        if not is_finite_number(value):
            raise TypeError(f"{label} must be a finite number; got {value!r}.")
        if low is not None and value <= low:
            raise ValueError(f"{label} must be positive; got {value!r}.")

    rng = np.random.default_rng(seed)
    x = np.linspace(-3, 3, samples)[:, None]
    y = np.sin(x)
    w1 = rng.normal(0, 1, (1, width))                 # He-like scale for a single input
    b1 = rng.uniform(-1, 1, width)
    w2 = rng.normal(0, 1 / np.sqrt(width), (width, 1))
    b2 = np.zeros(1)

    losses, dead = [], []
    with np.errstate(over="ignore", invalid="ignore"):  # a diverging run shows as a nan loss, not warnings
        for step in range(steps + 1):
            if step == shock_at and shock:
                b1 = b1 - shock
            z = x @ w1 + b1
            a, slope = act.value_and_derivative(z)
            error = a @ w2 + b2 - y
            losses.append(0.5 * float(np.mean(error**2)))
            dead.append(float(np.mean(dead_units(z))))
            # backward: one line per local derivative
            d_prediction = error / samples                # dL/dŷ
            d_w2, d_b2 = a.T @ d_prediction, d_prediction.sum(axis=0)
            d_z = (d_prediction @ w2.T) * slope          # dL/dz = dL/da · g'(z): zero wherever g' is zero
            d_w1, d_b1 = x.T @ d_z, d_z.sum(axis=0)
            if step < steps:
                w1, b1 = w1 - learning_rate * d_w1, b1 - learning_rate * d_b1
                w2, b2 = w2 - learning_rate * d_w2, b2 - learning_rate * d_b2
    return DeadUnitsRun(act, np.array(losses), np.array(dead), dead_units(z),
                        np.abs(d_w1).ravel() + np.abs(d_b1))
