"""Wrong answers to notebook 04's exercises, tried as a student would."""
from fractions import Fraction

import numpy as np

from actlib_course.exercises import notebook04_leaky_relu as exercises


# q4: leaky_layer_gradients(X, W, b, upstream, alpha) -> (dW, db), summed over the minibatch
def _layer(slope=lambda Z, alpha: np.where(Z > 0, 1.0, alpha), db=lambda delta: delta.sum(axis=0),
           dW=lambda X, delta: X.T @ delta):
    def leaky_layer_gradients(X, W, b, upstream, alpha=0.01):
        Z = X @ W + b
        delta = upstream * slope(Z, alpha)
        return dW(X, delta), db(delta)
    return leaky_layer_gradients


planted_bug_left = _layer(db=lambda delta: delta.sum(axis=1))
summed_over_everything = _layer(db=lambda delta: delta.sum())
averaged_over_examples = _layer(db=lambda delta: delta.mean(axis=0))
kept_the_dimension = _layer(db=lambda delta: delta.sum(axis=0, keepdims=True))
relu_slope = _layer(slope=lambda Z, alpha: (Z > 0) * 1.0)
slopes_swapped = _layer(slope=lambda Z, alpha: np.where(Z > 0, alpha, 1.0))
branch_value_for_slope = _layer(slope=lambda Z, alpha: np.where(Z > 0, 1.0, alpha * Z))
no_slope = _layer(slope=lambda Z, alpha: np.ones_like(Z))
transposed_dW = _layer(dW=lambda X, delta: delta.T @ X)
dW_averaged = _layer(dW=lambda X, delta: X.T @ delta / len(X))
upstream_for_db = _layer(db=lambda delta: delta.sum(axis=0) + 1.0)   # no known slip: db off everywhere


def every_sign_flipped(*args):   # coursework's all-wrong student: every part of the right pair negated
    return tuple(-part for part in _layer()(*args))


def fixed_in_a_loop(X, W, b, upstream, alpha=0.01):
    dW, db = np.zeros_like(W), np.zeros_like(b)
    for x, up in zip(X, upstream):
        z = x @ W + b
        delta = up * np.where(z > 0, 1.0, alpha)
        dW += np.outer(x, delta)
        db += delta
    return dW, db


def one_array(X, W, b, upstream, alpha=0.01):
    return X.T @ (upstream * np.where(X @ W + b > 0, 1.0, alpha))


WRONG_ANSWERS = [
    # (exercise, answer, the slip or misconception behind it, words the message must contain)
    (exercises.q1, 0.01, "left out the inner slope", ("inner slope",)),
    (exercises.q1, -2, "took the right branch at z = 1", ("right branch", "negative")),
    (exercises.q1, 0.02, "dropped the inner slope's sign", ("wrong sign", "its size is right")),
    (exercises.q1, -0.01, "inner slope −1 for −2", ("inner slope", "−1")),
    (exercises.q1, 0, "ReLU's left slope for Leaky ReLU's", ("ReLU's slope",)),
    (exercises.q1, -0.2, "no known slip: larger in size", ("too large in size",)),
    (exercises.q2, "a", "more layers", ("more layers",)),
    (exercises.q2, "c", "blames the rate", ("the rate is not the problem",)),
    (exercises.q2, "d", "more units", ("affine map",)),
    (exercises.q3, (1, 0.57), "like the sigmoid, both", ("per example:", "like the sigmoid?")),
    (exercises.q3, (0.008, 0.009), "per minibatch like tanh", ("per minibatch:", "like tanh?")),
    (exercises.q3, (0.25, 0.1), "per example: sizes matter on one example", ("per example:", "coin flips")),
    (exercises.q3, (0.008, 0.8), "per minibatch: all agree", ("per minibatch:", "signs can mix")),
    (exercises.q3, (0.1, 0.008), "swapped the two", ("swapped",)),
    (exercises.q4, planted_bug_left, "left the planted bug: db summed over the units", ("still the planted bug", "one entry per example")),
    (exercises.q4, summed_over_everything, "db summed over every axis", ("one number",)),
    (exercises.q4, averaged_over_examples, "db averaged, not summed", ("mean", "sum of the examples' losses")),
    (exercises.q4, kept_the_dimension, "db of shape (1, m)", ("shape (1, 4)", "its values are right")),
    (exercises.q4, relu_slope, "ReLU's slope in delta", ("ReLU's slope", "db carries the same slip")),
    (exercises.q4, slopes_swapped, "α on the wrong side", ("wrong sides",)),
    (exercises.q4, branch_value_for_slope, "the branch value α·z for its slope", ("branch's value",)),
    (exercises.q4, no_slope, "left out g′ altogether", ("leaves out the layer's slope",)),
    (exercises.q4, transposed_dW, "dW transposed", ("transposed",)),
    (exercises.q4, dW_averaged, "dW averaged, not summed", ("dW is the mean",)),
    (exercises.q4, upstream_for_db, "no known slip: db off in every entry", ("db differs from a gradient check in 4 of its 4 entries",)),
    (exercises.q4, every_sign_flipped, "every sign flipped (coursework's all-wrong student)", ("wrong sign",)),
    (exercises.q4, one_array, "returned dW alone", ("expected the pair (dW, db)",)),
    (exercises.q5, 0, "the right branch's ∂g/∂α", ("right branch",)),
    (exercises.q5, 0.7, "lost the sign of z", ("wrong sign", "its size is right")),
    (exercises.q5, -0.007, "the value α·z for its derivative", ("branch's value",)),
    (exercises.q5, 0.01, "∂g/∂z for ∂g/∂α", ("derivative in α",)),
    (exercises.q5, 1, "∂g/∂z on the right branch", ("right branch",)),
    (exercises.q6, (-5, -5), "max(αz, z): took αz", ("max(αz, z):", "αz is the smaller")),
    (exercises.q6, (-2.5, -2.5), "actlib: the max formula for actlib", ("actlib:", "branch by branch")),
    (exercises.q6, (-2.5, -0.025), "actlib: the default α = 0.01", ("actlib:", "default")),
    (exercises.q6, (5, -5), "max(αz, z): a positive max of negatives", ("max(αz, z):", "negative")),
    (exercises.q6, (-5, -2.5), "swapped the two", ("swapped",)),
]

RIGHT_ANSWERS = [   # correct answers in other forms than the written solution
    (exercises.q1, "-1/50"), (exercises.q1, Fraction(-1, 50)), (exercises.q1, "-2e-2"),
    (exercises.q2, "B"), (exercises.q3, (0.01, 0.2)), (exercises.q3, "0.005, 0.1"),
    (exercises.q4, fixed_in_a_loop),
    (exercises.q5, -0.7), (exercises.q5, "-7/10"), (exercises.q5, np.float64(-0.7)),
    (exercises.q6, [-2.5, -5.0]), (exercises.q6, "(-5/2, -5)"),
]

NOT_IN_MESSAGES = {   # the keys in the words a message might use
    exercises.q3: ["0.8%", "2/2⁸", "a tenth"],
    exercises.q4: ["axis=0", "axis 0"],
    exercises.q6: ["−2.5", "−5"],
}
