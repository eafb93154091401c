"""The explorer: sliders move the same artists of the same figure, and the readout says the truth."""
import subprocess
import sys

import matplotlib

matplotlib.use("Agg")
import numpy as np
import pytest

import actlib
from actlib.explorer import Explorer


def test_moving_z_updates_the_same_artists_and_the_readout():
    explorer = actlib.explore("sigmoid")
    figure, artists = explorer.figure, list(explorer.figure.axes[0].get_lines())
    readout_before = explorer.readout.value
    explorer.set_z(-3.0)
    assert explorer.figure is figure and list(figure.axes[0].get_lines()) == artists
    sigmoid = actlib.get("sigmoid")
    assert explorer.values["z"] == -3.0
    assert explorer.values["slope"] == float(sigmoid.derivative(-3.0))
    assert explorer.values["finite_difference"] == float(actlib.finite_difference(sigmoid, -3.0, h=0.1))
    assert explorer.values["difference"] == explorer.values["finite_difference"] - explorer.values["slope"]
    assert explorer.readout.value != readout_before and "-3.0000" in explorer.readout.value
    x, y = explorer._slope_point.get_data()
    assert (x[0], y[0]) == (-3.0, explorer.values["slope"])
    tangent_x, tangent_y = explorer._tangent.get_data()
    assert np.allclose(np.diff(tangent_y) / np.diff(tangent_x), explorer.values["slope"])


def test_a_smaller_step_brings_the_central_difference_closer():
    explorer = actlib.explore("tanh", z=0.7)
    errors = []
    for h in (1e-1, 1e-2, 1e-3):
        explorer.set_h(h)
        errors.append(abs(explorer.values["difference"]))
    assert errors[0] > 50 * errors[1] > 2500 * errors[2]  # truncation error ~ h²


def test_parameter_slider_rebuilds_the_activation_and_the_curve():
    explorer = actlib.explore("leaky_relu")
    assert set(explorer.sliders) == {"z", "h", "alpha"}
    explorer.set_param("alpha", 0.25)
    explorer.set_z(-2.0)
    assert explorer.activation == actlib.get("leaky_relu", alpha=0.25)
    assert explorer.values["slope"] == 0.25 and explorer.values["value"] == -0.5
    zs, values = explorer._value_line.get_data()
    np.testing.assert_allclose(values, np.where(zs > 0, zs, 0.25 * zs))


def test_method_dropdown_and_chord():
    explorer = actlib.explore("sigmoid", z=0.5, h=0.5)
    explorer.set_method("forward")
    chord_x, _ = explorer._chord.get_data()
    assert list(chord_x) == [0.5, 1.0]
    explorer.set_method("complex_step")
    assert not explorer._chord.get_visible()
    assert abs(explorer.values["difference"]) < 0.05  # complex step with h = 0.5 is still a fair estimate


def test_blitting_redraws_only_the_moving_parts():
    explorer = actlib.explore("sigmoid")
    canvas = explorer.canvas
    canvas.draw()  # what the front end asks for when the widget appears
    assert explorer._background is not None
    before = np.asarray(canvas.get_renderer().buffer_rgba()).copy()
    explorer.set_z(-4.0)
    after = np.asarray(canvas.get_renderer().buffer_rgba())
    assert (before != after).any()
    explorer.set_method("forward")  # legend changes colour: needs a full draw
    assert explorer._background is None


def test_static_display_is_a_png_and_deterministic_text():
    explorer = actlib.explore("relu", z=-1.0)
    bundle = explorer._repr_mimebundle_()
    assert set(bundle) == {"application/vnd.jupyter.widget-view+json", "image/png", "text/plain"}
    assert bundle["application/vnd.jupyter.widget-view+json"]["model_id"] == explorer.widget.model_id
    assert bundle["text/plain"] == repr(actlib.explore("relu", z=-1.0))
    assert "0x" not in bundle["text/plain"] and "ReLU′(z), analytic" in bundle["text/plain"]


def test_a_combination_gets_a_slider_for_its_weight():
    relu, silu = actlib.get("relu"), actlib.get("silu")
    explorer = actlib.explore(actlib.blend(relu, silu, weight=0.0))
    explorer.set_param("weight", 0.7)
    assert explorer.activation.params["weight"] == 0.7 and explorer.activation.parts == (relu, silu)


def test_an_activation_from_a_formula_is_explored_by_name():
    act = actlib.from_expression("soft_tanh", "tanh(z)*log(1 + exp(z))")
    try:
        explorer = actlib.explore("soft_tanh", z=0.5)
        assert explorer.activation == act
        explorer.set_z(1.5)
        assert "soft_tanh" in explorer._repr_mimebundle_()["text/plain"]
    finally:
        actlib.unregister("soft_tanh")


@pytest.mark.parametrize("call, message", [
    (lambda: actlib.explore("sigmiod"), "Did you mean 'sigmoid'"),
    (lambda: actlib.explore("tanh", z=9.0), "outside z_range"),
    (lambda: actlib.explore("tanh", method="centred"), "valid methods"),
    (lambda: actlib.explore("tanh", h=0.0), "h must be between"),
    (lambda: actlib.explore("tanh").set_param("alpha", 0.1), "valid parameters: none"),
])
def test_bad_arguments_say_what_is_valid(call, message):
    with pytest.raises((ValueError, KeyError), match=message):
        call()


@pytest.mark.parametrize("setup", ["import matplotlib; matplotlib.use('Agg')", "import matplotlib", "pass"])
def test_importing_the_explorer_leaves_the_matplotlib_backend_alone(setup):
    # ipympl switches the backend on import; the explorer must not turn the notebook's plots into widgets.
    code = (f"{setup}\nimport matplotlib\nbefore = matplotlib.rcParams._get_backend_or_none()\n"
            "import actlib.explorer\nprint(before, matplotlib.rcParams._get_backend_or_none())")
    env = {"PATH": "/usr/bin:/bin"}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    before, after = result.stdout.split()
    assert "ipympl" not in after
    assert before in ("None", after)  # None: not chosen yet, so pyplot picks its usual default
