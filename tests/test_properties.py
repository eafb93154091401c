"""actlib.properties: measured properties match what the maths says."""
import numpy as np
import pytest

import actlib
from actlib.properties import properties, property_table


@pytest.mark.parametrize("name, monotone, smooth, saturates", [
    ("sigmoid", True, True, "both sides"), ("tanh", True, True, "both sides"), ("relu", True, False, "z → −∞"),
    ("leaky_relu", True, False, "no"), ("elu", True, True, "z → −∞"), ("selu", True, False, "z → −∞"),
    ("softplus", True, True, "z → −∞"), ("gelu", False, True, "z → −∞"), ("silu", False, True, "z → −∞"),
    ("mish", False, True, "z → −∞"),
])
def test_qualitative_properties(name, monotone, smooth, saturates):
    p = properties(name)
    assert (p.monotone, p.smooth, p.saturates) == (monotone, smooth, saturates)


def test_ranges_and_centring():
    sigmoid, tanh, silu = properties("sigmoid"), properties("tanh"), properties("silu")
    assert sigmoid.value_range == (0.0, 1.0) and sigmoid.slope_range[1] == 0.25
    assert abs(tanh.mean_output) < 1e-12 and abs(sigmoid.mean_output - 0.5) < 1e-12
    assert silu.value_range[0] == pytest.approx(-0.2784645427610738, abs=1e-9) and silu.value_range[1] == np.inf
    assert abs(properties("selu").mean_output) < 2e-3  # SELU's fixed point (the kink limits the quadrature)


def test_table_lists_each_activation_and_reads_the_stored_cost(tmp_path, monkeypatch):
    from actlib import properties as module

    csv = tmp_path / "speed.csv"
    csv.write_text("dtype,activation,route,ratio_to_exp\nfloat64,relu,actlib,2.25\nfloat32,relu,actlib,9.0\n")
    monkeypatch.setattr(module, "SPEED_CSV", csv)
    table = property_table(["relu", actlib.get("leaky_relu", alpha=0.2)])
    rows = table.splitlines()
    assert len(rows) == 4 and rows[2].startswith("| relu |") and rows[2].endswith("| 2.2 |")
    assert rows[3].endswith("| — |")  # no stored cost for a parametrised activation


def test_activations_at_their_default_parameters_get_their_cost(tmp_path, monkeypatch):
    """The benchmark times leaky_relu, elu and gelu at their defaults; only other settings lack a cost."""
    from actlib import properties as module

    csv = tmp_path / "speed.csv"
    csv.write_text("dtype,activation,route,ratio_to_exp\nfloat64,leaky_relu,actlib,2.87\nfloat64,gelu,actlib,40.6\n")
    monkeypatch.setattr(module, "SPEED_CSV", csv)
    rows = property_table(["leaky_relu", "gelu", actlib.get("gelu", approximate="tanh"),
                           actlib.add("relu", "tanh")]).splitlines()[2:]
    assert [row.rsplit("|", 2)[1].strip() for row in rows] == ["2.9", "40.6", "—", "—"]


def test_mean_output_that_rounds_to_zero_prints_without_a_sign():
    selu_row = property_table(["selu"]).splitlines()[2]
    assert "| 0.00 |" in selu_row and "−0.00" not in selu_row and "-0.00" not in selu_row
    assert "| [−1.76, ∞] |" in selu_row
