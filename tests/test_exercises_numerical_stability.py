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


def test_naive_log_sigmoid_is_told_both_ways_it_breaks():
    message = exercises.q2(lambda z: math.log(1 / (1 + math.exp(-z)))).message
    assert message.startswith("at z = -710 your function raised OverflowError")
    assert "at z = 36.9 it returned 0, but the right value is -9.43048e-17: every digit is lost" in message


def test_a_correct_but_differently_written_log_sigmoid_passes_every_hard_point():
    assert exercises.q2(lambda z: min(z, 0.0) - math.log1p(math.exp(-abs(z)))).correct is True


@pytest.mark.parametrize("answer, words", [(709.78, "exp(z) overflows"), (17.33, "float32 threshold")])
def test_thresholds_of_other_roundings_are_named(answer, words):
    feedback = exercises.q1(answer)
    assert feedback.correct is False and words in feedback.message, feedback
