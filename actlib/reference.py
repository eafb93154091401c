"""High-precision reference values (mpmath) and errors measured in ulps.

The reference for an activation is its own sympy expression (``act.expr`` and its sympy derivative)
evaluated by mpmath with ``DIGITS`` significant digits. That many digits are needed because the
expressions are the textbook ones: ``1 - tanh(z)**2`` cancels about 0.87*|z| digits, and values
down to float64's smallest subnormal (~4.9e-324) must still come out right.
"""
from __future__ import annotations

from functools import lru_cache

import mpmath
import numpy as np
import sympy as sp

from .activations import Activation, get, z as z_symbol

DIGITS = 450


@lru_cache(maxsize=64)
def _mpmath_function(activation: Activation, derivative: bool):
    expression = activation.derivative_expr if derivative else activation.expr
    return sp.lambdify(z_symbol, expression, modules="mpmath")


def reference(activation, z, derivative: bool = False) -> list:
    """Exact-to-many-digits values (``mpmath.mpf``) of the activation or its derivative at each z.

    Each float z is converted exactly; infinite and nan inputs are not supported (their limits are
    tested directly).
    """
    function = _mpmath_function(get(activation), derivative)
    points = np.asarray(z, dtype=np.float64).reshape(-1)
    if not np.all(np.isfinite(points)):
        raise ValueError("reference() takes finite z only.")
    with mpmath.workdps(DIGITS):
        return [function(mpmath.mpf(float(point))) for point in points]


def reference_float64(activation, z, derivative: bool = False) -> np.ndarray:
    """:func:`reference` rounded to float64, in the shape of ``z``: for plotting and relative errors."""
    values = reference(activation, z, derivative)
    return np.array([float(value) for value in values]).reshape(np.shape(z))


def ulp_of(value, dtype) -> float:
    """The spacing of ``dtype`` floats at ``value`` (at 0 or in the subnormal range: the smallest subnormal)."""
    largest = np.finfo(dtype).max
    with np.errstate(over="ignore"):
        rounded = np.asarray(abs(float(value)), dtype=dtype)
    if not np.isfinite(rounded) or rounded == largest:  # spacing above the largest float is inf
        return float(largest - np.nextafter(largest, dtype(0)))
    return float(np.spacing(rounded))


def ulp_errors(computed, references, dtype) -> np.ndarray:
    """|computed - reference| in units of the ``dtype`` spacing at the reference value.

    A nan where the reference is finite counts as an infinite error.
    """
    computed = np.asarray(computed).reshape(-1)
    errors = np.empty(computed.size)
    with mpmath.workdps(DIGITS):
        for index, (value, exact) in enumerate(zip(computed, references)):
            if not np.isfinite(value):
                errors[index] = np.inf
                continue
            difference = abs(mpmath.mpf(float(value)) - exact)
            errors[index] = float(difference / mpmath.mpf(ulp_of(exact, dtype)))
    return errors


def accuracy(activation, z, dtype=np.float64, derivative: bool = False) -> np.ndarray:
    """Errors in ulps of actlib's value (or derivative) at the points z, computed in ``dtype``."""
    activation = get(activation)
    points = np.asarray(z, dtype=dtype)
    computed = activation.derivative(points) if derivative else activation(points)
    return ulp_errors(computed, reference(activation, points, derivative), dtype)
