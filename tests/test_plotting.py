"""The figures: what is drawn is what the labels say, and the finite-difference markers sit on g'."""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import re

import numpy as np
import pytest

import actlib


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def _lines_by_label(ax):
    return {line.get_label(): line for line in ax.get_lines() if not line.get_label().startswith("_")}


@pytest.mark.parametrize("name", actlib.names())
def test_plot_activation_draws_value_slope_and_markers_on_the_slope(name):
    figure = actlib.plot_activation(name, methods=("forward", "central"))
    ax, = figure.axes
    lines = _lines_by_label(ax)
    act = actlib.get(name)
    assert set(lines) == {f"{act.glyph}(z)", f"{act.glyph}′(z), analytic",
                          "forward difference, h = 1.5e-08·max(1, |z|) (default)",
                          "central difference, h = 6.1e-06·max(1, |z|) (default)"}
    assert ax.get_xlabel() and ax.get_ylabel() and ax.get_title()
    assert [t.get_text() for t in ax.get_legend().get_texts()] == list(lines)
    zs, slopes = lines["central difference, h = 6.1e-06·max(1, |z|) (default)"].get_data()
    away_from_kink = np.abs(zs) > 1e-3
    np.testing.assert_allclose(slopes[away_from_kink], act.derivative(zs[away_from_kink]), rtol=1e-6, atol=1e-9)


def test_a_large_step_shows_forward_drifting_more_than_central():
    figure = actlib.plot_activation("sigmoid", methods=("forward", "central"), h=0.5)
    lines = _lines_by_label(figure.axes[0])
    zs, forward = lines["forward difference, h = 0.5"].get_data()
    _, central = lines["central difference, h = 0.5"].get_data()
    exact = actlib.get("sigmoid").derivative(zs)
    assert np.max(np.abs(forward - exact)) > 4 * np.max(np.abs(central - exact))


def test_plot_draws_into_a_given_axes_and_passes_parameters():
    figure, (left, right) = plt.subplots(1, 2)
    assert actlib.plot_activation("leaky_relu", ax=right, alpha=0.3) is figure
    zs, values = _lines_by_label(right)["LeakyReLU(z)"].get_data()
    np.testing.assert_allclose(values, np.where(zs > 0, zs, 0.3 * zs))
    assert "alpha=0.3" in right.get_title() and not left.get_lines()


def test_error_panel_is_log_scale_and_leaves_out_exact_zeros():
    figure = actlib.plot_error_panel("relu", methods=("forward", "central"))
    ax, = figure.axes
    assert ax.get_yscale() == "log"
    for line in ax.get_lines():
        errors = line.get_ydata()
        assert np.all(np.isnan(errors) | (errors > 0))
    # away from the kink ReLU's differences are exact; at z = 0 central gives 1/2, error 1/2
    zs, central = _lines_by_label(ax)["central difference, h = 6.1e-06·max(1, |z|) (default)"].get_data()
    assert central[np.argmin(np.abs(zs))] == pytest.approx(0.5)


def test_error_panel_legend_states_the_step_it_used():
    from actlib.numerics.finite_differences import default_step

    ax = actlib.plot_error_panel("sigmoid", methods=("forward", "central", "complex_step")).axes[0]
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels == [f"{method.replace('_', ' ')} difference, h = {float(default_step(method, 1.0)):.2g}·max(1, |z|) (default)"
                      for method in ("forward", "central", "complex_step")]
    assert "h = 1.5e-08·max(1, |z|)" in labels[0] and "h = 6.1e-06·max(1, |z|)" in labels[1]
    ax = actlib.plot_error_panel("sigmoid", methods=("central",), h=0.01).axes[0]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["central difference, h = 0.01"]


def test_step_sweep_shows_the_v_shape():
    figure = actlib.plot_step_sweep("tanh", z=1.0)
    ax, = figure.axes
    assert (ax.get_xscale(), ax.get_yscale()) == ("log", "log")
    steps, central = _lines_by_label(ax)["central"].get_data()
    central = central[np.isfinite(central)]  # nan where z + h == z
    best = np.argmin(central)
    assert central[best] < 1e-9
    assert 0 < best < len(central) - 1
    assert central[0] > 1e3 * central[best] and central[-1] > 1e3 * central[best]


@pytest.mark.parametrize("call, message", [
    (lambda: actlib.plot_activation("sigmiod"), "Did you mean 'sigmoid'"),
    (lambda: actlib.plot_activation("tanh", methods=("centre",)), "valid methods: forward"),
    (lambda: actlib.plot_error_panel("tanh", z_range=(3, -3)), "low < high"),
    (lambda: actlib.plot_activation("relu", alpha=0.1), "valid parameters: none"),
])
def test_bad_arguments_say_what_is_valid(call, message):
    with pytest.raises((ValueError, KeyError, TypeError), match=message):
        call()


def test_error_panel_keeps_the_requested_z_range_even_where_errors_are_zero():
    ax = actlib.plot_error_panel("relu", z_range=(-4, 4), h=0.1).axes[0]
    assert ax.get_xlim() == (-4.0, 4.0)


def test_decision_boundary_draws_probabilities_and_data():
    from actlib.training import datasets
    from actlib.training.nn import MLP

    X, y = datasets.moons(100)
    figure = actlib.plot_decision_boundary(MLP([2, 4, 1], "tanh"), X, y)
    ax, = figure.axes
    assert ax.get_xlabel() == "x₁" and [t.get_text() for t in ax.get_legend().get_texts()] == ["class 0", "class 1"]
    with pytest.raises(ValueError, match=r"X of shape \(n, 2\)"):
        actlib.plot_decision_boundary(MLP([2, 4, 1]), X[:, :1], y)


@pytest.mark.parametrize("low, high, expected", [
    (0.1, 1.0, {2, 3, 4, 5, 6, 7, 8, 9}),   # one decade: every minor tick, as matplotlib draws them
    (1e-3, 1.0, {2, 5}),                     # three decades: 2 and 5 only
    (1e-8, 1.0, set()),                      # eight decades: the decade lines alone
])
def test_plain_log_ticks_thin_out_minor_ticks_with_the_decades_in_view(low, high, expected):
    from actlib.views.plotting import plain_log_ticks

    figure, (log_ax, linear_ax) = plt.subplots(1, 2)
    log_ax.semilogy([0, 1], [low, high])
    log_ax.set_ylim(low, high)
    linear_ax.plot([0, 1], [0, 1])
    linear_minor = linear_ax.yaxis.get_minor_locator()
    plain_log_ticks(log_ax, linear_ax)
    ticks = log_ax.yaxis.get_minor_locator()()
    mantissas = {int(round(tick / 10.0 ** np.floor(np.log10(tick) + 1e-9))) for tick in ticks}
    assert mantissas == expected
    assert linear_ax.yaxis.get_minor_locator() is linear_minor     # a linear axis is left as it was
    assert log_ax.xaxis.get_scale() == "linear"


@pytest.mark.parametrize("low, high", [(1e-8, 2.0), (0.2, 0.9), (2e-5, 9e-5), (0.3, 30.0)])
def test_plain_log_labels_read_as_matplotlibs_mathtext_ones(low, high):
    """The same ticks get a label as with matplotlib's own formatter, and each label says the same
    number: 10⁻⁵ for $10^{-5}$, 2×10⁻¹ for $2\\times10^{-1}$; no label is left as mathtext."""
    from actlib.views.plotting import plain_log_ticks

    labels = []
    for plain in (False, True):
        figure, ax = plt.subplots()
        ax.semilogy([0, 1], [low, high])
        if plain:
            plain_log_ticks(ax)
            ax.yaxis.set_minor_locator(matplotlib.ticker.LogLocator(subs="auto"))   # the same ticks as matplotlib's
        figure.canvas.draw()
        labels.append([tick.get_text() for tick in ax.get_yticklabels() + ax.yaxis.get_minorticklabels()])
    mathtext, plain = labels
    assert len(mathtext) == len(plain) and any(plain)
    assert [_as_mathtext(text) for text in plain] == mathtext
    assert not any("$" in text for text in plain)


def _as_mathtext(label):
    """A plain log label written back as matplotlib writes it: '2×10⁻¹' -> '$\\mathdefault{2\\times10^{-1}}$'."""
    if not label:
        return ""
    match = re.fullmatch(r"(−?)(?:([0-9.]+)×)?10([⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+)", label)
    if match is None:
        return "$\\mathdefault{" + label.replace("−", "-") + "}$"
    sign, coefficient, exponent = match.groups()
    exponent = exponent.translate(str.maketrans("⁻⁰¹²³⁴⁵⁶⁷⁸⁹", "-0123456789"))
    times = f"{coefficient}\\times" if coefficient else ""
    return f"$\\mathdefault{{{'-' if sign else ''}{times}10^{{{exponent}}}}}$"
