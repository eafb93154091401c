"""Notebook 05's exercises: written solutions pass, blanks are 'not answered', the naive forms fail."""
import math

import pytest

from actlib.exercises import numerical_stability as exercises


def test_naive_log_sigmoid_fails_with_the_point_named():
    feedback = exercises.q2(lambda z: math.log(1 / (1 + math.exp(-z))))
    assert feedback.correct is False and "raised OverflowError" in feedback.message


def test_threshold_accepts_two_digits_and_rejects_the_float32_one():
    assert exercises.q1(37).correct is True
    assert exercises.q1(17.3).correct is False


def test_choice_explains_the_wrong_option():
    assert "cannot overflow" in exercises.q3("c").message
