r"""The gated family: SiLU, GELU and Mish, z times a smooth gate between 0 and 1.

Each is smooth but not monotone: g' crosses zero once, left of 0, at the activation's minimum
(``derivative_roots``). Written as the textbook sum of two terms, g' cancels there and loses every
digit, so each derivative is evaluated around its root z0 (stored as an exact pair high + low):
SiLU', Mish' and the tanh-GELU' as sums of terms that all share the sign of z - z0, the exact
GELU' as the integral of GELU'' from the root (16-point Gauss-Legendre). Tiny products and exp
arguments that must be exact are handled by the helpers in ``actlib.activations.kernels``.
"""
from __future__ import annotations

import math

import numpy as np
import sympy as sp

from actlib.activations.kernels import (BOUND, INV_SQRT_2PI, SCALED_BELOW, SHIFT, UNSHIFT, GateRoot,
                                        exp_of_minus_half_square, gelu_slope_from, gelu_tanh_arguments,
                                        normal_cdf_scaled, offset_from_root, square_of_w2_2w_2,
                                        value_and_slope_of_z_times_sigmoid, value_of_z_times_sigmoid)
from actlib.activations import Activation, register
from actlib.activations.logistic import sigmoid_by_sign


def _ranges(activation):
    """(value_range, slope_range) found by ``actlib.activations.extremes.smooth_extremes`` from the sympy
    expression (cached), not typed: imported on first use, so ``import actlib`` does not load mpmath's search."""
    from actlib.activations.extremes import smooth_extremes

    return smooth_extremes(activation)


_SILU_ROOT = (-1.2784645427610737, -1.0946994183093437e-16)  # -(1 + W(1/e)), W = Lambert W
_SILU_W0 = 0.2784645427610738  # e^{z0} = -(1 + z0) = W(1/e)
_SILU_GATE_ROOT = GateRoot(z0=_SILU_ROOT[0], v0=_SILU_ROOT, u0=_SILU_ROOT, exp_v0=_SILU_W0)  # v = u = z


def silu_for_training(z):
    """(z·σ(z), σ(z) + z·σ'(z)) for actlib.training.nn's training loop only, from one e = exp(−|z|) (see
    ``actlib.activations.logistic.sigmoid_for_training``). The slope is the textbook sum, which cancels near its
    root z0 = −1.2785: off by up to about 5e-16 in absolute terms there (the public kernel keeps full
    relative accuracy through the root, which training does not need); elsewhere a few ulp.
    Measured in ``benchmarks/training_kernels.py``."""
    e = np.exp(-np.abs(z))
    r = 1 / (1 + e)                                # σ(|z|)
    tail = e * r                                   # σ(−|z|)
    sigma = sigmoid_by_sign(z, right=r, left=tail)
    return z * sigma, sigma + z * (tail * r)       # σ' = σ(|z|)·σ(−|z|)


@register
class SiLU(Activation):
    r"""SiLU (sigmoid-weighted linear unit), also called swish: z times its own sigmoid.

    .. math::
        g(z) = z\,\sigma(z), \qquad g'(z) = \sigma(z)\bigl(1 + z\,(1 - \sigma(z))\bigr)

    Smooth, not monotone: minimum g(z0) = z0 + 1 = -W(1/e) at z0 = -1.2785, where g' = 0.
    Behaves like ReLU for large |z| but lets small negative inputs through.

    Numerics: left of 0, g' = sigma'(z)*(1 + z + e^z), and 1 + z + e^z is evaluated around its root
    as (z - z0) + e^{z0}*expm1(z - z0), which keeps full relative accuracy through the root.
    """

    name, glyph = "silu", "SiLU"
    formula_latex = r"z\,\sigma(z)"
    derivative_latex = r"\sigma(z)\bigl(1 + z(1-\sigma(z))\bigr)"
    computed_latex = (r"\sigma(z) + z\,\sigma'(z) \text{ for } z \ge 0,\; \sigma'(z)\,(1 + z + e^{z}) \text{ for } z < 0"
                      r" \text{ (summed around its root } z_0\text{)}")
    computed_sympy = ("Piecewise((1/(1 + exp(-z)) + z*exp(-z)/(1 + exp(-z))**2, z >= 0), "
                      "(exp(z)/(1 + exp(z))**2*(1 + z + exp(z)), True))")
    failure = ("not monotone; slopes near 1/2 around 0: at the same weight scale (LeCun's or He's) a deep plain "
               "stack usually passes several times less gradient than with ReLU")
    pick_when = "a smooth ReLU with a small negative dip (EfficientNet; the gate of SwiGLU in LLaMA-style transformers)"
    kinks, derivative_roots = (), (_SILU_GATE_ROOT.z0,)
    value_range = property(lambda self: _ranges(self)[0])  # -W(1/e), found by the library
    slope_range = property(lambda self: _ranges(self)[1])  # g' at the roots of g''
    limits = ((0.0, math.inf), (0.0, 1.0))
    zero_centred = False

    def _value_and_derivative(self, z):
        """g = z·σ(z) and g' = σ(z) + z·σ'(z).

        Right of 0 both terms of g' are positive and are summed as written. Left of 0, σ(z) > 0 and
        z·σ'(z) < 0 cancel at the root z0 = −1.2785 (g has its minimum there), and the sum as written
        would keep no correct digit near it. There g' = σ'(z)·(1 + z + e^z), using σ = σ'·(1 + e^z), and
        1 + z + e^z, zero at z0, is summed around the root as (z − z0) + e^{z0}·expm1(z − z0): two terms
        with the sign of z − z0, so nothing cancels. ``value_and_slope_of_z_times_sigmoid`` does this for
        every g = z·σ(v(z)); for SiLU v(z) = z and u = z·v'(z) = z, both exact (low parts None).
        """
        return value_and_slope_of_z_times_sigmoid(z, v=(z, None), u=(z, None), root=_SILU_GATE_ROOT)

    def _value(self, z):
        return value_of_z_times_sigmoid(z, v=(z, None))

    def _expr(self, z):
        return z / (1 + sp.exp(-z))


_MISH_ROOT = (-1.1924312145154952, -4.8484829848031044e-17)
_MISH_W0 = 0.3034825352815289  # e^{z0}
_MISH_C1 = 0.3733670191691929  # (6 + 4 z0) e^{z0}


@register
class Mish(Activation):
    r"""Mish (Misra, 2019): z times tanh of its softplus.

    .. math::
        g(z) = z \tanh(\operatorname{softplus}(z)) = z\,\frac{w^2 + 2w}{w^2 + 2w + 2},\quad w = e^{z},
        \qquad g'(z) = \frac{w\,M(z)}{(w^2 + 2w + 2)^2},\quad M = w^3 + 4w^2 + 6w + 4 + 4z(w + 1)

    Smooth, not monotone: minimum about -0.3088 at z0 = -1.1924, where g' = 0.

    Numerics: tanh(softplus(z)) is the rational function of w above (of e^{-z} for z > 0), free of
    overflow. M is evaluated around its root as a sum of terms that all share the sign of z - z0:
    M = w0^3 expm1(3d) + 4 w0^2 expm1(2d) + (6 + 4 z0) w0 expm1(d) + 4 w0 d e^d + 4d.
    """

    name, glyph = "mish", "Mish"
    formula_latex = r"z \tanh\bigl(\operatorname{softplus}(z)\bigr)"
    derivative_latex = (r"\tanh s + z\,\sigma(z)\operatorname{sech}^2 s,\; s = \operatorname{softplus}(z)")
    computed_latex = r"\frac{w\,M}{(w^2 + 2w + 2)^2},\; w = e^{z},\; M = w^3 + 4w^2 + 6w + 4 + 4z(w + 1)"
    computed_sympy = "exp(z)*(exp(3*z) + 4*exp(2*z) + 6*exp(z) + 4 + 4*z*(exp(z) + 1))/(exp(2*z) + 2*exp(z) + 2)**2"
    failure = ("not monotone; costs more than SiLU for a similar shape; its textbook formula loses digits left of 0, "
               "about half of them by z = −20 and all below about −37")
    pick_when = "a drop-in for SiLU, as in convolutional detectors (YOLOv4)"
    kinks, derivative_roots = (), (_MISH_ROOT[0],)
    value_range = property(lambda self: _ranges(self)[0])
    slope_range = property(lambda self: _ranges(self)[1])
    limits = ((0.0, math.inf), (0.0, 1.0))
    zero_centred = False

    @staticmethod
    def _gate(z):
        """e = exp(-|z|) (w for z <= 0, 1/w for z > 0), z > 0, the denominator and tanh(softplus(z)),
        and the value z * tanh(softplus(z)) with the subnormal range scaled."""
        e = np.exp(-np.abs(z))
        positive = z > 0
        p = e * (e + 2)
        numerator = np.where(positive, 1 + 2 * e, p)
        denominator = np.where(positive, numerator + 2 * e * e, p + 2)
        squashed = numerator / denominator
        value = np.maximum(z, -BOUND) * squashed
        tiny = z < SCALED_BELOW
        if np.any(tiny):  # w is subnormal or nearly; tanh(softplus(z)) = w and the denominator is 2
            left_z = np.maximum(z[tiny], -BOUND)
            value[tiny] = (left_z * np.exp(left_z + SHIFT)) * UNSHIFT
        return e, positive, denominator, squashed, value

    def _value(self, z):
        return self._gate(z)[-1]

    def _value_and_derivative(self, z):
        e, positive, denominator, squashed, value = self._gate(z)
        bounded = np.clip(z, -BOUND, BOUND)
        right = squashed + bounded * (4 * e * e * (1 + e)) / (denominator * denominator)
        left_z = np.minimum(bounded, 0.0)
        d = offset_from_root(left_z, _MISH_ROOT)
        w0 = _MISH_W0
        M = (w0 ** 3 * np.expm1(3 * d) + 4 * w0 * w0 * np.expm1(2 * d) + _MISH_C1 * np.expm1(d)
             + 4 * w0 * d * np.exp(d) + 4 * d)
        slope = np.where(positive, right, e * M / square_of_w2_2w_2(e))
        tiny = z < SCALED_BELOW
        if np.any(tiny):  # w^2 + 2w + 2 = 2, so Mish' = w M / 4
            slope[tiny] = (M[tiny] * np.exp(left_z[tiny] + SHIFT) * 0.25) * UNSHIFT
        return value, slope

    def _expr(self, z):
        return z * sp.tanh(sp.log(1 + sp.exp(z)))


_GELU_ROOT = (-0.7517915246935645, 1.4956759177009883e-17)
_GELU_TANH_ROOT = -0.7524614220710163
_GELU_TANH_V0 = (-1.2311548723318988, 1.449217884953896e-17)  # v(z0)
_GELU_TANH_U0 = (-1.291955211914767, -1.0243969451078615e-16)  # z0 v'(z0)
_GELU_TANH_W0 = 0.29195521191476714  # e^{v(z0)}
_GELU_TANH_GATE_ROOT = GateRoot(z0=_GELU_TANH_ROOT, v0=_GELU_TANH_V0, u0=_GELU_TANH_U0, exp_v0=_GELU_TANH_W0)
# From about -2.1 to 0.5 the exact GELU' = Phi + z*phi cancels (root -0.75) or inherits Phi's
# error; there it is the integral of GELU'' = phi(t)*(2 - t^2), which has one sign on each piece,
# from an anchor where GELU' is known: the root (GELU' = 0) right of -sqrt(2), the minimum
# GELU'(-sqrt(2)) left of it.
_GELU_ANCHORS = (
    # (interval, anchor as a pair, GELU' at the anchor as a pair)
    ((-1.4142135623730951, 0.5), _GELU_ROOT, (0.0, 0.0)),
    ((-2.1, -1.4142135623730951), (-1.4142135623730951, 9.667293313452913e-17),
     (-0.12890414518515478, -8.188108074412492e-18)),
)


@register
class GELU(Activation):
    r"""GELU (Hendrycks and Gimpel, 2016): z weighted by the standard normal CDF Phi.

    .. math::
        g(z) = z\,\Phi(z) = \frac{z}{2}\Bigl(1 + \operatorname{erf}\frac{z}{\sqrt 2}\Bigr), \qquad
        g'(z) = \Phi(z) + z\,\varphi(z), \quad \varphi(z) = \frac{e^{-z^2/2}}{\sqrt{2\pi}}

    ``approximate="tanh"`` gives the tanh approximation used by GPT-2 and BERT (PyTorch's
    ``approximate='tanh'``): g(z) = z/2 * (1 + tanh(sqrt(2/pi) (z + 0.044715 z^3))). It is within
    ~5e-4 of the exact GELU and cheaper without an erf.

    Smooth, not monotone: minimum about -0.170 at z0 = -0.7518, where g' = 0; g' is smallest and
    largest at z = +-sqrt(2).

    Numerics: see the module docstring (root of g') and ``actlib.activations.kernels`` (exactly split exponent
    arguments, scaled tiny products). The exact value rests on scipy's erfcx, itself off by up to
    ~6 ulp, hence its looser ``max_ulp``.
    """

    name, glyph = "gelu", "GELU"
    _EXACT_LATEX = (r"z\,\Phi(z) = \frac{z}{2}\Bigl(1 + \operatorname{erf}\frac{z}{\sqrt 2}\Bigr)",
                    r"\Phi(z) + z\,\varphi(z),\; \varphi(z) = \frac{e^{-z^2/2}}{\sqrt{2\pi}}",
                    r"\Phi(z) + z\,\varphi(z) \text{ for } z < -2.1 \text{ or } z \ge 0.5,\; "
                    r"\int_{z_0}^{z} \varphi(t)(2 - t^2)\,dt \text{ otherwise (from the root } z_0 \text{, or from } "
                    r"-\sqrt 2 \text{ left of it)}")
    _TANH_LATEX = (r"z\,\sigma(v) = \frac{z}{2}\bigl(1 + \tanh\tfrac{v}{2}\bigr),\; v = 2\sqrt{2/\pi}\,(z + 0.044715\,z^3)",
                   r"\sigma(v) + z\,v'(z)\,\sigma'(v)",
                   r"\sigma(v) + u\,\sigma'(v) \text{ for } z \ge 0,\; \sigma'(v)\,(1 + e^{v} + u) \text{ for } z < 0"
                   r" \text{ (summed around its root)},\; u = z\,v'(z)")

    @property
    def formula_latex(self):
        return (self._TANH_LATEX if self.params["approximate"] == "tanh" else self._EXACT_LATEX)[0]

    @property
    def derivative_latex(self):
        return (self._TANH_LATEX if self.params["approximate"] == "tanh" else self._EXACT_LATEX)[1]

    @property
    def computed_latex(self):
        return (self._TANH_LATEX if self.params["approximate"] == "tanh" else self._EXACT_LATEX)[2]

    failure = ("not monotone; slopes near 1/2 around 0: give it He's scale, as ReLU (at LeCun's a deep plain stack "
               "keeps several times less gradient than with ReLU)")
    pick_when = "transformers (BERT, GPT-2 and most since, often in the tanh form), or wherever a smooth ReLU is wanted"
    defaults = {"approximate": "none"}
    choices = {"approximate": ("none", "tanh")}
    kinks = ()
    limits = ((0.0, math.inf), (0.0, 1.0))
    zero_centred = False

    @property
    def derivative_roots(self):
        return (_GELU_TANH_GATE_ROOT.z0,) if self.params["approximate"] == "tanh" else (_GELU_ROOT[0],)

    # the slope's extremes sit at z = +-sqrt(2) in the exact form, near them in the tanh form
    value_range = property(lambda self: _ranges(self)[0])
    slope_range = property(lambda self: _ranges(self)[1])

    def max_ulp(self, dtype=np.float64, derivative=False):
        if np.dtype(dtype) != np.float64:
            return 4.0
        if self.params["approximate"] == "none":
            return 4.0 if derivative else 8.0  # scipy's erfcx (~6 ulp) is the floor of the value
        # At the float nearest the tanh form's root, |z - z0| ~ 4e-17 and the pairs carrying v(z)
        # and z v'(z) (~1e-32 absolute) leave a few ulp more than elsewhere.
        return 6.0 if derivative else 4.0

    def _value(self, z):
        return self._value_and_derivative(z, derivative=False)

    def _value_and_derivative(self, z, derivative=True):
        if self.params["approximate"] == "tanh":
            # z·σ(v) with v = k(z + a z³) and u = z·v'(z), as SiLU with v in place of z
            v, u = gelu_tanh_arguments(z, with_u=derivative)
            if not derivative:
                return value_of_z_times_sigmoid(z, v=v)
            return value_and_slope_of_z_times_sigmoid(z, v=v, u=u, root=_GELU_TANH_GATE_ROOT)
        tiny = z < -37.0  # Phi(z) < 6e-300: carry e^64 through and take it out after the product
        shift = np.where(tiny, SHIFT, 0.0)
        gauss = exp_of_minus_half_square(z, shift)
        cdf = normal_cdf_scaled(z, gauss, shift)
        value = np.maximum(z, -BOUND) * cdf
        value[tiny] = value[tiny] * UNSHIFT
        if not derivative:
            return value
        slope = cdf + np.clip(z, -BOUND, BOUND) * (INV_SQRT_2PI * gauss)
        slope[tiny] = slope[tiny] * UNSHIFT
        for (low, high), anchor, start in _GELU_ANCHORS:
            inside = (z >= low) & (z < high)
            if np.any(inside):
                slope[inside] = gelu_slope_from(anchor, start, z[inside])
        return value, slope

    def _expr(self, z, approximate):
        if approximate == "tanh":
            inner = sp.sqrt(2 / sp.pi) * (z + sp.Rational("0.044715") * z ** 3)
            return z / 2 * (1 + sp.tanh(inner))
        return z / 2 * (1 + sp.erf(z / sp.sqrt(2)))
