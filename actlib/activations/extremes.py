"""Where an activation's value and slope have their extremes, found from its sympy expression.

Declared ranges (``value_range``, ``slope_range``) of the smooth activations with an interior minimum
(SiLU, GELU, Mish) are computed here rather than typed: mpmath refines each extreme to 30 digits and
it is rounded once to the nearest float.
"""
from __future__ import annotations

import functools

import numpy as np

from actlib.activations.base import get, z_symbol

_SEARCH = np.linspace(-10.0, 10.0, 2001)  # step 0.01; the gated family's g'' changes sign within |z| < 2.5


@functools.lru_cache(maxsize=None)
def smooth_extremes(activation) -> tuple[tuple[float, float], tuple[float, float]]:
    """(value_range, slope_range) of a smooth activation, found from its sympy expression, not typed.

    g has its interior extremes where g' = 0: each declared ``derivative_roots`` is refined by mpmath's
    findroot on g' at 30 digits. g' has its interior extremes where g'' = 0: the sign changes of g'' on
    a grid of step 0.01 over [-10, 10] are each refined the same way. The limits at -inf and +inf
    (declared ``limits``) join the candidates, and each extreme is rounded once to the nearest float.
    Cached per activation and parameters: the first call costs about a tenth of a second, so classes
    call it when a range is first asked for, never at import.
    """
    import mpmath
    import sympy as sp

    act = get(activation)
    slope = act.derivative_expr
    curvature = sp.diff(slope, z_symbol)
    with np.errstate(all="ignore"):  # the float grid only brackets the sign changes
        signs = np.sign(sp.lambdify(z_symbol, curvature, ["numpy", "scipy"])(_SEARCH))
    brackets = [(low, high) for low, high, before, after in zip(_SEARCH, _SEARCH[1:], signs, signs[1:])
                if before * after < 0]
    with mpmath.workdps(30):
        value_at, slope_at, curvature_at = (sp.lambdify(z_symbol, form, "mpmath") for form in (act.expr, slope, curvature))
        curvature_roots = [mpmath.findroot(curvature_at, (mpmath.mpf(float(low)), mpmath.mpf(float(high))),
                                           solver="anderson") for low, high in brackets]
        slope_roots = [mpmath.findroot(slope_at, mpmath.mpf(root)) for root in act.derivative_roots]
        values = [float(value_at(root)) for root in slope_roots] + list(act.limits[0])
        slopes = [float(slope_at(root)) for root in curvature_roots] + list(act.limits[1])
    return (min(values), max(values)), (min(slopes), max(slopes))
