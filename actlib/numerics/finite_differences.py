r"""Finite-difference slopes of any callable, and how their error depends on the step h.

.. math::
    \text{forward: } \frac{f(z+h)-f(z)}{h} \qquad
    \text{backward: } \frac{f(z)-f(z-h)}{h} \qquad
    \text{central: } \frac{f(z+h)-f(z-h)}{2h} \qquad
    \text{complex step: } \frac{\operatorname{Im} f(z+ih)}{h}

Forward and backward differences have truncation error ~h, central ~h^2; all three subtract two
nearly equal numbers, so rounding error grows like eps/h and there is a best h in between. The
complex step subtracts nothing, so h can be tiny (1e-20) and the result is accurate to rounding,
but f must accept complex input and be analytic there (actlib's activations are, branch by branch).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from actlib.activations.evaluation import as_input

METHODS = ("forward", "backward", "central", "complex_step")


def check_methods(methods):
    """``methods`` as a tuple (one name or several), or a ValueError that lists the valid ones."""
    methods = (methods,) if isinstance(methods, str) else tuple(methods)
    unknown = [method for method in methods if method not in METHODS]
    if unknown:
        raise ValueError(f"Unknown finite-difference method(s) {', '.join(map(repr, unknown))}; "
                         f"valid methods: {', '.join(METHODS)}.")
    return methods


def check_method(method: str) -> str:
    return check_methods(method)[0]


def default_step(method: str, z, dtype=np.float64):
    """The usual step for ``method`` at ``z``: about the h that balances truncation and rounding.

    forward/backward: sqrt(eps) * max(1, |z|); central: eps**(1/3) * max(1, |z|);
    complex step: 1e-20 * max(1, |z|) (no subtraction, so no rounding arm: its error does not grow as
    h shrinks; 1e-20 is far below any truncation error and still far from underflow).
    """
    eps = np.finfo(dtype).eps
    scale = np.maximum(1.0, np.abs(np.asarray(z, dtype=dtype)))
    factor = {"forward": np.sqrt(eps), "backward": np.sqrt(eps), "central": np.cbrt(eps), "complex_step": 1e-20}
    return factor[check_method(method)] * scale


def finite_difference(f, z, h=None, method: str = "central"):
    """Approximate f'(z) by a finite difference with step ``h`` (default: :func:`default_step`).

    ``z`` may be a number or an array; ``h`` a number or an array broadcastable against it. The
    step is first rounded so that z+h is exactly representable (h = (z+h) - z), the standard trick
    that removes one source of rounding error. The result has z's floating dtype (float64 for
    ints), so float32 input shows float32 rounding.
    """
    check_method(method)
    z = as_input(z, "finite_difference()")
    h = default_step(method, z, z.dtype) if h is None else as_input(h, "finite_difference(h=...)")
    if np.any(h <= 0):
        raise ValueError("finite_difference() needs a positive step h.")
    h = h.astype(z.dtype, copy=False)
    if method == "complex_step":
        value = np.asarray(f(z + 1j * h))
        if not np.iscomplexobj(value):
            raise TypeError(
                "The complex step needs f to accept complex input and return complex output; "
                f"f returned {value.dtype}. Use method='central' for real-only functions."
            )
        slope = value.imag / h
    else:
        h = (z + h) - z
        if np.any(h == 0):
            raise ValueError(
                "finite_difference(): the step is below the spacing of floats at z, so z + h == z; "
                f"use h of at least {float(np.max(np.spacing(np.abs(z)))):.3g} here."
            )
        if method == "forward":
            slope = (np.asarray(f(z + h)) - np.asarray(f(z))) / h
        elif method == "backward":
            slope = (np.asarray(f(z)) - np.asarray(f(z - h))) / h
        else:
            slope = (np.asarray(f(z + h)) - np.asarray(f(z - h))) / (2 * h)
    return slope.astype(z.dtype, copy=False)[()] if np.ndim(slope) == 0 else slope.astype(z.dtype, copy=False)


@dataclass(frozen=True)
class StepSweep:
    """Errors of several finite-difference methods at one point z, over a range of steps h."""

    z: float
    exact: float
    steps: np.ndarray
    errors: dict  # method name -> |approximation - exact| / |exact| (absolute if exact == 0); nan where z + h == z
    relative: bool

    def best_step(self, method: str, smooth: float = 0.0) -> float:
        """The step with the smallest error for ``method`` (ties: the largest such step).

        In the rounding arm errors scatter, and at a few steps they cancel by luck: the raw minimum
        is often such a lucky step, which moves with z and f. ``smooth`` > 0 averages log10 of the
        error over ``smooth`` decades on either side of each step (only where the whole window lies
        on the grid; an exact 0 counts as 1e-17) and returns the step where that average is least.
        """
        errors = self.errors[check_method(method)]
        if isinstance(smooth, bool) or not isinstance(smooth, (int, float)) or not 0 <= smooth < np.inf:
            raise ValueError(f"smooth must be a number of decades >= 0; got {smooth!r}.")
        if smooth:
            log_steps, log_errors = np.log10(self.steps), np.log10(np.maximum(errors, 1e-17))
            window = np.abs(log_steps[:, None] - log_steps[None, :]) <= smooth * (1 + 1e-9)
            whole = (log_steps - smooth >= log_steps.min() - 1e-9) & (log_steps + smooth <= log_steps.max() + 1e-9)
            with np.errstate(invalid="ignore"):
                window_sum = np.where(window, log_errors[None, :], 0.0).sum(axis=1)  # a nan inside a window stays
                errors = np.where(whole, window_sum / window.sum(axis=1), np.nan)
            if np.all(np.isnan(errors)):
                raise ValueError(f"smooth = {smooth} decades either side leaves no step whose window lies on "
                                 f"the grid ({self.steps.min():.0e} ... {self.steps.max():.0e}).")
        return float(self.steps[np.flatnonzero(errors == np.nanmin(errors))[-1]])


def numerical_gradient(loss, parameters: np.ndarray, h: float = 1e-5, method: str = "central") -> np.ndarray:
    """∂loss/∂parameters, one entry at a time, by finite differences: a gradient check's reference.

    ``loss()`` takes no argument and reads ``parameters``, which is shifted in place entry by entry
    (the slope of the loss in a shift t of that entry, at t = 0, so the step is never rounded) and
    restored afterwards, also if ``loss`` raises. Costs two loss evaluations per entry.
    """
    gradient = np.empty(parameters.shape, dtype=float)
    for index in np.ndindex(parameters.shape):
        original = parameters[index]

        def shifted(t, index=index, original=original):
            parameters[index] = original + t
            return loss()

        try:
            gradient[index] = finite_difference(shifted, 0.0, h=h, method=method)
        finally:
            parameters[index] = original
    return gradient


def _difference_or_nan(f, z, h, method):
    try:
        return float(finite_difference(f, z, h=h, method=method))
    except ValueError:  # step below the float spacing at z
        return np.nan


def step_sweep(f, derivative, z: float, steps=None, methods=("forward", "central", "complex_step"),
               dtype=np.float64) -> StepSweep:
    """Error of each method at ``z`` for every step in ``steps`` (default 1e-16 ... 1, 4 per decade).

    ``derivative`` is the exact derivative (a callable or a number). The error is relative to
    ``|exact|`` unless the exact derivative is 0. This is the data behind the classic V-shaped
    log-log plot: truncation error falls with h, rounding error grows as h shrinks.
    """
    steps = np.logspace(-16, 0, 65) if steps is None else np.asarray(steps, dtype=float)
    z_typed = np.asarray(z, dtype=dtype)
    exact = float(derivative(z_typed) if callable(derivative) else derivative)
    relative = exact != 0
    errors = {}
    for method in methods:
        error = np.abs(np.array([_difference_or_nan(f, z_typed, h, method) for h in steps]) - exact)
        errors[check_method(method)] = error / abs(exact) if relative else error
    return StepSweep(z=float(z), exact=exact, steps=steps, errors=errors, relative=relative)
