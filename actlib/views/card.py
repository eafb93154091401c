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
expression by :func:`latex_disagreements`, so the card cannot show a formula that has drifted from the code.
"""
from __future__ import annotations

import math
import re

import numpy as np
import sympy as sp

from actlib.activations import Activation, get, names, z
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
    return sp.sympify(act.computed_sympy, locals={"z": z, **act._sympy_params(False)})


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


# -- checking the hand-written LaTeX ----------------------------------------------------------------
# A class may override the LaTeX sympy prints (``formula_latex``, ``derivative_latex``) where a form
# teaches better (σ(z)(1 − σ(z))), and writes ``computed_latex`` and its docstring's ``.. math::`` block
# by hand. :func:`latex_disagreements` evaluates each against ``expr`` / ``derivative_expr`` at points,
# so none can drift from the code. sympy's own ``parse_latex`` does not serve: its antlr backend is not
# installed, and its lark backend (sympy 1.14) knows neither \sigma(z) nor \operatorname, fails on
# \sqrt 2 and \sqrt{2\pi}, and reads \tanh z and 4z(w + 1) ambiguously. The LaTeX here is the card's
# small, controlled subset, which the table below translates to sympy text.

_LATEX_FUNCTIONS = {
    # name in LaTeX -> name in the sympy text; "d" + name is its derivative (\sigma'(v))
    "sigma": "sigma", "tanh": "tanh", "log": "log", "exp": "exp", "erf": "erf", "sech": "sech",
    "sign": "sign", "softplus": "softplus", "Phi": "Phi", "varphi": "varphi", "max": "Max", "min": "Min",
}
_LATEX_NAMES = {"alpha": "alpha", "lambda": "lam", "pi": "pi"}  # lambda is a Python keyword
_LATEX_IGNORED = {"bigl", "bigr", "Bigl", "Bigr", "left", "right", ",", ";", ":", "!", "quad", "qquad", " "}
_LATEX_SEPARATOR = re.compile(r",\s*\\q?quad|\\qquad|,\s*\\;|;\s*\\;")
_LATEX_NOTE = re.compile(r"\\text\{([^}(]*)\((.*?)\)\}", re.S)  # "\text{ (summed around its root } z_0\text{)}"
_LATEX_LABEL = re.compile(r"^(?:g|\\sigma|\\tanh|\\mathrm\{\w+\})('?)(?:\(z\)|\s+z)$")  # g(z), \sigma'(z), \tanh z
_LATEX_POINTS = (-3.1, -1.7, -0.9, -0.3, 0.2, 0.6, 1.3, 2.9)  # both sides of every kink and branch


def _sympy_functions() -> dict:
    x = sp.Symbol("x", real=True)
    sigma = 1 / (1 + sp.exp(-x))
    named = {"sigma": sigma, "tanh": sp.tanh(x), "softplus": sp.log(1 + sp.exp(x)),
             "Phi": (1 + sp.erf(x / sp.sqrt(2))) / 2, "varphi": sp.exp(-x ** 2 / 2) / sp.sqrt(2 * sp.pi)}
    table = {name: sp.Lambda(x, form) for name, form in named.items()}
    table.update({"d" + name: sp.Lambda(x, sp.diff(form, x)) for name, form in named.items()})
    table.update({"log": sp.log, "exp": sp.exp, "erf": sp.erf, "sech": sp.sech, "sign": sp.sign,
                  "Max": sp.Max, "Min": sp.Min, "Abs": sp.Abs, "Integral": sp.Integral, "Piecewise": sp.Piecewise,
                  "And": sp.And, "Or": sp.Or, "E": sp.E, "pi": sp.pi, "sqrt": sp.sqrt, "t": sp.Symbol("t", real=True)})
    return table


def _braced(text: str, start: int, open_: str = "{", close: str = "}") -> tuple[str, int]:
    """The text inside the bracket opening at ``start`` and the index after its match."""
    depth = 0
    for index in range(start, len(text)):
        depth += {open_: 1, close: -1}.get(text[index], 0)
        if depth == 0:
            return text[start + 1:index], index + 1
    raise ValueError(f"unbalanced {open_}{close} in {text!r}")


def _command(text: str, start: int) -> tuple[str, int]:
    """The name of the LaTeX command at ``start`` (a backslash) and the index after it."""
    match = re.compile(r"\\([A-Za-z]+|.)").match(text, start)
    return match.group(1), match.end()


def _skip_space(text: str, index: int) -> int:
    while index < len(text) and text[index] == " ":
        index += 1
    return index


def _argument(text: str, index: int) -> tuple[str, int]:
    """One argument of \\sqrt or a function written without parentheses (\\tanh s, \\sqrt 2, \\tanh\\tfrac{v}{2})."""
    index = _skip_space(text, index)
    while text.startswith(("\\bigl", "\\Bigl", "\\left"), index):  # \tanh\bigl(...\bigr)
        index = _skip_space(text, _command(text, index)[1])
    if text[index] == "{":
        inner, end = _braced(text, index)
        return _translate(inner), end
    if text[index] == "(":
        inner, end = _braced(text, index, "(", ")")
        return _translate(inner), end
    if text[index] == "\\":
        name, end = _command(text, index)
        if name in ("frac", "tfrac", "dfrac"):
            numerator, end = _braced(text, _skip_space(text, end))
            denominator, end = _braced(text, _skip_space(text, end))
            return f"(({_translate(numerator)})/({_translate(denominator)}))", end
        return _translate(text[index:end]), end
    match = re.compile(r"\d+(?:\.\d+)?|[A-Za-z](?:_\{?\w\}?)?").match(text, index)
    return _translate(match.group()), match.end()


def _condition(latex: str) -> str:
    """A branch condition (z > 0, z \\le 0, 0 < z < c, ... \\text{ or } ..., \\text{otherwise}) as sympy text."""
    if re.fullmatch(r"\s*\\text\{\s*otherwise\s*\}\s*", latex):
        return "True"
    alternatives = re.split(r"\\text\{\s*or\s*\}", latex)
    if len(alternatives) > 1:
        return "Or(" + ", ".join(_condition(part) for part in alternatives) + ")"
    sides = re.split(r"(\\le|\\ge|<|>|\\leq|\\geq)(?![a-z])", latex)
    operators = {"\\le": "<=", "\\leq": "<=", "\\ge": ">=", "\\geq": ">=", "<": "<", ">": ">"}
    pairs = [f"(({_translate(sides[i])}) {operators[sides[i + 1]]} ({_translate(sides[i + 2])}))"
             for i in range(0, len(sides) - 2, 2)]
    if not pairs:
        raise ValueError(f"cannot read the condition {latex!r}")
    return pairs[0] if len(pairs) == 1 else "And(" + ", ".join(pairs) + ")"


def _translate(latex: str) -> str:
    """The card's LaTeX subset as sympy text (implicit products left for the parser)."""
    out, index = [], 0
    while index < len(latex):
        char = latex[index]
        if char == "\\":
            name, end = _command(latex, index)
            if name in _LATEX_IGNORED:
                out.append(" ")
                index = end
            elif name in ("frac", "tfrac", "dfrac"):
                text, index = _argument(latex, index)
                out.append(text)
            elif name == "sqrt":
                text, index = _argument(latex, end)
                out.append(f"sqrt({text})")
            elif name in ("operatorname", "mathrm"):
                inner, after = _braced(latex, end)
                latex, index = latex[:index] + "\\" + inner + latex[after:], index  # read as a command
            elif name == "begin":
                environment, after = _braced(latex, end)
                stop = latex.index(r"\end{" + environment + "}", after)
                rows = [row.split("&") for row in latex[after:stop].split(r"\\") if row.strip()]
                out.append("Piecewise(" + ", ".join(f"(({_translate(value)}), {_condition(condition)})"
                                                    for value, condition in rows) + ")")
                index = stop + len(r"\end{" + environment + "}")
            elif name == "int":
                match = re.compile(r"\\int_\{(.*?)\}\^\{(.*?)\}(.*?)d([a-z])\b", re.S).match(latex, index)
                low, high, body, variable = match.groups()
                out.append(f"Integral({_translate(body)}, ({variable}, {_translate(low)}, {_translate(high)}))")
                index = match.end()
            elif name in _LATEX_FUNCTIONS:
                function, index = _LATEX_FUNCTIONS[name], end
                if latex.startswith("'", index):
                    function, index = "d" + function, index + 1
                power = re.compile(r"\^(\d|\{\d\})").match(latex, index)
                if power:
                    index = power.end()
                argument, index = _argument(latex, index)
                out.append(f"{function}({argument})" + (f"**{power.group(1).strip('{}')}" if power else ""))
            elif name in _LATEX_NAMES:
                out.append(f" {_LATEX_NAMES[name]} ")
                index = end
            elif name == "cdot":
                out.append("*")
                index = end
            else:
                raise ValueError(f"the LaTeX checker does not know \\{name} (in {latex!r}): add it to "
                                 "actlib.views.card's translation table")
        elif char in "^_":
            if latex[index + 1] == "{":
                inner, index = _braced(latex, index + 1)
            else:
                inner, index = latex[index + 1], index + 2
            out.append(f"**({_translate(inner)})" if char == "^" else inner)  # z_0 -> z0
        elif char == "|":
            stop = latex.index("|", index + 1)
            out.append(f"Abs({_translate(latex[index + 1:stop])})")
            index = stop + 1
        elif char == "e" and re.compile(r"(?<![A-Za-z])e\s*\^").match(latex, index) and not (
                index and latex[index - 1].isalpha()):
            out.append("E")  # e^{...} is the exponential; a lone e is a symbol a clause defines
            index += 1
        elif char == "'":
            out.append("_prime")  # v'(z): the derivative of a defined v, a name of its own
            index += 4 if latex.startswith("'(z)", index) else 1
        elif char in "{}":
            out.append("(" if char == "{" else ")")
            index += 1
        else:
            out.append(char)
            index += 1
    return "".join(out)


def _latex_clauses(latex: str) -> list[str]:
    """The clauses of a formula separated by ",\\;" / "\\quad", notes in parentheses removed."""
    latex = _LATEX_NOTE.sub(lambda match: r"\text{" + match.group(1) + "}", latex)
    latex = re.sub(r"\\text\{\s*\}", " ", latex)
    return [clause.strip() for clause in _LATEX_SEPARATOR.split(latex) if clause.strip()]


def _top_level_split(text: str, separator: str) -> list[str]:
    parts, depth, start = [], 0, 0
    for index, char in enumerate(text):
        depth += {"{": 1, "(": 1, "}": -1, ")": -1}.get(char, 0)
        if char == separator and depth == 0:
            parts.append(text[start:index])
            start = index + 1
    return parts + [text[start:]]


def latex_forms(latex: str, kind: str | None, names: dict) -> list[tuple[str, sp.Basic, list]]:
    """Read ``latex`` into its equations, each as (kind, condition, [sympy form of each side]).

    kind is ``kind`` ("value" or "derivative"), or in a docstring the label's (g(z) = ..., g'(z) = ...;
    the label itself is not evaluated), or "identity" for an equation between the table's functions
    (\\varphi(z) = ...), whose sides must agree with each other. A branch's condition comes from
    "\\text{ for } z > 0" or "\\text{ otherwise}". ``names`` maps symbols to values and receives the
    clauses' definitions (w = e^{z}), which later facts of the same row reuse."""
    from sympy.parsing.sympy_parser import implicit_multiplication, parse_expr, standard_transformations

    transformations = standard_transformations + (implicit_multiplication,)
    equations, definitions = [], {}
    for clause in _latex_clauses(latex):
        match = re.fullmatch(r"(.*?)\\text\{\s*(for|otherwise)\s*\}(.*)", clause, re.S)
        body, condition = (clause, None) if not match else (
            match.group(1), "True" if match.group(2) == "otherwise" else _condition(match.group(3)))
        sides = [side.strip() for side in _top_level_split(body, "=")]
        if len(sides) == 2 and re.fullmatch(r"[A-Za-z]", sides[0]) and sides[0] not in "gz":
            definitions[sides[0]] = sides[1]
        else:
            equations.append((sides, condition))

    def parse(text, from_latex=True):
        if from_latex:
            for name in definitions:  # M(z) for a defined M is M itself, not a product
                text = re.sub(rf"(?<![A-Za-z\\]){name}\(z\)", name, text)
        try:
            return parse_expr(_translate(text) if from_latex else text, local_dict=dict(names),
                              transformations=transformations)
        except (SyntaxError, TypeError, ValueError, IndexError, AttributeError) as error:
            raise ValueError(f"cannot read the LaTeX {text!r}: {error}") from None

    pending = dict(definitions)
    while pending:  # a definition may use another (u = z v'(z) uses v)
        for name, text in list(pending.items()):
            try:
                value = parse(text)
            except ValueError:
                continue
            if value.free_symbols - {names["z"]}:
                continue
            names[name], names[name + "_prime"] = value, sp.diff(value, names["z"])
            del pending[name]
            break
        else:
            raise ValueError(f"cannot resolve the definition(s) {', '.join(pending)} in {latex!r}")
    forms, earlier = [], []
    for sides, condition in equations:
        label = _LATEX_LABEL.match(sides[0]) if len(sides) > 1 else None
        side_kind = kind
        if re.fullmatch(r"\\(varphi|Phi)\(\w\)", sides[0]):
            side_kind = "identity"
        elif label:
            side_kind = "derivative" if label.group(1) else "value"
            if kind not in (None, side_kind):
                raise ValueError(f"{latex!r} is labelled as the {side_kind}, declared as the {kind}")
            sides = sides[1:]
        elif kind is None:
            raise ValueError(f"{sides[0]!r} is not a label the checker reads (g(z), g'(z), \\sigma(z), ...)")
        if condition is None:
            branch = sp.true
        elif condition == "True":
            branch = sp.Not(sp.Or(*earlier)) if earlier else sp.true
        else:
            branch = parse(condition, from_latex=False)
            earlier.append(branch)
        forms.append((side_kind, branch, [parse(side) for side in sides]))
    return forms


def _latex_names(act: Activation) -> dict:
    names_ = {"z": z, **_sympy_functions(), "g": sp.Lambda(z, act.expr)}
    constants = {**act.constants, **act.numeric_params}
    names_.update({("lam" if key == "lambda" else key): sp.Rational(repr(value)) for key, value in constants.items()})
    if act.derivative_roots:
        names_["z0"] = sp.Float(repr(act.derivative_roots[0]), 30)
    return names_


def _math_block(docstring: str | None) -> str | None:
    """The ``.. math::`` block of a docstring, its lines joined."""
    match = re.search(r"\.\. math::\n((?:[ \t]+\S.*\n?)+)", docstring or "")
    return " ".join(line.strip() for line in match.group(1).splitlines()) if match else None


def _disagreements(act: Activation, facts: list[tuple[str, str | None, str]]) -> list[str]:
    names_ = _latex_names(act)
    targets = {"value": act.expr, "derivative": act.derivative_expr}
    found = []
    for where, kind, latex in facts:
        try:
            equations = latex_forms(latex, kind, names_)
        except ValueError as error:
            found.append(f"{act!r} {where}: {error}")
            continue
        for point in _LATEX_POINTS:
            at = {z: sp.Float(point, 30)}
            branches = [(form_kind, sides) for form_kind, condition, sides in equations
                        if condition.subs(at) is sp.true]
            if not branches:
                found.append(f"{act!r} {where}: no branch covers z = {point}: {latex!r}")
                break
            wrong = []
            for form_kind, sides in branches:
                values = [complex(side.subs(at).evalf(30)) for side in sides]
                expected = values[0] if form_kind == "identity" else complex(targets[form_kind].subs(at).evalf(30))
                wrong += [(form_kind, value, expected) for value in values
                          if not abs(value - expected) <= 1e-9 * max(1.0, abs(expected))]
            if wrong:
                form_kind, value, expected = wrong[0]
                found.append(f"{act!r} {where} reads {value.real:.12g} at z = {point} where its {form_kind} is "
                             f"{expected.real:.12g}: {latex!r}")
                break
    return found


def latex_disagreements(activation) -> list[str]:
    """Each hand-written LaTeX of ``activation`` that disagrees with its sympy expression, as a message.

    Checked at points on both sides of 0: ``formula_latex`` against ``expr``, ``derivative_latex``
    and ``computed_latex`` against ``derivative_expr`` (when hand-written: sympy's own are not
    checked against themselves), and the class docstring's ``.. math::`` block (g(z) = ... against
    ``expr``, g'(z) = ... against ``derivative_expr``). Definitions (w = e^{z}) carry from one fact
    to the next, as the card's row reads them."""
    act = get(activation)
    facts = []
    for attribute, kind in (("formula_latex", "value"), ("derivative_latex", "derivative"),
                            ("computed_latex", "derivative")):
        latex = getattr(act, attribute)
        default = getattr(Activation, attribute)
        if latex and latex != (default.fget(act) if isinstance(default, property) else default):
            facts.append((attribute, kind, latex))
    block = _math_block(type(act).__doc__)
    if block and all(act.params[key] == act.defaults[key] for key in act.choices):  # it describes the default form
        facts.append(("docstring's math", None, block))
    return _disagreements(act, facts)
