"""Wrong answers to notebook 00's exercises, tried as a student would."""
from fractions import Fraction

import numpy as np

import actlib
from actlib_course.exercises import notebook00_start_here as exercises

sigmoid = actlib.get("sigmoid")


# q3: corrected (or not) versions of weight_gradient(x, w, b, y), as a student might hand them in
def planted_bug_left(x, w, b, y):
    z = w * x + b
    a = sigmoid(z)
    return (a - y) * sigmoid(z) * x


def bias_gradient(x, w, b, y):
    z = w * x + b
    return (sigmoid(z) - y) * sigmoid.derivative(z)


def times_w_for_x(x, w, b, y):
    z = w * x + b
    return (sigmoid(z) - y) * sigmoid.derivative(z) * w


def slope_with_plus(x, w, b, y):
    z = w * x + b
    a = sigmoid(z)
    return (a - y) * a * (1 + a) * x


def loss_derivative_only(x, w, b, y):
    return sigmoid(w * x + b) - y


def target_minus_output(x, w, b, y):
    z = w * x + b
    return (y - sigmoid(z)) * sigmoid.derivative(z) * x


def slope_at_w(x, w, b, y):
    z = w * x + b
    return (sigmoid(z) - y) * sigmoid.derivative(w) * x


def fixed_weight_gradient(x, w, b, y):
    z = w * x + b
    return (sigmoid(z) - y) * sigmoid.derivative(z) * x


def fixed_from_the_output(x, w, b, y):
    a = sigmoid(w * x + b)
    return (a - y) * a * (1 - a) * x


WRONG_ANSWERS = [
    # (exercise, answer, the slip or misconception behind it, words the message must contain)
    (exercises.q1, 1.0, "thinks two hidden layers make the network curved", ("one affine map",)),
    (exercises.q1, 0.99, "expects the tanh network's accuracy", ("like the tanh network's",)),
    (exercises.q1, 0.67, "expects training to find the most accurate line", ("training does not search for the most accurate line",)),
    (exercises.q1, 0.8, "expects a little better than a line", ("more than any straight line scores",)),
    (exercises.q1, 0.3, "expects worse than the logistic model", ("below chance",)),
    (exercises.q1, 50, "a percent for a fraction", ("fraction between 0 and 1", "percent")),
    (exercises.q2, 0.25, "took y − a for a − y", ("wrong sign", "its size is right")),
    (exercises.q2, -0.5, "dropped the ½ of the loss", ("the ½ of the loss dropped",)),
    (exercises.q2, -0.5, "used σ(0) for σ′(0)", ("σ(0) used for σ′(0)",)),
    (exercises.q2, -1, "left out σ′(z)", ("σ′(z) is missing",)),
    (exercises.q2, -0.125, "left out ∂z/∂w = x (the bias gradient)", ("∂L/∂b", "x is missing")),
    (exercises.q2, -0.0625, "used w for ∂z/∂w", ("uses w",)),
    (exercises.q2, -0.75, "σ′ = σ(1 + σ)", ("σ(1 + σ)",)),
    (exercises.q2, -0.106, "forgot the bias in z", ("without the bias",)),
    (exercises.q2, -0.1875, "no known slip: smaller in size", ("too small in size",)),
    (exercises.q2, -2, "no known slip: larger in size", ("too large in size",)),
    (exercises.q2, "minus a quarter", "words for a number", ("could not read",)),
    (exercises.q3, planted_bug_left, "left the planted bug: the value σ(z) for the slope", ("still multiplies by σ(z)", "value")),
    (exercises.q3, bias_gradient, "dropped the factor x", ("∂L/∂b",)),
    (exercises.q3, times_w_for_x, "multiplied by w for ∂z/∂w", ("multiplies by w",)),
    (exercises.q3, slope_with_plus, "σ′ written as σ(1 + σ)", ("σ(1 + σ)",)),
    (exercises.q3, loss_derivative_only, "returned ∂L/∂a alone", ("a − y alone",)),
    (exercises.q3, target_minus_output, "y − a for a − y", ("wrong sign",)),
    (exercises.q3, slope_at_w, "the slope taken at w instead of z", ("at w = ",)),
    (exercises.q3, fixed_weight_gradient(1.5, 1.0, -0.2, 1.0), "handed in a number, not the function", ("the corrected function itself",)),
    (exercises.q4, "c", "thinks the steps overshoot", ("overshooting",)),
    (exercises.q4, "a", "blames the error a − y", ("tiny is σ′(z)",)),
    (exercises.q4, "d", "thinks the update goes the wrong way", ("subtracting the gradient is right",)),
]

RIGHT_ANSWERS = [   # correct answers in other forms than the written solution
    (exercises.q1, "1/2"), (exercises.q1, 0.45), (exercises.q1, 0.6), (exercises.q1, np.float64(0.52)),
    (exercises.q1, "50%"),
    (exercises.q2, "-1/4"), (exercises.q2, Fraction(-1, 4)), (exercises.q2, np.float32(-0.25)), (exercises.q2, "-0.25"),
    (exercises.q3, fixed_weight_gradient), (exercises.q3, fixed_from_the_output),
    (exercises.q4, " B "), (exercises.q4, "(b)"),
]
