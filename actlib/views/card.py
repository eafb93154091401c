r"""The derivative card: every registered activation on one page, built from what its class declares.

>>> from actlib.views.card import card, missing_facts
>>> missing_facts("relu")
[]
>>> "| relu |" in card()
True

Nothing here is typed per activation: the formulas, the two forms of the derivative, the typical
failure and when to pick it are the class's declared facts (see "Declared facts" on
:class:`actlib.Activation`); the ranges come from ``value_range`` and ``slope_range``; the
convention at each kink is read off the activation's own ``derivative`` there; actlib's cost is what
``make bench`` measured (``actlib.views.properties.measured_costs``), and a framework's is the project's
PyTorch measurement (:data:`FRAMEWORK_COSTS`). A newly registered activation appears on the card with
nothing here edited. Notebook 09 shows the card and its decision guide.

The LaTeX a class writes by hand (where sympy's does not teach as well) is evaluated against its sympy
expression by :func:`actlib.symbolic.latex.latex_disagreements` (``tests/test_latex.py``), so the card
cannot show a formula that has drifted from the code.
"""
from __future__ import annotations

import math

import numpy as np
import sympy as sp

from actlib.activations import Activation, get, names, z_symbol
from actlib.views.properties import at_defaults, interval_text, number_text, measured_costs

REQUIRED_FACTS = ("formula_latex", "derivative_latex", "computed_latex", "failure", "pick_when")
"""The declared facts a card row needs; :func:`missing_facts` names the ones a class lacks."""

_NOT_DECLARED = "*not declared*"

FRAMEWORK = "PyTorch 2.13.0 (CPU)"
FRAMEWORK_COSTS = {
    # (dtype, threads): time of value + derivative (forward and autograd backward) of 10^7 elements
    # over one np.exp pass, median of 7 -- benchmarks/results/speed.md ("torch" and "torch, 1 thread";
    # tests/test_card.py checks these against it). numpy's loops run on one core.
    ("float64", 2): {"elu": 4.96, "gelu": 7.60, "leaky_relu": 4.17, "mish": 9.13, "relu": 5.41, "selu": 5.17,
                     "sigmoid": 4.30, "silu": 4.72, "softplus": 5.73, "tanh": 6.14},
    ("float64", 1): {"elu": 8.76, "gelu": 14.25, "leaky_relu": 7.40, "mish": 17.36, "relu": 7.25, "selu": 8.98,
                     "sigmoid": 7.66, "silu": 8.27, "softplus": 9.66, "tanh": 10.82},
    ("float32", 2): {"elu": 5.52, "gelu": 5.77, "leaky_relu": 5.62, "mish": 9.20, "relu": 4.64, "selu": 5.84,
                     "sigmoid": 5.30, "silu": 5.63, "softplus": 7.17, "tanh": 6.72},
    ("float32", 1): {"elu": 9.63, "gelu": 10.02, "leaky_relu": 8.23, "mish": 16.91, "relu": 7.87, "selu": 10.08,
                     "sigmoid": 8.49, "silu": 8.73, "softplus": 10.37, "tanh": 11.81},
}
"""What a framework's value + derivative costs, per (dtype, threads), as a ratio to one ``np.exp`` pass:
the project's measurement of :data:`FRAMEWORK` (``make bench-torch``). actlib's own kernels are
built for accuracy first and teach the numerics; their cost (:func:`actlib.views.properties.measured_costs`)
is not what a network pays in a framework."""


def framework_cost(activation) -> tuple[float, float] | None:
    """(lowest, highest) ratio of :data:`FRAMEWORK`'s value + derivative time for ``activation`` to
    ReLU's, over the measured dtypes and thread counts; None when it was not measured (a parameter
    other than the default, or an activation the benchmark does not know)."""
    act = get(activation)
    if not at_defaults(act) or any(act.name not in times for times in FRAMEWORK_COSTS.values()):
        return None
    ratios = [times[act.name] / times["relu"] for times in FRAMEWORK_COSTS.values()]
    return min(ratios), max(ratios)


READING_ORDER = ("sigmoid", "tanh", "relu", "leaky_relu", "softplus", "elu", "selu", "gelu", "silu", "mish")
"""The notebooks' order (01 to 04, then 06); any other registered activation follows, by name."""


def card_order() -> list[str]:
    """Every registered name: those of :data:`READING_ORDER` in that order, then the rest sorted."""
    registered = names()
    return [name for name in READING_ORDER if name in registered] + [
        name for name in registered if name not in READING_ORDER]


def missing_facts(activation) -> list[str]:
    """The names in :data:`REQUIRED_FACTS` that ``activation`` (a name or an Activation) does not declare."""
    act = get(activation)
    return [fact for fact in REQUIRED_FACTS if not getattr(act, fact, None)]


def check_facts(activation) -> None:
    """Raise ValueError naming the card facts ``activation`` lacks, and where to declare them."""
    act = get(activation)
    missing = missing_facts(act)
    if missing:
        raise ValueError(
            f"{act.name} ({type(act).__name__}) does not declare the card fact(s) {', '.join(missing)}: "
            "set them as class attributes next to its formula (see 'Declared facts' on actlib.Activation "
            "and CONTRIBUTING.md, 'Add an activation')."
        )


def computed_form(activation) -> sp.Expr | None:
    """The declared ``computed_sympy`` of ``activation`` as a sympy expression in ``actlib.z``, its
    parameters as exact rationals (as in ``expr``); None when the class declares none."""
    act = get(activation)
    if not act.computed_sympy:
        return None
    return sp.sympify(act.computed_sympy, locals={"z": z_symbol, **act.sympy_parameters(False)})


def _math(latex: str | None) -> str:
    """LaTeX as inline math in a markdown table cell: a '|' (|z|) would end the cell, so it becomes \\vert."""
    if not latex:
        return _NOT_DECLARED
    return "$" + latex.replace("|", r"\vert ") + "$"


def _text(phrase: str | None) -> str:
    return phrase.replace("|", "\\|") if phrase else _NOT_DECLARED


def _title(act: Activation) -> str:
    params = ", ".join(f"{key} = {value:g}" if isinstance(value, float) else f"{key} = {value}"
                       for key, value in act.params.items())
    return f"{act.name}" + (f" ({params})" if params else "")


def kink_convention(activation) -> str:
    """"smooth", or for each declared kink the value actlib's derivative takes there and which side's it is."""
    act = get(activation)
    if act.kinks is None:
        return _NOT_DECLARED
    if not act.kinks:
        return "none (g′ continuous)"
    parts = []
    for kink in act.kinks:
        at, left, right = (float(v) for v in act.derivative(np.array([kink, kink - 1e-9, kink + 1e-9])))
        side = ("the left value" if math.isclose(at, left, rel_tol=1e-6, abs_tol=1e-12) else
                "the right value" if math.isclose(at, right, rel_tol=1e-6, abs_tol=1e-12) else "between the sides")
        parts.append(f"g′({number_text(kink, '.4g')}) = {number_text(at, '.4g')}, {side}")
    return "; ".join(parts)


def card(activations=None, costs=None) -> str:
    """The derivative card as markdown: a table of formulas and one of behaviour, one row per activation
    (names or Activations; default: every registered one, at its default parameters).

    A formula or simplest derivative the class does not declare is written by sympy from ``expr``;
    any other missing fact reads "not declared". ``costs`` maps names to actlib's value + derivative time
    over one ``np.exp`` pass (default: what ``make bench`` measured); only an activation at its default
    parameters, the one timed, gets one, and likewise for the PyTorch column (:func:`framework_cost`).
    """
    acts = [get(name) for name in (card_order() if activations is None else activations)]
    costs = measured_costs() if costs is None else costs
    formulas = ["| activation | g(z) | g′(z), simplest form | g′(z) as actlib computes it |", "|---|---|---|---|"]
    behaviour = ["| activation | range of g | range of g′ | at a kink | typical failure | pick it when "
                 "| actlib's cost (× np.exp) | PyTorch's cost (× ReLU) |",
                 "|---|---|---|---|---|---|---:|---:|"]
    for act in acts:
        formulas.append(f"| {_title(act)} | {_math(act.formula_latex)} | {_math(act.derivative_latex)} | "
                        f"{_math(act.computed_latex)} |")
        cost = costs.get(act.name) if at_defaults(act) else None
        value_range = _NOT_DECLARED if act.value_range is None else interval_text(*act.value_range)
        slope_range = _NOT_DECLARED if act.slope_range is None else interval_text(*act.slope_range)
        framework = framework_cost(act)
        framework = "—" if framework is None else "–".join(dict.fromkeys(f"{ratio:.1f}" for ratio in framework))
        behaviour.append(f"| {_title(act)} | {value_range} | {slope_range} | {kink_convention(act)} | "
                         f"{_text(act.failure)} | {_text(act.pick_when)} | {'—' if cost is None else f'{cost:.1f}'} "
                         f"| {framework} |")
    return ("**Formulas.** σ is the sigmoid, Φ and φ the standard normal CDF and density.\n\n" + "\n".join(formulas)
            + "\n\n**Behaviour.** Ranges are [inf, sup] over the reals, limits included. actlib's cost is its own "
              "numpy kernels, built for accuracy first: value plus derivative over one `np.exp` pass (float64, "
              f"`make bench`). PyTorch's is what a network pays in a framework: {FRAMEWORK}, value plus autograd "
              "derivative relative to ReLU's, lowest–highest over float32 and float64 on one and two threads "
              "(`benchmarks/results/speed.md`).\n\n" + "\n".join(behaviour))
