"""Notebook 09's exercises: written solutions pass, blanks are 'not answered', typical slips get a reason."""
import math

import numpy as np
import pytest

from actlib.training.layer_chains import chain_gradients
from actlib_course.exercises import notebook09_derivative_card as exercises


def test_the_prediction_is_judged_against_the_range_of_the_runs_it_predicts():
    runs = [chain_gradients("tanh", depth=100, width=32, seed=seed).relative[0] for seed in range(5)]
    assert list(exercises.tanh_kept().values) == runs and exercises.tanh_kept_deep(3) == runs[3]
    low, high = min(runs), max(runs)
    assert all(exercises.q1(run).correct for run in runs)               # every seed's own value counts
    assert exercises.q1(low / 1.45).correct and exercises.q1(high * 1.45).correct
    assert not exercises.q1(low / 1.55).correct and not exercises.q1(high * 1.55).correct
    assert 0.001 < low < 0.0015 and 0.025 < high < 0.035                 # "0.0011 to 0.03" in the prose


def test_an_answer_at_the_low_end_is_right_and_told_where_it_falls():
    feedback = exercises.q1(0.13 ** (10 / 3))                            # the 30-layer loss compounded
    assert feedback.correct and "low end" in feedback.message, feedback
    assert "low end" not in exercises.q1(0.015).message


def test_the_planted_bug_fails_in_the_left_tail_and_the_fix_passes():
    buggy = exercises._buggy_sigmoid_slope
    assert all(math.isclose(buggy(z), math.exp(-abs(z)) / (1 + math.exp(-abs(z))) ** 2) for z in (-10.0, 0.0, 10.0))
    feedback = exercises.q3(buggy)
    assert feedback.correct is False and "z = -400" in feedback.message, feedback
    assert exercises.q3(lambda z: np.exp(-abs(z)) / (1 + np.exp(-abs(z))) ** 2).correct is True
    assert exercises.q3(lambda z: math.exp(-abs(z)) / (1 + math.exp(-abs(z)))).correct is False  # no square
