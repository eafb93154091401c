r"""The logistic family: sigmoid, tanh and softplus, all built on e = exp(-|z|).

e lies in [0, 1] and never overflows, so each value and slope below is a rational function of it
(or log1p of it), free of the overflow and cancellation of the textbook forms.
"""
from __future__ import annotations

import math

import numpy as np
import sympy as sp

from actlib.activations.evaluation import evaluate
from actlib.activations import Activation, register


def _over_one_plus_squared(e, s=None, r=None):
    """e / (1 + e)**2 for e in [0, 1], within ~2.5 ulp (sigmoid' is this at e = exp(-|z|), tanh' four times it at exp(-2|z|)).

    Rounding s = 1 + e would cost up to 2 ulp once squared, so its rounding error t is recovered
    exactly (Fast2Sum: 1 + e == s + t) and corrected for to first order. Pass s and r = 1/s if
    already computed.
    """
    s = 1 + e if s is None else s
    r = 1 / s if r is None else r
    t = (1 - s) + e
    q = e / (s * s)
    return q - (q + q) * (t * r)


def sigmoid_by_sign(z, right, left):
    """σ(z) from its two forms: ``right`` = σ(|z|) where z ≥ 0, ``left`` = σ(−|z|) where z < 0.

    That is ``np.where(z >= 0, right, left)``, computed as ``np.maximum(left, np.copysign(right, z))``
    for speed only: copysign gives right or −right, and left ≥ 0 > −right, so the max picks the same
    bits (at z = ±0 both forms are 1/2; a nan z has nan forms). np.where branches on every element,
    and where signs vary from one element to the next the branch mispredicts: measured with fresh z,
    np.where adds about 15–35 % to sigmoid's and softplus's whole calls and to the training kernels,
    ~10 % to SiLU's (``benchmarks/branch_pick.py``, results in ``benchmarks/results/branch_pick.md``).
    Only for σ's two forms: with a negative ``left`` the max would pick wrongly.
    """
    return np.maximum(left, np.copysign(right, z))


def sigmoid_parts(z, with_slope: bool = True):
    """``(e, σ(z), σ'(z))`` with e = exp(−|z|): the pieces sigmoid, softplus, SiLU and the tanh-GELU share.

    σ(z) = 1/(1 + e) for z ≥ 0 and e/(1 + e) for z < 0: both are σ(z), written so that exp never
    overflows and 1 − σ is never formed; σ'(z) = e/(1 + e)² on both sides. With ``with_slope=False``
    the third is None (a value-only call skips its ~4 passes)."""
    e = np.exp(-np.abs(z))
    s = 1 + e
    r = 1 / s  # σ(|z|)
    sigma = sigmoid_by_sign(z, right=r, left=e * r)  # σ(−|z|) = e/(1 + e) = 1 − σ(|z|), without the subtraction
    return e, sigma, (_over_one_plus_squared(e, s, r) if with_slope else None)


# -- training-only kernels ----------------------------------------------------------------------
# actlib.training.nn's training loop (``nn._train``) evaluates g(z) and g'(z) of every hidden unit once per
# epoch, and there the public kernels' last-ulp care costs for nothing: a trained number moves by far
# more from one BLAS kernel to another (issue #22), and the notebooks check every trained number as a
# range. These two give the same values within about 5 ulp (tanh's value: within 3e-16 absolute), are exactly 0
# where the public derivatives are (only where e underflows), so dead-unit counts do not change, and
# cost one exp and a handful of arithmetic passes: several times faster than the public kernels on a
# training stack (``benchmarks/training_kernels.py``). The public ``activation(z)``,
# ``.derivative(z)`` and ``.value_and_derivative(z)`` never use them.
def sigmoid_for_training(z):
    """(σ(z), σ'(z)) for training only: σ'(z) = e·r² with e = exp(−|z|), r = 1/(1 + e) (a few ulp)."""
    e = np.exp(-np.abs(z))
    r = 1 / (1 + e)                                # σ(|z|)
    tail = e * r                                   # σ(−|z|)
    return sigmoid_by_sign(z, right=r, left=tail), tail * r  # σ' = σ(|z|)·σ(−|z|)


def tanh_for_training(z):
    """(tanh z, tanh'(z)) for training only, from one e = exp(−2|z|): tanh|z| = (1 − e)/(1 + e) (1 − e
    is exact, so the error is that of e: under 3e-16 absolute, a larger relative error only where
    |tanh z| < 1e-4) and tanh' = 4e/(1 + e)² (a few ulp)."""
    e = np.exp(-2 * np.abs(z))
    r = 1 / (1 + e)
    tanh_of_abs = (1 - e) * r
    return np.copysign(tanh_of_abs, z), 4 * e * r * r  # tanh is odd: tanh z = sign(z)·tanh|z|


@register
class Sigmoid(Activation):
    r"""Logistic sigmoid.

    .. math::
        \sigma(z) = \frac{1}{1+e^{-z}}, \qquad
        \sigma'(z) = \frac{e^{-z}}{(1+e^{-z})^2} = \sigma(z)\,\bigl(1-\sigma(z)\bigr)

    Smooth, no kink. Range (0, 1); the derivative lies in (0, 1/4] with its maximum at z = 0.

    Numerics: computed from e = exp(-|z|): sigma = 1/(1+e) for z >= 0 and e/(1+e) for z < 0,
    sigma' = e/(1+e)^2 (float32 and float16 computed in float64 and rounded once). The textbook
    sigma*(1-sigma) is exact algebra but in floating point 1-sigma cancels to 0 for z > 36.7 (f64),
    giving a derivative of exactly 0 where the true one is ~1e-16 and smaller.
    """

    name, glyph = "sigmoid", "σ"
    formula_latex = r"\sigma(z) = \frac{1}{1+e^{-z}}"
    derivative_latex = r"\sigma(z)\,\bigl(1-\sigma(z)\bigr)"
    computed_latex = r"\frac{e}{(1+e)^2},\; e = e^{-|z|}"
    computed_sympy = "exp(-Abs(z))/(1 + exp(-Abs(z)))**2"
    failure = "saturates on both sides (g′ ≤ 1/4, → 0 for large |z|); outputs all positive, not zero-centred"
    pick_when = "an output that is a probability in (0, 1), or a gate; not deep hidden layers"
    kinks, derivative_roots = (), ()
    value_range, slope_range = (0.0, 1.0), (0.0, 0.25)
    limits = ((0.0, 1.0), (0.0, 0.0))
    zero_centred = False

    def _value_and_derivative(self, z):
        _, value, slope = sigmoid_parts(z)
        return value, slope

    def _value(self, z):
        return sigmoid_parts(z, with_slope=False)[1]

    def derivative_from_output(self, a):
        r"""sigma' from the output a = sigma(z): ``a * (1 - a)``, the textbook backprop form.

        Exact in algebra, inexact where the output saturates: for z > 36.7 (f64) a rounds to 1 and
        this returns 0, while the true derivative is ~1e-16 and smaller. Use ``derivative(z)``
        when z is available.
        """
        return evaluate(lambda a: a * (1 - a), a, "sigmoid.derivative_from_output()")

    def _complex_value(self, z):
        # The same two branches, chosen by the real part, keep exp's argument in Re <= 0.
        right = z.real >= 0
        e = np.exp(np.where(right, -z, z))
        return np.where(right, 1, e) / (1 + e)

    def _expr(self, z):
        return 1 / (1 + sp.exp(-z))


@register
class Tanh(Activation):
    r"""Hyperbolic tangent.

    .. math::
        \tanh z = \frac{e^{z}-e^{-z}}{e^{z}+e^{-z}}, \qquad
        \tanh'(z) = 1 - \tanh^2 z = \frac{4 e^{-2|z|}}{(1+e^{-2|z|})^2}

    Smooth, no kink. Range (-1, 1), zero-centred; the derivative lies in (0, 1] with its
    maximum at z = 0. tanh(z) = 2*sigmoid(2z) - 1.

    Numerics: the derivative is computed as 4e/(1+e)^2 with e = exp(-2|z|). The textbook
    1 - tanh(z)^2 cancels to exactly 0 for |z| > 19.0 (f64), where the true value is ~1e-16
    and smaller.
    """

    name, glyph = "tanh", "tanh"
    formula_latex = r"\tanh z = \frac{e^{z}-e^{-z}}{e^{z}+e^{-z}}"
    computed_latex = r"\frac{4e}{(1+e)^2},\; e = e^{-2|z|}"
    computed_sympy = "4*exp(-2*Abs(z))/(1 + exp(-2*Abs(z)))**2"
    failure = "saturates on both sides: g′ → 0 for large |z|, so gradients vanish in deep stacks"
    pick_when = "a zero-centred output in (−1, 1): recurrent states, small or shallow networks"
    kinks, derivative_roots = (), ()
    value_range, slope_range = (-1.0, 1.0), (0.0, 1.0)
    limits = ((-1.0, 1.0), (0.0, 0.0))
    zero_centred = True

    def _value_and_derivative(self, z):
        e = np.exp(-2 * np.abs(z))
        return np.tanh(z), 4 * _over_one_plus_squared(e)

    def _value(self, z):
        return np.tanh(z)

    def derivative_from_output(self, a):
        r"""tanh' from the output a = tanh(z): ``1 - a**2``, the textbook backprop form.

        Inexact where the output saturates: for |z| > 19.0 (f64) a rounds to +-1 and this
        returns 0, while the true derivative is ~1e-16 and smaller. Use ``derivative(z)`` when z
        is available.
        """
        return evaluate(lambda a: 1 - a * a, a, "tanh.derivative_from_output()")

    def _complex_value(self, z):
        return np.tanh(z)

    def _expr(self, z):
        return sp.tanh(z)


@register
class Softplus(Activation):
    r"""Softplus, a smooth ReLU.

    .. math::
        g(z) = \log(1 + e^{z}) = \max(z, 0) + \log(1 + e^{-|z|}), \qquad g'(z) = \sigma(z)

    Smooth everywhere; range (0, inf); derivative in (0, 1), never exactly 0 for finite z in exact
    arithmetic (it underflows to 0 below z = -745 in float64).

    Numerics: the textbook log(1 + exp(z)) overflows to inf for z > 709.8 and rounds to 0 below
    z = -36.7; the max + log1p form does neither.
    """

    name, glyph = "softplus", "softplus"
    derivative_latex = r"\sigma(z)"
    computed_latex = r"\frac{1}{1+e} \text{ for } z \ge 0,\; \frac{e}{1+e} \text{ for } z < 0,\; e = e^{-|z|}"
    computed_sympy = "Piecewise((1/(1 + exp(-Abs(z))), z >= 0), (exp(-Abs(z))/(1 + exp(-Abs(z))), True))"
    failure = "slopes near 1/2 around 0 shrink gradients layer by layer; saturates for z → −∞"
    pick_when = "an output that must be positive (a scale, a rate), or a ReLU that must be smooth"
    kinks, derivative_roots = (), ()
    value_range, slope_range = (0.0, math.inf), (0.0, 1.0)
    limits = ((0.0, math.inf), (0.0, 1.0))
    zero_centred = False

    def _value_and_derivative(self, z):
        e, sigma, _ = sigmoid_parts(z)
        return np.maximum(z, 0) + np.log1p(e), sigma

    def _value(self, z):
        return np.maximum(z, 0) + np.log1p(np.exp(-np.abs(z)))

    def _expr(self, z):
        return sp.log(1 + sp.exp(z))
