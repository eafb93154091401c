"""Wrong answers to notebook 03's exercises, tried as a student would."""
from fractions import Fraction

import numpy as np

from actlib_course.exercises import notebook03_relu as exercises


# q5: relu_backward(upstream, a) with a = relu(z) stored by the forward pass
def planted_bug_left(upstream, a):
    return upstream * (a >= 0)


def heaviside_at_one(upstream, a):   # the planted bug in numpy's words: H(0) = 1
    return upstream * np.heaviside(a, 1.0)


def times_the_output(upstream, a):
    return upstream * a


def mask_inverted(upstream, a):
    return upstream * (a <= 0)


def mask_never_true(upstream, a):
    return upstream * (a < 0)


def relu_of_the_gradient(upstream, a):
    return np.maximum(0.0, upstream)


def sign_flipped(upstream, a):
    return -upstream * (a > 0)


def without_upstream(upstream, a):
    return float(a > 0)


def threshold_at_a_half(upstream, a):
    return upstream * (a > 0.5)


def every_sign_flipped(*args):   # coursework's all-wrong student, on a function returning one number
    return tuple(-part for part in (args[0] * (args[1] > 0)))


def fixed_with_where(upstream, a):
    return np.where(a > 0, upstream, 0.0)


def fixed_with_if(upstream, a):
    return upstream if a > 0 else 0.0


def fixed_with_sign(upstream, a):
    return upstream * np.sign(a)


WRONG_ANSWERS = [
    # (exercise, answer, the slip or misconception behind it, words the message must contain)
    (exercises.q1, (0, 1), "f′(1): left out the inner factor", ("f′(1):", "inner slope")),
    (exercises.q1, (0, 0), "f′(1): the flat branch at z = 1", ("f′(1):", "positive")),
    (exercises.q1, (2, 2), "f′(0.25): the rising branch at z = 0.25", ("f′(0.25):", "negative")),
    (exercises.q1, (1, 2), "f′(0.25): relu′ = 1 everywhere", ("f′(0.25):", "rising branch")),
    (exercises.q1, (-0.5, 2), "f′(0.25): the inside's value for a slope", ("f′(0.25):", "not a slope")),
    (exercises.q1, (0, -2), "f′(1): a sign slip", ("f′(1):", "wrong sign")),
    (exercises.q1, (2, 0), "swapped the two", ("swapped",)),
    (exercises.q2, 2 / 6, "z = 0 at the largest input counted as alive", ("2/6", "exactly 0")),
    (exercises.q2, 4 / 6, "b = −0.5 counted as dead", ("4/6", "x = 1")),
    (exercises.q2, 1 / 6, "counted only the most negative bias", ("1/6",)),
    (exercises.q2, 3, "the count for the fraction", ("count",)),
    (exercises.q2, 50, "a percent for a fraction", ("percent",)),
    (exercises.q2, 0, "thinks no unit is dead", ("too small",)),
    (exercises.q3, "b", "takes seed 0 as typical", ("typical start",)),
    (exercises.q3, "c", "expects more units to die", ("overshoot",)),
    (exercises.q3, "a", "expects a different start to be gentle", ("not make 0.2 a gentle rate",)),
    (exercises.q4, "a", "more steps", ("more steps change nothing",)),
    (exercises.q4, "b", "lower the rate later", ("cannot revive them",)),
    (exercises.q4, "d", "the output layer's rate", ("their own weight and bias",)),
    (exercises.q5, planted_bug_left, "left the planted bug: a >= 0 is always true", ("still the planted bug", "no unit is ever dead")),
    (exercises.q5, heaviside_at_one, "the planted bug in numpy's words, H(0) = 1", ("still the planted bug",)),
    (exercises.q5, times_the_output, "multiplied by the output a", ("output a itself",)),
    (exercises.q5, mask_inverted, "mask the wrong way round", ("wrong way round",)),
    (exercises.q5, mask_never_true, "a < 0, never true for an output", ("returns 0 for every output",)),
    (exercises.q5, relu_of_the_gradient, "applied ReLU to the upstream gradient", ("sign of the upstream gradient",)),
    (exercises.q5, sign_flipped, "a sign slip", ("wrong sign",)),
    (exercises.q5, without_upstream, "dropped the upstream gradient", ("ignores the upstream gradient",)),
    (exercises.q5, threshold_at_a_half, "no known slip: a wrong threshold", ("a = 0.25", "a unit that is on")),
    (exercises.q5, every_sign_flipped, "returns a tuple (coursework's all-wrong student)", ("raised",)),
    (exercises.q5, 1.0, "a number for the function", ("expected your function",)),
]

RIGHT_ANSWERS = [   # correct answers in other forms than the written solution
    (exercises.q1, [0.0, 2.0]), (exercises.q1, "(0, 2)"), (exercises.q1, np.array([0, 2])),
    (exercises.q2, 0.5), (exercises.q2, "3/6"), (exercises.q2, Fraction(1, 2)), (exercises.q2, "50%"),
    (exercises.q3, "D"), (exercises.q4, "(C)"),
    (exercises.q5, fixed_with_where), (exercises.q5, fixed_with_if), (exercises.q5, fixed_with_sign),
    (exercises.q5, lambda upstream, a: upstream * (a != 0)),
]

NOT_IN_MESSAGES = {   # the key in the words a message might use
    exercises.q2: ["3/6", "three units", "three of", "b = −1 counts", "half"],
    exercises.q5: ["a > 0)", "(a>0)"],
}
