"""Wrong answers to notebook 01's exercises, tried as a student would."""
import math
from fractions import Fraction

import numpy as np

import actlib
from actlib_course.exercises import notebook01_sigmoid as exercises

sigmoid = actlib.get("sigmoid")


# q3: sigmoid_backward(upstream, s) with s = σ(z) stored by the forward pass
def planted_bug_left(upstream, s):
    return upstream * s * (1 + s)


def without_upstream(upstream, s):
    return s * (1 - s)


def factor_s_missing(upstream, s):
    return upstream * (1 - s)


def times_the_output(upstream, s):
    return upstream * s


def slope_at_the_output(upstream, s):
    return upstream * sigmoid.derivative(s)


def sign_flipped(upstream, s):
    return -upstream * s * (1 - s)


def twice_the_slope(upstream, s):
    return upstream * s * (2 - s)


# q5: sigmoid_slope(z)
def textbook_identity(z):
    return sigmoid(z) * (1 - sigmoid(z))


def the_value(z):
    return float(sigmoid(z))


def square_missing(z):
    return math.exp(-z) / (1 + math.exp(-z))


def inner_derivative_missing(z):
    return 1 / (1 + math.exp(-z)) ** 2


def plus_sign(z):
    return sigmoid(z) * (1 + sigmoid(z))


def divides_by_zero(z):
    e = math.exp(-z)
    return e / (1 + e) ** 2 * z / z


def stable_slope(z):
    e = math.exp(-abs(z))
    return e / (1 + e) ** 2


def product_of_two_sigmoids(z):
    return float(sigmoid(z) * sigmoid(-z))


WRONG_ANSWERS = [
    # (exercise, answer, the slip or misconception behind it, words the message must contain)
    (exercises.q1, 0.25, "one σ′ factor, as if for one layer", ("one σ′ factor", "nine")),
    (exercises.q1, 0.5, "expects most of the gradient to survive", ("keeps most of the gradient",)),
    (exercises.q1, 1e-3, "too few orders of magnitude lost", ("too much",)),
    (exercises.q1, 1e-10, "too many orders of magnitude lost", ("too little",)),
    (exercises.q1, -6, "the exponent for the fraction", ("exponent",)),
    (exercises.q1, 2.25, "multiplied 9 × 1/4 instead of a power", ("more than the whole gradient",)),
    (exercises.q1, 0, "thinks the gradient vanishes exactly", ("positive",)),
    (exercises.q1, "a millionth", "words for a number", ("could not read",)),
    (exercises.q2, "sigma(2*z)*(1-sigma(2*z))", "left out the inner derivative", ("inner derivative",)),
    (exercises.q2, "2*sigma(z)*(1-sigma(z))", "σ′ at z instead of 2z", ("evaluated at the inner value 2z",)),
    (exercises.q2, "sigma(z)*(1-sigma(z))", "σ′(z) itself", ("σ′(z) itself",)),
    (exercises.q2, "4*sigma(2*z)*(1-sigma(2*z))", "inner derivative twice", ("once, not twice",)),
    (exercises.q2, "2*sigma(2*z)*(1+sigma(2*z))", "σ′ = σ(1 + σ)", ("1 + σ",)),
    (exercises.q2, "2*sigma(2*z)", "the value σ for the slope", ("sigmoid's value",)),
    (exercises.q2, "2*exp(-2*z)/(1+exp(-2*z))", "dropped the square of the denominator", ("square is missing",)),
    (exercises.q2, "-2*sigma(2*z)*(1-sigma(2*z))", "a sign slip", ("wrong sign",)),
    (exercises.q3, planted_bug_left, "left the planted bug", ("still the planted bug",)),
    (exercises.q3, without_upstream, "dropped the upstream gradient", ("upstream gradient",)),
    (exercises.q3, factor_s_missing, "σ′ = 1 − s", ("factor s is missing",)),
    (exercises.q3, times_the_output, "multiplied by the value s", ("output s",)),
    (exercises.q3, slope_at_the_output, "took σ′ at s, as if s were z", ("as if s were z",)),
    (exercises.q3, sign_flipped, "a sign slip", ("wrong sign",)),
    (exercises.q3, twice_the_slope, "no known slip: s(2 − s)", ("at s = ", "upstream = 0.7")),
    (exercises.q3, "upstream * s * (1 - s)", "a string of code for the function", ("the corrected function itself",)),
    (exercises.q4, "b", "raise the rate", ("treats the symptom",)),
    (exercises.q4, "c", "blames rounding", ("genuinely tiny",)),
    (exercises.q4, "d", "blames all-positive outputs", ("saturation does",)),
    (exercises.q5, textbook_identity, "the textbook σ(1 − σ), which rounds to 0 in the tail",
     ("at z = 37 your function returned 0",)),
    (exercises.q5, the_value, "returned σ(z)", ("returns σ(z), not its slope",)),
    (exercises.q5, square_missing, "dropped the square of the denominator", ("square of the denominator is missing",)),
    (exercises.q5, inner_derivative_missing, "dropped the inner derivative e^(−z)", ("inner derivative",)),
    (exercises.q5, plus_sign, "σ(1 + σ)", ("σ(1 + σ)",)),
    (exercises.q5, divides_by_zero, "a slip that fails at one point only", ("at z = 0 your function raised ZeroDivisionError",)),
]

RIGHT_ANSWERS = [   # correct answers in other forms than the written solution
    (exercises.q1, 1e-6), (exercises.q1, "3.8e-6"), (exercises.q1, 0.25 ** 10), (exercises.q1, Fraction(1, 4 ** 9)),
    (exercises.q1, "1e-6"), (exercises.q1, np.float64(2e-6)),
    (exercises.q2, "2*sigma(2*z)*(1-sigma(2*z))"), (exercises.q2, "2*exp(-2*z)/(1+exp(-2*z))**2"),
    (exercises.q2, "2*σ(2*z)*σ(-2*z)"),
    (exercises.q3, lambda upstream, s: upstream * (s - s * s)),
    (exercises.q4, "A"),
    (exercises.q5, sigmoid.derivative), (exercises.q5, stable_slope), (exercises.q5, product_of_two_sigmoids),
    (exercises.q5, lambda z: np.exp(-z) / (1 + np.exp(-z)) ** 2),  # fine for |z| <= 100
]

NOT_IN_MESSAGES = {   # the prediction's key in the words a message might use
    exercises.q1: ["10⁻⁶", "1e-6", "1e-06", "3.8", "0.25**9", "0.25 ** 9"],
}
