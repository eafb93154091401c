"""Exact arithmetic and the stable building blocks of the gated activations (``actlib.activations.gated``).

Exact sums and products of float64 arrays are kept as (rounded result, rounding error) pairs. They
are used where one rounding is amplified later: exp(-z²/2) multiplies the relative error of z² by
z²/2 (up to ~370 at the float64 underflow edge), and a GELU's exp(v) does the same with v. Splitting
the square or v into two floats keeps them exact to ~1e-32 relative. These are Dekker's and Knuth's
error-free transformations; numpy has no fma, so products use Veltkamp's split.

Products with a tiny factor: z * sigma(z) at z = -740 multiplies a subnormal sigma (already rounded
to a few significant bits) by 740. Below ``SCALED_BELOW`` the small factor is computed as
exp(x + 64) and multiplied by e^-64 last, so only the final product rounds into the subnormals.
"""
from __future__ import annotations

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


def times_sigmoid(z, v, u, v0, u0, w0, derivative=True):
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
    value = np.maximum(z, -BOUND) * sigma
    tiny = v_high < SCALED_BELOW
    if np.any(tiny):  # sigma(v) and sigma'(v) are e^v here, subnormal or nearly
        scaled = np.exp(v_high[tiny] + SHIFT) * (1 + (v_low[tiny] if np.ndim(v_low) else v_low))
        value[tiny] = (np.maximum(z[tiny], -BOUND) * scaled) * UNSHIFT
    if not derivative:
        return value
    right = sigma + np.clip(u[0], -BOUND, BOUND) * sigma_slope
    # Left of 0 (v < 0): v and u are clipped so that N stays finite where sigma'(v) is 0.
    dv = (np.clip(v_high, -BOUND, 0.0) - v0[0]) + (v_low - v0[1])
    du = (np.clip(u[0], -BOUND, 0.0) - u0[0]) + (u[1] - u0[1])
    N = w0 * np.expm1(dv) + du
    # sigma'(v) * N as e*N/(1 + e)^2 with e = e^v, the square formed with one rounding
    one_plus_e, rounding = two_sum(1.0, e)
    square, square_error = two_product(one_plus_e, one_plus_e)
    left = e * N / (square + (square_error + 2 * one_plus_e * rounding))
    slope = np.where(z < 0, left, right)
    if np.any(tiny):
        slope[tiny] = (N[tiny] * scaled) * UNSHIFT
    return value, slope


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
