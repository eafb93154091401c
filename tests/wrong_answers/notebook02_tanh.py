"""Wrong answers to notebook 02's exercises, tried as a student would."""
import math

import numpy as np

from actlib_course.exercises import notebook02_tanh as exercises


# q3: tanh_backward(upstream, a) with a = tanh(z) stored by the forward pass
def planted_bug_left(upstream, a):
    return upstream * (1 - a) ** 2


def sigmoid_rule(upstream, a):
    return upstream * a * (1 - a)


def square_missing(upstream, a):
    return upstream * (1 - a)


def without_upstream(upstream, a):
    return 1 - a ** 2


def slope_at_the_output(upstream, a):
    return upstream * (1 - math.tanh(a) ** 2)


def sign_flipped(upstream, a):
    return -upstream * (1 - a ** 2)


def half_the_slope(upstream, a):
    return upstream * (1 - a ** 2) / 2


# q4: tanh_slope(z)
def textbook_identity(z):
    return 1 - math.tanh(z) ** 2


def sigmoid_rule_for_tanh(z):
    return math.tanh(z) * (1 - math.tanh(z))


def one_minus_tanh(z):
    return 1 - math.tanh(z)


def one_over_cosh(z):
    return 1 / math.cosh(z)


def plus_sign(z):
    return 1 + math.tanh(z) ** 2


def stable_slope(z):
    e = math.exp(-2 * abs(z))
    return 4 * e / (1 + e) ** 2


WRONG_ANSWERS = [
    # (exercise, answer, the slip or misconception behind it, words the message must contain)
    (exercises.q1, "1.7159*(1 - tanh(2*z/3)**2)", "left out the inner factor", ("inner factor is missing",)),
    (exercises.q1, "(2/3)*(1 - tanh(2*z/3)**2)", "dropped the constant 1.7159", ("outer factor 1.7159 is missing",)),
    (exercises.q1, "1.7159*(2/3)*(1 - tanh(z)**2)", "tanh′ at z instead of 2z/3", ("at the inside",)),
    (exercises.q1, "1.7159*(2/3)*(1 - tanh(2*z/3))", "forgot the square", ("square is missing",)),
    (exercises.q1, "1.7159*(2/3)*tanh(2*z/3)*(1 - tanh(2*z/3))", "the sigmoid's rule a(1 − a)", ("sigmoid's rule",)),
    (exercises.q1, "1.7159*(2/3)*(1 + tanh(2*z/3)**2)", "1 + tanh² for 1 − tanh²", ("1 + tanh²",)),
    (exercises.q1, "1.7159*(3/2)*(1 - tanh(2*z/3)**2)", "inverted the inner factor", ("upside down",)),
    (exercises.q1, "1.7159*tanh(2*z/3)", "gave f instead of f′", ("f(z) itself",)),
    (exercises.q1, "-1.7159*(2/3)*(1 - tanh(2*z/3)**2)", "a sign slip", ("wrong sign",)),
    (exercises.q2, (1e-3, 1e-18), "tanh: cubed the 10-layer share", ("tanh:", "cubed")),
    (exercises.q2, (1e-6, 1e-18), "tanh: took the sigmoid's 10-layer result", ("tanh:", "sigmoid's 10-layer result")),
    (exercises.q2, (0.9, 1e-18), "tanh: thinks tanh keeps nearly all", ("tanh:", "below 1")),
    (exercises.q2, (10, 1e-18), "tanh: thinks the gradient grows", ("tanh:", "more than the whole gradient")),
    (exercises.q2, (0.1, 1e-6), "sigmoid: no more loss after 10 layers", ("sigmoid:", "10-layer result")),
    (exercises.q2, (0.1, 1e-12), "sigmoid: two stretches of a millionth, not three", ("sigmoid:", "count how many")),
    (exercises.q2, (0.1, 1e-30), "sigmoid: shrinks faster and faster", ("sigmoid:", "29 factors")),
    (exercises.q2, (0.1, -18), "sigmoid: the exponent for the fraction", ("sigmoid:", "exponent")),
    (exercises.q2, (0.1, 0.05), "sigmoid: thinks it behaves like tanh", ("sigmoid:", "at most 1/4")),
    (exercises.q2, (1e-18, 0.1), "swapped the two", ("swapped",)),
    (exercises.q3, planted_bug_left, "left the planted bug", ("still squares the whole bracket",)),
    (exercises.q3, sigmoid_rule, "the sigmoid's a(1 − a)", ("sigmoid's rule",)),
    (exercises.q3, square_missing, "forgot the square", ("square is missing",)),
    (exercises.q3, without_upstream, "dropped the upstream gradient", ("ignores the upstream gradient",)),
    (exercises.q3, slope_at_the_output, "took tanh′ at a, as if a were z", ("as if a were z",)),
    (exercises.q3, sign_flipped, "a sign slip", ("wrong sign",)),
    (exercises.q3, half_the_slope, "no known slip: half the slope", ("at a = ",)),
    (exercises.q3, 0.75, "a number for the function", ("expected your function",)),
    (exercises.q4, textbook_identity, "the textbook 1 − tanh², which rounds to 0 in the tail",
     ("at z = 20 your function returned 0", "every digit is lost", "on both sides")),
    (exercises.q4, sigmoid_rule_for_tanh, "the sigmoid's rule", ("the sigmoid's rule",)),
    (exercises.q4, one_minus_tanh, "forgot the square", ("square is missing",)),
    (exercises.q4, one_over_cosh, "sech without the square", ("square is missing",)),
    (exercises.q4, math.tanh, "returned tanh itself", ("returns tanh(z), not its slope",)),
    (exercises.q4, plus_sign, "1 + tanh²", ("1 + tanh(z)²",)),
]

RIGHT_ANSWERS = [   # correct answers in other forms than the written solution
    (exercises.q1, "1.7159*2/3/cosh(2*z/3)**2"), (exercises.q1, "1.14393333333333*(1 - tanh(2*z/3)**2)"),
    (exercises.q1, "1.14393333*(1-tanh(2*z/3)**2)"), (exercises.q1, "1.7159*2/3*sech(2*z/3)**2"),
    (exercises.q2, (0.2, 1e-17)), (exercises.q2, "0.05, 1e-20"), (exercises.q2, [0.1, "1e-18"]),
    (exercises.q3, lambda upstream, a: upstream * (1 - a) * (1 + a)),
    (exercises.q4, stable_slope), (exercises.q4, lambda z: 4 * np.exp(-2 * abs(z)) / (1 + np.exp(-2 * abs(z))) ** 2),
]

NOT_IN_MESSAGES = {   # the predictions' keys in the words a message might use
    exercises.q2: ["10⁻¹⁸", "(10⁻⁶)³", "a tenth", "10¹²"],
}
