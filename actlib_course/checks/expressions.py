"""The checker for answers that are formulas in z: :func:`expression_answer`.

A learner's string or sympy expression is read by the restricted formula reader, compared at 30
digits at a few rational points (a plain difference is reported where it first shows, with the
known slip or the wrong sign named), then proved equal by ``simplify`` where it can; every
evaluation stops after ``actlib.symbolic.answers.CHECK_SECONDS``. Answers are read by
:func:`actlib.symbolic.answers.read_expression`, as graded mode reads them.
"""
from __future__ import annotations

import decimal
import math
import re
import sys

import sympy as sp

from actlib.activations import z_symbol
from actlib.symbolic import answers
from actlib.symbolic.answers import read_expression
from actlib.symbolic.formula import FormulaTooLarge, parse_formula, run_with_time_limit
from actlib_course.checks.formatting import format_number, mismatch_text


def _parse_mistakes(mistakes, names) -> list:
    """mistakes {formula (str or sympy): message} as [(sympy expression, message)]."""
    return [(parse_formula(wrong, names) if isinstance(wrong, str) else sp.sympify(wrong), message)
            for wrong, message in dict(mistakes or {}).items()]


def _close(got, want, rtol) -> bool:
    return bool(got.is_number and got.is_finite and abs(got - want) <= rtol * abs(want) + 1e-25)


def _plainly_different(got, want) -> bool:
    """Both finite real numbers, more than a millionth apart: no simplification can make them equal."""
    return bool(got.is_real and got.is_finite and want.is_real and want.is_finite
                and abs(got - want) > 1e-6 * max(abs(want), 1e-20))


_FLOAT_LITERAL = re.compile(r"(?<![\w.])(?:\d+\.\d*|\.\d+|\d+(?=[eE]))(?:[eE][+-]?\d+)?")


def _written_precision(text: str):
    """(significant digits of the least precise decimal, summed relative size of a unit in the last
    digit of each) for the decimal numbers written in ``text`` (1.14, 2.5e-3; whole numbers such as 2,
    2.0 or 1e5 are exact), or None if there are none."""
    decimals = []
    for literal in _FLOAT_LITERAL.findall(text):
        number = decimal.Decimal(literal)
        if number != number.to_integral_value():
            unit = float(decimal.Decimal(1).scaleb(number.as_tuple().exponent) / abs(number))
            decimals.append((unit, len(number.as_tuple().digits)))
    return (max(decimals)[1], sum(unit for unit, _ in decimals)) if decimals else None


def expression_answer(expected, names=None, points=None, rtol=1e-9, mistakes=None, digits=None):
    """Checker: a sympy expression or string equal to ``expected`` (an expression in ``actlib.z``).

    The answer is first compared numerically (30 digits) at ``points``; a plain difference is
    reported at the first point where it shows. Otherwise ``simplify(answer - expected) == 0``
    proves it equal, and where simplify cannot decide (or takes over a second) agreement at every
    point counts. ``names`` maps extra names a string may use to sympy objects, e.g.
    ``{"sigma": sp.Lambda(z, 1 / (1 + sp.exp(-z)))}``. ``mistakes`` maps the formula a typical slip
    produces (a string in the same names, or a sympy expression) to the message naming that slip, e.g.
    ``{"tanh(z)*(1 - tanh(z))": "a(1 − a) is the sigmoid's rule"}``; an answer equal to one of them
    (numerically, at the first points) gets that message, and the answer with the wrong sign is called so.
    """
    expected = sp.sympify(expected)
    names = dict(names or {})
    needed = digits or max(1, math.ceil(-math.log10(rtol) - 1e-9))
    # Ordered so that a wrong answer is shown first where values are of order 1 and differences plain.
    points = [sp.Rational(p) for p in (points or ("1", "2", "-1", "1/2", "0", "-1/3", "-3", "5", "-7", "11"))]
    wanted = [sp.N(expected.subs(z_symbol, point), 30) for point in points]
    slips = [(wrong, [sp.N(wrong.subs(z_symbol, p), 30) for p in points[:4]], message)
             for wrong, message in _parse_mistakes(mistakes, names)]
    slips.append((-expected, [-w for w in wanted[:4]],
                  "your expression is the answer with the wrong sign: check the sign of each factor."))

    def named_slip(answer, known):
        """The message of the slip the answer equals, or ''; ``known`` maps points to the answer's values."""
        values = dict(known)

        def value(index):
            if points[index] not in values:
                values[points[index]] = sp.N(answer.subs(z_symbol, points[index]), 30)
            return values[points[index]]

        def search():  # point by point, so that a slip already off at the first point costs nothing more
            for _, slip_values, message in slips:
                if all(_close(value(i), slip_value, 1e-9) for i, slip_value in enumerate(slip_values)):
                    return message
            return ""

        try:
            return run_with_time_limit(answers.CHECK_SECONDS, "recognising the slip", search)
        except FormulaTooLarge:
            return ""

    def mismatch(point, got, want) -> str:
        if got.is_real and got.is_finite and want.is_real and math.isfinite(float(got)):
            return f"at z = {point} your expression gives {mismatch_text(float(got), float(want))}."
        return f"at z = {point} your expression gives {_format_sympy(got)}, but the answer is {_format_sympy(want)}."

    def check(answer):
        shown = answer.strip() if isinstance(answer, str) else None
        precision = _written_precision(answer) if isinstance(answer, str) else None
        answer = read_expression(answer, names)
        if isinstance(answer, str):
            return False, answer
        shown = shown or sp.sstr(answer)
        def first_difference(tolerance=rtol):
            for point, want in zip(points, wanted):
                got = sp.N(answer.subs(z_symbol, point), 30)
                if not _close(got, want, tolerance):
                    return point, got, want
            return None

        def agrees_within(tolerance) -> bool:
            return run_with_time_limit(answers.CHECK_SECONDS, "evaluating", first_difference, tolerance) is None

        try:
            difference = run_with_time_limit(answers.CHECK_SECONDS, "evaluating", first_difference)
            # decimals written with fewer digits than exact are judged by the precision written: right with
            # at least the digits needed; right but for the digits when each decimal is the answer's, rounded
            written = "wrong"
            if difference and precision and precision[1] > rtol and agrees_within(precision[1]):
                if agrees_within(max(rtol, 10.0 ** (1 - needed))):
                    written = "right"
                elif agrees_within(precision[1] / 2):
                    written = "too few digits"
        except FormulaTooLarge:
            return False, (f"evaluating `{_short(shown)}` at the test points took longer than {answers.CHECK_SECONDS:g} s, "
                           "so the check stopped; write a simpler form of your answer.")
        if written == "right":
            return True, (f"`{_short(shown)}` agrees with the answer to the precision of the decimals you wrote "
                          f"(at least {needed} significant digits).")
        if written == "too few digits":
            given = precision[0]
            return False, (f"`{_short(shown)}` agrees with the answer only as far as its decimals go: one has {given} "
                           f"significant digit{'s' if given > 1 else ''}, and the check needs {needed} significant "
                           "digits. Write more digits, or exact fractions such as 1/3.")
        known = {difference[0]: difference[1]} if difference else {}
        if difference and _plainly_different(*difference[1:]):
            return False, named_slip(answer, known) or mismatch(*difference)
        try:  # the numbers agree, or differ where only algebra can tell (nan at a removable singularity)
            proved = run_with_time_limit(answers.CHECK_SECONDS, "simplifying", lambda: sp.simplify(answer - expected) == 0)
        except FormulaTooLarge:
            proved = False
        if proved:
            return True, f"`{shown}` is an equivalent form."
        if difference:
            return False, named_slip(answer, known) or mismatch(*difference)
        return True, f"`{shown}` agrees with the answer at {len(points)} points."

    check.expected, check.names = expected, names
    return check


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def _format_sympy(value) -> str:
    if value.is_number and value.is_real and value.is_finite:
        number = float(value)
        return format_number(number) if math.isfinite(number) else f"a number beyond float range (|x| > {sys.float_info.max:.1e})"
    return str(value)
