r"""The exponential-linear family: ELU and SELU, linear for z > 0 and alpha (e^z - 1) below.

Their negative outputs pull the mean activation towards 0, unlike ReLU's. e^z - 1 is computed with
expm1, exact to 1 ulp for tiny z where exp(z) - 1 cancels.
"""
from __future__ import annotations

import math

import numpy as np
import sympy as sp

from actlib.activations import Activation, register


def _exponential_linear(z, alpha, scale, derivative=True):
    """scale*z for z > 0, scale*alpha*(e^z - 1) otherwise, and the derivative (ELU and SELU).

    With ``derivative=False`` only the value (a forward pass without backprop skips an exp)."""
    negative = np.minimum(z, 0)
    positive = z > 0
    value = np.where(positive, scale * z, (scale * alpha) * np.expm1(negative))
    if not derivative:
        return value
    slope = np.where(positive, scale, (scale * alpha) * np.exp(negative))
    return value, slope


def exponential_linear_for_training(z, alpha, scale):
    """(value, slope) as ``_exponential_linear``, for actlib.training.nn's training loop only: one exp instead of
    exp and expm1. e^z − 1 is taken as exp(z) − 1, off by under 2.3e-16·scale·alpha in absolute terms
    (relatively more only where |z| < 1e-4); the slope is the same bits. Why training may: see
    ``actlib.activations.logistic.sigmoid_for_training``; measured in ``benchmarks/training_kernels.py``."""
    positive = z > 0
    e = np.exp(np.minimum(z, 0))
    return np.where(positive, scale * z, (scale * alpha) * (e - 1)), np.where(positive, scale, (scale * alpha) * e)


_SELU_ALPHA = 1.6732632423543772848170429916717
_SELU_SCALE = 1.0507009873554804934193349852946


def _piecewise(z, alpha):
    return sp.Piecewise((z, z > 0), (alpha * (sp.exp(z) - 1), True))


@register
class ELU(Activation):
    r"""Exponential linear unit with saturation value ``-alpha`` (default 1).

    .. math::
        g(z) = \begin{cases} z & z > 0 \\ \alpha (e^{z} - 1) & z \le 0 \end{cases}, \qquad
        g'(z) = \begin{cases} 1 & z > 0 \\ \alpha e^{z} & z \le 0 \end{cases}

    With alpha = 1 the derivative is continuous (both sides give 1 at 0); otherwise there is a kink
    at 0 and actlib uses the left value, g'(0) = alpha, as PyTorch does.
    """

    name, glyph = "elu", "ELU"
    formula_latex = r"z \text{ for } z > 0,\; \alpha(e^{z}-1) \text{ for } z \le 0"
    derivative_latex = r"1 \text{ for } z > 0,\; \alpha e^{z} = g(z) + \alpha \text{ for } z < 0"
    computed_latex = r"1 \text{ for } z > 0,\; \alpha e^{\min(z, 0)} \text{ otherwise}"
    computed_sympy = "Piecewise((1, z > 0), (alpha*exp(Min(z, 0)), True))"
    failure = "saturates for z → −∞: g′ = αe^z falls to 0 exponentially (below 1 % of α for z < ln 0.01 ≈ −4.61)"
    pick_when = "ReLU's units die and you want outputs nearer zero mean; smooth at 0 when α = 1"
    defaults = {"alpha": 1.0}
    parameter_ranges = {"alpha": (0.0, 3.0)}
    derivative_roots = ()

    @property
    def zero_centred(self):
        return self.params["alpha"] == _SELU_ALPHA  # the one alpha whose negative side cancels the mean

    @property
    def kinks(self):
        return () if self.params["alpha"] == 1 else (0.0,)

    @property
    def limits(self):
        return (-self.params["alpha"], math.inf), (0.0, 1.0)

    @property
    def value_range(self):
        return min(0.0, -self.params["alpha"]), math.inf

    @property
    def slope_range(self):
        alpha = self.params["alpha"]
        return min(0.0, alpha), max(1.0, alpha)

    def _value_and_derivative(self, z):
        return _exponential_linear(z, self.params["alpha"], 1.0)

    def _value(self, z):
        return _exponential_linear(z, self.params["alpha"], 1.0, derivative=False)

    def _expr(self, z, alpha):
        return _piecewise(z, alpha)


@register
class SELU(Activation):
    r"""Scaled ELU with the self-normalising constants of Klambauer et al. (2017).

    .. math::
        g(z) = \lambda \begin{cases} z & z > 0 \\ \alpha (e^{z} - 1) & z \le 0 \end{cases}, \qquad
        g'(z) = \lambda \begin{cases} 1 & z > 0 \\ \alpha e^{z} & z \le 0 \end{cases}

    alpha = 1.6732632423543772, lambda = 1.0507009873554805: with these, activations of a wide
    network with standard-normal-initialised weights keep mean 0 and variance 1 from layer to
    layer. Kink at 0: actlib uses g'(0) = lambda*alpha (the left value), as PyTorch does.
    """

    name, glyph = "selu", "SELU"
    formula_latex = r"\lambda z \text{ for } z > 0,\; \lambda\alpha(e^{z}-1) \text{ for } z \le 0"
    derivative_latex = r"\lambda \text{ for } z > 0,\; \lambda\alpha e^{z} \text{ for } z < 0"
    computed_latex = r"\lambda \text{ for } z > 0,\; \lambda\alpha e^{\min(z, 0)} \text{ otherwise}"
    computed_sympy = (f"Rational('{_SELU_SCALE!r}')*Piecewise((1, z > 0), "
                      f"(Rational('{_SELU_ALPHA!r}')*exp(Min(z, 0)), True))")
    failure = ("self-normalises only at LeCun's weight scale (std 1/√fan-in) in plain stacks; at He's scale gradients "
               "grow; a learning rate that suits ReLU can make it diverge")
    pick_when = "deep plain fully connected networks initialised with std 1/√fan-in and no normalisation layers"
    alpha, scale = _SELU_ALPHA, _SELU_SCALE
    constants = {"alpha": _SELU_ALPHA, "lambda": _SELU_SCALE}  # the α and λ of its LaTeX
    kinks, derivative_roots = (0.0,), ()
    value_range, slope_range = (-_SELU_SCALE * _SELU_ALPHA, math.inf), (0.0, _SELU_SCALE * _SELU_ALPHA)
    limits = ((-_SELU_SCALE * _SELU_ALPHA, math.inf), (0.0, _SELU_SCALE))
    zero_centred = True  # the point of its constants

    def _value_and_derivative(self, z):
        return _exponential_linear(z, self.alpha, self.scale)

    def _value(self, z):
        return _exponential_linear(z, self.alpha, self.scale, derivative=False)

    def _expr(self, z):
        alpha, scale = sp.Rational(repr(self.alpha)), sp.Rational(repr(self.scale))
        return scale * _piecewise(z, alpha)
