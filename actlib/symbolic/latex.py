r"""Hand-written LaTeX checked against the sympy expressions it restates.

A class may override the LaTeX sympy prints (``formula_latex``, ``derivative_latex``) where a form teaches
better (σ(z)(1 − σ(z))), and writes ``computed_latex`` and its docstring's ``.. math::`` block by hand.
:func:`latex_disagreements` evaluates each against ``expr`` / ``derivative_expr`` at points on both sides
of 0, so none can drift from the code; the derivative card (:mod:`actlib.views.card`) shows them.

>>> from actlib.symbolic.latex import latex_disagreements
>>> latex_disagreements("sigmoid")
[]

The LaTeX here is the card's small, controlled subset, which the table below translates to sympy text.
"""
# Not sympy's parse_latex(backend="lark") (sympy 1.14; antlr is not installed): even after pre-substitutions
# (\operatorname, \tfrac, \sqrt 2, \pi, one-letter stand-ins for \sigma, \Phi, \varphi, ...) it read only 39 of
# the classes' 81 equation sides; the rest were ambiguous (\alpha(e^{z}-1): a product or a call?), unreadable
# (\tanh^2 z, cases) or misread (erf\frac{z}{\sqrt 2} as a product), at ~5x the time of this whole check.
from __future__ import annotations

import re

import sympy as sp

from actlib.activations import Activation, get, z_symbol

_FUNCTIONS = {
    # name in LaTeX -> name in the sympy text; "d" + name is its derivative (\sigma'(v))
    "sigma": "sigma", "tanh": "tanh", "log": "log", "exp": "exp", "erf": "erf", "sech": "sech",
    "sign": "sign", "softplus": "softplus", "Phi": "Phi", "varphi": "varphi", "max": "Max", "min": "Min",
}
_NAMES = {"alpha": "alpha", "lambda": "lam", "pi": "pi"}  # lambda is a Python keyword
_IGNORED = {"bigl", "bigr", "Bigl", "Bigr", "left", "right", ",", ";", ":", "!", "quad", "qquad", " "}
_SEPARATOR = re.compile(r",\s*\\q?quad|\\qquad|,\s*\\;|;\s*\\;")
_NOTE = re.compile(r"\\text\{([^}(]*)\((.*?)\)\}", re.S)  # "\text{ (summed around its root } z_0\text{)}"
_LABEL = re.compile(r"^(?:g|\\sigma|\\tanh|\\mathrm\{\w+\})('?)(?:\(z\)|\s+z)$")  # g(z), \sigma'(z), \tanh z
_POINTS = (-3.1, -1.7, -0.9, -0.3, 0.2, 0.6, 1.3, 2.9)  # both sides of every kink and branch


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
            if name in _IGNORED:
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
            elif name in _FUNCTIONS:
                function, index = _FUNCTIONS[name], end
                if latex.startswith("'", index):
                    function, index = "d" + function, index + 1
                power = re.compile(r"\^(\d|\{\d\})").match(latex, index)
                if power:
                    index = power.end()
                argument, index = _argument(latex, index)
                out.append(f"{function}({argument})" + (f"**{power.group(1).strip('{}')}" if power else ""))
            elif name in _NAMES:
                out.append(f" {_NAMES[name]} ")
                index = end
            elif name == "cdot":
                out.append("*")
                index = end
            else:
                raise ValueError(f"the LaTeX checker does not know \\{name} (in {latex!r}): add it to "
                                 "the translation table of actlib.symbolic.latex")
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
    latex = _NOTE.sub(lambda match: r"\text{" + match.group(1) + "}", latex)
    latex = re.sub(r"\\text\{\s*\}", " ", latex)
    return [clause.strip() for clause in _SEPARATOR.split(latex) if clause.strip()]


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
        label = _LABEL.match(sides[0]) if len(sides) > 1 else None
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
    names_ = {"z": z_symbol, **_sympy_functions(), "g": sp.Lambda(z_symbol, act.expr)}
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
        for point in _POINTS:
            at = {z_symbol: sp.Float(point, 30)}
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
