"""Checkers for answers that are numbers, a choice among options, or a tuple of answers.

:func:`number_answer` reads a number (or a string such as "1/4", read by the same restricted
reader as expressions) and names a known slip, the wrong sign, a near miss, or too large / too
small; :func:`choice_answer` takes one key of a dict of options and shows that option's text as
the reason; :func:`tuple_answer` checks the items of a tuple in order and says when two right
values are swapped.
"""
from __future__ import annotations

import math

import numpy as np
import sympy as sp

from ..formula import FormulaTooLarge, run_with_time_limit
from . import expressions
from .expressions import _as_expression
from .formatting import _digits_to_tell_apart, _format


def _as_number(answer):
    """answer as a finite float, or a string saying why it is not one."""
    if isinstance(answer, (bool, np.bool_)):
        return f"expected a number, got {answer!r}."
    if isinstance(answer, str):
        # the same restricted reader as for expressions, plus LambertW for closed forms like -LambertW(exp(-1))
        number = _as_expression(answer, {"LambertW": sp.LambertW})
        if isinstance(number, str) or not number.is_number:
            return number if isinstance(number, str) and "Allowed:" in number else f"could not read {answer!r} as a number."
        if number.is_finite is False or number.is_real is False:
            return f"{answer!r} is not a finite real number (sympy reads it as {number})."
        answer = number
        try:  # a number that takes long to evaluate (the parser refuses the worst before this)
            answer = run_with_time_limit(expressions.CHECK_SECONDS, "evaluating", lambda: sp.Float(sp.N(number, 17)))
        except FormulaTooLarge:
            return (f"evaluating {answer!r} took longer than {expressions.CHECK_SECONDS:g} s, so the check stopped; "
                    "write the number itself.")
        except (TypeError, ValueError):
            pass  # a complex number: the checks below say so
    if isinstance(answer, (set, frozenset, dict)):
        return f"expected one number, got a {type(answer).__name__} {answer!r}."
    if np.ndim(answer) != 0:
        kind = type(answer).__name__
        if np.size(answer) == 1:
            item = np.ravel(np.asarray(answer, dtype=object))[0]
            return f"expected one number, not a {kind} holding one: write {item!r}, without the brackets."
        return f"expected one number, got a {kind} of {np.size(answer)} values; this question asks for a single number."
    try:
        value = float(answer)
    except (TypeError, ValueError):
        return f"expected a number, got {type(answer).__name__} {answer!r}."
    return value if math.isfinite(value) else f"expected a finite number, got {value}."


def _slip_tolerance(wrong: float, expected: float) -> float:
    """How near (relative) an answer must be to ``wrong`` to count as that slip: about three
    significant digits (-1.278 for -1.27846...), but never half-way to the right answer."""
    if wrong == 0:
        return 1e-9
    return max(1e-9, min(5e-3, 0.5 * abs(wrong - expected) / abs(wrong)))


def number_answer(expected, rtol=1e-6, atol=0.0, mistakes=None):
    """Checker: a number within ``atol + rtol * |expected|`` of ``expected``. Strings like "1/4" are read too.

    ``mistakes`` maps wrong numbers that a typical slip produces to the message explaining that
    slip, e.g. ``{-1.0: "the factor σ′(z) is missing"}`` (a number within about three significant
    digits of the slip counts); the right number with the wrong sign is called that; other wrong
    numbers are called too large or too small.
    """
    expected = float(expected)
    mistakes = {float(value): (message, _slip_tolerance(float(value), expected))
                for value, message in (mistakes or {}).items()}

    def check(answer):
        value = _as_number(answer)
        if isinstance(value, str):
            return False, value
        allowed = atol + rtol * abs(expected)
        if abs(value - expected) <= allowed:
            return True, f"{_format(value)}."
        for wrong, (message, tolerance) in mistakes.items():
            if math.isclose(value, wrong, rel_tol=tolerance, abs_tol=1e-12):
                return False, message
        shown = f"{value:.{_digits_to_tell_apart(value, expected)}g}"
        if expected != 0 and abs(value + expected) <= max(allowed, 1e-9 * abs(expected)):
            return False, f"{shown} has the right size but the wrong sign."
        error = abs(value - expected) / abs(expected) if expected else math.inf
        if 0 < allowed and error < 1e-2:
            return False, (f"{shown} is close, but off by a relative {error:.1e}; the check allows "
                           f"{allowed / abs(expected):.0e}. More digits, or the exact value?")
        return False, f"{shown} is too {'large' if value > expected else 'small'}."

    return check


def choice_answer(expected, options):
    """Checker: one key of ``options`` (a dict key -> text), e.g. "b"; case and spaces ignored.

    The text of the chosen option is shown with the verdict, so write it as the reason: why the
    right option is right, and why each wrong one is wrong.
    """
    options = {str(key).strip().lower(): text for key, text in options.items()}
    expected = str(expected).strip().lower()

    def check(answer):
        key = str(answer).strip().lower().strip("()")
        if key not in options:
            return False, f"answer with one of {', '.join(repr(k) for k in options)}; got {answer!r}."
        if key == expected:
            return True, f"({key}) {options[key]}"
        return False, f"({key}) is not it: {options[key]}"

    return check


def tuple_answer(*checkers, labels=None):
    """Checker: a tuple (or list, or 1-d array) whose items pass ``checkers`` in order; says which
    items are off, and when the right values come in the wrong order."""
    labels = labels or [f"item {i + 1}" for i in range(len(checkers))]
    wanted = f"{len(checkers)} values in parentheses, in the order ({', '.join(labels)})"

    def items(answer):
        """answer as a list of items, or a message saying plainly why it is not one."""
        if isinstance(answer, np.ndarray) and answer.ndim == 1:
            return answer.tolist()
        if isinstance(answer, str) and "," in answer:  # "(0.25, 0)" typed as text
            return [item for item in answer.strip().strip("()[]").split(",")]
        if isinstance(answer, (set, frozenset)):
            return f"a set has no order; write {wanted}."
        if isinstance(answer, dict):
            return f"expected {wanted}, not a dict."
        if not isinstance(answer, (tuple, list)):
            return f"expected {wanted}; got one {type(answer).__name__}, {answer!r}."
        if len(answer) != len(checkers):
            return f"expected {wanted}; your {type(answer).__name__} has {len(answer)}."
        return list(answer)

    def check(answer):
        values = items(answer)
        if isinstance(values, str):
            return False, values
        results = [(label, *checker(item)) for label, checker, item in zip(labels, checkers, values)]
        correct = all(ok for _, ok, _ in results)
        if not correct and len(values) == 2 and all(checker(item)[0] for checker, item in zip(checkers, values[::-1])):
            return False, f"the two values are right but swapped: the order is ({', '.join(labels)})."
        parts = [f"{label}: {message.rstrip('.')}" for label, ok, message in results if correct or not ok]
        return correct, "; ".join(parts) + "."

    return check
