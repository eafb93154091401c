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

Feedback names what went wrong where the checker can tell: a known slip (``mistakes=`` of
:func:`number_answer`, :func:`expression_answer` and :func:`function_answer`, e.g. "a(1 − a) is the
sigmoid's rule"), the right answer with the wrong sign, two values swapped in a pair, and for a
function the way it breaks in floating point (an exception, nan, an overflow to inf, 0 where the answer
is not 0, lost digits), at the hardest points first. ``.hint()`` gives hint 1, then 2, ..., then says
plainly that there are no more.
"""
from __future__ import annotations

import html
import math
import os
import re
import sys
import warnings
from dataclasses import dataclass

import numpy as np
import sympy as sp

from .activations import z as z_symbol
from .formula import FormulaError, FormulaTooLarge, describe_error as _describe_error, parse_formula, run_with_time_limit

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
    """A question, a checker ``answer -> (correct, message)``, hints to reveal one at a time, a solution.

    ``hint()`` counts its calls per exercise (per kernel: rerunning the notebook from the top
    continues the count; restarting the kernel starts again at hint 1).

    The exercise is the one source of its notebook cells (scripts/exercise_cells.py writes them):
    ``prompt`` is the markdown after "**Exercise N.**", ``stub`` the answer cell of a student copy,
    ``answer_code`` the worked answer in the instructor's answer cell, which ``solution()`` shows
    after the explanation ``solution``.
    """

    def __init__(self, key: str, prompt: str, checker, hints=(), solution: str = "", stub: str = "",
                 answer_code: str = "", points: int = 1):
        self.key = key
        self.prompt = prompt
        self.checker = checker
        self.hints = tuple(hints)
        self._solution = solution
        self.stub = stub
        self.answer_code = answer_code
        self.points = points
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

    def hint(self, number: int | None = None) -> Note:
        """The next hint: hint 1 on the first call, hint 2 on the second, ...; once the last one has
        been shown, a plain "no more hints" with all of them together. ``hint(2)`` shows hint 2
        again without moving on."""
        count = len(self.hints)
        if not count:
            return Note("No hints for this one; `.solution()` shows the worked answer.")
        if number is not None:
            if not 1 <= number <= count:
                return Note(f"This exercise has {'one hint' if count == 1 else f'hints 1 to {count}'}; "
                            f"there is no hint {number}.")
            return Note(f"**Hint {number} of {count}:** {self.hints[number - 1]}")
        self._hints_shown += 1
        shown = self._hints_shown
        if shown <= count:
            if shown < count:
                after = " (Call `.hint()` again for the next one.)"
            else:
                after = (f" That was the {'only' if count == 1 else 'last'} hint; `.solution()` shows the "
                         "worked answer.")
            return Note(f"**Hint {shown} of {count}:** {self.hints[shown - 1]}{after}")
        if count == 1:
            return Note(f"**No more hints:** this exercise has only one, shown again here: {self.hints[0]} "
                        "`.solution()` shows the worked answer.")
        listed = "\n".join(f"{i}. {text}" for i, text in enumerate(self.hints, 1))
        return Note(f"**No more hints:** you have seen all {count}. Here they are together:\n\n{listed}\n\n"
                    "`.solution()` shows the worked answer.")

    def solution(self) -> Note:
        """The worked solution, as markdown: the explanation, then the answer cell's code."""
        text = self._solution
        if self.answer_code:
            text = f"{text}\n\n```python\n{self.answer_code}```" if text else f"```python\n{self.answer_code}```"
        return Note(text or "No written solution for this one.")

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
            return number if isinstance(number, str) and "Allowed:" in number else f"could not read {answer!r} as a number."
        if number.is_finite is False or number.is_real is False:
            return f"{answer!r} is not a finite real number (sympy reads it as {number})."
        answer = number
        try:  # a number that takes long to evaluate (the parser refuses the worst before this)
            answer = run_with_time_limit(CHECK_SECONDS, "evaluating", lambda: sp.Float(sp.N(number, 17)))
        except FormulaTooLarge:
            return (f"evaluating {answer!r} took longer than {CHECK_SECONDS:g} s, so the check stopped; "
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


CHECK_SECONDS = 1.0
"""How long evaluating one answer at the test points, or simplifying it, may take (see formula.run_with_time_limit)."""


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


def expression_answer(expected, names=None, points=None, rtol=1e-9, mistakes=None):
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
            return run_with_time_limit(CHECK_SECONDS, "recognising the slip", search)
        except FormulaTooLarge:
            return ""

    def mismatch(point, got, want) -> str:
        if got.is_real and got.is_finite and want.is_real and math.isfinite(float(got)):
            return f"at z = {point} your expression gives {_mismatch(float(got), float(want))}."
        return f"at z = {point} your expression gives {_format_sympy(got)}, but the answer is {_format_sympy(want)}."

    def check(answer):
        shown = answer.strip() if isinstance(answer, str) else None
        answer = _as_expression(answer, names)
        if isinstance(answer, str):
            return False, answer
        shown = shown or sp.sstr(answer)
        def first_difference():
            for point, want in zip(points, wanted):
                got = sp.N(answer.subs(z_symbol, point), 30)
                if not _close(got, want, rtol):
                    return point, got, want
            return None

        try:
            difference = run_with_time_limit(CHECK_SECONDS, "evaluating", first_difference)
        except FormulaTooLarge:
            return False, (f"evaluating `{_short(shown)}` at the test points took longer than {CHECK_SECONDS:g} s, "
                           "so the check stopped; write a simpler form of your answer.")
        known = {difference[0]: difference[1]} if difference else {}
        if difference and _plainly_different(*difference[1:]):
            return False, named_slip(answer, known) or mismatch(*difference)
        try:  # the numbers agree, or differ where only algebra can tell (nan at a removable singularity)
            proved = run_with_time_limit(CHECK_SECONDS, "simplifying", lambda: sp.simplify(answer - expected) == 0)
        except FormulaTooLarge:
            proved = False
        if proved:
            return True, f"`{shown}` is an equivalent form."
        if difference:
            return False, named_slip(answer, known) or mismatch(*difference)
        return True, f"`{shown}` agrees with the answer at {len(points)} points."

    return check


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def _format_sympy(value) -> str:
    if value.is_number and value.is_real and value.is_finite:
        number = float(value)
        return _format(number) if math.isfinite(number) else f"a number beyond float range (|x| > {sys.float_info.max:.1e})"
    return str(value)


def tail_points(beyond=()):
    """-10..10 in steps of 0.25, then tails out to |z| = 100 and at ``beyond``, in order of |z| (so
    the first miss reported is the nearest)."""
    middle = np.linspace(-10, 10, 81)
    tails = np.array([12, 15, 20, 25, 30, 35, 36, 37, 38, 39, 40, 45, 50, 60, 80, 100, *beyond], dtype=float)
    points = np.concatenate([middle, tails, -tails])
    return points[np.argsort(np.abs(points), kind="stable")]


HARD_POINTS = (1000.0, -1000.0, 710.0, -710.0, 709.0, -709.0, 100.0, -100.0, 40.0, -40.0, 37.0, -37.0,
               0.0, 1e-8, -1e-8, 1e-300, -1e-300)
"""Where float formulas break: exp overflows beyond 709.78 and its result leaves the subnormals near
-745; σ(z) rounds to 1 from 36.7 (so 1 − σ is 0) and 1 + e^z to 1 below −36.7; the kink at 0, and
just either side of it. function_answer adds those inside its range of points to them."""

_MIDDLE = 10.0  # |z| up to here is the ordinary range, where a plain wrong formula shows
_WRONG = 1e-3   # a relative error this large at an ordinary z is wrong algebra, not lost digits


@dataclass(frozen=True)
class _Miss:
    """How a function answer fails at one point."""

    point: float
    kind: str          # "raised", "nan", "inf", "zero" (returned 0, answer not 0), "off" (a relative error)
    got: float = math.nan
    want: float = math.nan
    error: str = ""    # the exception, for "raised"

    @property
    def relative(self) -> float:
        return abs(self.got - self.want) / abs(self.want) if self.want else math.inf

    def describe(self, subject: str, note: str = "") -> str:
        """'at z = 710 your function raised OverflowError: ...'; ``note`` goes inside the parenthesis
        of a relative error, or after the rest."""
        at = f"at z = {_format(self.point)} {subject}"
        right = f"{self.want:.6g}"
        if self.kind == "off":
            text = f"{at} returned {_mismatch(self.got, self.want)}"
            return f"{text[:-1]}; {note})" if note and text.endswith(")") else text + (f" ({note})" if note else "")
        text = {
            "raised": f"{at} raised {self.error}",
            "nan": f"{at} returned nan, but the right value is {right}" + (
                " (nan comes from inf/inf, inf − inf or 0·inf, usually after something overflowed)"
                if abs(self.point) > _MIDDLE else ""),
            "inf": f"{at} overflowed to {self.got}, but the right value is {right}",
            "zero": f"{at} returned 0, but the right value is {right}: every digit is lost (relative error 100%)",
        }[self.kind]
        return f"{text}, {note}" if note else text


def _call(answer, point):
    """answer(point) as a float; a _Miss of kind 'raised'; or the message for an answer that is not a number."""
    try:
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            got = answer(point)
    except NotImplementedError:
        raise  # an unfinished stub: Exercise reports it as not answered
    except Exception as error:
        return _Miss(point, "raised", error=_describe_error(error))
    if got is None:
        return "your function returned None; did you forget `return`?"
    try:
        if np.ndim(got) == 0 and not isinstance(got, (str, bytes)):
            return float(got)
    except (TypeError, ValueError):
        pass
    return f"at z = {_format(point)} your function returned {type(got).__name__} {got!r}, not one number."


def function_answer(expected, points=None, rtol=1e-9, atol=0.0, mistakes=None):
    """Checker: a callable f(z) agreeing with ``expected(z)`` at ``points`` (default: -10..10 and tails to ±100).

    Each point is passed as a Python float, so ``math`` and ``numpy`` functions both work. The
    answer is tried at every point, the hardest first (``HARD_POINTS`` inside the range of
    ``points``), and the message names the real failure: a wrong formula at the first ordinary z
    (|z| ≤ 10) where it shows; otherwise each way it breaks in the tails (an exception, nan, an
    overflow to inf, 0 where the answer is not 0, lost digits), at the point nearest 0 where each
    starts. ``mistakes`` maps functions that a typical slip computes to the message naming that
    slip; an answer agreeing with one of them at the ordinary points gets that message (and one
    agreeing with -expected is told it has the wrong sign).
    """
    points = tail_points() if points is None else np.asarray(points, dtype=float)
    low, high = float(np.min(points)), float(np.max(points))
    hard = [p for p in HARD_POINTS if low <= p <= high]
    ordered = list(dict.fromkeys([*hard, *points.tolist()]))  # hardest first, each point once
    wanted = {}
    mistakes = dict(mistakes or {})

    def want(point):
        if point not in wanted:
            wanted[point] = float(expected(point))
        return wanted[point]

    def slip(answer) -> str:
        """The message of the slip the answer computes, judged at the ordinary points, or ''."""
        middle = [p for p in ordered if abs(p) <= _MIDDLE and p != 0][:12]
        values = [_call(answer, p) for p in middle]
        if not middle or not all(isinstance(v, float) and math.isfinite(v) for v in values):
            return ""
        candidates = [*mistakes.items(), (lambda p: -want(p), "your function returns the right values "
                                          "with the wrong sign.")]
        for wrong, message in candidates:
            try:
                with np.errstate(all="ignore"):
                    targets = [float(wrong(p)) for p in middle]
            except Exception:  # a slip function undefined somewhere: it is not this slip
                continue
            if all(abs(v - t) <= 1e-6 * abs(t) + 1e-12 for v, t in zip(values, targets)):
                return message
        return ""

    def check(answer):
        if not callable(answer):
            return False, f"expected a function of z, got {type(answer).__name__} {answer!r}."
        misses = []
        for point in ordered:
            got = _call(answer, point)
            if isinstance(got, str):
                return False, got
            if isinstance(got, _Miss):
                misses.append(got)
                continue
            right = want(point)
            if abs(got - right) <= atol + rtol * abs(right):  # written so that nan fails
                continue
            kind = ("nan" if math.isnan(got) else "inf" if math.isinf(got) and math.isfinite(right)
                    else "zero" if got == 0 and right != 0 else "off")
            misses.append(_Miss(point, kind, got, right))
        if not misses:
            return True, (f"your function agrees at all {len(ordered)} test points, |z| up to "
                          f"{_format(max(abs(low), abs(high)))}, the hardest ones included.")
        # A wrong formula shows at ordinary z: name it there, nearest 0 first, and the slip if known.
        plain = [m for m in misses if abs(m.point) <= _MIDDLE and (m.kind != "off" or m.relative >= _WRONG)]
        if plain:
            first = min(plain, key=lambda m: abs(m.point))
            return False, slip(answer) or first.describe("your function") + "."
        # Otherwise the formula is right and breaks in floating point: each way once, where it starts.
        groups = {}
        for miss in misses:
            kind = (miss.kind, miss.error.split(":")[0]) if miss.kind != "off" else ("off",)
            groups.setdefault(kind, []).append(miss)
        severity = ("raised", "nan", "inf", "zero", "off")
        parts = []
        for kind, group in sorted(groups.items(), key=lambda item: severity.index(item[0][0])):
            if kind[0] == "off":
                shown = max(group, key=lambda m: m.relative)
                nearest = min(group, key=lambda m: abs(m.point)).point
                both_sides = min(m.point for m in group) < 0 < max(m.point for m in group)
                start = f"|z| = {_format(abs(nearest))}" if both_sides else f"z = {_format(nearest)}"
                note = (f"the check allows {rtol:.0e}" if len(group) == 1 else
                        f"the worst of {len(group)} points off by more than the {rtol:.0e} allowed, from {start} out")
            else:
                shown = min(group, key=lambda m: abs(m.point))
                sides = ", on both sides" if min(m.point for m in group) < 0 < max(m.point for m in group) else ""
                note = (f"and likewise at {len(group) - 1} more tested point{'s' if len(group) > 2 else ''} "
                        f"further out{sides}" if len(group) > 1 else "")
            parts.append(shown.describe("your function" if not parts else "it", note))
        extra = f"; and {len(parts) - 3} more kind{'s' if len(parts) > 4 else ''} of failure" if len(parts) > 3 else ""
        return False, "; ".join(parts[:3]) + extra + "."

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
