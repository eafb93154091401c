r"""Activations beyond the seed: softplus, ELU, SELU, GELU, SiLU (swish) and Mish.

Same contract as the seed's four (value and derivative within a few ulp of the exact function in
float64 and float32, dtype and shape kept, no warnings, nan propagated). Three numerical problems
recur here, and each has one fix, used wherever it appears:

* **Roots of the derivative.** GELU', SiLU' and Mish' cross zero once, near z = -0.75, -1.28 and
  -1.19. Written as the textbook sum of two terms, they cancel there and lose every digit. SiLU',
  Mish' and the tanh-GELU' are exp-polynomials, rewritten around the root z0 (stored to 32 digits)
  as sums of terms that all share the sign of z - z0. GELU' involves the normal CDF and is
  integrated instead: GELU'(z) = \int_{z0}^{z} GELU''(t) dt with 16-point Gauss-Legendre.
* **Products with a tiny factor.** z * sigma(z) at z = -740 multiplies a subnormal sigma (already
  rounded to a few significant bits) by 740. Below ``_SCALED_BELOW`` the small factor is computed
  as exp(x + 64) and multiplied by e^-64 last, so only the final product rounds into the subnormals.
* **Arguments of exp that must be exact.** exp(-z^2/2) and the tanh-GELU's exp(v) amplify the
  relative error of their argument by the argument itself (up to ~745); those arguments are carried
  as two floats (see ``_twofloat``).
"""
from __future__ import annotations

import numpy as np
import sympy as sp
from scipy import special

from ._twofloat import exp_of_minus_half_square, two_product, two_sum
from .activations import Activation, register, sigmoid_parts

_BOUND = 1e4  # beyond |z| = 1e4 every factor below is exactly 0 or 1; clipping keeps inf * 0 out
_SCALED_BELOW = -700.0  # exp(x) is subnormal below -708.4
_SHIFT = 64.0  # x + 64 is exact for x in [-745, -700] (same binade), and exp(x + 64) is normal
_UNSHIFT = float(np.exp(-64.0))  # e^-64, one rounding (0.5 ulp) applied to the final product

_INV_SQRT2 = 0.7071067811865476
_INV_SQRT_2PI = 0.3989422804014327


def _offset_from_root(z, root):
    """z - z0 for a root (or anchor) z0 = high + low stored as a pair (tests/test_modern.py recomputes them): the first subtraction is exact near the root (Sterbenz)."""
    return (z - root[0]) - root[1]


class Softplus(Activation):
    r"""Softplus, a smooth ReLU.

    .. math::
        g(z) = \log(1 + e^{z}) = \max(z, 0) + \log(1 + e^{-|z|}), \qquad g'(z) = \sigma(z)

    Smooth everywhere; range (0, inf); derivative in (0, 1), never exactly 0 for finite z in exact
    arithmetic (it underflows to 0 below z = -745 in float64).

    Numerics: the textbook log(1 + exp(z)) overflows to inf for z > 709.8 and rounds to 0 below
    z = -36.7; the max + log1p form does neither.
    """

    name = "softplus"
    symbol = "softplus"

    def _value_and_derivative(self, z):
        e, sigma, _ = sigmoid_parts(z)
        return np.maximum(z, 0) + np.log1p(e), sigma

    def _value(self, z):
        return np.maximum(z, 0) + np.log1p(np.exp(-np.abs(z)))

    def _expression(self, z):
        return sp.log(1 + sp.exp(z))


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


class ELU(Activation):
    r"""Exponential linear unit with saturation value ``-alpha`` (default 1).

    .. math::
        g(z) = \begin{cases} z & z > 0 \\ \alpha (e^{z} - 1) & z \le 0 \end{cases}, \qquad
        g'(z) = \begin{cases} 1 & z > 0 \\ \alpha e^{z} & z \le 0 \end{cases}

    With alpha = 1 the derivative is continuous (both sides give 1 at 0); otherwise there is a kink
    at 0 and actlib uses the left value, g'(0) = alpha, as PyTorch does. Negative outputs push the
    mean activation towards 0, unlike ReLU.

    Numerics: e^z - 1 is computed with expm1, exact to 1 ulp for tiny z where exp(z) - 1 cancels.
    """

    name = "elu"
    symbol = "ELU"
    defaults = {"alpha": 1.0}
    parameter_ranges = {"alpha": (0.0, 3.0)}

    def _value_and_derivative(self, z):
        return _exponential_linear(z, self.params["alpha"], 1.0)

    def _value(self, z):
        return _exponential_linear(z, self.params["alpha"], 1.0, derivative=False)

    def _expression(self, z, alpha):
        return sp.Piecewise((z, z > 0), (alpha * (sp.exp(z) - 1), True))


class SELU(Activation):
    r"""Scaled ELU with the self-normalising constants of Klambauer et al. (2017).

    .. math::
        g(z) = \lambda \begin{cases} z & z > 0 \\ \alpha (e^{z} - 1) & z \le 0 \end{cases}, \qquad
        g'(z) = \lambda \begin{cases} 1 & z > 0 \\ \alpha e^{z} & z \le 0 \end{cases}

    alpha = 1.6732632423543772, lambda = 1.0507009873554805: with these, activations of a wide
    network with standard-normal-initialised weights keep mean 0 and variance 1 from layer to
    layer. Kink at 0: actlib uses g'(0) = lambda*alpha (the left value), as PyTorch does.
    """

    name = "selu"
    symbol = "SELU"
    alpha = 1.6732632423543772848170429916717
    scale = 1.0507009873554804934193349852946

    def _value_and_derivative(self, z):
        return _exponential_linear(z, self.alpha, self.scale)

    def _value(self, z):
        return _exponential_linear(z, self.alpha, self.scale, derivative=False)

    def _expression(self, z):
        alpha, scale = sp.Rational(repr(self.alpha)), sp.Rational(repr(self.scale))
        return scale * sp.Piecewise((z, z > 0), (alpha * (sp.exp(z) - 1), True))


def _times_sigmoid(z, v, u, v0, u0, w0, derivative=True):
    """Value z*sigma(v) and derivative sigma(v) + u*sigma'(v) of z*sigma(v(z)), where u = z*v'(z).

    SiLU has v = u = z; the tanh-GELU v = k(z + a z^3), u = k(z + 3a z^3). v, u and their values
    v0, u0 at the root z0 of the derivative come as pairs (high, low); w0 = e^{v0}. Left of 0 the derivative is
    sigma'(v)*N with N = 1 + e^v + u, which vanishes at z0. Since 1 + e^{v0} + u0 = 0,
        N = e^{v0} * expm1(v - v0) + (u - u0),
    two terms with the sign of z - z0: no cancellation at the root or anywhere else.
    With ``derivative=False`` only the value, which needs none of that (u may then be None).
    """
    v_high, v_low = v
    e, sigma, sigma_slope = sigmoid_parts(v_high, with_slope=derivative or v_low is not None)
    if v_low is not None:  # first-order corrections for v = v_high + v_low
        sigma_slope = sigma_slope + sigma_slope * ((1 - 2 * sigma) * v_low)
        sigma = sigma + sigma_slope * v_low
        e = e + e * v_low
    else:
        v_low = 0.0
    value = np.maximum(z, -_BOUND) * sigma
    tiny = v_high < _SCALED_BELOW
    if np.any(tiny):  # sigma(v) and sigma'(v) are e^v here, subnormal or nearly
        scaled = np.exp(v_high[tiny] + _SHIFT) * (1 + (v_low[tiny] if np.ndim(v_low) else v_low))
        value[tiny] = (np.maximum(z[tiny], -_BOUND) * scaled) * _UNSHIFT
    if not derivative:
        return value
    right = sigma + np.clip(u[0], -_BOUND, _BOUND) * sigma_slope
    # Left of 0 (v < 0): v and u are clipped so that N stays finite where sigma'(v) is 0.
    dv = (np.clip(v_high, -_BOUND, 0.0) - v0[0]) + (v_low - v0[1])
    du = (np.clip(u[0], -_BOUND, 0.0) - u0[0]) + (u[1] - u0[1])
    N = w0 * np.expm1(dv) + du
    # sigma'(v) * N as e*N/(1 + e)^2 with e = e^v, the square formed with one rounding
    one_plus_e, rounding = two_sum(1.0, e)
    square, square_error = two_product(one_plus_e, one_plus_e)
    left = e * N / (square + (square_error + 2 * one_plus_e * rounding))
    slope = np.where(z < 0, left, right)
    if np.any(tiny):
        slope[tiny] = (N[tiny] * scaled) * _UNSHIFT
    return value, slope


_SILU_ROOT = (-1.2784645427610737, -1.0946994183093437e-16)  # -(1 + W(1/e)), W = Lambert W
_SILU_W0 = 0.2784645427610738  # e^{z0} = -(1 + z0) = W(1/e)


class SiLU(Activation):
    r"""SiLU (sigmoid-weighted linear unit), also called swish: z times its own sigmoid.

    .. math::
        g(z) = z\,\sigma(z), \qquad g'(z) = \sigma(z)\bigl(1 + z\,(1 - \sigma(z))\bigr)

    Smooth, not monotone: minimum g(z0) = z0 + 1 = -0.2785 at z0 = -1.2785, where g' = 0; g' ranges
    over about [-0.100, 1.100]. Behaves like ReLU for large |z| but lets small negative inputs through.

    Numerics: left of 0, g' = sigma'(z)*(1 + z + e^z), and 1 + z + e^z is evaluated around its root
    as (z - z0) + e^{z0}*expm1(z - z0), which keeps full relative accuracy through the root.
    """

    name = "silu"
    symbol = "SiLU"

    def _value_and_derivative(self, z):
        v = (z, None)  # v = u = z, exact
        return _times_sigmoid(z, v, (z, 0.0), _SILU_ROOT, _SILU_ROOT, _SILU_W0)

    def _value(self, z):
        return _times_sigmoid(z, (z, None), None, _SILU_ROOT, _SILU_ROOT, _SILU_W0, derivative=False)

    def _expression(self, z):
        return z / (1 + sp.exp(-z))


def _square_of_w2_2w_2(w):
    """(w^2 + 2w + 2)^2 with one rounding instead of five: the five would cost Mish' ~2 ulp."""
    s, s_error = two_sum(w, 2.0)
    p, p_error = two_product(w, s)
    q, q_error = two_sum(p, 2.0)
    q_error = q_error + (p_error + w * s_error)
    square, square_error = two_product(q, q)
    return square + (square_error + 2 * q * q_error)


_MISH_ROOT = (-1.1924312145154952, -4.8484829848031044e-17)
_MISH_W0 = 0.3034825352815289  # e^{z0}
_MISH_C1 = 0.3733670191691929  # (6 + 4 z0) e^{z0}


class Mish(Activation):
    r"""Mish (Misra, 2019): z times tanh of its softplus.

    .. math::
        g(z) = z \tanh(\operatorname{softplus}(z)) = z\,\frac{w^2 + 2w}{w^2 + 2w + 2},\quad w = e^{z},
        \qquad g'(z) = \frac{w\,M(z)}{(w^2 + 2w + 2)^2},\quad M = w^3 + 4w^2 + 6w + 4 + 4z(w + 1)

    Smooth, not monotone: minimum about -0.3088 at z0 = -1.1924, where g' = 0; g' ranges over
    about [-0.110, 1.089].

    Numerics: tanh(softplus(z)) is the rational function of w above (of e^{-z} for z > 0), free of
    overflow. M is evaluated around its root as a sum of terms that all share the sign of z - z0:
    M = w0^3 expm1(3d) + 4 w0^2 expm1(2d) + (6 + 4 z0) w0 expm1(d) + 4 w0 d e^d + 4d.
    """

    name = "mish"
    symbol = "Mish"

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
        value = np.maximum(z, -_BOUND) * squashed
        tiny = z < _SCALED_BELOW
        if np.any(tiny):  # w is subnormal or nearly; tanh(softplus(z)) = w and the denominator is 2
            left_z = np.maximum(z[tiny], -_BOUND)
            value[tiny] = (left_z * np.exp(left_z + _SHIFT)) * _UNSHIFT
        return e, positive, denominator, squashed, value

    def _value(self, z):
        return self._gate(z)[-1]

    def _value_and_derivative(self, z):
        e, positive, denominator, squashed, value = self._gate(z)
        bounded = np.clip(z, -_BOUND, _BOUND)
        right = squashed + bounded * (4 * e * e * (1 + e)) / (denominator * denominator)
        left_z = np.minimum(bounded, 0.0)
        d = _offset_from_root(left_z, _MISH_ROOT)
        w0 = _MISH_W0
        M = (w0 ** 3 * np.expm1(3 * d) + 4 * w0 * w0 * np.expm1(2 * d) + _MISH_C1 * np.expm1(d)
             + 4 * w0 * d * np.exp(d) + 4 * d)
        slope = np.where(positive, right, e * M / _square_of_w2_2w_2(e))
        tiny = z < _SCALED_BELOW
        if np.any(tiny):  # w^2 + 2w + 2 = 2, so Mish' = w M / 4
            slope[tiny] = (M[tiny] * np.exp(left_z[tiny] + _SHIFT) * 0.25) * _UNSHIFT
        return value, slope

    def _expression(self, z):
        return z * sp.tanh(sp.log(1 + sp.exp(z)))


_GELU_ROOT = (-0.7517915246935645, 1.4956759177009883e-17)
_GELU_TANH_V0 = (-1.2311548723318988, 1.449217884953896e-17)  # v(z0)
_GELU_TANH_U0 = (-1.291955211914767, -1.0243969451078615e-16)  # z0 v'(z0)
_GELU_TANH_W0 = 0.29195521191476714  # e^{v(z0)}
_GELU_TANH_K = (1.5957691216057308, -9.96930880911092e-17)  # 2*sqrt(2/pi) as a pair
_GELU_TANH_A = (0.044715, 2.1960211427085595e-18)  # 0.044715 as a pair (not a binary fraction)
_GELU_TANH_2K = (3.1915382432114616, -1.993861761822184e-16)
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
_NODES, _WEIGHTS = np.polynomial.legendre.leggauss(16)


def _normal_cdf_scaled(z, gauss, shift):
    """Phi(z) * e^shift, from erfc near 0 and from erfcx * exp(-z^2/2) in the left tail.

    Phi(z) = erfc(t)/2 with t = -z/sqrt(2); for t > 0.5 erfc(t) = erfcx(t) e^{-t^2}, and
    ``gauss`` = e^{-z^2/2 + shift} comes from the exactly split square. scipy's erfcx is accurate
    to ~6 ulp, which bounds this function's accuracy. Each special function runs only where used.
    """
    t = -z * _INV_SQRT2
    far = t >= 0.5
    cdf = np.empty_like(z)
    near = ~far
    cdf[near] = 0.5 * special.erfc(t[near])  # shift is 0 here
    cdf[far] = 0.5 * gauss[far] * special.erfcx(t[far])
    return cdf


def _gelu_slope_from(anchor, start, z):
    """GELU'(z) = GELU'(anchor) + integral of GELU'' from the anchor to z (16-point Gauss-Legendre,
    exact to float64 precision on intervals this short)."""
    d = _offset_from_root(z, anchor)
    t = anchor[0] + 0.5 * d[:, None] * (1 + _NODES)
    second_derivative = np.exp(-0.5 * t * t) * (2 - t * t)  # GELU''(t) * sqrt(2 pi)
    integral = (0.5 * _INV_SQRT_2PI) * d * (second_derivative @ _WEIGHTS)
    return start[0] + (start[1] + integral)


def _gelu_tanh_arguments(z, with_u=True):
    """v = k(z + a z^3) and u = z v'(z) = 3v - 2kz (k = 2 sqrt(2/pi), a = 0.044715) as pairs
    (high, low), exact to ~1e-32 relative. u (only the derivative needs it) is None unless ``with_u``."""
    c = np.clip(z, -50.0, 50.0)  # sigma(v) is exactly 0 or 1 beyond
    square, square_error = two_product(c, c)
    cube, cube_error = two_product(c, square)
    cube_error = cube_error + c * square_error
    a_high, a_low = _GELU_TANH_A
    q, q_error = two_product(a_high, cube)
    q_error = q_error + a_high * cube_error + a_low * cube
    s, s_error = two_sum(c, q)
    s_error = s_error + q_error
    k_high, k_low = _GELU_TANH_K
    v, v_error = two_product(k_high, s)
    v_error = v_error + k_high * s_error + k_low * s
    v_high = v + v_error
    v_low = v_error - (v_high - v)
    if not with_u:
        return (v_high, v_low), None
    three_v, three_v_error = two_product(3.0, v_high)
    three_v_error = three_v_error + 3.0 * v_low
    two_kz, two_kz_error = two_product(_GELU_TANH_2K[0], c)
    two_kz_error = two_kz_error + _GELU_TANH_2K[1] * c
    u, u_error = two_sum(three_v, -two_kz)
    u_error = u_error + (three_v_error - two_kz_error)
    u_high = u + u_error
    return (v_high, v_low), (u_high, u_error - (u_high - u))


class GELU(Activation):
    r"""GELU (Hendrycks and Gimpel, 2016): z weighted by the standard normal CDF Phi.

    .. math::
        g(z) = z\,\Phi(z) = \frac{z}{2}\Bigl(1 + \operatorname{erf}\frac{z}{\sqrt 2}\Bigr), \qquad
        g'(z) = \Phi(z) + z\,\varphi(z), \quad \varphi(z) = \frac{e^{-z^2/2}}{\sqrt{2\pi}}

    ``approximate="tanh"`` gives the tanh approximation used by GPT-2 and BERT (PyTorch's
    ``approximate='tanh'``): g(z) = z/2 * (1 + tanh(sqrt(2/pi) (z + 0.044715 z^3))). It is within
    ~5e-4 of the exact GELU and cheaper without an erf.

    Smooth, not monotone: minimum about -0.170 at z0 = -0.7518, where g' = 0; g' ranges over
    about [-0.129, 1.129] (maximum and minimum at z = +-sqrt(2)).

    Numerics: see the module docstring (root of g', exactly split exponent arguments, scaled tiny
    products). Measured against mpmath in float64: exact value within 6.5 ulp (bounded by scipy's
    erfcx, itself ~6 ulp), exact derivative within 3.7 ulp; tanh form within 3.3 ulp, except 5.3
    ulp for the derivative at the one float nearest its root. float32: within 0.5 ulp.
    """

    name = "gelu"
    symbol = "GELU"
    defaults = {"approximate": "none"}
    choices = {"approximate": ("none", "tanh")}

    def _value(self, z):
        return self._value_and_derivative(z, derivative=False)

    def _value_and_derivative(self, z, derivative=True):
        if self.params["approximate"] == "tanh":
            v, u = _gelu_tanh_arguments(z, with_u=derivative)
            return _times_sigmoid(z, v, u, _GELU_TANH_V0, _GELU_TANH_U0, _GELU_TANH_W0, derivative)
        tiny = z < -37.0  # Phi(z) < 6e-300: carry e^64 through and take it out after the product
        shift = np.where(tiny, _SHIFT, 0.0)
        gauss = exp_of_minus_half_square(z, shift)
        cdf = _normal_cdf_scaled(z, gauss, shift)
        value = np.maximum(z, -_BOUND) * cdf
        value[tiny] = value[tiny] * _UNSHIFT
        if not derivative:
            return value
        slope = cdf + np.clip(z, -_BOUND, _BOUND) * (_INV_SQRT_2PI * gauss)
        slope[tiny] = slope[tiny] * _UNSHIFT
        for (low, high), anchor, start in _GELU_ANCHORS:
            inside = (z >= low) & (z < high)
            if np.any(inside):
                slope[inside] = _gelu_slope_from(anchor, start, z[inside])
        return value, slope

    def _expression(self, z, approximate):
        if approximate == "tanh":
            inner = sp.sqrt(2 / sp.pi) * (z + sp.Rational("0.044715") * z ** 3)
            return z / 2 * (1 + sp.tanh(inner))
        return z / 2 * (1 + sp.erf(z / sp.sqrt(2)))


for _cls in (Softplus, ELU, SELU, GELU, SiLU, Mish):
    register(_cls)
