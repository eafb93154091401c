"""Checkers for answers that are numbers, a choice among options, or a tuple of answers.

:func:`number_answer` reads a number in any spelling (int, float, Fraction, Decimal, numpy scalar,
or a string such as "1/4", "1e-6", "2**-20" or "25%", read by ``actlib.symbolic.answers``, as
graded mode reads it), judges it by the precision the learner gave, and says what is measured in a wrong
one without stating the right value: a known slip, the right quantity in another form (a value for
an exponent, a percent for a fraction), the wrong sign, too few significant digits, too large or too
small in size; :func:`choice_answer` takes one key of a dict of options and shows that option's text
as the reason; :func:`tuple_answer` checks the items of a tuple in order, says when two right values
are swapped, and can choose the hint about the item that is wrong.
"""
from __future__ import annotations

import decimal
import math

import numpy as np

from actlib.symbolic.answers import read_number_as_written
from actlib_course.checks.formatting import digits_to_tell_apart, format_number


def _significant_digits(number: decimal.Decimal) -> int:
    return len(number.normalize().as_tuple().digits) if number else 0


def _agrees_to_digits_given(written: decimal.Decimal, expected: float) -> bool:
    """True when ``expected``, rounded or cut off at the last digit ``written`` gives, is ``written``."""
    if not written or written.is_signed() != (expected < 0):
        return False
    unit = decimal.Decimal(1).scaleb(written.as_tuple().exponent)
    key = decimal.Decimal(expected)
    with decimal.localcontext() as context:
        context.prec = 800  # a float's exact decimal expansion has at most 767 significant digits
        try:
            return any(key.quantize(unit, rounding=rounding) == written
                       for rounding in (decimal.ROUND_HALF_EVEN, decimal.ROUND_HALF_UP, decimal.ROUND_DOWN))
        except decimal.InvalidOperation:  # more digits than any float has: no rounding of the key
            return False


def _ordinal(n: int) -> str:
    return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


def _slip_tolerance(wrong: float, expected: float) -> float:
    """How near (relative) an answer must be to ``wrong`` to count as that slip: about three
    significant digits (-1.278 for -1.27846...), but never half-way to the right answer."""
    if wrong == 0:
        return 1e-9
    return max(1e-9, min(5e-3, 0.5 * abs(wrong - expected) / abs(wrong)))


NUMBER_KINDS = ("value", "exponent", "fraction", "percent")
"""What a number answer is: a plain value; the exponent n of a power of ten 10ⁿ; a fraction (0 to 1);
a percent (0 to 100)."""


def number_answer(expected, rtol=1e-6, atol=0.0, mistakes=None, digits=None, kind="value"):
    """Checker: a number within ``atol + rtol * |expected|`` of ``expected``, or agreeing with it to
    the last digit the learner wrote when that is at least ``digits`` significant digits.

    Numbers may come as int, float, Fraction, Decimal, numpy scalar, or a numeric string ("1e-6",
    "1/4", "2**-20", "25%"). ``digits`` defaults to what ``rtol`` asks for (6 for 1e-6, at most the
    digits of ``expected`` itself) when ``rtol`` is 1e-3 or finer; with a looser ``rtol``, or ``atol``
    alone, only the tolerance counts.

    ``mistakes`` maps wrong numbers that a typical slip produces to the message explaining that
    slip, e.g. ``{-1.0: "the factor σ′(z) is missing"}`` (a number within about three significant
    digits of the slip counts); they are tried first. Otherwise the message says what is measured in
    the answer, never the right value: a value given where the exponent is asked or the reverse
    ("exponent"), a percent for a fraction or the reverse ("percent"), the wrong sign (and,
    separately, whether its size is right, too large or too small), too few significant digits, or
    too large / too small in size (further from or closer to 0). ``kind`` (one of
    :data:`NUMBER_KINDS`) says what the number is, where the form slips cannot be told from the
    values alone.
    """
    if kind not in NUMBER_KINDS:
        raise ValueError(f"unknown kind {kind!r}; the kinds are {', '.join(map(repr, NUMBER_KINDS))}.")
    expected = float(expected)
    mistakes = {float(value): (message, _slip_tolerance(float(value), expected))
                for value, message in (mistakes or {}).items()}
    allowed = atol + rtol * abs(expected)
    if digits is None and 0 < rtol <= 1e-3 and expected != 0:
        digits = min(math.ceil(-math.log10(rtol) - 1e-9), _significant_digits(decimal.Decimal(repr(expected))))

    def close(value, written=None) -> bool:
        if abs(value - expected) <= allowed:
            return True
        return bool(digits and written is not None and _significant_digits(written) >= digits
                    and _agrees_to_digits_given(written, expected))

    def form_slip(value) -> str:
        """The message for the right quantity in another form, or ''."""
        if kind == "exponent" and value > 0 and not (value == int(value) and value >= 1):
            implied = math.log10(value)
            verdict = ("its power of ten would be right" if close(round(implied)) else
                       f"and its power of ten would be too {'large' if implied > expected else 'small'}")
            return (f"that looks like the value of a power of ten, but the question asks for its exponent, "
                    f"the n in 10ⁿ ({verdict}).")
        if kind == "value" and expected == int(expected) and expected < 0 and 0 < value < 1 and close(math.log10(value)):
            return ("that looks like the value of a power of ten, but the question asks for its exponent, "
                    "the n in 10ⁿ: you have the right quantity in the wrong form.")
        if kind == "value" and 0 < expected <= 1e-2 and value == int(value) and -400 < value < 0 and close(10.0 ** value):
            return ("that looks like an exponent, the n in 10ⁿ, but the question asks for the number itself: "
                    "you have the right quantity in the wrong form.")
        if (kind == "fraction" or kind == "value" and 0 < abs(expected) <= 1 < abs(value) <= 100) and close(value / 100):
            return ("that looks like a percent, but the question asks for a fraction (a percent divided by 100): "
                    "you have the right quantity in the wrong form.")
        if kind == "percent" and close(value * 100):
            return ("that looks like a fraction, but the question asks for a percent (a fraction times 100): "
                    "you have the right quantity in the wrong form.")
        return ""

    def check(answer):
        value, written = read_number_as_written(answer)
        if isinstance(value, str):
            return False, value
        if close(value, written):
            return True, f"{format_number(value)}."
        for wrong, (message, tolerance) in mistakes.items():
            if math.isclose(value, wrong, rel_tol=tolerance, abs_tol=1e-12):
                return False, message
        form = form_slip(value)
        if form:
            return False, form
        shown = (f"{value:.{digits_to_tell_apart(value, expected)}g}" if written is None
                 else f"{value:.{max(1, _significant_digits(written))}g}")
        if expected != 0 and value != 0 and (value < 0) != (expected < 0):
            if close(-value, None if written is None else -written):
                size = "its size is right"
            else:
                size = f"it is also too {'large' if abs(value) > abs(expected) else 'small'} in size"
            return False, f"{shown} has the wrong sign; {size}."
        if (written is not None and digits and 2 <= _significant_digits(written) < digits
                and _agrees_to_digits_given(written, expected)):  # one digit is an estimate, not a rounding
            given = _significant_digits(written)
            return False, (f"{shown} agrees with the answer to the {given} significant digit{'s' if given > 1 else ''} "
                           f"you gave, but the check needs {digits} significant digits: give more of them.")
        if expected == 0:
            return False, f"{shown} is too large in size."
        if value == 0:
            return False, "0 is too small in size: the answer is not 0."
        larger = abs(value) > abs(expected)
        error = abs(value - expected) / abs(expected)
        if error < 1e-2 and rtol:
            return False, (f"{shown} is close but too {'large' if larger else 'small'}{' in size' if expected < 0 else ''}: "
                           "its digits part from "
                           f"the answer's at about the {_ordinal(max(2, 1 + math.floor(-math.log10(error))))} "
                           "significant digit. Check the last steps, or keep more digits along the way.")
        if expected > 0:
            return False, f"{shown} is too {'large' if larger else 'small'}."
        return False, f"{shown} is too {'large' if larger else 'small'} in size ({'further from' if larger else 'closer to'} 0 than the answer)."

    check.expected = expected
    check.kind = kind
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


def tuple_answer(*checkers, labels=None, hints=None):
    """Checker: a tuple (or list, or 1-d array) whose items pass ``checkers`` in order; says which
    items are off, and when the right values come in the wrong order.

    ``hints`` gives, for each item, the index of the exercise's hint that goes with it: the checker
    then returns ``(correct, message, hint)`` with the hint of the first wrong item, so that the
    hint shown is about the value that is wrong (see :class:`~actlib_course.checks.Exercise`).
    """
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
        results = [(label, *checker(item)[:2]) for label, checker, item in zip(labels, checkers, values)]
        correct = all(ok for _, ok, _ in results)
        if not correct and len(values) == 2 and all(checker(item)[0] for checker, item in zip(checkers, values[::-1])):
            return False, f"the two values are right but swapped: the order is ({', '.join(labels)})."
        parts = [f"{label}: {message.rstrip('.')}" for label, ok, message in results if correct or not ok]
        message = "; ".join(parts) + "."
        if hints is None or correct:
            return correct, message
        first_wrong = next(i for i, (_, ok, _) in enumerate(results) if not ok)
        return correct, message, hints[first_wrong]

    return check
