"""The checker for answers that are Python functions of z: :func:`function_answer`.

A function is called at ``tail_points`` (-10..10 and the tails out to ±100) and first at
``HARD_POINTS``, where float formulas break (exp overflowing, σ rounding to 1, the kink at 0).
A wrong formula is named at the first ordinary z where it shows, with a known slip or the wrong
sign; a right formula that breaks in floating point is described by each way it fails (an
exception, nan, an overflow to inf, 0, lost digits) at the point nearest 0 where that starts.
"""
from __future__ import annotations

import math
import warnings
from dataclasses import dataclass

import numpy as np

from actlib.symbolic.formula import describe_error as _describe_error
from actlib_course.checks.formatting import format_number, mismatch_text


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
        at = f"at z = {format_number(self.point)} {subject}"
        right = f"{self.want:.6g}"
        if self.kind == "off":
            text = f"{at} returned {mismatch_text(self.got, self.want)}"
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
    return f"at z = {format_number(point)} your function returned {type(got).__name__} {got!r}, not one number."


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
                          f"{format_number(max(abs(low), abs(high)))}, the hardest ones included.")
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
                start = f"|z| = {format_number(abs(nearest))}" if both_sides else f"z = {format_number(nearest)}"
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


def call_learner_function(answer, name, arguments, situation, returns=()):
    """Call a learner's function ``name`` on copies of ``arguments``, as a checker must.

    Returns ``(result, None)``, or ``(None, message)`` when ``answer`` is not a function, raises
    (``situation`` says on what: "calling it on a minibatch of 6 examples"), or does not return the
    ``len(returns)`` values named in ``returns`` (e.g. ``("dW", "db")``). NotImplementedError passes
    through: it is the stub, which the exercise reports as not attempted.
    """
    if not callable(answer):
        return None, f"expected your function {name} itself (the name, without brackets); got {answer!r}."
    try:
        result = answer(*(np.copy(argument) for argument in arguments))
    except NotImplementedError:
        raise
    except Exception as error:  # a learner must never see a traceback
        return None, f"{situation} raised {_describe_error(error)}."
    if returns and not (isinstance(result, (tuple, list)) and len(result) == len(returns)):
        if isinstance(result, (tuple, list)):
            got = f"a {type(result).__name__} of {len(result)}"
        else:
            shape = f" of shape {np.shape(result)}" if isinstance(result, np.ndarray) else ""
            got = f"one {type(result).__name__}{shape}"
        wanted = {2: "the pair", 3: "the three arrays"}.get(len(returns), f"the {len(returns)} values")
        return None, f"expected {wanted} ({', '.join(returns)}); it returned {got}."
    return result, None
