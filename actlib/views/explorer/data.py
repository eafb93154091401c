"""The numbers behind the explorer, computed by actlib for every position its sliders can reach.

The front end (explorer.js) only looks these up: moving z or h never asks the kernel. For each
reachable z it gets g(z) and g'(z) (``value_and_derivative``, as the readout has always shown) and
g(z) by ``__call__`` (what ``finite_difference`` subtracts); for each pair of z and h it gets g at
z + h' and z - h', where h' = (z + h) - z is the rounded step ``finite_difference`` uses, and the
complex-step slope Im g(z + ih) / h. The front end then forms each difference quotient with the
same float64 operations in the same order as ``finite_difference``, so its numbers are actlib's
bit for bit (tests/test_explorer.py checks this by running explorer.js in Node).

Arrays travel as little-endian float64 bytes: a widget trait sends them as binary buffers; the static
site embeds them as base64 text (``encoded``).
"""
from __future__ import annotations

import base64
import itertools
import math

import numpy as np

from actlib.numerics.finite_differences import METHODS
from actlib.views.plotting import display_name

STEPS = tuple(float(f"1e{k}") for k in range(-12, 1))  # h: one position per decade, 1e-12 ... 1
Z_POSITIONS = 240   # about this many z steps across the range: ~2 px per step on a 32em slider
PARAMETER_STEP = 0.01  # a parameter slider's step in the notebook (the kernel recomputes any value)
STATIC_PARAMETER_POSITIONS = 7  # the static site precomputes this many positions per parameter
TANGENT_HALF_WIDTH = 1.5  # the tangent is drawn over z ± this, long enough to compare with the curve


def _nice_step(span: float, count: int) -> float:
    """The smallest of 1, 2, 2.5, 5 times a power of ten that cuts ``span`` into at most ``count`` steps."""
    exponent = math.floor(math.log10(span / count))
    for base in (1.0, 2.0, 2.5, 5.0, 10.0):
        step = base * 10.0 ** exponent
        if span / step <= count + 1e-9:
            return step
    return 10.0 ** (exponent + 1)


def _with(values, extra) -> np.ndarray:
    """Sorted unique float64 positions, ``extra`` included exactly (the value the caller asked for)."""
    return np.unique(np.array([*values, extra], dtype=np.float64))


def z_positions(z_range, z: float) -> np.ndarray:
    """Multiples of a round step (0.05 over -6 ... 6) inside ``z_range``, its ends, and ``z`` itself."""
    low, high = float(z_range[0]), float(z_range[1])
    step = _nice_step(high - low, Z_POSITIONS)
    ks = np.arange(math.ceil(low / step - 1e-9), math.floor(high / step + 1e-9) + 1)
    grid = np.round(ks * step, 10)  # 0.05 * 21 -> 1.05 exactly as typed, so 0 and the integers are on it
    return _with([low, *grid[(grid > low) & (grid < high)], high], z)


def h_positions(h: float) -> np.ndarray:
    return _with(STEPS, h)


def parameter_positions(activation, static: bool = False) -> dict[str, list[float]]:
    """For each numeric parameter, the values its slider offers (the current value among them)."""
    positions = {}
    for key, value in activation.numeric_params.items():
        low, high = activation.parameter_ranges.get(key, (min(0.0, value), max(1.0, 2 * value)))
        low, high = min(low, value), max(high, value)
        if static:
            count = STATIC_PARAMETER_POSITIONS if len(activation.numeric_params) == 1 else 3
            grid = np.round(np.linspace(low, high, count), 2)
        else:
            grid = np.round(np.arange(low, high + PARAMETER_STEP / 2, PARAMETER_STEP), 10)
        positions[key] = [float(v) for v in _with(grid, value)]
    return positions


def complex_step_works(activation) -> bool:
    try:
        return np.iscomplexobj(activation(np.array([0.5 + 1e-20j])))
    except TypeError:  # e.g. an activation without a complex kernel
        return False


def methods_for(activation) -> list[str]:
    return [m for m in METHODS if m != "complex_step" or complex_step_works(activation)]


def curves(activation, zs, hs, curve_z) -> dict:
    """Everything the front end draws and reads for one set of parameters (float64 arrays)."""
    value, slope = activation.value_and_derivative(zs)
    base = np.asarray(activation(zs), dtype=np.float64)
    column = zs[:, None]
    with np.errstate(all="ignore"):
        step = (column + hs[None, :]) - column        # finite_difference's rounded step h'
        plus, minus = activation(column + step), activation(column - step)
        plus, minus = (np.where(step == 0, np.nan, a) for a in (plus, minus))  # z + h == z: no slope
        complex_slope = None
        if complex_step_works(activation):
            complex_slope = np.asarray(activation(column + 1j * hs[None, :])).imag / hs[None, :]
    curve_value, curve_slope = activation.value_and_derivative(curve_z)
    limits = []
    for data in (curve_value, curve_slope):
        low, high = float(np.nanmin(data)), float(np.nanmax(data))
        pad = 0.08 * max(high - low, 0.1)
        limits.append([low - pad, high + pad])
    arrays = {"value": value, "slope": slope, "base": base, "plus": plus, "minus": minus,
              "curve_value": curve_value, "curve_slope": curve_slope}
    if complex_slope is not None:
        arrays["complex_slope"] = complex_slope
    return {
        "params": dict(activation.numeric_params),
        "title": f"{display_name(activation)}: tangent and finite-difference chord at z",
        "value_limits": limits[0], "slope_limits": limits[1],
        **{key: as_bytes(array) for key, array in arrays.items()},
    }


def as_bytes(array) -> bytes:
    return np.ascontiguousarray(array, dtype="<f8").tobytes()


def from_bytes(data) -> np.ndarray:
    return np.frombuffer(bytes(data), dtype="<f8")


def encoded(value):
    """``value`` with every bytes object replaced by its base64 text (for JSON: the static site)."""
    if isinstance(value, (bytes, bytearray, memoryview)):
        return {"base64": base64.b64encode(bytes(value)).decode("ascii")}
    if isinstance(value, dict):
        return {key: encoded(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [encoded(item) for item in value]
    return value


def static_variants(activation, zs, hs, curve_z) -> tuple[dict, list[dict]]:
    """The parameter positions of the static site and the curves for every combination of them."""
    positions = parameter_positions(activation, static=True)
    variants = []
    for combination in itertools.product(*positions.values()):
        variant = activation.with_params(**dict(zip(positions, combination))) if positions else activation
        variants.append(curves(variant, zs, hs, curve_z))
    return positions, variants
