"""Reading a learner's answer: a number or a formula in z, as typed (or given as a Python value).

The exercise checkers (actlib_course.checks) and the graded form checks (actlib.graded) read answers
the same way, with these functions; what an answer is compared with is the checkers' business.
"""
from __future__ import annotations

import decimal
import math
import re

import numpy as np
import sympy as sp

from actlib.activations import z_symbol
from actlib.symbolic.formula import (FUNCTIONS, TEXTBOOK_FUNCTIONS, FormulaError, FormulaTooLarge, describe_error,
                                     parse_formula, run_with_time_limit)

CHECK_SECONDS = 1.0
"""How long evaluating one answer at the test points, or simplifying it, may take (see formula.run_with_time_limit)."""


def unknown_names_message(unknown, names=()) -> str:
    """Which names the checker does not know, and every name it does."""
    names = {**TEXTBOOK_FUNCTIONS, **dict(names)}
    functions = [*FUNCTIONS, "abs", "max", "min"]
    extra = [f"{name}(z)" if isinstance(value, sp.Lambda) else name for name, value in names.items()
             if name not in functions and name != "LambertW"]
    return (f"your expression uses {', '.join(sorted(unknown))}, which the checker does not know; "
            f"write it in z with the functions {', '.join([*functions, *extra])} (and the constants e, pi).")


def read_expression(answer, names):
    """answer as a sympy expression in actlib.z, or a string saying why it is not one."""
    names = {**TEXTBOOK_FUNCTIONS, **dict(names)}
    if isinstance(answer, str):
        try:
            answer = parse_formula(answer, names)
        except FormulaError as error:
            unknown = {*error.unknown, *error.functions}
            return unknown_names_message(unknown, names) if unknown else str(error)
    elif callable(answer) and not isinstance(answer, sp.Basic):
        return ("expected an expression in z (a sympy expression or a string such as "
                "'exp(-z)'), got a function.")
    else:
        try:
            answer = sp.sympify(answer)
        except (sp.SympifyError, TypeError) as error:
            return f"expected an expression in z, got {type(answer).__name__} ({describe_error(error)})."
    if not isinstance(answer, sp.Expr):
        return f"expected an expression in z, got {answer!r}."
    # A learner's own Symbol("z") (without real=True) means the same z.
    answer = answer.subs({s: z_symbol for s in answer.free_symbols if s.name == "z" and s != z_symbol})
    unknown = ({str(s) for s in answer.free_symbols if s != z_symbol}
               | {str(f.func) for f in answer.atoms(sp.core.function.AppliedUndef)})
    return unknown_names_message(unknown, names) if unknown else answer


_PERCENT = re.compile(r"^\s*(.+?)\s*%\s*$")
_DECIMAL = re.compile(r"^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$")


def read_number_as_written(answer):
    """(value, written) for a number answer, or (message, None) saying why it is not one.

    ``value`` is a finite float; ``written`` is the number as the learner wrote it, a Decimal whose
    digits are the significant digits given (from a string such as "1.14" or "2.4e-5", a float's
    shortest repr, a Decimal), or None for an exact number (an int, a Fraction, "1/4", "2**-20").
    Accepted: int, float, Fraction, Decimal, numpy scalars and numeric strings, "25%" among them.
    """
    if isinstance(answer, (bool, np.bool_)):
        return f"expected a number, got {answer!r}.", None
    written = None
    if isinstance(answer, str):
        text = answer.strip().replace("−", "-").replace("–", "-")
        percent = _PERCENT.match(text)
        if percent:  # "25%" is the fraction 0.25
            value, written = read_number_as_written(percent.group(1))
            if isinstance(value, str):
                return f"could not read {answer!r} as a number.", None
            return value / 100, (written.scaleb(-2) if written is not None else None)
        if _DECIMAL.match(text):
            written = decimal.Decimal(text)
        # the same restricted reader as for expressions, plus LambertW for closed forms like -LambertW(exp(-1))
        number = read_expression(answer, {"LambertW": sp.LambertW})
        if isinstance(number, str) or not number.is_number:
            return (number if isinstance(number, str) and "Allowed:" in number
                    else f"could not read {answer!r} as a number."), None
        if number.is_finite is False or number.is_real is False:
            return f"{answer!r} is not a finite real number (sympy reads it as {number}).", None
        answer = number
        try:  # a number that takes long to evaluate (the parser refuses the worst before this)
            answer = run_with_time_limit(CHECK_SECONDS, "evaluating", lambda: sp.Float(sp.N(number, 17)))
        except FormulaTooLarge:
            return (f"evaluating {answer!r} took longer than {CHECK_SECONDS:g} s, so the check stopped; "
                    "write the number itself."), None
        except (TypeError, ValueError):
            pass  # a complex number: the checks below say so
    elif isinstance(answer, decimal.Decimal):
        written = answer if answer.is_finite() else None
    elif isinstance(answer, (float, np.floating)) and np.isfinite(answer):
        written = decimal.Decimal(str(answer) if isinstance(answer, np.floating) else repr(float(answer)))
    if isinstance(answer, (set, frozenset, dict)):
        return f"expected one number, got a {type(answer).__name__} {answer!r}.", None
    if np.ndim(answer) != 0:
        kind = type(answer).__name__
        if np.size(answer) == 1:
            item = np.ravel(np.asarray(answer, dtype=object))[0]
            return f"expected one number, not a {kind} holding one: write {item!r}, without the brackets.", None
        return (f"expected one number, got a {kind} of {np.size(answer)} values; this question asks for a "
                "single number."), None
    try:
        value = float(answer)
    except (TypeError, ValueError, OverflowError):
        return f"expected a number, got {type(answer).__name__} {answer!r}.", None
    if not math.isfinite(value):
        return f"expected a finite number, got {value}.", None
    return value, written


def read_number(answer):
    """answer as a finite float, or a string saying why it is not one (see :func:`read_number_as_written`)."""
    return read_number_as_written(answer)[0]


