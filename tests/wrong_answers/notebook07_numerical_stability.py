"""Wrong answers to notebook 07's exercises, tried as a student would."""
import math

import numpy as np

from actlib_course.exercises import notebook07_numerical_stability as exercises


def log_sigmoid_naive(z):                        # the prompt's naive form
    return math.log(1 / (1 + math.exp(-z)))


def log_sigmoid_both_signs_flipped(z):
    return math.log(1 + math.exp(z))


def log_sigmoid_of_minus_z(z):
    return -math.log(1 + math.exp(z))


def log_sigmoid_is_sigmoid(z):
    return 1 / (1 + math.exp(-z))


def log_sigmoid_log1p_one_branch(z):             # log1p, but exp(−z) overflows for z ≪ 0
    return -math.log1p(math.exp(-z))


def log_sigmoid_clipped(z):                      # clipping z keeps exp finite, but changes the function
    z = max(min(z, 30.0), -30.0)
    return -math.log1p(math.exp(-z))


def stable_sigmoid_swapped(z):
    e = math.exp(-abs(z))
    return e / (1 + e) if z >= 0 else 1 / (1 + e)


def stable_sigmoid_e_over_one_plus_e_everywhere(z):
    e = math.exp(-abs(z))
    return e / (1 + e)


def stable_sigmoid_plain(z):                     # "just use the textbook form"
    return 1 / (1 + math.exp(-z))


def stable_sigmoid_tanh_form_float32(z):         # a right identity, computed in float32
    return float(np.float32(0.5) * (np.float32(1) + np.tanh(np.float32(z) / np.float32(2))))


def log_sigmoid(z):
    return min(z, 0.0) - math.log1p(math.exp(-abs(z)))


def stable_sigmoid(z):
    e = math.exp(-abs(z))
    return 1 / (1 + e) if z >= 0 else e / (1 + e)


WRONG_ANSWERS = [
    # (exercise, answer, the slip or misconception behind it, words the message must contain)
    (exercises.q1, -16, "took the rounding of σ(30) itself as the relative error", ("rounding of σ(30) itself",)),
    (exercises.q1, -13, "gave the size of the slope", ("size of the slope",)),
    (exercises.q1, 0, "thought every digit is lost at z = 30", ("36.7",)),
    (exercises.q1, 0.001, "the value where the exponent is asked", ("exponent",)),
    (exercises.q1, 1e-16, "the value of the rounding error where the exponent is asked", ("exponent",)),
    (exercises.q1, 3, "dropped the minus sign of the power", ("wrong sign",)),
    (exercises.q1, -1, "thought most digits are lost", ("too pessimistic",)),
    (exercises.q1, -10, "a relative error far smaller than the subtraction leaves", ("too optimistic",)),
    (exercises.q1, -30, "the exponent of e^(−30) as the error's power", ("float64's own rounding",)),
    (exercises.q2, log_sigmoid_naive, "the naive form, as the prompt shows",
     ("at z = -710 your function raised OverflowError", "every digit is lost")),
    (exercises.q2, log_sigmoid_both_signs_flipped, "both signs flipped", ("both signs are flipped",)),
    (exercises.q2, log_sigmoid_of_minus_z, "the sign inside exp flipped", ("sign inside the exponential",)),
    (exercises.q2, log_sigmoid_is_sigmoid, "returned σ instead of its logarithm", ("its logarithm",)),
    (exercises.q2, log_sigmoid_log1p_one_branch, "log1p for z ≥ 0 only", ("OverflowError",)),
    (exercises.q2, log_sigmoid_clipped, "clipped z to keep exp finite", ("at z =",)),
    (exercises.q3, exercises._buggy_stable_sigmoid, "left the planted bug in",
     ("raised ZeroDivisionError", "at z = -710 it returned 0")),
    (exercises.q3, stable_sigmoid_swapped, "swapped the two branches", ("branches are swapped",)),
    (exercises.q3, stable_sigmoid_e_over_one_plus_e_everywhere, "used the z < 0 form for every z", ("σ(−z)",)),
    (exercises.q3, stable_sigmoid_plain, "went back to the textbook form", ("OverflowError",)),
    (exercises.q3, stable_sigmoid_tanh_form_float32, "a right identity computed in float32", ("at z =",)),
    (exercises.q4, "a", "thought the slope underflows float16", ("representable",)),
    (exercises.q4, "c", "thought exp(10) overflows float16", ("65504",)),
    (exercises.q4, "d", "thought a larger rate moves a zero gradient", ("exactly 0",)),
]

RIGHT_ANSWERS = [   # correct answers in other forms than the written solution
    (exercises.q1, -2),
    (exercises.q1, -4),
    (exercises.q1, "-3"),
    (exercises.q1, np.int64(-3)),
    (exercises.q2, log_sigmoid),
    (exercises.q3, stable_sigmoid),
    (exercises.q4, "B"),
    (exercises.q4, " b "),
]
