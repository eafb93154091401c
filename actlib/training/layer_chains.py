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

from actlib.arguments import check_count
from actlib.activations import Activation, get


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


@dataclass(frozen=True)
class GradientSigns:
    """How often a neuron's incoming weight gradients ∂L/∂w_i = δ·a_i all share one sign.

    ``per_example``: the fraction of (neuron, example) pairs whose gradients share one sign;
    ``per_minibatch``: the fraction of neurons whose gradients summed over the minibatch do;
    ``mean_input``: the mean of the inputs a_i (the activation's outputs feeding the neuron).
    """

    activation: Activation
    per_example: float
    per_minibatch: float
    mean_input: float


def weight_gradient_signs(activation, neurons: int = 1000, batch: int = 32, fan_in: int = 8,
                          seed: int = 0) -> GradientSigns:
    """Count sign agreement of weight gradients fed by ``activation``'s outputs.

    Each of ``neurons`` neurons gets ``fan_in`` inputs a_i = g(z_i) on each of ``batch`` examples,
    with pre-activations z and the neuron's error δ drawn standard normal and independent. On one
    example ∂L/∂w_i = δ·a_i, so positive inputs (sigmoid) give every weight the sign of δ; summed over
    the minibatch, Σ_n δ_n a_{n,i}, the signs can mix.
    """
    act = activation if isinstance(activation, Activation) else get(activation)
    for label, value in (("neurons", neurons), ("batch", batch), ("fan_in", fan_in)):
        check_count(label, value)
    rng = np.random.default_rng(seed)
    inputs = act(rng.normal(size=(neurons, batch, fan_in)))
    deltas = rng.normal(size=(neurons, batch, 1))
    per_example = deltas * inputs

    def share_one_sign(gradients):  # all fan_in signs agree, along the last axis
        return np.all(gradients > 0, axis=-1) | np.all(gradients < 0, axis=-1)

    return GradientSigns(act, float(share_one_sign(per_example).mean()),
                         float(share_one_sign(per_example.sum(axis=1)).mean()), float(inputs.mean()))
