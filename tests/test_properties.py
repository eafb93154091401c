"""actlib.views.properties: measured properties match what each class declares, and the table shows them."""
import csv
from pathlib import Path

import numpy as np
import pytest

import actlib
from actlib.activations.extremes import smooth_extremes
from actlib.views.properties import measured_costs, properties, property_table
from activation_checks import activations_under_test, check_measured_properties

SPEED_CSV = Path(__file__).resolve().parent.parent / "benchmarks" / "results" / "speed.csv"


@pytest.mark.parametrize("activation", activations_under_test(), ids=repr)
def test_measured_properties_match_the_declared_ones(activation):
    check_measured_properties(activation)


# The extremes gated.py used to type by hand (found once with mpmath to 30 digits); the library now finds
# them. Each typed one is within 2 ulp of the correctly rounded value the library finds (mostly 1-2 ulp
# outward of it): -0.09983932012886692 for SiLU's g' is -0.0998393201288669170 rounded up in the last place.
TYPED_EXTREMES = {
    actlib.get("silu"): ((-0.2784645427610738, np.inf), (-0.09983932012886692, 1.0998393201288670)),
    actlib.get("mish"): ((-0.30884341301725042, np.inf), (-0.11252612238946257, 1.0884981612517280)),
    actlib.get("gelu"): ((-0.16997120747990367, np.inf), (-0.12890414518515480, 1.1289041451851549)),
    actlib.get("gelu", approximate="tanh"): ((-0.17004075057125406, np.inf), (-0.12899306865877178, 1.1289930686587719)),
}


@pytest.mark.parametrize("activation", TYPED_EXTREMES, ids=repr)
def test_found_extremes_are_the_ones_once_typed(activation):
    found = smooth_extremes(activation)
    assert (activation.value_range, activation.slope_range) == found  # the class declares what was found
    typed, found = np.array(TYPED_EXTREMES[activation]), np.array(found)
    finite = np.isfinite(typed)
    assert np.array_equal(found[~finite], typed[~finite])
    assert np.all(np.abs(found[finite] - typed[finite]) <= 2 * np.spacing(np.abs(typed[finite])))
    assert found[0][1] == np.inf  # g(+inf), a declared limit, is among the candidates


def test_found_extremes_are_correctly_rounded():
    """GELU's g' has its extremes at exactly ±sqrt(2) (GELU'' = φ(z)(2 - z²)): the found ones are those
    values rounded once, checked here against mpmath at 50 digits."""
    import mpmath

    with mpmath.workdps(50):
        root = mpmath.sqrt(2)
        exact = [mpmath.ncdf(x) + x * mpmath.npdf(x) for x in (-root, root)]
        assert smooth_extremes("gelu")[1] == tuple(float(value) for value in exact)


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
    timed = measured_costs()
    assert [row.endswith("| — |") for row in rows] == [name not in timed for name in actlib.names()]


def test_an_activation_make_bench_has_not_timed_reads_not_measured():
    rows = property_table(["relu", "tanh"], costs={"relu": 2.0}).splitlines()[2:]
    assert rows[0].endswith("| 2.0 |") and rows[1].endswith("| — |")


def test_packaged_costs_are_the_benchmarks_float64_figures():
    """actlib/data/cost.csv ships with the package (an installed copy has no benchmarks/ folder);
    ``make bench`` writes it from the same run as benchmarks/results/speed.csv."""
    with SPEED_CSV.open() as handle:
        stored = {row["activation"]: float(row["ratio_to_exp"]) for row in csv.DictReader(handle)
                  if (row["dtype"], row["route"]) == ("float64", "actlib")}
    assert measured_costs() == stored and set(stored) <= set(actlib.names())  # one not yet timed reads "—"


def test_mean_output_that_rounds_to_zero_prints_without_a_sign():
    selu_row = property_table(["selu"]).splitlines()[2]
    assert "| 0.00 |" in selu_row and "−0.00" not in selu_row and "-0.00" not in selu_row
    assert "| [−1.76, ∞] |" in selu_row
