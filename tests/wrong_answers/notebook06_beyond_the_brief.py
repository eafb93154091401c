"""Wrong answers to notebook 06's exercises, tried as a student would."""
import math

import numpy as np

from actlib_course.exercises import notebook06_beyond_the_brief as exercises

_Phi, _phi = exercises._normal_cdf, exercises._normal_density


def gelu_slope_bug_left_in(z):
    return _Phi(z) + _phi(z)


def gelu_slope_first_term_only(z):
    return _Phi(z)


def gelu_slope_minus(z):
    return _Phi(z) - z * _phi(z)


def gelu_slope_second_term_only(z):
    return z * _phi(z)


def gelu_slope_density_unnormalised(z):         # φ without the 1/√(2π)
    return _Phi(z) + z * math.exp(-z ** 2 / 2)


def gelu_slope_tanh_approximation(z):           # the tanh approximation's slope: right to 3 digits, not 8
    inner = math.sqrt(2 / math.pi) * (z + 0.044715 * z ** 3)
    t = math.tanh(inner)
    return 0.5 * (1 + t) + 0.5 * z * (1 - t ** 2) * math.sqrt(2 / math.pi) * (1 + 3 * 0.044715 * z ** 2)


def softplus_naive(z):
    return math.log(1 + math.exp(z))


def softplus_log1p_only(z):                      # log1p, but exp(z) still overflows
    return math.log1p(math.exp(z))


def softplus_flipped(z):
    return math.log1p(math.exp(-z))


def softplus_is_sigmoid(z):
    return 1 / (1 + math.exp(-z))


def softplus_large_branch_everywhere(z):
    return max(z, 0.0) + math.log1p(math.exp(-z))


def softplus_relu(z):                            # "for large |z| it is max(z, 0)": not to 12 digits
    return max(z, 0.0)


def gelu_slope(z):
    return _Phi(z) + z * _phi(z)


def softplus_numpy(z):
    return float(np.logaddexp(0.0, z))


WRONG_ANSWERS = [
    # (exercise, answer, the slip or misconception behind it, words the message must contain)
    (exercises.q1, gelu_slope_bug_left_in, "left the planted bug: Φ + φ", ("factor z is missing",)),
    (exercises.q1, gelu_slope_first_term_only, "dropped the product rule's second term", ("Φ(z) alone",)),
    (exercises.q1, gelu_slope_minus, "subtracted the second term", ("sign slip",)),
    (exercises.q1, gelu_slope_second_term_only, "kept only the second term", ("first term Φ(z) is missing",)),
    (exercises.q1, gelu_slope_density_unnormalised, "wrote φ without its 1/√(2π)", ("at z =",)),
    (exercises.q1, gelu_slope_tanh_approximation, "used the tanh approximation of GELU", ("at z =",)),
    (exercises.q2, softplus_naive, "the naive formula, as the prompt suggests trying",
     ("at z = 710 your function raised OverflowError", "at z = -37 it returned 0")),
    (exercises.q2, softplus_log1p_only, "log1p but no split: exp still overflows", ("OverflowError",)),
    (exercises.q2, softplus_flipped, "the sign inside exp flipped", ("sign inside exp is flipped",)),
    (exercises.q2, softplus_is_sigmoid, "wrote softplus′ = σ instead of softplus", ("softplus′",)),
    (exercises.q2, softplus_large_branch_everywhere, "used the z ≥ 0 form for every z", ("form for z ≥ 0",)),
    (exercises.q2, softplus_relu, "replaced softplus by ReLU", ("at z =",)),
    (exercises.q3, -0.278465, "gave SiLU's minimum (β = 1)", ("SiLU's minimum",)),
    (exercises.q3, -0.557, "multiplied by β instead of dividing", ("divided by β",)),
    (exercises.q3, 0.139232, "dropped the minus sign", ("below 0",)),
    (exercises.q3, -0.639, "gave where the minimum is", ("where the minimum is",)),
    (exercises.q3, -1.278, "gave where SiLU's minimum is", ("where SiLU's minimum is",)),
    (exercises.q3, -0.0696, "divided by β² instead of β", ("β²",)),
    (exercises.q3, -0.0919, "evaluated z·σ(2z) at SiLU's minimiser", ("−1.278",)),
    (exercises.q3, -0.1392, "four significant digits where six are asked", ("digits",)),
    (exercises.q4, -2, "took what 10 layers keep", ("10 layers keep",)),
    (exercises.q4, -3, "a little more than 10 layers", ("19 times",)),
    (exercises.q4, 0, "thought GELU keeps the gradient's size", ("below 1",)),
    (exercises.q4, 1e-5, "the value where the exponent is asked", ("exponent",)),
    (exercises.q4, 0.55 ** 19, "computed 0.55¹⁹ and gave it as it is", ("exponent",)),
    (exercises.q4, -10, "squared the loss instead of compounding it", ("19 layers",)),
    (exercises.q4, 5, "dropped the minus sign of the power", ("wrong sign",)),
    (exercises.q4, -19, "one power of ten per layer", ("each of the 19 layers", "about 0.1")),
]

RIGHT_ANSWERS = [   # correct answers in other forms than the written solution
    (exercises.q1, gelu_slope),
    (exercises.q2, softplus_numpy),
    (exercises.q3, "-LambertW(exp(-1))/2"),
    (exercises.q3, -0.1392323),
    (exercises.q3, "-0.139232"),
    (exercises.q3, "−0.139232"),       # the unicode minus, as copied from a page
    (exercises.q4, -4),
    (exercises.q4, -6),
    (exercises.q4, "-5"),
    (exercises.q4, np.int64(-5)),
]
