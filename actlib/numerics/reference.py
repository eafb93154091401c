"""High-precision reference values (mpmath) and errors measured in ulps.

The reference for an activation is its own sympy expression (``act.expr`` and its sympy derivative)
evaluated by mpmath with ``DIGITS`` significant digits. That many digits are needed because the
expressions are the textbook ones: ``1 - tanh(z)**2`` cancels about 0.87*|z| digits, and values
down to float64's smallest subnormal (~4.9e-324) must still come out right.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import mpmath
import numpy as np
import sympy as sp

from actlib.activations import Activation, get, z_symbol

DIGITS = 450


@lru_cache(maxsize=64)
def _mpmath_function(expression: sp.Expr):
    return sp.lambdify(z_symbol, expression, modules="mpmath")


@lru_cache(maxsize=8)
def _reference_values(expression: sp.Expr, points: tuple) -> tuple:
    """The expression at each point, by mpmath. Kept by expression, not by activation: a formula typed
    by hand (``from_expression``) often has the same expression as a built-in one, and notebook 06
    measures both on the same points, where 450-digit arithmetic costs about half a second a report."""
    function = _mpmath_function(expression)
    with mpmath.workdps(DIGITS):
        return tuple(function(mpmath.mpf(point)) for point in points)


def reference(activation, z, derivative: bool = False) -> list:
    """Exact-to-many-digits values (``mpmath.mpf``) of the activation or its derivative at each z.

    Each float z is converted exactly; infinite and nan inputs are not supported (their limits are
    tested directly).
    """
    activation = get(activation)
    points = np.asarray(z, dtype=np.float64).reshape(-1)
    if not np.all(np.isfinite(points)):
        raise ValueError("reference() takes finite z only.")
    expression = activation.derivative_expr if derivative else activation.expr
    return list(_reference_values(expression, tuple(points.tolist())))


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
        return float(largest - np.nextafter(largest, np.dtype(dtype).type(0)))
    return float(np.spacing(rounded))


def ulp_errors(computed, references, dtype) -> np.ndarray:
    """|computed - reference| in units of the ``dtype`` spacing at the reference value.

    A nan where the reference is finite counts as an infinite error; inf is exact where the
    reference lies beyond the largest ``dtype`` float (SELU's 1.05*z at z = 1.7e308).
    """
    computed = np.asarray(computed).reshape(-1)
    errors = np.empty(computed.size)
    largest = float(np.finfo(dtype).max)
    with mpmath.workdps(DIGITS):
        # IEEE rounding sends anything from largest + half its spacing upwards to inf.
        overflow = mpmath.mpf(largest) + mpmath.mpf(ulp_of(largest, dtype)) / 2
        for index, (value, exact) in enumerate(zip(computed, references)):
            if not np.isfinite(value):
                overflowed = np.isinf(value) and abs(exact) >= overflow and (value > 0) == (exact > 0)
                errors[index] = 0.0 if overflowed else np.inf
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


def accuracy_points(dtype=np.float64, roots=()) -> np.ndarray:
    """The points the tests hold every activation's accuracy to: a dense grid over [-40, 40], the
    tails out to the largest float, the overflow/underflow edges of exp, and around each of
    ``roots`` (the activation's ``derivative_roots``) points ever closer to it, where textbook
    forms of the derivative cancel."""
    info = np.finfo(dtype)
    # exp's argument overflows/underflows near these; the derivative of sigmoid and tanh reaches the
    # subnormal range and then 0 there.
    edges = (709.78, 710.0, 744.4, 745.2, 746.0, 354.9, 372.5, 373.0) if dtype == np.float64 else (
        88.72, 89.0, 103.2, 103.98, 104.0, 44.4, 51.9, 52.0)
    grid = np.linspace(-40, 40, 1601)
    tails = np.append(np.logspace(0, np.log10(float(info.max)) - 1e-3, 160).astype(dtype), info.max)
    small = np.array([info.smallest_subnormal, info.smallest_normal, 1e-30, 1e-8, 1e-3])
    magnitudes = np.concatenate([np.abs(grid), tails, small, edges, np.nextafter(np.array(edges), 0)])
    points = [magnitudes, -magnitudes, [0.0]]
    if len(roots):
        near = np.add.outer(roots, [-1e-6, -1e-9, -1e-12, -1e-15, 0.0, 1e-15, 1e-12, 1e-9, 1e-6])
        points += [np.linspace(-2.5, 0.5, 601), near.ravel()]
    return np.unique(np.concatenate(points).astype(dtype))


def report_points(dtype=np.float64) -> np.ndarray:
    """Where :func:`accuracy_report` looks: a grid over [-40, 40] and the tails out to |z| = 1e4
    (fewer points than :func:`accuracy_points`, so that a report takes about a second)."""
    grid = np.linspace(-40.0, 40.0, 321)
    tails = np.logspace(np.log10(41.0), 4.0, 24)
    return np.unique(np.concatenate([grid, tails, -tails])).astype(dtype)


@dataclass(frozen=True)
class AccuracyReport:
    """Largest errors in ulps of an activation's value and derivative against mpmath."""

    activation: Activation
    rows: tuple  # (dtype name, "value" or "derivative", worst ulp, z at the worst, median ulp)

    def worst(self, dtype=None, quantity=None) -> float:
        """The largest error (inf for a nan or overflow) over the rows that match."""
        return max(row[2] for row in self.rows
                   if (dtype is None or row[0] == np.dtype(dtype).name) and quantity in (None, row[1]))

    def __repr__(self):
        lines = [f"Accuracy of {self.activation!r} against {DIGITS}-digit mpmath, in ulps "
                 f"({len(report_points())} points, |z| <= 1e4)",
                 f"  {'dtype':8} {'':11} {'worst':>9}  {'at z':>11}  {'median':>7}"]
        for dtype, quantity, worst, at, median in self.rows:
            lines.append(f"  {dtype:8} {quantity:11} {worst:9.3g}  {at:11.5g}  {median:7.2f}")
        return "\n".join(lines)


def accuracy_report(activation, dtypes=(np.float64, np.float32)) -> AccuracyReport:
    """Measure any activation (built-in, from an expression, or combined) against its own sympy
    expression evaluated by mpmath: how many ulps its value and derivative are off, and where.

    A formula typed as written (``from_expression``) is exact in algebra but may lose every digit
    in floating point; this report is how to find out.
    """
    activation = get(activation)
    rows = []
    for dtype in dtypes:
        points = report_points(dtype)
        for derivative in (False, True):
            errors = accuracy(activation, points, dtype=dtype, derivative=derivative)
            worst = int(np.argmax(errors))
            rows.append((np.dtype(dtype).name, "derivative" if derivative else "value",
                         float(errors[worst]), float(points[worst]), float(np.median(errors))))
    return AccuracyReport(activation, tuple(rows))
