"""Wrong answers to notebook 05's exercises, tried as a student would."""
from fractions import Fraction

import numpy as np

from actlib_course.exercises import notebook05_gradient_flow as exercises


def _tanh_slope(z):
    return 1 - np.tanh(z) ** 2


def backward_no_slope(u, z, W, a):               # forgot tanh′: δ = upstream
    return a.T @ u, u.sum(axis=0), u @ W.T


def backward_db_without_slope(u, z, W, a):       # δ right for dW, but db from upstream
    delta = u * _tanh_slope(z)
    return a.T @ delta, u.sum(axis=0), delta @ W.T


def backward_sigmoid_form(u, z, W, a):           # a(1 − a), the sigmoid's slope in its output
    delta = u * np.tanh(z) * (1 - np.tanh(z))
    return a.T @ delta, delta.sum(axis=0), delta @ W.T


def backward_planted_bug(u, z, W, a):            # 1 − z², left in
    delta = u * (1 - z ** 2)
    return a.T @ delta, delta.sum(axis=0), delta @ W.T


def backward_transposed_dW(u, z, W, a):          # δ fixed, dW transposed
    delta = u * _tanh_slope(z)
    return delta.T @ a, delta.sum(axis=0), delta @ W.T


def backward_db_not_summed(u, z, W, a):          # db per example
    delta = u * _tanh_slope(z)
    return a.T @ delta, delta, delta @ W.T


def backward_db_doubled(u, z, W, a):             # no known slip: db twice too large
    delta = u * _tanh_slope(z)
    return a.T @ delta, 2 * delta.sum(axis=0), delta @ W.T


def backward_dW_negated(u, z, W, a):             # a minus sign on dW only
    delta = u * _tanh_slope(z)
    return -(a.T @ delta), delta.sum(axis=0), delta @ W.T


def backward_tanh_squared(u, z, W, a):           # tanh² for tanh′: no known slip
    delta = u * np.tanh(z) ** 2
    return a.T @ delta, delta.sum(axis=0), delta @ W.T


def backward_two_values(u, z, W, a):             # forgot d_a_previous
    delta = u * _tanh_slope(z)
    return a.T @ delta, delta.sum(axis=0)


def backward_step(u, z, W, a):
    delta = u * _tanh_slope(z)
    return [a.T @ delta, delta.sum(axis=0), delta @ W.T]


WRONG_ANSWERS = [
    # (exercise, answer, the slip or misconception behind it, words the message must contain)
    (exercises.q1, 0.25, "one factor σ′(0) for the whole chain", ("one factor",)),
    (exercises.q1, 1e-3, "ten factors of σ(0) = 1/2, the value for the slope", ("1/2", "value")),
    (exercises.q1, 0.25 ** 6, "six factors: the lab's six layers", ("power 6", "Count")),
    (exercises.q1, 1e-10, "a factor of 1/10 per layer", ("too small", "per layer")),
    (exercises.q1, 0.25 ** 20, "twenty factors: σ′ and a weight of 1/4 per layer", ("power 20",)),
    (exercises.q1, 2, "thought the gradient grows on its way down", ("at least as much",)),
    (exercises.q1, -6, "gave the exponent, not the ratio", ("exponent",)),
    (exercises.q1, -1e-6, "a negative ratio", ("positive",)),
    (exercises.q2, "a", "thought dead units never revive", ("inputs are the outputs of the layers below",)),
    (exercises.q2, "c", "thought every dead unit revives", ("inputs are the data",)),
    (exercises.q2, "d", "thought He's start prevents dying", ("large learning rate",)),
    (exercises.q3, {"learning_rate": 3.0}, "a larger rate for a vanishing gradient", ("ratio is the problem",)),
    (exercises.q3, {"learning_rate": 0.03}, "a smaller rate", ("smaller rate", "ratio is the problem")),
    (exercises.q3, {"init": "he"}, "He's larger weights", ("milder, not gone",)),
    (exercises.q3, {"hidden_layers": 2}, "fewer sigmoid layers", ("learns slowly",)),
    (exercises.q3, {"activation": "silu"}, "an activation that stalls: no dead unit, the gradient gets through",
     ("it stalled", "does reach layer 1")),
    (exercises.q3, {"width": 32}, "wider layers", ("tiny share",)),
    (exercises.q3, {"activation": "tanh", "hidden_layers": 2}, "two changes at once", ("change exactly one thing",)),
    (exercises.q3, {"epochs": 3000}, "more epochs", ("fixed at 300 epochs",)),
    (exercises.q3, "tanh", "the activation's name instead of a change", ("a dict of one knob",)),
    (exercises.q4, {"init": "glorot"}, "blamed the start", ("healthy before training",)),
    (exercises.q4, {"bias_init": 0.1}, "a positive bias to keep units alive", ("units died in 2 of 3 seeds",)),
    (exercises.q4, {"activation": "leaky_relu"}, "leaky ReLU: no unit can die", ("diverged", "symptom")),
    (exercises.q4, {"learning_rate": 10.0}, "a larger rate", ("Larger steps still",)),
    (exercises.q4, {"learning_rate": 2.0}, "a rate a little smaller", ("still large enough",)),
    (exercises.q4, {"width": 32}, "wider layers", ("die the same way",)),
    (exercises.q4, {"learning_rate": 1e-4}, "a rate far too small", ("hardly moved", "not at this value")),
    (exercises.q5, {"learning_rate": 3.0}, "a larger rate to push through", ("diverged",)),
    (exercises.q5, {"learning_rate": 0.1}, "a smaller rate", ("stays on tanh's flat part",)),
    (exercises.q5, {"activation": "relu"}, "swapped tanh for ReLU", ("units died", "fails its own way")),
    (exercises.q5, {"init": "he"}, "He's larger weights", ("learns slowly",)),
    (exercises.q5, {"bias_init": -3.0}, "flipped the biases' sign", ("tanh′ is even",)),
    (exercises.q5, {"hidden_layers": 1}, "a single layer with the same biases", ("it saturated",)),
    (exercises.q6, backward_planted_bug, "left the planted bug in", ("1 − z² uses z where tanh(z) belongs",)),
    (exercises.q6, backward_no_slope, "forgot the factor tanh′", ("dW: the factor g′(z) is missing",)),
    (exercises.q6, backward_db_without_slope, "db from upstream, not δ", ("db: the factor g′(z) is missing",)),
    (exercises.q6, backward_sigmoid_form, "the sigmoid's a(1 − a) for tanh′", ("sigmoid's derivative",)),
    (exercises.q6, backward_transposed_dW, "a transposed dW", ("the transpose",)),
    (exercises.q6, backward_db_not_summed, "db not summed over the examples", ("summed over the examples",)),
    (exercises.q6, backward_db_doubled, "db twice too large", ("db is 2 times", "constant factor")),
    (exercises.q6, backward_dW_negated, "a minus sign on dW", ("dW has the wrong sign",)),
    (exercises.q6, backward_tanh_squared, "tanh² for tanh′, no known slip", ("dW differs", "most at entry")),
    (exercises.q6, backward_two_values, "returned two gradients", ("returned a tuple of 2",)),
    (exercises.q7, 1, "thought a dead layer passes the gradient on", ("active ReLU unit",)),
    (exercises.q7, -1, "a negative norm", ("never negative",)),
    (exercises.q7, 0.5, "thought the gradient halves", ("too large",)),
    (exercises.q7, 0.01, "thought a little leaks through", ("too large",)),
]

RIGHT_ANSWERS = [   # correct answers in other forms than the written solution
    (exercises.q1, Fraction(1, 4 ** 10)),
    (exercises.q1, "1e-6"),
    (exercises.q1, "(1/4)**10"),
    (exercises.q1, "2**-20"),
    (exercises.q1, np.float64(1e-6)),
    (exercises.q1, 0.25 ** 9),
    (exercises.q2, "B"),
    (exercises.q3, {"activation": "relu"}),
    (exercises.q3, {"activation": "leaky_relu"}),
    (exercises.q4, {"learning_rate": 1.0}),
    (exercises.q4, {"hidden_layers": 1}),
    (exercises.q5, {"bias_init": 0.5}),
    (exercises.q5, {"bias_init": -1.0}),
    (exercises.q6, backward_step),
    (exercises.q7, "0"),
    (exercises.q7, 0.0),
]

NOT_IN_MESSAGES = {   # ways of stating 05.q1's answer that its spellings do not cover
    exercises.q1: ["a millionth", "(1/4)¹⁰", "ten factors σ′ ≤ 1/4 remain"],
}
