r"""The rectified family: ReLU and Leaky ReLU, piecewise linear with a kink at 0.

Both compute exactly (max and a step), so they have no rounding error beyond one product.
"""
from __future__ import annotations

import math

import numpy as np
import sympy as sp

from actlib.activations import Activation, register


def _step(relu_value):
    """1 where relu_value > 0, else 0, nan kept: the step at 0 is 0 (ReLU'(0) = 0).

    np.sign of max(z, 0) does this ~4x faster than np.heaviside(z, 0) (max(-0.0, 0) is +0.0).
    """
    return np.sign(relu_value)


@register
class ReLU(Activation):
    r"""Rectified linear unit.

    .. math::
        \mathrm{relu}(z) = \max(0, z), \qquad
        \mathrm{relu}'(z) = \begin{cases} 1 & z > 0 \\ 0 & z \le 0 \end{cases}

    Kink at z = 0: the derivative does not exist there; the subgradient is [0, 1] and actlib
    uses 0 (as PyTorch and JAX). A unit whose input is <= 0 for every example gets zero
    gradient and stops learning (a "dead" unit).

    Numerics: exact (max and a step function), so no rounding error at all.
    """

    name, glyph = "relu", "ReLU"
    formula_latex = r"\max(0, z)"
    derivative_latex = r"1 \text{ for } z > 0,\; 0 \text{ for } z < 0"
    computed_latex = r"\operatorname{sign}\bigl(\max(z, 0)\bigr)"
    computed_sympy = "sign(Max(z, 0))"
    failure = "dead units: g′ = 0 for z ≤ 0, so a unit negative on every input gets no gradient (in the first layer for good; deeper it may revive); outputs not centred"
    pick_when = "the default for hidden layers, with He's initialisation: cheap, and g′ = 1 wherever a unit is active"
    kinks, derivative_roots = (0.0,), ()
    value_range, slope_range = (0.0, math.inf), (0.0, 1.0)
    limits = ((0.0, math.inf), (0.0, 1.0))
    zero_centred = False
    initialisation = "he"  # it zeroes about half its inputs, so weights need twice the variance

    def _value_and_derivative(self, z):
        value = np.maximum(z, 0)
        return value, _step(value)

    def _complex_value(self, z):
        return np.where(z.real > 0, z, 0)

    def _expr(self, z):
        # Piecewise rather than Max: sympy differentiates Max into Heaviside(z), whose value at 0
        # is 1/2; the Piecewise carries actlib's convention relu'(0) = 0 into derivative_expr.
        return sp.Piecewise((z, z > 0), (0, True))


@register
class LeakyReLU(Activation):
    r"""Leaky ReLU with slope ``alpha`` for z <= 0 (default 0.01).

    .. math::
        g(z) = \begin{cases} z & z > 0 \\ \alpha z & z \le 0 \end{cases}, \qquad
        g'(z) = \begin{cases} 1 & z > 0 \\ \alpha & z \le 0 \end{cases}

    For 0 <= alpha <= 1 this is max(alpha*z, z); for alpha > 1 it is min(alpha*z, z) instead.
    alpha = 0 gives ReLU, alpha = 1 the identity.

    Kink at z = 0 (unless alpha = 1): the subgradient is the interval between alpha and 1;
    actlib uses g'(0) = alpha, as PyTorch does (JAX's leaky_relu uses 1).

    Numerics: exact up to the one rounding of alpha*z.
    """

    name, glyph = "leaky_relu", "LeakyReLU"
    formula_latex = r"\max(\alpha z, z) \text{ (for } 0 \le \alpha \le 1\text{)}"
    derivative_latex = r"1 \text{ for } z > 0,\; \alpha \text{ for } z < 0"
    computed_latex = r"s + \alpha(1 - s),\; s = \operatorname{sign}\bigl(\max(z, 0)\bigr)"
    computed_sympy = "sign(Max(z, 0)) + alpha*(1 - sign(Max(z, 0)))"
    failure = "one more hyperparameter α; with a small α a stuck unit gets only α times the gradient, and may stay stuck"
    pick_when = "ReLU's units die (a large learning rate, a bad start): a unit stuck on the negative side still learns"
    defaults = {"alpha": 0.01}
    parameter_ranges = {"alpha": (0.0, 1.5)}
    derivative_roots = ()
    initialisation = "he"

    @property
    def zero_centred(self):
        return self.params["alpha"] == 1  # the identity; any other alpha shifts the mean

    @property
    def kinks(self):
        return () if self.params["alpha"] == 1 else (0.0,)

    @property
    def limits(self):
        alpha = self.params["alpha"]
        left = -math.copysign(math.inf, alpha) if alpha else 0.0  # alpha * (-inf)
        return (left, math.inf), (alpha, 1.0)

    @property
    def value_range(self):
        return min(0.0, self.limits[0][0]), math.inf

    @property
    def slope_range(self):
        alpha = self.params["alpha"]
        return min(alpha, 1.0), max(alpha, 1.0)

    def _value_and_derivative(self, z):
        alpha = self.params["alpha"]
        step = _step(np.maximum(z, 0))
        slope = step + alpha * (1 - step)  # exactly 1 or alpha: one term is always 0
        if alpha == 0:
            # z * slope would be (-inf) * 0 = nan at z = -inf; the limit there is 0.
            return np.maximum(z, 0), slope
        return z * slope, slope

    def _complex_value(self, z):
        return np.where(z.real > 0, z, self.params["alpha"] * z)

    def _expr(self, z, alpha):
        return sp.Piecewise((z, z > 0), (alpha * z, True))
