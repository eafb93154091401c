"""The properties that decide how an activation trains, measured rather than recalled.

>>> from actlib.views.properties import properties
>>> properties("relu").monotone, properties("silu").monotone
(True, False)
"""
from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from importlib import resources

import numpy as np

from actlib.activations import Activation, get, names, z

_GRID = np.linspace(-30.0, 30.0, 600_001)  # step 1e-4: a jump in g' stands out from smooth change


@dataclass(frozen=True)
class Properties:
    """What :func:`properties` measured for one activation."""

    activation: Activation
    value_range: tuple  # (inf, sup) of g over the reals, limits at +-inf included
    slope_range: tuple  # the same for g'
    monotone: bool  # g' >= 0 everywhere
    smooth: bool  # g' continuous (no kink)
    mean_output: float  # E[g(z)] for z ~ N(0, 1): 0 means zero-centred outputs
    saturates: str  # where g' -> 0: "both sides", "z → −∞", "z → +∞" or "no"


def properties(activation) -> Properties:
    """Measure the range, slope range, monotonicity, smoothness, centring and saturation of ``activation``.

    Ranges come from a grid over [-30, 30] with step 1e-4 plus the values at +-inf; smoothness is
    "no jump in g' between neighbouring grid points larger than 1e-2"; the mean output uses
    80-point Gauss-Hermite quadrature; saturation is g' = 0 at -inf or +inf (for a formula that
    gives nan there, g' below 1e-6 at -30 or +30).
    """
    act = get(activation)
    ends = np.array([-np.inf, np.inf])
    values, slopes = act.value_and_derivative(_GRID)
    end_values, end_slopes = act.value_and_derivative(ends)
    value_range = (float(min(values.min(), end_values.min())), float(max(values.max(), end_values.max())))
    slope_range = (float(min(slopes.min(), end_slopes.min())), float(max(slopes.max(), end_slopes.max())))
    nodes, weights = np.polynomial.hermite_e.hermegauss(80)
    mean_output = float(weights @ act(nodes) / np.sqrt(2 * np.pi))
    near_ends = np.abs(act.derivative(np.array([-30.0, 30.0]))) < 1e-6
    flat = np.where(np.isnan(end_slopes), near_ends, end_slopes == 0)
    saturates = {(True, True): "both sides", (True, False): "z → −∞", (False, True): "z → +∞",
                 (False, False): "no"}[tuple(bool(f) for f in flat)]
    return Properties(act, value_range, slope_range, bool(np.all(slopes >= 0)),
                      bool(np.max(np.abs(np.diff(slopes))) < 1e-2), mean_output, saturates)


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
    curvature = sp.diff(slope, z)
    with np.errstate(all="ignore"):  # the float grid only brackets the sign changes
        signs = np.sign(sp.lambdify(z, curvature, ["numpy", "scipy"])(_SEARCH))
    brackets = [(low, high) for low, high, before, after in zip(_SEARCH, _SEARCH[1:], signs, signs[1:])
                if before * after < 0]
    with mpmath.workdps(30):
        value_at, slope_at, curvature_at = (sp.lambdify(z, form, "mpmath") for form in (act.expr, slope, curvature))
        curvature_roots = [mpmath.findroot(curvature_at, (mpmath.mpf(float(low)), mpmath.mpf(float(high))),
                                           solver="anderson") for low, high in brackets]
        slope_roots = [mpmath.findroot(slope_at, mpmath.mpf(root)) for root in act.derivative_roots]
        values = [float(value_at(root)) for root in slope_roots] + list(act.limits[0])
        slopes = [float(slope_at(root)) for root in curvature_roots] + list(act.limits[1])
    return (min(values), max(values)), (min(slopes), max(slopes))


def measured_costs() -> dict[str, float]:
    """actlib's value + derivative time over one np.exp pass (float64) for each activation, as
    ``make bench`` last measured it (``benchmarks/activations.py`` writes this package data)."""
    text = resources.files(__package__).joinpath("data", "cost.csv").read_text()
    return {row["activation"]: float(row["ratio_to_exp"]) for row in csv.DictReader(text.splitlines())}


def _number(x, style=".3g") -> str:
    """x for a table cell: typographic minus and infinity, and no "−0.00" for a value that rounds to 0."""
    if np.isinf(x):
        return "∞" if x > 0 else "−∞"
    text = f"{x:{style}}"
    return text.lstrip("-") if float(text) == 0 else text.replace("-", "−")


def _points(zs) -> str:
    return ", ".join(_number(z, ".4g") for z in zs) or "—"


def _interval(low, high) -> str:
    return f"[{_number(low)}, {_number(high)}]"


def _at_defaults(activation) -> bool:
    """True for a registered activation with its default parameters: the one the benchmark timed."""
    try:
        return activation == get(activation.name)
    except KeyError:  # a combination, or a name that is not registered
        return False


def property_table(activations=None, costs=None) -> str:
    """A markdown table of :func:`properties` for each activation (names or Activations; default:
    every registered one), with its cost: ``costs`` maps names to a time over one np.exp pass
    (default: :func:`measured_costs`); only an activation at its default parameters, the one the
    benchmark timed, gets one."""
    costs = measured_costs() if costs is None else costs
    lines = ["| activation | range of g | range of g′ | monotone | g′ continuous | mean g(z), z ~ N(0,1) "
             "| g′ → 0 | cost (× np.exp) |", "|---|---|---|---|---|---:|---|---:|"]
    for activation in names() if activations is None else activations:
        p = properties(activation)
        cost = costs.get(p.activation.name) if _at_defaults(p.activation) else None
        lines.append(f"| {p.activation.name} | {_interval(*p.value_range)} | {_interval(*p.slope_range)} | "
                     f"{'yes' if p.monotone else 'no'} | {'yes' if p.smooth else 'no'} | "
                     f"{_number(p.mean_output, '.2f')} | {p.saturates} | {'—' if cost is None else f'{cost:.1f}'} |")
    return "\n".join(lines)


def declared_table(activations=None) -> str:
    """A markdown table of what each activation's class declares (default: every registered one):
    the README's table of activations is this, checked by a test."""
    lines = ["| activation | kinks at | g′ = 0 at | range of g | range of g′ | monotone | zero-centred | g′ → 0 "
             "| initialisation |", "|---|---|---|---|---|---|---|---|---|"]
    for activation in names() if activations is None else activations:
        a = get(activation)
        lines.append(f"| {a.name} | {_points(a.kinks)} | {_points(a.derivative_roots)} | {_interval(*a.value_range)} | "
                     f"{_interval(*a.slope_range)} | {'yes' if a.monotone else 'no'} | "
                     f"{'yes' if a.zero_centred else 'no'} | {a.saturates} | {a.initialisation} |")
    return "\n".join(lines)
