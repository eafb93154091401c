"""Notebook 02's exercises: written solutions pass, blanks are 'not answered', typical slips get a reason."""
import math

import numpy as np
import pytest

from actlib.exercises import tanh as exercises


@pytest.mark.parametrize("exercise, answer", [
    (exercises.q1, "1/cosh(z)**2"),
    (exercises.q1, "4*exp(-2*z)/(1+exp(-2*z))^2"),
    (exercises.q2, "4"),
    (exercises.q3, "B"),
])
def test_other_correct_forms_pass(exercise, answer):
    assert exercise(answer).correct is True


@pytest.mark.parametrize("exercise, answer, words", [
    (exercises.q1, "1 - tanh(z)", "a square is missing"),
    (exercises.q1, "tanh(z)*(1 - tanh(z))", "the sigmoid's rule"),
    (exercises.q1, "tanh(z)**2 - 1", "wrong sign"),
    (exercises.q1, "1 - tanh(z)**3", "your expression gives"),
    (exercises.q2, 2, "one of two factors"),
    (exercises.q2, 0.25, "largest value of σ′"),
    (exercises.q3, "a", "tanh saturates too"),
])
def test_typical_wrong_answers_fail_with_a_reason(exercise, answer, words):
    feedback = exercise(answer)
    assert feedback.correct is False and words in feedback.message, feedback


def test_textbook_identity_fails_in_the_tail():
    feedback = exercises.q4(lambda z: 1 - math.tanh(z) ** 2)
    assert feedback.correct is False and "19.0" in feedback.hint


def test_numpy_function_is_accepted():
    assert exercises.q4(lambda z: 4 * np.exp(-2 * abs(z)) / (1 + np.exp(-2 * abs(z))) ** 2).correct is True


def test_textbook_identity_is_told_that_every_digit_is_lost_from_z_19_on():
    message = exercises.q4(lambda z: 1 - math.tanh(z) ** 2).message
    assert message.startswith("at z = 20 your function returned 0, but the right value is 1.69934e-17: every digit is lost")
    assert "on both sides" in message


def test_sigmoid_rule_for_tanh_is_named():
    feedback = exercises.q4(lambda z: math.tanh(z) * (1 - math.tanh(z)))
    assert feedback.correct is False and "the sigmoid's rule" in feedback.message
