"""The explorer: what the browser shows is actlib's numbers, and the kernel's part keeps its promises.

The front end (actlib/views/explorer/explorer.js) computes the readout from the arrays the widget sends.
The first tests run that very module in Node (the machine's Node.js; no npm packages) over the
widget's data and compare every number it would show with actlib's own, bit for bit.
"""
import base64
import json
import shutil
import subprocess
import sys

import numpy as np
import pytest

import actlib
from actlib.views.explorer import MODULE, STATIC_MIME_TYPE, Explorer
from actlib.views.explorer import data as explorer_data

NODE = shutil.which("node")


# The tests marked build and node run the explorer's ES module in Node.js, outside a browser: `make
# test-site` installs Node's tools; without them the summary counts these tests as deselected.

# Every activation the notebooks open the explorer on, by their own calls (notebooks/*.md).
CASES = {
    "sigmoid": lambda: actlib.explore("sigmoid"),
    "tanh": lambda: actlib.explore("tanh"),
    "relu": lambda: actlib.explore("relu"),
    "leaky_relu": lambda: actlib.explore("leaky_relu", z=-2.0, alpha=0.1),
    "blend": lambda: actlib.explore(actlib.blend("relu", "silu", weight=0.5), z=-2.0, z_range=(-5.0, 3.0)),
    "swish_beta": lambda: actlib.explore(
        actlib.from_expression("swish_beta_explorer", "z/(1 + exp(-beta*z))", beta=1.0,
                               parameter_ranges={"beta": (0.1, 10.0)}), z=-1.0, beta=3.0),
}

READ_ALL = """
const module = await import(process.argv[1]);
let input = "";
for await (const chunk of process.stdin) input += chunk;
const {payload, samples} = JSON.parse(input);
const out = [];
for (const variant of payload.variants) {
  const d = module.decode(payload.spec, variant);
  for (const [i, j, method] of samples) {
    const r = module.reading(d, i, j, method);
    out.push({numbers: [r.z, r.h, r.value, r.slope, r.finiteDifference, r.difference].map(String),
              chord: r.chord && r.chord.flat().map(String),
              rows: module.readoutRows(payload.spec.symbol, r)});
  }
}
process.stdout.write(JSON.stringify(out));
"""


def run_module(script, stdin, *args):
    module_url = "data:text/javascript;base64," + base64.b64encode(MODULE.read_bytes()).decode()
    result = subprocess.run([NODE, "--input-type=module", "-e", script, module_url, *args], input=stdin,
                            capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def samples_of(explorer, every=4):
    spec = explorer.spec
    return [(i, j, method) for i in range(0, len(explorer.positions["z"]), every)
            for j in range(len(spec["h"])) for method in spec["methods"]]


@pytest.mark.build
@pytest.mark.node
@pytest.mark.parametrize("case", CASES, ids=str)
def test_the_browser_shows_actlibs_numbers_bit_for_bit(case, registry):
    explorer = CASES[case]()
    act = explorer.activation
    samples = samples_of(explorer)
    shown = run_module(READ_ALL, json.dumps({"payload": _data_of(explorer), "samples": samples}))
    for (i, j, method), got in zip(samples, shown):
        z, h = float(explorer.positions["z"][i]), float(explorer.positions["h"][j])
        value, slope = (float(v) for v in act.value_and_derivative(z))
        difference = float(actlib.finite_difference(act, z, h=h, method=method))
        expected = [z, h, value, slope, difference, difference - slope]
        numbers = [float(text) for text in got["numbers"]]
        assert numbers == expected, (case, z, h, method)
        if method != "complex_step":
            step = (z + h) - z
            ends = {"forward": (z, z + step), "backward": (z - step, z), "central": (z - step, z + step)}[method]
            chord = [float(text) for text in got["chord"]]
            assert chord == [ends[0], float(act(ends[0])), ends[1], float(act(ends[1]))]


def _data_of(explorer):
    """The widget's spec and curves as JSON (bytes as base64: explorer.js decodes both forms alike)."""
    return explorer_data.encoded({"spec": explorer.spec, "variants": [explorer.curves]})


@pytest.mark.build
@pytest.mark.node
@pytest.mark.parametrize("case", ["sigmoid", "relu", "leaky_relu"])
def test_the_readout_reads_exactly_like_the_text_readout(case):
    explorer = CASES[case]()
    samples = samples_of(explorer, every=7)
    shown = run_module(READ_ALL, json.dumps({"payload": _data_of(explorer), "samples": samples}))
    for (i, j, method), got in zip(samples, shown):
        explorer.z_index, explorer.h_index, explorer.method = i, j, method
        assert [tuple(row) for row in got["rows"]] == list(explorer.readout_rows())


@pytest.mark.build
@pytest.mark.node
def test_numbers_are_formatted_as_python_formats_them():
    numbers = [0.0, -0.0, 1.0, -2.5, 0.125, 0.015625, 1e-5, 1.5e-5, 12345678901.0, 0.1 + 0.2, -5.892e-05, 2.5e-12,
               float("nan"), float("inf"), -float("inf"), 9.99999999995, 1 / 3, 0.00010000000000000005, 123.456]
    specs = [".4f", ".10g", ".3e", ".1e", ".2f", ".0e"]
    script = """
const module = await import(process.argv[1]);
const numbers = JSON.parse(process.argv[2]).map(Number), specs = JSON.parse(process.argv[3]);
process.stdout.write(JSON.stringify(numbers.map(x => specs.map(s => module.format(x, s)))));
"""
    shown = run_module(script, "", json.dumps([repr(x) if np.isfinite(x) else str(x).replace("inf", "Infinity").replace("nan", "NaN")
                                               for x in numbers]), json.dumps(specs))
    assert shown == [[format(x, spec) for spec in specs] for x in numbers]


def test_the_arrays_are_actlibs_values_at_every_reachable_position():
    explorer = actlib.explore("tanh", z=0.7)
    zs, hs, curves = explorer.positions["z"], explorer.positions["h"], explorer.curves
    tanh = actlib.get("tanh")
    value, slope = tanh.value_and_derivative(zs)
    assert np.array_equal(explorer_data.from_bytes(curves["value"]), value)
    assert np.array_equal(explorer_data.from_bytes(curves["slope"]), slope)
    plus = explorer_data.from_bytes(curves["plus"]).reshape(len(zs), len(hs))
    for i in (0, 37, 120, len(zs) - 1):
        for j, h in enumerate(hs):
            step = (zs[i] + h) - zs[i]
            assert plus[i, j] == float(tanh(zs[i] + step))


def test_reachable_positions_include_what_was_asked_for():
    explorer = actlib.explore("sigmoid", z=0.123, h=0.5)
    zs, hs = explorer.positions["z"], explorer.positions["h"]
    assert zs[explorer.z_index] == 0.123 and hs[explorer.h_index] == 0.5
    assert zs[0] == -6.0 and zs[-1] == 6.0 and 0.0 in zs and 1.05 in zs  # a round step of 0.05
    assert len(zs) == 242 and list(hs[[0, -1]]) == [1e-12, 1.0] and 1e-3 in hs


def test_moving_z_h_and_method_from_code_updates_the_state_and_values():
    explorer = actlib.explore("sigmoid")
    explorer.set_z(-3.0)
    sigmoid = actlib.get("sigmoid")
    assert explorer.positions["z"][explorer.z_index] == -3.0
    assert explorer.values["slope"] == float(sigmoid.derivative(-3.0))
    assert explorer.values["finite_difference"] == float(actlib.finite_difference(sigmoid, -3.0, h=0.1))
    assert "-3.0000" in repr(explorer)
    explorer.set_z(99.0)
    assert explorer.values["z"] == 6.0  # clipped to the range, like a drag
    explorer.set_method("forward")
    explorer.set_h(0.02)
    assert explorer.method == "forward" and explorer.values["h"] == 0.01  # nearest reachable step (log scale)


def test_a_smaller_step_brings_the_central_difference_closer():
    explorer = actlib.explore("tanh", z=0.7)
    errors = []
    for h in (1e-1, 1e-2, 1e-3):
        explorer.set_h(h)
        errors.append(abs(explorer.values["difference"]))
    assert errors[0] > 50 * errors[1] > 2500 * errors[2]  # truncation error ~ h²


def test_parameter_slider_asks_the_kernel_for_new_curves():
    explorer = actlib.explore("leaky_relu")
    assert set(explorer.positions) == {"z", "h", "alpha"} and 0.25 in explorer.positions["alpha"]
    explorer.params = {"alpha": 0.25}  # what the browser's alpha slider does
    explorer.set_z(-2.0)
    assert explorer.activation == actlib.get("leaky_relu", alpha=0.25)
    assert explorer.curves["params"] == {"alpha": 0.25}
    assert explorer.values["slope"] == 0.25 and explorer.values["value"] == -0.5
    zs = explorer_data.from_bytes(explorer.spec["curve_z"])
    np.testing.assert_array_equal(explorer_data.from_bytes(explorer.curves["curve_value"]), np.where(zs > 0, zs, 0.25 * zs))
    explorer.set_param("alpha", 0.5)
    assert explorer.curves["params"] == {"alpha": 0.5}


def test_static_display_is_a_png_deterministic_text_and_the_sites_data():
    explorer = actlib.explore("relu", z=-1.0)
    bundle = explorer._repr_mimebundle_()
    assert set(bundle) == {"application/vnd.jupyter.widget-view+json", STATIC_MIME_TYPE, "image/png", "text/plain"}
    assert bundle["application/vnd.jupyter.widget-view+json"]["model_id"] == explorer.model_id
    assert bundle["text/plain"] == repr(actlib.explore("relu", z=-1.0))
    assert "0x" not in bundle["text/plain"] and "ReLU′(z), analytic" in bundle["text/plain"]
    assert base64.b64decode(bundle["image/png"])[:4] == b"\x89PNG"
    static = bundle[STATIC_MIME_TYPE]
    json.dumps(static, allow_nan=False)  # plain JSON: arrays are base64 text
    assert static["variants"][0]["params"] == {} and len(static["variants"]) == 1
    assert static["readout"] == [list(row) for row in explorer.readout_rows()]


def test_the_static_site_precomputes_each_parameter_position():
    static = actlib.explore("leaky_relu", z=-2.0, alpha=0.1).static_data()
    positions = static["spec"]["parameters"][0]["positions"]
    assert 0.1 in positions and len(positions) == explorer_data.STATIC_PARAMETER_POSITIONS + 1
    assert [variant["params"]["alpha"] for variant in static["variants"]] == positions
    alpha = positions[-1]
    curve = np.frombuffer(base64.b64decode(static["variants"][-1]["curve_value"]["base64"]), "<f8")
    zs = np.frombuffer(base64.b64decode(static["spec"]["curve_z"]["base64"]), "<f8")
    np.testing.assert_array_equal(curve, actlib.get("leaky_relu", alpha=alpha)(zs))


def test_an_activation_without_complex_input_offers_no_complex_step():
    explorer = actlib.explore(actlib.compose("tanh", "relu"))
    methods = explorer.spec["methods"]
    assert set(methods) <= set(actlib.METHODS) and "central" in methods
    if "complex_step" not in methods:
        with pytest.raises(ValueError, match="valid methods here"):
            explorer.set_method("complex_step")


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


def test_the_widget_serves_the_module_and_stylesheet_in_the_package():
    explorer = actlib.explore("sigmoid")
    assert explorer._esm == MODULE.read_text() and "export default" in explorer._esm
    assert ".actlib-explorer" in explorer._css
    assert isinstance(explorer, Explorer)


@pytest.mark.parametrize("setup", ["import matplotlib; matplotlib.use('Agg')", "import matplotlib", "pass"])
def test_importing_the_explorer_leaves_the_matplotlib_backend_alone(setup):
    code = (f"{setup}\nimport matplotlib\nbefore = matplotlib.rcParams._get_backend_or_none()\n"
            "import actlib.views.explorer\nprint(before, matplotlib.rcParams._get_backend_or_none())")
    env = {"PATH": "/usr/bin:/bin"}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    before, after = result.stdout.split()
    assert before == after


def test_the_static_picture_keeps_its_legends_inside_the_figure_beside_the_axes():
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from actlib.views.explorer import static_figure

    for explorer in (actlib.explore("sigmoid"), actlib.explore("leaky_relu", z=-2.0, alpha=0.1),
                     actlib.explore(actlib.blend("relu", "silu", weight=0.5), z=-2.0)):
        figure = static_figure(explorer)
        assert figure.get_layout_engine() is None   # no layout engine: savefig draws the picture once
        renderer = FigureCanvasAgg(figure).get_renderer()
        for ax in figure.axes:
            legend = ax.get_legend().get_window_extent(renderer)
            assert ax.get_window_extent(renderer).x1 < legend.x0 and legend.x1 <= figure.bbox.x1
        title = figure.axes[0].title.get_window_extent(renderer)
        assert 0 <= title.x0 and title.x1 <= figure.bbox.x1 and title.y1 <= figure.bbox.y1
