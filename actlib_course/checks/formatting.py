"""How the checkers show numbers in their messages.

Six significant digits for an ordinary number, and for a wrong one as many digits as it takes to
tell it apart from the right value, with the relative error: shared by the number, expression and
function checkers.
"""
from __future__ import annotations

import math


def format_number(x) -> str:
    """A number as the learner would want to read it: 6 significant digits."""
    return f"{x:.6g}" if isinstance(x, float) else str(x)


def digits_to_tell_apart(got: float, want: float) -> int:
    """How many significant digits show got and want as different numbers (at least 6)."""
    return next((d for d in range(6, 18) if f"{got:.{d}g}" != f"{want:.{d}g}"), 17)


def mismatch_text(got: float, want: float) -> str:
    """'0.1 but the right value is 0.2', with enough digits that the two differ, and the relative error."""
    digits = digits_to_tell_apart(got, want)
    text = f"{got:.{digits}g}, but the right value is {want:.{digits}g}"
    if want != 0 and math.isfinite(got):
        text += f" (relative error {abs(got - want) / abs(want):.1e})"
    return text
