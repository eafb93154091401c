"""Checkers for "predict, then run" exercises: a prediction is right when it falls in a sensible range.

A prediction is not a calculation, so its checker accepts a range (``low`` to ``high``) around what
the run will show, and its feedback says which way a wrong guess is off and why. The notebook's
run, after the grading cell, states its own settings and asserts its own result (a graded copy's
``exercises`` module has no answers, so run cells never call it); tests/test_predict_then_run.py
checks that ``checker.accepts(value)`` holds for what the run measures, so the checker and the run
can never disagree::

    >>> from actlib_course.predict_checks import range_answer
    >>> check = range_answer(0.03, 0.5, below={1e-3: "that shrinks it geometrically, layer after layer"})
    >>> check(0.1)[0], check.accepts(0.13)
    (True, True)
"""
from __future__ import annotations

import math

from actlib.symbolic.answers import read_number
from actlib_course.checks.numbers import tuple_answer


class _RangeCheck:
    """Checker ``answer -> (correct, message)`` accepting a number in [low, high]; see :func:`range_answer`."""

    def __init__(self, low, high, below=None, above=None, explain=""):
        self.low, self.high = float(low), float(high)
        self.below, self.above, self.explain = dict(below or {}), dict(above or {}), explain

    def accepts(self, value) -> bool:
        """True when a measured value lies in the accepted range."""
        return self.low <= float(value) <= self.high

    def _nearest_message(self, value, messages):
        """The message of the listed slip closest to value (on a log scale for positive numbers)."""
        def distance(slip):
            if value > 0 and slip > 0:
                return abs(math.log10(value) - math.log10(slip))
            return abs(value - slip)
        return messages[min(messages, key=distance)] if messages else ""

    def __call__(self, answer):
        value = read_number(answer)
        if isinstance(value, str):
            return False, value
        shown = f"{value:.3g}"
        if self.accepts(value):
            return True, f"{shown} is in the range the run will show ({self.low:.3g} to {self.high:.3g}). {self.explain}".strip()
        side, messages = ("too small", self.below) if value < self.low else ("too large", self.above)
        reason = self._nearest_message(value, messages)
        if reason.lower().startswith(side):  # "too large: each 10 layers ..." is not said twice
            reason = reason[len(side):].lstrip(" :;,—-")
        return False, f"{shown} is {side}" + (f": {reason}" if reason else ".")


def range_answer(low, high, below=None, above=None, explain=""):
    """Checker accepting a predicted number in [low, high].

    ``below`` and ``above`` map typical wrong predictions (numbers) to the reason they are off; a
    wrong prediction gets the reason of the nearest listed one on its side. ``explain`` is added to
    the verdict of a right prediction. The checker's ``accepts(value)`` tells a notebook whether a
    measured value lies in the accepted range.
    """
    return _RangeCheck(low, high, below, above, explain)


def range_pair_answer(first, second, labels, hints=None):
    """Checker for a pair of predictions, each checked by a :func:`range_answer` checker; ``hints``
    as in :func:`~actlib_course.checks.tuple_answer` (for each item the index of the exercise's hint about it)."""
    check = tuple_answer(first, second, labels=labels, hints=hints)
    check.parts = (first, second)
    return check
