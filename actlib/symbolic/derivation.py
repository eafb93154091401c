r"""Derivations that read like maths: each step is named, checked by sympy and shown as an equation.

A derivation cell states the algebra, not the plumbing::

    from actlib.symbolic.derivation import Derivation
    d = Derivation(r"\sigma'(z)", "Derivative(1/(1 + exp(-z)), z)", names={"sigma": sigmoid.expr})
    d.step("chain rule", "-(1 + exp(-z))**-2 * Derivative(1 + exp(-z), z)")
    d.step("differentiate the inside", "exp(-z)/(1 + exp(-z))**2")
    d.step("recognise σ and 1 − σ", "sigma(z) * (1 - sigma(z))")

Forms are written as strings and kept exactly as written (sympy's ``evaluate=False``), so the shown
equation is the step the author meant, not sympy's rearrangement of it; sympy expressions are accepted
too. Each step is checked against the form before it: ``simplify(previous - new) == 0`` (after
``doit()`` and after replacing each name in ``names`` by its definition). A step that is wrong, which
numbers at a few points show, stops the cell with :class:`StepError` naming the step and the point
where the two forms differ. A step sympy cannot prove within the time limit but whose forms agree to
25 digits at every test point is accepted and marked "checked at N points" in the display, so a
reader can tell a proof from a numerical check.

:func:`check_step` states one equality on its own (a side calculation inside a longer argument).
"""
from __future__ import annotations

import ast

import sympy as sp
from sympy.printing.latex import LatexPrinter

from actlib.activations import z_symbol
from actlib.symbolic.formula import (ALIASES, CONSTANTS, DERIVATION_FUNCTIONS, FUNCTIONS, TEXTBOOK_FUNCTIONS, FormulaTooLarge,
                      check_numbers, check_size, run_with_time_limit)

SIMPLIFY_SECONDS = 20.0
"""How long sympy may try to prove one step before the numerical check decides."""

_TEST_VALUES = ("7/10", "-13/10", "21/10", "-1/3", "5/2", "-3")


class StepError(AssertionError):
    """A derivation step whose new form is not equal to the previous one."""


def _parsed(form, names: dict, where: str, symbols=None):
    """form (a string or sympy object) as a sympy expression kept as written."""
    if isinstance(form, str):
        try:
            check_size(form)  # the formula reader's limits: Python's parser fails on deep nesting without a message
            written = _Written(names, symbols or {}).visit(ast.parse(form.strip(), mode="eval").body)
            check_numbers(written)  # before _meaning evaluates it: 2**10**10 would be computed exactly
            return written
        except (StepError, FormulaTooLarge) as error:
            raise StepError(f"{where}: {error}") from None
        except Exception as error:  # SyntaxError (unbalanced brackets), TypeError from sympy, ...
            raise StepError(f"{where}: cannot read {form!r} as a formula ({type(error).__name__}: {error}); "
                            "check its brackets and operators.") from None
    try:
        return sp.sympify(form)
    except (sp.SympifyError, TypeError) as error:
        raise StepError(f"{where}: expected a formula (a string or a sympy expression), got {form!r}.") from error


class _Written(ast.NodeVisitor):
    """A Python-syntax formula as an unevaluated sympy tree with the author's grouping.

    sympy's own ``parse_expr(..., evaluate=False)`` flattens ``a/b * (c/d)`` into one product, which
    the printer shows as one fraction; here each written quotient stays one fraction, kept apart
    from its neighbours in a product.
    """

    def __init__(self, names, symbols):
        self.names, self.symbols = names, symbols

    def generic_visit(self, node):
        raise StepError(f"{type(node).__name__} is not part of a formula (use numbers, z, + − * / **, and functions).")

    def visit_Constant(self, node):
        if isinstance(node.value, bool) or not isinstance(node.value, (int, float)):
            raise StepError(f"{node.value!r} is not a number.")
        return sp.Integer(node.value) if isinstance(node.value, int) else sp.Rational(str(node.value))

    def visit_Name(self, node):
        if node.id in self.symbols:  # first, so that symbols=[Symbol("z", positive=True)] can restrict z to one branch
            return self.symbols[node.id]
        if node.id == "z":
            return z_symbol
        if node.id in _CONSTANTS:
            return _CONSTANTS[node.id]
        return sp.Symbol(node.id, real=True)

    def visit_UnaryOp(self, node):
        operand = self.visit(node.operand)
        if isinstance(node.op, ast.USub):
            return -operand if operand.is_Number else sp.Mul(sp.Integer(-1), operand, evaluate=False)
        if isinstance(node.op, ast.UAdd):
            return operand
        return self.generic_visit(node)

    def visit_BinOp(self, node):
        left, right = self.visit(node.left), self.visit(node.right)
        keep = lambda x: sp.UnevaluatedExpr(x) if _is_fraction(x) else x  # noqa: E731
        if isinstance(node.op, ast.Add):
            return sp.Add(*_terms(left), right, evaluate=False)
        if isinstance(node.op, ast.Sub):
            negated = sp.Mul(sp.Integer(-1), sp.UnevaluatedExpr(right) if right.is_Number else right, evaluate=False)
            return sp.Add(*_terms(left), negated, evaluate=False)
        if _is_negation(left) and isinstance(node.op, (ast.Mult, ast.Div)):   # −a·b is −(a·b), −a/b is −(a/b)
            rest = ast.BinOp(left=_Given(left.args[1]), op=node.op, right=_Given(right))
            return sp.Mul(sp.Integer(-1), self.visit(rest), evaluate=False)
        if isinstance(node.op, ast.Mult):
            return sp.Mul(*_factors(keep(left)), keep(right), evaluate=False)
        if isinstance(node.op, ast.Div):
            if left == 1:
                return sp.Pow(right, -1, evaluate=False)
            return sp.Mul(*_factors(left), sp.Pow(right, -1, evaluate=False), evaluate=False)
        if isinstance(node.op, ast.Pow):
            return sp.Pow(keep(left), right, evaluate=False)
        return self.generic_visit(node)

    def visit__Given(self, node):
        return node.value

    def visit_Call(self, node):
        if not isinstance(node.func, ast.Name) or node.keywords:
            return self.generic_visit(node)
        name = node.func.id
        if name not in self.names and name not in _FUNCTIONS:
            raise StepError(f"unknown function {name}(); known: {', '.join(sorted({*_FUNCTIONS, *self.names}))}.")
        arguments = [self.visit(argument) for argument in node.args]
        if name in self.names:
            return sp.Function(name)(*arguments)
        return _FUNCTIONS[name](*arguments, evaluate=False)


# The formula reader's names: every function a formula or an exercise answer may use, and the derivation's own.
_FUNCTIONS = {**FUNCTIONS, **ALIASES, **TEXTBOOK_FUNCTIONS, **DERIVATION_FUNCTIONS}
_CONSTANTS = {**CONSTANTS, "I": sp.I}  # I: the imaginary unit (complex-step derivations)


class _Given(ast.expr):
    """An operand already read (a sympy expression), for regrouping −a·b as −(a·b)."""
    _fields = ("value",)


def _is_negation(expression) -> bool:
    return isinstance(expression, sp.Mul) and len(expression.args) == 2 and expression.args[0] == -1


def _terms(expression) -> tuple:
    """The terms of a left operand a + b (or a − b) to be extended, so a + b + c is one sum, not (a + b) + c."""
    return expression.args if isinstance(expression, sp.Add) else (expression,)


def _factors(expression) -> tuple:
    """The factors of a left operand a·b to be extended, so a·b·c is one product, not (a·b)·c.

    A written quotient arrives wrapped (UnevaluatedExpr), so it stays one fraction."""
    return expression.args if isinstance(expression, sp.Mul) and not _is_fraction(expression) else (expression,)


def _is_fraction(expression) -> bool:
    if isinstance(expression, sp.Pow):
        return bool(expression.exp.is_negative)
    return isinstance(expression, sp.Mul) and any(isinstance(a, sp.Pow) and a.exp.is_negative for a in expression.args)


class _LatexPrinter(LatexPrinter):
    """sympy's LaTeX printer, but a derivative in z alone is d/dz even when the expression has other
    symbols (parameters such as α, λ), as a reader writes g′(z); a derivative in a parameter stays
    ∂/∂α (z is still there, held fixed)."""

    def _print_Derivative(self, expr):
        text = super()._print_Derivative(expr)
        if len(expr.variables) == 1 and expr.variables[0].name == "z" and text.startswith(r"\frac{\partial}"):
            variable = self._print(expr.variables[0])
            head = rf"\frac{{\partial}}{{\partial {variable}}}"
            if text.startswith(head):
                text = rf"\frac{{d}}{{d {variable}}}" + text[len(head):]
        return text


def _latex(form) -> str:
    """LaTeX of a form as written (factors in the written order)."""
    return _LatexPrinter({"order": "none"}).doprint(form)


def _meaning(expression, names: dict):
    """expression with every name replaced by its definition and every Derivative done."""
    for name, definition in names.items():
        function = sp.Function(name)
        expression = expression.replace(function, sp.Lambda(z_symbol, sp.sympify(definition)))
    return expression.doit()


def _test_points(expressions) -> list[dict]:
    """Substitutions for every free symbol, a few rational points that respect positive=True and negative=True."""
    symbols = sorted(set().union(*(e.free_symbols for e in expressions)), key=str)
    points = []
    for offset in range(len(_TEST_VALUES)):
        point = {}
        for index, symbol in enumerate(symbols):
            value = sp.Rational(_TEST_VALUES[(offset + 2 * index) % len(_TEST_VALUES)])
            if symbol.is_positive or symbol.is_nonnegative:
                value = abs(value)
            elif symbol.is_negative or symbol.is_nonpositive:
                value = -abs(value)
            point[symbol] = value
        points.append(point)
    return points


def _show_point(point: dict) -> str:
    return ", ".join(f"{symbol} = {value}" for symbol, value in point.items()) or "any point"


def _compare(previous, new, where: str) -> bool:
    """True when proved equal, False when only checked numerically; StepError when they differ."""
    difference = previous - new
    for point in _test_points([previous, new]):
        left, right = sp.N(previous.subs(point), 30), sp.N(new.subs(point), 30)
        if not (left.is_number and right.is_number):
            continue
        if left.is_finite and right.is_finite and abs(left - right) > 1e-20 * max(1, abs(left)):
            raise StepError(f"{where} does not follow: at {_show_point(point)} the previous form gives "
                            f"{float(sp.re(left)):.6g} and the new one {float(sp.re(right)):.6g}.")
    try:
        proved = run_with_time_limit(SIMPLIFY_SECONDS, "simplifying",
                                     lambda: sp.simplify(difference) == 0 or sp.simplify(difference.rewrite(sp.exp)) == 0)
    except FormulaTooLarge:
        proved = False
    return bool(proved)


class Derivation:
    r"""A chain ``lhs = form₀ = form₁ = …``, each step named and checked against the one before.

    ``lhs`` is LaTeX (``r"\sigma'(z)"``) or a sympy expression; ``start`` the first form. ``names``
    maps function names a form may use, such as ``sigma`` in ``"sigma(z)*(1 - sigma(z))"``, to their
    definition in ``actlib.z``; they are shown as written (σ(z)) and replaced by the definition for the
    check. ``symbols`` lists sympy symbols a form may use, with their assumptions
    (``sp.Symbol("h", positive=True)``); any other name is a real symbol. A symbol named z here
    replaces ``actlib.z``, so ``symbols=[sp.Symbol("z", negative=True)]`` derives one branch of a
    piecewise function. In a notebook the derivation displays itself as an aligned equation, each step's name beside it.
    """

    def __init__(self, lhs, start, names=None, symbols=None):
        self.names = dict(names or {})
        self.symbols = {str(symbol): symbol for symbol in (symbols or ())}
        self.lhs = lhs if isinstance(lhs, str) else sp.latex(sp.sympify(lhs))
        first = _parsed(start, self.names, "the starting form", self.symbols)
        self.steps = [("", first, _meaning(first, self.names), True)]

    @property
    def result(self):
        """The last form, evaluated (names replaced by their definitions)."""
        return self.steps[-1][2]

    @property
    def shown(self):
        """The last form as written."""
        return self.steps[-1][1]

    def step(self, name: str, new, previous=None):
        """Check that ``new`` equals the last form (or ``previous``, if given) and add it; returns self."""
        where = f"step {len(self.steps)} ({name!r})"
        new_form = _parsed(new, self.names, where, self.symbols)
        if previous is None:
            previous_value = self.result
        else:
            previous_value = _meaning(_parsed(previous, self.names, where, self.symbols), self.names)
        new_value = _meaning(new_form, self.names)
        proved = _compare(previous_value, new_value, where)
        self.steps.append((name, new_form, new_value, proved))
        return self

    def _latex_lines(self) -> list[str]:
        lines = []
        for index, (name, form, _, proved) in enumerate(self.steps):
            left = self.lhs if index == 0 else ""
            note = ""
            if name:
                note = rf"&& \text{{{_escape(name)}}}" + ("" if proved else r"\ \text{(checked at points)}")
            lines.append(rf"{left} &= {_latex(form)} {note}")
        return lines

    def _repr_latex_(self) -> str:
        return "$\\displaystyle \\begin{aligned}" + r" \\ ".join(self._latex_lines()) + r"\end{aligned}$"

    def __repr__(self) -> str:
        width = max(len(sp.sstr(form, order="none")) for _, form, _, _ in self.steps)
        lines = []
        for index, (name, form, _, proved) in enumerate(self.steps):
            text = sp.sstr(form, order="none")
            tag = f"   [{name}{'' if proved else ', checked at points'}]" if name else ""
            lines.append(f"{self.lhs if index == 0 else ' ' * len(self.lhs)} = {text:{width}}{tag}".rstrip())
        return "\n".join(lines)


def check_step(name: str, previous, new, names=None, symbols=None) -> Derivation:
    """One stated equality ``previous = new``, checked like a derivation step and displayed as one."""
    names = dict(names or {})
    known = {str(symbol): symbol for symbol in (symbols or ())}
    derivation = Derivation(_latex(_parsed(previous, names, f"{name!r}", known)), new, names=names, symbols=symbols)
    previous_value = _meaning(_parsed(previous, names, f"{name!r}", known), names)
    proved = _compare(previous_value, derivation.result, f"{name!r}")
    derivation.steps[0] = (name, derivation.steps[0][1], derivation.steps[0][2], proved)
    return derivation


def _escape(text: str) -> str:
    for character, replacement in (("\\", r"\backslash "), ("{", r"\{"), ("}", r"\}"), ("_", r"\_"),
                                   ("&", r"\&"), ("%", r"\%"), ("#", r"\#"), ("$", r"\$")):
        text = text.replace(character, replacement)
    return text
