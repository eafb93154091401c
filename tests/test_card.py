"""The derivative card (actlib.views.card, notebook 09) is built from the classes' declared facts: every
registered activation declares them, the stable form it declares is the derivative, and a newly
registered class appears on the card with nothing else edited."""
from pathlib import Path

import numpy as np
import pytest
import sympy as sp

import actlib
from actlib.views.card import (FRAMEWORK_COSTS, REQUIRED_FACTS, card, check_facts, computed_form, framework_cost,
                               kink_convention, missing_facts)

SPEED = Path(__file__).resolve().parent.parent / "benchmarks" / "results"


@pytest.mark.parametrize("name", actlib.names())
def test_every_registered_activation_declares_the_card_facts(name):
    check_facts(name)  # raises naming each missing fact


@pytest.mark.parametrize("name", actlib.names())
def test_the_declared_computed_form_is_the_derivative(name):
    """Proved by sympy on each side of 0 (t > 0 stands for z on the right, -t on the left)."""
    act = actlib.get(name)
    form = computed_form(act)
    if form is None:
        pytest.skip(f"{name} declares no computed_sympy (its computed form is not a closed formula)")
    t = sp.Symbol("t", positive=True)
    for side in (t, -t):
        difference = (form - act.derivative_expr).subs(actlib.z, side)
        assert sp.simplify(difference.rewrite(sp.exp)) == 0, (
            f"{name}: computed_sympy differs from derivative_expr for z = {side}")
    # and it is what the kernel evaluates, away from the kink
    points = np.array([-3.0, -0.5, 0.25, 2.0])
    numbers = sp.lambdify(actlib.z, form, "mpmath")
    assert np.allclose([float(numbers(p)) for p in points], act.derivative(points), rtol=1e-12, atol=0)


def test_sympy_writes_the_latex_a_class_does_not_override():
    assert actlib.get("tanh").derivative_latex == sp.latex(actlib.get("tanh").derivative_expr)
    assert actlib.get("softplus").formula_latex == r"\log{\left(e^{z} + 1 \right)}"
    assert "alpha" in actlib.Activation.formula_latex.fget(actlib.get("leaky_relu"))  # α, not 1/100


def test_every_registered_activation_has_its_rows_with_math_that_cannot_break_a_table():
    text = card()
    for name in actlib.names():
        rows = [row for row in text.splitlines() if row.startswith(f"| {name}")]
        assert len(rows) == 2, name
        assert "not declared" not in "".join(rows), rows
    for row in text.splitlines():
        if row.startswith("| "):
            cells = row.strip("|").split(" | ")
            for cell in cells:
                assert cell.count("$") % 2 == 0, row
    assert "$e^{-\\vert z\\vert }$" not in text and "\\vert z\\vert" in text  # |z| inside math: \vert, not a cell break


def test_kink_conventions_are_read_from_the_derivative():
    assert kink_convention("relu") == "g′(0) = 0, the left value"
    assert kink_convention("leaky_relu") == "g′(0) = 0.01, the left value"
    assert kink_convention(actlib.get("leaky_relu", alpha=0.2)) == "g′(0) = 0.2, the left value"
    assert kink_convention("sigmoid") == "none (g′ continuous)"


def test_the_card_follows_the_notebooks_order():
    order = [row.split(" |")[0][2:].split(" (")[0] for row in card().split("**Behaviour.**")[0].splitlines()
             if row.startswith("| ") and not row.startswith("| activation")]
    assert order[:4] == ["sigmoid", "tanh", "relu", "leaky_relu"] and sorted(order) == actlib.names()


class Softsign(actlib.Activation):
    r"""Softsign, the example of CONTRIBUTING.md, here only as a throwaway."""

    name, glyph = "throwaway_softsign", "softsign"
    kinks, derivative_roots = (), ()
    value_range, slope_range = (-1.0, 1.0), (0.0, 1.0)
    limits = ((-1.0, 1.0), (0.0, 0.0))
    zero_centred = True
    formula_latex = r"\frac{z}{1 + |z|}"
    derivative_latex = r"\frac{1}{(1 + |z|)^2}"
    computed_latex = r"s^2,\; s = \frac{1}{1 + |z|}"
    computed_sympy = "1/(1 + Abs(z))**2"
    failure = "saturates on both sides, only polynomially"
    pick_when = "a tanh that saturates more slowly"

    def _value_and_derivative(self, z):
        scale = 1 / (1 + np.abs(np.clip(z, -1e300, 1e300)))
        return np.clip(z, -1e300, 1e300) * scale, scale * scale

    def _expr(self, z):
        return z / (1 + sp.Abs(z))


def test_a_registered_activation_appears_on_the_card(registry):
    assert Softsign.name not in card()
    actlib.register(Softsign)
    formulas, behaviour = [row for row in card().splitlines() if row.startswith(f"| {Softsign.name} |")]
    assert r"$\frac{z}{1 + \vert z\vert }$" in formulas and r"$s^2,\; s = \frac{1}{1 + \vert z\vert }$" in formulas
    assert behaviour == (f"| {Softsign.name} | [−1, 1] | [0, 1] | none (g′ continuous) | saturates on both sides, "
                         "only polynomially | a tanh that saturates more slowly | — | — |")  # no benchmark timed it
    assert card().splitlines()[-1] == behaviour  # after the built-in ones
    t = sp.Symbol("t", positive=True)
    assert all(sp.simplify((computed_form(Softsign.name) - actlib.get(Softsign.name).derivative_expr).subs(actlib.z, s)) == 0
               for s in (t, -t))


def test_a_class_without_the_facts_is_named_with_what_it_lacks(registry):
    class Bare(Softsign):
        name = "throwaway_bare"
        failure = pick_when = computed_latex = None

    actlib.register(Bare)
    assert missing_facts(Bare.name) == ["computed_latex", "failure", "pick_when"]
    with pytest.raises(ValueError, match=r"throwaway_bare \(Bare\) does not declare the card fact\(s\) "
                                         r"computed_latex, failure, pick_when"):
        check_facts(Bare.name)
    row = [row for row in card().splitlines() if row.startswith("| throwaway_bare |")][1]
    assert row.count("*not declared*") == 2  # the card still renders, and says what is missing
    assert set(REQUIRED_FACTS) >= set(missing_facts(Bare.name))


def test_a_formula_typed_by_a_learner_appears_with_sympy_s_latex(registry):
    actlib.from_expression("throwaway_square_gate", "z**2/(1 + z**2)")
    formulas, behaviour = [row for row in card().splitlines() if row.startswith("| throwaway_square_gate |")]
    assert r"$\frac{z^{2}}{z^{2} + 1}$" in formulas and formulas.endswith("| *not declared* |")
    assert missing_facts("throwaway_square_gate") == ["computed_latex", "failure", "pick_when"]  # LaTeX by sympy


def test_a_parameter_that_changes_the_formula_changes_the_card():
    formulas = card([actlib.get("gelu"), actlib.get("gelu", approximate="tanh")]).split("**Behaviour.**")[0]
    exact, approximate = [row for row in formulas.splitlines() if row.startswith("| gelu")]
    assert exact.startswith("| gelu (approximate = none) |") and "erf" in exact and "tanh" not in exact
    assert approximate.startswith("| gelu (approximate = tanh) |") and "0.044715" in approximate


def test_the_framework_costs_are_the_projects_pytorch_measurements():
    """FRAMEWORK_COSTS copies benchmarks/results/speed.md (torch on 2 threads, also in speed.csv, and on
    1 thread): rerunning `make bench-torch` means updating it, and notebook 09's guide with it."""
    if not (SPEED / "speed.csv").exists():
        pytest.skip("benchmarks/results/ is not part of this installation")
    rows = [line.split(",") for line in (SPEED / "speed.csv").read_text().splitlines()[1:]]
    two_threads = {(dtype, name): float(ratio) for dtype, name, route, ratio in rows if route == "torch"}
    one_thread = {}
    dtype = None
    for line in (SPEED / "speed.md").read_text().splitlines():
        if line.startswith("## "):
            dtype = line.split()[1]
        elif line.startswith("| ") and not line.startswith("| activation") and "---" not in line:
            cells = [cell.strip() for cell in line.strip("|").split("|")]
            one_thread[(dtype, cells[0])] = float(cells[5].rstrip("×"))
    for (dtype, threads), times in FRAMEWORK_COSTS.items():
        measured = two_threads if threads == 2 else one_thread
        for name, ratio in times.items():
            assert ratio == pytest.approx(measured[(dtype, name)], abs=0.006), (dtype, threads, name)
    assert {name for _, name in two_threads} <= set(actlib.names())  # one not yet timed reads "—"


def test_framework_cost_is_relative_to_relu_and_only_for_what_was_timed():
    assert framework_cost("relu") == (1.0, 1.0)
    low, high = framework_cost("silu")
    assert 0.8 < low < 1 < high < 1.3
    assert framework_cost(actlib.get("leaky_relu", alpha=0.2)) is None   # not the one timed
    assert framework_cost("gelu")[1] < framework_cost("mish")[1]
