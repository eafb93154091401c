r"""The derivative card: every registered activation on one page, built from what its class declares.

>>> from actlib.card import card, missing_facts
>>> missing_facts("relu")
[]
>>> "| relu |" in card()
True

Nothing here is typed per activation: the formulas, the two forms of the derivative, the typical
failure and when to pick it are the class's declared facts (see "Declared facts" on
:class:`actlib.Activation`); the ranges come from ``value_range`` and ``slope_range``; the
convention at each kink is read off the activation's own ``derivative`` there; the cost is what
``make bench`` measured (``actlib.properties.measured_costs``). A newly registered activation
appears on the card with nothing here edited. Notebook 09 shows the card and its decision guide.
"""
from __future__ import annotations

import math

import numpy as np
import sympy as sp

from .activations import Activation, get, names, z
from .properties import _at_defaults, _interval, _number, measured_costs

REQUIRED_FACTS = ("formula_latex", "derivative_latex", "computed_latex", "failure", "pick_when")
"""The declared facts a card row needs; :func:`missing_facts` names the ones a class lacks."""

_NOT_DECLARED = "*not declared*"

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
    return sp.sympify(act.computed_sympy, locals={"z": z, **act._sympy_params(False)})


def _math(latex: str | None) -> str:
    """LaTeX as inline math in a markdown table cell: a '|' (|z|) would end the cell, so it becomes \\vert."""
    if not latex:
        return _NOT_DECLARED
    return "$" + latex.replace("|", r"\vert ") + "$"


def _sympy_latex(act: Activation, attribute: str) -> str | None:
    """Where a class declares no LaTeX (a formula typed into ``from_expression``, say), sympy's."""
    try:
        return sp.latex(getattr(act, attribute))
    except NotImplementedError:
        return None


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
        parts.append(f"g′({_number(kink, '.4g')}) = {_number(at, '.4g')}, {side}")
    return "; ".join(parts)


def card(activations=None, costs=None) -> str:
    """The derivative card as markdown: a table of formulas and one of behaviour, one row per activation
    (names or Activations; default: every registered one, at its default parameters).

    A formula or simplest derivative the class does not declare is written by sympy from ``expr``;
    any other missing fact reads "not declared". ``costs`` maps names to value + derivative time over one ``np.exp`` pass (default: what ``make
    bench`` measured); only an activation at its default parameters, the one timed, gets one.
    """
    acts = [get(name) for name in (card_order() if activations is None else activations)]
    costs = measured_costs() if costs is None else costs
    formulas = ["| activation | g(z) | g′(z), simplest form | g′(z) as actlib computes it |", "|---|---|---|---|"]
    behaviour = ["| activation | range of g | range of g′ | at a kink | typical failure | pick it when | cost (× np.exp) |",
                 "|---|---|---|---|---|---|---:|"]
    for act in acts:
        formulas.append(f"| {_title(act)} | {_math(act.formula_latex or _sympy_latex(act, 'expr'))} | "
                        f"{_math(act.derivative_latex or _sympy_latex(act, 'derivative_expr'))} | "
                        f"{_math(act.computed_latex)} |")
        cost = costs.get(act.name) if _at_defaults(act) else None
        value_range = _NOT_DECLARED if act.value_range is None else _interval(*act.value_range)
        slope_range = _NOT_DECLARED if act.slope_range is None else _interval(*act.slope_range)
        behaviour.append(f"| {_title(act)} | {value_range} | {slope_range} | {kink_convention(act)} | "
                         f"{_text(act.failure)} | {_text(act.pick_when)} | {'—' if cost is None else f'{cost:.1f}'} |")
    return ("**Formulas.** σ is the sigmoid, Φ and φ the standard normal CDF and density.\n\n" + "\n".join(formulas)
            + "\n\n**Behaviour.** Ranges are [inf, sup] over the reals, limits included; the cost is value plus "
              "derivative over one `np.exp` pass (float64, `make bench`).\n\n" + "\n".join(behaviour))
