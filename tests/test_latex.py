"""The hand-written LaTeX of every activation (formula_latex, derivative_latex, computed_latex, the docstring's
math block) agrees with its sympy expression at points on both sides of 0 (actlib.symbolic.latex), and a
changed sign or branch is caught."""
import pytest

import actlib
from actlib.symbolic.latex import latex_disagreements


def latex_variants():
    """Each activation at its defaults, at the middle of each parameter's slider range (α = 1 would hide a
    missing α) and at each other choice of a text parameter (GELU's tanh form has LaTeX of its own)."""
    found = []
    for name in actlib.names():
        default = actlib.get(name)
        found.append(default)
        found += [default.with_params(**{key: (low + high) / 2}) for key, (low, high) in default.parameter_ranges.items()]
        found += [default.with_params(**{key: option}) for key, options in default.choices.items()
                  for option in options if option != default.params[key]]
    return found


@pytest.mark.parametrize("activation", latex_variants(), ids=repr)
def test_hand_written_latex_agrees_with_the_expression(activation):
    """formula_latex, derivative_latex and computed_latex where the class writes them, and its docstring's
    math, evaluated at points on both sides of 0 against expr and derivative_expr."""
    assert latex_disagreements(activation) == []


def _flip_a_sign(latex, occurrence=0):
    """``latex`` with its occurrence-th + or - swapped."""
    index = [i for i, char in enumerate(latex) if char in "+-"][occurrence]
    return latex[:index] + {"+": "-", "-": "+"}[latex[index]] + latex[index + 1:]


@pytest.mark.parametrize("name, attribute, occurrence", [
    ("sigmoid", "formula_latex", 0), ("silu", "derivative_latex", 0), ("mish", "computed_latex", 2),
    ("elu", "derivative_latex", 0), ("gelu", "computed_latex", 2), ("leaky_relu", "computed_latex", 0)])
def test_a_sign_changed_in_the_latex_is_caught(monkeypatch, name, attribute, occurrence):
    cls = type(actlib.get(name))
    latex = getattr(actlib.get(name), attribute)
    if isinstance(cls.__dict__.get(attribute), property):  # GELU picks its LaTeX by parameter
        monkeypatch.setattr(cls, "_EXACT_LATEX", (*cls._EXACT_LATEX[:2], _flip_a_sign(latex, occurrence)))
    else:
        monkeypatch.setattr(cls, attribute, _flip_a_sign(latex, occurrence))
    problems = latex_disagreements(name)
    assert len(problems) == 1 and attribute in problems[0], problems


@pytest.mark.parametrize("name", ["softplus", "tanh", "selu", "mish"])
def test_a_sign_changed_in_the_docstring_math_is_caught(monkeypatch, name):
    cls = type(actlib.get(name))
    before, math_block = cls.__doc__.split(".. math::", 1)
    monkeypatch.setattr(cls, "__doc__", before + ".. math::" + _flip_a_sign(math_block, 0))
    problems = latex_disagreements(name)
    assert len(problems) == 1 and "docstring's math" in problems[0], problems


def test_a_branch_changed_in_piecewise_latex_is_caught(monkeypatch):
    relu = type(actlib.get("relu"))
    monkeypatch.setattr(relu, "derivative_latex", r"1 \text{ for } z < 0,\; 0 \text{ for } z > 0")
    monkeypatch.setattr(relu, "__doc__", relu.__doc__.replace(r"0 & z \le 0", r"1 & z \le 0"))
    problems = latex_disagreements("relu")
    assert [problem.split(" reads")[0] for problem in problems] == [
        "actlib.get('relu') derivative_latex", "actlib.get('relu') docstring's math"]


def test_latex_the_checker_cannot_read_is_reported_not_passed(monkeypatch):
    monkeypatch.setattr(type(actlib.get("relu")), "computed_latex", r"\operatorname{sign}\bigl(\mystery(z)\bigr)")
    problem, = latex_disagreements("relu")
    assert "does not know \\mystery" in problem and "computed_latex" in problem
