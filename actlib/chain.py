"""Backpropagation through a chain of identical layers: how much gradient reaches each layer.

The experiment of notebooks 01 and 02: ``depth`` fully connected layers of ``width`` units, all with
the same activation g, weights drawn with standard deviation ``weight_std`` (default
1/sqrt(width), the usual scale), a seeded random input, and the loss L = sum of the last layer's
outputs. Backpropagation multiplies, at every layer, by the activation's slope and the transposed
weights:

.. math::
    \\delta_l = g'(z_l) \\odot (W_{l+1}^\\top \\delta_{l+1}), \\qquad \\delta_{depth} = g'(z_{depth})

so the size of δ_l shows how much of the learning signal survives the trip down to layer l.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._arguments import check_count
from .activations import Activation, get


@dataclass(frozen=True)
class ChainGradients:
    """``delta_norms[l]`` is ‖∂L/∂z‖ at layer l + 1 (index 0: the input side); ``slopes[l]`` the g'(z) there."""

    activation: Activation
    delta_norms: np.ndarray
    slopes: np.ndarray

    @property
    def relative(self) -> np.ndarray:
        """Each layer's gradient size relative to the last (output) layer's."""
        return self.delta_norms / self.delta_norms[-1]


def chain_gradients(activation, depth: int = 10, width: int = 32, weight_std: float | None = None,
                    seed: int = 0) -> ChainGradients:
    """Run the chain forward and backward once; see the module docstring."""
    act = get(activation)
    check_count("depth", depth)
    check_count("width", width)
    weight_std = 1 / np.sqrt(width) if weight_std is None else float(weight_std)
    if not weight_std > 0:
        raise ValueError(f"weight_std must be positive; got {weight_std!r}.")

    rng = np.random.default_rng(seed)
    weights = [rng.normal(0, weight_std, (width, width)) for _ in range(depth)]
    a, slopes = rng.normal(size=width), []
    for W in weights:
        a, slope = act.value_and_derivative(W @ a)
        slopes.append(slope)

    upstream, norms = np.ones(width), []  # ∂L/∂a of the last layer, for L = sum of outputs
    for W, slope in zip(reversed(weights), reversed(slopes)):
        delta = slope * upstream
        norms.append(np.linalg.norm(delta))
        upstream = W.T @ delta
    return ChainGradients(act, np.array(norms[::-1]), np.array(slopes))
