"""Notebook 04's exercises beyond the wrong-answer table (tests/wrong_answers/leaky_relu.py): the prediction
against the measured signs, the layer gradients against a finite-difference check, each exercise's kind."""
import numpy as np

import actlib
from actlib.training.layer_chains import weight_gradient_signs
from actlib_course.exercises import notebook04_leaky_relu as exercises
from actlib.training.seeds import SEEDS


def test_the_measured_signs_lie_in_the_accepted_ranges_for_other_seeds():
    per_example, per_minibatch = exercises.q3.checker.parts
    for seed in SEEDS:
        signs = weight_gradient_signs(actlib.get("leaky_relu"), **exercises.SIGNS_RUN, seed=seed)
        assert per_example.accepts(signs.per_example) and per_minibatch.accepts(signs.per_minibatch)


def test_the_key_of_the_layer_gradients_agrees_with_finite_differences_of_the_summed_loss():
    """What the checker calls right is the gradient of L = Σ upstream · g(XW + b), found numerically."""
    g = actlib.get("leaky_relu")
    X, W, b, upstream = exercises._layer_case()
    namespace = {}
    exec(exercises.q4.answer_code, namespace)
    dW, db = namespace["answer"](X, W, b, upstream)

    def loss(W, b):
        return float(np.sum(upstream * g(X @ W + b)))

    h = 1e-6
    for index in np.ndindex(W.shape):
        step = np.zeros_like(W)
        step[index] = h
        assert np.isclose(dW[index], (loss(W + step, b) - loss(W - step, b)) / (2 * h), rtol=1e-6, atol=1e-9)
    for index in range(b.size):
        step = np.zeros_like(b)
        step[index] = h
        assert np.isclose(db[index], (loss(W, b + step) - loss(W, b - step)) / (2 * h), rtol=1e-6, atol=1e-9)
    assert np.all(np.abs(X @ W + b) > 1e-3)   # no z at the kink, where a finite difference straddles it
    assert 0 < np.mean(X @ W + b > 0) < 1     # both branches in use


def test_every_exercise_has_its_kind():
    assert [q.kind for q in exercises.EXERCISES] == ["apply", "diagnose", "predict", "find the bug", "apply", "apply"]


def test_the_hint_shown_is_about_the_value_that_is_wrong():
    assert exercises.q3((1, 0.1)).hint == exercises.q3.hints[0]
    assert exercises.q3((0.008, 0.9)).hint == exercises.q3.hints[1]
