"""Exact sums and products of float64 arrays, kept as (rounded result, rounding error) pairs.

Used where one rounding is amplified later: exp(-z²/2) multiplies the relative error of z² by z²/2
(up to ~370 at the float64 underflow edge), and a GELU's exp(v) does the same with v. Splitting the
square or v into two floats keeps them exact to ~1e-32 relative. These are Dekker's and Knuth's
error-free transformations; numpy has no fma, so products use Veltkamp's split.
"""
from __future__ import annotations

import numpy as np

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
