"""Automatic feedback for the notebooks' exercises.

An :class:`Exercise` pairs a question with a *checker*: a function ``answer -> (correct, message)``.
Calling the exercise on an answer returns :class:`Feedback`, which Jupyter shows as a coloured box
and a script prints as one line of text::

    >>> from actlib.checks import Exercise, number_answer
    >>> q = Exercise("demo.peak", "What is the largest value of σ'(z)?", number_answer(0.25),
    ...              hints=("Where is σ steepest?",))
    >>> q(...)
    … Not answered yet: replace `...` with your answer.
    >>> q(0.5)
    ✗ Not yet: 0.5 is too large. Hint: Where is σ steepest?
    >>> q(1 / 4)
    ✓ Correct: 0.25.

An answer of ``...`` or ``None``, or a function that raises ``NotImplementedError``, counts as not
answered (student copies are generated with the answers blanked, so a blank must give feedback,
never an error). Anything a learner's answer does wrong (a function that raises, a string sympy
cannot read) is reported as feedback, not as a traceback. ``bool(feedback)`` is True only for a
correct answer, so an autograder can ``assert q(answer)``.
"""
from __future__ import annotations

import html
import math
import os
import re
import warnings
from dataclasses import dataclass

import numpy as np
import sympy as sp

from .activations import z as z_symbol
from .formula import FormulaError, describe_error as _describe_error, parse_formula

__all__ = [
    "Feedback", "Exercise", "number_answer", "expression_answer", "function_answer", "choice_answer",
    "tuple_answer",
]

NOT_ANSWERED = "replace `...` with your answer."


# -- what the learner sees ---------------------------------------------------------------------

_STYLE = {  # correct -> (symbol, label, colour); translucent backgrounds read in light and dark themes
    True: ("✓", "Correct", "46, 160, 67"),
    False: ("✗", "Not yet", "214, 110, 0"),
    None: ("…", "Not answered yet", "120, 120, 120"),
}


def _inline_html(text: str) -> str:
    """Escape text for HTML, turning `backticks` into <code>."""
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", html.escape(text))


@dataclass(frozen=True)
class Feedback:
    """The verdict on one answer: ``correct`` is True, False, or None (not answered)."""

    correct: bool | None
    message: str
    hint: str = ""

    def __bool__(self):
        return self.correct is True

    def __str__(self):
        symbol, label, _ = _STYLE[self.correct]
        text = f"{symbol} {label}: {self.message}"
        return f"{text} Hint: {self.hint}" if self.hint else text

    __repr__ = __str__

    def _repr_html_(self):
        symbol, label, rgb = _STYLE[self.correct]
        hint = f"<br><b>Hint:</b> {_inline_html(self.hint)}" if self.hint else ""
        return (
            f'<div style="border-left: 4px solid rgb({rgb}); background: rgba({rgb}, 0.12); '
            f'padding: 0.4em 0.8em; margin: 0.2em 0;"><b>{symbol} {label}:</b> '
            f"{_inline_html(self.message)}{hint}</div>"
        )


@dataclass(frozen=True)
class Note:
    """A hint or a solution: markdown in Jupyter, the same text in a terminal."""

    text: str

    def __str__(self):
        return self.text

    __repr__ = __str__

    def _repr_markdown_(self):
        return self.text


class Exercise:
    """A question, a checker ``answer -> (correct, message)``, hints to reveal one at a time, a solution."""

    def __init__(self, key: str, prompt: str, checker, hints=(), solution: str = ""):
        self.key = key
        self.prompt = prompt
        self.checker = checker
        self.hints = tuple(hints)
        self._solution = solution
        self._hints_shown = 0

    def __call__(self, answer) -> Feedback:
        if answer is ... or answer is None or (isinstance(answer, str) and answer.strip() in ("", "...")):
            return Feedback(None, NOT_ANSWERED)
        try:
            correct, message = self.checker(answer)
        except NotImplementedError:  # a function stub still saying `raise NotImplementedError`
            return Feedback(None, "your function still raises NotImplementedError; write its body.")
        except Exception as error:  # a checker should not raise, but a learner must never see a traceback
            correct, message = False, f"could not check this answer ({_describe_error(error)})."
        return Feedback(bool(correct), message, "" if correct or not self.hints else self.hints[0])

    def grade(self, answer) -> Feedback:
        """Feedback on ``answer``, as calling the exercise gives; under nbgrader's autograder, a failed assert.

        The notebooks' graded cells call this. A student running the notebook sees the feedback (and
        "Not answered yet" never stops "Run All"); when nbgrader executes it (it sets the environment
        variable NBGRADER_EXECUTION), an answer that is not correct raises AssertionError, which is
        how nbgrader scores a test cell.
        """
        feedback = self(answer)
        if os.environ.get("NBGRADER_EXECUTION") and feedback.correct is not True:
            raise AssertionError(f"Exercise {self.key}: {feedback}")
        return feedback

    def hint(self) -> Note:
        """The next hint (the last one again once all are shown)."""
        if not self.hints:
            return Note("No hints for this one; `.solution()` shows the answer.")
        index = min(self._hints_shown, len(self.hints) - 1)
        self._hints_shown += 1
        more = "" if index + 1 < len(self.hints) else " (That was the last hint; `.solution()` shows the answer.)"
        return Note(f"**Hint {index + 1} of {len(self.hints)}:** {self.hints[index]}{more}")

    def solution(self) -> Note:
        """The worked solution, as markdown."""
        return Note(self._solution or "No written solution for this one.")

    def __repr__(self):
        return f"Exercise {self.key}: {self.prompt}"

    def _repr_markdown_(self):
        return f"**Exercise {self.key}.** {self.prompt}"


def _format(x) -> str:
    """A number as the learner would want to read it: 6 significant digits."""
    return f"{x:.6g}" if isinstance(x, float) else str(x)


def _digits_to_tell_apart(got: float, want: float) -> int:
    """How many significant digits show got and want as different numbers (at least 6)."""
    return next((d for d in range(6, 18) if f"{got:.{d}g}" != f"{want:.{d}g}"), 17)


def _mismatch(got: float, want: float) -> str:
    """'0.1 but the right value is 0.2', with enough digits that the two differ, and the relative error."""
    digits = _digits_to_tell_apart(got, want)
    text = f"{got:.{digits}g}, but the right value is {want:.{digits}g}"
    if want != 0 and math.isfinite(got):
        text += f" (relative error {abs(got - want) / abs(want):.1e})"
    return text


# -- checkers ----------------------------------------------------------------------------------

def _as_number(answer):
    """answer as a finite float, or a string saying why it is not one."""
    if isinstance(answer, (bool, np.bool_)):
        return f"expected a number, got {answer!r}."
    if isinstance(answer, str):
        # the same restricted reader as for expressions, plus LambertW for closed forms like -LambertW(exp(-1))
        number = _as_expression(answer, {"LambertW": sp.LambertW})
        if isinstance(number, str) or not number.is_number:
            return f"could not read {answer!r} as a number."
        answer = number
    if np.ndim(answer) != 0:
        return f"expected a single number, got {type(answer).__name__} of {np.size(answer)} values."
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
    slip, e.g. ``{-0.5: "the factor σ′(z) is missing"}``; other wrong numbers are called too large
    or too small.
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
        error = abs(value - expected) / abs(expected) if expected else math.inf
        if 0 < allowed and error < 1e-2:
            return False, (f"{shown} is close, but off by a relative {error:.1e}; the check allows "
                           f"{allowed / abs(expected):.0e}. More digits, or the exact value?")
        return False, f"{shown} is too {'large' if value > expected else 'small'}."

    return check


def _unknown_names_message(unknown, names=()) -> str:
    extra = "".join(f", {name}(z)" if isinstance(value, sp.Lambda) else f", {name}" for name, value in dict(names).items())
    return (f"your expression uses {', '.join(sorted(unknown))}, which the checker does not know; "
            f"write it in z (exp, log, sqrt, tanh{extra}, ... are allowed).")


def _as_expression(answer, names):
    """answer as a sympy expression in actlib.z, or a string saying why it is not one."""
    if isinstance(answer, str):
        try:
            answer = parse_formula(answer, names)
        except FormulaError as error:
            unknown = {*error.unknown, *error.functions}
            return _unknown_names_message(unknown, names) if unknown else str(error)
    elif callable(answer) and not isinstance(answer, sp.Basic):
        return ("expected an expression in z (a sympy expression or a string such as "
                "'exp(-z)'), got a function.")
    else:
        try:
            answer = sp.sympify(answer)
        except (sp.SympifyError, TypeError) as error:
            return f"expected an expression in z, got {type(answer).__name__} ({_describe_error(error)})."
    if not isinstance(answer, sp.Expr):
        return f"expected an expression in z, got {answer!r}."
    # A learner's own Symbol("z") (without real=True) means the same z.
    answer = answer.subs({s: z_symbol for s in answer.free_symbols if s.name == "z" and s != z_symbol})
    unknown = ({str(s) for s in answer.free_symbols if s != z_symbol}
               | {str(f.func) for f in answer.atoms(sp.core.function.AppliedUndef)})
    return _unknown_names_message(unknown, names) if unknown else answer


def expression_answer(expected, names=None, points=None, rtol=1e-9):
    """Checker: a sympy expression or string equal to ``expected`` (an expression in ``actlib.z``).

    Equal means ``simplify(answer - expected) == 0``; where simplify cannot decide, the two are
    compared numerically (30 digits) at ``points``. ``names`` maps extra names a string may use
    to sympy objects, e.g. ``{"sigma": sp.Lambda(z, 1 / (1 + sp.exp(-z)))}``.
    """
    expected = sp.sympify(expected)
    names = dict(names or {})
    # Ordered so that a wrong answer is shown first where values are of order 1 and differences plain.
    points = [sp.Rational(p) for p in (points or ("1", "2", "-1", "1/2", "0", "-1/3", "-3", "5", "-7", "11"))]

    def check(answer):
        shown = answer.strip() if isinstance(answer, str) else None
        answer = _as_expression(answer, names)
        if isinstance(answer, str):
            return False, answer
        shown = shown or sp.sstr(answer)
        if sp.simplify(answer - expected) == 0:
            return True, f"`{shown}` is an equivalent form."
        for point in points:  # simplify may have failed to prove an identity: look for a difference
            got, want = (sp.N(e.subs(z_symbol, point), 30) for e in (answer, expected))
            if not (got.is_number and got.is_finite) or abs(got - want) > rtol * abs(want) + 1e-25:
                if got.is_real and got.is_finite and want.is_real:
                    return False, f"at z = {point} your expression gives {_mismatch(float(got), float(want))}."
                return False, (f"at z = {point} your expression gives {_format_sympy(got)}, "
                               f"but the answer is {_format_sympy(want)}.")
        return True, f"`{shown}` agrees with the answer at {len(points)} points."

    return check


def _format_sympy(value) -> str:
    return _format(float(value)) if value.is_number and value.is_real and value.is_finite else str(value)


def tail_points(beyond=()):
    """-10..10 in steps of 0.25, then tails out to |z| = 100 and at ``beyond``, in order of |z| (so
    the first miss reported is the nearest)."""
    middle = np.linspace(-10, 10, 81)
    tails = np.array([12, 15, 20, 25, 30, 35, 36, 37, 38, 39, 40, 45, 50, 60, 80, 100, *beyond], dtype=float)
    points = np.concatenate([middle, tails, -tails])
    return points[np.argsort(np.abs(points), kind="stable")]


def function_answer(expected, points=None, rtol=1e-9, atol=0.0):
    """Checker: a callable f(z) agreeing with ``expected(z)`` at ``points`` (default: -10..10 and tails to ±100).

    Each point is passed as a Python float, so ``math`` and ``numpy`` functions both work. The
    first z (nearest 0) where the learner's value is off by more than ``atol + rtol*|expected|``
    is reported.
    """
    points = tail_points() if points is None else np.asarray(points, dtype=float)

    def check(answer):
        if not callable(answer):
            return False, f"expected a function of z, got {type(answer).__name__} {answer!r}."
        for point in points.tolist():
            want = float(expected(point))
            try:
                with warnings.catch_warnings(), np.errstate(all="ignore"):
                    warnings.simplefilter("ignore")
                    got = answer(point)
            except NotImplementedError:
                raise  # an unfinished stub: Exercise reports it as not answered
            except Exception as error:
                return False, f"at z = {_format(point)} your function raised {_describe_error(error)}."
            if got is None:
                return False, "your function returned None; did you forget `return`?"
            try:
                value = float(got) if np.ndim(got) == 0 and not isinstance(got, (str, bytes)) else None
            except (TypeError, ValueError):
                value = None
            if value is None:
                return False, f"at z = {_format(point)} your function returned {type(got).__name__} {got!r}, not one number."
            if not abs(value - want) <= atol + rtol * abs(want):  # written so that nan fails
                return False, f"at z = {_format(point)} your function returned {_mismatch(value, want)}."
        return True, f"your function agrees at all {len(points)} test points, |z| up to {_format(float(np.max(np.abs(points))))}."

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
    """Checker: a tuple or list whose items pass ``checkers`` in order; says which items are off."""
    labels = labels or [f"item {i + 1}" for i in range(len(checkers))]

    def check(answer):
        if not isinstance(answer, (tuple, list)) or len(answer) != len(checkers):
            return False, f"expected {len(checkers)} values in parentheses: ({', '.join(labels)})."
        results = [(label, *checker(item)) for label, checker, item in zip(labels, checkers, answer)]
        correct = all(ok for _, ok, _ in results)
        parts = [f"{label}: {message.rstrip('.')}" for label, ok, message in results if correct or not ok]
        return correct, "; ".join(parts) + "."

    return check
