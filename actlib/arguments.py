"""Checks of the arguments a learner passes (counts, real numbers), in one place.

Every public function that takes a layer size, a number of steps or a real-valued parameter checks
it with these, so the same mistake gets the same message everywhere. (Not to be confused with
``actlib_course.checks``, which judges exercise answers.)
"""
from __future__ import annotations

import math

import numpy as np


def is_real_number(value) -> bool:
    """True for a Python or numpy int or float (bool excluded: ``True`` is not a parameter value)."""
    return not isinstance(value, bool) and isinstance(value, (int, float, np.integer, np.floating))


def is_finite_number(value) -> bool:
    """A real number that is neither infinite nor nan."""
    return is_real_number(value) and math.isfinite(value)


def is_whole_number(value, minimum: int = 1) -> bool:
    """True for an integer (not a bool) of at least ``minimum``: counts such as layer sizes or epochs."""
    return not isinstance(value, bool) and isinstance(value, (int, np.integer)) and value >= minimum


def check_count(label: str, value, minimum: int = 1):
    """``value`` if it is a whole number >= ``minimum``, else a ValueError naming ``label``."""
    if not is_whole_number(value, minimum):
        raise ValueError(f"{label} must be a whole number of at least {minimum}; got {value!r}.")
    return value
