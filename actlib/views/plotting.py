"""Figures that put an activation's analytic slope next to finite-difference slopes.

Each function takes an activation (a name or an :class:`~actlib.Activation`) and returns the
matplotlib ``Figure`` it drew on. Pass ``ax=`` to draw into an axes of your own (a panel of a larger
figure); otherwise a new figure is made with ``pyplot`` so that it shows inline in a notebook.
"""
from __future__ import annotations

import re

import matplotlib.pyplot as plt
import numpy as np
from matplotlib import ticker

from actlib.activations import Activation, get
from actlib.numerics.finite_differences import METHODS, check_methods, default_step, finite_difference, step_sweep

METHOD_STYLE = {  # marker, colour: each method looks the same in every figure of the collection
    "forward": ("o", "tab:orange"),
    "backward": ("s", "tab:purple"),
    "central": ("x", "tab:red"),
    "complex_step": ("+", "tab:brown"),
}
VALUE_COLOUR, SLOPE_COLOUR = "tab:blue", "tab:green"


def display_name(act: Activation) -> str:
    """'sigmoid', or 'leaky_relu (alpha=0.2)' for a parametrised activation: for titles."""
    params = ", ".join(f"{key}={value}" if isinstance(value, str) else f"{key}={value:g}"
                       for key, value in act.params.items())
    return f"{act.name} ({params})" if params else act.name


class SparseLogMinorLocator(ticker.LogLocator):
    """Minor ticks of a log axis that thin out as the axis spans more decades.

    At most 1.5 decades in view: 2, 3, …, 9 × 10ᵏ (matplotlib's usual minor ticks, which its
    formatter labels there); up to 6 decades: 2 and 5 × 10ᵏ; beyond: none, the decade lines stay.
    Why: every tick is laid out again on each layout pass and drawn as a grid line, so eight per
    decade made a three-panel figure over eight decades take 1.7 s to show instead of 0.7 s, for
    minor grid lines a few pixels apart that read as a grey band rather than as values.
    """

    ALL_SUBS, FEW_SUBS = tuple(float(k) for k in range(2, 10)), (2.0, 5.0)

    def __init__(self):
        super().__init__(base=10.0, subs=self.ALL_SUBS)

    def tick_values(self, vmin, vmax):
        low, high = sorted((vmin, vmax))
        decades = np.log10(high / low) if low > 0 and np.isfinite(high / low) else np.inf
        if decades > 6:
            return np.array([])
        self.set_params(subs=self.ALL_SUBS if decades <= 1.5 else self.FEW_SUBS)
        return super().tick_values(vmin, vmax)


_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")
_MATHTEXT_LABEL = re.compile(r"\$\\mathdefault\{(?P<sign>-?)(?:(?P<coefficient>[0-9.e+-]+)\\times)?"
                             r"(?:(?P<base>10)\^\{(?P<exponent>-?\d+)\}|(?P<plain>[0-9.e+-]+))\}\$")


class PlainLogFormatter(ticker.LogFormatterSciNotation):
    """matplotlib's log tick labels (10⁻³, 2×10⁻¹, 0.1) written in plain text instead of mathtext.

    The same labels, the same choice of which ticks get one. Why: a kernel's first mathtext label
    builds matplotlib's mathtext parser (0.2 s) and each new label is parsed (about 7 ms); Unicode
    superscripts are drawn like any text."""

    def __call__(self, x, pos=None):
        label = super().__call__(x, pos)
        match = _MATHTEXT_LABEL.fullmatch(label)
        if match is None:
            return label
        sign = "−" if match["sign"] else ""
        if match["plain"] is not None:
            return sign + match["plain"]
        power = f"10{match['exponent'].translate(_SUPERSCRIPT)}"
        return f"{sign}{match['coefficient']}×{power}" if match["coefficient"] else sign + power


def plain_log_ticks(*axes):
    """Lighter ticks on each log-scaled axis (x or y) of ``axes``: a :class:`SparseLogMinorLocator`
    and :class:`PlainLogFormatter` labels. Call it after the scale is set (``semilogy``,
    ``set_yscale("log")``), since setting a scale resets the ticks."""
    for ax in axes:
        for axis in (ax.xaxis, ax.yaxis):
            if axis.get_scale() == "log":
                axis.set_minor_locator(SparseLogMinorLocator())
                axis.set_major_formatter(PlainLogFormatter())
                axis.set_minor_formatter(PlainLogFormatter(labelOnlyBase=False))


def _axes(ax, figsize):
    if ax is not None:
        return ax.figure, ax
    figure, ax = plt.subplots(figsize=figsize, layout="constrained")
    return figure, ax


def _step_label(method, h) -> str:
    """The step as a value, also when it is the default: 'h = 6.1e-06·max(1, |z|) (default)'."""
    if h is not None:
        return f"h = {h:g}"
    return f"h = {float(default_step(method, 1.0)):.2g}·max(1, |z|) (default)"


def z_grid(z_range, points):
    low, high = z_range
    if not (np.isfinite(low) and np.isfinite(high) and low < high):
        raise ValueError(f"z_range must be two finite numbers (low, high) with low < high; got {z_range!r}.")
    if points < 2:
        raise ValueError(f"points must be at least 2; got {points!r}.")
    return np.linspace(low, high, points)


def plot_activation(activation, z_range=(-6.0, 6.0), methods=("central",), h=None, points=401, markers=25,
                    ax=None, title=None, **params):
    """g(z) and the analytic g'(z) as curves, finite-difference slopes as markers on top.

    ``methods`` are finite-difference methods (see :data:`actlib.METHODS`), evaluated with step
    ``h`` (default: each method's usual step) at ``markers`` evenly spaced z. If the derivative is
    right, the markers sit on the g' curve; a large h (say 0.5) shows the forward difference drift
    off while the central one stays close.
    """
    act = get(activation, **params)
    methods = check_methods(methods)
    figure, ax = _axes(ax, (7.0, 4.0))
    zs = z_grid(z_range, points)
    g = act.glyph
    ax.plot(zs, act(zs), color=VALUE_COLOUR, lw=2, label=f"{g}(z)")
    ax.plot(zs, act.derivative(zs), color=SLOPE_COLOUR, lw=2, label=f"{g}′(z), analytic")
    marker_zs = z_grid(z_range, markers)
    for method in methods:
        marker, colour = METHOD_STYLE[method]
        slopes = finite_difference(act, marker_zs, h=h, method=method)
        ax.plot(marker_zs, slopes, ls="none", marker=marker, color=colour, mfc="none", ms=7,
                label=f"{method.replace('_', ' ')} difference, {_step_label(method, h)}")
    ax.axhline(0.0, color="0.6", lw=0.8)
    ax.axvline(0.0, color="0.6", lw=0.8)
    ax.set_xlabel("z (pre-activation)")
    ax.set_ylabel(f"{g}(z) and slope {g}′(z)")
    ax.set_title(title or f"{display_name(act)}: the finite differences sit on the analytic slope")
    ax.legend(loc="best", fontsize="small")
    ax.grid(alpha=0.3)
    return figure


def plot_error_panel(activation, z_range=(-6.0, 6.0), methods=("forward", "central"), h=None, points=401,
                     ax=None, title=None, **params):
    """|finite difference − analytic g'(z)| along z on a log scale, one line per method.

    The legend states the step of each line; the default step is given by its value (see
    :func:`actlib.numerics.finite_differences.default_step`), since the error depends on it.
    Points where the difference is exactly 0 cannot appear on a log axis and are left out.
    """
    act = get(activation, **params)
    methods = check_methods(methods)
    figure, ax = _axes(ax, (7.0, 3.0))
    zs = z_grid(z_range, points)
    exact = act.derivative(zs)
    for method in methods:
        marker, colour = METHOD_STYLE[method]
        error = np.abs(finite_difference(act, zs, h=h, method=method) - exact)
        ax.plot(zs, np.where(error > 0, error, np.nan), color=colour,
                label=f"{method.replace('_', ' ')} difference, {_step_label(method, h)}")
    ax.set_yscale("log")
    plain_log_ticks(ax)
    ax.set_xlim(zs[0], zs[-1])  # exact (zero-error) stretches are gaps, not a reason to zoom in
    ax.set_xlabel("z (pre-activation)")
    ax.set_ylabel(f"|difference − {act.glyph}′(z)|")
    ax.set_title(title or f"{display_name(act)}: error of each finite difference against {act.glyph}′(z)")
    ax.legend(loc="best", fontsize="small")
    ax.grid(alpha=0.3, which="both")
    return figure


def plot_step_sweep(activation, z=1.0, steps=None, methods=("forward", "central", "complex_step"), ax=None,
                    title=None, **params):
    """Error of each finite difference at one z against the step h, on log-log axes.

    Big steps: truncation error, falling like h (forward, backward) or h² (central, complex step).
    Small steps: rounding error, growing like eps/h for the methods that subtract. The dashed guide
    lines have those slopes, so the learner can read off which regime each point is in.
    """
    act = get(activation, **params)
    methods = check_methods(methods)
    sweep = step_sweep(act, act.derivative, z, steps=steps, methods=methods)
    figure, ax = _axes(ax, (7.0, 4.0))
    for method in methods:
        marker, colour = METHOD_STYLE[method]
        error = sweep.errors[method]
        ax.plot(sweep.steps, np.where(error > 0, error, np.nan), marker=marker, ms=4, color=colour,
                label=method.replace("_", " "))
    _guide_lines(ax, sweep)
    ax.set_xscale("log")
    ax.set_yscale("log")
    plain_log_ticks(ax)
    ax.set_xlabel("step h")
    kind = "relative error" if sweep.relative else "absolute error"
    ax.set_ylabel(f"{kind} of the slope at z = {sweep.z:g}")
    ax.set_title(title or f"{display_name(act)} at z = {sweep.z:g}: error against the step h")
    ax.legend(loc="best", fontsize="small")
    ax.grid(alpha=0.3, which="both")
    return figure


def _guide_lines(ax, sweep):
    """Dashed lines ∝ h, ∝ h² and ∝ eps/h, each placed just under the data it describes."""
    h, eps = sweep.steps, np.finfo(float).eps
    guides = []
    for methods, power, label, h_range in ((("forward", "backward"), 1, "∝ h", (1e-7, 1.0)),
                                            (("central",), 2, "∝ h²", (1e-4, 1.0))):
        method = next((m for m in methods if m in sweep.errors), None)
        if method is None:
            continue
        error = sweep.errors[method]
        usable = np.flatnonzero((h <= 0.1) & np.isfinite(error) & (error > 0))
        if usable.size:
            anchor = usable[-1]  # the largest step at most 0.1: truncation error dominates there
            guides.append((0.3 * error[anchor] * (h / h[anchor]) ** power, label, h_range))
    if any(m in sweep.errors for m in ("forward", "backward", "central")):
        guides.append((eps / h, "eps / h (rounding)", (1e-16, 1e-5)))
    for values, label, (low, high) in guides:
        shown = (h >= low) & (h <= high)
        ax.plot(h[shown], values[shown], ls="--", lw=1, color="0.45")
        first = np.flatnonzero(shown)[0]
        ax.annotate(label, (h[first], values[first]), fontsize="small", color="0.3",
                    xytext=(0, -12), textcoords="offset points")


def plot_decision_boundary(model, X, y, ax=None, title=None, resolution=150):
    """The model's predicted probability of class 1 over the plane, with the data on top.

    ``model`` is anything with ``predict_proba(points)`` for points of shape (n, 2), such as
    :class:`actlib.training.nn.MLP`; the 0.5 contour is its decision boundary. The probability is evaluated on
    a ``resolution`` × ``resolution`` grid (150: finer than a panel's pixels need once contoured, at
    about half the cost of 200).
    """
    X, y = np.asarray(X, dtype=float), np.asarray(y)
    if X.ndim != 2 or X.shape[1] != 2 or y.shape != (len(X),):
        raise ValueError(f"plot_decision_boundary needs X of shape (n, 2) and y of shape (n,); got {X.shape}, {y.shape}.")
    figure, ax = _axes(ax, (5.0, 4.5))
    (x_low, y_low), (x_high, y_high) = X.min(axis=0) - 0.5, X.max(axis=0) + 0.5
    gx, gy = np.meshgrid(np.linspace(x_low, x_high, resolution), np.linspace(y_low, y_high, resolution))
    proba = model.predict_proba(np.c_[gx.ravel(), gy.ravel()]).reshape(gx.shape)
    ax.contourf(gx, gy, proba, levels=np.linspace(0, 1, 11), cmap="RdBu_r", alpha=0.6)
    ax.contour(gx, gy, proba, levels=[0.5], colors="black", linewidths=1.5)
    for label, colour, marker in ((0, "tab:blue", "o"), (1, "tab:red", "s")):
        ax.scatter(*X[y == label].T, s=10, color=colour, marker=marker, edgecolor="white", linewidth=0.3,
                   label=f"class {label}")
    ax.set(xlabel="x₁", ylabel="x₂", title=title or "decision boundary (black) and P(class 1)")
    ax.legend(loc="lower right", fontsize="small")
    return figure
