"""Wrong answers to notebook 09's exercises, tried as a student would."""
import math
from fractions import Fraction

import numpy as np

from actlib_course.exercises import notebook09_derivative_card as exercises


def sigmoid_slope_no_square(z):
    e = math.exp(-abs(z))
    return e / (1 + e)


def sigmoid_slope_textbook(z):                   # σ(1 − σ): loses every digit for large z
    s = 1 / (1 + math.exp(-z))
    return s * (1 - s)


def sigmoid_slope_exp_of_abs(z):                 # |z| in the wrong place: exp(|z|) overflows
    e = math.exp(abs(z))
    return e / (1 + e) ** 2


def sigmoid_slope_caught_overflow(z):            # catches the overflow and returns 0
    try:
        e = math.exp(-z)
        return e / (1 + e) ** 2
    except OverflowError:
        return 0.0


def sigmoid_slope(z):
    e = math.exp(-abs(z))
    return e / (1 + e) ** 2


def sigmoid_slope_cosh(z):                       # right in the middle, but cosh overflows beyond |z| ≈ 1420
    return 0.25 / math.cosh(z / 2) ** 2


def sigmoid_slope_numpy(z):
    e = np.exp(-np.abs(z))
    return e / (1 + e) ** 2


WRONG_ANSWERS = [
    # (exercise, answer, the slip or misconception behind it, words the message must contain)
    (exercises.q1, 0.13 ** 10, "compounded the loss of every layer alike", ("too small",)),
    (exercises.q1, 0.227 ** 10, "compounded the 10-layer loss ten times", ("10-layer loss compounded",)),
    (exercises.q1, 0.13, "thought the deep layers lose nothing (the 30-layer value)", ("30 layers keep",)),
    (exercises.q1, 1.5, "more than all of the gradient", ("tanh′ ≤ 1",)),
    (exercises.q1, -0.1, "a negative fraction", ("positive",)),
    (exercises.q1, -2, "gave the exponent, not the fraction", ("exponent",)),
    (exercises.q1, 0.5, "thought a tanh chain keeps half", ("too large",)),
    (exercises.q2, "a", "a larger rate to make up for the small gradient", ("cannot undo",)),
    (exercises.q2, "c", "SELU lets the gradient through", ("a smaller rate",)),
    (exercises.q2, "d", "blamed the output layer", ("one layer",)),
    (exercises.q3, exercises._buggy_sigmoid_slope, "left the planted bug in", ("z = -400",)),
    (exercises.q3, sigmoid_slope_no_square, "dropped the square", ("at z =",)),
    (exercises.q3, sigmoid_slope_textbook, "the textbook σ(1 − σ)", ("at z =",)),
    (exercises.q3, sigmoid_slope_exp_of_abs, "exp(|z|) instead of exp(−|z|)", ("at z =",)),
    (exercises.q3, sigmoid_slope_caught_overflow, "caught the overflow and returned 0", ("returned 0",)),
    (exercises.q3, sigmoid_slope_cosh, "the sech² form, which overflows far out", ("OverflowError",)),
]

RIGHT_ANSWERS = [   # correct answers in other forms than the written solution
    (exercises.q1, 0.015),
    (exercises.q1, "0.02"),
    (exercises.q1, "1/50"),
    (exercises.q1, "1%"),
    (exercises.q1, Fraction(1, 100)),
    (exercises.q1, np.float32(0.01)),
    (exercises.q2, "(b)"),
    (exercises.q3, sigmoid_slope),
    (exercises.q3, sigmoid_slope_numpy),
]
