"""Wrong answers to notebook 08's exercises, tried as a student would."""
import math
from fractions import Fraction

import numpy as np

from actlib_course.exercises import notebook08_finite_differences as exercises


def numeric_slope_forward_over_two_h(z, h=1e-5):   # numerator of a forward difference over 2h
    return (math.tanh(z + h) - math.tanh(z)) / (2 * h)


def numeric_slope_still_divided_by_h(z, h=1e-5):   # the planted bug, with the points swapped
    return (math.tanh(z - h) - math.tanh(z + h)) / h


def numeric_slope_wrong_sign(z, h=1e-5):           # fixed the width, swapped the points
    return (math.tanh(z - h) - math.tanh(z + h)) / (2 * h)


def numeric_slope_tiny_step(z, h=1e-15):            # a smaller h "to be more accurate": rounding takes over
    return (math.tanh(z + h) - math.tanh(z - h)) / (2 * h)


def numeric_slope_forward(z, h=1e-5):               # a forward difference: right to 5 digits, not 7
    return (math.tanh(z + h) - math.tanh(z)) / h


def numeric_slope(z, h=1e-5):
    return (math.tanh(z + h) - math.tanh(z - h)) / (2 * h)


def numeric_slope_complex_step(z, h=1e-20):
    return float(np.tanh(complex(z, h)).imag / h)


WRONG_ANSWERS = [
    # (exercise, answer, the slip or misconception behind it, words the message must contain)
    (exercises.q1, 1e-7, "error proportional to h", ("proportional to h",)),
    (exercises.q1, 1e-9, "error proportional to h³", ("h³",)),
    (exercises.q1, 1e-4, "thought a smaller step grows the error a hundredfold", ("shrinks the truncation error",)),
    (exercises.q1, 1e-5, "thought the error grows like rounding error", ("rounding error",)),
    (exercises.q1, 1e-6, "thought the error does not depend on h", ("unchanged",)),
    (exercises.q1, 1e-10, "error proportional to h⁴", ("h⁴",)),
    (exercises.q1, -8, "gave the exponent where the value is asked", ("exponent",)),
    (exercises.q2, -16, "took eps itself as the step", ("eps itself",)),
    (exercises.q2, -8, "the forward difference's best step", ("forward difference's best step",)),
    (exercises.q2, -2, "a step as large as the truncation error allows", ("truncation error",)),
    (exercises.q2, 2.4e-05, "the value h* where its exponent is asked", ("exponent",)),
    (exercises.q2, 1e-05, "10⁻⁵ written as a value", ("exponent",)),
    (exercises.q2, -12, "a step far too small", ("rounding error", "a larger step")),
    (exercises.q2, -3, "a step too large", ("truncation error", "a smaller step")),
    (exercises.q3, 0, "a real difference with h = 1e-20", ("3 + 1e-20 rounds to 3",)),
    (exercises.q3, 6e-20, "forgot to divide by h", ("not yet divided by h",)),
    (exercises.q3, 6e-40, "multiplied by h instead of dividing", ("multiplied by h",)),
    (exercises.q3, 6e20, "divided by h twice", ("divided by h twice",)),
    (exercises.q3, 9, "took the real part", ("real part",)),
    (exercises.q3, 5.9, "rounded the result down", ("too small",)),
    (exercises.q3, -6, "a sign slip", ("wrong sign",)),
    (exercises.q4, "a", "thought relu′(0) must be 0.5", ("legitimate choice",)),
    (exercises.q4, "c", "thought a larger h removes the disagreement", ("exactly 1/2 for every h",)),
    (exercises.q4, "d", "thought the forward difference agrees at the kink", ("other one-sided slope",)),
    (exercises.q5, exercises._buggy_numeric_slope, "left the planted bug in", ("divides by h",)),
    (exercises.q5, numeric_slope_forward_over_two_h, "a forward difference over 2h", ("half a forward difference",)),
    (exercises.q5, numeric_slope_still_divided_by_h, "swapped the points instead of fixing the width", ("−2 × tanh′",)),
    (exercises.q5, numeric_slope_wrong_sign, "fixed the width, swapped the points", ("wrong sign",)),
    (exercises.q5, numeric_slope_tiny_step, "a tiny step, rounding takes over", ("at z =",)),
    (exercises.q5, numeric_slope_forward, "a forward difference", ("at z =",)),
]

RIGHT_ANSWERS = [   # correct answers in other forms than the written solution
    (exercises.q1, "1e-8"),
    (exercises.q1, 1e-6 / 100),
    (exercises.q1, "10**-8"),
    (exercises.q2, -4),
    (exercises.q2, -6),
    (exercises.q2, "-5"),
    (exercises.q3, 6),
    (exercises.q3, "6"),
    (exercises.q3, Fraction(6)),
    (exercises.q3, np.float64(6.0)),
    (exercises.q4, "(b)"),
    (exercises.q5, numeric_slope),
    (exercises.q5, numeric_slope_complex_step),
]
