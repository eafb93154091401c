"""The explorer: move along z and watch an activation's slope, live.

``actlib.explore("sigmoid")`` shows g(z) with the tangent at z (slope g'(z)) and the chord a finite
difference measures, g'(z) below it, sliders for z, the step h and each parameter, and a readout of
the analytic slope, the finite-difference slope and their difference.

Why ipympl: its canvas is a widget, so a slider move changes the data of the existing lines and the
front end receives only the redrawn image, the same figure throughout. It is used here without
``%matplotlib widget``, so the rest of a notebook keeps the inline backend. In a static render
(HTML, nbval) the explorer shows its initial state as a PNG and a plain-text readout.
"""
from __future__ import annotations

import base64
import contextlib
import html
import io
import sys
import warnings

import ipywidgets as widgets
import matplotlib
import numpy as np
from matplotlib import rcsetup
from matplotlib.figure import Figure

from .activations import get
from .finite_differences import METHODS, check_methods, finite_difference
from .plotting import METHOD_STYLE, SLOPE_COLOUR, VALUE_COLOUR, _z_grid, display_name


def _import_ipympl_keeping_backend():
    """Import ipympl's canvas without letting it take over the notebook's other figures.

    ipympl's ``__init__`` calls ``matplotlib.use("ipympl")`` whenever matplotlib is already imported,
    which would turn every later ``plt`` figure into a widget; put the previous backend back.
    """
    previous = matplotlib.rcParams._get_backend_or_none()  # None: not chosen yet ("auto")
    from ipympl import backend_nbagg

    if previous is None:
        if "matplotlib.pyplot" in sys.modules:
            sys.modules["matplotlib.pyplot"].switch_backend(rcsetup._auto_backend_sentinel)
        else:
            dict.__setitem__(matplotlib.rcParams, "backend", rcsetup._auto_backend_sentinel)
    elif matplotlib.rcParams._get_backend_or_none() != previous:
        matplotlib.use(previous)
    return backend_nbagg.Canvas, backend_nbagg.FigureManager


Canvas, FigureManager = _import_ipympl_keeping_backend()

TANGENT_HALF_WIDTH = 1.5  # the tangent is drawn over z ± this, long enough to compare with the curve

# A chord drawn for each method: the two points the difference quotient uses, as offsets in h.
_CHORD_POINTS = {"forward": (0.0, 1.0), "backward": (-1.0, 0.0), "central": (-1.0, 1.0)}


class Explorer:
    """Sliders for z, h and the activation's parameters, over a live figure of g and g'.

    Attributes: ``figure`` (matplotlib Figure), ``sliders`` (dict: "z", "h", and one per
    parameter), ``method`` (dropdown of finite-difference methods), ``readout`` (HTML widget),
    ``widget`` (the whole layout). ``set_z``, ``set_h``, ``set_param`` and ``set_method`` move the
    controls from code, exactly as a learner's drag does; ``values`` holds the numbers shown.
    """

    def __init__(self, activation, z=1.0, z_range=(-6.0, 6.0), h=0.1, method="central", points=401, **params):
        self.activation = get(activation, **params)
        self.grid = _z_grid(z_range, points)
        low, high = float(self.grid[0]), float(self.grid[-1])
        if not low <= z <= high:
            raise ValueError(f"z = {z!r} is outside z_range = ({low:g}, {high:g}).")
        check_methods(method)
        if not 1e-12 <= h <= 1.0:
            raise ValueError(f"h must be between 1e-12 and 1; got {h!r}.")
        self.values: dict = {}

        self.sliders = {
            # A wide z slider: one pixel is about 0.02 in z, fine enough to feel the slope change.
            "z": widgets.FloatSlider(value=z, min=low, max=high, step=(high - low) / 1200, description="z",
                                     readout_format=".2f", continuous_update=True,
                                     layout=widgets.Layout(width="32em")),
            "h": widgets.FloatLogSlider(value=h, base=10, min=-12, max=0, step=0.25, description="step h",
                                        readout_format=".1e", continuous_update=True),
        }
        for key, value in self.activation.numeric_params.items():
            pmin, pmax = self.activation.parameter_ranges.get(key, (min(0.0, value), max(1.0, 2 * value)))
            self.sliders[key] = widgets.FloatSlider(value=value, min=min(pmin, value), max=max(pmax, value),
                                                    step=0.01, description=key, readout_format=".2f",
                                                    continuous_update=True)
        self.method = widgets.Dropdown(options=list(METHODS), value=method, description="difference")
        self.readout = widgets.HTML()

        self.figure = self._draw_figure()
        self.canvas = Canvas(self.figure)
        with warnings.catch_warnings():
            # ipympl's Toolbar passes the canvas on to traitlets, which warns (ipympl 0.9-0.10); harmless.
            warnings.filterwarnings("ignore", "Passing unrecognized arguments", DeprecationWarning)
            FigureManager(self.canvas, 0)  # gives the canvas the manager and toolbar ipympl expects
        self.canvas.toolbar_visible = self.canvas.header_visible = False
        self.canvas.footer_visible = self.canvas.resizable = False

        for key, slider in self.sliders.items():
            slider.observe(self._on_parameter if key in self.activation.numeric_params else self._on_move, names="value")
        self.method.observe(self._on_method, names="value")
        self.canvas.mpl_connect("draw_event", self._on_draw)
        self.widget = widgets.VBox([
            widgets.HBox([self.sliders["z"], self.sliders["h"], self.method],
                         layout=widgets.Layout(flex_flow="row wrap")),
            *([widgets.HBox([self.sliders[key] for key in self.activation.numeric_params])] if self.activation.numeric_params else []),
            self.canvas,
            self.readout,
        ])
        self._update_point()

    # -- drawing -------------------------------------------------------------------------------
    def _draw_figure(self):
        figure = Figure(figsize=(8.6, 5.2), layout="constrained")
        value_ax, slope_ax = figure.subplots(2, 1, sharex=True)
        g = self.activation.glyph
        self._value_line, = value_ax.plot([], [], color=VALUE_COLOUR, lw=2, label=f"{g}(z)")
        self._tangent, = value_ax.plot([], [], color=SLOPE_COLOUR, lw=1.5, label=f"tangent, slope {g}′(z)")
        self._chord, = value_ax.plot([], [], color=METHOD_STYLE["central"][1], lw=1.2, ls="--", marker="o",
                                     ms=4, label="chord of the finite difference")
        self._value_point, = value_ax.plot([], [], "o", color="black", ms=6, zorder=5)
        self._slope_line, = slope_ax.plot([], [], color=SLOPE_COLOUR, lw=2, label=f"{g}′(z), analytic")
        self._slope_point, = slope_ax.plot([], [], "o", color=SLOPE_COLOUR, ms=7, zorder=5,
                                           label=f"{g}′ at z")
        self._difference_point, = slope_ax.plot([], [], ls="none", marker="x", color=METHOD_STYLE["central"][1],
                                                ms=9, mew=2, zorder=6, label="finite difference at z")
        self._z_lines = [ax.axvline(0.0, color="0.5", lw=0.8, ls=":") for ax in (value_ax, slope_ax)]
        for ax in (value_ax, slope_ax):
            ax.axhline(0.0, color="0.75", lw=0.8)
            ax.grid(alpha=0.3)
        value_ax.set_ylabel(f"{g}(z)")
        slope_ax.set_ylabel(f"slope {g}′(z)")
        slope_ax.set_xlabel("z (pre-activation)")
        self._value_ax, self._slope_ax = value_ax, slope_ax
        # Blitting: a full draw renders the still parts once and keeps them as a background; a slider
        # move then pastes the background and draws only these, about ten times faster.
        self._moving = [self._tangent, self._chord, self._value_point, self._slope_point,
                        self._difference_point, *self._z_lines]
        for artist in self._moving:
            artist.set_animated(True)
        self._background = self._legend_method = None
        self._update_curves()
        return figure

    def _on_draw(self, event):
        self._background = self.canvas.copy_from_bbox(self.figure.bbox)
        self._draw_moving()

    def _draw_moving(self):
        for artist in self._moving:
            self.figure.draw_artist(artist)

    def _redraw(self, full=False):
        if full or self._background is None:
            self._background = None
            self.canvas.draw_idle()  # the front end asks for a full draw, which calls _on_draw
            return
        self.canvas.restore_region(self._background)
        self._draw_moving()
        self.canvas.blit(self.figure.bbox)

    def _update_curves(self):
        """Redraw g and g' after a parameter change (and set y-limits from them, not the tangent)."""
        values, slopes = self.activation.value_and_derivative(self.grid)
        self._value_line.set_data(self.grid, values)
        self._slope_line.set_data(self.grid, slopes)
        for ax, data in ((self._value_ax, values), (self._slope_ax, slopes)):
            low, high = float(np.min(data)), float(np.max(data))
            pad = 0.08 * max(high - low, 0.1)
            ax.set_ylim(low - pad, high + pad)
        self._value_ax.set_xlim(self.grid[0], self.grid[-1])
        self._value_ax.set_title(f"{display_name(self.activation)}: tangent and finite-difference chord at z",
                                 fontsize="medium")

    def _update_point(self):
        act, z, h, method = self.activation, self.sliders["z"].value, self.sliders["h"].value, self.method.value
        value, slope = (float(v) for v in act.value_and_derivative(z))
        difference_slope = float(finite_difference(act, z, h=h, method=method))
        self.values = {"z": z, "h": h, "method": method, "value": value, "slope": slope,
                       "finite_difference": difference_slope, "difference": difference_slope - slope}
        self._value_point.set_data([z], [value])
        span = np.array([z - TANGENT_HALF_WIDTH, z + TANGENT_HALF_WIDTH])
        self._tangent.set_data(span, value + slope * (span - z))
        if method in _CHORD_POINTS:
            ends = np.array([z + offset * h for offset in _CHORD_POINTS[method]])
            self._chord.set_data(ends, act(ends))
            self._chord.set_visible(True)
        else:  # the complex step has no chord: it samples f off the real line
            self._chord.set_visible(False)
        marker, colour = METHOD_STYLE[method]
        self._chord.set_color(colour)
        self._difference_point.set_color(colour)
        self._slope_point.set_data([z], [slope])
        if self._legend_method != method:  # legend entries are copies: remake them in the new colour
            for ax in (self._value_ax, self._slope_ax):
                ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize="small", frameon=False)
            self._legend_method = method
        self._difference_point.set_data([z], [difference_slope])
        for line in self._z_lines:
            line.set_xdata([z, z])
        self.readout.value = self._readout_html()

    # -- events --------------------------------------------------------------------------------
    def _on_move(self, change):
        self._update_point()
        self._redraw()

    def _on_method(self, change):
        self._update_point()
        self._redraw(full=True)  # the legend shows the method's colour

    def _on_parameter(self, change):
        params = {key: self.sliders[key].value for key in self.activation.numeric_params}
        self.activation = self.activation.with_params(**params)
        self._update_curves()
        self._update_point()
        self._redraw(full=True)

    # -- controls from code --------------------------------------------------------------------
    def set_z(self, value):
        """Move the z slider (clipped to its range, like a drag)."""
        self.sliders["z"].value = value

    def set_h(self, value):
        """Move the step slider."""
        self.sliders["h"].value = value

    def set_param(self, name, value):
        """Move a parameter's slider, e.g. ``set_param("alpha", 0.2)``."""
        if name not in self.activation.numeric_params:
            valid = ", ".join(self.activation.numeric_params) or "none"
            raise KeyError(f"{self.activation.name} has no parameter {name!r}; valid parameters: {valid}.")
        self.sliders[name].value = value

    def set_method(self, method):
        """Choose the finite-difference method."""
        self.method.value, = check_methods(method)

    # -- display -------------------------------------------------------------------------------
    def _readout_rows(self):
        g, v = self.activation.glyph, self.values
        return (
            ("z", f"{v['z']:.4f}"),
            (f"{g}(z)", f"{v['value']:.10g}"),
            (f"{g}′(z), analytic", f"{v['slope']:.10g}"),
            (f"{v['method'].replace('_', ' ')} difference, h = {v['h']:.1e}", f"{v['finite_difference']:.10g}"),
            ("difference − analytic", f"{v['difference']:.3e}"),
        )

    def _readout_html(self):
        cells = "".join(f"<tr><td style='padding-right:1em'>{html.escape(label)}</td>"
                        f"<td><code>{html.escape(number)}</code></td></tr>" for label, number in self._readout_rows())
        return f"<table style='font-size:0.95em'>{cells}</table>"

    def __repr__(self):
        rows = "\n".join(f"  {label:<40} {number}" for label, number in self._readout_rows())
        return f"Explorer for {self.activation!r}\n{rows}"

    def _repr_mimebundle_(self, include=None, exclude=None):
        """The live widget in JupyterLab; a PNG of the figure and the readout as text elsewhere."""
        buffer = io.BytesIO()
        with _all_drawn(self._moving):
            self.figure.savefig(buffer, format="png")
        png = base64.b64encode(buffer.getvalue()).decode("ascii")
        # Saved widget state shows this image in place of the live canvas until the notebook is re-run.
        self.canvas._data_url = f"data:image/png;base64,{png}"
        self.canvas._size = tuple(self.figure.get_size_inches() * self.figure.dpi)
        return {
            "application/vnd.jupyter.widget-view+json": {
                "version_major": 2, "version_minor": 0, "model_id": self.widget.model_id,
            },
            "image/png": png,
            "text/plain": repr(self),
        }


@contextlib.contextmanager
def _all_drawn(artists):
    """A full draw skips animated artists; un-animate them while saving a static image."""
    for artist in artists:
        artist.set_animated(False)
    try:
        yield
    finally:
        for artist in artists:
            artist.set_animated(True)


def explore(activation, z=1.0, z_range=(-6.0, 6.0), h=0.1, method="central", **params) -> Explorer:
    """Open the explorer on ``activation`` (a name or an Activation); parameters by keyword.

    >>> explorer = explore("leaky_relu", alpha=0.1)   # doctest: +SKIP
    >>> explorer.set_z(-2.0)                           # doctest: +SKIP
    """
    return Explorer(activation, z=z, z_range=z_range, h=h, method=method, **params)
