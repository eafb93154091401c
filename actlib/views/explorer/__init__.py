"""The explorer: move along z and watch an activation's slope, live.

``actlib.explore("sigmoid")`` shows g(z) with the tangent at z (slope g'(z)) and the chord a finite
difference measures, g'(z) below it, sliders for z, the step h and each parameter, and a readout of
the analytic slope, the finite-difference slope and their difference.

Python computes, the browser draws. The explorer is an anywidget: Python (actlib, see ``data.py``)
computes the curves and every number the z and h sliders can reach, and ``explorer.js`` draws them
as SVG, so moving z or h never waits for the kernel. A parameter slider (Leaky ReLU's alpha) asks
the kernel, which recomputes the arrays. The same explorer.js runs on the static site (``make
html``) with the numbers embedded in the page, precomputed for a few positions of each parameter.
In a static render (nbval, GitHub) the explorer shows its initial state as a PNG and a text readout.
"""
from __future__ import annotations

import base64
import io
from pathlib import Path

import anywidget
import numpy as np
import traitlets

from actlib.activations import get
from actlib.numerics.finite_differences import METHODS, check_method, finite_difference
from actlib.views.plotting import METHOD_STYLE, SLOPE_COLOUR, VALUE_COLOUR, z_grid, display_name
from actlib.views.explorer import data as _data

HERE = Path(__file__).resolve().parent
MODULE, STYLESHEET = HERE / "explorer.js", HERE / "explorer.css"
STATIC_MIME_TYPE = "application/vnd.actlib.explorer+json"
"""The mime type of the explorer's static-site data in a notebook output (scripts/build_site.py reads it)."""

# A chord drawn for each method: the two points the difference quotient uses, as offsets in h.
_CHORD_POINTS = {"forward": (0.0, 1.0), "backward": (-1.0, 0.0), "central": (-1.0, 1.0)}


class Explorer(anywidget.AnyWidget):
    """Sliders for z, h and the activation's parameters, over a figure of g and g' drawn in the browser.

    Synced traits: ``spec`` (labels and reachable positions), ``curves`` (actlib's numbers for the
    current parameters), ``z_index``, ``h_index``, ``method`` and ``params`` (the state; the browser
    sets them as the learner moves the controls). ``set_z``, ``set_h``, ``set_param`` and
    ``set_method`` move the controls from code; ``values`` holds the numbers the readout shows, from
    actlib directly; ``positions`` the values each slider can reach.
    """

    _esm = MODULE
    _css = STYLESHEET

    spec = traitlets.Dict().tag(sync=True)
    curves = traitlets.Dict().tag(sync=True)
    z_index = traitlets.Int(0).tag(sync=True)
    h_index = traitlets.Int(0).tag(sync=True)
    method = traitlets.Unicode("central").tag(sync=True)
    params = traitlets.Dict().tag(sync=True)

    def __init__(self, activation, z=1.0, z_range=(-6.0, 6.0), h=0.1, method="central", points=401, **params):
        activation = get(activation, **params)
        curve_z = z_grid(z_range, points)
        low, high = float(curve_z[0]), float(curve_z[-1])
        if not low <= z <= high:
            raise ValueError(f"z = {z!r} is outside z_range = ({low:g}, {high:g}).")
        check_method(method)
        if not 1e-12 <= h <= 1.0:
            raise ValueError(f"h must be between 1e-12 and 1; got {h!r}.")
        methods = _data.methods_for(activation)
        if method not in methods:
            raise ValueError(f"{activation.name} does not accept complex input, so method={method!r} is not "
                             f"available; valid methods here: {', '.join(methods)}.")
        self.activation = activation
        self._zs, self._hs, self._curve_z = _data.z_positions((low, high), float(z)), _data.h_positions(float(h)), curve_z
        parameter_positions = _data.parameter_positions(activation)
        g = activation.glyph
        spec = {
            "symbol": g,
            "z": _data.as_bytes(self._zs), "h": [float(v) for v in self._hs], "curve_z": _data.as_bytes(curve_z),
            "methods": methods, "tangent_half_width": _data.TANGENT_HALF_WIDTH,
            "parameters": [{"name": key, "positions": parameter_positions[key]} for key in parameter_positions],
        }
        super().__init__(
            spec=spec, curves=_data.curves(activation, self._zs, self._hs, curve_z),
            z_index=int(np.flatnonzero(self._zs == z)[0]), h_index=int(np.flatnonzero(self._hs == h)[0]),
            method=method, params=dict(activation.numeric_params))

    # -- the kernel's part: a parameter slider reshapes the curve ------------------------------
    @traitlets.observe("params")
    def _on_params(self, change):
        params = {key: float(value) for key, value in change["new"].items() if key in self.activation.numeric_params}
        if params == dict(self.activation.numeric_params):
            return
        self.activation = self.activation.with_params(**params)
        self.curves = _data.curves(self.activation, self._zs, self._hs, self._curve_z)

    # -- controls from code --------------------------------------------------------------------
    @property
    def positions(self) -> dict[str, np.ndarray]:
        """The values each slider can reach: "z", "h" and one entry per parameter."""
        return {"z": self._zs, "h": self._hs,
                **{p["name"]: np.array(p["positions"]) for p in self.spec["parameters"]}}

    def set_z(self, value):
        """Move the z slider to the reachable z nearest ``value`` (clipped to its range, like a drag)."""
        self.z_index = int(np.argmin(np.abs(self._zs - value)))

    def set_h(self, value):
        """Move the step slider to the reachable h nearest ``value`` (on a log scale)."""
        if not value > 0:
            raise ValueError(f"h must be positive; got {value!r}.")
        self.h_index = int(np.argmin(np.abs(np.log10(self._hs) - np.log10(value))))

    def set_param(self, name, value):
        """Move a parameter's slider, e.g. ``set_param("alpha", 0.2)`` (the kernel recomputes the curves)."""
        if name not in self.activation.numeric_params:
            valid = ", ".join(self.activation.numeric_params) or "none"
            raise KeyError(f"{self.activation.name} has no parameter {name!r}; valid parameters: {valid}.")
        self.params = {**self.params, name: float(value)}

    def set_method(self, method):
        """Choose the finite-difference method."""
        check_method(method)
        if method not in self.spec["methods"]:
            raise ValueError(f"{self.activation.name} does not accept complex input; valid methods here: "
                             f"{', '.join(self.spec['methods'])}.")
        self.method = method

    # -- the numbers shown ---------------------------------------------------------------------
    @property
    def values(self) -> dict:
        """z, h, method, g(z), g'(z), the finite-difference slope and its error: actlib's own numbers."""
        act, z, h, method = self.activation, float(self._zs[self.z_index]), float(self._hs[self.h_index]), self.method
        value, slope = (float(v) for v in act.value_and_derivative(z))
        try:
            difference_slope = float(finite_difference(act, z, h=h, method=method))
        except ValueError:  # the step is below the float spacing at z
            difference_slope = float("nan")
        return {"z": z, "h": h, "method": method, "value": value, "slope": slope,
                "finite_difference": difference_slope, "difference": difference_slope - slope}

    def readout_rows(self):
        """(label, number) pairs exactly as the readout writes them (explorer.js formats the same way)."""
        g, v = self.activation.glyph, self.values
        return (
            ("z", f"{v['z']:.4f}"),
            (f"{g}(z)", f"{v['value']:.10g}"),
            (f"{g}′(z), analytic", f"{v['slope']:.10g}"),
            (f"{v['method'].replace('_', ' ')} difference, h = {v['h']:.1e}", f"{v['finite_difference']:.10g}"),
            ("difference − analytic", f"{v['difference']:.3e}"),
        )

    def __repr__(self):
        rows = "\n".join(f"  {label:<40} {number}" for label, number in self.readout_rows())
        return f"Explorer for {self.activation!r}\n{rows}"

    # -- display -------------------------------------------------------------------------------
    def static_data(self) -> dict:
        """What the static site needs (JSON): the spec, the state, and the curves for each parameter
        position the site offers (arrays as base64)."""
        positions, variants = _data.static_variants(self.activation, self._zs, self._hs, self._curve_z)
        spec = {**self.spec, "parameters": [{"name": key, "positions": values} for key, values in positions.items()]}
        state = {"z_index": self.z_index, "h_index": self.h_index, "method": self.method,
                 "params": dict(self.activation.numeric_params)}
        return _data.encoded({"version": 1, "spec": spec, "state": state, "variants": variants,
                              "readout": [list(row) for row in self.readout_rows()]})

    def _repr_mimebundle_(self, include=None, exclude=None, **kwargs):
        """The live widget in JupyterLab, VS Code, Colab; the static site's data; a PNG and the
        readout as text everywhere else (nbval compares the text)."""
        return {
            "application/vnd.jupyter.widget-view+json": {
                "version_major": 2, "version_minor": 0, "model_id": self.model_id,
            },
            STATIC_MIME_TYPE: self.static_data(),
            "image/png": self.png(),
            "text/plain": repr(self),
        }

    def png(self) -> str:
        """The explorer's current picture drawn by matplotlib, base64 PNG (the static fallback)."""
        buffer = io.BytesIO()
        static_figure(self).savefig(buffer, format="png")
        return base64.b64encode(buffer.getvalue()).decode("ascii")


def static_figure(explorer: Explorer):
    """A matplotlib Figure (not pyplot: the notebook's figures are left alone) of the explorer's state."""
    from matplotlib.figure import Figure

    act, v = explorer.activation, explorer.values
    g, z, h, method = act.glyph, v["z"], v["h"], v["method"]
    figure = Figure(figsize=(8.6, 5.2))
    value_ax, slope_ax = figure.subplots(2, 1, sharex=True)
    grid = explorer._curve_z
    values, slopes = act.value_and_derivative(grid)
    marker, colour = METHOD_STYLE[method]
    value_ax.plot(grid, values, color=VALUE_COLOUR, lw=2, label=f"{g}(z)")
    span = np.array([z - _data.TANGENT_HALF_WIDTH, z + _data.TANGENT_HALF_WIDTH])
    value_ax.plot(span, v["value"] + v["slope"] * (span - z), color=SLOPE_COLOUR, lw=1.5, label=f"tangent, slope {g}′(z)")
    if method in _CHORD_POINTS:
        step = (z + h) - z
        ends = np.array([z + offset * step for offset in _CHORD_POINTS[method]])
        value_ax.plot(ends, act(ends), color=colour, lw=1.2, ls="--", marker="o", ms=4,
                      label="chord of the finite difference")
    value_ax.plot([z], [v["value"]], "o", color="black", ms=6, zorder=5)
    slope_ax.plot(grid, slopes, color=SLOPE_COLOUR, lw=2, label=f"{g}′(z), analytic")
    slope_ax.plot([z], [v["slope"]], "o", color=SLOPE_COLOUR, ms=7, zorder=5, label=f"{g}′ at z")
    slope_ax.plot([z], [v["finite_difference"]], ls="none", marker="x", color=colour, ms=9, mew=2, zorder=6,
                  label="finite difference at z")
    legends = []
    for ax, data in ((value_ax, values), (slope_ax, slopes)):
        low, high = float(np.nanmin(data)), float(np.nanmax(data))
        pad = 0.08 * max(high - low, 0.1)
        ax.set_ylim(low - pad, high + pad)
        ax.axvline(z, color="0.5", lw=0.8, ls=":")
        ax.axhline(0.0, color="0.75", lw=0.8)
        ax.grid(alpha=0.3)
        legends.append(ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize="small", frameon=False))
    value_ax.set_xlim(grid[0], grid[-1])
    value_ax.set_ylabel(f"{g}(z)")
    slope_ax.set_ylabel(f"slope {g}′(z)")
    slope_ax.set_xlabel("z (pre-activation)")
    value_ax.set_title(f"{display_name(act)}: tangent and finite-difference chord at z", fontsize="medium")
    _place_axes_beside_legends(figure, legends)
    return figure


def _place_axes_beside_legends(figure, legends):
    """Fixed margins, with room on the right for the widest legend (whose labels grow with the glyph).

    Why not layout="constrained": a layout engine makes ``savefig`` draw the whole figure twice
    (once to lay it out); this is the explorer's fallback picture, made for every display, and
    measuring only the legends halves its cost."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    renderer = FigureCanvasAgg(figure).get_renderer()
    legend_inches = max(legend.get_window_extent(renderer).width for legend in legends) / figure.dpi
    width, height = figure.get_size_inches()
    figure.subplots_adjust(left=0.8 / width, right=1.0 - (legend_inches + 0.25) / width,
                           bottom=0.55 / height, top=1.0 - 0.35 / height, hspace=0.08)


def explore(activation, z=1.0, z_range=(-6.0, 6.0), h=0.1, method="central", **params) -> Explorer:
    """Open the explorer on ``activation`` (a name or an Activation); parameters by keyword.

    >>> explorer = explore("leaky_relu", alpha=0.1)   # doctest: +SKIP
    >>> explorer.set_z(-2.0)                           # doctest: +SKIP
    """
    return Explorer(activation, z=z, z_range=z_range, h=h, method=method, **params)


__all__ = ["Explorer", "explore", "STATIC_MIME_TYPE", "METHODS"]
