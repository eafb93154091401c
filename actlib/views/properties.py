"""The properties that decide how an activation trains, measured rather than recalled.

>>> from actlib.views.properties import properties
>>> properties("relu").monotone, properties("silu").monotone
(True, False)
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from importlib import resources

import numpy as np

from actlib.activations import Activation, get, names

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


def measured_costs() -> dict[str, float]:
    """actlib's value + derivative time over one np.exp pass (float64) for each activation, as
    ``make bench`` last measured it (``benchmarks/activations.py`` writes this package data)."""
    text = resources.files("actlib").joinpath("data", "cost.csv").read_text()
    return {row["activation"]: float(row["ratio_to_exp"]) for row in csv.DictReader(text.splitlines())}


def number_text(x, style=".3g") -> str:
    """x for a table cell: typographic minus and infinity, and no "−0.00" for a value that rounds to 0."""
    if np.isinf(x):
        return "∞" if x > 0 else "−∞"
    text = f"{x:{style}}"
    return text.lstrip("-") if float(text) == 0 else text.replace("-", "−")


def _points(zs) -> str:
    return ", ".join(number_text(z, ".4g") for z in zs) or "—"


def interval_text(low, high) -> str:
    return f"[{number_text(low)}, {number_text(high)}]"


def at_defaults(activation) -> bool:
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
        cost = costs.get(p.activation.name) if at_defaults(p.activation) else None
        lines.append(f"| {p.activation.name} | {interval_text(*p.value_range)} | {interval_text(*p.slope_range)} | "
                     f"{'yes' if p.monotone else 'no'} | {'yes' if p.smooth else 'no'} | "
                     f"{number_text(p.mean_output, '.2f')} | {p.saturates} | {'—' if cost is None else f'{cost:.1f}'} |")
    return "\n".join(lines)


def declared_table(activations=None) -> str:
    """A markdown table of what each activation's class declares (default: every registered one):
    the README's table of activations is this, checked by a test."""
    lines = ["| activation | kinks at | g′ = 0 at | range of g | range of g′ | monotone | zero-centred | g′ → 0 "
             "| initialisation |", "|---|---|---|---|---|---|---|---|---|"]
    for activation in names() if activations is None else activations:
        a = get(activation)
        lines.append(f"| {a.name} | {_points(a.kinks)} | {_points(a.derivative_roots)} | {interval_text(*a.value_range)} | "
                     f"{interval_text(*a.slope_range)} | {'yes' if a.monotone else 'no'} | "
                     f"{'yes' if a.zero_centred else 'no'} | {a.saturates} | {a.initialisation} |")
    return "\n".join(lines)
