"""Notebook 01's exercises: other correct forms pass, typical slips get a reason."""
import math

import numpy as np
import pytest

import actlib
from actlib.exercises import sigmoid as exercises

sigmoid = actlib.get("sigmoid")


@pytest.mark.parametrize("exercise, answer", [
    (exercises.q1, 1e-6),
    (exercises.q1, "3.8e-6"),
    (exercises.q1, 0.25**10),
    (exercises.q2, "2*sigma(2*z)*(1-sigma(2*z))"),
    (exercises.q2, "2*exp(-2*z)/(1+exp(-2*z))**2"),
    (exercises.q3, lambda upstream, s: upstream * (s - s * s)),
    (exercises.q4, "A"),
    (exercises.q5, sigmoid.derivative),
    (exercises.q5, lambda z: np.exp(-z) / (1 + np.exp(-z)) ** 2),  # fine for |z| <= 100
])
def test_other_correct_forms_pass(exercise, answer):
    assert exercise(answer).correct is True


@pytest.mark.parametrize("exercise, answer, words", [
    (exercises.q1, 0.25, "keeps most of the gradient"),
    (exercises.q1, 1e-3, "too much"),
    (exercises.q1, 1e-10, "too little"),
    (exercises.q1, "a millionth", "could not read"),
    (exercises.q2, "sigma(2*z)*(1-sigma(2*z))", "inner derivative d(2z)/dz = 2"),
    (exercises.q2, "2*sigma(z)*(1-sigma(z))", "evaluated at the inner value 2z"),
    (exercises.q3, lambda upstream, s: upstream * s * (1 + s), "still the planted bug"),
    (exercises.q3, lambda upstream, s: s * (1 - s), "upstream gradient"),
    (exercises.q3, "upstream * s * (1 - s)", "the corrected function itself"),
    (exercises.q4, "c", "genuinely tiny"),
    (exercises.q4, "b", "treats the symptom"),
])
def test_typical_wrong_answers_fail(exercise, answer, words):
    feedback = exercise(answer)
    assert feedback.correct is False and words in feedback.message, feedback
    assert feedback.hint == exercise.hints[0]


def test_textbook_identity_is_judged_wrong_in_the_tail_with_a_hint():
    feedback = exercises.q5(lambda z: sigmoid(z) * (1 - sigmoid(z)))
    assert feedback.correct is False
    assert feedback.message.startswith("at z = 37 your function returned 0, but the right value is 8.53305e-17")
    assert "1 − σ(z)" in feedback.hint and "36.7" in feedback.hint


def test_a_function_that_raises_is_feedback_not_a_traceback():
    def sigmoid_slope(z):
        e = math.exp(-z)
        return e / (1 + e) ** 2 * z / z  # a slip that fails at one point only

    feedback = exercises.q5(sigmoid_slope)
    assert feedback.correct is False
    assert repr(feedback).startswith("✗ Not yet: at z = 0 your function raised ZeroDivisionError: float division by zero.")


def test_the_depth_prediction_accepts_what_the_chains_measure():
    from actlib.chain import chain_gradients
    from actlib.seeds import SEEDS
    for seed in SEEDS:
        measured = chain_gradients(sigmoid, depth=10, width=32, seed=seed).relative[0]
        assert exercises.q1(measured).correct is True, seed
        assert measured < 0.25**9 / 1.5, seed   # the notebook: 1.6 to 3.6 times below the σ′ bound
