"""Exact arithmetic and the stable building blocks of the gated activations (``actlib.activations.gated``).

Exact sums and products of float64 arrays are kept as (rounded result, rounding error) pairs. They
are used where one rounding is amplified later: exp(-z²/2) multiplies the relative error of z² by
z²/2 (up to ~370 at the float64 underflow edge), and a GELU's exp(v) does the same with v. Splitting
the square or v into two floats keeps them exact to ~1e-32 relative. These are Dekker's and Knuth's
error-free transformations; numpy has no fma, so products use Veltkamp's split.

Products with a tiny factor: z * sigma(z) at z = -740 multiplies a subnormal sigma (already rounded
to a few significant bits) by 740. Below ``SCALED_BELOW`` the small factor is computed as
exp(x + 64) and multiplied by e^-64 last, so only the final product rounds into the subnormals.

SiLU and the tanh-GELU are both g = z·σ(v(z)); ``value_and_slope_of_z_times_sigmoid`` evaluates g and
g' for either, given v, u = z·v'(z) and the ``GateRoot`` where g' = 0.
"""
from __future__ import annotations

from typing import NamedTuple

import numpy as np

from actlib.activations.logistic import sigmoid_parts

BOUND = 1e4  # beyond |z| = 1e4 every factor below is exactly 0 or 1; clipping keeps inf * 0 out
SCALED_BELOW = -700.0  # exp(x) is subnormal below -708.4
SHIFT = 64.0  # x + 64 is exact for x in [-745, -700] (same binade), and exp(x + 64) is normal
UNSHIFT = float(np.exp(-64.0))  # e^-64, one rounding (0.5 ulp) applied to the final product

INV_SQRT2 = 0.7071067811865476
INV_SQRT_2PI = 0.3989422804014327
_NODES, _WEIGHTS = np.polynomial.legendre.leggauss(16)
_SPLITTER = 134217729.0  # 2**27 + 1: splits a float64 into two halves of at most 26 bits each


def split(a):
    """(high, low) with high + low == a exactly and high holding the leading 26 bits. |a| < 1e300."""
    t = _SPLITTER * a
    high = t - (t - a)
    return high, a - high


def two_sum(a, b):
    """(s, e) with s = fl(a + b) and s + e == a + b exactly."""
    s = a + b
    b_part = s - a
    return s, (a - (s - b_part)) + (b - b_part)


def two_product(a, b):
    """(p, e) with p = fl(a * b) and p + e == a * b exactly (no underflow; |a|, |b| < 1e150)."""
    p = a * b
    a_high, a_low = split(a)
    b_high, b_low = split(b)
    return p, ((a_high * b_high - p) + a_high * b_low + a_low * b_high) + a_low * b_low


def exp_of_minus_half_square(z, shift=0.0):
    """exp(-z²/2 + shift) within ~1 ulp for every float64 z (inf gives 0).

    ``shift`` (0 or 64) lifts a result that would be subnormal into the normal range; -z²/2 + 64
    is exact wherever z²/2 > 600, the only place it is used.

    The square is split exactly, z² = p + e, and exp(-(p + e)/2) = exp(-p/2)·(1 - e/2 + ...):
    e/2 is below 1e-16·p, so one correction term is exact to float64 precision.
    """
    clipped = np.clip(z, -40.0, 40.0)  # exp(-800) is 0 in float64; this keeps the split finite
    p, e = two_product(clipped, clipped)
    return np.exp(-0.5 * p + shift) * (1 - 0.5 * e)


def offset_from_root(z, root):
    """z - z0 for a root (or anchor) z0 = high + low stored as a pair: the first subtraction is
    exact near the root (Sterbenz), the second adds the low part."""
    return (z - root[0]) - root[1]


class GateRoot(NamedTuple):
    """Where the slope of a gated activation g(z) = z·σ(v(z)) is zero, and what its left side is summed
    around: the root z0 of g' (as the nearest float), v0 = v(z0) and u0 = z0·v'(z0) as exact pairs
    (high, low), and exp_v0 = e^{v0}. g'(z0) = 0 means 1 + e^{v0} + u0 = 0."""

    z0: float
    v0: tuple[float, float]
    u0: tuple[float, float]
    exp_v0: float


def value_of_z_times_sigmoid(z, *, v):
    """g(z) = z·σ(v) for v = v(z) given as a pair (high, low); low is None when high is v exactly
    (SiLU's v = z), which skips the first-order correction and σ' with it."""
    _, sigma, _ = _sigmoid_of_pair(v, with_slope=False)
    return _z_times_sigma(z, sigma, v)[0]


def value_and_slope_of_z_times_sigmoid(z, *, v, u, root):
    """g(z) = z·σ(v) and g'(z) = σ(v) + u·σ'(v), where u = z·v'(z), for the gated activations
    g = z·σ(v(z)): SiLU (v = u = z) and the tanh-GELU (v = k(z + a z³), u = k(z + 3a z³)).

    v and u come as pairs (high, low), low None when high is exact; ``root`` is the ``GateRoot``
    where g' = 0. Right of 0 both terms of g' are ≥ 0 and the sum is taken as written. Left of 0
    they have opposite signs and cancel at the root z0, so g' is rewritten with σ(v) = σ'(v)·(1 + e^v):
        g' = σ'(v)·N,   N = 1 + e^v + u = e^{v0}·expm1(v − v0) + (u − u0)   (since 1 + e^{v0} + u0 = 0),
    two terms with the sign of z − z0: no cancellation at the root or anywhere else.
    """
    e, sigma, sigma_slope = _sigmoid_of_pair(v, with_slope=True)
    value, tiny, scaled_sigma = _z_times_sigma(z, sigma, v)
    v_high, v_low = v[0], (0.0 if v[1] is None else v[1])
    u_high, u_low = u[0], (0.0 if u[1] is None else u[1])
    right = sigma + np.clip(u_high, -BOUND, BOUND) * sigma_slope
    # N around the root; v and u clipped so that N stays finite where σ'(v) is 0
    v_minus_v0 = (np.clip(v_high, -BOUND, 0.0) - root.v0[0]) + (v_low - root.v0[1])
    u_minus_u0 = (np.clip(u_high, -BOUND, 0.0) - root.u0[0]) + (u_low - root.u0[1])
    N = root.exp_v0 * np.expm1(v_minus_v0) + u_minus_u0
    left = e * N / square_of_one_plus(e)  # σ'(v)·N, as e = e^v left of 0
    slope = np.where(z < 0, left, right)
    if np.any(tiny):  # σ'(v) = σ(v) = e^v there
        slope[tiny] = (N[tiny] * scaled_sigma) * UNSHIFT
    return value, slope


def _sigmoid_of_pair(v, with_slope):
    """(e, σ(v), σ'(v)) as ``sigmoid_parts`` gives them, e = exp(−|v|), for v = high + low: corrected to
    first order in low (σ'' = σ'·(1 − 2σ)) unless low is None."""
    v_high, v_low = v
    if v_low is None:
        return sigmoid_parts(v_high, with_slope=with_slope)
    e, sigma, sigma_slope = sigmoid_parts(v_high)
    sigma_slope = sigma_slope + sigma_slope * ((1 - 2 * sigma) * v_low)
    sigma = sigma + sigma_slope * v_low
    e = e + e * v_low  # e = e^v where e is used (left of 0)
    return e, sigma, sigma_slope


def _z_times_sigma(z, sigma, v):
    """(z·σ, where v < ``SCALED_BELOW``, σ·e^64 there): below that σ(v) = e^v is subnormal or nearly,
    so the product is formed with e^{v + 64} and scaled back last (see the module docstring)."""
    value = np.maximum(z, -BOUND) * sigma
    v_high, v_low = v
    tiny = v_high < SCALED_BELOW
    scaled_sigma = None
    if np.any(tiny):
        scaled_sigma = np.exp(v_high[tiny] + SHIFT) * (1 + (0.0 if v_low is None else v_low[tiny]))
        value[tiny] = (np.maximum(z[tiny], -BOUND) * scaled_sigma) * UNSHIFT
    return value, tiny, scaled_sigma


def square_of_one_plus(e):
    """(1 + e)² with one rounding instead of two (σ'(v) = e/(1 + e)² with e = e^v left of 0)."""
    one_plus_e, rounding = two_sum(1.0, e)
    square, square_error = two_product(one_plus_e, one_plus_e)
    return square + (square_error + 2 * one_plus_e * rounding)


def square_of_w2_2w_2(w):
    """(w^2 + 2w + 2)^2 with one rounding instead of five: the five would cost Mish' ~2 ulp."""
    s, s_error = two_sum(w, 2.0)
    p, p_error = two_product(w, s)
    q, q_error = two_sum(p, 2.0)
    q_error = q_error + (p_error + w * s_error)
    square, square_error = two_product(q, q)
    return square + (square_error + 2 * q * q_error)


def normal_cdf_scaled(z, gauss, shift):
    """Phi(z) * e^shift, from erfc near 0 and from erfcx * exp(-z^2/2) in the left tail.

    Phi(z) = erfc(t)/2 with t = -z/sqrt(2); for t > 0.5 erfc(t) = erfcx(t) e^{-t^2}, and
    ``gauss`` = e^{-z^2/2 + shift} comes from the exactly split square. scipy's erfcx is accurate
    to ~6 ulp, which bounds this function's accuracy. Each special function runs only where used.
    """
    # scipy.special is imported here, not at the top: loading it costs ~0.3 s, paid by every
    # `import actlib` (and every notebook) although only the GELU's value and slope need it.
    from scipy import special

    t = -z * INV_SQRT2
    far = t >= 0.5
    cdf = np.empty_like(z)
    near = ~far
    cdf[near] = 0.5 * special.erfc(t[near])  # shift is 0 here
    cdf[far] = 0.5 * gauss[far] * special.erfcx(t[far])
    return cdf


def gelu_slope_from(anchor, start, z):
    """GELU'(z) = GELU'(anchor) + integral of GELU'' from the anchor to z (16-point Gauss-Legendre,
    exact to float64 precision on intervals this short)."""
    d = offset_from_root(z, anchor)
    t = anchor[0] + 0.5 * d[:, None] * (1 + _NODES)
    second_derivative = np.exp(-0.5 * t * t) * (2 - t * t)  # GELU''(t) * sqrt(2 pi)
    # The weighted sum node by node (compensated), not a matrix product: BLAS sums in an order that
    # depends on the array's length, so the same z would get slopes an ulp apart in different calls.
    weighted, error = np.zeros_like(d), np.zeros_like(d)
    for column, weight in zip(second_derivative.T, _WEIGHTS):
        weighted, rounding = two_sum(weighted, weight * column)
        error += rounding
    integral = (0.5 * INV_SQRT_2PI) * d * (weighted + error)
    return start[0] + (start[1] + integral)


# the tanh-GELU's constants k = 2 sqrt(2/pi), a and 2k as exact pairs (high, low)
GELU_TANH_K = (1.5957691216057308, -9.96930880911092e-17)
GELU_TANH_A = (0.044715, 2.1960211427085595e-18)  # 0.044715 is not a binary fraction
GELU_TANH_2K = (3.1915382432114616, -1.993861761822184e-16)


def gelu_tanh_arguments(z, with_u=True):
    """v = k(z + a z^3) and u = z v'(z) = 3v - 2kz (k = 2 sqrt(2/pi), a = 0.044715) as pairs
    (high, low), exact to ~1e-32 relative. u (only the derivative needs it) is None unless ``with_u``."""
    c = np.clip(z, -50.0, 50.0)  # sigma(v) is exactly 0 or 1 beyond
    square, square_error = two_product(c, c)
    cube, cube_error = two_product(c, square)
    cube_error = cube_error + c * square_error
    a_high, a_low = GELU_TANH_A
    q, q_error = two_product(a_high, cube)
    q_error = q_error + a_high * cube_error + a_low * cube
    s, s_error = two_sum(c, q)
    s_error = s_error + q_error
    k_high, k_low = GELU_TANH_K
    v, v_error = two_product(k_high, s)
    v_error = v_error + k_high * s_error + k_low * s
    v_high = v + v_error
    v_low = v_error - (v_high - v)
    if not with_u:
        return (v_high, v_low), None
    three_v, three_v_error = two_product(3.0, v_high)
    three_v_error = three_v_error + 3.0 * v_low
    two_kz, two_kz_error = two_product(GELU_TANH_2K[0], c)
    two_kz_error = two_kz_error + GELU_TANH_2K[1] * c
    u, u_error = two_sum(three_v, -two_kz)
    u_error = u_error + (three_v_error - two_kz_error)
    u_high = u + u_error
    return (v_high, v_low), (u_high, u_error - (u_high - u))
