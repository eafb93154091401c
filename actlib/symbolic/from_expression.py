"""Bring your own activation: build one from a formula, with its derivative worked out by sympy.

>>> import actlib
>>> mish = actlib.from_expression("textbook_mish", "z*tanh(log(1 + exp(z)))")
>>> round(float(mish.derivative(1.0)), 6)
1.049036

The numbers come from ``sympy.lambdify``: the formula exactly as written, evaluated in floating
point. That is only as accurate as the formula's floating-point form: ``log(1 + exp(z))`` overflows
for z > 709.8 and rounds to 0 for z < -36.7, where actlib's own softplus does neither. Check any
activation against its exact value with ``actlib.accuracy_report(activation)``.

At a kink the derivative is whatever sympy's derivative says: ``Max(z, 0)`` differentiates to
``Heaviside(z)``, which is 1/2 at 0, and ``Abs(z)`` to ``sign(z)``, 0 at 0; the DiracDelta that sign
and Heaviside differentiate into is taken as 0, as autograd frameworks do. Write the branches as a
``Piecewise`` to pin another convention: ``Piecewise((z, z > 0), (0, True))`` has slope 0 at 0, as
actlib's ReLU.
"""
from __future__ import annotations

import re

import numpy as np
import sympy as sp
from sympy.core.function import AppliedUndef

from actlib.arguments import is_real_number
from actlib.activations import Activation, differentiate, register, registered, z_symbol
from actlib.symbolic.formula import FUNCTIONS, FormulaError, parse_formula

_PROBE = np.linspace(-10.0, 10.0, 41)
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


class ExpressionActivation(Activation):
    """An activation defined by a sympy expression; numbers by lambdify. Made by :func:`from_expression`."""

    expr_with_parameters: sp.Expr = sp.Integer(0)  # set per class by from_expression
    _functions = None

    def _expr(self, z, **params):
        return self.expr_with_parameters.subs({sp.Symbol(key, real=True): value for key, value in params.items()})

    def _compiled(self):
        cls = type(self)
        if cls._functions is None:
            arguments = [z_symbol, *(sp.Symbol(key, real=True) for key in self.defaults)]
            derivative = differentiate(self.expr_with_parameters)
            cls._functions = (sp.lambdify(arguments, self.expr_with_parameters, modules=["scipy", "numpy"]),
                              sp.lambdify(arguments, derivative, modules=["scipy", "numpy"]))
        return cls._functions

    def _call(self, function, z):
        # A textbook formula may overflow or divide inf by inf in its tails; that shows up as inf
        # or nan in the result (and in accuracy_report), not as a warning from deep inside lambdify.
        with np.errstate(all="ignore"):
            result = np.broadcast_to(np.asarray(function(z, *self.params.values())), np.shape(z))
        # Comparisons send nan down a branch (Heaviside(nan) = 1, a Piecewise picks its last piece).
        return np.where(np.isnan(z), np.nan, result)

    def _value_and_derivative(self, z):
        value, derivative = self._compiled()
        return self._call(value, z), self._call(derivative, z)

    def _complex_value(self, z):
        try:
            return self._call(self._compiled()[0], z)
        except TypeError:  # e.g. a Piecewise compares complex numbers
            raise TypeError(f"{self.name} cannot be evaluated at complex z (its formula compares values).") from None


def _parse(expression, params, name) -> sp.Expr:
    symbols = {key: sp.Symbol(key, real=True) for key in params}
    if isinstance(expression, sp.Basic):
        real = {symbol: {"z": z_symbol, **symbols}[symbol.name] for symbol in expression.free_symbols
                if symbol.name in ("z", *symbols)}
        return sp.sympify(expression).subs(real)
    if not isinstance(expression, str):
        raise TypeError(f"from_expression() takes a sympy expression or a string such as "
                        f"'z*tanh(log(1 + exp(z)))'; got {type(expression).__name__} {expression!r}.")
    try:
        return parse_formula(expression, symbols)
    except FormulaError as error:
        if error.functions or error.unknown:
            raise _unknown_names(expression, name, error.functions, error.unknown) from None
        raise error from None  # a ValueError; FormulaTooLarge for a formula refused as too large


def _unknown_names(expression, name, functions, symbols) -> ValueError:
    """The error for a formula naming functions or symbols that are neither known nor parameters."""
    if functions:
        return ValueError(f"{expression!r} uses unknown function(s) {', '.join(functions)}. "
                          f"A formula may use {', '.join(FUNCTIONS)} (and abs, max, min).")
    hint = ", ".join(f"{s}=1.0" for s in symbols)
    return ValueError(f"{expression!r} uses {', '.join(symbols)}, which is neither z nor a parameter. "
                      f"An activation is a function of z alone; give parameters a default value, "
                      f"e.g. from_expression({name!r}, {str(expression)!r}, {hint}).")


def from_expression(name: str, expression, *, symbol: str | None = None,
                    parameter_ranges: dict | None = None, **params) -> Activation:
    """Build an activation from a formula in ``z``, register it under ``name`` and return it.

    ``expression`` is a sympy expression in ``actlib.z`` or a string such as
    ``"z*tanh(log(1 + exp(z)))"`` (``z^2`` and ``2z`` are read as z**2 and 2*z). Other symbols are
    parameters and need a default value as a keyword argument:
    ``from_expression("swish", "z/(1 + exp(-beta*z))", beta=1.0)``. A string may use the functions in
    ``actlib.symbolic.formula.FUNCTIONS`` and no other Python. The derivative is sympy's (at a kink, see the
    module docstring); values and derivatives are computed by ``sympy.lambdify`` with numpy and
    scipy.special, as written. nan gives nan.

    Raises ValueError for a formula that cannot be parsed, uses unknown symbols or functions,
    does not depend on z, or is not real and finite at z = -10, -9.5, ..., 10; TypeError for a
    name that is not an identifier. Re-running with the same name replaces the earlier definition
    (not a built-in one).
    """
    if not isinstance(name, str) or not _NAME.match(name):
        raise TypeError(f"An activation name is an identifier such as 'my_swish'; got {name!r}.")
    existing = registered().get(name)
    if existing is not None and not issubclass(existing, ExpressionActivation):
        raise ValueError(f"{name!r} is a built-in activation; choose another name for yours.")
    for key, value in params.items():
        if key == "z" or not _NAME.match(key):
            raise ValueError(f"{key!r} cannot be a parameter name.")
        if not is_real_number(value):
            raise TypeError(f"Parameter {key} needs a real number as its default; got {value!r}.")
    expr = _parse(expression, params, name)
    # a sympy expression may bring its own symbols and undefined functions
    allowed = {z_symbol, *(sp.Symbol(key, real=True) for key in params)}
    functions = sorted({str(f.func) for f in expr.atoms(AppliedUndef)})
    unknown = sorted(str(s) for s in expr.free_symbols - allowed)
    if functions or unknown:
        raise _unknown_names(expression, name, functions, unknown)
    if z_symbol not in expr.free_symbols:
        raise ValueError(f"{expression!r} does not depend on z; an activation is a function of z.")

    cls = type(f"Expression_{name}", (ExpressionActivation,), {
        "__doc__": f"{name}(z) = {sp.sstr(expr)}, derivative by sympy (from_expression).",
        "name": name,
        "glyph": symbol or name,
        "defaults": {key: float(value) for key, value in params.items()},
        "parameter_ranges": dict(parameter_ranges or {}),
        "expr_with_parameters": expr,
    })
    activation = cls()  # also checks the parameter values
    value, slope = activation.value_and_derivative(_PROBE)
    for label, numbers in (("value", value), ("derivative", slope)):
        bad = ~np.isfinite(numbers)
        if np.any(bad):
            raise ValueError(f"{expression!r} has no finite real {label} at z = {_PROBE[bad][0]:g}; "
                             "an activation must be defined for every real z.")
    register(cls)
    return activation
