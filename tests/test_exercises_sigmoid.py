"""Notebook 01's exercises: other correct forms pass, typical slips get a reason."""
import math

import numpy as np
import pytest

import actlib
from actlib.exercises import sigmoid as exercises

sigmoid = actlib.get("sigmoid")


@pytest.mark.parametrize("exercise, answer", [
    (exercises.q1, "sigma(z)*(1-sigma(z))"),
    (exercises.q1, "1/(1+exp(-z)) * exp(-z)/(1+exp(-z))"),
    (exercises.q1, "exp(z)/(1+exp(z))^2"),
    (exercises.q2, [1 / 4, 0.0]),
    (exercises.q3, sigmoid.derivative),
    (exercises.q3, lambda z: np.exp(-z) / (1 + np.exp(-z)) ** 2),  # fine for |z| <= 100
    (exercises.q4, 10.0),
    (exercises.q5, "A"),
])
def test_other_correct_forms_pass(exercise, answer):
    assert exercise(answer).correct is True


@pytest.mark.parametrize("exercise, answer, words", [
    (exercises.q1, "exp(-z)/(1+exp(-z))", "square is missing"),
    (exercises.q1, "-exp(-z)/(1+exp(-z))**2", "wrong sign"),              # sign slip in the chain rule
    (exercises.q1, "exp(-z)/(1+exp(-z))**3", "your expression gives"),    # no slip it knows: the numbers
    (exercises.q1, "s*(1-s)", "uses s"),
    (exercises.q2, (1, 0), "largest value: 1 is the sigmoid's upper limit"),
    (exercises.q2, (0.25, 0.5), "z: 0.5 is σ(z) at the peak"),
    (exercises.q2, (0.3, 0), "largest value: 0.3 is too large"),
    (exercises.q2, (0, 0.25), "right but swapped"),
    (exercises.q2, 0.25, "expected 2 values"),
    (exercises.q4, 9, "3.8e-06 is still above 1e-6"),
    (exercises.q4, 11, "so is a power with fewer layers"),
    (exercises.q4, 9.97, "round it"),
    (exercises.q4, 9.5, "too small"),
    (exercises.q5, "c", "(c) is not it"),
])
def test_typical_wrong_answers_fail(exercise, answer, words):
    feedback = exercise(answer)
    assert feedback.correct is False and words in feedback.message, feedback
    assert feedback.hint == exercise.hints[0]


def test_textbook_identity_is_judged_wrong_in_the_tail_with_a_hint():
    feedback = exercises.q3(lambda z: sigmoid(z) * (1 - sigmoid(z)))
    assert feedback.correct is False
    assert feedback.message.startswith("at z = 37 your function returned 0, but the right value is 8.53305e-17")
    assert "1 − σ(z)" in feedback.hint and "36.7" in feedback.hint


def test_a_function_that_raises_is_feedback_not_a_traceback():
    def sigmoid_slope(z):
        e = math.exp(-z)
        return e / (1 + e) ** 2 * z / z  # a slip that fails at one point only

    feedback = exercises.q3(sigmoid_slope)
    assert feedback.correct is False
    assert repr(feedback).startswith("✗ Not yet: at z = 0 your function raised ZeroDivisionError: float division by zero.")
