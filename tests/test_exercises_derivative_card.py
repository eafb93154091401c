"""Notebook 09's exercises: written solutions pass, blanks are 'not answered', typical slips get a reason."""
import math

import numpy as np
import pytest

from actlib.chain import chain_gradients
from actlib.exercises import derivative_card as exercises


def test_the_prediction_is_judged_against_the_run_it_predicts():
    run = chain_gradients("tanh", depth=100, width=32, seed=0).relative[0]
    assert exercises.tanh_kept_deep() == run
    assert exercises.q1(run).correct and exercises.q1(run / 2.9).correct and exercises.q1(run * 2.9).correct
    assert not exercises.q1(run / 3.1).correct and not exercises.q1(run * 3.1).correct


@pytest.mark.parametrize("exercise, answer, words", [
    (exercises.q1, 0.13 ** (10 / 3), "too small"),   # the 30-layer loss compounded
    (exercises.q1, 0.13, "too large"),            # the deep layers lose nothing
    (exercises.q1, 1.5, "too large"),
    (exercises.q1, -0.1, "positive"),
    (exercises.q2, "a", "cannot undo"),
    (exercises.q2, "c", "LeCun's scale"),
    (exercises.q2, "d", "one layer"),
])
def test_typical_wrong_answers_fail_with_a_reason(exercise, answer, words):
    feedback = exercise(answer)
    assert feedback.correct is False and words in feedback.message, feedback


def test_the_planted_bug_fails_in_the_left_tail_and_the_fix_passes():
    buggy = exercises._buggy_sigmoid_slope
    assert all(math.isclose(buggy(z), math.exp(-abs(z)) / (1 + math.exp(-abs(z))) ** 2) for z in (-10.0, 0.0, 10.0))
    feedback = exercises.q3(buggy)
    assert feedback.correct is False and "z = -400" in feedback.message, feedback
    assert exercises.q3(lambda z: np.exp(-abs(z)) / (1 + np.exp(-abs(z))) ** 2).correct is True
    assert exercises.q3(lambda z: math.exp(-abs(z)) / (1 + math.exp(-abs(z)))).correct is False  # no square
