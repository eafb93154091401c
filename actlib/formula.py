"""Reading a formula typed as text, for exercise answers and for ``actlib.from_expression``.

One parser for both, so that whatever an exercise accepts (``z^2``, ``2z``, ``abs(z)``) also builds
an activation. sympy's ``parse_expr`` evaluates the text with Python's ``eval``, so every name in it
is checked against a list first and Python's builtins are withheld: a formula can only name z, its
parameters and the functions below, never ``__import__`` or ``open``.
"""
from __future__ import annotations

import keyword
import re

import sympy as sp
from sympy.parsing.sympy_parser import convert_xor, implicit_multiplication, parse_expr, standard_transformations

from .activations import z as z_symbol

FUNCTIONS = {name: getattr(sp, name) for name in (
    "exp", "log", "sqrt", "sin", "cos", "tan", "sinh", "cosh", "tanh", "atan", "asinh", "erf", "erfc",
    "Abs", "sign", "Max", "Min", "Piecewise",
)}
"""The functions a formula may use (with ``abs``, ``max`` and ``min`` as Python spells them)."""
_CONSTANTS = {"E": sp.E, "e": sp.E, "pi": sp.pi, "True": sp.true, "False": sp.false}
_ALIASES = {"abs": sp.Abs, "max": sp.Max, "min": sp.Min}
_PARSER_NAMES = {name: getattr(sp, name) for name in ("Integer", "Float", "Rational", "Symbol", "Function")}
_TRANSFORMATIONS = standard_transformations + (implicit_multiplication, convert_xor)
_NAME = re.compile(r"[^\W\d]\w*")
# What a formula copied from a notebook's prose may contain: the minus sign U+2212, and · or × for products.
_TYPOGRAPHY = str.maketrans({"\u2212": "-", "\u00b7": "*", "\u00d7": "*"})


class FormulaError(ValueError):
    """A text that is not a formula; the message says why. ``unknown`` lists names it could not place."""

    def __init__(self, message: str, unknown: tuple = (), functions: tuple = ()):
        super().__init__(message)
        self.unknown = unknown  # unknown names used as values (perhaps parameters without a default)
        self.functions = functions  # unknown names used as functions, like foo(z)


def describe_error(error: BaseException) -> str:
    """An exception as a short phrase: its type and message."""
    text = str(error)
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def parse_formula(text: str, names: dict | None = None) -> sp.Expr:
    """The sympy expression that ``text`` writes, in ``actlib.z`` and the symbols in ``names``.

    Raises :class:`FormulaError` for an unknown name, unmatched brackets, text sympy cannot read,
    or text that is not an expression (an equation, a tuple).
    """
    if not text.strip():
        raise FormulaError("the formula is empty; write one in z, e.g. 'z*tanh(z)'.")
    text = text.translate(_TYPOGRAPHY)
    local = {"z": z_symbol, **_CONSTANTS, **_ALIASES, **FUNCTIONS, **(names or {})}
    words = set(_NAME.findall(text))
    used = words - set(local)
    python = sorted(name for name in used if keyword.iskeyword(name))
    if python:
        advice = {"if": "write branches as Piecewise((z, z > 0), (0.1*z, True))",
                  "lambda": "write only the formula, e.g. 'z*tanh(z)', not 'lambda z: ...'"}
        tip = next((advice[word] for word in ("if", "lambda") if word in python), "write a formula in z")
        raise FormulaError(f"{text!r} is Python code ({', '.join(python)}), not a formula: {tip}.")
    if used:
        functions = tuple(sorted(name for name in used if re.search(rf"\b{re.escape(name)}\s*\(", text)))
        unknown = tuple(sorted(used - set(functions)))
        raise FormulaError(f"{text!r} uses {', '.join(sorted(used))}, which is not z, a parameter or "
                           f"a known function ({', '.join(FUNCTIONS)}).", unknown, functions)
    functions_alone = sorted(name for name in words - used if isinstance(local[name], (type, sp.Lambda))
                             and re.search(rf"\b{re.escape(name)}\b(?!\s*\()", text))
    if functions_alone:
        name = functions_alone[0]
        raise FormulaError(f"{name} is a function: write {name}(z) (or {name} of whatever it applies to), "
                           f"not {name} alone.")
    if text.count("(") != text.count(")"):
        raise FormulaError(f"the brackets in {text!r} do not match: {text.count('(')} '(' but {text.count(')')} ')'.")
    try:
        expression = parse_expr(text, local_dict=local, global_dict={"__builtins__": {}, **_PARSER_NAMES},
                                transformations=_TRANSFORMATIONS)
    except Exception as error:  # parse_expr raises many kinds (SyntaxError, TypeError, TokenError, ...)
        raise FormulaError(f"sympy could not read {text!r} ({describe_error(error)}).") from None
    if not isinstance(expression, sp.Expr):
        raise FormulaError(f"{text!r} is not an expression in z (it reads as {expression!r}).")
    return expression
