"""actlib.properties: measured properties match what each class declares, and the table shows them."""
import csv
from pathlib import Path

import numpy as np
import pytest

import actlib
from actlib.properties import measured_costs, properties, property_table
from activation_checks import activations_under_test, check_measured_properties

SPEED_CSV = Path(__file__).resolve().parent.parent / "benchmarks" / "results" / "speed.csv"


@pytest.mark.parametrize("activation", activations_under_test(), ids=repr)
def test_measured_properties_match_the_declared_ones(activation):
    check_measured_properties(activation)


def test_ranges_and_centring():
    sigmoid, tanh, silu = properties("sigmoid"), properties("tanh"), properties("silu")
    assert sigmoid.value_range == (0.0, 1.0) and sigmoid.slope_range[1] == 0.25
    assert abs(tanh.mean_output) < 1e-12 and abs(sigmoid.mean_output - 0.5) < 1e-12
    assert silu.value_range[0] == pytest.approx(-0.2784645427610738, abs=1e-9) and silu.value_range[1] == np.inf
    assert abs(properties("selu").mean_output) < 2e-3  # SELU's fixed point (the kink limits the quadrature)


def test_table_lists_each_activation_with_its_cost():
    table = property_table(["relu", actlib.get("leaky_relu", alpha=0.2)], costs={"relu": 2.25, "leaky_relu": 9.0})
    rows = table.splitlines()
    assert len(rows) == 4 and rows[2].startswith("| relu |") and rows[2].endswith("| 2.2 |")
    assert rows[3].endswith("| — |")  # no cost for a parametrised activation: the benchmark timed the default


def test_activations_at_their_default_parameters_get_their_cost():
    """The benchmark times leaky_relu, elu and gelu at their defaults; only other settings lack a cost."""
    rows = property_table(["leaky_relu", "gelu", actlib.get("gelu", approximate="tanh"), actlib.add("relu", "tanh")],
                          costs={"leaky_relu": 2.87, "gelu": 40.6}).splitlines()[2:]
    assert [row.rsplit("|", 2)[1].strip() for row in rows] == ["2.9", "40.6", "—", "—"]


def test_the_default_table_has_every_registered_activation_and_the_packaged_costs():
    rows = property_table().splitlines()[2:]
    assert [row.split("|")[1].strip() for row in rows] == actlib.names()
    assert all(not row.endswith("| — |") for row in rows)


def test_packaged_costs_are_the_benchmarks_float64_figures():
    """actlib/data/cost.csv ships with the package (an installed copy has no benchmarks/ folder);
    ``make bench`` writes it from the same run as benchmarks/results/speed.csv."""
    with SPEED_CSV.open() as handle:
        stored = {row["activation"]: float(row["ratio_to_exp"]) for row in csv.DictReader(handle)
                  if (row["dtype"], row["route"]) == ("float64", "actlib")}
    assert measured_costs() == stored and sorted(stored) == actlib.names()


def test_mean_output_that_rounds_to_zero_prints_without_a_sign():
    selu_row = property_table(["selu"]).splitlines()[2]
    assert "| 0.00 |" in selu_row and "−0.00" not in selu_row and "-0.00" not in selu_row
    assert "| [−1.76, ∞] |" in selu_row
