"""Adding an activation is one class and nothing else by hand: a throwaway softsign, defined and registered
only inside these tests (the ``registry`` fixture removes it), is picked up by the derivative card and its
LaTeX check, the README's generated table, the measured properties and their table, the network's
initialisation, the accuracy check against mpmath and the property fuzzing.

The parametrised tests of test_activations.py, test_accuracy.py and test_properties.py collect
``activation_checks.activations_under_test()`` when pytest starts, so they see every class a family
file registers at import; a class registered inside a test is run through the same check functions here.
"""
import sys
from pathlib import Path

import numpy as np
import pytest
import sympy as sp

import actlib
from actlib.symbolic.latex import latex_disagreements
from actlib.views.card import card, check_facts
from actlib.training.nn import MLP
from actlib.views.properties import declared_table, property_table
from activation_checks import (FLOATS, activations_under_test, check_accuracy, check_limits, check_measured_properties,
                               check_on_random_floats)

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import write_tables  # noqa: E402  (scripts/ is not a package)


class Softsign(actlib.Activation):
    r"""Softsign: a tanh that saturates polynomially (here only as a throwaway).

    .. math::
        g(z) = \frac{z}{1 + |z|}, \qquad g'(z) = \frac{1}{(1 + |z|)^2}

    Smooth, no kink (g'' jumps at 0, g' does not).
    """

    name, glyph = "throwaway_softsign", "softsign"
    kinks, derivative_roots = (), ()
    value_range, slope_range = (-1.0, 1.0), (0.0, 1.0)
    limits = ((-1.0, 1.0), (0.0, 0.0))
    zero_centred = True
    # formula_latex and derivative_latex: sympy's, from _expr
    computed_latex = r"\frac{1}{d^2},\; d = 1 + |z|"
    failure = "saturates on both sides, only polynomially"
    pick_when = "a tanh that saturates more slowly"

    def _value_and_derivative(self, z):
        largest = np.finfo(z.dtype).max
        bounded = np.clip(z, -largest, largest)  # ±inf gives ±largest, where g is ±1 to the last bit
        scale = 1 / (1 + np.abs(z))  # squared, not 1/(1 + |z|)**2: that overflows where g' is still subnormal
        return bounded / (1 + np.abs(bounded)), scale * scale

    def _expr(self, z):
        return z / (1 + sp.Abs(z))


@pytest.fixture
def softsign(registry):
    actlib.register(Softsign)
    return actlib.get(Softsign.name)


def test_it_is_among_the_activations_the_checks_run_over(softsign):
    assert Softsign.name in actlib.names() and softsign in activations_under_test()


def test_the_card_shows_it_with_sympy_s_latex_and_its_own(softsign):
    check_facts(softsign)
    formulas, behaviour = [row for row in card().splitlines() if row.startswith(f"| {Softsign.name} |")]
    assert r"\frac{z}{\left\vert {z}\right\vert  + 1}" in formulas  # sympy's, from _expr
    assert formulas.endswith(r"| $\frac{1}{d^2},\; d = 1 + \vert z\vert $ |") and "not declared" not in formulas
    assert behaviour.startswith(f"| {Softsign.name} | [−1, 1] | [0, 1] | none (g′ continuous) |")
    assert behaviour.endswith("| — | — |")  # neither make bench nor the PyTorch run timed it: "not measured"


def test_its_hand_written_latex_is_checked(softsign, monkeypatch):
    assert latex_disagreements(softsign) == []
    monkeypatch.setattr(Softsign, "computed_latex", r"\frac{1}{d^2},\; d = 1 - |z|")
    monkeypatch.setattr(Softsign, "__doc__", Softsign.__doc__.replace(r"\frac{z}{1 + |z|}", r"\frac{z}{1 - |z|}"))
    assert [problem.split(" reads")[0] for problem in latex_disagreements(softsign)] == [
        f"{softsign!r} computed_latex", f"{softsign!r} docstring's math"]


def test_the_readme_table_command_picks_it_up(softsign):
    row = f"| {Softsign.name} | — | — | [−1, 1] | [0, 1] | yes | yes | both sides | glorot |"
    assert row in declared_table().splitlines()
    readme = (ROOT / "README.md").read_text()
    assert write_tables.stale_blocks(readme) == ["declared_table"]  # test_readme would say: run `make tables`
    assert row in write_tables.render(readme) and write_tables.stale_blocks(write_tables.render(readme)) == []


def test_properties_and_their_table_pick_it_up(softsign):
    check_measured_properties(softsign)
    row, = [row for row in property_table().splitlines() if row.startswith(f"| {Softsign.name} |")]
    assert row == f"| {Softsign.name} | [−1, 1] | [0, 1] | yes | yes | 0.00 | both sides | — |"


def test_network_initialisation_picks_it_up(softsign):
    wide = 400
    network = MLP([wide, wide, 1], Softsign.name, seed=0)
    assert network.init == "glorot"
    assert network.weights[0].std() == pytest.approx(np.sqrt(2 / (wide + wide)), rel=0.02)
    assert np.all(np.isfinite(network.predict_proba(np.ones((3, wide)))))


@pytest.mark.parametrize("dtype", [np.float64, np.float32], ids=["f64", "f32"])
@pytest.mark.parametrize("derivative", [False, True], ids=["value", "derivative"])
def test_accuracy_against_mpmath_picks_it_up(softsign, derivative, dtype):
    check_accuracy(softsign, dtype, derivative)


@pytest.mark.parametrize("dtype", FLOATS)
def test_property_fuzzing_and_limits_pick_it_up(softsign, dtype):
    check_on_random_floats(softsign, dtype)
    check_limits(softsign, dtype)


def test_it_is_gone_afterwards():
    assert Softsign.name not in actlib.names()
